"""The disclosure check: is each sponsored post labelled as the law asks, and does it promote something
banned? French law 2023-451 (as amended by ordonnance 2024-978) and the ARPP first; FTC (us), ASA/CAP (uk)
and EU rules on request.

    check(path_or_table, rules=("fr", "us"), brand=None, lang=None) -> CheckResult   # one row per post
    check_post(caption, platform=..., paid_partnership=...) -> Verdict                  # one caption

Every row is taken as a commercial post (the campaign's deliverables). Per rule set, the caption's labels
(lexicon.LABELS, found by scan.Scan) give the disclosure:
    ok            a label the rule set accepts, visible before the platform's "more" cut (or the
                  platform's paid-partnership flag)
    late          such a label, but only after the cut (thresholds.compliance.CUTS)
    insufficient  only labels the rule set does not accept: ambiguous (#collab, #sp, merci @marque,
                  #gifted...), foreign-language, or (French posts published before ordonnance 2024-978)
                  an equivalent instead of "Publicité"/"Collaboration commerciale"
    missing       no label at all
The worst over the chosen rule sets is the row's `disclosure`. Rules that fail or block are in
`compliance` with one reason each (and its source) in `compliance_reasons`; what a checker cannot decide
(context, the video itself, an age gate, a registration) is in `compliance_warnings`, never a silent pass.
docs/compliance.md lists every rule.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from ..labels import PLATFORM_NAMES
from ..table import Table
from ..text import count, fold, fold_key
from ..thresholds.compliance import (
    LAW_2023_451_IN_FORCE,
    MAX_ROWS_NAMED,
    MINOR_AGE,
    ORD_2024_978_IN_FORCE,
    PROXIMITY_WINDOW,
    TAG_BLOCK_MIN,
    THANKS_WINDOW,
    Cut,
    cut_for,
)
from . import lexicon as L
from .posts import (
    VIDEO_FORMATS,
    Grid,
    parse_age,
    parse_flag,
    parse_format,
    parse_post_link,
    read_grids,
    text_cell,
)
from .rules import DISCLOSURES, LEVELS, RULE_SETS, message, note, parse_rule_sets
from .scan import Hit, Scan, Terms, compile_terms, detect_lang

if TYPE_CHECKING:
    from ..brand import Brand

# the output columns, in order, before the input's own
COLUMNS = ("platform", "post_format", "post_url", "handle", "published_on", "disclosure", "disclosure_mention",
           "compliance", "compliance_level", "compliance_reasons", "compliance_warnings")
SEPARATOR = " | "  # between reasons in one cell

_VALID = frozenset({"legal", "ad", "abbrev", "sponsored", "paid", "partnership"})
_STRONG = frozenset({"legal", "ad", "sponsored", "paid"})  # unequivocal in any language
_WEAK = frozenset({"gift", "affiliate", "ambiguous", "thanks"})


@dataclass(frozen=True)
class Finding:
    rule: str
    level: str  # block | fail | warn
    reason: str


@dataclass(frozen=True)
class Mention:
    text: str  # as written
    kind: str  # lexicon kind, or "thanks"
    lang: str
    where: str  # caption | title | overlay
    visible: bool  # before the "more" cut (title and overlay: always)
    buried: bool  # inside the closing block of hashtags
    start: int = 0  # where it starts in its text (0-based character offset)
    of: int = 0  # the length of its text (the caption's, for a caption's label)


@dataclass
class Verdict:
    """The check of one post."""

    disclosure: str | None  # ok | late | insufficient | missing; None when nothing could be checked
    level: str  # ok | warn | fail | block
    findings: list[Finding]
    notes: list[str]
    mentions: list[str]  # labels found, as written ("#collab", "merci @marque", "paid-partnership label")
    lang: str  # language of the reasons
    by_rule_set: dict[str, str | None] = field(default_factory=dict)  # disclosure per rule set
    labels: list[str] = field(default_factory=list)  # the mentions that are a disclosure label (not "#cadeau")

    @property
    def rules(self) -> list[str]:
        """Ids of the rules that fail or block, in order, once each."""
        return list(dict.fromkeys(f.rule for f in self.findings if f.level != "warn"))

    @property
    def reasons(self) -> list[str]:
        return list(dict.fromkeys(f.reason for f in self.findings if f.level != "warn"))

    @property
    def warnings(self) -> list[str]:
        return list(dict.fromkeys([*(f.reason for f in self.findings if f.level == "warn"), *self.notes]))

    @property
    def status(self) -> str:
        """The post's one compliance status (`compliance_status`)."""
        return compliance_status(self)

    def to_dict(self) -> dict[str, Any]:
        return {"disclosure": self.disclosure, "level": self.level, "rules": self.rules, "reasons": self.reasons,
                "warnings": self.warnings, "mentions": self.mentions, "by_rule_set": self.by_rule_set,
                "lang": self.lang, "status": self.status}


# The one status a report states of a post, wherever it states it (posts' table, chart, analysis,
# conclusion, recommendations; every format): what the caption lacks or breaks makes it "not_compliant"
# (level fail or block: a banned promotion is a not compliant post), what only a person can judge
# (warnings: loi Evin content, the mention on the video...) "to_check", never "compliant" beside a "to
# check"; a post without any text to read (no caption, title nor on-screen text in the sheet) is
# "not_checked", even with the platform's paid-partnership label set (the label's own warnings stay with it).
STATUSES = ("compliant", "to_check", "not_compliant", "not_checked")


def compliance_status(verdict: Verdict | None) -> str:
    """`verdict`'s status among STATUSES (None, nothing checked: "not_checked")."""
    if verdict is None or verdict.disclosure is None:
        return "not_checked"
    if verdict.level in ("fail", "block"):
        return "not_compliant"
    return "to_check" if verdict.level == "warn" else "compliant"


# ------------------------------------------------------------------------------------ one caption


@cache
def _label_terms() -> Terms:
    return compile_terms(tuple((lab.phrase, lab.where) for lab in L.LABELS))


_LABEL_OF = {lab.phrase: lab for lab in L.LABELS}


@cache
def _topic_terms() -> Terms:
    """Every phrase the banned-promotion rules look for, compiled once (one pass per text)."""
    phrases: list[str] = []
    for topic in L.TOPICS:
        phrases += [*topic.strong, *topic.weak, *topic.contextual, *topic.context, *topic.unless, *topic.exempt,
                    *topic.sectors]
    phrases += [*L.ALCOHOL_MESSAGE, *L.FOOD_MESSAGE, *L.CPF_INFO, *L.CLAIM_VERBS, *L.CLAIM_TREATMENTS,
                *L.RETOUCHED_MENTION, *L.VIRTUAL_MENTION, *L.RETOUCH_CUES]
    return compile_terms(tuple((p, "any") for p in dict.fromkeys(phrases)))


class _Found:
    """The topic phrases found in one text, looked up by phrase list."""

    def __init__(self, scan: Scan) -> None:
        self.hits = scan.find(_topic_terms(), mentions=True)

    def __call__(self, phrases: Sequence[str], mentions: bool = False) -> list[Hit]:
        wanted = set(phrases)
        return [h for h in self.hits if h.term in wanted and (mentions or not h.text.startswith("@"))]


def visible_end(text: str, cut: Cut) -> int:
    """Character offset where the caption is cut behind "more" (len(text) when it is not)."""
    end = len(text)
    if cut.lines is not None:
        pos = -1
        for _ in range(cut.lines):
            pos = text.find("\n", pos + 1)
            if pos < 0:
                break
        if pos >= 0:
            end = min(end, pos)
    if cut.chars is not None:
        end = min(end, cut.chars)
    return end


