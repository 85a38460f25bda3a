"""Write the example files of influkit: a messy French prospect workbook, its English CSV twin, a wide
sheet and a few follower-history exports.

Everything is invented (names, handles, numbers) and generated from a fixed seed, so running this
script twice gives byte-identical files:

    python examples/make_examples.py            # writes beside this script
    python examples/make_examples.py OUT_DIR    # writes somewhere else (the tests do this)

The workbook is what a small agency really keeps: title rows above the header, headers with line
breaks and accents, numbers typed every possible way ("12,5 k", "12 500", "1,2 M", "15k abonnés",
"N/A", "beaucoup"), profile links in every form, statuses in French, dates as Excel dates and as
text, prices with euro signs, a duplicate account, a blank row, bios that start with "=" or "@",
and two columns influkit does not know ("Notes internes", "Marques (collabs)").
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SEED = 20260303
CREATED = dt.datetime(2026, 3, 3, 9, 30, 0)  # fixed workbook creation date: byte-reproducible output
NBSP, NNBSP = "\u00a0", "\u202f"

# (name, handle, platform, category FR, category EN, country FR, country EN, language FR, language EN)
PEOPLE: tuple[tuple[str, str, str, str, str, str, str, str, str], ...] = (
    ("Léa Vernoux", "lea.vernoux", "instagram", "Beauté vegan", "Vegan beauty", "France", "France", "français", "French"),
    ("Camille Roussel", "camille.slowbeauty", "instagram", "Slow beauty", "Slow beauty", "France", "France", "français", "French"),
    ("Inès Marchetti", "ines_skincare", "tiktok", "Skincare", "Skincare", "France", "France", "français", "French"),
    ("Maëlle Quéré", "maellecosmetiques", "youtube", "Cosmétiques", "Cosmetics", "France", "France", "français", "French"),
    ("Nora Belkacem", "nora.vegancook", "instagram", "Cuisine vegan", "Vegan cooking", "Belgique", "Belgium", "français", "French"),
    ("Julien Tessier", "julientech", "youtube", "Tech", "Tech", "France", "France", "français", "French"),
    ("Hugo Lambrecht", "hugo_gaming", "tiktok", "Gaming", "Gaming", "Belgique", "Belgium", "français", "French"),
    ("Sofia Ardent", "sofia.ardent", "instagram", "Mode", "Fashion", "France", "France", "français", "French"),
    ("Zoé Castanet", "zoe-castanet.fr", "blog", "Slow beauty", "Slow beauty", "France", "France", "français", "French"),
    ("Bastien Morel", "bastienfit", "instagram", "Fitness", "Fitness", "France", "France", "français", "French"),
    ("Clara Nguyen", "claranguyen.voyage", "instagram", "Voyage", "Travel", "Canada", "Canada", "français", "French"),
    ("Théo Gauvain", "UCq7TgVx3ChLm9PzR4nWk2Ys", "youtube", "Gaming", "Gaming", "France", "France", "français", "French"),
    ("Lucie Peyrac", "lucie.peyrac", "tiktok", "Skincare", "Skincare", "Suisse", "Switzerland", "français", "French"),
    ("Amandine Roy", "amandine.glow", "instagram", "Cosmétiques", "Cosmetics", "France", "France", "français", "French"),
    ("Max Royal", "royal.max.bets", "instagram", "Casino / paris", "Casino / betting", "Malte", "Malta", "anglais", "English"),
    ("Marc-Antoine Dufresne", "madcrypto", "youtube", "Crypto", "Crypto", "France", "France", "français", "French"),
    ("Elsa Brunet", "elsabrunet", "instagram", "Mode", "Fashion", "France", "France", "français", "French"),
    ("Yanis Haddad", "yanis.foodie", "tiktok", "Food", "Food", "France", "France", "français", "French"),
    ("Romane Lefort", "romane.greenlife", "instagram", "Lifestyle vegan", "Vegan lifestyle", "France", "France", "français", "French"),
    ("Pauline Sérac", "pauline-serac.com", "blog", "Cuisine", "Cooking", "France", "France", "français", "French"),
    ("Mathis Colin", "mathis.runs", "instagram", "Fitness", "Fitness", "France", "France", "français", "French"),
    ("Jade Fontaine", "jadefontaine", "tiktok", "Mode", "Fashion", "France", "France", "français", "French"),
    ("Louise Armand", "louiseskin", "youtube", "Skincare", "Skincare", "Belgique", "Belgium", "français", "French"),
    ("Gabriel Oster", "gab.oster", "instagram", "Tech", "Tech", "Suisse", "Switzerland", "français", "French"),
    ("Chloé Ravel", "chloe.ravel", "instagram", "Beauté", "Beauty", "France", "France", "français", "French"),
    ("Noé Vasseur", "noe.vasseur", "tiktok", "Voyage", "Travel", "France", "France", "français", "French"),
    ("Anaïs Dubreuil", "anais.naturelle", "instagram", "Cosmétiques naturels", "Natural cosmetics", "France", "France", "français", "French"),
    ("Samuel Kieffer", "samkieffer", "youtube", "Food", "Food", "France", "France", "français", "French"),
    ("Manon Tissot", "manon.tissot", "instagram", "Slow beauty", "Slow beauty", "France", "France", "français", "French"),
    ("Lina Bouaziz", "lina.bouaziz", "tiktok", "Beauté", "Beauty", "France", "France", "français", "French"),
    ("Victor Hamon", "victorhamon", "instagram", "Voyage", "Travel", "France", "France", "français", "French"),
    ("Eva Lemaire", "evalemaire", "youtube", "Lifestyle", "Lifestyle", "Canada", "Canada", "anglais", "English"),
    ("Rose Delaunay", "rose.delaunay", "instagram", "Mode durable", "Sustainable fashion", "France", "France", "français", "French"),
    ("Adam Perrin", "adam.perrin.fit", "tiktok", "Fitness", "Fitness", "France", "France", "français", "French"),
    ("Céline Vautrin", "celine-vautrin.fr", "blog", "Beauté vegan", "Vegan beauty", "France", "France", "français", "French"),
    ("Tom Richer", "tomricher", "instagram", "Gaming", "Gaming", "France", "France", "français", "French"),
    ("Agathe Morin", "agathe.morin", "instagram", "Skincare", "Skincare", "France", "France", "français", "French"),
    ("Kenza Amrani", "kenza.amrani", "tiktok", "Cosmétiques", "Cosmetics", "France", "France", "français", "French"),
    ("Félix Garnier", "felixgarnier", "youtube", "Tech", "Tech", "Suisse", "Switzerland", "français", "French"),
    ("Margaux Leroy", "margaux.leroy", "instagram", "Food", "Food", "France", "France", "français", "French"),
)

# How the followers cell is typed for a few accounts: (French cell, English cell, value influkit must read)
FOLLOWERS_STYLE: dict[str, tuple[Any, Any, int | None]] = {
    "lea.vernoux": ("12,5 k", "12.5K", 12_500),
    "camille.slowbeauty": (f"48{NBSP}300", "48,300", 48_300),
    "julientech": ("1,2 M", "1.2M", 1_200_000),
    "sofia.ardent": (15000, 15000, 15_000),
    "bastienfit": ("15k abonnés", "15K followers", 15_000),
    "zoe-castanet.fr": ("N/A", "N/A", None),
    "pauline-serac.com": ("-", "-", None),
    "hugo_gaming": ("beaucoup", "lots", None),  # unreadable: an issue naming followers
    "amandine.glow": (f"8{NNBSP}900", "8,900", 8_900),
    "madcrypto": ("2,05 M", "2.05M", 2_050_000),
}
# Engagement rate typed in the sheet, on rows without likes/comments (so the sheet's value is used)
SHEET_ER: dict[str, tuple[Any, str, float]] = {
    "ines_skincare": ("3,4 %", "3.4%", 0.034),
    "lucie.peyrac": (0.027, "2.7%", 0.027),  # a number cell formatted as %
    "kenza.amrani": ("4.1%", "4.1%", 0.041),
}
# Profile cell as typed (French sheet) with the Réseau cell; the English twin uses full links.
FR_PROFILE: dict[str, tuple[str, str]] = {
    "lea.vernoux": ("https://www.instagram.com/lea.vernoux/?hl=fr", "Instagram"),
    "camille.slowbeauty": ("instagram.com/camille.slowbeauty", "Instagram"),
    "ines_skincare": ("tiktok.com/@ines_skincare", "TikTok"),
    "maellecosmetiques": ("youtube.com/@maellecosmetiques", "YouTube"),
    "nora.vegancook": ("@nora.vegancook", "Insta"),
    "hugo_gaming": ("@hugo_gaming", "Tik Tok"),
    "sofia.ardent": ("@Sofia.Ardent", "IG"),
    "UCq7TgVx3ChLm9PzR4nWk2Ys": ("youtube.com/channel/UCq7TgVx3ChLm9PzR4nWk2Ys", "YouTube"),
    "madcrypto": ("@MadCrypto", "YT"),
    "zoe-castanet.fr": ("https://www.zoe-castanet.fr/", "Blog"),
}
STATUS_FR = ("Repéré", "Contacté", "Relancé", "A répondu", "En négo", "Signé", "Publié", "Refusé", "Pas de réponse")
STATUS_EN = ("Shortlisted", "Contacted", "Followed up", "Replied", "Negotiating", "Signed", "Published", "Declined",
             "No reply")
STAGE = ("identified", "contacted", "contacted", "replied", "negotiating", "deal", "published", "declined",
         "no_reply")
CHANNELS = (("DM Instagram", "Instagram DM"), ("E-mail", "Email"), ("Agence", "Agency"), ("Téléphone", "Phone"))
OWNERS = ("Claire", "Mehdi", "Sarah")
BRANDS = ("Maison Olya", "Verdane", "Pur Argile", "Atelier Sève", "Nomade Snacks", "Kinetik", "Lumen Skin")
BIOS_FR = (
    "Skincare minimaliste et honnête ✨ peaux sensibles",
    "Recettes 100 % végétales, simples et de saison 🌱",
    "Tests tech sans bullshit. Collab: voir mail",
    "Slow beauty, routines courtes, cosmétiques solides",
    "Mode seconde main & upcycling ♻️",
    "Running, muscu et nutrition, coach diplômé",
    "Carnets de voyage lents, train et vélo",
    "Gaming chill tous les soirs sur Twitch aussi",
    "Maquillage vegan et cruelty free 🐰",
    "Street food et bonnes adresses à Lyon",
)
BIOS_EN = (
    "Honest minimalist skincare ✨ sensitive skin",
    "100% plant-based recipes, simple and seasonal 🌱",
    "No-nonsense tech reviews. Collabs: see email",
    "Slow beauty, short routines, solid cosmetics",
    "Second-hand fashion & upcycling ♻️",
    "Running, lifting and nutrition, certified coach",
    "Slow travel diaries, by train and bike",
    "Chill gaming every night, on Twitch too",
    "Vegan and cruelty-free make-up 🐰",
    "Street food and good places in Lyon",
)
# Which bio goes with which theme (index into BIOS_FR/BIOS_EN), so a profile reads as one person
BIO_BY_THEME: tuple[tuple[str, int], ...] = (
    ("vegan beauty", 8), ("make-up", 8), ("slow beauty", 3), ("cosmetics", 3), ("skincare", 0), ("beauty", 0),
    ("vegan", 1), ("cooking", 1), ("food", 9), ("tech", 2), ("fashion", 4), ("fitness", 5), ("running", 5),
    ("sport", 5), ("travel", 6), ("gaming", 7),
)


def bio_index(category_en: str, i: int) -> int:
    """The bio of the creator's theme; themes without one (lifestyle, crypto...) take one in turn."""
    theme = category_en.lower()
    for word, index in BIO_BY_THEME:
        if word in theme:
            return index
    return i % len(BIOS_FR)


