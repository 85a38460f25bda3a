"""The values a spreadsheet shows for a formula that failed: Excel's, Google Sheets' and LibreOffice's, in
English and in the languages their French, German, Spanish and Italian versions write in a CSV export.
A cell holding one is no value: a column influkit reads gets an issue on the row naming the error, a
column it only keeps keeps the text."""

from __future__ import annotations

import re

_ENGLISH = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!",
            "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#PYTHON!", "#EXTERNAL!",
            "#ERROR!")  # (#ERROR!: Google Sheets' parse error)
_FRENCH = ("#NUL!", "#VALEUR!", "#NOM?", "#NOMBRE!", "#N/D", "#PROPAGATION!", "#CHAMP!", "#CALCUL!",
           "#OBTENTION_DONNEES", "#ERREUR!")
_GERMAN = ("#NULL!", "#WERT!", "#BEZUG!", "#NAME?", "#ZAHL!", "#NV", "#ÜBERLAUF!", "#FELD!", "#BERECHNUNG!")
_SPANISH = ("#¡NULO!", "#¡DIV/0!", "#¡VALOR!", "#¡REF!", "#¿NOMBRE?", "#¡NUM!", "#N/A", "#¡DESBORDAMIENTO!",
            "#¡CALC!", "#¡CAMPO!")
_ITALIAN = ("#NULLO!", "#VALORE!", "#RIF!", "#NOME?", "#NUM!", "#N/D", "#ESPANSIONE!", "#CAMPO!", "#CALC!")
# LibreOffice's own error codes (Err:501 invalid character ... Err:539, Err:5xx kept for later versions)
_LIBREOFFICE = tuple(f"Err:{n}" for n in range(500, 600))

FORMULA_ERRORS: frozenset[str] = frozenset((*_ENGLISH, *_FRENCH, *_GERMAN, *_SPANISH, *_ITALIAN, *_LIBREOFFICE))


def formula_error(value: object) -> str | None:
    """The error a cell shows (`#REF!`, `#N/D`, `Err:502`), None for any other value. Spreadsheets write
    these exactly: text with spaces around one is read as written, `#n/a` typed by hand too."""
    return value if isinstance(value, str) and value in FORMULA_ERRORS else None


_HASH_ERROR = re.compile("#(?:" + "|".join(re.escape(e[1:]) for e in sorted(
    (e for e in FORMULA_ERRORS if e.startswith("#")), key=len, reverse=True)) + ")")


def may_show_errors(text: str) -> bool:
    """Whether a file's text may hold a formula error cell: it holds one of their spellings somewhere.
    False lets a reader skip looking at every cell of every row (a CSV without one, the common case).
    (One `in` for LibreOffice's "Err:", then a look at each "#", where a search of every spelling over the
    whole text would take longer than looking at the cells.)"""
    if "Err:5" in text:
        return True
    match, find = _HASH_ERROR.match, text.find
    at = find("#")
    while at >= 0:
        if match(text, at):
            return True
        at = find("#", at + 1)
    return False