def _describe_cut(cut: Cut, platform: str | None, lang: str) -> str:
    where = PLATFORM_NAMES.get(platform or "") or ("plateforme inconnue" if lang == "fr" else "unknown platform")
    if lang == "fr":
        return f"{where} : {cut.chars} caractères" + (f" ou {cut.lines} lignes" if cut.lines else "")
    return f"{where}: {cut.chars} characters" + (f" or {cut.lines} lines" if cut.lines else "")


class _Post:
    """A caption and what is known about its post, analysed once for every rule set."""

    def __init__(self, caption: str, *, platform: str | None, media_format: str | None, flag: bool | None,
                 overlay: str | None, title: str | None, published: dt.date | None, handle: str | None,
                 brand: Brand | None, age: int | None, paid: bool | None = None) -> None:
        self.caption = caption
        self.paid = paid  # the creator was paid for the post (a fee agreed); None: unknown
        self.platform = platform
        self.format = media_format
        self.flag = flag
        self.overlay = overlay
        self.title = title
        self.published = published
        self.handle = handle
        self.brand = brand
        self.age = age
        story = media_format == "story"
        self.cut = Cut(None, None, "story") if story else cut_for(platform, media_format)
        self.scans = {"caption": Scan(caption)}
        if title:
            self.scans["title"] = Scan(title)
        if overlay:
            self.scans["overlay"] = Scan(overlay)
        self.all_text = "\n".join(t for t in (title, caption, overlay) if t)
        self.caption_lang = detect_lang(self.all_text)
        self.visible_end = visible_end(caption, self.cut)
        self.negated: list[str] = []  # labels the post's text negates ("pas sponsorisé"), as evidence
        self.mentions = self._mentions()

    # -------------------------------------------------------------------------------- labels

    def _mentions(self) -> list[Mention]:
        out: list[Mention] = []
        brand_key = fold_key(self.brand.name).replace(" ", "") if self.brand else ""
        for where, scan in self.scans.items():
            found = scan.find(_label_terms())
            hits = [h for h in found if not h.negated]
            self.negated += [h.text for h in found if h.negated]  # (a story's text is on its image)
            block = scan.trailing_tag_block(TAG_BLOCK_MIN) if where == "caption" else None
            for h in _merge(_outermost(hits)):
                lab = _LABEL_OF[h.term]
                out.append(self._mention(h, lab.kind, lab.lang, where, block))
            for h, what in scan.mentions_after(L.THANKS, THANKS_WINDOW):
                # "thanks @x for the early copy": a thing received, i.e. a gift said in words
                out.append(self._mention(h, "gift" if what else "thanks",
                                         "en" if fold(h.text).startswith("th") else "fr", where, block))
            for start, end, pieces in scan.hashtags():
                first = pieces[0].fold
                rest = "".join(p.fold for p in pieces[1:])
                compact = "".join(p.fold for p in pieces)
                thanks = next((t for t in ("merci", "thanks", "thank", "thx", "danke", "gracias", "grazie")
                               if compact.startswith(t)), None)
                if thanks is None:
                    continue
                tail = rest if first == thanks else compact[len(thanks):]
                if (brand_key and tail == brand_key) or (len(pieces) > 1 and first == thanks
                                                         and pieces[1].fold not in L.THANKS_NOT_BRAND):
                    h = Hit("thanks", scan.text[start:end].strip(".,;:!?"), start, end, False, True)
                    out.append(self._mention(h, "thanks", "fr" if thanks == "merci" else "en", where, block))
        return out

    def _mention(self, h: Hit, kind: str, lang: str, where: str, block: int | None) -> Mention:
        visible = where != "caption" or h.end <= self.visible_end
        buried = block is not None and h.start >= block
        return Mention(h.text, kind, lang, where, visible, buried, h.start, len(self.scans[where].text))

    # -------------------------------------------------------------------------------- helpers

    def is_video(self) -> bool:
        fmt = self.format
        if fmt is None and self.platform in ("tiktok", "youtube"):
            return True
        return fmt in VIDEO_FORMATS

    def overlay_has(self, mentions: list[Mention]) -> bool:
        return any(m.where == "overlay" for m in mentions)

    def signals(self, lang: str) -> str:
        """Commercial signals in the post's text, caption, title or the words on the image (a story's): a promo
        code, a discount, a link in bio, mentions, as evidence."""
        text = self.all_text
        found: list[str] = []
        code = re.search(r"\bcode(?:\s+promo)?\s*:?\s*[«\"']?([A-Z][A-Z0-9]{2,}|[A-Z0-9]*\d[A-Z0-9]*[A-Z][A-Z0-9]*)\b",
                         text, re.IGNORECASE)
        if code and code.group(1).isupper():
            found.append(("code promo " if lang == "fr" else "promo code ") + code.group(1))
        pct = re.search(r"-\s?\d{1,2}\s?%", text)
        if pct:
            found.append(pct.group(0).replace(" ", ""))
        if re.search(r"lien (?:en|dans (?:la|ma)) bio|link in (?:my )?bio|swipe up", fold(text)):
            found.append("lien en bio" if lang == "fr" else "link in bio")
        ats = list(dict.fromkeys(m.group(0) for m in re.finditer(r"@[\w.]+\w", text)))[:2]
        found.extend(ats)
        if self.negated:
            said = ", ".join(f"« {t} »" if lang == "fr" else f"'{t}'" for t in self.negated[:2])
            found.append(f"la légende dit {said}" if lang == "fr" else f"the caption says {said}")
        return note("signals", lang, signals=", ".join(found)) if found else ""


def _outermost(hits: list[Hit]) -> list[Hit]:
    """Drop hits inside a longer one ("collaboration" inside "collaboration commerciale")."""
    ordered = sorted(hits, key=lambda h: (-(h.end - h.start), -len(h.term)))
    kept: list[Hit] = []
    for h in ordered:
        if any(k.start <= h.start and h.end <= k.end and (k.end - k.start > h.end - h.start or len(k.term) > len(h.term)
                                                          or k.tag) for k in kept):
            continue
        kept.append(h)
    return sorted(kept, key=lambda h: h.start)


def _merge(hits: list[Hit]) -> list[Hit]:
    """One hit for overlapping phrases of one kind ("Produit offert par" = "produit offert" + "offert par")."""
    out: list[Hit] = []
    for h in hits:
        prev = out[-1] if out else None
        if (prev is not None and h.start < prev.end and not h.tag and not prev.tag
                and _LABEL_OF[h.term].kind == _LABEL_OF[prev.term].kind):
            end = max(prev.end, h.end)
            text = prev.text if prev.end >= h.end else prev.text + h.text[len(h.text) - (h.end - prev.end):]
            out[-1] = Hit(prev.term, text, prev.start, end, prev.negated, False)
        else:
            out.append(h)
    return out


def _quote(mentions: Sequence[Mention]) -> str:
    return ", ".join(dict.fromkeys(m.text for m in mentions))


def _first(mentions: Sequence[Mention]) -> str:
    return mentions[0].text if mentions else ""


def _at(mentions: Sequence[Mention], lang: str) -> str:
    """Where the first of `mentions` sits in its text, for a reason on its placement: "at character 137 of
    139" / "au caractère 137 sur 139" (counted from 1, as the platform's cut counts its characters)."""
    from .report_text import num

    m = mentions[0] if mentions else None
    return note("position", lang, n=num(m.start + 1, lang), of=num(m.of, lang)) if m is not None else ""


