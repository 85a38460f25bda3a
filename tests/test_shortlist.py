from __future__ import annotations

import json
import os
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

import influkit
from influkit.brand import load_brand
from influkit.cards import build_cards, card_html, card_markdown
from influkit.cli.app import app
from influkit.errors import InfluError
from influkit.fit import method_lines, score_table
from influkit.pipeline import enrich, read_table
from influkit.selection import select, write_shortlist
from influkit.table import Table

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
FIXTURE = GOLDEN / "prospects_fixture.csv"
BRAND = HERE.parent / "examples" / "brand.toml"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"  # regenerate the golden files after a deliberate change


def scored() -> Table:
    """What `influkit shortlist FILE --brand ...` works on: the file enriched offline, then scored."""
    table = enrich(str(FIXTURE), store=None)
    score_table(table, load_brand(str(BRAND)), "en")
    return table


def check_golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME. A missing golden file fails: it is written only on request
    (UPDATE_GOLDEN=1), after a deliberate change, and then read by eye before it is committed."""
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {name}: run with UPDATE_GOLDEN=1, check it by eye, commit it"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


def export(tmp_path: Path, fmt: str) -> str:
    brand = load_brand(str(BRAND))
    chosen = select(scored(), top=5)
    out = tmp_path / f"shortlist.{fmt}"
    write_shortlist(chosen, str(out), title=f"Shortlist — {brand.name}", profile_rows=brand.summary_rows(),
                    method=method_lines(brand))
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_exports_match_golden_files(tmp_path: Path, fmt: str) -> None:
    text = export(tmp_path, fmt)
    check_golden(f"shortlist.{fmt}", text)
    assert "lea.veggie" in text and "maxwin" not in text


def test_untrusted_text_is_neutralised_and_escaped(tmp_path: Path) -> None:
    table = scored()
    k = table.get("handle").index("zoe.wellness")
    table.data["creator"][k] = '=HYPERLINK("http://x")<script>alert(1)</script>'
    chosen = select(table, top=5)
    html_out, md_out, csv_out = (tmp_path / "s.html", tmp_path / "s.md", tmp_path / "s.csv")
    for path in (html_out, md_out, csv_out):
        write_shortlist(chosen, str(path))
    html_text = html_out.read_text(encoding="utf-8")
    assert "<script>" not in html_text and "&lt;script&gt;" in html_text
    assert "&#x27;=HYPERLINK(&quot;http://x&quot;)" in html_text
    assert "'=HYPERLINK" in md_out.read_text(encoding="utf-8")
    assert "\"'=HYPERLINK(\"\"http://x\"\")<script>" in csv_out.read_text(encoding="utf-8")
    card = build_cards(chosen, table)
    assert all("<script>" not in card_html(c) for c in card)


def test_selection_filters() -> None:
    table = scored()
    assert [r["handle"] for r in select(table, top=3).rows()] == ["lea.veggie", "lea.veggie", "ines.cuisine"]
    per = select(table, per_platform=1)
    assert sorted(per.get("platform")) == ["instagram", "tiktok", "youtube"]
    assert [r["handle"] for r in select(table, platforms=["tiktok"]).rows()] == ["lea.veggie"]
    assert set(select(table, tiers=["mid"]).get("tier")) == {"mid"}
    assert min(select(table, min_score=50).get("score")) >= 50
    assert len(select(table, min_score=0.1)) == 6  # the two blocked rows (score 0) are out
    with pytest.raises(InfluError, match="no scores"):
        select(read_table(str(FIXTURE)), top=3)


def test_xlsx_formats(tmp_path: Path) -> None:
    out = tmp_path / "shortlist.xlsx"
    runner = CliRunner()
    db = str(tmp_path / "ws.db")
    scored_run = runner.invoke(app, ["score", str(FIXTURE), "--brand", str(BRAND), "-o", str(tmp_path / "all.csv"),
                                     "--db", db])
    assert scored_run.exit_code == 0, scored_run.output
    french = runner.invoke(app, ["shortlist", "--top", "5", "-o", str(tmp_path / "liste.xlsx"), "--db", db])
    assert french.exit_code == 0, french.output  # the sheet's headers are French: so is the shortlist
    wb = openpyxl.load_workbook(tmp_path / "liste.xlsx")
    assert wb.sheetnames == ["Sélection", "Profil et méthode"]
    reasons = [c.value for c in wb["Sélection"][2] if isinstance(c.value, str) and "correspondances" in c.value]
    assert reasons and "dans le budget de 800\u00a0€" in reasons[0]
    result = runner.invoke(app, ["shortlist", "--top", "5", "-o", str(out), "--db", db, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "5 of 8 accounts (4 of 7 creators) shortlisted" in result.stderr  # Léa on two networks
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Shortlist", "Brand and method"]
    ws = wb["Shortlist"]
    header = [c.value for c in ws[1]]
    assert "ER vs tier median" in header and "er_vs_tier" not in header  # readable labels (issue #13)
    from influkit.labels import column_of_label

    col = {(column_of_label(name) or (name, None))[0]: i + 1 for i, name in enumerate(header)}
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:")
    assert ws.cell(2, col["engagement_rate"]).number_format == "0.00%"
    assert ws.cell(2, col["followers"]).number_format == "#,##0"
    assert ws.cell(2, col["followers"]).value == 24500
    link = ws.cell(2, col["profile_url"])
    assert link.hyperlink is not None and link.hyperlink.target == "https://www.instagram.com/lea.veggie/"
    assert ws.cell(2, col["handle"]).value == "lea.veggie" and ws.cell(2, col["rank"]).value == 1
    assert ws[1][0].font.bold
    letter = openpyxl.utils.get_column_letter(col["score"])
    scales = [r for rng in ws.conditional_formatting for r in rng.rules
              if r.type == "colorScale" and letter in str(rng.sqref)]
    assert scales, "no colour scale on score"
    assert ws.column_dimensions[openpyxl.utils.get_column_letter(col["reasons"])].width >= 40
    sheet2 = {r[0]: r[1] for r in wb["Brand and method"].iter_rows(values_only=True)}
    assert sheet2["brand"] == "Maison Verveine"
    assert sheet2["budget"] == "€800 per post"
    assert "Typology" in sheet2["competitors"]
    assert any(k == "method" for k in sheet2)


def test_cli_json_equals_library(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "ws.db")
    result = runner.invoke(app, ["shortlist", str(FIXTURE), "--brand", str(BRAND), "--top", "4",
                                 "--per-platform", "2", "-o", "-", "--format", "json", "--db", db, "--lang", "en"])
    assert result.exit_code == 0, result.output
    expected = select(scored(), top=4, per_platform=2).records()
    assert json.loads(result.stdout) == expected
    assert [r["platform"] for r in expected].count("instagram") == 2


def test_cards(tmp_path: Path) -> None:
    table = scored()
    chosen = select(table, top=3)
    cards = build_cards(chosen, table)
    assert [c.name for c in cards] == ["Léa Martin", "Inès Benali"]
    lea = cards[0]
    assert [n["platform"] for n in lea.networks] == ["instagram", "tiktok"]
    check_golden("card_lea-martin.md", card_markdown(lea))
    check_golden("card_lea-martin.html", card_html(lea))
    runner = CliRunner()
    folder = tmp_path / "cards"
    result = runner.invoke(app, ["shortlist", str(FIXTURE), "--brand", str(BRAND), "--top", "3", "-o",
                                 str(tmp_path / "s.md"), "--cards", str(folder), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["ines-benali.html", "ines-benali.md", "lea-martin.html",
                                                         "lea-martin.md"]
    assert (folder / "lea-martin.md").read_text(encoding="utf-8") == card_markdown(lea)


def test_a_card_shows_the_price_asked_and_the_fair_price_in_the_cards_language() -> None:
    """A client choosing creators reads what each network costs: the price asked (a range, what it buys,
    gifting, on request) beside influkit's fair price, in whole units, in French or English."""
    from influkit.cards import price_text

    row = {"price_quoted": 800, "currency": "EUR", "price_per": "2 vidéos", "est_price_low": 600.4,
           "est_price_high": 899.6, "price_currency": "EUR"}
    assert price_text(row, "fr") == "800\u00a0€ demandés pour 2 vidéos · prix estimé 600\u00a0€ – 900\u00a0€"
    ranged = {"price_quoted": 300, "price_quoted_high": 500, "currency": "USD"}
    assert price_text(ranged, "en") == "$300–$500 asked"
    # a price per unit ("$300/post", read as price_per "post") is asked per post, not "for post"
    each = {"price_quoted": 300, "currency": "USD", "price_per": "post"}
    assert (price_text(each, "en"), price_text(each, "fr")) == ("$300 asked per post", "300\u00a0$ demandés par post")
    assert price_text({"price_quoted": 0, "price_note": "gifting"}, "fr") == "cadeau"
    assert price_text({"price_note": "on_request"}, "en") == "on request"
    assert price_text({"followers": 1000}, "en") == ""
    card = build_cards(select(scored(), top=3), scored(), lang="fr")[0]
    prices = dict(card.facts())["Prix"]
    assert prices.startswith("Instagram : 600\u00a0€ demandés · prix estimé ") and "TikTok : 900\u00a0€ demandés" in prices


