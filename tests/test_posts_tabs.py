"""A posts workbook with several tabs of posts (one per month, one per network, a copy): `check` and `report`
read every posts tab, count a post in two tabs once, and name the tab of every row."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import influkit
from influkit.cli.app import app
from influkit.errors import UsageError
from sheetmaker import xlsx

runner = CliRunner()

LEA = "https://www.instagram.com/p/LeaJuin01/"
TOM = "https://www.instagram.com/p/TomJuil02/"
ZOE = "https://www.tiktok.com/@zoe.mode/video/7300000000000000001"
MAX = "https://www.tiktok.com/@max.run/video/7300000000000000002"
OK_FR = "Ma routine du matin avec @marque #publicité #skincare"
BARE = "Ma routine du soir, trop contente de ce sérum #skincare @marque"


def book(path: Path, tabs: dict[str, list[list[Any]]], hidden: tuple[str, ...] = ()) -> str:
    return str(xlsx(path, tabs, hidden=hidden))


def verdicts(result: Any) -> dict[tuple[str | None, str], str | None]:
    """(tab, post link) -> disclosure, from check's rows."""
    return {(r.get("sheet"), r["post_url"]): r["disclosure"] for r in result.records()}


def test_month_tabs_with_other_columns_are_all_checked(tmp_path: Path) -> None:
    path = book(tmp_path / "posts.xlsx", {
        "Juin": [["Créateur", "Lien publication", "Légende", "Vues"], ["Léa", LEA, OK_FR, 1200]],
        "Juillet": [["Post URL", "Views", "Caption", "Creator"], [TOM, 800, BARE, "Tom"],
                    [MAX, 300, OK_FR, "Max"]],
    })
    result = influkit.check(path, rules="fr")
    assert result.summary["posts"] == 3
    assert verdicts(result) == {("Juin", LEA): "ok", ("Juillet", TOM): "missing", ("Juillet", MAX): "ok"}
    assert result.summary["disclosure"]["missing"] == 1 and result.summary["sheets"] == ["Juin", "Juillet"]
    rows = result.records()
    assert [r["Caption"] for r in rows] == [None, BARE, OK_FR] and [r["Légende"] for r in rows] == [OK_FR, None, None]
    assert [result.row_name(k) for k in range(3)] == ["2 [Juin]", "2 [Juillet]", "3 [Juillet]"]

    report = influkit.report(path, store=None, offline=True, lang="en").to_dict()
    posts = report["blocks"]["results"]["posts"]
    assert sorted((p["sheet"], p["link"]) for p in posts) == sorted([("Juillet", MAX), ("Juillet", TOM), ("Juin", LEA)])
    assert report["totals"]["posts"] == 3 and report["totals"]["views"] == 2300
    assert report["sources"]["sheets"] == ["Juin", "Juillet"]
    flagged = [(i["row"], i["sheet"]) for i in report["blocks"]["analysis"]
               if i["rule"] == "A-DISCLOSURE" and i.get("disclosure") == "missing"]
    assert flagged == [(2, "Juillet")]  # Tom's post, without its label: its row named with its tab
    fixes = [r["numbers"] for r in report["blocks"]["recommendations"] if r["rule"] == "R-DISCLOSURE"]
    assert [(n["row"], n["sheet"]) for n in fixes] == [(2, "Juillet")]


def test_network_tabs_and_a_readme(tmp_path: Path) -> None:
    path = book(tmp_path / "reseaux.xlsx", {
        "Lisez-moi": [["Ce classeur liste les publications de la campagne"], ["Une ligne par post"]],
        "Instagram": [["Compte", "Lien", "Texte du post", "J'aime"], ["lea", LEA, OK_FR, 90],
                      ["tom", TOM, BARE, 40]],
        "TikTok": [["Lien vidéo", "Description de la vidéo", "Likes", "Vues"], [ZOE, BARE, 500, 9000]],
        "Totaux": [["Réseau", "Vues"], ["Instagram", 0], ["TikTok", 9000]],
    })
    result = influkit.check(path, rules="fr")
    assert result.summary["posts"] == 3
    assert verdicts(result) == {("Instagram", LEA): "ok", ("Instagram", TOM): "missing", ("TikTok", ZOE): "missing"}
    assert any("'Lisez-moi'" in line and "'Totaux'" in line and "not read" in line for line in result.summary_lines())
    assert "rows 3 [Instagram], 2 [TikTok]" not in " ".join(result.summary_lines())  # (all have captions)
    report = influkit.report(path, store=None, offline=True).to_dict()
    assert report["totals"]["posts"] == 3 and report["totals"]["likes"] == 630
    assert {p["network"] for p in report["blocks"]["results"]["posts"]} == {"instagram", "tiktok"}
    assert any("'Totaux'" in w for w in report["warnings"])


