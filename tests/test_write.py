from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from influkit.errors import InfluError, UsageError
from influkit.io import write as W
from influkit.table import Table
from influkit.thresholds import writing as WT

BRAND = Path(__file__).parent.parent / "examples" / "brand.toml"


def table(n: int = 3) -> Table:
    t = Table(source="t.csv")
    t.source_rows = list(range(2, n + 2))
    t.data["creator"] = ["=HYPERLINK(\"http://evil\")", "@lea", "+33 6"] + ["x"] * (n - 3)
    t.data["handle"] = [f"h{i}" for i in range(n)]
    t.data["profile_url"] = [f"https://www.instagram.com/h{i}/" for i in range(n)]
    t.data["followers"] = [12500, 0, None] + [1] * (n - 3)
    t.data["engagement_rate"] = [0.034, None, 0.5] + [None] * (n - 3)
    t.data["contacted_on"] = [dt.date(2026, 3, 5), None, None] + [None] * (n - 3)
    t.data["issues"] = [None] * n
    t.extra_columns = ["Notes internes"]
    t.data["Notes internes"] = ["-rien", None, 3] + [None] * (n - 3)
    t.mapped = {"creator": "Nom", "contacted_on": "Date"}
    return t


def test_format_for_path() -> None:
    assert W.format_for_path("a.xlsx", None) == "xlsx"
    assert W.format_for_path("-", None) == "csv"
    assert W.format_for_path("a.jsonl", None) == "jsonl"
    with pytest.raises(UsageError):
        W.format_for_path("a.parquet", None)
    assert W.format_for_path("/dev/null", None) == "csv"  # written through, like stdout
    with pytest.raises(UsageError, match="cannot tell the format"):
        W.format_for_path("out", None)  # (a regular file to be: its extension must say)


