"""Two caption sets written after the rules, read verdict by verdict (see docs/compliance.md); kept as
regression data. French captions under French law; English captions under FTC and ASA rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from influkit.campaign.compliance import check

DATA = Path(__file__).parent / "data"

EXPECTED_FR: dict[str, tuple[str | None, str | None]] = {
    "@camille.rdv": ("ok", None),
    "@theo.run": ("insufficient", "FR-04"),
    "@lili.cook": ("late", "FR-02"),
    "@manon.travel": ("insufficient", "FR-04"),
    "@alex.gamer": ("ok", None),
    "@sofia.beauty": ("late", "FR-02"),
    "@jeanne.deco": ("ok", None),
    "@kevin.fit": ("insufficient", "FR-03"),
    "@clara.mum": ("missing", "FR-01"),
    "@romain.vin": ("ok", None),
    "@yasmine.glow": ("ok", "FR-08"),
    "@nathan.money": ("late", "FR-02, FR-12"),
    "@elodie.nature": ("ok", "FR-09"),
    "@marie.vapote": ("ok", "FR-10"),
    "@lucas.foot": ("missing", "FR-01, FR-13"),
    "@anais.makeup": ("insufficient", "FR-04"),
    "@paul.auto": ("late", "FR-02"),
    "@ines.yoga": ("late", "FR-02"),
    "@hugo.tech": ("insufficient", "FR-04"),
    "@zoe.bio": ("ok", None),
    "@leo.crypto": ("ok", "FR-12"),
    "@emma.lingerie": ("ok", None),
    "@tom.nofilter": ("ok", None),
    "@julia.chien": ("insufficient", "FR-04"),
    "@sam.snack": ("ok", None),
    "@ludo.formation": ("ok", "FR-17"),
    "@chloe.mode": ("ok", None),
    "@max.brico": ("missing", "FR-01"),
    "@nora.skin": ("ok", "FR-09"),
    "@victor.poker": ("ok", None),
}

EXPECTED_EN: dict[str, tuple[str | None, str | None]] = {
    "@mia.sunshine": ("ok", None),
    "@jake.lifts": ("ok", None),
    "@hannah.home": ("ok", None),
    "@derek.tech": ("ok", None),
    "@lily.eats": ("ok", None),
    "@sophie.style": ("insufficient", "US-02, UK-02"),
    "@ryan.travels": ("ok", None),
    "@emma.fit": ("missing", "US-01, UK-01"),
    "@chris.cooks": ("late", "US-03, UK-03"),
    "@ava.beauty": ("ok", None),
    "@noah.gaming": ("ok", None),
    "@grace.mom": ("ok", None),
    "@liam.adventure": ("missing", "US-01, UK-01"),
    "@olivia.skin": ("ok", None),
    "@ben.vape": ("ok", None),
    "@zara.fashion": ("ok", None),
    "@tyler.crypto": ("ok", None),
    "@mila.wellness": ("insufficient", "US-02, UK-02"),
    "@owen.golf": ("insufficient", "US-02, UK-02"),
    "@isla.makeup": ("ok", None),
    "@leo.music": ("ok", None),
    "@ella.books": ("ok", None),
    "@jack.drinks": ("ok", None),
    "@amelia.pets": ("ok", None),
    "@henry.cars": ("ok", None),
    "@ruby.runs": ("insufficient", "US-02, UK-02"),
    "@finn.fitness": ("late", "US-03, UK-03"),
    "@chloe.uk": ("ok", None),
    "@max.lol": ("missing", "US-01, UK-01"),
    "@sara.home": ("insufficient", "US-02, UK-02"),
}


@pytest.mark.parametrize("name,rules,expected", [("fr", "fr", EXPECTED_FR), ("en", "us,uk", EXPECTED_EN)])
def test_reviewed_caption_sets(name: str, rules: str, expected: dict[str, tuple[str | None, str | None]]) -> None:
    rows = check(str(DATA / f"captions_{name}.csv"), rules=rules).records()
    assert {r["Compte"]: (r["disclosure"], r["compliance"]) for r in rows} == expected
