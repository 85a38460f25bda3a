from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import influkit
from influkit.brand import load_brand, parse_brand
from influkit.cli.app import app
from influkit.fit import Scores, explain, explain_data, find_rows, score_table
from influkit.pipeline import compute_metrics, enrich, read_table
from influkit.table import Table
from influkit.thresholds.scoring import COMPONENTS

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "golden" / "prospects_fixture.csv"
EXAMPLE_BRAND = HERE.parent / "examples" / "brand.toml"
DATASETS = HERE.parents[1] / "shared" / "datasets"


def scored() -> tuple[Table, Scores]:
    table = read_table(str(FIXTURE))
    compute_metrics(table)
    results = score_table(table, load_brand(str(EXAMPLE_BRAND)), "en")
    return table, results


def by_handle(table: Table, handle: str, platform: str = "instagram") -> dict:  # type: ignore[type-arg]
    return next(r for r in table.rows() if r["handle"] == handle and r["platform"] == platform)


def test_matching_creators_rank_first_with_reasons() -> None:
    table, _ = scored()
    order = [r["handle"] for r in sorted(table.rows(), key=lambda r: r["rank"] or 99)]
    assert order[:3] == ["lea.veggie", "lea.veggie", "ines.cuisine"]
    lea = by_handle(table, "lea.veggie")
    assert lea["rank"] == 1 and lea["score"] > 85
    assert lea["reasons"].startswith("matches: + vegan (bio), + cruelty free (bio)")
    assert "+ beauté (category)" in lea["reasons"]
    assert "ER 1.8x the Instagram benchmark (median)" in lea["reasons"]
    assert lea["confidence"] == "high"
    for c in COMPONENTS:
        assert 0 <= lea[f"score_{c}"] <= 100
    # the tech reviewer and the US fitness account have no value or theme and rank below every match
    hugo, john = by_handle(table, "hugotech", "youtube"), by_handle(table, "johnfit")
    assert hugo["score_fit"] == 0 and "no value or theme found" in hugo["reasons"]
    assert "- country United States" in john["reasons"] and "- language en" in john["reasons"]
    assert john["rank"] > by_handle(table, "zoe.wellness")["rank"]


def test_exclusion_and_competitor_set_zero_and_say_so() -> None:
    table, _ = scored()
    camille, max_ = by_handle(table, "camille.greenbeauty"), by_handle(table, "maxwin")
    assert camille["score"] == 0 and camille["fit_score"] == 0
    assert camille["reasons"].startswith("BLOCKED (score 0): worked with competitor Typology (notes)")
    assert max_["score"] == 0 and "excluded term casino (bio)" in max_["reasons"]
    assert camille["rank"] is None and max_["rank"] is None  # blocked: no candidate, no rank
    assert sorted(r for r in table.get("rank") if r is not None) == list(range(1, 7))


def test_competitor_in_a_brands_column_and_cost_reasons() -> None:
    brand = parse_brand('name = "b"\ncompetitors = ["Weleda"]\n[budget]\nper_post = 500\n')
    table = read_table(str(FIXTURE))
    compute_metrics(table)
    score_table(table, brand)  # the sheet's headers are French: so are the reasons
    lea = by_handle(table, "lea.veggie")
    assert lea["reasons"].startswith("BLOQUÉ (score 0) : a travaillé avec le concurrent Weleda (Collaborations)")
    assert "- tarif 1\u202f500\u00a0€ au-dessus du budget de 500\u00a0€" in by_handle(table, "hugotech", "youtube")["reasons"]
    score_table(table, brand, "en")
    lea = by_handle(table, "lea.veggie")
    assert "worked with competitor Weleda (Collaborations)" in lea["reasons"] and lea["score"] == 0
    hugo = by_handle(table, "hugotech", "youtube")
    assert "- quote €1,500 over the €500 budget" in hugo["reasons"] and hugo["score_cost"] == 0


