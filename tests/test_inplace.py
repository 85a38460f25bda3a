"""In-place editing of the user's own workbook and CSV (issue #11): real workbooks, real parts."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

sys.path.insert(0, str(Path(__file__).parent))

import influkit  # noqa: E402
from influkit.errors import InfluError  # noqa: E402
from influkit.io import inplace as I  # noqa: E402
from influkit.labels import value_word  # noqa: E402
from influkit.table import Table  # noqa: E402
from workbooks import FIRST_DATA_ROW, ROWS, agency_workbook, members  # noqa: E402

CHANGED = {"xl/worksheets/sheet1.xml", "xl/tables/table1.xml", "xl/styles.xml", "xl/workbook.xml"}


def _rows(path: Path, sheet: str) -> list[list[Any]]:
    return list(CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python())


def _header(path: Path, sheet: str = "Prospects", row: int = 3) -> list[Any]:
    return _rows(path, sheet)[row - 1]


def _list_file(path: Path, rows: list[list[Any]], delimiter: str = ",") -> Path:
    """A list as a CSV (by its suffix; empty cells for None) or as the one sheet of a workbook."""
    if path.suffix == ".csv":
        path.write_text("".join(delimiter.join("" if c is None else str(c) for c in r) + "\n" for r in rows),
                        encoding="utf-8")
        return path
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


@pytest.fixture
def agency(tmp_path: Path) -> Path:
    return agency_workbook(tmp_path / "agence.xlsx")


def test_agency_workbook_keeps_everything_and_gains_columns(agency: Path) -> None:
    before = members(agency)
    table = influkit.enrich(str(agency), store=None, offline=True)
    result = I.write_back(table)
    after = members(agency)
    # every part but the edited sheet, its table, styles and workbook is byte-identical
    assert set(after) == set(before)
    assert {n for n in before if before[n] != after[n]} <= CHANGED
    assert Path(result["backup"]).read_bytes() == agency.with_name("agence.bak.xlsx").read_bytes()
    assert members(Path(result["backup"])) == before
    sheet = result["sheets"]["Prospects"]
    assert sheet["first_new_column"] == "K" and sheet["lang"] == "fr"
    assert "Taux d'engagement" in sheet["added"] and "Palier" in sheet["added"]

    wb = openpyxl.load_workbook(agency)
    ws = wb["Prospects"]
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:J1"]
    assert ws["A1"].value == "Campagne printemps 2026 — prospection" and ws["A1"].font.b
    assert ws.freeze_panes == "B4"
    assert len(ws.data_validations.dataValidation) == 1
    assert len(ws.conditional_formatting) == 1
    assert ws["A4"].comment is not None and "salon" in ws["A4"].comment.text
    assert ws["J4"].value == "=I4/D4" and ws["J5"].value == "=I5/D5"  # the shared formula, still shared
    assert ws.column_dimensions["C"].width == 40
    header = [c.value for c in ws[3]]
    assert header[:10] == ["Nom", "Réseau", "Lien du profil", "Abonnés", "Likes moyens", "Commentaires moyens",
                           "Statut", "Date de contact", "Budget (€)", "Coût / abonné"]
    er, tier = header.index("Taux d'engagement") + 1, header.index("Palier") + 1
    assert ws.cell(4, er).number_format == "0.00%"
    assert ws.cell(3, er).fill.fgColor.rgb == ws["A3"].fill.fgColor.rgb  # headers look like the user's
    table_xml = ws.tables["Prospection"]
    assert table_xml.ref == f"A3:{openpyxl.utils.get_column_letter(len(header))}8"  # the table grew
    assert [c.name for c in table_xml.tableColumns] == header
    assert wb["Budget"]["D3"].value == "=B3*C3" and len(wb["Budget"]._charts) == 1
    assert len(wb["Notes"]._images) == 1
    assert "TotalBudget" in wb.defined_names
    assert wb.sheetnames == ["Prospects", "Budget", "Archive", "Notes"]

    rows = _rows(agency, "Prospects")
    assert rows[3][er - 1] == pytest.approx((400 + 25) / 12500)
    assert [r[tier - 1] for r in rows[3:8]] == [value_word("tier", t, "fr") for t in table.get("tier")]  # in words
    assert rows[4][0] == "Tom Roussel" and rows[4][2] == "https://www.youtube.com/@tomroussel"


def test_second_run_updates_the_same_columns(agency: Path) -> None:
    I.write_back(influkit.enrich(str(agency), store=None, offline=True), backup=False)
    first = _header(agency)
    wb = openpyxl.load_workbook(agency)
    wb["Prospects"]["D4"] = 60000  # Léa grows: micro -> mid
    wb.save(agency)
    result = I.write_back(influkit.enrich(str(agency), store=None, offline=True), backup=False)
    assert result["sheets"]["Prospects"]["added"] == []
    assert _header(agency) == first  # no duplicate columns
    tier = first.index("Palier")
    assert _rows(agency, "Prospects")[3][tier] == "intermédiaire"  # mid, in the sheet's words


def test_user_column_with_an_influkit_label_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "p.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Nom", "Abonnés", "Likes moyens", "Taux d'engagement"])
    ws.append(["Léa", 10000, 500, 0.09])  # the user's own figure
    wb.save(path)
    for _ in range(2):
        I.write_back(influkit.enrich(str(path), store=None, offline=True), backup=False)
    header = _header(path, "Sheet", 1)
    assert header.count("Taux d'engagement") == 1 and header.count("Taux d'engagement (influkit)") == 1
    row = _rows(path, "Sheet")[1]
    assert row[3] == 0.09 and row[header.index("Taux d'engagement (influkit)")] == pytest.approx(0.05)


def test_english_sheet_gets_english_labels_and_lang_overrides(tmp_path: Path) -> None:
    path = tmp_path / "en.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Name", "Followers", "Average likes", "Status"])
    ws.append(["Lea", 20000, 500, "Contacted"])
    wb.save(path)
    copy = tmp_path / "copy.xlsx"
    shutil.copy(path, copy)
    I.write_back(influkit.enrich(str(path), store=None, offline=True), backup=False)
    assert {"Engagement rate", "Tier", "Authenticity"} <= set(_header(path, "Sheet", 1))
    I.write_back(influkit.enrich(str(copy), store=None, offline=True), backup=False, lang="fr")
    assert {"Taux d'engagement", "Palier"} <= set(_header(copy, "Sheet", 1))


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_later_command_writes_in_the_sheets_language_not_an_earlier_lang(tmp_path: Path, suffix: str) -> None:
    """Found by a new user: after `enrich --in-place --lang en` on a French sheet, `links --in-place` (no
    --lang) wrote "Tracked link" and "Promo code", while `score --in-place` wrote French: the cell writer
    counted influkit's English headers as the sheet's. The language of a header row is its own
    headers' (influkit's labels of its computed columns left out), for every command writing into it,
    and `set --sheet` writes the status word in French."""
    rows = [["Créateur", "Profil", "Abonnés", "Likes moyens", "Statut"],
            ["Léa", "https://www.instagram.com/lea.vernoux/", "12 500", "620", "Repéré"],
            ["Sarah", "https://www.instagram.com/sarahbeaute/", "30 000", "900", "Repéré"]]
    path = _list_file(tmp_path / f"liste{suffix}", rows, ";")

    def header() -> list[Any]:
        if suffix == ".csv":
            return path.read_text(encoding="utf-8").splitlines()[0].split(";")
        return _header(path, "Sheet", 1)

    influkit.enrich(str(path), store=None, offline=True, in_place=True, lang="en")
    assert {"Engagement rate", "Tier"} <= set(header())  # as asked
    influkit.links(str(path), url="https://x.example/p", utm_campaign="c1", store=None, in_place=True)
    assert {"Lien suivi", "Code promo"} <= set(header()) and "Tracked link" not in header()
    store = tmp_path / "w.db"
    influkit.enrich(str(path), store=str(store), offline=True)
    influkit.set_stage("lea.vernoux", stage="contacted", store=str(store), sheet=str(path))
    if suffix == ".csv":
        assert path.read_text(encoding="utf-8").splitlines()[1].split(";")[4] == "Contacté"
    else:
        assert openpyxl.load_workbook(path)["Sheet"]["E2"].value == "Contacté"


def test_sheet_autofilter_grows_and_links_stay_clickable(tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Name", "Followers", "Average likes"])
    for i in range(5):
        ws.append([f"p{i}", 1000 * (i + 1), 50])
    ws.auto_filter.ref = "A1:C6"
    wb.save(path)
    table = influkit.enrich(str(path), store=None, offline=True)
    table.data["tracked_url"] = [f"https://brand.example/?utm_source=p{i}&x=1" for i in range(5)]
    result = I.write_back(table, backup=False)
    assert result["links"] == 5
    ws2 = openpyxl.load_workbook(path).active
    assert ws2 is not None
    header = [c.value for c in ws2[1]]
    assert ws2.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}6"
    col = header.index("Tracked link") + 1
    assert ws2.cell(2, col).hyperlink.target == "https://brand.example/?utm_source=p0&x=1"
    I.write_back(table, backup=False)
    ws3 = openpyxl.load_workbook(path).active
    assert ws3 is not None
    assert [c.value for c in ws3[1]] == header  # updated, not added
    rels = members(path)["xl/worksheets/_rels/sheet1.xml.rels"].decode()
    assert rels.count("brand.example") == 5  # old links replaced, not piled up


def test_wide_sheet_gets_one_column_per_network(tmp_path: Path) -> None:
    path = tmp_path / "wide.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Nom", "Instagram", "Abonnés Instagram", "TikTok", "Abonnés TikTok"])
    ws.append(["Léa", "@lea", 12000, "@lea.tt", 600000])
    ws.append(["Tom", "@tom", 3000, None, None])
    wb.save(path)
    table = influkit.enrich(str(path), store=None, offline=True)
    assert len(table) == 3  # Léa has two accounts
    I.write_back(table, columns=["tier"], backup=False)
    header = _header(path, "Sheet", 1)
    assert header[5:] == ["Palier Instagram", "Palier TikTok"]
    rows = _rows(path, "Sheet")
    assert rows[1][5:] == ["micro", "macro"] and rows[2][5:7] == ["nano", ""]


def test_rows_from_several_sheets(agency: Path) -> None:
    """A table whose rows come from several tabs (the reader's `--sheet all`): each row goes home."""
    t = Table(source=str(agency), sheet=None)
    t.source_rows = [FIRST_DATA_ROW, 2]
    t.data["sheet"] = ["Prospects", "Archive"]
    t.data["tier"] = ["micro", "nano"]
    t.meta["sheets"] = {"Prospects": {"header_row": 3}, "Archive": {"header_row": 1}}
    before = members(agency)
    result = I.write_back(t, backup=False)
    assert set(result["sheets"]) == {"Prospects", "Archive"}
    assert _rows(agency, "Archive")[1][4] == "nano" and _header(agency, "Archive", 1)[4] == "Palier"
    assert _rows(agency, "Prospects")[3][10] == "micro"
    after = members(agency)
    assert after["xl/worksheets/sheet2.xml"] == before["xl/worksheets/sheet2.xml"]  # Budget untouched
    assert after["xl/worksheets/sheet4.xml"] == before["xl/worksheets/sheet4.xml"]


def test_set_stage_writes_the_sheets_own_word_in_the_right_row(agency: Path) -> None:
    table = influkit.read_table(str(agency))
    k = table.get("handle").index("tomroussel")
    result = I.write_cells(table, {k: {"stage": "contacted"}})
    assert result["changed"] == 1 and result["backup"]
    rows = _rows(agency, "Prospects")
    assert rows[4][6] == "Contacté"  # Tom's row (sheet row 5), the Statut column
    assert [r[6] for r in rows[3:8]] == ["Contacté", "Contacté", "Signé", "A répondu", "Pas de réponse"]
    assert _header(agency) == _header(agency)[:10]  # no column added
    wb = openpyxl.load_workbook(agency)
    assert len(wb["Prospects"].data_validations.dataValidation) == 1


def test_set_stage_in_an_english_sheet_and_a_sheet_without_status(tmp_path: Path) -> None:
    path = tmp_path / "en.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Name", "Handle", "Followers"])
    ws.append(["Lea", "@lea", 1000])
    wb.save(path)
    table = influkit.read_table(str(path))
    I.write_cells(table, {0: {"stage": "deal"}}, backup=False)
    assert _header(path, "Sheet", 1) == ["Name", "Handle", "Followers", "Status"]
    assert _rows(path, "Sheet")[1][3] == "Signed"
    I.write_cells(influkit.read_table(str(path)), {0: {"stage": "published"}}, backup=False)
    assert _header(path, "Sheet", 1) == ["Name", "Handle", "Followers", "Status"]
    assert _rows(path, "Sheet")[1][3] == "Published"