# Untrusted text a spreadsheet would run as a formula
FORMULA_BIOS = {
    "royal.max.bets": ("=1+1 💰 bonus casino 200 % lien en bio", "=1+1 💰 200% casino bonus link in bio"),
    "romane.greenlife": ("@maison.olya ambassadrice | vegan & cruelty free", "@maison.olya ambassador | vegan & cruelty free"),
}
DUPLICATE_OF = "camille.slowbeauty"  # typed a second time at the bottom, as "@Camille.SlowBeauty" / "IG"
BLANK_AFTER = 20  # a fully blank row after this many creators

FR_HEADERS = (
    "Nom", "Réseau", "Lien du profil", "Abonnés", "Abonnements", "Publications", "Likes moyens",
    "Commentaires\nmoyens", "Vues moyennes", " Taux d'engagement ", "Thématique", "Pays", "Langue", "Bio",
    "E-mail", "Statut", "Canal", "Responsable", "Date de contact", "Date de réponse", "Tarif demandé",
    "Notes internes", "Marques (collabs)",
)
EN_HEADERS = (
    "Name", "Platform", "Profile URL", "Followers", "Following", "Posts", "Avg Likes", "Avg Comments",
    "Avg Views", "Engagement Rate", "Category", "Country", "Language", "Bio", "Email", "Status", "Channel",
    "Owner", "Contacted on", "Replied on", "Price quoted", "Internal notes", "Brands (collabs)",
)
PLATFORM_NAMES = {"instagram": "Instagram", "tiktok": "TikTok", "youtube": "YouTube", "blog": "Blog"}


