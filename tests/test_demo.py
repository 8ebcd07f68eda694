import numpy as np
import pandas as pd

from hcdash import demo
from hcdash.schema import OBSERVATION_COLUMNS

AM_REGIONS = set(demo.REGION_JOBS)
SECTORS = {"alle", "voedsel", "energie", "gezondheid", "hightech", "maakindustrie"}


def test_same_seed_same_data(demo_frame):
    pd.testing.assert_frame_equal(demo.generate(), demo_frame)
    assert not demo.generate(seed=1).equals(demo_frame)


def test_columns_and_no_missing_values(demo_frame):
    assert list(demo_frame.columns) == list(OBSERVATION_COLUMNS)
    assert not demo_frame.isna().any().any()


def test_keys_are_unique(demo_frame):
    keys = ["indicator", "region", "sector", "period_start", "grain"]
    assert not demo_frame.duplicated(keys).any()


def test_every_region_sector_quarter_for_shortage(demo_frame):
    tension = demo_frame[demo_frame["indicator"] == "spanningsindicator"]
    oost = tension[tension["region"].isin(AM_REGIONS)]
    quarters = oost["period_start"].nunique()
    assert quarters == 4 * 11 + 3  # 2015 K1 .. 2026 K3
    assert len(oost) == len(AM_REGIONS) * len(SECTORS) * quarters
    # the other 27 regions: their latest quarter, all sectors together (for the comparison)
    others = tension[~tension["region"].isin(AM_REGIONS)]
    assert others["region"].nunique() == 27 and set(others["sector"]) == {"alle"}
    assert others["period_start"].nunique() == 1


def test_tension_is_the_ratio_of_its_parts(demo_frame):
    wide = demo_frame.pivot_table(
        index=["region", "sector", "period_start"], columns="indicator", values="value"
    )
    np.testing.assert_allclose(wide["spanningsindicator"], wide["vacatures"] / wide["ww_kort"])


def test_alle_is_at_least_the_sum_of_the_named_sectors(demo_frame):
    vac = demo_frame[
        demo_frame["indicator"].eq("vacatures") & demo_frame["region"].isin(AM_REGIONS)
    ]
    totals = vac[vac["sector"] == "alle"].set_index(["region", "period_start"])["value"]
    named = vac[vac["sector"] != "alle"].groupby(["region", "period_start"])["value"].sum()
    assert (totals.sort_index() >= named.sort_index()).all()


def test_llo_is_cumulative_in_gelderland_and_behind_target(demo_frame):
    llo = demo_frame[demo_frame["indicator"] == "llo_energie_deelnemers"]
    assert set(llo["region"]) == set(demo.GELDERLAND_REGIONS)
    for _, series in llo.sort_values("period_start").groupby("region"):
        assert series["value"].is_monotonic_increasing
    last = llo[llo["period_start"] == llo["period_start"].max()]["value"].sum()
    assert 5_000 < last < 10_000
    assert llo["grain"].eq("month").all()
    assert str(llo["period_start"].min()) == "2023-01-01"


def test_plausible_ranges(demo_frame):
    by = demo_frame.groupby("indicator")["value"]
    assert by.min()["spanningsindicator"] > 0.1
    assert by.max()["spanningsindicator"] < 12
    assert by.min()["aandeel_55plus"] > 10
    assert by.max()["aandeel_55plus"] < 40
    assert (demo_frame["value"] >= 0).all()


def test_load_once_and_marked_as_demo(empty_store, empty_db):
    first = demo.load_demo(empty_store)
    second = demo.load_demo(empty_store)
    assert first.rows > 9000 and first.upload_id is not None
    assert second.upload_id is None
    kind, source, rows = empty_db.execute(
        "SELECT kind, source, rows_loaded FROM uploads"
    ).fetchall()[0]
    assert kind == "demo"
    assert "Voorbeelddata" in source
    assert rows == first.rows
    unmarked = empty_db.execute(
        "SELECT count(*) FROM observations o JOIN uploads u ON u.id = o.upload_id"
        " WHERE u.source NOT LIKE 'Voorbeelddata%'"
    ).fetchall()[0][0]
    assert unmarked == 0


# The demo as it was before the comparison figures of all 35 regions were added (frame_sha256).
FIGURES_BEFORE_THE_COMPARISON = "2d437f1bb25ad3f49d00b307899bf7d565d0ccdce27aa9b98040ee074f4bd90a"


def test_the_comparison_figures_leave_every_earlier_figure_as_it_was(demo_frame):
    from hcdash.uploads import frame_sha256

    keys = ["indicator", "region", "sector", "period_start", "grain"]
    earlier = demo_frame.iloc[: len(demo_frame) - len(demo._comparison(np.random.default_rng(0)))]
    assert frame_sha256(earlier.reset_index(drop=True)) == FIGURES_BEFORE_THE_COMPARISON
    added = demo_frame.iloc[len(earlier) :]
    assert not added.set_index(keys).index.isin(earlier.set_index(keys).index).any()
    assert demo_frame["region"].nunique() == 35
