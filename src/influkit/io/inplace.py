"""Write influkit's columns into the user's own workbook (xlsx/xlsm) or CSV, keeping everything else.

How: the sheet's XML is edited as text and every other part of the zip is copied untouched.
A load-and-save through openpyxl took 33 s at 100k rows and lost images and charts
(../shared/notes/io-pitfalls.md); splicing cells into the sheet part keeps everything it does not
touch, byte for byte, and shares its cell encoder with the new-workbook writer (`io.xlsx`): same
number formats, quote prefix, link rules and limits.

What changes, and only when needed:
- the edited sheets' parts: cells of influkit's columns (to the right of the user's columns, on the
  header row and the rows the table came from), `<dimension>`, `<cols>` widths of new columns, the
  sheet's autofilter when it ends where the new columns start, `<hyperlinks>`;
- their relationships part (hyperlinks), a table part whose table ends where the new columns start
  (it grows to cover them), styles.xml (number formats, a link font and cell formats appended; the
  existing ones untouched), workbook.xml (a hidden defined name `_influkit_columns` per edited sheet
  that marks influkit's header cells, and the `_FilterDatabase` name of a grown autofilter);
- calcChain.xml is removed only when a cell that held a formula is overwritten (Excel rebuilds it).
Everything else (other sheets, shared strings, drawings, images, charts, comments, themes,
printer settings, VBA, custom XML, ...) is copied with the same content.

Finding influkit's columns again: the hidden name lists them; when it is gone (the workbook went
through a program that dropped it) and in CSV files, `labels.influkit_run` finds them by their labels
(a run of adjacent labels of influkit's columns right of the user's, with at least two that no user
header would mean otherwise): the reader uses the same marker and rule not to read them as the user's. A user column whose header equals one of influkit's labels is never overwritten:
influkit's column is then labelled "... (influkit)".

Rows: each table row goes to its `source_rows` row of its sheet (the `sheet` column when the table
has one, else `table.sheet`); the header row is `table.meta["sheets"][name]["header_row"]` when
present, else `table.meta["header_row"]`. Wide sheets (several accounts per sheet row: the reader's
`meta["wide_platforms"]`, or several table rows on one sheet row) get one column per network
("Taux d'engagement Instagram", "Taux d'engagement TikTok"), like the sheet's own column groups.

Safety: see `check_in_place` (locks, read-only, formats) and `_commit` (backup, atomic replace,
refusal when the file changed on disk during the run).
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import shutil
import stat
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import IO, Any

from ..errors import InfluError, UsageError
from ..labels import (
    COLLISION_SUFFIX,
    check_lang,
    column_of_label,
    date_number_format,
    has_words,
    headers_language,
    influkit_run,
    localize,
    network_label,
    value_word,
)
from ..schema import BY_NAME, DERIVED, PERSON_COLUMNS, kind_of, match_header, match_wide_header
from ..table import Table
from ..text import fold_key
from ..thresholds import writing as WT
from . import xlsx as X
from .write import money_currencies

MARKER_NAME = "_influkit_columns"
XLSX_SUFFIXES = (".xlsx", ".xlsm")
REL_TABLE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table"
REL_CALCCHAIN = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain"
STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"

# Content types of parts influkit copies without understanding them: they do not refer to cells
# influkit writes (or, for tables and calcChain, are updated). Anything else is refused.
_KNOWN_TYPES_PREFIXES = (
    "image/", "application/vnd.openxmlformats-officedocument.spreadsheetml.",
    "application/vnd.openxmlformats-officedocument.drawing", "application/vnd.openxmlformats-officedocument.theme",
    "application/vnd.openxmlformats-officedocument.themeOverride",
    "application/vnd.openxmlformats-officedocument.extended-properties",
    "application/vnd.openxmlformats-officedocument.custom-properties",
    "application/vnd.openxmlformats-officedocument.customXmlProperties",
    "application/vnd.openxmlformats-officedocument.vmlDrawing", "application/vnd.openxmlformats-officedocument.oleObject",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings",
    "application/vnd.openxmlformats-package.core-properties", "application/vnd.openxmlformats-package.relationships",
    "application/vnd.ms-excel.", "application/vnd.ms-office.", "application/vnd.ms-package.",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.", "application/vnd.ms-xpsdocument",
    "application/xml", "text/xml", "application/vnd.openxmlformats-officedocument.model+data",
    "application/vnd.openxmlformats-officedocument.obfuscatedFont", "application/x-font",
    "application/vnd.ms-word", "application/vnd.ms-powerpoint", "application/octet-stream",
    "application/vnd.openxmlformats-officedocument.presentationml.",
)
_REFUSED_TYPES = ("application/vnd.openxmlformats-package.digital-signature",)
_REFUSED_SUFFIX = {
    ".xls": "xls (Excel 97-2003) is not rewritten in place: save it as xlsx first",
    ".xlsb": "xlsb (binary workbook) is not rewritten in place: save it as xlsx first",
    ".ods": "ods is not rewritten in place (influkit edits xlsx and csv): save it as xlsx, or write a new "
            "file with -o",
    ".ots": "ods is not rewritten in place: save it as xlsx first",
    **dict.fromkeys((".json", ".jsonl", ".ndjson"), "a JSON file is not rewritten in place (influkit edits xlsx and "
                    "csv): write a new file with -o"),
}


# ------------------------------------------------------------------------------------------ safety


@dataclass(frozen=True)
class Stamp:
    """What tells that a file changed: size, modification time and inode."""

    size: int
    mtime_ns: int
    inode: int


def file_stamp(path: str) -> Stamp:
    st = os.stat(path)
    return Stamp(st.st_size, st.st_mtime_ns, st.st_ino)


def lock_files(path: str) -> list[Path]:
    """Lock files of Excel (`~$NAME`) and LibreOffice (`.~lock.NAME#`) beside the file."""
    p = Path(path)
    candidates = [p.with_name("~$" + p.name), p.with_name(".~lock." + p.name + "#")]
    if len(p.name) > 2:
        candidates.append(p.with_name("~$" + p.name[2:]))
    return [c for c in candidates if c.exists()]


def check_in_place(path: str) -> str:
    """The format ('xlsx' or 'csv') of a file influkit may rewrite in place; one clear InfluError
    otherwise (missing, not a regular file, read-only, open in Excel or LibreOffice, a format or
    feature influkit cannot rewrite faithfully)."""
    if path == "-":
        raise UsageError("in place needs a FILE, not stdin")
    p = Path(path)
    if not p.exists():
        raise InfluError("no such file", file=path)
    st = p.stat()
    if not stat.S_ISREG(st.st_mode):
        raise InfluError("not a regular file: it cannot be edited in place", file=path)
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        raise InfluError("the file is read-only: nothing was changed (make it writable first)", file=path)
    if not os.access(p.parent if str(p.parent) else ".", os.W_OK):
        raise InfluError("its folder is read-only: nothing was changed", file=path)
    locks = lock_files(path)
    if locks:
        raise InfluError(f"the file is open in Excel or LibreOffice (lock file {locks[0].name}): close it and "
                         "run again; nothing was changed", file=path)
    suffix = p.suffix.lower()
    if suffix in _REFUSED_SUFFIX:
        raise InfluError(_REFUSED_SUFFIX[suffix], file=path)
    with p.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        if suffix in XLSX_SUFFIXES:
            raise InfluError("the workbook is password-protected (encrypted): influkit cannot rewrite it; "
                             "nothing was changed", file=path)
        raise InfluError("an Excel 97-2003 (xls) file is not rewritten in place: save it as xlsx first", file=path)
    if head.startswith(b"PK\x03\x04") or suffix in XLSX_SUFFIXES:
        if suffix not in XLSX_SUFFIXES and suffix not in ("",):
            raise InfluError("a zip file that is not an xlsx workbook: not rewritten in place", file=path)
        return "xlsx"
    return "csv"


def backup_path(path: str) -> Path:
    """NAME.bak.xlsx beside NAME.xlsx (it keeps its extension: Excel opens it as it is), or NAME.bak2.xlsx,
    NAME.bak3.xlsx, ... when it exists."""
    p = Path(path)
    candidate = p.with_name(f"{p.stem}.bak{p.suffix}")
    n = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = p.with_name(f"{p.stem}.bak{n}{p.suffix}")
        n += 1
    return candidate


def make_backup(path: str) -> Path:
    """A copy of the file beside it (written atomically), before it is changed."""
    from .write import temp_path_beside, write_error

    target = backup_path(path)
    fd, tmp = temp_path_beside(target)
    os.close(fd)
    try:
        shutil.copy2(path, tmp)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise write_error(exc, str(target)) from exc
    return target


def commit(path: str, write: Any, start: Stamp, expected: Stamp | None, backup: bool) -> Path | None:
    """Write the new content with `write(fh)` to a `.part` beside the file, check that the file did
    not change meanwhile, back it up, then rename the new content over it."""
    from .write import clean_stale_parts, temp_path_beside, write_error

    target = Path(path)
    clean_stale_parts(target)
    if expected is not None and file_stamp(path) != expected:
        raise InfluError("the file changed on disk since influkit read it: nothing was changed (run again)",
                         file=path)
    fd, tmp = temp_path_beside(target)
    saved: Path | None = None
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(os.stat(path).st_mode))
        if file_stamp(path) != start or lock_files(path):
            raise InfluError("the file changed on disk (or was opened) during the run: nothing was changed "
                             "(run again)", file=path)
        if backup:
            saved = make_backup(path)
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
            raise write_error(exc, path) from exc
        raise
    return saved


# ----------------------------------------------------------------------------------------- planning


@dataclass
class Want:
    """A column to write: a canonical/computed column (per network on wide sheets)."""

    column: str
    platform: str | None = None
    user_header: str | None = None  # the user's header for this column (cell updates may write into it)
    allow_user: bool = False  # may write into the user's own column (cell updates), else never


@dataclass
class Placed:
    want: Want
    index: int  # 0-based sheet column
    label: str | None  # header to write (None: the column exists)
    kind: str | None
    ours: bool  # an influkit column found again (its cells in the written rows are replaced)
    rename: str | None = None  # influkit's own column found again under another label: its new header


@dataclass
class SheetJob:
    """Everything to write into one sheet (or a CSV file)."""

    name: str | None
    header_row: int
    rows: list[int]  # sorted sheet rows written
    wants: list[Want]
    values: dict[tuple[str, str | None], dict[int, Any]]  # (column, platform) -> sheet row -> value
    clear: bool  # write_back: empty values clear influkit's old cells; cell updates: only given cells
    # the number format of a date written where the sheet has no date cell to copy its format from: the
    # sheet's own way with dates (its text dates "03/02/2026": dd/mm/yyyy), from the caller
    date_format: str | None = None
    # a money column's (column, platform) -> sheet row -> the currency of its amount (`io.write.money_currencies`)
    currencies: dict[tuple[str, str | None], dict[int, str | None]] = field(default_factory=dict)


def _norm(text: object) -> str:
    return " ".join(str(text).split()) if text is not None else ""


def default_columns(table: Table) -> list[str]:
    """influkit's computed columns in the table's output order (the user's own columns excluded, and the
    columns influkit computes that the sheet already had: its "Date dernier post" read as last_post_on)."""
    extras = set(table.extra_columns)
    sheet_own = {c for c, h in table.mapped.items() if h and not h.startswith("(")}
    out = []
    for c in table.columns:
        if c in extras:
            continue
        col = BY_NAME.get(c)
        if (col is not None and col.computed) or c in DERIVED and c not in sheet_own:
            out.append(c)
    return out


def _row_sheets(table: Table) -> list[str | None]:
    if "sheet" in table.data and "sheet" not in table.extra_columns:
        return [s if s is not None else table.sheet for s in table.data["sheet"]]
    return [table.sheet] * len(table)


def _header_row(table: Table, sheet: str | None) -> int:
    """The sheet row of `sheet`'s headers: its own (each tab of `--sheet all` has its own layout), else
    the table's."""
    for layout in table.meta.get("layout") or ():
        if isinstance(layout, Mapping) and layout.get("sheet") == sheet and layout.get("header_row"):
            return int(layout["header_row"])
    layouts = table.meta.get("sheets")
    if isinstance(layouts, Mapping) and sheet in layouts:
        layout = layouts[sheet]
        if isinstance(layout, Mapping) and layout.get("header_row"):
            return int(layout["header_row"])
    row = table.meta.get("header_row")
    if not row:
        raise InfluError("the table does not say which row holds the headers (meta['header_row'])",
                         file=table.source, sheet=sheet)
    return int(row)


