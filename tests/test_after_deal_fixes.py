"""After the deal, as users hit it: the same post twice in one posts tab, the paid-partnership flag's
words (the one check-box vocabulary), orders dated after today, a fee column whose header names its
currency beside a money objective in another, and fees in two currencies said in the conclusion."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

import influkit
from influkit.campaign.posts import parse_flag
from influkit.io.checkboxes import TICKED, UNTICKED
from sheetmaker import xlsx

UNSAID = frozenset({"-", "—", "–", "?"})  # a dash or '?': an empty cell

A = "https://www.instagram.com/p/AAA111/"
B = "https://www.instagram.com/p/BBB222/"
C = "https://www.tiktok.com/@zoe/video/7300000000000000001"
CAPTION = "Ma routine du matin avec @marque #publicité"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-07-01")


def _xlsx(path: Path, tabs: dict[str, list[list[Any]]]) -> str:
    return str(xlsx(path, tabs))


def _csv(path: Path, rows: list[list[Any]]) -> str:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return str(path)


# ------------------------------------------------------------------ 1. one post twice in one tab


HEAD: list[Any] = ["Handle", "Lien", "Légende", "Likes", "Vues", "Coût", "Date de publication"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_post_pasted_twice_in_one_tab_counts_once(tmp_path: Path, kind: str) -> None:
    rows: list[list[Any]] = [HEAD,
            ["lea", A, CAPTION, 100, 1000, "500 €", "2026-06-02"],
            ["tom", B, CAPTION, 50, 800, "300 €", "2026-06-03"],
            # Léa's post again, shared with a tracking parameter, read later: more views
            ["lea", A + "?igsh=abc", CAPTION, 120, 1100, "500 €", "2026-06-02"],
            ["zoe", C, CAPTION, 10, 200, "100 €", "2026-06-04"],
            ["lea", A, CAPTION, None, 900, "500 €", "2026-06-02"]]  # a third copy, fewer numbers
    path = (_xlsx(tmp_path / "posts.xlsx", {"Juin": rows}) if kind == "xlsx"
            else _csv(tmp_path / "posts.csv", rows))
    report = influkit.report(path, store=None, offline=True, lang="en").to_dict()
    assert report["totals"]["posts"] == 3
    assert report["totals"]["views"] == 1100 + 800 + 200  # Léa's row with the most numbers counts
    assert report["totals"]["likes"] == 120 + 50 + 10
    assert report["totals"]["cost"] == 900.0
    twice = [w for w in report["warnings"] if "counted once" in w]
    where = "tab 'Juin' " if kind == "xlsx" else ""
    assert twice == [f"post {A} is in {path}, {where}row 2, {where}row 4 and {where}row 6: counted once, with the "
                     f"figures of {where}row 4 (the row with the most numbers, else the larger ones: the later "
                     "reading)"]

    french = influkit.report(path, store=None, offline=True, lang="fr")
    french.write(str(tmp_path / "bilan.md"))
    text = (tmp_path / "bilan.md").read_text(encoding="utf-8")
    fr_where = "l'onglet 'Juin' ligne" if kind == "xlsx" else "la ligne"
    assert f"comptée une fois, avec les chiffres de {fr_where} 4" in text
    assert f"{fr_where} 2, {fr_where} 4 et {fr_where} 6" in text

    result = influkit.check(path, rules="fr")
    assert result.summary["posts"] == 3 and result.summary["posts_twice"] == 2
    records = result.records()
    assert len(records) == 5  # every row is in the output; the copies say which row counted
    told = [r["compliance_warnings"] or "" for r in records]
    same = "même publication que " + ("l'onglet « Juin » ligne 4" if kind == "xlsx" else "la ligne 4")
    assert same in told[0] and same in told[4] and same not in told[2]
    assert sum("counted once" in line for line in result.summary_lines()) == 1


def test_two_tabs_and_a_copy_inside_one_are_one_note(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "tabs.xlsx", {
        "Posts": [HEAD, ["lea", A, CAPTION, 100, 1000, "500 €", "2026-06-02"],
                  ["lea", A, CAPTION, 100, 1000, "500 €", "2026-06-02"]],
        "Juillet": [HEAD, ["lea", A + "?utm_source=x", CAPTION, 130, 1500, "500 €", "2026-06-02"],
                    ["tom", B, CAPTION, 50, 800, "300 €", "2026-06-03"]],
    })
    report = influkit.report(path, store=None, offline=True, lang="en").to_dict()
    assert report["totals"]["posts"] == 2 and report["totals"]["views"] == 2300
    twice = [w for w in report["warnings"] if "counted once" in w]
    assert len(twice) == 1 and "tab 'Posts' row 2, tab 'Posts' row 3 and tab 'Juillet' row 2" in twice[0]
    assert twice[0].endswith("with the figures of tab 'Juillet' row 2 (the row with the most numbers, else the "
                             "larger ones: the later reading)")


# ------------------------------------------------------------------ 2. the flag's words


OLD_WORDS: list[tuple[Any, bool | None]] = list({
    "oui": True, "Non": False, "OUI": True, "non": False, "yes": True, "No": False, "y": True, "n": False,
    "o": True, "x": True, "X": True, "TRUE": True, "FALSE": False, "VRAI": True, "FAUX": False, "true": True,
    True: True, False: False, "1": True, "0": False, "✓": True, "✔": True, "☑": True,
    "✅": True, "☐": False, "✗": False, "✘": False, "❌": False, "-": None, "—": None, "?": None, "": None,
    None: None, "active": True, "Activée": True, "désactivé": False, "inactif": False, "on": True, "off": False,
    "avec": True, "sans": False, "aucun": False, "none": False, "ok": True, "label": True,
    "Partenariat rémunéré": True, "Paid partnership": True, "sponsorisé": True, "Sponsored": True,
    "checked": True, "unchecked": False, "Pas de label": False, "Oui (label activé)": True, "non merci": False,
    "peut-être": None, "n/a": None, 2: None, "xyz": None, "Oui.": True, "NON !": False,
}.items()) + [(1, True), (0, False), (1.0, True), (0.0, False)]  # (1 and 0 beside True and False)


def test_every_flag_word_that_worked_still_works() -> None:
    assert [(v, parse_flag(v)) for v, _ in OLD_WORDS] == OLD_WORDS


def test_the_flag_reads_the_one_check_box_vocabulary() -> None:
    # every mark of a check box (io.checkboxes) says the same of a partnership label; a dash is an empty cell
    for word in TICKED:
        assert parse_flag(word) is True and parse_flag(word.upper()) is True, word
    for word in UNTICKED - UNSAID:
        assert parse_flag(word) is False, word
    for word in UNSAID:
        assert parse_flag(word) is None, word


def test_a_flag_column_of_box_marks_is_read(tmp_path: Path) -> None:
    # a column ticked with ☒ (a ticked box) and ☐, TRUE/FALSE as Google Sheets exports them: read as the label
    head = ["Handle", "Lien", "Légende", "Partenariat rémunéré"]
    marks = ["☒", "☐", "TRUE", "FALSE", "☒"]
    links = [f"https://www.instagram.com/p/POST{k}/" for k in range(len(marks))]
    path = _xlsx(tmp_path / "flags.xlsx", {"Posts": [head] + [
        [f"c{k}", links[k], CAPTION, m] for k, m in enumerate(marks)]})
    result = influkit.check(path, rules="fr")
    assert result.summary["flag_column"]
    assert not any("no paid-partnership flag column" in line for line in result.summary_lines())


# ------------------------------------------------------------------ 3. orders dated after today


def test_an_order_dated_after_today_is_one_warning_naming_it(tmp_path: Path) -> None:
    posts = _xlsx(tmp_path / "posts.xlsx", {"Posts": [HEAD + ["Code promo"],
                                                      ["lea", A, CAPTION, 100, 1000, "500 €", "2026-06-02", "LEA10"],
                                                      ["tom", B, CAPTION, 50, 800, "300 €", "2026-06-03", "TOM10"]]})
    orders = _csv(tmp_path / "commandes.csv", [["Order", "Date de la commande", "Code promo", "Total"],
                                               ["1001", "2026-06-05", "LEA10", "50.00"],
                                               ["1002", "2027-06-05", "TOM10", "40.00"],
                                               ["1003", "2026-06-06", "LEA10", "30.00"]])
    report = influkit.report(posts, orders=orders, store=None, offline=True, lang="en").to_dict()
    future = [w for w in report["warnings"] if "after today" in w]
    assert future == [f"{orders}, row 3, column 'Date de la commande': date 2027-06-05 is after today (2026-07-01): "
                      "a typo, or the day and month swapped? (the column's order is decided from all its dates)"]
    assert report["totals"]["orders"] == 3  # still counted: the warning says it, nothing is dropped
    french = influkit.report(posts, orders=orders, store=None, offline=True, lang="fr")
    french.write(str(tmp_path / "bilan.md"))
    assert "ligne 3, colonne 'Date de la commande' : date 2027-06-05 postérieure à aujourd'hui" in (
        tmp_path / "bilan.md").read_text(encoding="utf-8")


# ------------------------------------------------------------------ 4. a money objective, fees in another currency


@pytest.mark.parametrize(("header", "fees", "currency"), [
    ("Coût (€)", [500, 300], "EUR"), ("Fee (EUR)", [500, 300], "EUR"), ("Cachet en euros", [500, 300], "EUR"),
    ("Tarif £", [500, 300], "GBP"), ("Coût", ["500 €", "300 €"], "EUR"),
])
def test_a_money_objective_is_never_compared_with_fees_in_another_currency(
        tmp_path: Path, header: str, fees: list[Any], currency: str) -> None:
    path = _xlsx(tmp_path / "p.xlsx", {"Posts": [["Handle", "Lien", "Légende", "Likes", "Vues", header],
                                                 ["lea", A, CAPTION, 100, 1000, fees[0]],
                                                 ["tom", B, CAPTION, 50, 800, fees[1]]]})
    report = influkit.report(path, store=None, offline=True, lang="en", objectives="cpe=$0.25").to_dict()
    assert report["totals"]["currency"] == currency
    [row] = report["blocks"]["results"]["objectives"]
    assert row["status"] == "unknown" and row["why"] == "other_currency" and row["currency"] == "USD"
    [said] = [c["text"] for c in report["blocks"]["conclusion"] if c["rule"] == "C-OBJECTIVE"]
    assert f"target in USD, the campaign's amounts in {currency}: no conversion" in said
    # the same objective in the fees' currency is compared
    symbol = {"EUR": "€", "GBP": "£"}[currency]
    same = influkit.report(path, store=None, offline=True, lang="en", objectives=f"cpe={symbol}10").to_dict()
    assert same["blocks"]["results"]["objectives"][0]["status"] == "met"


# ------------------------------------------------------------------ 5. fees in two currencies, said why


MIXED: list[list[Any]] = [["Handle", "Lien", "Légende", "Likes", "Vues", "Cachet"],
         ["lea", A, CAPTION, 100, 1000, "500 €"], ["tom", B, CAPTION, 50, 800, "$300"],
         ["zoe", C, CAPTION, 10, 200, "£100"]]


@pytest.mark.parametrize(("lang", "budget", "expected"), [
    ("en", None, "Total cost unknown: the fees are in 3 currencies (EUR, GBP and USD), never added, no conversion."),
    ("fr", None, "Coût total inconnu : les cachets sont en 3 devises (EUR, GBP et USD), jamais additionnés, sans "
                 "conversion."),
    ("en", "2000", "Budget of 2,000; cost unknown: the fees are in 3 currencies (EUR, GBP and USD), never added, "
                   "no conversion."),
    ("fr", "2000", "Budget de 2\u202f000 ; coût inconnu : les cachets sont en 3 devises (EUR, GBP et USD), jamais "
                   "additionnés, sans conversion."),
])
def test_the_conclusion_says_why_the_cost_is_unknown(tmp_path: Path, lang: str, budget: str | None,
                                                     expected: str) -> None:
    path = _xlsx(tmp_path / "mixed.xlsx", {"Posts": MIXED})
    report = influkit.report(path, store=None, offline=True, lang=lang, budget=budget,
                             objectives="cpe=0.5").to_dict()
    said = {c["rule"]: c["text"] for c in report["blocks"]["conclusion"]}
    assert said["C-BUDGET"] == expected
    why = ("fees in EUR, GBP and USD, never added" if lang == "en"
           else "cachets en EUR, GBP et USD, jamais additionnés")
    assert f"not measurable ({why})" in said["C-OBJECTIVE"] or f"non mesurable ({why})" in said["C-OBJECTIVE"]
