"""Every threshold and benchmark influkit uses, in one table, each with its source.

Functions elsewhere read these values; none hard-codes a number of its own. This module holds the
metrics' numbers (tiers, engagement benchmarks, spikes, flags, prices, FX); the submodules hold the
other groups (scoring, funnel, links, live, proposals, store). `table()` gathers them all: what `influkit thresholds`
prints. A new group is a submodule with a `rows()` function, listed in `table()`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tier:
    name: str
    min_followers: int  # inclusive lower bound
    source: str


# nano < 10k <= micro < 50k <= mid < 500k <= macro < 1M <= mega (issue #2's default bands).
TIERS: tuple[Tier, ...] = (
    Tier("nano", 0, "industry convention: under 10k followers (HypeAuditor, Later, Insense)"),
    Tier("micro", 10_000, "10k-50k followers: the project's seed definition; untapper.com, Insense bands"),
    Tier("mid", 50_000, "50k-500k followers: untapper.com 'mid-tier' band"),
    Tier("macro", 500_000, "500k-1M followers: untapper.com 'macro' band"),
    Tier("mega", 1_000_000, "1M+ followers: untapper.com, HypeAuditor 'mega' band"),
)
TIER_NAMES: tuple[str, ...] = tuple(t.name for t in TIERS)


def tier_for(followers: int | float | None, tiers: tuple[Tier, ...] = TIERS) -> str | None:
    """The tier whose band holds this follower count, None when unknown."""
    if followers is None:
        return None
    name = None
    for tier in tiers:
        if followers >= tier.min_followers:
            name = tier.name
    return name


def parse_tier_bands(text: str) -> tuple[Tier, ...]:
    """Custom bands from `--tiers "micro=10k,mid=50k,macro=500k,mega=1M"`. The first tier (nano) starts
    at 0; names are the known tiers (a tier left out is not used); bounds must increase in tier order.
    ValueError says what is wrong."""
    from ..io.parse import ParseError, parse_count

    first = TIERS[0].name
    bounds: dict[str, int] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, value = part.partition("=")
        name = name.strip().lower()
        if not sep:
            raise ValueError(f"tier band {part!r} should look like name=10k")
        if name not in TIER_NAMES:
            raise ValueError(f"unknown tier {name!r} in {part!r}: tiers are {', '.join(TIER_NAMES)}")
        if name in bounds:
            raise ValueError(f"tier {name!r} is given twice")
        try:
            bound = parse_count(value)
        except ParseError:
            bound = None
        if bound is None or bound < 0:
            raise ValueError(f"tier band {part!r} has no follower count")
        if name == first and bound != 0:
            raise ValueError(f"{first} is the first tier and starts at 0 followers")
        bounds[name] = bound
    bounds[first] = 0
    tiers = [Tier(name, bounds[name], "user setting (--tiers)") for name in TIER_NAMES if name in bounds]
    for lower, upper in zip(tiers, tiers[1:], strict=False):
        if upper.min_followers <= lower.min_followers:
            raise ValueError(f"bands must increase: {upper.name} starts at {upper.min_followers:,} followers, "
                             f"not above {lower.name} ({lower.min_followers:,})")
    return tuple(tiers)


# ===================================================================================== engagement
# Benchmarks an account's engagement rate is compared with (`er_vs_tier`). Every figure keeps its
# method: tools disagree on formulas (see docs/metrics.md).


@dataclass(frozen=True)
class ErBand:
    """Engagement benchmark for accounts with at least `min_followers` followers on a platform."""

    min_followers: int
    value: float  # a fraction (0.0263 = 2.63 %)
    statistic: str  # "median" or "good" (the level a vendor calls good)
    basis: str  # "followers": (likes+comments)/followers; "views": (likes+comments+shares)/views
    source: str


# The engagements each basis counts, as its sources define them: a campaign's rate set beside a benchmark
# counts the same parts (a sheet's shares and saves would raise it above the benchmark's own definition)
ER_BASIS_PARTS: dict[str, tuple[str, ...]] = {"followers": ("likes", "comments"),
                                              "views": ("likes", "comments", "shares")}

_HYPE_2018 = ("HypeAuditor 2018 study of ~37k Instagram accounts over 90 days, median ER by follower band "
              "(hypeauditor.com/blog/what-is-instagram-engagement-rate-and-how-to-calculate-it/)")
_UNTAPPER_TT = "untapper.com: 'good' TikTok engagement by views per tier (nano 10 %, micro 7 %, mid 5 %, macro 3.5 %, mega 2 %)"

ER_BENCHMARKS: dict[str, tuple[ErBand, ...]] = {
    "instagram": (
        ErBand(0, 0.1699, "median", "followers", _HYPE_2018),
        ErBand(1_000, 0.0645, "median", "followers", _HYPE_2018),
        ErBand(5_000, 0.0376, "median", "followers", _HYPE_2018),
        ErBand(20_000, 0.0263, "median", "followers", _HYPE_2018),
        ErBand(100_000, 0.0257, "median", "followers", _HYPE_2018),
        ErBand(1_000_000, 0.0256, "median", "followers", _HYPE_2018),
    ),
    "tiktok": (
        ErBand(0, 0.10, "good", "views", _UNTAPPER_TT),
        ErBand(10_000, 0.07, "good", "views", _UNTAPPER_TT),
        ErBand(50_000, 0.05, "good", "views", _UNTAPPER_TT),
        ErBand(500_000, 0.035, "good", "views", _UNTAPPER_TT),
        ErBand(1_000_000, 0.02, "good", "views", _UNTAPPER_TT),
    ),
}


def er_benchmark(platform: str | None, followers: int | float | None) -> ErBand | None:
    """The benchmark band for this platform and follower count, None when no public figure exists."""
    bands = ER_BENCHMARKS.get(platform or "")
    if not bands or not followers or followers < 0:  # (0 followers: no audience to compare, no "0+" band)
        return None
    found = None
    for band in bands:
        if followers >= band.min_followers:
            found = band
    return found


# "Implausibly high" (the er_high flag, and the score's cap on such a rate) is judged against the level of a
# TYPICAL account, on the same basis as the rate: a median or an average. Where the benchmark band is a "good"
# level (untapper's TikTok bands: the floor of good engagement, no upper band published), a rate several times
# over it is a good account, not evidence of pods: the platform's typical level by the same basis is used
# instead (ER_TYPICAL), and without one no rate is called too high. (Low is still judged against the band:
# untapper's own "below average" bounds are 0.5-0.6x its "good" levels, ER_LOW_RATIO is 0.5.)
ER_TYPICAL_STATISTICS: tuple[str, ...] = ("median", "average")
_HYPE_TT = ("HypeAuditor free TikTok engagement calculator (hypeauditor.com/free-tools/tiktok-engagement-calculator/): "
            "average TikTok ER 17.5 % (2020), (likes+comments+shares)/views over the latest 30 posts; 'unlike on "
            "Instagram ER doesn't depend on the profile's audience size'")
ER_TYPICAL: dict[str, ErBand] = {
    "tiktok": ErBand(0, 0.175, "average", "views", _HYPE_TT),
}


def er_high_reference(platform: str | None, followers: int | float | None) -> ErBand | None:
    """The typical level a rate of this platform and band is judged "implausibly high" against (its basis
    is the rate's): the benchmark band when it is a median or an average, else the platform's ER_TYPICAL on
    the same basis, else None (no rate is called too high)."""
    band = er_benchmark(platform, followers)
    if band is None or band.statistic in ER_TYPICAL_STATISTICS:
        return band
    typical = ER_TYPICAL.get(platform or "")
    return typical if typical is not None and typical.basis == band.basis else None


ER_PERCENTILE_MIN_PEERS = 5  # fewer rates than this in a platform+tier group: no percentile (too few to rank)
POSTS_WINDOW = 12  # last N posts for post-based ER (HypeAuditor uses the latest 12 Instagram posts)
BEST_POSTS = 3  # best posts listed for identity cards (issue #3)

# ========================================================================================= trends
TREND_WINDOWS_DAYS: tuple[int, ...] = (7, 30, 90)  # growth_7d, growth_30d, growth_90d
# growing/declining when growth over the window beats +/- this share per 30 days (scaled to the
# window). influkit convention: no vendor publishes one; 1 %/month is ~12.7 %/year.
TREND_STABLE_SHARE_PER_30D = 0.01

# ================================================================================= spikes / drops
# The rule (docs/metrics.md): each interval between two observations gives a gain per day; it is
# compared with the median gain per day of the SPIKE_NEIGHBOURS previous intervals that were not
# spikes or drops themselves (the next ones at the start of a series). A spike needs ALL of:
#   excess = gain - baseline*days - rounding tolerance >= SPIKE_MIN_EXCESS (a rounding step is not
#            a spike; tolerance: one 3-significant-figure step of the larger count for rounded
#            series, two units of the gains' evident rounding for gains-only series)
#   excess > SPIKE_MIN_Z * robust_sd * sqrt(days)       (robust_sd = 1.4826 * MAD of the gains per day)
#   gain per day >= SPIKE_MIN_RATIO * baseline            (when the baseline is positive)
#   excess >= SPIKE_MIN_SHARE * followers                 (when totals are known)
# A drop mirrors it: a net loss beyond the rounding tolerance, SPIKE_MIN_Z robust deviations below
# the baseline, and at least SPIKE_MIN_SHARE of the followers. No vendor publishes a numeric spike
# threshold (HypeAuditor, Popular Pays describe spikes only in words): these are influkit's,
# measured on the real panels in ../shared/datasets (see docs/metrics.md).
SPIKE_NEIGHBOURS = 8
SPIKE_MIN_BASELINE = 4  # fewer neighbouring intervals than this: no verdict
SPIKE_MIN_Z = 5.0
SPIKE_MIN_RATIO = 2.0
SPIKE_MIN_SHARE = 0.005  # 0.5 % of the followers
SPIKE_MIN_EXCESS = 50  # followers: below this a jump is noise on a tiny account
SPIKE_LOOKBACK_DAYS = 365  # a spike older than this no longer raises the authenticity flag
# YouTube's public subscriber counts are rounded down to 3 significant figures (YouTube Help,
# "Subscriber count updates", Sept 2019), so a daily series moves in steps of 10^(digits-3).
ROUNDED_SIGNIFICANT_FIGURES = 3
ROUNDED_PLATFORMS: tuple[str, ...] = ("youtube",)

# ================================================================================== authenticity


@dataclass(frozen=True)
class Flag:
    code: str
    penalty: int  # points taken from 100 in the authenticity score
    reason: str  # English sentence template; {placeholders} filled by metrics/authenticity.py
    reason_fr: str  # the same sentence in French (labels.prose renders either from the other)
    source: str


ER_LOW_RATIO = 0.5  # ER under half the band's benchmark
ER_HIGH_RATIO = 3.0  # ER over three times the benchmark
COMMENT_LIKE_BAND = (0.005, 0.20)  # comments per like outside 0.5 %..20 %
FOLLOWING_RATIO_MAX = 0.30  # Insense: following <= 30 % of followers
FOLLOWING_MIN = 1_500  # HypeAuditor: "mass followers" follow more than 1,500 accounts
ER_FALL_AFTER_SPIKE = 0.25  # ER after a spike at least 25 % lower than before it
INACTIVE_DAYS = 30  # no post for more than 30 days

# The placeholders' names say what they hold (labels.SLOT_KINDS): {basis} which rate {er} is (by followers,
# by views: the band's basis, so that it reads as the list's column of that rate), {er} {bench} {before} {after} {low}
# {high} {share} a percentage, {ratio} {following} {followers} {gain} {usual} {days} {quoted} {top} a
# number, {date} a day (or a span of days), {band} the benchmark band ("the median for Instagram accounts of
# 20,000+ followers", labels.MESSAGES er_band), {currency} a currency code.
FLAGS: dict[str, Flag] = {f.code: f for f in (
    Flag("er_low", 30, "engagement {basis} {er} is under {ratio}x {band} ({bench}): ghost or bought followers?", "engagement {basis} {er} sous {ratio}x {band} ({bench}) : abonnés fantômes ou achetés ?",
         "Lefty 2017 (ER well below 2 % suspicious); benchmark bands above; ratio: influkit convention"),
    Flag("er_high", 15, "engagement {basis} {er} is over {ratio}x {band} ({bench}): engagement pods or giveaways?", "engagement {basis} {er} à plus de {ratio}x {band} ({bench}) : pods d'engagement ou concours ?",
         "HypeAuditor/Popular Pays describe pods and giveaways; ratio: influkit convention"),
    Flag("comment_ratio", 10, "{share} comments per like, outside the usual {low}-{high}: bought likes or comment pods?",
         "{share} de commentaires par like, hors de la fourchette habituelle {low}-{high} : likes achetés ou pods "
         "de commentaires ?",
         "influkit convention (no vendor publishes a band)"),
    Flag("follow_ratio", 15, "follows {following} accounts for {followers} followers ({share}): follow-for-follow?",
         "suit {following} comptes pour {followers} abonnés ({share}) : follow-for-follow ?",
         "Insense: following <= 30 % of followers; HypeAuditor: mass followers follow > 1,500 accounts"),
    Flag("spike", 20, "follower spike of {gain} on {date} (usual {usual}/day): bought followers, giveaway or viral post?",
         "pic d'abonnés de {gain} le {date} (d'habitude {usual}/jour) : abonnés achetés, concours ou post viral ?",
         "HypeAuditor, Popular Pays: follower spikes suggest purchases, giveaways or media exposure"),
    Flag("drop", 5, "follower drop of {gain} on {date}: purge of fake followers or unfollow wave?",
         "chute d'abonnés de {gain} le {date} : purge de faux abonnés ou vague de désabonnements ?",
         "HypeAuditor: a seesaw graph means follow/unfollow; platforms purge fake accounts"),
    Flag("spike_er_fall", 25, "engagement fell from {before} to {after} after the {date} spike",
         "engagement passé de {before} à {after} après le pic du {date}",
         "Popular Pays: a spike followed by falling engagement suggests inauthenticity"),
    Flag("inactive", 10, "no post for {days} days", "aucun post depuis {days} jours",
         "influkit convention: more than 30 days without a post"),
    Flag("price_high", 0, "quoted {asked} is over {ratio}x the fair band's top {fair_top}",
         "tarif demandé {asked} à plus de {ratio}x le haut de la fourchette juste ({fair_top})",
         "influkit convention against the price bands below"),
)}

# ========================================================================================= prices
# FX assumption: amounts are converted with the ECB's 2024 average reference rates (1 EUR = 1.0824 USD =
# 0.8466 GBP = 0.9526 CHF = 1.4821 CAD). Change these to reprice; add a currency here to convert to and from it
# (any other ISO 4217 code is accepted and shown as is, never converted).
FX_PER_EUR: dict[str, float] = {"EUR": 1.0, "USD": 1.0824, "GBP": 0.8466, "CHF": 0.9526, "CAD": 1.4821}
DEFAULT_CURRENCY = "EUR"


@dataclass(frozen=True)
class PriceBand:
    low: float  # per 1,000 followers (or views for CPM), in `currency`
    high: float
    currency: str
    source: str


# Price of one sponsored post per 1,000 followers; (platform, tier) with tier None = every tier.
PRICE_PER_1K_FOLLOWERS: dict[tuple[str, str | None], PriceBand] = {
    ("instagram", None): PriceBand(10, 20, "USD", "WebFX via wordontheblock.com: Instagram $10-20 per 1k followers; "
                                   "inBeat ~$100 per 10k followers per post"),
    ("youtube", None): PriceBand(20, 25, "USD", "WebFX via wordontheblock.com: YouTube $20-25 per 1k subscribers"),
    ("tiktok", None): PriceBand(5, 15, "USD", "no per-follower figure published: TikTok CPM $5-15 "
                                "(wordontheblock.com) applied to followers"),
    ("*", None): PriceBand(10, 20, "USD", "Instagram band used for platforms without a published figure"),
}
# Cost per 1,000 views, used instead when average views are known.
CPM_BANDS: dict[str, PriceBand] = {
    "instagram": PriceBand(5, 15, "USD", "wordontheblock.com: CPM $5-15 Instagram/TikTok"),
    "tiktok": PriceBand(5, 15, "USD", "wordontheblock.com: CPM $5-15 Instagram/TikTok"),
    "youtube": PriceBand(15, 30, "USD", "wordontheblock.com: CPM $15-30 YouTube"),
}
# Networks whose audience number is the average concurrent viewers (CCV) of a live, not views of a post: a
# sheet's "average views" there are viewers of a stream (Twitch shows "average viewers"). A live is priced per
# viewer per hour of sponsored stream, never with a CPM on views, and no CPM on views is computed.
STREAM_PLATFORMS: tuple[str, ...] = ("twitch",)
_CCV_SOURCE = ("streamscheme.com, 'Twitch sponsorship rate card': base price = average CCV x $ per CCV per hour x "
               "sponsored hours, commonly $0.80-1.20 per CCV per hour; the same range in blog.valleyconnect.app, "
               "'The basics of Twitch and YouTube sponsorships'")
LIVE_PER_VIEWER_HOUR = PriceBand(0.80, 1.20, "USD", _CCV_SOURCE)  # per average concurrent viewer per hour
LIVE_SPONSORED_HOURS = 1.0  # hours of sponsored stream one live stands for (influkit convention, the sources' unit)
# Engagement moves the price: the band is multiplied by er_vs_tier, kept within these bounds.
PRICE_ER_FACTOR_BOUNDS = (0.5, 1.5)
PRICE_QUOTE_HIGH_RATIO = 1.5  # flag price_high when a quote is over 1.5x the band's top


def price_band(platform: str | None, tier: str | None) -> PriceBand:
    p = platform or "*"
    return (PRICE_PER_1K_FOLLOWERS.get((p, tier)) or PRICE_PER_1K_FOLLOWERS.get((p, None))
            or PRICE_PER_1K_FOLLOWERS[("*", None)])


def convert(amount: float, from_currency: str, to_currency: str) -> float:
    """Amount in another currency through FX_PER_EUR; KeyError for an unknown currency."""
    return amount / FX_PER_EUR[from_currency.upper()] * FX_PER_EUR[to_currency.upper()]


# ====================================================================================== the table


def table() -> list[dict[str, object]]:
    """Every threshold above as rows (group, name, value, source): what `influkit thresholds` prints."""
    rows: list[dict[str, object]] = []

    def add(group: str, name: str, value: object, source: str) -> None:
        rows.append({"group": group, "name": name, "value": value, "source": source})

    for t in TIERS:
        add("tier", t.name, f">= {t.min_followers:,} followers", t.source)
    for platform, bands in ER_BENCHMARKS.items():
        for b in bands:
            add("engagement benchmark", f"{platform} {b.min_followers:,}+ followers",
                f"{b.value:.2%} ({b.statistic}, by {b.basis})", b.source)
    add("engagement benchmark", "er_percentile min peers", ER_PERCENTILE_MIN_PEERS, "influkit convention")
    for platform, b in ER_TYPICAL.items():
        add("engagement typical level (er_high)", f"{platform} all accounts",
            f"{b.value:.2%} ({b.statistic}, by {b.basis})", b.source)
    add("engagement typical level (er_high)", "statistics a band stands for", ", ".join(ER_TYPICAL_STATISTICS),
        "influkit convention: 'implausibly high' is judged against a typical account; a 'good' level (untapper) is "
        "a floor of good engagement, so the platform's typical level above is used instead")
    add("engagement from posts", "posts window", POSTS_WINDOW, "HypeAuditor: latest 12 Instagram posts")
    add("trend", "windows (days)", ", ".join(map(str, TREND_WINDOWS_DAYS)), "Social Blade-style 7/30/90-day growth")
    add("trend", "stable band per 30 days", f"+/-{TREND_STABLE_SHARE_PER_30D:.0%}", "influkit convention")
    for name, value, why in (
        ("neighbour intervals", SPIKE_NEIGHBOURS, "baseline: median gain/day of the previous intervals"),
        ("min baseline intervals", SPIKE_MIN_BASELINE, "no verdict with fewer"),
        ("min robust z", SPIKE_MIN_Z, "excess over 5 x 1.4826 x MAD x sqrt(days)"),
        ("min ratio to usual pace", SPIKE_MIN_RATIO, "gain/day at least twice the usual"),
        ("min share of followers", f"{SPIKE_MIN_SHARE:.1%}", "below: noise on a large account"),
        ("min excess (followers)", SPIKE_MIN_EXCESS, "below: noise on a tiny account"),
        ("lookback (days)", SPIKE_LOOKBACK_DAYS, "older spikes no longer flag"),
        ("rounded significant figures", ROUNDED_SIGNIFICANT_FIGURES, "YouTube rounds public subscriber counts"),
    ):
        add("spike rule", name, value, f"influkit, measured on ../shared/datasets panels: {why}")
    for name, value in (("er_low ratio", ER_LOW_RATIO), ("er_high ratio", ER_HIGH_RATIO),
                        ("comment/like band", f"{COMMENT_LIKE_BAND[0]:.1%}-{COMMENT_LIKE_BAND[1]:.0%}"),
                        ("following/followers max", f"{FOLLOWING_RATIO_MAX:.0%}"), ("following min", FOLLOWING_MIN),
                        ("ER fall after spike", f"{ER_FALL_AFTER_SPIKE:.0%}"), ("inactive after (days)", INACTIVE_DAYS)):
        add("authenticity", name, value, "see the flags below and docs/metrics.md")
    for f in FLAGS.values():
        add("authenticity flag", f.code, f"-{f.penalty} points", f.source)
    for (platform, tier), band in PRICE_PER_1K_FOLLOWERS.items():
        add("price per 1k followers", f"{platform}{'' if tier is None else ' ' + tier}",
            f"{band.low:g}-{band.high:g} {band.currency}", band.source)
    for platform, band in CPM_BANDS.items():
        add("CPM (per 1k views)", platform, f"{band.low:g}-{band.high:g} {band.currency}", band.source)
    add("price per concurrent viewer per hour", ", ".join(STREAM_PLATFORMS),
        f"{LIVE_PER_VIEWER_HOUR.low:g}-{LIVE_PER_VIEWER_HOUR.high:g} {LIVE_PER_VIEWER_HOUR.currency}",
        LIVE_PER_VIEWER_HOUR.source)
    add("price", "sponsored hours per live", f"{LIVE_SPONSORED_HOURS:g}",
        "influkit convention: the sources price a live per hour of sponsored stream; one live = one hour")
    add("price", "engagement factor bounds", f"{PRICE_ER_FACTOR_BOUNDS[0]}-{PRICE_ER_FACTOR_BOUNDS[1]}",
        "er_vs_tier kept within these bounds")
    add("price", "quote flagged above", f"{PRICE_QUOTE_HIGH_RATIO}x the band's top", "influkit convention")
    for code, rate in FX_PER_EUR.items():
        add("currency", f"1 EUR in {code}", rate, "ECB 2024 average reference rates")
    from . import compliance, funnel, links, live, proposals, reading, report, scoring, store, writing

    for group in (scoring, funnel, links, live, proposals, store, reading, writing, compliance, report):
        rows.extend(group.rows())
    return rows
