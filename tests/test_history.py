"""History imports (totals, gains, Iconosquare quirks) and the `history` command."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from influkit.cli.app import app
from influkit.history import account_history, find_account, import_history
from influkit.store import Store

runner = CliRunner()

ICONOSQUARE = '\ufeff"Date";"Followers";"Evolution";"Estimated data"\n' + "".join(
    f'"{d:02d}/03/2023";"{v}";"{g}";"{e}"\n' for d, v, g, e in [
        (1, "1,000", "10", "N/A"), (2, "1,010", "10", "N/A"), (3, "N/A", "10", "1,020"),
        (4, "1,030", "10", "N/A"), (5, "1,040", "10", "N/A")])

GAINS = "start_date,name,weekly_subscribers\n" + "".join(
    f"2022-01-{d:02d},{n},{g}\n" for d, n, g in [
        (2, "alpha", 100), (9, "alpha", 200), (16, "alpha", "NA"), (23, "alpha", 300),
        (2, "beta", "1e+05"), (9, "beta", "-5000")])


def test_iconosquare_export_totals_estimated_and_dates(tmp_path: Path) -> None:
    f = tmp_path / "followers_history.csv"
    f.write_text(ICONOSQUARE, encoding="utf-8")
    with Store(tmp_path / "w.db") as store:
        result = import_history(store, str(f), platform="instagram", handle="@Shop")
        (acc,) = result.accounts
        assert (acc.handle, acc.kind, acc.points, acc.estimated) == ("shop", "totals", 5, 1)
        points = store.points(find_account(store, "shop"))
    assert [(p["date"], p["value"], p["estimated"]) for p in points][1:3] == [
        (dt.date(2023, 3, 2), 1010, False), (dt.date(2023, 3, 3), 1020, True)]


def test_gains_long_format_relative_then_anchored(tmp_path: Path) -> None:
    f = tmp_path / "weekly.csv"
    f.write_text(GAINS, encoding="utf-8")
    with Store(tmp_path / "w.db") as store:
        result = import_history(store, str(f), platform="youtube")
        alpha = next(a for a in result.accounts if a.handle == "alpha")
        assert alpha.relative and alpha.kind == "gains" and alpha.estimated == 1
        hist = account_history(store, find_account(store, "alpha"))
        # a running sum: week of 01-02 ends 01-09 at +100, the NA week counts 0
        assert hist.series == [(dt.date(2022, 1, 2), 0.0), (dt.date(2022, 1, 9), 100.0), (dt.date(2022, 1, 16), 300.0),
                               (dt.date(2022, 1, 23), 300.0), (dt.date(2022, 1, 30), 600.0)]
        assert hist.trend.trend == "unknown" and hist.trend.growth[7] == 300
        anchored = import_history(store, str(f), platform="youtube", total=200_000)
        beta = next(a for a in anchored.accounts if a.handle == "beta")
        assert not beta.relative and beta.anchor is not None
        # gains +100,000 then -5,000, ending at the given total of 200,000
        assert [v for _, v, _ in store.series(find_account(store, "beta"))] == [105_000, 205_000, 200_000]


def test_bad_cell_names_file_row_and_column(tmp_path: Path) -> None:
    f = tmp_path / "h.csv"
    f.write_text("date,followers\n2024-01-01,100\n2024-01-02,beaucoup\n", encoding="utf-8")
    result = runner.invoke(app, ["history", "import", str(f), "--platform", "instagram", "--handle", "x",
                                 "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 1
    assert "h.csv, row 3, column 'followers'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_one_account_file_needs_handle(tmp_path: Path) -> None:
    f = tmp_path / "h.csv"
    f.write_text("date,followers\n2024-01-01,100\n", encoding="utf-8")
    result = runner.invoke(app, ["history", "import", str(f), "--platform", "instagram", "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 2 and "--handle" in result.stderr


def test_cli_show_json_equals_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_DB", str(tmp_path / "w.db"))
    f = tmp_path / "followers_history.csv"
    f.write_text(ICONOSQUARE, encoding="utf-8")
    imported = runner.invoke(app, ["history", "import", str(f), "--platform", "instagram", "--handle", "shop",
                                   "-f", "json"])
    assert imported.exit_code == 0, imported.stderr
    assert json.loads(imported.stdout)["points"] == 5
    shown = runner.invoke(app, ["history", "show", "shop", "--format", "json"])
    assert shown.exit_code == 0, shown.stderr
    with Store(tmp_path / "w.db") as store:
        assert json.loads(shown.stdout) == account_history(store, find_account(store, "shop")).as_dict()
    table = runner.invoke(app, ["history", "show", "shop", "--format", "table"])
    assert "growth:" in table.stdout and "▁" in table.stdout
    csv_out = runner.invoke(app, ["history", "show", "shop", "--format", "csv"])
    assert csv_out.stdout.splitlines()[:2] == ["date,followers,event", "2023-03-01,1000,"]
    missing = runner.invoke(app, ["history", "show", "nobody"])
    assert missing.exit_code == 1 and "no account 'nobody'" in missing.stderr
