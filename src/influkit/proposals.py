"""Proposals to a creator: a format, a call to action and a price (`influkit propose`).

The suggested price comes from the format's fair band in the thresholds table
(`thresholds.proposals.FORMATS`): per 1,000 average views when the format is a video and views are
known, else per 1,000 followers. On a stream network (thresholds.STREAM_PLATFORMS, Twitch) the average
views are the concurrent viewers of a live: a live is priced per viewer per hour (`metrics.pricing.live_price`,
the rule enrich's estimate uses for the same account), and no other format is priced on them; times the engagement factor (the account's ER against its band's
benchmark, within PRICE_ER_FACTOR_BOUNDS, as `metrics.pricing` does), times the count; plus usage rights
and whitelisting. `method` says every step with its numbers and the band's source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import UsageError
from .metrics.engagement import rate_by_views
from .metrics.pricing import is_stream, live_price
from .text import count as plural  # (`count` here is a number of deliverables)
from .text import fold_key
from .thresholds import LIVE_PER_VIEWER_HOUR, PRICE_ER_FACTOR_BOUNDS, convert, er_benchmark
from .thresholds.proposals import CTAS, FORMAT_WORDS, FORMATS, USAGE_RIGHTS_PER_30_DAYS, WHITELISTING_SHARE

PER = 1000


def deliverable_name(text: str) -> str:
    """The format a user named ("Story", "reel", "YouTube integration", "feed_post") or a usage error
    listing the formats."""
    key = fold_key(text.replace("_", " "))
    name = FORMAT_WORDS.get(key) or (key.replace(" ", "_") if key.replace(" ", "_") in FORMATS else None)
    if name is None:
        raise UsageError(f"--deliverable {text!r}: choose one of {', '.join(FORMATS)}")
    return name


def cta_name(text: str | None) -> str | None:
    if text is None:
        return None
    key = fold_key(text)
    for name, label in CTAS.items():
        if key in (name, fold_key(label)) or key.startswith(name):
            return name
    raise UsageError(f"--cta {text!r}: choose one of {', '.join(CTAS)} ({', '.join(CTAS.values())})")


@dataclass
class Suggestion:
    low: float | None
    high: float | None
    currency: str
    method: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {"low": self.low, "high": self.high, "currency": self.currency, "method": self.method,
                "source": self.source}


def suggest(deliverable: str, *, platform: str, numbers: dict[str, Any], count: int, currency: str,
            usage_days: int | None = None, whitelisting: bool = False) -> Suggestion:
    """The fair price band of `count` deliverables for an account whose latest numbers are `numbers`
    ({field: {"value": ...}} as `Store.latest_numbers` gives), in `currency`."""
    band = FORMATS[deliverable]

    def value(field: str) -> float | None:
        found = numbers.get(field)
        return float(found["value"]) if found and found.get("value") is not None else None

    followers, views = value("followers"), value("avg_views")
    steps: list[str] = []
    if band.platforms and platform not in band.platforms:
        steps.append(f"note: a {band.label} is not a usual format on {platform}")
    stream = is_stream(platform)  # its average views: concurrent viewers of a live, not views of a post
    if deliverable == "live" and stream and views:
        low_b, high_b, band_currency, rule = live_price(views)
        hour = LIVE_PER_VIEWER_HOUR
        priced = f"{rule} ({hour.low:g}-{hour.high:g} {hour.currency}) x {views:,.0f} viewers"
    elif band.per_1k_views and views and not stream:
        (lo, hi), band_currency = band.per_1k_views, band.currency
        low_b, high_b = views / PER * lo, views / PER * hi
        priced = f"{lo:g}-{hi:g} {band.currency} per 1k views x {views:,.0f} average views"
    elif followers:
        per = band.per_1k_followers
        low_b, high_b, band_currency = followers / PER * per[0], followers / PER * per[1], band.currency
        priced = f"{per[0]:g}-{per[1]:g} {band.currency} per 1k followers x {followers:,.0f} followers"
    else:
        return Suggestion(None, None, currency, f"no followers nor views known for this account on {platform}: "
                          "no suggestion (give --price)", band.source)
    bench = er_benchmark(platform, followers)
    # the account's rate on the benchmark's own basis, as enrich's er_vs_tier (TikTok's bands are by views)
    by_views = bench is not None and bench.basis == "views"
    er = rate_by_views(value("avg_likes"), value("avg_comments"), value("avg_shares"), views) if by_views \
        else value("engagement_rate")
    lo_f, hi_f = PRICE_ER_FACTOR_BOUNDS
    if er is not None and bench is not None and bench.value:
        raw = er / bench.value
        factor = min(hi_f, max(lo_f, raw))
        why = (f"engagement factor {factor:.2f} (ER{' by views' if by_views else ''} {er:.2%} vs the "
               f"{bench.statistic} {bench.value:.2%} of its band"
               + (f", kept within {lo_f:g}-{hi_f:g})" if factor != raw else ")"))
    else:
        factor, why = 1.0, "engagement factor 1 (no ER or no benchmark for this network)"
    extra = 0.0
    if usage_days:
        extra += USAGE_RIGHTS_PER_30_DAYS * usage_days / 30
    if whitelisting:
        extra += WHITELISTING_SHARE
    low = convert(low_b * factor * count * (1 + extra), band_currency, currency)
    high = convert(high_b * factor * count * (1 + extra), band_currency, currency)
    steps.append(f"{band.label}: {priced} x {why} x {count}")
    if extra:
        parts = ([f"usage rights {plural(usage_days, 'day')} +{USAGE_RIGHTS_PER_30_DAYS * usage_days / 30:.0%}"]
                 if usage_days else []) + ([f"whitelisting +{WHITELISTING_SHARE:.0%}"] if whitelisting else [])
        steps.append(" and ".join(parts))
    if band_currency != currency:
        steps.append(f"converted {band_currency} -> {currency} (thresholds FX_PER_EUR)")
    steps.append(f"= {currency} {low:,.0f}-{high:,.0f}")
    source = LIVE_PER_VIEWER_HOUR.source if deliverable == "live" and stream and views else band.source
    return Suggestion(round(low, 2), round(high, 2), currency, "; ".join(steps), source)
