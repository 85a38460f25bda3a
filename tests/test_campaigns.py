"""Campaigns over shared creators (issue #12), on both back ends: independent funnels, `set` in one
never moves another, a FILE's funnel is the file's own stages, time in stage only from known dates,
proposals, the creator view, forget, and copying a workspace between back ends."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import influkit
from influkit.cli.app import app
from influkit.errors import InfluError, UsageError
from influkit.store import Store

runner = CliRunner()
HEADER = "Nom,Réseau,Pseudo,Abonnés,Likes moyens,Commentaires moyens,Statut,Date de contact,Date de réponse"
FIRST = [  # brand A's sheet
    "Léa Vernoux,IG,lea.vernoux,150000,7000,500,Signé,2026-01-05,2026-01-12",
    "Zoé Martin,IG,zoe.martin,12000,600,40,A répondu,2026-01-06,2026-01-20",
    "Hugo Tessier,IG,hugo.t,8000,300,20,Contacté,2026-02-01,",
    "Inès Haddad,TikTok,ines.h,90000,5000,200,Repéré,,",
    "Théo Gauvain,YT,theo.g,40000,2000,100,Pas de réponse,2026-01-10,",
    "Clara Morel,IG,clara.m,30000,900,30,En négo,2026-01-08,2026-01-15",
]
SECOND = [  # brand B's sheet: shares Léa, Zoé and Hugo, at other stages
    "Léa Vernoux,IG,lea.vernoux,150000,7000,500,Refusé,2026-02-01,2026-02-03",
    "Zoé Martin,IG,zoe.martin,12000,600,40,Signé,2026-02-01,2026-02-02",
    "Hugo Tessier,IG,hugo.t,8000,300,20,En négo,2026-02-01,2026-02-05",
    "Noé Peyrac,IG,noe.p,5000,200,10,Contacté,2026-02-02,",
]


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-01")


def sheet(tmp_path: Path, name: str, rows: list[str]) -> str:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return str(path)


def stages(report: Any) -> dict[str, tuple[int, int]]:
    return {s["stage"]: (s["current"], s["reached"]) for s in report["stages"]}


def test_two_campaigns_over_shared_creators_keep_independent_funnels(tmp_path: Path, backend: str) -> None:
    first, second = sheet(tmp_path, "a.csv", FIRST), sheet(tmp_path, "b.csv", SECOND)
    influkit.campaign_new("brand-a", store=backend)
    influkit.campaign_new("brand-b", store=backend)
    influkit.enrich(first, offline=True, store=backend, campaign="brand-a")
    influkit.enrich(second, offline=True, store=backend, campaign="brand-b")
    a = influkit.funnel(store=backend, campaign="brand-a")
    b = influkit.funnel(store=backend, campaign="brand-b")
    assert stages(a) == stages(influkit.funnel(first, store=None))
    assert stages(b) == stages(influkit.funnel(second, store=None))
    assert a["campaign"] == "brand-a" and stages(a)["deal"] == (1, 1) and stages(b)["deal"] == (1, 1)
    # Léa signed for A and declined B; moving her in B never touches A
    report = influkit.set_stage("lea.vernoux", stage="negotiating", campaign="brand-b", store=backend)
    assert report["changes"][0]["previous_stage"] == "declined"
    assert stages(influkit.funnel(store=backend, campaign="brand-a")) == stages(a)
    moved = stages(influkit.funnel(store=backend, campaign="brand-b"))
    assert moved != stages(b) and moved["negotiating"][0] == stages(b)["negotiating"][0] + 1
    # the default campaign holds none of it
    with pytest.raises(InfluError, match="has no list yet"):
        influkit.funnel(store=backend)


def test_importing_the_same_sheet_again_keeps_what_set_changed_since(tmp_path: Path, backend: str) -> None:
    """A stage and a price set by hand after an import stand when the unchanged sheet is imported again;
    a stage the sheet itself moves since its last import is recorded as usual."""
    first = sheet(tmp_path, "a.csv", FIRST)
    influkit.enrich(first, offline=True, store=backend)
    influkit.set_stage("ines.h", stage="negotiating", price="900 €", store=backend)
    again = influkit.enrich(first, offline=True, store=backend)
    assert again.meta["store"]["stage_events"] == 0 and again.meta["store"]["kept_by_hand"] == 1
    with Store(backend) as db:
        ines = {r["handle"]: r for r in db.load_list().rows()}["ines.h"]
    assert ines["stage"] == "negotiating" and ines["price_quoted"] == 900
    moved = sheet(tmp_path, "a.csv", [r.replace("Repéré", "Contacté") if r.startswith("Inès") else r for r in FIRST])
    third = influkit.enrich(moved, offline=True, store=backend)
    assert third.meta["store"]["stage_events"] == 1 and third.meta["store"]["kept_by_hand"] == 0
    with Store(backend) as db:
        assert {r["handle"]: r for r in db.load_list().rows()}["ines.h"]["stage"] == "contacted"
    cli = runner.invoke(app, ["enrich", moved, "--offline", "--db", backend, "-o", str(tmp_path / "x.csv")])
    assert cli.exit_code == 0 and "kept" not in cli.stderr


HANDMADE = "Pseudo;Réseau;Abonnés;Statut;Prix;Notes\n@lina.bio;Instagram;20 000;Contacté;300 €;DM envoyé\n" \
           "@noa.b;Instagram;15 000;A répondu;200 €;relancée\n"


def _record_another_file(tmp_path: Path, backend: str) -> None:
    other = tmp_path / "autre.csv"  # another sheet of the campaign, without the creators changed by hand
    other.write_text("Pseudo;Réseau;Abonnés;Statut\n@zed.c;Instagram;9 000;Repéré\n", encoding="utf-8")
    influkit.enrich(str(other), offline=True, store=backend, campaign="printemps")


def _score(tmp_path: Path, backend: str) -> None:
    brand = tmp_path / "b.toml"
    brand.write_text('name = "Verde"\nthemes = ["beauté"]\n', encoding="utf-8")
    influkit.score(brand=str(brand), store=backend, campaign="printemps")


def _links(tmp_path: Path, backend: str) -> None:
    influkit.links(url="https://verde.example/p", store=backend, campaign="printemps")


def _another_file_then_score(tmp_path: Path, backend: str) -> None:
    _record_another_file(tmp_path, backend)
    _score(tmp_path, backend)


RECORDERS: dict[str, Callable[[Path, str], None]] = {
    "score": _score, "links": _links, "enrich of another file": _record_another_file,
    "another file, then score": _another_file_then_score,
}


@pytest.mark.parametrize("recorder", sorted(RECORDERS))
def test_a_command_recording_after_a_hand_change_never_lets_an_unchanged_sheet_undo_it(
        tmp_path: Path, backend: str, recorder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """D1: after `propose --accept` and `set`, a command that records into the campaign (score, links,
    an import of another file) left the next import of the unchanged sheet free to move the stage back
    and overwrite the agreed price and the notes: what the sheet said at its last import is only ever
    what an import said, and only an import or a hand changes who last wrote an account's fields."""
    path = tmp_path / "liste.csv"
    path.write_text(HANDMADE, encoding="utf-8")
    influkit.campaign_new("printemps", store=backend)
    influkit.enrich(str(path), offline=True, store=backend, campaign="printemps")
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-03")
    influkit.propose("lina.bio", deliverable="story", count=2, price=450, accept=True, store=backend,
                     campaign="printemps")
    influkit.set_stage("lina.bio", note="brief envoyé", store=backend, campaign="printemps")
    influkit.set_stage("noa.b", stage="negotiating", price="250 €", store=backend, campaign="printemps")
    RECORDERS[recorder](tmp_path, backend)
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-09")
    for _ in range(2):  # the same file, unchanged, twice
        again = influkit.enrich(str(path), offline=True, store=backend, campaign="printemps")
        assert again.meta["store"]["stage_events"] == 0 and again.meta["store"]["kept_by_hand"] == 2
    with Store(backend) as db:
        cid = int(db.campaign("printemps")["id"])
        got = {r["handle"]: (r["stage"], r["price_quoted"], r["notes"]) for r in db.load_list(cid).rows()}
        events = [(e["handle"], e["stage"]) for e in db.stage_events(campaign_id=cid)]
    assert got["lina.bio"] == ("deal", 450, "DM envoyé | 2026-03-03: brief envoyé")
    assert got["noa.b"] == ("negotiating", 250, "relancée")
    assert sorted(e for e in events if e[0] == "lina.bio") == [("lina.bio", "contacted"), ("lina.bio", "deal")]
    assert stages(influkit.funnel(store=backend, campaign="printemps"))["deal"][0] == 1
    # the sheet itself moving is still recorded, over the hand's stage
    path.write_text(HANDMADE.replace("Contacté;300 €", "Refusé;300 €"), encoding="utf-8")
    moved = influkit.enrich(str(path), offline=True, store=backend, campaign="printemps")
    assert moved.meta["store"]["stage_events"] == 1
    with Store(backend) as db:
        lina = {r["handle"]: r for r in db.load_list(cid).rows()}["lina.bio"]
    assert lina["stage"] == "declined"


