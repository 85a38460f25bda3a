"""Read a posts file or a prospect sheet with captions, and find its columns from headers AND contents.

Inputs: CSV/xlsx/ods (through `influkit.io.read.read_sheet`), a JSON/JSONL list of posts (an Instagram
Graph API `media` answer works as is), an `influkit.table.Table`, or a list of dicts. Every input row is
kept, in order, with every column.

Fields found (each reported in `Grid.found` with how it was found):
- caption: a header such as Légende, Caption, Texte du post (Description/Contenu/Message only when no better
  one); else the column of long texts (median >= CAPTION_MIN_MEDIAN_CHARS characters) of which at least
  CAPTION_MIN_TAG_SHARE carry a hashtag or an @mention. Internal columns (notes, bio, comments) never are.
- link: the column whose cells are mostly (LINK_MIN_SHARE) post links: instagram.com/p|reel|tv/...,
  /stories/NAME/ID, tiktok.com/@NAME/video|photo/ID, vm.tiktok.com, youtube.com/watch, /shorts/, /live/,
  youtu.be, facebook posts/videos/reels, x.com/NAME/status, linkedin posts, threads posts, twitch.tv/videos/ID
  (a live's recording), twitch.tv/NAME (the channel a live is streamed on), Twitch clips, and a web page
  with a path (a blog article) -- whatever its header; a "Lien" column of profile links is not a post
  link, and between two columns of links the one with more links of a social network wins.
- platform, format (reel, story, video...), published date: headers whose values read as such
  (80 % of the cells); platform and format otherwise from the post link.
- flag: the platform's paid-partnership label, a column whose header names a partnership/paid/branded
  label and whose cells read as yes/no (FLAG_MIN_SHARE).
- overlay (text on the image/video), title (YouTube), handle, age: by header.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit, urlunsplit

from ..errors import InfluError, UsageError
from ..text import fold_key
from ..thresholds.compliance import (
    CAPTION_MIN_MEDIAN_CHARS,
    CAPTION_MIN_TAG_SHARE,
    DETECT_MIN_SHARE,
    DETECT_SAMPLE,
    FLAG_MIN_SHARE,
    LINK_MIN_SHARE,
)

FIELDS = ("caption", "overlay", "title", "link", "platform", "format", "flag", "published", "handle", "age")

HEADERS: dict[str, tuple[str, ...]] = {
    "caption": ("legende", "caption", "texte du post", "texte de la publication", "texte publication",
                "legende du post", "legende de la publication", "post caption", "caption text", "post text",
                "texte du poste", "texte", "text", "wording", "copy", "contenu du post", "message du post",
                "texte de la legende", "legende instagram", "description de la video", "video description"),
    "overlay": ("texte a l ecran", "texte incruste", "texte incrustation", "incrustation", "overlay",
                "overlay text", "on screen text", "onscreen text", "texte sur la video", "texte video",
                "mention a l ecran", "mention video", "surimpression", "texte sur l image", "text on screen",
                "texte a l image", "texte story", "story text"),
    "title": ("titre", "title", "titre de la video", "video title", "titre video"),
    "link": ("lien publication", "lien de la publication", "lien du post", "lien post", "url du post",
             "url publication", "url de la publication", "post url", "post link", "permalink", "permalien",
             "lien video", "lien de la video", "video url", "url video", "lien du contenu", "content url",
             "publication", "lien", "url", "link"),
    "platform": ("plateforme", "platform", "reseau", "reseau social", "network", "social network", "canal",
                 "media social", "social media"),
    "format": ("format", "type", "type de contenu", "type de post", "type de publication", "media type",
               "media product type", "format du post", "format du contenu", "content type", "post type"),
    "published": ("date de publication", "date publication", "publie le", "published", "published on",
                  "published at", "posted on", "posted at", "date du post", "date de mise en ligne",
                  "mise en ligne", "date", "timestamp", "taken at", "post time", "date posted", "posted",
                  "create time", "publish time", "publication date"),
    "handle": ("handle", "compte", "pseudo", "username", "user name", "account", "identifiant", "instagram handle",
               "nom d utilisateur", "compte instagram", "compte tiktok", "chaine", "channel", "createur", "creator",
               "influenceur", "influenceuse", "influencer"),
    "age": ("age", "age du createur", "age createur", "creator age"),
}
# captions are long, but so are these: never a caption column
NOT_CAPTION = ("note", "notes", "commentaire", "commentaires", "comment", "comments", "remarque", "remarques",
               "bio", "biographie", "about", "a propos", "brief", "interne", "internal", "email", "adresse",
               "address", "reason", "raison", "feedback", "retour", "compliance", "disclosure", "issues")
WEAK_CAPTION = ("description", "contenu", "content", "message", "body")
FLAG_WORDS = ("partenariat", "partnership", "branded", "contenu de marque", "paid", "sponsor", "remunere",
              "label", "tag pub", "outil", "flag")
_TAGGED = re.compile(r"(?:^|\s)[#@]\w")
_HANDLE = re.compile(r"^@?[\w.\-]{2,60}$")  # a handle column holds single words, not "Léa Vernoux"


@dataclass
class Grid:
    """Rows of cells under headers, with where they came from."""

    source: str
    sheet: str | None
    headers: list[str]
    rows: list[list[Any]]
    row_numbers: list[int]
    found: dict[str, tuple[int, str]] = field(default_factory=dict)  # field -> (column, how)
    also_format: list[int] = field(default_factory=list)  # more format columns (media_type + media_product_type)
    sheet_names: list[str] = field(default_factory=list)
    raw: Any = None  # the io.read.RawSheet it was read from (its formulas and links), None for records

    def column(self, name: str) -> list[Any]:
        if name not in self.found:
            return [None] * len(self.rows)
        i = self.found[name][0]
        return [r[i] if i < len(r) else None for r in self.rows]

    def _format_cells(self) -> Iterator[tuple[Any, ...]]:
        """Each row's cells of the format column and of the other format columns."""
        columns = [self.column("format")] + [[r[i] if i < len(r) else None for r in self.rows]
                                             for i in self.also_format]
        return zip(*columns, strict=True)

    def formats(self) -> list[str | None]:
        """Each row's format (`parse_format`); with several format columns (a Graph API export's
        media_type VIDEO and media_product_type REELS), the most specific of the row's formats."""
        return [max((f for f in map(parse_format, cells) if f is not None), key=_FORMAT_RANK.__getitem__,
                    default=None) for cells in self._format_cells()]

    def format_platforms(self) -> list[str | None]:
        """Each row's network as its format cells betray it: in a file whose format cells use the Instagram
        Graph API's own words (REELS, FEED, CAROUSEL_ALBUM, as its exports write them), a row written in
        those words is an Instagram post; None otherwise."""
        rows = [{c.strip() for c in cells if type(c) is str} for cells in self._format_cells()]
        if not any(words & _GRAPH_FORMATS for words in rows):
            return [None] * len(rows)  # (not an export of the Graph API: STORY or VIDEO alone say nothing)
        return ["instagram" if words & _GRAPH_WORDS else None for words in rows]

    def describe(self) -> list[str]:
        """'caption: 'Légende' (header)' for the summary."""
        return [f"{name}: {self.headers[i]!r} ({how})" for name, (i, how) in self.found.items()] + [
            f"format: {self.headers[i]!r} (header, also)" for i in self.also_format]


