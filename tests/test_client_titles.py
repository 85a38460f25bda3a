"""Every title, heading and label of a client output speaks the output's language, from labels.py: the
shortlist's pages (titled "Sélection — <brand>" even when a program writes them without a title), its
table's headers and words, the identity cards (score line, counts, dates, the follower history's lines),
the funnel chart (found by the account managers of a French agency: a French page titled "Shortlist —
Maison Sève")."""

from __future__ import annotations

import datetime as dt
import html
import re
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import influkit  # noqa: E402
from influkit.cards import Card, card_html, card_markdown  # noqa: E402
from influkit.followers import History  # noqa: E402
from influkit.labels import report_label  # noqa: E402
from influkit.metrics.trends import Event, Trend  # noqa: E402
from influkit.selection import local_value, write_shortlist  # noqa: E402
from sheetmaker import xlsx  # noqa: E402

BRAND = 'name = "Maison Sève"\nvalues = ["vegan"]\nplatforms = ["instagram"]\n[budget]\nper_post = "800 €"\n'
FR: list[list[Any]] = [["Nom", "Pseudo", "Réseau", "Abonnés", "Likes moyens", "Tarif", "Commentaires"],
                       ["Léa Vernoux", "@lea.vernoux", "Instagram", "12,5 k", 480, "350 €", "vegan"],
                       ["Chloé Martin", "@chloe.green", "Instagram", "23,8 k", 850, "500 €", "zéro déchet"]]
# English words a French page must not show (as whole words, in its visible text)
ENGLISH = ("Shortlist", "Creator", "Platform", "Account", "Followers", "Why", "Price", "Confidence", "Brand",
           "best first", "per post", "rank", "confidence", "brand fit", "on Instagram", "yes", "no", "week",
           "spike", "drop", "Follower history", "Best posts")


def _visible(text: str) -> str:
    """The text a reader sees: an HTML page without its tags and style, a Markdown page without its links'
    targets."""
    if text.lstrip().startswith("<!DOCTYPE"):
        text = re.sub(r"<style>.*?</style>", " ", text, flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    else:
        text = re.sub(r"\]\(<[^>]*>\)", "]", text)
    return text.replace("\u202f", " ").replace("\xa0", " ")  # (Markdown writes a thin space as a space)


def _english_in(text: str) -> list[str]:
    shown = _visible(text)
    return [w for w in ENGLISH if re.search(rf"(?<![\w@./-]){re.escape(w)}(?![\w.-])", shown)]


@pytest.fixture
def chosen(tmp_path: Path) -> influkit.Shortlist:
    brand = tmp_path / "brand.toml"
    brand.write_text(BRAND, encoding="utf-8")
    book = xlsx(tmp_path / "suivi.xlsx", {"Prospects": FR})
    return influkit.shortlist(str(book), brand=str(brand), store=None, top=5)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_shortlist_page_written_without_a_title_is_titled_in_its_language(
        tmp_path: Path, chosen: influkit.Shortlist, fmt: str) -> None:
    assert chosen.lang == "fr"
    out = tmp_path / f"s.{fmt}"
    write_shortlist(chosen, str(out), profile_rows=chosen.profile_rows, method=chosen.method)  # no title
    text = out.read_text(encoding="utf-8")
    first = text.splitlines()[0] if fmt == "md" else re.search(r"<title>(.*?)</title>", text).group(1)  # type: ignore[union-attr]
    assert html.unescape(first).lstrip("# ") == "Sélection — Maison Sève"
    assert _english_in(text) == []
    english = tmp_path / f"en.{fmt}"
    write_shortlist(chosen, str(english), lang="en")
    assert "Shortlist — Maison Sève" in english.read_text(encoding="utf-8")


def _card(lang: str) -> Card:
    row: dict[str, Any] = {
        "creator": "Léa Vernoux", "platform": "instagram", "handle": "lea.vernoux",
        "profile_url": "https://www.instagram.com/lea.vernoux/", "followers": 12500, "engagement_rate": 0.0384,
        "tier": "micro", "posts_per_week": 2.5, "score": 82.6, "fit_score": 86.2, "rank": 3, "confidence": "high",
        "best_posts": "https://www.instagram.com/p/AAA/ (2026-03-01, 12345 interactions)", "has_media_kit": True}
    days = [dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1)]
    series = [(days[0], 11000.0), (days[1], 11200.0), (days[2], 12500.0)]
    spike = Event("spike", days[1], days[2], 1300.0, 28, 7.0, 1100.0, 9.0, 11200.0)
    history = History("instagram", "lea.vernoux", "Léa Vernoux", [], series, False,
                      Trend({}, {}, "growing", None, days[2], 3), [spike])
    return Card("Léa Vernoux", [row], row, lang=lang, histories={"instagram:lea.vernoux": history})


def test_a_french_card_says_its_score_counts_dates_and_history_in_french() -> None:
    card = _card("fr")
    md, page = card_markdown(card), card_html(card)
    for text in (md, page):
        assert _english_in(text) == [], _english_in(text)
        assert "12 345 interactions" in _visible(text)  # a count the French way, not "12,345"
        assert "82,6 / 100 sur Instagram (adéquation à la marque 86,2, rang 3, confiance élevée)" in _visible(text)
    assert "- Instagram : `" in md  # the history line: a label's colon the French way
    assert "01/01/2026 → 01/03/2026" in md and "pic 01/03/2026 (+1 300)" in _visible(md)
    for text in (md, page):
        assert "Instagram 01/03/2026 · 12 345 interactions" in _visible(text)
        assert "2026-" not in _visible(text)


def test_an_english_card_keeps_its_words() -> None:
    md = card_markdown(_card("en"))
    assert "82.6 / 100 on Instagram (brand fit 86.2, rank 3, confidence high)" in md
    assert "Instagram 2026-03-01 · 12,345 interactions" in md and "- Instagram: `" in md and "2026-01-01 → 2026-03-01" in md


@pytest.mark.parametrize(("lang", "yes", "no"), [("fr", "oui", "non"), ("en", "yes", "no")])
def test_a_yes_or_no_is_said_in_the_outputs_language(lang: str, yes: str, no: str) -> None:
    assert (local_value("x", True, lang), local_value("x", False, lang)) == (yes, no)
    assert report_label("yes", lang) == yes


def test_the_funnel_charts_words_come_from_the_labels(tmp_path: Path) -> None:
    pytest.importorskip("PIL")
    from influkit import chart

    said: list[str] = []

    class Recorder:
        def __init__(self, image: Any) -> None:
            pass

        def text(self, xy: Any, text: str, **kwargs: Any) -> None:
            said.append(text)

        def rectangle(self, *args: Any, **kwargs: Any) -> None:
            pass

        def textlength(self, text: str, **kwargs: Any) -> float:
            return 10.0

    report = {"unit": "people", "prospects": 12, "as_of": "2026-12-04",
              "stages": [{"stage": "identified", "reached": 12, "conversion_from_previous": None, "lost_here": {}},
                         {"stage": "contacted", "reached": 6, "conversion_from_previous": 0.5,
                          "lost_here": {"declined": 2}}]}
    import PIL.ImageDraw

    original = PIL.ImageDraw.Draw
    PIL.ImageDraw.Draw = Recorder  # type: ignore[assignment]
    try:
        chart.draw_funnel(report, str(tmp_path / "f.png"), lang="fr")
    finally:
        PIL.ImageDraw.Draw = original
    assert "12 personnes - au 04/12/2026" in said and "Entonnoir de prospection" in said