@dataclass
class Creator:
    name: str
    handle: str
    platform: str
    category: tuple[str, str]
    country: tuple[str, str]
    language: tuple[str, str]
    followers: int | None
    following: int | None
    posts: int | None
    likes: int | None
    comments: int | None
    views: int | None
    status: int  # index into STATUS_FR / STATUS_EN / STAGE
    channel: int | None
    owner: str
    contacted: dt.date | None
    replied: dt.date | None
    price: float | None
    bio: tuple[str, str] | None
    email: str | None
    note: tuple[str, str] | None
    brands: str | None


def canonical_url(c: Creator) -> str:
    if c.platform == "instagram":
        return f"https://www.instagram.com/{c.handle}/"
    if c.platform == "tiktok":
        return f"https://www.tiktok.com/@{c.handle}"
    if c.platform == "youtube":
        if c.handle.startswith("UC") and len(c.handle) == 24:
            return f"https://www.youtube.com/channel/{c.handle}"
        return f"https://www.youtube.com/@{c.handle}"
    return f"https://www.{c.handle}/"


def make_creators(rng: random.Random) -> list[Creator]:
    creators = []
    for i, (name, handle, platform, cat_fr, cat_en, c_fr, c_en, l_fr, l_en) in enumerate(PEOPLE):
        followers: int | None = int(round(math.exp(rng.uniform(math.log(3_000), math.log(900_000))), -2))
        if handle in FOLLOWERS_STYLE:
            followers = FOLLOWERS_STYLE[handle][2]
        base = followers or 20_000
        er = rng.uniform(0.012, 0.06)
        likes = int(base * er * 0.95)
        comments = max(1, int(likes * rng.uniform(0.01, 0.05)))
        views = int(base * rng.uniform(0.08, 0.6)) if platform in ("tiktok", "youtube") else None
        if platform == "tiktok" and views is not None:
            views *= 3
        status = i % len(STATUS_FR)
        contacted = replied = None
        if STAGE[status] != "identified":
            contacted = dt.date(2026, 1, 5) + dt.timedelta(days=rng.randrange(0, 45))
            if STAGE[status] in ("replied", "negotiating", "deal", "published", "declined"):
                replied = contacted + dt.timedelta(days=rng.randrange(1, 9))
        price: float | None = None
        if STAGE[status] in ("negotiating", "deal", "published"):
            price = float(max(0, round(base / 1000 * rng.uniform(6, 14), -1)))
        b = bio_index(cat_en, i)
        first = name.split()[0].lower().replace("é", "e").replace("ë", "e").replace("è", "e").replace("ï", "i")
        email = None if i % 5 == 4 else (
            f"{first}.collab@gmail.com" if i % 3 else f"contact@{handle.split('.')[0].replace('_', '')}.fr")
        note = None
        if i % 4 == 1:
            note = ("Vu via le hashtag #slowbeauty", "Found via the #slowbeauty hashtag")
        creators.append(Creator(
            name=name, handle=handle, platform=platform, category=(cat_fr, cat_en), country=(c_fr, c_en),
            language=(l_fr, l_en), followers=followers,
            following=None if platform in ("youtube", "blog") else rng.randrange(150, 2500),
            posts=None if platform == "blog" else rng.randrange(40, 1800),
            likes=None if platform == "blog" else likes,
            comments=None if platform == "blog" else comments,
            views=views, status=status, channel=None if status == 0 else i % len(CHANNELS),
            owner=OWNERS[i % len(OWNERS)], contacted=contacted, replied=replied, price=price,
            bio=FORMULA_BIOS.get(handle, (BIOS_FR[b], BIOS_EN[b])), email=email, note=note,
            brands=", ".join(rng.sample(BRANDS, 2)) if i % 3 == 0 else None,
        ))
    by = {c.handle: c for c in creators}
    for handle in SHEET_ER:  # the sheet's own rate, no averages
        by[handle].likes = by[handle].comments = None
    # a creator whose price is free (product only), another with a thousands price
    by["romane.greenlife"].status, by["romane.greenlife"].price = 5, 0.0
    by["julientech"].price = 1200.0
    by["lea.vernoux"].price = 350.0
    by["royal.max.bets"].note = ("Brand safety : jeux d'argent, à valider avec le client",
                                 "Brand safety: gambling, check with the client")
    by["ines_skincare"].note = ("Demande le media kit.\nRappeler après le 15/03", "Asked for the media kit.\n"
                                "Call back after 15 March")
    return creators


