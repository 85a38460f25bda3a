"""Fair price bands, currency, CPE/CPM and the price_high flag."""

from __future__ import annotations

from pathlib import Path

import pytest

from influkit.errors import UsageError
from influkit.metrics.authenticity import compute_authenticity
from influkit.metrics.pricing import compute_pricing, estimate
from influkit.table import Table
from influkit.thresholds import CPM_BANDS, FX_PER_EUR, PRICE_ER_FACTOR_BOUNDS, PRICE_PER_1K_FOLLOWERS

EXAMPLE_BRAND = Path(__file__).parent.parent / "examples" / "brand.toml"


def one(**row: object) -> Table:
    t = Table(source_rows=[2])
    for k, v in row.items():
        t.data[k] = [v]
    return t


def test_followers_band_in_eur_and_usd() -> None:
    band = PRICE_PER_1K_FOLLOWERS[("instagram", None)]
    found = estimate("instagram", "mid", 150_000, None, None, "USD")
    assert found is not None
    low, high, method = found
    assert (low, high) == (150 * band.low, 150 * band.high)
    found = estimate("instagram", "mid", 150_000, None, None, "EUR")
    assert found is not None
    low_eur, high_eur, _ = found
    assert low_eur == pytest.approx(150 * band.low / FX_PER_EUR["USD"], abs=0.01)
    assert "per 1k" in method


def test_engagement_factor_is_bounded_and_views_use_cpm() -> None:
    base = estimate("instagram", "mid", 100_000, None, 1.0, "USD")
    boosted = estimate("instagram", "mid", 100_000, None, 10.0, "USD")
    assert base and boosted and boosted[1] == pytest.approx(base[1] * PRICE_ER_FACTOR_BOUNDS[1])
    yt = estimate("youtube", "mid", 100_000, 40_000, None, "USD")
    assert yt and yt[:2] == (40 * CPM_BANDS["youtube"].low, 40 * CPM_BANDS["youtube"].high)
    assert estimate("instagram", None, None, None, None, "EUR") is None


def test_cpe_cpm_and_price_high_flag() -> None:
    t = one(platform="instagram", tier="micro", followers=20_000, avg_likes=600, avg_comments=20, avg_views=None,
            er_vs_tier=1.0, price_quoted=5000.0, currency="EUR", engagement_rate=0.031)
    compute_pricing(t, "EUR")
    assert t.get("cpe") == [round(5000 / 620, 4)] and t.get("cpm") == [250.0]
    assert t.get("price_currency") == ["EUR"]
    compute_authenticity(t, __import__("datetime").date(2024, 1, 1))
    assert "price_high" in t.get("flags")[0] and t.get("authenticity") == [100]  # a price is no fraud signal


def test_quote_in_other_currency_is_converted_and_unknown_currency_is_an_issue() -> None:
    t = one(platform="instagram", tier="micro", followers=20_000, avg_likes=100, avg_comments=0, avg_views=None,
            er_vs_tier=None, price_quoted=108.24, currency="USD")
    compute_pricing(t, "EUR")
    assert t.get("cpe") == [1.0]
    bad = one(platform="instagram", followers=20_000, price_quoted=100.0, currency="JPY")
    compute_pricing(bad, "EUR")
    assert "no exchange rate for JPY" in bad.get("issues")[0]
    with pytest.raises(UsageError):
        compute_pricing(bad, "XYZ")


@pytest.mark.parametrize(("cell", "per", "posts"), [
    ("800 € / 2 vidéos", "2 vidéos", 2), ("1 200 € / 3 stories", "3 stories", 3), ("300 € les 2 posts", "2 posts", 2),
    ("1000 € pour 1 reel + 2 stories", "1 reel + 2 stories", 3), ("400 € / vidéo", "vidéo", 1),
    ("500€ par post", "post", 1), ("800 € / 3 mois", "3 mois", 1), ("900 €", None, 1),
])
def test_a_price_for_several_posts_counts_them(cell: str, per: str | None, posts: int) -> None:
    from influkit.io.parse import deliverables, parse_price

    found = parse_price(cell)
    assert found is not None and found.per == per and deliverables(found.per) == posts


def test_cpe_and_cpm_and_the_budget_use_a_posts_share_of_a_price_for_several(tmp_path: Path) -> None:
    """800 € for 2 videos set against one video's numbers: CPM 10 and CPE 0.12 (not 20 and 0.24), and a
    post's 400 € against the budget of a post, said in the reasons and in price_method."""
    import influkit

    sheet = tmp_path / "per.csv"
    sheet.write_text("Nom;Réseau;Pseudo;Abonnés;Vues moy.;Likes moy.;Commentaires moy.;Prix\n"
                     "Sam;TikTok;sam.k;85 000;40 000;3 200;120;800 € / 2 vidéos\n"
                     "Léa;TikTok;lea.k;85 000;40 000;3 200;120;400 €\n", encoding="utf-8")
    t = influkit.enrich(str(sheet), offline=True, store=None, lang="en")
    assert t.get("cpm") == [10.0, 10.0] and t.get("cpe") == [0.1205, 0.1205]
    assert "cpe and cpm per post: the price / 2 (2 vidéos)" in t.get("price_method")[0]
    scored = influkit.score(str(sheet), brand=str(EXAMPLE_BRAND), store=None, lang="en")
    assert "€800 for 2 vidéos: €400 a post; + quote €400 within the €800 budget" in scored.get("reasons")[0]
    assert scored.get("score_cost")[0] == scored.get("score_cost")[1]
    french = influkit.enrich(str(sheet), offline=True, store=None)
    assert "CPE et CPM par publication : le prix / 2 (2 vidéos)" in french.get("price_method")[0]


def test_a_price_range_counts_its_middle_and_says_so(tmp_path: Path) -> None:
    """'300-500 €' is neither 300 nor 500: CPE, CPM, the budget and the price flag take 400, the reasons
    and price_method say so, the shortlist shows both ends; French prose writes € after the number."""
    import influkit

    sheet = tmp_path / "range.csv"
    sheet.write_text("Nom;Réseau;Pseudo;Abonnés;Vues moy.;Likes moy.;Prix\nZoé;Instagram;zoe;30 000;10 000;900;"
                     "300-500 €\n", encoding="utf-8")
    t = influkit.score(str(sheet), brand=str(EXAMPLE_BRAND), store=None)
    assert t.get("cpm") == [40.0] and t.get("cpe") == [round(400 / 900, 4)]
    assert "CPE et CPM sur le milieu de la fourchette demandée" in t.get("price_method")[0]
    reasons = t.get("reasons")[0]
    assert "tarif de 300\xa0€ à 500\xa0€ : compté 400\xa0€ (le milieu)" in reasons and "EUR" not in reasons
    assert t.get("flag_reasons")[0].startswith("tarif demandé 400\xa0€ à plus de 1,5x")
    chosen = influkit.shortlist(str(sheet), brand=str(EXAMPLE_BRAND), store=None)
    assert (chosen.get("price_quoted"), chosen.get("price_quoted_high")) == ([300.0], [500.0])
