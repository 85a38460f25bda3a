"""Published posts: what each campaign post is, and its numbers with where every number came from.

    posts = read_published("bilan.xlsx")              # a post-campaign sheet, a posts file, a prospect sheet
    fetched = fetch_numbers(posts, store=None)         # YouTube videos.list, Instagram business discovery
    posts.posts[0].figures["views"]                    # Figure(value, basis, source, as_of)

Reading (on top of `campaign.posts.read_grid`, which finds captions, post links, network, format,
publication date, paid-partnership flag and handle from headers and contents): per-post numbers and
campaign facts are found by their headers, in French or English, and checked against their cells
(POST_FIELDS): views, reach, likes, comments, shares, saves, engagements, clicks, orders, revenue,
followers, cost, currency, promo code, tracked link, creator, and the day the numbers were read
(`Relevé le`). Account averages (`Likes moyens`, `avg_views`), rates and costs per something
(`Taux d'engagement`, `Coût par engagement`) are never taken for a post's own numbers. A column whose
header says its numbers are estimates (`Vues estimées`, `Reach (est.)`) gives *estimated* figures,
kept apart from measured ones. A row is a post when it has a post link, a caption or a number of
its own; other rows (a prospect sheet's creators without a publication) are left out and counted. TOTAL,
average, sub-total and section rows are never posts (`row_kinds_of`: the rule of io/rowkinds.py that
`enrich` marks row_kind with) and are listed in `PublishedPosts.left_out`.

Numbers from the APIs (`fetch_numbers`), only fields that exist today (platform-apis.md):
- YouTube `videos.list` by video id (views, likes, comments; 50 ids per call, 1 quota unit per call);
- Instagram business discovery media matched by the shortcode of the permalink (likes, comments,
  caption, media_product_type); never views, reach or saves, which Meta does not give for other
  accounts' media since 2025: they stay the sheet's;
- TikTok and other networks: the sheet or an export (`--posts FILE`).
An API figure replaces the sheet's for that post (both are measured; the API's is dated). Every
fetch is a dated `PostSnapshot` (days after publication: D+n), kept in the result; the workspace will
keep them across runs through `record_post_snapshots(store, snapshots)` (see its docstring).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from ..clock import now as clock_now
from ..errors import UsageError
from ..schema import TRACKED_LINK_HEADERS
from ..text import count, fold_key, name_key
from .posts import FIELDS as CHECK_FIELDS
from .posts import Grid, parse_flag, parse_post_link, read_grids, text_cell

MEASURED, ESTIMATED = "measured", "estimated"
COUNT_FIELDS = ("views", "reach", "likes", "comments", "shares", "saves", "engagements", "clicks", "orders")
MONEY_FIELDS = ("revenue", "cost")
ENGAGEMENT_PARTS = ("likes", "comments", "shares", "saves")

# field -> header keywords (folded, matched as whole words). Order matters: the first field whose
# keywords a header holds (and whose cells read as such) takes the column.
POST_FIELDS: dict[str, tuple[str, ...]] = {
    "revenue": ("chiffre d affaires", "ca", "ca genere", "revenue", "revenus", "revenu", "montant des ventes",
                "sales amount", "ventes en euros"),
    "orders": ("commandes", "commande", "orders", "order", "ventes", "conversions", "achats", "purchases", "sales"),
    "cost": ("cout", "couts", "prix", "tarif", "cost", "price", "fee", "remuneration", "cachet", "montant paye",
             "montant", "budget", "paid"),
    "currency": ("devise", "currency", "monnaie"),
    "clicks": ("clics", "clic", "clicks", "click", "link clicks", "sessions", "visites"),
    "engagements": ("engagements", "engagement", "interactions", "total engagement"),
    "views": ("vues", "vue", "views", "view", "video views", "lectures", "plays", "visionnages", "view count"),
    "reach": ("portee", "reach", "impressions", "couverture", "personnes touchees"),
    "likes": ("likes", "like", "j aime", "jaime", "mentions j aime", "like count"),
    "comments": ("commentaires", "commentaire", "comments", "comment", "comment count"),
    "shares": ("partages", "partage", "shares", "share", "reposts", "retweets", "share count"),
    "saves": ("enregistrements", "sauvegardes", "saves", "saved", "enregistres", "favorites", "add to favorites",
              "favoris", "ajouts aux favoris", "bookmarks", "bookmarked", "bookmark"),
    "followers": ("abonnes", "abonnees", "followers", "subscribers", "fans", "abonnes au moment du post"),
    "promo_code": ("code promo", "code", "codes", "promo", "promo code", "coupon", "discount code",
                   "code de reduction", "code reduction"),
    "tracked_url": (*TRACKED_LINK_HEADERS, "utm", "lien d affiliation", "affiliate link", "lien affilie"),
    "measured_on": ("releve le", "date du releve", "date de releve", "releve", "stats au", "chiffres au",
                    "donnees au", "as of", "measured on", "stats date", "date des stats", "mesure le"),
    "creator": ("createur", "createurice", "creatrice", "creator", "influenceur", "influenceuse", "influencer",
                "talent", "nom", "name", "prenom nom", "nom prenom", "profil"),
}
REPORT_FIELDS = tuple(POST_FIELDS)
# words that make a header an account average, a rate or a ratio: never a post's own number
_AVERAGE_WORDS = frozenset({"moyen", "moyens", "moyenne", "moyennes", "avg", "average", "mean", "median", "mediane",
                            "taux", "rate", "ratio", "par", "per", "pour", "cpe", "cpm", "cpv", "cpa", "roas", "roi",
                            "pct", "objectif", "objectifs", "target", "goal", "cible", "benchmark"})
_NOT_COST = frozenset({"estime", "estimee", "estimated", "bas", "haut", "low", "high", "methode", "method"})
_NOT_FOLLOWERS = frozenset({"abonnements", "following", "gain", "gains", "croissance", "growth"})
_NOT_CODE = frozenset({"postal", "zip", "pays", "country", "iso", "langue", "language"})
_NOT_CREATOR = frozenset({"marque", "brand", "client", "produit", "product", "campagne", "campaign", "fichier",
                          "file", "utilisateur", "user", "compte", "account", "reseau", "network", "chaine",
                          "channel", "lien", "link", "url"})
# a header with one of these words holds estimates, not measurements
ESTIMATE_WORDS = frozenset({"estime", "estimee", "estimes", "estimees", "estimation", "estimations", "est",
                            "estimate", "estimated", "estimates", "approx", "approximatif", "approximative",
                            "projete", "projetee", "projected", "modelise", "modelled", "modeled"})
_EXCLUDED: dict[str, frozenset[str]] = {
    "cost": _AVERAGE_WORDS | _NOT_COST, "followers": _AVERAGE_WORDS | _NOT_FOLLOWERS, "promo_code": _NOT_CODE,
    "creator": _NOT_CREATOR, "currency": frozenset(), "tracked_url": frozenset(), "measured_on": frozenset(),
}
_NUMBER_SHARE = 0.5  # a numeric field's column: at least half its filled cells read as numbers
ESTIMATE_SUFFIX = "~estimated"  # detect_fields' key of a field's estimates column ("views~estimated")


@dataclass(frozen=True)
class Figure:
    """A number and where it comes from: `basis` measured (API, sheet) or estimated; `source` says how
    ("youtube videos.list", "sheet column 'Vues'", "sheet column 'Vues estimées' (estimate)");
    `as_of` the day it was read when known."""

    value: float
    basis: str
    source: str
    as_of: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "basis": self.basis, "source": self.source,
                "as_of": self.as_of.isoformat() if self.as_of else None}


@dataclass(frozen=True)
class PostSnapshot:
    """A post's numbers as read on one day: the unit the workspace keeps (D+1, D+7, D+30...)."""

    platform: str | None
    post_key: str  # the network's id of the post (video id, shortcode, TikTok id) or its link
    url: str | None
    handle: str | None
    taken_on: dt.date
    published_on: dt.date | None
    source: str  # youtube, instagram, sheet
    views: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    saves: int | None = None

    @property
    def age_days(self) -> int | None:
        """Days after publication (D+n); None when the publication day is unknown."""
        return (self.taken_on - self.published_on).days if self.published_on else None

    def to_dict(self) -> dict[str, Any]:
        return {"platform": self.platform, "post_key": self.post_key, "url": self.url, "handle": self.handle,
                "taken_on": self.taken_on.isoformat(),
                "published_on": self.published_on.isoformat() if self.published_on else None,
                "age_days": self.age_days, "source": self.source, "views": self.views, "likes": self.likes,
                "comments": self.comments, "shares": self.shares, "saves": self.saves}


