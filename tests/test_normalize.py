from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from influkit.errors import UsageError
from influkit.io.normalize import normalize, parse_map_options
from influkit.io.read import RawSheet
from influkit.pipeline import compute_metrics
from influkit.table import Table


def raw(headers: list[str], rows: list[list[Any]]) -> RawSheet:
    return RawSheet(source="t.xlsx", sheet="S", header_row=1, headers=headers, rows=rows,
                    row_numbers=list(range(2, len(rows) + 2)))


def norm(headers: list[str], rows: list[list[Any]], **kw: Any) -> Table:
    table = normalize(raw(headers, rows), **kw)
    compute_metrics(table)
    return table


def test_french_headers_and_values() -> None:
    t = norm(
        ["Nom", "Réseau", "Pseudo", "Abonnés", "Likes moyens", "Commentaires moyens", "Taux d'engagement",
         "Statut", "Date de contact", "Canal", "Thématique", "Pays", "E-mail", "Tarif demandé"],
        [["Léa Martin", "Insta", "@Lea.Cuisine", "12,5 k", "400", "25", "3,4 %", "Contacté", "05/03/2026", "DM",
          "Cuisine vegan", "France", "Lea@Exemple.FR", "350 €"]],
    )
    row = next(t.rows())
    assert row["creator"] == "Léa Martin"
    assert row["platform"] == "instagram"
    assert row["handle"] == "lea.cuisine"
    assert row["profile_url"] == "https://www.instagram.com/lea.cuisine/"
    assert row["followers"] == 12500
    assert row["engagement_rate"] == pytest.approx(425 / 12500)
    assert row["er_method"] == "(likes+comments)/followers"
    assert row["tier"] == "micro"
    assert row["stage"] == "contacted"
    assert row["contacted_on"] == dt.date(2026, 3, 5)
    assert row["channel"] == "dm"
    assert row["email"] == "Lea@exemple.fr"
    assert row["price_quoted"] == 350.0
    assert row["issues"] is None
    # the sheet's own rate is kept beside the computed one
    assert row["Taux d'engagement"] == "3,4 %"


@pytest.mark.parametrize(
    ("cell", "followers"),
    [("12 500", 12500), ("12\u00a0500", 12500), ("12\u202f500", 12500), ("12,5 k", 12500), ("12.5K", 12500),
     ("1,2 M", 1_200_000), ("475.8m", 475_800_000), ("29.0b", 29_000_000_000), ("1,234,567", 1_234_567),
     ("2.28E+11", 228_000_000_000), ("15k abonnés", 15000), (12500, 12500), (12500.0, 12500),
     ("N/A", None), ("NaN", None), ("nan", None), ("-", None), ("—", None), ("?", None), ("", None)],
)
def test_counts(cell: Any, followers: int | None) -> None:
    t = norm(["handle", "followers"], [["a", cell]])
    assert t.get("followers") == [followers]
    assert t.get("issues") == [None]


def test_unreadable_cell_is_empty_with_an_issue() -> None:
    t = norm(["Pseudo", "Abonnés"], [["a", "beaucoup"], ["b", "10"]])
    assert t.get("followers") == [None, 10]
    assert t.get("issues")[0] == "Abonnés: could not read 'beaucoup'"
    (issue,) = t.issues
    assert (issue.row, issue.column, issue.field) == (2, "Abonnés", "followers")


def test_rates_and_division_by_zero() -> None:
    t = norm(["handle", "followers", "avg_likes", "ER"], [["a", 0, 10, None], ["b", None, None, "1.39%"],
                                                         ["c", None, None, 0.034]])
    assert t.get("engagement_rate") == [None, 0.0139, 0.034]
    assert t.get("er_method") == [None, "sheet", "sheet"]
    assert "followers is 0" in t.get("issues")[0]


def test_engagement_by_views() -> None:
    t = norm(["handle", "followers", "views(avg)", "likes(avg.)", "comments(avg.)", "shares(avg.)"],
             [["a", "60.3M", "29.2M", "3.5M", "30.8K", "7.2K"]])
    (er_views,) = t.get("engagement_rate_views")
    assert er_views == pytest.approx((3_500_000 + 30_800 + 7_200) / 29_200_000, rel=1e-5)
    assert t.get("er_method") == ["(likes+comments)/followers; (likes+comments+shares)/views"]


