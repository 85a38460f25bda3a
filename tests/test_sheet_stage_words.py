"""`set --sheet` writes a stage in the word the sheet itself uses most for it (its status column), else in
influkit's label in the sheet's language; nothing else of the workbook changes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import openpyxl

sys.path.insert(0, str(Path(__file__).parent))

import influkit  # noqa: E402


def _cells(path: Path) -> dict[tuple[str, str], Any]:
    book = openpyxl.load_workbook(path)
    try:
        return {(ws.title, c.coordinate): c.value for ws in book.worksheets for row in ws.iter_rows() for c in row
                if c.value is not None}
    finally:
        book.close()


def test_set_sheet_writes_the_stage_in_the_word_the_sheet_uses_most(tmp_path: Path) -> None:
    path = tmp_path / "prospects.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Suivi"
    ws.append(["Nom", "Compte", "Réseau", "Abonnés", "Statut"])
    rows = [("Ana", "ana.b", "Contacté(e)"), ("Ben", "ben.c", "Contacté(e)"), ("Cyd", "cyd.d", "Contacté"),
            ("Dan", "dan.e", "À contacter"), ("Eve", "eve.f", "À contacter"), ("Flo", "flo.g", "Identifié"),
            ("Gus", "gus.h", "En discussion"), ("Hal", "hal.i", "Signé"), ("Ivy", "ivy.j", None),
            ("Jon", "jon.k", "Contacté(e)")]
    for name, handle, status in rows:
        ws.append([name, handle, "Instagram", 12000, status])
    notes = book.create_sheet("Notes")
    notes["A1"] = "À relancer lundi"
    book.save(path)
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(path), offline=True, store=db)
    before = _cells(path)

    influkit.set_stage("ivy.j", stage="contacted", on="2026-03-02", store=db, sheet=str(path))
    influkit.set_stage("flo.g", stage="replied", on="2026-03-03", store=db, sheet=str(path))
    influkit.set_stage("gus.h", stage="deal", on="2026-03-04", store=db, sheet=str(path))

    after = _cells(path)
    # the sheet's most frequent word for the stage, not influkit's "Contacté", even though "Contacté" is in it
    assert after[("Suivi", "E10")] == "Contacté(e)"
    assert after[("Suivi", "E8")] == "Signé"  # the sheet's own word for a deal
    assert after[("Suivi", "E7")] == "A répondu"  # no word for replied in the sheet: influkit's, in French
    changed = {k for k in after.keys() | before.keys() if after.get(k) != before.get(k)}
    # the three status cells, and the stage date cells added to the right (a header and the three dates)
    assert {k for k in changed if k[1].startswith("E")} == {("Suivi", "E7"), ("Suivi", "E8"), ("Suivi", "E10")}
    assert all(k[0] == "Suivi" and k[1][0] > "E" for k in changed if not k[1].startswith("E"))


def test_set_sheet_english_csv_keeps_the_team_word_for_the_stage(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Handle,Platform,Followers,Status\n@anna.b,Instagram,10000,Reached out\n"
                    "@bea.c,Instagram,12000,Reached out\n@cid.d,Instagram,9000,Contacted\n"
                    "@dee.e,Instagram,9000,To contact\n@fay.g,Instagram,5000,\n", encoding="utf-8")
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(path), offline=True, store=db)
    influkit.set_stage("fay.g", stage="contacted", on="2026-03-02", store=db, sheet=str(path))
    influkit.set_stage("dee.e", stage="negotiating", on="2026-03-02", store=db, sheet=str(path))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("Handle,Platform,Followers,Status,")
    assert lines[1].startswith("@anna.b,Instagram,10000,Reached out,")
    assert lines[5].startswith("@fay.g,Instagram,5000,Reached out,")  # not "Contacted"
    assert lines[4].split(",")[3] == "Negotiating"  # no word in the sheet for it: influkit's, in English
