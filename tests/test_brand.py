from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from influkit.brand import TEMPLATE, load_brand, locate, parse_brand, saved_brand
from influkit.cli.app import app
from influkit.errors import InfluError

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "brand.toml"


def test_template_is_a_valid_profile() -> None:
    brand = parse_brand(TEMPLATE)
    assert brand.name == "My brand"
    assert brand.min_engagement == pytest.approx(0.02)
    assert brand.values[0].term == "vegan" and "végane" in brand.values[0].synonyms
    assert brand.values[2].term == "sustainable" and brand.values[2].weight == 1.0  # plain string form
    assert brand.budget.per_post == 800 and brand.budget.currency == "EUR"


def test_example_profile() -> None:
    brand = load_brand(str(EXAMPLE))
    assert brand.name == "Maison Verveine"
    assert brand.countries == ["France", "Belgique", "Suisse"]
    assert brand.tiers == ["micro", "mid"]
    assert brand.min_engagement == pytest.approx(0.015)
    assert "Typology" in brand.competitors and "casino" in brand.exclusions
    assert brand.weights.as_dict()["fit"] == 0.40


def test_defaults_when_keys_are_absent() -> None:
    brand = parse_brand('name = "x"')
    assert brand.values == [] and brand.weights.fit == 0.35 and brand.budget.per_post is None


def test_bad_value_names_key_and_line() -> None:
    text = 'name = "x"\n\n[budget]\nper_post = 500\n\n[weights]\nfit = 1\ncost = -2\n'
    with pytest.raises(InfluError) as err:
        parse_brand(text, "b.toml")
    msg = str(err.value)
    assert msg.startswith("b.toml: line 8: weights.cost: ")
    assert "greater than or equal to 0" in msg and "\n" not in msg


def test_array_of_tables_item_line() -> None:
    text = 'name = "x"\n[[themes]]\nterm = "a"\n[[themes]]\nterm = "b"\nweight = "lots"\n'
    with pytest.raises(InfluError, match=r"line 6: themes\[1\]\.weight: .*'lots'"):
        parse_brand(text, "b.toml")


def test_unknown_key_and_bad_tier_and_platform() -> None:
    with pytest.raises(InfluError, match=r"line 2: wieghts: unknown key"):
        parse_brand('name = "x"\nwieghts = 1\n', "b.toml")
    with pytest.raises(InfluError, match=r"line 2: tiers: unknown tier 'giant'"):
        parse_brand('name = "x"\ntiers = ["micro", "giant"]\n', "b.toml")
    with pytest.raises(InfluError, match=r"platforms: unknown platform 'myspace'"):
        parse_brand('name = "x"\nplatforms = ["myspace"]\n', "b.toml")
    with pytest.raises(InfluError, match=r"min_engagement: .*not a fraction"):
        parse_brand('name = "x"\nmin_engagement = 2\n', "b.toml")


