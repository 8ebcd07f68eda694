"""Query layer on the demo database; expected values computed independently in pandas."""

from datetime import date

import pandas as pd
import pytest

from hcdash import queries
from hcdash.errors import AggregationError, UnknownValueError
from hcdash.periods import Period
from hcdash.queries import Filters
from hcdash.uploads import UploadMeta, load_observations

OOST = [
    "twente",
    "regio-zwolle",
    "stedendriehoek",
    "midden-gelderland",
    "rijk-van-nijmegen",
    "achterhoek",
    "rivierenland",
    "foodvalley",
]


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
    got = queries.observations(con, filters)
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
    sources = queries.upload_sources(con)
    assert {sources[u] for u in got["upload_id"]} == {
        "Voorbeelddata: gegenereerd door hcdash (geen echte cijfers)"
    }


def test_regio_oost_sum(con, demo_frame):
    got = queries.aggregate(con, "vacatures", "regio-oost", Filters(sectors=("alle",)))
    expected = (
        pick(demo_frame, indicator="vacatures", sector="alle", region=OOST)
        .groupby("period_start")["value"]
        .sum()
    )
    assert len(got) == len(expected)
    assert got["value"].tolist() == expected.tolist()
    assert (got["n_regions"] == 8).all()


def test_regio_oost_ratio_is_computed_from_the_parts(con, demo_frame):
    got = queries.aggregate(
        con, "spanningsindicator", "regio-oost", Filters(sectors=("energie",))
    ).set_index("period_start")["value"]
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
    stored = queries.observations(
        con, Filters(("spanningsindicator",), ("twente",), ("hightech",))
    )["value"]
    derived = queries.aggregate(con, "spanningsindicator", "twente", Filters(sectors=("hightech",)))
    assert derived["value"].round(12).tolist() == stored.round(12).tolist()


def test_province_aggregate_sums_its_regions(con, demo_frame):
    got = queries.aggregate(con, "llo_energie_deelnemers", "gelderland")
    gelderland = [
        "stedendriehoek",
        "midden-gelderland",
        "rijk-van-nijmegen",
        "achterhoek",
        "rivierenland",
        "foodvalley",
    ]
    expected = (
        pick(demo_frame, indicator="llo_energie_deelnemers", region=gelderland)
        .groupby("period_start")["value"]
        .sum()
    )
    assert got["value"].tolist() == expected.tolist()
    assert got["provisional"].tolist()[-1] is True
    assert set(got["n_expected"]) == {6}


def test_incomplete_area_is_left_out(con):
    # LLO is measured in Gelderland only: Regio Oost as a whole has no complete period.
    got = queries.aggregate(con, "llo_energie_deelnemers", "regio-oost")
    assert got.empty
    partial = queries.aggregate(con, "llo_energie_deelnemers", "regio-oost", complete_only=False)
    assert set(partial["n_regions"]) == {6}
    assert set(partial["n_expected"]) == {8}


def test_indicator_without_rule_is_not_aggregated(con):
    with pytest.raises(AggregationError, match="no aggregation rule"):
        queries.aggregate(con, "aandeel_55plus", "regio-oost")


def test_member_regions(con):
    assert queries.member_regions(con, "regio-oost") == OOST
    assert queries.member_regions(con, "overijssel") == ["twente", "regio-zwolle"]
    assert queries.member_regions(con, "achterhoek") == ["achterhoek"]


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
        queries.validate_filters(con, filters)


def test_hostile_filter_values_are_only_data(con):
    got = queries.observations(con, Filters(regions=("x' OR 1=1 --",)))
    assert got.empty


def test_coverage_and_counts(con, demo_frame):
    cov = queries.coverage(con).set_index("indicator")
    assert cov.loc["spanningsindicator", "first_period"] == "2015-Q1"
    assert cov.loc["spanningsindicator", "last_period"] == "2026-Q3"
    assert cov.loc["llo_energie_deelnemers", "last_period"] == "2026-10"
    assert cov["values"].sum() == len(demo_frame)
    assert queries.table_counts(con)["observations (current)"] == len(demo_frame)


def test_superseded_values_are_history_not_current(empty_store, empty_db):
    def upload(value, name):
        frame = pd.DataFrame(
            [("vacatures", "twente", "alle", date(2024, 1, 1), "quarter", value, False)],
            columns=[
                "indicator",
                "region",
                "sector",
                "period_start",
                "grain",
                "value",
                "provisional",
            ],
        )
        meta = UploadMeta("file", name, name, "UWV", "analist", rows_read=1)
        return load_observations(empty_store, frame, meta).upload_id

    first = upload(100.0, "a.csv")
    second = upload(120.0, "b.csv")
    current = queries.observations(empty_db, Filters(indicators=("vacatures",)))
    assert current["value"].tolist() == [120.0]
    assert current["upload_id"].tolist() == [second]
    history = empty_db.execute(
        "SELECT value, removed_in = (SELECT version FROM uploads WHERE id = ?) FROM observations"
        " WHERE upload_id = ?",
        [second, first],
    ).fetchall()
    assert history == [(100.0, True)]


def test_catalog_and_uncatalogued_indicators(con, empty_db):
    known = queries.catalog(con)
    assert known.members["gelderland"] == OOST[2:]
    assert list(known.rules["spanningsindicator"][1:]) == ["ratio", "vacatures", "ww_kort"]
    # an indicator the catalog does not know yet (added after it was loaded) still works
    stale = queries.Catalog({}, {})
    got = queries.aggregate(con, "vacatures", "overijssel", known=stale)
    assert set(got["n_regions"]) == {2}


def test_reader_exposes_only_read_functions(con):
    reader = queries.Reader(con)
    assert reader.member_regions("overijssel") == ["twente", "regio-zwolle"]
    with pytest.raises(AttributeError):
        reader.table_counts  # noqa: B018 - a table count is not a read the pages make


def test_the_dashboards_reader_caches_every_read():
    """Each public read of ``queries.Reader`` is overridden by the cached reader, with the same
    parameters, so no page reads past the cache (or gets a different signature)."""
    import inspect

    from hcdash.ui.data import CachedReader

    reads = {n for n, f in vars(queries.Reader).items() if callable(f) and not n.startswith("_")}
    assert reads <= set(vars(CachedReader))
    for name in reads:
        base = inspect.signature(getattr(queries.Reader, name)).parameters
        cached = inspect.signature(getattr(CachedReader, name)).parameters
        assert list(base) == list(cached), name
