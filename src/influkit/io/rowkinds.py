"""Rows that are not creators: TOTAL, Moyenne, Sous-total, Summary / Récapitulatif (a label cell, or
aggregate formulas adding up their column over the rows above), section titles inside the table ("— Instagram —", "BEAUTÉ :") and the
header repeated inside the table. They are kept in place and marked in `row_kind`; `Table.creator_rows()`
lists the others. A sheet's own `row_kind` column (influkit's output read back) is honoured."""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence
from itertools import islice

from ..schema import PROFILE, stronger_kind
from ..text import fold_key
from ..thresholds.reading import (
    LABEL_MAX_CHARS,
    REPEATED_HEADER_SHARE,
    SECTION_MIN_WIDTH,
    SUMMARY_MIN_ROWS,
)
from . import parse as P
from .columns import platform_of_name, value_kinds
from .parse.dates import MONTH_WORDS
from .read import RawSheet

# the words of a summary row's label, by kind (folded: "Sous-total" is "sous total", "Récapitulatif" is
# "recapitulatif")
_SUB_WORDS = r"sous totaux|sous total|sub totals?|subtotals?"
_AVG_WORDS = r"moyennes?|average|averages|avg|mean|median|mediane|moy"
_TOTAL_WORDS = r"totaux|totals?|sum|somme|sommes|cumul"
# a recap of the list: counts, what is left of the budget, a sentence ("Summary", "Récap", "Synthèse")
_SUMMARY_WORDS = (r"summary|summaries|recaps?|recapitulation|recapitulatifs?|overview|wrap up|resumes?|"
                  r"syntheses?|bilans?")
# words that qualify a summary without naming anyone: its scope ("général", "overall", "de la campagne")
# or its period ("Q1", "2026", "janvier"): "Total général", "Overall summary", "Bilan Q1 2026"
_QUALIFIER = (r"grand|general|generale|generaux|global|globale|globaux|final|finale|overall|complet|complete|"
              r"d ensemble|de (?:la )?campagne|campagne|campaign|q[1-4]|t[1-4]|[hs][12]|(?:19|20)\d\d|"
              + "|".join(sorted(MONTH_WORDS, key=len, reverse=True)))
_KINDS = (rf"(?:(?P<sub>{_SUB_WORDS})|(?P<avg>{_AVG_WORDS})|(?P<total>{_TOTAL_WORDS}|ensemble|overall)|"
          rf"(?P<summary>{_SUMMARY_WORDS}))")
# a label cell that begins with one, maybe after a qualifier ("TOTAL", "Moyenne générale", "Grand total",
# "Overall summary", "Résumé :")
_TOTAL_RE = re.compile(rf"^(?:(?:{_QUALIFIER}) )*{_KINDS}(?:\s+.{{0,40}})?$")
# a label that is summary words and qualifiers, and nothing else ("TOTAL", "Grand total", "Total général",
# "Sous-total", "Moyennes", "Summary", "Bilan Q1"): it names nobody; a label with more words ("Total
# Gaming", "Moyenne Montagne", "Sous-total beauté") may be a name
_BARE_RE = re.compile(rf"^(?:(?:{_QUALIFIER}) )*(?:{_SUB_WORDS}|{_AVG_WORDS}|{_TOTAL_WORDS}|{_SUMMARY_WORDS}|"
                      rf"ensemble|overall)(?: (?:{_QUALIFIER}))*$")
# one anywhere in a label that ends in a colon ("Budget total :", "ER moyen :", "Campaign summary:")
_TOTAL_WORD = re.compile(rf"\b(?:(?P<sub>{_SUB_WORDS})|(?P<avg>{_AVG_WORDS}|moyens?)|(?P<total>{_TOTAL_WORDS})|"
                         rf"(?P<summary>{_SUMMARY_WORDS}))\b")
_DECORATION = "-—–=*#>▶►■•~_|:<◀"
# a cell that may name an account: a handle (@, letters, digits, . _ -), or a link
_ACCOUNT_LIKE = re.compile(r"\s*@?[\w.\-]+\s*\Z|.*(?:://|www\.|\.com|/)", re.DOTALL).match
# a handle as written in a handle cell: "@name", or words joined by dots or underscores ("avg.beauty")
_HANDLE_LIKE = re.compile(r"\s*(?:@|[\w-]+[._][\w.]*\w)").match
_NOTE_MIN_WORDS = 5


