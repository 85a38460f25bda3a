"""Rows that are not creators (TOTAL, Moyenne, Sous-total, section titles, a repeated header) are kept in
place, marked in `row_kind`, and left out of tiers, scores, funnels, shortlists, results and promo codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from influkit.brand import parse_brand
from influkit.campaign.links import add_links
from influkit.campaign.results import build_report as results
from influkit.campaign.results import read_orders
from influkit.fit import score_table
from influkit.outreach import build_prospects
from influkit.pipeline import enrich, read_table
from influkit.selection import select
from sheetmaker import formula, ods, xlsx


def _workbook(tmp_path: Path) -> Path:
    rows: list[list[object]] = [
        ["Suivi campagne — printemps"],
        ["Nom", "Réseau", "Pseudo", "Abonnés", "Likes moyens", "Statut", "Tarif", "Code promo"],
        ["— Instagram —"],
        ["Léa Vernoux", None, "@lea.vernoux", 12500, 400, "Publié", "350 €", "LEA10"],
        ["Camille Roussel", None, "@camille.slow", 48300, 1200, "Signé", "900 €", None],
        ["Sous-total Instagram", None, None, formula("=SUM(D4:D5)", 60800), None, None, None, None],
        ["TIKTOK"],
        ["Inès Marchetti", None, "@ines_skincare", 24000, 900, "Contacté", None, None],
        ["Nom", "Réseau", "Pseudo", "Abonnés", "Likes moyens", "Statut", "Tarif", "Code promo"],
        ["Zoé Fit", "TikTok", "@zoe.fit", 1_200_000, 50000, "Repéré", None, None],
        ["TOTAL", None, None, formula("=SUM(D4:D10)", 1_285_100), None, None, None, None],
        ["Moyenne", None, None, formula("=AVERAGE(D4:D10)", 321275), None, None, None, None],
    ]
    return xlsx(tmp_path / "suivi.xlsx", {"Suivi": rows})


def test_non_creator_rows_are_kept_and_marked(tmp_path: Path) -> None:
    t = read_table(str(_workbook(tmp_path)))
    assert t.source_rows == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]  # every row, in order
    assert t.get("row_kind") == ["section", None, None, "subtotal", "section", None, "header", None, "total",
                                 "average"]
    # a section named after a network gives its rows that platform
    assert t.get("platform") == [None, "instagram", "instagram", None, None, "tiktok", None, "tiktok", None, None]
    assert t.get("creator")[8] == "TOTAL"  # kept as read
    assert t.get("handle")[8] is None and t.get("duplicate_of") == [None] * 10
    assert not t.issues  # the header repeated ("Abonnés" under Abonnés) is no number that failed to read


def test_a_repeated_header_passes_strict(tmp_path: Path) -> None:
    """A header repeated inside a TSV is marked as a header row, so it carries no reading issue and
    --strict passes."""
    p = tmp_path / "sections.tsv"
    p.write_bytes("Nom\tCompte\tAbonnés\tTx eng.\tTarif\n— BEAUTÉ —\t\t\t\t\nLéa\t@lea.v\t12 500\t3,4 %\t800 €\n"
                  "Nom\tCompte\tAbonnés\tTx eng.\tTarif\nÉlodie\t@elodie.m\t32 000\t4 %\t750 €\n".encode("cp1252"))
    t = enrich(str(p), store=None, offline=True, strict=True, platform="instagram")
    assert t.get("row_kind") == ["section", None, "header", None] and t.get("issues") == [None] * 4


def test_label_rows_without_formulas_csv(tmp_path: Path) -> None:
    p = tmp_path / "agency.csv"
    p.write_text("Creator,Platform,Handle,Followers,Status\n"
                 "Ana,Instagram,ana.l,40000,Contacted\nBen,Instagram,ben.k,52000,Signed\n"
                 "TOTAL,,,92000,\nAverage,,,46000,\n", encoding="utf-8")
    t = enrich(str(p), store=None, offline=True)
    assert t.get("row_kind") == [None, None, "total", "average"]
    assert t.get("tier") == ["micro", "mid", None, None]
    assert t.get("platform") == ["instagram", "instagram", None, None]


def test_non_creator_rows_are_left_out_downstream(tmp_path: Path) -> None:
    t = enrich(str(_workbook(tmp_path)), store=None, offline=True)
    kinds = t.get("row_kind")
    assert all(tier is None for tier, kind in zip(t.get("tier"), kinds, strict=True) if kind)
    assert all(er is None for er, kind in zip(t.get("engagement_rate"), kinds, strict=True) if kind)
    prospects = build_prospects(t)
    assert sorted(str(p.creator) for p in prospects) == ["Camille Roussel", "Inès Marchetti", "Léa Vernoux", "Zoé Fit"]
    score_table(t, parse_brand('name = "x"\n'))
    assert [r for r, kind in zip(t.get("rank"), kinds, strict=True) if kind] == [None] * 6
    assert sorted(r for r in t.get("rank") if r is not None) == [1, 2, 3, 4]
    shortlist = select(t, top=10)
    assert "TOTAL" not in shortlist.get("creator") and len(shortlist) == 4
    links = add_links(t, url="https://shop.example/", campaign="printemps")
    codes = [c for c, kind in zip(t.get("promo_code"), kinds, strict=True) if kind and kind != "header"]
    assert codes == [None] * 5
    assert (links["codes_made"], links["codes_kept"]) == (3, 1)  # Léa already has LEA10
    orders = tmp_path / "orders.csv"
    orders.write_text("Name,Total,Discount Code\n#1,100.00,LEA10\n", encoding="utf-8")
    r = results(t, read_orders(str(orders))[0])
    assert "TOTAL" not in {c["creator"] for c in r["creators"]}


def test_strict_stops_at_the_first_bad_row(tmp_path: Path) -> None:
    """Issues are found column by column: --strict names the first bad row of the sheet, not the first bad
    column's."""
    import pytest

    from influkit.errors import InfluError

    p = tmp_path / "strict.csv"
    p.write_text("Pseudo,Réseau,Statut\nana,Instagram,Contacté\nhugo runs,Instagram,Contacté\nzoe,Instagram,zut\n",
                 encoding="utf-8")
    with pytest.raises(InfluError, match=r"row 3, column 'Pseudo'"):
        enrich(str(p), store=None, offline=True, strict=True)


