"""`influkit set`: move creators along a campaign's funnel, or note a price, a note, a published post.

Every handle is resolved before anything is written: an unknown handle (or one on several networks
without `--platform`) stops the run with nothing changed. Then, in one transaction, each account gets a
dated stage event (`on`, else today), its campaign fields and, for `post`, a published post link.

What changed comes back per account (`Change`): platform, handle, the stage before and after, and where
the account's row sits in the campaign's sheet (file, sheet row, the sheet's own header for the stage
column). That is the hook for writing the stage into the user's own workbook (`--sheet`, issue #11),
which the workbook-editing layer does in the sheet's own words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from .errors import InfluError, UsageError
from .schema import STAGES

if TYPE_CHECKING:
    from .io.parse import WordDate
    from .store import Store
    from .table import Table


@dataclass
class Change:
    platform: str
    handle: str
    creator: str | None
    previous_stage: str | None
    stage: str | None  # the stage now (unchanged when no stage was given)
    on: str | None  # the date of the stage event recorded (ISO), None when no stage was given
    price_quoted: float | None
    currency: str | None
    note: str | None
    post: str | None
    removed_post: str | None  # a post link taken back (`set --remove-post`)
    sheet_file: str | None  # the campaign list's source file, and the account's row in it
    sheet: str | None
    sheet_row: int | None
    stage_header: str | None  # the sheet's own header for the stage column ("Statut")
    # "platform:handle" of the account set that this one moved with (an account of the same person: on the
    # same row of the campaign's sheet, at the same stage); None for an account named by the caller
    moved_with: str | None = None

    def to_dict(self) -> dict[str, Any]:
        # (every field is a plain value: asdict's deep copy of each took 5 s of a 50,000-handle `set -`)
        return dict(vars(self))


def parse_targets(lines: Sequence[str], platform: str | None) -> list[tuple[str | None, str]]:
    """(platform, handle) per non-empty line (`#` starts a comment): a handle, "@handle",
    "platform:handle" or a profile link (`parse_target`)."""
    out: list[tuple[str | None, str]] = []
    for line in lines:
        text = line.split("#", 1)[0].strip()
        if text:
            out.append(parse_target(text, platform))
    return out


def parse_target(text: str, platform: str | None) -> tuple[str | None, str]:
    """(platform, handle) of the account one argument names, the way every command taking an account reads
    it (`set`, `creator`, `forget`, `history show`, `history import --handle`, `propose`): a handle,
    "@handle", "platform:handle" or a profile link (its platform, else `platform`); anything else (a
    channel id, a creator's name) as it is, with `platform`."""
    from .io.parse import ParseError, parse_platform, parse_profile

    text = text.strip()
    plat, handle = platform, text
    if "://" in text or "." in text.split("/", 1)[0] and "/" in text:
        found_platform, found_handle, _ = parse_profile(text)
        if found_handle:
            plat, handle = found_platform or platform, found_handle
    elif ":" in text:
        head, _, rest = text.partition(":")
        try:
            named = parse_platform(head)
        except ParseError:  # not a platform word: a handle with a colon
            named = None
        if named and rest.strip():
            plat, handle = named, rest.strip()
    return plat, handle.lstrip("@")


def resolve(store: Store, targets: list[tuple[str | None, str]]) -> list[Any]:
    """The stored account of each target, or an error naming every unknown or ambiguous one."""
    unknown: list[str] = []
    ambiguous: list[str] = []
    found: list[Any] = []
    seen: set[int] = set()
    stored = store.find_accounts_many(handle for _, handle in targets)
    for platform, handle in targets:
        rows = [r for r in stored[handle] if not platform or r["platform"] == platform]
        if len(rows) == 1 and int(rows[0]["id"]) in seen:
            continue  # a handle given twice (a list on stdin): one change, one note
        seen.update(int(r["id"]) for r in rows[:1])
        if not rows:
            unknown.append(f"{platform}:{handle}" if platform else handle)
        elif len(rows) > 1:
            ambiguous.append(f"{handle} ({', '.join(r['platform'] for r in rows)})")
        else:
            found.append(rows[0])
    if unknown:
        raise InfluError(f"unknown handle{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}: not in the "
                         "workspace (import it with `influkit enrich FILE`); nothing changed", file=store.location)
    if ambiguous:
        raise UsageError(f"{'; '.join(ambiguous)}: on several networks, give --platform; nothing changed")
    return found


def set_fields(store: Store, targets: list[tuple[str | None, str]], *, campaign: str | None, stage: str | None,
               on: dt.date | None, note: str | None, price: float | None, currency: str | None,
               post: str | None, warnings: list[str] | None = None, remove_post: str | None = None,
               accounts: list[Any] | None = None) -> tuple[str, list[Change]]:
    """Record the change for every target in one transaction (retried on a concurrent writer's
    conflict); returns the campaign's name and the changes. A stage moves the person: the accounts the
    campaign's saved list has on the same sheet row as a target (one row with an Instagram, a TikTok and a
    YouTube column) that stood at the target's stage get the same dated event (their `Change` comes after
    the targets', `moved_with` naming the target); an account of that row at another stage stays. A stage dated (`on`) before the account's
    latest stage event goes into its history without moving its current stage (said in `warnings`).
    `remove_post` takes a recorded post link back (a dated line in the creator's notes says so); when it
    is not recorded for every target in the campaign, an InfluError and nothing changed. `accounts`: the
    targets already resolved (`resolve`)."""
    from .clock import today

    accounts = resolve(store, targets) if accounts is None else accounts
    found = store.campaign(campaign, writable=True)
    cid = int(found["id"])
    meta = store.list_meta(cid)
    day = (on or today()).isoformat()
    mates_of = row_mates(store, cid, accounts, meta) if stage is not None else {}

    late: list[str] = []

    def work() -> list[Change]:  # (run again on a concurrent writer's conflict: `late` starts afresh)
        late.clear()
        changes: list[Change] = []
        fields: list[tuple[int, dict[str, Any]]] = []
        events: list[tuple[int, str, str | None, str, str | None]] = []
        ids = [int(a["id"]) for a in accounts]
        if remove_post is not None:
            having = store.accounts_with_campaign_post(cid, remove_post)
            lacking = [f"{a['platform']}:{a['handle']}" for a in accounts if int(a["id"]) not in having]
            if lacking:
                from .errors import InfluError

                raise InfluError(f"--remove-post {remove_post}: not a post recorded for {', '.join(lacking)} in "
                                 f"campaign {found['name']!r} (see `influkit creator HANDLE`); nothing changed",
                                 file=store.location)
        mate_ids = [int(m["id"]) for ms in mates_of.values() for m in ms]
        rows = store.campaign_accounts_of(cid, ids + mate_ids)
        # the person moves: each account named, then the accounts of its sheet row that stood at its stage
        moving: list[tuple[Any, str | None]] = [(a, None) for a in accounts]
        taken = set(ids)
        for a in accounts:
            before = (rows.get(int(a["id"])) or {}).get("stage")
            for m in mates_of.get(int(a["id"]), []):
                mid = int(m["id"])
                if mid not in taken and mid in rows and rows[mid].get("stage") == before:
                    taken.add(mid)
                    moving.append((m, f"{a['platform']}:{a['handle']}"))
        histories: dict[int, list[dict[str, Any]]] = {}
        if stage is not None:
            for event in store.stage_events(campaign_id=cid, accounts=sorted(taken)):
                histories.setdefault(int(event["account_id"]), []).append(event)
        for a, leader in moving:
            aid = int(a["id"])
            current = rows.get(aid) or {}
            values: dict[str, Any] = {}
            if stage is not None:
                history = histories.get(aid, [])
                latest = max((str(e["on_date"]) for e in history if e["on_date"]), default=None) \
                    if on is not None else None
                if latest is not None and day < latest[:10] and current.get("stage"):
                    late.append(f"{a['platform']}:{a['handle']}: {stage} on {day} is before its current stage "
                                f"{current['stage']} ({latest[:10]}): recorded in its history, the current stage stays")
                else:
                    values["stage"] = stage
                    was = current.get("stage")
                    if was in STAGES and stage in STAGES and STAGES.index(stage) < STAGES.index(was):
                        late.append(f"{a['platform']}:{a['handle']}: moved back from {was} to {stage}")
                if not any(e["stage"] == stage and str(e["on_date"] or "")[:10] == day for e in history):
                    events.append((aid, stage, day, "set", note if leader is None else None))  # (the same stage the same day: once)
            if leader is not None:  # an account moved with the person: its stage only
                fields.append((aid, values))
                changes.append(Change(
                    platform=a["platform"], handle=a["handle"], creator=a["creator"],
                    previous_stage=current.get("stage"), stage=values.get("stage") or current.get("stage"),
                    on=day, price_quoted=current.get("price_quoted"), currency=current.get("currency"), note=None,
                    post=None, removed_post=None, sheet_file=None, sheet=None, sheet_row=None, stage_header=None,
                    moved_with=leader))
                continue
            if price is not None:
                values["price_quoted"] = price
                values["currency"] = currency or current.get("currency") or found["currency"]
                usual = found["currency"] or current.get("currency")  # the campaign's, else the creator's so far
                if usual and values["currency"] and values["currency"] != usual:
                    late.append(f"{a['platform']}:{a['handle']}: price in {values['currency']} where "
                                f"{'the campaign' if found['currency'] else 'the creator'}'s is {usual}: kept in "
                                f"{values['currency']} (no conversion)")
            said = [note] if note else []
            if remove_post is not None:  # the history of the change: a dated line in the notes, as a note is
                store.remove_campaign_post(cid, aid, remove_post)
                said.append(f"post removed: {remove_post}")
            if said:
                line = f"{day}: {' ; '.join(said)}"
                values["notes"] = f"{current['notes']} | {line}" if current.get("notes") else line
            if post:
                store.add_campaign_post(cid, aid, post, "set", day if on is not None else None)  # (--on: its day)
            fields.append((aid, values))
            changes.append(Change(
                platform=a["platform"], handle=a["handle"], creator=a["creator"],
                previous_stage=current.get("stage"), stage=values.get("stage") or current.get("stage"),
                on=day if stage is not None else None, price_quoted=values.get("price_quoted", current.get("price_quoted")),
                currency=values.get("currency", current.get("currency")), note=note, post=post,
                removed_post=remove_post,
                sheet_file=None, sheet=None, sheet_row=None, stage_header=None))
        store.set_campaign_fields(cid, fields, source="set")
        store.add_stage_events(cid, events)
        store.add_provenance((int(a["id"]), "manual", "influkit set") for a, _ in moving)
        return changes

    changes = store.write(work, what="set")
    if warnings is not None:  # (inside a caller's unit of work: said once it commits, whatever its retries)
        store.on_commit(partial(warnings.extend, list(late)))
    _locate_rows(store, cid, meta, changes)
    return str(found["name"]), changes


def row_mates(store: Store, campaign_id: int, accounts: Sequence[Any],
              meta: dict[str, Any] | None = None) -> dict[int, list[Any]]:
    """Account id -> the other stored accounts the campaign's saved list has on the same sheet row (the
    same person's accounts on a wide sheet: `list_row_mates`), the accounts named left out: who may move
    with a stage `set` on one of them."""
    pairs = store.list_row_mates(campaign_id, [(str(a["platform"]), str(a["handle"])) for a in accounts], meta)
    if not pairs:
        return {}
    columns = ("id", "platform", "handle", "creator")
    by_key = {key: dict(zip(columns, row, strict=True)) for key, row in store.account_rows(
        {m for ms in pairs.values() for m in ms}, columns).items()}
    named = {int(a["id"]) for a in accounts}
    out: dict[int, list[Any]] = {}
    for a in accounts:
        found = [by_key[m] for m in pairs.get((str(a["platform"]), str(a["handle"])), []) if m in by_key]
        found = [r for r in found if int(r["id"]) not in named]
        if found:
            out[int(a["id"])] = found
    return out


def _locate_rows(store: Store, campaign_id: int, meta: dict[str, Any], changes: list[Change]) -> None:
    """Fill each change's place in the campaign's sheet (file, sheet, row, stage header)."""
    if not meta or not changes:
        return
    wanted = {(c.platform, c.handle): c for c in changes}
    rows = meta.get("source_rows") or []
    for position, row in store.list_rows(campaign_id, list(meta.get("columns") or []),
                                         handles={h for _, h in wanted}):
        change = wanted.get((str(row.get("platform") or ""), str(row.get("handle") or "")))
        if change is not None and change.sheet_row is None:
            change.sheet_file = meta.get("source")
            change.sheet = meta.get("sheet")
            change.sheet_row = rows[position] if position < len(rows) else None
            change.stage_header = (meta.get("mapped") or {}).get("stage")


_NUMBER = re.compile(r"\d[\d\s\u00a0\u202f.,']*\d|\d")
_DAY_FIRST_OR_MONTH_FIRST = re.compile(r"^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})\s*$")
_YEAR_FIRST = re.compile(r"^\s*(\d{4})([/.-])(\d{1,2})\2(\d{1,2})\s*$")
DATE_COLUMNS = ("contacted_on", "replied_on", "deal_on", "published_on")


@dataclass(frozen=True)
class DateStyle:
    """How a sheet writes its dates as text: "03/15/2026" is mdy, "/", both parts padded, 4-digit year."""

    order: str  # "dmy", "mdy" or "ymd"
    sep: str
    pad: tuple[bool, bool]  # the day/month parts (in the order written) with a leading zero
    year_digits: int  # 2 or 4

    def write(self, day: dt.date) -> str:
        if self.order == "ymd":
            parts = [day.month, day.day]
        else:
            parts = [day.month, day.day] if self.order == "mdy" else [day.day, day.month]
        a, b = (f"{n:02d}" if padded else str(n) for n, padded in zip(parts, self.pad, strict=True))
        year = f"{day.year:04d}" if self.year_digits == 4 else f"{day.year % 100:02d}"
        return self.sep.join([year, a, b] if self.order == "ymd" else [a, b, year])

    def number_format(self) -> str:
        """The xlsx number format that shows a date cell this way ("dd/mm/yyyy", "m/d/yy", "yyyy-mm-dd")."""
        codes = ("dd", "mm") if self.order == "dmy" else ("mm", "dd")  # the two parts, in the order written
        a, b = (code if padded else code[0] for code, padded in zip(codes, self.pad, strict=True))
        year = "yyyy" if self.year_digits == 4 else "yy"
        return self.sep.join([year, a, b] if self.order == "ymd" else [a, b, year])


FRENCH_DATES = DateStyle("dmy", "/", (True, True), 4)  # 01/12/2026: a French sheet with no text date


def date_style(table: Table, column: str, row: int) -> DateStyle | WordDate | None:
    """The pattern of the text dates of the user's column behind `column` (order, separator, zero
    padding, year digits), learnt from its cells (the row's own first); None when it holds none."""
    samples = _raw_texts(table, column, row)
    parsed = table.get(column)
    found: list[tuple[str, str, str, str]] = []  # first, sep, second, year (in the order written)
    order: str | None = None
    for text, at in samples.items():
        ymd = _YEAR_FIRST.match(text)
        if ymd:
            year, sep, first, second = ymd.groups()
            found.append((first, sep, second, year))
            order = order or "ymd"
            continue
        m = _DAY_FIRST_OR_MONTH_FIRST.match(text)
        if m is None:
            continue
        first, sep, second, year = m.groups()
        found.append((first, sep, second, year))
        value = parsed[at] if at is not None else None
        if order is None and isinstance(value, dt.date) and first != second:
            if (int(first), int(second)) == (value.month, value.day):
                order = "mdy"
            elif (int(first), int(second)) == (value.day, value.month):
                order = "dmy"
    if not found:
        return _word_date_style(table, samples, parsed)
    if order is None:  # no cell tells: the order the reader took for the column
        month_first = (table.meta.get("date_orders") or {}).get(table.mapped.get(column)) == "month first"
        order = "mdy" if month_first else "dmy"

    def padded(i: int) -> bool | None:  # "03" pads, "3" does not, "15" tells nothing
        parts = [f[0] if i == 0 else f[2] for f in found]
        if any(len(p) == 2 and p.startswith("0") for p in parts):
            return True
        return False if any(len(p) == 1 for p in parts) else None

    a, b = padded(0), padded(1)  # a part that tells nothing is written like the other ("3/25/2026": 4/2/2026)
    pad = (a if a is not None else b if b is not None else True, b if b is not None else a if a is not None else True)
    first = found[0]
    return DateStyle(order, first[1], pad, len(first[3]))


def _word_date_style(table: Table, samples: dict[str, int | None], parsed: list[Any]) -> WordDate | None:
    """The way the column writes dates with their month in words ("3 févr. 2026", "Mar 3, 2026"), learnt
    from its first such cell; whether the month is written in full from the first cell that tells ("mars"
    and "mai" are both forms)."""
    from .io.parse import word_date_like
    from .labels import sheet_language

    lang = sheet_language(table)
    styles = [style for text, at in samples.items()
              if (style := word_date_like(text, parsed[at] if at is not None and isinstance(parsed[at], dt.date)
                                          else None, lang)) is not None]
    if not styles:
        return None
    first = styles[0]
    told = next((s.full for s in styles if s.full is not None and s.lang == first.lang), None)
    if first.full is None and told is not None:
        first.full = told
    return first


def sheet_date_style(table: Table, row: int, lang: str | None = None) -> DateStyle | WordDate | None:
    """How the sheet writes dates as text: its stage-date columns' pattern, else (French sheet, or
    `lang` "fr") dd/mm/yyyy, else None (ISO)."""
    from .labels import sheet_language

    for column in DATE_COLUMNS:
        if column in table.mapped:
            style = date_style(table, column, row)
            if style is not None:
                return style
    return FRENCH_DATES if sheet_language(table, lang) == "fr" else None


def styled_like_column(table: Table, column: str, row: int, value: Any, currency: str | None = None) -> Any:
    """`value` written the way the sheet writes that column, judged from the text cells of the column (the
    row's own first, else other rows'): a price into "1 200 € HT" keeps the sign, spacing and HT
    ("1 000 € HT"), a shape only followed in its own currency (£300 in a column of "$300/post" and
    "1,500 USD" cells is written "£300", the report's way); a date into a column of "03/15/2026" keeps the order, the slashes, the zero padding
    and the four-digit year ("12/01/2026"); a date column a CSV does not have yet, the way its other date
    columns are written (dd/mm/yyyy in a French sheet). A column of numbers or date cells (or an
    xlsx's new column) gets the value as it is."""
    if isinstance(value, dt.date):
        style = date_style(table, column, row)
        if style is None and column not in table.mapped and _text_file(table):
            style = sheet_date_style(table, row)  # a new date column of a CSV: the sheet's other dates' way
        return style.write(value) if style is not None else value
    samples = _raw_texts(table, column, row)
    if not isinstance(value, int | float) or not samples:
        return value
    from .io.parse import detect_currency

    for text in samples:
        # a cell's shape is only followed in its own currency: "$300/post" never makes £300 "$300/post"
        if len(_NUMBER.findall(text)) == 1 and currency in (None, detect_currency(text)):
            token = _NUMBER.search(text)
            assert token is not None
            return text[:token.start()] + _number_like(token.group(0), float(value)) + text[token.end():]
    if currency is None:
        return value
    from .campaign.report_text import money
    from .labels import sheet_language

    return money(float(value), currency, sheet_language(table))  # a column of prices in text: in words, with its currency


def _text_file(table: Table) -> bool:
    """Whether the table was read from a text file (CSV, TSV), where a date is written as text."""
    return str(table.source).lower().endswith((".csv", ".tsv", ".txt"))


def note_like_column(table: Table, row: int, day: dt.date, note: str, lang: str | None = None) -> str:
    """The notes cell of `row` with a dated note added the sheet's way: after the cell's text, on a new
    line when the cell (or the column) writes its notes on several lines, else after the language's
    separator (`labels.semicolon`: " ; " in a French sheet, "; " in an English one); the date as
    the sheet writes dates (`sheet_date_style`: "01/12/2026 : ok pour 2 vidéos" in a French sheet,
    "2026-12-01: ok" in an English sheet without text dates)."""
    from .labels import colon, semicolon, sheet_language

    language = sheet_language(table, lang)
    style = sheet_date_style(table, row, lang)
    entry = f"{style.write(day) if style else day.isoformat()}{colon(language)} {note}"
    current = table.get("notes")[row]
    text = str(current) if current not in (None, "") else ""
    if not text:
        return entry
    lines = "\n" in text or any("\n" in str(v) for v in table.get("notes") if isinstance(v, str))
    return text.rstrip("\n") + ("\n" if lines else semicolon(language)) + entry


def _raw_texts(table: Table, column: str, row: int, limit: int = 20) -> dict[str, int | None]:
    """Text cells of the user's column behind `column`, as written (the row's own first), each with the
    table row it belongs to (None when that sheet row is not in the table)."""
    from .io.read import read_sheets

    header = table.mapped.get(column)
    if not header or not table.source or table.source == "<stdin>":
        return {}
    sheets = table.get("sheet") if "sheet" in table.data else [table.sheet] * len(table)
    where = {(sheets[k], table.source_rows[k]): k for k in range(len(table))}
    out: dict[str, int | None] = {}
    raws = read_sheets(table.source, sheet="all" if "sheet" in table.data else table.sheet)
    raws.sort(key=lambda raw: raw.sheet != sheets[row])  # the row's own tab first (its own cell, then its column)
    for raw in raws:
        c = _tab_column(table, raw.sheet, column, raw.headers)
        if c is None:
            continue
        cells = list(zip(raw.row_numbers, raw.rows, strict=True))
        mine = [x for x in cells if (raw.sheet, x[0]) == (sheets[row], table.source_rows[row])]
        for _, cells_of_row in mine:
            own = cells_of_row[c] if c < len(cells_of_row) else None
            if own is not None and not isinstance(own, str):
                return {}  # the row's own cell is a number or a date cell: its value is written as one
        for number, cells_of_row in mine + cells:
            text = cells_of_row[c] if c < len(cells_of_row) else None
            if isinstance(text, str) and text.strip() and text not in out:
                out[text] = where.get((raw.sheet, number))
                if len(out) >= limit:
                    return out
    return out


def _tab_column(table: Table, sheet: str | None, column: str, headers: list[str]) -> int | None:
    """The index of the user's column read as `column` in one tab of the table (tabs read together
    name it each their own way: "Tarif" on one, "Cachet" on another, `table.mapped` joins them as
    "Tarif | Cachet"); None when the tab has none."""
    from .io.inplace import tab_columns

    own = tab_columns(table, sheet, column)
    if own is not None:
        return next((headers.index(h) for h, _ in own if h in headers), None)
    header = table.mapped.get(column)
    return headers.index(header) if header in headers else None


def _number_like(token: str, amount: float) -> str:
    """`amount` written with the thousands separator and decimal mark of `token` ("1 200,50")."""
    body = token.strip()
    decimal = "," if re.search(r",\d{1,2}$", body) else "." if re.search(r"\.\d{1,2}$", body) else None
    group = next((ch for ch in body if ch in " \u00a0\u202f.,'" and ch != decimal), None)
    whole, cents = divmod(round(amount * 100), 100)
    digits = f"{whole:,}".replace(",", group) if group else str(whole)
    if decimal or cents:
        digits += (decimal or ",") + f"{cents:02d}"
    return digits
