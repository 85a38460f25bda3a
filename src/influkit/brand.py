"""The brand profile: a TOML file validated by pydantic.

`load_brand(path)` returns a `Brand`; any problem is an `InfluError` on one line naming the file, the
line and the key, e.g. `brand.toml: line 31: weights.cost: Input should be greater than or equal to 0`.
`TEMPLATE` is the commented profile `influkit brand init` writes.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .errors import InfluError
from .schema import PLATFORM_WORDS
from .textmatch import key
from .thresholds import FX_PER_EUR, TIER_NAMES
from .thresholds.scoring import DEFAULT_WEIGHTS

_PLATFORMS = sorted(set(PLATFORM_WORDS.values()))


class Term(BaseModel):
    """A value or theme: a word or phrase, its weight and other ways to say it."""

    model_config = ConfigDict(extra="forbid")

    term: str = Field(min_length=1)
    # above 0 (a term that counts for nothing is simply left out), at most 10; a number, not true/false
    weight: float = Field(default=1.0, gt=0, le=10, strict=True)
    synonyms: list[str] = Field(default_factory=list)

    @field_validator("term", "synonyms")
    @classmethod
    def _matchable(cls, v: Any) -> Any:
        for text in [v] if isinstance(v, str) else v:
            if not key(text):
                raise ValueError(f"{text!r} has no letter or digit, so it can never match")
        return v

    @property
    def variants(self) -> list[str]:
        return [self.term, *self.synonyms]


def _amount(v: Any) -> Any:
    """An amount such as 800 or "800 €" (validators of budget.per_post and campaign.budget)."""
    if isinstance(v, bool):
        raise ValueError("should be an amount such as 800 or \"800 €\", not true/false")
    if isinstance(v, str):
        from .io.parse import ParseError, parse_money

        try:
            return parse_money(v)
        except ParseError as exc:
            raise ValueError(str(exc)) from None
    return v


def _currency_code(v: Any) -> Any:
    """Any ISO 4217 code (io.parse.currency_code); nothing written is EUR."""
    from .io.parse import ParseError, currency_code

    if v is None or v == "":
        return "EUR"
    try:
        return currency_code(v)
    except ParseError as exc:
        raise ValueError(str(exc)) from None


def _written_currency(data: Any, key: str) -> Any:
    """A table's data with the currency its amount `key` writes ("800 CHF", "£8,000") as its currency
    when it sets none; a ValueError when its currency says another one (io.parse.amount_currency)."""
    if isinstance(data, dict) and isinstance(data.get(key), str):
        from .io.parse import ParseError, amount_currency, parse_currency

        try:
            given = parse_currency(data.get("currency"))
        except ParseError:
            given = None  # (the currency's own validator names what is wrong with it)
        try:
            written = amount_currency(data[key], given)
        except ParseError as exc:
            raise ValueError(f"{key} {exc}") from None
        if written and data.get("currency") is None:
            data = {**data, "currency": written}
    return data


class Budget(BaseModel):
    model_config = ConfigDict(extra="forbid")

    per_post: float | None = Field(default=None, ge=0, strict=True)
    currency: str = "EUR"

    @field_validator("per_post", mode="before")
    @classmethod
    def _money(cls, v: Any) -> Any:
        return _amount(v)

    @model_validator(mode="before")
    @classmethod
    def _amount_currency(cls, data: Any) -> Any:
        """A budget written "800 CHF" is in CHF: the amount's currency is the budget's (issue #10)."""
        return _written_currency(data, "per_post")

    @field_validator("currency", mode="before")
    @classmethod
    def _currency(cls, v: Any) -> Any:
        return _currency_code(v)


class Weights(BaseModel):
    """Relative weights of the score components (they need not sum to 1)."""

    model_config = ConfigDict(extra="forbid")

    fit: float = Field(default=DEFAULT_WEIGHTS["fit"].weight, ge=0, strict=True)
    engagement: float = Field(default=DEFAULT_WEIGHTS["engagement"].weight, ge=0, strict=True)
    authenticity: float = Field(default=DEFAULT_WEIGHTS["authenticity"].weight, ge=0, strict=True)
    reach: float = Field(default=DEFAULT_WEIGHTS["reach"].weight, ge=0, strict=True)
    audience: float = Field(default=DEFAULT_WEIGHTS["audience"].weight, ge=0, strict=True)
    cost: float = Field(default=DEFAULT_WEIGHTS["cost"].weight, ge=0, strict=True)

    @model_validator(mode="after")
    def _not_all_zero(self) -> Weights:
        if not any(self.as_dict().values()):
            raise ValueError("all six weights are 0: give at least one component a weight above 0")
        return self

    def as_dict(self) -> dict[str, float]:
        return {k: float(getattr(self, k)) for k in DEFAULT_WEIGHTS}


class Compliance(BaseModel):
    """Settings of the disclosure check (`influkit check`, docs/compliance.md)."""

    model_config = ConfigDict(extra="forbid")

    rules: list[str] = Field(default_factory=list)  # default rule sets: fr, us, uk, eu
    sectors: list[str] = Field(default_factory=list)  # what the brand sells (banned/regulated promotions)
    retouched_images: bool = False  # the brief retouches body or face: "Images retouchées" required
    virtual_images: bool = False  # the brief has an AI-made face or body: "Images virtuelles" required
    registration: str = ""  # AMF/ACPR registration (crypto-asset services, financial products)

    @field_validator("sectors")
    @classmethod
    def _sectors(cls, v: list[str]) -> list[str]:
        """A sector close to one the checker knows but not one ("alcohool") is a typo that would switch its
        rule off in silence; a sector the checker has no rule for ("cosmetics") is kept."""
        from .campaign.lexicon import TOPICS
        from .text import fold_key

        known = {fold_key(t): t for topic in TOPICS for t in (*topic.sectors, *topic.strong) if fold_key(t)}
        for sector in v:
            f = fold_key(sector)
            close = _typo_of(f, known) if f else None
            if close is not None:
                raise ValueError(f"unknown sector {sector!r}: did you mean {close!r}?")
        return v

    @field_validator("rules")
    @classmethod
    def _rule_sets(cls, v: list[str]) -> list[str]:
        from .campaign.rules import parse_rule_sets
        from .errors import InfluError

        try:
            return list(parse_rule_sets(v))
        except InfluError as exc:
            raise ValueError(exc.message) from None


class Campaign(BaseModel):
    """The campaign the report judges (`influkit report`): its name, total budget and numeric objectives
    (metric = target: views, engagements, er_views, er_followers, reach, clicks, orders, revenue, roas, roi,
    posts as floors; cpe, cpm, cpv, cpa, cost as ceilings)."""

    model_config = ConfigDict(extra="forbid")

    name: str = ""
    budget: float | None = Field(default=None, ge=0)
    currency: str = "EUR"
    objectives: dict[str, float | str] = Field(default_factory=dict)

    @field_validator("budget", mode="before")
    @classmethod
    def _budget(cls, v: Any) -> Any:
        return _amount(v)

    @model_validator(mode="before")
    @classmethod
    def _budget_currency(cls, data: Any) -> Any:
        """A budget written "£8,000" is in GBP (the currency, when given, must say the same)."""
        return _written_currency(data, "budget")

    @field_validator("currency", mode="before")
    @classmethod
    def _code(cls, v: Any) -> Any:
        return _currency_code(v)

    @field_validator("objectives")
    @classmethod
    def _objectives(cls, v: dict[str, float | str]) -> dict[str, float | str]:
        from .campaign.report import metric_name, objective_value
        from .errors import UsageError

        for name, value in v.items():
            try:
                objective_value(metric_name(name), value)
            except UsageError as exc:
                raise ValueError(f"{name} = {value!r}: {exc.message.rsplit(': ', 1)[-1]}") from None
        return v


def _typo_of(folded: str, known: dict[str, str]) -> str | None:
    """The known name (`known`: folded -> as shown) that `folded` is a typo of, None when it is one of them
    or resembles none: a typo keeps the first letter and most of the rest ("frnace"; "poland" is no
    "holland")."""
    import difflib

    if folded in known:
        return None
    close = difflib.get_close_matches(folded, [k for k in known if k[:1] == folded[:1]], n=1, cutoff=0.8)
    return known[close[0]] if close else None


class Brand(BaseModel):
    """A brand profile. Unknown keys are refused (a typo would otherwise be silently ignored)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    description: str = ""
    values: list[Term] = Field(default_factory=list)
    themes: list[Term] = Field(default_factory=list)
    platforms: list[str] = Field(default_factory=list)
    tiers: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    min_engagement: float | None = Field(default=None, ge=0, le=1, strict=True)
    exclusions: list[str] = Field(default_factory=list)
    competitors: list[str] = Field(default_factory=list)
    budget: Budget = Field(default_factory=Budget)
    weights: Weights = Field(default_factory=Weights)
    compliance: Compliance = Field(default_factory=Compliance)
    campaign: Campaign | None = None

    def campaign_objectives(self) -> Any:
        """The [campaign] table as report Objectives (None without one)."""
        if self.campaign is None:
            return None
        from .campaign.report import Objectives, parse_objectives

        c = self.campaign
        aims = parse_objectives(c.objectives, source="brand profile [campaign]")
        # a money objective written without a currency ("cpe = 0.20") is in the campaign's currency (its budget's,
        # or the one it sets), else the brand's ([budget] currency)
        currency = c.currency if "currency" in c.model_fields_set else self.budget.currency
        return Objectives(aims.targets, c.budget, c.currency if c.budget is not None else None,
                          "brand profile [campaign]" if c.budget is not None else None,
                          c.name or None).with_currency(currency)

    @field_validator("values", "themes", mode="before")
    @classmethod
    def _terms(cls, v: Any) -> Any:
        if isinstance(v, list):
            return [{"term": t} if isinstance(t, str) else t for t in v]
        return v

    @field_validator("values", "themes")
    @classmethod
    def _distinct_terms(cls, v: list[Term], info: ValidationInfo) -> list[Term]:
        """A term given twice ("beauté", "Beauté", "beaute": one term for the matcher) would count twice: in one
        list, in both (values and themes: the values are checked first, then the themes against them), or as
        a synonym of another term. A synonym equal to its own term counts once and is let be."""
        from .textmatch import term_keys

        lists = [("values", info.data.get("values") or [])] if info.field_name == "themes" else []
        lists.append((info.field_name or "", v))
        seen: dict[str, tuple[int, str]] = {}  # key -> (term's number, how the error names it)
        number = 0
        for where, terms in lists:
            elsewhere = "" if where == info.field_name else f" in {where}"  # (values, seen from the themes)
            for t in terms:
                number += 1
                for text in t.variants:
                    name = f"{text!r} (synonym of {t.term!r}{elsewhere})" if text is not t.term else (
                        f"{text!r}{elsewhere}")
                    for k in term_keys(text):
                        other = seen.setdefault(k, (number, name))
                        if other[0] != number:
                            raise ValueError(f"{name} is {other[1]} again (case, accents and plurals aside): a text "
                                             "would count for both; give it once, with a weight if it matters more")
        return v

    @field_validator("countries", "languages")
    @classmethod
    def _places(cls, v: list[str], info: ValidationInfo) -> list[str]:
        """A name close to a known country or language but not one ("Frnace") is a typo, not a place no
        creator is from; a name influkit does not list and resembles none is kept as written."""
        from .fit import COUNTRY_ALIASES, LANGUAGE_ALIASES
        from .text import fold_key

        aliases = COUNTRY_ALIASES if info.field_name == "countries" else LANGUAGE_ALIASES
        # (codes and three-letter names are no typo's target: "fr" is no "Fra")
        known = {k: k.title() for code, names in aliases.items() for n in (code, *names) if len(k := fold_key(n)) > 3}
        for place in v:
            f = fold_key(place)
            close = _typo_of(f, known) if len(f) > 3 else None
            if close is not None:
                what = "country" if info.field_name == "countries" else "language"
                raise ValueError(f"unknown {what} {place!r}: did you mean {close!r}?")
        return v

    @field_validator("platforms")
    @classmethod
    def _platforms(cls, v: list[str]) -> list[str]:
        out = []
        for p in v:
            name = PLATFORM_WORDS.get(p.strip().lower())
            if name is None:
                raise ValueError(f"unknown platform {p!r}; use one of {', '.join(_PLATFORMS)}")
            out.append(name)
        return out

    @field_validator("tiers")
    @classmethod
    def _tiers(cls, v: list[str]) -> list[str]:
        out = [t.strip().lower() for t in v]
        for t in out:
            if t not in TIER_NAMES:
                raise ValueError(f"unknown tier {t!r}; use one of {', '.join(TIER_NAMES)}")
        return out

    @field_validator("min_engagement", mode="before")
    @classmethod
    def _rate(cls, v: Any) -> Any:
        if isinstance(v, str):
            from .io.parse import ParseError, parse_rate

            try:
                return parse_rate(v)
            except ParseError as exc:
                raise ValueError(str(exc)) from None
        if isinstance(v, int | float) and not isinstance(v, bool) and v >= 1:
            raise ValueError(f'{v} is not a fraction: write 0.02 or "2 %"')
        return v

    def summary_rows(self, lang: str = "en") -> list[list[Any]]:
        """The profile as (setting, value) rows in `lang`, for the shortlist's second sheet and the docs."""
        from .campaign.report_text import money, pct
        from .fit import _g, component_name
        from .labels import join_items, platform_name, report_label, setting_word, value_word

        def terms(ts: list[Term]) -> str:
            return join_items((f"{t.term} (x{_g(t.weight, lang)})" + (f" = {', '.join(t.synonyms)}" if t.synonyms else "")
                               for t in ts), lang)

        budget = (f"{money(round(self.budget.per_post), self.budget.currency, lang)} "
                  + report_label("per_post", lang) if self.budget.per_post is not None else "")
        rows = [
            ("brand", self.name),
            ("description", self.description),
            ("values", terms(self.values)),
            ("themes", terms(self.themes)),
            ("platforms", ", ".join(platform_name(p) for p in self.platforms)),
            ("tiers", ", ".join(str(value_word("tier", t, lang)) for t in self.tiers)),
            ("countries", ", ".join(self.countries)),
            ("languages", ", ".join(self.languages)),
            ("min_engagement", pct(self.min_engagement, lang, 2) if self.min_engagement is not None else ""),
            ("exclusions", ", ".join(self.exclusions)),
            ("competitors", ", ".join(self.competitors)),
            ("sectors", ", ".join(self.compliance.sectors)),
            ("budget", budget),
            ("weights", ", ".join(f"{component_name(k, lang)} {_g(v, lang)}" for k, v in self.weights.as_dict().items())),
        ]
        return [[setting_word(key, lang), value] for key, value in rows]




# ------------------------------------------------------------------------------------------ loading


def load_brand(path: str) -> Brand:
    """Read and validate a brand profile file ('-' is not accepted: the profile is a file)."""
    try:
        with open(path, encoding="utf-8-sig") as fh:
            text = fh.read()
    except FileNotFoundError:
        raise InfluError("brand profile not found (create one with `influkit brand init brand.toml`)",
                         file=path) from None
    except (OSError, UnicodeError) as exc:
        raise InfluError(f"cannot read the brand profile: {exc}", file=path) from None
    return parse_brand(text, path)


def parse_brand(text: str, source: str = "brand.toml") -> Brand:
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InfluError(f"invalid TOML: {exc}", file=source) from None
    try:
        return Brand.model_validate(data)
    except ValidationError as exc:
        raise InfluError(_first_error(exc, text), file=source) from None


def estimate_currency(profile: Brand | None) -> str | None:
    """The currency a brand's estimated prices are in: its budget's, when influkit converts to it (a rate in
    thresholds.FX_PER_EUR), else None (the sheet's own: pipeline.sheet_currency)."""

    if profile is None or profile.budget.per_post is None:
        return None
    code = profile.budget.currency.upper()
    return code if code in FX_PER_EUR else None


def saved_brand(data: dict[str, Any], what: str) -> Brand:
    """A profile the workspace saved with a list or a campaign (`what` says which), validated again: one
    saved by an older influkit may break a rule added since (a term in both values and themes), which
    is then said on one line with what to do, not as pydantic's report."""
    try:
        return Brand.model_validate(data)
    except ValidationError as exc:
        raise InfluError(f"the brand profile saved with {what} is no longer accepted: {_first_error(exc)}; "
                         "give the corrected profile with --brand") from None


def _first_error(exc: ValidationError, text: str = "") -> str:
    """A validation error on one line: its key, the line of the file `text` holding it, its message."""
    errors = exc.errors()
    # a misspelt key is the cause of a "missing" one: name it first, with its line
    errors.sort(key=lambda e: (e["type"] != "extra_forbidden", e["type"] == "missing"))
    first = errors[0]
    loc = tuple(first["loc"])
    dotted = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in loc).replace(".[", "[")
    line = locate(text, loc) if text else None
    message = first["msg"].removeprefix("Value error, ")
    if (first["type"] not in ("missing", "extra_forbidden") and "input" in first
            and not isinstance(first["input"], dict | list)):
        shown = repr(first["input"])
        message += f" (got {shown[:60]})"
    if first["type"] == "extra_forbidden":
        message = "unknown key (check its spelling; see `influkit brand init`)"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    where = f"line {line}: " if line else ""
    return f"{where}{dotted or '(top)'}: {message}{more}"


