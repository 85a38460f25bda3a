"""Raw cells -> canonical columns.

Headers are mapped through the synonyms of `influkit.schema` (or the user's `--map`), values are
parsed by kind, profile links become platform + handle, wide sheets (a column group per network)
become one row per account, duplicates are marked, and every cell that cannot be read leaves its
value empty and an entry in the row's `issues`. Unknown columns are kept verbatim.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import UsageError
from ..schema import BY_NAME, DERIVED, PROFILE, Kind, kind_of, match_header, match_wide_header
from ..table import Table
from ..text import fold_key
from . import parse as P
from .read import RawSheet

# Headers whose meaning depends on what the column holds.
_AMBIGUOUS: dict[str, tuple[str, str]] = {
    # numbers -> first, text -> second
    "commentaires": ("avg_comments", "notes"),
    "comments": ("avg_comments", "notes"),
}
_HANDLE_LIKE = re.compile(r"^@?[A-Za-z0-9._\-]{1,60}$")
_PLATFORM_HINTS = (("instagram", "instagram"), ("insta", "instagram"), ("tiktok", "tiktok"),
                   ("youtube", "youtube"))
_TEXT_KINDS: tuple[Kind, ...] = ("text", "label")


@dataclass
class Mapping:
    """How each input column is used."""

    canonical: dict[int, str] = field(default_factory=dict)  # column index -> canonical column
    wide: dict[int, tuple[str, str]] = field(default_factory=dict)  # index -> (column or PROFILE, platform)
    extra: dict[int, str] = field(default_factory=dict)  # index -> output name (original header)
    derived: dict[int, str] = field(default_factory=dict)  # index -> a column influkit itself writes
    default_platform: str | None = None
    notes: list[str] = field(default_factory=list)  # what was inferred, for the stderr summary


def parse_map_options(options: Sequence[str]) -> dict[str, str]:
    """`--map "Header=column"` pairs: header key -> canonical column (or "" to keep verbatim)."""
    result: dict[str, str] = {}
    for option in options:
        header, sep, column = option.rpartition("=")
        if not sep or not header.strip():
            raise UsageError(f"--map {option!r} should look like \"Header=column\"")
        column = column.strip()
        if column in ("", "keep", "-"):
            result[fold_key(header)] = ""
            continue
        if column not in BY_NAME or BY_NAME[column].computed and column not in ("engagement_rate", "tier"):
            raise UsageError(f"--map {option!r}: unknown column {column!r}; see `influkit columns`")
        result[fold_key(header)] = column
    return result


def _sample(rows: list[list[Any]], index: int, limit: int = 200) -> list[Any]:
    out = []
    for row in rows:
        v = row[index]
        if not P.is_missing(v):
            out.append(v)
            if len(out) >= limit:
                break
    return out


def _share(values: list[Any], test: Callable[[Any], bool]) -> float:
    return sum(1 for v in values if test(v)) / len(values) if values else 0.0


def _parses(parser: Callable[[Any], Any]) -> Callable[[Any], bool]:
    def test(v: Any) -> bool:
        try:
            parser(v)
        except P.ParseError:
            return False
        return True

    return test


def _unique_name(name: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    n = 2
    while f"{name} ({n})" in taken:
        n += 1
    return f"{name} ({n})"


def map_columns(
    raw: RawSheet, overrides: dict[str, str] | None = None, platform: str | None = None
) -> Mapping:
    overrides = overrides or {}
    m = Mapping()
    taken: dict[str, int] = {}
    for i, header in enumerate(raw.headers):
        key = fold_key(header)
        if key in overrides:
            forced = overrides[key]
            if forced and forced not in taken:
                m.canonical[i] = forced
                taken[forced] = i
            else:
                m.extra[i] = header
            continue
        if header in DERIVED and header not in m.derived.values():  # influkit's own output read back
            m.derived[i] = header
            continue
        target = match_header(header)
        if key in _AMBIGUOUS:
            numeric, text = _AMBIGUOUS[key]
            sample = _sample(raw.rows, i)
            target = numeric if _share(sample, _parses(P.parse_count)) >= 0.5 else text
        if target is not None and target not in taken:
            m.canonical[i] = target
            taken[target] = i
            continue
        wide = match_wide_header(header) if target is None else None
        if wide is not None and wide not in m.wide.values():
            m.wide[i] = wide
            continue
        m.extra[i] = header

    # A single network group is not a wide sheet: its columns are the sheet's own.
    platforms = {p for _, p in m.wide.values()}
    if len(platforms) == 1:
        (only,) = platforms
        for i, (column, _) in list(m.wide.items()):
            target = "handle" if column == PROFILE else column
            if target not in taken:
                m.canonical[i] = target
                taken[target] = i
                del m.wide[i]
        if not m.wide and "platform" not in taken and platform is None:
            platform = only
            m.notes.append(f"columns name {only}: platform set to {only}")
        for i in list(m.wide):
            m.extra[i] = raw.headers[i]
            del m.wide[i]

    # A "name" column full of handles, on a sheet without a handle column, is the handle column.
    if "handle" not in taken and "profile_url" not in taken and "creator" in taken and not m.wide:
        i = taken["creator"]
        sample = _sample(raw.rows, i)
        if sample and _share(sample, lambda v: bool(_HANDLE_LIKE.match(str(v).strip()))) >= 0.95:
            del m.canonical[i]
            m.canonical[i] = "handle"
            taken["handle"] = i
            del taken["creator"]
            m.notes.append(f"column {raw.headers[i]!r} holds handles: used as handle")
            for j, header in list(m.extra.items()):
                if match_header(header) == "creator":
                    del m.extra[j]
                    m.canonical[j] = "creator"
                    taken["creator"] = j
                    break

    if platform is None and "platform" not in taken and not m.wide:
        joined = " ".join(fold_key(h) for h in raw.headers)
        hinted = {p for word, p in _PLATFORM_HINTS if word in joined}
        if len(hinted) == 1:
            platform = hinted.pop()
            m.notes.append(f"headers mention {platform} only: platform set to {platform}")
    m.default_platform = platform
    if not m.canonical and not m.wide and raw.rows:
        m.notes.append("no known column found: check the header row (row "
                       f"{raw.header_row}) or name columns with --map \"Header=column\" (see `influkit columns`)")

    present = {fold_key(h) for h in raw.headers}
    unknown = [key for key in overrides if key not in present]
    if unknown:
        raise UsageError(f"--map: no header {', '.join(map(repr, unknown))} in the sheet; headers are "
                         + ", ".join(map(repr, raw.headers)), file=raw.source, sheet=raw.sheet)
    names = {BY_NAME[c].name for c in m.canonical.values()}
    taken_names: set[str] = set(names)
    for i in sorted(m.extra):
        m.extra[i] = _unique_name(m.extra[i], taken_names)
        taken_names.add(m.extra[i])
    return m


# ----------------------------------------------------------------------------------------- values

_PARSERS: dict[str, Callable[[Any], Any]] = {
    "count": P.parse_count,
    "rate": P.parse_rate,
    "date": P.parse_date,
    "money": P.parse_money,
    "platform": P.parse_platform,
    "stage": P.parse_stage,
    "email": P.parse_email,
}
_LABEL_PARSERS: dict[str, Callable[[Any], Any]] = {
    "channel": P.parse_channel,
    "currency": P.parse_currency,
}


def as_text(value: Any) -> str | None:
    """A cell as text: numbers without a spurious '.0', dates in ISO, blanks as None."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        return text or None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value != value:
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


