"""Authenticity flags and score, benchmarks, and enrich's history columns run to run."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from influkit.cli.app import app
from influkit.metrics.authenticity import compute_authenticity, compute_benchmarks
from influkit.metrics.trends import Event
from influkit.pipeline import enrich
from influkit.store import Store
from influkit.table import Table
from influkit.thresholds import ER_BENCHMARKS, FLAGS

runner = CliRunner()
HEADER = "handle,platform,followers,following,avg_likes,avg_comments,price_quoted\n"


def table(rows: list[dict[str, object]]) -> Table:
    t = Table(source_rows=list(range(2, len(rows) + 2)))
    for c in rows[0]:
        t.data[c] = [r.get(c) for r in rows]
    return t


def test_flags_reasons_and_score() -> None:
    bench = ER_BENCHMARKS["instagram"][3]  # 20k-100k band
    t = table([
        {"platform": "instagram", "followers": 40_000, "following": 20_000, "avg_likes": 100, "avg_comments": 0,
         "engagement_rate": bench.value * 0.1, "days_since_last_post": 90},
        {"platform": "instagram", "followers": 40_000, "following": 100, "avg_likes": 1000, "avg_comments": 30,
         "engagement_rate": bench.value, "days_since_last_post": 2},
        {"platform": "blog", "followers": None, "following": None, "avg_likes": None, "avg_comments": None,
         "engagement_rate": None, "days_since_last_post": None},
    ])
    spike = Event("spike", dt.date(2024, 5, 1), dt.date(2024, 5, 2), 5000, 1, 10.0, 4990.0, 40.0, 40_000)
    compute_authenticity(t, dt.date(2024, 6, 1), [[spike], [], None],
                         [[(dt.date(2024, 4, 1), 0.05), (dt.date(2024, 5, 20), 0.01)], [], []])
    codes = t.get("flags")[0].split(", ")
    assert codes == ["er_low", "comment_ratio", "follow_ratio", "spike", "spike_er_fall", "inactive"]
    assert t.get("authenticity")[0] == max(0, 100 - sum(FLAGS[c].penalty for c in codes))
    assert "follows 20,000 accounts for 40,000 followers (50%)" in t.get("flag_reasons")[0]
    assert "spike of +5,000 on 2024-05-02" in t.get("flag_reasons")[0]
    assert t.get("flags")[1] is None and t.get("authenticity")[1] == 100
    assert t.get("authenticity")[2] is None  # nothing could be checked


def test_er_vs_tier_and_percentile_within_list() -> None:
    rates = [0.01, 0.02, 0.03, 0.04, 0.05]
    t = table([{"platform": "instagram", "followers": 30_000, "tier": "micro", "engagement_rate": r} for r in rates])
    compute_benchmarks(t)
    assert t.get("er_vs_tier")[0] == round(0.01 / 0.0263, 3)
    assert t.get("er_percentile") == [10.0, 30.0, 50.0, 70.0, 90.0]
    few = table([{"platform": "instagram", "followers": 30_000, "tier": "micro", "engagement_rate": 0.01}])
    compute_benchmarks(few)
    assert few.get("er_percentile") == [None]


def test_a_repeated_row_is_ranked_but_is_no_peer() -> None:
    """Found by a new user: an account written twice made its tier's 5 peers (4 accounts), and so got
    percentiles, tying with its own copy. Peers are accounts; the repeated row gets its first row's rank."""
    rows: list[dict[str, object]] = [{"platform": "instagram", "followers": 30_000, "tier": "micro", "engagement_rate": r,
                                   "duplicate_of": None} for r in (0.01, 0.02, 0.03, 0.04)]
    rows.append({**rows[1], "duplicate_of": 3})
    t = table(rows)
    compute_benchmarks(t)
    assert t.get("er_percentile") == [None] * 5
    t = table([*rows, {**rows[0], "engagement_rate": 0.05}])
    compute_benchmarks(t)
    assert t.get("er_percentile") == [10.0, 30.0, 50.0, 70.0, 30.0, 90.0]


