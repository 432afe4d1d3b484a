"""Limits every layer shares (the rules, the engine, the catalogue, the command line)."""

MAX_YEAR = 9999  # the last year a date can have (Python's date)
NEXT_OCCURRENCES = 6  # the most next occurrences of an entry a page lists (engine.upcoming)
NEXT_MILESTONES = 8  # the most next milestones of an entry a page lists
