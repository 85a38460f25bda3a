"""The campaign report as one self-contained, print-ready HTML page: no external resource at all (styles
inline, charts as inline SVG, system fonts), A4 page rules for "print to PDF", every text escaped.
Links to the posts are plain `<a href>` (clicked, never loaded)."""

from __future__ import annotations

import html
import re
from typing import Any

from ..labels import colon, platform_name, report_label, status_word
from . import report_text as T
from .render_common import (
    ANALYSIS_GROUPS,
    RECOMMENDATION_GROUPS,
    Section,
    budget_line,
    cell,
    kpis,
    method_lines,
    sections,
    source_label,
    warnings,
)

STYLE = """
:root{--ink:#1f2933;--muted:#616e7c;--line:#d9dee3;--accent:#1f3a5f;--soft:#eef2f6;--ok:#1e7b4d;--warn:#b7791f;
--bad:#b42318;--est:#7a5af8}
*{box-sizing:border-box}
html{font-size:15px}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);
margin:0;background:#fff;line-height:1.45}
main{max-width:1120px;margin:0 auto;padding:28px 36px 48px}
header.cover{border-bottom:3px solid var(--accent);padding-bottom:14px;margin-bottom:18px}
h1{font-size:1.9rem;margin:0 0 6px;color:var(--accent)}
h2{font-size:1.35rem;margin:30px 0 10px;color:var(--accent);border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:1.05rem;margin:20px 0 8px}
.meta{color:var(--muted);margin:0}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px;margin:10px 0 6px}
.kpi{border:1px solid var(--line);border-radius:8px;padding:9px 11px;background:var(--soft);break-inside:avoid}
.kpi .label{font-size:.78rem;color:var(--muted);text-transform:uppercase;letter-spacing:.02em}
.kpi .value{font-size:1.35rem;font-weight:650;margin-top:2px;font-variant-numeric:tabular-nums}
.kpi .note{font-size:.75rem;color:var(--muted)}
.kpi.estimated{background:#f5f3ff;border-style:dashed;border-color:var(--est)}
.kpi.estimated .label::after{content:" *";color:var(--est)}
table{border-collapse:collapse;width:100%;font-size:.84rem;margin:6px 0 10px}
th,td{border-bottom:1px solid var(--line);padding:5px 6px;text-align:left;vertical-align:top}
th{background:var(--accent);color:#fff;font-weight:600;font-size:.76rem;line-height:1.2}
.wide{overflow-x:auto}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}th.num{text-align:right}
tr:nth-child(even) td{background:#fafbfc}
tr{break-inside:avoid}
.objectives td.status{font-weight:600}
.badge{display:inline-block;border-radius:10px;padding:1px 8px;font-size:.75rem;font-weight:600;color:#fff;
white-space:nowrap}
.badge.met{background:var(--ok)}.badge.almost{background:var(--warn)}.badge.missed{background:var(--bad)}
.badge.unknown{background:var(--muted)}
.items{list-style:none;padding:0;margin:6px 0}
.items li{padding:6px 0 6px 12px;border-left:3px solid var(--line);margin:0 0 6px;break-inside:avoid}
.items li.good{border-color:var(--ok)}.items li.bad{border-color:var(--bad)}.items li.warn{border-color:var(--warn)}
.rule{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.72rem;color:var(--muted);margin-left:6px;
white-space:nowrap}
.act{font-weight:650;margin-right:4px}
figure{margin:10px 0 16px;break-inside:avoid}
figcaption{font-size:.85rem;color:var(--muted);margin-bottom:4px}
svg{max-width:100%;height:auto;font-family:inherit}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:18px}
.small{font-size:.8rem;color:var(--muted)}
.note-est{color:var(--est)}
a{color:var(--accent)}
dl.method{display:grid;grid-template-columns:max-content 1fr;gap:3px 14px;font-size:.82rem}
dl.method dt{font-weight:600}dl.method dd{margin:0;color:var(--muted)}
@page{size:A4;margin:12mm 11mm}
@media print{html{font-size:11px}main{max-width:none;padding:0}h2{break-before:auto}.wide{overflow:visible}
table{font-size:.78rem}th,td{padding:3px 4px}
section.block{break-before:page}section.block.first{break-before:auto}
a{color:var(--ink);text-decoration:none}.charts{grid-template-columns:1fr 1fr}
th{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.kpi,.badge,tr:nth-child(even) td,.kpi.estimated{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
@media (max-width:760px){.charts{grid-template-columns:1fr}}
"""

