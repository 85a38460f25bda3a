"""Amounts influkit computes or reads (a quote, the estimated prices, CPE, CPM) carry their currency in
every workbook: the enriched and scored xlsx, the shortlist's, and the user's own sheet written in place.
A new user's UK list showed `£300` quotes and estimates as plain `300.00`. Each amount is shown in its
row's currency (the quote's own, the estimates' `price_currency`), written the language's way
(`"£"#,##0.00##` in English, `#,##0.00## "£"` in French); a column in several currencies gets one format
per cell."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from influkit.campaign.report_text import money_number_format
from influkit.cli.app import app
from influkit.labels import label
from sheetmaker import xlsx

runner = CliRunner()
MONEY = ("price_quoted", "est_price_low", "est_price_high", "cpm")
SHEETS: dict[str, list[list[Any]]] = {  # a list whose quotes are in dollars AND pounds, and a row without a quote
    "en": [["Name", "Platform", "Handle", "Followers", "Avg views", "Rate"],
           ["Jake Turner", "Instagram", "jaketrains", 45200, 12000, "$600"],
           ["Amelia Clarke", "Instagram", "ameliaruns", 88000, 20000, "£1,200"],
           ["Leo Harris", "YouTube", "LeoHarrisBikes", 420000, 140000, None],
           ["Mia Hall", "Instagram", "miahall", 30000, 9000, "£450"]],
    "fr": [["Nom", "Réseau", "Pseudo", "Abonnés", "Vues moyennes", "Tarif"],
           ["Jules Martin", "Instagram", "julesmartin", 45200, 12000, "600 $"],
           ["Chloé Petit", "Instagram", "chloepetit", 88000, 20000, "1 200 £"],
           ["Léo Bernard", "YouTube", "LeoBernard", 420000, 140000, None],
           ["Inès Robert", "Instagram", "inesrobert", 30000, 9000, "450 £"]],
}
CURRENCIES = ["USD", "GBP", "GBP", "GBP"]  # each row's: its quote's, the row without one the sheet's most


def _columns(path: Path, headers: dict[str, str]) -> dict[str, list[tuple[Any, str]]]:
    """(value, number format) of rows 2-5 of the columns named by `headers` (column -> header)."""
    ws = openpyxl.load_workbook(path).worksheets[0]
    head = [c.value for c in ws[1]]
    return {c: [(ws.cell(r, head.index(h) + 1).value, ws.cell(r, head.index(h) + 1).number_format)
                for r in range(2, 6)] for c, h in headers.items()}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_enriched_workbook_shows_each_amount_in_its_rows_currency(tmp_path: Path, lang: str) -> None:
    sheet = xlsx(tmp_path / "list.xlsx", {"List": SHEETS[lang]})
    out = tmp_path / "e.xlsx"
    result = runner.invoke(app, ["enrich", str(sheet), "--offline", "--no-store", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    shown = _columns(out, {c: c for c in (*MONEY, "price_currency")})
    assert [v for v, _ in shown["price_currency"]] == CURRENCIES
    want = {cur: money_number_format(cur, lang, "#,##0.00##") for cur in CURRENCIES}
    assert want["USD"] == ('"$"#,##0.00##' if lang == "en" else '#,##0.00## "$"')
    for column in MONEY:
        for (value, fmt), cur in zip(shown[column], CURRENCIES, strict=True):
            assert value is None or fmt == want[cur], (column, value, fmt, cur)
    assert [v is not None for v, _ in shown["price_quoted"]] == [True, True, False, True]
    assert all(v is not None for v, _ in shown["est_price_low"])


def test_the_shortlist_shows_the_quote_as_asked_and_the_estimates_in_the_brands_currency(tmp_path: Path) -> None:
    sheet = xlsx(tmp_path / "list.xlsx", {"List": SHEETS["en"]})
    brand = tmp_path / "brand.toml"
    brand.write_text('name = "Stride"\nthemes = ["running"]\n[budget]\nper_post = "$1,500"\ncurrency = "USD"\n',
                     encoding="utf-8")
    out = tmp_path / "s.xlsx"
    result = runner.invoke(app, ["shortlist", str(sheet), "--brand", str(brand), "--no-store", "--top", "10",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    columns = ("creator", "price_quoted", "currency", "est_price_low", "est_price_high")
    shown = _columns(out, {c: label(c, "en") for c in columns})
    for k in range(4):
        quote, fmt = shown["price_quoted"][k]
        if quote is not None:  # as asked, in its own currency
            assert fmt == money_number_format(shown["currency"][k][0], "en", "#,##0.00##")
        assert shown["est_price_low"][k][1] == shown["est_price_high"][k][1] == '"$"#,##0.00##'
    assert {shown["price_quoted"][k][1] for k in range(4) if shown["price_quoted"][k][0] is not None} == {
        '"$"#,##0.00##', '"£"#,##0.00##'}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_in_place_the_added_money_columns_show_each_rows_currency(tmp_path: Path, lang: str) -> None:
    """`enrich --in-place`: the estimated prices and the CPM influkit adds to the user's sheet, cell by cell
    in each row's currency; the user's own price cells keep their own format."""
    sheet = xlsx(tmp_path / "list.xlsx", {"List": SHEETS[lang]})
    result = runner.invoke(app, ["enrich", str(sheet), "--offline", "--no-store", "--in-place"])
    assert result.exit_code == 0, result.stderr
    shown = _columns(sheet, {c: label(c, lang) for c in ("est_price_low", "est_price_high", "cpm")})
    want = [money_number_format(cur, lang, "#,##0.00##") for cur in CURRENCIES]
    for column, cells in shown.items():
        assert [fmt for v, fmt in cells if v is not None] == [w for (v, _), w in zip(cells, want, strict=True)
                                                              if v is not None], column
    assert [v is not None for v, _ in shown["cpm"]] == [True, True, False, True]  # (a cost needs a quote)
    rate = SHEETS[lang][0][5]
    assert [v for v, _ in _columns(sheet, {"rate": rate})["rate"]] == [r[5] for r in SHEETS[lang][1:]]  # as typed
    assert all(isinstance(v, float) for v, _ in shown["est_price_low"])