def test_the_teams_own_status_words_reach_the_output(tmp_path: Path) -> None:
    """"relancé 2x" and "refus - trop cher" are contacted and declined for the funnel, and kept as written
    in stage_said; a status that is just its stage's word adds nothing; in place writes no copy of it."""
    p = tmp_path / "st.csv"
    p.write_text("Pseudo,Réseau,Statut\nana,Instagram,relancé 2x\nbob,Instagram,Contacté\n"
                 "cyd,Instagram,refus - trop cher\n", encoding="utf-8")
    t = enrich(str(p), store=None, offline=True)
    assert t.get("stage") == ["contacted", "contacted", "declined"]
    assert t.get("stage_said") == ["relancé 2x", None, "refus - trop cher"]
    from influkit.io.inplace import write_back

    write_back(t, backup=False)
    assert "Statut noté" not in p.read_text(encoding="utf-8").splitlines()[0]


def test_a_row_repeats_the_header_when_four_cells_in_five_are_header_names() -> None:
    """The share is counted over every filled cell, whatever their order (numbers and long texts are
    looked at last or not at all once the answer is known)."""
    from influkit.io.rowkinds import _repeats_header
    from influkit.text import fold_key

    keys = {fold_key(h) for h in ("Nom", "Réseau", "Abonnés", "Statut", "Notes internes")}
    assert _repeats_header(["NOM", "réseau ", "Abonnés", "Statut", 12], keys)  # 4 of 5
    assert not _repeats_header(["Nom", "Réseau", "Abonnés", 12, 13], keys)  # 3 of 5
    assert _repeats_header(["Nom", "Réseau", "Abonnés", "Statut", "Notes internes", "x" * 400], keys)  # 5 of 6
    assert not _repeats_header(["Léa Vernoux", "Instagram", "lea.v", 12_500, "contacté"], keys)


def test_labels_in_the_handle_column_and_notes_in_the_name_column_are_not_creators(tmp_path: Path) -> None:
    """Found by a new user: a sheet whose name column is empty on its summary rows keeps "Total" and
    "Moyenne" in the handle column; a note sits alone in the name column or the handle column. None of
    them is an account (nor counted in the funnel), and their text stays where it was. A handle that
    happens to start like a label ("@avg.beauty", "total_fitness") stays an account."""
    sheet = tmp_path / "suivi.csv"
    sheet.write_text(
        "N°;Nom;Pseudo;Abonnés;ER;Tarif;Statut\n"
        "1;Léa V;@lea.v;12 500;3,4%;350 €;Contacté\n"
        "2;;@avg.beauty;22 100;2,9%;500 €;Identifié\n"
        "3;;total_fitness;120 000;2,7%;1 200 €;Identifié\n"
        ";;Total;154 600;;2 050 €;\n"
        ";;Moyenne ER :;;3,0%;;\n"
        ";;Budget total :;;;2 050 €;\n"
        ";NB : chiffres à revérifier avant envoi;;;;;\n"
        ";;Légende : N/A = non communiqué, ? = à vérifier;;;;\n"
        ";Mis à jour par Julie le 3 mars;;;;;\n", encoding="utf-8")
    t = read_table(str(sheet), platform="instagram")
    assert t.get("row_kind") == [None, None, None, "total", "average", "total", "section", "section", "section"]
    assert t.get("handle")[:3] == ["lea.v", "avg.beauty", "total_fitness"]
    assert t.get("followers")[3] == 154_600  # (a total's numbers stay in its row, out of every creator's)
    assert [t.get("handle")[k] for k in t.creator_rows()] == ["lea.v", "avg.beauty", "total_fitness"]
    prospects = build_prospects(enrich(str(sheet), platform="instagram", store=None, offline=True))
    assert len(prospects) == 3  # (the funnel's prospects: the three accounts, no note, no total)