def test_csv_is_raw_and_formula_safe(tmp_path: Path) -> None:
    out = tmp_path / "o.csv"
    W.write_table(table(), str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["creator"] == "'=HYPERLINK(\"http://evil\")"
    assert rows[1]["creator"] == "'@lea"
    assert rows[0]["followers"] == "12500"
    assert rows[0]["engagement_rate"] == "0.034"
    assert rows[0]["contacted_on"] == "2026-03-05"
    assert rows[0]["Notes internes"] == "'-rien"
    assert list(rows[0])[-1] == "Notes internes"


def test_a_tsv_path_gets_tab_separated_values_with_the_csv_cells(tmp_path: Path) -> None:
    t = table(4)
    t.data["Notes internes"] = ["-rien", "a\tb", 'dit "oui"\nligne 2', None]
    W.write_table(t, str(tmp_path / "o.csv"))
    W.write_table(t, str(tmp_path / "o.tsv"))
    text = (tmp_path / "o.tsv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "\t".join(t.columns)
    as_csv = list(csv.reader((tmp_path / "o.csv").open(encoding="utf-8", newline="")))
    as_tsv = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t"))
    assert as_tsv == as_csv  # the same cells, tab-separated
    assert as_tsv[2][-1] == "a\tb" and as_tsv[3][-1] == 'dit "oui"\nligne 2' and as_tsv[1][0].startswith("'=")
    assert W.write_table(t, str(tmp_path / "o.txt"))["format"] == "csv"
    assert (tmp_path / "o.txt").read_text(encoding="utf-8") == (tmp_path / "o.csv").read_text(encoding="utf-8")
    assert W.write_table(t, str(tmp_path / "named.out"), "tsv")["format"] == "tsv"  # -f tsv, whatever the name
    assert (tmp_path / "named.out").read_text(encoding="utf-8") == text


def test_json_and_jsonl_carry_raw_values(tmp_path: Path) -> None:
    t = table()
    W.write_table(t, str(tmp_path / "o.json"))
    data = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    assert data == t.records()
    assert data[0]["creator"].startswith("=")  # json is for programs: raw text
    assert data[0]["contacted_on"] == "2026-03-05"
    W.write_table(t, str(tmp_path / "o.jsonl"))
    lines = (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x) for x in lines] == data


def test_xlsx_is_formatted_and_safe(tmp_path: Path) -> None:
    out = tmp_path / "o.xlsx"
    counts = W.write_table(table(), str(out))
    assert counts["links"] == 3
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref is not None
    header = [c.value for c in ws[1]]
    assert header[:3] == ["creator", "handle", "profile_url"]
    col = {h: i + 1 for i, h in enumerate(header)}
    evil = ws.cell(2, col["creator"])
    assert evil.value == '=HYPERLINK("http://evil")'  # shown as typed...
    assert evil.data_type == "s" and evil.quotePrefix  # ...but stored as text Excel never runs
    assert not ws.cell(3, col["handle"]).quotePrefix
    assert ws.cell(2, col["engagement_rate"]).number_format == "0.00%"
    assert ws.cell(2, col["followers"]).number_format == "#,##0"
    assert ws.cell(2, col["contacted_on"]).value == dt.datetime(2026, 3, 5)
    assert ws.cell(2, col["profile_url"]).hyperlink.target == "https://www.instagram.com/h0/"


def test_xlsx_cuts_text_over_the_cell_limit_and_says_so(tmp_path: Path) -> None:
    t = table()
    t.data["Notes internes"] = ["x" * 40_000, None, 3]
    counts = W.write_table(t, str(tmp_path / "o.xlsx"))
    assert counts["truncated"] == 1
    rows = CalamineWorkbook.from_path(str(tmp_path / "o.xlsx")).get_sheet_by_index(0).to_python()
    assert len(str(rows[1][rows[0].index("Notes internes")])) == W.EXCEL_CELL_MAX


def test_output_files_get_ordinary_permissions(tmp_path: Path) -> None:
    import os
    import stat

    out = tmp_path / "o.csv"
    umask = os.umask(0o022)
    try:
        W.write_table(table(), str(out))
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
        out.chmod(0o640)
        W.write_table(table(), str(out))  # replacing a file keeps its mode
        assert stat.S_IMODE(out.stat().st_mode) == 0o640
    finally:
        os.umask(umask)


def test_csv_header_from_the_sheet_is_neutralised(tmp_path: Path) -> None:
    t = table()
    t.data['=HYPERLINK("x")'] = t.data.pop("Notes internes")
    t.extra_columns = ['=HYPERLINK("x")']
    W.write_table(t, str(tmp_path / "o.csv"))
    header = (tmp_path / "o.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",", 1)[0] != '=HYPERLINK("x")' and "'=HYPERLINK" in header


def test_every_url_survives_past_the_hyperlink_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(WT, "EXCEL_HYPERLINK_LIMIT", 5)  # the real limit is 65,530: same code path
    out = tmp_path / "o.xlsx"
    counts = W.write_table(table(12), str(out))
    assert (counts["links"], counts["link_formulas"], counts["links_as_text"]) == (5, 7, 0)
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    urls = [r[rows[0].index("profile_url")] for r in rows[1:]]
    assert urls == [f"https://www.instagram.com/h{i}/" for i in range(12)]


def test_atomic_write_leaves_old_file_on_failure(tmp_path: Path) -> None:
    out = tmp_path / "o.csv"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), W.atomic_output(str(out), binary=False) as fh:
        fh.write("new partial")
        raise RuntimeError("killed")
    assert out.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.iterdir()) == [out]


