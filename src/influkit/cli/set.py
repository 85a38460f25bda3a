"""`influkit set HANDLE --stage STAGE`: move creators along a campaign's funnel."""

from __future__ import annotations

from typing import Annotated

import typer

from ..text import count
from ..thresholds.funnel import MAX_ROWS_NAMED
from .common import (
    CampaignOpt,
    DbOpt,
    LangOpt,
    QuietOpt,
    StdoutFormatOpt,
    handles_errors,
    say,
    store_arg,
)

ORDER = 44


@handles_errors
def set_cmd(
    handle: Annotated[str, typer.Argument(help="Handle, @handle, platform:handle or profile link; '-' reads one "
                                          "per line from stdin.")],
    platform: Annotated[str | None, typer.Option("--platform", help="Platform, when the handle is on several.")] = None,
    stage: Annotated[str | None, typer.Option("--stage", help="New stage: identified, contacted, replied, "
                                              "negotiating, deal, published, declined, no_reply (or the sheet's "
                                              "word, e.g. Contacté).")] = None,
    on: Annotated[str | None, typer.Option("--on", help="Day the stage was reached (default: today).")] = None,
    note: Annotated[str | None, typer.Option("--note", help="A note, added to the creator's notes with the day.")] = None,
    price: Annotated[str | None, typer.Option("--price", help="Quoted price, e.g. 1200 or '1 200 €'.")] = None,
    currency: Annotated[str | None, typer.Option("--currency", help="Currency of --price (default: the "
                                                 "campaign's).")] = None,
    post: Annotated[str | None, typer.Option("--post", metavar="URL", help="Link of a published post of the creator.")] = None,
    remove_post: Annotated[str | None, typer.Option("--remove-post", metavar="URL", help="Take back a post link "
                                                    "recorded with --post (exit 1 when it is not recorded).")] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", metavar="FILE", help="Also write the change into this workbook or CSV "
                                              "(the creator's row, in the sheet's own words; NAME.bak.xlsx first).")] = None,
    lang: LangOpt = None,
    campaign: CampaignOpt = None,
    fmt: StdoutFormatOpt = None,
    db: DbOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Record a stage (dated), a price, a note or a published post for creators in a campaign.

    --remove-post URL takes back a post link recorded by mistake (the notes keep the day it was removed);
    a link not recorded for the creator stops with exit 1 and nothing changed.

    A stage moves the person: the other accounts of the creator's sheet row (Instagram, TikTok, YouTube
    columns on one row) that stood at the same stage move with it (listed on stderr, `moved_with`).

    An unknown handle stops with exit 1 and nothing changed. Several creators at once from stdin:
    influkit set - --stage contacted < handles.txt. With --sheet FILE the change is also written into
    the creator's row of your own workbook (the stage in its words, e.g. Contacté).
    """
    import influkit

    from .render import REPORT_FORMATS, emit_report, resolve_format

    out_format = resolve_format("-", fmt, REPORT_FORMATS, terminal="table")
    report = influkit.set_stage(handle, platform=platform, stage=stage, on=on, note=note, price=price,
                                currency=currency, post=post, remove_post=remove_post, campaign=campaign, store=store_arg(db, False),
                                sheet=sheet, lang=lang)
    emit_report(report, "-", out_format)
    named = [c for c in report["changes"] if not c.get("moved_with")]
    along = [c for c in report["changes"] if c.get("moved_with")]
    moved = sum(1 for c in named if c["stage"] != c["previous_stage"])
    say(f"campaign {report['campaign']}: {count(len(named), 'creator')} updated"
        + (f", {moved} moved to another stage" if stage else ""), quiet=quiet)
    if along:
        shown = ", ".join(f"{c['platform']}:{c['handle']} (with {c['moved_with']})" for c in along[:MAX_ROWS_NAMED])
        say(f"{count(len(along), 'account')} of the same sheet row{'s' if len(named) > 1 else ''}, at the same stage, "
            f"moved with {'them' if len(named) > 1 else 'it'}: " + shown
            + (", ..." if len(along) > MAX_ROWS_NAMED else ""), quiet=quiet)
    warnings = report.data.get("warnings") or []
    for warning in warnings[:MAX_ROWS_NAMED]:  # (10,000 handles moved back: not 4,000 lines; -f json has them all)
        say(f"warning: {warning}", quiet=quiet)
    if len(warnings) > MAX_ROWS_NAMED:
        say(f"warning: {count(len(warnings) - MAX_ROWS_NAMED, 'more warning')} (all of them: -f json)", quiet=quiet)
    written = report.data.get("sheet")
    if written:
        cells = sum(len(s.get("updated") or []) + len(s.get("added") or []) for s in written["sheets"].values())
        say(f"wrote into {written['path']}: {count(cells, 'column')} touched" + (f", backup {written['backup']}"
                                                                        if written.get("backup") else "")
            if cells else f"{written['path']} already says it: nothing written", quiet=quiet)


def register(app: typer.Typer) -> None:
    app.command("set")(set_cmd)
