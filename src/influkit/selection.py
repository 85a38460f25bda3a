"""Pick the best-scored creators and export them for a client: xlsx, csv, json, md or html.

`select()` keeps rows in rank order (duplicates skipped) under the filters of `influkit shortlist`
and returns a new Table with the columns a reader needs. `write_shortlist()` writes it: the xlsx is
formatted by `io.write.write_xlsx` (%, thousands, links, frozen header, filters, colour scale on the
scores) with a second sheet holding the brand profile and the method; Markdown and HTML are rendered
here. Untrusted text is formula-neutralised in every format, and escaped in HTML.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from .errors import InfluError, UsageError
from .table import Table

SHORTLIST_FORMATS = ("xlsx", "csv", "json", "jsonl", "md", "html")
# Columns of the shortlist, when the scored list has them (canonical ones are ordered by the schema).
SHORTLIST_COLUMNS: tuple[str, ...] = (
    "creator", "platform", "handle", "profile_url", "followers", "engagement_rate", "engagement_rate_views",
    "tier", "category", "country", "language", "email", "stage", "price_quoted", "currency",
    "rank", "score", "fit_score", "confidence", "reasons",
    "score_fit", "score_engagement", "score_authenticity", "score_reach", "score_audience", "score_cost",
    "er_vs_tier", "er_percentile", "authenticity", "flags", "est_price_low", "est_price_high", "price_currency",
    "trend", "growth_30d_pct", "posts_per_week",
)
COLOR_SCALE_COLUMNS = ("score", "fit_score")
# Columns of the Markdown/HTML table (short: the reasons carry the detail).
SUMMARY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("rank", "#"), ("creator", "Creator"), ("platform", "Platform"), ("handle", "Account"),
    ("followers", "Followers"), ("engagement_rate", "ER"), ("tier", "Tier"), ("score", "Score"),
    ("fit_score", "Fit"), ("confidence", "Confidence"), ("reasons", "Why"),
)


def select(
    table: Table,
    *,
    top: int | None = None,
    per_platform: int | None = None,
    min_score: float | None = None,
    platforms: Sequence[str] = (),
    tiers: Sequence[str] = (),
) -> Table:
    """The shortlisted rows, best rank first."""
    if "score" not in table.data or "rank" not in table.data:
        raise InfluError("the list has no scores: run `influkit score --brand brand.toml` first, or pass --brand",
                         file=table.source or None)
    if top is not None and top < 1:
        raise UsageError("--top must be at least 1")
    if per_platform is not None and per_platform < 1:
        raise UsageError("--per-platform must be at least 1")
    wanted_platforms = {platform_option(p) for p in platforms}
    wanted_tiers = {tier_option(t) for t in tiers}
    ranks, scores = table.get("rank"), table.get("score")
    platform_col, tier_col, dup = table.get("platform"), table.get("tier"), table.get("duplicate_of")
    order = sorted((i for i in range(len(table)) if isinstance(ranks[i], int | float)), key=lambda i: ranks[i])
    picked: list[int] = []
    per: dict[str, int] = {}
    kinds = table.get("row_kind")
    for i in order:
        if dup[i] or kinds[i]:
            continue
        score = scores[i] if isinstance(scores[i], int | float) else 0.0
        if min_score is not None and score < min_score:
            continue
        platform = str(platform_col[i] or "")
        if wanted_platforms and platform.lower() not in wanted_platforms:
            continue
        if wanted_tiers and str(tier_col[i] or "").lower() not in wanted_tiers:
            continue
        if per_platform is not None and per.get(platform, 0) >= per_platform:
            continue
        per[platform] = per.get(platform, 0) + 1
        picked.append(i)
        if top is not None and len(picked) >= top:
            break
    return subset(table, picked)


def platform_option(value: str) -> str:
    """A --platform value as the canonical name the table uses ("IG", "Insta" -> "instagram")."""
    from .io.parse import ParseError, parse_platform

    try:
        name = parse_platform(value)
    except ParseError:
        name = None
    if not name:
        raise UsageError(f"--platform {value!r}: not a platform (e.g. instagram, ig, youtube, yt, tiktok)")
    return name


def tier_option(value: str) -> str:
    """A --tier value, checked against the tier names."""
    from .thresholds import TIER_NAMES

    name = value.strip().lower()
    if name not in TIER_NAMES:
        raise UsageError(f"--tier {value!r}: unknown tier; choose one of {', '.join(TIER_NAMES)}")
    return name


def subset(table: Table, indexes: list[int], columns: Sequence[str] = SHORTLIST_COLUMNS) -> Table:
    out = Table(source=table.source, sheet=table.sheet, meta=dict(table.meta))
    out.source_rows = [table.source_rows[i] for i in indexes]
    out.mapped = {c: h for c, h in table.mapped.items() if c in columns}
    for c in columns:
        if c in table.data:
            values = table.data[c]
            out.data[c] = [values[i] for i in indexes]
    out.meta["indexes"] = indexes
    return out


def write_shortlist(
    table: Table,
    path: str,
    fmt: str | None = None,
    *,
    title: str = "Shortlist",
    profile_rows: list[list[Any]] | None = None,
    method: Sequence[str] = (),
) -> dict[str, Any]:
    """Write the shortlist; returns counts for the summary."""
    from .io.formats import format_of
    from .io.write import atomic_output, write_table

    fmt = format_of(path, fmt, SHORTLIST_FORMATS)
    if fmt == "xlsx":
        rows: list[list[Any]] = [["setting", "value"], *(profile_rows or [])]
        rows += [["method", line] for line in method]
        return write_table(table, path, "xlsx", sheet_name="shortlist", extra_sheets=[("brand and method", rows)],
                           color_scale=COLOR_SCALE_COLUMNS)
    if fmt in ("csv", "json", "jsonl"):
        return write_table(table, path, fmt)
    text = render_markdown(table, title, profile_rows, method) if fmt == "md" else render_html(
        table, title, profile_rows, method)
    with atomic_output(path, binary=False) as fh:
        fh.write(text)
    return {"rows": len(table), "format": fmt}


# ------------------------------------------------------------------------------------ rendering


def cell_text(column: str, value: Any) -> str:
    """A value as readable text: 12,500 followers, 3.40 % ER, scores with one decimal."""
    from .io.write import neutralise
    from .schema import BY_NAME

    if value is None or value == "":
        return ""
    kind = BY_NAME[column].kind if column in BY_NAME else None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        if kind == "rate":
            return f"{value * 100:.2f} %"
        if kind == "count" or column in ("est_price_low", "est_price_high"):
            return f"{value:,.0f}"
        if kind == "money":
            return f"{value:,.2f}"
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)
    return neutralise(str(value))


def _md(text: str) -> str:
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").split())


def safe_url(value: Any) -> str | None:
    url = str(value or "")
    return url if url.startswith(("https://", "http://")) else None


NUMERIC_SUMMARY = ("rank", "followers", "engagement_rate", "score", "fit_score")  # right-aligned


def md_link(text: str, url: str) -> str:
    return f"[@{text}](<{url.replace('>', '%3E')}>)"


def html_link(text: str, url: str) -> str:
    return f'<a href="{html.escape(url)}" rel="noopener noreferrer">@{text}</a>'


def row_cells(columns: Sequence[str], value: Callable[[str], Any], url: Any,
              escape: Callable[[str], str], link: Callable[[str, str], str]) -> list[str]:
    """One table row's cells as escaped text, the handle linked to the profile (Markdown or HTML)."""
    safe = safe_url(url)
    cells = []
    for c in columns:
        text = escape(cell_text(c, value(c)))
        cells.append(link(text, safe) if c == "handle" and text and safe else text)
    return cells


