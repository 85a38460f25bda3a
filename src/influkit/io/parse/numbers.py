"""Numbers and money: counts ("12,5 k", "1M2", "10K-15K"), rates ("3,4 %"), prices with their currency,
range, deliverable and tax ("300-500 € HT / 3 stories"), currencies."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from operator import index as _index
from typing import SupportsIndex

from ...text import fold, fold_key
from ...thresholds.reading import COUNT_RANGE_POINT, MAX_COUNT, MAX_EXPONENT, MAX_NUMBER_CHARS, MAX_RATE
from ._base import _CACHE, _MISSING_WORDS, ParseError, _Bad, _cannot, _clean, _missing_str, _shown, _text_cell
from .iso4217 import ISO_4217

__all__ = [
    "CURRENCIES", "MAX_COUNT", "Price", "amount_currency", "currency_code", "detect_currency", "parse_count", "parse_count_noted", "parse_currency",
    "decimal_mark",
    "parse_decimal",
    "parse_money", "parse_price", "parse_rate", "parse_signed_count",
]

# --------------------------------------------------------------------------------------------- numbers

# A number: digits, possibly grouped by spaces/apostrophes/dots/commas, then an optional exponent.
_NUM = r"(?P<num>\d(?:[\d.,' ]*\d)?)(?P<exp>[eE][+-]?\d+)?"
_MULT: dict[str, int] = {
    "k": 3, "m": 6, "b": 9, "md": 9, "mds": 9, "mrd": 9, "mrds": 9, "milliard": 9, "milliards": 9,
    "bn": 9, "billion": 9, "billions": 9, "mio": 6, "mios": 6, "million": 6, "millions": 6, "mn": 6,
    "mm": 6, "mille": 3, "milliers": 3, "thousand": 3, "thousands": 3,
}
_SUFFIX_ALT = "|".join(sorted(_MULT, key=len, reverse=True))
_SUFFIX = "(?P<suf>" + _SUFFIX_ALT + r")(?![^\W\d_])"
_APPROX = r"(?:~|≈|env\.?|environ|approx\.?|ca\.)?\s*"
# Trailing words ("abonnés", "d'abonnés", "followers", "(IG)", "- YT", "(estimé)"): separated from the
# number by a space, in brackets or after a dash. They never begin with a unit ("12 K (insta)" is 12 K
# and a note, not 12 and the words "K (insta)": read that way it was 1,000 times too small, silently).
_WORDS = (r"(?!(?:" + _SUFFIX_ALT + r")(?![^\W\d_]))(?:[(\[]\s*|[-–—]\s*)?[^\W\d_](?:[^\W\d]|[\s'.\-–—()\[\]])*")
_COUNT_RE = re.compile(
    r"(?P<sign>[-+])?\s*" + _APPROX + _NUM + r"(?:\s*" + _SUFFIX + r")?(?:\s*\+|\s+" + _WORDS + r")?",
    re.IGNORECASE,
)
# "1M2" = 1.2 M, "12K5" = 12.5 K (the suffix in place of the decimal mark, common in French notes)
_INFIX_RE = re.compile(r"(?P<int>\d{1,3})\s?(?P<suf>[kKmMbB])(?P<frac>\d{1,3})(?:\s+" + _WORDS + r")?")
# "10K-15K", "10-15k", "10k à 15k", "entre 10k et 15k", "de 10 000 à 15 000 abonnés"
_ONE = r"(\d(?:[\d.,' ]*\d)?)(?:\s*(" + _SUFFIX_ALT + r")(?![^\W\d_]))?"
_RANGE_RE = re.compile(
    r"(?:entre|de|from|between)?\s*" + _ONE + r"\s*(?:-|–|—|à|a|to|et|and)\s*" + _ONE
    + r"(?:\s*\+|\s+" + _WORDS + r")?",
    re.IGNORECASE,
)
_SPACE_GROUPED = re.compile(r"\d{1,3}(?:[ ']\d{3})+(?:[.,]\d+)?")
_GROUPED = {".": re.compile(r"\d{1,3}(?:\.\d{3})+"), ",": re.compile(r"\d{1,3}(?:,\d{3})+")}


def _decode(num: str, exp: str | None, has_suffix: bool, grouping: bool) -> Decimal | None:
    """The exact value of a digit string with its separators, or None when the grouping is inconsistent.

    grouping: a single "." or "," followed by exactly 3 digits is a thousands separator ("12,500",
    "1.500"), unless a suffix or exponent follows or the integer part is 0. Otherwise it is a decimal mark.
    Digit strings longer than MAX_NUMBER_CHARS and exponents beyond MAX_EXPONENT give None (a number
    with thousands of digits is not a count, and building it would take seconds).
    """
    if len(num) > MAX_NUMBER_CHARS or (exp and abs(int(exp[1:])) > MAX_EXPONENT):
        return None
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


_DECIMAL_RE = re.compile(r"(?P<sign>[-+])?\s*" + _NUM)  # (after _clean: a minus sign is "-")


def parse_decimal(text: str, grouping: bool = False) -> float:
    """A number as typed in a column whose header gives the unit ("Abonnés (en milliers)"): a decimal
    comma or point, thousands grouped by spaces or apostrophes ("12,5", "1 200", "2 500,5", "-0.4"). A
    lone "," or "." is the decimal mark ("1,200" is 1.2 there), unless `grouping` (the column's other
    cells show the other decimal mark: "1,200" is then 1200)."""
    t = _clean(text)
    m = _DECIMAL_RE.fullmatch(t)
    try:
        d = _decode(m["num"], m["exp"], False, grouping=grouping) if m is not None else None
    except (InvalidOperation, ValueError):
        d = None
    if m is None or d is None:
        raise ParseError(_cannot(text, "out of range" if m is not None else ""))
    return float(-d if m["sign"] == "-" else d)


def decimal_mark(number: str) -> str | None:
    """The decimal mark a written number shows, None when it cannot tell: the last of two different
    marks ("1.200,50": a comma; "1,200.50": a point); a mark repeated is a thousands separator (the other
    one would be the decimal mark); a lone mark before exactly three digits is a thousands separator as
    much as a decimal ("15.000", "12,500": no vote), unless the whole part is 0 ("0,034")."""
    marks = [ch for ch in number if ch in ".,"]
    if not marks:
        return None
    if len(set(marks)) == 2:
        return marks[-1]
    if len(marks) > 1:
        return "," if marks[0] == "." else "."
    whole, _, fraction = number.partition(marks[0])
    if len(fraction.rstrip()) == 3 and fraction[:3].isdigit() and whole.strip(" +-") not in ("0", ""):
        return None
    return marks[0]


def _half_up(d: Decimal) -> int:
    return int(d.to_integral_value(rounding=ROUND_HALF_UP))


def _group(num: str) -> str:
    return f"{num:,}"


# A count and what reading it involved: (value, note) where the note says that a range was read at its
# midpoint or that a decimal was rounded ("1,5" -> 2); None when the cell was a plain count.
Counted = tuple[int | None, str | None]


@lru_cache(maxsize=_CACHE)
def _count_str(s: str, signed: bool) -> Counted | _Bad:
    t = _clean(s)
    if t.lower() in _MISSING_WORDS:
        return None, None
    if len(t) > MAX_NUMBER_CHARS and sum(ch.isdigit() for ch in t) > MAX_NUMBER_CHARS:
        return _Bad(_cannot(s, "out of range"))
    if t.isascii() and t.isdigit():
        return int(t), None
    m = _COUNT_RE.fullmatch(t)
    if m is None:
        return _count_other(s, t)
    suf = m["suf"]
    try:
        d = _decode(m["num"], m["exp"], suf is not None, grouping=True)
    except (InvalidOperation, ValueError):
        d = None
    if d is None:
        return _Bad(_cannot(s, "out of range" if len(m["num"]) > MAX_NUMBER_CHARS or m["exp"] else ""))
    if suf:
        d = d.scaleb(_MULT[suf.lower()])
    n = _half_up(d)
    note = None if d == n else f"{_shown(s)} is not a whole number: read as {n}"
    if m["sign"] == "-" and n:
        if not signed:
            return _Bad(_cannot(s, "negative count"))
        n = -n
    return n, note


def _count_other(s: str, t: str) -> Counted | _Bad:
    """'1M2' and ranges ('10K-15K'), the shapes the main pattern leaves out."""
    m = _INFIX_RE.fullmatch(t)
    if m is not None:
        d = Decimal(f"{m['int']}.{m['frac']}").scaleb(_MULT[m["suf"].lower()])
        return _half_up(d), None
    r = _RANGE_RE.fullmatch(t)
    if r is not None:
        lo_num, lo_suf, hi_num, hi_suf = r.group(1, 2, 3, 4)
        try:
            lo = _decode(lo_num, None, lo_suf is not None or hi_suf is not None, grouping=True)
            hi = _decode(hi_num, None, hi_suf is not None, grouping=True)
        except (InvalidOperation, ValueError):
            lo = hi = None
        if lo is not None and hi is not None:
            if hi_suf:
                hi = hi.scaleb(_MULT[hi_suf.lower()])
            lo = lo.scaleb(_MULT[(lo_suf or hi_suf or "").lower()]) if (lo_suf or hi_suf) else lo
            if lo < hi:
                mid = _half_up(lo + (hi - lo) * Decimal(str(COUNT_RANGE_POINT)))
                return mid, f"range {t!r} read as {mid:,}"
    return _Bad(_cannot(s))


def _count_number(v: object, signed: bool) -> Counted:
    if v is None:
        return None, None
    if isinstance(v, bool):
        raise ParseError(_cannot(v))
    if isinstance(v, int):
        if v < 0 and not signed:
            raise ParseError(_cannot(v, "negative count"))
        return int(v), None
    if isinstance(v, float):
        if v != v:
            return None, None
        if math.isinf(v):
            raise ParseError(_cannot(v))
        if v < 0 and not signed:
            raise ParseError(_cannot(v, "negative count"))
        if v.is_integer():
            return int(v), None
        if abs(v) > MAX_COUNT:
            raise ParseError(_cannot(v, "out of range"))
        n = _half_up(Decimal(repr(v)))
        return n, f"{_shown(v)} is not a whole number: read as {n}"
    if isinstance(v, Decimal):
        if v.is_nan():
            return None, None
        if not v.is_finite() or (v < 0 and not signed):
            raise ParseError(_cannot(v))
        return _half_up(v), None
    if isinstance(v, SupportsIndex):  # numpy integers
        return _count_number(_index(v), signed)
    raise ParseError(_cannot(v))


def _count(v: object, signed: bool) -> Counted:
    if isinstance(v, str):
        r = _count_str(v, signed)
        if isinstance(r, _Bad):
            raise ParseError(r.msg)
    else:
        r = _count_number(v, signed)
    n = r[0]
    if n is not None and abs(n) > MAX_COUNT:
        raise ParseError(_cannot(v, "out of range"))
    return r


def parse_count(v: object) -> int | None:
    """A non-negative count: "12 500", "12,5 k", "1.2M", "1M2", "475.8m", "2.28E+11", "15k abonnés" -> int.

    Exact (decimal arithmetic), rounded half away from zero ("199.5" -> 200). A range ("10K-15K") gives
    its midpoint. Negative values raise.
    """
    # fast paths: the number cells of a spreadsheet
    if isinstance(v, float):
        if 0 <= v <= MAX_COUNT and v.is_integer():
            return int(v)
    elif isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= MAX_COUNT:
        return v
    return _count(v, False)[0]


def parse_count_noted(v: object) -> Counted:
    """(count, note): :func:`parse_count` and what the reading involved, for the row's issues:
    "range '10K-15K' read as 12,500", "'1,5' is not a whole number: read as 2"; note None otherwise."""
    if isinstance(v, float):
        if 0 <= v <= MAX_COUNT and v.is_integer():
            return int(v), None
    elif isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= MAX_COUNT:
        return v, None
    return _count(v, False)


def parse_signed_count(v: object) -> int | None:
    """Like :func:`parse_count` but allows a sign, for follower gains: "-102", "+1,586", "−5"."""
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) <= MAX_COUNT:
        return v
    return _count(v, True)[0]


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
        x = x / 100
    elif x > 100:
        return _Bad(_cannot(raw, "a rate over 100%"))
    elif x > 1:
        x = x / 100
    if x > MAX_RATE:
        return _Bad(_cannot(raw, f"implausible rate, over {MAX_RATE:.0%}"))
    return _sig12(x)


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
        return _Bad(_cannot(s, "out of range" if m["exp"] or len(m["num"]) > MAX_NUMBER_CHARS else ""))
    if m["sign"] == "-" and d:
        return _Bad(_cannot(s, "negative rate"))
    return _rate_value(float(d), m["pct"] is not None, s)


def parse_rate(v: object) -> float | None:
    """A fraction: "3,4 %" -> 0.034, 0.034 -> 0.034, 3.4 -> 0.034 (1 < x <= 100 is a percentage).

    Without "%", a value over 100 raises; "250%" -> 2.5 is allowed; rates over MAX_RATE (1000 %) are
    implausible and raise. Rounded to 12 significant digits.
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


