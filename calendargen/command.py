"""The ``calgen`` command's entry point: ``calgen --version`` answers before the command line
(click, the commands) is even imported, so it costs little more than starting Python."""

from __future__ import annotations

import sys


def run() -> None:
    if sys.argv[1:] == ["--version"]:
        from calendargen import __version__

        print(f"calgen, version {__version__}")
        return
    from calendargen.cli import main

    main()
