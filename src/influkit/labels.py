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
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from .text import fold_key

LANGUAGES = ("fr", "en")
COLLISION_SUFFIX = {"fr": " (influkit)", "en": " (influkit)"}

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
    "er_vs_tier": ("ER / médiane du palier", "ER vs tier median"),
    "er_percentile": ("Percentile d'ER", "ER percentile"),
    "est_price_low": ("Prix estimé bas", "Estimated price low"),
    "est_price_high": ("Prix estimé haut", "Estimated price high"),
    "price_currency": ("Devise du prix estimé", "Estimated price currency"),
    "cpe": ("Coût par engagement", "Cost per engagement"),
    "cpm": ("Coût pour mille vues", "Cost per thousand views"),
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
    "er_mean": ("ER moyen des posts", "Mean ER of posts"),
    "er_median": ("ER médian des posts", "Median ER of posts"),
    "er_views_mean": ("ER moyen par vues", "Mean ER by views"),
    "er_views_median": ("ER médian par vues", "Median ER by views"),
    "posts_per_week": ("Posts par semaine", "Posts per week"),
    "days_since_last_post": ("Jours depuis le dernier post", "Days since last post"),
    "best_posts": ("Meilleurs posts", "Best posts"),
    "last_post_on": ("Date du dernier post", "Last post on"),
    "followers_rounded": ("Abonnés arrondis", "Followers rounded"),
    "live_source": ("Source des stats", "Stats source"),
    "live_sample": ("Échantillon des stats", "Stats sample"),
    "fit_score": ("Score d'affinité", "Fit score"),
    "score": ("Score", "Score"),
    "rank": ("Rang", "Rank"),
    "confidence": ("Confiance", "Confidence"),
    "reasons": ("Raisons du score", "Score reasons"),
    "score_fit": ("Score : affinité", "Score: fit"),
    "score_engagement": ("Score : engagement", "Score: engagement"),
    "score_authenticity": ("Score : authenticité", "Score: authenticity"),
    "score_reach": ("Score : portée", "Score: reach"),
    "score_audience": ("Score : audience", "Score: audience"),
    "score_cost": ("Score : coût", "Score: cost"),
    "tracked_url": ("Lien suivi", "Tracked link"),
}

STAGE_WORDS: dict[str, tuple[str, str]] = {
    "identified": ("Repéré", "Identified"),
    "contacted": ("Contacté", "Contacted"),
    "replied": ("A répondu", "Replied"),
    "negotiating": ("En négo", "Negotiating"),
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
    """Folded label -> (column, platform) in both languages, per-network labels included."""
    index: dict[str, tuple[str, str | None]] = {}
    for column, pair in LABELS.items():
        for lang, text in zip(LANGUAGES, pair, strict=True):
            index.setdefault(fold_key(text), (column, None))
            index.setdefault(fold_key(text + COLLISION_SUFFIX[lang]), (column, None))
            for platform in PLATFORM_NAMES:
                for suffix in ("", COLLISION_SUFFIX[lang]):
                    index.setdefault(fold_key(network_label(column, platform, lang) + suffix), (column, platform))
    return index


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
    "h_posts": ("Publ.", "Posts"), "h_creators": ("Créat.", "Creators"), "h_er_views": ("ER vues", "ER views"),
    "h_er_followers": ("ER abonnés", "ER followers"), "h_orders": ("Cmd.", "Orders"), "h_revenue": ("CA", "Revenue"),
    "h_engagements": ("Engag.", "Engag."), "h_published_on": ("Date", "Date"), "h_networks": ("Réseaux", "Networks"),
    # analysis and recommendation groups
    "g_ranking": ("Classements", "Rankings"), "g_benchmark": ("Face aux références du marché", "Against the benchmarks"),
    "g_cost": ("Coûts", "Costs"), "g_disclosure": ("Mentions légales", "Disclosure"),
    "g_channels": ("Canaux de conversion", "Conversion channels"), "g_missing": ("Données manquantes", "Missing data"),
    "g_estimates": ("Estimations", "Estimates"), "g_creators": ("Créateurs", "Creators"),
    "g_budget": ("Budget", "Budget"), "g_fixes": ("Mentions à corriger", "Disclosures to fix"),
    "g_tracking": ("Mesure", "Tracking"),
    # where objectives came from
    "src_objectives": ("option --objectives", "--objectives option"), "src_budget": ("option --budget",
                                                                                   "--budget option"),
    "src_brand": ("profil de marque", "brand profile"), "src_workspace": ("campagne de l'espace de travail",
                                                                          "workspace campaign"),
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
    "er": ("Taux d'engagement", "ER"), "er_by_views": ("ER (vues)", "ER (views)"),
    "follower_history": ("Historique des abonnés", "Follower history"), "spike": ("pic", "spike"),
    "drop": ("chute", "drop"), "posts_per_week": ("publications par semaine", "posts/week"),
    "interactions": ("interactions", "interactions"), "account": ("Compte", "Account"),
    # funnel chart
    "outreach_funnel": ("Funnel de prospection", "Outreach funnel"),
    "of_previous": ("de la précédente", "of previous"), "top_of_funnel": ("haut du funnel", "top of funnel"),
    "lost": ("perdus", "lost"), "as_of_day": ("au", "as of"),
}
FORMAT_WORDS: dict[str, tuple[str, str]] = {
    "reel": ("Reel", "Reel"), "post": ("Post", "Post"), "image": ("Image", "Image"), "video": ("Vidéo", "Video"),
    "story": ("Story", "Story"), "short": ("Short", "Short"), "carousel": ("Carrousel", "Carousel"),
    "live": ("Live", "Live"), "article": ("Article", "Article"),
}
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


def report_label(key: str, lang: str = "en") -> str:
    """A label of the report and client exports ("views", "fr" -> "Vues"); the key when unknown."""
    return _pick(REPORT_LABELS, key, lang)


def format_word(fmt: str | None, lang: str = "en") -> str:
    """A post format in words ("video", "fr" -> "Vidéo"); "?" when unknown."""
    return _pick(FORMAT_WORDS, fmt, lang) if fmt else "?"


def disclosure_word(value: str | None, lang: str = "en") -> str:
    return _pick(DISCLOSURE_WORDS, value or "not_checked", lang)


def status_word(value: str, lang: str = "en") -> str:
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
