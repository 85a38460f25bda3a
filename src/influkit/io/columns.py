"""What a column holds, from its header's words and from its cells.

Headers are hints: `understand_header` reads a header as words ("Likes moy." -> likes + average,
"Nb followers" -> followers, "Rate (USD)" -> a price in USD, "Date Contacted" -> contacted_on, "Instagram
ER" -> engagement_rate of the Instagram account), after folding accents and case, splitting camelCase,
expanding abbreviations and setting units aside ("(k)", "(€)", "%", "HT"). Exact synonyms of
`influkit.schema` come first; then rules over the words' meanings, so headers nobody listed still read.

Cells decide: `profile_column` samples a column spread over all its rows and says what its cells are
(profile links, @handles, e-mails, platform names, statuses, dates, numbers, prices...) with shares,
which `io.normalize` uses to confirm or overrule the header, reporting every decision with its evidence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from statistics import median
from typing import Any

from ..schema import PLATFORM_WORDS, PROFILE, SYNONYMS, match_wide_header
from ..text import fold_key
from ..thresholds.reading import (
    ABBREVIATION_MIN_LETTERS,
    CONTENT_MIN_CELLS,
    CONTENT_SAMPLE,
    EMAIL_CELL_MAX_WORDS,
    LIFETIME_TOTAL_MIN_RATIO,
)
from . import parse as P

# ------------------------------------------------------------------------------------------- headers

# word -> meaning. Meanings are short tags the rules below combine; unknown words are kept as themselves.
_MEANINGS: dict[str, str] = {}


def _words_mean(meaning: str, *words: str) -> None:
    for w in words:
        _MEANINGS[w] = meaning


_words_mean("followers", "followers", "follower", "abonnes", "abonne", "abonnees", "abonnee", "abos", "abo",
            "subscribers", "subscriber", "subs", "fans", "fan", "communaute", "community", "audience",
            "suiveurs", "followercount", "subscribercount")
_words_mean("following", "following", "abonnements", "abonnement", "suivis", "follows", "followings")
_words_mean("posts", "posts", "post", "publications", "publication", "uploads", "upload", "videos", "video",
            "medias", "media", "contenus", "contenu", "pubs", "mediacount", "videocount")
_words_mean("likes", "likes", "like", "jaime", "coeurs", "hearts", "likecount")
_words_mean("comments", "comments", "comment", "commentaires", "commentaire", "coms", "com", "comms", "comm",
            "cmts", "cmt", "comentarios", "kommentare", "commenti", "commentcount")
_words_mean("views", "views", "view", "vues", "vue", "plays", "play", "lectures", "lecture", "visionnages",
            "viewcount", "streams")
_words_mean("shares", "shares", "share", "partages", "partage", "reposts", "repost", "sharecount")
# a post's saves (not a list's count, but one vocabulary: "Enreg.", "Sauvegardes", "Saved", "Bookmarks")
_words_mean("saves", "saves", "save", "saved", "enregistrements", "enregistrement", "enregistres", "enregistre",
            "sauvegardes", "sauvegarde", "sauvegarder", "bookmarks", "bookmark", "bookmarked", "favoris",
            "favorites", "savecount")
_words_mean("avg", "avg", "average", "moy", "moyen", "moyenne", "moyennes", "moyens", "mean", "median",
            "mediane", "typical", "typique", "per", "par", "each", "chaque")
_words_mean("total", "total", "totaux", "cumul", "cumule", "cumules", "cumulee", "cumulees", "lifetime", "sum",
            "somme", "overall")
_words_mean("count", "nb", "nbr", "nbre", "nombre", "number", "num", "count", "qty", "quantite", "no")
_words_mean("er", "er", "engagement", "eng", "engagements", "engag", "interactions", "interaction")
# "rate" names a rate or, in English, a price ("Rate (USD)"; "taux" too: "taux journalier"): the cells choose;
# "ratio" names a rate only, never a price ("Ratio", "Pct", "TE")
_words_mean("rate", "taux", "tx", "rate")
_words_mean("ratio", "ratio", "ratios", "te", "pct", "percent", "percentage", "pourcentage", "pourcent")
_words_mean("name", "name", "nom", "names", "noms", "fullname", "nomcomplet", "display", "displayname")
_words_mean("first", "prenom", "first", "firstname", "given", "givenname", "prenoms")
_words_mean("last", "last", "lastname", "surname", "famille", "familyname")
_words_mean("creator", "creator", "creators", "createur", "createurs", "createurice", "creatrice", "influencer",
            "influencers", "influenceur", "influenceurs", "influenceuse", "influenceuses", "talent", "talents",
            "personne", "person", "kol", "ambassador", "ambassadeur", "ambassadrice", "blogger", "blogueur",
            "blogueuse", "youtuber", "tiktoker", "instagrammer", "streamer", "publisher", "artiste", "artist",
            "who", "qui")
_words_mean("handle", "handle", "handles", "pseudo", "pseudos", "username", "usernames", "user", "account",
            "accounts", "compte", "comptes", "identifiant", "login", "arobase", "alias", "screenname", "at")
_words_mean("link", "url", "urls", "lien", "liens", "link", "links", "profil", "profile", "profiles", "page",
            "site", "website", "web", "href", "permalink", "siteweb")
_words_mean("platform", "platform", "platforms", "plateforme", "plateformes", "reseau", "reseaux", "network",
            "networks", "social", "rs", "sm", "socials")
_words_mean("email", "email", "emails", "mail", "mails", "courriel", "courriels", "mailto")
_words_mean("phone", "tel", "telephone", "phone", "mobile", "portable", "whatsapp", "gsm", "numero")
_words_mean("stage", "stage", "statut", "statuts", "status", "etape", "etat", "avancement", "pipeline",
            "state", "progress", "progression", "step")
_words_mean("channel", "canal", "channel", "via", "medium", "method", "methode")  # not "moyen": an average
_words_mean("title", "title", "titles", "titre", "titres")  # "channel_title" (YouTube API): the channel's name
_words_mean("owner", "owner", "responsable", "charge", "proprietaire", "assigned", "assignee", "assigne",
            "manager", "gere", "gestionnaire", "referent", "referente", "pic", "sales", "commercial")
_words_mean("date", "date", "dates", "le", "on", "day", "jour", "when", "quand", "dated", "at")
_words_mean("contacted", "contact", "contacte", "contactee", "contacted", "contacter", "approche",
            "approached", "outreach", "prospection", "envoi", "sent", "reached", "pitched", "pitch", "emailed",
            "dmed", "messaged", "relance1")
_words_mean("address", "postal", "zip", "rue", "street", "shipping", "livraison", "cp", "adresses", "billing")
_words_mean("replied", "reponse", "reponses", "repondu", "reply", "replied", "answered", "answer", "retour",
            "response", "responded")
_words_mean("deal", "deal", "signature", "signe", "signee", "signed", "signing", "contrat", "contract",
            "booked", "booking", "accord", "closing", "closed", "won", "conclu")
_words_mean("published", "publie", "publiee", "published", "posted", "live", "diffusion", "diffuse",
            "parution", "golive", "ligne")  # not "mise": "mise a jour" is an update ("mise en ligne": a phrase)
_words_mean("followup", "relance", "relances", "relancer", "followup", "rappel", "reminder", "next")
_words_mean("price", "prix", "price", "prices", "pricing", "tarif", "tarifs", "fee", "fees", "cachet", "cachets",
            "cout", "couts", "cost", "costs", "budget", "remuneration", "montant", "amount", "devis", "quote",
            "quoted", "asking", "ask", "compensation", "paiement", "payment", "honoraires", "facturation",
            "invoice", "rates", "ratecard")
_words_mean("currency", "currency", "devise", "monnaie", "ccy")
_words_mean("category", "category", "categories", "categorie", "thematique", "thematiques", "theme", "themes",
            "niche", "niches", "secteur", "univers", "topic", "topics", "domaine", "verticale", "vertical",
            "sujet", "sujets", "interests", "interets")
_words_mean("country", "country", "countries", "pays", "location", "localisation", "geo", "region",
            "zone", "market", "marche", "nationality")
_words_mean("city", "city", "ville", "cities", "villes")
_words_mean("language", "language", "languages", "langue", "langues", "lang", "idioma", "sprache")
_words_mean("bio", "bio", "biographie", "description", "about", "apropos", "presentation", "descriptif")
_words_mean("notes", "notes", "note", "remarques", "remarque", "observations", "observation", "memo", "memos",
            "infos", "informations", "details", "divers", "misc", "commentaires internes", "feedback", "avis")
_words_mean("internal", "interne", "internes", "internal", "prive", "privee", "private", "equipe", "team")
_words_mean("promo", "code", "codes", "promo", "discount", "coupon", "reduction", "voucher", "promocode")
_words_mean("tier", "tier", "tiers", "palier", "taille", "size")
_words_mean("growth", "growth", "croissance", "gain", "gains", "gagnes", "gagne", "gagnees", "gained", "perdus",
            "evolution", "delta", "variation", "diff",
            "progression", "new", "nouveaux", "increase", "hausse", "trend")
_words_mean("quality", "credibility", "quality", "qualite", "fake", "faux", "real", "authentic",
            "authenticite", "notable", "aqs", "score")
_words_mean("gender", "gender", "sexe", "genre", "male", "female", "homme", "femme")
_words_mean("age", "age", "ages", "tranche")
_words_mean("period", "days", "jours", "mois", "months", "weeks", "semaines", "weekly", "monthly", "daily",
            "hebdo", "mensuel", "quotidien", "last", "derniers")
_words_mean("rank", "rank", "ranking", "classement", "position", "type", "types", "id", "ids", "index", "level",
            "niveau")
_words_mean("latest", "dernier", "derniere", "dernieres", "latest", "recent", "recente", "recents", "newest",
            "lastest")
_words_mean("activity", "activite", "activity", "actif", "active")
# an extreme or a unit cost of a count is not that count: "Pic de vues", "Max likes", "Coût par clic"
_words_mean("peak", "peak", "max", "maximum", "maxi", "record", "min", "minimum", "mini", "best", "meilleur",
            "meilleure", "highest", "lowest")
_words_mean("unit", "clic", "clics", "click", "clicks", "impression", "impressions", "mille", "lead", "leads",
            "vente", "ventes", "conversion", "conversions", "cpc", "cpm", "cpe", "cpa", "cpv", "cpl")
_words_mean("portion", "part", "parts", "proportion", "repartition", "fraction", "quotepart")  # "Part du budget"
_words_mean("revenue", "revenus", "revenu", "revenue", "revenues", "ca", "chiffre", "turnover", "gmv", "roi",
            "roas")
_words_mean("vendor", "modash", "hypeauditor", "upfluence", "grin", "creatoriq", "kolsquare", "favikon",
            "socialblade", "iconosquare", "heepsy", "influence4you", "traackr")

# Two-word phrases read before single words.
_PHRASES: dict[str, str] = {
    "quote part": "portion", "j aime": "likes", "e mail": "email", "mise en ligne": "published", "go live": "published",
    "prise de contact": "contacted", "first contact": "contacted", "premier contact": "contacted",
    "1er contact": "contacted", "reached out": "contacted", "reach out": "contacted", "rate card": "price", "a propos": "bio", "site web": "link",
    "web site": "link", "nom complet": "name", "full name": "name", "display name": "name",
    "user name": "handle", "nom d utilisateur": "handle", "screen name": "handle", "follow up": "followup",
    "next step": "followup", "prochaine etape": "followup", "outreach status": "stage", "par post": "avg",
    "per post": "avg", "by post": "avg", "per video": "avg", "par video": "avg", "last name": "last",
    "first name": "first", "family name": "last", "nom de famille": "last", "given name": "first",
    "charge de": "owner", "suivi par": "owner", "gere par": "owner", "account manager": "owner",
    "assigne a": "owner", "assigned to": "owner", "chaine youtube": "yt_link",
    # the account's own activity, not a campaign stage: "Last post date", "Date of last upload"
    "last post": "last_post", "last posts": "last_post", "last posted": "last_post", "last upload": "last_post",
    "last uploaded": "last_post", "last video": "last_post", "last content": "last_post",
    "last publication": "last_post", "last activity": "last_post", "last active": "last_post",
    "last reel": "last_post", "last story": "last_post", "most recent": "latest",
}

_PLATFORMS = {k: v for k, v in PLATFORM_WORDS.items() if k not in ("x", "tt", "snap", "fb")}

# Units set aside before reading the words: "(k)", "(en milliers)", "(€)", "(USD)", "%", "HT"/"TTC". A
# multiplier is read wherever a header writes it: in brackets ("Vues (k)", "Views [M]"), after a comma,
# slash, colon or spaced dash ("Vues, k", "Views / thousands", "Vues - milliers"), or as a trailing
# "en/in ..." phrase ("Vues en milliers", "Views in thousands"); its words in French or English.
_UNIT_GROUP = re.compile(r"[(\[]([^)\]]*)[)\]]")
_MULT_WORDS = {"k": 3, "000": 3, "1000": 3, "milliers": 3, "millier": 3, "thousands": 3, "thousand": 3,
               "kilo": 3, "m": 6, "mio": 6, "mn": 6, "millions": 6, "million": 6, "000000": 6, "1000000": 6}
# a multiplier after a separator at the end of the header ("Vues, k", "Views / '000", "Vues - en milliers")
_UNIT_TAIL = re.compile(r"(?<![\d\s])(?:\s*[,/;:|]\s*|\s+[-–—]\s+)([^,/;:|()\[\]]+)$")
_UNIT_PHRASE = re.compile(r"\s+((?:en|in)\s+[^\W\d_]+)\s*$", re.IGNORECASE)  # "Vues en milliers"


def _multiplier(text: str) -> int | None:
    """The power of ten a header's unit marker says ("k", "(en milliers)", "'000", "x 1 000", "000s",
    "M", "millions"), None for anything else."""
    t = text.strip().lower().replace("'", "").replace("’", "").replace("\u00a0", " ")
    t = re.sub(r"^(?:en|in|par|per|x|×|\*)\s*", "", t).strip()
    t = re.sub(r"(?<=\d)[\s.,]+(?=\d)", "", t)  # "1 000", "1.000"
    if t.endswith("s") and t[:-1].isdigit():
        t = t[:-1]  # "000s"
    return _MULT_WORDS.get(t)


_CURRENCY_IN_HEADER = re.compile(
    r"(?<![^\W\d_])(€|\$|£|¥|eur|euros?|usd|gbp|chf|cad|aud|jpy|sek|nok|dkk|pln|mad|aed|sar|inr|brl|mxn)"
    r"(?![^\W\d_])", re.IGNORECASE)
_TAX_IN_HEADER = re.compile(r"(?<![^\W\d_])(ht|h\.t\.|ttc|t\.t\.c\.|excl\.? vat|incl\.? vat|hors taxes?)(?![^\W\d_])",
                            re.IGNORECASE)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")


@dataclass(frozen=True)
class HeaderMeaning:
    """What a header says. `column` is a canonical column, `PROFILE` (a link or handle column of one
    network), "first_name"/"last_name" (parts of the creator's name), or None (unknown or nothing
    influkit reads, e.g. a follow-up date); `platform` the network the header names; `how` "synonym",
    "words" or "" ; `words` the meanings read, for `influkit inspect`; units set aside: `exponent`
    (3 for "(k)"), `currency` ("Rate (USD)"), `percent` ("%ER"), `tax` ("Budget HT")."""

    column: str | None
    platform: str | None = None
    how: str = ""
    words: tuple[str, ...] = ()
    exponent: int = 0
    currency: str | None = None
    percent: bool = False
    tax: str | None = None


def _units(text: str) -> tuple[str, int, str | None, bool, str | None]:
    """(header without its units, exponent, currency, percent, tax)."""
    exponent = 0
    currency = None
    percent = "%" in text
    tax = None
    rest = text.replace("%", " ")
    for group in _UNIT_GROUP.findall(text):
        g = group.strip()
        inner_cur = _CURRENCY_IN_HEADER.search(g)
        inner = _CURRENCY_IN_HEADER.sub("", g).strip()
        found = _multiplier(inner)
        if found is not None:
            exponent = found
            rest = rest.replace(f"({group})", " ").replace(f"[{group}]", " ")
        if inner_cur and (not inner or found is not None):
            rest = rest.replace(f"({group})", " ").replace(f"[{group}]", " ")
    for pattern in (_UNIT_TAIL, _UNIT_PHRASE):
        tail = pattern.search(rest)
        if tail and (found := _multiplier(_CURRENCY_IN_HEADER.sub("", tail[1]))) is not None:
            exponent = found
            rest = rest[:tail.start()] + " "
    m = re.search(r"(?<![^\W\d_])(k|K)(€|\$|£)", rest)  # "Budget k€"
    if m:
        exponent = 3
    cur = _CURRENCY_IN_HEADER.search(text)
    if cur:
        currency = P.parse_currency(cur[1])
        rest = _CURRENCY_IN_HEADER.sub(" ", rest)
    elif m:  # ("k€": the sign right after the k is the currency too, in thousands)
        currency = P.parse_currency(m[2])
        rest = rest.replace(m[0], " ")
    t = _TAX_IN_HEADER.search(text)
    if t:
        tax = "incl" if t[1].lower().startswith(("ttc", "t.t", "incl")) else "excl"
        rest = _TAX_IN_HEADER.sub(" ", rest)
    return rest, exponent, currency, percent, tax


def header_without_units(text: str) -> str:
    """A header with its unit markers set aside ("Vues (k)" -> "Vues", "Views, '000" -> "Views")."""
    return " ".join(_units(text)[0].split())


def header_exponent(text: str) -> int:
    """The power of ten a header's unit marker multiplies its bare numbers by ("Vues (k)", "Views, '000",
    "Vues en milliers": 3; "Views (M)": 6; 0 without one): the one reading, for lists, histories and posts."""
    return _units(text)[1]


_ABBREVIATED = re.compile(r"(?<![^\W\d_.@/])([^\W\d_]+)\.(?=[\s)\]]|$)")  # a word cut short, marked by a point ("Enreg.")


def expand_abbreviations(text: str, vocabulary: Mapping[str, str], known: Collection[str] = ()) -> str:
    """`text` with each word cut short and marked by a point ("Enreg.", "Impr.", "Partag.") replaced by the
    word of `vocabulary` (folded word -> meaning) it begins, when it keeps ABBREVIATION_MIN_LETTERS letters
    or more, is no known word itself (of `vocabulary` or `known`: "Part." stays "part") and every word it
    begins means one thing ("Abonn." begins followers and following: kept; a phrase of the vocabulary,
    "commentaires internes", is no word a point cuts short). The one rule for abbreviations, for a list's
    headers (`understand_header`) and a posts sheet's."""
    def whole(m: re.Match[str]) -> str:
        word = fold_key(m[1])
        if len(word) < ABBREVIATION_MIN_LETTERS or " " in word or word in vocabulary or word in known \
                or word.rstrip("s") in vocabulary:
            return m[0]
        begun = sorted(w for w in vocabulary if w.startswith(word) and " " not in w)  # (a word, not a phrase)
        if not begun or len({vocabulary[w] for w in begun}) != 1:
            return m[0]
        return min(begun, key=len) + " "

    return _ABBREVIATED.sub(whole, text) if "." in text else text


