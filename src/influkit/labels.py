"""Column labels and stage words in French and English, and the language of a sheet's headers.

What influkit writes into the user's own sheet (`io.inplace`) speaks the sheet's language: a French
sheet gets `Taux d'engagement`, `Palier`, `Authenticité`; an English one `Engagement rate`, `Tier`,
`Authenticity`. Every label reads back as its column: a label is either unknown to the header
synonyms of `influkit.schema` or a synonym of the same column (tests check it), so a sheet enriched
in place can be read again.

- `label(column, lang)`: the header of a canonical or computed column ("engagement_rate", "fr").
- `stage_word(stage, lang)`: the status word of a funnel stage ("contacted", "fr" -> "Contacté").
- `detect_language(headers)`: "fr" or "en", from the words of the headers (English when nothing
  tells).
- `column_of_label(header)`: the column a label names, in either language, or None.
- `influkit_only(header)`: a label no user header means anything else by (not a header synonym):
  proof that a column was written by influkit.
- `computed_label(header)`: (column, platform) of the label of a column influkit computes and writes
  into the user's sheet (engagement rate, tier, trend...), else None.
- `influkit_run(headers)`: the columns influkit wrote into a sheet, found by their labels (when the
  workbook's hidden `_influkit_columns` name does not say): the one rule the in-place writer (to find
  its columns again) and the reader (not to read them as the user's) share.
- `value_word(column, code, lang)`: a code column's value in words (tier "mid" -> "intermédiaire",
  flags "er_high" -> "engagement anormalement élevé"), `code_of_word` back.
- `setting_word(key, lang)`: a brand profile's setting in words ("min_engagement" -> "minimum engagement").
- `prose(text, lang)` / `localize(table, lang)`: the sentences of the prose columns (issues, er_method,
  price_method, flag_reasons) in a language, from either one (MESSAGES and thresholds.FLAGS).
- `sheet_language(table, lang)` / `table_language(table, lang)`: the language a client reads.
- `colon(lang)`, `semicolon(lang)` / `join_items(parts, lang)`: a label's colon and a list's separator in
  each language's typography; `items(text)` / `split_items(text)` read a list back with either separator.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache, partial
from typing import Any

from . import progress
from .text import fold_key

LANGUAGES = ("fr", "en")
COLLISION_SUFFIX = {"fr": " (influkit)", "en": " (influkit)"}

# The score's components (fit.COMPONENTS) as a reader of each language calls them: in the score_<component>
# columns' labels, a profile's weights, the scoring method and `--explain`.
COMPONENT_WORDS: dict[str, tuple[str, str]] = {
    "fit": ("affinité", "fit"), "engagement": ("engagement", "engagement"),
    "authenticity": ("authenticité", "authenticity"), "reach": ("portée", "reach"),
    "audience": ("audience", "audience"), "cost": ("coût", "cost"),
}

# canonical and computed column -> (French, English)
LABELS: dict[str, tuple[str, str]] = {
    "creator": ("Créateur", "Creator"),
    "platform": ("Réseau", "Platform"),
    "handle": ("Pseudo", "Handle"),
    "profile_url": ("Lien du profil", "Profile link"),
    "followers": ("Abonnés", "Followers"),
    "following": ("Abonnements", "Following"),
    "posts": ("Publications", "Posts"),
    "avg_likes": ("Likes moyens", "Average likes"),
    "avg_comments": ("Commentaires moyens", "Average comments"),
    "avg_views": ("Vues moyennes", "Average views"),
    "avg_shares": ("Partages moyens", "Average shares"),
    "engagement_rate": ("Taux d'engagement", "Engagement rate"),
    "engagement_rate_views": ("Taux d'engagement (vues)", "Engagement rate (views)"),
    "er_method": ("Méthode du taux", "ER method"),
    "tier": ("Palier", "Tier"),
    "category": ("Thématique", "Category"),
    "country": ("Pays", "Country"),
    "language": ("Langue", "Language"),
    "bio": ("Bio", "Bio"),
    "email": ("E-mail", "Email"),
    "stage": ("Statut", "Status"),
    "stage_said": ("Statut noté par l'équipe", "Status as written"),
    "channel": ("Canal", "Outreach channel"),
    "owner": ("Responsable", "Owner"),
    "contacted_on": ("Date de contact", "Contacted on"),
    "replied_on": ("Date de réponse", "Replied on"),
    "deal_on": ("Date de signature", "Deal on"),
    "published_on": ("Date de publication", "Published on"),
    "price_quoted": ("Prix demandé", "Price quoted"),
    "price_quoted_high": ("Prix demandé (haut)", "Price quoted (high)"),
    "price_per": ("Prix pour", "Price per"),
    "price_tax": ("HT / TTC", "Tax basis"),
    "price_note": ("Note sur le prix", "Price note"),
    "emails": ("E-mails", "E-mails"),
    "vendor_er": ("Taux d'engagement (outil)", "Engagement rate (vendor)"),
    "vendor_er_basis": ("Base du taux (outil)", "Vendor rate basis"),
    "sheet": ("Onglet", "Tab"),
    "row_kind": ("Type de ligne", "Row kind"),
    "currency": ("Devise", "Currency"),
    "promo_code": ("Code promo", "Promo code"),
    "notes": ("Notes", "Notes"),
    "duplicate_of": ("Doublon de la ligne", "Duplicate of row"),
    "issues": ("Problèmes de lecture", "Reading issues"),
    # computed by later stages (schema.DERIVED)
    "er_vs_tier": ("TE / médiane du palier", "ER vs tier median"),  # (TE: taux d'engagement, the French ER)
    "er_percentile": ("Percentile du taux d'engagement", "ER percentile"),
    "est_price_low": ("Prix estimé bas", "Estimated price low"),
    "est_price_high": ("Prix estimé haut", "Estimated price high"),
    "price_currency": ("Devise du prix estimé", "Estimated price currency"),
    "cpe": ("Coût par engagement", "Cost per engagement"),
    "cpm": ("Coût pour mille (vues, sinon abonnés)", "Cost per thousand (views, else followers)"),
    "price_method": ("Méthode du prix", "Price method"),
    "growth_7d": ("Gain d'abonnés 7 j", "Follower gain 7 days"),
    "growth_30d": ("Gain d'abonnés 30 j", "Follower gain 30 days"),
    "growth_90d": ("Gain d'abonnés 90 j", "Follower gain 90 days"),
    "growth_7d_pct": ("Croissance 7 j (%)", "Growth 7 days (%)"),
    "growth_30d_pct": ("Croissance 30 j (%)", "Growth 30 days (%)"),
    "growth_90d_pct": ("Croissance 90 j (%)", "Growth 90 days (%)"),
    "trend": ("Tendance", "Trend"),
    "trend_window": ("Fenêtre de tendance", "Trend window"),
    "flags": ("Alertes", "Flags"),
    "flag_reasons": ("Raisons des alertes", "Flag reasons"),
    "authenticity": ("Authenticité", "Authenticity"),
    "er_mean": ("TE moyen des posts", "Mean ER of posts"),
    "er_median": ("TE médian des posts", "Median ER of posts"),
    "er_views_mean": ("TE moyen par vues", "Mean ER by views"),
    "er_views_median": ("TE médian par vues", "Median ER by views"),
    "posts_per_week": ("Posts par semaine", "Posts per week"),
    "days_since_last_post": ("Jours depuis le dernier post", "Days since last post"),
    "best_posts": ("Meilleurs posts", "Best posts"),
    "last_post_on": ("Date du dernier post", "Last post on"),
    "followers_rounded": ("Abonnés arrondis", "Followers rounded"),
    "live_source": ("Source des stats", "Stats source"),
    "live_sample": ("Échantillon des stats", "Stats sample"),
    "fit_score": ("Adéquation à la marque", "Brand fit score"),
    "score": ("Score", "Score"),
    "rank": ("Rang", "Rank"),
    "confidence": ("Confiance", "Confidence"),
    "reasons": ("Raisons du score", "Score reasons"),
    **{f"score_{c}": (f"Score : {fr}", f"Score: {en}") for c, (fr, en) in COMPONENT_WORDS.items()},
    "tracked_url": ("Lien suivi", "Tracked link"),
}

# Labels influkit wrote before (a sheet enriched by an older version): still found as influkit's own
# column, and renamed to the current label on the next write.
FORMER_LABELS: dict[str, tuple[tuple[str, str], ...]] = {
    "cpm": (("Coût pour mille vues", "Cost per thousand views"),),
    # French labels that said "ER" (the English abbreviation) before 2026-12
    "er_vs_tier": (("ER / médiane du palier", "ER vs tier median"),),
    "er_percentile": (("Percentile d'ER", "ER percentile"),),
    "er_mean": (("ER moyen des posts", "Mean ER of posts"),),
    "er_median": (("ER médian des posts", "Median ER of posts"),),
    "er_views_mean": (("ER moyen par vues", "Mean ER by views"),),
    "er_views_median": (("ER médian par vues", "Median ER by views"),),
}

STAGE_WORDS: dict[str, tuple[str, str]] = {
    "identified": ("Identifié", "Identified"),
    "contacted": ("Contacté", "Contacted"),
    "replied": ("A répondu", "Replied"),
    "negotiating": ("En négociation", "Negotiating"),
    "deal": ("Signé", "Signed"),
    "published": ("Publié", "Published"),
    "declined": ("Refusé", "Declined"),
    "no_reply": ("Pas de réponse", "No reply"),
}

PLATFORM_NAMES: dict[str, str] = {
    "instagram": "Instagram", "tiktok": "TikTok", "youtube": "YouTube", "x": "X", "twitch": "Twitch",
    "facebook": "Facebook", "linkedin": "LinkedIn", "threads": "Threads", "pinterest": "Pinterest",
    "snapchat": "Snapchat", "blog": "Blog",
}

# Header words that tell a language (folded), beyond the labels above.
def _words(text: str, *more: str) -> frozenset[str]:
    return frozenset([*text.split(), *more])


_FRENCH_WORDS = _words(
    "abonnes abonnements nom prenom reseau pseudo lien statut pays langue thematique categorie createur "
    "createurice createur rice commentaires vues partages publications devise prix tarif remarques date de du des "
    "d la le les moyens moyennes moyen nombre taux compte chaine identifiant courriel suivi etape etat "
    "avancement responsable contacte repondu signe publie reponse signature communaute influenceur "
    "influenceuse palier notes internes interne bio", "a propos", "e mail")
_ENGLISH_WORDS = _words(
    "name followers following status country language category creator comments views shares posts "
    "currency price rate engagement average avg likes account channel username profile link contacted "
    "replied signed published date owner notes internal tier influencer handle subscribers of on the "
    "email")
_SHARED = frozenset(["notes", "bio", "email", "e mail", "date", "posts", "code"])


def label(column: str, lang: str = "en") -> str:
    """The header influkit writes for a column in a language; the column's name when unknown."""
    pair = LABELS.get(column)
    if pair is None:
        return column
    return pair[0] if lang == "fr" else pair[1]