# ------------------------------------------------------------------------------------------- values


@dataclass(frozen=True)
class PostLink:
    platform: str
    format: str | None
    handle: str | None
    url: str


_IG = re.compile(r"^/(?:(?P<user>[A-Za-z0-9._]+)/)?(?P<kind>p|reel|reels|tv)/(?P<code>[A-Za-z0-9_-]+)")
_IG_STORY = re.compile(r"^/stories/(?P<user>[A-Za-z0-9._]+)/(?P<id>\d+)")
_TT = re.compile(r"^/@(?P<user>[A-Za-z0-9._]+)/(?P<kind>video|photo)/(?P<id>\d+)")
_X = re.compile(r"^/(?P<user>[A-Za-z0-9_]+)/status(?:es)?/\d+")
_THREADS = re.compile(r"^/@(?P<user>[A-Za-z0-9._]+)/post/")


def parse_post_link(value: Any) -> PostLink | None:
    """The platform, format and handle of a post link; None for anything else (a profile link included)."""
    if not isinstance(value, str):
        return None
    text = value.strip().strip("<>\"'")
    if not text or " " in text:
        return None
    if not re.match(r"^https?://", text, re.IGNORECASE):
        if re.match(r"^(?:www\.|m\.)?(?:instagram\.com|tiktok\.com|vm\.tiktok\.com|youtube\.com|youtu\.be|twitch\.tv)/",
                    text, re.IGNORECASE):
            text = "https://" + text
        else:
            return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    path = parts.path or "/"
    if host in ("instagram.com", "instagr.am"):
        m = _IG.match(path)
        if m:
            kind = {"p": "post", "reel": "reel", "reels": "reel", "tv": "video"}[m["kind"]]
            return PostLink("instagram", kind, m["user"].lower() if m["user"] else None, text)
        m = _IG_STORY.match(path)
        if m:
            return PostLink("instagram", "story", m["user"].lower(), text)
        return None
    if host.endswith("tiktok.com"):
        m = _TT.match(path)
        if m:
            return PostLink("tiktok", "video" if m["kind"] == "video" else "carousel", m["user"].lower(), text)
        if host in ("vm.tiktok.com", "vt.tiktok.com") or path.startswith("/t/"):
            return PostLink("tiktok", None, None, text) if len(path) > 3 else None
        return None
    if host == "youtu.be":
        return PostLink("youtube", "video", None, text) if len(path) > 3 else None
    if host.endswith("youtube.com"):
        if path.startswith("/watch") and parse_qs(parts.query).get("v"):
            return PostLink("youtube", "video", None, text)
        if path.startswith("/shorts/"):
            return PostLink("youtube", "short", None, text)
        if path.startswith("/live/"):
            return PostLink("youtube", "live", None, text)
        return None
    if host in ("facebook.com", "fb.watch") or host.endswith(".facebook.com"):
        if host == "fb.watch" or re.search(r"/(posts|videos|reel|permalink\.php|photo|watch)", path):
            kind = "video" if re.search(r"/(videos|watch)|fb\.watch", host + path) else (
                "reel" if "/reel" in path else "post")
            return PostLink("facebook", kind, None, text)
        return None
    if host in ("x.com", "twitter.com"):
        m = _X.match(path)
        return PostLink("x", "post", m["user"].lower(), text) if m else None
    if host.endswith("linkedin.com"):
        if path.startswith(("/posts/", "/feed/update/", "/pulse/")):
            return PostLink("linkedin", "post", None, text)
        return None
    if host in ("threads.net", "threads.com"):
        m = _THREADS.match(path)
        return PostLink("threads", "post", m["user"].lower(), text) if m else None
    return _other_post_link(text, host, path)


