"""`influkit history import FILE` and `influkit history show HANDLE`: follower history in the workspace."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from .common import DbOpt, QuietOpt, ReportFormatOpt, handles_errors, say, stdout_is_terminal

ORDER = 40

history_app = typer.Typer(help="Follower history: import Social Blade / Iconosquare / YouTube exports, show trends "
                               "and spikes.", no_args_is_help=True)



@history_app.command("import")
@handles_errors
def import_cmd(
    file: Annotated[str, typer.Argument(help="History export (CSV or Excel); '-' reads stdin.")],
    platform: Annotated[str | None, typer.Option("--platform", help="Platform of the accounts (guessed for "
                                                  "YouTube exports).")] = None,
    handle: Annotated[str | None, typer.Option("--handle", help="Account of a one-account file (Iconosquare).")] = None,
    total: Annotated[int | None, typer.Option("--total", help="Known total at the last date, to turn gains into "
                                              "totals.")] = None,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="'json' prints the import result on stdout.")] = None,
    db: DbOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Record a follower history (totals or gains, one account or many in long format) in the workspace."""
    from ..errors import UsageError
    from ..history import import_history
    from ..store import Store

    if fmt not in (None, "json"):
        raise UsageError(f"--format {fmt!r}: only json is available for import")
    with Store(db) as store:
        result = import_history(store, file, platform=platform, handle=handle, total=total)
    if fmt == "json":
        print(json.dumps(result.as_dict(), ensure_ascii=False))
    kinds = {a.kind for a in result.accounts}
    relative = sum(a.relative for a in result.accounts)
    rounded = sum(a.rounded for a in result.accounts)
    estimated = sum(a.estimated for a in result.accounts)
    say(f"{file}: {len(result.accounts)} accounts, {result.points} points ({'/'.join(sorted(kinds))}) recorded in "
        f"{store.path}",
        *([f"{relative} gains-only series kept relative (no known total: give --total)"] if relative else []),
        *([f"{rounded} series rounded to 3 significant figures (rounding steps are not spikes)"] if rounded else []),
        *([f"{estimated} estimated points (kept, left out of spike detection)"] if estimated else []),
        quiet=quiet)


@history_app.command("show")
@handles_errors
def show_cmd(
    handle: Annotated[str, typer.Argument(help="Handle, channel id or name of a stored account.")],
    platform: Annotated[str | None, typer.Option("--platform", help="Platform, when the handle is on several.")] = None,
    fmt: ReportFormatOpt = None,
    db: DbOpt = None,
) -> None:
    """Print an account's follower series, growth, trend, spikes and drops."""
    from ..errors import UsageError
    from ..history import account_history, find_account
    from ..metrics.trends import sparkline
    from ..store import Store

    fmt = fmt or ("table" if stdout_is_terminal() else "csv")
    if fmt not in ("table", "csv", "json"):
        raise UsageError(f"--format {fmt!r}: choose table, csv or json")
    with Store(db) as store:
        hist = account_history(store, find_account(store, handle, platform))
    data = hist.as_dict()
    if fmt == "json":
        print(json.dumps(data, ensure_ascii=False))
        return
    if fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["date", "followers", "event"])
        ends = {e.end: e.kind for e in hist.events}
        for day, value in hist.series:
            writer.writerow([day.isoformat(), int(value), ends.get(day, "")])
        return
    t = hist.trend
    lines = [f"{hist.platform}:{hist.handle}" + (f" ({hist.creator})" if hist.creator else "")
             + f", {data['points']} points {data['first']}..{data['last']}"
             + (" (relative: running sum of gains, no known total)" if hist.relative else "")]
    lines.append(sparkline([v for _, v in hist.series]))
    growth = ", ".join(f"{w}d {t.growth[w]:+,.0f}" + (f" ({t.growth_pct[w]:+.2%})" if t.growth_pct[w] is not None
                                                        else "")
                       for w in t.growth if t.growth[w] is not None)
    lines.append(f"growth: {growth or 'not enough history'}; trend: {t.trend}"
                 + (f" over {t.window}" if t.window else ""))
    for e in hist.events:
        lines.append(f"{e.kind}: {e.start}..{e.end} ({e.days} days) {e.gain:+,.0f}, "
                     f"usual {e.usual_per_day:+,.1f}/day, excess {e.excess:+,.0f}")
    if not hist.events:
        lines.append("no spike or drop")
    print("\n".join(lines))


def register(app: typer.Typer) -> None:
    app.add_typer(history_app, name="history")
