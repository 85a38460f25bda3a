"""Every tab: `--sheet all` reads each tab that looks like a prospect list and adds a `sheet` column; a tab
named after a network gives its rows that platform; without --sheet the summary names the list tabs not
read. Also: a row of network names above the header (two-row headers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from influkit.errors import UsageError
from influkit.io.read import read_sheets
from influkit.pipeline import enrich, read_table, summarize
from sheetmaker import csv_bytes, xlsx


def _per_network(path: Path) -> Path:
    head = ["Nom", "Compte", "Abonnés", "Statut"]
    return xlsx(path, {
        "Lisez-moi": [["Liste des prospects par réseau"], ["Une ligne par compte"]],
        "Insta": [head, ["Léa", "@lea.vernoux", "12,5 k", "Contacté"], ["Camille", "camille.slowbeauty", 48300, "Repéré"]],
        "TikTok": [head, ["Inès", "@ines_skincare", "24k", "A répondu"], ["Zoé", "zoe.fit", "1,2 M", ""]],
        "YT": [head, ["Théo", "@TheoGauvain", 182000, "Signé"]],
        "Posts": [["Compte", "Date", "Likes", "Commentaires"], ["lea.vernoux", "2026-03-01", 400, 12]],
        "Archive": [head, ["Old", "@old", 10, "Refusé"]],
    }, hidden=("Archive",))


def test_all_tabs_are_read_with_their_network(tmp_path: Path) -> None:
    p = _per_network(tmp_path / "reseaux.xlsx")
    t = read_table(str(p), sheet="all")
    assert t.get("sheet") == ["Insta", "Insta", "TikTok", "TikTok", "YT"]
    assert t.get("platform") == ["instagram", "instagram", "tiktok", "tiktok", "youtube"]
    assert t.get("handle") == ["lea.vernoux", "camille.slowbeauty", "ines_skincare", "zoe.fit", "theogauvain"]
    assert t.get("followers") == [12500, 48300, 24000, 1_200_000, 182000]
    assert t.source_rows == [2, 3, 2, 3, 2]
    assert [lay["sheet"] for lay in t.meta["layout"]] == ["Insta", "TikTok", "YT"]
    assert t.meta["layout"][0]["columns"][2] == {"header": "Abonnés", "column": 3}
    assert "Posts" not in t.get("sheet") and "Archive" not in t.get("sheet")


def test_without_sheet_the_summary_names_the_list_tabs_not_read(tmp_path: Path) -> None:
    p = _per_network(tmp_path / "reseaux.xlsx")
    t = enrich(str(p), store=None, offline=True)
    assert t.sheet == "Insta" and len(t) == 2
    assert t.get("platform") == ["instagram", "instagram"]  # the tab is named after Instagram
    lines = summarize(t).lines(t)
    note = next(line for line in lines if "not read" in line)
    assert "'TikTok'" in note and "'YT'" in note and "--sheet all" in note
    assert "'Archive'" not in note and "'Posts'" not in note


def test_sheet_all_on_a_csv_is_the_csv(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_text("Pseudo,Abonnés\nlea,10\n", encoding="utf-8")
    (raw,) = read_sheets(str(p), sheet="all")
    assert raw.rows == [["lea", "10"]]


def test_unknown_sheet_is_a_usage_error_naming_all(tmp_path: Path) -> None:
    p = _per_network(tmp_path / "reseaux.xlsx")
    with pytest.raises(UsageError, match="or --sheet all"):
        read_table(str(p), sheet="Facebook")


def test_network_names_above_the_header_make_a_two_row_header(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        [None, "Instagram", None, "TikTok", None, None],
        ["Nom", "Compte", "Abonnés", "Compte", "Abonnés", "Statut"],
        ["Léa", "@lea.vernoux", "12 k", "@lea.tt", "50k", "Contacté"],
        ["Tom", None, None, "@tom", "1,2 M", "Repéré"],
    ]
    p = xlsx(tmp_path / "deux.xlsx", {"S": rows}, merges={"S": ["B1:C1", "D1:E1"]})
    t = read_table(str(p))
    assert t.meta["header_row"] == 2
    assert [(r["creator"], r["platform"], r["handle"], r["followers"], r["stage"]) for r in t.rows()] == [
        ("Léa", "instagram", "lea.vernoux", 12000, "contacted"),
        ("Léa", "tiktok", "lea.tt", 50000, "contacted"),
        ("Tom", "tiktok", "tom", 1_200_000, "identified"),
    ]
    assert t.meta["layout"][0]["header_rows"] == 2


_TITLED: list[list[object]] = [["Pseudo", "Abonnés", "Vues moy.", "Campagne", "Responsable"],
                               ["@dansemax", "850k", "220k", "Verdé Été", "Nadia"],
                               ["@cuisinezoe", "15 %", "4 000", "Verdé Été", "Julien"]]


@pytest.mark.parametrize(("title", "merge", "platform", "form"), [
    ("TikTok — Printemps 2026", "A1:E1", "tiktok", "xlsx"),  # a network and a season, merged over the table
    ("Campagne TikTok printemps", None, "tiktok", "xlsx"),  # a lone cell, unmerged
    ("Campagne TikTok printemps", None, "tiktok", "csv"),
    ("Instagram - liste Q2", "A1:B1", "instagram", "xlsx"),  # merged over part of the table: its words
    ("YOUTUBE 2026", None, "youtube", "csv"),
    ("TikTok", "A1:E1", "tiktok", "xlsx"),  # the bare name over the whole table
    ("TikTok", None, "tiktok", "xlsx"),  # ... typed in its first cell
])
def test_a_title_naming_one_network_keeps_the_columns_own_names(
        tmp_path: Path, title: str, merge: str | None, platform: str, form: str) -> None:
    """A title row over a one-network sheet is not a row of network groups: headers, kept columns and
    issues keep the names the user wrote, and the network named becomes the sheet's default platform."""
    rows: list[list[object]] = [[title], *_TITLED]
    if form == "xlsx":
        p = xlsx(tmp_path / "titre.xlsx", {"Feuil1": rows}, merges={"Feuil1": [merge] if merge else []})
    else:
        p = tmp_path / "titre.csv"
        p.write_bytes(csv_bytes([[str(c) for c in r] for r in rows]))
    (raw,) = read_sheets(str(p))
    assert (raw.header_row, raw.header_rows, raw.headers) == (2, 1, _TITLED[0])
    t = enrich(str(p), store=None, offline=True)
    assert t.get("platform") == [platform, platform]
    assert t.get("handle") == ["dansemax", "cuisinezoe"] and t.get("followers") == [850_000, None]
    assert t.extra_columns == ["Campagne"] and t.get("Campagne") == ["Verdé Été", "Verdé Été"]
    assert t.get("issues")[1].startswith("Abonnés")
    assert f"the title on row 1 ({title!r}) names {platform}: platform set to {platform}" in t.meta["notes"]
    assert not any("names networks above the header" in n for n in t.meta["notes"])


