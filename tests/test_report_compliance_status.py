"""One compliance status per post in the client report (found by new users, report2): the posts' table said
"conforme (FR-15) — à vérifier : FR-15", the chart "conforme (2)" and the conclusion "conformes : 0 ; non
conformes : 3"; a story without its caption in the sheet was "mention conforme, à vérifier par une
personne". Every place that states a post's compliance (table, chart, analysis, conclusion, recommendations;
html, md, xlsx; French and English) now derives it from one status: compliant, to check, not compliant, not
checked. Inputs are written here, a few rows each."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import influkit

sys.path.insert(0, str(Path(__file__).parent))
from sheetmaker import xlsx  # noqa: E402

BRAND = """name = "Les Tables du Rhône"
[compliance]
rules = ["fr"]
sectors = ["alcool"]
"""
# a disclosed post without the loi Evin message (not compliant), a disclosed one with it (the Evin content
# rules: for a person to check), a story whose text the sheet lacks, labelled by the platform (not checked)
POSTS = (
    "Créateur;Pseudo;Réseau;Format;Lien du post;Date de publication;Légende;Partenariat rémunéré;Vues;J'aime\n"
    "Antoine;antoine.miam;TikTok;Vidéo;https://www.tiktok.com/@antoine.miam/video/7449876543210987654;15/11/2026;"
    "Le meilleur bouchon de Lyon 🍷 un petit verre de Côtes-du-Rhône. Collaboration commerciale avec "
    "@tablesdurhone;Oui;88000;6900\n"
    "Léa;lea.lyon;Instagram;Post;https://www.instagram.com/p/DResto0009/;20/11/2026;Publicité | Dîner aux Tables "
    "du Rhône avec @tablesdurhone. L'abus d'alcool est dangereux pour la santé, à consommer avec modération;Non;;700\n"
    "Marie;mariecuisine.lyon;Instagram;Story;https://www.instagram.com/stories/mariecuisine.lyon/"
    "3480000000000000002/;28/11/2026;;Oui;5100;\n"
)
STATUS = {"Antoine": "not_compliant", "Léa": "to_check", "Marie": "not_checked"}
WORDS = {"fr": {"compliant": "conforme", "to_check": "à vérifier", "not_compliant": "non conforme",
                "not_checked": "non vérifiée"},
         "en": {"compliant": "compliant", "to_check": "to check", "not_compliant": "not compliant",
                "not_checked": "not checked"}}


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-12-04")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for key in ("YOUTUBE_API_KEY", "INSTAGRAM_ACCESS_TOKEN", "INSTAGRAM_USER_ID"):
        monkeypatch.delenv(key, raising=False)


def _report(tmp_path: Path, lang: str, posts: str = POSTS, brand: str = BRAND) -> influkit.CampaignReport:
    (tmp_path / "posts.csv").write_text(posts, encoding="utf-8")
    (tmp_path / "brand.toml").write_text(brand, encoding="utf-8")
    return influkit.report(str(tmp_path / "posts.csv"), brand=str(tmp_path / "brand.toml"), lang=lang,
                           offline=True, store=None)


def _statuses_said(cell: str, lang: str) -> list[str]:
    """The status words a table cell states, longest first so that "non conforme" is not also "conforme"."""
    words = sorted(WORDS[lang].items(), key=lambda kv: -len(kv[1]))
    found = []
    for status, word in words:
        if word in cell:
            found.append(status)
            cell = cell.replace(word, "")
    return found


def _md_cells(md: str, lang: str) -> dict[str, str]:
    """The posts' table of the Markdown export: creator -> its compliance cell (the last column)."""
    header = "| Mention |" if lang == "fr" else "| Disclosure |"
    lines = md[md.index(header):].splitlines()
    out = {}
    for line in lines[2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        out[re.sub(r"^\[(.*?)\].*$", r"\1", cells[0])] = cells[-1]
    return out


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_format_says_one_status_per_post_and_the_counts_agree(tmp_path: Path, lang: str) -> None:
    report = _report(tmp_path, lang)
    data = report.to_dict()

    # the posts' table (md, html, xlsx): each post's cell says its one status, never "compliant" and "to check"
    cells = _md_cells(report.markdown(), lang)
    assert {who: _statuses_said(cell, lang) for who, cell in cells.items()} == {
        who: [status] for who, status in STATUS.items()}
    posts = data["blocks"]["results"]["posts"]
    assert {p["creator"]: p["compliance_status"] for p in posts} == STATUS
    counts = data["totals"]["compliance"]
    assert (counts["compliant"], counts["to_check"], counts["not_compliant"], counts["not_checked"]) == (0, 1, 1, 1)
    page = report.html()
    for cell in cells.values():
        assert cell.replace(" :", "\u00a0:") in page or cell in page
    report.write(str(tmp_path / "r.xlsx"))
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["Par publication" if lang == "fr" else "By post"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    column = rows[0].index("Mention" if lang == "fr" else "Disclosure")
    creator = rows[0].index("Créateur" if lang == "fr" else "Creator")
    assert {r[creator]: _statuses_said(r[column], lang) for r in rows[1:]} == {w: [s] for w, s in STATUS.items()}

    # the chart: the same counts, by the same words
    legend = re.findall(r">([^<>]+ \(\d+\))</text>", page)
    assert sorted(legend) == sorted(f"{WORDS[lang][s]} (1)" for s in ("to_check", "not_compliant", "not_checked"))

    # the conclusion: the same counts
    (conclusion,) = [it for it in data["blocks"]["conclusion"] if it["rule"] == "C-COMPLIANCE"]
    assert conclusion["numbers"] == {"checked": 2, "ok": 0, "to_check": 1, "not_compliant": 1, "banned": 0,
                                     "not_checked": 1}
    expected = ("Publications vérifiées : 2 ; conformes : 0 ; à vérifier par une personne : 1 ; non conformes : 1 ; "
                "1 publication sans légende, non vérifiée." if lang == "fr" else
                "Checked posts: 2; compliant: 0; to check by a person: 1; not compliant: 1; 1 post without a "
                "caption, not checked.")
    assert conclusion["text"].replace("\u00a0", " ") == expected

    # the analysis: one sentence per post, starting with its status; the story without its caption is not
    # checked, never said compliant
    said = {it["subjects"][0]: it["text"] for it in data["blocks"]["analysis"] if it["rule"] == "A-DISCLOSURE"}
    for who, status in STATUS.items():
        head = said[who].split("—")[0]
        assert _statuses_said(head, lang) == [status], said[who]
    assert "conforme" not in said["Marie"].split("—")[0] and "compliant" not in said["Marie"]

    # the recommendations: the post to fix is the not compliant one, the creator renewed only if it is fixed
    fixes = [it["subject"] for it in data["blocks"]["recommendations"] if it["rule"] == "R-DISCLOSURE"]
    assert fixes == ["Antoine"]


def test_a_post_with_nothing_to_check_is_compliant_everywhere(tmp_path: Path) -> None:
    """Without the brand's alcohol sector, a post labelled upfront and on its image has nothing left: compliant
    in the table, the chart, the analysis and the conclusion; the story without its text stays not checked."""
    posts = ("Créateur;Réseau;Format;Lien du post;Date de publication;Légende;Partenariat rémunéré;Vues\n"
             "Léa;Instagram;Post;https://www.instagram.com/p/DResto0009/;20/11/2026;Publicité | Dîner aux Tables du "
             "Rhône avec @tablesdurhone;Non;1200\n"
             "Marie;Instagram;Story;https://www.instagram.com/stories/marie/3480000000000000002/;28/11/2026;;Oui;"
             "5100\n")
    report = _report(tmp_path, "fr", posts, 'name = "Les Tables du Rhône"\n')
    data = report.to_dict()
    assert _md_cells(report.markdown(), "fr") == {"Léa": "conforme", "Marie": "non vérifiée"}
    assert {p["creator"]: p["compliance_status"] for p in data["blocks"]["results"]["posts"]} == {
        "Léa": "compliant", "Marie": "not_checked"}
    said: list[Any] = [it["text"] for it in data["blocks"]["analysis"] + data["blocks"]["conclusion"]
                       if it["rule"] in ("A-DISCLOSURE", "C-COMPLIANCE")]
    assert "La publication vérifiée porte une mention conforme." in said
    assert "La publication vérifiée porte une mention conforme ; 1 publication sans légende, non vérifiée." in said
    assert [s for s in said if s.startswith("Marie")][0].startswith("Marie (Instagram, 28/11/2026) : non vérifiée — ")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_by_post_tab_numbers_the_posts_from_1_beside_their_sheet_row(tmp_path: Path, lang: str) -> None:
    """The xlsx's "By post" tab: "#" numbered the posts from 2 (it was the sheet's row); "#" now counts the
    posts 1, 2, 3... and "Ligne" / "Row" says where each one is in its sheet, across tabs too."""
    header: list[Any] = ["Créateur", "Réseau", "Lien du post", "Légende", "Vues"]
    juin = [header, ["Léa", "Instagram", "https://www.instagram.com/p/DJuin00001/", "Publicité | ma routine", 1000],
            ["Tom", "TikTok", "https://www.tiktok.com/@tom/video/7300000000000000001", "Publicité | mon avis", 2000]]
    juillet = [["Suivi de juillet"], header,
               ["Ana", "Instagram", "https://www.instagram.com/p/DJuil00001/", "Publicité | mon été", 3000]]
    book = xlsx(tmp_path / "posts.xlsx", {"Juin": juin, "Juillet": juillet})
    report = influkit.report(str(book), lang=lang, offline=True, store=None)
    report.write(str(tmp_path / "r.xlsx"))
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["Par publication" if lang == "fr" else "By post"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    tab, row = ("Onglet", "Ligne") if lang == "fr" else ("Tab", "Row")
    assert rows[0][:4] == ["#", tab, row, "Créateur" if lang == "fr" else "Creator"]
    assert [r[:4] for r in rows[1:]] == [[1, "Juin", 2, "Léa"], [2, "Juin", 3, "Tom"], [3, "Juillet", 3, "Ana"]]