def _placed(post: _Post, labels: Sequence[Mention], rule: str, lang: str, out: list[Finding]) -> None:
    """The placement rule (FR-02, US-03, UK-03, EU-04) for the labels of a post's text when the platform's
    paid-partnership label, which shows upfront by itself, discloses it: a label only after the "more" cut,
    or whose every visible occurrence is lost in the closing block of hashtags, is named with its position
    (a warning: the post is disclosed, its written label is not where the rule set wants it)."""
    if not labels:
        return
    shown = [m for m in labels if m.visible]
    if not shown:
        out.append(Finding(rule, "warn", message(rule, "flag-late", lang, mention=_first(labels), at=_at(labels, lang),
                                                 cut=_describe_cut(post.cut, post.platform, lang))))
    elif all(m.buried for m in shown):
        out.append(Finding(rule, "warn", message(rule, "buried", lang, mention=_first(shown), at=_at(shown, lang))))


# -------------------------------------------------------------------------------------- rule sets


def _fr(post: _Post, lang: str) -> tuple[str, list[Finding]]:
    out: list[Finding] = []
    ms = post.mentions
    old_text = post.published is not None and LAW_2023_451_IN_FORCE <= post.published < ORD_2024_978_IN_FORCE
    french = [m for m in ms if m.lang == "fr" and m.kind in _VALID]
    valid = [m for m in french if m.kind == "legal"] if old_text else french
    foreign = [m for m in ms if m.lang != "fr" and m.kind in _VALID and m.kind != "partnership"]
    weak = [m for m in ms if m.kind in _WEAK or (m.kind == "partnership" and m.lang != "fr")]
    date = (post.published.strftime("%d/%m/%Y") if lang == "fr" else post.published.isoformat()) \
        if post.published else ""
    if post.published is not None and post.published < LAW_2023_451_IN_FORCE:
        out.append(Finding("FR-01", "warn", message("FR-01", "before-law", lang, date=date)))
    visible = [m for m in valid if m.visible]
    if post.flag:
        if old_text and not valid:
            out.append(Finding("FR-01", "fail", message("FR-01", "old-text", lang, date=date,
                                                         mention="Partenariat rémunéré")))
            return "insufficient", out
        # the written mention beside it, after the cut or buried: a French one, or on a caption written in
        # another language its own label (FR-03's case)
        _placed(post, valid or [m for m in foreign if post.caption_lang not in (None, "fr")], "FR-02", lang, out)
        return "ok", out
    if visible and post.negated:  # "ce n'est pas sponsorisé ... #pub": the label and its denial
        denied = ", ".join(f"« {t} »" if lang == "fr" else f"'{t}'" for t in post.negated[:2])
        out.append(Finding("FR-01", "warn", message("FR-01", "denied", lang, denied=denied,
                                                    mention=_first(visible))))
    if visible:
        shown = [m for m in visible if not m.buried] or visible
        if all(m.buried for m in visible):
            out.append(Finding("FR-02", "warn", message("FR-02", "buried", lang, mention=_first(visible),
                                                        at=_at(visible, lang))))
        if all(m.kind == "abbrev" for m in shown):
            out.append(Finding("FR-01", "warn", message("FR-01", "abbrev", lang, mention=_first(shown))))
        _video_fr(post, valid, lang, out, old_text, date)
        return "ok", out
    if valid:
        out.append(Finding("FR-02", "fail", message("FR-02", "late", lang, mention=_first(valid), at=_at(valid, lang),
                                                     cut=_describe_cut(post.cut, post.platform, lang))))
        return "late", out
    if french and old_text:
        out.append(Finding("FR-01", "fail", message("FR-01", "old-text", lang, date=date, mention=_first(french))))
        _context(post, lang, out)
        return "insufficient", out
    if foreign:
        if post.caption_lang not in (None, "fr") and all(m.lang == post.caption_lang or m.lang == "en"
                                                          for m in foreign):
            out.append(Finding("FR-03", "warn", message("FR-03", "foreign-caption", lang, mention=_quote(foreign))))
            if any(m.visible for m in foreign):
                _video_fr(post, foreign, lang, out, old_text, date)
                return "ok", out
            out.append(Finding("FR-02", "fail", message("FR-02", "late", lang, mention=_first(foreign),
                                                         at=_at(foreign, lang),
                                                         cut=_describe_cut(post.cut, post.platform, lang))))
            return "late", out
        out.append(Finding("FR-03", "fail", message("FR-03", "foreign", lang, mention=_quote(foreign))))
        _context(post, lang, out)
        return "insufficient", out
    if weak:
        out.append(Finding("FR-04", "fail", message("FR-04", "ambiguous", lang, mention=_quote(weak))))
        _context(post, lang, out)
        return "insufficient", out
    out.append(Finding("FR-01", "fail", message("FR-01", "missing", lang, signals=post.signals(lang))))
    if post.flag is False:
        out.append(Finding("FR-01", "warn", message("FR-01", "flag-off", lang)))
    _context(post, lang, out)
    return "missing", out


def _context(post: _Post, lang: str, out: list[Finding]) -> None:
    """The law's exception ("unless it follows from the context"), which a checker cannot judge."""
    brand = fold_key(post.brand.name).replace(" ", "") if post.brand else ""
    handle = fold_key(post.handle or "").replace(" ", "")
    if brand and handle and (handle == brand or handle.startswith(brand)):
        out.append(Finding("FR-01", "warn", message("FR-01", "own-account", lang, mention="@" + (post.handle or ""))))
    else:
        out.append(Finding("FR-01", "warn", message("FR-01", "context", lang)))


def _video_fr(post: _Post, valid: list[Mention], lang: str, out: list[Finding], old_text: bool, date: str) -> None:
    if not post.is_video() or post.overlay_has(valid):
        return
    fmt = _format_name(post, lang)
    if old_text and post.overlay:
        out.append(Finding("FR-05", "fail", message("FR-05", "video-2023", lang, format=fmt, date=date)))
    else:
        out.append(Finding("FR-05", "warn", message("FR-05", "video", lang, format=fmt, where=_places(valid, lang))))


_PLACES = {"caption": ("la légende", "the caption"), "title": ("le titre", "the title")}


def _places(mentions: list[Mention], lang: str) -> str:
    """Where the mentions were found, off the video: "la légende", "the title", "the title and the caption"."""
    found = [w for w in _PLACES if any(m.where == w for m in mentions)] or ["caption"]
    words = [_PLACES[w][lang == "en"] for w in found]
    return (" et " if lang == "fr" else " and ").join(words)


def _format_name(post: _Post, lang: str) -> str:
    """"Reel Instagram" in French, "Instagram Reel" in English (`labels.format_on`); a video by default."""
    from ..labels import format_on

    return format_on(post.format or "video", post.platform, lang)


def _accepted_in(m: Mention, post: _Post, kinds: frozenset[str]) -> bool:
    """An English label, or a label in the caption's own language (FTC: the endorsement's language)."""
    return m.kind in kinds and (m.lang == "en" or (post.caption_lang is not None and m.lang == post.caption_lang))


