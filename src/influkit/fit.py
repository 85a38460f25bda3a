"""Score creators against a brand profile, and say why.

Six components, each 0-100 (see docs/scoring.md):

- fit           values and themes of the profile found in the creator's texts (bio, category, notes,
                captions/best posts, brands worked with, content-type columns), weighted by term
- engagement    engagement rate against the benchmark of the creator's platform and size
- authenticity  the `authenticity` column (0-100) when the list was enriched with it; flags are cited
- reach         platform and tier wanted by the brand
- audience      country and language wanted by the brand
- cost          quoted (or estimated) price against the budget per post and the fair price band

`fit_score` combines the brand-fit components (fit, reach, audience); `score` combines all six with
the profile's weights. An exclusion term or a competitor found in the creator's texts sets both to 0
and the reason says so. A component without data counts as neutral (`NEUTRAL`) and lowers
`confidence`; the reason lists what was missing. Nothing here raises on missing or odd data.

Every number used below is in `influkit.thresholds.scoring`, with its rationale.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import takewhile
from operator import itemgetter
from typing import TYPE_CHECKING, Any, overload

from . import heap, progress
from .io.parse import counted_amount, deliverables
from .labels import COMPONENT_WORDS
from .table import Table
from .text import count, fold_key
from .textmatch import Prepared, Token, _term_tokens, key, split_tag, tag_vocabulary, term_keys, vocabulary
from .thresholds import ER_HIGH_RATIO, er_benchmark, er_high_reference
from .thresholds.scoring import (
    BRAND_FIT_COMPONENTS,
    COMPETITOR_WINDOW,
    COMPONENTS,
    CONFIDENCE_LEVELS,
    CONFIDENCE_SHARE_DIGITS,
    COST_OVER_BAND_MAX_PENALTY,
    COST_ZERO_RATIO,
    ENGAGEMENT_AT_BENCHMARK,
    ENGAGEMENT_CAP_BELOW_MIN,
    ENGAGEMENT_FULL_RATIO,
    FIT_CURVE,
    FIT_FULL_SHARE,
    KILLED_LOCK_WAIT_S,
    NEUTRAL,
    REACH_ADJACENT_TIER,
    SCORE_CHUNK_ROWS,
    SCORE_MAX_WORKERS,
    SCORE_PARALLEL_MIN_ROWS,
    SCORE_REASON_CACHE,
    SCORE_TEXT_MEMO,
)

if TYPE_CHECKING:
    from .brand import Brand


# ============================================================================ defaults and rationale


# Columns whose header suggests texts worth matching (fold_key substrings) ...
CONTENT_HINTS: tuple[str, ...] = ("categor", "theme", "thematique", "niche", "topic", "content", "contenu",
                                  "type", "format", "hashtag", "tags", "keyword", "mots cles", "caption",
                                  "legende", "sujet", "univers", "interet", "interest", "description")
# ... and columns listing brands the creator worked with.
BRAND_HINTS: tuple[str, ...] = ("brand", "marque", "collab", "partenariat", "partenaire", "partner", "sponsor",
                                "annonceur", "client")
# A header that says the brands are past work or several ("Marques partenaires", "Brands worked with",
# "Collabs", "Clients"): fold_key words or word starts. A bare "Marque", "Client", "Brand" is the brand the
# agency prospects the row for (one client of several on one sheet), not the creator's history.
_HISTORY_WORDS: tuple[str, ...] = ("collab", "partenari", "partenaire", "partner", "sponsor", "ambassad",
                                   "worked", "travaille", "passe", "past", "previous", "precedent", "ancien",
                                   "deja", "histor")
_PLURAL_BRANDS: tuple[str, ...] = ("marques", "brands", "annonceurs", "clients")
_LIST_SEPARATORS = re.compile(r"[,;|\n]")  # ("Canal+", "Bath and Body Works", "Dolce/Gabbana" are one brand)
_NOT_A_BRAND = frozenset({"n a", "na", "none", "aucun", "aucune", "non", "no", "-", "?", "x"})
# Known columns and how reasons name them.
TEXT_FIELDS: dict[str, str] = {"bio": "bio", "category": "category", "content_types": "content types",
                               "notes": "notes", "best_posts": "captions", "captions": "captions"}
BRAND_FIELDS: dict[str, str] = {"brands": "brands", "collaborations": "collaborations"}
# Phrases whose words never count as a value or theme: "bio" in "lien en bio" is the profile's bio, not
# organic. Not "en bio" alone: "je mange en bio", "cultivé en bio" do mean organic. influkit convention.
NEUTRAL_PHRASES: tuple[str, ...] = ("link in bio", "link in my bio", "link in the bio", "lien en bio",
                                    "lien dans la bio", "lien dans ma bio", "infos en bio", "code en bio",
                                    "in bio", "in my bio", "in the bio", "dans la bio", "dans ma bio",
                                    "voir bio", "see bio", "check bio", "bio link")
COLLAB_WORDS: tuple[str, ...] = ("collab*", "partenari*", "partner*", "sponsor*", "ambassad*", "x", "avec",
                                 "with", "ad", "pub", "gifted", "offert*", "code", "promo", "feat")

# Country and language spellings -> one code, for matching the profile with the sheet.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "fr": ("france", "fra"), "be": ("belgium", "belgique", "bel"), "ch": ("switzerland", "suisse", "che"),
    "ca": ("canada", "can"), "lu": ("luxembourg", "lux"), "mc": ("monaco",), "us": ("united states", "usa",
    "etats unis", "united states of america"), "gb": ("united kingdom", "uk", "royaume uni", "great britain",
    "england", "angleterre"), "de": ("germany", "allemagne", "deutschland"), "es": ("spain", "espagne", "espana"),
    "it": ("italy", "italie", "italia"), "pt": ("portugal",), "nl": ("netherlands", "pays bas", "holland"),
    "br": ("brazil", "bresil", "brasil"), "in": ("india", "inde"), "id": ("indonesia", "indonesie"),
    "mx": ("mexico", "mexique"), "ma": ("morocco", "maroc"), "dz": ("algeria", "algerie"),
    "tn": ("tunisia", "tunisie"), "sn": ("senegal",), "ci": ("cote d ivoire", "ivory coast"),
    "ru": ("russia", "russie"), "tr": ("turkey", "turquie"), "jp": ("japan", "japon"),
    "kr": ("south korea", "coree du sud", "korea"), "ar": ("argentina", "argentine"),
}
LANGUAGE_ALIASES: dict[str, tuple[str, ...]] = {
    "fr": ("french", "francais", "fra", "fre"), "en": ("english", "anglais", "eng"),
    "es": ("spanish", "espagnol", "spa", "castellano"), "de": ("german", "allemand", "deutsch", "ger"),
    "it": ("italian", "italien", "ita"), "pt": ("portuguese", "portugais", "por"),
    "nl": ("dutch", "neerlandais", "nld"), "ar": ("arabic", "arabe", "ara"),
}
OUTPUT_COLUMNS: tuple[str, ...] = ("fit_score", "score", "rank", "confidence", "reasons",
                                   *(f"score_{c}" for c in COMPONENTS))


def _code_table(aliases: dict[str, tuple[str, ...]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for code, names in aliases.items():
        out[code] = code
        for n in names:
            out[n] = code
    return out


_COUNTRY_CODES = _code_table(COUNTRY_ALIASES)
_LANGUAGE_CODES = _code_table(LANGUAGE_ALIASES)


def place_codes(text: object, table: dict[str, str]) -> frozenset[str]:
    """Codes of the countries/languages named in a cell ("France, Belgique" -> {"fr", "be"})."""
    return _place_codes(str(text), "country" if table is _COUNTRY_CODES else "language")


@lru_cache(maxsize=4096)
def _place_codes(text: str, kind: str) -> frozenset[str]:
    table = _COUNTRY_CODES if kind == "country" else _LANGUAGE_CODES
    out: set[str] = set()
    for part in text.replace("/", ",").replace(";", ",").replace("|", ",").split(","):
        f = fold_key(part)
        if f:
            out.add(table.get(f, f))
    return frozenset(out)


# ===================================================================================== row results


Reason = tuple[str, tuple[tuple[str, Any], ...]]  # a REASONS key and the (name, value) pairs it is written with

# Every reason fragment in French and English; {name} slots take the values formatted for the language
# (ratios 1,2x / 1.2x, rates 4,5 % / 4.5 %, amounts 1 200 € / 1,200 EUR).
REASONS: dict[str, tuple[str, str]] = {
    "blocked": ("BLOQUÉ (score 0) : {items}", "BLOCKED (score 0): {items}"),
    "excluded": ("terme exclu {word} ({where})", "excluded term {word} ({where})"),
    "competitor": ("a travaillé avec le concurrent {name} ({where})", "worked with competitor {name} ({where})"),
    "matches": ("correspondances : {items}", "matches: {items}"),
    "missing": ("manque : {items}", "missing: {items}"),
    "no_terms": ("aucune valeur ni thème dans le profil", "no values or themes in the profile"),
    "no_text": ("aucun texte à comparer", "no text to match"),
    "no_match": ("aucune valeur ni aucun thème trouvé", "no value or theme found"),
    "er_ratio_tier": ("TE {ratio} la médiane du palier", "ER {ratio} tier median"),
    "er_ratio": ("TE {ratio} le repère {platform} ({basis})", "ER {ratio} the {platform} benchmark ({basis})"),
    "er_high": ("plus de {limit} le repère ({flag}) : non récompensé",
                "over {limit} the benchmark ({flag}): not rewarded"),
    "er_below_min": ("- TE {er} sous le minimum de {minimum}", "- ER {er} below the {minimum} minimum"),
    "growth": ("abonnés {growth} en 30 jours", "followers {growth} in 30 days"),
    "authenticity": ("authenticité {value}/100", "authenticity {value}/100"),
    "flags": ("! alertes : {flags}", "! flags: {flags}"),
    "platform_ok": ("+ {platform} voulu", "+ {platform} wanted"),
    "platform_no": ("- {platform} : réseau non voulu", "- {platform} not a wanted platform"),
    "tier_ok": ("+ palier {tier} voulu", "+ tier {tier} wanted"),
    "tier_no": ("- palier {tier} non voulu", "- tier {tier} not wanted"),
    "tier_near": ("~ palier {tier} voisin d'un palier voulu ({points}/100)",
                  "~ tier {tier} next to a wanted tier ({points}/100)"),
    "place_ok": ("+ {text}", "+ {text}"),
    "place_no": ("- {what} {text}", "- {what} {text}"),
    "gifting": ("+ {what} 0 (cadeau)", "+ {what} 0 (gifting)"),
    "over_budget": ("- {what} {price} au-dessus du budget de {budget}", "- {what} {price} over the {budget} budget"),
    "within_budget": ("+ {what} {price} dans le budget de {budget}", "+ {what} {price} within the {budget} budget"),
    "quote_range": ("tarif de {low} à {high} : compté {price} (le milieu)",
                    "quote of {low} to {high}: counted {price} (the middle)"),
    "quote_per_post": ("{total} pour {per} : {price} par publication", "{total} for {per}: {price} a post"),
    "quote_not_comparable": ("tarif {quote} : pas de taux de change vers {target}, le prix estimé compte à sa place",
                             "quote {quote}: no exchange rate to {target}, the estimated price counts instead"),
    "over_band": ("- tarif {excess} au-dessus du haut de la fourchette de prix juste ({high}) (-{penalty})",
                  "- quote {excess} above the fair band's top {high} (-{penalty})"),
    "over_band_no_budget": ("- tarif {excess} au-dessus du haut de la fourchette de prix juste ({high}) (pas de "
                            "budget dans le profil)",
                            "- quote {excess} above the fair band's top {high} (no budget in the profile)"),
    "below_band": ("+ tarif sous la fourchette de prix juste", "+ quote below the fair band"),
    "within_band": ("+ tarif dans la fourchette de prix juste", "+ quote within the fair band"),
    "no_reach_preference": ("pas de réseau ni de palier demandé dans le profil",
                            "no platform or tier preference in the profile"),
    "no_audience_preference": ("pas de pays ni de langue demandés dans le profil",
                               "no country or language preference in the profile"),
    "no_price": ("aucun prix connu", "no price known"),
    "no_budget": ("pas de budget dans le profil pour juger le prix", "no budget in the profile to weigh the price"),
}
# What a missing item, a text field and a few words are called in each language.
WORDS: dict[str, tuple[str, str]] = {
    "texts": ("textes à comparer (bio, catégorie, notes...)", "texts to match (bio, category, notes...)"),
    "engagement_rate": ("taux d'engagement", "engagement rate"),
    "engagement_benchmark": ("repère d'engagement", "engagement benchmark"),
    "authenticity": ("authenticité", "authenticity"), "platform/tier": ("réseau/palier", "platform/tier"),
    "country": ("pays", "country"), "language": ("langue", "language"), "price": ("prix", "price"),
    "budget": ("budget", "budget"), "quote": ("tarif", "quote"), "estimated price": ("prix estimé", "estimated price"),
    "median": ("médiane", "median"), "good": ("bon niveau", "'good' level"),
    "bio": ("bio", "bio"), "category": ("catégorie", "category"), "content types": ("types de contenu", "content types"),
    "notes": ("notes", "notes"), "captions": ("légendes", "captions"), "brands": ("marques", "brands"),
    "collaborations": ("collaborations", "collaborations"),
}


def component_name(component: str, lang: str) -> str:
    """"portée" for reach in French; the component's own name in English."""
    pair = COMPONENT_WORDS.get(component)
    return component if pair is None else pair[0] if lang == "fr" else pair[1]


