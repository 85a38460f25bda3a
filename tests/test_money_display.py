"""Money as a client reads it: which currency the estimated prices are in, a quote shown as asked (and what
it converts to when it is compared in another currency), one writer of amounts per language, gifts as
gifts. Real sheets (openpyxl), real SQLite workspaces, the command line as a user runs it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

import influkit
from influkit.campaign.report_text import money, money_number_format
from influkit.cli.app import app

HEADERS = ["Name", "Platform", "Handle", "Followers", "ER", "Avg Likes", "Avg Comments", "Avg Views", "Status",
           "Rate", "Country", "Language", "Bio"]
# (name, platform, handle, followers, views, rate): a US/UK list whose rates are in dollars AND pounds
ROWS: list[tuple[str, str, str, str, str | None, str | None]] = [
    ("Jake Turner", "Instagram", "@jaketrains", "45.2K", None, "$600"),
    ("Amelia Clarke", "Instagram", "@ameliaruns", "88K", None, "£1,200"),
    ("Grace Evans", "YouTube", "@GraceEvansRuns", "95K", "22K", "£1,500"),  # far over its fair band
    ("Noah Davis", "YouTube", "@NoahDavisTrains", "52K", "15K", "$800"),  # over its fair band, in dollars
    ("Olivia Bennett", "Instagram", "@liv.lifts", "12.8K", None, "gifted"),
    ("Ava Walker", "Instagram", "@avawalkerfit", "5.4K", None, "free product"),
    ("Leo Harris", "YouTube", "@LeoHarrisBikes", "420K", "140K", None),  # no rate at all
]
BRAND_USD = """name = "Stride Athletics"
themes = [{ term = "running", weight = 3 }]
platforms = ["instagram", "youtube"]
[budget]
per_post = "$1,500"
currency = "USD"
"""
MONEY = re.compile(r"[$£€]")


Row = tuple[str, str, str, str, str | None, str | None]


def _sheet(path: Path, rows: Sequence[Row] = ROWS) -> str:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Prospects"
    ws.append(HEADERS)
    for name, platform, handle, followers, views, rate in rows:
        ws.append([name, platform, handle, followers, "3.5%", 900, 40, views, "Prospect", rate, "United States",
                   "English", "Marathon runner"])
    wb.save(path)
    return str(path)


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _workspace(tmp_path: Path, brand: str = BRAND_USD, budget: str | None = "$15,000") -> tuple[str, str]:
    (tmp_path / "brand.toml").write_text(brand, encoding="utf-8")
    db = str(tmp_path / "ws.db")
    _run("campaign", "new", "spring", "--brand", str(tmp_path / "brand.toml"), "--db", db,
         *(["--budget", budget] if budget else []))
    return db, str(tmp_path / "brand.toml")


def _md_rows(path: Path) -> dict[str, str]:
    """Each creator's row of a Markdown shortlist (the line holding its name)."""
    text = path.read_text(encoding="utf-8")
    return {name: line for name, *_ in ROWS for line in text.splitlines() if f"| {name} |" in line}


def test_enrich_into_a_dollar_campaign_says_whose_currency_its_estimates_are_in(tmp_path: Path) -> None:
    # (it said "the currency of campaign 'spring''s budget": a possessive on a quoted name)
    db, _ = _workspace(tmp_path)
    table = influkit.enrich(_sheet(tmp_path / "prospects.xlsx"), campaign="spring", store=db, offline=True)
    assert set(table.get("price_currency")) == {"USD"}
    assert "estimated prices in USD, the currency of the budget of campaign 'spring' (--currency to choose)" in \
        table.meta["notes"]


def test_a_dollar_and_pound_list_in_a_dollar_campaign_is_estimated_in_dollars(tmp_path: Path) -> None:
    db, brand = _workspace(tmp_path)
    sheet = _sheet(tmp_path / "prospects.xlsx")
    _run("enrich", sheet, "--campaign", "spring", "--db", db, "--offline", "-q")
    table = influkit.score(campaign="spring", store=db, brand=brand)
    by_name = {r["creator"]: r for r in table.records()}
    # every estimate in the campaign brand's currency, whatever the row's quote is in
    assert {r["price_currency"] for r in by_name.values()} == {"USD"}
    grace = by_name["Grace Evans"]
    # the flag says the quote as asked and what it came to, never a euro amount nobody asked
    assert re.fullmatch(r"quoted £1,500 ≈ \$1,9\d\d is over 1\.5x the fair band's top \$[\d,]+",
                        grace["flag_reasons"]), grace["flag_reasons"]
    assert "- quote £1,500 ≈ $1,9" in grace["reasons"] and "EUR" not in grace["reasons"]
    noah = by_name["Noah Davis"]  # a dollar quote against dollar estimates: no conversion to name
    assert noah["flag_reasons"].startswith("quoted $800 is over") and "≈" not in noah["flag_reasons"]
    assert "+ quote $800 within the $1,500 budget" in noah["reasons"]

    out = tmp_path / "short.md"
    _run("shortlist", "--campaign", "spring", "--db", db, "--stage", "all", "-o", str(out), "-q")
    rows = _md_rows(out)
    assert "£1,200 asked (≈ $1,5" in rows["Amelia Clarke"] and "fair price $" in rows["Amelia Clarke"]
    assert "$600 asked · fair price $" in rows["Jake Turner"]
    for name, line in rows.items():  # no row mixes three currencies, none shows euros
        assert "€" not in line and "EUR" not in line, (name, line)
        assert len(set(MONEY.findall(line))) <= 2, (name, line)
    # in French: the same amounts, written the French way, the flag too
    fr = tmp_path / "short_fr.md"
    _run("shortlist", "--campaign", "spring", "--db", db, "--stage", "all", "-o", str(fr), "--lang", "fr", "-q")
    text = re.sub("[\u202f\u00a0]", " ", fr.read_text(encoding="utf-8"))  # (the spaces money writes in French)
    assert "1 200 £ demandés (≈ 1 5" in text
    assert re.search(r"tarif demandé 1 500 £ ≈ 1 9\d\d \$ à plus de 1,5x", text)


