"""Read a prospect sheet (CSV, Excel/ODS, influkit's own JSON/JSONL; a path or stdin) into raw cells under
a found header row, with the cells' hyperlinks.

Nothing is interpreted here beyond what is needed to find the table: encodings and delimiters are
sniffed, the header row is searched under title and blank rows (a row of network names above it makes
a two-row header), every data row is kept with its row number in the sheet so later errors can name
it, and hostile cells (a NUL byte, a bare CR, a field longer than Python's CSV limit, a date cell that
makes the Rust reader panic) become issues on their row instead of stopping the run.

Layout facts the in-place writer needs are kept on `RawSheet`: the sheet name, the 1-based header row,
the 1-based sheet column of every header (`column_numbers`) and the 1-based sheet row of every data row
(`row_numbers`).
"""

from __future__ import annotations

import bisect
import codecs
import contextlib
import csv
import datetime as dt
import io
import json
import os
import re
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .. import progress
from ..errors import InfluError, UsageError
from ..heap import paused as gc_paused
from ..schema import stronger_kind
from ..thresholds.reading import (
    BINARY_CONTROL_SHARE,
    BINARY_NUL_SHARE,
    CSV_FIELD_LIMIT,
    HEADER_MIN_KNOWN,
    HEADER_SCAN_ROWS,
    LONG_CELL_CHARS,
    MAX_NUMBER_CHARS,
    SHARED_CELLS_CHUNK,
    SHARED_CELLS_MAX_DISTINCT,
    SHEET_LIST_MIN_SCORE,
    SNIFF_BYTES,
    SNIFF_LINES,
    TWO_ROW_HEADER_MAX_GROUPS,
    UTF16_NUL_SHARE,
)
from .checkboxes import only_booleans
from .errorcells import FORMULA_ERRORS, formula_error, may_show_errors
from .formats import written_through
from .xlsx import column_letter

if TYPE_CHECKING:
    from .workbook import Aggregate, CellFormats

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")
DELIMITERS = (",", ";", "\t", "|")
FORMATS = ("csv", "xlsx", "json", "jsonl")
ALL_SHEETS = ("all", "*")
# Tabs named like published posts: read as posts (post-based metrics) when their columns are a posts
# table's (`metrics.posts.workbook_posts`), never picked as the prospect list.
POSTS_TAB_NAMES = ("posts", "post", "publications", "media posted", "contenus", "contents", "videos", "reels")
# Tabs that hold posts or campaign results, not prospects.
POSTS_TABS = (*POSTS_TAB_NAMES,
              "campaign report", "e com performance", "ecom performance", "resultats", "results", "ventes",
              "sales", "orders", "commandes", "lisez moi", "readme", "read me", "notice", "instructions",
              "legende", "legend", "parametres", "settings", "listes", "lists", "config")


@dataclass(frozen=True)
class TabTest:
    """What a workbook's tab must hold to be read when no --sheet names it, other than a prospect list
    (a follower history: a date column and a followers or gains column): `fits(header)` says it from
    the header the read would find, `what` names it in the error when no tab does."""
    what: str
    fits: Callable[[list[str]], bool]


@dataclass
class RawSheet:
    """The cells of one table, below its header row, with what the writer needs to find them again."""

    source: str  # file name as the user gave it ("<stdin>" for -)
    sheet: str | None  # sheet name for workbooks
    header_row: int  # 1-based row number of the header in the sheet/file
    headers: list[str]
    rows: list[list[Any]]  # data rows, each padded to len(headers)
    row_numbers: list[int]  # 1-based sheet row of each data row
    blank_rows: int = 0  # fully empty rows skipped below the header
    encoding: str | None = None
    delimiter: str | None = None
    sheet_names: list[str] = field(default_factory=list)
    column_numbers: list[int] = field(default_factory=list)  # 1-based sheet column of each header
    links: dict[tuple[int, int], str] = field(default_factory=dict)  # (data row, column) -> hyperlink target
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (data row, column) -> the formula error
    # the cell showed (#REF!, #N/D, Err:502); the cell itself reads as empty
    labels: set[tuple[int, int]] = field(default_factory=set)  # (data row, column) of cells whose text is the
    # label of a link influkit could not read (a HYPERLINK() of another sheet's cell), or the value of an
    # aggregate formula (`=COUNTA(B4:B17)`): never an account
    # (data row, column, message, note: the cell was read and the message says how, `Issue.note`)
    cell_issues: list[tuple[int, int | None, str, bool]] = field(default_factory=list)
    aggregates: dict[int, str] = field(default_factory=dict)  # data row -> total/average/subtotal/summary
    # (formulas adding up their own column over the rows above them)
    sums: dict[tuple[int, int], str] = field(default_factory=dict)  # (data row, column) -> the kind of an
    # aggregate formula summing up the rows above it, whatever their column (`=COUNTA(A4:A17)` under
    # "Profil"), reading nothing of its own row (`Aggregate.summarises`)
    platform: str | None = None  # the network the tab is named after ("Instagram", "TT")
    title: tuple[int, str] | None = None  # (1-based row, text) of a title above the header naming one network
    list_sheets: list[str] = field(default_factory=list)  # other tabs that look like prospect lists
    hidden_sheets: list[str] = field(default_factory=list)
    format: str = "csv"  # csv, xlsx, ods, xls, json
    notes: list[str] = field(default_factory=list)
    header_rows: int = 1  # 2 when a row of network names above the header was read with it
    influkit_columns: set[int] | None = None  # columns influkit's in-place writer marked (xlsx), None: no mark
    formats: CellFormats | None = None  # xlsx: the number formats of its cells (found when asked)
    # a workbook's tabs, each with what it holds ("'Budget' (header Poste | Montant: no name, handle or
    # profile column)"), when the tab read has no list header (`list_header`): for the error saying no tab
    # holds a prospect list (`normalize.require_list`), unless its cells name the accounts
    tabs_seen: list[str] = field(default_factory=list)
    headerless: bool = False  # the tab has no header row: its first row is data (`reads_as_data`); header_row
    # is then the row above the first data row (0: none), the headers "column A", "column B"...

    def __post_init__(self) -> None:
        if not self.column_numbers:
            self.column_numbers = list(range(1, len(self.headers) + 1))



class SharedCells:
    """Equal cells of a column made one object, as rows arrive: a 500k-row sheet repeats its statuses,
    countries, categories, names, dates and round numbers, and each repeat read from the file is a new
    object. Only text, dates and non-zero floats are shared: cells that compare equal only when they are
    the same value of the same type (1 == 1.0 == True and 0.0 == -0.0 are never merged). A column whose
    cells are mostly distinct (links, e-mails, follower counts) stops being looked at."""

    def __init__(self) -> None:
        self.memos: list[dict[Any, Any] | None] = []
        self.seen: list[int] = []
        self.done = 0  # rows already shared

    def share(self, rows: list[list[Any]]) -> None:
        """Share the cells of the rows not shared yet, in place."""
        chunk = rows[self.done :]
        self.done = len(rows)
        if not chunk:
            return
        width = max(map(len, chunk))
        while len(self.memos) < width:
            self.memos.append({})
            self.seen.append(0)
        even = min(map(len, chunk)) == width
        text, date, real = str, dt.date, float
        for j in range(width):
            memo = self.memos[j]
            if memo is None:
                continue
            keep = memo.setdefault
            for row in chunk:
                if even or j < len(row):
                    v = row[j]
                    kind = v.__class__
                    if kind is text or kind is real and v or kind is date:
                        row[j] = keep(v, v)
            self.seen[j] += len(chunk)
            if len(memo) > SHARED_CELLS_MAX_DISTINCT * max(self.seen[j], SHARED_CELLS_CHUNK):
                self.memos[j] = None  # mostly distinct values: sharing them would only cost time


def collect_rows(it: Iterable[list[Any]], rows: list[list[Any]], shared: SharedCells,
                 limit: int | None = None, tick: Callable[[int], None] | None = None) -> None:
    """Append the rows of `it` to `rows` (at most `limit` in all), their repeated cells shared every
    SHARED_CELLS_CHUNK rows, so a sheet's repeats never exist as separate objects all at once. `tick`:
    told the rows read so far, as often (progress)."""
    append = rows.append
    mark = len(rows) + SHARED_CELLS_CHUNK
    for row in it:
        append(row)
        if len(rows) >= mark:
            shared.share(rows)
            mark = len(rows) + SHARED_CELLS_CHUNK
            if tick is not None:
                tick(len(rows))
        if limit is not None and len(rows) >= limit:
            break
    shared.share(rows)


