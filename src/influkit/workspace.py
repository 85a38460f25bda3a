"""Which workspace a library call uses: the `store=` parameter of every public function.

- `store=DEFAULT` (the default): `$INFLUKIT_DB`, else `./.influkit/influkit.db`, as the command line.
- `store="path/to/influkit.db"` (or a `Path`): that SQLite file.
- `store="postgresql://user@host:5432/name"`: a team workspace on a PostgreSQL server (the password,
  if the URL holds one, never appears in a message; PGPASSWORD or ~/.pgpass keep it out of the URL).
- `store=None`: no workspace at all, what `--no-store` means on the command line: nothing is read
  from or recorded in a database.
- `store=<an open influkit.store.Store>`: that connection, left open for the caller.

`campaign=` (every function that reads or writes the workspace) names the campaign; None is the
workspace's default campaign.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Final, TypeAlias

from .errors import InfluError, UsageError

if TYPE_CHECKING:
    from .store import Store


class DefaultWorkspace:
    """The marker of "the default workspace" ($INFLUKIT_DB or ./.influkit/influkit.db)."""

    def __repr__(self) -> str:
        return "DEFAULT"


DEFAULT: Final = DefaultWorkspace()
DEFAULT_DB = Path(".influkit") / "influkit.db"
DEFAULT_CAMPAIGN = "default"  # the name of the workspace's default campaign (store/migrations.py)

StoreArg: TypeAlias = "str | os.PathLike[str] | Store | DefaultWorkspace | None"


def default_target() -> str:
    """$INFLUKIT_DB (a path or a postgresql:// URL), else ./.influkit/influkit.db."""
    return os.environ.get("INFLUKIT_DB") or str(DEFAULT_DB)


def default_path() -> Path:
    """The default workspace as a path (for a PostgreSQL default: its name without password)."""
    return Path(display(default_target()))


def is_url(target: str) -> bool:
    from .store.connection import is_url as url

    return url(target)


def display(target: str) -> str:
    """A workspace's name for messages: the path, or the URL with its password as ***."""
    from .store.connection import display as shown

    return shown(target)


def resolve(store: StoreArg) -> str | None:
    """The database (a SQLite path or a postgresql:// URL) a `store=` argument names, None for no
    workspace. The URL may hold a password: show it with `display()`."""
    from .store import Store

    if store is None:
        return None
    if isinstance(store, DefaultWorkspace):
        return default_target()
    if isinstance(store, Store):
        return store.target
    text = os.fspath(store)
    if not text:
        raise UsageError("store: give a database path or URL, DEFAULT or None (no workspace)")
    return text


def exists(store: StoreArg) -> bool:
    """True when the workspace database is already there (nothing is created to find out; a server
    database is taken as there)."""
    from .store import Store

    if isinstance(store, Store):
        return True
    target = resolve(store)
    return target is not None and (is_url(target) or os.path.exists(target))


@contextmanager
def opened(store: StoreArg, *, create: bool = True) -> Iterator[Store | None]:
    """The workspace as an open Store for the block (closed after it unless the caller passed one);
    None when `store` is None, or when the database does not exist and `create` is False."""
    from .store import Store

    if isinstance(store, Store):
        yield store
        return
    target = resolve(store)
    if target is None or (not create and not exists(target)):
        yield None
        return
    fresh = not exists(target)
    try:
        with Store(target) as opened_store:
            yield opened_store
    except BaseException:
        _discard_unused(target, fresh)
        raise


def _discard_unused(target: str, fresh: bool) -> None:
    """A SQLite workspace a failed command created and never committed to (`set` of an unknown creator, a
    typo in --db) is removed: a failure leaves the folder as it was."""
    from .store.base import COMMITTED

    if not fresh or is_url(target) or display(target) in COMMITTED:
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            os.remove(target + suffix)


def require(store: StoreArg, what: str) -> str:
    """The database's display name, or a usage error saying that `what` needs a workspace."""
    target = resolve(store)
    if target is None:
        raise UsageError(f"{what} needs the workspace: it cannot run with --no-store (store=None)")
    return display(target)


def existing(store: StoreArg, what: str, hint: str) -> str:
    """`require`, and an error with `hint` when the workspace is not there yet: a command that only reads
    it creates nothing (a typo in --db stays a typo)."""
    path = require(store, what)
    if not exists(store):
        from .errors import InfluError

        raise InfluError(f"no workspace here yet: {hint}", file=path)
    return path


def no_campaign_without_store(store: StoreArg, campaign: str | None) -> None:
    """A usage error for a campaign named while no workspace is used (`--campaign` with `--no-store`),
    and the workspace's error for one named before the workspace exists: a mistyped name is never
    ignored because the folder has no workspace yet (the default campaign is always there)."""
    if campaign is None:
        return
    if store is None:
        raise UsageError("--campaign names a campaign of the workspace: it cannot be used with --no-store")
    target = resolve(store)
    if target is not None and not exists(target) and campaign.strip().lower() != DEFAULT_CAMPAIGN:
        raise InfluError(f"no campaign {campaign!r}: there is no workspace here yet (campaigns: default); create "
                         f"it with `influkit campaign new {campaign}`", file=display(target))


def maps_path(store: StoreArg) -> Path:
    """Where `--save-map` remembers column fixes: maps.json beside a SQLite workspace; beside the
    default one (./.influkit/) for a PostgreSQL workspace or none."""
    target = resolve(store) if store is not None else None
    if target is None or is_url(target):
        return DEFAULT_DB.parent / "maps.json"
    return Path(target).parent / "maps.json"