def word(text: str, lang: str) -> str:
    """A WORDS entry in `lang` (the text itself when it is not one: a column header of the sheet)."""
    pair = WORDS.get(text)
    return text if pair is None else pair[0] if lang == "fr" else pair[1]


field_name = word
missing_name = word


def _fmt(value: Any, kind: str, lang: str, currency: str | None = None) -> str:
    """A number as a reason writes it: x (a ratio, 1.2x), limit (3x), pct (a fraction, 4.5 %), pct0
    (25 %), signed (a % change, +2.5 %), int, money ($1,200 / 1 200 € in `currency`), cash ((amount, its
    currency)), conv ((amount, its currency, the amount in `currency`): "£1,500 ≈ $1,918"); and influkit's own texts:
    prose (flag sentences, in `lang` through labels.prose), flags (codes, in words of `lang`)."""
    if kind == "prose":
        from .labels import prose

        return str(prose(value, lang))
    if kind == "platform":
        from .labels import platform_name

        return str(platform_name(value))
    if kind in ("flags", "tier"):  # codes, in the words of the sheet's columns ("mid" -> "intermédiaire")
        from .labels import value_word

        return str(value_word(kind, value, lang))
    if kind in ("money", "cash", "conv"):  # one writer of amounts: campaign.report_text.money
        from .campaign.report_text import money, money_converted

        if kind == "cash":  # (amount, its currency)
            return money(round(value[0]), value[1], lang)
        if kind == "conv":  # (amount, its currency, the amount in `currency`)
            return money_converted(round(value[0]), value[1], round(value[2]), currency, lang)
        return money(round(value), currency, lang)
    text = {"x": lambda: f"{value:.1f}x", "limit": lambda: f"{value:g}x", "pct": lambda: _pct(value),
            "pct0": lambda: f"{value * 100:.0f} %", "signed": lambda: f"{value:+.1f} %",
            "int": lambda: f"{value:.0f}"}[kind]()
    return text.replace(".", ",") if lang == "fr" else text.replace(" %", "%")  # English: 18.8%, no space


def say(key: str, lang: str, **params: Any) -> str:
    """One reason fragment in `lang` (fr or en): REASONS[key] filled with its formatted params (see
    _say; the same fragment is written once per run, whatever the number of rows that have it)."""
    return _say(key, lang, tuple(params.items()))


def reason_text(reason: Reason, lang: str) -> str:
    """A noted reason (RowScore.notes, blockers, details) written in `lang`."""
    return _say(reason[0], lang, reason[1])


@lru_cache(maxsize=SCORE_REASON_CACHE)
def _say(key: str, lang: str, items: tuple[tuple[str, Any], ...]) -> str:
    """One reason fragment in `lang` (fr or en): REASONS[key] filled with its formatted params.
    A param is (kind, value) for a number (see _fmt), else text; texts that are WORDS are translated."""
    params = dict(items)
    fr_text, en_text = REASONS[key]
    values: dict[str, str] = {}
    currency = params.get("currency")
    for name, value in params.items():
        if isinstance(value, tuple):
            values[name] = _fmt(value[1], value[0], lang, currency if isinstance(currency, str) else None)
        else:
            values[name] = word(str(value), lang)
    return (fr_text if lang == "fr" else en_text).format(**values)


Note = tuple[str, str, tuple[tuple[str, Any], ...]]  # (component, REASONS key, params)


