"""Vendor exports: Modash's 68-column list export (and the same re-saved by a French Excel), HypeAuditor's
per-network blocks (ER in percent points, 🔒 = unknown), Upfluence's template. The vendor's own ER is kept
as a fraction in `vendor_er` with its basis, beside influkit's engagement_rate."""

from __future__ import annotations

from pathlib import Path

import pytest

from influkit.pipeline import enrich, read_table
from sheetmaker import csv_bytes

# The header line of Modash's list export, in its order (../shared/notes/vendor-exports.md).
MODASH_HEADERS = [
    "Username", "Channel", "Account URL", "Country", "City", "Fullname", "Gender", "#Followers/Subscribers",
    "%ER", "%13-17", "%18-24", "%25-34", "%35-44", "%Male", "%Female", "%Top1_Cntr", "%Top2_Cntr",
    "%Top3_Cntr", "%Top1_City", "%Top2_City", "%Top3_City", "%Top4_City", "%Top5_City", "%Top1_Interest",
    "%Top2_Interest", "%Top3_Interest", "%Top4_Interest", "%Top5_Interest", "%Top6_Interest",
    "%Top7_Interest", "%Top8_Interest", "%Follower Credibility", "%Notable Followers/Subscribers",
    "Avg likes", "Avg views", "Avg comments", "Avg Reels plays", "Total likes", "Total posts/videos",
    "Total views", "Bio/Description", "Status", "Note", "Labels", "Email_1", "Email_2", "Email_3", "Email_4",
    "Email_5", "Email_6", "Instagram", "YouTube", "TikTok", "Twitch", "X", "Facebook", "Threads", "Snapchat",
    "Linktree", "Kakao", "Kik", "Line ID", "Pinterest", "Sarahah", "Sayat", "Tumblr", "VK", "WeChat",
]


def _modash_row(**cells: str) -> list[str]:
    row = [""] * len(MODASH_HEADERS)
    for k, v in cells.items():
        row[MODASH_HEADERS.index(k)] = v
    return row


def _modash_rows() -> list[list[str]]:
    return [
        list(MODASH_HEADERS),
        _modash_row(**{"Username": "@margaux.makeup", "Channel": "Instagram",
                       "Account URL": "https://www.instagram.com/margaux.makeup", "Country": "France",
                       "Fullname": "Margaux Delmas", "#Followers/Subscribers": "84210", "%ER": "0.031845",
                       "%Top1_Cntr": "France=0.71", "%Top1_Interest": "Beauty, Cosmetics & Makeup=0.52",
                       "Avg likes": "2540", "Avg comments": "61", "Total posts/videos": "912",
                       "Bio/Description": "Makeup & skincare 💄\nCollab: margaux@agence-lune.fr",
                       "Status": "NotStarted", "Email_1": "margaux@agence-lune.fr", "Email_2": "margaux.d@gmail.com",
                       "Instagram": "https://www.instagram.com/margaux.makeup/|https://www.instagram.com/margaux.makeup",
                       "TikTok": "https://www.tiktok.com/share/user/6759145282514699269"}),
        _modash_row(**{"Username": "@noe.runs", "Channel": "TikTok", "Account URL": "https://www.tiktok.com/@noe.runs",
                       "Fullname": "Noé Bernard", "#Followers/Subscribers": "1530000", "%ER": "0.0712",
                       "Avg likes": "98000", "Avg views": "1250000", "Avg comments": "812", "Status": "Contacted",
                       "Email_1": "noe@runclub.fr"}),
        _modash_row(**{"Username": "@hiddenlikes", "Channel": "Instagram",
                       "Account URL": "https://www.instagram.com/hiddenlikes", "Fullname": "Hidden Likes",
                       "#Followers/Subscribers": "45000", "%ER": "0", "Avg likes": "", "Status": "NotStarted"}),
        _modash_row(**{"Username": "@techwithsam", "Channel": "YouTube",
                       "Account URL": "https://www.youtube.com/channel/UCBlnDkUDqMp0qPaeCuJycrw",
                       "Fullname": "Sam Kerr", "#Followers/Subscribers": "310000", "%ER": "0.0288",
                       "Avg views": "41000", "Avg likes": "1180", "Status": "NotStarted"}),
    ]


def test_modash_export(tmp_path: Path) -> None:
    p = tmp_path / "modash-export.csv"
    p.write_bytes(csv_bytes(_modash_rows()))
    t = read_table(str(p))
    assert t.meta["vendor"] == "Modash"
    assert len(t) == 4  # one row per account: the network link columns are the person's other accounts
    assert t.get("platform") == ["instagram", "tiktok", "instagram", "youtube"]
    assert t.get("handle") == ["margaux.makeup", "noe.runs", "hiddenlikes", "techwithsam"]
    assert t.get("profile_url")[3] == "https://www.youtube.com/channel/UCBlnDkUDqMp0qPaeCuJycrw"
    assert t.get("followers") == [84210, 1_530_000, 45000, 310000]
    assert t.get("creator")[0] == "Margaux Delmas"
    assert t.get("channel") == [None] * 4  # Channel is the platform, not the outreach channel
    assert t.get("stage") == ["identified", "contacted", "identified", "identified"]
    assert t.get("email")[0] == "margaux@agence-lune.fr"
    assert t.get("emails")[0] == "margaux@agence-lune.fr; margaux.d@gmail.com"
    assert t.get("bio")[0].startswith("Makeup & skincare")
    assert t.get("vendor_er") == [0.031845, 0.0712, None, 0.0288]  # 0 = likes hidden: unknown
    assert t.get("vendor_er_basis")[0] == "median likes / followers (Modash)"
    assert t.get("vendor_er_basis")[1] == "likes / views (Modash)"
    assert t.get("Instagram")[0].startswith("https://www.instagram.com/margaux.makeup/")  # kept verbatim
    assert "%Top1_Cntr" in t.extra_columns and "%Male" in t.extra_columns
    assert t.get("issues") == [None] * 4


