"""The campaign report: an objectives recap, then the agency's four blocks (campaign-kpis.md).

    build_report(posts, orders=..., objectives=..., lang="fr") -> dict   (the JSON of docs/report.md)
    CampaignReport(data, ...).write("bilan.html")                          (html, md, xlsx, json, csv)

1. Results: per post, creator, network, format and for the campaign: views, engagements, engagement rate
   by views and by followers (with the method), cost, CPE, CPM, CPV, clicks, orders, revenue, CPA, ROAS,
   against the objectives and the budget.
2. Analysis: best and worst creators, formats and networks; each creator against the engagement
   benchmark of its network and band; cost outliers; disclosure problems (the checker); which channels
   converted; what is missing.
3. Conclusion: each objective reached or not, the budget, compliance, in sentences with the numbers.
4. Recommendations: creators to renew or drop and why, budget moves, disclosure fixes, tracking.
Every sentence of blocks 2-4 names the rule that wrote it (campaign/report_rules.py; the numbers and
sources in thresholds/report.py, `influkit thresholds`).

How numbers are counted (never invented):
- Only posts count: TOTAL, average, sub-total and section rows are left out (published.row_kinds_of, the
  rule `enrich` marks row_kind with) and listed in `sources.rows_left_out`.
- Sums are over the posts that have the number (`views_posts` says how many); estimated figures
  (columns marked "estimated") are summed apart (`views_estimated`, `reach_estimated`...) and enter no
  ratio. Counts are integers in the JSON and the CSV.
- engagements = likes + comments + shares + saves over the measured parts (the sheet's own engagements
  column only for posts without parts); ER by views = engagements / views over the posts with both;
  ER by followers = engagements / followers over the posts with both (followers at the post's row).
- Cost is known per post (a cost column) or per creator (a list's price when no post of the creator
  has one). A ratio (CPE, CPM, CPV) uses only costs whose posts all have its denominator, and a group
  (network, format) only costs wholly inside it: a creator's single price is never split.
- Orders and revenue are per creator (promo codes and tracked links, `campaign.results`); CPA, ROAS and
  ROI are over the creators whose sales are tracked and whose cost is known. Money in several
  currencies is never added: the money totals are then left empty with a warning.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import UsageError
from ..labels import format_on, platform_word, report_label
from ..outreach import clean_stage
from ..reports import Report
from ..table import Table
from ..text import code_key, count, fold_key, name_key
from ..thresholds.report import MILESTONE_DAYS, setting
from . import report_text as T
from .compliance import STATUSES, compliance_status
from .published import ENGAGEMENT_PARTS, PublishedPost, PublishedPosts, creator_key, milestones
from .results import list_price, range_warning, unmatched_warning

SCHEMA = "influkit.report/1"

# objective metric -> direction (at_least: more is better; at_most: a ceiling, for costs)
OBJECTIVE_METRICS: dict[str, str] = {
    "views": "at_least", "engagements": "at_least", "er_views": "at_least", "er_followers": "at_least",
    "reach": "at_least", "clicks": "at_least", "orders": "at_least", "revenue": "at_least", "roas": "at_least",
    "roi": "at_least", "posts": "at_least", "cpe": "at_most", "cpm": "at_most", "cpv": "at_most", "cpa": "at_most",
    "cost": "at_most",
}
SALES_METRICS = frozenset({"orders", "revenue", "roas", "roi", "cpa"})
_ALIASES = {"vues": "views", "view": "views", "engagement": "engagements", "interactions": "engagements",
            "er": "er_views", "taux d engagement": "er_views", "er vues": "er_views", "er views": "er_views",
            "er abonnes": "er_followers", "er followers": "er_followers", "portee": "reach", "clics": "clicks",
            "clic": "clicks", "commandes": "orders", "ventes": "orders", "sales": "orders", "ca": "revenue",
            "chiffre d affaires": "revenue", "revenus": "revenue", "publications": "posts", "cout": "cost",
            "budget": "budget"}
COUNT_METRICS = ("views", "engagements", "reach", "clicks", "orders", "posts")
RATE_METRICS = ("er_views", "er_followers")
MONEY_METRICS = ("revenue", "cost", "cpe", "cpm", "cpv", "cpa")


# ------------------------------------------------------------------------------------ objectives


@dataclass(frozen=True)
class Objective:
    metric: str
    target: float
    direction: str  # at_least | at_most
    source: str  # "--objectives", "brand profile", "workspace campaign"...
    currency: str | None = None  # a money target's (cpe, cpa, revenue...): the one it was given in, else its
    # source's (the budget's, the brand's); None for a count or a rate


@dataclass
class Objectives:
    """What the campaign aimed at: numeric targets and a budget. From `--objectives`/`--budget`, the brand
    profile's [campaign] table, or (later) the workspace's campaign; the first given wins per metric."""

    targets: list[Objective] = field(default_factory=list)
    budget: float | None = None
    currency: str | None = None
    budget_source: str | None = None
    name: str | None = None
    # the money values given as written, named for a message ([("--budget", "£8,000"), ("--objectives cpe",
    # "$0.25")]): one currency among them, and with the money values of objectives they are merged with
    amounts: list[tuple[str, Any]] = field(default_factory=list)

    def merged(self, other: Objectives | None) -> Objectives:
        """These objectives, completed by `other`'s (a metric or budget set here wins). A money value given
        here in another currency than `other`'s, when other's budget or money targets are used beside it
        (a workspace campaign's budget in £, --objectives cpe=$0.25), is a usage error naming both
        (`one_currency`): influkit compares no amounts in two currencies, nor converts them."""
        if other is None:
            return self
        mine = {t.metric for t in self.targets}
        added = [t for t in other.targets if t.metric not in mine]
        used = (self.budget is None and other.budget is not None) or any(t.metric in MONEY_METRICS for t in added)
        if used and other.currency and self.amounts:
            source = ((other.budget_source if self.budget is None and other.budget is not None
                       else next(t.source for t in added if t.metric in MONEY_METRICS)) or "the campaign")
            one_currency(self.amounts, other.currency, source)
        return Objectives([*self.targets, *added],
                          self.budget if self.budget is not None else other.budget,
                          self.currency or other.currency,
                          self.budget_source if self.budget is not None else other.budget_source,
                          self.name or other.name, [*self.amounts, *other.amounts])

    def with_currency(self, currency: str | None) -> Objectives:
        """These objectives, their money targets written without a currency in `currency`."""
        if not currency:
            return self
        return replace(self, targets=[replace(t, currency=currency) if t.metric in MONEY_METRICS and t.currency is None
                                      else t for t in self.targets])

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "budget": self.budget, "currency": self.currency,
                "budget_source": self.budget_source,
                "targets": [{"metric": t.metric, "target": target_value(t.metric, t.target),
                             "direction": t.direction, "source": t.source,
                             **({"currency": t.currency} if t.metric in MONEY_METRICS else {})}
                            for t in self.targets]}


def target_value(metric: str, value: float) -> float | int:
    """A target as the JSON writes it: a count target (views, orders...) as an integer."""
    return whole(value) if metric in COUNT_METRICS else value


def metric_name(text: str, option: str = "--objectives", others: bool = False) -> str:
    """The report's metric a name says ("vues", "taux d'engagement", "sales": views, er_views, orders);
    with `others` (a workspace campaign's objectives), a name the report does not measure ("deals") is
    kept, folded; otherwise it is a usage error listing the metrics."""
    key = fold_key(text).replace(" ", "_")
    if key in OBJECTIVE_METRICS or key == "budget":
        return key
    alias = _ALIASES.get(fold_key(text))
    if alias:
        return alias
    if others and key:
        return key
    raise UsageError(f"{option}: unknown metric {text!r}; metrics are {', '.join([*OBJECTIVE_METRICS, 'budget'])}")


def objective_value(metric: str, value: Any, option: str = "--objectives") -> float:
    """A target's value, decimals kept: counts (200k, 1,2M), rates (3 %), money (0,15 €), ratios (2.5, 1,5×);
    an objective the report does not measure (a workspace campaign's "deals=10", "leads=1,5k",
    "reply_rate=30 %") is a number, a rate when it says %."""
    from ..io.parse import ParseError, parse_count, parse_money, parse_price, parse_rate

    try:
        if metric in COUNT_METRICS:
            out: float | None = parse_count(value)
        elif metric in RATE_METRICS or (metric not in OBJECTIVE_METRICS and "%" in str(value)):
            out = parse_rate(value)
        elif metric in MONEY_METRICS or metric == "budget":
            out = parse_money(value)
        elif metric in OBJECTIVE_METRICS:
            out = float(str(value).strip().rstrip("xX×").replace(",", ".")) if str(value).strip() else None
        else:
            price = parse_price(value)  # (the number reader of money cells: 1,5k, 12 500, 0,25)
            out = price.amount if price is not None and price.note is None and price.high is None else None
    except (ParseError, ValueError):
        out = None
    if out is None:
        raise UsageError(f"{option} {metric}={value!r}: not a number for {metric}")
    return float(out)


# pairs are separated by "," or ";" where a name= follows: a decimal comma stays in its value
_PAIR_SEPARATOR = re.compile(r"\s*[,;]\s*(?=[^\W\d_][^,;=]*=)")


def objective_texts(items: str | Sequence[str]) -> list[str]:
    """The "metric=value" texts of one string or several: "cpe=0,25,views=1,2M;roas=1,5" is cpe=0,25,
    views=1,2M and roas=1,5 (a "," or ";" separates two pairs only where a name= follows it)."""
    texts = [items] if isinstance(items, str) else items
    return [part.strip() for text in texts for part in _PAIR_SEPARATOR.split(text.strip())]


@dataclass(frozen=True)
class Aim:
    """One objective as given: its metric, its target, and the value it was read from ("0,25 €")."""

    metric: str
    target: float
    written: Any


def read_objectives(items: str | Sequence[str] | Mapping[str, Any] | None, option: str = "--objectives", *,
                    others: bool = False) -> list[Aim]:
    """The objectives of `report --objectives`, a brand profile's [campaign.objectives] and `campaign
    new|edit --objective`, in order, with the same names (metric_name) and value forms (objective_value:
    200k, 1,2M, 5 %, 0,25 €, 1,5×): "metric=value" texts (objective_texts) or a mapping {"cpe": "0,25 €"}.
    `others` keeps the names the report does not measure (a workspace campaign's "deals=10"). Money
    values (a budget, cpe...) written in two currencies are a usage error (one_currency)."""
    if items is None:
        return []
    if isinstance(items, Mapping):
        pairs = [(str(name), value) for name, value in items.items()]
    else:
        pairs = []
        for part in filter(None, objective_texts(items)):
            name, sep, value = part.partition("=")
            if not sep or not value.strip():
                raise UsageError(f"{option} {part!r}: write metric=value, e.g. views=200k,orders=150,cpe=0,25")
            pairs.append((name, value.strip()))
    aims = []
    for name, value in pairs:
        metric = metric_name(name, option, others)
        aims.append(Aim(metric, objective_value(metric, value, option), value))
    one_currency(money_amounts(aims, option))
    return aims


def money_amounts(aims: Sequence[Aim], option: str) -> list[tuple[str, Any]]:
    """The money values among objectives (the budget, cpe, cpm, cpv, cpa, cost, revenue), named for a
    message: [("--objective cpe", "£0.25")]."""
    return [(f"{option} {a.metric}", a.written) for a in aims if a.metric in MONEY_METRICS or a.metric == "budget"]


def one_currency(amounts: Sequence[tuple[str, Any]], currency: str | None = None, setting: str = "",
                 hint: str = "give one currency") -> str | None:
    """The one currency of amounts given together (a budget and money objectives): `currency` (named
    `setting` in a message) when given, else the first one an amount writes ("£8,000": GBP), else None.
    An amount written in another currency is a usage error naming both (`hint` may name {written}):
    influkit converts no amount the user gives (io.parse.amount_currency)."""
    from ..io.parse import ParseError, amount_currency, detect_currency

    for what, amount in amounts:
        try:
            written = amount_currency(amount, currency, setting)
        except ParseError as exc:
            said = hint.format(written=detect_currency(amount))
            raise UsageError(f"{what} {exc}: {said} (influkit converts no amount)") from None
        if written and currency is None:
            currency, setting = written, what
    return currency


def parse_objectives(items: str | Sequence[str] | Mapping[str, Any] | None, source: str = "--objectives",
                     option: str = "--objectives") -> Objectives:
    """Objectives from "views=200k,orders=150,roas=2,cpe=0,15" or a mapping (read_objectives; `budget=6000 €`
    sets the budget and its currency, as `cpe=$0.25` sets the currency). An unknown metric, a bad number or
    money values in two currencies are a usage error naming them."""
    from ..io.parse import detect_currency

    out = Objectives()
    aims = read_objectives(items, option)
    out.amounts = money_amounts(aims, option)
    out.currency = one_currency(out.amounts)  # (the one a budget or a money objective writes)
    for aim in aims:
        if aim.metric == "budget":
            out.budget, out.budget_source = aim.target, source
            continue
        out.targets = [t for t in out.targets if t.metric != aim.metric]
        written = detect_currency(aim.written) if aim.metric in MONEY_METRICS and isinstance(aim.written, str) else None
        out.targets.append(Objective(aim.metric, aim.target, OBJECTIVE_METRICS[aim.metric], source, written))
    # a money objective without its currency is in the one the others write (one_currency: a single one), as
    # `campaign new` reads them: "budget=$15k,cpe=0.2", "cpe=0,25 €,cpm=12": all in that currency
    return out.with_currency(out.currency or next((t.currency for t in out.targets if t.currency), None))


# --------------------------------------------------------------------------------------- context


@dataclass
class Unit:
    """A cost and the posts it paid for (one post, or every post of a creator for a creator's price)."""

    cost: float
    posts: frozenset[int]
    currency: str | None
    source: str


@dataclass
class Creator:
    key: str
    name: str
    indexes: list[int]
    handles: list[str]
    platforms: list[str]
    codes: list[str] = field(default_factory=list)
    cost: float | None = None
    cost_complete: bool = False
    cost_source: str | None = None
    cost_currency: str | None = None  # the currency of its cost, when it has one
    orders: int | None = None
    revenue: float | None = None
    sales_currency: str | None = None  # the currency of all its orders (None: unknown, or several)
    code_orders: int | None = None
    link_orders: int | None = None
    clicks: float | None = None
    clicks_source: str | None = None
    sales_source: str | None = None
    stage: str = "published"  # its post is in the report; the list's stage when its price is only a quote

    @property
    def tracked(self) -> bool:
        return self.orders is not None


@dataclass
class Context:
    posts: list[PublishedPost]
    units: list[Unit]
    creators: list[Creator]
    currency: str | None
    money_ok: bool  # the costs (and the budget) are in one currency: costs, CPE, CPM, CPV, EMV
    emv: float | None
    verdicts: list[Any]  # compliance Verdict or None per post
    lang: str
    sales_ok: bool = True  # the orders are in one currency, the costs' when both: revenue, ROAS, ROI

    def sales_usable(self, c: Creator) -> bool:
        """Whether a creator's revenue may be shown: its orders in the report's currency (all orders are, or
        all of this creator's, or it has none). Revenue is no cost: costs in several currencies leave it be."""
        return self.sales_ok or (c.sales_currency is not None and c.sales_currency == self.currency) or not c.orders


def _known(values: Sequence[float | None]) -> list[float]:
    return [v for v in values if v is not None]


def _sum(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return float(sum(known)) if known else None


def _div(num: float | None, den: float | None, scale: float = 1.0, digits: int = 6) -> float | None:
    if num is None or not den:
        return None
    return round(num / den * scale, digits)


def _estimated_fields(posts: Sequence[PublishedPost]) -> list[str]:
    """The fields with estimates among these posts, views always first (totals.views_estimated)."""
    from .published import COUNT_FIELDS

    present = {name for p in posts for name in p.estimates}
    return ["views", *(n for n in COUNT_FIELDS if n != "views" and n in present)]


# counts are whole numbers in every output (JSON, CSV): these keys, and every "..._posts" and "..._estimated"
COUNT_KEYS = frozenset({"posts", "creators", "views", "reach", "likes", "comments", "shares", "saves", "engagements",
                        "clicks", "orders", "followers", "code_orders", "link_orders", "tracked_creators",
                        "sales_creators", "row"})


def whole(value: float) -> int:
    """A count as an integer (half up: counts read from a sheet are whole already)."""
    return int(value) if float(value).is_integer() else int(math.floor(value + 0.5))


def counts_whole(row: dict[str, Any]) -> dict[str, Any]:
    """The row with its counts as integers (in place; returned for chaining)."""
    for k, v in row.items():
        if isinstance(v, float) and v == v and abs(v) != math.inf and (
                k in COUNT_KEYS or k.endswith(("_posts", "_estimated"))):
            row[k] = whole(v)
    return row


def aggregate(ctx: Context, indexes: Sequence[int]) -> dict[str, Any]:
    """The figures of a group of posts (see the module doc for what counts)."""
    ix = set(indexes)
    ps = [ctx.posts[i] for i in sorted(ix)]
    out: dict[str, Any] = {"posts": len(ps)}
    for name in ("views", "reach", "likes", "comments", "shares", "saves"):
        values = _known([p.value(name) for p in ps])
        out[name] = float(sum(values)) if values else None
        if name == "views":
            out["views_posts"] = len(values)
    for name in _estimated_fields(ps):
        est = [p.estimates[name].value for p in ps if name in p.estimates]
        out[f"{name}_estimated"] = float(sum(est)) if est else None
        out[f"{name}_estimated_posts"] = len(est)
    eng = {p.index: p.engagements[0] for p in ps}
    known = [v for v in eng.values() if v is not None]
    out["engagements"] = float(sum(known)) if known else None
    out["engagements_posts"] = len(known)
    with_views = [p for p in ps if eng[p.index] is not None and p.value("views")]
    out["er_views"] = _div(_sum([eng[p.index] for p in with_views]), _sum([p.value("views") for p in with_views]))
    out["er_views_posts"] = len(with_views)
    with_followers = [p for p in ps if eng[p.index] is not None and p.followers is not None and p.followers.value]
    out["er_followers"] = _div(_sum([eng[p.index] for p in with_followers]),
                               _sum([p.followers.value for p in with_followers if p.followers is not None]))
    out["er_followers_posts"] = len(with_followers)
    inside = [u for u in ctx.units if u.posts <= ix]
    money = ctx.money_ok
    if inside and not any(u.cost for u in inside) and sum(len(u.posts) for u in inside) < len(ix):
        inside = []  # only gifts counted, the paid posts' prices spanning other groups: no "costs 0 €" group
    out["cost"] = round(sum(u.cost for u in inside), 2) if inside and money else None
    out["cost_posts"] = sum(len(u.posts) for u in inside)

    def ratio(of: Any, scale: float = 1.0) -> tuple[float | None, int]:
        chosen = _units_with(ctx, inside, of)
        den = _sum([of(ctx.posts[i]) for u in chosen for i in u.posts])
        cost = sum(u.cost for u in chosen)
        return (_div(cost, den, scale, 4) if money and chosen else None), sum(len(u.posts) for u in chosen)

    out["cpe"], out["cpe_posts"] = ratio(lambda p: eng.get(p.index))
    out["cpm"], out["cpm_posts"] = ratio(lambda p: p.value("views") or None, 1000.0)
    out["cpv"], out["cpv_posts"] = ratio(lambda p: p.value("views") or None)
    crs = [c for c in ctx.creators if set(c.indexes) <= ix]
    out["creators"] = len({ctx.posts[i].who for i in ix})
    clicks = [c.clicks for c in crs if c.clicks is not None]
    post_clicks = _known([p.value("clicks") for p in ps])
    out["clicks"] = float(sum(clicks)) if clicks else (float(sum(post_clicks)) if post_clicks and not crs else None)
    tracked = [c for c in crs if c.tracked]
    out["orders"] = int(sum(c.orders or 0 for c in tracked)) if tracked else None
    # (orders in several currencies: a creator whose orders are all in the report's currency keeps them)
    sales = bool(tracked) and all(ctx.sales_usable(c) for c in tracked)
    out["revenue"] = round(sum(c.revenue or 0.0 for c in tracked), 2) if sales else None
    out["tracked_creators"] = len(tracked)
    # (a creator's cost for its sales is the sum of the costs written on its posts: a fee written on one of
    # them is the creator's fee for the campaign's posts; sales are the creator's, never split by post)
    paid = [c for c in tracked if c.cost is not None]
    cost_t = sum(c.cost or 0.0 for c in paid)
    orders_t = sum(c.orders or 0 for c in paid)
    revenue_t = sum(c.revenue or 0.0 for c in paid)
    out["cpa"] = _div(cost_t, orders_t, digits=2) if paid and money and orders_t else None
    out["roas"] = _div(revenue_t, cost_t, digits=4) if paid and sales and money else None
    out["roi"] = _div(revenue_t - cost_t, cost_t, digits=4) if paid and sales and money else None
    out["sales_creators"] = len(paid)
    if ctx.emv is not None:
        out["emv"] = round(out["engagements"] * ctx.emv, 2) if out["engagements"] is not None and money else None
    return counts_whole(out)


def _units_with(ctx: Context, units: Sequence[Unit], of: Any) -> list[Unit]:
    """The costs whose posts all have the ratio's denominator (`of(post)` not None): a ratio's basis."""
    return [u for u in units if all(of(ctx.posts[i]) is not None for i in u.posts)]


def cpe_basis(ctx: Context, indexes: Sequence[int]) -> tuple[float, float] | None:
    """(cost, engagements) that the CPE of these posts is computed over (`aggregate`): the costs wholly
    inside the group whose posts all have engagements, and those posts' engagements. A price compared with
    a CPE (a fair price, a renegotiation) is computed on these same posts; None without such a cost."""
    ix = set(indexes)
    chosen = _units_with(ctx, [u for u in ctx.units if u.posts <= ix], lambda p: p.engagements[0])
    engagements = _sum([ctx.posts[i].engagements[0] for u in chosen for i in u.posts])
    if not chosen or not engagements:
        return None
    return round(sum(u.cost for u in chosen), 2), engagements


# --------------------------------------------------------------------------------------- building


def _lang_of(posts: PublishedPosts, asked: str | None) -> str:
    if asked:
        return asked
    from .scan import detect_lang

    langs = [detect_lang(p.caption) for p in posts.posts if p.caption]
    fr, en = langs.count("fr"), langs.count("en")
    if fr != en:
        return "fr" if fr > en else "en"
    return posts.lang


@dataclass
class Joined:
    """What a prospect list adds to the posts (`join_list`): per creator key, the list's price (price,
    currency, source) for creators whose posts carry no cost; the stage of those whose list price is only a
    quote (no deal: `results.price_is_cost`, the rule `influkit results` counts a cost by); the list's codes
    beside the one their posts carry (a code `influkit links` gave, the sheet writing another); warnings."""

    prices: dict[str, tuple[float, str | None, str]] = field(default_factory=dict)
    quotes: dict[str, str] = field(default_factory=dict)
    codes: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def join_list(posts: list[PublishedPost], table: Table | None) -> Joined:
    """Fill the posts' creator, handle, followers, promo code and tracked link from a prospect list (rows
    matched by network + handle, else handle, else creator name, on the post's network first), and return
    what else it says (`Joined`). A row of another network gives the creator's name and promo code, never
    the followers, the handle or the price of that network's account."""
    from .published import MEASURED, Figure
    from .results import price_is_cost

    joined = Joined()
    prices, quotes, said = joined.prices, joined.quotes, joined.warnings
    if table is None or not len(table):
        return joined
    by_handle: dict[tuple[str | None, str], int] = {}
    by_name: dict[tuple[str | None, str], int] = {}
    handles, platforms, creators = table.get("handle"), table.get("platform"), table.get("creator")
    for j in table.creator_rows():  # not its TOTAL, average or section rows
        if handles[j]:
            by_handle.setdefault((platforms[j], str(handles[j]).lower()), j)
            by_handle.setdefault((None, str(handles[j]).lower()), j)
        if creators[j]:
            by_name.setdefault((platforms[j], name_key(creators[j])), j)
            by_name.setdefault((None, name_key(creators[j])), j)
    followers, codes, links = table.get("followers"), table.get("promo_code"), table.get("tracked_url")
    prices_col, currencies, highs = table.get("price_quoted"), table.get("currency"), table.get("price_quoted_high")
    stages = table.get("stage")
    costed = {creator_key(p) for p in posts if p.cost is not None}
    where = table.source or "the list"
    for p in posts:
        k: int | None = None
        if p.handle:
            k = by_handle.get((p.platform, p.handle), by_handle.get((None, p.handle)))
        if k is None and p.creator:
            k = by_name.get((p.platform, name_key(p.creator)), by_name.get((None, name_key(p.creator))))
        if k is None:
            continue
        if not p.creator and creators[k]:
            p.creator = str(creators[k])
        if not p.promo_code and codes[k]:
            p.promo_code = str(codes[k])  # a person's code, whatever the network
        elif codes[k] and code_key(str(codes[k])) != code_key(p.promo_code or ""):
            known = joined.codes.setdefault(creator_key(p), [])
            if str(codes[k]) not in known:
                known.append(str(codes[k]))  # the list's code too (`influkit links` gave it): orders with it are theirs
        if p.platform and platforms[k] and p.platform != platforms[k]:
            said.append(f"{p.who}: the list has their {platforms[k]} account, not their {p.platform} "
                        "one: the followers and the price of that post are not taken from it")
            continue  # another network's account: its followers and its price are not this post's
        if not p.handle and handles[k] and platforms[k] == p.platform:
            p.handle = str(handles[k]).lower()  # (a /p/ link names no account: the list's row of that network does)
        if not p.tracked_url and links[k]:
            p.tracked_url = str(links[k])  # the account's tracked link (`influkit links`)
        if p.followers is None and isinstance(followers[k], int | float) and followers[k]:
            header = table.mapped.get("followers", "followers")
            p.followers = Figure(float(followers[k]), MEASURED, f"list {where!s} column {header!r}")
        found = list_price(prices_col[k], highs[k], currencies[k])
        if found is not None and creator_key(p) in costed:
            continue  # (its posts' own costs are its cost: the list's price is not read)
        if found is not None and not price_is_cost(stages[k], posted=True):
            stage = clean_stage(stages[k]) or str(stages[k])
            if creator_key(p) not in quotes:
                quotes[creator_key(p)] = stage
                said.append(f"{p.who}: the list's price ({found[1]:g}) is a quote at stage {stage}, no deal: not "
                            "counted as a cost")
            continue
        if found is not None and creator_key(p) not in prices:
            amount, counted, cur = found
            if counted != amount:  # as score and enrich count it
                said.append(range_warning(p.who, amount, highs[k], counted))
            prices[creator_key(p)] = (counted, cur, f"list {where!s} column "
                                                    f"{table.mapped.get('price_quoted', 'price_quoted')!r}")
    joined.warnings = list(dict.fromkeys(said))
    return joined


def _creators(posts: list[PublishedPost]) -> list[Creator]:
    groups: dict[str, Creator] = {}
    for p in posts:
        k = creator_key(p)
        c = groups.get(k)
        if c is None:
            c = groups[k] = Creator(k, p.who, [], [], [])
        c.indexes.append(p.index)
        if p.handle and p.handle not in c.handles:
            c.handles.append(p.handle)
        if p.platform and p.platform not in c.platforms:
            c.platforms.append(p.platform)
        if p.promo_code and p.promo_code not in c.codes:
            c.codes.append(p.promo_code)
    return list(groups.values())


def _units(posts: list[PublishedPost], creators: list[Creator],
           prices: dict[str, tuple[float, str | None, str]]) -> list[Unit]:
    units: list[Unit] = []
    by_index = {p.index: p for p in posts}
    for c in creators:
        mine = [by_index[i] for i in c.indexes]
        costed = [p for p in mine if p.cost is not None]
        if costed:
            for p in costed:
                units.append(Unit(float(p.cost or 0.0), frozenset([p.index]), p.currency, "sheet, per post"))
            c.cost = round(sum(p.cost or 0.0 for p in costed), 2)
            kinds = {p.currency for p in costed}
            c.cost_currency = kinds.pop() if len(kinds) == 1 else None
            c.cost_complete = len(costed) == len(mine)
            c.cost_source = "sheet, per post" + ("" if c.cost_complete else f" ({len(costed)} of {count(len(mine), 'post')})")
        elif c.key in prices:
            amount, cur, source = prices[c.key]
            units.append(Unit(amount, frozenset(c.indexes), cur, source))
            c.cost, c.cost_complete, c.cost_source, c.cost_currency = amount, True, source, cur
    return units


def _sales(creators: list[Creator], posts: list[PublishedPost], orders: list[Any] | None,
           excluded: dict[str, int] | None, utm_rows: list[dict[str, Any]], clicks_rows: list[dict[str, Any]],
           window: int | None, currency: str | None) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """Orders (by promo code) and UTM rows matched per creator through `campaign.results`; clicks from a
    clicks export; else the sheet's own orders/revenue/clicks columns. Returns the results report and the
    clicks export's rows that match no creator."""
    from .results import build_report

    by_index = {p.index: p for p in posts}
    result: dict[str, Any] | None = None
    if orders is not None or utm_rows:
        rows: list[dict[str, Any]] = []
        for c in creators:
            mine = [by_index[i] for i in c.indexes]
            first = min((p.published_on for p in mine if p.published_on), default=None)
            codes: list[str | None] = list(c.codes) or [None]
            handles: list[str | None] = list(c.handles) or [None]
            for j in range(max(len(codes), len(handles))):
                rows.append({"creator": c.name, "handle": handles[j] if j < len(handles) else None,
                             "promo_code": codes[j] if j < len(codes) else None,
                             "price_quoted": c.cost if j == 0 and c.cost is not None else None,
                             "currency": c.cost_currency or currency, "stage": c.stage, "published_on": first})
        table = Table.from_rows(["creator", "handle", "promo_code", "price_quoted", "currency", "stage",
                                 "published_on"], rows)
        result = build_report(table, orders or [], excluded=excluded, utm_rows=utm_rows, window=window)
        by_name = {name_key(r["creator"]): r for r in result["creators"] if r.get("creator")}
        for c in creators:
            r = by_name.get(name_key(c.name))
            trackable = bool(c.codes) or any(u["utm_content"].lower().lstrip("@") in c.handles for u in utm_rows)
            if r is None or not trackable:
                continue
            c.orders = int(r["orders"])
            c.revenue = float(r["revenue"]) if r["revenue"] is not None else None  # None: several currencies
            c.sales_currency = r.get("currency")
            c.code_orders, c.link_orders = int(r["code_orders"]), int(r["utm_orders"])
            c.sales_source = "orders export (promo codes)" + (", UTM analytics" if utm_rows else "")
            if r["sessions"]:
                c.clicks, c.clicks_source = float(r["sessions"]), "UTM analytics (sessions)"
    else:
        for c in creators:
            mine = [by_index[i] for i in c.indexes]
            o = _known([p.value("orders") for p in mine])
            r2 = _known([p.value("revenue") for p in mine])
            if o or r2:
                c.orders = int(sum(o)) if o else 0
                c.revenue = float(sum(r2)) if r2 else 0.0
                c.sales_source = "sheet"
    for c in creators:
        if c.clicks is None:
            mine = [by_index[i] for i in c.indexes]
            values = _known([p.value("clicks") for p in mine])
            if values:
                c.clicks, c.clicks_source = float(sum(values)), "sheet"
    return result, _match_clicks(creators, posts, clicks_rows)


def unmatched_clicks_warning(rows: list[dict[str, Any]]) -> str:
    """The warning naming the rows of a clicks export that match no creator of the report (not counted)."""
    named = ", ".join(f"{row['keys'][0][1]} ({whole(row['clicks'])})" for row in rows[:10])
    more = f" and {count(len(rows) - 10, 'other')}" if len(rows) > 10 else ""
    return (f"{count(len(rows), 'row')} of the clicks export ({count(whole(sum(r['clicks'] for r in rows)), 'click')}) "
            f"{'matches' if len(rows) == 1 else 'match'} no creator of the report, not counted: {named}{more}")


def _match_clicks(creators: list[Creator], posts: list[PublishedPost], rows: list[dict[str, Any]]
                  ) -> list[dict[str, Any]]:
    """Clicks of a clicks export onto creators: by utm_content / handle, creator name, promo code, or a
    link equal to a post's tracked link or link (or carrying utm_content=handle). Returns the rows that
    match no creator."""
    from urllib.parse import parse_qs, urlsplit

    if not rows:
        return []
    by_index = {p.index: p for p in posts}
    keys: dict[str, Creator] = {}
    for c in creators:
        for h in c.handles:
            keys[f"h:{h.lower()}"] = c
        keys[f"n:{name_key(c.name)}"] = c
        for code in c.codes:
            keys[f"c:{code_key(code)}"] = c
        for i in c.indexes:
            p = by_index[i]
            for link in (p.tracked_url, p.url):
                if link:
                    keys[f"u:{link.strip().rstrip('/').lower()}"] = c
    totals: dict[str, float] = {}
    missed: list[dict[str, Any]] = []
    for row in rows:
        found = None
        for kind, value in row["keys"]:
            if kind == "u":
                text = value.strip().rstrip("/").lower()
                found = keys.get(f"u:{text}")
                if found is None:
                    try:
                        content = (parse_qs(urlsplit(value).query).get("utm_content") or [""])[0]
                    except ValueError:
                        content = ""
                    found = keys.get(f"h:{content.lower().lstrip('@')}") if content else None
            elif kind == "c":
                found = keys.get(f"c:{code_key(value)}")
            elif kind == "n":
                found = keys.get(f"n:{name_key(value)}") or keys.get(f"h:{value.lower().lstrip('@')}")
            else:
                found = keys.get(f"h:{value.lower().lstrip('@')}")
            if found is not None:
                break
        if found is not None:
            totals[found.key] = totals.get(found.key, 0.0) + row["clicks"]
        else:
            missed.append(row)
    for c in creators:
        if c.key in totals:
            c.clicks, c.clicks_source = totals[c.key], "clicks export"
    return missed


def read_clicks(path: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A clicks export: (rows {"keys": [(kind, value)...], "clicks": n}, UTM rows for `results` when the
    file is a UTM analytics export with utm_content). Columns found by header: clicks (clics, clicks,
    sessions, visits...) and what names the creator (utm_content, handle, creator, promo code, or any header
    naming a link: `_names_a_link`)."""
    from ..errors import InfluError
    from .results import _money, _read_csv, read_utm

    header, data = _read_csv(path)
    keys = [fold_key(h) for h in header]
    utm: list[dict[str, Any]] = []
    if any(k in ("utm content", "session manual ad content", "first user manual ad content", "ad content")
           for k in keys):
        utm = read_utm(path)
    click_col = next((i for i, k in enumerate(keys) if k in ("clics", "clicks", "clic", "click", "nb clics",
                                                            "total clicks", "link clicks", "sessions", "visites",
                                                            "visits", "users", "utilisateurs", "engaged sessions")),
                     None)
    if click_col is None:
        raise InfluError("no clicks column (clics, clicks, sessions, visits...) in this clicks export", file=path)
    kinds = {"utm content": "h", "session manual ad content": "h", "handle": "h", "compte": "h", "pseudo": "h",
             "username": "h", "account": "h", "createur": "n", "creator": "n", "influenceur": "n", "nom": "n",
             "name": "n", "code": "c", "code promo": "c", "promo code": "c", "lien": "u", "link": "u", "url": "u",
             "long url": "u", "destination": "u", "lien long": "u", "short link": "u", "lien court": "u"}
    cols = [(i, kinds.get(k, "u")) for i, k in enumerate(keys)
            if i != click_col and (k in kinds or _names_a_link(k))]
    if not cols:
        raise InfluError("no column naming the creator (utm_content, handle, creator, promo code or link) in this "
                         "clicks export", file=path)
    rows = []
    for n, r in enumerate(data, start=2):
        cell = r[click_col].strip() if click_col < len(r) else ""
        if not cell:
            continue
        clicks = _money(cell, path, n, header[click_col])
        found = [(kind, r[i].strip()) for i, kind in cols if i < len(r) and r[i].strip()]
        if found:
            rows.append({"keys": found, "clicks": clicks})
    return rows, utm


# a clicks export's header naming a link (fold_key words): "Lien suivi", "Tracked link", "tracked_url" (the column
# `influkit links` writes), "Lien UTM", "Short link", "URL trackée", "Bitly"... but not its name, date or count
_LINK_WORDS = frozenset({"lien", "liens", "link", "links", "url", "urls", "uri", "utm", "bitly", "permalink"})
_NOT_LINK_WORDS = frozenset({"name", "nom", "titre", "title", "id", "date", "cree", "creee", "created", "le", "on",
                             "clics", "clicks", "clic", "click", "count", "nombre", "nb", "content", "campaign",
                             "campagne", "source", "medium", "term"})


def _names_a_link(key: str) -> bool:
    """Whether a clicks export's header (fold_key) names a link: a tracked, UTM or short link, or the link
    itself (TRACKED_LINK_HEADERS and every header of its kind), never utm_content or a link's title."""
    from ..schema import TRACKED_LINK_HEADERS

    words = set(key.replace("bit ly", "bitly").split())
    return key in TRACKED_LINK_HEADERS or bool(words & _LINK_WORDS and not words & _NOT_LINK_WORDS)


def _verdicts(posts: Sequence[PublishedPost], rules: Any, brand: Any, lang: str,
              paid: frozenset[int] = frozenset()) -> list[Any]:
    """The checker's verdict per post (None when nothing can be checked); `paid` the posts a fee was paid
    for (a cost above 0: the post's own, or its creator's price agreed), whose gift label alone is not
    enough."""
    from .compliance import check_post

    out: list[Any] = []
    for p in posts:
        if not p.caption and not p.overlay and not p.title and not p.flag:
            out.append(None)
            continue
        out.append(check_post(p.caption, platform=p.platform, media_format=p.format, paid_partnership=p.flag,
                              rules=rules, brand=brand, lang=lang, overlay_text=p.overlay,
                              title=p.title, published_on=p.published_on, url=p.url,
                              handle=p.handle, creator_age=p.age, paid=p.index in paid or None))
    return out


def _currency(posts: list[PublishedPost], units: list[Unit], objectives: Objectives, sales: dict[str, Any] | None
              ) -> tuple[str | None, bool, bool, list[str]]:
    """(the report's currency, costs usable, sales usable, warnings). Amounts of two currencies are never
    added nor divided: costs in one currency keep the cost figures (CPE, CPM...) whatever the orders'
    currencies; revenue, ROAS and ROI need the orders in one currency, the costs' one."""
    costs = {u.currency for u in units if u.currency and u.cost}  # (a gift costs nothing in any currency)
    if not costs and objectives.currency and objectives.budget is not None:
        costs.add(objectives.currency)  # (no cost known: the budget's currency is the report's)
    sold = {cur for cur, e in ((sales or {}).get("totals", {}).get("by_currency") or {}).items()
            if cur != "(none)" and e.get("code_orders")}
    if len(costs) > 1:
        # revenue is no cost: orders all in one currency keep their revenue (in that currency), the costs
        # and every ratio of a cost (CPE, CPM, CPA, ROAS, ROI) are left empty
        if len(sold) == 1:
            return next(iter(sold)), False, True, [
                f"costs in several currencies ({', '.join(sorted(costs))}) are never added: costs and their "
                f"ratios (CPE, CPM, CPA, ROAS, ROI) left empty; the revenue, all in {next(iter(sold))}, stands"]
        return None, False, False, [f"amounts in several currencies ({', '.join(sorted(costs | sold))}) are never "
                                    "added: money totals and ratios left empty"]
    if len(sold) > 1 or (sold and costs and sold != costs):
        return (next(iter(costs)) if costs else None), True, False, [
            f"orders in {', '.join(sorted(sold))} (costs in {', '.join(sorted(costs)) or 'no currency'}): revenue, "
            "ROAS and ROI left empty, but a creator's whose orders are all in the costs' currency; the costs, CPA "
            "and the cost ratios stand"]
    found = costs | sold
    return (next(iter(found)) if found else None), True, True, []


def build_report(
    posts: PublishedPosts,
    *,
    table: Table | None = None,
    orders: list[Any] | None = None,
    excluded: dict[str, int] | None = None,
    utm_rows: Sequence[dict[str, Any]] = (),
    clicks_rows: Sequence[dict[str, Any]] = (),
    objectives: Objectives | None = None,
    brand: Any = None,
    rules: Any = None,
    lang: str | None = None,
    emv: float | None = None,
    window: int | None = None,
    title: str | None = None,
    sources: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The report's JSON (docs/report.md) from the published posts and what else is known."""
    from ..clock import today

    if emv is not None and emv <= 0:
        raise UsageError("--emv: give the money value of one engagement, above 0 (e.g. 0.10)")
    report_lang = _lang_of(posts, lang)
    # the report counts posts by their place in this list (rows without a post, TOTAL rows... are not in it)
    plist = [replace(p, index=k) for k, p in enumerate(posts.posts)]
    listed = join_list(plist, table)
    creators = _creators(plist)
    units = _units(plist, creators, listed.prices)
    for c in creators:
        if c.cost is None and c.key in listed.quotes:
            c.stage = listed.quotes[c.key]  # a quote, no deal: no cost (as `influkit results` says it)
        c.codes += [code for code in listed.codes.get(c.key, []) if code_key(code) not in map(code_key, c.codes)]
    aims = objectives or Objectives()
    sales, clicks_missed = _sales(creators, plist, orders, excluded, list(utm_rows), list(clicks_rows), window,
                                  aims.currency if aims.budget is not None else None)
    currency, money_ok, sales_ok, warnings = _currency(plist, units, aims, sales)
    warnings += posts.notes + listed.warnings + _unread_warnings(posts) + _future_warnings(posts)
    if clicks_missed and not utm_rows:  # (a UTM export's rows: results names those matching nobody)
        warnings.append(unmatched_clicks_warning(clicks_missed))
    unposted = _codes_without_post(sales, table)
    if sales:
        told = unmatched_warning(sales["orders"]["unmatched"], sales["unmatched_codes"]) if unposted else None
        warnings += [w for w in sales.get("warnings", []) if "several currencies" not in w and w != told]
        if unposted:
            warnings += _unmatched_lines(sales["unmatched_codes"], unposted)
    verdicts = _verdicts(plist, rules, brand, report_lang,
                         frozenset(k for u in units if u.cost > 0 for k in u.posts))
    ctx = Context(plist, units, creators, currency, money_ok, emv, verdicts, report_lang, sales_ok)
    totals = aggregate(ctx, [p.index for p in plist])
    totals["currency"] = currency
    totals["creators"] = len(creators)
    totals["networks"] = sorted({p.platform for p in plist if p.platform})
    totals["followers"] = _potential_reach(plist)
    totals["disclosure"] = _disclosure_counts(verdicts)
    totals["compliance"] = compliance_counts(verdicts)
    counts_whole(totals)
    if emv is not None:
        totals["emv_method"] = T.method("emv", report_lang, multiplier=T.money(emv, currency, report_lang))
    from .report_rules import analysis_block, conclusion_block, recommendations_block

    results = _results_block(ctx, totals, aims)
    if results["budget"] is not None:
        results["budget"]["signed_without_post"] = _signed_without_post(ctx, table, results["budget"]["currency"])
    analysis = analysis_block(ctx, results, totals, orders is not None)
    conclusion = conclusion_block(ctx, results, totals)
    recommendations = recommendations_block(ctx, results, totals, aims, orders is not None)
    days = [p.published_on for p in plist if p.published_on]
    # the workspace's default campaign is named "default" inside influkit: never a name to show a client
    shown = aims.name if aims.name and aims.name.strip().casefold() != T.DEFAULT_CAMPAIGN else None
    name = shown or (getattr(brand, "name", None) if brand is not None else None)
    return {
        "schema": SCHEMA,
        "title": title or (f"{report_label('report_title', report_lang)} — {name}" if name
                           else report_label("report_title", report_lang)),
        "lang": report_lang,
        "generated_on": today().isoformat(),
        "campaign": {"name": aims.name, "brand": getattr(brand, "name", None) if brand is not None else None,
                     "first_post": min(days).isoformat() if days else None,
                     "last_post": max(days).isoformat() if days else None},
        "currency": currency,
        "objectives": aims.to_dict(),
        "totals": totals,
        "blocks": {"results": results, "analysis": analysis, "conclusion": conclusion,
                   "recommendations": recommendations},
        "methods": _methods(report_lang, emv, currency),
        "sources": {"posts": posts.source, "sheet": posts.sheet, "sheets": posts.sheets, "columns": posts.columns,
                    "columns_found": {k: {"header": h, "how": how} for k, (h, how) in posts.found.items()},
                    "columns_not_read": [header for header, _ in posts.unread],
                    "rows_without_post": posts.skipped_rows,
                    # the tab of each of those rows, when several tabs were read (else empty)
                    "rows_without_post_sheets": posts.skipped_sheets,
                    "rows_left_out": [{"row": row, "kind": kind, **({"sheet": tab} if posts.sheets else {})}
                                      for (row, kind), tab in zip(posts.left_out, posts.left_out_sheets or
                                                                  [None] * len(posts.left_out), strict=True)],
                    **(sources or {}),
                    "clicks": {"rows": len(clicks_rows), "rows_unmatched": len(clicks_missed),
                               "utm_rows": len(utm_rows),
                               "utm_rows_unmatched": (sales or {}).get("utm_rows_unmatched", 0)}
                    if clicks_rows or utm_rows else None,
                    # the codes nobody in the list has, apart from those of a listed creator without a post
                    "orders": {**(sales or {}).get("orders", {}), "unmatched_codes": {
                        c: n for c, n in ((sales or {}).get("unmatched_codes") or {}).items() if c not in unposted},
                        "codes_without_post": unposted} if sales else None},
        "warnings": warnings,
    }


def _future_warnings(posts: PublishedPosts) -> list[str]:
    """One warning per post published after today, naming its row, and its tab when several tabs were read
    (`posts.dates_after_today`, tab by tab: a post's index counts the rows of the tabs before its own)."""
    from .posts import dates_after_today

    out: list[str] = []
    start = 0
    for grid in posts.grids or [posts.grid]:
        n = len(grid.rows)
        days: list[Any] = [None] * n
        rows = [p.index - start for p in posts.posts if start <= p.index < start + n]
        for p in posts.posts:
            if start <= p.index < start + n:
                days[p.index - start] = p.published_on
        out += dates_after_today(grid, "published", days, rows)
        start += n
    return out


def _unread_warnings(posts: PublishedPosts) -> list[str]:
    """What the report says of a posts column its header names a post count by ("Comm.": comments) that was
    not read: its cells are not counts, or another column gave that count."""
    out = []
    for header, name in posts.unread:
        if name is None:
            continue
        other = posts.found.get(name)
        why = f"the column {other[0]!r} gives them" if other else "its cells are not counts"
        out.append(f"column {header!r} names the posts' {name} but is not read: {why} "
                   f"(--map \"{header}={name}\" reads it)")
    return out


def _signed_without_post(ctx: Context, table: Table | None, currency: str | None) -> dict[str, Any] | None:
    """The list's creators signed (stage deal) with a price but no post in the report: a spend the budget
    will see though no cost is counted yet ({"creators": [...], "amount": sum in `currency`, or None when
    a price is in another currency}); None when there are none."""
    if table is None or "stage" not in table.columns:
        return None
    posted = {name_key(c.name) for c in ctx.creators} | {h for c in ctx.creators for h in c.handles}
    names, handles, stages = table.get("creator"), table.get("handle"), table.get("stage")
    prices, currencies, highs = table.get("price_quoted"), table.get("currency"), table.get("price_quoted_high")
    seen: dict[str, float | None] = {}  # creator -> the sum of their prices, None: one in another currency
    for k in table.creator_rows():
        who = str(names[k] or handles[k] or "")
        if stages[k] != "deal" or not who or name_key(who) in posted or str(handles[k] or "").lower() in posted:
            continue
        found = list_price(prices[k], highs[k], currencies[k])
        if found is None:
            continue
        _, amount, cur = found
        if (cur and currency and cur != currency) or (who in seen and seen[who] is None):
            seen[who] = None
        else:
            seen[who] = (seen.get(who) or 0.0) + amount
    if not seen:
        return None
    total = None if any(v is None for v in seen.values()) else round(sum(v for v in seen.values() if v), 2)
    return {"creators": sorted(seen), "amount": total}


def _codes_without_post(sales: dict[str, Any] | None, table: Table | None) -> dict[str, str]:
    """The orders' unmatched codes that a creator of the list holds, though none of the report's posts is
    theirs (a code shared in a story nobody recorded, a post still to come): code -> the creator."""
    unmatched = (sales or {}).get("unmatched_codes") or {}
    if not unmatched or table is None or "promo_code" not in table.columns:
        return {}
    holders: dict[str, str] = {}
    names, handles, codes = table.get("creator"), table.get("handle"), table.get("promo_code")
    for k in table.creator_rows():
        if codes[k] not in (None, "") and not isinstance(codes[k], bool):
            holders.setdefault(code_key(str(codes[k])), str(names[k] or handles[k] or f"row {table.row_name(k)}"))
    return {c: holders[c] for c in sorted(unmatched) if c in holders}


def _unmatched_lines(unmatched: dict[str, int], unposted: dict[str, str]) -> list[str]:
    """The orders export's warnings about codes the report's creators do not have: those of a listed creator
    without a post, then the codes nobody in the list has."""
    held = {c: n for c, n in unmatched.items() if c in unposted}
    lines = [f"{count(sum(held.values()), 'order')} used the codes of creators in the list with no post in this "
             "report (not counted): " + ", ".join(f"{c} ({unposted[c]}, {n})" for c, n in held.items())]
    rest = {c: n for c, n in unmatched.items() if c not in unposted}
    if rest:
        lines.append(unmatched_warning(sum(rest.values()), rest))
    return lines


def _potential_reach(posts: list[PublishedPost]) -> float | None:
    """Sum of followers over the accounts that posted (Traackr's 'potential reach'), each account once."""
    seen: dict[tuple[str | None, str], float] = {}
    for p in posts:
        if p.followers is not None:
            seen[(p.platform, p.handle or p.who)] = max(seen.get((p.platform, p.handle or p.who), 0.0),
                                                         p.followers.value)
    return float(sum(seen.values())) if seen else None


def compliance_counts(verdicts: Sequence[Any]) -> dict[str, int]:
    """Posts per compliance status (`compliance.compliance_status`: compliant, to_check, not_compliant,
    not_checked), and `banned`, the not compliant ones for a banned promotion: the counts every part of the
    report (chart, analysis, conclusion) says."""
    out = {s: 0 for s in STATUSES}
    out["banned"] = 0
    for v in verdicts:
        out[compliance_status(v)] += 1
        if v is not None and v.level == "block":
            out["banned"] += 1
    return out


def _disclosure_counts(verdicts: list[Any]) -> dict[str, int]:
    out = {"ok": 0, "late": 0, "insufficient": 0, "missing": 0, "not_checked": 0, "banned": 0}
    for v in verdicts:
        if v is None or v.disclosure is None:
            out["not_checked"] += 1
        else:
            out[v.disclosure] += 1
        if v is not None and v.level == "block":
            out["banned"] += 1
    return out


# ------------------------------------------------------------------------------------- block 1


def _post_row(ctx: Context, p: PublishedPost) -> dict[str, Any]:
    eng, parts = p.engagements
    v = ctx.verdicts[p.index]
    creator = next(c for c in ctx.creators if p.index in c.indexes)
    unit = next((u for u in ctx.units if u.posts == frozenset([p.index])), None)
    cost = unit.cost if unit is not None and ctx.money_ok else None
    views = p.value("views")
    row: dict[str, Any] = {
        "row": p.row, "sheet": p.sheet, "creator": p.who, "handle": p.handle, "network": p.platform, "format": p.format,
        "link": p.url, "published_on": p.published_on.isoformat() if p.published_on else None,
        "followers": p.followers.value if p.followers else None,
        "views": views, "reach": p.value("reach"), "likes": p.value("likes"), "comments": p.value("comments"),
        "shares": p.value("shares"), "saves": p.value("saves"), "engagements": eng,
        "engagements_method": parts or None,
        "er_views": _div(eng, views), "er_followers": _div(eng, p.followers.value if p.followers else None),
        "cost": cost, "cpe": _div(cost, eng, digits=4), "cpm": _div(cost, views, 1000.0, 4),
        "cpv": _div(cost, views, digits=4), "clicks": p.value("clicks"),
        "orders": creator.orders if len(creator.indexes) == 1 else None,
        "revenue": creator.revenue if len(creator.indexes) == 1 and ctx.sales_usable(creator) else None,
        "promo_code": p.promo_code,
        "disclosure": v.disclosure if v is not None else None,
        # the post's one status (compliant, to_check, not_compliant, not_checked): what every format says of it
        "compliance_status": compliance_status(v),
        "compliance": ", ".join(v.rules) if v is not None and v.rules else None,
        "compliance_level": v.level if v is not None else None,
        "compliance_reasons": list(v.reasons) if v is not None else [],
        "compliance_warnings": list(v.warnings) if v is not None else [],
        # the rules a human must still check on this post (warnings), by id: shown beside its verdict
        "to_check": ", ".join(dict.fromkeys(f.rule for f in v.findings if f.level == "warn")) or None
        if v is not None else None,
        "measures": {k: _figure(k, f) for k, f in sorted(p.figures.items())},
        "estimates": {k: _figure(k, f) for k, f in sorted(p.estimates.items())},
        "notes": list(p.notes),
        "snapshots": [s.to_dict() for s in sorted(p.snapshots, key=lambda s: (s.taken_on, s.source))],
        "milestones": milestones(p.snapshots, MILESTONE_DAYS),
    }
    if p.followers is not None:
        row["measures"]["followers"] = _figure("followers", p.followers)
    return counts_whole(row)


def _figure(name: str, figure: Any) -> dict[str, Any]:
    out: dict[str, Any] = figure.to_dict()
    if name in COUNT_KEYS and isinstance(out["value"], float):
        out["value"] = whole(out["value"])
    return out


def _benchmarks(ctx: Context, c: Creator) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The creator's engagement against the benchmark of each network it posted on, and the networks where
    it could not be compared, with why: no_benchmark (no public benchmark for the network in
    `influkit thresholds`), no_followers (the band is by followers), no_rate (no engagement rate on the
    benchmark's basis)."""
    from ..thresholds import ER_BENCHMARKS, er_benchmark

    out, missing = [], []
    for plat in c.platforms:
        ix = [i for i in c.indexes if ctx.posts[i].platform == plat]
        fol = [f.value for i in ix if (f := ctx.posts[i].followers) is not None]
        followers = max(fol) if fol else None
        band = er_benchmark(plat, followers)
        if band is None:
            missing.append({"network": plat, "why": "no_benchmark" if plat not in ER_BENCHMARKS else "no_followers"})
            continue
        # the benchmarks are of feed posts' likes and comments: a story, or a post of which only shares or
        # saves are known, is no such engagement (its rate beside them would read as a collapse)
        ix = [i for i in ix if ctx.posts[i].format != "story" and _likes_counted(ctx.posts[i])]
        if not ix:
            missing.append({"network": plat, "why": "no_likes", "basis": band.basis})
            continue
        rate = _benchmark_rate(ctx, ix, band.basis)
        out.append({"network": plat, "followers": whole(followers) if followers is not None else None,
                    "basis": band.basis, "rate": rate,
                    "benchmark": band.value, "statistic": band.statistic, "source": band.source,
                    "ratio": round(rate / band.value, 3) if rate is not None else None})
        if rate is None:
            missing.append({"network": plat, "why": "no_rate", "basis": band.basis})
    return out, missing


def _benchmark_rate(ctx: Context, ix: list[int], basis: str) -> float | None:
    """The posts' engagement rate as the benchmark of `basis` defines it (thresholds.ER_BASIS_PARTS: likes and
    comments by followers, with shares by views), not the report's rate of every part measured (shares and
    saves beside a likes-and-comments median read as a better rate than the creator has); a post whose
    sheet gives only a total of engagements counts that total."""
    from ..thresholds import ER_BASIS_PARTS

    parts = ER_BASIS_PARTS[basis]
    engaged = denominator = 0.0
    for i in ix:
        p = ctx.posts[i]
        base = (p.followers.value if p.followers is not None else None) if basis == "followers" else p.value("views")
        if set(ENGAGEMENT_PARTS) & set(p.figures):
            counted: float | None = sum(p.value(part) or 0.0 for part in parts)
        else:
            counted = p.engagements[0]
        if counted is None or not base:
            continue
        engaged += counted
        denominator += base
    return engaged / denominator if denominator else None


def _likes_counted(p: PublishedPost) -> bool:
    """Whether a post's engagements count likes or comments, as the benchmarks do: measured apart, or
    within the sheet's own total ("Engagements") when no part is measured apart."""
    parts = set(ENGAGEMENT_PARTS) & set(p.figures)
    return bool(parts & {"likes", "comments"}) or (not parts and "engagements" in p.figures)


def _group_rows(ctx: Context, dimension: str) -> list[dict[str, Any]]:
    """The posts' figures by network, or by format on its network (a TikTok video and a YouTube video
    are two formats; a post of unknown format is "?" whatever its network)."""
    groups: dict[tuple[str, str | None], list[int]] = {}
    for p in ctx.posts:
        if dimension == "network":
            key: tuple[str, str | None] = (p.platform or "?", None)
        else:
            key = (p.format, p.platform) if p.format else ("?", None)
        groups.setdefault(key, []).append(p.index)
    rows = []
    for (value, network), ix in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        row: dict[str, Any] = {dimension: value}
        if dimension == "format":
            row["network"] = network
        rows.append({**row, **aggregate(ctx, ix)})
    return rows


def group_name(row: dict[str, Any], dimension: str, lang: str) -> str:
    """A network's or a format's row (`_group_rows`) in words: "Instagram", "Vidéo TikTok"."""
    if dimension == "network":
        return platform_word(row["network"], lang)
    return format_on(row["format"] if row["format"] != "?" else None, row.get("network"), lang)


def group_id(row: dict[str, Any], dimension: str) -> str:
    """A network's or a format's row as one plain word for JSON subjects: "instagram", "tiktok video"."""
    if dimension == "format" and row.get("network"):
        return f"{row['network']} {row['format']}"
    return str(row[dimension])


def _objective_rows(totals: dict[str, Any], aims: Objectives, currency: str | None = None,
                    money_ok: bool = True) -> list[dict[str, Any]]:
    """Each objective against the campaign's figure; a money target in another currency than the report's
    (`currency`) is not compared (influkit converts no amount): status unknown, why "other_currency"."""
    near = setting("near_miss")
    rows = []
    for t in aims.targets:
        actual = totals.get(t.metric)
        if t.metric == "posts":
            actual = totals["posts"]
        other = t.metric in MONEY_METRICS and bool(t.currency and currency and t.currency != currency)
        if other:
            actual = None
        status, progress = "unknown", None
        if actual is not None:
            if t.direction == "at_least":
                progress = round(actual / t.target, 4) if t.target else None
                status = "met" if actual >= t.target else ("almost" if progress is not None and progress >= near
                                                            else "missed")
            else:  # a ceiling: progress is target / actual, so 100 % and more means reached
                progress = round(t.target / actual, 4) if actual else None
                status = "met" if actual <= t.target else ("almost" if progress is not None and progress >= near
                                                           else "missed")
        rows.append({"metric": t.metric, "target": target_value(t.metric, t.target), "direction": t.direction,
                     "actual": whole(actual) if actual is not None and t.metric in COUNT_METRICS else actual,
                     "progress": progress, "status": status, "source": t.source,
                     "currency": t.currency if t.metric in MONEY_METRICS else None,
                     "why": ("other_currency" if other else _why_unknown(t.metric, totals, money_ok))
                     if actual is None else None})
    return rows


def _why_unknown(metric: str, totals: dict[str, Any], money_ok: bool = True) -> str:
    if metric in ("cpe", "cpm", "cpv", "cpa", "roas", "roi", "cost") and not money_ok:
        return "costs_currencies"
    if metric in ("views", "cpm", "cpv", "er_views") and not totals.get("views_posts"):
        return "no_views"
    if metric in ("engagements", "cpe", "er_followers", "er_views") and not totals.get("engagements_posts"):
        return "no_engagements"
    if metric in ("cpe", "cpm", "cpv", "cpa", "roas", "roi", "cost") and totals.get("cost") is None:
        return "no_cost"
    if metric in ("orders", "revenue", "cpa", "roas", "roi"):
        return "no_orders"
    if metric == "clicks":
        return "no_clicks"
    if metric == "er_followers":
        return "no_followers"
    return "no_data"


def _results_block(ctx: Context, totals: dict[str, Any], aims: Objectives) -> dict[str, Any]:
    creators = []
    for c in ctx.creators:
        figures = aggregate(ctx, c.indexes)
        benchmarks, not_compared = _benchmarks(ctx, c)
        creators.append({
            "creator": c.name, "handles": c.handles, "networks": c.platforms, **figures,
            "followers": _potential_reach([ctx.posts[i] for i in c.indexes]),
            "cost": c.cost if ctx.money_ok else None, "cost_complete": c.cost_complete, "cost_source": c.cost_source,
            "promo_codes": c.codes, "code_orders": c.code_orders, "link_orders": c.link_orders,
            "sales_source": c.sales_source, "clicks_source": c.clicks_source,
            "formats": sorted({ctx.posts[i].format or "?" for i in c.indexes}),
            "benchmarks": benchmarks, "benchmarks_missing": not_compared,
            "disclosure_problems": sum(1 for i in c.indexes if compliance_status(ctx.verdicts[i]) == "not_compliant"),
            "banned": sum(1 for i in c.indexes if ctx.verdicts[i] is not None and ctx.verdicts[i].level == "block"),
        })
        counts_whole(creators[-1])
    # costs in several currencies are never added (`_currency`): which ones, for the sentences that say why
    mixed = sorted({u.currency for u in ctx.units if u.currency and u.cost}) if not ctx.money_ok else []
    budget = None
    if aims.budget is not None:
        cost = totals["cost"]
        other = bool(aims.currency and ctx.currency and aims.currency != ctx.currency)
        if other:  # a budget in dollars, the costs in pounds: no conversion, not compared
            cost = None
        budget = {"budget": aims.budget, "currency": aims.currency or ctx.currency, "source": aims.budget_source,
                  "cost": cost, "share": round(cost / aims.budget, 4) if cost is not None and aims.budget else None,
                  "remaining": round(aims.budget - cost, 2) if cost is not None else None,
                  "costs_currency": ctx.currency if other else None}
    return {
        "posts": [_post_row(ctx, p) for p in ctx.posts],
        "creators": creators,
        "networks": _group_rows(ctx, "network"),
        "formats": _group_rows(ctx, "format"),
        "objectives": _objective_rows(totals, aims, ctx.currency, ctx.money_ok),
        "budget": budget,
        "costs_currencies": mixed or None,
    }


def _methods(lang: str, emv: float | None, currency: str | None) -> dict[str, str]:
    keys = ["engagements", "er_views", "er_followers", "cpe", "cpm", "cpv", "cpa", "roas", "roi", "orders",
            "views_estimated", "potential_reach", "milestones"]
    out = {k: T.method(k, lang) for k in keys}
    if emv is not None:
        out["emv"] = T.method("emv", lang, multiplier=T.money(emv, currency, lang)) + f" ({T.method('emv_source', lang)})"
    return out


# ------------------------------------------------------------------------------------- the result


REPORT_FORMATS = ("html", "md", "xlsx", "json", "csv")
POST_COLUMNS = ["row", "creator", "network", "format", "published_on", "link", "followers", "views", "likes",
                "comments", "shares", "saves", "engagements", "er_views", "er_followers", "cost", "cpe", "cpm", "cpv",
                "clicks", "promo_code", "disclosure", "compliance_status", "compliance"]
CREATOR_COLUMNS = ["creator", "networks", "posts", "followers", "views", "engagements", "er_views", "er_followers",
                   "cost", "cpe", "cpm", "cpv", "clicks", "orders", "revenue", "cpa", "roas"]
GROUP_COLUMNS = ["posts", "creators", "views", "engagements", "er_views", "er_followers", "cost", "cpe", "cpm",
                 "clicks", "orders", "revenue", "roas"]


class CampaignReport(Report):
    """`influkit.report()`'s result: `.to_dict()` is the JSON (docs/report.md); `.write(path)` writes html,
    md, xlsx, json or csv (the posts); `.rows(section)` gives the flat rows of a section; `snapshots` the
    dated post snapshots of this run (to keep in the workspace: `published.record_post_snapshots`)."""

    snapshots: list[Any]

    def sections(self) -> list[str]:
        return ["totals", "objectives", "creators", "analysis", "conclusion", "recommendations"]

    def csv_section(self) -> str:
        return "posts"

    def rows(self, section: str) -> tuple[list[str], list[dict[str, Any]]]:
        d = self.data
        blocks = d["blocks"]
        if section == "totals":
            skip = {"disclosure", "compliance", "networks"}
            rows = [{"metric": k, "value": v} for k, v in d["totals"].items() if k not in skip]
            return ["metric", "value"], rows
        if section == "posts":
            posts = blocks["results"]["posts"]
            # read from several tabs: which one each post came from
            cols = [POST_COLUMNS[0], "sheet", *POST_COLUMNS[1:]] if any(r.get("sheet") for r in posts) else POST_COLUMNS
            return cols, [{c: _flat(r.get(c)) for c in cols} for r in posts]
        if section == "creators":
            return CREATOR_COLUMNS, [{c: _flat(r.get(c)) for c in CREATOR_COLUMNS} for r in blocks["results"]["creators"]]
        if section in ("networks", "formats"):
            keys = ["network"] if section == "networks" else ["format", "network"]
            return [*keys, *GROUP_COLUMNS], [{c: _flat(r.get(c)) for c in [*keys, *GROUP_COLUMNS]}
                                             for r in blocks["results"][section]]
        if section == "objectives":
            cols = ["metric", "target", "direction", "actual", "progress", "status", "source"]
            return cols, [{c: r.get(c) for c in cols} for r in blocks["results"]["objectives"]]
        if section in ("analysis", "conclusion"):
            return ["rule", "text"], [{"rule": r["rule"], "text": r["text"]} for r in blocks[section]]
        if section == "recommendations":
            return ["rule", "action", "text"], [{"rule": r["rule"], "action": r["action"], "text": r["text"]}
                                                for r in blocks[section]]
        raise UsageError(f"no section {section!r} in the report; sections: totals, posts, creators, networks, "
                         "formats, objectives, analysis, conclusion, recommendations")

    def display(self, section: str) -> tuple[str, list[str], list[dict[str, str]]]:
        """(title, columns, rows) of a section as people read it (the terminal view): numbers written in the
        report's language, labels translated. Sections: key_figures, objectives, creators, networks, formats,
        posts."""
        from .render_common import cell, kpis, sections

        lang = self.data["lang"]
        if section == "key_figures":
            rows = [{"": k.label + (" *" if k.estimated else ""), " ": k.value, "  ": k.note}
                    for k in kpis(self.data)]
            return report_label("key_figures", lang), ["", " ", "  "], rows
        for s in sections(self.data):
            if s.name == section:
                cols = [c.label for c in s.columns]
                rows = [{c.label: cell(s, c, row, self.data) for c in s.columns} for row in s.rows]
                return s.title, cols, rows
        return section, [], []

    def lines(self, block: str) -> list[str]:
        """The sentences of block 2, 3 or 4 ("analysis", "conclusion", "recommendations"), each with its
        rule id."""
        return [f"- {it['text']} [{it['rule']}]" for it in self.data["blocks"][block]]

    def heading(self, block: str) -> str:
        return report_label(f"{block}_block", self.data["lang"])

    def html(self) -> str:
        """The self-contained, print-ready HTML page."""
        from .render_html import render_html

        return render_html(self.data)

    def markdown(self) -> str:
        from .render_md import render_markdown

        return render_markdown(self.data)

    def write(self, path: str, fmt: str | None = None) -> dict[str, Any]:
        """Write the report to `path` ('-' is stdout) in `fmt` (default: from the extension)."""
        import json

        from ..io.formats import format_of
        from ..io.write import atomic_output, write_table

        out = format_of(path, fmt, REPORT_FORMATS, default="json")
        if out == "xlsx":
            from .render_xlsx import write_xlsx

            return write_xlsx(self.data, path)
        if out == "csv":
            return write_table(self.section_table("posts"), path, "csv")
        text = (self.html() if out == "html" else self.markdown() if out == "md"
                else json.dumps(self.data, ensure_ascii=False, indent=2, default=str) + "\n")
        with atomic_output(path, binary=False) as fh:
            fh.write(text)
        return {"format": out, "bytes": len(text.encode("utf-8"))}


def _flat(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return value
