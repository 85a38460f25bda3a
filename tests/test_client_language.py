"""What a client reads follows the language of the run (the sheet's, or --lang): dates in the workbooks
influkit writes (real Excel dates, day first in French), French labels without the English "ER", tabs named
in the language, the colon and semicolon of each language, sentences that read naturally in English, and
sentences stored by an earlier influkit still read in both languages. Real sheets (openpyxl), real SQLite
workspaces, the command line as a user runs it."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

import influkit
from influkit.cli.app import app
from sheetmaker import xlsx

runner = CliRunner()

# A French and an English prospect list, each with dates written as text and as Excel date cells
FR_HEADERS = ["Nom", "Lien", "Abonnés", "Likes moyens", "Commentaires moyens", "Statut", "Date de contact",
              "Date de réponse", "Dernière publication", "Remarques"]
EN_HEADERS = ["Name", "Link", "Followers", "Avg likes", "Avg comments", "Status", "Contacted on", "Replied on",
              "Last post", "Notes"]
ROWS: list[list[Any]] = [
    ["Léa Vernoux", "https://www.instagram.com/lea.vernoux/", 45200, 1800, 60, "A répondu", "05/01/2026",
     dt.datetime(2026, 1, 9), dt.datetime(2026, 1, 28), "très bon fit"],
    ["Tom Bleu", "https://www.tiktok.com/@tombleu", 1200000, 50000, 900, "Contacté", "03/02/2026", None,
     dt.datetime(2026, 2, 2), None],
    ["Zoé Martin", "https://www.youtube.com/@zoemartin", 88000, 2100, 140, None, None, None, None, "à relancer"],
]


def _book(path: Path, headers: list[str], rows: list[list[Any]], title: str = "Prospects") -> Path:
    return xlsx(path, {title: [list(headers), *rows]})


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


def _date_cells(path: Path) -> list[tuple[str, str, Any, str]]:
    """(tab, header, value, number format) of every date cell of a workbook."""
    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        headers = [c.value for c in ws[1]]
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if cell.is_date:
                    out.append((ws.title, str(headers[cell.column - 1]), cell.value, cell.number_format))
    return out


# ------------------------------------------------------------------------------------------------ dates


@pytest.mark.parametrize(("headers", "lang", "expected"), [
    (FR_HEADERS, None, "dd/mm/yyyy"),  # a French sheet: day first
    (EN_HEADERS, "fr", "dd/mm/yyyy"),  # --lang fr on an English sheet: day first
    (FR_HEADERS, "en", "yyyy-mm-dd"),  # --lang en: ISO, which a US and a UK reader read alike
    (EN_HEADERS, None, "yyyy-mm-dd"),
])
def test_the_enriched_workbooks_dates_follow_the_language(tmp_path: Path, headers: list[str], lang: str | None,
                                                          expected: str) -> None:
    sheet = _book(tmp_path / "list.xlsx", headers, ROWS)
    out = tmp_path / "out.xlsx"
    _run("enrich", str(sheet), "--offline", "--no-store", "-q", "-o", str(out), *(["--lang", lang] if lang else []))
    cells = _date_cells(out)
    by_column: dict[str, list[Any]] = {}
    for _, header, value, number_format in cells:
        assert number_format == expected, (header, value, number_format)
        by_column.setdefault(header, []).append(value)
    # real Excel dates (not text), the days the sheet said (text or date cells), day first as the sheet wrote
    assert by_column["contacted_on"] == [dt.datetime(2026, 1, 5), dt.datetime(2026, 2, 3)]
    assert by_column["replied_on"] == [dt.datetime(2026, 1, 9)]
    assert by_column["last_post_on"] == [dt.datetime(2026, 1, 28), dt.datetime(2026, 2, 2)]


def test_a_french_check_workbook_shows_its_dates_day_first(tmp_path: Path) -> None:
    posts = _book(tmp_path / "posts.xlsx", ["Réseau", "Lien du post", "Légende", "Date de publication"], [
        ["Instagram", "https://www.instagram.com/p/AAA111/", "Publicité | mon sérum @marque", "20/01/2026"],
        ["TikTok", "https://www.tiktok.com/@lea/video/7300000000000000001", "merci @marque", dt.datetime(2026, 2, 9)],
    ], "Publications")
    from influkit.labels import check_label

    for lang, expected in (("fr", "dd/mm/yyyy"), ("en", "yyyy-mm-dd")):
        out = tmp_path / f"check_{lang}.xlsx"
        _run("check", str(posts), "--lang", lang, "-o", str(out), "-q")
        cells = _date_cells(out)
        ours = [c for c in cells if c[1] == check_label("published_on", lang)]  # the check's own dates
        assert ours and {c[3] for c in ours} == {expected}, cells
        assert dt.datetime(2026, 1, 20) in {c[2] for c in ours}
        # the sheet's own column, kept as it is, shows its date cell in the sheet's format (openpyxl's)
        kept = {c[2]: c[3] for c in cells if c not in ours}
        assert kept[dt.datetime(2026, 2, 9)] == "yyyy-mm-dd h:mm:ss", cells


def _cells(path: Path) -> dict[tuple[str, str], tuple[Any, str]]:
    wb = openpyxl.load_workbook(path)
    return {(ws.title, c.coordinate): (c.value, c.number_format) for ws in wb.worksheets for row in ws.iter_rows()
            for c in row}


@pytest.mark.parametrize(("headers", "lang", "expected"), [
    (["Nom", "Lien", "Abonnés", "Statut", "Date de signature", "Remarques"], None, "dd/mm/yyyy"),
    (["Nom", "Lien", "Abonnés", "Statut", "Signé le", "Remarques"], None, "dd/mm/yyyy"),
    (["Name", "Link", "Followers", "Status", "Deal date", "Notes"], "fr", "dd/mm/yyyy"),
    (["Name", "Link", "Followers", "Status", "Deal date", "Notes"], None, "yyyy-mm-dd"),
])
def test_set_writes_a_date_into_an_empty_date_column_of_the_users_the_languages_way(
        tmp_path: Path, headers: list[str], lang: str | None, expected: str) -> None:
    """The sheet's own deal-date column has no date yet (no date cell to copy the format of): the date
    `set --sheet` writes into it is a real date, day first in French; nothing else of the sheet changes."""
    sheet = _book(tmp_path / "list.xlsx", headers, [
        ["Léa Vernoux", "https://www.instagram.com/lea.vernoux/", 45200, "Contacté", None, "relancée"],
        ["Tom Bleu", "https://www.tiktok.com/@tombleu", 1200000, None, None, None],
    ])
    db = str(tmp_path / "ws.db")
    _run("enrich", str(sheet), "--offline", "--db", db, "-q", "-o", str(tmp_path / "e.csv"))
    before = _cells(sheet)
    _run("set", "lea.vernoux", "--stage", "deal", "--on", "2026-03-20", "--sheet", str(sheet), "--db", db, "-q",
         *(["--lang", lang] if lang else []))
    after = _cells(sheet)
    changed = {k: v for k, v in after.items() if before.get(k) != v}
    assert changed.pop(("Prospects", "E2")) == (dt.datetime(2026, 3, 20), expected)
    assert set(changed) <= {("Prospects", "D2")}  # the stage, and nothing else
    assert changed[("Prospects", "D2")][0] in ("Signé", "Signed")


# --------------------------------------------------------------------------------- tabs and labels


def test_every_tab_of_a_french_client_workbook_is_named_in_french(tmp_path: Path) -> None:
    from influkit.labels import REPORT_LABELS

    sheet = _book(tmp_path / "list.xlsx", FR_HEADERS, ROWS)
    brand = tmp_path / "brand.toml"
    brand.write_text('name = "Maison"\nthemes = ["soin"]\n', encoding="utf-8")
    posts = _book(tmp_path / "posts.xlsx", ["Réseau", "Lien du post", "Légende", "Date de publication"], [
        ["Instagram", "https://www.instagram.com/p/AAA111/", "Publicité | mon sérum @marque", "20/01/2026"]],
        "Publications")
    tabs: dict[str, list[str]] = {}
    for lang in ("fr", "en"):
        short, check = tmp_path / f"short_{lang}.xlsx", tmp_path / f"check_{lang}.xlsx"
        _run("shortlist", str(sheet), "--brand", str(brand), "--no-store", "--lang", lang, "-o", str(short), "-q")
        _run("check", str(posts), "--lang", lang, "-o", str(check), "-q")
        tabs[lang] = [*openpyxl.load_workbook(short).sheetnames, *openpyxl.load_workbook(check).sheetnames]
    assert tabs["fr"] == ["Sélection", "Profil et méthode", "Contrôle des mentions"]
    assert tabs["en"] == ["Shortlist", "Brand and method", "Disclosure check"]
    # each from the labels table, in both languages
    french = {fr for fr, _ in REPORT_LABELS.values()}
    assert set(tabs["fr"]) <= french and not set(tabs["fr"]) & set(tabs["en"])


def test_no_french_label_or_sentence_says_er() -> None:
    """The French side of every table of words a client reads: "TE" or "taux d'engagement", never "ER"."""
    from influkit import fit, labels
    from influkit.campaign import report_text

    tables: dict[str, Any] = {
        "LABELS": labels.LABELS, "REPORT_LABELS": labels.REPORT_LABELS, "CHECK_LABELS": labels.CHECK_LABELS,
        "MESSAGES": labels.MESSAGES, "fit.REASONS": fit.REASONS, "fit.WORDS": fit.WORDS,
        "report_text.SENTENCES": report_text.SENTENCES,
    }
    found = [f"{name}[{key!r}]: {pair[0]!r}" for name, table in tables.items() for key, pair in table.items()
             if re.search(r"\bER\b", str(pair[0]))]
    assert not found, "\n".join(found)
    assert labels.label("er_vs_tier", "fr") == "TE / médiane du palier"


def test_a_sheet_enriched_in_place_with_the_former_french_er_labels_is_updated_not_doubled(tmp_path: Path) -> None:
    """A sheet enriched before still has influkit's columns under "ER / médiane du palier" and "Percentile
    d'ER": the next run finds them as its own and renames them, it does not add a second column."""
    sheet = _book(tmp_path / "list.xlsx", FR_HEADERS, ROWS)
    _run("enrich", str(sheet), "--in-place", "--offline", "--no-store", "-q")
    wb = openpyxl.load_workbook(sheet)
    ws = wb.active
    assert ws is not None
    headers = [c.value for c in ws[1]]
    assert "TE / médiane du palier" in headers
    for cell in ws[1]:  # as an older influkit labelled them
        cell.value = {"TE / médiane du palier": "ER / médiane du palier",
                      "Percentile du taux d'engagement": "Percentile d'ER"}.get(str(cell.value), cell.value)
    wb.save(sheet)
    _run("enrich", str(sheet), "--in-place", "--offline", "--no-store", "-q")
    again = [c.value for c in openpyxl.load_workbook(sheet).worksheets[0][1]]
    assert again == headers


