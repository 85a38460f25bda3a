"""Links as spreadsheets store them: a cell's hyperlink (xlsx `<hyperlinks>` + sheet rels, ods `text:a`) and
`HYPERLINK()` formulas are the profile link; the display text is only a label."""

from __future__ import annotations

from pathlib import Path

import pytest

from influkit.io.read import read_sheet
from influkit.labels import localize
from influkit.outreach import build_prospects
from influkit.pipeline import read_table
from sheetmaker import cache, formula, link, ods, xlsx

HEAD: list[object] = ["Nom", "Réseau", "Profil", "Abonnés", "Statut"]


def _agency_rows() -> list[list[object]]:
    return [
        ["Prospection printemps — beauté"],
        [],
        list(HEAD),
        ["Léa Vernoux", "Instagram", link("Profil", "https://www.instagram.com/lea.vernoux/"), 12500, "Contacté"],
        ["Camille Roussel", "Instagram", link("Profil", "https://www.instagram.com/camille.slowbeauty/"), 48300, "Repéré"],
        ["Inès Marchetti", "TikTok", link("Profil", "https://www.tiktok.com/@ines_skincare"), 24000, "A répondu"],
        ["Théo Gauvain", "YouTube", link("Profil", "https://www.youtube.com/@theogauvain"), 182000, "Signé"],
    ]


def test_hyperlinked_labels_give_each_creator_its_account(tmp_path: Path) -> None:
    p = xlsx(tmp_path / "agence.xlsx", {"Prospects": _agency_rows()})
    raw = read_sheet(str(p))
    assert raw.links[(0, 2)] == "https://www.instagram.com/lea.vernoux/"
    t = read_table(str(p))
    assert t.get("handle") == ["lea.vernoux", "camille.slowbeauty", "ines_skincare", "theogauvain"]
    assert t.get("platform") == ["instagram", "instagram", "tiktok", "youtube"]
    assert t.get("duplicate_of") == [None] * 4  # not four "profil" duplicates of row 4
    assert "profil" not in t.get("handle")
    assert len(build_prospects(t)) == 4  # the funnel counts four creators, not one
    profil = next(c for c in t.meta["columns"] if c["header"] == "Profil")
    assert profil["used_as"] == "profile_url" and "hyperlink" in profil["evidence"]


def test_hyperlink_formulas_with_literals_and_cell_references(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Créateur", "Pseudo IG", "Chaîne", "Lien"],
        ["Théo", "theo.g", formula('=HYPERLINK("https://www.youtube.com/@TheoGauvain","Chaîne YT")', "Chaîne YT"),
         formula('=HYPERLINK("https://www.instagram.com/"&B2,"voir")', "voir")],
    ]
    p = xlsx(tmp_path / "f.xlsx", {"S": rows})
    raw = read_sheet(str(p))
    assert raw.links[(0, 2)] == "https://www.youtube.com/@TheoGauvain"
    assert raw.links[(0, 3)] == "https://www.instagram.com/theo.g"


def test_hyperlink_formula_in_a_youtube_column_gives_the_channel(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Nom", "Chaîne YT", "Abonnés"],
        ["Théo", formula('=HYPERLINK("https://www.youtube.com/@TheoGauvain";"Chaîne YT")', "Chaîne YT"), 182000],
        ["Marc", formula('=HYPERLINK("https://www.youtube.com/@MadCrypto","Chaîne YT")', "Chaîne YT"), 2_050_000],
    ]
    p = xlsx(tmp_path / "yt.xlsx", {"S": rows})
    t = read_table(str(p))
    assert t.get("platform") == ["youtube", "youtube"]
    assert t.get("handle") == ["theogauvain", "madcrypto"]


def test_names_carrying_links_keep_the_name_and_give_the_profile(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Influenceur", "Abonnés", "Thème"],
        [link("Léa Vernoux", "https://www.instagram.com/lea.vernoux/"), 12500, "beauté"],
        [link("Zoé Fit", "https://www.tiktok.com/@zoe_fit"), 50000, "sport"],
        [link("Marc Dufresne", "https://www.youtube.com/@madcrypto"), 2_050_000, "crypto"],
    ]
    t = read_table(str(xlsx(tmp_path / "n.xlsx", {"S": rows})))
    assert t.get("creator") == ["Léa Vernoux", "Zoé Fit", "Marc Dufresne"]
    assert t.get("handle") == ["lea.vernoux", "zoe_fit", "madcrypto"]
    assert t.get("platform") == ["instagram", "tiktok", "youtube"]


