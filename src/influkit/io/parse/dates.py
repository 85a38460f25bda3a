"""Dates: date cells, ISO, dd/mm/yyyy or mm/dd/yyyy (the order decided per column), French and English
month names, dates without a year ("12 mars"), months ("mars 2026"), Excel serials."""

from __future__ import annotations

import datetime as _dt
import math
import re
from functools import lru_cache

from ...clock import today
from ...text import fold_key
from ...thresholds.reading import (
    DATE_MAX_YEAR,
    DATE_MIN_YEAR,
    EXCEL_SERIAL_MAX,
    EXCEL_SERIAL_MIN,
    YEARLESS_DATE_AHEAD_DAYS,
)
from ._base import _CACHE, _MISSING_WORDS, ParseError, _Bad, _cannot, _clean

__all__ = ["WordDate", "Yearless", "date_format_order", "date_order_ambiguous", "date_order_vote", "parse_date", "parse_date_or_yearless",
           "word_date_like", "yearless_date", "yearless_recent"]

_EXCEL_EPOCH = _dt.date(1899, 12, 30)
_TIME = r"(?:(?:[T\s,]+|\s+[aà]\s+)\d{1,2}(?:[:h]\d{2}(?::\d{2}(?:[.,]\d+)?)?|h)\s*(?:z|utc|[+-]\d{2}(?::?\d{2})?|[ap]\.?m\.?)?)?"
_ISO_RE = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})" + _TIME, re.IGNORECASE)
_DMY_RE = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})" + _TIME, re.IGNORECASE)
_COMPACT_RE = re.compile(r"((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])")
_SERIAL_RE = re.compile(r"\d{5}(?:[.,]\d+)?")
_MONTHS: dict[str, int] = {
    "janvier": 1, "janv": 1, "jan": 1, "january": 1,
    "fevrier": 2, "fevr": 2, "fev": 2, "february": 2, "feb": 2,
    "mars": 3, "mar": 3, "march": 3,
    "avril": 4, "avr": 4, "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juin": 6, "june": 6, "jun": 6,
    "juillet": 7, "juil": 7, "july": 7, "jul": 7,
    "aout": 8, "august": 8, "aug": 8,
    "septembre": 9, "sept": 9, "sep": 9, "september": 9,
    "octobre": 10, "oct": 10, "october": 10,
    "novembre": 11, "nov": 11, "november": 11,
    "decembre": 12, "dec": 12, "december": 12,
}
MONTH_WORDS: frozenset[str] = frozenset(_MONTHS)  # month names and abbreviations, folded, French and English
_DATE_NOISE = frozenset({
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "le", "the", "of", "de", "du", "er", "st",
    "nd", "rd", "th", "on",
})
_DATE_TOKENS = re.compile(r"\d+|[a-z]+")




class Yearless:
    """A date written without its year ("12 mars", "03/12" in a day-first column): the reader gives it the
    year of the other dates of its column or sheet (`io.values`), `parse_date` the most recent one."""

    __slots__ = ("day", "month")

    def __init__(self, month: int, day: int) -> None:
        self.month = month
        self.day = day

    def __repr__(self) -> str:
        return f"Yearless(month={self.month}, day={self.day})"


_TIME_TAIL = re.compile(r"\s*(?:,|à|a|at|@)?\s*\d{1,2}\s*(?:[:h]\s*\d{0,2})(?::\d{2})?\s*(?:[ap]\.?m\.?)?$",
                        re.IGNORECASE)
_ISO_MONTH_RE = re.compile(r"(\d{4})-(\d{1,2})")
_DM_RE = re.compile(r"(\d{1,2})([/.-])(\d{1,2})")


def _year(y: str) -> int:
    n = int(y)
    return n + 2000 if len(y) == 2 else n


def _mkdate(y: int, m: int, d: int) -> _dt.date | None:
    if not DATE_MIN_YEAR <= y <= DATE_MAX_YEAR:
        return None
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _serial(x: float) -> _dt.date | None:
    if EXCEL_SERIAL_MIN <= x <= EXCEL_SERIAL_MAX:
        return _EXCEL_EPOCH + _dt.timedelta(days=int(x))
    return None


