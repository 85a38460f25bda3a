"""What every rendering of the campaign report shows (HTML, Markdown, xlsx): the key figures, the tables
of block 1 with their labels in the report's language, and numbers written for people. The renderers
only lay these out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..labels import (
    action_word,
    colon,
    compliance_word,
    disclosure_word,
    format_word,
    platform_name,
    platform_word,
    report_label,
    semicolon,
    status_word,
)
from . import report_text as T
from .report import group_name

RATE_KEYS = ("er_views", "er_followers")
MONEY_KEYS = ("cost", "cpe", "cpm", "cpv", "revenue", "cpa", "emv", "budget", "remaining")
COUNT_KEYS = ("posts", "creators", "views", "views_estimated", "reach", "likes", "comments", "shares", "saves",
              "engagements", "clicks", "orders", "followers")


@dataclass
class Column:
    key: str
    label: str
    kind: str  # text, count, rate, money, ratio, date, link


@dataclass
class Section:
    name: str
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]]  # raw values by column key


def value_text(kind: str, value: Any, currency: str | None, lang: str) -> str:
    """A value as people read it, per kind."""
    if value is None or value == "":
        return "—"
    if kind == "count":
        return T.num(value, lang)
    if kind == "rate":
        return T.pct(value, lang, 2)
    if kind == "money":
        return T.money(value, currency, lang)
    if kind == "ratio":
        return T.roas(value, lang)
    if kind == "pct":
        return T.pct(value, lang, 0)
    if kind == "date":
        return T.day(value, lang)
    return str(value)


def metric_kind(key: str) -> str:
    if key in RATE_KEYS:
        return "rate"
    if key in MONEY_KEYS:
        return "money"
    if key in ("roas",):
        return "ratio"
    if key in ("roi", "progress", "share"):
        return "pct"
    if key in COUNT_KEYS or key.endswith("_estimated"):
        return "count"
    return "text"


@dataclass
class Kpi:
    key: str
    label: str
    value: str
    note: str
    estimated: bool = False


def kpis(data: dict[str, Any]) -> list[Kpi]:
    """The key figures of the campaign, each with what it covers: the posts a sum or a ratio of posts is over,
    the creators a sales figure is over (orders and revenue: the creators whose sales are tracked; CPA, ROAS
    and ROI: those of them whose cost is known, `totals.sales_creators`)."""
    t = data["totals"]
    lang, cur = data["lang"], data.get("currency")
    n = t["posts"]

    def of(k: int) -> str:
        return (f"{k}/{n} " + T.say("posts_word", lang)) if k != n else ""

    out = [
        Kpi("posts", report_label("posts", lang), T.num(n, lang), T.count(t["creators"], "creator", lang)),
        Kpi("views", report_label("views", lang), T.compact(t["views"], lang), of(t["views_posts"])),
        Kpi("engagements", report_label("engagements", lang), T.compact(t["engagements"], lang),
            of(t["engagements_posts"])),
        Kpi("er_views", report_label("er_views", lang), T.pct(t["er_views"], lang, 2), of(t["er_views_posts"])),
        Kpi("er_followers", report_label("er_followers", lang), T.pct(t["er_followers"], lang, 2),
            of(t["er_followers_posts"])),
        Kpi("cost", report_label("cost", lang), T.money(t["cost"], cur, lang), of(t["cost_posts"])),
        Kpi("cpe", "CPE", T.money(t["cpe"], cur, lang), of(t["cpe_posts"])),
        Kpi("cpm", "CPM", T.money(t["cpm"], cur, lang), of(t["cpm_posts"])),
        Kpi("clicks", report_label("clicks", lang), T.num(t["clicks"], lang), ""),
        Kpi("orders", report_label("orders", lang), T.num(t["orders"], lang),
            T.count(t["tracked_creators"], "creator", lang) if t["orders"] is not None else ""),
        Kpi("revenue", report_label("revenue", lang), T.money(t["revenue"], cur, lang),
            T.count(t["tracked_creators"], "creator", lang) if t["revenue"] is not None else ""),
        Kpi("roas", "ROAS", T.roas(t["roas"], lang),
            T.count(t["sales_creators"], "creator", lang) if t["roas"] is not None else ""),
        Kpi("cpa", "CPA", T.money(t.get("cpa"), cur, lang),
            T.count(t["sales_creators"], "creator", lang) if t.get("cpa") is not None else ""),
        Kpi("roi", "ROI", T.pct(t.get("roi"), lang, 0),
            T.count(t["sales_creators"], "creator", lang) if t.get("roi") is not None else ""),
    ]
    for key in estimated_keys(t):  # apart from the measured figures, marked estimated
        name = key.removesuffix("_estimated")
        label = report_label("views_estimated", lang) if name == "views" else T.field_name(f"{name}~estimated", lang)
        posts = t.get(f"{key}_posts") or 0
        out.append(Kpi(key, label, T.compact(t[key], lang), f"{posts}/{n} " + T.say("posts_word", lang),
                       estimated=True))
    if "emv" in t:
        out.append(Kpi("emv", report_label("emv", lang), T.money(t["emv"], cur, lang), t.get("emv_method") or "",
                       estimated=True))
    return out


def estimated_keys(totals: dict[str, Any]) -> list[str]:
    """The totals of estimated figures that have a value ("views_estimated", "reach_estimated"...)."""
    return [k for k, v in totals.items() if k.endswith("_estimated") and v is not None]


def estimates_text(row: dict[str, Any], lang: str) -> str:
    """A post's estimates in words: "Portée (estimation) 30 000"."""
    parts = [f"{T.field_name(k + '~estimated', lang)} {T.num(m['value'], lang)}"
             for k, m in (row.get("estimates") or {}).items()]
    return semicolon(lang).join(parts)


