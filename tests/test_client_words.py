"""Everything a client reads is words in the output's language: no internal code (a column name, a flag
id, a profile setting) in the shortlist (md, html, xlsx), the identity cards, the score reasons, the price
method or the report, in a French and an English run of the whole chain (the new user's FR cosmetics and
US/UK sportswear lists, cut down); and the typography of each language."""

from __future__ import annotations

import csv
import html
import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from influkit.cli.app import app

runner = CliRunner()

FR_HEADERS = ["Nom", "Réseau", "Compte", "Abonnés", "Taux d'engagement", "Likes moyens", "Commentaires moyens",
              "Vues moyennes", "Statut", "Date de contact", "Date de réponse", "Tarif", "Pays", "Langue",
              "Thématique", "Bio"]
FR_ROWS: list[list[object]] = [
    ["Camille Dubois", "TikTok", "@camilleglow", "48,3 k", "7,8 %", 3400, 120, "25 k", "Contacté", "03/02/2026", None,
     "500 €", "France", "français", "Beauté", "Routines soin express vegan"],
    ["Inès Martin", "Instagram", "@ines.beaute", "85 k", "3,1 %", 2500, 140, None, "A répondu", "28/01/2026",
     "02/02/2026", "1 200 €", "France", "français", "Maquillage", "Maquillage bio et cruelty free"],
    ["Chloé Bernard", "Instagram", "@chloe_skin", "9 800", "6,5 %", 600, 40, None, "Identifié", None, None,
     "offert", "Belgique", "français", "Soin", "Peau sensible, produits naturels"],
    ["Nina Faure", "TikTok", "@nina.faure", "18,7 k", "11,2 %", 1900, 200, "12 k", "En négociation", "25/01/2026",
     "27/01/2026", "300-500 €", "France", "français", "Beauté", "Skincare pour peaux mates"],
    ["Jade Noël", "Instagram", "@jade.noel", "16 k", "15,2 %", 2300, 130, None, "A répondu", "29/01/2026",
     "01/02/2026", "250 €", "France", "français", "Soin", "Peau acnéique, conseils naturels"],
    ["Sarah Lefèvre", "Instagram", "@sarah.lfv", "34 k", "1,2 %", 380, 12, None, "Identifié", None, None,
     "600 €", "France", "français", "Mode, beauté", "Mode et beauté"],
]
EN_HEADERS = ["Name", "Platform", "Handle", "Followers", "ER", "Avg Likes", "Avg Comments", "Avg Views", "Status",
              "Date Contacted", "Reply Date", "Rate", "Country", "Language", "Category", "Bio"]
