"""Found by an agency with Twitch creators (French sheets): a live was priced with a CPM on its average
concurrent viewers in propose (EUR 4-12) and on followers in enrich (EUR 207-414), and a quote's cpm was
per 1,000 concurrent viewers. A live is priced per viewer per hour, one rule in enrich and propose."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import influkit
from influkit.thresholds import LIVE_PER_VIEWER_HOUR, LIVE_SPONSORED_HOURS, PRICE_PER_1K_FOLLOWERS, convert
from sheetmaker import xlsx


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-20")


def _xlsx(path: Path, rows: list[list[Any]], title: str = "Créateurs") -> str:
    return str(xlsx(path, {title: rows}))


# ------------------------------------------------------------------------------- 1. a live's price


def _live_band(viewers: float, currency: str) -> tuple[float, float]:
    band = LIVE_PER_VIEWER_HOUR
    return (round(convert(viewers * LIVE_SPONSORED_HOURS * band.low, band.currency, currency), 2),
            round(convert(viewers * LIVE_SPONSORED_HOURS * band.high, band.currency, currency), 2))


@pytest.mark.parametrize(("header", "cell", "viewers"), [
    ("Vues moy. (k)", "0,9", 900), ("Vues moyennes", 2500, 2500), ("Avg views", "1.2K", 1200)])
def test_a_twitch_live_is_priced_per_concurrent_viewer_hour_in_enrich_and_propose(
        tmp_path: Path, header: str, cell: Any, viewers: float) -> None:
    """Before: enrich priced a Twitch creator on followers (EUR 207-414 for 22,400) while propose applied a
    CPM on her 900 concurrent viewers as if they were views of a post (EUR 4-12). Now both price a live
    per viewer per hour (thresholds LIVE_PER_VIEWER_HOUR), the same band."""
    db = str(tmp_path / "w.db")
    influkit.campaign_new("C", store=db)
    sheet = _xlsx(tmp_path / "prospects.xlsx", [
        ["Nom", "Réseau", "Pseudo", "Abonnés", header],
        ["Inès Keller", "Twitch", "ineskeller", 22_400, cell]])
    row = influkit.enrich(sheet, offline=True, store=db, campaign="C").records()[0]
    assert row["avg_views"] == viewers
    low, high = _live_band(viewers, "EUR")
    assert (row["est_price_low"], row["est_price_high"]) == (low, high), row["price_method"]
    assert "concurrent viewers" in row["price_method"] or "spectateurs simultanés" in row["price_method"]
    hint = influkit.propose("ineskeller", deliverable="live", campaign="C", store=db)["suggestion"]
    assert (hint["low"], hint["high"]) == (low, high), hint["method"]
    assert "per 1k views" not in hint["method"] and "viewer per hour" in hint["method"]
    # two lives: twice the price
    two = influkit.propose("ineskeller", deliverable="live", count=2, campaign="C", store=db)["suggestion"]
    assert (two["low"], two["high"]) == (pytest.approx(2 * low, abs=0.011), pytest.approx(2 * high, abs=0.011))
    # another format on Twitch is never priced on the concurrent viewers as if they were views
    post = influkit.propose("ineskeller", deliverable="reel", campaign="C", store=db)["suggestion"]
    assert "views" not in post["method"].replace("viewers", "") and "22,400 followers" in post["method"]


def test_the_cpm_of_a_twitch_quote_is_never_on_concurrent_viewers(tmp_path: Path) -> None:
    """Before: Max Roy's EUR 288 for 1,200 concurrent viewers gave 'cpm 240.0', per 1,000 'views'. Now the
    cpm is per 1,000 followers and says why; a TikTok row keeps its cpm per 1,000 views."""
    path = tmp_path / "list.csv"
    path.write_text("Nom;Réseau;Pseudo;Abonnés;Vues moyennes;Tarif\n"
                    "Max Roy;Twitch;maxroy;15 000;1 200;288 €\n"
                    "Zoé Lam;TikTok;zoelam;50 000;20 000;300 €\n", encoding="utf-8")
    twitch, tiktok = influkit.enrich(str(path), offline=True, store=None, lang="en").records()
    assert twitch["cpm"] == round(288 / 15_000 * 1000, 2)
    assert "concurrent viewers of a live" in twitch["price_method"]
    assert tiktok["cpm"] == round(300 / 20_000 * 1000, 2) and "cpm per 1,000 views" in tiktok["price_method"]


def test_a_twitch_channel_without_viewers_keeps_the_follower_band(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Name,Platform,Handle,Followers\nLea,Twitch,lea_live,40000\n", encoding="utf-8")
    row = influkit.enrich(str(path), offline=True, store=None, lang="en").records()[0]
    band = PRICE_PER_1K_FOLLOWERS[("*", None)]
    assert row["est_price_low"] == round(convert(40 * band.low, band.currency, "EUR"), 2)
