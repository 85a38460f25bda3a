"""Identity cards (the agency "cartographie"): one per shortlisted creator, in Markdown and HTML.

A creator's networks are the rows of the full scored list that share its `creator` name (accents and
case ignored; the handle when the name is empty). Each card lists the networks with followers and
engagement, the favourite network (the one with the largest engaged audience: followers x ER, or
followers when ER is unknown), category and content types, posting frequency, best posts, brands
worked with, flags, and the score with its reasons. Text is formula-neutralised; HTML is escaped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .fit import BRAND_HINTS, CONTENT_HINTS
from .selection import HTML_STYLE, _md, cell_text, html_link, md_link, row_cells
from .table import Table
from .text import fold_key


@dataclass
class Card:
    name: str
    networks: list[dict[str, Any]]  # rows of the creator, best score first
    best: dict[str, Any]  # the shortlisted row
    content: list[str] = field(default_factory=list)
    brands: list[str] = field(default_factory=list)

    @property
    def favourite(self) -> dict[str, Any]:
        def engaged(row: dict[str, Any]) -> float:
            f = row.get("followers") or 0
            er = row.get("engagement_rate")
            return float(f) * float(er) if isinstance(er, int | float) else float(f) * 1e-9

        return max(self.networks, key=engaged)

    def facts(self) -> list[tuple[str, str]]:
        """(label, text) lines shown under the networks, only those with data."""
        fav = self.favourite
        b = self.best
        out = [
            ("Favourite network", f"{fav.get('platform') or '?'} (@{fav.get('handle') or '?'})"),
            ("Category", _join(r.get("category") for r in self.networks)),
            ("Content types", ", ".join(self.content)),
            ("Posting frequency", _join(
                f"{r.get('platform')}: {r['posts_per_week']:g} posts/week" for r in self.networks
                if isinstance(r.get("posts_per_week"), int | float))),
            ("Best posts", _join(r.get("best_posts") for r in self.networks)),
            ("Brands worked with", ", ".join(self.brands)),
            ("Flags", _join(r.get("flag_reasons") or r.get("flags") for r in self.networks)),
            ("Country", _join(r.get("country") for r in self.networks)),
            ("Contact", _join(r.get("email") for r in self.networks)),
            ("Score", f"{b.get('score')} / 100 (fit {b.get('fit_score')}, rank {b.get('rank')}, "
                      f"confidence {b.get('confidence')})" if b.get("score") is not None else ""),
            ("Reasons", str(b.get("reasons") or "")),
        ]
        return [(label, text) for label, text in out if text]


def _join(values: Any) -> str:
    seen: list[str] = []
    for v in values:
        if v is None or v == "":
            continue
        text = "; ".join(str(x) for x in v) if isinstance(v, list | tuple) else str(v)
        if text not in seen:
            seen.append(text)
    return " | ".join(seen)


def _group_key(row: dict[str, Any]) -> str:
    return fold_key(row.get("creator") or "") or f"@{row.get('platform')}:{row.get('handle')}"


def build_cards(shortlist: Table, full: Table | None = None) -> list[Card]:
    """One card per distinct creator of the shortlist, in shortlist order."""
    full = full if full is not None else shortlist
    rows = list(full.rows(full.columns))
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row.get("duplicate_of"):
            continue
        groups.setdefault(_group_key(row), []).append(row)
    content_cols = [c for c in full.extra_columns if any(h in fold_key(c) for h in CONTENT_HINTS)
                    and not any(h in fold_key(c) for h in BRAND_HINTS)]
    brand_cols = [c for c in full.extra_columns if any(h in fold_key(c) for h in BRAND_HINTS)]
    brand_cols += [c for c in ("brands", "collaborations") if c in full.data]
    content_cols += [c for c in ("content_types",) if c in full.data]
    cards: list[Card] = []
    done: set[str] = set()
    for best in shortlist.rows(shortlist.columns):
        k = _group_key(best)
        if k in done:
            continue
        done.add(k)
        networks = groups.get(k) or [best]
        networks = sorted(networks, key=lambda r: -(r.get("score") or 0))
        name = str(best.get("creator") or best.get("handle") or "?")
        content = _split_values(r.get(c) for r in networks for c in content_cols)
        brands = _split_values(r.get(c) for r in networks for c in brand_cols)
        cards.append(Card(name, networks, best, content, brands))
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


def slug(name: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", fold_key(name)).strip("-")
    return s[:60] or "creator"


NETWORK_COLUMNS = (("platform", "Network"), ("handle", "Account"), ("followers", "Followers"),
                   ("engagement_rate", "ER"), ("tier", "Tier"), ("score", "Score"))


def card_markdown(card: Card) -> str:
    lines = [f"# {_md(cell_text('creator', card.name))}", "", "| " + " | ".join(h for _, h in NETWORK_COLUMNS) + " |",
             "|---|---|---:|---:|---|---:|"]
    names = [c for c, _ in NETWORK_COLUMNS]
    for row in card.networks:
        lines.append("| " + " | ".join(row_cells(names, row.get, row.get("profile_url"), _md, md_link)) + " |")
    lines.append("")
    lines += [f"- **{label}**: {_md(cell_text('', text))}" for label, text in card.facts()]
    return "\n".join(lines) + "\n"


def card_html(card: Card) -> str:
    e = html.escape
    title = cell_text("creator", card.name)
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">', f"<title>{e(title)}</title>",
           f"<style>{HTML_STYLE}</style></head><body>", '<div class="card">', f"<h1>{e(title)}</h1>"]
    if card.best.get("score") is not None:
        out.append(f'<p class="score">{e(str(card.best.get("score")))} / 100</p>')
    out.append("<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for _, h in NETWORK_COLUMNS) + "</tr></thead><tbody>")
    names = [c for c, _ in NETWORK_COLUMNS]
    for row in card.networks:
        cells = row_cells(names, row.get, row.get("profile_url"), e, html_link)
        out.append("<tr>" + "".join(f"<td>{t}</td>" for t in cells) + "</tr>")
    out.append("</tbody></table><dl>")
    for label, text in card.facts():
        css = ' class="flags"' if label == "Flags" else ""
        out.append(f"<dt>{e(label)}</dt><dd{css}>{e(cell_text('', text))}</dd>")
    out.append("</dl></div></body></html>")
    return "\n".join(out) + "\n"


def write_cards(cards: list[Card], directory: str) -> list[str]:
    """Write <slug>.md and <slug>.html per card into `directory` (created); returns the paths."""
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
        base = slug(card.name)
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