def test_xlsx_to_stdout(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    W.write_table(table(), "-", "xlsx")
    data = capsysbinary.readouterr().out
    assert data.startswith(b"PK")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert len(rows) == 4


# ------------------------------------------------------------------- the streamed writer's rules


def _calamine_rows(data: bytes | Path) -> list[list[Any]]:
    wb = CalamineWorkbook.from_filelike(io.BytesIO(data)) if isinstance(data, bytes) else \
        CalamineWorkbook.from_path(str(data))
    return list(wb.get_sheet_by_index(0).to_python())


def test_xlsx_keeps_odd_text_exactly(tmp_path: Path) -> None:
    t = table(6)
    odd = ["a\rb", "ctrl\x01\x1f end", "literal _x000D_ text", "<b>&amp;</b>", "  spaces  ", "tab\tin\nside"]
    t.data["Notes internes"] = odd
    out = tmp_path / "o.xlsx"
    W.write_table(t, str(out))
    rows = _calamine_rows(out)
    col = rows[0].index("Notes internes")
    assert [r[col] for r in rows[1:]] == odd  # a CR read back, control characters kept, XML-escaped
    wb = openpyxl.load_workbook(out)  # and the file is valid XML for a strict reader
    assert wb.active is not None


def test_xlsx_values_of_every_type(tmp_path: Path) -> None:
    t = table(5)
    t.extra_columns = ["Mixed"]
    t.data["Mixed"] = [dt.date(1899, 6, 1), dt.datetime(2026, 3, 5, 12, 30), True, float("nan"), 2**40]
    t.data.pop("Notes internes")
    out = tmp_path / "o.xlsx"
    W.write_table(t, str(out))
    ws = openpyxl.load_workbook(out).active
    assert ws is not None
    col = [c.value for c in ws[1]].index("Mixed") + 1
    assert ws.cell(2, col).value == "1899-06-01"  # before Excel's calendar: kept as text
    assert ws.cell(3, col).value == dt.datetime(2026, 3, 5, 12, 30)
    assert ws.cell(4, col).value is True
    assert ws.cell(5, col).value is None
    assert ws.cell(6, col).value == 2**40


def test_xlsx_header_from_the_sheet_gets_the_quote_prefix(tmp_path: Path) -> None:
    t = table()
    t.data['=HYPERLINK("x")'] = t.data.pop("Notes internes")
    t.extra_columns = ['=HYPERLINK("x")']
    out = tmp_path / "o.xlsx"
    W.write_table(t, str(out))
    ws = openpyxl.load_workbook(out).active
    assert ws is not None
    cell = ws.cell(1, len(t.columns))
    assert cell.value == '=HYPERLINK("x")' and cell.data_type == "s" and cell.quotePrefix
    assert cell.font.b  # still a header cell


def test_csv_quotes_a_bare_cr(tmp_path: Path) -> None:
    t = table()
    t.data["Notes internes"] = ["Vegan beauty\r=cmd|' /C calc'!A0", "two\nlines", None]
    out = tmp_path / "o.csv"
    W.write_table(t, str(out))
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == 4
    assert rows[1][-1] == "Vegan beauty\r=cmd|' /C calc'!A0" and rows[2][-1] == "two\nlines"
    assert b'"Vegan beauty\r=cmd' in out.read_bytes()


# ------------------------------------------------------------------------------------ safe writes


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_fifo_target_is_written_through(tmp_path: Path, fmt: str) -> None:
    import threading

    fifo = tmp_path / f"pipe.{fmt}"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def reader() -> None:
        with fifo.open("rb") as fh:
            received.append(fh.read())

    thread = threading.Thread(target=reader)
    thread.start()
    W.write_table(table(), str(fifo), fmt)
    thread.join(10)
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still a pipe, not replaced by a file
    assert list(tmp_path.iterdir()) == [fifo]
    if fmt == "csv":
        assert received[0].startswith(b"creator,")
    else:
        assert len(_calamine_rows(received[0])) == 4


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_dev_null_is_written_through(fmt: str) -> None:
    before = os.stat("/dev/null")
    W.write_table(table(), "/dev/null", fmt)
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_disk_full_on_a_device_is_one_line() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with pytest.raises(InfluError) as err:
        W.write_table(table(), "/dev/full", "csv")
    assert str(err.value).startswith("/dev/full: disk full") and "\n" not in str(err.value)


def test_disk_full_leaves_the_old_file_and_no_part(tmp_path: Path) -> None:
    """A real write error (the file size limit, EFBIG) in a child process: one line, old file kept."""
    out = tmp_path / "o.xlsx"
    out.write_bytes(b"old")
    script = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))\n"
        "sys.path.insert(0, sys.argv[2])\n"
        "from test_write import table\n"
        "from influkit.io.write import write_table\n"
        "from influkit.errors import InfluError\n"
        "try:\n"
        "    write_table(table(3000), sys.argv[1])\n"
        "except InfluError as e:\n"
        "    print(e)\n"
        "    sys.exit(1)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(out), str(Path(__file__).parent)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert done.stdout.strip() == f"{out}: disk full (or file size limit reached): nothing was changed"
    assert out.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [out]


