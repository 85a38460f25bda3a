"""The campaign report in Markdown: the same blocks and tables as the HTML page, in the report's language,
table cells escaped. Text is written as it is: Markdown runs no formula (the spreadsheet quote against
formulas belongs to CSV and xlsx cells only)."""

from __future__ import annotations

from typing import Any

from ..labels import colon, platform_name, report_label
from . import report_text as T
from .render_common import (
    ANALYSIS_GROUPS,
    RECOMMENDATION_GROUPS,
    Section,
    budget_line,
    cell,
    grouped,
    kpis,
    method_lines,
    sections,
    source_label,
    warnings,
)

NUMERIC = ("count", "rate", "money", "ratio", "pct", "metric")


def _md(text: Any) -> str:
    value = str(text)
    return " ".join(value.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").split())


def _table(section: Section, data: dict[str, Any]) -> list[str]:
    lines = ["| " + " | ".join(_md(c.label) for c in section.columns) + " |",
             "|" + "|".join("---:" if c.kind in NUMERIC else "---" for c in section.columns) + "|"]
    for row in section.rows:
        cells = []
        for c in section.columns:
            text = _md(cell(section, c, row, data))
            if section.name == "posts" and c.key == "creator" and str(row.get("link") or "").startswith("http"):
                text = f"[{text}](<{str(row['link']).replace('>', '%3E')}>)"
            cells.append(text)
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _items(items: list[dict[str, Any]]) -> list[str]:
    return [f"- {_md(it['text'])} `{it['rule']}`" for it in items]


def render_markdown(data: dict[str, Any]) -> str:
    lang = data["lang"]
    t = data["totals"]
    camp = data["campaign"]
    out = [f"# {_md(data['title'])}", ""]
    meta = [f"{report_label('generated', lang)} {T.day(data['generated_on'], lang)}"]
    if camp.get("first_post"):
        meta.append(f"{report_label('period', lang)} {T.day(camp['first_post'], lang)} – "
                    f"{T.day(camp['last_post'], lang)}")
    meta.append(", ".join(platform_name(n) for n in t["networks"]))
    out += [_md(" · ".join(meta)), "", f"## {report_label('objectives_block', lang)}", ""]
    targets = data["objectives"]["targets"]
    budget = budget_line(data)
    from .render_common import metric_kind, value_text

    for o in targets:
        sign = "≤" if o["direction"] == "at_most" else "≥"
        value = value_text(metric_kind(o["metric"]), o["target"], o.get("currency") or data.get("currency"), lang)
        out.append(f"- {_md(report_label(o['metric'], lang))} {sign} {_md(value)} "
                   f"({_md(source_label(o['source'], lang))})")
    if budget:
        src = source_label(data["objectives"].get("budget_source"), lang)
        out.append(f"- {_md(budget)}" + (f" ({_md(src)})" if src else ""))
    if not targets and not budget:
        out.append(_md(report_label("no_objectives", lang)))
    out += ["", f"## {report_label('results_block', lang)}", "", f"### {report_label('key_figures', lang)}", ""]
    for k in kpis(data):
        star = " \\*" if k.estimated else ""
        note = f" ({_md(k.note)})" if k.note else ""
        out.append(f"- **{_md(k.label)}**{star}{colon(lang)} {_md(k.value)}{note}")
    if any(k.estimated for k in kpis(data)):
        out += ["", f"\\* {_md(report_label('estimated', lang))}{colon(lang)} "
                    f"{_md(data['methods'].get('views_estimated', ''))}"]
    for section in sections(data):
        out += ["", f"### {_md(section.title)}", "", *_table(section, data)]
    for key, groups, field in (("analysis", ANALYSIS_GROUPS, "kind"), ("conclusion", None, ""),
                               ("recommendations", RECOMMENDATION_GROUPS, "action")):
        out += ["", f"## {report_label(key + '_block', lang)}"]
        if groups is None:
            out += ["", *_items(data["blocks"][key])]
            continue
        for label, chosen in grouped(data["blocks"][key], groups, field):
            out += ["", f"### {report_label(label, lang)}", "", *_items(chosen)]
    out += ["", f"## {report_label('method_block', lang)}", ""]
    out += [f"- **{_md(report_label(k, lang))}**{colon(lang)} {_md(v)}" for k, v in data["methods"].items()]
    out += [f"- **{_md(k)}**{colon(lang)} {_md(v)}" for k, v in method_lines(data)]
    if data["warnings"]:
        out += ["", f"### {report_label('warnings', lang)}", ""] + [f"- {_md(w)}" for w in warnings(data)]
    return "\n".join(out) + "\n"
