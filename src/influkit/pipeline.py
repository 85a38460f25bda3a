"""The enrich job as a library call: read -> normalise -> metrics (-> store, providers in later stages)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO

from .errors import InfluError
from .io.normalize import normalize_sheets, parse_map_options
from .io.read import read_sheet, read_sheets
from .metrics.engagement import compute_engagement
from .metrics.tiers import compute_tiers
from .table import Table
from .thresholds import DEFAULT_CURRENCY, POSTS_WINDOW, TIERS, TREND_WINDOWS_DAYS, Tier

if TYPE_CHECKING:
    from .metrics.posts import Post
    from .store import Store


@dataclass
class Summary:
    """What a run did, for the stderr summary and for scripts (`table.meta["summary"]`)."""

    input_rows: int = 0
    output_rows: int = 0
    blank_rows: int = 0
    duplicates: int = 0
    issues_by_column: dict[str, int] = field(default_factory=dict)
    mapped: dict[str, str] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def lines(self, table: Table) -> list[str]:
        where = table.source + (f" [{table.sheet}]" if table.sheet else "")
        out = [
            f"{where}: {self.input_rows} rows read (header on row {table.meta.get('header_row')}), "
            f"{self.output_rows} rows out, {self.duplicates} duplicates marked"
            + (f", {self.blank_rows} blank rows skipped" if self.blank_rows else "")
        ]
        if self.mapped:
            out.append("columns: " + ", ".join(f"{h!r}->{c}" for c, h in self.mapped.items()))
        if self.kept:
            out.append("kept as is: " + ", ".join(repr(k) for k in self.kept))
        out.extend(f"note: {n}" for n in self.notes)
        if self.issues_by_column:
            total = sum(self.issues_by_column.values())
            detail = ", ".join(f"{c} {n}" for c, n in sorted(self.issues_by_column.items(), key=lambda x: -x[1]))
            out.append(f"issues: {total} ({detail}); see the 'issues' column")
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
    `maps`, default .influkit/maps.json)."""
    raws = read_sheets(path, sheet=sheet, fmt=input_format, stdin=stdin)
    return normalize_sheets(raws, overrides=parse_map_options(mapping), platform=platform, save_map=save_map,
                            maps=maps)


def compute_metrics(table: Table, *, tiers: tuple[Tier, ...] = TIERS) -> None:
    compute_engagement(table)
    compute_tiers(table, tiers)


def summarize(table: Table) -> Summary:
    by_column = Counter(i.field for i in table.issues)
    summary = Summary(
        input_rows=table.meta.get("input_rows", len(table)),
        output_rows=len(table),
        blank_rows=table.meta.get("blank_rows", 0),
        duplicates=table.meta.get("duplicates", 0),
        issues_by_column=dict(by_column),
        mapped=dict(table.mapped),
        kept=list(table.extra_columns),
        notes=list(table.meta.get("notes", [])),
    )
    table.meta["summary"] = summary
    return summary


def enrich(
    path: str,
    *,
    sheet: str | None = None,
    input_format: str | None = None,
    mapping: Sequence[str] = (),
    platform: str | None = None,
    tiers: tuple[Tier, ...] = TIERS,
    strict: bool = False,
    stdin: BinaryIO | None = None,
    db: str | None = None,
    use_store: bool = True,
    offline: bool = True,
    live_options: dict[str, Any] | None = None,
    posts: str | None = None,
    posts_window: int = POSTS_WINDOW,
    currency: str = DEFAULT_CURRENCY,
) -> Table:
    """The `influkit enrich` job.

    read -> normalise -> (live stats unless offline) -> metrics -> workspace store.
    With `strict`, the first issue raises an InfluError before the workspace is touched. With
    `use_store`, the accounts, a dated snapshot of their numbers and their stage changes are recorded
    in the workspace database, and the table becomes its current list.

    Posts (a "posts" sheet of the workbook, or the `posts` CSV/xlsx file) give post-based engagement
    over the last `posts_window` posts; prices are in `currency` (EUR, USD, GBP). Growth, trend and
    spike flags need the store's history: with `use_store=False` they stay empty / "unknown".
    """
    from .metrics.pricing import check_currency

    currency = check_currency(currency)
    table = read_table(path, sheet=sheet, input_format=input_format, mapping=mapping, platform=platform,
                       stdin=stdin)
    if strict and table.issues:
        _raise_first(table)
    store = None
    if use_store or not offline:
        from .store import Store

        store = Store(db)
    try:
        if not offline:
            # live stats (issue #4): fills the table's numbers from the platforms' APIs
            from .providers.live import run_live

            table.meta["live"] = run_live(table, store, live_options or {})
        compute_metrics(table, tiers=tiers)
        post_list = _load_posts(path, posts, input_format, platform, table)
        _post_and_price_metrics(table, post_list, posts_window, currency)
        if strict and table.issues:
            _raise_first(table)
        if use_store and store is not None:
            with store.transaction():  # one transaction: a killed run leaves the workspace as it was
                table.meta["store"] = {"path": str(store.path), **store.record_import(table, save=False)}
                _history_metrics(table, store, post_list)
                store.save_list(table)  # the current list, with the history columns
        else:
            _history_metrics(table, None, post_list)
    finally:
        if store is not None:
            store.close()
    summarize(table)
    return table


