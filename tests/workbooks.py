"""Real test workbooks with every feature an agency's workbook has (built with openpyxl and Pillow,
shared formulas added by hand because openpyxl does not write them)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

HEADERS = ["Nom", "Réseau", "Lien du profil", "Abonnés", "Likes moyens", "Commentaires moyens", "Statut",
           "Date de contact", "Budget (€)", "Coût / abonné"]
ROWS = [
    ["Léa Vernoux", "Instagram", "https://www.instagram.com/lea.vernoux/", 12500, 400, 25, "Contacté",
     dt.datetime(2026, 3, 2), 800],
    ["Tom Roussel", "YouTube", "https://www.youtube.com/@tomroussel", 150000, 5000, 300, "Repéré", None, 2500],
    ["Zoé Marchetti", "TikTok", "https://www.tiktok.com/@zoe.m", 1200000, 50000, 1200, "Signé",
     dt.datetime(2026, 2, 20), 5000],
    ["Inès Tessier", "Instagram", "https://www.instagram.com/ines.t/", 8000, 600, 40, "A répondu", None, 300],
    ["Hugo Ardent", "Instagram", "https://www.instagram.com/hugo.ardent/", 45000, 900, 30, "Pas de réponse",
     None, 1200],
]
FIRST_DATA_ROW = 4  # title on row 1 (merged), blank row 2, headers on row 3


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


def agency_workbook(path: Path, *, table: bool = True) -> Path:
    """A 4-tab agency workbook: Prospects (the list: title row merged, formulas, a shared formula,
    validation, conditional formatting, a comment, frozen panes, widths, an Excel table), Budget
    (formulas, shared formulas, a chart, a defined name), Archive (old list) and Notes (an image)."""
    import openpyxl
    from openpyxl.chart import BarChart, Reference
    from openpyxl.comments import Comment
    from openpyxl.drawing.image import Image as XLImage
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font, PatternFill
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.table import Table as XLTable
    from openpyxl.worksheet.table import TableStyleInfo

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Prospects"
    ws["A1"] = "Campagne printemps 2026 — prospection"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:J1")
    for c, h in enumerate(HEADERS, start=1):
        cell = ws.cell(3, c, h)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="305496")
    for r, row in enumerate(ROWS, start=FIRST_DATA_ROW):
        for c, v in enumerate(row, start=1):
            cell = ws.cell(r, c, v)
            if c == 8 and v is not None:
                cell.number_format = "dd/mm/yyyy"
        ws.cell(r, 10, f"=I{r}/D{r}")  # made shared by hand below
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["C"].width = 40
    ws.freeze_panes = "B4"
    last = FIRST_DATA_ROW + len(ROWS) - 1
    dv = DataValidation(type="list", formula1='"Repéré,Contacté,A répondu,Signé,Pas de réponse"', allow_blank=True)
    dv.add(f"G{FIRST_DATA_ROW}:G{last}")
    ws.add_data_validation(dv)
    ws.conditional_formatting.add(f"D{FIRST_DATA_ROW}:D{last}",
                                  CellIsRule(operator="greaterThan", formula=["100000"],
                                             fill=PatternFill("solid", bgColor="C6EFCE")))
    ws["A4"].comment = Comment("Vue au salon de la beauté", "Agence")
    if table:
        tab = XLTable(displayName="Prospection", ref=f"A3:J{last}")
        tab.tableStyleInfo = TableStyleInfo(name="TableStyleMedium9", showRowStripes=True)
        ws.add_table(tab)

    budget = wb.create_sheet("Budget")
    budget.append(["Poste", "Quantité", "Prix unitaire", "Total"])
    for i, (name, q, p) in enumerate([("Posts", 4, 800), ("Stories", 10, 150), ("Reels", 2, 1200)], start=2):
        budget.append([name, q, p, f"=B{i}*C{i}"])
    budget["D6"] = "=SUM(D2:D4)"
    budget["A6"] = "Total"
    chart = BarChart()
    chart.add_data(Reference(budget, min_col=4, min_row=1, max_row=4), titles_from_data=True)
    chart.set_categories(Reference(budget, min_col=1, min_row=2, max_row=4))
    budget.add_chart(chart, "F2")
    wb.defined_names["TotalBudget"] = DefinedName("TotalBudget", attr_text="Budget!$D$6")

    archive = wb.create_sheet("Archive")
    archive.append(["Nom", "Réseau", "Abonnés", "Statut"])
    archive.append(["Ancien Créateur", "Instagram", 3000, "Refusé"])

    notes = wb.create_sheet("Notes")
    notes["A1"] = "Logo de la marque"
    notes.add_image(XLImage(io.BytesIO(_png())), "B2")
    wb.save(path)
    _make_shared(path, "xl/worksheets/sheet1.xml", "J", FIRST_DATA_ROW, last)
    _make_shared(path, "xl/worksheets/sheet2.xml", "D", 2, 4)
    return path


def _make_shared(path: Path, part: str, col: str, first: int, last: int) -> None:
    """Turn a column of formulas into one shared formula (what Excel writes for a filled-down column)."""
    with zipfile.ZipFile(path) as zin:
        items = [(i, zin.read(i.filename)) for i in zin.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in items:
            if info.filename == part:
                text = data.decode("utf-8")
                for r in range(first, last + 1):
                    pattern = re.compile(rf'<c r="{col}{r}"([^>]*)><f>([^<]*)</f><v\s*/?>(?:</v>)?</c>')
                    m = pattern.search(text)
                    assert m, f"no formula in {col}{r}"
                    if r == first:
                        new = f'<c r="{col}{r}"{m.group(1)}><f t="shared" ref="{col}{first}:{col}{last}" si="0">' \
                              f"{m.group(2)}</f></c>"
                    else:
                        new = f'<c r="{col}{r}"{m.group(1)}><f t="shared" si="0"/></c>'
                    text = text[: m.start()] + new + text[m.end():]
                data = text.encode("utf-8")
            zout.writestr(info, data)
    path.write_bytes(out.getvalue())


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}
