"""A real, throw-away PostgreSQL server for the tests and benchmarks (no Docker, no pytest plugin).

`PgServer.start()` runs `initdb` in a fresh temporary directory (as the `postgres` user when we are
root: initdb refuses to run as root), starts the server with `pg_ctl` on 127.0.0.1 and a free port
(its socket in that directory too, so nothing outside it is touched), and `stop()` shuts it down and
removes the directory. `database()` creates an empty database and returns its URL.

The binaries are found on the PATH, else in /usr/lib/postgresql/<version>/bin (Debian's package).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path


class PgUnavailable(RuntimeError):
    """PostgreSQL could not be started here (the message says why)."""


def binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True):
        return candidate
    raise PgUnavailable(f"{name} not found on the PATH nor in /usr/lib/postgresql/*/bin "
                        "(apt-get install postgresql)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    def __init__(self, *, durable: bool = False) -> None:
        self.durable = durable  # fsync on (benchmarks); off for tests: a crash only loses a test database
        self.root: Path | None = None
        self.port = 0
        self.user = "postgres"

    def _as_owner(self, args: list[str]) -> list[str]:
        if os.geteuid() != 0:
            self.user = os.environ.get("USER") or "postgres"
            return args
        if shutil.which("runuser") is None:
            raise PgUnavailable("running as root without runuser: cannot run initdb as the postgres user")
        return ["runuser", "-u", "postgres", "--", *args]

    def start(self) -> PgServer:
        initdb, pg_ctl = binary("initdb"), binary("pg_ctl")
        self.root = Path(tempfile.mkdtemp(prefix="influkit-pg-"))
        data, log = self.root / "data", self.root / "server.log"
        if os.geteuid() == 0:
            try:
                shutil.chown(self.root, "postgres", "postgres")
            except (LookupError, OSError) as exc:
                self.cleanup()
                raise PgUnavailable(f"no postgres user to own the server's directory: {exc}") from exc
        self.root.chmod(0o700)
        superuser = "postgres" if os.geteuid() == 0 else (os.environ.get("USER") or "postgres")
        self.user = superuser
        init = subprocess.run(self._as_owner([initdb, "-D", str(data), "-U", superuser, "--auth=trust",
                                              "--encoding=UTF8", "--locale=C", "--no-sync"]),
                              capture_output=True, text=True)
        if init.returncode != 0:
            self.cleanup()
            raise PgUnavailable(f"initdb failed: {init.stderr.strip()[-400:]}")
        self.port = free_port()
        settings = f"-p {self.port} -h 127.0.0.1 -k {self.root} -c max_connections=100"
        if not self.durable:
            settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        started = subprocess.run(self._as_owner([pg_ctl, "-D", str(data), "-l", str(log), "-o", settings, "-w",
                                                 "-t", "60", "start"]), capture_output=True, text=True)
        if started.returncode != 0:
            detail = log.read_text(errors="replace")[-400:] if log.exists() else started.stderr
            self.cleanup()
            raise PgUnavailable(f"pg_ctl start failed: {detail.strip()}")
        return self

    def url(self, database: str = "postgres", password: str | None = None) -> str:
        secret = f":{password}" if password else ""
        return f"postgresql://{self.user}{secret}@127.0.0.1:{self.port}/{database}"

    def database(self, prefix: str = "t") -> str:
        """A new empty database; its URL."""
        import psycopg

        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self.root is None:
            return
        data = self.root / "data"
        if (data / "postmaster.pid").exists():
            subprocess.run(self._as_owner([binary("pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                           capture_output=True, text=True)
        self.cleanup()

    def cleanup(self) -> None:
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    def __enter__(self) -> PgServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
