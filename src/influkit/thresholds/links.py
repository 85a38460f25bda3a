"""Promo-code rules."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CodeRule:
    name: str
    value: int
    rationale: str


CODE_RULES: dict[str, int] = {}
CODE_RULE_DOCS: tuple[CodeRule, ...] = (
    CodeRule("max_length", 20, "Short enough to read aloud in a video and type on a phone; well under "
                               "Shopify's 255-character limit for discount codes."),
    CodeRule("fallback_length", 6, "Characters of a generated code when the handle has no usable letter "
                                    "(e.g. only emoji or Cyrillic): 31^6 ~ 900 million codes."),
)
CODE_RULES.update({r.name: r.value for r in CODE_RULE_DOCS})


def rows() -> list[dict[str, object]]:
    return [{"group": "promo codes", "name": r.name, "value": r.value, "source": r.rationale}
            for r in CODE_RULE_DOCS]
