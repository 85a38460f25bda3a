"""Cell parsers for messy French/English influencer-prospecting sheets.

Every parser takes one raw cell value (str, int, float, bool, date, datetime or None) and returns the
parsed value, ``None`` for a missing cell (never raises for those), or raises :class:`ParseError` whose
message is short and human, e.g. ``could not read 'beaucoup'``; the caller prefixes the column name.

They are called on millions of cells: the string paths are cached (``functools.lru_cache``) and only
``str`` values ever reach a cache; numbers take fast paths. Cached inner functions return a ``_Bad``
marker instead of raising, so repeated bad values are cheap too.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from operator import index as _index
from typing import SupportsIndex
from urllib.parse import parse_qs, unquote, urlsplit

from influkit.schema import PLATFORM_WORDS
from influkit.text import fold, fold_key

__all__ = [
    "ParseError",
    "canonical_handle",
    "detect_currency",
    "is_missing",
    "parse_channel",
    "parse_count",
    "parse_currency",
    "parse_date",
    "parse_email",
    "parse_money",
    "parse_platform",
    "parse_profile",
    "parse_rate",
    "parse_signed_count",
    "parse_stage",
    "profile_url",
]

_CACHE = 65536


class ParseError(ValueError):
    """A cell could not be read. ``str(exc)`` is a short explanation such as ``could not read 'x'``."""


class _Bad:
    """What a cached inner parser returns instead of raising (exceptions are not cached)."""

    __slots__ = ("msg",)

    def __init__(self, msg: str) -> None:
        self.msg = msg


def _shown(v: object) -> str:
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e16:
        v = int(v)  # an Excel number cell: -3, not -3.0
    t = (v if isinstance(v, str) else str(v)).strip()
    if len(t) > 40:
        t = t[:39] + "…"
    return repr(t)


def _cannot(v: object, why: str = "") -> str:
    msg = f"could not read {_shown(v)}"
    return f"{msg} ({why})" if why else msg


# Odd spaces become plain spaces, typographic apostrophe and minus sign become ASCII, invisibles vanish.
_TRANS = str.maketrans({
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2008": " ", "\u200a": " ",
    "\u205f": " ", "\u3000": " ", "\t": " ", "\u2019": "'", "\u2212": "-", "\u200b": None, "\ufeff": None,
})


def _text_cell(v: object, inner: Callable[[str], str | None | _Bad]) -> str | None:
    """Run a cached text parser on a cell: blanks and NaN are None, non-text and bad text raise."""
    if v is None:
        return None
    if not isinstance(v, str):
        if isinstance(v, float) and v != v:
            return None
        raise ParseError(_cannot(v))
    r = inner(v)
    if isinstance(r, _Bad):
        raise ParseError(r.msg)
    return r


def _clean(s: str) -> str:
    return s.translate(_TRANS).strip()


# --------------------------------------------------------------------------------------------- missing

_MISSING_WORDS = frozenset({
    "", "n/a", "na", "nan", "nan%", "none", "null", "-", "—", "–", "?", "??", "#n/a", "#value!",
    "#div/0!", "n.c.", "nc", "#ref!", "#name?", "#num!", "#null!", "n/d",
})


@lru_cache(maxsize=_CACHE)
def _missing_str(s: str) -> bool:
    return _clean(s).lower() in _MISSING_WORDS


def is_missing(v: object) -> bool:
    """True for None, NaN, blank text and the usual placeholders ("N/A", "-", "#N/A", "nc", ...)."""
    if v is None:
        return True
    if isinstance(v, str):
        return _missing_str(v)
    if isinstance(v, float):
        return v != v
    return False


# --------------------------------------------------------------------------------------------- numbers

# A number: digits, possibly grouped by spaces/apostrophes/dots/commas, then an optional exponent.
_NUM = r"(?P<num>\d(?:[\d.,' ]*\d)?)(?P<exp>[eE][+-]?\d+)?"
_MULT: dict[str, int] = {
    "k": 3, "m": 6, "b": 9, "md": 9, "mds": 9, "mrd": 9, "mrds": 9, "milliard": 9, "milliards": 9,
    "bn": 9, "billion": 9, "billions": 9, "mio": 6, "mios": 6, "million": 6, "millions": 6, "mn": 6,
    "mm": 6, "mille": 3, "milliers": 3, "thousand": 3, "thousands": 3,
}
_SUFFIX = "(?P<suf>" + "|".join(sorted(_MULT, key=len, reverse=True)) + r")(?![^\W\d_])"
_APPROX = r"(?:~|≈|env\.?|environ|approx\.?)?\s*"
# Trailing words ("abonnés", "d'abonnés", "followers"): must be separated from the number by a space.
_WORDS = r"[^\W\d_](?:[^\W\d]|[\s'.\-()])*"
_COUNT_RE = re.compile(
    r"(?P<sign>[-+])?\s*" + _APPROX + _NUM + r"(?:\s*" + _SUFFIX + r")?(?:\s*\+|\s+" + _WORDS + r")?",
    re.IGNORECASE,
)
_SPACE_GROUPED = re.compile(r"\d{1,3}(?:[ ']\d{3})+(?:[.,]\d+)?")
_GROUPED = {".": re.compile(r"\d{1,3}(?:\.\d{3})+"), ",": re.compile(r"\d{1,3}(?:,\d{3})+")}


def _decode(num: str, exp: str | None, has_suffix: bool, grouping: bool) -> Decimal | None:
    """The exact value of a digit string with its separators, or None when the grouping is inconsistent.

    grouping: a single "." or "," followed by exactly 3 digits is a thousands separator ("12,500",
    "1.500"), unless a suffix or exponent follows or the integer part is 0. Otherwise it is a decimal mark.
    """
    if " " in num or "'" in num:
        if exp or not _SPACE_GROUPED.fullmatch(num):
            return None
        d = Decimal(num.replace(" ", "").replace("'", "").replace(",", "."))
    else:
        dots = num.count(".")
        commas = num.count(",")
        if dots and commas:
            dec = "." if num.rfind(".") > num.rfind(",") else ","
            if exp or num.count(dec) != 1:
                return None
            ip, fp = num.split(dec)
            if not _GROUPED["," if dec == "." else "."].fullmatch(ip):
                return None
            d = Decimal(ip.replace(",", "").replace(".", "") + "." + fp)
        elif dots + commas == 0:
            d = Decimal(num)
        elif dots + commas > 1:
            sep = "." if dots else ","
            if exp or not _GROUPED[sep].fullmatch(num):
                return None
            d = Decimal(num.replace(sep, ""))
        else:
            ip, fp = num.split("." if dots else ",")
            if grouping and not has_suffix and not exp and len(fp) == 3 and len(ip) <= 3 and ip[0] != "0":
                d = Decimal(ip + fp)
            else:
                d = Decimal(ip + "." + fp)
    if exp:
        d = d.scaleb(int(exp[1:]))
    return d


def _half_up(d: Decimal) -> int:
    return int(d.to_integral_value(rounding=ROUND_HALF_UP))


@lru_cache(maxsize=_CACHE)
def _count_str(s: str, signed: bool) -> int | None | _Bad:
    t = _clean(s)
    if t.lower() in _MISSING_WORDS:
        return None
    if t.isascii() and t.isdigit():
        return int(t)
    m = _COUNT_RE.fullmatch(t)
    if m is None:
        return _Bad(_cannot(s))
    suf = m["suf"]
    try:
        d = _decode(m["num"], m["exp"], suf is not None, grouping=True)
    except (InvalidOperation, ValueError):
        d = None
    if d is None:
        return _Bad(_cannot(s))
    if suf:
        d = d.scaleb(_MULT[suf.lower()])
    n = _half_up(d)
    if m["sign"] == "-" and n:
        if not signed:
            return _Bad(_cannot(s, "negative count"))
        n = -n
    return n


# Larger than any real count (the biggest in the datasets: 2.28E+11 total views) and small enough
# for SQLite's 64-bit integers and float arithmetic: beyond it a cell is "out of range", not a number.
MAX_COUNT = 10**15


def _count(v: object, signed: bool) -> int | None:
    # fast paths: the number cells of a spreadsheet
    if isinstance(v, float):
        if 0 <= v <= MAX_COUNT and v.is_integer():
            return int(v)
    elif isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= MAX_COUNT:
        return v
    n = _count_any(v, signed)
    if n is not None and abs(n) > MAX_COUNT:
        raise ParseError(_cannot(v, "out of range"))
    return n


def _count_any(v: object, signed: bool) -> int | None:
    if isinstance(v, str):
        r = _count_str(v, signed)
        if isinstance(r, _Bad):
            raise ParseError(r.msg)
        return r
    if v is None:
        return None
    if isinstance(v, bool):
        raise ParseError(_cannot(v))
    if isinstance(v, int):
        if v < 0 and not signed:
            raise ParseError(_cannot(v, "negative count"))
        return int(v)
    if isinstance(v, float):
        if v != v:
            return None
        if math.isinf(v):
            raise ParseError(_cannot(v))
        if v < 0 and not signed:
            raise ParseError(_cannot(v, "negative count"))
        if v.is_integer():
            return int(v)
        return _half_up(Decimal(repr(v)))
    if isinstance(v, Decimal):
        if v.is_nan():
            return None
        if not v.is_finite() or (v < 0 and not signed):
            raise ParseError(_cannot(v))
        return _half_up(v)
    if isinstance(v, SupportsIndex):  # numpy integers
        return _count_any(_index(v), signed)
    raise ParseError(_cannot(v))


def parse_count(v: object) -> int | None:
    """A non-negative count: "12 500", "12,5 k", "1.2M", "475.8m", "2.28E+11", "15k abonnés" -> int.

    Exact (decimal arithmetic), rounded half away from zero ("199.5" -> 200). Negative values raise.
    """
    return _count(v, False)


def parse_signed_count(v: object) -> int | None:
    """Like :func:`parse_count` but allows a sign, for follower gains: "-102", "+1,586", "−5"."""
    return _count(v, True)


# ----------------------------------------------------------------------------------------------- rates

_RATE_RE = re.compile(
    r"(?P<sign>[-+])?\s*" + _APPROX + _NUM + r"\s*(?P<pct>%|pct|pour\s?cent|percent)?", re.IGNORECASE
)


def _sig12(x: float) -> float:
    return float(f"{x:.12g}")


def _rate_value(x: float, explicit_pct: bool, raw: object) -> float | _Bad:
    if x < 0:
        return _Bad(_cannot(raw, "negative rate"))
    if explicit_pct:
        return _sig12(x / 100)
    if x <= 1:
        return _sig12(x)
    if x <= 100:
        return _sig12(x / 100)
    return _Bad(_cannot(raw, "a rate over 100%"))


@lru_cache(maxsize=_CACHE)
def _rate_str(s: str) -> float | None | _Bad:
    t = _clean(s)
    if t.lower() in _MISSING_WORDS:
        return None
    m = _RATE_RE.fullmatch(t)
    if m is None:
        return _Bad(_cannot(s))
    try:
        d = _decode(m["num"], m["exp"], False, grouping=False)
    except (InvalidOperation, ValueError):
        d = None
    if d is None:
        return _Bad(_cannot(s))
    if m["sign"] == "-" and d:
        return _Bad(_cannot(s, "negative rate"))
    pct = m["pct"] is not None
    if pct:
        return _sig12(float(d / 100))
    return _rate_value(float(d), False, s)


def parse_rate(v: object) -> float | None:
    """A fraction: "3,4 %" -> 0.034, 0.034 -> 0.034, 3.4 -> 0.034 (1 < x <= 100 is a percentage).

    Without "%", a value over 100 raises; "250%" -> 2.5 is allowed. Rounded to 12 significant digits.
    """
    if isinstance(v, str):
        r = _rate_str(v)
    elif v is None:
        return None
    elif isinstance(v, bool):
        raise ParseError(_cannot(v))
    elif isinstance(v, int | float | Decimal):
        x = float(v)
        if x != x:
            return None
        if math.isinf(x):
            raise ParseError(_cannot(v))
        r = _rate_value(x, False, v)
    else:
        raise ParseError(_cannot(v))
    if isinstance(r, _Bad):
        raise ParseError(r.msg)
    return r


# ----------------------------------------------------------------------------------------------- money

_CURRENCY_WORDS: dict[str, str] = {
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "e": "EUR",
    "$": "USD", "usd": "USD", "us$": "USD", "$us": "USD", "$ us": "USD", "us dollar": "USD",
    "us dollars": "USD", "dollar": "USD", "dollars": "USD", "dollar us": "USD", "dollars us": "USD",
    "dollar americain": "USD", "dollars americains": "USD",
    "£": "GBP", "gbp": "GBP", "livre": "GBP", "livres": "GBP", "livre sterling": "GBP",
    "livres sterling": "GBP", "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
    "chf": "CHF", "franc suisse": "CHF", "francs suisses": "CHF", "fr.": "CHF", "sfr": "CHF",
    "cad": "CAD", "$ca": "CAD", "ca$": "CAD", "c$": "CAD", "cad$": "CAD", "$ can": "CAD", "$can": "CAD",
    "dollar canadien": "CAD", "dollars canadiens": "CAD",
    "¥": "JPY", "yen": "JPY", "yens": "JPY", "jpy": "JPY", "aud": "AUD", "a$": "AUD",
}
# Tokens recognised inside a money cell (a subset: no bare "e" or "fr.").
_MONEY_TOKENS: dict[str, str] = {
    k: c for k, c in _CURRENCY_WORDS.items() if " " not in k and k not in ("e", "fr.", "sterling")
}
_MONEY_TOKENS.update({c.lower(): c for c in (
    "EUR", "USD", "GBP", "CHF", "CAD", "AUD", "JPY", "CNY", "SEK", "NOK", "DKK", "PLN", "MAD", "XOF",
    "AED", "SAR", "INR", "BRL", "MXN",
)})


def _token_re(tok: str) -> str:
    p = re.escape(tok)
    if tok[0].isalpha():
        p = r"(?<![^\W\d_])" + p
    if tok[-1].isalpha():
        p += r"(?![^\W\d_])"
    return p


_CUR = "(?:" + "|".join(_token_re(t) for t in sorted(_MONEY_TOKENS, key=len, reverse=True)) + ")"
_CUR_SEARCH = re.compile(_CUR, re.IGNORECASE)
_MONEY_RE = re.compile(
    r"(?P<sign>[-+])?\s*(?P<pre>" + _CUR + r")?\s*(?P<sign2>[-+])?\s*" + _APPROX + _NUM
    + r"(?:\s*" + _SUFFIX + r")?\s*(?P<post>" + _CUR + r")?(?:\s*[(/,:\-–]?\s*" + r"[^\W\d_][^\d]*)?",
    re.IGNORECASE,
)
_FREE_RE = re.compile(
    r"\b(?:gratuit|gratuite|gratuits|gratuitement|free|gifting|gifted|gift|cadeau|cadeaux|echange|echanges"
    r"|offert|offerte|offerts|offertes|produit offert|produits offerts|troc|barter|dotation|en nature"
    r"|product only|produit seul)\b"
)


@lru_cache(maxsize=_CACHE)
def _money_str(s: str) -> float | None | _Bad:
    t = _clean(s)
    if t.lower() in _MISSING_WORDS:
        return None
    m = _MONEY_RE.fullmatch(t)
    if m is None:
        if not any(ch.isdigit() for ch in t) and _FREE_RE.search(fold_key(t)):
            return 0.0
        return _Bad(_cannot(s))
    try:
        d = _decode(m["num"], m["exp"], m["suf"] is not None, grouping=True)
    except (InvalidOperation, ValueError):
        d = None
    if d is None:
        return _Bad(_cannot(s))
    if m["suf"]:
        d = d.scaleb(_MULT[m["suf"].lower()])
    if "-" in (m["sign"], m["sign2"]) and d:
        return _Bad(_cannot(s, "negative amount"))
    return float(d)


def parse_money(v: object) -> float | None:
    """An amount: "1 200 €" -> 1200.0, "€1,200.50", "1,5 k€" -> 1500.0; "gratuit"/"gifting" -> 0.0."""
    x = _money_any(v)
    if x is not None and (math.isinf(x) or x > MAX_COUNT):
        raise ParseError(_cannot(v, "out of range"))
    return x


def _money_any(v: object) -> float | None:
    if isinstance(v, str):
        r = _money_str(v)
        if isinstance(r, _Bad):
            raise ParseError(r.msg)
        return r
    if v is None:
        return None
    if isinstance(v, bool):
        raise ParseError(_cannot(v))
    if isinstance(v, int | float | Decimal):
        x = float(v)
        if x != x:
            return None
        if math.isinf(x):
            raise ParseError(_cannot(v))
        if x < 0:
            raise ParseError(_cannot(v, "negative amount"))
        return x
    raise ParseError(_cannot(v))


@lru_cache(maxsize=_CACHE)
def _detect_currency_str(s: str) -> str | None:
    m = _CUR_SEARCH.search(_clean(s))
    return _MONEY_TOKENS[m.group(0).lower()] if m else None


def detect_currency(v: object) -> str | None:
    """ISO code of the currency written in a money cell ("1 200 €" -> "EUR", "CHF 400"), else None.

    Never raises.
    """
    return _detect_currency_str(v) if isinstance(v, str) else None


_ISO3 = re.compile(r"[a-z]{3}")


@lru_cache(maxsize=_CACHE)
def _currency_str(s: str) -> str | None | _Bad:
    if _missing_str(s):
        return None
    key = fold(_clean(s))
    code = _CURRENCY_WORDS.get(key) or _CURRENCY_WORDS.get(key.rstrip("."))
    if code:
        return code
    if _ISO3.fullmatch(key):
        return key.upper()
    return _Bad(_cannot(s))


def parse_currency(v: object) -> str | None:
    """ISO code: "€"/"euros" -> "EUR", "$" -> "USD", "£" -> "GBP", "$CA" -> "CAD"; any 3 letters upper-cased."""
    return _text_cell(v, _currency_str)


# ----------------------------------------------------------------------------------------------- dates

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
_DATE_NOISE = frozenset({
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "le", "the", "of", "de", "du", "er", "st",
    "nd", "rd", "th", "on",
})
_DATE_TOKENS = re.compile(r"\d+|[a-z]+")


def _year(y: str) -> int:
    n = int(y)
    return n + 2000 if len(y) == 2 else n


def _mkdate(y: int, m: int, d: int) -> _dt.date | None:
    if not 1900 <= y <= 2100:
        return None
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _serial(x: float) -> _dt.date | None:
    if 20000 <= x <= 80000:
        return _EXCEL_EPOCH + _dt.timedelta(days=int(x))
    return None


def _date_text(t: str) -> _dt.date | None:
    m = _ISO_RE.fullmatch(t)
    if m:
        return _mkdate(int(m[1]), int(m[3]), int(m[4]))
    m = _DMY_RE.fullmatch(t)
    if m:
        a, b, y = int(m[1]), int(m[3]), _year(m[4])
        if b > 12 and a <= 12:  # month first, unambiguous
            return _mkdate(y, a, b)
        return _mkdate(y, b, a)  # day first (French sheets)
    m = _COMPACT_RE.fullmatch(t)
    if m:
        return _mkdate(int(m[1]), int(m[2]), int(m[3]))
    if _SERIAL_RE.fullmatch(t):
        return _serial(float(t.replace(",", ".")))
    toks = [w for w in _DATE_TOKENS.findall(fold_key(t)) if w not in _DATE_NOISE]
    if len(toks) != 3:
        return None
    if toks[1] in _MONTHS and toks[0].isdigit() and toks[2].isdigit():
        day, month, y = toks[0], _MONTHS[toks[1]], toks[2]
    elif toks[0] in _MONTHS and toks[1].isdigit() and toks[2].isdigit():
        day, month, y = toks[1], _MONTHS[toks[0]], toks[2]
    else:
        return None
    if len(y) not in (2, 4) or len(day) > 2:
        return None
    return _mkdate(_year(y), month, int(day))


@lru_cache(maxsize=_CACHE)
def _date_str(s: str) -> _dt.date | None | _Bad:
    t = _clean(s)
    if t.lower() in _MISSING_WORDS:
        return None
    d = _date_text(t)
    return d if d is not None else _Bad(_cannot(s))


def parse_date(v: object) -> _dt.date | None:
    """A date: date/datetime cells, ISO text, dd/mm/yyyy (day first; month first only when the second
    number is over 12), dd/mm/yy, French or English month names, Excel serial numbers (20000..80000)."""
    if isinstance(v, str):
        r = _date_str(v)
        if isinstance(r, _Bad):
            raise ParseError(r.msg)
        return r
    if v is None:
        return None
    if isinstance(v, _dt.datetime):
        return v.date()
    if isinstance(v, _dt.date):
        return v
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


# -------------------------------------------------------------------------------------------- profiles

Profile = tuple[str | None, str | None, str | None]

_HOSTS: dict[str, str] = {
    "instagram.com": "instagram", "instagr.am": "instagram", "tiktok.com": "tiktok", "youtube.com": "youtube",
    "youtu.be": "youtube", "x.com": "x", "twitter.com": "x", "twitch.tv": "twitch",
    "facebook.com": "facebook", "fb.com": "facebook", "fb.me": "facebook", "linkedin.com": "linkedin",
    "snapchat.com": "snapchat", "pinterest.com": "pinterest", "pin.it": "pinterest",
    "threads.net": "threads", "threads.com": "threads",
}
_PINTEREST_HOST = re.compile(r"(?:.+\.)?pinterest\.[a-z]{2,3}(?:\.[a-z]{2})?")
# Bare words with one of these endings are taken as web sites ("monblog.fr"), others as handles.
_WEB_TLDS = frozenset({
    "com", "fr", "net", "org", "io", "co", "be", "ch", "ca", "de", "uk", "es", "it", "eu", "info", "tv",
    "me", "blog", "shop", "store", "app", "dev", "xyz", "site", "online", "fm", "ly", "lu", "nl", "pt",
    "us", "ee", "gl", "am",
})
_SCHEME_RE = re.compile(r"([a-z][a-z0-9+.\-]*)://", re.IGNORECASE)
_DOMAIN_RE = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+([a-z]{2,})(?::\d+)?(?P<rest>[/?#].*)?", re.IGNORECASE
)
_AT_HANDLE_RE = re.compile(r"@\s*([\w.\-]+)/?")
_HANDLEISH_RE = re.compile(r"[\w.\-]+/?")

_IG_HANDLE = re.compile(r"[A-Za-z0-9._]{1,30}")
_TT_HANDLE = re.compile(r"[A-Za-z0-9._]{1,24}")
_YT_HANDLE = re.compile(r"[\w.\-·]{1,100}")
_YT_CHANNEL = re.compile(r"[\w\-]{2,64}")
_X_HANDLE = re.compile(r"[A-Za-z0-9_]{1,50}")
_TWITCH_HANDLE = re.compile(r"[A-Za-z0-9_]{1,25}")
_FB_HANDLE = re.compile(r"[\w.\-]{1,100}")
_LI_HANDLE = re.compile(r"[\w.\-%]{1,100}")
_SNAP_HANDLE = re.compile(r"[A-Za-z0-9._\-]{1,30}")
_PIN_HANDLE = re.compile(r"[\w.\-]{1,60}")

_IG_RESERVED = frozenset({
    "p", "reel", "reels", "tv", "explore", "stories", "accounts", "direct", "about", "legal", "developer",
    "web", "challenge", "s", "tags", "locations", "directory", "privacy", "terms", "graphql", "api",
    "static", "oauth", "ar", "emails", "session", "help",
})
_YT_RESERVED = frozenset({
    "watch", "shorts", "embed", "playlist", "results", "feed", "live", "v", "redirect", "premium", "music",
    "gaming", "account", "t", "hashtag", "post", "attribution_link", "signin", "logout", "kids", "about",
    "howyoutubeworks", "creators", "ads", "channel", "c", "user", "e", "sw.js",
})
_X_RESERVED = frozenset({
    "home", "i", "intent", "search", "hashtag", "explore", "notifications", "messages", "settings", "share",
    "compose", "login", "signup", "tos", "privacy", "about", "jobs", "download", "logout", "account",
})
_TWITCH_RESERVED = frozenset({
    "videos", "directory", "p", "settings", "downloads", "jobs", "search", "subscriptions", "inventory",
    "wallet", "drops", "turbo", "prime", "store", "login", "signup", "friends", "messages", "payments",
})
_FB_RESERVED = frozenset({
    "groups", "events", "watch", "photo.php", "photo", "photos", "story.php", "permalink.php", "sharer",
    "sharer.php", "share", "share.php", "login", "login.php", "marketplace", "gaming", "reel", "reels",
    "videos", "hashtag", "help", "policies", "privacy", "settings", "home.php", "dialog", "plugins", "l.php",
    "profile.php", "pages", "pg", "people", "notes", "media", "stories", "live", "search", "business",
})
_PIN_RESERVED = frozenset({
    "pin", "search", "ideas", "today", "explore", "_", "business", "categories", "login", "settings",
    "topics", "news_hub", "discover",
})


def canonical_handle(platform: str | None, handle: str) -> str:
    """Strip spaces, a leading "@" and a trailing "/", and lower-case — except a YouTube channel id
    ("UC" + 22 characters), which is case-sensitive."""
    h = handle.strip()
    if h.startswith("@"):
        h = h[1:]
    h = h.rstrip("/").strip()
    if platform == "youtube" and len(h) == 24 and h.startswith("UC"):
        return h
    return h.lower()


def profile_url(platform: str | None, handle: str | None) -> str | None:
    """Canonical profile URL for a known platform and handle; None for blogs and unknown platforms."""
    if not platform or not handle:
        return None
    h = canonical_handle(platform, handle)
    if not h:
        return None
    if platform == "instagram":
        return f"https://www.instagram.com/{h}/"
    if platform == "tiktok":
        return f"https://www.tiktok.com/@{h}"
    if platform == "youtube":
        if len(h) == 24 and h.startswith("UC"):
            return f"https://www.youtube.com/channel/{h}"
        return f"https://www.youtube.com/@{h}"
    if platform == "x":
        return f"https://x.com/{h}"
    if platform == "twitch":
        return f"https://www.twitch.tv/{h}"
    if platform == "facebook":
        if h.isdigit():
            return f"https://www.facebook.com/profile.php?id={h}"
        return f"https://www.facebook.com/{h}"
    if platform == "linkedin":
        return f"https://www.linkedin.com/in/{h}"
    if platform == "threads":
        return f"https://www.threads.net/@{h}"
    if platform == "pinterest":
        return f"https://www.pinterest.com/{h}/"
    if platform == "snapchat":
        return f"https://www.snapchat.com/add/{h}"
    return None


def _platform_of_host(host: str) -> str | None:
    for base, plat in _HOSTS.items():
        if host == base or host.endswith("." + base):
            return plat
    if _PINTEREST_HOST.fullmatch(host):
        return "pinterest"
    return None


def _known(platform: str, handle: str | None, rx: re.Pattern[str]) -> Profile | None:
    if handle and rx.fullmatch(handle):
        h = canonical_handle(platform, handle)
        return platform, h, profile_url(platform, h)
    return None


def _profile_from_url(url: str) -> Profile:
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return None, None, None
    if not host or "." not in host and host != "localhost":
        return None, None, None
    segs = [unquote(p) for p in parts.path.split("/") if p]
    s0 = segs[0] if segs else ""
    s1 = segs[1] if len(segs) > 1 else ""
    low0 = s0.lower()
    plat = _platform_of_host(host)
    found: Profile | None = None
    if plat is None:
        return "blog", host.removeprefix("www."), url
    if plat == "instagram":
        if low0 == "_u":
            s0, s1, low0 = s1, "", s1.lower()
        if low0 == "stories" and s1 and s1.lower() != "highlights":
            found = _known(plat, s1, _IG_HANDLE)
        elif low0 not in _IG_RESERVED:
            found = _known(plat, s0, _IG_HANDLE)
    elif plat == "tiktok":
        if s0.startswith("@") and host not in ("vm.tiktok.com", "vt.tiktok.com"):
            found = _known(plat, s0[1:], _TT_HANDLE)
    elif plat == "youtube":
        if host.endswith("youtu.be"):
            pass
        elif s0.startswith("@"):
            found = _known(plat, s0[1:], _YT_HANDLE)
        elif low0 == "channel" and _YT_CHANNEL.fullmatch(s1):
            found = plat, s1, f"https://www.youtube.com/channel/{s1}"
        elif low0 in ("c", "user") and _YT_HANDLE.fullmatch(s1):
            found = plat, s1.lower(), f"https://www.youtube.com/{low0}/{s1}"
        elif s0 and low0 not in _YT_RESERVED and _YT_HANDLE.fullmatch(s0):
            found = plat, s0.lower(), f"https://www.youtube.com/{s0}"
    elif plat == "x":
        if not segs and parts.fragment.startswith("!/"):  # twitter.com/#!/name
            s0 = parts.fragment[2:].split("/")[0]
            low0 = s0.lower()
        if low0 not in _X_RESERVED:
            found = _known(plat, s0, _X_HANDLE)
    elif plat == "twitch":
        if not host.startswith("clips.") and low0 not in _TWITCH_RESERVED:
            found = _known(plat, s0, _TWITCH_HANDLE)
    elif plat == "facebook":
        if low0 == "profile.php":
            ids = parse_qs(parts.query).get("id")
            if ids and ids[0].isdigit():
                found = plat, ids[0], profile_url(plat, ids[0])
        elif low0 == "pg" and s1:
            found = _known(plat, s1, _FB_HANDLE)
        elif low0 in ("pages", "people"):
            ids = [x for x in segs[1:] if x.isdigit()]
            if ids:
                found = plat, ids[-1], profile_url(plat, ids[-1])
        elif s0 and low0 not in _FB_RESERVED:
            found = _known(plat, s0, _FB_HANDLE)
    elif plat == "linkedin":
        if low0 in ("in", "pub") and s1:
            found = _known(plat, s1, _LI_HANDLE)
    elif plat == "snapchat":
        if low0 == "add" and s1:
            found = _known(plat, s1, _SNAP_HANDLE)
        elif s0.startswith("@"):
            found = _known(plat, s0[1:], _SNAP_HANDLE)
    elif plat == "pinterest":
        if host != "pin.it" and s0 and low0 not in _PIN_RESERVED:
            found = _known(plat, s0, _PIN_HANDLE)
    elif plat == "threads" and s0.startswith("@"):
        found = _known(plat, s0[1:], _IG_HANDLE)
    return found or (plat, None, url)


# The commonest link shapes, answered without urlsplit (same results as _profile_from_url).
_FAST_PROFILE = re.compile(
    r"https?://(?:www\.)?(?:instagram\.com/(?P<ig>[A-Za-z0-9._]+)|tiktok\.com/@(?P<tt>[A-Za-z0-9._]+)"
    r"|youtube\.com/@(?P<yt>[A-Za-z0-9._-]+))/?"
)


_SPACE_RE = re.compile(r"\s")


def _fast_profile(t: str) -> Profile | None:
    m = _FAST_PROFILE.fullmatch(t)
    if m is None:
        return None
    if m["ig"] is not None:
        if m["ig"].lower() in _IG_RESERVED or m["ig"].lower() == "_u":
            return None
        return _known("instagram", m["ig"], _IG_HANDLE)
    if m["tt"] is not None:
        return _known("tiktok", m["tt"], _TT_HANDLE)
    return _known("youtube", m["yt"], _YT_HANDLE)


@lru_cache(maxsize=_CACHE)
def _profile_str(s: str) -> Profile:
    fast = _fast_profile(s)
    if fast is not None:
        return fast
    t = _clean(s).strip("<>\"'").strip()
    if t.lower() in _MISSING_WORDS:
        return None, None, None
    m = _AT_HANDLE_RE.fullmatch(t)
    if m:
        return None, m[1], None
    sch = _SCHEME_RE.match(t)
    if sch:
        if sch[1].lower() not in ("http", "https") or _SPACE_RE.search(t):
            return None, None, None
        return _profile_from_url(t)
    if _SPACE_RE.search(t):
        return None, None, None
    dm = _DOMAIN_RE.fullmatch(t)
    if dm and (
        dm["rest"] or t.lower().startswith("www.") or dm[1].lower() in _WEB_TLDS
        or _platform_of_host(t.lower().split(":")[0]) is not None
    ):
        return _profile_from_url("https://" + t)
    if "@" not in t and _HANDLEISH_RE.fullmatch(t):
        return None, t.rstrip("/"), None
    return None, None, None


def parse_profile(v: object) -> Profile:
    """(platform, handle, canonical_url) from a profile link, "@handle", bare handle or web site.

    Handles from links are canonical (lower-cased, except YouTube channel ids); "@Name" and bare words
    give (None, "Name", None) with case kept. Text that is none of these gives (None, None, None).
    Never raises.
    """
    if v is None:
        return None, None, None
    if not isinstance(v, str):
        if isinstance(v, float) and v != v:
            return None, None, None
        v = str(v)
    return _profile_str(v)


# ------------------------------------------------------------------------------------------- platforms

_PLATFORM_EXTRA: dict[str, str] = {
    "instagramm": "instagram", "instagram reels": "instagram", "ig reels": "instagram", "reels": "instagram",
    "ytb": "youtube", "youtube shorts": "youtube", "yt shorts": "youtube", "shorts": "youtube",
    "tik tok": "tiktok", "tiktok shop": "tiktok", "x twitter": "x", "twitter x": "x",
    "site": "blog", "site web": "blog", "siteweb": "blog", "website": "blog", "web": "blog",
    "blogue": "blog", "blogs": "blog", "web site": "blog", "site internet": "blog",
    "linked in": "linkedin", "thread": "threads", "snap chat": "snapchat", "face book": "facebook",
}
_PLATFORMS: dict[str, str] = {**PLATFORM_WORDS, **_PLATFORM_EXTRA}
_PLATFORM_MODIFIERS = frozenset({
    "reel", "reels", "story", "stories", "post", "posts", "short", "shorts", "live", "lives", "video",
    "videos", "account", "compte", "page", "profil", "profile", "channel", "chaine", "feed", "carousel",
    "carrousel", "ex", "de", "la", "le", "du", "sur", "on", "via", "ugc",
})


@lru_cache(maxsize=_CACHE)
def _platform_str(s: str) -> str | None | _Bad:
    if _missing_str(s):
        return None
    key = fold_key(s)
    hit = _PLATFORMS.get(key)
    if hit:
        return hit
    toks = [w for w in key.split() if w not in _PLATFORM_MODIFIERS]
    found: set[str] = set()
    i = 0
    while i < len(toks):
        pair = " ".join(toks[i:i + 2]) if i + 1 < len(toks) else ""
        if pair and pair in _PLATFORMS:
            found.add(_PLATFORMS[pair])
            i += 2
        elif toks[i] in _PLATFORMS:
            found.add(_PLATFORMS[toks[i]])
            i += 1
        else:
            found = set()
            break
    if len(found) == 1:
        return found.pop()
    if "." in s or "/" in s:
        plat = _profile_str(s)[0]
        if plat:
            return plat
    return _Bad(_cannot(s))


def parse_platform(v: object) -> str | None:
    """Canonical platform name from "IG", "Insta", "Instagram Reels", "YT", "Tik Tok", "Twitter", "Site"..."""
    return _text_cell(v, _platform_str)


# ---------------------------------------------------------------------------------------------- stages


def _words(*alts: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alts) + r")\b")


# Lost stages are tested first (negations: "pas de réponse", "pas intéressé", "non signé").
_LOST_STAGE_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("no_reply", _words(
        r"pas de reponses?", r"sans reponses?", r"aucune reponses?", r"pas de retours?", r"sans retours?",
        r"aucun retour", r"jamais repondu", r"pas repondu", r"non repondu", r"ne repond pas", r"repond pas",
        r"nrp", r"ghost", r"ghoste", r"ghostee?s?", r"ghosted", r"ghosting", r"no reply", r"no replies",
        r"no response", r"no answer", r"not responded", r"never replied", r"never responded",
        r"unresponsive", r"injoignable", r"silence radio",
    )),
    ("declined", _words(
        r"refus", r"refusee?s?", r"refused", r"declinee?s?", r"declined", r"pas interessee?s?",
        r"non interessee?s?", r"not interested", r"rejetee?s?", r"rejected", r"reject", r"lost", r"perdue?s?",
        r"non signee?", r"pas signee?", r"not signed", r"annulee?s?", r"cancell?ed", r"abandonnee?s?",
        r"abandon", r"abandoned", r"dropped", r"sans suite", r"reponse negative", r"negatif", r"negative",
        r"no go", r"nogo", r"ko", r"trop cher", r"too expensive", r"pas dispo", r"pas disponible",
        r"indisponible", r"unavailable", r"blacklistee?", r"blacklisted", r"non retenue?s?",
        r"pas retenue?s?", r"not selected", r"no deal", r"declines?",
    )),
)
# Positive stages: the furthest one mentioned wins ("Relancé, a répondu" -> replied).
_STAGE_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("published", _words(
        r"publiee?s?", r"publication faite", r"en ligne", r"mise? en ligne", r"postee?s?", r"published",
        r"posted", r"live", r"is live", r"done", r"terminee?s?", r"finie?s?", r"finished", r"completed?",
        r"diffusee?s?", r"realisee?s?",
    )),
    ("deal", _words(
        r"signee?s?", r"deal", r"deal ok", r"acceptee?s?", r"accepted", r"validee?s?", r"validated",
        r"signed", r"won", r"gagnee?", r"booked?", r"bookee?", r"confirmed", r"confirmee?s?", r"brief envoye",
        r"produits? envoyes?", r"colis envoye", r"planifiee?", r"scheduled",
    )),
    ("negotiating", _words(
        r"negos?", r"negociations?", r"negocie", r"negociating", r"negotiating", r"negotiations?",
        r"en discussions?", r"discussions?", r"discute", r"discussing", r"devis", r"devis recu",
        r"contre proposition", r"proposition recue", r"in talks", r"talks", r"tarifs? recus?",
        r"media kit recu", r"kit media recu", r"rate card", r"pricing", r"contrat envoye",
        r"in negotiation",
    )),
    ("replied", _words(
        r"a repondu", r"repondu", r"reponse", r"reponse recue", r"reponse positive", r"repond",
        r"interessee?s?", r"interessant", r"interested", r"replied", r"reply", r"responded", r"response",
        r"answered", r"retour", r"retour positif", r"retour recu", r"positif", r"positive",
    )),
    ("contacted", _words(
        r"contactee?s?", r"contacted", r"relancee?s?", r"relancer", r"relance \d", r"dm envoye",
        r"mail envoye", r"email envoye", r"message envoye", r"mp envoye", r"envoyee?s?", r"sent",
        r"dm sent", r"email sent", r"followed up", r"follow up", r"followup", r"reached out", r"reach out",
        r"en attente", r"attente", r"waiting", r"pending", r"awaiting", r"outreach", r"approchee?s?",
        r"premier contact", r"1er contact", r"prise de contact", r"contact pris", r"in contact",
        r"en contact",
    )),
    ("identified", _words(
        r"reperee?s?", r"a contacter", r"identifiee?s?", r"identified", r"prospects?", r"shortlist",
        r"shortlistee?s?", r"short list", r"shortlisted", r"to contact", r"new", r"nouveau", r"nouvelle",
        r"leads?", r"todo", r"to do", r"a faire", r"idee", r"backlog", r"found", r"sourced", r"sourcing",
        r"target", r"ciblee?s?", r"a approcher", r"a prospecter", r"potentiel", r"potential", r"watchlist",
    )),
)
# "en attente de réponse" means contacted, not replied.
_WAITING_RE = re.compile(
    r"\b(?:(?:en )?attente (?:d |de )?(?:la |sa |une )?(?:reponse|retour)s?"
    r"|(?:waiting for|awaiting|pending)(?: an?| their)? (?:reply|response|answer)s?)\b"
)


@lru_cache(maxsize=_CACHE)
def _stage_str(s: str) -> str | None | _Bad:
    if _missing_str(s):
        return None
    key = fold_key(s)
    for stage, rx in _LOST_STAGE_RES:
        if rx.search(key):
            return stage
    key = _WAITING_RE.sub(" attente ", key)
    for stage, rx in _STAGE_RES:
        if rx.search(key):
            return stage
    return _Bad(_cannot(s))


def parse_stage(v: object) -> str | None:
    """Funnel stage from French/English status text, by keyword ("Contacté par DM le 3/4" -> contacted)."""
    return _text_cell(v, _stage_str)


# -------------------------------------------------------------------------------------------- channels

# Tested in this order: "mail à l'agence" -> agent, "DM puis mail" -> email.
_CHANNEL_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("agent", _words(
        r"agents?", r"agences?", r"agency", r"agencies", r"managers?", r"talent manager", r"management",
        r"mgmt", r"booker", r"regie",
    )),
    ("email", _words(r"e ?mails?", r"mails?", r"courriels?", r"gmail", r"outlook")),
    ("dm", _words(
        r"dms?", r"mps?", r"messages? prives?", r"private messages?", r"pm", r"direct", r"direct messages?",
        r"inbox", r"messagerie", r"messages?", r"instagram", r"insta", r"ig", r"tiktok", r"linkedin",
    )),
    ("phone", _words(
        r"telephone", r"tel", r"phone", r"appels?", r"call", r"called", r"appelee?", r"sms", r"whatsapp",
        r"texto", r"visio",
    )),
    ("form", _words(
        r"formulaires?", r"forms?", r"site", r"site web", r"website", r"contact form", r"typeform",
    )),
    ("other", _words(r"autres?", r"other", r"evenement", r"event", r"salon", r"irl", r"en personne",
                     r"in person")),
)


@lru_cache(maxsize=_CACHE)
def _channel_str(s: str) -> str | None | _Bad:
    if _missing_str(s):
        return None
    key = fold_key(s)
    for channel, rx in _CHANNEL_RES:
        if rx.search(key):
            return channel
    return _Bad(_cannot(s))


def parse_channel(v: object) -> str | None:
    """Outreach channel: dm, email, agent, phone, form or other ("Instagram DM" -> dm, "agence" -> agent)."""
    return _text_cell(v, _channel_str)


# ---------------------------------------------------------------------------------------------- emails

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-]+"
_EMAIL_RE = re.compile(
    r"(?<![\w.+\-])(" + _ATOM + r"(?:\." + _ATOM + r")*)@"
    r"((?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63})(?![\w\-])"
)


@lru_cache(maxsize=_CACHE)
def _email_str(s: str) -> str | None | _Bad:
    t = _clean(s)
    if t.lower() in _MISSING_WORDS:
        return None
    m = _EMAIL_RE.search(t)  # the first address of "a@x.fr; b@y.fr", inside "Léa <a@x.fr>", "mailto:a@x.fr"
    if m is None:
        return _Bad(_cannot(s))
    return f"{m[1]}@{m[2].lower()}"


def parse_email(v: object) -> str | None:
    """First e-mail address in the cell, domain lower-cased; "mailto:" and display names are dropped."""
    return _text_cell(v, _email_str)
