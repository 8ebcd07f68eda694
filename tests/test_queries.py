"""Query layer on the demo database; expected values computed independently in pandas."""

from datetime import date

import pandas as pd
import pytest

from hcdash import queries
from hcdash.errors import AggregationError, UnknownValueError
from hcdash.periods import Period
from hcdash.queries import Filters
from hcdash.schema import OBSERVATION_COLUMNS
from hcdash.uploads import UploadMeta, load_observations
from hcdash.views import shortage
from hcdash.views.common import Context
from tests.support.regions import GELDERLAND, OOST, OVERIJSSEL


def pick(frame, **conditions):
    mask = pd.Series(True, index=frame.index)
    for column, value in conditions.items():
        values = value if isinstance(value, list | tuple | set) else [value]
        mask &= frame[column].isin(values)
    return frame[mask]


def test_observations_filters(con, demo_frame):
    filters = Filters(
        ("vacatures",), ("twente", "achterhoek"), ("energie",), Period.year(2020), Period.year(2021)
    )
    got = queries.Reader(con).observations(filters)
    expected = pick(
        demo_frame, indicator="vacatures", region=["twente", "achterhoek"], sector="energie"
    )
    expected = expected[
        (expected["period_start"] >= date(2020, 1, 1))
        & (expected["period_start"] < date(2022, 1, 1))
    ]
    assert len(got) == len(expected) == 16
    assert got["value"].sum() == expected["value"].sum()
    assert list(got["region"].unique()) == ["achterhoek", "twente"]  # ordered as text
    sources = queries.Reader(con).upload_sources()
    assert {sources[u] for u in got["upload_id"]} == {
        "Voorbeelddata: gegenereerd door hcdash (geen echte cijfers)"
    }


def test_regio_oost_sum(con, demo_frame):
    got = queries.Reader(con).aggregate("vacatures", "regio-oost", Filters(sectors=("alle",)))
    expected = (
        pick(demo_frame, indicator="vacatures", sector="alle", region=OOST)
        .groupby("period_start")["value"]
        .sum()
    )
    assert len(got) == len(expected)
    assert got["value"].tolist() == expected.tolist()
    assert (got["n_regions"] == 8).all()


def test_regio_oost_ratio_is_computed_from_the_parts(con, demo_frame):
    got = (
        queries.Reader(con)
        .aggregate("spanningsindicator", "regio-oost", Filters(sectors=("energie",)))
        .set_index("period_start")["value"]
    )
    got.index = [pd.Timestamp(day).date() for day in got.index]
    parts = pick(demo_frame, sector="energie", region=OOST)
    vac = pick(parts, indicator="vacatures").groupby("period_start")["value"].sum()
    ww = pick(parts, indicator="ww_kort").groupby("period_start")["value"].sum()
    expected = vac / ww
    pd.testing.assert_series_equal(
        got, expected, check_names=False, check_index_type=False, rtol=1e-12
    )
    # and it is not the mean of the regional ratios
    mean_of_ratios = (
        pick(parts, indicator="spanningsindicator").groupby("period_start")["value"].mean()
    )
    assert (abs(expected - mean_of_ratios) > 1e-6).any()


def test_single_region_ratio_matches_stored_value(con):
    stored = queries.Reader(con).observations(
        Filters(("spanningsindicator",), ("twente",), ("hightech",))
    )["value"]
    derived = queries.Reader(con).aggregate(
        "spanningsindicator", "twente", Filters(sectors=("hightech",))
    )
    assert derived["value"].round(12).tolist() == stored.round(12).tolist()


def test_province_aggregate_sums_its_regions(con, demo_frame):
    got = queries.Reader(con).aggregate("llo_energie_deelnemers", "gelderland")
    expected = (
        pick(demo_frame, indicator="llo_energie_deelnemers", region=GELDERLAND)
        .groupby("period_start")["value"]
        .sum()
    )
    assert got["value"].tolist() == expected.tolist()
    assert got["provisional"].tolist()[-1] is True
    assert set(got["n_expected"]) == {6}


def test_incomplete_area_is_left_out(con):
    # LLO is measured in Gelderland only: Regio Oost as a whole has no complete period.
    got = queries.Reader(con).aggregate("llo_energie_deelnemers", "regio-oost")
    assert got.empty
    partial = queries.Reader(con).aggregate(
        "llo_energie_deelnemers", "regio-oost", complete_only=False
    )
    assert set(partial["n_regions"]) == {6}
    assert set(partial["n_expected"]) == {8}


