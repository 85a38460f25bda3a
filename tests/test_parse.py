"""Tests for influkit.io.parse: one table of input -> expected per parser, then error cases."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from influkit.io.parse import (
    ParseError,
    canonical_handle,
    detect_currency,
    is_missing,
    parse_channel,
    parse_count,
    parse_count_noted,
    parse_currency,
    parse_date,
    parse_email,
    parse_money,
    parse_platform,
    parse_price,
    parse_profile,
    parse_rate,
    parse_signed_count,
    parse_stage,
    profile_url,
)

# ------------------------------------------------------------------------------------------ missing

MISSING = [
    None, "", "   ", "\u00a0", " \u202f\t", "N/A", "n/a", "NA", "NaN", "nan", "NaN%", "none", "None", "null",
    "NULL", "-", "—", "–", "?", "??", "#N/A", "#VALUE!", "#DIV/0!", "n.c.", "N.C.", "nc", "NC", " n/a ",
    "\u00a0N/A\u00a0", float("nan"),
]


@pytest.mark.parametrize("v", MISSING)
def test_is_missing(v: object) -> None:
    assert is_missing(v)


@pytest.mark.parametrize("v", [0, 0.0, "0", "x", "nana", "12", False, dt.date(2024, 1, 1), "n", "--x"])
def test_not_missing(v: object) -> None:
    assert not is_missing(v)


PARSERS = [
    parse_count, parse_signed_count, parse_rate, parse_money, parse_date, parse_platform, parse_stage,
    parse_channel, parse_email, parse_currency,
]


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("v", MISSING)
def test_missing_gives_none(parser: object, v: object) -> None:
    assert parser(v) is None  # type: ignore[operator]


@pytest.mark.parametrize("v", MISSING)
def test_missing_profile(v: object) -> None:
    assert parse_profile(v) == (None, None, None)


# ------------------------------------------------------------------------------------------- counts

COUNTS = [
    (12500, 12500),
    (0, 0),
    (12500.0, 12500),
    (199.5, 200),
    (2.28e11, 228000000000),
    ("12500", 12500),
    ("12 500", 12500),
    ("12\u00a0500", 12500),
    ("12\u202f500", 12500),
    ("12\u2009500", 12500),
    ("1 234 567", 1234567),
    ("12,5 k", 12500),
    ("12,5k", 12500),
    ("12.5K", 12500),
    ("1,2 M", 1200000),
    ("1.2M", 1200000),
    ("475.8m", 475800000),
    ("409.8M", 409800000),
    ("29.0b", 29000000000),
    ("1.5B", 1500000000),
    ("1,234,567", 1234567),
    ("1.234.567", 1234567),
    ("2.28E+11", 228000000000),
    ("2,28E+11", 228000000000),
    ("1e3", 1000),
    ("15k abonnés", 15000),
    ("15k followers", 15000),
    ("15 k subs", 15000),
    ("1,2 M d'abonnés", 1200000),
    ("1,2 M d\u2019abonnés", 1200000),
    ("12 500 abonnés", 12500),
    ("3.3k", 3300),
    ("0.89k", 890),
    ("199.5", 200),
    ("974.5", 975),
    ("0.5", 1),
    ("0.4", 0),
    ("12,5", 13),
    ("12,500", 12500),
    ("12.500", 12500),
    ("0,500", 1),
    ("1234.567", 1235),
    ("1 234,5", 1235),
    ("1.234,5", 1235),
    ("1,234.5", 1235),
    ("2 Md", 2000000000),
    ("2 Mds", 2000000000),
    ("1,5 mrd", 1500000000),
    ("3 mio", 3000000),
    ("3 millions", 3000000),
    ("1 million", 1000000),
    ("2 mille", 2000),
    ("2 mille abonnés", 2000),
    ("10k+", 10000),
    ("~10k", 10000),
    ("+500", 500),
    ("  48.5M ", 48500000),
    ("383.1K", 383100),
    ("1'234", 1234),
    ("12 followers", 12),
]


@pytest.mark.parametrize(("raw", "expected"), COUNTS)
def test_parse_count(raw: object, expected: int) -> None:
    got = parse_count(raw)
    assert got == expected
    assert type(got) is int


@pytest.mark.parametrize(
    "raw", ["beaucoup", "-5", "-5k", "\u22125", -3, -2.5, True, False, "12.5k€", "15kabonnés", "1 2", "12 500 15",
            "1,2,3", "1.23.456", "k", "abc 12", "12/03", "1.234,5.6", dt.date(2024, 1, 1), float("inf"), "3/12"],
)
def test_parse_count_errors(raw: object) -> None:
    with pytest.raises(ParseError) as exc:
        parse_count(raw)
    assert isinstance(exc.value, ValueError)
    assert str(exc.value).startswith("could not read ")
    assert str(raw).strip() in str(exc.value)


def test_parse_count_message() -> None:
    with pytest.raises(ParseError, match=r"^could not read 'beaucoup'$"):
        parse_count("beaucoup")
    with pytest.raises(ParseError) as exc:
        parse_count("x" * 100)
    assert len(str(exc.value)) < 60
    assert "x" * 39 in str(exc.value)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("-102", -102), ("+1,586", 1586), ("\u2212" + "5", -5), ("- 1 200", -1200), ("1,586", 1586), (-3, -3),
     (-2.5, -3), ("-2.5k", -2500), ("-0", 0), ("0", 0)],
)
def test_parse_signed_count(raw: object, expected: int) -> None:
    assert parse_signed_count(raw) == expected


def test_parse_count_repeated_errors_are_cached_but_still_raise() -> None:
    for _ in range(3):
        with pytest.raises(ParseError):
            parse_count("beaucoup")


# -------------------------------------------------------------------------------------------- rates

RATES = [
    ("3,4 %", 0.034),
    ("3,4%", 0.034),
    ("1.39%", 0.0139),
    ("3.4 %", 0.034),
    ("3.4\u00a0%", 0.034),
    ("0,5%", 0.005),
    (0.034, 0.034),
    (0.034000000000000002, 0.034),
    (3.4, 0.034),
    (3, 0.03),
    (1, 1.0),
    (0, 0.0),
    (100, 1.0),
    ("3,4", 0.034),
    ("0.034", 0.034),
    ("0,034", 0.034),
    ("250%", 2.5),
    ("0.00%", 0.0),
    ("12.5 %", 0.125),
]


@pytest.mark.parametrize(("raw", "expected"), RATES)
def test_parse_rate(raw: object, expected: float) -> None:
    got = parse_rate(raw)
    assert got == expected
    assert type(got) is float


def test_parse_rate_no_float_noise() -> None:
    assert repr(parse_rate("3,4 %")) == "0.034"
    assert repr(parse_rate(3.4)) == "0.034"
    assert repr(parse_rate("1.39%")) == "0.0139"


@pytest.mark.parametrize("raw", ["250", 250, 100.5, "-2%", -0.1, "beaucoup", "3,4 k", True, "3 4 %", "%"])
def test_parse_rate_errors(raw: object) -> None:
    with pytest.raises(ParseError) as exc:
        parse_rate(raw)
    assert str(raw).strip() in str(exc.value)


# -------------------------------------------------------------------------------------------- money

MONEY = [
    ("1 200 €", 1200.0, "EUR"),
    ("1\u202f200\u00a0€", 1200.0, "EUR"),
    ("€1,200.50", 1200.5, "EUR"),
    ("1.200,50 €", 1200.5, "EUR"),
    ("$500", 500.0, "USD"),
    ("500 USD", 500.0, "USD"),
    ("500$", 500.0, "USD"),
    ("£300", 300.0, "GBP"),
    ("CHF 400", 400.0, "CHF"),
    ("1,5 k€", 1500.0, "EUR"),
    ("1.5K €", 1500.0, "EUR"),
    ("2 k EUR", 2000.0, "EUR"),
    ("500 euros", 500.0, "EUR"),
    ("1 200 € HT", 1200.0, "EUR"),
    ("800€ / post", 800.0, "EUR"),
    ("300 $CA", 300.0, "CAD"),
    ("1200", 1200.0, None),
    ("12.50", 12.5, None),
    ("0 €", 0.0, "EUR"),
    ("gratuit", 0.0, None),
    ("Gratuit", 0.0, None),
    ("free", 0.0, None),
    ("gifting", 0.0, None),
    ("cadeau", 0.0, None),
    ("échange", 0.0, None),
    ("Echange produit", 0.0, None),
    ("produit offert", 0.0, None),
    (1200, 1200.0, None),
    (1200.5, 1200.5, None),
]


@pytest.mark.parametrize(("raw", "amount", "currency"), MONEY)
def test_parse_money(raw: object, amount: float, currency: str | None) -> None:
    got = parse_money(raw)
    assert got == amount
    assert type(got) is float
    assert detect_currency(raw) == currency


@pytest.mark.parametrize("raw", ["-500 €", "€-500", -5, "800 - 500 €", "$300-500 €", "beaucoup", True, "€"])
def test_parse_money_errors(raw: object) -> None:
    with pytest.raises(ParseError) as exc:
        parse_money(raw)
    assert str(raw).strip() in str(exc.value)


@pytest.mark.parametrize("raw", [None, "", "N/A", 12, "gratuit", "beaucoup"])
def test_detect_currency_none(raw: object) -> None:
    assert detect_currency(raw) is None


# ------------------------------------------------------------------------------------------ currency

CURRENCIES = [
    ("€", "EUR"), ("EUR", "EUR"), ("eur", "EUR"), ("euros", "EUR"), ("Euro", "EUR"), ("$", "USD"),
    ("USD", "USD"), ("dollars", "USD"), ("£", "GBP"), ("GBP", "GBP"), ("livres sterling", "GBP"),
    ("CHF", "CHF"), ("CAD", "CAD"), ("$CA", "CAD"), ("CA$", "CAD"), ("dollars canadiens", "CAD"),
    ("sek", "SEK"), (" jpy ", "JPY"),
]


@pytest.mark.parametrize(("raw", "expected"), CURRENCIES)
def test_parse_currency(raw: str, expected: str) -> None:
    assert parse_currency(raw) == expected


@pytest.mark.parametrize("raw", ["euro dollars", "monnaie", "12", 12, "EU", "EURO2"])
def test_parse_currency_errors(raw: object) -> None:
    with pytest.raises(ParseError) as exc:
        parse_currency(raw)
    assert str(raw).strip() in str(exc.value)


# -------------------------------------------------------------------------------------------- dates

D = dt.date(2024, 3, 5)
DATES = [
    (dt.date(2024, 3, 5), D),
    (dt.datetime(2024, 3, 5, 10, 30), D),
    ("2024-03-05", D),
    ("2024-03-05T10:00:00Z", D),
    ("2024-03-05T10:00:00.123+02:00", D),
    ("2024-03-05 10:00:00", D),
    ("2024/03/05", D),
    ("05/03/2024", D),
    ("5/3/2024", D),
    ("05-03-2024", D),
    ("05.03.2024", D),
    ("05/03/24", D),
    ("05/03/2024 10:00", D),
    ("05/03/2024 à 10h", D),
    ("25/03/2024", dt.date(2024, 3, 25)),
    ("03/25/2024", dt.date(2024, 3, 25)),
    ("12/11/2024", dt.date(2024, 11, 12)),
    (45356, D),
    (45356.75, D),
    ("45356", D),
    ("20240305", D),
    ("5 mars 2024", D),
    ("5 Mars 2024", D),
    ("5 janv. 2024", dt.date(2024, 1, 5)),
    ("12 février 2024", dt.date(2024, 2, 12)),
    ("12 fevrier 2024", dt.date(2024, 2, 12)),
    ("1er août 2024", dt.date(2024, 8, 1)),
    ("mardi 5 mars 2024", D),
    ("March 5, 2024", D),
    ("March 5th, 2024", D),
    ("5 Mar 2024", D),
    ("5-Mar-2024", D),
    ("5 déc. 23", dt.date(2023, 12, 5)),
]


@pytest.mark.parametrize(("raw", "expected"), DATES)
def test_parse_date(raw: object, expected: dt.date) -> None:
    got = parse_date(raw)
    assert got == expected
    assert type(got) is dt.date


@pytest.mark.parametrize(
    "raw", ["32/01/2024", "bientôt", "31/02/2024", "13/13/2024", "2024-13-01", "mars", 12, 2024, 99999,
            True, "5 foo 2024", "32/03", "2024", "9999-12-31", dt.date(9999, 12, 31)],
)
def test_parse_date_errors(raw: object) -> None:
    with pytest.raises(ParseError) as exc:
        parse_date(raw)
    assert str(raw).strip() in str(exc.value)


# ------------------------------------------------------------------------------------------ profiles

IG = "https://www.instagram.com/lea.cuisine/"
PROFILES = [
    ("https://www.instagram.com/Lea.Cuisine/", ("instagram", "lea.cuisine", IG)),
    ("http://instagram.com/lea.cuisine", ("instagram", "lea.cuisine", IG)),
    ("instagram.com/lea.cuisine", ("instagram", "lea.cuisine", IG)),
    ("www.instagram.com/lea.cuisine/", ("instagram", "lea.cuisine", IG)),
    ("https://m.instagram.com/lea.cuisine", ("instagram", "lea.cuisine", IG)),
    ("https://www.instagram.com/lea.cuisine/?igshid=YmMyMTA2M2Y=", ("instagram", "lea.cuisine", IG)),
    ("https://www.instagram.com/lea.cuisine?hl=fr", ("instagram", "lea.cuisine", IG)),
    ("https://www.instagram.com/lea.cuisine/reels/", ("instagram", "lea.cuisine", IG)),
    ("  https://www.instagram.com/lea.cuisine/  ", ("instagram", "lea.cuisine", IG)),
    ("https://www.instagram.com/p/CxYz123/", ("instagram", None, "https://www.instagram.com/p/CxYz123/")),
    ("https://www.instagram.com/reel/CxYz123/", ("instagram", None, "https://www.instagram.com/reel/CxYz123/")),
    ("https://www.instagram.com/explore/tags/food/",
     ("instagram", None, "https://www.instagram.com/explore/tags/food/")),
    ("https://www.tiktok.com/@Lea.Cuisine", ("tiktok", "lea.cuisine", "https://www.tiktok.com/@lea.cuisine")),
    ("tiktok.com/@lea.cuisine?lang=fr", ("tiktok", "lea.cuisine", "https://www.tiktok.com/@lea.cuisine")),
    ("https://m.tiktok.com/@lea.cuisine/video/123", ("tiktok", "lea.cuisine", "https://www.tiktok.com/@lea.cuisine")),
    ("https://vm.tiktok.com/ZMabc123/", ("tiktok", None, "https://vm.tiktok.com/ZMabc123/")),
    ("https://www.youtube.com/@LeaCuisine", ("youtube", "leacuisine", "https://www.youtube.com/@leacuisine")),
    ("youtube.com/@LeaCuisine/videos", ("youtube", "leacuisine", "https://www.youtube.com/@leacuisine")),
    ("https://m.youtube.com/@LeaCuisine", ("youtube", "leacuisine", "https://www.youtube.com/@leacuisine")),
    ("https://www.youtube.com/channel/UCX6OQ3DkcsbYNE6H8uQQuVA",
     ("youtube", "UCX6OQ3DkcsbYNE6H8uQQuVA", "https://www.youtube.com/channel/UCX6OQ3DkcsbYNE6H8uQQuVA")),
    ("https://www.youtube.com/c/LeaCuisine", ("youtube", "leacuisine", "https://www.youtube.com/c/LeaCuisine")),
    ("https://www.youtube.com/user/LeaCuisine/", ("youtube", "leacuisine", "https://www.youtube.com/user/LeaCuisine")),
    ("https://youtu.be/dQw4w9WgXcQ", ("youtube", None, "https://youtu.be/dQw4w9WgXcQ")),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ",
     ("youtube", None, "https://www.youtube.com/watch?v=dQw4w9WgXcQ")),
    ("https://x.com/Lea_C", ("x", "lea_c", "https://x.com/lea_c")),
    ("https://twitter.com/Lea_C/", ("x", "lea_c", "https://x.com/lea_c")),
    ("https://mobile.twitter.com/Lea_C/status/123", ("x", "lea_c", "https://x.com/lea_c")),
    ("https://www.twitch.tv/LeaLive", ("twitch", "lealive", "https://www.twitch.tv/lealive")),
    ("https://www.facebook.com/Lea.Cuisine", ("facebook", "lea.cuisine", "https://www.facebook.com/lea.cuisine")),
    ("https://fb.com/lea.cuisine/", ("facebook", "lea.cuisine", "https://www.facebook.com/lea.cuisine")),
    ("https://www.facebook.com/profile.php?id=100012345",
     ("facebook", "100012345", "https://www.facebook.com/profile.php?id=100012345")),
    ("https://www.linkedin.com/in/Lea-Martin/", ("linkedin", "lea-martin", "https://www.linkedin.com/in/lea-martin")),
    ("https://fr.linkedin.com/in/lea-martin", ("linkedin", "lea-martin", "https://www.linkedin.com/in/lea-martin")),
    ("https://www.snapchat.com/add/LeaSnap", ("snapchat", "leasnap", "https://www.snapchat.com/add/leasnap")),
    ("https://www.pinterest.com/LeaPins/", ("pinterest", "leapins", "https://www.pinterest.com/leapins/")),
    ("https://www.pinterest.fr/leapins/recettes/", ("pinterest", "leapins", "https://www.pinterest.com/leapins/")),
    ("https://www.threads.net/@Lea.Cuisine", ("threads", "lea.cuisine", "https://www.threads.net/@lea.cuisine")),
    ("monblog.fr", ("blog", "monblog.fr", "https://monblog.fr")),
    ("www.monblog.fr/about", ("blog", "monblog.fr", "https://www.monblog.fr/about")),
    ("https://www.MonBlog.fr/recettes/", ("blog", "monblog.fr", "https://www.MonBlog.fr/recettes/")),
    ("http://lea-cuisine.com", ("blog", "lea-cuisine.com", "http://lea-cuisine.com")),
    ("@Lea.Cuisine", (None, "Lea.Cuisine", None)),
    ("@lea_cuisine", (None, "lea_cuisine", None)),
    ("lea.cuisine", (None, "lea.cuisine", None)),
    ("LeaCuisine", (None, "LeaCuisine", None)),
    ("Léa Martin", (None, None, None)),
    ("lea@gmail.com", (None, None, None)),
    ("ftp://files.example.com/x", (None, None, None)),
]


@pytest.mark.parametrize(("raw", "expected"), PROFILES)
def test_parse_profile(raw: str, expected: tuple[str | None, str | None, str | None]) -> None:
    assert parse_profile(raw) == expected


def test_parse_profile_never_raises() -> None:
    for v in (12, 1.5, True, dt.date(2024, 1, 1), "%%%", "http://", "https://[::1", "a b c"):
        assert isinstance(parse_profile(v), tuple)


@pytest.mark.parametrize(
    ("platform", "handle", "expected"),
    [("instagram", "@Lea.Cuisine ", "lea.cuisine"), ("tiktok", "Lea/", "lea"), (None, " @Lea ", "lea"),
     ("youtube", "UCX6OQ3DkcsbYNE6H8uQQuVA", "UCX6OQ3DkcsbYNE6H8uQQuVA"), ("youtube", "@LeaCuisine", "leacuisine"),
     ("instagram", "UCX6OQ3DkcsbYNE6H8uQQuVA", "ucx6oq3dkcsbyne6h8uqquva")],
)
def test_canonical_handle(platform: str | None, handle: str, expected: str) -> None:
    assert canonical_handle(platform, handle) == expected


@pytest.mark.parametrize(
    ("platform", "handle", "expected"),
    [
        ("instagram", "Lea", "https://www.instagram.com/lea/"),
        ("tiktok", "@lea", "https://www.tiktok.com/@lea"),
        ("youtube", "Lea", "https://www.youtube.com/@lea"),
        ("youtube", "UCX6OQ3DkcsbYNE6H8uQQuVA", "https://www.youtube.com/channel/UCX6OQ3DkcsbYNE6H8uQQuVA"),
        ("x", "lea", "https://x.com/lea"),
        ("twitch", "lea", "https://www.twitch.tv/lea"),
        ("facebook", "lea", "https://www.facebook.com/lea"),
        ("facebook", "123", "https://www.facebook.com/profile.php?id=123"),
        ("linkedin", "lea", "https://www.linkedin.com/in/lea"),
        ("threads", "lea", "https://www.threads.net/@lea"),
        ("pinterest", "lea", "https://www.pinterest.com/lea/"),
        ("snapchat", "lea", "https://www.snapchat.com/add/lea"),
        ("blog", "monblog.fr", None),
        ("myspace", "lea", None),
        ("instagram", "", None),
        (None, "lea", None),
    ],
)
def test_profile_url(platform: str | None, handle: str, expected: str | None) -> None:
    assert profile_url(platform, handle) == expected


# ----------------------------------------------------------------------------------------- platforms

PLATFORMS = [
    ("IG", "instagram"), ("Insta", "instagram"), ("instagram", "instagram"), ("Instagram Reels", "instagram"),
    ("INSTAGRAM", "instagram"), ("YT", "youtube"), ("Youtube", "youtube"), ("YouTube Shorts", "youtube"),
    ("You Tube", "youtube"), ("Tik Tok", "tiktok"), ("Tik-Tok", "tiktok"), ("tiktok", "tiktok"), ("TT", "tiktok"),
    ("Twitter", "x"), ("X", "x"), ("X (ex-Twitter)", "x"), ("Twitch", "twitch"), ("FB", "facebook"),
    ("Facebook", "facebook"), ("Page Facebook", "facebook"), ("LinkedIn", "linkedin"), ("Blog", "blog"),
    ("Site", "blog"), ("site web", "blog"), ("Site Web", "blog"), ("Snap", "snapchat"), ("Snapchat", "snapchat"),
    ("Pinterest", "pinterest"), ("Threads", "threads"), (" instagram ", "instagram"),
    ("https://www.instagram.com/lea/", "instagram"),
]


@pytest.mark.parametrize(("raw", "expected"), PLATFORMS)
def test_parse_platform(raw: str, expected: str) -> None:
    assert parse_platform(raw) == expected


@pytest.mark.parametrize("raw", ["Myspace", "Instagram + TikTok", "télé", 3, "Reels"[:0] + "radio"])
def test_parse_platform_errors(raw: object) -> None:
    with pytest.raises(ParseError) as exc:
        parse_platform(raw)
    assert str(raw).strip() in str(exc.value)


# -------------------------------------------------------------------------------------------- stages

STAGES = {
    "identified": ["Repéré", "À contacter", "A contacter", "Identifié", "Prospect", "Shortlist", "To contact", "New",
                   "Lead", "1 - Identifiée"],
    "contacted": ["Contacté", "Contactée", "Relancé", "Relance 1", "DM envoyé", "Mail envoyé", "Sent", "Contacted",
                  "Followed up", "Reached out", "En attente", "Contacté par DM le 3/4", "En attente de réponse",
                  "A relancer", "Awaiting reply"],
    "replied": ["A répondu", "Répondu", "Réponse", "Intéressé", "Intéressée", "Replied", "Interested", "Responded",
                "Relancé, a répondu", "Réponse positive"],
    "negotiating": ["En négo", "Négociation", "En discussion", "Devis reçu", "Negotiating", "Negotiation",
                    "In talks"],
    "deal": ["Signé", "Deal", "Accepté", "Validé", "Contrat signé", "Signed", "Won", "Booked", "Confirmed"],
    "published": ["Publié", "En ligne", "Posté", "Published", "Posted", "Live", "Done", "Terminé",
                  "Contrat signé, publié le 3/4"],
    "declined": ["Refusé", "Décliné", "Pas intéressé", "Pas intéressée", "Declined", "Refused", "Rejected",
                 "Not interested", "Lost", "Perdu", "Non signé", "Réponse négative"],
    "no_reply": ["Pas de réponse", "Sans réponse", "Aucune réponse", "Ghosté", "No reply", "No response", "Ghosted",
                 "Unresponsive", "Relancé 2x, pas de réponse", "PAS DE REPONSE"],
}


@pytest.mark.parametrize(("raw", "expected"), [(w, s) for s, words in STAGES.items() for w in words])
def test_parse_stage(raw: str, expected: str) -> None:
    assert parse_stage(raw) == expected


@pytest.mark.parametrize("raw", ["bof", "peut-être", "xyz", 3, "contact"])
def test_parse_stage_errors(raw: object) -> None:
    with pytest.raises(ParseError) as exc:
        parse_stage(raw)
    assert str(raw).strip() in str(exc.value)


# ------------------------------------------------------------------------------------------ channels

CHANNELS = {
    "dm": ["DM", "MP", "message privé", "Instagram DM", "direct", "Messages privés"],
    "email": ["email", "mail", "e-mail", "E-mail", "courriel", "Email pro"],
    "agent": ["agent", "agence", "agency", "manager", "talent manager", "Mail à l'agence"],
    "phone": ["téléphone", "phone", "tel", "Tél.", "appel"],
    "form": ["formulaire", "form", "site", "Formulaire de contact"],
    "other": ["autre", "Other"],
}


@pytest.mark.parametrize(("raw", "expected"), [(w, c) for c, words in CHANNELS.items() for w in words])
def test_parse_channel(raw: str, expected: str) -> None:
    assert parse_channel(raw) == expected


@pytest.mark.parametrize("raw", ["pigeon voyageur", "xyz", 5])
def test_parse_channel_errors(raw: object) -> None:
    with pytest.raises(ParseError) as exc:
        parse_channel(raw)
    assert str(raw).strip() in str(exc.value)


# -------------------------------------------------------------------------------------------- emails

EMAILS = [
    ("lea@gmail.com", "lea@gmail.com"),
    ("  Lea.Martin@Gmail.COM ", "Lea.Martin@gmail.com"),
    ("mailto:lea@gmail.com", "lea@gmail.com"),
    ("MAILTO:lea@gmail.com", "lea@gmail.com"),
    ("lea@gmail.com; agent@agence.fr", "lea@gmail.com"),
    ("lea@gmail.com, agent@agence.fr", "lea@gmail.com"),
    ("Léa <lea+collab@agence.fr>", "lea+collab@agence.fr"),
    ("contact: lea_m@sub.domain.co.uk", "lea_m@sub.domain.co.uk"),
]


@pytest.mark.parametrize(("raw", "expected"), EMAILS)
def test_parse_email(raw: str, expected: str) -> None:
    assert parse_email(raw) == expected


@pytest.mark.parametrize(
    "raw", ["lea@gmail", "lea.gmail.com", "lea @ gmail.com", "@gmail.com", "lea@@gmail.com", "pas d'email", 12,
            "lea(at)gmail.com"],
)
def test_parse_email_errors(raw: object) -> None:
    with pytest.raises(ParseError) as exc:
        parse_email(raw)
    assert str(raw).strip() in str(exc.value)


# ---------------------------------------------------------------------------------- real data sets

SHARED = Path(__file__).resolve().parents[2] / "shared" / "datasets"
DATASETS = SHARED if SHARED.is_dir() else Path(__file__).resolve().parent / "data" / "datasets"  # samples in CI
TOP1000 = ["ig_top1000_dec2022.csv", "tiktok_top1000_dec2022.csv", "youtube_top1000_dec2022.csv"]


def _half_up(text: str) -> int:
    return int(Decimal(text).to_integral_value(rounding=ROUND_HALF_UP))


@pytest.mark.parametrize("name", TOP1000)
def test_top1000_abbreviated_counts_match_numeric_twins(name: str) -> None:
    path = DATASETS / name
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    pairs = [i for i in range(len(header) - 1) if header[i] == header[i + 1]]
    assert pairs, "no abbreviated/numeric column pairs found"
    checked = 0
    for row in rows[1:]:
        for i in pairs:
            if i + 1 >= len(row) or is_missing(row[i]):
                continue
            # twins are plain integers, or like "199.5": compare with rounding half away from zero
            assert parse_count(row[i]) == _half_up(row[i + 1]), (name, row[0], header[i], row[i], row[i + 1])
            checked += 1
    assert checked > (900 if DATASETS == SHARED else 8) * len(pairs)


@pytest.mark.parametrize("cell", ["1e20", "1e400", 2**70, 1e20, "99999999999999999999 €"])
def test_absurdly_large_numbers_are_out_of_range_not_a_crash(cell: object) -> None:
    parser = parse_money if isinstance(cell, str) and "€" in cell else parse_count
    with pytest.raises(ParseError, match="out of range"):
        parser(cell)


def test_integer_number_cells_are_shown_without_decimals() -> None:
    with pytest.raises(ParseError, match=r"could not read '-3' \(negative count\)"):
        parse_count(-3.0)


@pytest.mark.parametrize(("cell", "count"), [
    ("12 K (insta)", 12_000), ("3 M - YT", 3_000_000), ("12k (IG)", 12_000), ("1,2 M (TikTok)", 1_200_000),
    ("12,5 k (IG)", 12_500), ("12 k – à vérifier", 12_000), ("12 k (estimé)", 12_000), ("12 000 (IG)", 12_000),
    ("12 (insta)", 12), ("45 k [YT]", 45_000), ("2 millions (chaîne)", 2_000_000), ("15 k d'abonnés", 15_000),
])
def test_a_count_with_its_unit_and_a_note_after_it_keeps_its_unit(cell: str, count: int) -> None:
    """A note in brackets or after a dash follows the unit; the unit is never read as the note's first
    word (which read '12 K (insta)' as 12, 1,000 times too small, without a word)."""
    assert parse_count_noted(cell) == (count, None)


@pytest.mark.parametrize("cell", ["12 K.(insta)", "12 K; IG", "12 M/YT"])
def test_a_unit_after_a_number_is_never_taken_for_the_first_word_of_a_note(cell: str) -> None:
    """Shapes the count pattern does not read with their unit are unreadable (an issue on the row), never
    the number without its unit."""
    try:
        count = parse_count(cell)
    except ParseError:
        return
    assert count is not None and count >= 1_000_000 if "M" in cell else count == 12_000


@pytest.mark.parametrize(("cell", "amount", "high", "per", "tax"), [
    ("1 reel + 3 stories : 900 €", 900.0, None, "1 reel + 3 stories", None),
    ("2 reels : 1 500 € HT", 1500.0, None, "2 reels", "excl"),
    ("3 stories = 450 €", 450.0, None, "3 stories", None),
    ("1 vidéo 800 €", 800.0, None, "1 vidéo", None),
    ("2 posts à 300 €", 300.0, None, "2 posts", None),
    ("3 stories : 300-450 €", 300.0, 450.0, "3 stories", None),
])
def test_a_count_of_deliverables_before_the_price_is_what_the_price_is_for(
    cell: str, amount: float, high: float | None, per: str, tax: str | None
) -> None:
    """Found by a new user: the deliverables' count ("1" reel) was read as the price, 1 €."""
    price = parse_price(cell)
    assert price is not None
    assert (price.amount, price.high, price.currency, price.per, price.tax, price.several) == (
        amount, high, "EUR", per, tax, False)


