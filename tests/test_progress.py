"""Progress of long steps: reported by the library, drawn on stderr only on a terminal and never with -q."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from rich.console import Console
from typer.testing import CliRunner

import influkit
from influkit import progress
from influkit.cli.app import app
from influkit.cli.render import Progress

ROOT = Path(__file__).resolve().parents[1]
XLSX = str(ROOT / "examples" / "prospects.xlsx")


def test_library_steps_are_reported_and_finished() -> None:
    seen: list[dict[str, Any]] = []
    with progress.reporting(seen.append):
        influkit.score(XLSX, brand=str(ROOT / "examples" / "brand.toml"), store=None)
    steps = [s["step"] for s in seen if not s.get("finished")]
    assert steps[0] == "reading prospects.xlsx" and "metrics" in steps and "scoring" in steps
    finished = {s["step"] for s in seen if s.get("finished")}
    assert finished == set(steps)
    scoring = [s for s in seen if s["step"] == "scoring" and "done" in s]
    assert scoring[-1]["done"] == scoring[-1]["total"] == 41


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
    assert "scoring" in out.getvalue() and "500/1000" in out.getvalue()
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