@pytest.mark.parametrize("form", ["xlsx", "ods"])
@pytest.mark.parametrize("above", [0, 2])
def test_a_cell_merged_down_over_a_persons_rows_gives_each_row_its_value(tmp_path: Path, form: str, above: int) -> None:
    """Found by a new user: a person's name, status and date merged down beside their two accounts were
    read on the first row only, so the second account had no name (not merged into the person) and no
    stage. A range across columns (a note over the row) is not copied sideways. An ods merge (a cell's
    number-rows-spanned over covered cells) reads as an xlsx one, under title rows or not."""
    title: list[list[object]] = [["Suivi — Printemps 2026"], [None]]
    rows: list[list[object]] = title[:above] + [
        ["Nom", "Réseau", "Pseudo", "Abonnés", "Statut", "Contacté le", "Remarque", "Ville"],
        ["Léa Vernoux", "Instagram", "@lea.vernoux", 12500, "Contacté", "04/03/2026", "Très réactive", None],
        [None, "TikTok", "@leavernoux", 48000, None, None, None, None],
        ["Hugo L.", "TikTok", "@hugo.lbt", 9000, "Repéré", None, None, None],
    ]
    merges = {"Suivi": [f"{a}{2 + above}:{b}{2 + above + (a == b)}" for a, b in ("AA", "EE", "FF", "GH")]}
    path = (xlsx if form == "xlsx" else ods)(tmp_path / f"merged.{form}", {"Suivi": rows}, merges=merges)
    t = read_table(str(path))
    assert t.get("creator") == ["Léa Vernoux", "Léa Vernoux", "Hugo L."]
    assert t.get("stage") == ["contacted", "contacted", "identified"]
    assert [str(d) for d in t.get("contacted_on")[:2]] == ["2026-03-04", "2026-03-04"]
    assert t.extra_columns and t.get("Ville") == [None, None, None]  # (G2:H2 is not copied into H)
    prospects = build_prospects(enrich(str(path), store=None, offline=True))
    assert sorted(str(p.creator) for p in prospects) == ["Hugo L.", "Léa Vernoux"]


def test_a_status_alone_on_its_row_is_a_note_not_a_creator(tmp_path: Path) -> None:
    """Found by new-user helpers: "À relancer" or "Pas de réponse" alone in the name column was a creator
    (counted as one naming no account, "Tendance : inconnue" written into it in place). A lone cell the
    stage vocabulary reads is a note to the team; a lone name stays a creator to find."""
    path = tmp_path / "notes.csv"
    path.write_text("Nom;Réseau;Pseudo;Abonnés;Statut\nLéa Martin;Instagram;lea.m;12000;contacté\nÀ relancer;;;;\n"
                    "Tom Durand;;;;\nPas de réponse;;;;\nEn attente;;;;\nInès;TikTok;ines.t;5000;\n", encoding="utf-8")
    t = read_table(str(path))
    assert t.get("creator") == ["Léa Martin", "À relancer", "Tom Durand", "Pas de réponse", "En attente", "Inès"]
    assert t.get("row_kind") == [None, "section", None, "section", "section", None]


def _pasted_twice(tmp_path: Path, suffix: str) -> Path:
    """A list pasted twice: its header repeated in the middle of the data."""
    header: list[object] = ["Nom", "Pseudo", "Réseau", "Abonnés", "Likes moy."]
    rows: list[list[object]] = [header, ["Léa", "@lea1", "Instagram", 12500, 300],
                                ["Max", "@max2", "Instagram", 8000, 200], header,
                                ["Ines", "@ines3", "TikTok", 150000, 9000], ["Paul", "@paul4", "Instagram", 22000, 700]]
    if suffix == ".csv":
        path = tmp_path / "liste.csv"
        path.write_text("".join(",".join(str(c) for c in r) + "\n" for r in rows), encoding="utf-8")
        return path
    return xlsx(tmp_path / "liste.xlsx", {"Prospects": rows})


