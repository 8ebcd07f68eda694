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
    # 1,461 days: on the first day the trajectory stands at exactly 1; level with it is on track
    level = metrics.Progress(1, 1461, start, start, deadline)
    assert level.on_trajectory == 1 and level.on_track
    assert metrics.trajectory_value(1461, start, deadline, date(2022, 12, 1)) == 0  # before


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
    one = metrics.latest(series.iloc[[1]])  # one period: no change
    assert (one.value, one.previous, one.change) == (1.0, None, None)
    two = metrics.latest(series.iloc[[1, 0]])
    assert (two.value, two.previous) == (2.0, 1.0)


def test_period_end_date():
    assert metrics.period_end_date(date(2026, 10, 1), "month") == date(2026, 10, 31)
    assert metrics.period_end_date(date(2024, 10, 1), "quarter") == date(2024, 12, 31)
    assert metrics.period_end_date(date(2024, 1, 1), "year") == date(2024, 12, 31)


def monthly(values: list[float], first: date = date(2023, 1, 1)) -> pd.DataFrame:
    starts = [
        date(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1, 1)
        for i in range(len(values))
    ]
    return pd.DataFrame({"period_start": starts, "value": values})


def test_projection_hand_worked_steady_pace():
    # 14 months, +100 a month: Jan 2023 = 100 ... Feb 2024 = 1400; target 3000 by Dec 2024.
    proj = metrics.project(
        monthly([100.0 * (i + 1) for i in range(14)]), 3000, date(2023, 1, 1), date(2024, 12, 31)
    )
    assert proj.as_of == date(2024, 2, 29)
    assert (proj.current, proj.months_left, proj.window) == (1400, 10, 12)
    assert proj.pace == 100 and proj.pace_low == proj.pace_high == 100  # no spread, no band
    assert proj.expected == 1400 + 10 * 100
    assert proj.pace_needed == (3000 - 1400) / 10  # 160 a month
    assert proj.pace_average == 1400 / 14
    # 1600 to go at 100 a month: 16 months after February 2024 -> June 2025
    assert proj.reach_date() == date(2025, 6, 30)
    assert proj.path(100)[-1] == (date(2024, 12, 31), 2400)


def test_projection_hand_worked_band():
    # increments alternate 80 and 120 over the last 12 months: mean 100, sample sd
    # sqrt(12 * 20**2 / 11) = 20.889; se = 20.889 / sqrt(12) = 6.030; 90% margin 1.645 * se = 9.920
    values = [0.0]
    for i in range(12):
        values.append(values[-1] + (80 if i % 2 == 0 else 120))
    proj = metrics.project(monthly(values), 5000, date(2023, 1, 1), date(2024, 6, 30))
    assert proj.pace == pytest.approx(100)
    assert proj.pace_high - proj.pace == pytest.approx(9.920, abs=1e-3)
    assert proj.pace - proj.pace_low == pytest.approx(9.920, abs=1e-3)
    assert proj.months_left == 5  # Jan 2024 -> Jun 2024
    assert proj.expected_high == pytest.approx(1200 + 5 * 109.920, abs=1e-2)


def test_projection_when_target_reached_or_pace_is_zero():
    done = metrics.project(
        monthly([4000.0, 5000.0, 6000.0]), 5000, date(2023, 1, 1), date(2026, 12, 31)
    )
    assert done.reach_date() == done.as_of
    assert done.pace_needed == 0
    flat = metrics.project(monthly([10.0, 10.0, 10.0]), 5000, date(2023, 1, 1), date(2026, 12, 31))
    assert flat.reach_date() is None
    assert metrics.project(monthly([1.0, 2.0]), 10, date(2023, 1, 1), date(2023, 12, 31)) is None


def test_projection_of_three_months_has_a_band():
    # the fewest months a projection takes: increments 50 and 100, mean 75, sample sd
    # sqrt((25**2 + 25**2) / 1) = 35.355; se = 35.355 / sqrt(2) = 25; 90% margin 1.645 * 25
    proj = metrics.project(
        monthly([100.0, 150.0, 250.0]), 1000, date(2023, 1, 1), date(2023, 12, 31)
    )
    assert proj.pace == 75 and proj.window == 2
    assert (proj.pace_low, proj.pace_high) == (pytest.approx(33.875), pytest.approx(116.125))
    # nine months left (April to December): 250 + 9 * 33.875 and 250 + 9 * 116.125
    assert proj.months_left == 9
    assert proj.expected_low == pytest.approx(554.875)
    assert proj.expected_high == pytest.approx(1295.125)


def test_projection_band_never_below_zero_and_reach_at_a_slow_pace():
    # increments 0 and 100: mean 50, sd 70.71, se 50, margin 82.25: the low pace is 0, not -32
    proj = metrics.project(monthly([10.0, 10.0, 110.0]), 1000, date(2023, 1, 1), date(2023, 12, 31))
    assert (proj.pace_low, proj.pace_high) == (0.0, pytest.approx(132.25))
    # 890 / 0.5 = 1,780 months (148 years and 4 months) after March 2023
    assert proj.reach_date(0.5) == date(2171, 7, 31)
    assert proj.reach_date(-5) is None  # shrinking: never
    exact = metrics.project(
        monthly([10.0, 20.0, 1000.0]), 1000, date(2023, 1, 1), date(2023, 12, 31)
    )
    assert exact.reach_date() == exact.as_of  # the target itself counts as reached
    level = metrics.project(monthly([1000.0] * 3), 1000, date(2023, 1, 1), date(2023, 12, 31))
    assert level.reach_date() == level.as_of  # reached, even with no pace left


def test_projection_after_the_deadline():
    proj = metrics.project(monthly([1.0, 2.0, 3.0]), 10, date(2022, 1, 1), date(2022, 12, 31))
    assert proj.months_left == 0


def test_projection_in_the_deadlines_month():
    # as of March 2023 with the deadline in March 2023: no month left, so any remainder would
    # take an infinite pace (never a division by zero)
    proj = metrics.project(
        monthly([100.0, 150.0, 250.0]), 1000, date(2023, 1, 1), date(2023, 3, 31)
    )
    assert proj.months_left == 0
    assert proj.pace_needed == float("inf")
    assert proj.expected == 250


def test_month_arithmetic():
    assert metrics.months_between(date(2026, 10, 31), date(2026, 12, 31)) == 2
    assert metrics.add_months_end(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert metrics.add_months_end(date(2026, 10, 31), 14) == date(2027, 12, 31)
