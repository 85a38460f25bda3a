"""A stage event dated by a sheet takes the sheet's corrected date when the same sheet is imported again
with that date fixed (a US date read day-first, a typo): the sheet is the source of truth for its own
dates; the event is corrected, not recorded twice, and `funnel` counts from the corrected date."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

import influkit
from influkit.store import Store


def _events(db: str) -> list[tuple[Any, ...]]:
    """The default campaign's stage events (handle, stage, on_date), by handle then as recorded."""
    with Store(db) as store:
        events = [(e["handle"], e["stage"], e["on_date"]) for e in store.stage_events()]
    return sorted(events, key=lambda e: e[0])  # (stable: an account's events keep their order)


def _csv(path: Path, rows: list[str]) -> None:
    path.write_text("Compte;Réseau;Abonnés;Statut;Date de contact;Date de réponse\n" + "\n".join(rows) + "\n",
                    encoding="utf-8")


def test_a_fixed_contact_date_corrects_its_event_and_the_funnel(tmp_path: Path, backend: str,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-01")
    db, path = backend, tmp_path / "suivi.csv"
    _csv(path, ["ana.b;Instagram;10000;Contacté;02/04/2026;",  # meant Feb 4, read as 2 April
                "ben.c;Instagram;12000;Contacté;;",  # first seen undated
                "cyd.d;Instagram;9000;A répondu;01/02/2026;20/01/2026"])  # a typo: replied before contacted
    influkit.enrich(str(path), offline=True, store=db)
    assert _events(db) == [("ana.b", "contacted", "2026-04-02"), ("ben.c", "contacted", None),
                           ("cyd.d", "replied", "2026-01-20")]
    _csv(path, ["ana.b;Instagram;10000;Contacté;04/02/2026;",
                "ben.c;Instagram;12000;Contacté;10/02/2026;",  # the sheet now dates it
                "cyd.d;Instagram;9000;A répondu;01/02/2026;12/02/2026"])
    table = influkit.enrich(str(path), offline=True, store=db)
    # corrected in place: one event per stage reached, as before
    assert _events(db) == [("ana.b", "contacted", "2026-02-04"), ("ben.c", "contacted", "2026-02-10"),
                           ("cyd.d", "replied", "2026-02-12")]
    assert table.meta["store"]["stage_dates_corrected"] == 3
    report = influkit.funnel(campaign="default", store=db).to_dict()
    since = {f["handle"]: f["since"] for f in report["follow_ups"]["items"]}
    assert since["ana.b"] == "2026-02-04" and since["ben.c"] == "2026-02-10"
    times = {t["stage"]: t for t in report["time_in_stage"]}
    assert times["contacted"]["median_days"] == 11  # cyd: contacted Feb 1, replied Feb 12 (was -12 days)

    # imported again unchanged: nothing to correct
    again = influkit.enrich(str(path), offline=True, store=db)
    assert again.meta["store"].get("stage_dates_corrected", 0) == 0
    assert len(_events(db)) == 3


def test_an_earlier_stage_date_is_corrected_when_the_row_moves_on(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """An xlsx whose row moves from contacted to replied while its contact date is fixed: the contact
    event is corrected, the reply is a new event with the sheet's date."""
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-01")
    db, path = str(tmp_path / "ws.db"), tmp_path / "list.xlsx"

    def write(stage: str, contacted: str, replied: str | None) -> None:
        book = openpyxl.Workbook()
        ws = book.active
        assert ws is not None
        ws.append(["Handle", "Platform", "Followers", "Status", "Contacted on", "Replied on"])
        ws.append(["@zoe.fit", "Instagram", 20000, stage, contacted, replied])
        ws.append(["@max.run", "TikTok", 5000, "Contacted", "01/15/2026", None])
        book.save(path)

    write("Contacted", "02/14/2026", None)  # typo: Feb 14 for Jan 14
    influkit.enrich(str(path), offline=True, store=db)
    write("Replied", "01/14/2026", "01/20/2026")
    influkit.enrich(str(path), offline=True, store=db)
    assert _events(db) == [("max.run", "contacted", "2026-01-15"), ("zoe.fit", "contacted", "2026-01-14"),
                           ("zoe.fit", "replied", "2026-01-20")]


def test_a_stage_set_by_hand_keeps_its_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`set --on` is the hand's: a sheet's date corrects only the events an import recorded."""
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-01")
    db, path = str(tmp_path / "ws.db"), tmp_path / "suivi.csv"
    _csv(path, ["ana.b;Instagram;10000;;;"])
    influkit.enrich(str(path), offline=True, store=db)
    influkit.set_stage("ana.b", stage="contacted", on="2026-02-20", store=db)
    _csv(path, ["ana.b;Instagram;10000;Contacté;18/02/2026;"])
    influkit.enrich(str(path), offline=True, store=db)
    _csv(path, ["ana.b;Instagram;10000;Contacté;19/02/2026;"])
    influkit.enrich(str(path), offline=True, store=db)
    assert _events(db) == [("ana.b", "contacted", "2026-02-20")]  # the hand's event stands, alone
