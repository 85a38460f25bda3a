"""Follower history imports, and an account's history read back from the workspace store.

Files understood (the columns are found by their header, in any order, FR/EN):

- totals per date: Social Blade-style "date + followers/subscribers", YouTube channel snapshot CSVs
  (date_utc, channel_id, channel_title, subscribers), Iconosquare exports (`;`, quoted, dd/mm/yyyy,
  "198,282", `N/A` gaps filled by an "Estimated data" column: those points are kept, marked estimated,
  and left out of spike detection);
- gains per period: Social Blade weekly/daily gains (start_date, name, weekly_subscribers), any "gained"/
  "new followers" column. The gain dated D is the change during the period D starts, so it is in the
  total of the period's last day (D itself for a daily gain; never after today), with one point more, the
  total the day before the first gain (`_gains_to_totals`). A gain is
  turned into totals when an anchor total is known (`total=` at the last point, or a total in the
  store dated within the series' span or up to one period after it: see `anchor_offset`); otherwise
  the series is kept as a running sum from 0, marked relative (differences are real, the level is
  not), and anchored later, when a total is recorded (`account_history`, or a later import);
- one account per file (then `handle=` names it) or many accounts in long format.

An unreadable cell skips its point and is reported (`ImportResult.bad_cells`); a date given twice
keeps its last value (`duplicates`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

from . import progress
from .clock import today
from .errors import InfluError, UsageError
from .heap import paused as gc_paused
from .io import parse as P
from .io.read import ALL_SHEETS, RawSheet, TabTest, read_sheet
from .io.values import date_column_parser, scaled_count
from .io.xlsx import column_letter
from .metrics.trends import Event, Point, Trend, compute_trend, detect_events, value_on
from .store import Store, source_rank
from .store.facts import POINT_KEYS
from .text import count, fold_key
from .thresholds import ROUNDED_PLATFORMS, ROUNDED_SIGNIFICANT_FIGURES, SPIKE_MIN_BASELINE
from .thresholds.reading import MAX_COUNT, MAX_NUMBER_CHARS

DATE_HEADERS = ("date", "date utc", "day", "jour", "start date", "week", "semaine", "taken on", "datetime")
ID_HEADERS = ("channel id", "account id", "user id", "id chaine")
NAME_HEADERS = ("handle", "username", "name", "channel title", "channel", "account", "compte", "pseudo",
                "youtuber", "channel name", "nom", "creator")
TOTAL_HEADERS = ("followers", "subscribers", "abonnes", "subs", "total followers", "total subscribers",
                 "followers count", "subscriber count", "nombre d abonnes", "fans")
GAIN_HEADERS = ("evolution", "weekly subscribers", "daily subscribers", "weekly followers", "daily followers",
                "subscribers gained", "followers gained", "gain", "gains", "new followers", "net followers",
                "change", "delta", "variation")
# what else names an account in a long file, by the prospect reader's meanings (handles and links before
# display names: a handle finds the account, a name only labels it)
ACCOUNT_MEANINGS = ("handle", "profile_url", "profile", "channel", "creator")
PLATFORM_HEADERS = ("platform", "plateforme", "network", "reseau", "social network", "reseau social")
ESTIMATE_HEADERS = ("estimated data", "estimated", "estimation", "donnees estimees", "estime")
YOUTUBE_HINTS = ("channel id", "subscribers", "weekly subscribers", "daily subscribers", "channel title")


RELATIVE_NOTE = "relative to the first date: no total known, give --total"


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
    duplicates: int = 0  # dates given more than once: the last value was kept
    anchored: list[str] = field(default_factory=list)  # earlier relative series this import anchored

    def to_dict(self) -> dict[str, Any]:
        return {"platform": self.platform, "handle": self.handle, "kind": self.kind, "points": self.points,
                "estimated": self.estimated, "first": self.first.isoformat() if self.first else None,
                "last": self.last.isoformat() if self.last else None, "relative": self.relative,
                "rounded": self.rounded, "anchor": self.anchor, "duplicates": self.duplicates,
                "anchored": self.anchored}


@dataclass
class ImportResult:
    source: str
    accounts: list[AccountImport] = field(default_factory=list)
    bad_cells: list[InfluError] = field(default_factory=list)  # skipped, in row order
    store_path: str = ""  # the workspace it was recorded in
    notes: list[str] = field(default_factory=list)  # what the import did not use, and why
    # a person who asked to be forgotten (influkit forget) recorded again: said even with -q
    warnings: list[str] = field(default_factory=list)

    @property
    def points(self) -> int:
        return sum(a.points for a in self.accounts)

    @property
    def duplicates(self) -> int:
        return sum(a.duplicates for a in self.accounts)

    def summary_lines(self) -> list[str]:
        """What `influkit history import` says on stderr."""
        kinds = {a.kind for a in self.accounts}
        relative = sum(a.relative for a in self.accounts)
        rounded = sum(a.rounded for a in self.accounts)
        estimated = sum(a.estimated for a in self.accounts)
        anchored = [f"{a.platform}:{a.handle}: {x}" for a in self.accounts for x in a.anchored]
        bad = self.bad_cells
        return [
            f"{self.source}: {count(len(self.accounts), 'account')}, {count(self.points, 'point')}"
            + (f" ({'/'.join(sorted(kinds))})" if kinds else "") + f" recorded in {self.store_path}",
            *([f"{count(self.duplicates, 'duplicate date')}: last value kept"] if self.duplicates else []),
            *([f"{count(len(bad), 'unreadable cell')} skipped (first: {bad[0]})"] if bad else []),
            *([f"{relative} gains-only series kept relative (no known total: give --total)"] if relative else []),
            *([f"earlier relative series anchored: {'; '.join(anchored)}"] if anchored else []),
            *([f"{rounded} series rounded to 3 significant figures (rounding steps are not spikes)"]
              if rounded else []),
            *([f"{count(estimated, 'estimated point')} (kept, left out of spike detection)"] if estimated else []),
            *self.notes,
            *self.warnings,
        ]

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "accounts": [a.to_dict() for a in self.accounts], "points": self.points,
                "duplicates": self.duplicates, "bad_cells": len(self.bad_cells),
                "first_bad_cell": str(self.bad_cells[0]) if self.bad_cells else None, "notes": self.notes,
                "warnings": self.warnings}


def _find(headers: Sequence[str], names: Sequence[str]) -> int | None:
    keys = [fold_key(h) for h in headers]
    for name in names:
        if name in keys:
            return keys.index(name)
    return None


# what a header's words say about a history column (`io.columns.understand_header`'s meanings, and
# words of their own here): a change in followers, a loss (its sign is the file's convention: never
# read as a gain), another count than followers, a date
_CHANGE_MEANINGS = frozenset({"growth", "change", "changes", "net", "delta", "δ", "difference", "ecart"})
_LOSS_WORDS = frozenset({"lost", "loss", "losses", "perdus", "perdu", "perdues", "unfollows", "unfollowers",
                         "unfollow", "desabonnements", "desabonnes", "churn"})
_OTHER_COUNTS = frozenset({"following", "posts", "likes", "comments", "views", "shares", "er", "rate", "ratio",
                           "price", "quality", "gender", "age", "portion", "avg"})
_DATE_WORDS = frozenset({"date", "week", "semaine", "month", "mois", "periode", "day", "jour", "datetime",
                         "timestamp", "time"})


def _history_role(header: str) -> str | None:
    """What a header nobody listed holds in a history file, from its words: "gain" (a change in
    followers: "Abonnés gagnés", "New followers", "Daily gain", "Followers +/-", "Net change"), "total"
    ("Total abonnés", "Subscriber count", "Fans TikTok"), "date" ("Date de relevé", "Week of",
    "Month"), or None (a loss, a rate, another count, anything else)."""
    from .io.columns import understand_header

    meaning = understand_header(header)
    words, folded = set(meaning.words), set(fold_key(header).split())
    if meaning.percent or words & _OTHER_COUNTS or folded & _LOSS_WORDS:
        return None
    signed = "+/-" in header or "±" in header or header.lstrip().startswith(("Δ", "∆"))
    counts_followers = meaning.column == "followers" or "followers" in words
    changes = signed or words & _CHANGE_MEANINGS or "period" in words and counts_followers
    # a change of followers, or a change alone ("Gain", "Évolution", "Net change"; "Mois" alone is a date)
    if changes and (counts_followers or not words - _CHANGE_MEANINGS - {"period", "count", "total", "de", "du", "of"}):
        return "gain"
    if counts_followers:
        return "total"
    if (words | folded) & _DATE_WORDS or words == {"period"}:
        return "date"
    return None


def _exponent(headers: Sequence[str], col: int | None) -> int:
    """The power of ten a column's header gives its numbers ("Abonnés (k)": 3; none: 0)."""
    from .io.columns import understand_header

    return 0 if col is None else understand_header(str(headers[col])).exponent


