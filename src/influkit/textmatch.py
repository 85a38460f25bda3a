"""Find a brand's terms in free text: case-insensitive, on word boundaries, tolerant of French and
English plurals and simple inflections, multi-word phrases and hashtags included, in any script.

Words are runs of Unicode letters and digits (`\\w`, so Cyrillic, Greek, Arabic... are kept; `_`,
punctuation and emoji separate words). Each word has two forms:

- folded: case-folded, ligatures expanded, accents of Latin and Greek letters removed ("Véganes" ->
  "veganes"). Marks of other scripts (Cyrillic й, Devanagari vowel signs...) are part of the letter and
  are kept.
- accented: case-folded only ("Véganes" -> "véganes").

`key()` reduces the folded words with `stem()`. A value or theme matches when its keyed words appear
consecutively in the text's keyed words (`Prepared.has`), so "vegan" matches "Véganes !" but not
"veganism" nor "nonvegan", and "zéro déchet" matches "ZERO-DECHETS".

Brand-safety terms use `Prepared.has_exact` instead: a text word written WITH accents must carry the
term's accents, a text word written without accents may omit the term's accents. So "für" does not
match the term "fur", "fourrure" and "Fur" do; "chirurgie esthétique" matches "chirurgie esthetique"
(accents omitted) but "esthètique" does not match "esthetique".

Hashtags and @mentions: `#VeganSkincare` and `#vegan_skincare` are split at case changes and `_`.
A lower-case concatenation such as `#veganskincare` is split against the vocabulary of the brand's own
terms (`vocabulary()`, see `split_tag()` for the rule), so no dictionary is needed and "art" is never
found in "#party".

`stem()` is deliberately small (it is not a linguistic stemmer): plural -s/-x (not after s, u or i:
"paris", "français" stay), English -ies, French
-aux (not -eaux: "peaux" is "peau"), the French feminine endings (-enne, -elle, -euse, -ive, -ère, final -e;
-ie becomes -y to meet the -ies plural) and English -ing/-ed.
Over-reduction only ever merges words that the same rules produce from the term too.

What one stem cannot join, a term's other keys do (`term_keys`, from `inflections`): the genders and
numbers of French adjectives and past participles whose forms stem apart ("recyclé" -> "recycl",
"recyclée" -> "recycle"; "fini", "finie" -> "finy", "finis"; "heureux", "heureuse"), guessed from the
term word's ending, either way. The text is stemmed as always; only the term has several keys.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

from .text import LIGATURES, fold_word
from .thresholds.scoring import (
    INFLECT_MIN,
    TAG_BLOCKING_RESTS,
    TAG_PIECE_MIN,
    TAG_PREFIX_MIN,
    TAG_REST_MIN,
    TAG_SUFFIX_MIN,
    TERM_KEYS_MAX,
)

_LIGATURES = {**LIGATURES, ord("×"): " x "}
_WORD = re.compile(r"([#@]?)(\w+)")
# French elided articles glued by an apostrophe: l'huile, d'origine, qu'elle -> huile, origine, elle
_ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu)'", re.IGNORECASE)
# What ends a clause, for a negation's reach ("Not sponsored. Running every day": "not" stops at the
# full stop); a hyphen does not ("non-testé").
_CLAUSE_MARK = re.compile(r"[.!?;:,()\[\]{}|/…•·–—\n]")



class Token(NamedTuple):
    raw: str  # as written (case kept): for "written with a capital" checks
    accented: str  # stem of the case-folded word, accents kept
    folded: str  # stem of the folded word
    mark: str  # "#" or "@" when the word comes from a hashtag or mention, else ""
    start: int  # index of the first token of its hashtag/mention (or its own index)
    clause: int = 0  # number of its clause (the text between two clause marks, _CLAUSE_MARK)


def _camel(word: str) -> list[str]:
    """'VeganSkincare2024' -> ['Vegan', 'Skincare', '2024'] (hashtags and mentions only)."""
    parts: list[str] = []
    cur = ""
    for ch in word:
        if cur and ((cur[-1].islower() and ch.isupper()) or (cur[-1].isdigit() != ch.isdigit())):
            parts.append(cur)
            cur = ""
        cur += ch
    return [*parts, cur] if cur else parts


def _split_words(text: str) -> list[tuple[str, str, int, int]]:
    """(mark, word as written, number of its hashtag/mention/word, number of its clause) for every word
    of a text."""
    s = unicodedata.normalize("NFKC", str(text).translate(_LIGATURES))
    s = _ELISION.sub(" ", s)
    out: list[tuple[str, str, int, int]] = []
    n = 0
    for clause, text_of_clause in enumerate(_CLAUSE_MARK.split(s)):
        for m in _WORD.finditer(text_of_clause):
            mark, body = m.group(1), m.group(2)
            parts = [p for p in body.split("_") if p]
            if mark:
                parts = [q for p in parts for q in _camel(p)]
            out.extend((mark, p, n, clause) for p in parts)
            n += 1
    return out


def tokens(text: object) -> list[Token]:
    """The words of a text with their accented and folded stems."""
    out: list[Token] = []
    last, start = -1, 0
    for i, (mark, word, n, clause) in enumerate(_split_words(str(text))):
        if n != last:
            last, start = n, i
        acc = word.casefold()
        out.append(Token(word, stem(acc), stem(fold_word(acc)), mark, start, clause))
    return out


def folded_words(text: object) -> str:
    """Folded words separated by single spaces: case, Latin/Greek accents, ligatures and punctuation
    removed, letters of every script kept.

    >>> folded_words("Crème VÉGANE, l'huile d'Argan")
    'creme vegane huile argan'
    >>> folded_words("Веган косметика")
    'веган косметика'
    """
    return " ".join(fold_word(w.casefold()) for _, w, _, _ in _split_words(str(text)))


@lru_cache(maxsize=1 << 16)
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
    elif w.endswith("aux") and len(w) > 4 and not w.endswith("eaux"):
        w = w[:-3] + "al"  # (peaux, chapeaux: -eau)
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
    elif w.endswith("ie") and len(w) > 4:
        w = w[:-2] + "y"  # so that French -ie meets its -ies plural (chirurgie, chirurgies)
    elif w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def key(text: object) -> str:
    """The matching key of a text or a term: stemmed folded words joined by single spaces."""
    return " ".join(stem(w) for w in folded_words(text).split())


def _masculines(f: str) -> list[str]:
    """Masculine singulars of a folded French feminine ("recyclee" -> "recycle", "finie" -> "fini",
    "heureuse" -> "heureux"): those `stem` does not already merge with it."""
    if f.endswith("euse"):
        return [f[:-4] + "eux", f[:-4] + "eur"]
    if f.endswith("trice"):
        return [f[:-5] + "teur"]
    if f.endswith("euve"):
        return [f[:-2] + "f"]  # neuve (-ive meets -if by `stem`)
    if f.endswith(("ette", "onne", "eille", "elle", "enne")):
        return [f[:-2]]
    if f.endswith(("ee", "ie", "ue")) and not f.endswith(("que", "gue")):  # recyclée, finie, cousue
        return [f[:-1]]
    return []


def _feminines(m: str, acute: bool) -> list[str]:
    """Feminine singulars of a folded masculine ("recycle" -> "recyclee", "fini" -> "finie",
    "heureux" -> "heureuse", "mignon" -> "mignonne"); none for a word that reads as a feminine. A word
    in -e has one only when it was written in -é (`acute`: "recyclé", not "skincare")."""
    if _masculines(m) or (m.endswith("e") and not acute):
        return []
    if m.endswith("eux"):
        return [m[:-1] + "se"]
    if m.endswith("teur"):
        return [m[:-4] + "trice"]
    if m.endswith("eur"):
        return [m[:-3] + "euse"]
    if m.endswith("euf"):
        return [m[:-1] + "ve"]
    if m.endswith(("el", "en", "on", "et", "eil")):
        return [m + m[-1] + "e", m + "e"]
    if m.endswith(("s", "x", "y")) or m.endswith(("ing", "ed")):
        return []  # gris/grise meet by `stem`; English words have no feminine
    return [m + "e"]  # recyclé/recyclée, fini/finie, cousu/cousue, vert/verte


def _plurals(s: str) -> list[str]:
    if s.endswith(("s", "x", "z")):
        return []
    if s.endswith("al"):
        return [s[:-2] + "aux", s + "s"]
    if s.endswith(("eau", "eu")):
        return [s + "x", s + "s"]
    return [s + "s"]


@lru_cache(maxsize=4096)
def inflections(word: str) -> tuple[str, ...]:
    """A term word (case-folded, accents kept) folded, then its other written forms in gender and number,
    folded too: French adjectives and past participles ("recyclé" -> recycle, recyclee, recycles,
    recyclees; "finie" -> finie, fini, finies, finis; "heureux" -> heureuse...) and plurals. Forms are
    guesses from the ending (no dictionary): a guess that is no word ("runninge") is never written, so
    it never matches. A word of fewer than INFLECT_MIN letters has no other form ("art" never finds
    "arte"). A masculine in -é or a feminine in -ée is read as one only when written with its accent
    ("employee" is no feminine of "employe", "skincaree" no feminine of "skincare").

    >>> inflections("fini")
    ('fini', 'finie', 'finis', 'finies')
    """
    folded = fold_word(word)
    if len(folded) < INFLECT_MIN or not (folded.isascii() and folded.isalpha()):
        return (folded,)  # short, a number, or another script than Latin
    singulars = [folded]
    if folded.endswith("aux") and not folded.endswith("eaux") and len(folded) > INFLECT_MIN:
        singulars.append(folded[:-3] + "al")
    elif folded.endswith("s") and not folded.endswith(("ss", "is")) and len(folded) > INFLECT_MIN:
        # cousus -> cousu; not -is: "paris" is no plural of "pari" (and would find "je parie")
        singulars.append(folded[:-1])
    written_ee = word.endswith(("ée", "ées"))
    masculine = [m for s in singulars for m in (s, *_masculines(s))
                 if len(m) >= INFLECT_MIN and (written_ee or not s.endswith("ee") or m == s)]
    acute = written_ee or word.endswith(("é", "és"))
    forms = [*masculine, *(f for m in masculine for f in _feminines(m, acute))]
    forms += [p for f in forms for p in _plurals(f)]
    return tuple(dict.fromkeys(forms))


def _words(term: object) -> list[str]:
    """A term's words case-folded, accents kept (what `inflections` takes)."""
    return [w.casefold() for _, w, _, _ in _split_words(str(term))]