_DATA_TEXT = re.compile(
    r"""^(?:https?://|www\.)\S+$          # a link
      | ^@[\w.]{2,}$                        # an @handle
      | ^\S+@\S+\.\w+$                     # an e-mail address
      | ^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}     # a date
      | ^[-+]?\d[\d\s.,]*\s*[kKmM%€$£]?$     # a number, a count, a rate, an amount
    """, re.VERBOSE)


_ACCOUNT_KINDS = frozenset({"profile", "at_handle", "name_handle", "email"})  # cells naming who (value_kinds)


def data_like(cell: Any) -> bool:
    """True for a cell that is a value, not a column label: a number, a date, a link, an @handle, an
    e-mail, or a sentence (a caption, a note). A header row has none of them."""
    if cell is None or isinstance(cell, bool):
        return False
    if not isinstance(cell, str):
        return True  # numbers, dates
    text = cell.strip()
    return bool(text) and (bool(_DATA_TEXT.match(text)) or len(text.split()) > 8)


def _label(cell: Any) -> bool:
    """A cell that reads as a column label: a header word influkit knows ("Nom", "Abonnés", "@compte",
    "@Instagram"), not a value (an @handle of a person, a link, a number) nor a bare network name (a
    value as often as a header)."""
    from ..schema import PLATFORM_WORDS
    from ..text import fold_key
    from .columns import header_known

    if not isinstance(cell, str):
        return False
    text = " ".join(cell.split())
    if text.startswith("@"):  # "@compte", "@Instagram": a header; "@lea.beauty": an account
        return len(text) > 1 and header_known(text[1:])
    return not data_like(text) and _ACCOUNT_KINDS.isdisjoint(_kinds(text)) and header_known(text) \
        and fold_key(text) not in PLATFORM_WORDS


def _kinds(cell: Any) -> frozenset[str]:
    from .columns import value_kinds

    return value_kinds(cell) if isinstance(cell, str) else frozenset()


def _shape(cell: Any) -> str:
    """What a cell is, coarsely, to tell a row of data from a header above rows like it: an account, a
    value (number, date, rate, money), or text."""
    if not _ACCOUNT_KINDS.isdisjoint(_kinds(cell)):
        return "account"
    return "value" if data_like(cell) else "text"


def reads_as_data(cells: Sequence[Any], below: Sequence[Any] | None = None) -> bool:
    """Whether the row a tab's header would be read from is a row of data instead (a tab with no header
    row: `@lea.beauty | Léa | 12500 | 4,2 %`). Its cells are labels (header words influkit knows),
    accounts (a profile link, an @handle, `name @handle`, an e-mail: no header is one) or values (counts,
    rates, money, dates, sentences: `data_like`). Data when it has an account cell and no more labels
    than accounts and values; or, without a label, values in half its cells (2 at least), or a value and
    cells of the same kinds as the next row's, column by column (`below`: `lea.beauty | Léa | 12500`
    over `zoe.cuisine | Zoé | 8000`). A header of odd labels (`Qui | Où | Combien`) holds no value: a
    header. The one rule, for CSV and every workbook format."""
    filled = [(j, c) for j, c in enumerate(cells) if _filled((c,))]
    if not filled:
        return False
    labels = sum(1 for _, c in filled if _label(c))
    shapes = {j: "label" if _label(c) else _shape(c) for j, c in filled}
    accounts = sum(1 for s in shapes.values() if s == "account")
    values = sum(1 for s in shapes.values() if s == "value")
    if accounts and accounts + values >= labels:
        return True
    if labels or not values:
        return False
    if 2 * values >= len(filled) and values >= min(2, len(filled)):
        return True
    if below is None:
        return False
    under = {j: _shape(c) for j, c in enumerate(below) if _filled((c,))}
    return len(under) >= len(shapes) and all(under.get(j) == s for j, s in shapes.items())


def data_at(rows: Sequence[Sequence[Any]], h: int) -> bool:
    """`reads_as_data` of row `h`, beside the next filled row below it."""
    below = next((r for r in rows[h + 1 : h + 1 + HEADER_SCAN_ROWS] if not _is_blank(r)), None)
    return reads_as_data(rows[h], below)


def _first_data_row(rows: Sequence[Sequence[Any]], h: int) -> int:
    """The first row of a tab with no header row, `h` being a row of data: the rows above it that are
    data too (a lone @handle or link on the first row) or blank, from the first filled one; a title above
    them (a lone line of text) stays out."""
    start = h
    while start > 0 and (_is_blank(rows[start - 1]) or reads_as_data(rows[start - 1], rows[h])):
        start -= 1
    while start < h and _is_blank(rows[start]):
        start += 1
    return start


def header_score(cells: Sequence[Any]) -> int:
    """How much a row looks like a header: cells naming known columns, less cells that hold values
    (a first data row whose network cell says "TikTok" or whose format says "Post" is not a header)."""
    from .columns import header_known

    known = sum(1 for cell in cells if isinstance(cell, str) and cell and header_known(cell))
    return known - sum(1 for cell in cells if data_like(cell))


def _filled(cells: Iterable[Any]) -> int:
    return sum(1 for c in cells if c is not None and c != "" and not (isinstance(c, str) and not c.strip()))


def _is_blank(cells: Iterable[Any]) -> bool:
    """No cell but None and blank text. (A loop, not all() over a generator: called once a row, it took
    1.1 s for a 1M-row CSV against 0.2 s, the generator made for each row being most of it.)"""
    for c in cells:  # noqa: SIM110 (see the docstring: a loop is the point)
        if c is not None and (not isinstance(c, str) or c.strip()):
            return False
    return True


def list_header(cells: Sequence[Any]) -> bool:
    """Whether a header row is a prospect list's: a cell naming people or accounts (`names_accounts`: a
    name, a handle, a profile) in a table's header (2+ filled cells), or, alone on its row, a known label
    (`Pseudo`, `Nom`: a one-column list), not a line of text that holds such a word (a "Notes" tab's
    `On cherche des créatrices beauté`)."""
    from .columns import names_accounts, understand_header

    named = [c for c in cells if isinstance(c, str) and c.strip()]
    if not names_accounts(named):
        return False
    return _filled(cells) >= 2 or understand_header(" ".join(named[0].split())).how == "synonym"


def _find_header(rows: Sequence[Sequence[Any]]) -> int:
    """Index of the header row among the first rows: most known columns, first non-blank as fallback."""
    best, best_score = -1, HEADER_MIN_KNOWN - 1
    for i, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        score = header_score(cells)
        # a title row has one filled cell; a header has several
        if score > best_score and _filled(cells) >= 2:
            best, best_score = i, score
    if best >= 0:
        return best
    for i, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        if _filled(cells) >= 2:
            return i
    for i, cells in enumerate(rows):
        if not _is_blank(cells):
            return i
    return 0


def unnamed_header(index: int) -> str:
    """The name a column with values but no header gets ("column F"), from its 0-based sheet column: the
    sheet itself has no such text (the in-place writer does not look for it on the header row)."""
    return f"column {column_letter(index)}"


def _clean_header(cell: Any, index: int) -> str:
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return unnamed_header(index)
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return " ".join(str(cell).split())  # line breaks and runs of spaces inside header cells


def _names_an_account(text: Any) -> bool:
    """Whether the text a link shows names an account by itself: an @handle or a profile link of a network
    ("@lea.martin", "instagram.com/lea"), not a label ("Voir", "Profil") nor a bare word."""
    from .parse.profiles import parse_profile

    if not isinstance(text, str):
        return False
    platform, handle, _ = parse_profile(text)
    return handle is not None and (platform is not None or text.strip().startswith("@"))


def _group_labels(above: Sequence[Any], header: list[Any], merges: list[tuple[int, int]]) -> dict[int, str]:
    """Column -> network name for a row of network names above the header ("Instagram" over "Abonnés |
    ER"): each name covers its merged range, else its column and the following ones while they read as
    that network's account columns, up to the next label of the row (a network or another group:
    "Créateur", "Infos")."""
    from .columns import platform_of_name

    labels = [(i, str(v).strip()) for i, v in enumerate(above) if isinstance(v, str) and v.strip()]
    if not labels or len(labels) > TWO_ROW_HEADER_MAX_GROUPS or _filled(header) <= len(labels):
        return {}
    # the networks' groups; another label of the row ("Créateur", "Infos", "Suivi") only ends the group
    # before it, as a group of the creator's own columns
    networks = [(i, text) for i, text in labels if platform_of_name(text) is not None]
    if not networks or len(labels) == 1 and _titles_the_table(*labels[0], header, merges):
        return {}
    starts = {i for i, _ in labels}
    out: dict[int, str] = {}
    for i, text in networks:
        span = next((end for start, end in merges if start == i), None)
        j = i
        while j < len(header):
            if j != i and (j in starts or (span is None and j > i and not _per_account(text, header[j]))):
                break
            if span is not None and j > span:
                break
            if header[j] not in (None, "") or j == i:
                out[j] = text
            j += 1
    return out


