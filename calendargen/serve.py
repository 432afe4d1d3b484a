"""``calgen serve``: build, serve the output on 127.0.0.1, rebuild when inputs change.

A development server, not a production one: it serves files from the output folder with the
content types calendar clients expect, and polls the project's inputs twice a second. While
nothing changes, it prepares what the next rebuild starts from (``output.make_spare``).
"""

from __future__ import annotations

import functools
import http.server
import multiprocessing
import signal
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from pathlib import Path

from calendargen.errors import ServeError
from calendargen.output import make_spare

CONTENT_TYPES = {
    ".ics": "text/calendar; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
}
POLL_SECONDS = 0.5


IDLE_SECONDS = 10  # a connection that sends nothing is closed, so it cannot hold a thread


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 - the base class's own attribute, extended
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        **CONTENT_TYPES,
    }
    timeout = IDLE_SECONDS

    def send_head(self):  # type: ignore[no-untyped-def]
        """A NUL in the path is a bad request (the file system cannot name it); calgen's own
        bookkeeping (``.calgen-*``) is not part of the site; a missing page gets 404.html."""
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        if "\x00" in path:
            self.send_error(400, "Bad request")
            return None
        if any(part.startswith(".calgen") for part in path.split("/")):
            self.send_error(404, "Not found")
            return None
        return super().send_head()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page gets the site's own 404.html, as a static host would serve it."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", CONTENT_TYPES[".html"])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: the terminal shows builds, not every request


def snapshot(paths: Iterable[Path]) -> dict[Path, tuple[int, int]]:
    """Modification time and size of every file under ``paths`` (files or folders)."""
    found: dict[Path, tuple[int, int]] = {}
    for path in paths:
        files = [path] if path.is_file() else path.rglob("*") if path.is_dir() else []
        for file in files:
            try:
                if file.is_file() and not file.name.startswith("."):  # not an editor's lock
                    stat = file.stat()
                    found[file] = (stat.st_mtime_ns, stat.st_size)
            except OSError:  # removed while we looked
                continue
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
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as error:
        raise ServeError(f"cannot serve on port {port}: {error.strerror}") from None
    state = snapshot(watched())  # before the announcement: an edit made on seeing it is new
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    announce(f"serving {out} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)")
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():  # SIGTERM stops like Ctrl-C
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        while not stop.wait(POLL_SECONDS):
            if snapshot(watched()) != state:
                time.sleep(0.1)  # let an editor finish writing
                # what this rebuild reads: a change made while it runs is seen at the next poll
                # (a snapshot taken after the rebuild would swallow it)
                state = snapshot(watched())
                rebuild()
            else:  # while nothing changes: the next rebuild's staging, if there is none
                make_spare(out)
    except KeyboardInterrupt:
        announce("stopped")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
        for worker in multiprocessing.active_children():  # a rebuild's forked workers
            worker.terminate()
            worker.join(timeout=5)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
