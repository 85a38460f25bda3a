from __future__ import annotations

import pytest

from influkit.textmatch import Prepared, contains, find_any, fold, key, stem


def test_fold_removes_accents_case_ligatures_and_elisions() -> None:
    assert fold("Crème VÉGANE, l'huile d'Argan") == "creme vegane huile argan"
    assert fold("Œuvre  sœur") == "oeuvre soeur"
    assert fold("zéro-déchet!") == "zero dechet"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("vegan", "véganes"),
        ("végétalien", "végétaliennes"),
        ("naturel", "Naturelles"),
        ("animal", "animaux"),
        ("beauty", "beauties"),
        ("cosmétique", "COSMÉTIQUES"),
        ("créatif", "créatives"),
        ("cook", "cooking"),
    ],
)
def test_plurals_and_inflections_meet(a: str, b: str) -> None:
    assert key(a) == key(b)


def test_word_boundaries() -> None:
    assert contains("100 % vegan !", "vegan")
    assert not contains("veganism is a way of life", "vegan")
    assert not contains("nonvegan snacks", "vegan")
    assert not contains("biographie", "bio")
    assert contains("Produits BIO", "bio")


def test_phrases() -> None:
    assert contains("Maquillage cruelty-free et zéro déchets", "cruelty free")
    assert contains("Maquillage cruelty-free et zéro déchets", "zéro déchet")
    assert contains("non testés sur les animaux", "non testé sur les animaux")
    assert not contains("free cruelty", "cruelty free")
    assert not contains("zéro plastique, déchet", "zero dechet")


def test_find_any_and_prepared() -> None:
    assert find_any("Skincare végane & bio", ["vegan", "bio", "casino"]) == ["vegan", "bio"]
    p = Prepared(None)
    assert not p and not p.has(key("vegan"))
    assert stem("bus") == "bus" and stem("paris") == "paris"