def network_label(column: str, platform: str | None, lang: str = "en") -> str:
    """The per-network header of a wide sheet: "Taux d'engagement Instagram"."""
    base = label(column, lang)
    if not platform:
        return base
    return f"{base} {PLATFORM_NAMES.get(platform, platform.capitalize())}"


def stage_word(stage: str, lang: str = "en") -> str:
    pair = STAGE_WORDS.get(stage)
    if pair is None:
        return stage
    return pair[0] if lang == "fr" else pair[1]


@lru_cache(maxsize=1)
def _label_index() -> dict[str, tuple[str, str | None]]:
    """Folded label -> (column, platform) in both languages, per-network labels included. Each label is
    folded once: the folded form of "label Network (influkit)" is the label's, the network's and the
    suffix's joined by spaces (`fold_key` folds word by word), 10x fewer folds (~20 ms a run)."""
    index: dict[str, tuple[str, str | None]] = {}
    pairs = [(c, p) for c, p in LABELS.items()] + [(c, p) for c, ps in FORMER_LABELS.items() for p in ps]
    networks = [(platform, fold_key(name)) for platform, name in PLATFORM_NAMES.items()]
    for column, pair in pairs:
        for lang, text in zip(LANGUAGES, pair, strict=True):
            key, suffix = fold_key(text), fold_key(COLLISION_SUFFIX[lang])
            index.setdefault(key, (column, None))
            index.setdefault(_joined(key, suffix), (column, None))
            base = fold_key(label(column, lang))  # (a former label's per-network headers are the current label's)
            for platform, name in networks:
                for end in ("", suffix):
                    index.setdefault(_joined(base, name, end), (column, platform))
    return index


def _joined(*keys: str) -> str:
    """Folded keys as `fold_key` folds the texts they fold joined by spaces."""
    return " ".join(k for k in keys if k)


def column_of_label(header: object) -> tuple[str, str | None] | None:
    """(column, platform or None) of a label influkit writes, in either language; None otherwise."""
    if header is None:
        return None
    return _label_index().get(fold_key(header))


def influkit_only(header: object) -> bool:
    """A label influkit writes that no user header would mean differently (not a header synonym)."""
    from .schema import match_header, match_wide_header

    if column_of_label(header) is None:
        return False
    return match_header(header) is None and match_wide_header(header) is None


def computed_label(header: object) -> tuple[str, str | None] | None:
    """(column, platform) when the header is the label of a column influkit writes into the user's sheet
    (computed: engagement rate, tier, trend, reading issues...), else None."""
    from .schema import BY_NAME, DERIVED

    found = column_of_label(header)
    if found is None:
        return None
    column = BY_NAME.get(found[0])
    return found if (column is not None and column.computed) or found[0] in DERIVED else None


def influkit_run(headers: Mapping[int, object]) -> set[int]:
    """The positions (sheet columns) of the columns influkit wrote into a sheet, found by their labels.

    `headers` maps a column's position to its header. influkit writes its columns as one block to the
    right of the user's columns, each headed by its label in the sheet's language. So a run of adjacent
    headers that are all labels of columns influkit writes (not `Platform` or `Followers`, which users
    write too), that does not start at the sheet's first column, and that holds at least two labels no
    user header means anything else by (`influkit_only`) or one carrying the collision suffix
    (`Engagement rate (influkit)`), is influkit's. When the run holds both a plain label and the same
    column with the suffix (`Engagement rate` then `Engagement rate (influkit)`), the plain one and the
    headers before it are the user's: influkit added the suffix because the user had that header."""
    suffixes = tuple(COLLISION_SUFFIX.values())
    first = min(headers, default=None)
    ours: set[int] = set()
    run: list[int] = []

    def close() -> None:
        texts = [str(headers[i]) for i in run]
        suffixed = {computed_label(t) for t in texts if t.endswith(suffixes)}
        start = 0
        for j, t in enumerate(texts):
            if not t.endswith(suffixes) and computed_label(t) in suffixed:
                start = j + 1
        part, texts = run[start:], texts[start:]
        if part and part[0] != first and (
                sum(1 for t in texts if influkit_only(t)) >= 2 or any(t.endswith(suffixes) for t in texts)):
            ours.update(part)
        run.clear()

    for i in sorted(headers):
        if computed_label(headers[i]) is None:
            close()
            continue
        if run and i != run[-1] + 1:
            close()
        run.append(i)
    close()
    return ours


def sheet_language(table: Any, lang: str | None = None) -> str:
    """The language of what a client reads about this table: `lang` (checked), else the sheet's (its
    original headers and kept columns), else English."""
    chosen = check_lang(lang)
    if chosen:
        return chosen
    headers = [h for h in table.mapped.values() if not str(h).startswith("(")] + list(table.extra_columns)
    return detect_language(headers) if headers else "en"


def headers_language(headers: Iterable[object]) -> str:
    """The language of a sheet's header row: its own headers', the labels of the columns influkit wrote
    there (`computed_label`: "Engagement rate" left by `enrich --lang en` in a French sheet) left out
    unless nothing else is there. A later command writes its columns in the sheet's language, not in the
    language an earlier `--lang` gave influkit's columns."""
    every = list(headers)
    own = [h for h in every if computed_label(h) is None]
    return detect_language(own or every)


def detect_language(headers: Iterable[object]) -> str:
    """'fr' or 'en': which language's words the headers use most (English when undecided)."""
    fr = en = 0
    french_labels = {fold_key(p[0]) for p in LABELS.values()}
    english_labels = {fold_key(p[1]) for p in LABELS.values()}
    for header in headers:
        if header is None:
            continue
        text = str(header)
        key = fold_key(text)
        if not key:
            continue
        if key in _SHARED or (key in french_labels and key in english_labels):
            continue
        words = set(key.split())
        fr_hits = len(words & (_FRENCH_WORDS - _SHARED)) + (key in french_labels) * 2 + any(
            ch in text for ch in "éèêàçùôîÉÈ")
        en_hits = len(words & (_ENGLISH_WORDS - _SHARED)) + (key in english_labels) * 2
        if fr_hits > en_hits:
            fr += 1
        elif en_hits > fr_hits:
            en += 1
    return "fr" if fr > en else "en"


# ---------------------------------------------------------------------------------- report words
# Labels of the campaign report (`influkit report`) and of the client exports (shortlist, cards, funnel
# chart). Kept apart from LABELS: these are not columns read back from a sheet.

