"""Web addresses a user may give: http and https only, in the shape a browser would load.

A source link or a ``base_url`` ends up in every page's ``href`` and in feeds, so anything else
(``javascript:``, ``data:``, a scheme hidden behind spaces or tabs, a CR/LF that would inject
lines into a feed or the sitemap) is refused when the data is read, not escaped later.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_FORBIDDEN = re.compile(r"[\x00-\x20\x7f-\x9f\"<>\\^`{|}]")  # controls, spaces, unsafe marks


def web_url_problem(value: object) -> str | None:
    """Why ``value`` is not an http(s) address, or None when it is one."""
    if not isinstance(value, str):
        return f"must be a web address (text), not {type(value).__name__}"
    if _FORBIDDEN.search(value):
        return "must be a web address without spaces, control characters or quotes"
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as error:
        return f"is not a valid web address ({error})"
    if parts.scheme not in ("http", "https"):
        return "must start with https:// or http://"
    host = parts.hostname or ""
    if not ("." in host.strip(".") or ":" in host or host == "localhost"):
        return "must name a host (https://example.org/...)"
    if port == 0:
        return "has an invalid port"
    return None
