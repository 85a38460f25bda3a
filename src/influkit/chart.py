"""A funnel image (PNG) of `influkit.outreach.funnel()`'s result, drawn with Pillow, in French or English.

One centred bar per stage, its width proportional to the prospects that reached the stage, labelled
with the count, the conversion from the previous stage and the losses that happened there.
"""

from __future__ import annotations

from typing import Any

from .io.write import atomic_output

# Layout (pixels) and colours of the chart: one place, no numbers inside the drawing code.
LAYOUT: dict[str, int] = {
    "width": 940, "bar_height": 56, "gap": 14, "top": 70, "bottom": 40, "left_label": 170,
    "right_label": 240, "min_bar": 6, "title_size": 24, "label_size": 17, "small_size": 14,
}
COLOURS: dict[str, str] = {
    "background": "#FFFFFF", "text": "#1F2933", "muted": "#616E7C", "bar": "#1F3A5F", "bar_text": "#FFFFFF",
    "loss": "#C0392B",
}


def _font(size: int) -> Any:
    from PIL import ImageFont

    for name in ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "Arial.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _pct(rate: float | None, lang: str = "en") -> str:
    if rate is None:
        return "-"
    return f"{rate * 100:.0f}\u00a0%" if lang == "fr" else f"{rate * 100:.0f}%"


def draw_funnel(report: dict[str, Any], path: str, title: str | None = None, lang: str = "en") -> None:
    """Write the funnel chart of a funnel report to `path` (PNG, atomically; '-' is stdout), its words in
    `lang` (fr or en): stage names, "of previous", losses."""
    from PIL import Image, ImageDraw

    from .campaign.report_text import day
    from .labels import REPORT_LABELS, check_lang, colon, report_label, stage_word

    lang = check_lang(lang) or "en"
    L, C = LAYOUT, COLOURS
    stages = report["stages"]
    height = L["top"] + len(stages) * (L["bar_height"] + L["gap"]) + L["bottom"]
    image = Image.new("RGB", (L["width"], height), C["background"])
    draw = ImageDraw.Draw(image)
    title_font, label_font, small_font = _font(L["title_size"]), _font(L["label_size"]), _font(L["small_size"])
    unit = str(report.get("unit"))
    unit_word = report_label(f"unit_{unit}", lang) if f"unit_{unit}" in REPORT_LABELS else unit
    as_of = day(report.get("as_of"), lang) if report.get("as_of") else ""
    subtitle = f"{report['prospects']} {unit_word} - {report_label('as_of_day', lang)} {as_of}"
    draw.text((20, 14), title or report_label("outreach_funnel", lang), fill=C["text"], font=title_font)
    draw.text((20, 44), subtitle, fill=C["muted"], font=small_font)
    top_count = max(stages[0]["reached"], 1)
    area_left = L["left_label"]
    area_width = L["width"] - L["left_label"] - L["right_label"]
    centre = area_left + area_width / 2
    for i, st in enumerate(stages):
        y = L["top"] + i * (L["bar_height"] + L["gap"])
        width = max(L["min_bar"], area_width * st["reached"] / top_count)
        x0, x1 = centre - width / 2, centre + width / 2
        draw.rectangle((x0, y, x1, y + L["bar_height"]), fill=C["bar"])
        mid = y + L["bar_height"] / 2
        draw.text((20, mid), stage_word(st["stage"], lang), fill=C["text"], font=label_font, anchor="lm")
        count = str(st["reached"])
        inside = draw.textlength(count, font=label_font) + 8 < width
        draw.text((centre, mid) if inside else (x1 + 6, mid), count, font=label_font,
                  fill=C["bar_text"] if inside else C["text"], anchor="mm" if inside else "lm")
        right = L["width"] - L["right_label"] + 10
        if i:
            draw.text((right, mid - 10), f"{_pct(st['conversion_from_previous'], lang)} "
                      f"{report_label('of_previous', lang)}", fill=C["text"], font=small_font, anchor="lm")
        else:
            draw.text((right, mid - 10), report_label("top_of_funnel", lang), fill=C["text"], font=small_font,
                      anchor="lm")
        lost = ", ".join(f"{n} ({stage_word(reason, lang).lower()})" for reason, n in st["lost_here"].items()
                         if reason != "total" and n)
        if lost:
            draw.text((right, mid + 10), f"{report_label('lost', lang)}{colon(lang)} {lost}",
                      fill=C["loss"], font=small_font, anchor="lm")
    with atomic_output(path) as fh:
        image.save(fh, format="PNG")
