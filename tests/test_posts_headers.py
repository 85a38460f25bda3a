"""A posts sheet's headers read with the list reader's rules: unit markers ("Vues (k)", "Views, '000",
"Vues en milliers") multiply the bare numbers under them, and words cut short by a point ("Enreg.",
"Impr.", "Partag.") are the known word they begin. Sheets written here with openpyxl and csv, read by
`report`'s reader (campaign.published) and `enrich --posts`'s (metrics.posts), and counted by the report."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

import influkit
from influkit.campaign.published import read_published
from influkit.io.columns import expand_abbreviations, header_exponent, header_meanings, understand_header
from influkit.io.read import read_sheet
from influkit.metrics.posts import read_posts


def _posts_xlsx(path: Path, headers: list[str], rows: list[list[object]], title: str = "Bilan") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    ws.append(headers)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


# ------------------------------------------------------------------------------------------ units


@pytest.mark.parametrize(("header", "exponent"), [
    ("Vues (k)", 3), ("Views (K)", 3), ("Vues (milliers)", 3), ("Views (thousands)", 3), ("Views ('000)", 3),
    ("Vues, k", 3), ("Vues / milliers", 3), ("Vues en milliers", 3), ("Views in thousands", 3),
    ("Views, 000s", 3), ("Vues - k", 3), ("Lectures (x 1 000)", 3), ("Plays [K]", 3), ("Vues (M)", 6),
    ("Views / millions", 6), ("Vues en millions", 6), ("Vues", 0), ("Vues - Instagram", 0), ("1,000", 0),
])
def test_header_unit_markers_in_any_place_and_language(header: str, exponent: int) -> None:
    assert header_exponent(header) == exponent
    assert understand_header(header).exponent == exponent  # the list reader reads the same


@pytest.mark.parametrize(("header", "cell", "views", "unit"), [
    ("Vues (k)", "12,5", 12_500, 1_000), ("Views, '000", "12.5", 12_500, 1_000),
    ("Vues en milliers", 3, 3_000, 1_000), ("Lectures / milliers", "0,8", 800, 1_000),
    ("Views (M)", "1,2", 1_200_000, 1_000_000), ("Vues - k", "12,5 k", 12_500, 1_000),
])
def test_report_reads_a_unit_header_times_its_unit(tmp_path: Path, header: str, cell: object, views: int,
                                                   unit: int) -> None:
    path = _posts_xlsx(tmp_path / "bilan.xlsx", ["Créateur", "Lien publication", "Légende", header, "J'aime"],
                       [["Léa", "https://www.instagram.com/p/AAA111/", "Ma routine #pub", cell, 800],
                        ["Tom", "https://www.instagram.com/p/BBB222/", "Test #sponsorisé", 2, 300]])
    posts = read_published(str(path))
    assert [p.value("views") for p in posts.posts] == [views, 2 * unit]
    report = influkit.report(str(path), offline=True, store=None).to_dict()
    assert report["totals"]["views"] == views + 2 * unit
    assert report["totals"]["posts"] == 2


def test_enrich_posts_reader_multiplies_by_the_header_unit(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["handle", "date", "Views, k", "Likes (milliers)", "Comm."],
                                  ["lea", "2026-06-01", "12,5", "1,2", "40"],
                                  ["lea", "2026-06-08", "3.5", "0,8", "10"]])
    posts = read_posts(read_sheet(str(path)))
    assert [(p.views, p.likes, p.comments) for p in posts] == [(12_500, 1_200, 40), (3_500, 800, 10)]


# ---------------------------------------------------------------------------------- abbreviations


@pytest.mark.parametrize(("header", "meaning"), [
    ("Enreg.", "saves"), ("Enregistr.", "saves"), ("Sauv.", "saves"), ("Sauvegardes", "saves"), ("Saved", "saves"),
    ("Bookmarks", "saves"), ("Bookm.", "saves"), ("Partag.", "shares"), ("Shar.", "shares"),
    ("Comment.", "comments"), ("Nb enreg.", "saves"),
])
def test_abbreviations_and_synonyms_of_post_counts(header: str, meaning: str) -> None:
    assert meaning in header_meanings(header)


def test_an_abbreviation_is_read_only_when_it_begins_one_meaning() -> None:
    vocabulary = {"abonnes": "followers", "abonnements": "following", "part": "portion", "partages": "shares"}
    assert expand_abbreviations("Abonn.", vocabulary) == "Abonn."  # followers or following: kept
    assert expand_abbreviations("Part.", vocabulary) == "Part."  # a word of its own
    assert expand_abbreviations("Partag.", vocabulary).strip() == "partages"
    assert expand_abbreviations("Pa.", vocabulary) == "Pa."  # too short to say
    assert expand_abbreviations("lea.partages", vocabulary) == "lea.partages"  # a dotted name, not a word cut


def test_report_reads_abbreviated_post_counts(tmp_path: Path) -> None:
    path = _posts_xlsx(tmp_path / "bilan.xlsx",
                       ["Créateur", "Lien publication", "Légende", "Vues", "J'aime", "Comm.", "Partag.", "Enreg.",
                        "Impr."],
                       [["Léa", "https://www.instagram.com/p/AAA111/", "Ma routine #pub", 12_000, 800, 40, 12, 30,
                         20_000],
                        ["Tom", "https://www.instagram.com/p/BBB222/", "Test #sponsorisé", 3_000, 300, 12, 3, 9,
                         5_000]])
    posts = read_published(str(path))
    assert [(p.value("shares"), p.value("saves"), p.value("reach")) for p in posts.posts] == [
        (12, 30, 20_000), (3, 9, 5_000)]
    assert posts.unread == []
    totals = influkit.report(str(path), offline=True, store=None).to_dict()["totals"]
    assert (totals["saves"], totals["shares"], totals["reach"]) == (39, 15, 25_000)
    assert totals["engagements"] == 800 + 40 + 12 + 30 + 300 + 12 + 3 + 9


def test_an_average_cut_short_is_still_no_post_number(tmp_path: Path) -> None:
    path = _posts_xlsx(tmp_path / "bilan.xlsx",
                       ["Créateur", "Lien publication", "Légende", "Vues", "Enreg. moy."],
                       [["Léa", "https://www.instagram.com/p/AAA111/", "Ma routine #pub", 12_000, 30]])
    posts = read_published(str(path))
    assert posts.posts[0].value("saves") is None


# ------------------------------------------------------------------------------ one post, one count


def test_a_post_in_two_posts_tabs_counts_once(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Prospects"
    ws.append(["Nom", "Instagram", "Abonnés"])
    ws.append(["Léa", "https://www.instagram.com/lea.vernoux/", 20_000])
    head = ["handle", "platform", "date", "permalink", "likes", "comments", "views"]
    posts = wb.create_sheet("Posts")
    posts.append(head)
    posts.append(["lea.vernoux", "instagram", "2026-06-02", "https://www.instagram.com/p/AAA111/", 800, 40, None])
    posts.append(["lea.vernoux", "instagram", "2026-06-09", "https://www.instagram.com/p/CCC333/", 500, 20, None])
    reels = wb.create_sheet("Reels")  # the same post copied, its link shared with a tracking parameter
    reels.append(head)
    reels.append(["lea.vernoux", "instagram", "2026-06-02", "https://www.instagram.com/p/AAA111/?igsh=xyz",
                  900, 45, 12_000])
    path = tmp_path / "campagne.xlsx"
    wb.save(path)
    table = influkit.enrich(str(path), store=None)
    row = table.records()[0]
    best = str(row["best_posts"])
    assert best.count("AAA111") == 1 and best.count("CCC333") == 1  # two posts, not three
    assert "945 interactions" in best  # the Reels row: more numbers
    assert row["er_median"] == pytest.approx(((900 + 45) / 20_000 + (500 + 20) / 20_000) / 2)
    notes = [n for n in table.meta["notes"] if "AAA111" in n]
    assert len(notes) == 1 and "'Posts'" in notes[0] and "'Reels'" in notes[0]
    assert any(n.startswith("posts: 2 read") for n in table.meta["notes"])
