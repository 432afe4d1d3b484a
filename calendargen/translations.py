"""A catalogue's texts in other languages: ``translations/L.toml`` beside ``observances/``.

One file per locale, one table per entry id, with the entry's texts in that locale::

    [international-day-of-neutrality]
    name.text = "Международный день нейтралитета"      # official: quoted from its source
    name.source = "https://www.un.org/ru/observances/neutrality-day"
    description = "Отмечается ..."                      # a plain string: our translation
    origin.of = "признания постоянного нейтралитета Туркменистана"

The format is documented in docs/catalogue.md ("Translations"). Reading returns texts and
problems; ``loader`` merges them into the entries and reports every problem at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from calendargen.errors import Problem, did_you_mean
from calendargen.i18n import canonical_locale, valid_locale
from calendargen.model import FALLBACK_LOCALE, Observance, Source
from calendargen.schema import TRANSLATION, Where, accepted, check
from calendargen.sources import parse_text
from calendargen.tomlfile import Positions, UnreadableToml, read_toml


@dataclass
class EntryTexts:
    """One entry's texts in one or more locales, as read from translation files."""

    names: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    origin_of: dict[str, str] = field(default_factory=dict)
    official: dict[str, Source] = field(default_factory=dict)  # "name.ru" -> its source
    where: dict[str, Where] = field(default_factory=dict)  # locale -> its table in its file


def read_translations(
    path: Path, display: str, content: bytes | None = None
) -> tuple[dict[str, EntryTexts], list[Problem]]:
    """The texts of one ``translations/L.toml``, by entry id (``content``: its bytes, read
    already)."""
    locale = path.stem
    problems: list[Problem] = []
    if valid_locale(locale) and canonical_locale(locale) != locale:
        return {}, [Problem(f"name the file {canonical_locale(locale)}.toml", display)]
    if locale == FALLBACK_LOCALE or not valid_locale(locale):
        reason = (
            "English texts belong in the observance files"
            if locale == "en"
            else (f"'{locale}' is not a locale: name the file after one (ru.toml, zh_Hant.toml)")
        )
        return {}, [Problem(reason, display)]
    try:
        data, text = read_toml(path, content)
    except UnreadableToml as error:
        return {}, [error.problem(display)]
    top = Where(display, positions=Positions(text))
    found: dict[str, EntryTexts] = {}
    for entry_id, table in data.items():
        where = top.at(entry_id)
        if not isinstance(table, dict):
            message = "must be a table of texts ([ID] with name, description, origin.of)"
            problems.append(where.problem(message))
            continue
        texts = EntryTexts()
        texts.where[locale] = where
        problems += check(table, TRANSLATION, where)
        for key, value in accepted(table, TRANSLATION).items():
            at = where.at(key)
            if key == "origin":
                if set(value) != {"of"}:
                    problems.append(at.problem("only origin.of can be translated"))
                    continue
                key, value, at = "origin.of", value["of"], at.at("of")
            parsed, source, messages = parse_text(value, at)
            problems += messages
            if not parsed:
                continue
            target = {"name": texts.names, "description": texts.descriptions}.get(
                key, texts.origin_of
            )
            target[locale] = parsed
            if source is not None:
                texts.official[f"{key}.{locale}"] = source
        found[entry_id] = texts
    return found, problems


def merge_texts(into: dict[str, EntryTexts], found: dict[str, EntryTexts]) -> None:
    """Gather texts of several files (one per locale) by entry id."""
    for entry_id, texts in found.items():
        gathered = into.setdefault(entry_id, EntryTexts())
        gathered.names.update(texts.names)
        gathered.descriptions.update(texts.descriptions)
        gathered.origin_of.update(texts.origin_of)
        gathered.official.update(texts.official)
        gathered.where.update(texts.where)


def apply_translations(
    observances: list[Observance], texts: dict[str, EntryTexts]
) -> tuple[list[Observance], list[Problem]]:
    """The entries with their translated texts added; a text given twice (in the entry and in
    a translation file), a translation of an unknown entry or an origin.of for an entry
    without origin is a problem."""
    problems: list[Problem] = []
    by_id = {o.id: o for o in observances}
    for entry_id, found in texts.items():
        observance = by_id.get(entry_id)
        for locale, where in sorted(found.where.items()):
            if observance is None:
                problems.append(where.problem("no such entry", did_you_mean(entry_id, by_id)))
                continue
            own_of = observance.origin.of if observance.origin else {}
            for key, own, added in (
                ("name", observance.names, found.names),
                ("description", observance.descriptions, found.descriptions),
                ("origin.of", own_of, found.origin_of),
            ):
                if locale in own and locale in added:
                    message = f"{key}.{locale} is also given in {observance.file}"
                    problems.append(where.problem(message, key=key.split(".")[0]))
            if locale in found.origin_of and observance.origin is None:
                message = "origin.of given, but the entry has no origin"
                problems.append(where.problem(message, key="origin"))
        if observance is None:
            continue
        origin = observance.origin
        if origin is not None and found.origin_of:
            origin = replace(origin, of={**origin.of, **found.origin_of})
        by_id[entry_id] = replace(
            observance,
            names={**observance.names, **found.names},
            descriptions={**observance.descriptions, **found.descriptions},
            origin=origin,
            official={**observance.official, **found.official},
        )
    return [by_id[o.id] for o in observances], problems


def missing_texts(observances: list[Observance], locales: tuple[str, ...]) -> list[Problem]:
    """A problem for each text a complete catalogue lacks: every entry's name, description
    (where it has an English one) and origin.of (where it has an origin) in every locale."""
    problems = []
    for observance in observances:
        of = observance.origin.of if observance.origin else {}
        for key, texts in (
            ("name", observance.names),
            ("description", observance.descriptions),
            ("origin.of", of),
        ):
            if "en" not in texts:
                continue
            absent = [locale for locale in locales if locale not in texts]
            if absent:
                message = (
                    f"{key} missing in {', '.join(absent)} (the shipped catalogue must be complete)"
                )
                problems.append(Problem(message, observance.file, observance.id))
    return problems