def fr_price(c: Creator, i: int) -> Any:
    if c.price is None:
        return None
    if c.price == 0:
        return "gratuit (produit offert)"
    if i % 3 == 0:
        return c.price  # a number cell
    whole = int(c.price)
    text = f"{whole:,}".replace(",", NBSP)
    return f"{text} €"


def fr_count(value: int | None, i: int) -> Any:
    if value is None:
        return None
    if i % 4 == 1 and value >= 1000:
        return f"{value:,}".replace(",", " ")  # "23 456" typed with a normal space
    return value


def fr_row(c: Creator, i: int) -> list[Any]:
    followers: Any = fr_count(c.followers, i)
    if c.handle in FOLLOWERS_STYLE:
        followers = FOLLOWERS_STYLE[c.handle][0]
    profile, network = FR_PROFILE.get(c.handle, (canonical_url(c), PLATFORM_NAMES[c.platform]))
    er = SHEET_ER[c.handle][0] if c.handle in SHEET_ER else None
    contacted: Any = c.contacted
    if c.contacted is not None and i % 2:
        contacted = c.contacted.strftime("%d/%m/%Y")  # typed as text
    return [
        c.name, network, profile, followers, fr_count(c.following, i), c.posts, fr_count(c.likes, i),
        c.comments, fr_count(c.views, i), er, c.category[0], c.country[0], c.language[0],
        c.bio[0] if c.bio else None, c.email, STATUS_FR[c.status],
        CHANNELS[c.channel][0] if c.channel is not None else None, c.owner, contacted, c.replied,
        fr_price(c, i), c.note[0] if c.note else None, c.brands,
    ]


