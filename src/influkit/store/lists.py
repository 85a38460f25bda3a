"""A campaign's list (the last table enriched, scored or linked in it, so commands work without a
FILE) and one import: accounts, snapshots, provenance, campaign fields and stage events in one go."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter
from typing import Any, cast

import orjson

from .. import progress
from ..clock import today, utcnow
from ..errors import InfluError, NoListError
from ..heap import paused as gc_paused
from ..io.parse.profiles import handle_not_allowed
from ..schema import STAGES, stage_rank
from ..table import Table, jsonable
from ..thresholds.funnel import MAX_ROWS_NAMED
from ..thresholds.store import setting
from .campaigns import MANUAL_SOURCES, CampaignsRepo
from .facts import CACHE_CHUNK, SNAPSHOT_FIELDS, FactsRepo
from .privacy import PrivacyRepo

# the date column that dates reaching a stage, when the sheet has one
STAGE_DATE_COLUMNS = {"contacted": "contacted_on", "replied": "replied_on", "deal": "deal_on",
                      "published": "published_on"}
# per-campaign columns a sheet row brings (stage handled apart: it makes events)
SHEET_CAMPAIGN_FIELDS = ("price_quoted", "currency", "promo_code", "tracked_url", "owner", "notes")
# what `load_list` lays over a saved list row from the campaign's current fields (a later `set`)
OVERLAY_FIELDS = ("stage", "price_quoted", "currency", "promo_code", "tracked_url", "owner", "notes")
# a campaign account as `load_list` reads it (a tuple), its overlay fields from _MEMBER_OVERLAY on
_MEMBER_FIELDS = ("account_id", "source", *OVERLAY_FIELDS)
_MEMBER_OVERLAY = _MEMBER_FIELDS.index(OVERLAY_FIELDS[0])
_MEMBER_UNIQUE = frozenset({"price_quoted", "promo_code", "tracked_url"})  # (the others: a few values, shared)
# what `load_list` reads whatever its caller reads: the rows' keys and what the overlay compares
_OVERLAID = frozenset({"platform", "handle", "price_quoted", "stage"})
# rows of a saved list stored together, as one JSON array of rows (a `list_chunks` row): a 100k-row
# list is 100 statements and 100 texts to encode, not 100,000
LIST_CHUNK = 1000
# the list_meta key of what the last import of a sheet said of the accounts changed by hand since
# ({account id: {stage, SHEET_CAMPAIGN_FIELDS}}), when the saved list's rows no longer say it: a list saved
# by `score` or `links` (its rows carry the hand's values), or an import of another file without them
SAID_KEY = "sheet_said"
# {account id: {"stage": ..., SHEET_CAMPAIGN_FIELDS: ...}}: what an import said of accounts changed by hand
Said = dict[int, dict[str, Any]]


def _json_default(value: Any) -> Any:
    converted = jsonable(value)
    return str(value) if converted is value else converted


# the standard encoder as `column_json` uses it (C: no Python call per value but for dates and objects)
_STANDARD = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_json_default).encode


def column_json(values: list[Any]) -> str:
    """One column of a list's chunk as a JSON array (`_column_json`)."""
    return _column_json(values)[0]


def _column_json(values: list[Any]) -> tuple[str, bool]:
    """One column of a list's chunk as a JSON array, and whether only the standard decoder reads it back
    exactly (an integer beyond 64 bits, which orjson reads as a float). orjson when the column's texts are
    all ASCII; else the standard encoder, because orjson leaves the UTF-8 form of each non-ASCII text it
    encodes in the text itself for as long as it lives (the table's cells: 120 MB more for a 500k-row
    list), and copying those texts first cost a Python call each. Datetimes and other objects as ISO text
    or strings; NaN and infinities as null (JSON has no such number; orjson's way, and the list's before)."""
    types = set(map(type, values))
    if not types <= _PLAIN:
        values = [v if type(v) in _PLAIN else _json_default(v) for v in values]
        types = set(map(type, values))
    if str in types:
        texts = filter(None, values) if types <= _TEXTS else (v for v in values if type(v) is str)
        if not "".join(texts).isascii():
            return _standard(values, types), int in types and any(
                type(v) is int and not _I64 <= v < _U64 for v in values)
    try:
        return orjson.dumps(values, default=_json_default).decode(), False
    except (TypeError, orjson.JSONEncodeError):  # an integer beyond 64 bits
        return _standard(values, types), True


_I64, _U64 = -(2 ** 63), 2 ** 64  # the integers orjson writes and reads as integers


def _standard(values: list[Any], types: set[type]) -> str:
    """`column_json` by the standard encoder, NaN and infinities as null, as orjson writes them."""
    if float in types:
        values = [None if type(v) is float and not math.isfinite(v) else v for v in values]
    return _STANDARD(values)


# how a chunk that only the standard decoder reads exactly begins (see `_column_json`)
_EXACT = '{"exact":1,'


def chunk_json(columns: list[list[Any]], rows: int) -> str:
    """The text of one `list_chunks` row: `{"rows": N, "by_column": [...]}`, each of the list's columns
    (list_meta's order) a JSON array of its N values (`column_json`); `{"exact": 1, ...}` first when a
    column holds an integer beyond 64 bits. Chunks saved before schema v6 are JSON arrays of rows and
    still read (`decode_chunk`). By column, the values need no regrouping into rows and each column takes
    its own encoder: a 100k-row list encoded in about half the time."""
    parts = [_column_json(v) for v in columns]
    return _chunk_text("[" + ",".join(text for text, _ in parts) + "]", rows, any(exact for _, exact in parts))


def _chunk_text(by_column: str, rows: int, exact: bool) -> str:
    """A chunk's text around its columns' JSON array (the one place its format is written)."""
    return f'{_EXACT if exact else "{"}"rows":{int(rows)},"by_column":{by_column}}}'


def _rewritten_chunk(rows: list[Any]) -> str:
    """A chunk of rows read back with the standard decoder, written again exactly as they were read (the
    standard encoder: every integer, NaN, text as is): by column, `{"exact": 1, ...}` (read back by the
    standard decoder); as a JSON array of rows when one of them is a JSON object (lists saved before
    chunks)."""
    dump = partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
    if any(isinstance(row, dict) for row in rows):
        return dump(rows)
    width = max(map(len, rows), default=0)
    by_column = [list(column) for column in zip(*(list(row) + [None] * (width - len(row)) for row in rows),
                                                strict=True)]
    return _chunk_text(dump(by_column), len(rows), True)


def _chunk_values(value: Any) -> list[Any]:
    """A decoded chunk's rows: each a JSON array in the list's columns order (a tuple from a chunk by
    column), or a JSON object (lists saved before chunks)."""
    if isinstance(value, dict) and "by_column" in value:
        by_column = value["by_column"]
        return list(zip(*by_column, strict=True)) if by_column else [()] * int(value.get("rows") or 0)
    return list(value)


def _chunk_size(value: Any) -> int:
    """How many rows a decoded chunk holds."""
    if isinstance(value, dict) and "by_column" in value:
        return int(value.get("rows") or 0) if not value["by_column"] else len(value["by_column"][0])
    return len(value)


def _key_text(value: Any) -> str:
    """A list cell as a part of an account's key (an empty cell: "", which no account has)."""
    return str(value or "")


def _shared_values(values: list[Any], memos: dict[str, dict[Any, Any] | None], column: str, most: int) -> list[Any]:
    """A decoded column of a chunk with each value repeated down the column one object (a decoder makes a
    new one per cell: "instagram", a tier, a method's sentence 500k times took a third of a loaded list's
    memory). A column of texts, or of whole numbers (`_SHAREABLE`); `memos[column]` kept from chunk to
    chunk, and given up (None) once it holds `most` (the `list_shared_values` setting) (handles, links: each its own)."""
    memo = memos.get(column, {})
    if memo is None:
        return values
    types = set(map(type, values))
    if not any(types <= kinds for kinds in _SHAREABLE):
        return values
    shared = list(map(memo.setdefault, values, values))
    memos[column] = memo if len(memo) < most else None
    return shared


# a column `_shared_values` shares the values of: texts, or whole numbers (never floats beside them: 1 == 1.0,
# nor -0.0 beside 0.0; never booleans: True == 1)
_SHAREABLE = (frozenset({type(None), str}), frozenset({type(None), int}))


def _loads(text: str) -> Any:
    if text.startswith(_EXACT):
        return json.loads(text)
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:  # NaN or Infinity written by the standard encoder
        return json.loads(text)


