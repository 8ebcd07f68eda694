"""Statistical neighbours: for one arbeidsmarktregio, the regions most like it, per theme.

The method is the one CIPFA's nearest neighbours and the NHS peer groups use: each indicator of
a theme is standardised over the regions compared (a z-score: minus the mean, divided by the
population standard deviation), and two regions are as far apart as the Euclidean distance
between their z-scores. Everything here is a pure function over a frame; the store is read by
``queries.Reader.neighbour_inputs`` (the latest value per region, indicator and sector).

Rules, documented in docs/reference.md (*Vergelijkbare regio's*):
- a region that lacks an indicator of the theme is left out of that theme's comparison (never
  imputed) and reported as left out, with what it lacks; if the asked region itself lacks one,
  ``NeighboursError`` says which;
- an indicator with the same value in every region compared tells no region apart; it is left
  out of the distance and reported as such;
- equal distances are ordered by the region's slug, so the order never depends on the store.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from hcdash.errors import NeighboursError
from hcdash.vocabulary import TOTAL_SECTOR

EMPLOYED = "werkzame_beroepsbevolking"
# The sectors whose share of employment makes the economy theme (the mission's five).
ECONOMY_SECTORS = ("voedsel", "energie", "gezondheid", "hightech", "maakindustrie")


@dataclass(frozen=True)
class Feature:
    """One standardised input: a stored indicator, a share of employment in a sector, or a
    count per 1,000 employed. ``key`` names it in outputs (and in the i18n ``feature.<key>``)."""

    key: str
    indicator: str
    sector: str = TOTAL_SECTOR
    per: str | None = None  # "employed": per 1,000 employed; "share": of all-sector employment


THEMES: dict[str, tuple[Feature, ...]] = {
    # labour market: how tight it is, how many are on short WW, how many take part
    "labour": (
        Feature("spanningsindicator", "spanningsindicator"),
        Feature("ww_kort_per_1000", "ww_kort", per="employed"),
        Feature("netto_arbeidsparticipatie", "netto_arbeidsparticipatie"),
    ),
    # economy: the sector mix of employment (each sector's share of all employed)
    "economy": tuple(
        Feature(f"aandeel_{sector}", EMPLOYED, sector, per="share") for sector in ECONOMY_SECTORS
    ),
    # population: ageing of the workforce and graduates leaving the region
    "population": (
        Feature("aandeel_55plus", "aandeel_55plus"),
        Feature("uitstroom_afgestudeerden", "uitstroom_afgestudeerden"),
    ),
}
DEFAULT_THEME = "labour"
DEFAULT_N = 5
MAX_N = 34  # every other arbeidsmarktregio


def needed_indicators() -> tuple[str, ...]:
    """Every stored indicator some theme reads (for the one query)."""
    codes = {f.indicator for features in THEMES.values() for f in features} | {EMPLOYED}
    return tuple(sorted(codes))


def features(inputs: pd.DataFrame, theme: str) -> pd.DataFrame:
    """One row per region, one column per feature of ``theme`` (NaN where a region lacks it),
    from ``inputs`` (columns region, indicator, sector, value: one latest value each)."""
    if theme not in THEMES:
        raise NeighboursError(code="unknown_theme", value=theme, known=", ".join(THEMES))
    values = inputs.set_index(["region", "indicator", "sector"])["value"]
    regions = sorted(inputs["region"].unique())
    employed = _column(values, regions, EMPLOYED, TOTAL_SECTOR)
    table = pd.DataFrame(index=pd.Index(regions, name="region"))
    for f in THEMES[theme]:
        column = _column(values, regions, f.indicator, f.sector)
        if f.per == "employed":
            column = column / employed * 1000
        elif f.per == "share":
            column = column / employed * 100
        table[f.key] = column.replace([np.inf, -np.inf], np.nan)
    return table


def _column(values: pd.Series, regions: list[str], indicator: str, sector: str) -> pd.Series:
    if not regions:  # a store without any of the figures: an empty column
        return pd.Series(dtype=float)
    keys = pd.MultiIndex.from_tuples([(r, indicator, sector) for r in regions])
    return pd.Series(values.reindex(keys).to_numpy(dtype=float), index=regions)


@dataclass(frozen=True)
class Neighbours:
    """The answer for one region and theme: ``ranked`` has region, distance and ``drivers``
    (the features that add most to the distance, largest first); ``left_out`` maps a region to
    the features it lacks; ``constant`` lists features that were the same everywhere."""

    region: str
    theme: str
    ranked: pd.DataFrame
    left_out: dict[str, list[str]]
    constant: list[str]
    zscores: pd.DataFrame


def nearest(table: pd.DataFrame, region: str, n: int = DEFAULT_N, theme: str = "") -> Neighbours:
    """The ``n`` regions nearest to ``region`` in ``table`` (``features``' output)."""
    if region not in table.index:
        raise NeighboursError(code="neighbours_no_region", region=region, lacking=tuple(table))
    lacking = table.isna()
    if lacking.loc[region].any():
        missing = ", ".join(table.columns[lacking.loc[region]])
        lacks = tuple(table.columns[lacking.loc[region]])
        raise NeighboursError(
            code="neighbours_region_lacks", region=region, missing=missing, lacking=lacks
        )
    left_out = {r: list(table.columns[lacking.loc[r]]) for r in table.index if lacking.loc[r].any()}
    complete = table.drop(index=list(left_out))
    z, constant = standardise(complete)
    distance = np.sqrt(((z - z.loc[region]) ** 2).sum(axis=1)).drop(index=region)
    ranked = pd.DataFrame({"region": distance.index, "distance": distance.to_numpy()})
    # ties: the smaller slug first, so the order is the same on every store and machine
    ranked = ranked.sort_values(["distance", "region"], kind="mergesort").head(n)
    ranked["drivers"] = [_drivers(z.loc[region], z.loc[r]) for r in ranked["region"]]
    return Neighbours(region, theme, ranked.reset_index(drop=True), left_out, constant, z)


def standardise(table: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Z-scores per column (population standard deviation, ddof=0); a column without spread is
    dropped and named, since it cannot tell regions apart (and would divide by zero)."""
    spread = table.std(ddof=0)
    constant = list(table.columns[~(spread > 0)])
    kept = table.drop(columns=constant)
    return (kept - kept.mean()) / spread[kept.columns], constant


def _drivers(a: pd.Series, b: pd.Series, top: int = 2) -> list[tuple[str, float]]:
    """The features that make the largest share of the squared distance, with that share."""
    squared = (a - b) ** 2
    total = squared.sum()
    if total == 0:
        return []
    share = (squared / total).sort_values(ascending=False, kind="mergesort")
    return [(key, float(part)) for key, part in share.head(top).items()]


def find(reader, region: str, theme: str = DEFAULT_THEME, n: int = DEFAULT_N) -> Neighbours:
    """The neighbours of ``region`` in the store that ``reader`` (a ``queries.Reader``) reads."""
    table = features(reader.latest_per_region(needed_indicators()), theme)
    return nearest(table, region, n, theme)
