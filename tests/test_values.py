"""Values read by kind: dates in one day/month order per column, French text dates, replies before contacts;
money with its currency per cell, ranges, deliverables, tax, 'sur devis' and gifting, and the currency
travelling to score, results and the brand budget; counts like 1M2 and ranges; e-mails; statuses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from influkit.brand import parse_brand
from influkit.campaign.results import build_report as results
from influkit.campaign.results import read_orders
from influkit.fit import score_table
from influkit.io.normalize import normalize
from influkit.io.read import RawSheet
from influkit.pipeline import compute_metrics, read_table
from influkit.table import Table


def norm(headers: list[str], rows: list[list[Any]], **kw: Any) -> Table:
    raw = RawSheet(source="t.csv", sheet=None, header_row=1, headers=headers, rows=rows,
                   row_numbers=list(range(2, len(rows) + 2)))
    table = normalize(raw, **kw)
    compute_metrics(table)
    return table


def test_us_dates_are_month_first_for_the_whole_column() -> None:
    t = norm(["Handle", "Date Contacted", "Reply Date"],
             [["a", "3/12/2026", "3/14/2026"], ["b", "3/25/2026", "3/27/2026"], ["c", "4/1/2026", "4/2/2026"]])
    assert t.get("contacted_on") == [dt.date(2026, 3, 12), dt.date(2026, 3, 25), dt.date(2026, 4, 1)]
    assert t.get("replied_on") == [dt.date(2026, 3, 14), dt.date(2026, 3, 27), dt.date(2026, 4, 2)]
    assert t.get("issues") == [None, None, None]


def test_french_dates_stay_day_first() -> None:
    t = norm(["Pseudo", "Date de contact"], [["a", "03/12/2026"], ["b", "25/03/2026"], ["c", "05/04/2026"]])
    assert t.get("contacted_on") == [dt.date(2026, 12, 3), dt.date(2026, 3, 25), dt.date(2026, 4, 5)]


def test_mixed_orders_are_said() -> None:
    t = norm(["Pseudo", "Date de contact"], [["a", "25/03/2026"], ["b", "26/03/2026"], ["c", "03/27/2026"]])
    assert t.get("contacted_on")[:2] == [dt.date(2026, 3, 25), dt.date(2026, 3, 26)]
    assert t.get("contacted_on")[2] is None
    assert "the column's dates are day first" in t.get("issues")[2]
    assert any("both day/month orders" in n for n in t.meta["notes"])


def test_french_text_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-04-20")
    t = norm(["Pseudo", "Contacté le", "Date de réponse"],
             [["a", "12 mars", "le 5 avril"], ["b", "mars 2026", "2 avril 2026"], ["c", "mardi 3 février", None]])
    assert t.get("contacted_on") == [dt.date(2026, 3, 12), dt.date(2026, 3, 1), dt.date(2026, 2, 3)]
    assert t.get("replied_on") == [dt.date(2026, 4, 5), dt.date(2026, 4, 2), None]


def test_a_reply_before_its_contact_is_an_issue() -> None:
    t = norm(["Pseudo", "Date de contact", "Date de réponse"],
             [["a", "2026-03-05", "2026-03-01"], ["b", "2026-03-05", "2026-03-06"]])
    assert "Date de réponse: 2026-03-01 is before contacted_on 2026-03-05" in t.get("issues")[0]
    assert t.get("issues")[1] is None


PRICES = [
    ("150 $", 150.0, None, "USD", None, None, None),
    ("£300", 300.0, None, "GBP", None, None, None),
    ("USD 200", 200.0, None, "USD", None, None, None),
    ("300-500 €", 300.0, 500.0, "EUR", None, None, None),
    ("1 200 € / 3 stories", 1200.0, None, "EUR", "3 stories", None, None),
    ("800 € HT", 800.0, None, "EUR", None, "excl", None),
    ("960 € TTC", 960.0, None, "EUR", None, "incl", None),
    ("sur devis", None, None, None, None, None, "on_request"),
    ("gifting", 0.0, None, None, None, None, "gifting"),
    ("CHF 400", 400.0, None, "CHF", None, None, None),
]


@pytest.mark.parametrize(("cell", "amount", "high", "currency", "per", "tax", "note"), PRICES)
def test_price_cells(cell: str, amount: float | None, high: float | None, currency: str | None, per: str | None,
                     tax: str | None, note: str | None) -> None:
    t = norm(["Pseudo", "Tarif"], [["a", cell]])
    row = next(t.rows())
    assert (row["price_quoted"], row.get("price_quoted_high"), row.get("currency")) == (amount, high, currency)
    assert (row.get("price_per"), row.get("price_tax"), row.get("price_note")) == (per, tax, note)
    assert row["issues"] is None


def test_header_currency_and_a_disagreeing_currency_column() -> None:
    t = norm(["Pseudo", "Rate (USD)"], [["a", "250"]])
    assert t.get("currency") == ["USD"]
    t = norm(["Pseudo", "Tarif", "Devise"], [["a", "150 $", "EUR"], ["b", "200", "EUR"]])
    assert t.get("currency") == ["USD", "EUR"]
    assert "the price is in USD but the currency column says EUR" in t.get("issues")[0]


def _sheet(tmp_path: Path) -> Path:
    p = tmp_path / "agency.csv"
    p.write_text("Name,Platform,Handle,Followers,Status,Rate,Promo code\n"
                 "Ana,Instagram,ana.l,40000,Published,$800,ANA10\n"
                 "Ben,Instagram,ben.k,52000,Signed,£600,BEN10\n"
                 "Chloé,Instagram,chloe.v,31000,Published,750 €,CHLOE10\n", encoding="utf-8")
    return p


def test_currency_travels_to_results(tmp_path: Path) -> None:
    orders = tmp_path / "orders.csv"
    orders.write_text("Name,Total,Discount Code,Currency\n#1,100.00,ANA10,USD\n#2,90.00,CHLOE10,EUR\n",
                      encoding="utf-8")
    r = results(read_table(str(_sheet(tmp_path))), read_orders(str(orders))[0])
    people = {c["creator"]: c for c in r["creators"]}
    assert (people["Ana"]["currency"], people["Ana"]["cost"]) == ("USD", 800.0)  # not euros
    assert (people["Chloé"]["currency"], people["Chloé"]["cost"]) == ("EUR", 750.0)
    assert "USD" in r["currencies"] and "EUR" in r["currencies"]


def test_currency_travels_to_the_score_and_a_chf_budget_is_chf(tmp_path: Path) -> None:
    table = read_table(str(_sheet(tmp_path)))
    compute_metrics(table)
    brand = parse_brand('name = "x"\n[budget]\nper_post = "700 USD"\n[weights]\nfit = 0\ncost = 1\n')
    assert brand.budget.currency == "USD"
    scores = score_table(table, brand)
    assert "$800 over the $700 budget" in scores[0].reasons  # $800 compared with $700, no conversion
    chf = parse_brand('name = "x"\n[budget]\nper_post = "900 CHF"\n')
    assert (chf.budget.per_post, chf.budget.currency) == (900.0, "CHF")
    with pytest.raises(Exception, match="is in CHF but currency says EUR"):
        parse_brand('name = "x"\n[budget]\nper_post = "900 CHF"\ncurrency = "EUR"\n')


@pytest.mark.parametrize(("cell", "followers", "note"), [
    ("1M2", 1_200_000, None), ("12K5", 12500, None), ("10K-15K", 12500, "range '10K-15K' read as 12,500"),
    ("entre 10k et 15k", 12500, "read as 12,500"), ("1,5", 2, "'1,5' is not a whole number: read as 2"),
])
def test_counts(cell: str, followers: int, note: str | None) -> None:
    t = norm(["Pseudo", "Abonnés"], [["a", cell]])
    assert t.get("followers") == [followers]
    issue = t.get("issues")[0]
    assert (issue is None) if note is None else (note in issue)


def test_averages_round_silently_and_units_in_headers() -> None:
    t = norm(["Pseudo", "Vues moyennes", "Abonnés (k)"], [["a", "199.5", "12,5"]])
    assert t.get("avg_views") == [200] and t.get("followers") == [12500]
    assert t.get("issues") == [None]


def test_a_unit_column_reads_numbers_grouped_by_spaces() -> None:
    """`Abonnés (en milliers)`: "1 200" is 1,200 thousand, "2 500,5" 2,500.5 thousand (a space groups
    thousands, the comma is the decimal mark); a negative or wordy cell is an issue naming the cell as typed."""
    t = norm(["Pseudo", "Abonnés (en milliers)"], [["a", "1 200"], ["b", "2\u202f500,5"], ["c", "0,8"], ["d", "850"],
                                                    ["e", "-3"], ["f", "12'000"], ["g", "n/a"]])
    assert t.get("followers") == [1_200_000, 2_500_500, 800, 850_000, None, 12_000_000, None]
    assert t.get("issues")[:4] == [None] * 4 and t.get("issues")[5:] == [None, None]
    assert "'-3' (negative count)" in t.get("issues")[4]


def test_a_lone_mark_before_three_digits_in_a_unit_column_follows_the_columns_decimals() -> None:
    """'1,200' under 'Followers (K)' is 1.2 K where the column's decimals are commas, 1,200 K where they
    are points, and 1.2 K said on its row when no other cell tells (found by a new-user helper)."""
    commas = norm(["Pseudo", "Followers (K)"], [["a", "1,200"], ["b", "12,5"], ["c", "0,8"]])
    assert commas.get("followers") == [1_200, 12_500, 800] and commas.get("issues") == [None] * 3
    points = norm(["Pseudo", "Followers (K)"], [["a", "1,200"], ["b", "12.5"], ["c", "2.500"], ["d", "1,250.5"]])
    assert points.get("followers") == [1_200_000, 12_500, 2_500, 1_250_500]
    assert points.get("issues") == [None] * 4
    alone = norm(["Pseudo", "Followers (K)"], [["a", "1,200"], ["b", "850"], ["c", 40]])
    assert alone.get("followers") == [1_200, 850_000, 40_000]
    issue = alone.get("issues")[0]
    assert issue is not None and "'1,200' read as 1,200 (a decimal mark): 1,200,000 if it groups thousands" in issue
    assert alone.get("issues")[1:] == [None, None]


def test_a_unit_column_whose_cells_disagree_on_the_decimal_mark_says_so_on_the_ambiguous_rows() -> None:
    """'1,2k' and '0,8 M' write commas, '12.5' a point: '1,200' and '2.500' cannot be told, said on their rows."""
    t = norm(["Pseudo", "Abonnés (en milliers)"], [["a", "1,200"], ["b", "12.5"], ["c", "1,2k"], ["d", "2.500"]])
    assert t.get("followers") == [1_200, 12_500, 1_200, 2_500]
    issues = t.get("issues")
    assert "'1,200' read as 1,200 (a decimal mark)" in issues[0] and "'2.500' read as 2,500" in issues[3]
    assert issues[1] is None and issues[2] is None


def test_a_count_typed_in_full_under_a_unit_header_is_said() -> None:
    """120000 among 12.5 and 45 under 'Abonnés (K)' reads as 120 million: said on its row, not changed."""
    t = norm(["Pseudo", "Abonnés (K)"], [["a", 12.5], ["b", 45], ["c", 120000], ["d", "1 200"]])
    assert t.get("followers") == [12_500, 45_000, 120_000_000, 1_200_000]
    issues = t.get("issues")
    assert issues[2] is not None and "'120000' read as 120,000,000 (the header's unit): 120,000 if written in full" \
        in issues[2]
    assert issues[0] is None and issues[1] is None and issues[3] is None


def test_a_tiny_number_in_a_column_of_percentage_points_is_said() -> None:
    """Found by a new-user helper: 0.034 beside 1.5 and 2.5 read as 0.034 % without a word; it stays in
    points as the column says, and its row says 3.4 % if it is a fraction. 0.8 there is an ordinary 0.8 %."""
    t = norm(["Pseudo", "Abonnés", "ER"], [["a", "20k", "0.034"], ["b", "20k", "1.5"], ["c", "20k", "2.5"],
                                         ["d", "20k", "0.8"]])
    assert t.get("engagement_rate") == pytest.approx([0.00034, 0.015, 0.025, 0.008])
    issues = t.get("issues")
    assert issues[0] is not None and "'0.034' read as 0.034% (the column is in percentage points): 3.4% if it is " \
        "a fraction" in issues[0]
    assert issues[1:] == [None, None, None]


def test_parse_decimal() -> None:
    from influkit.io.parse import ParseError, parse_decimal

    assert [parse_decimal(x) for x in ("12,5", "1 200", "2 500,5", "-0.4", "\u22121,5", "3", "1,200")] == [
        12.5, 1200.0, 2500.5, -0.4, -1.5, 3.0, 1.2]
    for bad in ("abc", "1 20", "12k", "1e999"):
        with pytest.raises(ParseError):
            parse_decimal(bad)


def test_several_emails_are_all_kept() -> None:
    t = norm(["Pseudo", "Email", "Email agent"], [["a", "lea@x.fr; lea.pro@y.fr", "agent@z.fr"], ["b", "b@x.fr", None]])
    assert t.get("email") == ["lea@x.fr", "b@x.fr"]
    assert t.get("emails") == ["lea@x.fr; lea.pro@y.fr; agent@z.fr", None]


@pytest.mark.parametrize(("status", "stage"), [
    ("Not contacted", "identified"), ("Pas encore contacté", "identified"), ("jamais contacté", "identified"),
    ("NotStarted", "identified"), ("pas encore répondu", "contacted"), ("Pas de réponse", "no_reply"),
    ("not yet signed", "negotiating"), ("non signé", "declined"), ("ok pour collab", "deal"),
    ("relancé 2x", "contacted"), ("attente devis", "negotiating"), ("En attente de réponse", "contacted"),
])
def test_statuses(status: str, stage: str) -> None:
    assert norm(["Pseudo", "Statut"], [["a", status]]).get("stage") == [stage]


def test_unclear_statuses_are_reported() -> None:
    t = norm(["Pseudo", "Statut"], [["a", "hmm on verra"], ["b", "Contacté"]])
    assert t.get("stage") == [None, "contacted"]
    assert t.get("issues") == ["Statut: could not read 'hmm on verra'", None]
    alone = norm(["Pseudo", "Statut"], [["a", "hmm on verra"]])  # no cell a status: the column kept whole
    assert alone.get("Statut") == ["hmm on verra"] and alone.get("issues") == [None]


def test_an_amount_influkit_wrote_is_read_back_as_the_amount_parser_reads_it() -> None:
    """The quick path for influkit's own est_price_low/cpe cells (bare decimals) gives what the amount
    parser gives, and hands every other cell to it (a sign, a currency, text)."""
    from influkit.io import parse as P
    from influkit.io.values import _own_amount

    for v in ("1188.39", "12", "0.5", "2376.77", "1 200 €", "", None, 12.5, "n/a"):
        assert _own_amount(P.parse_money, v) == P.parse_money(v), v
    for bad in ("-5", "1_000", "inf", "abc"):
        with pytest.raises(P.ParseError):
            _own_amount(P.parse_money, bad)
