"""export (see command.py for its CLI)."""