def en_count(value: int | None) -> Any:
    return value


def en_row(c: Creator, i: int) -> list[Any]:
    followers: Any = c.followers
    if c.handle in FOLLOWERS_STYLE:
        followers = FOLLOWERS_STYLE[c.handle][1]
    er = SHEET_ER[c.handle][1] if c.handle in SHEET_ER else None
    price = None
    if c.price is not None:
        price = "free (product only)" if c.price == 0 else f"€{int(c.price):,}"
    return [
        c.name, PLATFORM_NAMES[c.platform], canonical_url(c), followers, c.following, c.posts, c.likes,
        c.comments, c.views, er, c.category[1], c.country[1], c.language[1], c.bio[1] if c.bio else None,
        c.email, STATUS_EN[c.status], CHANNELS[c.channel][1] if c.channel is not None else None, c.owner,
        c.contacted.isoformat() if c.contacted else None, c.replied.isoformat() if c.replied else None,
        price, c.note[1] if c.note else None, c.brands,
    ]


# -------------------------------------------------------------------------------------------- workbook


def posts_rows(creators: list[Creator], rng: random.Random) -> list[list[Any]]:
    by = {c.handle: c for c in creators}
    rows: list[list[Any]] = []
    captions = ("Ma routine du soir en 3 étapes", "Test honnête après 4 semaines", "Recette express du mardi",
                "Unboxing et premières impressions", "=SOMME(A1:A9) ce que j'ai dépensé ce mois-ci",
                "Nouvelle vidéo en ligne, lien en bio")
    for handle, n in (("lea.vernoux", 4), ("ines_skincare", 3), ("julientech", 3), ("yanis.foodie", 2)):
        c = by[handle]
        base = c.followers or 20_000
        for k in range(n):
            likes = int(base * rng.uniform(0.015, 0.05))
            views = int(base * rng.uniform(0.3, 1.2)) if c.platform in ("tiktok", "youtube") else None
            rows.append([handle, PLATFORM_NAMES[c.platform], dt.date(2026, 2, 24) - dt.timedelta(days=6 * k),
                         likes, max(1, likes // rng.randrange(25, 60)), views,
                         captions[(len(rows)) % len(captions)]])
    return rows


def write_workbook(path: Path, creators: list[Creator], rng: random.Random) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False})
    wb.set_properties({"title": "Prospection influence printemps 2026", "author": "Agence Lumière",
                       "created": CREATED})
    wb.set_calc_mode("auto")
    title = wb.add_format({"bold": True, "font_size": 14})
    head = wb.add_format({"bold": True, "text_wrap": True, "bg_color": "#F4D6E0", "valign": "top", "border": 1})
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    pct = wb.add_format({"num_format": "0.0%"})
    link = wb.add_format({"font_color": "#0563C1", "underline": 1})
    wrap = wb.add_format({"text_wrap": True})

    ws = wb.add_worksheet("Prospects")
    ws.write_string(0, 0, "Campagne printemps 2026 — prospection influence", title)
    ws.write_string(1, 0, "Mis à jour le 03/03/2026")
    ws.write_row(3, 0, FR_HEADERS, head)
    ws.set_row(3, 32)
    ws.freeze_panes(4, 1)
    ws.set_column(0, 0, 22)
    ws.set_column(2, 2, 42)
    ws.set_column(13, 13, 40)
    ws.set_column(21, 22, 30)

    def put(r: int, col: int, v: Any) -> None:
        if v is None:
            return
        if isinstance(v, dt.date):
            ws.write_datetime(r, col, dt.datetime(v.year, v.month, v.day), date_fmt)
        elif isinstance(v, float) and col == 9:
            ws.write_number(r, col, v, pct)
        elif isinstance(v, int | float):
            ws.write_number(r, col, v)
        elif col == 2 and v.startswith("https://"):
            ws.write_url(r, col, v, link, v)
        else:
            ws.write_string(r, col, v, wrap if "\n" in v else None)

    r = 4
    rows = [fr_row(c, i) for i, c in enumerate(creators)]
    dup = next(i for i, c in enumerate(creators) if c.handle == DUPLICATE_OF)
    dup_row = list(rows[dup])
    dup_row[1], dup_row[2] = "IG", "@Camille.SlowBeauty"
    dup_row[15], dup_row[21] = "Relancé", "doublon ? déjà dans la liste de Mehdi"
    rows.append(dup_row)
    for i, row in enumerate(rows):
        if i == BLANK_AFTER:
            r += 1  # a fully blank row in the middle
        for col, v in enumerate(row):
            put(r, col, v)
        r += 1

    posts = wb.add_worksheet("Posts")
    posts.write_row(0, 0, ("Compte", "Réseau", "Date", "Likes", "Commentaires", "Vues", "Légende"), head)
    posts.set_column(6, 6, 50)
    for k, row in enumerate(posts_rows(creators, rng), start=1):
        for col, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, dt.date):
                posts.write_datetime(k, col, dt.datetime(v.year, v.month, v.day), date_fmt)
            elif isinstance(v, int):
                posts.write_number(k, col, v)
            else:
                posts.write_string(k, col, v)

    readme = wb.add_worksheet("Lisez-moi")
    readme.set_column(0, 0, 100)
    for k, line in enumerate((
        "Fichier de prospection de l'agence (exemple inventé pour influkit).",
        "Une ligne par compte ; une personne présente sur deux réseaux a deux lignes.",
        "Onglet Prospects : la liste à jour. Onglet Posts : quelques publications relevées à la main.",
        "Ne pas trier sans sélectionner toutes les colonnes !",
    )):
        readme.write_string(k, 0, line)
    wb.close()


