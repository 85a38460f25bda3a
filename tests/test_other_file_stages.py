"""A file is the truth for the stages it set, not for the ones another file set: a second batch of a
campaign (a vendor export whose Status is "NotStarted", another tab of the workbook, another workbook)
saying an earlier stage leaves a creator another source moved further where they are, and the enrich
summary says so; the team correcting its own sheet still moves a creator back. The funnel counts a
stage reached by a recorded event, dated or not, even when the current stage is earlier. French and
English sheets, both back ends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import influkit
from influkit.cli.app import app
from influkit.store import Store
from sheetmaker import xlsx

runner = CliRunner()

HEADS = {"fr": ["Nom", "Réseau", "Pseudo", "Abonnés", "Statut"],
         "en": ["Name", "Network", "Handle", "Followers", "Status"]}
WORDS = {  # the team's status words: identified, contacted, replied, deal, published
    "fr": {"identified": "Repéré",
           "contacted": "Contacté", "replied": "A répondu", "deal": "Signé", "published": "Publié"},
    "en": {"identified": "Identified",
           "contacted": "Contacted", "replied": "Replied", "deal": "Deal signed", "published": "Published"},
}


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-12-04")


def workbook(tmp_path: Path, lang: str, nadia: str, *, relances: str = "contacted") -> Path:
    """The team's workbook: the campaign's tab, and a tab of follow-ups that lists Nadia again."""
    w = WORDS[lang]
    head: list[Any] = list(HEADS[lang])
    return xlsx(tmp_path / "suivi.xlsx", {
        "Running": [head,
                    ["Nadia Benali", "Instagram", "nadia_runs", 15210, w[nadia]],
                    ["Emma Court", "Instagram", "emma.court", 8000, w["contacted"]],
                    ["Léo Trail", "Instagram", "leo.trail", 12000, w["replied"]]],
        "Relances": [head, ["Nadia Benali", "Instagram", "nadia_runs", 15210, w[relances]]],
    })


def vendor_export(tmp_path: Path) -> Path:
    """A Modash export of the same campaign: every creator "NotStarted", one new."""
    path = tmp_path / "modash_export.csv"
    path.write_text("Channel,Username,Fullname,#Followers/Subscribers,Status\n"
                    "Instagram,nadia_runs,Nadia Benali,15210,NotStarted\n"
                    "Instagram,emma.court,Emma Court,8000,NotStarted\n"
                    "Instagram,leo.trail,Léo Trail,12000,NotStarted\n"
                    "Instagram,pauline.trail,Pauline Mercier,27804,NotStarted\n", encoding="utf-8")
    return path


def stage_of(backend: str, handle: str) -> str:
    with Store(backend) as db:
        cid = int(db.campaign("running")["id"])
        account = int(db.find_accounts(handle)[0]["id"])
        row = db.campaign_account(cid, account)
    assert row is not None
    return str(row["stage"])


def funnel_stage(backend: str, stage: str) -> tuple[int, int]:
    report = influkit.funnel(store=backend, campaign="running").to_dict()
    found = next(s for s in report["stages"] if s["stage"] == stage)
    return found["current"], found["reached"]


def enrich(path: Path, backend: str, *, sheet: str | None = None) -> str:
    """`influkit enrich FILE --campaign running` (its summary on stderr)."""
    args = ["enrich", str(path), "--offline", "--campaign", "running", "--db", backend, "-o",
            str(path.with_suffix(".out.csv"))]
    cli = runner.invoke(app, args + (["--sheet", sheet] if sheet else []))
    assert cli.exit_code == 0, cli.output
    return cli.stderr


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_another_file_saying_an_earlier_stage_moves_no_creator_back(tmp_path: Path, backend: str,
                                                                     lang: str) -> None:
    influkit.campaign_new("running", store=backend)
    book = workbook(tmp_path, lang, "published")
    enrich(book, backend, sheet="Running")
    influkit.set_stage("leo.trail", stage="deal", campaign="running", store=backend)  # a hand moved Léo on
    assert funnel_stage(backend, "published") == (1, 1)

    said = enrich(vendor_export(tmp_path), backend)
    # Nadia (published by the sheet), Emma (contacted by the sheet), Léo (deal by hand) stay; the new one joins
    assert [stage_of(backend, h) for h in ("nadia_runs", "emma.court", "leo.trail", "pauline.trail")] == [
        "published", "contacted", "deal", "identified"]
    assert "1 stage change recorded" in said  # (Pauline's)
    assert "3 creators kept at a later stage another file or a hand set" in said
    assert "instagram:nadia_runs kept at published: another file said identified" in said
    assert funnel_stage(backend, "published") == (1, 1) and funnel_stage(backend, "deal") == (1, 2)

    # another tab of the same workbook is another file too
    said = enrich(workbook(tmp_path, lang, "published", relances="contacted"), backend, sheet="Relances")
    assert stage_of(backend, "nadia_runs") == "published"
    assert "instagram:nadia_runs kept at published: another file said contacted" in said
    with Store(backend) as db:
        sources = [(e["stage"], e["source"]) for e in db.stage_events(campaign_id=int(db.campaign("running")["id"]))
                   if e["handle"] == "nadia_runs"]
    assert sources == [("published", "sheet:suivi.xlsx#Running")]  # (one event: nothing recorded for her since)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_team_correcting_its_own_sheet_moves_back_and_the_funnel_keeps_the_stage_reached(
        tmp_path: Path, backend: str, lang: str) -> None:
    influkit.campaign_new("running", store=backend)
    enrich(workbook(tmp_path, lang, "published"), backend, sheet="Running")  # first import: undated stages
    said = enrich(workbook(tmp_path, lang, "deal"), backend, sheet="Running")  # "Publié" -> "Signé"
    assert stage_of(backend, "nadia_runs") == "deal"
    assert "1 stage change recorded" in said and "kept at" not in said
    # her published event (undated: the first import's) still says the stage was reached
    assert funnel_stage(backend, "published") == (0, 1) and funnel_stage(backend, "deal") == (1, 1)