def tab_meta(table: Table, sheet: str | None) -> Mapping[str, Any] | None:
    """What the reader said of one tab of tabs read together (`meta["tabs"]`), None for a table of one tab."""
    for tab in table.meta.get("tabs") or ():
        if isinstance(tab, Mapping) and tab.get("sheet") == sheet:
            return tab
    return None


def tab_columns(table: Table, sheet: str | None, column: str) -> list[tuple[str, str | None]] | None:
    """The user's own columns of one tab read as `column`: (header, network) each, the network None for a
    column of every row ("Code promo"), a network's for a wide sheet's group ("Code promo TikTok");
    [] when the tab has none; None when the table does not say (not read from a sheet)."""
    tab = tab_meta(table, sheet)
    if tab is None:
        return None
    return [(str(d.get("header")), d.get("platform")) for d in tab.get("columns") or ()
            if isinstance(d, Mapping) and d.get("used_as") == column]


def _is_wide(table: Table, indices: list[int], sheet: str | None = None) -> bool:
    """Whether the rows `indices` of one sheet are a wide sheet's (several accounts per sheet row): the
    reader's per-network column groups (the tab's own, when tabs were read together), or several table
    rows on one sheet row."""
    tab = tab_meta(table, sheet)
    if (tab if tab is not None else table.meta).get("wide_platforms"):
        return True
    seen: set[int] = set()
    for k in indices:
        r = table.source_rows[k]
        if r in seen:
            return True
        seen.add(r)
    return False


def _networks(table: Table, indices: list[int]) -> tuple[list[str | None], set[int]]:
    """A wide sheet's networks, in the order its rows name them (one column each; None last, for accounts
    whose network is unknown: a plain column), and its rows of persons with no account at all (a row
    naming no network, handle or link), which get no column of their own. Used by every write into a
    wide sheet: enrich's columns (`plan_write_back`) and cell updates (`write_cells`) alike."""
    platforms, handles, urls = (table.get(c) for c in ("platform", "handle", "profile_url"))
    bare = {k for k in indices if platforms[k] is None and not handles[k] and not urls[k]}
    nets: list[str | None] = []
    for k in indices:
        p = platforms[k]
        if p not in nets and k not in bare:
            nets.append(p)
    if None in nets:
        nets.remove(None)
        nets.append(None)
    return nets, bare


def plan_write_back(table: Table, columns: Sequence[str] | None) -> list[SheetJob]:
    """One job per sheet of the table's rows: which rows get which values."""
    wanted = list(columns) if columns is not None else default_columns(table)
    own = {c for c, h in table.mapped.items() if h and not h.startswith("(")} | set(table.extra_columns)
    for c in wanted:
        if c not in table.data:
            raise UsageError(f"no column {c!r} in the table to write back")
        if c in table.extra_columns or (c in own and not (BY_NAME.get(c) and BY_NAME[c].computed)):
            raise UsageError(f"column {c!r} is the sheet's own: write_back only adds influkit's columns "
                             "(use write_cells to change given cells)")
    by_sheet: dict[str | None, list[int]] = {}
    creators = set(table.creator_rows())  # TOTAL and section rows keep their cells as they are
    for k, s in enumerate(_row_sheets(table)):
        if k in creators:
            by_sheet.setdefault(s, []).append(k)
    platforms, issues = table.get("platform"), table.get("issues")
    jobs = []
    for sheet, indices in by_sheet.items():
        wide = _is_wide(table, indices, sheet)
        nets: list[str | None] = [None]
        # on a wide sheet, a person with no account on any network (a row naming none: no network, handle
        # or link) has nothing computed to show: no column of its own, only what its row says wrong (its
        # reading issues, in a plain issues column when there are some); its cells of the networks' columns
        # are cleared like any row's
        bare: set[int] = set()
        if wide:
            nets, bare = _networks(table, indices)
        wants = [Want(c, p if wide else None) for c in wanted for p in nets if not (wide and p is None)]
        if wide and None in nets:  # accounts without a network on a wide sheet: a plain column
            wants += [Want(c, None) for c in wanted]
        elif "issues" in wanted and any(issues[k] for k in bare):
            wants.append(Want("issues", None))
        values: dict[tuple[str, str | None], dict[int, Any]] = {(w.column, w.platform): {} for w in wants}
        conflicts = 0
        if not wide:  # one table row per sheet row: a dict per column, built in C
            rows_k = [table.source_rows[k] for k in indices]
            everything = len(indices) == len(table)
            for c in wanted:
                data = table.data[c]
                values[(c, None)] = dict(zip(rows_k, data if everything else [data[k] for k in indices],
                                             strict=True))
            indices_left: list[int] = []
        else:
            indices_left = indices
        for k in indices_left:
            r = table.source_rows[k]
            p = platforms[k] if wide else None
            if k in bare:
                if issues[k] and ("issues", None) in values:
                    values[("issues", None)].setdefault(r, issues[k])
                continue
            for c in wanted:
                cell = values[(c, p)]
                if r in cell and cell[r] is not None:
                    conflicts += 1
                    continue
                cell[r] = table.data[c][k]
        rows = sorted({table.source_rows[k] for k in indices})
        job = SheetJob(sheet, _header_row(table, sheet), rows, wants, values, clear=True)
        for c in wanted:  # each amount in its own currency (`_SheetEditor._money_styles`)
            if kind_of(c) == "money":
                found = money_currencies(table, c)
                for k in indices:
                    if k not in bare:
                        job.currencies.setdefault((c, platforms[k] if wide else None), {}).setdefault(
                            table.source_rows[k], found[k])
        jobs.append(job)
        if conflicts:
            table.meta.setdefault("write_back_conflicts", {})[sheet] = conflicts
    return jobs


def place_columns(
    headers: dict[int, str], marked: set[int] | None, wants: list[Want], lang: str, first_free: int,
    relabel: bool = False,
) -> list[Placed]:
    """Where each wanted column goes: influkit's own column found again, the user's column (cell
    updates only), or a new column from `first_free` on. `relabel`: influkit's own columns found again
    under a label of another language (or a former label) get the label of `lang` (`Placed.rename`)."""
    ours = (marked & set(headers)) if marked else influkit_run(headers)
    ours_at: dict[tuple[str, str | None], int] = {}
    for i in sorted(ours):
        found = column_of_label(headers[i])
        if found is not None:
            ours_at.setdefault(found, i)
    taken = {fold_key(h) for h in headers.values()}
    placed: list[Placed] = []
    next_free = first_free
    for w in wants:
        kind = kind_of(w.column)
        key = (w.column, w.platform)
        if w.allow_user:
            # (tabs read together join their headers: "Notes internes | Remarques", one of them on this tab)
            names = {_norm(x) for x in (w.user_header or "").split(" | ") if x}
            exact = [i for i, h in headers.items() if _norm(h) in names]
            if exact:
                placed.append(Placed(w, exact[0], None, kind, False))
                continue
        if key in ours_at:
            at = ours_at.pop(key)
            placed.append(Placed(w, at, None, kind, True, _relabel(headers, at, w, lang, ours) if relabel else None))
            continue
        if w.allow_user:
            synonym = [i for i, h in sorted(headers.items()) if i not in ours and (
                (w.platform is None and match_header(h) == w.column)
                or (w.platform is not None and match_wide_header(h) == (w.column, w.platform)))]
            if synonym:
                placed.append(Placed(w, synonym[0], None, kind, False))
                continue
        text = network_label(w.column, w.platform, lang)
        if fold_key(text) in taken:
            text += COLLISION_SUFFIX[lang]
        taken.add(fold_key(text))
        placed.append(Placed(w, next_free, text, kind, True))
        next_free += 1
    if next_free > WT.EXCEL_MAX_COLUMNS:
        raise InfluError("the new columns would go past Excel's last column (XFD)")
    return placed


def _relabel(headers: dict[int, str], at: int, want: Want, lang: str, ours: set[int]) -> str | None:
    """The header influkit's own column at `at` should have in `lang`, when it has another one (written
    in the other language, or a former label); None when it is right. The "(influkit)" suffix stays
    when the column had it, and is added when the user has a column of that name."""
    current = str(headers[at])
    text = network_label(want.column, want.platform, lang)
    had_suffix = current.endswith(tuple(COLLISION_SUFFIX.values()))
    users = {fold_key(h) for i, h in headers.items() if i not in ours}
    if had_suffix or fold_key(text) in users:
        text += COLLISION_SUFFIX[lang]
    return None if _norm(current) == _norm(text) else text


def _cell_value(placed: Placed, value: Any, lang: str) -> Any:
    """A value as the sheet shows it: codes in words of the sheet's language ("contacted" -> "Contacté",
    "high" -> "élevée", "er_high" -> "engagement anormalement élevé")."""
    return value_word(placed.want.column, value, lang)


# ------------------------------------------------------------------------------------- xlsx parts


_ATTR = re.compile(r'([\w:]+)\s*=\s*"([^"]*)"|([\w:]+)\s*=\s*\'([^\']*)\'')


def _attrs(tag: str) -> dict[str, str]:
    return {(m.group(1) or m.group(3)): html.unescape(m.group(2) if m.group(1) else m.group(4))
            for m in _ATTR.finditer(tag)}


def _prefix_of(xml: str, local: str) -> str:
    """'' or 'x:' — the namespace prefix a part uses for its main elements."""
    m = re.search(r"<(\w+:)?" + local + r"\b", xml)
    return m.group(1) or "" if m else ""


_OOXML_UNESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape_text(raw: str) -> str:
    return _OOXML_UNESCAPE.sub(lambda m: chr(int(m.group(1), 16)), html.unescape(raw))


def _si_text(inner: str) -> str:
    inner = re.sub(r"<(\w+:)?rPh\b.*?</(\w+:)?rPh>", "", inner, flags=re.S)
    return "".join(_unescape_text(t) for t in re.findall(r"<(?:\w+:)?t\b[^>]*>(.*?)</(?:\w+:)?t>", inner, re.S))


def _shared_strings(zin: zipfile.ZipFile, part: str | None, needed: set[int]) -> dict[int, str]:
    if not needed or part is None or part not in zin.namelist():
        return {}
    text = zin.read(part).decode("utf-8")
    out: dict[int, str] = {}
    last = max(needed)
    for i, m in enumerate(re.finditer(r"<(?:\w+:)?si\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?si>)", text, re.S)):
        if i in needed:
            out[i] = _si_text(m.group(1) or "")
        if i >= last:
            break
    return out


