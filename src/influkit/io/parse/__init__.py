"""Cell parsers for messy French/English influencer-prospecting sheets, one module per kind of cell:

- `numbers`: counts ("12,5 k", "1M2", "10K-15K"), rates ("3,4 %"), prices with currency, range,
  deliverable and tax ("300-500 € HT / 3 stories"), currencies;
- `dates`: date cells, ISO, dd/mm or mm/dd (decided per column), French/English month names;
- `profiles`: profile links, @handles, names carrying a handle, platforms;
- `labels`: funnel stages (negations, free-text statuses), outreach channels, e-mails.

Every parser takes one raw cell value (str, int, float, bool, date, datetime or None) and returns the
parsed value, ``None`` for a missing cell (never raises for those), or raises :class:`ParseError` whose
message is short and human, e.g. ``could not read 'beaucoup'``; the caller prefixes the column name.

They are called on millions of cells: the string paths are cached (``functools.lru_cache``) and only
``str`` values ever reach a cache; numbers take fast paths. Cached inner functions return a ``_Bad``
marker instead of raising, so repeated bad values are cheap too.
"""

from __future__ import annotations

from ._base import ParseError, is_missing
from .dates import (
    WordDate,
    Yearless,
    date_format_order,
    date_option,
    date_order_ambiguous,
    date_order_vote,
    parse_date,
    parse_date_or_yearless,
    word_date_like,
    yearless_date,
    yearless_recent,
)
from .labels import parse_channel, parse_email, parse_emails, parse_stage, words_beside_emails
from .numbers import (
    CURRENCIES,
    MAX_COUNT,
    Price,
    amount_currency,
    counted_amount,
    currency_code,
    decimal_mark,
    deliverables,
    detect_currency,
    parse_count,
    parse_count_noted,
    parse_currency,
    parse_decimal,
    parse_money,
    parse_price,
    parse_rate,
    parse_signed_count,
)
from .profiles import (
    Profile,
    canonical_handle,
    handle_not_allowed,
    is_short_link,
    is_youtube_channel_id,
    parse_platform,
    parse_profile,
    profile_url,
    says_more,
    split_name_handle,
)

__all__ = [
    "CURRENCIES",
    "currency_code",
    "MAX_COUNT",
    "ParseError",
    "Price",
    "Profile",
    "WordDate",
    "Yearless",
    "amount_currency",
    "canonical_handle",
    "handle_not_allowed",
    "is_youtube_channel_id",
    "date_option",
    "date_format_order",
    "word_date_like",
    "date_order_ambiguous",
    "date_order_vote",
    "counted_amount",
    "deliverables",
    "detect_currency",
    "is_missing",
    "is_short_link",
    "parse_channel",
    "parse_count",
    "parse_count_noted",
    "parse_currency",
    "decimal_mark",
    "parse_decimal",
    "parse_date",
    "parse_date_or_yearless",
    "parse_email",
    "parse_emails",
    "words_beside_emails",
    "parse_money",
    "parse_platform",
    "parse_price",
    "parse_profile",
    "parse_rate",
    "parse_signed_count",
    "parse_stage",
    "profile_url",
    "says_more",
    "split_name_handle",
    "yearless_date",
    "yearless_recent",
]
