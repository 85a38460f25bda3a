"""Reading thresholds: the numbers that decide how a sheet is read (header search, sniffing, content
shares, plausible values), each with its source or rationale. `influkit thresholds` prints them.

Every constant is declared through `_setting`, which records it for `rows()`; the reading code
(`influkit.io.read`, `io.normalize`, `io.columns`, `io.parse`) imports the names below and hard-codes
none of its own.
"""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")
_ROWS: list[tuple[str, object, str]] = []


def _setting(name: str, value: T, source: str) -> T:
    _ROWS.append((name, value, source))
    return value


# ------------------------------------------------------------------------------------- finding the table
HEADER_SCAN_ROWS = _setting(
    "header scan rows", 30,
    "the header row is searched among the first 30 rows: title blocks, logos and notes above real "
    "agency tables take 1-10 rows; 30 leaves room without reading data rows as headers")
HEADER_MIN_KNOWN = _setting(
    "header min known cells", 2,
    "a row needs at least 2 cells naming known columns to be taken as the header (one could be a title "
    "such as 'Instagram')")
SNIFF_LINES = _setting(
    "delimiter sniff lines", 60,
    "CSV delimiter chosen on the first 60 lines: enough for title rows and multi-line cells, cheap on "
    "500k-row files")
SHEET_LIST_MIN_SCORE = _setting(
    "tab looks like a list: min known headers", 2,
    "a tab is a prospect list when one of its top rows names 2+ known columns (the header rule above)")
TWO_ROW_HEADER_MAX_GROUPS = _setting(
    "two-row header: max group labels", 12,
    "a row of network names above the header (merged 'Instagram' over 'Abonnés | ER') is read as a "
    "group label row when it holds at most this many labels")
PARSE_CACHE_SIZE = _setting(
    "parser cache entries", 65536,
    "per parser; sheets repeat values (statuses, platforms, dates): 64k distinct strings keep the hit "
    "rate high at 500k rows for a few MB")
SHARED_CELLS_CHUNK = _setting(
    "repeated cells shared: rows a pass", 4096,
    "equal cells of a column (statuses, countries, dates, round numbers) are made one object every 4,096 "
    "rows as the reader hands them over, so a 500k-row sheet's repeats never all exist at once "
    "(measured: enrich at 500k peaks at 680 MB instead of 1,192 MB, with the other changes of issue #14)")
SHARED_CELLS_MAX_DISTINCT = _setting(
    "repeated cells shared: stop above this distinct share", 0.5,
    "a column whose cells are mostly distinct (links, e-mails, handles) stops being looked at after one "
    "pass: sharing would cost a lookup per cell and save nothing")

FORMAT_SAMPLE_CELLS = _setting(
    "kept column's number format: number cells looked at", 2000,
    "a column influkit keeps as it is shows its numbers in the format most of its first 2,000 number cells "
    "share (columns are formatted whole), each cell its own when they disagree or when the workbook shows "
    "currencies (an amount's currency is no matter of display); a whole 100k-row column's formats cost "
    "about 0.4 s (measured), its first 2,000 cells a few ms")

# -------------------------------------------------------------------------------------- hostile cells
CSV_FIELD_LIMIT = _setting(
    "CSV field size limit (characters)", 1 << 30,
    "Python's csv default is 131,072 characters and stops the whole file on a longer field; fields up "
    "to 1 GiB are read and flagged instead")
LONG_CELL_CHARS = _setting(
    "long cell flagged above (characters)", 131_072,
    "Python csv's default field size limit: a cell longer than this is kept whole and flagged as an "
    "issue on its row (Excel itself stops at 32,767 characters per cell)")
MAX_NUMBER_CHARS = _setting(
    "max characters of a number cell", 64,
    "a count or amount written with more characters than this (thousands of digits) is not read: no "
    "real count needs more than 20 digits, and converting huge digit strings costs seconds")

# ------------------------------------------------------------------------------------ plausible values
SNIFF_BYTES = _setting(
    "bytes read to tell text from binary", 4096,
    "the first 4 KiB say whether a file is UTF-16 without BOM (every other byte NUL) or binary")
