"""Published posts: reading a post-campaign sheet (columns found by header and contents, averages and
estimates kept apart), and their numbers from the APIs against local fakes speaking the real wire
formats (tests/fakes): YouTube videos.list by id, Instagram business discovery media by shortcode."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fakes.instagram import FakeGraph  # noqa: E402
from fakes.server import FakeServer  # noqa: E402
from fakes.youtube import FakeYouTube  # noqa: E402
from influkit.campaign.published import (  # noqa: E402
    ESTIMATED,
    MEASURED,
    PostSnapshot,
    PublishedPost,
    fetch_numbers,
    load_post_snapshots,
    milestones,
    post_key,
    read_published,
    record_post_snapshots,
    snapshot_from_dict,
)
from influkit.errors import UsageError  # noqa: E402
from influkit.providers.instagram import shortcode  # noqa: E402
from influkit.providers.youtube import video_id  # noqa: E402
from influkit.store import Store  # noqa: E402

DATA = Path(__file__).parent / "data"
SHEET = DATA / "bilan_printemps.csv"
FAST = {"backoff_base": 0.01, "timeout": 5.0, "rate_limit": 1000}


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# ------------------------------------------------------------------------------------- reading


def test_campaign_sheet_columns_and_numbers() -> None:
    posts = read_published(str(SHEET))
    assert len(posts.posts) == 12 and posts.skipped_rows == [] and posts.lang == "fr"
    found = {k: v.split(" (")[0] for k, v in posts.columns.items()}
    assert found["views"] == "'Vues'" and found["views~estimated"] == "'Vues estimées'"
    assert found["likes"] == '"J\'aime"' and found["cost"] == "'Coût'" and found["creator"] == "'Créateur'"
    assert found["promo_code"] == "'Code promo'" and found["measured_on"] == "'Relevé le'"
    lea, reel = posts.posts[0], posts.posts[1]
    assert (lea.creator, lea.handle, lea.platform, lea.format) == ("Léa Vernoux", "lea.vernoux", "instagram", "post")
    assert lea.key == "DA1LeaPost1" and reel.key == "DA2LeaReel2" and reel.flag is True
    assert lea.value("views") is None and reel.value("views") == 61_000
    assert lea.engagements == (2395.0, "likes + comments + shares + saves")
    assert lea.cost == 800 and lea.currency == "EUR" and lea.promo_code == "LEA15"
    assert lea.followers is not None and lea.followers.value == 48_000 and lea.followers.basis == MEASURED
    assert lea.figures["likes"].source == 'sheet column "J\'aime"'
    assert lea.figures["likes"].as_of == dt.date(2026, 3, 20)
    emma = posts.posts[10]
    assert emma.format == "story" and "views" not in emma.figures
    assert emma.estimates["views"].value == 3500 and emma.estimates["views"].basis == ESTIMATED
    assert "(estimate)" in emma.estimates["views"].source
    jules = posts.posts[4]
    assert jules.platform == "youtube" and jules.key == "JuLesFit05a" and jules.engagements[1] == "likes + comments"
    # a dated snapshot of the sheet's numbers (Relevé le), D+n from the publication day
    snap = lea.snapshots[0]
    assert (snap.source, snap.taken_on, snap.age_days, snap.likes) == ("sheet", dt.date(2026, 3, 20), 18, 2150)


def test_averages_rates_and_costs_per_something_are_never_a_posts_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, "posts.csv",
                 "Influenceur,Lien,Likes moyens,Taux d'engagement,Coût par engagement,Likes,Vues (est.),Prix,Code\n"
                 "Ana,https://www.tiktok.com/@ana/video/123,900,4 %,0.2,1200,50k,300,ANA5\n"
                 "Bo,https://www.tiktok.com/@bo/video/456,100,2 %,0.5,150,,120,\n")
    posts = read_published(path)
    cols = posts.columns
    assert cols["likes"].startswith("'Likes'") and cols["cost"].startswith("'Prix'")
    assert "'Likes moyens'" not in str(cols) and "'Taux d" not in str(cols) and "'Coût par" not in str(cols)
    ana, bo = posts.posts
    assert ana.creator == "Ana" and ana.handle == "ana" and ana.platform == "tiktok" and ana.key == "123"
    assert ana.value("likes") == 1200 and ana.estimates["views"].value == 50_000 and "views" not in ana.figures
    assert bo.promo_code is None and bo.cost == 120


def test_rows_without_a_post_are_left_out_and_counted(tmp_path: Path) -> None:
    path = write(tmp_path, "list.csv", "Nom;Réseau;Lien publication;Statut\n"
                 "Ana;TikTok;https://www.tiktok.com/@ana/video/1;Publié\nBo;Instagram;;Contacté\n"
                 "Cy;YouTube;https://youtu.be/abcdefghijk;Publié\n")
    posts = read_published(path)
    assert [p.creator for p in posts.posts] == ["Ana", "Cy"] and posts.skipped_rows == [3]
    assert posts.posts[1].key == "abcdefghijk"


def test_map_names_a_column_and_refuses_unknown_fields(tmp_path: Path) -> None:
    path = write(tmp_path, "p.csv", "Lien,Nb de lectures,Machin\nhttps://www.tiktok.com/@a/video/1,1000,7\n")
    assert read_published(path).posts[0].value("views") == 1000  # "lectures" is a views word
    mapped = read_published(path, mapping={"views": "Machin"})
    assert mapped.posts[0].value("views") == 7
    with pytest.raises(UsageError, match="unknown field 'vues'"):
        read_published(path, mapping={"vues": "Machin"})
    with pytest.raises(UsageError, match="no header 'Nope'"):
        read_published(path, mapping={"views": "Nope"})


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42", "dQw4w9WgXcQ"),
    ("https://youtu.be/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
    ("youtube.com/shorts/abcdEFGhijk", "abcdEFGhijk"),
    ("https://www.youtube.com/live/abcdEFGhijk?si=x", "abcdEFGhijk"),
    ("https://www.youtube.com/@chaine", None),
    ("https://www.youtube.com/watch?v=short", None),
])
def test_youtube_video_ids(url: str, expected: str | None) -> None:
    assert video_id(url) == expected


def test_instagram_shortcodes_and_post_keys() -> None:
    assert shortcode("https://www.instagram.com/p/C4xYz1AbCdE/?igsh=x") == "C4xYz1AbCdE"
    assert shortcode("https://instagram.com/reel/C5AbCdEfGhI") == "C5AbCdEfGhI"
    assert shortcode("https://www.instagram.com/lea/p/C4xYz1AbCdE/") == "C4xYz1AbCdE"
    assert shortcode("https://www.instagram.com/lea/") is None and shortcode("https://example.com/p/abc/") is None
    assert post_key("tiktok", "https://www.tiktok.com/@a/video/7345678901234567890") == "7345678901234567890"
    assert post_key("blog", "https://blog.example/article") is None


# ------------------------------------------------------------------------------------ YouTube


@pytest.fixture
def yt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[FakeYouTube, FakeServer]]:
    fake = FakeYouTube(today=dt.date(2026, 3, 20))
    with FakeServer(fake) as server:
        monkeypatch.setenv("YOUTUBE_API_KEY", fake.key)
        monkeypatch.setenv("INFLUKIT_YOUTUBE_URL", server.url + "/youtube/v3")
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
        monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-20")
        yield fake, server


def yt_posts(ids: Sequence[str]) -> list[PublishedPost]:
    return [PublishedPost(k, k + 2, f"C{k}", None, "youtube", "video", f"https://www.youtube.com/watch?v={v}", v,
                          dt.date(2026, 3, 5), None, None) for k, v in enumerate(ids)]


def test_youtube_videos_by_id_fifty_per_call(yt: tuple[FakeYouTube, FakeServer], tmp_path: Path) -> None:
    fake, server = yt
    ids = [f"vid{k:08d}" for k in range(60)]
    for k, v in enumerate(ids[:59]):  # the last one is private or deleted
        fake.add_video(v, views=1000 + k, likes=None if k == 3 else 50 + k, comments=5,
                       published=dt.datetime(2026, 3, 5, 12, tzinfo=dt.UTC))
    posts = yt_posts(ids)
    posts[0].figures["views"] = read_published([{"Lien": posts[0].url, "Vues": 1}]).posts[0].figures["views"]
    report = fetch_numbers(posts, options=FAST)
    calls = server.calls("/videos")
    assert sorted(len(c["query"]["id"].split(",")) for c in calls) == [10, 50]  # two batches, concurrent
    assert report.quota_units == fake.units == 2 and report.fetched == {"youtube": 59}
    assert report.not_found == {"youtube": 1}
    first = posts[0]
    # the API's dated figure replaces the sheet's
    assert first.figures["views"].value == 1000 and first.figures["views"].source == "youtube videos.list"
    assert first.figures["views"].as_of is not None
    assert "likes" not in posts[3].figures  # hidden likes: unknown, never 0
    api = [s for s in first.snapshots if s.source == "youtube"][0]
    assert api.views == 1000 and api.age_days == (api.taken_on - dt.date(2026, 3, 5)).days
    assert posts[59].notes == ["youtube: video not found (private, deleted, or older than the media read); numbers "
                               "from the sheet only"]
    assert all("key" not in c["query"] for c in server.calls())  # the key travels in a header


def test_youtube_answers_are_cached_in_the_workspace(yt: tuple[FakeYouTube, FakeServer], tmp_path: Path) -> None:
    fake, server = yt
    fake.add_video("abcdefghijk", views=10, likes=1, comments=1, published=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    with Store(tmp_path / "ws.db") as store:
        fetch_numbers(yt_posts(["abcdefghijk"]), store=store, options=FAST)
        again = fetch_numbers(yt_posts(["abcdefghijk"]), store=store, options=FAST)
        assert again.requests == 0 and again.cached == {"youtube": 1} and len(server.calls()) == 1
        forced = fetch_numbers(yt_posts(["abcdefghijk"]), store=store, refresh=True, options=FAST)
        assert forced.requests == 1


def test_youtube_quota_exhausted_is_said_and_the_sheet_stays(yt: tuple[FakeYouTube, FakeServer]) -> None:
    fake, _ = yt
    fake.quota = 0
    posts = yt_posts(["abcdefghijk"])
    report = fetch_numbers(posts, options=FAST)
    assert report.stopped and "quota" in report.stopped[0]
    assert posts[0].figures == {} and "numbers from the sheet only" in posts[0].notes[0]


def test_without_keys_nothing_is_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    posts = read_published(str(SHEET)).posts
    report = fetch_numbers(posts)
    assert report.requests == 0 and report.asked == {"youtube": 2, "instagram": 6}  # 7 posts, less the story
    assert [s.split(":")[0] for s in report.skipped] == ["youtube", "instagram"]
    story = posts[10]
    assert "stories are not readable" in story.notes[0]


# ---------------------------------------------------------------------------------- Instagram


@pytest.fixture
def ig(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[FakeGraph, FakeServer]]:
    fake = FakeGraph(today=dt.date(2026, 3, 20))
    with FakeServer(fake) as server:
        monkeypatch.setenv("INSTAGRAM_ACCESS_TOKEN", fake.token)
        monkeypatch.setenv("INSTAGRAM_USER_ID", fake.user_id)
        monkeypatch.setenv("INFLUKIT_GRAPH_URL", f"{server.url}/{fake.version}")
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
        monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-20")
        yield fake, server


def test_instagram_media_found_by_shortcode_across_pages(ig: tuple[FakeGraph, FakeServer]) -> None:
    fake, server = ig
    fake.add_account("lea.vernoux", 70, followers=48_000, every_days=0)  # 70 media newer than the campaign posts
    fake.add_media("lea.vernoux", "DA1LeaPost1", likes=2210, comments=90, when=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC))
    fake.add_media("lea.vernoux", "DA2LeaReel2", likes=3500, comments=130, product_type="REELS", media_type="VIDEO",
                   reel=True, when=dt.datetime(2026, 3, 9, 9, tzinfo=dt.UTC))
    published = read_published(str(SHEET))
    posts = [p for p in published.posts if p.handle == "lea.vernoux"]
    report = fetch_numbers(posts, options=FAST)
    calls = server.calls()
    assert len(calls) == 2 and "media.after(" in calls[1]["query"]["fields"]  # paged until both were found
    fields = calls[0]["query"]["fields"]
    assert "media_product_type" in fields and "video_views" not in fields and "impressions" not in fields
    assert report.fetched == {"instagram": 2}
    post, reel = posts
    assert post.figures["likes"].value == 2210 and post.figures["likes"].source == "instagram business discovery"
    assert post.figures["saves"].value == 120 and post.figures["saves"].source.startswith("sheet")  # not readable
    assert reel.format == "reel" and reel.value("views") == 61_000  # views stay the sheet's
    assert [s.source for s in reel.snapshots] == ["sheet", "instagram"]


def test_instagram_paging_stops_at_the_campaign_start(ig: tuple[FakeGraph, FakeServer]) -> None:
    fake, server = ig
    fake.add_account("old", 120, every_days=1)  # one media a day, all before... and after the campaign
    posts = [PublishedPost(0, 2, "Old", "old", "instagram", "post", "https://www.instagram.com/p/NOTTHERE1/",
                           "NOTTHERE1", dt.date(2026, 3, 1), None, None)]
    fetch_numbers(posts, options=FAST)
    assert len(server.calls()) == 1  # the first page already reaches media older than 2026-03-01
    assert "not found" in posts[0].notes[0]


def test_instagram_unknown_account_and_bad_token(ig: tuple[FakeGraph, FakeServer]) -> None:
    fake, _ = ig
    posts = [PublishedPost(0, 2, "X", "personal.x", "instagram", "post", "https://www.instagram.com/p/ABC/", "ABC",
                           None, None, None)]
    fetch_numbers(posts, options=FAST)
    assert "account not found or not a professional account" in posts[0].notes[0]
    fake.add_account("pro", 3)
    fake.fail_next("bad_token")
    again = [PublishedPost(0, 2, "P", "pro", "instagram", "post", "https://www.instagram.com/p/ABC/", "ABC", None,
                           None, None)]
    report = fetch_numbers(again, options=FAST)
    assert report.stopped and "access token" in report.stopped[0] and fake.token not in report.stopped[0]


def test_the_fake_refuses_removed_fields_like_the_real_api(ig: tuple[FakeGraph, FakeServer]) -> None:
    import httpx

    fake, server = ig
    fake.add_account("a", 2)
    answer = httpx.get(f"{server.url}/{fake.version}/{fake.user_id}", params={
        "access_token": fake.token, "fields": "business_discovery.username(a){media.limit(5){like_count,video_views}}"})
    assert answer.status_code == 400 and answer.json()["error"]["code"] == 100


# --------------------------------------------------------------------------------- snapshots


def snap(day: int, views: int, source: str = "youtube") -> PostSnapshot:
    return PostSnapshot("youtube", "abcdefghijk", None, None, dt.date(2026, 3, 1) + dt.timedelta(days=day),
                        dt.date(2026, 3, 1), source, views=views)


def test_snapshots_are_kept_in_the_workspace_and_come_back(backend: str) -> None:
    with Store(backend) as store:
        kept = record_post_snapshots(store, [snap(1, 100), snap(8, 900), snap(31, 1500),
                                             PostSnapshot("youtube", "abcdefghijk", None, None, dt.date(2026, 4, 2),
                                                          None, "sheet (undated)", views=7)])
        assert kept == 3  # undated sheet numbers are not kept
        assert record_post_snapshots(store, [snap(8, 950)]) == 1  # the same day and source: replaced
        assert record_post_snapshots(object(), [snap(1, 100)]) == 0  # not a workspace
    with Store(backend) as store:  # another run
        rows = store.post_snapshots([("youtube", "abcdefghijk"), ("youtube", "zzzzzzzzzzz")])
        assert [(r["taken_on"], r["views"]) for r in rows] == [("2026-03-02", 100), ("2026-03-09", 950),
                                                               ("2026-04-01", 1500)]
        post = yt_posts(["abcdefghijk"])[0]
        post.published_on = dt.date(2026, 3, 1)
        assert load_post_snapshots(store, [post]) == 3
    marks = milestones(post.snapshots, (1, 7, 30))
    assert marks["D+1"] is not None and marks["D+1"]["views"] == 100
    assert marks["D+7"] is not None and marks["D+7"]["views"] == 950 and marks["D+7"]["age_days"] == 8
    assert marks["D+30"] is not None and marks["D+30"]["views"] == 1500
    assert snapshot_from_dict(snap(1, 5).to_dict()) == snap(1, 5)
    assert milestones([snap(0, 1)], (1,)) == {"D+1": None}


def test_a_tiktok_studio_export_reads_as_posts(tmp_path: Path) -> None:
    path = write(tmp_path, "tiktok.csv", "Video title,Video link,Post time,Total views,Total likes,Total comments,"
                 "Total shares,Add to Favorites\nMa routine #ad,https://www.tiktok.com/@ana/video/7300000000000000001,"
                 "2026-03-04,120000,8000,150,300,420\n")
    (post,) = read_published(path).posts
    assert (post.platform, post.handle, post.key, post.published_on) == ("tiktok", "ana", "7300000000000000001",
                                                                         dt.date(2026, 3, 4))
    assert {k: f.value for k, f in post.figures.items()} == {"views": 120000, "likes": 8000, "comments": 150,
                                                             "shares": 300, "saves": 420}


def test_a_campaigns_recorded_posts_make_its_report_and_each_days_reading_is_kept(
        yt: tuple[FakeYouTube, FakeServer], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole life of a campaign from the command line: the creator is in the list, its post is
    recorded with `set --post`, the report is run at D+1 and at D+8 against the YouTube API; the
    second report shows both readings (D+1 from the workspace, D+7 from this run)."""
    from typer.testing import CliRunner

    import influkit
    from influkit.cli.app import app

    fake, _ = yt
    runner = CliRunner()
    sheet = write(tmp_path, "list.csv", "Nom,Chaîne,Abonnés,Prix\nLéa,https://www.youtube.com/@leacuisine,120000,900\n")
    assert runner.invoke(app, ["enrich", str(sheet), "--offline", "-o", str(tmp_path / "out.csv")]).exit_code == 0
    assert runner.invoke(app, ["campaign", "new", "printemps", "--budget", "900 €", "--objective", "views=50k",
                               "--objective", "deals=3"]).exit_code == 0
    url = "https://youtu.be/abcdefghijk"
    result = runner.invoke(app, ["set", "@leacuisine", "--campaign", "printemps", "--stage", "published",
                                 "--post", url])
    assert result.exit_code == 0, result.output
    published = dt.datetime(2026, 3, 5, 12, tzinfo=dt.UTC)

    fake.add_video("abcdefghijk", views=20000, likes=900, comments=40, published=published)
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-06")
    first = runner.invoke(app, ["report", "--campaign", "printemps", "-f", "json"])
    assert first.exit_code == 0, first.output
    fake.add_video("abcdefghijk", views=61000, likes=2500, comments=120, published=published)
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-13")
    second = runner.invoke(app, ["report", "--campaign", "printemps", "-f", "json"])
    assert second.exit_code == 0, second.output

    import json

    data = json.loads(second.stdout)
    offline = runner.invoke(app, ["report", "--campaign", "printemps", "--offline", "-f", "json"])
    assert json.loads(offline.stdout) == influkit.report(campaign="printemps", offline=True).to_dict()
    (post,) = data["blocks"]["results"]["posts"]
    assert post["link"] == url and post["handle"] == "leacuisine" and post["followers"] == 120000
    assert post["milestones"]["D+1"]["views"] == 20000 and post["milestones"]["D+1"]["taken_on"] == "2026-03-06"
    assert post["milestones"]["D+7"]["views"] == 61000 and post["milestones"]["D+30"] is None
    assert data["sources"]["snapshots"]["from_workspace"] == 1 and data["sources"]["campaign"] == {
        "name": "printemps", "posts_recorded": 1, "posts_joined": 0, "objectives_not_in_report": ["deals"]}
    assert data["lang"] == "fr"  # no caption to tell: the list's French headers do
    objectives = data["objectives"]
    assert objectives["budget"] == 900 and objectives["budget_source"] == "workspace campaign 'printemps'"
    assert [(t["metric"], t["target"]) for t in objectives["targets"]] == [("views", 50000)]