def test_profile_links_give_platform_and_handle() -> None:
    t = norm(
        ["Nom", "Lien"],
        [["a", "https://www.instagram.com/Lea.Cuisine/?hl=fr"], ["b", "tiktok.com/@Zoe_Fit"],
         ["c", "https://youtube.com/@TechMarc"], ["d", "https://www.youtube.com/channel/UCZ5qxuvquQABNtjcawNMowA"],
         ["e", "https://x.com/SomeOne"], ["f", "https://monblog.fr/a-propos"], ["g", "twitch.tv/Gamer"]],
    )
    assert t.get("platform") == ["instagram", "tiktok", "youtube", "youtube", "x", "blog", "twitch"]
    assert t.get("handle") == ["lea.cuisine", "zoe_fit", "techmarc", "UCZ5qxuvquQABNtjcawNMowA", "someone",
                               "monblog.fr", "gamer"]


def test_at_handle_with_platform_word() -> None:
    t = norm(["Réseau", "Compte"], [["Tik Tok", "@Zoe"], ["YT", "@Marc"], ["IG", "lea"]])
    assert list(zip(t.get("platform"), t.get("handle"), strict=True)) == [
        ("tiktok", "zoe"), ("youtube", "marc"), ("instagram", "lea")]
    assert t.get("profile_url")[0] == "https://www.tiktok.com/@zoe"


def test_wide_sheet_becomes_one_row_per_account() -> None:
    t = norm(
        ["Nom", "Instagram", "Abonnés Instagram", "TikTok", "Abonnés TikTok", "Statut"],
        [["Léa", "@lea", "12 k", "@lea.tt", "50k", "Contacté"], ["Tom", "", "", "@tom", "1,2 M", ""],
         ["Nobody", "", "", "", "", "Repéré"]],
    )
    assert t.get("creator") == ["Léa", "Léa", "Tom", "Nobody"]
    assert t.get("platform") == ["instagram", "tiktok", "tiktok", None]
    assert t.get("handle") == ["lea", "lea.tt", "tom", None]
    assert t.get("followers") == [12000, 50000, 1_200_000, None]
    assert t.get("stage") == ["contacted", "contacted", None, "identified"]
    assert t.source_rows == [2, 2, 3, 4]


def test_a_network_with_a_number_but_no_account_column_takes_nothing_from_the_accounts() -> None:
    """Found by a new user: "YT Subs" beside "IG handle" and "Followers" made a YouTube row without an
    account and took "Followers" away from the Instagram accounts (no tier, no ER). A network the sheet
    names no account of keeps its numbers as they are; the sheet's own columns are its accounts'."""
    t = norm(["IG handle", "Followers", "Avg. Likes", "YT Subs"],
             [["@aa", "12500", "400", ""], ["@bb", "250000", "5000", "1200000"]])
    assert t.get("platform") == ["instagram", "instagram"]
    assert t.get("handle") == ["aa", "bb"]
    assert t.get("followers") == [12500, 250_000]
    assert t.get("YT Subs") == [None, "1200000"] and "YT Subs" in t.extra_columns
    # (with a YouTube account column the sheet is wide again: one row per account)
    wide = norm(["IG handle", "Followers IG", "YT channel", "YT Subs"], [["@aa", "12500", "@aa.yt", "9000"]])
    assert (wide.get("platform"), wide.get("followers")) == (["instagram", "youtube"], [12500, 9000])


def test_duplicates_are_kept_and_marked() -> None:
    t = norm(["Réseau", "Pseudo"], [["IG", "lea"], ["IG", "tom"], ["Insta", "@LEA"], ["TikTok", "lea"]])
    assert len(t) == 4
    assert t.get("duplicate_of") == [None, None, 2, None]


