"""The enrich job as a library call: read -> normalise -> metrics (-> store, providers in later stages)."""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO

from . import heap, progress, workspace
from .errors import InfluError, UsageError
from .io.normalize import normalize_sheets, parse_map_options, require_list
from .io.read import read_sheet, read_sheets
from .metrics.engagement import compute_engagement
from .metrics.tiers import compute_tiers
from .progress import emit as emit_progress
from .progress import reporting
from .table import Table
from .text import count
from .thresholds import DEFAULT_CURRENCY, POSTS_WINDOW, TIERS, TREND_WINDOWS_DAYS, Tier, parse_tier_bands
from .thresholds.funnel import MAX_ROWS_NAMED
from .workspace import DEFAULT, StoreArg, no_campaign_without_store

if TYPE_CHECKING:
    from .io.read import FileArg
    from .metrics.posts import Post
    from .store import Store


@dataclass
class Summary:
    """What a run did, for the stderr summary and for scripts (`table.meta["summary"]`)."""

    input_rows: int = 0
    output_rows: int = 0
    blank_rows: int = 0
    duplicates: int = 0
    issues_by_column: dict[str, int] = field(default_factory=dict)  # the sheet's header (else the field) -> issues
    notes_read: int = 0  # of those issues, the notes on cells that were read (`Issue.note`: --strict passes them)
    mapped: dict[str, str] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def lines(self, table: Table) -> list[str]:
        where = table.source + (f" [{table.sheet}]" if table.sheet else "")
        tabs = table.meta.get("tabs") or []
        def on(tab: dict[str, Any]) -> str:  # (a tab whose first row is data has none: normalize's note says so)
            return "no header row" if tab.get("headerless") else str(tab.get("header_row"))

        rows_of = {on(t) for t in tabs} or {on(table.meta)}
        if len(rows_of) == 1:
            shown = rows_of.pop()
            header = shown if shown == "no header row" else f"header on row {shown}"
        else:
            header = "header on row " + ", ".join(f"{on(t)} of {t.get('sheet')!r}" for t in tabs)
        out = [
            f"{where}: {count(self.input_rows, 'row')} read ({header}), "
            f"{count(self.output_rows, 'row')} out, {count(self.duplicates, 'duplicate')} marked"
            + (f", {count(self.blank_rows, 'blank row')} skipped" if self.blank_rows else "")
        ]
        if self.mapped:
            out.append("columns: " + ", ".join(f"{h!r}->{c}" for c, h in self.mapped.items()))
        if self.kept:
            out.append("kept as is: " + ", ".join(repr(k) for k in self.kept))
        out.extend(n if n.startswith("warning: ") else f"note: {n}" for n in self.notes)
        if self.issues_by_column:
            total = sum(self.issues_by_column.values())
            detail = ", ".join(f"{c} {n}" for c, n in sorted(self.issues_by_column.items(), key=lambda x: -x[1]))
            noted = f"; {count(self.notes_read, 'note')} on cells that were read" if self.notes_read else ""
            out.append(f"issues: {total} ({detail}{noted}); see the 'issues' column")
        else:
            out.append("issues: none")
        return out


def read_table(
    path: str,
    *,
    sheet: str | None = None,
    input_format: str | None = None,
    mapping: Sequence[str] = (),
    platform: str | None = None,
    stdin: BinaryIO | None = None,
    save_map: bool = False,
    maps: str | None = None,
) -> Table:
    """The file read and normalised (`sheet="all"` stacks every tab that looks like a list, with a `sheet`
    column); a map saved for the header layout is used, and `save_map` saves the `mapping` fixes (in
    `maps`, default .influkit/maps.json) once the file is read. A workbook none of whose tabs read holds a
    prospect list is an InfluError (`normalize.require_list`)."""
    from .io.mapmemory import save_maps

    table = _read_table(path, sheet=sheet, input_format=input_format, mapping=mapping, platform=platform,
                        stdin=stdin, save_map=save_map, maps=maps)
    save_maps(table.meta)
    return table