def _whole_rows(raw: RawSheet, bad: list[InfluError]) -> list[list[Any] | None]:
    """The rows of a text file (CSV, TSV) as they are, but None for a row with cells past the last named
    header (its error in `bad`): a separator inside an unquoted cell ("Mar 1, 2026", "12,5" in a
    comma-separated file) shifts every cell after it, so its total would be another cell's number. A
    workbook's cells cannot shift: a note beside its table is left alone."""
    rows: list[list[Any] | None] = list(raw.rows)
    if raw.format != "csv":
        return rows
    named = [h != f"column {column_letter(i)}" for i, h in enumerate(raw.headers)]
    width = max((i + 1 for i, ok in enumerate(named) if ok), default=0)
    if width == len(raw.headers):
        return rows
    for k, row in enumerate(raw.rows):
        extra = [i for i in range(width, len(row)) if row[i] not in (None, "")]
        if extra:
            rows[k] = None
            bad.append(InfluError(f"{count(sum(1 for c in row if c not in (None, '')), 'cell')} for "
                                  f"{count(width, 'header')}: a "
                                  f"{raw.delimiter!r} inside an unquoted cell (a date like 'Mar 1, 2026', a "
                                  "decimal comma) shifts the cells after it", file=raw.source, sheet=raw.sheet,
                                  row=raw.row_numbers[k], column=raw.headers[extra[0]]))
    return rows


