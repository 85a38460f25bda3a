"""`influkit inspect FILE` (library and CLI) and `--save-map`: how a sheet is read, and remembered fixes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from influkit.cli.app import app
from influkit.errors import UsageError
from influkit.io.inspect import inspect
from influkit.io.mapmemory import MapMemory, fingerprint
from influkit.pipeline import read_table
from sheetmaker import link, xlsx

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _workbook(tmp_path: Path) -> Path:
    head: list[object] = ["Influenceuse", "Profil", "Nb fans", "Coms", "Truc"]
    return xlsx(tmp_path / "w.xlsx", {
        "Instagram": [head, ["Léa", link("voir", "https://www.instagram.com/lea.v/"), "12k", 30, "a"],
                      ["Zoé", link("voir", "https://www.instagram.com/zoe.f/"), "8k", 12, "b"]],
        "TikTok": [head, ["Inès", link("voir", "https://www.tiktok.com/@ines"), "24k", 40, "c"]],
    })


def test_inspect_report(tmp_path: Path) -> None:
    report = inspect(str(_workbook(tmp_path)), sheet="all")
    d = report.to_dict()
    assert d["tabs_read"] == ["Instagram", "TikTok"] and d["format"] == "xlsx"
    tab = d["tabs"][0]
    assert tab["header_row"] == 1 and tab["platform"] == "instagram" and tab["links"] == 2
    by_header = {c["header"]: c for c in tab["columns"]}
    assert by_header["Profil"]["used_as"] == "profile_url" and "hyperlink" in by_header["Profil"]["evidence"]
    assert by_header["Nb fans"]["used_as"] == "followers" and by_header["Nb fans"]["samples"] == ["12k", "8k"]
    assert by_header["Coms"]["used_as"] == "avg_comments"
    assert by_header["Truc"]["used_as"] == "kept as is" and tab["kept"] == ["Truc"]
    text = "\n".join(report.lines())
    assert "tab 'Instagram': header on row 1" in text and "Nb fans" in text


def test_inspect_cli_text_json_csv(tmp_path: Path) -> None:
    p = _workbook(tmp_path)
    text = runner.invoke(app, ["inspect", str(p), "-f", "text"])
    assert text.exit_code == 0, text.stderr
    assert "looks like a list, not read" in text.stdout  # the TikTok tab
    as_json = runner.invoke(app, ["inspect", str(p), "--sheet", "all", "-f", "json"])
    assert json.loads(as_json.stdout) == inspect(str(p), sheet="all").to_dict()
    as_csv = runner.invoke(app, ["inspect", str(p), "-f", "csv"])
    assert as_csv.stdout.splitlines()[0] == "sheet,column,header,used_as,platform,by,evidence,samples"


@pytest.mark.parametrize("name", ["prospects.xlsx", "prospects_en.csv", "prospects_wide.csv"])
def test_inspect_on_the_examples(name: str) -> None:
    report = inspect(str(EXAMPLES / name))
    tab = report.tabs[0]
    assert tab.rows == tab.output_rows or name == "prospects_wide.csv"
    used = {c["used_as"] for c in tab.columns}
    assert {"creator", "followers"} <= used or {"creator"} <= used
    assert all(c["evidence"] for c in tab.columns)


def test_save_map_is_remembered_for_the_same_layout(tmp_path: Path) -> None:
    p = tmp_path / "list.csv"
    p.write_text("Qui,Combien,Où\nlea,1200,Insta\n", encoding="utf-8")
    maps = tmp_path / "maps.json"
    first = read_table(str(p), mapping=["Qui=handle", "Combien=followers", "Où=platform"],
                       save_map=True, maps=str(maps))
    assert first.get("followers") == [1200]
    saved = json.loads(maps.read_text(encoding="utf-8"))
    assert list(saved["layouts"]) == [fingerprint(["Qui", "Combien", "Où"])]
    again = tmp_path / "again.csv"  # the same layout, other rows, another day
    again.write_text("qui , combien,OÙ\ntom,900,TikTok\n", encoding="utf-8")
    t = read_table(str(again), maps=str(maps))
    assert (t.get("handle"), t.get("followers"), t.get("platform")) == (["tom"], [900], ["tiktok"])
    assert any("used the map saved" in n for n in t.meta["notes"])
    decisions = {d["header"]: d for d in t.meta["columns"]}
    assert decisions["combien"]["by"] == "saved map"
    other = tmp_path / "other.csv"
    other.write_text("Qui,Combien\nx,1\n", encoding="utf-8")  # another layout: not applied
    assert read_table(str(other), maps=str(maps)).get("followers") == [None]
    assert MapMemory(maps).get(["Qui", "Combien"]) == {}
    assert MapMemory(maps).forget(["Qui", "Combien", "Où"]) and MapMemory(maps).get(["Qui", "Combien", "Où"]) == {}


def test_map_errors_keep_the_users_spelling(tmp_path: Path) -> None:
    p = tmp_path / "list.csv"
    p.write_text("Pseudo,Abonnés\nlea,10\n", encoding="utf-8")
    with pytest.raises(UsageError, match="no header 'Foo'"):
        read_table(str(p), mapping=["Foo=followers"])
    result = runner.invoke(app, ["enrich", str(p), "--map", "Nb Fans=followers", "--no-store", "-o", "-"])
    assert result.exit_code == 2 and "'Nb Fans'" in result.stderr


DATASETS = Path(__file__).resolve().parent / "data" / "datasets"


@pytest.mark.parametrize("path", [DATASETS / "ig_top1000_mar2022_raw.csv", None])
def test_inspect_says_what_enrich_does_with_a_kept_column(tmp_path: Path, path: Path | None) -> None:
    """Found by a new user: on ig_top1000_mar2022_raw.csv `inspect` said 'Engagement avg' names "nothing
    influkit reads" while `enrich` computed the engagement rate from it (er_method names it). One decision,
    shown two ways: the column enrich reads says so, the other candidate says which one is read instead."""
    from influkit.pipeline import enrich

    if path is None:
        path = tmp_path / "kaggle.csv"
        path.write_text("Pseudo,Réseau,Abonnés,Authentic engagement,Engagement avg,Likes moyens\n"
                        "lea,Instagram,10000,150,300,\ntom,Instagram,20000,400,900,500\n", encoding="utf-8")
    report = inspect(str(path))
    columns = {c["header"]: c for c in report.tabs[0].columns}
    table = enrich(str(path), store=None, offline=True)
    used = {m.split("'")[1] for m in table.get("er_method") if m and m.startswith("'")}
    assert used == {"Engagement avg"}
    assert columns["Engagement avg"]["used_as"] == "kept as is"
    assert "read for the engagement rate" in columns["Engagement avg"]["evidence"]
    assert "nothing influkit reads" not in columns["Engagement avg"]["evidence"]
    assert "comes from 'Engagement avg'" in columns["Authentic engagement"]["evidence"]
    assert any(n.startswith("'Engagement avg' (average engagements per post)") for n in table.meta["notes"])
    text = "\n".join(report.lines())
    assert "read for the engagement rate" in text


def _protected(path: Path) -> Path:
    """A list whose sheet is protected: `enrich --in-place` refuses it after reading it."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Pseudo", "Réseau", "Combien"])
    ws.append(["@lea1", "Instagram", 12500])
    ws.protection.sheet = True
    wb.save(path)
    return path