def test_a_list_in_several_currencies_without_a_brand_estimates_each_row_in_its_quotes_currency(
        tmp_path: Path) -> None:
    sheet = _sheet(tmp_path / "prospects.xlsx")
    table = influkit.enrich(sheet, offline=True, store=None)
    by_name = {r["creator"]: r for r in table.records()}
    assert by_name["Jake Turner"]["price_currency"] == "USD"
    assert by_name["Amelia Clarke"]["price_currency"] == "GBP"
    grace = by_name["Grace Evans"]["flag_reasons"]  # compared in the pounds it was asked in
    assert grace.startswith("quoted £1,500 is over 1.5x the fair band's top £") and "≈" not in grace
    # a row without a price: the currency most of the list's prices are in (dollars: 3 to 2)
    assert by_name["Leo Harris"]["price_currency"] == "USD"
    assert any("each row's estimated price is in its quote's currency" in n for n in table.meta["notes"])
    # one currency in the whole sheet: that one, for every row (pounds here)
    only_pounds = [(n, p, h, f, v, r.replace("$", "£") if r else r) for n, p, h, f, v, r in ROWS]
    table = influkit.enrich(_sheet(tmp_path / "pounds.xlsx", only_pounds), offline=True, store=None)
    assert set(table.get("price_currency")) == {"GBP"}
    # --currency wins over everything
    table = influkit.enrich(sheet, offline=True, store=None, currency="EUR")
    assert set(table.get("price_currency")) == {"EUR"}


@pytest.mark.parametrize(("brand_money", "currency", "asked", "within"), [
    ('per_post = "1 000 €"\ncurrency = "EUR"', "EUR", "€500 asked", "+ quote €500 within the €1,000 budget"),
    ('per_post = "£900"\ncurrency = "GBP"', "GBP", "€500 asked (≈ £", "+ quote €500 ≈ £"),
    ('per_post = "$2,000"\ncurrency = "USD"', "USD", "€500 asked (≈ $", "+ quote €500 ≈ $"),
])
def test_the_price_cell_and_the_reasons_write_amounts_the_same_way(tmp_path: Path, brand_money: str, currency: str,
                                                                   asked: str, within: str) -> None:
    """An English shortlist of a French creator: the price column and the reasons write money alike."""
    brand = BRAND_USD.replace('per_post = "$1,500"\ncurrency = "USD"', brand_money)
    db, brand_file = _workspace(tmp_path, brand, budget=None)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Nom", "Réseau", "Compte", "Abonnés", "Taux d'engagement", "Tarif", "Bio"])
    ws.append(["Camille Dubois", "Instagram", "@camille.d", "30 000", "3,5 %", "500 €", "running"])
    wb.save(tmp_path / "fr.xlsx")
    _run("enrich", str(tmp_path / "fr.xlsx"), "--campaign", "spring", "--db", db, "--offline", "-q")
    _run("score", "--brand", brand_file, "--campaign", "spring", "--db", db, "-q", "-o", str(tmp_path / "s.xlsx"))
    out = tmp_path / "short.md"
    _run("shortlist", "--campaign", "spring", "--db", db, "-o", str(out), "--lang", "en", "-q")
    text = out.read_text(encoding="utf-8")
    assert asked in text and within in text, text
    assert "500 EUR" not in text and f" {currency} " not in text