def _kind(match: re.Match[str] | None) -> str | None:
    """total, average, subtotal or summary as a summary regex's group says; None without a match."""
    if match is None:
        return None
    return ("subtotal" if match["sub"] else "average" if match["avg"] else "summary" if match["summary"]
            else "total")


def _summed(text: str) -> str | None:
    """total, average, subtotal or summary for a label ending in a colon that names one anywhere ("Budget
    total :", "ER moyen :", "Coût moyen / créateur :", "Campaign summary:")."""
    return _kind(_TOTAL_WORD.search(fold_key(text)))


def kind_of_label(text: str) -> str | None:
    """total, average, subtotal or summary for a label cell ("TOTAL", "Moyenne générale", "Sous-total
    beauté", "Summary", "Récapitulatif :")."""
    return _kind(_TOTAL_RE.match(fold_key(text)))


_LABEL_START = re.compile(r"\W*(?:sous|sub|total|grand|sum|somme|ensemble|overall|cumul|moy|average|avg|mean|"
                          r"m[eé]dian|r[eé]cap|r[eé]sum|overview|wrap|synth[eè]s|bilan|g[eé]n[eé]ral|global|"
                          r"final|campa)", re.IGNORECASE)


def row_kinds(raw: RawSheet, canonical: dict[int, str], wide: dict[int, tuple[str, str]], index: Sequence[int],
              ours: Collection[int] = ()) -> list[str | None]:
    """total / average / subtotal / summary / section / header for rows that are not creators, None for
    creators.

    A row is a total (average, sub-total, summary) when its label cell says so ("TOTAL", "Moyenne",
    "Sous-total beauté", "Summary", "Récap :", "Total général") or its aggregate formulas add up their own column over the rows above (`=SUM(C2:C40)` under
    the followers, not a per-row `=SUM(D2:E2)` nor a cell beside the table), and no other cell names an
    account (a handle or a profile link; beside summary words alone, "TOTAL", only an @handle or a profile
    link a person typed: `_names_an_account`); a row naming no account whose cells but a label are all
    aggregate formulas over the rows above, in any column (`raw.sums`: `=COUNTA(A4:A17)` under "Profil"),
    is one too (`_summing`); a label with words beside the summary's ("Total Gaming") is a
    summary only when the row is shaped like one (`_Shape`); a section title
    is a row with one label cell (a network name, a decorated or capitalised title, a colon) in a table
    of 3+ columns; a header repeated inside the table is a header row. Rows that name an account are
    checked only for their label, so this costs little on 500k-row lists.

    `ours`: the columns influkit itself wrote into the sheet (`--in-place`, `Mapping.ours`). A row is judged
    by the user's columns only: influkit's columns are neither counted in the table's width nor among a
    row's cells, so a header repeated inside the table stays a header (and a section a section) however
    many columns influkit added to the right, and whatever an earlier run wrote into them."""
    own = set(ours)
    users = [i for i in range(len(raw.headers)) if i not in own]
    width = len(users)
    header_keys = {fold_key(raw.headers[i]) for i in users}
    named = [i for i, c in sorted(canonical.items()) if c in ("creator", "handle")]
    # the label is the first of these cells that is filled: a row's name, else its handle cell ("Total"
    # under "Pseudo" when the name column is empty), else the first column
    label_columns = [i for i in dict.fromkeys([*named, 0]) if i < len(raw.headers) and i not in own]
    identity_cols = [i for i, c in canonical.items() if c in ("handle", "profile_url")] + [
        i for i, (c, _) in wide.items() if c == PROFILE]
    links = raw.links
    rows = raw.rows
    # Only rows whose label cell starts like "Total"/"Moyenne", rows with aggregate formulas and rows that
    # name no account need a closer look: one pass over a few columns, not over every cell.
    look: set[int] = set(raw.aggregates) | {r for r, _ in raw.sums}
    match = _LABEL_START.match
    for i in label_columns:
        look.update([r for r, row in enumerate(rows) if (c := row[i]).__class__ is str and match(c)])
        head = raw.headers[i]
        look.update([r for r, row in enumerate(rows) if (c := row[i]).__class__ is str and c[:1] == head[:1]
                     and " ".join(c.split()) == head])  # the header repeated inside the table
    if identity_cols:
        if len(identity_cols) == 1:
            (only,) = identity_cols
            anonymous = [r for r, row in enumerate(rows) if not row[only]]
        else:
            anonymous = [r for r, row in enumerate(rows) if not any(row[i] for i in identity_cols)]
        # a label in the identity column itself ("— TikTok —" under "Pseudo"): text no handle or link is
        for i in label_columns:
            if i in identity_cols:
                anonymous += [r for r, row in enumerate(rows) if (c := row[i]).__class__ is str and c
                              and (" " in c or not (c[0].isalnum() or c[0] in "@_."))
                              and (not _ACCOUNT_LIKE(c) or _is_note(c))]  # ("N/A = ...": a "/", no link)
        if links:
            linked = {r for (r, i) in links if i in identity_cols}
            anonymous = [r for r in anonymous if r not in linked]
        look.update(anonymous)
    else:
        look.update(range(len(rows)))
    kinds_by_raw: dict[int, str] = {}
    shape = _Shape(rows)
    for r in sorted(look):
        cells = rows[r]
        label_at = -1
        label = None
        for i in label_columns:
            c = cells[i]
            if c.__class__ is str and c and c.strip():
                label_at, label = i, c
                break
        if label is not None and label_at in identity_cols and _HANDLE_LIKE(label):
            label = None  # "@avg.beauty", "total_fitness": an account's handle, not a label
        kind = None
        if label is not None and len(label) <= LABEL_MAX_CHARS:
            kind = kind_of_label(label) if match(label) else None
            if kind is None and label.rstrip().endswith(":"):
                kind = _summed(label)  # "Budget total :", "ER moyen :": a label for the numbers beside it
        # a label with words beside the summary's ("Total Gaming"): the row's shape decides (a colon,
        # "Budget total :", labels the numbers beside it; a formula adds up its column)
        summary_words = label is not None and _BARE_RE.match(fold_key(label)) is not None  # "TOTAL", "Summary"
        said = label is not None and kind is not None and not label.rstrip().endswith(":") and not summary_words
        kind = kind or raw.aggregates.get(r)
        # (a cell of the identity columns that names no account: an aggregate formula's value, `raw.labels`)
        if kind is not None and summary_words:
            # beside a label that is summary words alone ("TOTAL", "Total général", "Summary"), only a
            # profile link or an @handle a person typed names an account: a number ("3", "1 250") is the
            # count of the rows above, a word ("12 comptes", "—", "voir") a note
            identity = any((c := cells[i]).__class__ is str and i != label_at and (r, i) not in raw.labels
                           and _names_an_account(c) for i in identity_cols) or (
                links and any(P.parse_profile(url)[0] is not None for i in identity_cols
                              if i != label_at and (url := links.get((r, i)))))
        else:
            identity = any((c := cells[i]) is not None and c != "" and i != label_at and (r, i) not in raw.labels
                           for i in identity_cols) or (links and any((r, i) in links for i in identity_cols))
        filled = [(i, c) for i, c in enumerate(cells) if c is not None and c != "" and not P.is_missing(c)
                  and i not in own]
        if kind is None and not identity and raw.sums:
            kind = _summing(raw.sums, r, filled, label_at)
        if kind is not None:
            if identity:
                kind = None  # "Total Fitness" with an account, or a row with a formula, is a creator
            elif said and r not in raw.aggregates and shape.creator_like(r, label_at, kind, kinds_by_raw):
                kind = None  # "Total Gaming" with its own rank, category and country, and no sum: a creator
        elif len(filled) >= max(2, width // 2) and _repeats_header([c for _, c in filled], header_keys):
            kind = "header"
        elif not identity and len(filled) == 1 and width >= SECTION_MIN_WIDTH:
            i, c = filled[0]
            if isinstance(c, str) and (_is_section(c, canonical.get(i)) or _is_note(c)):
                kind = "section"
        if kind is not None:
            kinds_by_raw[r] = kind
    return [kinds_by_raw.get(r) for r in index]


def _names_an_account(text: str) -> bool:
    """A cell a person typed that names an account beside a label of summary words alone: an "@handle" or
    a profile link ("instagram.com/lea.v"); not a number, a word or a note ("12", "12 comptes", "—")."""
    t = text.strip()
    if t[:1] == "@":
        return P.parse_profile(t)[1] is not None
    return ("/" in t or "." in t) and P.parse_profile(t)[0] is not None and " " not in t


def _summing(sums: dict[tuple[int, int], str], r: int, filled: list[tuple[int, object]], label_at: int) -> str | None:
    """The kind of a row that names no account and whose cells, but for its label, are all aggregate formulas
    summing up the rows above (`=COUNTA(A4:A17)` under "Profil", `=SUM(F4:F17)`, and nothing else, or a
    label such as "Nb de profils" beside them): a summary of the list, None for any other row."""
    kind: str | None = None
    for i, _ in filled:
        got = sums.get((r, i))
        if got is None:
            if i != label_at:
                return None
            continue
        kind = stronger_kind(kind, got)
    return kind


_NOT_TEXT = frozenset({"number", "rate", "percent", "fraction", "money", "money_word", "date", "bool"})


class _Shape:
    """Whether a row whose label starts like a summary's ("Total Gaming", "Moyenne Montagne", "Sous-total
    beauté") is shaped like a creator's: no number that is the sum (a total) or the average (an average)
    of its column over the creator rows above (to the digits the cell writes), and cells of its own beside
    the label (a category, a country: text no sum has; a number continuing the sheet's numbering: its
    rank) or numbers each checked against the rows above and none a sum. A label alone stays a summary.
    Columns are parsed once, when a row first needs them."""

    def __init__(self, rows: Sequence[Sequence[object]]) -> None:
        self.rows = rows
        self.values: dict[int, list[float | None]] = {}
        self.prefix: dict[int, tuple[list[float], list[int]]] = {}

    def column(self, j: int) -> list[float | None]:
        got = self.values.get(j)
        if got is None:
            got = self.values[j] = [_amount(row[j]) for row in self.rows]
        return got

    def sums(self, j: int) -> tuple[list[float], list[int]]:
        """Running sums and counts of column j's numbers: [k] covers rows 0..k-1."""
        got = self.prefix.get(j)
        if got is None:
            total, count = [0.0], [0]
            for v in self.column(j):
                total.append(total[-1] + (v or 0.0))
                count.append(count[-1] + (v is not None))
            got = self.prefix[j] = (total, count)
        return got

    def creator_like(self, r: int, label_at: int, kind: str, marked: dict[int, str]) -> bool:
        cells = self.rows[r]
        numbers: list[tuple[int, float]] = []
        own = False
        for j, c in enumerate(cells):
            if j == label_at or c is None or c == "" or P.is_missing(c):
                continue
            v = _amount(c)
            if v is None:
                own = own or isinstance(c, str) and not value_kinds(c) & _NOT_TEXT  # "Gaming", "India"
            elif self._numbering(j, r, v):
                own = True  # its own rank: 110 under 108, 109
            else:
                numbers.append((j, v))
        checked = [self._aggregates(j, r, v, kind, marked) for j, v in numbers]
        if any(checked):
            return False  # numbers that are its column's sum or average: a summary, whatever else it says
        if own:
            return True
        # a label beside numbers none of which is a sum or an average of the rows above (each checked
        # against enough rows): a creator's counts; a label alone, or numbers with too few rows above, is
        # left a summary
        return bool(checked) and all(c is not None for c in checked)

    def _numbering(self, j: int, r: int, v: float) -> bool:
        """v continues column j's count by one over the two numbers above it (1, 2, 3 ...)."""
        if not v.is_integer():
            return False
        column = self.values.get(j)
        cells = (column[k] if column is not None else _amount(self.rows[k][j]) for k in range(r - 1, -1, -1))
        return list(islice((x for x in cells if x is not None), 2)) == [v - 1, v - 2]

    def _aggregates(self, j: int, r: int, v: float, kind: str, marked: dict[int, str]) -> bool | None:
        """v is the sum (total, subtotal) or the mean (average; either for a summary) of column j over the
        creator rows above: all of them, or those since the last row that is not a creator's, as far as the
        cell's written digits tell (56833 for 56,833.33; 3,0 % for 3.02 %). None: too few rows above to tell."""
        total, count = self.sums(j)
        column = self.column(j)
        summaries = sorted(k for k in marked if k < r)
        starts = {0} | ({summaries[-1] + 1} if summaries else set())
        told: bool | None = None
        for start in starts:
            s = total[r] - total[start] - sum(column[k] or 0.0 for k in summaries if k >= start)
            n = count[r] - count[start] - sum(column[k] is not None for k in summaries if k >= start)
            if n < SUMMARY_MIN_ROWS:
                continue
            # a summary ("Summary", "Bilan") may give either
            targets = (s / n,) if kind == "average" else (s,) if kind != "summary" else (s, s / n)
            if any(math.isclose(v, t, abs_tol=_half_unit(self.rows[r][j], v)) for t in targets):
                return True
            told = False
        return told


_EXPONENT = re.compile(r"[eE][+-]?\d+")


def _half_unit(c: object, v: float) -> float:
    """Half the unit of the last digit a cell writes: its number is that exact ("56833": 0.5, "3,0 %": 0.0005,
    "56.8K": 50, a spreadsheet's 56833.333333333336: about 1e-12); trailing zeros are written digits."""
    text = c if isinstance(c, str) else repr(float(c)) if isinstance(c, int | float) else ""
    digits = "".join(ch for ch in _EXPONENT.sub("", text) if ch.isdigit()).lstrip("0")
    if not digits or not v:
        return 0.0
    if isinstance(c, int | float) and float(c).is_integer():
        digits = str(int(abs(float(c))))  # (repr writes 56833.0: the ".0" is no written digit)
    return 0.5 * 10.0 ** (math.floor(math.log10(abs(v))) - (len(digits) - 1))


def _amount(c: object) -> float | None:
    """A cell's number for the shape of a row ("154 600", "2 050 €", "3,4 %", 35400000.0), else None."""
    if isinstance(c, bool):
        return None
    if isinstance(c, int | float):
        return float(c) if c == c else None
    if not isinstance(c, str):
        return None
    t = c.strip()
    if t.isascii() and t.replace(".", "", 1).isdigit():
        return float(t)  # "35400000", "28.1": most cells of a CSV, without the parsers
    if not any(ch.isdigit() for ch in t) or "date" in value_kinds(t):
        return None
    try:
        if "%" in c:
            return P.parse_rate(c)
        p = P.parse_price(c)
    except P.ParseError:
        return None
    return p.amount if p is not None and p.high is None and not p.per else None


def _repeats_header(cells: list[object], header_keys: set[str] | frozenset[str]) -> bool:
    """Whether at least REPEATED_HEADER_SHARE of these filled cells are texts that fold to a header of
    the sheet. Decided as soon as it can be: numbers and dates first, then texts from the shortest, so
    a data row's long prose (an influkit list's reasons and issues, read back) is seldom folded (it was
    1.2 s for 150k rows)."""
    need = REPEATED_HEADER_SHARE * len(cells)
    misses_allowed = len(cells) - need
    texts = sorted((c for c in cells if isinstance(c, str)), key=len)
    misses = len(cells) - len(texts)
    hits = 0
    for text in texts:
        if misses > misses_allowed:
            return False
        if fold_key(text) in header_keys:
            hits += 1
        else:
            misses += 1
    return hits >= need


def _is_note(text: str) -> bool:
    """A lone cell that is a sentence, not a name: "NB : chiffres à revérifier", "Source : Modash, export
    du 01/03/2026", "Légende : N/A = non communiqué", "Mis à jour par Julie le 3 mars", "* hors taxes".
    A colon after a first word, a leading asterisk, five words and more (a creator's name or handle
    alone on its row has fewer), or a status ("À relancer")."""
    t = text.strip()
    words = t.split()
    return (len(words) >= _NOTE_MIN_WORDS or t[:1] in "*†" or (len(words) >= 2 and ":" in t and "://" not in t)
            or _is_status(t))


def _is_status(text: str) -> bool:
    """A status alone on its row, in the name column: "À relancer", "Pas de réponse", "En attente" is a
    note to the team (the stage vocabulary reads it), not a creator's name."""
    try:
        return P.parse_stage(text) is not None
    except P.ParseError:
        return False


def _is_section(text: str, column: str | None) -> bool:
    t = text.strip()
    if not t or "@" in t or "://" in t or len(t) > LABEL_MAX_CHARS:
        return False
    if platform_of_name(t) is not None and len(fold_key(t).split()) <= 3:
        return True
    if t[0] in _DECORATION or t[-1] in _DECORATION:
        return True
    letters = [ch for ch in t if ch.isalpha()]
    if len(letters) >= 3 and all(ch.isupper() for ch in letters) and column not in ("handle", "profile_url"):
        return True
    return column not in ("creator", "handle", "profile_url", "email", "platform")


def section_platforms(raw: RawSheet, kinds: list[str | None], index: Sequence[int]) -> list[str | None]:
    """The network a section title names ("— Instagram —"), for the rows under it."""
    out: list[str | None] = []
    current: str | None = None
    for k, r in enumerate(index):
        if kinds[k] == "section":
            text = next((c for c in raw.rows[r] if isinstance(c, str) and c.strip()), "")
            current = platform_of_name(text)
        out.append(current)
    return out