def _meanings(key: str) -> list[str]:
    words = key.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        three = " ".join(words[i:i + 3])
        two = " ".join(words[i:i + 2])
        if len(words) - i >= 3 and three in _PHRASES:
            out.append(_PHRASES[three])
            i += 3
        elif len(words) - i >= 2 and two in _PHRASES:
            out.append(_PHRASES[two])
            i += 2
        else:
            w = words[i]
            out.append(_MEANINGS.get(w) or _MEANINGS.get(w.rstrip("s")) or w)
            i += 1
    return out


_DATE_STAGES = ("contacted", "replied", "deal", "published")
_PER_ACCOUNT = ("followers", "following", "posts", "avg_likes", "avg_comments", "avg_views", "avg_shares",
                "engagement_rate", "vendor_er", PROFILE, "tier")


def _from_words(m: list[str], percent: bool) -> str | None:  # noqa: C901 - one rule per line, in order
    s = set(m)
    if "quality" in s or "gender" in s or "age" in s or s & {"growth", "period"} and "followers" in s:
        return None  # audience shares, credibility scores, follower growth: kept as they are
    counts = s & {"followers", "following", "posts", "likes", "comments", "views", "shares", "er"}
    if counts and ("peak" in s or "owner" in s):
        return None  # "Pic de vues", "Max likes", "Record d'abonnés": an extreme, not the account's number
    if "portion" in s:
        return None  # "Part du budget", "Répartition des abonnés": a share of something, not that thing
    if "unit" in s or "revenue" in s or "price" in s and "avg" in s and counts:
        return None  # "Coût par clic", "Prix par vue", "Partage de revenus": influkit computes CPE/CPM itself
    if "rank" in s and not s & {"tier"}:
        return None  # "country_rank", "channel_type": about a column, not the column
    if "count" in s and s & {"link", "handle", "creator", "name", "platform"}:
        return None  # "Nb profils", "Number of creators": a count, not an account column
    if "followup" in s or "address" in s:
        return None  # a follow-up date is not the contact date; a postal code is not a promo code
    if "last_post" in s or "latest" in s and s & {"posts", "published", "activity"} or "activity" in s and "date" in s:
        return "last_post_on"  # the account's own activity ("Date dernier post"), not the sponsored post's date
    if "date" in s and "posts" in s:
        s = (s - {"posts"}) | {"published"}  # "Date de publication", "Post date"
    if "date" in s or s & set(_DATE_STAGES) and len(s) <= 2:
        for stage in _DATE_STAGES:
            if stage in s and ("date" in s or len(s) == 1):
                return f"{stage}_on"
    if "er" in s and (s & {"rate", "ratio"} or percent or "avg" not in s and "total" not in s and "count" not in s):
        return "engagement_rate"
    if "price" in s and "ratio" not in s or ("rate" in s and not s - {"rate", "avg", "posts", "count", "currency"}):
        return "price_quoted"  # "Rate (USD)", "Rate per post"; not "Unemployment rate", "Click rate" or "Ratio"
    if percent or s & {"rate", "ratio"}:
        return None  # a share of something ("%Male", "Taux de clics"): not a count
    if "views" in s and "posts" in s and "avg" not in s:
        return None  # "video_views": a channel's total views as often as an average
    if "total" not in s:
        for word, column in (("likes", "avg_likes"), ("comments", "avg_comments"), ("views", "avg_views"),
                             ("shares", "avg_shares")):
            if word in s and "internal" not in s and "notes" not in s:
                return column
    if "followers" in s and "following" not in s:
        return "followers"
    if "following" in s:
        return "following"
    if "posts" in s and not s & {"likes", "comments", "views", "shares", "date", "link"}:
        return "posts"
    if "email" in s:
        return "email"
    if "phone" in s:
        return None
    if "stage" in s:
        return "stage"
    if "currency" in s:
        return "currency"
    if "promo" in s:
        return "promo_code"
    if "owner" in s:
        return "owner"
    if "title" in s and s & {"channel", "chaine", "handle", "creator", "name", "yt_link"}:
        return "creator"  # "channel_title", "Titre de la chaîne": what the channel is called, i.e. the creator
    if "channel" in s and "yt_link" not in s:
        return "channel"
    if "platform" in s and not s & {"link", "handle", "name"}:
        return "platform"
    if "notes" in s or "internal" in s:
        return "notes"
    if "bio" in s:
        return "bio"
    if "category" in s:
        return "category"
    if "country" in s:
        return "country"
    if "language" in s:
        return "language"
    if "tier" in s:
        return "tier"
    if "first" in s and ("name" in s or len(s) == 1):
        return "first_name"
    if "last" in s and ("name" in s or len(s) == 1):
        return "last_name"
    if "yt_link" in s:
        return "handle"
    if "link" in s:
        return "profile_url"
    if "handle" in s:
        return "handle"
    if "creator" in s or "name" in s:
        return "creator"
    if "contacted" in s and len(s) == 1:
        return "contacted_on"
    return None


