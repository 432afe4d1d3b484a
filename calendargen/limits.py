"""Limits every layer shares (the rules, the engine, the catalogue, the command line)."""

MAX_YEAR = 9999  # the last year a date can have (Python's date)
