"""The funnel on a generated sheet whose every number was computed by hand (see the table below)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import influkit
from influkit.cli.app import app
from influkit.outreach import build_prospects
from influkit.outreach import build_report as funnel
from influkit.schema import STAGES as STAGE_ORDER
from influkit.table import Table

TODAY = "2024-06-30"
HEADER = ["creator", "platform", "handle", "followers", "stage", "channel", "owner",
          "contacted_on", "replied_on", "deal_on", "published_on"]

# group: (count, stage, channel, owner, contacted_on, replied_on, deal_on, published_on)
GROUPS = {
    "A": (10, "identified", "", "Ana", "", "", "", ""),
    "B": (8, "contacted", "dm", "Ana|Ben", "2024-06-01", "", "", ""),
    "C": (6, "no_reply", "dm", "Ben", "2024-05-01", "", "", ""),
    "D": (4, "replied", "email", "Ana", "2024-05-01", "2024-05-05", "", ""),
    "E": (3, "declined", "email", "Ana", "2024-05-01", "2024-05-11", "", ""),
    "F": (2, "negotiating", "agent", "Ben", "2024-05-01", "2024-05-03", "", ""),
    "G": (3, "deal", "agent", "Ben", "2024-05-01", "2024-05-07", "2024-05-17", ""),
    "H": (4, "published", "email", "Ana", "2024-05-01", "2024-05-09", "2024-05-21", "2024-06-01"),
    # declined after a deal date: the loss happened at "deal", not "replied"
    "I": (1, "declined", "email", "Ana", "2024-05-01", "2024-05-02", "2024-05-20", ""),
}


def make_sheet(path: Path) -> Path:
    """42 prospects on 44 rows: one person on two accounts (same stage), one duplicate row."""
    rows = []
    for name, (count, stage, channel, owners, c, r, d, p) in GROUPS.items():
        for k in range(count):
            owner = owners.split("|")[k % len(owners.split("|"))]
            rows.append([f"{name} Creator {k}", "instagram", f"{name.lower()}_{k}", 20000 + k, stage, channel,
                         owner, c, r, d, p])
    # J: one person, two accounts, both contacted 5 days ago (not due at 7 days)
    rows.append(["Zoé Multi", "instagram", "zoe_ig", 12000, "contacted", "dm", "Ben", "2024-06-25", "", "", ""])
    rows.append(["Zoé Multi", "tiktok", "zoe_tt", 30000, "contacted", "dm", "Ben", "2024-06-25", "", "", ""])
    # K: the same account as A's first row again: skipped
    rows.append(["A Creator 0", "instagram", "a_0", 20000, "identified", "", "Ana", "", "", "", ""])
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


@pytest.fixture
def sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("INFLUKIT_TODAY", TODAY)
    return make_sheet(tmp_path / "funnel_prospects.csv")


def report_for(sheet: Path, **options: Any) -> dict[str, Any]:
    return influkit.funnel(str(sheet), **options).to_dict()


def test_stage_counts_conversions_and_losses(sheet: Path) -> None:
    report = report_for(sheet)
    assert report["prospects"] == 42
    assert report["unit"] == "people"
    assert report["rows"] == {"total": 44, "merged_into_people": 1, "duplicates_skipped": 1, "accounts_not_in_list": 0}
    stages = {s["stage"]: s for s in report["stages"]}
    assert {s: st["reached"] for s, st in stages.items()} == {
        "identified": 42, "contacted": 32, "replied": 17, "negotiating": 10, "deal": 8, "published": 4}
    assert {s: st["current"] for s, st in stages.items()} == {
        "identified": 10, "contacted": 9, "replied": 4, "negotiating": 2, "deal": 3, "published": 4}
    assert report["lost"] == {"declined": 4, "no_reply": 6}
    assert stages["contacted"]["lost_here"] == {"declined": 0, "no_reply": 6, "total": 6}
    assert stages["replied"]["lost_here"] == {"declined": 3, "no_reply": 0, "total": 3}
    assert stages["deal"]["lost_here"] == {"declined": 1, "no_reply": 0, "total": 1}
    assert stages["identified"]["conversion_from_previous"] is None
    prev = {s: st["conversion_from_previous"] for s, st in stages.items() if s != "identified"}
    assert prev == pytest.approx({"contacted": 32 / 42, "replied": 17 / 32, "negotiating": 10 / 17,
                                  "deal": 8 / 10, "published": 4 / 8}, abs=1e-4)
    top = {s: st["conversion_from_top"] for s, st in stages.items()}
    assert top == pytest.approx({"identified": 1.0, "contacted": 32 / 42, "replied": 17 / 42,
                                 "negotiating": 10 / 42, "deal": 8 / 42, "published": 4 / 42}, abs=1e-4)


def test_time_in_stage(sheet: Path) -> None:
    times = {t["stage"]: t for t in report_for(sheet)["time_in_stage"]}
    # contacted -> replied: 4x4, 3x10, 2x2, 3x6, 4x8, 1x1 days = 17 samples
    assert times["contacted"] == {"stage": "contacted", "n": 17, "median_days": 6.0, "p75_days": 8.0}
    # replied -> deal (no negotiating date): 3x10, 4x12, 1x18
    assert times["replied"] == {"stage": "replied", "n": 8, "median_days": 12.0, "p75_days": 12.0}
    assert times["negotiating"]["n"] == 0 and times["negotiating"]["median_days"] is None
    assert times["deal"] == {"stage": "deal", "n": 4, "median_days": 11.0, "p75_days": 11.0}


def test_breakdown_by_channel(sheet: Path) -> None:
    report = report_for(sheet, by="channel")
    assert list(report["breakdowns"]) == ["channel"]
    rows = {r["value"]: r for r in report["breakdowns"]["channel"]}
    assert [r["value"] for r in report["breakdowns"]["channel"]] == ["dm", "email", "(none)", "agent"]
    assert rows["dm"] == {"value": "dm", "prospects": 15, "contacted": 15, "replied": 0, "deals": 0,
                          "reply_rate": 0.0, "deal_rate": 0.0, "small_sample": True}
    assert rows["email"]["deal_rate"] == pytest.approx(5 / 12, abs=1e-4)
    assert (rows["email"]["replied"], rows["email"]["deals"], rows["email"]["reply_rate"]) == (12, 5, 1.0)
    assert rows["agent"]["deal_rate"] == pytest.approx(3 / 5, abs=1e-4)
    assert rows["(none)"]["contacted"] == 0 and rows["(none)"]["reply_rate"] is None


def test_an_owner_is_one_owner_however_the_sheet_spells_them(tmp_path: Path) -> None:
    """"Camille", "camille" and "CAMILLE " are one owner in the breakdown and the follow-ups, named as the
    sheet writes them most."""
    path = tmp_path / "owners.csv"
    path.write_text("Nom,Réseau,Compte,Statut,Responsable\n" + "".join(
        f"C{k},Instagram,c{k},Contacté,{owner}\n" for k, owner in enumerate(
            ["Camille", "camille", "CAMILLE ", "Camille", "Julien", "julien"])), encoding="utf-8")
    rows = influkit.funnel(str(path), by="owner", store=None).to_dict()["breakdowns"]["owner"]
    assert sorted((r["value"], r["prospects"]) for r in rows) == [("Camille", 4), ("Julien", 2)]


def test_follow_ups(sheet: Path) -> None:
    items = report_for(sheet)["follow_ups"]["items"]
    assert len(items) == 14  # B 8 contacted 29 days ago, D 4 replied 56 days ago, F 2 replied 58 days ago
    assert items[0] == {"owner": "Ben", "creator": "F Creator 0", "platform": "instagram", "handle": "f_0",
                        "stage": "negotiating", "since": "2024-05-03", "days": 58,
                        "reason": "no change since negotiating"}
    assert sum(1 for i in items if i["stage"] == "contacted" and i["days"] == 29) == 8
    assert {i["owner"] for i in items if i["stage"] == "contacted"} == {"Ana", "Ben"}
    assert len(report_for(sheet, stale_days=30)["follow_ups"]["items"]) == 6
    assert len(report_for(sheet, stale_days=3)["follow_ups"]["items"]) == 15  # Zoé now due, once


def test_projection(sheet: Path) -> None:
    projection = report_for(sheet, target_deals=10)["projection"]
    # 10 deals / (8 deals / 42 at the top) = 52.5 -> 53
    assert projection["needed_at_top"] == 53
    assert {n["stage"]: n["needed"] for n in projection["needed"]} == {
        "identified": 53, "contacted": 40, "replied": 22, "negotiating": 13, "deal": 10}
    assert [(r["from"], r["successes"], r["sample"], r["trusted"]) for r in projection["rates"]] == [
        ("identified", 32, 42, True), ("contacted", 17, 32, True), ("replied", 10, 17, False),
        ("negotiating", 8, 10, False)]
    assert projection["overall_rate"] == pytest.approx(8 / 42, abs=1e-4)
    assert len(projection["warnings"]) == 2 and "replied -> negotiating: 10/17" in projection["warnings"][0]


def test_since_until_filter_on_first_date(sheet: Path) -> None:
    report = report_for(sheet, since=dt.date(2024, 6, 1))
    # B (8, contacted 06-01) and Zoé (06-25); undated prospects are left out by a date filter
    assert report["prospects"] == 9
    assert report_for(sheet, until=dt.date(2024, 5, 31))["prospects"] == 6 + 4 + 3 + 2 + 3 + 4 + 1


def test_stage_from_dates_and_store_events() -> None:
    table = Table(source="t")
    table.source_rows = [2, 3, 4, 5]
    table.data = {
        "platform": ["instagram"] * 4,
        "handle": ["a", "b", "c", "d"],
        "stage": [None, None, "declined", "no_reply"],
        "contacted_on": [dt.date(2024, 1, 1), dt.date(2024, 1, 1), dt.date(2024, 1, 1), None],
        "replied_on": [None, dt.date(2024, 1, 5), None, None],
    }
    events = [
        {"platform": "instagram", "handle": "c", "stage": "negotiating", "on_date": "2024-01-09"},
        {"platform": "instagram", "handle": "c", "stage": "declined", "on_date": "2024-01-20"},
        {"platform": "instagram", "handle": "d", "stage": "contacted", "on_date": "2024-01-02"},
    ]
    prospects = build_prospects(table, events)
    assert [p.stage for p in prospects] == ["contacted", "replied", "declined", "no_reply"]
    assert [p.lost_at for p in prospects] == [None, None, "negotiating", "contacted"]
    assert prospects[3].dates == {"contacted": dt.date(2024, 1, 2)}
    times = {t["stage"]: t for t in funnel(table, events=events, today=dt.date(2024, 2, 1))["time_in_stage"]}
    # b: contacted 01-01 -> replied 01-05 (4 days); c: contacted 01-01 -> negotiating event 01-09 (8 days)
    assert times["contacted"] == {"stage": "contacted", "n": 2, "median_days": 6.0, "p75_days": 7.0}


def test_people_with_different_stages_count_as_accounts() -> None:
    table = Table(source="t")
    table.source_rows = [2, 3]
    table.data = {"creator": ["Léa", "lea"], "platform": ["instagram", "tiktok"], "handle": ["l", "l"],
                  "stage": ["deal", "contacted"]}
    report = funnel(table, today=dt.date(2024, 1, 1))
    assert report["prospects"] == 2 and report["unit"] == "accounts"


def test_cli_json_equals_library(sheet: Path) -> None:
    result = CliRunner().invoke(app, ["funnel", str(sheet), "--format", "json", "--target-deals", "10",
                                      "--by", "owner"])
    assert result.exit_code == 0, result.output
    expected = report_for(sheet, target_deals=10, by="owner")
    assert json.loads(result.stdout) == json.loads(json.dumps(expected))


def test_cli_workspace_list_csv_and_chart(sheet: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "ws.db")
    enriched = runner.invoke(app, ["enrich", str(sheet), "-o", str(tmp_path / "e.csv"), "--db", db, "--offline"])
    assert enriched.exit_code == 0, enriched.output
    chart = tmp_path / "funnel_chart.png"
    result = runner.invoke(app, ["funnel", "--db", db, "--format", "csv", "--chart", str(chart)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert [(r["stage"], r["reached"]) for r in rows] == [
        ("identified", "42"), ("contacted", "32"), ("replied", "17"), ("negotiating", "10"), ("deal", "8"),
        ("published", "4")]
    from PIL import Image

    with Image.open(chart) as image:
        assert image.format == "PNG" and image.size[0] > 400
    follow = runner.invoke(app, ["funnel", "--db", db, "--follow-ups", "--format", "csv"])
    # F's "negotiating" was first seen in the sheet (no date column): its start is not known, so the
    # import day does not hide F's follow-up any more (issue #12); F is chased from its last known date
    items = list(csv.DictReader(follow.stdout.splitlines()))
    assert len(items) == 14 and [i for i in items if i["stage"] == "negotiating"]
    assert {i["stage"] for i in items} == {"contacted", "replied", "negotiating"}


def test_cli_bad_options(sheet: Path) -> None:
    runner = CliRunner()
    bad_by = runner.invoke(app, ["funnel", str(sheet), "--by", "colour", "--format", "json"])
    assert bad_by.exit_code == 2 and "--by 'colour'" in bad_by.stderr
    bad_date = runner.invoke(app, ["funnel", str(sheet), "--since", "someday", "--format", "json"])
    assert bad_date.exit_code == 2 and "--since" in bad_date.stderr


# --- dates after today are flagged and ignored (regressions) -----------------------------------------

FUTURE_HEADER = ["creator", "platform", "handle", "stage", "owner", "contacted_on", "replied_on", "deal_on"]
FUTURE_ROWS = [
    # a reply dated next month: not a reply yet, so the follow-up stays due
    ["Ana", "instagram", "ana", "contacted", "Ben", "2024-06-01", "2024-07-15", ""],
    # a deal dated next year: the stage stays replied, and 06-05 -> 2025 is no time in stage
    ["Bob", "instagram", "bob", "", "Ben", "2024-06-01", "2024-06-05", "2025-01-01"],
]


def future_sheet(tmp_path: Path) -> Path:
    path = tmp_path / "future.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(FUTURE_HEADER)
        writer.writerows(FUTURE_ROWS)
    return path


def test_future_dates_are_flagged_and_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", TODAY)
    report = report_for(future_sheet(tmp_path))
    assert report["warnings"] == [
        "replied_on: 1 date after today (2024-06-30) ignored (row 2)",
        "deal_on: 1 date after today (2024-06-30) ignored (row 3)",
    ]
    stages = {s["stage"]: s["current"] for s in report["stages"]}
    assert stages["contacted"] == 1 and stages["replied"] == 1 and stages["deal"] == 0
    times = {t["stage"]: t for t in report["time_in_stage"]}
    assert times["contacted"]["n"] == 1 and times["contacted"]["median_days"] == 4.0  # bob only
    assert times["replied"]["n"] == 0
    due = {i["handle"]: i for i in report["follow_ups"]["items"]}
    assert due["ana"]["reason"] == "no reply since first contact" and due["ana"]["days"] == 29
    assert due["bob"]["since"] == "2024-06-05"


def test_future_stage_events_are_ignored() -> None:
    table = Table(source="t")
    table.source_rows = [2]
    table.data = {"platform": ["instagram"], "handle": ["a"], "stage": ["contacted"],
                  "contacted_on": [dt.date(2024, 1, 1)]}
    events = [{"platform": "instagram", "handle": "a", "stage": "replied", "on_date": "2024-03-01"}]
    assert [p.stage for p in build_prospects(table, events, today=dt.date(2024, 2, 1))] == ["contacted"]
    assert [p.stage for p in build_prospects(table, events)] == ["replied"]  # no today: kept as before


def test_cli_future_dates_warn_on_stderr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", TODAY)
    path = future_sheet(tmp_path)
    result = CliRunner().invoke(app, ["funnel", str(path), "--format", "json", "-q",
                                      "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["warnings"] == report_for(path)["warnings"]
    assert "warning: replied_on: 1 date after today (2024-06-30) ignored (row 2)" in result.stderr


def test_since_after_until_is_a_usage_error(sheet: Path) -> None:
    from influkit.errors import UsageError

    with pytest.raises(UsageError, match="--since 2024-06-10 is after --until 2024-06-01"):
        report_for(sheet, since=dt.date(2024, 6, 10), until=dt.date(2024, 6, 1))
    result = CliRunner().invoke(app, ["funnel", str(sheet), "--since", "2024-06-10", "--until", "2024-06-01",
                                      "--format", "json"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("influkit: --since 2024-06-10 is after --until") and result.stderr.count("\n") == 1
    assert report_for(sheet, since=dt.date(2024, 6, 1), until=dt.date(2024, 6, 1))["prospects"] == 8


def test_narrow_terminal_table_keeps_every_column_visible(capsys: pytest.CaptureFixture[str]) -> None:
    """At 80 columns long text folds, labels keep their header width, and columns that cannot fit are left
    out whole (named on stderr): no column is ever squeezed to nothing."""
    from io import StringIO

    from rich.console import Console

    from influkit.campaign.results import SUMMARY_COLUMNS
    from influkit.cli.render import DROP_FIRST, print_table

    follow_ups = ["owner", "creator", "platform", "handle", "stage", "since", "days", "reason"]
    tables = [
        (follow_ups, {"owner": "Claire", "creator": "Marc-Antoine Dufresne-Lambrecht", "platform": "instagram",
                      "handle": "marc.antoine.dufresne.voyages", "stage": "negotiating", "since": "2026-01-14",
                      "days": 65, "reason": "no reply since first contact"}, DROP_FIRST),
        (SUMMARY_COLUMNS, {"creator": "Marc-Antoine Dufresne", "promo_code": "ROMANEGREENLIFE10", "orders": 1,
                           "revenue": 134.73, "cost": 15940.0, "cpa": 15940.0, "roi": -0.997, "roas": 0.11,
                           "currency": "EUR"}, ("currency", "roas", "cpa", "promo_code")),
    ]
    for columns, row, drop_first in tables:
        out = StringIO()
        print_table("t", columns, [row] * 3, console=Console(width=80, file=out), drop_first=drop_first)
        text, note = out.getvalue(), capsys.readouterr()
        lines = text.splitlines()
        assert max(len(line) for line in lines) <= 80 and note.out == ""
        top = next(line for line in lines if line.startswith("┏"))
        widths = [len(part) for part in top.strip("┏┓").split("┳")]
        assert min(widths) >= 3  # one cell of content at least, besides the padding: nothing at zero width
        left_out = note.err.split("columns ")[1].split(" left out")[0].split(", ") if note.err else []
        shown = [c for c in columns if c.replace("_", " ") not in left_out]
        assert len(widths) == len(shown) >= 4 and "creator" in shown and "left out" not in text
        header = " ".join(line.strip("┃ ") for line in lines[lines.index(top) + 1:] if line.startswith("┃"))
        for c in shown:  # every visible header in full (it may wrap, but is never cut)
            assert all(word in header for word in c.split("_")), (c, header)
        if note.err:
            assert note.err.startswith("narrow terminal: columns ") and "use --format csv for everything" in note.err
    # a table without a title (`campaign list`, a funnel section) says so without a dangling "of"
    out = StringIO()
    print_table("", tables[0][0], [tables[0][1]] * 3, console=Console(width=60, file=out), drop_first=tables[0][2])
    said = capsys.readouterr().err
    assert " left out; use --format csv for everything" in said and " of ;" not in said, said


def test_a_status_not_understood_is_said_and_the_teams_usual_words_are(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """"no thanks" is a refusal and "Chased" a contact (no follow-up asked for a refusal); a status influkit
    cannot read is named in the funnel's warnings with its rows, since its dates then decide the stage."""
    path = tmp_path / "en.csv"
    path.write_text("Name,Platform,Handle,Status,Contacted on,Replied on\n"
                    "Sam,Instagram,sam.g,no thanks,2026-11-01,2026-11-03\n"
                    "Kim,Instagram,kim.h,Chased,2026-11-02,\n"
                    "Lou,Instagram,lou.i,On the fence,2026-11-02,2026-11-04\n", encoding="utf-8")
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-12-02")
    report = influkit.funnel(str(path), store=None).to_dict()
    chased = {f["handle"] for f in report["follow_ups"]["items"]}
    assert "sam.g" not in chased and "kim.h" in chased
    assert any("'Status': 1 status not understood (rows 4)" in w for w in report["warnings"])


