"""Statistical neighbours on small hand-made sets whose nearest regions are known by
construction; every expected number is worked out here (by hand or plain numpy), never by
calling the function under test."""

import math

import numpy as np
import pandas as pd
import pytest

from hcdash import neighbours
from hcdash.errors import NeighboursError

# Two features on a grid: after standardising, distances follow from the construction.
# x: a=0, b=1, c=3, d=10, e=0 ; y: a=0, b=0, c=0, d=0, e=1 (so only e differs in y)
GRID = pd.DataFrame(
    {"x": [0.0, 1.0, 3.0, 10.0, 0.0], "y": [0.0, 0.0, 0.0, 0.0, 1.0]},
    index=pd.Index(["a", "b", "c", "d", "e"], name="region"),
)


def by_hand_distances(table: pd.DataFrame, region: str) -> dict[str, float]:
    """Plain numpy: z-scores with the population sd, then the Euclidean distance."""
    values = table.to_numpy(dtype=float)
    z = (values - values.mean(axis=0)) / values.std(axis=0)
    row = list(table.index).index(region)
    return {
        r: float(np.sqrt(((z[i] - z[row]) ** 2).sum()))
        for i, r in enumerate(table.index)
        if r != region
    }


def listed(found: neighbours.Neighbours, column: str) -> dict:
    return found.ranked.set_index("region")[column].to_dict()


def test_nearest_in_order_of_construction():
    found = neighbours.nearest(GRID, "a", n=4)
    # x sd = sqrt(mean(x^2) - mean^2) = sqrt(110/5 - 2.8^2) = sqrt(14.16); y sd = sqrt(0.16) = 0.4
    sx, sy = math.sqrt(14.16), 0.4
    expected = {"b": 1 / sx, "c": 3 / sx, "e": 1 / sy, "d": 10 / sx}
    assert list(found.ranked["region"]) == ["b", "c", "e", "d"]
    assert found.ranked["distance"].tolist() == pytest.approx([expected[r] for r in "bced"])
    assert listed(found, "distance") == pytest.approx(by_hand_distances(GRID, "a"))


def test_n_limits_the_list_and_the_region_itself_is_never_listed():
    found = neighbours.nearest(GRID, "c", n=2)
    assert len(found.ranked) == 2
    assert "c" not in set(found.ranked["region"])


def test_ties_are_broken_by_slug():
    # q and p are equally far from m (mirror images); p sorts first, whatever the row order
    table = pd.DataFrame({"x": [2.0, 0.0, 1.0, 1.0]}, index=["q", "p", "m", "z"])
    found = neighbours.nearest(table, "m", n=3)
    assert list(found.ranked["region"]) == ["z", "p", "q"]
    shuffled = neighbours.nearest(table.iloc[::-1], "m", n=3)
    assert list(shuffled.ranked["region"]) == ["z", "p", "q"]


def test_a_region_that_lacks_an_indicator_is_left_out_and_named():
    table = GRID.copy()
    table.loc["b", "y"] = np.nan
    found = neighbours.nearest(table, "a", n=4)
    assert found.left_out == {"b": ["y"]}
    assert "b" not in set(found.ranked["region"])
    # the others are standardised over the complete regions only (a, c, d, e)
    complete = GRID.drop(index="b")
    assert listed(found, "distance") == pytest.approx(by_hand_distances(complete, "a"))


def test_imputing_a_missing_indicator_would_be_caught():
    """The guard can fail: filling the gap with the mean (the silent alternative) changes the
    answer, so the left-out rule is what the test above pins down."""
    table = GRID.copy()
    table.loc["b", "y"] = np.nan
    imputed = table.fillna(table.mean())
    assert by_hand_distances(imputed, "a") != pytest.approx(
        by_hand_distances(GRID.drop(index="b"), "a") | {"b": 0.0}
    )
    assert "b" in by_hand_distances(imputed, "a")  # imputing would list b; the rule does not


def test_the_asked_region_lacking_an_indicator_is_an_error():
    table = GRID.copy()
    table.loc["a", "x"] = np.nan
    with pytest.raises(NeighboursError) as caught:
        neighbours.nearest(table, "a")
    assert caught.value.code == "neighbours_region_lacks"
    assert "x" in str(caught.value)


def test_a_region_without_figures_is_an_error():
    with pytest.raises(NeighboursError, match="no figures"):
        neighbours.nearest(GRID, "nowhere")


def test_a_constant_indicator_is_dropped_and_named():
    table = GRID.assign(k=5.0)
    found = neighbours.nearest(table, "a", n=4)
    assert found.constant == ["k"]
    assert listed(found, "distance") == pytest.approx(by_hand_distances(GRID, "a"))


def test_drivers_are_shares_of_the_squared_distance():
    found = neighbours.nearest(GRID, "a", n=4)
    drivers = listed(found, "drivers")
    assert drivers["e"] == [("y", pytest.approx(1.0)), ("x", pytest.approx(0.0))]
    assert drivers["b"][0] == ("x", pytest.approx(1.0))


def test_features_from_long_inputs():
    rows = [
        ("r1", "werkzame_beroepsbevolking", "alle", 200_000.0),
        ("r1", "werkzame_beroepsbevolking", "hightech", 10_000.0),
        ("r1", "ww_kort", "alle", 3_000.0),
        ("r1", "spanningsindicator", "alle", 1.2),
        ("r1", "netto_arbeidsparticipatie", "alle", 70.0),
        ("r2", "werkzame_beroepsbevolking", "alle", 100_000.0),
        ("r2", "ww_kort", "alle", 2_000.0),
    ]
    inputs = pd.DataFrame(rows, columns=["region", "indicator", "sector", "value"])
    labour = neighbours.features(inputs, "labour")
    assert labour.loc["r1", "ww_kort_per_1000"] == pytest.approx(3_000 / 200_000 * 1000)
    assert labour.loc["r2", "ww_kort_per_1000"] == pytest.approx(20.0)
    assert math.isnan(labour.loc["r2", "spanningsindicator"])
    economy = neighbours.features(inputs, "economy")
    assert economy.loc["r1", "aandeel_hightech"] == pytest.approx(5.0)


def test_unknown_theme():
    with pytest.raises(NeighboursError, match="unknown theme"):
        neighbours.features(pd.DataFrame(columns=["region", "indicator", "sector", "value"]), "x")


def test_a_store_without_any_of_the_themes_figures_names_them_all():
    """Real figures only may hold none of a theme's indicators: no table to compare, and the
    error lists every feature the region lacks (the page names them)."""
    empty = pd.DataFrame(columns=["region", "indicator", "sector", "value"])
    table = neighbours.features(empty, "labour")
    assert table.empty
    with pytest.raises(NeighboursError) as refused:
        neighbours.nearest(table, "twente")
    assert refused.value.code == "neighbours_no_region"
    keys = [f.key for f in neighbours.THEMES["labour"]]
    assert list(refused.value.params["lacking"]) == keys
