"""gs-assistant: drafting and checking applications for METI's Global South subsidy."""

__version__ = "0.1.0"
