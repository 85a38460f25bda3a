"""`influkit set HANDLE --remove-post URL`: a post link recorded by mistake is taken back (the report stops
counting it, the notes keep the day); a link not recorded for the creator is refused with one line, exit 1,
nothing changed. And the one decision of whose post a link is (`post_owner_check`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import influkit
from influkit.campaign.posts import post_owner_check
from influkit.cli.app import app
from influkit.errors import InfluError
from influkit.store import Store

runner = CliRunner()
LEA_1 = "https://www.instagram.com/p/Cx13AAAAAAA/"
LEA_2 = "https://www.tiktok.com/@lea.tt/video/7300000000000000001"
TOM_1 = "https://www.youtube.com/watch?v=abcdefghijk"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-04-15")
    sheet = tmp_path / "liste.csv"
    sheet.write_text("Nom;Réseau;Pseudo;Abonnés;Statut\nLéa Martin;Instagram;lea.martin;45 000;Signé\n"
                     "Léa Martin;TikTok;lea.tt;80 000;Signé\nTom Durand;YouTube;tomdurand;120 000;Signé\n",
                     encoding="utf-8")
    path = str(tmp_path / "ws.db")
    influkit.enrich(str(sheet), offline=True, store=path)
    for handle, url in (("lea.martin", LEA_1), ("lea.tt", LEA_2), ("tomdurand", TOM_1)):
        assert runner.invoke(app, ["set", handle, "--post", url, "--db", path]).exit_code == 0
    return path


def _posts(db: str) -> list[tuple[str, str]]:
    with Store(db) as store:
        return sorted((str(r["handle"]), str(r["url"])) for r in store.posts_of_campaign(1))


def _report_links(db: str) -> list[str]:
    report = influkit.report(campaign=None, offline=True, store=db).to_dict()
    return sorted(p["link"] for p in report["blocks"]["results"]["posts"])


@pytest.mark.parametrize("given", [LEA_1, LEA_1 + "?igsh=abc123", "https://WWW.instagram.com/p/Cx13AAAAAAA/#x"])
def test_a_recorded_post_is_taken_back_and_the_report_stops_counting_it(db: str, given: str) -> None:
    assert sorted(_report_links(db)) == sorted([LEA_1, LEA_2, TOM_1])
    done = runner.invoke(app, ["set", "lea.martin", "--remove-post", given, "--db", db, "-f", "json"])
    assert done.exit_code == 0, done.output
    (change,) = json.loads(done.stdout)["changes"]
    assert change["removed_post"] == LEA_1 and change["post"] is None
    assert _posts(db) == [("lea.tt", LEA_2), ("tomdurand", TOM_1)]
    assert _report_links(db) == sorted([LEA_2, TOM_1])
    # the workspace's history of the creator says it, dated, as a note is
    creator = runner.invoke(app, ["creator", "lea.martin", "--db", db, "-f", "json"])
    assert f"2026-04-15: post removed: {LEA_1}" in creator.stdout


def test_the_library_does_what_the_cli_does(db: str) -> None:
    report = influkit.set_stage("tomdurand", remove_post=TOM_1, note="wrong video", store=db)
    assert report["changes"][0]["removed_post"] == TOM_1
    assert _posts(db) == [("lea.martin", LEA_1), ("lea.tt", LEA_2)]
    with Store(db) as store:
        notes = store.rows("SELECT notes FROM campaign_accounts WHERE notes IS NOT NULL")
    assert any(f"2026-04-15: wrong video ; post removed: {TOM_1}" in str(r["notes"]) for r in notes)


@pytest.mark.parametrize(("handle", "url"), [
    ("lea.martin", LEA_2),  # recorded, but for her other network
    ("lea.martin", "https://www.instagram.com/p/NeverSeen1/"),  # never recorded
    ("tomdurand", LEA_1),  # another creator's
])
def test_a_post_not_recorded_for_the_creator_is_refused_and_nothing_changes(db: str, handle: str, url: str) -> None:
    before = _posts(db)
    refused = runner.invoke(app, ["set", handle, "--remove-post", url, "--stage", "published", "--db", db])
    assert refused.exit_code == 1
    assert refused.stderr.count("\n") == 1 and "not a post recorded for" in refused.stderr
    assert "nothing changed" in refused.stderr
    assert _posts(db) == before
    with Store(db) as store:
        assert store.rows("SELECT * FROM stage_events WHERE stage='published'") == []
    with pytest.raises(InfluError, match="not a post recorded"):
        influkit.set_stage(handle, remove_post=url, store=db)


def test_usage_errors_of_remove_post(db: str) -> None:
    bad = runner.invoke(app, ["set", "lea.martin", "--remove-post", "pas un lien", "--db", db])
    assert bad.exit_code == 2 and "--remove-post" in bad.stderr
    both = runner.invoke(app, ["set", "lea.martin", "--post", LEA_1, "--remove-post", LEA_1 + "?igsh=x", "--db", db])
    assert both.exit_code == 2 and "same post" in both.stderr
    assert _posts(db)[0] == ("lea.martin", LEA_1)


def _account(i: int, platform: str, handle: str, creator: str | None) -> dict[str, Any]:
    return {"id": i, "platform": platform, "handle": handle, "creator": creator}


def test_one_decision_of_whose_post_a_link_is() -> None:
    lea_ig = _account(1, "instagram", "lea.martin", "Léa Martin")
    lea_tt = _account(2, "tiktok", "lea.tt", "Léa Martin")
    tom = _account(3, "tiktok", "tom", "Tom Durand")
    assert post_owner_check(LEA_1, [lea_ig], []) == []  # no handle in a /p/ link
    assert post_owner_check(LEA_2, [lea_tt], [lea_tt]) == []  # her own
    own_other = post_owner_check(LEA_2, [lea_ig], [lea_tt])  # her other network: recorded, with a warning
    assert len(own_other) == 1 and "tiktok lea.tt's" in own_other[0]
    brand = post_owner_check("https://www.tiktok.com/@marque/video/7300000000000000002", [lea_ig], [])
    assert len(brand) == 1 and "check the creator" in brand[0]
    with pytest.raises(InfluError, match=r"the post of tiktok:tom \(Tom Durand\), another creator"):
        post_owner_check("https://www.tiktok.com/@tom/video/7300000000000000003", [lea_ig], [tom])
    unnamed = _account(4, "tiktok", "tom", None)  # no creator name: only its own account clears it
    with pytest.raises(InfluError, match="the post of tiktok:tom, another creator"):
        post_owner_check("https://www.tiktok.com/@tom/video/7300000000000000003", [lea_ig], [unnamed])
