from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

import influkit
from influkit.cli.app import app
from influkit.labels import prose

runner = CliRunner()

SHEET = (
    "Prospection printemps 2026\n"
    "\n"
    "Nom;Réseau;Pseudo;Abonnés;Likes moyens;Commentaires moyens;Statut;Autre\n"
    "Léa;Insta;@lea;12,5 k;400;25;Contacté;vue au salon\n"
    "Tom;YT;@tom;beaucoup;;;Repéré;=cmd|' /C calc'!A0\n"
    "Zoé;Tik Tok;zoe;1,2 M;50 k;1 200;Signé;\n"
)


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    p = tmp_path / "prospects.csv"
    p.write_bytes(SHEET.encode("cp1252"))
    return p


def test_default_output_beside_input_and_input_untouched(sheet: Path) -> None:
    before = hashlib.sha256(sheet.read_bytes()).hexdigest()
    result = runner.invoke(app, ["enrich", str(sheet)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""  # quiet on stdout: the data went to the file
    out = sheet.with_name("prospects.enriched.xlsx")
    assert out.exists()
    assert hashlib.sha256(sheet.read_bytes()).hexdigest() == before
    assert "3 rows read" in result.stderr
    assert "issues: 1 (Abonnés 1)" in result.stderr


def test_a_format_without_output_is_a_stream_on_stdout(sheet: Path, tmp_path: Path) -> None:
    """`influkit enrich list.csv -f csv | influkit score -`: -f csv/json/jsonl without -o is stdout;
    -f xlsx without -o is still the file beside the input."""
    result = runner.invoke(app, ["enrich", str(sheet), "-f", "csv", "--no-store", "-q"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("creator,platform,handle")
    assert len(result.stdout.splitlines()) == 4 and not sheet.with_name("prospects.enriched.csv").exists()
    assert json.loads(runner.invoke(app, ["enrich", str(sheet), "-f", "json", "--no-store", "-q"]).stdout)
    xlsx = runner.invoke(app, ["enrich", str(sheet), "-f", "xlsx", "--no-store", "-q"])
    assert xlsx.exit_code == 0 and xlsx.stdout == "" and sheet.with_name("prospects.enriched.xlsx").exists()


def test_cli_json_equals_library_result(sheet: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["enrich", str(sheet), "-o", "-", "--format", "json", "--no-store"])
    assert result.exit_code == 0, result.stderr
    from_cli = json.loads(result.stdout)
    from_lib = influkit.enrich(str(sheet), store=None).records()
    assert from_cli == from_lib
    assert [r["handle"] for r in from_cli] == ["lea", "tom", "zoe"]
    assert from_cli[1]["issues"] == "Abonnés : impossible de lire 'beaucoup'"  # a French sheet: French prose
    assert from_cli[0]["Autre"] == "vue au salon"


def test_stdin_to_stdout_csv(sheet: Path) -> None:
    result = runner.invoke(app, ["enrich", "-", "--from", "csv", "--no-store"], input=sheet.read_bytes())
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("creator,platform,handle,profile_url,followers")
    assert len(lines) == 4
    assert "'=cmd|' /C calc'!A0" in result.stdout  # neutralised for spreadsheet programs


def test_strict_exits_1_with_one_line_naming_the_cell(sheet: Path) -> None:
    result = runner.invoke(app, ["enrich", str(sheet), "--strict", "-o", "-"])
    assert result.exit_code == 1
    assert result.stdout == ""
    message = result.stderr.strip()
    assert "\n" not in message
    assert message == f"influkit: {sheet}, row 5, column 'Abonnés': followers: could not read 'beaucoup'"


def test_usage_errors_exit_2(sheet: Path) -> None:
    result = runner.invoke(app, ["enrich", str(sheet), "--format", "parquet"])
    assert result.exit_code == 2
    assert "unknown format 'parquet'" in result.stderr
    result = runner.invoke(app, ["enrich", str(sheet), "--map", "nonsense"])
    assert result.exit_code == 2


def test_missing_file_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["enrich", str(tmp_path / "nope.xlsx")])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"influkit: {tmp_path / 'nope.xlsx'}: no such file"


def test_enrich_records_the_workspace(sheet: Path, tmp_path: Path) -> None:
    db = tmp_path / "ws.db"
    result = runner.invoke(app, ["enrich", str(sheet), "-o", str(tmp_path / "o.csv"), "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    from influkit.store import Store

    with Store(db) as store:
        assert {(a["platform"], a["handle"]) for a in store.accounts()} == {
            ("instagram", "lea"), ("youtube", "tom"), ("tiktok", "zoe")}
        assert len(store.load_list()) == 3


def test_help_on_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    commands = [line.split()[0] for line in result.stdout.split("Commands:")[1].splitlines()
                if line.startswith("  ") and not line.startswith("   ")]  # wrapped help lines are indented more
    assert "enrich" in commands
    for command in commands:
        sub = runner.invoke(app, [command, "--help"])
        assert sub.exit_code == 0, command
        assert "Usage:" in sub.stdout


def test_console_script_version_and_exit_codes(sheet: Path, tmp_path: Path) -> None:
    exe = [sys.executable, "-m", "influkit.cli"]
    out = subprocess.run([*exe, "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"influkit {influkit.__version__}"
    bad = subprocess.run([*exe, "enrich", str(tmp_path / "none.csv")], capture_output=True, text=True)
    assert bad.returncode == 1
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
    dbg = subprocess.run([*exe, "--debug", "enrich", str(tmp_path / "none.csv")], capture_output=True, text=True)
    assert dbg.returncode == 1 and "Traceback" in dbg.stderr
    late = subprocess.run([*exe, "enrich", str(tmp_path / "none.csv"), "--debug"], capture_output=True, text=True)
    assert late.returncode == 1 and "Traceback" in late.stderr  # --debug after the command works too
    usage = subprocess.run([*exe, "enrich"], capture_output=True, text=True)
    assert usage.returncode == 2


def test_core_library_never_imports_typer_or_rich() -> None:
    code = (
        "import sys, pkgutil, importlib, influkit\n"
        "for m in pkgutil.walk_packages(influkit.__path__, 'influkit.'):\n"
        "    if not m.name.startswith('influkit.cli'):\n"
        "        importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('typer', 'rich')]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_enrich_into_a_workspace_without_a_brand_loads_no_brand_profile(tmp_path: Path) -> None:
    """Heavy libraries load only where used (issue #9's rule): choosing the estimates' currency looked
    for a campaign brand by importing influkit.brand and pydantic (0.15 s), which made a live run's
    share of the rate limit fall below 90 % (issue #14, benchmarks/bench_live.py)."""
    sheet = tmp_path / "list.csv"
    sheet.write_text("platform,handle,followers\ninstagram,ana,12000\n", encoding="utf-8")
    code = ("import sys\nfrom influkit import enrich\n"
            f"table = enrich({str(sheet)!r}, offline=True, store={str(tmp_path / 'ws.db')!r})\n"
            "print(len(table), table.meta['store']['campaign'], 'pydantic' in sys.modules, "
            "'influkit.brand' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["1", "default", "False", "False"]


def test_thresholds_table_has_every_figure_with_a_source() -> None:
    from influkit.thresholds import FLAGS, TIERS, table

    result = runner.invoke(app, ["thresholds", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows == json.loads(json.dumps(table(), default=str))
    assert all(r["source"] for r in rows)
    names = {(r["group"], r["name"]) for r in rows}
    assert {("tier", t.name) for t in TIERS} <= names
    assert {("authenticity flag", code) for code in FLAGS} <= names
    assert ("tier", "micro") in names and any(r["group"] == "spike rule" for r in rows)


def test_csv_pipe_round_trip_keeps_formula_like_text(sheet: Path) -> None:
    first = runner.invoke(app, ["enrich", str(sheet), "-o", "-", "--no-store", "-q"])
    assert "'=cmd" in first.stdout  # neutralised for spreadsheet programs
    second = runner.invoke(app, ["enrich", "-", "--from", "csv", "-o", "-", "-f", "json", "--no-store", "-q"],
                           input=first.stdout)
    rows = json.loads(second.stdout)
    assert rows[1]["Autre"] == "=cmd|' /C calc'!A0"  # the sheet's own text again, in unknown columns too
    third = runner.invoke(app, ["enrich", "-", "--from", "csv", "-o", "-", "--no-store", "-q"], input=first.stdout)
    assert third.stdout.count("'=cmd") == 1  # never a second apostrophe


def test_output_over_the_input_is_refused(sheet: Path) -> None:
    before = sheet.read_bytes()
    result = runner.invoke(app, ["enrich", str(sheet), "-o", str(sheet), "--no-store"])
    assert result.exit_code == 2
    assert "is the input file" in result.stderr
    assert sheet.read_bytes() == before


def test_reading_our_own_output_back_keeps_columns_and_values(sheet: Path) -> None:
    first = runner.invoke(app, ["enrich", str(sheet), "-o", "-", "--no-store", "-q"])
    again = runner.invoke(app, ["enrich", "-", "--from", "csv", "-o", "-", "-f", "json", "--no-store", "-q"],
                          input=first.stdout)
    assert again.exit_code == 0, again.stderr
    rows = json.loads(again.stdout)
    direct = influkit.enrich(str(sheet), store=None).records()
    assert list(rows[0]) == list(direct[0])  # no "engagement_rate (2)", "issues (2)", ...
    for got, want in zip(rows, direct, strict=True):
        for column in ("followers", "engagement_rate", "tier", "est_price_low", "authenticity"):
            assert got[column] == want[column], column
        # influkit's CSV has English headers: read back, its prose is in English (the same sentences)
        assert got["issues"] == prose(want["issues"], "en", issues=True)
    assert isinstance(rows[0]["est_price_low"], float)


def test_a_closed_pipe_is_not_an_error(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_text("Pseudo;Réseau;Abonnés\n" + "".join(f"u{i};IG;{i}\n" for i in range(30_000)), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "influkit.cli", "enrich", str(big), "-o", "-", "--no-store", "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(20).startswith(b"platform,handle")  # like `| head -c 20`
    proc.stdout.close()
    assert proc.wait(timeout=60) == 0
    assert b"Traceback" not in proc.stderr.read()


def test_the_summary_says_which_rows_the_workspace_could_not_record(tmp_path: Path) -> None:
    p = tmp_path / "l.csv"
    p.write_text("Nom,Lien,Abonnés\nLéa,https://www.instagram.com/lea.cook/,1200\n"
                 "Bob,https://www.instagram.com/,800\nZoé,https://www.tiktok.com/@zoe,300\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["enrich", str(p), "--offline", "--db", str(tmp_path / "ws.db"), "-o",
                                      str(tmp_path / "o.csv")])
    assert result.exit_code == 0, result.output
    assert "campaign default: 2 accounts, 2 snapshots, 0 stage changes recorded" in result.stderr
    assert ("1 row naming no account (no network and handle, or a handle the network does not allow) not "
            "recorded: row 3 (it needs a network and a handle, or a profile link; --platform gives every row "
            "without one a network)") in result.stderr.replace("\n", " ")
    # a handle without a network: named too (no issue on its row says it)
    p.write_text("Nom;Réseau;Compte;Abonnés\n" + "".join(f"C{i};;chaine{i};{i}00\n" for i in range(12))
                 + "Léa;IG;lea.cook;900\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["enrich", str(p), "--offline", "--db", str(tmp_path / "ws2.db"), "-o",
                                      str(tmp_path / "o2.csv")])
    assert result.exit_code == 0, result.output
    assert "12 rows naming no account (no network and handle, or a handle the network does not allow) not " \
        "recorded: rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, ... (each" in result.stderr.replace("\n", " ")
    # a handle its network does not allow ("zoé.beauté" on Instagram): an issue on its row, never an account
    p.write_text("Pseudo,Réseau,Abonnés\nzoé.beauté,Instagram,1200\nlea.cook,Instagram,900\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["enrich", str(p), "--offline", "--db", str(tmp_path / "ws3.db"), "-o",
                                      str(tmp_path / "o3.csv")])
    assert result.exit_code == 0, result.output
    assert "campaign default: 1 account, 1 snapshot" in result.stderr
    assert "not recorded: row 2 (it needs" in result.stderr.replace("\n", " ")
    with closing(sqlite3.connect(tmp_path / "ws3.db")) as conn:
        assert conn.execute("SELECT platform, handle FROM accounts").fetchall() == [("instagram", "lea.cook")]
    out = (tmp_path / "o3.csv").read_text(encoding="utf-8")
    assert "zoé.beauté" in out and "lea.cook" in out  # the row reaches the output, its issue with it


NOTED = ("Creator,IG handle,TikTok,Followers (IG),Avg views,ER %,Rate (£),Status\n"
         "Amara Okafor,@amaraskin.ldn,@amaraskin,48.2K,12.5K,3.4%,\"£1,200\",Contacted\n"
         "Chloe Barnes,@chloe.glowsup,,23100,10K-15K,5.2%,£650 or £800,Replied\n"
         "Ruby Chen,@rubychen.skin,@rubychenskin,{followers},15.2K,5.5%,£950,Replied\n")


def test_strict_stops_on_cells_that_could_not_be_read_not_on_notes(tmp_path: Path) -> None:
    """Found by a new user: --strict exited 1 on "Avg views: one 'Avg views' value for 2 accounts on this
    sheet row: given to the first", a cell that was read, so a sheet with one "Avg views" per person (and
    two accounts) could never pass. Notes on cells that were read (a value given to the first account, a
    range read as its middle, the first of several prices) stay on their rows; --strict stops only on a
    cell or row that could not be read, and names that one, not an earlier note."""
    sheet = tmp_path / "uk.csv"
    sheet.write_text(NOTED.format(followers="41.3K"), encoding="utf-8")
    done = runner.invoke(app, ["enrich", str(sheet), "--offline", "--no-store", "--strict", "-o", "-"])
    assert done.exit_code == 0, done.stderr
    issues = [line for line in done.stdout.splitlines() if "given to the first" in line]
    assert len(issues) == 2 and "range '10K-15K' read as 12,500" in done.stdout  # (the notes are kept)
    sheet.write_text(NOTED.format(followers="loads"), encoding="utf-8")
    done = runner.invoke(app, ["enrich", str(sheet), "--offline", "--no-store", "--strict", "-o", "-"])
    assert done.exit_code == 1
    assert done.stderr.strip() == (f"influkit: {sheet}, row 4, column 'Followers (IG)': followers: could not read "
                                   "'loads'")


def test_the_summary_counts_issues_under_the_sheets_headers_and_in_the_singular_for_one(tmp_path: Path) -> None:
    """Found by a new user: the summary said "issues: 17 (avg_views 8, engagement_rate 8, Avg views 1)" while
    each row's issue names "Avg views:" and "ER %:": one column under two names. Issues are counted under
    the name their row's entry gives (the sheet's header as written), notes on cells that were read said
    apart; and a count of one is singular ("1 row out", "1 duplicate", "1 account")."""
    sheet = tmp_path / "uk.csv"
    sheet.write_text(NOTED.format(followers="41.3K") + "Jess Patel,@jess.skin.diaries,,19.9K,#N/A,4%,£450,Contacted\n",
                     encoding="utf-8")
    done = runner.invoke(app, ["enrich", str(sheet), "--offline", "--no-store", "-o", "-"])
    assert done.exit_code == 0, done.stderr
    assert "issues: 7 (Avg views 4, ER % 2, Rate (£) 1; 6 notes on cells that were read); see the 'issues' " \
           "column" in done.stderr
    one = tmp_path / "one.csv"
    one.write_text("Creator,IG handle,Followers\nAmara Okafor,@amaraskin.ldn,48.2K\n", encoding="utf-8")
    done = runner.invoke(app, ["enrich", str(one), "--offline", "--no-store", "-o", "-"])
    assert f"{one}: 1 row read (header on row 1), 1 row out, 0 duplicates marked" in done.stderr
    history = tmp_path / "h.csv"
    history.write_text("date,followers\n2026-01-01,100\n", encoding="utf-8")
    done = runner.invoke(app, ["history", "import", str(history), "--platform", "instagram", "--handle", "x",
                               "--db", str(tmp_path / "w.db")])
    assert done.exit_code == 0, done.stderr
    assert "h.csv: 1 account, 1 point (totals) recorded in" in done.stderr
