"""The campaign report as an Excel workbook: one sheet per block (objectives, results, analysis,
conclusion, recommendations), the posts and the method beside them, and native Excel charts (objectives
reached, views and engagements by creator, cost against revenue).

Written with xlsxwriter rather than influkit's own streamed writer (`io/xlsx.py`): native charts need a
drawing part, a chart part per chart, their relationships and content types, all of which xlsxwriter
writes as Excel expects; a report is a few dozen rows, so the reasons for the streamed writer (speed at
100k rows, no temporary files) do not apply (xlsxwriter runs `in_memory` here: nothing on disk but the
target). Text that a spreadsheet would run as a formula is stored as text with Excel's quote prefix,
as everywhere else in influkit.
"""

from __future__ import annotations

import io
from typing import Any

from ..labels import colon as labels_colon
from ..labels import date_number_format, report_label, semicolon
from . import report_text as T
from .render_common import (
    ANALYSIS_GROUPS,
    RECOMMENDATION_GROUPS,
    Column,
    Section,
    compliance_text,
    grouped,
    kpis,
    method_lines,
    metric_kind,
    sections,
    source_label,
    warnings,
)

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ACCENT = "#1F3A5F"


def write_xlsx(data: dict[str, Any], path: str) -> dict[str, Any]:
    """Write the workbook to `path` (atomically; '-' is stdout)."""
    from ..io.write import atomic_output

    payload = workbook_bytes(data)
    with atomic_output(path) as fh:
        fh.write(payload)
    return {"format": "xlsx", "bytes": len(payload)}


def workbook_bytes(data: dict[str, Any]) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False})
    w = _Writer(book, data)
    w.objectives()
    w.results()
    w.posts()
    w.items("analysis", ANALYSIS_GROUPS, "kind")
    w.items("conclusion", None, "")
    w.items("recommendations", RECOMMENDATION_GROUPS, "action")
    w.method()
    book.close()
    return buffer.getvalue()


