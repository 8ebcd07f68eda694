"""Every page of the dashboard and the parameters its link takes: the one registry.

A page has its script, slug, the text keys of its menu entry and title, and its parameters. A
parameter has its name, its kind (``links``), the allow-list its values come from, its default,
whether it travels to other pages, and its help text; the sidebar, the links, the factsheet's
link and the table in docs/reference.md all come from here.

Adding a parameter to a page: one ``Param`` in that page's tuple (with a new allow-list in
``ALLOW_LISTS`` when its values come from somewhere new), and the widget in the page that reads
it under ``url.key(name)``. docs/architecture.md shows an example.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

import pandas as pd

from hcdash import neighbours
from hcdash.links import Kind, Param
from hcdash.periods import period_code
from hcdash.views import intake, overview, shortage
from hcdash.views.common import Context
from hcdash.vocabulary import (
    ANY,
    COMPARISONS,
    DEFAULT_COMPARISON,
    DEFAULT_LANG,
    INITIATIVE_STATUSES,
    LANGS,
    REGIO_OOST,
    TOTAL_SECTOR,
)

FIRST_YEAR = 2015  # the year sliders start here, whatever the data hold
PROFILE_REGION = "twente"  # the region a profile opens on, when the link names none


class Lazy(dict):
    """A dict whose values are worked out when they are first asked for, and then kept: a page
    asks only for its own parameters' values and defaults (the years' bounds, for one, cost a
    pass over every observation, and the quarters an aggregate)."""

    def __init__(self, makers: dict[str, Callable[[], object]]):
        super().__init__()
        self._makers = makers

    def __missing__(self, key: str):
        if key not in self._makers:
            raise KeyError(key)
        value = self[key] = self._makers[key]()
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._makers or super().__contains__(key)

    def get(self, key: str, default=None):
        try:
            return self[key]
        except KeyError:
            return default


# --- where a parameter's valid values come from ---------------------------------------------


def _quarters(ctx: Context) -> list[str]:
    return [period_code(pd.Timestamp(q).date(), "quarter") for q in shortage.quarters(ctx)]


def _years(ctx: Context) -> tuple[int, int]:
    return (FIRST_YEAR, max(ctx.reader.last_year() or FIRST_YEAR, FIRST_YEAR))


def _with_figures(ctx: Context, codes) -> list[str]:
    """``codes`` that have figures for Regio Oost's regions (all sectors), in that order."""
    available = ctx.availability
    regions = ctx.reader.member_regions(REGIO_OOST)
    filled = set(available.loc[available["region"].isin(regions), "indicator"])
    return [code for code in codes if code in filled]


ALLOW_LISTS: dict[str, Callable[[Context], object]] = {
    "regions": lambda ctx: list(ctx.reader.member_regions(REGIO_OOST)),
    "sectors": lambda ctx: list(ctx.sector_names),
    "levels": lambda ctx: list(intake.LEVELS),
    "views": lambda ctx: list(intake.VIEWS),
    "langs": lambda ctx: list(LANGS),
    "map_indicators": lambda ctx: [c for c in overview.MAP_INDICATORS if c in ctx.indicator_meta],
    # the ones with figures: where the defaults look first (the data decide what opens)
    "map_filled": lambda ctx: _with_figures(ctx, overview.MAP_INDICATORS),
    "levels_filled": lambda ctx: [
        level for level, code in intake.LEVELS.items() if _with_figures(ctx, [code])
    ],
    "quarters": _quarters,
    "years": _years,  # (first, last): a range, not a list
    "programmes": lambda ctx: [ANY, *ctx.reader.register("programmes")["slug"]],
    "statuses": lambda ctx: [ANY, *INITIATIVE_STATUSES],
    # A stand is resolved against the store before the page reads (``stand.resolve``): the one
    # valid value is the one the run shows.
    "stands": lambda ctx: [ctx.stand] if ctx.stand else [],
    "comparisons": lambda ctx: list(COMPARISONS),
    "themes": lambda ctx: list(neighbours.THEMES),
}


def allowed(ctx: Context) -> Lazy:
    """Every allow-list, worked out from the page run's data when first asked for."""
    return Lazy({name: (lambda make=make: make(ctx)) for name, make in ALLOW_LISTS.items()})


