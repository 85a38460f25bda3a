"""Check boxes as sheets write them: one vocabulary, two uses.

- A spreadsheet's own check box (Excel, Google Sheets, LibreOffice) is a boolean: `True`/`False` in a
  workbook, `TRUE`/`FALSE` (`VRAI`/`FAUX` from a French one) in its CSV export (`BOOLEAN_TICKED`,
  `BOOLEAN_UNTICKED`). Google Sheets fills a check-box column with them far below the data, so a row
  holding nothing but booleans is a blank row (`only_booleans`, `io.read`): no account, no value.
- A person ticking a column by hand types a mark (`x`, `✓`, `oui`/`non`, `1`/`0`, `-`...): `TICKED` and
  `UNTICKED` are the booleans' words *and* those marks, read when a column whose header names a stage
  gives the rows their stage (`box`, `io.normalize`). A typed mark is a value someone wrote: a row
  holding only `x` or `non` is read, never skipped as blank.

So the booleans are a part of the marks (`BOOLEAN_WORDS <= TICKED | UNTICKED`), and only they make a row blank.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

BOOLEAN_TICKED = frozenset({"true", "vrai"})
BOOLEAN_UNTICKED = frozenset({"false", "faux"})
BOOLEAN_WORDS = BOOLEAN_TICKED | BOOLEAN_UNTICKED
_BOOLEAN_MAX = max(map(len, BOOLEAN_WORDS))  # (longer text is no boolean: no casefold for it)

# a check box's value as a sheet or its CSV export writes it, or as a person marks it: ticked, or not
# (an empty cell is not)
TICKED = BOOLEAN_TICKED | frozenset({"oui", "yes", "y", "o", "x", "1", "✓", "✔", "☑", "☒", "✅", "checked"})
UNTICKED = BOOLEAN_UNTICKED | frozenset({"non", "no", "n", "0", "☐", "✗", "✘", "❌", "-", "unchecked"})
# marks that say nothing, read as an empty cell: an empty box for `box` (0), not said for `mark` (None)
UNSAID = frozenset({"-", "—", "–", "?"})


def only_booleans(cells: Iterable[Any]) -> bool:
    """No cell but None, blank text and a check box's booleans (True/False, or TRUE/FALSE/VRAI/FAUX text):
    a data row blank but for the unchecked (or checked) boxes Google Sheets fills a check-box column with
    below the data. Such a row names no account and holds no value: a blank row, in xlsx and CSV. A mark
    typed by hand (`x`, `non`, `0`) is a value: such a row is not blank."""
    for c in cells:
        if c is None or c is True or c is False:
            continue
        if c.__class__ is str:
            t = c.strip()
            if not t or len(t) <= _BOOLEAN_MAX and t.casefold() in BOOLEAN_WORDS:
                continue
        return False
    return True


def box(v: Any) -> int:
    """1 for a ticked check box (a boolean or a mark), 0 for an unticked one or an empty cell, -1 for any
    other value."""
    if v is None or v is True or v is False:
        return int(v is True)
    if isinstance(v, int | float):
        return int(v) if v in (0, 1) else -1
    if isinstance(v, str):
        t = v.strip().casefold()
        return 0 if not t or t in UNTICKED else 1 if t in TICKED else -1
    return -1


def mark(v: Any) -> bool | None:
    """What a cell says of a yes/no question (a check box, a platform's label turned on): True ticked, False
    unticked (a boolean or a mark of TICKED/UNTICKED, 1/0), None when it says nothing (an empty cell, a dash
    or `?` (UNSAID): as an empty cell, which `box` reads as an empty box) or is no mark."""
    if v is None or v is True or v is False:
        return v
    if isinstance(v, int | float):
        return bool(v) if v in (0, 1) else None
    if isinstance(v, str):
        t = v.strip().casefold()
        if not t or t in UNSAID:
            return None
        return True if t in TICKED else False if t in UNTICKED else None
    return None