def test_the_brand_a_row_is_prospected_for_is_no_collaboration(tmp_path: Path) -> None:
    """An agency sheet for several clients has a "Marque" or "Client" column saying which client each row
    is prospected for: a competitor named there is no collaboration (no block, not on the card), while
    "Marques partenaires", "Collabs" or a cell listing brands still are."""
    brand = parse_brand('name = "Verdure"\nthemes = ["soin"]\ncompetitors = ["Kinetik"]\n')
    rows = "".join(f"C{k};@c{k};Instagram;20000;Routine soin;{'Kinetik' if k % 2 else 'Verdure'};{past}\n"
                   for k, past in enumerate(["", "Kinetik, Sephora", "", "Dior", "", "", "", ""]))
    path = tmp_path / "agence.csv"
    path.write_text("Nom;Handle;Réseau;Abonnés;Bio;Marque;Marques partenaires\n" + rows, encoding="utf-8")
    table = read_table(str(path))
    compute_metrics(table)
    score_table(table, brand)
    blocked = [r["handle"] for r in table.rows() if r["score"] == 0]
    assert blocked == ["c1"]  # Kinetik among its partner brands; c3, c5, c7 are only prospected for Kinetik
    assert "a travaillé avec le concurrent Kinetik (Marques partenaires)" in by_handle(table, "c1")["reasons"]
    from influkit.fit import brand_history

    assert not brand_history("Client", ["Kinetik", "Verdure"] * 10)
    assert brand_history("Client", ["Kinetik, Verdure", "Dior"])  # cells that list brands
    assert not brand_history("Marque", ["Canal+", "Bath and Body Works", "N/A", "Dior"] * 5)  # one brand each
    assert brand_history("Collabs", ["Kinetik"] * 20) and brand_history("Brands worked with", ["Nike"])
    assert brand_history("Marques", ["Dior", "Sephora", "Avril", "Typology", "Kinetik"])
    assert not brand_history("Marques", ["Verdure", "Kinetik"] * 10)  # the clients, row after row


def test_quote_against_fair_band_and_flags() -> None:
    brand = parse_brand('name = "b"\nthemes = ["skincare"]\n[budget]\nper_post = 1000\n')
    table = Table(source_rows=[2, 3])
    table.data = {
        "handle": ["a", "b"], "platform": ["instagram", "instagram"], "bio": ["skincare", "skincare"],
        "followers": [20_000, 20_000], "er_vs_tier": [1.4, 0.5], "authenticity": [90, 40],
        "flags": [None, "spike"], "price_quoted": [650.0, 300.0], "currency": ["EUR", "EUR"],
        "est_price_low": [300.0, 400.0], "est_price_high": [500.0, 600.0], "price_currency": ["EUR", "EUR"],
    }
    results = score_table(table, brand)
    a, b = list(table.rows())
    assert a["reasons"] == ("matches: + skincare (bio); ER 1.4x tier median; authenticity 90/100; "
                            "+ quote €650 within the €1,000 budget; - quote 30% above the fair band's top €500 "
                            "(-12)")
    # the budget first (within it: 100), then the fair band (30% above its top: -12 of at most 40)
    assert a["score_cost"] == pytest.approx(88.0) and a["score_engagement"] == pytest.approx(76.0)
    assert "! flags: follower spike" in b["reasons"] and "+ quote below the fair band" in b["reasons"]  # codes in words
    assert a["confidence"] == "high" and results[0].known["cost"] == 1.0


def test_missing_data_lowers_confidence_never_crashes() -> None:
    brand = load_brand(str(EXAMPLE_BRAND))
    table = Table(source_rows=[2, 3])
    table.data = {"handle": ["x", None], "platform": [None, None]}
    results = score_table(table, brand)
    rows = list(table.rows())
    assert [r["confidence"] for r in rows] == ["low", "low"]
    assert "missing: texts to match" in rows[0]["reasons"] and "authenticity" in rows[0]["reasons"]
    assert rows[0]["reasons"].startswith("no text to match")
    assert results[0].score == pytest.approx(rows[0]["score"])


def test_the_confidence_label_agrees_with_the_share_shown() -> None:
    """0.35 + 0.1 + 0.15 + 0.1 + 0.1 of the weights backed by data sums to 0.7999999999999999 in floating
    point: shown as 80 %, it is high confidence, as the docs say."""
    brand = parse_brand('name = "b"\nthemes = ["running"]\nplatforms = ["instagram"]\ncountries = ["FR"]\n'
                        'languages = ["fr"]\n[budget]\nper_post = 500\n[weights]\nfit = 0.35\nengagement = 0.2\n'
                        'authenticity = 0.1\nreach = 0.15\naudience = 0.1\ncost = 0.1\n')
    table = Table(source_rows=[2])
    table.data = {"handle": ["mayaruns"], "platform": ["instagram"], "bio": ["running"], "country": ["FR"],
                  "language": ["fr"], "authenticity": [80], "price_quoted": [300]}
    results = score_table(table, brand)
    r = results[0]
    assert r.known.get("engagement", 0.0) == 0.0 and r.known["authenticity"] == 1.0
    assert (r.confidence, r.confidence_share) == ("high", 0.8)
    data = explain_data(table, results, 0, brand)
    assert (data["confidence"], data["confidence_share"]) == ("high", 0.8)
    assert "confidence high (80% of the weight backed by data)" in explain(table, results, 0, brand)[0]


