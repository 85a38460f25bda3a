"""Engagement from posts: a posts CSV via `posts=`, or a "posts" sheet in the workbook."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from statistics import median

import pytest
import xlsxwriter
from typer.testing import CliRunner

from influkit.cli.app import app
from influkit.pipeline import enrich

runner = CliRunner()
POSTS = [  # (date, likes, comments, views)
    ("2024-03-01", 100, 10, 1000), ("2024-03-04", 300, 20, 2000), ("2024-03-08", 200, 0, 4000),
    ("2024-03-15", 1000, 50, 9000), ("2024-02-01", 5, 0, 50),
]


def write_posts(path: Path) -> None:
    path.write_text("handle,published_at,likes,comments,views,url\n" + "".join(
        f"alice,{d},{lk},{c},{v},https://ig.example/p/{i}\n" for i, (d, lk, c, v) in enumerate(POSTS)))


def test_posts_csv_metrics(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2024-03-20")
    sheet = tmp_path / "s.csv"
    sheet.write_text("handle,platform,followers\nalice,instagram,10000\nbob,instagram,5000\n")
    posts = tmp_path / "posts.csv"
    write_posts(posts)
    t = enrich(str(sheet), posts=str(posts), posts_window=4, store=None)
    last4 = POSTS[:4]
    ers = [(lk + c) / 10_000 for _, lk, c, _ in last4]
    assert t.get("er_median")[0] == pytest.approx(median(ers), rel=1e-5)
    assert t.get("er_mean")[0] == pytest.approx(sum(ers) / 4, rel=1e-5)
    assert t.get("er_views_median")[0] == pytest.approx(median((lk + c) / v for _, lk, c, v in last4), rel=1e-5)
    assert t.get("posts_per_week")[0] == round(3 * 7 / 14, 2)
    assert t.get("days_since_last_post")[0] == 5
    assert t.get("best_posts")[0].startswith("https://ig.example/p/3 (2024-03-15, 1050 interactions)")
    assert "over the last 4 of 5 posts (window 4)" in t.get("er_method")[0]
    assert t.get("er_median")[1] is None  # bob has no posts


def test_posts_sheet_in_workbook_and_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2024-05-01")
    monkeypatch.setenv("INFLUKIT_DB", str(tmp_path / "w.db"))
    book = tmp_path / "prospects.xlsx"
    wb = xlsxwriter.Workbook(str(book))
    ws = wb.add_worksheet("Prospects")
    for r, row in enumerate([["Pseudo", "Plateforme", "Abonnés"], ["alice", "instagram", 10000]]):
        ws.write_row(r, 0, row)
    ps = wb.add_worksheet("posts")
    ps.write_row(0, 0, ["handle", "date", "likes", "comments"])
    for r, (d, lk, c, _) in enumerate(POSTS, start=1):
        ps.write_row(r, 0, ["alice", d, lk, c])
    wb.close()
    out = runner.invoke(app, ["enrich", str(book), "-o", "-", "-f", "json", "-q"])
    assert out.exit_code == 0, out.stderr
    (row,) = json.loads(out.stdout)
    assert row["days_since_last_post"] == (dt.date(2024, 5, 1) - dt.date(2024, 3, 15)).days
    assert row["flags"] == "inactive" and row["engagement_rate"] == row["er_median"]


def test_posts_file_without_needed_columns(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("handle,platform,followers\nalice,instagram,10000\n")
    posts = tmp_path / "posts.csv"
    posts.write_text("who,when\nalice,2024-01-01\n")
    with pytest.raises(Exception, match="posts sheet needs handle, date"):
        enrich(str(sheet), posts=str(posts), store=None)


# ------------------------------------------------------------- a workbook's tab named like posts (D4)


def _tabs_book(path: Path, posts_name: str, posts_rows: list[list[object]]) -> Path:
    """A summary tab, a tab named like posts, and the prospect list last (named "Feuil1")."""
    from sheetmaker import xlsx

    return xlsx(path, {
        "Récap": [["Réseau", "Nb créateurs", "Abonnés", "ER moyen"], ["Instagram", 2, 20500, 0.03]],
        posts_name: posts_rows,
        "Feuil1": [["Nom", "Pseudo", "Réseau", "Abonnés"], ["Léa", "@lea1", "Instagram", 12500],
                   ["Max", "@max2", "Instagram", 8000]],
    })


PLANNING: list[list[object]] = [["Date", "Créateur", "Format", "Brief"], [dt.date(2026, 4, 2), "Léa", "Reel", "Lancement"]]


@pytest.mark.parametrize("name", ["Posts", "posts", "Publications", "Reels"])
@pytest.mark.parametrize("command", ["enrich", "score", "funnel"])
def test_a_tab_named_like_posts_that_holds_no_posts_stops_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, command: str) -> None:
    """A content plan named "Posts" is not read as posts (its columns are no posts table): the list's
    command runs, with or without --sheet, and a note names the tab."""
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-04-01")
    book = _tabs_book(tmp_path / "tabs.xlsx", name, PLANNING)
    brand = str(Path(__file__).resolve().parents[1] / "examples" / "brand.toml")
    for sheet in ([], ["--sheet", "Feuil1"]):
        extra = ["--brand", brand] if command == "score" else []
        out = runner.invoke(app, [command, str(book), *sheet, *extra, "--no-store", "-o", str(tmp_path / "o.csv")]
                            if command != "funnel" else [command, str(book), *sheet, "--no-store", "-f", "csv"])
        assert out.exit_code == 0, out.stderr
        assert "Traceback" not in out.stderr
    t = enrich(str(book), sheet="Feuil1", offline=True, store=None)
    assert t.get("handle") == ["lea1", "max2"]
    assert f"tab {name!r} is not read as posts: it has no handle column and no likes or views column" in " ".join(
        t.meta["notes"])


@pytest.mark.parametrize("name", ["Posts", "Publications"])
def test_a_posts_tab_is_found_by_its_columns_and_a_bad_cell_leaves_one_post_out(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """A tab named like posts whose columns are a posts table's is read as posts, under any of the
    names; a cell it cannot read leaves that post out, named in a note, and never stops the run."""
    monkeypatch.setenv("INFLUKIT_TODAY", "2024-05-01")
    rows: list[list[object]] = [["Pseudo", "Date", "Likes", "Commentaires"]]
    rows += [["lea1", d, lk, c] for d, lk, c, _ in POSTS]
    rows.append(["lea1", "2024-03-20", "beaucoup", 3])  # a likes cell that is no number
    book = _tabs_book(tmp_path / "tabs.xlsx", name, rows)
    t = enrich(str(book), sheet="Feuil1", offline=True, store=None)
    assert t.get("days_since_last_post") == [(dt.date(2024, 5, 1) - dt.date(2024, 3, 15)).days, None]
    (note,) = [n for n in t.meta["notes"] if repr(name) in n]
    assert "1 post left out" in note and "row 7" in note and "column 'Likes'" in note
    assert enrich(str(book), sheet="Feuil1", posts="", offline=True, store=None).get("days_since_last_post") == [
        None, None]  # posts="" (--posts ""): no posts, not even the workbook's
