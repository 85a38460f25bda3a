"""run_live as a whole: config, progress, kill -9 and resume, the CLI."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fakes.server import FakeServer  # noqa: E402
from fakes.youtube import FakeYouTube  # noqa: E402
from influkit.config import load_settings, parse_duration  # noqa: E402
from influkit.errors import UsageError  # noqa: E402
from influkit.pipeline import enrich  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def test_settings_env_wins_over_file(tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text('[youtube]\napi_key = "file-key"\nrate_limit = 7\n[instagram]\naccess_token = "file-tok"\n'
                   'user_id = "42"\n[live]\nwindow = 30\n', encoding="utf-8")
    s = load_settings(cfg, env={"YOUTUBE_API_KEY": "env-key", "INFLUKIT_GRAPH_URL": "http://x/v1/"})
    assert s.youtube_api_key == "env-key" and s.instagram_access_token == "file-tok"
    assert s.instagram_user_id == "42" and s.graph_url == "http://x/v1" and s.youtube_rate_limit == 7
    assert s.live == {"window": 30}
    assert "env-key" not in repr(s) and "file-tok" not in repr(s)
    with pytest.raises(UsageError):
        load_settings(tmp_path / "missing.toml", env={})


def test_parse_duration() -> None:
    assert parse_duration("24h") == dt.timedelta(hours=24)
    assert parse_duration("30m") == dt.timedelta(minutes=30)
    assert parse_duration("2d") == dt.timedelta(days=2)
    with pytest.raises(UsageError):
        parse_duration("soon")


def test_config_file_gives_key_and_window_and_progress_is_reported(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeYouTube()
    for i in range(3):
        fake.add_channel(f"p{i}", 10)
    with FakeServer(fake) as server:
        cfg = tmp_path / "influkit.toml"
        cfg.write_text(f'[youtube]\napi_key = "{fake.key}"\nbase_url = "{server.url}/youtube/v3"\n'
                       '[live]\nwindow = 4\n', encoding="utf-8")
        csv = tmp_path / "p.csv"
        csv.write_text("platform,handle\nyoutube,@p0\nyoutube,@p1\nyoutube,@p2\ntiktok,@other\n", encoding="utf-8")
        seen: list[dict[str, int]] = []
        table = enrich(str(csv), offline=False, live_options={"config_path": str(cfg), "progress": seen.append})
    assert table.meta["live"]["fetched"] == 3
    assert all(r["live_sample"] == "4 videos" for r in table.records()[:3])
    assert table.records()[3]["live_source"] is None  # TikTok: no API, the sheet's numbers stay
    assert seen[0]["done"] == 0 and seen[-1] == {"total": 3, "done": 3, "cached": 0, "failed": 0,
                                                  "quota_units": 7, "requests": 7}


CHILD = """
import json, sys
from influkit.pipeline import enrich
t = enrich(sys.argv[1], offline=False, live_options={"concurrency": 2, "window": 5, "rate_limit": 1000})
print(json.dumps(t.meta["live"]))
"""


def test_kill_9_then_resume_repeats_no_completed_call(tmp_path: Path) -> None:
    fake = FakeYouTube()
    n = 20
    for i in range(n):
        fake.add_channel(f"k{i}", 8)
    csv = tmp_path / "k.csv"
    csv.write_text("platform,handle\n" + "".join(f"youtube,@k{i}\n" for i in range(n)), encoding="utf-8")
    with FakeServer(fake, latency=0.15) as server:
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "YOUTUBE_API_KEY": fake.key,
               "INFLUKIT_YOUTUBE_URL": server.url + "/youtube/v3", "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
               "INFLUKIT_DB": str(tmp_path / "ws" / "influkit.db")}
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(csv)], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while len(server.calls()) < 15 and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        assert child.returncode == -signal.SIGKILL
        time.sleep(0.4)  # let the server finish the requests that were in flight
        before = [(r["path"], json.dumps(r["query"], sort_keys=True)) for r in server.calls() if r["status"] == 200]
        assert 15 <= len(before) < 2 * n + 1
        done = subprocess.run([sys.executable, "-c", CHILD, str(csv)], env=env, capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 0, done.stderr
        report = json.loads(done.stdout)
        after = [(r["path"], json.dumps(r["query"], sort_keys=True)) for r in server.calls()
                 if r["status"] == 200][len(before):]
    assert report["fetched"] + report["cached"] == n and report["failed"] == 0
    repeated = set(before) & set(after)
    # only calls whose answer was on the wire when the process died may be asked again (concurrency 2)
    assert len(repeated) <= 2
    # uninterrupted cost: 20 forHandle + 20 playlists + 2 videos.list (100 ids); at most 2 more
    assert len(before) + len(after) <= 2 * n + 2 + 2
    assert fake.key not in done.stdout + done.stderr


def _cli_has_live_options() -> bool:
    from typer.testing import CliRunner

    from influkit.cli.app import app

    return "--refresh" in CliRunner().invoke(app, ["enrich", "--help"]).output


@pytest.mark.skipif(not _cli_has_live_options(), reason="`influkit enrich` has no --refresh option yet")
def test_cli_enrich_live_exit_3_and_no_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from influkit.cli.app import app

    fake = FakeYouTube()
    fake.add_channel("real", 6)
    with FakeServer(fake) as server:
        monkeypatch.setenv("YOUTUBE_API_KEY", fake.key)
        monkeypatch.setenv("INFLUKIT_YOUTUBE_URL", server.url + "/youtube/v3")
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
        csv = tmp_path / "c.csv"
        csv.write_text("platform,handle\nyoutube,@real\nyoutube,@ghost\n", encoding="utf-8")
        result = CliRunner().invoke(app, ["enrich", str(csv), "-o", "-", "--format", "json", "--max-age", "1h"])
        again = CliRunner().invoke(app, ["enrich", str(csv), "-o", "-", "--format", "json"])
    assert result.exit_code == 3, result.output
    rows = json.loads(result.stdout)
    assert rows[0]["followers"] == 123_000 and rows[1]["issues"] == "live: youtube: channel not found"
    assert fake.key not in result.output + again.output
    assert again.exit_code == 3 and json.loads(again.stdout) == rows
    assert len(server.calls()) == 4  # the second run came from the cache


# ---------------------------------------------------------------------------------------------------
# Opt-in: the real APIs with real keys. Skipped unless INFLUKIT_LIVE_TESTS=1 and the keys are set:
#   INFLUKIT_LIVE_TESTS=1 YOUTUBE_API_KEY=... INSTAGRAM_ACCESS_TOKEN=... INSTAGRAM_USER_ID=... \
#   .venv/bin/pytest tests/test_live.py -m live -rs
# The keys are read here, at import, because conftest's autouse fixture removes them from every test's
# environment (so that no other test can reach a real API by accident).
LIVE = os.environ.get("INFLUKIT_LIVE_TESTS") == "1"
REAL = {k: os.environ.get(k, "") for k in ("YOUTUBE_API_KEY", "INSTAGRAM_ACCESS_TOKEN", "INSTAGRAM_USER_ID")}


def _real_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *keys: str) -> None:
    for key in keys:
        monkeypatch.setenv(key, REAL[key])
    for key in ("INFLUKIT_YOUTUBE_URL", "INFLUKIT_GRAPH_URL", "INFLUKIT_TODAY"):
        monkeypatch.delenv(key, raising=False)  # the real base URLs
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))


@pytest.mark.live
@pytest.mark.skipif(not (LIVE and REAL["YOUTUBE_API_KEY"]),
                    reason="real YouTube API: set INFLUKIT_LIVE_TESTS=1 and YOUTUBE_API_KEY")
def test_real_youtube_channel_by_handle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from influkit.store import Store

    _real_env(monkeypatch, tmp_path, "YOUTUBE_API_KEY")
    csv = tmp_path / "yt.csv"
    csv.write_text("platform,handle\nyoutube,@YouTube\n", encoding="utf-8")
    table = enrich(str(csv), offline=False, live_options={"window": 5})
    report, row = table.meta["live"], table.records()[0]
    assert report["fetched"] == 1 and report["failed"] == 0, row["issues"]
    assert report["quota_units"] == 3  # forHandle + one playlistItems page + one videos.list
    assert row["followers"] > 0 and row["followers_rounded"] is True and row["posts"] > 0
    assert row["live_sample"].startswith("5 videos") and row["avg_views"] > 0
    with Store() as store:
        account = store.account_id("youtube", "youtube")
        assert account is not None
        posts = store.posts(account)
        assert len(posts) == 5 and all(p["permalink"].startswith("https://www.youtube.com/watch?v=")
                                       for p in posts)
    # again with --refresh: by channel id now, with If-None-Match; a 200 or a 304 are both right
    again = enrich(str(csv), offline=False, live_options={"window": 5, "refresh": True})
    assert again.meta["live"]["fetched"] == 1 and again.meta["live"]["quota_units"] == 3
    assert 0 <= again.meta["live"]["not_modified"] <= 3
    assert again.records()[0]["followers"] > 0
    assert REAL["YOUTUBE_API_KEY"] not in repr(report) + repr(table.records())


@pytest.mark.live
@pytest.mark.skipif(not (LIVE and REAL["INSTAGRAM_ACCESS_TOKEN"] and REAL["INSTAGRAM_USER_ID"]),
                    reason="real Graph API: set INFLUKIT_LIVE_TESTS=1, INSTAGRAM_ACCESS_TOKEN and "
                           "INSTAGRAM_USER_ID")
def test_real_instagram_business_discovery(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from influkit.store import Store

    _real_env(monkeypatch, tmp_path, "INSTAGRAM_ACCESS_TOKEN", "INSTAGRAM_USER_ID")
    csv = tmp_path / "ig.csv"
    csv.write_text("platform,handle\ninstagram,instagram\n", encoding="utf-8")
    table = enrich(str(csv), offline=False, live_options={"window": 5})
    report, row = table.meta["live"], table.records()[0]
    assert report["fetched"] == 1 and report["failed"] == 0 and report["requests"] == 1, row["issues"]
    assert row["followers"] > 0 and row["posts"] > 0 and row["following"] is not None
    assert row["live_sample"].startswith("5 posts") and row["last_post_on"] is not None
    with Store() as store:
        account = store.account_id("instagram", "instagram")
        assert account is not None
        posts = store.posts(account)
        assert len(posts) == 5 and all(p["permalink"].startswith("https://www.instagram.com/") for p in posts)
    assert REAL["INSTAGRAM_ACCESS_TOKEN"] not in repr(report) + repr(table.records())


def test_live_settings_table_is_the_one_source_of_the_defaults() -> None:
    from influkit.providers import http, instagram, live, youtube
    from influkit.thresholds.live import LIVE_SETTINGS, setting

    for name, entry in LIVE_SETTINGS.items():
        assert entry.value > 0 and entry.unit and len(entry.source) > 20, name
    assert {"youtube": setting("youtube_rate"), "instagram": setting("instagram_rate")} == live.DEFAULT_RATE
    assert live.DEFAULT_MAX_AGE == dt.timedelta(hours=setting("max_age")) == dt.timedelta(hours=24)
    assert (setting("window"), setting("concurrency")) == (live.DEFAULT_WINDOW, live.DEFAULT_CONCURRENCY)
    assert (
        setting("retries"), setting("backoff_base"), setting("backoff_cap"), setting("timeout")) == (http.DEFAULT_RETRIES, http.DEFAULT_BACKOFF_BASE, http.DEFAULT_BACKOFF_CAP, http.DEFAULT_TIMEOUT)
    assert dt.timedelta(days=setting("handle_reuse_days")) == youtube.HANDLE_MAX_AGE
    assert (setting("usage_slow"), setting("max_wait")) == (instagram.USAGE_SLOW, instagram.DEFAULT_MAX_WAIT)
    assert instagram.USAGE_SLOW < 100  # slow down before Meta throttles at 100 %


# --- config values: one line naming the file and the key, exit 2 (regressions) ----------------------

@pytest.mark.parametrize(("body", "key"), [
    ('[live]\nwindow = "abc"\n', "window"),
    ('[live]\nmax_age = "soon"\n', "max_age"),
    ("[live]\nconcurrency = 0\n", "concurrency"),
    ("[live]\nwindwo = 4\n", "windwo"),
    ('[youtube]\nrate_limit = "fast"\n', "rate_limit"),
    # a typo would only show later as "YOUTUBE_API_KEY not set": said, never with the value
    ('[youtube]\napi_kee = "AIzaFAKE"\n', "[youtube] has no key 'api_kee'; its keys are api_key"),
    ('[youtub]\napi_key = "AIzaFAKE"\n', "unknown table [youtub]"),
    ('[instagram]\ntoken = "EAAFAKE"\n', "[instagram] has no key 'token'"),
])
def test_bad_config_value_names_file_and_key_exit_2(tmp_path: Path, body: str, key: str) -> None:
    from typer.testing import CliRunner

    from influkit.cli.app import app

    cfg = tmp_path / "config.toml"
    cfg.write_text(body, encoding="utf-8")
    with pytest.raises(UsageError) as info:
        load_settings(cfg, env={})
    message = str(info.value)
    assert str(cfg) in message and key in message and "\n" not in message and "FAKE" not in message
    csv = tmp_path / "c.csv"
    csv.write_text("platform,handle\nyoutube,@someone\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["enrich", str(csv), "--config", str(cfg), "-o", "-", "--format", "json",
                                      "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert f"influkit: {message}" in result.stderr and "ValueError" not in result.stderr


def test_good_config_values_are_converted(tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text('[live]\nwindow = 30\nmax_age = "2d"\nrate_limit = {youtube = 5}\n', encoding="utf-8")
    s = load_settings(cfg, env={})
    assert s.live == {"window": 30, "max_age": dt.timedelta(days=2), "rate_limit": {"youtube": 5.0}}


def test_bad_live_option_from_the_library_is_a_usage_error(tmp_path: Path) -> None:
    csv = tmp_path / "c.csv"
    csv.write_text("platform,handle\nyoutube,@someone\n", encoding="utf-8")
    with pytest.raises(UsageError, match="live option window must be a whole number"):
        enrich(str(csv), offline=False, store=None,
               live_options={"window": "abc", "config_path": _empty_config(tmp_path)})


def _empty_config(tmp_path: Path) -> str:
    cfg = tmp_path / "empty.toml"
    cfg.write_text("", encoding="utf-8")
    return str(cfg)


def test_rejected_key_from_the_config_file_names_the_file_not_the_key(tmp_path: Path) -> None:
    fake = FakeYouTube()
    fake.add_channel("p0", 3)
    wrong = "AIzaSyWRONG-key-from-the-file-000000000"
    with FakeServer(fake) as server:
        cfg = tmp_path / "config.toml"
        cfg.write_text(f'[youtube]\napi_key = "{wrong}"\nbase_url = "{server.url}/youtube/v3"\n', encoding="utf-8")
        csv = tmp_path / "p.csv"
        csv.write_text("platform,handle\nyoutube,@p0\n", encoding="utf-8")
        table = enrich(str(csv), offline=False, store=None, live_options={"config_path": str(cfg)})
    stopped = table.meta["live"]["stopped"]
    assert f"the YouTube key from {cfg} was rejected" in stopped
    assert "check YOUTUBE_API_KEY" not in stopped and wrong not in stopped
    issue = table.records()[0]["issues"]
    assert f"the YouTube key from {cfg} was rejected" in issue and wrong not in issue


def test_rejected_key_from_the_environment_still_names_the_variable(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeYouTube()
    fake.add_channel("p0", 3)
    with FakeServer(fake) as server:
        csv = tmp_path / "p.csv"
        csv.write_text("platform,handle\nyoutube,@p0\n", encoding="utf-8")
        monkeypatch.setenv("YOUTUBE_API_KEY", "AIzaSyWRONG-env")
        monkeypatch.setenv("INFLUKIT_YOUTUBE_URL", server.url + "/youtube/v3")
        table = enrich(str(csv), offline=False, store=None, live_options={"config_path": _empty_config(tmp_path)})
    assert "check YOUTUBE_API_KEY" in table.meta["live"]["stopped"]


@pytest.mark.parametrize("bad", ["AIza-abc\ndef", "AIza-abc def", "AIza-abcdé", "AIza\u200babc"])
def test_a_key_with_a_line_break_or_a_foreign_character_is_refused_naming_the_setting(
        bad: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from influkit.cli.app import app

    sheet = tmp_path / "s.csv"
    sheet.write_text("platform,handle\nyoutube,@cuisine\n", encoding="utf-8")
    monkeypatch.setenv("YOUTUBE_API_KEY", bad)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    result = CliRunner().invoke(app, ["enrich", str(sheet), "--no-store", "-o", str(tmp_path / "o.csv")])
    assert result.exit_code == 2
    assert "YOUTUBE_API_KEY: the value has a line break" in result.stderr
    assert "abc" not in result.stderr and not (tmp_path / "o.csv").exists()
    monkeypatch.delenv("YOUTUBE_API_KEY")
    config = tmp_path / "c.toml"
    config.write_text(f"[instagram]\naccess_token = {json.dumps(bad)}\nuser_id = '1784'\n", encoding="utf-8")
    from influkit.config import load_settings
    from influkit.errors import UsageError

    with pytest.raises(UsageError, match=r"\[instagram\] access_token in .*c.toml: the value has") as err:
        load_settings(config, env={})
    assert "abc" not in str(err.value)


def test_scrub_covers_every_form_of_a_secret() -> None:
    from urllib.parse import quote, quote_plus

    from influkit.providers.http import scrub

    secret = "AIza/ab+c=d&e"
    message = (f"raw {secret}; url {quote(secret, safe='')}; plus {quote_plus(secret)}; "
               f"lower {quote(secret, safe='').lower()}; repr {secret!r}; json {json.dumps(secret)}")
    cleaned = scrub(message, [secret])
    assert "ab" not in cleaned.replace("***", "") and cleaned.count("***") == 6


# --- the client-side rate limit ---------------------------------------------------------------------

class _Clock:
    """A clock the limiter reads and sleeps on: time moves only when someone sleeps or the test says."""

    def __init__(self) -> None:
        self.t = 1000.0

    def monotonic(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        self.t += max(0.0, seconds)


def _sent_at(monkeypatch: pytest.MonkeyPatch, rate: float, catch_up: float, busy: list[float]) -> list[float]:
    """When each acquisition went through, `busy[k]` seconds of other work after the k-th."""
    import asyncio

    from influkit.providers import http

    clock = _Clock()
    monkeypatch.setattr("time.monotonic", clock.monotonic)
    monkeypatch.setattr("asyncio.sleep", clock.sleep)
    limiter = http.RateLimiter(rate, catch_up=catch_up)
    stamps: list[float] = []

    async def go() -> None:
        for work in busy:
            await limiter.acquire()
            stamps.append(clock.t)
            clock.t += work  # the loop busy elsewhere (reading an answer) before the next acquisition

    asyncio.run(go())
    return stamps


def _most_in_a_window(stamps: list[float], seconds: float) -> int:
    return max(sum(1 for t in stamps if s <= t < s + seconds + 1e-9) for s in stamps)


@pytest.mark.parametrize("catch_up", [0.0, 4.0])
def test_the_rate_limit_keeps_its_average_when_late_and_never_bursts_over_catch_up(
    monkeypatch: pytest.MonkeyPatch, catch_up: float
) -> None:
    rate = 100.0  # a slot every 10 ms
    # every fifth acquisition comes 25 ms late (a slow answer parsed), the others at once
    busy = [0.025 if k % 5 == 4 else 0.0 for k in range(400)]
    stamps = _sent_at(monkeypatch, rate, catch_up, busy)
    spent = stamps[-1] - stamps[0]
    for window in (0.01, 0.05, 0.1, 1.0):
        assert _most_in_a_window(stamps, window) <= rate * window + 1 + catch_up, window
    if catch_up:
        # the late moments are caught up: 400 acquisitions in (400 - 1 - catch_up) slots
        assert spent == pytest.approx((400 - 1 - catch_up) / rate, abs=1e-6)
        assert _most_in_a_window(stamps, 0.0) == 1 + catch_up  # (at the start: 1 + catch_up at once)
    else:
        # each late moment's 15 ms past its slot is lost for good: 79 of them (the last has no next)
        assert spent == pytest.approx(399 / rate + 79 * 0.015, abs=1e-6)
        assert _most_in_a_window(stamps, 0.0) == 1


def test_the_rate_limit_catches_up_no_slot_before_a_hold_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio

    from influkit.providers import http

    clock = _Clock()
    monkeypatch.setattr("time.monotonic", clock.monotonic)
    monkeypatch.setattr("asyncio.sleep", clock.sleep)
    limiter = http.RateLimiter(10.0, catch_up=4)
    limiter.hold(2.0)  # the platform said: wait 2 s
    stamps: list[float] = []

    async def go() -> None:
        for _ in range(3):
            await limiter.acquire()
            stamps.append(clock.t)

    asyncio.run(go())
    assert stamps == pytest.approx([1002.0, 1002.1, 1002.2])  # from the hold's end, evenly spaced
