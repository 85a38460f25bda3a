"""Instagram business discovery against a local fake Graph API (tests/fakes/instagram.py)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fakes.instagram import FakeGraph  # noqa: E402
from fakes.server import FakeServer  # noqa: E402
from influkit.pipeline import enrich  # noqa: E402
from influkit.store import Store  # noqa: E402


@pytest.fixture
def ig(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[FakeGraph, FakeServer]]:
    fake = FakeGraph()
    with FakeServer(fake) as server:
        monkeypatch.setenv("INSTAGRAM_ACCESS_TOKEN", fake.token)
        monkeypatch.setenv("INSTAGRAM_USER_ID", fake.user_id)
        monkeypatch.setenv("INFLUKIT_GRAPH_URL", f"{server.url}/{fake.version}")
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
        monkeypatch.setenv("INFLUKIT_TODAY", "2025-06-01")
        yield fake, server


def run(tmp_path: Path, handles: list[str], **options: Any) -> Any:
    path = tmp_path / "ig.csv"
    path.write_text("platform,handle\n" + "".join(f"instagram,{h}\n" for h in handles), encoding="utf-8")
    return enrich(str(path), offline=False,
                  live_options={"backoff_base": 0.01, "rate_limit": 100, **options})


def test_business_discovery_numbers_and_hidden_likes(ig: tuple[FakeGraph, FakeServer], tmp_path: Path) -> None:
    fake, server = ig
    fake.add_account("chef.lea", 20, followers=64976, hidden_likes=2)
    table = run(tmp_path, ["@Chef.Lea"])
    row = table.records()[0]
    assert (row["followers"], row["following"], row["posts"]) == (64976, 321, 20)
    assert row["avg_likes"] == round(sum(87 + j for j in range(2, 12)) / 10)
    assert row["avg_comments"] == round(sum(11 + j for j in range(12)) / 12)
    assert row.get("avg_views") is None  # business discovery gives no views
    assert row["live_sample"] == "12 posts; likes hidden on 2 (averaged over 10)"
    assert row["last_post_on"] == "2025-05-31" and row["bio"] == "Bio of chef.lea"
    assert row["followers_rounded"] is None
    assert table.meta["live"]["requests"] == 1
    fields = server.calls()[0]["query"]["fields"]
    assert fields.startswith("business_discovery.username(chef.lea){") and "media.limit(12)" in fields
    with Store() as store:
        account = store.account_id("instagram", "chef.lea")
        assert account is not None and len(store.posts(account)) == 12
    again = run(tmp_path, ["@Chef.Lea"])
    assert again.meta["live"]["requests"] == 0 and again.meta["live"]["cached"] == 1


def test_media_paging_with_after_cursor(ig: tuple[FakeGraph, FakeServer], tmp_path: Path) -> None:
    fake, server = ig
    fake.add_account("big", 80)
    table = run(tmp_path, ["big"], window=70)
    fields = [c["query"]["fields"] for c in server.calls()]
    assert len(fields) == 2 and "media.limit(50)" in fields[0] and "media.after(" in fields[1]
    assert ".limit(20)" in fields[1]
    assert table.records()[0]["live_sample"] == "70 posts"


def test_not_found_is_a_row_issue(ig: tuple[FakeGraph, FakeServer], tmp_path: Path) -> None:
    fake, _ = ig
    fake.add_account("real", 3)
    table = run(tmp_path, ["real", "personal.account"])
    rows = table.records()
    assert rows[0]["issues"] is None
    assert rows[1]["issues"] == ("live: instagram: account not found or not a professional account "
                                 "(code 110/2207013)")
    assert table.meta["live"]["stopped"] is None and table.meta["live"]["not_found"] == 1


def test_throttle_and_5xx_are_retried(ig: tuple[FakeGraph, FakeServer], tmp_path: Path) -> None:
    fake, server = ig
    fake.add_account("a", 3)
    fake.add_account("b", 3)
    fake.fail_next("throttle", 500, "throttle")
    table = run(tmp_path, ["a", "b"])
    assert table.meta["live"]["fetched"] == 2
    assert table.meta["live"]["providers"]["instagram"]["retries"] == 3
    assert len(server.calls()) == 5


def test_long_throttle_stops_instagram(ig: tuple[FakeGraph, FakeServer], tmp_path: Path) -> None:
    fake, _ = ig
    fake.add_account("a", 3)
    fake.regain_minutes = 45
    fake.fail_next("throttle")
    table = run(tmp_path, ["a"])
    assert "about 45 minutes" in table.meta["live"]["stopped"]
    assert "not fetched" in table.records()[0]["issues"]


def test_bad_token_stops_with_clear_message_and_no_token(ig: tuple[FakeGraph, FakeServer], tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    fake, server = ig
    fake.add_account("a", 3)
    fake.add_account("b", 3)
    monkeypatch.setenv("INSTAGRAM_ACCESS_TOKEN", "EAAGexpired-SECRET-token")
    table = run(tmp_path, ["a", "b"], concurrency=1)
    report = table.meta["live"]
    assert report["stopped"] == "instagram: the access token is invalid or expired (code 190): renew INSTAGRAM_ACCESS_TOKEN"
    assert report["failed"] == 2 and len(server.calls()) == 1
    assert "EAAGexpired" not in repr(table.meta) + repr(table.records())
    db = tmp_path / "workspace" / "influkit.db"
    assert b"EAAGexpired" not in db.read_bytes()


def test_usage_headers_slow_us_down(ig: tuple[FakeGraph, FakeServer], tmp_path: Path) -> None:
    from influkit.providers.instagram import usage

    fake, _ = ig
    fake.usage = {"call_count": 91, "total_cputime": 10, "total_time": 12}
    fake.regain_minutes = 3

    import httpx

    assert usage(httpx.Response(200, headers=fake._headers())) == (91.0, 3.0)
    for i in range(3):
        fake.add_account(f"u{i}", 2)
    table = run(tmp_path, [f"u{i}" for i in range(3)], rate_limit=50)
    assert table.meta["live"]["fetched"] == 3


def test_token_never_in_store_bytes(ig: tuple[FakeGraph, FakeServer], tmp_path: Path) -> None:
    fake, _ = ig
    fake.add_account("a", 5)
    run(tmp_path, ["a", "ghost"])
    from influkit.store.connection import settle

    settle()  # the workspace's connection closes (and removes its -wal, -shm files) in the background
    for f in (tmp_path / "workspace").iterdir():
        assert fake.token.encode() not in f.read_bytes(), f