def test_a_rows_breakdown_is_computed_again_when_asked_and_agrees_with_its_columns() -> None:
    """score_table keeps only the columns; `scores[i]` scores row i again (rank from the column)."""
    table, results = scored()
    rows = list(table.rows())
    assert len(results) == len(table) == len(rows)
    for i, row in enumerate(rows):
        r = results[i]
        assert (r.score, r.fit_score, r.confidence, r.rank) == (row["score"], row["fit_score"], row["confidence"],
                                                                row["rank"])
        assert r.reasons == row["reasons"]
        assert all(round(r.components[c], 1) == row[f"score_{c}"] for c in COMPONENTS)
    assert results[-1].reasons == rows[-1]["reasons"] and [r.rank for r in results[:2]] == [x["rank"] for x in rows[:2]]
    with pytest.raises(IndexError):
        results[len(table)]
    assert results.blocked == sum(1 for row in rows if row["reasons"].startswith("BLOCKED")) == 2


def test_explain_lists_every_component() -> None:
    table, results = scored()
    [i] = find_rows(table, "@ines.cuisine")
    lines = explain(table, results, i, load_brand(str(EXAMPLE_BRAND)))
    assert lines[0].startswith("Inès Benali (instagram ines.cuisine) against Maison Verveine: score ")
    assert len(lines) >= 1 + len(COMPONENTS)
    assert "+ vegan (bio, weight 3)" in lines[1]
    assert find_rows(table, "Hugo Petit") == [2]


def test_a_repeated_account_is_neither_counted_twice_nor_among_the_best(tmp_path: Path) -> None:
    sheet = tmp_path / "d.csv"
    sheet.write_text("Nom,Réseau,Profil,Abonnés,Likes moy.,Bio\nLéa,Instagram,@lea,12 500,480,vegan skincare bio\n"
                     "Zoé,Instagram,@zoe,20 000,600,vegan\nLéa,Instagram,@lea,12 500,480,doublon\n"
                     "Sam,Instagram,@sam,30 000,900,skincare\n", encoding="utf-8")
    scored = influkit.score(str(sheet), brand=str(EXAMPLE_BRAND), store=None)
    assert scored.get("rank")[2] == scored.get("rank")[0]  # the repeat shares its first row's rank
    assert 2 not in scored.best(3) and len(scored.best(3)) == 3
    result = CliRunner().invoke(app, ["score", str(sheet), "--brand", str(EXAMPLE_BRAND), "--no-store",
                                      "-o", str(tmp_path / "s.csv")])
    assert result.exit_code == 0, result.output
    assert "scored 3 accounts (and 1 repeated row, ranked with its first) against Maison Verveine: best lea" \
        in result.stderr and result.stderr.count("lea (") == 1


def test_cli_json_equals_library_and_scores_are_stored(tmp_path: Path) -> None:
    db = str(tmp_path / "ws.db")
    runner = CliRunner()
    result = runner.invoke(app, ["score", str(FIXTURE), "--brand", str(EXAMPLE_BRAND), "-o", "-", "--format",
                                 "json", "--db", db])
    assert result.exit_code == 0, result.output
    # what `score FILE` scores: the file enriched offline, its estimates in the brand budget's currency
    table = enrich(str(FIXTURE), store=None, currency="EUR")
    score_table(table, load_brand(str(EXAMPLE_BRAND)))
    assert json.loads(result.stdout) == table.records()
    assert "scored 8 accounts against Maison Verveine" in result.stderr
    # without FILE: the stored list, scored again, same result
    again = runner.invoke(app, ["score", "--brand", str(EXAMPLE_BRAND), "-o", "-", "-f", "json", "--db", db])
    assert again.exit_code == 0, again.output
    assert [r["score"] for r in json.loads(again.stdout)] == [r["score"] for r in table.records()]


