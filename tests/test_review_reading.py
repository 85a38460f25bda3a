"""A new user's review of the reader (sheets they wrote themselves): totals, influkit's own output and
columns read back, account-activity dates, tiny columns, yearless and ambiguous dates, CONCAT links,
short links, and a few messages. Every fixture is built here, small, to show one rule."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.table import Table as ExcelTable

from influkit.errors import InfluError
from influkit.io.parse import parse_date, parse_profile, parse_stage
from influkit.io.read import read_sheet
from influkit.io.write import write_table
from influkit.labels import influkit_run
from influkit.pipeline import enrich, read_table
from sheetmaker import formula, ods, xlsx

D = dt.date


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-12-01")


def _csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


# ------------------------------------------------------------------------------- 1. totals from formulas


def test_a_per_row_sum_is_not_a_total_a_column_sum_is(tmp_path: Path) -> None:
    """`Engagement total = SUM(D2:E2)` on each creator's row adds up across the row: creators stay
    creators (with their handles); `SUM(C2:C4)` under the column, on a TOTAL row, is the total."""
    path = xlsx(tmp_path / "rowsum.xlsx", {"Prospects": [
        ["Nom", "Instagram", "Abonnés", "Likes moy.", "Coms moy.", "Engagement total", "Statut"],
        ["Ann", "@ann.k", 12000, 400, 20, formula("=SUM(D2:E2)"), "contactée"],
        ["Ben", "@ben.k", 52000, 1500, 60, formula("=SUM(D3:E3)"), "signé"],
        ["Cy", "@cy.k", 7000, 300, 15, formula("=SUM(D4:E4)"), "refus"],
        ["", None, formula("=SUM(C2:C4)"), formula("=SUM(D2:D4)"), None, None, None],
    ]})
    t = read_table(str(path))
    assert t.get("row_kind") == [None, None, None, "total"]
    assert t.get("handle") == ["ann.k", "ben.k", "cy.k", None]


def test_a_formula_beside_the_table_marks_no_row_and_makes_no_phantom_column(tmp_path: Path) -> None:
    """An Excel table A1:E4 with a side cell G2 = SUM(Prospects[Followers]) after an empty column F:
    Ann is a creator, no "column F" is invented, and `--in-place` runs twice."""
    path = tmp_path / "table.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Liste"
    for row in (["Creator", "Instagram", "Followers", "Status", "Rate"],
                ["Ann", "https://instagram.com/ann.k", 12000, "Contacted", "$300"],
                ["Ben", "https://instagram.com/ben.k", 52000, "Signed", "$900"],
                ["Cy", "https://instagram.com/cy.k", 7000, "No reply", "$150"]):
        ws.append(row)
    ws["G1"] = "Total followers"
    ws["G2"] = "=SUM(Prospects[Followers])"
    ws.add_table(ExcelTable(displayName="Prospects", ref="A1:E4"))
    wb.save(path)
    t = read_table(str(path))
    assert t.get("row_kind") == [None, None, None]
    assert t.get("handle") == ["ann.k", "ben.k", "cy.k"]
    assert "column F" not in t.columns and "Total followers" in t.extra_columns
    assert [c["column"] for c in t.meta["layout"][0]["columns"]] == [1, 2, 3, 4, 5, 7]
    enrich(str(path), in_place=True, offline=True, store=None)
    again = enrich(str(path), in_place=True, offline=True, store=None)
    assert again.get("row_kind") == [None, None, None]


def test_a_totals_row_of_structured_references_and_a_creator_with_a_formula(tmp_path: Path) -> None:
    """`SUBTOTAL(109,[Followers])` under Followers is a total; a row naming an account is never one, even
    with a column sum on it."""
    path = xlsx(tmp_path / "totals.xlsx", {"Liste": [
        ["Creator", "Handle", "Followers", "Likes"],
        ["Ann", "@ann.k", 12000, 400],
        ["Ben", "@ben.k", 52000, formula("=SUM(D2:D2)")],
        [None, None, formula("=SUBTOTAL(109,[Followers])"), None],
        [None, None, formula("=AVERAGE(Liste!C2:C3)"), None],  # its own sheet, named
        [None, None, formula("=SUM(Autre!C2:C3)"), None],  # another sheet's cells: not this column
    ]})
    t = read_table(str(path))
    assert t.get("row_kind") == [None, None, "subtotal", "average", None]
    assert t.get("handle")[:2] == ["ann.k", "ben.k"]


def test_ods_totals_use_the_same_rule(tmp_path: Path) -> None:
    path = ods(tmp_path / "totals.ods", {"Liste": [
        ["Nom", "Pseudo", "Abonnés", "Likes", "Coms", "Engagement"],
        ["Ann", "@ann.k", 12000, 400, 20, formula("=SUM([.D2:.E2])", 420)],
        ["Ben", "@ben.k", 52000, 1500, 60, formula("=SUM([.D3:.E3])", 1560)],
        ["TOTAL", None, formula("=SUM([.C2:.C3])", 64000), None, None, None],
    ]})
    t = read_table(str(path))
    assert t.get("row_kind") == [None, None, "total"]


# ----------------------------------------------------------------------- 2. influkit's output read back


def test_row_kind_of_influkits_own_output_is_honoured(tmp_path: Path) -> None:
    """`enrich -o out.csv` then `score out.csv`: section rows come back with cells influkit filled
    (trend "unknown"), so only the output's own row_kind column can say they are sections."""
    path = xlsx(tmp_path / "suivi.xlsx", {"Suivi": [
        ["Nom", "Pseudo", "Abonnés", "Statut", "Notes"],
        ["— Beauté —"],
        ["Léa", "@lea.v", 48200, "contactée", None],
        ["Inès", "@ines.g", 12500, "signée", None],
        ["— Food —"],
        ["Manon", "@manon.c", 8900, "refus", None],
        ["TOTAL", None, formula("=SUM(C3:C6)"), None, None],
    ]})
    first = enrich(str(path), offline=True, store=None)
    assert first.get("row_kind") == ["section", None, None, "section", None, "total"]
    for suffix in ("csv", "json"):
        out = tmp_path / f"out.{suffix}"
        write_table(first, str(out))
        back = read_table(str(out))
        assert back.get("row_kind") == ["section", None, None, "section", None, "total"], suffix
        assert back.creator_rows() == [1, 2, 4]


