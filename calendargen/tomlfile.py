"""Reading a user's TOML file: every way it can fail becomes one message for the user."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli


class UnreadableToml(Exception):
    """A TOML file that cannot be read; ``str(error)`` is the message for the user."""


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """A file's data and its text (a byte-order mark dropped)."""
    try:
        text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise UnreadableToml("not UTF-8 text") from None
    try:
        return tomli.loads(text), text
    except ValueError as error:  # TOMLDecodeError, or an integer too long to convert
        raise UnreadableToml(f"malformed TOML: {error}") from None
    except RecursionError:
        raise UnreadableToml("malformed TOML: nested too deeply") from None
