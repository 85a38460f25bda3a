"""Cell values by kind, one column at a time: counts (ranges and decimals said on the row, header units),
rates on one scale per column, dates in one day/month order per column, prices with their currency,
range, deliverable and tax. Unreadable cells become None plus an issue on their row."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from ..schema import DERIVED, kind_of
from ..table import Table
from ..text import count
from ..thresholds.reading import (
    DATE_MAX_YEAR,
    DATE_MIN_YEAR,
    DAY_FIRST_DEFAULT,
    PERCENT_POINTS_SHARE,
    POINTS_MEDIAN_FRACTION,
    PRICE_MIN_AMOUNT,
    RATE_POINTS_DOUBT,
    UNIT_IN_FULL_RATIO,
    YEARLESS_NEAR_DAYS,
)
from . import parse as P
from .columns import HeaderMeaning

WHOLE_COUNTS = ("followers", "following", "posts")  # a decimal here is said; averages may have decimals
MEMO_MAX = 65536  # distinct cells a column remembers while it is converted (memory and speed, not reading)
_UNSEEN = object()

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
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, int) and abs(value) >= 10**4000:
        return "(a number with thousands of digits)"
    return str(value)


_NEUTRALISED = ("'=", "'+", "'-", "'@", "'\t", "'\r")


def unneutralise(text: str | None) -> str | None:
    """Undo the apostrophe influkit's own CSV/xlsx exports put before formula-like text, so
    `influkit enrich -o - | influkit score -` round-trips bios and notes unchanged."""
    if text is not None and text.startswith(_NEUTRALISED):
        return text[1:]
    return text


def verbatim(value: Any) -> Any:
    """An unknown column's cell, kept as read; only empty strings become empty cells, and the apostrophe
    influkit's own exports put before formula-like text is taken off again (`unneutralise`)."""
    if isinstance(value, str):
        return unneutralise(value) if value else None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _bare_number(v: Any) -> float | None:
    """A rate cell written without "%": its number, else None."""
    if isinstance(v, bool):
        return None
    if isinstance(v, int | float):
        return float(v)
    if isinstance(v, str) and "%" not in v and len(v) < 40:
        try:
            return float(v.strip().replace(",", "."))
        except ValueError:
            return None
    return None