def test_a_row_kind_label_column_is_read_and_bad_values_are_issues(tmp_path: Path) -> None:
    path = _csv(tmp_path / "fr.csv", [["Créateur", "Pseudo", "Abonnés", "Type de ligne"],
                                      ["Beauté", None, "x", "section"], ["Léa", "@lea", "12000", None],
                                      ["Somme", None, "12000", "Sous-total"], ["Zoé", "@zoe", "9000", "quoi"]])
    t = read_table(str(path))
    assert t.get("row_kind") == ["section", None, "subtotal", None]
    assert "Type de ligne: could not read 'quoi'" in t.get("issues")[3]


# ------------------------------------------------------------------------ 3. the account's own activity


def test_last_post_dates_are_the_accounts_activity_not_the_publication(tmp_path: Path) -> None:
    path = _csv(tmp_path / "lastpost.csv", [
        ["Nom", "Instagram", "Abonnés", "Statut", "Dernier post", "Date dernier post"],
        ["A", "@a1", "12000", "à contacter", "02/03/2026", "02/03/2026"],
        ["B", "@b2", "15000", "contactée", "05/03/2026", "05/03/2026"]])
    t = read_table(str(path))
    assert "published_on" not in t.data
    assert t.get("last_post_on") == [D(2026, 3, 2), D(2026, 3, 5)]
    assert t.mapped["last_post_on"] == "Dernier post" and "Date dernier post" in t.extra_columns
    for header in ("Last post date", "Date du dernier contenu", "Dernière publication", "Last upload",
                   "Date of last post"):
        p = _csv(tmp_path / "one.csv", [["Name", "Handle", header], ["A", "@a", "2026-03-02"]])
        assert read_table(str(p)).get("last_post_on") == [D(2026, 3, 2)], header
    # in place: the sheet already has the date, influkit adds no copy of it
    enrich(str(path), in_place=True, offline=True, store=None)
    written = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert "Date du dernier post" not in written and "Last post on" not in written


def test_a_modash_last_post_date_is_not_a_publication(tmp_path: Path) -> None:
    path = _csv(tmp_path / "modash.csv", [
        ["Channel", "Username", "Account URL", "Fullname", "#Followers/Subscribers", "%ER", "Status",
         "Last post date", "Email_1"],
        ["Instagram", "camille.glow", "https://www.instagram.com/camille.glow", "Camille", "48210", "0.0345",
         "NotStarted", "2026-02-27", "camille@glow.fr"],
        ["Instagram", "noemie_cuisine", "https://www.instagram.com/noemie_cuisine/", "Noémie", "9870", "0.052",
         "InProgress", "2026-03-05", ""]])
    t = read_table(str(path))
    assert t.meta["vendor"] == "Modash"
    assert "published_on" not in t.data and t.get("last_post_on") == [D(2026, 2, 27), D(2026, 3, 5)]
    assert t.get("stage") == ["identified", "contacted"] and t.get("issues") == [None, None]