def _find_meaning(headers: Sequence[str], columns: Sequence[str], taken: Sequence[int | None]) -> int | None:
    """The first header no other role took whose words mean one of `columns` (`understand_header`, the
    prospect reader's meanings), the earlier of `columns` first."""
    from .io.columns import understand_header

    meanings = [None if i in taken else understand_header(str(h)).column for i, h in enumerate(headers)]
    return next((meanings.index(c) for c in columns if c in meanings), None)


def _find_role(headers: Sequence[str], names: Sequence[str], role: str, taken: Sequence[int | None]) -> int | None:
    """The column of `role`: a header of `names` (folded: "Followers +/-" is "followers" then, so a
    header whose words say another role is passed over), else the first header whose words say `role`
    (`_history_role`) and that no other role took."""
    found = _find(headers, names)
    if found is not None and _history_role(str(headers[found])) in (role, None):
        return found
    return next((i for i, h in enumerate(headers) if i not in taken and _history_role(str(h)) == role), None)


def _sigfigs(value: int) -> int:
    digits = str(abs(value)).rstrip("0")
    return len(digits)


def looks_rounded(values: Sequence[int]) -> bool:
    """True when every count of 10**figures or more has at most `figures` significant figures
    (YouTube's public rounding), and there are such counts."""
    big = [v for v in values if abs(v) >= 10**ROUNDED_SIGNIFICANT_FIGURES]
    return bool(big) and all(_sigfigs(v) <= ROUNDED_SIGNIFICANT_FIGURES for v in big)


def _account_key(platform: str, text: str) -> str:
    """The handle an account cell names: a profile link's handle, else the cell as a handle (`@` and
    case dropped, as every command stores handles)."""
    _, handle, url = P.parse_profile(text)
    if url is not None and handle:
        return handle
    return P.canonical_handle(platform, text.lstrip("@"))


def _memo_cell(memo: dict[Any, Any], raw: RawSheet, k: int, col: int, parse: Callable[[Any], Any], what: str,
               bad: list[InfluError]) -> tuple[bool, Any]:
    """(True, value) of a cell parsed once per distinct cell (a history repeats its dates and networks), or
    (False, None) with its error in `bad`."""
    cell = raw.rows[k][col]
    try:
        return True, memo[cell]
    except (KeyError, TypeError):
        try:
            value = _cell(raw, k, col, parse, what)
        except InfluError as exc:
            bad.append(exc)
            return False, None
        with suppress(TypeError):
            memo[cell] = value
        return True, value


def _cell(raw: RawSheet, k: int, col: int, parser: Any, what: str) -> Any:
    try:
        return parser(raw.rows[k][col])
    except P.ParseError as exc:
        raise InfluError(f"{what}: {exc}", file=raw.source, sheet=raw.sheet, row=raw.row_numbers[k],
                         column=raw.headers[col]) from None


def _day_not_after(parse_date: Callable[[Any], dt.date | None], last: dt.date) -> Callable[[Any], dt.date | None]:
    """`parse_date`, a day after `last` (today) refused: a history records what was, so a later date is a
    typo (2027 for 2026) or a misread order that would bend every trend; under INFLUKIT_TODAY, a day the
    replay has not reached yet."""
    def parse(value: Any) -> dt.date | None:
        day = parse_date(value)
        if day is not None and day > last:
            raise P.ParseError(f"{day.isoformat()} is after today ({last.isoformat()})")
        return day

    return parse


def _memo(parser: Any) -> Any:
    """`parser` remembering its answers (and its errors) per distinct hashable cell."""
    seen: dict[Any, Any] = {}

    def parse(value: Any) -> Any:
        try:
            found = seen.get(value, _UNSEEN)
        except TypeError:
            return parser(value)
        if found is _UNSEEN:
            try:
                found = parser(value)
            except P.ParseError as exc:
                found = exc
            seen[value] = found
        if isinstance(found, P.ParseError):
            raise found
        return found

    return parse


_UNSEEN = object()


# one row of a history file: date, total or None, gain or None, estimated, the unreadable gain cell
_Row = tuple[dt.date, int | None, int | None, bool, InfluError | None]


def import_history(
    store: Store,
    path: str,
    *,
    platform: str | None = None,
    handle: str | None = None,
    total: int | None = None,
    strict: bool = False,
    sheet: str | None = None,
) -> ImportResult:
    """Read a history file and record its series in the store, in one transaction.

    A workbook's tab is `sheet` (its name or 1-based position), else the first visible tab that holds a
    history (`HISTORY_TAB`: a date column and a followers or gains column; a read-me tab does not), else
    an error naming the tabs.

    A cell that cannot be read (a date, a negative total, `abc`) does not stop the import: that point
    is skipped (an unreadable gain counts as a missing gain: 0, marked estimated) and the cell is
    listed in `bad_cells`. With `strict`, the first one raises instead and nothing is recorded.
    A date given twice for an account keeps the last value (counted in `duplicates`)."""
    with gc_paused():  # a million rows make millions of objects: no full collection walks them all
        return _import_history(store, path, platform=platform, handle=handle, total=total, strict=strict,
                               sheet=sheet)


