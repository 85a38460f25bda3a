"""Disclosure-check numbers: where each platform cuts a caption behind "more", the dates the French
texts came into force, the word windows of the caption rules and the column-detection shares.

Rule texts and legal sources live with the rules (influkit.campaign.rules); only tunable numbers
are here, each with its source or the reason for its value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Cut:
    """The caption text a viewer sees before tapping "more": at most `chars` characters and at most
    `lines` lines (line breaks count; an empty line is a line). None = no cut."""

    chars: int | None
    lines: int | None
    source: str


# (platform, format) -> cut; format None = every format of that platform without its own entry.
# Conservative values (the smaller end of what sources report), because a mention cut off on a
# small phone is hidden for that viewer.
CUTS: dict[tuple[str, str | None], Cut] = {
    ("instagram", None): Cut(125, 3, "Instagram Help Center 1643471055915254: 'only the first three lines of a "
                             "caption will be displayed'; 'a caption of 125 characters or fewer' shows in full"),
    ("instagram", "story"): Cut(None, None, "a story has no caption: its text is on the image (overlay)"),
    ("tiktok", None): Cut(100, 2, "caption tools report 80-150 characters before '...more' (utilhq 80, "
                          "txttools/posttruncate 100, tooleagle 150) and 1-2 lines in the feed (mojicnt); 100 "
                          "is the middle of the range"),
    ("youtube", None): Cut(100, 3, "description above '...more': ~100 characters on mobile, ~157 on desktop, 2-3 "
                           "lines (videodescriptions.com, unil.ink); the title is always visible"),
    ("linkedin", None): Cut(210, 3, "LinkedIn feed: 3-line preview for organic posts, ~210 characters on mobile "
                            "(John Espirian, Sept 2024; boltpost.app)"),
    ("facebook", None): Cut(125, 3, "no published figure: Instagram's (the same company's feed) is used"),
    ("x", None): Cut(None, None, "a post (280 characters) is shown whole in the timeline"),
    ("blog", None): Cut(None, None, "an article is read as a whole: no 'more' cut"),
    ("twitch", None): Cut(None, None, "a stream's title is shown whole above the live: no 'more' cut (the mention "
                          "belongs on screen and in the title, see PLACEMENTS)"),
    ("*", "live"): Cut(None, None, "a live is judged on screen, not by a caption's 'more' cut (see PLACEMENTS)"),
    ("*", None): Cut(125, 3, "platform unknown: Instagram's cut, the most common network in these sheets"),
}


def cut_for(platform: str | None, media_format: str | None = None) -> Cut:
    """The cut of a platform and format (the platform's own for that format, else every network's for that
    format (a live), else the platform's, else the default)."""
    p = platform or "*"
    return (CUTS.get((p, media_format)) or CUTS.get(("*", media_format)) or CUTS.get((p, None))
            or CUTS[("*", None)])


@dataclass(frozen=True)
class Placement:
    """Where a disclosure must be seen on a network and format: what the report's recommendation asks.
    `where`: "stream" (on screen and in the stream's title, for the whole live), "tiktok" (the caption's
    start and TikTok's branded-content toggle), "youtube" (the paid-promotion box and the description's
    start), "story" (on the story itself), "caption" (the caption's start, before the "more" cut)."""

    where: str
    source: str


_L5_2023 = ("loi 2023-451 art. 5 (2023 text): the mention on the image or video, 'durant l'intégralité de la "
            "promotion'; current art. 5-2: 'sur tout support utilisé'")
_FTC_101 = "FTC Disclosures 101: disclose in the video itself, not only in the description; on a live, repeat it"
_DSA = "DSA art. 26(2): the platform's own tool to declare commercial communications (EU sweep 2024)"
# (platform, format) -> placement; looked up as CUTS are: (platform, format), ("*", format), (platform, None), default
PLACEMENTS: dict[tuple[str, str | None], Placement] = {
    ("*", "live"): Placement("stream", f"{_L5_2023}; {_FTC_101} (US-05)"),
    ("twitch", None): Placement("stream", f"Twitch is live streaming: {_L5_2023}; {_FTC_101} (US-05)"),
    ("*", "story"): Placement("story", "a story has no caption: the mention on the story itself (L5-2, ASA)"),
    ("tiktok", None): Placement("tiktok", "FTC 2023 FAQ: a TikTok text description is 'very unlikely to be clear "
                                "and conspicuous'; " + _DSA + " (TikTok's branded-content toggle)"),
    ("youtube", None): Placement("youtube", "YouTube's 'includes paid promotion' box; " + _DSA + "; FTC business "
                                 "blog: before the 'more' prompt"),
    ("*", None): Placement("caption", "FTC business blog, ASA, EU sweep: the mention visible before 'more' (L5-2 "
                           "'claire, lisible', ARPP instantanéité)"),
}


def placement_for(platform: str | None, media_format: str | None = None) -> Placement:
    """Where the disclosure of a post of this network and format must be (the lookup of `cut_for`)."""
    p = platform or "*"
    return (PLACEMENTS.get((p, media_format)) or PLACEMENTS.get(("*", media_format)) or PLACEMENTS.get((p, None))
            or PLACEMENTS[("*", None)])


# French texts in force (a post is judged by the text in force the day it was published).
# Loi 2023-451 of 9 June 2023, JORF 10 June 2023: in force the next day (Code civil art. 1).
LAW_2023_451_IN_FORCE = dt.date(2023, 6, 11)
# Ordonnance 2024-978 of 6 Nov 2024, JORF 7 Nov 2024: equivalent mentions allowed from the next day.
# Before it, only "Publicité" or "Collaboration commerciale", on the image or video, for the whole promotion.
ORD_2024_978_IN_FORCE = dt.date(2024, 11, 8)
# Loi 2020-1266: children under 16 whose image is exploited commercially online need an authorisation.
MINOR_AGE = 16

# Caption rules (influkit conventions, chosen on the test captions of tests/test_compliance*.py).
NEGATION_WINDOW = 3  # words before a label, in the same clause, that can negate it ("pas sponsorisé")
PROXIMITY_WINDOW = 6  # words between the two halves of a claim ("remplace ... ton traitement")
THANKS_WINDOW = 3  # words between "merci"/"thanks" and the @mention or brand it thanks
TAG_BLOCK_MIN = 3  # a trailing block of this many hashtags buries a label (FTC: "end of post among hashtags")

# Column detection from contents (influkit conventions).
DETECT_SAMPLE = 200  # non-empty cells looked at per column
DETECT_MIN_SHARE = 0.8  # share of a column's cells that must read as its field (dates, platforms, texts)
CAPTION_MIN_MEDIAN_CHARS = 25  # a caption column's texts are long...
CAPTION_MIN_TAG_SHARE = 0.3  # ...and at least this share of them has a hashtag or @mention
LINK_MIN_SHARE = 0.5  # share of cells that are post links for a post-link column
FLAG_MIN_SHARE = 0.9  # share of cells that read as yes/no for a paid-partnership flag column
LANG_MIN_MARGIN = 2  # stop words of one language ahead of the other to call a caption's language
MAX_ROWS_NAMED = 10  # rows named in one summary line before "..."


def rows() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []

    def add(name: str, value: object, source: str) -> None:
        out.append({"group": "compliance", "name": name, "value": value, "source": source})

    for (platform, fmt), cut in CUTS.items():
        shown = ("no cut" if cut.chars is None else
                 f"{cut.chars} characters" + (f", {cut.lines} lines" if cut.lines else ""))
        add(f"'more' cut {platform}{'' if fmt is None else ' ' + fmt}", shown, cut.source)
    for (platform, fmt), placement in PLACEMENTS.items():
        add(f"disclosure place {platform}{'' if fmt is None else ' ' + fmt}", placement.where, placement.source)
    add("loi 2023-451 in force", LAW_2023_451_IN_FORCE.isoformat(), "JORF 10 June 2023, in force the next day")
    add("ordonnance 2024-978 in force", ORD_2024_978_IN_FORCE.isoformat(),
        "JORF 7 Nov 2024, in force the next day: equivalent mentions allowed from then")
    add("minor age (authorisation)", MINOR_AGE, "loi 2020-1266: children under 16")
    settings: tuple[tuple[str, object, str], ...] = (
        ("negation window (words)", NEGATION_WINDOW, "'non sponsorisé', 'pas de collaboration commerciale'"),
        ("claim proximity window (words)", PROXIMITY_WINDOW, "'remplace ton traitement', 'instead of your meds'"),
        ("thanks window (words)", THANKS_WINDOW, "'merci à @marque', 'thanks so much @brand'"),
        ("trailing hashtag block", TAG_BLOCK_MIN, "FTC: a label among hashtags at the end may be missed"),
        ("cells read as the field", f"{DETECT_MIN_SHARE:.0%}", "header-based column detection: values must agree"),
        ("caption column: median characters", CAPTION_MIN_MEDIAN_CHARS, "contents-based column detection"),
        ("caption column: share with # or @", f"{CAPTION_MIN_TAG_SHARE:.0%}", "contents-based column detection"),
        ("post-link column: share of post links", f"{LINK_MIN_SHARE:.0%}", "contents-based column detection"),
        ("flag column: share of yes/no cells", f"{FLAG_MIN_SHARE:.0%}", "contents-based column detection"),
        ("language margin (stop words)", LANG_MIN_MARGIN, "below it a caption's language is unknown"),
    )
    for name, value, why in settings:
        add(name, value, f"influkit convention: {why}")
    return out
