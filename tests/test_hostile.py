"""Hostile cells never stop the run: a bare CR in a cell, a date cell that makes the Rust reader panic, a
number with thousands of digits, a CSV field over Python's field size limit, a NUL byte in a bio. Each is
an issue on its row and every row reaches the output. A workbook that cannot be read at all is one line.
Also: influkit's own JSON/JSONL read back."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from influkit.cli.app import app
from influkit.errors import InfluError
from influkit.io.read import read_sheet
from influkit.pipeline import enrich, read_table
from sheetmaker import xlsx

runner = CliRunner()


def test_bare_cr_nul_and_huge_fields_in_a_csv(tmp_path: Path) -> None:
    huge = "x" * 200_000
    data = ("Pseudo,Réseau,Abonnés,Bio\r\n"
            "lea,IG,12500,ligne un\rligne deux\r\n"
            "tom,IG,900,bio avec \x00 nul\r\n"
            f"zoe,IG,{'9' * 5000},{huge}\r\n"
            "max,IG,10,ok\r\n").encode()
    p = tmp_path / "hostile.csv"
    p.write_bytes(data)
    t = enrich(str(p), store=None, offline=True)
    assert t.get("handle") == ["lea", "tom", "zoe", "max"]
    assert t.source_rows == [2, 3, 4, 5]
    assert t.get("bio")[0] == "ligne un\nligne deux"
    assert t.get("issues")[0] == "Bio : un retour chariot (CR) seul dans la cellule : lu comme un saut de ligne"
    assert t.get("bio")[1] == "bio avec  nul" and "octets NUL" in t.get("issues")[1]
    assert t.get("followers")[2] is None and "(hors limites)" in t.get("issues")[2]  # French headers: French
    assert len(t.get("bio")[2]) == 200_000 and "une cellule de 200\u202f000 caractères" in t.get("issues")[2]
    assert t.get("issues")[3] is None


def test_a_bare_cr_leaves_the_crlf_of_other_cells_as_they_are(tmp_path: Path) -> None:
    p = tmp_path / "mixed.csv"
    p.write_bytes(b'Pseudo,R\xc3\xa9seau,Bio\r\nlea,IG,"un\r\ndeux"\r\ntom,IG,"a\rb"\r\nmax,IG,"x\ny"\r\n')
    t = enrich(str(p), store=None, offline=True)
    assert t.get("handle") == ["lea", "tom", "max"]
    assert t.get("bio") == ["un\r\ndeux", "a\nb", "x\ny"]  # only the bare CR is read as a line break
    assert t.get("issues")[0] is None and t.get("issues")[2] is None
    assert "retour chariot" in t.get("issues")[1]


def _panicking_workbook(tmp_path: Path) -> Path:
    good = xlsx(tmp_path / "good.xlsx", {"S": [["Nom", "Pseudo", "Réseau", "Date de contact"],
                                              ["Léa", "lea", "IG", 46000], ["Tom", "tom", "IG", 46001],
                                              ["Zoé", "zoe", "IG", 46002]]})
    # give the date column a date format and write a serial no date library can hold: python-calamine panics
    src = zipfile.ZipFile(good)
    out = tmp_path / "panic.xlsx"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/styles.xml":
                text = data.decode()
                text = text.replace('<cellXfs count="1">', '<cellXfs count="2">').replace(
                    "</cellXfs>", '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/>'
                    "</cellXfs>")
                data = text.encode()
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                text = text.replace('<c r="D2" t="n"><v>46000</v>', '<c r="D2" s="1" t="n"><v>46000</v>')
                text = text.replace('<c r="D3" t="n"><v>46001</v>', '<c r="D3" s="1" t="n"><v>-1E+300</v>')
                text = text.replace('<c r="D4" t="n"><v>46002</v>', '<c r="D4" s="1" t="n"><v>46002</v>')
                data = text.encode()
            z.writestr(item, data)
    return out


def test_a_cell_that_makes_the_reader_panic(tmp_path: Path) -> None:
    p = _panicking_workbook(tmp_path)
    from python_calamine import CalamineWorkbook

    with pytest.raises(BaseException) as info:  # noqa: B017 - the very failure influkit must survive
        list(CalamineWorkbook.from_path(str(p)).get_sheet_by_name("S").iter_rows())
    assert type(info.value).__name__ == "PanicException"
    t = read_table(str(p))
    assert t.get("handle") == ["lea", "tom", "zoe"]  # every row, the panicking one read from the XML
    assert t.get("creator") == ["Léa", "Tom", "Zoé"]
    assert t.source_rows == [2, 3, 4]
    assert "made the spreadsheet reader fail" in t.get("issues")[1]
    assert t.get("contacted_on")[1] is None and t.get("contacted_on")[2] is not None


def test_an_unreadable_workbook_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "broken.xlsx"
    good = xlsx(tmp_path / "g.xlsx", {"S": [["Nom", "Pseudo"], ["a", "b"]]})
    raw = good.read_bytes()
    bad.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(InfluError) as info:
        read_sheet(str(bad))
    message = str(info.value)
    assert message.startswith(str(bad)) and "\n" not in message
    assert "not a readable xlsx/ods file" in message or "damaged" in message
    broken_xml = tmp_path / "xml.xlsx"
    shutil.copy(good, broken_xml)
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken_xml, "w") as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            z.writestr(item, data)
    with pytest.raises(InfluError) as info:
        read_sheet(str(broken_xml))
    assert "\n" not in str(info.value) and str(info.value).startswith(str(broken_xml))


@pytest.mark.parametrize("layout", ["indented", "wrapped", "one line"])
def test_an_api_export_of_one_json_object_is_read_however_it_is_laid_out(tmp_path: Path, layout: str) -> None:
    """Found by a new user: `{"data": [...]}` indented, or wrapped onto a second line, was taken for JSON
    Lines (it starts with "{") and, each line failing, read as CSV: garbage rows and no error. One
    document is tried first; JSON Lines only when it is not one."""
    data = {"data": [{"name": "Léa\u2028V", "platform": "instagram", "handle": "lea", "followers": 1200},
                     {"name": "Tom", "platform": "youtube", "handle": "tom", "followers": 5000}]}
    text = {"indented": json.dumps(data, indent=2, ensure_ascii=False),
            "wrapped": json.dumps(data, ensure_ascii=False).replace("}, {", "},\n{"),
            "one line": json.dumps(data, ensure_ascii=False)}[layout]
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    t = read_table(str(path))
    assert (t.get("handle"), t.get("followers")) == (["lea", "tom"], [1200, 5000])
    lines = tmp_path / "export.jsonl"  # one object a line, a U+2028 inside a string no line end
    lines.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data["data"]), encoding="utf-8")
    assert read_table(str(lines)).get("creator") == ["Léa\u2028V", "Tom"]


def test_an_api_export_of_nested_objects_is_read_as_dotted_columns(tmp_path: Path) -> None:
    """An API's records hold objects (`"stats": {"followers": ...}`, `"contact": {"email": ...}`) and
    lists ("interests"), and the list may sit deeper than the top (`{"result": {"items": [...]},
    "paging": {...}}`). Each nested key is a dotted column (read by its last words, as a sheet's header
    "stats.followers"), a list of plain values one text; before, "stats" was one JSON text column and
    the followers were never read."""
    doc = {"paging": {"next": "https://api.example/p2", "cursors": {"after": "x"}},
           "result": {"total": 2, "items": [
               {"username": "ana.cuisine", "platform": "instagram", "stats": {"followers": 24500, "avg": {"likes": 800}},
                "contact": {"email": "ana@ex.fr"}, "interests": ["cuisine", "voyage"], "extra": {}},
               {"username": "bob_fit", "platform": "instagram", "stats": {"followers": 120000, "avg": {"likes": 3100}},
                "contact": {"email": "bob@ex.fr"}, "interests": [], "audience": [{"country": "FR", "share": 0.7}]}]}}
    path = tmp_path / "api.json"
    path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    t = read_table(str(path))
    assert t.get("handle") == ["ana.cuisine", "bob_fit"]
    assert t.get("followers") == [24500, 120000] and t.get("avg_likes") == [800, 3100]
    assert t.get("email") == ["ana@ex.fr", "bob@ex.fr"]
    assert t.get("category") == ["cuisine, voyage", None]  # ("interests": read as the category)
    assert t.get("audience") == [None, '[{"country": "FR", "share": 0.7}]']  # a list of objects: JSON text
    done = runner.invoke(app, ["enrich", str(path), "--offline", "--no-store", "-q", "-f", "json", "-o", "-"])
    assert done.exit_code == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [round(r["engagement_rate"], 4) for r in rows] == [round(800 / 24500, 4), round(3100 / 120000, 4)]
    assert rows == [dict(r) for r in enrich(str(path), offline=True, store=None).records()]
    # one account whose nested part holds a list of objects is one record, not that list (found by review)
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"username": "lea.martin", "platform": "instagram", "stats": {
        "followers": 24500, "top_posts": [{"id": "1", "likes": 300}, {"id": "2", "likes": 200}]}}), encoding="utf-8")
    t = read_table(str(one))
    assert t.get("handle") == ["lea.martin"] and t.get("followers") == [24500]


@pytest.mark.parametrize("name", ["garbage.bin", "garbage.csv", "-"])
def test_random_bytes_are_no_csv_whatever_the_name(tmp_path: Path, name: str) -> None:
    """Found by a new user: 3,000 random bytes (a stray download, a compressed file) were read as a CSV of
    10 rows of mojibake headers, exit 0. Bytes that hold control characters text never holds (beyond the
    binary-file share of the thresholds table) are one error line, exit 1, from a file or stdin."""
    import random

    data = random.Random(7).randbytes(3000)
    path = tmp_path / name
    if name != "-":
        path.write_bytes(data)
    done = runner.invoke(app, ["enrich", name if name == "-" else str(path), "--offline", "--no-store", "-o", "-"],
                         input=data if name == "-" else None)
    assert done.exit_code == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "binary content" in done.stderr
    text = tmp_path / "bio.csv"  # a control character inside a cell is a cell's problem, not a binary file
    text.write_bytes("Pseudo,Abonnés,Bio\nlea,1200,une bio \x01 étrange\ntom,900,\x07 bip\n".encode())
    assert read_table(str(text)).get("handle") == ["lea", "tom"]


@pytest.mark.parametrize("text", ['{"data":[{"handle":"abc","platform":"instagram","followers":1000}',
                                  '{"handle":"a1","platform":"instagram"}\n{"handle":"a3","platf\n',
                                  '[{"handle": "a1"}, {"handle": '])
def test_broken_json_on_stdin_is_an_error_never_csv(text: str) -> None:
    """Found by a new user: a cut JSON download piped in (`cat x.json | influkit enrich -`) was read as a
    CSV of JSON fragments, exit 0, while the same file named .json was an error. Content that starts as
    JSON and does not parse is the JSON error, whatever its name; --from csv reads it as CSV."""
    done = runner.invoke(app, ["enrich", "-", "--offline", "--no-store", "-o", "-"], input=text)
    assert done.exit_code == 1 and done.stdout == ""
    assert "cannot parse as JSON" in done.stderr and "--from csv" in done.stderr
    whole = runner.invoke(app, ["enrich", "-", "--offline", "--no-store", "-o", "-", "-q", "-f", "json"],
                          input='{"handle":"a1","platform":"instagram"}\n{"handle":"a3","platform":"tiktok"}\n')
    assert whole.exit_code == 0 and [r["handle"] for r in json.loads(whole.stdout)] == ["a1", "a3"]


def test_a_json_file_that_is_not_json_is_an_error_naming_its_line(tmp_path: Path) -> None:
    """A file named .json/.jsonl that does not parse is one error naming the line, never CSV rows."""
    path = tmp_path / "broken.jsonl"
    path.write_text('{"handle": "a"}\n{"handle": "b"}\n{"handle": "c",\n', encoding="utf-8")
    with pytest.raises(InfluError, match="line 3 column"):
        read_table(str(path))
    done = runner.invoke(app, ["enrich", str(path), "--offline", "--no-store", "-q", "-o", "-"])
    assert done.exit_code == 1 and "broken.jsonl" in done.stderr and "line 3" in done.stderr


def test_our_own_json_and_jsonl_read_back(tmp_path: Path) -> None:
    p = tmp_path / "list.csv"
    p.write_text("Pseudo;Réseau;Abonnés;Statut;Bio\nlea;IG;12,5 k;Contacté;=1+1 casino\ntom;YT;beaucoup;;\n",
                 encoding="utf-8")
    first = runner.invoke(app, ["enrich", str(p), "-o", "-", "-f", "json", "--no-store", "-q"])
    assert first.exit_code == 0, first.stderr
    direct = json.loads(first.stdout)
    for fmt, text in (("json", first.stdout),
                      ("jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in direct) + "\n")):
        t = read_table("-", stdin=io.BytesIO(text.encode("utf-8")))  # sniffed from the content
        assert t.meta["format"] == "json", fmt
        assert t.get("handle") == ["lea", "tom"] and t.get("followers") == [12500, None]
        assert t.get("bio") == ["=1+1 casino", None]
        assert list(t.records()[0])[:4] == ["platform", "handle", "profile_url", "followers"]
        again = read_table("-", stdin=io.BytesIO(text.encode("utf-8")), input_format="json")
        assert again.get("stage") == ["contacted", None]
    piped = runner.invoke(app, ["enrich", "-", "-o", "-", "-f", "json", "--no-store", "-q"], input=first.stdout)
    assert piped.exit_code == 0, piped.stderr
    rows = json.loads(piped.stdout)
    assert [r["handle"] for r in rows] == ["lea", "tom"]  # not one garbage row per JSON line
    assert rows[0]["issues"] is None and "beaucoup" in (rows[1]["issues"] or "")


def test_old_mac_line_ends_split_rows(tmp_path: Path) -> None:
    """Excel for Mac's "CSV (Macintosh)" ends lines with a CR alone: every row is read (new-user review)."""
    f = tmp_path / "mac.csv"
    f.write_bytes("Nom;Lien;Abonnés;Statut\rLéa;https://www.instagram.com/lea.v;12 500;Contacté\r"
                  "Marc;https://www.tiktok.com/@marc.x;8 300;\rZoé;https://www.instagram.com/zoe.b;1,2 k;Signé\r"
                  "TOTAL;;22 000;\r".encode())
    table = read_table(str(f))
    assert table.get("handle") == ["lea.v", "marc.x", "zoe.b", None]
    assert table.get("followers") == [12500, 8300, 1200, 22000] and table.get("row_kind")[3] == "total"
    assert table.meta["delimiter"] == ";" and not table.issues