def _valid_day(month: int, day: int) -> bool:
    try:
        _dt.date(2000, month, day)  # a leap year: 29 February is a valid day without a year
    except ValueError:
        return False
    return True


def _numeric(a: int, b: int, day_first: bool) -> tuple[int, int] | None:
    """(month, day) of two numbers in a column's order; an unambiguous cell decides alone."""
    if day_first:
        if b > 12 and a <= 12:
            return a, b  # month first, unambiguous (a single cell in a day-first column)
        return b, a
    if a > 12 and b <= 12:
        return None  # 25/03 in a month-first column: not a date of this column
    return a, b


def _date_text(t: str, day_first: bool) -> _dt.date | Yearless | None:
    m = _ISO_RE.fullmatch(t)
    if m:
        return _mkdate(int(m[1]), int(m[3]), int(m[4]))
    m = _DMY_RE.fullmatch(t)
    if m:  # (dots are Europe's, day first: "12.01.2026" is 12 January in any column)
        md = _numeric(int(m[1]), int(m[3]), day_first or m[2] == ".")
        return None if md is None else _mkdate(_year(m[4]), *md)
    m = _COMPACT_RE.fullmatch(t)
    if m:
        return _mkdate(int(m[1]), int(m[2]), int(m[3]))
    if _SERIAL_RE.fullmatch(t):
        return _serial(float(t.replace(",", ".")))
    m = _ISO_MONTH_RE.fullmatch(t)
    if m:
        return _mkdate(int(m[1]), int(m[2]), 1)
    m = _DM_RE.fullmatch(t)
    if m:
        md = _numeric(int(m[1]), int(m[3]), day_first or m[2] == ".")
        return Yearless(*md) if md is not None and _valid_day(*md) else None
    t = _TIME_TAIL.sub("", t) if any(c.isalpha() for c in t) else t
    toks = [w for w in _DATE_TOKENS.findall(fold_key(t)) if w not in _DATE_NOISE]
    months = [i for i, w in enumerate(toks) if w in _MONTHS]
    if len(months) != 1 or len(toks) not in (2, 3) or not all(w.isdigit() for i, w in enumerate(toks)
                                                               if i != months[0]):
        return None
    month = _MONTHS[toks[months[0]]]
    nums = [w for w in toks if w.isdigit()]
    if len(nums) == 2:
        day, y = (nums[0], nums[1])
        if len(y) not in (2, 4) or len(day) > 2:
            return None
        return _mkdate(_year(y), month, int(day))
    (n,) = nums
    if len(n) == 4:  # "mars 2026": the month, read as its first day
        return _mkdate(int(n), month, 1)
    if len(n) <= 2 and _valid_day(month, int(n)):
        return Yearless(month, int(n))
    return None


@lru_cache(maxsize=_CACHE)
def _date_str(s: str, day_first: bool) -> _dt.date | Yearless | None | _Bad:
    t = _clean(s)
    if t.lower() in _MISSING_WORDS:
        return None
    d = _date_text(t, day_first)
    if d is None:
        m = _ISO_RE.match(t) or _DMY_RE.fullmatch(t)
        year = m and int(m[1] if len(m[1]) == 4 else m[4] if len(m[4]) == 4 else 0)
        if year and not DATE_MIN_YEAR <= year <= DATE_MAX_YEAR:
            return _Bad(_cannot(s, f"out of range: years {DATE_MIN_YEAR}-{DATE_MAX_YEAR}"))
        if m and not day_first and _DMY_RE.fullmatch(t):
            return _Bad(_cannot(s, "the column's dates are month first"))
        return _Bad(_cannot(s))
    return d


@lru_cache(maxsize=_CACHE)
def date_order_ambiguous(s: str) -> bool:
    """True for a text date whose meaning depends on the day/month order ("04/03/2026", "4/3")."""
    t = _clean(s)
    m = _DMY_RE.fullmatch(t) or _DM_RE.fullmatch(t)
    if not m or m[2] == ".":  # (dotted: day first)
        return False
    a, b = int(m[1]), int(m[3])
    return a != b and a <= 12 and b <= 12


