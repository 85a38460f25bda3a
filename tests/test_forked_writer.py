"""A large sheet's rows written by two processes (io.forked, io.xlsx): the same workbook, byte for byte
once unzipped, as one process writes; a writer that fails or cannot be forked costs time, never data."""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import sys
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from influkit import progress
from influkit.io import forked
from influkit.io import write as W
from influkit.io import xlsx as X
from influkit.table import Table
from influkit.thresholds import writing as WT

pytestmark = pytest.mark.skipif(sys.platform != "linux" or not hasattr(os, "memfd_create"),
                                reason="forked writers are for Linux")

ROWS = 700


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real sizes made small: chunks of 64 rows, two writers from 100 rows, 300 native links a sheet
    (so the link limit falls in the forked writer's rows); a machine of one CPU forks too."""
    monkeypatch.setattr(forked, "available", lambda: True)
    monkeypatch.setattr(WT, "ROWS_PER_CHUNK", 64)
    monkeypatch.setattr(WT, "PARALLEL_WRITE_MIN_ROWS", 100)
    monkeypatch.setattr(WT, "EXCEL_HYPERLINK_LIMIT", 300)


def single(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(WT, "PARALLEL_WRITE_MIN_ROWS", 10**9)


def spec(n: int = ROWS) -> X.SheetSpec:
    """Every kind of cell the writer has a path for: links (clean, with `&`, unsafe, too long, not text),
    counts, rates, dates, text that needs escaping or the quote prefix, and cells with their own format."""
    rng = random.Random(7)
    links: list[Any] = []
    for k in range(n):
        pick = k % 11
        links.append(None if pick == 3 else f"https://www.instagram.com/h{k}/?a=1&b=2" if pick == 5
                     else f"javascript:alert({k})" if pick == 7 else "https://x.io/" + "y" * 2100 if pick == 9
                     else 12.5 if pick == 10 else f" https://www.tiktok.com/@h{k} " if pick == 1
                     else f"https://www.instagram.com/h{k}/")
    text = [None if k % 13 == 0 else f"=cmd{k}" if k % 17 == 0 else f"Léa & <b>{k}</b>\x01" if k % 5 == 0
            else f"créatrice {k}" for k in range(n)]
    return X.SheetSpec(
        name="influkit", headers=["profile_url", "followers", "engagement_rate", "creator", "contacted_on", "price"],
        columns=[links, [rng.randrange(0, 10**7) if k % 9 else None for k in range(n)],
                 [rng.random() / 10 if k % 4 else float("nan") for k in range(n)], text,
                 [dt.date(2026, 1, 1) + dt.timedelta(days=k % 300) if k % 6 else "2026-13-45" for k in range(n)],
                 [float(k) * 1.5 for k in range(n)]],
        kinds=["url", "count", "rate", None, "date", "money"],
        formats=[None, None, None, None, None, (164, "#,##0.00 €")],
        cell_formats=[None, [[k, 10, "0.0%"] for k in range(0, n, 37)], None, None, None, None])


def workbook(sheets: list[X.SheetSpec], fh: Any = None) -> tuple[bytes, dict[str, int]]:
    out = fh if fh is not None else io.BytesIO()
    counts = X.write_workbook(sheets, out)
    return (out.getvalue() if isinstance(out, io.BytesIO) else b""), counts


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None  # every member's CRC-32 checked against its bytes
        return {name: z.read(name) for name in z.namelist()}


def test_crc32_combine_is_zlibs() -> None:
    rng = random.Random(3)
    for size_a, size_b in ((0, 0), (0, 5), (5, 0), (1, 1), (1000, 3), (70_000, 123_457), (3, 1 << 20)):
        a, b = rng.randbytes(size_a), rng.randbytes(size_b)
        assert X.crc32_combine(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(a + b)


def test_two_writers_make_the_workbook_one_writer_makes(small_parts: None, monkeypatch: pytest.MonkeyPatch) -> None:
    forks: list[forked.Child | None] = []
    start = forked.start

    def counted(work: Any) -> forked.Child | None:
        forks.append(start(work))
        return forks[-1]

    monkeypatch.setattr(forked, "start", counted)
    two, counts_two = workbook([spec(), spec(150)])
    assert len(forks) == 2 and None not in forks  # each sheet of 100+ rows had a forked writer
    single(monkeypatch)
    one, counts_one = workbook([spec(), spec(150)])
    assert len(forks) == 2
    assert parts(two) == parts(one)
    assert counts_two == counts_one
    # the limit fell in the forked writer's rows: links past it are HYPERLINK() formulas, as with one writer
    assert counts_one["links"] == 300 and counts_one["link_formulas"] > 0 and counts_one["links_as_text"] > 0
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(two)).get_sheet_by_index(0).to_python()
    assert len(sheet) == ROWS + 1 and sheet[ROWS][3] == f"créatrice {ROWS - 1}"


def test_a_forked_writer_that_fails_leaves_its_rows_to_the_caller(small_parts: None,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    single(monkeypatch)
    one, counts_one = workbook([spec()])
    monkeypatch.setattr(WT, "PARALLEL_WRITE_MIN_ROWS", 100)
    parent = os.getpid()
    def failing(self: X._Rows, k0: int, k1: int, budget: int) -> Any:
        def broken(write: forked.Write, done: forked.Done) -> Any:
            assert os.getpid() != parent  # (runs in the child)
            write(b"half a part")
            done(64)
            raise MemoryError("the child ran out of memory")

        return broken

    monkeypatch.setattr(X._Rows, "part", failing)
    two, counts_two = workbook([spec()])
    assert parts(two) == parts(one) and counts_two == counts_one


def test_no_fork_possible_means_one_writer(small_parts: None, monkeypatch: pytest.MonkeyPatch) -> None:
    single(monkeypatch)
    one, _ = workbook([spec()])
    monkeypatch.setattr(WT, "PARALLEL_WRITE_MIN_ROWS", 100)

    def no_memory_file(name: str, flags: int = 0) -> int:
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(os, "memfd_create", no_memory_file)
    two, _ = workbook([spec()])
    assert parts(two) == parts(one)


def test_a_pipe_gets_the_same_workbook(small_parts: None, monkeypatch: pytest.MonkeyPatch) -> None:
    class Unseekable(io.BytesIO):  # stdout into a pipe: the zip has data descriptors
        def seekable(self) -> bool:
            return False

        def seek(self, *_: Any) -> int:
            raise OSError("not seekable")

        def tell(self) -> int:
            raise OSError("not seekable")

    piped = Unseekable()
    X.write_workbook([spec()], piped)
    single(monkeypatch)
    one, _ = workbook([spec()])
    assert parts(piped.getvalue()) == parts(one)


def test_the_rows_count_up_to_the_sheet_with_two_writers(small_parts: None) -> None:
    seen: list[dict[str, Any]] = []
    with progress.reporting(seen.append):
        workbook([spec()])
    counts = [s["done"] for s in seen if s.get("step") == "writing xlsx [influkit]" and "done" in s]
    assert counts[0] == 0 and counts[-1] == ROWS and counts == sorted(counts)


def test_write_table_and_its_library_caller_take_the_two_writers(small_parts: None, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    table = Table(source="t.csv")
    table.source_rows = list(range(2, ROWS + 2))
    table.data = {"creator": [f"Créa {k}" for k in range(ROWS)], "platform": ["instagram"] * ROWS,
                  "handle": [f"h{k}" for k in range(ROWS)],
                  "profile_url": [f"https://www.instagram.com/h{k}/" for k in range(ROWS)],
                  "followers": [1000 + k for k in range(ROWS)]}
    W.write_table(table, str(tmp_path / "two.xlsx"))
    single(monkeypatch)
    W.write_table(table, str(tmp_path / "one.xlsx"))
    assert parts((tmp_path / "two.xlsx").read_bytes()) == parts((tmp_path / "one.xlsx").read_bytes())


def test_influkit_workers_1_keeps_the_writing_in_one_process(small_parts: None,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_WORKERS", "1")  # as for the scoring workers
    started: list[object] = []
    monkeypatch.setattr(forked, "start", lambda work: started.append(work))
    data, counts = workbook([spec()])
    assert started == [] and counts["links"] == 300 and parts(data)


def test_a_large_sheet_stays_in_one_process(small_parts: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(WT, "PARALLEL_WRITE_MAX_ROWS", ROWS - 1)  # (the pages two processes copy: memory)
    started: list[object] = []
    monkeypatch.setattr(forked, "start", lambda work: started.append(work))
    workbook([spec()])
    assert started == []
    monkeypatch.setattr(WT, "PARALLEL_WRITE_MAX_ROWS", ROWS)
    workbook([spec()])
    assert len(started) == 1
