"""write_csv makes its records itself (for speed): they must be what Python's csv module writes.

The reference below is the csv module itself (csv.writer, lineterminator "\n", QUOTE_MINIMAL) fed the
cells by the documented rules: None and NaN empty, bools true/false, floats by repr, dates in ISO form,
text starting with = + - @ tab or CR given a leading apostrophe outside columns of numbers. A record
holding a CR in a text is quoted as the csv module quotes it when CR is part of its line terminator:
every field holding , " LF or CR (so a CR never splits a record, whatever Python's version).
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import enum
import io
import math
import random
from pathlib import Path
from typing import Any

import pytest

from influkit.io import write as W
from influkit.io.xlsx import NUMERIC_KINDS
from influkit.schema import kind_of
from influkit.table import Table

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs text starting so as a formula


def _cell(value: Any, numeric: bool) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if not numeric and value[:1] in TRIGGERS else value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "" if math.isnan(value) else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _record(cells: list[Any]) -> str:
    with_cr = any(type(c) is str and "\r" in c for c in cells)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n" if with_cr else "\n").writerow(cells)
    text = buffer.getvalue()
    return text[:-2] + "\n" if with_cr else text


def _cells(columns: dict[str, list[Any]]) -> list[list[Any]]:
    """The header and rows of cells the csv module is given."""
    names = list(columns)
    numeric = [kind_of(c) in NUMERIC_KINDS for c in names]
    n = len(next(iter(columns.values()))) if columns else 0
    rows = [[_cell(columns[c][i], num) for c, num in zip(names, numeric, strict=True)] for i in range(n)]
    return [[_cell(c, False) for c in names], *rows]


def expected(columns: dict[str, list[Any]]) -> str:
    return "".join(_record(cells) for cells in _cells(columns))


def make_table(columns: dict[str, list[Any]]) -> Table:
    n = len(next(iter(columns.values()))) if columns else 0
    table = Table(source="t.csv", fixed_columns=list(columns))
    table.source_rows = list(range(2, n + 2))
    table.data.update(columns)
    return table


def written(columns: dict[str, list[Any]]) -> str:
    buffer = io.StringIO(newline="")
    W.write_csv(make_table(columns), buffer)
    return buffer.getvalue()


def check(columns: dict[str, list[Any]]) -> str:
    """The writer's text is the csv module's, and reads back as the cells written."""
    text = written(columns)
    assert text == expected(columns)
    read = list(csv.reader(io.StringIO(text, newline="")))
    assert read == [[str(c) for c in cells] for cells in _cells(columns)]
    return text


@pytest.fixture(params=[1, 2, 5, 1000], ids=lambda p: f"chunk{p}")
def chunk_rows(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Rows made into records and written at a time (CSV_CHUNK_ROWS)."""
    monkeypatch.setattr(W, "CSV_CHUNK_ROWS", request.param)
    return int(request.param)


TRICKY = ["plain", "", "a,b", 'say "hi"', '"', '""', ",", "two\nlines", "bare\rcr", "\r", "\n", "\r\n", "end\r",
          "=1+1", "+33 6 12", "-5", "@lea", "\tTab", "\rCR first", "'quoted", "#tag", " lead", "trail ",
          "é à ç", "1 783 €", "😀 emoji, with comma", "日本語", "a\x00b", "\x85", "\u2028", "\ufeffbom",
          "x" * 300 + ",", '=HYPERLINK("http://evil")', "-", "=", "@"]


@pytest.mark.parametrize("name", ["notes", "followers", "Notes internes"])
def test_tricky_text_as_the_csv_module_writes_it(name: str, chunk_rows: int) -> None:
    """Every quoting case, neutralised outside columns of numbers (followers keeps "-5" as it is)."""
    text = check({"handle": [f"h{i}" for i in range(len(TRICKY))], name: list(TRICKY)})
    assert ("'=1+1" in text) is (name != "followers")
    assert '"bare\rcr"' in text


def test_text_columns_each_way(chunk_rows: int) -> None:
    """Unique texts, texts repeated (the same objects or equal ones), texts needing nothing, None."""
    unique = [f"{t} {i}" for i, t in enumerate(TRICKY * 4)]
    repeated = [TRICKY[i % 5] for i in range(len(unique))]  # the same few str objects
    equal = ["".join(["a,", "b"]) for _ in unique]  # equal texts, distinct objects
    clean = [f"https://www.instagram.com/h{i}/" for i in range(len(unique))]
    sparse = [None if i % 3 else t for i, t in enumerate(unique)]
    formulas = [None if i % 2 else "-" + t for i, t in enumerate(clean)]
    check({"notes": unique, "category": repeated, "flags": equal, "profile_url": clean, "reasons": sparse,
           "creator": formulas, "price_method": [None] * len(unique)})



