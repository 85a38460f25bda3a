"""Columns understood from header words and from cells: abbreviations nobody listed, units in headers,
contents that overrule a header, and the evidence of each decision."""

from __future__ import annotations

from typing import Any

import pytest

from influkit.io.columns import understand_header
from influkit.io.normalize import normalize
from influkit.io.read import RawSheet
from influkit.pipeline import compute_metrics
from influkit.table import Table


def norm(headers: list[str], rows: list[list[Any]], **kw: Any) -> Table:
    raw = RawSheet(source="t.csv", sheet=None, header_row=1, headers=headers, rows=rows,
                   row_numbers=list(range(2, len(rows) + 2)))
    table = normalize(raw, **kw)
    compute_metrics(table)
    return table


@pytest.mark.parametrize(("header", "column"), [
    ("Likes moy.", "avg_likes"), ("Moyenne de likes", "avg_likes"), ("Coms", "avg_comments"),
    ("Nb followers", "followers"), ("#Followers/Subscribers", "followers"), ("Cachet", "price_quoted"),
    ("Notes internes", "notes"), ("Creator Name", "creator"), ("Outreach Status", "stage"),
    ("Date Contacted", "contacted_on"), ("Rate (USD)", "price_quoted"), ("Vues par vidéo", "avg_views"),
    ("Total posts/videos", "posts"), ("Bio/Description", "bio"), ("Email_2", "email"), ("Prénom", "first_name"),
    ("Date de publication prévue", "published_on"), ("Responsable compte", "owner"),
    # things that are NOT those columns
    ("Total likes", None), ("%Male", None), ("%Follower Credibility", None), ("Date relance", None),
    ("Code postal", None), ("Croissance abonnés", None), ("Influence score", None),
    # an extreme, a unit cost or a revenue is not the account's number nor its price
    ("Pic de vues", None), ("Max likes", None), ("Record abonnés", None), ("Coût par clic", None),
    ("Prix par vue", None), ("CPM", None), ("Partage de revenus", None), ("CA généré", None),
    ("Date de mise à jour", None), ("Mise en ligne", "published_on"), ("Prix par post", "price_quoted"),
    ("Tarif par vidéo", "price_quoted"), ("Prix moyen", "price_quoted"), ("PIC", "owner"),
    ("Part du budget", None), ("Quote-part", None), ("Répartition abonnés", None), ("Budget", "price_quoted"),
])
def test_header_words(header: str, column: str | None) -> None:
    assert understand_header(header).column == column


def test_header_units() -> None:
    assert understand_header("Rate (USD)").currency == "USD"
    assert understand_header("Abonnés (k)").exponent == 3
    assert understand_header("Budget HT (k€)").tax == "excl"
    # a sign right after the k is the currency as well as the thousands (it gave no currency: a report
    # then compared the fees with a $ objective as if they were dollars)
    for header, currency in (("Prix HT (k€)", "EUR"), ("Budget k€", "EUR"), ("Fee (k$)", "USD"), ("Tarif k£ TTC", "GBP")):
        m = understand_header(header)
        assert (m.column, m.exponent, m.currency) == ("price_quoted", 3, currency), header
    m = understand_header("Instagram ER")
    assert (m.column, m.platform) == ("engagement_rate", "instagram")


def test_agency_headers_nobody_listed_are_read() -> None:
    t = norm(["Creator Name", "IG", "Nb followers", "Likes moy.", "Coms", "Outreach Status", "Date Contacted",
              "Rate (USD)", "Notes internes"],
             [["Ana Lopez", "@ana.lopez", "12.5K", "410", "22", "Contacted", "03/02/2026", "350",
               "worked with Glossier"]])
    row = next(t.rows())
    assert (row["creator"], row["handle"], row["followers"]) == ("Ana Lopez", "ana.lopez", 12500)
    assert row["engagement_rate"] == pytest.approx((410 + 22) / 12500, rel=1e-4)  # computed: likes + coms known
    assert row["stage"] == "contacted"
    assert row["price_quoted"] == 350.0 and row["currency"] == "USD"
    assert row["notes"] == "worked with Glossier"
    assert row["platform"] == "instagram"  # "IG" names one network: the @handles are Instagram's