def test_ods_links_and_formulas(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Nom", "Réseau", "Profil", "Abonnés"],
        ["Léa", "Instagram", link("Profil", "https://www.instagram.com/lea.vernoux/"), 12500],
        ["Inès", "TikTok", link("Profil", "https://www.tiktok.com/@ines_skincare"), 24000],
        ["Théo", "YouTube", formula('=HYPERLINK("https://www.youtube.com/@theogauvain";"Profil")', "Profil"), 182000],
    ]
    p = ods(tmp_path / "libre.ods", {"Feuille1": rows})
    t = read_table(str(p))
    assert t.get("handle") == ["lea.vernoux", "ines_skincare", "theogauvain"]
    assert t.get("followers") == [12500, 24000, 182000]
    assert t.meta["format"] == "ods"


def test_link_and_handle_column_disagree_the_link_wins(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Nom", "Pseudo", "Lien", "Abonnés"],
        ["Léa", "@lea.old", "https://www.instagram.com/lea.vernoux/", 12500],
        ["Tom", "@tom", "https://www.instagram.com/tom/", 900],
    ]
    t = read_table(str(xlsx(tmp_path / "c.xlsx", {"S": rows})))
    assert t.get("handle") == ["lea.vernoux", "tom"]
    issue = t.get("issues")[0]
    assert "'lea.old' disagrees with the profile link (lea.vernoux): the link is used" in issue
    assert t.get("issues")[1] is None


def test_links_behind_the_cells_of_a_kept_column_are_kept_beside_it(tmp_path: Path) -> None:
    """A column influkit does not use keeps its text, and the links behind its cells go to "<header> (URL)"
    (a site behind "voir le site", a second network behind "Profil" when the profile column is another)."""
    rows: list[list[object]] = [
        ["Nom", "Lien", "Profil", "Site perso", "Abonnés"],
        ["Alice", "https://www.instagram.com/alice.cook/", link("Profil", "https://www.tiktok.com/@alice.cook"),
         link("voir le site", "https://alice.example/blog"), 12000],
        ["Bob", "https://www.instagram.com/bob.bakes/", "", "https://bob.example/", 5000],
        ["Chloé", "https://www.instagram.com/chloe/", link("Profil", "https://www.tiktok.com/@chloe"),
         link("https://chloe.example/", "https://chloe.example/"), 800],
    ]
    t = read_table(str(xlsx(tmp_path / "k.xlsx", {"S": rows})))
    assert t.get("handle") == ["alice.cook", "bob.bakes", "chloe"]
    assert t.get("Profil") == ["Profil", None, "Profil"]
    assert t.get("Profil (URL)") == ["https://www.tiktok.com/@alice.cook", None, "https://www.tiktok.com/@chloe"]
    assert t.get("Site perso") == ["voir le site", "https://bob.example/", "https://chloe.example/"]
    assert t.get("Site perso (URL)") == ["https://alice.example/blog", None, "https://chloe.example/"]
    assert t.extra_columns == ["Profil", "Profil (URL)", "Site perso", "Site perso (URL)"]
    assert "the links behind the cells of 'Site perso' are kept in 'Site perso (URL)'" in t.meta["notes"]


def test_a_post_or_video_link_names_its_account_and_is_kept(tmp_path: Path) -> None:
    """A profile column holding a video, a reel or a story (typed, or behind a label) gives the account, and
    the link itself is kept in "<header> (URL)"; another spelling of a profile link adds nothing."""
    rows: list[list[object]] = [
        ["Nom", "Lien", "Abonnés"],
        ["Alice", "https://www.tiktok.com/@alice.cook/video/7234567890123456789?lang=fr", 12000],
        ["Bob", "instagram.com/bob.bakes", 5000],
        ["Chloé", link("voir le reel", "https://www.instagram.com/chloe/reel/Cx1AbC/"), 800],
        ["Dan", "http://instagram.com/stories/dan.eats/3187/", 900],
        ["Eve", "https://www.instagram.com/eve/?hl=fr", 700],
    ]
    t = read_table(str(xlsx(tmp_path / "v.xlsx", {"S": rows})))
    assert t.get("handle") == ["alice.cook", "bob.bakes", "chloe", "dan.eats", "eve"]
    assert t.get("profile_url")[0] == "https://www.tiktok.com/@alice.cook"
    assert t.get("Lien (URL)") == ["https://www.tiktok.com/@alice.cook/video/7234567890123456789?lang=fr", None,
                                   "https://www.instagram.com/chloe/reel/Cx1AbC/",
                                   "http://instagram.com/stories/dan.eats/3187/", None]
    assert "the links of 'Lien' that are not a profile (a post, a video, a page naming no account) are kept in " \
        "'Lien (URL)' (profile_url holds the account's profile)" in t.meta["notes"]
    plain = read_table(str(xlsx(tmp_path / "p.xlsx", {"S": [rows[0], rows[2], rows[5]]})))
    assert plain.extra_columns == [] and plain.get("handle") == ["bob.bakes", "eve"]