@pytest.mark.parametrize(("cell", "amount", "per"), [
    ("1 reel + 3 stories : 900", 900.0, "1 reel + 3 stories"),
    ("2 posts à 300", 300.0, "2 posts"),
    ("2 vidéos = 1 500", 1500.0, "2 vidéos"),
    ("1 post + 2 stories pour 1,2k", 1200.0, "1 post + 2 stories"),
])
def test_deliverables_before_a_price_without_currency(cell: str, amount: float, per: str) -> None:
    """The same without a currency: the amount after the counts is the price, in the sheet's currency."""
    price = parse_price(cell)
    assert price is not None
    assert (price.amount, price.high, price.currency, price.per) == (amount, None, None, per)


@pytest.mark.parametrize("cell", ["1 post", "3 stories", "2 reels 3 stories", "2 posts/mois"])
def test_what_a_price_buys_without_an_amount_is_no_price(cell: str) -> None:
    """'1 post' in a price column says what would be bought, not a price of 1."""
    with pytest.raises(ParseError, match="what it buys, no amount"):
        parse_price(cell)
    # an amount before what it buys is still the price
    price = parse_price("300 / 2 posts")
    assert price is not None and (price.amount, price.per) == (300.0, "2 posts")


@pytest.mark.parametrize(("cell", "amount", "currency", "per", "several"), [
    ("450 € (3 stories)", 450.0, "EUR", "3 stories", False),
    ("Story 150€", 150.0, "EUR", "Story", False),
    ("Reel : 400 € / Story : 150 €", 400.0, "EUR", "Reel", True),
    ("Story: 150 / Reel: 400", 150.0, None, "Story", True),
    ("2 videos $900", 900.0, "USD", "2 videos", False),
    ("500€ + produits", 500.0, "EUR", "+ produits", False),
    ("$300 + free product", 300.0, "USD", "+ free product", False),
    ("150€ la story, 400€ le reel", 150.0, "EUR", "story", True),
    ("$250/story or $600/reel", 250.0, "USD", "story", True),
    ("200 € par story (x3)", 200.0, "EUR", "story (x3)", False),
])
def test_prices_as_agencies_write_them(cell: str, amount: float, currency: str | None, per: str,
                                       several: bool) -> None:
    """Found by a new-user helper: these were unreadable, lost their currency ('2 videos $900' in EUR) or
    kept the next price in what the first is for."""
    price = parse_price(cell)
    assert price is not None
    assert (price.amount, price.currency, price.per, price.several) == (amount, currency, per, several)


