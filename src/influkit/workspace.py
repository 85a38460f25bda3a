"""Which workspace a library call uses: the `store=` parameter of every public function.

- `store=DEFAULT` (the default): `$INFLUKIT_DB`, else `./.influkit/influkit.db`, as the command line.
- `store="path/to/influkit.db"` (or a `Path`): that SQLite file.
- `store=None`: no workspace at all, what `--no-store` means on the command line: nothing is read
  from or recorded in a database.
- `store=<an open influkit.store.Store>`: that connection, left open for the caller.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Final, TypeAlias

from .errors import UsageError

if TYPE_CHECKING:
    from .store import Store


class DefaultWorkspace:
    """The marker of "the default workspace" ($INFLUKIT_DB or ./.influkit/influkit.db)."""

    def __repr__(self) -> str:
        return "DEFAULT"


DEFAULT: Final = DefaultWorkspace()
DEFAULT_DB = Path(".influkit") / "influkit.db"

StoreArg: TypeAlias = "str | os.PathLike[str] | Store | DefaultWorkspace | None"


def default_path() -> Path:
    """$INFLUKIT_DB, else ./.influkit/influkit.db."""
    env = os.environ.get("INFLUKIT_DB")
    return Path(env) if env else DEFAULT_DB


def resolve(store: StoreArg) -> str | None:
    """The database path a `store=` argument names, None for no workspace."""
    from .store import Store

    if store is None:
        return None
    if isinstance(store, DefaultWorkspace):
        return str(default_path())
    if isinstance(store, Store):
        return str(store.path)
    text = os.fspath(store)
    if not text:
        raise UsageError("store: give a database path, DEFAULT or None (no workspace)")
    return text


def exists(store: StoreArg) -> bool:
    """True when the workspace database is already there (nothing is created to find out)."""
    from .store import Store

    if isinstance(store, Store):
        return True
    path = resolve(store)
    return path is not None and os.path.exists(path)


@contextmanager
def opened(store: StoreArg, *, create: bool = True) -> Iterator[Store | None]:
    """The workspace as an open Store for the block (closed after it unless the caller passed one);
    None when `store` is None, or when the database does not exist and `create` is False."""
    from .store import Store

    if isinstance(store, Store):
        yield store
        return
    path = resolve(store)
    if path is None or (not create and not os.path.exists(path)):
        yield None
        return
    with Store(path) as opened_store:
        yield opened_store


def require(store: StoreArg, what: str) -> str:
    """The database path, or a usage error saying that `what` needs a workspace."""
    path = resolve(store)
    if path is None:
        raise UsageError(f"{what} needs the workspace: it cannot run with --no-store (store=None)")
    return path
