"""The shortlist's `#` counts what the client sees: a creator left out (never replied, declined, another
platform, a score below --min-score) leaves no hole in the ranks (1, 2, 3, not 1, 2, 4), in the library's
table, the CLI's JSON and the xlsx; the exports say who was left out and that the ranks count the shown rows."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

import influkit
from influkit.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
BRAND = str(ROOT / "examples" / "brand.toml")
runner = CliRunner()

HEAD = "Nom;Réseau;Pseudo;Abonnés;Likes moyens;Commentaires moyens;Bio;Statut;Tarif\n"
ROWS = [  # best first by engagement: the third best never replied / declined
    "Ana Lopez;Instagram;ana.skin;20 000;1 400;60;Skincare végane et cruelty-free;A répondu;300 €",
    "Dee Roy;Instagram;dee.glow;30 000;1 500;50;Soin de la peau vegan;Signé;500 €",
    "Cy Durand;Instagram;cy.beauty;25 000;1 100;40;Beauté naturelle skincare vegan;{stage};400 €",
    "Eva Noor;Instagram;eva.soin;18 000;500;20;Skincare vegan;Contacté;250 €",
    "Fay Lim;TikTok;fay.care;40 000;900;30;Skincare vegan;A répondu;450 €",
]


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-04-15")


def _sheet(tmp_path: Path, stage: str) -> str:
    path = tmp_path / "prospects.csv"
    path.write_text(HEAD + "\n".join(r.format(stage=stage) for r in ROWS) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("stage", ["Pas de réponse", "Refusé", "no reply"])
def test_ranks_are_consecutive_when_a_creator_is_left_out_by_stage(tmp_path: Path, stage: str) -> None:
    sheet = _sheet(tmp_path, stage)
    full = influkit.score(sheet, brand=BRAND, store=None)
    gone = full.get("handle").index("cy.beauty")
    assert full.get("rank")[gone] is not None  # ranked in the whole list...
    chosen = influkit.shortlist(sheet, brand=BRAND, store=None)
    assert "cy.beauty" not in chosen.get("handle") and sum(chosen.left_out.values()) == 1
    assert chosen.get("rank") == list(range(1, len(chosen) + 1))  # ...not a hole in the shortlist
    # the shown order is the list's order; the whole list's ranks stay in meta
    assert chosen.meta["list_ranks"] == sorted(chosen.meta["list_ranks"])
    assert full.get("rank")[gone] in range(1, max(chosen.meta["list_ranks"]) + 1)
    result = runner.invoke(app, ["shortlist", sheet, "--brand", BRAND, "--no-store", "-o", "-", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(json.dumps(chosen.records(), default=str))
    assert [r["rank"] for r in json.loads(result.stdout)] == list(range(1, len(chosen) + 1))
    assert "the export's ranks count the shortlisted creators only" in result.stderr


def test_the_xlsx_ranks_and_says_who_was_left_out(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, "Pas de réponse")
    out = tmp_path / "shortlist.xlsx"
    result = runner.invoke(app, ["shortlist", sheet, "--brand", BRAND, "--no-store", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    wb = openpyxl.load_workbook(out)
    main = wb.worksheets[0]
    header = [c.value for c in main[1]]
    ranks = [row[header.index("Rang")] for row in main.iter_rows(min_row=2, values_only=True)]
    assert ranks == [1, 2, 3, 4]
    method = " ".join(str(c) for row in wb.worksheets[1].iter_rows(values_only=True) for c in row if c)
    assert "rang dans cette sélection, de 1 à 4" in method and "1 pas de réponse" in method


@pytest.mark.parametrize(("options", "n"), [({"platform": ["instagram"]}, 3), ({"tier": ["micro"]}, 4),
                                            ({"per_platform": 1}, 2), ({"top": 2}, 2)])
def test_every_filter_leaves_consecutive_ranks(tmp_path: Path, options: dict[str, list[str] | int], n: int) -> None:
    chosen = influkit.shortlist(_sheet(tmp_path, "Refusé"), brand=BRAND, store=None, **options)  # type: ignore[arg-type]
    assert chosen.get("rank") == list(range(1, n + 1))


def test_nothing_left_out_says_nothing_more(tmp_path: Path) -> None:
    chosen = influkit.shortlist(_sheet(tmp_path, "Contacté"), brand=BRAND, store=None, lang="en")
    assert chosen.get("rank") == [1, 2, 3, 4, 5] and not any("#: rank" in m for m in chosen.method)
