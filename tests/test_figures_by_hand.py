"""Figures worked out outside the code that shows them: plain SQL on the demo store, beside
the Regioprofiel's comparison and the factsheet's LLO sentence. (Their other tests compare the
factsheet with the functions it calls, and the page's score, bars and difference with each
other; those pass with every figure doubled.)

The demo store has every figure for every region, so its comparison is per 1,000 workers for
counts and from the summed parts for ratios; these tests hold to the arithmetic of the
difference (100 × (region − Regio Oost) / Regio Oost, turned round where lower is better) and
of the LLO share (the region's trained workers out of Gelderland's, in the same month).
"""

import re

import pandas as pd
import pytest

from hcdash import factsheet, queries
from hcdash.views import profile
from hcdash.views.common import Context
from tests.support.regions import GELDERLAND, OOST

REGION = "achterhoek"
CURRENT = "removed_in IS NULL AND sector = 'alle'"


def latest(con, indicator: str, region: str) -> str:
    """The region's latest period of ``indicator`` (all sectors)."""
    return con.execute(
        f"SELECT max(period_start) FROM observations WHERE {CURRENT} AND indicator = ?"
        " AND region = ?",
        [indicator, region],
    ).fetchall()[0][0]


def summed(con, indicator: str, regions: list[str], period) -> float:
    """The sum of ``indicator`` over ``regions`` in ``period``: every region must have it."""
    total, count = con.execute(
        f"SELECT sum(value), count(*) FROM observations WHERE {CURRENT} AND indicator = ?"
        f" AND region IN ({', '.join('?' * len(regions))}) AND period_start = ?",
        [indicator, *regions, period],
    ).fetchall()[0]
    assert count == len(regions), (indicator, period)
    return total


def per_thousand_workers(con, indicator: str, regions: list[str]) -> float:
    """A count per 1,000 workers: both in their own latest period (as the page compares)."""
    period = latest(con, indicator, REGION)
    workers = latest(con, "werkzame_beroepsbevolking", REGION)
    return (
        1000
        * summed(con, indicator, regions, period)
        / summed(con, "werkzame_beroepsbevolking", regions, workers)
    )


def tension(con, regions: list[str]) -> float:
    """The spanningsindicator from its summed parts: vacancies over short-term WW."""
    period = latest(con, "spanningsindicator", REGION)
    return summed(con, "vacatures", regions, period) / summed(con, "ww_kort", regions, period)


def difference(region: float, oost: float) -> float:
    return 100 * (region - oost) / oost


@pytest.fixture(scope="module")
def compared(con):
    """The Regioprofiel's rows for Achterhoek, by indicator."""
    return profile.rows(Context(queries.Reader(con), "nl"), REGION).set_index("indicator")


def test_the_profile_difference_of_a_ratio_is_worked_out_from_its_parts(con, compared):
    own, oost = tension(con, [REGION]), tension(con, OOST)
    row = compared.loc["spanningsindicator"]
    assert row["value"] == pytest.approx(own)
    assert row["reference"] == pytest.approx(oost)
    assert row["difference"] == pytest.approx(difference(own, oost))


@pytest.mark.parametrize(
    ("indicator", "lower_is_better"), [("ww_kort", True), ("instroom_mbo", False)]
)
def test_the_profile_difference_and_score_of_a_count_per_thousand_workers(
    con, compared, indicator, lower_is_better
):
    """Short-term WW: more is worse, so the score is the difference turned round; first-year
    mbo students: more is better, the score is the difference."""
    own = per_thousand_workers(con, indicator, [REGION])
    oost = per_thousand_workers(con, indicator, OOST)
    row = compared.loc[indicator]
    assert (row["value"], row["reference"]) == (pytest.approx(own), pytest.approx(oost))
    assert row["difference"] == pytest.approx(difference(own, oost))
    expected = -difference(own, oost) if lower_is_better else difference(own, oost)
    assert row["score"] == pytest.approx(expected)
    assert abs(expected) > 0.01  # a sign that could be wrong


LLO = re.compile(
    r"LLO Energie: (?P<count>[\d.]+) werkenden geschoold tot (?P<period>.+), (?P<share>\d+)% van"
    r" Gelderland \(doel: (?P<target>[\d.]+) in Gelderland\)\."
)


def dutch_whole(text: str) -> int:
    return int(text.replace(".", ""))


