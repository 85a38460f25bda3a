"""A caption analysed once, then searched for many terms (labels and topics of lexicon.py).

Words come from `influkit.textmatch.tokens` (accent/case folding by `influkit.text`, French elisions,
hashtags split at case changes and `_`), read chunk by chunk (a chunk is a run of non-space characters,
cut where an emoji, a bar or a clause end is glued to a word: "allumée.Publicité", "🚀Publicité") so that
every word knows its line, its clause, its character span and whether it stands as a label (in label
position, or free-standing in running text: see `Scan._free_standing`).

A term matches:
- plain words: its words in a row, on one line, each compared by stem (plural and feminine forms meet)
  or exactly for `=word`; a hit preceded in its clause by a negator ("non", "pas", "not", "sans"...)
  within NEGATION_WINDOW words is negated;
- hashtags: `#CollaborationCommerciale` / `#collaboration_commerciale` by their pieces (a negating piece
  before it negates: `#NotSponsored`); `#collaborationcommerciale` by the whole tag, or by a known term
  it starts or ends with (`#sponsoredpost`, `#nikepartner`; `textmatch.split_tag`'s rules, so
  `#nonsponsorise`, `#notsponsored` and `#adventure` find nothing). Terms of two or three letters
  ("ad", "pub", "sp") match only the whole hashtag: `#ad` but not `#adidas` or `#AdVenture`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from ..text import fold_word
from ..textmatch import split_tag, stem, tokens
from ..thresholds.compliance import LANG_MIN_MARGIN, NEGATION_WINDOW
from .lexicon import FUNCTION_WORDS, LABEL_WORDS, NEGATION_REACH, NEGATORS, OTHER_LANG_WORDS, STOP_WORDS

_CHUNK = re.compile(r"\S+")
_CLAUSE_END = re.compile(r"[.,;:!?…)\]»]$")
_OPEN = "([«\"'“‘"
_CLOSE = ")]»\"'”’"
_SEPARATORS = frozenset("|-–—:•/·*~=>")
SHORT = 3  # terms of at most this many letters match only whole hashtags or label positions
NORM_E_MIN = 5  # a stem longer than this loses a final "e" ("sponsorise" -> "sponsoris"; "fore" stays)


@lru_cache(maxsize=1 << 16)
def norm(folded: str) -> str:
    """The compared form of a folded word: its textmatch stem without a final "e", so that the French
    feminine of past participles meets the masculine ("sponsorisée" and "sponsorisé" -> "sponsoris")."""
    s = stem(folded)
    return s[:-1] if len(s) > NORM_E_MIN and s.endswith("e") else s


@dataclass(frozen=True)
class Word:
    raw: str
    fold: str  # folded, not stemmed
    norm: str
    mark: str  # "#", "@" or ""
    group: int  # words of one hashtag/mention share it; a plain word has its own
    piece: int  # index of the word inside its hashtag (0 for plain words)
    chunk: int
    line: int
    clause: int
    start: int  # character span of its chunk in the text
    end: int
    label: bool  # first word of its line, or framed by brackets or separators
    strict: bool  # label position good enough for a two-letter word ("(pub)", "AD |", "Ad: ...")


@dataclass(frozen=True)
class Hit:
    term: str  # the term as written in the lexicon
    text: str  # what the caption says, as written
    start: int  # character span in the caption
    end: int
    negated: bool
    tag: bool  # found in a hashtag


class TermSpec:
    """A lexicon phrase compiled for matching."""

    __slots__ = ("compact", "exact", "forms", "length", "phrase", "where")

    def __init__(self, phrase: str, where: str = "any") -> None:
        self.phrase = phrase
        self.where = where
        forms: list[tuple[bool, str]] = []
        for part in phrase.split():
            exact = part.startswith("=")
            for t in tokens(part.lstrip("=")):
                f = fold_word(t.raw.casefold())
                forms.append((exact, f if exact else norm(f)))
        self.forms = tuple(forms)
        folded = "".join(fold_word(t.raw.casefold()) for t in tokens(phrase.replace("=", "")))
        self.exact = all(e for e, _ in forms)
        self.compact = folded if self.exact else norm(folded)
        self.length = len(folded)

    def same(self, k: int, word: Word) -> bool:
        exact, form = self.forms[k]
        return (word.fold if exact else word.norm) == form


@dataclass(frozen=True)
class Terms:
    """Compiled terms: the specs, an index by first word, and the hashtag vocabulary (the compact form of
    every term longer than SHORT letters -> its phrase, for `split_tag`)."""

    specs: tuple[TermSpec, ...]
    by_first: dict[tuple[bool, str], tuple[TermSpec, ...]]
    by_compact: dict[tuple[bool, str], tuple[TermSpec, ...]]
    vocab: dict[str, str]


@lru_cache(maxsize=512)
def compile_terms(phrases: tuple[tuple[str, str], ...]) -> Terms:
    """Compile (phrase, where) pairs once."""
    specs = tuple(TermSpec(p, w) for p, w in phrases)
    index: dict[tuple[bool, str], list[TermSpec]] = {}
    compact: dict[tuple[bool, str], list[TermSpec]] = {}
    vocab: dict[str, str] = {}
    for s in specs:
        if not s.forms:
            continue
        index.setdefault(s.forms[0], []).append(s)
        compact.setdefault((s.exact, s.compact), []).append(s)
        if s.length > SHORT:
            vocab.setdefault("".join(fold_word(t.raw.casefold()) for t in tokens(s.phrase.replace("=", ""))),
                             s.phrase)
    return Terms(specs, {k: tuple(v) for k, v in index.items()}, {k: tuple(v) for k, v in compact.items()}, vocab)


class Scan:
    """The words of one text, ready for `find`."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words: list[Word] = []
        chunks = _chunks(text)
        line_of: list[int] = []
        line, pos = 0, 0
        for start, end, _ in chunks:
            line += text.count("\n", pos, start)
            line_of.append(line)
            pos = end
        group = clause = 0
        line = 0
        seen_word_on_line = -1
        alone_of: list[bool] = []
        for c, (start, end, chunk) in enumerate(chunks):
            if line_of[c] != line:
                line, clause = line_of[c], clause + 1
            toks = tokens(chunk)
            if not toks:
                clause += 1  # an emoji, a dash, a bar: a clause boundary
                continue
            prev_sep = c == 0 or line_of[c - 1] != line or _is_separator(chunks[c - 1][2])
            nxt = chunks[c + 1][2] if c + 1 < len(chunks) and line_of[c + 1] == line else None
            framed = chunk[0] in _OPEN and chunk.rstrip(".,;:!?")[-1:] in _CLOSE
            first_on_line = seen_word_on_line != line
            last_start = -1
            piece = 0
            for t in toks:
                if t.start != last_start:
                    group += 1
                    last_start = t.start
                    piece = 0
                f = fold_word(t.raw.casefold())
                alone = t.mark == "" and len(toks) == 1
                label = alone and (framed or first_on_line or (prev_sep and (nxt is None or _is_separator(nxt))))
                strict = label and (framed or (prev_sep and (nxt is None or _is_separator(nxt))) or (
                    first_on_line and (nxt is None or _is_separator(nxt) or nxt[0] in "#@"
                                       or chunk[-1] in ":|-–—.!" or (t.raw.isupper() and len(t.raw) > 1))))
                self.words.append(Word(
                    raw=t.raw, fold=f, norm=norm(f), mark=t.mark, group=group, piece=piece, chunk=c, line=line,
                    clause=clause, start=start, end=end, label=label, strict=strict))
                alone_of.append(alone)
                piece += 1
            seen_word_on_line = line
            if _CLAUSE_END.search(chunk):
                clause += 1
        self._free_standing(alone_of)
        self._groups: dict[int, list[int]] = {}
        for i, w in enumerate(self.words):
            self._groups.setdefault(w.group, []).append(i)

    def _free_standing(self, alone_of: list[bool]) -> None:
        """Label positions in running text, wherever the word stands on its line.

        A word that is also an ordinary word ("publicité", "partenariat", "partner") is a label when it does
        not read as a noun of a sentence: no article, preposition or possessive (lexicon.FUNCTION_WORDS)
        within 2 words before it in its clause, and nothing but hashtags, mentions, emoji or punctuation after
        it in the clause ("bougie allumée Publicité", "...#tag29 Publicité", "allumée.Publicité"); or
        capitalised inside its clause after a word that is not one ("bougie allumée Publicité avec @x").
        "Je déteste la publicité" stays an ordinary word.
        A two- or three-letter word ("ad", "pub") is a label when it is the only word of its clause ("new
        candle 🔥 Ad", "Trop bien. Pub", "Love it, ad"), or closes its clause after a word that is not a
        function word when written in capitals ("bougie allumée PUB") or capitalised at the end of its line
        ("new candle Ad"); "Soirée au pub", "this ad", "Le Pub du coin" are not labels.
        """
        words = self.words
        clauses: dict[int, list[int]] = {}
        last_on_line: dict[int, int] = {}
        for i, w in enumerate(words):
            if not w.mark:
                clauses.setdefault(w.clause, []).append(i)
                last_on_line[w.line] = i
        for idx in clauses.values():
            for k, i in enumerate(idx):
                w = words[i]
                if not alone_of[i] or (w.label and w.strict):
                    continue
                before = [words[j].fold for j in idx[max(0, k - 2):k]]
                after = idx[k + 1:]
                right_after_function = bool(before) and before[-1] in FUNCTION_WORDS
                noun_of_sentence = any(b in FUNCTION_WORDS for b in before)
                capital = w.raw[:1].isupper()
                label = w.label or (not after and not noun_of_sentence) or (
                    k > 0 and capital and not right_after_function)
                capitals = w.raw.isupper() and len(w.raw) > 1
                strict = w.strict or (k == 0 and not after) or (not after and not right_after_function and (
                    capitals or (capital and last_on_line[w.line] == i)))
                if label != w.label or strict != w.strict:
                    words[i] = replace(w, label=label, strict=strict)

    # ------------------------------------------------------------------------------------- finding

    def find(self, terms: Terms, *, mentions: bool = False) -> list[Hit]:
        """Every hit of every term, in text order (a term may hit several times). With `mentions`, @handles
        count like hashtags ("@winamax", "@vapeshop.paris" for banned products)."""
        hits: list[Hit] = []
        seen: set[tuple[str, int]] = set()
        words = self.words
        for i, w in enumerate(words):
            if w.mark == "@" and not mentions:
                continue
            for spec in (*terms.by_first.get((True, w.fold), ()), *terms.by_first.get((False, w.norm), ())):
                if i + len(spec.forms) > len(words):
                    continue
                hit = self._tag_pieces(spec, i) if w.mark else self._plain(spec, i)
                if hit is not None and (spec.phrase, hit.start) not in seen:
                    seen.add((spec.phrase, hit.start))
                    hits.append(hit)
        # whole hashtags written without separators: "#collaborationcommerciale", "#sponsoredpost"
        for idx in self._groups.values():
            first = words[idx[0]]
            if first.mark != "#" and not (mentions and first.mark == "@"):
                continue
            compact = "".join(words[j].fold for j in idx)
            found = [s.phrase for s in _whole(terms, compact)]
            if not found and len(idx) == 1:
                found = split_tag(compact, terms.vocab)
            for phrase in found:
                if (phrase, first.start) not in seen:
                    seen.add((phrase, first.start))
                    hits.append(Hit(phrase, self._tag_text(first.chunk), first.start, first.end, False, True))
        hits.sort(key=lambda h: (h.start, h.end))
        return hits

    def _plain(self, spec: TermSpec, i: int) -> Hit | None:
        words = self.words
        k = len(spec.forms)
        first = words[i]
        for j in range(1, k):
            w = words[i + j]
            if w.mark or w.line != first.line or not spec.same(j, w):
                return None
        # a label word in a sentence ("une publicité"), or a short strict one written as a word ("an ad"),
        # is no label, but its denial ("ce n'est pas une publicité", "not an ad") is kept, negated: never
        # a mention, quoted as what the caption says
        sentence = k == 1 and (spec.where == "label" and not first.label or spec.where == "strict" and not first.strict)
        last = words[i + k - 1]
        negated = False
        start = first.start
        for back in range(1, NEGATION_WINDOW + 1):
            if i - back < 0:
                break
            prev = words[i - back]
            if prev.clause != first.clause or prev.mark:
                break
            if prev.fold in NEGATORS:
                negated, start = True, prev.start
                break
            if prev.fold not in NEGATION_REACH:  # "never looked better AD": the negation is of "looked"
                break
        if sentence and not negated:
            return None
        return Hit(spec.phrase, _strip(self.text[start:last.end]), first.start, last.end, negated, False)

    def _tag_pieces(self, spec: TermSpec, i: int) -> Hit | None:
        words = self.words
        k = len(spec.forms)
        first = words[i]
        idx = self._groups[first.group]
        if i + k - 1 > idx[-1]:
            return None
        for j in range(1, k):
            if not spec.same(j, words[i + j]):
                return None
        if spec.length <= SHORT and len(idx) != k:
            return None  # "#ad" yes, "#AdVenture" no
        negated = any(words[j].fold in NEGATORS for j in idx if j < i)
        if negated:
            return None  # "#NotSponsored": not a label at all
        return Hit(spec.phrase, self._tag_text(first.chunk), first.start, first.end, False, True)

    def _tag_text(self, chunk: int) -> str:
        for w in self.words:
            if w.chunk == chunk:
                text = self.text[w.start:w.end]
                mark = min((i for i in (text.find("#"), text.find("@")) if i >= 0), default=0)
                return _strip(text[mark:])
        return ""

    # ------------------------------------------------------------------------------------ helpers

    def mentions_after(self, phrases: Iterable[str], window: int) -> list[tuple[Hit, str]]:
        """(hit, "for" or "") for "merci @marque" / "thanks so much @brand": a thanks followed within `window`
        words of its line by an @mention; "for" when the mention is followed by "for/pour" and a word
        ("thank you @x for the early copy": a thing received)."""
        out: list[tuple[Hit, str]] = []
        for hit in self.find(compile_terms(tuple((p, "any") for p in phrases))):
            if hit.negated or hit.tag:
                continue
            after = [w for w in self.words if w.start >= hit.end][: window + 1]
            line = next((w.line for w in self.words if w.start == hit.start), -1)
            seen: set[int] = set()
            for w in after:
                if w.line != line:
                    break
                if w.mark == "@" and w.group not in seen:
                    seen.add(w.group)
                    # what follows the mention: "pour le cadeau", "for the early copy" (a thing received)
                    rest = [x for x in self.words if x.start > w.start and x.line == line and not x.mark][:2]
                    what = "for" if len(rest) == 2 and rest[0].fold in ("for", "pour") else ""
                    out.append((Hit(hit.term, _strip(self.text[hit.start:w.end]), hit.start, w.end, False, False),
                                what))
                    break
        return out

    def hashtags(self) -> list[tuple[int, int, list[Word]]]:
        """(start, end, pieces) of every hashtag."""
        out = []
        for idx in self._groups.values():
            first = self.words[idx[0]]
            if first.mark == "#":
                out.append((first.start, first.end, [self.words[j] for j in idx]))
        return out

    def trailing_tag_block(self, minimum: int) -> int | None:
        """Character offset where the final run of hashtags/mentions starts, when it holds at least
        `minimum` hashtags; None otherwise (text, not tags, ends the caption)."""
        start = None
        count = 0
        for w in reversed(self.words):
            if not w.mark:
                break
            if w.piece == 0 and w.mark == "#":
                count += 1
            start = w.start
        return start if count >= minimum else None

    def words_within(self, a: Hit, b: Hit, window: int) -> bool:
        """Whether two hits are at most `window` words apart (either order)."""
        ia = next((i for i, w in enumerate(self.words) if w.start >= a.start), 0)
        ib = next((i for i, w in enumerate(self.words) if w.start >= b.start), 0)
        return abs(ia - ib) <= window