# ---------------------------------------------------------------------------------------- typography


def test_labels_are_joined_the_languages_way() -> None:
    from influkit.labels import colon, semicolon

    assert f"**Période**{colon('fr')} 01/02/2026" == "**Période** : 01/02/2026"
    assert f"**Period**{colon('en')} 2026-02-01" == "**Period**: 2026-02-01"
    assert semicolon("fr") == " ; " and semicolon("en") == "; "


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_shortlists_brand_profile_joins_its_labels_the_languages_way(tmp_path: Path, lang: str) -> None:
    sheet = _book(tmp_path / "list.xlsx", FR_HEADERS, ROWS)
    brand = tmp_path / "brand.toml"
    brand.write_text('name = "Maison"\nthemes = ["soin"]\nmin_engagement = "2 %"\n', encoding="utf-8")
    md = tmp_path / "s.md"
    _run("shortlist", str(sheet), "--brand", str(brand), "--no-store", "--lang", lang, "-o", str(md), "-q")
    text = md.read_text(encoding="utf-8")
    bold = re.findall(r"\*\*[^*\n]+\*\*( ?):", text)
    assert bold, text  # the profile's settings, at least
    assert set(bold) == ({" "} if lang == "fr" else {""}), text


def test_english_sources_are_separated_the_english_way() -> None:
    from influkit.campaign.rules import RULES, cite

    for rule in RULES:
        english, french = cite(rule, "en"), cite(rule, "fr")
        assert " ; " not in english and " :" not in english, (rule, english)
        assert not re.search(r"\S;", french), (rule, french)
    assert any("16 CFR 255 (2023); FTC, Disclosures 101" in cite(r, "en") for r in RULES)
    assert any("16 CFR 255 (2023) ; FTC, Disclosures 101" in cite(r, "fr") for r in RULES)


