"""Engagement from individual posts (a posts sheet in the workbook, or a posts CSV).

Over the last N posts of an account (POSTS_WINDOW, default 12, by publication date):
- er_mean / er_median: (likes + comments) / followers per post, mean and median (the median is
  Modash's choice, so one viral post does not distort it);
- er_views_mean / er_views_median: (likes + comments + shares) / views per post, where views are known;
- posts_per_week: (n - 1) posts over the days between the oldest and newest of them, times 7;
- days_since_last_post: today - newest post;
- best_posts: the BEST_POSTS posts with the most interactions, "link (date, interactions)" joined by " | ".
`er_method` gets "posts: median and mean over last n of N posts, (likes+comments)/followers".
`engagement_rate` and `engagement_rate_views` take `er_median` and `er_views_median` when the sheet has
none (so the benchmarks by followers and by views, e.g. TikTok's, can be applied).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from statistics import mean, median
from typing import Any, Generic, TypeVar

from ..errors import InfluError
from ..io import parse as P
from ..io.columns import header_exponent
from ..io.read import RawSheet
from ..io.values import date_column_parser, scaled_count
from ..table import Table
from ..text import count, fold_key
from ..thresholds import BEST_POSTS, POSTS_WINDOW

T = TypeVar("T")
RATE_DIGITS = 6
DAYS_PER_WEEK = 7

POST_HEADERS: dict[str, tuple[str, ...]] = {
    "handle": ("handle", "username", "account", "compte", "pseudo", "channel id", "channel", "creator", "owner"),
    "platform": ("platform", "plateforme", "network", "reseau"),
    "published": ("published at", "published on", "date", "timestamp", "posted at", "date de publication",
                  "publie le", "created time", "taken at"),
    "likes": ("likes", "like count", "j aime", "likes count"),
    "comments": ("comments", "comment count", "commentaires", "comments count"),
    "views": ("views", "view count", "vues", "plays", "play count", "video views"),
    "shares": ("shares", "share count", "partages"),
    "post_id": ("post id", "video id", "media id", "id", "shortcode"),
    "permalink": ("permalink", "url", "link", "lien", "post url"),
    "caption": ("caption", "title", "titre", "legende", "description"),
}


@dataclass(frozen=True)
class Post:
    platform: str | None
    handle: str
    published: dt.date | None
    likes: int | None
    comments: int | None
    views: int | None
    shares: int | None
    post_id: str
    permalink: str | None
    caption: str | None

    @property
    def interactions(self) -> int | None:
        parts = [x for x in (self.likes, self.comments, self.shares) if x is not None]
        return sum(parts) if parts else None

    def as_store(self) -> dict[str, Any]:
        return {"post_id": self.post_id, "published_at": self.published.isoformat() if self.published else None,
                "views": self.views, "likes": self.likes, "comments": self.comments, "shares": self.shares,
                "caption": self.caption, "permalink": self.permalink}


def post_columns(headers: Sequence[str]) -> dict[str, int]:
    """The posts' fields a header names (POST_HEADERS, else the list reader's words for a post's counts:
    `io.columns.post_count`) -> their column, its unit marker set aside ("Vues (k)", "Likes, '000":
    `io.columns.header_without_units`)."""
    from ..io.columns import header_without_units, post_count

    keys = [fold_key(header_without_units(str(h))) for h in headers]
    col: dict[str, int] = {}
    for name, synonyms in POST_HEADERS.items():
        for syn in synonyms:
            if syn in keys:
                col[name] = keys.index(syn)
                break
    # a count no synonym names, in the list reader's words ("Comm.", "Nb j'aime", "Partag.", "Vis. (k)")
    for i, h in enumerate(headers):
        counted = post_count(str(h))
        if counted is not None and counted in POST_HEADERS and counted not in col and i not in col.values():
            col[counted] = i
    return col


def missing_post_columns(col: dict[str, int]) -> list[str]:
    """What a posts table lacks of its handle, date and likes or views columns ([]: it is one)."""
    missing = [label for name, label in (("handle", "handle"), ("published", "date")) if name not in col]
    return missing + ([] if "likes" in col or "views" in col else ["likes or views"])


def read_posts(raw: RawSheet, platform: str | None = None, skipped: list[InfluError] | None = None) -> list[Post]:
    """Posts from a sheet whose header names at least a handle, a date and likes or views. A cell that
    cannot be read raises, or with `skipped` leaves its post out and is added there."""
    col = post_columns(raw.headers)
    missing = missing_post_columns(col)
    if missing:
        raise InfluError("a posts sheet needs handle, date and likes or views columns; missing: "
                         + ", ".join(missing), file=raw.source, sheet=raw.sheet, row=raw.header_row)
    posts = []
    # the dates' day/month order decided from all the column's cells, as the list reader does
    parse_day, _ = date_column_parser([cells[col["published"]] for cells in raw.rows])
    # each count column's parser, once for the sheet: a header's unit ("Vues (k)") multiplies its bare numbers
    counts = {name: scaled_count(header_exponent(str(raw.headers[col[name]])))
              for name in _COUNTS if name in col}
    for k, cells in enumerate(raw.rows):
        handle = cells[col["handle"]]
        if P.is_missing(handle) or not str(handle).strip():
            continue
        try:
            posts.append(_post(raw, k, col, str(handle), platform, parse_day, counts))
        except InfluError as exc:
            if skipped is None:
                raise
            skipped.append(exc)
    return posts


_COUNTS = ("likes", "comments", "views", "shares")  # a Post's counts, each read by its column's parser


def _post(raw: RawSheet, k: int, col: dict[str, int], handle: str, platform: str | None,
          parse_day: Any, counts: dict[str, Any]) -> Post:
    """Data row `k` of a posts sheet as a Post (an InfluError names the cell that cannot be read); `counts`:
    each count column's parser (`read_posts`)."""
    cells = raw.rows[k]

    def cell(name: str, parser: Any) -> Any:
        if name not in col:
            return None
        try:
            return parser(cells[col[name]])
        except P.ParseError as exc:
            raise InfluError(f"{name}: {exc}", file=raw.source, sheet=raw.sheet, row=raw.row_numbers[k],
                             column=raw.headers[col[name]]) from None

    def counted(name: str) -> Any:
        return cell(name, counts[name]) if name in col else None

    row_platform = cell("platform", P.parse_platform) or platform
    text = handle.strip().lstrip("@")
    pid = cell("post_id", lambda v: None if P.is_missing(v) else str(v).strip())
    link = cell("permalink", lambda v: None if P.is_missing(v) else str(v).strip())
    published = cell("published", parse_day)
    return Post(
        platform=row_platform,
        handle=P.canonical_handle(row_platform, text) if row_platform else text.lower(),
        published=published,
        likes=counted("likes"), comments=counted("comments"), views=counted("views"), shares=counted("shares"),
        post_id=pid or link or f"{text}:{published}:{raw.row_numbers[k]}",
        permalink=link,
        caption=cell("caption", lambda v: None if P.is_missing(v) else str(v)),
    )


