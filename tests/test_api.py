"""The library is the product: each command's `--format json` equals its library call, commands given
a FILE see exactly what `enrich FILE` shows with the same workspace, and the docs that mirror the code
are generated from it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import influkit
from influkit.cli.app import app
from influkit.errors import InfluError, UsageError

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
XLSX = str(EXAMPLES / "prospects.xlsx")
BRAND = str(EXAMPLES / "brand.toml")
ORDERS = str(EXAMPLES / "orders_shopify.csv")
AMANDINE = str(EXAMPLES / "history" / "iconosquare_amandine.glow_followers.csv")
runner = CliRunner()


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-04-15")


def cli_json(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[str]:
    """A workspace with the amandine.glow history and the example list enriched into it."""
    db = str(tmp_path / "ws.db")
    influkit.history_import(AMANDINE, platform="instagram", handle="amandine.glow", store=db)
    influkit.enrich(XLSX, offline=True, store=db)
    yield db


def test_enrich_cli_json_equals_library() -> None:
    lib = influkit.enrich(XLSX, offline=True, store=None).records()
    assert cli_json("enrich", XLSX, "--offline", "--no-store", "-o", "-", "-f", "json", "-q") == lib
    assert len(lib) > 10


def test_score_shortlist_links_cli_json_equal_library(workspace: str) -> None:
    scored = influkit.score(XLSX, brand=BRAND, store=workspace)
    assert cli_json("score", XLSX, "--brand", BRAND, "--db", workspace, "-f", "json", "-q") == scored.records()
    chosen = influkit.shortlist(top=5, store=workspace)
    assert cli_json("shortlist", "--top", "5", "--db", workspace, "-f", "json", "-q") == chosen.records()
    # rank 3 never replied: left out unless asked for (--stage); the shortlist's ranks count what it shows
    assert len(chosen) == 5 and chosen.get("rank") == [1, 2, 3, 4, 5] and chosen.left_out == {"no_reply": 1}
    assert chosen.meta["list_ranks"] == [1, 2, 4, 5, 6]
    every = influkit.shortlist(top=5, stage=["all"], store=workspace)
    assert cli_json("shortlist", "--top", "5", "--stage", "all", "--db", workspace, "-f", "json",
                    "-q") == every.records()
    assert every.get("rank") == [1, 2, 3, 4, 5]
    links = influkit.links(XLSX, url="https://shop.example/p", campaign="c1", store=None)
    assert cli_json("links", XLSX, "--url", "https://shop.example/p", "--campaign", "c1", "--no-store", "-o", "-",
                    "-f", "json", "-q") == links.records()
    assert links.counts["codes_made"] > 0


def test_funnel_and_results_cli_json_equal_library(workspace: str) -> None:
    # the example: the file's funnel without any workspace
    assert cli_json("funnel", XLSX, "--no-store", "--format", "json") == influkit.funnel(XLSX, store=None).to_dict()
    report = influkit.funnel(store=workspace, target_deals=10, by="channel")
    assert cli_json("funnel", "--db", workspace, "--target-deals", "10", "--by", "channel", "-f", "json",
                    "-q") == report.to_dict()
    assert report["projection"]["target_deals"] == 10
    sales = influkit.results(ORDERS, XLSX, store=None)
    assert cli_json("results", ORDERS, XLSX, "--no-store", "-f", "json", "-q") == sales.to_dict()
    assert sales["orders"]["read"] > 0


def test_history_cli_json_equals_library(tmp_path: Path) -> None:
    db = str(tmp_path / "h.db")
    imported = cli_json("history", "import", AMANDINE, "--platform", "instagram", "--handle", "amandine.glow",
                        "--db", db, "-f", "json", "-q")
    assert imported["points"] == 90 and imported["accounts"][0]["handle"] == "amandine.glow"
    shown = influkit.history("amandine.glow", platform="instagram", store=db)
    assert cli_json("history", "show", "amandine.glow", "--db", db, "-f", "json") == shown.to_dict()
    assert [e["kind"] for e in shown.to_dict()["events"]].count("spike") >= 1


def test_settings_cli_json_equal_library() -> None:
    assert cli_json("thresholds", "-f", "json") == influkit.thresholds_table().records()
    assert cli_json("columns", "-f", "json") == influkit.columns().records()
    groups = {r["group"] for r in influkit.thresholds_table().records()}
    assert {"tier", "scoring weight", "funnel", "promo codes", "live stats"} <= groups


def test_a_file_is_seen_as_enrich_shows_it_with_the_same_workspace(workspace: str) -> None:
    """The amandine.glow case: trend, spike flag and authenticity from the workspace history are the
    same in `enrich FILE` and in `score FILE` (and every other command given the FILE)."""
    def row(table: influkit.Table) -> dict[str, Any]:
        return next(r for r in table.records() if r["handle"] == "amandine.glow")

    enriched = row(influkit.enrich(XLSX, offline=True, store=workspace))
    assert "spike" in (enriched["flags"] or "") and enriched["authenticity"] == 80
    scored = row(influkit.score(XLSX, brand=BRAND, store=workspace))
    linked = row(influkit.links(XLSX, url="https://shop.example/p", utm_campaign="c1", store=workspace))
    listed = row(influkit.load_list(XLSX, store=workspace))
    for other in (scored, linked, listed):
        assert {k: other[k] for k in ("trend", "flags", "authenticity", "growth_30d")} == {
            k: enriched[k] for k in ("trend", "flags", "authenticity", "growth_30d")}


def test_reading_a_file_with_the_workspace_records_nothing(workspace: str) -> None:
    from influkit.store import Store

    with Store(workspace) as db:
        before = [db.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                  for t in ("accounts", "snapshots", "stage_events", "posts")]
    influkit.funnel(XLSX, store=workspace)
    influkit.load_list(XLSX, store=workspace)
    with Store(workspace) as db:
        after = [db.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                 for t in ("accounts", "snapshots", "stage_events", "posts")]
    assert before == after


def test_store_none_touches_no_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    influkit.enrich(XLSX, offline=True, store=None)
    influkit.score(XLSX, brand=BRAND, store=None)
    influkit.funnel(XLSX, store=None)
    assert not (tmp_path / "workspace").exists() and not (tmp_path / ".influkit").exists()
    with pytest.raises(UsageError, match="needs the workspace"):
        influkit.funnel(store=None)
    result = runner.invoke(app, ["funnel", "--no-store"])
    assert result.exit_code == 2 and "--no-store" in result.stderr


def test_to_pandas_has_typed_columns() -> None:
    frame = influkit.enrich(XLSX, offline=True, store=None).to_pandas()
    assert str(frame["followers"].dtype) == "Int64"
    assert str(frame["engagement_rate"].dtype) == "Float64"
    assert str(frame["contacted_on"].dtype).startswith("datetime64")
    assert str(frame["handle"].dtype) == "string"
    assert frame.index.name == "source_row"
    assert len(frame) == len(influkit.enrich(XLSX, offline=True, store=None))


def test_to_pandas_row_numbers_and_stacked_tabs(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "tabs.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    for name in ("Insta", "TikTok"):
        ws = wb.add_worksheet(name)
        for r, row in enumerate([["Nom", "Pseudo", "Abonnés"], ["Léa", "lea", 12000], ["Léa bis", "lea", 12000],
                                 ["Zoé", "zoe", 9000]]):
            ws.write_row(r, 0, row)
    wb.add_worksheet("Lisez-moi").write(0, 0, "Ce classeur liste nos créateurs.")
    wb.close()
    table = influkit.enrich(str(path), sheet="all", offline=True, store=None)
    assert sum("tabs not read" in n for n in table.meta["notes"]) == 1  # said once, not once per tab
    frame = table.to_pandas()
    assert frame.index.names == ["sheet", "source_row"] and frame.index.is_unique
    assert str(frame["duplicate_of"].dtype) == "Int64"
    assert frame.loc[("Insta", 3), "duplicate_of"] == 2


def test_score_explain_names_the_workspace_list_not_stdin(tmp_path: Path) -> None:
    db = str(tmp_path / "ws.db")
    csv_text = "platform,handle,followers\ninstagram,lea,12000\n"
    piped = runner.invoke(app, ["enrich", "-", "--from", "csv", "--offline", "--db", db, "-o", "-", "-q"],
                          input=csv_text)
    assert piped.exit_code == 0, piped.output
    missing = runner.invoke(app, ["score", "--brand", BRAND, "--db", db, "--explain", "nobody"])
    assert missing.exit_code == 1
    assert missing.stderr.strip() == f"influkit: {db}: no creator with handle or name 'nobody' in the workspace's list"
    with pytest.raises(InfluError, match="in the workspace's list"):
        influkit.score(brand=BRAND, store=db, explain="nobody")


def test_readme_python_example_runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert blocks, "the README has a Python example"
    monkeypatch.chdir(ROOT)
    for code in blocks:
        exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out.split()
    assert printed and printed[-1].isdigit()


def test_generated_docs_are_up_to_date() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "gendocs.py"), "--check"], capture_output=True,
                            text=True)
    assert result.returncode == 0, f"run `python tools/gendocs.py`: {result.stderr}"


def test_no_import_cycle_between_modules() -> None:
    """Module-level imports between influkit's modules form no cycle (imports inside functions are
    deferred on purpose and are not counted)."""
    import ast

    src = ROOT / "src"
    graph: dict[str, set[str]] = {}
    for path in (src / "influkit").rglob("*.py"):
        name = ".".join(path.relative_to(src).with_suffix("").parts).removesuffix(".__init__")
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        deps: set[str] = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
                deps.add(target)
                deps.update(f"{target}.{a.name}" for a in node.names)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("influkit"):
                deps.add(str(node.module))
        graph[name] = deps
    graph = {k: {d for d in v if d in graph and d != k} for k, v in graph.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for module in graph:
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_debug_off_values_and_a_full_disk_on_stdout() -> None:
    """INFLUKIT_DEBUG=0 (or false, no, empty) is off: writing to a full device is one line, exit 1."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    for value in ("0", "false", "no", ""):
        env = {**os.environ, "INFLUKIT_DEBUG": value}
        with open("/dev/full", "w") as full:
            out = subprocess.run([sys.executable, "-m", "influkit.cli", "thresholds", "-f", "json"], stdout=full,
                                 stderr=subprocess.PIPE, text=True, env=env)
        assert out.returncode == 1, out.stderr
        assert "Traceback" not in out.stderr and out.stderr.count("\n") == 1, out.stderr
        assert "no space left" in out.stderr


