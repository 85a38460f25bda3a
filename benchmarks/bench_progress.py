"""Which stretches of a command run without a progress bar (issue #14: a bar with counts and time left for
every step that can take over two seconds).

    python benchmarks/bench_progress.py                  # the 100k workbook, every command
    python benchmarks/bench_progress.py --sizes 500000
    python benchmarks/bench_progress.py --sizes 500000 --only "score, workspace" --only "links, workspace"

Each command runs in this process through the command line's own entry point, with the bars replaced
by a recorder of what the library reports (`influkit.progress`): every step's time, whether it gave
counts, and the longest stretches when no step was running (start-up, and work no step covers). At
500k rows a stretch of 0.4 s at 100k is about 2 s. Workbooks from bench_enrich.py's generator
(bench-out/, cached).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_enrich as B  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BRAND = str(ROOT / "examples" / "brand.toml")
GAP_SHOWN_S = 0.25  # stretches without a bar shorter than this are not listed


def commands(src: Path, out: Path) -> dict[str, list[str]]:
    return {
        "enrich -> xlsx, workspace": ["enrich", str(src), "--offline", "--db", str(out / "ws.db"), "-o",
                                      str(out / "e.xlsx")],
        "score": ["score", str(src), "--brand", BRAND, "--no-store", "-o", str(out / "s.csv")],
        "shortlist": ["shortlist", str(src), "--brand", BRAND, "--top", "30", "--no-store", "-o",
                      str(out / "sl.xlsx")],
        "funnel": ["funnel", str(src), "--no-store", "-f", "csv", "-o", str(out / "f.csv")],
        "links": ["links", str(src), "--url", "https://shop.example/p", "--campaign", "bench", "--no-store",
                  "-o", str(out / "l.csv")],
        # with the workspace the enrich run recorded (it runs first): its histories read; `score` and `links`
        # also save the list and record their columns (scores and reasons, codes and links) per account
        "score, workspace": ["score", str(src), "--brand", BRAND, "--db", str(out / "ws.db"), "-o",
                             str(out / "sw.csv")],
        "links, workspace": ["links", str(src), "--url", "https://shop.example/p", "--db", str(out / "ws.db"),
                             "-o", str(out / "lw.csv")],
        "shortlist, workspace": ["shortlist", str(src), "--brand", BRAND, "--top", "30", "--db", str(out / "ws.db"),
                                 "-o", str(out / "slw.xlsx")],
        "funnel, workspace": ["funnel", str(src), "--db", str(out / "ws.db"), "-f", "csv", "-o", str(out / "fw.csv")],
    }


def record(args: list[str]) -> dict[str, Any]:
    """Run one command line in this process; what its progress said, and when."""
    from influkit.cli import render
    from influkit.cli.app import main

    events: list[tuple[float, dict[str, Any]]] = []
    start = time.perf_counter()
    original = render.Progress.update

    def update(self: Any, state: dict[str, Any]) -> None:
        events.append((time.perf_counter() - start, dict(state)))

    render.Progress.update = update  # type: ignore[method-assign]
    argv = sys.argv
    try:
        sys.argv = ["influkit", *args, "-q"]
        with contextlib.suppress(SystemExit):
            main()
    finally:
        sys.argv = argv
        render.Progress.update = original  # type: ignore[method-assign]
    end = time.perf_counter() - start
    running: dict[str, float] = {}
    counted: set[str] = set()
    steps: list[tuple[str, float, bool]] = []
    gaps: list[tuple[float, float]] = []
    idle_since = 0.0
    for at, state in events:
        name = str(state.get("step"))
        if state.get("finished"):
            began = running.pop(name, at)
            steps.append((name, at - began, name in counted))
            if not running:
                idle_since = at
            continue
        if not running and at - idle_since >= GAP_SHOWN_S:
            gaps.append((idle_since, at))
        running.setdefault(name, at)
        if state.get("total"):
            counted.add(name)
    if end - idle_since >= GAP_SHOWN_S:
        gaps.append((idle_since, end))
    return {"seconds": end, "steps": steps, "gaps": gaps}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="100000", help="comma-separated row counts")
    p.add_argument("--only", action="append", default=[], help="a command's name as printed (repeatable; the "
                   "enrich run, which records the workspace, always runs first)")
    args = p.parse_args(argv)
    only = set(args.only)
    B.OUT_DIR.mkdir(exist_ok=True)
    for n in (int(s) for s in args.sizes.split(",")):
        src = B.generate(n, B.OUT_DIR / f"prospects_{n}.xlsx")
        out = B.OUT_DIR / f"progress_{n}"
        out.mkdir(exist_ok=True)
        for name, cmd in commands(src, out).items():
            if only and name not in only and not name.startswith("enrich"):
                continue
            if name.startswith("enrich"):  # a fresh workspace, which the commands "..., workspace" then use
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{out / 'ws.db'}{suffix}").unlink(missing_ok=True)
            found = record(cmd)
            shown = ", ".join(f"{s} {t:.1f} s{'' if c else ' (no counts)'}" for s, t, c in found["steps"] if t >= 0.05)
            longest = max((b - a for a, b in found["gaps"]), default=0.0)
            print(f"{n:,} rows, {name}: {found['seconds']:.1f} s; steps: {shown}")
            print(f"    without a bar: {', '.join(f'{a:.1f}-{b:.1f} s' for a, b in found['gaps']) or 'none'} "
                  f"(longest {longest:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
