"""Progress of long steps: reported by the library, drawn on stderr only on a terminal and never with -q."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

import influkit
from influkit import progress
from influkit.cli.app import app
from influkit.cli.render import Progress, _own_stderr
from influkit.io.read import _quiet_stderr

ROOT = Path(__file__).resolve().parents[1]
XLSX = str(ROOT / "examples" / "prospects.xlsx")


def test_library_steps_are_reported_and_finished() -> None:
    seen: list[dict[str, Any]] = []
    with progress.reporting(seen.append):
        influkit.score(XLSX, brand=str(ROOT / "examples" / "brand.toml"), store=None)
    steps = [s["step"] for s in seen if not s.get("finished")]
    assert steps[0] == "reading prospects.xlsx [Prospects]" and "metrics" in steps and "scoring" in steps
    finished = {s["step"] for s in seen if s.get("finished")}
    assert finished == set(steps)
    scoring = [s for s in seen if s["step"] == "scoring" and "done" in s]
    assert scoring[-1]["done"] == scoring[-1]["total"] == 41
    ranking = [s for s in seen if s["step"] == "ranking" and "done" in s]
    assert ranking[-1]["done"] == ranking[-1]["total"] == 4


def test_the_funnel_counts_its_summaries_after_its_rows() -> None:
    seen: list[dict[str, Any]] = []
    with progress.reporting(seen.append):
        influkit.funnel(XLSX, store=None)
    steps = [s["step"] for s in seen if not s.get("finished")]
    assert steps.index("funnel") < steps.index("funnel: stages, breakdowns, follow-ups")
    table = influkit.enrich(XLSX, offline=True, store=None)
    rows = len(table)
    prospects = sum(1 for d, kind in zip(table.get("duplicate_of"), table.get("row_kind"), strict=True)
                    if not d and not kind)  # (a TOTAL row, a repeated account: no prospect)
    for inner, total in (("funnel: stages", rows), ("funnel: people", rows), ("funnel: people, grouped", prospects)):
        last_inner = [s for s in seen if s["step"] == inner and "done" in s][-1]
        assert last_inner["done"] == last_inner["total"] == total, inner
        assert steps.index("funnel") < steps.index(inner) < steps.index("funnel: stages, breakdowns, follow-ups")
    assert prospects < rows
    last = [s for s in seen if s["step"] == "funnel: stages, breakdowns, follow-ups" and "done" in s][-1]
    assert last["done"] == last["total"] == 3 + 4 and last["unit"] == "steps"  # (four breakdowns)
    seen.clear()
    with progress.reporting(seen.append):
        influkit.funnel(XLSX, by="platform", store=None)
    one = [s for s in seen if s["step"] == "funnel: stages, breakdowns, follow-ups" and "done" in s][-1]
    assert one["done"] == one["total"] == 4  # (one breakdown)


def test_without_a_listener_steps_cost_nothing() -> None:
    with progress.step("x", 3) as tick:
        tick(1)  # nobody listens: nothing happens, nothing fails


def test_the_bar_draws_on_a_terminal_and_stays_quiet_otherwise() -> None:
    out = io.StringIO()
    bar = Progress(console=Console(file=out, force_terminal=True, width=100))
    with progress.reporting(bar.update), progress.step("scoring", 1000) as tick:
        tick(500)
        bar.progress.refresh()
    bar.close()
    assert "scoring" in out.getvalue() and "500/1,000" in out.getvalue()
    quiet = io.StringIO()
    hushed = Progress(quiet=True, console=Console(file=quiet, force_terminal=True))
    with progress.reporting(hushed.update), progress.step("scoring", 10) as tick:
        tick(5)
    assert quiet.getvalue() == ""
    piped = io.StringIO()
    plain = Progress(console=Console(file=piped, force_terminal=False))
    with progress.reporting(plain.update), progress.step("scoring", 10) as tick:
        tick(5)
    assert piped.getvalue() == ""


def test_commands_in_scripts_print_no_bar() -> None:
    result = CliRunner().invoke(app, ["score", XLSX, "--brand", str(ROOT / "examples" / "brand.toml"), "--no-store",
                                      "-f", "csv"])
    assert result.exit_code == 0
    assert "scoring" not in result.stderr and "\x1b[" not in result.stderr


def test_enrich_reports_counts_for_every_long_step(tmp_path: Path) -> None:
    seen: list[dict[str, Any]] = []
    table = influkit.enrich(XLSX, offline=True, store=str(tmp_path / "ws.db"), progress=seen.append)
    n = len(table)
    said: dict[str, dict[str, Any]] = {}
    for state in seen:
        if not state.get("finished"):
            said[state["step"]] = state  # the last state each step reported
    reading = said["reading prospects.xlsx [Prospects]"]  # (a workbook of several tabs: the tab is named)
    assert reading["unit"] == "rows" and reading["total"] == reading["done"] > n  # (a title row, the header)
    normalising = said["normalising [Prospects]"]
    assert normalising["unit"] == "columns" and normalising["done"] == normalising["total"] > 10
    accounts = said["normalising: accounts"]  # (identifying the accounts: its own count, in rows)
    assert accounts["unit"] == "rows" and accounts["done"] == accounts["total"] == n
    assert said["metrics"]["done"] == said["metrics"]["total"] == 4
    # (its two passes over the rows count them: 3-4 s each of a 900k-row list)
    assert said["metrics: engagement"]["done"] == said["metrics: engagement"]["total"] == n
    assert said["metrics: prices"]["done"] == said["metrics: prices"]["total"] == len(table.creator_rows())
    assert said["metrics: benchmarks"]["done"] == said["metrics: benchmarks"]["total"] == len(table.creator_rows())
    assert said["metrics: peers"]["done"] == said["metrics: peers"]["total"] == n
    assert said["metrics: percentiles"]["done"] == said["metrics: percentiles"]["total"] > 0  # (rows with peers)
    assert said["wording (fr)"] == {"step": "wording (fr)", "done": 4, "total": 4, "unit": "columns"}  # (prose)
    for part in ("workspace: accounts", "workspace: numbers", "workspace: history", "workspace: list"):
        state = said[part]
        assert state["unit"] == "rows" and state["done"] == state["total"], part
    # the rows naming an account are recorded; every row gets its history and is saved in the list
    recorded = sum(1 for p, h, d in zip(table.get("platform"), table.get("handle"), table.get("duplicate_of"),
                                        strict=True) if p and h and not d)
    assert said["workspace: accounts"]["total"] == said["workspace: numbers"]["total"] == recorded < n
    assert said["workspace: history"]["total"] == said["workspace: list"]["total"] == n
    finished = [s["step"] for s in seen if s.get("finished")]
    assert sorted(finished) == sorted(said)  # every step ends, so its bar goes


def test_a_counted_loop_gives_every_index_and_tells_its_count() -> None:
    seen: list[dict[str, Any]] = []
    with progress.reporting(seen.append):
        got = list(progress.counted("identifying", range(10_000), every=4096))
    assert got == list(range(10_000))
    said = [s for s in seen if not s.get("finished")]
    assert said[0] == {"step": "identifying", "done": 0, "total": 10_000, "unit": "rows"}
    assert said[-1]["done"] == 10_000 and seen[-1] == {"step": "identifying", "finished": True}
    assert list(progress.counted("nobody listens", range(5))) == [0, 1, 2, 3, 4]
    assert list(progress.counted("a list", [7, 3, 9], every=2)) == [7, 3, 9]  # (any sequence: its items)


def test_csv_reading_counts_rows(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("handle,platform,followers\n" + "".join(f"a{k},instagram,{k}\n" for k in range(9000)),
                    encoding="utf-8")
    seen: list[dict[str, Any]] = []
    with progress.reporting(seen.append):
        influkit.enrich(str(path), offline=True, store=None)
    reading = [s for s in seen if s["step"] == "reading list.csv" and not s.get("finished")]
    assert reading[0]["total"] == 9002  # the line ends, counted before the rows are parsed
    assert reading[-1]["done"] == reading[-1]["total"] == 9001  # then the rows found
    assert any(0 < s["done"] < 9001 for s in reading)  # and counts on the way


def test_a_step_without_a_total_shows_no_counts_until_it_has_some() -> None:
    out = io.StringIO()
    bar = Progress(console=Console(file=out, force_terminal=True, width=100))
    with progress.reporting(bar.update), progress.step("reading big.xlsx", unit="rows") as tick:
        bar.progress.refresh()
        assert "0/?" not in out.getvalue() and "reading big.xlsx" in out.getvalue()
        tick(4096, 500_003)
        bar.progress.refresh()
    bar.close()
    assert "4,096/500,003 rows" in out.getvalue()


def test_the_bars_keep_drawing_while_the_reader_hides_stderr(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The spreadsheet reader points file descriptor 2 elsewhere while it runs (`_quiet_stderr`); the
    bars write to their own copy of the terminal's stderr."""
    terminal = (tmp_path / "terminal").open("w+")
    saved = os.dup(2)
    try:
        os.dup2(terminal.fileno(), 2)
        monkeypatch.setattr(sys, "stderr", open(2, "w", closefd=False))  # noqa: SIM115 - fd 2, closed by nobody
        own = _own_stderr()
        assert own is not None
        with _quiet_stderr():
            os.write(2, b"hidden")
            own.write("drawn")
            own.flush()
        own.close()
    finally:
        os.dup2(saved, 2)
        os.close(saved)
    terminal.seek(0)
    text = terminal.read()
    terminal.close()
    assert "drawn" in text and "hidden" not in text


