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

Commands given a FILE work on the file enriched exactly as `enrich FILE` would (with the workspace's
history, nothing recorded); without FILE, on the workspace's current list (`pipeline.load_list`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

from .errors import InfluError, UsageError
from .pipeline import enrich, in_place_stamp, load_list, read_table, write_in_place
from .table import Table
from .workspace import DEFAULT, StoreArg

if TYPE_CHECKING:
    from .brand import Brand
    from .campaign.compliance import CheckResult
    from .campaign.report import CampaignReport, Objectives
    from .campaign.results import ResultsReport
    from .cards import Card
    from .fit import RowScore
    from .followers import History, ImportResult
    from .outreach import FunnelReport

__all__ = [
    "DEFAULT", "LinksTable", "ScoredTable", "Shortlist", "brand_check", "brand_template", "check", "columns", "enrich",
    "funnel", "history", "history_import", "links", "load_list", "read_table", "report", "results", "score",
    "shortlist", "thresholds_table",
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


# ========================================================================================== score


@dataclass
class ScoredTable(Table):
    """`score()`'s table, with each row's breakdown (`scores`), the brand profile and the rows
    asked about with `explain`."""

    scores: list[RowScore] = field(default_factory=list)
    brand: Brand | None = None
    explained: list[int] = field(default_factory=list)
    saved_to: str | None = None  # the workspace whose current list this became

    def explanation(self) -> list[str]:
        """What `influkit score --explain HANDLE` prints: the breakdown of the explained rows, then the
        method."""
        from .fit import explain, method_lines

        assert self.brand is not None
        lines = [line for i in self.explained for line in explain(self, self.scores, i, self.brand)]
        return lines + [f"method: {m}" for m in method_lines(self.brand)]

    def best(self, n: int = 3) -> list[int]:
        """Row indexes of the n best ranks."""
        return sorted(range(len(self)), key=lambda i: self.scores[i].rank)[:n]

    @property
    def blocked(self) -> int:
        return sum(1 for r in self.scores if r.blockers)


def score(
    file: str | None = None,
    *,
    brand: str | Brand = "brand.toml",
    explain: str | None = None,
    sheet: str | None = None,
    input_format: str | None = None,
    mapping: Sequence[str] = (),
    store: StoreArg = DEFAULT,
    stdin: BinaryIO | None = None,
    in_place: bool = False,
    lang: str | None = None,
) -> ScoredTable:
    """`influkit score [FILE] --brand brand.toml`: score every creator 0-100 against a brand profile
    (fit, engagement, authenticity, reach, audience, cost) with reasons. With a workspace, the scored
    list becomes its current list (for `shortlist`). `explain` (a handle or name) is checked before
    anything is scored or stored; `ScoredTable.explanation()` gives its breakdown. `in_place` writes
    the score columns into FILE itself (see `enrich`)."""
    from .brand import Brand, load_brand
    from .fit import OUTPUT_COLUMNS, find_rows, score_table
    from .store import Store

    profile = brand if isinstance(brand, Brand) else load_brand(brand)
    stamp = in_place_stamp(file) if in_place else None
    table = load_list(file, store=store, sheet=sheet, input_format=input_format, mapping=mapping, stdin=stdin)
    explained: list[int] = []
    if explain is not None:
        explained = find_rows(table, explain)
        if not explained:
            raise _not_in_list(table, f"no creator with handle or name {explain!r}")
    results = score_table(table, profile)
    saved_to = None
    if len(table):
        from . import workspace

        with workspace.opened(store) as db:
            if db is not None:
                assert isinstance(db, Store)
                db.save_list(table, meta={"brand": profile.model_dump(),
                                          "brand_file": brand if isinstance(brand, str) else None})
                saved_to = str(db.path)
    if stamp is not None:
        write_in_place(table, stamp, columns=OUTPUT_COLUMNS, lang=lang)
    return _extend(ScoredTable, table, scores=results, brand=profile, explained=explained, saved_to=saved_to)


# ====================================================================================== shortlist


@dataclass
class Shortlist(Table):
    """`shortlist()`'s chosen rows (best rank first), with what the exports show beside them."""

    title: str = "Shortlist"
    brand: Brand | None = None
    full: Table | None = None  # the whole scored list (identity cards gather a person's accounts from it)
    filters: dict[str, Any] = field(default_factory=dict)
    lang: str | None = None  # of the client exports' labels (None: English)
    store: StoreArg = None  # where the cards' follower histories come from (None: no workspace)

    @property
    def profile_rows(self) -> list[list[Any]] | None:
        return self.brand.summary_rows() if self.brand else None

    @property
    def method(self) -> list[str]:
        from .fit import method_lines

        return method_lines(self.brand) if self.brand else []

    @property
    def left_out(self) -> dict[str, int]:
        """Rows left out by stage (declined, no_reply... unless `stage` asked for them)."""
        counts: dict[str, int] = self.meta.get("left_out") or {}
        return counts

    def cards(self, lang: str | None = None) -> list[Card]:
        """One identity card per creator of the shortlist (`influkit shortlist --cards DIR`), in `lang` (default:
        the shortlist's), with each network's follower history from the workspace when there is one."""
        from . import workspace
        from .cards import build_cards

        with workspace.opened(self.store, create=False) as db:
            return build_cards(self, self.full, lang=lang or self.lang, store=db)


def shortlist(
    file: str | None = None,
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
    stdin: BinaryIO | None = None,
    lang: str | None = None,
) -> Shortlist:
    """`influkit shortlist [FILE] --top N`: the best-scored creators (rank order, duplicates skipped).
    With a FILE, `brand` scores it first (./brand.toml when it exists); without, the workspace's
    scored list is used (re-scored when `brand` is given). Creators who declined or never replied are
    left out unless `stage` asks for them (stages to keep, "all" for every one). `lang` (fr or en) is the
    language of the client exports' headers and of the identity cards."""
    import os

    from .brand import Brand, load_brand
    from .fit import score_table
    from .labels import check_lang
    from .selection import select, stage_option

    lang = check_lang(lang)
    for value in stage:
        stage_option(value)  # a usage error before anything is read
    if file is not None and brand is None and os.path.exists("brand.toml"):
        brand = "brand.toml"  # as `influkit score` does
    profile: Brand | None = brand if isinstance(brand, Brand) else load_brand(brand) if brand else None
    if file is not None and profile is None:
        raise UsageError("with a FILE, give --brand brand.toml to score it")
    table = load_list(file, store=store, sheet=sheet, input_format=input_format, mapping=mapping, stdin=stdin)
    saved = (table.meta.get("list") or {}).get("meta") or {}
    if profile is None and isinstance(saved.get("brand"), dict):
        profile = Brand.model_validate(saved["brand"])
    if profile is not None and (brand is not None or "score" not in table.data):
        score_table(table, profile)
    chosen = select(table, top=top, per_platform=per_platform, min_score=min_score, platforms=list(platform),
                    tiers=list(tier), stages=list(stage))
    filters = {"top": top, "per_platform": per_platform, "min_score": min_score, "platform": list(platform),
               "tier": list(tier), "stage": list(stage)}
    return _extend(Shortlist, chosen, title=f"Shortlist — {profile.name}" if profile else "Shortlist",
                   brand=profile, full=table, filters=filters, lang=lang,
                   store=store if workspace_exists(store) else None)


def workspace_exists(store: StoreArg) -> bool:
    from . import workspace

    return store is not None and workspace.exists(store)


# ========================================================================================= funnel


def _day(value: str | dt.date | None, option: str) -> dt.date | None:
    """A date option (a date, ISO, dd/mm/yyyy...) or a usage error naming the option."""
    if value is None or isinstance(value, dt.date):
        return value
    from .io.parse import ParseError, parse_date

    try:
        day = parse_date(value)
    except ParseError as exc:
        raise UsageError(f"{option}: {exc}") from exc
    if day is None:
        raise UsageError(f"{option}: no date in {value!r}")
    return day


def funnel(
    file: str | None = None,
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
    stdin: BinaryIO | None = None,
) -> FunnelReport:
    """`influkit funnel [FILE]`: stages, conversion, losses, time in stage, breakdowns, follow-ups and
    a projection for `target_deals`. The workspace's stage events date the stages a sheet leaves
    undated. JSON schema: docs/funnel.md."""
    from . import workspace
    from .outreach import FunnelReport, build_report

    start, end = _day(since, "--since"), _day(until, "--until")
    table = load_list(file, store=store, sheet=sheet, input_format=input_format, mapping=mapping, stdin=stdin)
    events: list[Any] = []
    with workspace.opened(store, create=False) as db:
        if db is not None:
            events = [dict(r) for r in db.stage_events()]
    return FunnelReport(build_report(table, events=events, since=start, until=end, by=by,
                                     target_deals=target_deals, stale_days=stale_days), table=table)


# ========================================================================================== links


@dataclass
class LinksTable(Table):
    """`links()`'s table (tracked_url and promo_code added) with what was done (`counts`)."""

    counts: dict[str, Any] = field(default_factory=dict)
    saved_to: str | None = None


def links(
    file: str | None = None,
    *,
    url: str,
    campaign: str,
    code_pattern: str = "{HANDLE}10",
    sheet: str | None = None,
    input_format: str | None = None,
    mapping: Sequence[str] = (),
    store: StoreArg = DEFAULT,
    stdin: BinaryIO | None = None,
    in_place: bool = False,
    lang: str | None = None,
) -> LinksTable:
    """`influkit links [FILE] --url URL --campaign NAME`: a UTM-tagged link per account and a unique,
    typeable promo code per creator (codes already in the sheet are kept and checked). With a
    workspace, the table becomes its current list. `in_place` writes tracked_url and promo_code into
    FILE itself (see `enrich`)."""
    from . import workspace
    from .campaign.links import add_links, check_pattern, check_url

    if not url or not campaign:
        raise UsageError("links needs --url and --campaign")
    check_url(url)
    check_pattern(code_pattern)
    stamp = in_place_stamp(file) if in_place else None
    table = load_list(file, store=store, sheet=sheet, input_format=input_format, mapping=mapping, stdin=stdin)
    counts = add_links(table, url=url, campaign=campaign, code_pattern=code_pattern)
    saved_to = None
    with workspace.opened(store) as db:
        if db is not None:
            db.save_list(table, meta={"links": {"url": url, "campaign": campaign}})
            saved_to = str(db.path)
    if stamp is not None:
        # the codes go into the sheet's own promo-code column when it has one (new codes fill it,
        # replaced ones change), the links into a column of influkit's: cell by cell, one backup
        from .io.inplace import write_cells

        codes, urls = table.get("promo_code"), table.get("tracked_url")
        changes = {k: {c: v for c, v in (("tracked_url", urls[k]), ("promo_code", codes[k])) if v is not None}
                   for k in range(len(table))}
        table.meta["in_place"] = write_cells(table, {k: v for k, v in changes.items() if v}, lang=lang,
                                             expected=stamp)
    return _extend(LinksTable, table, counts=counts, saved_to=saved_to)


# ======================================================================================== results


def results(
    orders: str,
    file: str | None = None,
    *,
    source: str | None = None,
    window: int | None = None,
    utm: Sequence[str] = (),
    mapping: Sequence[str] = (),
    sheet: str | None = None,
    store: StoreArg = DEFAULT,
) -> ResultsReport:
    """`influkit results ORDERS [FILE]`: orders (matched by promo code) and UTM analytics (by
    utm_content = handle) per creator, with cost, CPA, ROI and ROAS, and the totals. `source` is the
    orders export kind (shopify or csv; found from the headers by default). JSON: docs/funnel.md."""
    from .campaign.results import ResultsReport, build_report, read_orders, read_utm

    order_list, excluded = read_orders(orders, source=source, mapping=list(mapping))
    utm_rows = [row for path in utm for row in read_utm(path, mapping=list(mapping))]
    table = load_list(file, store=store, sheet=sheet)
    return ResultsReport(build_report(table, order_list, excluded=excluded, utm_rows=utm_rows, window=window),
                         table=table)


# ========================================================================================= check


def check(
    file: str,
    *,
    rules: str | Sequence[str] | None = None,
    brand: str | Brand | None = None,
    lang: str | None = None,
    sheet: str | None = None,
    input_format: str | None = None,
    mapping: Sequence[str] = (),
    platform: str | None = None,
) -> CheckResult:
    """`influkit check FILE`: the disclosure check of every post (French law 2023-451 and the ARPP by
    default; `rules` "fr,us,uk,eu" or "all"): one row per post, in input order, with `disclosure` (ok,
    missing, insufficient, late), the rule ids that fired, one reason per rule with its source, and
    warnings for what a checker cannot decide; every input column kept. `mapping` names columns
    ("Header=field", fields: caption, overlay, title, link, platform, format, flag, published, handle,
    age). See docs/compliance.md."""
    from .campaign.compliance import check as run_check

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


def report(
    file: str | None = None,
    *,
    posts: str | None = None,
    orders: str | None = None,
    clicks: str | None = None,
    brand: str | Brand | None = None,
    budget: str | float | None = None,
    objectives: str | Sequence[str] | Objectives | None = None,
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
    store: StoreArg = DEFAULT,
) -> CampaignReport:
    """`influkit report [FILE]`: the client report of a campaign: objectives recap, then 1. results (per
    post, creator, network, format, campaign), 2. analysis, 3. conclusion, 4. recommendations, each
    sentence with the rule that wrote it. FILE is a post-campaign sheet (one row per post) or, with
    `posts`, the prospect list the posts belong to (without FILE, the workspace's list). Numbers come from
    the sheet and, unless `offline`, from the YouTube and Instagram APIs (dated snapshots). `orders` is a
    shop export (promo codes), `clicks` a clicks or UTM export; `objectives` "views=200k,orders=150,cpe=0.2"
    (or an Objectives, e.g. a workspace campaign's) completed by the brand profile's [campaign];
    `budget` "6000 €"; `emv` the money value of one engagement (EMV shown only when given). JSON:
    docs/report.md."""
    from . import workspace
    from .brand import Brand, load_brand
    from .campaign.published import fetch_numbers, load_post_snapshots, read_published, record_post_snapshots
    from .campaign.report import (
        CampaignReport,
        Objectives,
        build_report,
        objective_value,
        parse_objectives,
        read_clicks,
    )
    from .campaign.results import read_orders
    from .labels import check_lang

    report_lang = check_lang(lang)
    if file is None and posts is None:
        raise UsageError("report needs a post-campaign sheet (FILE) or --posts FILE")
    if window is not None and window < 0:
        raise UsageError("--window must be 0 or more days")
    profile: Brand | None = brand if isinstance(brand, Brand) else load_brand(brand) if brand else None
    aims = objectives if isinstance(objectives, Objectives) else parse_objectives(objectives)
    if budget is not None:
        from .io.parse import detect_currency

        aims.budget = objective_value("budget", budget)
        aims.currency = (detect_currency(budget) if isinstance(budget, str) else None) or aims.currency
        aims.budget_source = "--budget"
    if profile is not None:
        aims = aims.merged(profile.campaign_objectives())
    maps = _field_map(mapping)
    order_list, excluded = (read_orders(orders, source=orders_source) if orders else (None, None))
    clicks_rows, utm_rows = read_clicks(clicks) if clicks else ([], [])
    source = posts if posts is not None else file
    assert source is not None
    published = read_published(source, sheet=sheet if posts is None else None, input_format=input_format,
                               mapping=maps, platform=platform)
    if not published.posts:
        raise InfluError(f"no published post: none of the {len(published.skipped_rows)} rows has a post link "
                         "(Lien publication, Post URL...), a caption or numbers of its own; name the columns with "
                         '--map "Header=link"', file=published.source, sheet=published.sheet)
    table = None
    if posts is not None:
        if file is not None:
            table = load_list(file, store=store, sheet=sheet, input_format=input_format)
        elif workspace.exists(store):
            table = load_list(None, store=store)
    sources: dict[str, Any] = {"list": (table.meta.get("list") if table is not None else None), "orders_file": orders,
                               "clicks_file": clicks}
    with workspace.opened(store, create=False) as db:
        kept_before = load_post_snapshots(db, published.posts) if db is not None else 0
        fetch = None
        if not offline:
            fetch = fetch_numbers(published.posts, store=db, config=config, refresh=refresh)
        snapshots = [s for p in published.posts for s in p.snapshots]
        kept = record_post_snapshots(db, snapshots) if db is not None else 0
    sources["live"] = fetch.to_dict() if fetch is not None else {"offline": True}
    sources["snapshots"] = {"this_run": len(snapshots), "from_workspace": kept_before, "kept_in_workspace": kept,
                            "note": None if kept else "post snapshots are kept in this report only (the workspace "
                                                      "does not keep them yet)"}
    data = build_report(published, table=table, orders=order_list, excluded=excluded, utm_rows=utm_rows,
                        clicks_rows=clicks_rows, objectives=aims, brand=profile, rules=rules, lang=report_lang,
                        emv=emv, window=window, title=title, sources=sources)
    result = CampaignReport(data, table=table)
    result.snapshots = snapshots
    return result


# ======================================================================================== history


def history_import(
    file: str,
    *,
    platform: str | None = None,
    handle: str | None = None,
    total: int | None = None,
    strict: bool = False,
    store: StoreArg = DEFAULT,
) -> ImportResult:
    """`influkit history import FILE`: record a follower history (totals or gains, one account or many)
    in the workspace. `.to_dict()` is what `--format json` prints."""
    from . import workspace
    from .followers import import_history

    workspace.require(store, "history import")
    with workspace.opened(store) as db:
        assert db is not None
        return import_history(db, file, platform=platform, handle=handle, total=total, strict=strict)


def history(handle: str, *, platform: str | None = None, store: StoreArg = DEFAULT) -> History:
    """`influkit history show HANDLE`: an account's follower series, growth, trend, spikes and drops.
    `.to_dict()` is what `--format json` prints."""
    from . import workspace
    from .followers import account_history, find_account

    path = workspace.require(store, "history show")
    if not workspace.exists(store):
        raise InfluError("no workspace here yet: run `influkit history import FILE` or `influkit enrich FILE`",
                         file=path)
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