def _read_table(path: str, *, sheet: str | None, input_format: str | None, mapping: Sequence[str],
                platform: str | None, stdin: BinaryIO | None, save_map: bool, maps: str | None) -> Table:
    """`read_table` with the `save_map` fixes left to save in `table.meta` (`mapmemory.save_maps`), for a run
    that saves them only once it succeeded (`enrich`)."""
    with heap.paused():  # millions of cells and lists, no cycle
        raws = read_sheets(path, sheet=sheet, fmt=input_format, stdin=stdin)
        table = normalize_sheets(raws, overrides=parse_map_options(mapping), platform=platform, save_map=save_map,
                                 maps=maps)
        require_list(table, raws)
        return table


def compute_metrics(table: Table, *, tiers: tuple[Tier, ...] = TIERS) -> None:
    compute_engagement(table)
    compute_tiers(table, tiers)


def summarize(table: Table) -> Summary:
    # under the column each row's entry names (the sheet's header as written, else influkit's field): one
    # name per column, never "avg_views 8, Avg views 1" for one column
    by_column = Counter(i.column for i in table.issues)
    summary = Summary(
        input_rows=table.meta.get("input_rows", len(table)),
        output_rows=len(table),
        blank_rows=table.meta.get("blank_rows", 0),
        duplicates=table.meta.get("duplicates", 0),
        issues_by_column=dict(by_column),
        notes_read=sum(i.note for i in table.issues),
        mapped=dict(table.mapped),
        kept=list(table.extra_columns),
        notes=list(table.meta.get("notes", [])),
    )
    table.meta["summary"] = summary
    return summary


def enrich(
    file: FileArg,
    *,
    sheet: str | None = None,
    input_format: str | None = None,
    mapping: Sequence[str] = (),
    platform: str | None = None,
    tiers: str | tuple[Tier, ...] | None = None,
    posts: FileArg | None = None,
    posts_window: int = POSTS_WINDOW,
    currency: str | None = None,
    offline: bool = False,
    refresh: bool = False,
    max_age: str | dt.timedelta | None = None,
    config: str | None = None,
    window: int | None = None,
    strict: bool = False,
    store: StoreArg = DEFAULT,
    campaign: str | None = None,
    stdin: BinaryIO | None = None,
    progress: Callable[[dict[str, Any]], None] | None = None,
    live_options: dict[str, Any] | None = None,
    in_place: bool = False,
    lang: str | None = None,
    save_map: bool = False,
) -> Table:
    """The `influkit enrich` job: read -> normalise -> live stats (unless `offline`) -> metrics ->
    workspace (-> the user's own workbook with `in_place`).

    With `strict`, the first cell or row that could not be read (`Table.unread()`: not the notes on cells
    that were read) raises an InfluError before the workspace is touched. With a
    workspace (`store`, see `influkit.workspace`), the accounts, a dated snapshot of their numbers and,
    in the `campaign` (the default one when None), their stage changes, prices and notes are recorded,
    growth/trend/spike flags are computed from the history, and the table becomes the campaign's list; `store=None` records nothing and leaves the history
    columns empty / "unknown".

    Posts (the workbook's tabs named like posts whose columns are posts, or the `posts` CSV/xlsx file;
    `posts=""`: none) give post-based engagement
    over the last `posts_window` posts; estimated prices are in `currency` (one of thresholds.FX_PER_EUR; None: the
    currency of the `campaign`'s brand budget, else of its budget, else of the sheet's prices when they are
    all in one of those, else each row's in its quote's currency when they are in several, else EUR: see
    docs/metrics.md "Fair price"). Live stats: `refresh`,
    `max_age` ("24h"), `config` (a config file with API keys), `window` (videos/posts averaged) and
    `progress` (called with a dict as accounts finish), see docs/live-stats.md.

    `in_place`: write influkit's columns into FILE itself (xlsx/xlsm or CSV), to the right of the
    user's columns, headers and words in the sheet's language or `lang` ("fr"/"en"), after a NAME.bak.xlsx (NAME.bak.csv) backup;
    the prose columns (issues, er_method, price_method, flag_reasons) are in that language in every
    output;
    `table.meta["in_place"]` says what was written (docs/writing.md). `sheet="all"` reads every tab that
    looks like a list (a `sheet` column says which); `save_map` remembers the `mapping` fixes for the
    next file with the same header layout (maps.json beside the workspace).
    """
    from .io.read import input_path, optional_path

    file = input_path(file)
    posts = optional_path(posts)
    no_campaign_without_store(store, campaign)
    stamp = in_place_stamp(file) if in_place else None
    options = dict(live_options or {})
    if "progress" not in options:
        options["progress"] = lambda state: emit_progress({"step": "live stats", **state})
    options.update({k: v for k, v in (("refresh", refresh or None), ("max_age", max_age), ("config_path", config),
                                      ("window", window)) if v is not None})
    with reporting(progress):
        return _enrich_in_place(file, stamp, lang, sheet=sheet, input_format=input_format, mapping=mapping,
                                platform=platform, tiers=tier_bands(tiers), posts=posts, posts_window=posts_window,
                                currency=currency, offline=offline, live_options=options, strict=strict, store=store,
                                stdin=stdin, campaign=campaign, save_map=save_map)


