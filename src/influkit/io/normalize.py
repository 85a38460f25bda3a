"""Raw cells -> canonical columns.

How each column is used is decided from its header's words AND its cells (`io.columns`), or by the
user's `--map`, a saved map (`io.mapmemory`) or a recognised vendor export (`io.vendors`); every
decision is kept with its evidence (`table.meta["columns"]`, what `influkit inspect` shows). Values are
parsed by kind (counts with ranges and units, rates on one scale per column, dates in one day/month
order per column, prices with their currency, range, deliverable and tax), profile links (a cell's
hyperlink first) become platform + handle, wide sheets (a column group per network) become one row per
account, rows that are not creators (TOTAL, Moyenne, section titles) are marked in `row_kind`,
duplicates are marked, and every cell that cannot be read leaves its value empty and an entry in the
row's `issues`. Unknown columns are kept verbatim.

`table.meta["layout"]` (for writing back into the user's workbook): one entry per sheet read, in order,
`{"sheet": name or None, "header_row": 1-based row, "columns": [{"header": text, "column": 1-based
sheet column}, ...], "rows": data rows}`; each output row's sheet row is `table.source_rows[k]` and its
sheet `table.sheet` (one sheet) or the `sheet` column (several).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from itertools import repeat
from operator import itemgetter
from typing import Any, NamedTuple, overload

from .. import progress
from ..clock import today
from ..errors import InfluError, UsageError
from ..heap import paused as gc_paused
from ..labels import code_of_word, column_of_label, computed_label, influkit_run
from ..schema import BY_NAME, DERIVED, DERIVED_HEADERS, PROFILE, ROW_KINDS, STAGE_INDEX, STAGES, kind_of
from ..table import Table
from ..text import count, fold_key
from ..thresholds.reading import (
    CONTENT_CONFIRMS_SHARE,
    CONTENT_DECIDES_SHARE,
    CONTENT_MIN_CELLS,
    CONTENT_MINOR_SHARE,
    HANDLE_COLUMN_SHARE,
    LABEL_LINK_DISTINCT_SHARE,
    PLATFORM_COLUMN_SHARE,
    SERIES_REPEAT_SHARE,
)
from . import parse as P
from .checkboxes import box
from .columns import (
    AVERAGE_PER_POST,
    IDENTITY_COLUMNS,
    ContentProfile,
    HeaderMeaning,
    describe,
    engagement_counts_column,
    header_exponent,
    lifetime_totals,
    platform_of_name,
    profile_column,
    understand_header,
)
from .read import RawSheet
from .rowkinds import row_kinds, section_platforms
from .values import (
    DateColumn,
    as_text,
    column_dates,
    convert_column,
    percent_points,
    rate_in_points,
    read_dates,
    read_prices,
    shown,
    verbatim,
)
from .vendors import Vendor, detect_vendor

_PER_ACCOUNT = ("followers", "following", "posts", "avg_likes", "avg_comments", "avg_views", "avg_shares",
                "engagement_rate", "vendor_er")
_STAGE_DATES = ("contacted_on", "replied_on", "deal_on", "published_on")
READ_BACK = ("row_kind",)  # influkit's own columns that are read back as they are, not recomputed
# column names only influkit's own output has (two of them among the headers: influkit's output, read back)
_OWN_NAMES = frozenset({"er_method", "duplicate_of", "issues", "est_price_low", "price_method", "trend", "tier",
                        "engagement_rate_views", "er_vs_tier"})


@dataclass
class Decision:
    """How one input column is used, and why: `column` is a canonical column (None: kept as it is),
    `platform` the network of a per-network column, `by` what decided (header, content, header+content,
    --map, saved map, the vendor's format, influkit's own column), `evidence` a sentence, `samples` a few
    values."""

    index: int
    header: str
    column: str | None
    platform: str | None = None
    by: str = "header"
    evidence: str = ""
    samples: list[str] = field(default_factory=list)
    sheet_column: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"column": self.sheet_column, "header": self.header, "used_as": self.column or "kept as is",
                "platform": self.platform, "by": self.by, "evidence": self.evidence, "samples": list(self.samples)}


@dataclass
class Mapping:
    """How each input column is used."""

    canonical: dict[int, str] = field(default_factory=dict)  # column index -> canonical column
    wide: dict[int, tuple[str, str]] = field(default_factory=dict)  # index -> (column or PROFILE, platform)
    extra: dict[int, str] = field(default_factory=dict)  # index -> output name (original header)
    derived: dict[int, str] = field(default_factory=dict)  # index -> a column influkit itself writes
    # (its own output read back, or the sheet's "Date dernier post" read as last_post_on)
    ours: list[int] = field(default_factory=list)  # columns influkit wrote into the sheet (`--in-place`): the
    # workbook's _influkit_columns marker, the label run of `labels.influkit_run`, labels only influkit writes
    link_columns: list[int] = field(default_factory=list)  # columns whose hyperlinks are profile links
    name_handle: int | None = None  # the creator column carries @handles ("just sul @justsul")
    name_parts: dict[str, int] = field(default_factory=dict)  # first_name / last_name -> index
    emails: list[int] = field(default_factory=list)  # every e-mail column (the first is `email`)
    vendor_er: dict[int, str | None] = field(default_factory=dict)  # vendor ER column -> its network
    meanings: dict[int, HeaderMeaning] = field(default_factory=dict)
    vendor: Vendor | None = None
    default_platform: str | None = None
    notes: list[str] = field(default_factory=list)  # what was inferred, for the stderr summary
    decisions: list[Decision] = field(default_factory=list)


def parse_map_options(options: Sequence[str]) -> dict[str, str]:
    """`--map "Header=column"` pairs: header as the user wrote it -> canonical column ("" keeps it verbatim).
    Headers are matched accent-, case- and punctuation-insensitively; messages keep the user's spelling."""
    result: dict[str, str] = {}
    for option in [options] if isinstance(options, str) else options:  # one "Header=column" given as a str
        header, sep, column = option.rpartition("=")
        if not sep or not header.strip():
            raise UsageError(f"--map {option!r} should look like \"Header=column\"")
        column = column.strip()
        if column in ("", "keep", "-"):
            result[header.strip()] = ""
            continue
        if column not in BY_NAME or BY_NAME[column].computed and column not in ("engagement_rate", "tier"):
            raise UsageError(f"--map {option!r}: unknown column {column!r}; see `influkit columns`")
        result[header.strip()] = column
    return result


def _by_key(mapping: dict[str, str] | None) -> dict[str, tuple[str, str]]:
    """fold_key(header) -> (column, the header as given)."""
    return {fold_key(h): (c, h) for h, c in (mapping or {}).items()}


_OUTPUT_MARKS = ("er_method", "issues", "row_kind")  # columns only influkit's own output has, with DERIVED's