def test_contents_overrule_the_header() -> None:
    t = norm(["Chaîne", "Infos", "Contact", "Canal"],
             [["https://www.instagram.com/lea.v/", "@lea.v", "lea@x.fr", "Instagram"],
              ["https://www.tiktok.com/@zoe.fit", "@zoe.fit", "zoe@y.fr", "TikTok"],
              ["https://www.youtube.com/@marc", "@marc", "marc@z.fr", "YouTube"]])
    decisions = {d["header"]: d for d in t.meta["columns"]}
    assert decisions["Chaîne"]["used_as"] == "profile_url" and "profile links" in decisions["Chaîne"]["evidence"]
    assert decisions["Contact"]["used_as"] == "email"
    assert decisions["Canal"]["used_as"] == "platform"  # platform names, not an outreach channel
    assert t.get("platform") == ["instagram", "tiktok", "youtube"]
    assert t.get("email") == ["lea@x.fr", "zoe@y.fr", "marc@z.fr"]


def test_counts_under_a_likes_header_are_averages_and_text_is_not() -> None:
    t = norm(["Pseudo", "Réseau", "Likes", "Commentaires"],
             [["a", "IG", "1,2k", "très réactive"], ["b", "IG", "800", "à relancer"], ["c", "IG", "95", "RAS"]])
    assert t.get("avg_likes") == [1200, 800, 95]
    assert t.get("notes") == ["très réactive", "à relancer", "RAS"]
    assert "avg_comments" not in t.data


def test_a_name_cell_carrying_a_handle_is_split() -> None:
    # the real TikTok top-100 list writes "just sul @justsul" in its NAME column (issue #15)
    t = norm(["#", "NAME", "FOLLOWERS"], [[1, "just sul @justsul", "4.3M"], [2, "Ahmed (@ahmed.k)", "930K"],
                                          [3, "Lina @lina_s", "1.1M"]], platform="tiktok")
    assert t.get("creator") == ["just sul", "Ahmed", "Lina"]
    assert t.get("handle") == ["justsul", "ahmed.k", "lina_s"]
    assert t.get("profile_url")[0] == "https://www.tiktok.com/@justsul"


def test_first_and_last_names_make_the_creator() -> None:
    t = norm(["Prénom", "Nom", "Pseudo"], [["Léa", "Vernoux", "@lea"], ["Tom", "Martin", "@tom"]])
    assert t.get("creator") == ["Léa Vernoux", "Tom Martin"]


def test_every_decision_says_why() -> None:
    t = norm(["Nom", "Lien", "Qqch"], [["Léa", "instagram.com/lea", "x"], ["Tom", "tiktok.com/@tom", "y"],
                                       ["Zoé", "youtube.com/@zoe", "z"]])
    for d in t.meta["columns"]:
        assert d["by"] and d["evidence"], d
    assert t.meta["columns"][2]["used_as"] == "kept as is"


def test_short_network_names_beside_account_words() -> None:
    t = norm(["Influencer", "IG username", "IG followers", "TT username", "TT followers"],
             [["Sofia", "sofia.ricci", "56.2K", "sofia.tt", "12.1K"]])
    assert [(r["platform"], r["handle"], r["followers"]) for r in t.rows()] == [
        ("instagram", "sofia.ricci", 56200), ("tiktok", "sofia.tt", 12100)]
    assert understand_header("X").column is None  # alone, "X" is no network


def test_reading_thresholds_are_in_the_table() -> None:
    from influkit.thresholds import table

    rows = [r for r in table() if r["group"] == "reading"]
    names = {r["name"] for r in rows}
    assert {"header scan rows", "delimiter sniff lines", "earliest date year", "max plausible rate",
            "cells sampled per column"} <= names
    assert all(r["source"] for r in rows)


@pytest.mark.parametrize("header", ["country_rank", "channel_type_rank", "Unemployment rate", "video_views",
                                    "subscribers_for_last_30_days", "Abonnés gagnés 30j", "Nb profils",
                                    "Panier moyen", "Délai moyen", "Temps moyen"])  # "moyen": average, not a means
def test_headers_about_a_column_are_not_that_column(header: str) -> None:
    assert understand_header(header).column is None


