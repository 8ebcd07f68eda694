"""Headline arithmetic on small, already aggregated frames: latest value, change, progress."""

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