@lru_cache(maxsize=4096)
def header_meanings(text: str) -> tuple[str, ...]:
    """The meanings of a header's words as the list reader reads them, units set aside ("Comm. moy." ->
    comments, avg; "Nb j'aime" -> count, likes) and words cut short read as the known word they begin
    (`expand_abbreviations`: "Enreg." -> saves, "Partag." -> shares): the one header vocabulary, which the
    posts reader (`campaign.published`, `metrics.posts`) reads."""
    return tuple(_meanings(fold_key(_CAMEL.sub(" ", expand_abbreviations(_units(text)[0], _MEANINGS, PLATFORM_WORDS)))))


# a post's counts as the list reader names them, and the meanings that make such a header an average, a rate
# or a cost per something, never a post's own number
_POST_COUNTS = ("views", "likes", "comments", "shares", "saves", "followers")
_NOT_A_POST_NUMBER = frozenset({"avg", "rate", "unit", "peak", "portion", "growth", "period", "price", "revenue",
                                "quality", "internal", "notes", "following"})


def post_count(header: str) -> str | None:
    """The one count of a post a header names in the list reader's vocabulary (`header_meanings`): "Comm."
    and "Comms" comments, "Nb j'aime" likes, "Enreg." saves, "Vues (k)" views; None for an average
    ("Comm. moy."), a rate, a cost per something, two counts ("Likes + comm.") or anything else."""
    meant = set(header_meanings(header))
    named = [name for name in _POST_COUNTS if name in meant]
    return named[0] if len(named) == 1 and not meant & _NOT_A_POST_NUMBER else None