def test_a_column_titled_after_a_network_holding_links_is_read_as_links(tmp_path: Path) -> None:
    """A column titled "Instagram" (read as the handle column) holding links: a post naming no account is
    said on its row and kept, a reel gives its account and is kept, a label over a hyperlink is a label."""
    rows: list[list[object]] = [
        ["Nom", "Instagram", "Abonnés"],
        ["Ana", "https://www.instagram.com/p/CxYz/", 10000],
        ["Ben", "https://www.instagram.com/ben.name/reel/C1abc/", 12000],
        ["Cléo", "https://www.instagram.com/cleo.cuisine/", 9000],
        ["Dan", link("Profil", "https://www.instagram.com/dan.p/"), 8000],
        ["Eva", link("Voir la vidéo", "https://www.instagram.com/eva.v/reel/XYZ/"), 7000],
    ]
    t = read_table(str(xlsx(tmp_path / "n.xlsx", {"S": rows})))
    assert t.get("handle") == [None, "ben.name", "cleo.cuisine", "dan.p", "eva.v"]
    assert t.get("profile_url")[0] is None and t.get("profile_url")[4] == "https://www.instagram.com/eva.v/"
    assert t.get("Instagram (URL)") == ["https://www.instagram.com/p/CxYz/",
                                        "https://www.instagram.com/ben.name/reel/C1abc/", None, None,
                                        "https://www.instagram.com/eva.v/reel/XYZ/"]
    said = {i.row: i.message for i in t.issues}
    assert set(said) == {2} and said[2] == ("'https://www.instagram.com/p/CxYz/' is a post: it does not say whose "
                                            "(paste the profile link, or fill the handle)")
    assert localized_issue(said[2]) == ("'https://www.instagram.com/p/CxYz/' est une publication : elle ne dit pas "
                                        "de qui (collez le lien du profil, ou remplissez le pseudo)")


def test_a_label_over_a_link_in_the_handle_column_is_no_handle(tmp_path: Path) -> None:
    """With the profile link in another column, a handle column whose cells are labels over links ("Profil")
    gives their links' accounts, never an account named "profil"."""
    rows: list[list[object]] = [
        ["Nom", "Instagram", "Vidéo repérée"],
        ["Dan", link("Profil", "https://www.instagram.com/dan.p/"), link("voir", "https://www.instagram.com/dan.p/reel/A1/")],
        ["Ana", link("Profil", "https://www.instagram.com/ana.b/"), ""],
    ]
    t = read_table(str(xlsx(tmp_path / "l.xlsx", {"S": rows})))
    assert t.get("handle") == ["dan.p", "ana.b"]
    assert not t.issues


def test_what_a_row_says_against_its_link(tmp_path: Path) -> None:
    """A handle and a post naming no account: the handle's profile, the post kept. A handle and a post
    by another account (a brand's reel): the handle is used, the row says so. A platform column against a
    profile link: the link is used, the row says so."""
    rows: list[list[object]] = [
        ["Nom", "Pseudo", "Réseau", "Lien"],
        ["Chloé", "@chloe", "Instagram", "https://www.instagram.com/reel/C9xYzAbCdE/"],
        ["Léa", "@lea.vernoux", "Instagram", "https://www.instagram.com/marque.officielle/reel/C9x/"],
        ["Eve", "", "Instagram", "https://www.tiktok.com/@eve"],
    ]
    t = read_table(str(xlsx(tmp_path / "r.xlsx", {"S": rows})))
    assert t.get("platform") == ["instagram", "instagram", "tiktok"]
    assert t.get("handle") == ["chloe", "lea.vernoux", "eve"]
    assert t.get("profile_url") == ["https://www.instagram.com/chloe/", "https://www.instagram.com/lea.vernoux/",
                                    "https://www.tiktok.com/@eve"]
    assert t.get("Lien (URL)") == ["https://www.instagram.com/reel/C9xYzAbCdE/",
                                   "https://www.instagram.com/marque.officielle/reel/C9x/", None]
    said = {i.row: i.message for i in t.issues}
    assert set(said) == {3, 4}
    assert said[3] == "'lea.vernoux' is not the account of the post link (marque.officielle): the handle is used"
    assert said[4] == "instagram but the link is tiktok: the link is used"
    from influkit.labels import prose

    assert str(prose(f"platform: {said[4]}", "fr", issues=True)).endswith("mais le lien est TikTok : le lien est retenu")
    assert str(prose(f"handle: {said[3]}", "fr", issues=True)).endswith(
        "n'est pas le compte du lien de la publication (marque.officielle) : le pseudo est retenu")


