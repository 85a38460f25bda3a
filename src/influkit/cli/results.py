"""`influkit results ORDERS [FILE]`: sales by promo code and UTM link, per creator, with CPA/ROI/ROAS."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import (
    DbOpt,
    ListFileArg,
    QuietOpt,
    ReportFormatOpt,
    ReportOutputOpt,
    SheetOpt,
    handles_errors,
    load_list,
    option_list,
    say,
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
    db: DbOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Match orders (by discount code) and UTM analytics (by utm_content = handle) to creators and report
    per creator: orders, revenue, cost (price paid), CPA, ROI and ROAS, plus the totals.
    Cancelled and refunded orders are left out. JSON schema: docs/funnel.md."""
    from ..funnel import write_json, write_rows_csv
    from ..results import read_orders, read_utm, result_rows
    from ..results import results as run_results
    from .funnel import print_table, report_format

    out_format = report_format(fmt, output)
    maps = option_list(mapping)
    order_list, excluded = read_orders(orders, source=source, mapping=maps)
    utm_rows = [row for path in option_list(utm) for row in read_utm(path, mapping=maps)]
    table, _ = load_list(file, db=db, sheet=sheet, quiet=quiet)
    report = run_results(table, order_list, excluded=excluded, utm_rows=utm_rows, window=window)
    if out_format == "json":
        write_json(report, output)
    elif out_format == "csv":
        write_rows_csv(*result_rows(report), output)
    else:
        from ..results import SUMMARY_COLUMNS

        # on a narrow terminal, these columns are left out first (creator and the money never are)
        print_table("campaign results", SUMMARY_COLUMNS, result_rows(report)[1],
                    drop_first=("currency", "roas", "cpa", "promo_code"))
    st = report["orders"]
    say(f"{st['read']} orders read: {st['counted']} counted for {report['totals']['creators']} creators shown, "
        f"{st['cancelled']} cancelled, {st['refunded']} refunded, {st['refund_lines']} refund lines, "
        f"{st['no_code']} without a code, "
        f"{st['unmatched']} with an unknown code"
        + (f", {st['outside_window']} outside the {window}-day window ({st['window_unchecked']} not checked: "
           "no published_on)" if window is not None else ""),
        *(f"warning: {w}" for w in report["warnings"]), quiet=quiet)


def register(app: typer.Typer) -> None:
    app.command("results")(results)
