"""Deterministic demo data (Voorbeelddata): plausible series, clearly marked as not real.

The same seed gives the same numbers on every machine, so tests can build a small real database
with exactly this code. Shapes follow the public picture of Regio Oost: tension rising from
'ruim' in 2015 to 'krap' in 2022 (with a dip in 2020), technical sectors tightest, intake
declining in technical fields, and LLO Energy behind its straight trajectory.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from hcdash import reference
from hcdash.periods import Period
from hcdash.schema import OBSERVATION_COLUMNS
from hcdash.store import Change, Store
from hcdash.uploads import UploadMeta, frame_sha256, load_frame
from hcdash.vocabulary import DEMO_SOURCE, TOTAL_SECTOR

SEED = 20261127
DEMO_FILE_NAME = "hcdash-voorbeelddata"
DEMO_AUTHOR = "hcdash demo"

FIRST_YEAR = 2015
LAST_QUARTER = Period.quarter(2026, 3)  # latest published quarter as of late 2026
LAST_INTAKE_YEAR = 2026  # 1 October 2026, provisional
LAST_CONTEXT_YEAR = 2025
LLO_FIRST_MONTH = Period.month(2023, 1)
LLO_LAST_MONTH = Period.month(2026, 10)

# Employed people (thousands) and sector tilts per region; rough public orders of magnitude.
REGION_JOBS = {
    "twente": 330,
    "regio-zwolle": 330,
    "stedendriehoek": 220,
    "midden-gelderland": 360,
    "rijk-van-nijmegen": 290,
    "achterhoek": 200,
    "rivierenland": 130,
    "foodvalley": 200,
}
GELDERLAND_REGIONS = (
    "stedendriehoek",
    "midden-gelderland",
    "rijk-van-nijmegen",
    "achterhoek",
    "rivierenland",
    "foodvalley",
)
SECTOR_SHARE = {
    "voedsel": 0.06,
    "energie": 0.03,
    "gezondheid": 0.17,
    "hightech": 0.05,
    "maakindustrie": 0.10,
    "overig": 0.59,
}
SECTOR_TENSION = {
    "voedsel": 0.8,
    "energie": 1.9,
    "gezondheid": 1.35,
    "hightech": 1.7,
    "maakindustrie": 1.25,
    "overig": 0.85,
}
REGION_TILT = {
    "twente": {"hightech": 1.6, "maakindustrie": 1.3},
    "achterhoek": {"maakindustrie": 1.6},
    "foodvalley": {"voedsel": 2.2},
    "rijk-van-nijmegen": {"gezondheid": 1.2, "energie": 1.3},
    "midden-gelderland": {"energie": 1.6},
    "regio-zwolle": {"maakindustrie": 1.1, "gezondheid": 1.1},
}
# Regio Oost tension (vacancies per short-term WW benefit) over time: knots (year fraction, value).
TENSION_KNOTS = (
    (2015.0, 0.6),
    (2017.0, 0.9),
    (2019.5, 1.5),
    (2020.25, 0.85),
    (2021.0, 1.3),
    (2022.5, 2.8),
    (2024.0, 2.3),
    (2026.75, 1.9),
)

# First-year students per region (mbo, hbo, wo): wo only where a university teaches.
INTAKE_BASE = {
    "twente": (6600, 4600, 2800),
    "regio-zwolle": (6400, 4100, 0),
    "stedendriehoek": (4300, 2100, 0),
    "midden-gelderland": (7000, 3600, 0),
    "rijk-van-nijmegen": (5600, 4700, 4600),
    "achterhoek": (3800, 300, 0),
    "rivierenland": (2500, 100, 0),
    "foodvalley": (3900, 1300, 1700),
}
FIELD_SHARE = {  # share of intake per sector field, per level (mbo, hbo, wo)
    "voedsel": (0.05, 0.04, 0.10),
    "energie": (0.04, 0.03, 0.02),
    "gezondheid": (0.22, 0.16, 0.12),
    "hightech": (0.07, 0.10, 0.12),
    "maakindustrie": (0.08, 0.04, 0.01),
}
LEVELS = ("mbo", "hbo", "wo")
TECHNICAL_FIELDS = ("energie", "hightech", "maakindustrie")

# The comparison figures (statistical neighbours, the Netherlands): every arbeidsmarktregio
# gets its latest quarter's labour market and its latest year's context; Regio Oost's eight
# get what their other series lack (participation, employment per sector).
NATIONAL_STREAM = 35
NATIONAL_JOBS_K = (60, 700)  # employed (thousands) of the other regions: a range to draw from
ECONOMY_SECTORS = ("voedsel", "energie", "gezondheid", "hightech", "maakindustrie")

LLO_TOTAL_KNOTS = ((2023.0, 0), (2024.0, 1400), (2025.0, 4100), (2026.0, 6900), (2026.83, 8650))


@dataclass(frozen=True)
class DemoResult:
    upload_id: int | None
    rows: int


def generate(seed: int = SEED) -> pd.DataFrame:
    """All demo observations as one frame with the columns of ``schema.OBSERVATION_COLUMNS``."""
    rng = np.random.default_rng(seed)
    parts = [_shortage(rng), _intake(rng), _llo(rng), _context(rng)]
    # The comparison figures come from a stream of their own (a second seed from the same
    # seed), so the figures above stay exactly what they were before these were added.
    parts.append(_comparison(np.random.default_rng([seed, NATIONAL_STREAM])))
    return pd.concat(parts, ignore_index=True).loc[:, list(OBSERVATION_COLUMNS)]


def load_demo(store: Store, seed: int = SEED) -> DemoResult:
    """Load the demo data once; a store that has (or had) demo data is left alone, so a
    rolled-back demo does not come back."""
    frame = generate(seed)
    meta = UploadMeta(
        kind="demo",
        file_name=f"{DEMO_FILE_NAME} (seed {seed})",
        sha256=frame_sha256(frame),
        source=DEMO_SOURCE,
        author=DEMO_AUTHOR,
        rows_read=len(frame),
        note="Voorbeelddata om het dashboard te tonen; vervang door echte bestanden.",
    )

    def work(change: Change) -> DemoResult:
        present = change.con.execute("SELECT count(*) FROM uploads WHERE kind = 'demo'").fetchall()[
            0
        ][0]
        if present:
            return DemoResult(None, 0)
        return DemoResult(load_frame(change, frame, meta).upload_id, len(frame))

    return store.write(work)


def _quarters() -> list[Period]:
    out = []
    year, quarter = FIRST_YEAR, 1
    while Period.quarter(year, quarter) <= LAST_QUARTER:
        out.append(Period.quarter(year, quarter))
        year, quarter = (year, quarter + 1) if quarter < 4 else (year + 1, 1)
    return out


def _months(first: Period, last: Period) -> list[Period]:
    out, current = [], first
    while current <= last:
        out.append(current)
        current = Period(current.end, "month")
    return out


def _fraction(period: Period) -> float:
    return period.start.year + (period.start.month - 1) / 12


def _rows(records: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(
        records, columns=["indicator", "region", "sector", "period", "value", "provisional"]
    )
    frame["period_start"] = [p.start for p in frame["period"]]
    frame["grain"] = [p.grain for p in frame["period"]]
    return frame.drop(columns="period")


def _shortage(rng: np.random.Generator) -> pd.DataFrame:
    knots_x, knots_y = zip(*TENSION_KNOTS, strict=True)
    records = []
    for region, jobs_k in REGION_JOBS.items():
        region_level = rng.normal(1.0, 0.08)
        for period in _quarters():
            tension = np.interp(_fraction(period), knots_x, knots_y) * region_level
            season = {1: 1.08, 4: 0.98, 7: 0.94, 10: 1.0}[period.start.month]
            provisional = period == LAST_QUARTER
            total_vac = total_ww = 0
            for sector, share in SECTOR_SHARE.items():
                jobs = jobs_k * 1000 * share * REGION_TILT.get(region, {}).get(sector, 1.0)
                ratio = tension * SECTOR_TENSION[sector] * rng.lognormal(0, 0.06)
                ww_share = 0.028 * (0.6 / tension) ** 0.5 * season
                ww = max(1, round(jobs * ww_share * rng.lognormal(0, 0.04)))
                vac = max(0, round(ww * ratio))
                total_vac, total_ww = total_vac + vac, total_ww + ww
                if sector != "overig":
                    records += _shortage_records(region, sector, period, vac, ww, provisional)
            records += _shortage_records(
                region, TOTAL_SECTOR, period, total_vac, total_ww, provisional
            )
    return _rows(records)


def _shortage_records(region, sector, period, vac, ww, provisional) -> list[tuple]:
    return [
        ("vacatures", region, sector, period, float(vac), provisional),
        ("ww_kort", region, sector, period, float(ww), provisional),
        ("spanningsindicator", region, sector, period, vac / ww, provisional),
    ]


def _intake(rng: np.random.Generator) -> pd.DataFrame:
    records = []
    for region, bases in INTAKE_BASE.items():
        for level_index, level in enumerate(LEVELS):
            base = bases[level_index]
            for year in range(FIRST_YEAR, LAST_INTAKE_YEAR + 1):
                trend = 1.01 ** min(year - 2015, 4) * 0.985 ** max(year - 2019, 0)
                covid = 1.08 if year == 2020 and level != "mbo" else 1.0
                total = base * trend * covid * rng.lognormal(0, 0.02)
                period, provisional = Period.year(year), year == LAST_INTAKE_YEAR
                for field, shares in FIELD_SHARE.items():
                    drift = 0.98 ** (year - 2015) if field in TECHNICAL_FIELDS else 1.0
                    tilt = REGION_TILT.get(region, {}).get(field, 1.0)
                    value = round(
                        total * shares[level_index] * drift * tilt * rng.lognormal(0, 0.05)
                    )
                    records.append(
                        (f"instroom_{level}", region, field, period, float(value), provisional)
                    )
                records.append(
                    (
                        f"instroom_{level}",
                        region,
                        TOTAL_SECTOR,
                        period,
                        float(round(total)),
                        provisional,
                    )
                )
    return _rows(records)


def _llo(rng: np.random.Generator) -> pd.DataFrame:
    months = _months(LLO_FIRST_MONTH, LLO_LAST_MONTH)
    knots_x, knots_y = zip(*LLO_TOTAL_KNOTS, strict=True)
    totals = [np.interp(_fraction(m) + 1 / 12, knots_x, knots_y) for m in months]
    weights = np.array([REGION_JOBS[r] for r in GELDERLAND_REGIONS], dtype=float)
    weights *= rng.lognormal(0, 0.25, size=len(weights))
    weights /= weights.sum()
    records = []
    cumulative = np.zeros(len(GELDERLAND_REGIONS))
    previous_total = 0.0
    for month, total in zip(months, totals, strict=True):
        added = max(0.0, total - previous_total) * weights * rng.lognormal(0, 0.15, len(weights))
        cumulative += np.round(added)
        previous_total = total
        for region, value in zip(GELDERLAND_REGIONS, cumulative, strict=True):
            records.append(
                (
                    "llo_energie_deelnemers",
                    region,
                    "energie",
                    month,
                    float(value),
                    month == LLO_LAST_MONTH,
                )
            )
    return _rows(records)


def _context(rng: np.random.Generator) -> pd.DataFrame:
    records = []
    for region, jobs_k in REGION_JOBS.items():
        older = rng.normal(22.0, 1.5)
        outflow = rng.normal(45.0, 8.0) if INTAKE_BASE[region][1] > 1000 else rng.normal(70, 5)
        for year in range(FIRST_YEAR, LAST_CONTEXT_YEAR + 1):
            period, step = Period.year(year), year - FIRST_YEAR
            workers = jobs_k * 1000 * 1.009**step * rng.lognormal(0, 0.01)
            records += [
                (
                    "werkzame_beroepsbevolking",
                    region,
                    TOTAL_SECTOR,
                    period,
                    float(round(workers, -2)),
                    False,
                ),
                (
                    "aandeel_55plus",
                    region,
                    TOTAL_SECTOR,
                    period,
                    round(older + 0.45 * step, 1),
                    False,
                ),
                (
                    "uitstroom_afgestudeerden",
                    region,
                    TOTAL_SECTOR,
                    period,
                    round(outflow + rng.normal(0, 1.2), 1),
                    False,
                ),
            ]
    return _rows(records)


def _other_regions() -> list[str]:
    """The arbeidsmarktregio's outside Regio Oost, in CBS code order (as the store has them)."""
    oost = {row[1] for row in reference.REGIONS}
    return [reference.slug(name) for code, name in reference.national_regions() if code not in oost]


