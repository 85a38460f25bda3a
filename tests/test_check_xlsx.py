"""`influkit check -o x.xlsx`: a client's workbook. Headers, verdicts and levels in the sheet's language (or
--lang), rule ids as ids; the kept columns' numbers as numbers and dates as dates; every row and column kept."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from influkit.campaign.compliance import COLUMNS, check, write_check
from influkit.cli.app import app
from influkit.io.values import typed_column
from influkit.labels import check_label

runner = CliRunner()

FR_ROWS = [
    ["Lien", "Légende", "Date de publication", "Likes", "Vues", "Coût", "Code postal", "Partenariat rémunéré"],
    ["https://www.instagram.com/p/ABC123/", "Ma routine visage préférée avec @marque ✨ code LEA10", "15/03/2025",
     "1 234", "12 500", "1 200,50", "07500", "non"],
    ["https://www.instagram.com/p/DEF456/", "Publicité | Ma nouvelle bougie préférée avec @marque", "20/03/2025",
     "980", "8000", "300", "75011", "oui"],
    ["https://www.tiktok.com/@lea/video/7312345678901234567", "Mon avis sur la crème #collab merci @marque",
     "28/03/2025", "45", "2 300", "", "13001", "non"],
    ["https://www.instagram.com/p/GHI789/", "", "31/03/2025", "50", "100", "150,5", "69002", "non"],
]
EN_ROWS = [
    ["Post link", "Caption", "Published", "Likes", "Fee", "Order id"],
    ["https://www.instagram.com/p/AAA111/", "My new favourite candle, thanks @brand! #ad", "2025-04-02", "1,234",
     "1,200.50", "17841405822304914"],
    ["https://www.instagram.com/p/BBB222/", "Loving this serum from @brand so much, best purchase",
     "2025-04-09", "980", "300", "17841405822304915"],
]


def _csv(path: Path, rows: list[list[str]], delimiter: str = ";") -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


def _sheet(path: Path) -> tuple[list[Any], list[dict[Any, Any]]]:
    ws = load_workbook(path).active
    assert ws is not None
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    return rows[0], [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_a_french_sheet_gets_french_headers_and_verdicts_and_typed_numbers(tmp_path: Path) -> None:
    src = _csv(tmp_path / "posts.csv", FR_ROWS)
    out = tmp_path / "bilan.xlsx"
    result = runner.invoke(app, ["check", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    header, rows = _sheet(out)
    # the check's columns in French; a kept column named like one of them says it is the sheet's
    assert header == [*(check_label(c, "fr") for c in COLUMNS), "Lien", "Légende", "Date de publication (feuille)",
                      "Likes", "Vues", "Coût", "Code postal", "Partenariat rémunéré"]
    assert "Niveau de conformité" in header and "compliance_level" not in header
    assert [r["Mention publicitaire"] for r in rows] == ["absente", "conforme", "insuffisante", "non vérifiée"]
    # the row without a caption is "not checked" in both columns, never "to check"
    assert [r["Niveau de conformité"] for r in rows] == ["non conforme", "conforme", "non conforme", "non vérifiée"]
    assert [r["Règles non respectées"] for r in rows] == ["FR-01", None, "FR-04", None]  # ids stay ids
    assert rows[1]["Mentions trouvées"] == "label « Partenariat rémunéré » ; Publicité"
    assert rows[0]["Format"] == "Post" and rows[2]["Format"] == "Vidéo"
    # numbers are numbers, dates are dates; identifiers with a leading zero stay text
    assert [r["Likes"] for r in rows] == [1234, 980, 45, 50]
    assert [r["Vues"] for r in rows] == [12500, 8000, 2300, 100]
    assert [r["Coût"] for r in rows] == [1200.5, 300, None, 150.5]
    assert [r["Code postal"] for r in rows] == ["07500", "75011", "13001", "69002"]
    assert rows[0]["Date de publication (feuille)"] == dt.datetime(2025, 3, 15)
    assert rows[0]["Date de publication"] == dt.datetime(2025, 3, 15)
    assert rows[0]["Raisons"].startswith("FR-01 : aucune mention")
    # the machine formats keep the codes
    as_csv = runner.invoke(app, ["check", str(src), "-q"])
    lines = list(csv.reader(as_csv.stdout.splitlines()))
    assert lines[0][: len(COLUMNS)] == list(COLUMNS) and lines[1][COLUMNS.index("compliance_level")] == "fail"


def test_lang_en_on_a_french_sheet_writes_english_words(tmp_path: Path) -> None:
    src = _csv(tmp_path / "posts.csv", FR_ROWS)
    out = tmp_path / "report.xlsx"
    assert runner.invoke(app, ["check", str(src), "--lang", "en", "-o", str(out), "-q"]).exit_code == 0
    header, rows = _sheet(out)
    assert header[: len(COLUMNS)] == [check_label(c, "en") for c in COLUMNS]
    assert "Date de publication" in header  # no collision in English: the sheet's own header
    assert [r["Compliance level"] for r in rows] == ["not compliant", "compliant", "not compliant", "not checked"]
    assert [r["Disclosure"] for r in rows] == ["missing", "compliant", "insufficient", "not checked"]
    assert rows[1]["Labels found"] == "paid-partnership label; Publicité"  # (English: no space before ";")
    assert rows[2]["Format"] == "Video" and rows[0]["Reasons"].startswith("FR-01: ")


def test_the_library_writes_what_the_cli_writes_and_an_english_sheet_stays_english(tmp_path: Path) -> None:
    src = _csv(tmp_path / "posts.csv", EN_ROWS, delimiter=",")
    result = check(str(src), rules="fr,uk")
    write_check(result, str(tmp_path / "lib.xlsx"))
    assert runner.invoke(app, ["check", str(src), "--rules", "fr,uk", "-o", str(tmp_path / "cli.xlsx")]).exit_code == 0
    lib, cli = _sheet(tmp_path / "lib.xlsx"), _sheet(tmp_path / "cli.xlsx")
    assert lib == cli
    header, rows = lib
    assert header[: len(COLUMNS)] == [check_label(c, "en") for c in COLUMNS]
    assert [r["Likes"] for r in rows] == [1234, 980]  # "1,234": an English sheet's "," groups
    assert [r["Fee"] for r in rows] == [1200.5, 300]
    assert [r["Order id"] for r in rows] == ["17841405822304914", "17841405822304915"]  # > 15 digits: text
    assert rows[0]["Published"] == dt.datetime(2025, 4, 2)
    assert rows[1]["Disclosure"] == "missing" and rows[1]["Compliance level"] == "not compliant"


def test_captions_that_do_not_tell_leave_the_language_to_the_sheets_headers(tmp_path: Path) -> None:
    rows = [["Lien", "Légende", "Vues"], ["https://www.instagram.com/p/Q1/", "🔥🔥 @marque", "1 000"],
            ["https://www.instagram.com/p/Q2/", "✨✨ @marque", "250"]]  # emoji and mentions: no language
    src = _csv(tmp_path / "posts.csv", rows)
    result = check(str(src))
    assert result.summary["lang"] == "fr"
    write_check(result, str(tmp_path / "x.xlsx"))
    header, got = _sheet(tmp_path / "x.xlsx")
    assert "Mention publicitaire" in header and [r["Vues"] for r in got] == [1000, 250]


@pytest.mark.parametrize(("cells", "expected"), [
    (["1 234", "12 500", None, "980"], [1234, 12500, None, 980]),
    (["1 200,50", "300"], [1200.5, 300]),
    (["1,200", "3.5"], [1200, 3.5]),  # "3.5" says the point is the decimal mark: "1,200" groups
    (["12,5", "13"], [12.5, 13]),
    (["-0,4", "2"], [-0.4, 2]),
    (["12,500", "13,000"], ["12,500", "13,000"]),  # 12.5 or 12500: nothing in the column says
    (["1.234,5", "1,2"], [1234.5, 1.2]),
    (["0612345678", "0712"], ["0612345678", "0712"]),  # identifiers
    (["+33 6 12 34 56 78"], ["+33 6 12 34 56 78"]),
    (["17841405822304914"], ["17841405822304914"]),
    (["abc", "1"], ["abc", "1"]),  # a mixed column is the user's text
    (["3,5 %", "4 %"], ["3,5 %", "4 %"]),
    (["15/03/2025", "20/03/2025"], [dt.date(2025, 3, 15), dt.date(2025, 3, 20)]),
    (["03/15/2025", "03/02/2025"], [dt.date(2025, 3, 15), dt.date(2025, 3, 2)]),  # one order for the column
    (["2025-03-15"], [dt.date(2025, 3, 15)]),
    (["15/03/2025 14:00"], ["15/03/2025 14:00"]),  # a time would be lost
    ([12, "3"], [12, 3]),
])
def test_typed_column(cells: list[Any], expected: list[Any]) -> None:
    assert typed_column(cells) == expected


def test_the_sheets_decimal_mark_settles_a_column_that_does_not_say() -> None:
    assert typed_column(["12,500", "980"], ".") == [12500, 980]
    assert typed_column(["12,500", "980"], ",") == [12.5, 980]
    assert typed_column(["12,500", "1.5"], ",") == [12500, 1.5]  # the column's own mark wins


@pytest.mark.parametrize(("headers", "caption", "money"), [
    (["Post URL", "Caption", "Date posted", "Fee (£)", "Notes"], "My favourite serum #ad", "£#,##0"),
    (["Lien", "Légende", "Date du post", "Coût", "Notes"], "Publicité | Mon sérum préféré", '#,##0 "€"'),
])
def test_kept_columns_keep_the_sheets_number_formats(tmp_path: Path, headers: list[str], caption: str,
                                                     money: str) -> None:
    """A new user's `check posts.xlsx -o check.xlsx` showed her `£#,##0` fees as 150.0 (General) and her
    dd/mm/yyyy dates as yyyy-mm-dd: the columns `check` keeps as they are show their numbers and dates in
    the sheet's own formats, as enrich's workbook does, each tab's format on its own rows (`--sheet all`
    reads every posts tab)."""
    from sheetmaker import xlsx

    def rows(code: str) -> list[list[Any]]:
        return [headers, *([f"https://www.instagram.com/p/{code}{k}/", caption, dt.date(2026, 2, 10 - k), 150 * (k + 1),
                             "x"] for k in range(2))]

    src = xlsx(tmp_path / "posts.xlsx", {"Juin": rows("AAA"), "Juillet": rows("BBB")},
               formats={"Juin": {"C": "dd/mm/yyyy", "D": money}, "Juillet": {"C": "d mmm yyyy", "D": "0.00"}})
    out = tmp_path / "check.xlsx"
    result = runner.invoke(app, ["check", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    ws = load_workbook(out).active
    assert ws is not None
    head = [c.value for c in ws[1]]
    shown = {h: [(ws.cell(r, head.index(h) + 1).value, ws.cell(r, head.index(h) + 1).number_format)
                 for r in range(2, 6)] for h in headers[2:4]}
    assert shown == {
        headers[2]: [(dt.datetime(2026, 2, 10), "dd/mm/yyyy"), (dt.datetime(2026, 2, 9), "dd/mm/yyyy"),
                     (dt.datetime(2026, 2, 10), "d mmm yyyy"), (dt.datetime(2026, 2, 9), "d mmm yyyy")],
        headers[3]: [(150, money), (300, money), (150, "0.00"), (300, "0.00")]}