UTF16_NUL_SHARE = _setting(
    "UTF-16 without BOM: min share of NUL bytes", 0.4,
    "ASCII-heavy UTF-16 has a NUL in nearly every other byte (odd or even positions), text never does")
BINARY_NUL_SHARE = _setting(
    "binary file: min share of NUL bytes", 0.1,
    "more than 10 % NUL bytes (and more than 8) is a binary file; a stray NUL in a bio is a hostile cell")
BINARY_CONTROL_SHARE = _setting(
    "binary file: min share of control bytes", 0.05,
    "text (UTF-8, cp1252, latin-1) holds no control bytes but tab and line ends; random or compressed bytes "
    "hold about 12 % (30 of 256 values): more than 5 % (and more than 8) in the first bytes is a binary file, "
    "a stray control character in a bio is a hostile cell")
MAX_COUNT = _setting(
    "max count", 10**15,
    "larger than any real count (the biggest in ../shared/datasets: 2.28E+11 total views) and small "
    "enough for SQLite's 64-bit integers and float arithmetic: beyond it a cell is 'out of range'")
MAX_EXPONENT = _setting(
    "max exponent in a number cell", 30,
    "'2.28E+11' is real; 'E+99999' would build a 100k-digit number: exponents beyond 30 are refused")
MAX_RATE = _setting(
    "max plausible rate", 10.0,
    "a rate over 1000 % is not an engagement rate (viral micro accounts reach a few hundred % of "
    "followers); '1e308%' and the like are refused with an issue, not kept")
PRICE_MIN_AMOUNT = _setting(
    "quoted price: least amount", 1,
    "a creator quotes whole units of a currency: the lowest published rates are $10-20 per 1,000 followers "
    "(the pricing table's source), so a nano account of 1,000 followers asks about $10; an amount under "
    "1 ('0.024' under 'Prix') is a rate or a share typed under a price header: no price, said on its row. "
    "A price column whose cells are mostly such fractions is a rate ('Taux', 'Rate') or kept as is")
DATE_MIN_YEAR = _setting(
    "earliest date year", 1900,
    "Excel's date system starts on 1900-01-01; the same bound applies to text and to date cells")
DATE_MAX_YEAR = _setting(
    "latest date year", 2100,
    "no prospecting event is planned after 2100: '9999-12-31' (a 'never' placeholder) is refused in "
    "CSV and xlsx alike")
EXCEL_SERIAL_MIN = _setting(
    "Excel serial read as a date: min", 20_000,
    "a bare number in a date column is an Excel serial only between 20000 (1954-10-03) and 80000 "
    "(2119-01-10); smaller numbers are more likely counts typed in the wrong column")
EXCEL_SERIAL_MAX = _setting(
    "Excel serial read as a date: max", 80_000, "see the min above")
YEARLESS_DATE_AHEAD_DAYS = _setting(
    "date without a year: days ahead allowed", 31,
    "'12 mars' takes the year most of the other full dates of its column (else of its sheet) have; with "
    "none, its most recent occurrence, allowing one month ahead of today: a prospect sheet records past "
    "events (contacts, replies, posts) and plans a few weeks out at most, so on 1 December '12 mars' is "
    "last March, not next March (a future date the funnel would drop), while '10 décembre' is this month")
YEARLESS_NEAR_DAYS = _setting(
    "date without a year: nearer the other dates within", 92,
    "a date without a year takes the year before or after its column's when that puts it within a "
    "quarter (92 days) of the middle of the dates it is read with and its column's year does not: "
    "'12 janv.' among December 2025's contacts is January 2026; '12 mars' among October and November "
    "2025's stays March 2025 (as far from either reading)")

# ------------------------------------------------------------------------------- columns from contents
CONTENT_SAMPLE = _setting(
    "cells sampled per column", 200,
    "content checks read up to 200 non-empty cells spread over the whole column: enough for a share "
    "within about 7 points (95 %), cheap at 500k rows")
