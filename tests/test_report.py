"""The campaign report (issue #13's done-when): on a French post-campaign sheet written for it
(tests/data/bilan_printemps.csv: captions with and without each kind of mention, two banned products,
post links on Instagram, TikTok and YouTube, costs, promo codes) and a Shopify order export
(tests/data/commandes_boutique.csv), `influkit check` gives the right verdict and rule ids for every
post, and `influkit report` the totals counted by hand below and four non-empty blocks, in French and
in English. Plus the shapes a report must survive: few posts, no orders, no costs, one network,
missing views, several currencies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

import influkit
from influkit.cli.app import app
from influkit.errors import InfluError, UsageError
from influkit.thresholds.report import RULE_IDS

DATA = Path(__file__).parent / "data"
SHEET = str(DATA / "bilan_printemps.csv")
ORDERS = str(DATA / "commandes_boutique.csv")
CLICKS = str(DATA / "clics_liens.csv")
OBJECTIVES = "views=600k,engagements=30k,orders=20,cpe=0.25,er_views=5 %"
runner = CliRunner()

# the hand counts of tests/data/bilan_printemps.csv and commandes_boutique.csv (see the comments)
HAND = {
    # views measured on 7 posts: 61 000 + 210 000 + 22 000 + 95 000 + 40 000 + 30 000 + 48 000
    "views": 506_000.0, "views_posts": 7,
    "views_estimated": 3_500.0,  # the story's "Vues estimées": never in the measured total
    # likes 32 950, comments 1 365, shares 925, saves 1 320 over 11 posts (the story has none)
    "likes": 32_950.0, "comments": 1_365.0, "shares": 925.0, "saves": 1_320.0,
    "engagements": 36_560.0, "engagements_posts": 11,
    # 800 + 900 + 1 200 + 0 + 1 500 + 300 + 500 + 700 + 400 + 450 + 250 + 600
    "cost": 7_600.0, "cost_posts": 12,
    "cpe": 0.201,  # (7 600 - 250 for the story without engagements) / 36 560 = 0.20104
    "cpm": 9.3874,  # 4 750 paid for the 7 posts with views / 506 000 x 1000
    "cpv": 0.0094,
    "er_views": 0.056087,  # 28 380 engagements of the 7 posts with views / 506 000
    "er_followers": 0.052303,  # 36 560 / 699 000 followers at the 11 posts with engagements
    "followers": 660_000.0,  # the 11 accounts once each
    # LEA15 x4 (lea15 too) 219.40, TOM10 x3 199.60 (#2007 refunded), JULES20 x2 180, INES15 x3 189.55
    # (#2012 partially refunded: 89.80 - 20), ZOE10 39.90, EMMA15 42.50, MIA10 25; NINA20 cancelled;
    # BIENVENUE unknown, #2017 without a code
    "orders": 15, "revenue": 895.95,
    "cpa": 460.0, "roas": 0.1298, "roi": -0.8702,  # over the 10 creators with a code: 6 900 of cost
    "clicks": 5_575.0,  # 1 240 + 2 310 + 880 + 640 + 95 + 410 (inconnu.x matches nobody)
    "posts": 12, "creators": 11, "currency": "EUR",
}
VERDICTS = [  # (creator, disclosure, rule ids, level) per row, from the checker
    ("Léa Vernoux", "ok", None, "ok"), ("Léa Vernoux", "ok", None, "ok"), ("Tom Cuisine", "ok", None, "warn"),
    ("Zoé Beauté", "insufficient", "FR-04", "fail"), ("Jules Fit", "late", "FR-02", "fail"),
    ("Nina", "ok", "FR-10", "block"), ("Sarah Glow", "ok", "FR-08", "block"), ("Camille Mode", "ok", None, "ok"),
    ("Hugo Tech", "missing", "FR-01", "fail"), ("Inès Skin", "ok", None, "warn"), ("Emma Home", "ok", None, "ok"),
    ("Mia Style", "insufficient", "FR-03", "fail"),
]


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-20")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def brand(tmp_path: Path) -> str:
    path = tmp_path / "brand.toml"
    path.write_text('name = "Maison Verveine"\n[campaign]\nname = "Printemps 2026"\nbudget = "8 000 €"\n'
                    '[campaign.objectives]\nviews = "600k"\nengagements = 30000\norders = 20\ncpe = 0.25\n'
                    'er_views = "5 %"\n', encoding="utf-8")
    return str(path)


def full(lang: str | None, brand: str | None = None, **extra: Any) -> influkit.Any:  # type: ignore[name-defined]
    return influkit.report(SHEET, orders=ORDERS, clicks=CLICKS, brand=brand, lang=lang, store=None, **extra)


def test_check_gives_the_right_verdict_and_rules_for_every_post() -> None:
    rows = influkit.check(SHEET).records()
    assert [(r["Créateur"], r["disclosure"], r["compliance"], r["compliance_level"]) for r in rows] == VERDICTS
    # the same verdicts inside the report
    report = influkit.report(SHEET, store=None).to_dict()
    posts = report["blocks"]["results"]["posts"]
    assert [(p["creator"], p["disclosure"], p["compliance"], p["compliance_level"]) for p in posts] == VERDICTS


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_report_totals_are_the_hand_counts_and_the_four_blocks_are_there(lang: str, brand: str) -> None:
    data = full(lang, brand).to_dict()
    totals = data["totals"]
    assert {k: totals[k] for k in HAND} == HAND
    assert totals["disclosure"] == {"ok": 8, "late": 1, "insufficient": 2, "missing": 1, "not_checked": 0,
                                    "banned": 2}
    assert data["lang"] == lang and data["schema"] == "influkit.report/1"
    assert set(data["blocks"]) == {"results", "analysis", "conclusion", "recommendations"}
    for block in ("analysis", "conclusion", "recommendations"):
        assert data["blocks"][block], block
        assert all(item["rule"] in RULE_IDS and item["text"] for item in data["blocks"][block])
    results = data["blocks"]["results"]
    assert len(results["posts"]) == 12 and len(results["creators"]) == 11
    assert [n["network"] for n in results["networks"]] == ["instagram", "tiktok", "youtube"]
    lea = results["creators"][0]
    assert (lea["creator"], lea["posts"], lea["engagements"], lea["cost"], lea["cpe"], lea["orders"],
            lea["revenue"], lea["clicks"]) == ("Léa Vernoux", 2, 6505.0, 1700.0, 0.2613, 4, 219.4, 1240.0)
    # likes and comments by followers, as HypeAuditor's median counts them (found by a new user: the rate with
    # shares and saves, 6 505 / 96 000, was set beside it): (2 150 + 85 + 3 400 + 120) / 96 000 / 2.63 %
    assert lea["benchmarks"][0]["network"] == "instagram" and lea["benchmarks"][0]["ratio"] == 2.279
    assert lea["benchmarks"][0]["rate"] == 5755 / 96000
    # objectives: views 84 % (missed), engagements 122 % (met), orders 75 % (missed), CPE 0.20 under the 0.25
    # ceiling (met, 124 %), ER by views 5.61 % for 5 % (met); budget 8 000: 7 600 spent
    status = {o["metric"]: (o["status"], o["progress"]) for o in results["objectives"]}
    assert status == {"views": ("missed", 0.8433), "engagements": ("met", 1.2187), "orders": ("missed", 0.75),
                      "cpe": ("met", 1.2438), "er_views": ("met", 1.1217)}
    assert results["budget"] == {"budget": 8000.0, "currency": "EUR", "source": "brand profile [campaign]",
                                 "cost": 7600.0, "share": 0.95, "remaining": 400.0,
                                 "signed_without_post": None, "costs_currency": None}
    overall = [c for c in data["blocks"]["conclusion"] if c["rule"] == "C-OVERALL"][0]
    assert overall["numbers"] == {"met": 3, "almost": 0, "total": 5}
    actions = {r["subject"]: r["action"] for r in data["blocks"]["recommendations"] if r["rule"] != "R-DISCLOSURE"}
    assert actions["Nina"] == actions["Sarah Glow"] == "drop"  # banned promotions
    assert actions["Hugo Tech"] == actions["Mia Style"] == "drop"  # under half the campaign's own ROAS
    assert actions["Inès Skin"] == actions["Camille Mode"] == "renew"
    # Tom's video: (9 800 + 240 + 410) / 210 000 = 4.98 % by views, just under the 5 % "good" rate untapper
    # defines on likes, comments and shares (with his 150 saves it read 5.05 %): watched, not renewed
    assert actions["Tom Cuisine"] == "watch"
    assert actions["Zoé Beauté"] == "renew_if" and actions["Léa Vernoux"] == "negotiate"
    fixes = [r for r in data["blocks"]["recommendations"] if r["rule"] == "R-DISCLOSURE"]
    assert [f["subject"] for f in fixes] == ["Zoé Beauté", "Jules Fit", "Nina", "Sarah Glow", "Hugo Tech", "Mia Style"]
    assert "emv" not in totals  # not unless asked


def test_french_and_english_say_the_same_numbers(brand: str) -> None:
    fr, en = full("fr", brand).to_dict(), full("en", brand).to_dict()
    assert fr["totals"] == en["totals"]
    texts = [(a["rule"], a["text"], b["text"]) for block in ("analysis", "conclusion", "recommendations")
             for a, b in zip(fr["blocks"][block], en["blocks"][block], strict=True)]
    assert all(a != b for _, a, b in texts)
    views = [(a, b) for rule, a, b in texts if rule == "C-OBJECTIVE" and ("Vues" in a)][0]
    assert "506\u202f000" in views[0] and "600\u202f000" in views[0] and "non atteint" in views[0]
    assert "506,000" in views[1] and "600,000" in views[1] and "not reached" in views[1]
    assert fr["title"] == "Bilan de campagne — Printemps 2026" and en["title"] == "Campaign report — Printemps 2026"


def test_language_follows_the_captions_when_not_given() -> None:
    assert influkit.report(SHEET, store=None).to_dict()["lang"] == "fr"


def test_cli_json_equals_the_library(brand: str) -> None:
    lib = full("en", brand, emv=0.1).to_dict()
    result = runner.invoke(app, ["report", SHEET, "--orders", ORDERS, "--clicks", CLICKS, "--brand", brand,
                                 "--lang", "en", "--emv", "0.1", "--no-store", "--format", "json", "-q"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == lib
    assert lib["totals"]["emv"] == 3656.0 and "0.10" in lib["totals"]["emv_method"] and "emv" in lib["methods"]


def test_options_objectives_and_budget_win_over_the_brand_profile(brand: str) -> None:
    data = influkit.report(SHEET, brand=brand, objectives="views=400k,clicks=5000", budget="7 000 €",
                           store=None).to_dict()
    targets = {t["metric"]: (t["target"], t["source"]) for t in data["objectives"]["targets"]}
    assert targets["views"] == (400_000, "--objectives") and targets["clicks"] == (5000, "--objectives")
    assert targets["orders"] == (20, "brand profile [campaign]")  # completed by the profile
    assert data["objectives"]["budget"] == 7000 and data["objectives"]["budget_source"] == "--budget"
    b = data["blocks"]["results"]["budget"]
    assert b["share"] == round(7600 / 7000, 4) and b["remaining"] == -600.0
    assert [c["status"] for c in data["blocks"]["conclusion"] if c["rule"] == "C-BUDGET"] == ["missed"]
    clicks = [o for o in data["blocks"]["results"]["objectives"] if o["metric"] == "clicks"][0]
    assert clicks["status"] == "unknown" and clicks["why"] == "no_clicks"  # no clicks export given


@pytest.mark.parametrize(("objectives", "message"), [
    ("likes=10", "unknown metric 'likes'"), ("views=beaucoup", "not a number for views"), ("views", "metric=value"),
])
def test_bad_objectives_are_usage_errors(objectives: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        influkit.report(SHEET, objectives=objectives, store=None)
    result = runner.invoke(app, ["report", SHEET, "--objectives", objectives, "--no-store", "-f", "json"])
    assert result.exit_code == 2 and message in result.stderr


def test_a_bad_campaign_table_in_the_brand_profile_names_the_key(tmp_path: Path) -> None:
    path = tmp_path / "b.toml"
    path.write_text('name = "x"\n[campaign]\nbudget = 100\n[campaign.objectives]\nvues = "beaucoup"\n',
                    encoding="utf-8")
    with pytest.raises(InfluError, match="campaign.objectives: vues = 'beaucoup': not a number for views"):
        influkit.brand_check(str(path))
    path.write_text('name = "x"\n[campaign]\nbudjet = 100\n', encoding="utf-8")
    with pytest.raises(InfluError, match="campaign.budjet: unknown key"):
        influkit.brand_check(str(path))


# ------------------------------------------------------------------ campaigns nobody has seen


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_one_post_without_cost_orders_or_views_says_what_is_missing(tmp_path: Path) -> None:
    path = write(tmp_path, "one.csv", "Créateur,Lien publication,Légende,J'aime,Commentaires\n"
                 "Ana,https://www.instagram.com/p/ABCDEF/,Publicité : mon avis sur @marque,120,8\n")
    data = influkit.report(path, store=None, objectives="orders=10,cpe=0.5").to_dict()
    t = data["totals"]
    assert (t["posts"], t["engagements"], t["views"], t["cost"], t["cpe"], t["orders"], t["roas"]) == (
        1, 128.0, None, None, None, None, None)
    fields = {a.get("field") for a in data["blocks"]["analysis"] if a["rule"] == "A-MISSING"}
    assert {"views", "cost", "followers", "orders", "clicks"} <= fields
    assert {o["status"] for o in data["blocks"]["results"]["objectives"]} == {"unknown"}
    assert not [a for a in data["blocks"]["analysis"] if a["rule"] == "A-RANK-CREATOR"]  # no rate to rank
    assert all(r["action"] != "drop" for r in data["blocks"]["recommendations"])
    assert {r["subject"] for r in data["blocks"]["recommendations"] if r["rule"] == "R-TRACKING"} >= {
        "instagram", "orders", "cost", "clicks"}
    for block in ("analysis", "conclusion", "recommendations"):
        assert data["blocks"][block]


def test_no_caption_column_is_not_an_error_but_not_checked(tmp_path: Path) -> None:
    path = write(tmp_path, "nocap.csv", "Créateur;Lien;Vues;Coût\nAna;https://www.tiktok.com/@ana/video/1;10 000;"
                 "200 €\nBo;https://www.tiktok.com/@bo/video/2;5 000;100 €\n")
    data = influkit.report(path, store=None, lang="en").to_dict()
    assert data["totals"]["disclosure"]["not_checked"] == 2
    assert [c["status"] for c in data["blocks"]["conclusion"] if c["rule"] == "C-COMPLIANCE"] == ["unknown"]
    assert data["totals"]["engagements"] is None and data["totals"]["cpe"] is None
    assert (data["totals"]["views"], data["totals"]["cost"], data["totals"]["cpm"]) == (15000.0, 300.0, 20.0)


def test_several_currencies_are_never_added(tmp_path: Path) -> None:
    path = write(tmp_path, "cur.csv", "Créateur,Lien,J'aime,Coût\nAna,https://www.tiktok.com/@a/video/1,100,200 €\n"
                 "Bo,https://www.tiktok.com/@b/video/2,50,$300\n")
    data = influkit.report(path, store=None, lang="en").to_dict()
    assert data["totals"]["cost"] is None and data["totals"]["cpe"] is None and data["currency"] is None
    assert any("several currencies" in w for w in data["warnings"])


def test_a_creator_price_from_the_list_is_never_split_across_posts(tmp_path: Path) -> None:
    posts = write(tmp_path, "posts.csv", "handle,platform,Post URL,Views,Likes,Comments\n"
                  "ana,tiktok,https://www.tiktok.com/@ana/video/1,10000,500,20\n"
                  "ana,instagram,https://www.instagram.com/p/AAA111/,,300,10\n"
                  "bo,tiktok,https://www.tiktok.com/@bo/video/2,4000,100,5\n")
    sheet = write(tmp_path, "list.csv", "Nom,Réseau,Pseudo,Abonnés,Statut,Tarif,Code promo\n"
                  "Ana Lopez,TikTok,ana,50 000,Publié,600 €,ANA10\nAna Lopez,Instagram,ana,20 000,Publié,600 €,ANA10\n"
                  "Bo,TikTok,bo,8 000,Publié,150 €,BO5\n")
    data = influkit.report(sheet, posts=posts, store=None, lang="en").to_dict()
    creators = {c["creator"]: c for c in data["blocks"]["results"]["creators"]}
    assert set(creators) == {"Ana Lopez", "Bo"}  # names from the list
    ana = creators["Ana Lopez"]
    assert ana["cost"] == 600.0 and ana["cost_source"].startswith("list") and ana["followers"] == 70000.0
    assert ana["cpe"] == round(600 / 830, 4)
    networks = {n["network"]: n for n in data["blocks"]["results"]["networks"]}
    # Ana's one price paid for posts on two networks: in no network's cost, never split
    assert networks["tiktok"]["cost"] == 150.0 and networks["instagram"]["cost"] is None
    assert data["totals"]["cost"] == 750.0
    assert [p["cost"] for p in data["blocks"]["results"]["posts"]] == [None, None, 150.0]


def test_clicks_from_a_utm_export_and_orders_by_link(tmp_path: Path) -> None:
    posts = write(tmp_path, "p.csv", "Compte,Réseau,Lien publication,J'aime,Coût,Code promo\n"
                  "ana,TikTok,https://www.tiktok.com/@ana/video/1,100,100 €,ANA\n"
                  "bo,TikTok,https://www.tiktok.com/@bo/video/2,100,100 €,\n")
    utm = write(tmp_path, "utm.csv", "utm_content,utm_campaign,sessions,transactions,revenue\n"
                "ana,c,300,2,80\nbo,c,120,3,150\n")
    data = influkit.report(posts, clicks=utm, store=None, lang="en").to_dict()
    creators = {c["creator"]: c for c in data["blocks"]["results"]["creators"]}
    assert (creators["@ana"]["clicks"], creators["@ana"]["orders"], creators["@ana"]["revenue"]) == (300.0, 2, 80.0)
    assert (creators["@bo"]["clicks"], creators["@bo"]["orders"]) == (120.0, 3)  # tracked by link, no code
    assert data["totals"]["orders"] == 5 and data["totals"]["roas"] == 1.15


# -------------------------------------------------------------------------------- the files


def test_every_output_format(tmp_path: Path, brand: str) -> None:
    for ext in ("html", "md", "xlsx", "json", "csv"):
        out = tmp_path / f"bilan.{ext}"
        result = runner.invoke(app, ["report", SHEET, "--orders", ORDERS, "--clicks", CLICKS, "--brand", brand,
                                     "--no-store", "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert f"wrote {out} ({ext})" in result.stderr
        assert out.stat().st_size > 1000
    md = (tmp_path / "bilan.md").read_text(encoding="utf-8")
    for heading in ("## Rappel des objectifs", "## 1. Résultats", "## 2. Analyse et interprétation",
                    "## 3. Conclusion", "## 4. Recommandations"):
        assert heading in md
    assert "`R-DROP`" in md and "| Léa Vernoux |" in md
    csv_text = (tmp_path / "bilan.csv").read_text(encoding="utf-8")
    assert csv_text.splitlines()[0].startswith("row,creator,network,format") and len(csv_text.splitlines()) == 13
    assert json.loads((tmp_path / "bilan.json").read_text(encoding="utf-8"))["totals"]["views"] == 506000


def test_xlsx_has_a_sheet_per_block_and_native_charts(tmp_path: Path, brand: str) -> None:
    out = tmp_path / "bilan.xlsx"
    full("fr", brand).write(str(out))
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Rappel des objectifs", "1. Résultats", "Par publication",
                             "2. Analyse et interprétation", "3. Conclusion", "4. Recommandations",
                             "Méthode et sources"]
    results = wb["1. Résultats"]
    assert len(results._charts) == 4  # objectives, views & engagements, cost & revenue, ER by format
    figures = {row[0].value: row[1] for row in results.iter_rows(min_row=4, max_row=17)}
    assert figures["Vues"].value == 506000 and figures["Vues"].number_format == "#,##0"
    assert figures["Taux d'engagement (vues)"].number_format == "0.00%"
    assert figures["Coût"].value == 7600 and "€" in figures["Coût"].number_format
    posts = wb["Par publication"]
    header = [c.value for c in posts[1]]
    assert header[:5] == ["#", "Ligne", "Créateur", "Réseau", "Format"]
    link = posts.cell(2, header.index("Lien") + 1)
    assert link.hyperlink is not None and link.hyperlink.target.startswith("https://www.instagram.com/p/")
    rules = [r[0].value for r in wb["4. Recommandations"].iter_rows() if r[0].value]
    assert "R-DROP" in rules and "R-DISCLOSURE" in rules


def test_text_is_safe_in_every_format(tmp_path: Path) -> None:
    path = write(tmp_path, "evil.csv", "Créateur,Lien publication,Légende,J'aime\n"
                 '"=HYPERLINK(""http://x"")<script>alert(1)</script>",https://www.tiktok.com/@a/video/1,'
                 '"<img src=http://evil.example/x.png> Publicité",10\n')
    report = influkit.report(path, store=None, lang="en")
    html_text = report.html()
    assert "<script>" not in html_text and "&lt;script&gt;" in html_text and "<img" not in html_text
    markdown = report.markdown()  # Markdown runs no formula: its text is as written, never quoted
    assert "[=HYPERLINK(" in markdown and "'=HYPERLINK" not in markdown
    report.write(str(tmp_path / "evil.csv"))  # CSV cells are neutralised
    assert "'=HYPERLINK" in (tmp_path / "evil.csv").read_text(encoding="utf-8")
    report.write(str(tmp_path / "evil.xlsx"))
    cell = openpyxl.load_workbook(tmp_path / "evil.xlsx")["By post"]["C2"]  # (after "#" and "Row")
    assert cell.value.startswith("=HYPERLINK") and cell.data_type == "s" and cell.quotePrefix


def test_report_needs_a_file_and_refuses_overwriting_its_input(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="FILE"):
        influkit.report(store=None)
    prospects = str(Path(__file__).resolve().parents[1] / "examples" / "prospects_en.csv")
    result = runner.invoke(app, ["report", prospects, "--no-store"])
    assert result.exit_code == 1 and "no published post: none of the 41 rows has a post link" in result.stderr
    result = runner.invoke(app, ["report", SHEET, "--no-store", "-o", SHEET])
    assert result.exit_code == 2 and "never overwrites its input" in result.stderr
    result = runner.invoke(app, ["report", SHEET, "--no-store", "--lang", "de"])
    assert result.exit_code == 2 and "--lang" in result.stderr


def test_terminal_view_prints_the_tables_and_the_sentences(brand: str) -> None:
    result = runner.invoke(app, ["report", SHEET, "--brand", brand, "--no-store", "-f", "table", "--lang", "en"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Key figures" in out and "2. Analysis and interpretation" in out and "[R-DISCLOSURE]" in out


def test_a_bad_budget_names_the_budget_option() -> None:
    result = runner.invoke(app, ["report", SHEET, "--no-store", "--offline", "--budget", "cinq mille"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "influkit: --budget 'cinq mille': give an amount, e.g. 5000 or '5 000 €'"


def test_report_posts_runs_again_on_the_workspace_its_first_run_made(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """`report --posts FILE` into a fresh workspace, then again (the D+1 / D+7 follow-up): the second run
    finds a workspace with snapshots but no list, and reports as the first did instead of failing."""
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-11-20")
    posts = tmp_path / "snap.csv"
    posts.write_text("Compte;Réseau;Lien du post;Date de publication;Légende;Vues;J'aime;Relevé le\n"
                     "lea.martin;Instagram;https://www.instagram.com/reel/Cx01AAAAAAA/;12/10/2026;"
                     "Publicité | ma routine;20 000;1 000;13/10/2026\n", encoding="utf-8")
    db = str(tmp_path / "ws.db")
    runs = [CliRunner().invoke(app, ["report", "--posts", str(posts), "--offline", "--db", db, "-f", "json"])
            for _ in range(2)]
    assert [r.exit_code for r in runs] == [0, 0], runs[1].output
    first, second = (json.loads(r.stdout) for r in runs)
    assert first["totals"] == second["totals"] and second["totals"]["posts"] == 1
    assert second == influkit.report(posts=str(posts), offline=True, store=db).to_dict()