@pytest.mark.parametrize("late", ["a,b", 'a"b', "a\nb", "a\rb", "=a", "-a", "@a", "\ta", "\ra"])
def test_a_cell_needing_quotes_far_down_a_column(late: str, chunk_rows: int) -> None:
    """A column of distinct texts needing nothing but one cell: wherever that cell is, it is quoted (or
    neutralised)."""
    for where in (0, 299, 600):
        values: list[Any] = [f"h{i}" for i in range(700)]
        values[where] = late
        text = check({"handle": values, "followers": values})
        assert late not in text.split("\n")[0]

def test_numbers_as_the_csv_module_writes_them(chunk_rows: int) -> None:
    floats = [0.0, -0.0, 1.5, float("nan"), float("inf"), float("-inf"), 1e100, 1e-7, 0.1 + 0.2, None, 123456789.0,
              -2.5e-310, 5e-324]
    ints = [0, 1, -1, 10**30, -(10**20), 12500, None, 2**63, 7, 8, 9, 10, 11]
    bools = [True, False, None, True, False, True, None, False, True, True, False, True, None]
    mixed = [1, 1.0, True, 0, 0.0, -0.0, False, None, float("nan"), 10**25, 2.0, 3, -3]
    text = check({"score": floats, "followers": ints, "notes": bools, "engagement_rate": mixed,
                  "Notes internes": floats})
    assert "\n-0.0,1,false,1.0,-0.0\n" in text


def test_few_distinct_numbers_keep_their_texts(chunk_rows: int) -> None:
    """Sub-scores repeat a few values: each written once per chunk, but -0.0 stays -0.0, 1.0 stays 1.0
    beside 1 and True, NaN stays empty."""
    n = 200
    check({"score_fit": [[0.0, -0.0, 50.0, 100.0][i % 4] for i in range(n)],
           "score_reach": [[100.0, 75.0][i % 2] for i in range(n)],
           "authenticity": [[100, 90, 40, None][i % 4] for i in range(n)],
           "score": [[1, 1.0, True][i % 3] for i in range(n)],
           "fit_score": [[float("nan"), 2.5][i % 2] for i in range(n)],
           "er_percentile": [-0.0] * n,
           "score_cost": [[0.0, 12.5, 100.0, None][i % 4] for i in range(n)],
           "growth_7d_pct": [[0.0, -3.5, 2.0][i % 3] for i in range(n)]})
    zeros = [[0.0, 12.5, 100.0, None][i % 4] for i in range(n)]  # scores: no negative number
    assert W._each_once(zeros, W._number_field, zeros=True) == ["0.0", "12.5", "100.0", ""] * (n // 4)
    for negative in (-0.0, -3.5):  # -0.0 beside 0.0 is one key but another text: each cell's own repr
        assert W._each_once([*zeros, negative], W._number_field, zeros=True) is None


def test_dates_and_datetimes(chunk_rows: int) -> None:
    """ISO form; two datetimes of the same instant in different zones are equal but not written alike."""
    utc = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)
    paris = utc.astimezone(dt.timezone(dt.timedelta(hours=1)))
    assert utc == paris
    days = [dt.date(2026, 3, 5), dt.date(1, 1, 1), None, dt.date(2026, 3, 5)] * 50
    moments = [utc, paris, dt.datetime(2026, 3, 5, 9, 30, 1, 5), None] * 50
    text = check({"contacted_on": days, "last_post_on": moments, "Notes internes": [*days[:100], *moments[:100]]})
    assert "2026-01-01T12:00:00+00:00" in text and "2026-01-01T13:00:00+01:00" in text


class Level(enum.IntEnum):
    HIGH = 3


class Label(str):
    pass


class Shown:
    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


def test_other_objects_as_the_csv_module_writes_them(chunk_rows: int) -> None:
    """Values that are neither text, numbers nor dates are given to the csv module as they are: it writes
    str(value) (a str subclass's own text), quoted where needed."""
    odd = [decimal.Decimal("1.10"), [1, "a,b"], {"k": "v"}, Level.HIGH, Label("x,y"), Label("=sum"), Label(""),
           Shown("o,o"), Shown(""), Shown("=o"), Shown('"o"'), b"by", 3 + 4j, "plain", 2.5, None]
    notes = ["a\rb" if i % 2 else "ok" for i in range(len(odd))]
    check({"notes": notes, "Notes internes": odd, "followers": odd[::-1]})
    check({"Notes internes": odd})


