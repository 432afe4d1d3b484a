"""Which files of the previous build can be kept as they are, without rendering them again.

Every output file gets a key: a hash of what the whole build shares (calendargen's code, the
templates, the settings, the reference date, the categories, which feeds exist: ``base``) and
of each entry the file is made from, its *dependencies*, which the code that makes the file
names beside it (an observance page: the entry, its related entries and those marking the same
event; a month page: the entries overlapping the month; a feed of every entry: all of them).
An entry's part is a hash of the entry as read and of its occurrences in the window, so that
whatever changes an entry's output (its own data, or another entry sharing its origin) changes
its part; its next dates follow from the entry and the reference date. A file whose key is
the one the previous build recorded for that path is linked from the previous output; editing
one entry re-renders only the files listing it.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable

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
        self.parts = {}
        for o in plan.observances:
            made_of = (o, occurrences[o.id], plan.recurring.get(o.id))
            self.parts[o.id] = _hash(repr(made_of))
        self.every = _hash(repr(list(self.parts.items())))

    def key(self, path: str, dependencies: Dependencies) -> str:
        """The key of the file at ``path`` made from ``dependencies`` (in catalogue order, so
        that reordering the catalogue changes the files whose order follows it)."""
        if dependencies is EVERY:
            parts = self.every
        else:
            ids = sorted(set(dependencies), key=self.order.__getitem__)
            parts = repr([(i, self.parts[i]) for i in ids])
        return _hash(f"{self.base}\0{path}\0{parts}")