# ------------------------------------------------------------------------------------------ CSV


@pytest.mark.parametrize("cells,comma", [
    ("@lea;15.000;3,4 %", True),  # a dot before three digits is a thousands separator as much as a decimal
    ("@lea;1.200,50;0,034", True),
    ("@lea;15,000;3.4%", False),
    ("@lea;15000;0.034", False),
])
def test_csv_in_place_takes_the_decimal_mark_the_numbers_show(tmp_path: Path, cells: str, comma: bool) -> None:
    """The decimal mark of the numbers influkit writes into a `;` CSV is the one the file's numbers show;
    "15.000" (thousands) says nothing, "1.200,50" says comma, "0.034" says point."""
    path = tmp_path / "a.csv"
    path.write_bytes(f"Pseudo;Abonnés;Taux\r\n{cells}\r\n".encode())
    I.write_back(influkit.enrich(str(path), store=None, offline=True, platform="instagram"), backup=False)
    row = path.read_bytes().decode("utf-8").split("\r\n")[1].split(";")
    written = [v for v in row[3:] if re.fullmatch(r"-?\d+[.,]\d+", v)]
    assert written and all(("," in v) == comma for v in written), row


def test_csv_in_place_keeps_encoding_delimiter_quoting_and_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    text = ('"Nom";"Abonnés";"Likes moyens";"Notes"\r\n"Léa";"12 500";"400";"a;b"\r\n'
            '"Tom";"3000";"90";"deux\r\nlignes"\r\n')
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    I.write_back(influkit.enrich(str(path), store=None, offline=True), backup=False)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].decode("utf-8").split("\r\n")
    assert lines[0].startswith('"Nom";"Abonnés";"Likes moyens";"Notes";"Taux d\'engagement";')
    assert lines[1].startswith('"Léa";"12 500";"400";"a;b";"0,032";')  # decimal comma like the file
    assert lines[2] == '"Tom";"3000";"90";"deux' and lines[3].startswith('lignes";"0,03";')
    width = lines[0].count(";")
    I.write_back(influkit.enrich(str(path), store=None, offline=True), backup=False)
    again = path.read_bytes()[3:].decode("utf-8").split("\r\n")
    assert again[0].count(";") == width and again == lines