@pytest.mark.parametrize("region", ["achterhoek", "foodvalley"])
def test_the_factsheet_llo_share_is_the_regions_part_of_gelderland(con, region):
    """The region's cumulative LLO Energie count in its latest month, out of the six Gelderland
    regions' counts in that month (rounded to a whole percent), and Gelderland's target."""
    where = "removed_in IS NULL AND indicator = 'llo_energie_deelnemers' AND sector = 'energie'"
    month, own = con.execute(
        f"SELECT period_start, value FROM observations WHERE {where} AND region = ?"
        " ORDER BY period_start DESC LIMIT 1",
        [region],
    ).fetchall()[0]
    total = con.execute(
        f"SELECT sum(value) FROM observations WHERE {where} AND period_start = ?"
        f" AND region IN ({', '.join('?' * len(GELDERLAND))})",
        [month, *GELDERLAND],
    ).fetchall()[0][0]
    (target,) = con.execute(
        "SELECT value FROM targets WHERE indicator = 'llo_energie_deelnemers'"
        " AND region = 'gelderland'"
    ).fetchall()[0]
    sheet = factsheet.sheet(Context(queries.Reader(con), "nl"), region, "https://x", "1")
    said = LLO.fullmatch(sheet.llo)
    assert said, sheet.llo
    assert dutch_whole(said["count"]) == own
    assert abs(int(said["share"]) - 100 * own / total) <= 0.5
    assert 5 < 100 * own / total < 50  # a part, not the whole: doubling it would show
    assert dutch_whole(said["target"]) == target == 10_000


def one_decimal(value: float) -> str:
    """A number as the Dutch pages write it with one decimal (−3,0)."""
    return f"{value:.1f}".replace(".", ",").replace("-", "−")


def test_the_profile_chart_draws_the_worked_out_score_and_names_its_ends(con):
    """The bar of short-term WW is labelled with its score worked out above, to one decimal, as
    is the chart's table; the sentence under the chart names the longest bar on each side."""
    ctx = Context(queries.Reader(con), "nl")
    chart = profile.profile(ctx, REGION).chart
    (bars,) = chart.figure.data
    labels = dict(zip(bars.y, bars.text, strict=True))
    scores = dict(zip(bars.y, bars.x, strict=True))
    own = per_thousand_workers(con, "ww_kort", [REGION])
    oost = per_thousand_workers(con, "ww_kort", OOST)
    assert labels[ctx.indicator_name("ww_kort")] == one_decimal(-difference(own, oost))
    assert chart.decimals == 1
    best, worst = max(scores, key=scores.get), min(scores, key=scores.get)
    assert best != worst
    assert chart.summary.startswith(f"het gunstigst is {best} (")
    assert f", het ongunstigst {worst} (" in chart.summary


@pytest.mark.parametrize(
    ("score", "said"),
    [
        (-0.5, "0,5% ongunstiger dan Regio Oost"),
        (0.5, "0,5% gunstiger dan Regio Oost"),
        (-31.94, "31,9% ongunstiger dan Regio Oost"),
    ],
)
def test_the_profile_says_better_or_worse_by_the_sign_of_the_score_however_small(con, score, said):
    ctx = Context(queries.Reader(con), "nl")
    assert profile._judgement(ctx, score, ctx.t("profile.comparison_oost")) == said


# --- The comparison group: the Netherlands, the statistical neighbours, the threshold ----------


def median(values: list[float]) -> float:
    """The middle value (the mean of the two middle ones for an even count), by hand."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def mad(values: list[float]) -> float:
    """The median absolute deviation, unscaled."""
    centre = median(values)
    return median([abs(v - centre) for v in values])


def by_label(difference: float, threshold: float) -> str:
    return "higher" if difference > threshold else "lower" if difference < -threshold else "similar"


def national(con) -> list[str]:
    found = con.execute("SELECT slug FROM regions WHERE level = 'arbeidsmarktregio'").fetchall()
    return [slug for (slug,) in found]


def values_in(con, indicator: str, regions: list[str], period) -> dict[str, float]:
    """Each region's value of ``indicator`` (all sectors) in ``period``."""
    return dict(
        con.execute(
            f"SELECT region, value FROM observations WHERE {CURRENT} AND indicator = ?"
            f" AND period_start = ? AND region IN ({', '.join('?' * len(regions))})",
            [indicator, period, *regions],
        ).fetchall()
    )


@pytest.mark.parametrize("indicator", ["netto_arbeidsparticipatie", "aandeel_55plus"])
def test_against_the_netherlands_a_share_has_the_median_of_all_35_and_their_mad(con, indicator):
    """A share against the Netherlands: the median of the 35 regions in the region's latest
    period; the threshold is the median absolute deviation of those 35 values; the label says
    higher, lower or similar by it."""
    regions = national(con)
    assert len(regions) == 35
    values = values_in(con, indicator, regions, latest(con, indicator, REGION))
    assert len(values) == 35  # the demo store has every region: no partial comparison
    reference, threshold = median(list(values.values())), mad(list(values.values()))
    row = profile.rows(Context(queries.Reader(con), "nl"), REGION, "nl").set_index("indicator")
    row = row.loc[indicator]
    assert row["value"] == pytest.approx(values[REGION])
    assert row["reference"] == pytest.approx(reference)
    assert row["threshold"] == pytest.approx(threshold)
    assert threshold > 0
    assert row["label"] == by_label(values[REGION] - reference, threshold)