def test_a_network_link_column_beside_a_handle_column_is_the_profile_link(tmp_path: Path) -> None:
    """"Lien IG" beside "Handle": the links are the rows' profile links, read against the handles."""
    rows: list[list[object]] = [
        ["Creator", "Handle", "Lien IG"],
        ["Lea", "@leavernoux", "https://www.instagram.com/otheraccount/"],
        ["Carl", "@carlfit", "https://www.instagram.com/nikefrance/p/CXYZ123/"],
        ["Finn", "", "https://www.instagram.com/finn jones/"],
    ]
    t = read_table(str(xlsx(tmp_path / "h.xlsx", {"S": rows})))
    assert t.mapped["profile_url"] == "Lien IG"
    assert t.get("handle") == ["otheraccount", "carlfit", None]
    said = {i.row: i.message for i in t.issues}
    assert set(said) == {2, 3, 4}
    assert "disagrees with the profile link" in said[2] and "the handle is used" in said[3]
    assert "holds a space: no network allows one" in said[4]
    assert localized_issue(said[4]).endswith("contient une espace : aucun réseau n'en autorise dans un nom de compte "
                                             "(collez le lien du profil, ou remplissez le pseudo)")


def test_a_web_site_beside_a_network_account_is_kept_not_taken_for_it(tmp_path: Path) -> None:
    """A "Site" column read as the link, beside a column of Instagram accounts: each row's account is its
    Instagram one, and the site's link is kept."""
    rows: list[list[object]] = [
        ["Nom", "Instagram", "Site"],
        ["Ana", link("Profil", "https://www.instagram.com/p0x/"), link("voir le site", "https://p0x.fr")],
        ["Ben", link("Profil", "https://www.instagram.com/p1x/"), ""],
        ["Cy", "@cyx", "https://cy.fr/"],
    ]
    t = read_table(str(xlsx(tmp_path / "w.xlsx", {"S": rows})))
    assert t.get("platform") == ["instagram"] * 3
    assert t.get("handle") == ["p0x", "p1x", "cyx"]
    assert t.get("Site (URL)") == ["https://p0x.fr", None, "https://cy.fr/"]
    assert not t.issues


def test_a_wide_sheet_with_labels_over_links_gives_each_network_its_own_link(tmp_path: Path) -> None:
    """One column per network, each cell a label over its account's link: each output row takes its own
    network's link (before, the first network's link went to every row of the person)."""
    rows: list[list[object]] = [
        ["Nom", "Instagram", "Abonnés Instagram", "TikTok", "Abonnés TikTok"],
        ["Léa V.", link("Profil", "https://www.instagram.com/lea.v/"), "45k",
         link("Voir", "https://www.tiktok.com/@lea.v.tt"), "120k"],
        ["Nina G.", link("Profil", "https://www.instagram.com/nina.g/"), "30k",
         link("Voir", "https://www.tiktok.com/@nina.g.tt"), "50k"],
    ]
    t = read_table(str(xlsx(tmp_path / "wide.xlsx", {"S": rows})))
    assert t.get("platform") == ["instagram", "tiktok", "instagram", "tiktok"]
    assert t.get("handle") == ["lea.v", "lea.v.tt", "nina.g", "nina.g.tt"]
    assert t.get("followers") == [45000, 120000, 30000, 50000]
    assert not t.issues and not any(t.get("duplicate_of"))


def test_a_link_in_bio_or_a_post_against_the_network_the_sheet_gives(tmp_path: Path) -> None:
    """A link-in-bio page in an Instagram row is a web page (`blog`), said on the row; a handle whose only
    network is a video's is read on that network, said on the row too."""
    rows: list[list[object]] = [
        ["Nom", "Plateforme", "Pseudo", "Profil"],
        ["Anaïs", "Instagram", "", link("Profil", "https://linktr.ee/anais.green")],
        ["Emma", "", "@emma.t", "https://youtu.be/dQw4w9WgXcQ"],
    ]
    t = read_table(str(xlsx(tmp_path / "b.xlsx", {"S": rows})))
    assert t.get("platform") == ["blog", "youtube"]
    assert t.get("handle") == ["linktr.ee/anais.green", "emma.t"]
    said = {i.row: i.message for i in t.issues}
    assert said[2] == "instagram but the link is blog: the link is used"
    assert said[3] == "'https://youtu.be/dQw4w9WgXcQ' names no account: the handle is read as a youtube account"
    assert localized_issue(said[3]).endswith("ne nomme aucun compte : le pseudo est lu comme un compte YouTube")


