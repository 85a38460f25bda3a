"""Currencies for a Geneva/Montréal agency: dollars written with their country ("450 $ CA", "AU$"), Swiss
francs in every spelling, any ISO 4217 code accepted wherever a currency is, conversions only where
thresholds.FX_PER_EUR has a rate (CHF and CAD among them), and the issues naming the sheet's own column."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

import influkit
from influkit.cli.app import app
from influkit.errors import UsageError
from influkit.io.parse import ParseError, parse_currency, parse_price
from influkit.thresholds import FX_PER_EUR, convert

runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(app, [*args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _error(*args: str) -> str:
    """The one line a refused command prints (exit 2)."""
    result = runner.invoke(app, [*args, "-q"])
    assert result.exit_code == 2 and result.stdout == "", (result.exit_code, result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr.strip()


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# ------------------------------------------------------------------------------- reading a money cell


@pytest.mark.parametrize(("cell", "amount", "currency"), [
    ("450 $ CA", 450, "CAD"), ("350 $CAD", 350, "CAD"), ("2 500 $ CAD", 2500, "CAD"), ("C$ 99", 99, "CAD"),
    ("CA$1,200", 1200, "CAD"), ("CAD$ 700", 700, "CAD"), ("1 200 $CAN", 1200, "CAD"), ("CA $ 80", 80, "CAD"),
    ("A$300", 300, "AUD"), ("AU$ 300", 300, "AUD"), ("$AU 300", 300, "AUD"), ("300 $ AUD", 300, "AUD"),
    ("NZ$450", 450, "NZD"), ("HK$ 1 200", 1200, "HKD"), ("S$80", 80, "SGD"), ("SG$ 80", 80, "SGD"),
    ("US$ 250", 250, "USD"), ("250 $US", 250, "USD"), ("250 $ US", 250, "USD"), ("USD$ 250", 250, "USD"),
    ("R$ 500", 500, "BRL"), ("MX$ 900", 900, "MXN"), ("300-400 $ CA", 300, "CAD"),
])
def test_a_dollar_with_its_country_is_that_countrys_dollar(cell: str, amount: float, currency: str) -> None:
    price = parse_price(cell)
    assert price is not None and (price.amount, price.currency) == (amount, currency), price


@pytest.mark.parametrize("cell", ["300 $", "$300", "300 $ au total", "300 $ a post"])
def test_a_bare_dollar_stays_the_us_dollar(cell: str) -> None:
    price = parse_price(cell)
    assert price is not None and (price.amount, price.currency) == (300, "USD"), price


@pytest.mark.parametrize("cell", ["400 francs", "Fr. 400.-", "SFr. 400", "400 fr.", "400 Fr", "CHF 400.–",
                                  "400 francs suisses", "Frs 400", "400.- sfr."])
def test_francs_are_swiss_francs(cell: str) -> None:
    price = parse_price(cell)
    assert price is not None and (price.amount, price.currency) == (400, "CHF"), price


@pytest.mark.parametrize("cell", ["5000 FCFA", "5 000 francs CFA", "CFA 5000"])
def test_cfa_francs_are_said_unknown_never_swiss(cell: str) -> None:
    with pytest.raises(ParseError, match=r"unknown currency: West \(XOF\) or Central \(XAF\)"):
        parse_price(cell)


@pytest.mark.parametrize(("cell", "code"), [("$ CA", "CAD"), ("CA$", "CAD"), ("AU$", "AUD"), ("nz$", "NZD"),
                                            ("francs", "CHF"), ("Fr.", "CHF"), ("jpy", "JPY"), ("sek", "SEK")])
def test_a_currency_cell_reads_the_same_spellings(cell: str, code: str) -> None:
    assert parse_currency(cell) == code


@pytest.mark.parametrize("setting", ["ZZZ", "ABC", "dollars monopoly"])
def test_a_currency_setting_must_be_an_iso_4217_code(setting: str) -> None:
    from influkit.io import parse

    with pytest.raises(ParseError, match="use an ISO 4217 code"):
        parse.currency_code(setting)


def test_the_quebec_sheet_is_read_in_canadian_dollars_and_estimated_in_them(tmp_path: Path) -> None:
    sheet = tmp_path / "money.csv"
    sheet.write_text("Pseudo,Réseau,Abonnés,Prix demandé\n@a1,TikTok,10000,450 $ CA\n@a2,TikTok,10000,350 $CAD\n"
                     "@a3,TikTok,10000,2 500 $ CAD\n@a4,TikTok,10000,CAD 600\n@a5,TikTok,10000,C$ 700\n",
                     encoding="utf-8")
    rows = _csv_rows(_run("enrich", str(sheet), "--no-store", "-o", "-", "-f", "csv", "-q"))
    assert [r["currency"] for r in rows] == ["CAD"] * 5
    assert [r["price_currency"] for r in rows] == ["CAD"] * 5  # (every price in CAD: estimates in CAD)
    assert not any(r["issues"] for r in rows), [r["issues"] for r in rows]
    assert all(float(r["cpm"]) > 0 for r in rows)


# ------------------------------------------------------------------------------------ the rates table


def test_swiss_francs_and_canadian_dollars_convert_with_the_ecb_rates_like_the_others() -> None:
    assert {"EUR", "USD", "GBP", "CHF", "CAD"} <= set(FX_PER_EUR)
    rows = {r["name"]: r for r in influkit.thresholds_table().records() if r["group"] == "currency"}
    printed = _run("thresholds", "-f", "csv")
    for code in ("CHF", "CAD"):
        line = next(x for x in printed.splitlines() if f"1 EUR in {code}" in x)
        assert str(FX_PER_EUR[code]) in line and "ECB 2024 average reference rates" in line
    assert rows["1 EUR in CHF"]["value"] == FX_PER_EUR["CHF"] and rows["1 EUR in CAD"]["value"] == FX_PER_EUR["CAD"]
    assert convert(convert(100, "CHF", "CAD"), "CAD", "CHF") == pytest.approx(100)


# --------------------------------------------------------------------------- currencies in the commands


BRAND_CHF = """name = "Montres Léman"
[budget]
per_post = 900
currency = "CHF"
[campaign]
name = "automne"
budget = "3 000 CHF"
"""


def test_chf_and_cad_are_accepted_by_every_command_that_takes_a_currency(tmp_path: Path) -> None:
    db = str(tmp_path / "ws.db")
    brand = tmp_path / "b.toml"
    brand.write_text(BRAND_CHF, encoding="utf-8")
    made = json.loads(_run("campaign", "new", "geneve", "--brand", str(brand), "--budget", "3000 CHF", "--db", db,
                           "-f", "json", "-q"))
    assert (made["budget"], made["currency"]) == (3000.0, "CHF")
    # a bare number takes the brand's budget currency (never EUR silently)
    bare = json.loads(_run("campaign", "new", "geneve2", "--brand", str(brand), "--budget", "3000", "--db", db,
                           "-f", "json", "-q"))
    assert bare["currency"] == "CHF"
    quebec = json.loads(_run("campaign", "new", "quebec", "--budget", "5 000 $ CA", "--db", db, "-f", "json", "-q"))
    assert (quebec["budget"], quebec["currency"]) == (5000.0, "CAD")
    yen = influkit.campaign_new("tokyo", budget=1000, currency="jpy", store=db)
    assert yen.to_dict()["currency"] == "JPY"  # any ISO code is stored as is
    sheet = tmp_path / "l.csv"
    sheet.write_text("Pseudo,Réseau,Abonnés\n@lea,Instagram,25000\n", encoding="utf-8")
    _run("enrich", str(sheet), "--campaign", "geneve", "--db", db, "--offline", "-q", "-o", str(tmp_path / "o.csv"))
    _run("set", "lea", "--price", "1100", "--currency", "CHF", "--campaign", "geneve", "--db", db, "-q")
    _run("set", "lea", "--price", "450 $ CA", "--campaign", "quebec", "--db", db, "-q")
    assert "unknown currency 'ZZZ'" in _error("set", "lea", "--price", "10", "--currency", "ZZZ", "--db", db)
    assert "unknown currency 'ZZZ'" in _error("campaign", "new", "z", "--budget", "1", "--currency", "ZZZ", "--db", db)
    # a conversion that needs a rate the table does not have is said, never made as if 1:1
    line = _error("enrich", str(sheet), "--no-store", "--currency", "JPY", "-o", "-")
    assert "no exchange rate for JPY" in line
    with pytest.raises(UsageError, match="no exchange rate for JPY"):
        influkit.enrich(str(sheet), currency="JPY", store=None)


def _one_campaign_list(tmp_path: Path, brand_text: str, rows: list[tuple[Any, ...]]) -> tuple[str, Path]:
    db = str(tmp_path / "ws.db")
    brand = tmp_path / "b.toml"
    brand.write_text(brand_text, encoding="utf-8")
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Nom", "Pseudo", "Réseau", "Abonnés", "Taux d'engagement", "Cachet"])
    for row in rows:
        ws.append(list(row))
    sheet = tmp_path / "liste.xlsx"
    wb.save(sheet)
    _run("campaign", "new", "c", "--brand", str(brand), "--db", db, "-q")
    _run("enrich", str(sheet), "--campaign", "c", "--db", db, "--offline", "-q", "-o", str(tmp_path / "e.xlsx"))
    _run("score", "--campaign", "c", "--db", db, "-q", "-o", str(tmp_path / "s.xlsx"))
    return db, sheet


@pytest.mark.parametrize(("brand_text", "code"), [
    (BRAND_CHF, "CHF"),
    ('name = "Sirop"\n[budget]\nper_post = "1 200 $ CA"\n', "CAD"),
])
def test_a_swiss_or_canadian_clients_shortlist_and_cards_show_its_currency(tmp_path: Path, brand_text: str,
                                                                          code: str) -> None:
    db, _ = _one_campaign_list(tmp_path, brand_text, [
        ("Léa Vernoux", "@lea", "Instagram", 25000, "3,2 %", "500 CHF"),
        ("Marc Perrin", "@marc", "Instagram", 40000, "2,1 %", None),
        ("Zoé Tan", "@zoe", "TikTok", 15000, "5 %", "450 $ CA")])
    for lang in ("fr", "en"):
        out = tmp_path / f"short_{lang}.md"
        cards = tmp_path / f"cards_{lang}"
        _run("shortlist", "--campaign", "c", "--db", db, "-o", str(out), "--lang", lang, "--cards", str(cards), "-q")
        texts = [out.read_text(encoding="utf-8"), *(p.read_text(encoding="utf-8") for p in cards.glob("*.md"))]
        for text in texts:
            assert "€" not in text and "EUR" not in text, text
            assert "no exchange rate" not in text and "pas de taux de change" not in text, text
            assert code in text
        xlsx = tmp_path / f"short_{lang}.xlsx"
        _run("shortlist", "--campaign", "c", "--db", db, "-o", str(xlsx), "--lang", lang, "-q")
        cells = [str(c.value) + c.number_format for ws in openpyxl.load_workbook(xlsx) for row in ws.iter_rows()
                 for c in row if c.value is not None]
        assert not any("€" in c for c in cells), [c for c in cells if "€" in c]


def test_enrich_into_a_chf_campaign_says_and_uses_chf(tmp_path: Path) -> None:
    db, sheet = _one_campaign_list(tmp_path, BRAND_CHF, [("Léa", "@lea", "Instagram", 25000, "3,2 %", None)])
    result = runner.invoke(app, ["enrich", str(sheet), "--campaign", "c", "--db", db, "--offline", "-o", "-",
                                 "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    assert "estimated prices in CHF" in result.stderr
    assert [r["price_currency"] for r in _csv_rows(result.stdout)] == ["CHF"]


def test_a_sheet_all_in_swiss_francs_is_estimated_in_swiss_francs(tmp_path: Path) -> None:
    sheet = tmp_path / "suisse.csv"
    sheet.write_text("Pseudo;Réseau;Abonnés;Tarif (CHF)\n@a;Instagram;20000;CHF 400.–\n@b;Instagram;30000;650\n"
                     "@c;Instagram;12000;\n", encoding="utf-8")
    rows = _csv_rows(_run("enrich", str(sheet), "--no-store", "-o", "-", "-f", "csv", "-q"))
    assert [r["price_currency"] for r in rows] == ["CHF"] * 3
    assert not any(r["issues"] for r in rows)


# ------------------------------------------------------------------- issues name the sheet's own column


@pytest.mark.parametrize(("header", "lang", "said"), [
    ("Cachet demandé", "fr", "pas de taux de change pour JPY"),
    ("Fee (JPY)", "en", "no exchange rate for JPY"),
    ("Tarif (¥)", "fr", "pas de taux de change pour JPY"),
])
def test_a_computed_issue_names_the_column_as_the_user_wrote_it(tmp_path: Path, header: str, lang: str,
                                                                said: str) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Handle", "Platform", "Followers", header])
    ws.append(["@kenji", "Instagram", 20000, "5000 JPY"])
    ws.append(["@aiko", "Instagram", 30000, None])
    sheet = tmp_path / "jp.xlsx"
    wb.save(sheet)
    rows = _csv_rows(_run("enrich", str(sheet), "--no-store", "-o", "-", "-f", "csv", "--lang", lang, "-q"))
    sep = " : " if lang == "fr" else ": "
    assert rows[0]["issues"] == f"{header}{sep}{said}{sep}{'ni CPE ni CPM' if lang == 'fr' else 'no CPE/CPM'}"
    out = tmp_path / f"jp_{lang}.xlsx"
    _run("enrich", str(sheet), "--no-store", "-o", str(out), "--lang", lang, "-q")
    values = [str(c.value) for ws in openpyxl.load_workbook(out) for row in ws.iter_rows() for c in row]
    assert any(v.startswith(f"{header}{sep}") and said in v for v in values), values
