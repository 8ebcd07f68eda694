"""Headline arithmetic on small, already aggregated frames: latest value, change, progress,
and the projection of a cumulative count towards its target."""

import math
from dataclasses import dataclass
from datetime import date

import pandas as pd

from hcdash.periods import Period


@dataclass(frozen=True)
class Latest:
    """The latest value of a series and its change since the previous period."""

    period_start: date
    grain: str
    value: float
    previous: float | None
    provisional: bool

    @property
    def change(self) -> float | None:
        return None if self.previous is None else self.value - self.previous


def latest(series: pd.DataFrame) -> Latest | None:
    """Latest point of a one-series frame (columns period_start, grain, value, provisional)."""
    if series.empty:
        return None
    ordered = series.sort_values("period_start")
    last = ordered.iloc[-1]
    previous = float(ordered.iloc[-2]["value"]) if len(ordered) > 1 else None
    return Latest(
        period_start=pd.Timestamp(last["period_start"]).date(),
        grain=str(last["grain"]),
        value=float(last["value"]),
        previous=previous,
        provisional=bool(last["provisional"]),
    )


def band_for(value: float, bands: pd.DataFrame) -> pd.Series | None:
    """The band row (lower inclusive, upper exclusive) a value falls in."""
    for _, band in bands.iterrows():
        above = pd.isna(band["lower"]) or value >= band["lower"]
        below = pd.isna(band["upper"]) or value < band["upper"]
        if above and below:
            return band
    return None


@dataclass(frozen=True)
class Progress:
    actual: float
    target: float
    as_of: date
    start: date
    deadline: date

    @property
    def share(self) -> float:
        return self.actual / self.target

    @property
    def on_trajectory(self) -> float:
        """Where a straight line from 0 at ``start`` to target at ``deadline`` stands at as_of."""
        return trajectory_value(self.target, self.start, self.deadline, self.as_of)

    @property
    def on_track(self) -> bool:
        return self.actual >= self.on_trajectory


def trajectory_value(target: float, start: date, deadline: date, day: date) -> float:
    """The straight trajectory at the end of ``day``: 0 before ``start``, ``target`` at the end
    of ``deadline`` (both days count in full)."""
    total_days = (deadline - start).days + 1
    elapsed = min(max((day - start).days + 1, 0), total_days)
    return target * elapsed / total_days


def period_end_date(period_start: date, grain: str) -> date:
    """The last day of a period (a cumulative count for a month stands at its end)."""
    end = Period(period_start, grain).end
    return date.fromordinal(end.toordinal() - 1)


# --- projection of a cumulative count towards a target -----------------------------------------

# Months of recent pace that the projection looks at, and its two-sided 90% band.
PACE_WINDOW_MONTHS = 12
Z_90 = 1.645


@dataclass(frozen=True)
class Projection:
    """Where a cumulative monthly count is heading, from its recent pace.

    The pace is the mean monthly increase over the last ``window`` months; the band is that mean
    plus and minus 1.645 standard errors (90%), carried forward to the deadline.
    """

    as_of: date  # the last day counted
    current: float
    target: float
    deadline: date
    months_left: int
    window: int
    pace: float
    pace_low: float
    pace_high: float
    pace_average: float  # since the start

    @property
    def expected(self) -> float:
        return self.current + self.pace * self.months_left

    @property
    def expected_low(self) -> float:
        return self.current + self.pace_low * self.months_left

    @property
    def expected_high(self) -> float:
        return self.current + self.pace_high * self.months_left

    @property
    def pace_needed(self) -> float:
        """Monthly increase needed from now on to reach the target at the deadline."""
        remaining = max(self.target - self.current, 0.0)
        return remaining / self.months_left if self.months_left > 0 else float("inf")

    def reach_date(self, pace: float | None = None) -> date | None:
        """The last day of the month in which the target is reached at ``pace`` (default: the
        recent pace); None when it is never reached at that pace."""
        pace = self.pace if pace is None else pace
        if self.current >= self.target:
            return self.as_of
        if pace <= 0:
            return None
        months = math.ceil((self.target - self.current) / pace)
        return add_months_end(self.as_of, months)

    def path(self, pace: float) -> list[tuple[date, float]]:
        """Month ends from as_of to the deadline, with the count at ``pace``."""
        return [
            (add_months_end(self.as_of, k), self.current + pace * k)
            for k in range(self.months_left + 1)
        ]


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from the month of ``earlier`` to the month of ``later``."""
    return (later.year * 12 + later.month) - (earlier.year * 12 + earlier.month)


def add_months_end(day: date, months: int) -> date:
    """The last day of the month ``months`` after the month of ``day``."""
    total = day.year * 12 + day.month - 1 + months + 1
    first_of_next = date(total // 12, total % 12 + 1, 1)
    return date.fromordinal(first_of_next.toordinal() - 1)


def project(
    series: pd.DataFrame,
    target: float,
    start: date,
    deadline: date,
    window: int = PACE_WINDOW_MONTHS,
) -> Projection | None:
    """Project a monthly cumulative series (period_start, value) to ``deadline``."""
    ordered = series.sort_values("period_start")
    if len(ordered) < 3:
        return None
    values = ordered["value"].astype(float).to_numpy()
    increments = pd.Series(values).diff().dropna().tail(window)
    pace = float(increments.mean())
    spread = float(increments.std(ddof=1)) if len(increments) > 1 else 0.0
    margin = Z_90 * spread / math.sqrt(len(increments))
    as_of = period_end_date(pd.Timestamp(ordered["period_start"].iloc[-1]).date(), "month")
    elapsed = months_between(start, as_of) + 1
    return Projection(
        as_of=as_of,
        current=float(values[-1]),
        target=target,
        deadline=deadline,
        months_left=max(months_between(as_of, deadline), 0),
        window=len(increments),
        pace=pace,
        pace_low=max(pace - margin, 0.0),
        pace_high=pace + margin,
        pace_average=float(values[-1]) / elapsed if elapsed > 0 else 0.0,
    )
