"""Identity cards (the agency "cartographie"): one per shortlisted creator, in Markdown and HTML, in French
or English.

A creator's networks are the rows of the full scored list that share its `creator` name (accents and
case ignored; the handle when the name is empty). Each card shows, wherever the data has it: every
network with followers, engagement rate (by followers, and by views where views are known), tier,
posting frequency and score; the favourite network (the one with the largest engaged audience:
followers x ER, or followers when ER is unknown); category and content types; best posts as links;
brands worked with; flags with their reasons; each network's price (asked, and the fair price
influkit estimates: `price_text`); and each network's follower history from the workspace
(`influkit.followers.account_history`) as a small chart with its spikes and drops marked (a card
without a workspace simply has no chart). Text is formula-neutralised; HTML is escaped and
self-contained (the chart is inline SVG).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .fit import BRAND_HINTS, CONTENT_HINTS, brand_history
from .labels import colon, join_items, platform_name, report_label
from .selection import _md, cell_text, html_link, local_value, md_link, row_cells
from .table import Table
from .text import fold_key, name_key, slug

if TYPE_CHECKING:
    from .followers import History

_BEST = re.compile(r"^(?P<ref>\S+) \((?P<date>[^,()]*), (?P<n>\d+) interactions\)$")
_VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass
class BestPost:
    url: str | None
    day: str
    interactions: int
    platform: str | None

    def text(self, lang: str) -> str:
        """The post as a card lists it: "Instagram 01/03/2026 · 12 345 interactions" (its date the language's
        way when it is one)."""
        from .campaign.report_text import day, num

        when = day(self.day, lang) if _ISO_DAY.match(self.day) else self.day
        return f"{platform_name(self.platform)} {when} · {num(self.interactions, lang)} {report_label('interactions', lang)}"


@dataclass
class Card:
    name: str
    networks: list[dict[str, Any]]  # rows of the creator, best score first
    best: dict[str, Any]  # the shortlisted row
    content: list[str] = field(default_factory=list)
    brands: list[str] = field(default_factory=list)
    lang: str = "en"
    histories: dict[str, History] = field(default_factory=dict)  # "platform:handle" -> follower history

    @property
    def favourite(self) -> dict[str, Any]:
        def engaged(row: dict[str, Any]) -> float:
            f = row.get("followers") or 0
            er = row.get("engagement_rate")
            return float(f) * float(er) if isinstance(er, int | float) else float(f) * 1e-9

        return max(self.networks, key=engaged)

    def best_posts(self) -> list[BestPost]:
        """The networks' best posts ("link (date, n interactions)"), as links where the post has one (a
        YouTube video id becomes its watch link; other platforms' internal ids are not shown)."""
        out = []
        for row in self.networks:
            for part in str(row.get("best_posts") or "").split(" | "):
                m = _BEST.match(part.strip())
                if not m:
                    continue
                ref = m["ref"]
                url = ref if ref.startswith(("https://", "http://")) else None
                if url is None and row.get("platform") == "youtube" and _VIDEO_ID.match(ref):
                    url = f"https://www.youtube.com/watch?v={ref}"
                out.append(BestPost(url, m["date"], int(m["n"]), row.get("platform")))
        return out

    def facts(self) -> list[tuple[str, str]]:
        """(label, text) lines shown under the networks, only those with data, in the card's language."""
        fav = self.favourite
        b = self.best
        lang = self.lang
        per_week = report_label("posts_per_week", lang)
        out = [
            (report_label("favourite_network", lang),
             f"{platform_name(fav.get('platform'))} (@{fav.get('handle') or '?'})"),
            (report_label("category", lang), _join((r.get("category") for r in self.networks), lang)),
            (report_label("content_types", lang), ", ".join(self.content)),
            (report_label("posting_frequency", lang), _join((
                f"{platform_name(r.get('platform'))}{colon(lang)} "
                f"{_number(r['posts_per_week'], lang) if lang == 'fr' else format(r['posts_per_week'], 'g')} {per_week}"
                for r in self.networks if isinstance(r.get("posts_per_week"), int | float)), lang)),
            (report_label("brands", lang), ", ".join(self.brands)),
            (report_label("flags", lang), _join((
                f"{platform_name(r.get('platform'))}{colon(lang)} {_flags_text(r, lang)}"
                for r in self.networks if r.get("flag_reasons") or r.get("flags")), lang)),
            (report_label("price", lang), _join((
                f"{platform_name(r.get('platform'))}{colon(lang)} {text}"
                for r in self.networks if (text := price_text(r, lang))), lang)),
            (report_label("country", lang), _join((r.get("country") for r in self.networks), lang)),
            (report_label("contact", lang), _join((r.get("email") for r in self.networks), lang)),
            (report_label("score", lang), _score_line(b, lang)),
            (report_label("reasons", lang), str(b.get("reasons") or "")),
        ]
        return [(label, text) for label, text in out if text]


