"""The items of every list a client reads are separated the language's way (`labels.semicolon`: " ; " in
French, "; " in English), and influkit reads its own lists back whichever separator they have (found by
the account managers of a French agency: score reasons, the shortlist, the cards, the "Raisons du score"
column and the profile's "valeurs" line said "a; b" in French)."""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).parent))

import influkit  # noqa: E402
from influkit import labels as L  # noqa: E402
from influkit.io.write import write_table  # noqa: E402
from influkit.pipeline import read_table  # noqa: E402
from influkit.selection import write_shortlist  # noqa: E402
from influkit.updates import note_like_column  # noqa: E402
from sheetmaker import xlsx  # noqa: E402

BRAND = """name = "Maison Sève"
values = [{ term = "vegan", weight = 3, synonyms = ["végane"] }, "bio", "zéro déchet"]
themes = ["skincare", "beauté"]
platforms = ["instagram"]
tiers = ["micro"]
[budget]
per_post = "800 €"
"""

FR: list[list[Any]] = [["Nom", "Pseudo", "Réseau", "Abonnés", "Likes moyens", "Tarif", "Commentaires", "Bio"],
      ["Léa Vernoux", "@lea.vernoux", "Instagram", "12,5 k", 480, "350 €", "vegan et bio", "skincare zéro déchet"],
      ["Chloé Martin", "@chloe.green", "Instagram", "23,8 k", 850, "500 €", "beauté naturelle", "vegan"],
      ["Inès B.", "@ines.b", "Instagram", "beaucoup", "x", "1 200 €", "skincare", None]]
EN: list[list[Any]] = [["Name", "Handle", "Platform", "Followers", "Avg likes", "Rate", "Notes", "Bio"],
      *FR[1:]]

# an item separator that is not the language's: "a; b" in French (no space before), "a ; b" in English
WRONG = {"fr": re.compile(r"[^ ;]; "), "en": re.compile(r" ; ")}


def _lists_ok(text: str, lang: str) -> None:
    assert L.semicolon(lang) in text, (lang, text)
    assert WRONG[lang].search(text) is None, (lang, text)


@pytest.fixture
def brand(tmp_path: Path) -> Path:
    path = tmp_path / "brand.toml"
    path.write_text(BRAND, encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_score_reasons_and_the_sheets_column_separate_items_the_languages_way(
        tmp_path: Path, brand: Path, lang: str) -> None:
    book = xlsx(tmp_path / f"{lang}.xlsx", {"Prospects": FR if lang == "fr" else EN})
    scored = influkit.score(str(book), brand=str(brand), store=None, in_place=True)
    reasons = [r for r in scored.get("reasons") if r]
    assert len(reasons) >= 2
    for text in reasons:
        _lists_ok(text, lang)
    # the column written into the user's own sheet ("Raisons du score" / "Score reasons") says the same
    ws = openpyxl.load_workbook(book)["Prospects"]
    header = [c.value for c in ws[1]]
    column = header.index(L.label("reasons", lang))
    written = [row[column].value for row in ws.iter_rows(min_row=2) if row[column].value]
    assert written and all(isinstance(t, str) for t in written)
    for text in written:
        _lists_ok(text, lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_shortlist_reasons_and_profile_values_separate_items_the_languages_way(
        tmp_path: Path, brand: Path, lang: str) -> None:
    book = xlsx(tmp_path / "fr.xlsx", {"Prospects": FR})
    chosen = influkit.shortlist(str(book), brand=str(brand), store=None, top=5, lang=lang)
    values = dict((str(k), v) for k, v in chosen.profile_rows or [])[L.setting_word("values", lang)]
    _lists_ok(str(values), lang)  # "vegan (x3) = végane ; bio (x1) ; zéro déchet (x1)"
    for fmt in ("md", "html", "xlsx"):
        out = tmp_path / f"shortlist.{fmt}"
        write_shortlist(chosen, str(out), title=chosen.title, profile_rows=chosen.profile_rows,
                        method=chosen.method, lang=lang)
        if fmt == "xlsx":
            book_out = openpyxl.load_workbook(out)
            texts = [str(c.value) for ws in book_out.worksheets for row in ws.iter_rows() for c in row
                     if isinstance(c.value, str) and ";" in c.value]
        else:
            texts = [line for line in out.read_text(encoding="utf-8").splitlines() if ";" in line
                     and not line.startswith(("body{", "table{", "th{", ".card{", ".score{"))]
        assert texts, fmt
        for text in texts:
            assert WRONG[lang].search(text.replace("&#x27;", "'")) is None, (fmt, text)
    for card in chosen.cards():
        _lists_ok(dict(card.facts())[L.report_label("reasons", lang)], lang)


def test_prose_cells_read_back_with_either_separator() -> None:
    english = "followers: could not read 'beaucoup'; avg_likes: could not read 'x'"
    french = "Abonnés : impossible de lire 'beaucoup' ; Likes moyens : impossible de lire 'x'"
    assert L.prose(english, "fr", issues=True) == french
    assert L.prose(french, "en", issues=True) == english
    # a French cell written by an earlier influkit ("; ") or edited by hand reads back the same
    older = french.replace(" ; ", "; ")
    assert L.prose(older, "en", issues=True) == english
    assert L.prose(older, "fr", issues=True) == french
    assert L.items("a ; b; c") == ["a", "b", "c"] and "".join(L.split_items("a ; b; c")) == "a ; b; c"


def test_reading_issues_of_a_french_sheet_and_read_back_in_english(tmp_path: Path) -> None:
    book = xlsx(tmp_path / "fr.xlsx", {"Prospects": FR})
    out = tmp_path / "fr.enriched.csv"
    write_table(influkit.enrich(str(book), store=None, offline=True), str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    issues = next(r["issues"] for r in rows if r["handle"] == "ines.b")
    _lists_ok(issues, "fr")
    assert issues.count(" : ") >= 2  # two entries, each "column : sentence"
    back = tmp_path / "back.csv"
    write_table(influkit.enrich(str(out), store=None, offline=True, lang="en"), str(back))
    again = next(r["issues"] for r in csv.DictReader(back.open(encoding="utf-8")) if r["handle"] == "ines.b")
    _lists_ok(again, "en")
    assert "could not read 'beaucoup'" in again and "impossible" not in again


def test_a_note_added_on_one_line_uses_the_languages_separator(tmp_path: Path) -> None:
    book = xlsx(tmp_path / "fr.xlsx", {"Prospects": [[*FR[0], "Date 1er contact"], [*FR[1], "04/02/2026"]]})
    table = read_table(str(book))
    assert note_like_column(table, 0, dt.date(2026, 12, 1), "ok pour 2 vidéos") == \
        "vegan et bio ; 01/12/2026 : ok pour 2 vidéos"
