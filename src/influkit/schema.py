"""The canonical columns, their kinds and their French/English header synonyms.

Defined once and used everywhere: the reader uses it to find the header row, the normaliser to map
headers, the writers to format cells, later stages to know what a column holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .text import fold_key

Kind = Literal[
    "text",  # free text, kept as is (untrusted: formula-neutralised on export)
    "count",  # a non-negative number of things: "12,5 k", "1.2M", "12 500"
    "rate",  # a fraction: "3,4 %" -> 0.034, 0.034 -> 0.034
    "date",  # an ISO date: Excel date cells, dd/mm/yyyy, ISO
    "money",  # an amount: "1 200 €" -> 1200.0
    "url",  # a profile link
    "platform",  # instagram, tiktok, youtube, ...
    "handle",  # account name without "@"
    "stage",  # funnel stage
    "email",
    "label",  # a short controlled word (tier, er_method, channel, currency)
    "number",  # a plain number (ratios, scores, posts per week)
    "fraction",  # a rate that may be negative (growth in %): 0.05 = 5 %
    "signed",  # a signed count (growth in followers)
]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    synonyms: tuple[str, ...] = ()
    computed: bool = False  # written by influkit, always present in the output
    doc: str = ""


# Order is the output order (the contract of issue #2, extended by later stages).
COLUMNS: tuple[Column, ...] = (
    Column("creator", "text", ("creator", "createur", "createurice", "creatrice", "name", "nom", "nom complet",
                               "full name", "influencer", "influenceur", "influenceuse", "influenceur euse",
                               "instagram name", "tiktok name", "youtuber name", "youtuber", "title", "display name",
                               "nom prenom", "prenom nom", "personne", "talent"),
           doc="The person or brand behind the account."),
    Column("platform", "platform", ("platform", "plateforme", "reseau", "reseau social", "network", "social network",
                                    "canal social", "media social", "social media", "rs"),
           doc="instagram, tiktok, youtube, x, twitch, facebook, linkedin, blog, ..."),
    Column("handle", "handle", ("handle", "pseudo", "compte", "account", "username", "user name", "nom d utilisateur",
                                "identifiant", "influencer insta name", "tiktoker name", "youtube channel",
                                "channel info", "chaine", "channel name", "at", "arobase", "instagram handle"),
           doc="Account name, without '@', lower-case where the platform ignores case."),
    Column("profile_url", "url", ("profile url", "url", "lien", "lien profil", "lien du profil", "link", "profile link",
                                  "profil", "profile", "page", "site", "site web", "website", "adresse", "lien compte"),
           doc="Link to the profile."),
    Column("followers", "count", ("followers", "abonnes", "subscribers", "fans", "nb abonnes", "nombre d abonnes",
                                  "nombre abonnes", "communaute", "audience", "taille communaute", "abos", "abonnes total",
                                  "followers count", "subs"),
           doc="Followers or subscribers."),
    Column("following", "count", ("following", "abonnements", "follows", "suivis", "follows count"),
           doc="Accounts this account follows."),
    Column("posts", "count", ("posts", "publications", "nb posts", "nombre de posts", "nombre de publications",
                              "uploads", "videos", "media count", "nb publications", "video count"),
           doc="Posts or videos published."),
    Column("avg_likes", "count", ("avg likes", "likes moyens", "likes", "moyenne likes", "likes moyenne",
                                  "likes avg", "average likes", "nb likes moyen", "j aime moyens", "likes par post",
                                  "mentions j aime"),
           doc="Average likes per post."),
    Column("avg_comments", "count", ("avg comments", "commentaires moyens", "comments", "commentaires",
                                     "moyenne commentaires", "comments avg", "average comments",
                                     "commentaires par post"),
           doc="Average comments per post."),
    Column("avg_views", "count", ("avg views", "vues moyennes", "views", "vues", "moyenne vues", "views avg",
                                  "average views", "vues par video", "vues moy"),
           doc="Average views per post or video."),
    Column("avg_shares", "count", ("avg shares", "partages moyens", "shares", "partages", "shares avg",
                                   "average shares"),
           doc="Average shares per post."),
    Column("engagement_rate", "rate", ("engagement rate", "taux d engagement", "taux engagement", "er",
                                       "engagement", "eng rate", "tx engagement", "te", "taux d eng", "60d eng rate",
                                       "engagement rate avg", "taux engagement moyen"),
           computed=True,
           doc="(avg_likes + avg_comments) / followers, a fraction; the sheet's own value when inputs are missing."),
    Column("engagement_rate_views", "rate", (), computed=True,
           doc="(avg_likes + avg_comments + avg_shares) / avg_views, where views are known."),
    Column("er_method", "label", (), computed=True, doc="How engagement_rate was obtained."),
    Column("vendor_er", "rate", (),
           doc="The engagement rate a vendor export gives (Modash, HypeAuditor...), as a fraction, kept beside "
               "influkit's own; empty when the vendor shows it locked or hidden."),
    Column("vendor_er_basis", "text", (),
           doc="How the vendor computes vendor_er, e.g. 'median likes / followers (Modash)'."),
    Column("tier", "label", ("tier", "palier", "categorie taille", "taille"), computed=True,
           doc="nano, micro, mid, macro or mega, from followers (bands in influkit.thresholds)."),
    Column("category", "text", ("category", "categorie", "thematique", "theme", "niche", "secteur", "univers",
                                "topic", "topic of influence", "category 1", "domaine", "verticale"),
           doc="Theme of the content."),
    Column("country", "text", ("country", "pays", "audience country", "audience country mostly", "localisation",
                               "location", "pays audience"),
           doc="Country of the creator or main audience."),
    Column("language", "text", ("language", "langue", "lang", "langues"), doc="Language of the content."),
    Column("bio", "text", ("bio", "biographie", "description", "about", "a propos", "presentation"),
           doc="Profile biography (untrusted text)."),
    Column("email", "email", ("email", "e mail", "mail", "courriel", "contact", "adresse mail", "adresse email",
                              "email pro", "mail pro", "contact email"),
           doc="Contact e-mail (the first address found on the row)."),
    Column("emails", "text", (),
           doc="Every e-mail address of the row, '; '-separated, when it has more than one."),
    Column("stage", "stage", ("stage", "statut", "status", "etape", "etat", "avancement", "pipeline", "suivi"),
           doc="identified, contacted, replied, negotiating, deal, published, declined or no_reply."),
    Column("channel", "label", ("outreach channel", "canal", "canal de contact", "via", "moyen de contact",
                                "contact channel", "canal prospection"),
           doc="How the creator was reached: dm, email, agent, phone, other."),
    Column("owner", "text", ("owner", "responsable", "charge de", "proprietaire", "assigned to", "assigne a",
                             "qui", "account manager", "gere par"),
           doc="Who on the team follows this prospect."),
    Column("contacted_on", "date", ("contacted on", "date de contact", "date contact", "contacte le",
                                    "date prise de contact", "first contact", "contact date", "date 1er contact"),
           doc="Date of first contact."),
    Column("replied_on", "date", ("replied on", "date de reponse", "date reponse", "repondu le", "reply date"),
           doc="Date of the reply."),
    Column("deal_on", "date", ("deal on", "date de signature", "date signature", "signe le", "date deal",
                               "deal date", "signed on"),
           doc="Date the deal was signed."),
    Column("published_on", "date", ("published on", "date de publication", "date publication", "publie le",
                                    "publication date", "date post", "posted on"),
           doc="Date the sponsored content went live."),
    Column("price_quoted", "money", ("price quoted", "prix", "tarif", "devis", "prix demande", "tarif demande",
                                     "price", "rate card", "cout", "budget", "fee", "tarif post", "prix post"),
           doc="Price asked (per post, or for what price_per says); the low end of a range; 0 for gifting."),
    Column("price_quoted_high", "money", (), doc="The high end of a price range ('300-500 €' gives 500)."),
    Column("currency", "label", ("currency", "devise", "monnaie"),
           doc="Currency of price_quoted (ISO code), from the price cell itself ('150 $', '£300', 'CHF 400'), "
               "else the header ('Rate (USD)'), else the sheet's currency column."),
    Column("price_per", "text", (), doc="What the price buys, when the cell says ('3 stories', 'post')."),
    Column("price_tax", "label", (), doc="excl (HT, + VAT) or incl (TTC) when the price cell or its header says."),
    Column("price_note", "label", (),
           doc="gifting (product only, price 0) or on_request ('sur devis': no price yet)."),
    Column("promo_code", "text", ("promo code", "code promo", "code", "discount code", "code reduction"),
           doc="Promo code given to the creator."),
    Column("notes", "text", ("notes", "note", "remarques", "commentaire interne", "commentaire", "comment",
                             "observations", "memo"),
           doc="Free notes."),
    Column("sheet", "text", (), doc="The tab a row comes from, when several tabs are read (--sheet all)."),
    Column("row_kind", "label", (),
           doc="Empty for a creator; total, average, subtotal or section for rows that are not creators "
               "(kept in place, left out of tiers, scores, funnels, shortlists and results)."),
    Column("duplicate_of", "label", (), computed=True,
           doc="For a repeated platform + handle, the sheet row of its first occurrence."),
    Column("issues", "text", (), computed=True, doc="What could not be read on this row, one entry per cell."),
)

BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}

# Columns the later stages add (metrics, live stats, scoring, links), after the canonical ones. They
# are not part of the input contract, but influkit knows their kinds: its writers format them, and
# reading influkit's own output back (`influkit enrich -o - | influkit score -`) parses them as values
# instead of keeping them as unknown text.
DERIVED: dict[str, Kind] = {
    "er_vs_tier": "number", "er_percentile": "number",
    "est_price_low": "money", "est_price_high": "money", "price_currency": "label", "cpe": "money",
    "cpm": "money", "price_method": "text",
    **{f"growth_{w}d": "signed" for w in (7, 30, 90)}, **{f"growth_{w}d_pct": "fraction" for w in (7, 30, 90)},
    "trend": "label", "trend_window": "label",
    "flags": "label", "flag_reasons": "text", "authenticity": "count",
    "er_mean": "fraction", "er_median": "fraction", "er_views_mean": "fraction", "er_views_median": "fraction",
    "posts_per_week": "number", "days_since_last_post": "count", "best_posts": "text",
    "last_post_on": "date", "followers_rounded": "label", "live_source": "label", "live_sample": "text",
    "fit_score": "number", "score": "number", "rank": "count", "confidence": "label", "reasons": "text",
    **{f"score_{c}": "number" for c in ("fit", "engagement", "authenticity", "reach", "audience", "cost")},
    "tracked_url": "url",
    "stage_said": "text",  # the status as the team wrote it, where it says more than the stage
}
# The currency column of each money column: a quote is in the creator's `currency`, the estimates and the
# costs computed from it in `price_currency` (metrics.pricing); a workbook shows each amount in its own
# (`io.write.money_currencies`)
MONEY_CURRENCY: dict[str, str] = {
    "price_quoted": "currency", "price_quoted_high": "currency",
    "est_price_low": "price_currency", "est_price_high": "price_currency", "cpe": "price_currency",
    "cpm": "price_currency",
}
# The headers of a tracked (UTM) link to the shop (fold_key); not "Lien de suivi" (a parcel's tracking)
TRACKED_LINK_HEADERS: tuple[str, ...] = ("lien suivi", "lien tracke", "lien traque", "tracked link", "tracked url",
                                         "lien utm", "utm link")
# A sheet's own header for a column a later stage adds (fold_key): the team's tracked links
DERIVED_HEADERS: dict[str, str] = dict.fromkeys(TRACKED_LINK_HEADERS, "tracked_url")


def kind_of(name: str) -> Kind | None:
    """The kind of a canonical or derived column; None for the user's own columns."""
    column = BY_NAME.get(name)
    if column is not None:
        return column.kind
    return DERIVED.get(name)