@lru_cache(maxsize=4096)
def word_keys(word: str) -> tuple[str, ...]:
    """The stems of a term word's forms (`inflections`), its own first: what `Prepared.has` may meet in
    a text for it."""
    return tuple(dict.fromkeys(stem(f) for f in inflections(word)))


def _combined(options: Sequence[Sequence[str]]) -> Iterable[tuple[str, ...]]:
    """Every choice of one option per word, the first options first; past TERM_KEYS_MAX choices, the
    first options with one word at a time changed."""
    if math.prod(len(o) for o in options) <= TERM_KEYS_MAX:
        return itertools.product(*options)
    base = tuple(o[0] for o in options)
    return [base, *((*base[:i], k, *base[i + 1:]) for i, o in enumerate(options) for k in o[1:])]


@lru_cache(maxsize=4096)
def term_keys(term: str) -> tuple[str, ...]:
    """The keys of a term in every gender and number of its words, `key(term)` first: "recyclé" ->
    ("recycl", "recycle") so that "recyclée(s)" is found as well as "recyclé(s)"; "fini" -> ("fini",
    "finy", "finis"). At most TERM_KEYS_MAX or so: past that, one word at a time is inflected.

    >>> term_keys("engagé")
    ('engag', 'engage')
    """
    options = [word_keys(w) for w in _words(term)]
    return tuple(dict.fromkeys(" ".join(c) for c in _combined(options))) if options else ()


