"""What every repository of the workspace shares: the connection, transactions and retries."""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any, TypeVar

from ..errors import InfluError
from ..text import count
from ..thresholds.store import setting
from .connection import Connection, connect, is_read_only, is_retryable, one_line, scrub
from .migrations import VERSION, migrate

T = TypeVar("T")

# The workspaces this process has changed (what the command line says when a run is interrupted)
COMMITTED: list[str] = []


class StoreBase:
    """One open workspace (SQLite file or PostgreSQL database). Use as a context manager or call
    `close()`."""

    def __init__(self, target: str | os.PathLike[str] | None = None) -> None:
        from ..workspace import default_target

        self.target = os.fspath(target) if target is not None else default_target()
        self.conn: Connection = connect(self.target, timeout=setting("busy_timeout"),
                                        lock_timeout_ms=int(setting("lock_timeout")),
                                        cache_kib=int(setting("sqlite_cache")))
        self.location = self.conn.location  # what messages call it (never a password)
        self.dialect = self.conn.dialect
        self._depth = 0
        self._on_commit: list[Callable[[], object]] = []  # what the open transaction tells once committed
        try:
            migrate(self.conn, self.location)
        except InfluError:
            self.conn.close()
            raise
        except Exception as exc:
            self.conn.close()
            raise InfluError(f"not a usable influkit database: {self.safe(exc)}", file=self.location) from None

    @property
    def path(self) -> Path:
        """The SQLite file (for a PostgreSQL workspace: its display name, a URL without password)."""
        return Path(self.target) if self.dialect == "sqlite" else Path(self.location)

    def safe(self, exc: BaseException) -> str:
        """An error's text on one line, without the database password."""
        return one_line(scrub(str(exc), self.target)) or type(exc).__name__

    def __enter__(self) -> StoreBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @property
    def version(self) -> int:
        return self.conn.schema_version() if self._depth == 0 else VERSION

    # ------------------------------------------------------------------------------ transactions

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """BEGIN (serialisable) ... COMMIT, or ROLLBACK on any error; nested calls join the outer one.
        A block that can be refused by a concurrent writer should run through `write()`, which retries."""
        if self._depth or self.conn.in_transaction:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        self.conn.begin()
        self._depth = 1
        self._on_commit.clear()
        try:
            yield self.conn
        except BaseException:
            self._depth = 0
            self._on_commit.clear()
            self._rollback_quietly()
            raise
        self._depth = 0
        told, self._on_commit = self._on_commit, []
        try:
            self.conn.commit()
        except KeyboardInterrupt:  # between bytecodes: before the COMMIT (rolled back) or after it (kept)
            if not self._in_transaction_quietly():
                self._committed()
            self._rollback_quietly()
            raise
        except BaseException:
            self._rollback_quietly()
            raise
        self._committed()
        for tell in told:
            tell()

    def on_commit(self, tell: Callable[[], object]) -> None:
        """Call `tell` once the transaction open now has committed (now, when none is open). What a unit of
        work says to the world outside it (a warning added to a list the caller holds, a note on the
        caller's table) goes through here: `write` runs the work again after a concurrent writer's
        conflict, and an attempt rolled back must leave nothing behind, nor say anything twice."""
        if self._depth or self.conn.in_transaction:
            self._on_commit.append(tell)
        else:
            tell()

    def _committed(self) -> None:
        if self.location not in COMMITTED:
            COMMITTED.append(self.location)

    def _in_transaction_quietly(self) -> bool:
        try:
            return self.conn.in_transaction
        except Exception:
            return True

    def _rollback_quietly(self) -> None:
        try:
            if self.conn.in_transaction:
                self.conn.rollback()
        except Exception:  # the connection is gone: nothing to undo on our side
            pass

    @contextmanager
    def rolled_back(self, *, bulk: bool = False) -> Iterator[Connection]:
        """A transaction that is always rolled back: what the block wrote is seen inside it, then
        forgotten (a preview of a run that must not be recorded). `bulk`: see `write`."""
        if self._depth or self.conn.in_transaction:
            raise RuntimeError("rolled_back() cannot run inside another transaction")
        with self.conn.unchecked_keys() if bulk else nullcontext(), self._rolled_back() as conn:
            yield conn

    @contextmanager
    def _rolled_back(self) -> Iterator[Connection]:
        self.conn.begin_read()
        self._depth = 1
        try:
            yield self.conn
        finally:
            self._depth = 0
            self._on_commit.clear()  # (never committed: nothing to tell)
            self._rollback_quietly()

    def write(self, work: Callable[[], T], *, what: str = "write", bulk: bool = False) -> T:
        """Run `work()` in one serialisable transaction; when a concurrent writer makes it fail (a
        serialisation failure, a deadlock, a busy file), roll back and run it again, up to the
        `write_retries` setting, with jittered exponential backoff. Inside an open transaction it just
        joins it (the outer `write` retries the whole). `bulk`: the work writes only keys it read or
        made in the transaction, under its write lock (an import: `record_import`, `save_list`), and
        deletes no row another table refers to, so the database's per-row foreign key checks are left
        out (`Connection.unchecked_keys`)."""
        if self._depth or self.conn.in_transaction:
            return work()
        if bulk:
            with self.conn.unchecked_keys():
                result = self.write(work, what=what)
            self.conn.after_bulk_write()
            return result
        retries = int(setting("write_retries"))
        base, cap = setting("retry_backoff_base"), setting("retry_backoff_cap")
        attempt = 0
        started = time.monotonic()
        while True:
            try:
                with self.transaction():
                    return work()
            except Exception as exc:
                if is_read_only(exc):
                    raise InfluError(f"{what}: the workspace cannot be written (a read-only file, folder or "
                                     f"database): nothing changed", file=self.location) from None
                if not is_retryable(exc):
                    raise
                waited = time.monotonic() - started
                if attempt >= retries or waited >= setting("write_wait_max"):
                    raise InfluError(f"{what}: other writers kept the workspace busy ({count(attempt + 1, 'attempt')} "
                                     f"in {waited:.0f} s): {self.safe(exc)}; nothing changed", file=self.location) from None
                time.sleep(random.random() * min(cap, base * 2 ** attempt))
                attempt += 1

    def rows(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[Any]:
        return list(self.conn.execute(sql, params).fetchall())

    def one(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> Any:
        return self.conn.execute(sql, params).fetchone()

    def in_chunks(self, sql: str, keys: list[Any], params: tuple[Any, ...] = (), chunk: int = 500) -> list[Any]:
        """`sql` with `{marks}` standing for `?,?,...`: run for `keys` in chunks (SQLite's limit on bound
        parameters), rows of every chunk (plain tuples)."""
        out: list[Any] = []
        for statement, args in _marked(sql, keys, params, chunk):
            out.extend(self.conn.tuples(statement, args))
        return out

    def rows_in_chunks(self, sql: str, keys: list[Any], params: tuple[Any, ...] = (), chunk: int = 500) -> list[Any]:
        """`in_chunks`, rows read by column name (as `rows`)."""
        out: list[Any] = []
        for statement, args in _marked(sql, keys, params, chunk):
            out.extend(self.rows(statement, args))
        return out

    def each_in_chunks(self, sql: str, keys: list[Any], params: tuple[Any, ...] = (),
                       chunk: int = 500) -> Iterator[tuple[Any, ...]]:
        """`in_chunks`, its plain tuples one at a time as they are read (`each_tuple`)."""
        for statement, args in _marked(sql, keys, params, chunk):
            yield from self.conn.each_tuple(statement, args)

    def change_in_chunks(self, sql: str, keys: list[Any], params: tuple[Any, ...] = (), chunk: int = 500) -> None:
        """`in_chunks` of a statement that changes rows (an UPDATE of many rows to the same values: one
        statement for each `chunk` keys, several times faster than one a row)."""
        for statement, args in _marked(sql, keys, params, chunk):
            self.conn.execute(statement, args)


def _marked(sql: str, keys: list[Any], params: tuple[Any, ...], chunk: int) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """`sql` and its arguments for each `chunk` of `keys`, `{marks}` standing for their `?,?,...`."""
    for start in range(0, len(keys), chunk):
        part = keys[start:start + chunk]
        yield sql.format(marks=",".join("?" * len(part))), (*params, *part)