# ----------------------------------------------------------------------------------------------- CSVs


def write_csv(path: Path, creators: list[Creator]) -> None:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(EN_HEADERS)
    rows = [en_row(c, i) for i, c in enumerate(creators)]
    dup = next(i for i, c in enumerate(creators) if c.handle == DUPLICATE_OF)
    dup_row = list(rows[dup])
    dup_row[1], dup_row[2] = "IG", "@Camille.SlowBeauty"
    dup_row[15], dup_row[21] = "Followed up", "duplicate? already in Mehdi's list"
    rows.append(dup_row)
    for i, row in enumerate(rows):
        if i == BLANK_AFTER:
            w.writerow([""] * len(EN_HEADERS))
        w.writerow(["" if v is None else v for v in row])
    path.write_bytes(buf.getvalue().encode("utf-8"))


WIDE = (
    # name, instagram cell, followers, tiktok cell, followers, youtube cell, subscribers, status
    ("Léa Vernoux", "@lea.vernoux", f"12{NBSP}500", "@lea.vernoux", "3,1 k", "", "", "Contacté"),
    ("Inès Marchetti", "instagram.com/ines.marchetti", "9 800", "https://www.tiktok.com/@ines_skincare",
     "212 000", "youtube.com/@inesskincare", "18,4 k", "A répondu"),
    ("Julien Tessier", "", "", "", "", "https://www.youtube.com/@julientech", "1,2 M", "Signé"),
    ("Yanis Haddad", "https://www.instagram.com/yanis.foodie/", "41 200", "tiktok.com/@yanis.foodie",
     "365 k", "", "", "Repéré"),
    ("Chloé Ravel", "@chloe.ravel", "87 300", "", "", "", "", "Refusé"),
    ("Noé Vasseur", "", "", "@noe.vasseur", "54 k", "", "", "Pas de réponse"),
    ("Élodie Marchand", "", "", "", "", "", "", "Repéré"),  # no account yet: one row, no platform
    ("Félix Garnier", "@felix.garnier", "2 300", "", "", "youtube.com/@felixgarnier", "156 000", "En négo"),
)
WIDE_HEADERS = ("Nom", "Instagram", "Abonnés Instagram", "TikTok", "Abonnés TikTok", "YouTube", "Abonnés YouTube",
                "Statut")