SHORT = ("posts", "creators", "er_views", "er_followers", "orders", "revenue", "engagements", "published_on",
         "networks")


def header(key: str, lang: str) -> str:
    """A table header: short where the full label would widen the table."""
    if key in ("cpe", "cpm", "cpv", "cpa"):
        return key.upper()
    return report_label(f"h_{key}" if key in SHORT else key, lang)


def _cols(lang: str, keys: list[str], kinds: dict[str, str] | None = None) -> list[Column]:
    kinds = kinds or {}
    return [Column(k, header(k, lang), kinds.get(k) or metric_kind(k)) for k in keys]


def sections(data: dict[str, Any]) -> list[Section]:
    """Block 1's tables: objectives, creators, networks, formats, posts."""
    lang = data["lang"]
    r = data["blocks"]["results"]
    out: list[Section] = []
    if r["objectives"]:
        cols = [Column("metric", report_label("metric", lang), "text"),
                Column("target", report_label("target", lang), "metric"),
                Column("actual", report_label("actual", lang), "metric"),
                Column("progress", report_label("progress", lang), "pct"),
                Column("status", report_label("status", lang), "status")]
        out.append(Section("objectives", report_label("against_objectives", lang), cols, r["objectives"]))
    creators = [{**c, "networks": ", ".join(platform_name(n) for n in c["networks"])} for c in r["creators"]]
    keys = ["creator", "networks", "posts", "views", "engagements", "er_views", "er_followers", "cost", "cpe", "cpm",
            "clicks", "orders", "revenue", "cpa", "roas"]
    out.append(Section("creators", report_label("by_creator", lang), _cols(lang, keys, {"networks": "text"}),
                       creators))
    group = ["posts", "creators", "views", "engagements", "er_views", "er_followers", "cost", "cpe", "cpm", "orders",
             "revenue"]
    networks = [{**g, "network": group_name(g, "network", lang)} for g in r["networks"]]
    out.append(Section("networks", report_label("by_network", lang),
                       _cols(lang, ["network", *group], {"creators": "count"}), networks))
    formats = [{**g, "format": group_name(g, "format", lang)} for g in r["formats"]]
    out.append(Section("formats", report_label("by_format", lang), _cols(lang, ["format", *group]), formats))
    posts = [{**p, "network": platform_word(p["network"], lang), "format": format_word(p["format"], lang),
              "disclosure": compliance_text(p, lang)} for p in r["posts"]]
    keys = ["creator", "network", "format", "published_on", "views", "engagements", "er_views", "er_followers",
            "cost", "cpe", "disclosure"]
    if any(p.get("sheet") for p in r["posts"]):  # read from several tabs: which one each post came from
        keys.insert(1, "sheet")
    columns = _cols(lang, keys, {"published_on": "date", "disclosure": "text", "sheet": "text"})
    if any(p.get("estimates") for p in r["posts"]):  # shown apart from the measured figures
        columns.append(Column("estimates_text", report_label("g_estimates", lang) + " *", "text"))
        for p in posts:
            p["estimates_text"] = estimates_text(p, lang)
    out.append(Section("posts", report_label("by_post", lang), columns, posts))
    return out


