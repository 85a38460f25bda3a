"""Exports of the SaaS discovery tools users migrate from, recognised by their headers.

Each vendor's format is what ../shared/notes/vendor-exports.md documents (with its source); a vendor
adds what the words of a header cannot know: Modash's `Channel` is the platform, not the outreach
channel; its `%ER` is Modash's own engagement (median likes / followers on Instagram, likes / views on
TikTok and YouTube) and 0 when likes are hidden; HypeAuditor writes ER in percent points and 🔒 for a
locked value. The vendor's engagement rate is kept in `vendor_er` with its basis in `vendor_er_basis`,
beside influkit's own `engagement_rate`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..text import fold_key


@dataclass(frozen=True)
class Vendor:
    """A recognised export format. `columns` maps header keys (fold_key) to canonical columns ("" keeps a
    column as it is); `er_headers` are the keys of the vendor's own ER columns; `er_basis` gives, per
    platform ("*" for the rest), how the vendor computes it; `er_points` when the ER is written in percent
    points (3.47 = 3.47 %); `er_zero_unknown` when 0 means "hidden"; `other_profiles` when the network
    link columns are the person's other accounts (the row is one account, named by a platform column)."""

    name: str
    signature: frozenset[str]
    min_hits: int
    columns: dict[str, str] = field(default_factory=dict)
    er_headers: frozenset[str] = frozenset()
    er_basis: dict[str, str] = field(default_factory=dict)
    er_points: bool = False
    er_zero_unknown: bool = False
    er_is_ours: frozenset[str] = frozenset()  # platforms where the vendor's ER is influkit's formula
    other_profiles: bool = False
    marks: frozenset[str] = frozenset()  # at least one of these headers, when set: the words only the vendor
    # writes ("Instagram ER", "AQS"), where the rest of the signature ("Instagram Followers") is anyone's
    source: str = ""

    def basis(self, platform: str | None) -> str:
        return self.er_basis.get(platform or "", self.er_basis.get("*", f"{self.name}'s own figure"))


_MODASH_BASIS_VIEWS = "likes / views (Modash)"
MODASH = Vendor(
    name="Modash",
    signature=frozenset({
        "username", "channel", "account url", "fullname", "followers subscribers", "er", "follower credibility",
        "notable followers subscribers", "avg reels plays", "total posts videos", "bio description",
        "top1 cntr", "top1 interest", "top1 city", "email 1", "13 17", "18 24",
    }),
    min_hits=6,
    columns={
        "channel": "platform", "account url": "profile_url", "fullname": "creator", "username": "handle",
        "followers subscribers": "followers", "bio description": "bio", "total posts videos": "posts",
        "status": "stage", "note": "notes", "labels": "", "avg reels plays": "", "total likes": "",
        "total views": "", "gender": "", "city": "",
        **{f"email {i}": "email" for i in range(1, 7)},
    },
    er_headers=frozenset({"er"}),
    er_basis={"instagram": "median likes / followers (Modash)", "tiktok": _MODASH_BASIS_VIEWS,
              "youtube": _MODASH_BASIS_VIEWS, "*": "Modash's own figure (basis not published for this network)"},
    er_zero_unknown=True,
    other_profiles=True,
    source="the public 68-column Modash list export (GitHub zclyne/influencer-management, "
           "backend/tests/modash-export.csv); ER basis: help.modash.io 'engagement rate'",
)

HYPEAUDITOR = Vendor(
    name="HypeAuditor",
    signature=frozenset({
        "instagram er", "youtube er", "tiktok er", "instagram username", "tiktok username", "youtube channel",
        "instagram followers", "youtube subscribers", "tiktok followers", "aqs", "audience quality score",
        "quality score", "instagram aqs", "er instagram", "er youtube", "er tiktok", "hypeauditor",
        "instagram quality score", "instagram engagement rate", "youtube engagement rate",
        "tiktok engagement rate", "ig er", "yt er", "tt er", "ig username", "tt username", "yt channel",
        "ig followers", "yt subscribers", "tt followers", "ig aqs", "yt aqs", "tt aqs",
    }),
    min_hits=3,
    marks=frozenset({"instagram er", "youtube er", "tiktok er", "er instagram", "er youtube", "er tiktok", "ig er",
                     "yt er", "tt er", "aqs", "audience quality score", "quality score", "instagram aqs", "ig aqs",
                     "yt aqs", "tt aqs", "instagram quality score", "hypeauditor"}),
    er_basis={"instagram": "(likes + comments) / followers (HypeAuditor)",
              "youtube": "(likes + comments) / views (HypeAuditor)",
              "tiktok": "(likes + comments + shares) / views (HypeAuditor)",
              "*": "HypeAuditor's own figure"},
    er_points=True,
    er_is_ours=frozenset({"instagram"}),
    source="HypeAuditor's export as an agency's public Apps Script maps a 'HypeAuditor Export' sheet: ER in "
           "percent points per network, 🔒 for locked values",
)

UPFLUENCE = Vendor(
    name="Upfluence",
    signature=frozenset({"influencer id", "media url", "profile name", "first name", "last name", "phone number",
                         "merge fields", "shipping address"}),
    min_hits=3,
    columns={"media url": "profile_url", "profile name": "creator", "influencer id": "", "phone number": "",
             "merge fields": ""},
    source="Upfluence's documented import template (influencer_id, media_url, profile_name, first_name, ...)",
)

CREATORIQ = Vendor(
    name="CreatorIQ",
    signature=frozenset({"publisher name", "network publisher id", "network"}),
    min_hits=2,
    columns={"publisher name": "creator", "network": "platform", "network publisher id": ""},
    source="CreatorIQ importers' columns (Publisher Name, Network Publisher Id)",
)

VENDORS: tuple[Vendor, ...] = (MODASH, HYPEAUDITOR, UPFLUENCE, CREATORIQ)


def detect_vendor(headers: Sequence[str]) -> Vendor | None:
    """The vendor whose distinctive headers the sheet has (most hits, at least the vendor's minimum)."""
    keys = {fold_key(h) for h in headers}
    best: Vendor | None = None
    best_hits = 0
    for vendor in VENDORS:
        hits = len(keys & vendor.signature)
        if hits >= vendor.min_hits and hits > best_hits and (not vendor.marks or keys & vendor.marks):
            best, best_hits = vendor, hits
    return best
