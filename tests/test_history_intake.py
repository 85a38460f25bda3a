"""`history import`, `history show` and `creator` as a new user meets them: a forgotten person recorded
again is said, gains dated by the day they happened, a workbook's history tab, every account form."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

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


ACCOUNT_FORMS = ["lea.vernoux", "@lea.vernoux", "instagram:lea.vernoux", "Instagram:@Lea.Vernoux",
                 "https://www.instagram.com/lea.vernoux/", "instagram.com/lea.vernoux"]


def _cli_json(*args: str) -> Any:
    result = runner.invoke(app, [*args, "-f", "json"])
    assert result.exit_code == 0, (args, result.stderr)
    return json.loads(result.stdout)


@pytest.mark.parametrize("form", ACCOUNT_FORMS)
def test_every_command_naming_an_account_reads_the_forms_set_reads(tmp_path: Path, form: str) -> None:
    """`history show`, `creator`, `propose`, `forget` and `history import --handle` take an account as `set`
    does (a handle, @handle, platform:handle, a profile link), on the CLI and in Python alike; the same
    handle on another network is not the one named by `instagram:` or an Instagram link."""
    db = str(tmp_path / "camp.db")
    hist = tmp_path / "lea_hist.csv"
    hist.write_text(_totals(20), encoding="utf-8")
    other = tmp_path / "tt.csv"
    other.write_text("Date;Followers\n01/01/2026;70000\n02/01/2026;70100\n", encoding="utf-8")
    influkit.campaign_new("printemps26", store=db)
    influkit.history_import(str(other), platform="tiktok", handle="lea.vernoux", store=db)
    imported = influkit.history_import(str(hist), platform=None if ":" in form else "instagram", handle=form,
                                       store=db)
    assert [(a.platform, a.handle, a.points) for a in imported.accounts] == [("instagram", "lea.vernoux", 20)]
    precise = form not in ("lea.vernoux", "@lea.vernoux")  # a bare handle is on two networks: --platform
    where = [] if precise else ["--platform", "instagram"]
    platform = None if precise else "instagram"
    shown = _cli_json("history", "show", form, *where, "--db", db)
    assert shown == influkit.history(form, platform=platform, store=db).to_dict()
    assert (shown["platform"], shown["points"]) == ("instagram", 20)
    seen = _cli_json("creator", form, *where, "--db", db)
    assert seen == influkit.creator(form, platform=platform, store=db).to_dict()
    assert [a["platform"] for a in seen["accounts"]] == ["instagram"]
    assert set(_cli_json("set", form, *where, "--stage", "contacted", "--db", db)) >= {"changes"}
    proposed = _cli_json("propose", form, *where, "--deliverable", "story", "--price", "300", "--db", db)
    assert proposed["handle"] == "lea.vernoux" and proposed["platform"] == "instagram"
    gone = _cli_json("forget", form, *where, "--db", db)
    assert gone["forgotten"] == ["instagram:lea.vernoux"]
    assert influkit.history("tiktok:lea.vernoux", store=db).to_dict()["points"] == 2


def _tabs_workbook(path: Path) -> Path:
    """A read-me tab first (a title row, then `Date | Commentaire`), the history on the second tab, a
    second account's history on a third."""
    from sheetmaker import xlsx

    readme: list[list[Any]] = [["Historique abonnés — export du 13/03/2026"], ["Date", "Commentaire"],
              [dt.datetime(2026, 2, 1), "début du suivi"], [dt.datetime(2026, 2, 10), "campagne printemps"]]
    data = [["Date", "Followers"]] + [[dt.datetime(2026, 2, d), 4_000 + 25 * d] for d in range(1, 21)]
    other = [["Date", "Abonnés gagnés"]] + [[dt.datetime(2026, 2, d), 7] for d in range(1, 11)]
    return xlsx(path, {"Lisez-moi": readme, "Données": data, "Autre compte": other})


