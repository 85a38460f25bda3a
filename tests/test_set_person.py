"""`set` moves a person, not one account: the accounts the campaign's list has on one sheet row (a wide
sheet: an Instagram, a TikTok and a YouTube column on the creator's row, one status) are one person, and
the stage on that row is theirs. Setting one of them moves the others that stood at the same stage, on
both back ends, in English and French sheets; one of that row at another stage stays, and a row of one
account, or a row of another tab with the same number, is left alone."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

import influkit
from influkit.cli.app import app
from influkit.store import Store
from sheetmaker import link, xlsx

runner = CliRunner()


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-02-13")


def english_sheet(tmp_path: Path) -> Path:
    """A UK team's sheet: one row per person, three network columns, one Status."""
    return xlsx(tmp_path / "prospects.xlsx", {"Prospects": [
        ["Creator", "IG handle", "TikTok", "YT channel", "Status", "Owner", "Date contacted"],
        ["Amara Okafor", "@amaraskin.ldn", "@amaraskin", None, "Contacted", "Priya", dt.datetime(2026, 2, 3)],
        ["Ruby Chen", "@rubychen.skin", "@rubychenskin", link("rubychen", "https://www.youtube.com/@rubychen"),
         "Replied", "Priya", dt.datetime(2026, 2, 4)],
        ["Jess Patel", "@jess.skin.diaries", None, None, "Contacted", "Tom", dt.datetime(2026, 1, 28)],
    ]})


def french_sheet(tmp_path: Path) -> Path:
    """The same people in a French team's CSV (Statut, Date de contact)."""
    path = tmp_path / "prospects.csv"
    path.write_text("Nom,Instagram,TikTok,YouTube,Statut,Responsable,Date de contact\n"
                    "Amara Okafor,@amaraskin.ldn,@amaraskin,,Contacté,Priya,03/02/2026\n"
                    "Ruby Chen,@rubychen.skin,@rubychenskin,https://www.youtube.com/@rubychen,A répondu,Priya,"
                    "04/02/2026\n"
                    "Jess Patel,@jess.skin.diaries,,,Contacté,Tom,28/01/2026\n", encoding="utf-8")
    return path


SHEETS: dict[str, Callable[[Path], Path]] = {"en": english_sheet, "fr": french_sheet}


def imported(tmp_path: Path, backend: str, lang: str) -> Path:
    path = SHEETS[lang](tmp_path)
    influkit.campaign_new("spring26", store=backend)
    influkit.enrich(str(path), offline=True, store=backend, campaign="spring26")
    return path


def stages_of(backend: str, *handles: str) -> dict[str, str | None]:
    with Store(backend) as db:
        cid = int(db.campaign("spring26")["id"])
        ids = {h: db.find_accounts(h)[0]["id"] for h in handles}
        rows = db.campaign_accounts_of(cid, ids.values())
    return {h: rows[int(i)]["stage"] for h, i in ids.items()}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_setting_one_account_moves_the_persons_other_accounts_on_its_row(tmp_path: Path, backend: str,
                                                                         lang: str) -> None:
    imported(tmp_path, backend, lang)
    before = influkit.funnel(store=backend, campaign="spring26")
    assert before["prospects"] == 3 and before["unit"] == "people"

    report = influkit.set_stage("rubychen.skin", stage="deal", campaign="spring26", store=backend).to_dict()
    moved = [(c["platform"], c["handle"], c["previous_stage"], c["stage"], c["on"], c.get("moved_with"))
             for c in report["changes"]]
    assert moved == [
        ("instagram", "rubychen.skin", "replied", "deal", "2026-02-13", None),
        ("tiktok", "rubychenskin", "replied", "deal", "2026-02-13", "instagram:rubychen.skin"),
        ("youtube", "rubychen", "replied", "deal", "2026-02-13", "instagram:rubychen.skin"),
    ]
    assert {c["sheet_row"] for c in report["changes"]} == {3}
    # handles on stdin (the Instagram one of Amara): her TikTok replied too
    cli = runner.invoke(app, ["set", "-", "--stage", "replied", "--campaign", "spring26", "--db", backend,
                              "-f", "json"], input="@amaraskin.ldn\n")
    assert cli.exit_code == 0, cli.output
    assert [(c["handle"], c.get("moved_with")) for c in json.loads(cli.stdout)["changes"]] == [
        ("amaraskin.ldn", None), ("amaraskin", "instagram:amaraskin.ldn")]
    assert "1 creator updated" in cli.stderr
    assert "1 account of the same sheet row, at the same stage, moved with it: tiktok:amaraskin " \
           "(with instagram:amaraskin.ldn)" in cli.stderr

    assert stages_of(backend, "rubychen.skin", "rubychenskin", "rubychen", "amaraskin.ldn", "amaraskin") == {
        "rubychen.skin": "deal", "rubychenskin": "deal", "rubychen": "deal",
        "amaraskin.ldn": "replied", "amaraskin": "replied"}
    # one person each, at one stage: the funnel still counts 3 people and chases neither of them
    after = influkit.funnel(store=backend, campaign="spring26")
    assert after["prospects"] == 3
    current = {s["stage"]: s["current"] for s in after["stages"]}
    assert current["deal"] == 1 and current["replied"] == 1 and current["contacted"] == 1
    assert [i["creator"] for i in after["follow_ups"]["items"]] == ["Jess Patel"]
    # a row of one account behaves as before
    alone = influkit.set_stage("jess.skin.diaries", stage="replied", campaign="spring26", store=backend).to_dict()
    assert [c["handle"] for c in alone["changes"]] == ["jess.skin.diaries"]