def _enrich_in_place(file: str, stamp: Any, lang: str | None, *, sheet: str | None, input_format: str | None,
                     mapping: Sequence[str], platform: str | None, tiers: tuple[Tier, ...], posts: str | None,
                     posts_window: int, currency: str | None, offline: bool, live_options: dict[str, Any], strict: bool,
                     store: StoreArg, stdin: BinaryIO | None, campaign: str | None, save_map: bool) -> Table:
    table = _enrich(file, sheet=sheet, input_format=input_format, mapping=mapping, platform=platform,
                    tiers=tiers, posts=posts, posts_window=posts_window, currency=currency,
                    offline=offline, live_options=live_options, strict=strict, store=store, stdin=stdin,
                    record=True, campaign=campaign, save_map=save_map, lang=lang,
                    check=check_in_place_sheets if stamp is not None else None)
    if stamp is not None:
        recorded = table.meta.get("store")
        with told_if_recorded(recorded.get("path") if isinstance(recorded, dict) else None):
            write_in_place(table, stamp, lang=lang)
    from .io.mapmemory import save_maps

    save_maps(table.meta)  # the --save-map fixes, once the run succeeded (a refused run changes no map)
    return table


def in_place_stamp(file: str | None) -> Any:
    """Before reading a FILE to write back into: refuse what cannot be rewritten faithfully (stdin, a
    locked or read-only file, xls, ods...) and note its state, so a change during the run is caught."""
    from .io.inplace import check_in_place, file_stamp

    if file is None or file == "-":
        raise UsageError("--in-place needs a FILE (not stdin, not the workspace list)")
    check_in_place(file)
    return file_stamp(file)


def check_in_place_sheets(table: Table) -> None:
    """Before anything is recorded: refuse a sheet the in-place write would refuse (`io.inplace.check_sheets`:
    a sheet gone or protected, a header row that no longer holds the headers read), so that a refused
    write leaves the workspace as it was too. A tab with no header row (its first row is data) has no row
    to name the columns added: refused, the file untouched."""
    from .io.inplace import check_sheets

    tabs = table.meta.get("tabs") or [table.meta]
    bare = [t.get("sheet") for t in tabs if t.get("headerless")]
    if bare:
        raise InfluError("--in-place needs a header row to name the columns it adds, and "
                         + (f"tab {bare[0]!r} has" if bare[0] else "the file has") + " none (its first row is data): "
                         "add a header row, or write a new file with -o", file=table.source,
                         sheet=bare[0] if bare[0] else None)
    check_sheets(table)


@contextmanager
def told_if_recorded(workspace_path: str | None) -> Iterator[None]:
    """An in-place write refused after the run was recorded in the workspace (`workspace_path`; None: it was
    not) says so: its "nothing was changed" is true of the file only."""
    try:
        yield
    except InfluError as exc:
        if not workspace_path:
            raise
        text = exc.message.replace("nothing was changed", "the file was not changed")
        if text == exc.message:
            text += "; the file was not changed"
        exc.message = f"{text}, but the run is recorded in the workspace ({workspace_path})"
        exc.args = (exc.message,)
        raise


def write_in_place(table: Table, stamp: Any, *, columns: Sequence[str] | None = None,
                   lang: str | None = None) -> dict[str, Any]:
    """Write the table's columns back into the file it was read from (`io.inplace.write_back`)."""
    from .io.inplace import write_back

    result = write_back(table, columns=columns, lang=lang, expected=stamp)
    table.meta["in_place"] = result
    summary, links = table.meta.get("summary"), table.meta.get("link_columns") or {}
    if isinstance(summary, Summary) and links:  # the sheet keeps its links itself: no "(URL)" column was added
        summary.kept = [k for k in summary.kept if k not in links]
        summary.notes = [n for n in summary.notes if n not in links.values()]
    return result


