"""Found by an agency with TikTok and Twitch creators: Twitch post links were not read, the report showed
"?" for a format, and a live was told to put its label before Instagram's "more" cut. Post links of every
listed network are read, an unknown format is said in words, and the disclosure fix follows the platform
(FR and EN)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import influkit
from influkit.campaign.posts import parse_post_link
from sheetmaker import xlsx


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-20")


def _xlsx(path: Path, rows: list[list[Any]], title: str = "Créateurs") -> str:
    return str(xlsx(path, {title: rows}))


# ------------------------------------------------------------------------------- 2. post links


@pytest.mark.parametrize(("url", "platform", "fmt"), [
    ("https://www.twitch.tv/videos/2312345678", "twitch", "live"),
    ("https://m.twitch.tv/videos/998877", "twitch", "live"),
    ("twitch.tv/videos/42", "twitch", "live"),
    ("https://www.twitch.tv/ineskeller", "twitch", "live"),
    ("https://www.twitch.tv/ineskeller/clip/FunnyCatClip-AbC_12", "twitch", "video"),
    ("https://clips.twitch.tv/FunnyCatClip-AbC_12", "twitch", "video"),
    ("https://www.tiktok.com/@lea/video/7312345678901234567", "tiktok", "video"),
    ("https://www.youtube.com/shorts/abcdEFGhijk", "youtube", "short"),
    ("https://www.youtube.com/live/abcdEFGhijk", "youtube", "live"),
    ("https://youtu.be/abcdEFGhijk", "youtube", "video"),
    ("https://www.instagram.com/tv/Cabc123/", "instagram", "video"),
    ("https://www.instagram.com/stories/lea/3312345678/", "instagram", "story"),
    ("https://x.com/lea/status/1234567890", "x", "post"),
    ("https://www.facebook.com/lea/posts/1234567890", "facebook", "post"),
    ("https://www.linkedin.com/posts/lea_activity-123", "linkedin", "post"),
    ("https://monblog.fr/2026/03/test-aspirateur", "blog", "article"),
    ("https://lea.substack.com/p/ma-routine", "blog", "article"),
])
def test_post_links_of_every_listed_network_are_recognised(url: str, platform: str, fmt: str) -> None:
    link = parse_post_link(url)
    assert link is not None and (link.platform, link.format) == (platform, fmt)


@pytest.mark.parametrize("url", ["https://www.twitch.tv/", "https://www.twitch.tv/directory/game/Chess",
                                 "https://monblog.fr/", "https://www.instagram.com/lea/",
                                 "https://www.tiktok.com/@lea", "https://www.youtube.com/@lea"])
def test_a_networks_other_pages_and_a_sites_home_page_are_not_posts(url: str) -> None:
    assert parse_post_link(url) is None


POSTS: list[list[Any]] = [
    ["Créateur", "Réseau", "Lien du post", "Légende", "Date", "Vues", "Likes", "Coût"],
    ["Léa", "Instagram", "https://www.instagram.com/reel/Cdef456/", "Ma routine avec @marque #sport", "2026-03-02",
     30_000, 2_000, 350],
    ["Hugo", "TikTok", "https://www.tiktok.com/@hugo/video/7312345678901234567", "Mon test #marque", "2026-03-03",
     50_000, 4_000, 400],
    ["Inès", "Twitch", "https://www.twitch.tv/videos/2312345678", "Live jeu avec @marque", "2026-03-04", 900, None,
     500],
    ["Max", "Twitch", "https://www.twitch.tv/maxroy", "Stream avec @marque", "2026-03-05", 1_200, None, 300],
    ["Théo", "YouTube", "https://www.youtube.com/watch?v=abcdefghijk", "Vidéo test @marque", "2026-03-06", 20_000,
     1_000, 600],
    ["Emma", "Blog", "https://emmahome.fr/2026/03/test-aspirateur", "Mon avis sur l'aspirateur @marque",
     "2026-03-07", 5_000, 100, 200],
]


def test_check_reads_every_post_link_of_a_multi_network_sheet(tmp_path: Path) -> None:
    """Before: 'link: 'Lien du post' (contents: 4/6 post links)', the Twitch VOD and channel not read."""
    result = influkit.check(_xlsx(tmp_path / "posts.xlsx", POSTS, "Posts"), rules="fr")
    assert result.summary["columns"][0] == "link: 'Lien du post' (contents: 6/6 post links)"
    formats = dict(zip(result.get("handle"), result.get("post_format"), strict=True))
    assert formats["Inès"] == formats["Max"] == "live" and formats["Emma"] == "article"


def test_a_column_of_brand_pages_beside_the_post_links_is_not_taken_for_them(tmp_path: Path) -> None:
    rows = [["Créateur", "Lien produit", "Lien", "Légende"]] + [
        [r[0], f"https://marque.fr/produit-{k}?utm_source=x", r[2], r[3]] for k, r in enumerate(POSTS[1:])]
    result = influkit.check(_xlsx(tmp_path / "posts.xlsx", rows, "Posts"), rules="fr")
    assert result.summary["columns"][0].startswith("link: 'Lien' (contents: 6/6")


def _report_md(tmp_path: Path, rows: list[list[Any]], lang: str) -> tuple[str, dict[str, Any]]:
    sheet = _xlsx(tmp_path / f"bilan_{lang}.xlsx", rows, "Bilan")
    out = tmp_path / f"bilan_{lang}.md"
    report = influkit.report(sheet, offline=True, store=None, lang=lang)
    report.write(str(out))
    return out.read_text(encoding="utf-8"), report.to_dict()


@pytest.mark.parametrize(("lang", "words"), [("fr", "Format non précisé"), ("en", "Format not given")])
def test_a_format_that_cannot_be_told_is_said_in_words(tmp_path: Path, lang: str, words: str) -> None:
    """Before: the report's 'Par format' table showed '?' and the posts table '| Twitch | ? |'."""
    rows = [*POSTS, ["Nina", "TikTok", "https://vm.tiktok.com/ZMabc123/", "Test @marque", "2026-03-08", 8_000, 500,
                     150]]
    text, _ = _report_md(tmp_path, rows, lang)
    assert "| ? |" not in text and "| ?" not in text
    assert words in text
    assert ("Live Twitch" if lang == "fr" else "Twitch Live") in text