# ------------------------------------------------------------------------------------------ currencies

_CURRENCY_WORDS: dict[str, str] = {
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "e": "EUR",
    "$": "USD", "usd": "USD", "us dollar": "USD",
    "us dollars": "USD", "dollar": "USD", "dollars": "USD", "dollar us": "USD", "dollars us": "USD",
    "dollar americain": "USD", "dollars americains": "USD", "dollar américain": "USD", "dollars américains": "USD",
    "£": "GBP", "gbp": "GBP", "livre": "GBP", "livres": "GBP", "livre sterling": "GBP",
    "livres sterling": "GBP", "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
    # the franc of a price is the Swiss one ("Fr. 400.-", "SFr. 400", "400 francs"; the French franc ended in
    # 2002); the CFA francs are two currencies (XOF, XAF): a cell naming them without its code is not read
    "chf": "CHF", "franc suisse": "CHF", "francs suisses": "CHF", "fr.": "CHF", "fr": "CHF", "frs": "CHF",
    "frs.": "CHF", "sfr": "CHF", "sfr.": "CHF", "franc": "CHF", "francs": "CHF", "chf.": "CHF",
    "cad": "CAD", "dollar canadien": "CAD", "dollars canadiens": "CAD", "canadian dollar": "CAD",
    "canadian dollars": "CAD", "dollar australien": "AUD", "dollars australiens": "AUD",
    "¥": "JPY", "yen": "JPY", "yens": "JPY", "jpy": "JPY", "aud": "AUD",
    "₹": "INR", "₩": "KRW", "₺": "TRY", "zł": "PLN", "kr": "SEK",
}
_CFA = "XOF|XAF"  # what "FCFA", "francs CFA" may be: said, never guessed
_CFA_WHY = "unknown currency: West (XOF) or Central (XAF) African CFA francs, write the code"
_CFA_WORDS = ("fcfa", "cfa", "f cfa", "franc cfa", "francs cfa")