@pytest.mark.parametrize(("cell", "stage"), [
    ("pas encore de réponse", "contacted"), ("pas encore de retour", "contacted"), ("didn't reply", "no_reply"),
    ("hasn't replied", "contacted"), ("haven't reached out", "identified"), ("not signed yet", "negotiating"),
    ("not yet signed", "negotiating"), ("isn't interested", "declined"), ("Contrat en cours", "negotiating"),
    ("Gifting envoyé", "deal"), ("Colis envoyé", "deal"), ("Products shipped", "deal"),
    ("Intéressée mais trop cher", "negotiating"), ("Interested but too expensive", "negotiating"),
    ("trop cher", "declined"), ("pas de réponse", "no_reply"), ("non signé", "declined"),
])
def test_negated_and_deal_statuses(cell: str, stage: str) -> None:
    """Found by a new-user helper: "pas encore de réponse" and "didn't reply" were read as replied (the
    funnel's reply rate with them), "not signed yet" as declined, "Gifting envoyé" as contacted."""
    assert parse_stage(cell) == stage


@pytest.mark.parametrize("cell", ["Not declined", "pas refusé", "not rejected"])
def test_a_negated_refusal_says_no_stage(cell: str) -> None:
    """'Not declined' is not a refusal, and says no stage either: an issue on the row, not declined."""
    with pytest.raises(ParseError):
        parse_stage(cell)