def test_history_import_reads_the_workbook_tab_that_holds_a_history(tmp_path: Path) -> None:
    """Without --sheet, the first tab with a date column and a followers/gains column (a read-me tab never);
    --sheet NAME (or `sheet=`) reads the tab named; no tab fitting is an error naming the tabs."""
    book = _tabs_workbook(tmp_path / "tabs_hist.xlsx")
    db = str(tmp_path / "tb.db")
    cli = runner.invoke(app, ["history", "import", str(book), "--platform", "instagram", "--handle", "tabby",
                              "--db", db, "-f", "json"])
    assert cli.exit_code == 0, cli.stderr
    out = json.loads(cli.stdout)
    assert [(a["handle"], a["kind"], a["points"], a["first"], a["last"]) for a in out["accounts"]] == [
        ("tabby", "totals", 20, "2026-02-01", "2026-02-20")]
    assert "read tab 'Données'; other tabs that hold a follower history (a date column and a followers or gains " \
        "column) were not read: 'Autre compte'" in " ".join(out["notes"])
    lib = influkit.history_import(str(book), platform="instagram", handle="tabby", store=str(tmp_path / "lib.db"))
    assert lib.to_dict() == {**out, "notes": lib.notes} and lib.notes == out["notes"]
    # --sheet: the tab named (any case), or its position
    named = runner.invoke(app, ["history", "import", str(book), "--platform", "instagram", "--handle", "other",
                                "--sheet", "autre compte", "--db", db, "-f", "json"])
    assert named.exit_code == 0, named.stderr
    assert [(a["handle"], a["kind"]) for a in json.loads(named.stdout)["accounts"]] == [("other", "gains")]
    third = influkit.history_import(str(book), platform="instagram", handle="other3", sheet="3",
                                    store=str(tmp_path / "lib.db"))
    assert third.accounts[0].kind == "gains"
    # the read-me tab asked for: its own error, naming it
    readme = runner.invoke(app, ["history", "import", str(book), "--platform", "instagram", "--handle", "x",
                                 "--sheet", "Lisez-moi", "--db", db])
    assert readme.exit_code == 1 and "sheet 'Lisez-moi'" in readme.stderr
    # no tab holds a history
    from sheetmaker import xlsx

    none = xlsx(tmp_path / "none.xlsx", {"Lisez-moi": [["Date", "Commentaire"], [dt.datetime(2026, 2, 1), "x"]],
                                         "Notes": [["Pseudo", "Remarque"], ["lea", "ok"]]})
    failed = runner.invoke(app, ["history", "import", str(none), "--platform", "instagram", "--handle", "x",
                                 "--db", db])
    assert failed.exit_code == 1
    assert "no tab holds a follower history" in failed.stderr and "'Lisez-moi', 'Notes'" in failed.stderr
    assert "--sheet" in failed.stderr


def _daily_gains(english: bool) -> str:
    """30 daily gains of 10, 12/02/2026 through 13/03/2026 (the last one today)."""
    days = [f"{d:02d}/02/2026" for d in range(12, 29)] + [f"{d:02d}/03/2026" for d in range(1, 14)]
    if english:
        return "Date,Handle,Network,Daily gain\n" + "".join(f"{d},zoe.deco,Instagram,10\n" for d in days)
    return "Date;Abonnés gagnés\n" + "".join(f"{d};10\n" for d in days)


@pytest.mark.parametrize("english", [False, True])
def test_a_gain_dated_d_is_in_the_total_of_d_and_total_is_the_last_dates(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, english: bool) -> None:
    """The gain dated D is the change during day D: the total on D includes it, --total is the total on the
    file's last date (never a point after it, nor after today), the one point more is the total the day
    before the first gain; French or English headers, one account or a long file alike."""
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-13")
    f = tmp_path / "zoe_gains.csv"
    f.write_text(_daily_gains(english), encoding="utf-8")
    db = str(tmp_path / "ws3.db")
    who = [] if english else ["--handle", "zoe.deco"]
    cli = runner.invoke(app, ["history", "import", str(f), "--platform", "instagram", *who, "--total", "5000",
                              "--db", db, "-f", "json"])
    assert cli.exit_code == 0, cli.stderr
    out = json.loads(cli.stdout)
    (acc,) = out["accounts"]
    assert (acc["kind"], acc["first"], acc["last"], acc["points"]) == ("gains", "2026-02-11", "2026-03-13", 31)
    assert acc["anchor"] == "total 5,000 on 2026-03-13"
    shown = runner.invoke(app, ["history", "show", "zoe.deco", "--db", db, "-f", "csv"])
    rows = shown.stdout.splitlines()
    assert rows[1].startswith("2026-02-11,4700,") and rows[2].startswith("2026-02-12,4710,")
    assert rows[-1].startswith("2026-03-13,5000,") and len(rows) == 32
    assert _cli_json("history", "show", "zoe.deco", "--db", db) == influkit.history("zoe.deco", store=db).to_dict()
    lib = influkit.history_import(str(f), platform="instagram", handle=None if english else "zoe.deco", total=5000,
                                  store=str(tmp_path / "lib.db"))
    assert lib.to_dict() == out


def test_a_weeks_gain_is_in_the_total_of_its_last_day_and_a_week_in_progress_ends_today(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Weekly gains dated by the week's first day (Social Blade's start_date): the week's total is on its
    last day (start + 6), the week in progress's on today, never later."""
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-01-27")
    f = tmp_path / "weekly.csv"
    f.write_text("start_date,name,weekly_subscribers\n" + "".join(
        f"2026-01-{d:02d},gamma,{g}\n" for d, g in [(4, 100), (11, 200), (18, 300), (25, 400)]), encoding="utf-8")
    result = influkit.history_import(str(f), platform="youtube", total=20_000, store=str(tmp_path / "w.db"))
    assert result.accounts[0].anchor == "total 20,000 on 2026-01-27"
    series = influkit.history("gamma", store=str(tmp_path / "w.db")).to_dict()["series"]
    assert [(p["date"], p["followers"]) for p in series] == [
        ("2026-01-03", 19_000), ("2026-01-10", 19_100), ("2026-01-17", 19_300), ("2026-01-24", 19_600),
        ("2026-01-27", 20_000)]