# A dollar written with its country ("$ CA", "CA$", "$CAD", "AU$", "US$", "NZ$", "HK$", "S$", "R$"): that
# country's currency; a bare "$" is USD. Each "$" currency answers to its ISO code and the code's first two
# letters (the country), and to the usual short forms below.
_DOLLAR_CODES = ("USD", "CAD", "AUD", "NZD", "HKD", "SGD", "TWD", "JMD", "BSD", "BBD", "BZD", "BMD", "KYD", "FJD",
                 "GYD", "LRD", "NAD", "SBD", "SRD", "TTD", "XCD", "BND", "MXN", "ARS", "CLP", "COP", "UYU", "BRL")
_DOLLAR_QUALIFIERS: dict[str, str] = {
    **{c[:2]: c for c in _DOLLAR_CODES}, **{c: c for c in _DOLLAR_CODES},
    "C": "CAD", "CAN": "CAD", "A": "AUD", "AUS": "AUD", "S": "SGD", "U.S.": "USD", "U.S": "USD", "NT": "TWD",
    "R": "BRL", "MEX": "MXN", "COL": "COP", "EC": "XCD",
}


def _dollar_re() -> str:
    """A "$" with its country's qualifier, before or after it: attached in any case ("C$", "$ca", "Au$"),
    or spaced when the qualifier is in capitals ("$ CA", "US $"; "$ au total" is not Australian). A
    one-letter qualifier is always attached ("C$", "$A")."""
    many = "|".join(re.escape(q) for q in sorted(_DOLLAR_QUALIFIERS, key=len, reverse=True) if len(q) > 1)
    one = "|".join(q for q in _DOLLAR_QUALIFIERS if len(q) == 1)
    end = r"(?![^\W\d_])"
    start = r"(?<![^\W\d_])"
    return (rf"(?:{start}(?:{many}|{one})\$|{start}(?-i:{many})\s\$|\$(?:{many}|{one}){end}"
            rf"|\$\s(?-i:{many}){end})")