def test_a_status_that_a_later_stage_date_contradicts_is_an_issue(tmp_path: Path) -> None:
    path = _csv(tmp_path / "s.csv", [["Nom", "Pseudo", "Statut", "Date de contact", "Date de publication"],
                                     ["A", "@a", "à contacter", None, "2026-03-05"],
                                     ["B", "@b", "publié", "2026-02-01", "2026-03-05"],
                                     ["C", "@c", "pas de réponse", "2026-02-01", None],
                                     ["D", "@d", "à contacter", "2026-12-10", None]])  # planned: not a contact
    t = read_table(str(path))
    assert t.get("stage") == ["identified", "published", "no_reply", "identified"]
    assert "the status says identified but 'Date de publication' dates the published stage" in t.get("issues")[0]
    assert t.get("issues")[1:] == [None, None, None]


def test_a_stage_dated_after_today_is_said_on_its_row_unless_the_status_plans_it(tmp_path: Path) -> None:
    """Found by a new-user helper: `funnel` left out a contact dated 20/12 on 1/12 and said so, `enrich` said
    nothing on the row; a status before the stage ("à contacter") makes the date a plan."""
    path = _csv(tmp_path / "f.csv", [["Nom", "Pseudo", "Statut", "Date de contact"],
                                     ["A", "@a", "contacté", "20/12/2026"], ["B", "@b", "", "20/12/2026"],
                                     ["C", "@c", "à contacter", "20/12/2026"], ["D", "@d", "contacté", "20/11/2026"]])
    t = read_table(str(path))
    issues = t.get("issues")
    assert all("2026-12-20 is after today (2026-12-01): a typo or a plan" in str(i) for i in issues[:2])
    assert issues[2:] == [None, None]


# ------------------------------------------------------------------------------------ 4. tiny columns


def test_a_column_of_one_or_two_e_mails_is_the_e_mail_whatever_its_header(tmp_path: Path) -> None:
    path = _csv(tmp_path / "contacts.csv", [["Nom", "Instagram", "Abonnés", "Contacts"],
                                            ["A", "@a1", "12000", "a@x.fr"], ["B", "@b2", "15000", "b@x.fr"],
                                            ["C", "@c3", "15000", ""]])
    t = read_table(str(path))
    assert t.get("email") == ["a@x.fr", "b@x.fr", None] and "contacted_on" not in t.data
    assert t.get("issues") == [None, None, None]
    one = _csv(tmp_path / "one.csv", [["Nom", "Pseudo", "Date de contact"], ["A", "@a", "https://instagram.com/a"],
                                      ["B", "@b", ""]])
    t = read_table(str(one))
    assert t.mapped.get("profile_url") == "Date de contact" and "contacted_on" not in t.data
    # a few cells that are not all one unmistakable kind: the header still decides
    mixed = _csv(tmp_path / "mixed.csv", [["Nom", "Pseudo", "Contacts"], ["A", "@a", "a@x.fr"], ["B", "@b", "3/4"]])
    assert read_table(str(mixed)).mapped.get("contacted_on") == "Contacts"


# ------------------------------------------------------------------------------------- 5. yearless dates


def test_a_yearless_date_takes_the_year_of_its_column_else_of_its_sheet(tmp_path: Path) -> None:
    path = _csv(tmp_path / "y.csv", [["Nom", "Pseudo", "Contacté le", "Réponse"],
                                     ["A", "@a", "12/03/2026", "12 mars"],
                                     ["B", "@b", "12 mars", "14 mars"],
                                     ["C", "@c", "01/02/2026", None]])
    t = read_table(str(path))
    assert t.get("contacted_on") == [D(2026, 3, 12), D(2026, 3, 12), D(2026, 2, 1)]
    assert t.get("replied_on") == [D(2026, 3, 12), D(2026, 3, 14), None]  # no full date: the sheet's year
    assert t.get("issues") == [None, None, None]  # not a guess: no issue, a note
    assert any("without a year take 2026" in n for n in t.meta["notes"])
    old = _csv(tmp_path / "old.csv", [["Nom", "Pseudo", "Contacté le"], ["A", "@a", "12 mars"],
                                      ["B", "@b", "20/11/2025"], ["C", "@c", "05/10/2025"]])
    assert read_table(str(old)).get("contacted_on")[0] == D(2025, 3, 12)