def tier_bands(tiers: str | tuple[Tier, ...] | None) -> tuple[Tier, ...]:
    """The tier bands of a `tiers` option: the defaults, a "micro=10k,mid=50k" text (checked: a usage
    error names what is wrong), or bands already parsed."""
    if tiers is None:
        return TIERS
    if isinstance(tiers, str):
        try:
            return parse_tier_bands(tiers)
        except ValueError as exc:
            raise UsageError(f"--tiers: {exc}") from exc
    return tiers


def load_list(
    file: str | None,
    *,
    store: StoreArg = DEFAULT,
    campaign: str | None = None,
    sheet: str | None = None,
    input_format: str | None = None,
    mapping: Sequence[str] = (),
    platform: str | None = None,
    stdin: BinaryIO | None = None,
    currency: str | None = None,
    every_account: bool = False,
    replaced: Collection[str] = (),
    reads: Callable[[str], bool] | None = None,
) -> Table:
    """The list a command works on, the same for every command: FILE enriched offline exactly as
    `influkit enrich FILE` would with the same workspace (history-derived trend, flags, authenticity,
    prices, in `currency`: None as `enrich`), without recording anything; or, without FILE, the campaign's
    list in the workspace (the default campaign's when `campaign` is None), with the stages, prices and
    notes set since (and the campaign's accounts it does not have: those changed by hand, or with
    `every_account` all of them, see `Store.load_list`). `table.meta["list"]` says which ({"from":
    "file"|"workspace", ...}); the workspace's list with its estimated prices converted to `currency` when
    given (`estimates_in`). `replaced`: columns of the saved list the caller makes again whole (`score`'s),
    left empty rather than read (`Store.load_list`); so are the columns `reads` says no to, when given."""
    if file is not None:
        table = _enrich(file, sheet=sheet, input_format=input_format, mapping=mapping, platform=platform,
                        tiers=TIERS, posts=None, posts_window=POSTS_WINDOW, currency=currency,
                        offline=True, live_options={}, strict=False, store=store, stdin=stdin, record=False,
                        campaign=campaign)
        table.meta["list"] = {"from": "file", "source": table.source}
        return table
    path = workspace.require(store, "a command without FILE (it works on the workspace's current list)")
    if not workspace.exists(store):
        raise InfluError("the workspace has no list yet: give a FILE, or run `influkit enrich FILE` first",
                         file=path)
    with workspace.opened(store) as db:
        assert db is not None
        found = db.campaign(campaign)
        table = db.load_list(int(found["id"]), every_account=every_account, replaced=replaced, reads=reads)
        meta = db.list_meta(int(found["id"]))
    if currency is not None:
        estimates_in(table, currency)
    table.meta["list"] = {"from": "workspace", "path": path, "campaign": found["name"],
                          "source": meta.get("source") or None, "saved_at": meta.get("saved_at"), "meta": meta}
    return table


