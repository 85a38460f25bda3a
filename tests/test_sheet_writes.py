"""What influkit writes into the user's own workbook cell by cell (`set --sheet`, `links --in-place`): in
the columns the sheet keeps for it, in the sheet's own words and formats, and nothing else."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

import influkit
from sheetmaker import xlsx


def _rows(path: Path, sheet: str) -> list[list[Any]]:
    book = openpyxl.load_workbook(path)
    try:
        return [[c.value for c in row] for row in book[sheet].iter_rows()]
    finally:
        book.close()


def test_set_sheet_on_a_wide_sheet_writes_an_accounts_price_in_its_networks_column(tmp_path: Path) -> None:
    """One row per person, a column per network: a price set for Léa's TikTok account goes to a TikTok
    column ("Prix demandé TikTok", as enrich names its columns), her status into the row's own "Statut"
    (said once per person). Before, a plain "Prix demandé" column held it, whichever account it was for."""
    path = xlsx(tmp_path / "wide.xlsx", {"Suivi": [
        ["Nom", "Instagram", "TikTok", "Statut"],
        ["Léa", "@lea.ig", "@lea.tt", "Contacté"],
        ["Max", "@max.ig", None, None],
    ]})
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(path), offline=True, store=db)
    influkit.set_stage("lea.tt", platform="tiktok", stage="replied", on="2026-02-10", price="300 €", sheet=str(path),
                       store=db)
    rows = _rows(path, "Suivi")
    assert rows[0] == ["Nom", "Instagram", "TikTok", "Statut", "Date de réponse", "Prix demandé TikTok"]
    assert rows[1][3] == "A répondu" and rows[1][5] == 300
    assert rows[2][3:] == [None, None, None]


def test_set_sheet_writes_the_teams_word_when_the_workbook_has_several_list_tabs(tmp_path: Path) -> None:
    """The team's own word for a stage ("Posted", the one its Status column writes for published) is taken
    in a workbook read tab by tab (a Prospects tab and a Shortlist tab): before, reading the tabs together
    lost it, and set wrote influkit's "Published", a word the column never uses."""
    path = xlsx(tmp_path / "team.xlsx", {
        "Prospects": [
            ["Creator", "Instagram", "Followers", "Status"],
            ["Megan", "@megan.mua", 6800, "Posted"],
            ["Nadia", "@nadia.skin", 27600, "Posted"],
            ["Ellie", "@ellie.beauty", 8900, "Signed"],
            ["Ruby", "@ruby.skin", 41300, "Replied"],
        ],
        "Shortlist": [["Creator", "Instagram", "Why"], ["Ellie", "@ellie.beauty", "Students"]],
    })
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(path), offline=True, store=db)
    influkit.set_stage("ellie.beauty", stage="published", on="2026-02-10", sheet=str(path), store=db)
    assert _rows(path, "Prospects")[3][3] == "Posted"


def test_set_sheet_picks_the_stage_word_from_the_status_columns_dropdown_list(tmp_path: Path) -> None:
    """A Status column with a data-validation list: its word for the stage is written (the list's spelling,
    the one the column writes most when it writes several), never a word its dropdown refuses. Before,
    influkit's "Published" / "Signé" went into a column whose list offers "Went live" / "Validé", and a
    team word the list no longer has ("Signed") was written over the list's "Booked"."""
    path = xlsx(tmp_path / "uk.xlsx", {"Prospects": [
        ["Creator", "Instagram", "Followers", "Status"],
        ["Amara", "@amara.skin", 48200, "Reached out"],
        ["Chloe", "@chloe.glow", 23100, "Signed"],
        ["Hannah", "@hannah.reid", 12500, "Signed"],
        ["Jess", "@jess.skin", 19900, "Replied"],
    ]}, lists={"Prospects": [("D2:D40", '"To contact,Reached out,Replied,In talks,Booked,Went live,Declined"')]})
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(path), offline=True, store=db)
    influkit.set_stage("amara.skin", stage="published", on="2026-02-10", sheet=str(path), store=db)
    influkit.set_stage("jess.skin", stage="deal", on="2026-02-10", sheet=str(path), store=db)
    rows = _rows(path, "Prospects")
    assert rows[1][3] == "Went live" and rows[4][3] == "Booked"

    # a French sheet whose list is a range of another tab ("Listes"): its words, in its spelling
    path = xlsx(tmp_path / "fr.xlsx", {
        "Suivi": [
            ["Nom", "Compte", "Réseau", "Statut"],
            ["Léa", "lea.v", "Instagram", "Contacté"],
            ["Max", "max.r", "Instagram", "En discussion"],
            ["Zoé", "zoe.k", "Instagram", "à contacter"],
        ],
        "Listes": [["À contacter"], ["Contacté"], ["En discussion"], ["Validé"], ["Mis en ligne"], ["Refus"]],
    }, lists={"Suivi": [("D2:D99", "Listes!$A$1:$A$6")]})
    db = str(tmp_path / "fr.db")
    influkit.enrich(str(path), offline=True, store=db, sheet="Suivi")
    influkit.set_stage("max.r", stage="deal", on="2026-02-10", sheet=str(path), store=db)
    influkit.set_stage("lea.v", stage="published", on="2026-02-11", sheet=str(path), store=db)
    influkit.set_stage("zoe.k", stage="contacted", on="2026-02-11", sheet=str(path), store=db)
    rows = _rows(path, "Suivi")
    assert [r[3] for r in rows[1:]] == ["Mis en ligne", "Validé", "Contacté"]