_DOLLAR = _dollar_re()
_DOLLAR_FULL = re.compile(_DOLLAR, re.IGNORECASE)
# Tokens recognised inside a money cell (a subset: no bare "e", "kr", "sterling").
_MONEY_TOKENS: dict[str, str] = {
    k: c for k, c in _CURRENCY_WORDS.items() if k not in ("e", "sterling", "kr")
}
_MONEY_TOKENS.update({c.lower(): c for c in (
    "EUR", "USD", "GBP", "CHF", "CAD", "AUD", "JPY", "CNY", "SEK", "NOK", "DKK", "PLN", "MAD", "XOF",
    "AED", "SAR", "INR", "BRL", "MXN", "NZD", "SGD", "HKD", "ZAR", "TRY", "KRW", "CZK", "HUF", "RON",
)})
_MONEY_TOKENS.update({w: _CFA for w in _CFA_WORDS})


def _token_re(tok: str) -> str:
    p = re.escape(tok).replace(r"\ ", r"\s+")
    if tok[0].isalpha():
        p = r"(?<![^\W\d_])" + p
    if tok[-1].isalpha():
        p += r"(?![^\W\d_])"
    return p


def _token_code(token: str) -> str | None:
    """The ISO code a currency token of a money cell stands for ("$ CA": CAD, "Fr.": CHF, "francs CFA": XOF|XAF)."""
    low = " ".join(token.lower().split())
    code = _MONEY_TOKENS.get(low)
    if code is None and "$" in token:
        code = _DOLLAR_QUALIFIERS.get(token.replace("$", "").strip().upper())
    return code