_URLISH = re.compile(r"://|^www\.|\w\.(?:com|fr|net|org|io|co|be|ch|shop|store|app|eu|uk)\b", re.IGNORECASE)
_GLUE_STOPS = frozenset("!?…;:")  # a sentence or clause ends here even without a space after it
_GLUE_SEPARATORS = frozenset("|•·")


def _is_symbol(ch: str) -> bool:
    """An emoji or pictograph, with its joiners, variation selectors and skin tones."""
    return (not ch.isascii() and unicodedata.category(ch) in ("So", "Sk", "Me")) or ch in "\u200d\ufe0f"


def _glued_at(chunk: str, i: int, tag: bool) -> bool:
    """Whether a chunk is two chunks glued at index i: an emoji against text ("🚀Publicité",
    "Publicité✨"), a bar ("Pub|Ma routine"), or a clause end between letters ("allumée.Publicité",
    "doux,publicité", "top!Pub"). Numbers ("1,5", "18:30") and domains ("marque.com") are not cut."""
    a, b = chunk[i - 1], chunk[i]
    if _is_symbol(a) != _is_symbol(b):
        return unicodedata.category(b) not in ("Mn", "Me")  # a combining accent stays with its letter
    if tag:
        return False
    if a in _GLUE_SEPARATORS or b in _GLUE_SEPARATORS:
        return True
    before = chunk[i - 2] if i >= 2 else ""
    if not (b.isalpha() and before.isalpha()):
        return False
    return a in _GLUE_STOPS or a == "," or (a == "." and b.isupper())


