""""Today" and "now", in one place: INFLUKIT_TODAY (ISO date) fixes today for tests and replays."""

from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    """The day runs are recorded under; INFLUKIT_TODAY=YYYY-MM-DD overrides it."""
    forced = os.environ.get("INFLUKIT_TODAY")
    return dt.date.fromisoformat(forced) if forced else dt.date.today()


def utcnow() -> str:
    """The current UTC time as an ISO string to the second (for `saved_at`-style stamps)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
