"""Follower history imports, and an account's history read back from the workspace store.

Files understood (the columns are found by their header, in any order, FR/EN):

- totals per date: Social Blade-style "date + followers/subscribers", YouTube channel snapshot CSVs
  (date_utc, channel_id, channel_title, subscribers), Iconosquare exports (`;`, quoted, dd/mm/yyyy,
  "198,282", `N/A` gaps filled by an "Estimated data" column: those points are kept, marked estimated,
  and left out of spike detection);
- gains per period: Social Blade weekly/daily gains (start_date, name, weekly_subscribers). A gain is
  turned into totals when an anchor total is known (`total=` at the last date, or a snapshot already
  in the store on a day the series covers); otherwise the series is kept as a running sum from 0,
  marked relative (differences are real, the level is not);
- one account per file (then `handle=` names it) or many accounts in long format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

from .errors import InfluError, UsageError
from .io import parse as P
from .io.read import RawSheet, read_sheet
from .metrics.trends import Event, Point, Trend, compute_trend, detect_events
from .schema import header_key
from .store import Store
from .thresholds import ROUNDED_PLATFORMS, ROUNDED_SIGNIFICANT_FIGURES

DATE_HEADERS = ("date", "date utc", "day", "jour", "start date", "week", "semaine", "taken on", "datetime")
ID_HEADERS = ("channel id", "account id", "user id", "id chaine")
NAME_HEADERS = ("handle", "username", "name", "channel title", "channel", "account", "compte", "pseudo",
                "youtuber", "channel name", "nom", "creator")
TOTAL_HEADERS = ("followers", "subscribers", "abonnes", "subs", "total followers", "total subscribers",
                 "followers count", "subscriber count", "nombre d abonnes", "fans")
GAIN_HEADERS = ("evolution", "weekly subscribers", "daily subscribers", "weekly followers", "daily followers",
                "subscribers gained", "followers gained", "gain", "gains", "new followers", "net followers",
                "change", "delta", "variation")
ESTIMATE_HEADERS = ("estimated data", "estimated", "estimation", "donnees estimees", "estime")
YOUTUBE_HINTS = ("channel id", "subscribers", "weekly subscribers", "daily subscribers", "channel title")


@dataclass
class AccountImport:
    platform: str
    handle: str
    kind: str  # "totals" or "gains"
    points: int = 0
    estimated: int = 0
    first: dt.date | None = None
    last: dt.date | None = None
    relative: bool = False
    rounded: bool = False
    anchor: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"platform": self.platform, "handle": self.handle, "kind": self.kind, "points": self.points,
                "estimated": self.estimated, "first": self.first.isoformat() if self.first else None,
                "last": self.last.isoformat() if self.last else None, "relative": self.relative,
                "rounded": self.rounded, "anchor": self.anchor}


@dataclass
class ImportResult:
    source: str
    accounts: list[AccountImport] = field(default_factory=list)

    @property
    def points(self) -> int:
        return sum(a.points for a in self.accounts)

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "accounts": [a.as_dict() for a in self.accounts], "points": self.points}


def _find(headers: Sequence[str], names: Sequence[str]) -> int | None:
    keys = [header_key(h) for h in headers]
    for name in names:
        if name in keys:
            return keys.index(name)
    return None


def _sigfigs(value: int) -> int:
    digits = str(abs(value)).rstrip("0")
    return len(digits)


def looks_rounded(values: Sequence[int]) -> bool:
    """True when every count of 10**figures or more has at most `figures` significant figures
    (YouTube's public rounding), and there are such counts."""
    big = [v for v in values if abs(v) >= 10**ROUNDED_SIGNIFICANT_FIGURES]
    return bool(big) and all(_sigfigs(v) <= ROUNDED_SIGNIFICANT_FIGURES for v in big)


def _cell(raw: RawSheet, k: int, col: int, parser: Any, what: str) -> Any:
    try:
        return parser(raw.rows[k][col])
    except P.ParseError as exc:
        raise InfluError(f"{what}: {exc}", file=raw.source, sheet=raw.sheet, row=raw.row_numbers[k],
                         column=raw.headers[col]) from None


def import_history(
    store: Store,
    path: str,
    *,
    platform: str | None = None,
    handle: str | None = None,
    total: int | None = None,
) -> ImportResult:
    """Read a history file and record its series in the store, in one transaction."""
    raw = read_sheet(path)
    date_col = _find(raw.headers, DATE_HEADERS)
    if date_col is None:
        raise InfluError("no date column (date, date_utc, start_date, ...)", file=raw.source, sheet=raw.sheet,
                         row=raw.header_row)
    total_col = _find(raw.headers, TOTAL_HEADERS)
    gain_col = _find(raw.headers, GAIN_HEADERS)
    estimate_col = _find(raw.headers, ESTIMATE_HEADERS)
    if total_col is None and gain_col is None:
        raise InfluError("no followers/subscribers column (totals) nor gains column (weekly_subscribers, "
                         "evolution, ...)", file=raw.source, sheet=raw.sheet, row=raw.header_row)
    id_col = _find(raw.headers, ID_HEADERS)
    name_col = _find(raw.headers, NAME_HEADERS)
    keys = {header_key(h) for h in raw.headers}
    if platform is None and any(h in keys for h in YOUTUBE_HINTS):
        platform = "youtube"
    if platform is None:
        raise UsageError("cannot tell the platform of this history: give --platform", file=raw.source)
    platform = P.parse_platform(platform) or platform
    if id_col is None and name_col is None and handle is None:
        raise UsageError("this file holds one account's history: give --handle", file=raw.source)

    # account key -> (display name, [(date, total or None, gain or None, estimated)])
    series: dict[str, tuple[str | None, list[tuple[dt.date, int | None, int | None, bool]]]] = {}
    for k in range(len(raw.rows)):
        day = _cell(raw, k, date_col, P.parse_date, "date")
        if day is None:
            continue
        if handle is not None:
            key, title = handle, None
        else:
            key_col = id_col if id_col is not None else name_col
            assert key_col is not None
            key = str(raw.rows[k][key_col] or "").strip()
            title = str(raw.rows[k][name_col]).strip() if name_col is not None and name_col != key_col else None
            if not key:
                continue
        value = _cell(raw, k, total_col, P.parse_count, "followers") if total_col is not None else None
        gain = _cell(raw, k, gain_col, P.parse_signed_count, "gain") if gain_col is not None else None
        estimated = False
        if value is None and total_col is not None and estimate_col is not None:
            value = _cell(raw, k, estimate_col, P.parse_count, "estimated followers")
            estimated = value is not None
        series.setdefault(key, (title, []))[1].append((day, value, gain, estimated))

    source = f"history:{Path(path).name}"
    result = ImportResult(source)
    with store.transaction():
        for key, (title, rows) in series.items():
            account_handle = P.canonical_handle(platform, key.lstrip("@"))
            account = store.upsert_account(platform, account_handle, creator=title,
                                           external_id=key if id_col is not None else None,
                                           seen_on=max(r[0] for r in rows))
            rows.sort(key=lambda r: r[0])
            has_totals = any(r[1] is not None for r in rows)
            info = AccountImport(platform, account_handle, "totals" if has_totals else "gains")
            if has_totals:
                points = [(d, v, est) for d, v, _, est in rows if v is not None]
                info.rounded = platform in ROUNDED_PLATFORMS and looks_rounded([v for _, v, _ in points])
            else:
                points, info.relative, info.anchor, info.estimated = _gains_to_totals(store, account, rows, total)
            info.points = store.add_followers_series(account, points, source, rounded=info.rounded,
                                                     relative=info.relative)
            info.estimated = sum(1 for p in points if p[2])
            info.first, info.last = points[0][0] if points else None, points[-1][0] if points else None
            result.accounts.append(info)
    return result


def _gains_to_totals(
    store: Store, account: int, rows: list[tuple[dt.date, int | None, int | None, bool]], total: int | None
) -> tuple[list[tuple[dt.date, int, bool]], bool, str | None, int]:
    """Gains per period -> a running sum at each period's end (the period is the median spacing of
    the dates). A missing gain counts as 0 and marks its point estimated. Anchored on `total` (the
    total at the last date) or on a known total in the store; otherwise relative to 0."""
    days = [(b[0] - a[0]).days for a, b in zip(rows, rows[1:], strict=False)]
    period = dt.timedelta(days=int(median(days)) if days else 1)
    running = 0
    points: list[tuple[dt.date, int, bool]] = [(rows[0][0], 0, False)]
    missing = 0
    for day, _, gain, _ in rows:
        running += gain or 0
        missing += gain is None
        points.append((day + period, running, gain is None))
    offset: int | None = None
    anchor = None
    if total is not None:
        offset, anchor = total - running, f"total {total} on {points[-1][0].isoformat()}"
    else:
        known = {d: v for d, v, _ in store.series(account)}
        for day, value, _ in points:
            if day in known:
                offset, anchor = int(known[day]) - value, f"store total {int(known[day])} on {day.isoformat()}"
                break
    if offset is None:
        return points, True, None, missing
    return [(d, v + offset, e) for d, v, e in points], False, anchor, missing


# --------------------------------------------------------------------------------------- read back


@dataclass
class History:
    platform: str
    handle: str
    creator: str | None
    points: list[dict[str, Any]]  # every stored point (store.points)
    series: list[Point]  # the merged series used for growth (absolute if any, else relative)
    relative: bool
    trend: Trend
    events: list[Event]

    def as_dict(self) -> dict[str, Any]:
        t = self.trend
        return {
            "platform": self.platform, "handle": self.handle, "creator": self.creator,
            "relative": self.relative, "points": len(self.series),
            "first": self.series[0][0].isoformat() if self.series else None,
            "last": self.series[-1][0].isoformat() if self.series else None,
            "trend": t.trend, "trend_window": t.window,
            **{f"growth_{w}d": t.growth[w] for w in t.growth},
            **{f"growth_{w}d_pct": t.growth_pct[w] for w in t.growth_pct},
            "events": [e.as_dict() for e in self.events],
            "series": [{"date": d.isoformat(), "followers": v} for d, v in self.series],
        }


def account_history(store: Store, account_id: int) -> History:
    """Trend and spikes/drops of a stored account. Growth uses the absolute points (one per day, by
    source priority); spikes are looked for within each source separately, estimated points left out,
    so a sheet's rare snapshots and a daily export are never differenced against each other."""
    row = store.conn.execute("SELECT platform, handle, creator FROM accounts WHERE id=?", (account_id,)).fetchone()
    points = store.points(account_id)
    absolute = [(d, float(v)) for d, v, _ in store.series(account_id)]
    relative = not absolute and bool(points)
    series = absolute or _by_day([p for p in points if p["relative"]])
    events: list[Event] = []
    by_source: dict[str, list[dict[str, Any]]] = {}
    for p in points:
        by_source.setdefault(p["source"], []).append(p)
    for group in by_source.values():
        kept = [(p["date"], float(p["value"])) for p in group if not p["estimated"]]
        events.extend(detect_events(kept, rounded=any(p["rounded"] for p in group),
                                    relative=all(p["relative"] for p in group)))
    events.sort(key=lambda e: e.end)
    return History(row["platform"], row["handle"], row["creator"], points, series, relative,
                   compute_trend(series, relative=relative), events)


def _by_day(points: list[dict[str, Any]]) -> list[Point]:
    out: dict[dt.date, float] = {}
    for p in points:
        out.setdefault(p["date"], float(p["value"]))
    return sorted(out.items())


def find_account(store: Store, handle: str, platform: str | None = None) -> int:
    """The one stored account named by handle (or external id, or creator name)."""
    rows = store.find_accounts(handle, platform)
    if not rows:
        sql = "SELECT * FROM accounts WHERE (lower(external_id)=lower(?) OR lower(creator)=lower(?))"
        args: list[Any] = [handle, handle]
        if platform:
            sql += " AND platform=?"
            args.append(platform)
        rows = list(store.conn.execute(sql, args))
    if not rows:
        raise InfluError(f"no account {handle!r}{' on ' + platform if platform else ''} in the workspace",
                         file=str(store.path))
    if len(rows) > 1:
        names = ", ".join(f"{r['platform']}:{r['handle']}" for r in rows)
        raise UsageError(f"{handle!r} matches several accounts ({names}): give --platform")
    return int(rows[0]["id"])