def labour_neighbours(con, region: str, n: int = 5) -> list[str]:
    """The labour theme's nearest regions, worked out here: each region's latest tension,
    short-term WW per 1,000 employed (each in its own latest period) and participation; z-scores
    over the 35 with the population standard deviation; Euclidean distance; ties by slug."""
    rows = con.execute(
        "WITH latest AS (SELECT region, indicator, arg_max(value, period_start) AS value"
        f" FROM observations WHERE {CURRENT} AND indicator IN ('spanningsindicator', 'ww_kort',"
        " 'werkzame_beroepsbevolking', 'netto_arbeidsparticipatie') GROUP BY ALL)"
        " SELECT region,"
        "  max(value) FILTER (WHERE indicator = 'spanningsindicator'),"
        "  1000 * max(value) FILTER (WHERE indicator = 'ww_kort')"
        "   / max(value) FILTER (WHERE indicator = 'werkzame_beroepsbevolking'),"
        "  max(value) FILTER (WHERE indicator = 'netto_arbeidsparticipatie')"
        " FROM latest JOIN regions ON slug = region WHERE level = 'arbeidsmarktregio'"
        " GROUP BY region"
    ).fetchall()
    assert len(rows) == 35 and all(None not in r for r in rows)
    columns = list(zip(*(r[1:] for r in rows), strict=True))
    scaled = []
    for column in columns:
        mean = sum(column) / len(column)
        sd = (sum((v - mean) ** 2 for v in column) / len(column)) ** 0.5
        scaled.append([(v - mean) / sd for v in column])
    points = {r[0]: [c[i] for c in scaled] for i, r in enumerate(rows)}
    own = points[region]
    far = {
        r: sum((a - b) ** 2 for a, b in zip(p, own, strict=True)) ** 0.5
        for r, p in points.items()
        if r != region
    }
    return sorted(far, key=lambda r: (far[r], r))[:n]


def test_the_similar_regions_are_the_nearest_worked_out_in_sql_and_by_hand(con):
    ctx = Context(queries.Reader(con), "nl")
    expected = labour_neighbours(con, REGION)
    assert profile.group(ctx, REGION, "vergelijkbaar", "labour")[1] == tuple(expected)
    # a different theme is a different group (the choice is not ignored)
    assert profile.group(ctx, REGION, "vergelijkbaar", "economy")[1] != tuple(expected)


def test_against_the_similar_regions_a_count_per_thousand_and_its_threshold(con):
    """Short-term WW against the 5 most similar regions: their summed WW per 1,000 of their
    summed employed; the threshold is the MAD of each neighbour's own rate per 1,000."""
    group = labour_neighbours(con, REGION)
    ww, workers = latest(con, "ww_kort", REGION), latest(con, "werkzame_beroepsbevolking", REGION)
    counts = values_in(con, "ww_kort", [REGION, *group], ww)
    employed = values_in(con, "werkzame_beroepsbevolking", [REGION, *group], workers)
    own = 1000 * counts[REGION] / employed[REGION]
    reference = 1000 * sum(counts[r] for r in group) / sum(employed[r] for r in group)
    threshold = mad([1000 * counts[r] / employed[r] for r in group])
    ctx = Context(queries.Reader(con), "nl")
    row = profile.rows(ctx, REGION, "vergelijkbaar", "labour").set_index("indicator")
    row = row.loc["ww_kort"]
    assert (row["value"], row["reference"]) == (pytest.approx(own), pytest.approx(reference))
    assert row["threshold"] == pytest.approx(threshold)
    assert row["label"] == by_label(own - reference, threshold)
    assert row["score"] == pytest.approx(-difference(own, reference))  # more WW is worse


@pytest.mark.parametrize(
    ("difference", "threshold", "label"),
    [(0.3, 0.3, "similar"), (0.31, 0.3, "higher"), (-0.3, 0.3, "similar"), (-0.31, 0.3, "lower")],
)
def test_a_difference_counts_only_beyond_the_threshold(difference, threshold, label):
    """At the threshold a region is similar; only beyond it higher or lower."""
    labels = profile.label_by_threshold(pd.Series([difference]), pd.Series([threshold]))
    assert labels == [label]