_FORMAT_TEXT = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # quoted text, escaped characters, [colours] and [$€-40C]
_FORMAT_PARTS = re.compile(r"y+|m+|d+|h+|s+", re.IGNORECASE)


@lru_cache(maxsize=_CACHE)
def date_format_order(ident: int, code: str) -> bool | None:
    """What a date cell's number format says of the order its dates are written in: True when it shows the
    day before the month in numbers ("dd/mm/yyyy", "d.m.yy"), False when it shows the month first
    ("mm/dd/yyyy", "m/d/yy"), None when it does not say (the year first, "yyyy-mm-dd"; a month in words,
    "d mmm yyyy"; no day; or one of Excel's built-in date formats, `ident` below 164: "mm-dd-yy" (14) is
    shown 20/10/2026 on a French computer and 10/20/2026 on an American one)."""
    from ..xlsx import BUILTIN_FORMAT_LIMIT

    if ident < BUILTIN_FORMAT_LIMIT:  # (shown the way of the computer that opens the workbook)
        return None
    parts = [p.lower() for p in _FORMAT_PARTS.findall(_FORMAT_TEXT.sub(" ", code.split(";")[0]))]
    # an "m" right after hours or right before seconds is minutes, not the month
    months = [i for i, p in enumerate(parts) if p[0] == "m" and not (i and parts[i - 1][0] == "h")
              and not (i + 1 < len(parts) and parts[i + 1][0] == "s")]
    days = [i for i, p in enumerate(parts) if p[0] == "d" and len(p) <= 2]  # ("ddd": the weekday's name)
    years = [i for i, p in enumerate(parts) if p[0] == "y"]
    if not months or not days or len(parts[months[0]]) > 2:  # (no day, or the month in words)
        return None
    if years and years[0] < min(months[0], days[0]):  # year first: ISO, the order of no dd/mm text
        return None
    return days[0] < months[0]


@lru_cache(maxsize=_CACHE)
def date_order_vote(s: str) -> int:
    """How a text date votes on its column's order: +1 when only month first works ("03/25/2026"),
    -1 when only day first works ("25/03/2026"), 0 otherwise (unambiguous, ISO, text, not a date)."""
    t = _clean(s)
    m = _DMY_RE.fullmatch(t) or _DM_RE.fullmatch(t)
    if not m or m[2] == ".":  # (dotted: day first whatever the column's order, no vote on it)
        return 0
    a, b = int(m[1]), int(m[3])
    if a > 12 >= b:
        return -1
    if b > 12 >= a:
        return 1
    return 0


def yearless_date(y: Yearless, year: int) -> _dt.date | None:
    """The date in a given year (None for 29 February in a year without one)."""
    try:
        return _dt.date(year, y.month, y.day)
    except ValueError:
        return None


def yearless_recent(y: Yearless) -> _dt.date | None:
    """The most recent date with that day and month, allowing YEARLESS_DATE_AHEAD_DAYS after today (a
    contact or a publication planned in the coming weeks)."""
    now = today()
    for year in (now.year + 1, now.year, now.year - 1, now.year - 2, now.year - 3, now.year - 4):
        d = yearless_date(y, year)
        if d is not None and (d - now).days <= YEARLESS_DATE_AHEAD_DAYS:
            return d
    return None


def _in_range(d: _dt.date, v: object) -> _dt.date:
    if not DATE_MIN_YEAR <= d.year <= DATE_MAX_YEAR:
        raise ParseError(_cannot(v, f"out of range: years {DATE_MIN_YEAR}-{DATE_MAX_YEAR}"))
    return d


