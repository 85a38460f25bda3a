"""Every figure of issue #14 in one run, next to its floor, the way users run the commands.

    python benchmarks/bench_commands.py                       # 100k rows, median of 3
    python benchmarks/bench_commands.py --sizes 100000,500000 --runs 3
    python benchmarks/bench_commands.py --sizes 10000 --runs 1  # a quick look

Per size (workbooks from bench_enrich.py's generator, cached in bench-out/):
- `enrich --offline` recording the workspace and writing the formatted xlsx (its profile links counted
  back: one a row, or the script stops), next to two floors: the
  xlsxwriter floor (the input read with python-calamine plus influkit's own output table written with
  xlsxwriter constant_memory) and the streamed-XML floor (the same table written as bare SpreadsheetML);
- the base `enrich FILE --offline --no-store -o x.csv`, and `score FILE --brand`, `shortlist FILE
  --brand --top 30`, `funnel FILE`, `links FILE`, each as a multiple of the base, with `--no-store` and
  again with the workspace the enrich run recorded (its history read, the command recorded), and
  without FILE on a copy of that workspace (the list it saved, loaded from it: peak memory too);
- recording the workspace: `enrich --offline -o x.csv` into a fresh SQLite workspace minus the same
  without a workspace;
- refreshing it a week later: the same `enrich --offline -o x.csv` into the workspace the first run
  recorded, seven days on (INFLUKIT_TODAY), so every account has a history to read and a snapshot to
  add, minus the same without a workspace;
- `set - --stage contacted` of a tenth of the accounts, their handles on stdin, in the workspace the
  first run recorded (moving a batch of creators along the pipeline);
- recording the workspace on PostgreSQL: the same `enrich --offline -o x.csv` into a fresh database of a
  real server started for the run (tests/pgserver.py, fsync on, 127.0.0.1) minus the same without a
  workspace (skipped with --no-postgres, or when the server's binaries are not installed);
- peak memory of every command.
After the rounds, each the median of `--runs` runs: `history import` of a 1M-row daily history
(5,000 accounts x 200 days) into a fresh workspace, and live stats: bench_live.py's `enrich` of 300
YouTube channels from a local API server that answers in 50 ms and allows 200 requests a second, as a
share of that limit (skipped with --no-live).

Each command is its own process, timed from outside with its peak RSS (bench_enrich.measure). The
commands run in rounds (every command once per round, `--runs` rounds): seconds are the median over
rounds, and a ratio is the median of each round's ratio (a slow minute of a shared host slows one round
of every command instead of every run of one); recording is the median of each round's difference.
Targets are printed beside the figures; results go to bench-out/commands.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from contextlib import ExitStack, closing
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import bench_enrich as B  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BRAND = str(ROOT / "examples" / "brand.toml")
TARGETS = {"enrich_vs_xlsxwriter": 0.5, "enrich_vs_bare": 1.3, "command_vs_base": 1.5, "growth_100k_500k": 5.5,
           "peak_mb_500k": 1024.0, "record_100k_s": 2.0, "history_1m_s": 10.0, "live_share_pct": 90.0}
PG_DATABASE = "bench_ws"


def _median(cmd: list[str], runs: int, before: Any = None) -> dict[str, float]:
    found = []
    for _ in range(runs):
        if before is not None:
            before()
        found.append(B.measure(cmd))
    return {"seconds": statistics.median(m["seconds"] for m in found),
            "peak_mb": max(m["peak_mb"] for m in found)}


def _rounds(specs: list[tuple[str, list[str], Any]], runs: int) -> dict[str, dict[str, Any]]:
    """Every command of `specs` (name, command, what to do before it) once per round, in order, for
    `runs` rounds: a slow minute of the shared host then slows one round of every command, not every run
    of one command. {name: {"seconds": median, "peak_mb": max, "runs": [seconds of each round]}}."""
    found: dict[str, list[dict[str, float]]] = {name: [] for name, _, _ in specs}
    for _ in range(runs):
        for name, cmd, before in specs:
            if before is not None:
                before()
            found[name].append(B.measure(cmd))
    return {name: {"seconds": statistics.median(m["seconds"] for m in ms), "peak_mb": max(m["peak_mb"] for m in ms),
                   "runs": [m["seconds"] for m in ms]} for name, ms in found.items()}


def _ratio(row: dict[str, Any], name: str, of: str) -> float:
    """The median over rounds of `name`'s time over `of`'s in the same round."""
    return statistics.median(a / b for a, b in zip(row[name]["runs"], row[of]["runs"], strict=True))


def _history_file(path: Path) -> Path:
    if path.exists():
        return path
    rng = random.Random(1)
    start = dt.date(2025, 1, 1)
    with path.open("w", encoding="utf-8") as fh:
        fh.write("date,platform,handle,followers\n")
        for a in range(5000):
            base, gain = rng.randint(1000, 2_000_000), rng.randint(-50, 500)
            for d in range(200):
                fh.write(f"{start + dt.timedelta(days=d)},instagram,acct{a:05d},{base + gain * d}\n")
    return path


def _postgres(stack: ExitStack) -> Any:
    """A real PostgreSQL server for the run (stopped with `stack`), or None when it cannot start here."""
    from pgserver import PgServer, PgUnavailable

    try:
        return stack.enter_context(PgServer(durable=True))
    except PgUnavailable as exc:
        print(f"no PostgreSQL figures: {exc}", file=sys.stderr)
        return None


def _fresh_database(server: Any) -> str:
    """Drop and create the run's database on `server`; its URL (the same each time: the commands keep it)."""
    import psycopg

    with psycopg.connect(server.url(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{PG_DATABASE}"')
    return str(server.url(PG_DATABASE))


_LIVE_SHARE = re.compile(r"^whole enrich: ([\d.]+) s -> [\d.]+ req/s = ([\d.]+) % of the limit", re.M)
_LIVE_STEADY = re.compile(r"^first to last request at the server: [\d.]+ req/s = ([\d.]+) % of the limit", re.M)


def _live(runs: int) -> dict[str, Any]:
    """bench_live.py `runs` times: the whole enrich's seconds and its requests a second as a share of the
    server's limit, and the share between its first and last request (medians, and each run's share)."""
    shares, seconds, steady = [], [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, str(Path(__file__).parent / "bench_live.py")], capture_output=True,
                              text=True, check=False)
        found, between = _LIVE_SHARE.search(done.stdout), _LIVE_STEADY.search(done.stdout)
        if done.returncode != 0 or found is None or between is None:
            raise RuntimeError(f"bench_live.py failed:\n{done.stdout}\n{done.stderr}")
        seconds.append(float(found.group(1)))
        shares.append(float(found.group(2)))
        steady.append(float(between.group(1)))
        print(f"live stats: {shares[-1]:.1f} % of the limit ({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    return {"seconds": statistics.median(seconds), "share_pct": statistics.median(shares), "runs": shares,
            "steady_pct": statistics.median(steady)}


def run(sizes: list[int], runs: int, history: bool, postgres: bool = True, live: bool = True) -> dict[str, Any]:
    with ExitStack() as stack:
        return _run(sizes, runs, history, _postgres(stack) if postgres else None, live)


def _run(sizes: list[int], runs: int, history: bool, server: Any, live: bool) -> dict[str, Any]:
    B.OUT_DIR.mkdir(exist_ok=True)
    exe = B.influkit_cmd()
    out: dict[str, Any] = {"sizes": {}, "targets": TARGETS}
    for n in sizes:
        src = B.generate(n, B.OUT_DIR / f"prospects_{n}.xlsx")  # cached
        tmp = B.OUT_DIR / f"cmd_{n}"
        tmp.mkdir(exist_ok=True)
        db = tmp / "ws.db"

        def fresh_store(db: Path = db) -> None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)

        r = 1 if n >= 500_000 else runs
        first = [*exe, "enrich", str(src), "--offline", "--db", str(db), "-q", "-o", str(tmp / "e.xlsx")]
        fresh_store()
        B.measure(first)  # (a warm-up, and the width of influkit's output: the floors write as many columns)
        day0 = tmp / "day0.db"  # the workspace as the first run left it, for the run a week later
        day0.unlink(missing_ok=True)
        with closing(sqlite3.connect(db)) as source, closing(sqlite3.connect(day0)) as copy:  # (its log included)
            source.backup(copy)
        week = tmp / "week.db"

        def day0_store(week: Path = week, day0: Path = day0) -> None:
            fresh_store(week)
            shutil.copyfile(day0, week)

        later = (dt.date.today() + dt.timedelta(days=7)).isoformat()
        width, out_rows, urls = B.output_width_and_urls(tmp / "e.xlsx")
        if urls != out_rows:  # every profile link still there and clickable (io-pitfalls.md: xlsxwriter's 65,530)
            raise SystemExit(f"{tmp / 'e.xlsx'}: {urls:,} profile links for {out_rows:,} rows")
        writer = [sys.executable, str(Path(__file__).parent / "bench_write.py"), "--_floor"]
        specs: list[tuple[str, list[str], Any]] = [
            ("enrich_xlsx_store", first, fresh_store),
            ("floor_xlsxwriter", [*writer, "xlsxwriter", str(src), str(width), str(tmp / "f.xlsx")], None),
            ("floor_bare", [*writer, "bare", str(src), str(width), str(tmp / "b.xlsx")], None),
            ("base_csv", [*exe, "enrich", str(src), "--offline", "--no-store", "-q", "-o", str(tmp / "e.csv")], None),
            ("enrich_csv_store", [*exe, "enrich", str(src), "--offline", "--db", str(db), "-q", "-o",
                                  str(tmp / "e2.csv")], fresh_store),
            ("enrich_csv_week", ["env", f"INFLUKIT_TODAY={later}", *exe, "enrich", str(src), "--offline", "--db",
                                 str(week), "-q", "-o", str(tmp / "e3.csv")], day0_store),
        ]
        def list_store(copy: Path = tmp / "list.db", day0: Path = day0) -> None:
            fresh_store(copy)
            shutil.copyfile(day0, copy)

        handles = tmp / "handles.txt"  # a tenth of the accounts, moved along the pipeline by `set -`
        with closing(sqlite3.connect(day0)) as conn:
            handles.write_text("".join(f"{p}:{h}\n" for p, h in conn.execute(
                "SELECT platform, handle FROM accounts ORDER BY id LIMIT ?", (max(1, n // 10),))), encoding="utf-8")
        specs.append(("set_stdin", ["sh", "-c", shlex.join([*exe, "set", "-", "--stage", "contacted", "--db", str(week),
                                                            "-q", "-f", "csv"])
                                    + f" < {shlex.quote(str(handles))} > /dev/null"], day0_store))
        if server is not None:  # (its database made afresh before each run)
            url = str(server.url(PG_DATABASE))
            specs.append(("enrich_csv_pg", [*exe, "enrich", str(src), "--offline", "--db", url, "-q", "-o",
                                            str(tmp / "e4.csv")], lambda server=server: _fresh_database(server)))
        for name, args in (
            ("score", ["score", str(src), "--brand", BRAND, "--no-store", "-o", str(tmp / "s.csv")]),
            ("shortlist", ["shortlist", str(src), "--brand", BRAND, "--top", "30", "--no-store", "-o",
                           str(tmp / "sl.csv")]),
            ("funnel", ["funnel", str(src), "--no-store", "-f", "csv", "-o", str(tmp / "f.csv")]),
            ("links", ["links", str(src), "--url", "https://shop.example/p", "--campaign", "bench", "--no-store",
                       "-o", str(tmp / "l.csv")]),
        ):
            specs.append((name, [*exe, *args, "-q"], None))
            # the same with the workspace the enrich run above recorded (its history read, the run recorded)
            # (links: the workspace's default campaign)
            with_ws = [a for a in args if a != "--no-store"]
            if name == "links":
                with_ws = [a for i, a in enumerate(with_ws) if "--campaign" not in with_ws[i - 1: i + 1]]
            specs.append((f"{name}_ws", [*exe, *with_ws, "--db", str(db), "-q"], None))
            # and without FILE: the workspace's list, as the first enrich saved it (a copy each run)
            listed = [a for a in with_ws if a != str(src)]
            specs.append((f"{name}_list", [*exe, *listed, "--db", str(tmp / "list.db"), "-q"], list_store))
        row: dict[str, Any] = _rounds(specs, r)
        # recording: the same run with and without the workspace, in the same round
        row["record_s"] = statistics.median(a - b for a, b in zip(row["enrich_csv_store"]["runs"],
                                                                  row["base_csv"]["runs"], strict=True))
        row["refresh_s"] = statistics.median(a - b for a, b in zip(row["enrich_csv_week"]["runs"],
                                                                   row["base_csv"]["runs"], strict=True))
        if "enrich_csv_pg" in row:
            row["record_pg_s"] = statistics.median(a - b for a, b in zip(row["enrich_csv_pg"]["runs"],
                                                                         row["base_csv"]["runs"], strict=True))
        out["sizes"][n] = row
        print(f"measured {n:,} rows", file=sys.stderr)
    if history:
        path = _history_file(B.OUT_DIR / "history_1m.csv")
        db = B.OUT_DIR / "history_1m.db"

        def fresh(db: Path = db) -> None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)

        # (the median of --runs, like every other figure: it was a single run until the 24th pass)
        out["history_1m"] = _median([*exe, "history", "import", str(path), "--db", str(db), "-q"], runs, fresh)
    if live:
        out["live"] = _live(runs)
    return out


def report(data: dict[str, Any]) -> list[str]:
    t = data["targets"]
    lines = ["| rows | command | seconds | x its floor or base | target | peak MB |", "|---:|---|---:|---:|---:|---:|"]
    sizes = sorted(data["sizes"], key=int)
    for n in sizes:
        row = data["sizes"][n]
        e, fx, fb, base = (row["enrich_xlsx_store"], row["floor_xlsxwriter"], row["floor_bare"], row["base_csv"])
        lines.append(f"| {int(n):,} | xlsxwriter floor (calamine read + xlsxwriter write) | {fx['seconds']:.1f} | 1.00 | "
                     f"| {fx['peak_mb']:.0f} |")
        lines.append(f"| {int(n):,} | streamed-XML floor (calamine read + bare XML write) | {fb['seconds']:.1f} | 1.00 | "
                     f"| {fb['peak_mb']:.0f} |")
        lines.append(f"| {int(n):,} | `enrich --offline` + workspace -> xlsx | {e['seconds']:.1f} | "
                     f"{_ratio(row, 'enrich_xlsx_store', 'floor_xlsxwriter'):.2f} (xlsxwriter), "
                     f"{_ratio(row, 'enrich_xlsx_store', 'floor_bare'):.2f} (XML) | "
                     f"<= {t['enrich_vs_xlsxwriter']} / {t['enrich_vs_bare']} | {e['peak_mb']:.0f} |")
        lines.append(f"| {int(n):,} | base: `enrich --offline --no-store -o x.csv` | {base['seconds']:.1f} | 1.00 | | "
                     f"{base['peak_mb']:.0f} |")
        for name in ("score", "shortlist", "funnel", "links"):
            m = row[name]
            lines.append(f"| {int(n):,} | `{name} FILE` | {m['seconds']:.1f} | {_ratio(row, name, 'base_csv'):.2f} | "
                         f"<= {t['command_vs_base']} | {m['peak_mb']:.0f} |")
            if f"{name}_ws" in row:
                w = row[f"{name}_ws"]
                lines.append(f"| {int(n):,} | `{name} FILE`, workspace recorded | {w['seconds']:.1f} | "
                             f"{_ratio(row, name + '_ws', 'base_csv'):.2f} | | {w['peak_mb']:.0f} |")
            if f"{name}_list" in row:
                w = row[f"{name}_list"]
                lines.append(f"| {int(n):,} | `{name}` without FILE (the workspace's list) | {w['seconds']:.1f} | "
                             f"{_ratio(row, name + '_list', 'base_csv'):.2f} | (memory <= 1 GiB) | {w['peak_mb']:.0f} |")
        lines.append(f"| {int(n):,} | recording the workspace (SQLite) | {row['record_s']:.1f} | | "
                     + (f"<= {t['record_100k_s']} s |" if int(n) == 100_000 else "|")
                     + f" {row['enrich_csv_store']['peak_mb']:.0f} |")
        if "refresh_s" in row:
            lines.append(f"| {int(n):,} | refreshing it a week later (every account's history read, SQLite) | "
                         f"{row['refresh_s']:.1f} | | | {row['enrich_csv_week']['peak_mb']:.0f} |")
        if "set_stdin" in row:
            lines.append(f"| {int(n):,} | `set - --stage contacted`, {max(1, int(n) // 10):,} handles on stdin | "
                         f"{row['set_stdin']['seconds']:.1f} | | | {row['set_stdin']['peak_mb']:.0f} |")
        if "record_pg_s" in row:
            lines.append(f"| {int(n):,} | recording the workspace (PostgreSQL, local server, fsync on) | "
                         f"{row['record_pg_s']:.1f} | | (say what was measured) | "
                         f"{row['enrich_csv_pg']['peak_mb']:.0f} |")
    if len(sizes) > 1:
        a, b = data["sizes"][sizes[0]], data["sizes"][sizes[-1]]
        for name in ("base_csv", "score", "shortlist", "funnel", "links"):
            lines.append(f"| {int(sizes[0]):,} -> {int(sizes[-1]):,} | growth of `{name}` | | "
                         f"{b[name]['seconds'] / a[name]['seconds']:.2f}x | <= {t['growth_100k_500k']}x | |")
    if "history_1m" in data:
        h = data["history_1m"]
        lines.append(f"| 1,000,000 | `history import` (5,000 accounts x 200 days) | {h['seconds']:.1f} | | "
                     f"<= {t['history_1m_s']} s | {h['peak_mb']:.0f} |")
    if "live" in data:
        v = data["live"]
        lines.append(f"| 300 channels | live stats: `enrich` from a local YouTube API (200 req/s limit, 50 ms) | "
                     f"{v['seconds']:.1f} | {v['share_pct']:.1f} % of the limit ({v['steady_pct']:.1f} % from the first "
                     f"request to the last) | >= {t['live_share_pct']:g} % | |")
    return lines


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="100000", help="comma-separated row counts")
    p.add_argument("--runs", type=int, default=3, help="runs per size below 500k (median)")
    p.add_argument("--no-history", action="store_true", help="skip the 1M-row history import")
    p.add_argument("--no-postgres", action="store_true", help="skip recording on PostgreSQL")
    p.add_argument("--no-live", action="store_true", help="skip the live stats' share of the rate limit")
    args = p.parse_args(argv)
    B.compile_influkit()
    data = run([int(s) for s in args.sizes.split(",")], args.runs, not args.no_history, not args.no_postgres,
               not args.no_live)
    (B.OUT_DIR / "commands.json").write_text(json.dumps(data, indent=1))
    print("\n".join(report(data)))
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--_measure":
        sys.exit(B._measure_main(sys.argv[3:]))
    sys.exit(main())
