"""Fees in several currencies in a report: the costs are never added (no CPE, CPM, ROAS...), but revenue is
no cost: orders all in one currency keep their revenue; no sentence says "for — revenue" (it is written
without the missing part, in French and in English); a money objective keeps its own currency (the one it
was given in, else its budget's or the brand's) and is not compared with amounts in another currency."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pytest

import influkit
from influkit.campaign.render_common import kpis
from influkit.campaign.report_text import warning

POSTS: list[list[Any]] = [["Creator", "Platform", "Post URL", "Caption", "Published", "Views", "Likes", "Comments", "Cost",
          "Promo code"],
         ["Ann Lee", "Instagram", "https://www.instagram.com/p/ANNPOST1/", "#ad my kit", "2026-01-12", 5000, 500, 20,
          "$400", "ANN10"],
         ["Ben Ode", "TikTok", "https://www.tiktok.com/@benode/video/7300000000000000009", "#ad kit", "2026-01-14",
          40000, 4000, 100, "£500", "BEN10"],
         ["Cy Ray", "YouTube", "https://www.youtube.com/watch?v=abcdefghijk", "#ad kit", "2026-01-20", 90000, 5000,
          300, "1 200 €", "CY10"]]


def _csv(path: Path, rows: list[list[Any]]) -> str:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return str(path)


def _orders(path: Path, currencies: list[str]) -> str:
    rows: list[list[Any]] = [["Name", "Created at", "Total", "Discount Code", "Currency"]]
    codes = ["ANN10", "BEN10", "BEN10", "CY10", "CY10", "CY10"]
    rows += [[f"#{k}", "2026-01-25", "50.00", code, currencies[k % len(currencies)]] for k, code in enumerate(codes)]
    return _csv(path, rows)


_GAP = re.compile(r"(\bfor|\bpour|\bof|\bde|\bat|\bà|:)\s—(\s|$|[.,;)])|—\s(revenue|de chiffre)")


def _gaps(report: dict[str, Any]) -> list[str]:
    """The sentences with a missing value printed as "—" ("9 orders for — revenue")."""
    return [s for s in _sentences(report) if _GAP.search(s)]


def _sentences(report: dict[str, Any]) -> list[str]:
    blocks = report["blocks"]
    return [item["text"] for name in ("analysis", "conclusion", "recommendations") for item in blocks[name]]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_mixed_fees_keep_the_revenue_of_orders_in_one_currency(tmp_path: Path, lang: str) -> None:
    posts = _csv(tmp_path / "posts.csv", POSTS)
    report = influkit.report(posts, orders=_orders(tmp_path / "orders.csv", ["USD"]), lang=lang, offline=True,
                             store=None).to_dict()
    t = report["totals"]
    assert t["orders"] == 6 and t["revenue"] == 300.0
    assert report["currency"] == "USD"
    assert t["cost"] is None and t["cpe"] is None and t["roas"] is None and t["roi"] is None and t["cpa"] is None
    assert {r["network"]: r["revenue"] for r in report["blocks"]["results"]["networks"]} == {
        "instagram": 50.0, "tiktok": 100.0, "youtube": 150.0}
    assert [c["revenue"] for c in report["blocks"]["results"]["creators"]] == [50.0, 100.0, 150.0]
    assert any("costs in several currencies" in w for w in report["warnings"])
    assert not _gaps(report)
    revenue = next(k for k in kpis(report) if k.key == "revenue")
    assert revenue.value != "—" and "300" in revenue.value and "$" in revenue.value
    if lang == "fr":
        assert any(w.startswith("coûts en plusieurs devises") for w in
                   (warning(w, "fr") for w in report["warnings"]))


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("currencies", [["USD", "EUR"], ["GBP", "USD", "EUR"]])
def test_no_sentence_prints_a_dash_for_an_unknown_revenue(tmp_path: Path, lang: str, currencies: list[str]) -> None:
    report = influkit.report(_csv(tmp_path / "posts.csv", POSTS), orders=_orders(tmp_path / "o.csv", currencies),
                             lang=lang, offline=True, store=None).to_dict()
    assert report["totals"]["revenue"] is None
    channels = [item["text"] for item in report["blocks"]["analysis"] if item["rule"] == "A-CHANNELS"]
    per_network = [s for s in channels if re.match(r"^(Instagram|TikTok|YouTube) ?:", s)]
    assert len(per_network) == 3
    for s in per_network:
        assert "—" not in s and "revenue" not in s and "chiffre d'affaires" not in s, s
        assert re.search(r"\d+ (orders?|commandes?) \(\d+\s?%", s), s
    assert not _gaps(report)


def test_a_money_objective_keeps_its_currency(tmp_path: Path) -> None:
    brand = tmp_path / "brand.toml"
    brand.write_text('name = "Stride"\nvalues = ["performance"]\n[budget]\nper_post = "$1,500"\ncurrency = "USD"\n'
                     "[campaign]\nname = \"Spring\"\n[campaign.objectives]\ncpe = 0.20\norders = 4\n", encoding="utf-8")
    posts = _csv(tmp_path / "posts.csv", POSTS)
    report = influkit.report(posts, brand=str(brand), offline=True, store=None)
    data = report.to_dict()
    cpe = next(t for t in data["objectives"]["targets"] if t["metric"] == "cpe")
    assert cpe["currency"] == "USD"
    assert "currency" not in next(t for t in data["objectives"]["targets"] if t["metric"] == "orders")
    out = tmp_path / "r.md"
    report.write(str(out), "md")
    text = out.read_text(encoding="utf-8")
    assert "≤ $0.20" in text and "| $0.20 |" in text
    # costs all in pounds: a target in dollars is not compared with them (no conversion)
    gbp = [POSTS[0]] + [[*r[:8], "£300", r[9]] for r in POSTS[1:]]
    other = influkit.report(_csv(tmp_path / "gbp.csv", gbp), brand=str(brand), offline=True, store=None).to_dict()
    row = next(r for r in other["blocks"]["results"]["objectives"] if r["metric"] == "cpe")
    assert other["totals"]["cpe"] is not None
    assert row["status"] == "unknown" and row["why"] == "other_currency" and row["actual"] is None
    said = next(i["text"] for i in other["blocks"]["conclusion"] if i.get("metric") == "cpe")
    assert "$0.20" in said and "GBP" in said
    # written with its own currency on the command line
    given = influkit.report(_csv(tmp_path / "gbp2.csv", gbp), objectives="cpe=£0.25", offline=True,
                            store=None).to_dict()
    row = next(r for r in given["blocks"]["results"]["objectives"] if r["metric"] == "cpe")
    assert row["currency"] == "GBP" and row["status"] != "unknown"
