"""The enrich job as a library call: read -> normalise -> metrics (-> store, providers in later stages)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from .errors import InfluError
from .io.normalize import normalize, parse_map_options
from .io.read import read_sheet
from .metrics.engagement import compute_engagement
from .metrics.tiers import compute_tiers
from .table import Table
from .thresholds import TIERS, Tier


@dataclass
class Summary:
    """What a run did, for the stderr summary and for scripts (`table.meta["summary"]`)."""

    input_rows: int = 0
    output_rows: int = 0
    blank_rows: int = 0
    duplicates: int = 0
    issues_by_column: dict[str, int] = field(default_factory=dict)
    mapped: dict[str, str] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def lines(self, table: Table) -> list[str]:
        where = table.source + (f" [{table.sheet}]" if table.sheet else "")
        out = [
            f"{where}: {self.input_rows} rows read (header on row {table.meta.get('header_row')}), "
            f"{self.output_rows} rows out, {self.duplicates} duplicates marked"
            + (f", {self.blank_rows} blank rows skipped" if self.blank_rows else "")
        ]
        if self.mapped:
            out.append("columns: " + ", ".join(f"{h!r}->{c}" for c, h in self.mapped.items()))
        if self.kept:
            out.append("kept as is: " + ", ".join(repr(k) for k in self.kept))
        out.extend(f"note: {n}" for n in self.notes)
        if self.issues_by_column:
            total = sum(self.issues_by_column.values())
            detail = ", ".join(f"{c} {n}" for c, n in sorted(self.issues_by_column.items(), key=lambda x: -x[1]))
            out.append(f"issues: {total} ({detail}); see the 'issues' column")
        else:
            out.append("issues: none")
        return out


def read_table(
    path: str,
    *,
    sheet: str | None = None,
    input_format: str | None = None,
    mapping: Sequence[str] = (),
    platform: str | None = None,
    stdin: BinaryIO | None = None,
) -> Table:
    raw = read_sheet(path, sheet=sheet, fmt=input_format, stdin=stdin)
    return normalize(raw, overrides=parse_map_options(mapping), platform=platform)


def compute_metrics(table: Table, *, tiers: tuple[Tier, ...] = TIERS) -> None:
    compute_engagement(table)
    compute_tiers(table, tiers)


def summarize(table: Table) -> Summary:
    by_column = Counter(i.field for i in table.issues)
    summary = Summary(
        input_rows=table.meta.get("input_rows", len(table)),
        output_rows=len(table),
        blank_rows=table.meta.get("blank_rows", 0),
        duplicates=table.meta.get("duplicates", 0),
        issues_by_column=dict(by_column),
        mapped=dict(table.mapped),
        kept=list(table.extra_columns),
        notes=list(table.meta.get("notes", [])),
    )
    table.meta["summary"] = summary
    return summary


def enrich(
    path: str,
    *,
    sheet: str | None = None,
    input_format: str | None = None,
    mapping: Sequence[str] = (),
    platform: str | None = None,
    tiers: tuple[Tier, ...] = TIERS,
    strict: bool = False,
    stdin: BinaryIO | None = None,
    db: str | None = None,
    use_store: bool = True,
    offline: bool = True,
    live_options: dict[str, Any] | None = None,
) -> Table:
    """The `influkit enrich` job.

    read -> normalise -> (live stats unless offline) -> metrics -> workspace store.
    With `strict`, the first issue raises an InfluError before the workspace is touched. With
    `use_store`, the accounts, a dated snapshot of their numbers and their stage changes are recorded
    in the workspace database, and the table becomes its current list.
    """
    table = read_table(path, sheet=sheet, input_format=input_format, mapping=mapping, platform=platform,
                       stdin=stdin)
    if strict and table.issues:
        _raise_first(table)
    store = None
    if use_store or not offline:
        from .store import Store

        store = Store(db)
    try:
        if not offline:
            # live stats (issue #4): fills the table's numbers from the platforms' APIs
            from .providers.live import run_live

            table.meta["live"] = run_live(table, store, live_options or {})
        compute_metrics(table, tiers=tiers)
        if strict and table.issues:
            _raise_first(table)
        if use_store and store is not None:
            table.meta["store"] = {"path": str(store.path), **store.record_import(table)}
    finally:
        if store is not None:
            store.close()
    summarize(table)
    return table


def _raise_first(table: Table) -> None:
    first = table.issues[0]
    raise InfluError(f"{first.field}: {first.message}", file=table.source, sheet=table.sheet,
                     row=first.row, column=first.column)