# ------------------------------------------------------------------------------ English sentences


def test_the_benchmark_sentence_reads_naturally_in_english_and_french(tmp_path: Path) -> None:
    """A TikTok account of 1.2M followers with an engagement by views over 3x the average TikTok account's
    (a rate far over the band's 'good' level only is no flag: thresholds.er_high_reference)."""
    sheet = _book(tmp_path / "list.xlsx", ["Name", "Link", "Followers", "Avg likes", "Avg comments", "Avg views"], [
        ["Tom Blue", "https://www.tiktok.com/@tomblue", 1_200_000, 330_000, 13_000, 600_000],
        ["Amy Low", "https://www.instagram.com/amy.low/", 67_000, 800, 70, None]])
    en = influkit.enrich(str(sheet), offline=True, store=None, lang="en").get("flag_reasons")
    fr = influkit.enrich(str(sheet), offline=True, store=None, lang="fr").get("flag_reasons")
    assert re.fullmatch(r"engagement by views [\d.]+% is over 3x the average for all TikTok accounts "
                        r"\(17\.50%\): engagement pods or giveaways\?", en[0]), en[0]
    assert re.fullmatch(r"engagement by followers [\d.]+% is under 0\.5x the median for Instagram accounts of "
                        r"[\d,]+\+ followers \([\d.]+%\): ghost or bought followers\?", en[1]), en[1]
    assert re.fullmatch(r"engagement par vues [\d,]+ % à plus de 3x la moyenne TikTok de tous les comptes "
                        r"\(17,50 %\) : pods d'engagement ou concours \?", fr[0]), fr[0]
    assert "la médiane Instagram des comptes de" in fr[1]