def _unique_name(name: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    n = 2
    while f"{name} ({n})" in taken:
        n += 1
    return f"{name} ({n})"


# ----------------------------------------------------------------------------------- column decisions


# A header that means one of two things, the cells choosing even when they are few.
_ALTERNATIVES = {("avg_comments", "notes"), ("price_quoted", "engagement_rate"), ("engagement_rate", "price_quoted"),
                 ("channel", "platform")}  # "Canal": the outreach channel (DM, e-mail) or the network


def _content_rule(column: str | None, platform: str | None, prof: ContentProfile, meaning: HeaderMeaning,
                  headerless: bool = False) -> tuple[str | None, str | None, str, str]:
    """(column, platform, by, evidence) once the cells have had their say; a handful of cells does not
    overrule a header (it may still confirm it). In a tab with no header row (`headerless`) the cells are
    all there is: a column of nothing but @handles (or `name @handle`) is the accounts, however few."""
    decided = _content_says(column, platform, prof, meaning)
    if prof.n < CONTENT_MIN_CELLS and prof.links < CONTENT_DECIDES_SHARE and decided[0] != column \
            and (column, decided[0]) not in _ALTERNATIVES and not _unmistakable(prof, decided[0], headerless):
        if column is None:
            return None, platform, "", ""
        if not _any_readable(prof, column):
            # no cell is what the header names ("Contrat" holding "contrat.pdf" is no signing date, "Canal"
            # holding "Tech" no outreach channel): read as that field, every cell would be lost; kept as is
            # instead (too few cells to make the column something else)
            if decided[0] is None:
                return decided
            return None, platform, "header+content", f"the header says {column} but no sampled cell is one " \
                f"(only {prof.n}: too few to read it as {decided[0]}): kept as is"
        return column, platform, "header", f"only {count(prof.n, 'sampled cell')}: the header decides"
    return decided


def _any_readable(prof: ContentProfile, column: str) -> bool:
    """Whether some sampled cell reads as the kind of value `column` holds (a field of free text reads any)."""
    kind = kind_of(column)
    wanted = {"date": ("date", "stage"), "count": ("number",), "rate": ("rate", "percent", "number"),
              "money": ("number", "money", "money_word")}.get(kind or "")
    wanted = {"email": ("email",), "stage": ("stage",), "platform": ("platform",),  # "Contact" holding "DM" and
              "channel": ("channel", "platform")}.get(column, wanted)  # "via agent" is no e-mail column
    return wanted is None or any(prof.share(k) > 0 for k in wanted)


# column -> the cell kind nothing else looks like
_UNMISTAKABLE = {"email": "email", "profile_url": "profile", "handle": "yt_channel_id"}
_UNMISTAKABLE_WITHOUT_HEADER = {"handle": "at_handle", "creator": "name_handle"}  # (no header to overrule)


# what a cell is said to be when it could be several (a date such as 10/03/2026 also reads as "10 per 03"):
# the most specific first
_EVIDENCE_ORDER = ("profile", "email", "date", "percent", "money", "platform", "stage", "channel", "at_handle",
                   "name_handle", "file", "url", "number", "money_word", "name", "word", "text", "bool")


def _unmistakable(prof: ContentProfile, column: str | None, headerless: bool = False) -> bool:
    """Every sampled cell is an e-mail address (or every one a profile link): the cells win over the
    header even in a column of one or two cells ("Contacts" holding two addresses is not a date); with no
    header row at all, every cell an @handle (or `name @handle`) too."""
    kinds = [_UNMISTAKABLE.get(column or "")] + ([_UNMISTAKABLE_WITHOUT_HEADER.get(column or "")] if headerless else [])
    return prof.n > 0 and any(kind is not None and prof.share(kind) >= 1.0 for kind in kinds)


def _content_says(column: str | None, platform: str | None, prof: ContentProfile, meaning: HeaderMeaning
                  ) -> tuple[str | None, str | None, str, str]:
    decide = CONTENT_DECIDES_SHARE
    confirm = CONTENT_CONFIRMS_SHARE
    if prof.n == 0 and prof.links == 0:
        return column, platform, "header", "no value to check"
    if prof.links >= decide:
        plats = prof.link_platforms
        only = next(iter(plats)) if len(plats) == 1 else None
        labels = prof.distinct <= LABEL_LINK_DISTINCT_SHARE or prof.share("name") < confirm and column != "creator"
        why = f"{prof.links:.0%} of sampled rows have a hyperlink to a profile"
        if column == PROFILE or (labels and column not in ("creator", "handle")):
            return (PROFILE if platform or column == PROFILE else "profile_url"), platform or (
                only if column == PROFILE else None), "content", why + " (the cell text is only a label)"
        if column == "handle" and prof.share("word") + prof.share("at_handle") < HANDLE_COLUMN_SHARE:
            # an account column whose text is the account's name ("Cuisine de Marie" over its channel's
            # link): the link gives the handle, the text the name (a handle column's text is not lost)
            return "creator", platform, "header+content", why + "; the text is names, not handles: kept as the name"
        return column or "creator", platform, "header+content", why + "; the text is kept as the name"
    if prof.share("profile") >= decide and column not in (PROFILE,):
        return "profile_url", None, "content" if column != "profile_url" else "header+content", describe(
            prof, "profile")
    if prof.share("email") >= decide and column != "bio":  # (a bio header stays the bio: bios carry contacts)
        return "email", None, "content" if column != "email" else "header+content", describe(prof, "email")
    if prof.share("at_handle") >= decide and column not in (PROFILE, "handle"):
        return "handle", platform, "content", describe(prof, "at_handle")
    if prof.share("yt_channel_id") >= decide and column not in (PROFILE, "handle", "profile_url"):
        # "channel_id", "ID chaîne", "youtube_id" or no header: YouTube accounts ("id" is no rank here); the
        # account column when the sheet has no better one (`_channel_ids`)
        return "handle", "youtube", "content", describe(prof, "yt_channel_id") + ": YouTube accounts"
    if prof.share("name_handle") >= decide and column in (None, "creator", "handle"):
        return "creator", platform, "content", describe(prof, "name_handle") + ": split into creator and handle"
    if prof.share("platform") >= PLATFORM_COLUMN_SHARE and column not in ("platform", PROFILE, "category", "notes", "bio"):
        return "platform", None, "content", describe(prof, "platform")
    if column is None:
        return None, platform, "", ""
    kind = "profile" if column == PROFILE else kind_of(column)
    if kind == "count":
        if prof.share("number") >= confirm:
            return column, platform, "header+content", describe(prof, "number")
        if column == "avg_comments" and prof.share("text") + prof.share("word") + prof.share("name") >= confirm:
            return "notes", None, "header+content", describe(prof, "text") + ": notes, not a count"
        return None, platform, "header+content", f"the header says {column} but {describe(prof, 'number')}"
    if kind == "rate":
        if prof.share("money") >= confirm:
            return "price_quoted", None, "header+content", describe(prof, "money")
        rates = prof.share("rate") + prof.share("percent")
        if rates < confirm:
            return None, platform, "header+content", f"the header says {column} but {1 - rates:.0%} of {prof.n} " \
                "sampled cells are not rates (counts such as '17.8M', or text)"
        return column, platform, "header+content", f"{rates:.0%} of {prof.n} sampled cells are rates"
    if kind == "money" and column == "price_quoted":
        if prof.share("percent") >= confirm and prof.share("money") < CONTENT_MINOR_SHARE:
            return "engagement_rate", platform, "header+content", describe(prof, "percent")
        if prof.share("fraction") >= confirm and prof.share("money") < CONTENT_MINOR_SHARE and not meaning.exponent:
            # 0.024 under "Taux" or "Prix" (no "(k€)"): no creator's price is a fraction of a unit
            if "rate" in meaning.words:  # "Taux", "Rate": a rate or a price, and these cells are rates
                return "engagement_rate", platform, "header+content", describe(prof, "fraction") + \
                    " under 1, as rates are: not a price"
            return None, platform, "header+content", f"the header says a price but {describe(prof, 'fraction')} " \
                "under 1: no creator's price is; kept as is"
        if prof.share("number") + prof.share("money") + prof.share("money_word") < confirm:
            return None, platform, "header+content", f"the header says a price but {describe(prof, 'money')}"
        return column, platform, "header+content", describe(prof, "money") if prof.share("money") else describe(
            prof, "number")
    if kind == "date":
        if prof.share("date") >= confirm:
            return column, platform, "header+content", describe(prof, "date")
        if prof.share("stage") >= confirm:
            return "stage", None, "header+content", describe(prof, "stage")
        return None, platform, "header+content", f"the header names a date but {describe(prof, 'date')}"
    if column in ("profile_url", "handle") or column == PROFILE:
        usable = prof.share("profile") + prof.share("at_handle") + prof.share("word") + prof.share("url")
        if usable < confirm and prof.share("text") >= confirm:
            return None, platform, "header+content", f"the header says {column} but {describe(prof, 'text')}"
        return column, platform, "header+content", f"{usable:.0%} of sampled cells are links or handles"
    if column == "email" and prof.share("email") < confirm:
        return None, platform, "header+content", f"the header says e-mail but {describe(prof, 'email')}"
    if column in ("channel", "stage", "platform", "currency", "country", "language") and \
            prof.share("number") >= confirm:
        return None, platform, "header+content", f"the header says {column} but {describe(prof, 'number')}"
    if column == "channel" and prof.share("channel") < confirm and prof.share("word") + prof.share("name") >= confirm \
            and prof.distinct >= HANDLE_COLUMN_SHARE:
        return "handle", platform, "header+content", "channel names, not outreach channels"
    if column == "channel" and prof.share("channel") < CONTENT_MINOR_SHARE:
        # "Channel" holding channel names, titles, anything but DM / e-mail / agent: read as the outreach
        # channel every cell would be lost in an issue
        return None, platform, "header+content", "the header says an outreach channel but " + describe(
            prof, "channel")
    if column == "stage" and prof.share("stage") < CONTENT_MINOR_SHARE and prof.share("date") >= confirm:
        return None, platform, "header+content", "the header says a status but " + describe(prof, "date")
    if column == "stage" and prof.share("stage") < CONTENT_MINOR_SHARE:
        return None, platform, "header+content", "the header says a status but " + describe(prof, "stage") + \
            " influkit knows (the sheet's own words: kept as they are)"
    if column == "platform" and prof.share("platform") < CONTENT_MINOR_SHARE:
        return None, platform, "header+content", "the header says a network but " + describe(prof, "platform")
    return column, platform, "header", ""


_USER_RANK = {"--map": 0, "saved map": 1}  # who named a column, the first winning over the next and any guess


def map_columns(
    raw: RawSheet,
    overrides: dict[str, str] | None = None,
    platform: str | None = None,
    remembered: dict[str, str] | None = None,
) -> Mapping:
    """Decide how each column of the sheet is used (see `Decision`)."""
    forced = _by_key(overrides)
    saved = _by_key(remembered)
    present = {fold_key(h) for h in raw.headers}
    unknown = [given for key, (_, given) in forced.items() if key not in present]
    if unknown:
        raise UsageError(f"--map: no header {', '.join(map(repr, unknown))} in the sheet; headers are "
                         + ", ".join(map(repr, raw.headers)), file=raw.source, sheet=raw.sheet)
    m = Mapping()
    m.vendor = detect_vendor(raw.headers)
    proposals: list[tuple[int, str | None, str | None, str, str, list[str]]] = []
    channel_ids: list[int] = []  # columns of YouTube channel ids, the accounts unless a better column is
    # influkit's columns: those the workbook's hidden name marks (what `set` wrote there, a deal date or a
    # currency, is data and is read), and a run of influkit's labels (CSV; a workbook that lost the name)
    sheet_columns = raw.column_numbers
    by_position = influkit_run({sheet_columns[i]: h for i, h in enumerate(raw.headers)})
    by_run = {i for i in range(len(raw.headers)) if sheet_columns[i] in by_position}
    marked = {i for i in raw.influkit_columns or () if computed_label(raw.headers[i]) is not None}
    written = marked | by_run
    for i, header in enumerate(raw.headers):
        key = fold_key(header)
        meaning = understand_header(header)
        m.meanings[i] = meaning
        if key in forced:
            proposals.append((i, forced[key][0] or None, None, "--map", f"--map {forced[key][1]!r}", []))
            continue
        if key in saved:
            proposals.append((i, saved[key][0] or None, None, "saved map", "remembered from a --save-map", []))
            continue
        if header in DERIVED:  # influkit's own output read back
            m.derived[i] = header
            m.decisions.append(Decision(i, header, header, None, "influkit", "a column influkit writes"))
            continue
        label = column_of_label(header)
        if label is not None and label[0] in READ_BACK:  # "Type de ligne": influkit's output read back
            proposals.append((i, label[0], None, "influkit", "influkit's own column, read back", []))
            continue
        if i in written:  # `--in-place` wrote it ("Palier", "Prix estimé bas"): marked, or in a run of them
            m.ours.append(i)
            m.decisions.append(Decision(i, header, None, None, "influkit",
                                        "a column influkit wrote into the sheet: recomputed, not read ("
                                        + ("marked as influkit's by the workbook's hidden name _influkit_columns"
                                           if i in marked else "one of a run of influkit's labels right of your "
                                           "columns" if i in by_run else "a label only influkit writes") + ")"))
            continue
        derived = DERIVED_HEADERS.get(key)
        if derived is not None:  # the user's own "Lien suivi"; a second one ("Lien UTM") is kept as it is
            if derived in m.derived.values():
                m.extra[i] = header
                m.decisions.append(Decision(i, header, None, None, "header",
                                            f"a second {derived} column: kept as is"))
            else:
                m.derived[i] = derived
                m.decisions.append(Decision(i, header, derived, None, "header", f"the sheet's own {derived}"))
            continue
        prof = profile_column(raw.rows, i, raw.links)
        samples = prof.samples
        vendor = m.vendor
        if vendor is not None and key in vendor.er_headers:
            proposals.append((i, "vendor_er", meaning.platform, f"{vendor.name} export",
                              f"{vendor.name}'s own engagement rate", samples))
            continue
        if vendor is not None and key in vendor.columns:
            column = vendor.columns[key] or None
            proposals.append((i, column, None, f"{vendor.name} export", f"{vendor.name}'s {header!r} column",
                              samples))
            continue
        if vendor is not None and vendor.er_points and meaning.column == "engagement_rate":
            proposals.append((i, "vendor_er", meaning.platform, f"{vendor.name} export",
                              f"{vendor.name}'s own engagement rate, in percent points", samples))
            continue
        column, plat, by, why = _content_rule(meaning.column, meaning.platform, prof, meaning, raw.headerless)
        if column == "handle" and by == "content" and prof.share("yt_channel_id") >= CONTENT_DECIDES_SHARE:
            channel_ids.append(i)
        if column is None and not why:
            top = max(((k, v) for k, v in prof.shares.items() if k not in ("fraction", "rate")), default=None,
                      key=lambda kv: (kv[1], -_EVIDENCE_ORDER.index(kv[0]) if kv[0] in _EVIDENCE_ORDER else -99))
            why = (f"header words ({' + '.join(meaning.words)}) name nothing influkit reads" if meaning.words
                   else "no header word influkit reads") + (f"; {describe(prof, top[0])}" if top and prof.n else "")
            by = "header"
        if meaning.column is not None and by == "header":
            why = why or ("a known header" if meaning.how == "synonym" else f"header words: {' + '.join(meaning.words)}")
        proposals.append((i, column, plat, by or "header", why, samples))

    if m.ours:
        m.notes.append("columns influkit wrote earlier are recomputed, not read: "
                       + ", ".join(repr(raw.headers[i]) for i in m.ours))
    taken: dict[str, int] = {}
    wide_candidates: dict[int, tuple[str, str]] = {}
    # a column the user named (--map, then a saved map) is that field whatever column comes first: a guess
    # for the same field gives way, kept as is and said (README: --map overrides the guess)
    claimed: dict[str, tuple[int, str]] = {}
    for i, column, _, by, _, _ in sorted(proposals, key=lambda p: _USER_RANK.get(p[3], len(_USER_RANK))):
        if by in _USER_RANK and column is not None:
            claimed.setdefault("profile_url" if column == PROFILE else column, (i, by))
    for i, column, plat, by, why, samples in proposals:
        header = raw.headers[i]
        decision = Decision(i, header, column, plat, by, why, samples)
        m.decisions.append(decision)
        owner = claimed.get("profile_url" if column == PROFILE else column or "")
        if column not in (None, "email") and owner is not None and owner[0] != i and (
                by not in _USER_RANK or _USER_RANK[by] > _USER_RANK[owner[1]]):
            given = raw.headers[owner[0]]
            decision.column = None
            decision.evidence = (why + "; " if why else "") + (
                f"{owner[1]} gives {column} to {given!r}: kept as is")
            m.notes.append(f"{header!r} would be read as {column} ({by}), but {owner[1]} gives {column} to "
                           f"{given!r}: {header!r} is kept as is")
            column = None
        if column is None:
            m.extra[i] = header
            continue
        if i in channel_ids:
            continue  # the accounts or kept as is, once the sheet's other account columns are known
        if plat is not None and (column == PROFILE or column in _PER_ACCOUNT) and by not in ("--map", "saved map"):
            wide_candidates[i] = (column, plat)
            continue
        if column == PROFILE:
            column = "profile_url"
            decision.column = column
        if column == "email":  # every e-mail column is read; the one the user named gives `email`
            named = owner is not None and owner[0] == i
            m.emails.insert(0, i) if named else m.emails.append(i)
            if "email" not in taken or named:
                m.canonical.pop(taken.get("email", i), None)
                taken["email"] = i
                m.canonical[i] = "email"
            continue
        if column in ("first_name", "last_name"):
            if column not in m.name_parts:
                m.name_parts[column] = i
            else:
                m.extra[i] = header
                decision.column = None
            continue
        if column == "vendor_er":
            m.vendor_er[i] = plat
            continue
        if column in DERIVED:  # "Date dernier post": a column influkit also computes (last_post_on)
            if column not in taken:
                m.derived[i] = column
                taken[column] = i
            else:
                m.extra[i] = header
                decision.column = None
            continue
        if column not in taken:
            m.canonical[i] = column
            taken[column] = i
            if column == "profile_url" and raw.links and "hyperlink" in why or column == "creator" and "hyperlink" in why:
                m.link_columns.append(i)
            if column == "creator" and "split into creator and handle" in why:
                m.name_handle = i
        else:
            m.extra[i] = header
            decision.column = None
            decision.evidence = (decision.evidence + "; " if decision.evidence else "") + (
                f"{column} already comes from {raw.headers[taken[column]]!r}: kept as is")
            if column == "creator" and "hyperlink" in why:  # (its links still give the rows' accounts)
                m.link_columns.append(i)
    _resolve_wide(raw, m, taken, wide_candidates)
    _own_kept_links(raw, m, taken)
    platform = platform or m.default_platform
    if platform is None and raw.platform and "platform" not in taken and not m.wide:
        platform = raw.platform
        m.notes.append(f"tab {raw.sheet!r} is named after {platform}: platform set to {platform}"
                       + (f" (the title on row {raw.title[0]}, {raw.title[1]!r}, names another network)"
                          if raw.title and platform_of_name(raw.title[1]) != platform else ""))
    if platform is None and raw.title and "platform" not in taken and not m.wide:
        platform = platform_of_name(raw.title[1])
        m.notes.append(f"the title on row {raw.title[0]} ({raw.title[1]!r}) names {platform}: "
                       f"platform set to {platform}")
    _channel_ids(raw, m, taken, channel_ids)  # (before `_names`: ids name the accounts better than a name does)
    _names(raw, m, taken)
    _lifetime_totals(raw, m, taken)
    if platform is None and "platform" not in taken and not m.wide:
        hinted = {p for h in raw.headers if (p := platform_of_name(h))}
        if len(hinted) == 1:
            platform = hinted.pop()
            m.notes.append(f"headers mention {platform} only: platform set to {platform}")
    m.default_platform = platform
    if m.vendor is not None:
        m.notes.append(f"recognised a {m.vendor.name} export ({m.vendor.source})")
    if not m.canonical and not m.wide and raw.rows:
        m.notes.append("no known column found: check the header row (row "
                       f"{raw.header_row}) or name columns with --map \"Header=column\" (see `influkit columns`)")
    for i in sorted(m.extra):  # influkit's own `sheet` column read back (the tab each row came from)
        if raw.headers[i] == "sheet" and "sheet" not in taken and not m.wide:
            del m.extra[i]
            m.canonical[i] = "sheet"
            taken["sheet"] = i
            _redecide(m, i, "sheet", "header", "influkit's own column: the tab each row came from")
    # a kept column never takes the name of a column influkit writes (it would be listed twice)
    taken_names: set[str] = {BY_NAME[c].name for c in m.canonical.values()} | set(BY_NAME) | set(DERIVED)
    for i in sorted(m.extra):
        m.extra[i] = _unique_name(m.extra[i], taken_names)
        taken_names.add(m.extra[i])
    for d in m.decisions:
        d.sheet_column = raw.column_numbers[d.index] if d.index < len(raw.column_numbers) else d.index + 1
    m.decisions.sort(key=lambda d: d.index)
    if raw.headerless:
        m.notes.insert(0, _headerless_note(raw, m))
    return m


def _shown_cell(value: Any) -> str:
    """A cell as a note quotes it: a whole number without its ".0", a long text cut."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return text if len(text) <= 40 else text[:39] + "…"


def _headerless_note(raw: RawSheet, m: Mapping) -> str:
    """The line saying a tab has no header row (`read.reads_as_data`): its first row, that every row was
    read, the columns its cells made known and those kept as they are, with what they hold."""
    first = [_shown_cell(c) for c in (raw.rows[0] if raw.rows else []) if not P.is_missing(c)]
    where = f"tab {raw.sheet!r}" if raw.sheet else "the file"
    known = [f"{d.header} -> {d.column}" for d in m.decisions if d.column is not None]
    known += [f"{raw.headers[i]} -> {c}" for i, (c, _) in sorted(m.wide.items()) if c is not None]
    kept = []
    for i in sorted(m.extra):
        prof = profile_column(raw.rows, i, raw.links)
        top = max(((k, v) for k, v in prof.shares.items() if k not in ("fraction", "rate")), default=None,
                  key=lambda kv: (kv[1], -_EVIDENCE_ORDER.index(kv[0]) if kv[0] in _EVIDENCE_ORDER else -99))
        kept.append(raw.headers[i] + (f" ({describe(prof, top[0]).split(' are ', 1)[1]})" if top else ""))
    row = raw.row_numbers[0] if raw.row_numbers else raw.header_row + 1
    return (f"{where} has no header row: row {row} is already data ("
            + " | ".join(first[:6]) + (" | ..." if len(first) > 6 else "")
            + "), every row is read; columns named by position and recognised by their cells: "
            + (", ".join(known) if known else "none")
            + ("; kept as is: " + ", ".join(kept) + f' (--map "{raw.headers[sorted(m.extra)[0]]}=FIELD" reads one as a field: `influkit columns` lists them)'
               if kept else ""))


_KEPT_LINKS = re.compile(r".+ \(URL\)(?: \(\d+\))?")


def _own_kept_links(raw: RawSheet, m: Mapping, taken: dict[str, int]) -> None:
    """influkit's own output read back: its "X (URL)" column holds the links that were no profile (kept
    beside X), never the profile links, which are in its `profile_url` column (empty or not)."""
    i = taken.get("profile_url")
    ours = "profile_url" in raw.headers or {"platform", "handle", "duplicate_of"} <= set(raw.headers)
    if i is None or not _KEPT_LINKS.fullmatch(raw.headers[i]) or not ours:
        return
    del m.canonical[i]
    del taken["profile_url"]
    m.extra[i] = raw.headers[i]
    _redecide(m, i, None, None, "influkit's column of the links that name no profile: kept as is")
    if "profile_url" in raw.headers:
        own = raw.headers.index("profile_url")
        m.extra.pop(own, None)
        m.canonical[own] = "profile_url"
        taken["profile_url"] = own
        _redecide(m, own, "profile_url", "header", None)


def _resolve_wide(raw: RawSheet, m: Mapping, taken: dict[str, int], wide: dict[int, tuple[str, str]]) -> None:
    """Per-network columns: one account per network and row (a wide sheet), the sheet's own columns (a
    single network), or the person's other accounts kept as they are (rows already name their account)."""
    if not wide:
        return
    row_account = "platform" in taken and ("handle" in taken or "profile_url" in taken)
    with_accounts = {p for c, p in wide.values() if c == PROFILE}
    if with_accounts and not row_account:
        # a number of a network the sheet names no account of ("YT Subs" beside "IG handle"): no row of
        # that network can be made (it would be an account without a name), and it must not take the
        # sheet's own "Followers" away from the accounts it has: kept as is
        for i, (_column, p) in list(wide.items()):
            if p not in with_accounts:
                del wide[i]
                m.extra[i] = raw.headers[i]
                _redecide(m, i, None, None, f"no {p} account (handle or link column) on this sheet: kept as is")
        if not wide:
            return
    platforms = {p for _, p in wide.values()}
    only_links = all(c == PROFILE for c, _ in wide.values())
    if (m.vendor is not None and m.vendor.other_profiles) or (row_account and only_links):
        for i, (column, p) in wide.items():
            if column == "vendor_er":
                m.vendor_er[i] = p
                continue
            m.extra[i] = raw.headers[i]
            _redecide(m, i, None, "header+content",
                      f"a link to the person's {p} account: rows already name their own account, kept as is")
        return
    if len(platforms) == 1:
        (only,) = platforms
        for i, (column, p) in sorted(wide.items()):
            target = column
            if column == PROFILE:  # links or handles of the one network: the handle column, else the links'
                target = next((t for t in ("handle", "profile_url") if t not in taken), "handle")
            if target == "vendor_er":
                m.vendor_er[i] = p
            elif target not in taken:
                m.canonical[i] = target
                taken[target] = i
                _redecide(m, i, target, None, None)
            else:
                m.extra[i] = raw.headers[i]
                _redecide(m, i, None, None, f"{target} already comes from {raw.headers[taken[target]]!r}")
        if "platform" not in taken:
            m.notes.append(f"columns name {only}: platform set to {only}")
            m.default_platform = only
        return
    for i, (column, p) in wide.items():
        if column == "vendor_er":
            m.vendor_er[i] = p  # read per account below; also marks which networks a row has
        if (column, p) in m.wide.values():
            m.extra[i] = raw.headers[i]
            _redecide(m, i, None, None, f"a second {p} {column} column: kept as is")
        else:
            m.wide[i] = (column, p)
    # a person-level column of a number each network gives ("Total abonnés" beside Instagram and TikTok
    # "Abonnés"): a total over the accounts, kept as it is (each row takes its own network's number)
    per_network = {c for c, _ in m.wide.values() if c not in (PROFILE, "vendor_er")}
    for i, column in list(m.canonical.items()):
        if column in per_network:
            del m.canonical[i]
            taken.pop(column, None)
            m.extra[i] = raw.headers[i]
            _redecide(m, i, None, None, f"each network's own column gives {column}: this one is over the "
                                        "person's accounts, kept as is")


