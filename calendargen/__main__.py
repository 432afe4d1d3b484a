"""``python -m calendargen``."""

from calendargen.command import run

run()
