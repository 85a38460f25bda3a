"""YouTube provider against a local fake speaking the real wire format (tests/fakes/youtube.py)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fakes.server import FakeServer  # noqa: E402
from fakes.youtube import FakeYouTube  # noqa: E402
from influkit.pipeline import enrich  # noqa: E402
from influkit.store import Store  # noqa: E402

FAST = {"backoff_base": 0.01, "timeout": 5.0}


@pytest.fixture
def yt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[FakeYouTube, FakeServer]]:
    fake = FakeYouTube()
    with FakeServer(fake) as server:
        monkeypatch.setenv("YOUTUBE_API_KEY", fake.key)
        monkeypatch.setenv("INFLUKIT_YOUTUBE_URL", server.url + "/youtube/v3")
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
        monkeypatch.setenv("INFLUKIT_TODAY", "2025-06-01")
        yield fake, server


def sheet(tmp_path: Path, handles: list[str]) -> str:
    path = tmp_path / "prospects.csv"
    path.write_text("platform,handle\n" + "".join(f"youtube,{h}\n" for h in handles), encoding="utf-8")
    return str(path)


def run(path: str, **options: Any) -> Any:
    return enrich(path, offline=False, live_options={**FAST, **options})


def ok_signatures(server: FakeServer) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    return [(r["path"], tuple(sorted(r["query"].items()))) for r in server.calls() if r["status"] == 200]


def test_numbers_from_the_wire_format(yt: tuple[FakeYouTube, FakeServer], tmp_path: Path) -> None:
    fake, server = yt
    fake.add_channel("cuisine", 20, subscribers=2_263_456, likes_hidden=3)
    hidden = fake.add_channel("secret", 5, hidden=True)
    table = run(sheet(tmp_path, ["@Cuisine", f"https://www.youtube.com/channel/{hidden}"]))
    rows = table.records()
    a, b = rows
    assert a["followers"] == 2_260_000  # "2260000": a string, rounded by YouTube
    assert a["followers_rounded"] is True
    assert a["posts"] == 20
    # window 12: videos 0..11; likes hidden on 0..2 -> averaged over videos 3..11 only (not as zeros)
    assert a["avg_likes"] == round(sum(100 + j for j in range(3, 12)) / 9)
    assert a["avg_views"] == round(sum(1000 + 10 * j for j in range(12)) / 12)
    assert a["avg_comments"] == round(sum(10 + j for j in range(12)) / 12)
    assert "likes hidden on 3 (averaged over 9)" in a["live_sample"]
    assert a["bio"] == "Bio of cuisine" and a["country"] == "FR"
    assert a["last_post_on"] == "2025-05-31"
    # the same pace formula as posts from a sheet: 11 intervals between 12 videos over 33 days
    assert a["posts_per_week"] == round(11 * 7 / 33, 2)  # newest 1 day ago, oldest 34 days ago
    assert a["days_since_last_post"] == 1
    assert a["live_source"].startswith("youtube 20")
    # hidden subscriber count: unknown, not 0
    assert b["followers"] is None and b["followers_rounded"] is None
    assert "subscriber count hidden" in b["live_sample"] and b["posts"] == 5
    report = table.meta["live"]
    # 1 forHandle + 1 id batch + 2 playlist pages + 1 videos batch (17 ids)
    assert report["quota_units"] == fake.units == 5
    assert report["fetched"] == 2 and report["failed"] == 0
    # every request carried the key in a header, never in the URL
    assert all("key" not in r["query"] for r in server.calls())
    assert [r["query"].get("forHandle") for r in server.calls("/channels") if "forHandle" in r["query"]] == ["@cuisine"]
    with Store() as store:
        account = store.account_id("youtube", "cuisine")
        assert account is not None
        assert len(store.posts(account)) == 12
        snap = store.conn.execute("SELECT followers, rounded FROM snapshots WHERE source='youtube' "
                                  "AND account_id=?", (account,)).fetchone()
        assert tuple(snap) == (2_260_000, 1)
        ext = store.conn.execute("SELECT external_id FROM accounts WHERE id=?", (account,)).fetchone()[0]
        assert ext.startswith("UC")


def test_rerun_within_max_age_makes_no_request_and_refresh_does(yt: tuple[FakeYouTube, FakeServer],
                                                               tmp_path: Path) -> None:
    fake, server = yt
    fake.add_channel("a", 8)
    fake.add_channel("b", 8)
    path = sheet(tmp_path, ["@a", "@b"])
    first = run(path).meta["live"]
    assert first["fetched"] == 2 and first["requests"] == len(server.calls()) == 5
    second = run(path).meta["live"]
    assert second["requests"] == 0 and second["cached"] == 2 and len(server.calls()) == 5
    third = run(path, refresh=True).meta["live"]
    # refresh: the handle -> id mapping is reused, so both channels come back in one id batch
    assert third["fetched"] == 2 and third["quota_units"] == 1 + 2 + 1
    expired = run(path, max_age="0s").meta["live"]
    assert expired["requests"] == 4


def test_fifty_video_window_costs_two_units_and_a_fiftieth(yt: tuple[FakeYouTube, FakeServer],
                                                          tmp_path: Path) -> None:
    fake, _ = yt
    ids = [fake.add_channel(f"c{i}", 60) for i in range(50)]
    table = run(sheet(tmp_path, ids), window=50, concurrency=10, rate_limit=1000)
    report = table.meta["live"]
    assert report["fetched"] == 50
    assert report["quota_units"] == fake.units == 1 + 50 + 50
    assert report["quota_units"] / 50 <= 2.05
    assert all(r["live_sample"] == "50 videos" for r in table.records())


def test_window_needing_two_playlist_pages(yt: tuple[FakeYouTube, FakeServer], tmp_path: Path) -> None:
    fake, server = yt
    fake.add_channel("long", 70)
    table = run(sheet(tmp_path, ["@long"]), window=60)
    pages = server.calls("/playlistItems")
    assert [p["query"].get("pageToken") for p in pages] == [None, "CAUQ50"]
    assert [p["query"]["maxResults"] for p in pages] == ["50", "10"]
    assert table.records()[0]["live_sample"] == "60 videos"
    assert len(server.calls("/videos")) == 2


def test_username_link_uses_for_username(yt: tuple[FakeYouTube, FakeServer], tmp_path: Path) -> None:
    fake, server = yt
    fake.add_channel("newname", 3, username="OldUser")
    run(sheet(tmp_path, ["https://www.youtube.com/user/OldUser"]))
    q = server.calls("/channels")[0]["query"]
    # the normaliser lower-cases the handle; YouTube's forUsername is case-insensitive, our fake too
    assert "forUsername" in q and "forHandle" not in q


def test_unknown_handle_is_an_issue_and_counted(yt: tuple[FakeYouTube, FakeServer], tmp_path: Path) -> None:
    fake, _ = yt
    fake.add_channel("real", 3)
    table = run(sheet(tmp_path, ["@real", "@ghost"]))
    rows = table.records()
    assert rows[1]["issues"] == "live: youtube: channel not found"
    assert rows[0]["issues"] is None
    assert table.meta["live"]["failed"] == 1 and table.meta["live"]["not_found"] == 1
    # the negative answer is cached too: a rerun asks nothing
    assert run(table.source).meta["live"]["requests"] == 0


def test_429_5xx_and_timeouts_are_retried(yt: tuple[FakeYouTube, FakeServer], tmp_path: Path) -> None:
    fake, _ = yt
    fake.add_channel("a", 5)
    fake.add_channel("b", 5)
    fake.fail_next("channels", 503, "timeout")
    fake.fail_next("playlistItems", 429, "ratelimit")
    fake.fail_next("videos", 500)
    fake.fault_sleep = 1.5
    table = run(sheet(tmp_path, ["@a", "@b"]), timeout=0.5)
    report = table.meta["live"]
    assert report["fetched"] == 2 and report["failed"] == 0
    assert report["providers"]["youtube"]["retries"] >= 4
    assert all(r["followers"] == 123_000 for r in table.records())


def test_retries_exhausted_fail_only_that_account(yt: tuple[FakeYouTube, FakeServer], tmp_path: Path) -> None:
    fake, _ = yt
    fake.add_channel("a", 5)
    fake.fail_next("channels", 503, 503, 503)
    table = run(sheet(tmp_path, ["@a"]), retries=2)
    assert table.meta["live"]["failed"] == 1
    assert "HTTP 503" in table.records()[0]["issues"]


def test_quota_exhausted_stops_then_resumes_without_repeating(yt: tuple[FakeYouTube, FakeServer],
                                                              tmp_path: Path) -> None:
    fake, server = yt
    for i in range(6):
        fake.add_channel(f"ch{i}", 4)
    fake.quota = 7
    path = sheet(tmp_path, [f"@ch{i}" for i in range(6)])
    table = run(path, concurrency=1)
    report = table.meta["live"]
    assert report["stopped"] and "quotaExceeded" in report["stopped"]
    assert report["failed"] > 0
    not_fetched = [r for r in table.records() if r["issues"]]
    assert all("quota exhausted" in r["issues"] for r in not_fetched)
    # quotaExceeded is not retried: exactly one 403
    assert sum(r["status"] == 403 for r in server.calls()) == 1
    done_before = ok_signatures(server)
    fake.quota = None  # midnight Pacific
    again = run(path, concurrency=1)
    assert again.meta["live"]["failed"] == 0 and again.meta["live"]["stopped"] is None
    after = ok_signatures(server)[len(done_before):]
    assert not set(done_before) & set(after)
    # forHandle and playlist per channel, one videos.list for the 24 videos of the 6 channels
    assert len(done_before) + len(after) == 6 + 6 + 1


def test_bad_key_stops_youtube_and_is_never_shown(yt: tuple[FakeYouTube, FakeServer], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    fake, server = yt
    fake.add_channel("a", 3)
    monkeypatch.setenv("YOUTUBE_API_KEY", "AIzaWRONG-secret-key-value")
    table = run(sheet(tmp_path, ["@a"]))
    report = table.meta["live"]
    assert "API key was rejected" in report["stopped"]
    assert len(server.calls()) == 1
    assert "AIzaWRONG" not in repr(report) + repr(table.records())


def test_without_key_youtube_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    table = run(sheet(tmp_path, ["@a", "@b"]))
    assert table.meta["live"]["skipped"] == ["youtube: YOUTUBE_API_KEY not set, 2 accounts not fetched"]
    assert table.meta["live"]["requests"] == 0


def test_key_never_in_outputs_or_store(yt: tuple[FakeYouTube, FakeServer], tmp_path: Path) -> None:
    fake, _ = yt
    fake.add_channel("a", 5)
    fake.fail_next("videos", 503)
    table = run(sheet(tmp_path, ["@a", "@missing"]))
    out = tmp_path / "out.json"
    from influkit.io.write import write_table

    write_table(table, str(out), "json")
    key = fake.key.encode()
    assert key not in out.read_bytes()
    from influkit.store.connection import settle

    settle()  # the workspace's connection closes (and removes its -wal, -shm files) in the background
    for f in (tmp_path / "workspace").iterdir():
        assert key not in f.read_bytes(), f
    assert fake.key not in repr(table.meta)


def age_cache(days: int) -> None:
    """Make every cached answer `days` old (as if the last run was then)."""
    import datetime as dt

    from influkit.clock import now

    old = (now() - dt.timedelta(days=days)).replace(microsecond=0).isoformat()
    with Store() as store, store.transaction():
        store.conn.execute("UPDATE api_cache SET fetched_at=?", (old,))


def test_stale_answers_are_revalidated_with_etags_and_304_reuses_them(yt: tuple[FakeYouTube, FakeServer],
                                                                       tmp_path: Path) -> None:
    fake, server = yt
    fake.add_channel("a", 8)
    fake.add_channel("b", 8, likes_hidden=2)
    by_id = fake.add_channel("c", 8)
    path = sheet(tmp_path, ["@a", "@b", by_id, "@ghost"])
    first = run(path)
    assert not any("if-none-match" in r["headers"] for r in server.calls())
    assert first.meta["live"]["not_modified"] == 0
    n_first = len(server.calls())
    age_cache(40)  # past max_age (24 h) and past the 30 days a resolved @handle is trusted
    second = run(path)
    again = server.calls()[n_first:]
    # forHandle a, b, ghost; channels.list id=c; 3 playlist pages; one videos.list: all unchanged
    assert len(again) == 8 and [r["status"] for r in again] == [304] * 8
    assert all(r["headers"].get("if-none-match") for r in again)
    report = second.meta["live"]
    assert report["not_modified"] == report["requests"] == 8
    assert report["providers"]["youtube"]["not_modified"] == 8
    assert report["quota_units"] == 8 and fake.units == n_first + 8  # a 304 is charged like a 200
    assert report["fetched"] == 3 and report["not_found"] == 1
    keep = ("followers", "posts", "avg_likes", "avg_views", "live_sample", "issues", "bio")
    assert ([{k: r[k] for k in keep} for r in second.records()]
            == [{k: r[k] for k in keep} for r in first.records()])
    # the 304s refreshed the fetch times: a rerun within max_age asks nothing
    third = run(path).meta["live"]
    assert third["requests"] == 0 and third["cached"] == 3


def test_changed_answers_come_back_whole_unchanged_ones_as_304(yt: tuple[FakeYouTube, FakeServer],
                                                                 tmp_path: Path) -> None:
    import datetime as dt

    from fakes.youtube import Video

    fake, server = yt
    a = fake.add_channel("a", 8)
    b = fake.add_channel("b", 8)
    path = sheet(tmp_path, [a, b])
    run(path)
    n_first = len(server.calls())
    fake.channels[a].subscribers = 456_789  # the channels.list answer changes
    fake.videos["vnew"] = Video("vnew", dt.datetime(2025, 5, 31, 20, tzinfo=dt.UTC), 99_000, 5_000, 300, "New")
    fake.channels[a].video_ids.insert(0, "vnew")  # a's uploads change, b's do not
    table = run(path, refresh=True)
    calls = server.calls()[n_first:]
    status = {(r["path"].rsplit("/", 1)[-1], r["query"].get("playlistId", "")): r["status"] for r in calls}
    assert status == {("channels", ""): 200, ("playlistItems", "UU" + a[2:]): 200,
                      ("playlistItems", "UU" + b[2:]): 304, ("videos", ""): 200}
    rows = table.records()
    assert rows[0]["followers"] == 456_000 and rows[0]["posts"] == 9 and rows[0]["last_post_on"] == "2025-05-31"
    assert rows[0]["avg_views"] == round((99_000 + sum(1000 + 10 * j for j in range(8))) / 9)  # window 12
    assert rows[1]["followers"] == 123_000 and rows[1]["live_sample"] == "8 videos"
    assert table.meta["live"]["not_modified"] == 1 and table.meta["live"]["quota_units"] == 4


def test_batches_are_replanned_only_when_no_call_is_lost() -> None:
    from influkit.providers.youtube import batch_tag, plan_batches

    keys = [f"k{i}" for i in range(60)]
    earlier = {k: batch_tag("E1", 49 - i, 50) for i, k in enumerate(keys[:50])}  # one earlier batch
    plan = plan_batches(keys, earlier)
    assert plan == [(list(reversed(keys[:50])), "E1"), (keys[50:], None)]
    # 50 answers from 50 single-channel calls (forHandle): asking them one by one would cost 50 calls
    singles = {k: batch_tag(f"S{i}", 0, 1) for i, k in enumerate(keys[:50])}
    assert plan_batches(keys[:50], singles) == [(keys[:50], None)]
    # an incomplete earlier batch cannot be revalidated: it is packed with the rest
    partial = {k: batch_tag("E2", i, 50) for i, k in enumerate(keys[:30])}
    assert plan_batches(keys[:30], partial) == [(keys[:30], None)]
    assert plan_batches([], {}) == []


def test_a_live_only_account_without_recent_videos_is_flagged_inactive(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The posting pace of a live fetch goes through the same formula as a sheet's posts, so the
    `inactive` flag fires for accounts known only from the API (newest video 62 days old)."""
    import datetime as dt

    fake = FakeYouTube(today=dt.date(2025, 4, 1))  # the channel's newest video: 2025-03-31
    fake.add_channel("dormant", 12, subscribers=40_000)
    with FakeServer(fake) as server:
        monkeypatch.setenv("YOUTUBE_API_KEY", fake.key)
        monkeypatch.setenv("INFLUKIT_YOUTUBE_URL", server.url + "/youtube/v3")
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
        monkeypatch.setenv("INFLUKIT_TODAY", "2025-06-01")
        (row,) = run(sheet(tmp_path, ["@dormant"])).records()
    assert row["days_since_last_post"] == 62
    assert "inactive" in row["flags"] and "no post for 62 days" in row["flag_reasons"]


def test_a_200_page_that_is_not_json_is_retried(yt: tuple[FakeYouTube, FakeServer], tmp_path: Path) -> None:
    fake, server = yt
    fake.add_channel("cuisine", 5)
    fake.fail_next("channels", "html")
    (row,) = run(sheet(tmp_path, ["@cuisine"])).records()
    assert row["followers"] == 123_000 and not row.get("issues")
    statuses = [c["status"] for c in server.calls("/channels")]
    assert statuses[:2] == [200, 200] and len(statuses) >= 2  # the HTML answer, then the retry


def test_a_channel_gone_mid_run_is_an_issue_not_zero_videos_cached(
        yt: tuple[FakeYouTube, FakeServer], tmp_path: Path) -> None:
    fake, server = yt
    fake.add_channel("ephemere", 8)
    fake.fail_next("playlistItems", "gone")
    table = run(sheet(tmp_path, ["@ephemere"]))
    (row,) = table.records()
    assert "uploads playlist was not found" in (row["issues"] or "")
    assert table.meta["live"]["failed"] == 1
    # nothing was cached as a complete, empty answer: the next run reads the videos
    (again,) = run(sheet(tmp_path, ["@ephemere"])).records()
    assert again["avg_views"] is not None and not again.get("issues")
