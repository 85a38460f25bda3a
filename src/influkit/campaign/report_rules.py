"""Blocks 2-4 of the campaign report, generated from block 1 by the rules of thresholds/report.py (each
sentence carries its rule id; `influkit thresholds` lists them with their numbers and sources):

- analysis (A-*): rankings of creators, formats and networks; each creator against the engagement
  benchmark of its network and band; cost outliers; disclosure problems; conversion channels; what is
  missing;
- conclusion (C-*): objectives reached or not, the budget, compliance, the overall count;
- recommendations (R-*): one verdict per creator (drop, renew, renegotiate, watch), budget moves,
  disclosure fixes, tracking to set up.
"""

from __future__ import annotations

import re
from statistics import median
from typing import Any

from ..labels import disclosure_word, join_items, platform_name, report_label, status_word
from ..thresholds.report import setting
from . import report_text as T
from .report import (
    MONEY_METRICS,
    RATE_METRICS,
    SALES_METRICS,
    Context,
    Objectives,
    cpe_basis,
    group_id,
    group_name,
    whole,
)


def _item(rule: str, kind: str, text: str, **extra: Any) -> dict[str, Any]:
    return {"rule": rule, "kind": kind, "text": text, **extra}


def _short_source(source: str) -> str:
    """'HypeAuditor 2018', 'untapper.com': a benchmark's source in a few words."""
    head = source.split(":")[0].split("(")[0].strip()
    words = head.split()
    for k, w in enumerate(words[:4]):
        if w.isdigit() and len(w) == 4:
            return " ".join(words[:k + 1])
    return " ".join(words[:3])