def test_a_copy_tab_counts_each_post_once(tmp_path: Path) -> None:
    # "Posts" has Léa and Tom; "Juin" is Léa's post copied later (more views, a share link): counted once
    path = book(tmp_path / "copie.xlsx", {
        "Posts": [["Créateur", "Lien", "Légende", "Vues", "Likes"], ["Léa", LEA, OK_FR, 1000, 50],
                  ["Tom", TOM, BARE, 400, 20]],
        "Juin": [["Lien", "Légende", "Vues", "Likes", "Créateur"], [LEA + "?igsh=abc", OK_FR, 1500, 70, "Léa"]],
    })
    report = influkit.report(path, store=None, offline=True, lang="en").to_dict()
    posts = report["blocks"]["results"]["posts"]
    assert [(p["creator"], p["sheet"], p["views"]) for p in posts] == [("Léa", "Juin", 1500), ("Tom", "Posts", 400)]
    assert report["totals"]["posts"] == 2 and report["totals"]["views"] == 1900
    twice = [w for w in report["warnings"] if "counted once" in w]
    assert len(twice) == 1 and "tab 'Posts' row 2" in twice[0] and "tab 'Juin' row 2" in twice[0]
    french = influkit.report(path, store=None, offline=True, lang="fr")
    french.write(str(tmp_path / "bilan.md"))
    text = (tmp_path / "bilan.md").read_text(encoding="utf-8")
    assert "comptée une fois, avec les chiffres de l'onglet 'Juin' ligne 2" in text and "| Onglet |" in text

    result = influkit.check(path, rules="fr")
    assert result.summary["posts"] == 2 and result.summary["disclosure"] == {
        "ok": 1, "missing": 1, "insufficient": 0, "late": 0}
    rows = result.records()
    assert len(rows) == 3  # every row is in the output; the copy says where it counted
    assert "onglet « Juin » ligne 2" in rows[0]["compliance_warnings"] and not rows[2]["compliance_warnings"]
    assert any("counted once" in line for line in result.summary_lines())


def test_a_readme_and_one_posts_tab_read_as_before(tmp_path: Path) -> None:
    path = book(tmp_path / "un.xlsx", {
        "Read me": [["How to fill this workbook"], ["One row per post"]],
        "Posts": [["Handle", "Post link", "Caption", "Views"], ["lea", LEA, OK_FR, 10], ["tom", TOM, BARE, 20]],
    })
    result = influkit.check(path, rules="fr")
    assert result.summary["posts"] == 2 and "sheet" not in result.columns and result.summary["sheet"] == "Posts"
    assert [r["disclosure"] for r in result.records()] == ["ok", "missing"]
    assert any("not read: 'Read me'" in line for line in result.summary_lines())
    report = influkit.report(path, store=None, offline=True).to_dict()
    assert report["totals"]["views"] == 30 and all(p["sheet"] is None for p in report["blocks"]["results"]["posts"])


def test_sheet_reads_one_tab(tmp_path: Path) -> None:
    path = book(tmp_path / "deux.xlsx", {
        "Juin": [["Lien", "Légende", "Vues"], [LEA, OK_FR, 100]],
        "Juillet": [["Lien", "Légende", "Vues"], [TOM, BARE, 200], [MAX, OK_FR, 300]],
    })
    assert influkit.check(path, rules="fr", sheet="Juillet").summary["posts"] == 2
    assert influkit.check(path, rules="fr").summary["posts"] == 3
    assert influkit.report(path, store=None, offline=True, sheet="juin").to_dict()["totals"]["views"] == 100