_NEUTRALISED = ("'=", "'+", "'-", "'@", "'\t", "'\r")


def unneutralise(text: str | None) -> str | None:
    """Undo the apostrophe influkit's own CSV/xlsx exports put before formula-like text, so
    `influkit enrich -o - | influkit score -` round-trips bios and notes unchanged."""
    if text is not None and text.startswith(_NEUTRALISED):
        return text[1:]
    return text


def verbatim(value: Any) -> Any:
    """An unknown column's cell, kept as read; only empty strings become empty cells."""
    if isinstance(value, str) and value == "":
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _bare_number(v: Any) -> float | None:
    """A rate cell written without "%": its number, else None."""
    if isinstance(v, bool):
        return None
    if isinstance(v, int | float):
        return float(v)
    if isinstance(v, str) and "%" not in v:
        try:
            return float(v.strip().replace(",", "."))
        except ValueError:
            return None
    return None


def _percent_points(values: list[Any]) -> bool:
    """A rate column written in percentage points (2.5 meaning 2.5 %): at least half of its bare
    numbers are above 1. Then 0.8 in it is 0.8 %, not 80 %: one scale per column, not per cell."""
    bare = [x for x in map(_bare_number, values) if x is not None and x == x]
    return bool(bare) and sum(1 for x in bare if x > 1) * 2 >= len(bare)


def _rate_in_points(v: Any) -> float | None:
    x = _bare_number(v)
    if x is not None and 0 <= x <= 1:
        return float(f"{x / 100:.12g}")
    return P.parse_rate(v)


