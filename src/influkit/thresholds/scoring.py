"""Brand-fit scoring: default component weights (a brand profile's `[weights]` override them) and the
numbers of each component's curve (docs/scoring.md)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Default:
    weight: float
    rationale: str


# Weights of the components when the profile does not set them (`[weights]` in brand.toml).
DEFAULT_WEIGHTS: dict[str, Default] = {
    "fit": Default(0.35, "the brief's first question ('does this creator reflect our values?'); the largest "
                         "share so that a matching creator ranks above a merely popular one"),
    "engagement": Default(0.20, "engagement beats follower count as a predictor of campaign results "
                                "(the project's premise: followers are a vanity metric)"),
    "authenticity": Default(0.15, "bought or inflated audiences waste budget (Modash, HypeAuditor, Lefty)"),
    "reach": Default(0.10, "platform and size are usually set by the campaign plan; a preference, not a filter"),
    "audience": Default(0.10, "a French brand needs a French-speaking audience; often unknown in sheets"),
    "cost": Default(0.10, "a price over budget is negotiable; it should not outweigh fit"),
}
COMPONENTS: tuple[str, ...] = tuple(DEFAULT_WEIGHTS)
BRAND_FIT_COMPONENTS: tuple[str, ...] = ("fit", "reach", "audience")  # what fit_score combines

NEUTRAL = 50.0  # value of a component without data: neither helps nor hurts the ranking
# Share of the profile's total term weight a creator must match for fit = 100. Creators never
# mention every value; half of them (e.g. vegan + skincare) is a full match. influkit convention.
FIT_FULL_SHARE = 0.5
# fit = 100 x (matched share / FIT_FULL_SHARE) ** FIT_CURVE: the first terms found count most (being
# on-topic at all is the strongest evidence), so one theme in a category already separates a creator
# from the off-topic ones (one of 9 weight units -> 47, not 22). influkit convention.
FIT_CURVE = 0.5
# Engagement: ratio r of the creator's ER to the benchmark of its platform and size
# (`er_vs_tier` when the list has it, else `influkit.thresholds.er_benchmark`).
ENGAGEMENT_AT_BENCHMARK = 60.0  # r = 1 (the median creator of the band) scores 60 ...
ENGAGEMENT_FULL_RATIO = 2.0  # ... rising linearly to 100 at twice the benchmark; 0 at r = 0
ENGAGEMENT_CAP_BELOW_MIN = 25.0  # engagement under the profile's min_engagement scores at most this
# Reach: tier next to a wanted one (micro when mid is wanted) scores this share.
REACH_ADJACENT_TIER = 50.0
# Cost: a price at the budget scores 100, falling linearly to 0 at COST_ZERO_RATIO x budget; a quote
# above the fair band's top loses the same share as its excess (30 % above -> -30 %).
COST_ZERO_RATIO = 2.0
# ... the fair band comes second: within the budget, a quote above the band's top loses at most this
# many points (40 at twice the top), because the budget is the brand's own limit and the band a market
# estimate; without a budget the band is the only reference and the quote loses its excess share.
COST_OVER_BAND_MAX_PENALTY = 40.0
# Confidence labels from the share of the weights backed by data, that share rounded first to what is
# shown of it (CONFIDENCE_SHARE_DIGITS decimals: whole percents), so that the label and the shown share agree.
CONFIDENCE_LEVELS: tuple[tuple[float, str], ...] = ((0.8, "high"), (0.5, "medium"), (0.0, "low"))
CONFIDENCE_SHARE_DIGITS = 2
# Competitor names are often common words (Avril = April, Respire = breathes). Outside a brands /
# collaborations column, a name counts only as an @mention or a #hashtag, or written with a capital
# within COMPETITOR_WINDOW words of a collaboration word (folded; prefixes end with "*").
COMPETITOR_WINDOW = 6
# Distinct texts kept tokenised while scoring (repeated categories, notes, bios are tokenised once);
# beyond this the memo starts again, so memory stays flat at 500k rows. A speed/memory setting
# (measured at 100k rows: 5,000 scores as fast as 50,000, and each scoring process holds 40 MB less).
SCORE_TEXT_MEMO = 5_000
# Reason fragments kept written ("ER 2,3x la médiane du palier"): the same fragment is formatted once.
SCORE_REASON_CACHE = 16_384
# A table of at least SCORE_PARALLEL_MIN_ROWS rows is scored by forked processes (Linux), at most
# SCORE_MAX_WORKERS, SCORE_CHUNK_ROWS rows at a time (what progress advances by). Speed settings; each
# worker holds ~60 MB of its own at 500k rows, so two keep `score` under 1 GiB there.
SCORE_PARALLEL_MIN_ROWS = 20_000
SCORE_MAX_WORKERS = 2
SCORE_CHUNK_ROWS = 5_000
# A run stopped while scoring kills its workers; a queue lock still held this long after is a killed
# worker's, and is freed (the pool's own thread holds one for an instant). A safety setting.
KILLED_LOCK_WAIT_S = 0.5

# Hashtag splitting (see split_tag): a vocabulary piece found at the start of a hashtag needs this
# many characters, at the end this many, and the unknown rest at least REST characters. A rest that
# negates or derives the word ("#nonvegan", "#veganism") does not count.
TAG_PREFIX_MIN = 4
TAG_SUFFIX_MIN = 5
TAG_REST_MIN = 3
TAG_PIECE_MIN = 3  # pieces of a complete split ("#soinpeau" = soin + peau)
TAG_BLOCKING_RESTS: frozenset[str] = frozenset({
    "non", "anti", "not", "sans", "pas", "fake", "faux", "pseudo", "ex",
    "ism", "isme", "ist", "iste", "ists", "istes", "ity", "ite"})

# Gender and number of a term's words (textmatch.inflections): a word shorter than INFLECT_MIN letters is
# never inflected ("art" does not find "arte"; its plural "arts" is the stem's), nor is a form made
# shorter than that ("pure" does not find "pur"); a term has at most TERM_KEYS_MAX combined forms, past
# which one word at a time is inflected (a long phrase stays cheap to look up in every text).
INFLECT_MIN = 4
TERM_KEYS_MAX = 24


def rows() -> list[dict[str, object]]:
    out: list[dict[str, object]] = [
        {"group": "scoring weight", "name": name, "value": d.weight, "source": d.rationale}
        for name, d in DEFAULT_WEIGHTS.items()]
    for name, value, why in (
        ("neutral (no data)", NEUTRAL, "a component without data neither helps nor hurts the ranking"),
        ("fit: full share", FIT_FULL_SHARE, "share of the profile's term weight that is a full match"),
        ("fit: curve", FIT_CURVE, "fit = 100 x (share / full share) ^ curve: the first terms count most"),
        ("engagement at benchmark", ENGAGEMENT_AT_BENCHMARK, "score of the median creator of the band"),
        ("engagement: full ratio", ENGAGEMENT_FULL_RATIO, "ER / benchmark at which engagement scores 100"),
        ("engagement cap under min", ENGAGEMENT_CAP_BELOW_MIN, "at most this under the profile's min_engagement"),
        ("reach: adjacent tier", REACH_ADJACENT_TIER, "a tier next to a wanted one"),
        ("cost: zero at x budget", COST_ZERO_RATIO, "price at this multiple of the budget scores 0"),
        ("cost: most lost above the fair band", COST_OVER_BAND_MAX_PENALTY,
         "within the budget, a quote above the band's top loses this much at twice the top (budget first)"),
        ("competitor window (words)", COMPETITOR_WINDOW, "a competitor's name counts near a collaboration word"),
        ("tokenised texts kept", SCORE_TEXT_MEMO, "measured: repeated texts are tokenised once; at 100k rows 5,000 "
                                                  "scores as fast as 50,000 with 40 MB less per process"),
        ("reason fragments kept", SCORE_REASON_CACHE, "measured: `score` with a workspace at 500k rows stays under "
                                                      "1 GiB (1,003 MB with 16,384, 1,022 MB with 65,536)"),
        ("rows scored in parallel from", SCORE_PARALLEL_MIN_ROWS,
         "measured: below this, forking workers costs more than it saves"),
        ("scoring processes at most", SCORE_MAX_WORKERS, "measured: each worker holds ~60 MB of its own at 500k "
                                                         "rows; two keep score under 1 GiB (INFLUKIT_WORKERS sets it)"),
        ("rows per scoring chunk", SCORE_CHUNK_ROWS, "a chunk's columns are sent back whole: small enough to "
                                                     "balance the workers and show progress, large enough to be cheap"),
        ("killed worker's lock wait (s)", KILLED_LOCK_WAIT_S, "a run stopped while scoring frees a queue lock still "
                                                              "held this long (a killed worker's): no stop waits forever"),
        ("hashtag split: known prefix (chars)", TAG_PREFIX_MIN, "a brand term found at the start of a hashtag"),
        ("hashtag split: known suffix (chars)", TAG_SUFFIX_MIN, "a brand term found at the end of a hashtag"),
        ("hashtag split: unknown rest (chars)", TAG_REST_MIN, "what is left beside it"),
        ("hashtag split: piece (chars)", TAG_PIECE_MIN, "pieces of a complete split (#soinpeau = soin + peau)"),
        ("inflected term words from (chars)", INFLECT_MIN,
         "shorter words are not put in the other gender or number (art does not find arte)"),
        ("forms of a term at most", TERM_KEYS_MAX,
         "a term's words' genders and numbers combined; past this, one word at a time"),
    ):
        out.append({"group": "scoring", "name": name, "value": value, "source": f"influkit convention: {why}"})
    out.append({"group": "scoring", "name": "hashtag split: blocking rests", "value": ", ".join(sorted(TAG_BLOCKING_RESTS)),
                "source": "influkit convention: a rest that negates or derives the word (#nonvegan, #veganism)"})
    for bound, label in CONFIDENCE_LEVELS:
        out.append({"group": "scoring", "name": f"confidence {label}", "value": f">= {bound:.0%} of the weight backed by data",
                    "source": "influkit convention"})
    return out