def _fixes(d: dict[str, Any]) -> dict[str, str]:
    return {r["subject"]: r["text"] for r in d["blocks"]["recommendations"] if r["rule"] == "R-DISCLOSURE"}


def test_the_disclosure_fix_follows_the_platform_in_french_and_english(tmp_path: Path) -> None:
    """Before: a Twitch live was told to put « Publicité » 'avant la coupure « plus » (125 premiers
    caractères ou 3 lignes)', Instagram's caption cut."""
    rows = [*POSTS, ["Sam", "YouTube", "https://www.youtube.com/live/abcdEFGhijk", "Live test @marque",
                     "2026-03-09", 3_000, 100, 250]]
    _, fr = _report_md(tmp_path, rows, "fr")
    _, en = _report_md(tmp_path, rows, "en")
    fr_fix, en_fix = _fixes(fr), _fixes(en)
    for who in ("Inès", "Max", "Sam"):  # lives: Twitch's VOD and channel, a YouTube live
        assert "à l'écran et dans le titre du live, pendant toute sa durée" in fr_fix[who], fr_fix[who]
        assert "on screen and in the stream's title, for the whole live" in en_fix[who], en_fix[who]
        assert not re.search(r"coupure|caractères|more|characters", fr_fix[who] + en_fix[who])
    assert "contenu de marque" in fr_fix["Hugo"] and "branded-content toggle" in en_fix["Hugo"]
    assert "YouTube Studio" in fr_fix["Théo"] and "paid-promotion box" in en_fix["Théo"]
    assert "description" in fr_fix["Théo"] and "description" in en_fix["Théo"]
    assert "avant la coupure « plus » (125 premiers caractères ou 3 lignes)" in fr_fix["Léa"]
    assert 'before the "more" cut (first 125 characters or 3 lines)' in en_fix["Léa"]