def _channel_ids(raw: RawSheet, m: Mapping, taken: dict[str, int], columns: Sequence[int]) -> None:
    """A column of YouTube channel ids (`P.is_youtube_channel_id`: "UC" + 22 characters), whatever its
    header ("channel_id", "ID chaîne", "youtube_id", none), names each row's YouTube account when the
    sheet has no better account column: it is the handle, and `_identify` gives its rows the network
    YouTube. A handle or profile link column (or profile hyperlinks) wins: the ids are then kept as is."""
    for i in columns:
        header = raw.headers[i]
        decision = next(d for d in m.decisions if d.index == i)
        better = [raw.headers[taken[c]] for c in ("handle", "profile_url") if c in taken] + [
            raw.headers[j] for j, (c, _) in sorted(m.wide.items()) if c == PROFILE] + [
            raw.headers[j] for j in m.link_columns]
        if better:
            m.extra[i] = header
            _redecide(m, i, None, None, f"{decision.evidence}; the accounts come from {better[0]!r}: kept as is")
            continue
        m.canonical[i] = "handle"
        taken["handle"] = i
        m.notes.append(f"column {header!r} holds YouTube channel ids: read as the rows' YouTube accounts (handle)")


def _lifetime_totals(raw: RawSheet, m: Mapping, taken: dict[str, int]) -> None:
    """A column read as an average per post (views, likes, comments, shares) that holds each account's
    lifetime totals (`columns.lifetime_totals`: the YouTube API's viewCount under "views") is kept as is
    under its own header, not read as the average, and said in one note; a column of that average the
    sheet also has ("Avg views" beside it) is then read instead, by the same rule. A network's own column
    of a wide sheet ("YT views") is measured against that network's followers ("YT subs")."""
    where = raw.source + (f" (tab {raw.sheet!r})" if raw.sheet and len(raw.sheet_names) > 1 else "")
    wide_followers = {p: j for j, (c, p) in m.wide.items() if c == "followers"}
    pairs = [(c, j, taken.get("followers")) for c in AVERAGE_PER_POST if (j := taken.get(c)) is not None] + [
        (c, j, wide_followers.get(p)) for j, (c, p) in sorted(m.wide.items()) if c in AVERAGE_PER_POST]
    for column, index, followers in pairs:
        i: int | None = index
        while i is not None and followers is not None:
            decision = next(d for d in m.decisions if d.index == i)
            if decision.by not in ("header", "header+content", "content"):
                break  # --map, a saved map, a vendor's format: the user or the format says what it is
            header = raw.headers[i]
            ratio = lifetime_totals(header, raw.rows, i, followers,
                                    (header_exponent(header), header_exponent(raw.headers[followers])))
            if ratio is None:
                break
            if m.wide.pop(i, None) is None:
                del m.canonical[i]
                del taken[column]
            m.extra[i] = header
            why = (f"lifetime totals, not an average per post: its median row is {ratio:,.0f} times the "
                   f"followers ({raw.headers[followers]!r})")
            _redecide(m, i, None, "header+content", why + ": kept as is")
            m.notes.append(f"{where}: column {header!r} holds {why}; kept as is under its own header, not read "
                           f"as {column}")
            if column in taken:
                break  # (a network's own column: the sheet's own average stays where it is)
            i = next((j for j in sorted(m.extra) if j != i and m.meanings[j].column == column
                      and "already comes from" in next(d for d in m.decisions if d.index == j).evidence), None)
            if i is not None:
                del m.extra[i]
                m.canonical[i] = column
                taken[column] = i
                _redecide(m, i, column, "header", f"{column} ({raw.headers[i]!r}) instead of {header!r}, "
                                                  "which holds lifetime totals")


def _redecide(m: Mapping, i: int, column: str | None, by: str | None, why: str | None) -> None:
    for d in m.decisions:
        if d.index == i:
            d.column = column
            if by:
                d.by = by
            if why:
                d.evidence = why
            return


def _names(raw: RawSheet, m: Mapping, taken: dict[str, int]) -> None:
    """First and last names, a name column full of handles, a "Nom" beside a "Prénom"."""
    parts = m.name_parts
    if "first_name" in parts and "creator" in taken and "last_name" not in parts:
        i = taken["creator"]
        if m.meanings[i].words in (("nom",), ("name",)) and m.name_handle != i:
            del m.canonical[i]
            del taken["creator"]
            parts["last_name"] = i
            _redecide(m, i, "last_name", None, "'Nom' beside a first-name column is the last name")
    # A "name" column full of handles, on a sheet without a handle column, is the handle column; not a
    # title ("channel_title": a YouTube channel's title is its display name, "Arnaud" no @arnaud)
    if "handle" not in taken and "profile_url" not in taken and "creator" in taken and not m.wide \
            and not m.link_columns and m.name_handle is None and "title" not in m.meanings[taken["creator"]].words:
        i = taken["creator"]
        prof = profile_column(raw.rows, i)
        single = prof.share("word") + prof.share("at_handle")
        if prof.n and single >= HANDLE_COLUMN_SHARE:
            del m.canonical[i]
            m.canonical[i] = "handle"
            taken["handle"] = i
            del taken["creator"]
            _redecide(m, i, "handle", "header+content", f"{single:.0%} of sampled cells are single handle-like "
                                                        "words: used as handle")
            m.notes.append(f"column {raw.headers[i]!r} holds handles: used as handle")
            for j in list(m.extra):
                if m.meanings[j].column == "creator":
                    del m.extra[j]
                    m.canonical[j] = "creator"
                    taken["creator"] = j
                    _redecide(m, j, "creator", None, "the second name column, with the handles beside it")
                    break
    _handles_that_are_names(raw, m, taken)
    if "creator" not in taken and parts:
        for p in parts.values():
            _redecide(m, p, "creator", None, "part of the creator's name")
    elif parts:  # a creator column already names the person: the first and last names are kept as they are
        for p in parts.values():
            m.extra[p] = raw.headers[p]
            _redecide(m, p, None, None, "a name beside the creator column: kept as is")
        parts.clear()


