"""A unit of work the workspace runs again after a concurrent writer's conflict (a serialisation failure
or a deadlock on PostgreSQL, a busy SQLite file: `Store.write` retries it) reports what the attempt that
committed did, once, and nothing of the database driver's reaches stderr. The conflict is injected once:
on PostgreSQL by the server itself (a trigger raising SQLSTATE 40001, counted by a sequence, which no
rollback undoes), on SQLite as its busy file."""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import influkit
from influkit.store import Store
from influkit.store.connection import SqliteConnection

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-12-04")


def refuse_once(backend: str, monkeypatch: pytest.MonkeyPatch, table: str, *, at_commit: bool = False) -> None:
    """The next unit of work writing into `table` is refused once by "a concurrent writer": as it writes
    its first row there, or (`at_commit`) as it commits."""
    if "://" not in backend:
        refused: list[bool] = []

        def refusing(real: Any, wanted: str) -> Any:
            def call(self: Any, sql: str, *args: Any, **kwargs: Any) -> Any:
                if not refused and wanted in sql:
                    refused.append(True)
                    raise sqlite3.OperationalError("database is locked")
                return real(self, sql, *args, **kwargs)
            return call

        if at_commit:
            real_commit = SqliteConnection.commit

            def commit(self: Any) -> None:
                if not refused and self.in_transaction:
                    refused.append(True)
                    raise sqlite3.OperationalError("database is locked")
                real_commit(self)

            monkeypatch.setattr(SqliteConnection, "commit", commit)
        else:
            for name in ("execute", "executemany"):
                monkeypatch.setattr(SqliteConnection, name, refusing(getattr(SqliteConnection, name),
                                                                     f"INSERT INTO {table}"))
            monkeypatch.setattr(SqliteConnection, "_insert_rows", refusing(SqliteConnection._insert_rows,
                                                                           f"INSERT INTO {table}"))
        return
    import psycopg

    with psycopg.connect(backend, autocommit=True) as conn:
        conn.execute("CREATE SEQUENCE IF NOT EXISTS refused_once")
        conn.execute("""CREATE OR REPLACE FUNCTION refuse_once() RETURNS trigger AS $$ BEGIN
                          IF nextval('refused_once') = 1 THEN
                            RAISE EXCEPTION 'could not serialize access (a concurrent writer, in a test)'
                              USING ERRCODE = '40001';
                          END IF;
                          RETURN NEW;
                        END $$ LANGUAGE plpgsql""")
        when = ("CONSTRAINT TRIGGER refuse_once AFTER INSERT OR UPDATE" if at_commit
                else "TRIGGER refuse_once BEFORE INSERT")
        deferred = " DEFERRABLE INITIALLY DEFERRED" if at_commit else ""
        conn.execute(f"CREATE {when} ON {table}{deferred} FOR EACH ROW EXECUTE FUNCTION refuse_once()")


def prospects(tmp_path: Path) -> Path:
    path = tmp_path / "prospects.csv"
    path.write_text("Nom,Réseau,Pseudo,Abonnés,Statut\nLéa Martin,Instagram,lea.martin,12000,Contacté\n"
                    "Zoé Roux,Instagram,zoe.roux,8000,A répondu\nNoé Blanc,TikTok,noe.blanc,30000,Repéré\n",
                    encoding="utf-8")
    return path


