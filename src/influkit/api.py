"""The public API: one typed function per command, taking the command's options by the same names.

    import influkit
    table = influkit.enrich("list.xlsx", store=None)          # `influkit enrich list.xlsx --no-store`
    scored = influkit.score("list.xlsx", brand="brand.toml")  # `influkit score list.xlsx --brand ...`
    report = influkit.funnel("list.xlsx", store=None)         # `influkit funnel list.xlsx --no-store`

Table results (`enrich`, `score`, `shortlist`, `links`, `columns`, `thresholds_table`) are
`influkit.table.Table`s: `.records()` is what `--format json` prints, `.to_pandas()` a typed
DataFrame. Report results (`funnel`, `results`, `history`, `history_import`) have `.to_dict()`, equal
to the command's `--format json`.

`store=` names the workspace (see `influkit.workspace`): the default workspace ($INFLUKIT_DB or
./.influkit/influkit.db), a path, an open Store, or None for none (the command line's `--no-store`).

`progress=` (on the commands that read a list or a file: `enrich`, `score`, `shortlist`, `funnel`,
`links`, `results`, `report`, `check`, `history_import`) is a callable told each long step's progress as
a dict (`influkit.progress`): what the command line draws as bars on stderr.

Commands given a FILE work on the file enriched exactly as `enrich FILE` would (with the workspace's
history, nothing recorded); without FILE, on the workspace's current list (`pipeline.load_list`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO, TypeVar

from .errors import InfluError, NoListError, UsageError
from .pipeline import (
    check_in_place_sheets,
    enrich,
    in_place_stamp,
    load_list,
    read_table,
    told_if_recorded,
    write_in_place,
)
from .progress import Callback, reported
from .reports import Report
from .table import Table
from .text import count
from .workspace import DEFAULT, StoreArg, no_campaign_without_store

if TYPE_CHECKING:
    from .brand import Brand
    from .campaign.compliance import CheckResult
    from .campaign.report import CampaignReport, Objectives
    from .campaign.results import ResultsReport
    from .cards import Card
    from .fit import Scores
    from .followers import History, ImportResult
    from .io.inspect import InspectReport
    from .io.read import FileArg
    from .outreach import FunnelReport
    from .store import Store

def __getattr__(name: str) -> Any:
    """The result types defined beside their commands, loaded on first use."""
    if name == "CampaignReport":
        from .campaign.report import CampaignReport

        return CampaignReport
    raise AttributeError(f"module 'influkit.api' has no attribute {name!r}")


__all__ = [
    "DEFAULT", "CampaignReport", "CampaignSummary", "CreatorReport", "LinksTable", "ProposalReport", "ScoredTable", "SetReport",
    "Shortlist", "brand_check", "brand_template", "campaign_archive", "campaign_edit",
    "campaign_list", "campaign_new", "campaign_show", "check", "columns", "creator", "enrich", "forget", "funnel",
    "history", "history_import", "inspect", "links", "load_list", "propose", "read_table", "report", "results",
    "score", "set_stage", "shortlist", "thresholds_table", "workspace_copy",
]

T = TypeVar("T", bound=Table)


def _extend(cls: type[T], table: Table, **extra: Any) -> T:
    """`table` as an instance of a Table subclass carrying `extra` fields (the columns are shared)."""
    base = {f.name: getattr(table, f.name) for f in fields(Table)}
    return cls(**base, **extra)


def _not_in_list(table: Table, message: str) -> InfluError:
    """An error about the list a command works on, naming where it came from: the file (or stdin), or
    the workspace's list (never the file that list was once read from)."""
    info = table.meta.get("list") or {}
    if info.get("from") == "workspace":
        return InfluError(f"{message} in the workspace's list", file=str(info.get("path")))
    return InfluError(f"{message} in the list", file=table.source or None)


def _estimate_currency(profile: Brand | None) -> str | None:
    """The currency of the estimated prices a brand is scored with (brand.estimate_currency)."""
    from .brand import estimate_currency

    return estimate_currency(profile)


def _campaign_brand(store: StoreArg, campaign: str | None, brand: str | None) -> Brand | None:
    """The brand profile a command uses when `brand` is not given: the campaign's, when it has one."""
    from . import workspace
    from .brand import saved_brand

    if brand is not None or store is None or not workspace.exists(store):
        return None
    with workspace.opened(store, create=False) as db:
        if db is None:
            return None
        saved = db.campaign(campaign)["brand"]
    return saved_brand(saved, f"campaign {campaign!r}" if campaign else "the campaign") if isinstance(
        saved, dict) else None


def _save_with_fields(db: Store, table: Table, campaign_id: int, meta: dict[str, Any], columns: Sequence[str],
                      source: str, what: str) -> None:
    """Make `table` the campaign's list and record `columns` (score, promo_code...) per account in it
    (accounts of the list not yet in the workspace are added, with the list's file as their source; one
    that asked to be forgotten gets the warning `enrich` gives). Written `record_chunk` rows at a time (a
    repeated account: its later row's values, written last), counted as the step "workspace: `what`"
    (rows, then the accounts added: 1.5-2 s of a 100k-row list with its reasons, 10.6 s at 500k)."""
    from . import progress
    from .store.lists import bindable, sheet_source
    from .thresholds.store import setting

    db.save_list(table, meta=meta, campaign_id=campaign_id)
    platforms, handles = table.get("platform"), table.get("handle")
    values = [table.get(c) for c in columns]
    file = sheet_source(table)
    size = max(1, int(setting("record_chunk")))
    n = len(table)

    def write(ids: dict[tuple[str, str], int], rows: dict[tuple[str, str], int]) -> None:
        db.set_campaign_fields(campaign_id, [
            (ids[key], {c: bindable(column[k]) for c, column in zip(columns, values, strict=True)})
            for key, k in rows.items()],
            source=source)

    new: dict[tuple[str, str], int] = {}  # accounts not in the workspace yet: added at the end, in key order
    with progress.step(f"workspace: {what}", n, "rows") as tick:
        for start in range(0, n, size):
            last: dict[tuple[str, str], int] = {}  # an account's last row in the chunk
            for k in range(start, min(n, start + size)):
                if platforms[k] and handles[k]:
                    last[(platforms[k], handles[k])] = k
            ids = db.account_ids(last, scan=False)
            for key in [key for key in last if key not in ids]:
                new.pop(key, None)
                new[key] = last.pop(key)
            write(ids, last)
            tick(min(n, start + size))
        if new:
            from .pipeline import forgotten_notes

            forgotten = db.forgotten_among(new)
            db.on_commit(lambda: forgotten_notes(table, forgotten))  # (once, whatever the retries)
            tick(n, n + len(new))
            added = sorted(new)  # in key order, as `upsert_accounts` writes them
            for start in range(0, len(added), size):
                part = added[start:start + size]
                ids = db.upsert_accounts((p, h, None) for p, h in part)
                db.add_provenance((ids[key], "sheet", file) for key in part)
                write(ids, {key: new[key] for key in part})
                tick(n + min(len(added), start + size))


# ========================================================================================== score


@dataclass
class ScoredTable(Table):
    """`score()`'s table, with each row's breakdown (`scores[i]`, computed again when asked), the brand
    profile and the rows asked about with `explain`."""

    scores: Scores | None = None
    brand: Brand | None = None
    explained: list[int] = field(default_factory=list)
    saved_to: str | None = None  # the workspace whose current list this became

    def explanation(self) -> list[str]:
        """What `influkit score --explain HANDLE` prints: the breakdown of the explained rows (in the
        reasons' language), then the method."""
        from .fit import explain, method_lines

        assert self.brand is not None and self.scores is not None
        lang = str(self.meta.get("reasons_lang") or "en")
        lines = [line for i in self.explained for line in explain(self, self.scores, i, self.brand, lang)]
        return lines + [("méthode : " if lang == "fr" else "method: ") + m for m in method_lines(self.brand, lang)]

    def explanation_dict(self) -> dict[str, Any]:
        """`score --explain HANDLE -f json`: each explained row's breakdown as data, and the method."""
        from .fit import explain_data, method_lines

        assert self.brand is not None and self.scores is not None
        lang = str(self.meta.get("reasons_lang") or "en")
        return {"explained": [explain_data(self, self.scores, i, self.brand, lang) for i in self.explained],
                "lang": lang, "method": method_lines(self.brand, lang)}

    def best(self, n: int = 3) -> list[int]:
        """Row indexes of the n best ranks (creators only: TOTAL and section rows have no rank; a repeated
        account's later rows, which share its rank, are left out)."""
        import heapq

        ranks, dups = self.get("rank"), self.get("duplicate_of")
        return heapq.nsmallest(n, (i for i in range(len(self)) if ranks[i] is not None and dups[i] in (None, "")),
                               key=ranks.__getitem__)

    @property
    def blocked(self) -> int:
        return self.scores.blocked if self.scores is not None else 0