class Vocabulary(dict[str, str]):
    """Pieces a hashtag may be split into (`vocabulary()`), mapped to their key; `inflected` holds the
    other written forms of the terms and their words (plural, feminine: "ecoresponsables"), which
    `split_tag` takes only as a whole tag or as pieces of a complete split, never as a known start or
    end; `every` is both, and `longest` the length of its longest piece."""

    inflected: dict[str, str]
    every: dict[str, str]
    longest: int

    def __init__(self) -> None:
        super().__init__()
        self.inflected, self.every, self.longest = {}, {}, 0


def vocabulary(terms: Iterable[str]) -> Vocabulary:
    """Pieces a hashtag may be split into: each term with its spaces removed and each of its words
    (folded), mapped to their key. `vocabulary(["cruelty free"])` ->
    {"crueltyfree": "cruelty free", "cruelty": "cruelty", "free": "free"}, and in `.inflected` the
    other forms of each ("crueltyfrees"...; "ecoresponsables" for "éco-responsable")."""
    out = Vocabulary()
    for term in terms:
        options = [inflections(w) for w in _words(term)]
        if not options:
            continue
        words = [o[0] for o in options]
        whole = " ".join(stem(w) for w in words)
        out["".join(words)] = whole
        for forms in options:
            out.setdefault(forms[0], stem(forms[0]))
            for form in forms[1:]:
                out.inflected.setdefault(form, stem(forms[0]))
        for combo in _combined(options):
            out.inflected.setdefault("".join(combo), whole)
    for piece in out:
        out.inflected.pop(piece, None)
    out.every = {**out.inflected, **out}
    out.longest = max(map(len, out.every), default=0)
    return out