def test_unknown_columns_kept_verbatim_in_order() -> None:
    t = norm(["Champ libre", "Pseudo", "Zeta", "Alpha", "followers", "followers"],
             [["vu au salon", "a", 3.0, "x", "10", "10"]])
    assert t.extra_columns == ["Champ libre", "Zeta", "Alpha", "followers (2)"]
    row = next(t.rows())
    assert (row["Champ libre"], row["Zeta"], row["Alpha"], row["followers (2)"]) == ("vu au salon", 3, "x", "10")
    assert t.columns[-4:] == t.extra_columns


def test_name_column_full_of_handles_is_the_handle() -> None:
    t = norm(["Rank", "name", "instagram name", "followers"], [[1, "leomessi", "Leo Messi", "409.8M"]])
    assert t.get("handle") == ["leomessi"]
    assert t.get("creator") == ["Leo Messi"]
    assert t.get("platform") == ["instagram"]  # from the header "instagram name"


_CHANNELS = [["Cuisine de Marie", "Voir", "85 k"], ["TechPaul", "Voir", "310 k"], ["Les Vélos d'Alex", "Voir", "12 k"]]
_CHANNEL_LINKS = {(0, 1): "https://www.youtube.com/@cuisinedemarie",
                  (1, 1): "https://www.youtube.com/channel/UC1234567890abcdefghijkl",
                  (2, 1): "https://www.youtube.com/@velosalex"}


def test_an_account_column_of_names_beside_links_is_the_creator() -> None:
    # 'Chaîne' names the account, but its cells are channel names with spaces (no handle has one); the
    # links behind 'Voir' give each row's account
    sheet = raw(["Chaîne", "Lien", "Abonnés"], [list(r) for r in _CHANNELS])
    sheet.links = dict(_CHANNEL_LINKS)
    t = normalize(sheet, platform="youtube")
    assert t.get("creator") == ["Cuisine de Marie", "TechPaul", "Les Vélos d'Alex"]
    assert t.get("handle") == ["cuisinedemarie", "UC1234567890abcdefghijkl", "velosalex"]
    assert not any(t.get("issues"))
    assert any("'Chaîne' holds names, not handles" in n for n in t.meta["notes"])


def test_an_account_column_of_names_beside_a_creator_column_is_kept_as_is() -> None:
    # (two rows: too few cells to overrule the header on their own; the links decide)
    sheet = raw(["Nom", "Chaîne", "Lien", "Abonnés"], [["Marie", *r] for r in _CHANNELS[:2]])
    sheet.links = {(r, 2): url for (r, _), url in _CHANNEL_LINKS.items() if r < 2}
    t = normalize(sheet, platform="youtube")
    assert t.get("creator") == ["Marie"] * 2
    assert t.get("handle") == ["cuisinedemarie", "UC1234567890abcdefghijkl"]
    assert t.get("Chaîne") == ["Cuisine de Marie", "TechPaul"]
    assert not any(t.get("issues"))


def test_names_over_their_profile_links_in_an_account_column_are_kept() -> None:
    """'Account' cells showing 'Cuisine de Marie' over a link to the account (found by a new-user helper:
    the handle came from the link and the name was lost): the name is the creator, or, beside a name
    column, kept as is, and the links still give each row's account."""
    names = ["Cuisine de Marie", "TechPaul", "Anna's Garden", "Jo Vlogs"]
    urls = ["https://www.instagram.com/cuisine.de.marie/", "https://www.youtube.com/@TechPaulFR",
            "https://www.tiktok.com/@annasgarden", "https://www.youtube.com/@jovlogs"]
    sheet = raw(["Account", "Followers"], [[n, "12K"] for n in names])
    sheet.links = {(r, 0): u for r, u in enumerate(urls)}
    t = normalize(sheet)
    assert t.get("creator") == names
    assert t.get("handle") == ["cuisine.de.marie", "techpaulfr", "annasgarden", "jovlogs"]
    assert t.get("platform") == ["instagram", "youtube", "tiktok", "youtube"]
    sheet = raw(["Nom", "Compte", "Abonnés"], [[f"P{r}", n, "12K"] for r, n in enumerate(names)])
    sheet.links = {(r, 1): u for r, u in enumerate(urls)}
    t = normalize(sheet)
    assert t.get("creator") == ["P0", "P1", "P2", "P3"]
    assert t.get("Compte") == names
    assert t.get("handle") == ["cuisine.de.marie", "techpaulfr", "annasgarden", "jovlogs"]
    # handles over their links stay the handles
    sheet = raw(["Account", "Followers"], [["@cuisine.de.marie", "12K"], ["techpaulfr", "3K"], ["annasgarden", "4K"]])
    sheet.links = {(r, 0): u for r, u in enumerate(urls[:3])}
    t = normalize(sheet)
    assert t.get("handle") == ["cuisine.de.marie", "techpaulfr", "annasgarden"]
    assert "creator" not in t.columns or t.get("creator") == [None] * 3


