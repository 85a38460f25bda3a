"""Defects a new user found (review of the first merged state), each with its regression test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

import influkit
from influkit.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
BRAND = str(ROOT / "examples" / "brand.toml")
runner = CliRunner()


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-04-20")


def test_a_duplicate_row_never_overwrites_the_first_in_the_workspace(tmp_path: Path) -> None:
    """The first mention of an account speaks for it: the "doublon" line's stage, name and notes do not
    replace the first row's, so a creator blocked for a competitor stays blocked in the workspace."""
    sheet = tmp_path / "p.csv"
    sheet.write_text(
        "Nom,Réseau,Pseudo,Abonnés,Statut,Date de réponse,Notes\n"
        "Léa Vernoux,Instagram,lea.vernoux,24000,A répondu,15/03/2026,déjà bossé avec Typology (collab)\n"
        "Inès Benali,Instagram,ines.cuisine,9000,Contactée,,skincare vegan\n"
        "Léa Vernoux (doublon),Instagram,lea.vernoux,24000,à contacter,,doublon voir ligne 2\n",
        encoding="utf-8")
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(sheet), offline=True, store=db)
    view = influkit.creator("lea.vernoux", store=db).to_dict()
    assert view["creator"] == "Léa Vernoux"
    assert [c["stage"] for c in view["campaigns"]] == ["replied"]
    from_file = {r["handle"]: r for r in influkit.score(str(sheet), brand=BRAND, store=None).records()
                 if not r["duplicate_of"]}
    scored = influkit.score(brand=BRAND, store=db)
    lea = next(r for r in scored.records() if r["handle"] == "lea.vernoux" and not r["duplicate_of"])
    assert lea["score"] == from_file["lea.vernoux"]["score"] == 0  # worked with competitor Typology
    assert lea["notes"] == "déjà bossé avec Typology (collab)"
    follow = influkit.funnel(store=db).to_dict()["follow_ups"]["items"]
    assert any(i["handle"] == "lea.vernoux" and i["stage"] == "replied" for i in follow)


def _sheet_with_sections(tmp_path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Prospects"
    ws.append(["Nom", "Réseau", "Lien", "Abonnés", "Likes moyens", "Statut"])
    ws.append(["— Beauté / skincare —"])
    ws.append(["Léa", "Instagram", "https://www.instagram.com/lea.vernoux/", 24000, 900, "Contacté"])
    ws.append(["Zoé", "Instagram", "https://www.instagram.com/zoe.slow/", 18000, 400, "Repéré"])
    ws.append(["— Food —"])
    ws.append(["Inès", "Instagram", "https://www.instagram.com/ines.cuisine/", 9000, 500, "Signé"])
    ws.append(["TOTAL", None, None, "=SUM(D3:D6)", "=SUM(E3:E6)"])
    path = tmp_path / "sections.xlsx"
    book.save(path)
    return path


def test_in_place_leaves_total_and_section_rows_as_they_were(tmp_path: Path) -> None:
    path = _sheet_with_sections(tmp_path)
    before = influkit.read_table(str(path)).get("row_kind")
    assert [k for k in before if k] == ["section", "section", "total"]
    influkit.enrich(str(path), in_place=True, offline=True, store=None)
    influkit.score(str(path), brand=BRAND, in_place=True, store=None)
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Prospects").to_python()
    header = rows[0]
    ours = range(6, len(header))
    for r in (1, 4, 6):  # the two section rows and TOTAL: nothing written in influkit's columns
        assert all(rows[r][c] in ("", None) for c in ours), rows[r]
    again = influkit.read_table(str(path))
    assert again.get("row_kind") == before
    assert influkit.funnel(str(path), store=None)["prospects"] == 3


def test_score_summary_and_best_name_creators_only(tmp_path: Path) -> None:
    path = _sheet_with_sections(tmp_path)
    scored = influkit.score(str(path), brand=BRAND, store=None)
    best = scored.best(3)
    assert [scored.get("handle")[i] for i in best] and all(scored.get("handle")[i] for i in best)
    kinds = scored.get("row_kind")
    for column in ("score", "rank", "confidence", "reasons", "score_fit", "trend", "flags", "est_price_low"):
        assert all(scored.get(column)[i] is None for i in range(len(scored)) if kinds[i]), column
    result = runner.invoke(app, ["score", str(path), "--brand", BRAND, "--no-store", "-f", "csv"])
    assert "best —" not in result.stderr and "TOTAL (" not in result.stderr


def test_readme_best_prints_a_handle() -> None:
    scored = influkit.score(str(ROOT / "examples" / "prospects.xlsx"), brand=BRAND, store=None)
    assert scored.get("handle")[scored.best(1)[0]]


def test_set_sheet_reaches_every_tab_and_keeps_the_cells_style(tmp_path: Path) -> None:
    """`set --sheet FILE` finds the creator on any tab of the workbook; a price written into the user's
    own price cell keeps that cell's style (currency sign, HT), a note is dated."""
    from openpyxl import Workbook, load_workbook

    book = Workbook()
    ig = book.active
    assert ig is not None
    ig.title = "Instagram"
    ig.append(["Nom", "Pseudo", "Abonnés", "Statut", "Tarif", "Notes"])
    ig.append(["Léa", "@lea.vernoux", 24000, "Contacté", "1 200 € HT", "relancée"])
    tt = book.create_sheet("TikTok")
    tt.append(["Nom", "Pseudo", "Abonnés", "Statut", "Tarif", "Notes"])
    tt.append(["Zoé", "@zoe.danse", 80000, "Repéré", "500 €", ""])
    path = tmp_path / "work.xlsx"
    book.save(path)
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(path), sheet="all", offline=True, store=db)
    influkit.set_stage("zoe.danse", stage="replied", on="2026-04-18", note="ok pour mai", store=db, sheet=str(path))
    influkit.set_stage("lea.vernoux", price="1 000 €", store=db, sheet=str(path))
    wb = load_workbook(path)
    zoe = [c.value for c in wb["TikTok"][2]]
    assert zoe[3] == "A répondu" and zoe[5] == "18/04/2026 : ok pour mai"
    lea = [c.value for c in wb["Instagram"][2]]
    assert lea[4] == "1 000 € HT"
    assert [c.value for c in wb["Instagram"][1]][:6] == ["Nom", "Pseudo", "Abonnés", "Statut", "Tarif", "Notes"]
    assert "Devise" not in [c.value for c in wb["Instagram"][1]]
    assert dt.date(2026, 4, 18)  # the date is recorded in the workspace too
    assert influkit.creator("zoe.danse", store=db).to_dict()["campaigns"][0]["stage"] == "replied"


