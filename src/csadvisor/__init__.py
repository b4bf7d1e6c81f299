"""csadvisor: a command-line career advisor for people who work in customer service."""

__version__ = "0.1.0"
