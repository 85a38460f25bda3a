"""A run stopped by SIGTERM (what `timeout`, `kill`, `docker stop` and a cancelled CI job send) or SIGHUP
(the terminal closed) stops as a Ctrl-C does: its temporary file removed, its workspace transaction
rolled back, the progress bars put away with the cursor shown again, one line on stderr naming the
signal, exit 128 + the signal (SIGTERM 143). Real processes, real signals, a list big enough to be
stopped in the middle of its workspace transaction or of writing its workbook."""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from influkit.errors import Stopped
from influkit.io import forked
from influkit.stopping import STOPPING, stop_on_signals

ROWS = 30_000  # a sheet the workbook writer writes in two processes (thresholds PARALLEL_WRITE_MIN_ROWS)
WAIT_S = 120.0


def _sheet(path: Path, seed: int) -> Path:
    """A prospect list of ROWS Instagram creators (handles of their own per seed)."""
    rng = random.Random(seed)
    lines = ["Nom,Réseau,Lien du profil,Abonnés,Likes moyens,Commentaires moyens,Statut"]
    lines += [f"Créateur {k},Instagram,https://www.instagram.com/s{seed}c{k}/,{rng.randrange(1000, 900_000)},"
              f"{rng.randrange(10, 9000)},{rng.randrange(1, 300)},Contacté" for k in range(ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _command(sheet: Path, db: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "influkit.cli", "enrich", str(sheet), "--sheet", "all", "--offline", "--db", str(db),
            "-o", str(out)]


def _contents(db: Path) -> str:
    """What the workspace holds (it opens, and every row of every table), as one digest."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        text = "\n".join(conn.iterdump())
    conn.close()
    return hashlib.sha256(text.encode()).hexdigest()


def _wait_for(condition: Callable[[], bool], proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        assert proc.poll() is None, "the run ended before the moment to stop it"
        assert time.monotonic() < deadline
        time.sleep(0.005)


def _in_transaction(db: Path) -> bool:
    """Whether another process holds the workspace's write lock (a transaction of the run is open)."""
    conn = sqlite3.connect(db, timeout=0)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.rollback()
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        conn.close()


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A workspace and an output written by a first, complete run, and a second list to run next."""
    root = tmp_path_factory.mktemp("signals")
    done = subprocess.run(_command(_sheet(root / "first.csv", 1), root / "ws.db", root / "out.xlsx"),
                          capture_output=True, timeout=WAIT_S)
    assert done.returncode == 0, done.stderr
    return root / "ws.db", root / "out.xlsx", _sheet(root / "second.csv", 2)


@pytest.fixture
def previous(recorded: tuple[Path, Path, Path], tmp_path: Path) -> Iterator[tuple[Path, Path, Path]]:
    """A copy of the first run's workspace and output, for one test to stop a second run on."""
    db, out, sheet = recorded
    (tmp_path / "ws.db").write_bytes(db.read_bytes())
    (tmp_path / "out.xlsx").write_bytes(out.read_bytes())
    yield tmp_path / "ws.db", tmp_path / "out.xlsx", sheet


def test_sigterm_in_the_workspace_transaction_rolls_it_back_and_says_so_in_one_line(
        previous: tuple[Path, Path, Path]) -> None:
    db, out, sheet = previous
    before, output = _contents(db), out.read_bytes()
    proc = subprocess.Popen(_command(sheet, db, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait_for(lambda: _in_transaction(db), proc)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=WAIT_S)
    finally:
        proc.kill()
    assert (proc.returncode, err.decode()) == (143, "influkit: stopped by SIGTERM\n")
    assert _contents(db) == before  # rolled back: as it was
    assert out.read_bytes() == output
    assert [p.name for p in db.parent.iterdir() if p.name.endswith(".part")] == []


@pytest.mark.parametrize("signum, code, said", [
    (signal.SIGTERM, 143, "stopped by SIGTERM"),
    (signal.SIGHUP, 129, "stopped by SIGHUP"),
    (signal.SIGINT, 130, "interrupted"),  # (as it always was)
])
def test_a_signal_while_the_workbook_is_written_leaves_no_part_file_and_the_terminal_as_it_was(
        previous: tuple[Path, Path, Path], signum: int, code: int, said: str) -> None:
    """Stopped while its `.part` is written (by two processes: the writer forks one for half the rows),
    on a terminal (progress bars drawn): the `.part` is removed, the previous output is unchanged, the
    bars are put away and the cursor they hid is shown again, and one line says what stopped the run."""
    import pty

    db, out, sheet = previous
    output = out.read_bytes()
    parent, child = pty.openpty()
    proc = subprocess.Popen(_command(sheet, db, out), stdout=subprocess.DEVNULL, stderr=child,
                            env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"}, start_new_session=True)
    os.close(child)
    seen = bytearray()

    def drain() -> None:
        while True:
            try:
                block = os.read(parent, 65536)
            except OSError:
                return
            if not block:
                return
            seen.extend(block)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        _wait_for(lambda: any(p.name.endswith(".part") for p in out.parent.iterdir()), proc)
        os.killpg(proc.pid, signum)  # as a terminal, `timeout` or `kill -TERM -PGID` do: every process of the run
        proc.wait(timeout=WAIT_S)
    finally:
        proc.kill()
        reader.join(timeout=10)
        os.close(parent)
    assert proc.returncode == code
    assert [p.name for p in out.parent.iterdir() if p.name.endswith(".part")] == []
    assert out.read_bytes() == output
    assert seen.rfind(b"\x1b[?25l") >= 0  # the bars were drawn (they hide the cursor)...
    assert seen.rfind(b"\x1b[?25h") > seen.rfind(b"\x1b[?25l")  # ...and it is shown again
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", seen[seen.rfind(b"\x1b[?25h"):].decode("utf-8", "replace"))
    assert text.strip() == f"influkit: {said}; the workspace {db} had already recorded this run"
    assert b"Traceback" not in seen
    _contents(db)  # the workspace opens (the run's import had committed before the writing)


def test_a_forked_child_killed_by_sigterm_just_dies() -> None:
    """A process forked by the run (a writer's half of a sheet; any fork) that gets SIGTERM dies of it as
    by default: it never runs the command line's handler (which would raise in the child and clean up
    the parent's work from there), and the parent goes on."""
    old = {s: signal.getsignal(s) for s in STOPPING}
    stop_on_signals()
    try:
        def work(write: Callable[[bytes], None], done: Callable[[int], None]) -> None:
            done(1)
            time.sleep(WAIT_S)

        part = forked.start(work)
        assert part is not None
        try:
            deadline = time.monotonic() + WAIT_S
            while part.done() != 1 and time.monotonic() < deadline:
                time.sleep(0.005)
            os.kill(part.pid, signal.SIGTERM)
            assert not part.wait()
            assert part.status is not None and os.WIFSIGNALED(part.status)
            assert os.WTERMSIG(part.status) == signal.SIGTERM
        finally:
            part.close()
        pid = os.fork()  # a child that did not reset the handler: the handler itself ends it
        if pid == 0:
            try:
                time.sleep(WAIT_S)
            finally:
                os._exit(7)
        time.sleep(0.05)
        os.kill(pid, signal.SIGTERM)
        status = os.waitpid(pid, 0)[1]
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM
    finally:
        for signum, handler in old.items():
            signal.signal(signum, handler)


def test_the_library_installs_no_signal_handler_on_import() -> None:
    """Only the command line's entry point stops on SIGTERM: importing influkit (and its command line)
    leaves a program's handlers as they were."""
    done = subprocess.run([sys.executable, "-c", "import signal, influkit, influkit.cli.app, influkit.stopping; "
                           "print(signal.getsignal(signal.SIGTERM) is signal.SIG_DFL, "
                           "signal.getsignal(signal.SIGHUP) is signal.SIG_DFL)"],
                          capture_output=True, text=True, timeout=WAIT_S)
    assert done.stdout.split() == ["True", "True"], done.stderr


def test_a_signal_the_run_was_started_ignoring_stays_ignored(tmp_path: Path) -> None:
    """Under `nohup` (SIGHUP ignored) closing the terminal does not stop the run."""
    sheet = tmp_path / "l.csv"
    sheet.write_text("creator,platform,handle,followers\nA,instagram,aa,1000\n", encoding="utf-8")
    script = ("import os, signal, sys\n"
              "signal.signal(signal.SIGHUP, signal.SIG_IGN)\n"
              f"sys.argv = ['influkit', 'enrich', {str(sheet)!r}, '--offline', '--no-store', '-q', '-o', "
              f"{str(tmp_path / 'out.csv')!r}]\n"
              "from influkit.cli.app import main\n"
              "from influkit import stopping\n"
              "real = stopping.stop_on_signals\n"
              "def installed():\n"
              "    real()\n"
              "    os.kill(os.getpid(), signal.SIGHUP)\n"
              "import influkit.cli.app as app\n"
              "app.stop_on_signals = installed\n"
              "main()\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=WAIT_S)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.csv").exists()


def test_the_line_and_code_of_a_stop(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """error_exit_code: a SIGTERM is 143 and says so, also when the cleanup after it failed in turn; a
    Ctrl-C is still 130 and 'interrupted'."""
    from influkit.cli.common import error_exit_code
    from influkit.store import base

    monkeypatch.setattr(base, "COMMITTED", [])

    def cleanup_fails(stop: KeyboardInterrupt) -> None:
        try:
            raise stop
        finally:
            [].pop()

    for stop, code, line in ((Stopped(signal.SIGTERM), 143, "influkit: stopped by SIGTERM\n"),
                             (Stopped(signal.SIGHUP), 129, "influkit: stopped by SIGHUP\n"),
                             (KeyboardInterrupt(), 130, "influkit: interrupted\n")):
        with pytest.raises(IndexError) as caught:
            cleanup_fails(stop)
        assert error_exit_code(caught.value) == code
        assert capsys.readouterr().err == line


def test_a_sigterm_once_the_command_is_done_does_not_kill_its_exit(tmp_path: Path) -> None:
    """After a command succeeded (its output written, a workspace's log maybe still being copied), a
    SIGTERM is ignored as a Ctrl-C is (tests/test_defects.py): the process exits 0."""
    sheet = tmp_path / "l.csv"
    sheet.write_text("creator,platform,handle,followers\nA,instagram,aa,1000\n", encoding="utf-8")
    script = (
        "import os, signal, sys, time\n"
        f"sys.argv = ['influkit', 'enrich', {str(sheet)!r}, '--offline', '--db', {str(tmp_path / 'w.db')!r}, "
        f"'-q', '-o', {str(tmp_path / 'out.csv')!r}]\n"
        "from influkit.cli.app import main\n"
        "main()\n"
        "os.kill(os.getpid(), signal.SIGTERM)\n"
        "time.sleep(0.2)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=WAIT_S)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.csv").exists() and "stopped" not in done.stderr


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    return found


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_to_the_process_group_while_scoring_workers_run_stops_the_run(
        tmp_path: Path, signum: int, code: int) -> None:
    """`score` forks its scoring workers before it reads the list; a signal to the whole process group
    (a terminal's Ctrl-C, `timeout`, `kill -TERM -PGID`) while they run stops the run in a few seconds,
    never waiting for a queue lock a killed worker held, and leaves no worker behind."""
    sheet = _sheet(tmp_path / "l.csv", 3)
    brand = str(Path(__file__).parents[1] / "examples" / "brand.toml")
    proc = subprocess.Popen([sys.executable, "-m", "influkit.cli", "score", str(sheet), "--brand", brand, "--no-store",
                             "-o", str(tmp_path / "s.csv")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "INFLUKIT_WORKERS": "2"}, start_new_session=True)
    try:
        _wait_for(lambda: len(_children(proc.pid)) >= 2, proc)
        workers = _children(proc.pid)
        time.sleep(0.5)  # (the workers idle, waiting for a task: one holds its queue's lock)
        os.killpg(proc.pid, signum)
        _, err = proc.communicate(timeout=30)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == code, err
    assert b"Traceback" not in err
    assert not (tmp_path / "s.csv").exists()
    assert all(not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split(")")[1][:3]
               for pid in workers)