def test_killed_write_leaves_old_file_and_next_run_cleans_up(tmp_path: Path) -> None:
    out = tmp_path / "o.xlsx"
    W.write_table(table(), str(out))
    before = out.read_bytes()
    script = (
        "import sys, time\n"
        "sys.path.insert(0, sys.argv[2])\n"
        "from test_write import table\n"
        "from influkit.io import xlsx as X\n"
        "from influkit.io.write import write_table\n"
        "orig = X.encode_column\n"
        "def slow(*a, **k):\n"
        "    time.sleep(0.2)\n"
        "    return orig(*a, **k)\n"
        "X.encode_column = slow\n"
        "write_table(table(50000), sys.argv[1])\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(out), str(Path(__file__).parent)])
    deadline = time.time() + 60
    while not list(tmp_path.glob(".o.xlsx.*.part")) and time.time() < deadline:
        time.sleep(0.02)
    proc.kill()  # kill -9 mid-write
    proc.wait()
    assert out.read_bytes() == before
    assert list(tmp_path.glob(".o.xlsx.*.part"))
    W.write_table(table(), str(out))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o.xlsx"]


def test_a_live_writers_part_is_not_removed(tmp_path: Path) -> None:
    out = tmp_path / "o.csv"
    mine = tmp_path / f".o.csv.{os.getppid()}.abcd1234.part"  # the parent process is alive
    mine.write_text("in progress", encoding="utf-8")
    W.write_table(table(), str(out))
    assert mine.exists()


def test_symlink_target_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    W.write_table(table(), str(link))
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("creator,")


def test_no_temporary_files_outside_the_target_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tmpdir = tmp_path / "tmpdir"
    tmpdir.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmpdir))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    W.write_table(table(2000), str(out_dir / "o.xlsx"))
    assert list(tmpdir.iterdir()) == []
    assert [p.name for p in out_dir.iterdir()] == ["o.xlsx"]


def test_xls_output_is_refused_with_a_hint() -> None:
    with pytest.raises(UsageError, match="xls is not written; use .xlsx"):
        W.format_for_path("out.xls", None)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (optional check)")
def test_libreoffice_reads_the_new_workbook(tmp_path: Path) -> None:
    out = tmp_path / "o.xlsx"
    W.write_table(table(12), str(out))
    subprocess.run(["soffice", "--headless", "--convert-to", "csv", "--outdir", str(tmp_path / "lo"), str(out)],
                   check=True, capture_output=True, timeout=180)
    text = (tmp_path / "lo" / "o.csv").read_text(encoding="latin-1")
    assert text.splitlines()[0].startswith("creator,handle,profile_url") and "h11" in text


class _FailingMember(io.BytesIO):
    """A zip member whose second write fails, as on a full disk."""

    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, data: Any) -> int:
        self.writes += 1
        if self.writes == 2:
            raise OSError(28, "No space left on device")
        return super().write(data)


def test_the_deflating_thread_writes_every_chunk_in_order() -> None:
    from influkit.io.xlsx import Deflater

    member = io.BytesIO()
    chunks = [bytes([i]) * (1000 + i) for i in range(50)]
    with Deflater(member) as out:
        for chunk in chunks:
            out.write(chunk)
    assert member.getvalue() == b"".join(chunks)