@dataclass
class PublishedPost:
    """One published post of the campaign, as read from its row, with its numbers."""

    index: int  # 0-based among the input rows
    row: int  # the sheet's own row number
    creator: str | None
    handle: str | None
    platform: str | None
    format: str | None
    url: str | None
    key: str | None  # network id of the post (video id, shortcode, TikTok id), else None
    published_on: dt.date | None
    caption: str | None
    flag: bool | None  # the platform's paid-partnership label, when the sheet says
    figures: dict[str, Figure] = field(default_factory=dict)  # measured: views, likes, ... (not followers)
    estimates: dict[str, Figure] = field(default_factory=dict)  # estimated, never mixed with figures
    followers: Figure | None = None
    cost: float | None = None
    currency: str | None = None
    promo_code: str | None = None
    tracked_url: str | None = None
    notes: list[str] = field(default_factory=list)
    snapshots: list[PostSnapshot] = field(default_factory=list)
    sheet: str | None = None  # its tab, when the posts were read from several tabs of a workbook
    overlay: str | None = None  # the text on the image or video, when the sheet has it (the checker reads it)
    title: str | None = None  # a YouTube title
    age: int | None = None  # the creator's age (FR-18)

    def value(self, name: str) -> float | None:
        f = self.figures.get(name)
        return f.value if f is not None else None

    @property
    def engagements(self) -> tuple[float | None, str]:
        """(likes + comments + shares + saves over the measured parts, how); the sheet's own
        engagements column only when no part is known."""
        parts = [(p, self.figures[p].value) for p in ENGAGEMENT_PARTS if p in self.figures]
        if parts:
            return float(sum(v for _, v in parts)), " + ".join(p for p, _ in parts)
        if "engagements" in self.figures:
            return self.figures["engagements"].value, f"engagements ({self.figures['engagements'].source})"
        return None, ""

    @property
    def who(self) -> str:
        """The creator's key: name, else handle, else the post link."""
        return self.creator or (f"@{self.handle}" if self.handle else None) or self.url or f"row {self.row}"


@dataclass
class PublishedPosts:
    """The posts read from one source, with how their columns were found."""

    source: str
    sheet: str | None
    posts: list[PublishedPost]
    columns: dict[str, str]  # field -> header (and how)
    skipped_rows: list[int]  # rows that are not posts (no link, caption or number)
    grid: Grid
    lang: str  # language of the headers ("fr" or "en")
    # rows that are no creator's post: TOTAL, average, sub-total, section title, header repeated (sheet row, kind),
    # by the rule `enrich` marks row_kind with (io.rowkinds); left out of every number
    left_out: list[tuple[int, str]] = field(default_factory=list)
    found: dict[str, tuple[str, str]] = field(default_factory=dict)  # field -> (header, how it was found)
    # the headers of the columns with cells that no field took, each with the post count its header names
    # ("Comm." -> comments: its cells are not counts, or another column gave the comments), else None
    unread: list[tuple[str, str | None]] = field(default_factory=list)
    # read from several tabs of a workbook (`campaign.posts.read_grids`): their names, the tab of each row of
    # `skipped_rows` and `left_out` (empty when one tab was read), and the notes on tabs and posts read twice
    sheets: list[str] = field(default_factory=list)
    skipped_sheets: list[str | None] = field(default_factory=list)
    left_out_sheets: list[str | None] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # every tab's grid, in the order read (`grid` is the first): a post's index counts the rows of the tabs
    # before its own
    grids: list[Grid] = field(default_factory=list)


# ------------------------------------------------------------------------------------------- reading


def _header_words(header: str) -> tuple[str, set[str]]:
    key = fold_key(header)
    return f" {key} ", set(key.split())


# a post's counts as the list reader names them (io.columns' word meanings: "Comm.", "Coms", "Nb j'aime",
# "Reposts", "Abos", "Enreg."): `io.columns.post_count`
_LIST_MEANINGS = ("views", "likes", "comments", "shares", "saves", "followers")
# the report's one-word header keywords (folded word -> field), for reading a word cut short ("Impr." ->
# impressions -> reach, "Enreg." -> enregistrements -> saves) by the one rule `io.columns.expand_abbreviations`
_AVERAGE_MEANINGS = frozenset({"avg", "rate", "ratio"})
_POST_WORDS = {kw: name for name, kws in reversed(POST_FIELDS.items()) for kw in kws if " " not in kw}


def post_number(header: str) -> str | None:
    """The post count a header names in the list reader's vocabulary (`io.columns.post_count`): "Comm."
    and "Comms" are comments, "Nb j'aime" likes, "Enreg." saves; None for an average ("Comm. moy."), a rate,
    a cost per something, or anything else."""
    from ..io.columns import post_count

    return post_count(header)