CONTENT_DECIDES_SHARE = _setting(
    "content decides: min share", 0.6,
    "a column whose sampled cells are at least 60 % of one kind (profile links, e-mails, @handles, "
    "platform names) is that kind whatever its header says; below, the header decides")
EMAIL_CELL_MAX_WORDS = _setting(
    "e-mail cell: at most words beside the addresses", 4,
    "a cell counts as an e-mail address (for finding the e-mail column) only when it is addresses with at "
    "most a display name or a short label beside them: 'Léa de Vries <lea@x.fr>', '📩 Email pro : a@x.fr' "
    "(up to 4 words); a bio or a note that mentions an address ('Maman de 2 | recettes vegan | Lyon 📩 "
    "a@x.fr', 'Relancer via a@x.fr la semaine pro') has more and is text")
ABBREVIATION_MIN_LETTERS = _setting(
    "abbreviated header word: min letters", 3,
    "a header word cut short and marked by a point ('Enreg.', 'Impr.', 'Partag.') is read as the known word "
    "it begins when at least 3 letters are kept and every known word it begins means the same thing; "
    "'Co.' or 'Pa.' could begin too many words to say which")
CONTENT_MIN_CELLS = _setting(
    "content alone decides: min cells", 3,
    "a column whose header says nothing is given a meaning from its cells only when at least 3 of them "
    "agree: one 'x' is not a column of platforms")
CONTENT_CONFIRMS_SHARE = _setting(
    "content confirms a header: min share", 0.5,
    "a header naming a number (likes, comments) is kept when at least half of its cells are numbers; "
    "'Commentaires' full of text is notes, not a count")
PLATFORM_COLUMN_SHARE = _setting(
    "column of network names: min share", 0.8,
    "a column is the platform from its cells alone when 80 % of them name a network (Modash's 'Channel'); "
    "higher than for links because short words ('Instagram', 'Site') also appear in notes and categories")
CONTENT_MINOR_SHARE = _setting(
    "a kind is absent below", 0.2,
    "a header's own kind counts as absent from a column when under 20 % of its cells: 'Taux' with "
    "percentages and no prices is a rate; 'Statut' full of dates is not a status")
RATE_POINTS_DOUBT = _setting(
    "rate in percentage points: doubtful below", 0.1,
    "in a column of percentage points (2.5 meaning 2.5 %), a bare number under 0.1 reads as an engagement "
    "under 0.1 %, far below any tier's usual rate (HypeAuditor's 2018 study by follower band, hypeauditor.com/blog), where the same cell read as a "
    "fraction (0.034 = 3.4 %) is ordinary: read in points as the column says, and said on its row")
ENGAGEMENT_COUNT_MIN_SHARE = _setting(
    "average engagements column: a count from", 0.0005,
    "a column of average engagements per post ('Avg. engagement') whose median row is under 0.05 % of the "
    "followers, every number under 100 (5.5 beside 890K followers), holds rates, not counts: 0.05 % is 50 "
    "times under the lowest band's median rate (HypeAuditor's 2018 study by follower band, hypeauditor.com/blog); read as the rate column "
    "reads its cells, and said in er_method")
UNIT_IN_FULL_RATIO = _setting(
    "a unit column's count written in full: min ratio to the median", 1000,
    "under 'Abonnés (k)', a bare number at least 1,000 times the column's median (120000 among 12.5 "
    "and 45) reads as 120 million; it is more likely the full count typed in the wrong column: said on "
    "its row, never changed")
LIFETIME_TOTAL_MIN_RATIO = _setting(
    "average per post read as a lifetime total: min median ratio to followers", 10,
    "a column read as an average per post (views, likes, comments, shares) whose median row is 10 times "
    "the row's followers or more holds each account's lifetime totals, not averages (unless its header "
    "says average): per-post averages sit well under the followers (median row of real lists: TikTok "
    "average views 0.54 x followers, 90th percentile 3.4; YouTube average views 0.011 x; Instagram "
    "average likes 0.018 x, Kaggle Dec 2022 and top-200 lists; ER bands of 1-17 % in HypeAuditor's 2018 "
    "study), while lifetime totals are tens to hundreds of times the followers (YouTube Data API "
    "statistics.viewCount 208,790,084 for subscriberCount 2,260,000: 92 x; the daily channel snapshots' "
    "median row 184 x, Global YouTube Statistics 2023 426 x, Instagram total likes 38 x): 10 lies between, "
    "with room on both sides")
