"""The after-the-deal part read by a new user (links, results, report): prices compared on the same
posts, key figures that name the creators they are over, one cost of a creator in a campaign, tracked
links read back, no click, UTM or order row dropped without a word, codes the campaign's links gave."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from influkit.campaign import report_text as T
from influkit.cli.app import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-20")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output + str(result.exception)
    return result


def report_json(tmp_path: Path, *args: str) -> dict[str, Any]:
    out = tmp_path / "report.json"
    run("report", *args, "--offline", "-o", str(out))
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


# ------------------------------------------------------------------- 1. a fair price on the paid posts

TIKTOK = """Creator,Username,Video link,Caption,Post date,Followers,Views,Likes,Comments,Shares,Saves,Cost
Ben Fit,benfit,https://www.tiktok.com/@benfit/video/7345678901234500001,My routine #ad @brand,2026-03-02,50000,90000,10000,547,400,300,$900
Ben Fit,benfit,https://www.tiktok.com/@benfit/video/7345678901234500002,Gifted by @brand #ad,2026-03-09,50000,30000,2000,123,100,100,
Ana Moves,anamoves,https://www.tiktok.com/@anamoves/video/7345678901234500003,Workout @brand #ad,2026-03-03,80000,140000,12000,800,600,600,"$1,092"
Carl Runs,carlruns,https://www.tiktok.com/@carlruns/video/7345678901234500004,Run day @brand #ad,2026-03-04,30000,60000,6000,200,150,150,$455
Dee Yoga,deeyoga,https://www.tiktok.com/@deeyoga/video/7345678901234500005,Yoga @brand #ad,2026-03-05,40000,70000,6000,300,200,200,$603
"""


def test_a_fair_price_is_computed_on_the_posts_the_cost_paid_for(tmp_path: Path) -> None:
    # Ben's $900 paid the first video (11 247 engagements); the gifted second one (2 323) has no cost
    data = report_json(tmp_path, write(tmp_path, "tiktok_export.csv", TIKTOK), "--no-store", "--lang", "en")
    recs = {r["subject"]: r for r in data["blocks"]["recommendations"] if r["rule"] == "R-NEGOTIATE"}
    ben = recs["Ben Fit"]
    assert "11,247 engagements" in ben["text"] and "13,570" not in ben["text"]
    assert ben["numbers"]["fair_price"] < 900
    assert ben["numbers"]["engagements"] == 11_247 and ben["numbers"]["paid"] == 900
    for r in recs.values():  # never a renegotiation up
        assert r["numbers"]["fair_price"] < r["numbers"]["paid"]


# ------------------------------------------------------- 2. key figures name the creators they are over

SHEET = """Créateur;Compte;Réseau;Lien publication;Légende;Date de publication;Abonnés;Vues;J'aime;Commentaires;Coût;Code promo
Léa Vernoux;lea.vernoux;Instagram;https://www.instagram.com/reel/DA1LeaPost1/;Publicité avec @marque;02/03/2026;48 000;50 000;2 000;80;1 200 €;LEA10
Léa Vernoux;lea.vernoux;Instagram;https://www.instagram.com/reel/DA2LeaPost2/;Publicité avec @marque;09/03/2026;48 000;40 000;1 500;60;;LEA10
Tom Cuisine;tom.cuisine;TikTok;https://www.tiktok.com/@tom.cuisine/video/7345678901234567890;Publicité avec @marque;03/03/2026;120 000;210 000;9 800;240;2 000 €;TOM10
Nora Web;nora.web;TikTok;https://www.tiktok.com/@nora.web/video/7345678901234567892;Publicité avec @marque;05/03/2026;20 000;15 000;700;30;;NORA10
"""
ORDERS = """Name,Financial Status,Currency,Total,Discount Code,Created at,Cancelled at
#1,paid,EUR,50.00,LEA10,2026-03-03 10:00:00 +0100,
#2,paid,EUR,60.00,LEA10,2026-03-04 10:00:00 +0100,
#3,paid,EUR,40.00,TOM10,2026-03-04 10:00:00 +0100,
#4,paid,EUR,40.00,TOM10,2026-03-05 10:00:00 +0100,
#5,paid,EUR,40.00,NORA10,2026-03-05 11:00:00 +0100,
"""


def test_each_key_figure_names_the_creators_it_is_over(tmp_path: Path) -> None:
    # three creators tracked by their codes; Nora's cost is unknown: CPA, ROAS and ROI are over Léa and Tom
    sheet, orders = write(tmp_path, "bilan.csv", SHEET), write(tmp_path, "orders.csv", ORDERS)
    data = report_json(tmp_path, sheet, "--orders", orders, "--no-store")
    t = data["totals"]
    assert (t["tracked_creators"], t["sales_creators"]) == (3, 2)
    assert t["cpa"] == round((1200 + 2000) / 4, 2)
    for lang, two, three in (("fr", "(2 créateurs)", "(3 créateurs)"), ("en", "(2 creators)", "(3 creators)")):
        out = tmp_path / f"r.{lang}.md"
        run("report", sheet, "--orders", orders, "--no-store", "--offline", "--lang", lang, "-o", str(out))
        lines: dict[str, str] = {}
        for line in out.read_text(encoding="utf-8").splitlines():
            if line.startswith("- **"):  # the key figures (the methods' lines come after)
                lines.setdefault(line.split("**")[1], line)
        assert lines["CPA"].endswith(two) and lines["ROAS"].endswith(two) and lines["ROI"].endswith(two)
        orders_label = "Commandes" if lang == "fr" else "Orders"
        assert lines[orders_label].endswith(three)


def test_a_fee_written_on_one_of_a_creators_posts_is_their_fee_for_their_sales(tmp_path: Path) -> None:
    # Léa: 1 200 € on her first post, nothing on the second, 2 orders (110 €) with her code
    data = report_json(tmp_path, write(tmp_path, "bilan.csv", SHEET), "--orders",
                       write(tmp_path, "orders.csv", ORDERS), "--no-store")
    lea = next(c for c in data["blocks"]["results"]["creators"] if c["creator"] == "Léa Vernoux")
    assert lea["cost"] == 1200 and lea["orders"] == 2
    assert lea["cpa"] == 600 and lea["roas"] == round(110 / 1200, 4)
    assert lea["cpe"] == round(1200 / 2080, 4)  # the per-post ratio stays on the costed post


# ------------------------------------------- 3. one cost of a creator in a campaign, report and results

PROSPECTS = """Créateur,Instagram,Abonnés,Étape,Prix,Code promo
Léa Vernoux,@lea.vernoux,48000,publié,1 200 €,LEA10
Tom Cuisine,@tom.cuisine,120000,deal,2 000 €,TOM10
Jade Mode,@jade.mode,30000,publié,1 500 €,
Sarah Beauté,@sarahk.beauty,25000,en négo,800 €,SARAH10
"""
CAMPAIGN_ORDERS = """Name,Financial Status,Currency,Total,Discount Code,Created at,Cancelled at
#1,paid,EUR,50.00,LEA10,2026-03-03 10:00:00 +0100,
#2,paid,EUR,60.00,TOM10,2026-03-04 10:00:00 +0100,
#3,paid,EUR,40.00,SARAH10,2026-03-04 10:00:00 +0100,
#4,paid,EUR,40.00,JADEMODE10,2026-03-05 10:00:00 +0100,
#5,paid,EUR,40.00,BIENVENUE10,2026-03-05 10:00:00 +0100,
"""
POSTS = {"lea.vernoux": "DA1LeaPost1", "tom.cuisine": "DA5TomPost1", "jade.mode": "DA3JadePost",
         "sarahk.beauty": "DA4SarahPst"}


def eclat(tmp_path: Path) -> str:
    """A workspace campaign 'eclat26': its list made by `influkit links` (Jade's code JADEMODE10 generated),
    a post recorded for every creator, Sarah still negotiating her 800 €."""
    run("campaign", "new", "eclat26", "--budget", "8 000 €")
    run("links", write(tmp_path, "prospects.csv", PROSPECTS), "--url", "https://marque.fr/eclat",
        "--campaign", "eclat26", "-o", str(tmp_path / "links.csv"))
    for handle, code in POSTS.items():
        run("set", handle, "--campaign", "eclat26", "--post", f"https://www.instagram.com/p/{code}/", "-q")
    return write(tmp_path, "orders.csv", CAMPAIGN_ORDERS)


def test_an_unsigned_quote_is_no_cost_in_the_report_as_in_results(tmp_path: Path) -> None:
    orders = eclat(tmp_path)
    data = report_json(tmp_path, "--campaign", "eclat26", "--orders", orders)
    results = json.loads(run("results", orders, "--campaign", "eclat26", "--format", "json").stdout)
    cost = {c["handles"][0]: c["cost"] for c in results["creators"]}
    assert cost["sarahk.beauty"] is None
    by_creator = {c["handles"][0]: c for c in data["blocks"]["results"]["creators"]}
    assert {h: c["cost"] for h, c in by_creator.items()} == cost
    assert by_creator["sarahk.beauty"]["cpa"] is None and by_creator["sarahk.beauty"]["roas"] is None
    assert data["totals"]["cost"] == 1200 + 2000 + 1500 == results["totals"]["cost"]
    assert data["totals"]["cpa"] == results["totals"]["cpa"] == round(4700 / 3, 2)
    said = next(w for w in data["warnings"] if "is a quote at stage negotiating" in w)
    assert T.warning(said, "fr").endswith("(800) est un devis au stade « En négociation », sans contrat signé : il ne "
                                          "compte pas dans le coût")


# --------------------------------------------------------- 4. a clicks export headed by its tracked link

@pytest.mark.parametrize("header", ["tracked_url", "Lien suivi", "Tracked link", "Lien UTM", "Short link",
                                    "URL trackée", "Lien", "URL"])
def test_a_clicks_export_is_read_by_any_header_naming_its_link(tmp_path: Path, header: str) -> None:
    """The tracked links `influkit links` wrote, read back with their clicks under the header a user keeps."""
    links = tmp_path / "links.csv"
    run("links", write(tmp_path, "bilan.csv", SHEET), "--url", "https://marque.fr/eclat", "--campaign", "eclat26",
        "--no-store", "-o", str(links))
    rows = list(csv.DictReader(links.open(encoding="utf-8")))
    tracked = list(dict.fromkeys(r["tracked_url"] for r in rows))
    assert len(tracked) == 3 and all("utm_content=" in t for t in tracked)
    clicks = write(tmp_path, "clics.csv", f"{header},Clics\n" + "".join(f"{t},{100 * (k + 1)}\n"
                                                                      for k, t in enumerate(tracked)))
    data = report_json(tmp_path, str(tmp_path / "bilan.csv"), "--clicks", clicks, "--no-store")
    assert data["totals"]["clicks"] == 600
    assert {c["creator"]: c["clicks"] for c in data["blocks"]["results"]["creators"]} == {
        "Léa Vernoux": 100, "Tom Cuisine": 200, "Nora Web": 300}



# ------------------------------------------- 5. no click, UTM or order row dropped without a word

POSTS_P = """Créateur;Réseau;Lien publication;Légende;Date de publication;Vues;J'aime;Coût;Code promo
Sarah Beauté;Instagram;https://www.instagram.com/p/DA4SarahPst/;Publicité avec @marque;02/03/2026;50 000;2 000;800 €;SARAH10
Tom Cuisine;TikTok;https://www.tiktok.com/@tom.cuisine/video/7345678901234567890;Publicité avec @marque;03/03/2026;210 000;9 800;2 000 €;TOM10
"""
CLICKS_P = """Lien,Clics
https://marque.fr/eclat?utm_content=sarahk.beauty,2050
https://marque.fr/eclat?utm_content=tom.cuisine,4390
"""
UTM_P = """utm_content,Sessions,Transactions,Revenue
sarahk.beauty,2050,3,120
tom.cuisine,4390,2,80
(not set),900,12,480
"""


def test_click_rows_matching_no_creator_are_counted_and_named(tmp_path: Path) -> None:
    # a /p/ link names no account: nothing says who sarahk.beauty is, so her 2 050 clicks are not counted, but said
    posts, clicks = write(tmp_path, "posts.csv", POSTS_P), write(tmp_path, "clics.csv", CLICKS_P)
    out = tmp_path / "r.md"
    result = run("report", posts, "--clicks", clicks, "--offline", "--no-store", "--lang", "fr", "-o", str(out))
    assert "1 row of the clicks export (2050 clicks) matches no creator of the report, not counted: " \
           "https://marque.fr/eclat?utm_content=sarahk.beauty (2050)" in result.stderr
    assert "1 ligne de l'export de clics (2 050 clics) ne correspond à aucun créateur du bilan, non comptée" \
           in out.read_text(encoding="utf-8").replace("\u202f", " ")
    data = report_json(tmp_path, posts, "--clicks", clicks, "--no-store")
    assert data["totals"]["clicks"] == 4390
    assert data["sources"]["clicks"] == {"rows": 2, "rows_unmatched": 1, "utm_rows": 0, "utm_rows_unmatched": 0}


def test_utm_rows_matching_no_creator_are_named_by_results_and_the_report(tmp_path: Path) -> None:
    utm = write(tmp_path, "utm.csv", UTM_P)
    data = report_json(tmp_path, write(tmp_path, "posts.csv", POSTS_P), "--clicks", utm, "--no-store")
    said = "2 rows of the UTM analytics (2950 sessions, 15 orders) match no creator, not counted: sarahk.beauty " \
           "(2050 sessions, 3 orders), (not set) (900 sessions, 12 orders)"
    assert said in data["warnings"] and data["sources"]["clicks"]["utm_rows_unmatched"] == 2
    listed = write(tmp_path, "list.csv", "Créateur,Compte,Réseau\nTom Cuisine,tom.cuisine,TikTok\n")
    result = run("results", write(tmp_path, "orders.csv", ORDERS), listed, "--utm", utm, "--format", "json")
    assert json.loads(result.stdout)["utm_rows_unmatched"] == 2
    assert "2 rows of the UTM analytics (2950 sessions, 15 orders) match no creator, not counted" in result.stderr


def test_a_list_gives_a_post_without_an_account_its_handle_for_clicks(tmp_path: Path) -> None:
    # the list knows Sarah Beauté's Instagram account: her utm_content=sarahk.beauty clicks are hers
    listed = write(tmp_path, "prospects.csv", PROSPECTS)
    data = report_json(tmp_path, listed, "--posts", write(tmp_path, "posts.csv", POSTS_P), "--clicks",
                       write(tmp_path, "clics.csv", CLICKS_P), "--objectives", "clicks=6000", "--no-store")
    assert data["totals"]["clicks"] == 2050 + 4390
    assert data["blocks"]["results"]["objectives"][0]["status"] == "met"
    assert not any("clicks export" in w for w in data["warnings"])


# ------------------------------------------------- 6. codes the campaign's links gave, in every form

POSTS_ECLAT = """Créateur;Compte;Réseau;Lien publication;Légende;Date de publication;Vues;J'aime;Coût;Code promo
Léa Vernoux;lea.vernoux;Instagram;https://www.instagram.com/p/DA1LeaPost1/;Publicité avec @marque;02/03/2026;50 000;2 000;1 200 €;LEA10
Jade Mode;jade.mode;Instagram;https://www.instagram.com/p/DA3JadePost/;Publicité avec @marque;03/03/2026;25 000;1 100;1 500 €;{jade}
"""


@pytest.mark.parametrize("sheet_code", ["", "JADE10"])
def test_a_code_the_campaigns_links_gave_is_known_with_a_post_sheet(tmp_path: Path, sheet_code: str) -> None:
    # `influkit links` gave Jade JADEMODE10 in eclat26; the post sheet writes no code for her, or another one
    orders = eclat(tmp_path)
    posts = write(tmp_path, "posts.csv", POSTS_ECLAT.format(jade=sheet_code))
    data = report_json(tmp_path, posts, "--campaign", "eclat26", "--orders", orders)
    jade = next(c for c in data["blocks"]["results"]["creators"] if c["creator"] == "Jade Mode")
    assert "JADEMODE10" in jade["promo_codes"] and jade["orders"] == 1
    assert "JADEMODE10" not in data["sources"]["orders"]["unmatched_codes"]
    assert not any("JADEMODE10" in w for w in data["warnings"])
    # Tom and Sarah, in the campaign without a post in this sheet, are named with their codes
    assert data["sources"]["orders"]["codes_without_post"] == {"SARAH10": "Sarah Beauté", "TOM10": "Tom Cuisine"}
    nobodys = next(w for w in data["warnings"] if "codes no creator has" in w)
    assert nobodys == "1 order used codes no creator has: BIENVENUE10 (1)"


# ------------------------------------------------------------ 7. counts and nouns, public sources

def test_one_of_anything_is_said_in_the_singular(tmp_path: Path) -> None:
    one_post = write(tmp_path, "one.csv", "Créateur;Compte;Réseau;Lien publication;Légende\n"
                     "Léa;lea.vernoux;Instagram;https://www.instagram.com/p/DA1LeaPost1/;Publicité avec @marque\n")
    checked = runner.invoke(app, ["check", one_post])
    assert "1 post checked against" in checked.stderr and "1 posts" not in checked.stderr
    listed = write(tmp_path, "list.csv", "Créateur,Compte,Réseau,Étape,Prix,Code promo\n"
                                         "Jade,jade.mode,Instagram,en négo,800 €,JADE10\n")
    orders = write(tmp_path, "orders.csv", "Name,Financial Status,Currency,Total,Discount Code\n"
                                           "#1,paid,EUR,40.00,JADE10\n")
    result = run("results", orders, listed, "--format", "json")
    assert "1 order read: 1 counted for 1 creator with orders (1 creator listed)" in result.stderr
    assert "the 1 order of Jade (no deal, no cost) is left out of them" in result.stderr
    said = "CPA, ROI and ROAS count the creators with a cost only: the 1 order of Jade (no deal, no cost) is left " \
           "out of them"
    assert T.warning(said, "fr") == ("CPA, ROI et ROAS ne comptent que les créateurs dont le coût est connu : la "
                                     "commande de Jade (sans contrat, sans coût) en est laissée de côté")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_emv_method_names_its_public_sources(tmp_path: Path, lang: str) -> None:
    data = report_json(tmp_path, write(tmp_path, "tiktok_export.csv", TIKTOK), "--no-store", "--emv", "0.1",
                       "--lang", lang)
    line = data["methods"]["emv"]
    assert "Traackr" in line and "Kolsquare" in line and ".md" not in line
    assert ("méthode contestée" in line) == (lang == "fr")


# ------------------------------------------------ 4. the day a recorded post went live, as `set --on` said

def test_a_post_recorded_with_set_on_has_that_day_in_the_report(tmp_path: Path) -> None:
    """`set HANDLE --stage published --on 2026-03-10 --post URL` then `report --campaign` (no file): a new user
    saw Date '—' for every post. The `--on` day is the post's date when nothing else dates it (no sheet
    row, no API); an account whose two posts were each recorded with their day gets each its own, one whose
    published stage was set before its single post was recorded that stage's day; an account with two posts
    and one published day recorded apart dates neither (which one went live that day is not known). Runs
    in the same second tell nothing apart: the day is kept with the post (schema v7)."""
    run("campaign", "new", "eclat26", "--budget", "8 000 €")
    run("links", write(tmp_path, "prospects.csv", PROSPECTS), "--url", "https://marque.fr/eclat",
        "--campaign", "eclat26", "-o", str(tmp_path / "links.csv"))
    post = "https://www.instagram.com/p/{}/".format
    run("set", "lea.vernoux", "--campaign", "eclat26", "--stage", "published", "--on", "2026-03-10",
        "--post", post("DA1LeaPost1"), "-q")
    run("set", "lea.vernoux", "--campaign", "eclat26", "--stage", "published", "--on", "2026-03-12",
        "--post", post("DA1LeaPost2"), "-q")
    run("set", "tom.cuisine", "--campaign", "eclat26", "--stage", "published", "--on", "2026-03-05", "-q")
    run("set", "tom.cuisine", "--campaign", "eclat26", "--post", post("DA5TomPost1"), "-q")
    run("set", "jade.mode", "--campaign", "eclat26", "--stage", "published", "--on", "2026-03-07", "-q")
    run("set", "jade.mode", "--campaign", "eclat26", "--post", post("DA3JadePst1"), "-q")
    run("set", "jade.mode", "--campaign", "eclat26", "--post", post("DA3JadePst2"), "-q")
    data = report_json(tmp_path, "--campaign", "eclat26")
    days = {p["link"].split("/")[-2]: p["published_on"] for p in data["blocks"]["results"]["posts"]}
    assert days == {"DA1LeaPost1": "2026-03-10", "DA1LeaPost2": "2026-03-12", "DA5TomPost1": "2026-03-05",
                    "DA3JadePst1": None, "DA3JadePst2": None}
    out = tmp_path / "report.md"
    run("report", "--campaign", "eclat26", "--offline", "-o", str(out))
    rows = [line for line in out.read_text(encoding="utf-8").splitlines() if "DA1LeaPost1" in line]
    assert rows and "10/03/2026" in rows[-1], rows  # (a French list: the report in French, day first)