def test_no_bar_while_the_data_goes_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Data written to stdout shares the terminal with the bars on stderr (`-o -`, or a pipe whose reader
    prints there): the writing reports no progress then; into a file it does."""
    from influkit.cli.render import emit_table

    table = influkit.enrich(XLSX, offline=True, store=None)
    seen: list[dict[str, Any]] = []
    with progress.reporting(seen.append):
        emit_table(table, "-", "csv")
    assert "creator" in capsys.readouterr().out and seen == []
    with progress.reporting(seen.append):
        emit_table(table, str(tmp_path / "out.csv"), "csv")
    assert {s["step"] for s in seen} == {"writing csv"}
    with progress.reporting(seen.append), progress.hushed(), progress.step("x", 2) as tick:
        tick(1)
    assert "x" not in {s["step"] for s in seen}


def test_links_count_their_codes_then_their_links() -> None:
    from influkit.campaign.links import add_links

    table = influkit.enrich(XLSX, offline=True, store=None)
    seen: list[dict[str, Any]] = []
    with progress.reporting(seen.append):
        add_links(table, url="https://shop.example/p", campaign="spring")
    steps = [s["step"] for s in seen if not s.get("finished")]
    assert steps[0] == "promo codes" and "tracked links" in steps  # open from the start, then the links
    assert steps[1] == "promo codes: creators"  # (who is who, counted before the codes are made)
    for name in ("promo codes", "promo codes: creators", "tracked links"):
        last = [s for s in seen if s["step"] == name and not s.get("finished")][-1]
        assert last["done"] == last["total"] == len(table) and last["unit"] == "rows"


def test_a_campaigns_stage_events_are_a_counted_step(tmp_path: Path) -> None:
    """The funnel reads its campaign's stage events as a counted step (2.4 s of a 500k-row campaign);
    one account's events are read without a step."""
    from influkit.store import Store

    ws = str(tmp_path / "ws.db")
    influkit.enrich(XLSX, offline=True, store=ws)
    with Store(ws) as db:
        events = db.one("SELECT COUNT(*) FROM stage_events")[0]
        account = db.one("SELECT account_id FROM stage_events LIMIT 1")[0]
    assert events > 10
    seen: list[dict[str, Any]] = []
    with progress.reporting(seen.append):
        influkit.funnel(store=ws)
    said = [s for s in seen if s["step"] == "workspace: stage events"]
    assert said[0] == {"step": "workspace: stage events", "done": 0, "total": events, "unit": "events"}
    assert said[-2]["done"] == said[-2]["total"] == events and said[-1].get("finished")
    seen.clear()
    with progress.reporting(seen.append), Store(ws) as db:
        assert len(list(db.stage_events(account))) >= 1
    assert seen == []