CURRENCIES: frozenset[str] = frozenset(c for c in (*_MONEY_TOKENS.values(), *_DOLLAR_QUALIFIERS.values())
                                       if c != _CFA)  # ISO codes the parsers recognise
_CUR = ("(?:" + _DOLLAR + "|" + "|".join(_token_re(t) for t in sorted(_MONEY_TOKENS, key=len, reverse=True))
        + ")")
_CUR_SEARCH = re.compile(_CUR, re.IGNORECASE)
_ISO3 = re.compile(r"[a-z]{3}")


@lru_cache(maxsize=_CACHE)
def _detect_currency_str(s: str) -> str | None:
    m = _CUR_SEARCH.search(_clean(s))
    if m:
        code = _token_code(m.group(0))
        return None if code == _CFA else code
    e = _EURO_E.search(_clean(s))  # "500e", "1 200 E HT"
    return "EUR" if e else None


def detect_currency(v: object) -> str | None:
    """ISO code of the currency written in a money cell ("1 200 €" -> "EUR", "CHF 400"), else None.

    Never raises.
    """
    return _detect_currency_str(v) if isinstance(v, str) else None


def amount_currency(amount: object, currency: str | None, setting: str = "currency") -> str | None:
    """The currency of an amount that has a currency setting beside it (a budget and its currency): the
    one the amount writes ("£8,000": GBP, "800 CHF"), else `currency` (an ISO code), else None. Written
    in another currency than `currency`, it raises ParseError ("'£8,000' is in GBP but --currency says
    USD", `setting` naming the setting): influkit never converts an amount the user gave."""
    written = detect_currency(amount)
    given = currency.upper() if currency else None
    if written and given and written != given:
        raise ParseError(f"{_shown(amount)} is in {written} but {setting} says {given}")
    return written or given


@lru_cache(maxsize=_CACHE)
def _currency_str(s: str) -> str | None | _Bad:
    if _missing_str(s):
        return None
    key = fold(_clean(s))
    code = _CURRENCY_WORDS.get(key) or _CURRENCY_WORDS.get(key.rstrip("."))
    if code is None and (dollar := _DOLLAR_FULL.fullmatch(_clean(s))) is not None:
        code = _token_code(dollar.group(0))
    if code is None and " ".join(key.split()) in _CFA_WORDS:
        return _Bad(_cannot(s, _CFA_WHY))
    if code:
        return code
    if _ISO3.fullmatch(key) and key.upper() in ISO_4217:
        return key.upper()
    return _Bad(_cannot(s, "not an ISO 4217 currency code") if _ISO3.fullmatch(key) else _cannot(s))


def currency_code(v: object) -> str:
    """The ISO 4217 code a currency setting gives ("chf", "CHF", "$ CA", "francs", "£"): any ISO code is
    a currency (converted only where thresholds.FX_PER_EUR has its rate). ParseError, one line, for
    anything else ("unknown currency 'ZZZ'; use an ISO 4217 code such as EUR, USD, GBP, CHF, CAD")."""
    try:
        code = parse_currency(v)
    except ParseError:
        raise ParseError(f"unknown currency {_shown(v)}; use an ISO 4217 code such as EUR, USD, GBP, CHF, "
                         "CAD") from None
    if code is None:
        raise ParseError(f"no currency in {_shown(v)}; use an ISO 4217 code such as EUR, USD, GBP, CHF, CAD")
    return code


def parse_currency(v: object) -> str | None:
    """ISO code: "€"/"euros" -> "EUR", "$" -> "USD", "£" -> "GBP", "$CA"/"$ CA"/"CA$" -> "CAD", "AU$" -> "AUD",
    "Fr."/"francs" -> "CHF"; any ISO 4217 code upper-cased ("jpy" -> "JPY"); other 3 letters raise."""
    return _text_cell(v, _currency_str)


# ----------------------------------------------------------------------------------------------- money