def _sheet_rows(path: Path) -> list[list[object]]:
    if path.suffix == ".csv":
        import csv

        with path.open(encoding="utf-8", newline="") as fh:
            return [[c or None for c in r] for r in csv.reader(fh)]
    import openpyxl

    ws = openpyxl.load_workbook(path).active
    assert ws is not None
    return [list(r) for r in ws.iter_rows(values_only=True)]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_rows_that_are_no_creators_stay_so_after_in_place_runs(tmp_path: Path, suffix: str) -> None:
    """Columns influkit wrote into the sheet (`--in-place`) are not the user's: a header repeated inside
    the table is judged by the user's columns, so it stays a header however many columns were added (it
    was read as a creator "Nom" after one run, and the next run wrote into it)."""
    from influkit.api import funnel

    path = _pasted_twice(tmp_path, suffix)
    for _ in range(3):
        enrich(str(path), store=None, offline=True, in_place=True)
        t = enrich(str(path), store=None, offline=True)
        assert t.get("row_kind") == [None, None, "header", None, None]
        assert t.get("issues") == [None] * 5 and not t.issues
    identified = funnel(str(path), store=None).to_dict()["stages"][0]
    assert identified["stage"] == "identified" and identified["current"] == 4
    rows = _sheet_rows(path)
    assert len(rows[0]) > 5 and rows[0][5] is not None  # influkit's columns are there...
    assert rows[3][:5] == rows[0][:5] and all(c is None for c in rows[3][5:])  # ...not in the repeated header
    # a value in influkit's columns on that row (an earlier influkit wrote one) does not make it a creator
    if suffix == ".csv":
        lines = path.read_text(encoding="utf-8").splitlines()
        lines[3] = lines[3] + "0.5"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        import openpyxl

        wb = openpyxl.load_workbook(path)
        ws = wb.active
        assert ws is not None
        ws.cell(4, 6, 0.5)
        ws.cell(4, len(rows[0]) - 1, "inconnue")
        wb.save(path)
    t = enrich(str(path), store=None, offline=True)
    assert t.get("row_kind") == [None, None, "header", None, None]
    # the sections, sub-totals, totals and repeated header of a tracking sheet too
    suivi = _workbook(tmp_path)
    kinds = read_table(str(suivi)).get("row_kind")
    for _ in range(2):
        enrich(str(suivi), store=None, offline=True, in_place=True)
        assert read_table(str(suivi)).get("row_kind") == kinds


def test_a_creator_named_like_a_summary_is_told_by_the_rows_shape(tmp_path: Path) -> None:
    """Found by a new user: creators named "Total Gaming", "Moyenne Montagne", "Sous-total Beauté" were
    total/average/subtotal rows in a list without a handle column. A row whose label starts like a
    summary's is one by its shape: a number that is its column's sum (a total) or mean (an average) over
    the rows above; a creator's row has cells of its own (category, country) and counts that are no sum.
    A label that is only summary words ("TOTAL") names nobody, whatever its numbers."""
    path = tmp_path / "youtubers.csv"
    path.write_text("Youtuber,Abonnés,Catégorie,Pays\n"
                    "T-Series,245000000,Music,India\n"
                    "Total Gaming,35400000,Gaming,India\n"
                    "Moyenne Montagne,120000,Voyage,France\n"
                    "Sous-total Beauté,4500,Beauté,France\n"
                    "MrBeast,166000000,Entertainment,United States\n"
                    "Total général,446524500,,\n"  # the sum of the five: a total, shaped as one
                    "Moyenne des chaînes,89 304 900,,\n"  # their mean
                    "TOTAL,1,,\n", encoding="utf-8")  # summary words only: a total whatever it says
    t = enrich(str(path), store=None, offline=True, platform="youtube")
    assert t.get("row_kind") == [None] * 5 + ["total", "average", "total"]
    assert t.get("tier")[:5] == ["mega", "mega", "mid", "nano", "mega"]
    assert len(build_prospects(t)) == 5


def test_a_summary_with_words_of_its_own_is_still_a_summary(tmp_path: Path) -> None:
    """A subtotal that repeats its block's category, a total that names its network: their numbers are
    the sums (or means) of the rows above (its block, since the last row that is no creator's, or all),
    so they stay summaries; a numbered creator ("3;Total Fitness"), whose number continues the sheet's
    numbering, is a creator."""
    path = tmp_path / "suivi.csv"
    path.write_text("N°;Nom;Réseau;Catégorie;Abonnés;Tarif\n"
                    "1;Léa;Instagram;Beauté;12 500;350 €\n"
                    "2;Zoé;Instagram;Beauté;8 000;300 €\n"
                    ";Sous-total beauté;;Beauté;20 500;650 €\n"
                    "3;Total Fitness;Instagram;Sport;120 000;1 200 €\n"
                    "4;Max;Instagram;Sport;30 000;500 €\n"
                    ";Sous-total sport;Instagram;Sport;150 000;1 700 €\n"
                    ";Total Instagram;Instagram;;170 500;2 350 €\n"
                    ";Moyenne Instagram;Instagram;;42 625;587,50 €\n", encoding="utf-8")
    t = enrich(str(path), store=None, offline=True)
    assert t.get("row_kind") == [None, None, "subtotal", None, None, "subtotal", "total", "average"]
    assert t.get("creator")[3] == "Total Fitness" and t.get("tier")[3] == "mid"


def test_a_sum_or_an_average_matches_to_the_digits_its_cell_writes(tmp_path: Path) -> None:
    """An average written rounded (`3,3 %` for 3.325 %, `2 513` for 2,512.5) is the mean; a creator whose
    count is merely near the mean of the rows above (2 050 beside a mean of 2 000) is no average."""
    path = tmp_path / "er.csv"
    path.write_text("Nom;Catégorie;Abonnés;ER\nLéa;Beauté;1 000;3,1 %\nTom;Sport;3 000;2,9 %\nAna;Sport;4 000;3,1 %\n"
                    "Moyenne Montagne;Voyage;2 050;4,2 %\nMoyenne des quatre;Tous;2 513;3,3 %\n", encoding="utf-8")
    t = enrich(str(path), store=None, offline=True, platform="instagram")
    assert t.get("row_kind") == [None, None, None, None, "average"]