def _stale_list(path: Path, n: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Nom", "Réseau", "Handle", "Abonnés", "Statut", "Date de contact"])
        for k in range(n):
            w.writerow([f"Créatrice {k}", "Instagram", f"creatrice_{k:03d}", 10_000 + k, "contacté", "2024-03-01"])
    return path


def test_a_text_table_goes_to_the_file_asked_and_shows_the_first_rows(tmp_path: Path) -> None:
    """`-f table -o FILE` writes the tables into FILE (nothing on stdout); a section longer than the
    text table's rows shows its first ones and says how many more, and csv carries them all."""
    from influkit.thresholds.writing import TERMINAL_TABLE_ROWS

    sheet = _stale_list(tmp_path / "list.csv", TERMINAL_TABLE_ROWS + 40)
    out = tmp_path / "funnel.txt"
    result = CliRunner().invoke(app, ["funnel", str(sheet), "--no-store", "-f", "table", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "follow ups" in text and "stage" in text
    shown = [k for k in range(TERMINAL_TABLE_ROWS + 40) if f"creatrice_{k:03d}" in text]
    assert len(shown) == TERMINAL_TABLE_ROWS
    assert "... 40 more rows of follow ups: --follow-ups -f csv, or -f json, for all of them" in text
    said = CliRunner().invoke(app, ["funnel", str(sheet), "--no-store", "-f", "table", "-o", str(out)])
    assert said.stdout == "" and f"wrote {out} (table)" in said.stderr
    every = CliRunner().invoke(app, ["funnel", str(sheet), "--no-store", "--follow-ups", "-f", "csv", "-q"])
    assert sum(1 for k in range(TERMINAL_TABLE_ROWS + 40) if f"creatrice_{k:03d}" in every.stdout) == \
        TERMINAL_TABLE_ROWS + 40


def test_a_sheet_naming_several_campaigns_is_said(tmp_path: Path) -> None:
    """Found by a new-user helper: a 'Campagne' column with two campaigns was kept as is and the funnel
    merged a person's rows of both without a word."""
    path = tmp_path / "c.csv"
    path.write_text("Nom;Pseudo;Réseau;Campagne;Statut\nLéa;@lea.run;Instagram;Nike Printemps;Contacté\n"
                    "Léa;@lea.run;TikTok;Sephora Noël;Signé\nTom;@tom;Instagram;Nike Printemps;Repéré\n",
                    encoding="utf-8")
    report = influkit.funnel(str(path), store=None).to_dict()
    said = [w for w in report["warnings"] if "'Campagne' names 2 campaigns (Nike Printemps, Sephora Noël)" in w]
    assert len(said) == 1
    one = tmp_path / "one.csv"
    one.write_text("Nom;Pseudo;Réseau;Campagne;Statut\nLéa;@lea.run;Instagram;Nike Printemps;Contacté\n",
                   encoding="utf-8")
    assert not any("campaigns" in w for w in influkit.funnel(str(one), store=None).to_dict()["warnings"])


def test_names_that_differ_only_by_emojis_case_or_signs_are_one_person_everywhere(tmp_path: Path) -> None:
    """"Léa Martin ✨", "Léa Martin" and "LÉA MARTIN!" on three networks are one person for the funnel,
    the promo codes and the cards alike (`text.name_key`); a name of emojis only names nobody: its
    accounts stand alone."""
    from influkit.cards import person_key
    from influkit.text import name_key

    path = tmp_path / "emo.csv"
    path.write_text("Nom,Réseau,Pseudo,Abonnés,Statut\nLéa Martin ✨,Instagram,lea.martin,12000,Contacté\n"
                    "Léa Martin,TikTok,leamartin,30000,Contacté\nLÉA MARTIN!,YouTube,leamartinyt,5000,Contacté\n"
                    "🌸🌸,Instagram,fleur,4000,Contacté\n🌸,TikTok,fleur.tt,4000,Contacté\n", encoding="utf-8")
    assert influkit.funnel(str(path), store=None).to_dict()["rows"]["merged_into_people"] == 2
    codes = influkit.links(str(path), url="https://shop.example/p", campaign="x", store=None).get("promo_code")
    assert codes[:3] == [codes[0]] * 3 and len(set(codes[3:])) == 2
    assert {person_key({"creator": n, "platform": "tiktok", "handle": "h"})
            for n in ("Léa Martin ✨", "Léa Martin", "LÉA MARTIN!")} == {"lea martin"}
    assert name_key("🌸🌸") == "" and name_key(None) == ""


def test_a_wide_sheet_without_names_counts_one_person_per_sheet_row(tmp_path: Path) -> None:
    """Found by a new user: a sheet with one row per person, an Instagram, a TikTok and a YouTube column and
    no name column counted each account as a person (5 for 3 rows). The accounts of one sheet row are one
    person, from the file and from the workspace the file was recorded in; rows of a long sheet (one account
    a row) still stand alone."""
    wide = tmp_path / "wide.csv"
    wide.write_text("Instagram,TikTok,YouTube,Statut\n@anais.ig,@anais.tt,,Contacté\n@bruno.ig,,@brunoyt,Répondu\n"
                    "@chloe.ig,,,Contacté\n", encoding="utf-8")
    db = tmp_path / "ws.db"
    influkit.enrich(str(wide), offline=True, store=str(db))
    for report in (influkit.funnel(str(wide), store=None), influkit.funnel(None, store=str(db))):
        data = report.to_dict()
        assert data["rows"]["total"] == 5 and data["rows"]["merged_into_people"] == 2
        assert {s["stage"]: s["current"] for s in data["stages"]}["contacted"] == 2
    long = tmp_path / "long.csv"
    long.write_text("Réseau,Pseudo,Statut\nInstagram,anais.ig,Contacté\nTikTok,anais.tt,Contacté\n", encoding="utf-8")
    assert influkit.funnel(str(long), store=None).to_dict()["rows"]["merged_into_people"] == 0


def test_funnel_without_file_reads_only_its_columns_and_reports_the_same(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Without FILE the funnel reads the columns it needs of the workspace's list (a list scored and
    linked holds its reasons, links and notes: 1.4 GB at 500k rows): the report is the one the whole list
    gives, a column naming campaigns is still read (its warning), the stages set since are laid over,
    and the columns it does not read are left empty in the report's table."""
    from influkit import outreach

    sheet = tmp_path / "l.csv"
    rows = ["Nom,Réseau,Pseudo,Abonnés,Statut,Date de contact,Responsable,Campagne,Notes"]
    stages = ["Contacté", "Répondu", "Deal signé", "Refusé", "", "Contacté"]
    for k in range(36):
        rows.append(f"Créa {k},Instagram,crea{k},{1000 + 37 * k},{stages[k % 6]},"
                    f"{f'2024-03-{1 + k % 27:02d}' if k % 3 else ''},{'Camille' if k % 2 else 'Léo'},"
                    f"{'Printemps' if k % 4 else 'Noël'},note longue numéro {k} " + "x" * k)
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    db = str(tmp_path / "ws.db")
    runner = CliRunner()
    for args in (["enrich", str(sheet), "--offline", "--db", db, "-q", "-o", str(tmp_path / "e.csv")],
                 ["score", "--brand", str(Path(__file__).parents[1] / "examples" / "brand.toml"), "--db", db, "-q",
                  "-o", str(tmp_path / "s.csv")],
                 ["set", "crea5", "--stage", "deal", "--db", db, "-q"]):
        done = runner.invoke(app, args)
        assert done.exit_code == 0, done.output
    shown = runner.invoke(app, ["funnel", "--db", db, "-f", "json", "-q"])
    assert shown.exit_code == 0, shown.output
    report = influkit.funnel(store=db)
    assert json.loads(shown.stdout) == json.loads(json.dumps(report.to_dict()))
    assert any("Campagne" in w and "2 campaigns" in w for w in report["warnings"])
    assert report["stages"][STAGE_ORDER.index("deal")]["current"] >= 1
    table = report.table
    assert table is not None and len(table) == 36
    assert not any(table.get("notes")) and not any(table.get("reasons"))  # not read
    assert any(table.get("stage")) and any(table.get("contacted_on")) and any(table.get("Campagne"))
    monkeypatch.setattr(outreach, "reads_column", lambda name: True)  # the whole list read
    whole = influkit.funnel(store=db)
    assert whole.table is not None and any(whole.table.get("notes")) and any(whole.table.get("reasons"))
    assert whole.to_dict() == report.to_dict()
