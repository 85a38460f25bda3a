"""Tracked links and promo codes: a UTM-tagged link per account and a unique promo code per creator.

- Link: the brand URL with utm_source=<platform>, utm_medium=influencer, utm_campaign=<campaign>,
  utm_content=<handle>; the URL's own query parameters and fragment are kept (its utm_* are replaced).
- Code: `--code-pattern` ("{HANDLE}10" by default) filled with the creator's first handle (else the
  creator's name, else a generated code), accents stripped, upper-cased, reduced to A-Z and 0-9. The
  pattern's own text (e.g. "10") is always kept; the placeholders share the rest of the
  `CODE_RULES["max_length"]` budget (a short value leaves its unused room to the others).
- A code already in the sheet is kept verbatim (it may already be printed in a contract): "lea-v10"
  stays "lea-v10". Codes are compared with `code_key` (case-, accent- and punctuation-insensitive, as
  checkout pages and `results` compare them), so "lea-v10" and "LEAV10" of two different creators
  collide: the later row's creator gets a new code and the summary says so. A kept code without Latin
  letters ("ЛЕА") is kept with a warning (hard to type on many keyboards).
- Collisions get a suffix drawn from the unambiguous alphabet below (2, 3, ... 9, A, B, ...: no O/0,
  I/1/L), so generated characters cannot be misread. One code per creator: rows sharing `creator` (a
  wide sheet) share the code; duplicate rows share their account's code.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .. import progress
from ..errors import UsageError
from ..table import Table
from ..text import code_key, count, fold_key, name_key
from ..thresholds.links import CODE_RULES

SAFE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: nothing to misread when typing


UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_content")
PLACEHOLDER = re.compile(r"\{(HANDLE|CREATOR|CAMPAIGN|PLATFORM)\}", re.IGNORECASE)


_UNTYPED = re.compile(r"[^A-Za-z0-9]")  # what shoppers leave out when they type a code (accents, spaces, signs)


def code_text(text: str) -> str:
    """Upper-case A-Z0-9 only, accents stripped ("Zoé_Martin.2" -> "ZOEMARTIN2")."""
    return re.sub(r"[^A-Z0-9]", "", fold_key(text).upper())


def tracked_url(url: str, *, platform: str | None, handle: str | None, campaign: str) -> str:
    """The URL with the four UTM parameters (existing parameters kept, existing utm_* replaced)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in UTM_KEYS]
    query += [("utm_source", platform or "other"), ("utm_medium", "influencer"), ("utm_campaign", campaign)]
    if handle:
        query.append(("utm_content", handle))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