def test_a_lone_network_name_over_some_columns_still_groups_them(tmp_path: Path) -> None:
    rows: list[list[object]] = [[None, "Instagram"], ["Nom", "Compte", "Abonnés", "Statut"],
                                ["Léa", "@lea.vernoux", "12 k", "Contacté"]]
    p = xlsx(tmp_path / "groupe.xlsx", {"S": rows}, merges={"S": ["B1:C1"]})
    (raw,) = read_sheets(str(p))
    assert (raw.header_rows, raw.headers) == (2, ["Nom", "Instagram Compte", "Instagram Abonnés", "Statut"])
    t = read_table(str(p))
    assert [(r["creator"], r["platform"], r["handle"], r["followers"]) for r in t.rows()] == [
        ("Léa", "instagram", "lea.vernoux", 12000)]


@pytest.mark.parametrize("merged", [True, False])
def test_a_group_row_may_label_the_creators_own_columns_too(tmp_path: Path, merged: bool) -> None:
    """Agency sheets put "Créateur" or "Infos" in the group row beside the networks: those groups end the
    network before them and are the person's own columns; a total over the networks ("Total abonnés") is
    kept as it is, never taken for an account's followers."""
    rows: list[list[object]] = [
        ["Créateur", "Instagram", None, "TikTok", None, "Infos", None],
        ["Nom", "Pseudo", "Abonnés", "Pseudo", "Abonnés", "Ville", "Total abonnés"],
        ["Alice", "@alice.fraise", "18 400", "@alicefraise", "52k", "Lyon", 70400],
        ["Célia", None, None, "@celia.dance", "410 k", "Paris", 410000],
    ]
    merges = {"S": ["B1:C1", "D1:E1", "F1:G1"]} if merged else {}
    t = read_table(str(xlsx(tmp_path / "groupes.xlsx", {"S": rows}, merges=merges)))
    assert [(r["creator"], r["platform"], r["handle"], r["followers"], r["Ville"], r["Total abonnés"])
            for r in t.rows()] == [("Alice", "instagram", "alice.fraise", 18400, "Lyon", 70400),
                                   ("Alice", "tiktok", "alicefraise", 52000, "Lyon", 70400),
                                   ("Célia", "tiktok", "celia.dance", 410000, "Paris", 410000)]
    assert not t.issues