def _as_row(value: Any, columns: list[str]) -> dict[str, Any]:
    """A saved row's JSON value as a dict without its empty cells: a JSON array in the order of the
    list's `columns` (list_meta); lists saved before were JSON objects and still read."""
    if isinstance(value, list | tuple):
        return {c: v for c, v in zip(columns, value, strict=False) if v is not None}
    return dict(value)


def decode_row(text: str, columns: list[str]) -> dict[str, Any]:
    """One saved list row (its JSON text) as a dict without its empty cells."""
    return _as_row(_loads(text), columns)


def decode_chunk(text: str, columns: list[str]) -> list[dict[str, Any]]:
    """The rows of one `list_chunks` text (`chunk_json`, or a JSON array of rows as saved before), each
    as `decode_row` reads it."""
    return [_as_row(value, columns) for value in _chunk_values(_loads(text))]


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _plain_needles(handles: Iterable[str]) -> list[str] | None:
    """What a chunk's text holds when one of its rows has one of these handles: `"handle"`, written as
    is by both encoders when the handle is plain printable ASCII without a quote or a backslash; None
    when one is not, or could be a number's text (every chunk must then be decoded)."""
    needles = []
    for h in handles:
        if not (h.isascii() and h.isprintable() and '"' not in h and "\\" not in h) or _numeric(h):
            return None
        needles.append(f'"{h}"')
    return needles


# what the encoders write as is (orjson and `_json_default` both write a date as its ISO text)
_PLAIN = frozenset({type(None), str, int, float, bool, dt.date})


_TEXTS = frozenset({type(None), str})


def bindable(value: Any) -> Any:
    """`value` to bind to a statement: a text that is not plain ASCII as a copy (the database drivers,
    as orjson, leave the UTF-8 form of a text they are given in the text itself, for as long as it
    lives: a list's cells would keep it)."""
    if type(value) is str and not value.isascii():
        return "".join((value, ""))
    return value


def _same(saved: Any, value: Any) -> bool:
    """Whether a sheet value equals what the saved list held (JSON: dates as ISO text, numbers)."""
    if isinstance(value, dt.date):
        value = value.isoformat()
    if isinstance(saved, int | float) and isinstance(value, int | float):
        return float(saved) == float(value)
    return bool(saved == value)


def sheet_source(table: Table) -> str:
    """How a sheet is named as a source: its file name (`<stdin>` when piped)."""
    return os.path.basename(table.source) if table.source else "<unnamed>"