def test_a_yearless_date_across_new_year_takes_the_year_nearer_its_dates(tmp_path: Path) -> None:
    """Found by a new-user helper: '12 janv.' among December 2025's contacts read as January 2025, before the
    contact it answers (an issue on a right row); it is January 2026, the year that puts it within a
    quarter of the dates read with it."""
    path = _csv(tmp_path / "ny.csv", [["Nom", "Pseudo", "Date de contact", "Date réponse"],
                                      ["A", "@a", "15/12/2025", ""], ["B", "@b", "20/12/2025", "12 janv."],
                                      ["C", "@c", "18/12/2025", "5 janvier"], ["D", "@d", "12 janv.", ""]])
    t = read_table(str(path))
    assert t.get("contacted_on") == [D(2025, 12, 15), D(2025, 12, 20), D(2025, 12, 18), D(2026, 1, 12)]
    assert t.get("replied_on") == [None, D(2026, 1, 12), D(2026, 1, 5), None]
    assert t.get("issues") == [None] * 4
    assert any("the year that puts them nearest" in n for n in t.meta["notes"])


def test_a_yearless_date_alone_is_its_most_recent_occurrence_said_on_the_row(tmp_path: Path) -> None:
    path = _csv(tmp_path / "y.csv", [["Nom", "Pseudo", "Contacté le"], ["A", "@a", "12 mars"],
                                     ["B", "@b", "10 décembre"], ["C", "@c", "15 janvier"]])
    t = read_table(str(path))
    assert t.get("contacted_on") == [D(2026, 3, 12), D(2026, 12, 10), D(2026, 1, 15)]
    assert "'12 mars' has no year" in t.get("issues")[0]
    assert parse_date("12 mars") == D(2026, 3, 12)  # not next March: a future date the funnel drops
    tie = _csv(tmp_path / "tie.csv", [["Nom", "Pseudo", "Contacté le"], ["A", "@a", "12 mars"],
                                      ["B", "@b", "20/11/2025"], ["C", "@c", "05/02/2026"]])
    t = read_table(str(tie))
    assert t.get("contacted_on")[0] == D(2026, 3, 12) and "two years" in t.get("issues")[0]


# ------------------------------------------------------------------------------------ 6. US date order


def test_an_ambiguous_date_column_takes_the_order_of_the_sheets_other_date_columns(tmp_path: Path) -> None:
    path = _csv(tmp_path / "us.csv", [
        ["Creator Name", "Instagram Handle", "Followers", "Outreach Status", "Date Contacted", "Date Replied"],
        ["Amy", "@amy", "12000", "Replied", "3/25/2026", "4/3/2026"],
        ["Bob", "@bob", "15000", "Replied", "3/20/2026", "4/1/2026"],
        ["Cat", "@cat", "22000", "Contacted", "3/18/2026", ""]])
    t = read_table(str(path))
    assert t.get("replied_on") == [D(2026, 4, 3), D(2026, 4, 1), None]
    assert t.get("issues") == [None, None, None]
    french = _csv(tmp_path / "fr.csv", [["Nom", "Pseudo", "Contacté le", "Réponse"],
                                        ["A", "@a", "04/03/2026", "05/03/2026"]])
    assert read_table(str(french)).get("replied_on") == [D(2026, 3, 5)]  # nothing decides: day first


# ------------------------------------------------------------------------------- 7. HYPERLINK() formulas


def test_hyperlink_formulas_built_with_concatenate_concat_and_ampersands(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "links.xlsx", {"Liste": [
        ["Pseudo", "Lien", "Abonnés", "Statut"],
        ["zed", formula('=HYPERLINK(CONCATENATE("https://www.youtube.com/@",A2),"voir")'), 32000, "en négo"],
        ["amy", formula('=HYPERLINK(CONCATENATE("https://www.youtube.com/@", A3),"voir")'), 32000, "en négo"],
        ["bob", formula('=HYPERLINK(_xlfn.CONCAT("https://www.instagram.com/",A4),"voir")'), 32000, "en négo"],
        ["lou", formula('=HYPERLINK(CONCAT("https://www.tiktok.com/@", (A5 & "")), "voir")'), 32000, "en négo"],
        ["kim", formula('=HYPERLINK(LOWER(A6),"voir")'), 32000, "en négo"],
    ]})
    t = read_table(str(path))
    assert t.get("profile_url")[:4] == ["https://www.youtube.com/@zed", "https://www.youtube.com/@amy",
                                        "https://www.instagram.com/bob/", "https://www.tiktok.com/@lou"]
    assert t.get("platform")[:4] == ["youtube", "youtube", "instagram", "tiktok"]
    issue = t.get("issues")[4]
    assert issue is not None and "Lien: the link of the formula" in issue and "calls LOWER()" in issue


# -------------------------------------------------------------------- 8. influkit's columns on a 2nd run


