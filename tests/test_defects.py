"""Issue #15: small defects a new user hit, each with the test that failed before the fix."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import influkit
from influkit.campaign.links import make_code
from influkit.cli.app import app
from influkit.errors import UsageError
from influkit.fit import RowScore, _cost, mentions_brand, reason_text
from influkit.metrics.trends import detect_events
from influkit.pipeline import tier_bands
from influkit.textmatch import Prepared

ROOT = Path(__file__).resolve().parents[1]
BRAND = str(ROOT / "examples" / "brand.toml")
runner = CliRunner()


# ------------------------------------------------------------------------------------------ tiers


@pytest.mark.parametrize("bands, message", [
    ("micro=50k,mid=10k", "bands must increase: mid starts at 10,000"),
    ("petit=5k", "unknown tier 'petit'"),
    ("micro=10k,micro=20k", "given twice"),
    ("micro", "should look like name=10k"),
    ("micro=beaucoup", "has no follower count"),
    ("nano=5k", "starts at 0"),
])
def test_tier_bands_are_checked(bands: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        tier_bands(bands)


def test_bad_tiers_exit_2_and_good_ones_apply(tmp_path: Path) -> None:
    sheet = tmp_path / "t.csv"
    sheet.write_text("platform,handle,followers\ninstagram,big,1200000\ninstagram,small,8000\n", encoding="utf-8")
    bad = runner.invoke(app, ["enrich", str(sheet), "--no-store", "--offline", "-o", "-", "--tiers", "micro=50k,mid=10k"])
    assert bad.exit_code == 2 and "--tiers: bands must increase" in bad.stderr
    good = influkit.enrich(str(sheet), tiers="micro=5k,mega=1M", offline=True, store=None)
    assert good.get("tier") == ["mega", "micro"]  # nano, micro, mega: the tiers left out are not used


# ---------------------------------------------------------------------------------- competitors


@pytest.mark.parametrize("text, found", [
    ("merci #typologyparis pour ce sérum", True),
    ("#TypologyParis", True),
    ("@typologyparis", True),
    ("#nontypology", False),
    ("#typologyism", False),
    ("une typologie de peaux", False),
])
def test_competitor_in_a_lower_case_hashtag(text: str, found: bool) -> None:
    assert mentions_brand(Prepared(text), "Typology") is found


# -------------------------------------------------------------------------------------- history


def test_an_episode_total_is_the_series_rise_between_its_dates() -> None:
    """Two spiking days separated by one ordinary day make one episode; its gain is the series' own rise
    from its first to its last date (the ordinary day included), and its days match its dates."""
    start = dt.date(2023, 7, 1)
    values = [10_000 + 20 * i for i in range(20)]
    jumps = {12: 1500, 14: 1800}  # day 12 and day 14 jump; day 13 is ordinary
    level = 0
    series = []
    for i, v in enumerate(values):
        level += jumps.get(i, 0)
        series.append((start + dt.timedelta(days=i), float(v + level)))
    (episode,) = detect_events(series)
    by_day = dict(series)
    assert (episode.start, episode.end) == (start + dt.timedelta(days=11), start + dt.timedelta(days=14))
    assert episode.days == (episode.end - episode.start).days == 3
    assert episode.gain == by_day[episode.end] - by_day[episode.start] == 1500 + 1800 + 3 * 20


# ------------------------------------------------------------------------------ posts, benchmark


def test_tiktok_views_from_a_posts_tab_feed_the_views_benchmark(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Prospects"
    sheet.append(["Plateforme", "Pseudo", "Abonnés"])
    sheet.append(["TikTok", "danse.lou", 120000])
    posts = book.create_sheet("Posts")
    posts.append(["Plateforme", "Pseudo", "Date", "Vues", "J'aime", "Commentaires", "Partages"])
    for i in range(6):
        posts.append(["TikTok", "danse.lou", dt.date(2026, 3, 1 + 3 * i), 50_000, 3_000, 150, 100])
    path = tmp_path / "tiktok.xlsx"
    book.save(path)
    (row,) = influkit.enrich(str(path), sheet="Prospects", offline=True, store=None).records()
    assert row["engagement_rate_views"] == pytest.approx(3250 / 50_000)
    assert row["er_vs_tier"] is not None  # TikTok's benchmark is by views: it now applies
    scored = influkit.score(str(path), sheet="Prospects", brand=BRAND, store=None).records()[0]
    assert "missing: engagement benchmark" not in scored["reasons"]


# ----------------------------------------------------------------------------------- promo codes


def test_a_channel_id_never_becomes_a_promo_code() -> None:
    channel = "UCQ7TGVX3CHLM9PZR410abcd"
    assert make_code("{HANDLE}10", handle=channel, creator="Théo Gauvain", campaign="c",
                     platform="youtube") == "THEOGAUVAIN10"
    anonymous = make_code("{HANDLE}10", handle=channel, creator="", campaign="c", platform="youtube")
    assert not anonymous.startswith("UCQ7") and anonymous.endswith("10")


# ------------------------------------------------------------------------------------------ cost


def test_cost_weighs_the_budget_first_and_the_fair_band_second() -> None:
    """A EUR 350 quote under an EUR 800 budget, 40 % above the fair band's top, is not a 0 on cost."""
    brand = influkit.brand_check(BRAND)
    assert brand.budget.per_post is not None and brand.budget.per_post >= 350
    r = RowScore()
    _cost(r, {"price_quoted": 350, "currency": "EUR", "est_price_low": 125, "est_price_high": 250,
              "price_currency": "EUR"}, brand)
    assert r.components["cost"] == pytest.approx(100 - 40 * 0.4)
    text = "; ".join(reason_text(n, "en") for n in r.notes_of("cost"))
    assert "within the" in text and "above the fair band's top €250" in text


