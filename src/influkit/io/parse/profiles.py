"""Profiles (links, handles) and platforms: "https://www.instagram.com/lea.cuisine/" -> (instagram,
lea.cuisine, url), "@Zoe", "Tik Tok" -> tiktok, "just sul @justsul" -> ("just sul", "justsul")."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import SplitResult, parse_qs, unquote, urlsplit, urlunsplit

from ...schema import PLATFORM_WORDS
from ...text import fold_key
from ._base import _CACHE, _MISSING_WORDS, _Bad, _cannot, _clean, _missing_str, _text_cell

__all__ = ["SHORTENERS", "Profile", "canonical_handle", "is_short_link", "parse_platform", "parse_profile",
           "profile_url", "split_name_handle"]

# -------------------------------------------------------------------------------------------- profiles

Profile = tuple[str | None, str | None, str | None]

_HOSTS: dict[str, str] = {
    "instagram.com": "instagram", "instagr.am": "instagram", "tiktok.com": "tiktok", "youtube.com": "youtube",
    "youtu.be": "youtube", "x.com": "x", "twitter.com": "x", "twitch.tv": "twitch",
    "facebook.com": "facebook", "fb.com": "facebook", "fb.me": "facebook", "linkedin.com": "linkedin",
    "snapchat.com": "snapchat", "pinterest.com": "pinterest", "pin.it": "pinterest",
    "threads.net": "threads", "threads.com": "threads",
}
# Link shorteners: their links redirect elsewhere and name no account (vm.tiktok.com/ZMabc123 is a
# TikTok link, but whose?). A network's own shortener keeps the network; the others name nothing.
SHORTENERS = frozenset({
    "vm.tiktok.com", "vt.tiktok.com", "youtu.be", "pin.it", "bit.ly", "t.co", "tinyurl.com", "goo.gl", "ow.ly",
    "buff.ly", "lnkd.in", "rebrand.ly", "cutt.ly", "shorturl.at", "is.gd", "t.ly", "tiny.cc", "rb.gy", "bl.ink",
    "dub.sh", "short.io", "shor.by", "amzn.to", "s.id", "v.gd", "soo.gd", "tr.ee", "bit.do", "qr.ae",
})
# One site, many people: a link-in-bio or creator-page service whose first path segment names the person
# (linktr.ee/lea.vernoux). Their pages are the "blog" network, each its own account ("linktr.ee/lea.vernoux"),
# never one account "linktr.ee" for everybody.
SHARED_HOSTS = frozenset({
    "linktr.ee", "beacons.ai", "lnk.bio", "bio.link", "campsite.bio", "linkin.bio", "taplink.cc", "hoo.be",
    "komi.io", "solo.to", "allmylinks.com", "msha.ke", "stan.store", "snipfeed.co", "linkpop.com", "linkr.bio",
    "about.me", "ko-fi.com", "patreon.com", "buymeacoffee.com", "medium.com", "behance.net", "dribbble.com",
    "vimeo.com", "twitch.tv", "soundcloud.com", "tumblr.com", "flickr.com", "vsco.co", "onlyfans.com",
    "fanvue.com", "substack.com", "github.com", "gumroad.com", "etsy.com", "depop.com", "vinted.fr",
})
_PINTEREST_HOST = re.compile(r"(?:.+\.)?pinterest\.[a-z]{2,3}(?:\.[a-z]{2})?")
# Bare words with one of these endings are taken as web sites ("monblog.fr"), others as handles.
_WEB_TLDS = frozenset({
    "com", "fr", "net", "org", "io", "co", "be", "ch", "ca", "de", "uk", "es", "it", "eu", "info", "tv",
    "me", "blog", "shop", "store", "app", "dev", "xyz", "site", "online", "fm", "ly", "lu", "nl", "pt",
    "us", "ee", "gl", "am",
})
_SCHEME_RE = re.compile(r"([a-z][a-z0-9+.\-]*)://", re.IGNORECASE)
_DOMAIN_RE = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+([a-z]{2,})(?::\d+)?(?P<rest>[/?#].*)?", re.IGNORECASE
)
_AT_HANDLE_RE = re.compile(r"@\s*([\w.\-]+)/?")
_HANDLEISH_RE = re.compile(r"[\w.\-]+/?")

_IG_HANDLE = re.compile(r"[A-Za-z0-9._]{1,30}")
_TT_HANDLE = re.compile(r"[A-Za-z0-9._]{1,24}")
_YT_HANDLE = re.compile(r"[\w.\-·]{1,100}")
_YT_CHANNEL = re.compile(r"[\w\-]{2,64}")
# a YouTube channel id: "UC" and 22 characters of letters, digits, '-' and '_' (the Data API's `channel.id`,
# what `channels.list?id=` takes; case-sensitive)
_YT_CHANNEL_ID = re.compile(r"UC[A-Za-z0-9_-]{22}")


def is_youtube_channel_id(text: str) -> bool:
    """True when `text` (spaces around set aside) is a YouTube channel id ("UCZ5qxuvquQABNtjcawNMowA"):
    the one definition, for reading sheets, building links and calling the YouTube API."""
    return _YT_CHANNEL_ID.fullmatch(text.strip()) is not None
_X_HANDLE = re.compile(r"[A-Za-z0-9_]{1,50}")
_TWITCH_HANDLE = re.compile(r"[A-Za-z0-9_]{1,25}")
_FB_HANDLE = re.compile(r"[\w.\-]{1,100}")
_LI_HANDLE = re.compile(r"[\w.\-%]{1,100}")
_SNAP_HANDLE = re.compile(r"[A-Za-z0-9._\-]{1,30}")
_PIN_HANDLE = re.compile(r"[\w.\-]{1,60}")

_IG_RESERVED = frozenset({
    "p", "reel", "reels", "tv", "explore", "stories", "accounts", "direct", "about", "legal", "developer",
    "web", "challenge", "s", "tags", "locations", "directory", "privacy", "terms", "graphql", "api",
    "static", "oauth", "ar", "emails", "session", "help",
})
_YT_RESERVED = frozenset({
    "watch", "shorts", "embed", "playlist", "results", "feed", "live", "v", "redirect", "premium", "music",
    "gaming", "account", "t", "hashtag", "post", "attribution_link", "signin", "logout", "kids", "about",
    "howyoutubeworks", "creators", "ads", "channel", "c", "user", "e", "sw.js",
})
_X_RESERVED = frozenset({
    "home", "i", "intent", "search", "hashtag", "explore", "notifications", "messages", "settings", "share",
    "compose", "login", "signup", "tos", "privacy", "about", "jobs", "download", "logout", "account",
})
_TWITCH_RESERVED = frozenset({
    "videos", "directory", "p", "settings", "downloads", "jobs", "search", "subscriptions", "inventory",
    "wallet", "drops", "turbo", "prime", "store", "login", "signup", "friends", "messages", "payments",
})
_FB_RESERVED = frozenset({
    "groups", "events", "watch", "photo.php", "photo", "photos", "story.php", "permalink.php", "sharer",
    "sharer.php", "share", "share.php", "login", "login.php", "marketplace", "gaming", "reel", "reels",
    "videos", "hashtag", "help", "policies", "privacy", "settings", "home.php", "dialog", "plugins", "l.php",
    "profile.php", "pages", "pg", "people", "notes", "media", "stories", "live", "search", "business",
})
_PIN_RESERVED = frozenset({
    "pin", "search", "ideas", "today", "explore", "_", "business", "categories", "login", "settings",
    "topics", "news_hub", "discover",
})


def canonical_handle(platform: str | None, handle: str) -> str:
    """Strip spaces, a leading "@" and a trailing "/", and lower-case — except a YouTube channel id
    ("UC" + 22 characters), which is case-sensitive."""
    h = handle.strip()
    if h.startswith("@"):
        h = h[1:]
    h = h.rstrip("/").strip()
    if platform == "youtube" and is_youtube_channel_id(h):
        return h
    return h.lower()


# What a name must be to be an account on its network (stricter than what a link's path is read as):
# Instagram and Threads, no '.' first, last or twice in a row (handlegen.com/articles/instagram-username-
# rules-2026); TikTok, no '.' last (support.tiktok.com, "Changing your username")
_IG_NAME = re.compile(r"(?!\.)(?!.*\.\.)[A-Za-z0-9._]{1,30}(?<!\.)")
_TT_NAME = re.compile(r"[A-Za-z0-9._]{1,24}(?<!\.)")
_IG_RULE = "letters without accents, digits, '.' and '_', at most 30 characters, no '.' first, last or twice in a row"
_HANDLE_RULES: dict[str, tuple[re.Pattern[str], str]] = {  # (the words: labels.MESSAGES handle_rule_*)
    "instagram": (_IG_NAME, _IG_RULE),
    "threads": (_IG_NAME, _IG_RULE),
    "tiktok": (_TT_NAME, "letters without accents, digits, '.' and '_', at most 24 characters, no '.' last"),
    "x": (re.compile(r"[A-Za-z0-9_]{1,15}"), "letters without accents, digits and '_', at most 15 characters"),
    "twitch": (_TWITCH_HANDLE, "letters without accents, digits and '_', at most 25 characters"),
    "snapchat": (_SNAP_HANDLE, "letters without accents, digits, '.', '-' and '_', at most 30 characters"),
}


def handle_not_allowed(platform: str | None, handle: str | None) -> str | None:
    """What a network allows in an account's name, when `handle` is not such a name ("léa.v" on
    Instagram); None when it is, or when influkit knows no rule for the network."""
    rule = _HANDLE_RULES.get(platform or "")
    if rule is None or not handle or rule[0].fullmatch(handle):
        return None
    return rule[1]


def profile_url(platform: str | None, handle: str | None) -> str | None:
    """Canonical profile URL for a known platform and handle; None for blogs and unknown platforms."""
    if not platform or not handle:
        return None
    h = canonical_handle(platform, handle)
    if not h:
        return None
    if platform == "instagram":
        return f"https://www.instagram.com/{h}/"
    if platform == "tiktok":
        return f"https://www.tiktok.com/@{h}"
    if platform == "youtube":
        if is_youtube_channel_id(h):
            return f"https://www.youtube.com/channel/{h}"
        return f"https://www.youtube.com/@{h}"
    if platform == "x":
        return f"https://x.com/{h}"
    if platform == "twitch":
        return f"https://www.twitch.tv/{h}"
    if platform == "facebook":
        if h.isdigit():
            return f"https://www.facebook.com/profile.php?id={h}"
        return f"https://www.facebook.com/{h}"
    if platform == "linkedin":
        return f"https://www.linkedin.com/in/{h}"
    if platform == "threads":
        return f"https://www.threads.net/@{h}"
    if platform == "pinterest":
        return f"https://www.pinterest.com/{h}/"
    if platform == "snapchat":
        return f"https://www.snapchat.com/add/{h}"
    return None


def _platform_of_host(host: str) -> str | None:
    for base, plat in _HOSTS.items():
        if host == base or host.endswith("." + base):
            return plat
    if _PINTEREST_HOST.fullmatch(host):
        return "pinterest"
    return None


def _known(platform: str, handle: str | None, rx: re.Pattern[str]) -> Profile | None:
    if handle and rx.fullmatch(handle):
        h = canonical_handle(platform, handle)
        return platform, h, profile_url(platform, h)
    return None


# query parameters that only say where a click came from (Google's utm_*, Meta's fbclid/igshid, Google Ads'
# gclid, Mailchimp's mc_cid/mc_eid, Microsoft's msclkid): not part of the page a profile link names
_TRACKING_PARAM = re.compile(r"(?:utm_\w+|fbclid|gclid|dclid|msclkid|igshid|igsh|mc_cid|mc_eid|_ga|_gl)",
                             re.IGNORECASE)


def _untracked(url: str, parts: SplitResult) -> str:
    """A web site's link without its click-tracking parameters (`lea-cuisine.fr/blog?utm_source=x` is
    `lea-cuisine.fr/blog`); any other parameter is kept, in its order."""
    if not parts.query:
        return url
    kept = [p for p in parts.query.split("&") if p and not _TRACKING_PARAM.fullmatch(p.split("=", 1)[0])]
    if len(kept) == len([p for p in parts.query.split("&") if p]):
        return url
    return urlunsplit(parts._replace(query="&".join(kept)))


def _profile_from_url(url: str) -> Profile:
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return None, None, None
    if not host or "." not in host and host != "localhost":
        return None, None, None
    segs = [unquote(p) for p in parts.path.split("/") if p]
    s0 = segs[0] if segs else ""
    s1 = segs[1] if len(segs) > 1 else ""
    low0 = s0.lower()
    plat = _platform_of_host(host)
    found: Profile | None = None
    if plat is None:
        site = host.removeprefix("www.")
        if site in SHORTENERS:
            return None, None, url  # bit.ly/xyz: a link, but to no known account (not a blog either)
        if site in SHARED_HOSTS:  # linktr.ee/lea: the person is the path; linktr.ee alone names nobody
            person = s0.lstrip("@") if low0 not in ("", "shop", "store", "u", "user", "users") else s1.lstrip("@")
            return "blog", f"{site}/{person.lower()}" if person else None, _untracked(url, parts)
        return "blog", site, _untracked(url, parts)
    if plat == "instagram":
        if low0 == "_u":
            s0, s1, low0 = s1, "", s1.lower()
        if low0 == "stories" and s1 and s1.lower() != "highlights":
            found = _known(plat, s1, _IG_HANDLE)
        elif low0 not in _IG_RESERVED:
            found = _known(plat, s0, _IG_HANDLE)
    elif plat == "tiktok":
        if s0.startswith("@") and host not in ("vm.tiktok.com", "vt.tiktok.com"):
            found = _known(plat, s0[1:], _TT_HANDLE)
    elif plat == "youtube":
        if host.endswith("youtu.be"):
            pass
        elif s0.startswith("@"):
            found = _known(plat, s0[1:], _YT_HANDLE)
        elif low0 == "channel" and _YT_CHANNEL.fullmatch(s1):
            found = plat, s1, f"https://www.youtube.com/channel/{s1}"
        elif low0 in ("c", "user") and _YT_HANDLE.fullmatch(s1):
            found = plat, s1.lower(), f"https://www.youtube.com/{low0}/{s1}"
        elif s0 and low0 not in _YT_RESERVED and _YT_HANDLE.fullmatch(s0):
            found = plat, s0.lower(), f"https://www.youtube.com/{s0}"
    elif plat == "x":
        if not segs and parts.fragment.startswith("!/"):  # twitter.com/#!/name
            s0 = parts.fragment[2:].split("/")[0]
            low0 = s0.lower()
        if low0 not in _X_RESERVED:
            found = _known(plat, s0, _X_HANDLE)
    elif plat == "twitch":
        if not host.startswith("clips.") and low0 not in _TWITCH_RESERVED:
            found = _known(plat, s0, _TWITCH_HANDLE)
    elif plat == "facebook":
        if low0 == "profile.php":
            ids = parse_qs(parts.query).get("id")
            if ids and ids[0].isdigit():
                found = plat, ids[0], profile_url(plat, ids[0])
        elif low0 == "pg" and s1:
            found = _known(plat, s1, _FB_HANDLE)
        elif low0 in ("pages", "people"):
            ids = [x for x in segs[1:] if x.isdigit()]
            if ids:
                found = plat, ids[-1], profile_url(plat, ids[-1])
        elif s0 and low0 not in _FB_RESERVED:
            found = _known(plat, s0, _FB_HANDLE)
    elif plat == "linkedin":
        if low0 in ("in", "pub") and s1:
            found = _known(plat, s1, _LI_HANDLE)
    elif plat == "snapchat":
        if low0 == "add" and s1:
            found = _known(plat, s1, _SNAP_HANDLE)
        elif s0.startswith("@"):
            found = _known(plat, s0[1:], _SNAP_HANDLE)
    elif plat == "pinterest":
        if host != "pin.it" and s0 and low0 not in _PIN_RESERVED:
            found = _known(plat, s0, _PIN_HANDLE)
    elif plat == "threads" and s0.startswith("@"):
        found = _known(plat, s0[1:], _IG_HANDLE)
    return found or (plat, None, url)


# The commonest link shapes, answered without urlsplit (same results as _profile_from_url).
_FAST_PROFILE = re.compile(
    r"https?://(?:www\.)?(?:instagram\.com/(?P<ig>[A-Za-z0-9._]+)|tiktok\.com/@(?P<tt>[A-Za-z0-9._]+)"
    r"|youtube\.com/@(?P<yt>[A-Za-z0-9._-]+))/?"
)


_SPACE_RE = re.compile(r"\s")


def _fast_profile(t: str) -> Profile | None:
    m = _FAST_PROFILE.fullmatch(t)
    if m is None:
        return None
    if m["ig"] is not None:
        if m["ig"].lower() in _IG_RESERVED or m["ig"].lower() == "_u":
            return None
        return _known("instagram", m["ig"], _IG_HANDLE)
    if m["tt"] is not None:
        return _known("tiktok", m["tt"], _TT_HANDLE)
    return _known("youtube", m["yt"], _YT_HANDLE)


# The same three shapes with an account name the patterns above refuse (an accent, a dash, too long):
# the network is known and the name is checked as `_profile_from_url` checks it, without urlsplit. The
# name holds nothing that cleaning, splitting or unquoting would change (spaces, quotes, separators, %,
# the characters `_clean` translates, control characters); anything else takes the full path.
_FAST_LINK = re.compile(
    r"https?://(?:www\.)?(?:(?P<ig>instagram\.com/)|(?P<tt>tiktok\.com/@)|(?P<yt>youtube\.com/@))"
    r"(?P<name>[^/?#%@\[\]\s\"'<>|;,\u2019\u2212\u200b\ufeff\x00-\x1f\x7f]+)/?"
)


def _fast_link(t: str) -> Profile | None:
    m = _FAST_LINK.fullmatch(t)
    if m is None:
        return None
    name = m["name"]
    if m["ig"] is not None:
        low = name.lower()
        if low in _IG_RESERVED or low == "_u":
            return None
        return _known("instagram", name, _IG_HANDLE) or ("instagram", None, t)
    if m["tt"] is not None:
        return _known("tiktok", name, _TT_HANDLE) or ("tiktok", None, t)
    return _known("youtube", name, _YT_HANDLE) or ("youtube", None, t)


_MULTI_URL = re.compile(r"\s*[|;,\s]\s*(?=(?:https?://|www\.))", re.IGNORECASE)


def says_more(link: str, profile: str) -> bool:
    """Whether a link an account was read from points further than the account's profile URL: a post,
    a video, a story (`tiktok.com/@lea/video/72...`), i.e. its path has more parts. Another spelling of
    the profile (http, no www, a query, a slash, twitter.com for x.com, /c/Name) says nothing more."""
    def parts(text: str) -> int:
        url = next((t.strip("<>\"'()") for t in _LINK_TOKENS.split(text) if "." in t), "")
        try:
            path = urlsplit(url if "://" in url else "https://" + url.lstrip("/")).path
        except ValueError:
            return 0
        return sum(1 for p in path.split("/") if p)

    return parts(link) > parts(profile)


_LINK_TOKENS = re.compile(r"[\s|;,]+")


def _same_link(found: Profile, s: str) -> Profile:
    """`found`, its canonical URL being the cell's own text object when they are equal (the table then
    keeps one string per link, not the cell's and a copy)."""
    return (found[0], found[1], s) if found[2] == s else found