def _handles_that_are_names(raw: RawSheet, m: Mapping, taken: dict[str, int]) -> None:
    """A column the header calls the account ("Chaîne", "Compte", "Channel name") whose cells are names
    with spaces ("Cuisine de Marie"), which no network allows in a handle: the accounts' display names.
    With a link column giving each row's account (or when nearly every cell is such a name), it is the
    creator column when the sheet has none, else kept as is; the handles then come from the links, and
    no row gets a handle made from a name or a name's issue."""
    i = taken.get("handle")
    if i is None:  # (or the cells already set it aside: "the header says handle but ... free text")
        i = next((j for j in sorted(m.extra) if m.meanings[j].column == "handle"), None)
        if i is None or "creator" in taken:
            return
    decision = next((d for d in m.decisions if d.index == i), None)
    if decision is None or decision.by in ("--map", "saved map"):
        return
    prof = profile_column(raw.rows, i, raw.links)
    names = prof.share("text")  # (cells with a space and nothing else: not @handles, links or "Name (@x)")
    linked = "profile_url" in taken or any(c == PROFILE for c, _ in m.wide.values())
    if not prof.n or names < (CONTENT_CONFIRMS_SHARE if linked else HANDLE_COLUMN_SHARE):
        return
    if not linked and "creator" in taken:
        return  # (nothing else gives the rows their accounts: left to the handle's issues)
    if taken.get("handle") == i:
        del m.canonical[i]
        del taken["handle"]
    m.extra.pop(i, None)
    why = f"{describe(prof, 'text')}, names with spaces no handle has"
    if "creator" not in taken:
        m.canonical[i] = "creator"
        taken["creator"] = i
        _redecide(m, i, "creator", "header+content", why + ": used as the creator's name")
        m.notes.append(f"column {raw.headers[i]!r} holds names, not handles: used as the creator's name"
                       + (", the handles read from the links" if linked else ""))
    else:
        m.extra[i] = raw.headers[i]
        _redecide(m, i, None, "header+content", why + f"; the creator comes from "
                  f"{raw.headers[taken['creator']]!r} and the handles from the links: kept as is")
        m.notes.append(f"column {raw.headers[i]!r} holds names, not handles: kept as is, the handles read "
                       "from the links")


# ------------------------------------------------------------------------------------------ table


class _OneRowEach(Sequence[tuple[int, str | None]]):
    """The rows of a sheet that is not wide: output row k is raw row k, on no particular network ((k,
    None) for each), without a tuple per row."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __len__(self) -> int:
        return self.n

    @overload
    def __getitem__(self, k: int) -> tuple[int, str | None]: ...

    @overload
    def __getitem__(self, k: slice) -> Sequence[tuple[int, str | None]]: ...

    def __getitem__(self, k: int | slice) -> tuple[int, str | None] | Sequence[tuple[int, str | None]]:
        if isinstance(k, slice):
            return [(r, None) for r in range(self.n)[k]]
        return range(self.n)[k], None

    def __iter__(self) -> Iterator[tuple[int, str | None]]:
        return zip(range(self.n), repeat(None))


def normalize(
    raw: RawSheet,
    *,
    overrides: dict[str, str] | None = None,
    platform: str | None = None,
    remembered: dict[str, str] | None = None,
) -> Table:
    """Canonical table of a raw sheet. Every raw row yields at least one output row, in order."""
    with progress.step("normalising" + (f" [{raw.sheet}]" if len(raw.sheet_names) > 1 else ""),
                       unit="columns") as tick:
        return _normalize(raw, overrides=overrides, platform=platform, remembered=remembered, tick=tick)


def _normalize(raw: RawSheet, *, overrides: dict[str, str] | None, platform: str | None,
               remembered: dict[str, str] | None, tick: progress.Tick) -> Table:
    """`normalize`, telling `tick` the columns read (the sheet's columns, one more for the accounts and
    one for the checks)."""
    if platform is not None:
        try:
            platform = P.parse_platform(platform)
        except P.ParseError as exc:
            raise UsageError(f"--platform: {exc}") from exc
    m = map_columns(raw, overrides, platform, remembered)
    steps = len(m.canonical) + len(m.extra) + 2
    done = 0
    tick(done, steps)
    # output rows: one per raw row, or one per account on wide sheets
    expand: Sequence[tuple[int, str | None]]  # (raw row index, wide platform) of each output row
    wide_platforms: list[str] = []
    for _, p in m.wide.values():
        if p not in wide_platforms:
            wide_platforms.append(p)
    accounts_of_row: list[int] = []
    if wide_platforms:
        by_platform_cols: dict[str, list[int]] = {}
        for i, (_, wp) in m.wide.items():
            by_platform_cols.setdefault(wp, []).append(i)
        accounts: list[tuple[int, str | None]] = []
        for r, cells in enumerate(raw.rows):
            found = [p for p in wide_platforms if any(not P.is_missing(cells[i]) for i in by_platform_cols[p])]
            accounts_of_row.append(len(found))
            accounts.extend((r, p) for p in found) if found else accounts.append((r, None))
        expand = accounts
    else:
        expand = _OneRowEach(len(raw.rows))

    table = Table(source=raw.source, sheet=raw.sheet)
    # influkit's own output read back (its column names): its rates are raw fractions; a vendor template's
    # lone `engagement_rate` column may be in percentage points
    table.meta["own_output"] = len(_OWN_NAMES & set(raw.headers)) >= 2
    table.source_rows = list(raw.row_numbers) if isinstance(expand, _OneRowEach) else [
        raw.row_numbers[r] for r, _ in expand]
    table.meta.update(
        header_row=raw.header_row,
        headerless=raw.headerless,
        input_rows=len(raw.rows),
        blank_rows=raw.blank_rows,
        encoding=raw.encoding,
        delimiter=raw.delimiter,
        notes=[*raw.notes, *m.notes],
        wide_platforms=wide_platforms,
        vendor=m.vendor.name if m.vendor else None,
        default_platform=m.default_platform,
        columns=[d.to_dict() for d in m.decisions],
        layout=[_layout(raw)],
        format=raw.format,
    )
    index: Sequence[int] = range(len(expand)) if isinstance(expand, _OneRowEach) else [r for r, _ in expand]
    identity = len(expand) == len(raw.rows)

    def column_values(i: int) -> list[Any]:
        return [raw.rows[r][i] for r in index] if not identity else list(map(itemgetter(i), raw.rows))

    n = len(expand)
    profile_cells: list[Any] = [None] * n
    handle_cells: list[Any] = [None] * n
    platform_cells: list[Any] = [None] * n
    dates: list[DateColumn] = []  # read together: a column's order or year may come from the others
    for i, column in m.canonical.items():
        done += 1
        tick(done)
        header = raw.headers[i]
        table.mapped[column] = header
        values = column_values(i)
        if kind_of(column) == "date":
            table.data[column] = values  # in its place; read below
            dates.append(DateColumn(values, column, header, shown=partial(_shown_order, raw, i, index, values)))
        elif column == "profile_url":
            profile_cells = _labels_out(raw, i, index, values)
        elif column == "handle":
            handle_cells = _labels_out(raw, i, index, _behind_labels(raw, i, index, values))
        elif column == "platform":
            platform_cells = values
        elif column == "price_quoted":
            read_prices(table, values, header, m.meanings[i])
            _format_currencies(table, raw, i, index, values)
        elif column in ("currency", "email"):
            continue  # read with the prices, and from every e-mail column (`_emails`), below
        elif column == "creator" and (m.name_handle == i):
            names, handles = _split_names(values)
            handles = _labels_out(raw, i, index, handles)
            table.data["creator"] = names
            handle_cells = [h if h is not None else c for h, c in zip(handles, handle_cells, strict=True)]
            if "handle" not in table.mapped:
                table.mapped["handle"] = f"{header} (the @handle in the name)"
        else:
            table.data[column] = convert_column(values, column, header, table, meaning=m.meanings[i],
                                                percent_cells=_percent_cells(raw, i, index))
            if column == "stage":
                vocab = _stage_vocab(values, table.data[column])
                table.meta["stage_vocab"] = vocab
                table.meta["stage_words"] = _team_words(vocab)
                said = _stage_said(values, table.data[column])
                if said is not None:  # the team's own word where it says more than the stage ("relancé 2x")
                    table.data["stage_said"] = said
                    table.mapped["stage_said"] = header
    for i, column in m.derived.items():
        if kind_of(column) == "date":  # "Date dernier post" read as last_post_on
            values = column_values(i)
            dates.append(DateColumn(values, column, raw.headers[i], shown=partial(_shown_order, raw, i, index, values)))
            if raw.headers[i] != column:
                table.mapped[column] = raw.headers[i]
    for c, values in zip(dates, read_dates(dates, table) if dates else [], strict=True):
        table.data[c.column] = values
    _merge_currency(table, raw, m, column_values)
    link_cells, link_columns = _links(raw, m, expand)
    if m.name_parts and "creator" not in table.data:
        table.data["creator"] = _join_names(raw, m, column_values)
        table.mapped["creator"] = " + ".join(raw.headers[i] for i in sorted(m.name_parts.values()))
    if m.emails:
        _emails(table, m, raw, column_values)
    elif "bio" in table.data:
        _emails_in_bio(table)

    if wide_platforms:
        profile_cells, platform_cells = _wide(raw, m, table, expand, accounts_of_row, profile_cells,
                                              platform_cells)
    if m.vendor_er:
        _vendor_er(raw, m, table, expand, platform_cells, profile_cells)

    kinds = row_kinds(raw, m.canonical, m.wide, index, m.ours)
    if "row_kind" in table.data:  # influkit's own output read back: its row kinds stand
        kinds = _given_row_kinds(table, kinds)
    for column in ("price_note", "price_tax"):  # influkit's xlsx read back shows them in words ("cadeau")
        if column in table.data:
            table.data[column] = [code_of_word(column, v) or v if isinstance(v, str) else v
                                  for v in table.data[column]]
    if any(kinds):
        table.data["row_kind"] = kinds
        table.clear_issues([k for k, kind in enumerate(kinds) if kind])  # a header repeated reads as no number
    else:
        table.data.pop("row_kind", None)
    sections = section_platforms(raw, kinds, index)
    _identify(table, platform_cells, handle_cells, profile_cells, (link_cells, link_columns), m, raw.headers, kinds,
              sections)
    done += 1
    tick(done)

    # a sheet's own value of a column influkit computes (engagement rate, tier) is kept too, as it was: under
    # its header, or "engagement_rate (sheet)" when the header is influkit's name (an Airtable, Notion or API
    # export writes `engagement_rate`), unless the sheet is influkit's own output read back (it has the
    # columns influkit writes beside them: er_method, trend...), whose values are recomputed
    own_output = any(h in DERIVED or h in _OUTPUT_MARKS for h in raw.headers)
    for i, column in m.canonical.items():
        if BY_NAME[column].computed and not (raw.headers[i] == column and own_output):
            name = raw.headers[i] if raw.headers[i] != column else f"{column} (sheet)"
            m.extra[i] = _unique_name(name, set(table.data) | set(m.extra.values()))
    for i, column in m.derived.items():
        if kind_of(column) != "date":
            table.data[column] = convert_column(column_values(i), column, raw.headers[i], table)
            if raw.headers[i] != column:  # the sheet's own ("Lien suivi"): in place leaves it to the sheet
                table.mapped[column] = raw.headers[i]
    linked = _linked_columns(raw, index)
    for i in _profile_link_columns(m):
        linked.pop(i, None)  # their links are the profile links
    wide_rows = wide_platforms and any(p is not None for _, p in expand)
    for i, name in sorted(m.extra.items()):
        done += 1
        tick(done)
        table.extra_columns.append(name)
        table.data[name] = [verbatim(v) for v in column_values(i)]
        only = m.meanings[i].platform if wide_rows and i in m.meanings else None
        if only is not None:  # one row per account: a column about one network ("IG AQS") stays on its rows
            table.data[name] = [v if p in (only, None) else None
                                for v, (_, p) in zip(table.data[name], expand, strict=True)]
        if i in linked:
            _keep_links(table, m, raw.headers[i], name, linked.pop(i))
    keep_number_formats(table, raw, m.extra, index)
    _engagement_counts(table, m)
    for i, targets in linked.items():  # a column influkit reads whose cells hide links ("Contrat" -> a file)
        _keep_links(table, m, raw.headers[i], raw.headers[i], targets)

    _stage_boxes(table, raw, m)
    _date_order_issues(table)
    _stage_date_issues(table)
    _future_date_issues(table)
    _cell_issues(raw, table, expand)
    _formula_errors(raw, table, m, expand)
    _mark_duplicates(table)
    _snapshot_series(table, raw, m)
    _row_dates(table, raw, m)
    tick(steps)
    table.data.setdefault("issues", table.empty_column())  # a row's first issue gives it its own list
    if len(table) and any(table.get("handle")) and not any(table.get("platform")):
        table.meta["notes"].append(
            "no platform found for any row: accounts cannot be recorded or matched; say which network with "
            "--platform instagram (or tiktok, youtube...), or add a platform or profile-link column")
    return table


def _engagement_counts(table: Table, m: Mapping) -> None:
    """A kept column of average engagements per post ("Engagement avg") gives the engagement rate of the
    rows with neither likes nor a rate (`metrics.engagement`, by the same rule): its decision says so, so
    `inspect` shows what `enrich` does with it; the other such columns say which one is read."""
    chosen, others = engagement_counts_column(table.extra_columns, table.has)
    if chosen is None:
        return
    for d in m.decisions:
        name = m.extra.get(d.index)
        if name == chosen:
            d.evidence = ("kept as is, and read for the engagement rate of the rows with neither likes nor a "
                          "rate: average engagements per post / followers (or as rates when its numbers are "
                          "rates), said in er_method")
        elif name in others:
            d.evidence = (f"kept as is: the engagement rate of the rows with neither likes nor a rate comes "
                          f"from {chosen!r}")
    table.meta["columns"] = [d.to_dict() for d in m.decisions]
    table.meta["notes"].append(f"{chosen!r} (average engagements per post) gives the engagement rate of the "
                               "rows with neither likes nor a rate")


def _layout(raw: RawSheet) -> dict[str, Any]:
    return {"sheet": raw.sheet, "header_row": raw.header_row, "header_rows": raw.header_rows,
            "columns": [{"header": h, "column": c} for h, c in zip(raw.headers, raw.column_numbers, strict=True)],
            "rows": len(raw.rows)}


def _links(raw: RawSheet, m: Mapping, expand: Sequence[tuple[int, str | None]]
           ) -> tuple[list[str | None], list[int | None]]:
    """Per output row, the profile link behind a cell (a hyperlink of a link column), and the column it
    is behind. A row of a wide sheet (one row per network) has none here: its own network's column
    gives its link (`_wide`), never another network's."""
    out: list[str | None] = [None] * len(expand)
    where: list[int | None] = [None] * len(expand)
    if not raw.links:
        return out, where
    columns = _profile_link_columns(m)
    for k, (r, network) in enumerate(expand):
        if network is not None:
            continue
        for i in columns:
            url = raw.links.get((r, i))
            if url is not None:
                plat = P.parse_profile(url)[0]
                if plat is not None:
                    out[k], where[k] = url, i
                    break
    return out, where