@dataclass(frozen=True)
class Price:
    """A price cell read whole. `amount` is the price (the low end of a range, 0 for gifting, None
    when it is 'on request'); `high` the top of a range; `currency` an ISO code when the cell names one;
    `per` what the price buys ("3 stories", "post"); `tax` "excl" (HT, + VAT) or "incl" (TTC); `note`
    "gifting" or "on_request"; `several` when the cell lists other prices after the first."""

    amount: float | None
    high: float | None = None
    currency: str | None = None
    per: str | None = None
    tax: str | None = None
    note: str | None = None
    several: bool = False


def _amount(name: str) -> str:
    return (rf"(?P<{name}>\d(?:[\d.,' ]*\d)?)(?P<{name}exp>[eE][+-]?\d+)?"
            rf"(?:\s*(?P<{name}suf>{_SUFFIX_ALT})(?![^\W\d_]))?(?:[.,]-)?")


_EURO_E = re.compile(r"(?<=\d)\s?e(?![^\W\d_])", re.IGNORECASE)
_PRICE_HEAD = re.compile(
    r"(?P<sign>[-+])?\s*(?:entre|de|from|between|a partir de|à partir de|from)?\s*(?P<pre>" + _CUR + r")?\s*"
    r"(?P<sign2>[-+])?\s*" + _APPROX + _amount("lo") + r"\s*(?P<mid>" + _CUR + r"|e(?![^\W\d_]))?"
    r"(?:\s*(?:-|–|—|à|a|to|au|et|and)\s*(?P<pre2>" + _CUR + r")?\s*" + _amount("hi")
    + r"\s*(?P<post>" + _CUR + r"|e(?![^\W\d_]))?)?",
    re.IGNORECASE,
)
_TAX_RE = re.compile(
    r"(?<![^\W\d_])(?:(?P<excl>h\.?\s?t\.?|hors\s+taxes?|hors\s+tva|excl\.?(?:\s+(?:vat|tax(?:es)?))?"
    r"|ex\.?\s+vat|net\s+of\s+vat|\+\s?(?:tva|vat))|(?P<incl>t\.?\s?t\.?\s?c\.?|toutes\s+taxes\s+comprises"
    r"|tva\s+incluse?|incl\.?(?:\s+(?:vat|tax(?:es)?))?|vat\s+included|tax\s+included))(?![^\W\d_])",
    re.IGNORECASE,
)
_PER_RE = re.compile(r"^(?:/|l'|(?:par|per|pour|for|les|le|la|the|each|x|chaque|an|a)\b)\s*(?P<what>.+)$",
                     re.IGNORECASE)
# what a price buys, counted: "2 vidéos", "1 reel + 2 stories", "3x posts" (not "3 mois")
_DELIVERABLES = re.compile(
    r"(?<![\d.,])(\d{1,2})\s*(?:x\s*)?(?:posts?|publications?|vid[eé]os?|reels?|r[eé]els?|stor(?:y|ies|ys)|shorts?|"
    r"tiktoks?|contenus?|contents?|articles?|lives?|carrou?sels?|photos?|images?|ugc|tweets?|threads?)\b",
    re.IGNORECASE)


def counted_amount(low: float, high: object) -> float:
    """What a quoted price counts for: the middle of a range ("300-500 €" counts 400), else the price
    (`high` is `price_quoted_high`, any cell)."""
    return (low + float(high)) / 2 if isinstance(high, int | float) and not isinstance(high, bool) and high > low \
        else low


def deliverables(per: str | None) -> int:
    """How many posts a price buys, from what it is for (`Price.per`): "2 vidéos" -> 2, "1 reel + 2
    stories" -> 3, "post" or nothing -> 1."""
    return _deliverables(per) if per else 1


@lru_cache(maxsize=_CACHE)
def _deliverables(per: str) -> int:
    counts = [int(n) for n in _DELIVERABLES.findall(per)]
    return max(1, sum(counts)) if counts else 1
_FREE_RE = re.compile(
    r"\b(?:gratuit|gratuite|gratuits|gratuitement|free|gifting|gifted|gift|cadeau|cadeaux|echange|echanges"
    r"|offert|offerte|offerts|offertes|produit offert|produits offerts|troc|barter|dotation|en nature"
    r"|product only|produit seul|seeding|product seeding|envoi produit|produit uniquement)\b"
)
_ON_REQUEST_RE = re.compile(
    r"\b(?:sur devis|devis|on request|upon request|a negocier|negociable|negotiable|a definir|tbd|tbc"
    r"|to be defined|to be confirmed|a confirmer|sur demande|nous consulter|price on request|poa|rfq"
    r"|en attente de devis|attente devis|pending quote|quote pending|ask|a demander)\b"
)