def _french_workbook(path: Path) -> Path:
    return xlsx(path, {"Instagram": [
        ["Nom", "Profil", "Abos", "Likes moy.", "Coms", "Statut", "Thématique"],
        ["Léa", "https://www.instagram.com/lea.vernoux/", 48200, 2100, 85, "contactée", "skincare"],
        ["Inès", "https://www.instagram.com/ines_greenlife/", 12500, 640, 32, "signée", "beauté"],
    ]})


def test_data_influkit_wrote_into_its_own_new_column_is_read_back(tmp_path: Path) -> None:
    """`influkit set` records a deal date in a column it adds (and marks as its own): that column holds
    data, not a computed value, so the next run reads it."""
    from influkit.io.inplace import CellChange, update_cells

    path = _french_workbook(tmp_path / "prospects.xlsx")
    enrich(str(path), in_place=True, offline=True, store=None)
    update_cells(str(path), [CellChange(row=2, column="deal_on", value=D(2026, 3, 20))])
    t = read_table(str(path))
    assert t.get("deal_on") == [D(2026, 3, 20), None] and t.mapped["deal_on"] == "Date de signature"
    assert t.extra_columns == []


def _without_marker(path: Path) -> None:
    data = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            data[name] = z.read(name)
    data["xl/workbook.xml"] = re.sub(rb"<definedName name=\"_influkit_columns\".*?</definedName>", b"",
                                     data["xl/workbook.xml"])
    assert b"_influkit_columns" not in data["xl/workbook.xml"]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in data.items():
            z.writestr(name, body)


@pytest.mark.parametrize("marker", [True, False])
def test_a_second_in_place_run_recomputes_influkits_columns_xlsx(tmp_path: Path, marker: bool) -> None:
    path = _french_workbook(tmp_path / "prospects.xlsx")
    first = enrich(str(path), in_place=True, offline=True, store=None)
    if not marker:
        _without_marker(path)
    second = enrich(str(path), in_place=True, offline=True, store=None)
    assert second.extra_columns == first.extra_columns == []
    assert "tier" not in second.mapped and "engagement_rate" not in second.mapped
    ours = [c["header"] for c in second.meta["columns"] if c["by"] == "influkit"]
    assert "Taux d'engagement" in ours and "Palier" in ours
    assert second.get("tier") == first.get("tier") and len(set(second.columns)) == len(second.columns)
    header = [c.value for c in next(openpyxl.load_workbook(path).active.iter_rows(max_row=1))]
    assert header.count("Palier") == 1 and header.count("Taux d'engagement") == 1


def test_a_second_in_place_run_recomputes_influkits_columns_csv(tmp_path: Path) -> None:
    path = _csv(tmp_path / "en.csv", [
        ["Creator Name", "Handle", "Platform", "Followers", "Avg Likes", "Avg Comments", "Engagement Rate", "Tier"],
        ["Amy", "@amy", "Instagram", "12000", "400", "20", "3.5%", "micro"],
        ["Bob", "@bob", "Instagram", "52000", "1500", "60", "3%", "mid"]])
    enrich(str(path), in_place=True, offline=True, store=None)
    header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert {"Engagement rate (influkit)", "Engagement rate (views)", "ER method", "Tier (influkit)"} <= set(header)
    t = read_table(str(path))
    assert t.extra_columns == ["Engagement Rate", "Tier"]  # the user's own, kept as they were
    assert t.mapped["engagement_rate"] == "Engagement Rate" and t.mapped["tier"] == "Tier"
    ours = {c["header"] for c in t.meta["columns"] if c["by"] == "influkit"}
    assert {"Engagement rate (influkit)", "Engagement rate (views)", "ER method", "Tier (influkit)"} <= ours
    again = enrich(str(path), in_place=True, offline=True, store=None)
    assert len(set(again.columns)) == len(again.columns)
    assert next(csv.reader(io.StringIO(path.read_text(encoding="utf-8")))) == header


def test_the_label_run_rule() -> None:
    """One rule for the writer and the reader: labels of influkit's columns, adjacent, right of the
    user's first column, two of them only influkit writes (or the collision suffix)."""
    assert influkit_run({0: "Nom", 1: "Abonnés", 2: "Taux d'engagement", 3: "Méthode du taux", 4: "Palier",
                         5: "Tendance"}) == {2, 3, 4, 5}
    # labels users write too (Platform, Followers) are not influkit's block
    assert influkit_run({0: "Creator", 1: "Platform", 2: "Followers", 3: "Notes"}) == set()
    # the user's "Engagement rate" beside influkit's "Engagement rate (influkit)" stays the user's
    assert influkit_run({0: "Name", 1: "Engagement rate", 2: "Engagement rate (influkit)", 3: "ER method",
                         4: "Trend"}) == {2, 3, 4}
    # one synonym alone is not enough, nor a run at the first column
    assert influkit_run({0: "Name", 1: "Tier"}) == set()
    assert influkit_run({0: "ER method", 1: "Trend window", 2: "Name"}) == set()


