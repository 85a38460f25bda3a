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
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from .errors import InfluError, UsageError

if TYPE_CHECKING:
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
    sheet_file: str | None  # the campaign list's source file, and the account's row in it
    sheet: str | None
    sheet_row: int | None
    stage_header: str | None  # the sheet's own header for the stage column ("Statut")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def parse_targets(lines: Sequence[str], platform: str | None) -> list[tuple[str | None, str]]:
    """(platform, handle) per non-empty line (`#` starts a comment): a handle, "@handle",
    "platform:handle" or a profile link."""
    from .io.parse import ParseError, parse_platform, parse_profile

    out: list[tuple[str | None, str]] = []
    for line in lines:
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
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
        out.append((plat, handle.lstrip("@")))
    return out


def resolve(store: Store, targets: list[tuple[str | None, str]]) -> list[Any]:
    """The stored account of each target, or an error naming every unknown or ambiguous one."""
    unknown: list[str] = []
    ambiguous: list[str] = []
    found: list[Any] = []
    for platform, handle in targets:
        rows = store.find_accounts(handle, platform)
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
               post: str | None) -> tuple[str, list[Change]]:
    """Record the change for every target in one transaction (retried on a concurrent writer's
    conflict); returns the campaign's name and the changes."""
    from .clock import today

    accounts = resolve(store, targets)
    found = store.campaign(campaign, writable=True)
    cid = int(found["id"])
    meta = store.list_meta(cid)
    day = (on or today()).isoformat()

    def work() -> list[Change]:
        changes: list[Change] = []
        fields: list[tuple[int, dict[str, Any]]] = []
        events: list[tuple[int, str, str | None, str, str | None]] = []
        for a in accounts:
            aid = int(a["id"])
            current = store.campaign_account(cid, aid) or {}
            values: dict[str, Any] = {}
            if stage is not None:
                values["stage"] = stage
                events.append((aid, stage, day, "set", note))
            if price is not None:
                values["price_quoted"] = price
                values["currency"] = currency or current.get("currency") or found["currency"]
            if note:
                values["notes"] = f"{current['notes']} | {day}: {note}" if current.get("notes") else f"{day}: {note}"
            if post:
                store.add_campaign_post(cid, aid, post, "set")
            fields.append((aid, values))
            changes.append(Change(
                platform=a["platform"], handle=a["handle"], creator=a["creator"],
                previous_stage=current.get("stage"), stage=stage or current.get("stage"),
                on=day if stage is not None else None, price_quoted=values.get("price_quoted", current.get("price_quoted")),
                currency=values.get("currency", current.get("currency")), note=note, post=post,
                sheet_file=None, sheet=None, sheet_row=None, stage_header=None))
        store.set_campaign_fields(cid, fields, source="set")
        store.add_stage_events(cid, events)
        store.add_provenance((int(a["id"]), "manual", "influkit set") for a in accounts)
        return changes

    changes = store.write(work, what="set")
    _locate_rows(store, cid, meta, changes)
    return str(found["name"]), changes


def _locate_rows(store: Store, campaign_id: int, meta: dict[str, Any], changes: list[Change]) -> None:
    """Fill each change's place in the campaign's sheet (file, sheet, row, stage header)."""
    from .store.lists import decode_row

    if not meta or not changes:
        return
    wanted = {(c.platform, c.handle): c for c in changes}
    rows = meta.get("source_rows") or []
    for position, (text,) in enumerate(store.rows(
            "SELECT row FROM list_rows WHERE campaign_id=? ORDER BY position", (campaign_id,))):
        if not any(f'"{h}"' in text for _, h in wanted):
            continue
        row = decode_row(text, list(meta.get("columns") or []))
        change = wanted.get((str(row.get("platform") or ""), str(row.get("handle") or "")))
        if change is not None and change.sheet_row is None:
            change.sheet_file = meta.get("source")
            change.sheet = meta.get("sheet")
            change.sheet_row = rows[position] if position < len(rows) else None
            change.stage_header = (meta.get("mapped") or {}).get("stage")


_NUMBER = re.compile(r"\d[\d\s\u00a0\u202f.,']*\d|\d")
_SLASH_DATE = re.compile(r"^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})\s*$")


def styled_like_column(table: Table, column: str, row: int, value: Any, currency: str | None = None) -> Any:
    """`value` written the way the sheet writes that column, judged from a text cell of the column (the
    row's own first, else another row's): a price into "1 200 € HT" keeps the sign, spacing and HT
    ("1 000 € HT"); a date into a column of "3/25/2026" keeps the order and the slashes. A column of
    numbers or date cells (or none yet) gets the value as it is."""
    samples = _raw_texts(table, column, row)
    for text in samples:
        if isinstance(value, dt.date):
            found = _SLASH_DATE.match(text)
            at = samples[text]
            parsed = table.get(column)[at] if at is not None else None
            if found and isinstance(parsed, dt.date):
                first, sep, second, year = found.groups()
                month_first = int(first) == parsed.month and int(second) == parsed.day
                a, b = (value.month, value.day) if month_first else (value.day, value.month)
                y = value.year if len(year) == 4 else value.year % 100
                return f"{a}{sep}{b}{sep}{y:0{len(year)}d}"
        elif isinstance(value, int | float) and len(_NUMBER.findall(text)) == 1:
            token = _NUMBER.search(text)
            assert token is not None
            return text[:token.start()] + _number_like(token.group(0), float(value)) + text[token.end():]
    return value


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
    for raw in read_sheets(table.source, sheet="all" if "sheet" in table.data else table.sheet):
        if header not in raw.headers:
            continue
        c = raw.headers.index(header)
        cells = list(zip(raw.row_numbers, raw.rows, strict=True))
        mine = [x for x in cells if (raw.sheet, x[0]) == (sheets[row], table.source_rows[row])]
        for number, cells_of_row in mine + cells:
            text = cells_of_row[c] if c < len(cells_of_row) else None
            if isinstance(text, str) and text.strip() and text not in out:
                out[text] = where.get((raw.sheet, number))
                if len(out) >= limit:
                    return out
    return out


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