def price_text(row: dict[str, Any], lang: str) -> str:
    """A network's price as a client reads it: what the creator asked (a range, what it buys, gifting,
    on request), in the currency asked and, when the fair price is in another one, what it converts to
    ("£1,500 asked (≈ $1,918)"), and the fair price influkit estimates, in `lang` ("800 € demandés pour 2
    vidéos · prix estimé 600 € – 900 €"); a price of 0 is a gift ("cadeau" / "gifting"); "" when there is
    neither. Amounts are written by campaign.report_text.money."""
    from .campaign.report_text import money
    from .labels import value_word

    parts = []
    dash = " – " if lang == "fr" else "–"  # (a range: "600 € – 900 €", "$600–$900")
    low, high = row.get("price_quoted"), row.get("price_quoted_high")
    fair_cur = row.get("price_currency")
    cur = row.get("currency") or fair_cur  # (a quote naming no currency is read in the estimate's)
    note = row.get("price_note")
    if (note in ("gifting", "on_request") and not low) or (low == 0 and not high):
        parts.append(value_word("price_note", str(note if note == "on_request" else "gifting"), lang))
    elif isinstance(low, int | float):
        tops = [high] if isinstance(high, int | float) and high != low else []
        asked = dash.join(money(v, cur, lang) for v in [low, *tops])
        asked += f" {report_label('price_asked', lang)}"
        if per := str(row.get("price_per") or "").strip():
            # "$300/post" asks per post; "700 € / 2 posts", "1 reel + 3 stories" say what the amount buys
            each = not any(ch.isdigit() for ch in per) and "+" not in per
            asked += f" {report_label('price_each' if each else 'price_for', lang)} {per}"
        if (converted := _converted([low, *tops], cur, fair_cur)) is not None:
            asked += f" (≈ {dash.join(money(round(v), fair_cur, lang) for v in converted)})"
        parts.append(asked)
    lo, hi = row.get("est_price_low"), row.get("est_price_high")
    if isinstance(lo, int | float) and isinstance(hi, int | float):
        lo, hi = round(lo), round(hi)  # an estimate, in whole units as the shortlist shows it
        fair = money(lo, fair_cur, lang) if lo == hi else f"{money(lo, fair_cur, lang)}{dash}{money(hi, fair_cur, lang)}"
        parts.append(f"{report_label('price_fair', lang)} {fair}")
    return " · ".join(parts)


def _converted(amounts: list[float], currency: Any, target: Any) -> list[float] | None:
    """`amounts` in `target` when they are in another currency influkit converts (None otherwise)."""
    from .thresholds import FX_PER_EUR, convert

    if not isinstance(currency, str) or not isinstance(target, str) or currency.upper() == target.upper():
        return None
    if currency.upper() not in FX_PER_EUR or target.upper() not in FX_PER_EUR:
        return None
    return [convert(float(a), currency, target) for a in amounts]


def _flags_text(row: dict[str, Any], lang: str) -> str:
    """A network's flags as the card says them: their sentences, else their words, in `lang`."""
    from .labels import prose, value_word

    if row.get("flag_reasons"):
        return str(prose(row["flag_reasons"], lang))
    return str(value_word("flags", row.get("flags"), lang))


def _number(value: float, lang: str) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "fr" else text


def _score_line(b: dict[str, Any], lang: str) -> str:
    """The shortlisted account's score, naming its network (the favourite network may be another)."""
    if b.get("score") is None:
        return ""
    network = platform_name(b.get("platform")) or "?"

    def n(v: Any) -> str:  # (English: the score as the table holds it, 100.0)
        return _number(float(v), lang) if lang == "fr" and isinstance(v, int | float) else str(v)

    return report_label("card_score", lang, score=n(b.get("score")), network=network, fit=n(b.get("fit_score")),
                        rank=b.get("rank"), confidence=local_value("confidence", b.get("confidence"), lang))