@lru_cache(maxsize=4096)
def tag_vocabulary(term: str) -> tuple[str, Vocabulary, tuple[str, ...]]:
    """A name's or term's key, the vocabulary that splits hashtags with its own words, and the glued
    forms a hashtag must contain to name it (the term without spaces, in its genders and numbers)."""
    term_key, vocab = key(term), vocabulary([term])
    return term_key, vocab, tuple(sorted((p for p, k in vocab.every.items() if k == term_key), key=len))


def split_tag(tag: str, vocab: Mapping[str, str]) -> list[str]:
    """Keys found in a hashtag written without separators (`tag` folded, e.g. "veganskincare").

    1. the whole tag is a vocabulary piece ("crueltyfree" -> "cruelty free"), or another gender or number
       of one (`Vocabulary.inflected`: "ecoresponsables" -> "eco responsabl");
    2. else the tag is entirely a sequence of pieces of at least TAG_PIECE_MIN characters, none of
       them a negation ("veganskincare" -> "vegan", "skincare"; "soinpeau" -> "soin", "peau"; the
       pieces may be inflected: "soinsnaturels");
    3. else the longest piece of TAG_PREFIX_MIN+ characters it starts with and the longest piece of
       TAG_SUFFIX_MIN+ characters it ends with, when the rest has TAG_REST_MIN+ characters and is not
       a negation or derivation ("veganlife" -> "vegan"; not "nonvegan", "veganism", "chapeau").
    """
    every: Mapping[str, str] = getattr(vocab, "every", vocab)  # pieces and their other forms
    if tag in every:
        return [every[tag]]
    n = len(tag)
    longest = getattr(vocab, "longest", n)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        seq = best[i]
        if seq is None:
            continue
        for j in range(i + TAG_PIECE_MIN, min(n, i + longest) + 1):
            piece = tag[i:j]
            if piece in every and piece not in TAG_BLOCKING_RESTS and best[j] is None:
                best[j] = [*seq, every[piece]]
    if best[n]:
        return best[n] or []
    found: list[str] = []
    for j in range(n - TAG_REST_MIN, TAG_PREFIX_MIN - 1, -1):
        if tag[:j] in vocab:
            if tag[j:] not in TAG_BLOCKING_RESTS:
                found.append(vocab[tag[:j]])
            break
    for i in range(TAG_REST_MIN, n - TAG_SUFFIX_MIN + 1):
        if tag[i:] in vocab:
            if tag[:i] not in TAG_BLOCKING_RESTS:
                found.append(vocab[tag[i:]])
            break
    return found