class _Writer:
    def __init__(self, book: Any, data: dict[str, Any]) -> None:
        self.book = book
        self.data = data
        self.lang = data["lang"]
        cur = data.get("currency")
        self._money: dict[str, Any] = {}
        self.fmt = {
            "title": book.add_format({"bold": True, "font_size": 16, "font_color": ACCENT}),
            "h2": book.add_format({"bold": True, "font_size": 12, "font_color": ACCENT}),
            "head": book.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": ACCENT, "text_wrap": True,
                                     "valign": "top", "border": 1, "border_color": "#D9DEE3"}),
            "text": book.add_format({"text_wrap": True, "valign": "top"}),
            "quoted": book.add_format({"text_wrap": True, "valign": "top", "quote_prefix": True}),
            "count": book.add_format({"num_format": "#,##0", "valign": "top"}),
            "rate": book.add_format({"num_format": "0.00%", "valign": "top"}),
            "pct": book.add_format({"num_format": "0%", "valign": "top"}),
            "money": self.money_format(cur),
            "ratio": book.add_format({"num_format": '0.00"×"', "valign": "top"}),
            "date": book.add_format({"num_format": date_number_format(self.lang), "valign": "top"}),
            "link": book.add_format({"font_color": "#0563C1", "underline": 1, "valign": "top"}),
            "muted": book.add_format({"font_color": "#616E7C", "italic": True, "text_wrap": True}),
        }
        self.names: set[str] = set()

    # ------------------------------------------------------------------------------- helpers

    def sheet(self, key: str) -> Any:
        name = report_label(key, self.lang)[:31]
        for bad in "[]:*?/\\":
            name = name.replace(bad, " ")
        base, n = name, 2
        while name.lower() in self.names:
            name = f"{base[:27]} ({n})"
            n += 1
        self.names.add(name.lower())
        return self.book.add_worksheet(name)

    def money_format(self, currency: str | None) -> Any:
        """The number format of amounts in `currency` (the report's, or an objective's own)."""
        key = currency or ""
        if key not in self._money:
            money = T.money_number_format(currency, self.lang)  # ("$"#,##0.00 in English, #,##0.00 "$" in French)
            self._money[key] = self.book.add_format({"num_format": money, "valign": "top"})
        return self._money[key]

    def put(self, ws: Any, r: int, c: int, value: Any, kind: str = "text", currency: str | None = None) -> None:
        if value is None or value == "":
            ws.write_blank(r, c, None)
            return
        if kind in ("count", "rate", "pct", "money", "ratio") and isinstance(value, int | float) \
                and not isinstance(value, bool):
            ws.write_number(r, c, value, self.money_format(currency) if kind == "money" and currency
                            else self.fmt[kind])
            return
        if kind == "date" and isinstance(value, str) and len(value) >= 10:
            import datetime as dt

            try:
                ws.write_datetime(r, c, dt.datetime.fromisoformat(value[:10]), self.fmt["date"])
                return
            except ValueError:
                pass
        text = str(value)
        if kind == "link" and text.lower().startswith(("https://", "http://")) and len(text) < 2000:
            ws.write_url(r, c, text, self.fmt["link"], string=text)
            return
        ws.write_string(r, c, text[:32767], self.fmt["quoted" if text.startswith(FORMULA_TRIGGERS) else "text"])

    def table(self, ws: Any, top: int, columns: list[Column], rows: list[dict[str, Any]],
              value: Any = None) -> int:
        """A header row and rows from `top`; returns the next free row."""
        for c, col in enumerate(columns):
            ws.write_string(top, c, col.label, self.fmt["head"])
        for r, row in enumerate(rows, start=top + 1):
            for c, col in enumerate(columns):
                v = value(col, row) if value is not None else row.get(col.key)
                kind = col.kind
                if kind == "metric":
                    kind = metric_kind(row["metric"])
                if kind == "status":
                    from ..labels import status_word

                    v, kind = status_word(str(v), self.lang), "text"
                self.put(ws, r, c, v, kind, row.get("currency") if col.kind == "metric" else None)
        return top + len(rows) + 2

    # -------------------------------------------------------------------------------- sheets

    def objectives(self) -> None:
        ws = self.sheet("objectives_block")
        d, lang = self.data, self.lang
        ws.set_column(0, 0, 34)
        ws.set_column(1, 5, 16)
        ws.write_string(0, 0, d["title"], self.fmt["title"])
        row = 2
        targets = d["objectives"]["targets"]
        head = [Column("metric", report_label("metric", lang), "text"),
                Column("direction", "", "text"), Column("target", report_label("target", lang), "metric"),
                Column("source", report_label("source", lang), "text")]
        rows = [{"metric": report_label(t["metric"], lang), "direction": "≤" if t["direction"] == "at_most" else "≥",
                 "target": t["target"], "source": source_label(t["source"], lang), "_metric": t["metric"],
                 "_currency": t.get("currency")} for t in targets]
        budget = d["objectives"].get("budget")
        if budget is not None:
            rows.append({"metric": report_label("budget", lang), "direction": "≤", "target": budget,
                         "source": source_label(d["objectives"].get("budget_source"), lang), "_metric": "budget",
                         "_currency": d["objectives"].get("currency")})
        if not rows:
            ws.write_string(row, 0, report_label("no_objectives", lang), self.fmt["muted"])
            return
        for c, col in enumerate(head):
            ws.write_string(row, c, col.label, self.fmt["head"])
        for k, r in enumerate(rows, start=row + 1):
            self.put(ws, k, 0, r["metric"])
            self.put(ws, k, 1, r["direction"])
            self.put(ws, k, 2, r["target"], metric_kind(r["_metric"]), r["_currency"])
            self.put(ws, k, 3, r["source"])

    def results(self) -> None:
        ws = self.sheet("results_block")
        d, lang = self.data, self.lang
        ws.set_column(0, 0, 26)
        ws.set_column(1, 20, 13)
        ws.write_string(0, 0, report_label("results_block", lang), self.fmt["title"])
        row = 2
        ws.write_string(row, 0, report_label("key_figures", lang), self.fmt["h2"])
        row += 1
        t = d["totals"]
        for kpi in kpis(d):
            ws.write_string(row, 0, kpi.label + (" *" if kpi.estimated else ""), self.fmt["text"])
            self.put(ws, row, 1, t.get(kpi.key), metric_kind(kpi.key))
            if kpi.note:
                ws.write_string(row, 2, kpi.note, self.fmt["muted"])
            row += 1
        row += 1
        charts: list[Any] = []
        for section in sections(d):
            if section.name == "posts":
                continue
            ws.write_string(row, 0, section.title, self.fmt["h2"])
            row += 1
            top = row
            words = None
            if section.name == "objectives":  # the metrics in words ("vues", not views); their kinds by code

                def words(col: Column, r: dict[str, Any]) -> Any:
                    v = r.get(col.key)
                    return report_label(str(v), self.lang) if col.key == "metric" else v

            row = self.table(ws, top, section.columns, section.rows, words)
            charts += self.charts_for(ws, section, top)
        for k, chart in enumerate(charts):
            ws.insert_chart(2 + k * 20, 16, chart, {"x_scale": 1.1, "y_scale": 1.15})

    def charts_for(self, ws: Any, section: Section, top: int) -> list[Any]:
        """Native charts over a table just written at `top` (its header row)."""
        name = ws.get_name()
        n = len(section.rows)
        if not n:
            return []
        keys = [c.key for c in section.columns]

        def ref(col: str) -> list[Any]:
            c = keys.index(col)
            return [name, top + 1, c, top + n, c]

        if section.name == "objectives":
            chart = self.book.add_chart({"type": "bar"})
            chart.add_series({"name": report_label("progress", self.lang), "categories": ref("metric"),
                              "values": ref("progress"), "fill": {"color": ACCENT},
                              "data_labels": {"value": True, "num_format": "0%"}})
            chart.set_title({"name": report_label("chart_objectives", self.lang)})
            chart.set_x_axis({"num_format": "0%", "min": 0})
            chart.set_y_axis({"reverse": True})
            chart.set_legend({"none": True})
            return [chart]
        if section.name == "creators":
            chart = self.book.add_chart({"type": "bar"})
            chart.add_series({"name": report_label("views", self.lang), "categories": ref("creator"),
                              "values": ref("views"), "fill": {"color": ACCENT}})
            chart.add_series({"name": report_label("engagements", self.lang), "categories": ref("creator"),
                              "values": ref("engagements"), "fill": {"color": "#7FA7D6"}})
            chart.set_title({"name": report_label("chart_views", self.lang)})
            chart.set_y_axis({"reverse": True})
            chart.set_x_axis({"num_format": "#,##0"})
            if any(r.get("revenue") is not None for r in section.rows):
                money = self.book.add_chart({"type": "column"})
                money.add_series({"name": report_label("cost", self.lang), "categories": ref("creator"),
                                  "values": ref("cost"), "fill": {"color": ACCENT}})
                money.add_series({"name": report_label("revenue", self.lang), "categories": ref("creator"),
                                  "values": ref("revenue"), "fill": {"color": "#1E7B4D"}})
                money.set_title({"name": report_label("chart_cost_revenue", self.lang)})
                return [chart, money]
            return [chart]
        if section.name == "formats":
            chart = self.book.add_chart({"type": "column"})
            basis = "er_views" if any(r.get("er_views") is not None for r in section.rows) else "er_followers"
            chart.add_series({"name": report_label(basis, self.lang), "categories": ref("format"),
                              "values": ref(basis), "fill": {"color": "#7FA7D6"},
                              "data_labels": {"value": True, "num_format": "0.0%"}})
            chart.set_title({"name": report_label("chart_er_format", self.lang)})
            chart.set_y_axis({"num_format": "0%"})
            chart.set_legend({"none": True})
            return [chart]
        return []

    def posts(self) -> None:
        ws = self.sheet("by_post")
        lang = self.lang
        rows = self.data["blocks"]["results"]["posts"]
        # "#" numbers the posts from 1; "row" is the post's row in its sheet (to find it there)
        cols = [("number", "count"), ("row", "count"), ("creator", "text"), ("network", "text"), ("format", "text"),
                ("published_on", "date"), ("link", "link"), ("followers", "count"), ("views", "count"),
                ("likes", "count"), ("comments", "count"), ("shares", "count"), ("saves", "count"),
                ("engagements", "count"), ("er_views", "rate"), ("er_followers", "rate"), ("cost", "money"),
                ("cpe", "money"), ("cpm", "money"), ("cpv", "money"), ("clicks", "count"), ("promo_code", "text"),
                ("disclosure", "text"), ("compliance", "text"), ("compliance_reasons", "text"), ("sources", "text")]
        if any(r.get("sheet") for r in rows):  # read from several tabs: which one each post came from
            cols.insert(1, ("sheet", "text"))
        columns = [Column(k, report_label(k, lang) if k not in ("number", "sources", "compliance_reasons")
                          else {"number": "#", "sources": report_label("source", lang),
                                "compliance_reasons": report_label("reasons", lang)}[k], kind) for k, kind in cols]
        # estimates apart from the measured figures, one column per estimated field, marked estimated
        estimated = list(dict.fromkeys(k for r in rows for k in r.get("estimates") or {}))
        at = [c.key for c in columns].index("clicks") + 1
        columns[at:at] = [Column(f"~{k}", T.field_name(f"{k}~estimated", lang) + " *", "count") for k in estimated]
        from ..labels import format_word, platform_word

        number = {id(r): k for k, r in enumerate(rows, start=1)}

        def value(col: Column, row: dict[str, Any]) -> Any:
            if col.key.startswith("~"):
                return ((row.get("estimates") or {}).get(col.key[1:]) or {}).get("value")
            v = row.get(col.key)
            if col.key == "number":
                return number[id(row)]
            if col.key == "network":
                return platform_word(v, lang)
            if col.key == "format":
                return format_word(v, lang)
            if col.key == "disclosure":  # the post's one status and why, as every format says it
                return compliance_text(row, lang)
            if col.key == "compliance_reasons":  # what to check, for a post a person must look at
                return " | ".join((v or []) if row["compliance_status"] == "not_compliant"
                                  else (row["compliance_warnings"] or []))
            if col.key == "sources":
                colon = labels_colon(lang) + " "
                parts = [T.field_name(k, lang) + colon + T.figure_source(m["source"], lang)
                         + (f" ({T.day(m['as_of'], lang)})" if m.get("as_of") else "")
                         for k, m in row["measures"].items()]
                parts += [T.field_name(f"{k}~estimated", lang) + colon + T.figure_source(m["source"], lang)
                          for k, m in row["estimates"].items()]
                return semicolon(lang).join(parts)
            return v

        keys = [c.key for c in columns]
        ws.set_column(0, len(columns) - 1, 11)
        ws.set_column(0, keys.index("row"), 6)
        ws.set_column(keys.index("creator"), keys.index("creator"), 18)
        ws.set_column(keys.index("link"), keys.index("link"), 40)
        ws.set_column(len(columns) - 2, len(columns) - 1, 60)
        self.table(ws, 0, columns, rows, value)
        ws.freeze_panes(1, keys.index("creator") + 1)
        ws.autofilter(0, 0, len(rows), len(columns) - 1)

    def items(self, block: str, groups: Any, field: str) -> None:
        ws = self.sheet(f"{block}_block")
        lang = self.lang
        items = self.data["blocks"][block]
        ws.set_column(0, 0, 22)
        ws.set_column(1, 1, 110)
        ws.set_column(2, 2, 18)
        ws.write_string(0, 0, report_label(f"{block}_block", lang), self.fmt["title"])
        row = 2
        parts = grouped(items, groups, field) if groups is not None else [("", items)]
        for label, chosen in parts:
            if label:
                ws.write_string(row, 0, report_label(label, lang), self.fmt["h2"])
                row += 1
            ws.write_string(row, 0, report_label("rule", lang), self.fmt["head"])
            ws.write_string(row, 1, report_label("text", lang), self.fmt["head"])
            ws.write_string(row, 2, report_label("status" if block == "conclusion" else "action", lang),
                            self.fmt["head"])
            row += 1
            for it in chosen:
                self.put(ws, row, 0, it["rule"])
                self.put(ws, row, 1, it["text"])
                if block == "conclusion" and it.get("status"):
                    from ..labels import status_word

                    self.put(ws, row, 2, status_word(it["status"], lang, it.get("kind")))
                elif block == "recommendations" and it.get("action") not in (None, "none"):
                    from ..labels import action_word

                    self.put(ws, row, 2, action_word(it["action"], lang))
                row += 1
            row += 1

    def method(self) -> None:
        ws = self.sheet("method_block")
        lang = self.lang
        ws.set_column(0, 0, 28)
        ws.set_column(1, 1, 120)
        row = 0
        for key, text in self.data["methods"].items():
            self.put(ws, row, 0, report_label(key, lang))
            self.put(ws, row, 1, text)
            row += 1
        row += 1
        for name, text in method_lines(self.data):
            self.put(ws, row, 0, name)
            self.put(ws, row, 1, text)
            row += 1
        for w in warnings(self.data):
            self.put(ws, row, 0, report_label("warnings", lang))
            self.put(ws, row, 1, w)
            row += 1
