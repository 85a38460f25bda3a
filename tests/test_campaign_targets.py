"""A campaign's budget and objectives, as `campaign new`/`edit` store them and `report` reads them: the
currency a budget writes is the campaign's (never converted), and the CLI's JSON is the library's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import influkit
from influkit.brand import load_brand
from influkit.cli.app import app
from influkit.errors import UsageError

runner = CliRunner()
UK_POSTS = ("Handle;Platform;Post link;Caption;Views;Likes;Cost\n"
            "chloe.e;Instagram;https://www.instagram.com/p/C4aaaaaaaa1/;Ad | my routine;1000;50;£400\n"
            "ella.m;Instagram;https://www.instagram.com/p/C4aaaaaaaa2/;Ad | my routine;3000;90;£1,500\n")


def cli_json(*args: str) -> Any:
    result = runner.invoke(app, [*args, "-f", "json", "-q"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def cli_error(*args: str) -> str:
    """The one line a refused command prints (exit 2)."""
    result = runner.invoke(app, [*args, "-q"])
    assert result.exit_code == 2 and result.stdout == "", (result.exit_code, result.stdout)
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr.strip()


# ------------------------------------------------------------------------------------------ budgets


@pytest.mark.parametrize(("budget", "currency", "amount", "stored"), [
    ("£8,000", None, 8000.0, "GBP"), ("$5,000", None, 5000.0, "USD"), ("8 000 €", None, 8000.0, "EUR"),
    ("8000", None, 8000.0, "EUR"), ("£8,000", "gbp", 8000.0, "GBP"), ("8000", "USD", 8000.0, "USD"),
])
def test_a_campaign_budget_keeps_the_currency_it_writes(tmp_path: Path, budget: str, currency: str | None,
                                                        amount: float, stored: str) -> None:
    db = str(tmp_path / "ws.db")
    new = cli_json("campaign", "new", "uk", "--budget", budget, *(["--currency", currency] if currency else []),
                   "--db", db)
    assert (new["budget"], new["currency"]) == (amount, stored)
    assert new == influkit.campaign_show("uk", store=db).to_dict()
    lib = influkit.campaign_new("uk2", budget=budget, currency=currency, store=db).to_dict()
    assert (lib["budget"], lib["currency"]) == (amount, stored)


def test_a_budget_in_another_currency_than_the_campaigns_is_refused_in_one_line(tmp_path: Path) -> None:
    db = str(tmp_path / "ws.db")
    line = cli_error("campaign", "new", "clash", "--budget", "£8,000", "--currency", "USD", "--db", db)
    assert line == ("influkit: --budget '£8,000' is in GBP but --currency says USD: give one currency "
                    "(influkit converts no amount)")
    with pytest.raises(UsageError, match="is in GBP but --currency says USD"):
        influkit.campaign_new("clash", budget="£8,000", currency="USD", store=db)
    influkit.campaign_new("uk", budget="£8,000", store=db)
    assert "clash" not in influkit.campaign_list(store=db).get("name")
    # an edit without --currency keeps the campaign's currency, and a budget in another one is refused
    assert cli_json("campaign", "edit", "uk", "--budget", "9000", "--db", db)["currency"] == "GBP"
    line = cli_error("campaign", "edit", "uk", "--budget", "9 000 €", "--db", db)
    assert line == ("influkit: --budget '9 000 €' is in EUR but campaign 'uk' says GBP: add --currency EUR to "
                    "change the campaign's currency (influkit converts no amount)")
    changed = cli_json("campaign", "edit", "uk", "--budget", "9 000 €", "--currency", "EUR", "--db", db)
    assert (changed["budget"], changed["currency"]) == (9000.0, "EUR")
    assert cli_json("campaign", "new", "ch", "--budget", "800 CHF", "--db", db)["currency"] == "CHF"
    assert "unknown currency 'ZZZ'" in cli_error("campaign", "new", "zz", "--budget", "800", "--currency", "ZZZ",
                                                 "--db", db)


def test_a_uk_campaigns_report_compares_its_pound_budget_with_pound_costs(tmp_path: Path) -> None:
    db = str(tmp_path / "ws.db")
    posts = tmp_path / "posts.csv"
    posts.write_text(UK_POSTS, encoding="utf-8")
    cli_json("campaign", "new", "uk", "--budget", "£8,000", "--db", db)
    data = cli_json("report", str(posts), "--campaign", "uk", "--offline", "--lang", "en", "--db", db)
    lib = influkit.report(str(posts), campaign="uk", offline=True, lang="en", store=db).to_dict()
    assert data["blocks"] == lib["blocks"] and data["objectives"] == lib["objectives"]
    assert data["objectives"]["currency"] == "GBP"
    budget = data["blocks"]["results"]["budget"]
    assert (budget["currency"], budget["cost"], budget["remaining"], budget["costs_currency"]) == (
        "GBP", 1900.0, 6100.0, None)
    (said,) = [c["text"] for c in data["blocks"]["conclusion"] if c["rule"] == "C-BUDGET"]
    assert said == "Cost of £1,900 against a budget of £8,000 (24%): £6,100 left."


def test_a_brand_profiles_campaign_budget_keeps_the_currency_it_writes(tmp_path: Path) -> None:
    path = tmp_path / "brand.toml"
    path.write_text('name = "Solène UK"\n[campaign]\nbudget = "£8,000"\n', encoding="utf-8")
    aims = load_brand(str(path)).campaign_objectives()
    assert (aims.budget, aims.currency) == (8000.0, "GBP")
    path.write_text('name = "Solène UK"\n[campaign]\nbudget = "£8,000"\ncurrency = "USD"\n', encoding="utf-8")
    with pytest.raises(Exception, match="budget '£8,000' is in GBP but currency says USD"):
        load_brand(str(path))


# --------------------------------------------------------------------------------------- objectives

SHEET = str(Path(__file__).parent / "data" / "bilan_printemps.csv")


def test_a_campaigns_decimal_objectives_are_kept_as_written(tmp_path: Path) -> None:
    """cpe=0.25 and roas=1.5 are stored as written (not 0 and 2), from the CLI, Python's texts and a dict,
    and the report judges against them."""
    db = str(tmp_path / "ws.db")
    texts = ["cpe=0.25", "roas=1.5", "views=500k", "deals=3"]
    new = cli_json("campaign", "new", "obj", *(a for t in texts for a in ("--objective", t)), "--db", db)
    assert new["objectives"] == {"cpe": 0.25, "roas": 1.5, "views": 500000, "deals": 3}
    assert new == influkit.campaign_show("obj", store=db).to_dict()
    assert influkit.campaign_new("texts", objectives=texts, store=db)["objectives"] == new["objectives"]
    assert influkit.campaign_new("dict", objectives={"cpe": 0.25, "roas": 1.5, "views": 500_000, "deals": 3},
                                 store=db)["objectives"] == new["objectives"]
    edited = cli_json("campaign", "edit", "obj", "--objective", "cpm=12.5", "--db", db)
    assert edited["objectives"] == {**new["objectives"], "cpm": 12.5}
    report = influkit.report(SHEET, campaign="obj", offline=True, lang="fr", store=db)
    targets = {t["metric"]: t["target"] for t in report.to_dict()["objectives"]["targets"]}
    assert targets == {"cpe": 0.25, "roas": 1.5, "views": 500000, "cpm": 12.5}
    md = report.markdown()
    assert "CPE (coût par engagement) ≤ 0,25" in md and "ROAS ≥ 1,50×" in md
    result = runner.invoke(app, ["report", SHEET, "--campaign", "obj", "--offline", "--lang", "fr", "--db", db,
                                 "-f", "md", "-q"])
    assert result.exit_code == 0 and result.stdout.strip() == md.strip()


@pytest.mark.parametrize(("objectives", "expected"), [
    ("cpe=0,25", {"cpe": 0.25}),
    ("views=1,2M", {"views": 1_200_000}),
    ("views=1,2M,cpe=0,25;roas=1,5", {"views": 1_200_000, "cpe": 0.25, "roas": 1.5}),
    ("er_views=4,5 %, cpe=0,2 €", {"er_views": 0.045, "cpe": 0.2}),
    ("views=12,500,orders=150", {"views": 12_500, "orders": 150}),
])
def test_a_decimal_comma_stays_in_its_objective(objectives: str, expected: dict[str, float]) -> None:
    """A "," or ";" separates two objectives only where a name= follows it: "cpe=0,25" is 0.25, not a
    cryptic `--objectives '25'` error, and "1,2M" is 1.2 million."""
    data = cli_json("report", SHEET, "--objectives", objectives, "--offline", "--no-store")
    lib = influkit.report(SHEET, objectives=objectives, offline=True, store=None).to_dict()
    assert data["objectives"] == lib["objectives"] and data["blocks"] == lib["blocks"]
    assert {t["metric"]: t["target"] for t in data["objectives"]["targets"]} == expected


def test_a_brand_profiles_objectives_keep_their_decimal_comma(tmp_path: Path) -> None:
    path = tmp_path / "brand.toml"
    path.write_text('name = "Verveine"\n[campaign]\n[campaign.objectives]\ncpe = "0,25"\nvues = "1,2M"\n',
                    encoding="utf-8")
    aims = load_brand(str(path)).campaign_objectives()
    assert {t.metric: t.target for t in aims.targets} == {"cpe": 0.25, "views": 1_200_000}


# the same objectives in every form a French or English user writes them, and what both commands read
FORMS = ["er_views=5 %", "vues=1,2M", "cpe=0,25 €", "roas=1,5×", "sales=200", "ER abonnés=2,5 %", "cpm=12,5"]
READ = {"er_views": 0.05, "views": 1_200_000, "cpe": 0.25, "roas": 1.5, "orders": 200, "er_followers": 0.025,
        "cpm": 12.5}


def test_campaign_objectives_and_report_objectives_are_one_syntax(tmp_path: Path) -> None:
    """`campaign new --objective` reads the names and value forms `report --objectives` reads (percentages,
    k/M, decimal comma, currency signs, French names, several in one option), stores them by the report's
    metric names, and the report judges the same targets from either."""
    db = str(tmp_path / "ws.db")
    given = cli_json("report", SHEET, *(a for f in FORMS for a in ("--objectives", f)), "--offline", "--no-store")
    assert {t["metric"]: t["target"] for t in given["objectives"]["targets"]} == READ
    new = cli_json("campaign", "new", "fr", *(a for f in FORMS for a in ("--objective", f)), "--db", db)
    assert new["objectives"] == READ and new["currency"] == "EUR"  # (the currency "0,25 €" writes)
    assert new == influkit.campaign_show("fr", store=db).to_dict()
    assert influkit.campaign_new("texts", objectives=FORMS, store=db)["objectives"] == READ
    assert influkit.campaign_new("dict", objectives=dict(f.split("=") for f in FORMS), store=db)["objectives"] == READ
    assert cli_json("campaign", "new", "one", "--objective", ",".join(FORMS), "--db", db)["objectives"] == READ
    saved = cli_json("report", SHEET, "--campaign", "fr", "--offline", "--db", db)

    def judged(part: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(({k: v for k, v in t.items() if k != "source"} for t in part), key=lambda t: t["metric"])

    assert judged(saved["objectives"]["targets"]) == judged(given["objectives"]["targets"])
    assert judged(saved["blocks"]["results"]["objectives"]) == judged(given["blocks"]["results"]["objectives"])


def test_campaign_objectives_keep_the_names_the_report_does_not_measure(tmp_path: Path) -> None:
    db = str(tmp_path / "ws.db")
    new = cli_json("campaign", "new", "s", "--objective", "deals=3", "--objective", "leads=1,5k", "--objective",
                   "reply_rate=30 %", "--objective", "budget=£8,000", "--db", db)
    assert new["objectives"] == {"deals": 3, "leads": 1500, "reply_rate": 0.3}
    assert (new["budget"], new["currency"]) == (8000.0, "GBP")  # budget= is the budget, with its currency
    data = influkit.report(SHEET, campaign="s", offline=True, store=db).to_dict()
    assert data["objectives"]["targets"] == [] and (data["objectives"]["budget"], data["objectives"]["currency"]) == (
        8000.0, "GBP")
    assert data["sources"]["campaign"]["objectives_not_in_report"] == ["deals", "leads", "reply_rate"]


@pytest.mark.parametrize(("args", "line"), [
    (["--objective", "views=beaucoup"], "--objective views='beaucoup': not a number for views"),
    (["--objective", "views"], "--objective 'views': write metric=value, e.g. views=200k,orders=150,cpe=0,25"),
    (["--budget", "£8,000", "--objective", "cpe=$0.25"],
     "--objective cpe '$0.25' is in USD but --budget says GBP: give one currency (influkit converts no amount)"),
    (["--currency", "EUR", "--objective", "cpa=£12"],
     "--objective cpa '£12' is in GBP but --currency says EUR: give one currency (influkit converts no amount)"),
    (["--budget", "5000", "--objective", "budget=6000"], "--objective budget='6000' and --budget '5000': give the "
                                                          "budget once"),
])
def test_bad_campaign_objectives_are_one_line_as_in_the_report(tmp_path: Path, args: list[str], line: str) -> None:
    db = str(tmp_path / "ws.db")
    assert cli_error("campaign", "new", "x", *args, "--db", db) == f"influkit: {line}"
    report_args = [a.replace("--objective", "--objectives") for a in args if a not in ("--currency", "EUR")]
    if "--currency" not in args and "budget=6000" not in args:  # the report says the same of the same text
        assert cli_error("report", SHEET, *report_args, "--offline", "--no-store") == \
            f"influkit: {line.replace('--objective', '--objectives')}"


@pytest.mark.parametrize(("budget", "objectives", "line"), [
    ("£8,000", "cpe=$0.25", "--objectives cpe '$0.25' is in USD but --budget says GBP"),
    ("8 000 €", "views=200k,revenue=20000 USD", "--objectives revenue '20000 USD' is in USD but --budget says EUR"),
    ("$5,000", "orders=150;cpm=4 £", "--objectives cpm '4 £' is in GBP but --budget says USD"),
    ("CHF 900", "cpa=12 €", "--objectives cpa '12 €' is in EUR but --budget says CHF"),
])
def test_a_report_refuses_a_budget_and_objectives_in_two_currencies(budget: str, objectives: str, line: str) -> None:
    """Found by a new user: `report --budget '£8,000' --objectives "cpe=$0.25"` compared a dollar CPE with
    a pound budget (the report showed "CPE ≤ 0.25 £"). As `campaign new --budget --objective` does: one line
    naming both options and currencies, exit 2, from Python a UsageError; nothing is converted."""
    said = cli_error("report", SHEET, "--budget", budget, "--objectives", objectives, "--offline", "--no-store")
    assert said == f"influkit: {line}: give one currency (influkit converts no amount)"
    with pytest.raises(UsageError, match=line.replace("$", r"\$")):
        influkit.report(SHEET, budget=budget, objectives=objectives, offline=True, store=None)


def test_one_currency_for_the_budget_and_objectives_a_report_takes_from_a_campaign(tmp_path: Path) -> None:
    """The same rule when the budget or the money objectives come from the workspace campaign: a campaign in
    pounds with --objectives cpe=$0.25, or with a CPE objective in pounds and --budget in dollars."""
    db = str(tmp_path / "ws.db")
    influkit.campaign_new("uk", budget="£8,000", objectives="cpe=0.3", store=db)
    influkit.campaign_new("plain", store=db)
    assert cli_error("report", SHEET, "--campaign", "uk", "--objectives", "cpe=$0.25", "--offline", "--db", db) == (
        "influkit: --objectives cpe '$0.25' is in USD but workspace campaign 'uk' says GBP: give one currency "
        "(influkit converts no amount)")
    with pytest.raises(UsageError, match=r"--budget '\$5,000' is in USD but workspace campaign 'uk' says GBP"):
        influkit.report(SHEET, campaign="uk", budget="$5,000", offline=True, store=db)
    # one currency: accepted, and a budget with no sign takes the objectives' currency
    same = influkit.report(SHEET, campaign="uk", objectives="cpe=£0.25", offline=True, store=db).to_dict()
    assert same["objectives"]["currency"] == "GBP"
    bare = influkit.report(SHEET, campaign="plain", budget="8000", objectives="cpe=$0.25", offline=True,
                           store=db).to_dict()
    assert (bare["objectives"]["budget"], bare["objectives"]["currency"]) == (8000.0, "USD")