def test_cli_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "empty.db")
    no_list = runner.invoke(app, ["shortlist", "--top", "3", "--db", db])
    assert no_list.exit_code == 1 and "no list yet" in no_list.stderr
    bad_ext = runner.invoke(app, ["shortlist", "--top", "3", "-o", "x.pdf", "--db", db])
    assert bad_ext.exit_code == 2 and "cannot tell the format" in bad_ext.stderr
    no_brand = runner.invoke(app, ["shortlist", str(FIXTURE), "--top", "3"])
    assert no_brand.exit_code == 2 and "--brand" in no_brand.stderr


@pytest.mark.parametrize("spelling", ["ig", "IG", "Insta", " Instagram "])
def test_platform_filter_accepts_the_usual_spellings(spelling: str) -> None:
    table = scored()
    expected = select(table, platforms=["instagram"])
    assert len(expected) > 0
    assert select(table, platforms=[spelling]).records() == expected.records()
    assert set(select(table, platforms=["YT", "Tik Tok"]).get("platform")) == {"youtube", "tiktok"}


def test_tier_filter_is_case_insensitive() -> None:
    table = scored()
    assert select(table, tiers=["MID"]).records() == select(table, tiers=["mid"]).records()
    assert len(select(table, tiers=["Mid "])) > 0