# ----------------------------------------------------------------------------------------- 9. small ones


def test_cell_issues_name_the_header_as_written(tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes("Nom,Instagram,Abonnés\nA,@a,12\x00000\n".encode())
    t = read_table(str(path))
    assert t.get("issues")[0] is not None and t.get("issues")[0].startswith("Abonnés: NUL bytes")


def test_an_empty_csv_and_a_workbook_read_as_csv_are_refused_in_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(InfluError, match="empty"):
        read_table(str(empty))
    book = xlsx(tmp_path / "b.xlsx", {"S": [["Nom", "Pseudo"], ["A", "@a"]]})
    with pytest.raises(InfluError, match="--from xlsx"):
        read_sheet("-", fmt="csv", stdin=io.BytesIO(book.read_bytes()))


def test_short_links_name_no_account_and_say_so(tmp_path: Path) -> None:
    assert parse_profile("https://vm.tiktok.com/ZMabc123/") == ("tiktok", None, "https://vm.tiktok.com/ZMabc123/")
    assert parse_profile("https://bit.ly/3xYz")[:2] == (None, None)  # not a blog called bit.ly
    path = _csv(tmp_path / "s.csv", [["Nom", "Lien", "Abonnés"], ["Lina", "https://vm.tiktok.com/ZMabc123/", "22k"],
                                     ["Zoé", "https://bit.ly/3xYz", "9k"], ["Théo", "https://bit.ly/4abc", "8k"],
                                     ["Tom", "https://www.tiktok.com/@tom", "5k"]])
    t = read_table(str(path))
    assert t.get("handle") == [None, None, None, "tom"] and t.get("platform")[0] == "tiktok"
    assert "is a short link: it does not name the account" in t.get("issues")[0]
    assert "is a short link" in t.get("issues")[1] and t.get("duplicate_of") == [None] * 4


def test_vendor_status_words() -> None:
    assert [parse_stage(s) for s in ("NotStarted", "InProgress", "In progress", "en cours")] == [
        "identified", "contacted", "contacted", "contacted"]


def test_influkits_own_rates_read_back_as_the_fractions_they_are(tmp_path: Path) -> None:
    """A sheet's "150%" is 1.5 in influkit's CSV; read back (a pipe), it stays 1.5, never 1.5 %."""
    import influkit

    sheet = tmp_path / "er.csv"
    sheet.write_text("Name,Instagram,Followers,Eng. Rate\nGood,@good,12000,4.5%\nBad Row,@badrow,8000,150%\n",
                     encoding="utf-8")
    first = influkit.enrich(str(sheet), offline=True, store=None)
    assert first.get("engagement_rate") == [0.045, 1.5]
    out = tmp_path / "out.csv"
    write_table(first, str(out), "csv")
    again = influkit.enrich(str(out), offline=True, store=None)
    assert again.get("engagement_rate") == [0.045, 1.5]


def test_a_cell_formatted_as_a_percentage_is_a_fraction_in_a_column_of_percentage_points(tmp_path: Path) -> None:
    """Excel shows 4.1 % for 0.041 formatted 0.0%: that cell is a fraction even when the column's other
    cells, typed 4.5 and 3 without a format, are percentage points. Without formats (CSV) the column
    keeps one scale."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Pseudo", "Réseau", "Abonnés", "Taux d'engagement"])
    for handle, followers, rate, fmt in (("lea.v", 12500, 0.041, "0.0%"), ("tom.c", 30000, 0.032, "0.00 %"),
                                         ("ana.b", 8000, 4.5, None), ("bob.z", 20000, 3, None),
                                         ("eve.k", 9000, 0.9, None)):
        ws.append([handle, "Instagram", followers, rate])
        if fmt:
            ws.cell(ws.max_row, 4).number_format = fmt
    wb.save(tmp_path / "pct.xlsx")
    t = enrich(str(tmp_path / "pct.xlsx"), store=None, offline=True)
    assert t.get("engagement_rate") == [0.041, 0.032, 0.045, 0.03, 0.009]  # 0.9 typed: 0.9 %
    assert t.get("issues") == [None] * 5
    # the same numbers in a CSV: one scale, points (most are above 1)
    (tmp_path / "pct.csv").write_text("Pseudo,Réseau,Abonnés,Taux d'engagement\nlea.v,IG,12500,0.041\n"
                                      "ana.b,IG,8000,4.5\nbob.z,IG,20000,3\n", encoding="utf-8")
    assert enrich(str(tmp_path / "pct.csv"), store=None, offline=True).get("engagement_rate") == [0.00041, 0.045, 0.03]
    # a column of fractions all formatted as percentages needs no format look-up and reads as before
    wb2 = openpyxl.Workbook()
    ws2 = wb2.active
    assert ws2 is not None
    ws2.append(["Pseudo", "Réseau", "ER"])
    for handle, rate in (("a", 0.05), ("b", 0.012)):
        ws2.append([handle, "IG", rate])
        ws2.cell(ws2.max_row, 3).number_format = "0%"
    wb2.save(tmp_path / "f.xlsx")
    assert enrich(str(tmp_path / "f.xlsx"), store=None, offline=True).get("engagement_rate") == [0.05, 0.012]


def test_labels_in_the_handle_column_mark_their_rows_and_stay_in_place(tmp_path: Path) -> None:
    """A sheet whose first column is the handle: "Sous-total beauté" and "— TikTok —" in it are a
    sub-total and a section title (the section names the network of the rows below), their text stays
    in the handle column, no issue is raised and no account is made of them."""
    p = tmp_path / "sub.csv"
    p.write_text("Pseudo,Nb abonnés,Statut\n— Instagram —,,\n@lea.v,12 500,Contacté\n@tom.c,3 400,Repéré\n"
                 "Sous-total beauté,15 900,\n— TikTok —,,\n@zoe.f,9 000,Repéré\nTOTAL,24 900,\n", encoding="utf-8")
    t = enrich(str(p), store=None, offline=True)
    assert t.get("row_kind") == ["section", None, None, "subtotal", "section", None, "total"]
    assert t.get("handle") == ["— Instagram —", "lea.v", "tom.c", "Sous-total beauté", "— TikTok —", "zoe.f", "TOTAL"]
    assert t.get("platform") == [None, "instagram", "instagram", None, None, "tiktok", None]
    assert t.get("issues") == [None] * 7
    assert t.creator_rows() == [1, 2, 5]
    db = tmp_path / "ws.db"
    enrich(str(p), store=str(db), offline=True)
    import sqlite3

    with sqlite3.connect(db) as conn:
        assert sorted(conn.execute("SELECT platform, handle FROM accounts").fetchall()) == [
            ("instagram", "lea.v"), ("instagram", "tom.c"), ("tiktok", "zoe.f")]


def test_a_column_of_file_names_is_kept_whatever_its_header_says(tmp_path: Path) -> None:
    """"Contrat" holding "contrat signé.pdf" (a link behind it) is no signing date and no status: with one
    cell or with many, it is kept as is with its text, and the real status column stays the stage."""
    for n in (2, 4):
        rows: list[list[Any]] = [["Nom", "Pseudo", "Abonnés", "Statut", "Contrat"]]
        rows += [[f"P{i}", f"@p{i}", "12 500", "Contacté", f"contrat signé p{i}.pdf" if i < n else None]
                 for i in range(4)]
        wb = openpyxl.Workbook()
        ws = wb.active
        assert ws is not None
        for row in rows:
            ws.append(row)
        ws.cell(2, 5).hyperlink = "https://drive.example/contrat0.pdf"
        path = tmp_path / f"c{n}.xlsx"
        wb.save(path)
        t = enrich(str(path), store=None, offline=True)
        assert t.mapped.get("stage") == "Statut" and "deal_on" not in t.mapped
        assert t.get("Contrat")[:n] == [f"contrat signé p{i}.pdf" for i in range(n)]
        assert t.get("Contrat (URL)")[0] == "https://drive.example/contrat0.pdf"
        assert t.get("stage") == ["contacted"] * 4 and t.get("issues") == [None] * 4


def test_a_price_in_a_cell_formatted_as_a_currency_is_in_that_currency(tmp_path: Path) -> None:
    """Excel shows 1200 formatted [$$-409]#,##0.00 as $1,200.00: the price is in USD, not in the default
    currency; a cell of the column formatted in € is in EUR; a typed currency or a currency column wins."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Name", "Instagram", "Followers", "Fee"])
    for handle, fee, fmt in (("lea.v", 1200, "[$$-409]#,##0.00"), ("zoe.m", 800, "[$$-409]#,##0.00"),
                             ("tom.k", 500, '#,##0.00 "€"'), ("ana.b", "300 £", None), ("bob.z", 90, "0")):
        ws.append([handle.title(), handle, 10_000, fee])
        if fmt:
            ws.cell(ws.max_row, 4).number_format = fmt
    wb.save(tmp_path / "fees.xlsx")
    t = enrich(str(tmp_path / "fees.xlsx"), store=None, offline=True)
    assert t.get("price_quoted") == [1200, 800, 500, 300, 90]
    assert t.get("currency") == ["USD", "USD", "EUR", "GBP", None]


