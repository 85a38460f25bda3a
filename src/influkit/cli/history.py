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
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first unreadable cell (exit 1, nothing "
                                         "recorded) instead of skipping it.")] = False,
    db: DbOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Record a follower history (totals or gains, one account or many in long format) in the workspace.

    An unreadable cell skips its point and is counted (the first one is named); --strict stops instead."""
    from ..errors import UsageError
    from ..history import import_history
    from ..store import Store

    if fmt not in (None, "json"):
        raise UsageError(f"--format {fmt!r}: only json is available for import")
    with Store(db) as store:
        result = import_history(store, file, platform=platform, handle=handle, total=total, strict=strict)
    if fmt == "json":
        print(json.dumps(result.as_dict(), ensure_ascii=False))
    kinds = {a.kind for a in result.accounts}
    relative = sum(a.relative for a in result.accounts)
    rounded = sum(a.rounded for a in result.accounts)
    estimated = sum(a.estimated for a in result.accounts)
    anchored = [f"{a.platform}:{a.handle}: {x}" for a in result.accounts for x in a.anchored]
    bad = result.bad_cells
    say(f"{file}: {len(result.accounts)} accounts, {result.points} points ({'/'.join(sorted(kinds))}) recorded in "
        f"{store.path}",
        *([f"{result.duplicates} duplicate dates: last value kept"] if result.duplicates else []),
        *([f"{len(bad)} unreadable cells skipped (first: {bad[0]})"] if bad else []),
        *([f"{relative} gains-only series kept relative (no known total: give --total)"] if relative else []),
        *([f"earlier relative series anchored: {'; '.join(anchored)}"] if anchored else []),
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
    quiet: QuietOpt = False,
) -> None:
    """Print an account's follower series, growth, trend, spikes and drops."""
    from ..errors import UsageError
    from ..history import RELATIVE_NOTE, account_history, find_account
    from ..metrics.trends import sparkline
    from ..store import Store

    fmt = fmt or ("table" if stdout_is_terminal() else "csv")
    if fmt not in ("table", "csv", "json"):
        raise UsageError(f"--format {fmt!r}: choose table, csv or json")
    with Store(db) as store:
        hist = account_history(store, find_account(store, handle, platform))
    data = hist.as_dict()
    note = [f"followers {RELATIVE_NOTE} (history import FILE --total N)"] if hist.relative else []
    if hist.beside:
        note.append(f"also imported, {RELATIVE_NOTE}: {', '.join(hist.beside)}")
    if fmt == "json":
        print(json.dumps(data, ensure_ascii=False))
        say(*note, quiet=quiet)
        return
    if fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["date", "followers", "relative", "source", "event"])
        ends = {(s, e.end): e.kind for s, es in hist.events_by_source.items() for e in es}
        for (day, value), source in zip(hist.series, hist.sources, strict=True):
            writer.writerow([day.isoformat(), int(value), int(hist.relative), source, ends.get((source, day), "")])
        for source, pts in hist.beside.items():
            for day, value in pts:
                writer.writerow([day.isoformat(), int(value), 1, source, ends.get((source, day), "")])
        say(*note, quiet=quiet)
        return
    t = hist.trend
    lines = [f"{hist.platform}:{hist.handle}" + (f" ({hist.creator})" if hist.creator else "")
             + f", {data['points']} points {data['first']}..{data['last']}"]
    if hist.relative:
        lines.append(f"followers are {RELATIVE_NOTE} (running sum of gains)")
    lines.extend(f"anchored: {a}" for a in hist.anchors)
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
    for source, pts in hist.beside.items():
        lines.append(f"also imported: {source}, {len(pts)} points {pts[0][0]}..{pts[-1][0]}, "
                     f"{pts[-1][1] - pts[0][1]:+,.0f} over them, {RELATIVE_NOTE}")
        lines.append(sparkline([v for _, v in pts]))
    print("\n".join(lines))


def register(app: typer.Typer) -> None:
    app.add_typer(history_app, name="history")