def test_kept_links_are_clickable_in_influkits_workbook(tmp_path: Path) -> None:
    """The "(URL)" columns influkit adds are written as hyperlinks, as the profile links are."""
    import openpyxl

    from influkit.io.write import write_table

    rows: list[list[object]] = [
        ["Nom", "Lien", "Site perso"],
        ["Alice", "https://www.tiktok.com/@alice.cook/video/72345", link("voir le site", "https://alice.example/blog")],
        ["Bob", "https://www.instagram.com/bob.bakes/", "https://bob.example/"],
    ]
    t = read_table(str(xlsx(tmp_path / "in.xlsx", {"S": rows})))
    out = tmp_path / "out.xlsx"
    write_table(t, str(out))
    ws = openpyxl.load_workbook(out).active
    assert ws is not None
    col = {str(c.value): c.column for c in ws[1]}
    assert ws.cell(2, col["Lien (URL)"]).hyperlink.target == "https://www.tiktok.com/@alice.cook/video/72345"
    assert ws.cell(2, col["Site perso (URL)"]).hyperlink.target == "https://alice.example/blog"
    assert ws.cell(2, col["profile_url"]).hyperlink.target == "https://www.tiktok.com/@alice.cook"
    assert ws.cell(3, col["Lien (URL)"]).value is None
    # the same list read back from influkit's CSV (a pipe, the workspace): a column of web links is clickable,
    # a column of the user's that is not only links is left as text
    write_table(t, str(tmp_path / "out.csv"))
    back = read_table(str(tmp_path / "out.csv"))
    back.data["Nom (notes)"] = ["https://a.example/", "voir plus tard"]
    back.extra_columns.append("Nom (notes)")
    write_table(back, str(tmp_path / "back.xlsx"))
    ws = openpyxl.load_workbook(tmp_path / "back.xlsx").active
    assert ws is not None
    col = {str(c.value): c.column for c in ws[1]}
    assert ws.cell(2, col["Lien (URL)"]).hyperlink.target == "https://www.tiktok.com/@alice.cook/video/72345"
    assert ws.cell(2, col["Nom (notes)"]).hyperlink is None


def test_a_url_made_clickable_adds_no_column(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Nom", "Lien", "Site"],
        ["Alice", "https://www.instagram.com/alice.cook/", link("https://alice.example/", "https://alice.example/")],
    ]
    t = read_table(str(xlsx(tmp_path / "u.xlsx", {"S": rows})))
    assert t.extra_columns == ["Site"]


def localized_issue(message: str) -> str:
    from influkit.labels import prose

    return str(prose(f"profile_url: {message}", "fr", issues=True)).split(" : ", 1)[1]


def test_a_link_that_names_no_account_says_so(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Nom", "Profil", "Abonnés"],
        ["Alice", link("Profil", "https://www.instagram.com/alice.cook/"), 12000],
        ["Bob", link("Profil", "https://www.instagram.com/"), 5000],
        ["Chloé", "https://www.instagram.com/explore/tags/vegan/", 800],
        ["Léa", "https://www.instagram.com/léa.vernoux/", 900],  # Instagram allows no accent in a name
    ]
    t = read_table(str(xlsx(tmp_path / "p.xlsx", {"S": rows})))
    assert t.get("handle") == ["alice.cook", None, None, None]
    said = {i.row: i.message for i in t.issues if i.field == "profile_url"}
    assert set(said) == {3, 4, 5}  # sheet rows
    assert said[3].startswith("'https://www.instagram.com/' names no account (a page of the network")
    assert "explore" in said[4] and "paste the profile link" in said[4]
    assert "a name the network does not allow" in said[5]
    assert localized_issue(said[5]).startswith("'https://www.instagram.com/léa.vernoux/' ne nomme aucun compte")


def test_a_link_holding_a_space(tmp_path: Path) -> None:
    """No URL holds a space: one beside a slash is a copy-paste slip and dropped; one inside a name names
    no account (the issue says so and quotes the whole link); a site is its own account."""
    rows: list[list[object]] = [
        ["Nom", "Profil", "Abonnés"],
        ["Alice", "https://www.instagram.com/ alice.cook/", 12000],
        ["Bob", "https://www.instagram.com/bob bakes/", 5000],
        ["Chloé", "https://chloe-cuisine.fr/a propos", 800],
    ]
    t = read_table(str(xlsx(tmp_path / "s.xlsx", {"S": rows})))
    assert t.get("handle") == ["alice.cook", None, "chloe-cuisine.fr"]
    assert t.get("platform") == ["instagram", "instagram", "blog"]
    said = {i.row: i.message for i in t.issues if i.field == "profile_url"}
    assert set(said) == {3}
    assert said[3].startswith("'https://www.instagram.com/bob bakes/' holds a space")
    assert t.get("profile_url")[1] is None  # no profile: the cell is kept beside it
    assert t.get("Profil (URL)") == [None, "https://www.instagram.com/bob bakes/", None]