@dataclass(slots=True)
class RowScore:
    """Everything computed for one row: what `--explain` prints and what the columns hold."""

    components: dict[str, float] = field(default_factory=dict)
    known: dict[str, float] = field(default_factory=dict)  # 0..1 share of each component backed by data
    matches: list[tuple[str, str, float]] = field(default_factory=list)  # (term, where, weight)
    blockers: list[Reason] = field(default_factory=list)  # exclusion / competitor hits
    notes: list[Note] = field(default_factory=list)  # reason fragments, in component order (the columns' order)
    details: list[Note] = field(default_factory=list)  # what only --explain says
    missing: list[str] = field(default_factory=list)  # keys of MISSING
    fit_score: float = 0.0
    score: float = 0.0
    confidence: str = "low"
    confidence_share: float = 0.0
    rank: int | None = None  # None: not ranked (a TOTAL row, or blocked by the profile)

    def note(self, component: str, key: str, **params: Any) -> None:
        """A reason fragment: a REASONS key and its numbers, written in the reader's language later."""
        self.notes.append((component, key, tuple(params.items())))

    def detail(self, component: str, key: str, **params: Any) -> None:
        """A line `--explain` shows but the reasons column leaves out (e.g. "no preference")."""
        self.details.append((component, key, tuple(params.items())))

    def notes_of(self, component: str, *, details: bool = False) -> list[Reason]:
        """One component's reason fragments (and its --explain-only lines with `details`)."""
        found = [(k, p) for c, k, p in self.notes if c == component]
        return found + [(k, p) for c, k, p in self.details if c == component] if details else found

    @property
    def reasons(self) -> str:
        """The reasons in English (`reasons_in(lang)` for French)."""
        return self.reasons_in("en")

    def reasons_in(self, lang: str) -> str:
        """The reasons column: blockers, matched values, each component's notes, missing data."""
        parts: list[str] = []
        if self.blockers:
            parts.append(say("blocked", lang, items=", ".join(reason_text(b, lang) for b in self.blockers)))
        if self.matches:
            parts.append(say("matches", lang, items=", ".join([
                f"+ {t} ({field_name(w, lang)})" for t, w, _ in self.matches])))
        parts += [_say(k, lang, p) for _, k, p in self.notes]
        if self.missing:
            parts.append(say("missing", lang, items=", ".join([missing_name(m, lang) for m in self.missing])))
        from .labels import join_items

        return join_items(parts, lang)


@dataclass
class _Fields:
    texts: list[tuple[str, list[Any]]]  # (label, values) for values/themes/exclusions
    brands: list[tuple[str, list[Any]]]  # (label, values) for competitors


def _text_fields(table: Table) -> _Fields:
    texts: list[tuple[str, list[Any]]] = []
    brands: list[tuple[str, list[Any]]] = []
    for col, label in TEXT_FIELDS.items():
        if table.has(col):
            texts.append((label, table.get(col)))
    for col, label in BRAND_FIELDS.items():
        if table.has(col):
            brands.append((label, table.get(col)))
    known = set(TEXT_FIELDS) | set(BRAND_FIELDS)
    for col in table.columns:
        if col in known or col in OUTPUT_COLUMNS:
            continue
        hk = fold_key(col)
        if col not in table.extra_columns and col != "flag_reasons":
            continue
        values = table.get(col)
        if not any(isinstance(v, str) and v.strip() for v in values):
            continue
        if any(h in hk for h in BRAND_HINTS):
            if brand_history(col, values):
                brands.append((col, values))
        elif any(h in hk for h in CONTENT_HINTS):
            texts.append((col, values))
    return _Fields(texts, brands)


def brand_history(header: str, values: Sequence[Any]) -> bool:
    """Whether a column whose header names brands (`BRAND_HINTS`) lists the brands the creator worked
    with: its header says so (past work, collaborations, several brands: `_HISTORY_WORDS`), or its cells
    list several brands ("Sephora, Nocibé") in a fifth or more of them, or it is plural ("Marques",
    "Clients") and its cells are not a few brands repeated row after row. A bare "Marque" or "Client" with
    one brand a cell is the brand the agency prospects the row for: no collaboration, never a competitor
    block."""
    words = fold_key(header).split()
    if any(w.startswith(h) for w in words for h in _HISTORY_WORDS):
        return True
    cells = [v.strip() for v in values if isinstance(v, str) and v.strip() and fold_key(v) not in _NOT_A_BRAND
             and any(ch.isalnum() for ch in v)]
    if not cells:
        return False
    if sum(1 for v in cells if _LIST_SEPARATORS.search(v)) >= 0.2 * len(cells):
        return True
    if not any(w in _PLURAL_BRANDS for w in words):
        return False
    # "Marques" / "Clients": a history, unless its cells are a few brands repeated row after row (the
    # clients the rows are prospected for)
    distinct = len({fold_key(v) for v in cells})
    return len(cells) < 5 or distinct > max(3, len(cells) // 10)


def _text(v: Any) -> str | None:
    if type(v) is str:
        return v.strip() or None
    if v is None:
        return None
    if isinstance(v, list | tuple):
        return " ; ".join(str(x) for x in v if x is not None) or None
    if isinstance(v, float) and math.isnan(v):
        return None
    s = str(v).strip()
    return s or None


def _num(v: Any) -> float | None:
    kind = type(v)
    if kind is float:
        return None if v != v else v  # NaN
    if kind is int:
        return float(v)
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, int | float):
        return None if isinstance(v, float) and math.isnan(v) else float(v)
    try:
        return float(str(v).replace(",", ".").replace("%", "").strip())
    except ValueError:
        return None


def _shown(fraction: float, digits: int) -> float:
    """A fraction rounded to what a reason shows of it (`digits` decimals of its fraction, i.e. digits - 2
    of the percentage), so the same shown text is written once per run (`_say`'s cache)."""
    return round(fraction * 100, digits - 2) / 100


def _pct(x: float) -> str:
    return f"{x * 100:.1f} %".replace(".0 %", " %")


# ========================================================================================= scoring


SCORE_INPUTS = ("platform", "followers", "tier", "engagement_rate", "engagement_rate_views", "er_vs_tier",
                "country", "language", "authenticity", "flags", "flag_reasons", "price_quoted", "currency",
                "est_price_low", "est_price_high", "price_currency", "growth_30d_pct", "price_per",
                "price_quoted_high")


