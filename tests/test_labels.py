from __future__ import annotations

import pytest

from influkit import labels as L
from influkit.io.parse import parse_stage
from influkit.schema import BY_NAME, DERIVED, match_header, match_wide_header
from influkit.text import fold_key


def test_every_column_has_a_french_and_an_english_label() -> None:
    assert set(BY_NAME) | set(DERIVED) <= set(L.LABELS)


@pytest.mark.parametrize("lang", L.LANGUAGES)
def test_labels_read_back_as_their_own_column(lang: str) -> None:
    keys: dict[str, str] = {}
    for column in L.LABELS:
        text = L.label(column, lang)
        assert match_header(text) in (None, column), text  # never another column's synonym
        assert L.column_of_label(text) == (column, None)
        assert keys.setdefault(fold_key(text), column) == column, f"{text!r} folds like {keys[fold_key(text)]!r}"
        wide = match_wide_header(L.network_label(column, "instagram", lang))
        assert wide is None or wide[1] == "instagram"


def test_stage_words_read_back_as_their_stage() -> None:
    for stage in L.STAGE_WORDS:
        for lang in L.LANGUAGES:
            assert parse_stage(L.stage_word(stage, lang)) == stage
    assert L.stage_word("contacted", "fr") == "Contacté" and L.stage_word("deal", "en") == "Signed"


def test_detect_language() -> None:
    assert L.detect_language(["Nom", "Réseau", "Abonnés", "Statut", "Notes"]) == "fr"
    assert L.detect_language(["Name", "Platform", "Followers", "Status"]) == "en"
    assert L.detect_language(["Taux d'engagement", "Email"]) == "fr"
    assert L.detect_language(["Email", "Instagram"]) == "en"  # nothing tells: English


def test_influkit_only_labels() -> None:
    assert L.influkit_only("Authenticité") and L.influkit_only("Méthode du taux")
    assert not L.influkit_only("Palier")  # also a header users type for their own tier
    assert not L.influkit_only("Nom")


def test_the_label_index_is_each_header_influkit_writes_folded_whole() -> None:
    """`_label_index` folds each label once and joins the folded parts: the same keys, in the same order
    (the first column a key names wins), as folding every header influkit writes as a whole."""
    expected: dict[str, tuple[str, str | None]] = {}
    for column, pair in [*L.LABELS.items(), *((c, p) for c, ps in L.FORMER_LABELS.items() for p in ps)]:
        for lang, text in zip(L.LANGUAGES, pair, strict=True):
            expected.setdefault(fold_key(text), (column, None))
            expected.setdefault(fold_key(text + L.COLLISION_SUFFIX[lang]), (column, None))
            for platform in L.PLATFORM_NAMES:
                for suffix in ("", L.COLLISION_SUFFIX[lang]):
                    expected.setdefault(fold_key(L.network_label(column, platform, lang) + suffix), (column, platform))
    assert list(L._label_index().items()) == list(expected.items())
    assert len(expected) > 1000
