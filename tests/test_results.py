"""Campaign results: orders matched by promo code and utm_content, exclusions, window, CPA/ROI/ROAS."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from influkit.campaign.results import build_report as results
from influkit.campaign.results import read_orders, read_utm
from influkit.cli.app import app
from influkit.pipeline import read_table

SHEET = """creator,platform,handle,stage,price_quoted,published_on,promo_code
Léa Vernoux,instagram,lea.v,published,500 €,2024-03-01,LEAV10
Léa Vernoux,tiktok,lea_tt,published,300 €,2024-03-01,LEAV10
Noé,tiktok,noe,deal,200 €,,NOE10
Zed,instagram,zed,contacted,900 €,,ZED10
"""
# Shopify: one row per line item, totals on the first; #4 cancelled, #5 refunded, #6 partly refunded,
# #7 outside a 10-day window after 2024-03-01, #8 unknown code, #9 no code
ORDERS = """Name,Financial Status,Currency,Total,Discount Code,Created at,Lineitem name,Cancelled at,Refunded Amount
#1,paid,EUR,100.00,leav10,2024-03-02 10:00:00 +0100,Serum,,0.00
#1,,,,,2024-03-02 10:00:00 +0100,Sample,,
#2,paid,EUR,50.00,LEAV10,2024-03-05 10:00:00 +0100,Serum,,0.00
#3,paid,EUR,80.00,NOE10,2024-03-06 10:00:00 +0100,Serum,,0.00
#4,paid,EUR,70.00,NOE10,2024-03-06 11:00:00 +0100,Serum,2024-03-07 09:00:00 +0100,0.00
#5,refunded,EUR,60.00,LEAV10,2024-03-06 12:00:00 +0100,Serum,,60.00
#6,partially_refunded,EUR,90.00,LEAV10,2024-03-08 12:00:00 +0100,Serum,,40.00
#7,paid,EUR,30.00,LEAV10,2024-03-20 12:00:00 +0100,Serum,,0.00
#8,paid,EUR,45.00,WELCOME,2024-03-09 12:00:00 +0100,Serum,,0.00
#9,paid,EUR,25.00,,2024-03-09 12:00:00 +0100,Serum,,0.00
"""
UTM = """utm_campaign,utm_content,sessions,transactions,revenue
spring,lea.v,300,2,150.5
spring,lea_tt,100,1,40
spring,noe,50,3,120
spring,ghost,10,0,0
"""


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {"sheet": tmp_path / "funnel_results.csv", "orders": tmp_path / "orders_shop.csv",
             "utm": tmp_path / "orders_utm.csv"}
    paths["sheet"].write_text(SHEET, encoding="utf-8")
    paths["orders"].write_text(ORDERS, encoding="utf-8")
    paths["utm"].write_text(UTM, encoding="utf-8")
    return paths


def report(files: dict[str, Path], **options: object) -> dict[str, Any]:
    orders, excluded = read_orders(str(files["orders"]), source="shopify")
    return results(read_table(str(files["sheet"])), orders, excluded=excluded, **options)  # type: ignore[arg-type]


def test_orders_math(files: dict[str, Path]) -> None:
    r = report(files)
    people = {c["creator"]: c for c in r["creators"]}
    assert list(people) == ["Léa Vernoux", "Noé"]  # Zed is only contacted and sold nothing
    lea = people["Léa Vernoux"]
    # #1 100 + #2 50 + #6 (90 - 40) + #7 30 = 230 over 4 orders; cost 500 + 300 (both accounts published)
    assert (lea["orders"], lea["revenue"], lea["cost"]) == (4, 230.0, 800.0)
    assert lea["cpa"] == 200.0 and lea["roas"] == pytest.approx(230 / 800, abs=1e-4)
    assert lea["roi"] == pytest.approx((230 - 800) / 800, abs=1e-4)
    noe = people["Noé"]
    assert (noe["orders"], noe["revenue"], noe["cost"], noe["cpa"], noe["roas"]) == (1, 80.0, 200.0, 200.0, 0.4)
    assert r["totals"]["orders"] == 5 and r["totals"]["revenue"] == 310.0 and r["totals"]["cost"] == 1000.0
    assert r["totals"]["cpa"] == 200.0 and r["totals"]["roi"] == pytest.approx(-0.69, abs=1e-4)
    assert r["orders"] == {"read": 9, "cancelled": 1, "refunded": 1, "refund_lines": 0, "counted": 5, "no_code": 1,
                           "unmatched": 1, "outside_window": 0, "window_unchecked": 0}
    assert r["unmatched_codes"] == {"WELCOME": 1}


def test_a_creator_without_a_deal_has_no_cost_and_a_gifted_one_costs_0(files: dict[str, Path]) -> None:
    """Zed, only contacted, sold with his code: no deal yet, so no cost and no CPA (not 0, which is a
    gifted creator's); a gifted creator at the deal stage costs 0."""
    files["sheet"].write_text(SHEET + "Gus,instagram,gus,deal,gifting,,GUS10\n", encoding="utf-8")
    files["orders"].write_text(ORDERS + "#10,paid,EUR,40.00,ZED10,2024-03-09 12:00:00 +0100,Serum,,0.00\n"
                               "#11,paid,EUR,30.00,GUS10,2024-03-09 12:00:00 +0100,Serum,,0.00\n", encoding="utf-8")
    people = {c["creator"]: c for c in report(files)["creators"]}
    assert (people["Zed"]["orders"], people["Zed"]["cost"], people["Zed"]["cpa"]) == (1, None, None)
    assert (people["Gus"]["orders"], people["Gus"]["cost"], people["Gus"]["cpa"]) == (1, 0.0, 0.0)
    r = report(files)  # the campaign spent nothing on Zed yet: its totals keep their cost, and its CPA, ROI
    totals = r["totals"]  # and ROAS are over the creators with a cost (Zed's order was not bought)
    assert (totals["orders"], totals["cost"], totals["cpa"]) == (7, 1000.0, round(1000 / 6, 2))
    assert totals["roas"] == round((totals["revenue"] - 40.0) / 1000.0, 4)
    assert any(w.startswith("CPA, ROI and ROAS count the creators with a cost only: the 1 order of Zed (no deal")
               for w in r["warnings"])


def test_window_after_published_on(files: dict[str, Path]) -> None:
    r = report(files, window=10)
    lea = next(c for c in r["creators"] if c["creator"] == "Léa Vernoux")
    assert (lea["orders"], lea["revenue"]) == (3, 200.0)  # #7 on 03-20 is 19 days after 03-01
    assert r["orders"]["outside_window"] == 1 and r["orders"]["window_unchecked"] == 1  # Noé: no published_on


def test_utm_export_takes_the_larger_source(files: dict[str, Path]) -> None:
    r = report(files, utm_rows=read_utm(str(files["utm"])))
    people = {c["creator"]: c for c in r["creators"]}
    lea, noe = people["Léa Vernoux"], people["Noé"]
    assert (lea["sessions"], lea["utm_orders"], lea["utm_revenue"]) == (400, 3, 190.5)
    assert (lea["orders"], lea["revenue"]) == (4, 230.0)  # codes say more than UTM
    assert (noe["utm_orders"], noe["orders"], noe["revenue"]) == (3, 3, 120.0)  # UTM says more than codes
    assert noe["cpa"] == pytest.approx(200 / 3, abs=0.01)
    assert r["utm_rows_unmatched"] == 1


def test_cli_json_equals_library_and_csv(files: dict[str, Path]) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["results", str(files["orders"]), str(files["sheet"]), "--from", "shopify",
                                 "--format", "json", "--window", "10"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(json.dumps(report(files, window=10)))
    as_csv = runner.invoke(app, ["results", str(files["orders"]), str(files["sheet"]), "--format", "csv"])
    lines = as_csv.stdout.splitlines()
    assert lines[0].startswith("creator,promo_code,orders,revenue,cost,cpa,roi,roas")
    assert lines[-1].startswith("TOTAL,,5,310.0,1000.0,200.0,-0.69,0.31")


def test_mapped_csv_and_errors(files: dict[str, Path], tmp_path: Path) -> None:
    other = tmp_path / "orders_other.csv"
    other.write_text("Commande;Coupon utilisé;Montant TTC;Date\nA1;NOE10;12,50 €;06/03/2024\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["results", str(other), str(files["sheet"]), "--format", "json",
                                 "--map", "Coupon utilisé=code", "--map", "Montant TTC=total"])
    assert result.exit_code == 0, result.output
    noe = next(c for c in json.loads(result.stdout)["creators"] if c["creator"] == "Noé")
    assert (noe["orders"], noe["revenue"]) == (1, 12.5)
    unnamed = tmp_path / "orders_unnamed.csv"
    unnamed.write_text("Commande;Réf client;Montant TTC;Date\nA1;NOE10;12,50 €;06/03/2024\n", encoding="utf-8")
    missing = runner.invoke(app, ["results", str(unnamed), str(files["sheet"]), "--format", "json"])
    assert missing.exit_code == 1 and "no code column" in missing.stderr
    bad = tmp_path / "orders_bad.csv"
    bad.write_text("Name,Total,Discount Code\n#1,lots,NOE10\n", encoding="utf-8")
    bad_run = runner.invoke(app, ["results", str(bad), str(files["sheet"]), "--format", "json"])
    assert bad_run.exit_code == 1 and "row 2" in bad_run.stderr and "'Total'" in bad_run.stderr


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_wide_sheet_price_counted_once(tmp_path: Path) -> None:
    sheet = write(tmp_path / "wide.csv", "Nom;Instagram;Abonnés Instagram;TikTok;Abonnés TikTok;Statut;Prix;Code promo\n"
                                         "Léa Vernoux;@lea.vernoux;12 500;@lea.tiktok;3,1 k;Signé;500;LEAV10\n")
    orders = write(tmp_path / "orders.csv", "Name,Total,Discount Code,Currency\n#1,100.00,leav10,EUR\n")
    table = read_table(sheet)
    assert table.source_rows == [2, 2]  # one sheet row, two accounts
    r = results(table, *read_orders(orders)[:1])
    assert [(c["creator"], c["cost"], c["orders"], c["roas"]) for c in r["creators"]] == [("Léa Vernoux", 500.0, 1, 0.2)]
    assert r["creators"][0]["promo_code"] == "LEAV10"
    assert r["totals"]["cost"] == 500.0
    assert r["warnings"] == ["prices without a currency on 1 creator taken as EUR, the orders' currency "
                             "(add a currency column to say otherwise)"]
    assert r["totals"]["by_currency"]["EUR"]["cost"] == 500.0  # not under "(none)" beside EUR revenue


def test_rows_of_one_person_joined_by_sheet_row_or_code(tmp_path: Path) -> None:
    # no creator names: same promo code joins the rows; a price repeated on two sheet rows counts once
    sheet = write(tmp_path / "long.csv", "platform,handle,stage,price_quoted,promo_code\n"
                                         "instagram,lea.v,deal,500,LEAV10\ntiktok,lea_tt,deal,500,leav-10\n")
    orders = write(tmp_path / "orders.csv", "Name,Total,Discount Code\n#1,80,LEAV10\n")
    r = results(read_table(sheet), read_orders(orders)[0])
    assert [(c["handles"], c["cost"], c["orders"]) for c in r["creators"]] == [(["lea.v", "lea_tt"], 500.0, 1)]
    assert r["warnings"] == ["['lea.v', 'lea_tt']: price 500 on several sheet rows counted once"]


def test_rows_on_the_same_row_number_of_two_tabs_are_two_people(tmp_path: Path) -> None:
    """One tab per network: row 2 of "TikTok" and row 2 of "YouTube" are different creators; they were
    joined as one person by their row number, so Pierre's order went to Léa and his fee vanished."""
    import openpyxl

    book = openpyxl.Workbook()
    tiktok = book.active
    assert tiktok is not None
    tiktok.title = "TikTok"
    for row in (["Nom", "Pseudo", "Abonnés", "Statut", "Tarif", "Code promo"],
                ["Léa Dubois", "@lea.glow", 12500, "Signé", "400 €", "LEA10"],
                ["Zoé Perret", "@zoe.perret", 8000, "Signé", "250 €", "ZOE10"]):
        tiktok.append(row)
    youtube = book.create_sheet("YouTube")
    for row in (["Nom", "Lien", "Abonnés", "Statut", "Tarif", "Code promo"],
                ["Pierre Rochat", "https://www.youtube.com/@pierrerochat", 62000, "Signé", "1 200 €", "PIERRE10"]):
        youtube.append(row)
    path = tmp_path / "two_tabs.xlsx"
    book.save(path)
    orders = write(tmp_path / "orders.csv", "Name,Total,Discount Code,Currency\n#1,100.00,PIERRE10,EUR\n"
                                            "#2,40.00,LEA10,EUR\n")
    r = results(read_table(str(path), sheet="all"), read_orders(orders)[0])
    got = sorted((c["creator"], c["handles"], c["cost"], c["orders"], c["revenue"]) for c in r["creators"])
    assert got == [("Léa Dubois", ["lea.glow"], 400.0, 1, 40.0), ("Pierre Rochat", ["pierrerochat"], 1200.0, 1, 100.0),
                   ("Zoé Perret", ["zoe.perret"], 250.0, 0, 0.0)]
    assert r["totals"]["cost"] == 1850.0
    cli = CliRunner().invoke(app, ["results", orders, str(path), "--sheet", "all", "--no-store", "-f", "json"])
    assert cli.exit_code == 0, cli.output
    import influkit

    assert json.loads(cli.stdout) == json.loads(json.dumps(influkit.results(orders, str(path), sheet="all",
                                                                            store=None).to_dict()))


def test_mixed_currencies_reported_per_currency(tmp_path: Path, files: dict[str, Path]) -> None:
    orders = write(tmp_path / "orders_mixed.csv", "Name,Total,Discount Code,Currency\n"
                                                  "#1,100.00,LEAV10,EUR\n#2,50.00,NOE10,USD\n#3,20,LEAV10,$\n")
    r = results(read_table(str(files["sheet"])), read_orders(orders)[0])
    assert r["currencies"] == ["EUR", "USD"]
    t = r["totals"]
    assert t["orders"] == 3 and t["revenue"] is None and t["cost"] is None and t["roas"] is None
    assert t["currency"] is None
    # the sheet's prices keep the currency written in their cells ("500 €" is 500 EUR, issue #10)
    assert t["by_currency"] == {"EUR": {"code_orders": 1, "code_revenue": 100.0, "cost": 1000.0},
                                "USD": {"code_orders": 2, "code_revenue": 70.0, "cost": 0.0}}
    people = {c["creator"]: c for c in r["creators"]}
    noe, lea = people["Noé"], people["Léa Vernoux"]
    # a price in EUR, orders in USD: both amounts kept, no ratio of one to the other
    assert (noe["currency"], noe["revenue"], noe["roi"], noe["roas"]) == (None, 50.0, None, None)
    assert noe["cost"] is not None and noe["cpa"] is not None  # the cost per order stays in the price's currency
    # orders in EUR and in USD: never added (100 EUR + 20 USD is no amount), the ratios left empty
    assert (lea["currency"], lea["revenue"], lea["roi"], lea["roas"], lea["orders"]) == (None, None, None, None, 2)
    assert any("several currencies (EUR, USD)" in w for w in r["warnings"])
    assert any(w.startswith("Léa Vernoux: amounts in EUR, USD") for w in r["warnings"])
    single = report(files)
    assert single["currencies"] == ["EUR"] and single["totals"]["currency"] == "EUR"
    run = CliRunner().invoke(app, ["results", orders, str(files["sheet"]), "--format", "json"])
    assert run.exit_code == 0 and "warning: orders and prices use several currencies" in run.stderr


def test_refund_lines_and_french_export(tmp_path: Path, files: dict[str, Path]) -> None:
    orders = write(tmp_path / "commandes.csv",
                   "Commande;Statut;Devise;Total;Code de réduction;Créé le;Date d'annulation;Montant remboursé\n"
                   "#1;payé;EUR;100,00;LEAV10;02/03/2024;;\n"
                   "#2;Remboursé;EUR;50,00;LEAV10;03/03/2024;;\n"
                   "#3;remboursée;EUR;40,00;LEAV10;03/03/2024;;\n"
                   "#4;Annulée;EUR;30,00;NOE10;04/03/2024;;\n"
                   "#5;annulé;EUR;30,00;NOE10;04/03/2024;;\n"
                   "#6;payé;EUR;-20,00;LEAV10;05/03/2024;;\n"
                   "#7;payé;EUR;(15,00);NOE10;05/03/2024;;\n"
                   "#8;payé;EUR;60,00;NOE10;06/03/2024;07/03/2024;\n"
                   "#9;partiellement remboursé;EUR;90,00;NOE10;06/03/2024;;-30,00\n")
    listed, excluded = read_orders(orders)
    assert excluded == {"read": 9, "cancelled": 3, "refunded": 2, "refund_lines": 2}
    assert [(o.order_id, o.total, o.created_at.isoformat() if o.created_at else None) for o in listed] == [
        ("#1", 100.0, "2024-03-02"), ("#9", 60.0, "2024-03-06")]
    r = results(read_table(str(files["sheet"])), listed, excluded=excluded)
    assert r["orders"]["refund_lines"] == 2 and r["totals"]["revenue"] == 160.0
    assert any(w.startswith("2 rows with a negative total (refund lines) left out") for w in r["warnings"])
    run = CliRunner().invoke(app, ["results", orders, str(files["sheet"]), "--format", "json"])
    assert run.exit_code == 0, run.output
    assert "2 refund lines" in run.stderr


def test_a_code_is_shown_as_the_sheet_writes_it(tmp_path: Path) -> None:
    """Orders match "elo15" and "ELO 15" to the sheet's "ELO-15"; the report shows "ELO-15", as `links` keeps it."""
    sheet = write(tmp_path / "list.csv", "Nom;Instagram;Statut;Prix;Code promo\nÉlodie;@elo;Signé;300 €;ELO-15\n")
    orders = write(tmp_path / "orders.csv", "Name,Total,Discount Code,Currency\n#1,100.00,elo15,EUR\n#2,50.00,ELO 15,EUR\n")
    r = results(read_table(sheet), *read_orders(orders)[:1])
    assert [(c["promo_code"], c["orders"], c["revenue"]) for c in r["creators"]] == [("ELO-15", 2, 150.0)]


def test_a_paid_creator_without_a_price_has_an_unknown_cost_not_zero(tmp_path: Path) -> None:
    """Chloé signed but the sheet has no price for her: her cost is unknown (None), not 0 like a gifted
    creator's, and so are her CPA, ROI, ROAS and the totals' cost; a warning names her."""
    sheet = tmp_path / "s.csv"
    sheet.write_text("Nom;Réseau;Pseudo;Statut;Tarif;Code promo\nLéa;Instagram;lea;Publié;800 €;LEA10\n"
                     "Chloé;Instagram;chloe;Signé;;CHLOE10\nSarah;Instagram;sarah;Publié;0 €;SARAH15\n",
                     encoding="utf-8")
    orders = tmp_path / "o.csv"
    orders.write_text("Name,Total,Discount Code,Currency\n#1,100.00,LEA10,EUR\n#2,50.00,CHLOE10,EUR\n"
                      "#3,20.00,SARAH15,EUR\n", encoding="utf-8")
    r = results(read_table(str(sheet)), read_orders(str(orders))[0])
    people = {c["creator"]: c for c in r["creators"]}
    assert (people["Chloé"]["cost"], people["Chloé"]["cpa"], people["Chloé"]["roi"]) == (None, None, None)
    assert people["Chloé"]["revenue"] == 50.0 and people["Sarah"]["cost"] == 0.0  # gifted: 0
    assert people["Léa"]["cost"] == 800.0 and people["Léa"]["roas"] == 0.125
    assert r["totals"]["cost"] is None and r["totals"]["revenue"] == 170.0 and r["totals"]["roi"] is None
    assert any(w.startswith("no price on the sheet for Chloé") for w in r["warnings"])


def test_the_window_counts_from_a_publication_day_recorded_with_set(files: dict[str, Path], tmp_path: Path) -> None:
    """Noé's sheet row has no publication date; `set --stage published --on 2024-03-05` recorded one in the
    workspace: `results` on the workspace's list counts Noé's window from it."""
    import influkit

    db = str(tmp_path / "ws.db")
    influkit.enrich(str(files["sheet"]), offline=True, store=db)
    influkit.set_stage("noe", platform="tiktok", stage="published", on="2024-03-05", store=db)
    r = influkit.results(str(files["orders"]), store=db, window=0).to_dict()
    noe = next(c for c in r["creators"] if c["creator"] == "Noé")
    assert noe["published_on"] == "2024-03-05"
    assert noe["orders"] == 0 and r["orders"]["window_unchecked"] == 0  # #3 on 03-06 is after a 0-day window
    wider = influkit.results(str(files["orders"]), store=db, window=3).to_dict()
    assert next(c for c in wider["creators"] if c["creator"] == "Noé")["orders"] == 1


@pytest.mark.parametrize("header,row", [
    ("N° de commande;Date de la commande;Statut de la commande;Code promo utilisé;Total TTC;Devise",
     "1001;2024-03-02;payée;LEAV10;100,00;EUR"),
    ("Order Number;Order Date;Order Status;Coupon Code(s);Order Shipping Amount;Order Total Amount;Currency",
     "1001;2024-03-02;completed;leav10;5.00;100.00;EUR"),
])
def test_an_orders_export_in_its_own_words(files: dict[str, Path], header: str, row: str) -> None:
    """French and WooCommerce exports name their columns in their own words ("Total TTC", "Code promo
    utilisé", "Order Total Amount", "Coupon Code(s)"): read by their words, the shipping amount is no total."""
    files["orders"].write_text(f"{header}\n{row}\n", encoding="utf-8")
    orders, _ = read_orders(str(files["orders"]))
    assert [(o.codes, o.total) for o in orders] == [(["LEAV10"], 100.0)]


def test_the_report_maps_the_orders_columns_too(files: dict[str, Path], tmp_path: Path) -> None:
    """`report --orders X --map "Header=total"`: a --map naming an order field maps the orders export."""
    import influkit

    files["orders"].write_text("Réf;Jour;Code client;Montant payé\n1;2024-03-02;LEAV10;100,00\n", encoding="utf-8")
    posts = tmp_path / "posts.csv"
    posts.write_text("Créateur,Compte,Réseau,Lien,Légende,Vues,Coût,Code promo\n"
                     "Léa Vernoux,lea.v,Instagram,https://www.instagram.com/p/C4aaaaaaaa1/,Publicité,1000,500,LEAV10\n",
                     encoding="utf-8")
    data = influkit.report(str(posts), orders=str(files["orders"]), store=None, offline=True,
                           mapping=["Code client=code", "Montant payé=total"]).to_dict()
    assert data["totals"]["orders"] == 1 and data["totals"]["revenue"] == 100.0


def test_a_woocommerce_export_excludes_its_refunds_and_cancellations(files: dict[str, Path]) -> None:
    """WooCommerce writes statuses as "wc-refunded", "wc-cancelled" and the refunded part in "Order Refund
    Amount": refunded and cancelled orders are left out, a partial refund lowers the revenue."""
    files["orders"].write_text(
        "Order Number,Order Date,Order Status,Order Total Amount,Order Refund Amount,Coupon Code(s)\n"
        "1,2024-03-02,wc-completed,60.00,15.00,LEAV10\n2,2024-03-02,wc-refunded,40.00,40.00,LEAV10\n"
        "3,2024-03-03,wc-cancelled,20.00,0,NOE10\n4,2024-03-03,wc-processing,30.00,0,NOE10\n", encoding="utf-8")
    orders, excluded = read_orders(str(files["orders"]))
    assert [(o.codes, o.total) for o in orders] == [(["LEAV10"], 45.0), (["NOE10"], 30.0)]
    assert (excluded["refunded"], excluded["cancelled"]) == (1, 1)


def test_a_price_range_costs_its_middle_in_results_as_in_report_and_score(tmp_path: Path) -> None:
    # one rule for a "300-500 €" fee (results.list_price): the middle, 400, said in a warning
    import influkit

    sheet = write(tmp_path / "liste.csv", "Nom,Réseau,Compte,Abonnés,Statut,Tarif,Code promo\n"
                                          "Camille Roussel,Instagram,camille.sb,48300,Publié,300-500 €,CAMILLE10\n"
                                          "Noé,TikTok,noe,9000,Signé,1 000 - 1 400 €,NOE10\n")
    orders = write(tmp_path / "commandes.csv", "Name,Total,Discount Code,Currency\n#1,100.00,CAMILLE10,EUR\n"
                                               "#2,60.00,NOE10,EUR\n")
    posts = write(tmp_path / "posts.csv", "Créateur,Réseau,Lien du post,Légende,Vues\n"
                  "Camille Roussel,Instagram,https://www.instagram.com/p/C4abcdEFgh1/,Publicité,8000\n"
                  "Noé,TikTok,https://www.tiktok.com/@noe/video/7300000000000000001,Publicité,9000\n")
    r = results(read_table(sheet), read_orders(orders)[0])
    assert [(c["creator"], c["cost"], c["cpa"], c["roas"]) for c in r["creators"]] == [
        ("Camille Roussel", 400.0, 400.0, 0.25), ("Noé", 1200.0, 1200.0, 0.05)]
    said = ["Camille Roussel: the list's price is a range (300-500): its middle, 400, is the cost",
            "Noé: the list's price is a range (1000-1400): its middle, 1200, is the cost"]
    assert [w for w in r["warnings"] if "range" in w] == said
    rep = influkit.report(sheet, posts=posts, orders=orders, offline=True, store=None).to_dict()
    assert {c["creator"]: c["cost"] for c in rep["blocks"]["results"]["creators"]} == {
        "Camille Roussel": 400.0, "Noé": 1200.0}
    assert (rep["totals"]["cost"], rep["totals"]["cpa"]) == (r["totals"]["cost"], r["totals"]["cpa"]) == (1600.0, 800.0)
    assert all(w in rep["warnings"] for w in said)
    scored = influkit.score(sheet, brand=str(Path(__file__).parent.parent / "examples" / "brand.toml"), store=None)
    reasons = [str(reason).replace("\xa0", " ").replace("\u202f", " ") for reason in scored.get("reasons")]
    assert "tarif de 300 € à 500 € : compté 400 € (le milieu)" in reasons[0]
    assert "compté 1 200 € (le milieu)" in reasons[1]
