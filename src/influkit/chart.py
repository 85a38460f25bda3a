"""A funnel image (PNG) of `influkit.outreach.funnel()`'s result, drawn with Pillow.

One centred bar per stage, its width proportional to the prospects that reached the stage, labelled
with the count, the conversion from the previous stage and the losses that happened there.
"""

from __future__ import annotations

from typing import Any

from .io.write import atomic_output

# Layout (pixels) and colours of the chart: one place, no numbers inside the drawing code.
LAYOUT: dict[str, int] = {
    "width": 900, "bar_height": 56, "gap": 14, "top": 70, "bottom": 40, "left_label": 170,
    "right_label": 200, "min_bar": 6, "title_size": 24, "label_size": 17, "small_size": 14,
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


def _pct(rate: float | None) -> str:
    return "-" if rate is None else f"{rate * 100:.0f}%"


def draw_funnel(report: dict[str, Any], path: str, title: str = "Outreach funnel") -> None:
    """Write the funnel chart of a funnel report to `path` (PNG, atomically; '-' is stdout)."""
    from PIL import Image, ImageDraw

    L, C = LAYOUT, COLOURS
    stages = report["stages"]
    height = L["top"] + len(stages) * (L["bar_height"] + L["gap"]) + L["bottom"]
    image = Image.new("RGB", (L["width"], height), C["background"])
    draw = ImageDraw.Draw(image)
    title_font, label_font, small_font = _font(L["title_size"]), _font(L["label_size"]), _font(L["small_size"])
    subtitle = f"{report['prospects']} {report['unit']} - as of {report['as_of']}"
    draw.text((20, 14), title, fill=C["text"], font=title_font)
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
        draw.text((20, mid), st["stage"], fill=C["text"], font=label_font, anchor="lm")
        count = str(st["reached"])
        inside = draw.textlength(count, font=label_font) + 8 < width
        draw.text((centre, mid) if inside else (x1 + 6, mid), count, font=label_font,
                  fill=C["bar_text"] if inside else C["text"], anchor="mm" if inside else "lm")
        right = L["width"] - L["right_label"] + 10
        if i:
            draw.text((right, mid - 10), f"{_pct(st['conversion_from_previous'])} of previous",
                      fill=C["text"], font=small_font, anchor="lm")
        else:
            draw.text((right, mid - 10), "top of funnel", fill=C["text"], font=small_font, anchor="lm")
        lost = ", ".join(f"{n} {reason.replace('_', ' ')}" for reason, n in st["lost_here"].items()
                         if reason != "total" and n)
        if lost:
            draw.text((right, mid + 10), f"lost: {lost}", fill=C["loss"], font=small_font, anchor="lm")
    with atomic_output(path) as fh:
        image.save(fh, format="PNG")