def test_validation_lists_as_excel_writes_them(tmp_path: Path) -> None:
    """A dropdown list's words, however the workbook keeps them: in the rule itself, a range of another tab,
    a defined name for one, or Excel 2010's extension list (where Excel puts a list on another tab)."""
    import zipfile

    from influkit.io.inplace import list_validations

    path = xlsx(tmp_path / "l.xlsx", {
        "Suivi": [["Nom", "Statut"], ["Léa", "Contacté"]],
        "Listes": [["Contacté"], ["Signé"], [None], ["Publié"]],
    }, lists={"Suivi": [("B2:B9", '"Contacté,""OK"" signé"'), ("C2:C9 E2", "Statuts")]})
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    book = parts["xl/workbook.xml"].decode()
    parts["xl/workbook.xml"] = book.replace(
        "</workbook>", '<definedNames><definedName name="Statuts">Listes!$A$1:$A$4</definedName></definedNames>'
        "</workbook>").encode() if "<definedNames>" not in book else book.encode()
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    ext = ('<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
           'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="1" '
           'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list" '
           'allowBlank="1"><x14:formula1><xm:f>\'Listes\'!$A$1:$A$2</xm:f></x14:formula1><xm:sqref>D2:D9</xm:sqref>'
           "</x14:dataValidation></x14:dataValidations></ext></extLst>")
    parts["xl/worksheets/sheet1.xml"] = sheet.replace("</worksheet>", ext + "</worksheet>").encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    rules = list_validations(str(path), "Suivi")
    assert [r.words for r in rules] == [("Contacté", '"OK" signé'), ("Contacté", "Signé", "Publié"),
                                        ("Contacté", "Signé")]
    assert rules[1].covers(5, 2) and rules[1].covers(2, 4) and not rules[1].covers(3, 4)
    assert rules[2].covers(9, 3) and not rules[0].covers(10, 1)