def test_a_summary_tab_is_not_a_prospect_list(tmp_path: Path) -> None:
    p = xlsx(tmp_path / "recap.xlsx", {
        "Récap": [["Réseau", "Nb profils", "Budget total"], ["Instagram", 3, "4 500 €"], ["TikTok", 2, "2 000 €"]],
        "Insta": [["Créatrice", "Compte", "Abonnés"], ["Léa", "@lea", "12k"]],
    })
    t = read_table(str(p))
    assert t.sheet == "Insta"
    every = read_table(str(p), sheet="all")
    assert every.sheet == "Insta" and len(every) == 1  # one list tab: table.sheet names it


def test_excels_sep_line_keeps_the_files_row_numbers(tmp_path: Path) -> None:
    p = tmp_path / "excel.csv"
    p.write_bytes(b"sep=;\r\nListe Q4;;\r\nNom;Pseudo;Abonn\xe9s\r\nAm\xe9lie;@amelie;45,5k\r\n")
    t = read_table(str(p))
    assert (t.meta["header_row"], t.source_rows, t.get("creator")) == (3, [4], ["Amélie"])
    assert t.meta["delimiter"] == ";"


def test_layout_of_a_table_that_does_not_start_at_a1(tmp_path: Path) -> None:
    rows: list[list[object]] = [[], [], [None, None, "Nom", "Pseudo", "Abonnés"], [None, None, "Léa", "@lea", 1200],
                                [], [None, None, "Tom", "@tom", 900]]
    p = xlsx(tmp_path / "offset.xlsx", {"Feuil1": rows})
    (raw,) = read_sheets(str(p))
    assert (raw.header_row, raw.column_numbers, raw.row_numbers) == (3, [3, 4, 5], [4, 6])
    t = read_table(str(p))
    assert t.meta["layout"] == [{"sheet": "Feuil1", "header_row": 3, "header_rows": 1, "rows": 2, "columns": [
        {"header": "Nom", "column": 3}, {"header": "Pseudo", "column": 4}, {"header": "Abonnés", "column": 5}]}]
    assert t.source_rows == [4, 6] and t.sheet == "Feuil1"


def test_influkits_own_output_of_every_tab_reads_back_with_one_sheet_column(tmp_path: Path) -> None:
    """`enrich --sheet all` adds `sheet` (tabs named after networks); reading that output back keeps it as
    the same one column, not a second `sheet` beside it."""
    from influkit.io.write import write_table

    table = read_table(str(_per_network(tmp_path / "reseaux.xlsx")), sheet="all")
    out = tmp_path / "all.csv"
    write_table(table, str(out))
    again = read_table(str(out))
    assert again.columns.count("sheet") == 1 and again.get("sheet") == table.get("sheet")


def test_a_column_about_one_network_stays_on_that_networks_rows(tmp_path: Path) -> None:
    """A wide sheet read one row per account: "IG AQS" (HypeAuditor's Instagram score) is kept on the
    Instagram row only, not copied onto the person's TikTok row."""
    rows: list[list[object]] = [
        ["Nom", "Instagram", "Abonnés Instagram", "TikTok", "Abonnés TikTok", "IG AQS", "Ville"],
        ["Léa", "@lea.vernoux", 45200, "@leavernoux", 52000, 78, "Lyon"],
    ]
    t = read_table(str(xlsx(tmp_path / "wide.xlsx", {"S": rows})))
    assert [(r["platform"], r["IG AQS"], r["Ville"]) for r in t.rows()] == [("instagram", 78, "Lyon"),
                                                                         ("tiktok", None, "Lyon")]