# Words that negate the word after them ("not beauty", "pas de beauté", "sans parabènes"), English
# contractions included ("don't", "isn't": the word before "t", and the few written glued: not "dont", a
# French word, nor "cant", "wont"); the small words a negation reaches over ("pas DE LA beauté"), and the
# words of liking, doing or trying that it reaches over too, so that what they are about is negated ("not
# INTO running", "not A FAN OF running", "no MORE running", "don't DO yoga", "never TRIED yoga", "pas FAN DE
# yoga"). Any other word stops it and is the one negated: "not ONLY yoga but running", "never STOP running",
# "don't JUST do yoga" keep their terms. A negation reaches neither over a clause mark (a full stop, a
# comma...) nor over a hashtag. A negated word does not count for `has` (a value or theme), but still counts
# for exact brand-safety look-ups (an exclusion stays cautious).
NEGATIONS = ("not", "no", "never", "without", "non", "pas", "jamais", "sans", "ni", "aucun", "aucune", "nor",
             "cannot", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "havent", "hasnt", "hadnt",
             "couldnt", "wouldnt", "shouldnt", "aint")
NEGATION_CONTRACTIONS = ("don", "doesn", "didn", "isn", "wasn", "aren", "weren", "won", "can", "couldn", "wouldn",
                         "shouldn", "haven", "hasn", "hadn", "ain", "mustn", "needn")  # followed by "t"
NEGATION_REACH = ("de", "du", "d", "la", "le", "les", "l", "des", "un", "une", "the", "a", "an", "any", "really",
                  "very", "vraiment", "tres", "trop", "tout", "at", "all", "so", "much", "too")
NEGATION_BRIDGES = ("into", "in", "of", "for", "about", "fan", "fans", "big", "bigger", "biggest", "huge", "great",
                    "more", "longer", "do", "does", "did", "doing", "done", "try", "tried", "trying", "like", "liked",
                    "love", "loved", "enjoy", "care", "interested", "practice", "practise", "ever", "even", "been",
                    "my", "fana", "adepte", "adeptes", "amateur", "amatrice", "plus", "fais", "fait", "faire",
                    "pratique", "pratiquer", "aime", "aimer", "kiffe", "teste", "essaye", "encore", "beaucoup",
                    "grand", "grande", "dans", "pour", "mon", "ma", "mes", "truc")
NEGATION_MAX_GAP = 4  # small words and bridges a negation reaches over ("not A BIG FAN OF running")
# A "without" / "sans" after another negation of its clause undoes it rather than negating ("can't live
# without yoga", "never without my yoga mat", "jamais sans mon tapis de yoga": yoga counts); not after
# another "without" ("sans alcool et sans parfum": both negated).
NEGATION_UNDONE = ("without", "sans")