def test_csv_in_place_cp1252_unquoted_lf(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes("Nom,Abonnés,Likes moyens\nLéa,12500,400\nZoé,1000,5".encode("cp1252"))
    I.write_back(influkit.enrich(str(path), store=None, offline=True), columns=["tier"], backup=False)
    assert path.read_bytes() == "Nom,Abonnés,Likes moyens,Palier\nLéa,12500,400,micro\nZoé,1000,5,nano".encode(
        "cp1252")


# --------------------------------------------------------------------------------------- safety


def test_backup_is_numbered(agency: Path) -> None:
    table = influkit.enrich(str(agency), store=None, offline=True)
    first = I.write_back(table)["backup"]
    second = I.write_back(table)["backup"]
    assert first.endswith("agence.bak.xlsx") and second.endswith("agence.bak2.xlsx")


@pytest.mark.parametrize("lock", ["~$agence.xlsx", ".~lock.agence.xlsx#"])
def test_open_in_excel_or_libreoffice_is_refused(agency: Path, lock: str) -> None:
    table = influkit.enrich(str(agency), store=None, offline=True)
    before = agency.read_bytes()
    (agency.parent / lock).write_text("user", encoding="utf-8")
    with pytest.raises(InfluError, match="open in Excel or LibreOffice"):
        I.write_back(table)
    assert agency.read_bytes() == before and not list(agency.parent.glob("*.bak*"))


def test_read_only_workbook_is_refused(agency: Path) -> None:
    table = influkit.enrich(str(agency), store=None, offline=True)
    before = agency.read_bytes()
    agency.chmod(0o444)
    try:
        with pytest.raises(InfluError, match="read-only"):
            I.write_back(table)
    finally:
        agency.chmod(0o644)
    assert agency.read_bytes() == before


def test_file_changed_on_disk_is_refused(agency: Path) -> None:
    stamp = I.file_stamp(str(agency))
    table = influkit.enrich(str(agency), store=None, offline=True)
    wb = openpyxl.load_workbook(agency)
    wb["Archive"]["A5"] = "added by a colleague"
    wb.save(agency)
    before = agency.read_bytes()
    with pytest.raises(InfluError, match="changed on disk"):
        I.write_back(table, expected=stamp)
    assert agency.read_bytes() == before


def test_workbooks_influkit_cannot_rewrite_are_refused(tmp_path: Path, agency: Path) -> None:
    table = influkit.enrich(str(agency), store=None, offline=True)
    encrypted = tmp_path / "secret.xlsx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(InfluError, match="password"):
        I.write_back(table, str(encrypted))
    for name in ("old.xls", "calc.ods"):
        (tmp_path / name).write_bytes(b"x")
        with pytest.raises(InfluError, match="save it as xlsx"):
            I.write_back(table, str(tmp_path / name))
    odd = tmp_path / "odd.xlsx"
    shutil.copy(agency, odd)
    with zipfile.ZipFile(odd, "a") as z:
        z.writestr("xl/mystery.bin", b"\0\1")
    before = odd.read_bytes()
    with pytest.raises(InfluError, match="mystery.bin"):
        I.write_back(table, str(odd))
    assert odd.read_bytes() == before


def test_headers_not_where_the_table_says_is_refused(agency: Path) -> None:
    table = influkit.enrich(str(agency), store=None, offline=True)
    table.meta["header_row"] = 4
    for layout in table.meta["layout"]:  # (each tab's own header row is what the writer goes by)
        layout["header_row"] = 4
    before = agency.read_bytes()
    with pytest.raises(InfluError, match="headers influkit read"):
        I.write_back(table)
    assert agency.read_bytes() == before


def test_killed_in_place_run_leaves_the_workbook_intact(agency: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Name", "Followers", "Average likes", "Bio"])
    for i in range(20000):
        ws.append([f"p{i}", 1000 + i, 50, "x" * 200])
    wb.save(big)
    before = big.read_bytes()
    script = (
        "import influkit, sys, time\n"
        "from influkit.io import inplace as I\n"
        "from influkit.io import xlsx as X\n"
        "t = influkit.enrich(sys.argv[1], store=None, offline=True)\n"
        "orig = X.encode_column\n"
        "def slow(*a, **k):\n"
        "    time.sleep(0.05)\n"
        "    return orig(*a, **k)\n"
        "X.encode_column = slow\n"
        "print('go', flush=True)\n"
        "I.write_back(t, backup=False)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(big)], stdout=subprocess.PIPE)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == b"go"
    import time

    deadline = time.time() + 30
    while not list(tmp_path.glob(".big.xlsx.*.part")) and time.time() < deadline:
        time.sleep(0.02)
    proc.kill()
    proc.wait()
    assert big.read_bytes() == before
    assert list(tmp_path.glob(".big.xlsx.*.part"))  # what the killed run left...
    I.write_back(influkit.enrich(str(big), store=None, offline=True), backup=False, columns=["tier"])
    assert not list(tmp_path.glob("*.part"))  # ...the next run removed
    assert os.path.getsize(big) > 0 and _rows(big, "Sheet")[1][4] == "nano"


def test_update_cells_low_level(tmp_path: Path) -> None:
    path = tmp_path / "s.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Liste"
    ws.append(["Nom", "Statut", "Date de contact"])
    ws.append(["Léa", "Repéré", None])
    wb.save(path)
    I.update_cells(str(path), [I.CellChange(row=2, column="stage", value="contacted", sheet="Liste", header="Statut"),
                               I.CellChange(row=2, column="contacted_on", value=dt.date(2026, 3, 5), sheet="Liste")],
                   backup=False)
    ws2 = openpyxl.load_workbook(path)["Liste"]
    assert ws2["B2"].value == "Contacté" and ws2["C2"].value == dt.datetime(2026, 3, 5)
    assert [c.value for c in ws2[1]] == ["Nom", "Statut", "Date de contact"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (optional check)")
def test_libreoffice_opens_the_edited_workbook(agency: Path, tmp_path: Path) -> None:
    I.write_back(influkit.enrich(str(agency), store=None, offline=True), backup=False)
    out = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", "--convert-to", "csv", "--outdir", str(out), str(agency)],
                   check=True, capture_output=True, timeout=180)
    text = (out / "agence.csv").read_bytes().decode("latin-1")
    assert "Taux d'engagement" in text and str(ROWS[0][2]) in text and "micro" in text


def test_cli_enrich_score_links_in_place_and_library_parity(agency: Path, tmp_path: Path) -> None:
    """`influkit enrich/score/links FILE --in-place` from the command line: the other parts stay
    byte-identical, a second run updates instead of adding, and the CLI writes what the library call
    `influkit.enrich(FILE, in_place=True)` writes."""
    from typer.testing import CliRunner

    from influkit.cli.app import app

    runner = CliRunner()
    brand = str(Path(__file__).resolve().parents[1] / "examples" / "brand.toml")
    before = members(agency)
    twin = tmp_path / "twin.xlsx"
    shutil.copy(agency, twin)
    first = runner.invoke(app, ["enrich", str(agency), "--in-place", "--offline", "--no-store"])
    assert first.exit_code == 0, first.output
    assert "columns added" in first.stderr and "backup:" in first.stderr
    after = members(agency)
    assert {n for n in before if before[n] != after.get(n)} <= CHANGED | {"xl/worksheets/_rels/sheet1.xml.rels"}
    header = _header(agency)
    second = runner.invoke(app, ["enrich", str(agency), "--in-place", "--offline", "--no-store"])
    assert second.exit_code == 0 and "0 columns added" in second.stderr
    assert _header(agency) == header
    influkit.enrich(str(twin), in_place=True, offline=True, store=None)
    assert _header(twin) == header and _rows(twin, "Prospects") == _rows(agency, "Prospects")
    scored = runner.invoke(app, ["score", str(agency), "--brand", brand, "--in-place", "--no-store"])
    assert scored.exit_code == 0, scored.output
    assert "Score" in _header(agency) and "Rang" in _header(agency)
    linked = runner.invoke(app, ["links", str(agency), "--url", "https://shop.example/p", "--campaign", "c1",
                                 "--in-place", "--no-store"])
    assert linked.exit_code == 0, linked.output
    assert any(str(h).startswith("Code promo") for h in _header(agency))
    refused = runner.invoke(app, ["enrich", "-", "--in-place", "--no-store"], input=b"a,b\n")
    assert refused.exit_code == 2 and "--in-place needs a FILE" in refused.stderr


def test_cli_set_sheet_records_the_stage_and_writes_it_in_the_row(agency: Path, tmp_path: Path) -> None:
    """`influkit set HANDLE --stage ... --sheet FILE`: a dated stage event in the workspace, and the
    stage in the sheet's own words (with its date) in that creator's row; an unknown handle changes
    nothing, neither the workspace nor the workbook."""
    from typer.testing import CliRunner

    from influkit.cli.app import app

    runner = CliRunner()
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(agency), offline=True, store=db)
    done = runner.invoke(app, ["set", "tomroussel", "--stage", "contacted", "--on", "2026-03-05", "--sheet",
                               str(agency), "--db", db, "-f", "json"])
    assert done.exit_code == 0, done.output
    rows = _rows(agency, "Prospects")
    assert rows[4][6] == "Contacté" and rows[4][7] == dt.date(2026, 3, 5)  # Statut, Date de contact
    assert [r[6] for r in rows[5:8]] == ["Signé", "A répondu", "Pas de réponse"]  # the other rows untouched
    assert (agency.parent / "agence.bak.xlsx").exists()
    events = influkit.funnel(store=db).to_dict()
    assert events["stages"][1]["reached"] >= 2  # contacted: Léa and now Tom
    before_book, before_ws = members(agency), influkit.creator("tomroussel", store=db).to_dict()
    unknown = runner.invoke(app, ["set", "tomroussel", "nobody.here", "--stage", "deal", "--sheet", str(agency),
                                  "--db", db])
    assert unknown.exit_code == 2  # two handles: a usage error before anything is read
    missing = runner.invoke(app, ["set", "-", "--stage", "deal", "--sheet", str(agency), "--db", db],
                            input="tomroussel\nnobody.here\n")
    assert missing.exit_code == 1 and "nobody.here" in missing.stderr
    assert members(agency) == before_book
    assert influkit.creator("tomroussel", store=db).to_dict() == before_ws


def test_set_sheet_writes_the_teams_own_words_and_keeps_what_the_row_already_says(tmp_path: Path) -> None:
    """A team writes "OK signé", "refus", "relancé": `set --sheet` writes a stage in the word the team uses
    for it, and a row that already says the stage ("relancé" is contacted) keeps its word and its first
    contact date."""
    from typer.testing import CliRunner

    from influkit.cli.app import app

    path = tmp_path / "equipe.csv"
    path.write_text("Nom;Compte;Réseau;Statut;Date de contact\n"
                    "Ana;ana.b;Instagram;OK signé;\nBen;ben.c;Instagram;relancé;01/11/2026\n"
                    "Cyd;cyd.d;Instagram;refus;\nDan;dan.e;Instagram;à contacter;\nEve;eve.f;Instagram;relancé;\n",
                    encoding="utf-8")
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(path), offline=True, store=db)
    runner = CliRunner()
    for args in (["dan.e", "--stage", "deal"], ["ben.c", "--stage", "contacted", "--on", "2026-12-01"]):
        done = runner.invoke(app, ["set", *args, "--sheet", str(path), "--db", db])
        assert done.exit_code == 0, done.output
    assert "already says it: nothing written" in done.stderr
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[2] == "Ben;ben.c;Instagram;relancé;01/11/2026;"  # its word and first contact stand (+ the new column)
    assert lines[4].startswith("Dan;dan.e;Instagram;OK signé;")  # the team's word for a deal


def test_csv_in_place_cp1252_writes_what_it_lacks_the_nearest_way(tmp_path: Path) -> None:
    """French numbers in influkit's sentences use a narrow no-break space, which cp1252 lacks: a space, not "?"."""
    path = tmp_path / "p.csv"
    path.write_bytes("Nom;Abonnés;Likes moyens\r\nLéa;12500;400\r\nZoé;1000;5\r\n".encode("cp1252"))
    I.write_back(influkit.enrich(str(path), store=None, offline=True), columns=["price_method"], backup=False)
    text = path.read_bytes().decode("cp1252")
    assert text.startswith("Nom;Abonnés;Likes moyens;")
    assert "pour 1 000" in text and "?" not in text


def test_the_fold_keeps_letters_and_says_question_mark_for_the_rest() -> None:
    from influkit.io import csvinplace  # noqa: F401  (registers the handler)

    text = "\u0142\u00f3d\u017a \u200d 1\u202f000 \u20ac"  # łódź, a zero-width joiner, 1 000 with a narrow space, €
    assert text.encode("cp1252", "influkit-fold") == "?\u00f3dz ? 1 000 \u20ac".encode("cp1252")


def test_in_place_the_summary_names_no_url_column_it_did_not_write(tmp_path: Path) -> None:
    """A new table gets "<header> (URL)" beside a column with links behind its cells; written in place, the
    sheet keeps its links itself, and the summary says nothing of such a column."""
    from sheetmaker import link, xlsx

    path = xlsx(tmp_path / "k.xlsx", {"S": [
        ["Nom", "Lien", "Site"],
        ["Alice", "https://www.instagram.com/alice.cook/", link("voir le site", "https://alice.example/")],
    ]})
    fresh = influkit.enrich(str(path), store=None, offline=True)
    assert "Site (URL)" in fresh.meta["summary"].kept
    table = influkit.enrich(str(path), store=None, offline=True, in_place=True)
    summary = table.meta["summary"]
    assert summary.kept == ["Site"] and not any("(URL)" in line for line in summary.lines(table))
    with zipfile.ZipFile(path) as z:
        assert "Site (URL)" not in z.read("xl/worksheets/sheet1.xml").decode("utf-8")


def _two_tabs(path: Path) -> Path:
    """Two tabs whose headers are on different rows (a title row above the first tab's)."""
    wb = openpyxl.Workbook()
    a = wb.active
    assert a is not None
    a.title = "Instagram"
    for row in (["Prospects IG"], ["Pseudo", "Abonnés", "Statut"], ["@lea.v", "12 500", "Contacté"],
                ["@tom.c", "3 400", "Repéré"]):
        a.append(row)
    b = wb.create_sheet("TikTok")
    for row in (["Pseudo", "Abonnés", "Statut"], ["@zoe.fit", "9 800", "Repéré"], ["@max.g", "50 000", "Contacté"],
                ["@ana.b", "7 000", "Refusé"]):
        b.append(row)
    wb.save(path)
    return path


def test_each_tab_is_written_below_its_own_header_row(tmp_path: Path) -> None:
    """`enrich --sheet all --in-place` and `set --sheet` on tabs whose header rows differ: each tab's
    columns go on its own header row, each change in its own row; no data row is overwritten, and a
    second run updates instead of eating a row."""
    from typer.testing import CliRunner

    from influkit.cli.app import app

    book = _two_tabs(tmp_path / "two.xlsx")
    runner = CliRunner()
    for _ in range(2):
        done = runner.invoke(app, ["enrich", str(book), "--sheet", "all", "--in-place", "--no-store", "--offline"])
        assert done.exit_code == 0, done.output
    ig, tt = _rows(book, "Instagram"), _rows(book, "TikTok")
    assert ig[1][:4] == ["Pseudo", "Abonnés", "Statut", "Taux d'engagement"] and ig[2][:3] == ["@lea.v", "12 500", "Contacté"]
    assert tt[0][:4] == ["Pseudo", "Abonnés", "Statut", "Taux d'engagement"]
    assert [r[:3] for r in tt[1:4]] == [["@zoe.fit", "9 800", "Repéré"], ["@max.g", "50 000", "Contacté"],
                                        ["@ana.b", "7 000", "Refusé"]]
    assert "wrote into" in done.stderr and "0 columns added" in done.stderr
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(book), sheet="all", offline=True, store=db)
    influkit.set_stage("zoe.fit", stage="contacted", on="2026-03-05", sheet=str(book), store=db)
    tt = _rows(book, "TikTok")
    assert tt[1][2] == "Contacté" and [r[2] for r in tt[2:4]] == ["Contacté", "Refusé"] and tt[0][2] == "Statut"