def test_a_sorted_sheet_whose_prices_turn_to_dollars_late_keeps_each_rows_currency(tmp_path: Path) -> None:
    """Sorted by country, a sheet's first 12,000 prices are formatted in € and the last ones in $: past the
    cells a display format is judged on, each price still takes its own cell's currency."""
    import xlsxwriter

    n_eur, n_usd = 12_000, 20  # (the sheet's XML read in pieces of 1 MiB: past the first pieces)
    book = xlsxwriter.Workbook(str(tmp_path / "sorted.xlsx"), {"constant_memory": True})
    sheet = book.add_worksheet()
    euro, dollar = book.add_format({"num_format": '#,##0.00 "€"'}), book.add_format({"num_format": "[$$-409]#,##0.00"})
    sheet.write_row(0, 0, ["Name", "Instagram", "Followers", "Fee"])
    for k in range(n_eur + n_usd):
        sheet.write_row(k + 1, 0, [f"C{k}", f"acc{k}", 10_000])
        sheet.write_number(k + 1, 3, 100 + k, euro if k < n_eur else dollar)
    book.close()
    t = read_table(str(tmp_path / "sorted.xlsx"))
    currencies = t.get("currency")
    assert set(currencies[:n_eur]) == {"EUR"} and set(currencies[n_eur:]) == {"USD"}
    kept = read_table(str(tmp_path / "sorted.xlsx"), mapping=["Fee=keep"])  # the same column kept as it is:
    assert kept.meta["number_formats"]["Fee"][1] == '#,##0.00 "€"'  # its last cells show their own $
    assert [(k, code) for k, _, code in kept.meta["cell_formats"]["Fee"]] == [
        (k, "[$$-409]#,##0.00") for k in range(n_eur, n_eur + n_usd)]


