"""The client exports of issue #13's "Also": the shortlist leaves out who declined or never replied unless
asked (--stage) and has readable headers in the client's language (--lang); identity cards in French or
English with every network, best posts as links, flags with their reasons and the follower history chart
(from the workspace) with its spikes marked, looked at in a real headless Chromium; the funnel chart's
words in French or English."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

import influkit
from influkit.cards import Card, build_cards, card_html, card_markdown
from influkit.cli.app import app
from influkit.errors import UsageError
from influkit.table import Table

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
BRAND = str(EXAMPLES / "brand.toml")
AMANDINE = str(EXAMPLES / "history" / "iconosquare_amandine.glow_followers.csv")
runner = CliRunner()

SHEET = """Nom;Réseau;Pseudo;Abonnés;Likes moyens;Commentaires moyens;Bio;Statut;Tarif
Ana Lopez;Instagram;ana.skin;20 000;900;40;Skincare végane et cruelty-free;A répondu;300 €
Bo Martin;Instagram;bo.vegan;15 000;700;30;Routine soin vegan;Refusé;200 €
Cy Durand;TikTok;cy.beauty;50 000;4 000;100;Beauté naturelle skincare;Pas de réponse;400 €
Dee Roy;Instagram;dee.glow;30 000;1 200;50;Soin de la peau vegan;Signé;500 €
"""


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-04-15")


@pytest.fixture
def sheet(tmp_path: Path) -> str:
    path = tmp_path / "prospects.csv"
    path.write_text(SHEET, encoding="utf-8")
    return str(path)


# ------------------------------------------------------------------------------------ shortlist


def test_declined_and_no_reply_are_left_out_unless_asked(sheet: str) -> None:
    default = influkit.shortlist(sheet, brand=BRAND, store=None)
    assert sorted(default.get("handle")) == ["ana.skin", "dee.glow"]
    assert default.left_out == {"declined": 1, "no_reply": 1}
    assert influkit.shortlist(sheet, brand=BRAND, store=None, stage=["refusé"]).get("handle") == ["bo.vegan"]
    replied = influkit.shortlist(sheet, brand=BRAND, store=None, stage=["replied", "Signé"])
    assert sorted(replied.get("handle")) == ["ana.skin", "dee.glow"] and replied.left_out == {
        "declined": 1, "no_reply": 1}
    assert len(influkit.shortlist(sheet, brand=BRAND, store=None, stage=["all"])) == 4
    with pytest.raises(UsageError, match="--stage 'bientôt': not a stage"):
        influkit.shortlist(sheet, brand=BRAND, store=None, stage=["bientôt"])
    result = runner.invoke(app, ["shortlist", sheet, "--brand", BRAND, "--no-store", "-o", "-", "-f", "json"])
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 2
    assert "left out by stage: 1 declined, 1 no reply (--stage to include them)" in result.stderr
    bad = runner.invoke(app, ["shortlist", sheet, "--brand", BRAND, "--no-store", "--stage", "bientôt"])
    assert bad.exit_code == 2 and "not a stage" in bad.stderr


def test_client_formats_have_readable_labels_in_the_clients_language(sheet: str, tmp_path: Path) -> None:
    chosen = influkit.shortlist(sheet, brand=BRAND, store=None, lang="fr")
    from influkit.selection import write_shortlist

    xlsx, md, csv = tmp_path / "s.xlsx", tmp_path / "s.md", tmp_path / "s.csv"
    for path in (xlsx, md, csv):
        write_shortlist(chosen, str(path), title=chosen.title, lang=chosen.lang)
    header = [c.value for c in openpyxl.load_workbook(xlsx)["Sélection"][1]]
    assert "Taux d'engagement" in header and "TE / médiane du palier" in header and "Rang" in header
    assert not any("_" in str(h) for h in header)
    assert openpyxl.load_workbook(xlsx).sheetnames == ["Sélection", "Profil et méthode"]
    text = md.read_text(encoding="utf-8")
    assert "| # | Créateur | Réseau | Compte | Abonnés |" in text and "2 créateurs, du meilleur au moins bon." in text
    assert "| Instagram |" in text and re.search(r"\| 20 000 \| \d,\d\d % \|", text)  # French numbers
    assert csv.read_text(encoding="utf-8").startswith("creator,platform,handle")  # programs keep the names
    result = runner.invoke(app, ["shortlist", sheet, "--brand", BRAND, "--no-store", "--lang", "de"])
    assert result.exit_code == 2 and "--lang" in result.stderr


# ---------------------------------------------------------------------------------------- cards


def _row(**values: Any) -> dict[str, Any]:
    return {"creator": "Lou", "platform": "instagram", "handle": "lou", "followers": 10_000,
            "engagement_rate": 0.05, "tier": "micro", "score": 80.0, **values}


def test_cards_show_best_posts_as_links_never_internal_ids() -> None:
    rows = [_row(best_posts="https://www.instagram.com/p/ABC/ (2026-03-01, 950 interactions) | "
                            "17900000000000001 (2026-02-20, 700 interactions)",
                 flags="spike", flag_reasons="follower spike of +5,000 on 2026-02-02", posts_per_week=2.5),
            _row(platform="youtube", handle="loutube", followers=50_000, engagement_rate_views=0.04,
                 best_posts="dQw4w9WgXcQ (2026-03-03, 1200 interactions)")]
    table = Table.from_rows(list(rows[0]) + ["engagement_rate_views", "best_posts"], rows)
    card = build_cards(table, table, lang="fr")[0]
    html_text, md = card_html(card), card_markdown(card)
    assert 'href="https://www.instagram.com/p/ABC/"' in html_text
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html_text
    assert "17900000000000001" not in html_text and "17900000000000001" not in md
    assert "Instagram 20/02/2026 · 700 interactions" in md  # the post without a link is still counted (a French date)
    assert "<dt>Alertes</dt><dd class=\"flags\">Instagram : follower spike" in html_text
    assert "Réseau favori" in html_text and "Taux d&#x27;engagement (vues)" in html_text and "4,00\u00a0%" in html_text
    assert not re.search(r"\bER\b", html_text + md)  # French says taux d'engagement (TE), never ER
    assert "<dt>Fréquence de publication</dt><dd>Instagram : 2,5 publications par semaine</dd>" in html_text
    assert "Historique" not in html_text  # no workspace: no chart


def _workspace(tmp_path: Path) -> str:
    db = str(tmp_path / "ws.db")
    influkit.history_import(AMANDINE, platform="instagram", handle="amandine.glow", store=db)
    influkit.enrich(str(EXAMPLES / "prospects.xlsx"), offline=True, store=db)
    influkit.score(brand=BRAND, store=db)
    return db


def _amandine(tmp_path: Path, lang: str) -> Card:
    chosen = influkit.shortlist(store=_workspace(tmp_path), top=60, lang=lang)
    return next(c for c in chosen.cards() if c.name == "Amandine Roy")


def test_cards_draw_the_follower_history_from_the_workspace_with_its_spike(tmp_path: Path) -> None:
    card = _amandine(tmp_path, "fr")
    assert list(card.histories) == ["instagram:amandine.glow"]
    html_text = card_html(card)
    assert "<h2>Historique des abonnés</h2>" in html_text and "<polyline" in html_text
    assert html_text.count("<circle") == 1 and ">pic</text>" in html_text
    assert "pic 02/02/2026 (+5\u202f000)" in html_text
    md = card_markdown(card)
    assert "## Historique des abonnés" in md and "pic 02/02/2026" in md
    english = card_html(_amandine(tmp_path / "en", "en"))
    assert "<h2>Follower history</h2>" in english and "spike 2026-02-02 (+5,000)" in english


def test_cards_in_chromium(tmp_path: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed: CI must install Debian's chromium")
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    from PIL import Image

    page = tmp_path / "amandine.html"
    page.write_text(card_html(_amandine(tmp_path, "fr")), encoding="utf-8")
    assert not re.search(r"""\bsrc\s*=|<link\b|<script\b|url\(""", page.read_text(encoding="utf-8"))
    shot = tmp_path / "card.png"
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={tmp_path / 'profile'}",
               f"--screenshot={shot}", "--window-size=1280,900", page.as_uri()]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0 and shot.exists(), result.stderr
    image = Image.open(shot).convert("RGB")
    # the spike's red dot is drawn (#b42318)
    reds = sum(1 for x in range(0, 1280, 2) for y in range(0, 900, 2)
               if (p := image.getpixel((x, y))) and isinstance(p, tuple) and p[0] > 150 and p[1] < 80 and p[2] < 80)
    assert reds > 20  # the spike's dot and label, and the flag in red


# ---------------------------------------------------------------------------------------- funnel


def test_funnel_chart_words_in_french_and_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import ImageDraw

    from influkit.chart import draw_funnel

    report = influkit.funnel(str(EXAMPLES / "prospects.xlsx"), store=None).to_dict()
    written: list[str] = []
    original = ImageDraw.ImageDraw.text

    def record(self: Any, xy: Any, text: Any, *args: Any, **kwargs: Any) -> Any:
        written.append(str(text))
        return original(self, xy, text, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", record)
    draw_funnel(report, str(tmp_path / "fr.png"), lang="fr")
    assert {"Entonnoir de prospection", "Identifié", "Contacté", "A répondu", "Signé", "haut de l'entonnoir"} <= set(written)
    assert any(t.endswith("de la précédente") for t in written) and any(t.startswith("perdus :") for t in written)
    written.clear()
    draw_funnel(report, str(tmp_path / "en.png"))
    assert {"Outreach funnel", "Identified", "Contacted", "top of funnel"} <= set(written)
    assert any(t.endswith("% of previous") for t in written) and any("(no reply)" in t for t in written)
    assert (tmp_path / "fr.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(UsageError):
        draw_funnel(report, str(tmp_path / "x.png"), lang="de")
    # the command line: the chart speaks the sheet's language (French headers), or --lang's
    from typer.testing import CliRunner

    from influkit.cli.app import app

    for extra, expected in (([], "Entonnoir de prospection"), (["--lang", "en"], "Outreach funnel")):
        written.clear()
        result = CliRunner().invoke(app, ["funnel", str(EXAMPLES / "prospects.xlsx"), "--no-store", "-f", "json",
                                          "--chart", str(tmp_path / "cli.png"), *extra])
        assert result.exit_code == 0, result.output
        assert expected in written