@heap.bulk()  # (the tables it builds stay out of the garbage collector's scans: heap.settle)
def _enrich(
    path: str,
    *,
    sheet: str | None,
    input_format: str | None,
    mapping: Sequence[str],
    platform: str | None,
    tiers: tuple[Tier, ...],
    posts: str | None,
    posts_window: int,
    currency: str | None,
    offline: bool,
    live_options: dict[str, Any],
    strict: bool,
    store: StoreArg,
    stdin: BinaryIO | None,
    record: bool,
    campaign: str | None = None,
    save_map: bool = False,
    lang: str | None = None,
    check: Callable[[Table], None] | None = None,
) -> Table:
    """enrich(); with `record=False` the workspace's history is used but nothing is kept (the run's
    writes are rolled back), which is how commands given a FILE see what `enrich FILE` would show.
    The prose columns (issues, er_method, price_method, flag_reasons) end in `lang`, else the sheet's
    language (`labels.localize`; the workspace keeps them in English). `check` is called with the table
    as read, before live stats and the workspace (`check_in_place_sheets`)."""
    from .labels import check_lang, localize, sheet_language
    from .metrics.pricing import check_rate

    given = None if currency is None else check_rate(currency)
    lang = check_lang(lang)
    piped: bytes | None = None
    if path == "-":  # stdin read once: the list and, as for a path, the workbook's posts tabs (`_load_posts`)
        piped = (stdin if stdin is not None else sys.stdin.buffer).read()
        stdin = io.BytesIO(piped)
    # (reading and normalising report their own rows and columns)
    table = _read_table(path, sheet=sheet, input_format=input_format, mapping=mapping, platform=platform,
                        stdin=stdin, save_map=save_map, maps=str(workspace.maps_path(store)))
    if check is not None:
        check(table)
    heap.settle()
    if strict and table.unread():
        _raise_first(table)
    with workspace.opened(store, create=record) as db:
        if not offline:
            # live stats: fills the table's numbers from the platforms' APIs (cached in the workspace)
            from .providers.live import run_live

            table.meta["live"] = run_live(table, db, live_options)
        # estimated prices: --currency, else the campaign's brand budget's (or its budget's), else the sheet's
        chosen = given or (campaign_currency(db, campaign, table) if db is not None else None)
        chosen = chosen or sheet_currency(table)
        # (four steps of 0.01-0.24 s at 100k rows: a 1M-row list's bar moves every 2.4 s at most)
        with progress.step("metrics", 4, "steps") as tick:
            compute_metrics(table, tiers=tiers)
            tick(1)
            post_list = _load_posts(path, posts, platform, table, piped)
            tick(2)
            _post_and_price_metrics(table, post_list, posts_window, chosen, tick)
        heap.settle()
        if strict and table.unread():
            _raise_first(table)
        if db is None:
            _history_metrics(table, None, post_list)
        elif record:
            target = int(db.campaign(campaign, writable=True)["id"])

            def work() -> dict[str, Any]:  # one transaction: a killed run leaves the workspace as it was
                row_ids: list[int | None] = []
                said: dict[int, dict[str, Any]] = {}  # (what the import read of the saved list, for save_list)
                counts = db.record_import(table, save=False, campaign_id=target, row_ids=row_ids, said=said)
                kinds = table.get("row_kind")  # creator rows naming no account are not recorded
                missing = [k for k, a in enumerate(row_ids) if a is None and not kinds[k]]
                counts["unrecorded"] = len(missing)
                counts["unrecorded_rows"] = [table.row_name(k) for k in missing[:MAX_ROWS_NAMED]]
                _history_metrics(table, db, post_list, row_ids)
                counts["left_out"] = db.accounts_left_out(target, row_ids)
                # the campaign's list, with the history columns
                db.save_list(table, campaign_id=target, imported=True, said=said)
                return counts

            counts = db.write(work, what="enrich", bulk=True)  # (each part reports its rows: "workspace: ...")
            table.meta["store"] = {"path": db.location, "campaign": db.campaign_by_id(target)["name"], **counts}
            forgotten_notes(table, counts.get("forgotten") or [])
        else:
            db.campaign(campaign)  # (a campaign that does not exist is an error here too)
            # this run's snapshots count in the history, then are forgotten: written for the accounts the
            # workspace has (a new one has no history yet), nothing else the import would record
            with db.rolled_back(bulk=True):
                _history_metrics(table, db, post_list, db.preview_import(table))
    summarize(table)
    localize(table, sheet_language(table, lang))
    return table