@dataclass
class Package:
    """The parts of an xlsx and how the workbook's sheets map to them."""

    zin: zipfile.ZipFile
    path: str
    types: dict[str, str]  # part name (no leading /) -> content type
    sheets: list[tuple[str, str, str]]  # (name, part, kind: worksheet/chartsheet/...)
    workbook_part: str
    workbook_rels_part: str
    shared_strings_part: str | None
    styles_part: str | None
    calc_chain_part: str | None

    @staticmethod
    def open(path: str) -> Package:
        try:
            zin = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise InfluError(f"not a readable xlsx workbook ({exc}): nothing was changed", file=path) from exc
        names = zin.namelist()
        try:
            ct = zin.read("[Content_Types].xml").decode("utf-8")
        except KeyError:
            raise InfluError("not an xlsx workbook (no [Content_Types].xml): nothing was changed", file=path) from None
        defaults = {a["Extension"].lower(): a["ContentType"] for a in map(
            _attrs, re.findall(r"<(?:\w+:)?Default\b[^>]*>", ct))}
        overrides = {a["PartName"].lstrip("/"): a["ContentType"] for a in map(
            _attrs, re.findall(r"<(?:\w+:)?Override\b[^>]*>", ct))}
        types: dict[str, str] = {}
        for name in names:
            if name.endswith("/") or name == "[Content_Types].xml":
                continue
            ctype = overrides.get(name) or defaults.get(name.rsplit(".", 1)[-1].lower() if "." in name else "")
            if ctype is None:
                raise InfluError(f"part {name!r} has no content type: not rewritten in place", file=path)
            if ctype.startswith(_REFUSED_TYPES) or name.startswith("_xmlsignatures/"):
                raise InfluError("the workbook is digitally signed: editing it would break the signature; "
                                 "nothing was changed", file=path)
            if not ctype.startswith(_KNOWN_TYPES_PREFIXES):
                raise InfluError(f"part {name!r} ({ctype}) is unknown to influkit: not rewritten in place, "
                                 "nothing was changed", file=path)
            types[name] = ctype
        root_rels = zin.read("_rels/.rels").decode("utf-8") if "_rels/.rels" in names else ""
        main = [a for a in map(_attrs, re.findall(r"<(?:\w+:)?Relationship\b[^>]*>", root_rels))
                if a.get("Type", "").endswith("/officeDocument")]
        if not main:
            raise InfluError("not an xlsx workbook (no workbook part): nothing was changed", file=path)
        workbook_part = _resolve("", main[0]["Target"])
        if types.get(workbook_part, "").startswith("application/vnd.ms-excel.sheet.binary"):
            raise InfluError(_REFUSED_SUFFIX[".xlsb"], file=path)
        workbook = zin.read(workbook_part).decode("utf-8")
        if STRICT_NS in workbook:
            raise InfluError("Strict Open XML workbooks are not rewritten in place: save as the usual "
                             "Excel Workbook (xlsx)", file=path)
        sharing = re.search(r"<(?:\w+:)?fileSharing\b[^>]*>", workbook)
        if sharing and re.search(r"(reservationPassword|hashValue)=", sharing.group()):
            raise InfluError("the workbook has a password to modify: influkit cannot rewrite it; nothing was "
                             "changed", file=path)
        rels_part = _rels_of(workbook_part)
        rels = _relationships(zin, rels_part)
        sheets = []
        for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
            a = _attrs(tag)
            rid = next((v for k, v in a.items() if k.endswith(":id") or k == "id"), None)
            rel = rels.get(rid or "")
            if rel is None:
                continue
            target = _resolve(workbook_part, rel[1])
            sheets.append((a.get("name", ""), target, rel[0].rsplit("/", 1)[-1]))
        by_type = {t.rsplit("/", 1)[-1]: _resolve(workbook_part, target) for t, target in rels.values()}
        return Package(zin, path, types, sheets, workbook_part, rels_part, by_type.get("sharedStrings"),
                       by_type.get("styles"), by_type.get("calcChain"))

    def sheet_index(self, name: str | None) -> int:
        if name is None:
            worksheets = [i for i, s in enumerate(self.sheets) if s[2] == "worksheet"]
            if len(worksheets) == 1:
                return worksheets[0]
            raise InfluError("the table does not say which sheet it came from", file=self.path)
        for i, s in enumerate(self.sheets):
            if s[0] == name:
                return i
        for i, s in enumerate(self.sheets):
            if s[0].casefold() == name.casefold():
                return i
        raise InfluError(f"no sheet {name!r} in the workbook: nothing was changed", file=self.path)