def test_the_summary_names_each_tabs_header_row_when_they_differ(tmp_path: Path) -> None:
    """Found by a new user: `--sheet all` said "(header on row 1)" for a workbook whose second tab has its
    header on row 3 (under a title). The summary names each tab's row when they differ."""
    import openpyxl
    from typer.testing import CliRunner

    from influkit.cli.app import app

    path = tmp_path / "tabs.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Insta"
    ws.append(["Nom", "Pseudo", "Abonnés"])
    ws.append(["Léa", "lea.v", 1000])
    tt = wb.create_sheet("TikTok")
    for row in (["Prospects TikTok"], [], ["Nom", "Pseudo", "Abonnés"], ["Tom", "tom.c", 2000]):
        tt.append(row)
    wb.save(path)
    done = CliRunner().invoke(app, ["enrich", str(path), "--sheet", "all", "--offline", "--no-store", "-o",
                                    str(tmp_path / "o.csv")])
    assert done.exit_code == 0, done.output
    assert "2 rows read (header on row 1 of 'Insta', 3 of 'TikTok')" in done.stderr


@pytest.mark.parametrize("sheet", [None, "all"])
def test_a_hidden_list_tab_behind_a_read_me_is_read_with_a_note(tmp_path: Path, sheet: str | None) -> None:
    """The only list tab is hidden, the visible one a read-me: the hidden list is read (never the read-me,
    0 rows), and a note says it is hidden. A visible list still wins over a hidden one."""
    head = ["Nom", "Pseudo", "Réseau", "Abonnés"]
    p = xlsx(tmp_path / "cache.xlsx", {"Lisez-moi": [["Voir onglet Liste"]],
                                       "Liste": [head, ["Léa", "@lea1", "Instagram", 12500]]}, hidden=("Liste",))
    t = enrich(str(p), sheet=sheet, store=None, offline=True)
    assert t.sheet == "Liste" and t.get("handle") == ["lea1"]
    assert any("read the hidden tab 'Liste': no visible tab ('Lisez-moi') looks like a prospect list" in n
               for n in summarize(t).lines(t))
    both = xlsx(tmp_path / "deux.xlsx", {"Lisez-moi": [["Voir onglet Liste"]], "Liste": [head, ["Max", "@max2", "Instagram", 800]],
                                         "Ancienne": [head, ["Léa", "@lea1", "Instagram", 12500]]}, hidden=("Ancienne",))
    t = enrich(str(both), sheet=sheet, store=None, offline=True)
    assert t.sheet == "Liste" and not any("read the hidden tab" in n for n in t.meta.get("notes", []))


def test_a_hidden_history_tab_is_read_when_no_visible_tab_holds_one(tmp_path: Path) -> None:
    from influkit.followers import HISTORY_TAB

    p = xlsx(tmp_path / "suivi.xlsx", {"Lisez-moi": [["Export Social Blade"]],
                                       "Suivi": [["Date", "Abonnés"], ["2026-03-01", 1200], ["2026-03-02", 1250]]},
             hidden=("Suivi",))
    (raw,) = read_sheets(str(p), fits=HISTORY_TAB)
    assert raw.sheet == "Suivi" and len(raw.rows) == 2
    assert any("read the hidden tab 'Suivi'" in n and "holds a follower history" in n for n in raw.notes)


# A workbook none of whose tabs holds a prospect list (found by new users: its "best" tab was read as 0 or a
# few rows of nothing, `enrich` wrote them and exited 0). Each workbook names the tabs the error must name.
_NOT_LISTS: dict[str, tuple[dict[str, list[list[object]]], tuple[str, ...]]] = {
    "notes and a budget": ({
        "Notes": [["Réunion du 3 mars : on cherche des créatrices beauté à Lyon"],
                  ["Penser à relancer l'agence la semaine prochaine"]],
        "Budget": [["Poste", "Montant"], ["Instagram", 4000], ["TikTok", 2500]],
    }, ("Notes", "Budget")),
    "a header naming no creator": ({
        "Stats": [["Abonnés", "Likes moyens", "Commentaires", "Taux d'engagement"], [12000, 300, 12, 0.026],
                  [48000, 900, 40, 0.019]],
    }, ("Stats",)),
    "a chart's data": ({
        "Graphique": [["Mois", "Ventes", "Clics"], ["janvier", 12, 300], ["février", 15, 320]],
        "Feuil2": [],
    }, ("Graphique", "Feuil2")),
    "numbers only": ({"Data": [[1, 2.5, 3], [2, 5.0, 6], [3, 7.5, 9]]}, ("Data",)),
    "every tab empty": ({"Feuil1": [], "Feuil2": [], "Feuil3": []}, ("Feuil1", "Feuil2", "Feuil3")),
    "one line of notes": ({"Idées": [["On cherche des créatrices beauté"], ["Relancer Léa mardi"]]}, ("Idées",)),
}