class Scorer:
    """A brand profile ready to score the rows of one table: its terms tokenised once, and each text of
    the table tokenised and matched once however many rows repeat it (categories, notes, bios of a
    person's accounts). The memos are bounded so memory does not grow with the number of rows."""

    def __init__(self, table: Table, brand: Brand) -> None:
        self.brand = brand
        self.fields = _text_fields(table)
        self._text_columns = [values for _, values in self.fields.texts + self.fields.brands]
        all_terms = (*brand.values, *brand.themes)
        self.vocab = vocabulary(v for t in all_terms for v in t.variants)
        self.neutral = sorted({key(p) for p in NEUTRAL_PHRASES}, key=lambda k: -len(k.split()))
        # a term none of whose variants has a letter or digit could never match: it is left out of the
        # total too, so it cannot lower everyone's fit (load_brand refuses such terms anyway)
        self.terms = [(t.term, t.weight, keys) for t in all_terms
                      if (keys := list(dict.fromkeys(k for v in t.variants for k in term_keys(v) if k)))]
        self.total_weight = sum(w for _, w, _ in self.terms)
        self.exclusions = [e for e in brand.exclusions if key(e)]
        self.competitors = [(c, key(c)) for c in brand.competitors if key(c)]
        self.weights = brand.weights.as_dict()
        self.wsum = sum(self.weights.values()) or 1.0
        self.fit_wsum = sum(self.weights[c] for c in BRAND_FIT_COMPONENTS) or 1.0
        self.cols = {c: table.get(c) for c in SCORE_INPUTS}
        self._memo: dict[tuple[int, str], _Hits | None] = {}
        self._component_memo: dict[tuple[Any, ...], RowScore] = {}  # components that depend on a few cells
        self._place_memo: dict[tuple[Any, ...], RowScore] = {}
        self._text_memo: dict[tuple[int | None, ...], tuple[RowScore, Any, Any]] = {}
        self._cells_memo: dict[tuple[Any, ...], RowScore] = {}  # by the cells themselves: no lookup per text
        self.weighted = [(c, self.weights[c], c in BRAND_FIT_COMPONENTS) for c in COMPONENTS]

    def _hits(self, field: int, value: Any, brands: bool) -> _Hits | None:
        text = _text(value)
        if text is None:
            return None
        memo = self._memo
        found = memo.get((field, text), memo)
        if found is not memo:
            return found  # type: ignore[return-value]
        if len(memo) >= SCORE_TEXT_MEMO:
            memo.clear()
        hits = memo[(field, text)] = _match_text(text, brands, self.vocab, self.neutral, self.terms,
                                                 self.exclusions, self.competitors)
        return hits

    def reading(self, cols: dict[str, list[Any]], texts: list[list[Any]], brands: list[list[Any]]) -> Scorer:
        """This scorer reading other cells (a chunk's, or none to be sent to a worker): the same profile
        and fields, the same memos."""
        other = copy.copy(self)
        other.cols = cols
        other.fields = _Fields([(label, values) for (label, _), values in zip(self.fields.texts, texts, strict=True)],
                               [(label, values) for (label, _), values in zip(self.fields.brands, brands, strict=True)])
        other._text_columns = [*texts, *brands]
        return other

    def forget(self) -> None:
        """Empty the memos (a scored table keeps its scorer to explain rows again; they fill again as asked)."""
        self._memo.clear()
        self._component_memo.clear()
        self._place_memo.clear()
        self._text_memo.clear()
        self._cells_memo.clear()

    def _texts(self, k: int) -> RowScore:
        """Fit and blockers of row `k`: they depend only on its texts' hits, computed once per
        distinct combination of them (the hits of a text are one object while the memo holds it), and
        found first by the text cells themselves when a row repeats another's (no lookup per text)."""
        cells = tuple([values[k] for values in self._text_columns])
        try:
            found = self._cells_memo.get(cells)
        except TypeError:  # an unhashable cell (a list): looked up by its texts' hits below
            found, cells = None, ()
        if found is not None:
            return found
        texts = [(label, h) for i, (label, values) in enumerate(self.fields.texts)
                 if (h := self._hits(i, values[k], False)) is not None]
        brand_texts = [(label, h) for i, (label, values) in enumerate(self.fields.brands)
                       if (h := self._hits(-1 - i, values[k], True)) is not None]
        key = (*(id(h) for _, h in texts), None, *(id(h) for _, h in brand_texts))
        found_hits = self._text_memo.get(key)
        if found_hits is not None:
            return self._remember(cells, found_hits[0])
        r = RowScore()
        _fit(r, texts, self.terms, self.total_weight)
        if any(h.exclusions for _, h in texts) or any(h.exclusions for _, h in brand_texts):
            for j, word in enumerate(self.exclusions):
                where = next((label for label, h in texts + brand_texts if j in h.exclusions), None)
                if where:
                    r.blockers.append(("excluded", (("word", word), ("where", where))))
        if any(h.competitors for _, h in texts) or any(h.competitors for _, h in brand_texts):
            for j, (name, _) in enumerate(self.competitors):
                where = next((label for label, h in brand_texts + texts if j in h.competitors), None)
                if where:
                    r.blockers.append(("competitor", (("name", name), ("where", where))))
        if len(self._text_memo) >= SCORE_TEXT_MEMO:
            self._text_memo.clear()
        self._text_memo[key] = (r, texts, brand_texts)  # the hits kept alive: their ids stay theirs
        return self._remember(cells, r)

    def _remember(self, cells: tuple[Any, ...], r: RowScore) -> RowScore:
        """Keep the texts part `r` of a row whose text cells are `cells` (() for none: unhashable). Only
        cells of text: a number equal to another (1, 1.0, True) is not the same text."""
        if cells and all(type(c) is str or c is None for c in cells):
            if len(self._cells_memo) >= SCORE_TEXT_MEMO:
                self._cells_memo.clear()
            self._cells_memo[cells] = r
        return r

    def row(self, k: int) -> RowScore:
        """The score of row `k` (its rank is the table's business: see score_table)."""
        brand = self.brand
        r = _copied(self._texts(k))  # a fresh score that starts from the (memoised) texts part
        row = {c: v[k] for c, v in self.cols.items()}
        _engagement(r, row, brand)
        _memoised((_authenticity,), _AUTHENTICITY_KEY, self._component_memo, r, row, brand)
        _memoised((_reach, _audience), _PLACE_KEY, self._place_memo, r, row, brand)
        _cost(r, row, brand)
        components, known = r.components, r.known
        share = total = fit = 0.0
        for c, w, brand_fit in self.weighted:
            share += w * known.get(c, 0.0)
            part = w * components[c]
            total += part
            if brand_fit:
                fit += part
        # in whole percents, as `--explain` shows it, before it meets the bounds: weights summed in floating
        # point (0.35 + 0.15 + 0.1 + 0.1 + 0.1 = 0.7999999999999999) must not read "80 %" yet label "medium"
        r.confidence_share = round(share / self.wsum, CONFIDENCE_SHARE_DIGITS)
        for bound, label in CONFIDENCE_LEVELS:
            if r.confidence_share >= bound:
                r.confidence = label
                break
        if r.blockers:
            r.score = r.fit_score = 0.0
        else:
            r.score = round(total / self.wsum, 1)
            r.fit_score = round(fit / self.fit_wsum, 1)
        return r


class Scores(Sequence[RowScore]):
    """Each row's breakdown (`scores[i]`), computed again when asked: a run keeps only the score
    columns, since at 500k rows the breakdowns of every row would take gigabytes. `blocked` counts the
    creators an exclusion or a competitor set to 0."""

    def __init__(self, table: Table, scorer: Scorer, blocked: int) -> None:
        self._table, self._scorer, self.blocked = table, scorer, blocked

    def __len__(self) -> int:
        return len(self._table)

    @overload
    def __getitem__(self, index: int) -> RowScore: ...

    @overload
    def __getitem__(self, index: slice) -> list[RowScore]: ...

    def __getitem__(self, index: int | slice) -> RowScore | list[RowScore]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError(f"row index {index} out of range: the table has {count(len(self), 'row')}")
        k = index % len(self)
        r = self._scorer.row(k)
        r.rank = self._table.get("rank")[k] or None
        return r


@dataclass
class _Job:
    """What scoring a table needs, in this process or, its cells sent chunk by chunk, in a worker."""

    scorer: Scorer
    kinds: list[Any]
    language: str
    reasons: bool


# (fit_score, score, confidence, reasons, score_<component>..., the blocked rows' offsets) of a range of rows
_Chunk = tuple[list[float | None], list[float | None], list[str | None], list[str | None],
               dict[str, list[float | None]], list[int]]


def _score_rows(job: _Job, start: int, stop: int) -> _Chunk:
    """Score rows start..stop-1 (TOTAL and section rows get no score)."""
    scorer, kinds, language = job.scorer, job.kinds, job.language
    size = stop - start
    fit_col: list[float | None] = [None] * size
    score_col: list[float | None] = [None] * size
    confidence_col: list[str | None] = [None] * size
    reasons_col: list[str | None] = [None] * size
    component_cols: dict[str, list[float | None]] = {c: [None] * size for c in COMPONENTS}
    by_component = list(component_cols.items())
    shown: dict[float, float] = {}  # each distinct component value rounded once (round() is slow)
    blocked: list[int] = []
    for j, k in enumerate(range(start, stop)):
        if kinds[k]:
            continue  # TOTAL / section rows: no score, no rank
        r = scorer.row(k)
        fit_col[j], score_col[j], confidence_col[j] = r.fit_score, r.score, r.confidence
        if job.reasons:
            reasons_col[j] = r.reasons_in(language)
        components = r.components
        for c, column in by_component:
            value = components[c]
            rounded = shown.get(value)
            if rounded is None:
                rounded = shown[value] = round(value, 1)
            column[j] = rounded
        if r.blockers:
            blocked.append(j)
    return fit_col, score_col, confidence_col, reasons_col, component_cols, blocked


class Workers:
    """Processes that score a large table's rows for `score_table`, a chunk at a time. They are forked
    when this object is made: make it before the table is read (`scoring_workers()`), so that they share none of
    its pages. (Workers forked from a process that holds the table copy every page whose cells they
    read, since CPython writes a reference count into each object read, and the parent copies every
    page it touches meanwhile: 1.16 GB instead of 0.88 GB for `score` at 500k rows, measured.)"""

    def __init__(self, count: int) -> None:
        import multiprocessing

        self.count = count
        self._pool = multiprocessing.get_context("fork").Pool(count, initializer=_quiet_worker)

    def scored(self, job: _Job, bounds: list[tuple[int, int]]) -> Iterator[_Chunk]:
        """The chunks' scores, in order: each worker receives a chunk's cells and the scorer without its
        columns (and keeps the scorer, with its memos, for the next chunks of the same job)."""
        import uuid

        fields = job.scorer.fields  # (the scorer was just made: its memos are empty)
        scorer = job.scorer.reading({}, [[] for _ in fields.texts], [[] for _ in fields.brands])
        blank = _Job(scorer, [], job.language, job.reasons)
        token = uuid.uuid4().hex
        return self._pool.imap(_pooled_rows, ((token, blank, _cells(job, start, stop)) for start, stop in bounds))

    def close(self, *, stopping: bool = False) -> None:
        """Stop the workers. `stopping` (the run is being stopped: Ctrl-C, SIGTERM, a failure): they are
        killed first, and the queue locks a killed worker held are freed, so that stopping the pool never
        waits for a lock nobody will release (an idle worker holds its task queue's while it waits for a
        task; a process group's SIGTERM kills it holding it)."""
        if stopping:
            self._kill()
        self._pool.terminate()
        self._pool.join()

    def _kill(self) -> None:
        from multiprocessing.pool import TERMINATE

        pool: Any = self._pool  # (multiprocessing's own attributes: the pool has no public way to do this)
        with suppress(AttributeError):
            pool._worker_handler._state = TERMINATE  # no worker made again in place of a killed one
        workers = list(getattr(pool, "_pool", ()))
        for worker in workers:
            with suppress(OSError, ValueError):
                worker.kill()
        for worker in workers:
            with suppress(OSError, ValueError, AssertionError):
                worker.join()
        # the locks the workers take, freed when a killed one held them: a task's read (only workers take
        # it), a result's write (still held after KILLED_LOCK_WAIT_S: the pool's own thread writes its last
        # result marker under it, for an instant)
        for queue, name, wait in ((getattr(pool, "_inqueue", None), "_rlock", 0.0),
                                  (getattr(pool, "_outqueue", None), "_wlock", KILLED_LOCK_WAIT_S)):
            lock = getattr(queue, name, None)
            if lock is not None:
                lock.acquire(True, wait)
                lock.release()