def estimates_in(table: Table, currency: str) -> None:
    """The saved list's estimated prices (est_price_low/high, cpe, cpm) converted to `currency` where they
    are in another one influkit converts (a list enriched before the campaign had a brand), so that a row
    shows its quote as asked and everything else in the brand's currency; a `price_high` sentence says
    the same amounts (metrics.pricing.price_flag_in)."""
    from .labels import split_items
    from .metrics.pricing import MONEY_DIGITS, check_currency, price_flag_in
    from .thresholds import FX_PER_EUR, convert

    target = check_currency(currency)
    if "price_currency" not in table.data or target not in FX_PER_EUR:  # (no rate: each estimate as it is)
        return
    codes, reasons = table.data["price_currency"], table.data.get("flag_reasons")
    columns = [(c, MONEY_DIGITS + 2 if c == "cpe" else MONEY_DIGITS)
               for c in ("est_price_low", "est_price_high", "cpe", "cpm") if c in table.data]
    for k, code in enumerate(codes):
        if not isinstance(code, str) or code.upper() == target or code.upper() not in FX_PER_EUR:
            continue
        for c, digits in columns:
            value = table.data[c][k]
            if isinstance(value, int | float):
                table.data[c][k] = round(convert(float(value), code, target), digits)
        if reasons is not None and isinstance(reasons[k], str) and reasons[k]:  # (in either language, its
            # entries separated either way; each separator kept as written)
            reasons[k] = "".join(part if i % 2 else price_flag_in(part, code.upper(), target)
                                 for i, part in enumerate(split_items(reasons[k])))
        codes[k] = target


def sheet_currency(table: Table) -> str | None:
    """The currency estimated prices are in when neither --currency nor a brand budget says: the one every
    price of the sheet is in ("$1,200", a "Rate (USD)" column), when influkit converts to it; None when
    they are in several (each row's estimate is then in its own quote's currency: metrics.pricing), else
    DEFAULT_CURRENCY."""
    from .thresholds import FX_PER_EUR

    kinds = table.get("row_kind")
    found = {c.upper() for k, c in enumerate(table.get("currency")) if isinstance(c, str) and c and not kinds[k]}
    known = sorted(found & set(FX_PER_EUR))
    if len(found) == 1 and known:
        if known[0] != DEFAULT_CURRENCY:
            table.meta.setdefault("notes", []).append(
                f"the sheet's prices are in {known[0]}: estimated prices in {known[0]} too (--currency to choose)")
        return known[0]
    if len(found) > 1 and known:
        table.meta.setdefault("notes", []).append(
            f"the sheet's prices are in {', '.join(sorted(found))}: each row's estimated price is in its quote's "
            "currency (--currency, or a campaign whose brand has a budget, to have one)")
        return None
    if unknown := sorted(found - set(FX_PER_EUR)):
        table.meta.setdefault("notes", []).append(
            f"the sheet's prices are in {', '.join(sorted(found))}; thresholds.FX_PER_EUR has no exchange rate for "
            f"{', '.join(unknown)}: estimated prices in {DEFAULT_CURRENCY} (--currency to choose), no CPE/CPM for "
            "those prices")
    return DEFAULT_CURRENCY


def campaign_currency(db: Any, campaign: str | None, table: Table) -> str | None:
    """The currency of the campaign's brand budget (brand.estimate_currency), else of the campaign's own
    budget, when influkit converts to it; None without one (an unknown campaign or a profile no longer
    valid is said where the campaign is used). A budget in a currency with no rate in
    thresholds.FX_PER_EUR is said in a note (the estimates are then in the sheet's currency)."""
    from .thresholds import FX_PER_EUR

    try:
        found = db.campaign(campaign)
        brand = found.get("brand")
        code = None
        wanted = None
        if isinstance(brand, dict):  # (influkit.brand and pydantic load in 0.15 s: only for a campaign with a brand)
            from .brand import estimate_currency, saved_brand

            profile = saved_brand(brand, "the campaign")
            code = estimate_currency(profile)
            if profile.budget.per_post is not None:
                wanted = profile.budget.currency.upper()
    except InfluError:
        return None
    own = str(found.get("currency") or "").upper()
    code = code or (own if own in FX_PER_EUR else None)
    wanted = wanted or own or None
    if code is not None:
        table.meta.setdefault("notes", []).append(
            f"estimated prices in {code}, the currency of the budget of campaign {found['name']!r} (--currency to choose)")
    elif wanted is not None:
        table.meta.setdefault("notes", []).append(
            f"the budget of campaign {found['name']!r} is in {wanted}, which has no exchange rate in "
            "thresholds.FX_PER_EUR: estimated prices are in the sheet's currency (--currency to choose)")
    return code


def forgotten_notes(table: Table, forgotten: list[tuple[str, str, str]]) -> None:
    """A warning per account of the sheet that asked to be forgotten (the workspace keeps only a salted
    hash of it, so it can say so)."""
    notes = table.meta.setdefault("notes", [])
    said = table.meta.setdefault("privacy_warnings", [])  # said even with -q: see cli.common.say_table
    for line in forgotten_warnings(forgotten):
        notes.append(line)
        said.append(line)