def test_a_note_goes_into_each_tabs_own_notes_column(tmp_path: Path) -> None:
    """Tabs read together whose notes columns are named differently ("Notes internes", "Remarques"): a
    note set on a creator goes into the notes column of that creator's tab, no "Notes" column is added."""
    path = tmp_path / "two.xlsx"
    wb = openpyxl.Workbook()
    a = wb.active
    assert a is not None
    a.title = "Instagram"
    for row in (["Nom", "Profil", "Abonnés", "Notes internes"], ["Léa", "@lea", "12 500", "à relancer"]):
        a.append(row)
    b = wb.create_sheet("TikTok")
    for row in (["Nom", "Compte", "Followers", "Remarques"], ["Tom", "@tom", "310 000", "pro"]):
        b.append(row)
    wb.save(path)
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(path), sheet="all", offline=True, store=db)
    influkit.set_stage("lea", note="veut 1000 €", sheet=str(path), store=db)
    influkit.set_stage("tom", note="ok pour mars", sheet=str(path), store=db)
    ig, tt = _rows(path, "Instagram"), _rows(path, "TikTok")
    assert ig[0] == ["Nom", "Profil", "Abonnés", "Notes internes"] and tt[0] == ["Nom", "Compte", "Followers", "Remarques"]
    assert ig[1][3].startswith("à relancer ; ") and ig[1][3].endswith("veut 1000 €")
    assert tt[1][3].startswith("pro ; ") and tt[1][3].endswith("ok pour mars")