COLOURS = {"bar": "#1f3a5f", "bar2": "#7fa7d6", "ok": "#1e7b4d", "warn": "#b7791f", "bad": "#b42318",
           "muted": "#9aa5b1", "grid": "#d9dee3", "ink": "#1f2933", "est": "#7a5af8"}
NUMERIC = ("count", "rate", "money", "ratio", "pct", "metric")


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


_CODE = re.compile(r"`([^`<>]+)`")


def _said(text: Any) -> str:
    """One of influkit's sentences (analysis, method, warnings): escaped, a `command` shown as code."""
    return _CODE.sub(r"<code>\1</code>", _e(text))


# -------------------------------------------------------------------------------------- charts


def bar_chart(items: list[tuple[str, float, str]], *, width: int = 520, colour: str = COLOURS["bar"],
              label_width: int = 150) -> str:
    """Horizontal bars: (label, value, value as text). Inline SVG, sized by its viewBox."""
    if not items:
        return ""
    row, top = 24, 6
    height = top * 2 + row * len(items)
    top_value = max((v for _, v, _ in items), default=0) or 1
    area = width - label_width - 90
    out = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img">']
    for k, (label, value, text) in enumerate(items):
        y = top + k * row
        w = max(2.0, area * value / top_value) if value > 0 else 0
        short = label if len(label) <= 22 else label[:21] + "…"
        out.append(f'<text x="{label_width - 6}" y="{y + 16}" text-anchor="end" font-size="12" '
                   f'fill="{COLOURS["ink"]}">{_e(short)}</text>')
        out.append(f'<rect x="{label_width}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" rx="3" fill="{colour}"/>')
        out.append(f'<text x="{label_width + w + 5:.1f}" y="{y + 16}" font-size="12" '
                   f'fill="{COLOURS["ink"]}">{_e(text)}</text>')
    out.append("</svg>")
    return "".join(out)


def paired_chart(items: list[tuple[str, float | None, float | None, str, str]], legend: tuple[str, str], *,
                 width: int = 520, label_width: int = 150) -> str:
    """Two bars per label (e.g. cost and revenue): (label, a, b, a text, b text)."""
    if not items:
        return ""
    row, top = 34, 26
    height = top + row * len(items) + 6
    top_value = max((v or 0 for _, a, b, _, _ in items for v in (a, b)), default=0) or 1
    area = width - label_width - 90
    out = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img">',
           f'<rect x="{label_width}" y="4" width="10" height="10" fill="{COLOURS["bar"]}"/>'
           f'<text x="{label_width + 14}" y="13" font-size="11" fill="{COLOURS["ink"]}">{_e(legend[0])}</text>'
           f'<rect x="{label_width + 140}" y="4" width="10" height="10" fill="{COLOURS["ok"]}"/>'
           f'<text x="{label_width + 154}" y="13" font-size="11" fill="{COLOURS["ink"]}">{_e(legend[1])}</text>']
    for k, (label, a, b, at, bt) in enumerate(items):
        y = top + k * row
        short = label if len(label) <= 22 else label[:21] + "…"
        out.append(f'<text x="{label_width - 6}" y="{y + 18}" text-anchor="end" font-size="12" '
                   f'fill="{COLOURS["ink"]}">{_e(short)}</text>')
        for j, (value, text, colour) in enumerate(((a, at, COLOURS["bar"]), (b, bt, COLOURS["ok"]))):
            w = max(2.0, area * (value or 0) / top_value) if value else 0
            yy = y + 3 + j * 14
            out.append(f'<rect x="{label_width}" y="{yy}" width="{w:.1f}" height="12" rx="2" fill="{colour}"/>')
            out.append(f'<text x="{label_width + w + 5:.1f}" y="{yy + 10}" font-size="11" '
                       f'fill="{COLOURS["ink"]}">{_e(text)}</text>')
    out.append("</svg>")
    return "".join(out)


