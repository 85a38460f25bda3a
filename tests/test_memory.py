"""Issue #14 (peak memory at 500k rows): repeated cells read as one object, the reader's copy of a tab let
go before the table is built, counts and links not copied, one shared all-empty column, the CSV written a
chunk at a time. Each must leave what is read, computed and written unchanged."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from influkit.io import write as W
from influkit.io.normalize import normalize_sheets
from influkit.io.parse import parse_profile
from influkit.io.read import SharedCells, Workbook, pick_sheet, read_sheet, read_sheets
from influkit.pipeline import read_table
from influkit.table import Table
from influkit.thresholds.reading import SHARED_CELLS_CHUNK
from sheetmaker import xlsx

N = 2 * SHARED_CELLS_CHUNK + 37  # several passes of the sharing, and a partial one


def _prospects(n: int = N) -> list[list[object]]:
    rows: list[list[object]] = [["Nom", "Pays", "Lien du profil", "Abonnés", "Statut", "Date de contact"]]
    for k in range(n):
        rows.append([f"Léa {k % 7}", ("France", "Belgique", "Suisse")[k % 3], f"https://www.instagram.com/lea{k}/",
                     float(1000 + k % 5) if k % 4 else f"{k} 000", ("Contacté", "À relancer")[k % 2],
                     dt.datetime(2026, 1, 1 + k % 3)])
    return rows


def _calamine(path: Path, sheet: str) -> list[list[object]]:
    return [list(row) for row in CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()]


def _same_cells(got: list[list[object]], want: list[list[object]]) -> None:
    """Equal values of the same types (and the same sign for zeros)."""
    assert got == want
    for g, w in zip(got, want, strict=True):
        assert [type(v) for v in g] == [type(v) for v in w]
        assert [math.copysign(1, v) if isinstance(v, float) else None for v in g] == \
            [math.copysign(1, v) if isinstance(v, float) else None for v in w]


def test_repeated_cells_of_a_workbook_are_one_object_and_read_back_equal(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "p.xlsx", {"Prospects": _prospects()})
    raw = read_sheet(str(path))
    _same_cells(raw.rows, _calamine(path, "Prospects")[1:])
    first, later = raw.rows[0], raw.rows[42 * 195]  # the same name, country, status and date, in another pass
    assert SHARED_CELLS_CHUNK <= 42 * 195
    for i in (0, 1, 4, 5):
        assert first[i] == later[i] and first[i] is later[i]
    assert raw.rows[1][3] == raw.rows[8201][3] == 1001.0 and raw.rows[1][3] is raw.rows[8201][3]


def test_cells_that_compare_equal_across_types_are_not_merged(tmp_path: Path) -> None:
    """True == 1.0 and 0.0 == -0.0 in Python: the sharing must keep each cell's own type and sign."""
    body = [["x", v, v] for v in (True, 1.0, 1, False, 0.0, -0.0, 0, "1", dt.date(2026, 1, 2))] * 3
    path = xlsx(tmp_path / "types.xlsx", {"Sheet": [["Nom", "Abonnés", "Notes"], *body]})
    raw = read_sheet(str(path))
    _same_cells(raw.rows, _calamine(path, "Sheet")[1:])
    values = [row[1] for row in raw.rows[:9]]
    assert [type(v).__name__ for v in values] == ["bool", "float", "float", "bool", "float", "float", "float",
                                                  "str", "date"]
    assert math.copysign(1, values[5]) == -1 and math.copysign(1, values[4]) == 1


def test_shared_cells_of_ragged_and_unique_columns() -> None:
    rows: list[list[object]] = [["a", f"u{k}", 2.5, -0.0] if k % 2 else ["a", f"u{k}"] for k in range(3 * SHARED_CELLS_CHUNK)]
    want = [list(r) for r in rows]
    shared = SharedCells()
    shared.share(rows)
    _same_cells(rows, want)
    assert all(r[0] is rows[0][0] for r in rows) and all(r[2] is rows[1][2] for r in rows[1::2])
    assert shared.memos[1] is None  # every cell distinct: the column is no longer looked at
    assert shared.memos[0] is not None


def test_csv_cells_are_shared_and_read_back_equal(tmp_path: Path) -> None:
    text = "Nom,Pays,Abonnés\n" + "".join(f"Léa {k % 3},France,{k}\n" for k in range(N)) + "Zoé,Suisse\n"
    (tmp_path / "p.csv").write_text(text, encoding="utf-8")
    raw = read_sheet(str(tmp_path / "p.csv"))
    assert raw.rows == [r + [None] * (3 - len(r)) for r in csv.reader(io.StringIO(text))][1:]
    assert raw.rows[0][1] is raw.rows[N - 1][1] and raw.rows[0][0] is raw.rows[N - 3][0]