def forgotten_warnings(forgotten: list[tuple[str, str, str]]) -> list[str]:
    """The warning line of each account (`Store.forgotten_among`) that asked to be forgotten and was
    recorded again: what every import says (a sheet through `forgotten_notes`, a history file)."""
    return [f"warning: {platform}:{handle} asked to be forgotten on {day} (influkit forget); "
            "it was recorded again from this sheet" for platform, handle, day in forgotten]


_WORKBOOK_FORMATS = ("xlsx", "xls", "xlsb", "ods")  # (RawSheet.format of a workbook's tab)


def _load_posts(path: str, posts: str | None, platform: str | None, table: Table,
                piped: bytes | None = None) -> list[Post]:
    """Posts from the `posts` file (its errors stop the run: it was asked for), else, unless `posts` is
    "" (no posts), from the input workbook's posts tabs (`metrics.posts.workbook_posts`: a tab that is
    no posts table, or cannot be read, is a note, never an error), the workbook given by its path or on
    stdin (`piped`: its bytes) alike."""
    from .metrics.posts import read_posts, workbook_posts

    if posts:
        return read_posts(read_sheet(posts), platform)
    book: str | bytes = piped if piped is not None else path
    if posts is None and table.meta.get("format") in _WORKBOOK_FORMATS:  # (the format read, not the name's)
        found, notes = workbook_posts(book, set(table.meta.get("sheets") or [table.sheet]), platform,
                                      source=table.source)
        table.meta.setdefault("notes", []).extend(notes)
        return found
    return []


def _post_and_price_metrics(table: Table, post_list: list[Post], window: int, currency: str | None,
                            tick: progress.Tick) -> None:
    """The posts' engagement and the benchmarks (step 3 of the metrics' `tick`), the prices (step 4)."""
    from .clock import today
    from .metrics.authenticity import compute_benchmarks
    from .metrics.posts import compute_post_metrics
    from .metrics.pricing import compute_pricing

    if post_list:
        matched = compute_post_metrics(table, post_list, today(), window)
        table.meta.setdefault("notes", []).append(f"posts: {len(post_list)} read, {count(matched, 'row')} matched")
    compute_benchmarks(table)
    tick(3)
    compute_pricing(table, currency)
    tick(4)


