"""`influkit propose HANDLE --deliverable FORMAT`: a format, a call to action and a fair price."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import CampaignOpt, DbOpt, QuietOpt, StdoutFormatOpt, handles_errors, say, store_arg

ORDER = 43


@handles_errors
def propose(
    handle: Annotated[str, typer.Argument(help="Handle, @handle, platform:handle or profile link of the "
                                          "creator's account.")],
    deliverable: Annotated[str, typer.Option("--deliverable", "-d", help="story, feed_post, carousel, reel, "
                                             "tiktok_video, youtube_dedicated, youtube_integration, blog_article, "
                                             "live.")],
    count: Annotated[int, typer.Option("--count", "-n", help="How many deliverables.")] = 1,
    price: Annotated[str | None, typer.Option("--price", help="Price offered for all of them (default: the middle "
                                              "of the suggestion).")] = None,
    currency: Annotated[str | None, typer.Option("--currency", help="Currency (default: the campaign's, else "
                                                 "EUR).")] = None,
    cta: Annotated[str | None, typer.Option("--cta", help="Call to action: code, link or bio.")] = None,
    usage_days: Annotated[int | None, typer.Option("--usage-days", help="Days the brand may reuse the content.")] = None,
    whitelisting: Annotated[bool, typer.Option("--whitelisting", help="The brand may run ads from the creator's "
                                               "account.")] = False,
    accept: Annotated[bool, typer.Option("--accept", help="The creator agreed: record the deliverables as agreed.")] = False,
    platform: Annotated[str | None, typer.Option("--platform", help="Platform, when the handle is on several.")] = None,
    campaign: CampaignOpt = None,
    fmt: StdoutFormatOpt = None,
    db: DbOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Suggest a fair price for a deliverable, say how, and record the proposal in the campaign.

    Price bands per format and network are in `influkit thresholds` (group "proposal price"), each with
    its source. --accept turns the proposal into agreed deliverables (the creator moves to deal).
    """
    import influkit

    from .render import REPORT_FORMATS, emit_report, resolve_format

    out_format = resolve_format("-", fmt, REPORT_FORMATS, terminal="table")
    report = influkit.propose(handle, deliverable=deliverable, count=count, price=price, currency=currency, cta=cta,
                              usage_days=usage_days, whitelisting=whitelisting, accept=accept, platform=platform,
                              campaign=campaign, store=store_arg(db, False))
    emit_report(report, "-", out_format)
    hint = report["suggestion"]
    say(f"suggested: {hint['method']}", f"source: {hint['source']}",
        f"{report['status']} in campaign {report['campaign']}: {report['count']} {report['deliverable']} for "
        f"{report['currency']} {report['price'] if report['price'] is not None else '?'}", quiet=quiet)


def register(app: typer.Typer) -> None:
    app.command("propose")(propose)
