"""The output folder: the only place calendargen writes, switched whole from one build to the next.

A build is written into a staging folder beside the output, then the two are exchanged in one
step (``renameat2(RENAME_EXCHANGE)`` on Linux), so a reader, a sync or a build killed at any
moment sees the old site or the new one, never a mix. Unchanged files are hard links to the
previous ones (their modification time stays, so a sync uploads only what changed); files the
user put in the output are carried over; links in the output are never followed.

The site the exchange puts aside is kept as the *spare*: the next build updates it into its
staging folder, replacing only the files that differ, instead of making every folder and link
again and deleting the old site (on this project's default site that is 27,000 file system
operations a build). A spare whose update was interrupted is never used: its record is
removed before the update starts. A site built into a new folder has no spare: ``make_spare``
makes one (``calgen serve`` does while it waits for an edit).

calendargen's own bookkeeping (the manifest of what it wrote, each file's key for reuse, the
inputs' fingerprint, the lock, the staging folder, the spare) lives in ``.NAME.calgen/``
beside the output, never in the published folder.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from calendargen.errors import BuildError, Problem

if TYPE_CHECKING:
    from filelock import BaseFileLock

LEGACY = (".calgen-manifest", ".calgen-inputs", ".calgen.lock")  # inside the output, before
TEMP_PREFIX = ".calgen-tmp-"  # temporary files of builds before this writer
RENAME_EXCHANGE = 2
_UNPLANNED = re.compile(r"(?:^|/)\.{0,2}(?:/|$)")  # an empty, "." or ".." part of a path
Progress = Callable[[str, int, int], None]  # stage, done, total


def _silent(stage: str, done: int, total: int) -> None:
    pass


@dataclass
class Written:
    """What one process put into the staging folder."""

    names: list[str] = field(default_factory=list)
    written: int = 0
    unchanged: int = 0
    reused: int = 0  # kept from the previous build without being rendered
    problems: list[Problem] = field(default_factory=list)
    keys: dict[str, tuple[str, bool, int, int, int]] = field(default_factory=dict)  # reuse
    groups: dict[str, list[str]] = field(default_factory=dict)  # ``Staging.reuse_group``


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int
    reused: int  # of the unchanged, those not rendered again


@dataclass(frozen=True)
class OutputFolder:
    """The output folder and calendargen's state beside it."""

    path: Path

    @property
    def real(self) -> Path:
        """The folder itself (an output given as a link is followed once, at the top)."""
        return self.path.resolve()

    @property
    def state(self) -> Path:
        return self.real.parent / f".{self.real.name}.calgen"

    @property
    def manifest(self) -> Path:
        return self.state / "manifest"

    @property
    def fingerprint(self) -> Path:
        return self.state / "inputs"

    @property
    def staging(self) -> Path:
        return self.state / "next"

    @property
    def keys(self) -> Path:
        return self.state / "keys.json"

    @property
    def groups(self) -> Path:
        return self.state / "groups.json"

    @property
    def spare(self) -> Path:
        return self.state / "spare"

    @property
    def spare_files(self) -> Path:
        """The spare's record: its files, written once the spare is whole."""
        return self.state / "spare.json"

    def lock(self) -> BaseFileLock:
        """The lock a build holds while it writes (``acquire`` fails at once if taken)."""
        from filelock import FileLock  # here: reading the state (``calgen list``) takes no lock

        return FileLock(self.state / "lock", timeout=0)

    def written(self) -> set[str]:
        """The files the previous build wrote (its manifest)."""
        for manifest in (self.manifest, self.real / LEGACY[0]):
            if manifest.is_file():
                return {n for n in manifest.read_text(encoding="utf-8").split("\n") if n}
        return set()

    def up_to_date(self, inputs: str) -> bool:
        """Built from these inputs, and none of its files missing."""
        if not self.fingerprint.is_file() or self.fingerprint.read_text() != inputs:
            return False
        real = str(self.real)
        return all(os.path.isfile(os.path.join(real, name)) for name in self.written())


def _planned(name: str) -> bool:
    """Whether ``name`` is a path inside the output, as planned paths are (no "..", no
    absolute path, no empty part)."""
    return _UNPLANNED.search(name) is None


