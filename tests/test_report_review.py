"""The client report after a new user's review (nu3): TOTAL rows are no post, every failed rule gets its fix,
no spreadsheet quote in Markdown or HTML, French reports say everything in French, one money rule,
estimates shown apart, no "default" campaign name, a sentence for "no views at all", whole counts in CSV
and JSON, creators without a benchmark named with why, and plurals that agree. Inputs are written here, a
few rows each."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import influkit
from influkit.campaign import report_text as T
from influkit.campaign.published import read_published
from influkit.campaign.report_rules import _reason

sys.path.insert(0, str(Path(__file__).parent))
from sheetmaker import formula, ods  # noqa: E402

FR_SHEET = """Créateur;Compte;Réseau;Lien du post;Date de publication;Légende;Abonnés;Vues;J'aime;Commentaires;Coût;Code promo
Margaux;margaux.tisse;Instagram;https://www.instagram.com/reel/C2aaaaaaaaa/;2026-06-01;Publicité | Mon rituel du soir avec @maisonocre;84300;52000;3100;140;1800;MARGAUX10
Théo;theoguillot;YouTube;https://www.youtube.com/watch?v=Zyxwvutsrqp;2026-06-04;Publicité : test complet du coffret @maisonocre;128000;41000;2300;310;3000;THEO10
Sacha;sacha.lmn;TikTok;https://www.tiktok.com/@sacha.lmn/video/7301000000000000002;2026-06-05;collab avec @maisonocre 🍷 le vin rosé parfait pour l'été;45600;23000;1900;95;0;SACHA10
Total;;;;;;258000;116000;7300;545;4800;
"""
ORDERS = """Name,Financial Status,Currency,Total,Discount Code,Created at
#1,paid,EUR,60.00,MARGAUX10,2026-06-02 09:59:00 +0200
#2,paid,EUR,120.00,margaux10,2026-06-02 10:59:00 +0200
#3,paid,EUR,95.50,THEO10,2026-06-05 10:00:00 +0200
#4,paid,EUR,70.00,ETE2026,2026-06-06 10:00:00 +0200
#5,paid,EUR,64.00,SACHA10,2026-06-06 11:00:00 +0200
"""
EN_RECAP = """Creator,Handle,Platform,Post link,Caption,Followers,Views,Estimated reach,Likes,Comments,Shares,Saves,Cost,Promo code
Jess Glow,jess.glow,Instagram,https://www.instagram.com/p/D2aaaaaaaaa/,Ad | My evening routine with @ocrehome,48000,,30000,2100,64,,150,900 €,JESS10
Tom Fit,tom.fit,TikTok,https://www.tiktok.com/@tom.fit/video/7302000000000000001,#ad new candle 🔥 code TOM10,120000,88000,,6100,230,410,300,1 200 €,TOM10
Amy Eats,amy.eats,YouTube,https://youtu.be/Abcdefghijk,Sponsored: my kitchen with @ocrehome,95000,37000,,1800,240,,,1 500 €,AMY10
TOTAL,,,,,263000,125000,30000,10000,534,410,450,3 600 €,
"""


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-06-20")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for key in ("YOUTUBE_API_KEY", "INSTAGRAM_ACCESS_TOKEN", "INSTAGRAM_USER_ID"):
        monkeypatch.delenv(key, raising=False)


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def plain(text: str) -> str:
    """Non-breaking and narrow spaces (French numbers) as plain spaces, for readable assertions."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def fr_report(tmp_path: Path, **extra: Any) -> influkit.CampaignReport:
    return influkit.report(write(tmp_path, "bilan.csv", FR_SHEET), orders=write(tmp_path, "orders.csv", ORDERS),
                           offline=True, store=None, **extra)


def en_report(tmp_path: Path, **extra: Any) -> influkit.CampaignReport:
    return influkit.report(write(tmp_path, "recap_en.csv", EN_RECAP), budget="3000 €",
                           objectives="views=150k,cpe=0.3", offline=True, store=None, **extra)


def texts(data: dict[str, Any]) -> list[str]:
    blocks = data["blocks"]
    return [it["text"] for block in ("analysis", "conclusion", "recommendations") for it in blocks[block]]


def sheet_text(path: Path) -> str:
    book = openpyxl.load_workbook(path)
    return "\n".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value is not None)


# ------------------------------------------------------------------------------ 1. TOTAL rows


def test_a_total_row_is_neither_a_post_nor_a_creator(tmp_path: Path) -> None:
    report = en_report(tmp_path)
    d = report.to_dict()
    t = d["totals"]
    assert (t["posts"], t["creators"], t["views"], t["views_posts"], t["engagements"], t["cost"], t["followers"]) == (
        3, 3, 125_000, 2, 11_394, 3600.0, 263_000)
    assert [c["creator"] for c in d["blocks"]["results"]["creators"]] == ["Jess Glow", "Tom Fit", "Amy Eats"]
    assert [n["network"] for n in d["blocks"]["results"]["networks"]] == ["instagram", "tiktok", "youtube"]
    assert [r["row"] for r in d["blocks"]["results"]["posts"]] == [2, 3, 4]
    assert not [s for s in texts(d) if "TOTAL" in s]
    assert d["sources"]["rows_left_out"] == [{"row": 5, "kind": "total"}] and d["sources"]["rows_without_post"] == []
    assert "- **Rows left out**: row 5 (total) — not posts, in no number" in report.markdown()
    assert read_published(str(tmp_path / "recap_en.csv")).left_out == [(5, "total")]


