"""``python -m calendargen``."""

from calendargen.cli import main

main()