def _groups(found: object) -> dict[str, list[str]]:
    """A record of groups of files as read, if it is one (else none)."""
    if not isinstance(found, dict) or not all(
        isinstance(names, list) and all(isinstance(n, str) for n in names)
        for names in found.values()
    ):
        return {}
    return found


def _keys(found: object) -> dict[str, list[object]]:
    """The files' keys as read, each that is a record of one: its key, whether trimmed, its
    size and time as written (and inode); the others' files are made again."""
    if not isinstance(found, dict):
        return {}
    return {name: v for name, v in found.items() if isinstance(v, list) and len(v) >= 4}


def _spare_files(found: object) -> set[str] | None:
    """A record of the spare's files as read, if it is one: every name a path inside the
    folder (an empty folder's with a "/" after it), as ``_prune`` removes them."""
    if not isinstance(found, list) or not all(
        isinstance(name, str) and _planned(name.removesuffix("/")) for name in found
    ):
        return None
    return set(found)


def safe_path(relative: str) -> PurePosixPath:
    """A planned path, refused if it could leave the output folder."""
    path = PurePosixPath(relative)
    if path.is_absolute() or not path.parts or any(p in ("..", ".", "") for p in path.parts):
        raise BuildError(Problem(f"refusing to write outside the output folder: {relative!r}"))
    return path


def check_output_folder(out: Path, project: Path, inputs: list[Path]) -> None:
    """Refuse an output folder the build must not fill: the root, the home or current folder,
    the project or a folder holding it, or one that overlaps an input (data, templates)."""
    target = out.expanduser().resolve()
    refusal = None
    if target == Path(target.anchor):
        refusal = "is the root of the file system"
    elif target == Path.home().resolve():
        refusal = "is your home folder"
    elif target == Path.cwd().resolve():
        refusal = "is the current folder"
    elif project.resolve().is_relative_to(target):
        refusal = "holds the project"
    else:
        for place in inputs:
            place = place.resolve()
            if place.is_relative_to(target) or target.is_relative_to(place):
                refusal = f"overlaps {place}, which the build reads"
                break
    if refusal is None and target.exists() and not target.is_dir():
        refusal = "is not a folder"
    if refusal:
        raise BuildError(
            Problem(
                f"output folder '{out}' {refusal}", hint="choose a folder of its own, e.g. public"
            )
        )


def _same(path: str, found: os.stat_result, content: bytes) -> bool:
    """Whether the regular file at ``path`` (its status ``found``) holds ``content``."""
    if not stat.S_ISREG(found.st_mode) or found.st_size != len(content):
        return False
    try:
        with open(path, "rb") as file:
            return file.read() == content
    except OSError:
        return False


def _write(path: str, content: bytes) -> os.stat_result:
    """Write a new file; its status as written. (``open`` would add a buffer, and a terminal
    check and a seek in system calls, to each of a build's thousands of files.)"""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(handle, view) :]
        return os.fstat(handle)
    finally:
        os.close(handle)


def _parent(path: str) -> str:
    """The folder of a path under the output or the staging folder (``os.path.dirname``
    without its cases for other paths: it is called for every file)."""
    return path[: path.rfind("/")]


def _foreign(path: str) -> Problem:
    return Problem(
        f"{path} was not written by calgen and would be overwritten",
        hint="move it away, or pass --force",
    )


def _status(path: str) -> os.stat_result | None:
    """What is at ``path`` (a link is not followed), or None."""
    try:
        return os.lstat(path)
    except OSError:
        return None


def _keep(old: str | Path, new: str | Path) -> None:
    """``new`` becomes ``old`` without a copy where the file system allows (same inode: the
    modification time stays)."""
    try:
        os.link(old, new, follow_symlinks=False)
    except OSError:
        shutil.copy2(old, new, follow_symlinks=False)