def test_a_country_typo_and_a_term_given_twice_are_refused() -> None:
    """A country close to a known one ("Frnace") is a typo that would give every creator audience 0; a
    term given twice ("beauté", "Beauté", "beaute") would count twice; a place influkit does not list and
    resembling none ("Norway"), and codes, are kept."""
    with pytest.raises(InfluError, match=r"line 2: countries: unknown country 'Frnace': did you mean 'France'\?"):
        parse_brand('name = "x"\ncountries = ["Frnace"]\n', "b.toml")
    with pytest.raises(InfluError, match=r"languages: unknown language 'Englsh'"):
        parse_brand('name = "x"\nlanguages = ["fr", "Englsh"]\n', "b.toml")
    with pytest.raises(InfluError, match=r"themes: 'Beauté' is 'beauté' again"):
        parse_brand('name = "x"\nthemes = ["beauté", "Beauté"]\n', "b.toml")
    with pytest.raises(InfluError, match=r"values: 'vegans' is 'vegan' again"):
        parse_brand('name = "x"\nvalues = ["vegan", "vegans"]\n', "b.toml")
    # the same term in both lists, or as another term's synonym, would count twice too: refused on one line
    # naming both places
    with pytest.raises(InfluError, match=r"^b.toml: line 3: themes: 'Yoga' is 'yoga' in values again "
                                         r"\(case, accents and plurals aside\)[^\n]*$"):
        parse_brand('name = "x"\nvalues = ["yoga"]\nthemes = ["Yoga", "running"]\n', "b.toml")
    with pytest.raises(InfluError, match=r"line 3: themes: 'Yoga' \(synonym of 'running'\) is 'yoga' in values again"):
        parse_brand('name = "x"\nvalues = ["yoga"]\nthemes = [{ term = "running", synonyms = ["Yoga"] }]\n', "b.toml")
    with pytest.raises(InfluError, match=r"themes: 'plant-based' \(synonym of 'food'\) is 'plant based' "
                                         r"\(synonym of 'vegan' in values\) again"):
        parse_brand('name = "x"\nvalues = [{ term = "vegan", synonyms = ["plant based"] }]\n'
                    'themes = [{ term = "food", synonyms = ["plant-based"] }]\n', "b.toml")
    with pytest.raises(InfluError, match=r"values: 'Plant-Based' is 'plant based' \(synonym of 'vegan'\) again"):
        parse_brand('name = "x"\nvalues = [{ term = "vegan", synonyms = ["plant based"] }, "Plant-Based"]\n', "b.toml")
    with pytest.raises(InfluError, match=r"themes: 'recyclées' is 'recyclé' again"):  # genders meet too
        parse_brand('name = "x"\nthemes = ["recyclé", "recyclées"]\n', "b.toml")
    # a profile an older influkit saved with a list or a campaign: the same refusal, on one line
    with pytest.raises(InfluError, match=r"^the brand profile saved with the scored list is no longer accepted: "
                                         r"themes: 'Yoga' is 'yoga' in values again .*; give the corrected profile "
                                         r"with --brand$"):
        saved_brand({"name": "x", "values": [{"term": "yoga"}], "themes": [{"term": "Yoga"}]}, "the scored list")
    same = parse_brand('name = "x"\nvalues = [{ term = "vegan", synonyms = ["Vegan", "vegans"] }]\n')
    assert same.values[0].synonyms == ["Vegan", "vegans"]  # a term's own synonyms count once with it
    kept = parse_brand('name = "x"\ncountries = ["France", "Norway", "BE"]\nthemes = ["beauté", "soin"]\n')
    assert kept.countries == ["France", "Norway", "BE"] and len(kept.themes) == 2


def test_missing_name_and_toml_syntax() -> None:
    with pytest.raises(InfluError, match=r"^b.toml: name: Field required$"):
        parse_brand("values = []\n", "b.toml")
    with pytest.raises(InfluError, match=r"invalid TOML: .*line 2"):
        parse_brand('name = "x"\nfit = = 2\n', "b.toml")
    with pytest.raises(InfluError, match="brand profile not found"):
        load_brand("/nonexistent/brand.toml")


def test_locate_top_level_and_sections() -> None:
    text = 'name = "x"\n[budget]\nper_post = 1\n[weights]\nfit = 2\n'
    assert locate(text, ("name",)) == 1
    assert locate(text, ("budget", "per_post")) == 3
    assert locate(text, ("weights", "fit")) == 5
    assert locate(text, ("nothing",)) is None


def test_cli_brand_init(tmp_path: Path) -> None:
    runner = CliRunner()
    printed = runner.invoke(app, ["brand", "init"])
    assert printed.exit_code == 0 and printed.stdout == TEMPLATE
    target = tmp_path / "brand.toml"
    made = runner.invoke(app, ["brand", "init", str(target)])
    assert made.exit_code == 0, made.output
    assert target.read_text(encoding="utf-8") == TEMPLATE
    again = runner.invoke(app, ["brand", "init", str(target)])
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert runner.invoke(app, ["brand", "init", str(target), "--force"]).exit_code == 0