def _join(values: Any, lang: str) -> str:
    """The networks' values of a fact, each once, separated by " | " (a list value's items the language's
    way: `labels.join_items`)."""
    seen: list[str] = []
    for v in values:
        if v is None or v == "":
            continue
        text = join_items((str(x) for x in v), lang) if isinstance(v, list | tuple) else str(v)
        if text not in seen:
            seen.append(text)
    return " | ".join(seen)


def person_key(row: dict[str, Any]) -> str:
    """The person a row's account belongs to: the creator's name (folded) ties their networks, an account
    without a name is a person of its own."""
    return name_key(row.get("creator")) or f"@{row.get('platform')}:{row.get('handle')}"


def _histories(store: Any, networks: list[dict[str, Any]]) -> dict[str, History]:
    """Each network's follower history from the workspace (none without one, or for an account it does not
    know, or with fewer than two points)."""
    from .errors import InfluError
    from .followers import account_history, find_account

    out: dict[str, History] = {}
    if store is None:
        return out
    for row in networks:
        platform, handle = row.get("platform"), row.get("handle")
        if not platform or not handle:
            continue
        try:
            history = account_history(store, find_account(store, str(handle), str(platform)))
        except InfluError:
            continue
        if len(history.series) >= 2:
            out[f"{platform}:{handle}"] = history
    return out


def build_cards(shortlist: Table, full: Table | None = None, *, lang: str | None = None,
                store: Any = None) -> list[Card]:
    """One card per distinct creator of the shortlist, in shortlist order, in `lang` (default English);
    `store` (an open workspace) gives the follower histories."""
    full = full if full is not None else shortlist
    rows = list(full.rows(full.columns))
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row.get("duplicate_of"):
            continue
        groups.setdefault(person_key(row), []).append(row)
    content_cols = [c for c in full.extra_columns if any(h in fold_key(c) for h in CONTENT_HINTS)
                    and not any(h in fold_key(c) for h in BRAND_HINTS)]
    brand_cols = [c for c in full.extra_columns if any(h in fold_key(c) for h in BRAND_HINTS)
                  and brand_history(c, full.get(c))]
    brand_cols += [c for c in ("brands", "collaborations") if c in full.data]
    content_cols += [c for c in ("content_types",) if c in full.data]
    cards: list[Card] = []
    done: set[str] = set()
    for best in shortlist.rows(shortlist.columns):
        k = person_key(best)
        if k in done:
            continue
        done.add(k)
        networks = groups.get(k) or [best]
        networks = sorted(networks, key=lambda r: -(r.get("score") or 0))
        name = str(best.get("creator") or best.get("handle") or "?")
        content = _split_values(r.get(c) for r in networks for c in content_cols)
        brands = _split_values(r.get(c) for r in networks for c in brand_cols)
        cards.append(Card(name, networks, best, content, brands, lang or "en", _histories(store, networks)))
    return cards


def _split_values(values: Any) -> list[str]:
    out: list[str] = []
    for v in values:
        if not v:
            continue
        for part in re.split(r"[,;|/\n]", str(v)):
            p = part.strip()
            if p and p.lower() not in (x.lower() for x in out):
                out.append(p)
    return out


def _columns(card: Card) -> list[tuple[str, str]]:
    """The networks table: (column, header in the card's language), only columns some row has."""
    lang = card.lang
    cols = [("platform", report_label("network", lang)), ("handle", report_label("account", lang)),
            ("followers", report_label("followers", lang)), ("engagement_rate", report_label("er", lang)),
            ("engagement_rate_views", report_label("er_by_views", lang)), ("tier", report_label("tier", lang)),
            ("posts_per_week", report_label("h_posts", lang) + report_label("per_week_short", lang)),
            ("score", report_label("score", lang))]
    always = ("platform", "handle", "followers", "engagement_rate", "tier", "score")
    return [(c, h) for c, h in cols if c in always or any(r.get(c) is not None for r in card.networks)]


def _network_value(row: dict[str, Any]) -> Any:
    return row.get


def _events_text(history: History, lang: str) -> str:
    if not history.events:
        return ""
    from .campaign.report_text import day, num

    parts = []
    for e in history.events:
        word = report_label("spike" if e.kind == "spike" else "drop", lang)
        gain = ("+" if e.gain >= 0 else "-") + num(abs(e.gain), lang)
        parts.append(f"{word} {day(e.end, lang)} ({gain})")
    return ", ".join(parts)