REPORT_LABELS: dict[str, tuple[str, str]] = {
    "sheet": ("Onglet", "Tab"),  # the tab a post was read from (several posts tabs)
    "row": ("Ligne", "Row"),  # a post's row in its sheet
    # metrics
    "posts": ("Publications", "Posts"), "creators": ("Créateurs", "Creators"), "networks": ("Réseaux", "Networks"),
    "views": ("Vues", "Views"), "views_estimated": ("Vues estimées", "Estimated views"),
    "reach": ("Portée", "Reach"), "likes": ("J'aime", "Likes"), "comments": ("Commentaires", "Comments"),
    "shares": ("Partages", "Shares"), "saves": ("Enregistrements", "Saves"),
    "engagements": ("Engagements", "Engagements"),
    "er_views": ("Taux d'engagement (vues)", "Engagement rate (views)"),
    "er_followers": ("Taux d'engagement (abonnés)", "Engagement rate (followers)"),
    "followers": ("Abonnés", "Followers"), "cost": ("Coût", "Cost"),
    "cpe": ("CPE (coût par engagement)", "CPE (cost per engagement)"),
    "cpm": ("CPM (coût pour 1 000 vues)", "CPM (cost per 1,000 views)"),
    "cpv": ("CPV (coût par vue)", "CPV (cost per view)"), "clicks": ("Clics", "Clicks"),
    "orders": ("Commandes", "Orders"), "revenue": ("Chiffre d'affaires", "Revenue"),
    "cpa": ("CPA (coût par commande)", "CPA (cost per order)"), "roas": ("ROAS", "ROAS"), "roi": ("ROI", "ROI"),
    "emv": ("EMV (estimation)", "EMV (estimate)"), "budget": ("Budget", "Budget"),
    # columns of the report's tables
    "creator": ("Créateur", "Creator"), "network": ("Réseau", "Network"), "format": ("Format", "Format"),
    "handle": ("Compte", "Account"), "link": ("Lien", "Link"), "published_on": ("Publié le", "Published on"),
    "promo_code": ("Code promo", "Promo code"), "disclosure": ("Mention", "Disclosure"),
    "compliance": ("Règles", "Rules"), "metric": ("Indicateur", "Metric"), "target": ("Objectif", "Target"),
    "actual": ("Réalisé", "Actual"), "progress": ("Atteinte", "Progress"), "status": ("Statut", "Status"),
    "benchmark": ("Référence", "Benchmark"), "rule": ("Règle", "Rule"), "text": ("Constat", "Finding"),
    "action": ("Action", "Action"), "subject": ("Pour", "About"), "source": ("Source", "Source"),
    "method": ("Méthode", "Method"), "value": ("Valeur", "Value"), "share": ("Part", "Share"),
    "spent": ("Dépensé", "Spent"), "remaining": ("Reste", "Remaining"), "coverage": ("Couverture", "Coverage"),
    "as_of": ("Relevé", "As of"), "basis": ("Nature", "Basis"), "measured": ("mesuré", "measured"),
    "estimated": ("estimé", "estimated"),
    "potential_reach": ("Portée potentielle", "Potential reach"), "milestones": ("Relevés J+n", "Milestones D+n"),
    # short table headers
    "h_posts": ("Publ.", "Posts"), "h_creators": ("Créat.", "Creators"), "h_er_views": ("Tx eng. vues", "ER views"),
    "h_er_followers": ("Tx eng. abonnés", "ER followers"), "h_orders": ("Cmd.", "Orders"), "h_revenue": ("CA", "Revenue"),
    "h_engagements": ("Engag.", "Engag."), "h_published_on": ("Date", "Date"), "h_networks": ("Réseaux", "Networks"),
    # analysis and recommendation groups
    "g_ranking": ("Classements", "Rankings"), "g_benchmark": ("Face aux références du marché", "Against the benchmarks"),
    "g_cost": ("Coûts", "Costs"), "g_disclosure": ("Mentions légales", "Disclosure"),
    "g_channels": ("Canaux de conversion", "Conversion channels"), "g_missing": ("Données manquantes", "Missing data"),
    "g_estimates": ("Estimations", "Estimates"), "g_creators": ("Créateurs", "Creators"),
    "g_budget": ("Budget", "Budget"), "g_fixes": ("Mentions à corriger", "Disclosures to fix"),
    "g_tracking": ("Mesure", "Tracking"),
    # where objectives came from
    "src_objectives": ("fixés pour ce bilan", "set for this report"), "src_budget": ("fixé pour ce bilan",
                                                                                   "set for this report"),
    "src_brand": ("profil de marque", "brand profile"), "src_workspace": ("campagne de l'espace de travail",
                                                                          "workspace campaign"),
    # the tabs of the client workbooks (the report's are its blocks)
    "tab_shortlist": ("Sélection", "Shortlist"), "tab_profile": ("Profil et méthode", "Brand and method"),
    "tab_check": ("Contrôle des mentions", "Disclosure check"),
    # blocks and headings
    "report_title": ("Bilan de campagne", "Campaign report"),
    "objectives_block": ("Rappel des objectifs", "Objectives"),
    "results_block": ("1. Résultats", "1. Results"),
    "analysis_block": ("2. Analyse et interprétation", "2. Analysis and interpretation"),
    "conclusion_block": ("3. Conclusion", "3. Conclusion"),
    "recommendations_block": ("4. Recommandations", "4. Recommendations"),
    "method_block": ("Méthode et sources", "Method and sources"),
    "key_figures": ("Chiffres clés", "Key figures"), "by_creator": ("Par créateur", "By creator"),
    "by_network": ("Par réseau", "By network"), "by_format": ("Par format", "By format"),
    "by_post": ("Par publication", "By post"), "against_objectives": ("Face aux objectifs", "Against the objectives"),
    "no_objectives": ("Aucun objectif n'a été fixé : le bilan décrit les résultats sans les juger.",
                      "No objective was set: the report describes the results without judging them."),
    "missing_data": ("Données manquantes", "Missing data"), "warnings": ("Avertissements", "Warnings"),
    "generated": ("Établi le", "Generated on"), "period": ("Période", "Period"),
    "snapshots": ("Relevés", "Snapshots"), "chart_views": ("Vues par créateur", "Views by creator"),
    "chart_engagements": ("Engagements par créateur", "Engagements by creator"),
    "chart_cost_revenue": ("Coût et chiffre d'affaires par créateur", "Cost and revenue by creator"),
    "chart_objectives": ("Atteinte des objectifs", "Objectives reached"),
    "chart_disclosure": ("Mentions légales des publications", "Disclosure of the posts"),
    "chart_er_format": ("Taux d'engagement par format", "Engagement rate by format"),
    # cards
    "favourite_network": ("Réseau favori", "Favourite network"), "category": ("Thématique", "Category"),
    "content_types": ("Types de contenu", "Content types"), "posting_frequency": ("Fréquence de publication",
                                                                              "Posting frequency"),
    "best_posts": ("Meilleures publications", "Best posts"), "brands": ("Marques partenaires", "Brands worked with"),
    "flags": ("Alertes", "Flags"), "country": ("Pays", "Country"), "contact": ("Contact", "Contact"),
    "score": ("Score", "Score"), "reasons": ("Raisons", "Reasons"), "tier": ("Palier", "Tier"),
    "er": ("Taux d'engagement", "ER"), "er_by_views": ("Taux d'engagement (vues)", "ER (views)"),
    "follower_history": ("Historique des abonnés", "Follower history"), "spike": ("pic", "spike"),
    "drop": ("chute", "drop"), "posts_per_week": ("publications par semaine", "posts/week"),
    "interactions": ("interactions", "interactions"), "account": ("Compte", "Account"),
    "to_check": ("à vérifier", "to check"),
    "banned_promotion": ("promotion interdite", "banned promotion"),
    "price": ("Prix", "Price"), "price_asked": ("demandés", "asked"), "price_fair": ("prix estimé", "fair price"),
    "price_for": ("pour", "for"), "price_each": ("par", "per"),
    "per_week_short": ("/sem.", "/week"),
    "card_score": ("{score} / 100 sur {network} (adéquation à la marque {fit}, rang {rank}, confiance {confidence})",
                   "{score} / 100 on {network} (brand fit {fit}, rank {rank}, confidence {confidence})"),
    "yes": ("oui", "yes"), "no": ("non", "no"),
    # the shortlist's Markdown and HTML table (short headers: the reasons carry the detail) and its words
    "sl_rank": ("#", "#"), "sl_creator": ("Créateur", "Creator"), "sl_platform": ("Réseau", "Platform"),
    "sl_handle": ("Compte", "Account"), "sl_followers": ("Abonnés", "Followers"), "sl_engagement_rate": ("TE", "ER"),
    "sl_tier": ("Palier", "Tier"), "sl_score": ("Score", "Score"), "sl_fit_score": ("Adéquation", "Brand fit"),
    "sl_price": ("Prix", "Price"), "sl_confidence": ("Confiance", "Confidence"), "sl_reasons": ("Pourquoi", "Why"),
    "sl_count": ("{n} créateur{s}, du meilleur au moins bon.", "{n} creator{s}, best first."),
    "sl_count_people": ("{n} comptes de {p} créateur{ps}, du meilleur au moins bon.",
                        "{n} accounts of {p} creator{ps}, best first."),
    "sl_profile": ("Profil de marque", "Brand profile"), "sl_method": ("Méthode", "Method"),
    "sl_setting": ("réglage", "setting"), "sl_value": ("valeur", "value"),
    "sl_ranks": ("# : rang dans cette sélection, de 1 à {n} ; le rang dans toute la liste est celui de "
                 "`influkit score`", "#: rank in this shortlist, 1 to {n}; the rank in the whole list is "
                 "`influkit score`'s"),
    "sl_left_out": ("écartés par leur statut, ni classés ni montrés ici : {counts} (--stage all pour les "
                    "inclure)", "left out by their status, neither ranked nor shown here: {counts} (--stage "
                    "all to include them)"),
    # a brand profile's budget
    "per_post": ("par publication", "per post"),
    # funnel chart
    "outreach_funnel": ("Entonnoir de prospection", "Outreach funnel"),
    "of_previous": ("de la précédente", "of previous"), "top_of_funnel": ("haut de l'entonnoir", "top of funnel"),
    "lost": ("perdus", "lost"), "as_of_day": ("au", "as of"),
    "unit_people": ("personnes", "people"), "unit_accounts": ("comptes", "accounts"),
    "unit_prospects": ("prospects", "prospects"),
}
FORMAT_WORDS: dict[str, tuple[str, str]] = {
    "reel": ("Reel", "Reel"), "post": ("Post", "Post"), "image": ("Image", "Image"), "video": ("Vidéo", "Video"),
    "story": ("Story", "Story"), "short": ("Short", "Short"), "carousel": ("Carrousel", "Carousel"),
    "live": ("Live", "Live"), "article": ("Article", "Article"),
    # a post whose format cannot be told (no format column, a link that does not say it): said in words
    "unknown": ("Format non précisé", "Format not given"),
}
# a post whose network cannot be told: said in words, not "?"
UNKNOWN_NETWORK: tuple[str, str] = ("Réseau non précisé", "Network not given")
DISCLOSURE_WORDS: dict[str, tuple[str, str]] = {
    "ok": ("conforme", "compliant"), "late": ("tardive", "late"), "insufficient": ("insuffisante", "insufficient"),
    "missing": ("absente", "missing"), "not_checked": ("non vérifiée", "not checked"),
    "block": ("interdite", "banned"),
}
STATUS_WORDS: dict[str, tuple[str, str]] = {
    "met": ("atteint", "reached"), "almost": ("presque atteint", "almost reached"),
    "missed": ("non atteint", "not reached"), "unknown": ("non mesurable", "not measurable"),
}
ACTION_WORDS: dict[str, tuple[str, str]] = {
    "renew": ("Renouveler", "Renew"), "renew_if": ("Renouveler sous condition", "Renew on condition"),
    "drop": ("Ne pas renouveler", "Drop"), "negotiate": ("Renégocier", "Renegotiate"),
    "budget": ("Budget", "Budget"), "disclosure": ("Mention à corriger", "Fix the disclosure"),
    "tracking": ("Mesure", "Tracking"), "watch": ("À suivre", "Watch"),
}