def _titles_the_table(i: int, text: str, header: Sequence[Any], merges: list[tuple[int, int]]) -> bool:
    """Whether the lone label `text` (column `i`) of the row above the header titles the table instead of
    grouping some of its columns: it says more than a network's name ("TikTok — Printemps 2026",
    "Campagne TikTok printemps", "YOUTUBE 2026"), or it is the bare name over the whole table (merged
    across it, or unmerged in its first column, where a title is typed). A bare name over some of the
    columns ("Instagram" merged over "Compte | Abonnés" beside "Nom") still groups them."""
    from .columns import network_name_only

    if not network_name_only(text):
        return True
    filled = [j for j, cell in enumerate(header) if not _is_blank((cell,))]
    if not filled or i > filled[0]:
        return False
    span = next((end for start, end in merges if start == i), None)
    return span is None or span >= filled[-1]


def _title_above(rows: Sequence[Sequence[Any]]) -> tuple[int, str] | None:
    """The first title row above the header naming a network, as (0-based row, text), when the title rows
    (a lone text cell on their row: "TikTok — Printemps 2026", "Campagne Instagram Q2") name one network
    between them."""
    from .columns import platform_of_name

    found: list[tuple[int, str, str]] = []
    for r, cells in enumerate(rows):
        texts = [c for c in cells if not _is_blank((c,))]
        if len(texts) == 1 and isinstance(texts[0], str) and not data_like(texts[0]):
            text = " ".join(texts[0].split())
            if (plat := platform_of_name(text)) is not None:
                found.append((r, text, plat))
    if len({plat for _, _, plat in found}) != 1:
        return None
    return found[0][0], found[0][1]


def _per_account(platform: str, header: Any) -> bool:
    from ..schema import PROFILE
    from .columns import understand_header

    if not isinstance(header, str) or not header.strip():
        return False
    meaning = understand_header(f"{platform} {' '.join(header.split())}")
    return meaning.platform is not None and meaning.column in (
        PROFILE, "followers", "following", "posts", "avg_likes", "avg_comments", "avg_views", "avg_shares",
        "engagement_rate", "tier")


def _fill_merged_down(rows: list[list[Any]], merges: list[tuple[tuple[int, int], tuple[int, int]]], h: int,
                      col_offset: int) -> None:
    """A cell merged down over several rows below the header (a person's name, status and date beside
    their two accounts' rows) gives its value to each of those rows, as the sheet shows it: the reader
    sees it only in the first. Only down its own column: a range across columns is one cell's text, not a
    value for the cells beside it."""
    for (r1, c1), (r2, _c2) in merges:
        j = c1 - col_offset
        if r2 <= r1 or r1 <= h or j < 0 or r1 >= len(rows) or j >= len(rows[r1]):
            continue
        value = rows[r1][j]
        if value is None or value == "":
            continue
        for r in range(r1 + 1, min(r2, len(rows) - 1) + 1):
            row = rows[r]
            while len(row) <= j:
                row.append(None)
            if row[j] is None or row[j] == "":
                row[j] = value


def _error_texts(rows: list[list[Any]], errors: dict[tuple[int, int], str] | None, col_offset: int) -> None:
    """The error cells of a workbook (`#REF!`, which python-calamine gives as empty text in an xlsx, as 0
    in an ods) shown as their text again, as a CSV export shows them."""
    for (r, c), text in (errors or {}).items():
        j = c - col_offset
        if 0 <= r < len(rows) and j >= 0 and formula_error(text) is not None:
            row = rows[r] if isinstance(rows[r], list) else list(rows[r])
            rows[r] = row
            if j >= len(row):
                row.extend([None] * (j + 1 - len(row)))
            row[j] = text


def _build(
    rows: list[list[Any]],
    source: str,
    sheet: str | None,
    *,
    col_offset: int = 0,
    links: dict[tuple[int, int], str] | None = None,
    formulas: dict[tuple[int, int], str] | None = None,
    aggregates: dict[tuple[int, int], Aggregate] | None = None,
    merges: list[tuple[tuple[int, int], tuple[int, int]]] | None = None,
    broken: dict[int, str] | None = None,
    marked: set[int] | None = None,
    uncached: dict[tuple[int, int], str] | None = None,
    errors: dict[tuple[int, int], str] | None = None,
    error_free: bool = False,
) -> RawSheet:
    """The table of a sheet's rows (0-based rows from the sheet's first row, columns from `col_offset`).

    A column without a header and without a value below it (a spacer column, or the gap before a side
    cell such as a `=SUM(...)` beside the table) is not part of the table; a column without a header
    that holds values is kept as "column F". `error_free`: the caller knows no cell shows a formula error
    (a CSV whose text holds none, `errorcells.may_show_errors`): the rows are not looked at for one."""
    # a row whose cells are formulas never calculated (a file written by a script) is not blank, even
    # when the spreadsheet reader, seeing no values, stops before it
    computed = ({r for r, _ in formulas or ()} | {r for r, _ in aggregates or ()} | set(broken or ())
                | {r for r, _ in uncached or ()} | {r for r, _ in errors or ()})
    if computed and max(computed) >= len(rows):
        rows = [*rows, *([] for _ in range(max(computed) + 1 - len(rows)))]
    _error_texts(rows, errors, col_offset)
    h = _find_header(rows)
    # a tab whose first rows are data (no header row): every row from the first is data, its columns
    # named by position ("column A") and decided by their cells (`normalize`)
    first = _first_data_row(rows, h) if rows and data_at(rows, h) else h + 1
    headerless = first <= h
    if merges:
        _fill_merged_down(rows, merges, first - 1, col_offset)
    header_cells = [] if headerless or not rows else list(rows[h])
    # a table may be wider than its header when data spills right of it
    width = max((len(r) for r in rows[min(h, first):]), default=0)
    while len(header_cells) < width:
        header_cells.append(None)
    below = rows[first:]
    failed = set() if error_free else {offset for offset, cells in enumerate(below, start=first)
                                       if not FORMULA_ERRORS.isdisjoint(cells)}  # rows showing one: never blank
    computed |= failed
    keep = [j for j, cell in enumerate(header_cells) if cell not in (None, "") and not (
        isinstance(cell, str) and not cell.strip()) or any(
        j < len(r) and r[j] is not None and r[j] != "" and not (isinstance(r[j], str) and not r[j].strip())
        for r in below)]
    width = len(keep)
    every = width == len(header_cells)  # no column left out: rows are sliced, not picked
    header_cells = [header_cells[j] for j in keep]
    pos_of = {j: i for i, j in enumerate(keep)}
    groups: dict[int, str] = {}
    if h > 0 and not headerless:  # merged ranges in kept positions (a dropped spacer column inside a range is skipped)
        row_merges = [(bisect.bisect_left(keep, a[1] - col_offset), bisect.bisect_right(keep, b[1] - col_offset) - 1)
                      for a, b in (merges or []) if a[0] == h - 1]
        above = rows[h - 1]
        groups = _group_labels([above[j] if j < len(above) else None for j in keep], header_cells, row_merges)
    headers = [_clean_header(c, col_offset + keep[i]) for i, c in enumerate(header_cells)]
    for i, label in groups.items():
        if header_cells[i] in (None, ""):
            headers[i] = label
        elif label.casefold() not in headers[i].casefold():
            headers[i] = f"{label} {headers[i]}"
    data: list[list[Any]] = []
    numbers: list[int] = []
    index_of: dict[int, int] = {}
    raw_errors: dict[tuple[int, int], str] = {}
    blank = 0
    for offset, cells in enumerate(below, start=first):
        if only_booleans(cells) and offset not in computed:
            blank += 1
            continue
        if every and cells.__class__ is list:  # the reader's own row, a fresh list: kept, not copied
            row = cells
            if len(row) < width:
                row.extend([None] * (width - len(row)))
        elif every:
            row = list(cells[:width])
            if len(row) < width:
                row.extend([None] * (width - len(row)))
        else:
            n = len(cells)
            row = [cells[j] if j < n else None for j in keep]
        if offset in failed:
            for j, v in enumerate(row):
                if v in FORMULA_ERRORS:  # no value: a column influkit reads says so, one it keeps keeps the text
                    raw_errors[(len(data), j)] = v
                    row[j] = None
        index_of[offset] = len(data)
        data.append(row)
        numbers.append(1 + offset)
    raw = RawSheet(
        source=source,
        sheet=sheet,
        errors=raw_errors,
        header_row=first,
        headers=headers,
        rows=data,
        row_numbers=numbers,
        blank_rows=blank,
        column_numbers=[col_offset + j + 1 for j in keep],
        header_rows=2 if groups else 1,
    )
    raw.headerless = headerless  # (`normalize` says so, with the columns its cells made known)
    if (title := _title_above(rows[: h - 1 if groups else min(h, first)])) is not None:
        raw.title = (1 + title[0], title[1])
    if groups:
        raw.notes.append(f"row {h} names networks above the header: read with it ("
                         + ", ".join(sorted({v for v in groups.values()})) + ")")
    if marked is not None:
        raw.influkit_columns = {i for i, j in enumerate(keep) if col_offset + j in marked}
    for (r, c), url in (links or {}).items():
        k, col = index_of.get(r), pos_of.get(c - col_offset)
        if k is not None and col is not None:
            raw.links[(k, col)] = url
    if formulas:
        from .workbook import hyperlink_link, hyperlink_wrapped

        def value_of(r: int, c: int) -> Any:
            col = c - col_offset
            return rows[r][col] if 0 <= r < len(rows) and 0 <= col < len(rows[r]) else None

        for (r, c), formula in formulas.items():
            k, col = index_of.get(r), pos_of.get(c - col_offset)
            if k is not None and col is not None:
                text = raw.rows[k][col]
                if (text is None or text == "") and (r, c) not in (uncached or {}) and hyperlink_wrapped(formula):
                    continue  # IF(...; HYPERLINK(...); ""), IFERROR(...) showing nothing: the link was not taken
                target, why = hyperlink_link(formula, value_of)
                if target:
                    raw.links.setdefault((k, col), target)
                elif (k, col) not in raw.links:
                    shown = formula if len(formula) <= 60 else formula[:57] + "..."
                    if _names_an_account(text):  # "@lea.martin" over a link to another tab: the text is the account
                        raw.cell_issues.append((k, col, f"the link of the formula {shown!r} is not read ({why}): "
                                                        "the account its text names is read", True))
                        continue
                    raw.labels.add((k, col))  # the text a link shows is its label ("Voir"), never an account
                    raw.cell_issues.append((k, col, f"the link of the formula {shown!r} is not read ({why}): "
                                                    "its text is only a label, no account is read from it", False))
    for (r, c), aggregate in (aggregates or {}).items():
        k, col = index_of.get(r), pos_of.get(c - col_offset)
        if k is None or col is None:
            continue  # a formula outside the table (beside it, above the header) marks no row
        # a count or a sum of a range (`=COUNTA(B4:B17)` under "Profil" shows 12) names no account, whatever
        # its column: never read as a handle, a link or a name (a TOTAL row's count is no creator "12")
        raw.labels.add((k, col))
        if aggregate.summarises(r):
            raw.sums[(k, col)] = aggregate.kind
        if aggregate.sums_down(r, c, header_cells[col] if isinstance(header_cells[col], str) else None):
            raw.aggregates[k] = stronger_kind(raw.aggregates.get(k), aggregate.kind)
    for r, message in (broken or {}).items():
        k = index_of.get(r)
        if k is not None:
            raw.cell_issues.append((k, None, message, False))
    for (r, c), formula in sorted((uncached or {}).items()):
        if (r, c) in (aggregates or {}):
            continue  # a total's SUM: its row is no creator, its value is never read
        k, col = index_of.get(r), pos_of.get(c - col_offset)
        if k is not None and col is not None and raw.rows[k][col] in (None, ""):
            shown = formula if len(formula) <= 40 else formula[:37] + "..."
            raw.cell_issues.append((k, col, f"the formula '={shown}' was saved without its value (a file written "
                                            "by a script): open and save the file in Excel or LibreOffice", False))
    return raw