# a chunk's cells as a worker receives them: the scorer's columns, its text and brand fields, row kinds
_Cells = tuple[dict[str, list[Any]], list[list[Any]], list[list[Any]], list[Any]]
_WORKER_JOB: dict[str, _Job] = {}  # in a worker: the job it scores (by token), with its memos


def _cells(job: _Job, start: int, stop: int) -> _Cells:
    scorer = job.scorer
    return ({c: v[start:stop] for c, v in scorer.cols.items()}, [v[start:stop] for _, v in scorer.fields.texts],
            [v[start:stop] for _, v in scorer.fields.brands], job.kinds[start:stop])


def _pooled_rows(task: tuple[str, _Job, _Cells]) -> _Chunk:
    """In a worker: score one chunk's cells."""
    token, blank, (cols, texts, brands, kinds) = task
    job = _WORKER_JOB.get(token)
    if job is None:
        _WORKER_JOB.clear()  # one job at a time
        job = _WORKER_JOB[token] = blank
    scorer = job.scorer.reading(cols, texts, brands)  # the job's memos, shared by its chunks
    return _score_rows(_Job(scorer, kinds, job.language, job.reasons), 0, len(kinds))


def _quiet_worker() -> None:
    import signal

    from .stopping import as_child

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it stops the workers
    as_child()  # a SIGTERM (the process group's, or the pool's own terminate) ends a worker at once, as by
    # default (never a handler of the parent's); the parent frees the locks a killed worker held (`close`)


def worker_count() -> int:
    """How many processes `scoring_workers()` forks: the CPUs this process may use (at most SCORE_MAX_WORKERS;
    INFLUKIT_WORKERS sets it), or 0 (scoring stays in this process) when that is one, off Linux (workers
    are forked), in a daemonic process (it may not have children), or while another thread runs (a
    thread's lock held at the fork would stay held in the worker)."""
    import multiprocessing
    import sys
    import threading

    from .io import forked

    if sys.platform != "linux" or threading.active_count() > 1 or multiprocessing.current_process().daemon:
        return 0
    count = forked.allowed(SCORE_MAX_WORKERS)
    return count if count > 1 else 0


@contextmanager
def scoring_workers() -> Iterator[Workers | None]:
    """Scoring workers for the block (None: scoring stays in this process, see `worker_count`). Enter it
    before reading the table to score; `score_table(..., workers=...)` uses them for tables of at least
    SCORE_PARALLEL_MIN_ROWS rows."""
    count = worker_count()
    pool = None
    if count:
        try:
            pool = Workers(count)
        except OSError:  # no process left to fork (ulimit): scored here
            pool = None
    stopping = False
    try:
        yield pool
    except BaseException:
        stopping = True  # (Ctrl-C, SIGTERM, a failure: the workers killed first, see `Workers.close`)
        raise
    finally:
        if pool is not None:
            pool.close(stopping=stopping)


def _chunks(job: _Job, n: int, pool: Workers | None) -> Iterator[tuple[int, _Chunk]]:
    """The table's rows scored chunk by chunk, in order, as (rows done, chunk): by the workers when
    there are any and the table is large, else here."""
    bounds = [(start, min(n, start + SCORE_CHUNK_ROWS)) for start in range(0, n, SCORE_CHUNK_ROWS)]
    if pool is None or n < SCORE_PARALLEL_MIN_ROWS or len(bounds) < 2:
        return ((stop, _score_rows(job, start, stop)) for start, stop in bounds)
    return zip((stop for _, stop in bounds), pool.scored(job, bounds), strict=True)


@heap.bulk()
def score_table(table: Table, brand: Brand, lang: str | None = None, *, reasons: bool = True,
                workers: Workers | None = None) -> Scores:
    """Score every row; adds fit_score, score, rank, confidence, reasons and score_<component>
    columns to the table (replacing earlier ones) and returns the per-row details (`Scores`). The reasons
    are written in `lang` (fr or en; default: the sheet's language, from its headers), and so are the
    list's prose columns (issues, flag reasons, methods: `labels.localize`). With `reasons=False` the
    reasons column is left empty (`fill_reasons` writes it for the rows a caller keeps: a shortlist's).
    `workers` (from `fit.scoring_workers()`, entered before the table was read) score a large table several
    rows at a time in parallel; the result is the same."""
    from .labels import localize, sheet_language

    language = sheet_language(table, lang)
    heap.settle()
    localize(table, language)
    n = len(table)
    scorer = Scorer(table, brand)
    job = _Job(scorer, table.get("row_kind"), language, reasons)
    fit_col: list[float | None] = []
    score_col: list[float | None] = []
    confidence_col: list[str | None] = []
    reasons_col: list[str | None] = []
    component_cols: dict[str, list[float | None]] = {c: [] for c in COMPONENTS}
    blocked: set[int] = set()
    shared: dict[float | None, float | None] = {}  # one object per shown value (0.0-100.0 by tenths): 24 bytes a cell less
    with progress.step("scoring", n, "rows") as tick:
        for done, (fits, scores, confidences, texts, components, blocked_here) in _chunks(job, n, workers):
            fit_col += map(shared.setdefault, fits, fits)
            score_col += map(shared.setdefault, scores, scores)
            confidence_col += confidences
            reasons_col += texts
            for c, values in components.items():
                component_cols[c] += map(shared.setdefault, values, values)
            blocked.update(done - len(fits) + j for j in blocked_here)
            tick(done)
    scorer.forget()
    table.data["fit_score"], table.data["score"] = fit_col, score_col
    with progress.step("ranking", 4, "steps") as tick:  # (1.6 s of a 1M-row list)
        table.data["rank"] = _ranks(table, score_col, fit_col, blocked, tick)
    table.data["confidence"], table.data["reasons"] = confidence_col, reasons_col
    table.meta["reasons_lang"] = language
    for c in COMPONENTS:
        table.data[f"score_{c}"] = component_cols[c]
    table.meta["scoring"] = {"brand": brand.name, "fields": [label for label, _ in
                                                            scorer.fields.texts + scorer.fields.brands],
                             "method": method_lines(brand, language)}
    return Scores(table, scorer, len(blocked))


def fill_reasons(table: Table, scores: Scores, rows: Sequence[int]) -> None:
    """Write the reasons of `rows` (a table scored with `reasons=False`), in the scoring's language."""
    lang = str(table.meta.get("reasons_lang") or "en")
    column = table.get("reasons")
    for i in rows:
        if table.get("score")[i] is not None:
            column[i] = scores[i].reasons_in(lang)


def _ranks(table: Table, scores: list[float | None], fits: list[float | None],
           blocked: Collection[int], tick: progress.Tick) -> list[int | None]:
    """Ranks of the creator rows (best score first, then fit_score, followers, sheet order); a repeated
    account (duplicate_of set) shares the rank of its first row and takes no place. A row the profile
    blocks (an exclusion or a competitor: score 0) has no rank: it is no candidate, and no shortlist
    takes it. (Sorted by one key at a time, least significant first, so no tuple per row is made: at
    500k rows they took 75 MB.)"""
    n = len(table)
    followers = table.get("followers")
    order = [i for i in range(n) if scores[i] is not None and i not in blocked]  # sheet order: the last tie-break
    order.sort(key=lambda i: -(_num(followers[i]) or 0.0))
    tick(1)
    order.sort(key=lambda i: -(fits[i] or 0.0))
    tick(2)
    order.sort(key=lambda i: -(scores[i] or 0.0))
    tick(3)
    dups, platforms, handles = table.get("duplicate_of"), table.get("platform"), table.get("handle")
    repeats = [i for i in range(n) if dups[i] not in (None, "")]
    first_of: dict[tuple[Any, Any], int] = {}
    if repeats:
        wanted = {(platforms[i], handles[i]) for i in repeats}
        for i in range(n):
            if dups[i] in (None, "") and (platforms[i], handles[i]) in wanted:
                first_of.setdefault((platforms[i], handles[i]), i)
    repeated = {i for i in repeats if (platforms[i], handles[i]) in first_of}
    ranks: list[int | None] = [None] * n
    position = 0
    for i in order:
        if i not in repeated:
            position += 1
            ranks[i] = position
    for i in repeated:
        if scores[i] is not None:
            ranks[i] = ranks[first_of[(platforms[i], handles[i])]]
    tick(4)
    return ranks