def workbook_posts(path: str | bytes, skip: Collection[str | None], platform: str | None,
                   source: str | None = None) -> tuple[list[Post], list[str]]:
    """The posts of a workbook's tabs named like posts (`io.read.POSTS_TAB_NAMES`: "Posts", "Publications",
    "Reels", ...) other than `skip` (the tabs read as the list), and notes on them. A tab is read as posts
    only when its columns are a posts table's (handle, date, likes or views): a tab of another kind (a
    content plan named "Posts") is named in a note and left alone, and so is a posts tab that cannot be
    read; a post whose cell cannot be read is left out, the first such cell named. Nothing here stops the
    list's command. `path`: the workbook's path, or its bytes (a workbook piped on stdin, named `source`)."""
    from ..io.read import POSTS_TAB_NAMES, Workbook

    found_in: list[tuple[str, list[Post]]] = []
    notes: list[str] = []
    try:
        workbook = Workbook(path, source or (path if isinstance(path, str) else "<stdin>"))
    except InfluError as exc:
        return [], [f"posts tabs not read: {exc}"]
    try:
        for name in workbook.names:
            if name in skip or fold_key(name) not in POSTS_TAB_NAMES:
                continue
            missing = missing_post_columns(post_columns(workbook.header_of(name)))
            if missing:
                notes.append(f"tab {name!r} is not read as posts: it has no "
                             + " and no ".join(f"{m} column" for m in missing)
                             + ' (a posts tab has handle, date and likes or views columns)')
                continue
            skipped: list[InfluError] = []
            try:
                found = read_posts(workbook.read(name), platform, skipped)
            except InfluError as exc:
                notes.append(f"tab {name!r} is not read as posts: {exc}")
                continue
            found_in.append((name, found))
            if skipped:
                notes.append(f"tab {name!r}: {count(len(skipped), 'post')} left out, a cell could not be read "
                             f"(first: {skipped[0]})")
    finally:
        workbook.close()
    posts, twice = one_per_post(found_in)
    return posts, notes + twice


def _numbers(p: Post) -> tuple[int, float]:
    """(how many of its counts a post's row gives, their sum): what `one_per_post` keeps a post by."""
    return post_numbers((p.likes, p.comments, p.views, p.shares))