# Eight regions in 2026 K3: vacancies and short WW benefits, the latter for all but Twente,
# which has UWV's published ratio without its WW (docs/reference.md: a region counts with both
# parts of a ratio or not at all).
VACANCIES = dict(zip(OOST, [1000, 300, 400, 500, 600, 700, 800, 900], strict=True))
BENEFITS = dict(zip(OOST[1:], [100, 100, 200, 200, 300, 300, 400], strict=True))


def _one_part_missing(empty_store) -> None:
    rows = [("vacatures", r, v) for r, v in VACANCIES.items()]
    rows += [("ww_kort", r, v) for r, v in BENEFITS.items()]
    rows += [("spanningsindicator", r, VACANCIES[r] / w) for r, w in BENEFITS.items()]
    rows += [("spanningsindicator", "twente", 2.5)]
    frame = pd.DataFrame(
        [(i, r, "alle", date(2026, 7, 1), "quarter", float(v), False) for i, r, v in rows],
        columns=list(OBSERVATION_COLUMNS),
    )
    load_observations(empty_store, frame, UploadMeta("file", "parts", "p" * 64, "UWV", "t", 1))


def test_a_region_with_one_part_of_a_ratio_leaves_the_area_without_it(empty_store, empty_db):
    _one_part_missing(empty_store)
    reader = queries.Reader(empty_db)
    assert reader.aggregate("spanningsindicator", "regio-oost").empty
    partial = reader.aggregate("spanningsindicator", "regio-oost", complete_only=False)
    # the seven regions with both parts: (300 + ... + 900) / (100 + 100 + ... + 400) = 4,200 /
    # 1,600; Twente's 1,000 vacancies without WW do not count
    assert partial["value"].tolist() == [4200 / 1600]
    assert partial["n_regions"].tolist() == [7]
    missing = reader.incomplete_parts("spanningsindicator", "regio-oost")
    assert missing[["region", "numerator", "denominator"]].values.tolist() == [
        ["twente", False, True]
    ]
    # a sum is complete: all eight regions' vacancies
    assert reader.aggregate("vacatures", "regio-oost")["value"].tolist() == [5200]


def test_the_heatmap_says_why_regio_oost_is_missing(empty_store, empty_db):
    _one_part_missing(empty_store)
    view = shortage.heatmap(Context(queries.Reader(empty_db)), OOST, Period.quarter(2026, 3))
    assert "Regio Oost" not in view.table["Regio"].tolist()
    assert (
        "Regio Oost ontbreekt waar een regio maar een deel van de verhouding heeft: Twente, "
        "alle sectoren: geen ww_kort."
    ) in view.notes


def test_indicator_without_rule_is_not_aggregated(con):
    with pytest.raises(AggregationError, match="no aggregation rule"):
        queries.Reader(con).aggregate("aandeel_55plus", "regio-oost")


def test_member_regions(con):
    assert queries.Reader(con).member_regions("regio-oost") == OOST
    assert queries.Reader(con).member_regions("overijssel") == OVERIJSSEL
    assert queries.Reader(con).member_regions("achterhoek") == ["achterhoek"]


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (Filters(regions=("twnete",)), "did you mean twente"),
        (Filters(sectors=("energy",)), "unknown sector 'energy'"),
        (Filters(indicators=("vacature",)), "did you mean vacatures"),
        (Filters(regions=("x' OR 1=1 --",)), "unknown region"),
    ],
)
def test_unknown_filter_values_are_named(con, filters, message):
    with pytest.raises(UnknownValueError, match=message):
        queries.Reader(con).validate_filters(filters)


def test_hostile_filter_values_are_only_data(con):
    got = queries.Reader(con).observations(Filters(regions=("x' OR 1=1 --",)))
    assert got.empty


def test_coverage_and_counts(con, demo_frame):
    cov = queries.Reader(con).coverage().set_index("indicator")
    assert cov.loc["spanningsindicator", "first_period"] == "2015-Q1"
    assert cov.loc["spanningsindicator", "last_period"] == "2026-Q3"
    assert cov.loc["llo_energie_deelnemers", "last_period"] == "2026-10"
    assert cov["values"].sum() == len(demo_frame)
    assert queries.Reader(con).table_counts()["observations (current)"] == len(demo_frame)


