"""A workbook piped on stdin (`cat book.xlsx | influkit enrich -`) is read as the same file given by its path:
the same list tab (or every list tab with --sheet all) and, as for a path, its posts tabs for the post-based
metrics (before, stdin skipped them: no er_mean, no last post, another engagement rate)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from influkit.cli.app import app
from influkit.pipeline import enrich
from sheetmaker import ods, xlsx

BOOK = {
    "Instagram": [["Nom", "Compte", "Abonnés"], ["Léa", "@lea.beauty", 12500], ["Zoé", "@zoe.cuisine", 8000]],
    "TikTok": [["Nom", "Compte", "Abonnés"], ["Max", "@max.tt", 50000]],
    "Posts": [["Compte", "Date", "Likes", "Commentaires"], ["@lea.beauty", "2026-11-01", 500, 20],
              ["@lea.beauty", "2026-11-08", 700, 30], ["@zoe.cuisine", "2026-11-02", 100, 4]],
}


@pytest.mark.parametrize("sheet", [None, "all"])
@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_stdin_reads_what_the_path_reads(tmp_path: Path, sheet: str | None, kind: str) -> None:
    path = (xlsx if kind == "xlsx" else ods)(tmp_path / f"book.{kind}", BOOK)  # type: ignore[arg-type]
    by_path = enrich(str(path), sheet=sheet, store=None, offline=True)
    piped = enrich("-", sheet=sheet, stdin=io.BytesIO(path.read_bytes()), store=None, offline=True)
    assert by_path.get("er_mean")[:2] != [None, None]  # the Posts tab was read (by the path)
    assert piped.columns == by_path.columns
    assert list(piped.records()) == list(by_path.records())
    assert any("posts: 3 read" in n for n in piped.meta["notes"])


def test_cli_stdin_and_path_write_the_same_rows(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "book.xlsx", BOOK)  # type: ignore[arg-type]
    runner = CliRunner()
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    done = runner.invoke(app, ["enrich", str(path), "--offline", "--no-store", "-o", str(a)])
    assert done.exit_code == 0, done.output
    done = runner.invoke(app, ["enrich", "-", "--offline", "--no-store", "-o", str(b)], input=path.read_bytes())
    assert done.exit_code == 0, done.output
    assert "posts: 3 read, 2 rows matched" in done.stderr
    assert b.read_bytes() == a.read_bytes()