def _chunks(text: str) -> list[tuple[int, int, str]]:
    """(start, end, chunk) of the runs of non-space characters, cut where words are glued (_glued_at);
    links are kept whole."""
    out: list[tuple[int, int, str]] = []
    for m in _CHUNK.finditer(text):
        start, chunk = m.start(), m.group()
        if _URLISH.search(chunk):
            out.append((start, m.end(), chunk))
            continue
        tag = chunk[0] in "#@"
        prev = 0
        for i in range(1, len(chunk)):
            if _glued_at(chunk, i, tag):
                out.append((start + prev, start + i, chunk[prev:i]))
                prev = i
        out.append((start + prev, m.end(), chunk[prev:]))
    return out


def _whole(terms: Terms, compact: str) -> list[TermSpec]:
    """Terms a whole hashtag (folded, pieces joined) is written as: "#collaborationcommerciale"."""
    out = list(terms.by_compact.get((True, compact), ()))
    return out + [s for s in terms.by_compact.get((False, norm(compact)), ()) if s not in out]


def _is_separator(chunk: str) -> bool:
    """A chunk with no letter or digit ("|", "—", "✨", "👉"): it frames what stands beside it."""
    return not any(ch.isalnum() for ch in chunk) and (any(ch in _SEPARATORS for ch in chunk) or not chunk.isascii())