def _uk_list(tmp_path: Path) -> Path:
    """A UK team's list: creators, a blank row, a TOTAL with formulas, then a "Summary" row whose other cells
    are a sentence under Status and a note under Notes."""
    rows: list[list[object]] = [
        ["Creator", "IG handle", "Followers (IG)", "Rate (£)", "Status", "Owner", "Notes"],
        ["Amara Okafor", "@amaraskin.ldn", 48200, "£1,200", "Contacted", "Priya", "Vegan skincare"],
        ["Megan Lloyd", "@meganlloydmua", 6800, "gifted", "Posted", "Priya", "Cardiff"],
        ["Nadia Hussain", "@nadia.h.skin", 27600, "£700", "Posted", "Tom", "Manchester"],
        [None] * 7,
        ["TOTAL", None, formula("=SUM(C2:C4)", 82600), formula("=SUM(D2:D4)", 1900), None, None, None],
        ["Summary", None, None, None, "3 creators, 2 signed/posted", None, "Budget left: £19,150 (approx)"],
    ]
    return xlsx(tmp_path / "prospects.xlsx", {"Prospects": rows})


def test_a_summary_row_under_the_list_is_no_creator(tmp_path: Path) -> None:
    """Found by a new user: "Summary" under the TOTAL row, with "15 creators, 3 signed/posted" under Status
    and "Budget left: ..." under Notes, was a creator: counted in the funnel as a published person, ranked,
    given promo code SUMMARY10, and its missing price made the campaign's cost unknown. A row labelled by a
    summary, recap or overview word alone (with a qualifier, a period, a colon) names nobody."""
    t = enrich(str(_uk_list(tmp_path)), store=None, offline=True)
    assert t.get("row_kind") == [None, None, None, "total", "summary"]
    assert t.get("creator")[4] == "Summary" and t.get("notes")[4] == "Budget left: £19,150 (approx)"  # kept
    assert sorted(str(p.creator) for p in build_prospects(t)) == ["Amara Okafor", "Megan Lloyd", "Nadia Hussain"]
    score_table(t, parse_brand('name = "x"\n'))
    assert t.get("rank")[3:] == [None, None]
    add_links(t, url="https://shop.example/", campaign="q1")
    assert t.get("promo_code")[3:] == [None, None]
    orders = tmp_path / "orders.csv"
    orders.write_text("Name,Total,Discount Code\n#1,100.00,MEGANLLOYDMUA10\n", encoding="utf-8")
    r = results(t, read_orders(str(orders))[0])
    assert "Summary" not in {c["creator"] for c in r["creators"]}
    assert not any("Summary" in w for w in r["warnings"])
    assert (r["totals"]["creators"], r["totals"]["cost"]) == (2, 700.0)  # (cost known: Megan gifted, Nadia £700)


@pytest.mark.parametrize("label", ["Summary", "Summary:", "SUMMARY :", "Recap", "Overview", "Totals", "Sub-total",
                                   "Total général", "Grand total :", "Overall summary", "Campaign recap",
                                   "Résumé", "Récap :", "Récapitulatif", "Synthèse", "Bilan", "Bilan Q1 2026",
                                   "Récap janvier", "Synthèse de la campagne :"])
def test_a_row_labelled_by_summary_words_alone_is_no_creator(tmp_path: Path, label: str) -> None:
    """English and French summary words, with a colon, a qualifier or a period, and text or numbers in the
    row's other cells: the row names no account, so it is a summary. The same words beside a handle are
    an account's name."""
    path = tmp_path / "list.csv"
    path.write_text("Creator;Handle;Followers;Status;Notes\nLéa;@lea.v;12 500;Contacté;Vegan\n"
                    "Tom;@tom.d;8 000;Signé;Lyon\nInès;@ines.t;5 000;Publié;\n"
                    f"{label};;25 500 (3 accounts);3 signed/posted;Budget left: £19,150\n"
                    f"{label};@someone;3 100;Contacté;\n", encoding="utf-8")
    t = read_table(str(path), platform="instagram")
    kinds = t.get("row_kind")
    assert kinds[:3] == [None, None, None] and kinds[3] in ("total", "subtotal", "summary") and kinds[4] is None
    assert [t.get("handle")[k] for k in t.creator_rows()] == ["lea.v", "tom.d", "ines.t", "someone"]