def test_cli_unknown_platform_or_tier_is_a_usage_error(tmp_path: Path) -> None:
    runner = CliRunner()
    for option, value in (("--platform", "myspace"), ("--tier", "giant")):
        out = tmp_path / f"{value}.csv"
        result = runner.invoke(app, ["shortlist", str(FIXTURE), "--brand", str(BRAND), option, value,
                                     "-o", str(out), "--db", str(tmp_path / "ws.db")])
        assert result.exit_code == 2, result.output
        assert f"{option} '{value}'" in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert not out.exists()


def test_cli_ig_shortlists_instagram_rows(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["shortlist", str(FIXTURE), "--brand", str(BRAND), "--platform", "IG",
                                      "-o", "-", "--format", "json", "--db", str(tmp_path / "ws.db")])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and {r["platform"] for r in rows} == {"instagram"}


def test_cli_no_row_left_says_so_and_writes_the_empty_export(tmp_path: Path) -> None:
    out = tmp_path / "none.csv"
    result = CliRunner().invoke(app, ["shortlist", str(FIXTURE), "--brand", str(BRAND), "--min-score", "101",
                                      "-o", str(out), "--db", str(tmp_path / "ws.db")])
    assert result.exit_code == 0, result.output
    assert "no creator left after the filters (--min-score 101.0)" in result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and lines[0].startswith("creator,")


# --- `influkit score` never replaces the workspace's list by mistake (regressions) -------------------

def _stored_list(db: str) -> tuple[list[dict], dict]:  # type: ignore[type-arg]
    from influkit.store import Store

    with Store(db) as store:
        return store.load_list().records(), store.list_meta()


def test_score_explain_unknown_handle_fails_without_touching_the_store(tmp_path: Path) -> None:
    db = str(tmp_path / "ws.db")
    runner = CliRunner()
    first = runner.invoke(app, ["score", str(FIXTURE), "--brand", str(BRAND), "-o", "-", "-f", "json", "--db", db])
    assert first.exit_code == 0, first.output
    before = _stored_list(db)
    other = tmp_path / "other.csv"
    other.write_text("platform,handle,followers\ninstagram,someone_else,12000\n", encoding="utf-8")
    missing = runner.invoke(app, ["score", str(other), "--brand", str(BRAND), "--explain", "nobody", "--db", db])
    assert missing.exit_code == 1
    assert missing.stderr.strip() == f"influkit: {other}: no creator with handle or name 'nobody' in the list"
    assert missing.stdout == ""
    assert _stored_list(db) == before
    fresh_db = tmp_path / "fresh.db"
    again = runner.invoke(app, ["score", str(other), "--brand", str(BRAND), "--explain", "nobody",
                                "--db", str(fresh_db)])
    assert again.exit_code == 1 and not fresh_db.exists()