_ELIDED = re.compile(r"^(?:qu|[ldjmnstc])['’]", re.IGNORECASE)


def _strip(text: str) -> str:
    """A hit as quoted in a reason: surrounding punctuation and a leading French elision removed."""
    return _ELIDED.sub("", text.strip(" \t\n.,;:!?()[]«»\"'“”‘’|"))


_FR_ELISION = re.compile(r"(?<!\w)(?:qu|[ldjmnstc])['’](?=\w)", re.IGNORECASE)
_EN_CONTRACTION = re.compile(r"(?<=\w)(?:n['’]t|['’](?:s|re|ve|ll|m|d))(?!\w)", re.IGNORECASE)
_FR_ACCENTS = frozenset("éèêëàâçùûîïôœ")
_OTHER_LETTERS = frozenset("ñáíóúãõåøäöüßłąęśźżčšžřğış")  # a caption in another language: accents tell nothing


@lru_cache(maxsize=4096)
def detect_lang(text: str) -> str | None:
    """"fr" or "en" from the words of a text, else None.

    Each word counts once for the language it belongs to (lexicon.STOP_WORDS: function words and words
    common in captions; hashtag pieces included, @mentions not): a French word may also be told by its
    accents (é, è, ç, à...) or a French elision (l', d', qu'), an English one by a contraction (n't, 's,
    'm). The labels (lexicon.LABEL_WORDS: #ad, #sponsored, #publicité) count as one word of their
    language however many there are. A language wins when it leads by LANG_MIN_MARGIN words, or when the
    other has none at all (short captions: "#ad new candle 🔥", "Best craft beer in town #ad"). A tie, or
    as many function words of Spanish, Italian, Portuguese, German or Dutch (lexicon.OTHER_LANG_WORDS) as
    the leader's, leaves it undetermined."""
    counts = {lang: 0 for lang in STOP_WORDS}
    labels = {lang: 0 for lang in STOP_WORDS}
    accents_tell = not any(ch in _OTHER_LETTERS for ch in text.casefold())
    other = 0
    for t in tokens(text):
        if t.mark == "@" or t.raw.isdigit():
            continue
        raw = t.raw.casefold()
        f = fold_word(raw)
        if not t.mark and f in OTHER_LANG_WORDS:
            other += 1
        for lang, words in LABEL_WORDS.items():
            if f in words:
                labels[lang] = 1
        if any(f in words for words in LABEL_WORDS.values()):
            continue
        for lang, words in STOP_WORDS.items():
            if f in words or (lang == "fr" and accents_tell and any(ch in _FR_ACCENTS for ch in raw)
                              and f not in STOP_WORDS["en"]):
                counts[lang] += 1
    counts["fr"] += len(_FR_ELISION.findall(text))
    counts["en"] += len(_EN_CONTRACTION.findall(text))
    for lang in counts:
        counts[lang] += labels[lang]
    (best, n), (_, m) = sorted(counts.items(), key=lambda kv: -kv[1])[:2]
    if n == m or other >= n:
        return None  # a tie, or a caption in a third language ("Mi rutina de mañana")
    return best if m == 0 or n - m >= LANG_MIN_MARGIN else None