class Prepared:
    """A text made ready for many term look-ups (tokenise, fold and stem once).

    `vocab` (from `vocabulary()`) splits concatenated hashtags; `neutral` lists keyed phrases whose
    words never count for `has` (e.g. "lien en bio": the word "bio" there is not about organic); a word
    a negation reaches ("not beauty") does not count for `has` either, unless the term itself starts
    with the negation ("sans parfum")."""

    __slots__ = ("_glued", "affirmed", "padded", "tokens")

    def __init__(self, text: object, vocab: Mapping[str, str] | None = None,
                 neutral: Sequence[str] = ()) -> None:
        self.tokens = tokens(text) if text is not None else []
        self._glued: list[tuple[str, str]] | None = None
        if not self.tokens:
            self.padded = self.affirmed = ""
            return

        def without_neutral(words: str) -> str:
            padded = f" {words} "
            for phrase in neutral:
                while phrase and f" {phrase} " in padded:
                    padded = padded.replace(f" {phrase} ", " | ", 1)
            return padded

        tail = ""
        if vocab:
            for i, t in enumerate(self.tokens):
                if t.mark == "#" and t.start == i and (i + 1 == len(self.tokens) or self.tokens[i + 1].start != i):
                    for found in split_tag(fold_word(t.raw.casefold()), vocab):
                        tail += f"| {found} "
        self.padded = without_neutral(" ".join(t.folded for t in self.tokens)) + tail
        negated = _negated(self.tokens)
        self.affirmed = self.padded if not negated else without_neutral(" ".join(
            f"!{t.folded}" if i in negated else t.folded for i, t in enumerate(self.tokens))) + tail

    def __bool__(self) -> bool:
        return bool(self.padded)

    def has(self, term_key: str) -> bool:
        """True when the (already keyed) term occurs on word boundaries, not negated ("not beauty")."""
        if not term_key or not self.padded:
            return False
        where = self.padded if term_key.split(" ", 1)[0] in _NEGATION_STEMS else self.affirmed
        return f" {term_key} " in where

    def has_any(self, keys: Iterable[str]) -> bool:
        """`has` for any of a term's keys (`term_keys`: its genders and numbers)."""
        if not self.padded:
            return False
        for term_key in keys:
            if term_key and f" {term_key} " in (
                    self.padded if term_key.split(" ", 1)[0] in _NEGATION_STEMS else self.affirmed):
                return True
        return False

    def find_exact(self, term: str) -> list[int]:
        """Token positions where `term` starts, accents compared as described in the module doc."""
        want = _term_tokens(term)
        if not want or not self.tokens or any(all(f" {form} " not in self.padded for form in _forms(w.folded))
                                              for w in want):
            return []  # a word of the term is not in the text at all (nor its plural or singular)
        n = len(want)
        hits = []
        for i in range(len(self.tokens) - n + 1):
            if all(_same(self.tokens[i + j], want[j]) for j in range(n)):
                hits.append(i)
        return hits

    def has_exact(self, term: str) -> bool:
        """Brand-safety match: the term's words in a row, a hashtag equal to the term without its spaces
        ("#fastfashion"), or a hashtag or mention glued without capitals that `split_tag` splits with the
        term's own words, as competitors' are ("#sheinhaul", "@sheinofficial"; not "#nonshein"); a text
        word written with accents must carry the term's accents."""
        if self.find_exact(term):
            return True
        want = _term_tokens(term)
        if len(want) >= 2:
            compact = Token("", "".join(w.accented for w in want), "".join(w.folded for w in want), "", 0)
            if any(_same(t, compact) for t in self.tokens if t.mark == "#"):
                return True
        return any(self._tag_names(written, tag, term) for written, tag in self.glued())

    def glued(self) -> list[tuple[str, str]]:
        """Each hashtag and mention, its pieces glued again: (case-folded as written, folded)."""
        if self._glued is None:
            pieces: dict[int, list[str]] = {}  # a hashtag's or mention's tokens share their `start`
            for t in self.tokens:
                if t.mark:
                    pieces.setdefault(t.start, []).append(t.raw.casefold())
            self._glued = [(written, fold_word(written)) for written in map("".join, pieces.values())]
        return self._glued

    @staticmethod
    def _tag_names(written: str, tag: str, term: str) -> bool:
        """Whether a hashtag or mention glued again (`written`, folded `tag`) names `term` as `split_tag`
        splits it with the term's words, the accents it writes being the term's."""
        term_key, vocab, compacts = tag_vocabulary(term)
        if not any(c in tag for c in compacts) or term_key not in split_tag(tag, vocab):
            return False
        if written == tag or len(written) != len(tag):
            return True  # written without accents (or ligatures made the spans differ: cautious)
        accented = "".join(_words(term))
        for c in compacts:
            at = tag.find(c)
            while at >= 0:  # where the tag writes the term, each accent it writes is the term's
                if len(c) != len(accented):
                    return True  # another number or gender of the term: its letters do not line up (cautious)
                if all(w in (f, a) for w, f, a in zip(written[at:at + len(c)], c, accented, strict=True)):
                    return True
                at = tag.find(c, at + 1)
        return False


