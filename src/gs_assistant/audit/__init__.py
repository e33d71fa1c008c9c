"""audit (see command.py for its CLI)."""