def test_links_behind_a_column_influkit_reads_are_kept_too(tmp_path: Path) -> None:
    """"Contrat" is read as the signing date; the files behind its labels are kept in "Contrat (URL)"."""
    rows: list[list[object]] = [
        ["Nom", "Lien", "Contrat"],
        ["Alice", "https://www.instagram.com/alice.cook/", link("Contrat signé", "https://corp.example/c/alice.docx")],
        ["Bob", "https://www.instagram.com/bob.bakes/", link("Contrat", "file:///C:/Contrats/Bob.docx")],
    ]
    t = read_table(str(xlsx(tmp_path / "c.xlsx", {"S": rows})))
    assert t.get("Contrat (URL)") == ["https://corp.example/c/alice.docx", "file:///C:/Contrats/Bob.docx"]
    assert "Contrat (URL)" in t.extra_columns


def test_a_second_networks_account_on_the_row_is_said(tmp_path: Path) -> None:
    """An Instagram link in a column read as the handle, a TikTok link behind "Profil": the row keeps the
    link's account and its issues name the other one (never dropped in silence)."""
    rows: list[list[object]] = [
        ["Créateur", "Instagram", "Abonnés", "Profil"],
        ["Nina", "https://www.instagram.com/nina.style/", 22000, link("Profil", "https://www.tiktok.com/@nina.style.tt")],
    ]
    t = read_table(str(xlsx(tmp_path / "a.xlsx", {"S": rows})))
    said = " ".join(i.message for i in t.issues)
    assert "instagram 'nina.style' is another account than the profile link (tiktok nina.style.tt)" in said


def test_link_in_bio_pages_are_each_their_own_account(tmp_path: Path) -> None:
    """linktr.ee/lea and linktr.ee/hugo are two people, not one site "linktr.ee" (a duplicate)."""
    p = tmp_path / "lt.csv"
    p.write_text("Nom,Lien\nLéa,https://linktr.ee/lea.vernoux\nHugo,https://linktr.ee/Hugo.Martin/\n"
                 "Ana,https://beacons.ai/ana\nX,https://linktr.ee/\n", encoding="utf-8")
    t = read_table(str(p))
    assert t.get("handle") == ["linktr.ee/lea.vernoux", "linktr.ee/hugo.martin", "beacons.ai/ana", None]
    assert t.get("platform") == ["blog"] * 4
    assert t.get("duplicate_of") == [None] * 4
    assert [i.row for i in t.issues if i.field == "profile_url"] == [5]


def test_a_handle_the_network_does_not_allow_is_said_and_gets_no_made_up_link(tmp_path: Path) -> None:
    """"@léa.v" cannot be an Instagram account: the row says so (as the same name given as a link does),
    no profile link is built from it, and influkit reading its own output back adds no column."""
    from influkit.io.write import write_table

    path = tmp_path / "accents.csv"
    path.write_text("Pseudo,Réseau,Abonnés\n@léa.v,Instagram,1000\nhttps://www.instagram.com/léa.v/,Instagram,2000\n"
                    "@lea.v,Instagram,3000\n", encoding="utf-8")
    t = read_table(str(path))
    assert t.get("profile_url") == [None, None, "https://www.instagram.com/lea.v/"]
    assert "'léa.v' is not a name instagram allows" in t.get("issues")[0]
    assert "names no account" in t.get("issues")[1] and t.get("issues")[2] is None
    columns = t.columns
    for n in range(2):
        out = tmp_path / f"round{n}.csv"
        write_table(t, str(out))
        t = read_table(str(out))
        assert t.columns == columns and t.get("issues")[0].count("is not a name") == 1


@pytest.mark.parametrize(("handle", "network", "allowed"), [
    ("lea.", "Instagram", False), (".lea", "Instagram", False), ("lea..x", "Instagram", False),
    ("lea.x", "Instagram", True), ("lea_", "Instagram", True), ("tom.run.", "TikTok", False),
    ("tom.run", "TikTok", True), ("a" * 25, "TikTok", False), ("a" * 24, "TikTok", True),
])
def test_periods_where_a_network_allows_none_are_said(tmp_path: Path, handle: str, network: str, allowed: bool) -> None:
    """Instagram refuses a '.' first, last or twice in a row, TikTok a '.' last (found by a new-user
    helper: `lea.` got a profile link and was recorded); said in the sheet's language, the network by its
    name in both."""
    path = tmp_path / "p.csv"
    path.write_text(f"Pseudo;Réseau;Abonnés\n{handle};{network};1000\n", encoding="utf-8")
    t = read_table(str(path))
    localize(t, "fr")
    assert (t.get("profile_url")[0] is not None) == allowed
    issue = t.get("issues")[0]
    assert (issue is None) == allowed
    if not allowed:
        assert f"'{handle}' n'est pas un nom autorisé par {network}" in issue and "« . »" in issue
        localize(t, "en")  # English names the network too, not its code ("instagram allows")
        assert f"'{handle}' is not a name {network} allows" in t.get("issues")[0]