def test_forget_erases_what_the_last_import_said_of_a_creator_changed_by_hand(tmp_path: Path, backend: str) -> None:
    """What the last import said of a creator changed by hand, kept beside the list while another sheet
    is the campaign's list, goes with the creator when they ask to be forgotten."""
    path = tmp_path / "liste.csv"
    path.write_text(HANDMADE, encoding="utf-8")
    influkit.campaign_new("printemps", store=backend)
    influkit.enrich(str(path), offline=True, store=backend, campaign="printemps")
    influkit.set_stage(["lina.bio", "noa.b"], note="brief envoyé", store=backend, campaign="printemps")
    _record_another_file(tmp_path, backend)

    def kept() -> str:
        with Store(backend) as db:
            return str(db.one("SELECT value FROM list_meta WHERE key='sheet_said'")[0])

    assert "DM envoyé" in kept() and "relancée" in kept()
    influkit.forget("lina.bio", store=backend)
    assert "DM envoyé" not in kept() and "relancée" in kept()


def test_an_import_decodes_the_saved_list_once_for_the_accounts_changed_by_hand(
        tmp_path: Path, backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """An import read what the sheet said of the accounts changed by hand from the saved list twice:
    to compare the sheet with (`record_import`) and again to keep it beside the new list (`save_list`):
    a 100k-row list with 50k accounts `set`, 3-4 s more. The import hands what it read to `save_list`
    (`enrich`, and `record_import` saving the list itself), and keeps the same: the creator the new
    sheet leaves out keeps what the last import said of them, and the unchanged sheet imported again
    undoes no hand's change."""
    from influkit.store import lists

    path = tmp_path / "liste.csv"
    path.write_text(HANDMADE, encoding="utf-8")
    influkit.campaign_new("printemps", store=backend)
    influkit.enrich(str(path), offline=True, store=backend, campaign="printemps")
    influkit.set_stage("lina.bio", note="brief envoyé", store=backend, campaign="printemps")
    influkit.set_stage("noa.b", stage="negotiating", price="250 €", store=backend, campaign="printemps")
    decoded: list[int] = []
    real = lists._loads  # (every chunk decoded goes through it, whole or for a few handles' rows)

    def counted(text: str) -> Any:
        decoded.append(len(text))
        return real(text)

    monkeypatch.setattr(lists, "_loads", counted)
    other = tmp_path / "autre.csv"  # Lina as the list said her, Noa left out
    other.write_text(HANDMADE.splitlines()[0] + "\n" + HANDMADE.splitlines()[1] + "\n@zed.c;Instagram;9 000;Repéré;;\n",
                     encoding="utf-8")
    added = influkit.enrich(str(other), offline=True, store=backend, campaign="printemps")
    assert len(decoded) == 1 and added.meta["store"]["stage_events"] == 1  # (Zed's)
    with Store(backend) as db:
        cid = int(db.campaign("printemps")["id"])
        assert {r["handle"]: r["notes"] for r in db.load_list(cid).rows()}["lina.bio"] == \
            "DM envoyé | 2026-03-01: brief envoyé"
        noa = db.account_id("instagram", "noa.b")
        kept = json.loads(db.one("SELECT value FROM list_meta WHERE key='sheet_said'")[0])
        assert list(kept) == [str(noa)] and kept[str(noa)]["stage"] == "replied"
        assert kept[str(noa)]["notes"] == "relancée" and kept[str(noa)]["price_quoted"] == 200
        zed = db.load_list(cid)  # a third sheet without either: both kept beside it, the list decoded once
        zed.data = {c: [v for v, h in zip(zed.get(c), zed.get("handle"), strict=True) if h == "zed.c"]
                    for c in zed.columns}
        zed.source, zed.source_rows = "zed.csv", [2]
        decoded.clear()
        db.write(lambda: db.record_import(zed, campaign_id=cid))
        assert len(decoded) == 1
        kept = json.loads(db.one("SELECT value FROM list_meta WHERE key='sheet_said'")[0])
        lina = db.account_id("instagram", "lina.bio")
        assert sorted(kept) == sorted([str(lina), str(noa)]) and kept[str(lina)]["notes"] == "DM envoyé"
    again = influkit.enrich(str(path), offline=True, store=backend, campaign="printemps")
    assert again.meta["store"]["stage_events"] == 0 and again.meta["store"]["kept_by_hand"] == 1  # (Noa's stage)
    with Store(backend) as db:
        got = {r["handle"]: (r["stage"], r["price_quoted"], r["notes"]) for r in db.load_list(cid).rows()}
    assert got["lina.bio"] == ("contacted", 300, "DM envoyé | 2026-03-01: brief envoyé")
    assert got["noa.b"] == ("negotiating", 250, "relancée")


def test_a_campaigns_funnel_keeps_every_account_when_another_sheet_becomes_its_list(tmp_path: Path,
                                                                                     backend: str) -> None:
    """D2: a second batch imported into a campaign made the campaign's list its 2 rows, and `funnel
    --campaign` lost the first sheet's deals, published post and proposals, while `campaign show`
    still counted them. Without FILE the funnel is every account of the campaign (the list's rows give
    the details of theirs); enrich says how many accounts past identified the new sheet leaves out;
    the list's message counts its file's rows apart from the accounts appended."""
    first = sheet(tmp_path, "a.csv", FIRST)
    batch = tmp_path / "new_fr.csv"
    batch.write_text("Nom;Pseudo;Réseau;Abonnés;Likes moy.;Commentaires moy.;Statut\n"
                     "Nadia Ferrand;@nadia.ferrand;Instagram;22 000;1 100;40;Repérée\n"
                     "Paul Meyer;@paul.meyer;Instagram;31 500;900;30;Repéré\n", encoding="utf-8")
    influkit.campaign_new("verde", store=backend)
    influkit.enrich(first, offline=True, store=backend, campaign="verde")
    influkit.propose("hugo.t", deliverable="story", count=2, price=450, accept=True, store=backend,
                     campaign="verde")
    influkit.propose("clara.m", deliverable="reel", price=600.7, store=backend, campaign="verde")
    before = influkit.funnel(store=backend, campaign="verde")
    added = influkit.enrich(str(batch), offline=True, store=backend, campaign="verde")
    # Léa (deal), Zoé (replied), Hugo (deal), Théo (no reply), Clara (negotiating): Inès is identified
    assert added.meta["store"]["left_out"] == 5
    report = influkit.funnel(store=backend, campaign="verde")
    shown = influkit.campaign_show("verde", store=backend).to_dict()["counts"]
    current = {s["stage"]: s["current"] for s in report["stages"]}
    assert current["deal"] == shown["stages"]["deal"] == 2
    assert report["lost"] == before["lost"] and report["lost"]["no_reply"] == 1
    assert report["prospects"] == shown["accounts"] == 8 and report["rows"]["accounts_not_in_list"] == 6
    assert report["proposals"]["sent"] == sum(p["proposals"] for p in shown["proposals"]) == 2
    assert report["proposals"]["agreed_value"] == {"EUR": 450.0} == before["proposals"]["agreed_value"]
    assert {s["stage"]: s["reached"] for s in report["stages"]}["identified"] == 8
    # a FILE's funnel is still the file's own
    assert influkit.funnel(str(batch), store=backend, campaign="verde")["prospects"] == 2
    cli = runner.invoke(app, ["funnel", "--campaign", "verde", "--db", backend, "-f", "json"])
    assert cli.exit_code == 0, cli.output
    assert re.search(r": 2 rows from \S*new_fr\.csv and 6 accounts of the campaign not in it", cli.stderr)
    again = runner.invoke(app, ["enrich", str(batch), "--campaign", "verde", "--offline", "--db", backend,
                                "-o", str(tmp_path / "x.csv")])
    assert "5 of the campaign's accounts are not in this sheet: they stay in the campaign " \
           "(funnel --campaign counts them)" in again.stderr


def test_a_campaigns_accounts_not_in_its_list_have_their_latest_numbers_read_one_way(
        tmp_path: Path, backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The accounts `funnel --campaign` (`load_list(every_account=True)`) appends to the list had their
    latest numbers read field by field, each field's whole series (beside `latest_numbers`, the same
    idea): 80k accounts, 2 s more. One implementation (`latest_numbers_of`) reads every field at once,
    for the creator view and the list alike: each field's latest day with a value (no relative point,
    no day after today), on that day a live fetch over a history over the sheet, then the source's name."""
    import datetime as dt

    from influkit.schema import BY_NAME
    from influkit.store import SNAPSHOT_FIELDS

    first = sheet(tmp_path, "a.csv", FIRST)
    batch = sheet(tmp_path, "b.csv", ["Noé Peyrac,IG,noe.p,5000,200,10,Contacté,2026-02-02,"])
    influkit.campaign_new("verde", store=backend)
    influkit.enrich(first, offline=True, store=backend, campaign="verde")
    with Store(backend) as db:
        lea, zoe = db.account_id("instagram", "lea.vernoux"), db.account_id("instagram", "zoe.martin")
        assert lea is not None and zoe is not None
        today = dt.date(2026, 3, 1)
        db.add_snapshot(lea, today - dt.timedelta(9), "history:h.csv", {"followers": 140000, "avg_views": 9000})
        db.add_snapshot(lea, today, "instagram", {"followers": 151000})  # over the sheet's 150000 that day
        db.add_snapshot(lea, today + dt.timedelta(4), "instagram", {"followers": 999})  # not yet known
        db.add_followers_series(lea, [(today, 120, False)], "history:gains.csv", relative=True)  # no total
        db.add_snapshot(zoe, today, "history:b.csv", {"followers": 13000})
        db.add_snapshot(zoe, today, "history:a.csv", {"followers": 12500})
    influkit.enrich(batch, offline=True, store=backend, campaign="verde")
    reads: list[str] = []
    real = Store.in_chunks

    def counted(self: Store, sql: str, keys: list[Any], params: tuple[Any, ...] = (), chunk: int = 500) -> list[Any]:
        if "FROM snapshots" in sql:
            reads.append(sql)
        return real(self, sql, keys, params, chunk)

    monkeypatch.setattr(Store, "in_chunks", counted)
    with Store(backend) as db:
        table = db.load_list(int(db.campaign("verde")["id"]), every_account=True)
        assert len(reads) == 1  # every field of the appended accounts in one statement
        rows = {r["handle"]: r for r in table.rows()}
        assert table.meta["accounts_not_in_list"] == 6
        assert (rows["lea.vernoux"]["followers"], rows["lea.vernoux"]["avg_views"]) == (151000, 9000)
        assert rows["lea.vernoux"]["avg_likes"] == 7000 and rows["zoe.martin"]["followers"] == 12500
        for handle, row in rows.items():
            account = db.account_id("instagram" if handle != "ines.h" else "tiktok", handle) \
                or db.account_id("youtube", handle)
            assert account is not None
            latest = db.latest_numbers(account)
            assert {f: row[f] for f in SNAPSHOT_FIELDS if f in BY_NAME and row.get(f) is not None} == \
                {f: v["value"] for f, v in latest.items() if f in BY_NAME}
            for f, v in latest.items():
                day, value, source = db.series(account, f)[-1]
                assert v == {"value": value, "date": day.isoformat(), "source": source}
        assert db.latest_numbers(lea)["followers"] == {"value": 151000, "date": "2026-03-01", "source": "instagram"}
        assert db.latest_numbers(zoe)["followers"]["source"] == "history:a.csv"