def _matches(header: str, name: str) -> bool:
    from ..io.columns import expand_abbreviations, header_meanings, header_words

    padded, words = _header_words(expand_abbreviations(header, _POST_WORDS, header_words()))
    if words & _EXCLUDED.get(name, _AVERAGE_WORDS):
        return False
    if name in COUNT_FIELDS and _AVERAGE_MEANINGS & set(header_meanings(header)):
        return False  # an average in the list reader's words too ("Likes moy.", "Enreg. moy.")
    return any(f" {kw} " in padded for kw in POST_FIELDS[name]) or (name in _LIST_MEANINGS
                                                                     and post_number(header) == name)


def _reads(value: Any, name: str) -> bool:
    from ..io.parse import ParseError, parse_count, parse_date, parse_money

    try:
        if name in COUNT_FIELDS or name == "followers":
            return parse_count(value) is not None
        if name in MONEY_FIELDS:
            return parse_money(value) is not None
        if name == "measured_on":
            return parse_date(value) is not None
    except ParseError:
        return False
    if name == "currency":
        from ..io.parse import parse_currency

        try:
            return parse_currency(value) is not None
        except ParseError:
            return False
    if name == "tracked_url":
        return isinstance(value, str) and value.strip().lower().startswith(("http://", "https://", "www."))
    if name in ("promo_code", "creator"):
        return isinstance(value, str | int) and not isinstance(value, bool)
    return True


def detect_fields(grid: Grid, mapping: Mapping[str, str] | None = None, *, strict: bool = True
                  ) -> dict[str, tuple[int, str]]:
    """The report's fields found in the grid's columns not already taken by the post detection:
    field -> (column index, how). Not `strict` (one of several tabs), a mapped header the tab lacks is
    skipped."""
    from .posts import _sample

    taken = {i for i, _ in grid.found.values()}
    keys = [fold_key(h) for h in grid.headers]
    found: dict[str, tuple[int, str]] = {}
    for name, header in (mapping or {}).items():
        k = fold_key(header)
        if k not in keys and not strict:
            continue
        if k not in keys:
            raise UsageError(f"--map: no header {header!r} in the sheet; headers are "
                             + ", ".join(map(repr, grid.headers)), file=grid.source, sheet=grid.sheet)
        found[name] = (keys.index(k), "--map")
        taken.add(keys.index(k))
    wanted = [(name, False) for name in POST_FIELDS] + [(name, True) for name in COUNT_FIELDS]
    for name, estimate in wanted:
        slot = f"{name}{ESTIMATE_SUFFIX}" if estimate else name
        if slot in found:
            continue
        for i, header in enumerate(grid.headers):
            if i in taken or not _matches(str(header), name) or _estimated(str(header)) != estimate:
                continue
            sample = _sample(grid, i)
            if not sample:
                continue
            share = sum(1 for v in sample if _reads(v, name)) / len(sample)
            if share < (_NUMBER_SHARE if name not in ("creator", "promo_code") else 1.0):
                continue
            if name == "creator" and not any(isinstance(v, str) for v in sample):
                continue
            found[slot] = (i, "header" + (", estimates" if estimate else ""))
            taken.add(i)
            break
    return found


# the counts a row's numbers are weighed by when one post is in two tabs (`metrics.posts.post_numbers`)
TWICE_COUNTS = ("likes", "comments", "views", "shares")


def row_counts(grid: Grid, mapping: Mapping[str, str] | None = None) -> list[tuple[float | None, ...]]:
    """Each row's measured likes, comments, views and shares (TWICE_COUNTS) as `read_published` reads
    them (None when absent or unreadable): what decides which row of a post read twice counts."""
    from ..io.columns import header_exponent
    from ..io.parse import ParseError

    fields = detect_fields(grid, {k: v for k, v in (mapping or {}).items() if k in POST_FIELDS}, strict=False)
    columns: list[list[float | None]] = []
    for name in TWICE_COUNTS:
        if name not in fields:
            columns.append([None] * len(grid.rows))
            continue
        i = fields[name][0]
        parse = _unit_parser(name, header_exponent(str(grid.headers[i])))
        values: list[float | None] = []
        for r in grid.rows:
            try:
                v = parse(r[i]) if i < len(r) and r[i] not in (None, "") else None
            except ParseError:
                v = None
            values.append(float(v) if v is not None else None)
        columns.append(values)
    return list(zip(*columns, strict=True)) if grid.rows else []


def _estimated(header: str) -> bool:
    return bool(set(fold_key(header).split()) & ESTIMATE_WORDS)