def _rels_of(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def _resolve(base_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    folder = base_part.rpartition("/")[0]
    parts = (folder.split("/") if folder else []) + target.split("/")
    out: list[str] = []
    for p in parts:
        if p == "..":
            if out:
                out.pop()
        elif p not in (".", ""):
            out.append(p)
    return "/".join(out)


def _relationships(zin: zipfile.ZipFile, rels_part: str) -> dict[str, tuple[str, str]]:
    """Id -> (Type, Target) of a relationships part."""
    if rels_part not in zin.namelist():
        return {}
    text = zin.read(rels_part).decode("utf-8")
    out = {}
    for tag in re.findall(r"<(?:\w+:)?Relationship\b[^>]*>", text):
        a = _attrs(tag)
        out[a.get("Id", "")] = (a.get("Type", ""), a.get("Target", ""))
    return out


# --------------------------------------------------------------------------------------- styles.xml


_FONT_ORDER = ("b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign", "sz", "color",
               "name", "family", "charset", "scheme")


class StyleBook:
    """Appends influkit's number formats, link font and cell formats to the user's styles.xml."""

    def __init__(self, xml: str | None) -> None:
        self.original = xml
        self.xml = xml or ""
        self.p = _prefix_of(self.xml, "styleSheet") if xml else ""
        self.changed = False

    def _element(self, name: str) -> re.Match[str] | None:
        p = re.escape(self.p)
        return re.search(rf"<{p}{name}\b[^>]*?(?:/>|>(.*?)</{p}{name}>)", self.xml, re.S)

    def _children(self, inner: str, child: str) -> list[str]:
        p = re.escape(self.p)
        return re.findall(rf"<{p}{child}\b[^>]*?(?:/>|>.*?</{p}{child}>)", inner, re.S)

    def _append(self, name: str, entry: str, before: tuple[str, ...]) -> int:
        """Append an entry to a collection element (creating it), update its count; its index."""
        p = self.p
        m = self._element(name)
        if m is None:
            pos = len(self.xml) - len(f"</{p}styleSheet>")
            for b in before:
                found = re.search(rf"<{re.escape(p)}{b}\b", self.xml)
                if found:
                    pos = found.start()
                    break
            self.xml = self.xml[:pos] + f'<{p}{name} count="1">{entry}</{p}{name}>' + self.xml[pos:]
            self.changed = True
            return 0
        inner = m.group(1) or ""
        child = {"numFmts": "numFmt", "fonts": "font", "cellXfs": "xf"}[name]
        items = self._children(inner, child)
        if entry in items:
            return items.index(entry)
        open_tag = self.xml[m.start(): self.xml.index(">", m.start()) + 1]
        if open_tag.endswith("/>"):
            new_open = open_tag[:-2].rstrip() + ">"
            body = f"{new_open}{entry}</{p}{name}>"
        else:
            body = self.xml[m.start(): m.end() - len(f"</{p}{name}>")] + entry + f"</{p}{name}>"
        body = re.sub(r'\bcount="\d+"', f'count="{len(items) + 1}"', body, count=1) if 'count="' in body.split(
            ">", 1)[0] else body.replace(f"<{p}{name}", f'<{p}{name} count="{len(items) + 1}"', 1)
        self.xml = self.xml[: m.start()] + body + self.xml[m.end():]
        self.changed = True
        return len(items)

    def number_format(self, code: str) -> int:
        if code in X.BUILTIN_FORMATS:
            return X.BUILTIN_FORMATS[code]
        m = self._element("numFmts")
        used = [163]
        if m is not None:
            for tag in self._children(m.group(1) or "", "numFmt"):
                a = _attrs(tag)
                if a.get("formatCode") == code:
                    return int(a["numFmtId"])
                used.append(int(a.get("numFmtId", "0")))
        new_id = max(used) + 1
        self._append("numFmts", f'<{self.p}numFmt numFmtId="{new_id}" formatCode="{X.escape_attr(code)}"/>',
                     ("fonts", "fills", "borders", "cellStyleXfs", "cellXfs"))
        return new_id

    def link_font(self) -> int:
        m = self._element("fonts")
        first = self._children(m.group(1) or "", "font")[:1] if m else []
        children: dict[str, str] = {}
        if first:
            for full in re.finditer(r"<((?:\w+:)?)(\w+)\b[^>]*/>", first[0]):
                children[full.group(2)] = full.group(0)
        p = self.p
        children["u"] = f"<{p}u/>"
        children["color"] = f'<{p}color rgb="{X.LINK_COLOR}"/>'
        children.pop("scheme", None) if "name" not in children else None
        font = f"<{p}font>" + "".join(children[k] for k in _FONT_ORDER if k in children) + f"</{p}font>"
        return self._append("fonts", font, ("fills", "borders", "cellStyleXfs", "cellXfs"))

    def xf(self, num_fmt: int = 0, font: int = 0, quote: bool = False) -> int:
        has_style_xfs = self._element("cellStyleXfs") is not None
        attrs = f'numFmtId="{num_fmt}" fontId="{font}" fillId="0" borderId="0"'
        if has_style_xfs:
            attrs += ' xfId="0"'
        if quote:
            attrs += ' quotePrefix="1"'
        if num_fmt:
            attrs += ' applyNumberFormat="1"'
        if font:
            attrs += ' applyFont="1"'
        return self._append("cellXfs", f"<{self.p}xf {attrs}/>", ("cellStyles", "dxfs", "tableStyles"))

    def styles(self, header_style: int) -> X.Styles:
        if self.original is None:
            raise InfluError("the workbook has no styles part")
        by_kind = {kind: self.xf(self.number_format(code)) for kind, code in X.NUMBER_FORMATS.items()}
        return X.Styles(by_kind=by_kind, quote=self.xf(quote=True), link=self.xf(font=self.link_font()),
                        date=by_kind["date"], header=header_style, header_quote=header_style)


# ------------------------------------------------------------------------------------- sheet edits


@dataclass
class RowIndex:
    starts: list[int]
    ends: list[int]
    numbers: list[int]
    where: dict[int, int]  # row number -> position in the lists


class SheetXml:
    """One worksheet part, held as bytes, with its rows indexed."""

    def __init__(self, data: bytes, part: str, path: str, sheet: str) -> None:
        self.data = data
        self.part = part
        self.path = path
        self.sheet = sheet
        head = data[:4096].decode("utf-8", "replace")
        self.p = _prefix_of(head, "worksheet")
        pb = self.p.encode()
        self.pb = pb
        sd = re.search(rb"<" + re.escape(pb) + rb"sheetData\b[^>]*?(/?)>", data)
        if sd is None:
            raise InfluError("the sheet has no cell data part: not rewritten", file=path, sheet=sheet)
        self.sd_open_end = sd.end()
        if sd.group(1):  # <sheetData/>
            self.sd_close = sd.end()
            self.self_closed = True
        else:
            self.sd_close = data.rindex(b"</" + pb + b"sheetData>")
            self.self_closed = False
        self.prefix = data[: sd.start()].decode("utf-8")
        self.sd_open = data[sd.start(): sd.end()].decode("utf-8")
        tail_start = self.sd_close if self.self_closed else self.sd_close + len(b"</" + pb + b"sheetData>")
        self.suffix = data[tail_start:].decode("utf-8")
        self.rows = self._index()
        self._cell_re = re.compile(rb"<" + re.escape(pb) + rb"c\b([^>]*?)(?:/>|>(.*?)</" + re.escape(pb) + rb"c>)",
                                   re.S)
        self._r_re = re.compile(rb'\sr="([A-Z]+)(\d+)"')
        if re.search(r"<(\w+:)?sheetProtection\b[^>]*\bsheet=\"(1|true)\"", self.prefix + self.suffix):
            raise InfluError("the sheet is protected: unprotect it in Excel first; nothing was changed",
                             file=path, sheet=sheet)

    def _index(self) -> RowIndex:
        data, pb = self.data, self.pb
        open_row, close_row = b"<" + pb + b"row", b"</" + pb + b"row>"
        r_attr = re.compile(rb'\sr="(\d+)"')
        starts: list[int] = []
        ends: list[int] = []
        numbers: list[int] = []
        where: dict[int, int] = {}
        last = 0
        pos, end = self.sd_open_end, self.sd_close
        find = data.find
        while True:
            start = find(open_row, pos, end)
            if start < 0:
                break
            after = data[start + len(open_row): start + len(open_row) + 1]
            if after not in (b" ", b">", b"/", b"\t", b"\n", b"\r"):  # <rowBreaks ...> is not a row
                pos = start + 1
                continue
            gt = find(b">", start, end)
            stop = gt + 1 if data[gt - 1: gt] == b"/" else find(close_row, gt, end) + len(close_row)
            found = r_attr.search(data, start, gt)
            number = int(found.group(1)) if found else last + 1
            last = number
            where[number] = len(starts)
            starts.append(start)
            ends.append(stop)
            numbers.append(number)
            pos = stop
        return RowIndex(starts, ends, numbers, where)

    def row_bytes(self, number: int) -> bytes | None:
        i = self.rows.where.get(number)
        if i is None:
            return None
        return self.data[self.rows.starts[i]: self.rows.ends[i]]

    def cells(self, row: bytes) -> list[tuple[int, bytes, bytes]]:
        """(column, attributes, whole element) of each cell of a row, implicit positions resolved."""
        out = []
        col = -1
        for m in self._cell_re.finditer(row):
            found = self._r_re.search(b" " + m.group(1))
            col = X.column_index(found.group(1).decode()) if found else col + 1
            out.append((col, m.group(1), m.group(0)))
        return out

    def last_column(self, row: bytes) -> int:
        """The largest column used in a row (-1 when empty)."""
        pos = row.rfind(b"<" + self.pb + b"c ")
        if pos < 0:
            pos = row.rfind(b"<" + self.pb + b"c>")
            if pos < 0:
                return -1
        found = self._r_re.search(row, pos, row.find(b">", pos) + 1)
        if found:
            return X.column_index(found.group(1).decode())
        cells = self.cells(row)
        return cells[-1][0] if cells else -1

    def header_texts(self, number: int, strings: dict[int, str]) -> dict[int, str]:
        row = self.row_bytes(number)
        out: dict[int, str] = {}
        if row is None:
            return out
        for col, attrs, whole in self.cells(row):
            text = _cell_text(attrs, whole, strings)
            if text is not None and text.strip():
                out[col] = text
        return out

    def header_string_ids(self, number: int) -> set[int]:
        row = self.row_bytes(number)
        ids: set[int] = set()
        if row is None:
            return ids
        for _, attrs, whole in self.cells(row):
            if b't="s"' in attrs:
                v = re.search(rb"<(?:\w+:)?v>(\d+)</(?:\w+:)?v>", whole)
                if v:
                    ids.add(int(v.group(1)))
        return ids

    def header_style(self, number: int) -> int:
        row = self.row_bytes(number)
        if row is None:
            return 0
        styles = [re.search(rb'\ss="(\d+)"', b" " + attrs) for _, attrs, _ in self.cells(row)]
        found = [int(s.group(1)) for s in styles if s]
        return found[-1] if found else 0

    def merges(self) -> list[tuple[int, int, int, int]]:
        """(first col, first row, last col, last row) of each merged range."""
        out = []
        for ref in re.findall(r"<(?:\w+:)?mergeCell\b[^>]*\bref=\"([^\"]+)\"", self.suffix):
            box = _box(ref)
            if box:
                out.append(box)
        return out


def _cell_text(attrs: bytes, whole: bytes, strings: dict[int, str]) -> str | None:
    text = whole.decode("utf-8")
    if b't="s"' in attrs:
        v = re.search(r"<(?:\w+:)?v>(\d+)</(?:\w+:)?v>", text)
        return strings.get(int(v.group(1))) if v else None
    if b't="inlineStr"' in attrs:
        return _si_text(text)
    v = re.search(r"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", text, re.S)
    return _unescape_text(v.group(1)) if v else None


def _holds(attrs: bytes, whole: bytes, value: Any, strings: dict[int, str]) -> bool:
    """Whether a cell (its attributes and element) already holds `value`: the same text, the same number
    (950 and 950.0), the same date (its serial number) or the same boolean. A formula's cell never does
    (writing a value over it is a change)."""
    if re.search(rb"<(?:\w+:)?f\b", whole):
        return False
    kind = re.search(rb'\st="(\w+)"', b" " + attrs)
    t = kind.group(1).decode() if kind else "n"
    if isinstance(value, str):
        return t in ("s", "inlineStr", "str") and _cell_text(attrs, whole, strings) == value
    raw = re.search(rb"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", whole, re.S)
    if raw is None:
        return False
    if isinstance(value, bool):
        return t == "b" and raw.group(1).strip() == (b"1" if value else b"0")
    if isinstance(value, dt.date):
        number: Any = X.date_serial(value)
    elif isinstance(value, int | float):
        number = value
    else:
        return False
    try:
        return t == "n" and number is not None and float(raw.group(1)) == float(number)
    except ValueError:
        return False


def _sheet_headers(xml: SheetXml, header_row: int, strings: Mapping[int, str]) -> dict[int, str]:
    """The header texts of a sheet's header row by 0-based column; an InfluError when the row holds none."""
    headers = xml.header_texts(header_row, dict(strings))
    if not headers:
        raise InfluError(f"row {header_row} holds no headers: the sheet does not look as influkit read it; "
                         "nothing was changed", file=xml.path, sheet=xml.sheet)
    return headers


_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")


def _box(ref: str) -> tuple[int, int, int, int] | None:
    parts = ref.split(":")
    cells = [_REF.fullmatch(p.strip()) for p in parts]
    if not cells or any(c is None for c in cells):
        return None
    cols = [X.column_index(c.group(1)) for c in cells if c]
    rows = [int(c.group(2)) for c in cells if c]
    return min(cols), min(rows), max(cols), max(rows)


def _box_ref(box: tuple[int, int, int, int]) -> str:
    c0, r0, c1, r1 = box
    return f"{X.column_letter(c0)}{r0}:{X.column_letter(c1)}{r1}"


# --------------------------------------------------------------------------------------- the edit


@dataclass
class EditResult:
    rows: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    first_new_column: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    formula_replaced: bool = False
    renamed: dict[str, str] = field(default_factory=dict)  # influkit's headers relabelled: old -> new


class _SheetEditor:
    """Applies one SheetJob to one sheet part."""

    def __init__(self, pkg: Package, index: int, job: SheetJob, lang: str | None, styles: StyleBook,
                 marker: set[int] | None, strings: Mapping[int, str], xml: SheetXml) -> None:
        name, part, kind = pkg.sheets[index]
        if kind != "worksheet":
            raise InfluError("is not a worksheet (a chart or dialog sheet): nothing was changed", file=pkg.path,
                             sheet=name)
        self.pkg, self.index, self.job, self.part = pkg, index, job, part
        self.name = name
        self.xml = xml
        self.headers = _sheet_headers(self.xml, job.header_row, strings)
        self.lang = lang or headers_language(self.headers.values())
        self.last_cols = {r: self.xml.last_column(self.xml.row_bytes(r) or b"") for r in [job.header_row, *job.rows]}
        used = list(self.last_cols.values())
        touched = sorted({*job.rows, job.header_row})
        for _, r0, c1, r1 in self.xml.merges():
            i = _bisect(touched, r0)
            if i < len(touched) and touched[i] <= r1:  # a merged range on a row influkit writes
                used.append(c1)
        self.placed = place_columns(self.headers, marker, job.wants, self.lang, max(used, default=-1) + 1,
                                    relabel=job.clear)
        self.placed.sort(key=lambda p: p.index)
        self._merged_cells()
        if not job.clear:
            self._drop_unchanged()
        self.styles = styles.styles(self.xml.header_style(job.header_row))
        self.plan_columns = [p.index for p in self.placed]
        self.plan_set = set(self.plan_columns)
        dates = any(p.kind == "date" for p in self.placed)
        self.added_date_style = self._added_date_style(styles) if dates else None
        self.column_styles = [self._own_style(p) for p in self.placed]
        self.money_styles = [self._money_styles(p, styles) for p in self.placed]
        self.sink = X.Sink()
        self.result = EditResult(rows=len(job.rows))
        for p in self.placed:
            (self.result.added if p.label is not None else self.result.updated).append(
                p.label if p.label is not None else p.rename or self.headers.get(p.index, X.column_letter(p.index)))
            if p.rename is not None:
                self.result.renamed[self.headers.get(p.index, "")] = p.rename
        new = [p.index for p in self.placed if p.label is not None]
        self.result.first_new_column = X.column_letter(min(new)) if new else None
        self.plan_min = min(self.plan_columns, default=0)
        self.plan_max = max(self.plan_columns, default=0)
        self.plan_block = self.plan_columns == list(range(self.plan_min, self.plan_max + 1)) and job.clear
        self.plan_letters = [X.column_letter(c).encode() for c in self.plan_columns]

    def _merged_cells(self) -> None:
        """A value for a cell of the user's own column inside a merged range (a status merged down over a
        person's two accounts): written into the range's first cell, the one the sheet shows, when every
        row of the range gets that same value; refused otherwise (the sheet would show the value for rows
        it is not for, or hide it), before anything is changed."""
        merges = [m for m in self.xml.merges() if m[1] != m[3] or m[0] != m[2]]
        if not merges:
            return
        for p in self.placed:
            if p.ours or p.label is not None:
                continue
            values = self.job.values[(p.want.column, p.want.platform)]
            for c0, r0, c1, r1 in merges:
                inside = sorted(r for r in values if r0 <= r <= r1) if c0 <= p.index <= c1 else []
                if not inside:
                    continue
                same = len({repr(values[r]) for r in inside}) == 1
                if c0 != p.index or inside != list(range(r0, r1 + 1)) or not same:
                    cell = f"{X.column_letter(p.index)}{inside[0]}"
                    raise InfluError(
                        f"cell {cell} is in the merged range {_box_ref((c0, r0, c1, r1))}, which shows one value "
                        f"for rows {r0}-{r1}: give every row of it the change (`influkit set -` with each "
                        "account, one a line), or unmerge the range; nothing was changed", file=self.pkg.path,
                        sheet=self.name)
                for r in inside[1:]:
                    del values[r]  # (the range shows its first cell only)

    def _drop_unchanged(self) -> None:
        """A cell update that gives a cell the value it already holds leaves the cell as it is, byte for
        byte (a budget cell of 950 stays the integer cell it was, not 950.0; a shared string stays
        shared; its style stays): nothing is written into it, a row with nothing else to change is not
        rewritten, and a column with nothing left to write is not reported as updated."""
        given = [(p, self.job.values[(p.want.column, p.want.platform)]) for p in self.placed if p.label is None]
        targets = {(r, p.index) for p, values in given for r in values}
        if not targets:
            return
        old: dict[tuple[int, int], tuple[bytes, bytes]] = {}
        for r in sorted({r for r, _ in targets}):
            for col, attrs, whole in self.xml.cells(self.xml.row_bytes(r) or b""):
                if (r, col) in targets:
                    old[(r, col)] = (attrs, whole)
        ids = {int(v.group(1)) for attrs, whole in old.values() if b't="s"' in attrs
               and (v := re.search(rb"<(?:\w+:)?v>(\d+)</", whole)) is not None}
        strings = _shared_strings(self.pkg.zin, self.pkg.shared_strings_part, ids)
        for p, values in given:
            for r in [r for r in values if (r, p.index) in old]:
                attrs, whole = old[(r, p.index)]
                if _holds(attrs, whole, _cell_value(p, values[r], self.lang), strings):
                    del values[r]
        left = {r for p in self.placed for r in self.job.values[(p.want.column, p.want.platform)]}
        self.job.rows = [r for r in self.job.rows if r in left]
        self.placed = [p for p in self.placed if p.label is not None or self.job.values[(p.want.column, p.want.platform)]]

    def _own_style(self, placed: Placed) -> X.Styles:
        """The styles a column's cells are written with: a date or a number written into the user's own
        column takes the format of the column's number cells (`15/03/2026` stays day first, a price in
        `#,##0 "€"` keeps its euro sign); a date column influkit adds takes the format of the sheet's other
        date columns' date cells, else (dates written as text, or none) dd/mm/yyyy in a French sheet, and
        so does a date written into a column of the user's that has no date cell (an empty "Date de
        signature"); influkit's own formats otherwise."""
        kind = placed.kind or ""
        added = placed.ours or placed.label is not None
        if kind != "date" and (added or kind not in X.NUMERIC_KINDS):
            return self.styles
        style = self.added_date_style if added else self._number_cell_style(placed.index)
        if style is None and kind == "date":  # a date column of the user's without date cells: as one added
            style = self.added_date_style
        if style is None:
            return self.styles
        return replace(self.styles, by_kind={**self.styles.by_kind, kind: style})

    def _money_styles(self, placed: Placed, book: StyleBook) -> dict[int, int]:
        """Sheet row -> the style of its amount, for a money column of influkit's (an estimated price, a CPE):
        the money format with the amount's currency (`io.write.money_formats`' codes: `"£"#,##0.00##` in
        English, `#,##0.00## "£"` in French); empty for the user's own column (its cells keep their
        format: `_own_style`) and rows whose currency nothing names."""
        if placed.kind != "money" or not (placed.ours or placed.label is not None):
            return {}
        from ..campaign.report_text import money_number_format

        found = self.job.currencies.get((placed.want.column, placed.want.platform)) or {}
        xfs = {cur: book.xf(book.number_format(money_number_format(cur, self.lang, X.NUMBER_FORMATS["money"])))
               for cur in dict.fromkeys(found.values()) if cur}
        return {r: xfs[cur] for r, cur in found.items() if cur}

    def _added_date_style(self, book: StyleBook) -> int | None:
        """The style of a date column influkit adds: that of the date cells of the sheet's own date
        columns, else the format of the sheet's text dates (`SheetJob.date_format`: dd/mm/yyyy beside
        "03/02/2026"), else dd/mm/yyyy in a French sheet; None: influkit's own (ISO)."""
        from .columns import understand_header

        users = [c for c, h in sorted(self.headers.items()) if c not in self.plan_set
                 and kind_of(understand_header(h).column or "") == "date"]
        found = next((st for c in users if (st := self._number_cell_style(c)) is not None), None)
        if found is None and self.job.date_format:  # the sheet's dates are text: their order, as a format
            found = book.xf(book.number_format(self.job.date_format))
        if found is None and self.lang == "fr":
            found = book.xf(book.number_format(date_number_format(self.lang)))
        return found

    def _number_cell_style(self, column: int) -> int | None:
        """The style of the first number cell (a date, in a date column; a price, in a price column) of
        `column` below the header."""
        header_row, scanned = self.job.header_row, 0
        for number in self.xml.rows.numbers:
            if number <= header_row:
                continue
            scanned += 1
            if scanned > WT.WIDTH_SAMPLE_ROWS:
                break
            for col, attrs, whole in self.xml.cells(self.xml.row_bytes(number) or b""):
                if col != column or b"<" + self.xml.pb + b"v>" not in whole and b"<v>" not in whole:
                    continue
                kind = re.search(rb'\st="(\w+)"', b" " + attrs)
                style = re.search(rb'\ss="(\d+)"', b" " + attrs)
                if (kind is None or kind.group(1) == b"n") and style is not None:  # a number: the user's date
                    return int(style.group(1))
        return None

    # ---- cells per row
    def _planned(self) -> Iterator[tuple[int, str, Callable[[], list[tuple[int, str]]]]]:
        """(row, its new cells joined, the cells by column or '' to clear) in row order, header row
        included."""
        job = self.job
        # the header row: new and relabelled columns; when there are some, influkit's other headers are
        # written again as they are (a later run rewrites influkit's block of the row as one piece)
        changed = any(p.label is not None or p.rename is not None for p in self.placed)
        ns = self.xml.p
        header = [(p.index, _in_namespace(X.header_cells([p.label or p.rename or self.headers.get(p.index, "")],
                                                         job.header_row, p.index, self.styles, self.sink), ns))
                  for p in self.placed if changed and (p.label is not None or p.rename is not None or p.ours)]
        rows = [r for r in job.rows if r != job.header_row]
        pending_header = bool(header)
        step = WT.ROWS_PER_CHUNK
        letters = [X.column_letter(p.index) for p in self.placed]
        given = [job.values[(p.want.column, p.want.platform)] for p in self.placed]
        indices = [p.index for p in self.placed]

        def header_cells() -> list[tuple[int, str]]:
            return header

        def cells_at(columns: list[list[str]], j: int, r: int) -> list[tuple[int, str]]:
            return [(i, col[j]) for i, col, values in zip(indices, columns, given, strict=True)
                    if col[j] or job.clear or r in values]

        for k0 in range(0, len(rows), step):
            chunk = rows[k0: k0 + step]
            columns = []
            for p, letter, values, styles, money in zip(self.placed, letters, given, self.column_styles,
                                                         self.money_styles, strict=True):
                vals = list(map(values.get, chunk))
                if has_words(p.want.column):  # codes in words: a few distinct values per column
                    words = {v: _cell_value(p, v, self.lang) for v in dict.fromkeys(vals) if isinstance(v, str)}
                    vals = [words.get(v, v) if v.__class__ is str else v for v in vals]
                cells = (X.encode_column(vals, chunk, letter, p.kind, styles, self.sink) if not money
                         else self._money_cells(vals, chunk, letter, p.kind, styles, money))
                columns.append([_in_namespace(c, ns) for c in cells] if ns else cells)
            joined = list(map("".join, zip(*columns, strict=True)))
            for j, r in enumerate(chunk):
                if pending_header and job.header_row < r:
                    yield job.header_row, "".join(x for _, x in header), header_cells
                    pending_header = False
                yield r, joined[j], partial(cells_at, columns, j, r)
        if pending_header:
            yield job.header_row, "".join(x for _, x in header), header_cells

    def _money_cells(self, vals: list[Any], chunk: list[int], letter: str, kind: str | None, styles: X.Styles,
                     money: dict[int, int]) -> list[str]:
        """A money column's cells of a chunk, each amount in the style of its currency (`_money_styles`)."""
        groups: dict[int | None, list[int]] = {}
        for j, r in enumerate(chunk):
            groups.setdefault(money.get(r), []).append(j)
        cells = [""] * len(chunk)
        for xf, js in groups.items():
            own = styles if xf is None else replace(styles, by_kind={**styles.by_kind, str(kind): xf})
            for j, cell in zip(js, X.encode_column([vals[j] for j in js], [chunk[j] for j in js], letter, kind, own,
                                                   self.sink), strict=True):
                cells[j] = cell
        return cells

    def _merge_row(self, r: int, row: bytes, joined: str, cells_of: Callable[[], list[tuple[int, str]]]) -> bytes:
        pb = self.xml.pb
        close = b"</" + pb + b"row>"
        if row.endswith(b"/>") and not row.endswith(close):
            open_tag = row[:-2].rstrip()
            return _drop_spans(open_tag) + b">" + joined.encode("utf-8") + close
        gt = row.index(b">") + 1
        open_tag, inner = row[:gt], row[gt: len(row) - len(close)]
        if b"spans=" in open_tag:
            open_tag = _drop_spans(open_tag)
        last = self.last_cols.get(r)
        if last is None:
            last = self.xml.last_column(row)
        if last < self.plan_min:
            return open_tag + inner + joined.encode("utf-8") + close
        if self.plan_block and last <= self.plan_max and (self.job.clear or not self.job.values):
            # a later run: influkit's block ends the row; cut it off and put the new one
            number = str(r).encode()
            for letter in self.plan_letters:
                cut = inner.find(b"<" + pb + b'c r="' + letter + number + b'"')
                if cut >= 0:
                    tail = inner[cut:]
                    if b"<" + pb + b"f" not in tail:
                        return open_tag + inner[:cut] + joined.encode("utf-8") + close
                    break
        cells = cells_of()
        # the careful path: replace or insert each cell by column
        existing = self.xml.cells(inner)
        by_col = {c for c, _ in cells}
        kept: list[tuple[int, bytes]] = []
        replaced: dict[int, bytes] = {}  # column -> the attributes of the user's cell a new one replaces
        for col, attrs, whole in existing:
            if col in by_col:
                self._check_replaced(col, attrs, whole, row)
                replaced[col] = attrs
                continue
            if not self.xml._r_re.search(b" " + attrs):  # give implicit cells their position
                num = _row_number(open_tag)
                whole = whole.replace(b"<" + pb + b"c", b"<" + pb + b'c r="' + f"{X.column_letter(col)}{num}".encode()
                                      + b'"', 1)
            kept.append((col, whole))
        kept += [(c, (_keep_own_style(x, replaced[c], self.styles) if c in replaced else x).encode("utf-8"))
                 for c, x in cells if x]
        kept.sort(key=lambda t: t[0])
        return open_tag + b"".join(x for _, x in kept) + close

    def _check_replaced(self, col: int, attrs: bytes, whole: bytes, row: bytes) -> None:
        f = re.search(rb"<(?:\w+:)?f\b([^>]*)", whole)
        if f is None:
            return
        self.result.formula_replaced = True
        if b"ref=" in f.group(1) and (b'"shared"' in f.group(1) or b'"array"' in f.group(1)):
            ref = re.search(rb'\sr="([A-Z]+\d+)"', b" " + attrs)
            where = ref.group(1).decode() if ref else X.column_letter(col)
            raise InfluError(f"cell {where} holds a formula other cells share: influkit will not overwrite it; "
                             "nothing was changed", file=self.pkg.path, sheet=self.name)

    # ---- what the parts around the rows become (decided before any row is written)
    def prepare(self, rel_ids_taken: set[str]) -> None:
        """Hyperlinks kept and dropped, the link budget, the grown autofilter: from the suffix."""
        p = re.escape(self.xml.p)
        suffix = self.xml.suffix
        rewritten_rows = {self.job.header_row, *self.job.rows}
        plan = set(self.plan_columns)
        # a cell update rewrites the cells it is given (and the header row), not its columns' other cells
        given = None if self.job.clear else {(pl.index, r) for pl in self.placed
                                             for r in self.job.values[(pl.want.column, pl.want.platform)]}
        self.kept_links: list[str] = []
        self.removed_link_ids: set[str] = set()
        hl = re.search(rf"<{p}hyperlinks\b[^>]*>(.*?)</{p}hyperlinks>", suffix, re.S)
        if hl:
            for tag in re.findall(rf"<{p}hyperlink\b[^>]*?(?:/>|>.*?</{p}hyperlink>)", hl.group(1), re.S):
                a = _attrs(tag.split(">", 1)[0])
                box = _box(a.get("ref", ""))
                if box and box[0] == box[2] and box[1] == box[3] and box[0] in plan and box[1] in rewritten_rows and (
                        given is None or box[1] == self.job.header_row or (box[0], box[1]) in given):
                    rid = next((v for k, v in a.items() if k.endswith(":id")), None)
                    if rid:
                        self.removed_link_ids.add(rid)
                    continue
                self.kept_links.append(tag)
        self.sink.link_budget = max(0, WT.EXCEL_HYPERLINK_LIMIT - len(self.kept_links))
        self.rel_ids_taken = rel_ids_taken
        self.filter_box: tuple[int, int, int, int] | None = None
        af = re.search(rf'<{p}autoFilter\b[^>]*\bref="([^"]*)"', suffix)
        new = sorted(pl.index for pl in self.placed if pl.label is not None)
        if af and new:
            box = _box(af.group(1))
            if box and box[1] == self.job.header_row and _contiguous(box[2], new):
                self.filter_box = (box[0], box[1], new[-1], box[3])  # wider, never longer (a total below stays out)

    def write(self, out: IO[bytes] | X.Deflater) -> None:
        """Stream the new sheet part."""
        xml = self.xml
        data = xml.data
        pb = xml.pb
        sd_close_tag = b"</" + pb + b"sheetData>"
        opening = xml.sd_open.encode("utf-8")
        if xml.self_closed:
            opening = opening[:-2].rstrip() + b">"
        pieces: list[bytes] = [self._new_prefix().encode("utf-8"), opening]
        size = 0
        pos = xml.sd_open_end
        rows = xml.rows
        for r, joined, cells_of in self._planned():
            i = rows.where.get(r)
            if i is None:  # a row the sheet does not have yet: inserted in order
                if not joined:
                    continue
                nxt = _bisect(rows.numbers, r)
                at = max(pos, rows.starts[nxt] if nxt < len(rows.starts) else xml.sd_close)
                pieces.append(data[pos:at])
                pieces.append(b"<" + pb + b'row r="' + str(r).encode() + b'">' + joined.encode("utf-8") + b"</" + pb
                              + b"row>")
                pos = at
            else:
                pieces.append(data[pos: rows.starts[i]])
                pieces.append(self._merge_row(r, data[rows.starts[i]: rows.ends[i]], joined, cells_of))
                pos = rows.ends[i]
            size += len(pieces[-1])
            if size > 1 << 22:
                out.write(b"".join(pieces))
                pieces.clear()
                size = 0
        pieces.append(data[pos: xml.sd_close])
        pieces.append(sd_close_tag)
        pieces.append(self._new_suffix().encode("utf-8"))
        out.write(b"".join(pieces))
        self.result.counts = dict(self.sink.counts)

    def _max_row(self) -> int:
        return max([self.job.header_row, *self.job.rows, *(self.xml.rows.numbers[-1:] or [1])])

    def _new_prefix(self) -> str:
        text = self.xml.prefix
        p = self.xml.p
        pe = re.escape(p)
        last_col = max(self.plan_columns, default=0)
        m = re.search(rf'<{pe}dimension\b[^>]*\bref="([^"]*)"', text)
        if m:
            box = _box(m.group(1))
            if box:
                c0, r0, c1, r1 = box
                new = _box_ref((c0, min(r0, self.job.header_row), max(c1, last_col), max(r1, self._max_row())))
                text = text[: m.start(1)] + new + text[m.end(1):]
        new_cols = [pl for pl in self.placed if pl.label is not None]
        if new_cols:  # widths of new columns, where no <col> of the user's covers them
            cols = re.search(rf"<{pe}cols\b[^>]*>(.*?)</{pe}cols>", text, re.S)
            covered: list[tuple[int, int]] = []
            entries: list[tuple[int, str]] = []
            if cols:
                for tag in re.findall(rf"<{pe}col\b[^>]*?(?:/>|>.*?</{pe}col>)", cols.group(1), re.S):
                    a = _attrs(tag.split(">", 1)[0])
                    lo, hi = int(a.get("min", "1")), int(a.get("max", a.get("min", "1")))
                    covered.append((lo, hi))
                    entries.append((lo, tag))
            added = False
            for pl in new_cols:
                n = pl.index + 1
                if any(lo <= n <= hi for lo, hi in covered):
                    continue
                values = self.job.values[(pl.want.column, pl.want.platform)]
                sample = [values[r] for r in self.job.rows[: WT.WIDTH_SAMPLE_ROWS] if r in values]
                width = X.column_width(pl.label or "", sample)
                entries.append((n, f'<{p}col min="{n}" max="{n}" width="{width:g}" customWidth="1"/>'))
                added = True
            if added:
                entries.sort(key=lambda e: e[0])
                block = f"<{p}cols>" + "".join(e for _, e in entries) + f"</{p}cols>"
                text = text[: cols.start()] + block + text[cols.end():] if cols else text + block
        root = re.search(rf"<{pe}worksheet\b[^>]*>", text)
        if self.wants_links() and root and f'="{X.NS_R}"' not in root.group():
            tag = root.group()
            text = text[: root.start()] + tag[:-1] + f' xmlns:r="{X.NS_R}">' + text[root.end():]
        return text

    def wants_links(self) -> bool:
        return any(pl.kind == "url" for pl in self.placed)

    def _new_suffix(self) -> str:
        text = self.xml.suffix
        p = self.xml.p
        pe = re.escape(p)
        if self.filter_box is not None:
            af = re.search(rf'<{pe}autoFilter\b[^>]*\bref="([^"]*)"', text)
            if af:
                text = text[: af.start(1)] + _box_ref(self.filter_box) + text[af.end(1):]
        self.link_rels: list[tuple[str, str]] = []
        new_links = []
        n = 0
        for ref, url in self.sink.links:
            n += 1
            rid = f"rIdIk{n}"
            while rid in self.rel_ids_taken:
                n += 1
                rid = f"rIdIk{n}"
            self.link_rels.append((rid, url))
            new_links.append(f'<{p}hyperlink ref="{ref}" r:id="{rid}"/>')
        hl = re.search(rf"<{pe}hyperlinks\b[^>]*>(.*?)</{pe}hyperlinks>", text, re.S)
        if hl or new_links:
            links = self.kept_links + new_links
            block = f"<{p}hyperlinks>" + "".join(links) + f"</{p}hyperlinks>" if links else ""
            if hl:
                text = text[: hl.start()] + block + text[hl.end():]
            else:
                pos = _insert_position(text, p, _AFTER_HYPERLINKS)
                text = text[:pos] + block + text[pos:]
        return text

    def new_rels(self, current: str | None) -> str | None:
        """The sheet's relationships part after the write (None: unchanged)."""
        if not self.link_rels and not (self.removed_link_ids and current is not None):
            return None
        text = current if current is not None else (
            X.XML_DECL + f'<Relationships xmlns="{X.NS_PKG_REL}"></Relationships>')
        for rid in self.removed_link_ids:
            text = re.sub(r'<(?:\w+:)?Relationship\b[^>]*\bId="' + re.escape(rid) + r'"[^>]*/>', "", text)
        entries = "".join(f'<Relationship Id="{rid}" Type="{X.REL_HYPERLINK}" Target="{X.escape_attr(url)}" '
                          'TargetMode="External"/>' for rid, url in self.link_rels)
        close = text.rindex("</")
        return text[:close] + entries + text[close:]


_AFTER_HYPERLINKS = ("printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
                     "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing",
                     "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems",
                     "tableParts", "extLst")


def _insert_position(text: str, p: str, before: tuple[str, ...]) -> int:
    best = text.rindex("</")
    for name in before:
        m = re.search(rf"<{re.escape(p)}{name}\b", text)
        if m and m.start() < best:
            best = m.start()
    return best


def _contiguous(last: int, new: list[int]) -> bool:
    return bool(new) and new[0] == last + 1 and new == list(range(new[0], new[0] + len(new)))


def _bisect(numbers: list[int], value: int) -> int:
    import bisect

    return bisect.bisect_left(numbers, value)


def _drop_spans(open_tag: bytes) -> bytes:
    return re.sub(rb'\sspans="[^"]*"', b"", open_tag)


def _row_number(open_tag: bytes) -> int:
    m = re.search(rb'\sr="(\d+)"', open_tag)
    return int(m.group(1)) if m else 0


# ---------------------------------------------------------------------------------- workbook level


def marker_columns(workbook: str, sheet_index: int) -> set[int] | None:
    """The 0-based columns the hidden name `_influkit_columns` marks on a sheet (by its index in the
    workbook's sheet list), None when the sheet has no such name. The reader uses it too: those
    columns are influkit's, recomputed on every run, never read as the user's."""
    for m in re.finditer(r"<(?:\w+:)?definedName\b([^>]*)>(.*?)</(?:\w+:)?definedName>", workbook, re.S):
        a = _attrs(m.group(1))
        if a.get("name") == MARKER_NAME and a.get("localSheetId") == str(sheet_index):
            cols: set[int] = set()
            for ref in html.unescape(m.group(2)).split(","):
                box = _box(ref.rsplit("!", 1)[-1].replace("$", ""))
                if box:
                    cols.update(range(box[0], box[2] + 1))
            return cols
    return None


def _set_defined_name(workbook: str, name: str, sheet_index: int, value: str, p: str) -> str:
    pattern = re.compile(rf"<{re.escape(p)}definedName\b([^>]*)>(.*?)</{re.escape(p)}definedName>", re.S)
    for m in pattern.finditer(workbook):
        a = _attrs(m.group(1))
        if a.get("name") == name and a.get("localSheetId") == str(sheet_index):
            return workbook[: m.start(2)] + X.escape_text(value) + workbook[m.end(2):]
    entry = (f'<{p}definedName name="{name}" localSheetId="{sheet_index}" hidden="1">{X.escape_text(value)}'
             f"</{p}definedName>")
    block = re.search(rf"</{re.escape(p)}definedNames>", workbook)
    if block:
        return workbook[: block.start()] + entry + workbook[block.start():]
    empty = re.search(rf"<{re.escape(p)}definedNames\s*/>", workbook)
    if empty:
        return workbook[: empty.start()] + f"<{p}definedNames>{entry}</{p}definedNames>" + workbook[empty.end():]
    anchor = None
    for after in ("externalReferences", "functionGroups", "sheets"):
        m2 = re.search(rf"</{re.escape(p)}{after}>|<{re.escape(p)}{after}\s*/>", workbook)
        if m2:
            anchor = m2.end()
            break
    if anchor is None:
        raise InfluError("the workbook part has no sheets list")
    return workbook[:anchor] + f"<{p}definedNames>{entry}</{p}definedNames>" + workbook[anchor:]


def _update_filter_name(workbook: str, index: int, name: str, box: tuple[int, int, int, int], p: str) -> str:
    c0, r0, c1, r1 = box
    value = f"{X.quote_sheet(name)}!${X.column_letter(c0)}${r0}:${X.column_letter(c1)}${r1}"
    pattern = re.compile(rf"<{re.escape(p)}definedName\b([^>]*)>(.*?)</{re.escape(p)}definedName>", re.S)
    for m in pattern.finditer(workbook):
        a = _attrs(m.group(1))
        if a.get("name") == "_xlnm._FilterDatabase" and a.get("localSheetId") == str(index):
            return workbook[: m.start(2)] + X.escape_text(value) + workbook[m.end(2):]
    return workbook


def _grow_table(xml: str, header_row: int, new: list[tuple[int, str]]) -> str | None:
    """A table part grown to the new columns, when its header row is the sheet's header row and it
    ends where they start (its rows stay its own); None when it is left as it was."""
    m = re.search(r"<(\w+:)?table\b[^>]*>", xml)
    if m is None:
        return None
    p = m.group(1) or ""
    a = _attrs(m.group())
    box = _box(a.get("ref", ""))
    if box is None or box[1] != header_row or a.get("headerRowCount", "1") == "0":
        return None
    cols = sorted(c for c, _ in new)
    if not _contiguous(box[2], cols):
        return None
    grown = (box[0], box[1], cols[-1], box[3])  # wider, never longer: a total row below the table stays out
    tc = re.search(rf"<{re.escape(p)}tableColumns\b[^>]*>(.*?)</{re.escape(p)}tableColumns>", xml, re.S)
    if tc is None:
        return None
    existing_ids = [int(i) for i in re.findall(r'<(?:\w+:)?tableColumn\b[^>]*\bid="(\d+)"', tc.group(1))]
    names = {fold_key(html.unescape(n)) for n in re.findall(r'<(?:\w+:)?tableColumn\b[^>]*\bname="([^"]*)"',
                                                            tc.group(1))}
    next_id = max(existing_ids, default=0) + 1
    entries = []
    for _, text in sorted(new):
        if fold_key(text) in names:
            return None
        entries.append(f'<{p}tableColumn id="{next_id}" name="{X.escape_attr(text)}"/>')
        next_id += 1
    count = len(re.findall(r"<(?:\w+:)?tableColumn\b", tc.group(1))) + len(entries)
    open_tag = xml[tc.start(): xml.index(">", tc.start()) + 1]
    new_open = re.sub(r'\bcount="\d+"', f'count="{count}"', open_tag)
    body = new_open + tc.group(1) + "".join(entries) + f"</{p}tableColumns>"
    out = xml[: tc.start()] + body + xml[tc.end():]
    ref = _box_ref(grown)
    out = re.sub(r'(<(?:\w+:)?table\b[^>]*\bref=")[^"]*(")', lambda mm: mm.group(1) + ref + mm.group(2), out, count=1)
    af = re.search(r'<(?:\w+:)?autoFilter\b[^>]*\bref="([^"]*)"', out)
    if af:
        fbox = _box(af.group(1))
        if fbox:
            out = out[: af.start(1)] + _box_ref((fbox[0], fbox[1], grown[2], fbox[3])) + out[af.end(1):]
    return out


def _calc_chain_touched(pkg: Package, editors: list[_SheetEditor]) -> bool:
    """Does calcChain.xml list a cell influkit overwrites (then it is dropped: Excel rebuilds it)?"""
    part = pkg.calc_chain_part
    if part is None or part not in pkg.zin.namelist():
        return False
    letters = {X.column_letter(pl.index) for e in editors for pl in e.placed if pl.label is None}
    if not letters:
        return False
    text = pkg.zin.read(part).decode("utf-8")
    return any(ref in letters for ref in re.findall(r'\br="\$?([A-Z]+)\$?\d+"', text))


def _without_calc_chain(pkg: Package, replaced: dict[str, bytes]) -> None:
    part = pkg.calc_chain_part
    if part is None:
        return
    text = (replaced.get(pkg.workbook_rels_part) or pkg.zin.read(pkg.workbook_rels_part)).decode("utf-8")
    replaced[pkg.workbook_rels_part] = re.sub(
        r'<(?:\w+:)?Relationship\b[^>]*/calcChain"[^>]*/>', "", text).encode("utf-8")
    ct = (replaced.get("[Content_Types].xml") or pkg.zin.read("[Content_Types].xml")).decode("utf-8")
    ct = re.sub(r'<(?:\w+:)?Override\b[^>]*PartName="/' + re.escape(part) + r'"[^>]*/>', "", ct)
    replaced["[Content_Types].xml"] = ct.encode("utf-8")


def _ensure_rels_default(pkg: Package, replaced: dict[str, bytes]) -> None:
    ct = (replaced.get("[Content_Types].xml") or pkg.zin.read("[Content_Types].xml")).decode("utf-8")
    if re.search(r'Extension="rels"', ct, re.I):
        return
    close = ct.rindex("</")
    ct = ct[:close] + ('<Default Extension="rels" '
                       'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>') + ct[close:]
    replaced["[Content_Types].xml"] = ct.encode("utf-8")


# ---------------------------------------------------------------------------------------- drivers


def _open_sheet(pkg: Package, name: str | None, header_row: int) -> tuple[int, SheetXml, dict[int, str]]:
    """A worksheet of the package by name: its index, its part and the shared strings of its header row; an
    InfluError when it is gone, not a worksheet, protected or without cell data."""
    index = pkg.sheet_index(name)
    sheet_name, part, kind = pkg.sheets[index]
    if kind != "worksheet":
        raise InfluError("is not a worksheet (a chart or dialog sheet): nothing was changed", file=pkg.path,
                         sheet=sheet_name)
    sheet_xml = SheetXml(pkg.zin.read(part), part, pkg.path, sheet_name)
    return index, sheet_xml, _shared_strings(pkg.zin, pkg.shared_strings_part,
                                             sheet_xml.header_string_ids(header_row))


def _edit_xlsx(path: str, jobs: list[SheetJob], lang: str | None, backup: bool, expected: Stamp | None,
               check_headers: list[list[str]] | None = None) -> dict[str, Any]:
    start = file_stamp(path)
    pkg = Package.open(path)
    try:
        names = set(pkg.zin.namelist())
        workbook = pkg.zin.read(pkg.workbook_part).decode("utf-8")
        wp = _prefix_of(workbook, "workbook")
        styles = StyleBook(pkg.zin.read(pkg.styles_part).decode("utf-8") if pkg.styles_part else None)
        editors: list[_SheetEditor] = []
        seen: set[int] = set()
        for j, job in enumerate(jobs):
            index, sheet_xml, strings = _open_sheet(pkg, job.name, job.header_row)
            if index in seen:
                raise InfluError("two jobs for one sheet", file=path, sheet=job.name)
            seen.add(index)
            editor = _SheetEditor(pkg, index, job, lang, styles, marker_columns(workbook, index), strings, sheet_xml)
            if check_headers is not None and check_headers[j]:
                _check_headers(editor.headers, check_headers[j], job.header_row, path, editor.name)
            if not job.clear and not editor.placed:
                continue  # every cell given already holds its value: the sheet stays as it is
            rels_part = _rels_of(editor.part)
            taken = set(re.findall(r'\bId="([^"]+)"', pkg.zin.read(rels_part).decode("utf-8"))) if (
                rels_part in names) else set()
            editor.prepare(taken)
            editors.append(editor)
        if not editors:  # nothing to change (a cell update of values the cells hold): no backup, no write
            return {"path": path, "format": "xlsx", "backup": None, "sheets": {}, "links": 0, "link_formulas": 0,
                    "links_as_text": 0, "truncated": 0}
        replaced: dict[str, bytes] = {}
        for e in editors:
            # this edit's columns and those marked before (a cell update must not unmark the block)
            before = (marker_columns(workbook, e.index) or set()) & set(e.headers)
            ours = sorted({pl.index for pl in e.placed if pl.ours} | before)
            if ours:
                value = ",".join(f"{X.quote_sheet(e.name)}!{ref}" for ref in _runs(ours, e.job.header_row))
                workbook = _set_defined_name(workbook, MARKER_NAME, e.index, value, wp)
            for t_part, t_xml in _grown_tables(pkg, e):
                replaced[t_part] = t_xml.encode("utf-8")
            if e.filter_box is not None:
                workbook = _update_filter_name(workbook, e.index, e.name, e.filter_box, wp)
        replaced[pkg.workbook_part] = workbook.encode("utf-8")
        if styles.changed and pkg.styles_part:
            replaced[pkg.styles_part] = styles.xml.encode("utf-8")
        drop_calc_chain = _calc_chain_touched(pkg, editors)
        if drop_calc_chain:
            _without_calc_chain(pkg, replaced)
        by_part = {e.part: e for e in editors}
        sheet_rels = {_rels_of(e.part): e for e in editors}
        if any(e.wants_links() and _rels_of(e.part) not in names for e in editors):
            _ensure_rels_default(pkg, replaced)

        def write(fh: IO[bytes]) -> None:
            with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=WT.ZIP_LEVEL) as zout:
                done: set[str] = set()
                deferred: list[zipfile.ZipInfo] = []
                for info in pkg.zin.infolist():
                    name = info.filename
                    if drop_calc_chain and name == pkg.calc_chain_part:
                        continue
                    if name in by_part:
                        e = by_part[name]
                        member_info = _copy_info(info, zipfile.ZIP_DEFLATED)
                        member_info._compresslevel = WT.ZIP_LEVEL  # type: ignore[attr-defined]
                        with zout.open(member_info, "w",
                                       force_zip64=len(e.xml.data) * 2 > WT.LARGE_PART_BYTES) as member, \
                                X.Deflater(member) as out:
                            e.write(out)
                        done.add(name)
                        continue
                    if name in sheet_rels and sheet_rels[name].part not in done:
                        deferred.append(info)
                        continue
                    _copy_part(zout, info, replaced, sheet_rels, pkg)
                for info in deferred:
                    _copy_part(zout, info, replaced, sheet_rels, pkg)
                for rels_part, e in sheet_rels.items():
                    if rels_part not in names:
                        text = e.new_rels(None)
                        if text is not None:
                            zout.writestr(zipfile.ZipInfo(rels_part, date_time=(1980, 1, 1, 0, 0, 0)),
                                          text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)

        saved = commit(path, write, start, expected, backup)
    finally:
        pkg.zin.close()
    sheets = {}
    totals = {"links": 0, "link_formulas": 0, "links_as_text": 0, "truncated": 0}
    for e in editors:
        sheets[e.name] = {"rows": e.result.rows, "added": e.result.added, "updated": e.result.updated,
                          "renamed": e.result.renamed, "first_new_column": e.result.first_new_column,
                          "lang": e.lang, **e.result.counts}
        for k in totals:
            totals[k] += e.result.counts.get(k, 0)
    return {"path": path, "format": "xlsx", "backup": str(saved) if saved else None, "sheets": sheets, **totals}


def _runs(columns: list[int], row: int) -> list[str]:
    """$P$3:$R$3-style references of runs of adjacent columns."""
    out: list[str] = []
    start = prev = columns[0]
    for c in [*columns[1:], -2]:
        if c == prev + 1:
            prev = c
            continue
        a, b = X.column_letter(start), X.column_letter(prev)
        out.append(f"${a}${row}" if start == prev else f"${a}${row}:${b}${row}")
        start = prev = c
    return out


def _copy_part(zout: zipfile.ZipFile, info: zipfile.ZipInfo, replaced: dict[str, bytes],
               sheet_rels: dict[str, _SheetEditor], pkg: Package) -> None:
    name = info.filename
    if name in sheet_rels:
        text = sheet_rels[name].new_rels(pkg.zin.read(name).decode("utf-8"))
        if text is not None:
            zout.writestr(_copy_info(info), text.encode("utf-8"))
            return
    data = replaced[name] if name in replaced else pkg.zin.read(name)
    zout.writestr(_copy_info(info), data)


def _copy_info(info: zipfile.ZipInfo, compress_type: int | None = None) -> zipfile.ZipInfo:
    new = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    new.compress_type = info.compress_type if compress_type is None else compress_type
    new.external_attr = info.external_attr
    new.create_system = info.create_system
    new.comment = info.comment
    return new


def _grown_tables(pkg: Package, e: _SheetEditor) -> list[tuple[str, str]]:
    """The sheet's table parts that change: grown to the new columns, their columns renamed where influkit
    relabelled its headers (a table's column names must be its header cells)."""
    new = [(pl.index, pl.label) for pl in e.placed if pl.label is not None]
    renamed = {pl.index: pl.rename for pl in e.placed if pl.rename is not None}
    if not new and not renamed:
        return []
    out = []
    for rtype, target in _relationships(pkg.zin, _rels_of(e.part)).values():
        if rtype != REL_TABLE:
            continue
        part = _resolve(e.part, target)
        if part not in pkg.zin.namelist():
            continue
        xml = pkg.zin.read(part).decode("utf-8")
        changed = _renamed_table(xml, e.job.header_row, renamed) if renamed else None
        grown = _grow_table(changed or xml, e.job.header_row,
                            [(i, text) for i, text in new if text is not None]) if new else None
        if grown is not None or changed is not None:
            out.append((part, grown or changed or xml))
    return out


def _renamed_table(xml: str, header_row: int, renamed: Mapping[int, str]) -> str | None:
    """A table part whose columns at the relabelled sheet columns take their new names; None when the
    table does not cover them."""
    m = re.search(r"<(\w+:)?table\b[^>]*>", xml)
    if m is None:
        return None
    a = _attrs(m.group())
    box = _box(a.get("ref", ""))
    if box is None or box[1] != header_row or a.get("headerRowCount", "1") == "0":
        return None
    names = list(re.finditer(r'(<(?:\w+:)?tableColumn\b[^>]*\bname=")([^"]*)(")', xml))
    out, done = xml, False
    for position, cm in reversed(list(enumerate(names))):
        text = renamed.get(box[0] + position)
        if text is None or box[0] + position > box[2]:
            continue
        out = out[: cm.start(2)] + X.escape_attr(text) + out[cm.end(2):]
        done = True
    return out if done else None


def _table_headers(table: Table) -> list[str]:
    """The input headers the table was read from (to check the sheet still has them): the reader's
    layout of the table's tab when it gives one, else the mapped and kept headers. A column of values
    without a header, which the reader names itself ("column D", `read.unnamed_header`), has no header
    to find."""
    from .read import unnamed_header

    layout = [lay for lay in table.meta.get("layout") or [] if lay.get("sheet") in (table.sheet, None)]
    if layout:
        return [str(c["header"]) for c in layout[0].get("columns", []) if c.get("header")
                and (layout[0].get("header_rows") or 1) == 1
                and not (isinstance(c.get("column"), int) and c["header"] == unnamed_header(c["column"] - 1))]
    out = []
    for h in [*table.mapped.values(), *table.extra_columns]:
        if not h or h.startswith("(") or " + " in h or re.fullmatch(r"column [A-Z]+", h) or re.search(
                r" \(\d+\)$", h):
            continue
        out.append(h)
    return out


def _check_headers(headers: Mapping[int, str], expected: list[str], header_row: int, path: str,
                   sheet: str | None) -> None:
    present = {_norm(h) for h in headers.values()}
    missing = [h for h in expected if _norm(h) not in present]
    if missing:
        raise InfluError(f"row {header_row} does not hold the headers influkit read ({missing[0]!r} is "
                         "missing): the sheet changed or was read differently; nothing was changed",
                         file=path, sheet=sheet)


def check_sheets(table: Table, path: str | None = None) -> None:
    """Refuse, before anything is computed, recorded or written, a file `write_back` (and `write_cells`)
    would refuse for what it is and for the sheets of the table's rows: what `check_in_place` refuses, a
    workbook influkit does not rewrite (`Package.open`), a sheet gone, not a worksheet, protected, or whose
    header row no longer holds the headers influkit read. The same checks and one-line errors as the
    write; what depends on the columns written (a shared formula in a cell to overwrite) is the write's."""
    target = path or table.source
    fmt = check_in_place(target)
    creators = set(table.creator_rows())
    sheets = {s: _header_row(table, s) for k, s in enumerate(_row_sheets(table)) if k in creators}
    if not sheets:
        return  # no creator row: write_back writes nothing
    expected = _table_headers(table)
    if fmt == "csv":
        from .csvinplace import check_csv

        for header_row in sheets.values():
            check_csv(target, header_row, table)
        return
    pkg = Package.open(target)
    try:
        for name, header_row in sheets.items():
            _, sheet_xml, strings = _open_sheet(pkg, name, header_row)
            headers = _sheet_headers(sheet_xml, header_row, strings)
            if name == table.sheet and expected:
                _check_headers(headers, expected, header_row, target, sheet_xml.sheet)
    finally:
        pkg.zin.close()


# -------------------------------------------------------------------------------------- public API


def write_back(
    table: Table,
    path: str | None = None,
    *,
    columns: Sequence[str] | None = None,
    lang: str | None = None,
    backup: bool = True,
    expected: Stamp | None = None,
) -> dict[str, Any]:
    """Write influkit's columns of `table` into the sheet(s) it was read from (`table.source`, or
    `path`), to the right of the user's columns; a later run updates the same columns.

    columns: which columns (default: the computed ones, `default_columns`); lang: 'fr' or 'en' for
    the headers, the code columns' words and the prose columns (default: the table's language,
    `table.meta["lang"]`, else each sheet's own); influkit's columns written before in another
    language are relabelled. backup: NAME.bak.xlsx (NAME.bak.csv) first; expected: the file's `file_stamp` when it was
    read (the run is refused if it changed since).
    Returns what was done: path, format, backup, per sheet rows/added/updated/renamed/first_new_column/
    lang, and the link and cut-cell counts."""
    target = path or table.source
    if lang not in (None, "fr", "en"):
        raise UsageError(f"unknown language {lang!r}: fr or en")
    lang = check_lang(lang) or (table.meta.get("lang") if table.meta.get("lang") in ("fr", "en") else None)
    if lang is not None:
        localize(table, lang)  # the prose columns in the language written
    fmt = check_in_place(target)
    jobs = plan_write_back(table, columns)
    if not jobs:  # no creator row (an empty or header-only sheet): nothing to write, nothing touched
        return {"path": target, "format": fmt, "backup": None, "sheets": {}, "links": 0, "link_formulas": 0,
                "truncated": 0, "nothing": "no creator rows to write beside"}
    if fmt == "csv":
        from .csvinplace import edit_csv

        return edit_csv(target, jobs, lang, backup, expected, table)
    headers = _table_headers(table)
    return _edit_xlsx(target, jobs, lang, backup, expected, [headers if (j.name == table.sheet) else []
                                                              for j in jobs])


# ----------------------------------------------------------------------------------- validation lists

_VALIDATION = re.compile(r"<(\w+:|)dataValidation\b([^>]*?)(?:/>|>(.*?)</\1dataValidation>)", re.S)
_FORMULA1 = re.compile(r"<(?:\w+:)?formula1\b[^>]*>(.*?)</(?:\w+:)?formula1>", re.S)
_SQREF = re.compile(r"<(?:\w+:)?sqref\b[^>]*>(.*?)</(?:\w+:)?sqref>", re.S)
_RANGE_REF = re.compile(r"^(?:(?P<sheet>'(?:[^']|'')+'|[^'!]+)!)?(?P<box>\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)$")


@dataclass(frozen=True)
class ListRule:
    """A data-validation list of a sheet: the cells it covers and the words its dropdown offers."""

    boxes: tuple[tuple[int, int, int, int], ...]  # (first col, first row, last col, last row), columns from 0
    words: tuple[str, ...]

    def covers(self, row: int, column: int) -> bool:
        return any(c0 <= column <= c1 and r0 <= row <= r1 for c0, r0, c1, r1 in self.boxes)


def list_validations(path: str, sheet: str | None) -> list[ListRule]:
    """The data-validation lists of one sheet of an xlsx workbook (a Status column's dropdown: "To
    contact, Contacted, ..., Posted"), as Excel, LibreOffice and Google Sheets write them: the words in
    the rule itself (`"A,B,C"`), or a range of cells (`$Z$1:$Z$9`, `Lists!$A$2:$A$9`, or a defined name
    for one), in the sheet's rules or in Excel 2010's extension list (a range on another sheet). [] for a
    CSV, or a sheet without lists; a list given by a formula (INDIRECT...) is left out."""
    if not str(path).lower().endswith(XLSX_SUFFIXES):
        return []
    pkg = Package.open(path)
    try:
        index = pkg.sheet_index(sheet)
        data = pkg.zin.read(pkg.sheets[index][1])
        end = data.rfind(b"sheetData>")
        tail = data[end:].decode("utf-8") if end >= 0 else ""
        if "dataValidation" not in tail:
            return []
        workbook = pkg.zin.read(pkg.workbook_part).decode("utf-8")
        rules = []
        for m in _VALIDATION.finditer(tail):
            attrs, inner = _attrs(m.group(2)), m.group(3) or ""
            if attrs.get("type") != "list":
                continue
            formula = _FORMULA1.search(inner)
            f_text = html.unescape(formula.group(1)).strip() if formula else ""
            f_text = re.sub(r"^<(?:\w+:)?f\b[^>]*>(.*)</(?:\w+:)?f>$", r"\1", f_text, flags=re.S).strip()
            sqref = attrs.get("sqref") or next((x.group(1) for x in _SQREF.finditer(inner)), "")
            boxes = tuple(b for ref in sqref.split() if (b := _box(ref)) is not None)
            words = _list_words(pkg, workbook, index, f_text)
            if boxes and words:
                rules.append(ListRule(boxes, tuple(words)))
        return rules
    finally:
        pkg.zin.close()


def _list_words(pkg: Package, workbook: str, index: int, formula: str) -> list[str]:
    """The words of a validation list's formula: its quoted words, or the texts of the cells it names."""
    if formula.startswith('"') and formula.endswith('"') and len(formula) >= 2:
        return [w for w in formula[1:-1].replace('""', '"').split(",") if w.strip()]
    text = formula.lstrip("=")
    names = {_attrs(tag).get("name"): html.unescape(body) for tag, body in re.findall(
        r"(<(?:\w+:)?definedName\b[^>]*>)(.*?)</(?:\w+:)?definedName>", workbook, re.S)}
    text = names.get(text, text).strip()
    ref = _RANGE_REF.match(text)
    if ref is None:
        return []
    target = index
    if ref.group("sheet"):
        name = ref.group("sheet")
        name = name[1:-1].replace("''", "'") if name.startswith("'") else name
        found = [i for i, (n, _, _) in enumerate(pkg.sheets) if n == name]
        if not found:
            return []
        target = found[0]
    box = _box(ref.group("box"))
    if box is None or pkg.sheets[target][2] != "worksheet":
        return []
    c0, r0, c1, r1 = box
    xml = SheetXml(pkg.zin.read(pkg.sheets[target][1]), pkg.sheets[target][1], pkg.path, pkg.sheets[target][0])
    cells = [(attrs, whole) for r in range(r0, min(r1, r0 + WT.VALIDATION_LIST_ROWS) + 1)
             for col, attrs, whole in xml.cells(xml.row_bytes(r) or b"") if c0 <= col <= c1]
    ids = {int(v.group(1)) for attrs, whole in cells if b't="s"' in attrs
           and (v := re.search(rb"<(?:\w+:)?v>(\d+)</", whole)) is not None}
    strings = _shared_strings(pkg.zin, pkg.shared_strings_part, ids)
    return [t for attrs, whole in cells if (t := _cell_text(attrs, whole, strings)) is not None and t.strip()]


@dataclass
class CellChange:
    """One cell to write: the row of a sheet, the column by its canonical name (found by the user's
    header, its synonyms or influkit's label; a new column otherwise)."""

    row: int
    column: str
    value: Any
    sheet: str | None = None
    header_row: int = 1
    header: str | None = None  # the user's header for the column, when known
    platform: str | None = None
    currency: str | None = None  # an amount's currency (a money column influkit adds shows it)


def update_cells(
    path: str, changes: Sequence[CellChange], *, lang: str | None = None, backup: bool = True,
    expected: Stamp | None = None, date_formats: Mapping[str | None, str] | None = None,
) -> dict[str, Any]:
    """Write given values into given cells of the user's sheet (stage words in the sheet's language:
    'contacted' becomes 'Contacté' in a French sheet). One backup, one atomic write for all. A cell that
    already holds its value is left as it is. `date_formats`: per sheet, the number format of a date
    written where the sheet has no date cell to copy (`SheetJob.date_format`)."""
    if lang not in (None, "fr", "en"):
        raise UsageError(f"unknown language {lang!r}: fr or en")
    if not changes:
        return {"path": path, "changed": 0, "sheets": {}, "backup": None}  # the sheet already says it all
    fmt = check_in_place(path)
    jobs: dict[tuple[str | None, int], SheetJob] = {}
    for ch in changes:
        job = jobs.get((ch.sheet, ch.header_row))
        if job is None:
            job = SheetJob(ch.sheet, ch.header_row, [], [], {}, clear=False,
                           date_format=(date_formats or {}).get(ch.sheet))
            jobs[(ch.sheet, ch.header_row)] = job
        key = (ch.column, ch.platform)
        if key not in job.values:
            job.values[key] = {}
            job.wants.append(Want(ch.column, ch.platform, ch.header, allow_user=True))
        job.values[key][ch.row] = ch.value
        if ch.currency is not None:
            job.currencies.setdefault(key, {})[ch.row] = ch.currency
        if ch.row not in job.rows:
            job.rows.append(ch.row)
    for job in jobs.values():
        job.rows.sort()
        if any(r <= job.header_row for r in job.rows):
            raise UsageError(f"row {job.rows[0]} is not below the header row {job.header_row}")
    if fmt == "csv":
        from .csvinplace import edit_csv

        result = edit_csv(path, list(jobs.values()), lang, backup, expected, None)
    else:
        result = _edit_xlsx(path, list(jobs.values()), lang, backup, expected)
    result["changed"] = len(changes)
    return result


def write_cells(
    table: Table, changes: Mapping[int, Mapping[str, Any]], *, path: str | None = None, lang: str | None = None,
    backup: bool = True, expected: Stamp | None = None, date_formats: Mapping[str | None, str] | None = None,
) -> dict[str, Any]:
    """Cell updates by table row: {row index: {column: value}} written into the sheet row each table
    row came from (its status column for "stage", in the sheet's own words; see `update_cells`).

    On a wide sheet (one row per person, a group of columns per network) an account's value goes to its
    network's column, as enrich's do (`_networks`, the same columns and order): the sheet's own column of
    that network ("Code promo TikTok"), else influkit's ("Lien suivi Instagram", "Lien suivi TikTok");
    what the sheet says once per person (`schema.PERSON_COLUMNS`: status, stage dates, notes...) and a
    column the sheet keeps once per row ("Code promo") take the person's row as it is. `date_formats`:
    per sheet, the number format of a date written where the sheet has no date cell to copy (its text
    dates' way, `SheetJob.date_format`). A row `row_kind` marks (a TOTAL, an average, a section, a header
    repeated) is never written into, whatever `changes` holds for it: its cells stay the user's."""
    sheets = _row_sheets(table)
    platforms = table.get("platform")
    kinds = table.data.get("row_kind")
    if kinds is not None:
        changes = {k: v for k, v in changes.items() if not (0 <= k < len(table) and kinds[k])}
    by_sheet: dict[str | None, list[int]] = {}
    for k, s in enumerate(sheets):
        by_sheet.setdefault(s, []).append(k)
    nets_of: dict[str | None, list[str | None] | None] = {}
    bare_of: dict[str | None, set[int]] = {}
    for s, indices in by_sheet.items():
        nets_of[s], bare_of[s] = _networks(table, indices) if _is_wide(table, indices, s) else (None, set())
    currencies = {c: money_currencies(table, c) for c in {c for v in changes.values() for c in v}
                  if kind_of(c) == "money" and c in table.data}
    out = []
    order: dict[str, int] = {}
    for k, values in changes.items():
        if not 0 <= k < len(table):
            raise UsageError(f"no row {k} in the table")
        nets = nets_of[sheets[k]]
        for column, value in values.items():
            # (a column kept as is, such as a check box column, by its own header)
            header = table.mapped.get(column) or (column if column in table.extra_columns else None)
            per_account = False
            if nets is not None and column not in PERSON_COLUMNS and column not in table.extra_columns:
                own = tab_columns(table, sheets[k], column)
                per_account = (not any(p is None for _, p in own) if own is not None
                               else header is None or " + " in header)
                if per_account and k in bare_of[sheets[k]]:
                    continue  # a person with no account: no network's column to hold it (as in enrich's)
            order.setdefault(column, len(order))
            out.append(CellChange(row=table.source_rows[k], column=column, value=value, sheet=sheets[k],
                                  header_row=_header_row(table, sheets[k]), header=header,
                                  platform=platforms[k] if per_account else None,
                                  currency=currencies[column][k] if column in currencies else None))

    def place(ch: CellChange) -> tuple[int, int]:  # enrich's order: by column, then by network
        nets = nets_of[ch.sheet] or []
        return order[ch.column], nets.index(ch.platform) if ch.platform in nets else len(nets)

    out.sort(key=place)
    return update_cells(path or table.source, out, lang=lang, backup=backup, expected=expected,
                        date_formats=date_formats)


_STYLE_ATTR = re.compile(r'\ss="\d+"')
_TEXT_CELL = re.compile(r'^<(?:\w+:)?c\b[^>]*\st="(?:inlineStr|s|str)"')
_ELEMENT = re.compile(r"<(/?)(?=[A-Za-z])")


def _in_namespace(cells: str, prefix: str) -> str:
    """Cells as `io.xlsx` writes them (`<c><v>`, `<is><t>`, `<f>`: SpreadsheetML's default namespace) for a
    sheet part whose elements carry a prefix for it (`<x:worksheet xmlns:x="...">`, as exports made with
    the .NET Open XML SDK write): every element takes the sheet's prefix (an unprefixed `<c>` there is in
    no namespace: no reader sees it). Text and attribute values are escaped, so each `<` opens a tag."""
    return _ELEMENT.sub(rf"<\1{prefix}", cells) if prefix else cells


def _keep_own_style(cell: str, old_attrs: bytes, styles: X.Styles) -> str:
    """A text written over a cell of the user's keeps that cell's own style (its font, fill, borders,
    alignment: a status in bold red on yellow stays so when `set --sheet` changes its word); a number or
    a date takes its column's number format (`_own_style`), and a text that needs influkit's quote or link
    style keeps it."""
    if not _TEXT_CELL.match(cell):
        return cell
    tag_end = cell.index(">")
    tag = cell[:tag_end]
    found = _STYLE_ATTR.search(tag)
    if found is not None and int(found.group()[4:-1]) in (styles.quote, styles.link):
        return cell
    old = re.search(rb'\ss="(\d+)"', b" " + old_attrs)
    own = f' s="{old.group(1).decode()}"' if old is not None and old.group(1) != b"0" else ""
    tag = _STYLE_ATTR.sub("", tag, count=1)
    return tag.replace(" t=", f"{own} t=", 1) + cell[tag_end:] if own or found else cell