# ----------------------------------------------------------------------------------------------- CSV


def _cp1252_or_latin1(error: UnicodeError) -> tuple[str, int]:
    """Bytes that cp1252 leaves undefined (0x81, 0x8D, ...) decode as latin-1."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("latin-1"), error.end


codecs.register_error("influkit-latin1", _cp1252_or_latin1)


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' for text written as UTF-16 without its BOM (every other byte is NUL)."""
    sample = head[:SNIFF_BYTES]
    if len(sample) < 8:
        return None
    even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd > UTF16_NUL_SHARE and even < BINARY_NUL_SHARE / 2:
        return "utf-16-le"
    if even > UTF16_NUL_SHARE and odd < BINARY_NUL_SHARE / 2:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes: UTF-8 (with or without BOM), UTF-16 (with BOM, or recognised without),
    else cp1252 with latin-1 for the bytes cp1252 leaves undefined."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    bare16 = _utf16_without_bom(data)
    if bare16:
        return data.decode(bare16, errors="replace"), bare16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="influkit-latin1"), "cp1252"


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")  # as io.StringIO(text, newline="") splits
_LF_LINE = re.compile(r"[^\n]*\n|[^\n]+")  # as io.StringIO(text) splits


def _lines(text: str, pattern: re.Pattern[str] = _LINE) -> Iterator[str]:
    """The lines of `text` (line ends kept) as `io.StringIO(text, newline="")` reads them (ending at LF,
    CRLF or CR), or with `_LF_LINE` as `io.StringIO(text)` does (at LF), without StringIO's copy of the
    whole text at 4 bytes a character (760 MB for a 190 MB CSV)."""
    for m in pattern.finditer(text):
        yield m[0]


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the sample into the most consistent multi-column rows."""
    sample_lines = []
    for line in _lines(text, _LF_LINE):
        sample_lines.append(line)
        if len(sample_lines) >= SNIFF_LINES:
            break
    sample = "".join(sample_lines)
    best, best_score = ",", -1.0
    for delim in DELIMITERS:
        if delim not in sample:
            continue
        try:
            with _csv_limit():
                parsed = list(csv.reader(io.StringIO(sample), delimiter=delim))
        except csv.Error:
            continue
        widths = [len(r) for r in parsed if r and any(c.strip() for c in r)]
        if len(parsed) >= 2 and not sample.endswith("\n"):
            widths = widths[:-1] or widths  # the last sample row may be cut in the middle
        multi = [w for w in widths if w > 1]
        if not multi:
            continue
        mode = max(set(multi), key=multi.count)
        consistent = multi.count(mode)
        score = consistent * 1000 + mode  # most rows agreeing, then the widest
        if score > best_score:
            best, best_score = delim, score
    return best


@contextlib.contextmanager
def _csv_limit() -> Iterator[None]:
    """Python's csv stops a whole file on a field over 131,072 characters: read such fields (they are
    flagged on their row) and put the module's limit back afterwards."""
    old = csv.field_size_limit()
    csv.field_size_limit(CSV_FIELD_LIMIT)
    try:
        yield
    finally:
        csv.field_size_limit(old)


_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"MZ", b"\x1f\x8b", b"BZh",
                 b"Rar!", b"7z\xbc\xaf", b"SQLite format 3")
_WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # a zip (xlsx, ods) or an OLE file (xls)
_BARE_CR = re.compile(r"\r(?!\n)")
_CR_MARK = "\ue000"  # a private-use character standing for a bare CR while the CSV module splits rows


def _looks_binary(head: bytes) -> bool:
    if head.startswith(_BINARY_MAGIC):
        return True
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_without_bom(head):
        return False
    if head.count(0) > max(8, len(head) * BINARY_NUL_SHARE):  # a stray NUL in a bio is not a binary file
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))  # (random bytes: 30 in 256)
    return controls > max(8, len(head) * BINARY_CONTROL_SHARE)


_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32), 127])  # all but tab, LF, CR


_NOTHING = re.compile("[ \t\r\n\ufeff,;|\x00]*")  # a CSV of separators and blanks only