def _part(path: Path, name: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return z.read(name)


def _team_workbook(path: Path, shortlist_status: bool = False) -> Path:
    """A UK team's workbook: the Prospects tab (text dates, day first) and a Shortlist tab of their own
    (a budget as a number cell)."""
    import datetime as dt

    shortlist: list[list[Any]] = [["Creator", "IG handle", "Why", "Budget (£)", *(["Status"] if shortlist_status else [])],
                                  ["Priyanka", "@priyankaglow", "UK audience", 2500,
                                   *(["Signed"] if shortlist_status else [])],
                                  ["Ruby", "@rubychen.skin", "Vegan, high ER", 950,
                                   *(["Replied"] if shortlist_status else [])]]
    return xlsx(path, {
        "Prospects": [
            ["Creator", "IG handle", "Followers", "Rate (£)", "Status", "Date contacted", "Notes"],
            ["Priyanka", "@priyankaglow", 87400, 2500, "Signed", "07/01/2026", "Birmingham"],
            ["Ruby", "@rubychen.skin", 41300, 950, "Replied", "04/02/2026", "Bristol"],
            ["Nadia", "@nadia.h.skin", 27600, 700, "Posted", dt.datetime(2026, 1, 10), "Manchester"],
        ],
        "Shortlist Q1": shortlist,
    }, formats={"Prospects": {"F4": "dd/mm/yyyy"}})


def test_set_sheet_adds_columns_only_to_the_campaigns_tab(tmp_path: Path) -> None:
    """`set --sheet` on a workbook whose second tab also lists the creator (a shortlist): the stage date and
    the note go to the campaign's tab (the one the workspace imported, else the one with the status column);
    the shortlist tab, which keeps no status, date or notes, stays byte for byte as it was, and so does its
    budget cell of 950, the price set (not rewritten as 950.0). Before, the shortlist gained Status, Deal on
    and Notes columns (dates as yyyy-mm-dd) and its budget cell was rewritten."""
    source = _team_workbook(tmp_path / "prospects.xlsx")
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(source), offline=True, store=db)
    for path in (source, tmp_path / "team_sheet.xlsx"):  # the imported file, and a copy of it (its status tab)
        if path != source:
            path.write_bytes(source.with_name("prospects.bak.xlsx").read_bytes())
        before = _part(path, "xl/worksheets/sheet2.xml")
        report = influkit.set_stage("rubychen.skin", stage="deal", on="2026-02-12", price="£950",
                                    note="1 reel + 1 TikTok", sheet=str(path), store=db).to_dict()
        assert list(report["sheet"]["sheets"]) == ["Prospects"]
        assert _part(path, "xl/worksheets/sheet2.xml") == before
        rows = _rows(path, "Prospects")
        assert rows[0][7:] == ["Deal on"]
        assert rows[2][4] == "Signed" and rows[2][6] == "Bristol; 12/02/2026: 1 reel + 1 TikTok"
        assert b"<v>950</v>" in _part(path, "xl/worksheets/sheet1.xml")  # the price cell as it was


def test_set_sheet_fills_a_column_another_tab_already_has(tmp_path: Path) -> None:
    """A shortlist tab with its own Status column gets the stage there (in its word), and nothing more."""
    path = _team_workbook(tmp_path / "team.xlsx", shortlist_status=True)
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(path), offline=True, store=db)
    influkit.set_stage("rubychen.skin", stage="deal", on="2026-02-12", note="ok", sheet=str(path), store=db)
    assert _rows(path, "Shortlist Q1") == [["Creator", "IG handle", "Why", "Budget (£)", "Status"],
                                           ["Priyanka", "@priyankaglow", "UK audience", 2500, "Signed"],
                                           ["Ruby", "@rubychen.skin", "Vegan, high ER", 950, "Signed"]]


def test_set_sheet_writing_what_the_sheet_already_says_changes_nothing(tmp_path: Path) -> None:
    """A price the row already shows (950 in a number cell, "£950" in a text cell) is not written again: the
    file stays byte for byte as it was, with no backup."""
    path = _team_workbook(tmp_path / "team.xlsx")
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(path), offline=True, store=db)
    original = path.read_bytes()
    report = influkit.set_stage("rubychen.skin", price="£950", sheet=str(path), store=db).to_dict()
    assert report["sheet"]["backup"] is None and path.read_bytes() == original
    assert not path.with_name("team.bak.xlsx").exists()


def test_a_date_column_set_adds_shows_the_sheets_own_date_order(tmp_path: Path) -> None:
    """An English sheet whose dates are text written day first ("04/02/2026"), with no date cell to copy a
    format from: the date column `set --sheet` adds shows dd/mm/yyyy, as the sheet writes dates, not ISO
    yyyy-mm-dd; a sheet writing 7/1/26 gets d/m/yy, one writing "Feb 4, 2026" mmm d, yyyy."""
    for dates, shown in ((["07/01/2026", "04/02/2026"], "dd/mm/yyyy"), (["7/1/26", "14/2/26"], "d/m/yy"),
                         (["Jan 7, 2026", "Feb 4, 2026"], "mmm d, yyyy")):
        path = xlsx(tmp_path / "uk.xlsx", {"Prospects": [
            ["Creator", "Instagram", "Status", "Date contacted"],
            ["Priyanka", "@priyankaglow", "Replied", dates[0]],
            ["Ruby", "@rubychen.skin", "Replied", dates[1]],
        ]})
        db = str(tmp_path / f"{shown.replace('/', '')}.db")
        influkit.enrich(str(path), offline=True, store=db)
        influkit.set_stage("rubychen.skin", stage="deal", on="2026-02-12", sheet=str(path), store=db)
        book = openpyxl.load_workbook(path)
        ws = book["Prospects"]
        assert ws["E1"].value == "Deal on" and ws["E3"].is_date and ws["E3"].number_format == shown
        book.close()