@lru_cache(maxsize=_CACHE)
def _profile_str(s: str) -> Profile:
    return _same_link(_profile_of_str(s), s)


def _profile_of_str(s: str) -> Profile:
    fast = _fast_profile(s)
    if fast is not None:
        return fast
    return _slow_profile(s)


def _slow_profile(s: str) -> Profile:
    """Any cell: cleaned, split when it holds several links, each read by `_one_profile`."""
    t = _clean(s).strip("<>\"'").strip()
    if t.lower() in _MISSING_WORDS:
        return None, None, None
    parts = _MULTI_URL.split(t)
    if len(parts) > 1:  # "url1|url2" (Modash), links one per line: the first that names an account
        found = [_one_profile(p.strip()) for p in parts if p.strip()]
        return next((f for f in found if f[1]), None) or next((f for f in found if f[0]), (None, None, None))
    return _one_profile(t)


def _one_profile(t: str) -> Profile:
    m = _AT_HANDLE_RE.fullmatch(t)
    if m:
        return None, m[1], None
    sch = _SCHEME_RE.match(t)
    if sch:
        if sch[1].lower() not in ("http", "https"):
            return None, None, None
        if _SPACE_RE.search(t):
            return _spaced_link(t)
        return _profile_from_url(t)
    if _SPACE_RE.search(t):
        return _spaced_link(t) if _DOMAIN_RE.match(t) and "/" in t else (None, None, None)
    dm = _DOMAIN_RE.fullmatch(t)
    if dm and (
        dm["rest"] or t.lower().startswith("www.") or dm[1].lower() in _WEB_TLDS
        or _platform_of_host(t.lower().split(":")[0]) is not None
    ):
        return _profile_from_url("https://" + t)
    if "@" not in t and _HANDLEISH_RE.fullmatch(t):
        return None, t.rstrip("/"), None
    return None, None, None


