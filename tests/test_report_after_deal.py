"""The after-the-deal part read by a new user (links, results, report): prices compared on the same
posts, key figures that name the creators they are over, one cost of a creator in a campaign, tracked
links read back, no click, UTM or order row dropped without a word, codes the campaign's links gave."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from influkit.cli.app import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-20")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output + str(result.exception)
    return result


def report_json(tmp_path: Path, *args: str) -> dict[str, Any]:
    out = tmp_path / "report.json"
    run("report", *args, "--offline", "-o", str(out))
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


# ------------------------------------------------------------------- 1. a fair price on the paid posts

TIKTOK = """Creator,Username,Video link,Caption,Post date,Followers,Views,Likes,Comments,Shares,Saves,Cost
Ben Fit,benfit,https://www.tiktok.com/@benfit/video/7345678901234500001,My routine #ad @brand,2026-03-02,50000,90000,10000,547,400,300,$900
Ben Fit,benfit,https://www.tiktok.com/@benfit/video/7345678901234500002,Gifted by @brand #ad,2026-03-09,50000,30000,2000,123,100,100,
Ana Moves,anamoves,https://www.tiktok.com/@anamoves/video/7345678901234500003,Workout @brand #ad,2026-03-03,80000,140000,12000,800,600,600,"$1,092"
Carl Runs,carlruns,https://www.tiktok.com/@carlruns/video/7345678901234500004,Run day @brand #ad,2026-03-04,30000,60000,6000,200,150,150,$455
Dee Yoga,deeyoga,https://www.tiktok.com/@deeyoga/video/7345678901234500005,Yoga @brand #ad,2026-03-05,40000,70000,6000,300,200,200,$603
"""


def test_a_fair_price_is_computed_on_the_posts_the_cost_paid_for(tmp_path: Path) -> None:
    # Ben's $900 paid the first video (11 247 engagements); the gifted second one (2 323) has no cost
    data = report_json(tmp_path, write(tmp_path, "tiktok_export.csv", TIKTOK), "--no-store", "--lang", "en")
    recs = {r["subject"]: r for r in data["blocks"]["recommendations"] if r["rule"] == "R-NEGOTIATE"}
    ben = recs["Ben Fit"]
    assert "11,247 engagements" in ben["text"] and "13,570" not in ben["text"]
    assert ben["numbers"]["fair_price"] < 900
    assert ben["numbers"]["engagements"] == 11_247 and ben["numbers"]["paid"] == 900
    for r in recs.values():  # never a renegotiation up
        assert r["numbers"]["fair_price"] < r["numbers"]["paid"]