def test_a_kept_columns_formula_like_text_round_trips_through_influkits_csv(tmp_path: Path) -> None:
    """New-user review: the apostrophe put before `-5`, `@home`, `=1` in a kept column came back."""
    f = tmp_path / "eq.csv"
    f.write_text("Nom,Lien,Extra\nLéa,https://www.instagram.com/lea.v,-5\n"
                 "Marc,https://www.tiktok.com/@marc.x,@home\nZoé,https://www.instagram.com/zoe.b,=1\n", encoding="utf-8")
    first = runner.invoke(app, ["enrich", str(f), "--no-store", "-q", "-o", "-"])
    assert first.exit_code == 0, first.stderr
    assert "'=1" in first.stdout  # the export is spreadsheet-safe
    again = tmp_path / "again.csv"
    again.write_text(first.stdout, encoding="utf-8")
    assert read_table(str(again)).get("Extra") == ["-5", "@home", "=1"]


def test_a_sheets_own_rate_and_tier_under_influkits_names_are_kept(tmp_path: Path) -> None:
    """Found by a new user: an Airtable, Notion, Upfluence or API export writing `engagement_rate` and `tier`
    lost both (taken for influkit's own output, recomputed, the user's 5.1 % and 'micro' nowhere), while
    `Engagement rate` and `Tier` were kept as the README says. They are kept, as "engagement_rate (sheet)";
    influkit's own output read back (it has er_method, trend...) still adds no column."""
    path = tmp_path / "snake.csv"
    path.write_text("name,handle,platform,followers,avg_likes,engagement_rate,tier\nA,aaa,instagram,200000,4000,5.1%,"
                    "micro\n", encoding="utf-8")
    t = enrich(str(path), offline=True, store=None)
    assert (t.get("engagement_rate (sheet)"), t.get("tier (sheet)")) == (["5.1%"], ["micro"])
    assert (t.get("engagement_rate"), t.get("tier")) == ([0.02], ["mid"])  # influkit's, from the likes
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["enrich", str(path), "--offline", "--no-store", "-q", "-o", str(out)])
    assert done.exit_code == 0, done.stderr
    again = enrich(str(out), offline=True, store=None)
    assert again.columns == t.columns and again.get("engagement_rate (sheet)") == ["5.1%"]


