"""The outreach funnel: stages reached, conversion, losses, time in stage, follow-ups, projection.

identified -> contacted -> replied -> negotiating -> deal -> published, with two ways out:
declined and no_reply. `funnel(table)` returns a JSON-ready dict (schema in docs/funnel.md, version
in `SCHEMA`); the `influkit funnel` command only renders it.

Rules (documented in docs/funnel.md, kept here in one place):

- Who is a prospect. One per row, except that rows sharing a `creator` (a wide sheet lists one person
  per account), or without a creator the same sheet row (a wide sheet of handle columns and no name
  column), are one *person* when they all sit at the same stage; when their stages differ, each
  account is counted on its own (they are being prospected separately). Rows marked `duplicate_of`
  are skipped. The first row of a person gives its labels (channel, platform, tier, owner, handle).
- Stage. An empty stage is derived from the latest date present (published_on > deal_on > replied_on
  > contacted_on), else `identified`. A prospect at a later stage has passed every earlier one; a
  date of a later stage (or a store stage event) moves the stage reached up.
- Where a loss happened. `no_reply` is lost after `contacted`; `declined` after `replied` (declining is
  an answer) -- unless dates or store stage events show the prospect got further (e.g. a deal_on date,
  or a `negotiating` event), in which case the loss happened at the furthest stage reached.
- Time in stage s: days from the date s was reached to the date of the next stage reached that has a
  date (date columns first, store stage events when a date column is empty). Negotiating has no date
  column, so without events the replied time includes the negotiation.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from . import progress
from .errors import UsageError
from .heap import paused
from .reports import Report
from .schema import LOSS_DEFAULT, LOST_STAGES, STAGE_INDEX, STAGES, stage_rank
from .table import Table
from .text import count, fold_key, name_key
from .thresholds.funnel import FUNNEL_THRESHOLDS, MAX_ROWS_NAMED, threshold

SCHEMA = "influkit.funnel/1"


DIMENSIONS: tuple[str, ...] = ("channel", "platform", "tier", "owner")
# the date column that marks reaching a stage (negotiating has none)
STAGE_DATE: dict[str, str] = {
    "contacted": "contacted_on", "replied": "replied_on", "deal": "deal_on", "published": "published_on"}
NONE_LABEL = "(none)"
# the list's columns the funnel reads (and a column naming campaigns: `_campaigns_in_sheet`)
FUNNEL_COLUMNS = frozenset({"creator", "platform", "handle", "stage", "duplicate_of", "row_kind", "sheet", *DIMENSIONS,
                            *STAGE_DATE.values()})


def clean_stage(value: Any) -> str | None:
    """A canonical stage from a cell (already canonical in a normalised table; parsed otherwise)."""
    if value is None or value == "":
        return None
    text = str(value).strip().lower()
    if text in STAGES or text in LOST_STAGES:
        return text
    from .io.parse import ParseError, parse_stage

    try:
        return parse_stage(str(value))
    except ParseError:
        return None


@dataclass(slots=True)
class Prospect:
    """One person (or account) in the funnel. Its `labels` and `dates` may be shared with other prospects
    that have the same ones (a 500k-row list repeats them): read them, do not change them."""

    rows: list[int]  # indexes in the table
    creator: str | None
    platform: str | None
    handle: str | None
    labels: dict[str, str]
    stage: str  # current stage (one of STAGES or LOST_STAGES)
    reached: int  # index in STAGES of the furthest stage reached
    lost_at: str | None  # for declined/no_reply: the stage where the loss happened
    dates: dict[str, dt.date] = field(default_factory=dict)  # stage -> date reached
    last_change: dt.date | None = None

    @property
    def first_date(self) -> dt.date | None:
        return min(self.dates.values()) if self.dates else None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def group_rows(table: Table, stages: list[str | None] | None = None) -> list[list[int]]:
    """Rows grouped into people: same `creator`, or, for rows without one, the same sheet row (a wide
    sheet with handle columns and no name: one row per person, `Table.sheet_row`), and (when `stages` is
    given) the same stage; other rows without a creator, or whose stages differ from the person's other
    rows, stand alone. Rows marked `duplicate_of` are left out."""
    creators = table.get("creator")
    dups = table.get("duplicate_of")
    kinds = table.get("row_kind")  # TOTAL / average / section rows are not prospects
    numbers = table.source_rows
    shared = {n for n, times in Counter(numbers).items() if times > 1} if len(numbers) == len(table) else set()
    by_creator: dict[str, list[int]] = {}
    order: list[tuple[str, int]] = []
    for k in progress.counted("funnel: people", range(len(table))):  # (with the stages: 4.5 s of a 900k-row list)
        if dups[k] not in (None, "") or kinds[k]:
            continue
        name = creators[k]
        key = name_key(name)
        if not key and shared and isinstance(numbers[k], int) and numbers[k] > 0 and numbers[k] in shared:
            tab, row = table.sheet_row(k)
            key = f"\0{tab}\0{row}"  # (a sheet row's accounts; never a name key, which is letters and digits)
        if not key:
            order.append(("", k))
            continue
        if key not in by_creator:
            by_creator[key] = []
            order.append((key, k))
        by_creator[key].append(k)
    groups: list[list[int]] = []

    def rows_of(item: tuple[str, int]) -> int:  # (counted in rows: a name on 4,000 rows is one item)
        return len(by_creator[item[0]]) if item[0] else 1

    for key, k in progress.each("funnel: people, grouped", order, sum(map(rows_of, order)), size=rows_of):
        if not key:
            groups.append([k])
            continue
        rows = by_creator[key]
        if stages is None or len({stages[r] for r in rows}) == 1:
            groups.append(rows)
        else:
            groups.extend([r] for r in rows)
    return groups


def events_by_account(events: Iterable[Any]) -> tuple[dict[tuple[str, str], dict[str, dt.date]],
                                                         dict[tuple[str, str], str], dict[tuple[str, str], int]]:
    """(platform, handle) -> stage -> earliest date from the store's stage events; (platform, handle)
    -> the stage of its latest-dated event (its current stage by the history: a stage recorded later
    but dated before, `set --on` back-dated, is history, not the current stage); and (platform, handle)
    -> the index in STAGES of the furthest stage an event of it says was reached, dated or not (a stage an import
    saw first has no date, yet it was reached: a `published` the sheet gave before a later file moved the
    creator back still counts as reached)."""
    out: dict[tuple[str, str], dict[str, dt.date]] = {}
    latest: dict[tuple[str, str], tuple[dt.date, str]] = {}
    furthest: dict[tuple[str, str], int] = {}
    for e in events:
        key = (e["platform"], e["handle"])
        if e["stage"] in STAGES and STAGES.index(e["stage"]) > furthest.get(key, -1):
            furthest[key] = STAGES.index(e["stage"])
        day = _date(e["on_date"])
        if day is None:
            continue
        stages = out.setdefault(key, {})
        if e["stage"] not in stages or day < stages[e["stage"]]:
            stages[e["stage"]] = day
        if key not in latest or day >= latest[key][0]:
            latest[key] = (day, e["stage"])
    return out, {key: stage for key, (_, stage) in latest.items()}, furthest


def stage_days(table: Table, today: dt.date | None) -> tuple[dict[str, list[dt.date | None]], list[str]]:
    """The stage date columns read as dates, each cell once (a cell that is no date: None), and, with
    `today`, every date after it removed with one warning per column that had some (naming the sheet
    rows). A future date is a typo or a plan, not something that happened: it moves no stage, counts in
    no time in stage and hides no follow-up."""
    columns: dict[str, list[dt.date | None]] = {}
    warnings: list[str] = []
    for col in STAGE_DATE.values():
        values = [None if v is None else _date(v) for v in table.get(col)]
        rows: list[str] = []
        columns[col] = values
        if today is None:
            continue
        for k, d in enumerate(values):
            if d is not None and d > today:
                values[k] = None
                rows.append(table.row_name(k))
        if rows:
            shown = ", ".join(str(r) for r in rows[:MAX_ROWS_NAMED]) + (", ..." if len(rows) > MAX_ROWS_NAMED else "")
            warnings.append(f"{col}: {len(rows)} date{'s' if len(rows) > 1 else ''} after today "
                            f"({today.isoformat()}) ignored (row{'s' if len(rows) > 1 else ''} {shown})")
    return columns, warnings


def build_prospects(table: Table, events: Iterable[Any] = (), *, today: dt.date | None = None,
                    warnings: list[str] | None = None, events_move_stages: bool = True) -> list[Prospect]:
    """The prospects of a table, with their stage reached, loss stage and stage dates. With `today`,
    dates after it (sheet columns and stage events) are ignored and named in `warnings`. Events without
    a date (a stage first seen, start unknown) date nothing. With `events_move_stages` False (a FILE's
    funnel), events only date the stages the table itself reached: the stages are the table's own.
    A progress step ("funnel", its rows counted as their prospects are made)."""
    with progress.step("funnel", len(table), "rows") as tick:
        return _build_prospects(table, events, today=today, warnings=warnings,
                                events_move_stages=events_move_stages, tick=tick)


def _build_prospects(table: Table, events: Iterable[Any], *, today: dt.date | None, warnings: list[str] | None,
                     events_move_stages: bool, tick: progress.Tick) -> list[Prospect]:
    if today is not None:  # (gone through once, as they are read: a 500k-row campaign's are never held)
        events = (e for e in events if (_date(e["on_date"]) or today) <= today)
    by_account, latest_stage, reached_by_events = events_by_account(events)
    n = len(table)
    raw_stage = [clean_stage(v) for v in table.get("stage")]
    days, found = stage_days(table, today)  # (each date cell read once)
    if warnings is not None:
        warnings.extend(found)
    # the stage date columns that have a date, latest stage first (an empty column is never looked at)
    dated = [(s, days[STAGE_DATE[s]]) for s in reversed(STAGES) if s in STAGE_DATE
             and any(d is not None for d in days[STAGE_DATE[s]])]
    # per-row derived stage (an empty stage comes from the latest date)
    row_stage: list[str | None] = []
    for k in progress.counted("funnel: stages", range(n)):
        stage = raw_stage[k]
        if stage is None:
            stage = next((s for s, column in dated if column[k] is not None), "identified")
        row_stage.append(stage)
    cols = {c: table.get(c) for c in ("creator", "platform", "handle", *DIMENSIONS)}
    # one owner however the sheet spells them ("Camille", "camille ", "CAMILLE"): their most written form
    written = Counter(v for v in cols["owner"] if isinstance(v, str) and v.strip())
    if len(written) > 1:  # (counted by distinct cell, not by row: a 500k-row list has a few owners)
        spellings: dict[str, Counter[str]] = {}
        for v, times in written.items():
            spellings.setdefault(fold_key(v), Counter())[" ".join(v.split())] += times
        best = {key: c.most_common(1)[0][0] for key, c in spellings.items()}
        owner_of = {v: best[fold_key(v)] for v in written}
        cols["owner"] = [owner_of.get(v, v) if isinstance(v, str) else v for v in cols["owner"]]
    creators, platforms, handles = cols["creator"], cols["platform"], cols["handle"]
    dimensions = [cols[dim] for dim in DIMENSIONS]
    index = STAGE_INDEX  # (a stage's place, looked up once a prospect)
    prospects = []
    # equal labels, equal stage dates: one dict for all the prospects that have them
    shared_labels: dict[tuple[str, ...], dict[str, str]] = {}
    shared_dates: dict[tuple[tuple[str, dt.date], ...], dict[str, dt.date]] = {}
    for rows in progress.ticking(group_rows(table, row_stage), tick, size=len):
        first = rows[0]
        stage = row_stage[first] or "identified"
        dates: dict[str, dt.date] = {}  # the sheet's own, earliest of the person's rows
        for s, column in dated:
            for k in rows:
                d = column[k]
                if d is not None and (s not in dates or d < dates[s]):
                    dates[s] = d
        # how far the sheet's own dates go: the current stage moves no further (nor the latest event)
        current = max((index[s] for s in dates), default=0)
        event_dates: dict[str, dt.date] = {}
        furthest = current
        if by_account or reached_by_events:
            for k in rows:
                for s, d in by_account.get((platforms[k], handles[k]), {}).items():
                    if s not in event_dates or d < event_dates[s]:
                        event_dates[s] = d
            if not events_move_stages:
                own = max(current, stage_rank(stage) or 0)
                event_dates = {s: d for s, d in event_dates.items() if (s in index and index[s] <= own) or s == stage}
            for k in rows if events_move_stages else ():
                last = latest_stage.get((platforms[k], handles[k]))
                if last in index:
                    current = max(current, index[last])
            for s, d in event_dates.items():
                if s in index and s not in dates:
                    dates[s] = d
            furthest = max((index[s] for s in dates if s in index), default=0)
            for k in rows if events_move_stages else ():  # (an undated event too: the stage was reached)
                furthest = max(furthest, reached_by_events.get((platforms[k], handles[k]), 0))
        lost_at = None
        if stage in LOST_STAGES:
            reached = max(index[LOSS_DEFAULT[stage]], furthest)
            lost_at = STAGES[reached]
        else:
            reached = max(index[stage], furthest)
            stage = STAGES[max(index[stage], current)]
        last_change = max(dates.values(), default=None)
        for s, d in event_dates.items():
            if s not in index and (last_change is None or d > last_change):
                last_change = d
        label_values = tuple(str(v) if (v := column[first]) not in (None, "") else NONE_LABEL
                             for column in dimensions)
        labels = shared_labels.get(label_values)
        if labels is None:
            labels = shared_labels[label_values] = dict(zip(DIMENSIONS, label_values, strict=True))
        ordered = tuple((s, dates[s]) for s in STAGES if s in dates) if dates else ()
        stage_dates = shared_dates.get(ordered)
        if stage_dates is None:
            stage_dates = shared_dates[ordered] = dict(ordered)
        prospects.append(Prospect(
            rows=rows, creator=creators[first], platform=platforms[first], handle=handles[first], labels=labels,
            stage=stage, reached=reached, lost_at=lost_at, dates=stage_dates, last_change=last_change))
    tick(n)
    return prospects


def _rate(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def quantile(values: list[int], q: float) -> float:
    """Linear-interpolation quantile (numpy's default, Excel's PERCENTILE.INC)."""
    data = sorted(values)
    pos = (len(data) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return float(data[lo] + (data[hi] - data[lo]) * (pos - lo))


def _stages(prospects: list[Prospect]) -> list[dict[str, Any]]:
    """Each stage's prospects: there now, reached (there or further), lost there (declined, no reply);
    counted in one pass over the prospects (a pass a stage and a loss: the step took 1.8 s of a
    500k-row list, 1.3 s in one pass, measured)."""
    at: Counter[str] = Counter()
    furthest: Counter[int] = Counter()
    losses: Counter[tuple[str, str | None]] = Counter()
    for p in prospects:
        at[p.stage] += 1
        furthest[p.reached] += 1
        if p.stage in LOST_STAGES:
            losses[p.stage, p.lost_at] += 1
    reached = [sum(times for i, times in furthest.items() if i >= k) for k in range(len(STAGES))]
    out = []
    for i, s in enumerate(STAGES):
        lost = {reason: losses[reason, s] for reason in LOST_STAGES}
        out.append({
            "stage": s,
            "current": at[s],
            "reached": reached[i],
            "conversion_from_previous": _rate(reached[i], reached[i - 1]) if i else None,
            "conversion_from_top": _rate(reached[i], reached[0]),
            "lost_here": {**lost, "total": sum(lost.values())},
        })
    return out


def _time_in_stage(prospects: list[Prospect]) -> list[dict[str, Any]]:
    samples: dict[str, list[int]] = {s: [] for s in STAGES[:-1]}
    for p in prospects:
        dated = [s for s in STAGES if s in p.dates]
        for a, b in zip(dated, dated[1:], strict=False):
            days = (p.dates[b] - p.dates[a]).days
            if days >= 0:
                samples[a].append(days)
    out = []
    for s, values in samples.items():
        out.append({
            "stage": s,
            "n": len(values),
            "median_days": float(statistics.median(values)) if values else None,
            "p75_days": quantile(values, 0.75) if values else None,
        })
    return out


def _breakdown(prospects: list[Prospect], dim: str) -> list[dict[str, Any]]:
    groups: dict[str, list[Prospect]] = {}
    for p in prospects:
        groups.setdefault(p.labels[dim], []).append(p)
    contacted, replied, deal = (STAGES.index(s) for s in ("contacted", "replied", "deal"))
    rows: list[dict[str, Any]] = []
    for value, ps in groups.items():
        n_contacted = sum(1 for p in ps if p.reached >= contacted)
        n_replied = sum(1 for p in ps if p.reached >= replied)
        n_deals = sum(1 for p in ps if p.reached >= deal)
        rows.append({
            "value": value, "prospects": len(ps), "contacted": n_contacted, "replied": n_replied,
            "deals": n_deals, "reply_rate": _rate(n_replied, n_contacted), "deal_rate": _rate(n_deals, n_contacted),
            "small_sample": n_contacted < threshold("min_sample"),
        })
    rows.sort(key=lambda r: (-r["prospects"], r["value"]))
    return rows


def _follow_ups(prospects: list[Prospect], today: dt.date, stale_days: int) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for p in prospects:
        if p.stage == "contacted":
            since = p.dates.get("contacted")
            reason = "no reply since first contact"
        elif p.stage in ("replied", "negotiating"):
            since = p.last_change
            reason = f"no change since {p.stage}"
        else:
            continue
        if since is None:
            continue
        days = (today - since).days
        if days >= stale_days:
            items.append({
                "owner": p.labels["owner"] if p.labels["owner"] != NONE_LABEL else None,
                "creator": p.creator, "platform": p.platform, "handle": p.handle, "stage": p.stage,
                "since": since.isoformat(), "days": days, "reason": reason,
            })
    items.sort(key=lambda r: (-r["days"], str(r["owner"]), str(r["creator"] or r["handle"])))
    return items


def project(stages: list[dict[str, Any]], target_deals: int) -> dict[str, Any]:
    """Prospects needed at each stage (and at the top) to close `target_deals` at the observed rates."""
    deal_index = STAGES.index("deal")
    rates = []
    warnings = []
    min_sample, min_successes = threshold("min_sample"), threshold("min_successes")
    for i in range(1, deal_index + 1):
        sample, successes = stages[i - 1]["reached"], stages[i]["reached"]
        trusted = sample >= min_sample and successes >= min_successes
        rate = successes / sample if sample else None
        rates.append({"from": STAGES[i - 1], "to": STAGES[i], "rate": _rate(successes, sample),
                      "successes": successes, "sample": sample, "trusted": trusted})
        if not trusted:
            warnings.append(
                f"{STAGES[i - 1]} -> {STAGES[i]}: {successes}/{sample} is too small a sample to trust "
                f"(need >= {min_sample} prospects and >= {min_successes} that moved on)")
        if rate == 0:
            warnings.append(f"{STAGES[i - 1]} -> {STAGES[i]}: nobody moved on yet; no projection possible")
    needed: list[dict[str, Any]] = []
    for i in range(deal_index + 1):
        product = 1.0
        possible = True
        for r in rates[i:]:
            if not r["sample"] or not r["successes"]:
                possible = False
                break
            product *= r["successes"] / r["sample"]
        # a tiny tolerance so 10 / (1/3) is 30, not 31 through float error
        value = math.ceil(target_deals / product - 1e-9) if possible else None
        needed.append({"stage": STAGES[i], "needed": value})
    top = stages[0]["reached"]
    overall = _rate(stages[deal_index]["reached"], top)
    return {"target_deals": target_deals, "rates": rates, "overall_rate": overall,
            "needed_at_top": needed[0]["needed"], "needed": needed, "warnings": warnings,
            "trusted": not warnings}


_CAMPAIGN_WORDS = frozenset({"campagne", "campagnes", "campaign", "campaigns", "operation", "operations", "campagna"})


def reads_column(name: str) -> bool:
    """Whether the funnel reads a column of the list: one of FUNNEL_COLUMNS, or one naming campaigns."""
    return name in FUNNEL_COLUMNS or _names_campaigns(name)


def _names_campaigns(name: str) -> bool:
    return bool(_CAMPAIGN_WORDS & set(fold_key(name).split()))


def _campaigns_in_sheet(table: Table) -> list[str]:
    """A warning per column of the sheet that names campaigns ("Campagne": Nike Printemps, Sephora Noël) and
    holds several: one funnel counts them together, a person in two of them once."""
    out = []
    kinds = table.get("row_kind")
    for name in table.extra_columns:
        if not _names_campaigns(name):
            continue
        values = table.get(name)
        found = list(dict.fromkeys(str(v).strip() for k, v in enumerate(values)
                                   if v not in (None, "") and str(v).strip() and not kinds[k]))
        if len(found) > 1:
            shown = ", ".join(found[:5]) + (", ..." if len(found) > 5 else "")
            out.append(f"{name!r} names {len(found)} campaigns ({shown}): this funnel counts them together (a "
                       "person in two of them once); a file per campaign gives each its own funnel")
    return out


# (prospects, their lists and the report's rows: no cycle; the collector's full passes over a 500k-row
# list's heap took 1.9 s of the 6 s the prospects took, measured)
@paused()
def build_report(
    table: Table,
    *,
    events: Iterable[Any] = (),
    since: dt.date | None = None,
    until: dt.date | None = None,
    by: str | None = None,
    target_deals: int | None = None,
    stale_days: int | None = None,
    today: dt.date | None = None,
    events_move_stages: bool = True,
    proposals: list[dict[str, Any]] | None = None,
    campaign: str | None = None,
) -> dict[str, Any]:
    """The funnel report of a table (see docs/funnel.md for the JSON schema).

    `events` are the store's stage events (rows with platform, handle, stage, on_date; on_date None
    when the start is not known), used where the sheet has no date; with `events_move_stages` False
    they date the table's stages without moving any (a FILE's funnel is the file's own stages).
    `proposals` (the campaign's, from the workspace) give the proposals sent and accepted. `since`/`until` keep the prospects whose first known date (first contact,
    or first stage event) is in the range; prospects without any date are then left out.
    """
    if by is not None and by not in DIMENSIONS:
        raise UsageError(f"--by {by!r}: choose one of {', '.join(DIMENSIONS)}")
    if target_deals is not None and target_deals < 1:
        raise UsageError("--target-deals must be at least 1")
    stale = threshold("stale_days") if stale_days is None else stale_days
    if stale < 0:
        raise UsageError("--stale-days must be 0 or more")
    if today is None:
        from .clock import today as store_today

        today = store_today()
    if since is not None and until is not None and since > until:
        raise UsageError(f"--since {since.isoformat()} is after --until {until.isoformat()}: no date can be in "
                         "that range")
    warnings: list[str] = []
    # (a status read fine but at odds with a date is another issue: not counted here)
    unread = sorted({i.row for i in table.issues if i.field == "stage" and i.message.startswith("could not read")})
    if unread:  # a status the sheet wrote but influkit could not read: the row's dates decide its stage
        shown = ", ".join(map(str, unread[:10])) + (f" (+{len(unread) - 10})" if len(unread) > 10 else "")
        column = table.mapped.get("stage", "stage")
        warnings.append(f"{column!r}: {count(len(unread), 'status', 'statuses')} not understood (rows {shown}): "
                        "their stage comes "
                        "from their dates, else identified; fix them with `influkit set` or write a known word")
    warnings.extend(_campaigns_in_sheet(table))
    prospects = build_prospects(table, events, today=today, warnings=warnings,
                                events_move_stages=events_move_stages)
    skipped = sum(1 for v in table.get("duplicate_of") if v not in (None, ""))
    if since is not None or until is not None:
        kept = []
        for p in prospects:
            first = p.first_date
            if first is None or (since and first < since) or (until and first > until):
                continue
            kept.append(p)
        prospects = kept
    # what the prospects give, a counted step (1.3 s of a 500k-row list after its rows are read)
    dims = (by,) if by else DIMENSIONS
    with progress.step("funnel: stages, breakdowns, follow-ups", 3 + len(dims), "steps") as tick:
        stages = _stages(prospects)
        merged = sum(len(p.rows) - 1 for p in prospects)
        tick(1)
        in_stage = _time_in_stage(prospects)
        tick(2)
        breakdowns: dict[str, Any] = {}
        for n, dim in enumerate(dims, 3):
            breakdowns[dim] = _breakdown(prospects, dim)
            tick(n)
        follow_ups = _follow_ups(prospects, today, stale)
        tick(3 + len(dims))
    return {
        "schema": SCHEMA,
        "as_of": today.isoformat(),
        "source": table.source or None,
        "campaign": campaign,
        "unit": "people" if merged else "accounts",
        "prospects": len(prospects),
        "rows": {"total": len(table), "merged_into_people": merged, "duplicates_skipped": skipped,
                 "accounts_not_in_list": int(table.meta.get("accounts_not_in_list") or 0)},
        "filters": {"since": since.isoformat() if since else None, "until": until.isoformat() if until else None,
                    "by": by},
        "stages": stages,
        "lost": {reason: sum(1 for p in prospects if p.stage == reason) for reason in LOST_STAGES},
        "time_in_stage": in_stage,
        "breakdowns": breakdowns,
        "follow_ups": {"stale_days": stale, "items": follow_ups},
        "projection": project(stages, target_deals) if target_deals is not None else None,
        "proposals": proposal_summary(proposals, prospects) if proposals is not None else None,
        "thresholds": {t.name: t.value for t in FUNNEL_THRESHOLDS.values()},
        "warnings": warnings,
    }


def proposal_summary(proposals: list[dict[str, Any]], prospects: list[Prospect]) -> dict[str, Any]:
    """Proposals sent and accepted to the funnel's prospects: counts, deliverables and agreed value per
    currency, and one row per format."""
    accounts = {(p.platform, p.handle) for p in prospects}
    mine = [p for p in proposals if (p["platform"], p["handle"]) in accounts]
    formats: dict[str, dict[str, Any]] = {}
    value: dict[str, float] = {}
    for p in mine:
        row = formats.setdefault(p["deliverable"], {"deliverable": p["deliverable"], "sent": 0, "accepted": 0,
                                                     "deliverables_agreed": 0})
        row["sent"] += 1
        if p["status"] == "accepted":
            row["accepted"] += 1
            row["deliverables_agreed"] += int(p["count"])
            if p["price"] is not None:
                value[p["currency"] or "?"] = round(value.get(p["currency"] or "?", 0.0) + float(p["price"]), 2)
    sent = len(mine)
    accepted = sum(1 for p in mine if p["status"] == "accepted")
    return {"sent": sent, "accepted": accepted, "acceptance_rate": _rate(accepted, sent),
            "creators": len({(p["platform"], p["handle"]) for p in mine}),
            "agreed_value": value, "by_format": sorted(formats.values(), key=lambda r: r["deliverable"])}


class FunnelReport(Report):
    """`influkit.funnel()`'s result: `.to_dict()` is the JSON of docs/funnel.md."""

    def sections(self) -> list[str]:
        out = ["stages", "time_in_stage", *self.data["breakdowns"], "follow_ups"]
        out += ["projection"] if self.data["projection"] else []
        return out + (["proposals"] if self.data.get("proposals") else [])

    def csv_section(self) -> str:
        by = self.data["filters"]["by"]
        return str(by) if by else "stages"

    def rows(self, section: str) -> tuple[list[str], list[dict[str, Any]]]:
        return report_rows(self.data, section)

    def language(self) -> str:
        """The list's language (fr or en, from its headers; English for a workspace list without them)."""
        from .labels import sheet_language

        return sheet_language(self.table) if self.table is not None else "en"

    def chart(self, path: str, *, lang: str | None = None, title: str | None = None) -> None:
        """Draw the funnel as a PNG at `path` ('-' for stdout), in `lang` (default: the list's)."""
        from .chart import draw_funnel

        draw_funnel(self.to_dict(), path, title=title, lang=lang or self.language())