CANONICAL_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)

# Header key -> canonical column. Canonical names themselves are synonyms too.
SYNONYMS: dict[str, str] = {}
for _col in COLUMNS:
    for _syn in (_col.name, *_col.synonyms):
        SYNONYMS.setdefault(fold_key(_syn), _col.name)

# Platform names as they appear in headers of wide sheets ("Abonnés Instagram", "TikTok").
PLATFORM_WORDS: dict[str, str] = {
    "instagram": "instagram", "insta": "instagram", "ig": "instagram",
    "tiktok": "tiktok", "tik tok": "tiktok", "tt": "tiktok",
    "youtube": "youtube", "yt": "youtube", "you tube": "youtube",
    "twitter": "x", "x": "x",
    "twitch": "twitch",
    "facebook": "facebook", "fb": "facebook",
    "linkedin": "linkedin",
    "snapchat": "snapchat", "snap": "snapchat",
    "pinterest": "pinterest",
    "threads": "threads",
    "blog": "blog",
}

ROW_KINDS: tuple[str, ...] = ("total", "average", "subtotal", "summary", "section", "header")  # values of row_kind
# the kinds a row's aggregate formulas give it, the strongest first: a row holding an AVERAGE and a COUNTA
# is an average
SUMMARY_KINDS: tuple[str, ...] = ("average", "subtotal", "total", "summary")


