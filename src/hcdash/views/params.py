"""The values each page's link parameters may take, and their defaults, from the data."""

from collections.abc import Callable

import pandas as pd

from hcdash.periods import period_code
from hcdash.views import intake, overview, shortage
from hcdash.views.common import Context
from hcdash.vocabulary import LANGS, REGIO_OOST

FIRST_YEAR = 2015


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


def allowed(ctx: Context) -> Lazy:
    def quarters() -> list[str]:
        return [period_code(pd.Timestamp(q).date(), "quarter") for q in shortage.quarters(ctx)]

    def years() -> tuple[int, int]:
        return (FIRST_YEAR, max(ctx.reader.last_year() or FIRST_YEAR, FIRST_YEAR))

    return Lazy(
        {
            "regions": lambda: list(ctx.reader.member_regions(REGIO_OOST)),
            "sectors": lambda: list(ctx.sector_names),
            "levels": lambda: list(intake.LEVELS),
            "views": lambda: list(intake.VIEWS),
            "langs": lambda: list(LANGS),
            "map_indicators": lambda: [
                c for c in overview.MAP_INDICATORS if c in ctx.indicator_meta
            ],
            "quarters": quarters,
            "years": years,
            "programmes": lambda: ["alle", *ctx.reader.register("programmes")["slug"]],
            "statuses": lambda: ["alle", "gepland", "lopend", "afgerond", "gestopt"],
            "stands": lambda: [],  # the frame puts the link's stand here once it names a state
        }
    )


def defaults(page: str, allowed_values: dict) -> Lazy:
    def regions():
        return allowed_values["regions"]

    def profile_region():
        return "twente" if "twente" in regions() else regions()[0]

    common = {
        "taal": lambda: "nl",
        "sector": lambda: "alle",
        "jaren": lambda: allowed_values["years"],
        "stand": lambda: None,
    }
    per_page = {
        "overview": {"kaart": lambda: "spanningsindicator"},
        "shortage": {
            "regio": regions,
            "kwartaal": lambda: (allowed_values["quarters"] or [None])[0],
        },
        "intake": {"regio": regions, "niveau": lambda: "mbo", "weergave": lambda: "absolute"},
        "profile": {"regio": profile_region},
        "mismatch": {"regio": regions},
        "initiatives": {
            "regio": regions,
            "programma": lambda: "alle",
            "status": lambda: "alle",
        },
    }
    return Lazy({**common, **per_page.get(page, {})})
