from datetime import date

import pandas as pd
import pytest

from hcdash import metrics
from hcdash.reference import BANDS

BAND_FRAME = pd.DataFrame(
    [b[1:] for b in BANDS], columns=["ordinal", "lower", "upper", "label_nl", "label_en"]
)


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (0.0, "zeer ruim"),
        (0.2499, "zeer ruim"),
        (0.25, "ruim"),
        (0.6699, "ruim"),
        (0.67, "gemiddeld"),
        (1.4999, "gemiddeld"),
        (1.5, "krap"),
        (3.99, "krap"),
        (4.0, "zeer krap"),
        (12.0, "zeer krap"),
    ],
)
def test_uwv_bands_lower_bound_inclusive(value, label):
    assert metrics.band_for(value, BAND_FRAME)["label_nl"] == label


def test_trajectory_hand_worked():
    # 2023-01-01 .. 2026-12-31 is 1461 days (2024 is a leap year); both ends count in full.
    start, deadline = date(2023, 1, 1), date(2026, 12, 31)
    assert metrics.trajectory_value(10_000, start, deadline, date(2022, 12, 31)) == 0
    assert metrics.trajectory_value(10_000, start, deadline, start) == pytest.approx(10_000 / 1461)
    # end of 2024-12-31: 731 days done, 10,000 * 731 / 1461 = 5003.42...
    assert metrics.trajectory_value(10_000, start, deadline, date(2024, 12, 31)) == pytest.approx(
        5003.4223, abs=1e-3
    )
    assert metrics.trajectory_value(10_000, start, deadline, deadline) == 10_000
    assert metrics.trajectory_value(10_000, start, deadline, date(2030, 1, 1)) == 10_000


def test_progress_on_track_and_behind():
    start, deadline = date(2023, 1, 1), date(2026, 12, 31)
    as_of = date(2024, 12, 31)  # trajectory 5003.4
    behind = metrics.Progress(5000, 10_000, as_of, start, deadline)
    ahead = metrics.Progress(5004, 10_000, as_of, start, deadline)
    assert behind.share == 0.5
    assert not behind.on_track
    assert ahead.on_track


def test_latest_and_change():
    series = pd.DataFrame(
        {
            "period_start": [date(2024, 4, 1), date(2024, 1, 1), date(2024, 7, 1)],
            "grain": ["quarter"] * 3,
            "value": [2.0, 1.0, 2.5],
            "provisional": [False, False, True],
        }
    )
    last = metrics.latest(series)
    assert (last.period_start, last.value, last.previous, last.change) == (
        date(2024, 7, 1),
        2.5,
        2.0,
        0.5,
    )
    assert last.provisional
    assert metrics.latest(series.iloc[:0]) is None


def test_period_end_date():
    assert metrics.period_end_date(date(2026, 10, 1), "month") == date(2026, 10, 31)
    assert metrics.period_end_date(date(2024, 10, 1), "quarter") == date(2024, 12, 31)
    assert metrics.period_end_date(date(2024, 1, 1), "year") == date(2024, 12, 31)
