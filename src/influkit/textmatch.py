"""Find a brand's terms in free text: accent- and case-insensitive, on word boundaries, tolerant of
French and English plurals and simple inflections, multi-word phrases included.

Both the text and the term go through the same `key()`: fold (accents, case, ligatures, punctuation
become spaces), split into words, reduce each word with `stem()`. A term matches when its words
appear consecutively in the text's words, so "vegan" matches "Véganes !" but not "veganism" nor
"nonvegan", and "zéro déchet" matches "ZERO-DECHETS".

`stem()` is deliberately small (it is not a linguistic stemmer): plural -s/-x, English -ies, French
-aux, the French feminine endings (-enne, -elle, -euse, -ive, -ère, final -e) and English -ing/-ed.
Over-reduction only ever merges words that the same rules produce from the term too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "’": "'", "ﬁ": "fi",
                            "ﬂ": "fl"})
_NON_WORD = re.compile(r"[^0-9a-z]+")
# French elided articles glued by an apostrophe: l'huile, d'origine, qu'elle -> huile, origine, elle
_ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu)'")


def fold(text: object) -> str:
    """Lower-case ASCII words separated by single spaces: accents, ligatures and punctuation removed.

    >>> fold("Crème VÉGANE, l'huile d'Argan")
    'creme vegane huile argan'
    """
    s = unicodedata.normalize("NFKD", str(text).translate(_LIGATURES))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = _ELISION.sub(" ", s)
    return " ".join(_NON_WORD.sub(" ", s).split())


def stem(word: str) -> str:
    """A folded word reduced so that singular/plural and masculine/feminine forms meet.

    >>> [stem(w) for w in ("vegans", "veganes", "vegetaliennes", "animaux", "beauties", "naturelle")]
    ['vegan', 'vegan', 'vegetalien', 'animal', 'beauty', 'naturel']
    """
    w = word
    if len(w) <= 3 or w.isdigit():
        return w
    # plurals
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("aux") and len(w) > 4:
        w = w[:-3] + "al"
    elif w.endswith(("s", "x")) and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    # French feminine and English inflections
    if w.endswith("euse") and len(w) > 5:
        w = w[:-4] + "eur"
    elif w.endswith(("enne", "elle")) and len(w) > 5:
        w = w[:-2]
    elif w.endswith("ive") and len(w) > 4:
        w = w[:-3] + "if"
    elif w.endswith("ere") and len(w) > 4:
        w = w[:-3] + "er"
    elif w.endswith("ing") and len(w) > 5:
        w = w[:-3]
    elif w.endswith("ed") and len(w) > 4 and not w.endswith("eed"):
        w = w[:-2]
    elif w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def key(text: object) -> str:
    """The matching key of a text or a term: stemmed words joined by single spaces."""
    return " ".join(stem(w) for w in fold(text).split())


class Prepared:
    """A text made ready for many term look-ups (fold and stem once)."""

    __slots__ = ("padded",)

    def __init__(self, text: object) -> None:
        k = key(text) if text is not None else ""
        self.padded = f" {k} " if k else ""

    def __bool__(self) -> bool:
        return bool(self.padded)

    def has(self, term_key: str) -> bool:
        """True when the (already keyed) term occurs on word boundaries."""
        return bool(term_key) and bool(self.padded) and f" {term_key} " in self.padded


def contains(text: object, term: str) -> bool:
    """Whether `term` (a word or a phrase) occurs in `text`, see the module's rules.

    >>> contains("Maquillage VÉGANE et cruelty-free", "cruelty free")
    True
    >>> contains("veganism", "vegan")
    False
    """
    return Prepared(text).has(key(term))


def find_any(text: object, terms: Iterable[str]) -> list[str]:
    """The terms (as given) that occur in the text, in the order given."""
    prepared = Prepared(text)
    return [t for t in terms if prepared.has(key(t))]
