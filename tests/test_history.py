"""History imports (totals, gains, Iconosquare quirks) and the `history` command."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from influkit.cli.app import app
from influkit.followers import account_history, find_account, import_history
from influkit.store import Store

runner = CliRunner()

ICONOSQUARE = '\ufeff"Date";"Followers";"Evolution";"Estimated data"\n' + "".join(
    f'"{d:02d}/03/2023";"{v}";"{g}";"{e}"\n' for d, v, g, e in [
        (1, "1,000", "10", "N/A"), (2, "1,010", "10", "N/A"), (3, "N/A", "10", "1,020"),
        (4, "1,030", "10", "N/A"), (5, "1,040", "10", "N/A")])

GAINS = "start_date,name,weekly_subscribers\n" + "".join(
    f"2022-01-{d:02d},{n},{g}\n" for d, n, g in [
        (2, "alpha", 100), (9, "alpha", 200), (16, "alpha", "NA"), (23, "alpha", 300),
        (2, "beta", "1e+05"), (9, "beta", "-5000")])


def test_iconosquare_export_totals_estimated_and_dates(tmp_path: Path) -> None:
    f = tmp_path / "followers_history.csv"
    f.write_text(ICONOSQUARE, encoding="utf-8")
    with Store(tmp_path / "w.db") as store:
        result = import_history(store, str(f), platform="instagram", handle="@Shop")
        (acc,) = result.accounts
        assert (acc.handle, acc.kind, acc.points, acc.estimated) == ("shop", "totals", 5, 1)
        points = store.points(find_account(store, "shop"))
    assert [(p["date"], p["value"], p["estimated"]) for p in points][1:3] == [
        (dt.date(2023, 3, 2), 1010, False), (dt.date(2023, 3, 3), 1020, True)]


def test_gains_long_format_relative_then_anchored(tmp_path: Path) -> None:
    f = tmp_path / "weekly.csv"
    f.write_text(GAINS, encoding="utf-8")
    with Store(tmp_path / "w.db") as store:
        result = import_history(store, str(f), platform="youtube")
        alpha = next(a for a in result.accounts if a.handle == "alpha")
        assert alpha.relative and alpha.kind == "gains" and alpha.estimated == 1
        hist = account_history(store, find_account(store, "alpha"))
        # a running sum: 0 the day before the first week, the week of 01-02 ends 01-08 at +100 (its last
        # day), the NA week counts 0
        assert hist.series == [(dt.date(2022, 1, 1), 0.0), (dt.date(2022, 1, 8), 100.0), (dt.date(2022, 1, 15), 300.0),
                               (dt.date(2022, 1, 22), 300.0), (dt.date(2022, 1, 29), 600.0)]
        assert hist.trend.trend == "unknown" and hist.trend.growth[7] == 300
        anchored = import_history(store, str(f), platform="youtube", total=200_000)
        beta = next(a for a in anchored.accounts if a.handle == "beta")
        assert not beta.relative and beta.anchor is not None
        # gains +100,000 then -5,000, ending at the given total of 200,000
        assert [v for _, v, _ in store.series(find_account(store, "beta"))] == [105_000, 205_000, 200_000]


def test_bad_cell_is_skipped_and_named_strict_stops(tmp_path: Path) -> None:
    f = tmp_path / "h.csv"
    f.write_text("date,followers\n2024-01-01,100\n2024-01-02,beaucoup\n2024-01-03,-50\n2024-01-04,130\n",
                 encoding="utf-8")
    result = runner.invoke(app, ["history", "import", str(f), "--platform", "instagram", "--handle", "x",
                                 "--db", str(tmp_path / "w.db"), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["points"] == 2 and json.loads(result.stdout)["bad_cells"] == 2
    (line,) = [t for t in result.stderr.splitlines() if "unreadable" in t]
    assert line.startswith("2 unreadable cells skipped (first: ") and "h.csv, row 3, column 'followers'" in line
    with Store(tmp_path / "w.db") as store:
        assert [v for _, v, _ in store.series(find_account(store, "x"))] == [100, 130]
    strict = runner.invoke(app, ["history", "import", str(f), "--platform", "instagram", "--handle", "y",
                                 "--db", str(tmp_path / "w.db"), "--strict"])
    assert strict.exit_code == 1 and "h.csv, row 3, column 'followers'" in strict.stderr
    assert len(strict.stderr.strip().splitlines()) == 1
    with Store(tmp_path / "w.db") as store:
        assert store.find_accounts("y") == []  # nothing recorded


def test_duplicate_dates_keep_last_and_are_counted(tmp_path: Path) -> None:
    f = tmp_path / "h.csv"
    f.write_text("date,followers\n2024-01-01,100\n2024-01-02,110\n2024-01-02,115\n2024-01-03,120\n",
                 encoding="utf-8")
    result = runner.invoke(app, ["history", "import", str(f), "--platform", "instagram", "--handle", "x",
                                 "--db", str(tmp_path / "w.db"), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert (out["points"], out["duplicates"]) == (3, 1)
    assert "3 points" in result.stderr and "1 duplicate date: last value kept" in result.stderr
    with Store(tmp_path / "w.db") as store:
        assert [v for _, v, _ in store.series(find_account(store, "x"))] == [100, 115, 120]


def test_duplicate_gain_dates_are_not_summed_and_bad_gain_is_estimated(tmp_path: Path) -> None:
    f = tmp_path / "g.csv"
    f.write_text("start_date,weekly_subscribers\n2022-01-02,100\n2022-01-09,200\n2022-01-09,250\n"
                 "2022-01-16,abc\n2022-01-23,300\n", encoding="utf-8")
    with Store(tmp_path / "w.db") as store:
        result = import_history(store, str(f), platform="youtube", handle="alpha")
        (acc,) = result.accounts
        assert (acc.duplicates, acc.estimated, len(result.bad_cells)) == (1, 1, 1)
        assert result.bad_cells[0].row == 5 and result.bad_cells[0].column == "weekly_subscribers"
        hist = account_history(store, find_account(store, "alpha"))
    # 100, then 250 (the last value of 01-09, not 200 + 250), the unreadable week counts 0, then 300
    assert [v for _, v in hist.series] == [0, 100, 350, 350, 650]


def test_one_account_file_needs_handle(tmp_path: Path) -> None:
    f = tmp_path / "h.csv"
    f.write_text("date,followers\n2024-01-01,100\n", encoding="utf-8")
    result = runner.invoke(app, ["history", "import", str(f), "--platform", "instagram", "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 2 and "--handle" in result.stderr


def test_cli_show_json_equals_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_DB", str(tmp_path / "w.db"))
    f = tmp_path / "followers_history.csv"
    f.write_text(ICONOSQUARE, encoding="utf-8")
    imported = runner.invoke(app, ["history", "import", str(f), "--platform", "instagram", "--handle", "shop",
                                   "-f", "json"])
    assert imported.exit_code == 0, imported.stderr
    assert json.loads(imported.stdout)["points"] == 5
    shown = runner.invoke(app, ["history", "show", "shop", "--format", "json"])
    assert shown.exit_code == 0, shown.stderr
    with Store(tmp_path / "w.db") as store:
        assert json.loads(shown.stdout) == account_history(store, find_account(store, "shop")).to_dict()
    table = runner.invoke(app, ["history", "show", "shop", "--format", "table"])
    assert "growth:" in table.stdout and "▁" in table.stdout
    csv_out = runner.invoke(app, ["history", "show", "shop", "--format", "csv"])
    assert csv_out.stdout.splitlines()[:2] == ["date,followers,relative,source,event",
                                               "2023-03-01,1000,0,history:followers_history.csv,"]
    assert "relative" not in csv_out.stderr
    missing = runner.invoke(app, ["history", "show", "nobody"])
    assert missing.exit_code == 1 and "no account 'nobody'" in missing.stderr


# weekly gains 2026-01-04..01-25: running sum 0 on 01-03 (the day before the first week), then 100, 300, 600,
# 1000 on each week's last day, 01-10..01-31
WEEKLY = "start_date,name,weekly_subscribers\n" + "".join(
    f"2026-01-{d:02d},gamma,{g}\n" for d, g in [(4, 100), (11, 200), (18, 300), (25, 400)])


def _sheet_total(store: Store, day: dt.date, followers: int) -> None:
    """What `influkit enrich` records for the account: a sheet snapshot (a total) on its day."""
    account = store.upsert_account("youtube", "gamma", seen_on=day)
    store.add_snapshot(account, day, "sheet", {"followers": followers})


def test_enrich_total_within_the_series_anchors_it_in_either_order(tmp_path: Path) -> None:
    f = tmp_path / "gains.csv"
    f.write_text(WEEKLY, encoding="utf-8")
    # enrich first (01-29, between two weekly points), then the history import: anchored on import
    with Store(tmp_path / "a.db") as store:
        _sheet_total(store, dt.date(2026, 1, 29), 50_000)
        (acc,) = import_history(store, str(f), platform="youtube").accounts
        assert not acc.relative and acc.anchor == "sheet total 50,000 on 2026-01-29"
        stored = [v for _, v, _ in store.series(find_account(store, "gamma"))]
    # running sum on 01-29 (01-24: 600, 01-31: 1,000) = 600 + 400 x 5/7 = 886 -> offset 49,114
    assert [int(v) for v in stored] == [49_114, 49_214, 49_414, 49_714, 50_000, 50_114]
    # history first, then enrich: the show path anchors the stored relative series on the sheet total
    with Store(tmp_path / "b.db") as store:
        import_history(store, str(f), platform="youtube")
        _sheet_total(store, dt.date(2026, 1, 29), 50_000)
        hist = account_history(store, find_account(store, "gamma"))
        assert not hist.relative and hist.anchors == ["history:gains.csv on sheet total 50,000 on 2026-01-29"]
        assert [int(v) for _, v in hist.series] == [49_114, 49_214, 49_414, 49_714, 50_000, 50_114]
        assert hist.trend.growth_pct[7] is not None and not hist.beside
    shown = runner.invoke(app, ["history", "show", "gamma", "--db", str(tmp_path / "b.db"), "-f", "table"])
    assert shown.exit_code == 0 and "relative" not in shown.stdout
    assert "anchored: history:gains.csv on sheet total 50,000 on 2026-01-29" in shown.stdout


def test_anchor_window_is_span_plus_one_period(tmp_path: Path) -> None:
    f = tmp_path / "gains.csv"
    f.write_text(WEEKLY, encoding="utf-8")
    # the series spans 01-03..01-31 (its points: the day before the first week, then each week's last day)
    for day, anchored in [(dt.date(2026, 1, 3), True), (dt.date(2026, 2, 7), True),
                          (dt.date(2026, 2, 8), False), (dt.date(2026, 1, 2), False)]:
        with Store(tmp_path / f"{day}.db") as store:
            import_history(store, str(f), platform="youtube")
            _sheet_total(store, day, 50_000)
            hist = account_history(store, find_account(store, "gamma"))
            assert bool(hist.anchors) is anchored and bool(hist.beside) is not anchored, day
            if day == dt.date(2026, 2, 7):  # one week after 01-31: extended at the last week's pace (+400)
                assert dict(hist.series)[dt.date(2026, 1, 31)] == 50_000 - 400


def test_totals_import_anchors_an_earlier_relative_series_in_the_store(tmp_path: Path) -> None:
    gains, totals = tmp_path / "gains.csv", tmp_path / "totals.csv"
    gains.write_text(WEEKLY, encoding="utf-8")
    totals.write_text("date,name,subscribers\n2026-01-17,gamma,20000\n2026-01-18,gamma,20050\n", encoding="utf-8")
    with Store(tmp_path / "w.db") as store:
        import_history(store, str(gains), platform="youtube")
        (acc,) = import_history(store, str(totals), platform="youtube").accounts
        assert acc.anchored == ["history:gains.csv on history:totals.csv total 20,000 on 2026-01-17"]
        account = find_account(store, "gamma")
        assert store.relative_sources(account) == []
        assert [p["value"] for p in store.points(account) if p["source"] == "history:gains.csv"] == [
            19_700, 19_800, 20_000, 20_300, 20_700]


def test_show_marks_relative_followers(tmp_path: Path) -> None:
    f = tmp_path / "gains.csv"
    f.write_text(WEEKLY, encoding="utf-8")
    db = str(tmp_path / "w.db")
    assert runner.invoke(app, ["history", "import", str(f), "--platform", "youtube", "--db", db]).exit_code == 0
    csv_out = runner.invoke(app, ["history", "show", "gamma", "--db", db, "-f", "csv"])
    assert csv_out.stdout.splitlines()[:2] == ["date,followers,relative,source,event",
                                               "2026-01-03,0,1,history:gains.csv,"]
    assert "relative to the first date: no total known, give --total" in csv_out.stderr
    data = json.loads(runner.invoke(app, ["history", "show", "gamma", "--db", db, "-f", "json"]).stdout)
    assert data["relative"] and all(p["relative"] for p in data["series"]) and data["note"]
    table = runner.invoke(app, ["history", "show", "gamma", "--db", db, "-f", "table"]).stdout
    assert "followers are relative to the first date: no total known, give --total" in table


def test_relative_series_is_shown_beside_a_sheet_snapshot_it_cannot_use(tmp_path: Path) -> None:
    f = tmp_path / "gains.csv"
    f.write_text(WEEKLY, encoding="utf-8")
    db = tmp_path / "w.db"
    with Store(db) as store:
        import_history(store, str(f), platform="youtube")
        _sheet_total(store, dt.date(2026, 3, 15), 50_000)  # six weeks after the series: no anchor
        _sheet_total(store, dt.date(2026, 3, 22), 50_300)
        hist = account_history(store, find_account(store, "gamma"))
        assert [int(v) for _, v in hist.series] == [50_000, 50_300] and not hist.relative
        assert [v for _, v in hist.beside["history:gains.csv"]] == [0, 100, 300, 600, 1000]
        data = hist.to_dict()
    assert data["relative_series"][0]["source"] == "history:gains.csv" and data["relative_series"][0]["relative"]
    csv_rows = runner.invoke(app, ["history", "show", "gamma", "--db", str(db), "-f", "csv"]).stdout.splitlines()
    assert "2026-03-15,50000,0,sheet," in csv_rows and "2026-01-31,1000,1,history:gains.csv," in csv_rows
    table = runner.invoke(app, ["history", "show", "gamma", "--db", str(db), "-f", "table"]).stdout
    assert "also imported: history:gains.csv, 5 points 2026-01-03..2026-01-31, +1,000 over them" in table


def test_long_history_with_a_platform_column(tmp_path: Path) -> None:
    """One file, several networks: the platform column names each row's (no --platform needed)."""
    import influkit

    path = tmp_path / "long.csv"
    lines = ["date,platform,handle,followers"]
    for day in range(1, 6):
        lines.append(f"2026-03-0{day},Instagram,lea.v,{10_000 + 100 * day}")
        lines.append(f"2026-03-0{day},TikTok,lea.v,{50_000 + 900 * day}")
        lines.append(f"2026-03-0{day},?,ghost,{day}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = str(tmp_path / "h.db")
    result = influkit.history_import(str(path), store=db)
    assert sorted((a.platform, a.handle, a.points) for a in result.accounts) == [
        ("instagram", "lea.v", 5), ("tiktok", "lea.v", 5)]
    assert len(result.bad_cells) == 5 and "no platform on this row" in str(result.bad_cells[0])
    assert influkit.history("lea.v", platform="tiktok", store=db).to_dict()["series"][-1]["followers"] == 54_500


def test_one_account_however_its_rows_write_it(tmp_path: Path) -> None:
    """Case, a leading @ and a profile link in the handle column name the same account (new-user review)."""
    f = tmp_path / "hist.csv"
    f.write_text("Date,Platform,Handle,Followers\n"
                 "2026-10-01,instagram,anna.b,11000\n2026-10-15,instagram,anna.b,11500\n"
                 "2026-11-01,instagram,Anna.B,12000\n01/11/2026,instagram,@anna.b,12100\n"
                 "2026-11-20,instagram,anna.b,\"12,5 k\"\n"
                 "2026-10-01,youtube,Cara-Vlogs,90000\n2026-11-01,youtube,cara-vlogs,95000\n"
                 "2026-11-25,youtube,https://www.youtube.com/@Cara-Vlogs,100000\n", encoding="utf-8")
    result = runner.invoke(app, ["history", "import", str(f), "--db", str(tmp_path / "w.db"), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert [(a["handle"], a["points"]) for a in out["accounts"]] == [("anna.b", 4), ("cara-vlogs", 3)]
    assert (out["points"], out["duplicates"]) == (7, 1)
    with Store(tmp_path / "w.db") as store:
        anna = find_account(store, "anna.b", "instagram")
        assert [v for _, v, _ in store.series(anna)] == [11000, 11500, 12100, 12500]
        cara = find_account(store, "cara-vlogs", "youtube")
        assert [v for _, v, _ in store.series(cara)] == [90000, 95000, 100000]


def test_list_trends_are_each_accounts_history(tmp_path: Path) -> None:
    """`list_trends` (a chunk of a list's accounts, points read together) gives each account the trend,
    spikes and series length of the history `account_history` gives it: anchored relative series,
    sources on one day, estimated points, spikes, one source of totals (computed from the points as
    read), a short declining series; an account without points, or an unknown id, an empty history."""
    from influkit.followers import list_trends

    start = dt.date(2026, 3, 1)
    with Store(tmp_path / "w.db") as store:
        a = store.upsert_account("instagram", "a", seen_on=start)
        b = store.upsert_account("youtube", "b", seen_on=start, creator="Bee")
        c = store.upsert_account("instagram", "c", seen_on=start)
        store.add_followers_series(a, [(start + dt.timedelta(d), 1000 + 10 * d + (900 if d >= 15 else 0), d == 3)
                                       for d in range(25)], "history:a.csv")
        store.add_followers_series(b, [(start + dt.timedelta(7 * d), 50 * d, False) for d in range(6)],
                                   "history:gains.csv", relative=True)
        for d in (0, 14, 35):
            store.add_snapshot(b, start + dt.timedelta(d), "sheet:s.xlsx", {"followers": 9000 + d})
            store.add_snapshot(a, start + dt.timedelta(d), "sheet:s.xlsx", {"followers": 1001 + d})
        assert account_history(store, a).events and account_history(store, b).anchors
        # what a list's columns take (`list_trends`: one source of totals without a History made)
        e = store.upsert_account("instagram", "e", seen_on=start)
        f = store.upsert_account("instagram", "f", seen_on=start)
        # (its one estimated point is far off the line: left out of the spikes, in the series)
        store.add_followers_series(e, [(start + dt.timedelta(d), 1000 + 10 * d + (900 if d >= 15 else 0)
                                        + (2000 if d == 3 else 0), d == 3) for d in range(25)], "sheet:s.xlsx")
        store.add_followers_series(f, [(start + dt.timedelta(7 * d), 2000 - 5 * d, False) for d in range(3)],
                                   "sheet:s.xlsx")
        listed = list_trends(store, [f, e, c, b, a, 999_999, a])
        assert sorted(listed) == sorted([a, b, c, e, f, 999_999])
        for account in (a, b, c, e, f):
            whole = account_history(store, account)
            assert listed[account] == (whole.trend, whole.events, len(whole.series))
        assert listed[e][1] and listed[f][0].trend == "declining" and listed[c][2] == 0
        assert listed[999_999] == listed[c] and listed[c][0].trend == "unknown" and listed[c][1] == []


def test_one_source_history_is_its_series(tmp_path: Path) -> None:
    """An account with one source of totals (a list recorded day after day) has that source's points,
    one a day, as its series; its spikes are `detect_events` of the points not estimated, and too few
    points for a verdict find none."""
    from influkit.metrics.trends import compute_trend, detect_events

    start = dt.date(2026, 3, 1)
    days = [(start + dt.timedelta(d), 1000 + 10 * d + (900 if d >= 15 else 0), d == 3) for d in range(25)]
    with Store(tmp_path / "w.db") as store:
        d = store.upsert_account("instagram", "d", seen_on=start)
        e = store.upsert_account("instagram", "e", seen_on=start)
        store.add_followers_series(d, days, "sheet:s.xlsx")
        store.add_followers_series(e, days[:5], "sheet:s.xlsx")
        full, few = account_history(store, d), account_history(store, e)
    series = [(day, float(v)) for day, v, _ in days]
    assert full.series == series and full.sources == ["sheet:s.xlsx"] * 25 and not full.relative
    assert full.events == detect_events([(day, float(v)) for day, v, est in days if not est])
    assert [ev.kind for ev in full.events] == ["spike"]
    assert full.trend == compute_trend(series)
    assert few.events == detect_events(series[:5]) == [] and few.trend == compute_trend(series[:5])


@pytest.mark.parametrize(("header", "cells", "kind", "values"), [
    # headers nobody listed, read from their words: totals, with a unit, and gains however written
    ("Date de relevé;Total abonnés", ["1 200", "1 250"], "totals", [1200, 1250]),
    ("Jour;Abonnés (k)", ["12", "12,6"], "totals", [12_000, 12_600]),
    ("Snapshot date;Subscriber Count", ["4000", "4100"], "totals", [4000, 4100]),
    ("Date;Abonnés gagnés", ["10", "-3"], "gains", [993, 1003, 1000]),
    ("Week of;Followers +/-", ["+40", "-10"], "gains", [970, 1010, 1000]),
    ("Mois;Nouveaux abonnés (k)", ["1,5", "0,5"], "gains", [-1000, 500, 1000]),
])
def test_history_columns_read_from_their_words(tmp_path: Path, header: str, cells: list[str], kind: str,
                                              values: list[int]) -> None:
    f = tmp_path / "h.csv"
    f.write_text(header + "\n" + "".join(f"2026-0{m + 1}-01;{c}\n" for m, c in enumerate(cells)), encoding="utf-8")
    with Store(tmp_path / "w.db") as store:
        result = import_history(store, str(f), platform="instagram", handle="anna", total=1000)
        (acc,) = result.accounts
        assert acc.kind == kind and not acc.relative
        assert [v for _, v, _ in store.series(find_account(store, "anna"))] == values
    # a total given beside a file of totals is not used, and the import says so
    assert bool(result.notes) == (kind == "totals")
    assert all("--total 1,000 not used" in n for n in result.notes)


@pytest.mark.parametrize("header", ["Date;Abonnés perdus", "Date;Followers lost", "Date;Taux de croissance",
                                    "Date;Following", "Date;Vues gagnées"])
def test_history_columns_that_are_no_followers_are_not_read(tmp_path: Path, header: str) -> None:
    """A loss (its sign is the file's own convention), a rate, another count: named, not guessed."""
    f = tmp_path / "h.csv"
    f.write_text(header + "\n2026-01-01;12\n", encoding="utf-8")
    result = runner.invoke(app, ["history", "import", str(f), "--platform", "instagram", "--handle", "anna",
                                 "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 1
    assert "no followers/subscribers column (totals) nor gains column" in result.stderr
    assert repr(header.split(";")[1]) in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(("cells", "order", "kept", "refused"), [
    # a US export: "11/13" only reads month first, so "11/10" is 10 November too, never 11 October
    (["11/10/2026", "11/11/2026", "11/13/2026"], "month", ["2026-11-10", "2026-11-11", "2026-11-13"], None),
    # a French sheet: day first, as when nothing tells
    (["10/11/2026", "11/11/2026", "13/11/2026"], "day", ["2026-11-10", "2026-11-11", "2026-11-13"], None),
    (["04/03/2026", "05/03/2026"], "day", ["2026-03-04", "2026-03-05"], None),
    # both orders: the majority reads the column, the other cell is refused with its row
    (["11/10/2026", "11/13/2026", "11/14/2026", "25/11/2026"], "month", ["2026-11-10", "2026-11-13", "2026-11-14"],
     (5, "'25/11/2026' (the column's dates are month first)")),
    # a date after today is a typo (2027 for 2026), not a point of the history
    (["2026-11-10", "2026-11-11", "2027-11-12"], "day", ["2026-11-10", "2026-11-11"],
     (4, "2027-11-12 is after today (2026-12-03)")),
])
def test_history_dates_read_in_their_column_order_and_not_after_today(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cells: list[str], order: str, kept: list[str],
        refused: tuple[int, str] | None) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-12-03")
    f = tmp_path / "h.csv"
    f.write_text("Date,Followers\n" + "".join(f"{c},{1000 + 10 * i}\n" for i, c in enumerate(cells)), encoding="utf-8")
    result = runner.invoke(app, ["history", "import", str(f), "--platform", "instagram", "--handle", "anna",
                                 "--db", str(tmp_path / "w.db"), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert any("read month first" in n for n in data["notes"]) == (order == "month")
    with Store(tmp_path / "w.db") as store:
        assert [d.isoformat() for d, _, _ in store.series(find_account(store, "anna"))] == kept
    if refused is None:
        assert data["bad_cells"] == 0 and data["first_bad_cell"] is None
    else:
        row, message = refused
        assert data["bad_cells"] == 1
        assert f"row {row}, column 'Date'" in data["first_bad_cell"] and message in data["first_bad_cell"]


@pytest.mark.parametrize(("account", "network"), [
    ("Créateur", "Réseau"), ("Influenceuse", "Plateforme"), ("Compte", "Network"), ("Talent", "Réseau social")])
def test_history_long_file_accounts_and_networks_read_from_their_words(
        tmp_path: Path, account: str, network: str) -> None:
    f = tmp_path / "h.csv"
    f.write_text(f"\ufeffSemaine du;{account};{network};Abonnés\n"
                 "06/10/2026;Léa Martin;Instagram;12,5 k\n13/10/2026;Léa Martin;Instagram;12 800\n"
                 "06/10/2026;tom.b;TikTok;1,2M\n;TOTAL;;1 225 300\n", encoding="utf-8")
    with Store(tmp_path / "w.db") as store:
        result = import_history(store, str(f), platform=None, handle=None)
        assert sorted((a.platform, a.points) for a in result.accounts) == [("instagram", 2), ("tiktok", 1)]
        assert [v for _, v, _ in store.series(find_account(store, "tom.b", "tiktok"))] == [1_200_000]
        assert [v for _, v, _ in store.series(find_account(store, "Léa Martin", "instagram"))] == [12_500, 12_800]


def test_history_rows_shifted_by_an_unquoted_separator_are_not_read(tmp_path: Path) -> None:
    """'2026-03-01,12,5' in a comma file: its total would be 12, the 5 in a column of its own."""
    f = tmp_path / "h.csv"
    f.write_text("date,followers\n2026-03-01,12,5\n2026-03-08,13\n2026-03-15,14\n", encoding="utf-8")
    with Store(tmp_path / "w.db") as store:
        result = import_history(store, str(f), platform="instagram", handle="anna")
        assert [v for _, v, _ in store.series(find_account(store, "anna"))] == [13, 14]
    (bad,) = result.bad_cells
    assert bad.row == 2 and "3 cells for 2 headers" in str(bad)
    # nothing readable: exit 1 and the first reason, not an import of nothing
    g = tmp_path / "g.csv"
    g.write_text("Date,Followers\nMar 1, 2026,100\nMar 8, 2026,110\n", encoding="utf-8")
    cli = runner.invoke(app, ["history", "import", str(g), "--platform", "instagram", "--handle", "bob",
                              "--db", str(tmp_path / "w.db")])
    assert cli.exit_code == 1 and "row 2, column 'column C': 3 cells for 2 headers" in cli.stderr
    assert "Traceback" not in cli.stderr


def test_history_totals_that_are_not_plain_counts_are_said(tmp_path: Path) -> None:
    """'12,5' under 'followers' is rounded like a sheet's cell, and the import says so (a missing unit?)."""
    f = tmp_path / "h.csv"
    f.write_text("date;followers\n2026-03-01;12,5\n2026-03-08;13\n2026-03-15;10K-15K\n", encoding="utf-8")
    with Store(tmp_path / "w.db") as store:
        result = import_history(store, str(f), platform="instagram", handle="anna")
        assert [v for _, v, _ in store.series(find_account(store, "anna"))] == [13, 13, 12_500]
    (note,) = result.notes
    assert note.startswith("column 'followers': 2 totals not a plain count (first, row 2: '12,5' is not a whole")


def test_an_unreadable_date_repeated_on_several_rows_is_reported_on_each(tmp_path: Path) -> None:
    """Dates are parsed once per distinct cell; a cell that cannot be read is still named on every row
    it is on (its error is not remembered as a value), and a readable one read again gives the same day."""
    import influkit

    path = tmp_path / "h.csv"
    path.write_text("date,handle,followers\n2026-02-30,lea,100\n2026-03-01,lea,110\n2026-02-30,zoe,200\n"
                    "2026-03-01,zoe,210\n2026-03-02,zoe,220\n", encoding="utf-8")
    result = influkit.history_import(str(path), platform="instagram", store=str(tmp_path / "h.db"))
    assert [(e.row, e.column) for e in result.bad_cells] == [(2, "date"), (4, "date")]
    assert sorted((a.handle, a.points, str(a.first)) for a in result.accounts) == [
        ("lea", 1, "2026-03-01"), ("zoe", 2, "2026-03-01")]


def test_a_replayed_day_reads_no_point_recorded_after_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """INFLUKIT_TODAY replays a run as of that day: points recorded after it (a later week's sheet) are not
    yet known, in the series, the list's trend columns and `history show` alike."""
    db = str(tmp_path / "w.db")
    sheet = tmp_path / "l.csv"
    for day, followers in (("2026-11-01", 1000), ("2026-11-08", 1100), ("2026-11-15", 5000)):
        monkeypatch.setenv("INFLUKIT_TODAY", day)
        sheet.write_text(f"Pseudo,Réseau,Abonnés\nanna,Instagram,{followers}\n", encoding="utf-8")
        assert runner.invoke(app, ["enrich", str(sheet), "--offline", "--db", db, "-q", "-o",
                                   str(tmp_path / "o.csv")]).exit_code == 0
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-11-08")
    with Store(db) as store:
        account = find_account(store, "anna")
        assert [v for _, v, _ in store.series(account)] == [1000, 1100]
        assert store.accounts_with_history() == {account}
    sheet.write_text("Pseudo,Réseau,Abonnés\nanna,Instagram,1100\n", encoding="utf-8")
    result = runner.invoke(app, ["enrich", str(sheet), "--offline", "--db", db, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    row = json.loads(result.stdout)[0]
    assert row["growth_7d"] == 100  # from 1,000 a week before, not from the 5,000 recorded on the 15th
    # a day with a single point known has no history
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-11-01")
    with Store(db) as store:
        assert store.accounts_with_history() == set()


def test_one_days_points_from_two_sources_are_no_history(tmp_path: Path) -> None:
    """A first `enrich` with live stats records the sheet's number and the API's on the same day: one day,
    no growth or trend to read, so no history is read for it (what it would give is 'unknown' anyway)."""
    from influkit.followers import list_trends

    with Store(tmp_path / "w.db") as store:
        with store.transaction():
            store.conn.execute("INSERT INTO accounts(platform, handle, first_seen, last_seen) "
                               "VALUES ('youtube', 'a', '2026-12-04', '2026-12-04')")
            account = int(store.one("SELECT id FROM accounts")[0])
            for source, followers in (("youtube", 1000), ("sheet:l.csv", 990)):
                store.conn.execute("INSERT INTO snapshots(account_id, taken_on, source, followers) VALUES (?,?,?,?)",
                                   (account, "2026-12-04", source, followers))
        assert store.accounts_with_history() == set()
        trend, events, points = list_trends(store, [account])[account]
        assert (trend.trend, trend.window, points, events) == ("unknown", None, 1, [])
        with store.transaction():
            store.conn.execute("INSERT INTO snapshots(account_id, taken_on, source, followers) VALUES (?,?,?,?)",
                               (account, "2026-12-01", "youtube", 900))
        assert store.accounts_with_history() == {account}