def _amount_value(m: re.Match[str], name: str) -> Decimal | None:
    num = m[name]
    if num is None:
        return None
    suf = m[name + "suf"]
    try:
        d = _decode(num.rstrip(".,'- "), m[name + "exp"], suf is not None, grouping=True)
    except (InvalidOperation, ValueError):
        return None
    if d is not None and suf:
        d = d.scaleb(_MULT[suf.lower()])
    return d


def _code(token: str | None) -> str | None:
    if not token:
        return None
    return "EUR" if token.lower() == "e" else _token_code(token)


# what joins a count of deliverables to the price after it ("1 reel + 3 stories : 900 €", "2 posts à 300 €")
_DIGIT_START = re.compile(r"(?<![\d.,'])\d")  # where a number begins
_DELIVERABLES_END = re.compile(r"[\s:=\-–—,;+]*(?:\b(?:à|a|pour|for|at)\b|@)?[\s:=\-–—,;]*$", re.IGNORECASE)


_NEXT_PRICE = re.compile(r"\s*(?:[,;/+]|\b(?:or|ou|et|and)\b)\s*(?=\D{0,12}\d)", re.IGNORECASE)


def _tidy_per(what: str) -> str | None:
    """What a price is for, its spaces made single and its ends cleared of punctuation, a bracket kept
    when it closes one the text opened ("story (x3)")."""
    text = " ".join(what.split()).strip(" .,;")
    while text[:1] == "(" and text.count("(") > text.count(")") or text[:1] in ")" and text:
        text = text[1:].strip()
    while text[-1:] == ")" and text.count(")") > text.count("(") or text[-1:] == "(":
        text = text[:-1].strip()
    if text.count("(") > text.count(")"):
        text += ")"
    return text.strip(" .,;") or None


_DELIVERABLE_WORD = re.compile(_DELIVERABLES.pattern.replace(r"(?<![\d.,])(\d{1,2})\s*(?:x\s*)?", ""),
                               re.IGNORECASE)  # what a price buys, not counted ("Story", "Reel :")
_CUR_BEFORE = re.compile(r"(?:" + _CUR + r")\s*$", re.IGNORECASE)  # a currency just before an amount ("$900")


def _amount_after(t: str, start: int, wanted: Callable[[Price], bool]) -> tuple[str, Price] | None:
    """The first amount of `t` from `start` that counts no deliverable and that `wanted` accepts (with the
    currency written just before it, "$900"), and what comes before it, the price's deliverables."""
    for digit in _DIGIT_START.finditer(t, start):
        if _DELIVERABLES.match(t, digit.start()):
            continue
        at = digit.start()
        before = _CUR_BEFORE.search(t, start, at)
        if before is not None:
            at = before.start()
        tail = _price_str(t[at:], False)
        if isinstance(tail, Price) and wanted(tail):
            return " ".join(_DELIVERABLES_END.sub("", t[:at]).split()), tail
    return None