def _pick(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    pair = table.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "fr" else pair[1]


def colon(lang: str | None) -> str:
    """What ends a label before its text: " :" in French (French typography puts a space before a colon:
    `**Période :** ...`, `Instagram : ...`), ":" in English (`**Period:** ...`). Every "label: text" a
    client reads (Markdown and HTML exports, cards, reports) is joined with it."""
    return " :" if lang == "fr" else ":"


def semicolon(lang: str | None) -> str:
    """What separates the items of a list a client reads (score reasons, a profile's values, reading
    issues, methods, flag sentences, sources): " ; " in French, "; " in English. Every such list is
    joined with it (`join_items`) and read back with `items` / `split_items`, which take either."""
    return " ; " if lang == "fr" else "; "


def join_items(parts: Iterable[str], lang: str | None) -> str:
    """The items of a list a client reads, joined the language's way (`semicolon`)."""
    return semicolon(lang).join(parts)


# either language's separator between the items of a list influkit wrote ("a ; b" in French, "a; b")
_ITEM_SEPARATOR = re.compile(r"( ?; )")


def split_items(text: str) -> list[str]:
    """A list influkit wrote (`join_items`, in either language: "; " or " ; "), its items at even places
    and each separator as written at odd ones: joined again with "".join, the text as it was."""
    return _ITEM_SEPARATOR.split(text) if ";" in text else [text]


def items(text: str) -> list[str]:
    """The items of a list influkit wrote, in either language ("a ; b", "a; b" -> ["a", "b"])."""
    return split_items(text)[::2]


def report_label(key: str, lang: str = "en", **values: object) -> str:
    """A label of the report and client exports ("views", "fr" -> "Vues"), its {slots} filled with `values`;
    the key when unknown."""
    text = _pick(REPORT_LABELS, key, lang)
    return text.format(**values) if values else text


def format_word(fmt: str | None, lang: str = "en") -> str:
    """A post format in words ("video", "fr" -> "Vidéo"); "Format non précisé" / "Format not given" when
    unknown (None, or the report's "?" code), never "?"."""
    return _pick(FORMAT_WORDS, fmt if fmt and fmt != "?" else "unknown", lang)


def platform_word(platform: str | None, lang: str = "en") -> str:
    """A network's name (`platform_name`), or "Réseau non précisé" / "Network not given" when unknown."""
    if not platform or platform == "?":
        return UNKNOWN_NETWORK[0] if lang == "fr" else UNKNOWN_NETWORK[1]
    return platform_name(platform)


def format_on(fmt: str | None, platform: str | None, lang: str = "en") -> str:
    """A post format on its network in words ("video", "tiktok", "fr" -> "Vidéo TikTok"; "en" -> "TikTok
    Video"): a TikTok video and a YouTube video are not one format. The format alone when the network is
    not known; "Format non précisé" / "Format not given" when the format is not."""
    word = format_word(fmt, lang)
    if not fmt or fmt == "?" or not platform:
        return word
    return f"{word} {platform_name(platform)}" if lang == "fr" else f"{platform_name(platform)} {word}"


def disclosure_word(value: str | None, lang: str = "en") -> str:
    return _pick(DISCLOSURE_WORDS, value or "not_checked", lang)


# The disclosure check's columns (campaign.compliance.COLUMNS) and codes as its workbook shows them
# (`influkit check -o x.xlsx`): headers, levels, and the platform's label among the mentions found. The
# rule ids (FR-04, US-02) stay ids. csv and json keep the column names and codes programs read.
CHECK_LABELS: dict[str, tuple[str, str]] = {
    "sheet": LABELS["sheet"],  # the tab of each row, when several posts tabs were read
    "platform": LABELS["platform"], "post_format": ("Format", "Format"), "post_url": ("Lien du post", "Post link"),
    "handle": LABELS["handle"], "published_on": LABELS["published_on"],
    "disclosure": ("Mention publicitaire", "Disclosure"), "disclosure_mention": ("Mentions trouvées", "Labels found"),
    "compliance": ("Règles non respectées", "Rules not met"),
    "compliance_level": ("Niveau de conformité", "Compliance level"),
    "compliance_reasons": ("Raisons", "Reasons"), "compliance_warnings": ("À vérifier", "To check"),
}
LEVEL_WORDS: dict[str, tuple[str, str]] = {
    "ok": ("conforme", "compliant"), "warn": ("à vérifier", "to check"), "fail": ("non conforme", "not compliant"),
    "block": ("interdite", "banned"),
}
# A post's one compliance status in a report (`campaign.compliance.STATUSES`): the check's level words, and
# the disclosure's "not checked" for a post without a caption
COMPLIANCE_WORDS: dict[str, tuple[str, str]] = {
    "compliant": LEVEL_WORDS["ok"], "to_check": LEVEL_WORDS["warn"], "not_compliant": LEVEL_WORDS["fail"],
    "not_checked": DISCLOSURE_WORDS["not_checked"],
}
MENTION_WORDS: dict[str, tuple[str, str]] = {
    "paid-partnership label": ("label « Partenariat rémunéré »", "paid-partnership label"),
}
KEPT_SUFFIX = {"fr": " (feuille)", "en": " (sheet)"}  # a kept column whose header is one of the check's labels


def check_label(column: str, lang: str = "en") -> str:
    """The disclosure check's header of `column` in `lang` ("compliance_level", "fr" -> "Niveau de conformité")."""
    return _pick(CHECK_LABELS, column, lang)


def level_word(value: str | None, lang: str = "en") -> str | None:
    """A compliance level in words ("fail", "fr" -> "non conforme"); None stays None."""
    return _pick(LEVEL_WORDS, value, lang) if value else None


def compliance_word(status: str, lang: str = "en") -> str:
    """A post's compliance status in words ("to_check", "fr" -> "à vérifier")."""
    return _pick(COMPLIANCE_WORDS, status, lang)


def mention_word(value: str, lang: str = "en") -> str:
    """A mention the check names by a code ("paid-partnership label") in words of `lang`; a label found
    in the caption stays as it was written."""
    return _pick(MENTION_WORDS, value, lang)


# a conclusion about a ceiling or a rule is not "reached": the budget is kept or exceeded, the posts compliant
_STATUS_OF: dict[tuple[str, str], tuple[str, str]] = {
    ("budget", "met"): ("respecté", "kept"), ("budget", "missed"): ("dépassé", "exceeded"),
    ("compliance", "met"): ("conforme", "compliant"), ("compliance", "missed"): ("non conforme", "not compliant"),
    ("compliance", "check"): ("à vérifier", "to check"),  # compliant where a person confirms it
}


def status_word(value: str, lang: str = "en", about: str | None = None) -> str:
    """An objective's or a conclusion's status in words; `about` "budget" or "compliance" (a conclusion's
    kind) says it of a ceiling or of the law."""
    words = _STATUS_OF.get((about or "", value))
    if words is not None:
        return words[0] if lang == "fr" else words[1]
    return _pick(STATUS_WORDS, value, lang)


def action_word(value: str, lang: str = "en") -> str:
    return _pick(ACTION_WORDS, value, lang)


def platform_name(platform: str | None) -> str:
    """"Instagram", "TikTok", "YouTube"...; "?" when unknown."""
    if not platform:
        return "?"
    return PLATFORM_NAMES.get(platform, platform.capitalize())


def check_lang(lang: str | None) -> str | None:
    """`lang` checked: "fr", "en" or None; anything else is a usage error."""
    if lang is None:
        return None
    value = lang.strip().lower()
    if value not in LANGUAGES:
        from .errors import UsageError

        raise UsageError(f"--lang {lang!r}: choose fr or en")
    return value


# ---------------------------------------------------------------------------- words of code columns
# Code columns (stage, tier, trend, confidence, flags, row_kind...) hold English codes in CSV and JSON,
# the machine outputs; wherever people read them (the user's own sheet written in place, influkit's
# xlsx, the shortlist's xlsx/md/html, identity cards) they are shown in these words. Every word reads
# back as its code (`code_of_word`; stage words through the stage parser, row kinds through the reader).

TIER_WORDS: dict[str, tuple[str, str]] = {
    "nano": ("nano", "nano"), "micro": ("micro", "micro"), "mid": ("intermédiaire", "mid"),
    "macro": ("macro", "macro"), "mega": ("méga", "mega"),
}
TREND_WORDS: dict[str, tuple[str, str]] = {
    "growing": ("en hausse", "growing"), "stable": ("stable", "stable"), "declining": ("en baisse", "declining"),
    "unknown": ("inconnue", "unknown"),
}
CONFIDENCE_WORDS: dict[str, tuple[str, str]] = {
    "high": ("élevée", "high"), "medium": ("moyenne", "medium"), "low": ("faible", "low"),
}
FLAG_WORDS: dict[str, tuple[str, str]] = {
    "er_low": ("engagement faible", "low engagement"),
    "er_high": ("engagement anormalement élevé", "unusually high engagement"),
    "comment_ratio": ("ratio commentaires/likes inhabituel", "unusual comment/like ratio"),
    "follow_ratio": ("suit trop de comptes", "follows too many accounts"),
    "spike": ("pic d'abonnés", "follower spike"),
    "drop": ("chute d'abonnés", "follower drop"),
    "spike_er_fall": ("engagement en baisse après un pic", "engagement fell after a spike"),
    "inactive": ("inactif", "inactive"),
    "price_high": ("tarif élevé", "high price"),
}
ROW_KIND_WORDS: dict[str, tuple[str, str]] = {
    "total": ("Total", "Total"), "average": ("Moyenne", "Average"), "subtotal": ("Sous-total", "Subtotal"),
    "summary": ("Récapitulatif", "Summary"), "section": ("Section", "Section"), "header": ("En-tête répété", "Repeated header"),
}
PRICE_NOTE_WORDS: dict[str, tuple[str, str]] = {
    "gifting": ("cadeau", "gifting"), "on_request": ("sur devis", "on request"),
}
PRICE_TAX_WORDS: dict[str, tuple[str, str]] = {"excl": ("HT", "excl. tax"), "incl": ("TTC", "incl. tax")}
CHANNEL_WORDS: dict[str, tuple[str, str]] = {
    "dm": ("message privé", "DM"), "email": ("e-mail", "email"), "agent": ("agent", "agent"),
    "phone": ("téléphone", "phone"), "form": ("formulaire", "form"), "other": ("autre", "other"),
}
VALUE_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "stage": STAGE_WORDS, "tier": TIER_WORDS, "trend": TREND_WORDS, "confidence": CONFIDENCE_WORDS,
    "flags": FLAG_WORDS, "row_kind": ROW_KIND_WORDS, "price_note": PRICE_NOTE_WORDS, "price_tax": PRICE_TAX_WORDS,
    "channel": CHANNEL_WORDS, "platform": {p: (name, name) for p, name in PLATFORM_NAMES.items()},
}
# A brand profile's settings (its TOML keys) as the shortlist's "profile and method" sheet names them.
SETTING_WORDS: dict[str, tuple[str, str]] = {
    "brand": ("marque", "brand"), "description": ("description", "description"), "values": ("valeurs", "values"),
    "themes": ("thèmes", "themes"), "platforms": ("réseaux", "platforms"), "tiers": ("paliers", "tiers"),
    "countries": ("pays", "countries"), "languages": ("langues", "languages"),
    "min_engagement": ("engagement minimum", "minimum engagement"), "exclusions": ("exclusions", "exclusions"),
    "competitors": ("concurrents", "competitors"), "sectors": ("secteurs", "sectors"), "budget": ("budget", "budget"),
    "weights": ("poids", "weights"),
}
LIST_SEPARATOR = ", "  # a flags cell holds several codes: "er_high, spike"