def _us(post: _Post, lang: str) -> tuple[str, list[Finding]]:
    out: list[Finding] = []
    ms = post.mentions
    valid = [m for m in ms if _accepted_in(m, post, _STRONG)]
    gifts = [m for m in ms if _accepted_in(m, post, frozenset({"gift"}))]
    foreign = [m for m in ms if m.kind in _STRONG and m not in valid]
    weak = [m for m in ms if m.kind in _WEAK | {"partnership", "abbrev"} and m not in gifts]
    cut = _describe_cut(post.cut, post.platform, lang)
    verdict: str
    if post.flag and not [m for m in valid if m.visible]:
        # the platform's label discloses it; what the text says beside it: a label after the cut (named with
        # its position), a gift's label, labels that do not say it is an ad, or nothing ("only" the flag)
        late = [m for m in valid + ([] if post.paid else gifts) if not m.visible]
        if late:
            _placed(post, late, "US-03", lang, out)
        elif [m for m in gifts if m.visible] and not post.paid:
            out.append(Finding("US-02", "warn", message("US-02", "gift", lang, mention=_first(gifts))))
        elif gifts or foreign or weak:
            out.append(Finding("US-06", "warn", message("US-06", "flag-weak", lang,
                                                        mention=_quote(gifts + foreign + weak))))
        else:
            out.append(Finding("US-06", "warn", message("US-06", "flag-only", lang)))
        verdict = "ok"
    elif [m for m in valid if m.visible]:
        visible = [m for m in valid if m.visible]
        if all(m.buried for m in visible):
            out.append(Finding("US-03", "warn", message("US-03", "buried", lang, mention=_first(visible),
                                                        at=_at(visible, lang))))
        verdict = "ok"
    elif [m for m in gifts if m.visible] and not post.paid:
        out.append(Finding("US-02", "warn", message("US-02", "gift", lang, mention=_first(gifts))))
        verdict = "ok"
    elif valid or (gifts and not post.paid):
        out.append(Finding("US-03", "fail", message("US-03", "late", lang, mention=_first(valid or gifts),
                                                     at=_at(valid or gifts, lang), cut=cut)))
        return "late", out
    elif gifts:  # a paid creator's "#gifted": the connection is a payment, which the label hides
        out.append(Finding("US-02", "fail", message("US-02", "gift-paid", lang, mention=_quote(gifts))))
        return "insufficient", out
    elif foreign:
        out.append(Finding("US-01", "fail", message("US-01", "foreign", lang, mention=_quote(foreign))))
        return "insufficient", out
    elif weak:
        out.append(Finding("US-02", "fail", message("US-02", "ambiguous", lang, mention=_quote(weak))))
        return "insufficient", out
    else:
        out.append(Finding("US-01", "fail", message("US-01", "missing", lang, signals=post.signals(lang))))
        return "missing", out
    if post.format == "live":
        out.append(Finding("US-05", "warn", message("US-05", "live", lang)))
    elif post.is_video() and not post.flag and not post.overlay_has(valid + gifts):
        if post.platform == "tiktok" and post.overlay:
            out.append(Finding("US-04", "fail", message("US-04", "tiktok", lang)))
            return "insufficient", out
        out.append(Finding("US-04", "warn", message("US-04", "video", lang, format=_format_name(post, lang))))
    return verdict, out


def _uk(post: _Post, lang: str) -> tuple[str, list[Finding]]:
    """The ASA's labels are English ("Ad", "#ad", "Advertisement feature"): a label in another language
    only, whatever the caption's, is insufficient (UK-01)."""
    out: list[Finding] = []
    ms = post.mentions
    ads = [m for m in ms if m.lang == "en" and m.kind in ("ad", "legal")]
    others = [m for m in ms if m.lang == "en" and m.kind in ("sponsored", "paid")]
    gifts = [m for m in ms if m.lang == "en" and m.kind == "gift"]
    foreign = [m for m in ms if m.kind in _STRONG and m not in ads + others]
    weak = [m for m in ms if m.kind in _WEAK | {"partnership", "abbrev"} and m not in gifts]
    cut = _describe_cut(post.cut, post.platform, lang)
    paid_gifts, gifts = (gifts, []) if post.paid else ([], gifts)  # "#gifted" fits a pure gift only (UK-02)
    for group, variant in ((ads, None), (others, "not-ad"), (gifts, "gift")):
        shown = [m for m in group if m.visible]
        if shown:
            if variant:
                out.append(Finding("UK-02", "warn", message("UK-02", variant, lang, mention=_first(shown))))
            if all(m.buried for m in shown):
                out.append(Finding("UK-03", "warn", message("UK-03", "buried", lang, mention=_first(shown),
                                                            at=_at(shown, lang))))
            return "ok", out
    if post.flag:
        # the platform's label discloses it; what the text says beside it: a label after "see more" (named
        # with its position), labels the ASA does not take as "Ad", or nothing ("only" the platform's label)
        if ads or others or gifts:
            _placed(post, ads + others + gifts, "UK-03", lang, out)
        elif paid_gifts or foreign or weak:
            out.append(Finding("UK-02", "warn", message("UK-02", "flag-weak", lang,
                                                        mention=_quote(paid_gifts + foreign + weak))))
        else:
            out.append(Finding("UK-02", "warn", message("UK-02", "flag-only", lang)))
        return "ok", out
    if ads or others or gifts:
        out.append(Finding("UK-03", "fail", message("UK-03", "late", lang, mention=_first(ads + others + gifts),
                                                     at=_at(ads + others + gifts, lang), cut=cut)))
        return "late", out
    if paid_gifts:
        out.append(Finding("UK-02", "fail", message("UK-02", "gift-paid", lang, mention=_quote(paid_gifts))))
        return "insufficient", out
    if foreign:
        out.append(Finding("UK-01", "fail", message("UK-01", "foreign", lang, mention=_quote(foreign))))
        return "insufficient", out
    if weak:
        out.append(Finding("UK-02", "fail", message("UK-02", "ambiguous", lang, mention=_quote(weak))))
        return "insufficient", out
    out.append(Finding("UK-01", "fail", message("UK-01", "missing", lang, signals=post.signals(lang))))
    return "missing", out


def _eu(post: _Post, lang: str) -> tuple[str, list[Finding]]:
    out: list[Finding] = []
    ms = post.mentions
    # a gift's label says a gift, which is the commercial intent of a gifted post; a paid creator's "#gifted"
    # says no payment happened, hiding the commercial intent the fee gives the post (UCPD art. 7(2))
    kinds = _STRONG | ({"abbrev"} if post.paid else {"abbrev", "gift"})
    valid = [m for m in ms if m.kind in kinds]
    gifts = [m for m in ms if m.kind == "gift"] if post.paid else []
    weak = [m for m in ms if m.kind in {"partnership", "affiliate", "ambiguous", "thanks"}]
    if post.flag is False and post.platform in ("instagram", "tiktok", "youtube", "facebook"):
        out.append(Finding("EU-01", "warn", message("EU-01", "no-flag", lang)))
    if post.flag:
        _placed(post, valid, "EU-04", lang, out)  # the written label beside it, after the cut or buried
        return "ok", out
    visible = [m for m in valid if m.visible]
    if visible:
        if all(m.buried for m in visible):
            out.append(Finding("EU-04", "warn", message("EU-04", "buried", lang, mention=_first(visible),
                                                        at=_at(visible, lang))))
        if post.caption_lang and all(m.lang != post.caption_lang for m in visible):
            out.append(Finding("EU-02", "warn", message("EU-02", "language", lang, mention=_first(visible))))
        return "ok", out
    if valid:
        out.append(Finding("EU-04", "fail", message("EU-04", "late", lang, mention=_first(valid), at=_at(valid, lang),
                                                     cut=_describe_cut(post.cut, post.platform, lang))))
        return "late", out
    if gifts:
        out.append(Finding("EU-02", "fail", message("EU-02", "gift-paid", lang, mention=_quote(gifts))))
        return "insufficient", out
    if weak:
        out.append(Finding("EU-02", "fail", message("EU-02", "generic", lang, mention=_quote(weak))))
        return "insufficient", out
    out.append(Finding("EU-03", "fail", message("EU-03", "missing", lang, signals=post.signals(lang))))
    return "missing", out


_EVALUATORS = {"fr": _fr, "us": _us, "uk": _uk, "eu": _eu}


# ----------------------------------------------------------------------------- banned promotions