def card_markdown(card: Card) -> str:
    from .campaign.report_text import day

    columns = _columns(card)
    align = {"platform": "---", "handle": "---", "tier": "---"}
    lines = [f"# {_md(cell_text('creator', card.name))}", "", "| " + " | ".join(h for _, h in columns) + " |",
             "|" + "|".join(align.get(c, "---:") for c, _ in columns) + "|"]
    names = [c for c, _ in columns]
    for row in card.networks:
        lines.append("| " + " | ".join(row_cells(names, _network_value(row), row.get("profile_url"), _md, md_link,
                                                         card.lang))
                     + " |")
    lines.append("")
    lines += [f"- **{label}**{colon(card.lang)} {_md(cell_text('', text))}" for label, text in card.facts()]
    best = card.best_posts()
    if best:
        lines += ["", f"## {report_label('best_posts', card.lang)}", ""]
        for p in best:
            text = p.text(card.lang)
            lines.append(f"- [{_md(text)}](<{p.url.replace('>', '%3E')}>)" if p.url else f"- {_md(text)}")
    if card.histories:
        from .metrics.trends import sparkline

        lines += ["", f"## {report_label('follower_history', card.lang)}", ""]
        for key, history in card.histories.items():
            platform = key.split(":", 1)[0]
            events = _events_text(history, card.lang)
            first, last = history.series[0], history.series[-1]
            lines.append(f"- {platform_name(platform)}{colon(card.lang)} `{sparkline([v for _, v in history.series], 40)}` "
                         f"{day(first[0], card.lang)} → {day(last[0], card.lang)}"
                         + (f" — {_md(events)}" if events else ""))
    return "\n".join(lines) + "\n"


CARD_STYLE = """body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2rem;color:#1f2933;
background:#f5f7fa}
.card{background:#fff;border:1px solid #d0d7de;border-radius:10px;padding:1.2rem 1.6rem;max-width:54rem;margin:auto}
header{display:flex;justify-content:space-between;align-items:baseline;border-bottom:3px solid #1F3A5F;
margin-bottom:.8rem}
h1{margin:.2rem 0 .5rem;color:#1F3A5F;font-size:1.7rem}h2{font-size:1rem;color:#1F3A5F;margin:1.1rem 0 .4rem}
.score{font-size:1.4rem;font-weight:bold;color:#1F3A5F;white-space:nowrap}
.fav{color:#616e7c;margin:0 0 .4rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #d9dee3;padding:.35rem .5rem;vertical-align:top;text-align:left}
th{background:#1F3A5F;color:#fff}td.num,th.num{text-align:right;white-space:nowrap}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:.8rem 0}
dt{font-weight:600;color:#3e4c59}dd{margin:0}.flags{color:#b42318}
ul.posts{margin:.2rem 0;padding-left:1.2rem}
figure{margin:.4rem 0}figcaption{font-size:.85rem;color:#616e7c}svg{max-width:100%;height:auto}
a{color:#1F3A5F}
@media print{body{background:#fff;margin:0}.card{border:none;max-width:none}
th{-webkit-print-color-adjust:exact;print-color-adjust:exact}}"""
NUMERIC_CARD = ("followers", "engagement_rate", "engagement_rate_views", "posts_per_week", "score")


def history_svg(history: History, lang: str, width: int = 680, height: int = 120) -> str:
    """The follower series as a small inline SVG line, spikes marked in red and drops in orange."""
    e = html.escape
    points = history.series
    pad_l, pad_r, pad_t, pad_b = 6, 70, 10, 22
    xs = [p[0].toordinal() for p in points]
    ys = [p[1] for p in points]
    x0, x1 = min(xs), max(xs)
    y0, y1 = min(ys), max(ys)
    span_x = (x1 - x0) or 1
    span_y = (y1 - y0) or 1

    def at(day: Any, value: float) -> tuple[float, float]:
        x = pad_l + (day.toordinal() - x0) / span_x * (width - pad_l - pad_r)
        y = pad_t + (1 - (value - y0) / span_y) * (height - pad_t - pad_b)
        return x, y

    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in (at(d, v) for d, v in points))
    out = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img">',
           f'<polyline points="{line}" fill="none" stroke="#1F3A5F" stroke-width="2"/>']
    values = dict(points)
    for ev in history.events:
        value = values.get(ev.end)
        if value is None:
            continue
        x, y = at(ev.end, value)
        colour = "#b42318" if ev.kind == "spike" else "#d9822b"
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>')
        word = report_label("spike" if ev.kind == "spike" else "drop", lang)
        out.append(f'<text x="{x - 9:.1f}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
                   f'fill="{colour}">{e(word)}</text>')

    from .campaign.report_text import day, num

    last_x, last_y = at(points[-1][0], points[-1][1])
    out.append(f'<text x="{last_x + 6:.1f}" y="{last_y + 4:.1f}" font-size="11" fill="#1f2933">'
               f'{e(num(points[-1][1], lang))}</text>')
    out.append(f'<text x="{pad_l}" y="{height - 6}" font-size="11" fill="#616e7c">{e(day(points[0][0], lang))}</text>')
    out.append(f'<text x="{width - pad_r}" y="{height - 6}" text-anchor="end" font-size="11" fill="#616e7c">'
               f'{e(day(points[-1][0], lang))}</text>')
    out.append("</svg>")
    return "".join(out)