def test_an_average_of_something_else_on_a_short_list_is_kept_whole() -> None:
    """Two rows are too few for the cells to overrule the header: "Panier moyen" (average basket) must
    not be read as the outreach channel ("moyen de contact"), which lost both numbers."""
    t = norm(["Pseudo", "Réseau", "Panier moyen"], [["a", "IG", 12.5], ["b", "IG", 40]])
    assert "channel" not in t.data and t.get("Panier moyen") == [12.5, 40]
    assert t.get("issues") == [None, None]
    assert norm(["Pseudo", "Réseau", "Moyen de contact"], [["a", "IG", "DM"], ["b", "IG", "Email"]]).get(
        "channel") == ["dm", "email"]


def test_a_label_header_over_numbers_is_kept() -> None:
    t = norm(["Pseudo", "Réseau", "Canal"], [["a", "IG", 1], ["b", "IG", 2], ["c", "IG", 1]])
    assert "channel" not in t.data and t.get("Canal") == [1, 2, 1]
    assert t.get("issues") == [None, None, None]


@pytest.mark.parametrize("n", [2, 30])
def test_a_contact_column_without_e_mails_is_kept_whole(n: int) -> None:
    """"Contact" names an e-mail column, but cells such as "DM" or "via agent" are not addresses: the
    column is kept as it is, on a short list as on a long one, instead of emptied with an issue per row."""
    cells = ["DM", "via agent", "06 12 34 56 78", "Marie (agent)"]
    rows = [[f"acc{k}", "IG", cells[k % len(cells)]] for k in range(n)]
    t = norm(["Pseudo", "Réseau", "Contact"], rows)
    assert "email" not in t.data and t.get("Contact") == [r[2] for r in rows]
    assert t.issues == [] and t.get("issues") == [None] * n


def test_an_unreadable_e_mail_is_one_issue() -> None:
    t = norm(["Pseudo", "Réseau", "Email"], [["a", "IG", "a@x.fr"], ["b", "IG", "b@x.fr"], ["c", "IG", "pas d'email"],
                                              ["d", "IG", "d@x.fr"], ["e", "IG", "e@x.fr"]])
    assert t.get("email") == ["a@x.fr", "b@x.fr", None, "d@x.fr", "e@x.fr"]
    assert [(i.row, i.field) for i in t.issues] == [(4, "email")]
    assert t.get("issues")[2] == "Email: could not read \"pas d'email\""


def test_network_names_under_canal_are_the_platform_even_on_two_rows() -> None:
    t = norm(["Nom", "Pseudo", "Canal", "Abonnés"], [["Léa", "@lea.v", "Instagram", 12500], ["Tom", "@tom.k", "TikTok", 8000]])
    assert t.get("platform") == ["instagram", "tiktok"] and "channel" not in t.data
    t = norm(["Nom", "Pseudo", "Réseau", "Canal"], [["Léa", "@lea.v", "Instagram", "DM"], ["Tom", "@tom.k", "TikTok", "Email"]])
    assert t.get("channel") == ["dm", "email"]


def test_the_evidence_of_a_kept_column_names_the_most_specific_kind() -> None:
    """10/03/2026 also reads as "10 per 03": the evidence says dates, not prices."""
    t = norm(["Pseudo", "Réseau", "Date RDV"], [[f"a{k}", "IG", f"1{k}/03/2026"] for k in range(5)])
    assert t.meta["columns"][2]["evidence"].endswith("100% of 5 sampled cells are dates")


@pytest.mark.parametrize("n", [2, 30])
@pytest.mark.parametrize(("header", "cells"), [
    ("Statut", ["12/03/2026", "15/03/2026"]),  # dates under a status header
    ("Statut", ["ok", "à voir"]),  # the team's own words, none a status influkit knows
    ("Réseau", ["beauté", "mode"]),  # themes under a network header
])
def test_a_header_none_of_whose_cells_it_can_read_is_kept_whole(header: str, cells: list[str], n: int) -> None:
    """However short the list: a column whose header names a status or a network, none of whose cells
    reads as one, is kept as it is (no value lost, no issue per row)."""
    rows = [[f"acc{k}", "Léa", cells[k % 2]] for k in range(n)]
    t = norm(["Pseudo", "Nom", header], rows)
    assert t.get(header) == [r[2] for r in rows] and t.issues == []
    assert ("stage" if header == "Statut" else "platform") not in t.mapped