def date_number_format(lang: str | None) -> str:
    """The xlsx number format of a date a client reads, in `lang`: French day first, English ISO (unambiguous
    to a US and a UK reader alike); the same order the md/html texts write, and the formats influkit's own
    workbooks use (`io.xlsx`: FRENCH_DATE_FORMAT, NUMBER_FORMATS["date"])."""
    from .io.xlsx import FRENCH_DATE_FORMAT, NUMBER_FORMATS

    return FRENCH_DATE_FORMAT if lang == "fr" else NUMBER_FORMATS["date"]


def setting_word(key: str, lang: str = "en") -> str:
    """A brand profile setting in words ("min_engagement" -> "minimum engagement" / "engagement minimum")."""
    return _pick(SETTING_WORDS, key, lang)


def has_words(column: str) -> bool:
    """Is this a code column whose values people read in words?"""
    return column in VALUE_WORDS


def value_word(column: str, value: Any, lang: str = "en") -> Any:
    """A code column's value in the words of `lang` ("tier", "mid", "fr" -> "intermédiaire"; the flags
    "er_high, spike" -> "engagement anormalement élevé, pic d'abonnés"); anything else as it is."""
    words = VALUE_WORDS.get(column)
    if words is None or not isinstance(value, str) or not value:
        return value
    pick = 0 if lang == "fr" else 1
    if column == "flags":
        return LIST_SEPARATOR.join(words[c][pick] if c in words else c for c in value.split(LIST_SEPARATOR))
    pair = words.get(value)
    return value if pair is None else pair[pick]


@lru_cache(maxsize=1)
def _word_index() -> dict[str, dict[str, str]]:
    return {column: {fold_key(w): code for code, pair in words.items() for w in (*pair, code)}
            for column, words in VALUE_WORDS.items()}


def code_of_word(column: str, text: object) -> str | None:
    """The code a word of `value_word` stands for, in either language ("Sous-total" -> "subtotal")."""
    if text is None:
        return None
    return _word_index().get(column, {}).get(fold_key(text))


# ------------------------------------------------------------------------------------ prose columns
# The sentences influkit writes into prose columns (reading `issues`, `er_method`, `price_method`,
# `flag_reasons`) follow the sheet's language (or --lang) in every output, CSV and JSON included. The
# code writes them in English; `localize` renders each one in the other language from this catalogue
# (English and French side by side; the flag sentences sit in thresholds.FLAGS). Any sentence in either
# language goes to either one, so a list read back, or scored again with another --lang, changes
# language too. A sentence the catalogue does not know stays as it is (README: which stay English).

PROSE_COLUMNS = ("er_method", "price_method", "flag_reasons", "issues")
ENTRY_SEPARATOR = "; "  # the entries of a prose cell as the code writes them (in English): `prose` writes them
# the language's way (`semicolon`) and reads either