def _comparison(rng: np.random.Generator) -> pd.DataFrame:
    """What the statistical neighbours and the national comparison need, for all regions."""
    year, records = Period.year(LAST_CONTEXT_YEAR), []
    for region in list(REGION_JOBS) + _other_regions():
        own = region in REGION_JOBS
        jobs = 1000 * (REGION_JOBS[region] if own else rng.uniform(*NATIONAL_JOBS_K))
        if not own:
            records += _latest_labour(rng, region, jobs)
            records += _latest_context(rng, region, jobs, year)
        records.append(
            ("netto_arbeidsparticipatie", region, TOTAL_SECTOR, year, _one(rng, 70, 2.5), False)
        )
        for sector in ECONOMY_SECTORS:
            tilt = REGION_TILT.get(region, {}).get(sector, rng.lognormal(0, 0.3))
            share = SECTOR_SHARE[sector] * tilt
            value = float(round(jobs * share, -2))
            records.append(("werkzame_beroepsbevolking", region, sector, year, value, False))
    return _rows(records)


def _latest_labour(rng: np.random.Generator, region: str, jobs: float) -> list[tuple]:
    tension = TENSION_KNOTS[-1][1] * rng.lognormal(0, 0.3)
    ww = float(round(jobs * 0.028 * (0.6 / tension) ** 0.5 * rng.lognormal(0, 0.1)))
    vac = float(round(ww * tension))
    return _shortage_records(region, TOTAL_SECTOR, LAST_QUARTER, vac, ww, True)


def _latest_context(rng, region: str, jobs: float, year: Period) -> list[tuple]:
    return [
        ("werkzame_beroepsbevolking", region, TOTAL_SECTOR, year, float(round(jobs, -2)), False),
        ("aandeel_55plus", region, TOTAL_SECTOR, year, _one(rng, 26.5, 2.0), False),
        ("uitstroom_afgestudeerden", region, TOTAL_SECTOR, year, _one(rng, 55, 12), False),
    ]


def _one(rng: np.random.Generator, mean: float, sd: float) -> float:
    """A percentage with one decimal, as published."""
    return round(float(rng.normal(mean, sd)), 1)
