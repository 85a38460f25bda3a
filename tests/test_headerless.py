"""A tab or file with no header row (its first row is already data: `@lea.beauty | Léa | 12500 | 4,2 %`,
profile links, e-mails) is read whole, its columns named by position and decided by their cells, with one
note saying so; a real header (even of odd labels) is still a header."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from influkit.cli.app import app
from influkit.errors import InfluError
from influkit.io.read import read_sheets, reads_as_data
from influkit.pipeline import enrich, read_table
from influkit.table import Table
from sheetmaker import csv_bytes, xlsx


def _note(t: Table) -> str:
    notes = [str(n) for n in t.meta["notes"] if "no header row" in n]
    assert len(notes) == 1, t.meta["notes"]
    return notes[0]


def test_a_tab_whose_first_row_is_a_handle_row_is_read_whole(tmp_path: Path) -> None:
    p = xlsx(tmp_path / "b.xlsx", {"Instagram": [["@lea.beauty", "Léa", 12500, "4,2 %"],
                                                 ["@zoe.cuisine", "Zoé", 8000, "3 %"],
                                                 ["@max.tt", "Max", "12,5 k", "2,1 %"]]})
    t = enrich(str(p), store=None, offline=True)
    assert t.get("handle") == ["lea.beauty", "zoe.cuisine", "max.tt"]
    assert t.get("platform") == ["instagram"] * 3
    assert t.source_rows == [1, 2, 3]
    # nothing lost: the other columns are kept as they are, under their position's name
    assert t.get("column B") == ["Léa", "Zoé", "Max"]
    assert t.get("column D") == ["4,2 %", "3 %", "2,1 %"]
    note = _note(t)
    assert "tab 'Instagram' has no header row: row 1 is already data (@lea.beauty | Léa | 12500 | 4,2 %)" in note
    assert "column A -> handle" in note and "column C (numbers)" in note


def test_two_rows_of_handles_are_enough_without_a_header(tmp_path: Path) -> None:
    """No header to overrule: a column of nothing but @handles is the accounts however few its cells."""
    p = xlsx(tmp_path / "b.xlsx", {"Feuil1": [["@lea.beauty", 12500], ["@zoe.cuisine", 8000]]})
    t = read_table(str(p), platform="tiktok")
    assert t.get("handle") == ["lea.beauty", "zoe.cuisine"]


def test_a_csv_whose_first_row_is_a_name_then_an_email_and_a_link(tmp_path: Path) -> None:
    p = tmp_path / "l.csv"
    p.write_bytes(csv_bytes([["Léa Martin", "lea@exemple.fr", "https://www.instagram.com/lea.beauty/", "12,5 k"],
                             ["Zoé Bernard", "zoe@exemple.fr", "https://www.tiktok.com/@zoe.cuisine", "8 000"]],
                            delimiter=";"))
    t = enrich(str(p), store=None, offline=True)
    assert t.get("handle") == ["lea.beauty", "zoe.cuisine"]
    assert t.get("platform") == ["instagram", "tiktok"]
    assert t.get("email") == ["lea@exemple.fr", "zoe@exemple.fr"]
    assert t.get("column A") == ["Léa Martin", "Zoé Bernard"]
    assert t.source_rows == [1, 2]
    assert "the file has no header row: row 1" in _note(t)


def test_a_column_of_profile_links_only(tmp_path: Path) -> None:
    links = ["https://www.instagram.com/lea.beauty/", "https://www.tiktok.com/@max.tt", "https://youtube.com/@zoe"]
    p = xlsx(tmp_path / "b.xlsx", {"Liste": [[u] for u in links]})
    t = read_table(str(p))
    assert t.get("handle") == ["lea.beauty", "max.tt", "zoe"]
    assert t.get("platform") == ["instagram", "tiktok", "youtube"]
    assert "column A -> profile_url" in _note(t)


def test_bare_handles_with_numbers_and_no_at_sign(tmp_path: Path) -> None:
    """`lea.beauty | Léa | 12500` over rows of the same kinds: data, not a header of odd labels."""
    p = xlsx(tmp_path / "b.xlsx", {"TikTok": [["lea.beauty", "Léa", 12500], ["zoe.cuisine", "Zoé", 8000],
                                              ["max.tt", "Max", 3000]]})
    raw = read_sheets(str(p))[0]
    assert raw.headerless and raw.headers == ["column A", "column B", "column C"]
    assert raw.rows[0] == ["lea.beauty", "Léa", 12500]
    assert raw.row_numbers == [1, 2, 3]


def test_a_title_line_above_headerless_rows_stays_out(tmp_path: Path) -> None:
    p = xlsx(tmp_path / "b.xlsx", {"Sheet": [["Prospects printemps 2026"], [],
                                             ["@lea.beauty", "Léa", 12500], ["@zoe.cuisine", "Zoé", 8000]]})
    raw = read_sheets(str(p))[0]
    assert raw.headerless and raw.row_numbers == [3, 4]
    assert raw.rows[0][0] == "@lea.beauty"


def test_a_lone_handle_on_the_first_row_above_fuller_rows_is_kept(tmp_path: Path) -> None:
    p = xlsx(tmp_path / "b.xlsx", {"Sheet": [["@lea.beauty"], ["@zoe.cuisine", 8000], ["@max.tt", 300]]})
    raw = read_sheets(str(p))[0]
    assert raw.row_numbers == [1, 2, 3]
    assert [r[0] for r in raw.rows] == ["@lea.beauty", "@zoe.cuisine", "@max.tt"]


@pytest.mark.parametrize("header", [
    ["Nom", "Compte", "Abonnés", "ER"],
    ["Qui", "Où", "Combien"],  # odd labels: no value among them
    ["@compte", "Nom", "Abonnés"],  # "@compte" names the handle column
    ["Nom", "@Instagram", "@TikTok"],
    ["Nom", 2025, 2026],
    ["Créatrice", "Lien", "Remarques"],
])
def test_a_real_header_row_is_still_the_header(tmp_path: Path, header: list[object]) -> None:
    rows: list[list[object]] = [header, ["Léa", "@lea.beauty", 12500, "x"][: len(header)],
                                ["Zoé", "@zoe.cuisine", 8000, "y"][: len(header)]]
    raw = read_sheets(str(xlsx(tmp_path / "b.xlsx", {"Feuil1": rows})))[0]
    assert not raw.headerless
    assert raw.header_row == 1 and raw.row_numbers == [2, 3]


def test_a_title_then_a_header_works_as_before(tmp_path: Path) -> None:
    p = xlsx(tmp_path / "b.xlsx", {"Sheet": [["Campagne printemps"], [], ["Nom", "Compte", "Abonnés"],
                                             ["Léa", "@lea.beauty", 12500]]})
    raw = read_sheets(str(p))[0]
    assert not raw.headerless and raw.header_row == 3 and raw.headers == ["Nom", "Compte", "Abonnés"]


@pytest.mark.parametrize(("cells", "data"), [
    (["@lea", "Contacté", "Léa"], True),  # a status word is a header word too: the @handle decides
    (["lea@exemple.fr"], True),
    ([12500, "4,2 %"], True),
    ([dt.date(2026, 1, 2), "@lea"], True),
    (["Léa", "Instagram", "12,5 k", "1 200 €"], True),
    (["Email", "Abonnés (k)", "ER %"], False),
    (["Pseudo"], False),
    (["Instagram", "TikTok", "YouTube"], False),
])
def test_reads_as_data(cells: list[object], data: bool) -> None:
    assert reads_as_data(cells) is data


def test_a_workbook_picks_the_headerless_list_over_a_budget_tab_and_all_reads_each(tmp_path: Path) -> None:
    p = xlsx(tmp_path / "b.xlsx", {
        "Budget": [["Poste", "Montant"], ["Cadeaux", 300]],
        "Instagram": [["@lea.beauty", "Léa", 12500], ["@zoe.cuisine", "Zoé", 8000]],
        "TikTok": [["https://www.tiktok.com/@max.tt", 50000], ["https://www.tiktok.com/@tom", 2000]],
    })
    assert read_table(str(p)).get("handle") == ["lea.beauty", "zoe.cuisine"]
    t = read_table(str(p), sheet="all")
    assert t.get("handle") == ["lea.beauty", "zoe.cuisine", "max.tt", "tom"]
    assert t.get("sheet") == ["Instagram", "Instagram", "TikTok", "TikTok"]


def test_headerless_numbers_only_is_still_refused_with_what_the_tab_holds(tmp_path: Path) -> None:
    p = xlsx(tmp_path / "b.xlsx", {"Chiffres": [[12500, "4,2 %"], [8000, "3 %"]]})
    with pytest.raises(InfluError, match=r"'Chiffres' \(no header row, row 1 is data: 12500 \| 4,2 %: no column of "
                                         "profile links"):
        read_table(str(p))


def test_cli_says_no_header_row_and_in_place_refuses_cleanly(tmp_path: Path) -> None:
    p = xlsx(tmp_path / "b.xlsx", {"Instagram": [["@lea.beauty", "Léa", 12500], ["@zoe.cuisine", "Zoé", 8000]]})
    out = tmp_path / "o.csv"
    done = CliRunner().invoke(app, ["enrich", str(p), "--offline", "--no-store", "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert "2 rows read (no header row)" in done.stderr
    assert sum("has no header row" in line for line in done.stderr.splitlines()) == 1
    before = p.read_bytes()
    done = CliRunner().invoke(app, ["enrich", str(p), "--in-place", "--offline", "--no-store"])
    assert done.exit_code == 1
    assert "--in-place needs a header row" in done.stderr and "Traceback" not in done.output
    assert p.read_bytes() == before


def test_an_xlsx_written_by_openpyxl_with_a_date_first(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append([dt.date(2026, 3, 1), "@lea.beauty", 12500])
    ws.append([dt.date(2026, 3, 2), "@zoe.cuisine", 8000])
    wb.save(tmp_path / "d.xlsx")
    t = read_table(str(tmp_path / "d.xlsx"), platform="instagram")
    assert t.get("handle") == ["lea.beauty", "zoe.cuisine"]
    assert len(t) == 2