def render_markdown(table: Table, title: str, profile_rows: list[list[Any]] | None = None,
                    method: Sequence[str] = ()) -> str:
    cols = [(c, label) for c, label in SUMMARY_COLUMNS if c in table.data]
    urls = table.get("profile_url")
    lines = [f"# {_md(title)}", "", f"{len(table)} creators, best first.", ""]
    lines.append("| " + " | ".join(label for _, label in cols) + " |")
    lines.append("|" + "|".join("---:" if c in NUMERIC_SUMMARY else "---" for c, _ in cols) + "|")
    values = {c: table.get(c) for c, _ in cols}
    names = [c for c, _ in cols]
    for i in range(len(table)):
        cells = row_cells(names, {c: values[c][i] for c in names}.get, urls[i], _md, md_link)
        lines.append("| " + " | ".join(cells) + " |")
    if profile_rows:
        lines += ["", "## Brand profile", ""]
        lines += [f"- **{_md(str(k))}**: {_md(cell_text('', v))}" for k, v in profile_rows if v not in (None, "")]
    if method:
        lines += ["", "## Method", ""] + [f"- {_md(m)}" for m in method]
    return "\n".join(lines) + "\n"


HTML_STYLE = """body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2933}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #d0d7de;padding:.35rem .5rem;vertical-align:top}
th{background:#1F3A5F;color:#fff;text-align:left}td.num{text-align:right;white-space:nowrap}
.card{border:1px solid #d0d7de;border-radius:8px;padding:1rem 1.5rem;max-width:52rem}
.score{font-size:1.4rem;font-weight:bold}.flags{color:#b42318}"""


def render_html(table: Table, title: str, profile_rows: list[list[Any]] | None = None,
                method: Sequence[str] = ()) -> str:
    e = html.escape
    cols = [(c, label) for c, label in SUMMARY_COLUMNS if c in table.data]
    urls = table.get("profile_url")
    values = {c: table.get(c) for c, _ in cols}
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">', f"<title>{e(title)}</title>",
           f"<style>{HTML_STYLE}</style></head><body>", f"<h1>{e(title)}</h1>",
           f"<p>{len(table)} creators, best first.</p>", "<table><thead><tr>"]
    out.append("".join(f"<th>{e(label)}</th>" for _, label in cols) + "</tr></thead><tbody>")
    names = [c for c, _ in cols]
    css = [' class="num"' if c in NUMERIC_SUMMARY else "" for c in names]
    for i in range(len(table)):
        cells = row_cells(names, {c: values[c][i] for c in names}.get, urls[i], e, html_link)
        out.append("<tr>" + "".join(f"<td{k}>{t}</td>" for k, t in zip(css, cells, strict=True)) + "</tr>")
    out.append("</tbody></table>")
    if profile_rows:
        out.append("<h2>Brand profile</h2><dl>")
        out += [f"<dt>{e(str(k))}</dt><dd>{e(cell_text('', v))}</dd>" for k, v in profile_rows if v not in (None, "")]
        out.append("</dl>")
    if method:
        out.append("<h2>Method</h2><ul>" + "".join(f"<li>{e(m)}</li>" for m in method) + "</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