def test_a_total_row_of_numbers_in_a_workbook_is_left_out(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    for line in FR_SHEET.splitlines():
        ws.append([int(v) if v.isdigit() else v for v in line.split(";")])
    book.save(tmp_path / "bilan.xlsx")
    d = influkit.report(str(tmp_path / "bilan.xlsx"), offline=True, store=None).to_dict()
    assert (d["totals"]["posts"], d["totals"]["creators"], d["totals"]["views"], d["totals"]["cost"]) == (
        3, 3, 116_000, 4800.0)
    assert d["sources"]["rows_left_out"] == [{"row": 5, "kind": "total"}]
    assert {r["subject"] for r in d["blocks"]["recommendations"] if r["rule"] in ("R-RENEW", "R-WATCH", "R-DROP",
                                                                               "R-NEGOTIATE")} <= {
        "Margaux", "Théo", "Sacha"}


def test_an_unlabelled_sum_row_and_a_section_title_in_the_middle_are_left_out(tmp_path: Path) -> None:
    """The formulas say it is a total (a second read of the workbook); a section title before the last
    post no longer shifts the posts (it made the report fail on an index)."""
    rows: list[list[Any]] = [["Créateur", "Lien du post", "Vues", "J'aime"],
            ["Ana", "https://www.tiktok.com/@ana/video/1", 1000, 50],
            ["— YouTube —"],
            ["Bo", "https://youtu.be/abcdefghijk", 3000, 70],
            [None, None, formula("=SUM(C2:C4)", 4000), formula("=SUM(D2:D4)", 120)]]
    path = ods(tmp_path / "bilan.ods", {"Bilan": rows})
    d = influkit.report(str(path), offline=True, store=None, lang="en").to_dict()
    assert (d["totals"]["posts"], d["totals"]["views"], d["totals"]["likes"]) == (2, 4000, 120)
    assert d["sources"]["rows_left_out"] == [{"row": 3, "kind": "section"}, {"row": 5, "kind": "total"}]
    assert [(p["creator"], p["views"]) for p in d["blocks"]["results"]["posts"]] == [("Ana", 1000), ("Bo", 3000)]


def test_a_row_without_a_post_before_the_posts_does_not_break_the_report(tmp_path: Path) -> None:
    path = write(tmp_path, "list.csv", "Nom;Réseau;Lien publication;Statut;Vues\n"
                 "Ana;TikTok;https://www.tiktok.com/@ana/video/1;Publié;100\nBo;Instagram;;Contacté;\n"
                 "Cy;YouTube;https://youtu.be/abcdefghijk;Publié;200\n")
    d = influkit.report(path, offline=True, store=None).to_dict()
    assert [(p["creator"], p["views"]) for p in d["blocks"]["results"]["posts"]] == [("Ana", 100), ("Cy", 200)]
    assert d["sources"]["rows_without_post"] == [3] and d["totals"]["views"] == 300


# ------------------------------------------------------------------------ 2. every failed rule


def test_the_fix_of_a_post_names_every_rule_it_fails(tmp_path: Path) -> None:
    d = fr_report(tmp_path).to_dict()
    (fix,) = [r for r in d["blocks"]["recommendations"] if r["rule"] == "R-DISCLOSURE"]
    assert fix["numbers"]["rules"] == "FR-04, FR-15"
    assert plain(fix["text"]) == (
        "Sacha (TikTok, 05/06/2026) : ajouter « Publicité » ou « Collaboration commerciale » au début de la "
        "légende (100 premiers caractères ou 2 lignes) et activer le bouton « contenu de marque » de TikTok ; "
        "« collab » ne suffit pas. À corriger aussi — FR-15 : "
        "alcool (vin rosé) sans le message sanitaire « L'abus d'alcool est dangereux pour la santé ».")
    english = fr_report(tmp_path, lang="en").to_dict()
    (fix,) = [r for r in english["blocks"]["recommendations"] if r["rule"] == "R-DISCLOSURE"]
    assert fix["text"].endswith(". Also to fix — FR-15: alcohol (vin rosé) without the health message 'L'abus "
                                "d'alcool est dangereux pour la santé'.")


def test_a_disclosed_post_failing_another_rule_gets_that_rules_fix(tmp_path: Path) -> None:
    path = write(tmp_path, "one.csv", "Créateur;Lien du post;Date de publication;Légende;Vues\n"
                 "Sacha;https://www.tiktok.com/@sacha/video/1;2026-06-05;Publicité : le vin rosé parfait pour "
                 "l'été avec @maisonocre;1000\n")
    d = influkit.report(path, offline=True, store=None).to_dict()
    (fix,) = [r for r in d["blocks"]["recommendations"] if r["rule"] == "R-DISCLOSURE"]
    assert plain(fix["text"]) == ("Sacha (TikTok, 05/06/2026) : FR-15 : alcool (vin rosé) sans le message "
                                  "sanitaire « L'abus d'alcool est dangereux pour la santé ».")


def test_a_reason_loses_only_its_closing_source() -> None:
    assert _reason("FR-15 : alcool (vin) sans le message (source : loi Evin (L.3323-4 CSP) ; ARPP)") == (
        "FR-15 : alcool (vin) sans le message")
    assert _reason("FR-04: only ambiguous signals (collab)") == "FR-04: only ambiguous signals (collab)"


# ------------------------------------------------------------------- 3. no spreadsheet quote in prose


def test_the_key_figures_and_the_creators_table_show_cpa_and_roi(tmp_path: Path) -> None:
    """With an orders export, the CPA and the ROI the JSON computes are in the key figures, and the CPA in
    the table of creators, not only in the method block."""
    report = fr_report(tmp_path)
    t = report.to_dict()["totals"]
    assert t["cpa"] is not None and t["roi"] is not None
    md = plain(report.markdown())
    from influkit.campaign import report_text as RT

    assert f"**CPA** : {plain(RT.money(t['cpa'], 'EUR', 'fr'))}" in md and f"**ROI** : {plain(RT.pct(t['roi'], 'fr', 0))}" in md
    creators = [line for line in md.splitlines() if line.startswith("| Créateur")]
    assert creators and "CPA" in creators[0]


def test_a_story_without_its_mention_is_fixed_on_the_story_itself(tmp_path: Path) -> None:
    """A story has no caption and no "more" cut: its fix says to put the label on the story itself."""
    sheet = write(tmp_path, "stories.csv", "Créateur;Compte;Réseau;Format;Lien du post;Date de publication;Texte\n"
                  "Léa;lea.v;Instagram;Story;https://www.instagram.com/stories/lea.v/3300000000000000001/;"
                  "2026-06-01;Mon look du jour\n")
    data = influkit.report(sheet, offline=True, store=None).to_dict()
    fixes = [it["text"] for it in data["blocks"]["recommendations"] if it.get("rule") == "R-DISCLOSURE"]
    assert fixes and "sur la story elle-même (texte incrusté)" in fixes[0] and "coupure" not in fixes[0]


def test_the_conclusion_says_a_budget_is_exceeded_and_posts_not_compliant(tmp_path: Path) -> None:
    """A ceiling is kept or exceeded, the law complied with or not: never "not reached"."""
    report = fr_report(tmp_path, budget="3 000 €")
    report.write(str(tmp_path / "b.xlsx"))
    book = openpyxl.load_workbook(tmp_path / "b.xlsx")
    rows = [[c.value for c in r] for ws in book if "onclusion" in ws.title for r in ws.iter_rows()]
    statuses = {r[0]: r[2] for r in rows if r and r[0] in ("C-BUDGET", "C-COMPLIANCE")}
    assert statuses == {"C-BUDGET": "dépassé", "C-COMPLIANCE": "non conforme"}


def test_a_budget_move_rests_on_two_creators_on_each_side(tmp_path: Path) -> None:
    """Moving budget from TikTok to Instagram because TikTok's CPE is 3x is advice on two networks only when
    each side has at least budget_shift_min_creators creators; one creator's CPE is that creator's."""
    head = "Créateur;Compte;Réseau;Lien du post;Légende;Vues;J'aime;Commentaires;Coût\n"

    def row(name: str, network: str, link: str, cost: int) -> str:
        return f"{name};{name.lower()};{network};{link};Publicité | test;20000;1000;0;{cost}\n"

    posts = [row("Ana", "Instagram", "https://www.instagram.com/p/C4aaaaaaaa1/", 100),
             row("Bea", "Instagram", "https://www.instagram.com/p/C4aaaaaaaa2/", 100),
             row("Cyd", "TikTok", "https://www.tiktok.com/@cyd/video/7301000000000000001", 300),
             row("Dan", "TikTok", "https://www.tiktok.com/@dan/video/7301000000000000002", 300)]

    def moves(lines: list[str]) -> list[str]:
        data = influkit.report(write(tmp_path, "b.csv", head + "".join(lines)), offline=True, store=None).to_dict()
        return [it["subject"] for it in data["blocks"]["recommendations"] if it["rule"] == "R-BUDGET"]

    # (each network has one format here: the format move would be the network move again)
    assert moves(posts) == ["tiktok -> instagram"]
    assert moves([posts[0], posts[2], posts[3]]) == []  # one creator on Instagram: no move
    reels = [row("Eve", "Instagram", "https://www.instagram.com/reel/C4aaaaaaaa3/", 50),
             row("Fay", "Instagram", "https://www.instagram.com/reel/C4aaaaaaaa4/", 50)]
    assert moves(posts + reels) == ["tiktok -> instagram", "tiktok video -> instagram reel"]


def test_a_format_is_compared_on_its_own_network(tmp_path: Path) -> None:
    """A TikTok video and a YouTube video are two formats: the report's formats are per network, named
    with it in the client's language, and the CSV of the formats says the network."""
    head = "Créateur;Compte;Réseau;Lien du post;Légende;Vues;J'aime;Commentaires;Coût\n"
    lines = [f"{n};{n.lower()};{net};{link};Publicité | test;{views};{likes};0;200\n" for n, net, link, views, likes in (
        ("Ana", "TikTok", "https://www.tiktok.com/@ana/video/7301000000000000001", 50000, 5000),
        ("Bea", "TikTok", "https://www.tiktok.com/@bea/video/7301000000000000002", 40000, 4000),
        ("Cyd", "YouTube", "https://www.youtube.com/watch?v=aaaaaaaaaa1", 20000, 200),
        ("Dan", "YouTube", "https://www.youtube.com/watch?v=aaaaaaaaaa2", 30000, 300))]
    path = write(tmp_path, "v.csv", head + "".join(lines))
    report = influkit.report(path, offline=True, store=None, lang="fr")
    formats = report.to_dict()["blocks"]["results"]["formats"]
    assert sorted((f["format"], f["network"], f["posts"], f["views"]) for f in formats) == [
        ("video", "tiktok", 2, 90000), ("video", "youtube", 2, 50000)]
    md = report.markdown()
    assert "| Vidéo TikTok |" in md and "| Vidéo YouTube |" in md
    ranking = [a["text"] for a in report.to_dict()["blocks"]["analysis"] if a["rule"] == "A-RANK-FORMAT"]
    assert any("Vidéo TikTok" in t and "Vidéo YouTube" in t for t in ranking), ranking
    en = influkit.report(path, offline=True, store=None, lang="en").markdown()
    assert "| TikTok Video |" in en and "| YouTube Video |" in en
    columns, rows = report.rows("formats")
    assert columns[:2] == ["format", "network"] and {r["network"] for r in rows} == {"tiktok", "youtube"}


def test_the_client_pages_name_no_command_line_option(tmp_path: Path) -> None:
    """The client reads the report: where an objective came from is said in words, and no sentence (no
    recommendation, no method) sends the reader to an option, a command or the JSON."""
    report = en_report(tmp_path)
    md, page = report.markdown(), report.html()
    assert "- Views ≥ 150,000 (set for this report)" in md and "- Budget: €3,000 (set for this report)" in md
    assert '<span class="rule">set for this report</span>' in page
    report.write(str(tmp_path / "r.xlsx"))
    assert openpyxl.load_workbook(tmp_path / "r.xlsx")["Objectives"]["D4"].value == "set for this report"
    for lang_report in (report, fr_report(tmp_path)):
        for text in (plain(lang_report.markdown()), lang_report.html()):
            for jargon in ("--objectives", "--budget", "--orders", "--clicks", "influkit links", "influkit results",
                           "influkit thresholds", "totals.followers", "JSON"):
                assert jargon not in text, jargon


# --------------------------------------------------------------------------- 4. French all along


def test_a_french_report_says_its_sources_and_warnings_in_french(tmp_path: Path) -> None:
    report = fr_report(tmp_path)
    md = plain(report.markdown())
    for line in ("- **Lien de la publication** : « Lien du post » (contenu : 3/3 liens de publication)",
                 "- **Coût** : « Coût » (en-tête)", "- **Date de publication** : « Date de publication » (en-tête)",
                 "- **Lignes laissées de côté** : ligne 5 (total) — pas des publications, hors de tout chiffre",
                 "- **Relevés** : relevés des publications non conservés sans espace de travail (--no-store)",
                 "- Prix sans devise pour 2 créateurs : comptés en EUR, la devise des commandes (une colonne devise "
                 "dirait le contraire)",
                 "- 1 commande avec un code qu'aucun créateur n'a : ETE2026 (1)"):
        assert line in md, line
    report.write(str(tmp_path / "b.html"))
    report.write(str(tmp_path / "b.xlsx"))
    for text in (md, (tmp_path / "b.html").read_text(encoding="utf-8"), sheet_text(tmp_path / "b.xlsx")):
        for english in ("(header)", "contents:", "post links", "orders used codes", "prices without",
                        "not kept without", "sheet column", "**link**", "**cost**"):
            assert english not in text, english
    assert "Prix sans devise pour 2 créateurs" in plain(sheet_text(tmp_path / "b.xlsx"))
    # the JSON keeps the machine's words
    assert report.to_dict()["warnings"][-1] == "1 order used codes no creator has: ETE2026 (1)"
    assert report.to_dict()["sources"]["columns"]["cost"] == "'Coût' (header)"


def test_orders_with_the_code_of_a_listed_creator_without_a_post_name_that_creator(tmp_path: Path) -> None:
    listing = write(tmp_path, "liste.csv", "Créateur;Compte;Réseau;Code promo\nMargaux;margaux.tisse;Instagram;"
                    "MARGAUX10\nLéa;lea.vernoux;Instagram;LÉA10\n")
    posts = write(tmp_path, "posts.csv", "Compte;Réseau;Lien du post;Légende;Vues\nmargaux.tisse;Instagram;"
                  "https://www.instagram.com/reel/C2aaaaaaaaa/;Publicité | Mon rituel;52000\n")
    orders = write(tmp_path, "orders.csv", ORDERS + "#6,paid,EUR,40.00,LEA10,2026-06-07 10:00:00 +0200\n"
                   "#7,paid,EUR,41.00,lea10,2026-06-07 11:00:00 +0200\n")
    report = influkit.report(listing, posts=posts, orders=orders, offline=True, store=None)
    data = report.to_dict()
    assert [w for w in data["warnings"] if "codes" in w] == [
        "2 orders used the codes of creators in the list with no post in this report (not counted): LEA10 (Léa, 2)",
        "3 orders used codes no creator has: ETE2026 (1), SACHA10 (1), THEO10 (1)"]  # each code said once
    assert data["sources"]["orders"]["codes_without_post"] == {"LEA10": "Léa"}
    # (the codes nobody has, apart, as docs/report.md says: found by a new-user helper, LEA10 was in both)
    assert data["sources"]["orders"]["unmatched_codes"] == {"ETE2026": 1, "SACHA10": 1, "THEO10": 1}
    md = plain(report.markdown())
    assert ("2 commandes avec le code d'un créateur de la liste sans publication dans ce bilan (non comptées) : "
            "LEA10 (Léa, 2)") in md
    assert "no post in this report" not in md
    alone = influkit.report(posts, orders=orders, offline=True, store=None).to_dict()  # no list: nobody to name
    assert alone["warnings"][-1] == ("7 orders used codes no creator has: ETE2026 (1), LEA10 (2), MARGAUX10 (2), "
                                     "SACHA10 (1), THEO10 (1)")  # (the posts file gives no code)
    assert alone["sources"]["orders"]["codes_without_post"] == {}


def test_a_post_takes_followers_and_price_only_from_its_own_networks_account(tmp_path: Path) -> None:
    """Léa's YouTube post is matched by name to her Instagram row: it takes her name and promo code, not
    her Instagram followers nor her Instagram price (an ER by followers of 25 % and a wrong cost)."""
    listing = write(tmp_path, "liste.csv", "Nom,Réseau,Profil,Abonnés,Statut,Prix,Code promo\n"
                    "Léa Vernoux,Instagram,@lea.vernoux,12 500,Signé,1 200 €,LEA10\n"
                    "Zoé Green,Instagram,@zoe_green,1 200 000,Signé,400 €,ZOE10\n")
    posts = write(tmp_path, "posts.csv", "Créateur,Réseau,Lien du post,Légende,Vues,J'aime,Commentaires\n"
                  "Léa Vernoux,YouTube,https://www.youtube.com/watch?v=abcdefghijk,Publicité Maison,45000,3000,150\n"
                  "Zoé Green,Instagram,https://www.instagram.com/p/C4abcdEFgh1/,Publicité,80000,22000,350\n")
    orders = write(tmp_path, "orders.csv", "Name,Financial Status,Currency,Total,Discount Code,Created at\n"
                   "#1,paid,EUR,50.00,ZOE10,2026-03-10\n#2,paid,EUR,70.00,LEA10,2026-03-10\n")
    report = influkit.report(listing, posts=posts, orders=orders, offline=True, store=None)
    data = report.to_dict()
    creators = {c["creator"]: c for c in data["blocks"]["results"]["creators"]}
    assert (creators["Léa Vernoux"]["followers"], creators["Léa Vernoux"]["cost"]) == (None, None)
    assert (creators["Zoé Green"]["followers"], creators["Zoé Green"]["cost"]) == (1_200_000, 400.0)
    assert creators["Léa Vernoux"]["orders"] == 1  # her promo code is hers on every network
    assert ("Léa Vernoux: the list has their instagram account, not their youtube one: the followers and the price "
            "of that post are not taken from it") in data["warnings"]
    assert any(w.startswith("no price on the sheet for Léa Vernoux (paid stage)") for w in data["warnings"])
    assert not any("without a currency" in w for w in data["warnings"])  # a € price has its currency
    assert ("Léa Vernoux : la liste a son compte Instagram, pas son compte YouTube : les abonnés et le prix de "
            "cette publication n'en sont pas tirés") in plain(report.markdown())


def test_a_price_range_in_the_list_costs_its_middle_in_the_report(tmp_path: Path) -> None:
    listing = write(tmp_path, "liste.csv", "Nom,Réseau,Profil,Abonnés,Statut,Prix\n"
                    "Zoé Green,Instagram,@zoe_green,1 200 000,Signé,300-500 €\n")
    posts = write(tmp_path, "posts.csv", "Créateur,Réseau,Lien du post,Légende,Vues\n"
                  "Zoé Green,Instagram,https://www.instagram.com/p/C4abcdEFgh1/,Publicité,80000\n")
    report = influkit.report(listing, posts=posts, offline=True, store=None)
    data = report.to_dict()
    assert data["blocks"]["results"]["creators"][0]["cost"] == 400.0  # as score and enrich count it
    assert "Zoé Green: the list's price is a range (300-500): its middle, 400, is the cost" in data["warnings"]
    assert "Zoé Green : le prix de la liste est une fourchette (300-500) : son milieu, 400, est le coût" in plain(
        report.markdown())


def test_a_french_report_says_the_missing_api_keys_in_french(tmp_path: Path) -> None:
    report = influkit.report(write(tmp_path, "bilan.csv", FR_SHEET), store=None)
    assert report.to_dict()["sources"]["live"]["missing_keys"]["youtube"] == {"key": "YOUTUBE_API_KEY", "posts": 1}
    md = plain(report.markdown())
    assert "- **API** : YouTube : YOUTUBE_API_KEY non renseigné, chiffres de la feuille pour 1 publication" in md
    assert "- **API** : Instagram : INSTAGRAM_ACCESS_TOKEN non renseigné, chiffres de la feuille pour 1 publication" in md
    assert "not set" not in md


@pytest.mark.parametrize(("warning", "fr", "en"), [
    ("3 orders used codes no creator has: ETE (2), X (1)", "3 commandes avec un code qu'aucun créateur n'a : ETE "
     "(2), X (1)", "3 orders with a code no creator has: ETE (2), X (1)"),
    ("1 order used the codes of creators in the list with no post in this report (not counted): LEA10 (Léa, 1)",
     "1 commande avec le code d'un créateur de la liste sans publication dans ce bilan (non comptée) : LEA10 (Léa, "
     "1)", "1 order used the codes of creators in the list with no post in this report (not counted): LEA10 (Léa, "
     "1)"),
    ("prices without a currency on 1 creators taken as EUR, the orders' currency (add a currency column to say "
     "otherwise)", "prix sans devise pour 1 créateur : comptés en EUR, la devise des commandes (une colonne devise "
     "dirait le contraire)", "prices without a currency for 1 creator taken as EUR, the orders' currency (add a "
     "currency column to say otherwise)"),
    ("promo code LEA10 is on rows of Léa, Lea V.: counted as one person", "le code promo LEA10 figure sur les "
     "lignes de Léa, Lea V. : comptés comme une seule personne",
     "promo code LEA10 is on rows of Léa, Lea V.: counted as one person"),
    ("Léa: price 300 on several sheet rows counted once", "Léa : prix de 300 sur plusieurs lignes de la feuille, "
     "compté une fois", "Léa: price 300 on several sheet rows counted once"),
    ("Léa: amounts in EUR, USD: no sum across currencies (the amounts that mix them left empty)",
     "Léa : montants en EUR, USD, jamais additionnés d'une devise à l'autre (les montants qui "
     "les mêleraient laissés vides)",
     "Léa: amounts in EUR, USD: no sum across currencies (the amounts that mix them left empty)"),
    ("no price on the sheet for Chloé (paid stage): cost unknown, not 0; CPA, ROI and ROAS left empty for them and "
     "in the totals", "pas de prix dans la feuille pour Chloé (contrat signé ou publié) : coût inconnu, pas 0 ; CPA, "
     "ROI et ROAS laissés vides pour eux et dans les totaux", "no price on the sheet for Chloé (paid stage): cost "
     "unknown, not 0; CPA, ROI and ROAS left empty for them and in the totals"),
    ("1 rows with a negative total (refund lines) left out: refunds count through their order's status or refunded "
     "amount", "1 ligne de total négatif (lignes de remboursement) laissée de côté : un remboursement compte par le "
     "statut ou le montant remboursé de sa commande", "1 row with a negative total (refund lines) left out: refunds "
     "count through their order's status or refunded amount"),
    ("amounts in several currencies (EUR, USD) are never added: money totals and ratios left empty",
     "montants en plusieurs devises (EUR, USD) jamais additionnés : totaux et ratios en argent laissés vides",
     "amounts in several currencies (EUR, USD) are never added: money totals and ratios left empty"),
    ("orders in CHF, EUR (costs in EUR): revenue, ROAS and ROI left empty, but a creator's whose orders are all in "
     "the costs' currency; the costs, CPA and the cost ratios stand", "commandes en CHF, EUR (coûts en EUR) : chiffre "
     "d'affaires, ROAS et ROI laissés vides, sauf pour un créateur dont toutes les commandes sont dans la devise des "
     "coûts ; les coûts, le CPA et les ratios de coût restent", "orders in CHF, EUR (costs in EUR): revenue, ROAS and "
     "ROI left empty, but a creator's whose orders are all in the costs' currency; the costs, CPA and the cost ratios "
     "stand"),
    ("something new", "something new", "something new"),
], ids=["unmatched_codes", "codes_without_post", "untagged_prices", "shared_code", "price_twice", "mixed_amounts", "no_price",
        "refund_lines", "several_currencies", "orders_currencies", "unknown"])
def test_every_known_warning_is_said_in_the_reports_language(warning: str, fr: str, en: str) -> None:
    assert T.warning(warning, "fr") == fr and T.warning(warning, "en") == en


# ------------------------------------------------------------------------------------- 5. money


def test_one_money_rule_half_up_cents_unless_whole() -> None:
    cases = [(564.5, "564,50 €", "€564.50"), (95.5, "95,50 €", "€95.50"), (1800.0, "1 800 €", "€1,800"),
             (0.125, "0,13 €", "€0.13"), (2.675, "2,68 €", "€2.68"), (0.3396, "0,34 €", "€0.34"),
             (0.0094, "0,009 €", "€0.009"), (1225.5999999, "1 225,60 €", "€1,225.60"), (99.999, "100 €", "€100"),
             (0.0, "0 €", "€0")]
    for value, fr, en in cases:
        assert (plain(T.money(value, "EUR", "fr")), T.money(value, "EUR", "en")) == (fr, en), value


def test_revenue_and_per_creator_amounts_follow_the_same_rule(tmp_path: Path) -> None:
    md = plain(fr_report(tmp_path).markdown())
    assert "- **Chiffre d'affaires** : 339,50 €" in md
    assert "| Théo | YouTube | 1 | 41 000 | 2 610 | 6,37 % | 2,04 % | 3 000 € | 1,15 € | 73,17 € | — | 1 | 95,50 € |" in md
    assert "| Margaux | Instagram | 1 | 52 000 | 3 240 | 6,23 % | 3,84 % | 1 800 € | 0,56 € | 34,62 € | — | 2 | 180 € |" in md


# ------------------------------------------------------------------------------------ 6. estimates


def test_estimates_are_shown_apart_and_marked(tmp_path: Path) -> None:
    report = en_report(tmp_path)
    d = report.to_dict()
    assert (d["totals"]["reach_estimated"], d["totals"]["reach_estimated_posts"]) == (30_000, 1)
    assert d["totals"]["views_estimated"] is None and d["totals"]["reach"] is None  # never in a measured total
    md = report.markdown()
    assert "- **Reach (estimate)** \\*: 30k (1/3 posts)" in md
    assert "| Disclosure | Estimates * |" in md and "| to check (FR-03) | Reach (estimate) 30,000 |" in md
    (estimates,) = [it for it in d["blocks"]["analysis"] if it["kind"] == "estimates"]
    assert estimates["text"] == ("Estimated figures (columns marked 'estimated'), shown apart and in no measured "
                                 "total: reach 30,000 over 1 post.")
    assert estimates["count"] == 1 and estimates["numbers"] == {"reach": 30_000}
    page = report.html()
    assert ('<div class="kpi estimated"><div class="label">Reach (estimate)</div><div class="value">30k</div>'
            '<div class="note">1/3 posts</div></div>') in page
    report.write(str(tmp_path / "r.xlsx"))
    posts = openpyxl.load_workbook(tmp_path / "r.xlsx")["By post"]
    header = [c.value for c in posts[1]]
    column = header.index("Reach (estimate) *") + 1
    assert [posts.cell(r, column).value for r in (2, 3, 4)] == [30000, None, None]


# ---------------------------------------------------------------- 7. the default campaign's name


def test_the_workspaces_own_campaign_name_is_never_shown(tmp_path: Path) -> None:
    db = str(tmp_path / "ws.db")
    influkit.enrich(write(tmp_path, "list.csv", "Nom,Réseau,Pseudo,Abonnés,Tarif\nLéa,Instagram,lea.cuisine,12000,"
                                                "300 €\n"), offline=True, store=db)
    influkit.campaign_edit("default", budget="500 €", objectives=["views=10k"], store=db)
    influkit.set_stage("lea.cuisine", stage="published", post="https://www.instagram.com/p/C2aaaaaaaaa/", store=db)
    french = influkit.report(store=db, offline=True, lang="fr")
    assert french.to_dict()["title"] == "Bilan de campagne"
    md = plain(french.markdown())
    assert "- Vues ≥ 10 000 (campagne de l'espace de travail)" in md
    assert ("- **Source** : campagne de l'espace de travail (publications enregistrées avec `influkit set --post`)"
            in md)
    french.write(str(tmp_path / "b.xlsx"))
    for text in (md, french.html(), sheet_text(tmp_path / "b.xlsx")):
        assert "default" not in text
    brand = write(tmp_path, "brand.toml", 'name = "Maison Ocre"\n')
    assert influkit.report(store=db, offline=True, lang="en", brand=brand).to_dict()["title"] == (
        "Campaign report — Maison Ocre")


# --------------------------------------------------------------------------- 8. no views at all


def test_a_report_without_any_views_says_so(tmp_path: Path) -> None:
    path = write(tmp_path, "ig.csv", "Creator,Post link,Caption,Followers,Likes,Comments\n"
                 "Jess,https://www.instagram.com/p/D2aaaaaaaaa/,Ad | evening routine,48000,2100,64\n"
                 "Tom,https://www.instagram.com/p/D2bbbbbbbbb/,Ad | candles,12000,600,20\n")
    for lang, expected in (("en", "No post has measured views (Instagram): no CPM, no CPV and no engagement rate by "
                                  "views; engagement is measured against followers."),
                           ("fr", "Aucune vue mesurée (Instagram) : ni CPM, ni CPV, ni taux d'engagement par vues ; "
                                  "l'engagement est rapporté aux abonnés.")):
        d = influkit.report(path, offline=True, store=None, lang=lang).to_dict()
        (views,) = [it for it in d["blocks"]["analysis"] if it.get("field") == "views"]
        assert views["text"] == expected and views["count"] == 2


# ------------------------------------------------------------------------------- 9. whole counts


def test_counts_are_integers_in_csv_and_json(tmp_path: Path) -> None:
    report = fr_report(tmp_path)
    report.write(str(tmp_path / "posts.csv"))
    first = next(csv.DictReader(io.StringIO((tmp_path / "posts.csv").read_text(encoding="utf-8"))))
    assert {k: first[k] for k in ("row", "followers", "views", "likes", "comments", "engagements")} == {
        "row": "2", "followers": "84300", "views": "52000", "likes": "3100", "comments": "140", "engagements": "3240"}
    d = json.loads(json.dumps(report.to_dict()))
    counts = ("posts", "creators", "views", "likes", "comments", "engagements", "orders", "followers")
    for row in [d["totals"], *d["blocks"]["results"]["creators"], *d["blocks"]["results"]["networks"],
                *d["blocks"]["results"]["posts"]]:
        for key in counts:
            assert row.get(key) is None or type(row[key]) is int, (key, row.get(key))
    post = d["blocks"]["results"]["posts"][0]
    assert post["measures"]["views"]["value"] == 52000 and type(post["measures"]["views"]["value"]) is int
    assert post["measures"]["followers"]["value"] == 84300 and type(post["measures"]["followers"]["value"]) is int
    target = en_report(tmp_path).to_dict()["objectives"]["targets"][0]
    assert target == {"metric": "views", "target": 150000, "direction": "at_least", "source": "--objectives"}
    assert type(target["target"]) is int


# ------------------------------------------------------------------ 10. no benchmark: say why


def test_creators_without_a_benchmark_are_named_with_why(tmp_path: Path) -> None:
    d = fr_report(tmp_path).to_dict()
    theo = next(c for c in d["blocks"]["results"]["creators"] if c["creator"] == "Théo")
    assert theo["benchmarks"] == [] and theo["benchmarks_missing"] == [{"network": "youtube", "why": "no_benchmark"}]
    missing = [it["text"] for it in d["blocks"]["analysis"] if it.get("field") == "benchmark"]
    assert missing == ["Pas de référence d'engagement publiée pour YouTube : Théo sans comparaison au marché."]
    path = write(tmp_path, "nofollowers.csv", "Creator,Post link,Caption,Views,Likes\n"
                 "Jess,https://www.instagram.com/p/D2aaaaaaaaa/,Ad | routine,1000,100\n"
                 "Tom,https://www.tiktok.com/@tom/video/1,#ad candle,2000,150\n")
    d = influkit.report(path, offline=True, store=None, lang="en").to_dict()
    missing = [it["text"] for it in d["blocks"]["analysis"] if it.get("field") == "benchmark"]
    assert missing == ["Followers unknown, no benchmark band (Instagram): Jess not compared with the market.",
                       "Followers unknown, no benchmark band (TikTok): Tom not compared with the market."]


# ------------------------------------------------------------------------------------ 11. plurals


def test_counts_and_nouns_agree_in_both_languages(tmp_path: Path) -> None:
    assert [T.count(n, "order", "fr") for n in (0, 1, 2)] == ["0 commande", "1 commande", "2 commandes"]
    assert [T.count(n, "order", "en") for n in (0, 1, 2)] == ["0 orders", "1 order", "2 orders"]
    assert (T.count(1, "click", "fr"), T.count(3, "click", "en")) == ("1 clic", "3 clicks")
    channels = [plain(it["text"]) for it in fr_report(tmp_path).to_dict()["blocks"]["analysis"]
                if it["rule"] == "A-CHANNELS"]
    assert channels[:3] == [
        "Instagram : 2 commandes pour 180 € de chiffre d'affaires (50 % des commandes suivies).",
        "YouTube : 1 commande pour 95,50 € de chiffre d'affaires (25 % des commandes suivies).",
        "TikTok : 1 commande pour 64 € de chiffre d'affaires (25 % des commandes suivies)."]
    english = [it["text"] for it in fr_report(tmp_path, lang="en").to_dict()["blocks"]["analysis"]
               if it["rule"] == "A-CHANNELS"]
    assert english[1] == "YouTube: 1 order for €95.50 revenue (25% of the tracked orders)."
    # (the mention on the video too: nothing left for a person to check)
    path = write(tmp_path, "one.csv", "Créateur;Lien du post;Légende;Texte à l'écran;Vues;J'aime;Clics\n"
                 "Léa;https://www.tiktok.com/@lea/video/1;Publicité : ma routine @marque;Publicité;1000;80;1\n")
    report = influkit.report(path, offline=True, store=None)
    d = report.to_dict()
    said = [plain(s) for s in texts(d)]
    assert "La publication vérifiée porte une mention conforme." in said  # A-DISCLOSURE and C-COMPLIANCE
    assert said.count("La publication vérifiée porte une mention conforme.") == 2
    assert "Sans objectif chiffré, le bilan s'en tient aux résultats : 1 000 vues mesurées et 80 engagements." in said
    assert [plain(it["text"]) for it in d["blocks"]["analysis"] if it["rule"] == "A-CHANNELS"] == ["TikTok : 1 clic."]
    assert "Abonnés inconnus pour 1 publication : taux d'engagement par abonnés non calculé." in said
    assert "- **Publications** : 1 (1 créateur)" in plain(report.markdown())


def test_a_french_workbook_names_its_objectives_and_rates_in_french(tmp_path: Path) -> None:
    """The xlsx report's "Face aux objectifs" table (and so its chart) says vues, engagements, commandes,
    not the codes; its tables' rate headers are French; the HTML shows a command as code, no backticks."""
    import openpyxl

    report = fr_report(tmp_path, objectives="views=150k,engagements=9000,orders=3,cpe=0.3")
    out = tmp_path / "r.xlsx"
    report.write(str(out))
    cells = [str(c) for ws in openpyxl.load_workbook(out) for row in ws.iter_rows(values_only=True) for c in row
             if c is not None]
    assert "Vues" in cells and "Commandes" in cells and "views" not in cells and "orders" not in cells
    assert "Tx eng. vues" in cells and "ER vues" not in cells
    html_text = report.html()
    assert "`" not in html_text.split("<body", 1)[1]


def test_orders_in_several_currencies_keep_the_costs_figures(tmp_path: Path) -> None:
    """Costs in EUR, orders in EUR and CHF: the cost, CPE and CPM stand; the revenue, ROAS and ROI of the
    campaign are left empty (never a sum of two currencies), a creator whose orders are all in EUR keeps
    hers, and a warning says why, in the report's language."""
    orders = ORDERS.replace("#3,paid,EUR,95.50,THEO10", "#3,paid,CHF,95.50,THEO10")
    data = influkit.report(write(tmp_path, "bilan.csv", FR_SHEET), orders=write(tmp_path, "o.csv", orders),
                           budget="6 000 €", offline=True, store=None).to_dict()
    t = data["totals"]
    assert t["currency"] == "EUR" and t["cost"] == 4800.0 and t["cpe"] is not None and t["cpm"] is not None
    assert t["revenue"] is None and t["roas"] is None and t["roi"] is None and t["orders"] == 4
    creators = {c["creator"]: c for c in data["blocks"]["results"]["creators"]}
    assert creators["Margaux"]["revenue"] == 180.0 and creators["Théo"]["revenue"] is None
    assert any(T.warning(w, "fr").startswith("commandes en CHF, EUR (coûts en EUR)") for w in data["warnings"])


def test_a_late_fix_moves_the_label_not_the_gift_word_beside_it(tmp_path: Path) -> None:
    """"#pub" buried after 30 hashtags with "#cadeau" among them: the fix says to move up "#pub", the
    label; "#cadeau" (a gift word, insufficient) is not a label to promote."""
    tags = " ".join(f"#tag{k}" for k in range(30))
    head = "Créateur;Compte;Réseau;Lien du post;Légende;Vues;J'aime;Commentaires;Coût\n"
    line = (f"Sarah;sarah.m;Instagram;https://www.instagram.com/p/C4aaaaaaaa9/;Ma routine du soir ✨ merci "
            f"@marque {tags} #cadeau #pub;20000;1000;0;300\n")
    data = influkit.report(write(tmp_path, "late.csv", head + line), offline=True, store=None, lang="fr").to_dict()
    (fix,) = [r["text"] for r in data["blocks"]["recommendations"] if r["rule"] == "R-DISCLOSURE"]
    assert "« #pub »" in fix and "#cadeau" not in fix, fix


def test_a_story_or_a_shares_only_post_is_not_held_against_a_likes_benchmark(tmp_path: Path) -> None:
    """A story with only its shares measured has a tiny rate by followers: the benchmark (feed posts'
    likes and comments) does not apply, so no "far below" verdict; it is named as not compared; a gifted
    format (CPE 0) is no cheapest format."""
    head = "Créateur;Compte;Réseau;Lien du post;Format;Légende;Vues;J'aime;Commentaires;Partages;Abonnés;Coût\n"
    lines = ("Zoé;zoe.m;Instagram;https://www.instagram.com/stories/zoe.m/3300000000000000001/;story;Publicité;;;;15;"
             "40000;0\n"
             "Ana;ana.b;Instagram;https://www.instagram.com/p/C4aaaaaaaa1/;post;Publicité;;1500;80;;40000;500\n"
             "Bea;bea.c;Instagram;https://www.instagram.com/p/C4aaaaaaaa2/;post;Publicité;;900;40;;30000;400\n")
    data = influkit.report(write(tmp_path, "s.csv", head + lines), offline=True, store=None, lang="fr").to_dict()
    texts = [a["text"] for a in data["blocks"]["analysis"]]
    assert not any("Zoé" in t and "référence" in t and "dessous" in t for t in texts), texts
    missing = [a for a in data["blocks"]["analysis"] if a["rule"] == "A-MISSING" and a.get("why") == "no_likes"]
    assert missing and missing[0]["subjects"] == ["Zoé"]
    assert not any("Story" in t and "moins cher" in t for t in texts)


def test_one_order_in_another_currency_does_not_move_the_roas_reference(tmp_path: Path) -> None:
    """The campaign's ROAS is left empty when orders come in two currencies; the creators' reference is
    then the ROAS of the creators whose sales and cost share a currency, not break-even."""
    head = "Créateur;Compte;Réseau;Lien du post;Légende;Vues;J'aime;Commentaires;Coût;Code promo\n"
    lines = "".join(f"{n};{n.lower()};Instagram;https://www.instagram.com/p/C4aaaaaaaa{k}/;Publicité;10000;500;20;"
                    f"1000 €;{n.upper()}10\n" for k, n in enumerate(["Ana", "Bea", "Cyd"]))
    orders = ("Name,Financial Status,Currency,Total,Discount Code,Created at\n"
              "#1,paid,EUR,300.00,ANA10,2026-03-02 10:00:00 +0100\n#2,paid,EUR,200.00,BEA10,2026-03-02 10:00:00 +0100\n"
              "#3,paid,USD,50.00,CYD10,2026-03-02 10:00:00 +0100\n")
    data = influkit.report(write(tmp_path, "p.csv", head + lines), orders=write(tmp_path, "o.csv", orders),
                           offline=True, store=None, objectives="orders=10").to_dict()
    assert data["totals"]["roas"] is None
    refs = {r["numbers"].get("reference_roas") for r in data["blocks"]["recommendations"]
            if r["numbers"].get("reference_roas") is not None}
    assert refs == {0.25}  # the median of 0.3 and 0.2, the two creators paid and selling in euros


def test_the_clicks_advice_knows_the_tracked_links_exist(tmp_path: Path) -> None:
    """After `influkit links`, the list gives each account its tracked link: the report asks for their
    clicks to be exported, not for tracked links to be made."""
    sheet = write(tmp_path, "list.csv", "Nom,Compte,Réseau,Abonnés,Lien suivi\n"
                  "Ana,ana.b,Instagram,40000,https://shop.example/p?utm_source=instagram&utm_content=ana.b\n")
    posts = write(tmp_path, "posts.csv", "Compte,Réseau,Lien du post,Légende,Vues,J'aime\n"
                  "ana.b,Instagram,https://www.instagram.com/p/C4aaaaaaaa1/,Publicité,1000,50\n")
    data = influkit.report(sheet, posts=posts, offline=True, store=None, lang="en").to_dict()
    (clicks,) = [r["text"] for r in data["blocks"]["recommendations"] if r["subject"] == "clicks"]
    assert clicks.startswith("Export the clicks of the tracked (UTM) links")


def test_a_deal_without_a_post_is_said_in_the_budget(tmp_path: Path) -> None:
    """Nora signed at 4,500 € and has not posted yet: the budget's conclusion says that money is to come,
    instead of counting it as left."""
    sheet = write(tmp_path, "list.csv", "Nom;Compte;Réseau;Statut;Prix\nAna;ana.b;Instagram;Publié;1000 €\n"
                  "Nora;nora.b;Instagram;Signé;4 500 €\n")
    posts = write(tmp_path, "posts.csv", "Compte;Réseau;Lien du post;Légende;Vues;J'aime\n"
                  "ana.b;Instagram;https://www.instagram.com/p/C4aaaaaaaa1/;Publicité;1000;50\n")
    data = influkit.report(sheet, posts=posts, offline=True, store=None, budget="10 000 €", lang="fr").to_dict()
    (budget,) = [c for c in data["blocks"]["conclusion"] if c["rule"] == "C-BUDGET"]
    assert "Déjà engagés sans publication à ce jour : 4\u202f500\u00a0€ (Nora)." in budget["text"]
    over = influkit.report(sheet, posts=posts, offline=True, store=None, budget="5 000 €", lang="en").to_dict()
    (budget,) = [c for c in over["blocks"]["conclusion"] if c["rule"] == "C-BUDGET"]
    assert "an expected overrun of €500" in budget["text"] and budget["status"] == "missed"
    assert data["blocks"]["results"]["budget"]["signed_without_post"] == {"creators": ["Nora"], "amount": 4500.0}


def test_a_budget_in_another_currency_leaves_the_costs_shown(tmp_path: Path) -> None:
    """A UK campaign budgeted in dollars pays its creators in pounds: each creator's cost, CPA and ROAS are
    shown in pounds; only the budget is not compared (no conversion), and the conclusion says so."""
    sheet = write(tmp_path, "list.csv", "Name;Handle;Platform;Status;Price;Promo code\n"
                  "Chloe;chloe.e;Instagram;Published;£400;CHLOE10\nElla;ella.m;Instagram;Published;£1,500;ELLA10\n")
    posts = write(tmp_path, "posts.csv", "Handle;Platform;Post link;Caption;Views;Likes\n"
                  "chloe.e;Instagram;https://www.instagram.com/p/C4aaaaaaaa1/;Ad | my routine;1000;50\n"
                  "ella.m;Instagram;https://www.instagram.com/p/C4aaaaaaaa2/;Ad | my routine;3000;90\n")
    orders = write(tmp_path, "orders.csv", "Name,Financial Status,Currency,Total,Discount Code,Created at\n"
                   "#1,paid,GBP,30.00,CHLOE10,2026-03-02 10:00:00 +0100\n")
    data = influkit.report(sheet, posts=posts, orders=orders, offline=True, store=None, budget="$12,000",
                           lang="en").to_dict()
    creators = {c["creator"]: c for c in data["blocks"]["results"]["creators"]}
    assert (creators["Chloe"]["cost"], creators["Chloe"]["revenue"], creators["Chloe"]["roas"]) == (400.0, 30.0, 0.075)
    assert data["totals"]["cost"] == 1900.0
    (budget,) = [c for c in data["blocks"]["conclusion"] if c["rule"] == "C-BUDGET"]
    assert budget["text"] == "Budget of $12,000; costs in GBP (£1,900): not compared, no conversion."


def test_what_the_checker_cannot_decide_reaches_the_client_report(tmp_path: Path) -> None:
    """A post with warnings (the mention on the video, a food message to check) is "to check" (never
    "compliant" beside a "to check") with a sentence in the analysis, in every client format, not only in the
    JSON."""
    report = fr_report(tmp_path)
    md = report.markdown()
    assert "| à vérifier (FR-05) |" in md and "conforme — à vérifier" not in md
    assert "Margaux (Instagram, 01/06/2026) : à vérifier par une personne — FR-05" in md
    assert "à vérifier par une personne" in report.html()


def test_a_group_is_not_said_to_cost_nothing_when_only_its_gifts_are_counted(tmp_path: Path) -> None:
    """Léa's 600 € pays a post and a story (two formats: her price is in neither group alone); Sarah's post
    is a gift. The posts group must not read "cost 0 €, CPE 0 €"."""
    sheet = write(tmp_path, "list.csv", "Nom;Compte;Réseau;Statut;Prix\nLéa;lea.b;Instagram;Publié;600 €\n"
                  "Sarah;sarah.c;Instagram;Publié;cadeau\n")
    posts = write(tmp_path, "posts.csv", "Compte;Réseau;Lien du post;Format;Légende;Vues;J'aime\n"
                  "lea.b;Instagram;https://www.instagram.com/p/C4aaaaaaaa1/;post;Publicité;1000;50\n"
                  "lea.b;Instagram;https://www.instagram.com/stories/lea.b/3300000000000000001/;story;Publicité;500;\n"
                  "sarah.c;Instagram;https://www.instagram.com/p/C4aaaaaaaa2/;post;Publicité;800;40\n")
    data = influkit.report(sheet, posts=posts, offline=True, store=None, lang="fr").to_dict()
    (post_group,) = [f for f in data["blocks"]["results"]["formats"] if f["format"] == "post"]
    assert post_group["cost"] is None and post_group["cpe"] is None
    assert data["totals"]["cost"] == 600.0


def test_a_paid_creators_gift_label_alone_is_not_compliant_in_the_report(tmp_path: Path) -> None:
    """The report knows the fees: Priya, paid £300, tags only '#gifted' (UK-02: a paid post is an ad); Tom, a
    pure gift (price 0), keeps the gift's warning; Ana's price is a quote (no deal), so nothing is known."""
    listing = write(tmp_path, "list.csv", "Name,Platform,Handle,Followers,Status,Fee\n"
                    "Priya Shah,Instagram,priyashahbeauty,22000,Posted,£300\n"
                    "Tom Reed,Instagram,tomreed,15000,Posted,gifted\n"
                    "Ana Lee,Instagram,analee,18000,Negotiating,£250\n")
    caption = "Obsessed with this glow #gifted by @solene.uk"
    posts = write(tmp_path, "posts.csv", "Handle,Platform,Post URL,Caption,Likes,Comments\n"
                  f"priyashahbeauty,Instagram,https://www.instagram.com/p/UkPri0002/,{caption},900,70\n"
                  f"tomreed,Instagram,https://www.instagram.com/p/UkTom0002/,{caption},500,40\n"
                  f"analee,Instagram,https://www.instagram.com/p/UkAna0002/,{caption},600,30\n")
    for rules, rule in (("uk", "UK-02"), ("us", "US-02")):
        report = influkit.report(listing, posts=posts, rules=rules, offline=True, store=None)
        rows = {p["creator"]: p for p in report.to_dict()["blocks"]["results"]["posts"]}
        assert (rows["Priya Shah"]["disclosure"], rows["Priya Shah"]["compliance"]) == ("insufficient", rule)
        assert "but the creator was paid for this post" in rows["Priya Shah"]["compliance_reasons"][0]
        for other in ("Tom Reed", "Ana Lee"):
            assert (rows[other]["disclosure"], rows[other]["compliance"], rows[other]["to_check"]) == ("ok", None, rule)
        md = report.markdown()
        assert "compliant — to check" not in md.split("Priya Shah]")[1].split("\n")[0]
        assert "- Renew Priya Shah: " not in md  # (renewed only on condition that the disclosure is fixed)


def test_several_labels_that_are_not_enough_take_a_plural_verb(tmp_path: Path) -> None:
    posts = write(tmp_path, "posts.csv", "Créateur,Réseau,Lien du post,Légende,Vues\n"
                  "Léa,Instagram,https://www.instagram.com/p/C4abcdEFgh1/,Ma routine #produitoffert #gifted,8000\n"
                  "Zoé,Instagram,https://www.instagram.com/p/C4abcdEFgh2/,Ma routine #collab,8000\n")
    fixes = {r["subject"]: r["text"] for r in influkit.report(posts, offline=True, store=None, lang="fr").to_dict()
             ["blocks"]["recommendations"] if r["action"] == "disclosure"}
    assert fixes["Léa"].endswith("; « #produitoffert », « #gifted » ne suffisent pas.".replace(";", " ;"))
    assert fixes["Zoé"].endswith(" ; « #collab » ne suffit pas.")
    fixes = {r["subject"]: r["text"] for r in influkit.report(posts, offline=True, store=None, lang="en").to_dict()
             ["blocks"]["recommendations"] if r["action"] == "disclosure"}
    assert fixes["Léa"].endswith('; "#produitoffert", "#gifted" are not enough.')
    assert fixes["Zoé"].endswith('; "#collab" is not enough.')


def test_a_workspace_reports_method_names_no_internal_column(tmp_path: Path) -> None:
    """The recorded posts' columns are influkit's own ("post url", "platform"...): the method says where
    each field comes from in the report's language, not those names."""
    db = str(tmp_path / "ws.db")
    influkit.enrich(write(tmp_path, "list.csv", "Nom,Réseau,Pseudo,Abonnés,Tarif\nLéa,Instagram,lea.cuisine,12000,"
                                                "300 €\n"), offline=True, store=db)
    influkit.set_stage("lea.cuisine", stage="published", post="https://www.instagram.com/p/C2aaaaaaaaa/", store=db)
    md = plain(influkit.report(store=db, offline=True, lang="fr").markdown())
    method = md.split("## Méthode et sources")[1]
    for internal in ("post url", "platform", "« handle »", "« creator »"):
        assert internal not in method
    assert "- **Lien de la publication** : enregistré dans l'espace de travail (`influkit set --post`)" in method
    assert "- **Réseau** : enregistré dans l'espace de travail (`influkit set --post`)" in method