def test_cli_brand_check_and_error(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["brand", "check", str(EXAMPLE)])
    assert ok.exit_code == 0 and "brand: Maison Verveine" in ok.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n[weights]\nfit = "high"\n', encoding="utf-8")
    result = runner.invoke(app, ["score", "--brand", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"influkit: {bad}: line 3: weights.fit: Input should be a valid number (got 'high')"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('name = "x"\n[weights]\nfit = 0\nengagement = 0\nauthenticity = 0\nreach = 0\naudience = 0\ncost = 0\n',
         "b.toml: line 2: weights: all six weights are 0: give at least one component a weight above 0"),
        ('name = "x"\n[budget]\nper_post = true\n',
         'b.toml: line 3: budget.per_post: should be an amount such as 800 or "800 €", not true/false (got True)'),
        ('name = "x"\n[budget]\nper_post = 800\ncurrency = "ZZZ"\n',
         "b.toml: line 4: budget.currency: unknown currency 'ZZZ'; use an ISO 4217 code such as EUR, USD, GBP, CHF, "
         "CAD (got 'ZZZ')"),
        ('name = "x"\n[weights]\nfit = true\n', "b.toml: line 3: weights.fit: Input should be a valid number (got True)"),
        ('name = "x"\nmin_engagement = true\n', "b.toml: line 2: min_engagement: Input should be a valid number (got True)"),
        ('name = "x"\nvalues = [{ term = "vegan", weight = true }]\n',
         "b.toml: line 2: values[0].weight: Input should be a valid number (got True)"),
        ('name = "x"\nvalues = [{ term = "vegan", weight = 0 }]\n',
         "b.toml: line 2: values[0].weight: Input should be greater than 0 (got 0)"),
        ('name = "x"\nthemes = ["skincare", "🌱"]\n',
         "b.toml: line 2: themes[1].term: '🌱' has no letter or digit, so it can never match (got '🌱')"),
    ],
)
def test_settings_that_would_break_scoring_are_refused(text: str, expected: str) -> None:
    with pytest.raises(InfluError) as err:
        parse_brand(text, "b.toml")
    assert str(err.value) == expected


def test_known_currencies_and_weights_accepted() -> None:
    brand = parse_brand('name = "x"\n[budget]\nper_post = "800 $"\ncurrency = "usd"\n[weights]\nfit = 1\ncost = 0\n')
    assert brand.budget.currency == "USD" and brand.budget.per_post == 800
    assert brand.weights.fit == 1.0 and brand.weights.cost == 0.0  # one weight at 0 switches one component off
    assert parse_brand('name = "x"\nvalues = [{ term = "веган", weight = 10 }]\n').values[0].weight == 10


def test_a_misspelt_key_is_named_before_the_missing_one() -> None:
    with pytest.raises(InfluError) as info:
        parse_brand('nmae = "Maison"\n[weights]\nfit = 2\n', "bad.toml")
    assert str(info.value).startswith("bad.toml: line 1: nmae: unknown key")


def test_a_sector_typo_is_refused_and_the_sectors_are_shown() -> None:
    """A sector close to a known one ("alcohool") would switch its rule off in silence: refused; a sector
    the checker has no rule for ("cosmetics") is kept, and `brand check` shows the sectors."""
    with pytest.raises(InfluError, match=r"compliance.sectors: unknown sector 'alcohool': did you mean 'alcohol'"):
        parse_brand('name = "x"\n[compliance]\nsectors = ["cosmetics", "alcohool"]\n', "b.toml")
    brand = parse_brand('name = "x"\n[compliance]\nsectors = ["cosmetics", "alcool"]\n')
    assert ["sectors", "cosmetics, alcool"] in brand.summary_rows("en")