def header_words() -> Mapping[str, str]:
    """The list reader's header words (folded word -> meaning), for `expand_abbreviations`."""
    return _MEANINGS


@lru_cache(maxsize=4096)
def understand_header(text: str) -> HeaderMeaning:
    """The meaning of one header cell (see the module's docstring). A header the words as written leave
    unread is read again with its words cut short expanded (`expand_abbreviations`, the posts reader's one
    rule: "Partag." -> partage, "Interact. moy." -> interaction + moyenne), each only to the one known
    word (or words of one meaning) it begins; a header read as written keeps its meaning ("Eng. (Auth.)"),
    and one whose expansion names nothing influkit reads ("Enreg. moy.") stays kept as is."""
    meaning = _understand_header(text)
    if meaning.column is None and "." in text:
        expanded = expand_abbreviations(text, _MEANINGS, PLATFORM_WORDS)
        if expanded != text:
            wider = _understand_header(" ".join(expanded.split()))
            if wider.column is not None:
                return wider
    return meaning


def _understand_header(text: str) -> HeaderMeaning:
    if not text or not text.strip():
        return HeaderMeaning(None)
    rest, exponent, currency, percent, tax = _units(text)
    raw_key = fold_key(text)
    key = fold_key(_CAMEL.sub(" ", rest))
    if text.strip().startswith("@") and len(raw_key.split()) <= 1:
        return HeaderMeaning("handle", None, "words", ("handle",))
    for k in (raw_key, key):
        if k in SYNONYMS:
            column: str | None = SYNONYMS[k]
            named = platform_of_name(k) if column in ("handle", "profile_url") else None
            if named is not None:  # "YouTube Channel", "Instagram handle": one network's account column
                return HeaderMeaning(PROFILE, named, "synonym", (k,), exponent, currency, percent, tax)
            return HeaderMeaning(column, None, "synonym", (k,), exponent, currency, percent, tax)
    wide = match_wide_header(key) or match_wide_header(raw_key)
    if wide is not None:
        return HeaderMeaning(wide[0], wide[1], "synonym", tuple(key.split()), exponent, currency, percent, tax)
    m = _meanings(key)
    if not m:
        return HeaderMeaning(None, None, "", (), exponent, currency, percent, tax)
    words = key.split()
    # short names that would match too much alone ("x", "tt", "fb") name a network beside account words
    table = PLATFORM_WORDS if len(words) >= 2 else _PLATFORMS
    platforms = [(i, table[w]) for i, w in enumerate(words) if w in table]
    if len({p for _, p in platforms}) == 1:
        platform = platforms[0][1]
        rest_m = [w for w in m if w not in _PLATFORMS and w not in ("platform",)]
        if not rest_m or set(rest_m) <= {"link", "handle", "account", "name", "yt_link"} and "name" not in rest_m:
            return HeaderMeaning(PROFILE, platform, "words", tuple(m), exponent, currency, percent, tax)
        column = _from_words(rest_m, percent)
        if column in _PER_ACCOUNT or column in ("profile_url", "handle"):
            col = PROFILE if column in ("profile_url", "handle") else column
            return HeaderMeaning(col, platform, "words", tuple(m), exponent, currency, percent, tax)
        return HeaderMeaning(column, platform, "words" if column else "", tuple(m), exponent, currency, percent,
                             tax)
    column = _from_words(m, percent)
    return HeaderMeaning(column, None, "words" if column else "", tuple(m), exponent, currency, percent, tax)