def _likened(text: str, start: int, end: int, term: str) -> bool:
    """Whether `term`, found at text[start:end] (a token that may hold more: "botox-like"), is named as a
    comparison ("effet botox", "botox-like", "botox capillaire", "sans injection" right after):
    `lexicon.LIKENED_BEFORE` / `LIKENED_AFTER` on the folded words around it."""
    token, word = fold(text[start:end]), fold(term)
    at = max(0, token.find(word))
    before = fold(text[max(0, start - 30):start]) + " " + token[:at]
    after = token[at + len(word):] + " " + fold(text[end:end + 30])
    return bool(L.LIKENED_BEFORE.search(before) or L.LIKENED_AFTER.search(after))


def _topics(post: _Post, lang: str) -> list[Finding]:
    """FR-06..FR-18 from the caption, title and overlay, and from the brand profile."""
    out: list[Finding] = []
    scan = post.scans["caption"] if post.all_text == post.caption else Scan(post.all_text)
    found = _Found(scan)
    brand = post.brand
    sectors = list(brand.compliance.sectors) if brand else []
    registration = brand.compliance.registration if brand else ""
    by_rule: dict[tuple[str, str], dict[str, list[str]]] = {}

    def add(rule: str, key: str, level: str, terms: list[str]) -> None:
        slot = by_rule.setdefault((rule, key), {"block": [], "warn": []})
        for t in terms:
            if t not in slot[level]:
                slot[level].append(t)

    messages = [*found(L.ALCOHOL_MESSAGE), *found(L.FOOD_MESSAGE)]
    for topic in L.TOPICS:
        context = bool(topic.context and found(topic.context))
        hits = [h for h in found((*topic.strong, *topic.weak, *(topic.contextual if context else ())), mentions=True)
                if not any(m.start <= h.start and h.end <= m.end for m in messages)]  # "alcool" of the message
        if topic.unless and found(topic.unless):
            hits = [h for h in hits if h.term in topic.strong]
        emoji = [ch for ch in dict.fromkeys(post.all_text) if ch in topic.emoji] if topic.emoji else []
        if emoji:
            add(topic.rule, topic.key, "block" if context else "warn", emoji)
        if hits:
            exempt = bool(topic.exempt and found(topic.exempt))
            strong = set(topic.strong)
            procedure = topic.likened and any(not h.negated for h in found(L.PROCEDURE_CONTEXT))
            for h in _outermost(hits):
                is_strong = h.term in strong or context
                if h.negated and topic.negation_clears:
                    is_strong = False
                if is_strong and h.term in topic.likened and not procedure and _likened(post.all_text, h.start, h.end,
                                                                                         h.term):
                    is_strong = False  # "effet botox": the cosmetic's claim, not the procedure
                add(topic.rule, topic.key, "block" if is_strong and not exempt else "warn", [h.text])
        for sector in sectors:
            if _Found(Scan(sector))((*topic.sectors, *topic.strong)):
                add(topic.rule, topic.key, "block" if topic.strong else "warn", [note("sector", lang, sector=sector)])
    # FR-09: a claim verb near a treatment
    verbs = found(L.CLAIM_VERBS)
    treatments = found(L.CLAIM_TREATMENTS)
    for v in verbs:
        for t in treatments:
            if scan.words_within(v, t, PROXIMITY_WINDOW):
                start, end = min(v.start, t.start), max(v.end, t.end)
                add("FR-09", "substitution", "block", [post.all_text[start:end].strip()])
                break

    for (rule, key), levels in by_rule.items():
        terms_block, terms_warn = levels["block"], levels["warn"]
        terms = ", ".join(terms_block or terms_warn)
        if rule == "FR-08":
            out.append(Finding(rule, "block", message(rule, "block", lang, terms=terms)) if terms_block
                       else Finding(rule, "warn", message(rule, "warn", lang, terms=terms)))
        elif rule == "FR-09":
            out.append(Finding(rule, "block", message(rule, "block", lang, terms=terms)) if key == "substitution"
                       else Finding(rule, "warn", message(rule, "warn", lang, terms=terms)))
        elif rule in ("FR-10", "FR-13"):
            out.append(Finding(rule, "block", message(rule, "block", lang, terms=terms)) if terms_block
                       else Finding(rule, "warn", message(rule, "warn", lang, terms=terms)))
        elif rule == "FR-11":
            out.append(Finding(rule, "warn", message(rule, "warn", lang, terms=terms)))
        elif rule == "FR-12":
            if key == "contracts":
                out.append(Finding(rule, "block", message(rule, "contracts", lang, terms=terms)))
            elif key == "crypto" and registration:
                out.append(Finding(rule, "warn", message(rule, "crypto-registered", lang, terms=terms,
                                                         registration=registration)))
            elif key == "crypto":
                out.append(Finding(rule, "block", message(rule, "crypto", lang, terms=terms)))
            elif not any(r == "FR-12" and k != "finance" for r, k in by_rule):
                out.append(Finding(rule, "warn", message(rule, "finance", lang, terms=terms)))
        elif rule == "FR-14":
            if not re.search(L.AGE_MENTION, fold(post.all_text)):
                out.append(Finding(rule, "fail" if terms_block else "warn",
                                   message(rule, "age-mention", lang, terms=terms)))
            out.append(Finding(rule, "warn", message(rule, "age-gate", lang, terms=terms)))
        elif rule == "FR-15":
            if not found(L.ALCOHOL_MESSAGE):
                out.append(Finding(rule, "fail" if terms_block else "warn",
                                   message(rule, "message", lang, terms=terms)))
            out.append(Finding(rule, "warn", message(rule, "content", lang, terms=terms)))
        elif rule == "FR-16":
            if not found(L.FOOD_MESSAGE):
                out.append(Finding(rule, "warn", message(rule, "warn", lang, terms=terms)))
        elif rule == "FR-17":
            has_info = bool(found(L.CPF_INFO))
            out.append(Finding(rule, "warn" if has_info else "fail",
                               message(rule, "check" if has_info else "missing", lang, terms=terms)))
    # FR-06 / FR-07: retouched and virtual images
    if brand and brand.compliance.retouched_images and not found(L.RETOUCHED_MENTION):
        out.append(Finding("FR-06", "fail", message("FR-06", "missing", lang)))
    elif not (brand and brand.compliance.retouched_images):
        cues = [h for h in found(L.RETOUCH_CUES) if not h.negated]  # not "sans filtre"
        if cues and not found(L.RETOUCHED_MENTION):
            out.append(Finding("FR-06", "warn", message("FR-06", "cue", lang,
                                                         terms=", ".join(dict.fromkeys(h.text for h in cues)))))
    if brand and brand.compliance.virtual_images and not found(L.VIRTUAL_MENTION):
        out.append(Finding("FR-07", "fail", message("FR-07", "missing", lang)))
    if post.age is not None and post.age < MINOR_AGE:
        out.append(Finding("FR-18", "warn", message("FR-18", "warn", lang, age=post.age)))
    return out


# ------------------------------------------------------------------------------------------ public


def _brand(brand: Brand | str | None) -> Brand | None:
    if brand is None or not isinstance(brand, str):
        return brand
    from ..brand import load_brand

    return load_brand(brand)


def resolve_rule_sets(rules: str | Sequence[str] | None, brand: Brand | None) -> tuple[str, ...]:
    """The rule sets asked for, else the brand profile's, else French law."""
    chosen = parse_rule_sets(rules if rules is None or isinstance(rules, str) else list(rules))
    if not chosen and brand is not None:
        chosen = parse_rule_sets(list(brand.compliance.rules))
    return chosen or ("fr",)


