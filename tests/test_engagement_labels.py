"""Each engagement figure a client reads says which one it is: the report's benchmark sentence counts only the
benchmark's parts (likes and comments by followers; with shares by views) and names them, so it never reads as
the table's "ER followers" of every part; an authenticity flag says whether its rate is by followers or by
views (the list's `engagement_rate` or `engagement_rate_views`), in French and in English."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pytest

import influkit
from influkit.labels import prose


def _csv(path: Path, rows: list[list[Any]]) -> str:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return str(path)


# followers, views, likes, comments, shares, saves per creator: the saves make the table's rate differ
POSTS: list[list[Any]] = [
    ["Creator", "Platform", "Post URL", "Caption", "Published", "Followers", "Views", "Likes", "Comments", "Shares",
     "Saves"],
    ["Clara Girard", "Instagram", "https://www.instagram.com/p/CLARA001/", "#pub routine", "2026-01-20", 22000,
     18500, 1400, 140, 40, 216],
    ["Mia Jo", "TikTok", "https://www.tiktok.com/@miajo/video/7300000000000000001", "#pub", "2026-01-21", 90000,
     41000, 4600, 210, 380, 520],
]


@pytest.mark.parametrize(("lang", "followers_words", "views_words"), [
    ("fr", "likes et commentaires par abonnés", "likes, commentaires et partages par vues"),
    ("en", "likes and comments by followers", "likes, comments and shares by views"),
])
def test_the_benchmark_sentence_names_the_engagement_it_counts(tmp_path: Path, lang: str, followers_words: str,
                                                              views_words: str) -> None:
    data = influkit.report(_csv(tmp_path / "posts.csv", POSTS), lang=lang, offline=True, store=None).to_dict()
    clara = next(c for c in data["blocks"]["results"]["creators"] if c["creator"] == "Clara Girard")
    bench = next(b for b in clara["benchmarks"] if b["network"] == "instagram")
    assert bench["basis"] == "followers"
    assert abs(bench["rate"] - (1400 + 140) / 22000) < 1e-9  # the benchmark's parts
    assert abs(clara["er_followers"] - (1400 + 140 + 40 + 216) / 22000) < 1e-4  # the table's: every part
    sentences = {i["subjects"][0]: i["text"] for i in data["blocks"]["analysis"] if i["rule"] == "A-BENCHMARK"}
    assert f"({followers_words})" in sentences["Clara Girard"]
    assert f"({views_words})" in sentences["Mia Jo"]
    for text in sentences.values():  # never the bare basis of the table's column
        assert not re.search(r"\((par abonnés|by followers|par vues|by views)\)", text), text


def test_a_flag_says_which_engagement_rate_it_compares(tmp_path: Path) -> None:
    # (TikTok's bands by views are "good" levels, which a rate is never "too high" against (thresholds
    # ER_HIGH_STATISTICS): its rate by views is flagged low here, Instagram's by followers high)
    rows: list[list[Any]] = [
        ["Name", "Platform", "Handle", "Followers", "Avg likes", "Avg comments", "Avg views"],
        ["Manon Petit", "TikTok", "@manon.makeup", 1_200_000, 1_900, 120, 420_000],
        ["High Ig", "Instagram", "@high.ig", 30_000, 3_000, 45, None],
    ]
    table = influkit.enrich(_csv(tmp_path / "list.csv", rows), store=None, offline=True, lang="en")
    recs = table.records()
    manon, high = recs[0], recs[1]
    assert manon["flags"] == "er_low" and high["flags"] == "er_high"
    by_views = f"{manon['engagement_rate_views'] * 100:.2f}"  # (English "0.48%", French "0,48 %")
    assert f"engagement by views {by_views}% is under" in manon["flag_reasons"]
    assert f"{manon['engagement_rate'] * 100:.2f}%" not in manon["flag_reasons"]
    assert f"engagement by followers {high['engagement_rate'] * 100:.2f}% is over" in high["flag_reasons"]
    french = prose(manon["flag_reasons"], "fr")
    assert french.startswith(f"engagement par vues {by_views.replace('.', ',')} % sous 0,5x"), french
    assert prose(french, "en") == manon["flag_reasons"]


def test_a_flag_written_before_still_reads_in_the_other_language() -> None:
    old = ("engagement 13,26 % à plus de 3x la médiane Instagram des comptes de 5\u202f000+ abonnés (3,76 %) : "
           "pods d'engagement ou concours ?")
    # (written in today's English words: the benchmark band reads as a sentence)
    assert prose(old, "en") == ("engagement 13.26% is over 3x the median for Instagram accounts of 5,000+ followers "
                                "(3.76%): engagement pods or giveaways?")
    # the English an earlier influkit wrote reads too, in French and in today's English
    older = ("engagement 13.26% is over 3x the Instagram median for 5,000+ followers benchmark 3.76%: engagement "
             "pods or giveaways?")
    assert prose(older, "fr") == old and prose(older, "en") == prose(old, "en")
