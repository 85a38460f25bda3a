"""Growth, trend, and spike/drop detection on a follower series.

A series is a list of (date, value) pairs, oldest first, at any spacing (daily, weekly, two sheet
imports three weeks apart, with gaps). Everything here is pure: the store supplies the points.

- growth over N days: value at the last date minus the value N days before it, read on the series
  by linear interpolation between the two observations around that day (irregular dates); None
  when the series does not reach back N days.
- trend: growing / stable / declining over the longest window of TREND_WINDOWS_DAYS the series
  covers, against +/- TREND_STABLE_SHARE_PER_30D scaled to the window; unknown otherwise.
- spikes and drops: the rule documented in influkit.thresholds (SPIKE_*) and docs/metrics.md.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from ..thresholds import (
    ROUNDED_SIGNIFICANT_FIGURES,
    SPIKE_MIN_BASELINE,
    SPIKE_MIN_EXCESS,
    SPIKE_MIN_RATIO,
    SPIKE_MIN_SHARE,
    SPIKE_MIN_Z,
    SPIKE_NEIGHBOURS,
    TREND_STABLE_SHARE_PER_30D,
    TREND_WINDOWS_DAYS,
)

Point = tuple[dt.date, float]
MAD_TO_SD = 1.4826  # MAD of a normal distribution times this is its standard deviation
DAYS_PER_MONTH = 30


@dataclass(frozen=True)
class Event:
    """A spike or a drop between two observations."""

    kind: str  # "spike" or "drop"
    start: dt.date  # observation before the jump
    end: dt.date  # observation showing the jump
    gain: float  # change between the two observations
    days: int
    usual_per_day: float  # baseline: median change per day of the neighbouring intervals
    excess: float  # change beyond the baseline and the rounding tolerance (negative for drops)
    score: float  # excess in robust standard deviations (inf when the neighbours do not vary)
    level: float | None  # followers before the jump (None for a gains-only series)

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "gain": self.gain, "days": self.days, "usual_per_day": round(self.usual_per_day, 2),
                "excess": round(self.excess, 2),
                "score": None if math.isinf(self.score) else round(self.score, 2), "level": self.level}


def rounding_step(value: float, figures: int = ROUNDED_SIGNIFICANT_FIGURES) -> float:
    """The unit of a count rounded to `figures` significant figures (1 below 10**figures)."""
    v = abs(value)
    if v < 10**figures:
        return 1.0
    return float(10 ** (int(math.log10(v)) - figures + 1))


def granularity(value: float) -> float:
    """The largest power of ten dividing a whole number (the rounding a source evidently used)."""
    v = abs(int(round(value)))
    if v == 0:
        return 1.0
    unit = 1
    while v % (unit * 10) == 0:
        unit *= 10
    return float(unit)


def _clean(points: Sequence[Point]) -> list[Point]:
    """Sorted, one value per day (the last given wins)."""
    if all(a[0] < b[0] for a, b in zip(points, points[1:], strict=False)):
        return list(points)  # (already so: a stored series, read in date order, one point a day)
    by_day: dict[dt.date, float] = {}
    for day, value in points:
        by_day[day] = value
    return sorted(by_day.items())


def detect_events(points: Sequence[Point], *, rounded: bool = False, relative: bool = False) -> list[Event]:
    """Spikes and drops of a series (see the rule in influkit.thresholds).

    `rounded`: values are public counts rounded to 3 significant figures (YouTube), so a difference
    of one rounding step of the larger value is tolerated. `relative`: the series is a running sum of
    gains with an unknown level; the share-of-followers test is skipped and the tolerance is the
    rounding the gains themselves show (granularity of the neighbouring gains)."""
    pts = _clean(points)
    intervals = []
    for (d0, v0), (d1, v1) in zip(pts, pts[1:], strict=False):
        days = (d1 - d0).days
        intervals.append((d0, d1, days, v0, v1, v1 - v0, (v1 - v0) / days))
    events: list[Event] = []
    flagged: set[int] = set()
    for i, (d0, d1, days, v0, v1, gain, rate) in enumerate(intervals):
        # the usual pace: the last SPIKE_NEIGHBOURS intervals before this one that were not spikes or
        # drops themselves; at the start of a series, the next ones instead
        before = [j for j in range(i - 1, -1, -1) if j not in flagged][:SPIKE_NEIGHBOURS]
        if len(before) < SPIKE_MIN_BASELINE:
            before = list(range(i + 1, min(len(intervals), i + 1 + SPIKE_NEIGHBOURS)))
        neighbours = [intervals[j] for j in before]
        if len(neighbours) < SPIKE_MIN_BASELINE:
            continue
        rates = [n[6] for n in neighbours]
        usual = median(rates)
        sd = MAD_TO_SD * median(abs(r - usual) for r in rates)
        if rounded:
            tolerance = max(rounding_step(v0), rounding_step(v1))
        elif relative:
            # the gains are differences of rounded totals: the gain and the baseline each carry up to
            # one unit of the rounding the source evidently used
            tolerance = 2 * median(granularity(n[5]) for n in neighbours)
        else:
            tolerance = 0.0
        expected = usual * days
        noise = sd * math.sqrt(days)
        level = None if relative else v0
        up = gain - expected - tolerance
        if up >= SPIKE_MIN_EXCESS and up > SPIKE_MIN_Z * noise and (usual <= 0 or rate >= SPIKE_MIN_RATIO * usual) \
                and (level is None or level <= 0 or up >= SPIKE_MIN_SHARE * level):
            events.append(Event("spike", d0, d1, gain, days, usual, up, up / noise if noise else math.inf, level))
            flagged.add(i)
            continue
        loss = -gain - tolerance  # a drop is a real net loss, not a slowdown
        down = expected - gain - tolerance
        if loss >= SPIKE_MIN_EXCESS and down > SPIKE_MIN_Z * noise \
                and (level is None or level <= 0 or loss >= SPIKE_MIN_SHARE * level):
            events.append(Event("drop", d0, d1, gain, days, usual, -down, -down / noise if noise else -math.inf,
                                level))
            flagged.add(i)
    return merge_events(events, dict(pts))


def merge_events(events: Sequence[Event], values: dict[dt.date, float] | None = None) -> list[Event]:
    """Intervals of the same kind make one episode (a spike lasting several days) when at most one
    ordinary interval, no longer than either of them, separates them. An episode's gain and days are
    those of its whole span, the ordinary interval included, so its dates and its total agree with the
    series (`values`: the series by date); its excess adds the ordinary interval's departure from the
    usual pace."""
    merged: list[Event] = []
    for e in events:
        last = merged[-1] if merged else None
        if last is not None and last.kind == e.kind and (e.start - last.end).days <= max(last.days, e.days):
            gap_days = (e.start - last.end).days
            gap_gain = (values[e.start] - values[last.end]) if values and gap_days else 0.0
            merged[-1] = Event(e.kind, last.start, e.end, last.gain + gap_gain + e.gain, (e.end - last.start).days,
                               last.usual_per_day,
                               last.excess + e.excess + gap_gain - last.usual_per_day * gap_days,
                               max(last.score, e.score) if e.kind == "spike" else min(last.score, e.score),
                               last.level)
        else:
            merged.append(e)
    return merged


def value_on(points: Sequence[Point], day: dt.date) -> float | None:
    """The series' value on a day, interpolated between the observations around it; None outside."""
    return _value_on(_clean(points), day)


