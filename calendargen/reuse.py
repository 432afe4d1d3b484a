"""Which files of the previous build can be kept as they are, without rendering them again.

Every output file gets a key: a hash of what the whole build shares (calendargen's code, the
templates, the settings, the reference date, the categories, which feeds exist: ``base``) and
of each entry the file is made from, its *dependencies*, which the code that makes the file
names beside it (an observance page: the entry, its related entries and those marking the same
event; a month page: the entries overlapping the month; a feed of every entry: all of them).
An entry's part is a hash of the entry as read and of its occurrences in the window, so that
whatever changes an entry's output (its own data, or another entry sharing its origin) changes
its part; its next dates follow from the entry and the reference date. Of the entry's texts, a
part holds only those its file's locale shows (each as ``localized`` picks it), so that editing
the English name re-renders English files and those of locales falling back to it. A file
whose key is the one the previous build recorded for that path is linked from the previous
output; editing one entry re-renders only the files listing it.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from calendargen.model import FALLBACK_LOCALE, Observance, localized, own
from calendargen.plan import BuildPlan

EVERY = None  # the dependencies of a file made from every entry
Dependencies = Iterable[str] | None  # entry ids, or EVERY


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Keys:
    """The key of each output file of one build."""

    def __init__(self, base: str, plan: BuildPlan, published: Iterable[str]) -> None:
        shared = [base, repr(sorted(plan.categories.items())), repr(plan.feed_categories),
                  repr(sorted(published)), repr(plan.locales)]  # fmt: skip
        self.base = _hash("\0".join(shared))
        occurrences: dict[str, list[tuple[object, ...]]] = defaultdict(list)
        for occurrence in plan.occurrences:
            occurrences[occurrence.id].append(occurrence[1:])  # all but the entry itself
        self.order = {o.id: index for index, o in enumerate(plan.observances)}
        self.entries = {o.id: o for o in plan.observances}
        self.untexted = {  # each entry's part but for its texts (hashed: memory stays small)
            o.id: _hash(repr((_without_texts(o), occurrences[o.id], plan.recurring.get(o.id))))
            for o in plan.observances
        }
        self.parts: dict[tuple[str, str], str] = {}
        self.every: dict[str, str] = {}

    def part(self, entry: str, locale: str) -> str:
        """The part of ``entry`` in the key of a file in ``locale``."""
        if (entry, locale) not in self.parts:
            texts = repr(_texts_shown(self.entries[entry], locale))
            self.parts[entry, locale] = _hash(f"{self.untexted[entry]}\0{texts}")
        return self.parts[entry, locale]

    def key(self, path: str, dependencies: Dependencies, locale: str) -> str:
        """The key of the file at ``path`` in ``locale`` made from ``dependencies`` (in
        catalogue order, so that reordering the catalogue changes the files whose order
        follows it)."""
        if dependencies is EVERY:
            parts = self._every(locale)
        else:
            ids = sorted(set(dependencies), key=self.order.__getitem__)
            parts = repr([(i, self.part(i, locale)) for i in ids])
        return _hash(f"{self.base}\0{path}\0{parts}")

    def of_group(self, group: str, locale: str) -> str:
        """The key of the files of ``group`` in ``locale`` (a task's, named by its kind and
        what it covers), which may be made from any entry: equal keys, equal files."""
        return _hash(f"{self.base}\0{group}\0{self._every(locale)}")

    def _every(self, locale: str) -> str:
        """The parts of every entry in a file in ``locale``, in catalogue order."""
        if locale not in self.every:
            self.every[locale] = _hash(repr([self.part(i, locale) for i in self.order]))
        return self.every[locale]

    def of_value(self, value: object) -> str:
        """The key of files made from ``value`` alone (and what the whole build shares)."""
        return _hash(f"{self.base}\0{value!r}")


def _without_texts(observance: Observance) -> Observance:
    origin = observance.origin and replace(observance.origin, of={})
    return replace(observance, names={}, descriptions={}, official={}, origin=origin)


def _texts_shown(observance: Observance, locale: str) -> tuple[object, ...]:
    """What of an entry's texts a file in ``locale`` can show: each text as ``localized``
    picks it, with the language it is in, and the sources of the official texts of the
    languages it reads (its own and the fallback)."""
    of = observance.origin.of if observance.origin else {}
    read = (*own(locale), FALLBACK_LOCALE)
    official = sorted(
        (key, source) for key, source in observance.official.items()
        if key.rsplit(".", 1)[1] in read
    )  # fmt: skip
    return (
        *(localized(texts, locale) for texts in (observance.names, observance.descriptions, of)),
        official,
    )