def test_hyperlinks_are_read_when_the_sheet_declares_their_namespace_once(tmp_path: Path) -> None:
    """Excel, LibreOffice and xlsxwriter declare the relationships namespace (`xmlns:r`) once on the
    worksheet, not on each hyperlink as openpyxl does: the "Profil" cells' targets are read all the same."""
    import xlsxwriter

    path = tmp_path / "xw.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Prospects")
    sheet.write_row(0, 0, ["Créateur", "Profil", "Abonnés"])
    sheet.write(1, 0, "Léa")
    sheet.write_url(1, 1, "https://www.instagram.com/lea.vernoux/", string="Profil")
    sheet.write(1, 2, 45200)
    sheet.write(2, 0, "Hugo")
    sheet.write_url(2, 1, "https://www.tiktok.com/@hugoruns", string="voir")
    sheet.write(2, 2, 12800)
    book.close()
    t = read_table(str(path))
    assert [(r["platform"], r["handle"]) for r in t.rows()] == [("instagram", "lea.vernoux"), ("tiktok", "hugoruns")]
    assert not t.issues


def test_formula_cells_are_found_by_their_formulas() -> None:
    """Each formula with the cell it sits in: plain and namespaced tags, a cell's attributes in any
    order, a shared formula without text left out, and never the cell before a formula's own."""
    from influkit.io.workbook import _formula_cells

    xml = (b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>TOTAL</t></is></c>'
           b'<c r="B1" s="2"><f>SUM(B2:B9)</f><v>10</v></c><c r="C1"/>'
           b'<c t="str" r="D1"><f>HYPERLINK("https://x.com/a","a")</f><v>a</v></c></row>'
           b'<row r="2"><c r="E2"><f t="shared" si="0"/><v>1</v></c><c r="F2">\n  <f>AVERAGE(F3:F4)</f></c>'
           b'<x:c r="AB12"><x:f>SUM(AB1:AB11)</x:f></x:c></row></sheetData>')
    assert list(_formula_cells(xml)) == [
        (b"B1", b"SUM(B2:B9)"), (b"D1", b'HYPERLINK("https://x.com/a","a")'), (b"F2", b"AVERAGE(F3:F4)"),
        (b"AB12", b"SUM(AB1:AB11)")]


def test_an_email_address_in_the_handle_column_becomes_the_rows_email(tmp_path: Path) -> None:
    """An address pasted into the handle column ("bob@gmail.com" under "Pseudo") names no account; it was
    said as "could not read" and left nowhere else. It is the row's e-mail when the row has none (the
    sheet with no e-mail column gets one), one more of its e-mails when it has another, and said on its row
    in the sheet's language."""
    path = tmp_path / "liste.csv"
    path.write_text("Pseudo,Réseau,Abonnés,Email\nana.cuisine,Instagram,24500,\nbob@gmail.com,Instagram,12000,\n"
                    "Carla@X.fr,TikTok,5000,carla@x.fr\ndan@y.fr,TikTok,5000,dan@z.fr\neve_fit,TikTok,800,\n"
                    "fred.home,Instagram,900,\ngina,Instagram,1000,\n", encoding="utf-8")
    t = read_table(str(path))
    assert t.get("handle") == ["ana.cuisine", None, None, None, "eve_fit", "fred.home", "gina"]
    assert t.get("email") == [None, "bob@gmail.com", "carla@x.fr", "dan@z.fr", None, None, None]
    assert t.get("emails") == [None, None, None, "dan@z.fr; dan@y.fr", None, None, None]
    localize(t, "fr")
    assert t.get("issues")[:4] == [
        None, "Pseudo : 'bob@gmail.com' est une adresse e-mail, pas un compte : reportée dans l'e-mail",
        "Pseudo : 'Carla@X.fr' est l'adresse e-mail de la ligne, pas un compte",
        "Pseudo : 'dan@y.fr' est une adresse e-mail, pas un compte : ajoutée aux e-mails de la ligne"]
    localize(t, "en")
    assert t.get("issues")[1] == "Pseudo: 'bob@gmail.com' is an e-mail address, not an account: moved to email"
    bare = tmp_path / "list.csv"  # no e-mail column: one is made
    bare.write_text("Handle,Platform,Followers\nana.cuisine,Instagram,24500\nbob@gmail.com,Instagram,12000\n"
                    "carl,Instagram,9000\n", encoding="utf-8")
    t = read_table(str(bare))
    assert t.get("email") == [None, "bob@gmail.com", None] and t.get("handle") == ["ana.cuisine", None, "carl"]