_SPACE_BY_SLASH = re.compile(r"\s*/\s*")


def _spaced_link(t: str) -> Profile:
    """A link holding a space, which no URL does: beside a slash (`instagram.com/ lea/`, a copy-paste
    slip) it is dropped; elsewhere (`instagram.com/lea vernoux`) the network is known but no account is
    named (no network allows a space in a name), the cell kept as the link; a web site is its own account
    whatever its path holds (`monblog.fr/a propos`); other text is unread."""
    joined = _SPACE_BY_SLASH.sub("/", t)
    if not _SPACE_RE.search(joined):
        return _one_profile(joined)
    url = joined if "://" in joined else "https://" + joined
    plat, site, _ = _profile_from_url(url.split()[0])  # what the link says up to its first space
    if plat not in (None, "blog"):
        return plat, None, t
    # a blog: the site is the account, whatever its path says (not a shared host's person, cut at the space)
    return ("blog", site, t) if plat == "blog" and site and "/" not in site else (None, None, None)


# "just sul @justsul", "Léa Martin (@lea.cuisine)", "Léa Martin - @lea": a name carrying its handle
_NAME_HANDLE_RE = re.compile(r"(?P<name>[^@]*?[^\s@][^@]*?)[\s,;:(\[\-–|/]+@(?P<handle>[\w.\-]{1,60}?)[\s)\].,;]*")
_HANDLE_NAME_RE = re.compile(r"@(?P<handle>[\w.\-]{1,60}?)[\s,;:(\[\-–|/]+(?P<name>[^@]*?[^\s@][^@]*?)[\s)\]]*")