EN_ROWS: list[list[object]] = [
    ["Jake Turner", "TikTok", "@jaketrains", "120K", "6.2%", 7000, 400, "60K", "Contacted", "02/03/2026", "",
     "$900", "United States", "English", "Fitness", "Running tips"],
    ["Amelia Clarke", "Instagram", "@ameliaruns", "88K", "2.9%", 2400, 150, "", "Replied", "01/20/2026",
     "01/25/2026", "£1,200", "United Kingdom", "English", "Running", "London runner, trail & road"],
    ["Ethan Brooks", "TikTok", "@ethan_hoops", "1.4M", "18.8%", 330000, 13000, "600K", "Prospect", "", "",
     "$2,800", "United States", "English", "Fitness", "Hoops & gym"],
    ["Lucas Martinez", "Instagram", "@lucasmruns", "110K", "2.6%", 2700, 160, "", "Negotiating", "01/22/2026",
     "01/26/2026", "$1,800-2,200", "United States", "English", "Running", "Sub-3 marathoner"],
    ["Daniel Kim", "Instagram", "@dkcycles", "67K", "1.3%", 800, 70, "", "Contacted", "01/11/2026", "",
     "$1,000", "United States", "English", "Fitness", "Gym and road cycling"],
    ["Olivia Bennett", "Instagram", "@liv.lifts", "12.8K", "7.4%", 900, 45, "", "Replied", "01/02/2026",
     "01/03/2026", "gifted", "United Kingdom", "English", "Gym", "Powerlifting, Manchester"],
]
BRAND_FR = """name = "Maison Lumière"
description = "Cosmétiques naturels fabriqués en France."
values = [{ term = "vegan", weight = 3 }, { term = "naturel", weight = 2, synonyms = ["bio"] }]
themes = [{ term = "soin", weight = 3, synonyms = ["skincare"] }, { term = "beauté", weight = 2 }]
platforms = ["instagram", "tiktok"]
tiers = ["micro", "mid"]
countries = ["France", "Belgique"]
languages = ["fr"]
min_engagement = "2 %"
exclusions = ["casino"]
[budget]
per_post = "1 000 €"
currency = "EUR"
[compliance]
rules = ["fr"]
"""
BRAND_EN = """name = "Stride Athletics"
description = "Performance sportswear."
values = [{ term = "performance", weight = 2 }]
themes = [{ term = "running", weight = 3, synonyms = ["runner", "marathon"] }, { term = "fitness", weight = 3, synonyms = ["gym"] }]
platforms = ["instagram", "tiktok", "youtube"]
tiers = ["micro", "mid"]
countries = ["United States", "United Kingdom"]
languages = ["en"]
min_engagement = "2%"
[budget]
per_post = "$1,500"
currency = "USD"
[compliance]
rules = ["us", "uk"]
"""
POSTS_FR: list[list[object]] = [
    ["Nom", "Réseau", "Compte", "Lien du post", "Légende", "Date de publication", "Vues", "J'aime", "Commentaires",
     "Coût", "Code promo"],
    ["Inès Martin", "Instagram", "@ines.beaute", "https://www.instagram.com/p/INES0001/",
     "Publicité | Mon sérum préféré de @maisonlumiere", "20/01/2026", 18500, 1450, 96, "400 €", "INES15"],
    ["Nina Faure", "TikTok", "@nina.faure", "https://www.tiktok.com/@nina.faure/video/7300000000000000002",
     "Ce sérum merci @maisonlumiere #gifted", "09/02/2026", 45000, 5200, 310, "400 €", "NINA10"],
]
POSTS_EN: list[list[object]] = [
    ["Creator", "Platform", "Handle", "Post URL", "Caption", "Published", "Views", "Likes", "Comments", "Cost",
     "Promo code"],
    ["Olivia Bennett", "Instagram", "@liv.lifts", "https://www.instagram.com/p/LIVLIFT1/",
     "Loving my new lifting shorts from @strideathletics #gifted", "01/12/2026", 5400, 820, 33, "", "LIVLIFTS10"],
    ["Jake Turner", "YouTube", "@jaketrains", "https://youtu.be/jakevideo01",
     "Leg day with my partner @strideathletics", "02/04/2026", 16000, 1300, 140, "$800", "JAKE10"],
]
ORDERS_HEADERS = ["Name", "Financial Status", "Currency", "Subtotal", "Total", "Discount Code", "Created at"]

# snake_case: an internal code (er_high, min_engagement, fit_score, avg_views)
CODE = re.compile(r"(?<![\w./@#:=-])[a-z]+_[a-z_]+\b(?![\w./@-])")
ALLOWED = re.compile(r"https?://\S+|[\w.+-]+@[\w.-]+|@[\w.]+|\S+\.(?:csv|xlsx|md|html|toml)\b")


def _xlsx(path: Path, rows: list[list[object]], title: str = "Prospects") -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(path)


def _orders(path: Path, codes: list[str], currency: str) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(ORDERS_HEADERS)
        for n, code in enumerate(codes):
            w.writerow([f"#{1000 + n}", "paid", currency, "49.90", "49.90", code, "2026-02-08 10:00:00 +0100"])


def _run(*args: str) -> None:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (args, result.stdout, result.stderr)


