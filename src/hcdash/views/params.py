"""The values each page's link parameters may take, and their defaults, from the data."""

import pandas as pd

from hcdash.periods import period_code
from hcdash.views import intake, overview, shortage
from hcdash.views.common import REGIO_OOST, Context

FIRST_YEAR = 2015
LANGS = ("nl", "en")


def allowed(ctx: Context) -> dict:
    quarters = [period_code(pd.Timestamp(q).date(), "quarter") for q in shortage.quarters(ctx)]
    last_year = ctx.reader.last_year() or FIRST_YEAR
    return {
        "regions": list(ctx.reader.member_regions(REGIO_OOST)),
        "sectors": list(ctx.sector_names),
        "levels": list(intake.LEVELS),
        "views": list(intake.VIEWS),
        "langs": list(LANGS),
        "map_indicators": [c for c in overview.MAP_INDICATORS if c in ctx.indicator_meta],
        "quarters": quarters,
        "years": (FIRST_YEAR, max(last_year, FIRST_YEAR)),
        "programmes": ["alle", *ctx.reader.register("programmes")["slug"]],
        "statuses": ["alle", "gepland", "lopend", "afgerond", "gestopt"],
        "stands": [],  # the frame puts the link's stand here once it names a state
    }


def defaults(page: str, allowed_values: dict) -> dict:
    regions = allowed_values["regions"]
    common = {"taal": "nl", "sector": "alle", "jaren": allowed_values["years"], "stand": None}
    per_page = {
        "overview": {"kaart": "spanningsindicator"},
        "shortage": {"regio": regions, "kwartaal": (allowed_values["quarters"] or [None])[0]},
        "intake": {"regio": regions, "niveau": "mbo", "weergave": "absolute"},
        "profile": {"regio": "twente" if "twente" in regions else regions[0]},
        "mismatch": {"regio": regions},
        "initiatives": {"regio": regions, "programma": "alle", "status": "alle"},
    }
    return {**common, **per_page.get(page, {})}