def _starts_at(start: int, token: Token) -> bool:
    return token.start == start


def _is_collab_word(word: str) -> bool:
    return any(word.startswith(w[:-1]) if w.endswith("*") else word == w for w in COLLAB_WORDS)


def _tag_names(tag: str, name: str) -> bool:
    """A hashtag or mention glued without capitals names the brand when the brand's own words split
    it ("#typologyparis" names Typology; "#nontypology" does not): `textmatch.split_tag`."""
    name_key, vocab, _ = tag_vocabulary(name)
    return name_key in split_tag(tag, vocab)


def mentions_brand(text: Prepared, name: str) -> bool:
    """Whether free text mentions the brand `name` as a collaboration: `@name`/`#name` (a tag that is
    the name or starts with its words), or the name written with a capital near a collaboration word
    (COLLAB_WORDS, within COMPETITOR_WINDOW words). "Relancée en avril" does not mention Avril;
    "A travaillé avec Avril", "collab Avril", "@avril" do."""
    want = [t.folded for t in _term_tokens(name)]
    if not want or any(f" {w} " not in text.padded for w in want) and not any(t.mark for t in text.tokens):
        return False  # the name's words are nowhere and there is no hashtag or mention to split
    toks = text.tokens
    n = len(want)
    if not n:
        return False
    compact = "".join(want)
    for i, t in enumerate(toks):
        if t.mark and t.start == i:
            tag = "".join(u.folded for u in takewhile(partial(_starts_at, i), toks[i:]))
            if tag == compact or _tag_names(tag, name):
                return True
        if [u.folded for u in toks[i:i + n]] != want:
            continue
        if t.mark and t.start == i:
            return True  # @typology_paris, #TypologyParis
        if all(u.raw[:1].isupper() for u in toks[i:i + n]):
            near = toks[max(0, i - COMPETITOR_WINDOW):i] + toks[i + n:i + n + COMPETITOR_WINDOW]
            if any(_is_collab_word(u.folded) for u in near):
                return True
    return False


@dataclass(frozen=True)
class _Hits:
    """What one text matches: indexes of the profile's terms, exclusions and competitors."""

    terms: frozenset[int]
    exclusions: frozenset[int]
    competitors: frozenset[int]


def _match_text(text: str, brands: bool, vocab: dict[str, str], neutral: Sequence[str],
                terms: list[tuple[str, float, list[str]]], exclusions: list[str],
                competitors: list[tuple[str, str]]) -> _Hits | None:
    """Tokenise one text and match the profile against it (None for a text without words). A brands
    column ("Marques", "Collabs") names a competitor by any mention; free text only as a collaboration
    (`mentions_brand`), and only free text counts for values and themes."""
    p = Prepared(text) if brands else Prepared(text, vocab, neutral)
    if not p:
        return None
    found_terms = frozenset() if brands else frozenset(
        i for i, (_, _, keys) in enumerate(terms) if p.has_any(keys))
    found_exclusions = frozenset(j for j, word in enumerate(exclusions) if p.has_exact(word))
    found_competitors = frozenset(j for j, (name, kw) in enumerate(competitors)
                                  if (p.has(kw) if brands else mentions_brand(p, name)))
    return _Hits(found_terms, found_exclusions, found_competitors)


def _fit(r: RowScore, texts: Sequence[tuple[str, _Hits]], terms: list[tuple[str, float, list[str]]],
         total_weight: float) -> None:
    if not terms:
        r.components["fit"] = NEUTRAL
        r.known["fit"] = 0.0
        r.note("fit", "no_terms")
        return
    if not texts:
        r.components["fit"] = 0.0
        r.known["fit"] = 0.0
        r.missing.append("texts")
        r.note("fit", "no_text")
        return
    matched = 0.0
    for i in sorted(frozenset().union(*(h.terms for _, h in texts))):
        term, weight, _ = terms[i]
        where = next(label for label, h in texts if i in h.terms)  # the first field that has it
        r.matches.append((term, where, weight))
        matched += weight
    r.components["fit"] = 100.0 * min(1.0, matched / (FIT_FULL_SHARE * total_weight)) ** FIT_CURVE
    r.known["fit"] = 1.0
    if not r.matches:
        r.note("fit", "no_match")


def _benchmark(row: dict[str, Any]) -> tuple[float | None, str]:
    """(ratio of the creator's ER to its benchmark, its statistic: "" for the tier median)."""
    ratio = _num(row.get("er_vs_tier"))
    if ratio is not None:
        return ratio, ""
    try:
        from .thresholds import er_benchmark
    except ImportError:  # benchmarks not available in this build
        return None, ""
    band = er_benchmark(row.get("platform"), _num(row.get("followers")))
    if band is None:
        return None, ""
    er = _num(row.get("engagement_rate_views") if band.basis == "views" else row.get("engagement_rate"))
    if er is None:
        return None, ""
    return er / band.value, band.statistic


def _implausible(row: dict[str, Any], ratio: float) -> bool:
    """Whether the row's engagement is over ER_HIGH_RATIO x a typical account's (the er_high rule,
    thresholds.er_high_reference): a rate far over a "good" level only is a good account, not rewarded less."""
    if er_benchmark(row.get("platform"), _num(row.get("followers"))) is None:
        return ratio > ER_HIGH_RATIO  # (a ratio the sheet gave: its own benchmark)
    ref = er_high_reference(row.get("platform"), _num(row.get("followers")))
    er = None if ref is None else _num(row.get("engagement_rate_views" if ref.basis == "views" else "engagement_rate"))
    return ref is not None and er is not None and er > ER_HIGH_RATIO * ref.value


def _engagement(r: RowScore, row: dict[str, Any], brand: Brand) -> None:
    er = _num(row.get("engagement_rate"))
    ratio, basis = _benchmark(row)
    if ratio is None:
        r.components["engagement"] = NEUTRAL
        r.known["engagement"] = 0.0
        r.missing.append("engagement_rate" if er is None else "engagement_benchmark")
    else:
        if ratio <= 1:
            value = ENGAGEMENT_AT_BENCHMARK * max(ratio, 0.0)
        else:
            value = ENGAGEMENT_AT_BENCHMARK + (100 - ENGAGEMENT_AT_BENCHMARK) * min(
                1.0, (ratio - 1) / (ENGAGEMENT_FULL_RATIO - 1))
        r.known["engagement"] = 1.0
        if basis:
            r.note("engagement", "er_ratio", ratio=("x", round(ratio, 1)),
                   platform=("platform", str(row.get("platform"))), basis=basis)
        else:
            r.note("engagement", "er_ratio_tier", ratio=("x", round(ratio, 1)))
        if "er_high" in str(row.get("flags") or "").split(", ") or _implausible(row, ratio):
            # implausibly high (pods, giveaways, a wrong column): flagged, never rewarded
            value = min(value, ENGAGEMENT_AT_BENCHMARK)
            r.note("engagement", "er_high", limit=("limit", ER_HIGH_RATIO), flag=("flags", "er_high"))
        r.components["engagement"] = value
    if er is not None and brand.min_engagement is not None and er < brand.min_engagement:
        r.components["engagement"] = min(r.components["engagement"], ENGAGEMENT_CAP_BELOW_MIN)
        r.note("engagement", "er_below_min", er=("pct", _shown(er, 3)), minimum=("pct", brand.min_engagement))
    growth = _num(row.get("growth_30d_pct"))
    if growth is not None:
        r.note("engagement", "growth", growth=("signed", round(growth, 1)))


# The cells the authenticity, reach and audience components read: a list has few distinct
# combinations of them, so they are computed once per combination.
# (Two memos: flag sentences are nearly one per flagged row, and platform, tier and places few.)
AUTHENTICITY_INPUTS = ("authenticity", "flags", "flag_reasons")
PLACE_INPUTS = ("platform", "tier", "country", "language")
_AUTHENTICITY_KEY, _PLACE_KEY = itemgetter(*AUTHENTICITY_INPUTS), itemgetter(*PLACE_INPUTS)


