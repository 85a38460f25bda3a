"""Engagement rate from the sheet's averages.

- `engagement_rate` = (avg_likes + avg_comments) / followers, a fraction (HypeAuditor's and
  Upfluence's formula). With likes but no comments: avg_likes / followers (Modash's basis), said so in
  `er_method`. With neither, the sheet's own engagement rate is kept (`er_method` = "sheet").
- `engagement_rate_views` = (avg_likes + avg_comments + avg_shares) / avg_views where views are known
  (HypeAuditor's TikTok formula); missing comments or shares count as unknown, not zero, and the
  method says which were used.
- With neither likes nor a sheet rate, a column of average engagements per post (interactions:
  "Engagement avg", "Eng. (Avg.)", "Authentic engagement" in the Kaggle/HypeAuditor lists) divided by
  followers, said so in `er_method`; the same rate then feeds the benchmark, the `er_high`/`er_low`
  flags and the score (one rate everywhere). "Avg. engagement" also names rates: a column whose numbers
  are all under 100 (or written with %) and whose median row is under ENGAGEMENT_COUNT_MIN_SHARE of the
  followers is read as the rate column reads its cells.
- A zero denominator leaves the rate empty and adds an issue on the row.
"""

from __future__ import annotations

from typing import Any

from .. import progress
from ..table import Table

# The average-engagement count column (Kaggle-style lists) is chosen by `io.columns.engagement_counts_column`,
# the rule `influkit inspect` reports too.

RATE_DIGITS = 6  # significant digits kept on rates, enough for 0.0001 % precision


def _round(x: float) -> float:
    return float(f"{x:.{RATE_DIGITS}g}")


def rate_by_views(likes: float | None, comments: float | None, shares: float | None,
                  views: float | None) -> float | None:
    """(likes + comments + shares) / views, of the ones known; None without views (or views 0) or without
    likes and comments."""
    if not views or (likes is None and comments is None):
        return None
    return _round(sum(x for x in (likes, comments, shares) if x is not None) / views)


def compute_engagement(table: Table) -> None:
    followers = table.get("followers")
    likes = table.get("avg_likes")
    comments = table.get("avg_comments")
    views = table.get("avg_views")
    shares = table.get("avg_shares")
    sheet_er = table.get("engagement_rate")
    n = len(table)
    er: list[float | None] = [None] * n
    er_views: list[float | None] = [None] * n
    method: list[str | None] = [None] * n
    kinds = table.get("row_kind")
    for k in progress.counted("metrics: engagement", range(n)):  # (3 s of a 900k-row list)
        if kinds[k]:
            continue  # a TOTAL or average row is not a creator: no rate
        f, lk, c, v, s = followers[k], likes[k], comments[k], views[k], shares[k]
        parts: list[str] = []
        if lk is not None and f is not None:
            if f == 0:
                table.add_issue(k, "engagement_rate", "followers is 0: no rate", note=True)
            else:
                if c is not None:
                    er[k] = _round((lk + c) / f)
                    parts.append("(likes+comments)/followers")
                else:
                    er[k] = _round(lk / f)
                    parts.append("likes/followers")
        elif sheet_er[k] is not None:
            er[k] = sheet_er[k]
            parts.append("sheet")
        if v is not None and (lk is not None or c is not None):
            if v == 0:
                table.add_issue(k, "engagement_rate_views", "avg_views is 0: no rate", note=True)
            else:
                used = [name for name, x in (("likes", lk), ("comments", c), ("shares", s)) if x is not None]
                er_views[k] = rate_by_views(lk, c, s, v)
                parts.append(f"({'+'.join(used)})/views")
        method[k] = "; ".join(parts) or None
    _from_engagement_counts(table, er, method)
    table.data["engagement_rate"] = er
    table.data["engagement_rate_views"] = er_views
    table.data["er_method"] = method


def _holds_rates(cells: list[Any], rows: list[int], counts: dict[int, float], followers: list[Any]) -> bool:
    """Whether an average-engagements column holds rates (5.5 beside 890K followers, every number under 100,
    its median row under ENGAGEMENT_COUNT_MIN_SHARE of the followers): "Avg. engagement" names both.
    `rows`: the rows to judge (no rate yet, followers, a cell); `counts`: those whose cell reads as a count."""
    from statistics import median

    from ..thresholds.reading import ENGAGEMENT_COUNT_MIN_SHARE

    if any(isinstance(cells[k], str) and "%" in cells[k] for k in rows):
        return True
    if not counts or max(counts.values()) > 100:
        return False
    return float(median(c / followers[k] for k, c in counts.items())) < ENGAGEMENT_COUNT_MIN_SHARE


def _from_engagement_counts(table: Table, er: list[float | None], method: list[str | None]) -> None:
    """Rows without a rate: average engagements per post / followers, from the column
    `io.columns.engagement_counts_column` chooses (what `influkit inspect` says of it)."""
    if all(v is not None for v in er):
        return
    from ..io.columns import engagement_counts_column
    from ..io.parse import ParseError, parse_count

    col, _ = engagement_counts_column(table.extra_columns, table.has)
    if col is None:
        return
    followers, cells = table.get("followers"), table.get(col)
    rows = [k for k, cell in enumerate(cells) if er[k] is None and followers[k] and cell not in (None, "")]
    counts: dict[int, float] = {}  # those rows whose cell reads as a count
    for k in rows:
        try:
            count = parse_count(cells[k])
        except ParseError:
            continue
        if count is not None:
            counts[k] = count
    if _holds_rates(cells, rows, counts, followers):
        from ..io.values import convert_column

        for k, rate in enumerate(convert_column(list(cells), "engagement_rate", col, table)):
            if er[k] is None and isinstance(rate, float):
                er[k] = _round(rate)
                method[k] = "; ".join(x for x in (method[k], f"{col!r} (rates, not counts)") if x)
        return
    for k, engagements in counts.items():
        er[k] = _round(engagements / followers[k])
        method[k] = "; ".join(x for x in (method[k], f"{col!r} (average engagements)/followers") if x)