def card_html(card: Card) -> str:
    e = html.escape
    lang = card.lang
    title = cell_text("creator", card.name)
    out = ["<!DOCTYPE html>", f'<html lang="{e(lang)}"><head><meta charset="utf-8">', f"<title>{e(title)}</title>",
           f"<style>{CARD_STYLE}</style></head><body>", '<div class="card">', f"<header><h1>{e(title)}</h1>"]
    if card.best.get("score") is not None:
        score = card.best["score"]
        shown = _number(float(score), lang) if isinstance(score, int | float) else str(score)
        out.append(f'<p class="score">{e(shown)} / 100</p>')
    out.append("</header>")
    columns = _columns(card)
    out.append("<table><thead><tr>" + "".join(
        f'<th{" class=num" if c in NUMERIC_CARD else ""}>{e(h)}</th>' for c, h in columns) + "</tr></thead><tbody>")
    names = [c for c, _ in columns]
    for row in card.networks:
        cells = row_cells(names, _network_value(row), row.get("profile_url"), e, html_link, lang)
        out.append("<tr>" + "".join(f'<td{" class=num" if c in NUMERIC_CARD else ""}>{t}</td>'
                                    for c, t in zip(names, cells, strict=True)) + "</tr>")
    out.append("</tbody></table><dl>")
    flags_label = report_label("flags", lang)
    for label, text in card.facts():
        css = ' class="flags"' if label == flags_label else ""
        out.append(f"<dt>{e(label)}</dt><dd{css}>{e(cell_text('', text))}</dd>")
    out.append("</dl>")
    best = card.best_posts()
    if best:
        out.append(f"<h2>{e(report_label('best_posts', lang))}</h2><ul class=\"posts\">")
        for p in best:
            text = p.text(lang)
            out.append(f'<li><a href="{e(p.url)}" rel="noopener noreferrer">{e(text)}</a></li>' if p.url
                       else f"<li>{e(text)}</li>")
        out.append("</ul>")
    if card.histories:
        out.append(f"<h2>{e(report_label('follower_history', lang))}</h2>")
        for key, history in card.histories.items():
            platform, handle = key.split(":", 1)
            caption = f"{platform_name(platform)} @{handle}"
            events = _events_text(history, lang)
            if events:
                caption += f" — {events}"
            out.append(f"<figure><figcaption>{e(caption)}</figcaption>{history_svg(history, lang)}</figure>")
    out.append("</div></body></html>")
    return "\n".join(out) + "\n"


def write_cards(cards: list[Card], directory: str, lang: str | None = None) -> list[str]:
    """Write <slug>.md and <slug>.html per card into `directory` (created); returns the paths. `lang`
    overrides the cards' own language."""
    from .errors import InfluError
    from .io.write import atomic_output

    folder = Path(directory)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InfluError(f"cannot create the cards folder: {exc}", file=directory) from None
    written: list[str] = []
    used: set[str] = set()
    for card in cards:
        if lang:
            card.lang = lang
        base = slug(card.name, 60) or "creator"
        name, n = base, 2
        while name in used:
            name, n = f"{base}-{n}", n + 1
        used.add(name)
        for suffix, text in (("md", card_markdown(card)), ("html", card_html(card))):
            path = str(folder / f"{name}.{suffix}")
            with atomic_output(path, binary=False) as fh:
                fh.write(text)
            written.append(path)
    return written
