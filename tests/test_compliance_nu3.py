"""Regressions from the third new-user review (nu3) of `influkit check`: a label's position on its line
never makes it missing; a row without a caption is never "ok", even with the platform's label; a short
English caption is judged English (FR-03), whatever emoji or hashtags surround it."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from influkit.campaign.compliance import Verdict, check, check_post
from influkit.campaign.scan import detect_lang
from influkit.cli.app import app
from sheetmaker import xlsx

runner = CliRunner()
_ID = re.compile(r"^([A-Z]{2}-\d{2})")
TAGS = " ".join(f"#tag{i}" for i in range(30))
# posts_fr.xlsx row 3 of the review: a caption, 30 hashtags, then " Publicité" (well after Instagram's cut)
ROW3 = f"Un dimanche tout doux à la maison, bougie allumée et plaid. {TAGS} Publicité"


def warned(v: Verdict) -> list[str]:
    return list(dict.fromkeys(m[1] for w in v.warnings if (m := _ID.match(w))))


def fr(caption: str, **kw: object) -> tuple[str | None, list[str]]:
    v = check_post(caption, rules="fr", platform="instagram", **kw)  # type: ignore[arg-type]
    return v.disclosure, v.rules


# ------------------------------------------------------------------ 1. a label anywhere on its line

@pytest.mark.parametrize("caption", [
    "Un dimanche tout doux, bougie allumée Publicité",  # the review's example
    "Un dimanche tout doux, bougie allumée publicité",
    "Un dimanche tout doux, bougie allumée Publicité !",
    "Un dimanche tout doux, bougie allumée publicité.",
    "Un dimanche tout doux, bougie allumée Publicité @maisonocre",
    "Un dimanche tout doux, bougie allumée Publicité avec @maisonocre",  # capitalised inside the clause
    "Un dimanche tout doux, bougie allumée.Publicité",  # glued to a full stop
    "Un dimanche tout doux, bougie allumée,publicité",
    "Un dimanche tout doux, bougie allumée🕯️Publicité",  # glued to an emoji
    "Un dimanche tout doux, bougie allumée\nPublicité",
    "Un dimanche tout doux 🚀 Publicité",
    "Un dimanche tout doux, bougie allumée Collaboration commerciale",
    "Un dimanche tout doux, bougie allumée Sponsorisé",
    "Un dimanche tout doux, bougie allumée #partenariat",
    "Un dimanche tout doux, bougie allumée partenariat",
])
def test_a_label_at_the_end_of_a_line_is_found(caption: str) -> None:
    assert fr(caption) == ("ok", [])


@pytest.mark.parametrize("tail", [" Publicité", " publicité", "\nPublicité", " Collaboration commerciale",
                                  " Sponsorisé", " #partenariat", " partenariat", " 🚀Publicité", " #publicité"])
def test_a_label_after_the_hashtags_and_the_cut_is_late_never_missing(tail: str) -> None:
    caption = f"Un dimanche tout doux à la maison, bougie allumée et plaid. {TAGS}{tail}"
    assert fr(caption) == ("late", ["FR-02"])


@pytest.mark.parametrize("caption,mention", [
    ("Un dimanche tout doux, bougie allumée PUB", "PUB"),  # capitals closing the clause
    ("Un dimanche tout doux, bougie allumée. Pub", "Pub"),  # alone in its clause
    ("Un dimanche tout doux 🕯️ pub", "pub"),
])
def test_pub_at_the_end_of_a_line_is_the_abbreviation(caption: str, mention: str) -> None:
    v = check_post(caption, rules="fr")
    assert (v.disclosure, v.rules, warned(v), v.mentions) == ("ok", [], ["FR-01"], [mention])


@pytest.mark.parametrize("caption", ["new candle 🔥 Ad", "new candle Ad", "new candle AD", "new candle. Ad",
                                     "Love it, ad"])
def test_ad_at_the_end_of_a_line_is_found_by_the_ftc_rules(caption: str) -> None:
    v = check_post(caption, rules="us")
    assert (v.disclosure, v.rules) == ("ok", [])


@pytest.mark.parametrize("caption", [
    "Je déteste la publicité à la télé",
    "Vive la publicité !",
    "Quelle belle publicité",
    "agence publicité paris",
    "Mon partenaire et moi au resto",
    "Soirée au pub",
    "Le Pub du coin est top",
    "Ce soir, pub quiz avec les copains",
])
def test_ordinary_words_stay_ordinary_wherever_they_stand(caption: str) -> None:
    assert fr(caption) == ("missing", ["FR-01"])


@pytest.mark.parametrize("caption", ["I saw this ad yesterday", "loved the ad", "Dinner at the pub.",
                                     "my partner and I"])
def test_ordinary_english_words_stay_ordinary(caption: str) -> None:
    v = check_post(caption, rules="us")
    assert (v.disclosure, v.rules) == ("missing", ["US-01"])


# -------------------------------------------------------- 2. no caption: not checked, flag or not

def test_an_empty_caption_with_the_platform_label_is_not_checked() -> None:
    v = check_post("", rules="fr", paid_partnership=True)
    assert (v.disclosure, v.level, v.rules, v.by_rule_set) == (None, "warn", [], {"fr": None})
    assert v.mentions == ["paid-partnership label"]
    assert warned(v) == ["FR-01"]
    assert "French law accepts it as the mention" in v.warnings[0]
    assert v.warnings[-1].startswith("no caption in the sheet: post not checked")


def test_an_empty_caption_with_the_label_warns_as_a_label_only_post_per_rule_set() -> None:
    sets = "fr,us,uk,eu"
    v = check_post(None, rules=sets, paid_partnership=True, platform="tiktok", media_format="video")
    assert (v.disclosure, v.level, v.rules) == (None, "warn", [])
    assert v.by_rule_set == {"fr": None, "us": None, "uk": None, "eu": None}
    assert warned(v) == ["FR-01", "US-06", "UK-02"]
    # a captioned post labelled by the flag only gives the same US/UK warnings
    captioned = check_post("Test complet du coffret @maisonocre", rules=sets, paid_partnership=True,
                           platform="tiktok", media_format="video", lang="en")
    assert (captioned.disclosure, warned(captioned)) == ("ok", ["US-06", "UK-02"])
    # French, under the 2023 text: the label alone was not enough, said as a warning (caption unknown)
    old = check_post("", rules="fr", paid_partnership=True, published_on=dt.date(2024, 3, 1))
    assert (old.disclosure, old.rules, warned(old)) == (None, [], ["FR-01"])
    assert "'Partenariat rémunéré' was not enough" in old.warnings[0]
    # no flag, or the flag off: not checked and nothing more to say
    for flag in (None, False):
        v = check_post("  ", rules=sets, paid_partnership=flag)
        assert (v.disclosure, v.level, warned(v), v.mentions) == (None, "warn", [], [])


def test_the_sheet_lists_an_empty_caption_with_the_label_as_not_checked(tmp_path: Path) -> None:
    header: list[object] = ["Compte", "Lien du post", "Réseau", "Format", "Date de publication", "Légende", "Partenariat rémunéré"]
    rows: list[list[object]] = [
        ["margaux.tisse", "https://www.instagram.com/p/C1bbbbbbbbb/", "Instagram", "Carrousel", "2026-06-02",
         ROW3, "Non"],
        ["sacha.lmn", "https://www.tiktok.com/@sacha.lmn/video/7300000000000000003", "TikTok", "Vidéo",
         "2026-06-05", None, "Oui"],
        ["theoguillot", "https://www.youtube.com/watch?v=abcdefghijk", "YouTube", "Vidéo", "2026-06-07",
         "Test complet du coffret @maisonocre", "Oui"],
    ]
    path = xlsx(tmp_path / "posts_fr.xlsx", {"Publications": [header, *rows]})
    result = check(str(path))
    records = result.records()
    assert [(r["disclosure"], r["compliance"], r["compliance_level"]) for r in records] == [
        ("late", "FR-02", "fail"), (None, None, "warn"), ("ok", None, "ok")]
    assert "aucune mention" not in (records[0]["compliance_reasons"] or "")
    assert records[1]["disclosure_mention"] == "paid-partnership label"
    assert records[1]["compliance_warnings"].startswith("FR-01 : seul le label « Partenariat rémunéré »")
    assert result.summary["not_checked_rows"] == [3]
    assert result.summary["disclosure"] == {"ok": 1, "late": 1, "insufficient": 0, "missing": 0}

    out = runner.invoke(app, ["check", str(path), "--rules", "fr,us,uk,eu", "-f", "json", "-q", "-o", "-"])
    assert out.exit_code == 0, out.stderr
    row = json.loads(out.stdout)[1]
    assert row["disclosure"] is None and row["compliance_level"] == "warn"
    assert [w[:5] for w in row["compliance_warnings"].split(" | ")] == ["FR-01", "US-06", "UK-02", "pas d"]


# ---------------------------------------------------------------- 3. the caption's language (FR-03)

@pytest.mark.parametrize("caption", [
    "Best craft beer in town with @brewco #ad",
    "Bought my first bitcoin on @coinx, guaranteed returns! #ad",
    "#ad new candle 🔥 code TOM10",
    "new candle 🔥🔥 #sponsored",
    "Loving my evening routine with @ocrehome #ad",
    "🔥✨ @brand #ad",  # nothing but the label: its language
])
def test_short_english_captions_are_english(caption: str) -> None:
    assert detect_lang(caption) == "en"
    v = check_post(caption, rules="fr", platform="instagram")
    assert (v.disclosure, "FR-03" in v.rules, "FR-03" in warned(v)) == ("ok", False, True)


@pytest.mark.parametrize("caption,lang", [
    ("Ma routine visage préférée du moment ✨ #sponsored", "fr"),
    ("Nouveau programme dispo 💪 ma whey préférée : @nutriforce #ad", "fr"),
    ("Le meilleur spritz de l'été avec @aperol, santé ! #ad", "fr"),
    ("Avis #ad #sponsored #gifted", None),  # the labels count once: they do not outvote the caption
    ("Trop bien #ad", None),  # one French word, one English label: undetermined, judged as French
])
def test_french_or_undetermined_captions_with_english_labels_are_insufficient(caption: str,
                                                                               lang: str | None) -> None:
    assert detect_lang(caption) == lang
    v = check_post(caption, rules="fr", platform="instagram")
    assert v.disclosure == "insufficient" and "FR-03" in v.rules


def test_the_same_english_situation_gets_the_same_verdict() -> None:
    """Long or short, with or without emoji or a banned topic, an English caption labelled #ad before the
    cut is ok with the FR-03 warning; after the cut it is late."""
    for caption in ("Best craft beer in town with @brewco #ad", "#ad new candle 🔥 code TOM10",
                    "Bought my first bitcoin on @coinx, guaranteed returns! #ad",
                    "My honest review of the new serum after two weeks of use, link in bio #ad"):
        v = check_post(caption, rules="fr", platform="instagram")
        assert v.by_rule_set == {"fr": "ok"} and "FR-03" in warned(v), caption
    late = check_post(f"Cozy Sunday vibes with candles and a good book. {TAGS} #ad", rules="fr",
                      platform="instagram")
    assert (late.disclosure, "FR-02" in late.rules, "FR-03" in warned(late)) == ("late", True, True)


def test_a_third_language_is_undetermined() -> None:
    assert detect_lang("Mi rutina de mañana #publicidad") is None
    assert detect_lang("Meine Morgenroutine mit @marke #werbung") is None
    assert detect_lang("Nouvelle routine pour l'été") == "fr"
    assert detect_lang("Ce n'est pas sponsorisé, it's my own money") is None  # a tie
