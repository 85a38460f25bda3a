"""Fair price per sponsored post, cost per engagement and CPM.

- est_price_low / est_price_high (per post, in `currency`):
    with avg_views and a CPM band for the platform:  avg_views / 1000 * CPM band
    otherwise:                                       followers / 1000 * per-1k-followers band
  then times the engagement factor: er_vs_tier kept within PRICE_ER_FACTOR_BOUNDS (1 when unknown),
  and converted from the band's currency with thresholds.FX_PER_EUR. Bands and sources:
  thresholds.PRICE_PER_1K_FOLLOWERS, thresholds.CPM_BANDS.
- with price_quoted (in the row's `currency`, else the output currency), converted to `currency`:
    cpe = price / (avg_likes + avg_comments)            (Upfluence's cost per engagement)
    cpm = price / avg_views * 1000, or / followers * 1000 when views are unknown (basis in `price_method`;
          the column's label says both: "Cost per thousand (views, else followers)")
  and a `price_high` flag when the quote is over PRICE_QUOTE_HIGH_RATIO x est_price_high.
"""

from __future__ import annotations

from typing import Any

from .. import progress
from ..errors import UsageError
from ..io.parse import counted_amount, deliverables
from ..table import Table
from ..thresholds import (
    CPM_BANDS,
    FLAGS,
    FX_PER_EUR,
    PRICE_ER_FACTOR_BOUNDS,
    PRICE_QUOTE_HIGH_RATIO,
    convert,
    price_band,
)

PER = 1000  # prices are per 1,000 followers or views
MONEY_DIGITS = 2


def check_currency(currency: str) -> str:
    code = currency.upper()
    if code not in FX_PER_EUR:
        raise UsageError(f"unknown currency {currency!r}; known: {', '.join(FX_PER_EUR)} (thresholds.FX_PER_EUR)")
    return code


def estimate(platform: str | None, tier: str | None, followers: float | None, views: float | None,
             er_vs_tier: float | None, currency: str) -> tuple[float, float, str] | None:
    """(low, high, method) of one post, None without followers nor views."""
    lo_f, hi_f = PRICE_ER_FACTOR_BOUNDS
    factor = min(hi_f, max(lo_f, er_vs_tier)) if er_vs_tier is not None else 1.0
    cpm = CPM_BANDS.get(platform or "")
    if views and cpm is not None:
        base, band, basis = views, cpm, "avg_views x CPM"
    elif followers:
        base, band, basis = followers, price_band(platform, tier), "followers x price per 1k"
    else:
        return None
    low = convert(base / PER * band.low * factor, band.currency, currency)
    high = convert(base / PER * band.high * factor, band.currency, currency)
    return (round(low, MONEY_DIGITS), round(high, MONEY_DIGITS),
            f"{basis} ({band.low:g}-{band.high:g} {band.currency}) x engagement factor {factor:g}")


def compute_pricing(table: Table, currency: str = "EUR") -> None:
    currency = check_currency(currency)
    n = len(table)
    cols: dict[str, list[Any]] = {c: [None] * n for c in
                                  ("est_price_low", "est_price_high", "price_currency", "cpe", "cpm", "price_method")}
    platforms, tiers, followers = table.get("platform"), table.get("tier"), table.get("followers")
    views, likes, comments = table.get("avg_views"), table.get("avg_likes"), table.get("avg_comments")
    vs, quoted, quoted_cur = table.get("er_vs_tier"), table.get("price_quoted"), table.get("currency")
    per, highs = table.get("price_per"), table.get("price_quoted_high")
    price_flags: dict[int, str] = {}
    # TOTAL / section rows: no price (3-4 s of a 900k-row list)
    for k in progress.counted("metrics: prices", table.creator_rows()):
        est = estimate(platforms[k], tiers[k], followers[k], views[k], vs[k], currency)
        methods = []
        if est is not None:
            cols["est_price_low"][k], cols["est_price_high"][k], m = est
            cols["price_currency"][k] = currency
            methods.append(m)
        if quoted[k] is None:
            cols["price_method"][k] = "; ".join(methods) or None
            continue
        from_cur = str(quoted_cur[k] or currency).upper()
        if from_cur not in FX_PER_EUR:
            table.add_issue(k, "price_quoted", f"no exchange rate for {from_cur}: no CPE/CPM")
            continue
        quote = counted_amount(float(quoted[k]), highs[k])
        if quote != quoted[k]:  # "300-500 €": the middle of the range
            methods.append("cpe and cpm on the middle of the quoted range")
        price = convert(quote, from_cur, currency)
        cols["price_currency"][k] = currency
        posts = deliverables(per[k] if isinstance(per[k], str) else None)
        if posts > 1:  # "800 € / 2 vidéos": a post's numbers are set against a post's share of the price
            price /= posts
            methods.append(f"cpe and cpm per post: the price / {posts} ({per[k]})")
        engagements = (likes[k] or 0) + (comments[k] or 0)
        if engagements:
            cols["cpe"][k] = round(price / engagements, MONEY_DIGITS + 2)
        reach, basis = (views[k], "views") if views[k] else (followers[k], "followers")
        if reach:
            cols["cpm"][k] = round(price / reach * PER, MONEY_DIGITS)
            methods.append("cpm per 1,000 views" if basis == "views" else "cpm per 1,000 followers (views unknown)")
        if est is not None and price > PRICE_QUOTE_HIGH_RATIO * est[1]:
            price_flags[k] = FLAGS["price_high"].reason.format(
                quoted=f"{price:,.0f}", currency=currency, ratio=f"{PRICE_QUOTE_HIGH_RATIO:g}", top=f"{est[1]:,.0f}")
        cols["price_method"][k] = "; ".join(methods) or None
    for c, v in cols.items():
        table.data[c] = v
    table.meta["price_flags"] = price_flags