# (no cyclic collection: an account's history is a few small objects and no cycle; at 100k accounts of
# two snapshots each the collector's scans took 1-2 s of the 4-5 s of the histories, 22-44 full ones)
@heap.paused()
def _history_metrics(table: Table, store: Store | None, post_list: list[Post],
                     row_ids: Sequence[int | None] | None = None) -> None:
    """growth_*, trend, trend_window from the store's follower history (after this run's snapshot),
    then the authenticity flags (spikes and drops included when the store has history). `row_ids`:
    each row's account id (None: none), when the caller knows them (`record_import` gives them)."""
    from .clock import today
    from .metrics.authenticity import compute_authenticity
    from .metrics.trends import Event
    from .thresholds.store import setting

    n = len(table)
    cols: dict[str, list[Any]] = {}
    for w in TREND_WINDOWS_DAYS:
        cols[f"growth_{w}d"] = table.empty_column()  # (made writable when an account has history)
        cols[f"growth_{w}d_pct"] = table.empty_column()
    kinds = table.get("row_kind")  # TOTAL / section rows: no trend, no flags
    cols["trend"] = [None if kinds[k] else "unknown" for k in range(n)]
    cols["trend_window"] = empty_trend_window = table.empty_column()
    events: list[list[Event] | None] = [None] * n
    er_points: list[Sequence[tuple[Any, float]]] = [()] * n  # (one shared empty tuple: no list per row)
    if store is not None:
        platforms, handles = table.get("platform"), table.get("handle")
        ids = row_ids if row_ids is not None else store.row_account_ids(platforms, handles)
        with_history = store.accounts_with_history()  # (one snapshot: no growth, trend unknown, nothing to detect)
        # what an account's history gave, kept only for an account on several rows (a 500k-row list's
        # histories are never held all at once)
        repeated = _repeated(a for a in ids if a in with_history) if with_history else set()
        seen: dict[int, tuple[Any, list[Event] | None, Sequence[tuple[Any, float]]]] = {}
        posts_by_handle: dict[str, list[Post]] = {}
        for p in post_list:
            posts_by_handle.setdefault(p.handle, []).append(p)
        size = max(1, int(setting("record_chunk")))
        with store.transaction():
            growth_cols: list[tuple[int, list[Any], list[Any]]] = []  # (set with the first history)
            trend_col, window_col = cols["trend"], cols["trend_window"]
            for start in progress.each("workspace: history", range(0, n, size), n,
                                       size=lambda start: min(size, n - start)):
                end = min(n, start + size)
                # the histories of this chunk's accounts, read together (a few queries, not three per account)
                chunk = _chunk_histories(store, {a for a in ids[start:end]
                                                 if a is not None and a in with_history and a not in seen})
                for k in range(start, end):
                    account = ids[k]
                    if account is None:
                        continue
                    if posts_by_handle:
                        mine = [p for p in posts_by_handle.get(handles[k], ()) if p.platform in (platforms[k], None)]
                        if mine:
                            store.add_posts(account, (p.as_store() for p in mine), "posts")
                    if account not in with_history:
                        continue
                    found = seen.get(account)
                    if found is None:
                        found = chunk[account]
                        if account in repeated:
                            seen[account] = found
                        if cols["trend_window"] is empty_trend_window:  # the first history: these columns get values
                            for c in (*(f"growth_{w}d{p}" for w in TREND_WINDOWS_DAYS for p in ("", "_pct")),
                                      "trend_window"):
                                cols[c] = [None] * n
                            # (each window's two columns, found once: not six names made and looked up a row)
                            growth_cols = [(w, cols[f"growth_{w}d"], cols[f"growth_{w}d_pct"]) for w in TREND_WINDOWS_DAYS]
                            trend_col, window_col = cols["trend"], cols["trend_window"]
                    trend, events[k], er_points[k] = found
                    growth, growth_pct = trend.growth, trend.growth_pct
                    for w, absolute, relative in growth_cols:
                        absolute[k] = growth[w]
                        relative[k] = growth_pct[w]
                    trend_col[k], window_col[k] = trend.trend, trend.window
    for c, v in cols.items():
        table.data[c] = v
    compute_authenticity(table, today(), events, er_points)


def _chunk_histories(store: Store, accounts: set[int]) -> dict[int, tuple[Any, Any, Sequence[tuple[Any, float]]]]:
    """{account: (trend, spikes and drops or None, engagement points)} of these accounts, from their
    histories read together; the engagement history only beside a spike or a drop."""
    from .followers import list_trends

    out: dict[int, tuple[Any, Any, Sequence[tuple[Any, float]]]] = {}
    for account, (trend, events, points) in list_trends(store, sorted(accounts)).items():
        out[account] = (trend, events if points > 1 else None, ())
    spiky = [a for a, found in out.items() if found[1]]
    if spiky:
        for account, series in store.series_of(spiky, "engagement_rate").items():
            out[account] = (*out[account][:2], [(d, float(v)) for d, v, _ in series])
        for account in spiky:  # no engagement value recorded: an empty list, as `series` gave
            if not isinstance(out[account][2], list):
                out[account] = (*out[account][:2], [])
    return out


def _repeated(accounts: Iterable[int]) -> set[int]:
    """The accounts that come more than once."""
    return {a for a, n in Counter(accounts).items() if n > 1}


def _raise_first(table: Table) -> None:
    """--strict: the first cell or row of the sheet that could not be read (an issue that is no note), by row
    (issues are found column by column), in the tab of the first one found."""
    tabs = table.meta.get("issue_sheets") or []
    unread = [i for i, issue in enumerate(table.issues) if not issue.note]
    tab = (tabs[unread[0]] if unread[0] < len(tabs) else None) if tabs else None
    same = [i for i in unread if not tabs or (tabs[i] if i < len(tabs) else None) == tab]
    first = table.issues[min(same, key=lambda i: table.issues[i].row)]
    raise InfluError(f"{first.field}: {first.message}", file=table.source, sheet=tab if tabs else table.sheet,
                     row=first.row, column=first.column)