def parse_date_or_yearless(v: object, day_first: bool = True) -> _dt.date | Yearless | None:
    """`parse_date`, except that a date written without its year is returned as a `Yearless` for the
    caller to give it a year (the reader: the year of the other dates of its column, else of its sheet)."""
    if v.__class__ is str:
        r = _date_str(v, day_first)
        if isinstance(r, _Bad):
            raise ParseError(r.msg)
        return r
    return parse_date(v, day_first)


def date_option(value: str | _dt.date | None, option: str) -> _dt.date | None:
    """A date given to a command or a function (a date, or a text: ISO, dd/mm/yyyy...), or a usage error
    naming the option or parameter (`--since`, `published_on`)."""
    if value is None or isinstance(value, _dt.date):
        return value
    from ...errors import UsageError

    try:
        day = parse_date(value)
    except ParseError as exc:
        raise UsageError(f"{option}: {exc}") from None
    if day is None:
        raise UsageError(f"{option}: no date in {value!r}")
    return day


def parse_date(v: object, day_first: bool = True) -> _dt.date | None:
    """A date: date/datetime cells, ISO text, dd/mm/yyyy (day first: French sheets; month first only when
    the second number is over 12), or mm/dd/yyyy with `day_first=False` (a column's order is decided from
    all its cells, see :func:`date_order_vote`), dd/mm/yy, French or English month names ("5 mars
    2024", "March 5, 2024", "le 5 avril" and "12 mars" on their most recent occurrence, up to a few weeks
    ahead of today: see `yearless_recent`; the reader prefers the year of the sheet's other dates),
    "mars 2026" as its first day), Excel serial numbers (20000..80000). Years outside 1900..2100 are
    refused, in text and date cells alike."""
    if isinstance(v, str):
        r = _date_str(v, day_first)
        if isinstance(r, _Bad):
            raise ParseError(r.msg)
        if isinstance(r, Yearless):
            return yearless_recent(r)
        return r
    if v is None:
        return None
    if isinstance(v, _dt.datetime):
        return _in_range(v.date(), v)
    if isinstance(v, _dt.date):
        return _in_range(v, v)
    if isinstance(v, _dt.time):
        if v == _dt.time(0, 0):  # Excel serial 0, what xlsxwriter/pandas write for 1900-01-01
            return _dt.date(1900, 1, 1)
        raise ParseError(_cannot(v.isoformat(), "a time of day, not a date"))
    if isinstance(v, bool):
        raise ParseError(_cannot(v))
    if isinstance(v, int | float):
        if v != v:
            return None
        if not math.isinf(v):
            d = _serial(float(v))
            if d is not None:
                return d
    raise ParseError(_cannot(v))


# ------------------------------------------------------------------------------ writing like the sheet

# (full name, the usual short form) of each month: what a sheet's text dates use
_MONTH_WORDS: dict[str, tuple[tuple[str, str], ...]] = {
    "fr": (("janvier", "janv."), ("février", "févr."), ("mars", "mars"), ("avril", "avr."), ("mai", "mai"),
           ("juin", "juin"), ("juillet", "juil."), ("août", "août"), ("septembre", "sept."), ("octobre", "oct."),
           ("novembre", "nov."), ("décembre", "déc.")),
    "en": (("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May", "May"),
           ("June", "Jun"), ("July", "Jul"), ("August", "Aug"), ("September", "Sep"), ("October", "Oct"),
           ("November", "Nov"), ("December", "Dec")),
}
_WORD = re.compile(r"[^\W\d_]+\.?")
_DIGITS = re.compile(r"\d+")