def _history_columns(headers: Sequence[str]) -> tuple[int | None, int | None, int | None, int | None]:
    """(estimated, gain, total, date) columns of a history file's header (None: not there)."""
    estimate_col = _find(headers, ESTIMATE_HEADERS)
    gain_col = _find_role(headers, GAIN_HEADERS, "gain", [estimate_col])
    total_col = _find_role(headers, TOTAL_HEADERS, "total", [estimate_col, gain_col])
    date_col = _find_role(headers, DATE_HEADERS, "date", [estimate_col, gain_col, total_col])
    return estimate_col, gain_col, total_col, date_col


def _holds_history(headers: list[str]) -> bool:
    _, gain_col, total_col, date_col = _history_columns(headers)
    return date_col is not None and (gain_col is not None or total_col is not None)


# the tab of a workbook a history import reads when no --sheet names it
HISTORY_TAB = TabTest("a follower history (a date column and a followers or gains column)", _holds_history)


def _import_history(store: Store, path: str, *, platform: str | None, handle: str | None, total: int | None,
                    strict: bool, sheet: str | None) -> ImportResult:
    if handle is not None:  # "lea", "@lea", "instagram:lea" or a profile link, as every command reads an account
        from .updates import parse_target

        platform, handle = parse_target(handle, platform)
    if sheet is not None and sheet.strip().casefold() in ALL_SHEETS:
        raise UsageError(f"--sheet {sheet}: a history import reads one tab; give its name", file=path)
    # (the reader reports its own "reading" step, with its rows)
    raw = read_sheet(path, sheet=sheet, fits=HISTORY_TAB)
    estimate_col, gain_col, total_col, date_col = _history_columns(raw.headers)
    seen = ", ".join(repr(str(h)) for h in raw.headers if str(h).strip())
    if date_col is None:
        raise InfluError(f"no date column (date, date_utc, start_date, ...) among {seen}", file=raw.source,
                         sheet=raw.sheet, row=raw.header_row)
    if total_col is None and gain_col is None:
        raise InfluError("no followers/subscribers column (totals) nor gains column (weekly_subscribers, "
                         f"evolution, ...) among {seen}", file=raw.source, sheet=raw.sheet, row=raw.header_row)
    # a header's unit ("Abonnés (k)", "Gain (K)") multiplies the bare numbers under it
    parse_total, parse_gain, parse_estimate = (scaled_count(_exponent(raw.headers, col), signed=signed)
                                               for col, signed in ((total_col, False), (gain_col, True),
                                                                   (estimate_col, False)))
    unitless = _exponent(raw.headers, total_col) == 0
    taken = [estimate_col, gain_col, total_col, date_col]
    id_col = _find(raw.headers, ID_HEADERS)
    name_col = _find(raw.headers, NAME_HEADERS)
    if name_col is None:  # "Créateur", "Influenceuse", "Compte Instagram", "Lien profil"
        name_col = _find_meaning(raw.headers, ACCOUNT_MEANINGS, [*taken, id_col])
    keys = {fold_key(h) for h in raw.headers}
    platform_col = _find(raw.headers, PLATFORM_HEADERS)
    if platform_col is None:
        platform_col = _find_meaning(raw.headers, ("platform",), [*taken, id_col, name_col])
    if platform is None and platform_col is None and any(h in keys for h in YOUTUBE_HINTS):
        platform = "youtube"
    if platform is None and platform_col is None:
        raise UsageError("cannot tell the platform of this history: give --platform", file=raw.source)
    if platform is not None:
        platform = P.parse_platform(platform) or platform
    if id_col is None and name_col is None and handle is None:
        raise UsageError("this file holds one account's history: give --handle", file=raw.source)

    bad: list[InfluError] = []
    noted: list[tuple[int, str]] = []  # (row, how a total was read) when it was not a plain count
    cells = _whole_rows(raw, bad)
    # dates and platforms repeat on every account's rows: each distinct cell is parsed once
    parse_date, day_first = date_column_parser([row[date_col] for row in cells if row is not None])
    parse_day = _memo(_day_not_after(parse_date, today()))
    parse_platform = _memo(P.parse_platform)
    days: dict[Any, dt.date | None] = {}  # date cell -> day, for the cells read without an error
    platforms: dict[Any, str | None] = {}
    # account key -> (display name, [row]) in file order
    series: dict[tuple[str, str], tuple[str | None, list[_Row]]] = {}
    key_col = id_col if id_col is not None else name_col
    accounts: dict[tuple[str, str], str] = {}  # (platform, cell) -> the account's handle
    title_col = name_col if name_col is not None and name_col != key_col else None
    for k in range(len(cells)):
        cell_row = cells[k]
        if cell_row is None:
            continue
        # (a cell read before: its value from the memo here, not through `_memo_cell`: a call a row cost
        # 0.18-0.27 s against 0.08-0.09 s for 1M cells, timed alone; the same for the network below)
        try:
            day = days[cell_row[date_col]]
        except (KeyError, TypeError):
            ok, day = _memo_cell(days, raw, k, date_col, parse_day, "date", bad)
            if not ok:
                continue
        if day is None:
            continue
        row_platform = platform
        if platform_col is not None:
            try:
                found = platforms[cell_row[platform_col]]
            except (KeyError, TypeError):
                ok, found = _memo_cell(platforms, raw, k, platform_col, parse_platform, "platform", bad)
                if not ok:
                    continue
            row_platform = found or platform
        if row_platform is None:
            bad.append(InfluError("platform: no platform on this row (give --platform)", file=raw.source,
                                  sheet=raw.sheet, row=raw.row_numbers[k], column=raw.headers[platform_col or 0]))
            continue
        if handle is not None:
            key, title = handle, None
        else:
            assert key_col is not None
            key = str(cell_row[key_col] or "").strip()
            title = str(cell_row[title_col]).strip() if title_col is not None else None
            if not key:
                continue
            # one account however its rows write it: "Anna.B", "@anna.b", its profile link
            found_key = accounts.get((row_platform, key))
            if found_key is None:
                found_key = accounts[(row_platform, key)] = _account_key(row_platform, key)
            key = found_key
        estimated = False
        try:
            if total_col is not None:
                cell = cell_row[total_col]
                # a cell of ASCII digits alone (most cells of a long export): P.parse_count's answer
                if cell.__class__ is str and cell.isdigit() and cell.isascii() and len(cell) <= MAX_NUMBER_CHARS \
                        and unitless and (value := int(cell)) <= MAX_COUNT:
                    pass
                elif unitless:
                    value, note = _cell(raw, k, total_col, P.parse_count_noted, "followers")
                    if note:  # "'13,5' is not a whole number: read as 14", "range '10K-15K' read as 12,500"
                        noted.append((raw.row_numbers[k], note))
                else:
                    value = _cell(raw, k, total_col, parse_total, "followers")
                if value is None and estimate_col is not None:
                    value = _cell(raw, k, estimate_col, parse_estimate, "estimated followers")
                    estimated = value is not None
            else:
                value = None
        except InfluError as exc:
            bad.append(exc)
            continue
        gain, gain_error = None, None
        if gain_col is not None:
            try:
                gain = _cell(raw, k, gain_col, parse_gain, "gain")
            except InfluError as exc:
                gain_error = exc  # only matters for a gains-only account (see below)
        series.setdefault((row_platform, key), (title, []))[1].append((day, value, gain, estimated, gain_error))

    # per account: one row per date (the last one given), totals or gains
    prepared: list[tuple[str, str, str | None, list[_Row], int, bool]] = []
    for (row_platform, key), (title, rows) in series.items():
        by_day: dict[dt.date, _Row] = {}
        for r in rows:
            by_day[r[0]] = r
        kept = sorted(by_day.values(), key=lambda r: r[0])
        has_totals = any(r[1] is not None for r in kept)
        if not has_totals:
            bad.extend(r[4] for r in kept if r[4] is not None)
        prepared.append((row_platform, key, title, kept, len(rows) - len(kept), has_totals))
    bad.sort(key=lambda e: e.row or 0)
    if strict and bad or bad and not any(rows for _, _, _, rows, _, _ in prepared):
        raise bad[0]  # (nothing readable: the first reason, not an import of nothing)

    source = f"history:{Path(path).name}"
    result = ImportResult(source, bad_cells=bad, store_path=store.location)
    handles = [P.canonical_handle(platform, key.lstrip("@")) for platform, key, *_ in prepared]
    def work() -> tuple[list[AccountImport], list[str]]:
        """The import's one unit of work (run again after a concurrent writer's conflict: what it reports
        is made afresh by each attempt, the committed one's is kept)."""
        done_accounts: list[AccountImport] = []
        with progress.step("recording history", len(prepared), "accounts") as tick:
            # every account in one executemany (in file order: a later title fills in, as one by one)
            known = store.account_ids(zip((p[0] for p in prepared), handles, strict=True))
            ids = store.upsert_accounts_seen(
                [(platform, account_handle, title, key if id_col is not None else None, rows[-1][0])
                 for (platform, key, title, rows, _, _), account_handle in zip(prepared, handles, strict=True)])
            # the points wait here and are written in one executemany, before anything reads them back
            pending: list[tuple[int, list[tuple[dt.date, int, bool]], bool, bool]] = []

            def flush() -> None:
                store.add_followers_series_many(pending, source)
                pending.clear()

            for done, ((platform, _key, _title, rows, duplicates, has_totals), account_handle) in enumerate(
                    zip(prepared, handles, strict=True)):
                tick(done)
                account = ids[(platform, account_handle)]
                info = AccountImport(platform, account_handle, "totals" if has_totals else "gains",
                                     duplicates=duplicates)
                if has_totals:
                    points = [(d, v, est) for d, v, _, est, _ in rows if v is not None]
                    info.rounded = platform in ROUNDED_PLATFORMS and looks_rounded([v for _, v, _ in points])
                else:
                    flush()
                    points, info.relative, info.anchor = _gains_to_totals(store, account, rows, total, source)
                pending.append((account, points, info.rounded, info.relative))
                info.points = len({d for d, _, _ in points})
                info.estimated = sum(1 for p in points if p[2])
                info.first, info.last = points[0][0] if points else None, points[-1][0] if points else None
                # an account new to the workspace has no earlier relative series to anchor
                if not info.relative and (platform, account_handle) in known:
                    info.anchored = _anchor_stored(store, account, exclude=source, before=flush)
                done_accounts.append(info)
            flush()
            # the accounts that asked to be forgotten and are recorded again: what a sheet's import says
            from .pipeline import forgotten_warnings

            return done_accounts, forgotten_warnings(store.forgotten_among(
                (p[0], account_handle) for p, account_handle in zip(prepared, handles, strict=True)))

    result.accounts, result.warnings = store.write(work, what="history import")
    if noted:
        assert total_col is not None
        result.notes.append(f"column {str(raw.headers[total_col])!r}: {count(len(noted), 'total')} not a plain count "
                            f"(first, row {noted[0][0]}: {noted[0][1]}; a header unit such as 'Abonnés (k)' "
                            "makes 12,5 read as 12,500)")
    if raw.list_sheets:  # "read tab 'Instagram'; other tabs that hold a follower history were not read: ..."
        result.notes.extend(n for n in raw.notes if n.startswith("read tab "))
    if not day_first:
        result.notes.append(f"column {str(raw.headers[date_col])!r}: dates read month first (mm/dd/yyyy): "
                            "some of them only read that way")
    with_totals = sum(a.kind == "totals" for a in result.accounts)
    if total is not None and with_totals:
        assert total_col is not None
        result.notes.append(f"--total {total:,} not used for {count(with_totals, 'account')}: the file gives their totals "
                            f"(column {str(raw.headers[total_col])!r}); it turns gains into totals")
    return result