@lru_cache(maxsize=_CACHE)
def split_name_handle(s: str) -> tuple[str, str] | None:
    """(name, handle) of a cell that carries both: "just sul @justsul" -> ("just sul", "justsul"),
    "@lea.cuisine (Léa)" -> ("Léa", "lea.cuisine"); None for anything else (an e-mail is not a handle)."""
    t = " ".join(_clean(s).split())
    if t.count("@") != 1:
        return None
    m = _NAME_HANDLE_RE.fullmatch(t) or _HANDLE_NAME_RE.fullmatch(t)
    if m is None:
        return None
    name = m["name"].strip(" -–|,;:([")
    handle = m["handle"].rstrip(".-")
    if not name or not handle:
        return None
    return name, handle


_HOST_RE = re.compile(r"\s*<?[\"']?\s*(?:https?://)?(?:www\.)?([^/?#:\s\"'>]+)", re.IGNORECASE)


def is_short_link(v: object) -> bool:
    """True for a link made by a link shortener (vm.tiktok.com/..., youtu.be/..., bit.ly/...)."""
    if not isinstance(v, str):
        return False
    m = _HOST_RE.match(v)
    return m is not None and m[1].lower().rstrip(".") in SHORTENERS


def parse_profile(v: object) -> Profile:
    """(platform, handle, canonical_url) from a profile link, "@handle", bare handle or web site.

    Handles from links are canonical (lower-cased, except YouTube channel ids); "@Name" and bare words
    give (None, "Name", None) with case kept. Text that is none of these gives (None, None, None).
    Never raises.
    """
    if v is None:
        return None, None, None
    if not isinstance(v, str):
        if isinstance(v, float) and v != v:
            return None, None, None
        v = str(v)
    fast = _fast_profile(v) or _fast_link(v)  # the commonest links, without filling the cache with one-off URLs
    if fast is not None:
        return _same_link(fast, v)
    return _profile_str(v)


