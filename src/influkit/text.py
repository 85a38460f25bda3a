"""Accent- and case-folding: the one implementation every module uses.

- `fold_word(word)`: case-folded, ligatures expanded, accents of Latin and Greek letters removed
  ("Véganes" -> "veganes"). Marks of other scripts (Cyrillic й, Devanagari vowel signs, ...) are part of
  the letter and are kept, so "Веган" stays "веган".
- `fold(text)`: every word folded, runs of white space collapsed to one space; punctuation kept
  ("Léa  Martin" -> "lea martin", "1 200 €" -> "1 200 €").
- `fold_key(text)`: `fold`, then every run of characters that are neither letters nor digits (`_`,
  `%`, `'`, `-`, line breaks, ...) becomes one space: what headers, statuses and names are compared by
  ("  Taux d'engagement\\n(%) " -> "taux d engagement").
- `code_key(text)`: upper-case letters and digits only, every accent dropped, for promo codes
  ("lea-v10" -> "LEAV10").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "’": "'", "ﬁ": "fi",
                           "ﬂ": "fl"})
_STRIPPED_SCRIPTS = ("LATIN", "GREEK")  # scripts whose combining accents are folded away
_NOT_WORD = re.compile(r"[\W_]+")
_CACHE = 1 << 16


@lru_cache(maxsize=_CACHE)
def fold_word(word: str) -> str:
    """Case-folded word without the accents of Latin/Greek letters ('Véganes' -> 'veganes')."""
    word = word.translate(LIGATURES).casefold()
    if word.isascii():
        return word
    out: list[str] = []
    strip = False
    for ch in unicodedata.normalize("NFKD", word):
        if unicodedata.combining(ch):
            if strip:
                continue
        else:
            strip = unicodedata.name(ch, "").startswith(_STRIPPED_SCRIPTS)
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def fold(text: object) -> str:
    """Case- and accent-insensitive form of a text, white space collapsed, punctuation kept.

    >>> fold("  Léa  MARTIN ")
    'lea martin'
    >>> fold("Веган косметика")
    'веган косметика'
    """
    s = unicodedata.normalize("NFKC", str(text))
    return " ".join(fold_word(w) for w in s.split())


@lru_cache(maxsize=_CACHE)
def fold_key(text: object) -> str:
    """Letters and digits of the folded text, every other run of characters one space.

    >>> fold_key("  Taux d'engagement\\n(%) ")
    'taux d engagement'
    >>> fold_key("avg_likes")
    'avg likes'
    """
    return " ".join(_NOT_WORD.sub(" ", fold(text)).split())


def name_key(name: object) -> str:
    """Who a creator's name names: the letters and digits of the folded name, so that "Léa ✨", "LÉA" and
    "Léa!" are one person everywhere (cards, funnel, promo codes, results, reports, `creator`, `forget`);
    a name of emojis or signs only names nobody ("": the account stands alone).

    >>> name_key("Léa Martin ✨")
    'lea martin'
    """
    return "" if name is None else fold_key(name)


def code_key(text: str) -> str:
    """What two promo codes are compared by: accents, case and punctuation ignored, the letters of any
    script kept, their marks dropped too ("lea-v10" and "LEAV10" -> "LEAV10"; "лёа" -> "ЛЕА": shoppers
    type codes without accents)."""
    s = unicodedata.normalize("NFKD", text.translate(LIGATURES))
    return "".join(ch for ch in s if not unicodedata.combining(ch) and ch.isalnum()).upper()


def count(n: int, noun: str, plural: str | None = None) -> str:
    """"1 creator", "3 creators", "0 creators" (English messages; `plural` when not noun + s)."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def slug(text: str, limit: int = 60) -> str:
    """`text` as a plain lower-case word of a file name or a URL: accents dropped, anything but letters and
    digits made one hyphen ("Éclat d'Hiver" -> "eclat-d-hiver"); "" when nothing is left."""
    return re.sub(r"[^a-z0-9]+", "-", fold_key(text)).strip("-")[:limit].strip("-")