def test_a_refused_run_saves_no_map(tmp_path: Path) -> None:
    """Found by a new user: `enrich list.xlsx --in-place --map ... --save-map` saved the map while reading,
    before the in-place write was refused, so a refused run changed the saved maps. The map is saved when
    the run succeeds, and only then: an in-place write refused (a protected sheet, an xls), a --strict
    issue."""
    from influkit.errors import InfluError
    from influkit.pipeline import enrich

    store = tmp_path / "ws" / "influkit.db"
    maps = store.parent / "maps.json"
    path = _protected(tmp_path / "protege.xlsx")
    with pytest.raises(InfluError, match="protected"):
        enrich(str(path), store=str(store), offline=True, in_place=True, mapping=["Combien=followers"],
               save_map=True)
    assert not maps.exists()
    done = runner.invoke(app, ["enrich", str(path), "--in-place", "--offline", "--db", str(store),
                               "--map", "Combien=followers", "--save-map"])
    assert done.exit_code == 1 and "protected" in done.stderr and not maps.exists()
    strict = tmp_path / "strict.csv"  # an issue on a row, --strict: refused
    strict.write_text("Pseudo,Réseau,Combien\n@lea1,Instagram,beaucoup\n", encoding="utf-8")
    with pytest.raises(InfluError):
        enrich(str(strict), store=str(store), offline=True, strict=True, mapping=["Combien=followers"],
               save_map=True)
    assert not maps.exists()
    # the same runs that succeed save it, for the next file of the same layout
    ok = tmp_path / "liste.xlsx"
    ok.write_bytes(path.read_bytes())
    import openpyxl

    wb = openpyxl.load_workbook(ok)
    ws = wb.active
    assert ws is not None
    ws.protection.sheet = False
    wb.save(ok)
    table = enrich(str(ok), store=str(store), offline=True, in_place=True, mapping=["Combien=followers"],
                   save_map=True)
    assert table.get("followers") == [12500] and table.meta["in_place"]
    assert MapMemory(maps).get(["Pseudo", "Réseau", "Combien"]) == {"Combien": "followers"}


def test_a_refused_run_keeps_the_maps_saved_before(tmp_path: Path) -> None:
    """A map saved earlier for the layout is not replaced by the fixes of a refused run."""
    from influkit.errors import InfluError
    from influkit.pipeline import enrich

    store = tmp_path / "influkit.db"
    maps = tmp_path / "maps.json"
    MapMemory(maps).save(["Pseudo", "Réseau", "Combien"], {"Combien": "followers"})
    before = maps.read_bytes()
    path = _protected(tmp_path / "protege.xlsx")
    with pytest.raises(InfluError, match="protected"):
        enrich(str(path), store=str(store), offline=True, in_place=True, mapping=["Combien=keep"], save_map=True)
    assert maps.read_bytes() == before
