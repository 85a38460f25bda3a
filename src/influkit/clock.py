""""Today" and "now", in one place: INFLUKIT_TODAY (ISO date) fixes today for tests and replays.

Every date a run records (a stage's day, a snapshot's `taken_on`, an API answer's `fetched_at`, a
cache entry's age) comes from here, so a run replayed under INFLUKIT_TODAY=2026-03-13 reads and
writes the workspace exactly as it would have on that day.
"""

from __future__ import annotations

import datetime as dt
import os

from .errors import UsageError


def _forced() -> dt.date | None:
    """INFLUKIT_TODAY's day, None when unset; a value that is not a YYYY-MM-DD date is a usage error
    naming the variable (not a bare "month must be in 1..12")."""
    forced = os.environ.get("INFLUKIT_TODAY", "").strip()
    if not forced:
        return None
    try:
        return dt.date.fromisoformat(forced)
    except ValueError:
        raise UsageError(f"INFLUKIT_TODAY={forced!r} is not a date: give it as YYYY-MM-DD (e.g. 2026-03-13), "
                         "or unset it to use the clock") from None


def today() -> dt.date:
    """The day runs are recorded under; INFLUKIT_TODAY=YYYY-MM-DD overrides it."""
    forced = _forced()
    return forced if forced is not None else dt.date.today()


def now() -> dt.datetime:
    """The current UTC time (aware); under INFLUKIT_TODAY, that day at the current time of day."""
    current = dt.datetime.now(dt.UTC)
    day = _forced()
    if day is None:
        return current
    return current.replace(year=day.year, month=day.month, day=day.day)


def utcnow() -> str:
    """The current UTC time as an ISO string to the second (for `saved_at`-style stamps)."""
    return now().replace(microsecond=0).isoformat()