def _first(name: str) -> Callable[[dict], object]:
    """The default: the first value of allow-list ``name`` (None when it is empty)."""
    return lambda allowed: (allowed[name] or [None])[0]


def _all(name: str) -> Callable[[dict], object]:
    """The default: every value of allow-list ``name`` (a range: all of it)."""
    return lambda allowed: allowed[name]


def _fixed(value: object) -> Callable[[dict], object]:
    return lambda allowed: value


def _first_filled(filled: str, fallback: object) -> Callable[[dict], object]:
    """The default: the first value of allow-list ``filled`` (those with figures), else
    ``fallback`` (the page then says which figures are missing and how to load them)."""
    return lambda allowed: (allowed[filled] or [fallback])[0]


def _profile_region(allowed: dict) -> str:
    regions = allowed["regions"]
    return PROFILE_REGION if PROFILE_REGION in regions else regions[0]


# --- the parameters ----------------------------------------------------------------------------

TAAL = Param(
    "taal",
    Kind.ONE,
    "langs",
    _fixed(DEFAULT_LANG),
    shared=True,
    help_nl="taal van de pagina: `nl` (standaard) of `en`",
    help_en="page language: `nl` (default) or `en`",
)
REGIO = Param(
    "regio",
    Kind.MANY,
    "regions",
    _all("regions"),
    shared=True,
    help_nl="arbeidsmarktregio's, gescheiden door komma's (standaard: alle acht)",
    help_en="labour market regions, comma-separated (default: all eight)",
)
SECTOR = Param(
    "sector",
    Kind.ONE,
    "sectors",
    _fixed(TOTAL_SECTOR),
    shared=True,
    help_nl="sector (standaard: `alle`)",
    help_en="sector (default: `alle`)",
)
JAREN = Param(
    "jaren",
    Kind.YEARS,
    "years",
    _all("years"),
    shared=True,
    help_nl="jaren van–tot, bijvoorbeeld `2020-2024` (standaard: alle jaren)",
    help_en="years from-to, e.g. `2020-2024` (default: all years)",
)
STAND = Param(
    "stand",
    Kind.STAND,
    "stands",
    _fixed(None),
    shared=True,
    help_nl="de stand van de cijfers: een uploadnummer (`12`: zoals direct na upload 12), een "
    "datum (`2026-11-01`: zoals aan het eind van die dag) of een moment "
    "(`2026-11-01T14:05:09.123456`: zoals op dat moment); standaard de actuele stand",
    help_en="the state of the figures: an upload number (`12`: as right after upload 12), a date "
    "(`2026-11-01`: as at the end of that day) or a moment "
    "(`2026-11-01T14:05:09.123456`: as at that moment); default: the current state",
)
KAART = Param(
    "kaart",
    Kind.ONE,
    "map_indicators",
    _first_filled("map_filled", "spanningsindicator"),
    help_nl="indicator van de kaart (standaard: de eerste met cijfers van `spanningsindicator`, "
    "`vacatures`, `instroom_mbo`, `instroom_hbo`, …)",
    help_en="indicator of the map (default: the first with figures of `spanningsindicator`, "
    "`vacatures`, `instroom_mbo`, `instroom_hbo`, …)",
)
KWARTAAL = Param(
    "kwartaal",
    Kind.ONE,
    "quarters",
    _first("quarters"),
    help_nl="kwartaal van de heatmap, bijvoorbeeld `2026-Q3` (standaard: het laatste)",
    help_en="quarter of the heatmap, e.g. `2026-Q3` (default: the latest)",
)
NIVEAU = Param(
    "niveau",
    Kind.ONE,
    "levels",
    _first_filled("levels_filled", "mbo"),
    help_nl="`mbo`, `hbo` of `wo` (standaard: het eerste met cijfers)",
    help_en="`mbo`, `hbo` or `wo` (default: the first with figures)",
)
WEERGAVE = Param(
    "weergave",
    Kind.ONE,
    "views",
    _fixed("absolute"),
    help_nl="`absolute` (aantallen, standaard) of `index` (basisjaar = 100)",
    help_en="`absolute` (numbers, default) or `index` (base year = 100)",
)
PROFIEL_REGIO = Param(
    "regio",
    Kind.ONE,
    "regions",
    _profile_region,
    help_nl="de arbeidsmarktregio van het profiel (standaard: `twente`)",
    help_en="the region of the profile (default: `twente`)",
)
VERGELIJK = Param(
    "vergelijk",
    Kind.ONE,
    "comparisons",
    _fixed(DEFAULT_COMPARISON),
    help_nl="vergelijkingsgroep van het profiel: `oost` (standaard), `nl` of `vergelijkbaar`",
    help_en="the profile's comparison group: `oost` (default), `nl` or `vergelijkbaar`",
)
THEMA = Param(
    "thema",
    Kind.ONE,
    "themes",
    _fixed(neighbours.DEFAULT_THEME),
    help_nl="thema van de vergelijkbare regio's: `labour` (standaard), `economy` of `population`",
    help_en="theme of the similar regions: `labour` (default), `economy` or `population`",
)
PROGRAMMA = Param(
    "programma",
    Kind.ONE,
    "programmes",
    _fixed(ANY),
    help_nl="programma of regeling, bijv. `llo-katalysator` (standaard: `alle`)",
    help_en="programme or scheme, e.g. `llo-katalysator` (default: `alle`)",
)
STATUS = Param(
    "status",
    Kind.ONE,
    "statuses",
    _fixed(ANY),
    help_nl="`gepland`, `lopend`, `afgerond` of `gestopt` (standaard: `alle`)",
    help_en="`gepland`, `lopend`, `afgerond` or `gestopt` (default: `alle`)",
)