def test_a_vendor_templates_engagement_rate_in_points_is_not_influkits_fraction(tmp_path: Path) -> None:
    """Upfluence's import template names its column `engagement_rate` and writes 3.21 for 3.21 %: read as
    percentage points; influkit's own CSV (engagement_rate beside er_method, tier...) keeps its fractions."""
    vendor = tmp_path / "upfluence.csv"
    vendor.write_text("handle,platform,followers,engagement_rate\nlea.v,instagram,45200,3.21\n"
                      "hugo,youtube,8900,5.1\n", encoding="utf-8")
    assert read_table(str(vendor)).get("engagement_rate") == [0.0321, 0.051]
    own = tmp_path / "own.csv"
    own.write_text("handle,platform,followers,engagement_rate,er_method,tier\nlea.v,instagram,45200,1.5,sheet,mid\n"
                   "hugo,youtube,8900,0.05,sheet,nano\n", encoding="utf-8")
    assert read_table(str(own)).get("engagement_rate") == [1.5, 0.05]


def test_first_and_last_names_beside_a_creator_column_are_kept(tmp_path: Path) -> None:
    """"Créateur" names the person; "Prénom" and "Nom" beside it are kept as they are, not dropped."""
    path = tmp_path / "names.csv"
    path.write_text("Créateur,Prénom,Nom,Pseudo,Réseau\nLéa beauté,Léa,Vernoux,lea.vernoux,instagram\n",
                    encoding="utf-8")
    row = read_table(str(path)).records()[0]
    assert (row["creator"], row["Prénom"], row["Nom"]) == ("Léa beauté", "Léa", "Vernoux")


def test_a_second_tracked_link_column_is_kept(tmp_path: Path) -> None:
    """"Lien suivi" is the tracked link; "Lien UTM" beside it is another one, kept as it is (it was read as
    the profile link and lost when the handle's hyperlink gave the profile)."""
    path = tmp_path / "links.csv"
    path.write_text("Pseudo,Réseau,Lien suivi,Lien UTM\nlea.vernoux,Instagram,https://bit.ly/3xYz,"
                    "https://maisonclair.fr/?utm_source=instagram\n", encoding="utf-8")
    row = read_table(str(path)).records()[0]
    assert row["tracked_url"] == "https://bit.ly/3xYz"
    assert row["Lien UTM"] == "https://maisonclair.fr/?utm_source=instagram"
    assert row["profile_url"] == "https://www.instagram.com/lea.vernoux/"
