"""Shareable views: which URL parameters each page takes, how to read them safely, how to write
them back. No streamlit here: ``ui.urlstate`` connects this to the page.

A link carries readable values only (slugs, codes, years), checked against allow-lists; values
equal to the page's defaults stay out of the URL. Anything else in a link is dropped and named
in a short notice, in a form that is safe to show: never as HTML, never near SQL.
"""

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlencode

# Limits for what a link may carry, so a hostile link costs nothing to read.
MAX_VALUES_PER_PARAM = 50  # repeated parameters beyond this are not even looked at
MAX_VALUE_LENGTH = 64  # a longer value is not a slug, code or year range
MAX_PARAMS = 30
SHOWN_IN_NOTICE = 40  # characters of an ignored value shown back to the user
STREAMLIT_PARAMS = frozenset({"embed", "embed_options"})  # Streamlit's own, left alone


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # "one", "many", "years" or "stand"
    choices: str  # which allow-list: regions, sectors, levels, views, langs, indicators, quarters
    shared: bool  # carried over to other pages
    help_nl: str
    help_en: str


TAAL = Param(
    "taal",
    "one",
    "langs",
    True,
    "taal van de pagina: `nl` (standaard) of `en`",
    "page language: `nl` (default) or `en`",
)
REGIO = Param(
    "regio",
    "many",
    "regions",
    True,
    "arbeidsmarktregio's, gescheiden door komma's (standaard: alle acht)",
    "labour market regions, comma-separated (default: all eight)",
)
SECTOR = Param(
    "sector", "one", "sectors", True, "sector (standaard: `alle`)", "sector (default: `alle`)"
)
JAREN = Param(
    "jaren",
    "years",
    "years",
    True,
    "jaren van–tot, bijvoorbeeld `2020-2024` (standaard: alle jaren)",
    "years from-to, e.g. `2020-2024` (default: all years)",
)
STAND = Param(
    "stand",
    "stand",
    "stands",
    True,
    "de stand van de cijfers: een uploadnummer (`12`: zoals direct na upload 12), een datum "
    "(`2026-11-01`: zoals aan het eind van die dag) of een moment "
    "(`2026-11-01T14:05:09.123456`: zoals op dat moment); standaard de actuele stand",
    "the state of the figures: an upload number (`12`: as right after upload 12), a date "
    "(`2026-11-01`: as at the end of that day) or a moment "
    "(`2026-11-01T14:05:09.123456`: as at that moment); default: the current state",
)
_PAGES: dict[str, tuple[Param, ...]] = {
    "overview": (
        TAAL,
        Param(
            "kaart",
            "one",
            "map_indicators",
            False,
            "indicator van de kaart (standaard: `spanningsindicator`)",
            "indicator of the map (default: `spanningsindicator`)",
        ),
    ),
    "shortage": (
        TAAL,
        REGIO,
        SECTOR,
        Param(
            "kwartaal",
            "one",
            "quarters",
            False,
            "kwartaal van de heatmap, bijvoorbeeld `2026-Q3` (standaard: het laatste)",
            "quarter of the heatmap, e.g. `2026-Q3` (default: the latest)",
        ),
        JAREN,
    ),
    "intake": (
        TAAL,
        Param(
            "niveau",
            "one",
            "levels",
            False,
            "`mbo` (standaard), `hbo` of `wo`",
            "`mbo` (default), `hbo` or `wo`",
        ),
        REGIO,
        SECTOR,
        Param(
            "weergave",
            "one",
            "views",
            False,
            "`absolute` (aantallen, standaard) of `index` (basisjaar = 100)",
            "`absolute` (numbers, default) or `index` (base year = 100)",
        ),
        JAREN,
    ),
    "llo": (TAAL,),
    "profile": (
        TAAL,
        Param(
            "regio",
            "one",
            "regions",
            False,
            "de arbeidsmarktregio van het profiel (standaard: `twente`)",
            "the region of the profile (default: `twente`)",
        ),
    ),
    "mismatch": (TAAL, REGIO),
    "sources": (TAAL,),
    "data": (TAAL,),
    "initiatives": (
        TAAL,
        REGIO,
        SECTOR,
        Param(
            "programma",
            "one",
            "programmes",
            False,
            "programma of regeling, bijv. `llo-katalysator` (standaard: `alle`)",
            "programme or scheme, e.g. `llo-katalysator` (default: `alle`)",
        ),
        Param(
            "status",
            "one",
            "statuses",
            False,
            "`gepland`, `lopend`, `afgerond` of `gestopt` (standaard: `alle`)",
            "`gepland`, `lopend`, `afgerond` or `gestopt` (default: `alle`)",
        ),
    ),
}


# Every page takes ``stand`` (a pinned view), after its own parameters.
PAGES: dict[str, tuple[Param, ...]] = {page: (*specs, STAND) for page, specs in _PAGES.items()}


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
        from hcdash.i18n import t

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


def read(page: str, raw: dict[str, list[str]], allowed: dict[str, object]) -> Parsed:
    """The valid values for ``page`` from the link's parameters, and what was ignored.

    ``raw`` maps each parameter name to its values (repeated parameters give several);
    ``allowed`` maps each allow-list name to its valid values (``years``: (first, last)).
    """
    specs = {p.name: p for p in PAGES[page]}
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
    if spec.kind == "stand":  # resolved against the data beforehand (hcdash.stand), which
        valid = allowed["stands"]  # also says why another value names no state
        return values[0] if values and values[0] in valid else None
    if spec.kind == "years":
        return _years(spec, values, allowed["years"], ignored)
    valid = allowed[spec.choices]
    good = []
    for value in values:
        if value in valid:
            if value not in good:
                good.append(value)
        else:
            ignored.append(Ignored("unknown_value", spec.name, safe(value)))
    if spec.kind == "many":
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


def write(page: str, values: dict[str, object], defaults: dict[str, object]) -> dict[str, str]:
    """The query parameters for ``values``: readable text, defaults left out."""
    out = {}
    for spec in PAGES[page]:
        value = values.get(spec.name)
        if value is None or value == defaults.get(spec.name):
            continue
        if spec.kind == "many":
            out[spec.name] = ",".join(value)
        elif spec.kind == "years":
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


def reference_table(lang: str = "nl") -> str:
    """The Markdown table of every page's parameters (docs/reference.md holds a copy)."""
    rows = ["| page | parameter | values |", "|---|---|---|"]
    for page, specs in PAGES.items():
        for spec in specs:
            rows.append(
                f"| {page} | `{spec.name}` | {spec.help_nl if lang == 'nl' else spec.help_en} |"
            )
    return "\n".join(rows)