@reported
def score(
    file: FileArg | None = None,
    *,
    brand: str | Brand | None = None,
    explain: str | None = None,
    sheet: str | None = None,
    input_format: str | None = None,
    mapping: Sequence[str] = (),
    store: StoreArg = DEFAULT,
    campaign: str | None = None,
    stdin: BinaryIO | None = None,
    in_place: bool = False,
    lang: str | None = None,
    progress: Callback | None = None,
) -> ScoredTable:
    """`influkit score [FILE] --brand brand.toml`: score every creator 0-100 against a brand profile
    (fit, engagement, authenticity, reach, audience, cost) with reasons. Without `brand`: the campaign's
    brand profile when it has one, else ./brand.toml. With a workspace, the scored list becomes the
    campaign's list (for `shortlist`) and each account's score and reasons are recorded in the campaign.
    `explain` (a handle or name) is checked before anything is scored or stored;
    `ScoredTable.explanation()` gives its breakdown as lines of text, `.explanation_dict()` as data (what
    `--explain NAME -f json` prints). The reasons are written in `lang` (fr or en), else
    in the sheet's language. `in_place` writes the score columns into FILE itself, its headers in `lang`
    (see `enrich`)."""
    from .brand import Brand, load_brand
    from .fit import OUTPUT_COLUMNS, find_rows, score_table, scoring_workers
    from .io.read import optional_path

    file = optional_path(file)

    no_campaign_without_store(store, campaign)
    profile = brand if isinstance(brand, Brand) else _campaign_brand(store, campaign, brand)
    if profile is None:
        profile = load_brand(brand if isinstance(brand, str) else "brand.toml")
    stamp = in_place_stamp(file) if in_place else None
    with scoring_workers() as workers:  # forked before the list is read: they share none of its pages
        # (estimated prices in the budget's currency, when influkit converts to it: "$" budget, "$" estimates)
        # (the saved list's scores and reasons are made again whole: not read)
        table = load_list(file, store=store, campaign=campaign, sheet=sheet, input_format=input_format,
                          mapping=mapping, stdin=stdin, currency=_estimate_currency(profile), replaced=OUTPUT_COLUMNS)
        if stamp is not None:
            check_in_place_sheets(table)  # (refused before anything is scored or recorded)
        explained: list[int] = []
        if explain is not None:
            explained = find_rows(table, explain)
            if not explained:
                raise _not_in_list(table, f"no creator with handle or name {explain!r}")
        results = score_table(table, profile, lang, workers=workers)
    saved_to = None
    if len(table):
        from . import workspace

        with workspace.opened(store) as db:
            if db is not None:
                target = int(db.campaign(campaign, writable=True)["id"])
                meta = {"brand": profile.model_dump(), "brand_file": brand if isinstance(brand, str) else None,
                        "reasons_lang": table.meta.get("reasons_lang")}
                db.write(lambda: _save_with_fields(db, table, target, meta, ("score", "reasons"), "score", "scores"),
                         what="score", bulk=True)
                saved_to = db.location
    if stamp is not None:
        with told_if_recorded(saved_to):
            write_in_place(table, stamp, columns=OUTPUT_COLUMNS, lang=lang)
    return _extend(ScoredTable, table, scores=results, brand=profile, explained=explained, saved_to=saved_to)


# ====================================================================================== shortlist


@dataclass
class Shortlist(Table):
    """`shortlist()`'s chosen rows (best rank first), with what the exports show beside them."""

    title: str = ""  # of the md and html pages ("Sélection — Maison Sève": `selection.shortlist_title`)
    brand: Brand | None = None
    full: Table | None = None  # the whole scored list (identity cards gather a person's accounts from it);
    # scored here with `top` or `per_platform`, it has reasons on the chosen rows only
    filters: dict[str, Any] = field(default_factory=dict)
    lang: str | None = None  # of the client exports' labels (None: English)
    store: StoreArg = None  # where the cards' follower histories come from (None: no workspace)

    @property
    def profile_rows(self) -> list[list[Any]] | None:
        return self.brand.summary_rows(self.lang or "en") if self.brand else None

    @property
    def method(self) -> list[str]:
        from .fit import method_lines
        from .selection import rank_lines

        lines = method_lines(self.brand, self.lang or "en") if self.brand else []
        return lines + rank_lines(self, self.lang)  # the "#" counts what is shown; who was left out

    @property
    def left_out(self) -> dict[str, int]:
        """Rows left out by stage (declined, no_reply... unless `stage` asked for them)."""
        counts: dict[str, int] = self.meta.get("left_out") or {}
        return counts

    @property
    def no_account(self) -> int:
        """Scored rows left out because they name no account (no handle, no profile link)."""
        return int(self.meta.get("no_account") or 0)

    @property
    def blocked(self) -> int:
        """Scored accounts (rows) left out because the profile blocks them (an exclusion or a competitor): a
        person's Instagram, TikTok and YouTube are three (`blocked_people` counts the persons)."""
        return int(self.meta.get("blocked") or 0)

    @property
    def blocked_people(self) -> int:
        """The persons the blocked accounts are (`selection.people`: one sheet row, or one creator's name,
        is one person)."""
        return int(self.meta.get("blocked_people") or 0)

    def cards(self, lang: str | None = None) -> list[Card]:
        """One identity card per creator of the shortlist (`influkit shortlist --cards DIR`), in `lang` (default:
        the shortlist's), with each network's follower history from the workspace when there is one."""
        from . import workspace
        from .cards import build_cards

        with workspace.opened(self.store, create=False) as db:
            return build_cards(self, self.full, lang=lang or self.lang, store=db)


@reported
def shortlist(
    file: FileArg | None = None,
    *,
    top: int | None = None,
    per_platform: int | None = None,
    min_score: float | None = None,
    platform: Sequence[str] = (),
    tier: Sequence[str] = (),
    stage: Sequence[str] = (),
    brand: str | Brand | None = None,
    sheet: str | None = None,
    input_format: str | None = None,
    mapping: Sequence[str] = (),
    store: StoreArg = DEFAULT,
    campaign: str | None = None,
    stdin: BinaryIO | None = None,
    lang: str | None = None,
    progress: Callback | None = None,
) -> Shortlist:
    """`influkit shortlist [FILE] --top N`: the best-scored creators (rank order, duplicates skipped).
    With a FILE, `brand` scores it first (./brand.toml when it exists); without, the workspace's
    scored list is used, scored again with `brand` or the profile it was scored with (a price or a stage
    set since counts). Creators who declined or never replied are
    left out unless `stage` asks for them (stages to keep, "all" for every one). `lang` (fr or en) is the
    language of the client exports' headers, the reasons and the identity cards (default: the sheet's)."""
    import os

    from .brand import Brand, load_brand, saved_brand
    from .fit import OUTPUT_COLUMNS, fill_reasons, score_table, scoring_workers
    from .io.read import optional_path
    from .labels import check_lang, sheet_language
    from .selection import select, shortlist_title, stage_option

    file = optional_path(file)

    no_campaign_without_store(store, campaign)
    lang = check_lang(lang)
    for value in stage:
        stage_option(value)  # a usage error before anything is read
    profile: Brand | None = brand if isinstance(brand, Brand) else load_brand(brand) if brand else None
    if file is not None and profile is None:
        profile = _campaign_brand(store, campaign, None)
    if file is not None and profile is None and os.path.exists("brand.toml"):
        brand, profile = "brand.toml", load_brand("brand.toml")  # as `influkit score` does
    if file is not None and profile is None:
        raise UsageError("with a FILE, give --brand brand.toml to score it")
    with scoring_workers() as workers:  # forked before the list is read: they share none of its pages
        # (a profile known: the saved list's scores and reasons are made again whole, not read)
        table = load_list(file, store=store, campaign=campaign, sheet=sheet, input_format=input_format,
                          mapping=mapping, stdin=stdin, currency=_estimate_currency(profile),
                          replaced=OUTPUT_COLUMNS if profile is not None else ())
        saved = (table.meta.get("list") or {}).get("meta") or {}
        if profile is None and isinstance(saved.get("brand"), dict):
            profile = saved_brand(saved["brand"], "the scored list")
        lang = sheet_language(table, lang)  # the exports speak --lang, else the sheet's language
        scores, bounded = None, top is not None or per_platform is not None
        if profile is not None:
            # scored again, always: a price or a stage set since the list was scored (`set --price`) counts,
            # and the reasons are in `lang`; a bounded shortlist writes the reasons of its own rows only
            scores = score_table(table, profile, lang, reasons=not bounded, workers=workers)
    chosen = select(table, top=top, per_platform=per_platform, min_score=min_score, platforms=list(platform),
                    tiers=list(tier), stages=list(stage))
    if scores is not None and bounded:
        fill_reasons(table, scores, chosen.meta["indexes"])
        chosen.data["reasons"] = [table.data["reasons"][i] for i in chosen.meta["indexes"]]
    filters = {"top": top, "per_platform": per_platform, "min_score": min_score, "platform": list(platform),
               "tier": list(tier), "stage": list(stage)}
    # (the exports' title in their language: "Sélection — Maison Sève" in French)
    return _extend(Shortlist, chosen, title=shortlist_title(profile.name if profile else None, lang),
                   brand=profile, full=table, filters=filters, lang=lang,
                   store=store if workspace_exists(store) else None)


def workspace_exists(store: StoreArg) -> bool:
    from . import workspace

    return store is not None and workspace.exists(store)


# ========================================================================================= funnel


def _day(value: str | dt.date | None, option: str) -> dt.date | None:
    """A date option (a date, ISO, dd/mm/yyyy...) or a usage error naming the option."""
    from .io.parse import date_option

    return date_option(value, option)