IDENTITY_COLUMNS = ("creator", "handle", "profile_url", PROFILE, "first_name", "last_name")

# A column of average engagements per post, kept as it is, that gives the engagement rate of the rows with
# neither likes nor a rate (Kaggle/HypeAuditor-style lists). In order of preference: average engagement
# first; "authentic engagement" (the interactions of real followers) only when there is no average.
ENGAGEMENT_COUNT_HEADERS: tuple[str, ...] = ("engagement avg", "avg engagement", "average engagement",
                                             "eng avg", "engagement moyen", "interactions moyennes",
                                             "avg interactions", "authentic engagement", "eng auth",
                                             "engagement authentique")


def engagement_counts_column(kept: Sequence[str], has: Callable[[str], bool]) -> tuple[str | None, list[str]]:
    """(the kept column `metrics.engagement` reads as average engagements per post, the other kept columns
    that could have been it): one rule for what enrich computes and what `inspect` says."""
    candidates = [c for c in kept if fold_key(c) in ENGAGEMENT_COUNT_HEADERS and has(c)]
    if not candidates:
        return None, []
    chosen = min(candidates, key=lambda c: ENGAGEMENT_COUNT_HEADERS.index(fold_key(c)))
    return chosen, [c for c in candidates if c != chosen]


# the columns read as an average per post that a sheet may fill with each account's lifetime totals instead
# (the YouTube API's statistics.viewCount under "views", a "likes" column of all the likes ever received)
AVERAGE_PER_POST = ("avg_views", "avg_likes", "avg_comments", "avg_shares")


