"""Start-up time of influkit's commands next to `python -c 'import typer'` (median of N runs).

    python benchmarks/bench_startup.py [--runs 10]

Every `--help` and each command's start-up before it reads data must stay within 1.5x the bare
`import typer` (issue #9): heavy libraries (pydantic, xlsxwriter, httpx, pandas) load only where used.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

COMMANDS: list[tuple[str, list[str]]] = [
    ("python -c 'import typer'", ["-c", "import typer"]),
    ("influkit --version", ["-m", "influkit.cli", "--version"]),
    ("influkit --help", ["-m", "influkit.cli", "--help"]),
    *[(f"influkit {c} --help", ["-m", "influkit.cli", *c.split(), "--help"]) for c in (
        "enrich", "score", "shortlist", "funnel", "links", "results", "columns", "thresholds", "history import",
        "history show", "brand init", "brand check")],
]


def median_ms(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    floor = median_ms(COMMANDS[0][1], args.runs)
    print(f"| command | median of {args.runs} (ms) | x import typer |")
    print("|---|---:|---:|")
    for label, argv in COMMANDS:
        ms = floor if argv is COMMANDS[0][1] else median_ms(argv, args.runs)
        print(f"| `{label}` | {ms:.0f} | {ms / floor:.2f} |")


if __name__ == "__main__":
    main()
