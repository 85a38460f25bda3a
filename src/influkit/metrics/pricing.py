"""Fair price per sponsored post, cost per engagement and CPM.

- est_price_low / est_price_high (per post, in `currency`; None: each row in its own quote's currency,
  a row without a quote in the currency most of the sheet's prices are in, else thresholds.DEFAULT_CURRENCY;
  `price_currency` says which):
    on a stream network (thresholds.STREAM_PLATFORMS, Twitch), with avg_views: a live, priced
        avg_views (there the average concurrent viewers of a live) * LIVE_SPONSORED_HOURS * LIVE_PER_VIEWER_HOUR
        (`live_price`, the rule `influkit propose --deliverable live` uses too)
    with avg_views and a CPM band for the platform:  avg_views / 1000 * CPM band
    otherwise:                                       followers / 1000 * per-1k-followers band
  then times the engagement factor: er_vs_tier kept within PRICE_ER_FACTOR_BOUNDS (1 when unknown),
  and converted from the band's currency with thresholds.FX_PER_EUR. Bands and sources:
  thresholds.PRICE_PER_1K_FOLLOWERS, thresholds.CPM_BANDS.
- with price_quoted (in the row's `currency`, else the output currency), converted to `currency`:
    cpe = price / (avg_likes + avg_comments)            (Upfluence's cost per engagement)
    cpm = price / avg_views * 1000, or / followers * 1000 when views are unknown or are concurrent viewers
          of a live (a stream network: viewers of a live are not views) (basis in `price_method`;
          the column's label says both: "Cost per thousand (views, else followers)")
  and a `price_high` flag when the quote is over PRICE_QUOTE_HIGH_RATIO x est_price_high, the quote shown as
  asked and, when it was converted to be compared, what it came to ("£1,500 ≈ $1,918").
"""

from __future__ import annotations

import re
from typing import Any

from .. import progress
from ..errors import UsageError
from ..io.parse import counted_amount, deliverables
from ..table import Table
from ..thresholds import (
    CPM_BANDS,
    DEFAULT_CURRENCY,
    FLAGS,
    FX_PER_EUR,
    LIVE_PER_VIEWER_HOUR,
    LIVE_SPONSORED_HOURS,
    PRICE_ER_FACTOR_BOUNDS,
    PRICE_QUOTE_HIGH_RATIO,
    STREAM_PLATFORMS,
    convert,
    price_band,
)

PER = 1000  # prices are per 1,000 followers or views
MONEY_DIGITS = 2


def check_currency(currency: str) -> str:
    """The ISO 4217 code of a currency option (any code: stored and shown as is); UsageError otherwise."""
    from ..io.parse import ParseError, currency_code

    try:
        return currency_code(currency)
    except ParseError as exc:
        raise UsageError(str(exc)) from None


def check_rate(currency: str, what: str = "--currency") -> str:
    """The ISO code of a currency amounts must be converted to or from (`what` names the setting): one
    thresholds.FX_PER_EUR has a rate for; UsageError in one line otherwise (never converted as if 1:1)."""
    code = check_currency(currency)
    if code not in FX_PER_EUR:
        raise UsageError(f"{what} {code}: no exchange rate for {code} in thresholds.FX_PER_EUR "
                         f"(rates for {', '.join(FX_PER_EUR)}): estimated prices cannot be in {code}")
    return code


def is_stream(platform: str | None) -> bool:
    """Whether a network's average views are the average concurrent viewers of a live
    (thresholds.STREAM_PLATFORMS): never views of a post, so never priced or costed per 1,000 views."""
    return (platform or "") in STREAM_PLATFORMS


def live_price(viewers: float) -> tuple[float, float, str, str]:
    """(low, high, currency, basis) of one sponsored live watched by `viewers` average concurrent viewers:
    viewers x LIVE_SPONSORED_HOURS x LIVE_PER_VIEWER_HOUR (before the engagement factor). One rule for
    enrich's estimate and `propose --deliverable live`."""
    band, hours = LIVE_PER_VIEWER_HOUR, LIVE_SPONSORED_HOURS
    return (viewers * hours * band.low, viewers * hours * band.high, band.currency,
            f"average concurrent viewers x {hours:g} h x price per viewer per hour")


