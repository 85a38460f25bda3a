"""`influkit results ORDERS [FILE]`: sales by promo code and UTM link, per creator, with CPA/ROI/ROAS."""

from __future__ import annotations

from typing import Annotated

import typer

from ..text import count
from .common import (
    CampaignOpt,
    DbOpt,
    ListFileArg,
    NoStoreOpt,
    QuietOpt,
    ReportFormatOpt,
    ReportOutputOpt,
    SheetOpt,
    handles_errors,
    list_message,
    option_list,
    say,
    store_arg,
)

ORDER = 42


@handles_errors
def results(
    orders: Annotated[str, typer.Argument(help="Orders export (CSV), e.g. Shopify's 'Export orders'.")],
    file: ListFileArg = None,
    source: Annotated[
        str | None, typer.Option("--from", help="Orders export kind: shopify or csv (default: find the headers).")
    ] = None,
    window: Annotated[
        int | None, typer.Option("--window", help="Count only orders within DAYS after the creator's published_on.")
    ] = None,
    utm: Annotated[
        list[str] | None, typer.Option("--utm", help="UTM analytics export (utm_content, sessions, orders, revenue); repeatable.")
    ] = None,
    mapping: Annotated[
        list[str] | None,
        typer.Option("--map", help='Map an orders column to a field, e.g. --map "Code utilisé=code" (repeatable; '
                     "fields in docs/funnel.md)."),
    ] = None,
    fmt: ReportFormatOpt = None,
    output: ReportOutputOpt = "-",
    sheet: SheetOpt = None,
    campaign: CampaignOpt = None,
    db: DbOpt = None,
    no_store: NoStoreOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Report sales per creator from promo codes and UTM links: orders, revenue, CPA, ROI, ROAS.

    Orders are matched by discount code and UTM analytics by utm_content = handle; cost is the price
    paid. Cancelled and refunded orders are left out. JSON schema: docs/funnel.md.
    """
    import influkit

    from ..campaign.results import SUMMARY_COLUMNS
    from .render import REPORT_FORMATS, emit_report, print_table, resolve_format

    out_format = resolve_format(output, fmt, REPORT_FORMATS, terminal="table")
    report = influkit.results(orders, file, source=source, window=window, utm=option_list(utm),
                              mapping=option_list(mapping), sheet=sheet, store=store_arg(db, no_store), campaign=campaign)
    if report.table is not None:
        message = list_message(report.table)
        if message:
            say(message, quiet=quiet)
    if out_format == "table":
        # on a narrow terminal, these columns are left out first (creator and the money never are)
        print_table("campaign results", SUMMARY_COLUMNS, report.rows("creators")[1],
                    drop_first=("currency", "roas", "cpa", "promo_code"))
    else:
        emit_report(report, output, out_format)
    st = report["orders"]
    listed = report["totals"]["creators"]
    selling = sum(1 for c in report["creators"] if c["orders"])
    say(f"{count(st['read'], 'order')} read: {st['counted']} counted for {count(selling, 'creator')} "
        f"with orders ({count(listed, 'creator')} listed), "
        f"{st['cancelled']} cancelled, {st['refunded']} refunded, {count(st['refund_lines'], 'refund line')}, "
        f"{st['no_code']} without a code, "
        f"{st['unmatched']} with an unknown code"
        + (f", {st['outside_window']} outside the {window}-day window ({st['window_unchecked']} not checked: "
           "no published_on)" if window is not None else "")
        # an aggregated export: each row a code with its orders count
        + (f" (an export of counts: {count(st['count_rows'], 'row')}, each a code with its number of orders)"
           if st.get("count_rows") is not None else ""),
        *(f"warning: {w}" for w in report["warnings"]), quiet=quiet)


def register(app: typer.Typer) -> None:
    app.command("results")(results)