@pytest.mark.parametrize("case", list(_NOT_LISTS))
def test_a_workbook_without_a_list_tab_is_one_error_naming_its_tabs(tmp_path: Path, case: str) -> None:
    """No tab with a header naming a name, a handle or a profile, and no column of profile links, @handles
    or e-mails: an InfluError (exit 1) naming the file, each tab looked at and what a list needs; nothing
    written. Before, the tab that looked most like a list was read and the run succeeded."""
    from typer.testing import CliRunner

    from influkit.cli.app import app
    from influkit.errors import InfluError

    sheets, tabs = _NOT_LISTS[case]
    path = xlsx(tmp_path / "classeur.xlsx", sheets)
    with pytest.raises(InfluError) as caught:
        enrich(str(path), store=None, offline=True)
    error = caught.value
    assert type(error) is InfluError and error.exit_code == 1
    text = str(error)
    assert text.startswith(str(path)) and "no prospect list" in text and "name, handle or profile column" in text
    assert all(f"'{tab}'" in text for tab in tabs)
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["enrich", str(path), "--offline", "--no-store", "-o", str(out)])
    assert done.exit_code == 1 and not out.exists()
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "no prospect list" in lines[0] and "Traceback" not in done.stderr
    with pytest.raises(InfluError, match="no prospect list"):  # every tab asked for: the same
        read_table(str(path), sheet="all")


def test_a_named_tab_that_is_no_list_is_the_same_error(tmp_path: Path) -> None:
    from influkit.errors import InfluError

    sheets, _ = _NOT_LISTS["notes and a budget"]
    path = xlsx(tmp_path / "classeur.xlsx", {**sheets, "Liste": [["Pseudo", "Abonnés"], ["@lea", 1200]]})
    assert read_table(str(path)).get("handle") == ["lea"]  # the list tab is found
    with pytest.raises(InfluError, match=r"'Budget' \(header Poste \| Montant: no name, handle or profile"):
        read_table(str(path), sheet="Budget")


@pytest.mark.parametrize("rows, column", [
    ([["Nom", "Instagram", "Abonnés"]], "creator"),  # a list with no row yet: empty, not an error
    ([["Pseudo"], ["@lea"], ["@tom.b"]], "handle"),  # a one-column list
    ([["Nom"], ["Léa Martin"], ["Tom"]], "creator"),
    ([["A", "B"], ["https://www.instagram.com/lea.v/", 1200], ["https://www.tiktok.com/@tom", 900]],
     "profile_url"),  # no header words: the cells are profile links
    ([["Contact", "Abonnés"], ["lea@exemple.fr", 12000]], "email"),
])
def test_what_is_a_list_stays_one(tmp_path: Path, rows: list[list[object]], column: str) -> None:
    """A header naming the creators, or a column whose cells name them, is a list (0 rows is a list too)."""
    path = xlsx(tmp_path / "liste.xlsx", {"Notes": [["Un classeur de test, à relire"]], "Liste": rows})
    table = read_table(str(path))
    assert table.sheet == "Liste" and column in table.data and len(table) == len(rows) - 1


def test_a_map_naming_the_creators_makes_a_tab_a_list(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "stats.xlsx", {"Stats": [["Qui", "Combien"], ["lea", 1200]]})
    from influkit.errors import InfluError

    with pytest.raises(InfluError, match="no prospect list"):
        read_table(str(path))
    assert read_table(str(path), mapping=["Qui=handle"]).get("handle") == ["lea"]


def test_an_ods_without_a_list_is_the_same_error(tmp_path: Path) -> None:
    from influkit.errors import InfluError
    from sheetmaker import ods

    path = ods(tmp_path / "budget.ods", {"Budget": [["Poste", "Montant"], ["Instagram", 4000]],
                                          "Vide": []})
    with pytest.raises(InfluError, match=r"budget\.ods: no prospect list .*'Budget'.*'Vide' \(empty\)"):
        read_table(str(path))