def stronger_kind(a: str | None, b: str) -> str:
    """The stronger of two row kinds of aggregate formulas (`SUMMARY_KINDS`)."""
    return b if a is None else min(a, b, key=SUMMARY_KINDS.index)

STAGES: tuple[str, ...] = ("identified", "contacted", "replied", "negotiating", "deal", "published")
STAGE_INDEX: dict[str, int] = {s: i for i, s in enumerate(STAGES)}  # a stage's place in STAGES
LOST_STAGES: tuple[str, ...] = ("declined", "no_reply")
ALL_STAGES: tuple[str, ...] = STAGES + LOST_STAGES
# the stage a loss happened after when nothing says the prospect got further
LOSS_DEFAULT: dict[str, str] = {"no_reply": "contacted", "declined": "replied"}


def stage_rank(stage: str | None) -> int | None:
    """How far along the funnel a stage says a prospect got: its index in STAGES; a loss, the index of
    the stage it happens after (`declined` after replied, `no_reply` after contacted); None for no stage."""
    if stage in LOSS_DEFAULT:
        return STAGE_INDEX[LOSS_DEFAULT[stage]]
    return STAGE_INDEX.get(stage) if stage is not None else None


def match_header(cell: object) -> str | None:
    """Canonical column for a header cell, or None when unknown."""
    if cell is None:
        return None
    return SYNONYMS.get(fold_key(cell))


