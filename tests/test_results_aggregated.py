"""An aggregated sales export (one row per promo code with its orders count and total, as a shop's "sales by
discount" report gives it) is read as counts (found by new users, report2: `INESSKINCARE10;15;...;1 315,00`
gave 1 order instead of 15, exit 0, no warning), whether its orders column is named by --map or found by
its header, in French or English; and every --map field `results` takes does something or is refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import influkit
from influkit.cli.app import app

runner = CliRunner()

SHEET = """creator,platform,handle,stage,price_quoted,promo_code
Léa Vernoux,instagram,lea.v,published,350 €,LEA10
Inès Belkacem,tiktok,ines,published,500 €,INES10
Océane,instagram,oce,published,400 €,OCE10
"""
# two codes with the same count (7): no "order id" to merge them as line items of one order
FR_EXPORT = """Code de réduction;{orders};Ventes brutes;Remises;Ventes nettes
LEA10;7;574,00;-57,40;516,60
INES10;15;1 461,10;-146,10;1 315,00
OCE10;7;353,10;-35,30;317,80
"""
EN_EXPORT = """Discount code,{orders},Gross sales,Discounts,Total sales
LEA10,7,574.00,-57.40,516.60
INES10,15,"1,461.10",-146.10,"1,315.00"
OCE10,7,353.10,-35.30,317.80
"""


def _run(tmp_path: Path, export: str, *options: str) -> tuple[int, dict[str, Any] | None, str]:
    (tmp_path / "list.csv").write_text(SHEET, encoding="utf-8")
    (tmp_path / "sales.csv").write_text(export, encoding="utf-8")
    result = runner.invoke(app, ["results", str(tmp_path / "sales.csv"), str(tmp_path / "list.csv"), "--no-store",
                                 "--format", "json", *options])
    data = json.loads(result.stdout) if result.exit_code == 0 else None
    return result.exit_code, data, result.stderr


def _orders(data: dict[str, Any] | None) -> dict[str, tuple[int, float]]:
    assert data is not None
    return {c["creator"]: (c["orders"], c["revenue"]) for c in data["creators"]}


EXPECTED = {"Léa Vernoux": (7, 516.6), "Inès Belkacem": (15, 1315.0), "Océane": (7, 317.8)}


def test_the_orders_column_named_by_map_is_read_as_counts(tmp_path: Path) -> None:
    code, data, err = _run(tmp_path, FR_EXPORT.format(orders="Commandes"), "--map", "Ventes nettes=total",
                           "--map", "Commandes=orders")
    assert code == 0, err
    assert _orders(data) == EXPECTED
    assert data is not None and data["totals"]["orders"] == 29 and data["totals"]["cpa"] == round(1250 / 29, 2)
    assert data["orders"]["read"] == 29 and data["orders"]["counted"] == 29 and data["orders"]["count_rows"] == 3
    assert "29 orders read: 29 counted" in err


@pytest.mark.parametrize("header", ["Commandes", "Nb commandes", "Nombre de commandes", "Nb. de commandes"])
def test_a_french_orders_count_header_is_read_as_counts(tmp_path: Path, header: str) -> None:
    code, data, err = _run(tmp_path, FR_EXPORT.format(orders=header), "--map", "Ventes nettes=total")
    assert code == 0, err
    assert _orders(data) == EXPECTED


@pytest.mark.parametrize("header", ["Orders", "# orders", "Number of orders", "Order count"])
def test_an_english_orders_count_header_is_read_as_counts(tmp_path: Path, header: str) -> None:
    code, data, err = _run(tmp_path, EN_EXPORT.format(orders=header))  # ("Total sales": the total)
    assert code == 0, err
    assert _orders(data) == EXPECTED


def test_an_export_of_one_row_per_order_is_not_read_as_counts(tmp_path: Path) -> None:
    """An order id column named "Commandes" (#1001) or an "Orders" column of an export dated per order stays
    one order per row."""
    ids = "Commandes;Code promo;Total;Date\n#1001;LEA10;50,00;02/03/2026\n#1002;LEA10;30,00;03/03/2026\n"
    code, data, err = _run(tmp_path, ids)
    assert code == 0, err
    assert _orders(data)["Léa Vernoux"] == (2, 80.0)
    numbered = "Orders,Discount code,Total,Created at\n1001,LEA10,50.00,2026-03-02\n1002,LEA10,30.00,2026-03-03\n"
    code, data, err = _run(tmp_path, numbered)
    assert code == 0, err
    assert _orders(data)["Léa Vernoux"] == (2, 80.0)


def test_an_orders_count_that_is_no_whole_number_is_an_error_naming_its_row(tmp_path: Path) -> None:
    export = FR_EXPORT.format(orders="Commandes").replace("INES10;15;", "INES10;quinze;")
    code, _, err = _run(tmp_path, export, "--map", "Ventes nettes=total", "--map", "Commandes=orders")
    assert code == 1
    assert "row 3" in err and "Commandes" in err and "'quinze' is not a number of orders" in err


@pytest.mark.parametrize(("mapping", "said"), [
    ("Ventes nettes=revenue", "revenue is a field of a UTM analytics export (--utm), and none is given"),
    ("Commandes=sessions", "sessions is a field of a UTM analytics export (--utm), and none is given"),
    ("Code de réduction=utm_content", "utm_content is a field of a UTM analytics export"),
    ("Nb cmd=orders", "no column 'Nb cmd' in "),
    ("Montant=total", "no column 'Montant' in "),
])
def test_a_map_that_would_do_nothing_is_refused_in_one_line(tmp_path: Path, mapping: str, said: str) -> None:
    code, _, err = _run(tmp_path, FR_EXPORT.format(orders="Commandes"), "--map", "Ventes nettes=total",
                        "--map", mapping)
    assert code == 2
    assert said in err and len(err.strip().splitlines()) == 1


def test_the_report_reads_an_aggregated_export_as_counts_too(tmp_path: Path) -> None:
    (tmp_path / "posts.csv").write_text(
        "Créateur;Réseau;Lien du post;Légende;Vues;Code promo\n"
        "Inès Belkacem;TikTok;https://www.tiktok.com/@ines/video/7300000000000000001;Publicité | ma routine;9000;"
        "INES10\n", encoding="utf-8")
    (tmp_path / "sales.csv").write_text(FR_EXPORT.format(orders="Nb commandes"), encoding="utf-8")
    data = influkit.report(str(tmp_path / "posts.csv"), orders=str(tmp_path / "sales.csv"),
                           mapping=["Ventes nettes=total"], offline=True, store=None).to_dict()
    assert data["totals"]["orders"] == 15 and data["totals"]["revenue"] == 1315.0