def test_a_sheet_that_cannot_be_written_leaves_the_workspace_as_it_was(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """`set --sheet`: the sheet is written inside the workspace's transaction, so when writing it fails
    the stage is not recorded either (nothing changed, as the README says)."""
    book = _two_tabs(tmp_path / "two.xlsx")
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(book), sheet="all", offline=True, store=db)
    before = influkit.creator("zoe.fit", store=db).to_dict()

    def fail(*_: Any, **__: Any) -> dict[str, Any]:
        raise InfluError("the file changed during the run", file=str(book))

    monkeypatch.setattr(I, "write_cells", fail)
    with pytest.raises(InfluError, match="changed during the run"):
        influkit.set_stage("zoe.fit", stage="deal", sheet=str(book), store=db)
    assert influkit.creator("zoe.fit", store=db).to_dict() == before


@pytest.mark.parametrize("contacted, fmt, expected", [
    (dt.date(2026, 2, 14), "d mmm yyyy", "d mmm yyyy"),  # the sheet's date cells: their format
    ("14/02/2026", None, "dd/mm/yyyy"),  # dates written as text in a French sheet: day first
])
def test_a_date_column_set_adds_looks_like_the_sheets_dates(tmp_path: Path, contacted: Any, fmt: str | None,
                                                            expected: str) -> None:
    path = tmp_path / "d.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Nom", "Pseudo", "Réseau", "Statut", "Date de contact"])
    ws.append(["Léa", "@lea.v", "Instagram", "Contacté", contacted])
    ws.append(["Tom", "@tom.c", "Instagram", "Repéré", None])
    if fmt:
        ws.cell(2, 5).number_format = fmt
    wb.save(path)
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(path), offline=True, store=db)
    influkit.set_stage("lea.v", stage="deal", on="2026-11-20", sheet=str(path), store=db)
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    assert sheet.cell(1, 6).value == "Date de signature"
    added = sheet.cell(2, 6)
    assert added.value == dt.datetime(2026, 11, 20) and added.number_format == expected
    assert sheet.cell(2, 5).value == contacted if isinstance(contacted, str) else sheet.cell(2, 5).number_format == fmt


def _priced_book(path: Path) -> Path:
    """A team's sheet: prices as numbers formatted `#,##0 "€"` beside prices written as text, a TOTAL summing
    them, and a status merged down over a person's two accounts."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Liste"
    ws.append(["Nom", "Pseudo", "Réseau", "Statut", "Tarif"])
    ws.append(["Léa", "lea.v", "Instagram", "Repérée", 450])
    ws.append(["Lou", "lou.g", "Instagram", "Contacté", 300])
    ws.append(["Lou", "lou.g", "TikTok", None, "300-500 €"])
    ws.append(["Max", "max.run", "Instagram", "Repéré", "2 500 €"])
    ws.merge_cells("D3:D4")
    for cell in ("E2", "E3"):
        ws[cell].number_format = '#,##0 "€"'
    wb.save(path)
    return path


def test_set_sheet_keeps_a_number_cell_a_number_in_its_own_format(tmp_path: Path) -> None:
    """Found by a new user: `set --price` wrote '500 €' as text into a number cell formatted `#,##0 "€"`
    (a SUM then skips it) because other cells of the column are text; a number cell stays a number, in
    its own format, and a text cell stays text in its column's way."""
    from typer.testing import CliRunner

    from influkit.cli.app import app

    book = _priced_book(tmp_path / "p.xlsx")
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(book), offline=True, store=db)
    runner = CliRunner()
    for handle, price in (("lea.v", "500 €"), ("max.run", "2 800 €")):
        done = runner.invoke(app, ["set", handle, "--platform", "instagram", "--price", price, "--sheet", str(book),
                                   "--db", db])
        assert done.exit_code == 0, done.output
    ws = openpyxl.load_workbook(book)["Liste"]
    assert ws["E2"].value == 500 and ws["E2"].number_format == '#,##0 "€"'
    assert ws["E5"].value == "2 800 €"