def test_the_read_tab_is_let_go_and_the_other_tabs_still_noted(tmp_path: Path) -> None:
    rows = _prospects(50)
    path = xlsx(tmp_path / "tabs.xlsx", {"Instagram": rows, "TikTok": rows, "Notes": [["Lisez-moi"]]})
    book = Workbook(str(path), "tabs.xlsx")
    try:
        name = pick_sheet(book, None, "tabs.xlsx")
        raw = book.read(name)
        assert name not in book._sheets  # the reader's copy of the cells
        assert len(raw.rows) == 50
        assert book.looks_like_list(name) > 0  # scored before it was let go
    finally:
        book.close()
    (raw,) = read_sheets(str(path))
    assert raw.sheet == "Instagram" and raw.list_sheets == ["TikTok"]


def test_counts_repeated_down_a_column_are_one_int(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "p.xlsx", {"Prospects": _prospects(40)})
    table = read_table(str(path))
    followers = table.get("followers")
    assert followers[1] == followers[21] == 1001 and followers[1] is followers[21]
    assert followers[0] == 0 and followers[4] == 4000
    assert all(type(v) is int for v in followers)


def test_a_canonical_link_is_kept_as_the_cells_own_text() -> None:
    url = "".join(["https://www.instagram.com/", "lea.cuisine", "/"])
    assert parse_profile(url) == ("instagram", "lea.cuisine", url) and parse_profile(url)[2] is url
    odd = "".join(["https://www.instagram.com/", "léa.cuisine", "/"])  # the slower path (and its cache)
    assert parse_profile(odd)[2] is odd
    other = "https://instagram.com/Lea.Cuisine"
    assert parse_profile(other) == ("instagram", "lea.cuisine", "https://www.instagram.com/lea.cuisine/")


def test_duplicates_on_one_tab_and_across_tabs(tmp_path: Path) -> None:
    head = ["Nom", "Réseau", "Pseudo"]
    insta = [head, ["Léa", "Instagram", "@lea"], ["Zoé", "TikTok", "@lea"], ["Léa bis", "Instagram", "@LEA"]]
    other = [head, ["Léa", "Instagram", "@lea"], ["Zoé", "TikTok", "zoe"]]
    path = xlsx(tmp_path / "d.xlsx", {"Insta": insta, "Autre": other})
    one = read_table(str(path), sheet="Insta")
    assert one.get("duplicate_of") == [None, None, 2] and one.meta["duplicates"] == 1
    both = normalize_sheets(read_sheets(str(path), sheet="all"))
    assert both.get("duplicate_of") == [None, None, 2, "Insta!2", None]


def test_the_shared_empty_column_cannot_be_written_into_in_place() -> None:
    t = Table(source="t")
    t.source_rows = [2, 3, 4]
    t.data["a"] = t.empty_column()
    t.data["b"] = t.empty_column()
    assert t.data["a"] is t.data["b"] is t.get("missing") and t.data["a"] == [None, None, None]
    column = t.data["a"]
    with pytest.raises(TypeError):
        column[0] = 1
    with pytest.raises(TypeError):
        column.append(1)
    with pytest.raises(TypeError):
        column.extend([1])
    with pytest.raises(TypeError):
        column.sort()
    with pytest.raises(TypeError):
        column.pop()
    t.set("a", [1, None, None])
    assert t.get("a") == [1, None, None] and t.get("b") == [None, None, None]
    t.writable("b")[1] = "x"
    assert t.get("b") == [None, "x", None] and t.get("missing") == [None, None, None]
    t.writable("c")[2] = 5
    assert t.get("c") == [None, None, 5] and t.empty_column() == [None, None, None]


def test_issues_on_a_table_read_without_any(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "p.xlsx", {"Prospects": _prospects(5)})
    table = read_table(str(path))
    assert table.get("issues") == [None] * 5 and table.get("issues") is table.get("duplicate_of")
    table.add_issue(1, "followers", "checked by hand")
    table.add_issue(1, "country", "unknown")
    # (an issue names the column as the sheet writes it: "Abonnés", not influkit's "followers")
    said = f"{table.mapped['followers']}: checked by hand; {table.mapped['country']}: unknown"
    assert said.startswith("Abonnés") and table.get("issues") == [None, said, None, None, None]
    assert table.get("duplicate_of") == [None] * 5
    out = tmp_path / "out.csv"
    W.write_table(table, str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["issues"] for r in rows] == ["", said, "", "", ""]