def cell(section: Section, column: Column, row: dict[str, Any], data: dict[str, Any]) -> str:
    """A table cell as text."""
    lang, cur = data["lang"], data.get("currency")
    value = row.get(column.key)
    if column.kind == "metric":  # objectives: the value's kind is the metric's, a money target's own currency
        kind = metric_kind(row["metric"])
        return value_text(kind, value, row.get("currency") or cur, lang)
    if column.kind == "status":
        return status_word(str(value), lang)
    if section.name == "objectives" and column.key == "metric":
        return report_label(str(value), lang)
    return value_text(column.kind, value, cur, lang)


def action_label(action: str, lang: str) -> str:
    return action_word(action, lang)


_SOURCES = {"--objectives": "src_objectives", "--budget": "src_budget", "brand profile [campaign]": "src_brand",
            "workspace campaign": "src_workspace"}


def source_label(source: str | None, lang: str) -> str:
    """Where an objective came from, in the report's language (a workspace campaign by its name, never the
    default campaign's internal one)."""
    if not source:
        return ""
    key = _SOURCES.get(source)
    if key:
        return report_label(key, lang)
    m = re.match(r"^workspace campaign (?P<name>.+)$", source)
    if m:
        name = m["name"]
        if len(name) >= 2 and name[0] == name[-1] and name[0] in "'\"":
            name = name[1:-1]
        return T.campaign_words(name, lang)
    return source


def method_lines(data: dict[str, Any]) -> list[tuple[str, str]]:
    """The method's source lines after the methods, in the report's language: (label, text) for the posts'
    source, each column found and how, the rows left out, the API and the snapshots."""
    lang = data["lang"]
    src = data["sources"]
    out: list[tuple[str, str]] = []
    if src.get("posts"):
        out.append((report_label("source", lang), T.posts_source(str(src["posts"]), lang)
                    + (f" [{src['sheet']}]" if src.get("sheet") else "")))
    found = src.get("columns_found")
    if found is not None and T.recorded_posts(str(src.get("posts") or "")):  # (influkit's own columns, not a sheet's)
        out += [(T.field_name(name, lang), T.say("recorded_column", lang)) for name in found]
    elif found is not None:
        out += [(T.field_name(name, lang), T.column_found(f["header"], f["how"], lang)) for name, f in found.items()]
    else:  # a report written before columns_found
        out += [(str(name), str(how)) for name, how in (src.get("columns") or {}).items()]
    unread = src.get("columns_not_read") or []
    if unread:
        out.append((T.say("columns_not_read", lang), ", ".join(T.quoted(str(h), lang) for h in unread)))
    left = src.get("rows_left_out") or []
    if left:
        rows = [(f"{T.quoted(str(r['sheet']), lang)} " if r.get("sheet") else "")
                + f"{T.say('row_word', lang)} {r['row']} ({T.row_kind_word(r['kind'], lang)})" for r in left]
        out.append((T.say("rows_left_out", lang), semicolon(lang).join(rows) + " — "
                    + T.say("rows_left_out_why", lang)))
    without = src.get("rows_without_post") or []
    if without:
        out.append((T.say("rows_without_post", lang), T.say("rows_without_post_text", lang,
                                                             n=T.count(len(without), "row", lang))))
    live = src.get("live") or {}
    keys = live.get("missing_keys") or {}
    lines = [T.missing_key(net, k["key"], int(k["posts"]), lang) for net, k in keys.items()]
    if not keys:
        lines += list(live.get("skipped", []))
    lines += list(live.get("stopped", []))
    out += [("API", line) for line in lines]
    snap = src.get("snapshots") or {}
    if snap.get("posts_numbered_from_workspace"):
        out.append((report_label("snapshots", lang), T.say("numbers_from_workspace", lang, n=T.count(
            snap["posts_numbered_from_workspace"], "post", lang))))
    if snap.get("note"):
        out.append((report_label("snapshots", lang), T.note(str(snap["note"]), lang)))
    return out