def _carry_over(
    out: Path, staging: Path, skip: set[str], make_folder: Callable[[str], None]
) -> list[str]:
    """Bring the user's own files (not written by calgen, not replaced) into the new site;
    links are copied as links, never followed. Returns every file, link and empty folder
    (``NAME/``) of ``out``."""
    seen: list[str] = []
    folders = [(str(out), "")]
    while folders:
        folder, prefix = folders.pop()
        with os.scandir(folder) as listing:
            entries = list(listing)
        if prefix and not entries:
            seen.append(prefix)
        for entry in entries:
            name = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                folders.append((entry.path, name + "/"))
                continue
            seen.append(name)
            if name in skip or entry.name.startswith(TEMP_PREFIX):
                continue
            if not prefix and entry.name in LEGACY:
                continue
            target = os.path.join(staging, name)
            make_folder(os.path.dirname(target))
            _clear(target)  # the spare's copy, or what it holds at that place
            if entry.is_symlink():
                os.symlink(os.readlink(entry.path), target)
            elif entry.is_file(follow_symlinks=False):
                _keep(entry.path, target)
    return seen


def _clear(path: str | Path, keep: os.stat_result | None = None) -> bool:
    """Remove what is at ``path`` in the staging folder (a folder, a file, a link, never
    followed) unless it is already the file ``keep`` (then True); a missing path or parent is
    fine."""
    try:
        found = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    if stat.S_ISDIR(found.st_mode):
        shutil.rmtree(path)
    elif keep is not None and (found.st_ino, found.st_dev) == (keep.st_ino, keep.st_dev):
        return True
    else:
        os.unlink(path)
    return False


def _prune(staging: Path, stale: set[str]) -> None:
    """Remove the spare's files that the new site does not have, and the folders they leave
    empty; nothing under a link is touched (a link itself is removed, never followed)."""
    real: dict[Path, bool] = {staging: True}  # folder: a folder all the way from the staging

    def is_real(folder: Path) -> bool:
        if folder not in real:
            real[folder] = is_real(folder.parent) and stat.S_ISDIR(_mode(folder))
        return real[folder]

    folders: set[Path] = set()
    for name in stale:
        path = staging.joinpath(*PurePosixPath(name).parts)
        if not is_real(path.parent):
            continue
        if name.endswith("/"):  # a folder that was empty
            folders.add(path)
        else:
            _clear(path)
        folders.update(p for p in path.parents if p.is_relative_to(staging) and p != staging)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        if is_real(folder.parent) and stat.S_ISDIR(_mode(folder)):
            with contextlib.suppress(OSError):  # not empty
                folder.rmdir()


def _mode(path: Path) -> int:
    try:
        return os.lstat(path).st_mode
    except OSError:
        return 0


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux's renameat2); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes.util  # here: reading the output's state (``calgen list``) needs none of it

    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), RENAME_EXCHANGE)
    return bool(result == 0)


def _switch(out: Path, staging: Path, spare: Path) -> bool:
    """Make ``staging`` the output: exchanged atomically where possible, else renamed in two
    steps (a moment without the folder, never a mix). The previous site becomes ``spare``;
    returns whether there was one."""
    if not out.exists():
        os.replace(staging, out)
        return False
    if _exchange(staging, out):
        os.replace(staging, spare)  # now the previous site
        return True
    os.replace(out, spare)
    os.replace(staging, out)
    return True


def make_spare(out: Path) -> bool:
    """Make the spare of a site that has none (after a build into a new folder): links to the
    output's files, so that the next build updates it instead of linking every file itself
    (1.3 s of the first rebuild of the default site). ``calgen serve`` makes it while it waits
    for an edit. Nothing is done, and False returned, when the output is not calendargen's,
    there is a spare already, or a build holds the output."""
    folder = OutputFolder(out)
    record, spare = folder.spare_files, folder.spare
    if record.is_file() or not folder.manifest.is_file() or not os.path.isdir(folder.real):
        return False
    lock = folder.lock()
    try:
        lock.acquire()
    except OSError:  # a build holds it (``Timeout``), or the state folder is gone
        return False
    try:
        if record.is_file():  # a build made one meanwhile
            return False
        shutil.rmtree(spare, ignore_errors=True)  # a spare begun, never recorded
        spare.mkdir()
        made: set[str] = set()

        def make_folder(path: str) -> None:
            if path not in made:
                os.makedirs(path, exist_ok=True)
                made.add(path)

        files = _carry_over(folder.real, spare, set(), make_folder)
        record.write_text(json.dumps(files), encoding="utf-8")
        return True
    except OSError:  # a full disk, a folder removed meanwhile: the next build makes its own
        shutil.rmtree(spare, ignore_errors=True)
        return False
    finally:
        lock.release()