def read_csv_bytes(data: bytes, source: str, delimiter: str | None = None) -> RawSheet:
    head = data[:SNIFF_BYTES]
    if head.startswith(_WORKBOOK_MAGIC):
        raise InfluError("a workbook (xlsx, xls or ods: binary content), not CSV: read it with --from xlsx",
                         file=source)
    if _looks_binary(head):
        raise InfluError("not a CSV or spreadsheet file (binary content); influkit reads csv, tsv, xlsx, "
                         "xlsm, xls, ods and influkit's json/jsonl", file=source)
    text, encoding = decode_text(data)
    if "\r" in text and "\n" not in text:  # old Mac line ends (Excel for Mac's "CSV (Macintosh)"): CR alone
        text = text.replace("\r", "\n")
    if _NOTHING.fullmatch(text):  # (strip() and partition() would copy the whole text)
        raise InfluError("the file is empty: no header row and no data", file=source)
    notes: list[str] = []
    end = text.find("\n")
    first_line = text if end < 0 else text[:end]
    if first_line.strip().lower().startswith("sep=") and len(first_line.strip()) == 5:
        delimiter = delimiter or first_line.strip()[4]  # Excel's "sep=;" hint line
        text = "" if end < 0 else text[end + 1 :]
        notes.append(f"the file's first line names its delimiter ({first_line.strip()}): skipped")
    nul = "\x00" in text
    if nul:
        text = text.replace("\x00", "\ufffd")
    # A bare CR (not followed by LF) inside a file whose lines end in LF is part of a cell, not a row end.
    bare_cr = "\r" in text and "\n" in text and text.count("\r") != text.count("\r\n")
    if bare_cr:
        text = _BARE_CR.sub(_CR_MARK, text)  # (a CRLF inside another cell stays CRLF)
    delim = delimiter or sniff_delimiter(text)
    rows: list[list[Any]] = []
    try:
        # (the rows to read: at most one per line end, fewer when cells hold line breaks)
        with _csv_limit(), gc_paused(), progress.step(f"reading {_shown_name(source)}", text.count("\n") + 1,
                                                      "rows") as tick:
            collect_rows(csv.reader(_lines(text), delimiter=delim), rows, SharedCells(), tick=tick)
            tick(len(rows), len(rows))
    except csv.Error as exc:
        raise InfluError(f"cannot parse as CSV: {exc}", file=source) from exc
    hostile: dict[int, list[tuple[int, str]]] = {}
    if nul or bare_cr or len(text) > LONG_CELL_CHARS:
        for r, row in enumerate(rows):
            if not (nul or bare_cr) and sum(map(len, row)) <= LONG_CELL_CHARS:
                continue  # no cell of this row is long
            for c, cell in enumerate(row):
                if _CR_MARK in cell:
                    row[c] = cell = cell.replace(_CR_MARK, "\n")
                    hostile.setdefault(r, []).append((c, "a bare carriage return (CR) inside the cell: read "
                                                         "as a line break"))
                if "\ufffd" in cell and nul and "\x00" in data.decode(encoding.removesuffix("-sig"), "replace"):
                    row[c] = cell = cell.replace("\ufffd", "")
                    hostile.setdefault(r, []).append((c, "NUL bytes inside the cell: removed"))
                if len(cell) > LONG_CELL_CHARS:
                    hostile.setdefault(r, []).append((c, f"a cell of {len(cell):,} characters (kept whole; "
                                                         "Excel keeps at most 32,767)"))
    sheet = _build(rows, source, None, error_free=not may_show_errors(text))
    if notes:  # the "sep=" line was row 1 of the file: row numbers stay the file's own
        sheet.header_row += 1
        sheet.row_numbers = [n + 1 for n in sheet.row_numbers]
    sheet.encoding = encoding
    sheet.delimiter = delim
    sheet.notes[:0] = notes
    if hostile:
        index_of = {n - 1 - len(notes): k for k, n in enumerate(sheet.row_numbers)}
        column_of = {n - 1: i for i, n in enumerate(sheet.column_numbers)}
        for r, problems in hostile.items():
            k = index_of.get(r)
            for c, message in problems:
                if k is not None:
                    sheet.cell_issues.append((k, column_of.get(c), message, True))  # (read: said how)
    return sheet


# ---------------------------------------------------------------------------------------------- JSON