def test_the_score_reason_names_the_benchmark_in_words() -> None:
    from influkit.fit import say

    en = say("er_ratio", "en", ratio=("x", 1.8), platform=("platform", "tiktok"), basis="good")
    fr = say("er_ratio", "fr", ratio=("x", 1.8), platform=("platform", "tiktok"), basis="good")
    assert en == "ER 1.8x the TikTok benchmark ('good' level)"
    assert fr == "TE 1,8x le repère TikTok (bon niveau)"
    assert say("er_ratio", "en", ratio=("x", 0.9), platform=("platform", "instagram"), basis="median") == (
        "ER 0.9x the Instagram benchmark (median)")


# British spellings, with the American ones they must not be mixed with
_AMERICAN = re.compile(r"\b(?:[Ff]avorite|[Cc]olor|[Bb]ehavior|[Aa]nalyz\w*|[Oo]rganiz\w*|[Ss]ummariz\w*|"
                       r"[Rr]ecogniz\w*|[Cc]enter|[Cc]anceled|[Ll]abeled|[Mm]odeled|[Cc]atalog\b|[Pp]rogram\b|"
                       r"[Jj]udgment|[Nn]eighbor\w*|[Hh]onor\w*)\b")


def test_english_words_are_british_everywhere_a_client_reads_them() -> None:
    """README: influkit's English is British (favourite, colour, analyse, cancelled); the English side of
    every table of words, and the sentences of the flags, say it one way."""
    from influkit import fit, labels
    from influkit.campaign import report_text
    from influkit.thresholds import FLAGS

    texts = [pair[1] for table in (labels.LABELS, labels.REPORT_LABELS, labels.CHECK_LABELS, labels.MESSAGES,
                                   fit.REASONS, fit.WORDS, report_text.SENTENCES)
             for pair in table.values()] + [f.reason for f in FLAGS.values()]
    found = sorted({m.group() for t in texts for m in _AMERICAN.finditer(str(t))})
    assert not found, found
    assert labels.report_label("favourite_network", "en") == "Favourite network"


# ------------------------------------------------------------------- sentences an older influkit stored