class Staging:
    """A build's files, written into the staging folder as they are rendered, then switched in
    whole (``commit``); leaving the ``with`` block on an error discards them, and the output
    stays as it was.

    Forked workers inherit the staging and ``put`` their own files; each hands what it wrote
    (``take``) to the parent, which ``add``s it before the commit. A file the previous build
    did not write is never overwritten (unless ``force``) and links are never written through:
    such files are reported, all at once, when the parent commits."""

    def __init__(self, out: Path, force: bool = False) -> None:
        self.folder = OutputFolder(out)
        self._out = self.folder.real
        self._staging = self.folder.staging
        self.force = force
        self.previous = self.folder.written()
        self.keys: dict[str, list[object]] = {}  # the previous build's: key, trimmed, size
        if self.folder.keys.is_file():
            with contextlib.suppress(ValueError):  # unreadable: render everything
                self.keys = _keys(json.loads(self.folder.keys.read_text(encoding="utf-8")))
        self.groups: dict[str, list[str]] = {}  # the previous build's: a group's files
        if self.folder.groups.is_file() and self.keys:
            with contextlib.suppress(ValueError):
                self.groups = _groups(json.loads(self.folder.groups.read_text(encoding="utf-8")))
        self._lock = self.folder.lock()
        self._spare: set[str] | None = None  # the files of the spare the staging starts from
        self._out_text, self._staging_text = str(self._out), str(self._staging)
        self._folders: set[str] = set()
        self._links: dict[str, str | None] = {}
        self._done = Written()
        self._all: list[Written] = []
        self._fresh = False  # no output when the build started: no file of it to check

    def __enter__(self) -> Staging:
        out = self._out
        if (
            not self.force
            and not self.previous
            and out.is_dir()
            and any(p.name not in LEGACY for p in out.iterdir())
        ):
            raise BuildError(
                Problem(
                    f"output folder '{self.folder.path}' holds files that calgen did not write",
                    hint="choose an empty or new folder, or pass --force to build into it anyway",
                )
            )
        self.folder.state.mkdir(parents=True, exist_ok=True)
        self._fresh = not os.path.lexists(out)
        try:
            self._lock.acquire()
        except TimeoutError:  # filelock's ``Timeout``
            raise BuildError(
                Problem(f"another build is writing to {self.folder.path}; wait for it to finish")
            ) from None
        try:
            self.folder.fingerprint.unlink(missing_ok=True)
            self.folder.keys.unlink(missing_ok=True)  # true of the output until it changes
            self.folder.groups.unlink(missing_ok=True)
            shutil.rmtree(self.folder.staging, ignore_errors=True)  # an interrupted build's
            self._spare = self._take_spare()
            if self._spare is None:
                self.folder.staging.mkdir()
        except OSError as error:
            self.__exit__(type(error), error, None)
        return self

    def _take_spare(self) -> set[str] | None:
        """The spare's files, the spare now the staging folder; None if there is no whole
        spare (it is then removed)."""
        record, spare = self.folder.spare_files, self.folder.spare
        files = None
        if record.is_file() and spare.is_dir() and not spare.is_symlink():
            with contextlib.suppress(ValueError, OSError):
                files = _spare_files(json.loads(record.read_text(encoding="utf-8")))
        record.unlink(missing_ok=True)  # from here on, the spare is being changed
        if files is None:
            shutil.rmtree(spare, ignore_errors=True)
            return None
        os.replace(spare, self.folder.staging)
        return files

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        if error is not None:
            shutil.rmtree(self.folder.staging, ignore_errors=True)
        self._lock.release()
        if isinstance(error, OSError):
            raise BuildError(
                Problem(
                    f"cannot write {error.filename or self.folder.path}: {error.strerror}",
                    hint="the previous output is unchanged",
                )
            ) from None

    def _link_above(self, folder: str) -> str | None:
        """The first symbolic link from the output down to ``folder`` (cached per folder)."""
        if folder not in self._links:
            above = None if folder == self._out_text else self._link_above(_parent(folder))
            self._links[folder] = above or (folder if os.path.islink(folder) else None)
        return self._links[folder]

    def reuse(self, name: str, key: str) -> bool | None:
        """Keep the previous build's file at ``name`` if the previous build made it from the
        same inputs (the same ``key``, see ``reuse.Keys``) and it is still as written (its
        size and modification time): None when it must be rendered, else whether it was a
        trimmed feed."""
        found = self._reusable(name, key)
        return None if found is None else self._keep_found(name, key, *found)

    def reuse_group(self, key: str) -> list[str] | None:
        """Keep every file of the group the previous build made under ``key`` (a key of all
        the group's inputs: the files of one task, or of one run of a tool), if each is still
        as written, without a key for each: the trimmed feeds among them. None, and nothing
        kept, if one is not."""
        names = self.groups.get(key)
        if not names or not all(_planned(n) and n in self.keys for n in names):
            return None
        found = []
        for name in names:
            file_key = str(self.keys[name][0])
            reusable = self._reusable(name, file_key)
            if reusable is None:
                return None
            found.append((name, file_key, reusable))
        return [name for name, file_key, kept in found if self._keep_found(name, file_key, *kept)]

    def _keep_found(self, name: str, key: str, old: str, file: os.stat_result) -> bool:
        """Keep ``old`` (its status ``file``) as the file ``name``: whether it is a trimmed
        feed."""
        target = self._place(name)
        if old != target and (self._spare is None or not _clear(target, keep=file)):
            _keep(old, target)
        done = self._done
        done.names.append(name)
        done.unchanged += 1
        done.reused += 1
        trimmed = bool(self.keys[name][1])
        done.keys[name] = (key, trimmed, file.st_size, file.st_mtime_ns, file.st_ino)
        return trimmed

    def group(self, key: str, written: Written) -> None:
        """Record the files of ``written`` as the group ``key`` (see ``reuse_group``)."""
        written.groups[key] = list(written.names)

    def _reusable(self, name: str, key: str) -> tuple[str, os.stat_result] | None:
        """The previous file at ``name``, if it can be kept for ``key``, and its status: the
        spare's copy where that is the same file (its inode: nothing to do to keep it), else
        the output's, if still as written (a hand edit: same size, new time)."""
        previous = self.keys.get(name)
        if not previous or previous[0] != key or name not in self.previous:
            return None
        old = self._old(name)
        if self._link_above(_parent(old)):
            return None
        if self._spare is not None:
            target = self._place(name)
            found = _status(target)
            if (
                found is not None
                and stat.S_ISREG(found.st_mode)
                and [found.st_size, found.st_mtime_ns, found.st_ino] == previous[2:5]
            ):
                return target, found
        found = _status(old)
        if found is None or not stat.S_ISREG(found.st_mode):
            return None
        if [found.st_size, found.st_mtime_ns] != previous[2:4]:
            return None
        return old, found

    def _old(self, name: str) -> str:
        """Where the planned file ``name`` is in the output (refused if it could leave it)."""
        if not _planned(name):
            safe_path(name)  # raises, saying why
        return f"{self._out_text}/{name}"

    def _place(self, name: str) -> str:
        """Where a file goes in the staging folder, its folder made. In a spare, each folder
        on the way is checked to be a folder (a link or a file there is removed)."""
        target = f"{self._staging_text}/{name}"
        self._folder(_parent(target))
        return target

    def _folder(self, folder: str) -> None:
        """Make ``folder`` in the staging folder, and those above it; another worker may have
        just made it. In a spare, what is there and is not a folder is removed first (the
        spare's file, or a link: never followed)."""
        if folder in self._folders or folder == self._staging_text:
            return
        self._folder(_parent(folder))
        found = _status(folder) if self._spare is not None else None
        if found is None or not stat.S_ISDIR(found.st_mode):
            if found is not None:
                name = folder[len(self._staging_text) + 1 :]
                if name not in (self._spare or ()) and not stat.S_ISLNK(found.st_mode):
                    raise FileExistsError(errno.EEXIST, "not a folder", folder)  # this build's
                with contextlib.suppress(FileNotFoundError):  # or another worker did
                    os.unlink(folder)
            with contextlib.suppress(FileExistsError):  # another worker's, just made
                os.mkdir(folder)
        self._folders.add(folder)

    def put(self, name: str, content: bytes, key: str | None = None, trimmed: bool = False
            ) -> None:  # fmt: skip
        """Write one planned file (a path relative to the output) into the staging folder; an
        unchanged file becomes a link to the previous one. ``key`` lets the next build keep
        the file without rendering it (``reuse``)."""
        old = self._old(name)
        link, found = None, None
        if not self._fresh:  # else what appears meanwhile is found at the commit
            link = self._link_above(_parent(old))
            found = None if link else _status(old)
        if found is not None and stat.S_ISLNK(found.st_mode):
            link = old
        done = self._done
        done.names.append(name)
        if link is not None:
            done.problems.append(
                Problem(f"{link} is a symbolic link; calgen does not write through it")
            )
            return
        target = self._place(name)
        if not self.force and name not in self.previous and found is not None:
            done.problems.append(_foreign(old))
            return
        if found is not None and _same(old, found, content):
            placed = found
            if self._spare is None or not _clear(target, keep=placed):
                _keep(old, target)
            done.unchanged += 1
        else:
            if self._spare is not None:
                _clear(target)  # never written into: the spare's files are the old site's
            placed = _write(target, content)
            done.written += 1
        if key is not None:  # as written: the next build keeps it only if still so
            done.keys[name] = (key, trimmed, placed.st_size, placed.st_mtime_ns, placed.st_ino)

    def take(self) -> Written:
        """What this process wrote since the last ``take``."""
        done, self._done = self._done, Written()
        return done

    def add(self, written: Written) -> None:
        """Count a worker's files (or this process's) into the build."""
        self._all.append(written)

    def commit(self, inputs: str | None = None) -> WriteReport:
        """Carry the user's own files over, switch the staging folder in, record what was
        written and, last, the inputs' fingerprint (an interrupted build is never taken for an
        up-to-date one)."""
        self.add(self.take())
        problems = sorted({str(p): p for w in self._all for p in w.problems}.items())
        if problems:
            raise BuildError([p for _, p in problems[:20]])
        current = {name for w in self._all for name in w.names}
        out, staging = self._out, self._staging
        if self._spare is not None:  # first: no link is in the staging folder yet
            _prune(staging, self._spare - current)
        previous_site: list[str] = []
        if out.is_dir():
            skip = current | self.previous
            previous_site = _carry_over(out, staging, skip, self._folder)
        if not self.force:  # a file put there while the build ran (or before a fresh one)
            foreign = sorted(current.intersection(previous_site) - self.previous)
            if foreign:
                raise BuildError([_foreign(f"{self._out_text}/{name}") for name in foreign[:20]])
        removed = sum(1 for name in self.previous - current if (out / name).is_file())
        kept = _switch(out, staging, self.folder.spare)
        self.folder.manifest.write_text("\n".join(sorted(current)) + "\n", encoding="utf-8")
        keys = {name: key for w in self._all for name, key in w.keys.items()}
        self.folder.keys.write_text(json.dumps(keys, sort_keys=True), encoding="utf-8")
        groups = {key: names for w in self._all for key, names in w.groups.items()}
        self.folder.groups.write_text(json.dumps(groups, sort_keys=True), encoding="utf-8")
        if kept:
            self.folder.spare_files.write_text(json.dumps(previous_site), encoding="utf-8")
        if inputs is not None:
            self.folder.fingerprint.write_text(inputs, encoding="utf-8")
        return WriteReport(
            sum(w.written for w in self._all),
            sum(w.unchanged for w in self._all),
            removed,
            sum(w.reused for w in self._all),
        )