# --- the pages -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """One page: ``slug`` names it in code and texts (``<slug>.title``, ``<slug>.intro``)."""

    slug: str
    script: str  # the Streamlit script, relative to the repository
    menu: str  # text key of its entry in the sidebar
    params: tuple[Param, ...]  # what its link takes, in the order links write them

    @property
    def title(self) -> str:
        return f"{self.slug}.title"

    @property
    def url_path(self) -> str:
        """The page's path in the dashboard's address, as Streamlit makes it: the script's
        name without its number (``pages/5_Regioprofiel.py`` -> ``Regioprofiel``); the home
        page has none."""
        if self.script == HOME_SCRIPT:
            return ""
        return PurePosixPath(self.script).stem.split("_", 1)[-1]

    def param(self, name: str) -> Param:
        return next(p for p in self.params if p.name == name)


HOME_SCRIPT = "app.py"


def _page(slug: str, script: str, *params: Param) -> Page:
    """Every page takes the language first and ``stand`` (a pinned view) last."""
    return Page(slug, script, f"page.{slug}", (TAAL, *params, STAND))


# In menu order; the first is the home page.
PAGES: tuple[Page, ...] = (
    _page("overview", HOME_SCRIPT, KAART),
    _page("shortage", "pages/1_Krapte.py", REGIO, SECTOR, KWARTAAL, JAREN),
    _page("intake", "pages/2_Instroom.py", NIVEAU, REGIO, SECTOR, WEERGAVE, JAREN),
    _page("llo", "pages/3_LLO_Energy.py"),
    _page("profile", "pages/5_Regioprofiel.py", PROFIEL_REGIO, VERGELIJK, THEMA),
    _page("mismatch", "pages/6_Mismatch.py", REGIO),
    _page("initiatives", "pages/8_Initiatieven.py", REGIO, SECTOR, PROGRAMMA, STATUS),
    _page("sources", "pages/7_Bronnen.py"),
    _page("data", "pages/4_Data.py"),
)
HOME = PAGES[0]
_BY_SLUG = {p.slug: p for p in PAGES}


def page(slug: str) -> Page:
    return _BY_SLUG[slug]


def defaults(page: Page, allowed_values: dict) -> Lazy:
    """The page's defaults, each worked out from the allow-lists when first asked for."""
    return Lazy({p.name: (lambda p=p: p.default(allowed_values)) for p in page.params})


def reference_table(lang: str = "nl") -> str:
    """The Markdown table of every page's parameters (docs/reference.md holds a copy)."""
    rows = ["| page | parameter | values |", "|---|---|---|"]
    for each in PAGES:
        for spec in each.params:
            help_text = spec.help_nl if lang == "nl" else spec.help_en
            rows.append(f"| {each.slug} | `{spec.name}` | {help_text} |")
    return "\n".join(rows)