def _memoised(components: tuple[Any, ...], inputs: Callable[[dict[str, Any]], tuple[Any, ...]],
              memo: dict[tuple[Any, ...], RowScore], r: RowScore, row: dict[str, Any], brand: Brand) -> None:
    """Run components that depend only on the cells `inputs` picks (a tuple of them) once per distinct
    value of them, then copy their result into the row's score."""
    key = inputs(row)
    try:
        done = memo.get(key)
    except TypeError:  # an unhashable cell (a list): computed for this row only
        done, key = None, ()
    if done is None:
        done = RowScore()
        for component in components:
            component(done, row, brand)
        if key and len(memo) < SCORE_TEXT_MEMO:
            memo[key] = done
    _merge(r, done)


def _copied(done: RowScore) -> RowScore:
    """A fresh score holding a memoised part's components and notes (its lists copied, not shared)."""
    return RowScore(done.components.copy(), done.known.copy(), done.matches.copy(), done.blockers.copy(),
                    done.notes.copy(), done.details.copy(), done.missing.copy())


def _merge(r: RowScore, done: RowScore) -> None:
    """Copy a memoised part of a score (some components, their notes) into a row's score."""
    r.components.update(done.components)
    r.known.update(done.known)
    if done.matches:
        r.matches += done.matches
    if done.blockers:
        r.blockers += done.blockers
    r.notes += done.notes
    if done.details:
        r.details += done.details
    if done.missing:
        r.missing += done.missing


def _authenticity(r: RowScore, row: dict[str, Any], brand: Brand | None = None) -> None:
    value = _num(row.get("authenticity"))
    flags = _text(row.get("flag_reasons")) or _text(row.get("flags"))
    if value is None:
        r.components["authenticity"] = NEUTRAL
        r.known["authenticity"] = 0.0
        r.missing.append("authenticity")
    else:
        r.components["authenticity"] = max(0.0, min(100.0, value))
        r.known["authenticity"] = 1.0
        r.note("authenticity", "authenticity", value=("int", round(value)))
    if flags:  # the sentences (or the codes) in the reasons' language, whichever the list holds
        r.note("authenticity", "flags", flags=("prose" if _text(row.get("flag_reasons")) else "flags", flags))


def _reach(r: RowScore, row: dict[str, Any], brand: Brand) -> None:
    from .thresholds import TIER_NAMES

    parts: list[float] = []
    wanted = 0
    platform, tier = row.get("platform"), row.get("tier")
    if brand.platforms:
        wanted += 1
        if platform:
            ok = platform in brand.platforms
            parts.append(100.0 if ok else 0.0)
            r.note("reach", "platform_ok" if ok else "platform_no", platform=("platform", platform))
    if brand.tiers:
        wanted += 1
        if tier in TIER_NAMES:
            if tier in brand.tiers:
                parts.append(100.0)
                r.note("reach", "tier_ok", tier=("tier", tier))
            else:
                i = TIER_NAMES.index(tier)
                near = any(abs(i - TIER_NAMES.index(t)) == 1 for t in brand.tiers)
                parts.append(REACH_ADJACENT_TIER if near else 0.0)
                r.note("reach", "tier_near" if near else "tier_no", tier=("tier", tier),
                       **({"points": ("int", REACH_ADJACENT_TIER)} if near else {}))
    if not wanted:
        r.components["reach"], r.known["reach"] = NEUTRAL, 1.0
        r.detail("reach", "no_reach_preference")
        return
    if not parts:
        r.components["reach"], r.known["reach"] = NEUTRAL, 0.0
        r.missing.append("platform/tier")
        return
    # a missing part counts neutral
    r.components["reach"] = (sum(parts) + NEUTRAL * (wanted - len(parts))) / wanted
    r.known["reach"] = len(parts) / wanted


def _audience(r: RowScore, row: dict[str, Any], brand: Brand) -> None:
    checks: list[tuple[list[str], Any, dict[str, str], str]] = [
        (brand.countries, row.get("country"), _COUNTRY_CODES, "country"),
        (brand.languages, row.get("language"), _LANGUAGE_CODES, "language"),
    ]
    parts: list[float] = []
    wanted = 0
    for want, have, codes, what in checks:
        if not want:
            continue
        wanted += 1
        text = _text(have)
        if text is None:
            r.missing.append(what)
            continue
        ok = bool(place_codes(text, codes) & _wanted_codes(tuple(want), what))
        parts.append(100.0 if ok else 0.0)
        if ok:
            r.note("audience", "place_ok", text=text)
        else:
            r.note("audience", "place_no", what=what, text=text)
    if not wanted:
        r.components["audience"], r.known["audience"] = NEUTRAL, 1.0
        r.detail("audience", "no_audience_preference")
        return
    r.components["audience"] = (sum(parts) + NEUTRAL * (wanted - len(parts))) / wanted
    r.known["audience"] = len(parts) / wanted


@lru_cache(maxsize=64)
def _wanted_codes(want: tuple[str, ...], what: str) -> frozenset[str]:
    """The codes of the countries or languages a profile wants (computed once per profile)."""
    codes = _COUNTRY_CODES if what == "country" else _LANGUAGE_CODES
    return frozenset().union(*(place_codes(w, codes) for w in want))


def _convert(amount: float, src: str | None, dst: str) -> float | None:
    if not src or src == dst or src.upper() == dst.upper() or amount == 0:  # (nothing is nothing in any money)
        return amount
    try:
        from .thresholds import convert

        return convert(amount, src, dst)
    except (ImportError, KeyError):
        return None


def _cost(r: RowScore, row: dict[str, Any], brand: Brand) -> None:
    currency = brand.budget.currency
    quote = _num(row.get("price_quoted"))
    band_cur = _text(row.get("price_currency")) or currency
    quote_cur = _text(row.get("currency")) or band_cur
    low, high = _num(row.get("est_price_low")), _num(row.get("est_price_high"))
    top = _num(row.get("price_quoted_high"))
    # (a quote is said as asked, in its own currency, and what it came to when converted: "£1,500 ≈ $1,918")
    if quote is not None and (counted := counted_amount(quote, top)) != quote:  # "300-500 €": the middle
        middle = _convert(counted, quote_cur, currency)
        if middle is not None and top is not None:
            r.note("cost", "quote_range", low=("cash", (round(quote), quote_cur)), high=("cash", (round(top), quote_cur)),
                   price=("conv", (round(counted), quote_cur, round(middle))), currency=currency)
        quote = counted
    asked = quote
    if quote is not None:
        quote = _convert(quote, quote_cur, currency)
        if quote is None:  # no rate between the two currencies: said, and the estimate weighs instead
            r.note("cost", "quote_not_comparable", quote=("money", round(asked or 0)), currency=quote_cur,
                   target=currency)
        per = row.get("price_per")
        posts = deliverables(per if isinstance(per, str) else None)
        if posts > 1 and quote is not None and asked is not None:  # "800 € / 2 vidéos": a post's share
            r.note("cost", "quote_per_post", total=("cash", (round(asked), quote_cur)), per=str(per),
                   price=("conv", (round(asked / posts), quote_cur, round(quote / posts))), currency=currency)
            quote /= posts
            asked /= posts
    if low is not None:
        low = _convert(low, band_cur, currency)
    if high is not None:
        high = _convert(high, band_cur, currency)
    price = quote if quote is not None else ((low + high) / 2 if low is not None and high is not None else None)
    budget = brand.budget.per_post
    if price is None or (budget is None and (quote is None or high is None)):
        r.components["cost"], r.known["cost"] = NEUTRAL, 0.0
        r.missing.append("price" if price is None else "budget")
        r.detail("cost", "no_price" if price is None else "no_budget")
        return
    value = 100.0
    what = "quote" if quote is not None else "estimated price"
    if price == 0:
        r.note("cost", "gifting", what=what)
    elif budget is not None:
        said = ("conv", (round(asked), quote_cur, round(price))) if quote is not None and asked is not None else (
            "money", round(price))
        key = "within_budget"
        if price > budget:
            ratio = price / budget if budget else math.inf
            value = max(0.0, 100.0 * (1 - (ratio - 1) / (COST_ZERO_RATIO - 1)))
            key = "over_budget"
        r.note("cost", key, what=what, price=said, budget=("money", round(budget)), currency=currency)
    # the fair band second: a market estimate, weighed less than the brand's own budget
    if quote is not None and high is not None and quote > high > 0:
        excess = quote / high - 1
        if budget is not None:
            penalty = min(COST_OVER_BAND_MAX_PENALTY, COST_OVER_BAND_MAX_PENALTY * excess)
            value = max(0.0, value - penalty)
            if round(excess * 100) > 0:  # "0 % above the top (-0)" is no reason: said only from 1 %
                r.note("cost", "over_band", excess=("pct0", _shown(excess, 2)), high=("money", round(high)),
                       penalty=("int", round(penalty)), currency=currency)
        else:
            value *= max(0.0, 1 - excess)
            if round(excess * 100) > 0:
                r.note("cost", "over_band_no_budget", excess=("pct0", _shown(excess, 2)), high=("money", round(high)),
                       currency=currency)
    elif quote is not None and low is not None and 0 < quote < low:
        r.note("cost", "below_band")
    elif quote is not None and high is not None:
        r.note("cost", "within_band")
    r.components["cost"], r.known["cost"] = value, 1.0