def lifetime_totals(header: str, rows: Sequence[Sequence[Any]], index: int, followers: int,
                    exponents: tuple[int, int] = (0, 0), limit: int = CONTENT_SAMPLE) -> float | None:
    """The median ratio of column `index` to the row's followers (column `followers`) when that column,
    read as an average per post (`AVERAGE_PER_POST`), holds lifetime totals instead: its median row is
    LIFETIME_TOTAL_MIN_RATIO times the followers or more (13,101,886 views for 115,000 subscribers: 114 x),
    over a sample of rows spread over the sheet where both cells are positive numbers (at least
    CONTENT_MIN_CELLS of them); None otherwise, and always None when the header says average ("Avg views",
    "Vues moy.", "views(avg)": trusted whatever the values). `exponents` are the two headers' units ("(k)").
    The one rule for what enrich reads and what `inspect` says."""
    if "avg" in header_meanings(header):
        return None
    ratios: list[float] = []
    for r in sample_rows(len(rows), limit):
        count = _positive(rows[r][index], exponents[0])
        base = _positive(rows[r][followers], exponents[1]) if count is not None else None
        if count is not None and base is not None:
            ratios.append(count / base)
            if len(ratios) >= limit:
                break
    if len(ratios) < CONTENT_MIN_CELLS:
        return None
    ratio = median(ratios)
    return ratio if ratio >= LIFETIME_TOTAL_MIN_RATIO else None


