"""Dates of posts and orders read like the list's: the day/month order is decided per column from all its
cells ("01/20/2026" makes the column month first, so "02/04/2026" is 4 February), for `check`, `report`,
the orders export and the posts tabs `enrich` reads; a post published after today is a warning naming
its file, sheet, row and column."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

import influkit
from influkit.campaign.published import read_published
from influkit.campaign.results import read_orders
from influkit.cli.app import app
from influkit.io.read import read_sheet
from influkit.metrics.posts import read_posts

runner = CliRunner()
D = dt.date


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-10")


def _csv(path: Path, rows: list[list[object]]) -> str:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return str(path)


def _xlsx(path: Path, rows: list[list[object]], title: str = "Posts") -> str:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for r in rows:
        ws.append(r)
    wb.save(path)
    return str(path)


# (cells, days): a column whose cells only one order reads decides the ambiguous ones
CASES = [
    (["01/12/2026", "01/14/2026", "02/04/2026"], [D(2026, 1, 12), D(2026, 1, 14), D(2026, 2, 4)]),
    (["3/1/2026", "2/28/2026", "3/5/26"], [D(2026, 3, 1), D(2026, 2, 28), D(2026, 3, 5)]),
    (["02/03/2026", "01/31/2026 10:30", None], [D(2026, 2, 3), D(2026, 1, 31), None]),
    # day first stays day first
    (["04/02/2026", "25/01/2026", "01/03/2026"], [D(2026, 2, 4), D(2026, 1, 25), D(2026, 3, 1)]),
]


@pytest.mark.parametrize(("cells", "days"), CASES)
def test_check_reads_a_column_of_dates_in_its_own_order(tmp_path: Path, cells: list[str | None],
                                                        days: list[D | None]) -> None:
    rows: list[list[object]] = [["Caption", "Handle", "Published"]]
    rows += [[f"Leggings drop #ad {k}", f"user{k}", c] for k, c in enumerate(cells)]
    for path in (_csv(tmp_path / "posts.csv", rows), _xlsx(tmp_path / "posts.xlsx", rows)):
        result = influkit.check(path, platform="instagram")
        assert result.get("published_on") == days, path
        assert not result.summary.get("warnings"), path


@pytest.mark.parametrize(("cells", "days"), CASES)
def test_the_report_reads_publication_dates_in_the_columns_order(tmp_path: Path, cells: list[str | None],
                                                                 days: list[D | None]) -> None:
    rows: list[list[object]] = [["Creator", "Post URL", "Caption", "Published", "Views", "Likes"]]
    rows += [[f"C{k}", f"https://www.instagram.com/p/POST{k}X/", "#ad new kit", c, 1000, 100]
             for k, c in enumerate(cells)]
    path = _csv(tmp_path / "posts.csv", rows)
    assert [p.published_on for p in read_published(path).posts] == days
    report = influkit.report(path, offline=True, store=None).to_dict()
    known = [d for d in days if d is not None]
    assert report["campaign"]["first_post"] == min(known).isoformat()
    assert report["campaign"]["last_post"] == max(known).isoformat()
    assert not [w for w in report["warnings"] if "after today" in w]


def test_a_post_published_after_today_is_one_warning_naming_its_row(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Creator", "Post URL", "Caption", "Date posted", "Views", "Likes"],
                                ["Ann", "https://www.instagram.com/p/ANN1X/", "#ad kit", "01/12/2026", 900, 90],
                                ["Bob", "https://www.instagram.com/p/BOB1X/", "#ad kit", "03/25/2026", 900, 90],
                                ["Cat", "https://www.instagram.com/p/CAT1X/", "#ad kit", "2027-01-02", 900, 90]]
    path = _xlsx(tmp_path / "campaign.xlsx", rows, title="Spring")
    report = influkit.report(path, offline=True, store=None).to_dict()
    future = [w for w in report["warnings"] if "after today" in w]
    assert len(future) == 2
    assert future[0].startswith(f"{path}, sheet 'Spring', row 3, column 'Date posted': date 2026-03-25")
    assert "row 4" in future[1] and "2027-01-02" in future[1]
    checked = influkit.check(path)
    assert [w.split(":")[0] for w in checked.summary["warnings"]] == [w.split(":")[0] for w in future]
    out = runner.invoke(app, ["check", path, "-o", str(tmp_path / "out.csv")])
    assert out.exit_code == 0, out.output
    assert "warning: " in out.stderr and "row 3, column 'Date posted'" in out.stderr


def test_a_cell_the_columns_order_cannot_read_is_said_not_guessed(tmp_path: Path) -> None:
    # the majority is month first: "25/01/2026" is no date of this column (the list reader's rule)
    rows: list[list[object]] = [["Caption", "Handle", "Published"],
                                ["#ad a", "a", "01/20/2026"], ["#ad b", "b", "01/21/2026"],
                                ["#ad c", "c", "25/01/2026"]]
    result = influkit.check(_csv(tmp_path / "p.csv", rows), platform="instagram", lang="en")
    assert result.get("published_on") == [D(2026, 1, 20), D(2026, 1, 21), None]
    assert "unreadable publication date (25/01/2026)" in str(result.get("compliance_warnings")[2])


@pytest.mark.parametrize(("created", "days"), [
    (["02/01/2026", "02/14/2026", "03/02/2026"], [D(2026, 2, 1), D(2026, 2, 14), D(2026, 3, 2)]),
    (["01/02/2026 09:00", "14/02/2026 10:00", "02/03/2026"], [D(2026, 2, 1), D(2026, 2, 14), D(2026, 3, 2)]),
])
def test_orders_dates_follow_their_columns_order(tmp_path: Path, created: list[str], days: list[D]) -> None:
    rows: list[list[object]] = [["Name", "Created at", "Total", "Discount Code", "Currency"]]
    rows += [[f"#{k}", c, "50.00", "MIA10", "USD"] for k, c in enumerate(created)]
    orders, _ = read_orders(_csv(tmp_path / "orders.csv", rows))
    assert [o.created_at for o in orders] == days


def test_enrich_posts_tab_reads_us_dates_month_first(tmp_path: Path) -> None:
    rows: list[list[object]] = [["handle", "date", "likes", "views"],
                                ["mia", "01/12/2026", 100, 1000], ["mia", "02/04/2026", 120, 1100],
                                ["mia", "01/30/2026", 90, 900]]
    posts = read_posts(read_sheet(_csv(tmp_path / "posts.csv", rows)))
    assert [p.published for p in posts] == [D(2026, 1, 12), D(2026, 2, 4), D(2026, 1, 30)]
