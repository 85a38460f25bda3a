"""The in-memory table every stage passes along: ordered columns of Python values.

Columnar (one list per column) rather than a dict per row: at 500k rows a dict per row costs
about a gigabyte more.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import BY_NAME, CANONICAL_NAMES

if TYPE_CHECKING:
    import pandas as pd


class _EmptyColumn(list[Any]):
    """The column of a table that lacks it, or the column of every row left empty (`Table.empty_column`):
    all None, shared, and an error to change in place (it would change every column sharing it)."""

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("a shared empty column cannot be changed in place: use table.set(), table.data[name] = "
                        "values, or table.writable(name)")

    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse
    append = extend = insert = pop = remove = clear = sort = reverse = _refuse


TAIL_COLUMNS = ("duplicate_of", "issues")  # after every computed column, before the user's own


@dataclass
class Issue:
    """A cell that could not be read, or a rule that could not be applied, on one row; or, `note`, a cell
    that was read and a word on how ("one 'Avg views' value for 2 accounts on this sheet row: given to the
    first", "range '10K-15K' read as 12,500", "the link is used"): on the row's `issues` too, counted in the
    summary, but not what `--strict` stops on (a cell or a row that could not be read)."""

    row: int  # 1-based row in the source sheet
    column: str  # header as in the source (or the canonical name for computed values)
    field: str  # canonical column concerned
    message: str
    note: bool = False

    def entry(self) -> str:
        return f"{self.field}: {self.message}"


@dataclass
class Table:
    """Rows in input order. `columns` is the output order; `data` maps a column to its values."""

    data: dict[str, list[Any]] = field(default_factory=dict)
    source_rows: list[int] = field(default_factory=list)  # 1-based sheet row of each row
    extra_columns: list[str] = field(default_factory=list)  # unknown input columns, verbatim, in order
    mapped: dict[str, str] = field(default_factory=dict)  # canonical column -> input header it came from
    issues: list[Issue] = field(default_factory=list)
    source: str = ""
    sheet: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    fixed_columns: list[str] | None = None  # a report's own column order (else the schema's, see `columns`)
    _empty: list[Any] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_rows(cls, columns: list[str], rows: list[dict[str, Any]], *, source: str = "") -> Table:
        """A table of plain rows in the given column order (a report section, a settings list)."""
        table = cls(source=source, fixed_columns=list(columns))
        table.source_rows = list(range(1, len(rows) + 1))
        for c in columns:
            table.data[c] = [row.get(c) for row in rows]
        return table

    def __len__(self) -> int:
        return len(self.source_rows)

    def get(self, name: str) -> list[Any]:
        """A column's values; a shared, read-only all-empty column when the table lacks it (cheap
        enough to call once per row)."""
        values = self.data.get(name)
        if values is not None:
            return values
        return self.empty_column()

    def empty_column(self) -> list[Any]:
        """The shared all-None column (what `get` gives for a column the table lacks), for a column left
        empty on every row: one list for all of them instead of one per column (4 MB each at 500k rows).
        It cannot be written into: `writable` gives the column's own list first."""
        if self._empty is None or len(self._empty) != len(self):
            self._empty = _EmptyColumn([None] * len(self))
        return self._empty

    def writable(self, name: str) -> list[Any]:
        """The column's own list, to write into by index: a new all-None list when the table lacks the
        column or holds the shared empty one (`empty_column`)."""
        values = self.data.get(name)
        if values is None or values.__class__ is _EmptyColumn:
            values = self.data[name] = [None] * len(self)
        return values

    def set(self, name: str, values: list[Any]) -> None:
        if len(values) != len(self):
            raise ValueError(f"column {name!r} has {len(values)} values for {len(self)} rows")
        self.data[name] = values

    def has(self, name: str) -> bool:
        values = self.data.get(name)
        return values is not None and any(v is not None and v != "" for v in values)

    def creator_rows(self) -> list[int]:
        """Indexes of the rows that are creators, in order: not the TOTAL, average, sub-total or section
        rows that `row_kind` marks. What tiers, scores, funnels, shortlists and results count."""
        kinds = self.data.get("row_kind")
        if kinds is None:
            return list(range(len(self)))
        return [i for i, kind in enumerate(kinds) if not kind]

    def row_name(self, index: int) -> str:
        """How messages name a row: its sheet row number, with its tab when several tabs were read
        ("9 [Instagram]")."""
        tabs = self.data.get("sheet")
        number = str(self.source_rows[index])
        return f"{number} [{tabs[index]}]" if tabs is not None and tabs[index] else number

    def sheet_row(self, index: int) -> tuple[str, int]:
        """Which row of which tab a row comes from: (tab, sheet row number), the tab "" when one tab was
        read. Rows of a wide sheet (one per account of a person) share it; rows of two tabs never do,
        even with the same row number."""
        tabs = self.data.get("sheet")
        return (str(tabs[index] or "") if tabs is not None else "", self.source_rows[index])

    def add_issue(self, index: int, field_name: str, message: str, column: str | None = None, *,
                  note: bool = False) -> None:
        """An issue on row `index` about `field_name`, named by `column` (the sheet's header), else by the
        header the field was read from (an issue computed from a read column, "no exchange rate for JPY" on
        the price, names the user's "Tarif (CHF)"), else by the field. `note`: the cell was read, the issue
        says how (`Issue.note`; `--strict` passes it)."""
        column = column or self.header_of(field_name)
        col = self.writable("issues")
        entry = f"{column or field_name}: {message}"  # the user's own column when it has one
        row = self.source_rows[index]
        if col[index] and message in col[index] and not any(i.row == row and i.message == message
                                                             for i in self.issues):
            return  # influkit's own output read back: the issues cell it read says this already
        self.issues.append(Issue(row, column or field_name, field_name, message, note))
        col[index] = entry if not col[index] else f"{col[index]}; {entry}"

    def unread(self) -> list[Issue]:
        """The issues that are cells or rows that could not be read (`--strict` stops on the first), not
        notes on a cell that was read."""
        return [i for i in self.issues if not i.note]

    def header_of(self, field_name: str) -> str | None:
        """The sheet's own header the canonical column `field_name` was read from, as written; None for a
        column the sheet does not have, or one influkit built ("(built from platform + handle)")."""
        header = self.mapped.get(field_name)
        decisions = self.meta.get("columns")
        if header is None or not isinstance(decisions, list):
            return None
        return header if any(isinstance(d, dict) and d.get("header") == header and d.get("used_as") == field_name
                             for d in decisions) else None

    def clear_issues(self, indexes: Sequence[int]) -> None:
        """Forget the reading issues of these rows (rows found to be no creator's: a header repeated, a
        section title, a total), which say nothing about the data."""
        if not indexes or not self.issues:
            return
        gone = set(indexes)
        rows = {self.source_rows[k] for k in gone}
        kept_rows = {self.source_rows[k] for k in range(len(self)) if k not in gone}  # a row's other accounts
        self.issues = [i for i in self.issues if i.row not in rows or i.row in kept_rows]
        col = self.data.get("issues")
        if col is not None:
            col = self.writable("issues")
            for k in indexes:
                col[k] = None

    @property
    def columns(self) -> list[str]:
        """Output order: canonical columns in schema order, then columns later stages computed
        (in the order they were added), then the unknown input columns as they came. A table made
        `from_rows` keeps its own order."""
        if self.fixed_columns is not None:
            return list(self.fixed_columns)
        known = [
            name
            for name in CANONICAL_NAMES
            if name in self.data and (name in self.mapped or BY_NAME[name].computed or self.has(name))
        ]
        tail = [c for c in TAIL_COLUMNS if c in known]
        known = [c for c in known if c not in TAIL_COLUMNS]
        extras = set(self.extra_columns)
        computed = [c for c in self.data if c not in BY_NAME and c not in extras]
        return known + computed + tail + [c for c in self.extra_columns if c in self.data]

    def rows(self, columns: list[str] | None = None) -> Iterator[dict[str, Any]]:
        cols = columns or self.columns
        values = [self.get(c) for c in cols]
        for i in range(len(self)):
            yield {c: v[i] for c, v in zip(cols, values, strict=True)}

    def records(self) -> list[dict[str, Any]]:
        """JSON-ready rows: dates as ISO strings, numbers and text as they are (what `--format json`
        prints)."""
        return [{k: jsonable(v) for k, v in row.items()} for row in self.rows()]

    def to_pandas(self) -> pd.DataFrame:
        """A pandas DataFrame in output column order, with nullable dtypes: counts Int64, rates and
        money Float64, dates datetime64, flags boolean, text string; the index is the source row
        ((sheet, source_row) when the table stacks several tabs)."""
        import pandas as pd

        from .schema import kind_of

        frame: dict[str, Any] = {}
        for c in self.columns:
            frame[c] = _series(pd, self.get(c), kind_of(c))
        if self.has("sheet") and any(self.get("sheet")):  # several tabs (--sheet all): rows repeat per tab
            index = pd.MultiIndex.from_arrays([self.get("sheet"), self.source_rows], names=["sheet", "source_row"])
            return pd.DataFrame(frame, index=index)
        return pd.DataFrame(frame, index=pd.Index(self.source_rows, name="source_row"))