SERIES_REPEAT_SHARE = _setting(
    "sheet of dated snapshots: min share of repeated accounts", 0.5,
    "a sheet with a date column where at least half of the rows repeat an earlier row's account is a "
    "series of snapshots (one row per account and day: the YouTube daily channel snapshots repeat 227 "
    "channels over 4,628 rows, 95 %), not a prospect list, whose repeats are a creator pasted twice (the "
    "Kaggle Instagram top 1000: one account in 1,000 rows; the YouTube top 1000: 3 rows): enrich says to "
    "record it with `history import`")
HANDLE_COLUMN_SHARE = _setting(
    "name column full of handles: min share", 0.95,
    "a 'name' column is read as handles only when 95 % of its cells are single handle-like words")
LABEL_LINK_DISTINCT_SHARE = _setting(
    "link labels: max distinct share", 0.5,
    "in a column of hyperlinks, display texts repeating ('Profil', 'voir', 'Chaîne YT') are labels when "
    "fewer than half of them are distinct; distinct texts (names) are data")
PERCENT_POINTS_SHARE = _setting(
    "rate column in percent points: min share above 1", 0.5,
    "a rate column is in percentage points when at least half of its bare numbers are above 1: one "
    "scale per column")
POINTS_MEDIAN_FRACTION = _setting(
    "rate column in points: fraction median above", 0.3,
    "bare rates all <= 1 are fractions unless their median would be an engagement over 30 %, far above "
    "any tier's median (HypeAuditor: 1-6 %): then they are points (0.8 means 0.8 %)")
DAY_FIRST_DEFAULT = _setting(
    "ambiguous dates: day first", True,
    "a date column where no cell decides (every text date's day <= 12, no date cell shown dd/mm/yyyy or "
    "mm/dd/yyyy) takes the order the sheet's other date columns "
    "decide (a US sheet's 'Date Contacted' full of 3/25/2026 makes its 'Date Replied' 4/3/2026 April 3); "
    "when no column decides, day first: these are French sheets. A single '25' in the first place makes "
    "a whole column month first")
COUNT_RANGE_POINT = _setting(
    "count range read at", 0.5,
    "'10K-15K' followers is read at its midpoint (0.5 between low and high), said in the row's issues")

# -------------------------------------------------------------------------------------- non-creator rows
LABEL_MAX_CHARS = _setting(
    "label cell of a total or section row: max characters", 60,
    "'TOTAL', 'Moyenne générale', '— Instagram —' are short; a longer cell is a note or a bio, not a label")
REPEATED_HEADER_SHARE = _setting(
    "header repeated in the table: min share of its cells", 0.8,
    "a row whose filled cells are 80 % header names is the header again (after a page break or a paste)")
SECTION_MIN_WIDTH = _setting(
    "section title rows: min table width", 3,
    "a row with a single label cell is a section title ('— Instagram —', 'BEAUTÉ :') only in tables of "
    "3+ columns, where creator rows fill several cells")
SUMMARY_MIN_ROWS = _setting(
    "label like a total's: rows a sum needs", 2,
    "a row labelled 'Total Gaming' or 'Sous-total beauté' with cells of its own (a category, a country, its "
    "rank) is a summary when one of its numbers is the sum (total) or the mean (average) of its column over "
    "the rows above, to the digits the cell writes; a sum or an average of a single row is that row's own "
    "number and says nothing, so 2 rows above at least")


def rows() -> list[dict[str, object]]:
    """The reading thresholds as rows (group, name, value, source) for `influkit thresholds`."""
    return [{"group": "reading", "name": name, "value": value, "source": source} for name, value, source in _ROWS]
