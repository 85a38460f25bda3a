"""`history import`, `history show` and `creator` as a new user meets them: a forgotten person recorded
again is said, gains dated by the day they happened, a workbook's history tab, every account form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import influkit
from influkit.cli.app import app

runner = CliRunner()

FORGOTTEN = "warning: instagram:lea.vernoux asked to be forgotten on 2026-03-01 (influkit forget); " \
            "it was recorded again from this sheet"


def _totals(days: int, handle_column: bool = False) -> str:
    head = "Date de relevé;Compte;Total abonnés\n" if handle_column else "Date de relevé;Total abonnés\n"
    rows = []
    for d in range(days):
        day = f"{1 + d % 28:02d}/{1 + d // 28:02d}/2026"
        rows.append(f"{day};lea.vernoux;{10_000 + 10 * d}" if handle_column else f"{day};{10_000 + 10 * d}")
        if handle_column:
            rows.append(f"{day};zoe.deco;{5_000 + d}")
    return head + "\n".join(rows) + "\n"


def test_history_import_warns_that_a_forgotten_person_is_recorded_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Any history file (one account or many) that records an account which asked to be forgotten says so
    as a sheet's import does: on stderr even with -q, in the JSON and in the Python result."""
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-01")
    db = str(tmp_path / "f2.db")
    one, many = tmp_path / "lea_hist.csv", tmp_path / "long_hist.csv"
    one.write_text(_totals(50), encoding="utf-8")
    many.write_text(_totals(50, handle_column=True), encoding="utf-8")
    first = influkit.history_import(str(one), platform="instagram", handle="lea.vernoux", store=db)
    assert first.warnings == [] and first.to_dict()["warnings"] == []
    influkit.forget("lea.vernoux", store=db)
    cli = runner.invoke(app, ["history", "import", str(one), "--platform", "instagram", "--handle", "lea.vernoux",
                              "--db", db, "-f", "json", "-q"])
    assert cli.exit_code == 0, cli.stderr
    assert cli.stderr.splitlines() == [FORGOTTEN]  # -q: only the line no script may miss
    out = json.loads(cli.stdout)
    assert out["warnings"] == [FORGOTTEN]
    influkit.forget("lea.vernoux", store=db)
    lib = influkit.history_import(str(one), platform="instagram", handle="lea.vernoux", store=db)
    assert lib.to_dict() == out and lib.warnings == [FORGOTTEN]
    # a file of several accounts: the forgotten one is named, the other is not
    influkit.forget("lea.vernoux", store=db)
    loud = runner.invoke(app, ["history", "import", str(many), "--platform", "instagram", "--db", db])
    assert loud.exit_code == 0, loud.stderr
    assert FORGOTTEN in loud.stderr.splitlines() and "zoe.deco" not in loud.stderr
    assert "2 accounts" in loud.stderr