def test_check_cli_json_equals_library() -> None:
    posts = str(ROOT / "tests" / "data" / "campagne_posts.csv")
    lib = influkit.check(posts, rules="fr,us")
    assert cli_json("check", posts, "--rules", "fr,us", "-f", "json", "-q") == lib.records()
    assert {r["disclosure"] for r in lib.records()} >= {"ok", "missing", "late"}


def test_campaign_set_propose_creator_forget_copy_cli_json_equal_library(tmp_path: Path) -> None:
    """Each new command's --format json is its library call (same workspace state on both sides)."""
    db = str(tmp_path / "ws.db")
    new = cli_json("campaign", "new", "spring", "--budget", "5000", "--objective", "deals=3", "--db", db, "-f",
                   "json", "-q")
    assert new == influkit.campaign_show("spring", store=db).to_dict() and new["budget"] == 5000
    assert cli_json("campaign", "list", "--db", db, "-f", "json") == influkit.campaign_list(store=db).records()
    edited = cli_json("campaign", "edit", "spring", "--objective", "reach=500k", "--legal-basis", "consent", "--db",
                      db, "-f", "json")
    assert edited == influkit.campaign_show("spring", store=db).to_dict()
    assert edited["objectives"] == {"deals": 3, "reach": 500000} and edited["legal_basis"] == "consent"
    assert cli_json("campaign", "show", "spring", "--db", db, "-f", "json") == influkit.campaign_show(
        "spring", store=db).to_dict()
    influkit.enrich(XLSX, offline=True, store=db, campaign="spring")
    handle = influkit.load_list(None, store=db, campaign="spring").get("handle")[0]
    changed = cli_json("set", handle, "--stage", "replied", "--on", "2026-04-10", "--campaign", "spring", "--db", db,
                       "-f", "json", "-q")
    again = influkit.set_stage(handle, stage="replied", on="2026-04-10", campaign="spring", store=db).to_dict()
    assert changed == {**again, "changes": [{**c, "previous_stage": changed["changes"][0]["previous_stage"]}
                                            for c in again["changes"]]}
    assert again["changes"][0]["previous_stage"] == "replied"  # the first call moved it
    offer = cli_json("propose", handle, "--deliverable", "reel", "--campaign", "spring", "--db", db, "-f", "json",
                     "-q")
    assert offer == influkit.propose(handle, deliverable="reel", campaign="spring", store=db).to_dict()
    assert cli_json("creator", handle, "--db", db, "-f", "json") == influkit.creator(handle, store=db).to_dict()
    assert cli_json("campaign", "archive", "spring", "--db", db, "-f", "json", "-q") == influkit.campaign_show(
        "spring", store=db).to_dict()
    copied = cli_json("workspace", "copy", db, str(tmp_path / "copy.db"), "-f", "json", "-q")
    assert copied == influkit.workspace_copy(db, str(tmp_path / "copy2.db")).to_dict() | {
        "to": str(tmp_path / "copy.db")}
    gone = cli_json("forget", handle, "--db", db, "-f", "json", "-q")
    assert gone == influkit.forget(handle, store=str(tmp_path / "copy.db")).to_dict()


