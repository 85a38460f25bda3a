"""Several posts tabs (`campaign.posts.read_grids`) with what check and report learnt beside them: each tab's
publication dates in their own day/month order and a date after today a warning naming its tab, each tab's
fee column for the paid posts, the language tie-break by the headers of every tab, and check's workbook
with its `sheet` column labelled."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

import influkit
from influkit.campaign.compliance import COLUMNS, write_check
from influkit.cli.app import app
from influkit.labels import check_label
from sheetmaker import xlsx

runner = CliRunner()
D = dt.date

LEA = "https://www.instagram.com/p/LeaJuin01/"
ANA = "https://www.instagram.com/p/AnaJuin02/"
TOM = "https://www.instagram.com/p/TomJuil03/"
MAX = "https://www.instagram.com/p/MaxJuil04/"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-10")


def book(path: Path, tabs: dict[str, list[list[Any]]]) -> str:
    return str(xlsx(path, tabs))


def two_tabs(tmp_path: Path) -> str:
    """'Juin': French, day first, a fee column (Léa paid, Ana gifted); 'July': US, month first, no fee column,
    Max's post dated after today; 'Lisez-moi': no posts (named in a note)."""
    return book(tmp_path / "campagne.xlsx", {
        "Lisez-moi": [["Une ligne par publication"]],
        "Juin": [["Créateur", "Lien publication", "Légende", "Date de publication", "Vues", "Tarif"],
                 ["Léa", LEA, "Merci @marque pour ce cadeau #gifted", "25/01/2026", 1200, "3 500 €"],
                 ["Ana", ANA, "Merci @marque pour ce cadeau #gifted", "04/02/2026", 1000, "offert"]],
        "July": [["Creator", "Post URL", "Caption", "Date posted", "Views"],
                 ["Tom", TOM, "New kit from @brand #gifted", "01/12/2026", 800],
                 ["Max", MAX, "New kit from @brand #ad", "03/25/2026", 300]],
    })


def test_check_reads_each_tabs_dates_and_fees_and_warns_of_a_future_date_naming_its_tab(tmp_path: Path) -> None:
    path = two_tabs(tmp_path)
    result = influkit.check(path, rules="eu", lang="en")
    rows = {r["post_url"]: r for r in result.records()}
    assert [r["sheet"] for r in result.records()] == ["Juin", "Juin", "July", "July"]
    # each tab's own day/month order: 'Juin' day first (25/01), 'July' month first (03/25)
    assert result.get("published_on") == [D(2026, 1, 25), D(2026, 2, 4), D(2026, 1, 12), D(2026, 3, 25)]
    # 'Juin''s fee column: Léa was paid, so her gift's label hides the payment (EU-02); Ana's gift is a gift;
    # 'July' has no fee column: Tom's '#gifted' stands
    assert rows[LEA]["disclosure"] == "insufficient" and "EU-02" in rows[LEA]["compliance"]
    assert rows[ANA]["disclosure"] == "ok" and rows[TOM]["disclosure"] == "ok"
    warnings = result.summary["warnings"]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{path}, sheet 'July', row 3, column 'Date posted': date 2026-03-25")
    notes = result.summary["notes"]
    assert any("'Lisez-moi'" in n for n in notes)
    lines = result.summary_lines()
    assert f"warning: {warnings[0]}" in lines and all(n in lines for n in notes)

    out = runner.invoke(app, ["check", path, "--rules", "eu", "-o", str(tmp_path / "out.csv")])
    assert out.exit_code == 0, out.output
    assert "warning: " in out.stderr and "sheet 'July', row 3, column 'Date posted'" in out.stderr
    assert "'Lisez-moi'" in out.stderr


def test_report_warns_of_a_future_date_in_a_later_tab_naming_its_tab(tmp_path: Path) -> None:
    path = two_tabs(tmp_path)
    report = influkit.report(path, offline=True, store=None, lang="en").to_dict()
    future = [w for w in report["warnings"] if "after today" in w]
    assert len(future) == 1 and "sheet 'July', row 3, column 'Date posted'" in future[0]
    assert any("'Lisez-moi'" in w for w in report["warnings"])
    days = {p["link"]: (p["sheet"], p["published_on"]) for p in report["blocks"]["results"]["posts"]}
    assert days == {LEA: ("Juin", "2026-01-25"), ANA: ("Juin", "2026-02-04"), TOM: ("July", "2026-01-12"),
                    MAX: ("July", "2026-03-25")}


def test_a_future_date_in_the_first_tab_names_that_tab(tmp_path: Path) -> None:
    path = book(tmp_path / "posts.xlsx", {
        "Mars": [["Lien", "Légende", "Date de publication"], [LEA, "Ma routine #publicité @marque", "28/03/2026"]],
        "Avril": [["Lien", "Légende", "Date de publication"], [TOM, "Ma routine #publicité @marque", "02/03/2026"]],
    })
    checked = influkit.check(path)
    assert [w.split(":")[0] for w in checked.summary["warnings"]] == [f"{path}, sheet 'Mars', row 2, column 'Date de publication'"]
    report = influkit.report(path, offline=True, store=None).to_dict()
    assert [w.split(":")[0] for w in report["warnings"] if "après" in w or "after today" in w] == \
        [f"{path}, sheet 'Mars', row 2, column 'Date de publication'"]


def test_captions_that_do_not_tell_leave_the_language_to_every_tabs_headers(tmp_path: Path) -> None:
    # the first tab's two headers are English, the second tab's French: French has more headers
    path = book(tmp_path / "posts.xlsx", {
        "A": [["Post URL", "Caption"], [LEA, "🔥🔥 @marque"]],
        "B": [["Lien", "Légende", "Vues", "Créateur"], [TOM, "✨✨ @marque", 1000, "Tom"]],
    })
    assert influkit.check(path).summary["lang"] == "fr"
    assert influkit.check(path, sheet="A").summary["lang"] == "en"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_workbook_of_several_tabs_labels_the_tab_column(tmp_path: Path, lang: str) -> None:
    result = influkit.check(two_tabs(tmp_path), rules="eu")
    assert result.columns[0] == "sheet"
    write_check(result, str(tmp_path / "bilan.xlsx"), lang=lang)
    ws = openpyxl.load_workbook(tmp_path / "bilan.xlsx").active
    assert ws is not None
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    header = rows[0]
    assert header[: len(COLUMNS) + 1] == [check_label(c, lang) for c in ["sheet", *COLUMNS]]
    assert header[0] == ("Onglet" if lang == "fr" else "Tab")
    assert [r[0] for r in rows[1:]] == ["Juin", "Juin", "July", "July"]
    got = [dict(zip(header, r, strict=True)) for r in rows[1:]]
    # the kept columns after the check's, typed; the check's verdicts in words
    assert [r["Vues"] for r in got] == [1200, 1000, None, None] and [r["Views"] for r in got] == [None, None, 800, 300]
    level = check_label("compliance_level", lang)
    assert got[0][level] == ("non conforme" if lang == "fr" else "not compliant")