class ListsRepo(CampaignsRepo, FactsRepo, PrivacyRepo):
    # ------------------------------------------------------------------------------ the list

    def save_list(self, table: Table, meta: dict[str, Any] | None = None, *, campaign_id: int | None = None,
                  imported: bool = False, said: Said | None = None) -> None:
        """Replace the campaign's list (the default campaign's when None) with this table (rows in order,
        all columns; empty cells are left out of each row's JSON and read back as empty). `imported`: the
        table is a sheet just imported (`record_import`), whose rows say what the sheet said; any other
        list (scored, linked: its rows carry the campaign's current fields) leaves what the last import
        said of the accounts changed by hand as it was (SAID_KEY), for the next import to compare with.
        `said`: that, as `record_import(said=...)` read it in the same transaction (`_fields_said`), so
        the saved list is not decoded a second time (a 100k-row list with 50k accounts changed by hand:
        3-4 s); None reads it here."""
        if campaign_id is None:
            campaign_id = int(self.campaign(writable=True)["id"])
        columns = table.columns
        # LIST_CHUNK rows to a stored chunk, by column in the order of `columns` (chunk_json); the chunks
        # are made as they are written, so a 500k-row list is never held whole as text
        values = [table.get(c) for c in columns]
        n = len(table)

        def chunk(start: int) -> tuple[int, int, int, str]:
            end = min(n, start + LIST_CHUNK)
            return campaign_id, start, end - start, chunk_json([v[start:end] for v in values], end - start)

        chunks = map(chunk, progress.each("workspace: list", range(0, n, LIST_CHUNK), n,
                                          size=lambda start: min(LIST_CHUNK, n - start)))
        info = {
            "source": table.source, "sheet": table.sheet, "columns": columns,
            "extra_columns": table.extra_columns, "mapped": table.mapped,
            "source_rows": table.source_rows, "saved_at": utcnow(),
            "number_formats": table.meta.get("number_formats") or {},
            "cell_formats": table.meta.get("cell_formats") or {}, **(meta or {}),
        }
        with self.transaction():
            # (read before the rows go)
            said = self._said_kept(campaign_id, table if imported else None, said)
            self.conn.execute("DELETE FROM list_chunks WHERE campaign_id=?", (campaign_id,))
            self.conn.insert_many("list_chunks", ("campaign_id", "first_position", "row_count", "rows"), chunks)
            self.conn.executemany(
                """INSERT INTO list_meta(campaign_id, key, value) VALUES (?,?,?)
                   ON CONFLICT(campaign_id, key) DO UPDATE SET value=excluded.value""",
                sorted((campaign_id, k, json.dumps(v, ensure_ascii=False, default=str)) for k, v in info.items()))
            self._write_said(campaign_id, said)

    def _said_kept(self, campaign_id: int, imported: Table | None, read: Said | None = None) -> Said:
        """What the last import said of the campaign's accounts changed by hand, to keep beside a list
        about to replace the saved one (SAID_KEY): all of them when the new list is no import (its rows
        carry the hand's values); with `imported` (a sheet), the ones the sheet does not have (its rows
        say what it said of the others). `read`: `_fields_said` of them, read already (`save_list`'s
        `said`): the sheet's import leaves the accounts it does not have as they were."""
        if read is None:
            manual = self._hand_accounts(campaign_id)
            said = self._fields_said(campaign_id, manual) if manual else {}
        else:
            said = dict(read)
        if said and imported is not None:
            keys = set(zip(imported.get("platform"), imported.get("handle"), strict=True))
            for platform, handle, account in self.in_chunks(
                    "SELECT platform, handle, id FROM accounts WHERE id IN ({marks})", sorted(said)):
                if (platform, handle) in keys:
                    said.pop(int(account), None)
        return said

    def _write_said(self, campaign_id: int, said: dict[int, dict[str, Any]]) -> None:
        if said:
            self.conn.execute(
                """INSERT INTO list_meta(campaign_id, key, value) VALUES (?,?,?)
                   ON CONFLICT(campaign_id, key) DO UPDATE SET value=excluded.value""",
                (campaign_id, SAID_KEY, json.dumps({str(a): v for a, v in sorted(said.items())}, ensure_ascii=False,
                                                   default=str)))
        else:
            self.conn.execute("DELETE FROM list_meta WHERE campaign_id=? AND key=?", (campaign_id, SAID_KEY))

    def _said_memory(self, campaign_id: int) -> dict[int, dict[str, Any]]:
        row = self.one("SELECT value FROM list_meta WHERE campaign_id=? AND key=?", (campaign_id, SAID_KEY))
        return {} if row is None else {int(a): dict(v) for a, v in json.loads(row[0]).items()}

    def list_meta(self, campaign_id: int | None = None) -> dict[str, Any]:
        if campaign_id is None:
            campaign_id = int(self.campaign()["id"])
        return {r["key"]: json.loads(r["value"])
                for r in self.rows("SELECT key, value FROM list_meta WHERE campaign_id=? AND key<>?",
                                   (campaign_id, SAID_KEY))}

    def load_list(self, campaign_id: int | None = None, *, every_account: bool = False,
                  replaced: Collection[str] = (), reads: Callable[[str], bool] | None = None) -> Table:
        """The campaign's list as a Table, with the campaign's current per-account fields (a stage set
        since, a price...) laid over the saved rows, and the campaign's accounts that are not in the
        saved list appended (source row 0, with their latest numbers): the ones added or changed by hand
        (`set`, `propose`), or with `every_account` all of them (the campaign's pipeline, as `funnel`
        reports it: the accounts of an earlier sheet the last one left out). `table.meta
        ["accounts_not_in_list"]` says how many were appended. `replaced`: columns the caller makes again
        whole (a list scored again: its reasons, 280 MB at 500k rows), kept in their place but left empty
        rather than decoded; so are the columns `reads` says no to (a caller that reads a few: the funnel),
        except the rows' platform and handle, price and stage (`_OVERLAID`)."""
        from ..schema import BY_NAME

        campaign = self.campaign() if campaign_id is None else self.campaign_by_id(campaign_id)
        cid = int(campaign["id"])
        meta = self.list_meta(cid)
        if not meta and self.one("SELECT 1 FROM campaign_accounts WHERE campaign_id=? LIMIT 1", (cid,)) is None:
            raise NoListError(f"campaign {campaign['name']!r} has no list yet: run `influkit enrich FILE"
                             f"{'' if campaign['is_default'] else ' --campaign ' + campaign['name']}` first",
                             file=self.location)
        columns: list[str] = list(meta.get("columns") or [])
        if reads is not None:  # (what the overlay below compares is always read)
            replaced = {*replaced, *(c for c in columns if not reads(c) and c not in _OVERLAID)}
        # the saved rows column by column, as stored: no dict per row (a 300k-row list's rows as dicts took
        # 1.5-2.5 GB, measured); an overlay field the list lacks gets a column of its own (`side`)
        data, side, n = self.list_columns(cid, columns, skip=replaced)
        source_rows = list(meta.get("source_rows") or range(2, n + 2))

        def column(f: str) -> list[Any]:
            found = data.get(f)
            if found is None:
                found = side.get(f)
                if found is None:
                    found = side[f] = [None] * n
            return found

        # the list's rows by key (an account on several rows: its others in `more`)
        index: dict[tuple[str, str], int] = {}
        more: dict[tuple[str, str], list[int]] = {}
        for k, key in enumerate(zip(map(_key_text, column("platform")), map(_key_text, column("handle")),
                                    strict=True)):
            if index.setdefault(key, k) != k:
                more.setdefault(key, []).append(k)
        quoted, stage = column("price_quoted"), column("stage")
        # (a stage, a currency, an owner, a note: one text for all the rows that have it)
        overlay = [(at, column(f), f not in _MEMBER_UNIQUE) for at, f in enumerate(OVERLAY_FIELDS, _MEMBER_OVERLAY)]
        shared: dict[Any, Any] = {}
        keep = shared.setdefault
        at_quoted, at_stage = _MEMBER_FIELDS.index("price_quoted"), _MEMBER_FIELDS.index("stage")
        at_source = _MEMBER_FIELDS.index("source")
        # the campaign's accounts as they are read (never all held: 370 MB at 500k as a dict), each a tuple
        # (_MEMBER_FIELDS), laid over its rows; the ones the list lacks kept for below (`extra`)
        extra = []
        for r in self.conn.each_tuple(
                f"""SELECT a.id, a.platform, a.handle, ca.source, {', '.join('ca.' + f for f in OVERLAY_FIELDS)}
                    FROM campaign_accounts ca JOIN accounts a ON a.id=ca.account_id WHERE ca.campaign_id=?
                    ORDER BY ca.account_id""", (cid,)):
            current = (r[0], *r[3:])
            first = index.get((r[1], r[2]))
            if first is None:
                if every_account or str(current[at_source] or "").split(" ")[0] in MANUAL_SOURCES:
                    extra.append(current)
                continue
            for k in (first, *more.get((r[1], r[2]), ())):
                if current[at_quoted] is not None and current[at_quoted] != quoted[k]:
                    column("price_quoted_high")[k] = None  # a price set since (`set --price 450 €`): no range
                if current[at_stage] is not None and current[at_stage] != stage[k]:
                    column("stage_said")[k] = None  # a stage set since: the team's former word no longer says it
                for at, values, repeated in overlay:
                    value = current[at]
                    if value is not None:
                        values[k] = keep(value, value) if repeated else value
        del index, more, shared
        # the accounts' latest known numbers (followers, engagement rate...) from any earlier run, read
        # together (`latest_numbers_of`, the one way to them)
        latest = self.latest_numbers_of([int(m[0]) for m in extra]) if extra else {}
        # (their names and links read for them alone)
        named = {int(r[0]): r for r in self.in_chunks(
            "SELECT id, platform, handle, creator, profile_url FROM accounts WHERE id IN ({marks})",
            sorted(int(m[0]) for m in extra), (), CACHE_CHUNK)} if extra else {}
        for m in extra:
            numbers = latest.get(int(m[0]), {})
            row = {f: numbers[f][0] for f in SNAPSHOT_FIELDS if f in BY_NAME and f in numbers}
            _, platform, handle, creator, url = named[int(m[0])]
            row.update((f, v) for f, v in (("platform", platform), ("handle", handle), ("creator", creator),
                                           ("profile_url", url), *zip(OVERLAY_FIELDS, m[2:], strict=True))
                       if v is not None)
            for values_of in (data, side):
                for f, values in values_of.items():
                    values.append(row.pop(f, None))
            n += 1
            for f, v in row.items():  # (a field neither the list nor an earlier row has)
                side[f] = [None] * (n - 1) + [v]
            source_rows.append(0)  # not a sheet row (an account of the campaign the saved list does not have)
        if "account_id" in data:
            data["account_id"] = [None] * n
        if extra or any(stage):
            for f in ("creator", "platform", "handle", *SNAPSHOT_FIELDS, *OVERLAY_FIELDS):
                if f not in columns and f in side and side[f].count(None) < n:
                    columns.append(f)
                    data[f] = side[f]
        table = Table(source=meta.get("source", ""), sheet=meta.get("sheet"))
        table.source_rows = source_rows
        table.extra_columns = list(meta.get("extra_columns", []))
        table.mapped = dict(meta.get("mapped", {}))
        for c in columns:
            vals = data[c]
            if c in replaced:  # (made again by the caller: the shared empty column, 4 MB less each at 500k)
                vals = table.empty_column()
            elif c in BY_NAME and BY_NAME[c].kind == "date":
                vals = [dt.date.fromisoformat(v[:10]) if isinstance(v, str) and v else None for v in vals]
            table.data[c] = vals
        table.meta["from_store"] = self.location
        table.meta["campaign"] = campaign["name"]
        table.meta["accounts_not_in_list"] = len(extra)
        for part in ("number_formats", "cell_formats"):  # the formats of the kept columns, for influkit's workbooks
            if meta.get(part):
                table.meta[part] = meta[part]
        return table

    def list_columns(self, campaign_id: int, columns: list[str], *, skip: Collection[str] = ()) -> tuple[dict[str, list[Any]], dict[str, list[Any]],
                                                                      int]:
        """The campaign's saved list by column: ({column: its values, for each of `columns`}, {any other
        field rows saved before chunks name: its values}, how many rows), a chunk decoded at a time and
        its columns appended as they are (no dict per row), a progress step counting the rows; the
        columns in `skip` left empty (not decoded into objects)."""
        total = int(self.one("SELECT COALESCE(SUM(row_count), 0) FROM list_chunks WHERE campaign_id=?",
                             (campaign_id,))[0])
        # each column made at its full length first, its chunks' values put in place: a list grown chunk
        # by chunk is copied as it grows, and the copies it leaves behind kept 300 MB of a 500k-row list
        data: dict[str, list[Any]] = {c: [None] * total for c in columns}
        at = {c: i for i, c in enumerate(columns) if c not in skip}  # (a name twice: its last place)
        others: dict[str, list[Any]] = {}
        memos: dict[str, dict[Any, Any] | None] = {}  # (`_shared_values`)
        most = int(setting("list_shared_values"))
        n = 0
        with progress.step("workspace: list", total, "rows") as tick:
            for _, text in self.conn.each_tuple(
                    "SELECT first_position, rows FROM list_chunks WHERE campaign_id=? ORDER BY first_position",
                    (campaign_id,)):
                tick(n)
                value = _loads(text)
                if isinstance(value, dict) and "by_column" in value:
                    by_column = value["by_column"]
                    size = len(by_column[0]) if by_column else int(value.get("rows") or 0)
                    for c, i in at.items():
                        data[c][n:n + size] = (_shared_values(by_column[i], memos, c, most) if i < len(by_column)
                                               else [None] * size)
                    n += size
                    continue
                for row in value:  # (rows saved before chunks by column: arrays, or objects before that)
                    if isinstance(row, dict):
                        for c in at:
                            data[c][n:n + 1] = [row.get(c)]
                        for f, v in row.items():
                            if f not in data:
                                others.setdefault(f, [None] * n)
                                others[f] += [None] * (n - len(others[f])) + [v]
                    else:
                        for c, i in at.items():
                            data[c][n:n + 1] = [row[i] if i < len(row) else None]
                    n += 1
            tick(total)
        for values in data.values():  # (a chunk's row count said more or fewer rows than it holds: none made up)
            del values[n:]
            values += [None] * (n - len(values))
        for values in others.values():
            values += [None] * (n - len(values))
        return data, others, n

    def list_rows(self, campaign_id: int, columns: list[str] | None = None, *,
                  handles: Iterable[str] | None = None) -> list[tuple[int, dict[str, Any]]]:
        """(position, row) of the campaign's saved list, in order; each row as saved, a dict without its
        empty cells (what `load_list` reads before laying the campaign's fields over it). `columns`:
        the list's (list_meta), read when None. With `handles`, only the rows whose handle is one of
        them: the chunks whose text cannot name one are not decoded."""
        if columns is None:
            columns = list(self.list_meta(campaign_id).get("columns") or [])
        wanted = None if handles is None else set(handles)
        # a chunk's text searched for each handle before it is decoded, only for a few handles (a search
        # costs a 13th of a decode: 5,000 handles searched in every chunk took 10 s, measured)
        needles = None if wanted is None or len(wanted) > setting("list_search_handles") else _plain_needles(wanted)
        out: list[tuple[int, dict[str, Any]]] = []
        if wanted is not None and not wanted:
            return out
        at = columns.index("handle") if "handle" in columns else None
        for first, text in self.conn.each_tuple(  # (a chunk's text at a time: a scored 300k-row list's are 1 GB)
                "SELECT first_position, rows FROM list_chunks WHERE campaign_id=? ORDER BY first_position",
                (campaign_id,)):
            if needles is not None and not any(n in text for n in needles):
                continue
            if wanted is None:
                out.extend(enumerate(decode_chunk(text, columns), int(first)))
                continue
            value = _loads(text)
            if at is not None and isinstance(value, dict) and "by_column" in value and value["by_column"]:
                # (a chunk by column: its handles looked at first, only their rows made)
                by_column = value["by_column"]
                out.extend((int(first) + k, _as_row([c[k] for c in by_column], columns))
                           for k, h in enumerate(by_column[at]) if str(h or "") in wanted)
                continue
            out.extend((int(first) + k, row) for k, row in enumerate(_as_row(v, columns) for v in _chunk_values(value))
                       if str(row.get("handle") or "") in wanted)
        return out

    def list_rows_at(self, campaign_id: int, positions: Iterable[int],
                     columns: list[str] | None = None) -> list[tuple[int, dict[str, Any]]]:
        """(position, row) of the campaign's saved list at these positions, in order, as `list_rows` gives
        them: only the chunks holding one of them are read and decoded."""
        wanted = sorted(set(positions))
        if not wanted:
            return []
        if columns is None:
            columns = list(self.list_meta(campaign_id).get("columns") or [])
        starts: list[int] = []
        for first, size in self.conn.tuples(
                "SELECT first_position, row_count FROM list_chunks WHERE campaign_id=? ORDER BY first_position",
                (campaign_id,)):
            at = bisect_left(wanted, int(first))
            if at < len(wanted) and wanted[at] < int(first) + int(size):
                starts.append(int(first))
        out: list[tuple[int, dict[str, Any]]] = []
        for first, text in self.each_in_chunks(  # (a chunk's text at a time)
                "SELECT first_position, rows FROM list_chunks WHERE campaign_id=? AND first_position IN ({marks})",
                starts, (campaign_id,)):
            value, first = _loads(text), int(first)
            inside = wanted[bisect_left(wanted, first):bisect_left(wanted, first + _chunk_size(value))]
            if isinstance(value, dict) and value.get("by_column"):  # (only the rows asked for are made)
                by_column = value["by_column"]
                out.extend((p, _as_row([c[p - first] for c in by_column], columns)) for p in inside)
            else:
                values = _chunk_values(value)
                out.extend((p, _as_row(values[p - first], columns)) for p in inside)
        out.sort(key=itemgetter(0))
        return out

    def list_row_mates(self, campaign_id: int, accounts: Iterable[tuple[str, str]],
                       meta: dict[str, Any] | None = None) -> dict[tuple[str, str], list[tuple[str, str]]]:
        """(platform, handle) -> the other accounts (platform, handle) the campaign's saved list has on the
        same sheet row as that account: the same tab and row number (`Table.sheet_row`), a person's
        accounts on a wide sheet (one row with an Instagram, a TikTok and a YouTube column). An account
        the list does not have, or that has its row to itself, has none. Rows that are no sheet row (an
        account a later list appended, row 0), duplicates and TOTAL/section rows have no mates. `meta`: the
        list's `list_meta`, when the caller read it already (not decoded twice)."""
        wanted = {(str(p), str(h)) for p, h in accounts}
        if meta is None:
            meta = self.list_meta(campaign_id) if wanted else {}
        columns: list[str] = list(meta.get("columns") or [])
        numbers: list[Any] = list(meta.get("source_rows") or [])
        shared = {n for n, times in Counter(numbers).items() if times > 1 and isinstance(n, int) and n > 0}
        if "handle" not in columns or not shared:
            return {}  # (a row number on one list row only: every account has its row to itself)

        def key(row: dict[str, Any]) -> tuple[str, str]:
            return str(row.get("platform") or ""), str(row.get("handle") or "")

        def sheet_row(position: int, row: dict[str, Any]) -> tuple[str, int] | None:
            number = numbers[position] if position < len(numbers) else None
            if not isinstance(number, int) or number <= 0 or row.get("duplicate_of") or row.get("row_kind"):
                return None
            return str(row.get("sheet") or ""), number

        hits = [(p, row) for p, row in self.list_rows(campaign_id, columns, handles={h for _, h in wanted})
                if key(row) in wanted and p < len(numbers) and numbers[p] in shared and sheet_row(p, row) is not None]
        if not hits:
            return {}
        asked = {numbers[p] for p, _ in hits}
        near = [q for q, n in enumerate(numbers) if n in asked]
        on_row: dict[tuple[str, int], list[tuple[str, str]]] = {}
        for q, row in self.list_rows_at(campaign_id, near, columns):
            place = sheet_row(q, row)
            if place is not None and all(key(row)) and key(row) not in on_row.setdefault(place, []):
                on_row[place].append(key(row))
        out: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for p, row in hits:
            mates = out.setdefault(key(row), [])
            for other in on_row.get(sheet_row(p, row) or ("", 0), []):
                if other != key(row) and other not in mates:
                    mates.append(other)
        return {k: v for k, v in out.items() if v}

    def _drop_list_rows(self, keys: set[tuple[str, str]]) -> int:
        """Remove the rows of these accounts from every campaign's list (keeping the other rows' sheet
        row numbers). Returns the rows removed. The list's other rows are kept as they were saved (read
        and written again with the standard JSON module: every integer, NaN, text as is)."""
        removed = 0
        gone = set(self.account_ids(keys).values())  # (what the last import said of them goes too)
        for cid, value in list(self.conn.tuples("SELECT campaign_id, value FROM list_meta WHERE key=?", (SAID_KEY,))):
            said = {int(a): v for a, v in json.loads(value).items()}
            if gone & said.keys():
                self._write_said(int(cid), {a: v for a, v in said.items() if a not in gone})
        campaigns = [int(r[0]) for r in self.rows("SELECT DISTINCT campaign_id FROM list_chunks ORDER BY campaign_id")]
        for cid in campaigns:
            columns_row = self.one("SELECT value FROM list_meta WHERE campaign_id=? AND key='columns'", (cid,))
            columns = json.loads(columns_row[0]) if columns_row is not None else []
            found = self.list_rows(cid, columns, handles={h for _, h in keys})
            drop = {k for k, row in found if (row.get("platform"), row.get("handle")) in keys}
            if not drop:
                continue
            removed += len(drop)
            values = [value for (text,) in self.conn.tuples(
                "SELECT rows FROM list_chunks WHERE campaign_id=? ORDER BY first_position", (cid,))
                for value in _chunk_values(json.loads(text))]
            kept = [value for k, value in enumerate(values) if k not in drop]
            self.conn.execute("DELETE FROM list_chunks WHERE campaign_id=?", (cid,))
            self.conn.insert_many("list_chunks", ("campaign_id", "first_position", "row_count", "rows"), [
                (cid, start, len(part), _rewritten_chunk(part))
                for start in range(0, len(kept), LIST_CHUNK) for part in (kept[start:start + LIST_CHUNK],)])
            meta_row = self.one("SELECT value FROM list_meta WHERE campaign_id=? AND key='source_rows'", (cid,))
            if meta_row is not None:
                source_rows = json.loads(meta_row[0])
                if isinstance(source_rows, list) and len(source_rows) == len(values):
                    self.conn.execute("UPDATE list_meta SET value=? WHERE campaign_id=? AND key='source_rows'",
                                      (json.dumps([r for k, r in enumerate(source_rows) if k not in drop]), cid))
        return removed

    def _hand_accounts(self, campaign_id: int) -> set[int]:
        """The campaign's accounts whose fields were last written by hand (`set`, `propose`)."""
        likes = " OR ".join("source LIKE ?" for _ in MANUAL_SOURCES)
        return {int(r[0]) for r in self.conn.tuples(
            f"SELECT account_id, source FROM campaign_accounts WHERE campaign_id=? AND ({likes})",
            (campaign_id, *(f"{m}%" for m in MANUAL_SOURCES)))
            if str(r[1] or "").split(" ")[0] in MANUAL_SOURCES}

    def _fields_said(self, campaign_id: int, manual: set[int]) -> dict[int, dict[str, Any]]:
        """{account: the stage and campaign fields the last import said} of the `manual` accounts: kept
        beside the list (SAID_KEY) when its rows no longer say it, else the saved list's rows ({}: none).
        Only the list rows that can name them are decoded."""
        kept = self._said_memory(campaign_id)
        out: dict[int, dict[str, Any]] = {a: dict(kept[a]) for a in manual if a in kept}
        rest = sorted(manual - out.keys())
        if not rest:
            return out
        names: dict[tuple[str, str], int] = {}
        for platform, handle, account in self.in_chunks(
                "SELECT platform, handle, id FROM accounts WHERE id IN ({marks})", rest):
            names[(str(platform), str(handle))] = int(account)
        out.update((a, {}) for a in rest)
        for _, row in self.list_rows(campaign_id, handles={h for _, h in names}):
            account = names.get((str(row.get("platform") or ""), str(row.get("handle") or "")))
            if account is not None and not out[account]:
                out[account] = {f: row.get(f) for f in ("stage", *SHEET_CAMPAIGN_FIELDS)}
        return out

    def _sheet_said(self, campaign_id: int, fields: Said) -> Said:
        """{account: what the sheet said at its last import (its stage and campaign fields)} for the
        campaign's accounts whose fields were last written by hand (`set`, `propose`), from `fields`
        (their `_fields_said`, left as they are); {} when there are none. The stage is the last one an
        import recorded; the fields, `_fields_said`'s."""
        if not fields:
            return {}
        out = {account: dict(values) for account, values in fields.items()}
        for account, stage in self.conn.tuples(
                """SELECT account_id, stage FROM stage_events WHERE campaign_id=? AND source LIKE 'sheet:%'
                   ORDER BY id""", (campaign_id,)):
            if int(account) in out:
                out[int(account)]["stage"] = stage  # the sheet's last stage, as recorded
        return out

    def accounts_left_out(self, campaign_id: int, accounts: Iterable[int | None]) -> int:
        """How many of the campaign's accounts at a stage past identified are not among `accounts` (a
        sheet's, about to become the campaign's list): they stay in the campaign."""
        given = {a for a in accounts if a is not None}
        return sum(1 for (a,) in self.conn.tuples(
            "SELECT account_id FROM campaign_accounts WHERE campaign_id=? AND stage IS NOT NULL "
            "AND stage<>'identified'", (campaign_id,)) if int(a) not in given)

    def campaign_by_id(self, campaign_id: int) -> dict[str, Any]:
        from .campaigns import campaign_dict

        row = self.one("SELECT * FROM campaigns WHERE id=?", (campaign_id,))
        if row is None:
            raise InfluError(f"no campaign #{campaign_id} in the workspace", file=self.location)
        return campaign_dict(row)

    # ---------------------------------------------------------------------------- one import

    def record_import(
        self, table: Table, *, source: str = "sheet", on: dt.date | None = None, save: bool = True,
        campaign_id: int | None = None, row_ids: list[int | None] | None = None, said: Said | None = None,
    ) -> dict[str, Any]:
        """Upsert the table's accounts (with their provenance), snapshot their numbers, record their
        per-campaign fields and stage changes, and (with `save`) make the table the campaign's list, all
        in one transaction. A repeated row (`duplicate_of`) is left out, the account's first row speaking for it,
        but for its numbers: its most recent row's (`numbers_of_repeated`). Returns counts for the summary
        (and `forgotten`: accounts that asked to be
        forgotten, with the day).

        Stage events: a stage dated by the sheet (contacted_on for contacted, ...) gets that date; a
        stage first seen in this campaign has no start date (on_date NULL); a stage that changed since
        the previous import is dated the import day; an event an import recorded whose date the sheet now
        gives otherwise (its date column for that stage) takes the sheet's date (`_redate`). Their source
        names the file and its tab (`sheet:Suivi.xlsx#Running`). A stage earlier than the account's current
        one moves it back only when this file set the current one (`_Recording.kept_elsewhere`): else it
        is left, counted in `kept_from_other_files` (and named, `kept_from_other_files_named`). Batched (executemany, one query per step), without
        the cyclic garbage collector (a row makes objects and no cycle).

        `row_ids`: a list the caller passes to get each table row's account id (None: a row without
        platform and handle), as `row_account_ids` reads them, without reading them again. `said`: a dict
        the caller passes (with `save=False`) to get what the last import said of the accounts changed by
        hand, for `save_list(said=...)` in the same transaction: the saved list is decoded once."""
        with gc_paused():
            return self._record_import(table, source=source, on=on, save=save, campaign_id=campaign_id,
                                       row_ids=row_ids, said=said)

    def _record_import(self, table: Table, *, source: str, on: dt.date | None, save: bool,
                       campaign_id: int | None, row_ids: list[int | None] | None = None,
                       said: Said | None = None) -> dict[str, Any]:
        day = (on or today()).isoformat()
        if campaign_id is None:
            campaign_id = int(self.campaign(writable=True)["id"])
        counts: dict[str, Any] = {"accounts": 0, "snapshots": 0, "stage_events": 0, "kept_by_hand": 0,
                                  "stage_dates_corrected": 0, "kept_from_other_files": 0,
                                  "kept_from_other_files_named": []}
        cols = {f: table.get(f) for f in ("platform", "handle", "creator", "profile_url", "stage",
                                          *SNAPSHOT_FIELDS, *SHEET_CAMPAIGN_FIELDS)}
        # a repeated row (duplicate_of set) is the sheet's second mention of an account: its first row
        # speaks for it (name, stage, notes), so a "doublon" line never overwrites the first; its numbers
        # are its most recent row's (`numbers_of_repeated`: a dated series' last day, else the sheet's last row)
        duplicate = table.get("duplicate_of")
        latest = numbers_of_repeated(table)
        file = sheet_source(table)
        with self.transaction():
            # (the step from the start: finding a 900k-row list's accounts and their order takes 1-2 s)
            with progress.step("workspace: accounts", unit="rows") as tick:
                # (a handle its network does not allow, "zoé.beauté" on Instagram, is no account: said on its
                # row, never recorded; only a row without a profile link is checked)
                urls = cols["profile_url"]
                rows = [k for k in range(len(table)) if cols["platform"][k] and cols["handle"][k]
                        and duplicate[k] in (None, "")
                        and (urls[k] or handle_not_allowed(cols["platform"][k], cols["handle"][k]) is None)]
                pairs = list(zip(cols["platform"], cols["handle"], strict=True))  # each row's (platform, handle)
                keys = {pairs[k] for k in rows}
                counts["accounts"] = len(keys)
                counts["repeated_accounts"] = len({pairs[k] for k in latest})  # accounts on several rows
                order = sorted(rows, key=pairs.__getitem__)  # one lock order
                tick(0, len(order))
                ids, created = self._record_accounts(order, cols, day, pairs, tick)
                tick(len(order))
            # an account on several rows (rarely): its state is carried from chunk to chunk, and written
            # after the last one; every other account is read and written with its chunk
            repeated = {ids[pairs[a]] for a, b in zip(order, order[1:], strict=False) if pairs[a] == pairs[b]}
            del order
            run = _Recording(campaign_id=campaign_id, day=day, source=source, event_source=f"{source}:{file}",
                             file=file, fresh=created == len(ids), cols=cols, pairs=pairs, ids=ids,
                             stage_dates={stage: table.get(col) for stage, col in STAGE_DATE_COLUMNS.items()},
                             repeated=repeated, counts=counts, latest=latest, tab=table.sheet,
                             tabs=table.data.get("sheet"))
            # what the sheet said at its last import, for the accounts changed by hand since (`set`,
            # `propose`): the same sheet value again is no change and never undoes the hand's. The saved
            # list is decoded for it once: `save_list` keeps what it read (the list as it says it)
            manual = self._hand_accounts(campaign_id)
            fields = self._fields_said(campaign_id, manual) if manual else {}
            if said is not None:
                said.clear()
                said.update(fields)
            run.said = self._sheet_said(campaign_id, fields)
            if repeated:
                run.held = self._campaign_rows(campaign_id, sorted(repeated))
            size = max(1, int(setting("record_chunk")))
            # by account id (an account's rows in sheet order): a chunk's snapshots, campaign rows, events
            # and provenance then go into one stretch of their indexes, not all over them (a 1M-row list
            # outgrows SQLite's page cache: 29 s instead of 38 s recording it, measured)
            rows.sort(key=lambda k: ids[pairs[k]])
            for start in progress.each("workspace: numbers", range(0, len(rows), size), len(rows),
                                       size=lambda start: min(size, len(rows) - start)):
                self._record_rows(run, rows[start:start + size])
            self._write_recorded(run, run.carried_snapshots, run.carried_fields, run.held)
            counts["forgotten"] = self.forgotten_among(keys)
            if row_ids is not None:
                row_ids[:] = self.row_account_ids(cols["platform"], cols["handle"], ids)
            if save:
                self.save_list(table, campaign_id=campaign_id, imported=True, said=fields)
        return counts

    def _campaign_rows(self, campaign_id: int, accounts: list[int]) -> dict[int, tuple[Any, ...]]:
        """{account: (stage, source, *SHEET_CAMPAIGN_FIELDS)} of these accounts' rows in the campaign."""
        shared: dict[Any, Any] = {}  # a stage and a source are shared by many accounts: one text each
        keep = shared.setdefault
        return {int(r[0]): (keep(r[1], r[1]), keep(r[2], r[2]), *r[3:]) for r in self.in_chunks(
            f"SELECT account_id, stage, source, {', '.join(SHEET_CAMPAIGN_FIELDS)} FROM campaign_accounts "
            "WHERE campaign_id=? AND account_id IN ({marks})", accounts, (campaign_id,), CACHE_CHUNK)}

    def _record_rows(self, run: _Recording, part: list[int]) -> None:
        """One chunk of an import's rows (sheet order): their accounts' campaign rows read, then their
        snapshots, fields, provenance and stage events written (an account on several rows: its
        snapshot and fields carried to `_write_recorded` at the end; its events written here)."""
        ids, pairs, repeated, said = run.ids, run.pairs, run.repeated, run.said
        accounts = list(map(ids.__getitem__, _take(pairs, part)))
        stored = self._campaign_rows(run.campaign_id, sorted({a for a in accounts if a not in repeated}))
        held = run.held
        snapshots: dict[int, tuple[Any, ...]] = {}
        fields: dict[int, dict[str, Any]] = {}
        events: list[tuple[int, str, str | None, str, str | None]] = []
        last_stage = run.last_stage
        cols, stage_dates, day = run.cols, run.stage_dates, run.day
        stages = cols["stage"]
        numbers = list(zip(*(_take(cols[f], part) for f in SNAPSHOT_FIELDS), strict=True))
        empty = (None,) * len(SNAPSHOT_FIELDS)
        field_cols, latest = run.field_cols, run.latest
        kept = 0
        # the sheet's own stage events of these accounts, to date them as the sheet now does
        sheet_events = self._sheet_stage_events(run, accounts)
        # who set the current stage of the accounts this sheet says are at an earlier one: a file moves a
        # creator back only from a stage it set itself (`_kept_elsewhere`)
        setters = self._stage_setters(run, [a for a, k in zip(accounts, part, strict=True) if _behind(
            stages[k], ((held if a in repeated else stored).get(a) or (None,))[0])])
        redated: dict[int, str] = {}  # event id -> the sheet's date for it
        for n, k in enumerate(part):
            account = accounts[n]
            if account in repeated:
                into_snapshots, into_fields, now = run.carried_snapshots, run.carried_fields, held.get(account)
            else:
                into_snapshots, into_fields, now = snapshots, fields, stored.get(account)
            values = latest.get(k, numbers[n]) if latest else numbers[n]
            if values != empty:
                into_snapshots[account] = _filled(into_snapshots.get(account), values)
            mine = into_fields.setdefault(account, {})
            earlier = said.get(account)
            for f, column in field_cols:
                if column[k] is not None and (earlier is None or not _same(earlier.get(f), column[k])):
                    mine[f] = column[k]
            stage = stages[k]
            before = last_stage[account] if account in last_stage else (None if now is None else now[0])
            if sheet_events:
                _redate(sheet_events.get(account), stage_dates, k, stage if stage and before != stage else None,
                        redated)
            if earlier is not None and stage and stage == earlier.get("stage"):
                kept += before != stage  # the sheet still says what it said: the hand's stage stands
                continue
            if stage and before != stage and account in setters and _behind(stage, before) and \
                    run.kept_elsewhere(k, before, setters[account]):
                run.counts["kept_from_other_files"] += 1
                if len(run.counts["kept_from_other_files_named"]) < MAX_ROWS_NAMED:
                    run.counts["kept_from_other_files_named"].append(
                        f"{pairs[k][0]}:{pairs[k][1]} kept at {before}: another file said {stage}")
                continue
            if stage and before != stage:
                dated = stage_dates[stage][k] if stage in stage_dates else None
                if isinstance(dated, dt.date):
                    on_date: str | None = dated.isoformat()
                else:
                    on_date = None if before is None else day
                events.append((account, stage, on_date, run.source_of(k), None))
                if account in repeated:
                    last_stage[account] = stage
                mine["stage"] = stage
        self._write_recorded(run, snapshots, fields, stored)
        if redated:
            self.conn.update_many("stage_events", ("on_date",), sorted((d, i) for i, d in redated.items()), "id")
            run.counts["stage_dates_corrected"] += len(redated)
        if events:
            # by account (stable: an account's events keep their order, the only order they are read in):
            # the indexes on account_id are then written in order, 0.05-0.07 s less for 100k events
            events.sort(key=itemgetter(0))
            self.add_stage_events(run.campaign_id, events)
        run.counts["stage_events"] += len(events)
        run.counts["kept_by_hand"] += kept

    def _sheet_stage_events(self, run: _Recording, accounts: list[int]) -> dict[int, dict[str, tuple[int, str | None]]]:
        """{account: {stage: (id, on_date)}}: the latest stage event an import recorded (source `sheet:...`)
        for each stage a date column of the sheet dates, of these accounts in the campaign; {} when the
        sheet dates no stage (nothing to read)."""
        stages = run.dated_stages
        if not stages or not accounts or run.fresh:  # (a first import of these accounts has no event yet)
            return {}
        out: dict[int, dict[str, tuple[int, str | None]]] = {}
        marks = ", ".join("?" * len(stages))
        for event, account, stage, on_date in self.in_chunks(
                f"""SELECT id, account_id, stage, on_date FROM stage_events WHERE campaign_id=? AND stage IN ({marks})
                    AND source LIKE 'sheet:%' AND account_id IN ({{marks}}) ORDER BY id""",
                sorted(set(accounts)), (run.campaign_id, *stages), CACHE_CHUNK):
            out.setdefault(int(account), {})[str(stage)] = (int(event), _iso(on_date))
        return out

    def _stage_setters(self, run: _Recording, accounts: list[int]) -> dict[int, list[tuple[str, str]]]:
        """{account: [(stage, source), ...]}: the stage events of these accounts in the campaign, oldest
        first (who set each stage: a sheet, `set`, `propose`); {} for none."""
        out: dict[int, list[tuple[str, str]]] = {}
        if not accounts:
            return out
        for account, stage, source in self.in_chunks(
                "SELECT account_id, stage, source FROM stage_events WHERE campaign_id=? AND account_id IN ({marks}) "
                "ORDER BY id", sorted(set(accounts)), (run.campaign_id,), CACHE_CHUNK):
            out.setdefault(int(account), []).append((str(stage), str(source or "")))
        return out

    def _write_recorded(self, run: _Recording, snapshots: dict[int, tuple[Any, ...]],
                        fields: dict[int, dict[str, Any]], stored: dict[int, tuple[Any, ...]]) -> None:
        """Write the snapshots, provenance and campaign fields of some of an import's accounts (`stored`:
        their campaign rows before the import)."""
        self._write_snapshots(snapshots, run.day, run.source)
        run.counts["snapshots"] += len(snapshots)
        if fields:
            self._record_provenance(fields, run.file, run.day, fresh=run.fresh)
            said = run.said
            self.set_campaign_fields(run.campaign_id, _changed(
                ((a, v) for a, v in fields.items() if v or a not in said), stored, run.event_source),
                source=run.event_source)

    def _write_snapshots(self, snapshots: dict[int, tuple[Any, ...]], day: str, source: str) -> None:
        """Upsert the snapshots ({account: SNAPSHOT_FIELDS values}) taken on `day` from `source`."""
        if snapshots:
            self.conn.upsert_many(
                "snapshots", ("account_id", *SNAPSHOT_FIELDS), [(a, *values) for a, values in sorted(snapshots.items())],
                # a second sheet the same day fills in, never blanks, what the first recorded
                f"""ON CONFLICT(account_id, taken_on, source) DO UPDATE SET
                      {", ".join(f"{f}=COALESCE(excluded.{f}, snapshots.{f})" for f in SNAPSHOT_FIELDS)}""", 1,
                {"taken_on": day, "source": source})

    def preview_import(self, table: Table, *, source: str = "sheet", on: dt.date | None = None) -> list[int | None]:
        """What `record_import` would leave for an account's history to read, and nothing else, for a
        preview inside `rolled_back` (the history read after it is the one the import would give): the
        snapshot of the day from `source`, merged as the import merges it (an account's rows in sheet
        order, a later row's numbers over an earlier's, never blanking one; an account the sheet repeats,
        `duplicate_of`, its most recent row's numbers: `numbers_of_repeated`), of each of the table's
        accounts that has another snapshot. The others have no history after the import (no
        snapshot, or only the one it rewrites): nothing is written for them. Returns each row's account
        id, None for a row whose account can have no history. Only the file's accounts are looked up (a
        5-row file on a workspace of 200k accounts reads 5). Measured in `load_list(FILE, store=...)` at
        100k rows: 0.01 s on a list recorded the same day into a workspace holding nothing else (nothing to
        write), 0.6-0.9 s a week later (every account's snapshot written), where `record_import`
        (accounts, campaign rows, stage events, provenance) took 2.1-2.4 s."""
        day = (on or today()).isoformat()
        n = len(table)
        if self.one("SELECT 1 FROM snapshots WHERE taken_on<>? OR source<>? LIMIT 1", (day, source)) is None:
            return [None] * n  # (no snapshot but the ones this import would rewrite: no history to change)
        ids = self.row_account_ids(table.get("platform"), table.get("handle"))  # (the file's keys only)
        # which of them have another snapshot (the others can have no history after the import)
        other = {int(r[0]) for r in self.in_chunks(
            "SELECT DISTINCT account_id FROM snapshots WHERE (taken_on<>? OR source<>?) AND account_id IN ({marks})",
            sorted({a for a in ids if a is not None}), (day, source), CACHE_CHUNK)}
        ids = [a if a in other else None for a in ids]
        del other
        duplicate = table.get("duplicate_of")
        rows = [k for k, a in enumerate(ids) if a is not None and duplicate[k] in (None, "")]
        rows.sort(key=cast("list[int]", ids).__getitem__)  # (their ids are all set; stable: an account's rows in sheet order)
        size = max(1, int(setting("record_chunk")))
        bounds = _account_chunks(rows, ids.__getitem__, size)
        empty = (None,) * len(SNAPSHOT_FIELDS)
        columns = [table.get(f) for f in SNAPSHOT_FIELDS]
        latest = numbers_of_repeated(table)  # (an account on several rows: its most recent row's numbers)
        for start, end in progress.each("workspace: numbers", bounds, len(rows), size=lambda b: b[1] - b[0]):
            part = rows[start:end]
            snapshots: dict[int, tuple[Any, ...]] = {}
            for k, values in zip(part, zip(*(_take(c, part) for c in columns), strict=True), strict=True):
                if latest:
                    values = latest.get(k, values)
                if values != empty:
                    account = ids[k]
                    assert account is not None
                    snapshots[account] = _filled(snapshots.get(account), values)
            self._write_snapshots(snapshots, day, source)
        return ids

    def _record_accounts(self, order: list[int], cols: dict[str, list[Any]], day: str,
                         pairs: list[tuple[str, str]], tick: progress.Tick) -> tuple[dict[tuple[str, str], int], int]:
        """Upsert the accounts of these sheet rows (in `order`, by key) as one upsert per row would: a
        creator or profile link given fills in, first and last seen widen to `day`. Taken a chunk of rows
        at a time (the `record_chunk` setting; an account's rows all in one chunk): its stored accounts
        are read, only new ones are inserted and only the ones that change are updated, so a 500k-row
        list's accounts are never held whole as rows. Returns their ids ((platform, handle) -> id) and
        how many are new."""
        size = max(1, int(setting("record_chunk")))
        ids: dict[tuple[str, str], int] = {}
        created = 0
        for start, end in _account_chunks(order, pairs.__getitem__, size):
            tick(start)
            created += self._record_account_chunk(order[start:end], cols, day, pairs, ids)
        return ids, created

    def _record_account_chunk(self, order: list[int], cols: dict[str, list[Any]], day: str,
                              pairs: list[tuple[str, str]], ids: dict[tuple[str, str], int]) -> int:
        """`_record_accounts` of one chunk of rows: their ids added to `ids`; returns how many are new."""
        creators, urls = cols["creator"], cols["profile_url"]
        stored = self.account_rows({pairs[k] for k in order}, ("id", "creator", "profile_url", "first_seen",
                                                                "last_seen"), scan=False)
        state: dict[tuple[str, str], list[Any]] = {key: list(row) for key, row in stored.items()}
        new: dict[tuple[str, str], list[Any]] = {}
        for k in order:
            key = pairs[k]
            now = state.get(key) or new.get(key)
            if now is None:
                new[key] = [None, creators[k], urls[k], day, day]
                continue
            if creators[k] is not None:
                now[1] = creators[k]
            if urls[k] is not None:
                now[2] = urls[k]
        changed = []
        seen_again: list[int] = []  # the accounts whose last day seen alone moves on (to `day`): a list seen again
        for key, now in state.items():
            now[3], now[4] = min(now[3], day), max(now[4], day)
            was = stored[key]
            if tuple(now) != was:
                if now[1] == was[1] and now[2] == was[2] and now[3] == was[3]:
                    seen_again.append(now[0])
                else:
                    changed.append((now[1], now[2], now[3], now[4], now[0]))
        if changed:
            changed.sort(key=lambda r: r[-1])
            self.conn.update_many("accounts", ("creator", "profile_url", "first_seen", "last_seen"), changed, "id")
        if seen_again:
            # one statement for many (a list refreshed: every account), not one a row (0.04-0.06 s for 100k
            # accounts against 0.15-0.16 s, measured)
            self.change_in_chunks("UPDATE accounts SET last_seen=? WHERE id IN ({marks})", sorted(seen_again), (day,),
                                  CACHE_CHUNK)
        top = None
        if new and self.dialect == "sqlite":
            # under SQLite's write lock none of the new keys is stored (all were read above): each insert
            # takes the largest id + 1, so their ids follow in insertion order (checked below)
            top = int(self.one("SELECT COALESCE(MAX(id), 0) FROM accounts")[0])
        returned = None
        if new:
            returned = self.conn.upsert_returning(
                "accounts", ("platform", "handle", "creator", "profile_url", "first_seen", "last_seen"),
                [(p, h, *now[1:]) for (p, h), now in new.items()],  # in key order, as `order`
                """ON CONFLICT(platform, handle) DO UPDATE SET
                     creator=COALESCE(excluded.creator, accounts.creator),
                     profile_url=COALESCE(excluded.profile_url, accounts.profile_url),
                     last_seen=MAX(accounts.last_seen, excluded.last_seen),
                     first_seen=MIN(accounts.first_seen, excluded.first_seen)""", 2, ("platform", "handle", "id"))
        ids.update((key, int(now[0])) for key, now in state.items())
        if new:
            given = {(str(p), str(h)): int(i) for p, h, i in returned or ()}
            if returned is not None and len(given) == len(new) and all(key in given for key in new):
                ids.update((key, given[key]) for key in new)  # (the caller's key objects)
            elif top is not None and tuple(self.one("SELECT COUNT(*), MAX(id) FROM accounts WHERE id>?", (top,))) == (
                    len(new), top + len(new)):
                ids.update(zip(new, range(top + 1, top + 1 + len(new)), strict=True))
            else:
                ids.update(self.account_ids(new, scan=False))
        return len(new)

    def _record_provenance(self, accounts: dict[int, Any], file: str, day: str, *, fresh: bool) -> None:
        """`add_provenance` of (account, "sheet", file) on `day`, leaving out the accounts whose
        provenance already spans that day (`fresh`: none can have one)."""
        wanted = sorted(accounts)
        if not fresh and wanted:
            spans = {int(a): (first, last) for a, first, last in self.in_chunks(
                "SELECT account_id, first_at, last_at FROM provenance WHERE kind='sheet' AND source=? "
                "AND account_id IN ({marks})", wanted, (file,), CACHE_CHUNK)}
            # the sheet seen again later: its span's last day moves on, one statement for many (a list
            # refreshed: 0.05-0.08 s for 100k accounts against 0.20-0.25 s for their upserts, measured)
            later = [a for a in wanted if a in spans and spans[a][1] < day]
            self.change_in_chunks("UPDATE provenance SET last_at=? WHERE kind='sheet' AND source=? "
                                  "AND account_id IN ({marks})", later, (day, file), CACHE_CHUNK)
            wanted = [a for a in wanted if not (a in spans and spans[a][0] <= day)]
        self.add_provenance(((a, "sheet", file) for a in wanted), at=day)