def test_an_account_column_stays_the_handle_without_links_unless_every_cell_is_a_name() -> None:
    # handles with a few names among them, nothing else to give the accounts: the handles are kept
    rows = [["lea.cuisine", "12 k"], ["tom_fit", "8 k"], ["Julie B", "5 k"]]
    t = normalize(raw(["Compte", "Abonnés"], rows), platform="instagram")
    assert t.get("handle")[:2] == ["lea.cuisine", "tom_fit"]
    assert "creator" not in t.columns or t.get("creator") == [None] * 3
    # names only: the people's names, each row without an account says so
    t = normalize(raw(["Compte", "Abonnés"], [["Léa Martin", "12 k"], ["Tom Durand", "8 k"], ["Julie Bo", "5 k"]]),
                  platform="instagram")
    assert t.get("creator") == ["Léa Martin", "Tom Durand", "Julie Bo"]
    assert t.get("handle") == [None] * 3
    # --map keeps what the user said
    sheet = raw(["Chaîne", "Lien", "Abonnés"], [list(r) for r in _CHANNELS])
    sheet.links = dict(_CHANNEL_LINKS)
    t = normalize(sheet, platform="youtube", overrides=parse_map_options(["Chaîne=handle"]))
    assert t.get("handle")[1] == "techpaul"

def test_map_override_and_platform_option() -> None:
    t = norm(["Nb fans", "Qui"], [["1,5k", "lea"]], overrides=parse_map_options(["Nb fans=followers", "Qui=handle"]),
             platform="TikTok")
    assert t.get("followers") == [1500]
    assert t.get("handle") == ["lea"]
    assert t.get("platform") == ["tiktok"]
    with pytest.raises(UsageError, match="unknown column 'fans'"):
        parse_map_options(["Nb=fans"])


def test_map_wins_over_a_column_guessed_for_the_same_field() -> None:
    """Found by a new user: `--map "Followers (k)=followers"` lost to 'Abos', guessed as the followers
    because it came first; the mapped column is the field (its header's unit read), the guess gives way,
    kept as is and said. A saved map wins over a guess the same way; `--map` over a saved map."""
    rows: list[list[Any]] = [["@m1", "Instagram", "1000", "50", "a@x.fr", "lea@agent.fr"],
                             ["@m2", "Instagram", "2000", "60,5", "b@x.fr", "tom@agent.fr"]]
    headers = ["Handle", "Network", "Abos", "Followers (k)", "E-mail", "Agent"]
    t = norm(headers, rows, overrides=parse_map_options(["Followers (k)=followers", "Agent=email"]))
    assert t.get("followers") == [50_000, 60_500]
    assert t.mapped["followers"] == "Followers (k)"
    assert t.get("Abos") == ["1000", "2000"] and "Abos" in t.extra_columns
    assert t.get("email") == ["lea@agent.fr", "tom@agent.fr"]  # the mapped one first; the other kept in emails
    assert t.get("emails") == ["lea@agent.fr; a@x.fr", "tom@agent.fr; b@x.fr"]
    abos = next(d for d in t.meta["columns"] if d["header"] == "Abos")
    assert abos["used_as"] == "kept as is" and "--map gives followers to 'Followers (k)'" in abos["evidence"]
    assert any("'Abos' would be read as followers" in n for n in t.meta["notes"])
    saved = norm(headers, rows, remembered={"Followers (k)": "followers"})
    assert saved.get("followers") == [50_000, 60_500] and "Abos" in saved.extra_columns
    both = norm(headers, rows, remembered={"Followers (k)": "followers"}, overrides={"Abos": "followers"})
    assert both.get("followers") == [1000, 2000] and "Followers (k)" in both.extra_columns


