"""Every figure of issue #14 in one run, next to its floor, the way users run the commands.

    python benchmarks/bench_commands.py                       # 100k rows, median of 3
    python benchmarks/bench_commands.py --sizes 100000,500000 --runs 3
    python benchmarks/bench_commands.py --sizes 10000 --runs 1  # a quick look

Per size (workbooks from bench_enrich.py's generator, cached in bench-out/):
- `enrich --offline` recording the workspace and writing the formatted xlsx, next to two floors: the
  xlsxwriter floor (the input read with python-calamine plus influkit's own output table written with
  xlsxwriter constant_memory) and the streamed-XML floor (the same table written as bare SpreadsheetML);
- the base `enrich FILE --offline --no-store -o x.csv`, and `score FILE --brand`, `shortlist FILE
  --brand --top 30`, `funnel FILE`, `links FILE`, each as a multiple of the base, with `--no-store` and
  again with the workspace the enrich run recorded (its history read, the command recorded);
- recording the workspace: `enrich --offline -o x.csv` into a fresh SQLite workspace minus the same
  without a workspace;
- refreshing it a week later: the same `enrich --offline -o x.csv` into the workspace the first run
  recorded, seven days on (INFLUKIT_TODAY), so every account has a history to read and a snapshot to
  add, minus the same without a workspace;
- peak memory of every command.
Once: `history import` of a 1M-row daily history (5,000 accounts x 200 days).

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
import shutil
import sqlite3
import statistics
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_enrich as B  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BRAND = str(ROOT / "examples" / "brand.toml")
TARGETS = {"enrich_vs_xlsxwriter": 0.5, "enrich_vs_bare": 1.3, "command_vs_base": 1.5, "growth_100k_500k": 5.5,
           "peak_mb_500k": 1024.0, "record_100k_s": 2.0, "history_1m_s": 10.0}


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


def run(sizes: list[int], runs: int, history: bool) -> dict[str, Any]:
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
        width, _, _ = B.output_width_and_urls(tmp / "e.xlsx")
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
        row: dict[str, Any] = _rounds(specs, r)
        # recording: the same run with and without the workspace, in the same round
        row["record_s"] = statistics.median(a - b for a, b in zip(row["enrich_csv_store"]["runs"],
                                                                  row["base_csv"]["runs"], strict=True))
        row["refresh_s"] = statistics.median(a - b for a, b in zip(row["enrich_csv_week"]["runs"],
                                                                   row["base_csv"]["runs"], strict=True))
        out["sizes"][n] = row
        print(f"measured {n:,} rows", file=sys.stderr)
    if history:
        path = _history_file(B.OUT_DIR / "history_1m.csv")
        db = B.OUT_DIR / "history_1m.db"

        def fresh(db: Path = db) -> None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)

        out["history_1m"] = _median([*exe, "history", "import", str(path), "--db", str(db), "-q"], 1, fresh)
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
        lines.append(f"| {int(n):,} | recording the workspace (SQLite) | {row['record_s']:.1f} | | "
                     + (f"<= {t['record_100k_s']} s |" if int(n) == 100_000 else "|")
                     + f" {row['enrich_csv_store']['peak_mb']:.0f} |")
        if "refresh_s" in row:
            lines.append(f"| {int(n):,} | refreshing it a week later (every account's history read, SQLite) | "
                         f"{row['refresh_s']:.1f} | | | {row['enrich_csv_week']['peak_mb']:.0f} |")
    if len(sizes) > 1:
        a, b = data["sizes"][sizes[0]], data["sizes"][sizes[-1]]
        for name in ("base_csv", "score", "shortlist", "funnel", "links"):
            lines.append(f"| {int(sizes[0]):,} -> {int(sizes[-1]):,} | growth of `{name}` | | "
                         f"{b[name]['seconds'] / a[name]['seconds']:.2f}x | <= {t['growth_100k_500k']}x | |")
    if "history_1m" in data:
        h = data["history_1m"]
        lines.append(f"| 1,000,000 | `history import` (5,000 accounts x 200 days) | {h['seconds']:.1f} | | "
                     f"<= {t['history_1m_s']} s | {h['peak_mb']:.0f} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="100000", help="comma-separated row counts")
    p.add_argument("--runs", type=int, default=3, help="runs per size below 500k (median)")
    p.add_argument("--no-history", action="store_true", help="skip the 1M-row history import")
    args = p.parse_args(argv)
    B.compile_influkit()
    data = run([int(s) for s in args.sizes.split(",")], args.runs, not args.no_history)
    (B.OUT_DIR / "commands.json").write_text(json.dumps(data, indent=1))
    print("\n".join(report(data)))
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--_measure":
        sys.exit(B._measure_main(sys.argv[3:]))
    sys.exit(main())