# key -> (French, English). {slot}s are typed by their name (SLOT_KINDS): a value keeps its quotes and
# text, numbers, percentages and dates are written the language's way, words are translated.
MESSAGES: dict[str, tuple[str, str]] = {
    # reading issues: cells that could not be read
    "could_not_read": ("impossible de lire {v}", "could not read {v}"),
    "could_not_read_why": ("impossible de lire {v} ({m})", "could not read {v} ({m})"),
    "out_of_range": ("hors limites", "out of range"),
    "out_of_years": ("hors limites : années {n}-{n2}", "out of range: years {n}-{n2}"),
    "negative_count": ("nombre négatif", "negative count"),
    "negative_rate": ("taux négatif", "negative rate"),
    "negative_amount": ("montant négatif", "negative amount"),
    "rate_over_100": ("un taux de plus de 100 %", "a rate over 100%"),
    "implausible_rate": ("taux invraisemblable, plus de {pct}", "implausible rate, over {pct}"),
    "two_currencies": ("deux devises", "two currencies"),
    "cfa_francs": ("devise inconnue : francs CFA d'Afrique de l'Ouest (XOF) ou centrale (XAF), écrivez le code",
                   "unknown currency: West (XOF) or Central (XAF) African CFA francs, write the code"),
    "not_iso_currency": ("pas un code de devise ISO 4217", "not an ISO 4217 currency code"),
    "no_amount": ("ce qu'il achète, sans montant", "what it buys, no amount"),
    "range_inverted": ("haut de la fourchette sous le bas", "range high below low"),
    "date_order": ("les dates de la colonne commencent par le {order}", "the column's dates are {order} first"),
    "time_not_date": ("une heure, pas une date", "a time of day, not a date"),
    "row_kinds": ("total, moyenne, sous-total, récapitulatif, section ou en-tête",
                  "total, average, subtotal, summary, section or header"),
    "no_such_day": ("ce jour n'existe pas en {m}", "no such day in {m}"),
    "any_recent_year": ("aucune année récente", "any recent year"),
    # reading issues: ranges, rounding, prices, dates, duplicates
    "range_read_as": ("fourchette {v} lue comme {n}", "range {v} read as {n}"),
    "points_or_fraction": ("{v} lu comme {pct} (la colonne est en points de pourcentage) : {share} si c'est une "
                           "fraction", "{v} read as {pct} (the column is in percentage points): {share} if it is a "
                           "fraction"),
    "unit_mark": ("{v} lu comme {n} (séparateur décimal) : {n2} s'il sépare les milliers",
                  "{v} read as {n} (a decimal mark): {n2} if it groups thousands"),
    "unit_in_full": ("{v} lu comme {n} (l'unité de l'en-tête) : {n2} s'il est écrit en entier",
                     "{v} read as {n} (the header's unit): {n2} if written in full"),
    "not_whole": ("{v} n'est pas un nombre entier : lu comme {n}", "{v} is not a whole number: read as {n}"),
    "price_under_min": ("{v} est sous {n} : aucun créateur ne demande si peu (un taux, une part ?) ; pas lu comme "
                        "le prix", "{v} is under {n}: no creator asks so little (a rate or a share?); not read as the "
                        "price"),
    "several_prices": ("plusieurs prix dans {v} : le premier est retenu", "several prices in {v}: the first is used"),
    "no_year_recent": ("{v} n'a pas d'année et aucune autre date de la feuille n'en a : lu comme {d} (sa "
                       "dernière occurrence)",
                       "{v} has no year and no other date of the sheet has one: read as {d} (its most recent "
                       "occurrence)"),
    "no_year_tie": ("{v} n'a pas d'année et {m} se partagent à égalité entre deux années : lu comme {d} (la plus "
                    "récente)",
                    "{v} has no year and {m} have as many in two years: read as {d} (the later)"),
    "column_dates": ("les autres dates de sa colonne", "its column's other dates"),
    "sheet_dates": ("les autres dates de la feuille", "the sheet's other dates"),
    "future_date": ("{d} est après aujourd'hui ({d2}) : une coquille ou un projet, que l'entonnoir laisse de côté",
                    "{d} is after today ({d2}): a typo or a plan, which the funnel leaves out"),
    "dates_disorder": ("{d} est avant la {col} ({d2})", "{d} is before {col} {d2}"),
    "status_vs_date": ("le statut dit {stage} mais {v} date l'étape {stage2} ({d}) : vérifiez lequel est juste",
                       "the status says {stage} but {v} dates the {stage2} stage ({d}): check which is right"),
    "zero_denominator": ("{col} à 0 : pas de taux", "{col} is 0: no rate"),
    "no_fx": ("pas de taux de change pour {t} : ni CPE ni CPM", "no exchange rate for {t}: no CPE/CPM"),
    "currency_disagrees": ("le prix est en {t} mais la colonne des devises dit {t2} : {t3} est retenu",
                           "the price is in {t} but the currency column says {t2}: {t3} is used"),
    "shared_value": ("une seule valeur {v} pour {n} comptes sur cette ligne : donnée au premier",
                     "one {v} value for {n} accounts on this sheet row: given to the first"),
    "handle_vs_link": ("{v} ne correspond pas au lien du profil ({t}) : le lien est retenu",
                       "{v} disagrees with the profile link ({t}): the link is used"),
    "second_account": ("{platform} {v} est un autre compte que celui du lien du profil ({platform2} {t}) : le lien "
                       "est retenu",
                       "{platform} {v} is another account than the profile link ({platform2} {t}): the link is used"),
    "handle_vs_post": ("{v} n'est pas le compte du lien de la publication ({t}) : le pseudo est retenu",
                       "{v} is not the account of the post link ({t}): the handle is used"),
    "platform_vs_link_used": ("{platform} mais le lien est {platform2} : le lien est retenu",
                              "{platform} but the link is {platform2}: the link is used"),
    "platform_vs_link": ("{platform} mais le lien est {platform2}", "{platform} but the link is {platform2}"),
    "short_link": ("{v} est un lien court : il ne nomme pas le compte (collez le lien du profil, ou remplissez "
                   "le pseudo)",
                   "{v} is a short link: it does not name the account (paste the profile link, or fill the handle)"),
    "handle_on_post_network": ("{v} ne nomme aucun compte : le pseudo est lu comme un compte {platform}",
                               "{v} names no account: the handle is read as a {platform} account"),
    "email_in_handle": ("{v} est une adresse e-mail, pas un compte : reportée dans l'e-mail",
                        "{v} is an e-mail address, not an account: moved to email"),
    "email_in_handle_same": ("{v} est l'adresse e-mail de la ligne, pas un compte",
                             "{v} is the row's e-mail address, not an account"),
    "email_in_handle_other": ("{v} est une adresse e-mail, pas un compte : ajoutée aux e-mails de la ligne",
                              "{v} is an e-mail address, not an account: added to the row's e-mails"),
    "spaced_link": ("{v} contient une espace : aucun réseau n'en autorise dans un nom de compte (collez le lien "
                    "du profil, ou remplissez le pseudo)",
                    "{v} holds a space: no network allows one in an account's name (paste the profile link, or "
                    "fill the handle)"),
    "post_link": ("{v} est une publication : elle ne dit pas de qui (collez le lien du profil, ou remplissez le "
                  "pseudo)",
                  "{v} is a post: it does not say whose (paste the profile link, or fill the handle)"),
    "no_account_link": ("{v} ne nomme aucun compte (une page du réseau, une publication, ou un nom que le réseau "
                        "n'autorise pas) : collez le lien du profil, ou remplissez le pseudo",
                        "{v} names no account (a page of the network, a post, or a name the network does not allow): "
                        "paste the profile link, or fill the handle"),
    "handle_not_allowed": ("{v} n'est pas un nom autorisé par {platform} ({m}) : vérifiez le pseudo",
                           "{v} is not a name {platform} allows ({m}): check the handle"),
    "handle_rule_ig": ("lettres sans accents, chiffres, « . » et « _ », {n} caractères au plus, sans « . » au début, à "
                       "la fin ni deux de suite",
                       "letters without accents, digits, '.' and '_', at most {n} characters, no '.' first, last or "
                       "twice in a row"),
    "handle_rule_tt": ("lettres sans accents, chiffres, « . » et « _ », {n} caractères au plus, sans « . » à la fin",
                       "letters without accents, digits, '.' and '_', at most {n} characters, no '.' last"),
    "handle_rule_dots": ("lettres sans accents, chiffres, « . » et « _ », {n} caractères au plus",
                         "letters without accents, digits, '.' and '_', at most {n} characters"),
    "handle_rule_dashes": ("lettres sans accents, chiffres, « . », « - » et « _ », {n} caractères au plus",
                           "letters without accents, digits, '.', '-' and '_', at most {n} characters"),
    "handle_rule_plain": ("lettres sans accents, chiffres et « _ », {n} caractères au plus",
                          "letters without accents, digits and '_', at most {n} characters"),
    "bare_cr": ("un retour chariot (CR) seul dans la cellule : lu comme un saut de ligne",
                "a bare carriage return (CR) inside the cell: read as a line break"),
    "nul_bytes": ("octets NUL dans la cellule : retirés", "NUL bytes inside the cell: removed"),
    "long_cell": ("une cellule de {n} caractères (gardée entière ; Excel en garde au plus {n2})",
                  "a cell of {n} characters (kept whole; Excel keeps at most {n2})"),
    "reader_failed": ("une cellule de cette ligne a fait échouer le lecteur de tableur (une date impossible ?) ; "
                      "ses valeurs ont été lues dans le XML du fichier",
                      "a cell of this row made the spreadsheet reader fail (an impossible date?); its values were "
                      "read from the file's XML"),
    "code_unusable": ("code promo {v} inutilisable, remplacé", "promo code {v} unusable, replaced"),
    "code_taken": ("code promo {v} : aussi celui de {t} ; donner un autre code à l'un des deux",
                   "promo code {v} is also {t}'s; give one of them another code"),
    # er_method
    "er_likes_comments": ("(likes+commentaires)/abonnés", "(likes+comments)/followers"),
    "er_likes": ("likes/abonnés", "likes/followers"),
    "er_sheet": ("taux de la feuille", "sheet"),
    "er_views": ("({terms})/vues", "({terms})/views"),
    "er_counts": ("{v} (engagements moyens)/abonnés", "{v} (average engagements)/followers"),
    "formula_no_value": ("la formule {v} a été enregistrée sans sa valeur (un fichier écrit par un script) : ouvrez "
                         "et enregistrez le fichier dans Excel ou LibreOffice",
                         "the formula {v} was saved without its value (a file written by a script): open and save "
                         "the file in Excel or LibreOffice"),
    "formula_error": ("une erreur de formule {t} (la formule de la cellule a échoué)",
                      "a formula error {t} (the cell's formula failed)"),
    "link_not_read": ("le lien de la formule {v} n'est pas lu ({m}) : son texte n'est qu'une étiquette, aucun compte "
                      "n'en est lu", "the link of the formula {v} is not read ({m}): its text is only a label, no "
                      "account is read from it"),
    "link_not_read_account": ("le lien de la formule {v} n'est pas lu ({m}) : le compte que nomme son texte est lu",
                              "the link of the formula {v} is not read ({m}): the account its text names is read"),
    "link_other_sheet": ("elle renvoie à une autre feuille ({t})", "refers to another sheet ({t})"),
    "link_calls": ("elle appelle {t}()", "calls {t}()"),
    "link_several": ("elle contient plusieurs liens", "it holds several links"),
    "link_empty": ("le lien est vide", "the link is empty"),
    "link_unreadable": ("formule illisible", "cannot read the formula"),
    "er_count_rates": ("{v} (des taux, pas des engagements)", "{v} (rates, not counts)"),
    "er_posts": ("posts : moyenne et médiane de {list} sur les {n} derniers des {n2} posts (fenêtre {n3})",
                 "posts: mean and median of {list} over the last {n} of {n2} posts (window {n3})"),
    "er_views_posts": ("(likes+commentaires+partages)/vues", "(likes+comments+shares)/views"),
    "no_rate": ("aucun taux", "no rate"),
    # price_method
    "price_estimate": ("{basis} ({lo}-{hi} {currency}) x facteur d'engagement {factor}",
                       "{basis} ({lo}-{hi} {currency}) x engagement factor {factor}"),
    "price_by_views": ("vues moyennes x CPM", "average views x CPM"),
    "price_by_followers": ("abonnés x prix pour 1\u202f000", "followers x price per 1k"),
    "cpm_views": ("CPM pour 1\u202f000 vues", "cpm per 1,000 views"),
    "cpm_followers": ("CPM pour 1\u202f000 abonnés (vues inconnues)", "cpm per 1,000 followers (views unknown)"),
    "price_by_viewer_hours": ("spectateurs simultanés moyens x {n} h x prix par spectateur et par heure",
                              "average concurrent viewers x {n} h x price per viewer per hour"),
    "cpm_followers_stream": ("CPM pour 1\u202f000 abonnés (les vues moyennes sont des spectateurs simultanés d'un live)",
                             "cpm per 1,000 followers (average views are concurrent viewers of a live)"),
    "cpe_mid_range": ("CPE et CPM sur le milieu de la fourchette demandée", "cpe and cpm on the middle of the quoted range"),
    "cpe_per_post": ("CPE et CPM par publication : le prix / {n} ({t})", "cpe and cpm per post: the price / {n} ({t})"),
    "cpm_views_v1": ("CPM pour 1\u202f000 vues", "cpm per 1000 views"),  # written before 2026-03: read, not written
    "cpm_followers_v1": ("CPM pour 1\u202f000 abonnés (vues inconnues)", "cpm per 1000 followers"),
    "price_by_views_v1": ("vues moyennes x CPM", "avg_views x CPM"),  # written before 2026-12: read, not written
    # flag_reasons: the benchmark a rate is compared with (the sentences are thresholds.FLAGS)
    "er_band": ("{statistic} {platform} des comptes de {min}+ abonnés",
                "{statistic} for {platform} accounts of {min}+ followers"),
    "er_band_all": ("{statistic} {platform} de tous les comptes", "{statistic} for all {platform} accounts"),
    # (written before 2026-12-04: "the TikTok good for 1,000,000+ followers benchmark": read, written as er_band)
    "er_band_v1": ("{statistic} {platform} des comptes de {min}+ abonnés", "{platform} {statistic} for {min}+ followers"),
    # which engagement rate a flag compares (the band's basis): engagement_rate or engagement_rate_views
    "er_basis_followers": ("par abonnés", "by followers"),
    "er_basis_views": ("par vues", "by views"),
    # the flags' sentences before they said which rate (written before 2026-12: read, not written)
    "flag_er_low_v1": ("engagement {er} sous {ratio}x {band} ({bench}) : abonnés fantômes ou achetés ?",
                       "engagement {er} is under {ratio}x of the {band} benchmark {bench}: ghost or bought followers?"),
    "flag_er_high_v1": ("engagement {er} à plus de {ratio}x {band} ({bench}) : pods d'engagement ou concours ?",
                        "engagement {er} is over {ratio}x the {band} benchmark {bench}: engagement pods or giveaways?"),
    # the flags' sentences with the band inside "the ... benchmark" (written before 2026-12-04: read, written
    # as thresholds.FLAGS says today)
    "flag_er_low_v2": ("engagement {basis} {er} sous {ratio}x {band} ({bench}) : abonnés fantômes ou achetés ?",
                       "engagement {basis} {er} is under {ratio}x of the {band} benchmark {bench}: ghost or bought "
                       "followers?"),
    "flag_er_high_v2": ("engagement {basis} {er} à plus de {ratio}x {band} ({bench}) : pods d'engagement ou concours ?",
                        "engagement {basis} {er} is over {ratio}x the {band} benchmark {bench}: engagement pods or "
                        "giveaways?"),
}
# A sentence an earlier influkit wrote (a MESSAGES key ending in _vN) is read as it was written and written
# again in today's words: those of the current sentence (the key without _vN, or the flag's) when it has the
# same slots, else these.
REWORDED: dict[str, tuple[str, str]] = {
    "flag_er_low_v1": ("engagement {er} sous {ratio}x {band} ({bench}) : abonnés fantômes ou achetés ?",
                       "engagement {er} is under {ratio}x {band} ({bench}): ghost or bought followers?"),
    "flag_er_high_v1": ("engagement {er} à plus de {ratio}x {band} ({bench}) : pods d'engagement ou concours ?",
                        "engagement {er} is over {ratio}x {band} ({bench}): engagement pods or giveaways?"),
}