def test_superseded_values_are_history_not_current(empty_store, empty_db):
    def upload(value, name):
        frame = pd.DataFrame(
            [("vacatures", "twente", "alle", date(2024, 1, 1), "quarter", value, False)],
            columns=list(OBSERVATION_COLUMNS),
        )
        meta = UploadMeta("file", name, name, "UWV", "analist", rows_read=1)
        return load_observations(empty_store, frame, meta).upload_id

    first = upload(100.0, "a.csv")
    second = upload(120.0, "b.csv")
    current = queries.Reader(empty_db).observations(Filters(indicators=("vacatures",)))
    assert current["value"].tolist() == [120.0]
    assert current["upload_id"].tolist() == [second]
    history = empty_db.execute(
        "SELECT value, removed_in = (SELECT version FROM uploads WHERE id = ?) FROM observations"
        " WHERE upload_id = ?",
        [second, first],
    ).fetchall()
    assert history == [(100.0, True)]


def test_catalog_and_uncatalogued_indicators(con, empty_db):
    known = queries.Reader(con).catalog()
    assert known.members["gelderland"] == GELDERLAND
    assert list(known.rules["spanningsindicator"][1:]) == ["ratio", "vacatures", "ww_kort"]
    # an indicator the catalog does not know yet (added after it was loaded) still works
    stale = queries.Catalog({}, {})
    got = queries.Reader(con, known=stale).aggregate("vacatures", "overijssel")
    assert set(got["n_regions"]) == {2}


def test_every_public_read_of_the_reader_goes_through_its_cache(con):
    """A new read is one method marked ``@read``: a reader's cache sees every public read, so
    no page reads past the dashboard's cache."""

    class Counting:
        def __init__(self):
            self.seen = []

        def get(self, reader, read, args, kwargs):
            self.seen.append(read.__name__)
            return read(reader, *args, **kwargs)

    counting = Counting()
    reader = queries.Reader(con, cache=counting)
    assert reader.member_regions("overijssel") == OVERIJSSEL
    assert counting.seen == ["member_regions", "load_catalog"]  # the catalog is a read too
    public = {
        name
        for name, member in vars(queries.Reader).items()
        if callable(member) and not name.startswith("_")
    }
    unmarked = {n for n in public if not hasattr(getattr(queries.Reader, n), "__wrapped__")}
    assert unmarked == {"catalog"}  # keeps the loaded catalog on the reader (load_catalog reads)


def test_the_dashboards_reader_is_the_reader_with_a_cache():
    from hcdash.ui.data import CachedReader

    overridden = {n for n in vars(CachedReader) if not n.startswith("__")}
    assert overridden == set(), overridden


# --- missing is not zero: an area where some regions have no figure ---------------------------


def test_an_area_with_missing_regions_by_hand(empty_store):
    """Three of Regio Oost's eight regions have a 2024 intake (hand-made values); the others
    have none. The sum of Regio Oost is left out (it would read as a drop), the partial sum says
    it counts three of eight, and the profile's reference is the mean and median of the three
    with a figure, not of eight (missing is not zero)."""
    values = {"twente": 100.0, "achterhoek": 40.0, "foodvalley": 10.0}
    frame = pd.DataFrame(
        [("instroom_hbo", r, "alle", date(2024, 1, 1), "year", v, False) for r, v in values.items()]
        + [
            ("aandeel_techniek_hbo", r, "alle", date(2024, 1, 1), "year", v / 10, False)
            for r, v in values.items()
        ],
        columns=list(OBSERVATION_COLUMNS),
    )
    load_observations(empty_store, frame, UploadMeta("file", "hand.csv", "hand", None, "t", 6))
    with empty_store.reading() as con:
        reader = queries.Reader(con)
        assert reader.aggregate("instroom_hbo", "regio-oost").empty  # incomplete: left out
        partial = reader.aggregate("instroom_hbo", "regio-oost", complete_only=False)
        assert partial[["value", "n_regions", "n_expected"]].values.tolist() == [[150.0, 3, 8]]
        profile = reader.latest_with_reference("twente", "regio-oost").set_index("indicator")
    counts = profile.loc["instroom_hbo"]
    assert pd.isna(counts["reference"])  # no sum of eight from three
    assert counts["area_n"] == 3 and counts["area_mean"] == pytest.approx(50.0)  # 150 / 3
    shares = profile.loc["aandeel_techniek_hbo"]
    assert shares["reference"] == pytest.approx(4.0) and shares["area_n"] == 3  # median 10, 4, 1