_NEGATION_STEMS = frozenset(stem(fold_word(w)) for w in NEGATIONS)
_CONTRACTION_STEMS = frozenset(stem(w) for w in NEGATION_CONTRACTIONS)
_REACH_STEMS = frozenset(stem(fold_word(w)) for w in NEGATION_REACH) | frozenset(
    stem(fold_word(w)) for w in NEGATION_BRIDGES)
_UNDONE_STEMS = frozenset(stem(w) for w in NEGATION_UNDONE)


def _negation_end(toks: Sequence[Token], i: int) -> int:
    """The index of the last word of the negation starting at word `i` ("don't": its "t"), -1 for none
    (hashtags and mentions never negate)."""
    t = toks[i]
    if t.mark:
        return -1
    if t.folded in _NEGATION_STEMS:
        return i
    if (t.folded in _CONTRACTION_STEMS and i + 1 < len(toks) and toks[i + 1].folded == "t"
            and not toks[i + 1].mark and toks[i + 1].clause == t.clause):
        return i + 1
    return -1


def _negated(toks: Sequence[Token]) -> set[int]:
    """Indexes of the words a negation reaches: the first word after it that is neither a small word nor a
    bridge (NEGATION_REACH, NEGATION_BRIDGES), over at most NEGATION_MAX_GAP of them, in its clause. A
    negation that meets another one first negates nothing; a "without" after another negation of its
    clause (not another "without") negates nothing (NEGATION_UNDONE). Hashtags and mentions are never
    negated."""
    out: set[int] = set()
    other_clause = -1  # the clause of the last negation seen that is no "without"
    i = 0
    while i < len(toks):
        end = _negation_end(toks, i)
        if end < 0:
            i += 1
            continue
        clause = toks[i].clause
        if toks[i].folded not in _UNDONE_STEMS:
            other_clause = clause
        elif other_clause == clause:
            i = end + 1  # "never without", "can't live without": undone
            continue
        for j in range(end + 1, min(len(toks), end + 2 + NEGATION_MAX_GAP)):
            u = toks[j]
            if u.mark or u.clause != clause or _negation_end(toks, j) >= 0:
                break
            if u.folded in _REACH_STEMS:
                continue
            out.add(j)
            break
        i = end + 1
    return out


def _forms(word: str) -> tuple[str, ...]:
    """A term word's stem and the plural or singular `_same` also meets ("pari" / "paris")."""
    if len(word) < 4:
        return (word,)
    return (word, word[:-1]) if word.endswith("s") and len(word) > 4 else (word, word + "s")


@lru_cache(maxsize=4096)
def _term_tokens(term: str) -> tuple[Token, ...]:
    """The tokens of a brand term (a few terms, looked up for every row: tokenised once)."""
    return tuple(tokens(term))


def _same(text_word: Token, term_word: Token) -> bool:
    if text_word.accented == term_word.accented:
        return True
    if text_word.accented == text_word.folded and text_word.folded == term_word.folded:
        return True
    # brand safety errs on the side of a hit: a plural the stem keeps ("paris" sportifs) meets its singular
    # ("pari" sportif), accents compared as above
    a, b = (text_word.accented, term_word.accented) if text_word.accented != text_word.folded else (
        text_word.folded, term_word.folded)
    return len(min(a, b, key=len)) >= 4 and (a == b + "s" or b == a + "s")


def contains(text: object, term: str) -> bool:
    """Whether `term` (a word or a phrase) occurs in `text`, see the module's rules.

    >>> contains("Maquillage VÉGANE et cruelty-free", "cruelty free")
    True
    >>> contains("veganism", "vegan")
    False
    >>> contains("Créatrice engagée", "engagé")
    True
    """
    return Prepared(text).has_any(term_keys(term))


def find_any(text: object, terms: Iterable[str]) -> list[str]:
    """The terms (as given) that occur in the text, in the order given."""
    prepared = Prepared(text)
    return [t for t in terms if prepared.has_any(term_keys(t))]