def progress_chart(items: list[tuple[str, float | None, str, str]], *, width: int = 520, label_width: int = 190,
                   hundred: str = "100 %") -> str:
    """Objectives: (label, progress as a share of the target, text, status); a line marks 100 % (`hundred`,
    written the language's way). The bars leave room for the longest text on their right ("non mesurable")."""
    if not items:
        return ""
    row, top = 26, 8
    height = top * 2 + row * len(items) + 12
    cap = max(1.5, max((p or 0 for _, p, _, _ in items), default=1))
    room = max(70, 10 + 7 * max(len(text) for _, _, text, _ in items))  # about 7 px a character at 12 px
    area = max(80, width - label_width - room)
    x100 = label_width + area / cap
    colours = {"met": COLOURS["ok"], "almost": COLOURS["warn"], "missed": COLOURS["bad"], "unknown": COLOURS["muted"]}
    out = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img">']
    for k, (label, progress, text, status) in enumerate(items):
        y = top + k * row
        w = area * min(progress or 0, cap) / cap
        short = label if len(label) <= 30 else label[:29] + "…"
        out.append(f'<text x="{label_width - 6}" y="{y + 16}" text-anchor="end" font-size="12" '
                   f'fill="{COLOURS["ink"]}">{_e(short)}</text>')
        out.append(f'<rect x="{label_width}" y="{y + 4}" width="{area:.1f}" height="{row - 8}" rx="3" '
                   f'fill="#eef2f6"/>')
        out.append(f'<rect x="{label_width}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" rx="3" '
                   f'fill="{colours.get(status, COLOURS["muted"])}"/>')
        out.append(f'<text x="{label_width + area + 6:.1f}" y="{y + 16}" font-size="12" '
                   f'fill="{COLOURS["ink"]}">{_e(text)}</text>')
    bottom = top + row * len(items)
    out.append(f'<line x1="{x100:.1f}" y1="{top}" x2="{x100:.1f}" y2="{bottom}" stroke="{COLOURS["ink"]}" '
               'stroke-dasharray="3 3"/>')
    out.append(f'<text x="{x100:.1f}" y="{bottom + 11}" text-anchor="middle" font-size="10" '
               f'fill="{COLOURS["ink"]}">{_e(hundred)}</text>')
    out.append("</svg>")
    return "".join(out)


def stacked_chart(parts: list[tuple[str, int, str]], *, width: int = 520) -> str:
    """One bar split into parts (label, count, colour), with a legend under it."""
    total = sum(n for _, n, _ in parts) or 1
    height = 64
    out = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img">']
    x = 0.0
    for _label, n, colour in parts:
        w = width * n / total
        if n:
            out.append(f'<rect x="{x:.1f}" y="4" width="{w:.1f}" height="24" fill="{colour}"/>')
            if w > 24:
                out.append(f'<text x="{x + w / 2:.1f}" y="21" text-anchor="middle" font-size="12" '
                           f'fill="#fff">{n}</text>')
        x += w
    lx = 0.0
    for label, n, colour in parts:
        if not n:
            continue
        out.append(f'<rect x="{lx:.1f}" y="40" width="10" height="10" fill="{colour}"/>')
        text = f"{label} ({n})"
        out.append(f'<text x="{lx + 14:.1f}" y="49" font-size="11" fill="{COLOURS["ink"]}">{_e(text)}</text>')
        lx += 24 + 6.5 * len(text)
    out.append("</svg>")
    return "".join(out)


def _charts(data: dict[str, Any]) -> dict[str, str]:
    lang, cur = data["lang"], data.get("currency")
    r = data["blocks"]["results"]
    out: dict[str, str] = {}
    objectives = [(report_label(o["metric"], lang), o["progress"],
                   T.pct(o["progress"], lang, 0) if o["progress"] is not None else status_word("unknown", lang),
                   o["status"]) for o in r["objectives"]]
    if objectives:
        out["objectives"] = progress_chart(objectives, hundred=T.pct(1.0, lang, 0))
    creators = r["creators"]
    views = sorted(((c["creator"], c["views"], T.compact(c["views"], lang)) for c in creators if c["views"]),
                   key=lambda x: -x[1])
    if views:
        out["views"] = bar_chart(views)
    eng = sorted(((c["creator"], c["engagements"], T.compact(c["engagements"], lang)) for c in creators
                  if c["engagements"]), key=lambda x: -x[1])
    if eng:
        out["engagements"] = bar_chart(eng, colour=COLOURS["bar2"])
    money = [(c["creator"], c["cost"], c["revenue"], T.money(c["cost"], cur, lang), T.money(c["revenue"], cur, lang))
             for c in creators if c["cost"] is not None and c["revenue"] is not None]
    if money:
        out["cost_revenue"] = paired_chart(sorted(money, key=lambda x: -(x[2] or 0)),
                                           (report_label("cost", lang), report_label("revenue", lang)))
    basis = "er_views" if any(f["er_views"] is not None for f in r["formats"]) else "er_followers"
    er = [(_format(f, lang), f[basis], T.pct(f[basis], lang, 1))
          for f in r["formats"] if f.get(basis) is not None and f["format"] != "?"]
    if er:
        out["er_format"] = bar_chart(sorted(er, key=lambda x: -x[1]), colour=COLOURS["bar2"])
    d = data["totals"]["compliance"]  # the posts per status, as the table, the analysis and the conclusion say
    from ..labels import compliance_word

    parts = [(compliance_word("compliant", lang), d["compliant"], COLOURS["ok"]),
             (compliance_word("to_check", lang), d["to_check"], COLOURS["warn"]),
             (compliance_word("not_compliant", lang), d["not_compliant"], COLOURS["bad"]),
             (compliance_word("not_checked", lang), d["not_checked"], COLOURS["muted"])]
    if sum(n for _, n, _ in parts):
        out["disclosure"] = stacked_chart(parts)
    return out