def test_an_error_of_the_deflating_thread_reaches_the_caller() -> None:
    from influkit.io.xlsx import Deflater

    member = _FailingMember()
    with pytest.raises(OSError, match="No space left"), Deflater(member) as out:
        for _ in range(WT.DEFLATE_QUEUE_CHUNKS + 5):
            out.write(b"x" * 10)
    assert member.getvalue() == b"x" * 10  # the first chunk; nothing after the failure


def test_a_failing_caller_leaves_no_deflating_thread_behind() -> None:
    import threading

    from influkit.io.xlsx import Deflater

    member = io.BytesIO()
    with pytest.raises(ValueError, match="boom"), Deflater(member) as out:
        out.write(b"a")
        raise ValueError("boom")
    assert not [t for t in threading.enumerate() if t.name == "influkit-deflate"]


def test_a_chunk_of_plain_links_is_written_as_each_link_alone_would_be() -> None:
    """encode_column's fast path for a chunk of plain links gives the very cells and hyperlinks of
    _link_cell; a chunk with one link that needs care takes the careful path for all."""
    from influkit.io import xlsx as X

    def cells(values: list[Any], fast: bool) -> tuple[list[str], list[tuple[str, str]], dict[str, int]]:
        sink = X.Sink()
        styles = X._NEW_STYLES
        rows = list(range(2, 2 + len(values)))
        if fast:
            out = X.encode_column(values, rows, "D", "url", styles, sink)
        else:
            out = ["" if v is None else X._link_cell(f"D{r}", v, styles, sink) for r, v in zip(rows, values, strict=True)]
        return out, list(sink.links), {k: v for k, v in sink.counts.items() if v}

    plain: list[Any] = ["https://www.instagram.com/lea/", None, "https://shop.example/p?a=1&b=2", "mailto:a@b.fr"]
    assert X._clean_links(plain, X.Sink()) is not None
    assert cells(plain, True) == cells(plain, False)
    careful: list[Any] = [*plain, " https://www.tiktok.com/@zoe ", "https://x.example/<b>", "ftp://old.example/"]
    assert X._clean_links(careful, X.Sink()) is None
    assert cells(careful, True) == cells(careful, False)


