"""What a client reads follows the sheet's language (or --lang): prose columns in every output, code
columns in words wherever people read them (the user's own sheet, influkit's xlsx, the shortlist, cards),
English codes in CSV and JSON; influkit's own columns relabelled when the language changes; the cpm
label; dates and notes written the sheet's way (new-user review 2)."""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))

import influkit  # noqa: E402
from influkit import labels as L  # noqa: E402
from influkit.cli.app import app  # noqa: E402
from influkit.io import inplace as I  # noqa: E402
from influkit.io.write import write_table  # noqa: E402
from influkit.pipeline import read_table  # noqa: E402
from influkit.selection import render_markdown, write_shortlist  # noqa: E402
from influkit.updates import DateStyle, date_style, note_like_column, styled_like_column  # noqa: E402
from workbooks import agency_workbook  # noqa: E402

runner = CliRunner()

FR_HEADERS = ["Nom", "Pseudo", "Réseau", "Abonnés", "Likes moyens", "Commentaires moyens", "Statut", "Tarif",
              "Remarques"]
FR_ROWS: list[list[Any]] = [
    ["Marc Dupuis", "@marcdupuis", "Instagram", "8 900", "1,1 k", 80, "A répondu", "gifting", "engagement suspect"],
    ["Chloé R.", "@chloe.r", "Instagram", "beaucoup", None, None, "Contacté", "200-300 €", None],
    ["Léa Vernoux", "@lea.vernoux", "Instagram", "12,5 k", 480, 22, "Contacté", "350 €", "Très bon fit\nvégan"],
]
ER_HIGH_FR = ("engagement par abonnés 13,26 % à plus de 3x la médiane Instagram des comptes de 5\u202f000+ abonnés (3,76 %) : "
              "pods d'engagement ou concours ?")
ER_HIGH_EN = ("engagement by followers 13.26% is over 3x the median for Instagram accounts of 5,000+ followers "
              "(3.76%): engagement pods or giveaways?")
BRAND = 'name = "Verveine"\nvalues = ["vegan"]\n[budget]\nper_post = 600\n'


def french_sheet(path: Path) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Insta"
    ws.append(FR_HEADERS)
    for row in FR_ROWS:
        ws.append(row)
    book.save(path)
    return path


def sheet_rows(path: Path, sheet: str = "Insta") -> list[dict[str, Any]]:
    ws = openpyxl.load_workbook(path)[sheet]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


@pytest.fixture
def fr_xlsx(tmp_path: Path) -> Path:
    return french_sheet(tmp_path / "prospects_fr.xlsx")


# ------------------------------------------------------------------------- A: prose and words, French


def test_enrich_in_place_writes_prose_and_codes_in_the_sheets_language(fr_xlsx: Path) -> None:
    table = influkit.enrich(str(fr_xlsx), store=None, offline=True, in_place=True)
    marc, chloe, lea = sheet_rows(fr_xlsx)
    assert marc["Raisons des alertes"] == ER_HIGH_FR
    assert marc["Alertes"] == "engagement anormalement élevé"
    assert marc["Palier"] == "nano" and lea["Palier"] == "micro"
    assert marc["Tendance"] == "inconnue"
    assert marc["Méthode du taux"] == "(likes+commentaires)/abonnés"
    assert lea["Méthode du prix"] == ("abonnés x prix pour 1\u202f000 (10-20 USD) x facteur d'engagement 1,068 ; "
                                      "CPM pour 1\u202f000 abonnés (vues inconnues)")
    assert chloe["Problèmes de lecture"] == "Abonnés : impossible de lire 'beaucoup'"
    # the library's table (what CSV and JSON carry): prose in French, codes in English
    rows = table.records()
    assert [r["flags"] for r in rows] == ["er_high", None, None]
    assert [r["tier"] for r in rows] == ["nano", None, "micro"] and rows[0]["trend"] == "unknown"
    assert rows[0]["flag_reasons"] == ER_HIGH_FR and rows[1]["issues"] == "Abonnés : impossible de lire 'beaucoup'"
    assert [r["stage"] for r in rows] == ["replied", "contacted", "contacted"]