def _gains_to_totals(
    store: Store, account: int, rows: list[_Row], total: int | None, source: str
) -> tuple[list[tuple[dt.date, int, bool]], bool, str | None]:
    """Gains per period -> totals. The gain dated D is the change during the period D starts (the period
    is the median spacing of the dates: a day for daily gains, a week for weekly ones), so the total at
    the end of the period's last day includes it: its point is dated D + period - 1 day (D itself for a
    daily gain; never after today: a week in progress ends today), and one more point, the total before
    the first gain, is dated the day before the first date. A missing (or unreadable) gain counts as 0 and
    marks its point estimated. Anchored on `total` (the total at the last point: the file's last date for
    daily gains) or on a total in the store (see `anchor_offset`); otherwise relative to 0."""
    days = [(b[0] - a[0]).days for a, b in zip(rows, rows[1:], strict=False)]
    period = dt.timedelta(days=max(1, int(median(days))) if days else 1)
    one_day, last_day = dt.timedelta(days=1), today()
    running = 0
    points: list[tuple[dt.date, int, bool]] = [(rows[0][0] - one_day, 0, False)]
    for day, _, gain, _, _ in rows:
        running += gain or 0
        points.append((min(day + period - one_day, last_day), running, gain is None))
    if total is not None:
        offset, anchor = total - running, f"total {total:,} on {points[-1][0].isoformat()}"
    else:
        found = anchor_offset([(d, float(v)) for d, v, _ in points], _known_totals(store.points(account), source))
        if found is None:
            return points, True, None
        offset, anchor = found
    return [(d, v + offset, e) for d, v, e in points], False, anchor