def _steps(call: Any) -> list[dict[str, Any]]:
    """What a command's `progress=` callback was told (its steps, each started and finished)."""
    seen: list[dict[str, Any]] = []
    call(seen.append)
    return seen


@pytest.mark.parametrize("name", ["score", "shortlist", "funnel", "links", "results", "report", "check",
                                  "history_import"])
def test_every_command_reading_a_file_takes_a_progress_callback(name: str, tmp_path: Path) -> None:
    brand = str(ROOT / "examples" / "brand.toml")
    posts = str(ROOT / "tests" / "data" / "campagne_posts.csv")
    history = str(ROOT / "examples" / "history" / "iconosquare_camille.slowbeauty_followers.csv")
    calls: dict[str, Any] = {
        "score": lambda p: influkit.score(XLSX, brand=brand, store=None, progress=p),
        "shortlist": lambda p: influkit.shortlist(XLSX, brand=brand, top=3, store=None, progress=p),
        "funnel": lambda p: influkit.funnel(XLSX, store=None, progress=p),
        "links": lambda p: influkit.links(XLSX, url="https://shop.example/p", campaign="spring", store=None,
                                          progress=p),
        "results": lambda p: influkit.results(str(ROOT / "examples" / "orders_shopify.csv"), XLSX, store=None,
                                              progress=p),
        "report": lambda p: influkit.report(posts, offline=True, store=None, progress=p),
        "check": lambda p: influkit.check(posts, progress=p),
        "history_import": lambda p: influkit.history_import(history, platform="instagram", handle="camille.slowbeauty",
                                                         store=str(tmp_path / "ws.db"), progress=p),
    }
    seen = _steps(calls[name])
    started = [s["step"] for s in seen if not s.get("finished")]
    finished = {s["step"] for s in seen if s.get("finished")}
    reading = [s for s in started if s.startswith("reading ")]
    assert reading, started  # the file read, with its rows counted
    assert set(started) == finished  # every step told ends
    more: list[dict[str, Any]] = []
    with progress.reporting(more.append):  # and no listener is left behind by the call
        influkit.thresholds_table()
        with progress.step("after", 1):
            pass
    assert [s["step"] for s in more] == ["after", "after"]
    if name == "score":
        assert "scoring" in started and "ranking" in started
    if name == "links":
        assert "promo codes" in started


