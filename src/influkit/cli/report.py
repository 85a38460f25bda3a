"""`influkit report [FILE] -o bilan.html`: the client report of a campaign in four blocks."""

from __future__ import annotations

from typing import Annotated

import typer

from ..text import count
from .common import (
    CampaignOpt,
    DbOpt,
    FromOpt,
    NoStoreOpt,
    QuietOpt,
    SheetOpt,
    handles_errors,
    option_list,
    refuse_overwriting_input,
    say,
    store_arg,
)

ORDER = 46
FORMATS = ("html", "md", "xlsx", "json", "csv", "table")


@handles_errors
def report(
    file: Annotated[
        str | None,
        typer.Argument(help="Post-campaign sheet, one row per post (csv, xlsx, ods, json); with --posts, the prospect "
                       "list the posts belong to (default: the workspace's list)."),
    ] = None,
    posts: Annotated[
        str | None, typer.Option("--posts", metavar="FILE", help="Posts file (links, captions, numbers; a TikTok or Instagram export).")
    ] = None,
    orders: Annotated[
        str | None, typer.Option("--orders", metavar="FILE", help="Shop orders export (CSV, e.g. Shopify's): sales by promo code.")
    ] = None,
    clicks: Annotated[
        str | None, typer.Option("--clicks", metavar="FILE", help="Clicks export (tracked links, or UTM analytics with utm_content).")
    ] = None,
    brand: Annotated[
        str | None, typer.Option("--brand", "-b", help="Brand profile (TOML): its [campaign] gives objectives and "
                                 "budget; its [compliance] the rules.")
    ] = None,
    budget: Annotated[str | None, typer.Option("--budget", metavar="AMOUNT", help='Campaign budget, e.g. 8000 or "8 000 €".')] = None,
    objectives: Annotated[
        list[str] | None,
        typer.Option("--objectives", metavar="TARGETS", help='Targets, e.g. "views=600k,engagements=30k,orders=20,cpe=0.25" or '
                     '"vues=1,2M;cpe=0,25" (a decimal comma stays in its value; floors: '
                     "views, engagements, er_views, er_followers, reach, clicks, orders, revenue, roas, roi, posts; "
                     "ceilings: cpe, cpm, cpv, cpa, cost). Repeatable."),
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language of the report: fr or en (default: the captions').")
    ] = None,
    emv: Annotated[
        float | None, typer.Option("--emv", help="Show EMV = engagements x MULTIPLIER (money per engagement). Off "
                                   "by default: its method is disputed.", metavar="MULTIPLIER")
    ] = None,
    rules: Annotated[
        str | None, typer.Option("--rules", help="Disclosure rule sets: fr, us, uk, eu or all (default: the brand "
                                 "profile's, else fr).")
    ] = None,
    window: Annotated[
        int | None, typer.Option("--window", metavar="DAYS", help="Count only orders within DAYS after the creator's first post.")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT", help="Title of the report.")] = None,
    output: Annotated[
        str, typer.Option("--output", "-o", help="Output: .html, .md, .xlsx, .json or .csv (the posts); '-' for "
                          "stdout.")
    ] = "-",
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="html, md, xlsx, json, csv or table (default: from -o, table "
                                 "on a terminal, json on a pipe).")
    ] = None,
    sheet: SheetOpt = None,
    input_format: FromOpt = None,
    mapping: Annotated[
        list[str] | None,
        typer.Option("--map", help='Name a column: --map "Nb vues=views" (fields: views, likes, comments, shares, '
                     "saves, engagements, reach, clicks, orders, revenue, followers, cost, currency, promo_code, "
                     "tracked_url, creator, measured_on, and the check's caption, link, platform, format, flag, "
                     "published, handle...)."),
    ] = None,
    platform: Annotated[
        str | None, typer.Option("--platform", help="Network of rows that do not say (instagram, tiktok, youtube...).")
    ] = None,
    offline: Annotated[bool, typer.Option("--offline", help="No API call: the sheet's numbers only.")] = False,
    refresh: Annotated[bool, typer.Option("--refresh", help="Ask the APIs again even for posts fetched today.")] = False,
    config: Annotated[str | None, typer.Option("--config", help="Config file with API keys (see docs).")] = None,
    campaign: CampaignOpt = None,
    db: DbOpt = None,
    no_store: NoStoreOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Write the client report of a campaign: objectives, results, analysis, conclusion, recommendations.

    Results per post, creator, network and format (views, engagements, engagement rates, cost, CPE, CPM,
    CPV, clicks, orders, revenue, CPA, ROAS) against the objectives and the budget; analysis, conclusion
    and recommendations generated from the data, each with the rule that produced it; the disclosure
    check of every post. Every number says whether it was measured or estimated. Without FILE or
    --posts, the posts recorded for the campaign with `influkit set HANDLE --post URL`; the workspace
    campaign's objectives, budget and brand complete the options, and each day's reading of a post is
    kept, so later runs show D+1, D+7 and D+30. JSON: docs/report.md.
    """
    import influkit

    from .render import emit_report, print_table, resolve_format

    refuse_overwriting_input(file, output)
    refuse_overwriting_input(posts, output)
    out_format = resolve_format(output, fmt, FORMATS, terminal="table")
    if out_format == "csv" and fmt is None and (not output or output == "-"):
        out_format = "json"  # a pipe gets the whole report, not one section
    result = influkit.report(file, posts=posts, orders=orders, clicks=clicks, brand=brand, budget=budget,
                             objectives=option_list(objectives) or None, lang=lang, emv=emv, rules=rules,
                             window=window, title=title, sheet=sheet, input_format=input_format,
                             mapping=option_list(mapping), platform=platform, offline=offline, refresh=refresh,
                             config=config, campaign=campaign, store=store_arg(db, no_store))
    if out_format == "table":
        for section in ("key_figures", "objectives", "creators"):
            title, columns, rows = result.display(section)
            if rows:
                print_table(title, columns, rows)
        for block in ("analysis", "conclusion", "recommendations"):
            print(f"\n{result.heading(block)}")
            print("\n".join(result.lines(block)))
    elif out_format in ("json", "csv"):
        emit_report(result, output, out_format)
    else:
        result.write(output, out_format)
    data = result.to_dict()
    t = data["totals"]
    src = data["sources"]
    left = [count(len(src["rows_without_post"]), "row") + " without a post"] if src["rows_without_post"] else []
    kinds: dict[str, int] = {}
    for r in src.get("rows_left_out") or []:
        kinds[str(r["kind"])] = kinds.get(str(r["kind"]), 0) + 1
    left += [count(n, f"{kind} row") for kind, n in sorted(kinds.items())]
    lines = [f"{count(t['posts'], 'post')} by {count(t['creators'], 'creator')} from {src['posts']}"
             + (f" ({', '.join(left)} left out)" if left else "")]
    live = src.get("live") or {}
    lines += [f"api: {line}" for line in [*live.get("skipped", []), *live.get("stopped", [])]]
    if live.get("fetched"):
        lines.append("api: " + ", ".join(f"{k} {v} fetched" for k, v in live["fetched"].items())
                     + (f" ({live['quota_units']} YouTube quota units)" if live.get("quota_units") else ""))
    lines += [f"warning: {w}" for w in data["warnings"]]
    if output != "-":
        lines.append(f"wrote {output} ({out_format})")
    say(*lines, quiet=quiet)


def register(app: typer.Typer) -> None:
    app.command("report")(report)