def _known_totals(points: Sequence[dict[str, Any]], exclude: str | None = None) -> list[tuple[dt.date, float, str]]:
    """(date, total, source) of the stored points that can anchor a relative series: absolute, not
    estimated, from another source."""
    return [(p["date"], float(p["value"]), p["source"]) for p in points
            if not p["relative"] and not p["estimated"] and p["source"] != exclude]


def anchor_offset(series: Sequence[Point], known: Sequence[tuple[dt.date, float, str]]) -> tuple[int, str] | None:
    """The offset that turns a relative series (a running sum of gains) into totals, and a description
    of the anchor; None when no known total can anchor it.

    A known total anchors the series when its date falls within the series' span or up to one period
    (the median spacing of its dates) after its last date. Among several, one on a date of the series
    is preferred, then the latest. The running sum on that date is interpolated linearly between the
    dates around it; after the last date it is extended at the last period's pace."""
    pts = sorted(series)
    if not pts:
        return None
    spacing = [(b[0] - a[0]).days for a, b in zip(pts, pts[1:], strict=False)]
    period = dt.timedelta(days=int(median(spacing)) if spacing else 1)
    first, last = pts[0][0], pts[-1][0]
    candidates = [c for c in known if first <= c[0] <= last + period]
    if not candidates:
        return None
    dates = {d for d, _ in pts}
    day, value, source = max(candidates, key=lambda c: (c[0] in dates, c[0], -source_rank(c[2])))
    running = value_on(pts, day)
    if running is None:  # after the last date: the last period's pace goes on
        (d0, v0), (d1, v1) = pts[-2] if len(pts) > 1 else pts[-1], pts[-1]
        pace = (v1 - v0) / (d1 - d0).days if d1 > d0 else 0.0
        running = v1 + pace * (day - d1).days
    return round(value - running), f"{source} total {value:,.0f} on {day.isoformat()}"