# ------------------------------------------------------------------------------------------- platforms

_PLATFORM_EXTRA: dict[str, str] = {
    "instagramm": "instagram", "instagram reels": "instagram", "ig reels": "instagram", "reels": "instagram",
    "ytb": "youtube", "youtube shorts": "youtube", "yt shorts": "youtube", "shorts": "youtube",
    "tik tok": "tiktok", "tiktok shop": "tiktok", "x twitter": "x", "twitter x": "x",
    "site": "blog", "site web": "blog", "siteweb": "blog", "website": "blog", "web": "blog",
    "blogue": "blog", "blogs": "blog", "web site": "blog", "site internet": "blog",
    "linked in": "linkedin", "thread": "threads", "snap chat": "snapchat", "face book": "facebook",
}
_PLATFORMS: dict[str, str] = {**PLATFORM_WORDS, **_PLATFORM_EXTRA}
_PLATFORM_MODIFIERS = frozenset({
    "reel", "reels", "story", "stories", "post", "posts", "short", "shorts", "live", "lives", "video",
    "videos", "account", "compte", "page", "profil", "profile", "channel", "chaine", "feed", "carousel",
    "carrousel", "ex", "de", "la", "le", "du", "sur", "on", "via", "ugc",
})


@lru_cache(maxsize=_CACHE)
def _platform_str(s: str) -> str | None | _Bad:
    if _missing_str(s):
        return None
    key = fold_key(s)
    hit = _PLATFORMS.get(key)
    if hit:
        return hit
    toks = [w for w in key.split() if w not in _PLATFORM_MODIFIERS]
    found: set[str] = set()
    i = 0
    while i < len(toks):
        pair = " ".join(toks[i:i + 2]) if i + 1 < len(toks) else ""
        if pair and pair in _PLATFORMS:
            found.add(_PLATFORMS[pair])
            i += 2
        elif toks[i] in _PLATFORMS:
            found.add(_PLATFORMS[toks[i]])
            i += 1
        else:
            found = set()
            break
    if len(found) == 1:
        return found.pop()
    if "." in s or "/" in s:
        plat = _profile_str(s)[0]
        if plat:
            return plat
    return _Bad(_cannot(s))


def parse_platform(v: object) -> str | None:
    """Canonical platform name from "IG", "Insta", "Instagram Reels", "YT", "Tik Tok", "Twitter", "Site"..."""
    return _text_cell(v, _platform_str)
