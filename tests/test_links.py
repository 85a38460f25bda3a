"""Tracked links and promo codes: UTM parameters, one code per creator, collisions, safe characters."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from typer.testing import CliRunner

from influkit.campaign.links import SAFE_ALPHABET, add_links, code_text, make_code, tracked_url
from influkit.cli.app import app
from influkit.errors import UsageError
from influkit.store import Store
from influkit.table import Table
from influkit.text import code_key

URL = "https://brand.example/serum?ref=spring&utm_source=old#buy"


def table_of(rows: list[tuple[str | None, str, str, str | None]]) -> Table:
    t = Table(source="t")
    t.source_rows = list(range(2, len(rows) + 2))
    t.data = {"creator": [r[0] for r in rows], "platform": [r[1] for r in rows], "handle": [r[2] for r in rows],
              "promo_code": [r[3] for r in rows]}
    return t


def test_tracked_url_keeps_query_and_fragment() -> None:
    link = tracked_url(URL, platform="tiktok", handle="lea.v", campaign="spring26")
    parts = urlsplit(link)
    assert parts.fragment == "buy" and parts.path == "/serum"
    assert parse_qsl(parts.query) == [("ref", "spring"), ("utm_source", "tiktok"), ("utm_medium", "influencer"),
                                      ("utm_campaign", "spring26"), ("utm_content", "lea.v")]


def test_codes_unique_per_creator_with_safe_suffixes() -> None:
    t = table_of([
        ("Léa Vernoux", "instagram", "léa.v", None),
        ("Léa Vernoux", "tiktok", "lea_v_tt", None),    # same person: same code
        ("Lea V", "youtube", "lea-v", None),              # another person, same code text: suffix
        ("Other", "instagram", "lea_v", None),            # third collision
        ("Kept", "instagram", "kept", "MYCODE"),          # a code in the sheet is kept
        ("Copy", "instagram", "mycode", None),            # would collide with the kept code
    ])
    counts = add_links(t, url=URL, campaign="spring26")
    codes = t.get("promo_code")
    assert codes == ["LEAV10", "LEAV10", "LEAV10A", "LEAV10B", "MYCODE", "MYCODE10"]  # a letter: not "LEAV102"
    assert counts == {"rows": 6, "cells_filled": 5, "codes_made": 4, "codes_kept": 1, "codes_clashing": 0,
                      "collisions": 2, "links_kept": 0, "warnings": []}
    assert all(c.isalnum() and c == c.upper() for c in codes)
    assert [urlsplit(u).query.split("utm_content=")[1] for u in t.get("tracked_url")] == [
        "l%C3%A9a.v", "lea_v_tt", "lea-v", "lea_v", "kept", "mycode"]


def test_suffixes_and_fallback_use_unambiguous_characters() -> None:
    assert not set("0O1IL") & set(SAFE_ALPHABET)
    t = table_of([(f"Abc {k}", "instagram", "abc", None) for k in range(len(SAFE_ALPHABET) + 2)])
    add_links(t, url=URL, campaign="c", code_pattern="{HANDLE}")
    suffixes = [c.removeprefix("ABC") for c in t.get("promo_code")]
    letters = [ch for ch in SAFE_ALPHABET if ch.isalpha()]
    assert suffixes[:len(letters) + 1] == ["", *letters] and suffixes[-1] == "AA"  # letters, then digits, then pairs
    assert set("".join(suffixes)) <= set(SAFE_ALPHABET)
    fallback = make_code("{HANDLE}10", handle="котик", creator="", campaign="c", platform="tiktok")
    assert fallback.endswith("10") and set(fallback[:-2]) <= set(SAFE_ALPHABET) and len(fallback) == 8
    long = make_code("{HANDLE}10", handle="la.cuisine.de.camille.officielle", creator="", campaign="c",
                     platform="instagram")
    assert long == "LACUISINEDECAMILLE10"
    assert code_text("Zoé_Martin.2 ") == "ZOEMARTIN2"


def test_cli_links_writes_output_store_and_backup(tmp_path: Path) -> None:
    sheet = tmp_path / "funnel_links.csv"
    sheet.write_text("creator,platform,handle,stage\nLéa,instagram,lea.v,deal\nNoé,tiktok,noe,contacted\n",
                     encoding="utf-8")
    db = str(tmp_path / "ws.db")
    runner = CliRunner()
    out = tmp_path / "out.csv"
    unknown = runner.invoke(app, ["links", str(sheet), "--url", URL, "--campaign", "c1", "-o", str(out), "--db", db])
    assert unknown.exit_code == 1 and "influkit campaign new c1" in unknown.stderr  # --campaign is the workspace's
    assert runner.invoke(app, ["campaign", "new", "c1", "--db", db, "-q"]).exit_code == 0
    result = runner.invoke(app, ["links", str(sheet), "--url", URL, "--campaign", "c1", "-o", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["promo_code"] for r in rows] == ["LEAV10", "NOE10"]
    assert "utm_campaign=c1" in rows[0]["tracked_url"]
    with Store(db) as store:
        c1 = int(store.campaign("c1")["id"])
        assert store.load_list(c1).get("promo_code") == ["LEAV10", "NOE10"]
        lea = store.account_id("instagram", "lea.v")
        assert lea is not None and store.campaign_account(c1, lea)["promo_code"] == "LEAV10"  # type: ignore[index]
    original = sheet.read_bytes()
    inplace = runner.invoke(app, ["links", str(sheet), "--url", URL, "--campaign", "c1", "--in-place", "--db", db,
                                  "--code-pattern", "{CREATOR}-{CAMPAIGN}"])
    assert inplace.exit_code == 0, inplace.output
    assert (tmp_path / "funnel_links.bak.csv").read_bytes() == original
    rows = list(csv.DictReader(sheet.open(encoding="utf-8")))  # the sheet's own columns, then ours, in English
    assert [r["Promo code"] for r in rows] == ["LEAC1", "NOEC1"]
    assert list(rows[0])[:4] == ["creator", "platform", "handle", "stage"] and "Tracked link" in rows[0]
    # the workspace list, as JSON on stdout, equals the library call on the same table
    again = runner.invoke(app, ["links", "--url", URL, "--campaign", "c1", "--db", db,
                                "-o", "-", "--format", "json"])
    assert again.exit_code == 0, again.output
    with Store(db) as store:
        table = store.load_list(int(store.campaign("c1")["id"]))
    add_links(table, url=URL, campaign="c1")
    assert json.loads(again.stdout) == json.loads(json.dumps(table.records()))


def test_cli_links_bad_url(tmp_path: Path) -> None:
    sheet = tmp_path / "funnel_links.csv"
    sheet.write_text("creator,platform,handle\nLéa,instagram,lea.v\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["links", str(sheet), "--url", "brand.example", "--campaign", "c"])
    assert result.exit_code == 2 and "full http(s) link" in result.stderr


def test_existing_codes_checked_for_collisions_and_kept_verbatim() -> None:
    t = table_of([
        ("Bob", "instagram", "bob", "lea-v10"),    # kept as typed
        ("Carl", "instagram", "carl", "LEAV10"),   # same code once case/punctuation are ignored: replaced
        ("Carl", "tiktok", "carl_tt", None),       # Carl's other account gets Carl's new code
        ("Bob", "tiktok", "bob_tt", "LEA-V10"),    # Bob's own code again: not a collision
        ("Ivan", "instagram", "ivan", "ЛЕА"),      # no Latin letter: kept, with a warning
        ("Dan", "instagram", "lea.v", None),       # generated LEAV10 is taken by Bob: suffix
    ])
    counts = add_links(t, url=URL, campaign="c")
    assert t.get("promo_code") == ["lea-v10", "LEAV10", "LEAV10", "LEA-V10", "ЛЕА", "LEAV10A"]  # typed: never changed
    assert (counts["codes_kept"], counts["codes_clashing"], counts["codes_made"], counts["collisions"]) == (2, 1, 1, 1)
    assert len(counts["warnings"]) == 3
    assert counts["warnings"][0].startswith("row 2: promo code 'lea-v10' (Bob) has accents, spaces or signs: kept, "
                                            "but shoppers often type LEAV10")
    assert counts["warnings"][1].startswith("row 3: promo code 'LEAV10' of Carl is also Bob's ('lea-v10', row 2): "
                                            "kept, but the shop's orders cannot tell them apart")
    assert "'ЛЕА' (Ivan) has non-Latin letters: kept" in counts["warnings"][2]
    assert [(i.row, i.field) for i in t.issues] == [(3, "promo_code")]
    assert code_key("lea-v10") == code_key("LEAV10") == "LEAV10" and code_key("\u043b\u0451\u0430") == "\u041b\u0415\u0410"  # лёа -> ЛЕА


def test_a_sheet_code_with_an_accent_is_kept_with_a_warning() -> None:
    t = table_of([("Léa", "instagram", "lea", "LÉA10"), ("Zoé", "instagram", "zoe", "ZOE 15"),
                  ("Tom", "instagram", "tom", "TOM10")])
    counts = add_links(t, url=URL, campaign="c")
    assert t.get("promo_code") == ["LÉA10", "ZOE 15", "TOM10"]
    assert [w.split(":")[0] for w in counts["warnings"]] == ["row 2", "row 3"]
    assert "create LEA10 there too" in counts["warnings"][0] and "create ZOE15 there too" in counts["warnings"][1]


def test_cli_links_reports_clashing_codes(tmp_path: Path) -> None:
    sheet = tmp_path / "links_clash.csv"
    sheet.write_text("creator,platform,handle,promo_code\nBob,instagram,bob,lea-v10\nCarl,instagram,carl,LEAV10\n",
                     encoding="utf-8")
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["links", str(sheet), "--url", URL, "--campaign", "c", "-o", str(out),
                                      "--no-store", "--db", str(tmp_path / "ws.db")])
    assert result.exit_code == 0, result.output
    assert "1 also another creator's (kept, see the warnings)" in result.stderr
    assert "promo code 'LEAV10' of Carl is also Bob's" in result.stderr and "0 empty promo-code cells filled with 0 new codes" in result.stderr
    assert [r["promo_code"] for r in csv.DictReader(out.open(encoding="utf-8"))] == ["lea-v10", "LEAV10"]


def test_code_falls_back_and_keeps_pattern_text() -> None:
    # empty handle: the creator's name; no Latin name either: a generated code
    assert make_code("{HANDLE}10", handle="", creator="Léa Vernoux", campaign="c", platform="instagram") == "LEAVERNOUX10"
    gen = make_code("{CREATOR}10", handle="", creator="Иван Петров", campaign="c", platform="instagram")
    assert len(gen) == 8 and gen.endswith("10") and set(gen[:-2]) <= set(SAFE_ALPHABET)
    assert make_code("{CREATOR}10", handle="ivan_p", creator="Иван Петров", campaign="c", platform="x") == "IVANP10"
    # a Cyrillic campaign alone gives no text: generated as well, never just "10"
    assert len(make_code("{CAMPAIGN}10", handle="", creator="", campaign="весна", platform="x")) == 8
    # the placeholders share the budget; the pattern's text stays
    shared = make_code("{CAMPAIGN}{HANDLE}10", handle="lea.v", creator="", campaign="printemps-2026-lancement",
                       platform="instagram")
    assert shared == "PRINTEMPS2026LLEAV10"
    both_long = make_code("{CAMPAIGN}-{HANDLE}-X10", handle="lea.vernoux.officiel", creator="",
                          campaign="printemps-2026-lancement", platform="instagram")
    assert both_long == "PRINTEMPSLEAVERNOX10"  # 17 characters of room: 9 + 8
    # a collision suffix takes room from the placeholders, not from the pattern's text
    long = make_code("{HANDLE}10", handle="la.cuisine.de.camille.officielle", creator="", campaign="c",
                     platform="instagram",
                     suffix="2")
    assert long == "LACUISINEDECAMILL102"
    with pytest.raises(UsageError, match="its own text is 19 characters"):
        add_links(table_of([("A", "instagram", "a", None)]), url=URL, campaign="c",
                  code_pattern="{HANDLE}ABCDEFGHIJKLMNOPQRS")


def test_a_tracked_link_typed_in_the_sheet_is_kept(tmp_path: Path) -> None:
    """The team's own "Lien suivi" column is read as the tracked link (not as a profile link) and kept by
    `links`, as a typed promo code is: it may be live with the creator."""
    import influkit

    path = tmp_path / "l.csv"
    own = "https://shop.example/p?utm_source=instagram&utm_content=ana.b"
    path.write_text(f"Nom,Compte,Réseau,Lien suivi\nAna,ana.b,Instagram,{own}\nBen,ben.c,Instagram,\n",
                    encoding="utf-8")
    t = influkit.links(str(path), url="https://shop.example/new", campaign="c1", store=None)
    assert t.get("tracked_url")[0] == own and t.get("tracked_url")[1].startswith("https://shop.example/new?")
    assert t.get("profile_url")[0] == "https://www.instagram.com/ana.b/" and t.counts["links_kept"] == 1


def test_a_campaigns_name_is_a_plain_utm_word(tmp_path: Path) -> None:
    """utm_campaign from a campaign named "Éclat d'Hiver" is eclat-d-hiver (analytics tools show it as
    typed); --utm-campaign is kept as given."""
    import influkit

    path = tmp_path / "l.csv"
    path.write_text("Nom,Compte,Réseau\nAna,ana.b,Instagram\n", encoding="utf-8")
    t = influkit.links(str(path), url="https://shop.example/p", campaign="Éclat d'Hiver", store=None)
    assert "utm_campaign=eclat-d-hiver&" in t.get("tracked_url")[0]
    given = influkit.links(str(path), url="https://shop.example/p", campaign="x", utm_campaign="Spring26", store=None)
    assert "utm_campaign=Spring26&" in given.get("tracked_url")[0]


def test_links_made_by_influkit_are_made_again_from_a_new_url(tmp_path: Path) -> None:
    """A second `links` run with another --url remakes the links influkit made itself (its utm_medium and
    utm_content), and keeps the one the team typed."""
    import influkit

    path = tmp_path / "l.csv"
    own = "https://partner.example/ana?ref=42"
    path.write_text(f"Nom,Compte,Réseau,Lien suivi\nAna,ana.b,Instagram,{own}\nBen,ben.c,Instagram,\n",
                    encoding="utf-8")
    db = str(tmp_path / "ws.db")
    influkit.links(str(path), url="https://shop.example/old", store=db)
    again = influkit.links(url="https://shop.example/new", store=db)
    assert again.get("tracked_url")[0] == own and again.get("tracked_url")[1].startswith("https://shop.example/new?")


@pytest.mark.parametrize(("headers", "link", "code"), [
    (["Name", "Instagram", "TikTok", "Status"], "Tracked link", "Promo code"),
    (["Nom", "Instagram", "TikTok", "Statut"], "Lien suivi", "Code promo"),
])
def test_links_in_place_on_a_wide_sheet_write_one_column_per_network(
        tmp_path: Path, headers: list[str], link: str, code: str) -> None:
    """A sheet with one row per person and a column per network: each account's tracked link and promo code
    go to its network's column, named in the sheet's language as enrich's are ("Tracked link Instagram",
    "Lien suivi TikTok"). Before, one "Tracked link" column held the last account's link of each row
    (Amara's TikTok link; her Instagram one was lost)."""
    import openpyxl

    import influkit
    from sheetmaker import xlsx

    path = xlsx(tmp_path / "wide.xlsx", {"Prospects": [
        headers,
        ["Amara", "@amaraskin.ldn", "@amaraskin", "Contacted"],
        ["Chloe", "@chloe.glowsup", None, "Replied"],
        ["Tom", None, "@tom.tt", None],
    ]})
    influkit.links(str(path), url="https://shop.example/serum", campaign="spring26", store=None, in_place=True)
    ws = openpyxl.load_workbook(path)["Prospects"]
    top = [c.value for c in ws[1]]
    assert top[:4] == headers
    assert top[4:] == [f"{link} Instagram", f"{link} TikTok", f"{code} Instagram", f"{code} TikTok"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert "utm_source=instagram" in rows[0][4] and "utm_content=amaraskin.ldn" in rows[0][4]
    assert "utm_source=tiktok" in rows[0][5] and "utm_content=amaraskin" in rows[0][5]
    assert rows[0][6] == rows[0][7] == "AMARASKINLDN10"  # one code per creator, in each network's column
    assert "utm_source=instagram" in rows[1][4] and rows[1][5] is None and rows[1][7] is None
    assert rows[2][4] is None and "utm_source=tiktok" in rows[2][5] and rows[2][6] is None


def test_links_in_place_on_a_wide_sheet_fill_its_own_promo_code_column(tmp_path: Path) -> None:
    """A wide sheet that keeps one promo code per person ("Code promo") gets the codes there; the tracked
    links, one per account, in a column per network."""
    import openpyxl

    import influkit
    from sheetmaker import xlsx

    path = xlsx(tmp_path / "wide.xlsx", {"Suivi": [
        ["Nom", "Instagram", "TikTok", "Code promo"],
        ["Léa", "@lea.ig", "@lea.tt", None],
    ]})
    influkit.links(str(path), url="https://shop.example/p", campaign="c", store=None, in_place=True)
    ws = openpyxl.load_workbook(path)["Suivi"]
    assert [c.value for c in ws[1]] == ["Nom", "Instagram", "TikTok", "Code promo", "Lien suivi Instagram",
                                        "Lien suivi TikTok"]
    row = [c.value for c in ws[2]]
    assert row[3] == "LEAIG10" and "utm_source=instagram" in row[4] and "utm_source=tiktok" in row[5]