def _behind_labels(raw: RawSheet, i: int, index: Sequence[int], values: list[Any]) -> list[Any]:
    """A column's cells, each hyperlinked cell read as its link when the link names a network ("Profil",
    "Voir la vidéo" over an Instagram link in a column titled "Instagram"): its text is then a label."""
    if not raw.links:
        return values
    out = list(values)
    for k, r in enumerate(index):
        url = raw.links.get((r, i))
        if url is not None and P.parse_profile(url)[0] is not None:
            out[k] = url
    return out


def _labels_out(raw: RawSheet, i: int, index: Sequence[int], values: list[Any]) -> list[Any]:
    """A column's cells read for an account, without the labels of links influkit could not read
    (`raw.labels`: "Voir" over a HYPERLINK() of another sheet's cell names no account "voir")."""
    if not raw.labels:
        return values
    out = list(values)
    for k, r in enumerate(index):
        if (r, i) in raw.labels:
            out[k] = None
    return out


def _keep_links(table: Table, m: Mapping, header: str, name: str, targets: list[str | None],
                said: str = "the links behind the cells of {header!r} are kept in {name!r}") -> None:
    """The links behind a column's cells ("voir le site") kept beside it, never lost: `<name> (URL)`
    (`said`: the note that says so)."""
    url_name = _unique_name(f"{name} (URL)", set(table.data) | set(m.extra.values()))
    table.extra_columns.append(url_name)
    table.data[url_name] = targets
    note = said.format(header=header, name=url_name)
    table.meta["notes"].append(note)
    table.meta.setdefault("link_columns", {})[url_name] = note  # (not written back into the user's sheet)


def _profile_link_columns(m: Mapping) -> list[int]:
    """The columns whose hyperlinks are read as profile links (see _links)."""
    columns = list(m.link_columns) or [i for i in m.canonical if m.canonical[i] in ("profile_url", "creator",
                                                                                     "handle")]
    return columns + [i for i, (c, _) in m.wide.items() if c == PROFILE]


def _linked_columns(raw: RawSheet, index: Sequence[int]) -> dict[int, list[str | None]]:
    """Per column, the hyperlink target of each output row, for the columns where some link differs
    from its cell's text (a link behind a label such as "voir le site" or "Profil"; a pasted URL that
    Excel made clickable says nothing more)."""
    found: set[int] = set()
    for (r, i), url in raw.links.items():
        if i not in found and r < len(raw.rows):
            cell = raw.rows[r][i]
            if not (isinstance(cell, str) and cell.strip() == url.strip()):
                found.add(i)
    return {i: [raw.links.get((r, i)) for r in index] for i in sorted(found)}


def _percent_cells(raw: RawSheet, i: int, index: Sequence[int]) -> Callable[[], set[int]] | None:
    """For column `i` of a workbook: what gives the output rows whose cell is formatted as a percentage."""
    formats = raw.formats
    if formats is None:
        return None

    def found() -> set[int]:
        rows = formats.rows(raw.column_numbers[i])
        return {k for k, r in enumerate(index) if raw.row_numbers[r] in rows} if rows else set()

    return found


def _format_currencies(table: Table, raw: RawSheet, i: int, index: Sequence[int], values: list[Any]) -> None:
    """A price typed as a number in a cell whose format shows a currency ('[$$-409]#,##0.00' shows
    $1,200.00) is in that currency (read before a currency column or the default currency)."""
    currencies = table.data.get("_price_currency_cells")
    if raw.formats is None or currencies is None:
        return
    bare = [k for k, v in enumerate(values) if type(v) in (int, float) and currencies[k] is None]
    if not bare:
        return
    from .workbook import format_currency

    rows: dict[int, list[int]] = {}
    for k in bare:
        rows.setdefault(raw.row_numbers[index[k]], []).append(k)
    # the whole column when the workbook shows currencies at all: a sheet sorted by country may turn from €
    # to $ after its first rows, and a price's currency is no matter of display
    shared, own = raw.formats.column_formats(raw.column_numbers[i], set(rows), whole=raw.formats.shows_currency())
    default = format_currency(shared[1]) if shared else None
    for row, ks in rows.items():
        fmt = own.get(row)
        found = format_currency(fmt[1]) if fmt is not None else default
        for k in ks:
            currencies[k] = found


def _shown_order(raw: RawSheet, i: int, index: Sequence[int], values: list[Any]) -> bool | None:
    """The day/month order the date cells of column `i` are shown in, from their number formats (most of
    them: dd/mm/yyyy is day first, mm/dd/yyyy month first, `P.date_format_order`); None when the workbook
    does not say (no date cell, a CSV, formats that show the year first, the month in words or the
    computer's own short date)."""
    formats = raw.formats
    if formats is None:
        return None
    rows = {raw.row_numbers[index[k]] for k, v in enumerate(values) if isinstance(v, dt.date)}
    if not rows:
        return None
    best, others = formats.column_formats(raw.column_numbers[i], rows)
    votes: Counter[bool] = Counter()
    if best is not None and (order := P.date_format_order(*best)) is not None:
        votes[order] += len(rows) - len(others)
    for fmt in others.values():
        if (order := P.date_format_order(*fmt)) is not None:
            votes[order] += 1
    if not votes or votes[True] == votes[False]:
        return None
    return votes[True] > votes[False]


def keep_number_formats(table: Table, raw: RawSheet, kept: dict[int, str], index: Sequence[int]) -> None:
    """The number formats of each column kept as it is (a "Taux de conversion" in %, a "Budget" in €, dates
    as dd/mm/yyyy), for influkit's workbooks to show its numbers and dates the way the sheet did:
    table.meta["number_formats"] = {column: [numFmtId, code]} (the format most of its cells share) and
    table.meta["cell_formats"] = {column: [[table row, numFmtId, code], ...]} (the cells with another)."""
    formats = raw.formats
    if formats is None or not kept:
        return
    rows: set[int] | None = None  # the sheet rows of the table's rows
    whole = False
    at: dict[int, list[int]] | None = None  # sheet row -> its table rows (a wide row gives several)
    shared: dict[str, list[Any]] = {}
    own: dict[str, list[list[Any]]] = {}
    for i, name in sorted(kept.items()):
        if not any(type(v) in _FORMATTED for v in table.data[name]):
            continue  # (a text column: the sheet's XML is not read again)
        if rows is None:
            numbers = raw.row_numbers
            rows = {numbers[r] for r in index}
            # every cell when the workbook shows currencies at all: an amount shown in € that was in $ misleads
            whole = formats.shows_currency()
        fmt, others = formats.column_formats(raw.column_numbers[i], rows, whole=whole)
        if fmt is not None:
            shared[name] = list(fmt)
        if others:  # (rare: made only then)
            if at is None:
                at = {}
                for k, r in enumerate(index):
                    at.setdefault(raw.row_numbers[r], []).append(k)
            own[name] = [[k, *f] for row, f in sorted(others.items()) for k in at[row]]
    if shared:
        table.meta["number_formats"] = shared
    if own:
        table.meta["cell_formats"] = own


_FORMATTED = frozenset((int, float, dt.date, dt.datetime, dt.time, dt.timedelta))  # what a number format shows


def _split_names(values: list[Any]) -> tuple[list[Any], list[Any]]:
    names: list[Any] = []
    handles: list[Any] = []
    for v in values:
        text = None if P.is_missing(v) else as_text(v)
        split = P.split_name_handle(text) if text else None
        if split is None:
            names.append(text)
            handles.append(None)
        else:
            names.append(split[0])
            handles.append("@" + split[1])
    return names, handles


def _join_names(raw: RawSheet, m: Mapping, column_values: Callable[[int], list[Any]]) -> list[Any]:
    parts = [column_values(m.name_parts[p]) for p in ("first_name", "last_name") if p in m.name_parts]
    out: list[Any] = []
    for cells in zip(*parts, strict=True):
        words = [t for c in cells if (t := None if P.is_missing(c) else as_text(c))]
        out.append(" ".join(words) or None)
    return out


def _emails(table: Table, m: Mapping, raw: RawSheet, column_values: Callable[[int], list[Any]]) -> None:
    """`email` (the first address of the row) and `emails` (all of them, when more than one), from every
    e-mail column and every address of a cell."""
    columns = [column_values(i) for i in m.emails]
    first: list[Any] = []
    every: list[Any] = []
    header = raw.headers[m.emails[0]]
    for k, cells in enumerate(zip(*columns, strict=True)):
        found: list[str] = []
        bad = None
        for c in cells:
            if P.is_missing(c):
                continue
            got = P.parse_emails(c) if isinstance(c, str) else []
            if not got:
                bad = bad or c
            for a in got:
                if a.lower() not in (x.lower() for x in found):
                    found.append(a)
        first.append(found[0] if found else None)
        every.append("; ".join(found) if len(found) > 1 else None)
        if bad is not None and not found:
            table.add_issue(k, "email", f"could not read {shown(bad)}", header)
    table.data["email"] = first
    if any(every):
        table.data["emails"] = every
        table.mapped["emails"] = " + ".join(raw.headers[i] for i in m.emails)
    table.mapped["email"] = header if len(m.emails) == 1 else " + ".join(raw.headers[i] for i in m.emails)


def _emails_in_bio(table: Table) -> None:
    """A sheet without an e-mail column: the addresses a bio mentions ("... Lyon 📩 a@x.fr") are the row's
    `email` (and `emails`); the bio keeps its whole text."""
    found = [P.parse_emails(b) if isinstance(b, str) else [] for b in table.data["bio"]]
    if not any(found):
        return
    header = table.mapped.get("bio", "bio")
    table.data["email"] = [a[0] if a else None for a in found]
    table.mapped["email"] = f"{header} (the addresses in it)"
    if any(len(a) > 1 for a in found):
        table.data["emails"] = ["; ".join(a) if len(a) > 1 else None for a in found]
        table.mapped["emails"] = table.mapped["email"]


def _merge_currency(table: Table, raw: RawSheet, m: Mapping, column_values: Callable[[int], list[Any]]) -> None:
    """The currency column and each price cell's own currency: the cell wins, a disagreement is an issue."""
    cells = table.data.pop("_price_currency_cells", None)
    cur_index = next((i for i, c in m.canonical.items() if c == "currency"), None)
    if cur_index is None:
        if cells is not None and any(cells):
            amount = table.data.get("price_quoted") or []
            written = {c for c in cells if c}
            if len(written) == 1:
                (code,) = written
                bare = [k for k, (a, c) in enumerate(zip(amount, cells, strict=True)) if a and c is None]
                for k in bare:
                    cells[k] = code
                if bare:
                    table.meta.setdefault("notes", []).append(
                        f"{table.mapped.get('price_quoted')!r}: {count(len(bare), 'price')} written without a "
                        f"currency {'takes' if len(bare) == 1 else 'take'} the column's {code}")
            table.data["currency"] = cells
            table.mapped.setdefault("currency", f"{table.mapped.get('price_quoted', 'price')} (written in the price)")
        return
    header = raw.headers[cur_index]
    table.mapped["currency"] = header
    column = convert_column(column_values(cur_index), "currency", header, table)
    if cells is None:
        table.data["currency"] = column
        return
    out: list[Any] = []
    for k, (own, declared) in enumerate(zip(cells, column, strict=True)):
        if own and declared and own != declared:
            table.add_issue(k, "currency", f"the price is in {own} but the currency column says {declared}: "
                                           f"{own} is used", header, note=True)
        out.append(own or declared)
    table.data["currency"] = out


def _stage_vocab(cells: Sequence[Any], stages: Sequence[Any]) -> dict[str, list[list[Any]]]:
    """Every word a status column writes for each stage the reader read in it ("Posted" and "Live" for
    published), with how often: [[word, count], ...], the most written first (a tie in the order first
    written). A cell with a digit is a dated remark, not a word ("Contacté le 3/4")."""
    seen: dict[str, Counter[str]] = {}
    for (cell, stage), n in Counter(zip(cells, stages, strict=True)).items():  # (a few distinct pairs)
        if isinstance(cell, str) and isinstance(stage, str) and cell.strip() and not any(c.isdigit() for c in cell):
            seen.setdefault(stage, Counter())[" ".join(cell.split())] += n
    return {stage: [[w, n] for w, n in words.most_common()] for stage, words in seen.items()}


def team_word(stage: str, vocab: dict[str, Any] | None,
              allowed: Sequence[str] | None = None) -> str | None:
    """The word to write `stage` in, in a status column whose words are `vocab` (`_stage_vocab`, kept as
    `meta["stage_vocab"]` of each tab): the team's own, the one written most often for the stage, even over
    influkit's own ("Contacté(e)" written twice and "Contacté" once: "Contacté(e)"; influkit's own word only
    breaks a tie, else the word written first); a loss by its word ("refus"), not by its reason ("trop
    cher"). `allowed`: the column's data-validation list, the vocabulary to pick from first: of its words
    the reader reads as the stage, the one the column writes most, else influkit's own, else the list's
    first, in the list's spelling (a cell the list refuses breaks the team's dropdown); when the list has
    no word for the stage, the team's word as without one. None: no word of the team's (influkit's label
    in the sheet's language is written)."""
    plain = _stage_words().get(stage, frozenset())  # the stage's own words, when the team uses them
    core = _LOSS_WORDS.get(stage)
    written = [(str(w), int(n)) for w, n in (vocab or {}).get(stage) or ()]
    if allowed:
        listed = {fold_key(w): w for w in reversed(allowed) if _reads_as(w) == stage}
        if listed:
            used = [(listed[fold_key(w)], n) for w, n in written if fold_key(w) in listed]
            if used:
                return _most_written(used, plain)
            return next((w for key, w in listed.items() if key in plain), None) or next(
                w for w in allowed if fold_key(w) in listed)
    usable = [(w, n) for w, n in written if core is None or core.search(fold_key(w))]
    return _most_written(usable, plain) if usable else None