_TWITCH_VOD = re.compile(r"^/(?:videos/\d+|[A-Za-z0-9_]+/v/\d+)/?$")
_TWITCH_CLIP = re.compile(r"^/[A-Za-z0-9_]+/clip/[A-Za-z0-9_-]+")


def _other_post_link(text: str, host: str, path: str) -> PostLink | None:
    """A Twitch live (its recording /videos/ID, or the channel it is streamed on), a Twitch clip (a video),
    or a blog article (a web page with a path, not a network's); None for the rest (a network's other
    pages, a site's home page)."""
    from ..io.parse import parse_profile

    platform, handle, _ = parse_profile(text)
    if platform == "twitch" and host.endswith("twitch.tv"):
        if host == "clips.twitch.tv":
            return PostLink("twitch", "video", None, text) if len(path) > 1 else None
        if _TWITCH_CLIP.match(path):
            return PostLink("twitch", "video", handle, text)
        if _TWITCH_VOD.match(path):
            return PostLink("twitch", "live", handle, text)
        return PostLink("twitch", "live", handle, text) if handle else None
    if platform == "blog" and path.strip("/"):
        return PostLink("blog", "article", None, text)
    return None


# query parameters that only say who shared a link, or from where: a post shared twice is one post
_TRACKING = re.compile(r"(?:utm_\w+|igsh|igshid|si|fbclid|gclid|mibextid|feature|is_from_webapp|sender_device|"
                       r"_r|_t|share_\w+|ref_src|ref_url)\Z")


def canonical_post_url(url: str) -> str:
    """A post link as influkit keeps it: its scheme and host lower-case, without the parameters that only
    track who shared it (`?igsh=`, `?utm_source=`, YouTube's `?si=`), nor a fragment; the rest (`?v=` of
    a YouTube video) kept."""
    parts = urlsplit(url.strip())
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k.lower())]
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, urlencode(kept), ""))