# ===================================================================================== explanation


def method_lines(brand: Brand, lang: str = "en") -> list[str]:
    """How the score was computed, for the shortlist's second sheet and `--explain`, in `lang`."""
    w = brand.weights.as_dict()
    fr = lang == "fr"

    def g(x: float) -> str:
        return _g(x, lang)

    weighted = " + ".join(f"{g(w[c])} x {component_name(c, lang)}" for c in COMPONENTS)
    total = sum(w.values())
    fit_parts = [component_name(c, lang) for c in BRAND_FIT_COMPONENTS]
    if fr:
        return [
            f"score = {weighted}" + (f" (divisé par {g(total)}, la somme des poids)" if abs(total - 1) > 1e-9 else ""),
            "adéquation à la marque = la même moyenne pondérée, sur " + ", ".join(fit_parts[:-1])
            + f" et {fit_parts[-1]} seulement",
            f"affinité : 100 x (part pondérée des valeurs et thèmes trouvés dans les textes du créateur / "
            f"{g(FIT_FULL_SHARE)}) ^ {g(FIT_CURVE)}, au plus 100",
            f"engagement : taux d'engagement (TE) / repère du réseau et de la taille ; {g(ENGAGEMENT_AT_BENCHMARK)} au repère, 100 à "
            f"{g(ENGAGEMENT_FULL_RATIO)}x ; au plus {g(ENGAGEMENT_CAP_BELOW_MIN)} sous l'engagement minimum du profil",
            "authenticité : la colonne authenticité enrichie (0-100) ; les alertes sont citées dans les raisons",
            f"portée : réseau et palier voulus = 100, palier voisin = {g(REACH_ADJACENT_TIER)}, sinon 0",
            "audience : pays et langue voulus = 100, sinon 0",
            f"coût : le budget d'abord : dedans = 100, 0 à {g(COST_ZERO_RATIO)}x le budget ; puis la fourchette de "
            f"prix juste : un tarif au-dessus de son haut perd jusqu'à {g(COST_OVER_BAND_MAX_PENALTY)} points dans "
            "le budget (sa part d'excès sans budget dans le profil)",
            f"une donnée manquante compte {g(NEUTRAL)} et baisse la confiance ; un terme exclu ou un concurrent "
            "met le score à 0",
        ]
    return [
        f"score = {weighted}" + (f" (divided by {g(total)}, the sum of the weights)" if abs(total - 1) > 1e-9 else ""),
        "brand fit = the same weighted average over " + ", ".join(fit_parts[:-1]) + f" and {fit_parts[-1]} only",
        f"fit: 100 x (weighted share of values/themes found in the creator's texts / {FIT_FULL_SHARE:g}) ^ "
        f"{FIT_CURVE:g}, at most 100",
        f"engagement: ER / benchmark of platform and size; {ENGAGEMENT_AT_BENCHMARK:g} at the benchmark, 100 at "
        f"{ENGAGEMENT_FULL_RATIO:g}x; at most {ENGAGEMENT_CAP_BELOW_MIN:g} under the profile's minimum engagement",
        "authenticity: the enriched authenticity column (0-100); flags are cited in reasons",
        f"reach: wanted platform and tier = 100, adjacent tier = {REACH_ADJACENT_TIER:g}, else 0",
        "audience: wanted country and language = 100, else 0",
        f"cost: the budget first: within it = 100, 0 at {COST_ZERO_RATIO:g}x it; then the fair band: a quote "
        f"above its top loses up to {COST_OVER_BAND_MAX_PENALTY:g} points within the budget (its excess share "
        "when the profile has no budget)",
        f"missing data counts {NEUTRAL:g} and lowers confidence; an exclusion or competitor hit sets score 0",
    ]


def find_rows(table: Table, handle: str) -> list[int]:
    """Rows whose handle (or creator name) is `handle`, '@' and case ignored."""
    wanted = handle.lstrip("@").strip().lower()
    rows = [i for i, h in enumerate(table.get("handle")) if isinstance(h, str) and h.lower() == wanted]
    if not rows:
        rows = [i for i, c in enumerate(table.get("creator")) if isinstance(c, str) and c.strip().lower() == wanted]
    return rows


EXPLAIN_WORDS: dict[str, tuple[str, str]] = {
    "head": ("{name} ({where}) face à {brand} : score {score}, adéquation à la marque {fit}, {place}, confiance "
             "{confidence} ({share} du poids appuyé sur des données)",
             "{name} ({where}) against {brand}: score {score}, brand fit {fit}, {place}, confidence "
             "{confidence} ({share} of the weight backed by data)"),
    "place": ("rang {rank} sur {of}", "rank {rank} of {of}"),
    "unranked": ("non classé", "not ranked"),  # blocked by the profile (`_ranks`)
    "blocked": ("BLOQUÉ : {items}", "BLOCKED: {items}"),
    "match": ("+ {term} ({where}, poids {weight})", "+ {term} ({where}, weight {weight})"),
    "no_data": (" [pas de données]", " [no data]"), "partial": (" [données partielles]", " [partial data]"),
    "missing": ("manque : {items}", "missing: {items}"),
    "high": ("élevée", "high"), "medium": ("moyenne", "medium"), "low": ("faible", "low"),
}


def _g(x: float, lang: str) -> str:
    """A number as `--explain` writes it: 1.5, or 1,5 in French."""
    return f"{x:g}".replace(".", ",") if lang == "fr" else f"{x:g}"


def _ew(key: str, lang: str, **params: Any) -> str:
    pair = EXPLAIN_WORDS[key]
    return (pair[0] if lang == "fr" else pair[1]).format(**params)


def explain_data(table: Table, results: Sequence[RowScore], index: int, brand: Brand, lang: str = "en") -> dict[str, Any]:
    """One row's breakdown as data (what `score --explain HANDLE -f json` prints): its numbers, each
    component's value, weight, share backed by data and notes, in `lang`."""
    r = results[index]
    weights = brand.weights.as_dict()
    ranked = max((x for x in table.get("rank") if x is not None), default=0) or len(results)  # places given
    components = {}
    for c in COMPONENTS:
        notes = [_ew("match", lang, term=t, where=word(w, lang), weight=_g(wt, lang)) for t, w, wt in r.matches] \
            if c == "fit" else []
        notes += [reason_text(n, lang) for n in r.notes_of(c, details=True)]
        components[c] = {"value": round(r.components[c], 1), "weight": weights[c], "known": round(r.known.get(c, 0.0), 2),
                         "notes": notes}
    return {"row": table.source_rows[index] if index < len(table.source_rows) else index + 2,
            "creator": table.get("creator")[index], "platform": table.get("platform")[index],
            "handle": table.get("handle")[index], "brand": brand.name, "score": r.score, "fit_score": r.fit_score,
            "rank": r.rank, "of": ranked, "confidence": r.confidence, "confidence_share": r.confidence_share,
            "blocked": [reason_text(b, lang) for b in r.blockers], "components": components,
            "missing": [word(m, lang) for m in r.missing], "reasons": r.reasons_in(lang)}


def explain(table: Table, results: Sequence[RowScore], index: int, brand: Brand, lang: str = "en") -> list[str]:
    """The full breakdown of one row, as lines of text in `lang`."""
    from .labels import join_items

    d = explain_data(table, results, index, brand, lang)
    fr = lang == "fr"
    where = " ".join(str(x) for x in (d["platform"], d["handle"]) if x)

    def n(x: float) -> str:
        return _g(x, lang)

    share = f"{d['confidence_share']:.0%}".replace("%", " %") if fr else f"{d['confidence_share']:.0%}"
    place = _ew("place", lang, rank=d["rank"], of=d["of"]) if d["rank"] else _ew("unranked", lang)
    lines = [_ew("head", lang, name=d["creator"] or d["handle"], where=where, brand=d["brand"], score=n(d["score"]),
                 fit=n(d["fit_score"]), place=place, confidence=_ew(d["confidence"], lang), share=share)]
    if d["blocked"]:
        lines.append(_ew("blocked", lang, items=join_items(d["blocked"], lang)))
    for c, comp in d["components"].items():
        known = "" if comp["known"] >= 1 else _ew("no_data" if comp["known"] == 0 else "partial", lang)
        value = f"{comp['value']:6.1f}".replace(".", ",") if fr else f"{comp['value']:6.1f}"
        lines.append(f"  {component_name(c, lang):<13}{value}  x {n(comp['weight'])}{known}  "
                     + join_items(comp["notes"], lang))
    if d["missing"]:
        lines.append(_ew("missing", lang, items=", ".join(d["missing"])))
    return lines
