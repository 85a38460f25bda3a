"""Fair price bands, currency, CPE/CPM and the price_high flag."""

from __future__ import annotations

import pytest

from influkit.errors import UsageError
from influkit.metrics.authenticity import compute_authenticity
from influkit.metrics.pricing import compute_pricing, estimate
from influkit.table import Table
from influkit.thresholds import CPM_BANDS, FX_PER_EUR, PRICE_ER_FACTOR_BOUNDS, PRICE_PER_1K_FOLLOWERS


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