@pytest.mark.parametrize("header", ["Ratio", "Pct", "Percent", "Pourcentage", "Ratio (USD)", "Prix ratio"])
def test_a_word_that_names_a_share_never_makes_the_price(header: str) -> None:
    """Found by a new user: "Ratio" (cells 0.024) was read as the quoted price and a CPE computed from it.
    Words that name a share ("ratio", "pct", "percent", "pourcentage", "TE") name no price; "rate" and
    "taux" may ("Rate (USD)", "taux journalier") and their cells choose."""
    assert understand_header(header).column is None
    assert understand_header(header.replace("Prix ", "") + " engagement").column == "engagement_rate"


@pytest.mark.parametrize("n", [3, 30])
@pytest.mark.parametrize(("header", "column"), [("Ratio", None), ("Taux", "engagement_rate"),
                                                ("Rate", "engagement_rate"), ("Prix", None), ("Tarif", None)])
def test_fractions_under_a_price_header_are_no_price(header: str, column: str | None, n: int) -> None:
    """0.024 is no creator's price (`quoted price: least amount`): under a header that names a rate or a
    price ("Taux", "Rate") the column is the rate; under a price only ("Prix") it is kept as is; never a
    price with a CPE computed from it. A unit in the header ("Budget (k€)") makes 0.5 a price of 500."""
    rows = [[f"acc{k}", "Instagram", 12500, 300, ("0.024", "0,031", 0.05)[k % 3]] for k in range(n)]
    t = norm(["Pseudo", "Réseau", "Abonnés", "Likes", header], rows)
    assert "price_quoted" not in t.mapped and not any(t.get("cpe") if t.has("cpe") else [])
    assert t.get("price_quoted") == [None] * n
    if column is None:
        assert t.get(header) == [r[4] for r in rows]
    else:
        assert t.mapped[column] == header
    k = norm(["Pseudo", "Réseau", "Abonnés", "Budget (k€)"], [[f"a{i}", "IG", 9000, "0,5"] for i in range(n)])
    assert k.get("price_quoted") == [500] * n


def test_a_price_under_one_in_a_column_of_prices_is_said_not_read() -> None:
    """A price column of few cells keeps its header's word; a cell under 1 there is no price, said on its row."""
    t = norm(["Pseudo", "Réseau", "Abonnés", "Prix"], [["lea", "IG", 9000, "0.024"], ["tom", "IG", 9000, "350 €"]])
    assert t.get("price_quoted") == [None, 350]
    assert [i.message for i in t.issues] == ["'0.024' is under 1: no creator asks so little (a rate or a share?); "
                                             "not read as the price"]


@pytest.mark.parametrize("n", [2, 30])
@pytest.mark.parametrize("header", ["channel_title", "Channel title", "channelTitle", "Titre de la chaîne",
                                    "YouTube channel title"])
def test_a_channel_title_is_the_creators_name(header: str, n: int) -> None:
    """Found by a new user: a YouTube API export's `channel_title` was the outreach channel, each title an
    issue "could not read 'DaddyFamtech'". A channel's title is its name: the creator, never its handle (the
    handle is the channel id beside it)."""
    rows = [[f"UC{k:022d}", ("DaddyFamtech", "Arnaud", "Cyril | Ctrl Bu")[k % 3] + f"{k // 3 or ''}", 1000 + k]
            for k in range(n)]
    t = norm(["channel_id", header, "subscribers"], rows, platform="youtube")
    assert t.get("creator") == [r[1] for r in rows] and t.issues == []
    assert "channel" not in t.mapped and t.get("handle") == [r[0] for r in rows]


@pytest.mark.parametrize("n", [2, 30])
@pytest.mark.parametrize("header", ["Channel", "Canal", "Canal de contact"])
def test_an_outreach_channel_header_over_no_channel_word_is_kept(header: str, n: int) -> None:
    """Cells decide: under a header naming the outreach channel, cells none of which is one (DM, e-mail,
    agent...) are kept as they are, not each an issue; cells that are one still give the channel."""
    rows = [[f"acc{k}", "Instagram", ("Tech", "Gaming", "Cuisine de Marie")[k % 3]] for k in range(n)]
    t = norm(["Pseudo", "Réseau", header], rows)
    assert t.get(header) == [r[2] for r in rows] and t.issues == [] and "channel" not in t.mapped
    said = norm(["Pseudo", "Réseau", header], [[f"acc{k}", "Instagram", ("DM", "e-mail")[k % 2]] for k in range(n)])
    assert said.mapped["channel"] == header and said.get("channel") == [("dm", "email")[k % 2] for k in range(n)]