def read_published(
    source: Any,
    *,
    sheet: str | None = None,
    input_format: str | None = None,
    mapping: Mapping[str, str] | None = None,
    platform: str | None = None,
) -> PublishedPosts:
    """The published posts of a sheet or posts file (path, '-', Table or list of dicts). `mapping` maps
    fields to headers: those of the check (posts.FIELDS) and the report's (POST_FIELDS)."""
    from ..labels import detect_language

    maps = dict(mapping or {})
    unknown = [k for k in maps if k not in CHECK_FIELDS and k not in POST_FIELDS]
    if unknown:
        raise UsageError(f"--map: unknown field {unknown[0]!r}; fields are "
                         + ", ".join([*CHECK_FIELDS, *POST_FIELDS]))
    check_maps = {k: v for k, v in maps.items() if k in CHECK_FIELDS}
    report_maps = {k: v for k, v in maps.items() if k in POST_FIELDS}
    from ..selection import platform_option

    default_platform = platform_option(platform) if platform else None
    tabs = read_grids(source, sheet=sheet, input_format=input_format, mapping=check_maps)
    several = tabs.several
    read = []
    start = 0
    for grid in tabs.grids:
        read.append(_tab_posts(grid, report_maps, not several, several, start, default_platform, input_format))
        start += len(grid.rows)
    first = tabs.grids[0]
    posts = [p for one in read for p in one.posts]
    notes = list(tabs.notes)
    # the same post twice, in one tab or in two, counts once (`metrics.posts.once_per_link`)
    from ..metrics.posts import once_per_link, post_numbers, same_post_notes

    posts, twice = once_per_link([(one.sheet, one.posts) for one in read], lambda p: p.url,
                                 lambda p: post_numbers([p.value(c) for c in TWICE_COUNTS]))
    notes += same_post_notes(twice, first.source, lambda tab, p: (f"tab {tab!r} " if tab else "") + f"row {p.row}")

    def merged(pick: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for one in read:
            for name, value in pick(one).items():
                out.setdefault(name, value)
        return out

    described = {name: "; ".join(dict.fromkeys(
        (f"{one.described[name]} [{one.sheet}]" if several else one.described[name])
        for one in read if name in one.described)) for name in merged(lambda one: one.described)}
    return PublishedPosts(first.source, first.sheet if not several else None, posts, described,
                          [r for one in read for r in one.skipped], first,
                          detect_language([h for g in tabs.grids for h in g.headers]),
                          [x for one in read for x in one.left_out], merged(lambda one: one.found),
                          list(dict.fromkeys(x for one in read for x in one.unread)),
                          sheets=tabs.sheets if several else [],
                          skipped_sheets=[one.sheet for one in read for _ in one.skipped] if several else [],
                          left_out_sheets=[one.sheet for one in read for _ in one.left_out] if several else [],
                          notes=notes, grids=list(tabs.grids))


@dataclass
class _TabPosts:
    sheet: str | None
    posts: list[PublishedPost]
    skipped: list[int]
    left_out: list[tuple[int, str]]
    described: dict[str, str]
    found: dict[str, tuple[str, str]]
    unread: list[tuple[str, str | None]]


def _tab_posts(grid: Grid, report_maps: Mapping[str, str], strict: bool, several: bool, start: int,
               default_platform: str | None, input_format: str | None) -> _TabPosts:
    """The posts of one tab (`read_published`); `start` is the index of its first row among every tab's."""
    from ..io.columns import header_exponent, understand_header
    from ..io.parse import (
        ParseError,
        detect_currency,
        parse_currency,
        parse_platform,
    )
    from ..io.values import column_dates
    from .posts import parse_age

    fields = detect_fields(grid, report_maps, strict=strict)

    def column(name: str) -> list[Any]:
        if name in grid.found:
            return grid.column(name)
        if name in fields:
            i = fields[name][0]
            return [r[i] if i < len(r) else None for r in grid.rows]
        return [None] * len(grid.rows)

    def safe(parser: Any, value: Any) -> Any:
        try:
            return parser(value)
        except ParseError:
            return None

    headers = {name: str(grid.headers[i]) for name, (i, _) in {**grid.found, **fields}.items()}
    # a "Créateur"/"Influenceur" column of one-word names was taken as the handle: it names the creator too
    handle_is_creator = "creator" not in fields and "handle" in grid.found and _matches(headers["handle"], "creator")
    # date columns: the day/month order decided from all their cells, as the list reader does
    measured_on = column_dates(column("measured_on"))
    published = column_dates(column("published"))
    kinds = row_kinds_of(grid, fields, input_format)
    formats, betrayed = grid.formats(), grid.format_platforms()
    # each number column's parser: a header's unit marker ("Vues (k)", "Views, '000", "CA (k€)") multiplies the
    # bare numbers under it, as in a prospect list (`io.columns.header_exponent`, `io.values.scaled_count`)
    parsers = {name: _unit_parser(name, header_exponent(headers[name])) for name in fields
               if name in headers}
    # the currency a cost column's header names ("Coût (€)", "Fee (USD)", "Cachet en euros", "Prix k€") is
    # that of its bare numbers, as in a prospect list (`io.columns.understand_header`)
    cost_header_currency = understand_header(headers["cost"]).currency if "cost" in headers else None
    posts: list[PublishedPost] = []
    skipped: list[int] = []
    left_out: list[tuple[int, str]] = []
    for k, row_number in enumerate(grid.row_numbers):
        if kinds[k] is not None:
            left_out.append((row_number, str(kinds[k])))
            continue
        raw_link = text_cell(column("link")[k])
        link = parse_post_link(raw_link) if raw_link else None
        caption = text_cell(column("caption")[k])
        numbers: dict[str, float] = {}
        notes: list[str] = []
        for name in (*COUNT_FIELDS, *MONEY_FIELDS, "followers", *(f"{c}{ESTIMATE_SUFFIX}" for c in COUNT_FIELDS)):
            if name not in fields:
                continue
            cell = column(name)[k]
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                continue
            try:
                value = parsers[name](cell)
            except ParseError as exc:
                notes.append(f"{headers.get(name, name)}: {exc}")
                continue
            if value is not None:
                numbers[name] = float(value)
        counted = {n for n in numbers if n not in ("cost", "followers") and ESTIMATE_SUFFIX not in n}
        if not raw_link and not caption and not counted:
            skipped.append(row_number)
            continue
        plat = (safe(parse_platform, column("platform")[k]) or (link.platform if link else None) or betrayed[k]
                or default_platform)
        handle = text_cell(column("handle")[k])
        if handle and handle.startswith(("http://", "https://")):
            handle = None
        handle = (handle or (link.handle if link else None) or "").lstrip("@").strip().lower() or None
        creator = text_cell(column("creator")[k])
        if creator is None and handle_is_creator:
            creator = text_cell(column("handle")[k])
        cost_cell = column("cost")[k]
        currency = None
        if "currency" in fields:
            currency = safe(parse_currency, column("currency")[k])
        if currency is None and isinstance(cost_cell, str):
            currency = detect_currency(cost_cell)
        if currency is None and cost_cell not in (None, ""):
            currency = cost_header_currency  # "Coût (€)", "Fee (USD)", "Cachet en euros": the header's
        code = column("promo_code")[k]
        code_text = str(code).strip() if code not in (None, "") and not isinstance(code, bool) else None
        tracked = text_cell(column("tracked_url")[k])
        post = PublishedPost(
            index=start + k, row=row_number, sheet=grid.sheet if several else None, creator=creator.strip() if creator else None, handle=handle, platform=plat,
            format=formats[k] or (link.format if link else None),
            url=raw_link, key=post_key(plat, raw_link), published_on=published[k],
            caption=caption, flag=parse_flag(column("flag")[k]), overlay=text_cell(column("overlay")[k]),
            title=text_cell(column("title")[k]), age=parse_age(column("age")[k]),
            cost=numbers.get("cost"), currency=currency, promo_code=code_text or None, tracked_url=tracked,
            notes=notes)
        for slot, value in numbers.items():
            header = headers.get(slot, slot)
            if slot == "cost":
                continue
            name = slot.removesuffix(ESTIMATE_SUFFIX)
            estimated = slot != name
            fig = Figure(value, ESTIMATED if estimated else MEASURED,
                         f"sheet column {header!r}" + (" (estimate)" if estimated else ""), measured_on[k])
            if name == "followers":
                post.followers = fig if not estimated else None
            elif estimated:
                post.estimates[name] = fig
            else:
                post.figures[name] = fig
        if post.figures and any(f.basis == MEASURED for f in post.figures.values()):
            post.snapshots.append(_sheet_snapshot(post, measured_on[k]))
        posts.append(post)
    described = {name: f"{grid.headers[i]!r} ({how})" for name, (i, how) in {**grid.found, **fields}.items()}
    found = {name: (str(grid.headers[i]), how) for name, (i, how) in {**grid.found, **fields}.items()}
    read = {i for i, _ in (*grid.found.values(), *fields.values())}
    unread = [(str(h).strip(), post_number(str(h))) for i, h in enumerate(grid.headers)
              if i not in read and str(h or "").strip()
              and any(text_cell(r[i]) is not None for r in grid.rows if i < len(r))]
    return _TabPosts(grid.sheet, posts, skipped, left_out, described, found, unread)


_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


def _unit_parser(name: str, exponent: int) -> Any:
    """The parser of a number field's cells under a header whose unit is 10**exponent: counts by
    `io.values.scaled_count`; money multiplied when the cell is a bare number ("12,5" under "CA (k€)")."""
    from ..io.parse import parse_money
    from ..io.values import scaled_count

    if name not in MONEY_FIELDS:
        return scaled_count(exponent)
    if not exponent:
        return parse_money

    def money(value: Any) -> float | None:
        amount = parse_money(value)
        bare = isinstance(value, int | float) or isinstance(value, str) and not any(c.isalpha() for c in value)
        return amount * 10**exponent if amount is not None and bare else amount

    return money


def row_kinds_of(grid: Grid, fields: Mapping[str, tuple[int, str]], input_format: str | None = None
                 ) -> list[str | None]:
    """total / average / subtotal / section / header for the grid's rows that are no creator's post, None
    for the others: the rule `enrich` marks `row_kind` with (io.rowkinds.row_kinds: a TOTAL, Moyenne or
    Sous-total label, or formulas adding up their column over the rows above, in a row that names no
    account; a section title; the header repeated), on the columns found here (creator, handle, the post
    link as the account a row names). A sheet's own `row_kind` column (influkit's output read back) stands.
    The formulas are read from the workbook itself (a second read of a workbook file: the grid keeps no
    formula; a sheet from stdin or a CSV has none)."""
    from ..errors import InfluError
    from ..io.read import RawSheet, read_sheet
    from ..io.rowkinds import kind_of_label, row_kinds
    from ..schema import ROW_KINDS

    width = len(grid.headers)
    if not grid.rows or not width:
        return [None] * len(grid.rows)
    rows = [list(r[:width]) + [None] * (width - len(r)) for r in grid.rows]
    raw = grid.raw  # the sheet as read (its formulas), when the grid was read from a file
    if raw is None and grid.source != "-" and (input_format in ("xlsx", "ods", "xls")
                                               or str(grid.source).lower().endswith(_WORKBOOK_SUFFIXES)):
        try:
            raw = read_sheet(str(grid.source), sheet=grid.sheet, fmt=input_format)
        except (InfluError, OSError):
            raw = None
    if raw is not None and (len(raw.rows) != len(rows) or [str(h) for h in raw.headers] != list(map(str, grid.headers))):
        raw = None  # not the same table: its formulas would name the wrong rows
    sheet = RawSheet(str(grid.source), grid.sheet, 1, [str(h) for h in grid.headers], rows, list(grid.row_numbers),
                     links=dict(raw.links) if raw is not None else {},
                     aggregates=dict(raw.aggregates) if raw is not None else {})
    canonical: dict[int, str] = {}
    for name, canon in (("platform", "platform"), ("link", "profile_url"), ("handle", "handle")):
        if name in grid.found:
            canonical[grid.found[name][0]] = canon
    if "creator" in fields:
        canonical[fields["creator"][0]] = "creator"
    kinds = row_kinds(sheet, canonical, {}, list(range(len(rows))))
    own = [i for i, h in enumerate(grid.headers) if fold_key(h) == "row kind"]
    if own:
        for k, row in enumerate(rows):
            v = row[own[0]]
            if v is None or not str(v).strip():
                continue
            key = fold_key(v).replace(" ", "")
            kinds[k] = key if key in ROW_KINDS else (kind_of_label(str(v)) or kinds[k])
    return kinds


def _sheet_snapshot(post: PublishedPost, day: dt.date | None) -> PostSnapshot:
    """The sheet's numbers as a snapshot: dated by the sheet's `Relevé le` column, else undated (the
    day of this run stands for it, and the report says the sheet's date is unknown)."""
    from ..clock import today

    def count(name: str) -> int | None:
        v = post.value(name)
        return int(v) if v is not None else None

    return PostSnapshot(post.platform, post.key or post.url or f"row {post.row}", post.url, post.handle,
                        day or today(), post.published_on, "sheet" if day else "sheet (undated)",
                        count("views"), count("likes"), count("comments"), count("shares"), count("saves"))


_TIKTOK_ID = re.compile(r"/(?:video|photo)/(\d+)")


def post_key(platform: str | None, url: str | None) -> str | None:
    """The network's id of a post from its link: YouTube video id, Instagram shortcode, TikTok id."""
    if not url:
        return None
    from ..providers.instagram import shortcode
    from ..providers.youtube import video_id

    if platform == "youtube" or "youtu" in url.lower():
        return video_id(url)
    if platform == "instagram" or "instagr" in url.lower():
        return shortcode(url)
    m = _TIKTOK_ID.search(url)
    return m.group(1) if m and "tiktok" in url.lower() else None


def _recorded_index(recorded: Sequence[Mapping[str, Any]]) -> dict[tuple[str | None, str], Mapping[str, Any]]:
    """The posts recorded with `influkit set --post` by (network, the post's network id) and by (None, its
    canonical link)."""
    from .posts import canonical_post_url

    by_key: dict[tuple[str | None, str], Mapping[str, Any]] = {}
    for r in recorded:
        key = post_key(r.get("platform"), r.get("url"))
        if key:
            by_key[(r.get("platform"), key)] = r
        if r.get("url"):
            by_key[(None, canonical_post_url(str(r["url"])))] = r
    return by_key


def _recorded_of(post: PublishedPost, by_key: Mapping[tuple[str | None, str], Mapping[str, Any]]
                 ) -> Mapping[str, Any] | None:
    """The recorded post a read post is (`_recorded_index`): by its network id, else its canonical link."""
    from .posts import canonical_post_url

    if not post.url:
        return None
    found = by_key.get((post.platform, post.key)) if post.key else None
    return found or by_key.get((None, canonical_post_url(post.url)))


def join_recorded(posts: Sequence[PublishedPost], recorded: Sequence[dict[str, Any]]) -> int:
    """Give a post whose row names no account (a bare /p/ or watch?v= link) the account its link was
    recorded for in the campaign (`influkit set HANDLE --post URL`): its handle, network and creator, by
    the post's network id, else its canonical link. Returns how many posts were joined."""
    by_key = _recorded_index(recorded)
    joined = 0
    for p in posts:
        if p.handle or not p.url:
            continue
        found = _recorded_of(p, by_key)
        if found is None:
            continue
        p.handle = found.get("handle")
        p.platform = p.platform or found.get("platform")
        p.creator = p.creator or found.get("creator") or found.get("handle")
        joined += 1
    return joined


def recorded_days(recorded: Sequence[Mapping[str, Any]], events: Sequence[Mapping[str, Any]]) -> list[dt.date | None]:
    """The day each post recorded with `influkit set --post` went live: the day recorded with it (`set
    HANDLE --post URL --on 2026-02-10`, with or without `--stage published`), else, for an account with
    one recorded post, the day of its latest `published` stage (`set HANDLE --stage published --on DAY`
    run apart, or a sheet's publication date); None otherwise (which of an account's posts went live that
    day is not known). `recorded`: account_id and published_on of each post; `events`: the campaign's
    stage events."""
    latest: dict[int, str] = {}  # account -> the day of its latest published stage
    for e in events:
        if e.get("stage") == "published" and e.get("on_date"):
            stage_day = str(e["on_date"])[:10]
            latest[int(e["account_id"])] = max(stage_day, latest.get(int(e["account_id"]), stage_day))
    posts_of: dict[int, int] = {}
    for r in recorded:
        posts_of[int(r["account_id"])] = posts_of.get(int(r["account_id"]), 0) + 1
    out: list[dt.date | None] = []
    for r in recorded:
        account = int(r["account_id"])
        day = r.get("published_on") or (latest.get(account) if posts_of[account] == 1 else None)
        out.append(dt.date.fromisoformat(str(day)[:10]) if day else None)
    return out


def date_recorded(posts: Sequence[PublishedPost], recorded: Sequence[Mapping[str, Any]]) -> int:
    """Give a post without a date of its own (none in its row, nor from the API or a kept reading) the day
    it was recorded as published (`recorded`: the campaign's recorded posts with their `published_on`,
    `recorded_days`). Returns how many posts were dated."""
    by_key = _recorded_index([r for r in recorded if r.get("published_on")])
    dated = 0
    for p in posts:
        if p.published_on is not None:
            continue
        found = _recorded_of(p, by_key)
        if found is not None:
            p.published_on = found["published_on"]
            dated += 1
    return dated


# ----------------------------------------------------------------------------------- the APIs


@dataclass
class FetchReport:
    """What `fetch_numbers` did: per network, posts fetched, from cache, not found, not fetched and why."""

    asked: dict[str, int] = field(default_factory=dict)
    fetched: dict[str, int] = field(default_factory=dict)
    cached: dict[str, int] = field(default_factory=dict)
    not_found: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # why some posts were not asked for
    stopped: list[str] = field(default_factory=list)
    requests: int = 0
    quota_units: int = 0
    # network -> {"key": the setting not set, "posts": posts whose numbers stay the sheet's} (the skipped
    # lines' facts, for the report to say them in its language)
    missing_keys: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"asked": self.asked, "fetched": self.fetched, "cached": self.cached, "not_found": self.not_found,
                "skipped": self.skipped, "stopped": self.stopped, "requests": self.requests,
                "quota_units": self.quota_units, "missing_keys": self.missing_keys}