class WordDate:
    """How a sheet writes a date with its month in words ("3 févr. 2026", "Mar 3, 2026", "03 MARCH 26"),
    learnt from one of its cells (`word_date_like`): the same order and punctuation, the month in the
    same language, length (full or short, with or without a dot) and case, the day padded or not, the
    year's digits."""

    __slots__ = ("case", "dot", "full", "lang", "pad", "pieces", "year_digits")

    def __init__(self, pieces: tuple[str, ...], lang: str, full: bool | None, dot: bool, case: str, pad: bool,
                 year_digits: int) -> None:
        self.pieces, self.lang, self.full, self.dot, self.case = pieces, lang, full, dot, case
        self.pad, self.year_digits = pad, year_digits

    def write(self, day: _dt.date) -> str:
        full, short = _MONTH_WORDS[self.lang][day.month - 1]
        month = full if self.full else short.rstrip(".") + ("." if self.dot and short.endswith(".") else "")
        # (a word that is both forms, "mars", said nothing: the short form, a dot when the sheet's had one)
        month = month.upper() if self.case == "upper" else month.lower() if self.case == "lower" else \
            month[:1].upper() + month[1:]
        values = {"\0d": f"{day.day:02d}" if self.pad else str(day.day), "\0m": month,
                  "\0y": f"{day.year:04d}" if self.year_digits == 4 else f"{day.year % 100:02d}"}
        return "".join(values.get(p, p) for p in self.pieces)

    def number_format(self) -> str:
        """The xlsx number format that shows a date cell this way ("d mmm yyyy", "mmmm d, yyyy"): the order,
        punctuation, month length and year digits (the month's language and case are the reader's Excel's)."""
        codes = {"\0d": "dd" if self.pad else "d", "\0m": "mmmm" if self.full else "mmm",
                 "\0y": "yyyy" if self.year_digits == 4 else "yy"}
        return "".join(codes.get(p) or (f'"{p}"' if any(ch.isalpha() for ch in p) else p) for p in self.pieces)


def word_date_like(text: str, value: _dt.date | None = None, lang: str | None = None) -> WordDate | None:
    """The way `text` writes a date with its month in words (`WordDate`), or None: no month word, a
    weekday or other words beside it, or no date read (`value`: the date the reader took, else read
    here). `lang` (the sheet's) decides a month word of both languages ("Sept", "mars"). `.full` is None
    when the word is both the month's full and short form ("mars", "mai"): another cell may tell."""
    if value is None:
        try:
            value = parse_date(text)
        except ParseError:
            return None
    if value is None:
        return None
    words = [(m.start(), m.end(), m[0]) for m in _WORD.finditer(text)]
    months = [(a, b, w) for a, b, w in words if _MONTHS.get(fold_key(w.rstrip("."))) == value.month]
    if len(months) != 1 or len(words) != 1:
        return None  # a weekday or a word more ("le", "the"): not written back
    a, b, word = months[0]
    key = fold_key(word.rstrip("."))
    names = {code: [fold_key(w.rstrip(".")) for w in _MONTH_WORDS[code][value.month - 1]] for code in _MONTH_WORDS}
    # the languages the word can be written in: one of its forms, or a short form of its full name ("Sept")
    langs = [code for code, (f, sh) in names.items() if key in (f, sh) or f.startswith(key)]
    if not langs:
        return None
    lang = lang if lang in langs else langs[0]
    f, sh = names[lang]
    full: bool | None = None if f == sh else key == f
    dot = word.endswith(".")
    bare = word.rstrip(".")
    case = "upper" if bare.isupper() and len(bare) > 1 else "title" if bare[:1].isupper() else "lower"
    pieces: list[str] = []
    at = 0
    day_at = year_at = None
    numbers = list(_DIGITS.finditer(text))
    for m in numbers:
        if year_at is None and (len(m[0]) == 4 and int(m[0]) == value.year or
                                len(m[0]) == 2 and int(m[0]) == value.year % 100 and m is numbers[-1]):
            year_at = m
        elif day_at is None and len(m[0]) <= 2 and int(m[0]) == value.day:
            day_at = m
    if day_at is None or year_at is None or len(numbers) != 2:
        return None
    spans = sorted([(day_at.start(), day_at.end(), "\0d"), (a, b, "\0m"), (year_at.start(), year_at.end(), "\0y")])
    for start, end, mark in spans:
        if start < at:
            return None
        pieces += [text[at:start], mark]
        at = end
    pieces.append(text[at:])
    return WordDate(tuple(p for p in pieces if p), lang, full, dot, case,
                    len(day_at[0]) == 2 and day_at[0].startswith("0"), len(year_at[0]))