def test_a_hyperlink_inside_another_function_gives_its_link_and_a_label_is_never_an_account(tmp_path: Path) -> None:
    """Google Sheets' IFERROR(HYPERLINK("url","Voir"),""), IF(...; HYPERLINK(...); ""), ARRAYFORMULA(...): the
    HYPERLINK's link is the profile; a HYPERLINK whose link cannot be read is an issue, and its label
    ("Voir") names no account, whatever the network column says."""
    rows: list[list[object]] = [
        ["Nom", "Réseau", "Profil", "Abonnés"],
        ["Léa", "Instagram", formula('=IFERROR(HYPERLINK("https://www.instagram.com/lea.vernoux/","Voir"),"")'), 1000],
        ["Cam", "TikTok", formula('=IF(B3<>"";HYPERLINK("https://www.tiktok.com/@cam_b";"Voir");"")'), 2000],
        ["Inès", "Instagram", formula('=ARRAYFORMULA(HYPERLINK("https://www.instagram.com/ines_s/","Voir"))'), 3000],
        ["Théo", "YouTube", formula('=HYPERLINK(Liens!A2,"Voir")'), 4000],
        ["Marc", "TikTok", formula('=IFERROR(HYPERLINK(INDEX(Liens!A:A,3),"Voir"),"")'), 5000],
        ["Zoé", "Instagram", formula('=IF(A7="","",HYPERLINK("https://www.instagram.com/"&A7,"Voir"))'), 6000],
    ]
    p = xlsx(tmp_path / "sheets.xlsx", {"S": rows, "Liens": [["Lien"], ["https://www.youtube.com/@theo"]]})
    cache(p, {"C2": "Voir", "C3": "Voir", "C4": "Voir", "C5": "Voir", "C6": "Voir", "C7": ""})
    t = read_table(str(p))
    assert t.get("handle") == ["lea.vernoux", "cam_b", "ines_s", None, None, None]
    assert t.get("platform") == ["instagram", "tiktok", "instagram", "youtube", "tiktok", "instagram"]
    assert t.get("profile_url")[:3] == ["https://www.instagram.com/lea.vernoux/", "https://www.tiktok.com/@cam_b",
                                        "https://www.instagram.com/ines_s/"]
    assert t.get("profile_url")[3:] == [None, None, None]  # never instagram.com/voir, tiktok.com/@voir
    assert t.get("duplicate_of") == [None] * 6
    issues = t.get("issues")
    assert issues[:3] == [None, None, None] and issues[5] is None  # (Zoé's IF showed "": no link taken)
    assert issues[3] == ("Profil: the link of the formula 'HYPERLINK(Liens!A2,\"Voir\")' is not read (refers to "
                         "another sheet (Liens)): its text is only a label, no account is read from it")
    assert "calls INDEX()" in issues[4] and "only a label" in issues[4]
    assert localized_issue(issues[3].split(": ", 1)[1]).startswith("le lien de la formule")
    # with --platform and no network column: still no account "voir"
    alone = xlsx(tmp_path / "alone.xlsx", {"S": [[r[0], r[2], r[3]] for r in rows],
                                           "Liens": [["Lien"], ["https://www.youtube.com/@theo"]]})
    cache(alone, {"B2": "Voir", "B3": "Voir", "B4": "Voir", "B5": "Voir", "B6": "Voir", "B7": ""})
    t = read_table(str(alone), platform="instagram")
    assert t.get("handle") == ["lea.vernoux", "cam_b", "ines_s", None, None, None]
    assert "voir" not in t.get("handle") and t.get("duplicate_of") == [None] * 6


def test_a_hyperlink_not_read_whose_text_names_an_account_gives_that_account(tmp_path: Path) -> None:
    """A HYPERLINK() to another tab whose shown text is itself an account ("@lea.martin", a profile link) gives
    that account, said on its row; a label ("Voir") still names none."""
    rows: list[list[object]] = [
        ["Nom", "Réseau", "Compte", "Abonnés"],
        ["Léa", "Instagram", formula('=HYPERLINK("#Fiches!A2","@lea.martin")'), 1000],
        ["Cam", "TikTok", formula('=HYPERLINK(Fiches!A3,"@cam_b")'), 2000],
        ["Inès", "Instagram", formula('=HYPERLINK(Fiches!A4,"https://www.instagram.com/ines_s/")'), 3000],
        ["Théo", "YouTube", formula('=HYPERLINK(Fiches!A5,"Voir")'), 4000],
    ]
    p = xlsx(tmp_path / "tabs.xlsx", {"S": rows, "Fiches": [["Fiche"], ["a"], ["b"], ["c"], ["d"]]})
    cache(p, {"C2": "@lea.martin", "C3": "@cam_b", "C4": "https://www.instagram.com/ines_s/", "C5": "Voir"})
    t = read_table(str(p))
    assert t.get("handle") == ["lea.martin", "cam_b", "ines_s", None]
    issues = t.get("issues")
    assert issues[1] is not None and issues[1].endswith("the account its text names is read")
    assert issues[3] is not None and "only a label" in issues[3]
    assert localized_issue(issues[1].split(": ", 1)[1]).endswith("le compte que nomme son texte est lu")