def test_set_sheet_refuses_a_cell_hidden_under_a_merged_status(tmp_path: Path) -> None:
    """Found by a new user: a stage for one of a person's two accounts was written into the second cell of
    a status merged over both, which the sheet never shows; refused, nothing changed; both accounts at
    once go into the range's first cell."""
    from typer.testing import CliRunner

    from influkit.cli.app import app

    book = _priced_book(tmp_path / "p.xlsx")
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(book), offline=True, store=db)
    before = book.read_bytes()
    runner = CliRunner()
    one = runner.invoke(app, ["set", "lou.g", "--platform", "tiktok", "--stage", "negotiating", "--sheet", str(book),
                              "--db", db])
    assert one.exit_code == 1
    assert "cell D4 is in the merged range D3:D4" in one.stderr and "nothing was changed" in one.stderr
    assert book.read_bytes() == before
    assert influkit.creator("lou.g", platform="tiktok", store=db).to_dict()["campaigns"][0]["stage"] != "negotiating"
    both = runner.invoke(app, ["set", "-", "--stage", "negotiating", "--sheet", str(book), "--db", db],
                         input="instagram:lou.g\ntiktok:lou.g\n")
    assert both.exit_code == 0, both.output
    ws = openpyxl.load_workbook(book)["Liste"]
    assert ws["D3"].value == "En négociation" and "D3:D4" in {str(r) for r in ws.merged_cells.ranges}


def _styled_rates_book(path: Path) -> Path:
    from openpyxl.styles import Font, PatternFill

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Prospects"
    ws.append(["Name", "Platform", "Handle", "Followers", "Status", "Rate"])
    for row in (("Hannah", "Instagram", "hannah.paints", 12000, "To contact", "$300/post"),
                ("Pete", "Instagram", "partypete", 30000, "Contacted", "1,500 USD"),
                ("Gary", "TikTok", "garyuk", 8000, None, "£250"),
                ("Lou", "Instagram", "lou.l", 20000, None, "700 € / 2 posts")):
        ws.append(list(row))
    for ref in ("E2", "F2"):  # the team's own highlighting of a row
        ws[ref].font = Font(bold=True, color="FFFF0000")
        ws[ref].fill = PatternFill("solid", fgColor="FFFFFF00")
    wb.save(path)
    return path


def test_set_sheet_price_keeps_its_own_currency_in_a_column_of_several(tmp_path: Path) -> None:
    """Found by a new user: in a column of "$300/post", "1,500 USD" and "£250", `set --price "£300"` wrote
    "300 USD" and "650 €" became "$650/post": a cell's shape was followed whatever its currency. The shape
    is now followed only in its own currency (the row's cell first), else the price is written with its
    own; read back, each price has the currency it was given."""
    from typer.testing import CliRunner

    from influkit.cli.app import app

    book = _styled_rates_book(tmp_path / "rates.xlsx")
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(book), offline=True, store=db)
    runner = CliRunner()
    for handle, price in (("hannah.paints", "1000 USD"), ("partypete", "£300"), ("garyuk", "300 USD"),
                          ("lou.l", "650 €")):
        done = runner.invoke(app, ["set", handle, "--price", price, "--sheet", str(book), "--db", db])
        assert done.exit_code == 0, done.output
    ws = openpyxl.load_workbook(book)["Prospects"]
    assert [ws[f"F{r}"].value for r in range(2, 6)] == ["$1000/post", "£300", "$300/post", "€650"]
    back = influkit.enrich(str(book), offline=True, store=None)
    assert list(zip(back.get("price_quoted"), back.get("currency"), strict=True)) == [
        (1000, "USD"), (300, "GBP"), (300, "USD"), (650, "EUR")]


@pytest.mark.parametrize("second_tab", [None, "TikTok", "Autres"])
def test_set_sheet_price_follows_its_tabs_column_whatever_the_other_tabs(tmp_path: Path, second_tab: str | None) -> None:
    """Found by a new user: with a second list tab naming its price column otherwise ("Cachet" beside
    "Tarif"), `set --price "700 €" --sheet` wrote the number 700.0 over "600 €" and 450.0 over
    "350 € HT" (the HT lost): the tabs read together named the column "Tarif | Cachet", which no tab
    has, so no cell of the column was seen. Each tab's own column of that field decides."""
    book = tmp_path / "agence.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Instagram"
    ws.append(["Créateur", "Profil", "Abonnés", "Tarif", "Statut"])
    ws.append(["Léa", "https://www.instagram.com/lea.vernoux/", "12 500", "350 € HT", "Contacté"])
    ws.append(["Sarah", "https://www.instagram.com/sarahbeaute/", "30 000", "600 €", "En négo"])
    if second_tab is not None:
        other = wb.create_sheet(second_tab)
        other.append(["Pseudo", "Réseau", "Abonnés", "Cachet", "Statut"])
        other.append(["@dansemax", "TikTok", "850k", "1 500 €", "Signé"])
    wb.save(book)
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(book), offline=True, store=db, sheet="all")
    influkit.set_stage("sarahbeaute", price="700 €", store=db, sheet=str(book))
    influkit.set_stage("lea.vernoux", price="450 € HT", store=db, sheet=str(book))
    if second_tab is not None:
        influkit.set_stage("dansemax", platform="tiktok", price="1800 €", store=db, sheet=str(book))
    saved = openpyxl.load_workbook(book)
    assert [saved["Instagram"][ref].value for ref in ("D2", "D3")] == ["450 € HT", "700 €"]
    if second_tab is not None:
        assert saved[second_tab]["D2"].value == "1 800 €"


def test_set_sheet_keeps_the_cells_own_look_when_it_writes_a_word(tmp_path: Path) -> None:
    """Found by a new user: a status and a rate in bold red on yellow lost their font and fill (and the
    rate took a number format) when `set --sheet` wrote a new word into them. A text written over a cell
    of the user's keeps that cell's style."""
    book = _styled_rates_book(tmp_path / "rates.xlsx")
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(book), offline=True, store=db)
    influkit.set_stage("hannah.paints", stage="contacted", price="$400", sheet=str(book), store=db)
    ws = openpyxl.load_workbook(book)["Prospects"]
    for ref, value in (("E2", "Contacted"), ("F2", "$400/post")):
        cell = ws[ref]
        assert (cell.value, cell.font.b, cell.font.color.rgb, cell.fill.fgColor.rgb, cell.number_format) == (
            value, True, "FFFF0000", "FFFFFF00", "General")


