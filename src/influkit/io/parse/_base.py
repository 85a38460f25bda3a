"""Shared pieces of the cell parsers: ParseError, the cached-failure marker, text cleaning, missing cells."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from ...thresholds.reading import PARSE_CACHE_SIZE

_CACHE = PARSE_CACHE_SIZE


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
    "🔒", "🔐", "locked", "verrouille", "verrouillé", "🔒 locked",  # a vendor's locked value: unknown, not 0
})


_LONGEST_MISSING = max(map(len, _MISSING_WORDS))


@lru_cache(maxsize=_CACHE)
def _missing_str(s: str) -> bool:
    return _clean(s).lower() in _MISSING_WORDS


def is_missing(v: object) -> bool:
    """True for None, NaN, blank text and the usual placeholders ("N/A", "-", "#N/A", "nc", ...)."""
    if v is None:
        return True
    if isinstance(v, str):
        if len(v) > _LONGEST_MISSING and not v[0].isspace() and not v[-1].isspace():
            return False  # names, links, notes: longer than any placeholder, no cache lookup
        return _missing_str(v)
    if isinstance(v, float):
        return v != v
    return False
