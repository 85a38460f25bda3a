"""A prospect list's headers cut short by a point (`Partag.`, `Nb partag.`, `Commentair. moy.`, `Avg. Lik.`,
`Subscr.`) are read by the posts reader's one rule (`io.columns.expand_abbreviations`): each word only to the
one known word (or words of one meaning) it begins; a header read as written keeps its meaning
(`Eng. (Auth.)`); one whose words name no field (`Enreg. moy.`, saves) is kept as is; an ambiguous one
(`Abonn.`: followers or following) too."""

from __future__ import annotations

from pathlib import Path

import pytest

from influkit.io.columns import understand_header
from influkit.pipeline import read_table
from sheetmaker import csv_bytes, xlsx


@pytest.mark.parametrize(("header", "column"), [
    ("Partag.", "avg_shares"), ("Partag. moy.", "avg_shares"), ("Nb partag.", "avg_shares"), ("Shar.", "avg_shares"),
    ("Commentair. moy.", "avg_comments"), ("Avg. Lik.", "avg_likes"), ("Lik. moy.", "avg_likes"),
    ("Subscr.", "followers"), ("Rémun.", "price_quoted"), ("Commentair.", "notes"),  # as "Commentaire"
])
def test_a_header_cut_short_reads_as_the_word_it_begins(header: str, column: str) -> None:
    assert understand_header(header).column == column


@pytest.mark.parametrize("header", ["Eng. (Auth.)", "Comm. moy.", "Nb abo.", "Vues moy.", "Engag."])
def test_a_header_read_as_written_keeps_its_meaning(header: str) -> None:
    """(what it meant before abbreviations were expanded in a list's headers)"""
    expected = {"Eng. (Auth.)": "engagement_rate", "Comm. moy.": "avg_comments", "Nb abo.": "followers",
                "Vues moy.": "avg_views", "Engag.": "engagement_rate"}[header]
    assert understand_header(header).column == expected


@pytest.mark.parametrize("header", ["Enreg. moy.", "Abonn.", "Foll.", "Impr.", "Pa."])
def test_a_header_whose_expansion_names_no_field_or_is_ambiguous_is_unread(header: str) -> None:
    assert understand_header(header).column is None


def test_a_french_list_with_abbreviated_headers(tmp_path: Path) -> None:
    p = xlsx(tmp_path / "l.xlsx", {"Liste": [
        ["Pseudo", "Abonnés", "Partag.", "Commentair. moy.", "Enreg. moy."],
        ["@lea.beauty", 12500, 40, 12, 15], ["@zoe.cuisine", 8000, 30, 10, 10], ["@max.tt", 5000, 20, 8, 5]]})
    t = read_table(str(p), platform="instagram")
    assert t.get("avg_shares") == [40, 30, 20]
    assert t.get("avg_comments") == [12, 10, 8]
    assert t.mapped["avg_shares"] == "Partag." and t.mapped["avg_comments"] == "Commentair. moy."
    assert "Enreg. moy." in t.extra_columns  # saves are no field of a list: kept as is
    assert t.get("Enreg. moy.") == [15, 10, 5]


def test_an_english_csv_with_abbreviated_headers(tmp_path: Path) -> None:
    p = tmp_path / "l.csv"
    p.write_bytes(csv_bytes([["Handle", "Subscr.", "Avg. Lik.", "Shar."],
                             ["@lea.beauty", "12500", "400", "40"], ["@zoe.cuisine", "8000", "300", "30"],
                             ["@max.tt", "5000", "200", "20"]]))
    t = read_table(str(p), platform="youtube")
    assert t.get("followers") == [12500, 8000, 5000]
    assert t.get("avg_likes") == [400, 300, 200]
    assert t.get("avg_shares") == [40, 30, 20]
