"""Fair price bands per deliverable format (what `influkit propose` suggests), each with its source.

A band is a price per 1,000 followers (or, for video formats, per 1,000 average views when they are
known: a CPM), for one deliverable. The suggestion multiplies it by the audience, by the engagement
factor of `metrics.pricing` (the account's ER against its band's benchmark, kept within
PRICE_ER_FACTOR_BOUNDS), by the count, then adds usage rights and whitelisting. Figures published in
USD are converted with FX_PER_EUR. Where no public figure exists the band is an influkit convention and
says so.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FormatBand:
    name: str  # the --deliverable value
    label: str
    platforms: tuple[str, ...]  # networks the format exists on (empty: any)
    per_1k_followers: tuple[float, float]
    per_1k_views: tuple[float, float] | None  # a CPM, used when average views are known
    currency: str
    source: str


_WEBFX_IG = "WebFX via wordontheblock.com: Instagram $10-20 per 1k followers per post; inBeat ~$100 per 10k"
_CPM_IG = "wordontheblock.com: CPM $5-15 Instagram/TikTok"
_WEBFX_YT = "WebFX via wordontheblock.com: YouTube $20-25 per 1k subscribers"
_CPM_YT = "wordontheblock.com: CPM $15-30 YouTube"

FORMATS: dict[str, FormatBand] = {f.name: f for f in (
    FormatBand("story", "Instagram story", ("instagram", "facebook", "snapchat"), (3.0, 6.0), None, "EUR",
               "influkit, calibrated on the seeds' anchor 'about EUR 1,000 a story for 150k followers at 5 %': "
               "at the 1.5x engagement factor the band gives EUR 675-1,350, its middle EUR 1,012"),
    FormatBand("feed_post", "feed post", ("instagram", "facebook", "linkedin", "x", "threads", "pinterest"),
               (10.0, 20.0), None, "USD", _WEBFX_IG + "; the seeds' 'EUR 5,000 a post' sits at the top for a "
               "macro account"),
    FormatBand("carousel", "carousel", ("instagram", "linkedin", "tiktok"), (10.0, 20.0), None, "USD",
               _WEBFX_IG + " (a carousel is one feed post)"),
    FormatBand("reel", "Instagram reel", ("instagram", "facebook"), (10.0, 20.0), (5.0, 15.0), "USD",
               f"{_WEBFX_IG}; with average views: {_CPM_IG}"),
    FormatBand("tiktok_video", "TikTok video", ("tiktok",), (5.0, 15.0), (5.0, 15.0), "USD",
               f"{_CPM_IG}, on average views; without views the same band per 1k followers (no per-follower "
               "figure is published for TikTok)"),
    FormatBand("youtube_dedicated", "YouTube dedicated video", ("youtube",), (20.0, 25.0), (15.0, 30.0), "USD",
               f"{_WEBFX_YT}; with average views: {_CPM_YT}"),
    FormatBand("youtube_integration", "YouTube integration (a segment of a video)", ("youtube",), (10.0, 12.5),
               (7.5, 15.0), "USD", f"influkit convention: half the dedicated-video band ({_WEBFX_YT}; {_CPM_YT}): "
               "an integration is a part of a video, not all of it"),
    FormatBand("blog_article", "blog article", ("blog",), (10.0, 20.0), None, "USD",
               "influkit convention: the Instagram feed-post band per 1k followers or subscribers, for lack of "
               "a published figure for blogs (" + _WEBFX_IG + ")"),
    FormatBand("live", "live stream", ("instagram", "tiktok", "youtube", "twitch", "facebook"), (10.0, 20.0),
               (5.0, 15.0), "USD", "influkit convention: the feed-post band (" + _WEBFX_IG + "), or the CPM "
               "band on average views; no public figure for lives on these networks. On a stream network (Twitch, "
               "thresholds STREAM_PLATFORMS) with average concurrent viewers: the price per viewer per hour "
               "(streamscheme.com: $0.80-1.20 per CCV per hour), never the CPM"),
)}

# Words users type for a format -> its name (accents and case folded by the caller).
FORMAT_WORDS: dict[str, str] = {
    "story": "story", "stories": "story", "feed": "feed_post", "post": "feed_post", "feed post": "feed_post",
    "carousel": "carousel", "carrousel": "carousel", "reel": "reel", "reels": "reel",
    "tiktok": "tiktok_video", "tiktok video": "tiktok_video", "video tiktok": "tiktok_video",
    "youtube": "youtube_dedicated", "dedicated": "youtube_dedicated", "youtube dedicated": "youtube_dedicated",
    "youtube dedicated video": "youtube_dedicated", "video dediee": "youtube_dedicated",
    "integration": "youtube_integration", "youtube integration": "youtube_integration",
    "blog": "blog_article", "article": "blog_article", "blog article": "blog_article",
    "live": "live", "live stream": "live", "direct": "live",
}

CTAS: dict[str, str] = {"code": "promo code", "link": "tracked link", "bio": "link in bio"}

USAGE_RIGHTS_PER_30_DAYS = 0.10  # +10 % of the price per 30 days the brand may reuse the content
WHITELISTING_SHARE = 0.20  # +20 % when the brand may run ads from the creator's account
_RIGHTS_SOURCE = ("influkit convention, no public figure in the project's notes: change it here when the agency "
                  "has its own rate card")


def rows() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for f in FORMATS.values():
        value = f"{f.per_1k_followers[0]:g}-{f.per_1k_followers[1]:g} {f.currency} per 1k followers"
        if f.per_1k_views:
            value += f"; {f.per_1k_views[0]:g}-{f.per_1k_views[1]:g} {f.currency} per 1k views"
        out.append({"group": "proposal price", "name": f.name, "value": value, "source": f.source})
    out.append({"group": "proposal price", "name": "usage rights per 30 days",
                "value": f"+{USAGE_RIGHTS_PER_30_DAYS:.0%}", "source": _RIGHTS_SOURCE})
    out.append({"group": "proposal price", "name": "whitelisting", "value": f"+{WHITELISTING_SHARE:.0%}",
                "source": _RIGHTS_SOURCE})
    return out