def post_numbers(counts: Sequence[float | None]) -> tuple[int, float]:
    """(how many of a row's counts (likes, comments, views, shares) are given, their sum): the order in
    which `one_per_post` and `once_per_link` keep the rows of one post."""
    given = [x for x in counts if x is not None]
    return len(given), sum(given)


@dataclass(frozen=True)
class Twice(Generic[T]):
    """A post met again: the row `first` (tab `first_tab`) met before, `later` (tab `later_tab`) now;
    `later_wins` when the later row is the one counted."""

    link: str
    first_tab: str | None
    first: T
    later_tab: str | None
    later: T
    later_wins: bool

    @property
    def kept(self) -> tuple[str | None, T]:
        return (self.later_tab, self.later) if self.later_wins else (self.first_tab, self.first)

    @property
    def dropped(self) -> tuple[str | None, T]:
        return (self.first_tab, self.first) if self.later_wins else (self.later_tab, self.later)


def once_per_link(tabs: Sequence[tuple[str | None, Sequence[T]]], link: Callable[[T], str | None],
                  numbers: Callable[[T], tuple[int, float]]) -> tuple[list[T], list[Twice[T]]]:
    """The rows of several tabs, a post once: rows whose post link is the same (`campaign.posts.
    canonical_post_url`: tracking parameters and case of the host aside) are one post, kept from the row
    with the most numbers, else the larger ones (a post's counts only grow: the later reading), else the
    first tab's (`numbers`: `post_numbers` of the row). Rows without a link are kept as they are. Order:
    the first time each post is met. Each row left out is in the second list, with the row kept."""
    from ..campaign.posts import canonical_post_url

    kept: list[tuple[str | None, T]] = []
    at: dict[str, int] = {}
    twice: list[Twice[T]] = []
    for tab, rows in tabs:
        for p in rows:
            url = link(p)
            key = canonical_post_url(url) if url else None
            if key is None or key not in at:
                if key is not None:
                    at[key] = len(kept)
                kept.append((tab, p))
                continue
            first_tab, first = kept[at[key]]
            wins = numbers(p) > numbers(first)
            if wins:
                kept[at[key]] = (tab, p)
            twice.append(Twice(url or key, first_tab, first, tab, p, wins))
    return [p for _, p in kept], twice


def one_per_post(tabs: Sequence[tuple[str, Sequence[Post]]]) -> tuple[list[Post], list[str]]:
    """The posts of several tabs, a post once (`once_per_link`: the row with the most numbers, else the
    larger ones, else the first tab's); a note per post read twice names both tabs and which one counted."""
    posts, twice = once_per_link(tabs, lambda p: p.permalink, _numbers)
    return posts, [twice_note(t) for t in twice]


def twice_note(t: Twice[Any], where: Callable[[str | None, Any], str] | None = None) -> str:
    """The note on a post read twice: both places (`where(tab, row)`, else "tab 'X'") and the one counted."""
    def at(tab: str | None, row: Any) -> str:
        return where(tab, row) if where is not None else f"tab {tab!r}"

    if where is None:
        places = (f"tab {t.first_tab!r} twice" if t.first_tab == t.later_tab
                  else f"tabs {t.first_tab!r} and {t.later_tab!r}")
    else:
        places = f"{at(t.first_tab, t.first)} and {at(t.later_tab, t.later)}"
    return (f"post {t.link} is in {places}: counted once, with the figures of {at(*t.kept)} "
            "(the row with the most numbers, else the larger ones: the later reading)")


def same_post_notes(twice: Sequence[Twice[Any]], file: str, where: Callable[[str | None, Any], str]) -> list[str]:
    """One note per post read more than once (`once_per_link`'s second list; in one tab or in several): the
    file, every place it is at (`where(tab, row)`: "tab 'Posts' row 4", or "row 4" in a file without tabs)
    and the place whose figures counted, e.g. "post URL is in posts.xlsx, tab 'Posts' row 2 and tab 'Posts'
    row 4: counted once, with the figures of tab 'Posts' row 4 (...)"."""
    from ..campaign.posts import canonical_post_url

    groups: dict[str, list[Twice[Any]]] = {}
    for t in twice:
        groups.setdefault(canonical_post_url(t.link), []).append(t)
    out = []
    for link, group in groups.items():
        places = list(dict.fromkeys(where(tab, row) for t in group for tab, row in
                                    ((t.first_tab, t.first), (t.later_tab, t.later))))
        listed = ", ".join(places[:-1]) + " and " + places[-1]
        out.append(f"post {link} is in {file}, {listed}: counted once, with the figures of "
                   f"{where(*group[-1].kept)} (the row with the most numbers, else the larger ones: the later reading)")
    return out