def write_wide(path: Path) -> None:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(WIDE_HEADERS)
    w.writerows(WIDE)
    path.write_bytes(buf.getvalue().encode("cp1252"))


# -------------------------------------------------------------------------------------------- history


def _grouped(n: int) -> str:
    return f"{n:,}"


def write_history(folder: Path, rng: random.Random) -> None:
    folder.mkdir(parents=True, exist_ok=True)

    # Social Blade-like weekly gains for a YouTube channel (R write.csv layout, as scraped archives are)
    lines = ['"","start_date","name","weekly_subscribers","weekly_views","category"']
    start = dt.date(2025, 11, 9)
    for k in range(16):  # 16 weeks = 112 days
        subs = int(round(rng.gauss(9_000, 2_500), -2))
        views = int(rng.gauss(2_400_000, 400_000))
        lines.append(f'"{k + 1}",{start + dt.timedelta(weeks=k)},"julientech",{subs},{views},"tech"')
    (folder / "socialblade_julientech_weekly.csv").write_bytes(("\n".join(lines) + "\n").encode("utf-8"))

    # Iconosquare-like daily exports: BOM, ";" and every value quoted, dd/mm/yyyy, "12,345", N/A gaps
    def iconosquare(name: str, start_followers: int, days: int, drift: float, spike_day: int | None,
                    gaps: tuple[int, int] | None, end: dt.date) -> None:
        first = end - dt.timedelta(days=days - 1)
        values = []
        f = float(start_followers)
        for d in range(days):
            if spike_day is not None and d == spike_day:
                f += 5_000  # bought followers: +5,000 in a day
            elif spike_day is not None and d > spike_day:
                f += rng.uniform(-3, 3)  # then flat
            else:
                f += drift + rng.gauss(0, abs(drift) + 2)
            values.append(int(f))
        out = ['\ufeff"Date";"Followers";"Evolution";"Estimated data"']
        prev = values[0] - int(drift)
        for d, v in enumerate(values):
            day = (first + dt.timedelta(days=d)).strftime("%d/%m/%Y")
            in_gap = gaps is not None and gaps[0] <= d < gaps[1]
            shown = "N/A" if in_gap else _grouped(v)
            estimated = _grouped(v) if in_gap or (gaps is not None and d == gaps[0] - 1) else "N/A"
            out.append(f'"{day}";"{shown}";"{v - prev}";"{estimated}"')
            prev = v
        (folder / f"iconosquare_{name}_followers.csv").write_bytes("\n".join(out).encode("utf-8"))

    end = dt.date(2026, 3, 2)
    iconosquare("amandine.glow", 3_740, 90, 2.5, 61, None, end)  # the spike: ends near 8,900
    iconosquare("camille.slowbeauty", 46_100, 75, 30.0, None, (40, 44), end)

    # YouTube Data API daily snapshots (subscribers rounded to 3 significant figures by the API)
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["date_utc", "channel_id", "channel_title", "subscribers", "views", "videos"])
    subs, views, videos = 31_240.0, 4_820_000, 212
    first = end - dt.timedelta(days=89)
    for d in range(90):
        subs += rng.gauss(22, 12)
        views += int(rng.gauss(14_000, 4_000))
        if d % 9 == 4:
            videos += 1
        rounded = int(float(f"{subs:.3g}"))
        w.writerow([(first + dt.timedelta(days=d)).isoformat(), "UCq7TgVx3ChLm9PzR4nWk2Ys", "Théo Gauvain",
                    rounded, views, videos])
    (folder / "youtube_snapshots_theo_gauvain.csv").write_bytes(buf.getvalue().encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path(__file__).resolve().parent
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    creators = make_creators(rng)
    write_workbook(out / "prospects.xlsx", creators, random.Random(SEED + 1))
    write_csv(out / "prospects_en.csv", creators)
    write_wide(out / "prospects_wide.csv")
    write_history(out / "history", random.Random(SEED + 2))
    for p in sorted(out.glob("prospects*")) + sorted((out / "history").iterdir()):
        print(f"wrote {p}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