def percent_points(values: list[Any], points: bool = False) -> bool:
    """A rate column written in percentage points (2.5 meaning 2.5 %): at least half of its bare
    numbers are above 1, or (all <= 1) their median would be an implausible engagement. Then 0.8 in
    it is 0.8 %, not 80 %: one scale per column, not per cell."""
    bare = sorted(x for x in map(_bare_number, values) if x is not None and x == x and x >= 0)
    if not bare:
        return False
    if points or sum(1 for x in bare if x > 1) >= PERCENT_POINTS_SHARE * len(bare):
        return True
    return bare[len(bare) // 2] > POINTS_MEDIAN_FRACTION


def rate_in_points(v: Any) -> float | None:
    x = _bare_number(v)
    if x is not None and 0 <= x <= 100:
        return float(f"{x / 100:.12g}")
    return P.parse_rate(v)


def plain_number(v: Any) -> float | None:
    """A plain number (possibly negative): 1.4, "1,4", -0.02."""
    if P.is_missing(v):
        return None
    if isinstance(v, bool):
        raise P.ParseError(f"could not read {shown(v)}")
    if isinstance(v, int | float):
        return float(v)
    try:
        return float(str(v).strip().replace("\u2212", "-").replace(",", "."))
    except ValueError:
        raise P.ParseError(f"could not read {shown(v)}") from None


_DERIVED_PARSERS: dict[str, Callable[[Any], Any]] = {
    "number": plain_number,
    "fraction": plain_number,
    "signed": P.parse_signed_count,
}


def parser_for(column: str) -> Callable[[Any], Any] | None:
    kind = kind_of(column)
    if column in _LABEL_PARSERS:
        return _LABEL_PARSERS[column]
    return _PARSERS.get(kind or "") or _DERIVED_PARSERS.get(kind or "")


def _issue_rows(rows: list[int] | None, i: int) -> int:
    return rows[i] if rows is not None else i


def convert_column(
    values: list[Any], column: str, header: str, table: Table, rows: list[int] | None = None,
    meaning: HeaderMeaning | None = None, percent_cells: Callable[[], Collection[int]] | None = None,
) -> list[Any]:
    """Parse one column; unreadable cells become None plus an issue on their row. `percent_cells` gives
    the positions of the cells a workbook formats as percentages (asked only for a rate column whose
    numbers mix fractions and percentage points: see `_rates`)."""
    kind = kind_of(column)
    if kind == "count":
        return _counts(values, column, header, table, rows, meaning.exponent if meaning else 0)
    if kind == "date":
        return read_dates([DateColumn(values, column, header, rows)], table)[0]
    parser = parser_for(column)
    if parser is None:  # text, url, handle: cleaned text; "N/A", "NaN", "-" are empty
        return _texts(values)
    if kind == "rate" and header.strip() == column and table.meta.get("own_output"):
        parser = _own_fraction  # influkit's own CSV/JSON (`engagement_rate`): raw fractions, 1.5 is 150 %
    elif kind == "money" and header.strip() == column and column in DERIVED and table.meta.get("own_output"):
        parser = partial(_own_amount, parser)  # influkit's own est_price_low, cpe...: bare decimals
    elif kind == "rate":
        return _rates(values, parser, column, header, table, rows, bool(meaning and meaning.percent), percent_cells)
    return _parsed(values, parser, column, header, table, rows)


def _parsed(values: list[Any], parser: Callable[[Any], Any], column: str, header: str, table: Table,
            rows: list[int] | None, by_cell: Mapping[int, Callable[[Any], Any]] | None = None) -> list[Any]:
    """Each cell through `parser`, or through `by_cell[i]` for the cells i it names."""
    out: list[Any] = []
    for i, v in enumerate(values):
        try:
            out.append(parser(v) if by_cell is None or i not in by_cell else by_cell[i](v))
        except P.ParseError as exc:
            out.append(None)
            table.add_issue(_issue_rows(rows, i), column, str(exc), header)
    return out


def _rates(values: list[Any], parser: Callable[[Any], Any], column: str, header: str, table: Table,
           rows: list[int] | None, percent_header: bool, percent_cells: Callable[[], Collection[int]] | None
           ) -> list[Any]:
    """A rate column: one scale for its bare numbers (fractions, or percentage points: `percent_points`),
    except that a cell the workbook formats as a percentage (Excel shows 4.1 % for 0.041) is a fraction
    whatever the others hold. The formats are looked up only when the bare numbers mix both sides of 1
    or the column reads as points while some are at most 1: then the cells not formatted as percentages
    get the scale of their own numbers."""
    points = percent_points(values, percent_header and _all_above_one(values))
    formatted: Collection[int] = ()
    if percent_cells is not None:  # (a workbook's column)
        bare = [x for x in map(_bare_number, values) if x is not None and x == x and x > 0]
        if any(x <= 1 for x in bare) and (points or any(x > 1 for x in bare)):
            formatted = percent_cells()
    if not formatted:
        if points:
            _doubtful_points(values, (), column, header, table, rows)
        return _parsed(values, rate_in_points if points else parser, column, header, table, rows)
    marked = dict.fromkeys(formatted, _fraction_cell)
    rest = [v for i, v in enumerate(values) if i not in marked]
    scale = rate_in_points if percent_points(rest, percent_header and _all_above_one(rest)) else parser
    if scale is rate_in_points:
        _doubtful_points(values, marked, column, header, table, rows)
    return _parsed(values, scale, column, header, table, rows, marked)


def _doubtful_points(values: list[Any], skip: Collection[int], column: str, header: str, table: Table,
                     rows: list[int] | None) -> None:
    """A bare number under RATE_POINTS_DOUBT in a column of percentage points (0.034 beside 1.5 and 2.5)
    is read in points as the column says, and its row says the fraction it may be (3.4 %)."""
    for i, v in enumerate(values):
        x = _bare_number(v) if i not in skip else None
        if x is not None and 0 < x < RATE_POINTS_DOUBT:
            table.add_issue(_issue_rows(rows, i), column, f"{shown(v)} read as {x:g}% (the column is in "
                            f"percentage points): {x * 100:g}% if it is a fraction", header, note=True)


def _fraction_cell(v: Any) -> float | None:
    """A cell formatted as a percentage: its number is the fraction (0.041 is 4.1 %)."""
    if isinstance(v, int | float) and not isinstance(v, bool):
        return float(v)
    return P.parse_rate(v)


def _text(v: Any) -> str | None:
    return None if P.is_missing(v) else unneutralise(as_text(v))


def _texts(values: list[Any]) -> list[Any]:
    """`_text` of each cell; a text repeated down the column (a status, a country, a name) is cleaned
    once, and stays one object."""
    done: dict[str, Any] = {}
    known = done.get
    out: list[Any] = []
    append = out.append
    for v in values:
        if v.__class__ is str:  # only text: True, 1 and 1.0 are equal keys but different cells
            t = known(v, _UNSEEN)
            if t is _UNSEEN:
                t = _text(v)
                if len(done) < MEMO_MAX:
                    done[v] = t
            append(t)
        else:
            append(_text(v))
    return out


def _own_fraction(v: Any) -> float | None:
    """A rate as influkit writes it in CSV and JSON: a bare fraction (0.034), whatever its size; text
    with "%" is read as usual."""
    if isinstance(v, str) and "%" in v:
        return P.parse_rate(v)
    return plain_number(v)


def _own_amount(parser: Callable[[Any], Any], v: Any) -> Any:
    """An amount influkit computed and wrote in its own CSV (est_price_low: "1188.39"): a bare decimal,
    read as one; any other cell through `parser`. (Reading an enriched 100k-row CSV back spent 4.5 s
    parsing its two price columns as amounts a user might write, measured.)"""
    if v.__class__ is str and v[:1].isdigit() and "_" not in v:
        try:
            x = float(v)
        except ValueError:
            return parser(v)
        if x != math.inf:
            return x
    return parser(v)


def _all_above_one(values: list[Any]) -> bool:
    return any((x := _bare_number(v)) is not None and x > 1 for v in values)


def _in_unit(v: Any) -> bool:
    """Whether a cell of a column whose header gives a unit ("Abonnés (k)") is a bare number, in that
    unit: a number, or a text without letters ("12,5"; "12,5 k" says its own unit)."""
    return (isinstance(v, int | float) and not isinstance(v, bool)
            or isinstance(v, str) and not any(ch.isalpha() for ch in v))


def unit_count(v: Any, scale: int, signed: bool = False, grouping: bool = False) -> int | None:
    """A bare number of a column whose header gives the unit, as a count: "12,5" under "Abonnés (k)" is
    12,500 (`scale` 1000; a lone comma or point is the decimal mark there, unless `grouping`: see
    `P.parse_decimal`). Negative only when `signed` (a gain); a cell that names its own unit is for
    `P.parse_count` (see `_in_unit`)."""
    x = plain_number(v) if not isinstance(v, str) or P.is_missing(v) else P.parse_decimal(v, grouping)
    if x is None:
        return None
    if x < 0 and not signed:
        raise P.ParseError(f"could not read {shown(v)} (negative count)")  # the cell, not x * scale
    return (P.parse_signed_count if signed else P.parse_count)(round(x * scale, 6))


def scaled_count(exponent: int, signed: bool = False) -> Callable[[Any], int | None]:
    """The count parser of a column whose header gives a unit of 10**exponent (0: none): bare numbers
    in that unit, other cells read as they are ("12,5 k", "+1 586")."""
    parse = P.parse_signed_count if signed else P.parse_count
    if not exponent:
        return parse
    scale = 10**exponent

    def count(v: Any) -> int | None:
        return unit_count(v, scale, signed) if _in_unit(v) else parse(v)

    return count


_DIGITS = re.compile(r"\d[\d.,]*\d")  # a number as written, its marks included


def _unit_mark(values: list[Any]) -> str | None:
    """The decimal mark the written numbers of a column with a unit show ("12,5" or "1,2k" a comma,
    "12.5" or "1,250.5" a point; "1,200" neither); None when none shows one, or when they disagree."""
    votes: set[str] = set()
    for v in values:
        if isinstance(v, str) and (number := _DIGITS.search(v)) and (mark := P.decimal_mark(number[0])) is not None:
            votes.add(mark)
            if len(votes) > 1:
                return None
    return votes.pop() if votes else None


def _unit_median(values: list[Any]) -> float | None:
    """The median of a unit column's bare numbers (in its unit), None without any above 0."""
    found = sorted(x for v in values if _in_unit(v) and (x := _bare_number(v)) is not None and x > 0)
    return found[len(found) // 2] if found else None


def _lone_mark(v: Any) -> str | None:
    """The mark of a bare number whose one "," or "." comes before exactly three digits ("1,200",
    "2.500"): a decimal mark or a thousands separator, only its column can tell."""
    if isinstance(v, str) and _in_unit(v) and P.decimal_mark(t := v.strip()) is None:
        marks = [ch for ch in t if ch in ".,"]
        if len(marks) == 1:
            return marks[0]
    return None


def _counts(values: list[Any], column: str, header: str, table: Table, rows: list[int] | None,
            exponent: int) -> list[Any]:
    """Counts; "10K-15K" and (for followers, following, posts) decimals are said on the row; a header unit
    ("Abonnés (k)") multiplies bare numbers."""
    whole = column in WHOLE_COUNTS
    scale = 10**exponent
    noted = P.parse_count_noted
    out: list[Any] = []
    append = out.append
    ints: dict[float, int] = {}  # a count repeated down the column is one int object (a sheet's numbers are
    # floats: 2647.0 on 40 rows would otherwise become 40 ints)
    known = ints.get
    plain, real, most = exponent == 0, float, P.MAX_COUNT
    # a unit's column: "1,200" under "Abonnés (k)" is 1.2 k where the column's decimals are commas, 1,200 k
    # where they are points; with nothing to tell, a decimal mark, said on the row
    mark = _unit_mark(values) if exponent else None
    usual = _unit_median(values) if exponent else None  # (a count typed in full stands out from it)
    for i, v in enumerate(values):
        if plain:
            kind = v.__class__
            if kind is real:
                n = known(v)
                if n is not None:
                    append(n)
                    continue
                if v.is_integer() and 0 <= v <= most:
                    n = int(v)
                    if len(ints) < MEMO_MAX:
                        ints[v] = n
                    append(n)
                    continue
            elif kind is int and v >= 0:
                append(v)
                continue
        try:
            if exponent and _in_unit(v):
                lone = _lone_mark(v)
                n, note = unit_count(v, scale, grouping=lone is not None and mark is not None and lone != mark), None
                if lone is not None and mark is None and n is not None:
                    table.add_issue(_issue_rows(rows, i), column, f"{shown(v)} read as {n:,} (a decimal mark): "
                                    f"{unit_count(v, scale, grouping=True):,} if it groups thousands", header,
                                    note=True)
                elif usual is not None and n is not None and n >= usual * UNIT_IN_FULL_RATIO * scale \
                        and n >= UNIT_IN_FULL_RATIO * scale:
                    table.add_issue(_issue_rows(rows, i), column, f"{shown(v)} read as {n:,} (the header's unit): "
                                    f"{n // scale:,} if written in full", header, note=True)
            else:
                n, note = noted(v)
        except P.ParseError as exc:
            append(None)
            table.add_issue(_issue_rows(rows, i), column, str(exc), header)
            continue
        append(n)
        if note is not None and (whole or note.startswith("range")):
            table.add_issue(_issue_rows(rows, i), column, note, header, note=True)
    return out


@dataclass
class DateColumn:
    """One date column of a sheet, to be read with the others (`read_dates`): its cells, canonical name,
    header as written and, when its cells are not the table's rows one for one, the row of each cell."""

    values: list[Any]
    column: str
    header: str
    rows: list[int] | None = None
    # the day/month order the column's date cells are shown in (their number format: dd/mm/yyyy is day
    # first, `P.date_format_order`), None when they do not say; asked only when its text dates do not decide
    shown: Callable[[], bool | None] | None = None


def _order_votes(values: list[Any]) -> tuple[int, int, bool]:
    """(cells only month first can read, cells only day first can read, some cell depends on the order)."""
    month = day = 0
    ambiguous = False
    seen: set[str] = set()
    vote = P.date_order_vote
    for v in values:
        if v.__class__ is str and v not in seen:
            seen.add(v)
            x = vote(v)
            if x > 0:
                month += 1
            elif x < 0:
                day += 1
            elif not ambiguous and P.date_order_ambiguous(v):
                ambiguous = True
    return month, day, ambiguous


def _decided(month: int, day: int) -> bool:
    """day_first as a column's votes (`_order_votes`) say: the majority, DAY_FIRST_DEFAULT on a tie."""
    return DAY_FIRST_DEFAULT if month == day else day > month


def date_column_parser(values: list[Any]) -> tuple[Callable[[Any], dt.date | None], bool]:
    """The date parser of a column read alone (a follower history's dates) and its day_first: day/month
    order decided from all its cells like `read_dates` ("11/13/2026" makes it month first; both orders:
    the majority, a cell only the other order reads is refused), DAY_FIRST_DEFAULT when none decides."""
    month, day, _ = _order_votes(values)
    day_first = _decided(month, day)
    against = (1 if day_first else -1) if month and day else 0
    order = "day" if day_first else "month"

    def parse(v: Any) -> dt.date | None:
        if against and v.__class__ is str and P.date_order_vote(v) == against:
            raise P.ParseError(f"could not read {shown(v)} (the column's dates are {order} first)")
        return P.parse_date(v, day_first)

    return parse, day_first


def column_dates(values: list[Any]) -> list[dt.date | None]:
    """Each cell of a date column read alone (a posts sheet's publication dates, an orders export's) as a
    day, the day/month order decided from all its cells (`date_column_parser`, the list reader's rule):
    None for a blank cell or one that cannot be read in that order (the caller says so)."""
    parse, _ = date_column_parser(values)
    out: list[dt.date | None] = []
    for v in values:
        try:
            out.append(parse(v))
        except P.ParseError:
            out.append(None)
    return out


def _sheet_order(votes: list[tuple[int, int, bool]], shown: list[bool | None]) -> bool | None:
    """day_first as the date columns whose own cells decide say (their text dates, else the format their
    date cells are shown in: the majority of the columns), None when none does."""
    decided = [_decided(month, day) if month or day else bool(cells)
               for (month, day, _), cells in zip(votes, shown, strict=True) if month or day or cells is not None]
    if not decided:
        return None
    first = sum(decided)
    if first * 2 == len(decided):
        return DAY_FIRST_DEFAULT
    return first * 2 > len(decided)


def _main_year(years: Counter[int]) -> tuple[int, bool] | None:
    """(the year most dates have, True when another year has as many), None without dates."""
    if not years:
        return None
    ranked = years.most_common()
    best = max(y for y, n in ranked if n == ranked[0][1])
    return best, len(ranked) > 1 and ranked[1][1] == ranked[0][1]


def read_dates(columns: list[DateColumn], table: Table) -> list[list[Any]]:
    """The date columns of one sheet, read together.

    - Day/month order: decided per column from all its cells ("3/25/2026" makes it month first,
      "25/03/2026" day first; both: the majority, the others are issues); a column whose text dates do not
      decide ("4/3/2026" only) takes the order its date cells are shown in (a date cell is no ambiguity
      itself, and one shown dd/mm/yyyy says how the sheet writes dates), else the order the sheet's other
      date columns decide; when none does, DAY_FIRST_DEFAULT, and the note says so, counting the column's
      date cells.
    - A date written without its year ("12 mars") takes the year most full dates of its column have,
      else of the sheet's date columns; with none, its most recent occurrence (`P.yearless_recent`). The
      row says so only when that year is a guess: no full date to learn from, or two years tied.
    """
    votes = [_order_votes(c.values) for c in columns]
    # the order the date cells are shown in counts where text dates leave it open (asked then only: it reads
    # the sheet's styles)
    open_ = any(ambiguous and not (month or day) for month, day, ambiguous in votes)
    shown = [c.shown() if open_ and c.shown is not None and not (v[0] or v[1]) else None
             for c, v in zip(columns, votes, strict=True)]
    sheet_first = _sheet_order(votes, shown)
    out: list[list[Any]] = []
    yearless: list[list[tuple[int, P.Yearless]]] = []
    notes = table.meta.setdefault("notes", [])
    for c, (month, day, ambiguous), cells in zip(columns, votes, shown, strict=True):
        if month or day:
            day_first = _decided(month, day)
        elif cells is not None:  # its date cells decide: shown dd/mm/yyyy (or mm/dd/yyyy), no note
            day_first = cells
        else:
            day_first = DAY_FIRST_DEFAULT if sheet_first is None else sheet_first
            if ambiguous and sheet_first is not None:
                others = [o.header for o, v, s in zip(columns, votes, shown, strict=True)
                          if v[0] or v[1] or s is not None]
                notes.append(f"{c.header!r}: its dates could be day or month first; read "
                             f"{'day' if day_first else 'month'} first like " + ", ".join(map(repr, others)))
            elif ambiguous:  # (said, not silently guessed: "03/10/2026" is 3 October or March 10)
                notes.append(_undecided_note(c, day_first))
        against = (1 if day_first else -1) if month and day else 0
        values, found = _date_cells(c, day_first, against, table)
        out.append(values)
        yearless.append(found)
        if month and day:
            notes.append(f"{c.header!r}: dates in both day/month orders; read {'day' if day_first else 'month'} "
                         "first (the majority), the others are issues")
        elif not day_first:
            table.meta.setdefault("date_orders", {})[c.header] = "month first"
    if any(yearless):
        _give_years(columns, out, yearless, table)
    return out


def _undecided_note(c: DateColumn, day_first: bool) -> str:
    """What the reader says of a date column whose order nothing decides: its text dates that could be
    either, its date cells (dates already, whose format does not show the order), and what was read."""
    texts = list(dict.fromkeys(v for v in c.values if v.__class__ is str and P.date_order_ambiguous(v)))
    cells = sum(1 for v in c.values if isinstance(v, dt.date))
    order = "day" if day_first else "month"
    example = "25/03/2026" if day_first else "03/25/2026"
    which = f"{count(len(texts), 'text date')} ({', '.join(map(repr, texts[:3]))}{', ...' if len(texts) > 3 else ''})"
    if cells:
        return (f"{c.header!r}: {which} could be day or month first, and nothing in the sheet decides (its "
                f"{count(cells, 'date cell')} are dates already, in a format that does not show the order); read "
                f"{order} first, the default (a text date such as {example}, or date cells shown as "
                f"{'dd/mm/yyyy' if day_first else 'mm/dd/yyyy'}, in the column decide)")
    return (f"{c.header!r}: {which} could be day or month first and no date of the sheet decides; read "
            f"{order} first, the default (one text date such as {example} in the column decides)")


def _date_cells(c: DateColumn, day_first: bool, against: int, table: Table
                ) -> tuple[list[Any], list[tuple[int, P.Yearless]]]:
    out: list[Any] = []
    append = out.append
    found: list[tuple[int, P.Yearless]] = []
    parse = P.parse_date_or_yearless
    vote = P.date_order_vote
    date_type = dt.date
    for i, v in enumerate(c.values):
        if v is None or v.__class__ is date_type and DATE_MIN_YEAR <= v.year <= DATE_MAX_YEAR:
            append(v)
            continue
        if against and v.__class__ is str and vote(v) == against:
            append(None)
            table.add_issue(_issue_rows(c.rows, i), c.column, f"could not read {shown(v)} (the column's dates are "
                                                              f"{'day' if day_first else 'month'} first)", c.header)
            continue
        try:
            d = parse(v, day_first)
        except P.ParseError as exc:
            append(None)
            table.add_issue(_issue_rows(c.rows, i), c.column, str(exc), c.header)
            continue
        if d.__class__ is P.Yearless:
            found.append((i, d))
            append(None)
        else:
            append(d)
    return out, found


def _give_years(columns: list[DateColumn], out: list[list[Any]], yearless: list[list[tuple[int, P.Yearless]]],
                table: Table) -> None:
    column_years = [Counter(d.year for d in values if d is not None) if found else Counter()
                    for values, found in zip(out, yearless, strict=True)]
    sheet_years: Counter[int] = Counter()
    for values, found, counted in zip(out, yearless, column_years, strict=True):
        sheet_years.update(counted if found else (d.year for d in values if d is not None))
    notes = table.meta.setdefault("notes", [])
    sheet_days = sorted(d for values, found in zip(out, yearless, strict=True) for d in values if d is not None)
    for c, values, found, counted in zip(columns, out, yearless, column_years, strict=True):
        if not found:
            continue
        main = _main_year(counted)
        where = "its column's other dates"
        days = sorted(d for d in values if d is not None)
        if main is None:
            main = _main_year(sheet_years)
            where = "the sheet's other dates"
            days = sheet_days
        middle = days[len(days) // 2] if days else None
        taken: set[int] = set()
        for i, y in found:
            row = _issue_rows(c.rows, i)
            shown_value = shown(c.values[i])
            if main is None:
                d = P.yearless_recent(y)
                if d is not None:
                    table.add_issue(row, c.column, f"{shown_value} has no year and no other date of the sheet has "
                                                   f"one: read as {d.isoformat()} (its most recent occurrence)",
                                    c.header, note=True)
            else:
                d = _nearest(y, main[0], middle)
                if d is not None:
                    taken.add(d.year)
                if d is not None and main[1]:
                    table.add_issue(row, c.column, f"{shown_value} has no year and {where} have as many "
                                                   f"in two years: read as {d.isoformat()} (the later)", c.header,
                                    note=True)
            if d is None:
                table.add_issue(row, c.column, f"could not read {shown_value} (no such day in "
                                               f"{main[0] if main else 'any recent year'})", c.header)
            values[i] = d
        if main is not None and not main[1] and taken <= {main[0]}:
            notes.append(f"{c.header!r}: {count(len(found), 'date')} written without a year "
                         f"{'takes' if len(found) == 1 else 'take'} {main[0]}, the year of "
                         f"{where}")
        elif main is not None and not main[1]:
            notes.append(f"{c.header!r}: {count(len(found), 'date')} written without a year "
                         f"{'takes' if len(found) == 1 else 'take'} the year that puts "
                         f"{'it' if len(found) == 1 else 'them'} nearest {where} ({', '.join(map(str, sorted(taken)))})")


def _nearest(y: P.Yearless, year: int, middle: dt.date | None) -> dt.date | None:
    """A yearless date in `year`, or in the year before or after when that puts it within
    YEARLESS_NEAR_DAYS of the middle of the dates it is read with and `year` does not ("12 janv." among
    December 2025's contacts is January 2026, not 2025), never further ahead of today than a yearless
    date may be (`P.yearless_recent`'s allowance)."""
    found = P.yearless_date(y, year)
    if middle is None or found is not None and abs((found - middle).days) <= YEARLESS_NEAR_DAYS:
        return found
    limit = P.yearless_recent(y)  # (the latest such date not too far ahead)
    for other in (year - 1, year + 1):
        d = P.yearless_date(y, other)
        if d is not None and (limit is None or d <= limit) and abs((d - middle).days) <= YEARLESS_NEAR_DAYS:
            return d
    return found


def read_prices(table: Table, values: list[Any], header: str, meaning: HeaderMeaning) -> None:
    """price_quoted (+ _high), currency per cell, price_per, price_tax, price_note."""
    n = len(values)
    amount: list[Any] = [None] * n
    high: list[Any] = [None] * n
    currency: list[Any] = [None] * n
    per: list[Any] = [None] * n
    tax: list[Any] = [None] * n
    note: list[Any] = [None] * n
    scale = 10**meaning.exponent
    for k, v in enumerate(values):
        try:
            p = P.parse_price(v)
        except P.ParseError as exc:
            table.add_issue(k, "price_quoted", str(exc), header)
            continue
        if p is None:
            continue
        amount[k] = p.amount
        high[k] = p.high
        if scale != 1 and (isinstance(v, int | float) or isinstance(v, str) and not any(ch.isalpha() for ch in v)):
            amount[k] = None if p.amount is None else p.amount * scale
            high[k] = None if p.high is None else p.high * scale
        if amount[k] is not None and 0 < amount[k] < PRICE_MIN_AMOUNT:
            table.add_issue(k, "price_quoted", f"{shown(v)} is under {PRICE_MIN_AMOUNT}: no creator asks so little "
                            "(a rate or a share?); not read as the price", header)
            amount[k] = high[k] = None
            continue
        currency[k] = p.currency or meaning.currency
        per[k], note[k] = p.per, p.note
        tax[k] = p.tax or meaning.tax
        if p.several:
            table.add_issue(k, "price_quoted", f"several prices in {shown(v)}: the first is used", header, note=True)
    table.data["price_quoted"] = amount
    if any(x is not None for x in high):
        table.data["price_quoted_high"] = high
    table.data["_price_currency_cells"] = currency
    for name, col in (("price_per", per), ("price_tax", tax), ("price_note", note)):
        if any(col):
            table.data[name] = col
            table.mapped.setdefault(name, header)


def shown(value: Any) -> str:
    """A cell as an issue quotes it: at most 40 characters, or 100 for a link, whose end (the account,
    the post) says most: a longer link keeps its start and its end."""
    text = as_text(value) if not isinstance(value, str) else value
    text = text or ""
    if len(text) <= 40:
        return repr(text)
    if "://" in text[:12] or text.startswith("www."):
        return repr(text if len(text) <= 100 else text[:48] + "..." + text[-49:])
    return repr(text[:37] + "...")




# ------------------------------------------------------------------- kept columns in a new workbook

# a number as typed in a text cell: digits, optionally grouped by spaces/apostrophes/points/commas, one decimal
# part; no leading zero before a digit ("0612345678", "00123": identifiers), no "+" (a phone), no unit
_TYPED_NUMBER = re.compile(r"-?(?:0|[1-9][\d \u00a0\u202f'.,]*)(?:[.,]\d+)?")
_TYPED_DATE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}")


def typed_column(values: list[Any], decimal: str | None = None) -> list[Any]:
    """A kept column (the user's, read as text from a CSV or JSON) as a workbook should hold it: when every
    text cell of it is a plain number ("1 234", "12 500", "1 200,50", "-0,4"; one decimal mark for the
    column, `parse.decimal_mark`), numbers; when every one is a numeric date ("15/03/2025", "2025-03-15"),
    dates (one day/month order for the column, `date_column_parser`); otherwise the column as it is. Cells
    already typed (a workbook's) and empty cells stay. Identifiers stay text: a leading zero, a "+", more
    than Excel's 15 digits, a number ambiguous in the column ("12,500" with no other cell telling the mark,
    and no `decimal` mark given: the sheet's, "," for a French one, "." for an English one)."""
    from ..thresholds.writing import EXCEL_NUMBER_DIGITS

    texts = [v.strip() for v in values if isinstance(v, str) and v.strip()]
    if not texts:
        return values
    if all(_TYPED_NUMBER.fullmatch(t) for t in texts):
        marks = {m for m in map(P.decimal_mark, texts) if m is not None}
        if len(marks) <= 1 and all(sum(ch.isdigit() for ch in t) <= EXCEL_NUMBER_DIGITS for t in texts):
            mark = next(iter(marks), decimal)
            converted: dict[str, Any] = {}
            for t in dict.fromkeys(texts):
                lone = [ch for ch in t if ch in ".,"]
                if lone and P.decimal_mark(t) is None and (mark is None or len(set(lone)) > 1):
                    break  # "12,500": 12.5 or 12500, nothing in the column says
                try:
                    x = P.parse_decimal(t, grouping=bool(lone) and mark is not None and lone[-1] != mark)
                except P.ParseError:
                    break
                decimals = mark is not None and mark in t or (mark is None and P.decimal_mark(t) is not None)
                converted[t] = int(x) if x.is_integer() and not decimals else x
            else:
                return [converted[v.strip()] if isinstance(v, str) and v.strip() else v for v in values]
    if all(_TYPED_DATE.fullmatch(t) for t in texts):
        parse, _ = date_column_parser(texts)
        dates: dict[str, Any] = {}
        for t in dict.fromkeys(texts):
            try:
                day = parse(t)
            except P.ParseError:
                return values
            if not isinstance(day, dt.date):
                return values
            dates[t] = day
        return [dates[v.strip()] if isinstance(v, str) and v.strip() else v for v in values]
    return values