def _store_flag(db: str, handle: str, reason: str) -> None:
    """Write `reason` as the flag sentence of `handle` in the workspace's saved list (as an older influkit
    wrote it), straight into the SQLite file."""
    con = sqlite3.connect(db)
    try:
        columns = json.loads(con.execute("SELECT value FROM list_meta WHERE key = 'columns'").fetchone()[0])
        k, h = columns.index("flag_reasons"), columns.index("handle")
        for campaign, first, rows in con.execute("SELECT campaign_id, first_position, rows FROM list_chunks"
                                                 ).fetchall():
            chunk = json.loads(rows)
            for i, value in enumerate(chunk["by_column"][h]):
                if value == handle:
                    chunk["by_column"][k][i] = reason
            con.execute("UPDATE list_chunks SET rows = ? WHERE campaign_id = ? AND first_position = ?",
                        (json.dumps(chunk, ensure_ascii=False), campaign, first))
        con.commit()
    finally:
        con.close()


OLD_PRICE_FLAGS = [
    # English, as every influkit before 2026-12-04 wrote it: amounts with their currency codes
    "quoted 1,500 GBP is over 1.5x the fair band's top 610 GBP",
    # French, as influkit wrote it from 2026-12-01 to 2026-12-04 (its numbers' narrow no-break spaces)
    "tarif demandé 1\u202f500 GBP à plus de 1,5x le haut de la fourchette juste (610 GBP)",
    # French, as influkit writes it today, stored in a French workspace
    "tarif demandé 1\u202f500\u00a0£ à plus de 1,5x le haut de la fourchette juste (610\u00a0£)",
]


@pytest.mark.parametrize("old", OLD_PRICE_FLAGS)
def test_a_price_flag_stored_by_an_earlier_influkit_reads_in_both_languages(tmp_path: Path, old: str) -> None:
    """A list saved with its estimates in pounds, scored later for a brand in dollars: the stored price
    flag (in the old wording, in either language) says the quote as asked and the rest in dollars, in
    French and in English, like the estimates beside it."""
    sheet = _book(tmp_path / "list.xlsx", ["Name", "Link", "Followers", "Avg likes", "Avg comments", "Rate"], [
        ["Grace Evans", "https://www.instagram.com/grace.evans/", 20_000, 600, 20, "£1,500"],
        ["Noah Davis", "https://www.instagram.com/noah.davis/", 15_000, 400, 10, "£200"]])
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(sheet), offline=True, store=db)
    _store_flag(db, "grace.evans", old)
    brand = tmp_path / "brand.toml"
    brand.write_text('name = "Stride"\nthemes = ["running"]\n[budget]\nper_post = "$1,500"\ncurrency = "USD"\n',
                     encoding="utf-8")
    fr = influkit.score(store=db, brand=str(brand), lang="fr")
    en = influkit.score(store=db, brand=str(brand), lang="en")
    assert fr.get("price_currency")[0] == en.get("price_currency")[0] == "USD"
    french, english = fr.get("flag_reasons")[0], en.get("flag_reasons")[0]
    assert re.fullmatch(r"tarif demandé 1\u202f500\u00a0£ ≈ 1\u202f9\d\d\u00a0\$ à plus de 1,5x le haut de la "
                        r"fourchette juste \([\d\u202f]+\u00a0\$\)", french), french
    assert re.fullmatch(r"quoted £1,500 ≈ \$1,9\d\d is over 1\.5x the fair band's top \$[\d,]+", english), english


def test_an_engagement_flag_stored_in_the_former_english_reads_in_french_and_in_todays_english(
        tmp_path: Path) -> None:
    sheet = _book(tmp_path / "list.xlsx", ["Name", "Link", "Followers", "Avg likes", "Avg comments"], [
        ["Amy Low", "https://www.instagram.com/amy.low/", 67_000, 800, 70]])
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(sheet), offline=True, store=db)
    _store_flag(db, "amy.low", "engagement by followers 1.30% is under 0.5x of the Instagram median for 20,000+ "
                               "followers benchmark 2.63%: ghost or bought followers?")
    brand = tmp_path / "brand.toml"
    brand.write_text('name = "Stride"\nthemes = ["running"]\n', encoding="utf-8")
    assert influkit.score(store=db, brand=str(brand), lang="fr").get("flag_reasons")[0] == (
        "engagement par abonnés 1,30 % sous 0,5x la médiane Instagram des comptes de 20\u202f000+ abonnés (2,63 %) : "
        "abonnés fantômes ou achetés ?")
    assert influkit.score(store=db, brand=str(brand), lang="en").get("flag_reasons")[0] == (
        "engagement by followers 1.30% is under 0.5x the median for Instagram accounts of 20,000+ followers (2.63%): "
        "ghost or bought followers?")