def test_results_of_a_campaign_keep_an_earlier_sheets_deals(tmp_path: Path, backend: str) -> None:
    """The same class as the funnel's: after a second batch became the campaign's list, `results` (and
    `report`) without FILE saw only its rows and the accounts changed by hand: the first sheet's deals,
    their promo codes and their sales were left out of the client's numbers. Without FILE they read
    every account of the campaign; and accounts on no sheet row (row 0) are not one person."""
    deals = tmp_path / "deals.csv"
    deals.write_text("creator,platform,handle,stage,price_quoted,promo_code\n"
                     "Léa,instagram,lea,deal,300,LEA10\nNoé,instagram,noe,deal,200,NOE10\n", encoding="utf-8")
    batch = tmp_path / "batch.csv"
    batch.write_text("creator,platform,handle,stage\nMia,instagram,mia,identified\n", encoding="utf-8")
    orders = tmp_path / "orders.csv"
    orders.write_text("Name,Financial Status,Currency,Total,Discount Code\n#1,paid,EUR,50,LEA10\n"
                      "#2,paid,EUR,70,NOE10\n", encoding="utf-8")
    influkit.campaign_new("verde", store=backend)
    influkit.enrich(str(deals), offline=True, store=backend, campaign="verde")
    influkit.enrich(str(batch), offline=True, store=backend, campaign="verde")
    sales = influkit.results(str(orders), store=backend, campaign="verde")
    assert {c["creator"]: c["orders"] for c in sales["creators"] if c["orders"]} == {"Léa": 1, "Noé": 1}
    assert not sales.to_dict().get("unmatched_codes")