@reported
def funnel(
    file: FileArg | None = None,
    *,
    by: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    target_deals: int | None = None,
    stale_days: int | None = None,
    sheet: str | None = None,
    input_format: str | None = None,
    mapping: Sequence[str] = (),
    store: StoreArg = DEFAULT,
    campaign: str | None = None,
    stdin: BinaryIO | None = None,
    progress: Callback | None = None,
) -> FunnelReport:
    """`influkit funnel [FILE]`: stages, conversion, losses, time in stage, breakdowns, follow-ups,
    proposals sent and accepted, and a projection for `target_deals`. With FILE the stages are the
    file's own; the campaign's stage events (in the workspace) only date what the sheet leaves undated,
    and only events whose date is known. Without FILE, every account of the campaign (the accounts
    `campaign_show` counts) with its current stage and events, the campaign's list giving the sheet
    details of the ones it has; the report's `.table` is then that list with only the columns the funnel
    reads (`outreach.reads_column`: the others are left empty, not read). JSON schema: docs/funnel.md."""
    from . import workspace
    from .io.read import optional_path
    from .outreach import FunnelReport, build_report, reads_column

    file = optional_path(file)

    no_campaign_without_store(store, campaign)
    start, end = _day(since, "--since"), _day(until, "--until")
    # without FILE, the campaign's pipeline: every account of the campaign, the list's rows giving
    # their sheet details (an earlier sheet's deals stay in it when another sheet becomes the list)
    # (without FILE only the columns the report reads: the others of a 500k-row list scored and linked, its
    # reasons, links and notes, took 1.4 GB)
    table = load_list(file, store=store, campaign=campaign, sheet=sheet, input_format=input_format,
                      mapping=mapping, stdin=stdin, every_account=True, reads=reads_column if file is None else None)
    events: Iterable[Any] = ()
    proposals: list[dict[str, Any]] | None = None
    name = None
    with workspace.opened(store, create=False) as db:
        if db is not None:
            found = db.campaign(campaign)
            name = found["name"]
            proposals = db.proposals(campaign_id=int(found["id"]))
            # read as the report goes through them, once (a 500k-row campaign's events as a list: 400 MB)
            events = db.stage_events(campaign_id=int(found["id"]))
        report = build_report(table, events=events, since=start, until=end, by=by, target_deals=target_deals,
                              stale_days=stale_days, events_move_stages=file is None, proposals=proposals,
                              campaign=name)
    return FunnelReport(report, table=table)


# ========================================================================================== links


@dataclass
class LinksTable(Table):
    """`links()`'s table (tracked_url and promo_code added) with what was done (`counts`)."""

    counts: dict[str, Any] = field(default_factory=dict)
    saved_to: str | None = None


@reported
def links(
    file: FileArg | None = None,
    *,
    url: str,
    campaign: str | None = None,
    utm_campaign: str | None = None,
    code_pattern: str = "{HANDLE}10",
    sheet: str | None = None,
    input_format: str | None = None,
    mapping: Sequence[str] = (),
    store: StoreArg = DEFAULT,
    stdin: BinaryIO | None = None,
    in_place: bool = False,
    lang: str | None = None,
    progress: Callback | None = None,
) -> LinksTable:
    """`influkit links [FILE] --url URL`: a UTM-tagged link per account and a unique, typeable promo code
    per creator (codes already in the sheet are kept and checked). utm_campaign is `utm_campaign` as
    given, else the campaign's name as a plain word ("Éclat d'Hiver" -> eclat-d-hiver). With a workspace, the table becomes the campaign's list and each account's
    code and link are recorded in the campaign; with `store=None`, `campaign` is only the utm_campaign.
    `in_place` writes tracked_url and promo_code into FILE itself (see `enrich`)."""
    from . import workspace
    from .campaign.links import add_links, check_pattern, check_url
    from .io.read import optional_path
    from .text import slug

    file = optional_path(file)

    if not url:
        raise UsageError("links needs --url")
    check_url(url)
    check_pattern(code_pattern)
    if store is None and not (utm_campaign or campaign):
        raise UsageError("links needs --campaign (or --utm-campaign) for utm_campaign when there is no workspace")
    stamp = in_place_stamp(file) if in_place else None
    table = load_list(file, store=store, campaign=campaign if store is not None else None, sheet=sheet,
                      input_format=input_format, mapping=mapping, stdin=stdin)
    if stamp is not None:
        check_in_place_sheets(table)  # (refused before any code is recorded)
    saved_to = None
    with workspace.opened(store) as db:
        found = db.campaign(campaign, writable=True) if db is not None else None
        # --utm-campaign as given, else the campaign's name as a plain word ("Éclat d'Hiver" -> eclat-d-hiver)
        name = str(found["name"] if found is not None else campaign)
        utm = utm_campaign or slug(name) or name
        counts = add_links(table, url=url, campaign=utm, code_pattern=code_pattern)
        if db is not None and found is not None:
            meta = {"links": {"url": url, "campaign": utm}}
            db.write(lambda: _save_with_fields(db, table, int(found["id"]), meta, ("promo_code", "tracked_url"),
                                               "links", "codes and links"), what="links", bulk=True)
            saved_to = db.location
    if stamp is not None:
        # the codes go into the sheet's own promo-code column when it has one (new codes fill it,
        # replaced ones change), the links into a column of influkit's: cell by cell, one backup
        from .io.inplace import write_cells

        codes, urls = table.get("promo_code"), table.get("tracked_url")
        changes = {k: {c: v for c, v in (("tracked_url", urls[k]), ("promo_code", codes[k])) if v is not None}
                   for k in range(len(table))}
        with told_if_recorded(saved_to):
            table.meta["in_place"] = write_cells(table, {k: v for k, v in changes.items() if v}, lang=lang,
                                                 expected=stamp)
    return _extend(LinksTable, table, counts=counts, saved_to=saved_to)


# ======================================================================================== results


@reported
def results(
    orders: FileArg,
    file: FileArg | None = None,
    *,
    source: str | None = None,
    window: int | None = None,
    utm: Sequence[str] = (),
    mapping: Sequence[str] = (),
    sheet: str | None = None,
    store: StoreArg = DEFAULT,
    campaign: str | None = None,
    progress: Callback | None = None,
) -> ResultsReport:
    """`influkit results ORDERS [FILE]`: orders (ORDERS "-": stdin; matched by promo code) and UTM analytics (by
    utm_content = handle) per creator, with cost, CPA, ROI and ROAS, and the totals. `source` is the
    orders export kind (shopify or csv; found from the headers by default). JSON: docs/funnel.md."""
    from .campaign.results import ResultsReport, build_report, read_orders, read_utm, refuse_unused_maps
    from .io.read import input_path, optional_path

    orders = input_path(orders)
    file = optional_path(file)

    if orders == "-" and file == "-":
        raise UsageError("ORDERS and FILE cannot both be stdin ('-'): give one of them as a file")
    refuse_unused_maps(list(mapping), None, orders=orders, utm=list(utm))
    used: set[str] = set()  # the --map fields that named a column of the file they read
    order_list, excluded = read_orders(orders, source=source, mapping=list(mapping), used=used)
    utm_rows = [row for path in utm for row in read_utm(path, mapping=list(mapping), used=used)]
    refuse_unused_maps(list(mapping), used, orders=orders, utm=list(utm))
    no_campaign_without_store(store, campaign)
    # (without FILE, every account of the campaign: an earlier sheet's deals and codes, as funnel)
    table = load_list(file, store=store, campaign=campaign, sheet=sheet, every_account=True)
    if file is None:
        _published_from_events(table, store)
    return ResultsReport(build_report(table, order_list, excluded=excluded, utm_rows=utm_rows, window=window),
                         table=table)


def _published_from_events(table: Table, store: StoreArg) -> None:
    """The workspace list's publication days that only the campaign's stage events know (`set --stage
    published --on DAY`): each row without a `published_on` takes its account's earliest dated one."""
    from . import workspace
    from .outreach import events_by_account

    with workspace.opened(store, create=False) as db:
        if db is None:
            return
        cid = int(db.campaign(table.meta.get("campaign"))["id"])
        dated, _, _ = events_by_account(db.stage_events(campaign_id=cid))
    first = {key: stages["published"] for key, stages in dated.items() if "published" in stages}
    if not first:
        return
    days = list(table.get("published_on")) if table.has("published_on") else [None] * len(table)
    platforms, handles = table.get("platform"), table.get("handle")
    for k in range(len(table)):
        if days[k] is None:
            days[k] = first.get((platforms[k], handles[k]))
    table.data["published_on"] = days


# ======================================================================================= inspect


def inspect(
    file: FileArg,
    *,
    sheet: str | None = None,
    input_format: str | None = None,
    mapping: Sequence[str] = (),
    platform: str | None = None,
    save_map: bool = False,
    store: StoreArg = DEFAULT,
    stdin: BinaryIO | None = None,
) -> InspectReport:
    """`influkit inspect FILE`: how a sheet is read, per tab: the header row found, how every column is
    understood (by header or by content, with evidence and samples), what is kept verbatim, the rows that
    are not creators. Nothing is computed or recorded; `save_map` remembers the `mapping` fixes for the
    next file with the same header layout (maps.json beside the workspace)."""
    from . import workspace
    from .io.inspect import inspect as run_inspect
    from .io.read import input_path

    file = input_path(file)

    maps = str(workspace.maps_path(store))
    if save_map and mapping:
        read_table(file, sheet=sheet, input_format=input_format, mapping=mapping, platform=platform, stdin=stdin,
                   save_map=True, maps=maps)
    return run_inspect(file, sheet=sheet, input_format=input_format, mapping=mapping, platform=platform,
                       stdin=stdin, maps=maps)


# ========================================================================================= check


@reported
def check(
    file: FileArg,
    *,
    rules: str | Sequence[str] | None = None,
    brand: str | Brand | None = None,
    lang: str | None = None,
    sheet: str | None = None,
    input_format: str | None = None,
    mapping: Sequence[str] = (),
    platform: str | None = None,
    progress: Callback | None = None,
) -> CheckResult:
    """`influkit check FILE`: the disclosure check of every post (French law 2023-451 and the ARPP by
    default; `rules` "fr,us,uk,eu" or "all"): one row per post, in input order, with `disclosure` (ok,
    missing, insufficient, late), the rule ids that fired, one reason per rule with its source, and
    warnings for what a checker cannot decide; every input column kept. `mapping` names columns
    ("Header=field", fields: caption, overlay, title, link, platform, format, flag, published, handle,
    age). See docs/compliance.md."""
    from .campaign.compliance import check as run_check
    from .io.read import input_path

    file = input_path(file)

    return run_check(file, rules=rules, brand=brand, lang=lang, sheet=sheet, input_format=input_format,
                     mapping=_field_map(mapping), platform=platform)