def _positive(cell: Any, exponent: int) -> float | None:
    """A count cell as a positive number (its header's unit applied), None when it is none."""
    if isinstance(cell, bool):
        return None
    try:
        value = cell if isinstance(cell, int | float) else P.parse_count(cell)
    except P.ParseError:
        return None
    if value is None or value != value or value <= 0:
        return None
    return float(value) * 10.0 ** exponent


def names_accounts(cells: Sequence[Any]) -> bool:
    """True when a header row has a column naming people or accounts (a prospect list, not a summary)."""
    return any(isinstance(c, str) and c.strip() and fold_key(c) not in PLATFORM_WORDS  # "Instagram" alone: a value
               and understand_header(" ".join(c.split())).column in IDENTITY_COLUMNS for c in cells)


def header_known(cell: object) -> bool:
    """True when a header cell names something influkit reads (for finding the header row)."""
    if not isinstance(cell, str) or not cell.strip() or len(cell) > 80:
        return False
    meaning = understand_header(" ".join(cell.split()))
    return meaning.column is not None or meaning.platform is not None


# ------------------------------------------------------------------------------------------ contents


_FRACTION_TEXT = re.compile(r"0[.,]\d*[1-9]\d*").fullmatch  # a bare decimal under 1, written with a comma or a dot
_DATE_SHAPE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T].*)?")
# a document's file name (what a "Contrat" or "Brief" column holds, a link often behind it)
_FILE_NAME = re.compile(r"\S\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|rtf|txt|csv|png|jpe?g|gif|heic|zip|mp4|mov)\Z")


@lru_cache(maxsize=65536)
def _text_kinds(s: str) -> frozenset[str]:
    t = s.strip()
    kinds: set[str] = set()
    if not t:
        return frozenset()
    if len(t) == 24 and P.is_youtube_channel_id(t):
        return frozenset({"yt_channel_id", "word"})  # a YouTube channel id (one handle-like word as well)
    if t.isascii() and t.replace(".", "", 1).isdigit():
        return value_kinds(float(t)) if len(t) < 20 else frozenset({"number"})  # "0.045" as the cell 0.045
    low = t.lower()
    if _FILE_NAME.search(low) and "/" not in t and "\\" not in t:
        return frozenset({"file"})  # "contrat signé.pdf": a document, not a status, a date or a handle
    has_space = " " in t
    if "@" in t:
        if P.parse_emails(t):
            if P.words_beside_emails(t) <= EMAIL_CELL_MAX_WORDS:
                kinds.add("email")  # the cell is addresses, not a bio or a note that mentions one
        elif t.startswith("@") and not has_space:
            kinds.add("at_handle")
        elif P.split_name_handle(t) is not None:
            kinds.add("name_handle")
    if not has_space and ("/" in t or "." in t or low.startswith("www")):
        plat, handle, url = P.parse_profile(t)
        if plat is not None and plat != "blog":
            kinds.add("profile")
        elif plat == "blog" and ("/" in t or low.startswith(("http", "www"))) or plat is None and url:
            kinds.add("url")  # a web site, or a shortened link (bit.ly/...)
    if len(t) <= 40:
        if "." not in t and "/" not in t and len(t) > 1:
            try:
                if P.parse_platform(t):
                    kinds.add("platform")
            except P.ParseError:
                pass
        try:
            if P.parse_count(t) is not None:
                kinds.add("number")
        except P.ParseError:
            pass
        if any(ch.isdigit() for ch in t):
            try:
                if P.parse_rate(t) is not None:
                    kinds.add("percent" if "%" in t else "rate")
            except P.ParseError:
                pass
            if _FRACTION_TEXT(t) and "%" not in t:
                kinds.add("fraction")  # "0,024" as the cell 0.024
        if "number" in kinds and any(ch.isalpha() for ch in t):  # "12 mars" is a date, not 12 of something
            try:
                if P.parse_date(t) is not None:
                    kinds.discard("number")
                    kinds.discard("rate")
            except P.ParseError:
                pass
        if any(ch.isdigit() for ch in t) and "number" not in kinds:
            if _DATE_SHAPE.fullmatch(t):
                kinds.add("date")  # a date, even an impossible one (31/02, 9999-12-31): an issue, not text
            else:
                try:
                    P.parse_date(t)
                    kinds.add("date")
                except P.ParseError:
                    pass
            try:
                p = P.parse_price(t)
                if p is not None and (p.currency or p.high is not None or p.per or p.tax):
                    kinds.add("money")
            except P.ParseError:
                pass
        elif not any(ch.isdigit() for ch in t):
            try:
                p = P.parse_price(t)
                if p is not None and p.note:
                    kinds.add("money_word")
            except P.ParseError:
                pass
        try:
            if P.parse_stage(t):
                kinds.add("stage")
        except P.ParseError:
            pass
        try:
            if P.parse_channel(t):
                kinds.add("channel")
        except P.ParseError:
            pass
    if not kinds:
        if not has_space and re.fullmatch(r"[\w.\-]{1,40}", t) and any(ch.isalpha() for ch in t):
            kinds.add("word")
        elif has_space or len(t) > 40:
            kinds.add("text")
    if has_space and 1 < len(t.split()) <= 5 and all(w[:1].isupper() for w in t.split() if w[:1].isalpha()):
        kinds.add("name")
    return frozenset(kinds)