def _anchor_stored(store: Store, account: int, exclude: str, before: Any = None) -> list[str]:
    """Anchor the account's relative series recorded earlier (other sources) on the totals now known.
    `before()` runs first when there is one to anchor (the caller's pending writes)."""
    done: list[str] = []
    sources = [s for s in store.relative_sources(account) if s != exclude]
    if not sources:
        return done
    if before is not None:
        before()
    points = store.points(account)
    for source in sources:
        group = [(p["date"], float(p["value"])) for p in points if p["source"] == source and p["relative"]]
        found = anchor_offset(group, _known_totals(points, source))
        if found is not None:
            store.anchor_relative_series(account, source, found[0])
            done.append(f"{source} on {found[1]}")
    return done


# --------------------------------------------------------------------------------------- read back


@dataclass
class History:
    platform: str
    handle: str
    creator: str | None
    points: list[dict[str, Any]]  # every stored point (store.points)
    series: list[Point]  # the merged series used for growth (absolute if any, else relative)
    relative: bool  # `series` is a running sum of gains: its level is unknown
    trend: Trend
    events: list[Event]
    sources: list[str] = field(default_factory=list)  # the source of each point of `series`
    beside: dict[str, list[Point]] = field(default_factory=dict)  # relative series not merged in `series`
    anchors: list[str] = field(default_factory=list)  # relative series anchored here on a stored total
    events_by_source: dict[str, list[Event]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
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
            "anchors": self.anchors,
            "note": RELATIVE_NOTE if self.relative or self.beside else None,
            "series": [{"date": d.isoformat(), "followers": v, "relative": self.relative, "source": s}
                       for (d, v), s in zip(self.series, self.sources, strict=True)],
            "relative_series": [
                {"source": source, "relative": True,
                 "series": [{"date": d.isoformat(), "followers": v} for d, v in pts]}
                for source, pts in self.beside.items()],
        }

    def rows(self) -> tuple[list[str], list[dict[str, Any]]]:
        """(columns, rows) of `history show --format csv`: every point, the series used then the
        relative ones beside it, with the event that ends on it."""
        ends = {(s, e.end): e.kind for s, es in self.events_by_source.items() for e in es}
        rows = [{"date": day, "followers": int(value), "relative": int(self.relative), "source": source,
                 "event": ends.get((source, day), "")}
                for (day, value), source in zip(self.series, self.sources, strict=True)]
        for source, pts in self.beside.items():
            rows.extend({"date": day, "followers": int(value), "relative": 1, "source": source,
                         "event": ends.get((source, day), "")} for day, value in pts)
        return ["date", "followers", "relative", "source", "event"], rows


    def lines(self) -> list[str]:
        """The terminal view of `history show`: series, sparkline, growth, trend, events."""
        from .metrics.trends import sparkline

        data = self.to_dict()
        t = self.trend
        lines = [f"{self.platform}:{self.handle}" + (f" ({self.creator})" if self.creator else "")
                 + f", {count(data['points'], 'point')} {data['first']}..{data['last']}"]
        if self.relative:
            lines.append(f"followers are {RELATIVE_NOTE} (running sum of gains)")
        lines.extend(f"anchored: {a}" for a in self.anchors)
        lines.append(sparkline([v for _, v in self.series]))
        growth = ", ".join(f"{w}d {t.growth[w]:+,.0f}" + (f" ({t.growth_pct[w]:+.2%})" if t.growth_pct[w] is not None
                                                            else "")
                           for w in t.growth if t.growth[w] is not None)
        lines.append(f"growth: {growth or 'not enough history'}; trend: {t.trend}" + (f" over {t.window}" if t.window
                                                                                        else ""))
        for e in self.events:
            lines.append(f"{e.kind}: {e.start}..{e.end} ({count(e.days, 'day')}) {e.gain:+,.0f}, "
                         f"usual {e.usual_per_day:+,.1f}/day, excess {e.excess:+,.0f}")
        if not self.events:
            lines.append("no spike or drop")
        for source, pts in self.beside.items():
            lines.append(f"also imported: {source}, {count(len(pts), 'point')} {pts[0][0]}..{pts[-1][0]}, "
                         f"{pts[-1][1] - pts[0][1]:+,.0f} over them, {RELATIVE_NOTE}")
            lines.append(sparkline([v for _, v in pts]))
        return lines


    def notes(self) -> list[str]:
        """What `history show` adds on stderr for csv/json output (relative series)."""
        note = [f"followers {RELATIVE_NOTE} (history import FILE --total N)"] if self.relative else []
        if self.beside:
            note.append(f"also imported, {RELATIVE_NOTE}: {', '.join(self.beside)}")
        return note


def account_history(store: Store, account_id: int) -> History:
    """Trend and spikes/drops of a stored account.

    A relative series (gains without a known total) is anchored on a stored total when one falls
    within its dates or up to one period after them (`anchor_offset`), whichever was recorded first.
    Growth uses the absolute points, anchored ones included (one per day, by `source_rank`); when
    there are none, the longest relative series. A relative series that cannot be anchored while
    totals exist is kept beside them (`beside`), never dropped. Spikes are looked for within each
    source separately, estimated points left out, so a sheet's rare snapshots and a daily export are
    never differenced against each other."""
    row = store.conn.execute("SELECT platform, handle, creator FROM accounts WHERE id=?", (account_id,)).fetchone()
    return history_of(row["platform"], row["handle"], row["creator"], store.points(account_id))