def _field_map(mapping: Sequence[str]) -> dict[str, str]:
    """`--map "Header=field"` options as {field: header} (a usage error for a malformed one)."""
    maps: dict[str, str] = {}
    for item in mapping:
        header, sep, name = item.rpartition("=")
        if not sep or not header.strip() or not name.strip():
            raise UsageError(f'--map {item!r}: use "Header=field"')
        maps[name.strip()] = header.strip()
    return maps


# ========================================================================================= report


@reported
def report(
    file: FileArg | None = None,
    *,
    posts: FileArg | None = None,
    orders: FileArg | None = None,
    clicks: str | None = None,
    brand: str | Brand | None = None,
    budget: str | float | None = None,
    objectives: str | Sequence[str] | Mapping[str, Any] | Objectives | None = None,
    lang: str | None = None,
    emv: float | None = None,
    rules: str | Sequence[str] | None = None,
    window: int | None = None,
    title: str | None = None,
    sheet: str | None = None,
    input_format: str | None = None,
    mapping: Sequence[str] = (),
    platform: str | None = None,
    orders_source: str | None = None,
    offline: bool = False,
    refresh: bool = False,
    config: str | None = None,
    campaign: str | None = None,
    store: StoreArg = DEFAULT,
    progress: Callback | None = None,
) -> CampaignReport:
    """`influkit report [FILE]`: the client report of a campaign: objectives recap, then 1. results (per
    post, creator, network, format, campaign), 2. analysis, 3. conclusion, 4. recommendations, each
    sentence with the rule that wrote it. FILE is a post-campaign sheet (one row per post) or, with
    `posts`, the prospect list the posts belong to (without FILE, the workspace's list). Numbers come from
    the sheet and, unless `offline`, from the YouTube and Instagram APIs (dated snapshots). `orders` is a
    shop export (promo codes), `clicks` a clicks or UTM export; `objectives` "views=200k,orders=150,cpe=0,2"
    (a dict too, or an Objectives, e.g. a workspace campaign's) completed by the brand profile's [campaign];
    `budget` "6000 €"; `emv` the money value of one engagement (EMV shown only when given). The workspace's
    campaign (`campaign`, else the default one) completes the objectives, budget and brand, and without
    FILE or `posts` its posts are those recorded with `influkit set --post`. Each dated reading of a post
    is kept in the workspace, so later runs show D+1, D+7 and D+30. JSON: docs/report.md."""
    from . import workspace
    from .brand import Brand, load_brand, saved_brand
    from .campaign.published import (
        KEPT_READING,
        date_recorded,
        fetch_numbers,
        load_post_snapshots,
        read_published,
        record_post_snapshots,
    )
    from .campaign.report import (
        CampaignReport,
        Objectives,
        build_report,
        one_currency,
        parse_objectives,
        read_clicks,
    )
    from .campaign.results import ORDER_FIELDS, read_orders
    from .io.read import optional_path
    from .labels import check_lang

    file = optional_path(file)
    posts = optional_path(posts)
    orders = optional_path(orders)

    report_lang = check_lang(lang)
    if campaign is not None:
        workspace.require(store, "report --campaign")
        workspace.no_campaign_without_store(store, campaign)  # (a workspace not made yet has only the default)
    saved, recorded = _report_campaign(store, campaign, need_posts=file is None and posts is None)
    if file is None and posts is None and saved is None:
        raise UsageError("report needs a post-campaign sheet (FILE), --posts FILE, or a workspace campaign whose "
                         "posts were recorded with `influkit set HANDLE --post URL`")
    if window is not None and window < 0:
        raise UsageError("--window must be 0 or more days")
    profile: Brand | None = brand if isinstance(brand, Brand) else load_brand(brand) if brand else None
    aims = objectives if isinstance(objectives, Objectives) else parse_objectives(objectives)
    if budget is not None:  # (its currency and the money objectives' are one: --budget £, cpe=$ is refused)
        aims.budget = _budget(budget)[0]
        aims.amounts = [("--budget", budget), *aims.amounts]
        aims.currency = one_currency(aims.amounts) or aims.currency
        aims.budget_source = "--budget"
    if saved is not None:
        if profile is None and isinstance(saved.get("brand"), dict):
            profile = saved_brand(saved["brand"], "the campaign")
        aims = aims.merged(_campaign_objectives(saved))
    aims = aims.with_currency(aims.currency)  # ("--objectives cpe=0.2 --budget '$15,000'": a CPE in dollars)
    if profile is not None:
        aims = aims.merged(profile.campaign_objectives())
    maps = _field_map(mapping)
    # a --map naming an order field ("Total TTC=total") maps the orders export's column
    order_maps = [f"{header}={name}" for name, header in maps.items() if name in ORDER_FIELDS]
    # (a currency column: the orders', when there are orders, else the posts sheet's)
    maps = {name: header for name, header in maps.items()
            if name not in ORDER_FIELDS or (name == "currency" and not orders)}
    order_list, excluded = (read_orders(orders, source=orders_source, mapping=order_maps) if orders else (None, None))
    clicks_rows, utm_rows = read_clicks(clicks) if clicks else ([], [])
    # (a recorded post is read by its link and account; its day is given once nothing else dates it, below)
    source: Any = posts if posts is not None else file if file is not None else [
        {k: v for k, v in r.items() if k != "published_on"} for r in recorded]
    published = read_published(source, sheet=sheet if posts is None else None, input_format=input_format,
                               mapping=maps, platform=platform)
    if recorded and (posts is not None or file is not None):  # a bare post link recorded with `set --post`
        # names its account
        from .campaign.published import join_recorded

        joined = join_recorded(published.posts, [{**r, "url": r["post url"]} for r in recorded])
    else:
        joined = 0
    if not published.posts:
        raise InfluError(f"no published post: none of the {count(len(published.skipped_rows), 'row')} has a post link "
                         "(Lien publication, Post URL...), a caption or numbers of its own; name the columns with "
                         '--map "Header=link"', file=published.source, sheet=published.sheet)
    table = None
    if posts is not None or file is None:
        if file is not None:
            table = load_list(file, store=store, sheet=sheet, input_format=input_format)
        elif workspace.exists(store):
            # the campaign's list, when there is one (a workspace a first `report --posts` made has none);
            # a campaign whose creators were only `set` uses the default list
            try:
                table = load_list(None, store=store, campaign=saved["name"] if saved is not None else None,
                                  every_account=True)
            except NoListError:
                table = None
            if table is not None and saved is not None and not saved["is_default"] \
                    and not (table.meta.get("list") or {}).get("meta"):
                with contextlib.suppress(InfluError):  # no sheet saved in this campaign: the default list's
                    table = load_list(None, store=store, every_account=True)
    elif campaign is not None and saved is not None:
        # a post sheet of a named campaign: the campaign's list completes it (the codes and tracked links
        # `influkit links` gave, the accounts of posts whose link names none, prices agreed), as without FILE
        try:
            table = load_list(None, store=store, campaign=saved["name"], every_account=True)
        except NoListError:
            table = None
    if report_lang is None and file is None and posts is None and table is not None:
        from .labels import sheet_language

        report_lang = sheet_language(table)  # recorded posts have no captions: the list's language
    sources: dict[str, Any] = {"list": (table.meta.get("list") if table is not None else None), "orders_file": orders,
                               "clicks_file": clicks}
    if file is None and posts is None and saved is not None:
        published.source = f"campaign {saved['name']!r} (posts recorded with `influkit set --post`)"
    if saved is not None:
        sources["campaign"] = {"name": saved["name"], "posts_recorded": len(recorded), "posts_joined": joined,
                               "objectives_not_in_report": sorted(k for k in saved.get("objectives") or {}
                                                                  if _report_metric(k) is None)}
    with workspace.opened(store) as db:
        fetch = None
        if not offline:
            fetch = fetch_numbers(published.posts, store=db, config=config, refresh=refresh)
        snapshots = [s for p in published.posts for s in p.snapshots]  # this run's readings
        kept = record_post_snapshots(db, snapshots) if db is not None else 0
        kept_before = load_post_snapshots(db, published.posts) if db is not None else 0  # earlier days'
    # a post no row, API nor kept reading dates: the day `set --stage published --on DAY --post URL` gave it
    date_recorded(published.posts, [{**r, "url": r["post url"]} for r in recorded])
    sources["live"] = fetch.to_dict() if fetch is not None else {"offline": True}
    sources["snapshots"] = {"this_run": len(snapshots), "from_workspace": kept_before, "kept_in_workspace": kept,
                            # posts with numbers this run read nowhere, taken from their latest kept reading
                            "posts_numbered_from_workspace": sum(1 for p in published.posts if any(
                                f.source.startswith(KEPT_READING) for f in p.figures.values())),
                            "note": None if kept or not snapshots or db is not None else
                            "post readings are not kept without a workspace (--no-store)"}
    data = build_report(published, table=table, orders=order_list, excluded=excluded, utm_rows=utm_rows,
                        clicks_rows=clicks_rows, objectives=aims, brand=profile, rules=rules, lang=report_lang,
                        emv=emv, window=window, title=title, sources=sources)
    result = CampaignReport(data, table=table)
    result.snapshots = snapshots
    return result


def _report_metric(key: str) -> str | None:
    """The report's metric a workspace campaign objective names ("sales" -> orders), None for one the
    report does not measure (deals...)."""
    from .campaign.report import metric_name

    try:
        return metric_name(key)
    except UsageError:
        return None


