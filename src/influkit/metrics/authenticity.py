"""Engagement against benchmarks, authenticity flags and the authenticity score.

- `er_vs_tier`: the account's engagement rate divided by the benchmark of its platform and follower
  band (`thresholds.ER_BENCHMARKS`, with the benchmark's basis: by followers for Instagram, by views
  for TikTok); empty where no public benchmark exists (YouTube, blogs...).
- `er_percentile`: where the rate stands (0-100, mid-rank) among the accounts of the same platform and
  tier in the user's own list (a repeated row is ranked, never counted as a peer), when at least
  ER_PERCENTILE_MIN_PEERS accounts have a rate.
- `flags` / `flag_reasons`: short codes and human sentences (thresholds.FLAGS), `authenticity`:
  100 minus the penalty of each flag raised, floored at 0; empty when nothing could be checked. The
  sentences are written in English here; `labels.localize` puts them in the sheet's language (the
  French templates sit beside the English ones in thresholds.FLAGS).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any, NamedTuple

from .. import progress
from ..labels import english, slot_word
from ..table import Table
from ..thresholds import (
    COMMENT_LIKE_BAND,
    ER_FALL_AFTER_SPIKE,
    ER_HIGH_RATIO,
    ER_LOW_RATIO,
    ER_PERCENTILE_MIN_PEERS,
    FLAGS,
    FOLLOWING_MIN,
    FOLLOWING_RATIO_MAX,
    INACTIVE_DAYS,
    SPIKE_LOOKBACK_DAYS,
    er_benchmark,
    er_high_reference,
)
from .trends import Event

SCORE_MAX = 100
PCT = 100


def _pct(x: float) -> str:
    return f"{x * PCT:.2f}%"  # English (labels.prose writes French "18,83 %")


def _count(x: float) -> str:
    return f"{x:+,.0f}" if x < 0 or x > 0 else "0"


class _Columns(NamedTuple):
    """The columns the flags of a row read (read from the table once, not for every row)."""

    platform: list[Any]
    followers: list[Any]
    rate: list[Any]  # engagement_rate (by followers)
    rate_views: list[Any]  # engagement_rate_views
    likes: list[Any]
    comments: list[Any]
    following: list[Any]
    idle: list[Any]  # days_since_last_post

    @classmethod
    def of(cls, table: Table) -> _Columns:
        return cls(*map(table.get, ("platform", "followers", "engagement_rate", "engagement_rate_views",
                                    "avg_likes", "avg_comments", "following", "days_since_last_post")))

    def rate_of(self, k: int, basis: str) -> float | None:
        """Row k's engagement rate on the benchmark's basis ("views" or by followers)."""
        value: float | None = (self.rate_views if basis == "views" else self.rate)[k]
        return value


def compute_benchmarks(table: Table) -> None:
    n = len(table)
    cols = _Columns.of(table)
    platforms, followers, tiers = cols.platform, cols.followers, table.get("tier")
    vs: list[float | None] = [None] * n
    bench_rate: list[float | None] = [None] * n
    for k in progress.counted("metrics: benchmarks", table.creator_rows()):  # (3 s of a 1M-row list)
        band = er_benchmark(platforms[k], followers[k])
        if band is None:
            continue
        rate = cols.rate_of(k, band.basis)
        if rate is not None:
            vs[k] = round(rate / band.value, 3)
            bench_rate[k] = rate
    rates = cols.rate
    repeats = table.get("duplicate_of") if table.has("duplicate_of") else [None] * n
    groups: dict[tuple[Any, Any], list[int]] = {}
    peers: dict[tuple[Any, Any], list[float]] = {}  # an account once: a repeated row is ranked, not a peer
    for k in progress.counted("metrics: peers", table.creator_rows()):  # (with the percentiles: 2.8 s of 1M rows)
        if rates[k] is not None and platforms[k] and tiers[k]:
            groups.setdefault((platforms[k], tiers[k]), []).append(k)
            if repeats[k] in (None, ""):
                peers.setdefault((platforms[k], tiers[k]), []).append(rates[k])
    pct: list[float | None] = [None] * n
    for group, members in progress.each("metrics: percentiles", groups.items(), sum(map(len, groups.values())),
                                        size=lambda item: len(item[1])):
        if len(peers.get(group, ())) < ER_PERCENTILE_MIN_PEERS:
            continue
        values = sorted(peers[group])
        for k in members:
            below = bisect_left(values, rates[k])
            equal = bisect_right(values, rates[k]) - below
            pct[k] = round(PCT * (below + 0.5 * equal) / len(values), 1)
    table.data["er_vs_tier"] = vs
    table.data["er_percentile"] = pct


def er_fall_after(event: Event, er_points: Sequence[tuple[dt.date, float]]) -> tuple[float, float] | None:
    """(ER before, ER after) when engagement fell by ER_FALL_AFTER_SPIKE or more after a spike."""
    before = [v for d, v in er_points if d <= event.start]
    after = [v for d, v in er_points if d >= event.end]
    if not before or not after or before[-1] <= 0:
        return None
    if after[-1] <= before[-1] * (1 - ER_FALL_AFTER_SPIKE):
        return before[-1], after[-1]
    return None


def row_flags(
    cols: _Columns,
    k: int,
    today: dt.date,
    events: Sequence[Event] | None = None,
    er_points: Sequence[tuple[dt.date, float]] = (),
) -> tuple[list[tuple[str, str]], int]:
    """[(code, reason)] raised on row k, and how many checks could be run."""
    out: list[tuple[str, str]] = []
    checks = 0
    platform, followers = cols.platform[k], cols.followers[k]
    band = er_benchmark(platform, followers)
    if band is not None:
        rate = cols.rate_of(k, band.basis)
        if rate is not None:
            checks += 1
            # too high: against a typical account's level (a "good" level is a floor: thresholds.er_high_reference)
            typical = er_high_reference(platform, followers)
            low_rate = rate < band.value * ER_LOW_RATIO
            high_rate = not low_rate and typical is not None and rate > typical.value * ER_HIGH_RATIO
            if low_rate or high_rate:  # (the band's words written only for a row that is flagged)
                code, ratio = ("er_low", ER_LOW_RATIO) if low_rate else ("er_high", ER_HIGH_RATIO)
                ref = band if low_rate or typical is None else typical
                statistic = slot_word("statistic", ref.statistic, "en")
                where = (english("er_band", platform=platform, statistic=statistic, min=f"{ref.min_followers:,}")
                         if ref.min_followers else english("er_band_all", platform=platform, statistic=statistic))
                out.append((code, FLAGS[code].reason.format(
                    basis=english("er_basis_views" if ref.basis == "views" else "er_basis_followers"),
                    er=_pct(rate), ratio=f"{ratio:g}", band=where, bench=_pct(ref.value))))
    likes, comments = cols.likes[k], cols.comments[k]
    if likes and comments is not None:
        checks += 1
        ratio = comments / likes
        low, high = COMMENT_LIKE_BAND
        if not low <= ratio <= high:
            out.append(("comment_ratio", FLAGS["comment_ratio"].reason.format(
                share=_pct(ratio), low=_pct(low), high=_pct(high))))
    following = cols.following[k]
    if following is not None and followers:
        checks += 1
        ratio = following / followers
        if ratio > FOLLOWING_RATIO_MAX and following > FOLLOWING_MIN:
            out.append(("follow_ratio", FLAGS["follow_ratio"].reason.format(
                following=f"{following:,}", followers=f"{followers:,}", share=f"{ratio:.0%}")))
    if events is not None:
        recent = [e for e in events if (today - e.end).days <= SPIKE_LOOKBACK_DAYS]
        checks += 1
        spikes = [e for e in recent if e.kind == "spike"]
        drops = [e for e in recent if e.kind == "drop"]
        if spikes:
            e = max(spikes, key=lambda x: x.excess)
            out.append(("spike", FLAGS["spike"].reason.format(
                gain=_count(e.gain), date=_span(e), usual=_count(e.usual_per_day))))
            for s in spikes:
                fall = er_fall_after(s, er_points)
                if fall:
                    out.append(("spike_er_fall", FLAGS["spike_er_fall"].reason.format(
                        before=_pct(fall[0]), after=_pct(fall[1]), date=s.end.isoformat())))
                    break
        if drops:
            e = min(drops, key=lambda x: x.excess)
            out.append(("drop", FLAGS["drop"].reason.format(gain=_count(e.gain), date=_span(e))))
    idle = cols.idle[k]
    if idle is not None:
        checks += 1
        if idle > INACTIVE_DAYS:
            out.append(("inactive", FLAGS["inactive"].reason.format(days=idle)))
    return out, checks


def _span(e: Event) -> str:
    return e.end.isoformat() if e.days <= 1 else f"{e.start.isoformat()}..{e.end.isoformat()}"


def compute_authenticity(
    table: Table,
    today: dt.date,
    events: Sequence[Sequence[Event] | None] | None = None,
    er_points: Sequence[Sequence[tuple[dt.date, float]]] | None = None,
) -> None:
    """flags, flag_reasons and authenticity for every row. `events[k]`/`er_points[k]`: the row's
    spikes/drops and engagement history from the store (None when it has no follower history). A price_high flag set
    by metrics.pricing in `table.meta['price_flags']` is merged in (it costs no authenticity)."""
    n = len(table)
    codes: list[str | None] = [None] * n
    reasons: list[str | None] = [None] * n
    score: list[int | None] = [None] * n
    price_flags: dict[int, str] = table.meta.get("price_flags", {})
    creators = table.creator_rows()  # TOTAL / section rows: no flags, no score
    cols = _Columns.of(table)
    for k in progress.each("authenticity flags", creators, len(creators)):
        found, checks = row_flags(cols, k, today, events[k] if events else None,
                                  er_points[k] if er_points else ())
        if checks:
            score[k] = max(0, SCORE_MAX - sum(FLAGS[c].penalty for c, _ in found))
        if k in price_flags:
            found.append(("price_high", price_flags[k]))
        if found:
            codes[k] = ", ".join(c for c, _ in found)
            reasons[k] = "; ".join(r for _, r in found)
    table.data["flags"] = codes
    table.data["flag_reasons"] = reasons
    table.data["authenticity"] = score