def _number(v: Any) -> float | None:
    """A plain number (possibly negative): 1.4, "1,4", -0.02."""
    if P.is_missing(v):
        return None
    if isinstance(v, bool):
        raise P.ParseError(f"could not read {_short(v)}")
    if isinstance(v, int | float):
        return float(v)
    try:
        return float(str(v).strip().replace("\u2212", "-").replace(",", "."))
    except ValueError:
        raise P.ParseError(f"could not read {_short(v)}") from None


_DERIVED_PARSERS: dict[str, Callable[[Any], Any]] = {
    "number": _number,
    "fraction": _number,
    "signed": P.parse_signed_count,
}


def parser_for(column: str) -> Callable[[Any], Any] | None:
    kind = kind_of(column)
    if column in _LABEL_PARSERS:
        return _LABEL_PARSERS[column]
    return _PARSERS.get(kind or "") or _DERIVED_PARSERS.get(kind or "")


def _convert(
    values: list[Any], column: str, header: str, table: Table, rows: list[int] | None = None
) -> list[Any]:
    """Parse one column; unreadable cells become None plus an issue on their row."""
    parser = parser_for(column)
    if parser is None:  # text, url, handle: cleaned text; "N/A", "NaN", "-" are empty
        is_missing = P.is_missing
        return [None if is_missing(v) else unneutralise(as_text(v)) for v in values]
    if kind_of(column) == "rate" and _percent_points(values):
        parser = _rate_in_points
    out: list[Any] = []
    for i, v in enumerate(values):
        try:
            out.append(parser(v))
        except P.ParseError as exc:
            out.append(None)
            table.add_issue(rows[i] if rows is not None else i, column, str(exc), header)
    return out


# ------------------------------------------------------------------------------------------ table


def normalize(
    raw: RawSheet,
    *,
    overrides: dict[str, str] | None = None,
    platform: str | None = None,
) -> Table:
    """Canonical table of a raw sheet. Every raw row yields at least one output row, in order."""
    if platform is not None:
        try:
            platform = P.parse_platform(platform)
        except P.ParseError as exc:
            raise UsageError(f"--platform: {exc}") from exc
    m = map_columns(raw, overrides, platform)
    # output rows: one per raw row, or one per account on wide sheets
    expand: list[tuple[int, str | None]] = []  # (raw row index, wide platform)
    wide_platforms: list[str] = []
    for _, p in m.wide.values():
        if p not in wide_platforms:
            wide_platforms.append(p)
    if wide_platforms:
        for r, cells in enumerate(raw.rows):
            found = [
                p
                for p in wide_platforms
                if any(not P.is_missing(cells[i]) for i, (_, wp) in m.wide.items() if wp == p)
            ]
            expand.extend((r, p) for p in found) if found else expand.append((r, None))
    else:
        expand = [(r, None) for r in range(len(raw.rows))]

    table = Table(source=raw.source, sheet=raw.sheet)
    table.source_rows = [raw.row_numbers[r] for r, _ in expand]
    table.meta.update(
        header_row=raw.header_row,
        input_rows=len(raw.rows),
        blank_rows=raw.blank_rows,
        encoding=raw.encoding,
        delimiter=raw.delimiter,
        notes=list(m.notes),
        wide_platforms=wide_platforms,
    )
    index = [r for r, _ in expand]
    identity = len(expand) == len(raw.rows)

    def column_values(i: int) -> list[Any]:
        return [raw.rows[r][i] for r in index] if not identity else [row[i] for row in raw.rows]

    profile_cells: list[Any] = [None] * len(expand)
    handle_cells: list[Any] = [None] * len(expand)
    platform_cells: list[Any] = [None] * len(expand)
    for i, column in m.canonical.items():
        header = raw.headers[i]
        table.mapped[column] = header
        values = column_values(i)
        if column == "profile_url":
            profile_cells = values
        elif column == "handle":
            handle_cells = values
        elif column == "platform":
            platform_cells = values
        else:
            table.data[column] = _convert(values, column, header, table)

    # wide groups: each output row takes the columns of its own network
    if wide_platforms:
        by_platform: dict[str, dict[str, int]] = {}
        for i, (column, p) in m.wide.items():
            by_platform.setdefault(p, {})[column] = i
        wide_values: dict[str, list[Any]] = {}
        wide_profile: list[Any] = [None] * len(expand)
        for k, (r, wp) in enumerate(expand):
            if wp is None:
                continue
            for column, i in by_platform[wp].items():
                if column == PROFILE:
                    wide_profile[k] = raw.rows[r][i]
                else:
                    wide_values.setdefault(column, [None] * len(expand))[k] = raw.rows[r][i]
        for column, values in wide_values.items():
            rows_with = [k for k, v in enumerate(values) if v is not None]
            converted = _convert([values[k] for k in rows_with], column, column, table, rows_with)
            # (issues name the canonical column; the summary lists the wide headers it came from)
            merged = table.data.setdefault(column, [None] * len(expand))
            for k, v in zip(rows_with, converted, strict=True):
                if v is not None:
                    merged[k] = v
        profile_cells = [w if w is not None else c for w, c in zip(wide_profile, profile_cells, strict=True)]
        platform_cells = [p if p is not None else c for (_, p), c in zip(expand, platform_cells, strict=True)]
        for column in [*wide_values, PROFILE]:
            headers_of = " + ".join(raw.headers[i] for i, (c, _) in sorted(m.wide.items()) if c == column)
            table.mapped.setdefault("handle" if column == PROFILE else column, headers_of)
        table.mapped.setdefault("platform", "(one row per network)")

    _identify(table, platform_cells, handle_cells, profile_cells, m, raw.headers)

    # a sheet's own value of a column influkit computes (engagement rate, tier) is kept too, as it was
    for i, column in m.canonical.items():
        if BY_NAME[column].computed and raw.headers[i] != column:  # not when it is influkit's own column
            m.extra[i] = _unique_name(raw.headers[i], set(table.data) | set(m.extra.values()))
    for i, column in m.derived.items():
        table.data[column] = _convert(column_values(i), column, column, table)
    for i, name in sorted(m.extra.items()):
        table.extra_columns.append(name)
        table.data[name] = [verbatim(v) for v in column_values(i)]

    _mark_duplicates(table)
    table.data.setdefault("issues", [None] * len(table))
    return table


