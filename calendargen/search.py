"""The site's search index, built by Pagefind (a static index searched in the browser: no
service, no external request) from every entry's name in every locale.

Pagefind indexes HTML. It gets one small page per locale, in a temporary folder, holding each
entry as a heading (its id the entry's id) followed by its English name, so a search in any
language also finds an entry by its English name; a hit comes back as a sub-result
``...#ID``, which the site's search script turns into a link to the entry's page.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Iterable
from html import escape
from pathlib import Path

from calendargen.errors import BuildError, Problem

BUNDLE = "pagefind"  # the index's folder in the site
UNUSED = ("pagefind-ui", "pagefind-component-ui", "pagefind-modular-ui", "pagefind-highlight")

Entry = tuple[str, str, str]  # id, name in the locale, English name


def _page(lang: str, entries: Iterable[Entry]) -> str:
    sections = "".join(
        f'<h2 id="{escape(entry_id)}">{escape(name)}</h2>'
        + (f"<p>{escape(english)}</p>" if english != name else "")
        for entry_id, name, english in entries
    )
    return (
        f'<!DOCTYPE html><html lang="{escape(lang)}"><head><meta charset="utf-8"><title>'
        f"{escape(lang)}</title></head><body data-pagefind-body>{sections}</body></html>"
    )


def executable() -> Path | None:
    """The Pagefind binary of the ``pagefind-bin`` package, None where it has none."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        return None
    try:
        return Path(get_executable())
    except (FileNotFoundError, RuntimeError, OSError):
        return None


def build_index(by_language: dict[str, list[Entry]]) -> dict[str, bytes]:
    """The index's files, ``{"pagefind/...": bytes}``, for pages whose ``lang`` is a key of
    ``by_language``; empty when Pagefind is not available on this system."""
    binary = executable()
    if binary is None or not by_language:
        return {}
    with tempfile.TemporaryDirectory(prefix="calgen-search-") as folder:
        root = Path(folder)
        for lang, entries in by_language.items():
            page = root / lang / "index.html"
            page.parent.mkdir(parents=True)
            page.write_text(_page(lang, entries), encoding="utf-8")
        done = subprocess.run(
            [str(binary), "--site", str(root), "--output-subdir", BUNDLE, "--silent"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise BuildError(Problem(f"the search index (Pagefind) failed: {done.stderr.strip()}"))
        files = {}
        for path in sorted((root / BUNDLE).rglob("*")):
            if path.is_file() and not path.name.startswith(UNUSED):
                files[path.relative_to(root).as_posix()] = path.read_bytes()
    entry = f"{BUNDLE}/pagefind-entry.json"
    if entry in files:  # Pagefind writes its languages in hash order: make it byte-stable
        data = json.loads(files[entry])
        files[entry] = json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
    return files