def _campaign_objectives(saved: dict[str, Any]) -> Objectives:
    """A workspace campaign's objectives and budget as report objectives."""
    from .campaign.report import OBJECTIVE_METRICS, Objective, Objectives

    source = f"workspace campaign {saved['name']!r}"
    out = Objectives(name=saved["name"])
    for key, value in (saved.get("objectives") or {}).items():
        metric = _report_metric(key)
        if metric == "budget":
            out.budget, out.budget_source = float(value), source
        elif metric is not None and isinstance(value, int | float):
            out.targets.append(Objective(metric, float(value), OBJECTIVE_METRICS[metric], source))
    if saved.get("budget") is not None:
        out.budget, out.budget_source = float(saved["budget"]), source
    out.currency = saved.get("currency")
    return out.with_currency(out.currency)


def _report_campaign(store: StoreArg, name: str | None, *, need_posts: bool
                     ) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The workspace campaign a report uses (named, else the default one) and its recorded posts as rows
    (`need_posts`: the report has no posts file, so it needs some), each with the day it went live when its
    stage events say it (`campaign.published.recorded_days`); (None, []) without a workspace."""
    from . import workspace
    from .campaign.published import recorded_days

    if not workspace.exists(store) and name is None:
        return None, []
    with workspace.opened(store, create=False) as db:
        if db is None:
            return None, []
        saved = db.campaign(name)
        recorded = db.posts_of_campaign(saved["id"])
        # the day each went live, as `set --stage published --on DAY --post URL` said it
        days = recorded_days(recorded, list(db.stage_events(
            campaign_id=int(saved["id"]), accounts={int(r["account_id"]) for r in recorded}))) if recorded else []
        rows = [{"creator": r["creator"] or r["handle"], "handle": r["handle"], "platform": r["platform"],
                 "post url": r["url"], "published_on": day} for r, day in zip(recorded, days, strict=True)]
    if need_posts and not rows:
        raise InfluError(f"campaign {saved['name']!r} has no published post recorded: record each with "
                         "`influkit set HANDLE --post URL`, or give the post-campaign sheet",
                         file=workspace.display(workspace.resolve(store) or ""))
    return saved, rows


# ======================================================================================== history


@reported
def history_import(
    file: FileArg,
    *,
    platform: str | None = None,
    handle: str | None = None,
    total: int | None = None,
    strict: bool = False,
    sheet: str | None = None,
    store: StoreArg = DEFAULT,
    progress: Callback | None = None,
) -> ImportResult:
    """`influkit history import FILE`: record a follower history (totals or gains, one account or many)
    in the workspace. A workbook's tab: `sheet` (name or 1-based position), else the first that holds a
    history (a date column and a followers or gains column). `.to_dict()` is what `--format json` prints."""
    from . import workspace
    from .followers import import_history
    from .io.read import input_path

    file = input_path(file)

    workspace.require(store, "history import")
    with workspace.opened(store) as db:
        assert db is not None
        return import_history(db, file, platform=platform, handle=handle, total=total, strict=strict, sheet=sheet)


def history(handle: str, *, platform: str | None = None, store: StoreArg = DEFAULT) -> History:
    """`influkit history show HANDLE`: an account's follower series, growth, trend, spikes and drops.
    `.to_dict()` is what `--format json` prints."""
    from . import workspace
    from .followers import account_history, find_account
    from .updates import parse_target

    workspace.existing(store, "history show", "run `influkit history import FILE` or `influkit enrich FILE`")
    platform, handle = parse_target(handle, platform)
    with workspace.opened(store) as db:
        assert db is not None
        return account_history(db, find_account(db, handle, platform))


# ================================================================================ settings, brand


def columns() -> Table:
    """`influkit columns`: the canonical columns, their kind, the headers recognised for each, and what
    they mean."""
    from .schema import COLUMNS

    rows = [{"column": c.name, "kind": c.kind, "computed": c.computed, "headers": " | ".join(c.synonyms),
             "meaning": c.doc} for c in COLUMNS]
    return Table.from_rows(["column", "kind", "computed", "headers", "meaning"], rows)


def thresholds_table() -> Table:
    """`influkit thresholds`: every threshold, benchmark and setting with its source."""
    from .thresholds import table

    return Table.from_rows(["group", "name", "value", "source"], table())


def brand_template() -> str:
    """`influkit brand init`: a commented brand profile to edit."""
    from .brand import TEMPLATE

    return TEMPLATE


def brand_check(file: str) -> Brand:
    """`influkit brand check FILE`: the profile as the scorer reads it (InfluError naming the key and
    line when it is wrong)."""
    from .brand import load_brand

    return load_brand(file)


# ====================================================================================== campaigns


class CampaignSummary(Report):
    """A campaign as `influkit campaign show` prints it: its settings, objectives, legal basis, and
    counts (accounts per stage, list rows, proposals sent and accepted with their agreed value)."""

    def sections(self) -> list[str]:
        return ["campaign", "stages", "proposals"]

    def rows(self, section: str) -> tuple[list[str], list[dict[str, Any]]]:
        if section == "campaign":
            shown = {k: v for k, v in self.data.items() if k not in ("counts", "brand")}
            shown["objectives"] = ", ".join(f"{k}={v}" for k, v in (self.data.get("objectives") or {}).items()) or None
            shown["brand"] = (self.data.get("brand") or {}).get("name")
            return ["field", "value"], [{"field": k, "value": v} for k, v in shown.items()]
        counts = self.data.get("counts") or {}
        if section == "stages":
            return ["stage", "accounts"], [{"stage": k, "accounts": v} for k, v in (counts.get("stages") or {}).items()]
        if section == "proposals":
            return ["status", "currency", "proposals", "deliverables", "value"], list(counts.get("proposals") or [])
        raise UsageError(f"no section {section!r} in a campaign")


def _budget(budget: str | float) -> tuple[float, str | None]:
    """`--budget` (report, campaign new and edit): its amount and the currency it writes ("£8,000":
    8000.0 and GBP; 5000: 5000.0 and None)."""
    from .campaign.report import objective_value
    from .io.parse import detect_currency

    try:
        return objective_value("budget", budget), detect_currency(budget)
    except UsageError:
        raise UsageError(f"--budget {budget!r}: give an amount, e.g. 5000 or '5 000 €'") from None


def _campaign_currency(budget: str | float | None, currency: str | None, campaign: dict[str, Any] | None,
                       money: list[tuple[str, Any]], brand_currency: str | None = None) -> str | None:
    """The currency `campaign new`/`edit` sets: --currency, else the one the budget or a money objective
    writes ("£8,000": GBP), else (a new campaign with a budget) the brand's budget currency
    (`brand_currency`), else the default; None leaves an edited
    campaign's as it is. An amount written in another currency than --currency, or than the edited
    campaign's without --currency, is a usage error: influkit converts no amount."""
    from .campaign.report import one_currency
    from .io.parse import detect_currency
    from .metrics.pricing import check_currency

    amounts = [*([("--budget", budget)] if budget is not None else []), *money]
    if currency is not None:
        return one_currency(amounts, check_currency(currency), "--currency")
    current = campaign.get("currency") if campaign is not None else None
    if campaign is not None and current:
        one_currency(amounts, current, f"campaign {campaign['name']!r}",
                     "add --currency {written} to change the campaign's currency")
        return None
    written = one_currency(amounts)
    if written:
        what, amount = next((w, a) for w, a in amounts if detect_currency(a) == written)
        try:
            return check_currency(written)
        except UsageError as exc:
            raise UsageError(f"{what} {amount!r}: {exc.message}") from None
    if budget is not None:
        from .thresholds import DEFAULT_CURRENCY

        return brand_currency or DEFAULT_CURRENCY
    return None


def _brand_currency(profile: dict[str, Any]) -> str | None:
    """The currency of a brand profile's budget (a saved `Brand.model_dump()`): its [campaign] budget's, else
    its [budget]'s; None when it has neither a budget nor a currency."""
    part = profile.get("campaign")
    if isinstance(part, dict) and part.get("budget") is not None and isinstance(part.get("currency"), str):
        return str(part["currency"])
    part = profile.get("budget")  # (with a per-post amount or without one, its currency)
    return str(part["currency"]) if isinstance(part, dict) and isinstance(part.get("currency"), str) else None


def _campaign_values(brand: str | None, budget: str | float | None, currency: str | None, start: str | dt.date | None,
                     end: str | dt.date | None, objectives: Mapping[str, Any] | Sequence[str] | None,
                     campaign: dict[str, Any] | None = None) -> dict[str, Any]:
    """The campaigns columns of `campaign new` (`campaign` None) or `edit` (the campaign edited). The
    objectives are read as `report --objectives` reads them (campaign.report.read_objectives), names the
    report does not measure kept ("deals=10"); `budget=` among them is the budget."""
    from .campaign.report import RATE_METRICS, money_amounts, read_objectives

    values: dict[str, Any] = {}
    if brand is not None:
        from .brand import load_brand

        values["brand"] = load_brand(brand).model_dump()
        values["brand_file"] = brand
    aims = read_objectives(objectives, "--objective", others=True)
    budgets = [a.written for a in aims if a.metric == "budget"]  # (--objective budget=... is the budget)
    if budgets and budget is not None:
        raise UsageError(f"--objective budget={budgets[-1]!r} and --budget {budget!r}: give the budget once")
    budget = budgets[-1] if budgets else budget
    if budget is not None:
        values["budget"] = _budget(budget)[0]
    values["currency"] = _campaign_currency(budget, currency, campaign,
                                            money_amounts([a for a in aims if a.metric != "budget"], "--objective"),
                                            _brand_currency(values["brand"]) if "brand" in values else None)
    start_day, end_day = _day(start, "--start"), _day(end, "--end")
    if start_day and end_day and start_day > end_day:
        raise UsageError(f"--start {start_day} is after --end {end_day}")
    values["start_on"], values["end_on"] = start_day, end_day
    targets = {a.metric: int(a.target) if a.target.is_integer() and a.metric not in RATE_METRICS else a.target
               for a in aims if a.metric != "budget"}
    values["objectives"] = targets if objectives is not None else None
    return {k: v for k, v in values.items() if v is not None}


