"""Funnel thresholds: when a conversion rate is trusted, when a follow-up is due."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Threshold:
    name: str
    value: int
    rationale: str


# Every threshold of the funnel, with its reason (no number is hard-coded in the functions below).
FUNNEL_THRESHOLDS: dict[str, Threshold] = {
    t.name: t
    for t in (
        Threshold(
            "min_sample", 20,
            "A rate measured on fewer than 20 prospects is not trusted: at n=20 and p=0.3 the 95% interval "
            "is still about +/-20 points (binomial standard error sqrt(p(1-p)/n) = 0.10)."),
        Threshold(
            "min_successes", 5,
            "A rate needs at least 5 successes (and the sample above) before it is used without a warning: "
            "the usual n*p >= 5 condition for the normal approximation of a proportion."),
        Threshold(
            "stale_days", 7,
            "Default follow-up delay: outreach guides (HubSpot, Lemlist, Upfluence) advise a first follow-up "
            "5-7 days after an unanswered message; 7 avoids chasing before a working week has passed."),
    )
}

MAX_ROWS_NAMED = 10  # rows named in one warning before "..."


def threshold(name: str) -> int:
    return FUNNEL_THRESHOLDS[name].value


def rows() -> list[dict[str, object]]:
    return [{"group": "funnel", "name": t.name, "value": t.value, "source": t.rationale}
            for t in FUNNEL_THRESHOLDS.values()] + [
        {"group": "funnel", "name": "rows named per warning", "value": MAX_ROWS_NAMED,
         "source": "influkit convention: a warning lists this many rows, then '...'"}]