def _most_written(words: Sequence[tuple[str, int]], plain: frozenset[str]) -> str:
    """The word written most often (`words` most written first); influkit's own breaks a tie, else the
    first written."""
    top = words[0][1]
    tied = [w for w, n in words if n == top]
    return next((w for w in tied if fold_key(w) in plain), tied[0])


def _reads_as(word: str) -> str | None:
    try:
        return P.parse_stage(word)
    except P.ParseError:
        return None


def _team_words(vocab: dict[str, Any]) -> dict[str, str]:
    """The team's own word for each stage its status column uses ("OK signé" for deal, "relancé" for
    contacted), for writing a stage back in the team's words (`team_word`)."""
    return {stage: word for stage in vocab if (word := team_word(stage, vocab)) is not None}


def _stage_said(cells: Sequence[Any], stages: Sequence[Any]) -> list[Any] | None:
    """Each row's status as the team wrote it, where it is not just its stage's word ("relancé 2x",
    "refus - trop cher", "OK signé" beside contacted, declined, deal), so no output loses it; None when
    every status is a stage's own word (or the column holds none)."""
    plain = _stage_words()
    seen: dict[tuple[str, str], bool] = {}  # (a few distinct pairs: folded once each)
    out: list[Any] = []
    for cell, stage in zip(cells, stages, strict=True):
        text = cell.strip() if isinstance(cell, str) else None
        if not text or not isinstance(stage, str):
            out.append(None)
            continue
        key = (text, stage)
        if key not in seen:  # (its code is its word too: "deal", "no reply")
            folded = fold_key(text)
            seen[key] = folded not in plain.get(stage, frozenset()) and folded != fold_key(stage.replace("_", " "))
        out.append(" ".join(text.split()) if seen[key] else None)
    return out if any(v is not None for v in out) else None


@cache
def _stage_words() -> dict[str, frozenset[str]]:
    """Each stage's own words, folded: its French and English words ("contacte", "contacted")."""
    from ..labels import STAGE_WORDS

    return {stage: frozenset(fold_key(w) for w in words) for stage, words in STAGE_WORDS.items()}


_LOSS_WORDS: dict[str, re.Pattern[str]] = {
    "declined": re.compile(r"\b(?:refus\w*|declin\w*|rejet\w*|reject\w*|non merci|no thanks?|pas interess\w*"
                           r"|not interested)\b"),
    "no_reply": re.compile(r"\b(?:pas de reponses?|sans reponses?|aucune reponse|pas repondu|no reply|no response"
                           r"|nrp|ghost\w*|injoignable)\b"),
}


def _wide(raw: RawSheet, m: Mapping, table: Table, expand: Sequence[tuple[int, str | None]],
          accounts_of_row: list[int], profile_cells: list[Any], platform_cells: list[Any]
          ) -> tuple[list[Any], list[Any]]:
    """Each output row takes the columns of its own network; a person-level count on a row with several
    accounts goes to the first one, said on the row."""
    n = len(expand)
    by_platform: dict[str, dict[str, int]] = {}
    for i, (column, p) in m.wide.items():
        by_platform.setdefault(p, {})[column] = i
    wide_values: dict[str, list[Any]] = {}
    wide_profile: list[Any] = [None] * n
    for k, (r, wp) in enumerate(expand):
        if wp is None:
            continue
        for column, i in by_platform[wp].items():
            if column == PROFILE:
                link = raw.links.get((r, i))
                wide_profile[k] = link if link and P.parse_profile(link)[0] else (
                    None if (r, i) in raw.labels else raw.rows[r][i])  # (a link's label is no account)
            elif column != "vendor_er":
                wide_values.setdefault(column, [None] * n)[k] = raw.rows[r][i]
    for column, values in wide_values.items():
        rows_with = [k for k, v in enumerate(values) if v is not None]
        headers = " + ".join(raw.headers[i] for i, (c, _) in sorted(m.wide.items()) if c == column)
        meaning = next(m.meanings[i] for i, (c, _) in m.wide.items() if c == column)
        converted = convert_column([values[k] for k in rows_with], column, headers, table, rows_with, meaning)
        merged = table.data.setdefault(column, [None] * n)
        for k, v in zip(rows_with, converted, strict=True):
            if v is not None:
                merged[k] = v
        table.mapped.setdefault(column, headers)
    # person-level per-account columns (one "Abonnés" for several networks): the first account only
    first_of_row: dict[int, int] = {}
    for k, (r, _) in enumerate(expand):
        first_of_row.setdefault(r, k)
    for column in _PER_ACCOUNT:
        src = next((i for i, c in m.canonical.items() if c == column), None)
        if src is None or column in wide_values:
            continue
        own = table.data.get(column)
        if own is None:
            continue
        for k, (r, _) in enumerate(expand):
            if accounts_of_row[r] > 1 and own[k] is not None:
                if first_of_row[r] != k:
                    own[k] = None
                else:
                    table.add_issue(k, column, f"one {raw.headers[src]!r} value for {accounts_of_row[r]} accounts "
                                              "on this sheet row: given to the first", raw.headers[src], note=True)
    profile_cells = [w if w is not None else c for w, c in zip(wide_profile, profile_cells, strict=True)]
    platform_cells = [p if p is not None else c for (_, p), c in zip(expand, platform_cells, strict=True)]
    handles = " + ".join(raw.headers[i] for i, (c, _) in sorted(m.wide.items()) if c == PROFILE)
    if handles:
        table.mapped.setdefault("handle", handles)
    table.mapped.setdefault("platform", "(one row per network)")
    return profile_cells, platform_cells


def _vendor_er(raw: RawSheet, m: Mapping, table: Table, expand: Sequence[tuple[int, str | None]],
               platform_cells: list[Any], profile_cells: list[Any]) -> None:
    """vendor_er / vendor_er_basis: the vendor's own engagement rate, as a fraction, with its basis. Where
    the vendor's formula is influkit's (HypeAuditor on Instagram) it is also the sheet's engagement rate."""
    vendor = m.vendor
    n = len(expand)
    er: list[Any] = [None] * n
    basis: list[Any] = [None] * n
    for i, plat in m.vendor_er.items():
        header = raw.headers[i]
        rows = [k for k, (_, wp) in enumerate(expand) if plat is None or wp == plat]
        values = [raw.rows[expand[k][0]][i] for k in rows]
        zero_unknown = vendor is not None and vendor.er_zero_unknown
        points = vendor is not None and vendor.er_points
        parser: Callable[[Any], Any] = rate_in_points if points or percent_points(values) else P.parse_rate
        for k, v in zip(rows, values, strict=True):
            try:
                x = parser(v)
            except P.ParseError as exc:
                table.add_issue(k, "vendor_er", str(exc), header)
                continue
            if x is None or zero_unknown and x == 0:  # (0 however written: "0", "0,0", "0.00 %": likes hidden)
                continue
            er[k] = x
            row_platform = plat or _platform_hint(platform_cells[k], profile_cells[k])
            basis[k] = vendor.basis(row_platform) if vendor else "as given by the sheet"
        table.mapped.setdefault("vendor_er", header)
    table.data["vendor_er"] = er
    table.data["vendor_er_basis"] = basis
    if vendor is not None and vendor.er_is_ours:
        own = table.data.setdefault("engagement_rate", [None] * n)
        for k in range(n):
            row_platform = expand[k][1] or _platform_hint(platform_cells[k], profile_cells[k])
            if own[k] is None and er[k] is not None and row_platform in vendor.er_is_ours:
                own[k] = er[k]
        table.mapped.setdefault("engagement_rate", f"{vendor.name} ER (same formula as influkit's)")


def _platform_hint(pcell: Any, ucell: Any) -> str | None:
    try:
        plat = P.parse_platform(pcell) if not P.is_missing(pcell) else None
    except P.ParseError:
        plat = None
    if plat is None and isinstance(ucell, str):
        plat = P.parse_profile(ucell)[0]
    return plat


# ----------------------------------------------------------------------------------------- identity


def _identify(
    table: Table,
    platform_cells: list[Any],
    handle_cells: list[Any],
    profile_cells: list[Any],
    hyperlinks: tuple[list[Any], list[int | None]],
    m: Mapping,
    headers: list[str],
    kinds: list[str | None],
    sections: list[str | None],
) -> None:
    """platform, handle and profile_url of each row, from whichever of the sheet's platform column,
    handle column, profile link and cell hyperlink it has (`hyperlinks`: each row's, and the column it is
    behind). When a handle and a profile link disagree, the link wins and the row says so; a post link
    (who posted it) gives way to the handle. A link that is not a profile (a post, a page naming no
    account) is kept in "<header> (URL)"."""
    header_of = {c: headers[i] for i, c in m.canonical.items()}
    link_cells, link_columns = hyperlinks
    if "profile_url" not in header_of and m.wide:  # a wide sheet's links: its networks' columns
        header_of["profile_url"] = " + ".join(headers[i] for i, (c, _) in sorted(m.wide.items()) if c == PROFILE)
    n = len(table)
    platforms: list[str | None] = [None] * n
    handles: list[str | None] = [None] * n
    urls: list[str | None] = [None] * n
    is_missing = P.is_missing
    parse_profile = P.parse_profile
    canonical = P.canonical_handle
    content: list[str | None] = [None] * n  # a post or video link the account was read from (kept, see below)
    content_header: str | None = None  # the column the first such link came from
    for k in progress.counted("normalising: accounts", range(n)):  # (its own count: 2.7 s of a 1M-row sheet)
        if kinds[k]:  # a TOTAL or section row names no account; its label, when the handle column holds it
            # ("Sous-total beauté", "— TikTok —" in a sheet whose first column is the handle), stays there
            label = handle_cells[k]
            handles[k] = label.strip() if isinstance(label, str) and label.strip() else None
            continue
        plat: str | None = None
        pcell = platform_cells[k]
        if not is_missing(pcell):
            try:
                plat = P.parse_platform(pcell)
            except P.ParseError as exc:
                table.add_issue(k, "platform", str(exc), header_of.get("platform"))
        link = _NO_LINK
        link_field, link_header = "profile_url", header_of.get("profile_url")
        ucell = link_cells[k] if link_cells[k] is not None else profile_cells[k]
        if link_cells[k] is not None and (behind := link_columns[k]) is not None:
            link_header = headers[behind]
        if not is_missing(ucell):
            link = _read_link(ucell if isinstance(ucell, str) else as_text(ucell) or "")
            if link.plat is None and link.handle is None:
                table.add_issue(k, "profile_url", f"could not read {shown(ucell)}", header_of.get("profile_url"))
        handle: str | None = None
        hcell = handle_cells[k]
        if not is_missing(hcell):
            htext = as_text(hcell) or ""
            h_plat, h_handle, h_url = parse_profile(htext)
            known = plat or link.plat or m.default_platform or sections[k]
            if h_plat == "blog" and known not in (None, "blog") and "/" not in htext and " " not in htext:
                # a bare "violets.tv" in a handle column of an Instagram list is a handle, not a site
                h_plat, h_handle, h_url = None, htext.lstrip("@"), None
            if link is _NO_LINK and h_url is not None:
                # the handle column holds the row's only link (a column titled "Instagram" or "Lien IG"):
                # read as a link is, a post kept, a link naming no account said
                link, link_field, link_header = _read_link(htext), "handle", header_of.get("handle")
                h_plat = h_handle = None
            elif h_handle is None and h_plat is None:
                if addresses := P.parse_emails(htext):  # a contact pasted into the handle column: kept as one
                    _email_in_handle(table, k, addresses, shown(hcell), header_of.get("handle"))
                else:
                    table.add_issue(k, "handle", f"could not read {shown(hcell)}", header_of.get("handle"))
            network = h_plat or plat or m.default_platform or sections[k]
            if link.plat == "blog" and h_handle is not None and network not in (None, "blog"):
                # a web site beside a network account (a "Site" column read as the link): the network's
                # account is the row's, the site's link is kept
                site = ucell if isinstance(ucell, str) else as_text(ucell) or ""
                link = _Link(h_plat, None, h_url, site.strip() or None)
            channel_id = link.plat == "youtube" and link.handle is not None and P.is_youtube_channel_id(link.handle)
            if channel_id and h_handle is not None and h_plat in (None, "youtube"):
                link = link._replace(handle=None)  # a channel id link and a @name: the same channel, the name is the handle
            elif (link.handle is not None and h_handle is not None and (h_plat in (None, link.plat))
                    and not (h_plat is None and link.plat == "blog")  # a person's @name is no site's name
                    and canonical(link.plat, h_handle) != link.handle):
                if link.content:  # a post names who posted it (a brand, a collab), not whose row this is
                    table.add_issue(k, "handle", f"{h_handle!r} is not the account of the post link "
                                                 f"({link.handle}): the handle is used", header_of.get("handle"),
                                    note=True)
                    link = link._replace(handle=None, url=None)
                else:
                    table.add_issue(k, "handle", f"{h_handle!r} disagrees with the profile link ({link.handle}): "
                                                 "the link is used", header_of.get("handle"))
                    h_handle = None
            elif (link.handle is not None and h_handle is not None and h_plat is not None and link.plat is not None
                    and h_plat != link.plat and "blog" not in (h_plat, link.plat)):
                # a second network's account on the row (an Instagram link in the handle column, a TikTok
                # link behind "Profil"): one account per row, the other one said, never dropped in silence
                table.add_issue(k, "handle", f"{h_plat} {h_handle!r} is another account than the profile link "
                                             f"({link.plat} {link.handle}): the link is used", header_of.get("handle"),
                                note=True)
            handle = h_handle
            if link.plat is None:
                link = link._replace(plat=h_plat, url=link.url or h_url)
        if plat and link.plat and plat != link.plat:
            if link.handle is not None and link.url is not None:
                # a link naming an account says its network better than a column does (a link-in-bio page
                # in an Instagram column is a web page: `blog`)
                table.add_issue(k, "platform", f"{plat} but the link is {link.plat}: the link is used",
                                header_of.get("platform"), note=True)
                plat = link.plat
            elif link.plat != "blog":
                table.add_issue(k, "platform", f"{plat} but the link is {link.plat}", header_of.get("platform"),
                                note=True)
        given = plat or sections[k] or m.default_platform  # the network the sheet itself gives the row
        plat = plat or link.plat or sections[k] or m.default_platform
        if plat is None and handle is not None and P.is_youtube_channel_id(handle):
            plat = "youtube"  # a YouTube channel id ("UC" + 22 characters) names a YouTube account
        if link.handle is not None and link.plat is not None and link.url is not None:
            handle = link.handle  # from a link: canonical already
        elif (handle := handle or link.handle) is not None and plat is not None:
            handle = canonical(plat, handle)
        elif handle is not None:
            handle = handle.lstrip("@").strip() or None
        if link.kept is not None:
            content[k] = link.kept
            content_header = content_header or link_header
        if link.no_account and handle is None:
            table.add_issue(k, link_field, _no_account_said(link), header_of.get(link_field))
        elif link.no_account and given is None and plat is not None and plat != "blog":
            # only the post's network says which network the handle is on: said, not guessed in silence
            table.add_issue(k, link_field, f"{shown(link.kept)} names no account: the handle is read as a "
                                           f"{plat} account", header_of.get(link_field), note=True)
        platforms[k] = plat
        handles[k] = handle
        allowed = None if link.url else P.handle_not_allowed(plat, handle)
        if allowed is not None:  # "@léa.v" on Instagram: no such account can exist, and no link is made up
            table.add_issue(k, "handle", f"{handle!r} is not a name {plat} allows ({allowed}): check the handle",
                            header_of.get("handle"))
        urls[k] = link.url or (P.profile_url(plat, handle) if plat and handle and allowed is None else None)
    table.data["platform"] = platforms
    table.data["handle"] = handles
    table.data["profile_url"] = urls
    if any(content):  # profile_url holds the account's profile; the post it was read from is not lost
        header = content_header or "profile_url"
        _keep_links(table, m, header, header, content,
                    "the links of {header!r} that are not a profile (a post, a video, a page naming no account) "
                    "are kept in {name!r} (profile_url holds the account's profile)")
    if any(link_cells) and "profile_url" not in table.mapped:
        cols = [headers[i] for i in m.link_columns] or ["cell hyperlinks"]
        table.mapped["profile_url"] = " + ".join(cols) + " (hyperlinks)"
    if "profile_url" not in table.mapped and any(urls):
        table.mapped["profile_url"] = "(built from platform + handle)"