def _campaign_report(db: Store, found: dict[str, Any]) -> CampaignSummary:
    return CampaignSummary({**found, "counts": db.campaign_counts(int(found["id"]))})


def campaign_new(
    name: str,
    *,
    brand: str | None = None,
    budget: str | float | None = None,
    currency: str | None = None,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    objectives: Mapping[str, Any] | Sequence[str] | None = None,
    legal_basis: str | None = None,
    default: bool = False,
    store: StoreArg = DEFAULT,
) -> CampaignSummary:
    """`influkit campaign new NAME`: a campaign with an optional brand profile (its scoring profile),
    budget and currency (the one the budget writes: "£8,000" is in GBP), dates, objectives read as `report`
    reads them ("views=1,2M", "cpe=0,25 €", "er_views=5 %", "sales=200" stored as orders, or a dict; names
    the report does not measure kept: "deals=10") and a legal-basis note (legitimate interest by default);
    `default` makes it the workspace's default campaign."""
    from . import workspace

    workspace.require(store, "campaign new")
    values = _campaign_values(brand, budget, currency, start, end, objectives)
    with workspace.opened(store) as db:
        assert db is not None
        return _campaign_report(db, db.create_campaign(name, make_default=default, legal_basis=legal_basis, **values))


def campaign_edit(
    name: str,
    *,
    brand: str | None = None,
    budget: str | float | None = None,
    currency: str | None = None,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    objectives: Mapping[str, Any] | Sequence[str] | None = None,
    legal_basis: str | None = None,
    default: bool = False,
    store: StoreArg = DEFAULT,
) -> CampaignSummary:
    """`influkit campaign edit NAME`: change a campaign's brand profile, budget, dates, objectives (merged
    with the ones it has), legal-basis note, or make it the default."""
    from . import workspace
    from .campaign.report import metric_name

    workspace.require(store, "campaign edit")
    with workspace.opened(store) as db:
        assert db is not None
        found = db.campaign(name, writable=True)
        values = _campaign_values(brand, budget, currency, start, end, objectives, campaign=found)
        if "objectives" in values:  # (merged by metric: one written "sales" before is the "orders" given now)
            values["objectives"] = {**{metric_name(k, others=True): v for k, v in found["objectives"].items()},
                                    **values["objectives"]}
        return _campaign_report(db, db.update_campaign(name, make_default=default, legal_basis=legal_basis,
                                                       **values))


def campaign_list(*, store: StoreArg = DEFAULT) -> Table:
    """`influkit campaign list`: every campaign with its status, dates, budget and accounts."""
    from . import workspace

    workspace.existing(store, "campaign list", "run `influkit enrich FILE` or `influkit campaign new NAME` first")
    with workspace.opened(store) as db:
        assert db is not None
        rows = []
        for c in db.campaigns():
            counts = db.campaign_counts(int(c["id"]))
            rows.append({"name": c["name"], "default": c["is_default"], "status": c["status"],
                         "start_on": c["start_on"], "end_on": c["end_on"], "budget": c["budget"],
                         "currency": c["currency"], "brand": (c["brand"] or {}).get("name"),
                         "accounts": counts["accounts"], "list_rows": counts["list_rows"]})
    return Table.from_rows(["name", "default", "status", "start_on", "end_on", "budget", "currency", "brand",
                            "accounts", "list_rows"], rows)


def campaign_show(name: str | None = None, *, store: StoreArg = DEFAULT) -> CampaignSummary:
    """`influkit campaign show [NAME]`: a campaign (the default one without NAME) with its objectives,
    legal basis, accounts per stage and proposals sent and accepted."""
    from . import workspace

    workspace.existing(store, "campaign show", "run `influkit enrich FILE` or `influkit campaign new NAME` first")
    with workspace.opened(store) as db:
        assert db is not None
        return _campaign_report(db, db.campaign(name))


def campaign_archive(name: str, *, store: StoreArg = DEFAULT) -> CampaignSummary:
    """`influkit campaign archive NAME`: the campaign is kept and can be read, but no longer changed."""
    from . import workspace

    workspace.existing(store, "campaign archive", "run `influkit enrich FILE` or `influkit campaign new NAME` first")
    with workspace.opened(store) as db:
        assert db is not None
        return _campaign_report(db, db.archive_campaign(name))


# ======================================================================================== creator


class CreatorReport(Report):
    """Everything known about one creator (`influkit creator HANDLE`); `.to_dict()` is the JSON."""

    def sections(self) -> list[str]:
        return ["accounts", "campaigns", "proposals", "events"]

    def rows(self, section: str) -> tuple[list[str], list[dict[str, Any]]]:
        if section == "accounts":
            columns = ["platform", "handle", "creator", "followers", "engagement_rate", "tier", "trend", "flags",
                       "authenticity", "sources"]
            out = []
            for a in self.data["accounts"]:
                latest, facts = a["latest"], a["facts"]
                out.append({"platform": a["platform"], "handle": a["handle"], "creator": a["creator"],
                            "followers": (latest.get("followers") or {}).get("value"),
                            "engagement_rate": (latest.get("engagement_rate") or {}).get("value"),
                            **{k: (facts.get(k) or {}).get("value") for k in ("tier", "flags", "authenticity")},
                            "trend": a["history"]["trend"],
                            "sources": ", ".join(f"{p['kind']}:{p['source']}" for p in a["provenance"])})
            return columns, out
        if section == "campaigns":
            columns = ["campaign", "platform", "handle", "stage", "price_quoted", "currency", "promo_code", "score",
                       "owner", "agreed", "source"]
            return columns, [{**{k: c[k] for k in columns if k in c},
                              "agreed": ", ".join(f"{p['count']} {p['deliverable']}" for p in c["agreed"]) or None}
                             for c in self.data["campaigns"]]
        if section == "proposals":  # every proposal, open or accepted (the agreed ones are also in campaigns)
            columns = ["campaign", "handle", "deliverable", "count", "price", "currency", "status", "proposed_on",
                       "accepted_on"]
            return columns, [{"campaign": c["campaign"], "handle": c["handle"], **{k: p.get(k) for k in columns[2:]}}
                             for c in self.data["campaigns"] for p in c.get("proposals") or ()]
        if section == "events":
            columns = ["campaign", "handle", "stage", "on_date", "source", "note"]
            return columns, [{"campaign": c["campaign"], "handle": c["handle"], **e}
                             for c in self.data["campaigns"] for e in c["stage_events"]]
        raise UsageError(f"no section {section!r} in a creator's view")


def creator(handle: str, *, platform: str | None = None, export: bool = False, store: StoreArg = DEFAULT) -> CreatorReport:
    """`influkit creator HANDLE`: one creator's accounts per network (latest numbers, history with spikes,
    flags), every campaign with its stage, price, code, score and reasons, proposals and agreed
    deliverables, each fact with where it came from. `export` adds every stored row about them (the
    right of access) and logs that an export was made (counts only)."""
    from . import workspace
    from .creators import creator_view
    from .updates import parse_target

    workspace.existing(store, "creator", "run `influkit enrich FILE` first")
    platform, handle = parse_target(handle, platform)
    with workspace.opened(store) as db:
        assert db is not None
        return CreatorReport(creator_view(db, handle, platform, export=export))


def forget(handle: str, *, platform: str | None = None, store: StoreArg = DEFAULT) -> Report:
    """`influkit forget HANDLE`: erase the person (their accounts, snapshots, posts, stage events,
    campaign data, cache entries and list rows) from the workspace, keeping only a salted hash so a later
    import warns that they asked to be forgotten. Logged without personal data."""
    from . import workspace
    from .creators import forget as erase
    from .updates import parse_target

    workspace.existing(store, "forget", "nothing to forget")
    platform, handle = parse_target(handle, platform)
    with workspace.opened(store) as db:
        assert db is not None
        return ForgetReport(erase(db, handle, platform))


class ForgetReport(Report):
    def sections(self) -> list[str]:
        return ["erased"]

    def rows(self, section: str) -> tuple[list[str], list[dict[str, Any]]]:
        return ["what", "rows"], [{"what": k, "rows": v} for k, v in self.data["erased"].items()]


# ======================================================================================== propose


class ProposalReport(Report):
    """A recorded proposal with its suggested price and how it was made."""

    def sections(self) -> list[str]:
        return ["proposal"]

    def rows(self, section: str) -> tuple[list[str], list[dict[str, Any]]]:
        flat = {k: (", ".join(v) if isinstance(v, list) else v) for k, v in self.data.items() if k != "suggestion"}
        suggestion = self.data.get("suggestion") or {}
        flat.update({f"suggested_{k}": suggestion.get(k) for k in ("low", "high", "method", "source")})
        return ["field", "value"], [{"field": k, "value": v} for k, v in flat.items()]