def test_cli_explain(tmp_path: Path) -> None:
    db = str(tmp_path / "ws.db")
    runner = CliRunner()
    result = runner.invoke(app, ["score", str(FIXTURE), "--brand", str(EXAMPLE_BRAND), "--explain", "maxwin",
                                 "--db", db])
    assert result.exit_code == 0, result.output
    assert "BLOQUÉ : terme exclu casino (bio)" in result.stdout  # the sheet is French
    assert "méthode : score = 0,4 x affinité + 0,2 x engagement + 0,15 x authenticité" in result.stdout
    assert "\n  portée  " in result.stdout and "\n  reach  " not in result.stdout  # the components in French too
    english = runner.invoke(app, ["score", str(FIXTURE), "--brand", str(EXAMPLE_BRAND), "--explain", "maxwin",
                                  "--db", db, "--lang", "en"])
    assert "BLOCKED: excluded term casino (bio)" in english.stdout
    assert "method: score = 0.4 x fit" in english.stdout
    as_json = runner.invoke(app, ["score", str(FIXTURE), "--brand", str(EXAMPLE_BRAND), "--explain", "maxwin",
                                  "--db", db, "--lang", "en", "-f", "json"])
    data = json.loads(as_json.stdout)
    (row,) = data["explained"]
    assert row["handle"] == "maxwin" and row["score"] == 0 and row["blocked"] == ["excluded term casino (bio)"]
    assert set(row["components"]) == {"fit", "engagement", "authenticity", "reach", "audience", "cost"}
    assert data == influkit.score(str(FIXTURE), brand=str(EXAMPLE_BRAND), explain="maxwin", store=db,
                                  lang="en").explanation_dict()
    missing = runner.invoke(app, ["score", "--brand", str(EXAMPLE_BRAND), "--explain", "nobody", "--db", db])
    assert missing.exit_code == 1 and "no creator with handle or name 'nobody'" in missing.stderr


def test_real_list_ranks_beauty_creators_first() -> None:
    path = DATASETS / "ig_top1000_mar2022_raw.csv"
    if not path.exists():
        pytest.skip("../shared/datasets is not present")
    table = read_table(str(path))
    compute_metrics(table)
    score_table(table, load_brand(str(EXAMPLE_BRAND)))
    rows = sorted(table.rows(), key=lambda r: r["rank"] or len(table))
    top = rows[:25]
    # every one of the 25 best is a beauty creator, and the reason says it was found in a category
    for r in top:
        cats = f"{r['category']} {r.get('category_2')}"
        assert "Beauty" in cats, r
        assert "+ beauté (category" in r["reasons"]
    # the French beauty creator comes first (audience France matches the brand's countries)
    assert rows[0]["handle"] == "nabilla" and "+ France" in rows[0]["reasons"]
    # brand safety: adult content is blocked, with the reason
    adult = [r for r in rows if "Adult content" in f"{r['category']} {r.get('category_2')}"]
    assert adult and all(r["score"] == 0 and "excluded term adult content" in r["reasons"] and r["rank"] is None
                         for r in adult)
    # the beauty creators with decent engagement all come before any off-topic creator; only those
    # under the profile's minimum engagement may fall behind very engaged off-topic accounts
    first_off_topic = min(r["rank"] for r in rows if "matches:" not in r["reasons"] and r["rank"] is not None)
    assert first_off_topic > 25
    behind = [r for r in rows if "matches:" in r["reasons"] and r["score"] > 0 and r["rank"] is not None
              and r["rank"] > first_off_topic]
    assert all("below the 1.5% minimum" in r["reasons"] for r in behind)


