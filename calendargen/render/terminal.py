"""``calgen list`` on a terminal: a table that fits the window, in the reader's language.

Dates in the locale's short form, a header row, names cut with an ellipsis to the terminal's
width, and long spans (years, decades) listed once above the days. When the output is not a
terminal, ``text.table`` writes the stable form scripts read instead.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

from calendargen.i18n import anniversary_short, locale_of, occurrence_name, translations
from calendargen.model import Occurrence

LONG_DAYS = 31  # a span longer than a month is shown once, above the days
GAP = "  "
MIN_NAME = 16
MAX_WHERE = 14  # "Organisation des Nations Unies" is cut; the name is what matters
MAX_NOTES = 24
HEADER = ("Date", "Name", "Where", "Notes", "ID")


def _short(day: date, locale: str) -> str:
    return format_date(day, "short", locale=locale_of(locale))


def _dates(occurrence: Occurrence, locale: str) -> str:
    start, end = occurrence.start, occurrence.end
    if start == end:
        return _short(start, locale)
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    return f"{_short(start, locale)}–{_short(end, locale)}"


def _notes(occurrence: Occurrence, locale: str) -> str:
    notes = []
    if occurrence.anniversary and not occurrence.milestone:
        notes.append(anniversary_short(occurrence.anniversary, locale))
    words = translations(locale)
    if occurrence.observed:
        notes.append(words.gettext("substitute day off"))
    elif occurrence.day_off:
        notes.append(words.gettext("day off"))
    if occurrence.estimated:
        notes.append(words.gettext("estimated date"))
    return ", ".join(notes)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def terminal_table(
    occurrences: list[Occurrence], locale: str, width: int, where: dict[str, str]
) -> str:
    """The occurrences as a table at most ``width`` characters wide; ``where`` names each
    observance's country or organization."""
    if not occurrences:
        return "no occurrences\n"
    long = [o for o in occurrences if (o.end - o.start).days + 1 > LONG_DAYS]
    days = [o for o in occurrences if o not in long]
    lines = []
    if long:
        lines.append("In force over these dates:")
        spans = [(_dates(o, locale), occurrence_name(o, locale)) for o in long]
        first = max(len(d) for d, _ in spans)
        lines += [_cut(f"  {d.ljust(first)}{GAP}{name}", width) for d, name in spans]
        lines.append("")
    rows = [
        (_dates(o, locale), occurrence_name(o, locale), where.get(o.id, ""), _notes(o, locale),
         o.id)
        for o in days
    ]  # fmt: skip
    widths = [max(len(r[i]) for r in [HEADER, *rows]) for i in range(len(HEADER))]
    widths[2], widths[3] = min(widths[2], MAX_WHERE), min(widths[3], MAX_NOTES)
    shown = list(range(len(HEADER)))
    for column in (4, 2, 3, None):  # the name takes what the others leave; these give way
        others = sum(widths[i] for i in shown if i != 1) + len(GAP) * (len(shown) - 1)
        if width - others >= MIN_NAME or column is None:
            break
        shown.remove(column)
    widths[1] = max(MIN_NAME, min(widths[1], width - others))
    for row in [HEADER, *rows]:
        cells = [_cut(row[i], widths[i]).ljust(widths[i]) for i in shown]
        lines.append(_cut(GAP.join(cells).rstrip(), width))
    return "\n".join(lines) + "\n"