def test_one_money_writer_per_language() -> None:
    assert (money(6100, "USD", "en"), money(1200, "GBP", "en"), money(604, "EUR", "en")) == ("$6,100", "£1,200", "€604")
    assert money(1200, "EUR", "fr") == "1\u202f200\u00a0€" and money(6100, "USD", "fr") == "6\u202f100\u00a0$"
    assert money(1200, "CHF", "en") == "1,200 CHF"
    # the spreadsheet number formats follow the same rule: a symbol before the amount in English
    assert money_number_format("USD", "en") == '"$"#,##0.00'
    assert money_number_format("GBP", "en") == '"£"#,##0.00'
    assert money_number_format("USD", "fr") == '#,##0.00 "$"'
    assert money_number_format("EUR", "fr") == '#,##0.00 "€"'
    assert money_number_format("CHF", "en") == '#,##0.00 "CHF"'
    assert money_number_format(None, "en") == "#,##0.00"


@pytest.mark.parametrize(("lang", "wanted"), [("en", '"$"#,##0.00'), ("fr", '#,##0.00 "$"')])
def test_an_english_report_in_dollars_puts_the_dollar_first(tmp_path: Path, lang: str, wanted: str) -> None:
    posts = tmp_path / "posts.csv"
    posts.write_text("Creator,Platform,Handle,Post URL,Caption,Published,Views,Likes,Comments,Cost,Paid partnership\n"
                     "Mia Johnson,TikTok,@miamoves,https://www.tiktok.com/@miamoves/video/7300000000000000001,"
                     "#ad Dance cardio,01/14/2026,41000,4600,210,$400,Yes\n"
                     "Jake Turner,Instagram,@jaketrains,https://www.instagram.com/p/JAKE1/,#ad My run,01/15/2026,"
                     "12000,1600,120,\"$5,700\",Yes\n", encoding="utf-8")
    out = tmp_path / "report.xlsx"
    _run("report", str(posts), "--no-store", "--offline", "--lang", lang, "-o", str(out), "-q")
    formats = {c.number_format for ws in openpyxl.load_workbook(out) for row in ws.iter_rows() for c in row
               if "$" in c.number_format}
    assert formats == {wanted}


@pytest.mark.parametrize("rate", ["gifted", "free product", "0", "$0", "gifting", "cadeau", "offert"])
def test_a_gift_reads_as_a_gift_in_the_shortlist_and_the_cards(tmp_path: Path, rate: str) -> None:
    rows: list[Row] = [("Olivia Bennett", "Instagram", "@liv.lifts", "12.8K", None, rate),
            ("Jake Turner", "Instagram", "@jaketrains", "45.2K", None, "$600")]
    db, brand = _workspace(tmp_path)
    _run("enrich", _sheet(tmp_path / "p.xlsx", rows), "--campaign", "spring", "--db", db, "--offline", "-q")
    _run("score", "--brand", brand, "--campaign", "spring", "--db", db, "-q", "-o", str(tmp_path / "s.xlsx"))
    for lang, gift, asked in (("en", "gifting · fair price", " asked"), ("fr", "cadeau · prix estimé", " demandés")):
        for ext in ("md", "html"):
            out = tmp_path / f"short_{lang}.{ext}"
            _run("shortlist", "--campaign", "spring", "--db", db, "-o", str(out), "--lang", lang,
                 "--cards", str(tmp_path / f"cards_{lang}_{ext}"), "-q")
            line = next(x for x in out.read_text(encoding="utf-8").splitlines() if "Olivia Bennett" in x)
            assert gift in line and f"0{asked}" not in line and "0\u00a0$" not in line, line
            card = (tmp_path / f"cards_{lang}_{ext}" / "olivia-bennett.md").read_text(encoding="utf-8")
            assert gift in card and f"0{asked}" not in card


def test_a_list_enriched_in_euros_is_shown_in_the_brands_dollars_when_scored(tmp_path: Path) -> None:
    """A list enriched with --currency EUR (or before the campaign had a brand), then scored and shortlisted
    with a dollar brand: its estimates are shown in dollars, so a £ quote's row reads £ and $ only."""
    db, brand = _workspace(tmp_path)
    sheet = _sheet(tmp_path / "prospects.xlsx")
    _run("enrich", sheet, "--campaign", "spring", "--db", db, "--offline", "-q", "--currency", "EUR")
    table = influkit.score(campaign="spring", store=db, brand=brand)
    assert {r["price_currency"] for r in table.records()} == {"USD"}
    euros = influkit.enrich(sheet, offline=True, store=None, currency="EUR").records()
    amelia = next(r for r in table.records() if r["creator"] == "Amelia Clarke")
    expected = next(r for r in euros if r["creator"] == "Amelia Clarke")["est_price_high"] * 1.0824
    assert amelia["est_price_high"] == pytest.approx(expected, abs=0.02)
    for args in ((), ("--brand", brand)):
        out = tmp_path / "short.md"
        _run("shortlist", "--campaign", "spring", "--db", db, "--stage", "all", "-o", str(out), "-q", *args)
        for name, line in _md_rows(out).items():
            assert len(set(MONEY.findall(line))) <= 2 and "€" not in line, (name, line)