def recordable_post(url: str) -> str:
    """`url` as `influkit set --post` keeps it (`canonical_post_url`); a usage error for a network's profile
    page (a post's link is wanted, …/p/…, …/video/…). A page of a web site (a blog article) is a post of a
    blog. Whose post it is: `post_owner_check`."""
    from ..io.parse import parse_profile

    link = parse_post_link(url)
    if link is None:
        platform, handle, _ = parse_profile(url)
        if platform not in (None, "blog") and handle:
            raise UsageError(f"--post {url!r}: the profile page of {platform} {handle}, not a post: give the "
                             "post's own link (…/p/…, …/reel/…, …/video/…, …/watch?v=…)")
    return canonical_post_url(url)


def post_owner_check(url: str, mine: Sequence[Mapping[str, Any]], owners: Sequence[Mapping[str, Any]],
                     *, location: str | None = None) -> list[str]:
    """The one decision of whose post `url` is, for `influkit set HANDLE --post URL`, given the accounts
    resolved: `mine`, the accounts the post is recorded for, and `owners`, the workspace's accounts with
    the link's handle on its network (rows with id, platform, handle, creator).
    - another creator's of the workspace (owners, none of them one of `mine` nor under one of their creator
      names): refused, an InfluError naming whose it is (recorded, it counted in the report for both);
    - an account the link names that is none of `mine`'s handles (a brand's, a collab account, the creator's
      other network): a warning, returned;
    - else nothing to say."""
    from ..text import fold, name_key

    link = parse_post_link(url)
    if link is None or not link.handle:
        return []
    ids = {int(r["id"]) for r in mine}
    names = {name_key(r["creator"]) for r in mine} - {""}
    if owners and not any(int(o["id"]) in ids or (names and name_key(o["creator"]) in names) for o in owners):
        owner = owners[0]
        who = f"{owner['platform']}:{owner['handle']}" + (f" ({owner['creator']})" if owner["creator"] else "")
        raise InfluError(f"--post {url}: the post of {who}, another creator of the workspace; nothing changed "
                         f"(record it with `influkit set {owner['platform']}:{owner['handle']} --post ...`)",
                         file=location)
    handles = [str(r["handle"]) for r in mine]
    if handles and all(fold(link.handle) != fold(h) for h in handles):
        return [f"the post {url} is {link.platform} {link.handle}'s, recorded for {', '.join(handles)}: "
                "check the creator"]
    return []


_FORMATS: dict[str, str] = {
    "reel": "reel", "reels": "reel", "clips": "reel", "story": "story", "stories": "story", "live": "live",
    "lives": "live", "live video": "live", "short": "short", "shorts": "short", "youtube short": "short",
    "video": "video", "videos": "video", "igtv": "video", "tv": "video", "longue": "video", "long format": "video",
    "carousel": "carousel", "carrousel": "carousel", "carousel album": "carousel", "album": "carousel",
    "image": "image", "photo": "image", "picture": "image", "post": "post", "feed": "post", "publication": "post",
    "post feed": "post", "post instagram": "post", "tiktok": "video", "article": "article", "blog": "article",
    "article de blog": "article", "tweet": "post", "thread": "post",
}
VIDEO_FORMATS = frozenset({"reel", "video", "short", "live"})
# the Instagram Graph API's media_product_type / media_type words, as its exports write them; the first
# three are its own, the others then tell its rows too
_GRAPH_FORMATS = frozenset({"REELS", "FEED", "CAROUSEL_ALBUM"})
_GRAPH_WORDS = _GRAPH_FORMATS | {"STORY", "IMAGE", "VIDEO", "AD"}
# how much a format says: a reel is a video, a carousel, image or video is a feed post
_FORMAT_RANK = {"post": 0, "image": 1, "video": 1, "carousel": 1, "reel": 2, "story": 2, "live": 2, "short": 2,
                "article": 2}


def parse_format(value: Any) -> str | None:
    """reel, story, live, short, video, carousel, image, post or article, from "Reel", "Story Instagram",
    "CAROUSEL_ALBUM", "Vidéo YouTube"; None when unreadable."""
    if value is None or not str(value).strip():
        return None
    k = fold_key(value)
    if k in _FORMATS:
        return _FORMATS[k]
    for word in k.split():
        if word in _FORMATS and word not in ("tiktok", "publication"):
            return _FORMATS[word]
    return None