def _counted_total(path: Path, headers: list[str], label: str) -> Path:
    """Three creators, a blank row, then a TOTAL row whose profile column counts the rows above
    (`=COUNTA(B2:B4)`, its value 3 saved with it, as Excel and LibreOffice save it) and whose followers add up."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Liste")
    sheet.write_row(0, 0, headers)
    for r, (name, handle, followers) in enumerate([("Léa", "lea.v", 12500), ("Zoé", "zoe.b", 8000),
                                                   ("Ana", "ana.c", 20000)], start=1):
        sheet.write_string(r, 0, name)
        sheet.write_url(r, 1, f"https://www.instagram.com/{handle}/", string="Profil")
        sheet.write_string(r, 2, "Instagram")
        sheet.write_number(r, 3, followers)
    sheet.write_string(5, 0, label)
    sheet.write_formula(5, 1, "=COUNTA(B2:B4)", None, 3)
    sheet.write_formula(5, 3, "=SUM(D2:D4)", None, 40500)
    book.close()
    return path


@pytest.mark.parametrize(("headers", "label"), [
    (["Nom", "Profil", "Réseau", "Abonnés"], "TOTAL"),
    (["Name", "Profile", "Network", "Followers"], "Grand total"),
])
def test_a_count_formula_in_the_profile_column_of_a_total_row_names_no_account(
        tmp_path: Path, headers: list[str], label: str) -> None:
    """Found by a new user: a TOTAL row whose "Profil" cell counts the creators above (`=COUNTA(B4:B17)`,
    12) was read as a creator with the handle "12": scored, ranked, counted, and given a promo code and a
    tracked link that `links --in-place` wrote into the user's TOTAL row. An aggregate formula's value
    names no account, and the row is a total; nothing is written into it."""
    import openpyxl

    import influkit

    path = _counted_total(tmp_path / "liste.xlsx", headers, label)
    table = influkit.enrich(str(path), offline=True, store=None)
    at = table.get("creator").index(label)
    assert table.get("row_kind")[at] == "total" and table.get("handle")[at] is None
    assert len(table.creator_rows()) == 3
    influkit.links(str(path), url="https://shop.example/p", campaign="x", store=None, in_place=True)
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert rows[5][:4] == (label, "=COUNTA(B2:B4)", None, "=SUM(D2:D4)") and not any(rows[5][4:])
    assert all(rows[k][4] and rows[k][5] for k in (1, 2, 3))  # the creators got their link and code


def test_a_bare_total_beside_a_number_in_the_handle_column_is_a_total(tmp_path: Path) -> None:
    """The same count typed as a value (a CSV keeps no formula): "TOTAL" alone, beside a number under the
    handle column, is the count of the rows above, never an account "2"; a real handle beside a label of
    more words ("Total Fitness") stays a creator."""
    path = tmp_path / "liste.csv"
    path.write_text("Nom,Pseudo,Réseau,Abonnés\nLéa,@lea.v,Instagram,12500\nZoé,@zoe.b,Instagram,8000\n"
                    "Total Fitness,@totalfitness,Instagram,9000\nTOTAL,3,,29500\nTotal,\"1 250\",,\n",
                    encoding="utf-8")
    table = enrich(str(path), offline=True, store=None)
    kinds = dict(zip(table.get("creator"), table.get("row_kind"), strict=True))
    assert kinds == {"Léa": None, "Zoé": None, "Total Fitness": None, "TOTAL": "total", "Total": "total"}


def _list_with_last_row(path: Path, headers: list[str], last: list[object]) -> Path:
    """Four creators (a name, a profile link, a network, followers), a blank row, then `last`: an xlsx
    (formulas given with the value a spreadsheet program saves with them) or an ods, by `path`'s suffix."""
    from sheetmaker import cache, link

    rows: list[list[object]] = [list(headers)]
    for name, handle, followers in [("Léa", "lea.v", 12500), ("Zoé", "zoe.b", 8000), ("Ana", "ana.c", 20000),
                                    ("Tom", "tom.d", 5000)]:
        rows.append([name, link("Profil", f"https://www.instagram.com/{handle}/"), "Instagram", followers])
    rows += [[None] * 4, last]
    if path.suffix == ".ods":
        return ods(path, {"Liste": rows})
    xlsx(path, {"Liste": rows})
    return cache(path, {f"{'ABCD'[c]}7": v[2] for c, v in enumerate(last) if isinstance(v, tuple)})


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
@pytest.mark.parametrize("headers", [["Nom", "Profil", "Réseau", "Abonnés"], ["Name", "Profile", "Network", "Followers"]])
@pytest.mark.parametrize("last", [
    [None, formula("=MAX(D2:D5)", 20000), None, None],  # the biggest account's followers, under the profile
    [None, formula('=_xlfn.MAXIFS(D2:D5,C2:C5,"Instagram")', 20000), None, None],
    [None, formula("=ROUND(AVERAGE(D2:D5),0)", 11375), None, None],  # an aggregate inside another function
    [None, formula("=COUNTA(A2:A5)", 4), None, None],  # the count of another column, alone on its row
    [None, formula('=counta(a2:a5)&" comptes"', "4 comptes"), None, None],  # in lower case, as text
    [None, None, None, formula("=IFERROR(SUM(D2:D5),0)", 45500)],
    ["Nb de profils", formula("=COUNTA($A$2:$A$5)", 4), None, formula("=ROUND(MEDIAN(Liste!D2:D5),0)", 10250)],
])
def test_a_cell_showing_an_aggregate_of_a_range_never_names_an_account(
        tmp_path: Path, suffix: str, headers: list[str], last: list[object]) -> None:
    """Found by a new user: a row under the list whose account column showed a count or an extreme of the
    rows above (`=MAX(D2:D5)`, `=ROUND(AVERAGE(...);0)`, `=COUNTA(A2:A5)&" comptes"`) was a creator: its
    number a handle ("20000"), scored, ranked, counted and written into. Any formula whose value is a count,
    a sum, a mean or an extreme of a range (any case, a prefix, a sheet name, absolute references, wrapped
    in ROUND/IFERROR/TEXT or joined to words) names no account, and a row of such formulas summing up the
    rows above (beside a label at most) is a summary of the list."""
    path = _list_with_last_row(tmp_path / f"liste{suffix}", headers, last)
    t = enrich(str(path), store=None, offline=True)
    assert t.get("row_kind")[:4] == [None] * 4 and t.get("row_kind")[4] in ("total", "average", "summary")
    assert t.get("handle")[4] is None and t.creator_rows() == [0, 1, 2, 3]