def history_of(platform: str, handle: str, creator: str | None, points: list[dict[str, Any]]) -> History:
    """The history (`account_history`) of an account whose stored points (`Store.points`) are these."""
    only = points[0]["source"] if points else None
    if only is not None and all(p["source"] == only and not p["relative"] for p in points):
        # one source of totals (a list recorded day after day): its points are the series, one a day
        series = [(p["date"], float(p["value"])) for p in points]
        trend, events = _one_source(series, [p["estimated"] for p in points], any(p["rounded"] for p in points))
        return History(platform, handle, creator, points, series, False, trend, events, [only] * len(series), {},
                       [], {only: list(events)})
    by_source: dict[str, list[dict[str, Any]]] = {}
    for p in points:
        by_source.setdefault(p["source"], []).append(p)
    known = _known_totals(points)
    anchors: list[str] = []
    groups: dict[str, list[dict[str, Any]]] = {}  # source -> points, anchored ones shifted
    relative_groups: dict[str, list[dict[str, Any]]] = {}
    for source, group in by_source.items():
        if not any(p["relative"] for p in group):
            groups[source] = group
            continue
        found = anchor_offset([(p["date"], float(p["value"])) for p in group], known)
        if found is None:
            relative_groups[source] = group
            continue
        offset, anchor = found
        anchors.append(f"{source} on {anchor}")
        groups[source] = [{**p, "value": p["value"] + offset, "relative": False} for p in group]

    beside: dict[str, list[Point]] = {s: _by_day(g) for s, g in relative_groups.items()}
    absolute = sorted((p for g in groups.values() for p in g), key=lambda p: (p["date"], source_rank(p["source"])))
    merged: dict[dt.date, tuple[float, str]] = {}
    for p in absolute:
        merged.setdefault(p["date"], (float(p["value"]), p["source"]))
    relative = not merged and bool(beside)
    if merged:
        series = [(d, v) for d, (v, _) in sorted(merged.items())]
        sources = [s for _, (_, s) in sorted(merged.items())]
    elif beside:
        main = max(beside, key=lambda s: (len(beside[s]), s))
        series = beside.pop(main)
        sources = [main] * len(series)
    else:
        series, sources = [], []

    events_by_source: dict[str, list[Event]] = {}
    for source, group in {**groups, **relative_groups}.items():
        kept = [(p["date"], float(p["value"])) for p in group if not p["estimated"]]
        events_by_source[source] = _events(kept, rounded=any(p["rounded"] for p in group),
                                                 relative=source in relative_groups)
    events = sorted((e for es in events_by_source.values() for e in es), key=lambda e: e.end)
    return History(platform, handle, creator, points, series, relative,
                   compute_trend(series, relative=relative), events, sources, beside, anchors, events_by_source)


def _one_source(series: list[Point], estimated: list[bool], rounded: bool) -> tuple[Trend, list[Event]]:
    """The trend and the spikes and drops (by date) of an account whose points are totals from one
    source (`series`, one point a day; `estimated`: each point's mark, left out of the spikes)."""
    events = _events([p for p, guessed in zip(series, estimated, strict=True) if not guessed],
                     rounded=rounded, relative=False)
    return compute_trend(series, relative=False), sorted(events, key=lambda e: e.end) if events else events


def list_trends(store: Store, accounts: Sequence[int]) -> dict[int, tuple[Trend, list[Event], int]]:
    """{account: (trend, spikes and drops, points in its series)}: what a list's columns take from each
    account's history (`account_history`), the same values. An account whose points are totals from
    one source (a list recorded week after week: nearly every account) has them computed from the points
    as read, without a dict a point or a `History` (for 100k accounts of two snapshots each, `load_list`'s
    histories 1.54 s against 1.92 s, medians of ten alternated runs); any other has its whole history made."""
    wanted = sorted(set(accounts))
    rows_of = store.point_rows_of(wanted)
    out: dict[int, tuple[Trend, list[Event], int]] = {}
    for account in wanted:
        rows = rows_of.pop(account, None)
        if rows:
            only = rows[0][2]
            if all(r[2] == only and not r[5] for r in rows):
                series = [(r[0], float(r[1])) for r in rows]
                trend, events = _one_source(series, [r[4] for r in rows], any(r[3] for r in rows))
                out[account] = (trend, events, len(series))
                continue
        hist = history_of("", "", None, [dict(zip(POINT_KEYS, r, strict=True)) for r in rows or ()])
        out[account] = (hist.trend, hist.events, len(hist.series))
    return out


def _events(points: list[Point], *, rounded: bool, relative: bool) -> list[Event]:
    """`detect_events` of a source's points; none without enough of them for a verdict (an interval
    needs SPIKE_MIN_BASELINE others beside it), as `detect_events` finds, without its work."""
    if len(points) < SPIKE_MIN_BASELINE + 2:
        return []
    return detect_events(points, rounded=rounded, relative=relative)


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
                         file=store.location)
    if len(rows) > 1:
        names = ", ".join(f"{r['platform']}:{r['handle']}" for r in rows)
        raise UsageError(f"{handle!r} matches several accounts ({names}): give --platform")
    return int(rows[0]["id"])
