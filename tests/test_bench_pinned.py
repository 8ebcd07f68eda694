"""The pinned-view benchmark's own check, on the demo store: pinned at the latest state, every
read of every page returns what the current view's does; a probe shows the check sees a pin
that shows other data."""

import pytest

from bench import bench_pages


def test_pinned_at_the_latest_state_reads_what_the_current_view_reads(private_ref):
    results, latest, middle = bench_pages.measure_pinned(
        bench_pages.Where(private_ref.spec, private_ref.data_path), 1
    )
    assert [row["page"] for row in results] == list(bench_pages.PAGES)
    assert latest >= middle
    assert all(row["current"] > 0 and row["latest"] > 0 for row in results)


def test_the_check_sees_a_pin_that_shows_other_data(private_ref, monkeypatch):
    """Pinned before the demo data were loaded, the views read nothing: the check fails."""
    real_pin = bench_pages.stand.pin
    monkeypatch.setattr(bench_pages.stand, "pin", lambda con, version: real_pin(con, 0))
    with pytest.raises(AssertionError, match="pinned "):
        bench_pages.measure_pinned(bench_pages.Where(private_ref.spec, private_ref.data_path), 1)
