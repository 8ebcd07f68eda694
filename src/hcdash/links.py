"""Shareable views: how a page's URL parameters are read safely and written back. Which
parameters each page takes is the registry's (``sitemap.py``); ``ui.urlstate`` connects this to
the page. No streamlit here.

A link carries readable values only (slugs, codes, years), checked against allow-lists; values
equal to the page's defaults stay out of the URL. Anything else in a link is dropped and named
in a short notice, in a form that is safe to show: never as HTML, never near SQL.
"""

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from urllib.parse import urlencode

from hcdash.i18n import t

# Limits for what a link may carry, so a hostile link costs nothing to read.
MAX_VALUES_PER_PARAM = 50  # repeated parameters beyond this are not even looked at
MAX_VALUE_LENGTH = 64  # a longer value is not a slug, code or year range
MAX_PARAMS = 30
SHOWN_IN_NOTICE = 40  # characters of an ignored value shown back to the user
STREAMLIT_PARAMS = frozenset({"embed", "embed_options"})  # Streamlit's own, left alone


class Kind(Enum):
    """How a parameter's text is read: one value, a set (comma-separated), a range of years
    (``2020-2024``), or a pinned state (``stand``: resolved against the store, ``stand.py``)."""

    ONE = "one"
    MANY = "many"
    YEARS = "years"
    STAND = "stand"


@dataclass(frozen=True)
class Param:
    """A link parameter (the registry of pages and their parameters: ``sitemap.py``)."""

    name: str
    kind: Kind
    choices: str  # the allow-list its values come from (``sitemap.ALLOW_LISTS``)
    default: Callable[[dict], object]  # its value when the link has none, from the allow-lists
    shared: bool = False  # carried over to the other pages that take it
    help_nl: str = ""
    help_en: str = ""


@dataclass(frozen=True)
class Ignored:
    """Something in a link that was not used: a code (``i18n``: ``link.<code>``) and the
    parameter and value concerned, already made safe to show."""

    code: str
    name: str = ""
    value: str = ""
    count: int = 0
    first: int = 0
    last: int = 0

    def text(self, lang: str) -> str:
        return t(
            f"link.{self.code}",
            lang,
            name=self.name,
            value=self.value,
            count=self.count,
            first=self.first,
            last=self.last,
        )

    def __str__(self) -> str:
        return self.text("nl")


@dataclass
class Parsed:
    values: dict[str, object]
    ignored: list[Ignored]


def read(params: Sequence[Param], raw: dict[str, list[str]], allowed: dict[str, object]) -> Parsed:
    """The valid values of a page's ``params`` from the link's parameters, and what was ignored.

    ``raw`` maps each parameter name to its values (repeated parameters give several);
    ``allowed`` maps each allow-list name to its valid values (``years``: (first, last)).
    """
    specs = {p.name: p for p in params}
    parsed = Parsed({}, [])
    names = [n for n in raw if n not in STREAMLIT_PARAMS]
    if len(names) > MAX_PARAMS:
        parsed.ignored.append(Ignored("too_many", count=len(names) - MAX_PARAMS))
        names = names[:MAX_PARAMS]
    for name in names:
        spec = specs.get(name)
        if spec is None:
            parsed.ignored.append(Ignored("unknown_param", safe(name)))
            continue
        values = _candidates(name, raw[name], parsed.ignored)
        value = _read_one(spec, values, allowed, parsed.ignored)
        if value is not None:
            parsed.values[name] = value
    return parsed


def _candidates(name: str, values: list[str], ignored: list[Ignored]) -> list[str]:
    """The raw values to look at: split on commas, capped in number and length."""
    if len(values) > MAX_VALUES_PER_PARAM:
        ignored.append(Ignored("repeats", safe(name), count=len(values) - MAX_VALUES_PER_PARAM))
        values = values[:MAX_VALUES_PER_PARAM]
    out = []
    for value in values:
        if len(value) > MAX_VALUE_LENGTH:
            ignored.append(Ignored("too_long", safe(name), safe(value)))
            continue
        out += [part.strip() for part in value.split(",") if part.strip()]
    return out[:MAX_VALUES_PER_PARAM]


def _read_one(spec: Param, values: list[str], allowed: dict, ignored: list[Ignored]):
    if spec.kind is Kind.STAND:  # resolved against the data beforehand (hcdash.stand), which
        valid = allowed[spec.choices]  # also says why another value names no state
        return values[0] if values and values[0] in valid else None
    if spec.kind is Kind.YEARS:
        return _years(spec, values, allowed[spec.choices], ignored)
    valid = allowed[spec.choices]
    good = []
    for value in values:
        if value in valid:
            if value not in good:
                good.append(value)
        else:
            ignored.append(Ignored("unknown_value", spec.name, safe(value)))
    if spec.kind is Kind.MANY:
        return [v for v in valid if v in good] or None  # in reference order
    if len(good) > 1:
        ignored.append(Ignored("first_only", spec.name))
    return good[0] if good else None


def _years(spec: Param, values: list[str], bounds: tuple[int, int], ignored: list[Ignored]):
    first, last = bounds
    if not values:
        return None
    match = re.fullmatch(r"(\d{4})?\s*-\s*(\d{4})?|(\d{4})", values[0])
    if match is None:
        ignored.append(Ignored("years_format", spec.name, safe(values[0])))
        return None
    start = int(match[1] or match[3] or first)
    end = int(match[2] or match[3] or last)
    if not (first <= start <= end <= last):
        ignored.append(Ignored("years_range", spec.name, safe(values[0]), first=first, last=last))
        return None
    return (start, end)


def write(
    params: Sequence[Param], values: dict[str, object], defaults: dict[str, object]
) -> dict[str, str]:
    """The query parameters of a page's ``params`` for ``values``: readable text, defaults left
    out."""
    out = {}
    for spec in params:
        value = values.get(spec.name)
        if value is None or value == defaults.get(spec.name):
            continue
        if spec.kind is Kind.MANY:
            out[spec.name] = ",".join(value)
        elif spec.kind is Kind.YEARS:
            out[spec.name] = f"{value[0]}-{value[1]}"
        else:
            out[spec.name] = str(value)
    return out


def link(base: str, params: dict[str, str]) -> str:
    """The full link: ``base`` without its query string, plus ``params``."""
    root = base.split("?", 1)[0].split("#", 1)[0]
    return f"{root}?{urlencode(params, safe=',')}" if params else root


def safe(text: str) -> str:
    """An untrusted value from a link, short, for a notice."""
    return plain(str(text)[: SHOWN_IN_NOTICE * 4], SHOWN_IN_NOTICE)


def plain(text: str, limit: int | None = None) -> str:
    """Any text from a file, a link or an analyst, made safe to show through markdown: control
    characters dropped, markdown and HTML characters escaped, optionally shortened."""
    printable = "".join(
        ch for ch in str(text) if unicodedata.category(ch)[0] not in "CZ" or ch == " "
    )
    if limit is not None and len(printable) > limit:
        printable = printable[:limit] + "…"
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$&:])", r"\\\1", printable)