# -------------------------------------------------------------------------------------- messages


def test_xls_output_says_what_to_use(tmp_path: Path) -> None:
    result = runner.invoke(app, ["enrich", str(ROOT / "examples" / "prospects_en.csv"), "--no-store", "-o",
                                 str(tmp_path / "out.xls")])
    assert result.exit_code == 2
    assert "xls is not written; use .xlsx" in result.stderr


def test_help_texts_name_their_values() -> None:
    for command in (["enrich"], ["score"], ["shortlist"], ["funnel"], ["links"], ["results"], ["history", "show"],
                    ["history", "import"], ["brand", "check"], ["thresholds"], ["columns"]):
        text = runner.invoke(app, [*command, "--help"]).stdout
        assert "<str>" not in text and "<int" not in text and "<float" not in text, command
        usage = text.splitlines()[0]
        assert "{" not in usage, usage
    assert "Usage: influkit enrich [OPTIONS] FILE" in runner.invoke(app, ["enrich", "--help"]).stdout


def test_explain_has_a_reason_on_every_component_line() -> None:
    scored = influkit.score(str(ROOT / "examples" / "prospects.xlsx"), brand=BRAND, store=None,
                            explain="amandine.glow")
    lines = [line for line in scored.explanation() if line.startswith("  ")]
    assert len(lines) == 6
    for line in lines:
        assert line.split("  ")[-1].strip(), f"blank reason: {line!r}"


def test_results_say_the_currency_they_assumed_and_count_plainly(tmp_path: Path) -> None:
    sheet = tmp_path / "deals.csv"
    sheet.write_text("creator,platform,handle,stage,price_quoted,promo_code\n"
                     "Léa,instagram,lea,deal,300,LEA10\nNoé,instagram,noe,deal,200,NOE10\n", encoding="utf-8")
    orders = tmp_path / "orders.csv"
    orders.write_text("Name,Financial Status,Currency,Total,Discount Code\n#1,paid,EUR,50,LEA10\n",
                      encoding="utf-8")
    report = influkit.results(str(orders), str(sheet), store=None)
    assert {c["creator"]: c["currency"] for c in report["creators"]} == {"Léa": "EUR", "Noé": "EUR"}
    result = runner.invoke(app, ["results", str(orders), str(sheet), "--no-store", "-f", "csv"])
    assert "1 counted for 1 creator with orders (2 creators listed)" in result.stderr


# ------------------------------------------------------------------------------- shell completion