def json_records(doc: Any) -> list[Any]:
    """The records of a JSON document: a list as it is; an object holding a list of objects (an API's
    `{"data": [...], "paging": {...}}`, `{"business_discovery": {"media": {"data": [...]}}}`) that list,
    the shallowest when there is one at its depth (else the object is one record); any other object is
    one record."""
    if not isinstance(doc, dict):
        return doc if isinstance(doc, list) else [doc]
    level: list[Any] = [doc]
    while level:
        found = [v for d in level for v in d.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
        if found:
            return found[0] if len(found) == 1 else [doc]
        # (only an object of containers wraps the list: one with plain values of its own, a username, is
        # one record, whatever lists its nested parts hold)
        level = [v for d in level if all(isinstance(x, dict | list) for x in d.values())
                 for v in d.values() if isinstance(v, dict)]
    empty = [v for v in doc.values() if isinstance(v, list)]
    return empty[0] if len(empty) == 1 and not empty[0] else [doc]


def flat_record(record: dict[Any, Any]) -> dict[str, Any]:
    """One JSON record as a sheet's row: a nested object's keys joined with dots (`{"stats": {"followers":
    1}}` is the column `stats.followers`, read as followers), a list of plain values as one text
    ("beauty, food"); a list holding objects stays JSON text."""
    out: dict[str, Any] = {}

    def put(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                put(f"{prefix}.{k}", v)
            if not value:
                out.setdefault(prefix, None)
        elif isinstance(value, list) and all(v is None or isinstance(v, str | int | float | bool) for v in value):
            out.setdefault(prefix, ", ".join(str(v) for v in value if v is not None and str(v).strip()) or None)
        elif isinstance(value, dict | list):
            out.setdefault(prefix, json.dumps(value, ensure_ascii=False))
        else:
            out.setdefault(prefix, value)

    for key, value in record.items():
        put(str(key), value)
    return out


def _big_int(text: str) -> Any:
    return int(text) if len(text) <= MAX_NUMBER_CHARS else text  # thousands of digits stay text (out of range)


def parse_json(text: str) -> Any:
    """A JSON input: one document first, however it is laid out ({"data": [...]} on one line, indented,
    wrapped), else JSON Lines (one value a line). Raises json.JSONDecodeError naming the file's line."""
    stripped = text.strip()
    try:
        return json.loads(stripped, parse_int=_big_int)
    except json.JSONDecodeError:
        if stripped.startswith("["):
            raise
        return _json_lines(stripped)


def _json_lines(text: str) -> list[Any]:
    """One JSON value per line (jsonl: lines end at "\n" only, a U+2028 inside a string is no line end);
    an error names the file's line ("line 3 column 9")."""
    out = []
    start = 0
    for line in text.split("\n"):
        if line.strip():
            try:
                out.append(json.loads(line, parse_int=_big_int))
            except json.JSONDecodeError as exc:
                raise json.JSONDecodeError(exc.msg, text, start + exc.pos) from None
        start += len(line) + 1
    return out


def read_json_bytes(data: bytes, source: str) -> RawSheet:
    """influkit's own `--format json` (a list of objects) or `jsonl` (one object per line) read back:
    keys are the headers (first-seen order), record k is sheet row k + 1 as in the CSV export."""
    text, encoding = decode_text(data)
    stripped = text.lstrip()
    records: list[Any]
    try:
        records = parse_json(stripped)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise InfluError(f"cannot parse as JSON: {exc}", file=source) from exc
    records = json_records(records)
    headers: dict[str, None] = {}
    flat = []
    for rec in records:
        if not isinstance(rec, dict):
            raise InfluError("JSON input must be a list of objects (influkit's --format json) or one object "
                             "per line (jsonl)", file=source)
        flat.append(flat_record(rec))
        for k in flat[-1]:
            headers.setdefault(k, None)
    names = list(headers)
    rows = [[rec.get(k) for k in names] for rec in flat]
    del flat
    sheet = RawSheet(source=source, sheet=None, header_row=1, headers=[" ".join(n.split()) or f"column {i + 1}"
                                                                       for i, n in enumerate(names)],
                     rows=rows, row_numbers=list(range(2, len(rows) + 2)), encoding=encoding, format="json")
    for at, row in enumerate(rows):  # a "#REF!" a Sheets export carried: a formula error, as in a sheet
        for j, v in enumerate(row):
            if isinstance(v, str) and v in FORMULA_ERRORS:
                sheet.errors[(at, j)] = v
                row[j] = None
    return sheet


_JSON_START = re.compile(rb'\s*(?:\[\s*(?:\{|\]|$)|\{\s*(?:"|\}|$))')


def _is_json(data: bytes) -> bool:
    """Text that starts like a JSON list of objects or a JSON object (influkit's json/jsonl)."""
    return _JSON_START.match(data[:64].removeprefix(codecs.BOM_UTF8)) is not None


# --------------------------------------------------------------------------------------------- Excel


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Hide what the Rust reader prints when it panics (the panic itself is caught and reported as an
    issue on its row): file descriptor 2 goes to a scratch file while calamine reads."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    with tempfile.TemporaryFile() as scratch:
        try:
            os.dup2(scratch.fileno(), 2)
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def _is_panic(exc: BaseException) -> bool:
    """python-calamine turns Rust panics into pyo3's PanicException, a BaseException."""
    return type(exc).__name__ == "PanicException"


def _shown_name(source: str) -> str:
    """A file as progress names it: its name without the folders (stdin as is)."""
    return source if source.startswith("<") else os.path.basename(source)


def _friendly(exc: BaseException) -> str:
    name = type(exc).__name__
    text = " ".join(str(exc).split())[:160]
    if "password" in text.lower() or "encrypt" in text.lower() or name == "PasswordError":
        return "the workbook is password-protected: save a copy without a password"
    if name in ("ZipError", "BadZipFile") or "zip" in text.lower():
        return f"not a readable xlsx/ods file: the file is damaged or not a spreadsheet ({text})"
    if name == "XmlError" or "xml" in text.lower():
        return f"the workbook's XML is damaged ({text}); open and save it again in Excel or LibreOffice"
    return f"cannot open as a spreadsheet: {text or name}"


def _book_kind(data: str | bytes) -> str:
    if isinstance(data, bytes):
        head = data[:8]
    else:
        with open(data, "rb") as fh:
            head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    try:
        with zipfile.ZipFile(data if isinstance(data, str) else io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (OSError, zipfile.BadZipFile):
        return "xlsx"
    if "content.xml" in names:
        return "ods"
    if "xl/workbook.bin" in names:
        return "xlsb"
    return "xlsx"


class Workbook:
    """An open workbook: its tabs (visible or not), and each tab read as a RawSheet on demand."""

    def __init__(self, data: str | bytes, source: str) -> None:
        from python_calamine import CalamineWorkbook

        self.source = source
        self.data = data
        try:
            self.kind = _book_kind(data)
            with _quiet_stderr():
                self.book = (CalamineWorkbook.from_path(data) if isinstance(data, str)
                             else CalamineWorkbook.from_filelike(io.BytesIO(data)))
        except Exception as exc:  # calamine raises its own error types
            raise InfluError(_friendly(exc), file=source) from exc
        except BaseException as exc:
            if not _is_panic(exc):
                raise
            raise InfluError(_friendly(exc), file=source) from None
        self.names: list[str] = list(self.book.sheet_names)
        self.hidden: list[str] = []
        try:
            for meta in self.book.sheets_metadata:
                if not str(meta.visible).endswith(".Visible"):
                    self.hidden.append(meta.name)
        except Exception:  # noqa: S110 - metadata is a nicety
            pass
        self._extras: Any = None
        self._xls_errors: dict[str, dict[tuple[int, int], str]] | None = None  # an .xls's error cells, by tab
        if self.kind == "xlsx":
            from .workbook import XlsxExtras

            self._extras = XlsxExtras(data)
        self._sheets: dict[str, Any] = {}
        self._scores: dict[str, int] = {}  # tab -> looks_like_list score (a tab read in full is let go)
        self.notes: list[str] = []

    def _sheet(self, name: str) -> Any:
        if name not in self._sheets:
            try:
                with _quiet_stderr():
                    self._sheets[name] = self.book.get_sheet_by_name(name)
            except Exception as exc:
                raise InfluError(_friendly(exc), file=self.source, sheet=name) from exc
            except BaseException as exc:
                if not _is_panic(exc):
                    raise
                self._sheets[name] = None  # calamine cannot load it: the fallback XML reader will
        return self._sheets[name]

    def rows(self, name: str, limit: int | None = None, tick: progress.Tick | None = None,
             ) -> tuple[list[list[Any]], int, dict[int, str]]:
        """(rows from the sheet's first row, column offset, {row: problem}) — a row that makes the Rust
        reader panic is read again from the XML, or left empty, and named in the problems. `tick`: told
        the rows read and the tab's height (progress)."""
        sheet = self._sheet(name)
        problems: dict[int, str] = {}
        if sheet is None:
            return self._fallback_rows(name, problems, limit)
        start = sheet.start
        col_offset = start[1] if start else 0
        rows: list[list[Any]] = []
        it = iter(sheet.iter_rows())
        shared = SharedCells()
        panics = 0
        height = None
        with contextlib.suppress(Exception):
            height = int(sheet.height)

        def told(done: int) -> None:
            if tick is not None:
                tick(done, height)

        with _quiet_stderr(), gc_paused():
            while True:
                try:
                    collect_rows(it, rows, shared, limit, told)
                    break
                except BaseException as exc:
                    if not _is_panic(exc):
                        raise
                    panics += 1
                    problems[len(rows)] = ("a cell of this row made the spreadsheet reader fail (an impossible "
                                           "date?); its values were read from the file's XML")
                    rows.append(self._row_from_xml(name, len(rows), col_offset))
                    if panics > 10_000 or (limit is not None and len(rows) >= limit):
                        break
            shared.share(rows)
        told(len(rows))
        return rows, col_offset, problems

    def _row_from_xml(self, name: str, r: int, col_offset: int) -> list[Any]:
        if self._extras is None:
            return []
        cells = self._extras.rows(name, {r}).get(r, {})
        width = max(cells, default=-1) + 1 - col_offset
        return [cells.get(col_offset + c) for c in range(max(0, width))]

    def _fallback_rows(self, name: str, problems: dict[int, str], limit: int | None
                       ) -> tuple[list[list[Any]], int, dict[int, str]]:
        if self._extras is None:
            raise InfluError("the spreadsheet reader failed on this sheet", file=self.source, sheet=name)
        table = self._extras.rows(name)
        last = max(table, default=-1)
        width = max((max(cells, default=-1) + 1 for cells in table.values()), default=0)
        rows = [[table.get(r, {}).get(c) for c in range(width)] for r in range(last + 1)]
        if limit is not None:
            rows = rows[:limit]
        if rows:
            self.notes.append("the spreadsheet reader failed on this tab: its cells were read from the file's "
                              "XML (date cells as Excel serial numbers)")
        return rows, 0, problems

    def header_of(self, name: str) -> list[str]:
        """The header a read of the tab finds (`_find_header` on its top rows, as `_build` does), from
        its top rows alone; [] for an empty or unreadable tab."""
        try:
            rows, _, _ = self.rows(name, HEADER_SCAN_ROWS)
        except InfluError:
            return []
        return [_clean_header(c, i) for i, c in enumerate(rows[_find_header(rows)])] if rows else []

    def has_list_header(self, name: str) -> bool:
        """Whether the header a read of the tab finds is a prospect list's (`list_header`)."""
        try:
            rows, _, _ = self.rows(name, HEADER_SCAN_ROWS)
        except InfluError:
            return False
        return bool(rows) and list_header(rows[_find_header(rows)])

    def cells_name_accounts(self, name: str) -> bool:
        """Whether a cell of the tab's top rows names an account or a person's address (a profile link, an
        @handle, `name @handle`, e-mail addresses: `columns.value_kinds`, what makes a column the accounts
        whatever its header)."""
        try:
            rows, _, _ = self.rows(name, HEADER_SCAN_ROWS)
        except InfluError:
            return False
        return self._names_accounts(rows)

    @staticmethod
    def _names_accounts(rows: Sequence[Sequence[Any]]) -> bool:
        return any(isinstance(c, str) and not _ACCOUNT_KINDS.isdisjoint(_kinds(c)) for r in rows for c in r)

    def describe(self, name: str) -> str:
        """What a tab holds, said in a few words for the error naming the tabs looked at: empty, text in
        one column (no table), numbers only (no header), a list's header, or the header it has and that
        it names no creator; `(hidden)` after a hidden tab."""
        try:
            rows, _, _ = self.rows(name, HEADER_SCAN_ROWS)
        except InfluError as exc:
            return f"{name!r} (unreadable: {exc.message})"
        filled = [c for r in rows for c in r if _filled((c,))]
        header = rows[_find_header(rows)] if rows else []
        cells = [_clean_header(c, i) for i, c in enumerate(header) if _filled((c,))]
        if not filled:
            what = "empty"
        elif all(not isinstance(c, str) and not isinstance(c, bool) for c in filled):
            what = "numbers only, no header"
        elif rows and data_at(rows, _find_header(rows)):
            what = ("no header row, row 1 is data: " + " | ".join(cells[:6]) + (" | ..." if len(cells) > 6 else "")
                    + (": a list, --sheet reads it" if self._names_accounts(rows)
                       else ": no column of profile links, @handles or e-mails"))
        elif list_header(header):
            what = "header " + " | ".join(cells[:6]) + (" | ..." if len(cells) > 6 else "") + ": a list, --sheet reads it"
        elif len(cells) < 2:
            what = "text, no table"
        else:
            what = ("header " + " | ".join(cells[:6]) + (" | ..." if len(cells) > 6 else "")
                    + ": no name, handle or profile column")
        return f"{name!r} ({what})" + (" (hidden)" if name in self.hidden else "")

    def looks_like_list(self, name: str) -> int:
        """The header score of the tab's top rows (0 for posts/readme tabs and empty tabs)."""
        if name not in self._scores:
            self._scores[name] = self._list_score(name)
        return self._scores[name]

    def _list_score(self, name: str) -> int:
        from ..text import fold_key

        if fold_key(name) in POSTS_TABS:
            return 0
        from .columns import names_accounts

        try:
            rows, _, _ = self.rows(name, HEADER_SCAN_ROWS)
        except InfluError:
            return 0
        h = _find_header(rows) if rows else 0
        if rows and data_at(rows, h) and self._names_accounts(rows):
            return SHEET_LIST_MIN_SCORE  # no header row, and its cells name accounts: a list (`_build`)
        # a summary tab ("Réseau | Nb profils | Budget") names no person or account: it scores lower
        return max((header_score(r) + 1 if names_accounts(r) else header_score(r) // 2
                    for r in rows if _filled(r) >= 2), default=0)

    def read(self, name: str) -> RawSheet:
        """One tab read whole (a progress step: its rows counted once the tab is loaded; then its links,
        formulas and formats)."""
        shown = _shown_name(self.source) + (f" [{name}]" if len(self.names) > 1 else "")
        with progress.step(f"reading {shown}", unit="rows") as tick:
            return self._read(name, shown, tick)

    def _read(self, name: str, shown: str, tick: progress.Tick) -> RawSheet:
        if self._extras is not None:
            self._extras.start(name)  # links and formulas scanned while calamine reads the cells
        merges: list[tuple[tuple[int, int], tuple[int, int]]] = []
        if len(self.names) > 1:
            self.looks_like_list(name)  # scored now, for `_list_tabs`: the tab's cells are let go once read
        sheet = self._sheet(name)
        if sheet is not None:
            with contextlib.suppress(Exception):
                merges = list(sheet.merged_cell_ranges or [])
        rows, col_offset, problems = self.rows(name, tick=tick)
        # the reader's copy of the cells (about as big as the rows read from it) is let go before the
        # table is built from them
        self._sheets.pop(name, None)
        del sheet
        with progress.step(f"reading {shown}: links, formulas, layout", 3, "steps") as then:
            return self._read_rest(name, rows, col_offset, problems, merges, then)

    def _read_rest(self, name: str, rows: list[list[Any]], col_offset: int, problems: dict[int, str],
                   merges: list[tuple[tuple[int, int], tuple[int, int]]], tick: progress.Tick) -> RawSheet:
        """`_read` once the cells are read: the tab's links and formulas, its table, its formats."""
        from .columns import platform_of_name

        links: dict[tuple[int, int], str] = {}
        formulas: dict[tuple[int, int], str] = {}
        aggregates: dict[tuple[int, int], Aggregate] = {}
        marked: set[int] | None = None
        notes: list[str] = []
        uncached: dict[tuple[int, int], str] = {}
        errors: dict[tuple[int, int], str] = {}
        if self._extras is not None:
            extras = self._extras.get(name)
            links, formulas, aggregates, notes = extras.links, extras.formulas, extras.aggregates, extras.notes
            marked, uncached, errors = extras.marked, extras.uncached, extras.errors
        elif self.kind == "ods":
            from .workbook import ods_extras

            extras = ods_extras(self.data, name)
            links, formulas, aggregates, notes = extras.links, extras.formulas, extras.aggregates, extras.notes
            errors = extras.errors
            merges = merges or extras.merges  # (python-calamine gives no merged ranges for an ods)
        elif self.kind == "xls":  # (python-calamine gives an .xls's error cells as empty text)
            if self._xls_errors is None:
                from .xlserrors import xls_errors

                self._xls_errors = xls_errors(self.data)
            errors = self._xls_errors.get(name, {})
        tick(1)
        raw = _build(rows, self.source, name, col_offset=col_offset, links=links, formulas=formulas,
                     aggregates=aggregates, merges=merges, broken=problems, marked=marked, uncached=uncached,
                     errors=errors)
        tick(2)
        raw.sheet_names = list(self.names)
        raw.hidden_sheets = [n for n in self.hidden]
        raw.format = self.kind
        raw.platform = platform_of_name(name)
        if self.kind == "xlsx":
            from .workbook import CellFormats

            raw.formats = CellFormats(self.data, name)
        tick(3)
        raw.notes.extend(notes + self.notes)
        self.notes = []
        return raw

    def close(self) -> None:
        if self._extras is not None:
            self._extras.close()
        with contextlib.suppress(Exception):
            self.book.close()


def pick_sheet(workbook: Workbook, wanted: str | None, source: str, fits: TabTest | None = None) -> str:
    """The tab `wanted` names (its name in any case and spacing, or its 1-based position), else the only
    tab, else: with `fits` (what a tab must hold, by its header: see `TabTest`), the first visible tab
    whose header fits (an error naming every tab when none does); without, the visible tab that looks
    most like a prospect list (`Workbook.looks_like_list`; read-me and posts tabs never). A hidden tab is
    picked only when no visible tab fits (or looks like a list) and it does: a workbook whose list tab
    was hidden behind a read-me tab (`hidden_pick` says why, for the note)."""
    names = workbook.names
    if not names:
        raise InfluError("the workbook has no sheets", file=source)
    if wanted:
        if wanted in names:
            return wanted
        folded = {n.casefold(): n for n in names}
        if wanted.casefold() in folded:
            return folded[wanted.casefold()]
        stripped = {" ".join(n.split()).casefold(): n for n in names}
        if " ".join(wanted.split()).casefold() in stripped:
            return stripped[" ".join(wanted.split()).casefold()]
        if wanted.isdigit() and 1 <= int(wanted) <= len(names):
            return names[int(wanted) - 1]
        raise UsageError(f"no sheet {wanted!r}; sheets are {', '.join(map(repr, names))} (or --sheet all)",
                         file=source)
    if len(names) == 1:
        return names[0]
    visible = [n for n in names if n not in workbook.hidden] or names
    hidden = [n for n in names if n not in visible]
    if fits is not None:
        found = next((n for n in [*visible, *hidden] if fits.fits(workbook.header_of(n))), None)
        if found is None:
            raise InfluError(f"no tab holds {fits.what}: tabs {', '.join(map(repr, names))}; give --sheet NAME",
                             file=source)
        return found
    best, best_score = visible[0], -1
    for name in visible:
        score = workbook.looks_like_list(name)
        if score > best_score:
            best, best_score = name, score
    if best_score < SHEET_LIST_MIN_SCORE and hidden:
        score, name = max(((workbook.looks_like_list(n), n) for n in hidden), key=lambda pair: pair[0])
        if score >= SHEET_LIST_MIN_SCORE:
            return name
    if best_score < SHEET_LIST_MIN_SCORE:  # no tab scores as a list: a one-column list (`Pseudo`) is one
        from ..text import fold_key

        candidates = [n for n in [*visible, *hidden] if fold_key(n) not in POSTS_TABS]
        return next((n for n in candidates if workbook.has_list_header(n)),  # or whose cells name accounts
                    next((n for n in candidates if workbook.cells_name_accounts(n)), best))
    return best


def hidden_pick(workbook: Workbook, name: str, what: str) -> str | None:
    """The note for a tab `pick_sheet` chose although it is hidden (None when it is not): `what` says
    what no visible tab held."""
    if name not in workbook.hidden or len(workbook.names) == len(workbook.hidden):
        return None
    shown = ", ".join(repr(n) for n in workbook.names if n not in workbook.hidden)
    return (f"read the hidden tab {name!r}: no visible tab ({shown}) {what} (--sheet NAME reads another; "
            "unhide the tab in the workbook to silence this note)")


def _list_tabs(workbook: Workbook) -> list[str]:
    """Visible tabs that look like prospect lists, in workbook order."""
    return [n for n in workbook.names if n not in workbook.hidden
            and workbook.looks_like_list(n) >= SHEET_LIST_MIN_SCORE]


def sheet_header(raw: RawSheet) -> list[str]:
    """The header row as the sheet has it: the headers read but those made up for a column with values and
    no header (`unnamed_header`)."""
    return [h for h, c in zip(raw.headers, raw.column_numbers, strict=False) if h != unnamed_header(c - 1)]


def read_excel(data: str | BinaryIO | bytes, source: str, sheet: str | None = None) -> RawSheet:
    return read_excel_sheets(data, source, sheet)[0]


def read_excel_sheets(data: str | BinaryIO | bytes, source: str, sheet: str | None = None,
                      fits: TabTest | None = None) -> list[RawSheet]:
    """One tab (the named one, or the one that looks most like a prospect list, or with `fits` the
    first whose header fits: `pick_sheet`), or every tab that looks like a list with `sheet="all"`."""
    if not isinstance(data, str | bytes):
        data = data.read()
    workbook = Workbook(data, source)
    try:
        if sheet is not None and sheet.strip().casefold() in ALL_SHEETS:
            names = _list_tabs(workbook) or [pick_sheet(workbook, None, source)]
            raws = [workbook.read(n) for n in names]
            if (note := hidden_pick(workbook, names[0], "looks like a prospect list")) is not None:
                raws[0].notes.append(note)
            skipped = [n for n in workbook.names if n not in names]
            for raw in raws:
                raw.list_sheets = list(names)
                if skipped:
                    raw.notes.append("tabs not read (they do not look like prospect lists, or are hidden): "
                                     + ", ".join(map(repr, skipped)))
            if fits is None and not any(list_header(sheet_header(raw)) for raw in raws):
                raws[0].tabs_seen = [workbook.describe(n) for n in workbook.names]
            return raws
        name = pick_sheet(workbook, sheet, source, fits)
        raw = workbook.read(name)
        if fits is None and not list_header(sheet_header(raw)):
            raw.tabs_seen = [workbook.describe(n) for n in (workbook.names if sheet is None else [name])]
        if sheet is None and (note := hidden_pick(workbook, name, "looks like a prospect list" if fits is None
                                                  else f"holds {fits.what}")) is not None:
            raw.notes.append(note)
        if sheet is None and len(workbook.names) > 1 and fits is not None:
            raw.list_sheets = [n for n in workbook.names if n != name and n not in workbook.hidden
                               and fits.fits(workbook.header_of(n))]
            if raw.list_sheets:
                raw.notes.append(f"read tab {name!r}; other tabs that hold {fits.what} were not read: "
                                 + ", ".join(map(repr, raw.list_sheets)) + " (--sheet NAME reads one)")
        elif sheet is None and len(workbook.names) > 1:
            others = [n for n in _list_tabs(workbook) if n != name]
            raw.list_sheets = others
            if others:
                raw.notes.append(f"read tab {name!r}; other tabs that look like lists were not read: "
                                 + ", ".join(map(repr, others)) + " (--sheet all reads every one, --sheet NAME one)")
        return [raw]
    finally:
        workbook.close()


def read_other_sheet(path: str, wanted: str) -> RawSheet | None:
    """Another sheet of the same workbook (e.g. a posts sheet), or None when absent."""
    workbook = Workbook(path, path)
    try:
        names = {n.casefold(): n for n in workbook.names}
        name = names.get(wanted.casefold())
        if name is None:
            return None
        return workbook.read(name)
    finally:
        workbook.close()


# ------------------------------------------------------------------------------------------ dispatch


def detect_format(path: str, data_head: bytes | None = None) -> str:
    """csv, xlsx (any workbook: xlsx, xlsm, xls, ods) or json, from the extension, else the first bytes."""
    suffix = Path(path).suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return "xlsx"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if data_head is not None:
        if data_head.startswith(b"PK\x03\x04") or data_head.startswith(b"\xd0\xcf\x11\xe0"):
            return "xlsx"
        if _is_json(data_head):
            return "json"
        return "csv"
    return "csv"


FileArg = str | os.PathLike[str]  # a file a library caller gives: a path as text or a pathlib.Path ("-": stdin)


def input_path(path: object) -> str:
    """The file a library caller gave, as text: a str, a pathlib.Path (any os.PathLike) or "-" for stdin;
    anything else is a usage error in one line, not a TypeError from deep inside."""
    if not isinstance(path, str | bytes | os.PathLike):
        raise UsageError(f"the file to read is a path (str or pathlib.Path) or '-' for stdin, not {type(path).__name__}")
    return os.fsdecode(os.fspath(path))


def optional_path(path: object) -> str | None:
    """`input_path` of a file that may be left out (None stays None)."""
    return None if path is None else input_path(path)


def _input(path: str, fmt: str | None, stdin: BinaryIO | None) -> tuple[str, str | bytes, str]:
    """(format, path or bytes, source name) of the input."""
    path = input_path(path)
    if fmt is not None:
        fmt = fmt.strip().lower()
        if fmt in ("xls", "xlsm", "ods", "excel", "xlsb"):
            fmt = "xlsx"
        if fmt in ("tsv", "txt"):
            fmt = "csv"
        if fmt == "ndjson":
            fmt = "jsonl"
        if fmt not in FORMATS:
            raise UsageError(f"unknown input format {fmt!r} (csv, xlsx, json or jsonl)", file=path)
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read()
        return fmt or detect_format("", data[:64]), data, "<stdin>"
    p = Path(path)
    if not p.exists():
        raise InfluError("no such file", file=path)
    if p.is_dir():
        raise InfluError("is a directory, not a sheet", file=path)
    if written_through(p):  # a named pipe, <(...), /dev/stdin: read once, as stdin is
        try:
            with p.open("rb") as fh:
                data = fh.read()
        except OSError as exc:
            raise InfluError(f"cannot read: {exc.strerror or exc}", file=path) from exc
        return fmt or detect_format(path, data[:64]), data, path
    if fmt is None:
        with p.open("rb") as fh:
            fmt = detect_format(path, fh.read(64))
    if fmt == "csv":
        return "csv", p.read_bytes(), path
    if fmt in ("json", "jsonl"):
        return fmt, p.read_bytes(), path
    return fmt, str(p), path


def read_sheets(
    path: str,
    *,
    sheet: str | None = None,
    fmt: str | None = None,
    delimiter: str | None = None,
    stdin: BinaryIO | None = None,
    fits: TabTest | None = None,
) -> list[RawSheet]:
    """The tables of a file: one for CSV/JSON and for a workbook's chosen tab (`pick_sheet`; `fits`: what
    the tab must hold when it is not named); with `sheet="all"`, every tab of a workbook that looks like
    a prospect list (a tab named after a network sets `platform`)."""
    kind, data, source = _input(path, fmt, stdin)
    if kind == "xlsx":
        return read_excel_sheets(data, source, sheet, fits)
    assert isinstance(data, bytes)
    if kind in ("json", "jsonl"):
        try:
            return [read_json_bytes(data, source)]
        except InfluError as exc:
            if fmt is not None or Path(source).suffix.lower() in JSON_SUFFIXES:
                raise  # --from json or the file's name said so: its error stands (never read as CSV)
            # content that starts as JSON does ('{"', '[{') and does not parse: a cut download or a broken
            # stream, never CSV rows of JSON fragments; --from csv reads it as CSV if it truly is one
            raise InfluError(f"{exc.message} (it starts as JSON; --from csv to read it as CSV)", file=source) from exc
    return [read_csv_bytes(data, source, delimiter)]


def read_sheet(
    path: str,
    *,
    sheet: str | None = None,
    fmt: str | None = None,
    delimiter: str | None = None,
    stdin: BinaryIO | None = None,
    fits: TabTest | None = None,
) -> RawSheet:
    """Read a CSV, JSON or spreadsheet file, or stdin when path is "-": one table (the first of
    `read_sheets` when `sheet="all"`)."""
    return read_sheets(path, sheet=sheet, fmt=fmt, delimiter=delimiter, stdin=stdin, fits=fits)[0]
