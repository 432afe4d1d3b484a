"""``calgen serve``: build, serve the output on 127.0.0.1, rebuild when inputs change.

A development server, not a production one: it serves files from the output folder with the
content types calendar clients expect, and polls the project's inputs twice a second.
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

CONTENT_TYPES = {
    ".ics": "text/calendar; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
}
POLL_SECONDS = 0.5


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 - the base class's own attribute, extended
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        **CONTENT_TYPES,
    }

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: the terminal shows builds, not every request


def snapshot(paths: Iterable[Path]) -> dict[Path, tuple[int, int]]:
    """Modification time and size of every file under ``paths`` (files or folders)."""
    found: dict[Path, tuple[int, int]] = {}
    for path in paths:
        files = [path] if path.is_file() else path.rglob("*") if path.is_dir() else []
        for file in files:
            if file.is_file():
                stat = file.stat()
                found[file] = (stat.st_mtime_ns, stat.st_size)
    return found


def serve(
    out: Path,
    port: int,
    rebuild: Callable[[], None],
    watched: Callable[[], list[Path]],
    announce: Callable[[str], None],
    stop: threading.Event | None = None,
) -> None:
    """Serve ``out`` until interrupted (or ``stop`` is set); call ``rebuild`` on changes."""
    handler = functools.partial(_Handler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    announce(f"serving {out} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)")
    stop = stop or threading.Event()
    state = snapshot(watched())
    try:
        while not stop.wait(POLL_SECONDS):
            current = snapshot(watched())
            if current != state:
                state = current
                time.sleep(0.1)  # let an editor finish writing
                rebuild()
                state = snapshot(watched())
    except KeyboardInterrupt:
        announce("stopped")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