def propose(
    handle: str,
    *,
    deliverable: str,
    count: int = 1,
    price: str | float | None = None,
    currency: str | None = None,
    cta: str | None = None,
    usage_days: int | None = None,
    whitelisting: bool = False,
    accept: bool = False,
    platform: str | None = None,
    campaign: str | None = None,
    store: StoreArg = DEFAULT,
) -> ProposalReport:
    """`influkit propose HANDLE --deliverable story`: suggest a fair price for `count` deliverables of a
    format (story, feed_post, carousel, reel, tiktok_video, youtube_dedicated, youtube_integration,
    blog_article, live) from the thresholds table's bands, say how, and record the proposal in the
    campaign (price: `price`, else the middle of the suggestion). `accept` records it as agreed (an open
    proposal of that format is accepted): the creator moves to `deal`, with the accounts of the same sheet
    row that stood at its stage (the person, as `set` moves it: `moved_with_it`), and the agreed total
    becomes the campaign's quoted price."""
    from . import workspace
    from .clock import today
    from .metrics.pricing import check_rate
    from .proposals import cta_name, deliverable_name, suggest
    from .updates import parse_target, resolve

    workspace.require(store, "propose")
    name = deliverable_name(deliverable)
    if count < 1:
        raise UsageError("--count must be at least 1")
    if usage_days is not None and usage_days < 0:
        raise UsageError("--usage-days must be 0 or more")
    how = cta_name(cta)
    amount = _amount(price, "--price")
    with workspace.opened(store) as db:
        assert db is not None
        (account,) = resolve(db, [parse_target(handle, platform)])
        found = db.campaign(campaign, writable=True)
        money = check_rate(currency or found["currency"] or "EUR",
                           "--currency" if currency else f"campaign {found['name']!r}: its currency")
        aid, cid = int(account["id"]), int(found["id"])
        hint = suggest(name, platform=account["platform"], numbers=db.latest_numbers(aid), count=count,
                       currency=money, usage_days=usage_days, whitelisting=whitelisting)
        chosen = amount if amount is not None else (
            round((hint.low + hint.high) / 2, 2) if hint.low is not None and hint.high is not None else None)
        day = today()

        def work() -> dict[str, Any]:
            accepted = db.accept_proposals(cid, aid, name, day) if accept else 0
            if accepted and amount is not None:
                db.conn.execute("UPDATE proposals SET price=?, currency=? WHERE campaign_id=? AND account_id=? AND "
                                "deliverable=? AND accepted_on=?", (amount, money, cid, aid, name, day.isoformat()))
            proposal_id = None
            if not accepted:
                import json

                proposal_id = db.add_proposal(cid, aid, {
                    "deliverable": name, "count": count, "price": chosen, "currency": money,
                    "suggested_low": hint.low, "suggested_high": hint.high, "suggestion": json.dumps(hint.to_dict()),
                    "cta": how, "usage_days": usage_days, "whitelisting": int(whitelisting),
                    "status": "accepted" if accept else "proposed", "proposed_on": day.isoformat(),
                    "accepted_on": day.isoformat() if accept else None})
            moved: list[str] = []
            if accept:
                moved = _agreed_deal(db, cid, account, day)
            elif db.campaign_account(cid, aid) is None:
                db.set_campaign_fields(cid, [(aid, {})], source="propose")  # the creator joins the campaign
            return {"accepted_open": accepted, "id": proposal_id, "moved": moved}

        done = db.write(work, what="propose")
        return ProposalReport({
            "campaign": found["name"], "platform": account["platform"], "handle": account["handle"],
            "deliverable": name, "count": count, "price": chosen, "currency": money, "cta": how,
            "usage_days": usage_days, "whitelisting": whitelisting,
            "status": "accepted" if accept else "proposed", "accepted_open_proposals": done["accepted_open"],
            "moved_with_it": done["moved"], "suggestion": hint.to_dict()})


def _agreed_deal(db: Store, campaign_id: int, account: Any, day: dt.date) -> list[str]:
    """An accepted proposal: the creator is at `deal` (if not further) and the agreed total (in one
    currency) is the campaign's quoted price. The person moves, as with `set`: the accounts the campaign's
    list has on the creator's sheet row that stood at the same stage go to `deal` too (`updates.row_mates`);
    returns them ("tiktok:handle")."""
    from .schema import STAGES
    from .updates import row_mates

    account_id = int(account["id"])
    current = db.campaign_account(campaign_id, account_id) or {}
    values: dict[str, Any] = {}
    stage = current.get("stage")
    moved: list[str] = []
    if stage not in STAGES or STAGES.index(stage) < STAGES.index("deal"):
        values["stage"] = "deal"
        events = [(account_id, "deal", day.isoformat(), "propose --accept", None)]
        mates = row_mates(db, campaign_id, [account]).get(account_id, [])
        for mate in mates:
            mid = int(mate["id"])
            row = db.campaign_account(campaign_id, mid)
            if row is not None and row.get("stage") == stage:  # (one of the row at another stage stays)
                events.append((mid, "deal", day.isoformat(), "propose --accept", None))
                db.set_campaign_fields(campaign_id, [(mid, {"stage": "deal"})], source="propose --accept")
                moved.append(f"{mate['platform']}:{mate['handle']}")
        db.add_stage_events(campaign_id, events)
    agreed = [p for p in db.proposals(campaign_id=campaign_id, account_id=account_id)
              if p["status"] == "accepted" and p["price"] is not None]
    if agreed and len({p["currency"] for p in agreed}) == 1:
        values["price_quoted"] = round(sum(float(p["price"]) for p in agreed), 2)
        values["currency"] = agreed[0]["currency"]
    db.set_campaign_fields(campaign_id, [(account_id, values)], source="propose --accept")
    return moved


def _amount(value: str | float | None, option: str) -> float | None:
    if value is None or isinstance(value, int | float):
        return None if value is None else float(value)
    from .io.parse import ParseError, parse_money

    try:
        amount = parse_money(value)
    except ParseError:
        amount = None
    if amount is None:
        raise UsageError(f"{option} {value!r}: give an amount, e.g. 1200 or '1 200 €'")
    return amount


# ============================================================================================ set


class SetReport(Report):
    """What `influkit set` changed: one row per account (`changes`), in the campaign."""

    def sections(self) -> list[str]:
        return ["changes"]

    def rows(self, section: str) -> tuple[list[str], list[dict[str, Any]]]:
        columns = ["platform", "handle", "previous_stage", "stage", "on", "price_quoted", "currency", "note", "post",
                   "removed_post", "moved_with"]
        return columns, [{k: c.get(k) for k in columns} for c in self.data["changes"]]


def set_stage(
    handles: str | Sequence[str],
    *,
    platform: str | None = None,
    stage: str | None = None,
    on: str | dt.date | None = None,
    note: str | None = None,
    price: str | float | None = None,
    currency: str | None = None,
    post: str | None = None,
    campaign: str | None = None,
    store: StoreArg = DEFAULT,
    stdin: TextIO | None = None,
    sheet: str | None = None,
    lang: str | None = None,
    remove_post: str | None = None,
) -> SetReport:
    """`influkit set HANDLE`: record a dated stage event (`on`, else today), a quoted price, a note or a
    published post link for one creator, several (a list), or one per line of `stdin` when `handles` is
    "-" (handles, @handles, platform:handle or profile links), in the campaign. An unknown handle raises
    InfluError naming it and nothing is changed. A stage moves the person: the other accounts the
    campaign's list has on the creator's sheet row (a wide sheet: Instagram, TikTok and YouTube columns on
    one row) that stood at the same stage move with it, same day and source; one of that row at another
    stage stays. `.to_dict()["changes"]` says, per account, the stage before and after; the accounts that
    moved with a creator come last, `moved_with` naming it ("instagram:rubychen.skin"; None for the
    accounts given). `sheet`: also write the change into that row of the user's own workbook or CSV
    (the stage in the sheet's own words, e.g. "Contacté", its date, price and note; a backup first; a
    handle the sheet does not have stops everything before anything is changed). `remove_post` takes back
    a post link recorded by `post` (a mistaken link): it is no longer the campaign's (results and report
    stop counting it) and the creator's notes say so with the day; a post not recorded for every one of
    the creators raises InfluError and nothing is changed."""
    import sys

    from . import workspace
    from .outreach import clean_stage
    from .updates import parse_targets, set_fields

    workspace.require(store, "set")
    if isinstance(handles, str):
        lines = list((stdin or sys.stdin).read().splitlines()) if handles == "-" else [handles]
    else:
        lines = list(handles)
    targets = parse_targets(lines, platform)
    if not targets:
        raise UsageError("set: no handle given" + (" on stdin" if handles == "-" else ""))
    canonical = clean_stage(stage) if stage is not None else None
    if stage is not None and canonical is None:
        from .schema import ALL_STAGES

        raise UsageError(f"--stage {stage!r}: choose one of {', '.join(ALL_STAGES)} (or a status word of the sheet)")
    if not any(v is not None for v in (stage, price, note, post, remove_post)):
        raise UsageError("set: give --stage, --price, --note, --post or --remove-post")
    day = _day(on, "--on")
    if day is not None:
        from .clock import today

        if day > today():
            raise UsageError(f"--on {day.isoformat()} is after today ({today().isoformat()}): a stage is set once "
                             "it happened")
    amount = _amount(price, "--price")
    money = None
    if currency is None and isinstance(price, str):
        from .io.parse import detect_currency

        currency = detect_currency(price)  # "900 €", "USD 200": the price says its currency
    if currency is not None:
        from .metrics.pricing import check_currency

        money = check_currency(currency)
    warnings: list[str] = []
    if post is not None or remove_post is not None:
        from .campaign.links import check_url
        from .campaign.posts import recordable_post

        if post is not None:
            check_url(post, "--post", "https://www.instagram.com/p/…")
            post = recordable_post(post)
        if remove_post is not None:
            check_url(remove_post, "--remove-post", "https://www.instagram.com/p/…")
            remove_post = recordable_post(remove_post)
        if post is not None and post == remove_post:
            raise UsageError(f"--post and --remove-post name the same post {post}: give one")
    located = _rows_in_sheet(sheet, targets) if sheet is not None else None
    with workspace.opened(store) as db:
        assert db is not None
        from .updates import resolve

        accounts = resolve(db, targets)  # once: whose post it is, and what changes
        if post is not None:
            warnings += _post_owner(db, post, accounts)

        def work() -> tuple[str, list[Any], dict[str, Any] | None]:
            # the sheet is written inside the workspace's transaction: when it cannot be (a locked file,
            # a row that moved), the workspace is left as it was too
            name, changes = set_fields(db, targets, campaign=campaign, stage=canonical, on=day, note=note,
                                       price=amount, currency=money, post=post, remove_post=remove_post,
                                       warnings=warnings, accounts=accounts)
            written = (_write_set_to_sheet(located, changes, canonical, day, note, amount, money, lang)
                       if located is not None else None)
            return name, changes, written

        name, changes, written = db.write(work, what="set")
    report = SetReport({"campaign": name, "changes": [c.to_dict() for c in changes]})
    if warnings:
        report.data["warnings"] = warnings
    if written is not None:
        report.data["sheet"] = written
    return report