@pytest.mark.parametrize("shell, marker", [("bash", "complete -o default"), ("zsh", "compdef"),
                                           ("fish", "complete --command influkit")])
def test_shell_completion_scripts(shell: str, marker: str) -> None:
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    out = subprocess.run([sys.executable, "-m", "influkit.cli", "--show-completion", shell], capture_output=True,
                         text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert marker in out.stdout and "_INFLUKIT_COMPLETE" in out.stdout


def test_completion_completes_commands_and_options() -> None:
    def complete(words: str, cword: int) -> list[str]:
        env = {**os.environ, "_INFLUKIT_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
        out = subprocess.run([sys.executable, "-m", "influkit.cli"], capture_output=True, text=True, env=env)
        return out.stdout.split()

    assert "funnel" in complete("influkit fun", 1)
    assert "--target-deals" in complete("influkit funnel --ta", 2)


def test_ctrl_c_is_one_line_even_when_cleaning_up_after_it_fails(capsys: pytest.CaptureFixture[str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A KeyboardInterrupt that a `finally` block masks with its own error is still an interruption."""
    from influkit.cli.common import error_exit_code
    from influkit.store import base

    monkeypatch.setattr(base, "COMMITTED", [])  # (no workspace written by this run)

    def cleanup_fails() -> None:
        try:
            raise KeyboardInterrupt
        finally:
            [].pop()

    with pytest.raises(IndexError) as caught:
        cleanup_fails()
    assert error_exit_code(caught.value) == 130
    assert capsys.readouterr().err == "influkit: interrupted\n"
    assert error_exit_code(ValueError("other")) == 1


def test_a_ctrl_c_says_so_and_whether_the_workspace_had_recorded_the_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """typer turns a Ctrl-C into a silent exit 130: the command line still says it was interrupted, and
    names the workspace when the run's transaction had already committed."""
    from influkit.cli.app import main
    from influkit.store import Store, base

    ws = str(tmp_path / "w.db")
    examples = Path(__file__).resolve().parent.parent / "examples"

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    def recorded_then_interrupted(file: str, **kwargs: object) -> None:
        with Store(ws) as db:
            db.write(lambda: db.record_import(influkit.pipeline.read_table(file)))
        raise KeyboardInterrupt

    monkeypatch.setattr(base, "COMMITTED", [])
    for fake, said in ((interrupted, "influkit: interrupted\n"),
                       (recorded_then_interrupted, f"influkit: interrupted; the workspace {ws} had already recorded "
                                                   "this run\n")):
        monkeypatch.setattr(influkit, "enrich", fake)
        monkeypatch.setattr(sys, "argv", ["influkit", "enrich", str(examples / "prospects.xlsx"), "--offline", "--db",
                                          ws, "-q", "-o", str(tmp_path / "out.csv")])
        with pytest.raises(SystemExit) as exited:
            main()
        assert exited.value.code == 130
        assert capsys.readouterr().err.endswith(said)


def test_a_ctrl_c_once_the_command_is_done_does_not_kill_its_exit(tmp_path: Path) -> None:
    """After a command succeeded (its output written, a workspace's log maybe still being copied), a
    Ctrl-C is ignored: the process exits 0, not killed by the signal."""
    examples = Path(__file__).resolve().parent.parent / "examples"
    script = (
        "import os, signal, sys, time\n"
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        f"sys.argv = ['influkit', 'enrich', {str(examples / 'prospects.xlsx')!r}, '--offline', '--db', "
        f"{str(tmp_path / 'w.db')!r}, '-q', '-o', {str(tmp_path / 'out.csv')!r}]\n"
        "from influkit.cli.app import main\n"
        "main()\n"
        "os.kill(os.getpid(), signal.SIGINT)\n"
        "time.sleep(0.2)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.csv").exists() and "interrupted" not in done.stderr


@pytest.mark.parametrize("header", ["Score", "Confiance", "Rang", "Tendance", "Alertes"])
def test_a_users_own_column_titled_like_one_of_influkits_is_kept(tmp_path: Path, header: str) -> None:
    """A user's single column whose header is a label influkit writes (a "Score" of their own) is their
    data: kept with its values, in enrich and score alike. Only a run of two such labels, the collision
    suffix or the workbook's hidden name mark columns influkit wrote (new-user review, fifth pass of #14:
    "Score" was dropped as "recomputed")."""
    sheet = tmp_path / "l.csv"
    sheet.write_text(f"Nom,Instagram,Abonnés,{header},Notes\nA,https://instagram.com/sc1,1000,4/5,top\n"
                     f"B,https://instagram.com/sc2,2000,3/5,ok\n", encoding="utf-8")
    enriched = influkit.enrich(str(sheet), offline=True, store=None)
    assert enriched.get(header) == ["4/5", "3/5"]
    scored = influkit.score(str(sheet), brand=str(Path(__file__).parents[1] / "examples" / "brand.toml"), store=None)
    assert scored.get(header) == ["4/5", "3/5"] and all(s is not None for s in scored.get("score"))
    result = CliRunner().invoke(app, ["enrich", str(sheet), "--offline", "--no-store", "-o", "-"])
    assert result.exit_code == 0 and "4/5" in result.stdout and "recomputed" not in result.stderr


def test_json_outputs_stay_json_with_infinite_numbers(tmp_path: Path) -> None:
    """A kept cell holding Infinity (a JSON or JSONL input allows it) is null in JSON and JSONL outputs, as
    NaN is: standard JSON has no such number (new-user review, fifth pass of #14)."""
    import json

    source = tmp_path / "weird.jsonl"
    source.write_text('{"creator":"A","platform":"instagram","handle":"ja","followers":1000,"X":Infinity}\n'
                      '{"creator":"B","platform":"instagram","handle":"jb","followers":2000,"X":-Infinity}\n'
                      '{"creator":"C","platform":"instagram","handle":"jc","followers":3000,"X":NaN}\n', encoding="utf-8")

    def refuse(constant: str) -> None:
        raise ValueError(f"not JSON: {constant}")

    for out in ("w.json", "w.jsonl"):
        result = CliRunner().invoke(app, ["enrich", str(source), "--offline", "--no-store", "-o", str(tmp_path / out)])
        assert result.exit_code == 0, result.output
        text = (tmp_path / out).read_text(encoding="utf-8")
        rows = (json.loads(text, parse_constant=refuse) if out.endswith(".json")
                else [json.loads(line, parse_constant=refuse) for line in text.splitlines()])
        assert [r["X"] for r in rows] == [None, None, None] and [r["handle"] for r in rows] == ["ja", "jb", "jc"]


def test_the_summary_names_a_row_without_handle_or_name_by_its_row(tmp_path: Path) -> None:
    """`score`'s summary line named such a row `None` (new-user review, fifth pass of #14)."""
    sheet = tmp_path / "l.csv"
    sheet.write_text("Nom,Plateforme,Abonnés,Likes moy.,Notes\n,Instagram,10000,500,vegan\n", encoding="utf-8")
    brand = str(Path(__file__).parents[1] / "examples" / "brand.toml")
    result = CliRunner().invoke(app, ["score", str(sheet), "--brand", brand, "--no-store", "-o", str(tmp_path / "s.csv")])
    assert result.exit_code == 0 and "best row 2 (" in result.stderr and "None" not in result.stderr


def test_the_terminal_table_of_score_lists_the_unranked_rows_last(tmp_path: Path) -> None:
    """A TOTAL row and a blocked creator have no rank: `score -f table` (what a terminal shows) lists
    them after the ranked creators instead of failing on the comparison of None and a number."""
    sheet = tmp_path / "tot.csv"
    sheet.write_text("Pseudo,Réseau,Nb abonnés,Bio\n@lea.v,Instagram,12 500,soins vegan\n"
                     "@max.bet,Instagram,9000,casino tous les soirs\nTOTAL,,21 500,\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(sheet), "--brand", BRAND, "--no-store", "-f", "table"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if "lea.v" in line or "max.bet" in line]
    assert len(lines) == 2 and "lea.v" in lines[0] and "max.bet" in lines[1]


def test_set_post_wants_a_posts_link_kept_once_and_warns_for_another_account(tmp_path: Path) -> None:
    """`set --post`: a profile page is refused (exit 2, naming --post); a link shared with tracking
    parameters is the same post; the post of another creator of the workspace is refused (exit 1), an
    unknown account's is recorded with a warning."""
    import sqlite3

    sheet = tmp_path / "c.csv"
    sheet.write_text("Nom;Réseau;Profil;Abonnés\nLéa Martin;Instagram;https://www.instagram.com/lea.martin/;45 000\n"
                     "Tom Durand;TikTok;https://www.tiktok.com/@tomdurand;120 000\n", encoding="utf-8")
    db = str(tmp_path / "ws.db")
    influkit.enrich(str(sheet), offline=True, store=db)
    profile = runner.invoke(app, ["set", "lea.martin", "--post", "https://www.instagram.com/lea.martin/", "--db", db])
    assert profile.exit_code == 2 and "--post" in profile.stderr and "not a post" in profile.stderr
    bad = runner.invoke(app, ["set", "lea.martin", "--post", "pas un lien", "--db", db])
    assert bad.exit_code == 2 and bad.stderr.startswith("influkit: --post 'pas un lien'")
    for url in ("https://www.instagram.com/p/Cx13JJJJJJJ/", "https://www.instagram.com/p/Cx13JJJJJJJ/?igsh=abc",
                "https://WWW.instagram.com/p/Cx13JJJJJJJ/?utm_source=ig_web_copy_link#x"):
        assert runner.invoke(app, ["set", "lea.martin", "--post", url, "--db", db]).exit_code == 0
    # another creator's post (Tom is in the workspace): refused since the twenty-second pass (it counted for
    # both in the report); an account the workspace does not know: recorded with a warning
    other = runner.invoke(app, ["set", "lea.martin", "--post", "https://www.tiktok.com/@tomdurand/video/7300000000000000009",
                                "--db", db])
    assert other.exit_code == 1 and "the post of tiktok:tomdurand" in other.stderr
    unknown = runner.invoke(app, ["set", "lea.martin", "--post", "https://www.tiktok.com/@marque/video/7300000000000000009",
                                  "--db", db])
    assert unknown.exit_code == 0 and "warning: the post" in unknown.stderr and "tiktok marque's" in unknown.stderr
    with sqlite3.connect(db) as conn:
        urls = sorted(u for (u,) in conn.execute("SELECT url FROM campaign_posts"))
    assert urls == ["https://www.instagram.com/p/Cx13JJJJJJJ/", "https://www.tiktok.com/@marque/video/7300000000000000009"]


def test_every_command_and_subcommand_accepts_quiet() -> None:
    """-q (--quiet) is understood everywhere, even where there is nothing to silence."""
    import typer.main

    def walk(group: Any, path: list[str]) -> list[list[str]]:
        found: list[list[str]] = []
        for name, command in getattr(group, "commands", {}).items():
            found += walk(command, [*path, name]) if hasattr(command, "commands") else [[*path, name]]
        return found

    commands = walk(typer.main.get_command(app), [])
    assert len(commands) > 20
    missing = [c for c in commands if "-q" not in runner.invoke(app, [*c, "--help"]).stdout]
    assert missing == []


@pytest.mark.parametrize(("argv", "said"), [
    (["enrich", "x.csv", "--posts-window", "0"], "'--posts-window': 0 is not in the range x>=1. (see 'influkit enrich --help')"),
    (["enrich", "x.csv", "--bogus"], "No such option: --bogus (see 'influkit enrich --help')"),
    (["enrch", "x.csv"], "No such command 'enrch'. Did you mean 'enrich'? (see 'influkit --help')"),
    (["history", "import"], "Missing argument 'FILE'. (see 'influkit history import --help')"),
])
def test_option_errors_are_one_line_with_exit_2(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                                argv: list[str], said: str) -> None:
    """Found by a new user: click's own errors (a value out of range, an unknown option or command, a
    missing argument) took four lines (usage, hint, blank, error) where the README promises one line
    on stderr. Every usage error is `influkit: <what>` on one line, naming the help to read; exit 2."""
    from influkit.cli.app import main

    monkeypatch.setattr(sys, "argv", ["influkit", *argv])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert captured.err.startswith("influkit: ") and captured.err.rstrip("\n").endswith(said)
