"""A label found in the text but not where the rule set wants it (after the platform's "more" cut, lost in the
closing block of hashtags) is named as such, with its position, in every rule set that has a placement rule
(FR-02, US-03, UK-03, EU-04), in French and English; also when the platform's paid-partnership label (which
shows upfront by itself) discloses the post. "Only the platform's label" is said of a post whose text has no
label at all. A new user's UK post with `#ad` at character 137 of 139 and the label set read "UK-02: only
the platform's paid-partnership label"."""

from __future__ import annotations

import pytest

from influkit.campaign.compliance import check_post
from influkit.thresholds.compliance import cut_for

CUT = cut_for("instagram").chars or 0
# '#ad' after Instagram's cut, on the third line (as the new user's post), and in English
LATE_EN = ("Hyperpigmentation update: 6 weeks with the @glowbotanics barrier serum, swipe for the before/after\n"
           "Honest thoughts in the last slide, and more about it in my stories this week.\n#ad")
# 'Publicité' after the cut of a French caption
LATE_FR = ("Ma routine du matin pour peau sensible avec le sérum de @marque, trois semaines que je le teste et mes "
           "rougeurs ont vraiment diminué, je vous explique tout en détail. Publicité")
# (rule set, its placement rule, a caption whose label sits after Instagram's cut, that label)
LATE_CASES = [("uk", "UK-03", LATE_EN, "#ad"), ("us", "US-03", LATE_EN, "#ad"), ("eu", "EU-04", LATE_EN, "#ad"),
              ("fr", "FR-02", LATE_FR, "Publicité")]
POSITION = {"en": "at character {n} of {of}", "fr": "au caractère {n} sur {of}"}


def _where(caption: str, label: str, lang: str) -> str:
    return POSITION[lang].format(n=caption.index(label) + 1, of=len(caption))


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(("rules", "rule", "caption", "label"), [
    *LATE_CASES, ("fr", "FR-02", LATE_EN, "#ad"),  # an English caption's own label (FR-03's case)
])
def test_a_label_after_the_cut_beside_the_platforms_label_is_named_with_its_position(
        rules: str, rule: str, caption: str, label: str, lang: str) -> None:
    assert caption.index(label) >= CUT
    v = check_post(caption, platform="instagram", paid_partnership=True, rules=rules, lang=lang)
    assert v.disclosure == "ok" and v.level == "warn"  # the platform's label discloses it upfront
    placed = [w for w in v.warnings if w.startswith(rule)]
    assert len(placed) == 1, v.warnings
    assert label in placed[0] and _where(caption, label, lang) in placed[0], placed[0]
    assert not any("only the platform" in w or "seul le label" in w for w in v.warnings), v.warnings


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(("rules", "rule", "caption", "label"), LATE_CASES)
def test_a_label_after_the_cut_alone_is_late_and_says_where(rules: str, rule: str, caption: str, label: str,
                                                            lang: str) -> None:
    v = check_post(caption, platform="instagram", paid_partnership=False, rules=rules, lang=lang)
    assert v.disclosure == "late"
    late = [r for r in v.reasons if r.startswith(rule)]
    assert len(late) == 1 and _where(caption, label, lang) in late[0], v.reasons


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(("rules", "rule", "caption", "label"), [
    ("uk", "UK-03", "My morning routine with @brand #skincare #vegan #glow #ad", "#ad"),
    ("us", "US-03", "My morning routine with @brand #skincare #vegan #glow #ad", "#ad"),
    ("eu", "EU-04", "My morning routine with @brand #skincare #vegan #glow #ad", "#ad"),
    ("fr", "FR-02", "Ma routine du matin avec @marque #skincare #vegan #glow #publicité", "#publicité"),
])
@pytest.mark.parametrize("flag", [True, None])
def test_a_label_lost_among_the_closing_hashtags_says_where(rules: str, rule: str, caption: str, label: str,
                                                            lang: str, flag: bool | None) -> None:
    """Visible, but in the closing block of hashtags: a warning naming its position, with or without the
    platform's label (FR and EU said nothing of it when the label was set)."""
    v = check_post(caption, platform="instagram", paid_partnership=flag, rules=rules, lang=lang)
    assert v.disclosure == "ok"
    buried = [w for w in v.warnings if w.startswith(rule)]
    assert len(buried) == 1 and _where(caption, label, lang) in buried[0], v.warnings


@pytest.mark.parametrize(("rules", "rule"), [("uk", "UK-02"), ("us", "US-06")])
def test_only_the_platforms_label_is_said_of_a_text_without_any_label(rules: str, rule: str) -> None:
    alone = check_post("Morning routine with the barrier serum from @glowbotanics", platform="instagram",
                       paid_partnership=True, rules=rules, lang="en")
    assert [w for w in alone.warnings if w.startswith(rule)] and "only the platform's" in alone.warnings[0]
    french = check_post("Ma routine du matin avec le sérum de @marque", platform="instagram",
                        paid_partnership=True, rules=rules, lang="fr")
    assert "seul le label" in french.warnings[0]
    weak = check_post("Morning routine with the barrier serum #collab @glowbotanics", platform="instagram",
                      paid_partnership=True, rules=rules, lang="en")
    said = [w for w in weak.warnings if w.startswith(rule)]
    assert len(said) == 1 and "#collab" in said[0], weak.warnings
    assert not any("only the platform's" in w for w in weak.warnings), weak.warnings