def test_a_repeated_account_shares_the_rank_of_its_first_row(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("Pseudo,Réseau,Bio\nlea,IG,vegan skincare\ntom,IG,gaming\n@LEA,Insta,vegan skincare\n",
                     encoding="utf-8")
    table = read_table(str(sheet))
    compute_metrics(table)
    score_table(table, load_brand(str(EXAMPLE_BRAND)))
    assert table.get("duplicate_of") == [None, None, 2]
    assert table.get("rank") == [1, 2, 1]  # no gap in the ranking for the repeated row


def _one_row(brand_text: str | None = None, **cols: str) -> dict:  # type: ignore[type-arg]
    brand = load_brand(str(EXAMPLE_BRAND)) if brand_text is None else parse_brand(brand_text)
    table = Table(source_rows=[2])
    table.data = {"handle": ["a"], "platform": ["instagram"], **{k: [v] for k, v in cols.items()}}
    score_table(table, brand)
    return next(iter(table.rows()))


@pytest.mark.parametrize(
    ("cols", "blocked_by"),
    [
        ({"bio": "Skincare vegan", "notes": "Relancée en avril"}, None),
        ({"bio": "Elle respire la joie, skincare vegan"}, None),
        ({"bio": "Respire. Skincare vegan"}, None),  # a capital at a sentence start is not a collaboration
        ({"bio": "Hautpflege für dich, vegan"}, None),
        ({"bio": "Skincare vegan", "notes": "A travaillé avec Typology en 2024"}, "worked with competitor Typology"),
        ({"bio": "Skincare vegan", "notes": "Collab Avril en mars"}, "worked with competitor Avril"),
        ({"bio": "Skincare vegan #ad @respire"}, "worked with competitor Respire"),
        ({"bio": "Skincare vegan", "best_posts": "Ma routine #Avril #partenariat"}, "worked with competitor Avril"),
        ({"bio": "Skincare vegan", "brands": "avril, lush"}, "worked with competitor Avril (brands)"),
        ({"bio": "Casino en ligne, skincare"}, "excluded term casino (bio)"),
        ({"bio": "Crypto & skincare"}, "excluded term crypto (bio)"),
        ({"bio": "I love fast fashion hauls"}, "excluded term fast fashion (bio)"),
        ({"bio": "Haul #fastfashion"}, "excluded term fast fashion (bio)"),
        # a lower-case glued hashtag or mention is split with the exclusion's words, as a competitor's is
        ({"bio": "Skincare vegan, weekly #sheinhaul"}, "excluded term Shein (bio)"),
        ({"bio": "Skincare vegan @sheinofficial"}, "excluded term Shein (bio)"),
        ({"bio": "Skincare vegan #casinoenligne"}, "excluded term casino (bio)"),
        ({"bio": "Skincare vegan #fastfashionhaul"}, "excluded term fast fashion (bio)"),
        ({"bio": "Pelzmode: Fur coats"}, "excluded term fur (bio)"),
    ],
)
def test_blockers_need_a_real_mention(cols: dict[str, str], blocked_by: str | None) -> None:
    row = _one_row(**cols)
    if blocked_by is None:
        assert row["score"] > 0 and "BLOCKED" not in row["reasons"], row["reasons"]
    else:
        assert row["score"] == 0 and blocked_by in row["reasons"], row["reasons"]


def test_link_in_bio_is_not_organic() -> None:
    row = _one_row(bio="Routine skincare ✨ lien en bio")
    assert "+ bio" not in row["reasons"] and "+ skincare (bio)" in row["reasons"]
    assert "+ bio" not in _one_row(bio="Skincare, link in bio")["reasons"]
    assert "+ bio (bio)" in _one_row(bio="Cosmétiques bio, lien en bio")["reasons"]
    assert "+ bio (bio)" in _one_row(bio="Je mange en bio")["reasons"]


def test_hashtags_match_the_profile_terms() -> None:
    row = _one_row(best_posts="Nouvelle routine #crueltyfree #veganskincare")
    assert row["reasons"].startswith("matches: + vegan (captions), + cruelty free (captions), + skincare (captions)")
    assert "matches:" not in _one_row(best_posts="#party #heart #chapeau #nonvegan")["reasons"]


@pytest.mark.parametrize(("bio", "term"), [
    ("Tissu recyclée", "recyclé"),
    ("RECYCLÉES", "recyclé"),
    ("tenues fabriquées en France", "fabriqué en France"),
    ("Fabriquée en France", "fabriqué en France"),
    ("Créatrice engagée", "engagé"),
    ("#ecoresponsables", "éco-responsable"),
])
def test_feminine_and_plural_forms_of_terms_in_e_acute_match(bio: str, term: str) -> None:
    brand = 'name = "b"\nvalues = ["recyclé", "fabriqué en France", "engagé", "éco-responsable", "art"]\n'
    reasons = _one_row(brand, bio=bio)["reasons"]
    assert f"+ {term} (bio)" in reasons and "+ art" not in reasons, reasons


@pytest.mark.parametrize(("bio", "matched"), [
    ("Not into running", False),
    ("Not a fan of running", False),
    ("No more running for me", False),
    ("I don't do yoga", False),
    ("Never tried yoga", False),
    ("pas fan de yoga", False),
    ("not only yoga but running", True),
    ("never without my yoga mat", True),
])
def test_a_negated_interest_is_no_match(bio: str, matched: bool) -> None:
    reasons = _one_row('name = "b"\nthemes = ["yoga", "running"]\n', bio=bio)["reasons"]
    assert ("matches: +" in reasons) is matched, reasons


def test_non_latin_terms_match_and_unmatchable_weight_is_not_counted() -> None:
    brand = 'name = "b"\nvalues = [{ term = "веган", weight = 1, synonyms = ["نباتي"] }, "vegan"]\n'
    assert "+ веган (bio)" in _one_row(brand, bio="Веган косметика")["reasons"]
    assert "+ веган (bio)" in _one_row(brand, bio="مستحضرات نباتي")["reasons"]
    # a profile built in code with a term that has no letter: left out of the total weight
    from influkit.brand import Brand, Term

    b = Brand(name="b", values=[Term(term="vegan")])
    b.values.append(Term.model_construct(term="🌱", weight=5.0, synonyms=[]))
    table = Table(source_rows=[2])
    table.data = {"handle": ["a"], "platform": ["instagram"], "bio": ["vegan"]}
    [r] = score_table(table, b)
    assert r.components["fit"] == 100.0


def test_engagement_from_eng_avg_header(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("name,platform,followers,Eng. (Auth.),Eng. (Avg.),Category_1\nlea,Instagram,100000,1000,3000,Beauty\n",
                     encoding="utf-8")
    table = read_table(str(sheet))
    compute_metrics(table)
    score_table(table, load_brand(str(EXAMPLE_BRAND)))
    [row] = table.rows()
    assert row["engagement_rate"] == 0.03 and "'Eng. (Avg.)' (average engagements)/followers" in row["er_method"]
    assert "missing: engagement rate" not in row["reasons"] and "ER " in row["reasons"]


def test_an_implausible_rate_is_flagged_the_same_in_enrich_and_score(tmp_path: Path) -> None:
    """59 % from an `Eng. (Avg.)` column on a 2M account: enrich computes it (not empty), flags
    er_high, and the score cites the flag and does not reward it as the best engagement."""
    import influkit

    sheet = tmp_path / "s.csv"
    sheet.write_text("name,platform,followers,Eng. (Avg.),Category_1\n"
                     "pods,Instagram,2000000,1180000,Beauty skincare vegan\n"
                     "real,Instagram,2000000,60000,Beauty skincare vegan\n", encoding="utf-8")
    enriched = influkit.enrich(str(sheet), offline=True, store=None).records()
    assert enriched[0]["engagement_rate"] == 0.59 and "er_high" in enriched[0]["flags"]
    scored = influkit.score(str(sheet), brand=str(EXAMPLE_BRAND), store=None)
    pods, real = scored.records()
    assert pods["engagement_rate"] == enriched[0]["engagement_rate"] and "er_high" in pods["flags"]
    assert "not rewarded" in pods["reasons"]
    assert pods["score_engagement"] <= real["score_engagement"] and real["rank"] == 1


def test_real_dec2022_list_has_engagement() -> None:
    path = DATASETS / "ig_top1000_dec2022.csv"
    if not path.exists():
        pytest.skip("../shared/datasets is not present")
    table = read_table(str(path))
    compute_metrics(table)
    score_table(table, load_brand(str(EXAMPLE_BRAND)))
    rows = list(table.rows())
    with_er = [r for r in rows if "'Eng. (Avg.)' (average engagements)" in (r["er_method"] or "")]
    assert len(with_er) > 0.9 * len(rows)
    assert sum("missing: engagement rate" in r["reasons"] for r in rows) < 0.1 * len(rows)


def test_explain_counts_places_not_rows_and_writes_french_weights_with_a_comma(tmp_path: Path) -> None:
    """New-user review: "rang 4 sur 31" counted a repeated account's row; "poids 1.5" in French."""
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    sheet = tmp_path / "repeated.csv"
    sheet.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")  # the first creator twice
    table = read_table(str(sheet))
    compute_metrics(table)
    results = score_table(table, load_brand(str(EXAMPLE_BRAND)), "fr")
    ranks = [r for r in table.get("rank") if r is not None]
    assert table.get("duplicate_of")[-1] and len(ranks) == max(ranks) + 1
    data = explain_data(table, results, len(table) - 1, load_brand(str(EXAMPLE_BRAND)), "fr")
    assert data["of"] == max(ranks) and data["rank"] == table.get("rank")[0]
    weights = [n for c in data["components"].values() for n in c["notes"] if "poids" in n]
    assert weights and all("." not in n.rsplit("poids", 1)[1] for n in weights)
    assert any("poids 1,5" in n for n in weights)  # naturel (weight 1.5) matched "naturelle"
    with pytest.raises(IndexError, match="out of range: the table has"):
        results[len(table)]


def _example_table() -> Table:
    from influkit.pipeline import load_list

    return load_list(str(HERE.parent / "examples" / "prospects.xlsx"), store=None)


def test_forked_workers_score_exactly_as_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """A large table is scored by workers forked before it was read, a few rows at a time: the same
    columns, in the same order, and the same breakdowns afterwards."""
    from influkit import fit
    from influkit.progress import reporting

    brand = load_brand(str(EXAMPLE_BRAND))
    alone = _example_table()
    one = score_table(alone, brand)
    monkeypatch.setattr(fit, "SCORE_PARALLEL_MIN_ROWS", 2)
    monkeypatch.setattr(fit, "SCORE_CHUNK_ROWS", 3)
    monkeypatch.setenv("INFLUKIT_WORKERS", "2")
    seen: list[int] = []
    with fit.scoring_workers() as workers:
        assert workers is not None and workers.count == 2
        together = _example_table()
        with reporting(lambda state: seen.extend([state["done"]] if state.get("step") == "scoring"
                                                 and "done" in state else [])):
            two = score_table(together, brand, workers=workers)
        again = score_table(_example_table(), brand, "en", workers=workers)  # a second job, other reasons
    assert len(together) > 3 * 3  # several chunks
    scored_columns = ["fit_score", "score", "rank", "confidence", "reasons"] + [f"score_{c}" for c in COMPONENTS]
    for column in scored_columns:
        assert together.get(column) == alone.get(column), column
    assert any(together.get("reasons")) and two.blocked == one.blocked
    assert two[0] == one[0] and two[len(together) - 1].reasons == one[len(alone) - 1].reasons
    assert seen and seen == sorted(seen) and max(seen) == len(together)
    english = _example_table()
    score_table(english, brand, "en")
    assert again._table.get("reasons") == english.get("reasons") != together.get("reasons")


def test_no_workers_while_another_thread_runs_or_when_asked_for_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """A thread's lock held when a worker is forked would stay held in the worker: no fork then."""
    import sys
    import threading

    from influkit import fit

    monkeypatch.setenv("INFLUKIT_WORKERS", "2")
    assert fit.worker_count() == (2 if sys.platform == "linux" else 0)
    monkeypatch.setenv("INFLUKIT_WORKERS", "1")
    assert fit.worker_count() == 0
    with fit.scoring_workers() as workers:
        assert workers is None
    monkeypatch.setenv("INFLUKIT_WORKERS", "2")
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert fit.worker_count() == 0
    finally:
        stop.set()
        thread.join()


def test_score_and_shortlist_use_workers_on_a_large_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """The library calls fork their workers before reading the list (the same result as without)."""
    from influkit import fit

    file = str(HERE.parent / "examples" / "prospects.xlsx")
    alone = influkit.score(file, brand=str(EXAMPLE_BRAND), store=None)
    short_alone = influkit.shortlist(file, brand=str(EXAMPLE_BRAND), top=5, store=None)
    monkeypatch.setattr(fit, "SCORE_PARALLEL_MIN_ROWS", 2)
    monkeypatch.setattr(fit, "SCORE_CHUNK_ROWS", 4)
    monkeypatch.setenv("INFLUKIT_WORKERS", "2")
    used: list[int] = []
    real = fit.Workers.scored

    def counted(self: fit.Workers, job: object, bounds: list[tuple[int, int]]) -> object:
        used.append(len(bounds))
        return real(self, job, bounds)  # type: ignore[arg-type]

    monkeypatch.setattr(fit.Workers, "scored", counted)
    together = influkit.score(file, brand=str(EXAMPLE_BRAND), store=None)
    short = influkit.shortlist(file, brand=str(EXAMPLE_BRAND), top=5, store=None)
    if __import__("sys").platform == "linux":
        assert len(used) == 2 and used[0] > 1
    assert together.get("reasons") == alone.get("reasons") and together.get("rank") == alone.get("rank")
    assert short.get("handle") == short_alone.get("handle") and short.get("reasons") == short_alone.get("reasons")


def test_memos_change_nothing_not_even_for_cells_equal_as_numbers(tmp_path: Path) -> None:
    """Texts, places and flags repeated over rows are scored once (issue #14): every row's score and
    reasons equal those of a scorer that saw only that row. A text cell 1, 1.0, True or "1" is not
    the same text although Python finds them equal."""
    from influkit import fit

    lines = ["handle,platform,followers,er,bio,notes,country,authenticity,price"]
    notes = ["vegan life", "true story", "1", "vegan life", "", "true story", "cruelty free"]
    for i in range(28):
        lines.append(f"c{i},{('instagram', 'tiktok', 'youtube')[i % 3]},{5000 + 997 * i},{1 + i % 5}%,"
                     f"{'soin visage' if i % 2 else 'yoga'},{notes[i % 7]},{('France', 'Belgique', 'USA')[i % 3]},"
                     f"{(55, 90)[i % 2]},{300 + 10 * i}")
    sheet = tmp_path / "l.csv"
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = read_table(str(sheet))
    compute_metrics(table)
    cells: list[object] = [1, 1.0, True, "1", "True", ["vegan", "soin"], 1, True]
    for i, cell in enumerate(cells):
        table.data["notes"][20 + i] = cell
    brand = parse_brand('name = "b"\nvalues = [{term = "vegan", weight = 2}, {term = "true", weight = 1}]\n'
                        'themes = [{term = "1", weight = 1}, {term = "soin", weight = 1}]\n'
                        'countries = ["France"]\ntiers = ["nano"]\n[budget]\nper_post = 400\n')
    score_table(table, brand, "en")
    reasons = table.get("reasons")
    for k in range(len(table)):
        alone = fit.Scorer(table, brand).row(k)  # a scorer of its own: empty memos
        assert alone.reasons_in("en") == reasons[k], k
        assert (alone.score, alone.fit_score) == (table.get("score")[k], table.get("fit_score")[k]), k
        assert all(round(alone.components[c], 1) == table.get(f"score_{c}")[k] for c in COMPONENTS), k
    assert "+ true (notes)" in reasons[22] and "+ true (notes)" in reasons[24]  # True, "True"
    assert "+ 1 (notes)" in reasons[20] and "+ 1 (notes)" in reasons[23] and "+ true" not in reasons[20]
    assert "+ vegan (notes)" in reasons[25]  # a list's items
    assert len(set(reasons)) > 10


def test_estimates_are_in_the_budgets_currency_when_scoring(tmp_path: Path) -> None:
    """A US brand budgeted in dollars scoring a sheet priced in pounds and dollars: the fair prices (and the
    cards' "fair price") are in dollars, the budget's currency, not in euros."""
    path = tmp_path / "uk.csv"
    path.write_text("Name,Handle,Platform,Followers,Price\nChloe,chloe.e,Instagram,20000,£400\n"
                    "Priya,priya.s,Instagram,30000,\"$1,200\"\n", encoding="utf-8")
    brand = tmp_path / "brand.toml"
    brand.write_text('name = "Glowbright"\nthemes = ["skincare"]\n[budget]\nper_post = "$1,000"\n', encoding="utf-8")
    scored = influkit.score(str(path), brand=str(brand), store=None)
    assert set(scored.get("price_currency")) == {"USD"}


def test_a_french_reason_names_no_flag_code(tmp_path: Path) -> None:
    import influkit

    sheet = tmp_path / "s.csv"
    sheet.write_text("nom,réseau,abonnés,Eng. (Avg.),catégorie\n"
                     "pods,Instagram,2000000,1180000,Beauté skincare vegan\n", encoding="utf-8")
    (pods,) = influkit.score(str(sheet), brand=str(EXAMPLE_BRAND), store=None, lang="fr").records()
    assert "er_high" in pods["flags"] and "(er_high)" not in pods["reasons"]
    assert "le repère (engagement anormalement élevé) : non récompensé" in pods["reasons"]