def test_a_dotted_date_is_day_first_in_any_column() -> None:
    """Found by a new-user helper: '12.01.2026' in a column of '01/13/2026' read as 1 December; dots are
    Europe's way, day first, and they do not vote on the column's order."""
    from influkit.io.parse.dates import date_order_vote

    assert parse_date("12.01.2026", day_first=False) == dt.date(2026, 1, 12)
    assert parse_date("25.12.2025", day_first=False) == dt.date(2025, 12, 25)
    assert parse_date("01/12/2026", day_first=False) == dt.date(2026, 1, 12)
    assert date_order_vote("25.12.2025") == 0 and date_order_vote("25/12/2025") == -1


@pytest.mark.parametrize(("cell", "url"), [
    ("http://lea-cuisine.fr/blog?utm_source=x", "http://lea-cuisine.fr/blog"),
    ("https://lea-cuisine.fr/blog?utm_source=ig&page=2&fbclid=abc", "https://lea-cuisine.fr/blog?page=2"),
    ("https://linktr.ee/lea?utm_medium=social", "https://linktr.ee/lea"),
    ("https://lea.fr/?p=12", "https://lea.fr/?p=12"),  # a page's own parameter stays
])
def test_a_web_sites_profile_link_loses_its_click_tracking(cell: str, url: str) -> None:
    """Found by a new user: a blog's link kept `?utm_source=x` as its profile link, where the networks'
    links lose their `?igshid=`: the parameters that only say where a click came from are dropped."""
    from influkit.io.parse import parse_profile

    assert parse_profile(cell)[2] == url