def test_csv_written_in_chunks_is_the_same_text(tmp_path: Path) -> None:
    n = W.CSV_CHUNK_ROWS + 5
    t = Table(source="t.csv")
    t.source_rows = list(range(2, n + 2))
    t.data["followers"] = list(range(n))
    t.data["notes"] = ["x"] * n
    t.data["notes"][3] = "=1+1"
    t.data["notes"][W.CSV_CHUNK_ROWS + 2] = "a\rb"
    t.data["notes"][W.CSV_CHUNK_ROWS + 3] = 'say "hi", then go'
    t.data["issues"] = t.empty_column()
    out = tmp_path / "out.csv"
    W.write_table(t, str(out))
    text = out.read_bytes().decode("utf-8")
    cells = {3: "'=1+1", W.CSV_CHUNK_ROWS + 2: '"a\rb"', W.CSV_CHUNK_ROWS + 3: '"say ""hi"", then go"'}
    want = "".join(f"{k},{cells.get(k, 'x')},\n" for k in range(n))
    assert text == "followers,notes,issues\n" + want


def test_the_quick_link_path_reads_as_the_full_path() -> None:
    """`parse_profile` answers the commonest link shapes without urlsplit: the same (platform, handle,
    url) as the full path for every name, accents, dashes, reserved words and odd characters included."""
    import random

    from influkit.io.parse.profiles import _slow_profile

    names = ["lea", "Léa.Vernoux0", "inès.vernoux2", "zoé-b", "a" * 24, "a" * 25, "a" * 31, "_u", "_U", "p",
             "reels", "Stories", "explore", "x_y", "UC" + "a" * 22, "ça", "l'ea", "lea%20b", "lea b", "lea\u200b",
             "lea\u2019s", "lé@a", "[lea]", "lea;b", "lea,b", "·lea", "lea\x01", "ПРИВЕТ", "日本", "-lea-", "."]
    rng = random.Random(14)
    alphabet = "abcXYZ019._-éèçÉ·'%@ ;|\u00a0\u2019"
    names += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(400)]
    shapes = ["https://www.instagram.com/{}/", "https://instagram.com/{}", "http://www.instagram.com/{}",
              "https://www.tiktok.com/@{}", "https://tiktok.com/@{}/", "https://www.youtube.com/@{}",
              "http://youtube.com/@{}/", "https://www.instagram.com/{}//", "https://www.tiktok.com/@{}?lang=fr"]
    for shape in shapes:
        for name in names:
            url = shape.format(name)
            assert parse_profile(url) == _slow_profile(url), url


@pytest.mark.parametrize("text", [
    "", "a", "a\n", "\n", "\n\n", "a,b\r\n1,2\r\n", "a,b\r1,2\r", "a\r\n\rb\n\r\n", 'a,"x\ny"\r\n1,"\r"\n2',
    "a\u2028b\x0cc\x1cd\x85e\n", "é,€\n\n\n1,2", "a\rb\nc\r\nd", "\r", "\r\n", "x" * 10 + "\r\r\n\n"])
def test_csv_lines_are_split_as_stringio_splits_them(text: str) -> None:
    from influkit.io.read import _LF_LINE, _lines

    assert list(_lines(text)) == list(io.StringIO(text, newline=""))
    assert list(_lines(text, _LF_LINE)) == list(io.StringIO(text))
    assert list(csv.reader(_lines(text))) == list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("content", [b"", b",,;\n\n", b"\xef\xbb\xbf \t\r\n|", b";;\x00;"])
def test_a_csv_of_separators_only_is_empty(tmp_path: Path, content: bytes) -> None:
    from influkit.errors import InfluError

    (tmp_path / "e.csv").write_bytes(content)
    with pytest.raises(InfluError, match="the file is empty"):
        read_sheet(str(tmp_path / "e.csv"))


@pytest.mark.parametrize(("content", "rows"), [
    (b"sep=;\nNom;Pays\nL\xc3\xa9a;France\n", [["Léa", "France"]]),
    (b"sep=;\r\nNom;Pays\r\nZo\xc3\xa9;Suisse", [["Zoé", "Suisse"]]),
    (b"Nom;Pays\nsep=;\nL\xc3\xa9a;France\n", [["sep=", ""], ["Léa", "France"]]),
])
def test_excels_sep_line(tmp_path: Path, content: bytes, rows: list[list[str]]) -> None:
    (tmp_path / "s.csv").write_bytes(content)
    raw = read_sheet(str(tmp_path / "s.csv"))
    assert raw.delimiter == ";" and raw.headers == ["Nom", "Pays"] and raw.rows == rows
