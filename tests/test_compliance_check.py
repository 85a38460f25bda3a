"""`influkit check` on a French post-campaign sheet: exact verdicts, nothing lost, CLI = library."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from influkit.brand import TEMPLATE, parse_brand
from influkit.campaign.compliance import COLUMNS, check
from influkit.cli.app import app
from influkit.errors import InfluError, UsageError

runner = CliRunner()
SHEET = Path(__file__).parent / "data" / "campagne_posts.csv"

# Créateur -> (disclosure, compliance, level) under French law (rules="fr")
EXPECTED_FR: dict[str, tuple[str | None, str | None, str]] = {
    "Léa Vernoux": ("ok", None, "ok"),  # "Publicité |" first
    "Tom Cuisine": ("ok", None, "warn"),  # #CollaborationCommerciale, TikTok video: FR-05 warning
    "Zoé Beauté": ("insufficient", "FR-04", "fail"),  # merci @marque + #collab + #gifted
    "Jules Fit": ("late", "FR-02", "fail"),  # #publicité after YouTube's cut
    "Camille Mode": ("ok", None, "ok"),  # the paid-partnership flag
    "Nina": ("ok", "FR-10", "block"),  # a puff, labelled #pub
    "Sarah Glow": ("ok", "FR-08", "block"),  # hyaluronic acid injections
    "Max Crypto": ("insufficient", "FR-03, FR-12", "block"),  # #ad on a French caption; crypto
    "Emma Home": ("ok", None, "ok"),  # a blog article: no cut
    "Lucas Voyage": ("insufficient", "FR-04", "fail"),  # "Séjour offert par"
    "Chloé Food": ("ok", "FR-15", "fail"),  # wine without the loi Evin message
    "Hugo Tech": ("missing", "FR-01", "fail"),  # "n'est pas sponsorisé"
    "Inès Skin": ("ok", None, "ok"),  # 2024 text: the exact words
    "Paul Tech": ("insufficient", "FR-01", "fail"),  # 2024 text: "Sponsorisé par" was not enough
    "Julie Cartes": ("ok", "FR-14", "fail"),  # poker without the -18 mention
    "Mia Style": ("ok", None, "warn"),  # English caption with #ad: FR-03 warning
    "Jake Fitness": ("insufficient", "FR-04", "fail"),  # #sp #collab thanks @brand
    "Amy Eats": ("ok", None, "warn"),  # English #sponsored, TikTok video
    "Rose Skin": ("late", "FR-02", "fail"),  # #ad after Instagram's cut
    "Maya Art": (None, None, "warn"),  # no caption: not checked, said so
}
# the English posts under French, FTC and ASA rules
EXPECTED_EN = {
    "Mia Style": ("ok", None, "warn"),
    # "thanks @gymshark for the new gear": a gift said in words, enough for FTC/ASA if nothing was paid; the
    # sheet's "Coût" says 800 € were: the gift's words hide the payment (as `report` judges it)
    "Jake Fitness": ("insufficient", "FR-04, US-02, UK-02", "fail"),
    "Amy Eats": ("ok", None, "warn"),
    "Rose Skin": ("late", "FR-02, US-03, UK-03", "fail"),
}


def _input_rows() -> list[dict[str, str]]:
    with SHEET.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def test_every_post_gets_its_exact_verdict_under_french_law() -> None:
    result = check(str(SHEET), rules="fr")
    got = {r["Créateur"]: (r["disclosure"], r["compliance"], r["compliance_level"]) for r in result.records()}
    assert got == EXPECTED_FR
    s = result.summary
    assert s["disclosure"] == {"ok": 11, "late": 2, "insufficient": 5, "missing": 1}
    assert s["not_checked_rows"] == [21] and s["lang"] == "fr"
    assert s["levels"] == {"ok": 4, "warn": 4, "fail": 9, "block": 3}


def test_english_posts_under_ftc_and_asa() -> None:
    result = check(str(SHEET), rules="fr,us,uk")
    got = {r["Créateur"]: (r["disclosure"], r["compliance"], r["compliance_level"]) for r in result.records()
           if r["Créateur"] in EXPECTED_EN}
    assert got == EXPECTED_EN
    jake = next(r for r in result.records() if r["Créateur"] == "Jake Fitness")
    assert [w[:5] for w in jake["compliance_warnings"].split(" | ")] == ["FR-01"]  # (US-02, UK-02: failed, above)
    assert [r[:5] for r in jake["compliance_reasons"].split(" | ")] == ["FR-04", "US-02", "UK-02"]
    amy = next(r for r in result.records() if r["Créateur"] == "Amy Eats")
    assert [w[:5] for w in amy["compliance_warnings"].split(" | ")] == ["FR-03", "FR-05", "US-04", "UK-02"]


def test_columns_found_from_headers_and_contents_and_post_facts() -> None:
    result = check(str(SHEET), rules="fr")
    assert result.summary["columns"][0] == "link: 'Lien publication' (contents: 20/20 post links)"  # (the blog article too)
    assert "caption: 'Légende' (header)" in result.summary["columns"]
    assert "flag: 'Partenariat rémunéré (label)' (header and yes/no cells)" in result.summary["columns"]
    rows = result.records()
    assert [(r["platform"], r["post_format"]) for r in rows[:4]] == [
        ("instagram", "post"), ("tiktok", "video"), ("instagram", "reel"), ("youtube", "video")]
    assert rows[1]["handle"] == "tom.cuisine"  # from the TikTok link
    assert rows[0]["published_on"] == "2026-03-02"
    assert rows[0]["disclosure_mention"] == "Publicité"
    assert rows[4]["disclosure_mention"] == "paid-partnership label"


def test_every_input_row_in_order_with_its_columns_kept() -> None:
    result = check(str(SHEET), rules="fr")
    rows = result.records()
    source = _input_rows()
    assert len(rows) == len(source) == 20
    assert result.columns[: len(COLUMNS)] == list(COLUMNS)
    assert result.columns[len(COLUMNS):] == list(source[0])  # every input header, in order, after ours
    for got, want in zip(rows, source, strict=True):
        for header, value in want.items():
            if header in ("Partenariat rémunéré (label)",):
                continue
            assert (got[header] or "") == value, header
    assert result.source_rows == list(range(2, 22))


def test_reasons_cite_sources_in_the_sheets_language_or_the_one_asked() -> None:
    rows = check(str(SHEET), rules="fr").records()
    zoe = next(r for r in rows if r["Créateur"] == "Zoé Beauté")
    assert zoe["compliance_reasons"].startswith("FR-04 : seulement des signaux ambigus (#collab, #gifted, merci "
                                                "@maisonverveine)")
    assert "(source : loi n° 2023-451 art. 5-2" in zoe["compliance_reasons"]
    assert "ressort déjà du contexte" in zoe["compliance_warnings"]
    rows = check(str(SHEET), rules="fr", lang="en").records()
    zoe = next(r for r in rows if r["Créateur"] == "Zoé Beauté")
    assert zoe["compliance_reasons"].startswith("FR-04: only ambiguous signals")


def test_cli_json_equals_the_library_records(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(SHEET), "--rules", "fr,us", "-o", "-", "--format", "json"])
    assert result.exit_code == 0, result.stderr  # non-compliant posts are not an error
    assert json.loads(result.stdout) == check(str(SHEET), rules="fr,us").records()
    assert "20 posts checked against fr, us" in result.stderr
    assert "columns: link: 'Lien publication'" in result.stderr


def test_cli_csv_on_stdout_and_xlsx_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(SHEET), "-q"])
    assert result.exit_code == 0 and result.stderr == ""
    lines = list(csv.reader(result.stdout.splitlines()))
    assert lines[0][: len(COLUMNS)] == list(COLUMNS) and len(lines) == 21
    out = tmp_path / "bilan.xlsx"
    result = runner.invoke(app, ["check", str(SHEET), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert f"wrote {out} (20 rows, xlsx)" in result.stderr
    from openpyxl import load_workbook

    ws = load_workbook(out).active
    assert ws is not None
    header = [c.value for c in next(ws.iter_rows(max_row=1))]
    # a client's workbook: the check's columns under French labels (the captions are French), kept ones as they are
    from influkit.labels import check_label

    assert header[: len(COLUMNS)] == [check_label(c, "fr") for c in COLUMNS] and "Notes internes" in header


def test_cli_exit_codes(tmp_path: Path) -> None:
    bad = runner.invoke(app, ["check", str(SHEET), "--rules", "fr,mars"])
    assert bad.exit_code == 2 and "unknown rule set 'mars'" in bad.stderr
    assert runner.invoke(app, ["check", str(SHEET), "--lang", "de"]).exit_code == 2
    assert runner.invoke(app, ["check", str(SHEET), "--format", "parquet"]).exit_code == 2
    unknown = runner.invoke(app, ["check", str(SHEET), "--map", "Nope=caption"])
    assert unknown.exit_code == 2 and "no header 'Nope'" in unknown.stderr
    assert runner.invoke(app, ["check", str(SHEET), "--map", "Légende=colour"]).exit_code == 2
    missing = runner.invoke(app, ["check", str(tmp_path / "none.csv")])
    assert missing.exit_code == 1 and missing.stderr.count("\n") == 1
    empty = tmp_path / "no_captions.csv"
    empty.write_text("Nom,Abonnés\nLéa,1200\nTom,800\n", encoding="utf-8")
    nocap = runner.invoke(app, ["check", str(empty)])
    assert nocap.exit_code == 1
    assert nocap.stderr.startswith(f"influkit: {empty}: no caption column found") and nocap.stderr.count("\n") == 1
    same = runner.invoke(app, ["check", str(SHEET), "-o", str(SHEET)])
    assert same.exit_code == 2


def test_columns_found_from_contents_alone(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    rows = [["A", "B", "C", "D"],
            ["lea", "https://www.instagram.com/p/C4xYz1AbCdE/", "Ma routine du soir 🌿 #collab avec @maison", "12"],
            ["tom", "https://www.tiktok.com/@tom/video/7345678901234567890", "Publicité | mon goûter préféré @nutri", "3"],
            ["zoe", "https://youtu.be/dQw4w9WgXcQ", "Test du casque, lien en description #ad", "5"]]
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    result = check(str(path), rules="fr")
    assert result.summary["columns"] == ["link: 'B' (contents: 3/3 post links)",
                                         "caption: 'C' (contents: long texts, 100% with a hashtag or @mention)"]
    assert [r["disclosure"] for r in result.records()] == ["insufficient", "ok", "insufficient"]
    assert [r["platform"] for r in result.records()] == ["instagram", "tiktok", "youtube"]


def test_a_workbook_with_a_title_row_and_the_posts_on_its_second_sheet(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Prospects"
    ws.append(["Nom", "Abonnés", "Statut"])
    ws.append(["Léa", 12000, "Publié"])
    posts = wb.create_sheet("Publications")
    posts.append(["Bilan campagne printemps"])
    posts.append([])
    posts.append(["Créateur", "Texte du post", "URL", "Label partenariat"])
    posts.append(["Léa", "Ma routine ✨\nmerci @maison", "https://www.instagram.com/reel/C5AbCdEfGhI/", "Oui"])
    posts.append(["Tom", "Mon goûter #collab", "https://www.instagram.com/p/C4xYz1AbCdE/", "Non"])
    path = tmp_path / "campagne.xlsx"
    wb.save(path)
    result = check(str(path), rules="fr")
    assert result.sheet == "Publications" and result.source_rows == [4, 5]
    assert [(r["disclosure"], r["compliance"]) for r in result.records()] == [("ok", None), ("insufficient", "FR-04")]
    assert result.records()[0]["Texte du post"] == "Ma routine ✨\nmerci @maison"  # line breaks kept


def test_json_posts_and_tables_and_records(tmp_path: Path) -> None:
    graph = {"business_discovery": {"media": {"data": [
        {"id": "1", "caption": "Publicité | ma routine", "permalink": "https://www.instagram.com/p/C4xYz1AbCdE/",
         "media_product_type": "FEED", "timestamp": "2026-03-02T19:00:42+0000"},
        {"id": "2", "caption": "Mon goûter #sp", "permalink": "https://www.instagram.com/reel/C5AbCdEfGhI/",
         "media_product_type": "REELS", "timestamp": "2026-03-03T10:00:00+0000"}]}}}
    path = tmp_path / "media.json"
    path.write_text(json.dumps(graph), encoding="utf-8")
    result = check(str(path), rules="fr")
    assert [(r["disclosure"], r["post_format"]) for r in result.records()] == [("ok", "post"), ("insufficient", "reel")]
    # the same export wrapped after its first media (found by a new user: read as JSON Lines, "invalid JSON")
    path.write_text(json.dumps(graph).replace('}, {"id": "2"', '},\n{"id": "2"'), encoding="utf-8")
    assert [r["disclosure"] for r in check(str(path), rules="fr").records()] == ["ok", "insufficient"]
    records: list[dict[str, Any]] = [{"Caption": "Ma routine #ad", "Note": 1}, {"Caption": "Publicité | top", "Note": 2}]
    assert [r["disclosure"] for r in check(records, rules="fr").records()] == ["insufficient", "ok"]
    from influkit import read_table

    table = read_table(str(SHEET))
    assert [r["disclosure"] for r in check(table, rules="fr").records()] == [v[0] for v in EXPECTED_FR.values()]


def test_posts_of_nested_json_are_read_by_their_nested_keys(tmp_path: Path) -> None:
    """An API's posts hold objects: the author in `"owner": {"username": ...}`, counts in `"metrics":
    {...}`, next to paging. A nested key is a dotted column known by its last part (`owner.username`
    is the handle); before, "owner" stayed one JSON text and no post had an account."""
    doc = {"paging": {"cursors": {"after": "b"}}, "data": [
        {"caption": "Publicité | ma routine", "permalink": "https://www.instagram.com/p/C4xYz1AbCdE/",
         "owner": {"username": "lea.cuisine", "id": "17"}, "metrics": {"like_count": 12}},
        {"caption": "Mon goûter", "permalink": "https://www.instagram.com/p/C5AbCdEfGhI/",
         "owner": {"username": "tom_fit"}, "metrics": {}}]}
    path = tmp_path / "media.json"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    rows = check(str(path), rules="fr").records()
    assert [(r["handle"], r["disclosure"]) for r in rows] == [("lea.cuisine", "ok"), ("tom_fit", "missing")]
    assert [r["owner.id"] for r in rows] == ["17", None] and [r["metrics.like_count"] for r in rows] == [12, None]
    # the Python caller's dicts the same way
    assert [r["handle"] for r in check(doc["data"], rules="fr").records()] == ["lea.cuisine", "tom_fit"]


def test_the_most_specific_of_several_format_columns_wins(tmp_path: Path) -> None:
    """A Graph API export has media_type (VIDEO, IMAGE, CAROUSEL_ALBUM) and media_product_type (REELS,
    STORY, FEED): a reel is a VIDEO and a REELS, a story an IMAGE and a STORY, a feed carousel both."""
    caption = "Publicité | ma routine"
    media = [("VIDEO", "REELS", "reel/C5AbCdEfGhI"), ("IMAGE", "STORY", "p/C5AbCdEfGh2"),
             ("CAROUSEL_ALBUM", "FEED", "p/C5AbCdEfGh3"), ("VIDEO", "FEED", "p/C5AbCdEfGh4")]
    graph = {"data": [{"id": str(k), "caption": caption, "media_type": kind, "media_product_type": product,
                       "permalink": f"https://www.instagram.com/{link}/", "timestamp": "2026-03-02T19:00:42+0000"}
                      for k, (kind, product, link) in enumerate(media)]}
    path = tmp_path / "media.json"
    path.write_text(json.dumps(graph), encoding="utf-8")
    formats = ["reel", "story", "carousel", "video"]
    assert [r["post_format"] for r in check(str(path), rules="fr").records()] == formats
    for columns in (("media_product_type", "media_type"), ("Format", "Type")):  # whatever the order
        sheet = tmp_path / "posts.csv"
        sheet.write_text("Légende," + ",".join(columns) + "\n" + "".join(
            f"{caption},{product},{kind}\n" for kind, product, _ in media), encoding="utf-8")
        assert [r["post_format"] for r in check(str(sheet), rules="fr").records()] == formats
    from influkit.campaign.published import read_published

    assert [p.format for p in read_published(str(path)).posts] == formats
    for one in graph["data"]:  # without its link, a row of the export is still an Instagram post
        one.pop("permalink")
    path.write_text(json.dumps(graph), encoding="utf-8")
    assert [r["platform"] for r in check(str(path), rules="fr").records()] == ["instagram"] * 4
    assert [p.platform for p in read_published(str(path)).posts] == ["instagram"] * 4


def test_the_sheets_own_verdict_columns_are_kept_beside_ours(tmp_path: Path) -> None:
    path = tmp_path / "again.csv"
    path.write_text("Légende,disclosure\nPublicité | ma routine,missing\n", encoding="utf-8")
    record = check(str(path), rules="fr").records()[0]
    assert record["disclosure"] == "ok" and record["disclosure (sheet)"] == "missing"


def test_brand_profile_gives_default_rules_and_sectors(tmp_path: Path) -> None:
    brand = tmp_path / "brand.toml"
    brand.write_text('name = "Vapor"\n[compliance]\nrules = ["fr", "eu"]\nsectors = ["vape"]\n', encoding="utf-8")
    result = runner.invoke(app, ["check", str(SHEET), "--brand", str(brand), "-o", "-", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert "against fr, eu" in result.stderr
    assert all("FR-10" in (r["compliance"] or "") for r in rows if r["disclosure"] is not None)
    template = parse_brand(TEMPLATE)
    assert template.compliance.rules == ["fr"] and template.compliance.retouched_images is False
    with pytest.raises(InfluError, match="compliance.rules: unknown rule set 'mars'"):
        parse_brand('name = "x"\n[compliance]\nrules = ["mars"]\n', "b.toml")


def test_platform_option_and_library_errors(tmp_path: Path) -> None:
    path = tmp_path / "captions.csv"
    long = "Ma routine du soir avec la crème de nuit, la texture est fondante et le parfum discret. " * 2
    path.write_text(f"Légende\n\"{long}#publicité\"\n", encoding="utf-8")
    assert check(str(path), rules="fr").records()[0]["disclosure"] == "late"  # unknown platform: Instagram's cut
    assert check(str(path), rules="fr", platform="blog").records()[0]["disclosure"] == "ok"
    with pytest.raises(UsageError):
        check(str(path), platform="myspace")


def test_thresholds_table_lists_the_compliance_numbers() -> None:
    from influkit.thresholds import table

    rows = [r for r in table() if r["group"] == "compliance"]
    names = {r["name"] for r in rows}
    assert "'more' cut instagram" in names and "ordonnance 2024-978 in force" in names
    assert all(r["source"] for r in rows)


def test_map_names_a_column_and_unreadable_dates_are_said(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text("Mot,Date de publication\nPublicité | a,2026-03-01\n#collab b,2026-03-02\nc,2026-03-03\n"
                    "d,2026-03-04\nPublicité | e,hier soir\n", encoding="utf-8")
    with pytest.raises(InfluError, match="no caption column found"):
        check(str(path))
    # the captions' only words are "Publicité" labels: French; the reasons are asked in English
    result = runner.invoke(app, ["check", str(path), "--map", "Mot=caption", "-f", "json", "-q", "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["disclosure"] for r in rows] == ["ok", "insufficient", "missing", "missing", "ok"]
    assert rows[4]["published_on"] is None
    assert rows[4]["compliance_warnings"].startswith("unreadable publication date (hier soir)")


@pytest.mark.parametrize("first_row", [
    "@tom,TikTok,Vidéo,https://www.tiktok.com/@tom/video/7312345678901234568,19/03/2026,Trop bon ce plat #food",
    "@amy,Instagram,Post,https://www.instagram.com/p/Cq1/,2026-03-02,Ma routine du soir avec @marque #pub",
])
def test_a_first_post_naming_its_network_is_a_row_not_the_header(tmp_path: Path, first_row: str) -> None:
    """A data row whose cells are network or format names ("TikTok", "Post": also column names in a
    prospect list) is not taken for the header: its links, handles, dates and captions are values."""
    path = tmp_path / "posts.csv"
    path.write_text("Compte,Réseau,Format,Lien du post,Date de publication,Légende\n" + first_row + "\n"
                    "@ana,Instagram,Reel,https://www.instagram.com/reel/Cx1/,20/03/2026,Publicité : ma routine\n",
                    encoding="utf-8")
    result = check(str(path))
    records = result.records()
    assert len(records) == 2
    assert records[0]["handle"] == first_row.split(",")[0].lstrip("@")
    assert records[0]["Compte"] == first_row.split(",")[0]


def test_check_post_takes_its_date_as_a_date_or_a_text() -> None:
    import datetime as dt

    from influkit.campaign.compliance import check_post
    from influkit.errors import UsageError

    caption = "Ma routine ✨ merci @marque #sponsorisé"
    as_date = check_post(caption, platform="instagram", published_on=dt.date(2024, 3, 15)).to_dict()
    assert check_post(caption, platform="instagram", published_on="2024-03-15").to_dict() == as_date
    assert check_post(caption, platform="instagram", published_on="15/03/2024").to_dict() == as_date
    with pytest.raises(UsageError, match="published_on: could not read 'bientôt'"):
        check_post(caption, published_on="bientôt")


def test_a_total_row_of_a_posts_file_is_no_post(tmp_path: Path) -> None:
    """A TOTAL row under the posts is kept in the output, said to be no post, and left out of the counts."""
    p = tmp_path / "posts.csv"
    p.write_text("Compte;Réseau;Lien du post;Légende;Vues\n"
                 "lea;Instagram;https://www.instagram.com/p/Cx01AAAAAAA/;Publicité | ma routine @marque;52 000\n"
                 "tom;Instagram;https://www.instagram.com/p/Cx02BBBBBBB/;ma routine @marque;48 000\n"
                 "TOTAL;;;;100 000\n", encoding="utf-8")
    result = check(str(p))
    assert len(result) == 3 and result.meta["summary"]["posts"] == 2 and result.meta["summary"]["not_posts"] == 1
    assert result.get("compliance_level")[2] is None and "ligne total : pas une publication" in \
        result.get("compliance_warnings")[2]
    cli = CliRunner().invoke(app, ["check", str(p), "-f", "json"])
    assert cli.exit_code == 0 and "1 total, average or section row left out" in cli.stderr


@pytest.mark.parametrize("caption", ["collab rémunérée avec @maisonverveine : ma routine du soir",
                                     "Collab payée avec @maisonverveine, ma routine", "Rémunérée par @maisonverveine"])
def test_a_collab_said_to_be_paid_is_a_paid_partnership(caption: str) -> None:
    """"collab" alone is an ambiguous tag (FR-04); said to be paid ("collab rémunérée") it is the
    accepted equivalent "partenariat rémunéré"."""
    from influkit.campaign.compliance import check_post

    v = check_post(caption, platform="instagram")
    assert v.disclosure == "ok" and not any(r.startswith("FR-04") for r in v.reasons)
    assert check_post("ma routine #collab @maisonverveine", platform="instagram").disclosure == "insufficient"


def test_uk_rules_want_an_english_label_whatever_the_captions_language() -> None:
    """UK-01 (docs/compliance.md): a label in another language only is insufficient, even in a French caption."""
    from influkit.campaign.compliance import check_post

    french = check_post("Publicité | Ma routine du soir avec @maisonverveine", platform="instagram", rules="uk")
    assert french.disclosure == "insufficient" and french.reasons[0].startswith("UK-01")
    assert check_post("#ad Ma routine du soir avec @maisonverveine", platform="instagram", rules="uk").disclosure == "ok"
    assert check_post("Publicité | Ma routine du soir avec @maisonverveine", platform="instagram",
                      rules="fr").disclosure == "ok"


def test_a_posts_file_with_a_header_and_no_row_checks_nothing_and_succeeds(tmp_path: Path) -> None:
    """As enrich, score, funnel and links do: a header-only file is an empty result, exit 0."""
    path = tmp_path / "empty.csv"
    path.write_text("caption,link\n", encoding="utf-8")
    assert check(str(path), rules="fr").records() == []
    result = runner.invoke(app, ["check", str(path), "-o", "-"])
    assert result.exit_code == 0 and result.stdout.splitlines()[0].startswith("platform,post_format")


def test_a_fee_column_tells_check_which_posts_were_paid(tmp_path: Path) -> None:
    """A posts sheet's fee column ("Coût", "Fee", "Rémunération", read as the report reads it) says which posts were
    paid: a gift's label alone then fails where the rules say a paid post needs an ad's label (UK-02, US-02, EU-02),
    as `report` judges the same post; an amount of 0 or a gift's word is a gift (the label fits), no column or an
    empty cell leaves it unknown (a warning, as before)."""
    sheet = tmp_path / "posts.csv"
    sheet.write_text(
        "Name,Caption,Published,Fee\n"
        "Marcus,Thanks to my partner @stride for these shoes! Link in bio,2026-02-01,$3500\n"
        "Priya,Obsessed with this glow #gifted by @solene,2026-02-01,gifted\n"
        "Ana,Lovely candles #gifted,2026-02-01,0\n"
        "Ben,Lovely candles #gifted,2026-02-01,\n", encoding="utf-8")
    result = check(str(sheet), rules="us,uk,eu", lang="en")
    got = [(r["disclosure"], r["compliance"]) for r in result.records()]
    assert got == [("insufficient", "US-02, UK-02, EU-02"), ("ok", None), ("ok", None), ("ok", None)]
    assert "the creator was paid for this post" in str(result.get("compliance_reasons")[0])
    assert "if the brand also paid" in str(result.get("compliance_warnings")[3])  # unknown: a warning
    # no fee column: nothing is known, every gift's label is a warning as before
    bare = tmp_path / "bare.csv"
    bare.write_text("\n".join(line.rsplit(",", 1)[0] for line in sheet.read_text(encoding="utf-8").splitlines()),
                    encoding="utf-8")
    assert [r["disclosure"] for r in check(str(bare), rules="us,uk,eu").records()] == ["ok"] * 4
    # the CLI's JSON is the library's
    cli = runner.invoke(app, ["check", str(sheet), "--rules", "us,uk,eu", "--lang", "en", "-f", "json", "-q"])
    assert cli.exit_code == 0, cli.stderr  # (the check ran: 0 even with failing posts, as documented)
    assert [r["compliance"] for r in json.loads(cli.stdout)] == [r["compliance"] for r in result.records()]