def check_post(
    caption: str | None,
    *,
    platform: str | None = None,
    media_format: str | None = None,
    paid_partnership: bool | None = None,
    rules: str | Sequence[str] | None = None,
    brand: Brand | str | None = None,
    lang: str | None = None,
    overlay_text: str | None = None,
    title: str | None = None,
    published_on: dt.date | str | None = None,
    url: str | None = None,
    handle: str | None = None,
    creator_age: int | None = None,
    paid: bool | None = None,
) -> Verdict:
    """Check one post. `platform`/`media_format` come from `url` when not given; `paid_partnership` is the
    platform's label (None = unknown); `paid` whether the creator was paid for it (a fee agreed: then a
    gift's label, "#gifted", is not enough under us and uk; None = unknown); `lang` is the language of the
    reasons (default: the caption's, else English); `published_on` a date, or a text ("2024-03-15",
    "15/03/2024"). Rule sets: `rules`, else the brand profile's, else ("fr",)."""
    from ..io.parse import date_option

    published_on = date_option(published_on, "published_on")
    profile = _brand(brand)
    sets = resolve_rule_sets(rules, profile)
    link = parse_post_link(url) if url else None
    platform = platform or (link.platform if link else None)
    fmt = (parse_format(media_format) if media_format else None) or (link.format if link else None)
    handle = handle or (link.handle if link else None)
    text = caption or ""
    if not text.strip() and not (overlay_text or "").strip() and not (title or "").strip():
        reason_lang = _lang(lang, None)
        unchecked: dict[str, str | None] = {s: None for s in sets}
        if not paid_partnership:
            return Verdict(None, "warn", [], [note("no-caption", reason_lang)], [], reason_lang, unchecked)
        post = _Post("", platform=platform, media_format=fmt, flag=True, overlay=None, title=None,
                     published=published_on, handle=handle, brand=profile, age=creator_age)
        return Verdict(None, "warn", _flag_alone(post, sets, reason_lang), [note("no-caption", reason_lang)],
                       ["paid-partnership label"], reason_lang, unchecked)
    if fmt == "story" and not (overlay_text or "").strip():
        overlay_text, text = text, ""  # a story's text is on the image
    post = _Post(text, platform=platform, media_format=fmt, flag=paid_partnership, overlay=overlay_text,
                 title=title, published=published_on, handle=handle, brand=profile, age=creator_age, paid=paid)
    reason_lang = _lang(lang, post.caption_lang)
    findings: list[Finding] = []
    by_set: dict[str, str | None] = {}
    for s in RULE_SETS:
        if s in sets:
            verdict, found = _EVALUATORS[s](post, reason_lang)
            by_set[s] = verdict
            findings.extend(found)
    if "fr" in sets:
        findings.extend(_topics(post, reason_lang))
    notes: list[str] = []
    if fmt == "story":
        notes.append(note("story", reason_lang))
    disclosure = max(by_set.values(), key=lambda v: DISCLOSURES.index(v or "ok")) if by_set else None
    level = max((f.level for f in findings), key=LEVELS.index, default="ok")
    if disclosure not in (None, "ok") and LEVELS.index(level) < LEVELS.index("fail"):
        level = "fail"
    mentions = list(dict.fromkeys(m.text for m in post.mentions))
    labels = list(dict.fromkeys(m.text for m in post.mentions if m.kind in _VALID))
    if paid_partnership:
        mentions.insert(0, "paid-partnership label")
    return Verdict(disclosure, level, findings, notes, mentions, reason_lang, by_set, labels)


def _flag_alone(post: _Post, sets: Sequence[str], lang: str) -> list[Finding]:
    """What each rule set says of the platform's paid-partnership label alone, for a post whose caption the
    sheet lacks: the same findings as a captioned post labelled by the flag only (US-06, UK-02, FR-01 under
    the 2023 text...), all as warnings since the caption, not checked, may carry a label too. French law
    accepts the label as the mention (an equivalent adapted to the format): FR-01 says so."""
    out: list[Finding] = []
    for s in RULE_SETS:
        if s not in sets:
            continue
        _, found = _EVALUATORS[s](post, lang)
        if s == "fr" and not any(f.level != "warn" for f in found):
            out.append(Finding("FR-01", "warn", message("FR-01", "flag-alone", lang)))
        out.extend(Finding(f.rule, "warn", f.reason) for f in found)
    return out


def _lang(asked: str | None, detected: str | None) -> str:
    if asked:
        if asked not in ("fr", "en"):
            from ..errors import UsageError

            raise UsageError(f"unknown language {asked!r}: fr or en")
        return asked
    return detected if detected in ("fr", "en") else "en"


# -------------------------------------------------------------------------------------- the sheet


class CheckResult(Table):
    """The checked posts: one row per input row, in order; the check's columns (COLUMNS) first, then every
    input column under its own header. `summary` (= meta["summary"]) counts verdicts and levels and says how
    columns were found; meta["verdicts"] holds each row's `Verdict` (for the report)."""

    order: list[str]

    @property
    def columns(self) -> list[str]:
        order: list[str] | None = getattr(self, "order", None)
        return list(order) if order is not None else super().columns

    @property
    def summary(self) -> dict[str, Any]:
        summary: dict[str, Any] = self.meta["summary"]
        return summary

    def summary_lines(self) -> list[str]:
        return list(self.meta["summary_lines"])


