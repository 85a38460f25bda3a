"""The words the disclosure check looks for: labels (what a caption says about its commercial nature)
and topics (banned or regulated promotions), as data.

A term is written as a phrase. Each word is matched accent- and case-insensitively on word boundaries
with French/English plurals and feminines (`influkit.textmatch` stems, so "sponsorisé" finds
"Sponsorisées"); a word written `=word` must match exactly (folded, not stemmed), so "=sponsored" does not
find "sponsor". Hashtags count: `#Publicité`, `#collaborationcommerciale`, `#PartenariatRémunéré`,
`#sponsoredpost` (see scan.py for the hashtag rules).

`where` says where a term counts:
- "any": anywhere in the text ("collaboration commerciale", "sponsorisé par");
- "label": as a hashtag, in label position (first word of a line, framed by brackets or separators:
  "[Publicité]", "Partenariat |"), or standing free in running text, wherever on the line: not right
  after an article, preposition or possessive (FUNCTION_WORDS) and closing its clause ("bougie allumée
  Publicité", "... #tag29 Publicité") or capitalised inside it; "publicité" in "Je déteste la
  publicité" or "la publicité mensongère" is not a label;
- "strict": as a hashtag, alone on its line or in its clause ("new candle 🔥 Ad", "Top. Pub"), framed
  ("(pub)", "[AD]"), first on its line before punctuation, an emoji, a mention or a hashtag ("Pub | ...",
  "AD @marque"), or closing its clause in capitals ("bougie allumée PUB") or capitalised at the end of
  its line ("new candle Ad") -- for words of two or three letters ("ad", "pub", "sp") that also occur as
  ordinary words ("Soirée au pub", "this ad").

Label kinds (what each rule set accepts is in compliance.py):
legal       the French law's own words: "publicité", "collaboration commerciale"
ad          an unequivocal advertising label: "contenu publicitaire", "#ad", "advertisement", "Werbung"
abbrev      an abbreviation of one: "#pub", "#publi", "#adv"
sponsored   "sponsorisé", "sponsored by", "gesponsert"
paid        a paid partnership said in words: "partenariat rémunéré", "paid partnership", "X paid me"
partnership "en partenariat avec", "#partenariat", "in partnership with"
gift        a gift or invitation: "produit offert", "#gifted", "PR package", "invitée par"
affiliate   an affiliate link or commission: "lien affilié", "affiliate link", "#commissionsearned"
ambiguous   tags that do not say "ad": "#collab", "#sp", "#spon", "#partner", "ambassadeur"
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Label:
    phrase: str
    kind: str
    lang: str
    where: str = "any"


def _labels(kind: str, lang: str, *phrases: str, where: str = "any") -> list[Label]:
    return [Label(p, kind, lang, where) for p in phrases]


LABELS: tuple[Label, ...] = tuple([
    # ---- French
    *_labels("legal", "fr", "publicité", where="label"),
    *_labels("legal", "fr", "collaboration commerciale", "publicité pour", "est une publicité",
             "est de la publicité", "ceci est une publicité"),
    *_labels("ad", "fr", "contenu publicitaire", "post publicitaire", "publication publicitaire",
             "vidéo publicitaire", "message publicitaire", "partenariat publicitaire", "collaboration publicitaire",
             "communication publicitaire", "communication commerciale", "annonce publicitaire",
             "placement de produit", "est une pub", "est de la pub", "pub pour"),
    *_labels("abbrev", "fr", "pub", where="strict"),
    *_labels("sponsored", "fr", "sponsorisé", "sponsorisé par", "contenu sponsorisé", "post sponsorisé",
             "vidéo sponsorisée", "article sponsorisé", "publication sponsorisée"),
    *_labels("paid", "fr", "partenariat rémunéré", "partenariat payant", "partenariat commercial",
             "collaboration rémunérée", "collaboration payante", "rémunéré par", "suis rémunéré", "suis payé",
             # "collab" (alone an ambiguous tag) said to be paid is a paid partnership
             "collab rémunérée", "collab rémunéré", "collab payée", "collab payante", "collaboration payée",
             "partenariat payé", "contenu rémunéré", "post rémunéré", "publication rémunérée", "vidéo rémunérée"),
    *_labels("partnership", "fr", "en partenariat avec", "partenariat avec"),
    *_labels("partnership", "fr", "partenariat", where="label"),
    *_labels("gift", "fr", "offert par", "produit offert", "produits offerts", "reçu gratuitement",
             "envoyé gratuitement", "invité par", "colis presse", "envoi presse", "cadeau de",
             "merci pour l'invitation", "merci pour cette invitation", "merci pour le cadeau", "reçu les produits",
             "reçu ce produit", "produits reçus", "reçu en cadeau"),
    *_labels("gift", "fr", "cadeau", "offert", "invitation", where="strict"),
    *_labels("affiliate", "fr", "lien affilié", "lien d'affiliation", "lien affiliation"),
    *_labels("ambiguous", "fr", "collaboration", "en collaboration avec", "ambassadeur", "ambassadrice",
             "en association avec", "avec le soutien de"),
    *_labels("ambiguous", "fr", "partenaire", where="label"),
    *_labels("ambiguous", "fr", "sponso", where="strict"),
    # ---- English
    *_labels("ad", "en", "=ad", "=ads", where="strict"),
    *_labels("ad", "en", "=advert", "=adverts", "advertisement", "=advertising", "advertisement feature",
             "is an =ad", "paid =ad"),
    *_labels("sponsored", "en", "=sponsored", "=sponsored by", "for =sponsoring", "=sponsored post"),
    *_labels("paid", "en", "paid partnership", "paid partner", "paid promotion", "includes paid promotion",
             "paid collab", "paid collaboration", "paid content",
             "=paid post", "=paid by", "=paid me", "=paying me", "=paid to", "=paid for my", "=paid for this",
             "earn a commission", "earn a small commission", "earn commission", "earn commissions",
             "get a commission", "commissions earned"),
    *_labels("partnership", "en", "in partnership with", "partnership", "partnered with"),
    *_labels("gift", "en", "=gifted", "=gifted by", "=gifted me", "pr package", "pr sample", "press sample",
             "=sent me", "=sent to me", "for =sending", "free product", "courtesy of", "=prsample", "=prpackage",
             "=gave me", "=loaned me", "=lent me", "for =hosting", "=hosted by"),
    *_labels("gift", "en", "gift", "=pr", where="strict"),
    *_labels("affiliate", "en", "affiliate link", "=affiliate", "=commissionable"),
    *_labels("ambiguous", "en", "collab", "collaboration", "in collaboration with", "ambassador",
             "brand ambassador", "in association with", "=sponsor", "=c =o"),
    *_labels("ambiguous", "en", "=sp", "=spon", where="strict"),
    *_labels("ambiguous", "en", "partner", where="label"),
    # ---- other EU languages (valid under the EU rule set, and under FTC/ASA in their own language)
    *_labels("ad", "de", "werbung", "anzeige", "unbezahlte werbung"),
    *_labels("sponsored", "de", "gesponsert"),
    *_labels("paid", "de", "bezahlte partnerschaft"),
    *_labels("ambiguous", "de", "kooperation"),
    *_labels("ad", "es", "publicidad", "anuncio"),
    *_labels("abbrev", "es", "publi", where="strict"),
    *_labels("sponsored", "es", "patrocinado"),
    *_labels("paid", "es", "colaboración pagada", "colaboración remunerada"),
    *_labels("ambiguous", "es", "colaboración"),
    *_labels("ad", "it", "pubblicità"),
    *_labels("abbrev", "it", "adv", where="strict"),
    *_labels("sponsored", "it", "sponsorizzato"),
    *_labels("paid", "it", "collaborazione commerciale", "collaborazione retribuita"),
    *_labels("ad", "pt", "publicidade"),
    *_labels("paid", "pt", "parceria paga"),
    *_labels("ad", "nl", "advertentie"),
    *_labels("sponsored", "nl", "gesponsord"),
    *_labels("paid", "nl", "betaalde samenwerking", "betaald partnerschap"),
    *_labels("ad", "pl", "reklama"),
    *_labels("paid", "pl", "współpraca reklamowa"),
    *_labels("ad", "sv", "reklam", "annons"),
])

# "merci @marque", "thanks so much @brand", "#MerciSephora": a thanks aimed at an account or the brand
THANKS: tuple[str, ...] = ("merci", "thanks", "thank you", "thank u", "thx", "danke", "gracias", "grazie")
THANKS_NOT_BRAND: frozenset[str] = frozenset({  # "#ThanksGiving", "#MerciBeaucoup" thank no brand
    "you", "u", "giving", "beaucoup", "all", "everyone", "tous", "toutes", "vous", "a", "god", "mom", "dad",
    "maman", "papa", "la", "le", "les", "for", "pour"})

# A label preceded by one of these in the same clause is negated: "non sponsorisé", "pas une publicité",
# "not sponsored", "this isn't an ad", "sans pub", "aucun partenariat".
NEGATORS: frozenset[str] = frozenset({
    "non", "pas", "ni", "sans", "aucun", "aucune", "jamais", "not", "no", "never", "without", "nor", "isn", "wasn",
    "aren", "doesn", "didn", "nicht", "kein", "keine", "sin", "senza", "geen"})

# The words that may stand between a negator and the label it negates ("pas une publicité", "not an ad",
# "jamais été sponsorisé", "not really sponsored"); any other word ends its reach ("never looked better AD")
NEGATION_REACH: frozenset[str] = frozenset({
    "a", "an", "the", "un", "une", "de", "d", "du", "des", "la", "le", "les", "l", "ete", "been", "is", "was", "be",
    "s", "t", "vraiment", "really", "tout", "at", "all", "encore", "yet", "toujours", "still", "forcement",
    "necessarily", "en", "any", "paid", "officially", "officiellement"})

# Articles, prepositions, possessives and demonstratives (folded): a label word right after one reads as a
# noun of a sentence ("la publicité", "my partner"), not as a label (scan.Scan._free_standing).
FUNCTION_WORDS: frozenset[str] = frozenset({
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "ce", "cet", "cette", "ces", "mon",
    "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre", "vos", "leur", "leurs", "quel",
    "quelle", "quels", "quelles", "chaque", "toute", "toutes", "autre", "en", "dans", "sur", "pour", "par", "avec",
    "contre", "vers", "chez", "entre", "sous", "a", "the", "an", "my", "your", "his", "her", "its", "our", "their",
    "this", "that", "these", "those", "of", "for", "in", "on", "at", "with", "by", "from", "to", "about", "any",
    "some", "every", "another", "such", "what", "which"})

# Words of each language (folded, not stemmed), for guessing a caption's language (scan.detect_lang):
# function words and words common in captions. Words shared by both languages (a, on, me, son, code,
# routine, look, bio, collab, top, super, sale...) are left out.
STOP_WORDS: dict[str, frozenset[str]] = {
    "fr": frozenset({
        "le", "la", "les", "des", "une", "un", "du", "et", "est", "pour", "avec", "dans", "sur", "je", "tu", "il",
        "elle", "nous", "vous", "mon", "ma", "mes", "ton", "ta", "tes", "ce", "cette", "ces", "qui", "que",
        "pas", "plus", "tres", "trop", "aussi", "mais", "ou", "au", "aux", "suis", "sont", "votre", "vos",
        "notre", "nos", "leur", "tout", "tous", "toute", "ici", "comme", "chez", "encore", "deja", "merci",
        "vraiment", "avoir", "fait", "faire", "peau", "jour", "ans", "quand", "depuis", "moi", "toi", "ai", "de",
        "en", "par", "entre", "sa", "ses", "leurs", "donc", "car", "sans", "voici", "enfin",
        # more function words and common caption words
        "cet", "lui", "eux", "ont", "etait", "sera", "etre", "fais", "vais", "va", "vas", "allez", "avez", "avons",
        "peut", "peux", "veux", "faut", "bien", "beaucoup", "toujours", "jamais", "rien", "quelque", "chaque",
        "autre", "autres", "meme", "apres", "avant", "pendant", "sous", "vers", "contre", "chose", "choses", "gens",
        "fois", "aujourd", "hui", "demain", "hier", "soir", "matin", "semaine", "mois", "annee", "nouveau",
        "nouvelle", "nouveaux", "nouvelles", "belle", "beau", "petit", "petite", "meilleur", "meilleure",
        "premier", "premiere", "dernier", "derniere", "vie", "maison", "ville", "ete", "hiver", "printemps",
        "automne", "vacances", "plage", "cadeau", "offert", "offerte", "gratuit", "livraison", "lien", "decouvrez",
        "decouvrir", "essayer", "teste", "adore", "aime", "envie", "coeur", "avis", "soin", "soins", "visage",
        "cheveux", "corps", "creme", "sante", "recette", "voyage", "tenue", "robe", "sac", "bougie", "parfum",
        "marque", "produit", "produits", "reduction", "remise", "dispo", "disponible", "conseils", "astuce",
        "astuces", "dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "doux", "douce",
        "oui", "bonjour", "coucou", "salut", "bisous", "voila", "alors", "parce", "pourquoi", "comment",
        "combien", "dingue", "genial", "chouette", "tellement", "grace", "ca", "celle", "celui", "ceux",
        "vient", "viens", "ensemble", "jolie", "joli"}),
    "en": frozenset({
        "the", "and", "is", "are", "was", "for", "with", "in", "my", "your", "this", "that", "it", "i", "you",
        "we", "to", "of", "not", "so", "very", "but", "or", "be", "have", "has", "just", "get", "got", "love",
        "all", "our", "out", "from", "what", "how", "new", "today", "here", "its", "been", "thanks", "can",
        "will", "day", "skin", "when", "since", "they", "their", "them", "if", "at", "by", "am", "do",
        # more function words and common caption words
        "were", "had", "don", "didn", "doesn", "isn", "won", "ll", "ve", "he", "she", "his", "her", "him", "us",
        "first", "best", "bought", "buy", "try", "tried", "using", "use", "used", "favorite", "favourite",
        "obsessed", "ever", "every", "never", "really", "always", "about", "into", "over", "after", "before",
        "would", "could", "should", "these", "those", "there", "which", "who", "why", "where", "because", "more",
        "most", "much", "many", "some", "any", "only", "also", "too", "make", "made", "know", "think", "feel",
        "need", "want", "see", "good", "great", "amazing", "perfect", "little", "big", "week", "weekend", "night",
        "morning", "tonight", "home", "town", "link", "off", "free", "returns", "guaranteed", "candle", "beer",
        "craft", "coffee", "summer", "winter", "spring", "happy", "thank", "one", "two", "go", "going", "come",
        "back", "now", "then", "than", "well", "even", "still", "up", "down", "yes", "loving", "check",
        "everything", "something", "hair", "click", "own"}),
}
# Function words of other languages met in captions (Spanish, Italian, Portuguese, German, Dutch), not
# French or English ones: when they lead, the caption's language is neither ("Mi rutina de mañana").
OTHER_LANG_WORDS: frozenset[str] = frozenset({
    "mi", "mis", "el", "los", "las", "y", "con", "por", "para", "del", "muy", "esta", "este", "pero", "como",
    "lo", "su", "sus", "di", "che", "sono", "della", "questo", "questa", "molto", "gli", "nao", "uma", "meu",
    "minha", "muito", "und", "der", "das", "ich", "ist", "nicht", "mit", "ein", "eine", "mein", "meine", "auf",
    "fur", "het", "een", "ik", "niet", "mijn", "voor"})
# Label words (folded): whatever their number, the labels of one language count as one word of it when
# guessing the caption's language, so that the labels do not outvote the caption they are judged against
# ("Avis #ad #sponsored #gifted" is not an English caption).
LABEL_WORDS: dict[str, frozenset[str]] = {
    "fr": frozenset({"publicite", "sponsorise", "sponsorisee", "sponsorises", "sponsorisees", "partenariat",
                     "remunere", "remuneree", "commerciale", "publicitaire"}),
    "en": frozenset({"ad", "ads", "sponsored", "gifted", "advert", "advertisement", "advertising", "paid",
                     "partnership", "affiliate", "spon"}),
}


@dataclass(frozen=True)
class Topic:
    """Terms of a banned or regulated promotion (one rule may have several topics).

    A `strong` term fires the rule at its level; a `weak` term only warns, unless a `context` term is also
    in the text; a `contextual` term counts only with a context term (alone it is an everyday word: "acide
    hyaluronique" in a serum); a weak hit is dropped when an `unless` term is present ("manches puff"). A negated strong term ("sans injection") only warns unless `negation_clears` is False.
    A text holding one of `exempt` ("sans alcool") makes every hit a warning. `sectors` are brand-profile
    sectors that fire the rule for every post of the brand.
    """

    rule: str
    key: str  # which reason the rule gives (rules.MESSAGES)
    emoji: str = ""  # emoji that count as weak terms (🍷 for alcohol)
    strong: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    contextual: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    exempt: tuple[str, ...] = ()
    negation_clears: bool = True
    likened: tuple[str, ...] = ()  # strong terms that, named as a comparison ("effet botox"), only warn (LIKENED_*)


# words of an aesthetic act itself (an injection, a clinic, a doctor)
PROCEDURE_CONTEXT = ("injection", "injections", "injecté", "injecter", "seringue", "piqûre", "clinique", "médecin",
                     "docteur", "chirurgien", "injector", "syringe", "clinic", "doctor", "surgeon")


TOPICS: tuple[Topic, ...] = (
    # FR-08 aesthetic procedures (L.1151-2 CSP, L.6322-1 CSP; narrowed in 2024 to acts with health risks)
    Topic("FR-08", "aesthetic", likened=("botox", "toxine botulique"),
          strong=("botox", "toxine botulique", "chirurgie esthétique", "médecine esthétique", "rhinoplastie",
                  "liposuccion", "lipoaspiration", "augmentation mammaire", "implants mammaires", "bbl",
                  "brazilian butt lift", "blépharoplastie", "abdominoplastie", "greffe de cheveux",
                  "greffe capillaire", "hair transplant", "lip filler", "plastic surgery", "cosmetic surgery",
                  "nose job", "boob job", "tummy tuck", "injections de lèvres", "injection lèvres",
                  "injections lèvres", "fillers", "filler"),
          sectors=("esthétique médicale", "médecine esthétique", "chirurgie esthétique", "aesthetic medicine",
                   "cosmetic surgery", "plastic surgery", "clinique esthétique", "injections")),
    Topic("FR-08", "aesthetic",
          weak=("laser", "microneedling", "dermapen", "cryolipolyse", "hifu", "facettes dentaires", "mésothérapie"),
          contextual=("acide hyaluronique", "hyaluronic acid", "=lifting", "peeling", "skinbooster"),
          context=PROCEDURE_CONTEXT),
    Topic("FR-08", "aesthetic",
          contextual=("injection", "injections", "injecté", "injecter"),
          context=("lèvres", "lips", "rides", "wrinkles", "visage", "cernes", "pommettes", "mâchoire", "jawline",
                   "acide hyaluronique", "hyaluronic", "esthétique", "aesthetic", "volume", "front", "nez")),
    # FR-09 products presented as a substitute for a therapy: a claim and a treatment close together
    # (handled as CLAIMS below); cure claims alone only warn
    Topic("FR-09", "cure",
          weak=("guérit", "guérir", "guérison", "guéri", "=cures", "=cured", "=heals")),
    # FR-10 nicotine products; vaping products are banned from advertising even without nicotine
    Topic("FR-10", "nicotine",
          strong=("vape", "vapes", "vapoteuse", "vapotage", "vapoter", "cigarette électronique",
                  "e-cigarette", "e cigarette", "ecigarette", "e-liquide", "e-liquid", "eliquide", "snus",
                  "sachets de nicotine", "sachet de nicotine", "nicotine pouches", "nicotine pouch",
                  "pouches nicotine", "tabac à chauffer", "iqos", "heets", "chicha", "hookah", "puff bar",
                  "vapeshop", "vape shop"),
          sectors=("vape", "vapotage", "cigarette électronique", "tabac", "nicotine", "vaping", "tobacco",
                   "e-cigarette", "puff"),
          negation_clears=False),
    Topic("FR-10", "nicotine",
          weak=("puff", "nicotine", "cigarette", "cigarettes", "tabac", "cigare", "cigares"),
          unless=("manches", "manche", "sleeve", "sleeves", "robe", "dress", "blouse", "top", "pastry", "pâte",
                  "jacket", "veste", "doudoune", "pouf", "arrêter de fumer", "sevrage", "quit smoking"),
          context=("saveur", "saveurs", "goût", "taffe", "taffes", "bouffées", "mg", "flavour", "flavor", "hits",
                   "vape", "code promo", "jetable", "disposable", "nicotine")),
    # FR-11 animals not on the L.413-1 A list (only a warning: a caption cannot tell the species' status)
    Topic("FR-11", "animals",
          weak=("lionceau", "lion", "lionne", "tigre", "tigreau", "tiger", "singe", "monkey", "guépard",
                "cheetah", "panthère", "panther", "léopard", "leopard", "serpent", "snake", "boa", "crocodile",
                "alligator", "caïman", "loutre", "otter", "fennec", "suricate", "meerkat", "lémurien", "lemur",
                "ouistiti", "marmoset", "capucin", "kangourou", "kangaroo", "koala", "hibou", "chouette", "owl",
                "aigle", "eagle", "faucon", "falcon", "raton laveur", "raccoon", "paresseux", "sloth",
                "animal exotique", "animaux exotiques", "nac"),
          sectors=("animaux sauvages", "animaux exotiques", "zoo", "exotic animals", "wild animals")),
    # FR-12 financial contracts (always) and crypto-assets (unless the advertiser is registered)
    Topic("FR-12", "contracts",
          strong=("cfd", "cfds", "forex", "options binaires", "option binaire", "binary options",
                  "trading de devises", "copy trading", "copytrading", "signaux de trading", "trading signals",
                  "effet de levier", "rendement garanti", "rendements garantis", "guaranteed returns",
                  "guaranteed profit", "gains garantis"),
          sectors=("forex", "cfd", "options binaires", "binary options", "trading")),
    Topic("FR-12", "crypto",
          strong=("crypto", "cryptos", "cryptomonnaie", "cryptomonnaies", "crypto-monnaie", "crypto-actif",
                  "crypto-actifs", "cryptoactif", "cryptoactifs", "crypto-asset", "crypto-assets",
                  "cryptocurrency", "cryptocurrencies", "bitcoin", "bitcoins", "ethereum", "nft", "nfts",
                  "altcoin", "altcoins", "memecoin", "memecoins", "airdrop", "=staking", "binance", "coinbase",
                  "bybit", "kucoin", "solana", "dogecoin", "shiba"),
          sectors=("crypto", "crypto-actifs", "cryptomonnaie", "cryptocurrency", "blockchain", "nft", "web3")),
    Topic("FR-12", "finance",
          weak=("=trading", "=trader", "investir", "investissement", "investissements", "bourse",
                "revenus passifs", "passive income", "liberté financière", "financial freedom", "investing")),
    # FR-13 sports-betting tips sold as subscriptions
    Topic("FR-13", "tips",
          weak=("pronostic", "pronostics", "prono", "pronos", "pronostiqueur", "tipster", "=betting tips"),
          context=("vip", "abonnement", "abonne", "abonnes", "telegram", "canal", "groupe", "payant", "snap",
                   "rejoins", "rejoindre", "subscription", "subscribe", "join", "bankroll", "cote", "cotes"),
          sectors=("pronostics", "pronostics sportifs", "betting tips", "tipster")),
    # FR-14 gambling: allowed only with the -18 mention and an age gate (checked in compliance.py)
    Topic("FR-14", "gambling",
          strong=("paris sportifs", "pari sportif", "parier", "pariez", "casino", "casinos", "poker",
                  "machine à sous", "machines à sous", "jeux d'argent", "jeu d'argent", "bookmaker", "freebet",
                  "=free =bet", "cote boostée", "sports =betting", "=betting", "winamax", "betclic", "unibet", "pmu",
                  "fdj", "parions sport", "zebet", "pokerstars", "bwin", "loto", "euromillions",
                  "ticket à gratter", "jeux à gratter"),
          sectors=("paris sportifs", "jeux d'argent", "casino", "gambling", "betting", "poker", "loterie")),
    Topic("FR-14", "gambling", weak=("bonus de bienvenue", "welcome bonus"), emoji="🎰🃏🎲",
          context=("pari", "parie", "parier", "mise", "miser", "jackpot", "bankroll", "casino", "=bet")),
    # FR-15 alcohol (loi Evin): the health message is required
    Topic("FR-15", "alcohol",
          strong=("vin", "vins", "bière", "bières", "champagne", "whisky", "whiskey", "vodka", "rhum", "gin",
                  "tequila", "cognac", "liqueur", "spiritueux", "alcool", "prosecco", "spritz", "cidre",
                  "pastis", "beer", "beers", "wine", "wines", "rum", "bourbon", "mezcal", "vin rosé"),
          weak=("cocktail", "cocktails", "apéro", "apéritif", "dégustation", "cuvée", "millésime", "grand cru",
                "vignoble", "distillerie", "negroni", "mojito", "margarita"),
          context=("alcool", "alcoholic", "alcoolisé", "degrés"),
          emoji="🍷🍾🍺🍻🥂🥃🍸",
          sectors=("alcool", "vins et spiritueux", "vin", "bière", "spiritueux", "alcohol", "wine", "beer",
                   "spirits", "brasserie", "distillerie"),
          exempt=("sans alcool", "alcohol free", "alcohol-free", "non alcoolisé", "non alcoolisée",
                  "zéro alcool", "0,0 %", "mocktail", "mocktails")),
    # FR-16 processed food and sugary drinks: the health message (warning only)
    Topic("FR-16", "food",
          weak=("soda", "sodas", "bonbons", "confiserie", "confiseries", "chips", "biscuits", "barre chocolatée",
                "barres chocolatées", "boisson sucrée", "boissons sucrées", "boisson énergisante",
                "boissons énergisantes", "energy drink", "energy drinks", "fast-food", "fast food",
                "pâte à tartiner", "céréales du petit déjeuner"),
          sectors=("alimentation", "agroalimentaire", "boissons sucrées", "confiserie", "snacking", "fast-food",
                   "restauration rapide", "food", "boissons", "beverages")),
    # FR-17 training paid by the CPF: financing and eligibility information required
    Topic("FR-17", "cpf",
          strong=("cpf", "compte personnel de formation", "mon compte formation", "moncompteformation"),
          sectors=("cpf", "formation professionnelle")),
)

# FR-09: a product presented as replacing, or better than, a treatment
CLAIM_VERBS: tuple[str, ...] = (
    "remplace", "remplacer", "remplacez", "remplaçant", "au lieu de", "à la place de", "plutôt que", "alternative",
    "alternative naturelle", "arrête", "arrêter", "arrêtez", "arrêté", "mieux que", "plus efficace que",
    "fini les", "fini le", "adieu", "plus besoin de", "plus besoin des", "sans médicament", "sans médicaments",
    "bye bye", "stop", "replace", "replaces", "replaced", "instead of", "better than", "ditch", "ditched", "quit",
    "no more", "goodbye", "no longer need", "stopped taking", "off my")
CLAIM_TREATMENTS: tuple[str, ...] = (
    "médicament", "médicaments", "traitement", "traitements", "antidépresseur", "antidépresseurs", "antibiotique",
    "antibiotiques", "chimiothérapie", "chimio", "insuline", "anxiolytique", "anxiolytiques", "somnifère",
    "somnifères", "ordonnance", "corticoïdes", "vaccin", "vaccins", "medication", "medications", "meds",
    "medicine", "treatment", "antidepressant", "antidepressants", "antibiotics", "chemo", "chemotherapy",
    "insulin", "prescription", "vaccine", "vaccines")

# FR-14: the "-18" mention (regular expression on folded text, see compliance.py)
AGE_MENTION = (r"(?:^|[^\w])-\s?18(?!\d)|(?<!\d)18\s?\+|\+\s?18(?!\d)|interdit aux (?:moins de 18 ans|mineurs)"
               r"|reserve aux (?:majeurs|plus de 18 ans)|18 ans et plus|interdit aux -18|18 ans minimum")
# FR-15: the health message of the loi Evin
ALCOHOL_MESSAGE: tuple[str, ...] = ("abus d'alcool est dangereux", "abus d'alcool dangereux")
# FR-16: the health message of L.2133-1 CSP
FOOD_MESSAGE: tuple[str, ...] = ("mangerbouger", "manger bouger", "pour votre santé", "pour ta santé")
# FR-17: words of financing and eligibility information
CPF_INFO: tuple[str, ...] = ("éligible", "éligibilité", "financement", "financé", "prise en charge",
                             "reste à charge", "conditions d'accès")
# FR-06 / FR-07: the mentions, and cues that an image may be retouched
RETOUCHED_MENTION: tuple[str, ...] = ("images retouchées", "image retouchée", "photo retouchée",
                                      "photos retouchées", "visage retouché", "silhouette retouchée")
VIRTUAL_MENTION: tuple[str, ...] = ("images virtuelles", "image virtuelle", "générée par ia", "généré par ia",
                                    "générées par ia", "créée par ia", "créé par ia", "générée par intelligence artificielle",
                                    "image ia", "images ia")
RETOUCH_CUES: tuple[str, ...] = ("filtre", "filtres", "filter", "facetune", "retouche", "retouches", "photoshop",
                                 "retouch", "retouched", "airbrushed", "lissé")


# Botox named as a comparison for a cosmetic is the cosmetic's claim, not the procedure's promotion:
# "effet botox", "botox-like", "alternative au botox", "botox capillaire", "botox végétal", "botox effect
# cream", "sans injection" / "needle-free" (folded text, right before or right after the term). Such a
# mention only warns, unless the text also names an injection, a clinic or a doctor not negated.
LIKENED_BEFORE = re.compile(r"(?:\beffet|\bfacon|\bcomme (?:un|le|du)|\balternatives? (?:au|a la|a l|aux|to)"
                            r"|\bmieux que (?:le|du)|\bbetter than|\bplus besoin de|\bno more)[\s-]*$")
LIKENED_AFTER = re.compile(r"^(?:-like\b|[\s-]*(?:effect (?:cream|serum|mask|creme)|like (?:effect|results?)"
                           r"|vegetal|capillaire|cheveux\b|hair\b|sans (?:injection|aiguille|piqure)|needle ?free"
                           r"|without (?:injection|needle)s?|in a (?:jar|bottle|tube)|en (?:pot|flacon|tube)))")
