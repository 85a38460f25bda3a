"""The campaign report's numbers and rules (`influkit report`, docs/report.md): when a best and a worst
can be named, what counts as a cost outlier, when a creator is worth renewing or dropping, when budget
should move, how close to a target is "almost", which post-publication days are kept, and how far
back Instagram media are paged to find a post.

Every rule that writes a sentence of blocks 2-4 of the report has an id here, with what it says and
where its numbers come from; the report names the rule behind each sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import ER_LOW_RATIO


@dataclass(frozen=True)
class Setting:
    value: float
    unit: str
    source: str


REPORT_SETTINGS: dict[str, Setting] = {
    "min_ranked": Setting(2, "creators, formats or networks with the figure", "a best and a worst need at least "
                          "two to compare; with one, the report says there is nothing to compare it with"),
    "min_for_median": Setting(3, "creators with a CPE", "a median of two values is their mean: the cost-outlier "
                              "rule needs at least three costed creators"),
    "cost_outlier_ratio": Setting(2.0, "x the campaign's median CPE", "influkit convention: Tukey's fences need "
                                  "quartiles, which are not stable under ten creators; twice the median is a gap a "
                                  "client notices and a negotiation can close"),
    "renew_min_benchmark": Setting(1.0, "x the engagement benchmark", "at or above the benchmark of the creator's "
                                   "network and follower band (group 'engagement benchmark': HypeAuditor medians, "
                                   "untapper.com TikTok rates)"),
    "drop_max_benchmark": Setting(ER_LOW_RATIO, "x the engagement benchmark", "the ratio of the er_low authenticity "
                                  "flag (Lefty 2017: engagement well below the benchmark is suspect)"),
    "renew_max_cpe_ratio": Setting(1.0, "x the campaign's median CPE", "influkit convention: no more expensive per "
                                   "engagement than the campaign's middle creator"),
    "break_even_roas": Setting(1.0, "ROAS", "definition: revenue equal to cost (ROAS = revenue / cost, "
                               "as Modash's campaign analytics report it: help.modash.io, 'understanding campaign "
                               "analytics')"),
    "drop_roas_ratio": Setting(0.5, "x the reference ROAS", "influkit convention: a creator who returns under half "
                               "of the reference (break-even, or the campaign's own ROAS when the campaign as a "
                               "whole is under break-even) is the first budget to cut"),
    "budget_shift_ratio": Setting(1.5, "x CPE between two networks or formats", "influkit convention: a gap under "
                                  "50 % is within the post-to-post spread of a small campaign"),
    "budget_shift_min_creators": Setting(2, "creators on each side of a budget move", "influkit convention: the "
                                         "CPE of one creator is that creator's, not its network's or format's; a "
                                         "move rests on at least two creators on each side"),
    "near_miss": Setting(0.9, "share of a target", "influkit convention: within 10 % of a target is said to be "
                         "'almost reached', never 'reached'"),
    "instagram_media_pages": Setting(10, "business discovery pages per account", "10 pages of 50 (live stats' "
                                     "media_page) reach the 500 latest media; an older campaign post is said not "
                                     "found rather than paged for without end"),
    "post_max_age": Setting(24, "h", "the live stats' default freshness (group 'live stats', max_age): a post's "
                            "numbers fetched less than a day ago are reused from the workspace cache"),
}

# Days after publication at which a post's numbers are kept (the report shows the snapshot taken on or
# after each day). Agencies report D+1 (first reach), D+7 (the bulk of a feed post's life) and D+30.
MILESTONE_DAYS: tuple[int, ...] = (1, 7, 30)
MILESTONE_SOURCE = "issue #13: a post's numbers at D+1, D+7 and D+30 (the agency's reporting practice)"

# What a campaign's cost is compared with when no one gave a budget: nothing (the report says so).
EMV_SOURCE = ("EMV = measured engagements x the multiplier given with --emv (money per engagement); shown only "
              "when asked: its method is disputed (Traackr: descended from the discredited advertising value "
              "equivalency, AVE; Kolsquare keeps it for awareness campaigns)")


@dataclass(frozen=True)
class Rule:
    id: str
    block: str  # analysis, conclusion or recommendations
    says: str  # what the rule writes, and when
    source: str


RULES: tuple[Rule, ...] = (
    Rule("A-RANK-CREATOR", "analysis", "names the creators with the best and the worst engagement rate (by views "
         "when at least min_ranked creators have views, else by followers), with both rates",
         "CPE = cost / engagements and ER as Later Influence and HypeAuditor define them "
         "(help.hypeauditor.com); min_ranked"),
    Rule("A-RANK-FORMAT", "analysis", "compares formats (reel, post, video, story...) and networks by engagement "
         "rate and by CPE, best against worst", "CPE = cost / engagements and ER as Later Influence and HypeAuditor define them "
         "(help.hypeauditor.com); min_ranked"),
    Rule("A-BENCHMARK", "analysis", "compares each creator's engagement rate with the benchmark of its network and "
         "follower band: above (>= renew_min_benchmark), below, or well below (< drop_max_benchmark)",
         "engagement benchmarks (HypeAuditor 2018 Instagram medians, untapper.com TikTok by views)"),
    Rule("A-COST-OUTLIER", "analysis", "a creator whose CPE is over cost_outlier_ratio x the campaign's median CPE "
         "(min_for_median costed creators), or whose CPM is over the top of the market CPM band",
         "cost_outlier_ratio; CPM bands (wordontheblock.com)"),
    Rule("A-DISCLOSURE", "analysis", "every post whose disclosure is missing, insufficient or late, or which "
         "promotes something banned, with the rule ids of the check", "docs/compliance.md (loi 2023-451, ARPP...)"),
    Rule("A-CHANNELS", "analysis", "which networks and which tracking (promo code, tracked link) brought orders, "
         "revenue and clicks, and which creators with a code sold nothing", "influkit results (promo codes, UTM)"),
    Rule("A-MISSING", "analysis", "what could not be computed and why (no views, no cost, no orders file...): "
         "never replaced by an invented number", "issue #13: estimated figures are never mixed with measured ones"),
    Rule("C-OBJECTIVE", "conclusion", "each objective reached, almost reached (within near_miss), not reached, or "
         "not measurable, with the figure and the target", "near_miss"),
    Rule("C-BUDGET", "conclusion", "the cost against the budget (share spent, what is left or the overrun)",
         "the budget given (--budget or the brand profile's [campaign])"),
    Rule("C-COMPLIANCE", "conclusion", "how many posts are disclosed as the law asks, and how many are not",
         "docs/compliance.md"),
    Rule("C-OVERALL", "conclusion", "how many objectives were reached out of those set", "C-OBJECTIVE"),
    Rule("R-RENEW", "recommendations", "renew a creator whose engagement is at or above the benchmark (or in the "
         "campaign's better half when no benchmark applies), whose CPE is at most renew_max_cpe_ratio x the median "
         "(when known) and whose ROAS is at least the reference (break-even, or the campaign's ROAS when the "
         "campaign is under break-even), when sales are tracked; on condition when a disclosure must be fixed",
         "renew_min_benchmark, renew_max_cpe_ratio, break_even_roas"),
    Rule("R-NEGOTIATE", "recommendations", "a creator with good engagement whose CPE is above the median: the price "
         "that would put it at the median CPE (median CPE x the engagements of the posts its CPE is over, compared "
         "with the cost of those same posts; only when below it)", "renew_max_cpe_ratio"),
    Rule("R-DROP", "recommendations", "drop a creator who promoted something banned, or whose engagement is under "
         "drop_max_benchmark x the benchmark while costing more than the median (or at an unknown cost), or whose "
         "ROAS is under drop_roas_ratio x the reference when the campaign has a sales objective",
         "drop_max_benchmark, drop_roas_ratio, break_even_roas, docs/compliance.md"),
    Rule("R-WATCH", "recommendations", "every other creator: what speaks for and against renewing, with the numbers",
         "the rules above"),
    Rule("R-BUDGET", "recommendations", "move budget from the network or format with the highest CPE to the one "
         "with the lowest when the gap is at least budget_shift_ratio and each side has at least "
         "budget_shift_min_creators creators", "budget_shift_ratio, budget_shift_min_creators"),
    Rule("R-DISCLOSURE", "recommendations", "per post not disclosed as the law asks: what to add or move, from the "
         "check's verdict and rule", "docs/compliance.md"),
    Rule("R-TRACKING", "recommendations", "what to set up so the next report can measure what this one could not "
         "(promo codes, tracked links, the creators' own statistics for Instagram views)",
         "platform-apis.md: Instagram insights of other accounts are not readable since 2025"),
)
RULE_IDS = frozenset(r.id for r in RULES)


def setting(name: str) -> float:
    return REPORT_SETTINGS[name].value


def rows() -> list[dict[str, object]]:
    out: list[dict[str, object]] = [
        {"group": "report", "name": name, "value": f"{s.value:g} {s.unit}", "source": s.source}
        for name, s in REPORT_SETTINGS.items()]
    out.append({"group": "report", "name": "milestones (days after publication)",
                "value": ", ".join(f"D+{d}" for d in MILESTONE_DAYS), "source": MILESTONE_SOURCE})
    out.append({"group": "report", "name": "EMV", "value": "off unless --emv", "source": EMV_SOURCE})
    out += [{"group": "report rule", "name": r.id, "value": r.block, "source": f"{r.says} ({r.source})"}
            for r in RULES]
    return out
