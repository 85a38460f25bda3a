from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from influkit.errors import UsageError
from influkit.io import write as W
from influkit.table import Table
from influkit.thresholds import writing as WT


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
