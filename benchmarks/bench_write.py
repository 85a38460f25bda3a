"""Time influkit's xlsx writers against their floors, side by side, in one run.

On the prospect workbooks of bench_enrich.py (10k and 100k rows; 500k with --big), each measurement
in its own process (peak resident memory included):

- write only (the enriched table is read first, untimed; the same table in every column):
  `xlsxwriter floor` (the table's cells with xlsxwriter constant_memory, no formats),
  `bare XML floor` (the same cells as minimal streamed SpreadsheetML: no styles, links, escapes
  beyond XML's own, same zip level), `influkit new` (io.write.write_table: formats, links, quote
  prefix, limits), `influkit in place` (io.inplace.write_back into a copy of the input workbook:
  the same computed values into the user's sheet, everything else copied);
- end to end: `influkit enrich FILE --offline --no-store -o out.xlsx`, and with a fresh workspace,
  against the floors of issue #14 (read with python-calamine, then write a table of the output's
  size with xlsxwriter constant_memory, or with the bare XML writer).

    python benchmarks/bench_write.py                 # 10k and 100k, median of 3
    python benchmarks/bench_write.py --big --runs 1  # 10k, 100k and 500k
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import statistics
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_enrich as B  # noqa: E402

OUT = B.OUT_DIR
KINDS = ("xlsxwriter", "bare", "influkit", "inplace")
TARGET_NEW = 0.5  # enrich <= 0.5 x the xlsxwriter floor (issue #14)
TARGET_BARE = 1.3  # moonshot: within 1.3 x the bare streamed-XML floor
TARGET_INPLACE = 1.0  # in place no slower than a new workbook (issue #11)


# ------------------------------------------------------------------------------------------ writers


def _cells(table: Any) -> tuple[list[str], list[list[Any]]]:
    columns = table.columns
    return columns, [table.get(c) for c in columns]


def write_xlsxwriter(headers: list[str], columns: list[list[Any]], out: str) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_urls": False, "strings_to_formulas": False,
                                   "strings_to_numbers": False, "tmpdir": str(Path(out).parent)})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws = wb.add_worksheet("influkit")
    ws.write_row(0, 0, headers)
    ws_string, ws_number, ws_datetime = ws.write_string, ws.write_number, ws.write_datetime
    n = len(columns[0]) if columns else 0
    for k in range(n):
        r = k + 1
        for c, col in enumerate(columns):
            v = col[k]
            t = type(v)
            if t is str:
                if v:
                    ws_string(r, c, v[:32767])
            elif t is int or (t is float and v == v and v not in (float("inf"), float("-inf"))):
                ws_number(r, c, v)
            elif isinstance(v, dt.date):
                ws_datetime(r, c, v, date_fmt)
            elif v is not None and t is not float:
                ws_string(r, c, str(v))
    wb.close()


def write_bare(headers: list[str], columns: list[list[Any]], out: str) -> None:
    """The least a streamed writer must do for the same cells: no styles, no links, no limits."""
    from itertools import repeat

    from influkit.io.xlsx import column_letter

    def esc(s: str) -> str:
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    epoch = dt.date(1899, 12, 30).toordinal()

    def cell(ref: str, v: Any) -> str:
        t = type(v)
        if v is None:
            return ""
        if t is int or t is float:
            return f'<c r="{ref}"><v>{v}</v></c>' if v == v and v not in (float("inf"), float("-inf")) else ""
        if isinstance(v, dt.date):
            return f'<c r="{ref}"><v>{v.toordinal() - epoch}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{esc(str(v))}</t></is></c>'

    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                    'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application'
                    '/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application'
                    '/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-office'
                    'document.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" Content'
                    'Type="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        zf.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                    '</Relationships>')
        zf.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}" xmlns:r="http'
                    '://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="influkit" '
                    'sheetId="1" r:id="rId1"/></sheets></workbook>')
        zf.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http:'
                    '//schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
                    'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/'
                    'sheet1.xml"/></Relationships>')
        letters = [column_letter(i) for i in range(len(headers))]
        n = len(columns[0]) if columns else 0
        with zf.open("xl/worksheets/sheet1.xml", "w") as fh:
            fh.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}"><sheetData><row r="1">'.encode())
            fh.write("".join(cell(f"{letter}1", h) for letter, h in zip(letters, headers, strict=True)).encode())
            fh.write(b"</row>")
            for k0 in range(0, n, 4096):
                rows = range(k0 + 2, min(n, k0 + 4096) + 2)
                cols = [[cell(f"{letter}{r}", v) for r, v in zip(rows, col[k0: k0 + 4096], strict=True)]
                        for letter, col in zip(letters, columns, strict=True)]
                opens = [f'<row r="{r}">' for r in rows]
                fh.write("".join(map("".join, zip(opens, *cols, repeat("</row>", len(opens)), strict=True))).encode())
            fh.write(b"</sheetData></worksheet>")


def _child_write(kind: str, src: str, out: str) -> int:
    import influkit

    table = influkit.enrich(src, store=None, offline=True)
    read_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    headers, columns = _cells(table)
    extra: dict[str, Any] = {}
    if kind == "inplace":
        shutil.copy(src, out)
    t0 = time.perf_counter()
    if kind == "xlsxwriter":
        write_xlsxwriter(headers, columns, out)
    elif kind == "bare":
        write_bare(headers, columns, out)
    elif kind == "influkit":
        from influkit.io.write import write_table

        extra = write_table(table, out, "xlsx")
    else:
        from influkit.io.inplace import write_back

        result = write_back(table, out, backup=False)
        extra = {k: result[k] for k in ("links", "link_formulas", "truncated")}
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "read_peak_mb": read_peak,
                      "columns": len(headers), "rows": len(table), **extra}))
    return 0


def _child_floor(kind: str, src: str, width: int, out: str) -> int:
    """Issue #14's floors: read the input with python-calamine, write a table of the output's size."""
    if kind == "xlsxwriter":
        B.floor(src, width, out)
        return 0
    from python_calamine import CalamineWorkbook

    rows = list(CalamineWorkbook.from_path(src).get_sheet_by_name("Prospects").iter_rows())[3:]
    n = len(rows)
    columns = [[row[c % len(row)] for row in rows] for c in range(width)]
    for col in columns:
        for k in range(n):
            if col[k] == "":
                col[k] = None
    write_bare([f"column {i}" for i in range(width)], columns, out)
    return 0