def _identify(
    table: Table,
    platform_cells: list[Any],
    handle_cells: list[Any],
    profile_cells: list[Any],
    m: Mapping,
    headers: list[str],
) -> None:
    """platform, handle and profile_url of each row, from whichever of the three the sheet has."""
    header_of = {c: headers[i] for i, c in m.canonical.items()}
    n = len(table)
    platforms: list[str | None] = [None] * n
    handles: list[str | None] = [None] * n
    urls: list[str | None] = [None] * n
    for k in range(n):
        plat: str | None = None
        pcell = platform_cells[k]
        if not P.is_missing(pcell):
            try:
                plat = P.parse_platform(pcell)
            except P.ParseError as exc:
                table.add_issue(k, "platform", str(exc), header_of.get("platform"))
        link_plat = link_handle = link_url = None
        ucell = profile_cells[k]
        if not P.is_missing(ucell):
            link_plat, link_handle, link_url = P.parse_profile(as_text(ucell))
            if link_plat is None and link_handle is None:
                table.add_issue(k, "profile_url", f"could not read {_short(ucell)}", header_of.get("profile_url"))
        handle: str | None = None
        hcell = handle_cells[k]
        if not P.is_missing(hcell):
            htext = as_text(hcell) or ""
            h_plat, h_handle, h_url = P.parse_profile(htext)
            known = plat or link_plat or m.default_platform
            if h_plat == "blog" and known not in (None, "blog") and "/" not in htext and " " not in htext:
                # a bare "violets.tv" in a handle column of an Instagram list is a handle, not a site
                h_plat, h_handle, h_url = None, htext.lstrip("@"), None
            if h_handle is None and h_plat is None:
                table.add_issue(k, "handle", f"could not read {_short(hcell)}", header_of.get("handle"))
            handle = h_handle
            link_plat = link_plat or h_plat
            link_url = link_url or h_url
        if plat and link_plat and plat != link_plat and link_plat != "blog":
            table.add_issue(k, "platform", f"{plat} but the link is {link_plat}", header_of.get("platform"))
        plat = plat or link_plat or m.default_platform
        handle = handle or link_handle
        if handle is not None and plat is not None:
            handle = P.canonical_handle(plat, handle)
        elif handle is not None:
            handle = handle.lstrip("@").strip() or None
        platforms[k] = plat
        handles[k] = handle
        urls[k] = link_url or (P.profile_url(plat, handle) if plat and handle else None)
    table.data["platform"] = platforms
    table.data["handle"] = handles
    table.data["profile_url"] = urls
    if "profile_url" not in table.mapped and any(urls):
        table.mapped["profile_url"] = "(built from platform + handle)"


def _short(value: Any) -> str:
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _mark_duplicates(table: Table) -> None:
    first: dict[tuple[str, str], int] = {}
    dup: list[int | None] = [None] * len(table)
    count = 0
    for k, (plat, handle) in enumerate(zip(table.get("platform"), table.get("handle"), strict=True)):
        if not plat or not handle:
            continue
        key = (plat, handle)
        if key in first:
            dup[k] = first[key]
            count += 1
        else:
            first[key] = table.source_rows[k]
    table.data["duplicate_of"] = dup
    table.meta["duplicates"] = count