def test_enrich_twice_shows_growth_and_trend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_DB", str(tmp_path / "w.db"))
    sheet = tmp_path / "s.csv"
    sheet.write_text(HEADER + "alice,instagram,20000,300,600,20,400\nbob,instagram,50000,300,1500,40,\n")
    monkeypatch.setenv("INFLUKIT_TODAY", "2024-01-01")
    first = runner.invoke(app, ["enrich", str(sheet), "-o", "-", "-f", "json", "-q"])
    assert first.exit_code == 0, first.stderr
    assert [r["trend"] for r in json.loads(first.stdout)] == ["unknown", "unknown"]
    sheet.write_text(HEADER + "alice,instagram,21000,300,600,20,400\nbob,instagram,49000,300,1500,40,\n")
    monkeypatch.setenv("INFLUKIT_TODAY", "2024-01-31")
    second = runner.invoke(app, ["enrich", str(sheet), "-o", "-", "-f", "json", "-q"])
    rows = json.loads(second.stdout)
    assert [(r["growth_30d"], r["growth_30d_pct"], r["trend"]) for r in rows] == [
        (1000, 0.05, "growing"), (-1000, -0.02, "declining")]
    assert rows[0]["trend_window"] == "30d to 2024-01-31" and rows[0]["growth_90d"] is None
    # the CLI's JSON is the library's result
    assert rows == enrich(str(sheet)).records()


def test_enrich_without_store_leaves_trend_unknown(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text(HEADER + "alice,instagram,20000,300,600,20,400\n")
    t = enrich(str(sheet), store=None)
    assert t.get("trend") == ["unknown"] and t.get("growth_7d") == [None] and t.get("authenticity") == [100]


def test_enrich_killed_mid_write_then_rerun(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "w.db"
    sheet = tmp_path / "s.csv"
    sheet.write_text(HEADER + "alice,instagram,20000,300,600,20,400\n")

    def boom(self: Store, *args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # as if the user killed the run while the list was written

    with monkeypatch.context() as m:
        m.setattr(Store, "save_list", boom)
        with pytest.raises(KeyboardInterrupt):
            enrich(str(sheet), store=str(db))
    with Store(db) as store:
        assert store.account_id("instagram", "alice") is None  # record_import rolled back as a whole
    t = enrich(str(sheet), store=str(db))
    with Store(db) as store:
        assert store.account_id("instagram", "alice") is not None and len(store.load_list()) == len(t) == 1


def test_no_follower_band_for_an_account_of_zero_followers() -> None:
    """0 followers beside a 4 % rate is no audience to compare with the "0+ followers" median: no er_low
    flag saying "ghost or bought followers?"."""
    from influkit.thresholds import er_benchmark

    assert er_benchmark("instagram", 0) is None and er_benchmark("instagram", 1500) is not None


@pytest.mark.parametrize(("cells", "followers", "expected", "method"), [
    (["5.5", "2.1"], ["890K", "24.5K"], [0.055, 0.021], "rates, not counts"),  # points, as a rate column reads them
    (["5.5%", "2.1 %"], ["890K", "24.5K"], [0.055, 0.021], "rates, not counts"),
    (["12.5K", "900"], ["890K", "24.5K"], [0.0140449, 0.0367347], "average engagements"),  # real counts
])
def test_an_average_engagement_column_of_rates_is_read_as_rates(tmp_path: Path, cells: list[str],
                                                               followers: list[str], expected: list[float],
                                                               method: str) -> None:
    """Found by a new user: "Avg. engagement" holding 5.5 and 2.1 (rates) beside 890K and 24.5K followers
    was read as 2.1 engagements a post: 0.01 %, an er_low flag, a fraud suspicion and a halved price.
    A column whose numbers are all under 100 and whose median row is under 0.05 % of the followers holds
    rates; real counts are still divided by the followers."""
    path = tmp_path / "e.csv"
    path.write_text("Creator Name,Profile URL,Followers count,Avg. engagement\n"
                    f"Chloe Kim,https://www.tiktok.com/@chloe.kim,{followers[0]},{cells[0]}\n"
                    f"Ana Lopez,https://www.instagram.com/ana.lopez/,{followers[1]},{cells[1]}\n", encoding="utf-8")
    t = enrich(str(path), offline=True, store=None)
    assert t.get("engagement_rate") == expected
    assert all(method in m for m in t.get("er_method")) and t.get("flags") == [None, None]
    assert t.get("Avg. engagement") == cells  # the sheet's own cells, kept as they are