def _texts(path: Path) -> Iterator[tuple[str, str]]:
    """(where, text) of everything a person reads in an output file."""
    if path.suffix == ".xlsx":
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            yield f"{path.name}!{ws.title}", ws.title
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        yield f"{path.name}!{ws.title}!{cell.coordinate}", cell.value
        return
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", "\n", text))
    for n, line in enumerate(text.splitlines(), 1):
        yield f"{path.name}:{n}", line


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The whole chain in French and in English; lang -> the folder of the client outputs."""
    out: dict[str, Path] = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("INFLUKIT_TODAY", "2026-02-10")
        cases: list[tuple[str, list[str], list[list[object]], str, list[list[object]], str, str]] = [
            ("fr", FR_HEADERS, FR_ROWS, BRAND_FR, POSTS_FR, "printemps26", "EUR"),
            ("en", EN_HEADERS, EN_ROWS, BRAND_EN, POSTS_EN, "spring26", "USD")]
        for lang, headers, rows, brand_text, posts, campaign, currency in cases:
            d = tmp_path_factory.mktemp(f"words_{lang}")
            mp.setenv("INFLUKIT_DB", str(d / "ws.db"))
            sheet, brand, posts_file, orders = d / "prospects.xlsx", d / "brand.toml", d / "posts.xlsx", d / "o.csv"
            _xlsx(sheet, [list[object](headers), *rows])
            brand.write_text(brand_text, encoding="utf-8")
            _xlsx(posts_file, list(posts), "Publications" if lang == "fr" else "Posts")
            _orders(orders, [str(r[-1]) for r in posts[1:]] * 3, currency)
            db = str(d / "ws.db")
            c = ["--campaign", campaign, "--db", db, "-q"]
            _run("campaign", "new", campaign, "--brand", str(brand), "--db", db)
            _run("enrich", str(sheet), "--offline", *c)
            _run("score", "--brand", str(brand), "-o", str(d / "scored.xlsx"), *c)
            for ext in ("md", "html", "xlsx"):
                _run("shortlist", "--top", "10", "-o", str(d / f"shortlist.{ext}"), *c)
            _run("shortlist", "--top", "10", "-o", str(d / "s2.md"), "--cards", str(d / "cards"), *c)
            for ext in ("md", "html", "xlsx"):
                _run("report", str(posts_file), "--orders", str(orders), "--brand", str(brand), "--offline",
                     "-o", str(d / f"report.{ext}"), *c)
            out[lang] = d
    return out


def _client_texts(d: Path) -> Iterator[tuple[str, str]]:
    for name in ("shortlist.md", "shortlist.html", "shortlist.xlsx", "report.md", "report.html", "report.xlsx"):
        yield from _texts(d / name)
    for card in sorted((d / "cards").iterdir()):
        yield from _texts(card)
    # the score's reasons and price method, which the shortlist and the cards quote
    wb = openpyxl.load_workbook(d / "scored.xlsx")
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    for column in ("reasons", "price_method", "flag_reasons", "er_method"):
        if column in header:
            k = header.index(column)
            for row in ws.iter_rows(min_row=2):
                if isinstance(row[k].value, str):
                    yield f"scored.xlsx!{column}!{row[k].coordinate}", row[k].value


HANDLES = re.compile("|".join(re.escape(str(r[2]).lstrip("@")) for r in FR_ROWS + EN_ROWS))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_internal_code_reaches_a_client_output(runs: dict[str, Path], lang: str) -> None:
    found = []
    for where, text in _client_texts(runs[lang]):
        for m in CODE.finditer(HANDLES.sub(" ", ALLOWED.sub(" ", text))):
            found.append(f"{where}: {m.group()} in {text[:120]!r}")
    assert not found, "\n".join(found[:20])


def test_the_scanner_sees_a_code() -> None:
    assert CODE.search("over 3x the benchmark (er_high): not rewarded")
    assert CODE.search("- **min_engagement**: 2.00%")
    assert not CODE.search(ALLOWED.sub(" ", "@chloe_skin https://www.instagram.com/chloe_skin/ a_b@ex.com"))


@pytest.mark.parametrize(("lang", "number_format"), [("fr", "dd/mm/yyyy"), ("en", "yyyy-mm-dd")])
def test_report_xlsx_dates_follow_the_reports_language(runs: dict[str, Path], lang: str, number_format: str) -> None:
    wb = openpyxl.load_workbook(runs[lang] / "report.xlsx")
    dates = [(ws.title, c.coordinate, c.number_format) for ws in wb.worksheets for row in ws.iter_rows()
             for c in row if c.is_date]
    assert dates, "the report has date cells (published on)"
    assert {f for _, _, f in dates} == {number_format}, dates


@pytest.mark.parametrize(("name", "expected"), [
    ("Instagram", "Déplacer du budget d'Instagram"), ("Élodie", "Déplacer du budget d'Élodie"),
    ("@anna.b", "Déplacer du budget de @anna.b"), ("YouTube", "Déplacer du budget de YouTube"),
    ("TikTok", "Déplacer du budget de TikTok"), ("Hugo", "Déplacer du budget de Hugo")])
def test_french_sentences_elide_de_before_a_vowel(name: str, expected: str) -> None:
    from influkit.campaign.report_text import SENTENCES, elide, say

    slots = set(re.findall(r"\{(\w+)\}", SENTENCES["budget_shift"][0]))
    values = {**{s: "1" for s in slots}, "worst": name}
    text = say("budget_shift", "fr", **values)
    assert text.startswith(expected + " "), text
    assert say("budget_shift", "en", **values).count(name) == 1
    assert elide("que {x} et le {y}", {"x": "Océane", "y": "avis"}) == "qu'{x} et l'{y}"
    assert elide("le {y} de {z}", {"y": "1 200 €", "z": ""}) == "le {y} de {z}"


def test_french_stage_and_funnel_words_are_plain_french(runs: dict[str, Path]) -> None:
    from influkit.labels import report_label, stage_word

    assert stage_word("negotiating", "fr") == "En négociation" and stage_word("identified", "fr") == "Identifié"
    assert report_label("outreach_funnel", "fr") == "Entonnoir de prospection"
    assert report_label("top_of_funnel", "fr") == "haut de l'entonnoir"
    text = "\n".join(t for _, t in _client_texts(runs["fr"]))
    assert "En négo " not in text and "En négo|" not in text and "Repéré" not in text and "funnel" not in text.lower()


def test_english_reasons_write_percentages_the_english_way(runs: dict[str, Path]) -> None:
    text = "\n".join(t for _, t in _client_texts(runs["en"]))
    assert "over 3x" in text  # the pods flag and its reason are there
    spaced = re.findall(r"\d %", text)
    assert not spaced, [line for line in text.splitlines() if re.search(r"\d %", line)][:5]
    assert not re.search(r"\b0 ?% above", text) and "(-0)" not in text


def test_a_quote_a_hair_above_the_fair_band_gives_no_reason() -> None:
    from influkit.brand import parse_brand
    from influkit.fit import RowScore, _cost

    brand = parse_brand(BRAND_EN)
    for quote in (2553.4, 2554.0, 2560.0):  # 0.0%, 0.04%, 0.3% over the top
        r = RowScore()
        _cost(r, {"price_quoted": quote, "currency": "USD", "est_price_low": 1000.0, "est_price_high": 2553.0,
                  "price_currency": "USD"}, brand)
        assert not [k for _, k, _ in r.notes if k.startswith("over_band")], (quote, r.notes)
    r = RowScore()
    _cost(r, {"price_quoted": 2700.0, "currency": "USD", "est_price_low": 1000.0, "est_price_high": 2553.0,
              "price_currency": "USD"}, brand)
    assert [k for _, k, _ in r.notes if k == "over_band"]


def test_english_compliance_messages_read_as_english() -> None:
    from influkit.campaign.rules import MESSAGES

    late = MESSAGES[("FR-02", "late")]["en"]
    assert late.endswith("it is neither clear nor immediate") and "'clear'" not in late


def test_french_outputs_say_te_and_put_a_space_before_the_colon(runs: dict[str, Path]) -> None:
    """French: "TE" or "taux d'engagement", never the English "ER"; "**Période** :", never "**Période**:"."""
    said_er, tight = [], []
    for where, text in _client_texts(runs["fr"]):
        if re.search(r"\bER\b", text):
            said_er.append(f"{where}: {text[:120]!r}")
        if re.search(r"\*\*[^*\n]+\*\*:|\*\*[^*\n]+[^ *]:\*\*", text):
            tight.append(f"{where}: {text[:120]!r}")
    assert not said_er, "\n".join(said_er[:10])
    assert not tight, "\n".join(tight[:10])


def test_english_outputs_use_english_punctuation(runs: dict[str, Path]) -> None:
    """English: "; " and ":" with no space before them (the French " ; " and " :" never)."""
    found = [f"{where}: {m.group()!r}" for where, text in _client_texts(runs["en"])
             for m in re.finditer(r".{0,30}\s[;:](?!/).{0,30}", text)]
    assert not found, "\n".join(found[:10])


def test_every_tab_of_the_client_workbooks_is_in_the_runs_language(runs: dict[str, Path]) -> None:
    tabs = {lang: [t for name in ("shortlist.xlsx", "report.xlsx")
                   for t in openpyxl.load_workbook(runs[lang] / name).sheetnames] for lang in ("fr", "en")}
    assert tabs["fr"][:2] == ["Sélection", "Profil et méthode"] and tabs["en"][:2] == ["Shortlist", "Brand and method"]
    from influkit.labels import REPORT_LABELS

    for lang, pick in (("fr", 0), ("en", 1)):  # each tab is a label of the table, in the run's language
        assert set(tabs[lang]) <= {pair[pick] for pair in REPORT_LABELS.values()}, tabs[lang]
    assert len(set(tabs["fr"]) - set(tabs["en"])) >= len(tabs["fr"]) - 1, tabs  # ("3. Conclusion" in both)


def test_the_shortlist_page_is_titled_in_the_runs_language(runs: dict[str, Path]) -> None:
    """Found by a new user: a French shortlist page (`<html lang="fr">`) was titled "Shortlist — Maison
    Sève"; its title and heading are the xlsx tab's word: "Sélection" in French, "Shortlist" in English."""
    for lang, word in (("fr", "Sélection — "), ("en", "Shortlist — ")):
        page = (runs[lang] / "shortlist.html").read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", page)
        assert title is not None and html.unescape(title.group(1)).startswith(word), title
        assert (runs[lang] / "shortlist.md").read_text(encoding="utf-8").startswith(f"# {word}")