def _format(row: dict[str, Any], lang: str) -> str:
    from .report import group_name

    return group_name(row, "format", lang)


def _figure(svg: str, caption: str) -> str:
    return f"<figure><figcaption>{_e(caption)}</figcaption>{svg}</figure>" if svg else ""


# ---------------------------------------------------------------------------------------- page


def _table(section: Section, data: dict[str, Any]) -> str:
    cls = f' class="{section.name}"'
    head = "".join(f'<th{" class=num" if c.kind in NUMERIC else ""}>{_e(c.label)}</th>' for c in section.columns)
    rows = []
    for row in section.rows:
        cells = []
        for c in section.columns:
            text = _e(cell(section, c, row, data))
            if c.kind == "status":
                text = f'<span class="badge {_e(row.get("status"))}">{text}</span>'
            if section.name == "posts" and c.key == "creator" and row.get("link"):
                url = str(row["link"])
                if url.lower().startswith(("https://", "http://")):
                    text = f'<a href="{_e(url)}" rel="noopener noreferrer">{text}</a>'
            klass = ' class="num"' if c.kind in NUMERIC else (' class="status"' if c.kind == "status" else "")
            cells.append(f"<td{klass}>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<div class="wide"><table{cls}><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
            "</div>")


_TONE = {"drop": "bad", "renew": "good", "renew_if": "warn", "negotiate": "warn", "budget": "", "disclosure": "bad",
         "tracking": "", "watch": "warn"}
_LEVEL_TONE = {"above": "good", "below": "warn", "far_below": "bad"}


def _items(items: list[dict[str, Any]], *, actions: bool = False) -> str:
    out = ['<ul class="items">']
    for it in items:
        if actions:
            tone = _TONE.get(it.get("action", ""), "")
        elif it.get("level") in _LEVEL_TONE:
            tone = _LEVEL_TONE[it["level"]]
        elif it.get("status") == "met":
            tone = "good"
        elif it.get("status") == "missed" or it.get("kind") == "disclosure":
            tone = "bad"
        elif it.get("status") == "almost" or it.get("kind") == "missing":
            tone = "warn"
        else:
            tone = ""
        out.append(f'<li class="{tone}">{_said(it["text"])}<span class="rule">{_e(it["rule"])}</span></li>')
    out.append("</ul>")
    return "".join(out)


def _grouped(items: list[dict[str, Any]], groups: Any, field: str, lang: str, *, actions: bool = False) -> str:
    from .render_common import grouped

    parts = []
    for label, chosen in grouped(items, groups, field):
        parts.append(f'<h3>{_e(report_label(label, lang))}</h3>{_items(chosen, actions=actions)}')
    return "".join(parts)