# The kind of each slot, by its name.
SLOT_KINDS: dict[str, str] = {
    **dict.fromkeys(("v", "v2"), "value"),
    **dict.fromkeys(("er", "bench", "before", "after", "low", "high", "share", "pct"), "pct"),
    **dict.fromkeys(("n", "n2", "n3", "ratio", "following", "followers", "gain", "usual", "days", "quoted",
                     "top", "factor", "lo", "hi", "min"), "number"),
    **dict.fromkeys(("date",), "span"), **dict.fromkeys(("d", "d2"), "date"),
    **dict.fromkeys(("m", "band", "basis"), "message"), "list": "messages",
    "col": "column", **dict.fromkeys(("stage", "stage2"), "stage"), **dict.fromkeys(("platform", "platform2"),
                                                                                    "platform"),
    "order": "order", "statistic": "statistic", "terms": "terms",
    **dict.fromkeys(("t", "t2", "t3"), "text"), "currency": "currency",
    **dict.fromkeys(("asked", "fair_top"), "money"),
}
_SLOT_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "order": {"day": ("jour", "day"), "month": ("mois", "month")},
    "statistic": {"median": ("la médiane", "the median"), "good": ("le bon niveau", "the 'good' level"),
                  "average": ("la moyenne", "the average")},
    "terms": {"likes": ("likes", "likes"), "comments": ("commentaires", "comments"), "shares": ("partages", "shares")},
    "stage": {code: (word, code) for code, (word, _) in STAGE_WORDS.items()},
}
# the words a slot had before (written before 2026-12-04: "median", "good"), still read
_FORMER_SLOT_WORDS: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "statistic": {"median": ((), ("median",)), "good": ((), ("good",))},
}


def slot_word(kind: str, code: str, lang: str) -> str:
    """A coded slot value in words of `lang` ("statistic", "good", "en" -> "the 'good' level"); the code
    itself when it has none."""
    pair = _SLOT_WORDS.get(kind, {}).get(code)
    return code if pair is None else pair[0 if lang == "fr" else 1]


def _slot_words(kind: str, lang: str) -> Iterator[tuple[str, str]]:
    """(code, word) of every word of a slot kind in `lang`, today's then the former ones."""
    pick = 0 if lang == "fr" else 1
    for code, pair in _SLOT_WORDS[kind].items():
        yield code, pair[pick]
    for code, former in _FORMER_SLOT_WORDS.get(kind, {}).items():
        for text in former[pick]:
            yield code, text


_NNBSP, _NBSP = "\u202f", "\u00a0"
_VALUE_RE = r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\""
_NUMBER_RE = {"en": r"[+-]?\d[\d,]*(?:\.\d+)?", "fr": r"[+-]?\d[\d\u202f\u00a0]*(?:,\d+)?"}
_DATE_RE = {"en": r"\d{4}-\d{2}-\d{2}", "fr": r"\d{2}/\d{2}/\d{4}"}
_SPAN_SEP = {"en": "..", "fr": "–"}
# money: "$1,918", "€604", "1,200 CHF" / "1 918 $", "1 200 CHF" (campaign.report_text.money)
_SIGN_RE = "[$€£]"
_MONEY_RE = {"en": rf"(?:{_SIGN_RE})?{_NUMBER_RE['en']}(?: [A-Z]{{3}})?",
             "fr": rf"{_NUMBER_RE['fr']}(?:[ \u00a0](?:{_SIGN_RE}|[A-Z]{{3}}))?"}
_MONEY_PARTS = re.compile(rf"(?P<sign>{_SIGN_RE})?(?P<n>[+-]?\d[\d,.\u202f\u00a0]*?)[ \u00a0]?(?P<code>{_SIGN_RE}|[A-Z]{{3}})?")


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: -len(w)))


def _column_word(column: str) -> str:
    """A column as French prose names it: its label, lower-case ("date de contact")."""
    text = label(column, "fr")
    return text[:1].lower() + text[1:] if text[1:2].islower() or len(text) == 1 else text


def _slot_pattern(kind: str, lang: str) -> str:
    if kind == "value":
        return _VALUE_RE
    if kind == "number":
        return _NUMBER_RE[lang]
    if kind == "pct":
        return _NUMBER_RE[lang] + r"[ \u00a0\u202f]?%"
    if kind == "date":
        return _DATE_RE[lang]
    if kind == "span":
        return f"{_DATE_RE[lang]}(?:{re.escape(_SPAN_SEP[lang])}{_DATE_RE[lang]})?"
    if kind == "column":
        return r"[a-z][a-z0-9_]*" if lang == "en" else _alternatives(_column_word(c) for c in LABELS)
    if kind == "platform":  # (English also reads the codes the code writes: "instagram")
        names = _alternatives(PLATFORM_NAMES.values())
        return rf"(?:{names}|[a-z]+)" if lang == "en" else names
    if kind == "currency":
        return r"[A-Z]{3}|[€£]"
    if kind == "money":  # an amount as campaign.report_text.money writes it, and what it converts to
        return f"{_MONEY_RE[lang]}(?: ≈ {_MONEY_RE[lang]})?"
    if kind in _SLOT_WORDS:
        words = _alternatives(text for _, text in _slot_words(kind, lang))
        return rf"(?:{words})(?:\+(?:{words}))*" if kind == "terms" else words
    return r".+?"  # text, message(s)


@lru_cache(maxsize=1)
def _catalogue() -> list[tuple[str, str, str]]:
    """(key, French, English) of every sentence: MESSAGES, then the flag sentences."""
    from .thresholds import FLAGS

    return [(k, fr, en) for k, (fr, en) in MESSAGES.items()] + [
        (f"flag_{f.code}", f.reason_fr, f.reason) for f in FLAGS.values()]


_SLOT = re.compile(r"\{(\w+)\}")


class _Pattern:
    """A catalogue sentence as a regex, compiled the first time a text is tried against it: compiling the
    catalogue's ~300 took 35 ms of every run that wrote prose, which tries a few."""

    __slots__ = ("source", "_regex")

    def __init__(self, source: str) -> None:
        self.source = source
        self._regex: re.Pattern[str] | None = None

    def fullmatch(self, text: str) -> re.Match[str] | None:
        if self._regex is None:
            self._regex = re.compile(self.source, re.S)
        return self._regex.fullmatch(text)


_FORMER_KEY = re.compile(r"_v\d+$")


def _written(key: str, fr: str, en: str, current: Mapping[str, tuple[str, str]]) -> dict[str, str]:
    """The templates a sentence of `key` is written with: today's words for a former sentence (REWORDED)."""
    now = current.get(_FORMER_KEY.sub("", key)) if _FORMER_KEY.search(key) else None
    if key in REWORDED:
        fr, en = REWORDED[key]
    elif now is not None and set(_SLOT.findall(now[1])) == set(_SLOT.findall(en)):
        fr, en = now
    return {"fr": fr, "en": en}


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[str, dict[str, _Pattern], dict[str, str], dict[str, str]]]:
    """(key, language -> the template as a regex, language -> template read, language -> template written)
    for every sentence."""
    catalogue = _catalogue()
    current = {key: (fr, en) for key, fr, en in catalogue if not _FORMER_KEY.search(key)}
    out = []
    for key, fr, en in catalogue:
        patterns = {}
        for lang, template in (("en", en), ("fr", fr)):
            parts: list[str] = []
            seen: set[str] = set()
            at = 0
            for m in _SLOT.finditer(template):
                parts.append(re.escape(template[at:m.start()]))
                name = m.group(1)
                if name in seen:
                    parts.append(f"(?P={name})")
                else:
                    seen.add(name)
                    parts.append(f"(?P<{name}>{_slot_pattern(SLOT_KINDS.get(name, 'text'), lang)})")
                at = m.end()
            parts.append(re.escape(template[at:]))
            patterns[lang] = _Pattern("".join(parts))
        out.append((key, patterns, {"fr": fr, "en": en}, _written(key, fr, en, current)))
    return out