def test_an_object_holding_a_cr_as_before(chunk_rows: int) -> None:
    """The text of an object other than a str holding a CR is quoted where the csv module quotes it (from
    Python 3.13), and in a record where a text holds a CR: as before write_csv made its records itself."""
    odd = [Shown("o\ro"), Shown("o\ro"), Label("l\rl"), Label("l\rl")]
    columns: dict[str, list[Any]] = {"notes": ["ok", "a\rb", "ok", "a\rb"], "Notes internes": odd}
    text = written(columns)
    assert text == expected(columns)
    assert '"a\rb","o\ro"' in text and '"a\rb","l\rl"' in text


@pytest.mark.parametrize("values", [[None, "", float("nan"), "x", None], [None, None], [""], [float("nan")] * 3])
def test_a_single_column_keeps_its_empty_records(values: list[Any], chunk_rows: int) -> None:
    """The csv module writes a record of one empty field as "" (else it would be an empty line)."""
    text = check({"notes": values})
    assert text.split("\n")[1] == '""'


def test_header_from_the_sheet() -> None:
    check({"=cmd|' /C calc'!A0": [1], "Nom, prénom": ["a"], 'Dit "X"': ["b"], "x\ry": ["c"], "😀": ["d"]})
    assert written({"": [None, "a"]}) == '""\n""\na\n'
    assert written({"-a": ["b"]}) == "'-a\nb\n"


def test_tables_without_columns_or_rows() -> None:
    assert written({}) == "\n"  # what the csv module writes for a record of no fields
    assert written({"notes": [], "followers": []}) == "notes,followers\n"
    check({"notes": []})


def test_runs_of_empty_columns(chunk_rows: int) -> None:
    """Columns empty on every row, alone, in runs, first and last."""
    n = 7
    for columns in (["cpe", "cpm", "notes", "growth_7d", "growth_30d", "issues"], ["cpe", "notes"], ["notes", "cpe"],
                    ["cpe"], ["cpe", "cpm"]):
        data = {c: [None] * n if c != "notes" else [f"n,{i}" for i in range(n)] for c in columns}
        check(data)
        shared = Table(source="t.csv", fixed_columns=columns, source_rows=list(range(n)))
        shared.data = {"notes": data["notes"]} if "notes" in data else {}
        buffer = io.StringIO(newline="")
        W.write_csv(shared, buffer)  # the columns it lacks are its shared empty column
        assert buffer.getvalue() == expected(data)


def test_random_tables_as_the_csv_module_writes_them(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(2024)
    pools: dict[str, list[Any]] = {
        "text": [*TRICKY, None], "numbers": [0, 1, -7, 10**20, 0.0, -0.0, 2.5, float("nan"), float("inf"), None],
        "bools": [True, False, None], "dates": [dt.date(2026, 1, 2), dt.datetime(2026, 1, 2, 3, 4), None],
        "odd": [decimal.Decimal("2.50"), Label("l,l"), Shown("s\rs"), ["a"]], "none": [None],
    }
    pools["mixed"] = [v for pool in pools.values() for v in pool]
    names = ["notes", "followers", "score", "Notes internes", "creator", "growth_7d", "handle", "=x"]
    for _ in range(300):
        monkeypatch.setattr(W, "CSV_CHUNK_ROWS", rng.choice([1, 2, 3, 5, 1000]))
        n = rng.choice([0, 1, 2, 9, 40, 150])
        columns = {}
        for name in rng.sample(names, rng.randint(1, len(names))):
            pool = pools[rng.choice(list(pools))]
            if rng.random() < 0.4:
                pool = [rng.choice(pool) for _ in range(2)]  # a few values repeated, the same objects
            columns[name] = [rng.choice(pool) for _ in range(n)]
        assert written(columns) == expected(columns), columns


@pytest.mark.parametrize("short", ["notes", "followers", "score"])
def test_a_short_column_is_an_error(short: str) -> None:
    table = make_table({"notes": ["a", "b", "c"], "followers": [1, 2, 3], "score": [1.5, 2.5, 3.5]})
    table.data[short] = table.data[short][:2]
    with pytest.raises(ValueError):
        W.write_csv(table, io.StringIO())


def test_written_file_is_utf8_and_reads_back(tmp_path: Path) -> None:
    columns: dict[str, list[Any]] = {"creator": ["Léa 😀", "=x", None], "followers": [1, None, 3],
                                     "notes": ["a\rb", 'q "x"', ""]}
    out = tmp_path / "o.csv"
    W.write_table(make_table(columns), str(out))
    assert out.read_bytes() == expected(columns).encode("utf-8")
    with out.open(encoding="utf-8", newline="") as fh:
        assert list(csv.reader(fh)) == [[str(c) for c in cells] for cells in _cells(columns)]