def render_html(data: dict[str, Any]) -> str:
    """The whole page."""
    lang = data["lang"]
    t = data["totals"]
    charts = _charts(data)
    blocks = data["blocks"]
    period = ""
    camp = data["campaign"]
    if camp.get("first_post"):
        period = f'{T.day(camp["first_post"], lang)} – {T.day(camp["last_post"], lang)}'
    meta = [f'{report_label("generated", lang)} {T.day(data["generated_on"], lang)}']
    if period:
        meta.append(f'{report_label("period", lang)} {period}')
    meta.append(", ".join(platform_name(n) for n in t["networks"]))
    out = ["<!DOCTYPE html>", f'<html lang="{_e(lang)}"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{_e(data['title'])}</title><style>{STYLE}</style></head><body><main>",
           f'<header class="cover"><h1>{_e(data["title"])}</h1><p class="meta">{_e(" · ".join(meta))}</p></header>']
    # objectives recap
    out.append(f'<section id="objectives"><h2>{_e(report_label("objectives_block", lang))}</h2>')
    targets = data["objectives"]["targets"]
    budget = budget_line(data)
    if targets or budget:
        lines = [f"<li>{_e(report_label(o['metric'], lang))} — "
                 f"{_e('≤ ' if o['direction'] == 'at_most' else '≥ ')}"
                 f"{_e(cell_value(o['metric'], o['target'], data, o.get('currency')))}"
                 f'<span class="rule">{_e(source_label(o["source"], lang))}</span></li>' for o in targets]
        if budget:
            src = source_label(data["objectives"].get("budget_source"), lang)
            lines.append(f'<li>{_e(budget)}<span class="rule">{_e(src)}</span></li>')
        out.append('<ul class="items">' + "".join(lines) + "</ul>")
    else:
        out.append(f'<p class="small">{_e(report_label("no_objectives", lang))}</p>')
    out.append("</section>")
    # block 1
    out.append(f'<section class="block first" id="results"><h2>{_e(report_label("results_block", lang))}</h2>')
    out.append(f'<h3>{_e(report_label("key_figures", lang))}</h3><div class="kpis">')
    for k in kpis(data):
        cls = "kpi estimated" if k.estimated else "kpi"
        out.append(f'<div class="{cls}"><div class="label">{_e(k.label)}</div><div class="value">{_e(k.value)}</div>'
                   f'<div class="note">{_e(k.note)}</div></div>')
    out.append("</div>")
    if any(k.estimated for k in kpis(data)):
        out.append(f'<p class="small note-est">* {_e(report_label("estimated", lang))}{colon(lang)} '
                   f'{_e(data["methods"].get("views_estimated", ""))}</p>')
    tables = {s.name: s for s in sections(data)}
    if "objectives" in tables:
        out.append(f"<h3>{_e(tables['objectives'].title)}</h3>")
        out.append(_figure(charts.get("objectives", ""), report_label("chart_objectives", lang)))
        out.append(_table(tables["objectives"], data))
    out.append(f"<h3>{_e(tables['creators'].title)}</h3>")
    pair = [_figure(charts.get("views", ""), report_label("chart_views", lang)),
            _figure(charts.get("engagements", ""), report_label("chart_engagements", lang))]
    if any(pair):
        out.append('<div class="charts">' + "".join(pair) + "</div>")
    out.append(_table(tables["creators"], data))
    if charts.get("cost_revenue"):
        out.append(_figure(charts["cost_revenue"], report_label("chart_cost_revenue", lang)))
    out.append(f"<h3>{_e(tables['networks'].title)}</h3>")
    out.append(_table(tables["networks"], data))
    out.append(f"<h3>{_e(tables['formats'].title)}</h3>")
    if charts.get("er_format"):
        out.append(_figure(charts["er_format"], report_label("chart_er_format", lang)))
    out.append(_table(tables["formats"], data))
    out.append(f"<h3>{_e(tables['posts'].title)}</h3>")
    if charts.get("disclosure"):
        out.append(_figure(charts["disclosure"], report_label("chart_disclosure", lang)))
    out.append(_table(tables["posts"], data))
    out.append("</section>")
    # blocks 2-4
    out.append(f'<section class="block" id="analysis"><h2>{_e(report_label("analysis_block", lang))}</h2>')
    out.append(_grouped(blocks["analysis"], ANALYSIS_GROUPS, "kind", lang))
    out.append("</section>")
    out.append(f'<section id="conclusion"><h2>{_e(report_label("conclusion_block", lang))}</h2>')
    out.append(_items(blocks["conclusion"]))
    out.append("</section>")
    out.append(f'<section id="recommendations"><h2>{_e(report_label("recommendations_block", lang))}</h2>')
    out.append(_grouped(blocks["recommendations"], RECOMMENDATION_GROUPS, "action", lang, actions=True))
    out.append("</section>")
    # method
    out.append(f'<section class="block" id="method"><h2>{_e(report_label("method_block", lang))}</h2>'
               '<dl class="method">')
    for key, text in data["methods"].items():
        out.append(f"<dt>{_e(report_label(key, lang))}</dt>"
                   f"<dd>{_said(text)}</dd>")
    for name, text in method_lines(data):
        out.append(f"<dt>{_e(name)}</dt><dd>{_said(text)}</dd>")
    out.append("</dl>")
    if data["warnings"]:
        out.append(f"<h3>{_e(report_label('warnings', lang))}</h3><ul class=\"items\">"
                   + "".join(f'<li class="warn">{_said(w)}</li>' for w in warnings(data)) + "</ul>")
    out.append("</section></main></body></html>")
    return "\n".join(out) + "\n"


def cell_value(metric: str, value: Any, data: dict[str, Any], currency: str | None = None) -> str:
    from .render_common import metric_kind, value_text

    return value_text(metric_kind(metric), value, currency or data.get("currency"), data["lang"])