# What a wide sheet (one row per person, a group of columns per network) says once per person: who the
# person is and the team's outreach with them (its status, stage dates, owner, notes). Every other value
# written into such a sheet is an account's (a tracked link, a promo code, a price, a tier...): one
# column per network, like enrich's (`io.inplace`).
PERSON_COLUMNS: frozenset[str] = frozenset({
    "creator", "email", "emails", "country", "language", "bio", "owner", "channel", "stage", "stage_said", "notes",
    "contacted_on", "replied_on", "deal_on", "published_on"})

# Platform words that are safe inside a header ("x", "tt" and "rs" would match too much).
_WIDE_PLATFORM_WORDS = {k: v for k, v in PLATFORM_WORDS.items() if k not in ("x", "tt", "snap")}
PROFILE = "profile"  # a wide column naming only a platform: holds a link or a handle


def match_wide_header(cell: object) -> tuple[str, str] | None:
    """(column, platform) for a per-network header of a wide sheet, else None.

    "Abonnés Instagram" -> ("followers", "instagram"); "TikTok" or "Lien TikTok" -> ("profile", "tiktok");
    "ER YT" -> ("engagement_rate", "youtube"). Headers that are plain synonyms are not wide.
    """
    if cell is None:
        return None
    key = fold_key(cell)
    if not key or key in SYNONYMS:
        return None
    words = key.split()
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            platform = _WIDE_PLATFORM_WORDS.get(" ".join(words[i : i + size]))
            if platform is None:
                continue
            rest = " ".join(words[:i] + words[i + size :])
            if not rest or rest in ("lien", "link", "url", "compte", "account", "profil", "profile",
                                    "handle", "pseudo", "page", "chaine", "channel", "username"):
                return PROFILE, platform
            column = SYNONYMS.get(rest)
            if column is not None and column not in ("platform", "creator"):
                if column in ("handle", "profile_url"):
                    return PROFILE, platform
                return column, platform
            return None
    return None
