"""`influkit campaign new|list|show|edit|archive`: the workspace's campaigns."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ..thresholds import FX_PER_EUR
from .common import DbOpt, QuietOpt, StdoutFormatOpt, handles_errors, say, shell_word, store_arg

if TYPE_CHECKING:
    from ..api import CampaignSummary

ORDER = 35

campaign_app = typer.Typer(help="Campaigns: a brand profile, budget, dates, objectives and its own list, stages and "
                                "prices over shared creators.", no_args_is_help=True)

NameArg = Annotated[str, typer.Argument(help="Campaign name.")]
BrandOpt = Annotated[str | None, typer.Option("--brand", help="Brand profile (TOML) the campaign scores with.")]
BudgetOpt = Annotated[str | None, typer.Option("--budget", help="Budget, e.g. 5000, '5 000 €' or '£8,000' (the "
                                               "currency it writes is the campaign's).")]
CurrencyOpt = Annotated[str | None, typer.Option("--currency", help="Currency of the budget and prices (an ISO code; "
                                                 f"estimates converted to it: {', '.join(FX_PER_EUR)}; default: the "
                                                 "budget's, else EUR).")]
StartOpt = Annotated[str | None, typer.Option("--start", help="First day (ISO or dd/mm/yyyy).")]
EndOpt = Annotated[str | None, typer.Option("--end", help="Last day.")]
ObjectiveOpt = Annotated[list[str] | None, typer.Option("--objective", help="An objective, read as report "
                                                         "--objectives reads it: views=1,2M, cpe=0,25 €, er_views=5 %, "
                                                         "sales=200, or any name=number such as deals=10 "
                                                         "(repeatable).")]
LegalOpt = Annotated[str | None, typer.Option("--legal-basis", help="Legal-basis note (default: legitimate "
                                              "interest, GDPR art. 6(1)(f)).")]
DefaultOpt = Annotated[bool, typer.Option("--default", help="Make it the workspace's default campaign.")]


def _show(report: CampaignSummary, fmt: str | None) -> None:
    from .render import REPORT_FORMATS, emit_report, resolve_format

    emit_report(report, "-", resolve_format("-", fmt, REPORT_FORMATS, terminal="table"))


@campaign_app.command("new")
@handles_errors
def new_cmd(name: NameArg, brand: BrandOpt = None, budget: BudgetOpt = None, currency: CurrencyOpt = None,
            start: StartOpt = None, end: EndOpt = None, objective: ObjectiveOpt = None, legal_basis: LegalOpt = None,
            default: DefaultOpt = False, fmt: StdoutFormatOpt = None, db: DbOpt = None, quiet: QuietOpt = False) -> None:
    """Create a campaign (then use it with --campaign NAME on enrich, score, funnel, set...)."""
    import influkit

    report = influkit.campaign_new(name, brand=brand, budget=budget, currency=currency, start=start, end=end,
                                   objectives=objective, legal_basis=legal_basis, default=default,
                                   store=store_arg(db, False))
    _show(report, fmt)
    say(f"campaign {report['name']!r} created" + (" (the default)" if report["is_default"] else
                                                  f"; use it with --campaign {shell_word(report['name'])}"), quiet=quiet)


@campaign_app.command("edit")
@handles_errors
def edit_cmd(name: NameArg, brand: BrandOpt = None, budget: BudgetOpt = None, currency: CurrencyOpt = None,
             start: StartOpt = None, end: EndOpt = None, objective: ObjectiveOpt = None, legal_basis: LegalOpt = None,
             default: DefaultOpt = False, fmt: StdoutFormatOpt = None, db: DbOpt = None,
             quiet: QuietOpt = False) -> None:
    """Change a campaign's brand profile, budget, dates, objectives or legal-basis note."""
    import influkit

    _show(influkit.campaign_edit(name, brand=brand, budget=budget, currency=currency, start=start, end=end,
                                 objectives=objective, legal_basis=legal_basis, default=default,
                                 store=store_arg(db, False)), fmt)


@campaign_app.command("list")
@handles_errors
def list_cmd(fmt: StdoutFormatOpt = None, db: DbOpt = None, quiet: QuietOpt = False) -> None:
    """List the campaigns with their status, dates, budget and accounts."""
    import influkit

    from .render import emit_table, resolve_format

    table = influkit.campaign_list(store=store_arg(db, False))
    emit_table(table, "-", resolve_format("-", fmt, ("table", "json", "csv"), terminal="table"))


@campaign_app.command("show")
@handles_errors
def show_cmd(name: Annotated[str | None, typer.Argument(help="Campaign name (default: the default one).")] = None,
             fmt: StdoutFormatOpt = None, db: DbOpt = None, quiet: QuietOpt = False) -> None:
    """Show a campaign: settings, objectives, legal basis, accounts per stage, proposals."""
    import influkit

    _show(influkit.campaign_show(name, store=store_arg(db, False)), fmt)


@campaign_app.command("archive")
@handles_errors
def archive_cmd(name: NameArg, fmt: StdoutFormatOpt = None, db: DbOpt = None, quiet: QuietOpt = False) -> None:
    """Archive a campaign: kept and readable, no longer changed."""
    import influkit

    report = influkit.campaign_archive(name, store=store_arg(db, False))
    _show(report, fmt)
    say(f"campaign {report['name']!r} archived", quiet=quiet)


def register(app: typer.Typer) -> None:
    app.add_typer(campaign_app, name="campaign")