def compliance_text(post: dict[str, Any], lang: str) -> str:
    """A post's compliance as the posts' table says it (every format): its one status
    (`compliance.compliance_status`), then why: "non conforme : mention insuffisante (FR-04, FR-15)",
    "non conforme : promotion interdite (FR-10)", "non conforme (FR-15)", "à vérifier (FR-05)", "conforme", "non
    vérifiée"."""
    status = post.get("compliance_status") or "not_checked"
    text = compliance_word(status, lang)
    if status == "not_compliant":
        why = ("block" if post.get("compliance_level") == "block" else post.get("disclosure")
               if post.get("disclosure") in ("missing", "insufficient", "late") else None)
        if why == "block":
            text += colon(lang) + " " + report_label("banned_promotion", lang)
        elif why:
            text += colon(lang) + " " + report_label("disclosure", lang).lower() + " " + disclosure_word(why, lang)
        rules = post.get("compliance")
    else:
        rules = post.get("to_check") if status == "to_check" else None
    return text + (f" ({rules})" if rules else "")


def warnings(data: dict[str, Any]) -> list[str]:
    """The report's warnings in its language."""
    out = [T.warning(str(w), data["lang"]) for w in data["warnings"]]
    return [w[:1].upper() + w[1:] for w in out]


# (group label, kinds or actions) of blocks 2 and 4, in the order shown
ANALYSIS_GROUPS = (("g_ranking", ("ranking",)), ("g_benchmark", ("benchmark",)), ("g_cost", ("cost",)),
                   ("g_disclosure", ("disclosure", "to_check")), ("g_channels", ("channels",)),
                   ("g_missing", ("missing", "estimates")))
RECOMMENDATION_GROUPS = (("g_creators", ("renew", "renew_if", "negotiate", "drop", "watch", "none")),
                         ("g_budget", ("budget",)), ("g_fixes", ("disclosure",)), ("g_tracking", ("tracking",)))


def grouped(items: list[dict[str, Any]], groups: tuple[tuple[str, tuple[str, ...]], ...], field: str
            ) -> list[tuple[str, list[dict[str, Any]]]]:
    out = []
    for label, kinds in groups:
        chosen = [it for it in items if it.get(field) in kinds]
        if chosen:
            out.append((label, chosen))
    return out


def budget_line(data: dict[str, Any]) -> str | None:
    b = data["blocks"]["results"].get("budget")
    if not b:
        return None
    lang = data["lang"]
    cur = b.get("currency") or data.get("currency")
    return f"{report_label('budget', lang)}{colon(lang)} {T.money(b['budget'], cur, lang)}"
