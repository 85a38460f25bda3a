from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pgserver import PgServer, PgUnavailable  # noqa: E402

DATASETS = Path(__file__).resolve().parents[2] / "shared" / "datasets"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(autouse=True)
def _isolated_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test writes a workspace database outside its own tmp folder."""
    monkeypatch.setenv("INFLUKIT_DB", str(tmp_path / "workspace" / "influkit.db"))
    monkeypatch.delenv("INFLUKIT_DEBUG", raising=False)
    for key in ("YOUTUBE_API_KEY", "INSTAGRAM_ACCESS_TOKEN", "INSTAGRAM_USER_ID"):
        monkeypatch.delenv(key, raising=False)


@pytest.fixture(autouse=True)
def _signal_handlers() -> Iterator[None]:
    """A test that runs the command line's `main()` in this process (which stops on SIGTERM and SIGHUP,
    and ignores Ctrl-C once a command is done) leaves the test process's handlers as they were."""
    import signal

    kept = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    yield
    for signum, handler in kept.items():
        if handler is not None and signal.getsignal(signum) is not handler:
            signal.signal(signum, handler)


@pytest.fixture
def datasets() -> Path:
    if not DATASETS.is_dir():
        pytest.skip("../shared/datasets is not present")
    return DATASETS


# ------------------------------------------------------------------------------ PostgreSQL back end


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A real PostgreSQL server for the session (started once, stopped at the end). Without PostgreSQL
    the tests that need it are skipped on a developer's machine, and FAIL in CI (`CI` set)."""
    try:
        server = PgServer().start()
    except PgUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL could not start in CI: {exc}")
        pytest.skip(f"PostgreSQL not available: {exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty workspace target on each back end: a SQLite path, then a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "ws.db")
    server: PgServer = request.getfixturevalue("pg_server")
    return server.database()