def value_kinds(v: Any) -> frozenset[str]:
    """The kinds a cell could be: number, percent, date, money, profile, url, email, at_handle,
    name_handle, platform, stage, channel, word (one handle-like word), name, text."""
    if v is None:
        return frozenset()
    if isinstance(v, bool):
        return frozenset({"bool"})
    if isinstance(v, int | float):
        if v != v:
            return frozenset()
        if 0 <= v <= 100:
            return frozenset({"number", "rate", "fraction"} if 0 < v < 1 else {"number", "rate"})
        return frozenset({"number"})
    if isinstance(v, dt.date | dt.datetime | dt.time):
        return frozenset({"date"})
    if isinstance(v, str):
        return _text_kinds(v) if len(v) <= 300 else frozenset({"text"})
    return frozenset()


@dataclass
class ContentProfile:
    """What a column's sampled cells are: `shares` of each kind over the `n` non-empty cells sampled,
    `links` the share of sampled rows whose cell has a hyperlink to a profile, `distinct` the share of
    distinct values, `platforms` the networks of its profile links, `samples` a few values as text."""

    n: int = 0
    shares: dict[str, float] = field(default_factory=dict)
    links: float = 0.0
    link_platforms: Counter[str] = field(default_factory=Counter)
    distinct: float = 0.0
    platforms: Counter[str] = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)

    def share(self, kind: str) -> float:
        return self.shares.get(kind, 0.0)

    def top(self) -> tuple[str, float] | None:
        return max(self.shares.items(), key=lambda kv: kv[1]) if self.shares else None


def sample_rows(total: int, limit: int = CONTENT_SAMPLE) -> range:
    """Row indexes spread evenly over the column (every k-th row), at most about `limit` of them."""
    step = max(1, total // (limit * 2))
    return range(0, total, step)


def profile_column(rows: Sequence[Sequence[Any]], index: int, links: dict[tuple[int, int], str] | None = None,
                   limit: int = CONTENT_SAMPLE) -> ContentProfile:
    """Sample up to `limit` non-empty cells of column `index`, spread over all the rows."""
    prof = ContentProfile()
    counts: Counter[str] = Counter()
    seen: set[str] = set()
    linked = 0
    sampled_rows = 0
    n = 0
    for r in sample_rows(len(rows), limit):
        v = rows[r][index]
        target = links.get((r, index)) if links else None
        if target is not None:
            plat = P.parse_profile(target)[0]
            if plat is not None and plat != "blog":
                linked += 1
                prof.link_platforms[plat] += 1
        if P.is_missing(v):
            if target is not None:
                sampled_rows += 1
            continue
        sampled_rows += 1
        n += 1
        kinds = value_kinds(v)
        counts.update(kinds)
        text = v if isinstance(v, str) else (str(int(v)) if isinstance(v, float) and v.is_integer() and abs(v) < 1e15
                                              else v.isoformat() if isinstance(v, dt.date | dt.time) else str(v))
        seen.add(text.strip().casefold())
        if "profile" in kinds:
            prof.platforms[P.parse_profile(text)[0] or ""] += 1
        if len(prof.samples) < 3:
            shown = " ".join(text.split())
            prof.samples.append(shown if len(shown) <= 40 else shown[:39] + "…")
        if n >= limit:
            break
    prof.n = n
    prof.shares = {k: c / n for k, c in counts.items()} if n else {}
    prof.links = linked / sampled_rows if sampled_rows else 0.0
    prof.distinct = len(seen) / n if n else 0.0
    return prof


def describe(prof: ContentProfile, kind: str) -> str:
    """'87 % of 200 sampled cells are profile links' (evidence for a decision)."""
    label = {
        "profile": "profile links", "url": "web links", "email": "e-mail addresses", "at_handle": "@handles",
        "name_handle": "names with an @handle", "platform": "platform names", "stage": "status words", "file":
        "file names",
        "channel": "outreach channels", "date": "dates", "number": "numbers", "percent": "percentages",
        "money": "prices with a currency", "money_word": "price words (gifting, on request)", "word":
        "single handle-like words", "yt_channel_id": "YouTube channel ids (UC + 22 characters)",
        "name": "person names", "text": "free text", "fraction": "fractions",
    }.get(kind, kind)
    return f"{prof.share(kind):.0%} of {prof.n} sampled cells are {label}"


def network_name_only(name: str) -> bool:
    """True when `name` is a network's name and nothing else ("Instagram", "TT", "Tik Tok"), not a title
    that also says a campaign, a season or a date ("TikTok — Printemps 2026")."""
    return fold_key(name) in PLATFORM_WORDS


def platform_of_name(name: str) -> str | None:
    """The network a tab or section is named after ("Instagram", "TT - beauté", "YT 2026"), else None."""
    words = fold_key(name).split()
    found = {_PLATFORMS[w] for w in words if w in _PLATFORMS} | {
        PLATFORM_WORDS[w] for w in words if w in ("tt", "fb") and len(words) <= 3}
    if len(found) == 1:
        return found.pop()
    return None
