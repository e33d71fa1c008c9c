import sys

from gs_assistant.cli import main

sys.exit(main())