def fetch_numbers(
    posts: Sequence[PublishedPost],
    *,
    store: Any = None,
    config: str | None = None,
    refresh: bool = False,
    max_age: dt.timedelta | None = None,
    options: Mapping[str, Any] | None = None,
) -> FetchReport:
    """Fill the posts' numbers from the APIs where a key or token is configured (environment or config
    file, as `enrich`): YouTube videos by id, Instagram media by shortcode through business discovery.
    Each answer becomes a dated PostSnapshot on its post and replaces the sheet's figures it has. `store`
    (an open workspace or None) caches answers for `max_age` (thresholds.report post_max_age)."""
    import asyncio

    from .. import progress
    from ..config import load_settings
    from ..thresholds.report import setting

    settings = load_settings(config)
    opts = dict(options or {})
    age = max_age if max_age is not None else dt.timedelta(hours=setting("post_max_age"))
    report = FetchReport()
    videos: dict[str, list[PublishedPost]] = {}
    media: dict[str, dict[str, list[PublishedPost]]] = {}
    for p in posts:
        if p.platform == "youtube":
            if p.key:
                videos.setdefault(p.key, []).append(p)
            else:
                p.notes.append("youtube: no video id in the link; numbers from the sheet only")
        elif p.platform == "instagram":
            if p.key and p.format != "story" and p.handle:
                media.setdefault(p.handle, {}).setdefault(p.key, []).append(p)
            elif p.format == "story" or (p.url and "/stories/" in p.url):
                p.notes.append("instagram: stories are not readable through business discovery; numbers from "
                               "the sheet only")
            elif not p.key:
                p.notes.append("instagram: no post link; numbers from the sheet only")
            else:
                p.notes.append("instagram: no account name (handle column) for business discovery; numbers "
                               "from the sheet only")
    if videos:
        report.asked["youtube"] = len(videos)
        if not settings.youtube_api_key:
            report.skipped.append(f"youtube: YOUTUBE_API_KEY not set, {count(len(videos), 'video')}: numbers from the "
                                  "sheet only")
            report.missing_keys["youtube"] = {"key": "YOUTUBE_API_KEY", "posts": len(videos)}
            videos = {}
    n_media = sum(len(codes) for codes in media.values())
    if media:
        report.asked["instagram"] = n_media
        if not (settings.instagram_access_token and settings.instagram_user_id):
            missing = "INSTAGRAM_ACCESS_TOKEN" if not settings.instagram_access_token else "INSTAGRAM_USER_ID"
            report.skipped.append(f"instagram: {missing} not set, {count(n_media, 'post')}: numbers from the sheet only")
            report.missing_keys["instagram"] = {"key": missing, "posts": n_media}
            media = {}
    if not videos and not media:
        return report

    def cached(provider: str, keys: list[str]) -> dict[str, Any]:
        if store is None or refresh or not keys:
            return {}
        now = clock_now()
        entries = store.cache_entries(provider, keys)
        return {k: payload for k, (at, payload) in entries.items() if now - at <= age}

    def put(provider: str, items: list[tuple[str, Any]]) -> None:
        if store is not None and items:
            store.cache_put_many(provider, items)

    from ..clock import today

    day = today()
    total = len(videos) + n_media
    with progress.step("post numbers", total) as tick:
        done = 0
        if videos:
            hits = cached("youtube", [f"video:{v}" for v in videos])
            answers = {k.removeprefix("video:"): v for k, v in hits.items()}
            report.cached["youtube"] = sum(1 for v in videos if v in answers)
            todo = [v for v in videos if v not in answers]
            if todo:
                got, stop, requests, units = asyncio.run(_youtube(settings, todo, opts))
                report.requests += requests
                report.quota_units += units
                if stop:
                    report.stopped.append(stop)
                put("youtube", [(f"video:{v}", payload) for v, payload in got.items() if "failed" not in payload])
                answers.update(got)
                report.fetched["youtube"] = sum(1 for v in todo if v in got and "failed" not in got[v]
                                                and not got[v].get("missing"))
            for vid, group in videos.items():
                payload = answers.get(vid)
                for p in group:
                    _apply(p, "youtube", payload, day, "youtube videos.list")
                done += 1
                tick(done)
            report.not_found["youtube"] = sum(1 for v in videos if (answers.get(v) or {}).get("missing"))
        if media:
            keys = [f"media:{code}" for codes in media.values() for code in codes]
            hits = cached("instagram", keys)
            answers = {k.removeprefix("media:"): v for k, v in hits.items()}
            report.cached["instagram"] = sum(1 for k in hits)
            todo_accounts = {h: [c for c in codes if c not in answers] for h, codes in media.items()}
            todo_accounts = {h: c for h, c in todo_accounts.items() if c}
            since = min((p.published_on for codes in media.values() for group in codes.values() for p in group
                         if p.published_on), default=None)
            if todo_accounts:
                got_ig, stop, requests, failures = asyncio.run(_instagram(settings, todo_accounts, since, opts))
                report.requests += requests
                if stop:
                    report.stopped.append(stop)
                put("instagram", [(f"media:{code}", payload) for code, payload in got_ig.items()
                                  if not payload.get("failed") and not payload.get("missing")])
                answers.update(got_ig)
                report.fetched["instagram"] = sum(1 for c, v in got_ig.items() if not v.get("missing")
                                                  and not v.get("failed"))
                for handle, message in failures.items():
                    for code in media[handle]:
                        answers.setdefault(code, {"failed": message})
            for _handle, codes in media.items():
                for code, group in codes.items():
                    for p in group:
                        _apply(p, "instagram", answers.get(code), day, "instagram business discovery")
                    done += 1
                    tick(done)
            report.not_found["instagram"] = sum(1 for codes in media.values() for c in codes
                                                if (answers.get(c) or {}).get("missing"))
    return report