def report_rows(report: dict[str, Any], section: str = "stages") -> tuple[list[str], list[dict[str, Any]]]:
    """A flat table (columns, rows) of one section of a funnel report, for CSV and terminal output:
    `stages`, `time_in_stage`, `follow_ups`, `projection`, or a breakdown dimension (`channel`, ...)."""
    if section == "stages":
        columns = ["stage", "current", "reached", "conversion_from_previous", "conversion_from_top",
                   "lost_no_reply", "lost_declined"]
        rows = [{**{c: st[c] for c in columns[:5]}, "lost_no_reply": st["lost_here"]["no_reply"],
                 "lost_declined": st["lost_here"]["declined"]} for st in report["stages"]]
        return columns, rows
    if section == "time_in_stage":
        return ["stage", "n", "median_days", "p75_days"], list(report["time_in_stage"])
    if section == "follow_ups":
        columns = ["owner", "creator", "platform", "handle", "stage", "since", "days", "reason"]
        return columns, list(report["follow_ups"]["items"])
    if section == "projection":
        projection = report.get("projection") or {"rates": [], "needed": []}
        needed = {n["stage"]: n["needed"] for n in projection["needed"]}
        columns = ["from", "to", "rate", "successes", "sample", "trusted", "needed_at_from"]
        return columns, [{**r, "needed_at_from": needed.get(r["from"])} for r in projection["rates"]]
    if section == "proposals":
        columns = ["deliverable", "sent", "accepted", "deliverables_agreed"]
        return columns, list((report.get("proposals") or {}).get("by_format") or [])
    if section in report["breakdowns"]:
        columns = [section, "prospects", "contacted", "replied", "deals", "reply_rate", "deal_rate",
                   "small_sample"]
        return columns, [{section: r["value"], **{c: r[c] for c in columns[1:]}}
                         for r in report["breakdowns"][section]]
    raise UsageError(f"no section {section!r} in the funnel report")