def test_set_sheet_writes_dates_and_prices_like_a_us_csv(tmp_path: Path) -> None:
    sheet = tmp_path / "us.csv"
    sheet.write_text("Name,Handle,Platform,Outreach Status,Date Contacted,Rate\n"
                     "Ashley,@ash.fit,Instagram,Contacted,3/25/2026,\"$5,000\"\n"
                     "Marcus,@marcus.run,Instagram,Identified,,\"$1,200\"\n", encoding="utf-8")
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(sheet), offline=True, store=db)
    influkit.set_stage("marcus.run", stage="contacted", on="2026-04-02", price="4500", store=db, sheet=str(sheet))
    import csv

    rows = list(csv.DictReader(sheet.open(encoding="utf-8")))
    assert rows[1]["Outreach Status"] == "Contacted" and rows[1]["Date Contacted"] == "4/2/2026"
    assert rows[1]["Rate"] == "$4,500" and rows[0]["Rate"] == "$5,000"
    assert list(rows[0]) == ["Name", "Handle", "Platform", "Outreach Status", "Date Contacted", "Rate"]


def test_set_sheet_writes_dates_with_month_words_like_the_column(tmp_path: Path) -> None:
    """Found by a new user: in a column of "3 févr. 2026" and "12 janv. 2026", `set --on 2026-02-19
    --sheet` wrote a date cell shown 2026-02-19. A date written into (or beside, in a CSV, and in a
    dated note) a column of text dates with the month in words follows them: the month in the same
    language, length, dot and case, the same order and punctuation."""
    import csv

    import openpyxl

    book = tmp_path / "fr.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Instagram"
    ws.append(["Créateur", "Profil", "Abonnés", "Statut", "Date de contact", "Notes"])
    ws.append(["Léa", "https://www.instagram.com/lea.vernoux/", "12 500", "Contacté", "3 févr. 2026", None])
    ws.append(["Hugo", "https://www.instagram.com/hugo.fit/", "48 000", "Repéré", None, None])
    ws.append(["Sarah", "https://www.instagram.com/sarahbeaute/", "30 000", "Repéré", "12 janv. 2026", None])
    wb.save(book)
    db = str(tmp_path / "fr.db")
    influkit.enrich(str(book), offline=True, store=db)
    influkit.set_stage("hugo.fit", stage="contacted", on="2025-09-05", note="ok", store=db, sheet=str(book))
    saved = openpyxl.load_workbook(book)["Instagram"]
    assert (saved["E3"].value, saved["F3"].value) == ("5 sept. 2025", "5 sept. 2025 : ok")
    sheet = tmp_path / "us.csv"
    sheet.write_text('Name,Handle,Platform,Followers,Status,Contacted on\nAnn,ann.fit,Instagram,12000,Contacted,'
                     '"Mar 3, 2026"\nBob,bob.run,Instagram,9000,To contact,\nCal,cal.eats,Instagram,15000,Contacted,'
                     '"Sept 12, 2025"\n', encoding="utf-8")
    db = str(tmp_path / "us.db")
    influkit.enrich(str(sheet), offline=True, store=db)
    influkit.set_stage("bob.run", stage="contacted", on="2026-03-18", store=db, sheet=str(sheet))
    influkit.set_stage("cal.eats", stage="replied", on="2026-03-19", store=db, sheet=str(sheet))
    rows = list(csv.DictReader(sheet.open(encoding="utf-8")))
    assert rows[1]["Contacted on"] == "Mar 18, 2026" and rows[2]["Replied on"] == "Mar 19, 2026"


def test_a_table_with_a_long_text_value_folds_it_instead_of_dropping_it() -> None:
    import io

    from rich.console import Console

    from influkit.cli.render import print_table

    rows = [{"field": "name", "value": "printemps26"},
            {"field": "legal_basis", "value": "Legitimate interest (GDPR art. 6(1)(f)): creators are approached "
                                              "for professional collaborations on their public profiles " * 2}]
    out = io.StringIO()
    print_table("campaign", ["field", "value"], rows, console=Console(file=out, width=60))
    text = out.getvalue()
    assert "printemps26" in text and "Legitimate" in text and "left out" not in text
    assert max(len(line) for line in text.splitlines()) <= 60


def test_in_place_on_a_header_only_csv_changes_nothing_and_says_so(tmp_path: Path) -> None:
    sheet = tmp_path / "h.csv"
    sheet.write_bytes(b"Nom,Pseudo,Abonn\xc3\xa9s\r\n")
    result = runner.invoke(app, ["enrich", str(sheet), "--in-place", "--offline", "--no-store"])
    assert result.exit_code == 0, result.output
    assert "nothing written" in result.stderr
    assert sheet.read_bytes() == b"Nom,Pseudo,Abonn\xc3\xa9s\r\n" and not (tmp_path / "h.bak.csv").exists()