def check_url(url: str, option: str = "--url", example: str = "https://brand.example/product") -> None:
    """A usage error naming `option` unless `url` is a full http(s) link."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"{option} {url!r}: give a full http(s) link, e.g. {example}")


# a collision suffix starts with a letter: LEAV10B, not LEAV102, which reads as a hundred and two
_SUFFIX_ALPHABET = "".join(sorted(SAFE_ALPHABET, key=str.isdigit))


def _suffixes() -> Any:
    for a in _SUFFIX_ALPHABET:
        yield a
    for a in _SUFFIX_ALPHABET:
        for b in _SUFFIX_ALPHABET:
            yield a + b


def _fallback(seed: str) -> str:
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    return "".join(SAFE_ALPHABET[b % len(SAFE_ALPHABET)] for b in digest[: CODE_RULES["fallback_length"]])


def _parts(pattern: str) -> list[tuple[bool, str]]:
    """The pattern as (is_placeholder, text): literal text already reduced by `code_text`."""
    parts: list[tuple[bool, str]] = []
    pos = 0
    for m in PLACEHOLDER.finditer(pattern):
        parts.append((False, code_text(pattern[pos:m.start()])))
        parts.append((True, m.group(1).upper()))
        pos = m.end()
    parts.append((False, code_text(pattern[pos:])))
    return parts


def check_pattern(pattern: str) -> None:
    """Refuse a pattern that cannot give a usable code with its own text kept."""
    parts = _parts(pattern)
    literal = sum(len(text) for placeholder, text in parts if not placeholder)
    has_placeholder = any(placeholder for placeholder, _ in parts)
    if not has_placeholder and not literal:
        raise UsageError(f"--code-pattern {pattern!r} gives no usable code")
    # room for at least one placeholder character and a 2-character collision suffix
    limit = CODE_RULES["max_length"] - (3 if has_placeholder else 2)
    if literal > limit:
        raise UsageError(f"--code-pattern {pattern!r}: its own text is {literal} characters; keep it to "
                         f"{limit} or fewer (codes are at most {CODE_RULES['max_length']})")


def _share(lengths: list[int], room: int) -> list[int]:
    """Split `room` characters between values of these lengths: equal shares, a short value's unused
    share going to the others (left to right for the remainder)."""
    budgets = [0] * len(lengths)
    left = max(0, room)
    open_ = [i for i, n in enumerate(lengths) if n]
    while open_ and left:
        each = max(1, left // len(open_))
        for i in list(open_):
            give = min(each, lengths[i] - budgets[i], left)
            budgets[i] += give
            left -= give
            if budgets[i] == lengths[i]:
                open_.remove(i)
            if not left:
                break
    return budgets


# Handles that are machine ids rather than names: YouTube channel ids ("UC" and 22 characters of
# letters, digits, - and _; shorter look-alikes copied from a sheet count too when they mix digits in).
_MACHINE_ID = re.compile(r"^UC(?=[0-9A-Za-z_-]*\d)[0-9A-Za-z_-]{14,22}$")


def make_code(pattern: str, *, handle: str, creator: str, campaign: str, platform: str, suffix: str = "") -> str:
    """The code of one creator: the pattern's own text (e.g. "10") always kept, the placeholders sharing
    the remaining length, `suffix` (a collision suffix) appended. {HANDLE} falls back to the creator's
    name and {CREATOR} to the handle (a handle that is a channel id counts as no handle); when neither has a Latin letter or digit (or no placeholder gives
    any text) a generated code from `SAFE_ALPHABET` takes the first such placeholder's place."""
    parts = _parts(pattern)
    names = [text for placeholder, text in parts if placeholder]
    if _MACHINE_ID.match(handle):
        handle = ""  # a channel id (UCQ7TGVX...) is no code anyone can say or type: the name stands in
    h, c = code_text(handle), code_text(creator)
    values = {"HANDLE": h or c, "CREATOR": c or h, "CAMPAIGN": code_text(campaign), "PLATFORM": code_text(platform)}
    filled = [values[name] for name in names]
    who = [i for i, name in enumerate(names) if name in ("HANDLE", "CREATOR")]
    if names and (not any(filled) or (who and not any(filled[i] for i in who))):
        filled[who[0] if who else 0] = _fallback(f"{platform}:{handle}:{creator}:{campaign}")
    literal = sum(len(text) for placeholder, text in parts if not placeholder)
    budgets = _share([len(v) for v in filled], CODE_RULES["max_length"] - literal - len(suffix))
    out: list[str] = []
    i = 0
    for placeholder, text in parts:
        if placeholder:
            out.append(filled[i][: budgets[i]])
            i += 1
        else:
            out.append(text)
    return "".join(out) + suffix


def _made_here(link: str, handle: Any) -> bool:
    """Whether a tracked link is one `tracked_url` made (utm_medium=influencer, utm_content=the handle)."""
    query = dict(parse_qsl(urlsplit(link).query))
    return query.get("utm_medium") == "influencer" and query.get("utm_content") == str(handle or "")


def add_links(table: Table, *, url: str, campaign: str, code_pattern: str = "{HANDLE}10") -> dict[str, Any]:
    """Add `tracked_url` and fill the empty `promo_code` cells (one code per creator; a code or a tracked
    link typed in the sheet is never changed, it may be live). Returns counts and warnings for the summary: rows,
    codes_made, codes_kept (typed in the sheet), codes_clashing (typed codes another creator's rows also
    have: kept, flagged), collisions (generated codes that needed a suffix), warnings (one line each).
    Progress: "promo codes" (open from the start, its rows counted as codes are made), then "tracked
    links"."""
    with progress.step("promo codes", len(table), "rows") as tick:
        return _add_links(table, url=url, campaign=campaign, code_pattern=code_pattern, tick=tick)