def test_an_account_of_the_row_at_another_stage_stays_where_it_is(tmp_path: Path, backend: str) -> None:
    imported(tmp_path, backend, "en")
    # Ruby's TikTok moved on its own (as an influkit before this rule moved one account): her row's other
    # accounts are at replied
    with Store(backend) as db:
        cid, tiktok = int(db.campaign("spring26")["id"]), int(db.find_accounts("rubychenskin")[0]["id"])
        db.write(lambda: db.set_campaign_fields(cid, [(tiktok, {"stage": "deal"})], source="set"))
    assert stages_of(backend, "rubychen.skin", "rubychenskin")["rubychenskin"] == "deal"
    report = influkit.set_stage("rubychen.skin", stage="negotiating", campaign="spring26", store=backend).to_dict()
    assert [(c["handle"], c["stage"], c.get("moved_with")) for c in report["changes"]] == [
        ("rubychen.skin", "negotiating", None), ("rubychen", "negotiating", "instagram:rubychen.skin")]
    assert stages_of(backend, "rubychen.skin", "rubychenskin", "rubychen") == {
        "rubychen.skin": "negotiating", "rubychenskin": "deal", "rubychen": "negotiating"}
    # naming two accounts of the row moves each once, the third with them
    both = influkit.set_stage(["rubychenskin", "rubychen"], stage="published", campaign="spring26",
                              store=backend).to_dict()
    assert [(c["handle"], c.get("moved_with")) for c in both["changes"]] == [
        ("rubychenskin", None), ("rubychen", None), ("rubychen.skin", "youtube:rubychen")]


def test_a_row_of_another_tab_with_the_same_number_is_another_person(tmp_path: Path, backend: str) -> None:
    path = xlsx(tmp_path / "tabs.xlsx", {
        "TikTok": [["Name", "TikTok", "Status"], ["Amy Lane", "@amy.tt", "Contacted"]],
        "YouTube": [["Name", "YouTube", "Status"], ["Cy Moss", link("cymoss", "https://www.youtube.com/@cymoss"),
                                                      "Contacted"]],
    })
    influkit.campaign_new("spring26", store=backend)
    influkit.enrich(str(path), offline=True, store=backend, campaign="spring26", sheet="all")
    report = influkit.set_stage("amy.tt", stage="replied", campaign="spring26", store=backend).to_dict()
    assert [c["handle"] for c in report["changes"]] == ["amy.tt"]
    assert stages_of(backend, "amy.tt", "cymoss") == {"amy.tt": "replied", "cymoss": "contacted"}


def test_set_with_sheet_writes_the_persons_row_once(tmp_path: Path) -> None:
    db = str(tmp_path / "ws.db")
    path = imported(tmp_path, db, "en")
    cli = runner.invoke(app, ["set", "rubychenskin", "--stage", "deal", "--campaign", "spring26", "--db", db,
                              "--sheet", str(path), "-f", "json"])
    assert cli.exit_code == 0, cli.output
    changes: list[dict[str, Any]] = json.loads(cli.stdout)["changes"]
    assert [(c["handle"], c.get("moved_with")) for c in changes] == [
        ("rubychenskin", None), ("rubychen.skin", "tiktok:rubychenskin"), ("rubychen", "tiktok:rubychenskin")]
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    assert [sheet.cell(row=r, column=5).value for r in (2, 3, 4)] == ["Contacted", "Signed", "Contacted"]
    # the funnel of the sheet itself and of the campaign agree: one person signed
    assert {s["stage"]: s["current"] for s in influkit.funnel(str(path), store=None)["stages"]}["deal"] == 1
    assert {s["stage"]: s["current"] for s in influkit.funnel(store=db, campaign="spring26")["stages"]}["deal"] == 1


def test_an_accepted_proposal_moves_the_persons_accounts_at_its_stage_to_deal(tmp_path: Path, backend: str) -> None:
    """`propose --accept` is a deal for the person, as `set --stage deal` is: Ruby's TikTok and YouTube,
    replied like her Instagram, go to deal with it; Amara's accounts (another row) stay where they were."""
    imported(tmp_path, backend, "en")
    report = influkit.propose("rubychen.skin", deliverable="reel", price=950, accept=True, campaign="spring26",
                              store=backend).to_dict()
    assert sorted(report["moved_with_it"]) == ["tiktok:rubychenskin", "youtube:rubychen"]
    assert stages_of(backend, "rubychen.skin", "rubychenskin", "rubychen", "amaraskin") == {
        "rubychen.skin": "deal", "rubychenskin": "deal", "rubychen": "deal", "amaraskin": "contacted"}
    assert influkit.funnel(store=backend, campaign="spring26")["prospects"] == 3