def test_a_progress_callback_inside_an_outer_listener_takes_the_steps_and_gives_them_back() -> None:
    outer: list[dict[str, Any]] = []
    inner: list[dict[str, Any]] = []
    with progress.reporting(outer.append):
        influkit.funnel(XLSX, store=None, progress=inner.append)
        with progress.step("after", 1):
            pass
        influkit.funnel(XLSX, store=None)  # (no callback: the outer listener hears it, as the command line's bar)
    assert any(s["step"].startswith("reading ") for s in inner)
    assert not any(s["step"] == "after" for s in inner)
    steps = [s["step"] for s in outer]
    assert steps[:2] == ["after", "after"] and any(s.startswith("reading ") for s in steps[2:])


def test_a_step_says_its_start_then_at_most_ten_counts_a_second_never_the_same_twice() -> None:
    """A step's events: its start, its first count, then a count REPORT_EVERY_S after the last at the
    soonest, its last count at once, never the same count and total twice in a row (a tick of 0 right after
    the start is not said again), then finished (a new user saw `done` 0 and 16/16 each said twice)."""
    from influkit import progress

    events: list[dict[str, Any]] = []
    with progress.reporting(events.append), progress.step("normalising", 1000, "columns") as tick:
        tick(0)  # (the start's count again: nothing new)
        for done in range(1, 1000):
            tick(done)  # (the first said, the others well within REPORT_EVERY_S of it)
        tick(1000)
        tick(1000)  # (the last count again: not said twice)
    assert events == [{"step": "normalising", "done": 0, "total": 1000, "unit": "columns"},
                      {"step": "normalising", "done": 1, "total": 1000, "unit": "columns"},
                      {"step": "normalising", "done": 1000, "total": 1000, "unit": "columns"},
                      {"step": "normalising", "finished": True}]
