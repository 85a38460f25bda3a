"""Time `influkit enrich --offline` on generated 10k / 100k / 500k-row workbooks against the floor.

The floor is what any tool must at least do: read the input with python-calamine, and write a table
the size of the output (same rows, as many columns as `influkit enrich` writes) with xlsxwriter in
constant-memory mode, row by row. Every measurement runs in its own process, timed from outside
(wall clock, interpreter start-up included) with its peak resident memory. See benchmarks/README.md.

    python benchmarks/bench_enrich.py                      # 10k, 100k, 500k
    python benchmarks/bench_enrich.py --sizes 10000,100000 --runs 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "bench-out"
GENERATOR_VERSION = 3  # bump when the generated workbook changes: cached files are rebuilt
# (3: handles without accents, as every network requires: version 2's "léa.vernoux0" named no account, so
# 29 % of the rows were not recorded in the workspace)
TARGET_RATIO = 1.3  # enrich <= 1.3 x floor at 100k rows (issue #2)
TARGET_PEAK_MB = 1.5 * 1024  # peak memory <= 1.5 GiB at 500k rows

HEADERS = ("Nom", "Réseau", "Lien du profil", "Abonnés", "Abonnements", "Publications", "Likes moyens",
           "Commentaires\nmoyens", "Vues moyennes", "Taux d'engagement", "Thématique", "Pays", "Statut",
           "Date de contact", "Notes internes")
FIRST = ("Léa", "Camille", "Inès", "Julien", "Hugo", "Sofia", "Zoé", "Bastien", "Clara", "Théo", "Lucie", "Noé",
         "Anaïs", "Yanis", "Manon", "Félix")
LAST = ("Vernoux", "Roussel", "Marchetti", "Tessier", "Lambrecht", "Ardent", "Castanet", "Morel", "Nguyen",
        "Gauvain", "Peyrac", "Vasseur", "Dubreuil", "Haddad", "Tissot", "Garnier")
THEMES = ("Beauté vegan", "Skincare", "Slow beauty", "Cosmétiques", "Gaming", "Tech", "Food", "Mode", "Fitness",
          "Voyage")
COUNTRIES = ("France", "Belgique", "Suisse", "Canada")
STATUSES = ("Repéré", "Contacté", "Relancé", "A répondu", "En négo", "Signé", "Publié", "Refusé", "Pas de réponse")
NOTES = ("", "", "Vu via #slowbeauty", "Relancer après la campagne", "Tarifs à négocier, envoie le media kit")


# ------------------------------------------------------------------------------------------- generate


def _count_cell(rng: random.Random, n: int) -> Any:
    style = rng.randrange(6)
    if style == 0:
        return f"{n:,}".replace(",", "\u00a0")
    if style == 1 and n >= 10_000:
        return f"{n / 1000:.1f} k".replace(".", ",")
    return n


def _ascii(text: str) -> str:
    """"léa" -> "lea": handles are ASCII on every network."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def generate(rows: int, path: Path) -> Path:
    """A realistic French prospect workbook of `rows` data rows (cached)."""
    import xlsxwriter

    stamp = path.with_suffix(".version")
    if path.exists() and stamp.exists() and stamp.read_text() == str(GENERATOR_VERSION):
        return path
    rng = random.Random(rows)
    tmp = path.with_suffix(".tmp.xlsx")
    wb = xlsxwriter.Workbook(str(tmp), {"constant_memory": True, "strings_to_urls": False,
                                        "strings_to_formulas": False, "strings_to_numbers": False})
    wb.set_properties({"created": dt.datetime(2026, 3, 3)})
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    pct = wb.add_format({"num_format": "0.0%"})
    ws = wb.add_worksheet("Prospects")
    ws.write_string(0, 0, "Campagne printemps 2026 — prospection influence")
    ws.write_row(2, 0, HEADERS)
    start = dt.datetime(2026, 1, 5)
    for k in range(rows):
        r = k + 3
        platform = ("instagram", "tiktok", "youtube")[k % 3]
        handle = _ascii(f"{FIRST[k % 16].lower()}.{LAST[(k // 16) % 16].lower()}{k}")
        url = {"instagram": f"https://www.instagram.com/{handle}/",
               "tiktok": f"https://www.tiktok.com/@{handle}",
               "youtube": f"https://www.youtube.com/@{handle}"}[platform]
        followers = int(rng.lognormvariate(10.5, 1.4)) + 500
        likes = int(followers * rng.uniform(0.01, 0.06))
        ws.write_string(r, 0, f"{FIRST[k % 16]} {LAST[(k // 16) % 16]}")
        ws.write_string(r, 1, ("Instagram", "TikTok", "YouTube")[k % 3])
        ws.write_string(r, 2, url)
        cell = _count_cell(rng, followers)
        (ws.write_number if isinstance(cell, int) else ws.write_string)(r, 3, cell)
        ws.write_number(r, 4, rng.randrange(100, 3000))
        ws.write_number(r, 5, rng.randrange(20, 2000))
        ws.write_number(r, 6, likes)
        ws.write_number(r, 7, max(1, likes // 40))
        if platform != "instagram":
            ws.write_number(r, 8, int(followers * rng.uniform(0.2, 1.5)))
        if k % 7 == 0:
            ws.write_number(r, 9, round(rng.uniform(0.01, 0.08), 4), pct)
        elif k % 7 == 1:
            ws.write_string(r, 9, f"{rng.uniform(1, 8):.1f} %".replace(".", ","))
        ws.write_string(r, 10, THEMES[k % len(THEMES)])
        ws.write_string(r, 11, COUNTRIES[k % len(COUNTRIES)])
        ws.write_string(r, 12, STATUSES[k % len(STATUSES)])
        if k % 9:
            day = start + dt.timedelta(days=k % 50)
            if k % 2:
                ws.write_datetime(r, 13, day, date_fmt)
            else:
                ws.write_string(r, 13, day.strftime("%d/%m/%Y"))
        note = NOTES[k % len(NOTES)]
        if note:
            ws.write_string(r, 14, note)
    wb.close()
    tmp.replace(path)
    stamp.write_text(str(GENERATOR_VERSION))
    return path


# ---------------------------------------------------------------------------------------------- floor


def floor(src: str, width: int, out: str) -> None:
    """Read the input with python-calamine, write rows x width cells with xlsxwriter constant_memory."""
    import xlsxwriter
    from python_calamine import CalamineWorkbook

    wb_in = CalamineWorkbook.from_path(src)
    rows = list(wb_in.get_sheet_by_name("Prospects").iter_rows())
    wb = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_urls": False})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws = wb.add_worksheet("influkit")
    ws.write_row(0, 0, [f"column {i}" for i in range(width)])
    write_string, write_number, write_datetime = ws.write_string, ws.write_number, ws.write_datetime
    for r, row in enumerate(rows[3:], start=1):
        n = len(row)
        for c in range(width):
            v = row[c % n]  # the output's extra columns are filled with the row's own values
            t = type(v)
            if t is str:
                if v:
                    write_string(r, c, v)
            elif t is int or t is float:
                write_number(r, c, v)
            elif isinstance(v, dt.date):
                write_datetime(r, c, v, date_fmt)
    wb.close()


# -------------------------------------------------------------------------------------------- measure


def measure(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Wall time and peak memory of one command, measured by a fresh wrapper process (one per measurement:
    RUSAGE_CHILDREN keeps the maximum over every child a process ever waited for; see _measure_main)."""
    wrapper = [sys.executable, __file__, "--_measure", "--", *cmd]
    done = subprocess.run(wrapper, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _tree_pss_kb(root: int) -> int:
    """PSS of a process and its descendants (KiB): what they hold together, shared pages counted once."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                total += next(int(line.split()[1]) for line in fh if line.startswith("Pss:"))
        except (OSError, StopIteration):
            continue
    return total


def _measure_main(cmd: list[str]) -> int:
    """Wall time, and the peak memory: the largest single process (RUSAGE_CHILDREN) or, when larger, the
    process tree's PSS sampled every 0.2 s (a command that forks workers, such as `score`)."""
    import tempfile

    with tempfile.TemporaryFile("w+") as err_file:  # not a pipe: a chatty command must not block on it
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err_file, text=True)
        tree_kb = 0
        sampling = os.path.exists(f"/proc/{proc.pid}/smaps_rollup")
        while True:
            try:
                proc.wait(timeout=0.2)
                break
            except subprocess.TimeoutExpired:
                if sampling:
                    tree_kb = max(tree_kb, _tree_pss_kb(proc.pid))
        wall = time.perf_counter() - t0
        if proc.returncode != 0:
            err_file.seek(0)
            sys.stderr.write(err_file.read())
            return proc.returncode
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    print(json.dumps({"seconds": wall, "peak_mb": max(peak_kb, tree_kb) / 1024, "largest_process_mb": peak_kb / 1024,
                      "tree_pss_mb": tree_kb / 1024}))
    return 0


def compile_influkit() -> None:
    """The bytecode of influkit's own modules, as an installed package has it (pip writes it at install;
    `make` does for the editable install): without it each command compiles them first (0.15-0.2 s),
    which the floors, made of installed libraries, never pay."""
    import compileall

    compileall.compile_dir(str(Path(__file__).resolve().parent.parent / "src"), quiet=1)


def influkit_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "influkit"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "influkit.cli"]


def output_width_and_urls(path: Path) -> tuple[int, int, int]:
    """(columns, data rows, non-empty profile_url cells) of an enrich output, read back with calamine."""
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).iter_rows()
    header = next(rows)
    col = header.index("profile_url")
    n = urls = 0
    for row in rows:
        n += 1
        if col < len(row) and isinstance(row[col], str) and row[col].startswith("http"):
            urls += 1
    return len(header), n, urls