def test_a_formula_saved_without_its_value_is_said_on_its_row(tmp_path: Path) -> None:
    """Found by a new user: a workbook written by openpyxl (formulas saved without their computed value)
    gave empty followers with no issue, "issues: none", and --strict exited 0. Each such cell is an issue
    on its row naming the formula; a formula with its value is read as before."""
    import openpyxl

    path = tmp_path / "script.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Nom", "Réseau", "Pseudo", "Base", "Abonnés", "Likes moy."])
    ws.append(["Léa", "Instagram", "lea.v", 6000, "=D2*2", 300])
    ws.append(["Tom", "Instagram", "tom.c", 5000, 9000, "=D3/50"])
    wb.save(path)
    t = read_table(str(path))
    assert t.get("followers") == [None, 9000] and t.get("avg_likes") == [300, None]
    assert t.get("issues") == ["Abonnés: the formula '=D2*2' was saved without its value (a file written by a "
                               "script): open and save the file in Excel or LibreOffice",
                               "Likes moy.: the formula '=D3/50' was saved without its value (a file written by a "
                               "script): open and save the file in Excel or LibreOffice"]
    done = runner.invoke(app, ["enrich", str(path), "--offline", "--no-store", "--strict", "-q", "-o", "-"])
    assert done.exit_code == 1 and "row 2, column 'Abonnés'" in done.stderr
    saved = tmp_path / "excel.xlsx"  # the same cell as Excel saves it, with its value: read, no issue
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(saved, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>D2*2</f><v />", b"<f>D2*2</f><v>12000</v>").replace(
                    b"<f>D3/50</f><v />", b"<f>D3/50</f><v>100</v>")
            dst.writestr(item, data)
    again = read_table(str(saved))
    assert again.get("followers") == [12000, 9000] and again.get("avg_likes") == [300, 100]
    assert again.get("issues") == [None, None]


