"""The one folding implementation (influkit.text) and the one clock (influkit.clock)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from influkit.cli.app import app
from influkit.clock import now, today
from influkit.errors import EXIT_USAGE, UsageError
from influkit.text import code_key, fold, fold_key, fold_word


def test_fold_word_strips_latin_and_greek_accents_only() -> None:
    assert fold_word("Véganes") == "veganes"
    assert fold_word("ΦΥΣΙΚΆ") == "φυσικα"
    assert fold_word("Йога") == "йога"  # й keeps its breve: another letter
    assert fold_word("Œuvre") == "oeuvre"
    assert fold_word("Straße") == "strasse"


def test_fold_collapses_space_and_keeps_punctuation() -> None:
    assert fold("  Léa\u00a0 MARTIN ") == "lea martin"
    assert fold("1 200 €") == "1 200 €"


def test_fold_key_is_what_headers_are_compared_by() -> None:
    assert fold_key("  Taux d'engagement\n(%) ") == "taux d engagement"
    assert fold_key("avg_likes") == "avg likes"
    assert fold_key("Abonnés Insta.") == "abonnes insta"
    assert fold_key("Подписчики") == "подписчики"  # other scripts are not erased
    assert fold_key("🔒") == ""


def test_code_key_ignores_case_accents_and_punctuation() -> None:
    assert code_key("lea-v10") == code_key("LEAV10") == "LEAV10"
    assert code_key("Zoé_Martin.2") == "ZOEMARTIN2"
    assert code_key("ЛЕА") == "ЛЕА"


def test_today_follows_influkit_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", "2026-03-15")
    assert today() == dt.date(2026, 3, 15)
    monkeypatch.delenv("INFLUKIT_TODAY")
    assert today() == dt.date.today()


@pytest.mark.parametrize("value", ["garbage", "2026-13-01", "2026-02-29", "13/03/2026"])
def test_a_bad_influkit_today_is_a_usage_error_naming_the_variable(
    value: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("INFLUKIT_TODAY", value)
    for call in (today, now):
        with pytest.raises(UsageError, match=f"INFLUKIT_TODAY={value!r} is not a date"):
            call()
    sheet = tmp_path / "s.csv"
    sheet.write_text("platform,handle,followers\ninstagram,lea,1000\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["enrich", str(sheet), "--offline", "--no-store", "-o", "-"])
    assert result.exit_code == EXIT_USAGE
    assert f"INFLUKIT_TODAY={value!r} is not a date" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    monkeypatch.setenv("INFLUKIT_TODAY", " 2026-03-15 ")  # (spaces around a right date are no error)
    assert today() == dt.date(2026, 3, 15) and now().date() == dt.date(2026, 3, 15)