def _apply(post: PublishedPost, provider: str, payload: dict[str, Any] | None, day: dt.date, how: str) -> None:
    """One API answer onto its post: figures (replacing the sheet's), a dated snapshot, or a note."""
    if payload is None:
        post.notes.append(f"{provider}: not fetched; numbers from the sheet only")
        return
    if payload.get("failed"):
        post.notes.append(f"{provider}: {payload['failed']}; numbers from the sheet only")
        return
    if payload.get("missing"):
        what = "video" if provider == "youtube" else "post"
        post.notes.append(f"{provider}: {what} not found (private, deleted, or older than the media read); "
                          "numbers from the sheet only")
        return
    taken = day
    fetched_at = payload.get("fetched_at")
    if isinstance(fetched_at, str):
        try:
            taken = dt.date.fromisoformat(fetched_at[:10])
        except ValueError:
            taken = day
    for name in ("views", "likes", "comments"):
        value = payload.get(name)
        if isinstance(value, int):
            post.figures[name] = Figure(float(value), MEASURED, how, taken)
    if post.published_on is None and payload.get("published_at"):
        with contextlib.suppress(ValueError):
            post.published_on = dt.date.fromisoformat(str(payload["published_at"])[:10])
    if post.caption is None and isinstance(payload.get("caption"), str) and provider == "instagram":
        post.caption = payload["caption"]
    kind = str(payload.get("media_product_type") or "").upper()
    if provider == "instagram" and kind and post.format in (None, "post", "image"):
        post.format = {"REELS": "reel", "STORY": "story"}.get(kind, post.format)
    post.snapshots.append(PostSnapshot(post.platform, post.key or post.url or "", post.url, post.handle, taken,
                                       post.published_on, provider,
                                       payload.get("views") if isinstance(payload.get("views"), int) else None,
                                       payload.get("likes") if isinstance(payload.get("likes"), int) else None,
                                       payload.get("comments") if isinstance(payload.get("comments"), int)
                                       else None))