def _number(text: str, source: str, target: str) -> str:
    """A number as written in `source` (12,500.5 / 12 500,5), written the `target` way."""
    if source == target:
        return text
    if target == "fr":
        return text.replace(",", _NNBSP).replace(".", ",")
    whole, _, decimals = text.partition(",")
    whole = whole.replace(_NNBSP, ",").replace(_NBSP, ",")
    return f"{whole}.{decimals}" if decimals else whole


def _date(text: str, target: str) -> str:
    if target == "fr" and "-" in text:
        return f"{text[8:10]}/{text[5:7]}/{text[0:4]}"
    if target == "en" and "/" in text:
        return f"{text[6:10]}-{text[3:5]}-{text[0:2]}"
    return text


def _word(kind: str, text: str, source: str, target: str) -> str:
    code = next((code for code, word in _slot_words(kind, source) if word == text), None)
    return text if code is None else slot_word(kind, code, target)


def _convert(kind: str, text: str, source: str, target: str) -> str:
    if kind == "number":
        return _number(text, source, target)
    if kind == "pct":
        number = re.match(_NUMBER_RE[source], text)
        assert number is not None
        return _number(number.group(), source, target) + (" %" if target == "fr" else "%")
    if kind == "date":
        return _date(text, target)
    if kind == "span":
        return _SPAN_SEP[target].join(_date(d, target) for d in text.split(_SPAN_SEP[source]))
    if kind == "column":
        if target == "fr":
            return _column_word(text) if text in LABELS else text
        found = next((c for c in LABELS if _column_word(c) == text), None)
        return found or text
    if kind == "platform":  # a network by its name in both languages ("Instagram", not "instagram")
        return PLATFORM_NAMES.get(text, text)
    if kind == "terms":
        return "+".join(_word("terms", w, source, target) for w in text.split("+"))
    if kind in _SLOT_WORDS:
        return _word(kind, text, source, target)
    if kind == "message":
        return _sentence(text, target) or text
    if kind == "messages":
        return ", ".join(_sentence(part, target) or part for part in text.split(", "))
    if kind == "money":
        return " ≈ ".join(_money(part, source, target) for part in text.split(" ≈ "))
    if kind == "currency":  # French prose writes 400 €, 400 £ (other codes as they are)
        return _CURRENCY_SIGNS.get(text, text) if target == "fr" else next(
            (code for code, sign in _CURRENCY_SIGNS.items() if sign == text), text)
    return text  # values and texts are kept


_CURRENCY_SIGNS = {"EUR": "€", "GBP": "£"}  # ($ is also the Canadian, the Australian... dollar: USD stays)


def _money(text: str, source: str, target: str) -> str:
    """An amount written by campaign.report_text.money in `source`, written by it in `target`."""
    from .campaign.report_text import SYMBOLS, money

    m = _MONEY_PARTS.fullmatch(text)
    if m is None or source == target:
        return text
    number = _number(m["n"], source, "en").replace(",", "")
    mark = m["sign"] or m["code"]
    code = next((c for c, sign in SYMBOLS.items() if sign == mark), mark)
    try:
        value = float(number)
    except ValueError:
        return text
    return money(value, code, target)


# (literal start, longest literal part, language, regex, templates written)
Candidate = tuple[str, str, str, _Pattern, dict[str, str]]


@lru_cache(maxsize=1)
def _candidates() -> tuple[dict[str, list[Candidate]], list[Candidate]]:
    """The catalogue's sentences in the order they are tried (each entry in English, then in French),
    filed by the first character of their literal start: a text is tried only against the sentences
    that can begin as it does (and those that begin with a slot), and only when it holds their longest
    literal part. The same first match as trying them all, without hundreds of regexes per text."""
    everything: list[Candidate] = []
    for _, patterns, templates, written in _compiled():
        for source in ("en", "fr"):
            literals = _SLOT.split(templates[source])[::2]  # split() puts the slot names at odd places
            everything.append((literals[0], max(literals, key=len), source, patterns[source], written))
    firsts = {start[0] for start, *_ in everything if start}
    by_first = {c: [e for e in everything if not e[0] or e[0][0] == c] for c in firsts}
    return by_first, [e for e in everything if not e[0]]


@lru_cache(maxsize=1 << 16)
def _sentence(text: str, lang: str) -> str | None:
    """One sentence of the catalogue, in either language, written in `lang`; None when unknown."""
    by_first, any_start = _candidates()
    for start, needle, source, pattern, templates in by_first.get(text[:1], any_start):
        if not text.startswith(start) or needle not in text:
            continue
        m = pattern.fullmatch(text)
        if m is None:
            continue
        values = {name: _convert(SLOT_KINDS.get(name, "text"), value, source, lang)
                  for name, value in m.groupdict().items()}
        return templates[lang].format(**values)
    return None


_ENTRY = {"en": re.compile(r"(?P<field>[^:\s](?:[^:]*?[^:\s])?): (?P<message>.+)", re.S),
          "fr": re.compile(r"(?P<field>.+?) : (?P<message>.+)", re.S)}


_FIELD_WORDS: dict[str, dict[str, str]] = {  # what an issue is about when it is not a column
    "cell": {"fr": "cellule"}, "cellule": {"en": "cell"}}


@lru_cache(maxsize=1 << 16)
def _issue(text: str, lang: str, headers: frozenset[str] = frozenset()) -> str | None:
    """One entry of the `issues` column ("Abonnés: could not read 'x'", "Abonnés : impossible de
    lire 'x'", "engagement_rate: followers is 0: no rate"), in `lang`; None when its sentence is unknown.
    The entry names the sheet's column (one of `headers`: kept as written) or influkit's field (its
    label in French, its name in English)."""
    for source in ("en", "fr"):
        m = _ENTRY[source].fullmatch(text)
        if m is None:
            continue
        message = _sentence(m["message"], lang)
        if message is None:
            continue
        field = m["field"]
        if source == "fr" and field not in headers and (found := column_of_label(field)) is not None \
                and found[1] is None:
            field = found[0]  # influkit's label of the column (a header of the sheet stays as it is)
        field = _FIELD_WORDS.get(field, {}).get(lang, field)
        if lang == "fr":
            return f"{label(field, 'fr') if field in LABELS else field} : {message}"
        return f"{field}: {message}"
    return None


def prose(text: Any, lang: str, *, issues: bool = False, headers: frozenset[str] = frozenset()) -> Any:
    """A prose cell (entries separated by "; " or " ; ") in `lang`, its entries separated the language's way
    (`semicolon`): each entry the catalogue knows is written in
    that language, whichever it was in; other entries are kept as they are. `issues`: the entries are
    "column: sentence" (the `issues` column), the column the sheet's header (one of `headers`, kept as
    it is) or influkit's name of it (its label in French)."""
    if not isinstance(text, str) or not text:
        return text
    settled = _SETTLED.setdefault((lang, issues), set())
    if text in settled:  # written by this function in `lang` already: it gives it back unchanged
        return text
    written = _prose(text, lang, issues, headers)
    if len(settled) >= 1 << 16:
        settled.clear()
    settled.add(written)
    return written


def _prose(text: str, lang: str, issues: bool, headers: frozenset[str] = frozenset()) -> str:
    one = partial(_issue, headers=headers) if issues else _sentence
    parts = split_items(text)  # (entries at even places, separated either language's way)
    tokens = parts[::2]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for j in range(i + 1, len(tokens) + 1):  # the shortest entry first: an entry may hold "; " itself
            done = one("".join(parts[2 * i:2 * j - 1]), lang)
            if done is not None:
                out.append(done)
                i = j
                break
        else:
            out.append(tokens[i])
            i += 1
    return join_items(out, lang)


def english(key: str, **values: str) -> str:
    """A MESSAGES sentence in English with its slots filled (as the code writes it before `localize`)."""
    return MESSAGES[key][1].format(**values)


def localize(table: Any, lang: str) -> None:
    """The table's prose columns (PROSE_COLUMNS) written in `lang` (fr or en); `table.meta["lang"]`
    records it (what the writers show code columns in)."""
    headers = frozenset(str(h) for h in table.mapped.values())  # the sheet's own, named in issues
    # (a step: 1.0-1.2 s of a 1M-row list, between its workspace and its writing)
    for column in progress.each(f"wording ({lang})", PROSE_COLUMNS, len(PROSE_COLUMNS), unit="columns"):
        values = table.data.get(column)
        if values is None or not any(values):
            continue
        issues = column == "issues"
        done: dict[str, Any] = {}  # a list repeats its methods and messages: each distinct text once
        out = []
        for v in values:
            if not v or not isinstance(v, str):
                out.append(v)
            elif v in done:
                out.append(done[v])
            else:
                out.append(done.setdefault(v, prose(v, lang, issues=issues, headers=headers)))
        table.data[column] = out
    table.meta["lang"] = lang


# The texts `prose` wrote, per (language, issues or not): written again in the same language they come back
# unchanged, so a table localized twice (score after enrich) or a reason quoting a flag pays once.
_SETTLED: dict[tuple[str, bool], set[str]] = {}


def table_language(table: Any, lang: str | None = None) -> str:
    """The language a table is shown in: `lang` (checked), else the one it was localized in, else the
    sheet's (sheet_language)."""
    chosen = check_lang(lang)
    if chosen:
        return chosen
    recorded = getattr(table, "meta", {}).get("lang")
    if recorded in LANGUAGES:
        return str(recorded)
    return sheet_language(table) if hasattr(table, "mapped") else "en"