def _load_posts(path: str, posts: str | None, input_format: str | None, platform: str | None,
                table: Table) -> list[Post]:
    """Posts from the `posts` file, else from a "posts" sheet of the input workbook."""
    from .io.read import detect_format, read_other_sheet
    from .metrics.posts import read_posts

    if posts:
        return read_posts(read_sheet(posts), platform)
    if path != "-" and (input_format or detect_format(path)) == "xlsx":
        raw = read_other_sheet(path, "posts")
        if raw is not None and raw.sheet != table.sheet:
            return read_posts(raw, platform)
    return []


def _post_and_price_metrics(table: Table, post_list: list[Post], window: int, currency: str) -> None:
    from .clock import today
    from .metrics.authenticity import compute_benchmarks
    from .metrics.posts import compute_post_metrics
    from .metrics.pricing import compute_pricing

    if post_list:
        matched = compute_post_metrics(table, post_list, today(), window)
        table.meta.setdefault("notes", []).append(f"posts: {len(post_list)} read, {matched} rows matched")
    compute_benchmarks(table)
    compute_pricing(table, currency)


def _history_metrics(table: Table, store: Store | None, post_list: list[Post]) -> None:
    """growth_*, trend, trend_window from the store's follower history (after this run's snapshot),
    then the authenticity flags (spikes and drops included when the store has history)."""
    from .clock import today
    from .history import account_history
    from .metrics.authenticity import compute_authenticity
    from .metrics.trends import Event

    n = len(table)
    cols: dict[str, list[Any]] = {}
    for w in TREND_WINDOWS_DAYS:
        cols[f"growth_{w}d"] = [None] * n
        cols[f"growth_{w}d_pct"] = [None] * n
    cols["trend"] = ["unknown"] * n
    cols["trend_window"] = [None] * n
    events: list[list[Event] | None] = [None] * n
    er_points: list[list[tuple[Any, float]]] = [[] for _ in range(n)]
    if store is not None:
        platforms, handles = table.get("platform"), table.get("handle")
        seen: dict[int, Any] = {}
        ids = {(r[0], r[1]): r[2] for r in store.conn.execute("SELECT platform, handle, id FROM accounts")}
        history_of = store.snapshot_counts()
        posts_by_handle: dict[str, list[Post]] = {}
        for p in post_list:
            posts_by_handle.setdefault(p.handle, []).append(p)
        with store.transaction():
            for k in range(n):
                if not platforms[k] or not handles[k]:
                    continue
                account = ids.get((platforms[k], handles[k]))
                if account is None:
                    continue
                mine = [p for p in posts_by_handle.get(handles[k], ()) if p.platform in (platforms[k], None)]
                if mine:
                    store.add_posts(account, (p.as_store() for p in mine), "posts")
                if history_of.get(account, 0) < 2:
                    continue  # one snapshot: no growth, trend unknown, nothing to detect
                if account not in seen:
                    seen[account] = account_history(store, account)
                hist = seen[account]
                for w in TREND_WINDOWS_DAYS:
                    cols[f"growth_{w}d"][k] = hist.trend.growth[w]
                    cols[f"growth_{w}d_pct"][k] = hist.trend.growth_pct[w]
                cols["trend"][k], cols["trend_window"][k] = hist.trend.trend, hist.trend.window
                events[k] = hist.events if len(hist.series) > 1 else None
                er_points[k] = [(d, float(v)) for d, v, _ in store.series(account, "engagement_rate")]
    for c, v in cols.items():
        table.data[c] = v
    compute_authenticity(table, today(), events, er_points)


def _raise_first(table: Table) -> None:
    first = table.issues[0]
    raise InfluError(f"{first.field}: {first.message}", file=table.source, sheet=table.sheet,
                     row=first.row, column=first.column)