@pytest.mark.parametrize("number", ["=COUNT($A$1:A{above})+1", "=MAX($A$1:A{above})+1", "=1+COUNTA(B$1:B{above})"])
def test_a_numbering_formula_is_no_summary_of_the_rows_above(tmp_path: Path, number: str) -> None:
    """A "N°" column numbered by formula (`=COUNT($A$1:A4)+1`: the numbers above, plus one) and a per-row
    check (`=COUNTIF($B$1:B4;B5)`: is this name already above?) read the rows above on every creator's row:
    a prospect known by name only (no account yet) stays a creator, in French and in English."""
    from sheetmaker import cache

    for headers in (["N°", "Nom", "Pseudo", "Abonnés", "Doublon"], ["#", "Name", "Handle", "Followers", "Dupe"]):
        rows: list[list[object]] = [list(headers)]
        for r, (name, handle) in enumerate([("Léa", "@lea.v"), ("Zoé", None), ("Ana", "@ana.c"), ("Tom", None)],
                                           start=2):
            rows.append([formula(number.format(above=r - 1), r - 1), name, handle, 1000 * r,
                         formula(f"=COUNTIF($B$1:B{r - 1},B{r})", 0)])
        path = xlsx(tmp_path / "liste.xlsx", {"Liste": rows})
        cache(path, {f"{c}{r}": r - 1 if c == "A" else 0 for r in range(2, 6) for c in "AE"})
        t = enrich(str(path), store=None, offline=True)
        assert "row_kind" not in t.data and t.creator_rows() == [0, 1, 2, 3]
        assert t.get("creator") == ["Léa", "Zoé", "Ana", "Tom"]


def _sheet_file(path: Path, rows: list[list[object]]) -> Path:
    """The same rows as a CSV (every cell text), an Excel 97-2003 .xls (xlwt, a real writer of the format)
    or an xlsx, by `path`'s suffix."""
    if path.suffix == ".csv":
        import csv

        with path.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([["" if v is None else v for v in row] for row in rows])
        return path
    if path.suffix == ".xls":
        xlwt = pytest.importorskip("xlwt", reason="xlwt writes the .xls files of these tests")
        book = xlwt.Workbook()
        sheet = book.add_sheet("Liste")
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is not None:
                    sheet.write(r, c, v)
        book.save(str(path))
        return path
    return xlsx(path, {"Liste": rows})


@pytest.mark.parametrize("suffix", [".csv", ".xls", ".xlsx"])
@pytest.mark.parametrize(("headers", "label", "cell"), [
    (["Nom", "Pseudo", "Abonnés"], "TOTAL", "12 comptes"),
    (["Nom", "Pseudo", "Abonnés"], "Total général", "—"),
    (["Nom", "Pseudo", "Abonnés"], "Moyenne", "lea.v"),  # a handle pasted by mistake, without its @
    (["Name", "Handle", "Followers"], "Grand total", "3 accounts"),
    (["Name", "Handle", "Followers"], "Summary", "see the Budget tab"),
    (["Name", "Handle", "Followers"], "TOTAL", 3),
])
def test_a_row_labelled_by_summary_words_alone_is_a_summary_whatever_its_account_cell_says(
        tmp_path: Path, suffix: str, headers: list[str], label: str, cell: object) -> None:
    """A label of summary words alone ("TOTAL", "Total général", "Moyenne", "Summary") names nobody: the
    row is a summary whatever its handle cell holds (a count typed as words, a dash, a note, a stray
    word), in a CSV and an .xls (which keep no formula) as in an xlsx; only an @handle or a profile link
    a person typed there makes it an account's row."""
    rows: list[list[object]] = [list(headers), ["Léa", "@lea.v", 12500], ["Zoé", "@zoe.b", 8000],
                                ["Ana", "@ana.c", 20000], [label, cell, 40500],
                                [label, "@totalbeauty", 3100], [label, "https://www.instagram.com/total.look/", 900]]
    t = enrich(str(_sheet_file(tmp_path / f"liste{suffix}", rows)), store=None, offline=True)
    assert t.get("row_kind")[:3] == [None] * 3 and t.get("row_kind")[3] in ("total", "average", "summary")
    assert t.get("row_kind")[4:] == [None, None]  # an account's row: its @handle, its profile link
    assert [t.get("handle")[k] for k in t.creator_rows()] == ["lea.v", "zoe.b", "ana.c", "totalbeauty", "total.look"]