class _Link(NamedTuple):
    """What a row's link says: its account (plat, handle, the profile url), and the link itself when it
    is to be kept (`kept`: a post, a video, a link naming no account), `no_account` and `short` when it
    names none."""

    plat: str | None
    handle: str | None
    url: str | None
    kept: str | None = None
    no_account: bool = False
    short: bool = False

    @property
    def content(self) -> bool:
        return self.kept is not None and not self.no_account


_NO_LINK = _Link(None, None, None)


# what a link to a post or a video holds (a post says nothing of whose it is without its author's name)
_POST_MARKERS = ("/p/", "/reel/", "/reels/", "/tv/", "/video/", "/videos/", "/shorts/", "watch?", "/status/",
                 "/photo/", "youtu.be/", "/live/", "/clip/", "/posts/")


def _no_account_said(link: _Link) -> str:
    """Why a row's link names no account, the likeliest reason first: a short link, a space, a post."""
    text = link.kept or ""
    if link.short:
        return (f"{shown(text)} is a short link: it does not name the account (paste the profile link, "
                "or fill the handle)")
    if any(ch.isspace() for ch in text.strip()):
        return (f"{shown(text)} holds a space: no network allows one in an account's name (paste the profile "
                "link, or fill the handle)")
    if any(marker in text.lower() for marker in _POST_MARKERS):
        return f"{shown(text)} is a post: it does not say whose (paste the profile link, or fill the handle)"
    return (f"{shown(text)} names no account (a page of the network, a post, or a name the network "
            "does not allow): paste the profile link, or fill the handle")


def _email_in_handle(table: Table, k: int, addresses: list[str], cell: str, header: str | None) -> None:
    """An e-mail address in the handle column ("bob@gmail.com" under "Pseudo"): no account, and not lost
    either: the row's e-mail when it has none, else added to its e-mails (`emails`), and said on its row."""
    from ..labels import english

    n = len(table)
    first = table.data.setdefault("email", [None] * n)
    table.mapped.setdefault("email", header or "handle")
    known = [a for a in (first[k], *str(table.data.get("emails", [None] * n)[k] or "").split("; ")) if a]
    new = [a for a in addresses if a.lower() not in {x.lower() for x in known}]
    if not known:
        first[k] = new[0]
    if new and len(known) + len(new) > 1:
        table.mapped.setdefault("emails", f"{table.mapped['email']} + {header or 'handle'}")
        table.data.setdefault("emails", [None] * n)[k] = "; ".join([*known, *new])
    key = "email_in_handle" if not known else "email_in_handle_other" if new else "email_in_handle_same"
    table.add_issue(k, "handle", english(key, v=cell), header, note=True)


def _read_link(text: str) -> _Link:
    """A link cell: its account, and whether the link says more (a post: kept) or names no account (a
    short link, a page of the network, a post without its author, a name the network does not allow:
    kept, and said when nothing else on the row names the account)."""
    plat, handle, url = P.parse_profile(text)
    if handle is None and url is not None and P.is_short_link(text):
        return _Link(plat, None, None, text.strip(), True, True)
    if handle is None and plat is not None:
        return _Link(plat, None, None, text.strip() if url is not None else text, True)
    if handle is not None and url is not None and url is not text and P.says_more(text, url):
        return _Link(plat, handle, url, text.strip())
    return _Link(plat, handle, url)


def _given_row_kinds(table: Table, found: list[str | None]) -> list[str | None]:
    """A sheet's own row_kind column (influkit's output read back): its values stand (`total`, `section`...,
    or a label such as `Sous-total`); an empty cell leaves the row to the detection; anything else is an
    issue on the row."""
    from .rowkinds import kind_of_label

    header = table.mapped.get("row_kind")
    out = list(found)
    for k, v in enumerate(table.data["row_kind"]):
        if v is None:
            continue
        key = fold_key(v).replace(" ", "")
        if key in ROW_KINDS:
            out[k] = key
        elif (word := code_of_word("row_kind", v)) is not None:  # influkit's xlsx shows it in words
            out[k] = word
        elif (label := kind_of_label(str(v))) is not None:
            out[k] = label
        else:
            table.add_issue(k, "row_kind", f"could not read {shown(v)} (total, average, subtotal, summary, "
                                           "section or header)", header)
    return out


# A lost stage is lost after the stage it follows: no reply after contact, declined up to the deal.
_STAGE_ORDER = {**STAGE_INDEX, "no_reply": STAGE_INDEX["contacted"],
                "declined": STAGE_INDEX["deal"]}


def _stage_boxes(table: Table, raw: RawSheet, m: Mapping) -> None:
    """Check-box columns whose header names a stage ("Contacté ?", "A répondu", "Deal signé", "Posted?"),
    kept as they are, give the stage of each row whose status says nothing: the furthest stage ticked.
    A column is one of them only when every cell is a check box's value (TRUE/FALSE, VRAI/FAUX, oui/non,
    x, ✓, 1/0) and one is ticked; a column of dates or notes under such a header is not."""
    boxes: list[tuple[str, str, list[int]]] = []
    for i, name in sorted(m.extra.items()):
        try:
            stage = P.parse_stage(raw.headers[i])
        except P.ParseError:
            continue
        if stage is None or name not in table.data:
            continue
        ticks = [box(v) for v in table.data[name]]
        if 1 in ticks and -1 not in ticks:
            boxes.append((stage, name, ticks))
    if not boxes:
        return
    stages = table.writable("stage")
    filled = 0
    for k in range(len(table)):
        if stages[k] is not None:
            continue  # the status cell says it
        ticked = [stage for stage, _, ticks in boxes if ticks[k] == 1]
        if ticked:
            stages[k] = max(reversed(ticked), key=_STAGE_ORDER.__getitem__)
            filled += 1
    names = ", ".join(repr(name) for _, name, _ in boxes)
    if table.mapped.setdefault("stage", f"(the check boxes {names})").startswith("("):
        # each stage's box column and how it writes a ticked box (True, "TRUE", "x"): `set --sheet` ticks it
        table.meta["stage_boxes"] = {stage: [name, next(v for v, t in zip(table.data[name], ticks, strict=True)
                                                        if t == 1)] for stage, name, ticks in boxes}
    table.meta["notes"].append(f"stage of {count(filled, 'row')} read from the check boxes {names}: the furthest "
                               "stage ticked (the boxes are kept as they are)")


def _stage_date_issues(table: Table) -> None:
    """A status word and a later stage's past date that disagree ("à contacter" beside a publication date)
    is an issue on the row (the furthest such date): the funnel moves a prospect up to the furthest dated
    stage, and the row must say why its status was not taken as written."""
    stages = table.data.get("stage")
    if stages is None:
        return
    header = table.mapped.get("stage")
    now = today()
    said: set[int] = set()
    for stage in reversed(STAGES):
        dates = table.data.get(f"{stage}_on")
        if dates is None:
            continue
        rank = _STAGE_ORDER[stage]
        for k, (s, d) in enumerate(zip(stages, dates, strict=True)):  # a planned (future) date moves nothing
            if d is not None and s is not None and k not in said and _STAGE_ORDER.get(s, rank) < rank and d <= now:
                said.add(k)
                table.add_issue(k, "stage", f"the status says {s} but {table.mapped.get(f'{stage}_on')!r} dates "
                                            f"the {stage} stage ({d.isoformat()}): check which is right", header,
                                note=True)


def _future_date_issues(table: Table) -> None:
    """A stage dated after today (a contact on 20/12 read on 4/12) on a row whose status says the stage
    was reached, or says nothing, is a typo or a plan: said on its row, as `funnel` says it when it
    leaves the date out. Beside a status before that stage ("à contacter" and a contact date) it is the
    plan, and nothing is said."""
    now = today()
    stages = table.get("stage")
    for c in _STAGE_DATES:
        values = table.data.get(c)
        if values is None:
            continue
        rank = _STAGE_ORDER[c[:-3]]
        for k, d in enumerate(values):
            if isinstance(d, dt.date) and d > now and _STAGE_ORDER.get(stages[k], rank) >= rank:
                table.add_issue(k, c, f"{d.isoformat()} is after today ({now.isoformat()}): a typo or a plan, "
                                      "which the funnel leaves out", table.mapped.get(c), note=True)


def _date_order_issues(table: Table) -> None:
    """A reply dated before its contact (a deal before its reply, ...) is an issue on the row."""
    present = [c for c in _STAGE_DATES if c in table.data]
    if len(present) < 2:
        return
    cols = [table.data[c] for c in present]
    for k in range(len(table)):
        last: tuple[str, dt.date] | None = None
        for c, values in zip(present, cols, strict=True):
            d = values[k]
            if not isinstance(d, dt.date):
                continue
            if last is not None and d < last[1]:
                table.add_issue(k, c, f"{d.isoformat()} is before {last[0]} {last[1].isoformat()}",
                                table.mapped.get(c), note=True)
            else:
                last = (c, d)


def _cell_issues(raw: RawSheet, table: Table, expand: Sequence[tuple[int, str | None]]) -> None:
    if not raw.cell_issues:
        return
    first: dict[int, int] = {}
    for k, (r, _) in enumerate(expand):
        first.setdefault(r, k)
    for r, c, message, note in raw.cell_issues:
        at = first.get(r)
        if at is not None:
            header = raw.headers[c] if c is not None and c < len(raw.headers) else None
            table.add_issue(at, header or "cell", message, header, note=note)  # the header as written: "Abonnés"


def _formula_errors(raw: RawSheet, table: Table, m: Mapping, expand: Sequence[tuple[int, str | None]]) -> None:
    """The cells that showed a formula error (`raw.errors`: #REF!, #N/A, #VALEUR!, Err:502): in a column
    influkit reads, an issue on the row naming the error (the cell is read as empty); in a column it
    keeps, the error's text, as the sheet shows it."""
    if not raw.errors:
        return
    read = {*m.canonical, *m.derived, *m.wide, *m.name_parts.values(), *m.emails, *m.vendor_er, *m.link_columns}
    rows_of: dict[int, list[int]] = {}
    for k, (r, _) in enumerate(expand):
        rows_of.setdefault(r, []).append(k)
    for (r, i), error in sorted(raw.errors.items()):
        ks = rows_of.get(r)
        if not ks:
            continue
        name = m.extra.get(i)
        if name is not None and name in table.data:
            for k in ks:
                table.data[name][k] = error
        if i in read:
            header = raw.headers[i] if i < len(raw.headers) else None
            table.add_issue(ks[0], header or "cell", f"a formula error {error} (the cell's formula failed)", header)


