"""Tracked links and promo codes: a UTM-tagged link per account and a unique promo code per creator.

- Link: the brand URL with utm_source=<platform>, utm_medium=influencer, utm_campaign=<campaign>,
  utm_content=<handle>; the URL's own query parameters and fragment are kept (its utm_* are replaced).
- Code: `--code-pattern` ("{HANDLE}10" by default) filled with the creator's first handle, accents
  stripped, upper-cased, reduced to A-Z and 0-9, cut to `CODE_RULES["max_length"]`. A code already in
  the sheet is kept (it may already be printed in a contract). Collisions get a suffix drawn from the
  unambiguous alphabet below (2, 3, ... 9, A, B, ...: no O/0, I/1/L), so generated characters cannot be
  misread. One code per creator: rows sharing `creator` (a wide sheet) share the code; duplicate rows
  share their account's code.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .errors import UsageError
from .funnel import fold
from .table import Table

SAFE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: nothing to misread when typing


@dataclass(frozen=True)
class CodeRule:
    name: str
    value: int
    rationale: str


CODE_RULES: dict[str, int] = {}
CODE_RULE_DOCS: tuple[CodeRule, ...] = (
    CodeRule("max_length", 20, "Short enough to read aloud in a video and type on a phone; well under "
                               "Shopify's 255-character limit for discount codes."),
    CodeRule("fallback_length", 6, "Characters of a generated code when the handle has no usable letter "
                                    "(e.g. only emoji or Cyrillic): 31^6 ~ 900 million codes."),
)
CODE_RULES.update({r.name: r.value for r in CODE_RULE_DOCS})

UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_content")
PLACEHOLDER = re.compile(r"\{(HANDLE|CREATOR|CAMPAIGN|PLATFORM)\}", re.IGNORECASE)


def code_text(text: str) -> str:
    """Upper-case A-Z0-9 only, accents stripped ("Zoé_Martin.2" -> "ZOEMARTIN2")."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"[^A-Z0-9]", "", s.upper())


def tracked_url(url: str, *, platform: str | None, handle: str | None, campaign: str) -> str:
    """The URL with the four UTM parameters (existing parameters kept, existing utm_* replaced)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in UTM_KEYS]
    query += [("utm_source", platform or "other"), ("utm_medium", "influencer"), ("utm_campaign", campaign)]
    if handle:
        query.append(("utm_content", handle))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"--url {url!r}: give a full http(s) link, e.g. https://brand.example/product")


def _suffixes() -> Any:
    for a in SAFE_ALPHABET:
        yield a
    for a in SAFE_ALPHABET:
        for b in SAFE_ALPHABET:
            yield a + b


def _fallback(seed: str) -> str:
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    return "".join(SAFE_ALPHABET[b % len(SAFE_ALPHABET)] for b in digest[: CODE_RULES["fallback_length"]])


def make_code(pattern: str, *, handle: str, creator: str, campaign: str, platform: str) -> str:
    """The code of one creator: placeholders filled and cut so the pattern's own text (e.g. "10") stays."""
    values = {"HANDLE": handle, "CREATOR": creator, "CAMPAIGN": campaign, "PLATFORM": platform}
    literal = code_text(PLACEHOLDER.sub("", pattern))
    room = max(1, CODE_RULES["max_length"] - len(literal))
    if not code_text(handle or creator):
        return (_fallback(f"{platform}:{handle}:{creator}") + literal)[: CODE_RULES["max_length"]]
    filled = PLACEHOLDER.sub(lambda m: code_text(values[m.group(1).upper()])[:room], pattern)
    return code_text(filled)[: CODE_RULES["max_length"]]


def unique(code: str, taken: set[str]) -> str:
    """`code`, or `code` plus the first safe suffix that makes it unused."""
    if code not in taken:
        return code
    for suffix in _suffixes():
        candidate = code[: CODE_RULES["max_length"] - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
    raise UsageError(f"cannot find a free promo code for {code!r}")  # pragma: no cover - 992 suffixes


def add_links(table: Table, *, url: str, campaign: str, code_pattern: str = "{HANDLE}10") -> dict[str, int]:
    """Add `tracked_url` and fill `promo_code` (one per creator). Returns counts for the summary."""
    check_url(url)
    if not campaign.strip():
        raise UsageError("--campaign must not be empty")
    if not PLACEHOLDER.search(code_pattern) and not code_text(code_pattern):
        raise UsageError(f"--code-pattern {code_pattern!r} gives no usable code")
    n = len(table)
    platforms, handles, creators = table.get("platform"), table.get("handle"), table.get("creator")
    dups = table.get("duplicate_of")
    existing = [code_text(str(c)) if c not in (None, "") else "" for c in table.get("promo_code")]
    # who is who: a creator name, else the account
    keys: list[str] = []
    for k in range(n):
        name = creators[k]
        keys.append(f"c:{fold(name)}" if name not in (None, "") and fold(name)
                    else f"a:{platforms[k]}:{handles[k]}" if handles[k] else f"r:{k}")
    account_key: dict[tuple[Any, Any], str] = {}
    for k in range(n):
        if dups[k] in (None, "") and handles[k]:
            account_key.setdefault((platforms[k], handles[k]), keys[k])
    for k in range(n):
        if dups[k] not in (None, "") and (platforms[k], handles[k]) in account_key:
            keys[k] = account_key[(platforms[k], handles[k])]
    code_of: dict[str, str] = {}
    taken: set[str] = set()
    for k in range(n):  # codes already in the sheet are kept and reserved
        if existing[k] and keys[k] not in code_of:
            code_of[keys[k]] = existing[k]
            taken.add(existing[k])
    made = collisions = 0
    for k in range(n):
        if keys[k] in code_of:
            continue
        base = make_code(code_pattern, handle=str(handles[k] or ""), creator=str(creators[k] or ""),
                         campaign=campaign, platform=str(platforms[k] or ""))
        code = unique(base, taken)
        collisions += code != base
        taken.add(code)
        code_of[keys[k]] = code
        made += 1
    table.set("promo_code", [existing[k] or code_of[keys[k]] for k in range(n)])
    table.mapped.setdefault("promo_code", "promo_code")
    table.set("tracked_url", [tracked_url(url, platform=platforms[k], handle=handles[k], campaign=campaign)
                              for k in range(n)])
    return {"rows": n, "codes_made": made, "codes_kept": len(code_of) - made, "collisions": collisions}