def _account_chunks(rows: list[int], account: Callable[[int], Any], size: int) -> list[tuple[int, int]]:
    """(start, end) of chunks of about `size` of `rows` (sorted by `account`), an account's rows never
    cut between two chunks."""
    bounds = []
    start = 0
    while start < len(rows):
        end = min(len(rows), start + size)
        while end < len(rows) and account(rows[end]) == account(rows[end - 1]):
            end += 1
        bounds.append((start, end))
        start = end
    return bounds


def _filled(known: tuple[Any, ...] | None, values: tuple[Any, ...]) -> tuple[Any, ...]:
    """An account's numbers of the day after one more of its rows (`values`): that row's values, and the
    earlier rows' (`known`, None: none) where it has none: a later row never blanks a number."""
    if known is None:
        return values
    return tuple(v if v is not None else was for v, was in zip(values, known, strict=True))


def numbers_of_repeated(table: Table) -> dict[int, tuple[Any, ...]]:
    """The numbers (SNAPSHOT_FIELDS) an import records for each account the sheet lists on several rows
    (pasted twice, a dated series: `duplicate_of` marks the repeats), by the table row recorded for it (its
    first): its most recent row's, that is the row with the latest date (`table.meta["row_dates"]`, a date
    column of the sheet: `io.normalize._row_dates`) when its rows carry one, else its last row; a number
    that row leaves empty is the next most recent row's (a row never blanks a number). {} when no account
    is repeated."""
    duplicate = table.get("duplicate_of")
    platforms, handles = table.get("platform"), table.get("handle")
    repeated = {(platforms[k], handles[k]) for k, d in enumerate(duplicate) if d not in (None, "")}
    if not repeated:
        return {}
    kinds = table.data.get("row_kind")
    groups: dict[tuple[Any, Any], list[int]] = {}
    for k, key in enumerate(zip(platforms, handles, strict=True)):
        if key in repeated and not (kinds is not None and kinds[k]):
            groups.setdefault(key, []).append(k)
    dates = table.meta.get("row_dates")
    if not isinstance(dates, list) or len(dates) != len(table):
        dates = None
    columns = [table.get(f) for f in SNAPSHOT_FIELDS]
    out: dict[int, tuple[Any, ...]] = {}
    for rows in groups.values():
        if dates is not None:  # (stable: rows of the same date, or none, in sheet order, the last one latest)
            rows = sorted(rows, key=lambda k: (dates[k] is not None, dates[k] or dt.date.min))
        merged: tuple[Any, ...] | None = None
        for k in rows:
            merged = _filled(merged, tuple(c[k] for c in columns))
        assert merged is not None
        out.update((k, merged) for k in rows if duplicate[k] in (None, ""))
    return out