def test_an_import_refused_once_reports_the_attempt_that_committed(tmp_path: Path, backend: str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused as it saves the campaign's list (its last step, the failure seen on a team's PostgreSQL
    workspace), the import runs again: its summary counts that run's stage changes, which are the ones
    the workspace holds, and stderr has none of psycopg's own lines ("error ignored terminating
    <psycopg.Pipeline [INERROR]>: pipeline aborted")."""
    influkit.campaign_new("resto", store=backend)
    refuse_once(backend, monkeypatch, "list_meta")
    if "://" in backend:  # (a real process: psycopg's warnings go to its stderr)
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "INFLUKIT_DB": backend}
        run = subprocess.run([sys.executable, "-m", "influkit.cli", "enrich", str(prospects(tmp_path)), "--offline",
                              "--campaign", "resto", "-o", os.devnull, "-f", "csv"], env=env, capture_output=True,
                             text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        said = run.stderr
    else:
        from typer.testing import CliRunner

        from influkit.cli.app import app

        cli = CliRunner().invoke(app, ["enrich", str(prospects(tmp_path)), "--offline", "--campaign", "resto",
                                       "--db", backend, "-o", str(tmp_path / "out.csv")])
        assert cli.exit_code == 0, cli.output
        said = cli.stderr
    assert "campaign resto: 3 accounts, 3 snapshots, 3 stage changes recorded" in said
    assert "psycopg" not in said and "pipeline" not in said.lower() and "error" not in said.lower()
    with Store(backend) as db:
        cid = int(db.campaign("resto")["id"])
        assert int(db.one("SELECT COUNT(*) FROM stage_events WHERE campaign_id=?", (cid,))[0]) == 3
        assert int(db.one("SELECT COUNT(*) FROM list_chunks WHERE campaign_id=?", (cid,))[0]) == 1


def test_set_refused_once_says_each_warning_once(tmp_path: Path, backend: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """`set` refused as it commits runs again: a warning its first attempt made ("moved back from replied
    to contacted") is said once, by the attempt that committed, not once per attempt."""
    influkit.campaign_new("resto", store=backend)
    influkit.enrich(str(prospects(tmp_path)), offline=True, store=backend, campaign="resto")
    refuse_once(backend, monkeypatch, "stage_events", at_commit=True)
    report = influkit.set_stage("zoe.roux", stage="contacted", campaign="resto", store=backend).to_dict()
    assert report["warnings"] == ["instagram:zoe.roux: moved back from replied to contacted"]
    with Store(backend) as db:
        cid = int(db.campaign("resto")["id"])
        assert sorted(e["stage"] for e in db.stage_events(campaign_id=cid) if e["handle"] == "zoe.roux") == [
            "contacted", "replied"]  # (the set's event once)


def test_score_refused_once_warns_once_of_a_creator_who_asked_to_be_forgotten(
        tmp_path: Path, backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`score FILE` refused as it commits runs again: the privacy warning of a creator who asked to be
    forgotten and is recorded again is in the table's notes once."""
    influkit.campaign_new("resto", store=backend)
    path = prospects(tmp_path)
    influkit.enrich(str(path), offline=True, store=backend, campaign="resto")
    influkit.forget("zoe.roux", store=backend)
    brand = tmp_path / "brand.toml"
    brand.write_text('name = "Verde"\nthemes = ["cuisine"]\n', encoding="utf-8")
    refuse_once(backend, monkeypatch, "campaign_accounts", at_commit=True)
    scored = influkit.score(str(path), brand=str(brand), store=backend, campaign="resto")
    said = [n for n in scored.meta.get("privacy_warnings", []) if "zoe.roux" in n]
    assert len(said) == 1 and "asked to be forgotten" in said[0]


def test_a_history_import_refused_once_runs_again_and_counts_each_account_once(
        tmp_path: Path, backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`history import` is a unit of work retried like the others (it used to stop at the first conflict
    with the database's own error); what it reports is the committed attempt's: two accounts, not four."""
    history = tmp_path / "abonnes.csv"
    history.write_text("Date,Compte,Abonnés\n01/11/2026,lea.martin,11000\n01/12/2026,lea.martin,12000\n"
                       "01/11/2026,zoe.roux,7000\n01/12/2026,zoe.roux,8000\n", encoding="utf-8")
    with Store(backend):
        pass
    refuse_once(backend, monkeypatch, "snapshots")
    result = influkit.history_import(str(history), platform="instagram", store=backend)
    assert [(a.handle, a.points) for a in result.accounts] == [("lea.martin", 2), ("zoe.roux", 2)]
    assert result.points == 4
    with Store(backend) as db:
        assert int(db.one("SELECT COUNT(*) FROM snapshots")[0]) == 4


class _Slow(str):
    """A text psycopg takes its time to send (a long list on a slow link): the server's refusal of the
    first row arrives while the rest are still being sent, inside psycopg's pipeline."""


def test_a_pipeline_the_server_refuses_is_closed_without_a_word_from_psycopg(
        pg_server: Any, caplog: pytest.LogCaptureFixture) -> None:
    """psycopg sends many rows in pipeline mode; refused on the first one (a serialisation failure), the
    pipeline used to be left aborted and psycopg logged `error ignored terminating <psycopg.Pipeline
    [INERROR, pipeline=ON] ...>: pipeline aborted` (on stderr, the run going on). Now the failure is raised
    alone, the unit of work runs again and writes every row once."""
    from psycopg.types.string import StrDumper

    class SlowDumper(StrDumper):
        def dump(self, obj: Any) -> Any:
            time.sleep(0.002)
            return super().dump(obj)

    url = pg_server.database()
    with Store(url) as db:
        refuse_once(url, pytest.MonkeyPatch(), "list_meta")
        db.conn.raw.adapters.register_dumper(_Slow, SlowDumper)  # type: ignore[attr-defined]
        attempts: list[int] = []

        def work() -> int:
            attempts.append(1)
            db.conn.executemany("INSERT INTO list_meta(campaign_id, key, value) VALUES (?,?,?)",
                                [(1, f"k{i}", _Slow("v")) for i in range(50)])
            return len(attempts)

        with caplog.at_level(logging.DEBUG, logger="psycopg"):
            assert db.write(work) == 2
        assert [r.getMessage() for r in caplog.records if r.name.startswith("psycopg")] == []
        assert int(db.one("SELECT COUNT(*) FROM list_meta WHERE key LIKE 'k%'")[0]) == 50