def test_score_of_a_header_only_sheet_keeps_the_workspace_list(tmp_path: Path) -> None:
    db = str(tmp_path / "ws.db")
    runner = CliRunner()
    assert runner.invoke(app, ["score", str(FIXTURE), "--brand", str(BRAND), "-o", "-", "-f", "json",
                               "--db", db]).exit_code == 0
    before = _stored_list(db)
    empty = tmp_path / "empty.csv"
    empty.write_text("platform,handle,followers\n", encoding="utf-8")
    out = tmp_path / "empty.scored.csv"
    result = runner.invoke(app, ["score", str(empty), "--brand", str(BRAND), "-o", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    assert "the list has no rows: nothing scored; the workspace's current list was left as it was" in result.stderr
    assert _stored_list(db) == before
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1  # the header only


def test_a_bounded_shortlist_writes_the_reasons_of_its_own_rows_the_same_as_a_full_one() -> None:

    everyone = influkit.shortlist(str(FIXTURE), brand=str(BRAND), store=None)
    top = influkit.shortlist(str(FIXTURE), brand=str(BRAND), top=3, store=None)
    assert len(top) == 3 and all(top.get("reasons"))
    assert top.get("reasons") == everyone.get("reasons")[:3] and top.get("handle") == everyone.get("handle")[:3]
    assert top.full is not None
    chosen = set(top.meta["indexes"])
    assert [i for i, r in enumerate(top.full.get("reasons")) if r] == sorted(chosen)


def test_a_row_naming_no_account_is_not_shortlisted(tmp_path: Path) -> None:
    """A scored row without handle or profile link (its link was a post) is never shortlisted: the library
    counts it, the command line says so."""
    sheet = tmp_path / "p.csv"
    sheet.write_text("Nom,Lien,Abonnés,Catégorie\n"
                     "Ana,https://www.instagram.com/ana.vegan/,20000,beauté vegan\n"
                     "Ben,https://www.instagram.com/p/CxYz/,90000,beauté vegan\n"
                     "Cléo,https://www.instagram.com/cleo.bio/,15000,beauté\n", encoding="utf-8")
    table = enrich(str(sheet), store=None)
    score_table(table, load_brand(str(BRAND)), "en")
    assert table.get("score")[1] is not None  # scored, with its issue
    chosen = select(table)
    assert chosen.get("creator") == ["Ana", "Cléo"] and chosen.meta["no_account"] == 1
    runner = CliRunner()
    result = runner.invoke(app, ["shortlist", str(sheet), "--brand", str(BRAND), "--no-store", "-o",
                                 str(tmp_path / "s.csv")])
    assert result.exit_code == 0, result.output
    assert "left out: 1 row naming no account (no handle, no profile link: see their issues)" in result.stderr


def test_a_creator_the_profile_blocks_has_no_rank_and_is_never_shortlisted(tmp_path: Path) -> None:
    """An exclusion or a competitor sets the score to 0 and says why; such a creator is no candidate: no
    rank, and no shortlist takes it, even without --top (the library counts them, the command line says so)."""

    table = scored()
    blocked = [i for i, r in enumerate(table.get("reasons")) if r and r.startswith("BLOCKED")]
    assert len(blocked) == 2 and all(table.get("score")[i] == 0 and table.get("rank")[i] is None for i in blocked)
    ranked = sorted(r for r in table.get("rank") if r is not None)
    assert ranked == list(range(1, len(ranked) + 1))  # no gap where the blocked ones were
    everyone = influkit.shortlist(str(FIXTURE), brand=str(BRAND), store=None, stage=["all"])
    handles = {table.get("handle")[i] for i in blocked}
    assert everyone.blocked == 2 and not handles & set(everyone.get("handle"))
    ranked_rows = [i for i in range(len(table)) if table.get("rank")[i] and not table.get("duplicate_of")[i]]
    assert len(everyone) == len(ranked_rows)
    result = CliRunner().invoke(app, ["shortlist", str(FIXTURE), "--brand", str(BRAND), "--no-store", "--stage", "all",
                                      "-o", str(tmp_path / "s.csv")])
    assert result.exit_code == 0, result.output
    assert "left out: 2 creators blocked by the profile (an exclusion or a competitor" in result.stderr
    explained = CliRunner().invoke(app, ["score", str(FIXTURE), "--brand", str(BRAND), "--no-store", "--lang", "en",
                                         "--explain", sorted(handles)[0], "-f", "json"])
    assert json.loads(explained.stdout)["explained"][0]["rank"] is None


def test_a_price_set_after_scoring_is_in_the_shortlists_scores_and_reasons(tmp_path: Path) -> None:
    """score, then `set --price`, then shortlist without --brand: the creator is scored again with the
    profile the list was scored with, so the reasons speak of the new price, not the old one."""
    sheet = tmp_path / "l.csv"
    sheet.write_text("Nom;Réseau;Pseudo;Abonnés;Likes moy.;Prix;Bio\nSarah;Instagram;sarah.cuisine;20 000;800;600 €;"
                     "cuisine vegan\nCamille;Instagram;camille.b;30 000;900;;vegan\n", encoding="utf-8")
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(sheet), offline=True, store=db)
    influkit.score(brand=str(BRAND), store=db)
    influkit.set_stage("sarah.cuisine", stage="deal", price="800 €", store=db)
    chosen = influkit.shortlist(top=5, store=db)
    k = chosen.get("handle").index("sarah.cuisine")
    assert chosen.get("price_quoted")[k] == 800
    assert "tarif 800\xa0€ dans le budget" in chosen.get("reasons")[k] and "600" not in chosen.get("reasons")[k]


def test_write_shortlist_from_python_speaks_the_sheets_language(tmp_path: Path) -> None:
    """docs/scoring.md's Python example writes what `-o shortlist.xlsx` writes: a French sheet's shortlist
    has French headers without `lang=`."""
    import openpyxl

    import influkit

    chosen = influkit.shortlist(str(FIXTURE), brand=str(BRAND), top=3, store=None)
    write_shortlist(chosen, str(tmp_path / "s.xlsx"), title=chosen.title, profile_rows=chosen.profile_rows,
                    method=chosen.method)
    header = [c.value for c in openpyxl.load_workbook(tmp_path / "s.xlsx").worksheets[0][1]]
    assert "Abonnés" in header and "Followers" not in header


def test_the_summary_counts_a_repeated_row_once(tmp_path: Path) -> None:
    """Found by a new user: "6 of 11 creators shortlisted" for 10 creators, one of them on two rows."""
    src = tmp_path / "l.csv"
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    src.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")  # the first creator again
    result = CliRunner().invoke(app, ["shortlist", str(src), "--brand", str(BRAND), "--top", "3", "--no-store",
                                      "-o", str(tmp_path / "s.csv")])
    assert result.exit_code == 0, result.output
    assert f"3 of {len(lines) - 1} accounts (2 of {len(lines) - 2} creators) shortlisted" in result.stderr  # (Léa: 2)


def test_the_summary_counts_persons_apart_from_their_accounts(tmp_path: Path) -> None:
    """Found by a new user: "5 of 9 creators shortlisted" for 8 persons, one on two networks. Accounts and
    persons are counted apart when they differ (persons as the cards group them: the creator's name)."""
    src = tmp_path / "m.csv"
    src.write_text("Name,Platform,Handle,Followers,Bio\nMaya Stone,Instagram,maya.runs,20000,vegan skincare\n"
                   "Maya Stone,TikTok,mayaruns,50000,vegan\nBob,Instagram,bob.b,10000,skincare\n"
                   "Ann,Instagram,ann.a,9000,food\n", encoding="utf-8")
    said = []
    for top in ("4", "1"):
        result = CliRunner().invoke(app, ["shortlist", str(src), "--brand", str(BRAND), "--top", top, "--no-store",
                                          "-o", str(tmp_path / "s.csv")])
        assert result.exit_code == 0, result.output
        said.append(result.stderr.splitlines()[0].split(" shortlisted")[0])
    assert said == ["4 of 4 accounts (3 of 3 creators)", "1 of 4 accounts (1 of 3 creators)"]


def test_shortlist_without_file_leaves_the_saved_scores_unread_when_it_has_a_profile(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A shortlist of the workspace's scored list with a brand profile scores it again whole: the saved
    scores and reasons (280 MB of a 500k-row list) are not read, and the shortlist is the one the whole
    list gives; without a profile (the one the list was scored with, from the workspace) they are."""
    from influkit.fit import OUTPUT_COLUMNS
    from influkit.store.lists import ListsRepo

    db = str(tmp_path / "ws.db")
    brand = str(Path(__file__).parents[1] / "examples" / "brand.toml")
    influkit.enrich(FIXTURE, offline=True, store=db)
    influkit.score(brand=brand, store=db)
    asked: list[frozenset[str]] = []
    real = ListsRepo.load_list

    def load_list(self: ListsRepo, *args: object, **kwargs: object) -> Table:
        asked.append(frozenset(kwargs.get("replaced") or ()))  # type: ignore[call-overload]
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ListsRepo, "load_list", load_list)
    chosen = influkit.shortlist(brand=brand, top=3, store=db)
    saved = influkit.shortlist(top=3, store=db)
    assert asked == [frozenset(OUTPUT_COLUMNS), frozenset()]
    assert chosen.get("handle") == saved.get("handle") and len(chosen) == 3
    assert chosen.get("reasons") == saved.get("reasons") and all(chosen.get("reasons"))