def _take(column: list[Any], rows: list[int]) -> tuple[Any, ...]:
    """The column's values on these rows (one C call: `itemgetter`, a tuple even for one row)."""
    return itemgetter(*rows)(column) if len(rows) > 1 else tuple(column[k] for k in rows)


def _changed(rows: Iterable[tuple[int, dict[str, Any]]], stored: dict[int, tuple[Any, ...]],
             source: str) -> list[tuple[int, dict[str, Any]]]:
    """The (account, fields) among `rows` that would change the account's campaign row: a new account,
    another source, or a field whose stored value differs (`stored`: account -> (stage, source,
    *SHEET_CAMPAIGN_FIELDS))."""
    at = {f: 2 + n for n, f in enumerate(SHEET_CAMPAIGN_FIELDS)}
    at["stage"] = 0
    plain = _SAME_AS_STORED
    out = []
    for account, values in rows:
        now = stored.get(account)
        if now is None or now[1] != source:
            out.append((account, values))
            continue
        for f, v in values.items():
            was = now[at[f]]
            if was != v or type(v) not in plain or type(was) not in plain:
                out.append((account, values))
                break
    return out


def _behind(stage: str | None, current: str | None) -> bool:
    """Whether a sheet's `stage` is earlier in the funnel than the account's `current` one (a loss counts
    as the stage it happens after: `declined` is past replied)."""
    if current is None or stage not in STAGES:  # (no stage yet: a first import's every row, asked once each)
        return False
    rank = stage_rank(current)
    return rank is not None and STAGES.index(stage) < rank