# a platform's label as a sheet names its state, beside the yes/no marks of any check box (`io.checkboxes`,
# the one vocabulary: oui/non, yes/no, x, 1/0, TRUE/FALSE/VRAI/FAUX, ✓/☑/☐...): fold_key words
_LABEL_ON = frozenset({"active", "activee", "actif", "on", "avec", "ok", "label", "partenariat remunere",
                       "paid partnership", "sponsorise", "sponsored"})
_LABEL_OFF = frozenset({"desactive", "desactivee", "inactif", "off", "sans", "aucun", "aucune", "none",
                        "pas de label"})


def parse_flag(value: Any) -> bool | None:
    """True/False from a paid-partnership label's cell: a check box's value or mark as `io.checkboxes.mark`
    reads it (oui, non, x, ✓, ☑/☐, TRUE/FALSE, VRAI/FAUX, 1/0), a word of the label's state (activé,
    sans, paid partnership...), or a text starting with one of those words ("oui (label activé)"); None when
    empty, a dash or `?` (as an empty cell) or unreadable."""
    from ..io.checkboxes import TICKED, UNSAID, UNTICKED, mark

    said = mark(value)
    if said is not None or not isinstance(value, str):
        return said
    text = value.strip()
    if not text or text.casefold() in UNSAID:
        return None
    first_char = text[0]
    if not first_char.isalnum() and first_char not in UNSAID and (first_char in TICKED or first_char in UNTICKED):
        return first_char in TICKED  # "✓ activé", "☐ (non)"
    k = fold_key(text)
    if k in _LABEL_ON or mark(k) is True:
        return True
    if k in _LABEL_OFF or mark(k) is False:
        return False
    first = k.split()[0] if k.split() else ""
    if len(first) > 1 and first.isalpha() and (first in TICKED or first in UNTICKED):  # "oui (label)"; not "n/a"
        return first in TICKED
    return None


def dates_after_today(grid: Grid, name: str, days: Sequence[Any], rows: Iterable[int] | None = None) -> list[str]:
    """One warning per row whose date in the grid's `name` column ("published") is after today
    (`clock.today`), naming the file, sheet, row and column: a post cannot have been published on a day not
    come yet, so it is a typo (2027 for 2026) or a date read in the wrong day/month order. `days` are the
    column's dates by grid row (`io.values.column_dates`); `rows` the grid rows to look at (all by default)."""
    from ..clock import today

    if name not in grid.found:
        return []
    last = today()
    header = str(grid.headers[grid.found[name][0]])
    out = []
    for k in range(len(days)) if rows is None else rows:
        day = days[k]
        if day is not None and day > last:
            out.append(str(InfluError(f"date {day.isoformat()} is after today ({last.isoformat()}): a typo, or the "
                                      "day and month swapped? (the column's order is decided from all its dates)",
                                      file=grid.source, sheet=grid.sheet, row=grid.row_numbers[k], column=header)))
    return out


def parse_age(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value) if 0 < value < 120 else None
    m = re.match(r"^\s*(\d{1,3})\s*(?:ans|years?|yo|y)?\s*$", str(value or ""), re.IGNORECASE)
    return int(m[1]) if m and 0 < int(m[1]) < 120 else None


