"""The catalogue's files as a previous build read them, so that a build reads again only the
files that changed (reading and checking every file is most of a small rebuild's plan).

Each file read without a problem is kept in the build's state folder (``.NAME.calgen/parsed``),
under a key made of calendargen's code, the libraries it runs on, the file's name and content
and what its checks depend on (the categories). A key whose entry is there is the same file
read by the same code: its result is taken as it is. Nothing else is trusted: the state folder
may come from elsewhere (copied, committed), so an entry is read by an unpickler that builds
only the catalogue's own data classes and dates, never calls anything else, and anything it
cannot read is read from the file again. A catalogue with a problem is read again without
these results, so that every message has its line and column.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import stat
from collections.abc import Callable
from dataclasses import is_dataclass
from datetime import date
from pathlib import Path

from calendargen import model, schema, translations
from calendargen.rules import base

MAX_ENTRY_BYTES = 50_000_000  # more is not what a build of a data file wrote

_BUILT = {  # what an entry may hold: the catalogue's data classes, and dates
    (c.__module__, c.__qualname__): c
    for module in (model, base, schema, translations)
    for c in vars(module).values()
    if isinstance(c, type) and is_dataclass(c) and c.__module__ == module.__name__
} | {("datetime", "date"): date}


class _DataOnly(pickle.Unpickler):
    """An unpickler that builds the classes of ``_BUILT`` and nothing else."""

    def find_class(self, module: str, name: str) -> type:
        found = _BUILT.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not catalogue data")
        return found

    def persistent_load(self, pid: object) -> object:
        raise pickle.UnpicklingError("no persistent ids in catalogue data")


class ParsedFiles:
    """What the files of a catalogue gave when read, by key (see the module's docstring)."""

    def __init__(self, folder: Path | None, code: str) -> None:
        self.folder = folder
        self.code = code
        self.used: set[str] = set()
        self.hits: set[str] = set()
        self._new: dict[str, object] = {}  # pickled only when saved: memory stays small

    def key(self, kind: str, display: str, content: bytes, context: str = "") -> str:
        """The key of a file of ``kind`` named ``display`` holding ``content``, read in
        ``context``."""
        digest = hashlib.sha256()
        for part in (self.code, kind, display, context):
            digest.update(part.encode() + b"\0")
        digest.update(content)
        self.used.add(key := digest.hexdigest())
        return key

    def get(self, key: str, shaped: Callable[[object], bool]) -> object | None:
        """The result kept under ``key``, if there is one and it is ``shaped`` as the result
        of its kind of file, else None."""
        if self.folder is None:
            return None
        try:
            data = _read_regular(self.folder / key)
            found: object = _DataOnly(io.BytesIO(data)).load()
        except Exception:  # a missing, damaged or foreign entry: read the file instead
            return None
        if not shaped(found):
            return None
        self.hits.add(key)
        return found

    def put(self, key: str, value: object) -> None:
        """Keep ``value``, the result of the file keyed ``key``, for the next build."""
        if self.folder is not None and key not in self.hits:
            self._new[key] = value

    def forget(self) -> None:
        """Keep nothing of this read (it found a problem)."""
        self._new.clear()
        self.used.clear()
        self.hits.clear()

    def save(self) -> None:
        """Write the new results and remove those this build did not use. Called by the
        build holding the output's lock; a failure costs only time at the next build."""
        if self.folder is None:
            return
        with contextlib.suppress(OSError):
            self.folder.mkdir(exist_ok=True)
            if self.folder.is_symlink():  # not the build's own folder: leave it alone
                return
            for key, value in self._new.items():
                part = self.folder / f"{key}.{os.getpid()}.part"
                part.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
                os.replace(part, self.folder / key)
            for entry in os.scandir(self.folder):
                if entry.name not in self.used and entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)
        self._new.clear()


def _read_regular(path: Path) -> bytes:
    """A regular file's bytes, up to a bound; refused if it is a link, a FIFO, a device or
    larger (``OSError``)."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK
    descriptor = os.open(path, flags)
    with open(descriptor, "rb") as file:
        found = os.fstat(descriptor)
        if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_ENTRY_BYTES:
            raise OSError(f"{path} is not a result of calendargen")
        return file.read(MAX_ENTRY_BYTES)