def _add_links(table: Table, *, url: str, campaign: str, code_pattern: str, tick: progress.Tick) -> dict[str, Any]:
    check_url(url)
    if not campaign.strip():
        raise UsageError("--campaign must not be empty")
    check_pattern(code_pattern)
    n = len(table)
    platforms, handles, creators = table.get("platform"), table.get("handle"), table.get("creator")
    dups = table.get("duplicate_of")
    existing = [str(c).strip() if c not in (None, "") else "" for c in table.get("promo_code")]
    warnings: list[str] = []
    # who is who: a creator name, else the account
    keys: list[str] = []
    for k in progress.counted("promo codes: creators", range(n)):  # (2 s of a 1M-row list)
        name = creators[k]
        folded = name_key(name)
        keys.append(f"c:{folded}" if folded else f"a:{platforms[k]}:{handles[k]}" if handles[k] else f"r:{k}")
    account_key: dict[tuple[Any, Any], str] = {}
    for k in range(n):
        if dups[k] in (None, "") and handles[k]:
            account_key.setdefault((platforms[k], handles[k]), keys[k])
    for k in range(n):
        if dups[k] not in (None, "") and (platforms[k], handles[k]) in account_key:
            keys[k] = account_key[(platforms[k], handles[k])]

    def who(k: int) -> str:
        return str(creators[k] or handles[k] or f"row {table.row_name(k)}")

    def generate(k: int, owner: dict[str, str]) -> tuple[str, bool]:
        """A new code from the pattern, with the first suffix that makes it free; (code, suffixed)."""
        args = {"handle": str(handles[k] or ""), "creator": str(creators[k] or ""), "campaign": campaign,
                "platform": str(platforms[k] or "")}
        code = make_code(code_pattern, **args)
        if code_key(code) not in owner:
            return code, False
        for suffix in _suffixes():
            code = make_code(code_pattern, **args, suffix=suffix)
            if code_key(code) not in owner:
                return code, True
        raise UsageError(f"cannot find a free promo code for {code!r}")  # pragma: no cover - 992 suffixes

    owner: dict[str, str] = {}     # code_key -> the person key that has it
    owner_row: dict[str, int] = {}  # code_key -> the first row that has it
    code_of: dict[str, str] = {}   # person key -> the code its rows without one get
    final = list(existing)
    kept = clashing = made = collisions = 0
    kinds = table.get("row_kind")  # TOTAL / section rows get no code
    for k in range(n):  # codes already in the sheet: kept verbatim unless another creator has them
        if not existing[k] or kinds[k]:
            continue
        key = code_key(existing[k])
        if not key:
            warnings.append(f"row {table.row_name(k)}: promo code {existing[k]!r} has no letter or digit; "
                            "a new one is made")
            table.add_issue(k, "promo_code", f"promo code {existing[k]!r} unusable, replaced")
            final[k] = existing[k] = ""
            continue
        holder = owner.get(key)
        if holder is None:
            owner[key], owner_row[key] = keys[k], k
            code_of.setdefault(keys[k], existing[k])
            kept += 1
            if code_text(existing[k]) != key:
                warnings.append(f"row {table.row_name(k)}: promo code {existing[k]!r} ({who(k)}) has "
                                "non-Latin letters: kept, but hard to type on many keyboards")
            elif _UNTYPED.search(existing[k]):
                warnings.append(f"row {table.row_name(k)}: promo code {existing[k]!r} ({who(k)}) has accents, "
                                f"spaces or signs: kept, but shoppers often type {key}; a shop matches codes "
                                f"letter for letter, so create {key} there too")
        elif holder != keys[k]:  # another creator's code: kept (it may be live in the shop), flagged
            clashing += 1
            first = owner_row[key]
            warnings.append(f"row {table.row_name(k)}: promo code {existing[k]!r} of {who(k)} is also "
                            f"{who(first)}'s ({existing[first]!r}, row {table.row_name(first)}): kept, but the "
                            "shop's orders cannot tell them apart; give one of them another code, in the shop "
                            "and in the sheet")
            table.add_issue(k, "promo_code", f"promo code {existing[k]!r} is also {who(first)}'s; give one of them "
                                             "another code")
            code_of.setdefault(keys[k], existing[k])
    for k in progress.ticking(range(n), tick):
        if keys[k] in code_of or kinds[k]:
            continue
        code, suffixed = generate(k, owner)
        collisions += suffixed
        owner[code_key(code)] = keys[k]
        code_of[keys[k]] = code
        made += 1
    tick(n)
    filled = sum(1 for k in range(n) if not final[k] and not kinds[k] and keys[k] in code_of)
    table.set("promo_code", [final[k] or code_of.get(keys[k]) for k in range(n)])
    table.mapped.setdefault("promo_code", "promo_code")
    # a tracked link the sheet already has may be live with the creator: kept, as a typed code is; one
    # influkit made (a former `links` run: its utm_medium and utm_content) is made again from --url
    own = [str(v).strip() if isinstance(v, str) and v.strip() and not _made_here(str(v), handles[k]) else None
           for k, v in enumerate(table.get("tracked_url"))]
    links_kept = sum(1 for k in range(n) if own[k] and not kinds[k])
    if links_kept:
        warnings.append(f"{count(links_kept, 'tracked link')} typed in the sheet kept as they are (they may be live): "
                        "not made again from --url")
    table.set("tracked_url", [None if kinds[k] else own[k] or tracked_url(url, platform=platforms[k],
                                                                          handle=handles[k], campaign=campaign)
                              for k in progress.each("tracked links", range(n), n)])
    if table.meta.get("lang") in ("fr", "en"):  # the promo code issues in the list's language, like the others
        from ..labels import localize

        localize(table, table.meta["lang"])
    return {"rows": n, "cells_filled": filled, "codes_made": made, "codes_kept": kept, "codes_clashing": clashing,
            "collisions": collisions, "links_kept": links_kept, "warnings": warnings}