def test_set_sheet_leaves_the_status_when_the_workspace_keeps_a_later_stage(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by a new user: `set --stage replied --on` a day before the account's current stage
    (contacted, today) is recorded in its history and its current stage stays, but the sheet's status
    became "Replied": the sheet and the workspace disagreed. The status now stays; the stage's own date
    cell is filled only when the sheet has that column."""
    book = _styled_rates_book(tmp_path / "rates.xlsx")
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(book), offline=True, store=db)
    before = zipfile.ZipFile(book).read("xl/worksheets/sheet1.xml")
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-25")
    influkit.set_stage("partypete", stage="contacted", store=db)
    done = influkit.set_stage("partypete", stage="replied", on="2026-03-24", sheet=str(book), store=db)
    assert done.to_dict()["changes"][0]["stage"] == "contacted"
    ws = openpyxl.load_workbook(book)["Prospects"]
    assert ws["E3"].value == "Contacted" and ws.max_column == 6  # no "Replied on" column added
    assert zipfile.ZipFile(book).read("xl/worksheets/sheet1.xml") == before


def test_set_sheet_on_a_csv_keeps_every_line_as_wide_as_the_header(tmp_path: Path) -> None:
    """Found by a new user: `set --stage --sheet` on a CSV added "Date de réponse" to the header and to the
    row it changed only, so the other lines had one field less than the header (a strict reader, like
    PostgreSQL's COPY, refuses them). Every line of the header's width gets the new field, empty; a blank
    line and a line already shorter (a total) stay as they were."""
    path = tmp_path / "fr.csv"
    path.write_bytes("Nom;Réseau;Pseudo;Abonnés;Statut\r\nPaul;Instagram;paul.p;12000;à contacter\r\n"
                     "Marc;Instagram;marc.m;5000;contacté\r\n\r\nLéa;TikTok;lea.t;9000;\r\nTotal;;;26000\r\n".encode())
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(path), offline=True, store=db)
    influkit.set_stage("marc.m", stage="replied", on="2026-03-02", sheet=str(path), store=db)
    lines = path.read_bytes().decode().split("\r\n")
    assert lines == ["Nom;Réseau;Pseudo;Abonnés;Statut;Date de réponse", "Paul;Instagram;paul.p;12000;à contacter;",
                     "Marc;Instagram;marc.m;5000;A répondu;02/03/2026", "", "Léa;TikTok;lea.t;9000;;",
                     "Total;;;26000", ""]


def test_a_table_and_a_filter_grow_wider_never_longer(tmp_path: Path) -> None:
    """Found by a new user: `enrich --in-place` grew an Excel table A1:H5 to A1:AG6, over the Total row
    under it (its own autoFilter left at row 5: a damaged table for Excel), and a sheet filter down over a
    blank row and a TOTAL. A table and a filter take influkit's new columns; their rows stay theirs."""
    from openpyxl.worksheet.table import Table as XlTable

    path = tmp_path / "t.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Name", "Platform", "Handle", "Followers", "Likes"])
    for i in range(4):
        ws.append([f"Creator {i}", "Instagram", f"handle{i}", 1000 * (i + 1), 40 + i])
    ws.append(["Total", None, None, "=SUM(D2:D5)", None])
    ws.add_table(XlTable(displayName="Liste", ref="A1:E5"))
    other = wb.create_sheet("Filtre")
    other.append(["Name", "Platform", "Handle", "Followers"])
    for i in range(3):
        other.append([f"Other {i}", "Instagram", f"other{i}", 500 * (i + 1)])
    other.append([])
    other.append(["TOTAL", None, None, "=SUM(D2:D4)"])
    other.auto_filter.ref = "A1:D4"
    wb.save(path)
    for sheet in ("Sheet", "Filtre"):
        influkit.enrich(str(path), sheet=sheet, offline=True, store=None, in_place=True)
    book = openpyxl.load_workbook(path)
    table = book["Sheet"].tables["Liste"]
    last = openpyxl.utils.get_column_letter(book["Sheet"].max_column)
    assert table.ref == f"A1:{last}5" and table.autoFilter.ref == f"A1:{last}5"
    assert book["Sheet"]["A6"].value == "Total" and book["Sheet"]["D6"].value == "=SUM(D2:D5)"
    other_last = openpyxl.utils.get_column_letter(book["Filtre"].max_column)
    assert book["Filtre"].auto_filter.ref == f"A1:{other_last}4"


def test_check_box_columns_named_after_stages_give_the_stage_and_set_sheet_ticks_them(tmp_path: Path) -> None:
    """Google Sheets check boxes under "Contacté ?", "A répondu", "Deal signé" (booleans in xlsx, TRUE/FALSE
    or "x" in a CSV): each row's stage is the furthest one ticked, the boxes are kept as they are, a status
    column says it first; `set --sheet` ticks the stage's own box (a stage without one gets a status column),
    and the sheet read again says the new stage. A column of notes under such a header is no box column."""
    from typer.testing import CliRunner

    from influkit.cli.app import app
    from influkit.pipeline import read_table

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Suivi"
    for row in (["Nom", "Pseudo", "Réseau", "Abonnés", "Contacté ?", "A répondu", "Deal signé", "Relancé"],
                ["Léa", "lea.v", "Instagram", 12000, True, False, False, "oui, le 3/11"],
                ["Cam", "cam.b", "Instagram", 8000, True, True, False, None],
                ["Inès", "ines", "Instagram", 5000, False, False, False, None],
                ["Tom", "tom", "Instagram", 5000, True, True, True, "non"]):
        ws.append(row)
    path = tmp_path / "suivi.xlsx"
    wb.save(path)
    t = read_table(str(path))
    assert t.get("stage") == ["contacted", "replied", None, "deal"]
    assert t.get("Contacté ?") == [True, True, False, True] and t.get("Relancé")[0] == "oui, le 3/11"
    assert any("check boxes 'Contacté ?', 'A répondu', 'Deal signé'" in n for n in t.meta["notes"])
    csv_path = tmp_path / "suivi.csv"
    csv_path.write_text("Pseudo;Réseau;Statut;Contacté;Posté ?\nlea.v;Instagram;;x;\ncam.b;Instagram;Refusé;x;\n"
                        "tom;TikTok;;X;✓\n", encoding="utf-8")
    c = read_table(str(csv_path))
    assert c.get("stage") == ["contacted", "declined", "published"]  # the status cell first
    assert c.get("Contacté") == ["x", "x", "X"]

    runner = CliRunner()
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(path), offline=True, store=db)
    done = runner.invoke(app, ["set", "lea.v", "--stage", "deal", "--sheet", str(path), "--db", db, "-q"])
    assert done.exit_code == 0, done.output
    back = openpyxl.load_workbook(path)["Suivi"]
    assert [c.value for c in back[2]][:8] == ["Léa", "lea.v", "Instagram", 12000, True, False, True, "oui, le 3/11"]
    assert back["G2"].data_type == "b"  # a boolean, as the sheet's own boxes
    assert [c.value for c in back[3]][:8] == ["Cam", "cam.b", "Instagram", 8000, True, True, False, None]
    assert read_table(str(path)).get("stage")[0] == "deal"
    done = runner.invoke(app, ["set", "ines", "--stage", "negotiating", "--sheet", str(path), "--db", db, "-q"])
    assert done.exit_code == 0, done.output
    again = read_table(str(path))
    assert again.get("stage") == ["deal", "replied", "negotiating", "deal"]
    assert again.get("Deal signé") == [True, False, False, True]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_column_of_values_without_a_header_is_kept_and_written_beside(tmp_path: Path, suffix: str) -> None:
    """A column with values and no header (kept as "column D") has no header to find again in the sheet:
    the in-place write goes ahead, to its right (it was refused: "'column D' is missing")."""
    rows: list[list[Any]] = [["Pseudo", "Réseau", "Abonnés", None], ["@lea1", "Instagram", 12500, "vip"],
                             ["@max2", "Instagram", 8000, "à revoir"]]
    path = _list_file(tmp_path / f"liste{suffix}", rows)
    table = influkit.enrich(str(path), store=None, offline=True, in_place=True)
    assert table.get("column D") == ["vip", "à revoir"]
    added = table.meta["in_place"]["sheets"]
    assert len(next(iter(added.values()))["added"]) > 5
    again = influkit.enrich(str(path), store=None, offline=True, in_place=True)
    assert not next(iter(again.meta["in_place"]["sheets"].values()))["added"]  # updated, not added again
    if suffix == ".csv":
        lines = path.read_text(encoding="utf-8").splitlines()
        header, first = lines[0].split(","), lines[1].split(",")
    else:
        header, first = _header(path, "Sheet", 1), _rows(path, "Sheet")[1]
    assert header[:4] == ["Pseudo", "Réseau", "Abonnés", ""] and header[4] == "Taux d'engagement"
    assert first[3] == "vip" and first[header.index("Palier")] == "micro"