def estimate(platform: str | None, tier: str | None, followers: float | None, views: float | None,
             er_vs_tier: float | None, currency: str) -> tuple[float, float, str] | None:
    """(low, high, method) of one post (on a stream network, of one live), None without followers nor views."""
    lo_f, hi_f = PRICE_ER_FACTOR_BOUNDS
    factor = min(hi_f, max(lo_f, er_vs_tier)) if er_vs_tier is not None else 1.0
    cpm = CPM_BANDS.get(platform or "")
    if views and is_stream(platform):
        low_b, high_b, band_currency, basis = live_price(views)
        band = LIVE_PER_VIEWER_HOUR
    elif views and cpm is not None:
        band, basis = cpm, "average views x CPM"
        low_b, high_b, band_currency = views / PER * band.low, views / PER * band.high, band.currency
    elif followers:
        band, basis = price_band(platform, tier), "followers x price per 1k"
        low_b, high_b, band_currency = followers / PER * band.low, followers / PER * band.high, band.currency
    else:
        return None
    low = convert(low_b * factor, band_currency, currency)
    high = convert(high_b * factor, band_currency, currency)
    return (round(low, MONEY_DIGITS), round(high, MONEY_DIGITS),
            f"{basis} ({band.low:g}-{band.high:g} {band.currency}) x engagement factor {factor:g}")


def compute_pricing(table: Table, currency: str | None = "EUR") -> None:
    """The price columns of every creator row, in `currency` (None: per row, see the module's doc)."""
    from ..campaign.report_text import money, money_converted

    fixed = None if currency is None else check_rate(currency)
    n = len(table)
    cols: dict[str, list[Any]] = {c: [None] * n for c in
                                  ("est_price_low", "est_price_high", "price_currency", "cpe", "cpm", "price_method")}
    platforms, tiers, followers = table.get("platform"), table.get("tier"), table.get("followers")
    views, likes, comments = table.get("avg_views"), table.get("avg_likes"), table.get("avg_comments")
    vs, quoted, quoted_cur = table.get("er_vs_tier"), table.get("price_quoted"), table.get("currency")
    per, highs = table.get("price_per"), table.get("price_quoted_high")
    fallback = fixed or _most_common_currency(table)
    price_flags: dict[int, str] = {}
    # TOTAL / section rows: no price (3-4 s of a 900k-row list)
    for k in progress.counted("metrics: prices", table.creator_rows()):
        own = quoted_cur[k].upper() if quoted[k] is not None and isinstance(quoted_cur[k], str) else None
        row_cur = fixed or (own if own in FX_PER_EUR else fallback)
        est = estimate(platforms[k], tiers[k], followers[k], views[k], vs[k], row_cur)
        methods = []
        if est is not None:
            cols["est_price_low"][k], cols["est_price_high"][k], m = est
            cols["price_currency"][k] = row_cur
            methods.append(m)
        if quoted[k] is None:
            cols["price_method"][k] = "; ".join(methods) or None
            continue
        from_cur = own or row_cur
        if from_cur not in FX_PER_EUR:
            table.add_issue(k, "price_quoted", f"no exchange rate for {from_cur}: no CPE/CPM", note=True)
            continue
        quote = counted_amount(float(quoted[k]), highs[k])
        if quote != quoted[k]:  # "300-500 €": the middle of the range
            methods.append("cpe and cpm on the middle of the quoted range")
        price = convert(quote, from_cur, row_cur)
        cols["price_currency"][k] = row_cur
        posts = deliverables(per[k] if isinstance(per[k], str) else None)
        if posts > 1:  # "800 € / 2 vidéos": a post's numbers are set against a post's share of the price
            price /= posts
            quote /= posts
            methods.append(f"cpe and cpm per post: the price / {posts} ({per[k]})")
        engagements = (likes[k] or 0) + (comments[k] or 0)
        if engagements:
            cols["cpe"][k] = round(price / engagements, MONEY_DIGITS + 2)
        stream = is_stream(platforms[k]) and bool(views[k])  # (concurrent viewers of a live: not views)
        reach, basis = (views[k], "views") if views[k] and not stream else (followers[k], "followers")
        if reach:
            cols["cpm"][k] = round(price / reach * PER, MONEY_DIGITS)
            methods.append("cpm per 1,000 views" if basis == "views" else
                           "cpm per 1,000 followers (average views are concurrent viewers of a live)" if stream
                           else "cpm per 1,000 followers (views unknown)")
        if est is not None and price > PRICE_QUOTE_HIGH_RATIO * est[1]:
            # (the quote as asked, and what it came to when converted: never restated as if asked so)
            price_flags[k] = FLAGS["price_high"].reason.format(
                asked=money_converted(round(quote), from_cur, round(price), row_cur, "en"),
                ratio=f"{PRICE_QUOTE_HIGH_RATIO:g}", fair_top=money(round(est[1]), row_cur, "en"))
        cols["price_method"][k] = "; ".join(methods) or None
    for c, v in cols.items():
        table.data[c] = v
    table.meta["price_flags"] = price_flags


