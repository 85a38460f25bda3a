"""`influkit inspect FILE`: how a sheet is read, before anything is computed or recorded.

Per tab read: the header row found, how every column is understood (by its header, its contents, a
`--map`, a saved map or a vendor's format, with the evidence and sample values), what is kept verbatim,
the rows that are not creators, the cells with hyperlinks, and the issues the reading raises per column.
The other tabs of a workbook are named, with whether they look like prospect lists.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from ..text import count
from .normalize import normalize, parse_map_options
from .read import read_sheets


@dataclass
class TabReport:
    """One tab (or the CSV/JSON file) as influkit reads it."""

    sheet: str | None
    header_row: int
    rows: int
    output_rows: int
    columns: list[dict[str, Any]]
    kept: list[str]
    platform: str | None = None  # the network the tab is named after
    vendor: str | None = None
    default_platform: str | None = None
    row_kinds: dict[str, int] = field(default_factory=dict)  # total/average/section/... -> rows
    links: int = 0  # cells with a hyperlink
    issues: dict[str, int] = field(default_factory=dict)  # column -> issues raised while reading
    notes: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "header_row": self.header_row, "rows": self.rows,
                "output_rows": self.output_rows, "platform": self.platform, "vendor": self.vendor,
                "default_platform": self.default_platform, "encoding": self.encoding, "delimiter": self.delimiter,
                "columns": self.columns, "kept": self.kept, "row_kinds": self.row_kinds, "links": self.links,
                "issues": self.issues, "notes": self.notes}


@dataclass
class InspectReport:
    """`to_dict()` is what `influkit inspect FILE --format json` prints; `lines()` the text version."""

    source: str
    format: str
    tabs: list[TabReport]
    sheet_names: list[str] = field(default_factory=list)
    list_sheets: list[str] = field(default_factory=list)  # tabs that look like prospect lists
    hidden_sheets: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        read = [t.sheet for t in self.tabs]
        return {"source": self.source, "format": self.format, "sheets": self.sheet_names,
                "tabs_read": read, "list_tabs_not_read": [n for n in self.list_sheets if n not in read],
                "hidden_tabs": self.hidden_sheets, "tabs": [t.to_dict() for t in self.tabs]}

    def lines(self) -> list[str]:
        out = [f"{self.source} ({self.format})"]
        if self.sheet_names and len(self.sheet_names) > 1:
            out.append("tabs: " + ", ".join(
                f"{n!r}" + (" [read]" if n in [t.sheet for t in self.tabs] else " [looks like a list, not read]"
                            if n in self.list_sheets else " [hidden]" if n in self.hidden_sheets else "")
                for n in self.sheet_names))
        for tab in self.tabs:
            where = f"tab {tab.sheet!r}" if tab.sheet else "table"
            extra = []
            if tab.platform:
                extra.append(f"named after {tab.platform}")
            if tab.vendor:
                extra.append(f"{tab.vendor} export")
            if tab.encoding:
                extra.append(f"{tab.encoding}, delimiter {tab.delimiter!r}")
            out.append(f"{where}: header on row {tab.header_row}, {count(tab.rows, 'row')} -> "
                       f"{count(tab.output_rows, 'row')} out"
                       + (f" ({'; '.join(extra)})" if extra else ""))
            width = max((len(c["header"]) for c in tab.columns), default=10)
            for c in tab.columns:
                target = c["used_as"] + (f" [{c['platform']}]" if c.get("platform") else "")
                samples = ", ".join(repr(s) for s in c["samples"][:3])
                line = f"  {c['column']:>3} {c['header']:<{width}} -> {target:<22} by {c['by']:<15}"
                if c["evidence"]:
                    line += f" {c['evidence']}"
                if samples:
                    line += f"  e.g. {samples}"
                out.append(line.rstrip())
            if tab.kept:
                out.append("  kept as is: " + ", ".join(map(repr, tab.kept)))
            if tab.row_kinds:
                out.append("  rows that are not creators: " + ", ".join(f"{n} {k}" for k, n in tab.row_kinds.items()))
            if tab.links:
                out.append(f"  cells with a hyperlink: {tab.links}")
            if tab.default_platform:
                out.append(f"  platform of rows that do not say: {tab.default_platform}")
            if tab.issues:
                out.append("  issues while reading: " + ", ".join(f"{c} {n}" for c, n in tab.issues.items()))
            out.extend(f"  note: {n}" for n in tab.notes)
        return out


def inspect(
    path: str,
    *,
    sheet: str | None = None,
    input_format: str | None = None,
    mapping: Sequence[str] = (),
    platform: str | None = None,
    stdin: BinaryIO | None = None,
    maps: str | None = None,
) -> InspectReport:
    """How `path` is read (the same reading as `enrich`: same tabs, `--map`, saved maps, `--platform`)."""
    from ..text import fold_key
    from .mapmemory import MapMemory

    raws = read_sheets(path, sheet=sheet, fmt=input_format, stdin=stdin)
    overrides = parse_map_options(mapping)
    memory = MapMemory(maps)
    tabs: list[TabReport] = []
    for raw in raws:
        keys = {fold_key(h) for h in raw.headers}
        mine = {h: c for h, c in overrides.items() if fold_key(h) in keys}
        remembered = memory.get(raw.headers)
        table = normalize(raw, overrides=mine, platform=platform, remembered=remembered)
        kinds = Counter(k for k in table.get("row_kind") if k)
        tabs.append(TabReport(
            sheet=raw.sheet, header_row=raw.header_row, rows=len(raw.rows), output_rows=len(table),
            columns=table.meta.get("columns", []), kept=list(table.extra_columns), platform=raw.platform,
            vendor=table.meta.get("vendor"), default_platform=table.meta.get("default_platform"),
            row_kinds=dict(kinds), links=len(raw.links), issues=dict(Counter(i.column for i in table.issues)),
            notes=list(table.meta.get("notes", [])), encoding=raw.encoding, delimiter=raw.delimiter))
    first = raws[0]
    return InspectReport(source=first.source, format=first.format, tabs=tabs, sheet_names=list(first.sheet_names),
                         list_sheets=sorted(set(first.list_sheets) | {r.sheet for r in raws if r.sheet},
                                            key=lambda n: first.sheet_names.index(n) if n in first.sheet_names else 0),
                         hidden_sheets=list(first.hidden_sheets))