def _iso(value: Any) -> str | None:
    """A stored date as ISO text (PostgreSQL gives a date, SQLite its text)."""
    return value.isoformat() if isinstance(value, dt.date) else (str(value) if value is not None else None)


def _redate(events: dict[str, tuple[int, str | None]] | None, stage_dates: dict[str, list[Any]], k: int,
            new_stage: str | None, redated: dict[int, str]) -> None:
    """Row k's dates for stages (contacted_on, replied_on, ...) over the dates of the stage events an import
    recorded for them (`events`: the latest per stage): the sheet is the source of truth for its own dates,
    so a date it changed since (02/04 read as 2 April, fixed to 04/02) or gained (a stage first seen
    undated) corrects its event, which is not recorded again. The stage the row moves to now (`new_stage`)
    gets a new event with the sheet's date: its earlier ones are history, left as they are."""
    if not events:
        return
    for stage, (event, on_date) in events.items():
        if stage == new_stage:
            continue
        dated = stage_dates[stage][k]
        if isinstance(dated, dt.date) and dated.isoformat() != on_date:
            redated[event] = dated.isoformat()


@dataclass(eq=False)
class _Recording:
    """One import's state from chunk to chunk of its rows (`_record_rows`)."""

    campaign_id: int
    day: str
    source: str
    event_source: str
    file: str
    fresh: bool  # every account of the sheet is new (none has a provenance yet)
    cols: dict[str, list[Any]]
    pairs: list[tuple[str, str]]
    ids: dict[tuple[str, str], int]
    stage_dates: dict[str, list[Any]]
    repeated: set[int]  # the accounts on more than one row
    counts: dict[str, Any]
    said: dict[int, dict[str, Any]] = field(default_factory=dict)
    held: dict[int, tuple[Any, ...]] = field(default_factory=dict)  # the repeated accounts' campaign rows
    carried_snapshots: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    carried_fields: dict[int, dict[str, Any]] = field(default_factory=dict)
    last_stage: dict[int, str | None] = field(default_factory=dict)
    latest: dict[int, tuple[Any, ...]] = field(default_factory=dict)  # `numbers_of_repeated`
    field_cols: list[tuple[str, list[Any]]] = field(default_factory=list)
    dated_stages: list[str] = field(default_factory=list)  # the stages a date column of the sheet dates
    tab: str | None = None  # the workbook's tab the table was read from (None: a CSV, a JSON file)
    tabs: list[Any] | None = None  # each row's tab, when several tabs were read (`--sheet all`)
    sources: dict[Any, str] = field(default_factory=dict)  # a tab -> its stage events' source

    def __post_init__(self) -> None:
        # (once per import, not per chunk; each column looked at in C: `count`, the set of its types)
        self.field_cols = [(f, self.cols[f]) for f in SHEET_CAMPAIGN_FIELDS
                           if self.cols[f].count(None) < len(self.cols[f])]
        self.dated_stages = [stage for stage, column in self.stage_dates.items()
                             if any(issubclass(kind, dt.date) for kind in set(map(type, column)))]

    def source_of(self, k: int) -> str:
        """The source of the stage events row k records: the file, and its tab when it has one
        (`sheet:Suivi.xlsx#Running`): two tabs of a workbook are two files for whose stage is whose."""
        tab = (self.tabs[k] if self.tabs is not None else None) or self.tab
        found = self.sources.get(tab)
        if found is None:
            found = self.sources[tab] = f"{self.event_source}#{tab}" if tab else self.event_source
        return found

    def kept_elsewhere(self, k: int, current: str | None, events: list[tuple[str, str]]) -> bool:
        """Whether row k, whose stage is earlier than the account's `current` one, leaves it there: a file is
        the truth for the stages it set, not for the ones another source set. The current stage stays when
        the event that set it (its latest of that stage) came from another file (another workbook, another
        tab, a vendor export), or from a hand (`set`, `propose --accept`) while this file never recorded a
        stage of the account (a file that tracks the creator and changed its cell is recorded over the
        hand's, as ever). An event recorded before sources named their tab (`sheet:Suivi.xlsx`) is this
        file's when it names this file."""
        own = {self.source_of(k), self.event_source}
        setter = next((source for stage, source in reversed(events) if stage == current), None)
        if setter is None or setter in own:
            return False
        if setter.startswith("sheet:"):
            return True
        return not any(source in own for _, source in events)


_SAME_AS_STORED = frozenset({str, int, float})  # a value read back equal to what was written
