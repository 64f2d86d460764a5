"""The tool version: part of every record's pipeline info and of the incremental check."""

__version__ = "0.4.0"