def test_a_bare_post_link_of_a_posts_sheet_takes_the_account_it_was_recorded_for(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A posts sheet of bare links (/p/…, watch?v=…, youtu.be/…) names no account; the campaign knows whose
    each link is (`set HANDLE --post URL`), so the report joins each post to its creator, their price and
    their orders instead of listing the link as a creator."""
    from typer.testing import CliRunner

    import influkit
    from influkit.cli.app import app

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("INFLUKIT_DB", raising=False)
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-20")
    runner = CliRunner()
    sheet = write(tmp_path, "list.csv", "Nom,Compte,Réseau,Abonnés,Prix,Statut,Code promo\n"
                  "Léa,lea.beaute,Instagram,50000,1000 €,Publié,LEA10\nTom,tomtube,YouTube,80000,2000 €,Publié,TOM10\n")
    assert runner.invoke(app, ["enrich", str(sheet), "--offline", "-o", str(tmp_path / "out.csv")]).exit_code == 0
    links = {"lea.beaute": "https://www.instagram.com/p/DAbcdEFghIJ/", "tomtube": "https://youtu.be/BcDeFgHiJkL"}
    for handle, url in links.items():
        assert runner.invoke(app, ["set", handle, "--stage", "published", "--post", url]).exit_code == 0
    posts = write(tmp_path, "posts.csv", "Lien,Légende,Vues,J'aime\n"
                  "https://www.instagram.com/p/DAbcdEFghIJ/?igsh=x,Publicité avec @marque,20000,1500\n"
                  "https://www.youtube.com/watch?v=BcDeFgHiJkL,Publicité | mon avis,40000,900\n")
    orders = write(tmp_path, "orders.csv", "Name,Financial Status,Currency,Total,Discount Code,Created at\n"
                   "#1,paid,EUR,60.00,LEA10,2026-03-10 10:00:00 +0100\n#2,paid,EUR,80.00,TOM10,2026-03-11 10:00:00 +0100\n")
    data = influkit.report(posts=str(posts), orders=str(orders), offline=True).to_dict()
    creators = {c["creator"]: c for c in data["blocks"]["results"]["creators"]}
    assert sorted(creators) == ["Léa", "Tom"] and data["sources"]["campaign"]["posts_joined"] == 2
    assert (creators["Léa"]["cost"], creators["Léa"]["orders"]) == (1000.0, 1)
    assert (creators["Tom"]["cost"], creators["Tom"]["orders"]) == (2000.0, 1)
    assert data["totals"]["orders"] == 2 and data["totals"]["cost"] == 3000.0


def test_a_workspace_report_gives_each_post_its_latest_kept_reading(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`report --campaign c` without a sheet, after reports on sheets of readings at D+1 and D+7: the post's
    own numbers (and so the totals) are its latest kept reading's, its publication day the readings', and
    the method says where they come from; milestones still show both days."""
    from typer.testing import CliRunner

    import influkit
    from influkit.cli.app import app

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("INFLUKIT_DB", str(tmp_path / "ws" / "ws.db"))
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-06-20")
    runner = CliRunner()
    sheet = write(tmp_path, "liste.csv", "Nom,Réseau,Compte,Abonnés,Statut,Tarif\n"
                  "Théo Garnier,TikTok,theo.grn,480000,Publié,2 500 €\n")
    assert runner.invoke(app, ["campaign", "new", "c"]).exit_code == 0
    assert runner.invoke(app, ["enrich", sheet, "--campaign", "c", "--offline", "-o", str(tmp_path / "o.csv")]
                         ).exit_code == 0
    url = "https://www.tiktok.com/@theo.grn/video/7300000000000000004"
    assert runner.invoke(app, ["set", "theo.grn", "--campaign", "c", "--post", url]).exit_code == 0
    head = "Compte,Réseau,Lien du post,Date de publication,Légende,Vues,J'aime,Commentaires,Relevé le\n"
    for day, views, likes, comments in (("2026-06-12", 150000, 16000, 400), ("2026-06-18", 420000, 44000, 1100)):
        readings = write(tmp_path, f"releve_{day}.csv", head + f"theo.grn,TikTok,{url},2026-06-11,Publicité "
                         f"@maisonsolene,{views},{likes},{comments},{day}\n")
        influkit.report(readings, campaign="c", offline=True)
    report = influkit.report(campaign="c", offline=True)
    data = report.to_dict()
    (post,) = data["blocks"]["results"]["posts"]
    assert (post["views"], post["likes"], post["comments"], post["engagements"]) == (420000, 44000, 1100, 45100)
    assert post["published_on"] == "2026-06-11"
    assert post["measures"]["views"] == {"value": 420000, "basis": "measured", "as_of": "2026-06-18",
                                         "source": "reading kept in the workspace (sheet)"}
    assert post["milestones"]["D+1"]["views"] == 150000 and post["milestones"]["D+7"]["views"] == 420000
    assert data["totals"]["views"] == 420000 and data["totals"]["cpm"] is not None
    assert data["sources"]["snapshots"]["posts_numbered_from_workspace"] == 1
    md = report.markdown()
    assert "420 000" in md.replace("\u202f", " ").replace("\xa0", " ") and "11/06/2026" in md
    assert ("1 publication : les chiffres que ce bilan n'a lus ni dans une feuille ni par une API sont ceux du "
            "dernier relevé gardé dans l'espace de travail") in md


def test_the_numbers_a_run_reads_are_never_replaced_by_a_kept_reading() -> None:
    from influkit.campaign.published import Figure, fill_from_snapshots

    (post,) = yt_posts(["abcdefghijk"])
    post.published_on = None
    post.figures["views"] = Figure(5.0, "measured", "sheet column 'Vues'")
    post.snapshots = [PostSnapshot("youtube", "abcdefghijk", None, None, dt.date(2026, 3, 9), dt.date(2026, 3, 1),
                                   "youtube", views=900, likes=40),
                      PostSnapshot("youtube", "abcdefghijk", None, None, dt.date(2026, 3, 12), dt.date(2026, 3, 1),
                                   "sheet", views=950, comments=3)]
    assert fill_from_snapshots(post) == ["likes", "comments"]
    assert {k: (f.value, f.as_of) for k, f in post.figures.items()} == {
        "views": (5.0, None), "likes": (40.0, dt.date(2026, 3, 9)), "comments": (3.0, dt.date(2026, 3, 12))}
    assert post.published_on == dt.date(2026, 3, 1)
    from influkit.campaign.report_text import figure_source

    assert figure_source(post.figures["likes"].source, "fr") == "relevé gardé dans l'espace de travail (API YouTube)"


@pytest.mark.parametrize(("header", "field"), [
    ("Comm.", "comments"), ("Comms", "comments"), ("Coms", "comments"), ("Cmts", "comments"), ("Nb comms", "comments"),
    ("Nb j'aime", "likes"), ("Coeurs", "likes"), ("Reposts", "shares"), ("Lectures", "views"), ("Abos", "followers"),
])
def test_the_posts_reader_reads_the_list_readers_header_words(tmp_path: Path, header: str, field: str) -> None:
    """One header vocabulary: a post's count under a header the list reader understands (io.columns'
    word meanings: `Comm. moy.` is the comments' average there) is read, not skipped in silence."""
    from influkit.io.columns import understand_header

    assert understand_header(header).column in (f"avg_{field}", field)  # what enrich reads it as
    path = write(tmp_path, "posts.csv", f"Lien,Légende,{header}\n"
                 "https://www.instagram.com/p/CxA1/,Publicité test @marque,7\n")
    read = read_published(path)
    assert read.found[field][0] == header and read.unread == []
    assert (read.posts[0].followers.value if field == "followers" and read.posts[0].followers
            else read.posts[0].value(field)) == 7


def test_a_posts_column_the_report_cannot_read_is_said(tmp_path: Path) -> None:
    import influkit

    path = write(tmp_path, "posts.csv", "Lien,Légende,Vues,Likes,Comm.,Comm. moy.,Notes\n"
                 "https://www.instagram.com/p/CxA1/,Publicité test @marque,1000,50,7,12,ok\n")
    data = influkit.report(path, offline=True, store=None).to_dict()
    assert (data["totals"]["comments"], data["totals"]["engagements"]) == (7, 57)
    assert data["sources"]["columns_not_read"] == ["Comm. moy.", "Notes"]  # an average is no post's number
    assert data["warnings"] == []
    both = write(tmp_path, "both.csv", "Lien,Légende,Likes,Commentaires,Comms\n"
                 "https://www.instagram.com/p/CxA1/,Publicité test @marque,50,7,8\n")
    data = influkit.report(both, offline=True, store=None).to_dict()
    assert data["totals"]["comments"] == 7 and data["sources"]["columns_not_read"] == ["Comms"]
    assert data["warnings"] == ["column 'Comms' names the posts' comments but is not read: the column "
                                "'Commentaires' gives them (--map \"Comms=comments\" reads it)"]
    words = write(tmp_path, "words.csv", "Lien,Légende,Likes,Comm\n"
                  "https://www.instagram.com/p/CxA1/,Publicité test @marque,50,beaucoup\n")
    report = influkit.report(words, offline=True, store=None)
    assert report.to_dict()["warnings"] == ["column 'Comm' names the posts' comments but is not read: its cells "
                                            "are not counts (--map \"Comm=comments\" reads it)"]
    md = report.markdown()
    assert "- **Colonnes non lues** : « Comm »" in md
    assert ("La colonne « Comm » désigne les commentaires des publications mais n'est pas lue : ses cellules ne "
            "sont pas des nombres (--map \"Comm=comments\" la fait lire)") in md