def _pool(settings: Any, provider: Any, rate: float | None, opts: Mapping[str, Any]) -> Any:
    from ..providers.http import DEFAULT_BACKOFF_BASE, DEFAULT_RETRIES, DEFAULT_TIMEOUT, HttpPool
    from ..thresholds.live import setting as live_setting

    return HttpPool(concurrency=int(opts.get("concurrency", live_setting("concurrency"))),
                    rate_limit=rate, timeout=float(opts.get("timeout", DEFAULT_TIMEOUT)),
                    retries=int(opts.get("retries", DEFAULT_RETRIES)),
                    backoff_base=float(opts.get("backoff_base", DEFAULT_BACKOFF_BASE)),
                    secrets=settings.secrets, headers=provider.client_headers,
                    tls=not provider.base_url.lower().startswith("http://"))


async def _youtube(settings: Any, ids: list[str], opts: Mapping[str, Any]
                   ) -> tuple[dict[str, dict[str, Any]], str | None, int, int]:
    from ..providers.http import ProviderStop
    from ..providers.youtube import YouTube
    from ..thresholds.live import setting as live_setting

    yt = YouTube(settings.youtube_api_key, settings.youtube_url)
    pool = _pool(settings, yt, float(opts.get("rate_limit") or settings.youtube_rate_limit
                                     or live_setting("youtube_rate")), opts)
    stop = None
    got: dict[str, dict[str, Any]] = {}
    try:
        got = await yt.videos_by_id(pool, ids)
    except ProviderStop as exc:
        stop = str(exc)
    finally:
        await pool.aclose()
    if stop:
        for vid in ids:
            got.setdefault(vid, {"failed": f"not fetched: {stop.removeprefix('youtube: ')}"})
    from ..providers.http import scrub

    return got, scrub(stop, settings.secrets) if stop else None, pool.requests, int(yt.counters.quota_units)