def _rate_basis(rows: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """By views when at least min_ranked rows have it, else by followers."""
    need = int(setting("min_ranked"))
    by_views = [r for r in rows if r.get("er_views") is not None]
    if len(by_views) >= need:
        return "er_views", by_views
    by_followers = [r for r in rows if r.get("er_followers") is not None]
    if len(by_followers) >= len(by_views) and by_followers:
        return "er_followers", by_followers
    return "er_views", by_views


def analysis_block(ctx: Context, results: dict[str, Any], totals: dict[str, Any], orders_given: bool
                   ) -> list[dict[str, Any]]:
    """Block 2 (rules A-*)."""
    lang = ctx.lang
    out: list[dict[str, Any]] = []
    cur = ctx.currency
    need = int(setting("min_ranked"))
    creators = results["creators"]
    # A-RANK-CREATOR
    key, ranked = _rate_basis(creators)
    basis = T.say("basis_views" if key == "er_views" else "basis_followers", lang)
    if len(ranked) >= need:
        ordered = sorted(ranked, key=lambda r: -r[key])
        best, worst = ordered[0], ordered[-1]
        out.append(_item("A-RANK-CREATOR", "ranking", T.say(
            "rank_creator", lang, basis=basis, best=best["creator"], best_rate=T.pct(best[key], lang),
            worst=worst["creator"], worst_rate=T.pct(worst[key], lang),
            gap=T.times(best[key] / worst[key], lang) if worst[key] else "—"),
            subjects=[best["creator"], worst["creator"]], metric=key,
            numbers={"best": best[key], "worst": worst[key]}))
    elif len(ranked) == 1:
        out.append(_item("A-RANK-CREATOR", "ranking", T.say("rank_one", lang, basis=basis, best=ranked[0]["creator"],
                                                             best_rate=T.pct(ranked[0][key], lang)),
                         subjects=[ranked[0]["creator"]], metric=key, numbers={"best": ranked[0][key]}))
    # A-RANK-FORMAT: formats and networks
    for dimension, rows, label in (("format", results["formats"], "dimension_format"),
                                   ("network", results["networks"], "dimension_network")):
        key2, ranked2 = _rate_basis([r for r in rows if r[dimension] != "?"])
        if len(ranked2) >= need:
            ordered = sorted(ranked2, key=lambda r: -r[key2])
            b, w = ordered[0], ordered[-1]
            out.append(_item("A-RANK-FORMAT", "ranking", T.say(
                "rank_group", lang, dimension=T.say(label, lang), best=group_name(b, dimension, lang),
                worst=group_name(w, dimension, lang),
                best_rate=T.pct(b[key2], lang), worst_rate=T.pct(w[key2], lang),
                basis=T.say("basis_views" if key2 == "er_views" else "basis_followers", lang)),
                subjects=[group_id(b, dimension), group_id(w, dimension)], metric=key2, dimension=dimension,
                numbers={"best": b[key2], "worst": w[key2]}))
        # (a group of gifted creators only costs nothing: no cheap engagement bought, not ranked on cost)
        costed = [r for r in rows if r.get("cpe") and r[dimension] != "?"]
        if len(costed) >= need:
            ordered = sorted(costed, key=lambda r: r["cpe"])
            b, w = ordered[0], ordered[-1]
            if b is not w:
                out.append(_item("A-RANK-FORMAT", "cost", T.say(
                    "rank_group_cpe", lang, dimension=T.say(label, lang), best=group_name(b, dimension, lang),
                    worst=group_name(w, dimension, lang),
                    best_cpe=T.money(b["cpe"], cur, lang), worst_cpe=T.money(w["cpe"], cur, lang)),
                    subjects=[group_id(b, dimension), group_id(w, dimension)], metric="cpe", dimension=dimension,
                    numbers={"best": b["cpe"], "worst": w["cpe"]}))
    # A-BENCHMARK
    low = setting("drop_max_benchmark")
    high = setting("renew_min_benchmark")
    for c in creators:
        for b in c["benchmarks"]:
            if b["ratio"] is None:
                continue
            values = {"who": c["creator"], "network": platform_name(b["network"]), "rate": T.pct(b["rate"], lang),
                      "basis": bench_basis(b["basis"], lang),
                      "bench": T.pct(b["benchmark"], lang), "ratio": T.times(b["ratio"], lang),
                      "statistic": T.say("median" if b["statistic"] == "median" else "good", lang),
                      "source": _short_source(b["source"])}
            kind = "bench_above" if b["ratio"] >= high else ("bench_far_below" if b["ratio"] < low else "bench_below")
            out.append(_item("A-BENCHMARK", "benchmark", T.say(kind, lang, **values), subjects=[c["creator"]],
                             numbers={"rate": b["rate"], "benchmark": b["benchmark"], "ratio": b["ratio"]},
                             level={"bench_above": "above", "bench_below": "below",
                                    "bench_far_below": "far_below"}[kind]))
    # A-COST-OUTLIER
    cpes = [c["cpe"] for c in creators if c.get("cpe") is not None]
    if len(cpes) >= int(setting("min_for_median")):
        mid = median(cpes)
        for c in creators:
            if c.get("cpe") is not None and mid and c["cpe"] > setting("cost_outlier_ratio") * mid:
                out.append(_item("A-COST-OUTLIER", "cost", T.say(
                    "cost_outlier", lang, who=c["creator"], cpe=T.money(c["cpe"], cur, lang),
                    ratio=T.times(c["cpe"] / mid, lang), median=T.money(mid, cur, lang)),
                    subjects=[c["creator"]], numbers={"cpe": c["cpe"], "median": mid}))
    out += _cpm_outliers(ctx, creators)
    # A-DISCLOSURE: each post by its one status (compliance.compliance_status), as the posts' table, the chart
    # and the conclusion say it
    for row in results["posts"]:
        status = row["compliance_status"]
        where = {"who": row["creator"], "network": platform_name(row["network"]), "day": T.day(row["published_on"], lang)}
        if status == "not_compliant":
            key = ("disclosure_banned" if row["compliance_level"] == "block" else "disclosure_post"
                   if row["disclosure"] in ("missing", "insufficient", "late") else "disclosure_rule")
            out.append(_item("A-DISCLOSURE", "disclosure", T.say(
                key, lang, **where, verdict=disclosure_word(row["disclosure"], lang), rules=row["compliance"] or "—"),
                subjects=[row["creator"]], row=row["row"], sheet=row.get("sheet"), rules=row["compliance"],
                disclosure=row["disclosure"], level=row["compliance_level"], compliance_status=status))
        elif status in ("to_check", "not_checked") and row["compliance_warnings"]:
            # what the checker cannot decide, for a person to look at; a post without a caption says what
            # is known of it (the platform's label) and that it was not checked
            out.append(_item("A-DISCLOSURE", "to_check", T.say(
                f"disclosure_{status}", lang, **where, checks=join_items(
                    row["compliance_warnings"], lang)), subjects=[row["creator"]], row=row["row"],
                sheet=row.get("sheet"), rules=row["to_check"],
                disclosure=row["disclosure"], level=row["compliance_level"], compliance_status=status))
    counts = totals["compliance"]
    checked = counts["compliant"] + counts["to_check"] + counts["not_compliant"]
    if checked and counts["compliant"] == checked:
        out.append(_item("A-DISCLOSURE", "disclosure", T.say(
            "disclosure_one_ok" if checked == 1 else "disclosure_all_ok", lang, n=checked)))
    # A-CHANNELS
    out += _channels(ctx, results, totals, orders_given)
    # A-MISSING
    out += _missing(ctx, totals, orders_given, creators)
    return out


def _cpm_outliers(ctx: Context, creators: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from ..thresholds import CPM_BANDS, FX_PER_EUR, convert

    out: list[dict[str, Any]] = []
    cur = ctx.currency
    if not cur or cur not in FX_PER_EUR:
        return out
    for c in creators:
        if c.get("cpm") is None or len(c["networks"]) != 1:
            continue
        band = CPM_BANDS.get(c["networks"][0])
        if band is None:
            continue
        low, high = convert(band.low, band.currency, cur), convert(band.high, band.currency, cur)
        if c["cpm"] > high:
            out.append(_item("A-COST-OUTLIER", "cost", T.say(
                "cpm_high", ctx.lang, who=c["creator"], cpm=T.money(c["cpm"], cur, ctx.lang),
                low=T.money(low, cur, ctx.lang), high=T.money(high, cur, ctx.lang),
                network=platform_name(c["networks"][0]), source=_short_source(band.source)),
                subjects=[c["creator"]], numbers={"cpm": c["cpm"], "band_low": round(low, 2),
                                                  "band_high": round(high, 2)}))
    return out


def _channels(ctx: Context, results: dict[str, Any], totals: dict[str, Any], orders_given: bool
              ) -> list[dict[str, Any]]:
    lang, cur = ctx.lang, ctx.currency
    out = []
    if totals.get("orders"):
        for r in results["networks"]:
            if r.get("orders"):
                out.append(_item("A-CHANNELS", "channels", T.say(
                    "channels_network" if r.get("revenue") is not None else "channels_network_orders", lang,
                    network=platform_name(r["network"]), orders=T.count(r["orders"], "order", lang),
                    revenue=T.money(r["revenue"], cur, lang), share=T.pct(r["orders"] / totals["orders"], lang, 0)),
                    subjects=[r["network"]], numbers={"orders": r["orders"], "revenue": r["revenue"]}))
        code = sum(c.code_orders or 0 for c in ctx.creators)
        link = sum(c.link_orders or 0 for c in ctx.creators)
        utm = any(c.link_orders is not None and (c.sales_source or "").endswith("UTM analytics")
                  for c in ctx.creators)
        if orders_given:
            key = ("channels_tracking" if utm else "channels_codes_only" if totals.get("clicks") is not None
                   else "channels_codes_no_links")
            out.append(_item("A-CHANNELS", "channels", T.say(
                key, lang, code_orders=T.count(code, "order", lang), link_orders=T.count(link, "order", lang),
                clicks=T.count(totals.get("clicks"), "click", lang)),
                numbers={"code_orders": code, "link_orders": link if utm else None, "clicks": totals.get("clicks")}))
    elif totals.get("clicks"):
        for r in results["networks"]:
            if r.get("clicks"):
                out.append(_item("A-CHANNELS", "channels", T.say(
                    "channels_clicks", lang, network=platform_name(r["network"]),
                    clicks=T.count(r["clicks"], "click", lang)),
                    subjects=[r["network"]], numbers={"clicks": r["clicks"]}))
    silent = [c.name for c in ctx.creators if c.codes and c.tracked and not c.orders]
    if orders_given and silent:
        out.append(_item("A-CHANNELS", "channels", T.say("channels_none", lang, names=T.join(silent, lang)),
                         subjects=silent))
    return out


def _not_compared(ctx: Context, creators: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The creators A-BENCHMARK could not compare, and why: no public benchmark for the network, followers
    unknown, or no engagement rate on the benchmark's basis."""
    lang = ctx.lang
    groups: dict[tuple[str, str, str], list[str]] = {}
    for c in creators:
        for m in c.get("benchmarks_missing", []):
            groups.setdefault((m["why"], m["network"], m.get("basis") or ""), []).append(c["creator"])
    out = []
    for (why, network, basis), names in groups.items():
        key = {"no_benchmark": "missing_bench_network", "no_followers": "missing_bench_followers",
               "no_rate": "missing_bench_rate", "no_likes": "missing_bench_likes"}[why]
        out.append(_item("A-MISSING", "missing", T.say(
            key, lang, network=platform_name(network), names=T.join(names, lang),
            basis=T.say("basis_views" if basis == "views" else "basis_followers", lang)),
            field="benchmark", why=why, network=network, subjects=names))
    return out


def _missing(ctx: Context, totals: dict[str, Any], orders_given: bool, creators: list[dict[str, Any]]
             ) -> list[dict[str, Any]]:
    lang = ctx.lang
    n = totals["posts"]
    out = []
    no_views = [p for p in ctx.posts if p.value("views") is None]
    if no_views:
        nets = sorted({platform_name(p.platform) for p in no_views})
        key = "missing_views_all" if len(no_views) == n else "missing_views"
        out.append(_item("A-MISSING", "missing", T.say(key, lang, n=T.count(len(no_views), "post", lang), total=n,
                                                       networks=", ".join(nets)), field="views", count=len(no_views)))
    if n - totals["engagements_posts"]:
        out.append(_item("A-MISSING", "missing", T.say("missing_engagements", lang, n=T.count(
            n - totals["engagements_posts"], "post", lang), total=n), field="engagements",
                         count=n - totals["engagements_posts"]))
    if n - totals["cost_posts"]:
        out.append(_item("A-MISSING", "missing", T.say("missing_cost", lang, n=T.count(n - totals["cost_posts"], "post", lang),
                                                      total=n),
                         field="cost", count=n - totals["cost_posts"]))
    no_followers = sum(1 for p in ctx.posts if p.followers is None)
    if no_followers:
        out.append(_item("A-MISSING", "missing", T.say("missing_followers", lang, n=T.count(no_followers, "post", lang)),
                         field="followers", count=no_followers))
    if not orders_given and not any(c.tracked for c in ctx.creators):
        out.append(_item("A-MISSING", "missing", T.say("missing_orders", lang), field="orders"))
    elif orders_given:
        untracked = [c.name for c in ctx.creators if not c.tracked]
        if untracked:
            out.append(_item("A-MISSING", "missing", T.say("missing_codes", lang, names=T.join(untracked, lang)),
                             field="promo_code", subjects=untracked))
    if totals.get("clicks") is None:
        out.append(_item("A-MISSING", "missing", T.say("missing_clicks", lang), field="clicks"))
    no_caption = totals["compliance"]["not_checked"]  # (the posts the table says "not checked")
    if no_caption:
        out.append(_item("A-MISSING", "missing", T.say("missing_caption", lang, n=T.count(no_caption, "post", lang)), field="caption",
                         count=no_caption))
    out += _not_compared(ctx, creators)
    estimated = {name: [p for p in ctx.posts if name in p.estimates] for name in
                 dict.fromkeys(name for p in ctx.posts for name in p.estimates)}
    if estimated:
        what = [T.say("estimate_of", lang, field=T.field_name(name, lang, capital=False),
                      value=T.num(sum(p.estimates[name].value for p in posts), lang),
                      n=T.count(len(posts), "post", lang)) for name, posts in estimated.items()]
        out.append(_item("A-MISSING", "estimates", T.say("estimates_apart", lang, what=T.join(what, lang)),
                         count=sum(len(v) for v in estimated.values()),
                         numbers={name: whole(sum(p.estimates[name].value for p in posts))
                                  for name, posts in estimated.items()}))
    if not out:
        out.append(_item("A-MISSING", "missing", T.say("nothing_missing", lang)))
    return out


# ------------------------------------------------------------------------------------- block 3


def bench_basis(basis: str, lang: str) -> str:
    """What a benchmark's engagement rate counts, by what: "likes and comments by followers" (its parts,
    thresholds.ER_BASIS_PARTS), never the bare "by followers" of the table's rate of every part measured."""
    from ..thresholds import ER_BASIS_PARTS

    parts = [T.say(f"part_{p}", lang) for p in ER_BASIS_PARTS[basis]]
    return T.say("bench_basis", lang, parts=T.join(parts, lang), base=T.say(f"base_{basis}", lang))


def _metric_value(metric: str, value: float | None, currency: str | None, lang: str) -> str:
    if value is None:
        return "—"
    if metric in RATE_METRICS:
        return T.pct(value, lang, 2)
    if metric in ("roas", "roi"):
        return T.roas(value, lang) if metric == "roas" else T.pct(value, lang, 0)
    if metric in MONEY_METRICS:
        return T.money(value, currency, lang)
    return T.num(value, lang)


def conclusion_block(ctx: Context, results: dict[str, Any], totals: dict[str, Any]) -> list[dict[str, Any]]:
    """Block 3 (rules C-*)."""
    lang, cur = ctx.lang, ctx.currency
    out: list[dict[str, Any]] = []
    rows = results["objectives"]
    mixed = list(results.get("costs_currencies") or [])  # the costs' currencies, when several: never added
    for r in rows:
        label = report_label(r["metric"], lang)
        target = _metric_value(r["metric"], r["target"], r.get("currency") or cur, lang)
        if r["status"] == "unknown":
            text = T.say("objective_unknown", lang, metric=label, target=target,
                         why=T.say(f"why_{r['why']}", lang, target_currency=r.get("currency"), currency=cur,
                                   currencies=T.join(mixed, lang)))
        else:
            key = "objective" if r["direction"] == "at_least" else "objective_max"
            text = T.say(key, lang, metric=label, actual=_metric_value(r["metric"], r["actual"], cur, lang),
                         target=target, progress=T.pct(r["progress"], lang, 0), status=status_word(r["status"], lang))
        out.append(_item("C-OBJECTIVE", "objective", text, metric=r["metric"], status=r["status"],
                         numbers={"actual": r["actual"], "target": r["target"]}))
    b = results["budget"]
    if b is not None:
        bcur = b["currency"] or cur
        if b["cost"] is None and b.get("costs_currency"):
            text = T.say("budget_other_currency", lang, budget=T.money(b["budget"], bcur, lang),
                         currency=b["costs_currency"], cost=T.money(totals.get("cost"), b["costs_currency"], lang))
            status = "unknown"
        elif b["cost"] is None and mixed:
            text = T.say("budget_costs_currencies", lang, budget=T.money(b["budget"], bcur, lang), n=len(mixed),
                         currencies=T.join(mixed, lang))
            status = "unknown"
        elif b["cost"] is None:
            text = T.say("budget_unknown", lang, budget=T.money(b["budget"], bcur, lang))
            status = "unknown"
        elif b["cost"] <= b["budget"]:
            text = T.say("budget_under", lang, cost=T.money(b["cost"], bcur, lang), budget=T.money(b["budget"], bcur,
                                                                                                    lang),
                         share=T.pct(b["share"], lang, 0), remaining=T.money(b["remaining"], bcur, lang))
            status = "met"
        else:
            text = T.say("budget_over", lang, cost=T.money(b["cost"], bcur, lang),
                         budget=T.money(b["budget"], bcur, lang), over=T.money(-b["remaining"], bcur, lang),
                         share=T.pct(b["share"], lang, 0))
            status = "missed"
        signed = b.get("signed_without_post")
        if signed:  # a deal without a post yet: money the budget will see
            shown = signed["creators"][:5]
            names = T.join(shown + ([T.count(len(signed["creators"]) - 5, "other", lang)]
                                    if len(signed["creators"]) > 5 else []), lang)
            if signed["amount"] is None:
                text += " " + T.say("budget_signed_other", lang, names=names)
            else:
                left = (b["remaining"] or 0) - signed["amount"] if b["cost"] is not None else None
                text += " " + T.say("budget_signed" if left is None or left >= 0 else "budget_signed_over", lang,
                                    names=names, amount=T.money(signed["amount"], bcur, lang),
                                    over=T.money(-left if left is not None else None, bcur, lang))
                if left is not None and left < 0:
                    status = "missed"
        out.append(_item("C-BUDGET", "budget", text, status=status,
                         numbers={"cost": b["cost"], "budget": b["budget"],
                                  "signed_without_post": signed["amount"] if signed else None}))
    elif totals.get("cost") is not None:
        out.append(_item("C-BUDGET", "budget", T.say("budget_none", lang, cost=T.money(totals["cost"], cur, lang)),
                         status="unknown", numbers={"cost": totals["cost"]}))
    elif mixed:  # no budget, and a total cost that cannot be given: say why
        out.append(_item("C-BUDGET", "budget", T.say("cost_currencies", lang, n=len(mixed),
                                                     currencies=T.join(mixed, lang)),
                         status="unknown", numbers={"cost": None, "currencies": mixed}))
    # C-COMPLIANCE: the posts per status (compliance.compliance_status), the counts the chart shows
    d = totals["compliance"]
    checked = d["compliant"] + d["to_check"] + d["not_compliant"]
    unchecked = (T.say("compliance_unchecked_one" if d["not_checked"] == 1 else "compliance_unchecked_many", lang,
                       n=d["not_checked"]) if d["not_checked"] else "")
    to_check = T.say("compliance_check_count", lang, n=d["to_check"]) if d["to_check"] else ""
    numbers = {"checked": checked, "ok": d["compliant"], "to_check": d["to_check"], "not_compliant": d["not_compliant"],
               "banned": d["banned"], "not_checked": d["not_checked"]}
    if not checked:
        out.append(_item("C-COMPLIANCE", "compliance", T.say("compliance_none", lang), status="unknown",
                         numbers=numbers))
    elif d["not_compliant"]:
        banned = T.say("compliance_banned", lang, n=d["banned"]) if d["banned"] else ""
        out.append(_item("C-COMPLIANCE", "compliance", T.say(
            "compliance_summary", lang, ok=d["compliant"], checked=checked, bad=d["not_compliant"], banned=banned,
            to_check=to_check, unchecked=unchecked), status="missed", numbers=numbers))
    elif d["to_check"]:
        out.append(_item("C-COMPLIANCE", "compliance", T.say(
            "compliance_to_check", lang, ok=d["compliant"], checked=checked, to_check=to_check, unchecked=unchecked),
            status="check", numbers=numbers))
    else:
        out.append(_item("C-COMPLIANCE", "compliance", T.say("compliance_one" if checked == 1 else "compliance_all",
                                                             lang, checked=checked, unchecked=unchecked),
                         status="met", numbers=numbers))
    if rows:
        met = sum(1 for r in rows if r["status"] == "met")
        almost = sum(1 for r in rows if r["status"] == "almost")
        out.append(_item("C-OVERALL", "overall", T.say("overall", lang, met=met, total=len(rows),
                                                      almost=T.say("overall_almost", lang, n=almost) if almost else ""),
                         numbers={"met": met, "almost": almost, "total": len(rows)}))
    else:
        parts = [T.say("result_views", lang, n=T.count(totals["views"], "measured_view", lang))
                 if totals.get("views") else "",
                 T.say("result_engagements", lang, n=T.count(totals["engagements"], "engagement", lang))
                 if totals.get("engagements") else ""]
        summary = T.join([p for p in parts if p], lang)
        if summary and totals.get("cost") is not None:
            summary += " " + T.say("result_cost", lang, cost=T.money(totals["cost"], cur, lang))
        text = T.say("overall_none", lang, results=summary) if summary else T.say("overall_nothing", lang)
        out.append(_item("C-OVERALL", "overall", text, numbers={"met": 0, "almost": 0, "total": 0}))
    return out


# ------------------------------------------------------------------------------------- block 4


def recommendations_block(ctx: Context, results: dict[str, Any], totals: dict[str, Any], aims: Objectives,
                          orders_given: bool) -> list[dict[str, Any]]:
    """Block 4 (rules R-*)."""
    order = ("renew", "renew_if", "negotiate", "watch", "drop")
    # (results["creators"] are ctx.creators' rows, in their order)
    verdicts = [_verdict_for(ctx, c, results, totals, aims, cpe_basis(ctx, who.indexes))
                for c, who in zip(results["creators"], ctx.creators, strict=True)]
    out: list[dict[str, Any]] = sorted((v for v in verdicts if v is not None), key=lambda v: order.index(v["action"]))
    out += _budget_moves(ctx, results)
    out += _fixes(ctx, results)
    out += _tracking(ctx, totals, orders_given)
    if not out:
        out.append(_rec("R-WATCH", "none", None, T.say("nothing_to_recommend", ctx.lang), {}))
    return out


def _verdict_for(ctx: Context, c: dict[str, Any], results: dict[str, Any], totals: dict[str, Any],
                 aims: Objectives, basis: tuple[float, float] | None) -> dict[str, Any] | None:
    """One recommendation per creator: drop, renew (on condition), renegotiate, or watch (the rules of
    thresholds/report.py, first that applies). `basis` is the (cost, engagements) the creator's CPE is over:
    a fair price is computed on those posts and compared with that cost, and a renegotiation is advised only
    when it is below what was paid."""
    lang, cur = ctx.lang, ctx.currency
    creators = results["creators"]
    cpes = [x["cpe"] for x in creators if x.get("cpe") is not None]
    mid = median(cpes) if len(cpes) >= int(setting("min_for_median")) else None
    key, ranked = _rate_basis(creators)
    rates = [r[key] for r in ranked]
    half = median(rates) if len(rates) >= int(setting("min_ranked")) else None
    sales_goal = any(t.metric in SALES_METRICS for t in aims.targets)
    campaign_roas = totals.get("roas")
    if campaign_roas is None:  # orders in several currencies: the median of the creators' own ROAS (a ratio
        known = [x["roas"] for x in creators if x.get("roas") is not None]  # in one currency each, never a sum)
        campaign_roas = round(median(known), 4) if known else None
    reference = setting("break_even_roas")
    if campaign_roas is not None:
        reference = min(reference, campaign_roas)
    ratios = [b["ratio"] for b in c["benchmarks"] if b["ratio"] is not None]
    cpe, roas = c.get("cpe"), c.get("roas")
    numbers = {"benchmark_ratio": min(ratios) if ratios else None, "cpe": cpe, "median_cpe": mid, "roas": roas,
               "reference_roas": reference if roas is not None else None}
    who = c["creator"]
    posts = [row for row in results["posts"] if row["creator"] == who]
    if c["banned"]:
        rules = sorted({r for row in posts if row["compliance_level"] == "block"
                        for r in (row["compliance"] or "").split(", ") if r})
        return _rec("R-DROP", "drop", who, T.say("drop", lang, who=who, why=T.say("why_banned", lang,
                                                                                rules=", ".join(rules))), numbers)
    costly = cpe is not None and mid is not None and cpe > setting("renew_max_cpe_ratio") * mid
    far_below = bool(ratios) and all(r < setting("drop_max_benchmark") for r in ratios)
    if far_below and (costly or cpe is None or mid is None):
        why = [T.say("why_far_below", lang, ratio=T.times(min(ratios), lang))]
        if costly:
            why.append(T.say("why_costly", lang, cpe=T.money(cpe, cur, lang), median=T.money(mid, cur, lang)))
        return _rec("R-DROP", "drop", who, T.say("drop", lang, who=who, why=T.join(why, lang)), numbers)
    if sales_goal and roas is not None and roas < setting("drop_roas_ratio") * reference:
        return _rec("R-DROP", "drop", who, T.say("drop", lang, who=who, why=T.say(
            "why_roas_low", lang, roas=T.roas(roas, lang), orders=T.count(c.get("orders"), "order", lang),
            cost=T.money(c.get("cost"), cur, lang), reference=T.roas(reference, lang))), numbers)
    good_er = (all(r >= setting("renew_min_benchmark") for r in ratios) if ratios
               else (half is not None and c.get(key) is not None and c[key] >= half))
    pays = roas is None or roas >= reference
    pros: list[str] = []
    cons: list[str] = []
    if ratios:
        (pros if good_er else cons).append(T.say("why_bench", lang, ratio=T.times(min(ratios), lang)))
    elif half is not None and c.get(key) is not None:
        (pros if good_er else cons).append(T.say("why_half" if good_er else "why_low_half", lang,
                                                 rate=T.pct(c[key], lang)))
    if cpe is not None and mid is not None:
        (cons if costly else pros).append(T.say("why_cpe", lang, cpe=T.money(cpe, cur, lang),
                                                median=T.money(mid, cur, lang)))
    if roas is not None:
        (pros if pays else cons).append(T.say("why_roas", lang, roas=T.roas(roas, lang),
                                              campaign=T.roas(campaign_roas, lang)))
    if good_er and not costly and pays:
        if c["disclosure_problems"]:
            rules = sorted({r for row in posts for r in (row["compliance"] or "").split(", ") if r})
            return _rec("R-RENEW", "renew_if", who, T.say("renew_if", lang, who=who, rules=", ".join(rules),
                                                          why=T.join(pros, lang)), numbers)
        return _rec("R-RENEW", "renew", who, T.say("renew", lang, who=who, why=T.join(pros, lang)), numbers)
    if good_er and costly and basis is not None and mid is not None and mid * basis[1] < basis[0]:
        paid, engagements = basis
        fair = mid * engagements
        return _rec("R-NEGOTIATE", "negotiate", who, T.say(
            "negotiate", lang, who=who, median=T.money(mid, cur, lang), eng=T.count(engagements, "engagement", lang),
            fair=T.money(fair, cur, lang), cost=T.money(paid, cur, lang)),
            {**numbers, "fair_price": round(fair, 2), "paid": paid, "engagements": whole(engagements)})
    if not pros and not cons:
        return None
    key = "watch" if pros and cons else ("watch_cons" if cons else "watch_pros")
    return _rec("R-WATCH", "watch", who, T.say(key, lang, who=who, pros=T.join(pros, lang), cons=T.join(cons, lang)),
                numbers)


def _rec(rule: str, action: str, subject: str | None, text: str, numbers: dict[str, Any]) -> dict[str, Any]:
    return {"rule": rule, "action": action, "subject": subject, "text": text, "numbers": numbers}


def _budget_moves(ctx: Context, results: dict[str, Any]) -> list[dict[str, Any]]:
    """A move of budget from the dearest network (format) to the cheapest per engagement. A format move
    that is the network move again (each side the only format of its network) is not said twice."""
    lang, cur = ctx.lang, ctx.currency
    out = []
    posts_on = {r["network"]: r["posts"] for r in results["networks"]}
    moved: tuple[Any, Any] | None = None
    for dimension in ("network", "format"):
        rows = [r for r in results[f"{dimension}s"] if r.get("cpe") is not None and r[dimension] != "?"
                and (r.get("creators") or 0) >= setting("budget_shift_min_creators")]
        if len(rows) < int(setting("min_ranked")):
            continue
        ordered = sorted(rows, key=lambda r: r["cpe"])
        best, worst = ordered[0], ordered[-1]
        if not best["cpe"] or worst["cpe"] / best["cpe"] < setting("budget_shift_ratio"):
            continue
        if dimension == "network":
            moved = (worst["network"], best["network"])
        elif moved == (worst["network"], best["network"]) and all(
                r["posts"] == posts_on.get(r["network"]) for r in (worst, best)):
            continue
        source, target = group_id(worst, dimension), group_id(best, dimension)
        out.append(_rec("R-BUDGET", "budget", f"{source} -> {target}", T.say(
            "budget_shift", lang, worst=group_name(worst, dimension, lang), best=group_name(best, dimension, lang),
            worst_cpe=T.money(worst["cpe"], cur, lang), best_cpe=T.money(best["cpe"], cur, lang),
            ratio=T.times(worst["cpe"] / best["cpe"], lang)),
            {"from": source, "to": target, "from_cpe": worst["cpe"], "to_cpe": best["cpe"], "dimension": dimension}))
    return out


def _to_fix(v: Any) -> list[str]:
    """The mentions a disclosure fix names: a late post's labels to move up (not the "#cadeau" beside
    them, which is no label); else every mention found (what to replace)."""
    if v.disclosure == "late":
        return list(v.labels) or list(v.mentions)
    return list(v.mentions)


def _fixes(ctx: Context, results: dict[str, Any]) -> list[dict[str, Any]]:
    from ..thresholds.compliance import cut_for, placement_for

    lang = ctx.lang
    out = []
    for p, row in zip(ctx.posts, results["posts"], strict=True):
        v = ctx.verdicts[p.index]
        if row["compliance_status"] != "not_compliant":  # (the posts the table says not compliant)
            continue
        cut = cut_for(p.platform, p.format)
        cut_text = (T.say("cut_lines", lang, chars=cut.chars, lines=cut.lines) if cut.lines and cut.chars
                    else T.say("cut_chars", lang, chars=cut.chars) if cut.chars else T.say("cut_none", lang))
        sets = [s for s, d in v.by_rule_set.items() if d not in (None, "ok")] or list(v.by_rule_set)
        label = T.say("label_ad" if sets and sets[0] in ("us", "uk") else "label_fr", lang)
        values = {"who": row["creator"], "network": platform_name(p.platform), "day": T.day(row["published_on"], lang),
                  "cut": cut_text, "label": label, "rules": row["compliance"] or "",
                  "found": ", ".join(f"« {m} »" if lang == "fr" else f'"{m}"' for m in _to_fix(v)) or "—",
                  "not_enough": T.say("not_enough_many" if len(_to_fix(v)) > 1 else "not_enough_one", lang)}
        # the fix of the disclosure itself, then the reason of every other rule the post fails (its own text)
        others = [f for f in dict.fromkeys((f.rule, f.reason) for f in v.findings if f.level != "warn")]
        if v.level == "block":
            key = "fix_banned"
            others = []  # taking the post down fixes every rule
        elif v.disclosure in ("missing", "insufficient", "late"):
            # where the platform wants it (a live: on screen; TikTok, YouTube: their own tools too), else
            # before the "more" cut, or at the caption's start where there is no cut
            where = placement_for(p.platform, p.format).where
            key = ("fix_story" if where == "story" else f"fix_{v.disclosure}_{where}" if where != "caption"
                   else f"fix_{v.disclosure}" + ("" if cut.chars else "_start"))
            others = [(rule, reason) for rule, reason in others if rule not in LABEL_RULES]
        else:
            key = "fix_other"
            values["reasons"] = join_items((_reason(r) for _, r in others), lang)
            others = []
        text = T.say(key, lang, **values)
        if others:
            text = T.say("fix_also", lang, fix=text, reasons=join_items(
                (_reason(r) for _, r in others), lang))
        out.append(_rec("R-DISCLOSURE", "disclosure", row["creator"], text,
                        {"row": row["row"], "sheet": row.get("sheet"), "disclosure": v.disclosure,
                         "rules": row["compliance"],
                         "reasons": list(v.reasons)}))
    return out


# the rules a disclosure verdict (missing, insufficient, late) stands for: the fix of the label answers them;
# any other failed rule of the post (alcohol message, retouched images, video...) is said with its own reason
LABEL_RULES = frozenset({"FR-01", "FR-02", "FR-03", "FR-04", "US-01", "US-02", "US-03", "UK-01", "UK-02", "UK-03",
                         "EU-02", "EU-03", "EU-04"})


def _reason(reason: str) -> str:
    """A checker's reason without its closing legal source ('FR-15 : alcool (...) sans le message ...'):
    the source stays in the posts' table and the JSON."""
    return re.sub(r"\s*\(source\s?: [^()]*(?:\([^()]*\)[^()]*)*\)\s*$", "", reason).rstrip(" .")


def _tracking(ctx: Context, totals: dict[str, Any], orders_given: bool) -> list[dict[str, Any]]:
    lang = ctx.lang
    out = []
    ig = [p for p in ctx.posts if p.platform == "instagram" and p.value("views") is None]
    if ig:
        out.append(_rec("R-TRACKING", "tracking", "instagram", T.say("track_insights", lang, n=T.count(len(ig), "post", lang)),
                        {"posts": len(ig)}))
    other = [p for p in ctx.posts if p.platform != "instagram" and p.value("views") is None]
    if other:
        nets = ", ".join(sorted({platform_name(p.platform) for p in other}))
        out.append(_rec("R-TRACKING", "tracking", "views", T.say("track_views", lang, n=T.count(len(other), "post", lang), networks=nets),
                        {"posts": len(other)}))
    if not orders_given and not any(c.tracked for c in ctx.creators):
        out.append(_rec("R-TRACKING", "tracking", "orders", T.say("track_orders", lang), {}))
    no_code = [c.name for c in ctx.creators if not c.codes]
    if no_code and (orders_given or any(c.codes for c in ctx.creators)):
        out.append(_rec("R-TRACKING", "tracking", "promo_code", T.say("track_codes", lang,
                                                                      names=T.join(no_code, lang)),
                        {"creators": no_code}))
    if totals["posts"] - totals["cost_posts"]:
        out.append(_rec("R-TRACKING", "tracking", "cost", T.say("track_cost", lang, n=T.count(
                                                                totals["posts"] - totals["cost_posts"], "post", lang)),
                        {"posts": totals["posts"] - totals["cost_posts"]}))
    if totals.get("clicks") is None:  # links made already (`influkit links`): their clicks are to export
        made = any(p.tracked_url for p in ctx.posts)
        out.append(_rec("R-TRACKING", "tracking", "clicks", T.say("track_clicks_export" if made else "track_clicks",
                                                                  lang), {}))
    return out