def test_modash_resaved_by_french_excel(tmp_path: Path) -> None:
    rows = _modash_rows()
    rows[0] = [*rows[0], "Commentaire agence"]
    for r in rows[1:]:
        for i, v in enumerate(r):
            if v.replace(".", "", 1).isdigit() and "." in v:
                r[i] = v.replace(".", ",")
            elif v.isdigit() and len(v) > 3:
                r[i] = f"{int(v):,}".replace(",", "\u00a0")  # Excel's no-break thousands separator
        r.append("à relancer")
    rows[1][MODASH_HEADERS.index("%ER")] = "3,18 %"
    rows[3][MODASH_HEADERS.index("%ER")] = "0,0"  # likes hidden, as French Excel writes 0.0 (found by a new user)
    p = tmp_path / "modash-fr.csv"
    rows[1][MODASH_HEADERS.index("Bio/Description")] = "Maquillage & soin"  # cp1252 has no emoji
    p.write_bytes(csv_bytes(rows, delimiter=";", encoding="cp1252"))
    t = enrich(str(p), store=None, offline=True)
    assert t.meta["vendor"] == "Modash"
    assert t.get("followers") == [84210, 1_530_000, 45000, 310000]
    assert t.get("vendor_er") == [0.0318, 0.0712, None, 0.0288]  # 0 however written: unknown
    assert t.get("platform") == ["instagram", "tiktok", "instagram", "youtube"]
    assert t.get("Commentaire agence") == ["à relancer"] * 4  # the agency's own column, kept


HYPE = [
    ["Name", "Instagram Username", "Instagram Followers", "Instagram ER", "YouTube Channel", "YouTube Subscribers",
     "YouTube ER", "TikTok Username", "TikTok Followers", "TikTok ER", "Language", "Country"],
    ["Léa Beauté", "lea.beaute", "25.3K", "3.47", "LeaBeauteTV", "8.1K", "🔒", "", "", "", "fr", "France"],
    ["Marc", "", "", "", "MadCrypto", "2.05M", "0.8", "madcrypto.tt", "410K", "🔒", "fr-FR", "France"],
    ["Zoé", "zoe.fit", "🔒", "🔒", "", "", "", "zoe.fit", "1.2M", "6.2", "en", "Canada"],
]


def test_hypeauditor_blocks_one_row_per_account(tmp_path: Path) -> None:
    p = tmp_path / "hypeauditor.csv"
    p.write_bytes(csv_bytes(HYPE))
    t = read_table(str(p))
    assert t.meta["vendor"] == "HypeAuditor"
    accounts = [(r["creator"], r["platform"], r["handle"], r["followers"]) for r in t.rows()]
    assert accounts == [
        ("Léa Beauté", "instagram", "lea.beaute", 25300),  # not the YouTube channel's name
        ("Léa Beauté", "youtube", "leabeautetv", 8100),
        ("Marc", "youtube", "madcrypto", 2_050_000),
        ("Marc", "tiktok", "madcrypto.tt", 410_000),
        ("Zoé", "instagram", "zoe.fit", None),  # 🔒: unknown, not 0, and no issue
        ("Zoé", "tiktok", "zoe.fit", 1_200_000),
    ]
    assert t.get("vendor_er") == [0.0347, None, 0.008, None, None, 0.062]  # percent points
    assert t.get("vendor_er_basis")[0] == "(likes + comments) / followers (HypeAuditor)"
    assert t.get("engagement_rate")[0] == 0.0347  # the same formula as influkit's on Instagram
    assert t.get("issues") == [None] * 6


@pytest.mark.parametrize("headers", [
    ["influencer_id", "media_url", "profile_name", "first_name", "last_name", "email"],
])
def test_upfluence_template(tmp_path: Path, headers: list[str]) -> None:
    p = tmp_path / "upfluence.csv"
    p.write_bytes(csv_bytes([headers, ["123", "https://www.instagram.com/lea.vernoux/", "Léa V", "Léa", "Vernoux",
                                       "lea@x.fr"]]))
    t = read_table(str(p))
    assert t.meta["vendor"] == "Upfluence"
    assert (t.get("handle"), t.get("creator"), t.get("email")) == (["lea.vernoux"], ["Léa V"], ["lea@x.fr"])


def test_an_agency_sheet_with_network_headers_is_no_hypeauditor_export(tmp_path: Path) -> None:
    """Found by a new-user helper: 'instagram_username, instagram_followers, instagram_engagement_rate,
    youtube_channel' (anyone's words) was announced as a HypeAuditor export and its rate given
    HypeAuditor's basis; the vendor needs one of its own words ('Instagram ER', 'AQS')."""
    p = tmp_path / "agence.csv"
    p.write_bytes(csv_bytes([
        ["name", "instagram_username", "instagram_followers", "instagram_engagement_rate", "youtube_channel",
         "youtube_subscribers"],
        ["Léa", "lea.vernoux", "48210", "3.45", "", ""]]))
    t = read_table(str(p))
    assert t.meta.get("vendor") is None and "vendor_er" not in t.data
    assert t.get("engagement_rate") == [pytest.approx(0.0345)]
    hype = tmp_path / "hype.csv"
    hype.write_bytes(csv_bytes([[*HYPE[0][:4]], [*HYPE[1][:4]]]))  # 'Instagram ER': HypeAuditor's own word
    assert read_table(str(hype)).meta["vendor"] == "HypeAuditor"