def test_hidden_posts_tab_is_read_only_without_a_visible_one(tmp_path: Path) -> None:
    path = book(tmp_path / "cache.xlsx", {
        "Posts": [["Lien", "Légende"], [LEA, OK_FR]],
        "Archive": [["Lien", "Légende"], [TOM, BARE]],
    }, hidden=("Archive",))
    result = influkit.check(path, rules="fr")
    assert result.summary["posts"] == 1 and any("'Archive' (hidden)" in line for line in result.summary_lines())
    only_hidden = book(tmp_path / "cache2.xlsx", {
        "Notes": [["Brief de la campagne"], ["Rien d'autre"]],
        "Archive": [["Lien", "Légende"], [TOM, BARE]],
    }, hidden=("Archive",))
    result = influkit.check(only_hidden, rules="fr")
    assert result.summary["posts"] == 1 and any("hidden tab" in line for line in result.summary_lines())


def test_cli_equals_the_library_for_two_tabs(tmp_path: Path) -> None:
    path = book(tmp_path / "cli.xlsx", {
        "Instagram": [["Lien", "Légende", "Vues"], [LEA, OK_FR, 100]],
        "TikTok": [["Video link", "Caption", "Views"], [ZOE, BARE, 900]],
    })
    lib = influkit.report(path, store=None, offline=True, lang="fr").to_dict()
    result = runner.invoke(app, ["report", path, "--no-store", "--offline", "--lang", "fr", "-f", "json", "-q"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == lib and lib["totals"]["views"] == 1000
    checked = runner.invoke(app, ["check", path, "--rules", "fr", "-f", "csv", "-q"])
    assert checked.exit_code == 0, checked.output
    rows = list(csv.DictReader(io.StringIO(checked.stdout)))
    assert [(r["sheet"], r["disclosure"]) for r in rows] == [
        (r["sheet"], r["disclosure"]) for r in influkit.check(path, rules="fr").records()] == [
        ("Instagram", "ok"), ("TikTok", "missing")]


def test_the_prospect_list_beside_the_posts_is_left_out(tmp_path: Path) -> None:
    # the list's bios under a vague "Description" header do not make it a posts tab
    path = book(tmp_path / "campagne.xlsx", {
        "Prospects": [["Nom", "Instagram", "Abonnés", "Description"],
                      ["Léa Vernoux", "@lea", 12000, "Beauté et skincare, Lyon #skincare @marque"],
                      ["Tom Roux", "@tom", 8000, "Running et voyages, Paris #run"],
                      ["Max Dupont", "@max", 5000, "Cuisine facile #food"]],
        "Publications": [["Lien du post", "Texte", "Vues"], [LEA, OK_FR, 100], [TOM, BARE, 50]],
    })
    result = influkit.check(path, rules="fr")
    assert result.summary["posts"] == 2 and [r["post_url"] for r in result.records()] == [LEA, TOM]
    assert any("not read: 'Prospects'" in line for line in result.summary_lines())
    report = influkit.report(path, store=None, offline=True)
    assert report.to_dict()["totals"]["posts"] == 2 and report.to_dict()["totals"]["views"] == 150
    report.write(str(tmp_path / "bilan.html"))
    html = (tmp_path / "bilan.html").read_text(encoding="utf-8").replace("&#x27;", "'")
    assert "onglets lus comme publications : 'publications' ; non lus : 'prospects'" in html.lower()  # (in French)


def test_map_names_a_header_of_one_tab(tmp_path: Path) -> None:
    path = book(tmp_path / "map.xlsx", {
        "Juin": [["Lien", "Légende"], [LEA, OK_FR]],
        "Juillet": [["Lien", "Wording final"], [TOM, BARE]],
    })
    result = influkit.check(path, rules="fr", mapping=["Wording final=caption"])
    assert verdicts(result) == {("Juin", LEA): "ok", ("Juillet", TOM): "missing"}
    with pytest.raises(UsageError, match="no header 'Nulle part'"):
        influkit.check(path, rules="fr", mapping=["Nulle part=caption"])