def test_formula_error_cells_are_issues_on_their_rows_never_blank_rows(tmp_path: Path) -> None:
    """A row of #REF! (a broken IMPORTRANGE) and #N/A, #DIV/0!, #VALUE!, #NAME?, #NUM! cells, as Excel and
    Google Sheets save them (error cells, which python-calamine reads as empty text), and the localized
    spellings a LibreOffice CSV export has: an issue naming the column and the error in every column
    influkit reads, the text kept in a column it only keeps, the row never blank, --strict stops."""
    import openpyxl

    from influkit.labels import prose

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for row in (["Nom", "Pseudo", "Abonnés", "Ville"],
                ["Léa", "lea.v", 1000, "Lyon"],
                ["#REF!", "#REF!", "#REF!", "#REF!"],
                ["Cam", "#N/A", 2000, "#DIV/0!"],
                ["Inès", "ines_s", "#VALUE!", "#NAME?"],
                ["Théo", "theo.g", "#NUM!", "Nantes"]):
        ws.append(row)
    assert ws["A3"].data_type == "e"  # (an error cell, not text)
    path = tmp_path / "err.xlsx"
    wb.save(path)
    t = read_table(str(path), platform="instagram")
    assert len(t) == 5 and t.source_rows == [2, 3, 4, 5, 6] and t.meta["blank_rows"] == 0
    assert t.get("handle") == ["lea.v", None, None, "ines_s", "theo.g"]
    assert t.get("followers") == [1000, None, 2000, None, None]
    assert t.get("Ville") == ["Lyon", "#REF!", "#DIV/0!", "#NAME?", "Nantes"]  # kept as the sheet shows it
    issues = t.get("issues")
    assert issues[0] is None
    assert issues[1] == "; ".join(f"{h}: a formula error #REF! (the cell's formula failed)"
                                  for h in ("Nom", "Pseudo", "Abonnés"))
    assert issues[2] == "Pseudo: a formula error #N/A (the cell's formula failed)"
    assert issues[3] == "Abonnés: a formula error #VALUE! (the cell's formula failed)"
    assert issues[4] == "Abonnés: a formula error #NUM! (the cell's formula failed)"
    assert prose(issues[2], "fr", issues=True, headers=frozenset({"Pseudo"})) == (
        "Pseudo : une erreur de formule #N/A (la formule de la cellule a échoué)")
    done = runner.invoke(app, ["enrich", str(path), "--offline", "--no-store", "--strict", "-q", "-o", "-"])
    assert done.exit_code == 1 and "row 3, column 'Nom'" in done.stderr

    csv_path = tmp_path / "libreoffice.csv"  # a French LibreOffice's CSV export
    csv_path.write_text("Nom;Pseudo;Abonnés;ER;Ville\nLéa;lea.v;1000;2,5 %;Lyon\nCam;#N/D;Err:502;#VALEUR!;Err:504\n"
                        "Inès;#NOM?;#DIV/0!;#NOMBRE!;Paris\n", encoding="utf-8")
    c = read_table(str(csv_path), platform="instagram")
    assert c.get("handle") == ["lea.v", None, None] and c.get("followers") == [1000, None, None]
    assert c.get("Ville") == ["Lyon", "Err:504", "Paris"]
    assert c.get("issues")[1] == ("Pseudo: a formula error #N/D (the cell's formula failed); Abonnés: a formula "
                                  "error Err:502 (the cell's formula failed); ER: a formula error #VALEUR! (the "
                                  "cell's formula failed)")
    assert "could not read" not in c.get("issues")[2] and "#NOMBRE!" in c.get("issues")[2]

    from sheetmaker import ods  # LibreOffice's error cell: python-calamine alone reads it as 0 followers
    shown = ods(tmp_path / "lo.ods", {"S": [["Nom", "Pseudo", "Abonnés"], ["Léa", "lea.v", "ERRCELL"]]})
    with zipfile.ZipFile(shown) as z:
        items = [(item, z.read(item.filename)) for item in z.infolist()]
    with zipfile.ZipFile(shown, "w") as z:
        for item, data in items:
            z.writestr(item, data.replace(
                b'<table:table-cell office:value-type="string"><text:p>ERRCELL</text:p>',
                b'<table:table-cell xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
                b'table:formula="of:=[.Z9]/0" office:value-type="float" office:value="0" calcext:value-type="error">'
                b"<text:p>#DIV/0!</text:p>"))
    o = read_table(str(shown), platform="instagram")
    assert o.get("followers") == [None]
    assert o.get("issues") == ["Abonnés: a formula error #DIV/0! (the cell's formula failed)"]

    api = tmp_path / "sheets.json"  # a Sheets API export carries the shown values: the same errors
    api.write_text(json.dumps([{"Nom": "Léa", "Pseudo": "#REF!", "Abonnés": 1000, "Ville": "#N/A"}]), encoding="utf-8")
    j = read_table(str(api), platform="instagram")
    assert j.get("handle") == [None] and j.get("Ville") == ["#N/A"]
    assert j.get("issues") == ["Pseudo: a formula error #REF! (the cell's formula failed)"]


def test_a_csv_text_without_any_error_spelling_is_not_looked_at_cell_by_cell(tmp_path: Path) -> None:
    """The CSV reader skips the per-cell look for formula errors only when its text holds none of their
    spellings: every spelling is found beside hashtags, and a file of hashtags with one error still gets
    its issue."""
    from influkit.io.errorcells import FORMULA_ERRORS, may_show_errors

    for e in FORMULA_ERRORS:
        assert may_show_errors(f"Bio,Ville\n#ad #pub #NA #ref #,{e}\n"), e
    assert not may_show_errors("Bio,Ville\n#ad #pub #NA #ref #REF #N-A Err:49 Err 502,Lyon\n")
    path = tmp_path / "hashtags.csv"
    path.write_text("Pseudo,Abonnés,Ville\nlea.v,1000,#ad #pub\ncam,#N/D,#Lyon\n", encoding="utf-8")
    t = read_table(str(path), platform="instagram")
    assert t.get("followers") == [1000, None] and t.get("Ville") == ["#ad #pub", "#Lyon"]
    assert t.get("issues") == [None, "Abonnés: a formula error #N/D (the cell's formula failed)"]