_INTEGER_KINDS = ("count", "signed")
_FLOAT_KINDS = ("rate", "money", "number", "fraction")


def _series(pd: Any, values: list[Any], kind: str | None) -> Any:
    """One column as a typed pandas array: the schema kind decides, else the values do."""
    present = [v for v in values if v is not None and v != ""]
    clean = [None if v == "" else v for v in values]
    flags = bool(present) and all(isinstance(v, bool) for v in present)
    ints = not flags and all(isinstance(v, int) and not isinstance(v, bool) for v in present)
    numbers = not flags and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present)
    dates = all(isinstance(v, dt.date) for v in present)
    guess = kind is None and bool(present)
    if flags:
        return pd.array(clean, dtype="boolean")
    if ints and (kind in _INTEGER_KINDS or guess or kind == "label"):  # e.g. duplicate_of: a row number
        return pd.array(clean, dtype="Int64")
    if numbers and (kind in _INTEGER_KINDS or kind in _FLOAT_KINDS or guess):
        return pd.array([None if v is None or v != v else float(v) for v in clean], dtype="Float64")
    if dates and (kind == "date" or guess):
        return pd.to_datetime(pd.Series(clean, dtype="object")).to_numpy()
    return pd.array([v if v is None or isinstance(v, str) else str(v) for v in clean], dtype="string")


def duration_text(value: dt.timedelta) -> str:
    """A duration as Excel shows it with [h]:mm:ss ("30:00:00", "-0:45:00", "0:00:01.5"): one text in
    CSV, JSON and the workspace (an xlsx gets a real duration cell)."""
    micro = abs(value) // dt.timedelta(microseconds=1)
    seconds, micro = divmod(micro, 1_000_000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    text = f"{'-' if value < dt.timedelta(0) else ''}{hours}:{minutes:02d}:{seconds:02d}"
    return text + (f"{micro / 1_000_000:.6f}".rstrip("0")[1:] if micro else "")


def jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_text(value)
    if isinstance(value, float) and not math.isfinite(value):  # NaN, inf: JSON has no such number
        return None
    return value