def _post_owner(db: Any, post: str, accounts: list[Any]) -> list[str]:
    """`set --post URL`: the workspace's accounts the link names, judged against the accounts it is recorded
    for by `campaign.posts.post_owner_check` (refused when another creator's, a warning when another
    account's)."""
    from .campaign.posts import parse_post_link, post_owner_check

    link = parse_post_link(post)
    owners = list(db.find_accounts(link.handle, link.platform)) if link is not None and link.handle else []
    return post_owner_check(post, accounts, owners, location=db.location)


def _rows_in_sheet(sheet: str, targets: list[tuple[str | None, str]]) -> tuple[Table, Any, dict[int, list[int]]]:
    """The user's sheet as read (every tab that looks like a list), its state (to refuse a change made
    meanwhile), and the table rows of each target; an InfluError naming the handles it does not have."""
    from .text import fold

    stamp = in_place_stamp(sheet)
    table = read_table(sheet, sheet="all")
    platforms, handles = table.get("platform"), table.get("handle")
    rows: dict[int, list[int]] = {}
    missing = []
    for i, (platform, handle) in enumerate(targets):
        want = fold(handle.lstrip("@"))
        found = [k for k in table.creator_rows() if handles[k] is not None and fold(str(handles[k])) == want
                 and (platform is None or platforms[k] in (None, platform))]
        if not found:
            missing.append(f"{platform + ':' if platform else ''}{handle}")
        rows[i] = found
    if missing:
        raise InfluError(f"not in the sheet: {', '.join(missing)} (nothing was changed)", file=sheet)
    return table, stamp, rows


def _write_set_to_sheet(located: tuple[Table, Any, dict[int, list[int]]], changes: Sequence[Any],
                        stage: str | None, day: dt.date | None, note: str | None, price: float | None,
                        currency: str | None, lang: str | None) -> dict[str, Any]:
    """Write what `set` recorded into the rows of the user's sheet (io.inplace.write_cells), in the
    sheet's own style: the stage in the team's own word for it (`stage_words`: "OK signé"; a row that
    already says the stage keeps its word and its date), a price or a date like the column's other cells
    ("1 200 € HT" stays text with its sign and HT, "3/25/2026" stays month-first), a dated note."""
    from .clock import today
    from .io.inplace import ListRule, list_validations, tab_columns, tab_meta, write_cells
    from .io.normalize import team_word
    from .outreach import STAGE_DATE
    from .updates import note_like_column, sheet_date_style, styled_like_column

    table, stamp, rows = located
    when = day or today()
    cells: dict[int, dict[str, Any]] = {}
    sheets = table.get("sheet") if "sheet" in table.data else [table.sheet] * len(table)
    lists: dict[str | None, list[ListRule]] = {}

    def tab_of(k: int) -> Mapping[str, Any]:  # what the reader said of row k's tab (tabs read together)
        return tab_meta(table, sheets[k]) or table.meta

    def allowed_words(k: int) -> list[str] | None:
        """The words the data-validation list of row k's status cell offers (None: no list)."""
        own = tab_columns(table, sheets[k], "stage") or []
        layout = next((lay for lay in table.meta.get("layout") or () if lay.get("sheet") == sheets[k]), None)
        at = next((c["column"] - 1 for c in (layout or {}).get("columns") or () for h, _ in own
                   if c.get("header") == h), None)
        if at is None:
            return None
        if sheets[k] not in lists:
            lists[sheets[k]] = list_validations(table.source, sheets[k])
        return next((list(rule.words) for rule in lists[sheets[k]] if rule.covers(table.source_rows[k], at)), None)

    def has(k: int, column: str) -> bool:  # row k's tab has a column of its own read as `column`
        own = tab_columns(table, sheets[k], column)
        return bool(own) if own is not None else column in table.mapped

    named = [c for c in changes if getattr(c, "moved_with", None) is None]  # (the rows' own: its mates share them)
    home = _campaign_tab(table, sheets, named, has)
    for i, change in enumerate(named):
        on_day = dt.date.fromisoformat(change.on) if change.on else when  # (the day set recorded)
        for k in rows.get(i, []):
            values: dict[str, Any] = {}
            if stage is not None and change.stage != stage:
                # recorded in the account's history behind a later current stage (set_fields' warning):
                # the sheet's status stays, as the workspace's does; only the stage's own date cell is
                # filled, when the sheet has that column and the cell is empty
                date_column = STAGE_DATE.get(stage)
                if date_column is not None and has(k, date_column) and not table.get(date_column)[k]:
                    values[date_column] = styled_like_column(
                        table, date_column, k, on_day)
            elif stage is not None:
                date_column = STAGE_DATE.get(stage)
                dated = date_column is not None
                if table.has("stage") and table.get("stage")[k] == stage:
                    # the sheet already says it, in the team's words ("relancé"): its word stands, and so
                    # does the stage's date (the first contact), unless the sheet has none
                    dated = dated and not (table.has(str(date_column)) and table.get(str(date_column))[k])
                elif stage in (boxes := tab_of(k).get("stage_boxes") or {}):
                    box, ticked = boxes[stage]  # a sheet of check boxes ("Deal signé"): the stage's box ticked
                    values[box] = ticked
                else:
                    # the team's word ("OK signé"), from the column's dropdown list when it has one
                    values["stage"] = team_word(stage, tab_of(k).get("stage_vocab"), allowed_words(k)) or stage
                if dated and date_column:
                    values[date_column] = styled_like_column(
                        table, date_column, k, on_day)
            if price is not None:
                values["price_quoted"] = styled_like_column(table, "price_quoted", k, price, currency)
                if currency is not None and has(k, "currency") and not has(k, "price_quoted"):
                    values["currency"] = currency
            if note is not None:
                values["notes"] = note_like_column(table, k, when, note, lang)
            if sheets[k] != home:
                # another tab listing the creator (a shortlist): only the columns it keeps are filled
                boxes = {box for box, _ in (tab_of(k).get("stage_boxes") or {}).values()}
                values = {c: v for c, v in values.items() if c in boxes or has(k, c)}
            cells[k] = {c: v for c, v in values.items() if v is not None}
    # a date cell goes where the sheet has no date cell to copy: shown the way the sheet writes its dates
    # (its text dates "03/02/2026": dd/mm/yyyy, not ISO)
    date_formats: dict[str | None, str] = {}
    for k, written in cells.items():
        if sheets[k] not in date_formats and any(isinstance(v, dt.date) for v in written.values()):
            style = sheet_date_style(table, k, lang)
            if style is not None:
                date_formats[sheets[k]] = style.number_format()
    return write_cells(table, cells, lang=lang, expected=stamp, date_formats=date_formats)


def _campaign_tab(table: Table, sheets: Sequence[str | None], changes: Sequence[Any],
                  has: Callable[[int, str], bool]) -> str | None:
    """The tab of the user's workbook that is the campaign's list, the one `set --sheet` may add columns
    to (a status, a stage's date, a price, notes): the tab the workspace imported the list from (the same
    file), else the tab that has a status column (its check boxes too), else the tab of the most rows;
    the one with the most rows among several, the first on a tie. Other tabs listing the creator (a
    shortlist) only get the columns they already have."""
    import os
    from collections import Counter

    from .io.inplace import tab_meta

    tabs = list(dict.fromkeys(sheets))
    if len(tabs) == 1:
        return tabs[0]
    for change in changes:  # where the workspace's list came from (`updates._locate_rows`)
        if change.sheet in tabs and change.sheet_file and table.source:
            try:
                same = os.path.samefile(change.sheet_file, table.source)
            except OSError:
                same = os.path.basename(change.sheet_file) == os.path.basename(table.source)
            if same:
                return str(change.sheet)
    first = {s: sheets.index(s) for s in tabs}
    with_status = [s for s in tabs if has(first[s], "stage") or (tab_meta(table, s) or {}).get("stage_boxes")]
    size = Counter(sheets)
    return max(with_status or tabs, key=lambda s: size[s])


# ====================================================================================== workspace


def workspace_copy(src: str, dst: str) -> Report:
    """`influkit workspace copy SRC DST`: copy a whole workspace (SQLite path or postgresql:// URL) into an
    empty one, every table and key as they are (SQLite <-> PostgreSQL). Rows copied per table."""
    from . import workspace
    from .store import Store
    from .store.copy import copy_workspace

    if workspace.display(src) == workspace.display(dst):
        raise UsageError("workspace copy: SRC and DST are the same workspace")
    if not workspace.exists(src):
        raise InfluError("no workspace to copy", file=workspace.display(src))
    with Store(src) as source, Store(dst) as target:
        counts = copy_workspace(source, target)
        return CopyReport({"from": source.location, "to": target.location, "rows": counts,
                           "total": sum(counts.values())})


class CopyReport(Report):
    def sections(self) -> list[str]:
        return ["rows"]

    def rows(self, section: str) -> tuple[list[str], list[dict[str, Any]]]:
        return ["table", "rows"], [{"table": k, "rows": v} for k, v in self.data["rows"].items()]