def test_a_files_funnel_is_its_own_stages_whatever_the_workspace_holds(tmp_path: Path, backend: str) -> None:
    """The issue's case: a second brand's sheet sharing creators imported into the same workspace (and
    the same default campaign), stages set since: `funnel FIRST` still reports FIRST's stages."""
    first, second = sheet(tmp_path, "a.csv", FIRST), sheet(tmp_path, "b.csv", SECOND)
    own = influkit.funnel(first, store=None)
    influkit.enrich(first, offline=True, store=backend)
    influkit.enrich(second, offline=True, store=backend)
    influkit.set_stage(["hugo.t", "ines.h"], stage="published", store=backend)
    seen = influkit.funnel(first, store=backend)
    assert stages(seen) == stages(own)
    assert seen["lost"] == own["lost"] and seen["prospects"] == own["prospects"]
    cli = runner.invoke(app, ["funnel", first, "--db", backend, "-f", "json", "-q"])
    assert cli.exit_code == 0, cli.output
    assert stages(json.loads(cli.stdout)) == stages(own)


def test_time_in_stage_counts_only_known_dates(tmp_path: Path, backend: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A stage first seen in a sheet has no start date; a change seen between two imports is dated the
    day of the import that saw it; `set --on` dates what it records."""
    path = tmp_path / "s.csv"
    path.write_text("Pseudo,Réseau,Statut\nana,IG,A répondu\nbob,IG,En négo\n", encoding="utf-8")
    influkit.enrich(str(path), offline=True, store=backend)
    report = influkit.funnel(store=backend)
    assert all(t["n"] == 0 for t in report["time_in_stage"])  # nothing dated: no time in stage
    stale = {i["handle"] for i in report["follow_ups"]["items"]}
    assert stale == set()  # no known date: nothing to say about staleness either
    with Store(backend) as db:
        assert {e["on_date"] for e in db.stage_events()} == {None}
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-11")
    path.write_text("Pseudo,Réseau,Statut\nana,IG,En négo\nbob,IG,En négo\n", encoding="utf-8")
    influkit.enrich(str(path), offline=True, store=backend)  # ana moved: dated this import's day
    influkit.set_stage("bob", stage="deal", on="2026-03-05", store=backend)
    with Store(backend) as db:
        dated = {(e["handle"], e["stage"]): e["on_date"] for e in db.stage_events()}
    assert dated == {("ana", "replied"): None, ("bob", "negotiating"): None, ("ana", "negotiating"): "2026-03-11",
                     ("bob", "deal"): "2026-03-05"}
    report = influkit.funnel(store=backend)
    assert stages(report)["deal"] == (1, 1) and stages(report)["negotiating"] == (1, 2)
    assert all(t["n"] == 0 for t in report["time_in_stage"])  # still no stage with a known start AND end


def test_set_an_unknown_handle_changes_nothing(tmp_path: Path, backend: str) -> None:
    influkit.enrich(sheet(tmp_path, "a.csv", FIRST), offline=True, store=backend)
    with Store(backend) as db:
        before = db.rows("SELECT * FROM stage_events ORDER BY id")
    result = runner.invoke(app, ["set", "-", "--stage", "contacted", "--db", backend], input="lea.vernoux\nghost\n")
    assert result.exit_code == 1
    assert "unknown handle ghost" in result.stderr and "nothing changed" in result.stderr
    assert result.stderr.count("\n") == 1
    with Store(backend) as db:
        assert db.rows("SELECT * FROM stage_events ORDER BY id") == before
    ok = runner.invoke(app, ["set", "-", "--stage", "Contacté", "--on", "2026-02-20", "--db", backend, "-f", "json",
                             "-q"], input="# our list\nlea.vernoux\n@zoe.martin\ninstagram:hugo.t\n\n")
    assert ok.exit_code == 0, ok.output
    changes = json.loads(ok.stdout)["changes"]
    assert [(c["handle"], c["previous_stage"], c["stage"], c["on"]) for c in changes] == [
        ("lea.vernoux", "deal", "contacted", "2026-02-20"), ("zoe.martin", "replied", "contacted", "2026-02-20"),
        ("hugo.t", "contacted", "contacted", "2026-02-20")]
    # the hook for writing into the user's sheet: where each row is, and the sheet's own stage header
    assert [(c["sheet_row"], c["stage_header"]) for c in changes] == [(2, "Statut"), (3, "Statut"), (4, "Statut")]
    with pytest.raises(UsageError, match="after today"):
        influkit.set_stage("lea.vernoux", stage="deal", on="2027-01-01", store=backend)


def test_propose_suggests_from_the_format_band_and_accept_makes_the_deal(tmp_path: Path, backend: str) -> None:
    influkit.campaign_new("spring", budget="5 000 €", objectives=["deals=2"], store=backend)
    influkit.enrich(sheet(tmp_path, "a.csv", FIRST), offline=True, store=backend, campaign="spring")
    offer = influkit.propose("zoe.martin", deliverable="Stories", count=3, cta="code", campaign="spring",
                             store=backend)
    hint = offer["suggestion"]
    assert offer["deliverable"] == "story" and offer["status"] == "proposed" and offer["currency"] == "EUR"
    assert hint["low"] < offer["price"] < hint["high"] and "12,000 followers" in hint["method"]
    assert "EUR 1,000 a story for 150k followers" in hint["source"]
    # the seeds' anchor: Léa, 150k followers at 5 % ER, one story -> about EUR 1,000
    anchor = influkit.propose("lea.vernoux", deliverable="story", campaign="spring", store=backend)["suggestion"]
    assert anchor["low"] <= 1000 <= anchor["high"]
    accepted = influkit.propose("zoe.martin", deliverable="story", price=900, accept=True, campaign="spring",
                                store=backend)
    assert accepted["status"] == "accepted" and accepted["accepted_open_proposals"] == 1
    seen = influkit.creator("zoe.martin", store=backend).to_dict()
    (spring,) = [c for c in seen["campaigns"] if c["campaign"] == "spring"]
    assert spring["stage"] == "deal" and spring["price_quoted"] == 900
    assert [(p["deliverable"], p["count"], p["price"]) for p in spring["agreed"]] == [("story", 3, 900)]
    funnel = influkit.funnel(store=backend, campaign="spring")
    assert funnel["proposals"]["sent"] == 2 and funnel["proposals"]["accepted"] == 1
    assert funnel["proposals"]["agreed_value"] == {"EUR": 900}
    shown = influkit.campaign_show("spring", store=backend)
    assert shown["budget"] == 5000 and shown["objectives"] == {"deals": 2}
    assert {(p["status"], p["proposals"]) for p in shown["counts"]["proposals"]} == {("accepted", 1), ("proposed", 1)}
    with pytest.raises(UsageError, match="--deliverable 'billboard'"):
        influkit.propose("zoe.martin", deliverable="billboard", campaign="spring", store=backend)


def test_propose_compares_the_rate_on_its_benchmarks_basis_as_enrich_does(tmp_path: Path) -> None:
    """Found by a new user: a TikTok video's price took the follower-based rate (5.12 %) against
    TikTok's views benchmark (5 %), a factor 1.02 and USD 410-1,230, where enrich's fair price for the
    same account compares its rate by views (8.06 %, factor 1.5: USD 600-1,800). propose uses the rate
    on the benchmark's basis (`metrics.engagement.rate_by_views`, one implementation), as er_vs_tier."""
    db = str(tmp_path / "w.db")
    influkit.campaign_new("usd-camp", currency="USD", store=db)
    path = tmp_path / "video.csv"
    path.write_text("Name,Handle,Platform,Followers,Avg Views,Avg Likes,Avg Comments,Avg Shares\n"
                    "Zoe Park,zoepark,TikTok,120000,80000,6000,150,300\n", encoding="utf-8")
    listed = influkit.enrich(str(path), offline=True, store=db, campaign="usd-camp")
    hint = influkit.propose("zoepark", deliverable="tiktok_video", campaign="usd-camp", store=db)["suggestion"]
    assert (hint["low"], hint["high"]) == (600, 1800) and "ER by views 8.06%" in hint["method"]
    assert listed.get("er_vs_tier")[0] == 1.613 and "engagement factor 1.5" in listed.get("price_method")[0]
    assert "engagement factor 1.50" in hint["method"]  # the same factor as enrich's fair price
    # the open proposal is in creator's table too (found by a new user: only in its JSON)
    shown = runner.invoke(app, ["creator", "zoepark", "--db", db, "-f", "table"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    (line,) = [ln for ln in shown.stdout.splitlines() if "tiktok_video" in ln]
    assert "proposed" in line and "1,200" in line and "USD" in line


def test_creator_shows_every_campaign_with_sources(tmp_path: Path, backend: str) -> None:
    first, second = sheet(tmp_path, "a.csv", FIRST), sheet(tmp_path, "b.csv", SECOND)
    influkit.campaign_new("brand-b", store=backend)
    influkit.enrich(first, offline=True, store=backend)
    influkit.enrich(second, offline=True, store=backend, campaign="brand-b")
    influkit.set_stage("lea.vernoux", post="https://www.instagram.com/p/abc/", campaign="brand-b", store=backend)
    view = influkit.creator("@Lea.Vernoux", store=backend).to_dict()
    (account,) = view["accounts"]
    assert view["creator"] == "Léa Vernoux" and account["latest"]["followers"]["value"] == 150000
    assert account["latest"]["followers"]["source"] == "sheet"
    assert {(p["kind"], p["source"]) for p in account["provenance"]} == {("sheet", "a.csv"), ("sheet", "b.csv"),
                                                                         ("manual", "influkit set")}
    assert {c["campaign"]: c["stage"] for c in view["campaigns"]} == {"default": "deal", "brand-b": "declined"}
    (b,) = [c for c in view["campaigns"] if c["campaign"] == "brand-b"]
    assert b["post_links"][0]["url"] == "https://www.instagram.com/p/abc/" and b["source"].startswith("set")
    assert account["facts"]["tier"]["source"].startswith("list of campaign")
    with pytest.raises(InfluError, match="no creator 'nobody'"):
        influkit.creator("nobody", store=backend)


def test_forget_erases_the_person_and_a_later_import_warns(tmp_path: Path, backend: str) -> None:
    first = sheet(tmp_path, "a.csv", FIRST)
    influkit.enrich(first, offline=True, store=backend)
    with Store(backend) as db:
        lea = db.account_id("instagram", "lea.vernoux")
        assert lea is not None
        db.cache_put("instagram", "user:lea.vernoux", {"followers": 1})
        db.cache_put("instagram", "user:zoe.martin", {"followers": 2})
    exported = influkit.creator("lea.vernoux", export=True, store=backend).to_dict()
    assert exported["export"]["held"]["snapshots"] and exported["export"]["held"]["list_rows"]
    result = runner.invoke(app, ["forget", "lea.vernoux", "--db", backend, "-f", "json"])
    assert result.exit_code == 0, result.output
    erased = json.loads(result.stdout)
    assert erased["forgotten"] == ["instagram:lea.vernoux"]
    assert erased["erased"]["accounts"] == 1 and erased["erased"]["cache_entries"] == 1
    assert erased["erased"]["list_rows"] == 1 and erased["erased"]["stage_events"] == 1
    with Store(backend) as db:
        for table in ("snapshots", "stage_events", "campaign_accounts", "provenance", "posts"):
            assert db.one(f"SELECT COUNT(*) FROM {table} WHERE account_id=?", (lea,))[0] == 0
        assert db.account_id("instagram", "lea.vernoux") is None
        assert db.cache_get("instagram", "user:lea.vernoux") is None and db.cache_get("instagram", "user:zoe.martin")
        everything = json.dumps([[tuple(r) for r in db.rows(f"SELECT * FROM {t}")] for t in db.conn.tables()],
                                ensure_ascii=False, default=str).lower()
        assert "lea.vernoux" not in everything and "vernoux" not in everything
        actions = [a["action"] for a in db.activity()]
        assert actions == ["export", "forget"]
    assert "lea.vernoux" not in influkit.load_list(None, store=backend).get("handle")
    linked = runner.invoke(app, ["links", first, "--url", "https://shop.example/p", "--db", backend, "-o",
                                 str(tmp_path / "l.csv")])  # links records the sheet's accounts too: the same warning
    assert linked.exit_code == 0 and "instagram:lea.vernoux asked to be forgotten on 2026-03-01" in linked.stderr
    again = runner.invoke(app, ["enrich", first, "--offline", "--db", backend, "-o", str(tmp_path / "o.csv")])
    assert again.exit_code == 0
    assert "instagram:lea.vernoux asked to be forgotten on 2026-03-01" in again.stderr
    with pytest.raises(InfluError, match="no creator 'nobody'"):
        influkit.forget("nobody", store=backend)


def test_forget_leaves_no_bytes_of_the_person_in_the_database_files(tmp_path: Path, backend: str,
                                                                    request: pytest.FixtureRequest) -> None:
    """Found by a new user: on PostgreSQL, `forget` deleted the rows but the handle and the name stayed in
    the accounts table's file and its index, even after VACUUM (a delete only marks a row dead). After
    the erase the tables it deleted from are written anew (VACUUM FULL); on SQLite the deleted rows are
    overwritten (secure_delete, whatever the build's default) and the log is checkpointed."""
    influkit.enrich(sheet(tmp_path, "a.csv", FIRST), offline=True, store=backend)
    influkit.forget("lea.vernoux", store=backend)
    if backend.startswith("postgresql"):
        server = request.getfixturevalue("pg_server")
        with Store(backend) as db:
            db.conn.execute("CHECKPOINT")
            paths = [str(r[0]) for r in db.rows("SELECT pg_relation_filepath(c.oid) FROM pg_class c JOIN pg_namespace n "
                                                "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND "
                                                "c.relkind IN ('r', 'i', 't') AND pg_relation_filepath(c.oid) IS NOT NULL")]
        files = [server.root / "data" / p for p in paths]
    else:
        files = [Path(backend), Path(backend + "-wal")]
    held = b"".join(f.read_bytes() for f in files if f.exists())
    assert held and b"lea.vernoux" not in held and b"Vernoux" not in held
    assert b"zoe.martin" in held  # (the others are still there: the files were read)


def test_an_archived_campaign_is_read_not_changed(tmp_path: Path, backend: str) -> None:
    influkit.campaign_new("old", store=backend)
    influkit.enrich(sheet(tmp_path, "a.csv", FIRST), offline=True, store=backend, campaign="old")
    influkit.campaign_archive("old", store=backend)
    assert influkit.funnel(store=backend, campaign="old")["prospects"] == 6
    with pytest.raises(InfluError, match="archived"):
        influkit.set_stage("lea.vernoux", stage="published", campaign="old", store=backend)
    with pytest.raises(InfluError, match="archived"):
        influkit.campaign_edit("old", budget="5 €", store=backend)
    assert influkit.campaign_show("old", store=backend).to_dict()["budget"] is None
    with pytest.raises(UsageError, match="default"):
        influkit.campaign_archive("default", store=backend)
    with pytest.raises(InfluError, match="no campaign 'typo'"):
        influkit.funnel(store=backend, campaign="typo")
    assert [r["status"] for r in influkit.campaign_list(store=backend).records()] == ["active", "archived"]


def test_workspace_copy_sqlite_to_postgresql_and_back(tmp_path: Path, pg_server: Any) -> None:
    src = str(tmp_path / "src.db")
    influkit.campaign_new("spring", budget=1000, store=src)
    influkit.enrich(sheet(tmp_path, "a.csv", FIRST), offline=True, store=src, campaign="spring")
    influkit.propose("zoe.martin", deliverable="reel", campaign="spring", store=src)
    influkit.forget("theo.g", store=src)
    url = pg_server.database()
    result = runner.invoke(app, ["workspace", "copy", src, url, "-f", "json", "-q"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rows"]["accounts"] == 5
    back = str(tmp_path / "back.db")
    influkit.workspace_copy(url, back)

    def dump(target: str) -> dict[str, list[tuple[Any, ...]]]:
        with Store(target) as db:
            return {t: sorted(tuple(str(v) for v in r) for r in db.rows(f"SELECT * FROM {t}"))
                    for t in ("accounts", "snapshots", "campaigns", "campaign_accounts", "stage_events", "proposals",
                              "list_chunks", "list_meta", "forgotten", "provenance")}

    assert dump(src) == dump(url) == dump(back)
    assert influkit.funnel(store=url, campaign="spring").to_dict() == influkit.funnel(store=src,
                                                                                      campaign="spring").to_dict()
    with pytest.raises(InfluError, match="already holds data"):
        influkit.workspace_copy(src, url)
    with Store(url) as db:  # identities continue after the copied keys
        assert db.upsert_account("youtube", "fresh") > max(int(r[0]) for r in db.rows("SELECT id FROM accounts "
                                                                                       "WHERE handle<>'fresh'"))


def test_forget_refuses_a_handle_two_different_creators_use(tmp_path: Path) -> None:
    """The same handle on Instagram (Léa Vernoux) and TikTok (Lea TT) is two people: without --platform
    `forget` erases nothing and says so (exit 2); with it, only that account goes. The same person on two
    networks (one name) is still erased whole."""
    db = str(tmp_path / "ws.db")
    path = tmp_path / "two.csv"
    path.write_text("creator,platform,handle\nLéa Vernoux,instagram,lea.vernoux\nLea TT,tiktok,lea.vernoux\n"
                    "Zoé,instagram,zoe\nZoé,tiktok,zoe\n", encoding="utf-8")
    listing = str(path)
    influkit.enrich(listing, offline=True, store=db)
    result = runner.invoke(app, ["forget", "lea.vernoux", "--db", db])
    assert result.exit_code == 2 and "different creators" in result.stderr and "--platform" in result.stderr
    with Store(db) as ws:
        assert ws.account_id("instagram", "lea.vernoux") and ws.account_id("tiktok", "lea.vernoux")
    assert influkit.forget("lea.vernoux", platform="tiktok", store=db).to_dict()["forgotten"] == ["tiktok:lea.vernoux"]
    assert influkit.forget("zoe", store=db).to_dict()["forgotten"] == ["instagram:zoe", "tiktok:zoe"]


def test_a_forgotten_person_recorded_again_is_said_even_with_q(tmp_path: Path) -> None:
    db = str(tmp_path / "ws.db")
    first = sheet(tmp_path, "a.csv", FIRST)
    influkit.enrich(first, offline=True, store=db)
    assert runner.invoke(app, ["forget", "lea.vernoux", "--db", db, "-q"]).exit_code == 0
    again = runner.invoke(app, ["enrich", first, "--offline", "--db", db, "-q", "-o", str(tmp_path / "o.csv")])
    assert again.exit_code == 0, again.output
    lines = again.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("warning: instagram:lea.vernoux asked to be forgotten on")
    loud = runner.invoke(app, ["forget", "lea.vernoux", "--db", db, "-q"])
    assert loud.exit_code == 0
    said = runner.invoke(app, ["enrich", first, "--offline", "--db", db, "-o", str(tmp_path / "o.csv")]).stderr
    assert "\nwarning: instagram:lea.vernoux asked to be forgotten" in said and "note: warning:" not in said


def test_a_command_that_fails_or_only_reads_creates_no_workspace(tmp_path: Path) -> None:
    """`set` of a creator no workspace knows fails and leaves no file behind; `campaign list` on a --db
    that does not exist says so instead of creating it (a typo stays a typo)."""
    db = tmp_path / "typo.db"
    failed = runner.invoke(app, ["set", "julientech", "--stage", "contacted", "--db", str(db)])
    assert failed.exit_code == 1 and "nothing changed" in failed.stderr
    listed = runner.invoke(app, ["campaign", "list", "--db", str(db)])
    assert listed.exit_code == 1 and "no workspace here yet" in listed.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_back_dated_stage_fills_the_history_without_moving_the_current_stage(tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """`set --stage replied --on` a day before the creator's deal: the event is kept in the history, the
    current stage stays deal, and the funnel and the creator's view agree."""
    db = str(tmp_path / "ws.db")
    path = tmp_path / "l.csv"
    path.write_text("creator,platform,handle\nInès,instagram,ines_skincare\n", encoding="utf-8")
    influkit.enrich(str(path), offline=True, store=db)
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-06")
    influkit.set_stage("ines_skincare", stage="deal", store=db)
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-07")
    back = influkit.set_stage("ines_skincare", stage="replied", on="2026-02-20", store=db).to_dict()
    assert back["changes"][0]["stage"] == "deal" and "recorded in its history" in back["warnings"][0]
    assert [c["stage"] for c in influkit.creator("ines_skincare", store=db).to_dict()["campaigns"]] == ["deal"]
    stages = {r["stage"]: r for r in influkit.funnel(store=db).to_dict()["stages"]}
    assert stages["deal"]["current"] == 1 and stages["replied"]["current"] == 0
    # a further stage dated before the deal is history too: the funnel's current stage stays deal
    ahead = influkit.set_stage("ines_skincare", stage="published", on="2026-03-01", store=db).to_dict()
    assert ahead["changes"][0]["stage"] == "deal" and "recorded in its history" in ahead["warnings"][0]
    stages = {r["stage"]: r for r in influkit.funnel(store=db).to_dict()["stages"]}
    assert stages["deal"]["current"] == 1 and stages["published"]["current"] == 0
    later = influkit.set_stage("ines_skincare", stage="published", on="2026-03-07", store=db).to_dict()
    assert later["changes"][0]["stage"] == "published" and not later.get("warnings")


def test_a_run_cut_short_before_it_recorded_leaves_no_new_workspace(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C during the first import: the transaction is rolled back and the workspace file it created is
    removed (no schema-only workspace left behind); an existing workspace stays as it was."""
    import influkit.pipeline as P

    first = sheet(tmp_path, "a.csv", FIRST)
    db = tmp_path / "ws.db"

    def cut(*_: Any, **__: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(P, "_history_metrics", cut)
    with pytest.raises(KeyboardInterrupt):
        influkit.enrich(first, offline=True, store=str(db))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("ws.db")]
    monkeypatch.undo()
    influkit.enrich(first, offline=True, store=str(db))
    before = influkit.campaign_list(store=str(db)).records()
    monkeypatch.setattr(P, "_history_metrics", cut)
    with pytest.raises(KeyboardInterrupt):
        influkit.enrich(first, offline=True, store=str(db))
    assert db.exists() and influkit.campaign_list(store=str(db)).records() == before


def test_the_commands_a_message_suggests_can_be_pasted(tmp_path: Path) -> None:
    """A campaign's name with an apostrophe or spaces is quoted in the command a message suggests, and
    the shortlist hint after `score` keeps the campaign and the workspace it was given."""
    from typer.testing import CliRunner

    from influkit.cli.app import app
    from influkit.cli.common import shell_word

    assert [shell_word(w) for w in ("printemps", "Éclat d'Hiver", 'say "hi"', "a b")] == [
        "printemps", '"Éclat d\'Hiver"', "'say \"hi\"'", '"a b"']
    db = str(tmp_path / "ws.db")
    runner = CliRunner()
    made = runner.invoke(app, ["campaign", "new", "Éclat d'Hiver", "--db", db, "-f", "json"])
    assert made.exit_code == 0 and "use it with --campaign \"Éclat d'Hiver\"" in made.stderr
    examples = Path(__file__).resolve().parents[1] / "examples"
    scored = runner.invoke(app, ["score", str(examples / "prospects_en.csv"), "--brand", str(examples / "brand.toml"),
                                 "--campaign", "Éclat d'Hiver", "--db", db, "-o", str(tmp_path / "s.csv")])
    assert scored.exit_code == 0, scored.output
    assert f"`influkit shortlist --campaign \"Éclat d'Hiver\" --db {db} --top N" in scored.stderr


def test_set_says_a_stage_moved_back_and_a_price_in_another_currency(tmp_path: Path) -> None:
    """`set --stage deal` on a published creator moves it back: said; a price in dollars in a euro
    campaign is kept in dollars: said (no conversion)."""
    db = str(tmp_path / "ws.db")
    path = tmp_path / "l.csv"
    path.write_text("creator,platform,handle,stage,price\nLéa,instagram,lea.b,published,900 €\n", encoding="utf-8")
    influkit.enrich(str(path), offline=True, store=db)
    back = influkit.set_stage("lea.b", stage="deal", store=db).to_dict()
    assert back["changes"][0]["stage"] == "deal" and "moved back from published to deal" in back["warnings"][0]
    priced = influkit.set_stage("lea.b", price="1200 $", store=db).to_dict()
    assert any("price in USD where the creator's is EUR: kept in USD" in w for w in priced["warnings"])


def test_set_records_a_stage_once_a_day_and_a_handle_once(tmp_path: Path) -> None:
    """The same stage set twice the same day is one event; a handle given twice adds its note once."""
    db = str(tmp_path / "ws.db")
    path = tmp_path / "l.csv"
    path.write_text("creator,platform,handle\nLéa,instagram,lea.b\n", encoding="utf-8")
    influkit.enrich(str(path), offline=True, store=db)
    for _ in range(2):
        influkit.set_stage("lea.b", stage="replied", on="2026-02-20", store=db)
    events = [e for e in influkit.creator("lea.b", store=db).to_dict()["campaigns"][0]["stage_events"]
              if e["stage"] == "replied"]
    assert len(events) == 1
    report = influkit.set_stage(["lea.b", "lea.b"], note="relancée", store=db).to_dict()
    assert len(report["changes"]) == 1


def test_a_price_set_over_a_range_is_no_range_any_more(tmp_path: Path) -> None:
    """The sheet said "300-500 €"; `set --price "450 €"`: the list's price is 450, not the middle of
    450-500 (results and report then count the same cost)."""
    db = str(tmp_path / "ws.db")
    path = tmp_path / "l.csv"
    path.write_text("creator,platform,handle,price\nHugo,instagram,hugo.m,300-500 €\n", encoding="utf-8")
    influkit.enrich(str(path), offline=True, store=db)
    influkit.set_stage("hugo.m", price="450 €", store=db)
    table = influkit.load_list(None, store=db)
    assert (table.get("price_quoted")[0], table.get("price_quoted_high")[0]) == (450.0, None)


def test_the_teams_status_word_is_cleared_when_set_moves_the_stage(tmp_path: Path) -> None:
    """The sheet said "relancé 2x" (contacted); `set --stage deal`: the campaign's list no longer shows the
    old word beside the new stage."""
    db = str(tmp_path / "ws.db")
    path = tmp_path / "l.csv"
    path.write_text("Pseudo,Réseau,Statut\nana,Instagram,relancé 2x\n", encoding="utf-8")
    influkit.enrich(str(path), offline=True, store=db)
    assert influkit.load_list(None, store=db).get("stage_said") == ["relancé 2x"]
    influkit.set_stage("ana", stage="deal", store=db)
    table = influkit.load_list(None, store=db)
    assert table.get("stage") == ["deal"] and table.get("stage_said") == [None]


@pytest.mark.parametrize("command", [
    ["funnel", "{list}"], ["shortlist", "{list}", "--brand", "{brand}"], ["score", "{list}", "--brand", "{brand}"],
    ["report", "{posts}", "--offline"], ["links", "{list}", "--url", "https://shop.example/p"]])
def test_a_mistyped_campaign_is_an_error_before_the_workspace_exists(tmp_path: Path, command: list[str]) -> None:
    """Found by a new user: `funnel`, `shortlist` and `report --campaign nosuch` on a folder without a
    workspace yet ran as if no campaign had been named (exit 0), and said "no campaign" only the next
    time. Every command says it at once and leaves no workspace behind; the default campaign is there."""
    files = {"list": tmp_path / "l.csv", "posts": tmp_path / "p.csv", "brand": tmp_path / "b.toml"}
    files["list"].write_text("Name,Platform,Handle,Followers\nA,Instagram,aa,1000\n", encoding="utf-8")
    files["posts"].write_text("Creator,Platform,Post link,Likes\nA,Instagram,https://www.instagram.com/p/Cabc123/,100\n",
                              encoding="utf-8")
    files["brand"].write_text('name = "B"\nvalues = ["vegan"]\n', encoding="utf-8")
    args = [a.format(**{k: str(v) for k, v in files.items()}) for a in command]
    db = tmp_path / "ws.db"
    done = runner.invoke(app, [*args, "--campaign", "nosuch", "--db", str(db), "-q", "-o", str(tmp_path / "out.csv")])
    assert done.exit_code == 1 and "no campaign 'nosuch'" in done.stderr, done.output
    assert not db.exists() and not (tmp_path / "out.csv").exists()
    if command[0] in ("funnel", "shortlist", "score"):
        fine = runner.invoke(app, [*args, "--campaign", "Default", "--db", str(db), "-q", "-o", str(tmp_path / "o.csv")])
        assert fine.exit_code == 0, fine.output


def test_set_post_refuses_the_post_of_another_creator_of_the_workspace(tmp_path: Path) -> None:
    """Found by a new user: `set chloe --post <Théo's TikTok video>` only warned, and the report then
    counted the post for both. The post of another creator the workspace knows changes nothing (exit 1,
    one line naming whose it is); a post of the creator's other network, or of an account the workspace
    does not know (a brand's), is recorded."""
    path = tmp_path / "liste.csv"
    path.write_text("Nom,Réseau,Pseudo,Abonnés\nChloé Martin,Instagram,chloe_martin_,12000\n"
                    "Chloé Martin,TikTok,chloe.tt,30000\nThéo Garnier,TikTok,theo.grn,8000\n", encoding="utf-8")
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(path), offline=True, store=db)
    theirs = "https://www.tiktok.com/@theo.grn/video/7301234567890123456"
    refused = runner.invoke(app, ["set", "chloe_martin_", "--post", theirs, "--db", db])
    assert refused.exit_code == 1
    assert "the post of tiktok:theo.grn (Théo Garnier), another creator" in refused.stderr
    assert "nothing changed" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    with Store(db) as store:
        assert store.rows("SELECT * FROM campaign_posts") == []
    own_other_network = "https://www.tiktok.com/@chloe.tt/video/7301234567890123457"
    done = runner.invoke(app, ["set", "chloe_martin_", "--post", own_other_network, "--db", db, "-f", "json"])
    assert done.exit_code == 0, done.output
    brand = "https://www.instagram.com/marque.officielle/p/C1a2b3c4d5e/"
    done = runner.invoke(app, ["set", "chloe_martin_", "--post", brand, "--db", db, "-f", "json"])
    assert done.exit_code == 0 and "check the creator" in json.loads(done.stdout)["warnings"][0]
    assert runner.invoke(app, ["set", "theo.grn", "--post", theirs, "--db", db]).exit_code == 0
    with Store(db) as store:
        assert len(store.rows("SELECT * FROM campaign_posts")) == 3


def test_set_of_many_handles_says_its_first_warnings_and_counts_the_rest(tmp_path: Path) -> None:
    """`set -` of many handles moved back prints the first MAX_ROWS_NAMED warnings and one line counting
    the others (a new user's 10,000 handles gave 3,961 lines on stderr); `-f json` has every one."""
    from influkit.thresholds.funnel import MAX_ROWS_NAMED

    db = str(tmp_path / "ws.db")
    n = MAX_ROWS_NAMED + 5
    path = tmp_path / "l.csv"
    path.write_text("creator,platform,handle,stage\n" + "".join(f"C{k},instagram,c{k},deal\n" for k in range(n)),
                    encoding="utf-8")
    influkit.enrich(str(path), offline=True, store=db)
    handles = "".join(f"instagram:c{k}\n" for k in range(n))
    done = CliRunner().invoke(app, ["set", "-", "--stage", "contacted", "--db", db, "-f", "json"], input=handles)
    assert done.exit_code == 0, done.output
    lines = [line for line in done.stderr.splitlines() if line.startswith("warning:")]
    assert len(lines) == MAX_ROWS_NAMED + 1 and all("moved back from deal to contacted" in x for x in lines[:-1])
    assert lines[-1] == "warning: 5 more warnings (all of them: -f json)"
    assert len(json.loads(done.stdout)["warnings"]) == n


def test_the_currency_options_name_every_currency_influkit_has_a_rate_for() -> None:
    """`enrich --help` and `campaign new --help` name the currencies from the one table of rates
    (thresholds.FX_PER_EUR): CHF and CAD were accepted while the help said "EUR, USD or GBP"."""
    from influkit.thresholds import FX_PER_EUR

    for args in (["enrich", "--help"], ["campaign", "new", "--help"]):
        shown = CliRunner().invoke(app, args, env={"COLUMNS": "300"})
        assert shown.exit_code == 0, shown.output
        text = " ".join(shown.output.split())
        assert ", ".join(FX_PER_EUR) in text, (args, text[:2000])