def _round(x: float) -> float:
    return float(f"{x:.{RATE_DIGITS}g}")


def posting(dates: Sequence[dt.date], today: dt.date) -> dict[str, Any]:
    """How often and how recently an account posts, from its recent posts' dates (any order): the
    one formula for sheets, posts files and live fetches.

    - posts_per_week = (n - 1) posts over the days between the oldest and newest of them, x 7 (the
      pace between posts; None with one post or all on one day);
    - last_post_on = the newest date; days_since_last_post = today - last_post_on (what the
      `inactive` flag reads).
    """
    if not dates:
        return {"posts_per_week": None, "last_post_on": None, "days_since_last_post": None}
    newest, oldest = max(dates), min(dates)
    span = (newest - oldest).days
    return {"posts_per_week": round((len(dates) - 1) * DAYS_PER_WEEK / span, 2) if span > 0 else None,
            "last_post_on": newest, "days_since_last_post": (today - newest).days}


def post_metrics(posts: Sequence[Post], followers: int | float | None, today: dt.date,
                 window: int = POSTS_WINDOW) -> dict[str, Any]:
    """The post-based columns of one account (see the module doc)."""
    dated = sorted((p for p in posts if p.published is not None), key=lambda p: p.published or today,
                   reverse=True)
    last = dated[:window]
    out: dict[str, Any] = {}
    if not last:
        return out
    ers = [(p.likes + (p.comments or 0)) / followers for p in last
           if followers and p.likes is not None]
    erv = [(p.interactions or 0) / p.views for p in last if p.views and p.interactions is not None]
    if ers:
        out["er_mean"], out["er_median"] = _round(mean(ers)), _round(median(ers))
    if erv:
        out["er_views_mean"], out["er_views_median"] = _round(mean(erv)), _round(median(erv))
    pace = posting([p.published for p in last if p.published is not None], today)
    out["posts_per_week"], out["days_since_last_post"] = pace["posts_per_week"], pace["days_since_last_post"]
    best = sorted((p for p in last if p.interactions is not None), key=lambda p: p.interactions or 0,
                  reverse=True)[:BEST_POSTS]
    out["best_posts"] = " | ".join(f"{p.permalink or p.post_id} ({p.published}, {p.interactions} interactions)"
                                   for p in best) or None
    basis = [b for b, v in (("(likes+comments)/followers", ers), ("(likes+comments+shares)/views", erv)) if v]
    out["posts_method"] = (f"posts: mean and median of {', '.join(basis) or 'no rate'} over the last "
                           f"{len(last)} of {len(dated)} posts (window {window})")
    return out


POST_COLUMNS = ("er_mean", "er_median", "er_views_mean", "er_views_median", "posts_per_week",
                "days_since_last_post", "best_posts")


def compute_post_metrics(table: Table, posts: Sequence[Post], today: dt.date, window: int = POSTS_WINDOW) -> int:
    """Add the post columns to the table; returns how many rows got posts. Rows match posts by
    platform + handle (or by handle alone when the posts do not name a platform)."""
    by_key: dict[tuple[str | None, str], list[Post]] = {}
    for p in posts:
        by_key.setdefault((p.platform, p.handle), []).append(p)
    n = len(table)
    cols: dict[str, list[Any]] = {c: list(table.get(c)) for c in POST_COLUMNS}  # live values stay unless posts say
    method = list(table.get("er_method"))
    er = list(table.get("engagement_rate"))
    er_views = list(table.get("engagement_rate_views"))
    platforms, handles, followers = table.get("platform"), table.get("handle"), table.get("followers")
    matched = 0
    for k in range(n):
        if not handles[k]:
            continue
        mine = by_key.get((platforms[k], handles[k])) or by_key.get((None, str(handles[k]).lower()))
        if not mine:
            continue
        m = post_metrics(mine, followers[k], today, window)
        if not m:
            continue
        matched += 1
        for c in POST_COLUMNS:
            cols[c][k] = m.get(c)
        if er[k] is None and m.get("er_median") is not None:
            er[k] = m["er_median"]
        if er_views[k] is None and m.get("er_views_median") is not None:
            er_views[k] = m["er_views_median"]  # what the TikTok benchmark (by views) reads
        method[k] = "; ".join(x for x in (method[k], m["posts_method"]) if x)
    for c in POST_COLUMNS:
        table.data[c] = cols[c]
    table.data["engagement_rate"] = er
    if any(v is not None for v in er_views):
        table.data["engagement_rate_views"] = er_views
    table.data["er_method"] = method
    return matched
