"""The one folding implementation (influkit.text) and the one clock (influkit.clock)."""

from __future__ import annotations

import datetime as dt

import pytest

from influkit.clock import today
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