def test_a_refused_in_place_write_leaves_the_workspace_as_it_was(tmp_path: Path) -> None:
    """The sheet is checked before anything is recorded: a refusal that says "nothing was changed" is
    true of the workspace too (a protected sheet was refused after the run was recorded)."""
    path = tmp_path / "protege.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Pseudo", "Réseau", "Abonnés"])
    ws.append(["@lea1", "Instagram", 12500])
    ws.protection.sheet = True
    wb.save(path)
    before = path.read_bytes()
    store = tmp_path / "ws.db"
    with pytest.raises(InfluError, match="protected.*nothing was changed"):
        influkit.enrich(str(path), store=str(store), offline=True, in_place=True)
    assert path.read_bytes() == before and not store.exists()
    with pytest.raises(InfluError, match="protected.*nothing was changed"):
        influkit.links(str(path), url="https://brand.example", store=str(store), in_place=True)
    assert path.read_bytes() == before and not store.exists()


def test_an_in_place_write_refused_after_recording_says_the_run_is_recorded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the sheet check cannot see before the run (the file changed during it, a full disk) is refused
    by the write, after the workspace recorded the run: the message says so, not "nothing was changed"."""
    from influkit import pipeline

    path = tmp_path / "liste.csv"
    path.write_text("Pseudo,Réseau,Abonnés\n@lea1,Instagram,12500\n", encoding="utf-8")

    def refused(*args: Any, **kwargs: Any) -> dict[str, Any]:
        raise InfluError("the file changed on disk (or was opened) during the run: nothing was changed (run "
                         "again)", file=str(path))

    monkeypatch.setattr(pipeline, "write_in_place", refused)
    store = tmp_path / "ws.db"
    with pytest.raises(InfluError) as caught:
        influkit.enrich(str(path), store=str(store), offline=True, in_place=True)
    text = str(caught.value)
    assert "nothing was changed" not in text and "the file was not changed" in text
    assert f"recorded in the workspace ({store})" in text
    with pytest.raises(InfluError) as caught:  # without a workspace, nothing was recorded: said as it was
        influkit.enrich(str(path), store=None, offline=True, in_place=True)
    assert "nothing was changed" in str(caught.value) and "workspace" not in str(caught.value)


def test_a_sheet_whose_elements_carry_a_namespace_prefix_gets_its_cells_in_that_namespace(tmp_path: Path) -> None:
    """`<x:worksheet xmlns:x="...spreadsheetml/2006/main">` (exports written with the .NET Open XML SDK): the
    cells influkit adds take the sheet's prefix. Unprefixed, they were in no namespace: Excel and
    openpyxl saw no new column, and the next run refused the file."""
    import xml.etree.ElementTree as ET

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    plain = _list_file(tmp_path / "plain.xlsx", [["Nom", "Pseudo", "Réseau", "Abonnés", "Likes moy."],
                                                 ["Léa", "@lea1", "Instagram", 12500, 300],
                                                 ["Max", "@max2", "Instagram", 8000, 200]])
    path = tmp_path / "export.xlsx"
    part = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == part:
                text = data.decode().replace(f'xmlns="{main}"', f'xmlns:x="{main}"')
                text = re.sub(r"<(/?)(?![?!])([A-Za-z]+)([\s>/])", r"<\1x:\2\3", text)
                data = text.encode()
            zout.writestr(info, data)
    for run in range(2):
        table = influkit.enrich(str(path), store=None, offline=True, in_place=True)
        done = table.meta["in_place"]["sheets"]["Sheet"]
        assert len(done["updated" if run else "added"]) > 5 and not done["added" if run else "updated"]
        sheet = members(path)[part]
        root = ET.fromstring(sheet)
        assert root.tag == f"{{{main}}}worksheet" and b"<x:worksheet" in sheet  # still the sheet's own prefix
        assert all(e.tag.startswith(f"{{{main}}}") for e in root.iter() if e.tag.rsplit("}", 1)[-1] in (
            "row", "c", "v", "is", "t", "f"))  # every cell in the main namespace
        ws = openpyxl.load_workbook(path).active
        assert ws is not None
        assert ws["F1"].value == "Taux d'engagement" and ws["F2"].value == 0.024
        assert ws.cell(2, [c.value for c in ws[1]].index("Palier") + 1).value == "micro"


def test_a_person_without_any_account_on_a_wide_sheet_adds_no_columns(tmp_path: Path) -> None:
    """One row per person, a group of columns per network: a person with no account (Bob) has nothing
    computed to show, so no column of its own is added (it added a whole unsuffixed set, "Palier",
    "Tendance"..., empty but for Bob's row); only what its row says wrong has a place, its reading issues."""
    path = tmp_path / "talents.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append([None, None, "Instagram", None, None, "TikTok", None, None, None, None])
    ws.append(["Nom", "Ville", "Compte", "Abonnés", "ER", "Compte", "Abonnés", "Vues moy.", "Tarif global",
               "Date de contact"])
    ws.merge_cells("C1:E1")
    ws.merge_cells("F1:H1")
    ws.append(["Léa", "Lyon", "@lea.ig", "12,5k", "3,2%", "@lea.tt", "45k", "20k", "1 500 €", "03/02/2026"])
    ws.append(["Max", "Paris", "@max.ig", "8 000", "2,1%", None, None, None, "400 €", None])
    ws.append(["Bob", "Lille", None, None, None, None, None, None, "gifting", None])
    wb.save(path)
    table = influkit.enrich(str(path), store=None, offline=True, in_place=True)
    added = table.meta["in_place"]["sheets"]["Sheet"]["added"]
    assert added and all(a.endswith((" Instagram", " TikTok")) for a in added)  # the networks' columns only
    assert len([a for a in added if a.endswith(" Instagram")]) == len(added) // 2
    rows = _rows(path, "Sheet")
    assert all(c == "" for c in rows[4][10:])  # nothing computed for Bob
    assert rows[2][rows[1].index("Palier Instagram")] == "micro"
    # a reading issue on the row of a person without an account: one plain issues column holds it
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws is not None
    ws["J5"] = "32/13/2026"
    wb.save(path)
    table = influkit.enrich(str(path), store=None, offline=True, in_place=True)
    assert table.meta["in_place"]["sheets"]["Sheet"]["added"] == ["Problèmes de lecture"]
    rows = _rows(path, "Sheet")
    assert rows[4][-1] == "Date de contact : impossible de lire '32/13/2026'" and all(c == "" for c in rows[4][10:-1])
    assert not influkit.enrich(str(path), store=None, offline=True, in_place=True).meta["in_place"][
        "sheets"]["Sheet"]["added"]
