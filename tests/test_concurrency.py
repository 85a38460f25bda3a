"""Four people at once (issue #12): three imports into three campaigns and twenty `influkit set`
calls run concurrently as real processes, on SQLite and on a real PostgreSQL server. Afterwards every
change is there and every campaign's funnel is consistent with its event log."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import influkit
from influkit.store import Store

ROOT = Path(__file__).resolve().parents[1]
ROWS = 300  # accounts per sheet; the three sheets share a third of them
STAGES = ("Contacté", "A répondu", "En négo", "Signé")
SET_STAGES = ("replied", "negotiating", "deal", "published", "declined")


def write_sheet(path: Path, campaign: int, shift: int) -> None:
    lines = ["Nom,Réseau,Pseudo,Abonnés,Likes moyens,Statut"]
    for i in range(ROWS):
        shared = i < ROWS // 3
        handle = f"shared{i}" if shared else f"c{campaign}_{i}"
        lines.append(f"P {handle},IG,{handle},{1000 + i * 7 + shift},{10 + i % 50},{STAGES[(i + shift) % 4]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_three_imports_and_twenty_sets_at_once_lose_nothing(tmp_path: Path, backend: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-01")
    sheets = []
    for c in (1, 2, 3):
        influkit.campaign_new(f"c{c}", store=backend)
        path = tmp_path / f"c{c}.csv"
        write_sheet(path, c, 0)
        influkit.enrich(str(path), offline=True, store=backend, campaign=f"c{c}")  # the day before: known handles
        sheets.append(path)
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-02")
    for c in (1, 2, 3):  # today's sheets: every stage moved on by one
        write_sheet(sheets[c - 1], c, 1)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "INFLUKIT_DB": backend}
    cli = [sys.executable, "-m", "influkit.cli"]
    jobs = [cli + ["enrich", str(sheets[c - 1]), "--offline", "--campaign", f"c{c}", "-o", os.devnull, "-f", "csv", "-q"]
            for c in (1, 2, 3)]
    sets = []
    for k in range(20):
        campaign, handle = f"c{k % 3 + 1}", f"shared{k}" if k % 2 else f"c{k % 3 + 1}_{ROWS - 1 - k}"
        stage, day = SET_STAGES[k % len(SET_STAGES)], f"2026-02-{5 + k:02d}"
        sets.append((campaign, handle, stage, day))
        jobs.append(cli + ["set", handle, "--stage", stage, "--on", day, "--campaign", campaign, "-q", "-f", "csv"])
    procs = [subprocess.Popen(job, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for job in jobs]
    outcomes = [(p.wait(timeout=300), p.stderr.read() if p.stderr else "") for p in procs]
    for p in procs:
        for stream in (p.stdout, p.stderr):
            if stream is not None:
                stream.close()
    assert [code for code, _ in outcomes] == [0] * len(jobs), [err for code, err in outcomes if code]
    with Store(backend) as db:
        # every `set` is in the event log of its campaign, with its date
        recorded = {(r[0], r[1], r[2], r[3]) for r in db.rows(
            """SELECT c.name, a.handle, e.stage, e.on_date FROM stage_events e JOIN campaigns c ON c.id=e.campaign_id
               JOIN accounts a ON a.id=e.account_id WHERE e.source='set'""")}
        assert recorded == set(sets)
        # every import is there: today's snapshot of every account of each sheet, and each campaign's list
        snapped = db.one("SELECT COUNT(*) FROM snapshots WHERE taken_on='2026-03-02'")[0]
        assert snapped == ROWS // 3 + 3 * (ROWS - ROWS // 3)
        for c in (1, 2, 3):
            cid = db.campaign(f"c{c}")["id"]
            assert db.one("SELECT SUM(row_count) FROM list_chunks WHERE campaign_id=?", (cid,))[0] == ROWS
            # consistent: each account's current stage is the stage of its last event in the campaign, but for a
            # `set --on` dated before an event already recorded, which fills the history without moving it
            last: dict[int, str] = {}
            latest: dict[int, str] = {}
            for account, stage, on, source in db.rows(
                    "SELECT account_id, stage, on_date, source FROM stage_events WHERE campaign_id=? ORDER BY id",
                    (cid,)):
                day = str(on)[:10] if on else ""
                if source == "set" and day and day < latest.get(account, "") and account in last:
                    continue
                last[account] = stage
                latest[account] = max(latest.get(account, ""), day)
            current = {r[0]: r[1] for r in db.rows(
                "SELECT account_id, stage FROM campaign_accounts WHERE campaign_id=?", (cid,))}
            assert current == last
            report = influkit.funnel(store=db, campaign=f"c{c}")
            assert report["prospects"] == ROWS
            assert sum(s["current"] for s in report["stages"]) + sum(report["lost"].values()) == ROWS