_PRICE_FLAG = re.compile(r"quoted (?P<asked>.+?) is over (?P<ratio>\S+)x the fair band's top (?P<top>.+)")
# the longest words of the price_high sentence in each language ("x le haut de la fourchette juste (")
_PRICE_FLAG_WORDS = tuple(max(re.split(r"\{\w+\}", t), key=len)
                          for t in (FLAGS["price_high"].reason, FLAGS["price_high"].reason_fr))
_AMOUNT = re.compile(r"(?P<sign>[$€£])?(?P<n>\d[\d,]*(?:\.\d+)?)(?: (?P<code>[A-Z]{3}))?")


def price_flag_in(text: str, currency: str, target: str) -> str:
    """A `price_high` sentence whose estimates were in `currency`, with them in `target` (in English, as
    compute_pricing writes it): the quote still as asked, its conversion and the band's top in `target`.
    The sentence may be in French or in an earlier wording (a list saved in a French workspace, or by an
    older influkit: "tarif demandé 1 500 GBP à plus de ..."): it is read through labels.prose; any other
    text comes back as it is."""
    from ..campaign.report_text import SYMBOLS, money, money_converted
    from ..labels import prose

    m = _PRICE_FLAG.fullmatch(text)
    if m is None and any(words in text for words in _PRICE_FLAG_WORDS):  # (the others: no catalogue look-up)
        m = _PRICE_FLAG.fullmatch(str(prose(text, "en")))
    if m is None:
        return text
    parts = [_AMOUNT.fullmatch(p) for p in (*m["asked"].split(" ≈ "), m["top"])]
    if any(p is None for p in parts):
        return text
    signs = {sign: code for code, sign in SYMBOLS.items()}

    def value(p: re.Match[str] | None) -> tuple[float, str]:
        assert p is not None
        return float(p["n"].replace(",", "")), signs.get(p["sign"] or "", p["code"] or currency)

    (asked, asked_cur), *_, (top, _) = [value(p) for p in parts]
    compared = value(parts[-2])[0] if len(parts) == 3 else asked  # (the quote in `currency`)
    return FLAGS["price_high"].reason.format(
        asked=money_converted(round(asked), asked_cur, round(convert(compared, currency, target)), target, "en"),
        ratio=m["ratio"], fair_top=money(round(convert(top, currency, target)), target, "en"))


def _most_common_currency(table: Table) -> str:
    """The currency most of the creator rows' prices are in (the first met on a tie), when influkit
    converts to it, else thresholds.DEFAULT_CURRENCY: what a row without a quote is estimated in."""
    counts: dict[str, int] = {}
    kinds = table.get("row_kind")
    for k, c in enumerate(table.get("currency")):
        if isinstance(c, str) and c and not kinds[k] and (code := c.upper()) in FX_PER_EUR:
            counts[code] = counts.get(code, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else DEFAULT_CURRENCY
