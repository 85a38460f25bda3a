""""Today" and "now", in one place: INFLUKIT_TODAY (ISO date) fixes today for tests and replays.

Every date a run records (a stage's day, a snapshot's `taken_on`, an API answer's `fetched_at`, a
cache entry's age) comes from here, so a run replayed under INFLUKIT_TODAY=2026-03-13 reads and
writes the workspace exactly as it would have on that day.
"""

from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    """The day runs are recorded under; INFLUKIT_TODAY=YYYY-MM-DD overrides it."""
    forced = os.environ.get("INFLUKIT_TODAY")
    return dt.date.fromisoformat(forced) if forced else dt.date.today()


def now() -> dt.datetime:
    """The current UTC time (aware); under INFLUKIT_TODAY, that day at the current time of day."""
    current = dt.datetime.now(dt.UTC)
    forced = os.environ.get("INFLUKIT_TODAY")
    if not forced:
        return current
    day = dt.date.fromisoformat(forced)
    return current.replace(year=day.year, month=day.month, day=day.day)


def utcnow() -> str:
    """The current UTC time as an ISO string to the second (for `saved_at`-style stamps)."""
    return now().replace(microsecond=0).isoformat()
