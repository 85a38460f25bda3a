"""Pick the best-scored creators and export them for a client: xlsx, csv, json, md or html.

`select()` keeps rows in rank order (duplicates skipped) under the filters of `influkit shortlist`
and returns a new Table with the columns a reader needs. `write_shortlist()` writes it: the xlsx is
formatted by `io.write.write_xlsx` (%, thousands, links, frozen header, filters, colour scale on the
scores) with a second sheet holding the brand profile and the method; Markdown and HTML are rendered
here. Untrusted text is formula-neutralised in every format, and escaped in HTML.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .errors import InfluError, UsageError
from .table import Table

SHORTLIST_FORMATS = ("xlsx", "csv", "json", "jsonl", "md", "html")
# Columns of the shortlist, when the scored list has them (canonical ones are ordered by the schema).
SHORTLIST_COLUMNS: tuple[str, ...] = (
    "creator", "platform", "handle", "profile_url", "followers", "engagement_rate", "engagement_rate_views",
    "tier", "category", "country", "language", "email", "stage", "price_quoted", "price_quoted_high", "currency",
    "price_note", "price_per",
    "rank", "score", "fit_score", "confidence", "reasons",
    "score_fit", "score_engagement", "score_authenticity", "score_reach", "score_audience", "score_cost",
    "er_vs_tier", "er_percentile", "authenticity", "flags", "est_price_low", "est_price_high", "price_currency",
    "trend", "growth_30d_pct", "posts_per_week",
)
COLOR_SCALE_COLUMNS = ("score", "fit_score")
# Columns of the Markdown/HTML table (short: the reasons carry the detail), headed by their labels
# (`labels.REPORT_LABELS`, "sl_" + the column: "Pourquoi" / "Why").
SUMMARY_COLUMNS: tuple[str, ...] = ("rank", "creator", "platform", "handle", "followers", "engagement_rate", "tier",
                                    "score", "fit_score", "price", "confidence", "reasons")


def select(
    table: Table,
    *,
    top: int | None = None,
    per_platform: int | None = None,
    min_score: float | None = None,
    platforms: Sequence[str] = (),
    tiers: Sequence[str] = (),
    stages: Sequence[str] = (),
) -> Table:
    """The shortlisted rows, best rank first. Creators who declined or never replied (schema.LOST_STAGES)
    are left out unless `stages` asks for them: with `stages`, only rows at one of those stages are kept
    ("all" keeps every row). `meta["left_out"]` counts the rows left out by stage. A row naming no account
    (no handle, no profile link: its link was a post or a network's page, its issue says so) is never
    shortlisted, there being nobody to contact or show; `meta["no_account"]` counts them. Nor is a creator
    the profile blocks (score 0, no rank: `fit._ranks`); `meta["blocked"]` counts them. The chosen rows'
    `rank` is their place in the shortlist (1, 2, 3...: consecutive in what the client sees, whatever was left
    out); `meta["list_ranks"]` keeps each one's rank in the whole scored list."""
    if "score" not in table.data or "rank" not in table.data:
        raise InfluError("the list has no scores: run `influkit score --brand brand.toml` first, or pass --brand",
                         file=table.source or None)
    if top is not None and top < 1:
        raise UsageError("--top must be at least 1")
    if per_platform is not None and per_platform < 1:
        raise UsageError("--per-platform must be at least 1")
    wanted_platforms = {platform_option(p) for p in platforms}
    wanted_tiers = {tier_option(t) for t in tiers}
    wanted_stages = {stage_option(st) for st in stages}
    from .outreach import clean_stage
    from .schema import LOST_STAGES

    stage_col = table.get("stage")
    left_out: dict[str, int] = {}
    ranks, scores = table.get("rank"), table.get("score")
    platform_col, tier_col, dup = table.get("platform"), table.get("tier"), table.get("duplicate_of")
    order = sorted((i for i in range(len(table)) if isinstance(ranks[i], int | float)), key=lambda i: ranks[i])
    kinds = table.get("row_kind")
    # a scored account with no rank: the profile blocks it (an exclusion or a competitor), never shortlisted
    blocked = [i for i in range(len(table)) if isinstance(scores[i], int | float) and ranks[i] in (None, "")
               and not kinds[i] and not dup[i]]
    picked: list[int] = []
    per: dict[str, int] = {}
    handles, links = table.get("handle"), table.get("profile_url")
    no_account = 0
    for i in order:
        if dup[i] or kinds[i]:
            continue
        if not handles[i] and not links[i]:
            no_account += 1
            continue
        score = scores[i] if isinstance(scores[i], int | float) else 0.0
        if min_score is not None and score < min_score:
            continue
        platform = str(platform_col[i] or "")
        if wanted_platforms and platform.lower() not in wanted_platforms:
            continue
        if wanted_tiers and str(tier_col[i] or "").lower() not in wanted_tiers:
            continue
        stage = clean_stage(stage_col[i])
        if "all" not in wanted_stages and (stage not in wanted_stages if wanted_stages else stage in LOST_STAGES):
            key = stage or "none"
            left_out[key] = left_out.get(key, 0) + 1
            continue
        if per_platform is not None and per.get(platform, 0) >= per_platform:
            continue
        per[platform] = per.get(platform, 0) + 1
        picked.append(i)
        if top is not None and len(picked) >= top:
            break
    chosen = subset(table, picked)
    # the client's "#" counts the rows it shows: 1, 2, 3... whatever the filters left out (a creator who never
    # replied, another platform...); the rank in the whole scored list stays in meta["list_ranks"]
    chosen.meta["list_ranks"] = [ranks[i] for i in picked]
    if "rank" in chosen.data:
        chosen.data["rank"] = list(range(1, len(picked) + 1))
    chosen.meta["left_out"] = left_out
    chosen.meta["no_account"] = no_account
    chosen.meta["blocked"] = len(blocked)  # accounts (rows)
    chosen.meta["blocked_people"] = people(table, blocked)  # the persons they are
    return chosen


def people(table: Table, rows: Iterable[int]) -> int:
    """How many persons `rows` of `table` are: the accounts of one sheet row (a wide sheet's person with
    an Instagram, a TikTok and a YouTube column: `Table.sheet_row`) and those of one creator's name (their
    networks on several rows: `cards.person_key`) are one person. Rows of a table that holds several tabs
    without saying which each row came from (a shortlist's rows) are tied by name only."""
    from .cards import person_key

    by_row = "sheet" in table.data or len(table.meta.get("sheets") or ()) <= 1
    columns = ("creator", "platform", "handle")
    values = [table.get(c) for c in columns]
    owner: dict[Any, int] = {}  # a name or a sheet row -> the first row met with it
    parent: dict[int, int] = {}

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for k in rows:
        parent.setdefault(k, k)
        keys: list[Any] = [person_key({c: v[k] for c, v in zip(columns, values, strict=True)})]
        if by_row and k < len(table.source_rows):
            keys.append(table.sheet_row(k))
        for key in keys:
            first = owner.setdefault(key, k)
            parent[root(k)] = root(first)
    return len({root(k) for k in parent})


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


def stage_option(value: str) -> str:
    """A --stage value: a funnel stage in French or English (replied, "a répondu", refusé...) or "all"."""
    from .io.parse import ParseError, parse_stage
    from .schema import LOST_STAGES, STAGES

    text = value.strip().lower()
    if text in ("all", "tous", "toutes", "tout"):
        return "all"
    if text in STAGES or text in LOST_STAGES:
        return text
    try:
        stage = parse_stage(value)
    except ParseError:
        stage = None
    if not stage:
        raise UsageError(f"--stage {value!r}: not a stage; stages are {', '.join([*STAGES, *LOST_STAGES])} "
                         "(or their French words), or all")
    return stage


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
    if table.meta.get("cell_formats"):  # a kept column's own cell formats follow their rows
        where = {k: j for j, k in enumerate(indexes)}
        out.meta["cell_formats"] = {name: [[where[k], *f] for k, *f in cells if k in where]
                                    for name, cells in table.meta["cell_formats"].items()}
    return out


def shortlist_title(brand: str | None, lang: str | None) -> str:
    """The title of the shortlist's pages, in `lang`: its xlsx tab's word and the brand ("Sélection — Maison
    Sève", "Shortlist — Maison Sève"; the word alone without a brand)."""
    from .labels import report_label

    heading = report_label("tab_shortlist", "fr" if lang == "fr" else "en")
    return f"{heading} — {brand}" if brand else heading


def write_shortlist(
    table: Table,
    path: str,
    fmt: str | None = None,
    *,
    title: str | None = None,
    profile_rows: list[list[Any]] | None = None,
    method: Sequence[str] = (),
    lang: str | None = None,
) -> dict[str, Any]:
    """Write the shortlist; returns counts for the summary. The client formats (xlsx, md, html) have
    readable headers in `lang` (French or English; by default the table's language, as the command line
    writes it: `Engagement rate` / `Taux d'engagement`, not `engagement_rate`) and show the code columns
    in its words (`Contacté`, `élevée`); csv and json keep the column names and codes programs read.
    `title` (of the md and html pages): by default `shortlist_title` in `lang` ("Sélection — Maison Sève")."""
    from .io.formats import format_of
    from .io.write import atomic_output, write_table
    from .labels import report_label, table_language

    lang = table_language(table, lang)
    if not title:
        brand = getattr(table, "brand", None)
        title = shortlist_title(getattr(brand, "name", None), lang)
    fmt = format_of(path, fmt, SHORTLIST_FORMATS)
    if fmt == "xlsx":
        rows: list[list[Any]] = [[word("setting", lang), word("value", lang)], *(profile_rows or [])]
        rows += [[word("method", lang).lower(), line] for line in method]
        return _write_xlsx(table, path, lang, [(report_label("tab_profile", lang), rows)])
    if fmt in ("csv", "json", "jsonl"):
        return write_table(table, path, fmt)
    text = render_markdown(table, title, profile_rows, method, lang) if fmt == "md" else render_html(
        table, title, profile_rows, method, lang)
    with atomic_output(path, binary=False) as fh:
        fh.write(text)
    return {"rows": len(table), "format": fmt}


def _write_xlsx(table: Table, path: str, lang: str | None, extra: list[tuple[str, list[list[Any]]]]
                ) -> dict[str, Any]:
    """The formatted workbook (io/xlsx.py: %, thousands, links, frozen header, filters, colour scale on the
    scores) with label headers in `lang`, and the brand-and-method sheet."""
    from .io.write import atomic_output, sheet_formats, shown_columns
    from .io.xlsx import SheetSpec, column_width, write_workbook
    from .labels import date_number_format, label, report_label
    from .schema import kind_of

    columns = table.columns
    headers = [label(c, lang or "en") for c in columns]
    values = shown_columns(table, columns, lang or "en")  # stage, tier, confidence, flags... in words
    main = SheetSpec(name=report_label("tab_shortlist", lang or "en"), headers=headers, columns=values,
                     kinds=[kind_of(c) for c in columns],
                     widths=[column_width(h, v) for h, v in zip(headers, values, strict=True)],
                     color_scale=tuple(columns.index(c) for c in COLOR_SCALE_COLUMNS if c in columns))
    main.formats, main.cell_formats = sheet_formats(table, columns, lang or "en")  # amounts in their currency
    specs = [main]
    for name, rows in extra:
        width = max((len(r) for r in rows), default=0)
        body = rows[1:]
        cols = [[r[c] if c < len(r) else None for r in body] for c in range(width)]
        head = [str(rows[0][c]) if rows and c < len(rows[0]) and rows[0][c] is not None else "" for c in range(width)]
        specs.append(SheetSpec(name=name, headers=head, columns=cols, kinds=[None] * width,
                               widths=[28.0, 80.0, *([20.0] * max(0, width - 2))][:width], freeze_header=False,
                               autofilter=False))
    with atomic_output(path) as fh:
        counts = write_workbook(specs, fh, date_number_format(lang or "en"))
    return {"rows": len(table), "format": "xlsx", **counts}


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
            return f"{value * 100:.2f}%"
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


def rank_lines(table: Table, lang: str | None) -> list[str]:
    """What the client exports say of the `#` column when rows were left out before it was counted (`select`):
    ranks are 1 to N in the shortlist, and who was left out by their status (declined, never replied)."""
    from .labels import stage_word

    ranks = table.meta.get("list_ranks") or []
    left_out: dict[str, int] = table.meta.get("left_out") or {}
    lines: list[str] = []
    if any(r != k for k, r in enumerate(ranks, start=1)) or left_out:
        lines.append(word("ranks", lang, n=len(table)))
    if left_out:
        counts = ", ".join(f"{n} {stage_word(stage, lang or 'en').lower()}" for stage, n in sorted(left_out.items()))
        lines.append(word("left_out", lang, counts=counts))
    return lines


def word(key: str, lang: str | None, **values: object) -> str:
    """A word or sentence of the shortlist exports in `lang` (`labels.REPORT_LABELS`' "sl_" + key)."""
    from .labels import report_label

    return report_label(f"sl_{key}", "fr" if lang == "fr" else "en", **values)


def count_line(table: Table, lang: str | None) -> str:
    """The exports' first line: how many creators are shown, best first; when some creator has several of
    the rows (their networks: `cards.person_key`), how many accounts of how many creators."""
    n = len(table)
    persons = people(table, range(n))
    if persons == n:
        return word("count", lang, n=n, s="" if n == 1 else "s")
    return word("count_people", lang, n=n, p=persons, ps="" if persons == 1 else "s")


def summary_columns(table: Table, lang: str | None) -> list[tuple[str, str]]:
    """The columns of the Markdown and HTML shortlists, in `lang`; `price` (asked and estimated, in words:
    `summary_values`) when some row has one."""
    shown = set(table.data) | ({"price"} if any(v is not None for c in _PRICED for v in table.get(c)) else set())
    return [(c, word(c, lang)) for c in SUMMARY_COLUMNS if c in shown]


_PRICED = ("price_quoted", "price_note", "est_price_low")


def summary_values(table: Table, columns: Sequence[str], lang: str | None) -> dict[str, list[Any]]:
    """Each summary column's values: the table's, and `price` as a client reads it ("800 € demandé · prix
    estimé 600 € – 900 €", as the cards write it)."""
    from .cards import price_text

    values: dict[str, list[Any]] = {c: table.get(c) for c in columns if c != "price"}
    if "price" in columns:
        values["price"] = [price_text(row, lang or "en") or None for row in table.rows(table.columns)]
    return values


def md_link(text: str, url: str) -> str:
    return f"[@{text}](<{url.replace('>', '%3E')}>)"


def html_link(text: str, url: str) -> str:
    return f'<a href="{html.escape(url)}" rel="noopener noreferrer">@{text}</a>'


def local_value(column: str, value: Any, lang: str | None) -> Any:
    """A value as a client reads it: codes in words of `lang` (network names "Instagram", stages,
    tiers, confidence, flags: `labels.value_word`), and in French the numbers written the French way
    (12 500, 4,45 %, 67,1), in English the English way (12,500, 4.45%, as the report writes them; other
    numbers are left to `cell_text`)."""
    from .labels import has_words, report_label, value_word

    if has_words(column) and isinstance(value, str):
        return value_word(column, value, lang or "en")
    if isinstance(value, bool):  # "oui" / "yes"
        return report_label("yes" if value else "no", "fr" if lang == "fr" else "en")
    if value is None or not isinstance(value, int | float):
        return value
    from .campaign import report_text as T
    from .schema import BY_NAME

    lang = "fr" if lang == "fr" else "en"
    kind = BY_NAME[column].kind if column in BY_NAME else None
    if kind == "rate":
        return T.pct(value, lang, 2)
    if kind == "count" or column in ("est_price_low", "est_price_high"):
        return T.num(value, lang)
    if lang == "en":
        return value
    text = f"{value:g}"
    return text.replace(".", ",")


def row_cells(columns: Sequence[str], value: Callable[[str], Any], url: Any,
              escape: Callable[[str], str], link: Callable[[str, str], str], lang: str | None = None) -> list[str]:
    """One table row's cells as escaped text, the handle linked to the profile (Markdown or HTML), values
    as a client reads them in `lang` (`local_value`)."""
    safe = safe_url(url)
    cells = []
    for c in columns:
        text = escape(cell_text(c, local_value(c, value(c), lang)))
        cells.append(link(text, safe) if c == "handle" and text and safe else text)
    return cells


def render_markdown(table: Table, title: str, profile_rows: list[list[Any]] | None = None,
                    method: Sequence[str] = (), lang: str | None = None) -> str:
    from .labels import colon

    cols = summary_columns(table, lang)
    urls = table.get("profile_url")
    lines = [f"# {_md(title)}", "", count_line(table, lang), ""]
    lines.append("| " + " | ".join(label for _, label in cols) + " |")
    lines.append("|" + "|".join("---:" if c in NUMERIC_SUMMARY else "---" for c, _ in cols) + "|")
    names = [c for c, _ in cols]
    values = summary_values(table, names, lang)
    for i in range(len(table)):
        cells = row_cells(names, {c: values[c][i] for c in names}.get, urls[i], _md, md_link, lang)
        lines.append("| " + " | ".join(cells) + " |")
    if profile_rows:
        lines += ["", f"## {word('profile', lang)}", ""]
        lines += [f"- **{_md(str(k))}**{colon(lang)} {_md(cell_text('', v))}" for k, v in profile_rows
                  if v not in (None, "")]
    if method:
        lines += ["", f"## {word('method', lang)}", ""] + [f"- {_md(m)}" for m in method]
    return "\n".join(lines) + "\n"


HTML_STYLE = """body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2933}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #d0d7de;padding:.35rem .5rem;vertical-align:top}
th{background:#1F3A5F;color:#fff;text-align:left}td.num{text-align:right;white-space:nowrap}td.why{min-width:18rem}td.acct{overflow-wrap:anywhere;min-width:8rem}
.card{border:1px solid #d0d7de;border-radius:8px;padding:1rem 1.5rem;max-width:52rem}
.score{font-size:1.4rem;font-weight:bold}.flags{color:#b42318}"""


def render_html(table: Table, title: str, profile_rows: list[list[Any]] | None = None,
                method: Sequence[str] = (), lang: str | None = None) -> str:
    e = html.escape
    cols = summary_columns(table, lang)
    urls = table.get("profile_url")
    values = summary_values(table, [c for c, _ in cols], lang)
    out = ["<!DOCTYPE html>", f'<html lang="{e(lang or "en")}"><head><meta charset="utf-8">',
           f"<title>{e(title)}</title>", f"<style>{HTML_STYLE}</style></head><body>", f"<h1>{e(title)}</h1>",
           f"<p>{e(count_line(table, lang))}</p>", "<table><thead><tr>"]
    out.append("".join(f"<th>{e(label)}</th>" for _, label in cols) + "</tr></thead><tbody>")
    names = [c for c, _ in cols]
    classes = {"reasons": ' class="why"', "handle": ' class="acct"'}
    css = [' class="num"' if c in NUMERIC_SUMMARY else classes.get(c, "") for c in names]
    for i in range(len(table)):
        cells = row_cells(names, {c: values[c][i] for c in names}.get, urls[i], e, html_link, lang)
        out.append("<tr>" + "".join(f"<td{k}>{t}</td>" for k, t in zip(css, cells, strict=True)) + "</tr>")
    out.append("</tbody></table>")
    if profile_rows:
        out.append(f"<h2>{e(word('profile', lang))}</h2><dl>")
        out += [f"<dt>{e(str(k))}</dt><dd>{e(cell_text('', v))}</dd>" for k, v in profile_rows if v not in (None, "")]
        out.append("</dl>")
    if method:
        out.append(f"<h2>{e(word('method', lang))}</h2><ul>" + "".join(f"<li>{e(m)}</li>" for m in method)
                   + "</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