@lru_cache(maxsize=_CACHE)
def _price_str(s: str, deliverables_first: bool = True) -> Price | None | _Bad:
    t = _clean(s)
    if t.lower() in _MISSING_WORDS:
        return None
    if len(t) > MAX_NUMBER_CHARS * 4 and sum(ch.isdigit() for ch in t) > MAX_NUMBER_CHARS:
        return _Bad(_cannot(s, "out of range"))
    tax = None
    tm = _TAX_RE.search(t)
    if tm is not None:
        tax = "excl" if tm["excl"] else "incl"
        t = (t[: tm.start()] + " " + t[tm.end():]).strip(" ,;()")
    key = fold_key(t)
    if not any(ch.isdigit() for ch in t):
        if _FREE_RE.search(key):
            return Price(0.0, tax=tax, note="gifting")
        if _ON_REQUEST_RE.search(key):
            return Price(None, tax=tax, note="on_request")
        return _Bad(_cannot(s))
    m = _PRICE_HEAD.match(t)
    if m is None:
        if deliverables_first and _DELIVERABLE_WORD.match(t):
            # what it buys first, without a count ("Story 150 €", "Reel : 400 € / Story : 150 €"): the first
            # amount is the price, the word what it is for, any other price after it said (`several`)
            found = _amount_after(t, 0, lambda tail: True)
            if found is not None:
                what, tail = found
                return Price(tail.amount, tail.high, tail.currency, what, tax or tail.tax, tail.note,
                             tail.several or tail.per is not None)
        return _Bad(_cannot(s))
    lo, hi = _amount_value(m, "lo"), _amount_value(m, "hi")
    if lo is None or (m["hi"] is not None and hi is None):
        return _Bad(_cannot(s, "out of range" if len(m["lo"]) > MAX_NUMBER_CHARS else ""))
    if "-" in (m["sign"], m["sign2"]) and lo:
        return _Bad(_cannot(s, "negative amount"))
    codes = {c for c in map(_code, (m["pre"], m["mid"], m["pre2"], m["post"])) if c}
    if _CFA in codes:
        return _Bad(_cannot(s, _CFA_WHY))
    if len(codes) > 1:
        return _Bad(_cannot(s, "two currencies"))
    if hi is not None and m["hisuf"] and not m["losuf"] and lo * 1000 <= hi and lo < 1000:
        lo = lo.scaleb(_MULT[m["hisuf"].lower()])  # "1-1,5k €": both ends in thousands
    if hi is not None and hi < lo:
        return _Bad(_cannot(s, "range high below low"))
    rest = t[m.end():].strip()
    words_follow = deliverables_first and not codes and rest[:1].isalpha()  # ("1 reel ...", "2 posts à ...")
    counted = words_follow and _DELIVERABLES.match(t) is not None
    if words_follow and (counted or _CUR_SEARCH.search(rest)):
        # a count of deliverables first, then the price: the first amount with a currency after it is the
        # price, and what comes before it is what the price is for (never "1" read as the price); without a
        # currency ("1 reel + 3 stories : 900"), the first amount that counts no deliverable and ends the cell
        found = _amount_after(t, m.end(), lambda tail: tail.currency is not None or counted and tail.per is None
                              and not tail.several and tail.note is None)
        if found is not None:
            what, tail = found
            return Price(tail.amount, tail.high, tail.currency, f"{what} {tail.per}" if tail.per else what,
                         tax or tail.tax, tail.note, tail.several)
        if counted:  # "1 post", "2 reels 3 stories": what a price would buy, and no price (never 1 or 2)
            return _Bad(_cannot(s, "what it buys, no amount"))
    per = None
    several = False
    if rest:
        pm = _PER_RE.match(rest.lstrip(" ,:-–"))
        lead = rest[0]
        if pm is not None and (lead == "/" or rest[:1].isalpha()):
            per = _tidy_per(pm["what"])
            several = bool(_CUR_SEARCH.search(per or "")) and any(ch.isdigit() for ch in per or "")
            if several and per:  # "la story, 400 € le reel": what the first price is for ends before the next
                per = _tidy_per(_NEXT_PRICE.split(per, 1)[0]) or per
        elif lead == "(" and _DELIVERABLES.match(rest.lstrip("( ")):  # "450 € (3 stories)"
            per = " ".join(rest.strip(" ()").split()) or None
        elif any(ch.isdigit() for ch in rest):
            if not (_CUR_SEARCH.search(rest) or lead in ",;/+" or rest[:1].isalpha()):
                return _Bad(_cannot(s))
            several = True
        elif lead == "+":  # "500 € + produits": what comes with the money, kept with what it is for
            per = " ".join(rest.split())
        elif not (rest[:1].isalpha() or lead in "(/,:-–.;"):
            return _Bad(_cannot(s))
    note = None
    if lo == 0 and hi is None:
        note = "gifting" if _FREE_RE.search(key) else None
    return Price(float(lo), None if hi is None else float(hi), codes.pop() if codes else None, per, tax, note,
                 several)


def _price_number(v: object) -> Price | None:
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
        return Price(x)
    raise ParseError(_cannot(v))


def parse_price(v: object) -> Price | None:
    """A price cell whole: "300-500 € HT" -> Price(300.0, 500.0, "EUR", tax="excl"); "1 200 € / 3
    stories" -> Price(1200.0, currency="EUR", per="3 stories"); "£300", "USD 200", "150 $", "400.- CHF";
    "sur devis" -> Price(None, note="on_request"); "gifting"/"gratuit" -> Price(0.0, note="gifting")."""
    if isinstance(v, str):
        r = _price_str(v)
        if isinstance(r, _Bad):
            raise ParseError(r.msg)
    else:
        r = _price_number(v)
    if r is not None:
        for x in (r.amount, r.high):
            if x is not None and (math.isinf(x) or x > MAX_COUNT):
                raise ParseError(_cannot(v, "out of range"))
    return r


def parse_money(v: object) -> float | None:
    """An amount: "1 200 €" -> 1200.0, "€1,200.50", "1,5 k€" -> 1500.0; "gratuit"/"gifting" -> 0.0;
    a range gives its low end; "sur devis" (on request) gives None. See :func:`parse_price`."""
    if isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= MAX_COUNT:
        return float(v)
    p = parse_price(v)
    return None if p is None else p.amount