def _mark_duplicates(table: Table) -> None:
    """duplicate_of: the sheet row of an account's first occurrence ("Sheet!row" when it is on another tab)."""
    first: dict[str, dict[str, int]] = {}  # platform -> handle -> index of its first row (no tuple per row)
    dup: list[Any] = [None] * len(table)
    count = 0
    kinds = table.data.get("row_kind")
    sheets = table.data.get("sheet")
    rows = table.source_rows
    for k, (plat, handle) in enumerate(zip(table.get("platform"), table.get("handle"), strict=True)):
        if not plat or not handle or (kinds is not None and kinds[k]):
            continue
        seen = first.get(plat)
        if seen is None:
            seen = first[plat] = {}
        at = seen.get(handle)
        if at is None:
            seen[handle] = k
            continue
        sheet, here = (sheets[at], sheets[k]) if sheets is not None else (None, None)
        dup[k] = rows[at] if sheet == here else f"{sheet}!{rows[at]}"
        count += 1
    table.data["duplicate_of"] = dup if count else table.empty_column()
    table.meta["duplicates"] = count


def _sheet_date_columns(raw: RawSheet, m: Mapping) -> list[int]:
    """The columns of the tab influkit keeps as they are whose cells are dates ("Date", "Relevé le", "As
    of": the date of a row's numbers in a series of snapshots), in sheet order."""
    return [i for i in sorted(m.extra) if profile_column(raw.rows, i).share("date") >= CONTENT_DECIDES_SHARE]


def _row_dates(table: Table, raw: RawSheet, m: Mapping) -> None:
    """`table.meta["row_dates"]`: each row's date, for the workspace to take an account's current numbers
    from its most recent row when the sheet lists it on several rows (`duplicate_of`): the date of the
    tab's own date column (the first kept column whose cells are dates, `_sheet_date_columns`), else the
    latest of the row's dated stages and last post (contacted_on, ..., last_post_on); None when the row has
    none. Only read when the tab repeats an account or is one of several tabs (whose rows may repeat
    another's): a list without repeats is not dated for nothing."""
    if not table.meta.get("duplicates") and len(raw.sheet_names) < 2:
        return
    own = _sheet_date_columns(raw, m)
    if own:
        dates = column_dates(table.get(m.extra[own[0]]))
    else:
        columns = [values for c, values in table.data.items() if kind_of(c) == "date"]
        if not columns:
            return
        dates = [max((v for v in row if isinstance(v, dt.date)), default=None)
                 for row in zip(*columns, strict=True)]
    if any(d is not None for d in dates):
        table.meta["row_dates"] = dates


def _snapshot_series(table: Table, raw: RawSheet, m: Mapping) -> None:
    """A sheet of dated snapshots (a date column, and at least SERIES_REPEAT_SHARE of the rows repeating an
    earlier row's account: one row per account and day) is read as a list all the same, every row kept and
    the repeats marked `duplicate_of` (the account's most recent row gives its current numbers in the
    workspace: `Store.record_import`); one note says that `influkit history import` records such a file as
    each account's series."""
    repeats = table.meta.get("duplicates", 0)
    if not repeats:
        return
    handles = table.get("handle")
    with_account = len(handles) - handles.count(None)
    if repeats < SERIES_REPEAT_SHARE * with_account:
        return
    own = [raw.headers[i] for i in _sheet_date_columns(raw, m)]
    dated = [raw.headers[i] for i, c in m.canonical.items() if kind_of(c) == "date"] + own
    if not dated:
        return
    accounts = with_account - repeats
    table.meta["notes"].append(
        f"{raw.source}" + (f" (tab {raw.sheet!r})" if raw.sheet and len(raw.sheet_names) > 1 else "")
        + f": {count(with_account, 'row')} name {count(accounts, 'account')}, with dates ({dated[0]!r}): a series of "
        "snapshots. Every row is kept, each repeat marked duplicate_of; the workspace records each account's "
        "current numbers from its most recent row (" + (f"the latest {own[0]!r}" if own else "its latest date")
        + ", else its last row); to record the series as each account's history, use `influkit history import "
        f"{raw.source}`")


# ------------------------------------------------------------------------------------ several tabs


def normalize_sheets(
    raws: Sequence[RawSheet],
    *,
    overrides: dict[str, str] | None = None,
    platform: str | None = None,
    save_map: bool = False,
    maps: str | None = None,
    remember: bool = True,
) -> Table:
    """One table from the tabs read (`read_sheets`): each normalised on its own (a tab named after a
    network gives its rows that platform), then stacked in order with a `sheet` column when there are
    several. A map saved for a tab's header layout (`--save-map`) is used unless `remember` is False;
    with `save_map`, the `--map` fixes of each tab's layout are to be saved (file `maps`, default
    `.influkit/maps.json`) once the run succeeds: `mapmemory.save_maps(table)` writes them."""
    from .mapmemory import MAPS_TO_SAVE, MapMemory

    overrides = overrides or {}
    memory = MapMemory(maps) if (remember or save_map) else None
    present = {fold_key(h) for raw in raws for h in raw.headers}
    unknown = [h for h in overrides if fold_key(h) not in present]
    if unknown:
        headers = list(dict.fromkeys(h for raw in raws for h in raw.headers))
        raise UsageError(f"--map: no header {', '.join(map(repr, unknown))} in the sheet; headers are "
                         + ", ".join(map(repr, headers)), file=raws[0].source if raws else None,
                         sheet=raws[0].sheet if len(raws) == 1 else None)
    tables: list[Table] = []
    pending: list[tuple[list[str], dict[str, str]]] = []
    for raw in raws:
        keys = {fold_key(h) for h in raw.headers}
        mine = {h: c for h, c in overrides.items() if fold_key(h) in keys}
        remembered = memory.get(raw.headers) if memory is not None and remember else {}
        remembered = {h: c for h, c in remembered.items() if fold_key(h) not in {fold_key(x) for x in mine}}
        with gc_paused():  # millions of new cells, no cycles: the collector would only walk them again
            table = normalize(raw, overrides=mine, platform=platform, remembered=remembered)
        if remembered:
            table.meta["notes"].append(f"used the map saved for this header layout ({memory.path if memory else ''}): "
                                       + ", ".join(f"{h!r}->{c or 'keep'}" for h, c in remembered.items()))
        if save_map and memory is not None:
            if mine:  # saved once the run succeeds (`mapmemory.save_maps`): a refused run changes no map
                pending.append((raw.headers, mine))
                table.meta["notes"].append(f"saved the --map fixes for this header layout in {memory.path}")
            else:
                table.meta["notes"].append("--save-map: no --map to save")
        tables.append(table)
    if len(tables) == 1:
        table = tables[0]
        table.meta["tabs"] = [_tab_meta(raws[0], table)]
    else:
        table = _stack(raws, tables)
    if pending and memory is not None:
        table.meta[MAPS_TO_SAVE] = (str(memory.path), pending)
    return table


# what names the creators of a list by its cells, whatever the header (profile links, @handles, e-mails)
_LIST_COLUMNS = frozenset({*IDENTITY_COLUMNS, "email"})


def require_list(table: Table, raws: Sequence[RawSheet]) -> None:
    """Refuse a workbook read for a prospect list none of whose tabs read holds one: no list header
    (`read.list_header`: a name, handle or profile column) and no column whose cells name the accounts
    (profile links, @handles, e-mails; or a column `--map`, a saved map or a vendor's format made one).
    Before, the "best" tab of a workbook of notes, a budget or a chart's data was read as 0 or a few rows
    of nothing and the run succeeded. A list with a header and no row yet is a list (0 rows out). One
    InfluError naming the file and each tab looked at with what it holds (`RawSheet.tabs_seen`)."""
    seen = [tab for raw in raws for tab in raw.tabs_seen]
    if not seen:
        return  # a list header, or not a workbook (a CSV or JSON file is the table its header says)
    for tab in table.meta.get("tabs") or []:
        for decision in tab.get("columns") or []:
            if decision.get("used_as") in _LIST_COLUMNS and decision.get("by") != "header":
                return
    raw = raws[0]
    where = "tabs looked at" if len(seen) > 1 else "tab"
    other = "--sheet NAME reads another tab, " if len(raw.sheet_names) > 1 else ""
    raise InfluError(f"no prospect list found ({where}: {', '.join(seen)}); a list needs a header row with a "
                     "name, handle or profile column (or a column of profile links, @handles or e-mails): "
                     f"{other}--map \"Header=handle\" names the column", file=raw.source)


def _tab_meta(raw: RawSheet, table: Table) -> dict[str, Any]:
    return {"sheet": raw.sheet, "header_row": raw.header_row, "headerless": raw.headerless, "rows": len(raw.rows), "platform": raw.platform,
            "vendor": table.meta.get("vendor"), "columns": table.meta.get("columns", []),
            "wide_platforms": table.meta.get("wide_platforms", []),
            # the tab's own status words and check boxes (`set --sheet` writes a stage in them, tab by tab)
            **{k: table.meta[k] for k in ("stage_vocab", "stage_words", "stage_boxes") if k in table.meta}}


def _stack(raws: Sequence[RawSheet], tables: list[Table]) -> Table:
    out = Table(source=tables[0].source, sheet=None)
    names: list[str] = []
    for t in tables:
        for c in t.data:
            if c not in names and c != "duplicate_of":
                names.append(c)
    sizes = [len(t) for t in tables]
    for c in names:
        values: list[Any] = []
        for t, size in zip(tables, sizes, strict=True):
            values.extend(t.data.get(c) or [None] * size)
        out.data[c] = values
    out.data["sheet"] = [raw.sheet for raw, size in zip(raws, sizes, strict=True) for _ in range(size)]
    out.mapped["sheet"] = "(the tab of each row)"
    issue_sheets: list[str | None] = []
    for raw, t in zip(raws, tables, strict=True):
        out.source_rows.extend(t.source_rows)
        out.issues.extend(t.issues)
        issue_sheets.extend([raw.sheet] * len(t.issues))
        for c, h in t.mapped.items():
            if c not in out.mapped:
                out.mapped[c] = h
            elif h not in out.mapped[c].split(" | "):
                out.mapped[c] = f"{out.mapped[c]} | {h}"
        for e in t.extra_columns:
            if e not in out.extra_columns:
                out.extra_columns.append(e)
    notes: list[str] = []
    every = [set(t.meta.get("notes", [])) for t in tables]
    shared = set.intersection(*every) if len(every) > 1 else set()  # said of the workbook, not of one tab
    notes.extend(n for n in tables[0].meta.get("notes", []) if n in shared)
    for raw, t in zip(raws, tables, strict=True):
        notes.extend(f"[{raw.sheet}] {note}" for note in t.meta.get("notes", []) if note not in shared)
    out.meta.update(
        header_row=tables[0].meta.get("header_row"),
        input_rows=sum(t.meta.get("input_rows", 0) for t in tables),
        blank_rows=sum(t.meta.get("blank_rows", 0) for t in tables),
        notes=[f"read {count(len(raws), 'tab')}: " + ", ".join(f"{r.sheet!r} ({count(len(r.rows), 'row')}"
                                                       + (f", {r.platform}" if r.platform else "") + ")"
                                                       for r in raws), *notes],
        layout=[lay for t in tables for lay in t.meta.get("layout", [])],
        tabs=[_tab_meta(raw, t) for raw, t in zip(raws, tables, strict=True)],
        sheets=[raw.sheet for raw in raws],
        vendor=next((t.meta.get("vendor") for t in tables if t.meta.get("vendor")), None),
        columns=tables[0].meta.get("columns", []),
        format=tables[0].meta.get("format"),
        wide_platforms=sorted({p for t in tables for p in t.meta.get("wide_platforms", [])}),
        issue_sheets=issue_sheets,  # the tab of each entry of table.issues (for --strict errors)
    )
    stack_formats(out, tables, sizes)
    if any("row_dates" in t.meta for t in tables):
        out.meta["row_dates"] = [d for t, size in zip(tables, sizes, strict=True)
                                 for d in (t.meta.get("row_dates") or [None] * size)]
    _mark_duplicates(out)
    return out


_GENERAL = [0, "General"]


def stack_formats(out: Table, tables: list[Table], sizes: list[int]) -> None:
    """The kept columns' number formats of tabs read together: the first tab's format for the column, and
    every cell of a tab that formats it otherwise keeps its tab's format (a cell of its own)."""
    shared: dict[str, list[Any]] = {}
    own: dict[str, list[list[Any]]] = {}
    names = {n for t in tables for key in ("number_formats", "cell_formats") for n in t.meta.get(key, {})}
    for name in sorted(names):
        first = next((t.meta.get("number_formats", {}).get(name, _GENERAL) for t in tables if name in t.data), _GENERAL)
        cells: list[list[Any]] = []
        start = 0
        for t, size in zip(tables, sizes, strict=True):
            mine = t.meta.get("number_formats", {}).get(name, _GENERAL)
            if name in t.data and mine != first:
                cells += [[start + k, *mine] for k, v in enumerate(t.data[name]) if type(v) in _FORMATTED]
            cells += [[start + k, *f] for k, *f in t.meta.get("cell_formats", {}).get(name, [])]
            start += size
        if first != _GENERAL:
            shared[name] = first
        if cells:
            own[name] = sorted({c[0]: c for c in cells}.values())  # a tab's own cell over its tab's format
    if shared:
        out.meta["number_formats"] = shared
    if own:
        out.meta["cell_formats"] = own