_HEADER = re.compile(r"^\s*\[(\[)?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


def locate(text: str, loc: tuple[Any, ...]) -> int | None:
    """Best-effort 1-based line of a key path such as ("weights", "fit") or ("values", 2, "weight")."""
    lines = text.splitlines()
    headers = [(i, m.group(2), bool(m.group(1))) for i, line in enumerate(lines) if (m := _HEADER.match(line))]

    def section_end(start: int) -> int:
        return next((i for i, _, _ in headers if i > start), len(lines))

    start, end = 0, (headers[0][0] if headers else len(lines))
    found: int | None = None
    prefix: list[str] = []
    k = 0
    while k < len(loc):
        part = loc[k]
        if not isinstance(part, str):
            k += 1
            continue
        prefix.append(part)
        dotted = ".".join(prefix)
        tables = [(i, aot) for i, name, aot in headers if name == dotted and i >= start]
        if tables:
            index = loc[k + 1] if k + 1 < len(loc) and isinstance(loc[k + 1], int) else 0
            i = tables[min(index, len(tables) - 1)][0] if tables[0][1] else tables[0][0]
            found, start, end = i + 1, i + 1, section_end(i)
            k += 1
            continue
        pattern = re.compile(rf"^\s*[\"']?{re.escape(part)}[\"']?\s*=")
        for i in range(start, end):
            if pattern.match(lines[i]):
                found, start = i + 1, i
                break
        k += 1
    return found


# --------------------------------------------------------------------------------------- template

TEMPLATE = '''# influkit brand profile — read by `influkit score --brand brand.toml`.
# Every key is optional except `name`. Terms are matched accent- and case-insensitively, on word
# boundaries, with French/English plurals and simple inflections ("végane" finds "Véganes").
# See docs/scoring.md for how each component is computed.

name = "My brand"
description = "One line about the brand (shown in the shortlist's second sheet)."

# Values: what a creator should stand for. A plain string has weight 1; a table gives a weight
# (above 0, up to 10) and synonyms (other words or phrases, in any language).
values = [
  { term = "vegan", weight = 3, synonyms = ["végane", "végétalien", "plant based"] },
  { term = "cruelty free", weight = 3, synonyms = ["non testé sur les animaux", "leaping bunny"] },
  "sustainable",
]

# Themes: what the content is about.
themes = [
  { term = "skincare", weight = 3, synonyms = ["skin care", "soin de la peau", "routine soin"] },
  { term = "beauty", weight = 2, synonyms = ["beauté", "cosmétique"] },
]

# What you are looking for (empty = no preference).
platforms = ["instagram", "tiktok"]      # instagram, tiktok, youtube, x, twitch, facebook, blog, ...
tiers = ["micro", "mid"]                 # nano, micro, mid, macro, mega (bands: `influkit thresholds`)
countries = ["France", "Belgium"]        # names or ISO codes (FR, BE)
languages = ["fr"]                       # names or ISO codes
min_engagement = "2 %"                   # or 0.02; below it the engagement component is capped

# Brand safety: a creator whose text mentions one of these gets score 0, and the reason says so.
exclusions = ["casino", "paris sportifs", "crypto", "fast fashion"]

# Brands a creator should not have worked with (looked for in bio, notes, captions and any
# brands/collaborations column). A hit sets score 0.
competitors = ["Competitor A", "Competitor B"]

[budget]
per_post = 800        # what you can pay per post; "800 €" works too
currency = "EUR"

# Relative weights of the score components (need not sum to 1; 0 switches one off).
[weights]
fit = 0.35            # values and themes found in the creator's texts
engagement = 0.20     # engagement rate against the tier benchmark
authenticity = 0.15   # authenticity column (0-100) and flags, when enriched
reach = 0.10          # platform and tier wanted
audience = 0.10       # country and language wanted
cost = 0.10           # quoted or estimated price against the budget and the fair band

# The disclosure check (`influkit check`, docs/compliance.md).
[compliance]
rules = ["fr"]                 # rule sets when --rules is not given: fr, us, uk, eu
sectors = []                   # what the brand sells, e.g. ["crypto"], ["vape"]: banned promotions flagged
retouched_images = false       # true: the brief retouches body or face, "Images retouchées" required
virtual_images = false         # true: an AI-made face or body, "Images virtuelles" required
registration = ""              # AMF/ACPR registration number (crypto-asset services, investment products)

# The campaign `influkit report` judges (optional): total budget and numeric objectives.
# [campaign]
# name = "Printemps 2026"
# budget = 8000                # total, in `currency`; "8 000 €" works too, "£8,000" is in GBP
# currency = "EUR"
# [campaign.objectives]        # floors: views, engagements, er_views, reach, clicks, orders, revenue, roas
# views = "600k"               # ceilings: cpe, cpm, cpv, cpa, cost
# orders = 20
# cpe = 0.25
'''