def text_cell(value: Any) -> str | None:
    """A cell as caption text: strings kept whole (line breaks included); influkit's own formula-safety
    apostrophe removed ("'@marque" -> "@marque"); numbers as text; blanks None."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    text = value if isinstance(value, str) else str(value)
    if text.startswith(("'=", "'+", "'-", "'@", "'\t", "'\r")):
        text = text[1:]
    return text if text.strip() else None


# ------------------------------------------------------------------------------------------ reading


def read_grid(source: Any, *, sheet: str | None = None, input_format: str | None = None,
              mapping: Mapping[str, str] | None = None) -> Grid:
    """The first Grid `read_grids` reads (one tab of a workbook: the named one, else the first posts tab)."""
    return read_grids(source, sheet=sheet, input_format=input_format, mapping=mapping).grids[0]


@dataclass
class PostTabs:
    """The grids read from one source (a workbook's posts tabs, in workbook order; one grid for anything
    else), with notes on the tabs left out."""

    grids: list[Grid]
    notes: list[str] = field(default_factory=list)

    @property
    def several(self) -> bool:
        return len(self.grids) > 1

    @property
    def sheets(self) -> list[str]:
        return [g.sheet for g in self.grids if g.sheet is not None]


def reads_as_posts(grid: Grid) -> int:
    """How surely a tab's columns, as `detect` found them, are a posts table's: 2 with a post link column
    or a caption column named by a caption header (`Légende`, `Caption`, `Texte du post`...) or --map;
    1 with a caption column found only by its contents (long texts with hashtags) or a vague header
    (`Description`, `Contenu`: a prospect list's bios look like that too); 0 without a caption."""
    if "link" in grid.found:
        return 2
    if "caption" not in grid.found:
        return 0
    i, how = grid.found["caption"]
    return 2 if how == "--map" or (how == "header" and fold_key(grid.headers[i]) not in WEAK_CAPTION) else 1


def read_grids(source: Any, *, sheet: str | None = None, input_format: str | None = None,
               mapping: Mapping[str, str] | None = None) -> PostTabs:
    """The Grids of a path (csv/xlsx/ods/json/jsonl, '-' for stdin), a Table or a list of dicts, with their
    columns found. A workbook without `sheet`: every visible tab that reads as posts (`reads_as_posts`:
    a post link column or a caption header; only when no tab has one, the tabs whose captions are found
    by their contents or a vague header), in workbook order; the other tabs (a read-me, totals, the
    prospect list) are named in a note. Hidden tabs are read only when no visible tab reads as posts (as the
    prospect-list reader picks a hidden list: docs/reading.md), with a note naming them. A workbook
    without any posts tab gives the tab the list reader picks (its error names what is missing)."""
    from ..table import Table

    if isinstance(source, Table):
        columns = source.columns
        grid = Grid(source.source or "<table>", source.sheet, list(columns),
                    [list(row.values()) for row in source.rows(columns)], list(source.source_rows))
    elif isinstance(source, Sequence) and not isinstance(source, str | bytes):
        grid = _grid_from_records(list(source), "<records>")
    else:
        path = str(source)
        suffix = Path(path).suffix.lower()
        if input_format in ("json", "jsonl") or suffix in (".json", ".jsonl", ".ndjson"):
            grid = _read_json(path)
        else:
            grid = _read_sheet(path, sheet, input_format)
            if sheet is None and len(grid.sheet_names) > 1 and path != "-":
                return _posts_tabs(path, grid, input_format, mapping)
    detect(grid, mapping)
    return PostTabs([grid])


def _posts_tabs(path: str, first: Grid, input_format: str | None, mapping: Mapping[str, str] | None) -> PostTabs:
    """Every posts tab of a workbook (`read_grids`); `first` is the tab the list reader picked."""
    names = first.sheet_names
    hidden = set(first.raw.hidden_sheets) if first.raw is not None else set()
    grids: dict[str, Grid] = {}

    def tab(name: str) -> Grid:
        if name not in grids:
            grid = first if name == first.sheet else _read_sheet(path, name, input_format)
            grid.sheet_names = list(names)
            detect(grid, mapping, strict_mapping=False)
            grids[name] = grid
        return grids[name]

    visible = [n for n in names if n not in hidden]
    surely = {n: reads_as_posts(tab(n)) for n in visible}

    def best(tabs: dict[str, int]) -> list[str]:
        top = max(tabs.values(), default=0)
        return [n for n, sure in tabs.items() if sure == top] if top else []

    chosen = best(surely)
    notes: list[str] = []
    if not chosen:
        chosen = best({n: reads_as_posts(tab(n)) for n in names if n in hidden})
        if chosen and visible:
            notes.append(f"read the hidden tab(s) {', '.join(map(repr, chosen))}: no visible tab "
                         f"({', '.join(map(repr, visible))}) has a caption or post link column (--sheet NAME "
                         "reads another; unhide the tab in the workbook to silence this note)")
    if not chosen:  # no posts tab at all: the list reader's tab, and the error that names what it lacks
        detect(first, mapping)
        return PostTabs([first])
    left = [n for n in names if n not in chosen]
    if left:
        notes.append(f"read {'tab' if len(chosen) == 1 else 'tabs'} {', '.join(map(repr, chosen))} as posts; "
                     f"not read: {', '.join(repr(n) + (' (hidden)' if n in hidden else '') for n in left)} "
                     "(no caption nor post link column"
                     + ("; a column of long texts or a 'Description' is no caption beside a tab with a caption "
                        "header or post links" if any(reads_as_posts(grids[n]) for n in left if n in grids) else "")
                     + "; --sheet NAME reads one tab)")
    out = [grids[n] for n in chosen]
    for name in (mapping or {}).values():  # a --map header must be in at least one tab read
        if all(fold_key(name) not in map(fold_key, g.headers) for g in out):
            detect(out[0], mapping)  # (raises the usage error naming the tab's headers)
    return PostTabs(out, notes)


def _read_sheet(path: str, sheet: str | None, input_format: str | None) -> Grid:
    from ..io.read import read_sheet

    raw = read_sheet(path, sheet=sheet, fmt=input_format)
    return Grid(raw.source, raw.sheet, list(raw.headers), [list(r) for r in raw.rows], list(raw.row_numbers),
                sheet_names=list(raw.sheet_names), raw=raw)


def _read_json(path: str) -> Grid:
    import sys

    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InfluError("no such file", file=path) from None
    except (OSError, UnicodeError) as exc:
        raise InfluError(f"cannot read: {exc}", file=path) from None
    from ..io.read import json_records, parse_json

    try:
        data: Any = parse_json(text)
    except json.JSONDecodeError as exc:
        raise InfluError(f"invalid JSON: {exc}", file=path) from None
    # Instagram Graph API shapes: {"data": [...]}, {"business_discovery": {"media": {"data": [...]}}}
    data = json_records(data)
    if not all(isinstance(d, dict) for d in data):
        raise InfluError("a posts JSON file is a list of objects (one per post)", file=path)
    return _grid_from_records(data, path)


def _grid_from_records(records: list[Any], source: str) -> Grid:
    """Records (mappings: JSON objects, or the Python caller's dicts) as a grid: nested objects as dotted
    columns (`io.read.flat_record`)."""
    from ..io.read import flat_record

    headers: dict[str, None] = {}
    flat = []
    for rec in records:
        if not isinstance(rec, Mapping):
            raise InfluError("records must be mappings (one per post)", file=source)
        flat.append(flat_record(dict(rec)))
        headers.update(dict.fromkeys(flat[-1]))
    names = list(headers)
    rows = [[rec.get(h) for h in names] for rec in flat]
    return Grid(source, None, names, rows, list(range(1, len(rows) + 1)))


# ---------------------------------------------------------------------------------------- detection


def _sample(grid: Grid, i: int) -> list[Any]:
    out = []
    for row in grid.rows:
        v = row[i] if i < len(row) else None
        if v is not None and not (isinstance(v, str) and not v.strip()):
            out.append(v)
            if len(out) >= DETECT_SAMPLE:
                break
    return out


def _share(values: list[Any], test: Any) -> float:
    return sum(1 for v in values if test(v)) / len(values) if values else 0.0


def _caption_score(values: list[Any]) -> float:
    texts = [v for v in values if isinstance(v, str)]
    if not texts or len(texts) < len(values) * DETECT_MIN_SHARE:
        return 0.0
    if median(len(t) for t in texts) < CAPTION_MIN_MEDIAN_CHARS:
        return 0.0
    tagged = _share(texts, lambda t: bool(_TAGGED.search(t)))
    return tagged if tagged >= CAPTION_MIN_TAG_SHARE else 0.0


def detect(grid: Grid, mapping: Mapping[str, str] | None = None, *, strict_mapping: bool = True) -> None:
    """Fill grid.found: field -> (column index, how it was found)."""
    from ..io.parse import ParseError, parse_date, parse_platform

    keys = [fold_key(h) for h in grid.headers]
    # a nested JSON key ("owner.username", `io.read.flat_record`) is also known by its last part
    tails = [fold_key(h.rsplit(".", 1)[1]) if "." in h.strip(".") else k for h, k in zip(grid.headers, keys, strict=True)]
    taken: set[int] = set()
    found: dict[str, tuple[int, str]] = {}
    for name, header in (mapping or {}).items():
        if name not in FIELDS:
            raise UsageError(f'--map: unknown field {name!r}; fields are {", ".join(FIELDS)}')
        k = fold_key(header)
        if k not in keys:
            if not strict_mapping:
                continue
            raise UsageError(f"--map: no header {header!r} in the sheet; headers are "
                             + ", ".join(map(repr, grid.headers)), file=grid.source, sheet=grid.sheet)
        found[name] = (keys.index(k), "--map")
        taken.add(keys.index(k))

    def by_header(name: str, synonyms: Sequence[str], test: Any = None, min_share: float = DETECT_MIN_SHARE) -> None:
        if name in found:
            return
        for syn in synonyms:
            for i, k in enumerate(keys):
                if i in taken or syn not in (k, tails[i]):
                    continue
                sample = _sample(grid, i)
                if test is not None and sample and _share(sample, test) < min_share:
                    continue
                found[name] = (i, "header")
                taken.add(i)
                return

    def parses(parser: Any) -> Any:
        def test(v: Any) -> bool:
            try:
                return parser(v) is not None
            except ParseError:
                return False
        return test

    # post links: by contents first (whatever the header), then a link header whose cells are post links
    if "link" not in found:
        best, best_share, best_social = -1, 0.0, 0.0
        for i in range(len(grid.headers)):
            if i in taken:
                continue
            share = _share(_sample(grid, i), lambda v: parse_post_link(v) is not None)
            # (a tie: the column with more links of a social network, not a column of a brand's pages)
            social = _share(_sample(grid, i), lambda v: (link := parse_post_link(v)) is not None
                            and link.platform != "blog")
            if (share, social) > (best_share, best_social):
                best, best_share, best_social = i, share, social
        if best >= 0 and best_share >= LINK_MIN_SHARE:
            n = len(_sample(grid, best))
            found["link"] = (best, f"contents: {round(best_share * n)}/{n} post links")
            taken.add(best)
    # captions: a caption header, then the column of long tagged texts, then a weak header
    if "caption" not in found:
        for syn in HEADERS["caption"]:
            hits = [i for i, k in enumerate(keys) if syn in (k, tails[i]) and i not in taken and _sample(grid, i)]
            if hits:
                found["caption"] = (hits[0], "header")
                taken.add(hits[0])
                break
    if "caption" not in found:
        scored = [(i, _caption_score(_sample(grid, i))) for i in range(len(keys))
                  if i not in taken and not any(w in keys[i].split() for w in NOT_CAPTION)]
        scored = [(i, s) for i, s in scored if s > 0]
        if scored:
            i, s = max(scored, key=lambda x: x[1])
            found["caption"] = (i, f"contents: long texts, {s:.0%} with a hashtag or @mention")
            taken.add(i)
    if "caption" not in found:
        by_header("caption", WEAK_CAPTION, lambda v: isinstance(v, str))
    by_header("overlay", HEADERS["overlay"])
    by_header("title", HEADERS["title"], lambda v: isinstance(v, str))
    by_header("platform", HEADERS["platform"], parses(parse_platform))
    by_header("format", HEADERS["format"], lambda v: parse_format(v) is not None)
    also_format = [] if "format" not in found or found["format"][1] == "--map" else [
        i for i, k in enumerate(keys) if i not in taken and k in HEADERS["format"] and _sample(grid, i)
        and _share(_sample(grid, i), lambda v: parse_format(v) is not None) >= DETECT_MIN_SHARE]
    taken.update(also_format)
    by_header("published", HEADERS["published"], parses(parse_date))
    if "flag" not in found:
        for i, k in enumerate(keys):
            if i in taken or not any(w in k for w in FLAG_WORDS):
                continue
            sample = _sample(grid, i)
            if sample and _share(sample, lambda v: parse_flag(v) is not None) >= FLAG_MIN_SHARE:
                found["flag"] = (i, "header and yes/no cells")
                taken.add(i)
                break
    by_header("handle", HEADERS["handle"], lambda v: isinstance(v, str) and bool(_HANDLE.match(v.strip())))
    by_header("age", HEADERS["age"], lambda v: parse_age(v) is not None)
    # a link header whose cells are not post links stays the user's own column (profile links)
    grid.found, grid.also_format = found, also_format
