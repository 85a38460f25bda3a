"""What report-shaped results share (funnel, results, history): `.to_dict()` is exactly what the
command's `--format json` prints, and `.rows(section)` gives the flat rows its CSV and terminal views
show. Table-shaped results are `influkit.table.Table`s (`.records()`, `.to_pandas()`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .table import Table


@dataclass
class Report:
    """A report: a JSON-ready dict with named sections that flatten to rows."""

    data: dict[str, Any]
    table: Table | None = field(default=None, repr=False, compare=False)  # the list it was computed on

    def to_dict(self) -> dict[str, Any]:
        """The report as `--format json` prints it."""
        return self.data

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def sections(self) -> list[str]:
        """The sections shown on a terminal, in order."""
        raise NotImplementedError

    def rows(self, section: str) -> tuple[list[str], list[dict[str, Any]]]:
        """(columns, rows) of one section."""
        raise NotImplementedError

    def csv_section(self) -> str:
        """The section a CSV output holds (a CSV has one table)."""
        return self.sections()[0]

    def section_table(self, section: str) -> Table:
        """One section as a Table (`.records()`, `.to_pandas()`)."""
        columns, rows = self.rows(section)
        return Table.from_rows(columns, rows)