def startup(runs: int) -> tuple[float, float]:
    def median_of(cmd: list[str]) -> float:
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            times.append(time.perf_counter() - t0)
        return statistics.median(times)

    return median_of([*influkit_cmd(), "--version"]), median_of([sys.executable, "-c", "import typer"])


def run(sizes: list[int], runs: int, with_store: bool, startup_runs: int) -> int:
    OUT_DIR.mkdir(exist_ok=True)
    results = []
    ok = True
    for n in sizes:
        t0 = time.perf_counter()
        src = generate(n, OUT_DIR / f"prospects_{n}.xlsx")
        print(f"[{n:,} rows] input {src.name} ({src.stat().st_size / 1e6:.1f} MB, ready in "
              f"{time.perf_counter() - t0:.1f} s)", file=sys.stderr)
        repeat = runs if n < 500_000 else 1
        out = OUT_DIR / f"out_{n}.xlsx"
        enrich_runs = []
        for _ in range(repeat):
            enrich_runs.append(measure([*influkit_cmd(), "enrich", str(src), "--offline", "--no-store",
                                        "-o", str(out), "--quiet"]))
        width, out_rows, urls = output_width_and_urls(out)
        floor_out = OUT_DIR / f"floor_{n}.xlsx"
        floor_runs = [measure([sys.executable, __file__, "--_floor", str(src), str(width), str(floor_out)])
                      for _ in range(repeat)]
        store = None
        if with_store:
            db = OUT_DIR / f"store_{n}.db"
            for p in OUT_DIR.glob(f"store_{n}.db*"):
                p.unlink()
            store = measure([*influkit_cmd(), "enrich", str(src), "--offline", "--db", str(db),
                             "-o", str(out), "--quiet"])
        e = statistics.median(r["seconds"] for r in enrich_runs)
        f = statistics.median(r["seconds"] for r in floor_runs)
        row = {"rows": n, "columns_out": width, "floor_s": f, "enrich_s": e, "ratio": e / f,
               "enrich_peak_mb": max(r["peak_mb"] for r in enrich_runs),
               "floor_peak_mb": max(r["peak_mb"] for r in floor_runs),
               "store_s": store["seconds"] if store else None,
               "store_peak_mb": store["peak_mb"] if store else None,
               "out_rows": out_rows, "profile_urls": urls, "runs": repeat}
        results.append(row)
        if out_rows != n or urls != n:
            ok = False
            print(f"LOST ROWS OR LINKS at {n}: {out_rows} rows, {urls} profile URLs", file=sys.stderr)
        print(f"[{n:,} rows] floor {f:.2f} s, enrich {e:.2f} s, x{e / f:.2f}, peak {row['enrich_peak_mb']:.0f} MB"
              + (f", with store {store['seconds']:.2f} s" if store else ""), file=sys.stderr)

    print()
    print("| rows | out cols | floor s | enrich s | ratio | enrich peak MB | floor peak MB | with store s "
          "| store peak MB | profile URLs kept |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        store_s = f"{r['store_s']:.2f}" if r["store_s"] is not None else "-"
        store_mb = f"{r['store_peak_mb']:.0f}" if r["store_peak_mb"] is not None else "-"
        print(f"| {r['rows']:,} | {r['columns_out']} | {r['floor_s']:.2f} | {r['enrich_s']:.2f} | {r['ratio']:.2f} "
              f"| {r['enrich_peak_mb']:.0f} | {r['floor_peak_mb']:.0f} | {store_s} | {store_mb} "
              f"| {r['profile_urls']:,}/{r['rows']:,} |")
    for r in results:
        if r["rows"] == 100_000 and r["ratio"] > TARGET_RATIO:
            print(f"target missed: enrich is {r['ratio']:.2f} x the floor at 100k (target {TARGET_RATIO})")
        if r["rows"] == 500_000 and r["enrich_peak_mb"] > TARGET_PEAK_MB:
            print(f"target missed: peak {r['enrich_peak_mb']:.0f} MB at 500k (target {TARGET_PEAK_MB:.0f} MB)")
    if startup_runs:
        version, typer_import = startup(startup_runs)
        print(f"\nstart-up (median of {startup_runs}): `influkit --version` {version * 1000:.0f} ms, "
              f"`python -c 'import typer'` {typer_import * 1000:.0f} ms")
    (OUT_DIR / "results.json").write_text(json.dumps(results, indent=2))
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--_measure"]:
        return _measure_main(args[2:] if args[1:2] == ["--"] else args[1:])
    if args[:1] == ["--_floor"]:
        floor(args[1], int(args[2]), args[3])
        return 0
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="10000,100000,500000", help="comma-separated row counts")
    p.add_argument("--runs", type=int, default=3, help="runs per size below 500k (median); 500k runs once")
    p.add_argument("--no-store-run", action="store_true", help="skip the run that records the workspace store")
    p.add_argument("--startup-runs", type=int, default=10, help="runs of `influkit --version` (0 to skip)")
    p.add_argument("--clean", action="store_true", help="delete bench-out/ first")
    opts = p.parse_args(args)
    if opts.clean and OUT_DIR.exists():
        shutil.rmtree(OUT_DIR)
    sizes = [int(s.replace("_", "").replace("k", "000")) for s in opts.sizes.split(",") if s.strip()]
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    compile_influkit()
    return run(sizes, opts.runs, not opts.no_store_run, opts.startup_runs)


if __name__ == "__main__":
    raise SystemExit(main())