def _value_on(pts: list[Point], day: dt.date) -> float | None:
    """`value_on` of a series `_clean` gave."""
    if not pts or day < pts[0][0] or day > pts[-1][0]:
        return None
    for (d0, v0), (d1, v1) in zip(pts, pts[1:], strict=False):
        if d0 <= day <= d1:
            if day == d0:
                return v0
            return v0 + (v1 - v0) * (day - d0).days / (d1 - d0).days
    return pts[-1][1]


@dataclass(frozen=True)
class Trend:
    growth: dict[int, float | None]  # window days -> absolute growth
    growth_pct: dict[int, float | None]  # window days -> growth as a fraction of the start value
    trend: str  # growing, stable, declining, unknown
    window: str | None  # e.g. "30d to 2024-03-01"
    end: dt.date | None
    points: int


_WINDOW_SPANS = tuple((w, dt.timedelta(days=w)) for w in TREND_WINDOWS_DAYS)


def compute_trend(points: Sequence[Point], *, relative: bool = False) -> Trend:
    """Growth over each window and the trend over the longest window covered (see module doc)."""
    pts = _clean(points)
    growth: dict[int, float | None] = {}
    pct: dict[int, float | None] = {}
    if len(pts) < 2:
        return Trend({w: None for w in TREND_WINDOWS_DAYS}, {w: None for w in TREND_WINDOWS_DAYS},
                     "unknown", None, pts[-1][0] if pts else None, len(pts))
    end_day, end_value = pts[-1]
    for window, span in _WINDOW_SPANS:
        start = _value_on(pts, end_day - span)
        if start is None:
            growth[window] = pct[window] = None
            continue
        growth[window] = round(end_value - start)
        pct[window] = None if relative or start <= 0 else round((end_value - start) / start, 6)
    covered = [w for w in TREND_WINDOWS_DAYS if pct[w] is not None]
    if not covered:
        return Trend(growth, pct, "unknown", None, end_day, len(pts))
    window = max(covered)
    share = pct[window]
    assert share is not None
    band = TREND_STABLE_SHARE_PER_30D * window / DAYS_PER_MONTH
    trend = "growing" if share > band else "declining" if share < -band else "stable"
    return Trend(growth, pct, trend, f"{window}d to {end_day.isoformat()}", end_day, len(pts))


def sparkline(values: Sequence[float], width: int = 60) -> str:
    """A unicode sparkline of the values, resampled to at most `width` characters."""
    ticks = "▁▂▃▄▅▆▇█"
    if not values:
        return ""
    if len(values) > width:
        step = len(values) / width
        values = [values[min(len(values) - 1, int(k * step))] for k in range(width)] + [values[-1]]
    lo, hi = min(values), max(values)
    span = hi - lo or 1.0
    return "".join(ticks[int((v - lo) / span * (len(ticks) - 1))] for v in values)
