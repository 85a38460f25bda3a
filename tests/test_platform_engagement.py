"""Found by an agency with TikTok creators: a usual TikTok rate by views (7.08 % for 1.25M followers) was
flagged er_high against untapper's 'good' level (2 %). Too high is judged against a typical account's rate
on the same basis (thresholds.er_high_reference), never a 'good' floor."""

from __future__ import annotations

from pathlib import Path

import pytest

import influkit
from influkit.thresholds import ER_HIGH_RATIO, ER_TYPICAL

EXAMPLE_BRAND = Path(__file__).parent.parent / "examples" / "brand.toml"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-20")


# ------------------------------------------------------------------------ 3. engagement by views


@pytest.mark.parametrize(("followers", "likes", "views"), [
    (1_250_000, 8_500, 120_000),  # the user's account: 7.08 % by views, 3.5x the 1M+ 'good' level (2 %)
    (600_000, 7_000, 60_000),  # 11.7 % against the macro 'good' 3.5 %
    (60_000, 3_200, 20_000),  # 16 % against the mid 'good' 5 %
])
def test_a_usual_tiktok_rate_by_views_is_not_called_pods(tmp_path: Path, followers: int, likes: int,
                                                          views: int) -> None:
    """Before: 'engagement par vues 7,08 % à plus de 3x le bon niveau TikTok des comptes de 1 000 000+
    abonnés (2,00 %) : pods d'engagement ou concours ?' (-15 authenticity points, and the score's
    engagement not rewarded). A 'good' level is a floor: too high is judged against a typical account's
    rate by views (thresholds ER_TYPICAL)."""
    path = tmp_path / "list.csv"
    path.write_text("Nom;Réseau;Pseudo;Abonnés;Vues moyennes;Likes moyens\n"
                    f"Zoé;TikTok;zoelam;{followers};{views};{likes}\n", encoding="utf-8")
    row = influkit.enrich(str(path), offline=True, store=None).records()[0]
    assert row["er_vs_tier"] > ER_HIGH_RATIO  # far over the band's 'good' level...
    assert not row["flags"] and row["authenticity"] == 100  # ...which is no sign of pods
    scored = influkit.score(str(path), brand=str(EXAMPLE_BRAND), store=None).records()[0]
    assert "not rewarded" not in scored["reasons"] and "non récompensé" not in scored["reasons"]


def test_a_tiktok_rate_by_views_far_over_the_typical_account_is_flagged(tmp_path: Path) -> None:
    typical = ER_TYPICAL["tiktok"]
    views = 100_000
    likes = round(views * typical.value * ER_HIGH_RATIO * 1.2)
    path = tmp_path / "list.csv"
    path.write_text("Name,Platform,Handle,Followers,Avg views,Avg likes\n"
                    f"Zoe,TikTok,zoelam,1250000,{views},{likes}\n"
                    "Ig,Instagram,igpods,30000,,3000\n", encoding="utf-8")
    tiktok, insta = influkit.enrich(str(path), offline=True, store=None, lang="en").records()
    assert tiktok["flags"] == "er_high" and insta["flags"] == "er_high"  # (Instagram: its median, by followers)
    assert f"over 3x the average for all TikTok accounts ({typical.value:.2%})" in tiktok["flag_reasons"]
    assert "by views" in tiktok["flag_reasons"] and "by followers" in insta["flag_reasons"]
    fr = influkit.enrich(str(path), offline=True, store=None, lang="fr").records()[0]
    assert "la moyenne TikTok de tous les comptes (17,50 %)" in fr["flag_reasons"], fr["flag_reasons"]
    scored = influkit.score(str(path), brand=str(EXAMPLE_BRAND), store=None, lang="en").records()
    assert "not rewarded" in scored[0]["reasons"] or "not rewarded" in scored[1]["reasons"]