async def _instagram(settings: Any, accounts: dict[str, list[str]], since: dt.date | None,
                     opts: Mapping[str, Any]) -> tuple[dict[str, dict[str, Any]], str | None, int, dict[str, str]]:
    import asyncio

    from ..providers.http import CallFailed, ProviderStop, scrub
    from ..providers.instagram import Instagram, NotFound
    from ..thresholds.live import setting as live_setting
    from ..thresholds.report import setting

    ig = Instagram(settings.instagram_access_token, settings.instagram_user_id, settings.graph_url,
                   max_wait=float(opts.get("max_wait", live_setting("max_wait"))))
    pool = _pool(settings, ig, float(opts.get("rate_limit") or settings.instagram_rate_limit
                                     or live_setting("instagram_rate")), opts)
    got: dict[str, dict[str, Any]] = {}
    failures: dict[str, str] = {}
    stop: str | None = None
    pages = int(setting("instagram_media_pages"))

    async def one(handle: str, codes: list[str]) -> None:
        nonlocal stop
        try:
            answer = await ig.media_by_shortcode(pool, handle, codes, since=since, max_pages=pages)
        except NotFound:
            failures[handle] = "account not found or not a professional account (code 110/2207013)"
            return
        except CallFailed as exc:
            failures[handle] = f"failed: {scrub(str(exc), settings.secrets)}"
            return
        except ProviderStop as exc:
            stop = scrub(str(exc), settings.secrets)
            failures[handle] = f"not fetched: {stop.removeprefix('instagram: ')}"
            return
        for code in codes:
            got[code] = answer["media"].get(code) or {"missing": True}

    try:
        await asyncio.gather(*(one(h, c) for h, c in accounts.items()))
    finally:
        await pool.aclose()
    return got, stop, pool.requests, failures


# ------------------------------------------------------------------------------ the workspace


@runtime_checkable
class PostSnapshotStore(Protocol):
    """What a workspace needs to keep post snapshots across runs (to be provided by the store of issue
    #12). One row per (platform, post_key, taken_on, source): a later snapshot of the same day and source
    replaces the earlier one.

        add_post_snapshots(rows) -> int     # rows: PostSnapshot.to_dict() dicts; returns rows written
        post_snapshots(keys) -> list[dict]  # keys: (platform, post_key) pairs; rows as written, any order
    """

    def add_post_snapshots(self, rows: Sequence[Mapping[str, Any]]) -> int: ...

    def post_snapshots(self, keys: Sequence[tuple[str | None, str]]) -> list[dict[str, Any]]: ...


def record_post_snapshots(store: Any, snapshots: Sequence[PostSnapshot]) -> int:
    """Keep these snapshots in the workspace, so a post's numbers at D+1, D+7 and D+30 survive the run
    that read them. `store` must provide `add_post_snapshots(rows)` (PostSnapshotStore); the rows are
    `PostSnapshot.to_dict()` (platform, post_key, url, handle, taken_on, published_on, age_days, source,
    views, likes, comments, shares, saves). Undated sheet snapshots are not kept (their day is unknown).
    Returns the rows written; 0 when the store cannot keep them yet (the caller says so)."""
    rows = [s.to_dict() for s in snapshots if s.source != "sheet (undated)"]
    if not rows or not isinstance(store, PostSnapshotStore):
        return 0
    return int(store.add_post_snapshots(rows))


def load_post_snapshots(store: Any, posts: Sequence[PublishedPost]) -> int:
    """Add the snapshots a workspace kept for these posts (earlier runs) to each post, and give each post
    the numbers this run did not read from its latest kept reading (`fill_from_snapshots`); returns how
    many snapshots were added. Nothing when the store cannot keep snapshots yet."""
    if not isinstance(store, PostSnapshotStore):
        return 0
    by_key: dict[tuple[str | None, str], list[PublishedPost]] = {}
    for p in posts:
        if p.key:
            by_key.setdefault((p.platform, p.key), []).append(p)
    if not by_key:
        return 0
    n = 0
    for row in store.post_snapshots(list(by_key)):
        snap = snapshot_from_dict(row)
        for p in by_key.get((snap.platform, snap.post_key), []):
            if all((s.taken_on, s.source) != (snap.taken_on, snap.source) for s in p.snapshots):
                p.snapshots.append(snap)
                n += 1
    for p in posts:
        fill_from_snapshots(p)
    return n


KEPT_READING = "reading kept in the workspace"  # a Figure's source: "reading kept in the workspace (sheet)"


def fill_from_snapshots(post: PublishedPost) -> list[str]:
    """A post's numbers that this run read nowhere (no sheet column, no API answer) from its dated
    readings: each number (views, likes, comments, shares, saves) is the latest reading's that has it
    (`Figure.as_of` its day, source "reading kept in the workspace (sheet|youtube|instagram)"), and a post
    without a publication day takes its readings' (latest first). What the sheet or the APIs gave this run
    is never replaced. Returns the numbers filled."""
    dated = sorted((s for s in post.snapshots if s.source != "sheet (undated)"),
                   key=lambda s: (s.taken_on, s.source), reverse=True)
    filled = []
    for name in ENGAGEMENT_PARTS + ("views",):
        if name in post.figures:
            continue
        hit = next((s for s in dated if getattr(s, name) is not None), None)
        if hit is not None:
            post.figures[name] = Figure(float(getattr(hit, name)), MEASURED, f"{KEPT_READING} ({hit.source})",
                                        hit.taken_on)
            filled.append(name)
    if post.published_on is None:
        post.published_on = next((s.published_on for s in dated if s.published_on is not None), None)
    return filled


def snapshot_from_dict(row: Mapping[str, Any]) -> PostSnapshot:
    """A PostSnapshot from its `to_dict()` form (what the workspace gives back)."""

    def day(v: Any) -> dt.date | None:
        if isinstance(v, dt.date):
            return v
        return dt.date.fromisoformat(str(v)[:10]) if v else None

    def count(v: Any) -> int | None:
        return int(v) if isinstance(v, int | float) and not isinstance(v, bool) else None

    taken = day(row.get("taken_on"))
    if taken is None:
        raise ValueError("a post snapshot needs taken_on")
    return PostSnapshot(row.get("platform"), str(row.get("post_key") or ""), row.get("url"), row.get("handle"),
                        taken, day(row.get("published_on")), str(row.get("source") or ""),
                        count(row.get("views")), count(row.get("likes")), count(row.get("comments")),
                        count(row.get("shares")), count(row.get("saves")))


def milestones(snapshots: Sequence[PostSnapshot], days: Sequence[int]) -> dict[str, dict[str, Any] | None]:
    """For each milestone D+n, the first snapshot taken on or after day n (dated snapshots only), as
    {"D+1": {...}, "D+7": None, ...}."""
    dated = sorted((s for s in snapshots if s.age_days is not None and s.source != "sheet (undated)"),
                   key=lambda s: (s.taken_on, s.source))
    out: dict[str, dict[str, Any] | None] = {}
    for d in days:
        hit = next((s for s in dated if (s.age_days or 0) >= d), None)
        out[f"D+{d}"] = hit.to_dict() if hit else None
    return out


def creator_key(post: PublishedPost) -> str:
    """Posts of one person share this key: the folded creator name, else the handle, else the link."""
    return name_key(post.creator) if name_key(post.creator) else (f"@{post.handle}" if post.handle else (post.url or str(post.row)))