def test_write_cells_never_writes_into_a_row_row_kind_marks(tmp_path: Path) -> None:
    """A writer's last guard: cell updates asked for a TOTAL, average or section row (`write_cells`, behind
    `links --in-place` and `set --sheet`) are left out; the creators' rows get theirs."""
    import openpyxl

    from influkit.io.inplace import write_cells

    rows: list[list[object]] = [["Nom", "Pseudo", "Abonnés", "Code promo"], ["Léa", "@lea.v", 12500, None],
                                ["Zoé", "@zoe.b", 8000, None], ["TOTAL", formula("=COUNTA(B2:B3)", 2),
                                                               formula("=SUM(C2:C3)", 20500), None],
                                ["— TikTok —"], ["Ana", "@ana.c", 20000, None]]
    path = xlsx(tmp_path / "suivi.xlsx", {"Suivi": rows})
    t = enrich(str(path), store=None, offline=True)
    assert t.get("row_kind") == [None, None, "total", "section", None]
    write_cells(t, {k: {"promo_code": f"CODE{k}"} for k in range(len(t))}, backup=False)
    got = list(openpyxl.load_workbook(path)["Suivi"].iter_rows(values_only=True))
    assert [r[3] for r in got[1:]] == ["CODE0", "CODE1", None, None, "CODE4"]
    assert got[3][:3] == ("TOTAL", "=COUNTA(B2:B3)", "=SUM(C2:C3)") and got[4][0] == "— TikTok —"


@pytest.mark.parametrize(("name", "headers", "label", "cell"), [
    ("suivi.xlsx", ["Nom", "Pseudo", "Réseau", "Abonnés", "Tarif"], "TOTAL", "12 comptes"),
    ("suivi.csv", ["Nom", "Pseudo", "Réseau", "Abonnés", "Tarif"], "Total général", "—"),
    ("prospects.xlsx", ["Name", "Handle", "Network", "Followers", "Rate"], "Summary", "3 accounts"),
    ("prospects.csv", ["Name", "Handle", "Network", "Followers", "Rate"], "TOTAL", "see Budget tab"),
])
def test_enrich_score_links_and_set_write_nothing_into_a_summary_row(
        tmp_path: Path, name: str, headers: list[str], label: str, cell: str) -> None:
    """Found by a new user: `links --in-place` wrote a promo code ("TOTAL15") and a tracked link, and
    `score --in-place` a score and a rank, into the user's TOTAL row, read as a creator for the words in
    its handle cell. The row is a summary: `enrich`, `score` and `links --in-place` and `set --sheet`
    leave it as it was, byte for byte in a CSV, and fill the creators' rows."""
    import openpyxl
    from typer.testing import CliRunner

    from influkit.cli.app import app

    rows: list[list[object]] = [list(headers), ["Léa", "@lea.v", "Instagram", 12500, 300],
                                ["Zoé", "@zoe.b", "Instagram", 8000, 200], [label, cell, None, 20500, 500]]
    path = _sheet_file(tmp_path / name, rows)
    (tmp_path / "brand.toml").write_text('name = "Maison Sève"\n', encoding="utf-8")
    last_line = path.read_bytes().splitlines()[-1] if path.suffix == ".csv" else None
    runner = CliRunner()
    db = str(tmp_path / "ws.db")
    for args in (["enrich", str(path), "--in-place", "--offline", "--db", db],
                 ["score", str(path), "--brand", str(tmp_path / "brand.toml"), "--in-place", "--no-store"],
                 ["links", str(path), "--url", "https://shop.example/p", "--campaign", "c1", "--in-place",
                  "--no-store"],
                 ["set", "lea.v", "--stage", "contacted", "--sheet", str(path), "--db", db]):
        done = runner.invoke(app, args)
        assert done.exit_code == 0, (args[0], done.output)
    if last_line is not None:
        lines = path.read_bytes().splitlines()
        assert lines[-1].startswith(last_line) and not lines[-1][len(last_line):].strip(b",")
        assert len(lines[1].split(b",")) > len(headers)  # the creators' rows were written into
    else:
        got = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
        assert got[3][:5] == (label, cell, None, 20500, 500) and not any(got[3][5:])
        written = dict(zip(got[0], got[1], strict=True))  # Léa's row: her rank, her code, her stage
        assert [written[h] for h in written if h in ("Rang", "Rank", "Code promo", "Promo code")] == [1, "LEAV10"]
        assert written.get("Statut", written.get("Status")) in ("Contacté", "Contacted")