def test_every_python_example_of_the_docs_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """The ```python blocks of README.md and docs/*.md run as written (outside generated blocks), in a
    folder holding the example files under the names the docs use."""
    import shutil

    for name in ("prospects.xlsx", "brand.toml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    data = ROOT / "tests" / "data"
    shutil.copy(data / "campagne_posts.csv", tmp_path / "posts.csv")
    shutil.copy(data / "bilan_printemps.csv", tmp_path / "bilan.csv")
    shutil.copy(data / "commandes_boutique.csv", tmp_path / "commandes.csv")
    renamed = {'"posts.xlsx"': '"posts.csv"', '"bilan.xlsx"': '"bilan.csv"'}  # the docs' names, CSV here
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    ran = 0
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = re.sub(r"<!-- BEGIN GENERATED.*?END GENERATED: [\w-]+ -->", "", doc.read_text(encoding="utf-8"),
                      flags=re.S)
        for code in re.findall(r"```python\n(.*?)```", text, re.S):
            for name, here in renamed.items():
                code = code.replace(name, here)
            try:
                exec(compile(code, str(doc), "exec"), {})
            except Exception as exc:  # noqa: BLE001 - name the doc and the block
                raise AssertionError(f"{doc.name}: {exc!r} in\n{code}") from exc
            ran += 1
    capsys.readouterr()
    assert ran >= 4


def test_every_public_name_loads() -> None:
    for name in influkit.__all__:
        assert getattr(influkit, name) is not None, name


def test_text_is_the_terminal_format_of_every_report_command() -> None:
    from influkit.io.formats import format_of

    assert format_of("-", "text", ("table", "json", "csv")) == "table"
    assert format_of("-", "TEXT", ("text", "table", "json")) == "text"
    with pytest.raises(UsageError, match="unknown format 'text'"):
        format_of("-", "text", ("csv", "json"))
    funnel = runner.invoke(app, ["funnel", XLSX, "--no-store", "-f", "text"])
    assert funnel.exit_code == 0, funnel.output


@pytest.mark.parametrize("command", ["enrich", "score", "funnel", "shortlist"])
def test_campaign_with_no_store_is_a_usage_error(command: str) -> None:
    args = [command, XLSX, "--no-store", "--campaign", "printemps", "-o", "-"]
    if command in ("score", "shortlist"):
        args += ["--brand", BRAND]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "cannot be used with --no-store" in result.stderr


def test_the_package_shows_its_functions_and_errors(tmp_path: Path) -> None:
    """dir(influkit) lists the functions (loaded on first use), the errors every function raises are at
    the top level, and one --map fix may be given as a str (it was read character by character)."""
    import influkit
    from influkit.errors import InfluError, UsageError

    assert {"enrich", "score", "report", "InfluError", "UsageError"} <= set(dir(influkit))
    assert influkit.InfluError is InfluError and influkit.UsageError is UsageError
    sheet = tmp_path / "fans.csv"
    sheet.write_text("Pseudo,Réseau,Nb fans\nlea,instagram,1200\n", encoding="utf-8")
    one = influkit.read_table(str(sheet), mapping="Nb fans=followers")
    assert one.mapped["followers"] == "Nb fans" and one.get("followers") == [1200]
    assert influkit.read_table(str(sheet), mapping=["Nb fans=followers"]).get("followers") == [1200]


def test_a_file_is_a_path_or_a_pathlib_path_and_nothing_else(tmp_path: Path) -> None:
    """A library caller may give a pathlib.Path; a None or a number where a file is needed is a usage
    error in one line, from every function that reads a file, not a TypeError from deep inside."""
    as_text = influkit.enrich(XLSX, offline=True, store=None).records()
    assert influkit.enrich(Path(XLSX), offline=True, store=None).records() == as_text
    calls = (lambda: influkit.enrich(None), lambda: influkit.funnel(3, store=None),  # type: ignore[arg-type]
             lambda: influkit.check(None), lambda: influkit.results(None, store=None),  # type: ignore[arg-type]
             lambda: influkit.report(posts=7, store=None), lambda: influkit.inspect(None),  # type: ignore[arg-type]
             lambda: influkit.history_import(None, store=None))  # type: ignore[arg-type]
    for call in calls:
        with pytest.raises(UsageError, match=r"the file to read is a path .* not (NoneType|int)$"):
            call()


def test_estimated_prices_follow_the_sheets_currency(tmp_path: Path) -> None:
    """A US sheet priced in dollars gets its estimates in dollars unless `currency` says otherwise; a
    sheet whose prices mix currencies gets each row's in its own quote's currency; one with none, EUR."""
    us = tmp_path / "us.csv"
    us.write_text("Creator,Handle,Platform,Followers,Rate\nAmy,amy.c,Instagram,20000,\"$1,200\"\n"
                  "Bob,bob.d,Instagram,30000,$900\n", encoding="utf-8")
    table = influkit.enrich(str(us), offline=True, store=None)
    assert set(table.get("price_currency")) == {"USD"}
    assert any("estimated prices in USD too" in n for n in table.meta.get("notes", []))
    assert set(influkit.enrich(str(us), offline=True, store=None, currency="EUR").get("price_currency")) == {"EUR"}
    mixed = tmp_path / "mixed.csv"
    mixed.write_text("Creator,Handle,Platform,Followers,Rate\nAmy,amy.c,Instagram,20000,$900\n"
                     "Léa,lea.d,Instagram,30000,800 €\n", encoding="utf-8")
    assert influkit.enrich(str(mixed), offline=True, store=None).get("price_currency") == ["USD", "EUR"]


def test_the_package_modules_the_docs_name_load_on_first_use() -> None:
    """Found by a new user: `influkit.chart.draw_funnel(...)`, copied from docs/funnel.md after `import
    influkit`, raised AttributeError. Every module of the package is an attribute on first use (PEP 562);
    a name that is neither a function nor a module still raises AttributeError."""
    code = ("import influkit, sys; assert 'influkit.chart' not in sys.modules; "
            "print(callable(influkit.chart.draw_funnel), callable(influkit.progress.reporting), "
            "influkit.thresholds.FX_PER_EUR['EUR']);\n"
            "try:\n    influkit.no_such_thing\nexcept AttributeError as e:\n    print('AttributeError', e)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "True True 1.0"
    assert out[1] == "AttributeError module 'influkit' has no attribute 'no_such_thing'"
