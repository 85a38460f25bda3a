"""Found on a real YouTube Data API export (tests/data/datasets/yt_daily_channel_snapshots.csv, from
mftn-lab/youtube-daily-tracker, see tests/data/datasets/SOURCES.md): its `views` column is each channel's
lifetime total (statistics.viewCount, 13,101,886 for 115,000 subscribers) and was read as the average
views per video; its `channel_id` column (UC + 22 characters) was kept as is, so no row had an account;
and its rows (one per channel and day) gave no hint that `history import` records such a file.

Real sheets: CSV files and xlsx workbooks written with openpyxl, read by `enrich` and `inspect`."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from influkit.io.inspect import inspect
from influkit.pipeline import enrich
from influkit.table import Table
from sheetmaker import xlsx

SAMPLE = Path(__file__).resolve().parent / "data" / "datasets" / "yt_daily_channel_snapshots.csv"


def _sample() -> list[dict[str, str]]:
    with SAMPLE.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write(path: Path, rows: list[list[Any]]) -> Path:
    if path.suffix == ".xlsx":
        return xlsx(path, {"Liste": rows})
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _read(path: Path, **kw: Any) -> tuple[Table, dict[str, dict[str, Any]], list[str]]:
    """(what enrich makes of `path`, inspect's decision per header, inspect's notes)."""
    table = enrich(str(path), store=None, offline=True, **kw)
    report = inspect(str(path), **kw)
    return table, {c["header"]: c for c in report.tabs[0].columns}, report.tabs[0].notes


# ------------------------------------------------------------------------------ lifetime totals

@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize(("header", "column"), [("views", "avg_views"), ("Vues", "avg_views"),
                                                ("view_count", "avg_views"), ("Nombre de vues", "avg_views"),
                                                ("Likes", "avg_likes"), ("J'aime", "avg_likes")])
def test_a_column_of_lifetime_totals_is_not_an_average(tmp_path: Path, suffix: str, header: str,
                                                       column: str) -> None:
    """A count per account 30 to 300 times its followers is each account's total over its life, not an
    average per post: kept as is under its own header, every value as it was, nothing computed from it
    (no engagement by views, no CPM), said in one note naming the file, the column and the median ratio,
    and `inspect` says the same."""
    rows: list[list[Any]] = [["Pseudo", "Réseau", "Abonnés", header],
            ["lea.cuisine", "YouTube", 115_000, 13_101_886], ["tom_diy", "YouTube", 5_830, 799_595],
            ["jojol", "YouTube", 2_690_000, 609_282_099], ["ana.makeup", "YouTube", 10_000, 1_217_242],
            ["gigatop", "YouTube", 42_400, 14_934_718]]
    path = _write(tmp_path / f"liste{suffix}", rows)
    table, columns, notes = _read(path)
    assert column not in table.mapped and header in table.extra_columns
    assert [str(v) for v in table.get(header)] == [str(r[3]) for r in rows[1:]]
    assert not any(table.get("engagement_rate_views")) and not any(table.get("cpm"))
    median = sorted(r[3] / r[2] for r in rows[1:])[2]  # (five rows: the middle one)
    said = [n for n in table.meta["notes"] if header in n and "lifetime totals" in n]
    assert len(said) == 1 and str(path) in said[0] and f"{median:,.0f} times" in said[0]
    assert columns[header]["used_as"] == "kept as is" and "lifetime totals" in columns[header]["evidence"]
    assert said[0] in notes


@pytest.mark.parametrize("header", ["Avg views", "Vues moy.", "Average views", "views(avg)", "Vues par vidéo"])
def test_a_header_saying_average_is_trusted_whatever_the_values(tmp_path: Path, header: str) -> None:
    """The header decides when it says average: huge numbers under "Avg views" are averages (a typo, a
    viral list), read as avg_views; the same numbers under "Views" are lifetime totals, kept as is."""
    body = [[f"acc{k}", "TikTok", 1_000 * (k + 1), 150_000 * (k + 1)] for k in range(6)]
    said, _, _ = _read(_write(tmp_path / "avg.csv", [["Pseudo", "Réseau", "Abonnés", header], *body]))
    assert said.mapped["avg_views"] == header
    assert said.get("avg_views") == [r[3] for r in body]
    assert not any("lifetime totals" in n for n in said.meta["notes"])
    bare, _, _ = _read(_write(tmp_path / "bare.csv", [["Pseudo", "Réseau", "Abonnés", "Views"], *body]))
    assert "avg_views" not in bare.mapped and bare.get("Views") == [str(r[3]) for r in body]


@pytest.mark.parametrize("ratio", [0.3, 1.2, 2.5, 4.0, 8.0])
def test_averages_above_the_followers_are_still_averages(tmp_path: Path, ratio: float) -> None:
    """A TikTok list whose average views per video exceed the followers (viral accounts: 1 to 8 times, as
    the 90th percentile of real lists) is still a list of averages; a column of the same accounts 40 times
    their followers is not."""
    followers = [12_000, 48_500, 230_000, 1_900_000, 5_400, 76_000, 640_000]
    ratios = [ratio * f for f in (0.6, 0.9, 1.0, 1.1, 1.5, 0.8, 1.2)]
    rows: list[list[Any]] = [["Pseudo", "Plateforme", "Followers", "Views", "Likes"]] + [
        [f"creator{k}", "TikTok", f, round(f * r), round(f * r * 0.08)]
        for k, (f, r) in enumerate(zip(followers, ratios, strict=True))]
    table, columns, _ = _read(_write(tmp_path / "tiktok.csv", rows))
    assert table.get("avg_views") == [r[3] for r in rows[1:]] and columns["Views"]["used_as"] == "avg_views"
    assert table.get("avg_likes") == [r[4] for r in rows[1:]]
    assert all(v is not None for v in table.get("engagement_rate_views"))
    totals = [[*r[:3], r[2] * 40, r[4]] for r in rows[1:]]
    lifetime, _, _ = _read(_write(tmp_path / "totals.csv", [rows[0], *totals]))
    assert "avg_views" not in lifetime.mapped and lifetime.get("avg_likes") == [r[4] for r in rows[1:]]


def test_a_total_column_gives_way_to_the_average_beside_it(tmp_path: Path) -> None:
    """"Views" of lifetime totals beside "Avg views": the average is read (before, "Avg views" was kept as
    is because "Views" had taken avg_views), the totals kept; "Vues cumulées" is a total by its header."""
    rows = [["Handle", "Platform", "Subscribers", "Views", "Avg views", "Vues cumulées"]] + [
        [f"chan{k}", "YouTube", 10_000 * (k + 1), 1_500_000 * (k + 1), 4_000 * (k + 1), 1_500_000 * (k + 1)]
        for k in range(5)]
    table, columns, _ = _read(_write(tmp_path / "both.xlsx", rows))
    assert table.mapped["avg_views"] == "Avg views" and table.get("avg_views") == [r[4] for r in rows[1:]]
    assert {"Views", "Vues cumulées"} <= set(table.extra_columns)
    assert columns["Avg views"]["used_as"] == "avg_views" and columns["Views"]["used_as"] == "kept as is"


def test_the_real_snapshots_views_are_lifetime_totals() -> None:
    """The real file's rows: `views` kept as is (the note names the file and the median ratio), subscribers
    the followers, and inspect says what enrich does."""
    rows = _sample()
    table, columns, notes = _read(SAMPLE)
    assert "avg_views" not in table.mapped and table.get("views") == [r["views"] for r in rows]
    ratios = sorted(int(r["views"]) / int(r["subscribers"]) for r in rows)
    median = (ratios[4] + ratios[5]) / 2
    note = next(n for n in table.meta["notes"] if "'views'" in n)
    assert str(SAMPLE) in note and f"{median:,.0f} times" in note and note in notes
    assert columns["views"]["used_as"] == "kept as is"


# ------------------------------------------------------------------------------ YouTube channel ids

IDS = [r["channel_id"] for r in _sample()[:6]]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("header", ["channel_id", "Channel ID", "ID chaîne", "youtube_id", "ID", ""])
def test_a_column_of_channel_ids_names_youtube_accounts(tmp_path: Path, suffix: str, header: str) -> None:
    """A column of YouTube channel ids, whatever its header (or none), gives each row its YouTube account:
    platform youtube, the id as handle (case kept), its channel link; a "#" rank column beside it stays a
    rank, kept as is."""
    rows = [["#", "Nom", header, "Abonnés"]] + [
        [k + 1, f"Chaîne {k}", cid, 1_000 * (k + 1)] for k, cid in enumerate(IDS)]
    table, columns, _ = _read(_write(tmp_path / f"ids{suffix}", rows))
    assert table.get("platform") == ["youtube"] * len(IDS) and table.get("handle") == IDS
    assert table.get("profile_url") == [f"https://www.youtube.com/channel/{c}" for c in IDS]
    assert table.get("creator") == [r[1] for r in rows[1:]]
    assert [str(v) for v in table.get("#")] == [str(k + 1) for k in range(len(IDS))]
    assert columns["#"]["used_as"] == "kept as is"
    shown = header or next(c for c in columns if c not in ("#", "Nom", "Abonnés"))
    assert columns[shown]["used_as"] == "handle"


@pytest.mark.parametrize("rank", ["ID", "#", "id", "Rank"])
def test_a_rank_column_stays_a_rank(tmp_path: Path, rank: str) -> None:
    """Row numbers under "ID" or "#" are no accounts: kept as is, and the rows' accounts come from the
    channel ids beside them (before, the ids were kept as is too and no row had an account)."""
    rows = [[rank, "Channel", "Subscribers"]] + [[k + 1, cid, 5_000] for k, cid in enumerate(IDS)]
    table, columns, _ = _read(_write(tmp_path / "rank.csv", rows))
    assert table.get(rank) == [str(k + 1) for k in range(len(IDS))] and columns[rank]["used_as"] == "kept as is"
    assert table.get("handle") == IDS and set(table.get("platform")) == {"youtube"}


@pytest.mark.parametrize("order", ["ids first", "ids last"])
@pytest.mark.parametrize("account", ["Handle", "Lien profil"])
def test_a_handle_or_link_column_wins_over_channel_ids(tmp_path: Path, order: str, account: str) -> None:
    """A sheet with a handle (or profile link) column and a channel id column: the handle column gives the
    accounts, the ids are kept as is under their header (said in inspect)."""
    names = [f"chaine{k}" for k in range(len(IDS))]
    cells = names if account == "Handle" else [f"https://www.youtube.com/@{n}" for n in names]
    heads = ["channel_id", account] if order == "ids first" else [account, "channel_id"]
    rows = [["Plateforme", *heads, "Abonnés"]] + [
        ["YouTube", *((cid, a) if order == "ids first" else (a, cid)), 2_000] for cid, a in zip(IDS, cells, strict=True)]
    table, columns, _ = _read(_write(tmp_path / "both.csv", rows))
    assert table.get("handle") == names and table.get("channel_id") == IDS
    assert columns["channel_id"]["used_as"] == "kept as is" and account in columns["channel_id"]["evidence"]


def test_a_channel_id_in_the_handle_column_is_a_youtube_account(tmp_path: Path) -> None:
    """A handle cell that is a channel id, on a row that names no network, is a YouTube account; the other
    rows keep their own network."""
    rows: list[list[Any]] = [["Pseudo", "Réseau", "Abonnés"], [IDS[0], "", 115_000], ["lea.cuisine", "Instagram", 20_000],
            [IDS[1], None, 5_830], ["@tom_diy", "TikTok", 8_000]]
    table, _, _ = _read(_write(tmp_path / "mixed.csv", rows))
    assert table.get("platform") == ["youtube", "instagram", "youtube", "tiktok"]
    assert table.get("handle") == [IDS[0], "lea.cuisine", IDS[1], "tom_diy"]
    assert table.get("profile_url")[0] == f"https://www.youtube.com/channel/{IDS[0]}"


# ------------------------------------------------------------------------------ a series of snapshots

def test_a_series_of_snapshots_says_history_import(tmp_path: Path) -> None:
    """The real file's channels over three days: every row out, in order, each repeat marked duplicate_of
    its channel's first row, and one note saying that `history import` records such a file; a prospect
    list with a date column and one creator pasted twice gets no such note."""
    sample = _sample()[:9]
    head = list(sample[0])
    days = ["2026-01-17", "2026-01-18", "2026-01-19"]
    rows = [head] + [[day, *list(r.values())[1:]] for day in days for r in sample]
    table, _, notes = _read(_write(tmp_path / "daily.csv", rows))
    assert len(table) == 27 and table.get("date_utc") == [r[0] for r in rows[1:]]
    assert table.get("duplicate_of") == [None] * 9 + [k + 2 for k in range(9)] * 2
    assert table.meta["duplicates"] == 18
    said = [n for n in table.meta["notes"] if "history import" in n]
    assert len(said) == 1 and "27 rows name 9 accounts" in said[0] and "'date_utc'" in said[0]
    assert said[0] in notes
    prospects = [["Pseudo", "Réseau", "Abonnés", "Date contact"]] + [
        [f"acc{k}", "Instagram", 1_000 + k, f"2026-03-{k + 1:02d}"] for k in range(8)] + [
        ["acc0", "Instagram", 1_000, "2026-03-20"]]
    listed, _, _ = _read(_write(tmp_path / "list.csv", prospects))
    assert listed.meta["duplicates"] == 1 and not any("history import" in n for n in listed.meta["notes"])


def test_a_networks_own_column_of_totals_is_kept_on_a_wide_sheet(tmp_path: Path) -> None:
    """One column per network: "YT views" of lifetime totals is measured against "YT subs" (not the
    Instagram followers), kept as is on the YouTube rows, and the Instagram rows are untouched."""
    rows: list[list[Any]] = [["Nom", "Instagram", "IG followers", "IG likes", "YouTube", "YT subs", "YT views"]] + [
        [f"Créa {k}", f"crea{k}", 20_000 + k, 400 + k, f"https://www.youtube.com/@crea{k}", 100_000 * (k + 1),
         20_000_000 * (k + 1)] for k in range(4)]
    table, columns, _ = _read(_write(tmp_path / "wide.xlsx", rows))
    yt = [k for k, p in enumerate(table.get("platform")) if p == "youtube"]
    ig = [k for k, p in enumerate(table.get("platform")) if p == "instagram"]
    assert len(yt) == len(ig) == 4 and not any(table.get("avg_views"))
    assert [table.get("YT views")[k] for k in yt] == [r[6] for r in rows[1:]]
    assert [table.get("avg_likes")[k] for k in ig] == [r[3] for r in rows[1:]]
    assert columns["YT views"]["used_as"] == "kept as is" and "'YT subs'" in columns["YT views"]["evidence"]