def test_a_kept_column_keeps_its_number_format_in_influkits_workbooks(tmp_path: Path) -> None:
    """A column influkit keeps as it is shows its numbers as the user's sheet did (a rate in %, an amount
    in € with a custom format, a built-in 0 %, dates as dd/mm/yyyy, times and durations), in `enrich`'s
    and `score`'s workbooks, and in the workspace's list; a cell formatted otherwise than its column
    keeps its own format (a date among percentages is no percentage). CSV is raw."""
    from typer.testing import CliRunner

    import influkit
    from influkit.cli.app import app

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Pseudo", "Réseau", "Abonnés", "Taux conv.", "Remise accordée", "Part", "Date RDV", "Score", "Mix",
               "Heure", "Durée"])
    ws.append(["lea.v", "Instagram", 12000, 0.041, 1200.5, 0.25, dt.date(2026, 3, 5), 7, 0.5, dt.time(14, 30),
               dt.timedelta(hours=30)])
    ws.append(["tom.c", "Instagram", 54000, 0.12, 300, 0.5, dt.date(2026, 4, 1), 8, dt.date(2026, 1, 15),
               dt.time(9, 5), dt.timedelta(minutes=90)])
    ws.append(["ana.b", "Instagram", 8000, 0.2, 10, 0.1, dt.date(2026, 4, 2), 9, 0.25, None, None])
    ws.append(["zoe.f", "Instagram", 9000, None, None, None, None, None, None, None, None])
    for row in ws.iter_rows(min_row=2, max_row=4):
        row[3].number_format = "0.0%"
        row[4].number_format = '#,##0.00 "€"'
        row[5].number_format = "0%"  # a built-in format (9)
        row[6].number_format = "dd/mm/yyyy"
        row[8].number_format = "dd/mm/yyyy" if row[0].row == 3 else "0.0%"
        row[9].number_format = "hh:mm"
        row[10].number_format = "[h]:mm"
    sheet = tmp_path / "liste.xlsx"
    wb.save(sheet)
    expected = {"Taux conv.": ["0.0%"] * 3, "Remise accordée": ['#,##0.00 "€"'] * 3, "Part": ["0%"] * 3,
                "Date RDV": ["dd/mm/yyyy"] * 3, "Score": ["General"] * 3, "Mix": ["0.0%", "dd/mm/yyyy", "0.0%"],
                "Heure": ["hh:mm", "hh:mm", "General"], "Durée": ["[h]:mm", "[h]:mm", "General"]}

    def formats(path: Path) -> dict[str, list[str]]:
        out = openpyxl.load_workbook(path).worksheets[0]
        head = [c.value for c in out[1]]
        return {name: [out.cell(r, head.index(name) + 1).number_format for r in (2, 3, 4)] for name in expected}

    table = influkit.enrich(str(sheet), offline=True, store=None)
    assert table.meta["number_formats"]["Part"] == [9, "0%"] and table.meta["number_formats"]["Mix"][1] == "0.0%"
    assert [c[::2] for c in table.meta["cell_formats"]["Mix"]] == [[1, "dd/mm/yyyy"]]  # (table row 1: sheet row 3)
    result = CliRunner().invoke(app, ["enrich", str(sheet), "--offline", "--no-store", "-o", str(tmp_path / "e.xlsx")])
    assert result.exit_code == 0, result.stderr
    assert formats(tmp_path / "e.xlsx") == expected
    values = openpyxl.load_workbook(tmp_path / "e.xlsx").worksheets[0]
    head = [c.value for c in values[1]]
    column = {name: head.index(name) + 1 for name in expected}
    assert [values.cell(r, column["Taux conv."]).value for r in (2, 3, 5)] == [0.041, 0.12, None]  # unchanged
    assert (values.cell(2, column["Date RDV"]).value, values.cell(5, column["Date RDV"]).value) == (
        dt.datetime(2026, 3, 5), None)
    assert values.cell(3, column["Mix"]).value == dt.datetime(2026, 1, 15)
    assert (values.cell(2, column["Heure"]).value, values.cell(2, column["Durée"]).value) == (
        dt.time(14, 30), dt.timedelta(hours=30))  # a time and a duration, not their text
    result = CliRunner().invoke(app, ["score", str(sheet), "--brand", str(BRAND), "--no-store",
                                      "-o", str(tmp_path / "s.xlsx")])
    assert result.exit_code == 0, result.stderr
    assert formats(tmp_path / "s.xlsx") == expected
    workspace = str(tmp_path / "ws.db")  # the workspace's list keeps the formats: `score` without FILE
    influkit.enrich(str(sheet), offline=True, store=workspace)
    scored = influkit.score(brand=str(BRAND), store=workspace)
    W.write_table(scored, str(tmp_path / "w.xlsx"))
    assert formats(tmp_path / "w.xlsx")["Mix"] == expected["Mix"]
    W.write_table(table, str(tmp_path / "e.csv"))
    row = next(csv.DictReader((tmp_path / "e.csv").open(encoding="utf-8")))
    assert (row["Taux conv."], row["Heure"], row["Durée"]) == ("0.041", "14:30:00", "30:00:00")


