"""Regression tests for the reading defects of issue #15 (each failed before the fix)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xlsxwriter
from typer.testing import CliRunner

from influkit.cli.app import app
from influkit.errors import UsageError
from influkit.pipeline import enrich, read_table, summarize
from sheetmaker import xlsx

runner = CliRunner()


def test_no_platform_for_any_row_is_said_with_the_fix(tmp_path: Path) -> None:
    p = tmp_path / "top100.csv"
    p.write_text("#,NAME,FOLLOWERS\n1,just sul @justsul,4.3M\n2,Bo @bo.k,930K\n", encoding="utf-8")
    t = enrich(str(p), store=None, offline=True)
    assert t.get("creator") == ["just sul", "Bo"] and t.get("handle") == ["justsul", "bo.k"]
    lines = summarize(t).lines(t)
    assert any("no platform found for any row" in line and "--platform" in line for line in lines)
    with_platform = enrich(str(p), store=None, offline=True, platform="tiktok")
    assert with_platform.get("platform") == ["tiktok", "tiktok"]
    assert not any("no platform found" in n for n in with_platform.meta["notes"])


def test_decimal_followers_are_said(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_text("Pseudo;Réseau;Abonnés;Vues moyennes\nlea;IG;1,5;199,5\n", encoding="utf-8")
    t = read_table(str(p))
    assert t.get("followers") == [2] and t.get("avg_views") == [200]
    assert t.get("issues") == ["Abonnés: '1,5' is not a whole number: read as 2"]


def test_an_xlsx_date_of_1900_01_01_is_a_date(tmp_path: Path) -> None:
    p = tmp_path / "d.xlsx"
    wb = xlsxwriter.Workbook(str(p))  # writes 1900-01-01 as serial 0, which readers give as a time
    ws = wb.add_worksheet("S")
    fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_row(0, 0, ["Pseudo", "Réseau", "Date de contact"])
    ws.write_row(1, 0, ["lea", "IG"])
    ws.write_datetime(1, 2, dt.datetime(1900, 1, 1), fmt)
    wb.close()
    t = read_table(str(p))
    assert t.get("contacted_on") == [dt.date(1900, 1, 1)]
    assert t.get("issues") == [None]


def test_9999_12_31_is_refused_in_csv_and_xlsx_alike(tmp_path: Path) -> None:
    csv_path = tmp_path / "a.csv"
    csv_path.write_text("Pseudo,Réseau,Date de contact\nlea,IG,9999-12-31\n", encoding="utf-8")
    xlsx_path = xlsx(tmp_path / "a.xlsx", {"S": [["Pseudo", "Réseau", "Date de contact"],
                                                  ["lea", "IG", dt.date(9999, 12, 31)]]})
    for path in (csv_path, xlsx_path):
        t = read_table(str(path))
        assert t.get("contacted_on") == [None], path
        assert "out of range: years 1900-2100" in t.get("issues")[0], path


@pytest.mark.parametrize("cell", ["1e308%", "5000 %", "1e308"])
def test_implausible_rates_are_refused(tmp_path: Path, cell: str) -> None:
    p = tmp_path / "a.csv"
    p.write_text(f"Pseudo,Réseau,Taux d'engagement\nlea,IG,{cell}\ntom,IG,3%\n", encoding="utf-8")
    t = read_table(str(p))
    assert t.get("engagement_rate") == [None, 0.03]
    assert t.get("issues")[0] is not None and t.get("issues")[0].startswith("Taux d'engagement: could not read")


def test_map_errors_name_the_header_as_written(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_text("Pseudo,Abonnés\nlea,10\n", encoding="utf-8")
    with pytest.raises(UsageError) as info:
        read_table(str(p), mapping=["Foo=followers"])
    assert "'Foo'" in str(info.value) and "'foo'" not in str(info.value)
    run = runner.invoke(app, ["enrich", str(p), "--map", "Foo=followers", "--no-store", "-o", "-"])
    assert run.exit_code == 2 and "no header 'Foo'" in run.stderr