def _unique(name: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    base = f"{name} (sheet)"
    n, candidate = 2, base
    while candidate in taken:
        candidate = f"{base[:-1]} {n})"
        n += 1
    return candidate


def _paid_posts(grid: Grid) -> list[bool | None]:
    """Whether each row's creator was paid for the post, from the sheet's fee column as the report reads it
    (`published.detect_fields`' cost: "Coût", "Fee", "Tarif", "Rémunération"): True for an amount above 0,
    False for 0 or a gift's word ("offert", "gifted"), None without such a column or a readable cell."""
    from ..io.parse import ParseError, parse_money
    from .published import detect_fields

    found = detect_fields(grid).get("cost")
    if found is None:
        return [None] * len(grid.rows)
    out: list[bool | None] = []
    for row in grid.rows:
        cell = row[found[0]] if found[0] < len(row) else None
        try:
            amount = parse_money(cell)
        except ParseError:
            amount = None
        out.append(None if amount is None else amount > 0)
    return out


def check(
    source: Any,
    *,
    rules: str | Sequence[str] | None = None,
    brand: Brand | str | None = None,
    lang: str | None = None,
    sheet: str | None = None,
    input_format: str | None = None,
    mapping: Mapping[str, str] | None = None,
    platform: str | None = None,
) -> CheckResult:
    """Check every post of a posts file or sheet with captions (path, '-' for stdin, a Table, or a list of
    dicts). `mapping` names columns the detection should not guess: {"caption": "Texte", "flag": "Label"}
    (fields: posts.FIELDS). `platform` is the network of rows that do not say. Reasons follow `lang`
    ("fr"/"en"; default: the language most captions are written in, English when unsure)."""
    from ..errors import InfluError
    from ..io.parse import ParseError, parse_platform

    profile = _brand(brand)
    sets = resolve_rule_sets(rules, profile)
    if lang is not None:
        _lang(lang, None)  # a usage error before reading anything
    default_platform = None
    if platform:
        try:
            default_platform = parse_platform(platform)
        except ParseError as exc:
            from ..errors import UsageError

            raise UsageError(f"--platform: {exc}") from None
    tabs = read_grids(source, sheet=sheet, input_format=input_format, mapping=mapping)
    grids = tabs.grids
    if not any({"caption", "overlay", "title", "flag"} & set(g.found) for g in grids) \
            and any(g.rows for g in grids):  # (no row: nothing to check)
        raise InfluError("no caption column found (a header such as 'Légende', 'Caption' or 'Texte du post', or a "
                         "column of long texts with hashtags); name it with --map \"Header=caption\"",
                         file=grids[0].source, sheet=grids[0].sheet)
    if lang is None:  # the captions' language (of every tab read); when they do not tell, the tabs' headers'
        langs = [detect_lang(c) for g in grids for c in map(text_cell, g.column("caption")) if c]
        fr, en = langs.count("fr"), langs.count("en")
        if fr == en:
            from ..labels import headers_language

            lang = headers_language([h for g in grids for h in g.headers])
        else:
            lang = "fr" if fr > en else "en"
    parts = [_check_grid(g, sets, profile, lang, default_platform, input_format) for g in grids]
    # the same post twice, in one tab or in two, is checked on each row but counted once
    # (`metrics.posts.once_per_link`, the rule of `report` and `enrich`)
    from ..metrics.posts import once_per_link, post_numbers, same_post_notes
    from .published import row_counts

    several = tabs.several
    counts = [row_counts(g, mapping) for g in grids]
    posts_of = [(g.sheet, [(t, k) for k in range(len(g.rows)) if parts[t].verdicts[k] is not None])
                for t, g in enumerate(grids)]
    _, twice = once_per_link(posts_of, lambda tk: parts[tk[0]].cols["post_url"][tk[1]],
                             lambda tk: post_numbers(counts[tk[0]][tk[1]]))
    not_counted: set[tuple[int, int]] = set()
    for t in twice:
        (_, (kt, kk)), (_, (dt_, dk)) = t.kept, t.dropped
        not_counted.add((dt_, dk))
        told = (note("same-post", lang, tab=grids[kt].sheet, row=grids[kt].row_numbers[kk]) if grids[kt].sheet
                else note("same-post-row", lang, row=grids[kt].row_numbers[kk]))
        cells = parts[dt_].cols["compliance_warnings"]
        cells[dk] = SEPARATOR.join(x for x in (cells[dk], told) if x)
    result = CheckResult(source=grids[0].source, sheet=grids[0].sheet if not several else None)
    result.source_rows = [r for g in grids for r in g.row_numbers]
    taken = set(COLUMNS)
    order = list(COLUMNS)
    if several:  # which tab each row came from (the name `--sheet all` gives it for a list: Table.row_name)
        taken.add("sheet")
        order.insert(0, "sheet")
        result.data["sheet"] = [g.sheet for g in grids for _ in g.rows]
    for c in COLUMNS:
        result.data[c] = [v for part in parts for v in part.cols[c]]
    n = len(result.source_rows)
    at = 0
    extra: dict[str, list[Any]] = {}
    kept_at: list[dict[int, str]] = []  # per tab: its column -> the result's column
    for g in grids:  # every input column under its own header; the same header in two tabs is one column
        named: set[str] = set()
        kept_at.append({})
        for i, header in enumerate(g.headers):
            name = _unique(str(header), taken | named) if str(header) not in extra or str(header) in named \
                else str(header)
            named.add(name)
            kept_at[-1][i] = name
            if name not in extra:
                extra[name] = [None] * n
                order.append(name)
                result.extra_columns.append(name)
            for k, r in enumerate(g.rows):
                extra[name][at + k] = r[i] if i < len(r) else None
        at += len(g.rows)
    result.data.update(extra)
    result.order = order
    _keep_formats(result, grids, kept_at)
    counted = [(g, v, g.row_numbers[k]) for t, g in enumerate(grids) for k, v in enumerate(parts[t].verdicts)
               if v is not None and (t, k) not in not_counted]
    result.meta["summary"] = _summary(grids, [v for _, v, _ in counted], sets, lang,
                                      [_row_name(g, row, several) for g, _, row in counted])
    result.meta["summary"]["not_posts"] = sum(1 for part in parts for kind in part.kinds if kind)
    result.meta["summary"]["posts_twice"] = len(twice)
    # posts dated after today, each tab's (each warning names its tab)
    result.meta["summary"]["warnings"] = [w for part in parts for w in part.warnings]
    result.meta["summary"]["notes"] = list(tabs.notes) + same_post_notes(twice, grids[0].source, lambda tab, tk: (
        (f"tab {tab!r} " if tab else "") + f"row {grids[tk[0]].row_numbers[tk[1]]}"))
    result.meta["summary_lines"] = _summary_lines(result.meta["summary"])
    result.meta["verdicts"] = [v for part in parts for v in part.verdicts if v is not None]
    return result


def _keep_formats(result: CheckResult, grids: Sequence[Grid], kept_at: Sequence[dict[int, str]]) -> None:
    """The number formats of the kept columns (a fee in `£#,##0`, dates as dd/mm/yyyy), for the check's
    workbook to show them as the sheet did: enrich's way (`io.normalize.keep_number_formats`, each tab's own
    on its rows when several were read: `io.normalize.stack_formats`)."""
    from ..io.normalize import keep_number_formats, stack_formats

    tabs: list[Table] = []
    for g, kept in zip(grids, kept_at, strict=True):
        tab = Table()
        tab.data = {name: [r[i] if i < len(r) else None for r in g.rows] for i, name in kept.items()}
        if g.raw is not None:  # (a workbook's tab; a CSV or JSON has no formats)
            keep_number_formats(tab, g.raw, kept, range(len(g.rows)))
        tabs.append(tab)
    stack_formats(result, tabs, [len(g.rows) for g in grids])


def _row_name(grid: Grid, row: int, several: bool) -> int | str:
    """A row as the summary names it: its number, with its tab when several tabs were read ("9 [Juin]",
    as `Table.row_name`)."""
    return f"{row} [{grid.sheet}]" if several else row


@dataclass
class _GridCheck:
    cols: dict[str, list[Any]]
    kinds: list[str | None]
    verdicts: list[Verdict | None]  # None for a row that is no post (TOTAL, section...)
    warnings: list[str]  # the tab's posts dated after today (`posts.dates_after_today`)


def _check_grid(grid: Grid, sets: tuple[str, ...], profile: Any, lang: str, default_platform: str | None,
                input_format: str | None) -> _GridCheck:
    """The check's columns for one tab's rows."""
    from ..io.parse import ParseError, parse_platform
    from ..io.values import column_dates
    from ..labels import ROW_KIND_WORDS
    from .posts import dates_after_today
    from .published import row_kinds_of

    n = len(grid.rows)
    captions = [text_cell(v) for v in grid.column("caption")]
    overlays = [text_cell(v) for v in grid.column("overlay")]
    titles = [text_cell(v) for v in grid.column("title")]
    links = [text_cell(v) for v in grid.column("link")]
    flags = [parse_flag(v) for v in grid.column("flag")]
    formats = grid.formats()
    ages = [parse_age(v) for v in grid.column("age")]
    handles = [text_cell(v) for v in grid.column("handle")]

    def safe(parser: Any, value: Any) -> Any:
        try:
            return parser(value)
        except ParseError:
            return None

    platforms = [safe(parse_platform, v) for v in grid.column("platform")]
    betrayed = grid.format_platforms()
    published_cells = grid.column("published")
    dates = column_dates(published_cells)  # (day/month order decided from the whole column, as enrich does)
    paid = _paid_posts(grid)
    cols: dict[str, list[Any]] = {c: [None] * n for c in COLUMNS}
    verdicts: list[Verdict | None] = []
    kinds = row_kinds_of(grid, grid.found, input_format)  # TOTAL, Moyenne, section rows: kept, not posts
    for k in range(n):
        if kinds[k]:
            words = ROW_KIND_WORDS.get(str(kinds[k]))
            kind = (words[0] if lang == "fr" else words[1]).lower() if words else str(kinds[k])
            cols["compliance_warnings"][k] = note("not-a-post", lang, kind=kind)
            verdicts.append(None)
            continue
        link = parse_post_link(links[k]) if links[k] else None
        plat = platforms[k] or (link.platform if link else None) or betrayed[k] or default_platform
        fmt = formats[k] or (link.format if link else None)
        handle = handles[k]
        if handle and handle.startswith(("http://", "https://")):
            handle = None
        handle = (handle or (link.handle if link else None) or "").lstrip("@") or None
        v = check_post(captions[k], platform=plat, media_format=fmt, paid_partnership=flags[k], rules=sets,
                       brand=profile, lang=lang, overlay_text=overlays[k], title=titles[k], published_on=dates[k],
                       handle=handle, creator_age=ages[k], paid=paid[k])
        verdicts.append(v)
        warnings = v.warnings
        raw_date = published_cells[k]
        if dates[k] is None and text_cell(raw_date) is not None:
            warnings = [*warnings, note("bad-date", lang, value=str(raw_date))]
        row = {"platform": plat, "post_format": fmt, "post_url": links[k], "handle": handle,
               "published_on": dates[k], "disclosure": v.disclosure,
               "disclosure_mention": " ; ".join(v.mentions) or None,
               "compliance": ", ".join(v.rules) or None, "compliance_level": v.level,
               "compliance_reasons": SEPARATOR.join(v.reasons) or None,
               "compliance_warnings": SEPARATOR.join(warnings) or None}
        for c in COLUMNS:
            cols[c][k] = row[c]
    # a post dated after today, per tab (the warning names the file, the tab, the row and the column)
    future = dates_after_today(grid, "published", dates, [k for k in range(n) if not kinds[k]])
    return _GridCheck(cols, kinds, verdicts, future)


CHECK_FORMATS = ("xlsx", "csv", "tsv", "json", "jsonl")


def write_check(result: CheckResult, path: str, fmt: str | None = None, *, lang: str | None = None) -> dict[str, Any]:
    """Write the checked posts; returns counts for the summary. csv, tsv and json keep the column names and
    codes programs read (`ok`, `fail`); the workbook (xlsx) is read by a client: headers, verdicts, levels
    and the platform's label in words of `lang` (default: the check's, `summary["lang"]`: --lang, else the
    captions', else the sheet's headers'), rule ids as ids, post links clickable, and the kept columns typed
    (`io.values.typed_column`: a CSV's "1 234" a number, "15/03/2025" a date)."""
    from ..io.formats import format_of
    from ..io.write import write_table

    fmt = format_of(path, fmt, CHECK_FORMATS)
    if fmt != "xlsx":
        return write_table(result, path, fmt)
    from ..io.values import typed_column
    from ..io.write import atomic_output, sheet_formats
    from ..io.xlsx import SheetSpec, column_width, write_workbook
    from ..labels import (
        KEPT_SUFFIX,
        check_label,
        check_lang,
        date_number_format,
        disclosure_word,
        headers_language,
        items,
        join_items,
        level_word,
        mention_word,
        report_label,
        value_word,
    )
    from ..schema import kind_of

    lang = check_lang(lang) or str(result.summary.get("lang") or "en")
    columns = result.columns
    levels = result.get("compliance_level")
    shown: dict[str, list[Any]] = {
        "platform": [value_word("platform", v, lang) for v in result.get("platform")],
        "post_format": [_format_word(v, lang) for v in result.get("post_format")],
        # a post not checked (no caption) says so; a TOTAL row, not a post (no level), stays empty
        "disclosure": [disclosure_word(v, lang) if v or level else None
                       for v, level in zip(result.get("disclosure"), levels, strict=True)],
        # a post without a caption is "not checked" in both columns (`compliance_status`), never "to check"
        "compliance_level": [disclosure_word(None, lang) if v and not d else level_word(v, lang)
                             for v, d in zip(levels, result.get("disclosure"), strict=True)],
        "disclosure_mention": [join_items((mention_word(m, lang) for m in items(v)), lang) if v else v
                               for v in result.get("disclosure_mention")],
    }
    # the check's columns: COLUMNS, after the tab of each row when several tabs were read (`sheet`, first)
    checked = ["sheet", *COLUMNS] if columns[:1] == ["sheet"] else list(COLUMNS)
    kept = columns[len(checked):]
    ours = [check_label(c, lang) for c in checked]
    taken = {fold_key(h) for h in ours}
    headers = [*ours, *(c + KEPT_SUFFIX[lang] if fold_key(c) in taken else c for c in kept)]
    decimal = "," if headers_language(kept) == "fr" else "."  # what "12,500" means in the sheet
    values = [shown[c] if c in shown else result.get(c) if c in checked else typed_column(result.get(c), decimal)
              for c in columns]
    kinds: list[str | None] = ["url" if c == "post_url" else kind_of(c) if c in checked else None for c in columns]
    main = SheetSpec(name=report_label("tab_check", lang), headers=headers, columns=values, kinds=kinds,
                     widths=[column_width(h, v) for h, v in zip(headers, values, strict=True)])
    main.formats, main.cell_formats = sheet_formats(result, columns, lang)
    with atomic_output(path) as fh:
        counts = write_workbook([main], fh, date_number_format(lang))
    return {"rows": len(result), "format": "xlsx", **counts}


def _format_word(fmt: str | None, lang: str) -> str | None:
    from ..labels import format_word

    return format_word(fmt, lang) if fmt else None


def _summary(grids: Sequence[Grid], verdicts: list[Verdict], sets: tuple[str, ...], lang: str,
             rows: Sequence[int | str]) -> dict[str, Any]:
    counts = {d: 0 for d in DISCLOSURES}
    unchecked: list[int | str] = []
    rules: dict[str, int] = {}
    levels = {lv: 0 for lv in LEVELS}
    for v, row in zip(verdicts, rows, strict=True):
        if v.disclosure is None:
            unchecked.append(row)
        else:
            counts[v.disclosure] += 1
        levels[v.level] += 1
        for r in v.rules:
            rules[r] = rules.get(r, 0) + 1
    return {"posts": len(verdicts), "rule_sets": list(sets), "lang": lang, "disclosure": counts,
            "not_checked_rows": unchecked, "levels": levels, "rules": dict(sorted(rules.items())),
            "columns": [f"[{g.sheet}] {c}" if len(grids) > 1 else c for g in grids for c in g.describe()],
            "source": grids[0].source, "sheet": grids[0].sheet if len(grids) == 1 else None,
            "sheets": [g.sheet for g in grids if g.sheet is not None],
            "flag_column": all("flag" in g.found for g in grids)}


def _summary_lines(s: dict[str, Any]) -> list[str]:
    d = s["disclosure"]
    unchecked = s["not_checked_rows"]
    shown = ", ".join(map(str, unchecked[:MAX_ROWS_NAMED])) + (", ..." if len(unchecked) > MAX_ROWS_NAMED else "")
    lines = [f"{count(s['posts'], 'post')} checked against {', '.join(s['rule_sets'])}: ok {d['ok']}, missing {d['missing']}, "
             f"insufficient {d['insufficient']}, late {d['late']}"
             + (f", not checked {len(unchecked)} (rows {shown}: no caption)" if unchecked else ""),
             f"levels: block {s['levels']['block']}, fail {s['levels']['fail']}, warn {s['levels']['warn']}, "
             f"ok {s['levels']['ok']}"
             + (f"; rules: {', '.join(f'{r} {n}' for r, n in s['rules'].items())}" if s["rules"] else ""),
             "columns: " + "; ".join(s["columns"]),
             f"reasons in {'French' if s['lang'] == 'fr' else 'English'}"]
    if not s["flag_column"]:
        lines.append("no paid-partnership flag column: the platform label is taken as unknown (EU-01 not checked)")
    if s.get("not_posts"):
        lines.append(f"{count(s['not_posts'], 'total, average or section row')} left out: not posts")
    lines += [f"warning: {w}" for w in s.get("warnings", [])]
    return lines + list(s.get("notes") or [])