def test_tabs_read_together_keep_each_tabs_formats(tmp_path: Path) -> None:
    """`--sheet all`: a kept column formatted one way on a tab and another way on the next keeps each
    tab's format on its own rows."""
    import influkit

    wb = openpyxl.Workbook()
    first = wb.active
    assert first is not None
    first.title = "Instagram"
    second = wb.create_sheet("TikTok")
    for ws, fmt, day in ((first, "0%", "dd/mm/yyyy"), (second, "0.0%", "d mmm yyyy")):
        ws.append(["Pseudo", "Abonnés", "Remise accordée", "Date RDV"])
        for k in range(3):
            ws.append([f"{ws.title.lower()}{k}", 1000 + k, 0.1 * (k + 1), dt.date(2026, 3, k + 1)])
            ws.cell(ws.max_row, 3).number_format = fmt
            ws.cell(ws.max_row, 4).number_format = day
    wb.save(tmp_path / "tabs.xlsx")
    table = influkit.enrich(str(tmp_path / "tabs.xlsx"), sheet="all", offline=True, store=None)
    W.write_table(table, str(tmp_path / "o.xlsx"))
    out = openpyxl.load_workbook(tmp_path / "o.xlsx").worksheets[0]
    head = [c.value for c in out[1]]
    shown = {name: [out.cell(r, head.index(name) + 1).number_format for r in range(2, 8)]
             for name in ("Remise accordée", "Date RDV")}
    assert shown == {"Remise accordée": ["0%"] * 3 + ["0.0%"] * 3, "Date RDV": ["dd/mm/yyyy"] * 3 + ["d mmm yyyy"] * 3}


def test_money_shows_up_to_four_decimals(tmp_path: Path) -> None:
    """A cost per engagement of 0.0004 € is not shown as 0.00: money has two decimals, up to four."""
    t = table()
    t.data["cpe"] = [0.0004, 12.5, None]
    W.write_table(t, str(tmp_path / "m.xlsx"))
    ws = openpyxl.load_workbook(tmp_path / "m.xlsx").worksheets[0]
    column = [c.value for c in ws[1]].index("cpe") + 1
    assert [(ws.cell(r, column).value, ws.cell(r, column).number_format) for r in (2, 3)] == [
        (0.0004, "#,##0.00##"), (12.5, "#,##0.00##")]


def test_a_link_with_angle_brackets_is_clickable(tmp_path: Path) -> None:
    """A new user's blog links (`?b=<y`, `?a="x"&b=<y>`) were left as text: XML carries `<` and `>`
    escaped, in the cell and in the link's target, as it does `&` and `"`."""
    t = table(4)
    t.data["profile_url"] = ['https://blog.example.fr/q?a="x"&b=<y>', "https://blog2.example.fr/q?b=<y",
                             "javascript:alert(1)", "https://x.io/\x01"]
    out = tmp_path / "o.xlsx"
    counts = W.write_table(t, str(out))
    assert (counts["links"], counts["link_formulas"], counts["links_as_text"]) == (2, 0, 2)
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    column = [c.value for c in sheet[1]].index("profile_url") + 1
    targets = [sheet.cell(row=r, column=column).hyperlink for r in (2, 3, 4)]
    assert [h.target if h else None for h in targets] == [
        'https://blog.example.fr/q?a="x"&b=<y>', "https://blog2.example.fr/q?b=<y", None]


def test_the_summary_counts_links_left_as_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past Excel's native links (made 1 here), a URL over 255 characters cannot be a HYPERLINK() formula
    either: the summary says how many were left as text, not only the links and formulas."""
    from typer.testing import CliRunner

    from influkit.cli.app import app

    monkeypatch.setattr(WT, "EXCEL_HYPERLINK_LIMIT", 1)
    long = "https://blog.example.fr/" + "a" * 300
    src = tmp_path / "l.csv"
    src.write_text(f"name,profile\nA,https://www.instagram.com/a/\nB,https://www.instagram.com/b/\nC,{long}\n",
                   encoding="utf-8")
    result = CliRunner().invoke(app, ["enrich", str(src), "--offline", "--no-store", "-o", str(tmp_path / "o.xlsx")])
    assert result.exit_code == 0, result.output
    assert "(1 link, 1 more as HYPERLINK formula, 1 left as text: " in result.output