def test_csv_output_keeps_codes_and_speaks_the_sheets_language(fr_xlsx: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["enrich", str(fr_xlsx), "-o", str(out), "--no-store", "--offline", "-q"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert (rows[0]["flags"], rows[0]["tier"], rows[0]["trend"], rows[0]["stage"]) == (
        "er_high", "nano", "unknown", "replied")
    assert rows[0]["flag_reasons"] == ER_HIGH_FR and rows[0]["er_method"] == "(likes+commentaires)/abonnés"
    # --lang en: the same run in English
    result = runner.invoke(app, ["enrich", str(fr_xlsx), "-o", str(out), "--no-store", "--offline", "-q",
                                 "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["flag_reasons"] == ER_HIGH_EN and rows[1]["issues"] == "Abonnés: could not read 'beaucoup'"  # the sheet's column


def test_influkits_own_xlsx_shows_codes_in_words_and_reads_them_back(fr_xlsx: Path, tmp_path: Path) -> None:
    table = influkit.enrich(str(fr_xlsx), store=None, offline=True)
    out = tmp_path / "enriched.xlsx"
    write_table(table, str(out))
    ws = openpyxl.load_workbook(out).active
    assert ws is not None
    header = [c.value for c in ws[1]]
    marc = {h: c.value for h, c in zip(header, ws[2], strict=True)}
    assert (marc["stage"], marc["tier"], marc["trend"], marc["flags"], marc["platform"], marc["price_note"]) == (
        "A répondu", "nano", "inconnue", "engagement anormalement élevé", "Instagram", "cadeau")
    again = influkit.enrich(str(out), store=None, offline=True)  # influkit's own xlsx read back: the same codes
    for column in ("stage", "tier", "flags", "platform", "price_note"):
        assert again.get(column) == table.get(column), column


def test_english_sheet_words_are_english(tmp_path: Path) -> None:
    path = tmp_path / "en.csv"
    path.write_text("Name,Handle,Platform,Followers,Avg likes,Avg comments,Status\n"
                    "Marc,@marc,Instagram,8900,1100,80,No reply\n", encoding="utf-8")
    table = influkit.enrich(str(path), store=None, offline=True)
    out = tmp_path / "en.xlsx"
    write_table(table, str(out))
    ws = openpyxl.load_workbook(out).active
    assert ws is not None
    row = {h.value: c.value for h, c in zip(ws[1], ws[2], strict=True)}
    assert (row["stage"], row["flags"], row["trend"]) == ("No reply", "unusually high engagement", "unknown")
    assert table.get("flag_reasons")[0] == ER_HIGH_EN and table.get("stage")[0] == "no_reply"


def test_french_score_reasons_cite_the_flags_in_french(fr_xlsx: Path, tmp_path: Path) -> None:
    brand = tmp_path / "brand.toml"
    brand.write_text(BRAND, encoding="utf-8")
    scored = influkit.score(str(fr_xlsx), brand=str(brand), store=None)
    reasons = scored.get("reasons")[0]
    assert f"! alertes : {ER_HIGH_FR}" in reasons and "is over" not in reasons
    assert scored.get("confidence")[0] == "high"  # a code in the table
    english = influkit.score(str(fr_xlsx), brand=str(brand), store=None, lang="en")
    assert f"! flags: {ER_HIGH_EN}" in english.get("reasons")[0]
    assert english.get("flag_reasons")[0] == ER_HIGH_EN  # --lang: the list's prose follows
    assert english.get("issues")[1] == "Abonnés: could not read 'beaucoup'"


def test_score_in_place_writes_confidence_in_words(fr_xlsx: Path, tmp_path: Path) -> None:
    brand = tmp_path / "brand.toml"
    brand.write_text(BRAND, encoding="utf-8")
    scored = influkit.score(str(fr_xlsx), brand=str(brand), store=None, in_place=True)
    words = {"high": "élevée", "medium": "moyenne", "low": "faible"}
    assert [r["Confiance"] for r in sheet_rows(fr_xlsx)] == [words[c] for c in scored.get("confidence")]
    assert sheet_rows(fr_xlsx)[0]["Raisons du score"].count("! alertes : engagement par abonnés 13,26 %") == 1


def test_shortlist_exports_show_codes_in_the_sheets_words(fr_xlsx: Path, tmp_path: Path) -> None:
    brand = tmp_path / "brand.toml"
    brand.write_text(BRAND, encoding="utf-8")
    chosen = influkit.shortlist(str(fr_xlsx), brand=str(brand), store=None, top=5)
    assert chosen.lang == "fr"
    out = tmp_path / "shortlist.xlsx"
    write_shortlist(chosen, str(out), lang=chosen.lang, profile_rows=chosen.profile_rows, method=chosen.method)
    ws = openpyxl.load_workbook(out)["Sélection"]
    header = [c.value for c in ws[1]]
    rows = [{h: c.value for h, c in zip(header, row, strict=True)} for row in ws.iter_rows(min_row=2)]
    by_handle = {r["Pseudo"]: r for r in rows}
    assert by_handle["lea.vernoux"]["Statut"] == "Contacté" and by_handle["marcdupuis"]["Statut"] == "A répondu"
    assert by_handle["lea.vernoux"]["Confiance"] == "élevée" and by_handle["lea.vernoux"]["Palier"] == "micro"
    assert by_handle["marcdupuis"]["Alertes"] == "engagement anormalement élevé"
    assert by_handle["lea.vernoux"]["Tendance"] == "inconnue"
    csv_out = tmp_path / "shortlist.csv"
    write_shortlist(chosen, str(csv_out), lang=chosen.lang)
    assert {r["stage"] for r in csv.DictReader(csv_out.open(encoding="utf-8"))} == {"contacted", "replied"}
    md = render_markdown(chosen, "s", lang="fr")
    assert "| élevée |" in md and "| micro |" in md and "| high |" not in md
    cards = chosen.cards()
    marc = next(c for c in cards if c.name == "Marc Dupuis")
    assert dict(marc.facts())["Alertes"] == f"Instagram : {ER_HIGH_FR}"
    # the profile and method sheet speaks French too: its settings, the budget, the components' names
    profile = openpyxl.load_workbook(out).worksheets[1]
    rows = [row for row in profile.iter_rows(values_only=True) if row and row[0]]
    settings = {row[0]: row[1] for row in rows}
    assert {"marque", "valeurs", "poids", "budget"} <= set(settings) and "weights" not in settings
    assert str(settings["poids"]).startswith("affinité ") and "portée" in str(settings["poids"])
    assert "reach" not in " ".join(str(v) for v in settings.values() if v)
    assert any(k == "méthode" and "x affinité" in str(v) for k, v in rows)  # the method's formula


# ------------------------------------------------------------------------------- the catalogue itself


@pytest.mark.parametrize(("english", "french"), [
    ("followers: could not read 'beaucoup'", "Abonnés : impossible de lire 'beaucoup'"),
    ("followers: could not read '-5' (negative count)", "Abonnés : impossible de lire '-5' (nombre négatif)"),
    ("followers: range '10K-15K' read as 12,500", "Abonnés : fourchette '10K-15K' lue comme 12\u202f500"),
    ("followers: '1,5' is not a whole number: read as 2", "Abonnés : '1,5' n'est pas un nombre entier : lu comme 2"),
    ("contacted_on: could not read '31/02/2026' (the column's dates are month first)",
     "Date de contact : impossible de lire '31/02/2026' (les dates de la colonne commencent par le mois)"),
    ("replied_on: 2026-03-02 is before contacted_on 2026-03-05",
     "Date de réponse : 02/03/2026 est avant la date de contact (05/03/2026)"),
    ("contacted_on: '12 mars' has no year and no other date of the sheet has one: read as 2026-03-12 (its most "
     "recent occurrence)",
     "Date de contact : '12 mars' n'a pas d'année et aucune autre date de la feuille n'en a : lu comme 12/03/2026 "
     "(sa dernière occurrence)"),
    ("stage: the status says contacted but 'Date de signature' dates the deal stage (2026-03-01): check which is "
     "right",
     "Statut : le statut dit Contacté mais 'Date de signature' date l'étape Signé (01/03/2026) : vérifiez lequel "
     "est juste"),
    ("promo_code: promo code 'LEA; 10' is also Léa (instagram:lea)'s; give one of them another code",
     "Code promo : code promo 'LEA; 10' : aussi celui de Léa (instagram:lea) ; donner un autre code à l'un des deux"),
    ("engagement_rate: followers is 0: no rate", "Taux d'engagement : abonnés à 0 : pas de taux"),
    ("price_quoted: several prices in '300 € / 500 €': the first is used; followers: could not read 'x'",
     "Prix demandé : plusieurs prix dans '300 € / 500 €' : le premier est retenu ; Abonnés : impossible de lire 'x'"),
])
def test_reading_issues_in_both_languages(english: str, french: str) -> None:
    assert L.prose(english, "fr", issues=True) == french
    assert L.prose(french, "en", issues=True) == english
    assert L.prose(english, "en", issues=True) == english
    # written again in its own language a text comes back unchanged (what lets prose skip the texts it wrote)
    assert L._prose(french, "fr", True) == french and L._prose(english, "en", True) == english


def test_unknown_sentences_are_kept_as_they_are() -> None:
    text = "live: youtube: quotaExceeded; followers: could not read 'x'"
    assert L.prose(text, "fr", issues=True) == "live: youtube: quotaExceeded ; Abonnés : impossible de lire 'x'"


def test_every_flag_has_words_and_a_french_sentence_that_reads_back() -> None:
    from influkit.thresholds import FLAGS

    assert set(L.FLAG_WORDS) == set(FLAGS)
    assert L.value_word("flags", "er_high, spike", "fr") == "engagement anormalement élevé, pic d'abonnés"
    spike = "follower spike of +12,000 on 2026-03-01..2026-03-05 (usual +40/day): bought followers, giveaway or viral post?"
    french = ("pic d'abonnés de +12\u202f000 le 01/03/2026–05/03/2026 (d'habitude +40/jour) : abonnés achetés, "
              "concours ou post viral ?")
    assert L.prose(spike, "fr") == french and L.prose(french, "en") == spike
    assert L._prose(french, "fr", False) == french and L._prose(spike, "en", False) == spike
    for column, words in L.VALUE_WORDS.items():
        for code, (fr, en) in words.items():
            assert L.code_of_word(column, fr) == code and L.code_of_word(column, en) == code, (column, code)


# --------------------------------------------------------------------------- B: --lang relabels columns


def test_lang_relabels_influkits_own_columns_and_their_values(fr_xlsx: Path) -> None:
    influkit.enrich(str(fr_xlsx), store=None, offline=True, in_place=True)
    french = [c.value for c in openpyxl.load_workbook(fr_xlsx)["Insta"][1]]
    assert "Taux d'engagement" in french and "Palier" in french
    table = influkit.enrich(str(fr_xlsx), store=None, offline=True, in_place=True, lang="en")
    done = table.meta["in_place"]["sheets"]["Insta"]
    assert done["added"] == [] and done["renamed"]["Taux d'engagement"] == "Engagement rate"
    header = [c.value for c in openpyxl.load_workbook(fr_xlsx)["Insta"][1]]
    assert header[:9] == FR_HEADERS and len(header) == len(french)  # no column added, the user's untouched
    assert header[9:] == [L.label(L.column_of_label(h)[0], "en") for h in french[9:]]  # type: ignore[index]
    marc, chloe, _ = sheet_rows(fr_xlsx)
    assert (marc["Tier"], marc["Trend"], marc["Flags"]) == ("nano", "unknown", "unusually high engagement")
    assert marc["Flag reasons"] == ER_HIGH_EN and chloe["Reading issues"] == "Abonnés: could not read 'beaucoup'"
    # and back: without --lang, the sheet's language (French headers)
    influkit.enrich(str(fr_xlsx), store=None, offline=True, in_place=True)
    assert [c.value for c in openpyxl.load_workbook(fr_xlsx)["Insta"][1]] == french


def test_relabelling_keeps_an_excel_table_in_step(tmp_path: Path) -> None:
    path = agency_workbook(tmp_path / "agence.xlsx")
    I.write_back(influkit.enrich(str(path), store=None, offline=True), backup=False)
    I.write_back(influkit.enrich(str(path), store=None, offline=True), backup=False, lang="en")
    wb = openpyxl.load_workbook(path)
    ws = wb["Prospects"]
    header = [c.value for c in ws[3]]
    assert "Engagement rate" in header and "Taux d'engagement" not in header
    assert [c.name for c in ws.tables["Prospection"].tableColumns] == header


def test_lang_relabels_a_csv(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("Nom;Pseudo;Réseau;Abonnés\nLéa;@lea;Instagram;12 500\n", encoding="utf-8")
    influkit.enrich(str(path), store=None, offline=True, in_place=True)
    header, row = [line.split(";") for line in path.read_text(encoding="utf-8").splitlines()]
    assert (row[header.index("Palier")], row[header.index("Tendance")]) == ("micro", "inconnue")
    influkit.enrich(str(path), store=None, offline=True, in_place=True, lang="en")
    header, row = [line.split(";") for line in path.read_text(encoding="utf-8").splitlines()]
    assert header[:4] == ["Nom", "Pseudo", "Réseau", "Abonnés"] and "Tier" in header and "Palier" not in header
    assert row[header.index("Trend")] == "unknown"


# ------------------------------------------------------------------------------------ C: the cpm label


def test_cpm_says_views_else_followers(tmp_path: Path) -> None:
    assert L.label("cpm", "fr") == "Coût pour mille (vues, sinon abonnés)"
    assert L.label("cpm", "en") == "Cost per thousand (views, else followers)"
    path = tmp_path / "p.csv"
    path.write_text("Handle,Platform,Followers,Avg views,Price\nlea,instagram,10000,,500\n"
                    "tom,youtube,100000,20000,1000\n", encoding="utf-8")
    table = influkit.enrich(str(path), store=None, offline=True)
    assert table.get("cpm") == [50.0, 50.0]  # 500 / 10,000 followers x 1000; 1000 / 20,000 views x 1000
    assert table.get("price_method")[0].endswith("; cpm per 1,000 followers (views unknown)")
    assert table.get("price_method")[1].endswith("; cpm per 1,000 views")


def test_a_former_cpm_label_is_found_again_and_relabelled(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("Nom;Pseudo;Réseau;Abonnés;Palier;Coût pour mille vues;Méthode du prix\n"
                    "Léa;@lea;Instagram;12 500;micro;;\n", encoding="utf-8")
    influkit.enrich(str(path), store=None, offline=True, in_place=True, lang="fr")
    header = path.read_text(encoding="utf-8").splitlines()[0].split(";")
    assert "Coût pour mille vues" not in header and header.count("Coût pour mille (vues, sinon abonnés)") == 1


# ------------------------------------------------------------------------ D: dates and notes, sheet's way


def test_set_writes_a_date_like_the_columns_own_pattern(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-12-01")
    sheet = tmp_path / "set_en.csv"
    sheet.write_text("Creator Name;Handle;Platform;Followers;Status;Date Contacted\n"
                     "Jess Park;@jesspark;IG;23.4K;Signed;03/15/2026\n"
                     "Zed Z;@zedz;Youtube;2.28E+5;Identified;\n", encoding="utf-8")
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(sheet), offline=True, store=db)
    result = runner.invoke(app, ["set", "zedz", "--stage", "Contacté", "--sheet", str(sheet), "--db", db])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(sheet.open(encoding="utf-8"), delimiter=";"))
    assert rows[2][4:6] == ["Contacted", "12/01/2026"]  # month first, zero-padded, four-digit year


@pytest.mark.parametrize(("cells", "expected"), [
    (["03/15/2026", "04/02/2026"], "12/01/2026"),  # month first, padded
    (["3/15/2026", "12/2/2026"], "12/1/2026"),  # month first, not padded
    (["15/03/2026", "02/04/2026"], "01/12/2026"),  # day first, padded
    (["15.3.26", "2.4.26"], "1.12.26"),  # dots, two-digit year
    (["2026/03/15"], "2026/12/01"),  # year first
])
def test_date_styles(tmp_path: Path, cells: list[str], expected: str) -> None:
    path = tmp_path / "d.csv"
    path.write_text("Handle,Platform,Date contacted\n" + "".join(
        f"u{i},instagram,{c}\n" for i, c in enumerate([*cells, ""])), encoding="utf-8")
    table = read_table(str(path))
    assert styled_like_column(table, "contacted_on", len(cells), dt.date(2026, 12, 1)) == expected
    style = date_style(table, "contacted_on", 0)
    assert isinstance(style, DateStyle) and style.write(dt.date(2026, 12, 1)) == expected


def test_a_note_uses_the_cells_separator_and_the_sheets_dates(tmp_path: Path) -> None:
    fr = french_sheet(tmp_path / "fr.xlsx")
    table = read_table(str(fr))
    lea = table.get("handle").index("lea.vernoux")
    note = note_like_column(table, lea, dt.date(2026, 12, 1), "ok pour 2 vidéos")
    assert note == "Très bon fit\nvégan\n01/12/2026 : ok pour 2 vidéos"
    chloe = table.get("handle").index("chloe.r")  # an empty cell: the note alone
    assert note_like_column(table, chloe, dt.date(2026, 12, 1), "relancée") == "01/12/2026 : relancée"
    en = tmp_path / "en.csv"
    en.write_text("Name,Handle,Platform,Date Contacted,Notes\nJess,@jess,IG,03/15/2026,great fit\n",
                  encoding="utf-8")
    table = read_table(str(en))
    assert note_like_column(table, 0, dt.date(2026, 12, 1), "ok") == "great fit; 12/01/2026: ok"


def test_a_date_written_into_date_cells_takes_the_columns_format(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["Nom", "Pseudo", "Réseau", "Date de contact"])
    ws.append(["Léa", "@lea", "Instagram", dt.datetime(2026, 3, 15)])
    ws.append(["Tom", "@tom", "Instagram", None])
    ws["D2"].number_format = "DD/MM/YYYY"
    path = tmp_path / "dates.xlsx"
    book.save(path)
    table = read_table(str(path))
    I.write_cells(table, {1: {"contacted_on": styled_like_column(table, "contacted_on", 1, dt.date(2026, 12, 1))}},
                  backup=False)
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    cell = sheet["D3"]
    assert cell.value == dt.datetime(2026, 12, 1) and cell.number_format == "DD/MM/YYYY"


def test_a_date_part_that_tells_nothing_is_padded_like_the_other(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("Handle,Platform,Date contacted\na,instagram,3/25/2026\nb,instagram,\n", encoding="utf-8")
    assert styled_like_column(read_table(str(path)), "contacted_on", 1, dt.date(2026, 4, 2)) == "4/2/2026"
    path.write_text("Handle,Platform,Date contacted\na,instagram,12/25/2026\nb,instagram,\n", encoding="utf-8")
    assert styled_like_column(read_table(str(path)), "contacted_on", 1, dt.date(2026, 4, 2)) == "04/02/2026"


def test_row_kinds_in_words_read_back_as_codes(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_text("handle,platform,followers,row_kind\nlea,instagram,12500,\n,,12500,Sous-total\n"
                    ",,,En-tête répété\n,,12500,Total\n", encoding="utf-8")
    assert read_table(str(path)).get("row_kind") == [None, "subtotal", "header", "total"]


def test_a_reading_issue_names_the_sheets_own_column_in_both_languages(tmp_path: Path) -> None:
    """"Nb abo." holding "beaucoup": the issue names that column, as the sheet writes it, whatever the
    language of the output and whichever command localized the list first."""
    p = tmp_path / "s.csv"
    p.write_text("Pseudo,Réseau,Nb abo.,Bio\nlea,IG,beaucoup,vegan\ntom,IG,1200,skincare\n", encoding="utf-8")
    brand = tmp_path / "brand.toml"
    brand.write_text(BRAND, encoding="utf-8")
    assert influkit.enrich(str(p), store=None, offline=True).get("issues")[0] == "Nb abo. : impossible de lire 'beaucoup'"
    assert influkit.enrich(str(p), store=None, offline=True, lang="en").get("issues")[0] == \
        "Nb abo.: could not read 'beaucoup'"
    assert influkit.score(str(p), brand=str(brand), store=None, lang="en").get("issues")[0] == \
        "Nb abo.: could not read 'beaucoup'"


@pytest.mark.parametrize(("second", "note"), [
    ("04/02/2026", True),  # every date readable both ways: read day first, and said
    ("04/22/2026", False),  # one date decides (month first): nothing guessed
])
def test_a_date_column_no_date_decides_says_its_order_was_assumed(tmp_path: Path, second: str, note: bool) -> None:
    """Found by a new user: '03/10/2026' in a sheet where no date decides the order was read as 3 October
    without a word; the summary now says the order was assumed and what decides it."""
    sheet = tmp_path / "us.csv"
    sheet.write_text(f"Creator Name,IG handle,Date Contacted\nAna,@ana,03/10/2026\nBen,@ben,{second}\n",
                     encoding="utf-8")
    table = influkit.enrich(str(sheet), offline=True, store=None)
    said = [n for n in table.meta["notes"] if "no date of the sheet decides" in n]
    assert bool(said) is note
    if note:
        assert said == ["'Date Contacted': 2 text dates ('03/10/2026', '04/02/2026') could be day or month first "
                        "and no date of the sheet decides; read day first, the default (one text date such as "
                        "25/03/2026 in the column decides)"]
        assert table.get("contacted_on")[0] == dt.date(2026, 10, 3)
    else:
        assert table.get("contacted_on")[0] == dt.date(2026, 3, 10)
