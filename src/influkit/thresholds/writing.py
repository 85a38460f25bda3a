"""Numbers of the writers (new workbooks, in-place edits, atomic files), each with its source."""

from __future__ import annotations

# ---------------------------------------------------------------------------------- Excel's limits
EXCEL_HYPERLINK_LIMIT = 65_530  # native hyperlinks per worksheet
EXCEL_URL_MAX = 255  # longest string a formula (HYPERLINK()) accepts
EXCEL_LINK_URL_MAX = 2_079  # longest URL of a native hyperlink
EXCEL_CELL_MAX = 32_767  # characters (UTF-16 code units) a cell holds
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384
EXCEL_SHEET_NAME_MAX = 31
EXCEL_NUMBER_DIGITS = 15  # significant digits a number cell keeps (a longer id written as a number is changed)

_EXCEL_SPECS = "Excel specifications and limits (support.microsoft.com, 'Excel specifications and limits')"

# ------------------------------------------------------------------------------------- our choices
WIDTH_SAMPLE_ROWS = 500  # rows looked at to size a column
MAX_COLUMN_WIDTH = 60  # characters
ROWS_PER_CHUNK = 4_096  # rows turned into XML at a time (memory bound of the streamed writers)
CSV_CHUNK_ROWS = 1_000  # rows turned into CSV text and written at a time (~1 MB, whatever the table's size)
ZIP_LEVEL = 1  # deflate level of the sheet parts
DEFLATE_QUEUE_CHUNKS = 2  # chunks (4 MB of XML each) waiting for the deflating thread
PARALLEL_WRITE_MIN_ROWS = 20_000  # a new workbook's sheet of this many rows is written by forked processes too
PARALLEL_WRITE_MAX_ROWS = 250_000  # ... up to this many (above, the pages they copy cost too much memory)
WRITE_PROCESSES = 2  # processes writing one sheet's rows (the caller and forked writers; Linux, 2+ CPUs)
STALE_PART_SECONDS = 6 * 3600  # a `.part` file this old, of a process no longer alive, is removed
LARGE_PART_BYTES = 1_500_000_000  # above this (estimated) a zip member is written as ZIP64
TERMINAL_TABLE_ROWS = 25  # rows of a table or a report's section drawn as a text table (-f table)
VALIDATION_LIST_ROWS = 1_000  # cells read from the range a data-validation list names (its dropdown's words)
JSON_PIECES = 1 << 16  # pieces of a JSON document's text (a report's -f json) written to the file at once


def rows() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []

    def add(name: str, value: object, source: str) -> None:
        out.append({"group": "writing", "name": name, "value": value, "source": source})

    add("hyperlinks per sheet", EXCEL_HYPERLINK_LIMIT,
        f"{_EXCEL_SPECS}: 65,530 hyperlinks in a worksheet; more are written as HYPERLINK() formulas")
    add("HYPERLINK() URL max", EXCEL_URL_MAX, f"{_EXCEL_SPECS}: 255 characters in a formula's text value")
    add("native link URL max", EXCEL_LINK_URL_MAX, "Excel refuses longer hyperlink addresses (xlsxwriter's check)")
    add("characters per cell", EXCEL_CELL_MAX, f"{_EXCEL_SPECS}: total number of characters a cell can contain")
    add("rows per sheet", EXCEL_MAX_ROWS, _EXCEL_SPECS)
    add("columns per sheet", EXCEL_MAX_COLUMNS, _EXCEL_SPECS)
    add("digits of a number cell", EXCEL_NUMBER_DIGITS,
        f"{_EXCEL_SPECS}: number precision 15 digits; a kept text column of longer numbers (a post or order id) "
        "stays text in influkit's workbooks")
    add("column width sample (rows)", WIDTH_SAMPLE_ROWS, "influkit convention: widths from the first rows")
    add("max column width", MAX_COLUMN_WIDTH, "influkit convention: long text wraps instead")
    add("rows per XML chunk", ROWS_PER_CHUNK,
        "measured: 4k rows x 41 columns keeps the writer under 30 MB above the table with no loss of speed")
    add("rows per CSV chunk", CSV_CHUNK_ROWS,
        "measured at 100k rows x 52 columns (`score`): write_csv 0.60-0.71 s by 1k rows, 0.63-0.82 s by 2k, "
        "0.75-0.97 s by 4k, 0.98-1.0 s by 20k (a 1k chunk's fields are still in the processor's cache when "
        "joined into records); never the whole table as text at once (issue #14)")
    add("validation list cells read", VALIDATION_LIST_ROWS,
        "influkit convention: a dropdown's words come from the range its data-validation list names; a status "
        "list is a dozen words, and a longer range is no vocabulary (Excel's own inline list holds at most 255 "
        "characters, Excel specifications)")
    add("deflate level", ZIP_LEVEL,
        "measured at 100k x 41: level 1 compresses ~3x faster than 6 for a file ~25 % larger")
    add("chunks waiting to be deflated", DEFLATE_QUEUE_CHUNKS,
        "influkit convention: the XML of the next chunk is built while one is deflated; two in the queue "
        "keep both threads busy and bound the memory to a few chunks")
    add("rows of a sheet written by 2 processes", PARALLEL_WRITE_MIN_ROWS,
        "measured (write_xlsx of the enriched 100k table's first rows, four alternated pairs): 10k rows "
        "0.23-0.38 s with one process, 0.28-0.33 s with two; 20k 0.45-0.73 s, 0.46-0.66 s; 40k 0.83-1.42 s, "
        "0.73-0.79 s")
    add("rows of a sheet written by 2 processes, at most", PARALLEL_WRITE_MAX_ROWS,
        "measured at 500k rows (enrich + workspace -> xlsx): 8.1 s of writing against 9.3 s, but 974 MB "
        "against 677 MB (each process copies the pages of the cells it touches while the other lives); the "
        "target is 1 GiB at 500k rows (issue #14): below this, at most ~150 MB more")
    add("processes writing one sheet", WRITE_PROCESSES,
        "measured at 100k x 41 on 2 cores (write_xlsx, three alternated pairs): 1.80-2.16 s against 2.27-2.65 s "
        "for one process (issue #14); each "
        "forked writer copies the pages of its rows' cells, so more would cost memory for cores not always there")
    add("stale .part age (s)", STALE_PART_SECONDS,
        "influkit convention: a temporary file of a dead process, or this old, is left from a killed run")
    add("ZIP64 above (bytes)", LARGE_PART_BYTES, "zip members over 2 GiB need ZIP64 (PKWARE APPNOTE 4.3.9)")
    add("JSON pieces written at once", JSON_PIECES,
        "influkit convention: a report's JSON is written as it is encoded, this many pieces at a time, never "
        "held whole: a 500k-row funnel's 61 MB of JSON took 250 MB more as one text (measured)")
    add("rows of a text table", TERMINAL_TABLE_ROWS,
        "influkit convention: a text table (-f table, the terminal's default) shows the first rows of each "
        "section and says how many more; csv and json carry them all. Drawing 66,430 follow-ups took 48 s "
        "(measured, a 150k-row funnel)")
    return out