def test_stages_french_and_english() -> None:
    words = ["Repéré", "Contacté", "Relancé", "A répondu", "En négo", "Signé", "Publié", "Refusé", "Pas de réponse",
             "No reply", "Declined"]
    t = norm(["Pseudo", "Statut"], [[f"h{i}", w] for i, w in enumerate(words)])
    assert t.get("stage") == ["identified", "contacted", "contacted", "replied", "negotiating", "deal", "published",
                              "declined", "no_reply", "no_reply", "declined"]


def test_comments_header_means_notes_when_it_holds_text() -> None:
    t = norm(["Pseudo", "Commentaires"], [["a", "très réactive"], ["b", "à relancer"]])
    assert t.get("notes") == ["très réactive", "à relancer"]
    t = norm(["Pseudo", "Commentaires"], [["a", "12"], ["b", "1,2k"]])
    assert t.get("avg_comments") == [12, 1200]


def test_text_missing_markers_are_empty() -> None:
    t = norm(["Pseudo", "Pays"], [["a", "NaN"], ["b", "N/A"], ["c", "France"]])
    assert t.get("country") == [None, None, "France"]


def test_custom_tiers() -> None:
    from influkit.metrics.tiers import compute_tiers
    from influkit.thresholds import parse_tier_bands

    t = norm(["handle", "followers"], [["a", 5000], ["b", 20000], ["c", 2_000_000]])
    assert t.get("tier") == ["nano", "micro", "mega"]
    compute_tiers(t, parse_tier_bands("micro=1k,mid=10k,macro=100k,mega=1M"))
    assert t.get("tier") == ["micro", "mid", "mega"]


def test_domain_looking_handle_keeps_the_platform() -> None:
    t = norm(["Réseau", "Pseudo"], [["IG", "violets.tv"], ["TikTok", "itzy.all.in.us"], [None, "www.blog.fr"]])
    assert t.get("platform") == ["instagram", "tiktok", "blog"]
    assert t.get("handle") == ["violets.tv", "itzy.all.in.us", "blog.fr"]


def test_sheet_without_known_columns_says_so() -> None:
    t = norm(["a", "b"], [["1", "2"]])
    assert t.extra_columns == ["a", "b"]
    assert any("no known column found" in n for n in t.meta["notes"])


def test_neutralised_text_from_our_exports_reads_back_unchanged() -> None:
    t = norm(["Pseudo", "Bio", "Notes"], [["a", "'=1+1 casino", "'@marque partenaire"], ["b", "l'été", "'ok"]])
    assert t.get("bio") == ["=1+1 casino", "l'été"]
    assert t.get("notes") == ["@marque partenaire", "'ok"]


def test_first_names_do_not_hide_a_network_link_column() -> None:
    t = norm(["Nom", "Compte Instagram", "Abonnés"], [["Alice", "https://instagram.com/alice_m", "1000"],
                                                      ["Bob", "@bob.b", "2k"]])
    assert t.get("creator") == ["Alice", "Bob"]
    assert t.get("handle") == ["alice_m", "bob.b"]
    assert t.get("platform") == ["instagram", "instagram"]


def test_a_rate_column_has_one_scale() -> None:
    t = norm(["Pseudo", "Taux d'engagement"], [["a", "0.8"], ["b", 1], ["c", "2,5"], ["d", 4]])
    assert t.get("engagement_rate") == [0.008, 0.01, 0.025, 0.04]
    t = norm(["Pseudo", "ER"], [["a", 0.034], ["b", "3,4 %"], ["c", 0.027], ["d", "4.1%"]])  # fractions and %
    assert t.get("engagement_rate") == [0.034, 0.034, 0.027, 0.041]