def run_child(args: list[str]) -> dict[str, Any]:
    import subprocess

    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{args} failed:\n{done.stdout}\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run(sizes: list[int], runs: int) -> int:
    OUT.mkdir(exist_ok=True)
    rows_out = []
    for n in sizes:
        src = B.generate(n, OUT / f"prospects_{n}.xlsx")
        repeat = runs if n < 500_000 else 1
        write: dict[str, list[dict[str, Any]]] = {k: [] for k in KINDS}
        for _ in range(repeat):
            for kind in KINDS:
                out = OUT / f"bw_{kind}_{n}.xlsx"
                write[kind].append(run_child(["--_write", kind, str(src), str(out)]))
        width = write["influkit"][0]["columns"]
        e2e: dict[str, list[dict[str, float]]] = {"floor_xlsxwriter": [], "floor_bare": [], "enrich": [],
                                                   "enrich_store": []}
        for _ in range(repeat):
            e2e["floor_xlsxwriter"].append(B.measure([sys.executable, __file__, "--_floor", "xlsxwriter", str(src),
                                                      str(width), str(OUT / f"bw_f1_{n}.xlsx")]))
            e2e["floor_bare"].append(B.measure([sys.executable, __file__, "--_floor", "bare", str(src), str(width),
                                                str(OUT / f"bw_f2_{n}.xlsx")]))
            e2e["enrich"].append(B.measure([*B.influkit_cmd(), "enrich", str(src), "--offline", "--no-store", "-o",
                                            str(OUT / f"bw_e_{n}.xlsx"), "--quiet"]))
            db = OUT / f"bw_store_{n}.db"
            for p in OUT.glob(f"bw_store_{n}.db*"):
                p.unlink()
            e2e["enrich_store"].append(B.measure([*B.influkit_cmd(), "enrich", str(src), "--offline", "--db", str(db),
                                                  "-o", str(OUT / f"bw_e_{n}.xlsx"), "--quiet"]))
        med = {k: statistics.median(r["seconds"] for r in v) for k, v in write.items()}
        peak = {k: max(r["peak_mb"] for r in v) for k, v in write.items()}
        emed = {k: statistics.median(r["seconds"] for r in v) for k, v in e2e.items()}
        epeak = {k: max(r["peak_mb"] for r in v) for k, v in e2e.items()}
        row = {"rows": n, "columns": width, "write_s": med, "write_peak_mb": peak,
               "read_peak_mb": max(r["read_peak_mb"] for r in write["influkit"]),
               "e2e_s": emed, "e2e_peak_mb": epeak, "links": write["influkit"][0].get("links"),
               "link_formulas": write["influkit"][0].get("link_formulas"), "runs": repeat}
        rows_out.append(row)
        print(f"[{n:,} rows] done", file=sys.stderr)

    print("\nWrite only (the same enriched table; peak = whole process, the table included):\n")
    print("| rows | cols | xlsxwriter floor s | bare XML floor s | influkit new s | in place s | new / xlsxwriter "
          "| new / bare | in place / new | peak MB: after read / xlsxwriter / bare / new / in place |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in rows_out:
        w, p = r["write_s"], r["write_peak_mb"]
        print(f"| {r['rows']:,} | {r['columns']} | {w['xlsxwriter']:.2f} | {w['bare']:.2f} | {w['influkit']:.2f} | "
              f"{w['inplace']:.2f} | {w['influkit'] / w['xlsxwriter']:.2f} | {w['influkit'] / w['bare']:.2f} | "
              f"{w['inplace'] / w['influkit']:.2f} | {r['read_peak_mb']:.0f} / {p['xlsxwriter']:.0f} / "
              f"{p['bare']:.0f} / {p['influkit']:.0f} / {p['inplace']:.0f} |")
    print("\nEnd to end (interpreter start-up included):\n")
    print("| rows | floor: calamine + xlsxwriter s | floor: calamine + bare XML s | enrich --no-store s | enrich "
          "+ workspace s | enrich / xlsxwriter floor | enrich+ws / xlsxwriter floor | enrich / bare floor | "
          "peak MB enrich / floor |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in rows_out:
        e, p = r["e2e_s"], r["e2e_peak_mb"]
        print(f"| {r['rows']:,} | {e['floor_xlsxwriter']:.2f} | {e['floor_bare']:.2f} | {e['enrich']:.2f} | "
              f"{e['enrich_store']:.2f} | {e['enrich'] / e['floor_xlsxwriter']:.2f} | "
              f"{e['enrich_store'] / e['floor_xlsxwriter']:.2f} | {e['enrich'] / e['floor_bare']:.2f} | "
              f"{p['enrich']:.0f} / {p['floor_xlsxwriter']:.0f} |")
    for r in rows_out:
        if r["rows"] != 100_000:
            continue
        e, w = r["e2e_s"], r["write_s"]
        for name, value, target in (("enrich+workspace / xlsxwriter floor", e["enrich_store"] / e["floor_xlsxwriter"],
                                     TARGET_NEW),
                                    ("enrich / bare XML floor", e["enrich"] / e["floor_bare"], TARGET_BARE),
                                    ("in place / new workbook", w["inplace"] / w["influkit"], TARGET_INPLACE)):
            print(f"{'met' if value <= target else 'MISSED'}: {name} = {value:.2f} at 100k (target <= {target})")
    (OUT / "bench_write.json").write_text(json.dumps(rows_out, indent=2))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--_write"]:
        return _child_write(args[1], args[2], args[3])
    if args[:1] == ["--_floor"]:
        return _child_floor(args[1], args[2], int(args[3]), args[4])
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="10000,100000", help="comma-separated row counts")
    p.add_argument("--big", action="store_true", help="add 500k rows")
    p.add_argument("--runs", type=int, default=3, help="runs per size below 500k (median)")
    opts = p.parse_args(args)
    sizes = [int(s.replace("_", "").replace("k", "000")) for s in opts.sizes.split(",") if s.strip()]
    if opts.big and 500_000 not in sizes:
        sizes.append(500_000)
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    return run(sizes, opts.runs)


if __name__ == "__main__":
    raise SystemExit(main())
