"""The error cells of an Excel 97-2003 workbook (.xls): `#N/A`, `#DIV/0!`, `#REF!`, `#VALUE!`... which
python-calamine gives as empty text, read from the file itself so that they are treated as an xlsx's are
(`workbook.SheetExtras.errors`: the cell reads as empty, a column influkit reads gets an issue naming the
error, a kept column keeps its text).

An .xls is a compound file (OLE2: sectors chained by a FAT, a directory of streams, small streams in a
mini stream) holding a "Workbook" stream of BIFF8 records: BOUNDSHEET names each sheet and where its
records start; in a sheet, BOOLERR is a typed error (or boolean) and FORMULA a formula whose cached
result may be an error. Only what these need is read; anything unexpected (a damaged or BIFF5 file) gives
no error cells rather than stopping the read, which python-calamine already did.
"""

from __future__ import annotations

import struct

# the error codes BIFF8 (and the binary xlsx, xlsb) store, as Excel shows them
ERROR_CODES = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
               0x2A: "#N/A", 0x2B: "#GETTING_DATA"}

_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END = 0xFFFFFFFE  # end of a sector chain
_FREE = 0xFFFFFFFF
_BOUNDSHEET, _BOF, _EOF, _BOOLERR, _FORMULA = 0x0085, 0x0809, 0x000A, 0x0205, 0x0006

Cell = tuple[int, int]


class _Damaged(Exception):
    """The compound file or its records are not as the format says."""


def _chain(fat: list[int], start: int) -> list[int]:
    out: list[int] = []
    sid = start
    while sid not in (_END, _FREE):
        if sid >= len(fat) or len(out) > len(fat):
            raise _Damaged("sector chain out of range or looping")
        out.append(sid)
        sid = fat[sid]
    return out


def _stream(data: bytes, name: str) -> bytes:
    """The bytes of the compound file's stream `name` (case-insensitive)."""
    if not data.startswith(_MAGIC) or len(data) < 512:
        raise _Damaged("not a compound file")
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    size = 1 << shift
    mini_size = 1 << mini_shift
    (_, first_dir, _, cutoff, first_minifat, _, first_difat, n_difat) = struct.unpack_from("<IIIIIIII", data, 0x2C)

    def sector(sid: int) -> bytes:
        at = (sid + 1) * size
        if at + size > len(data) + size:  # (the last sector may be cut short)
            raise _Damaged("sector beyond the end of the file")
        return data[at:at + size]

    difat = [s for s in struct.unpack_from("<109I", data, 0x4C)]
    sid, seen = first_difat, 0
    while sid not in (_END, _FREE) and seen < n_difat:
        block = struct.unpack(f"<{size // 4}I", sector(sid))
        difat.extend(block[:-1])
        sid, seen = block[-1], seen + 1
    fat: list[int] = []
    for s in difat:
        if s in (_END, _FREE):
            continue
        fat.extend(struct.unpack(f"<{size // 4}I", sector(s)))
    directory = b"".join(sector(s) for s in _chain(fat, first_dir))
    entries: list[tuple[str, int, int, int]] = []
    for at in range(0, len(directory) - 127, 128):
        length, kind = struct.unpack_from("<HB", directory, at + 0x40)
        start, low = struct.unpack_from("<II", directory, at + 0x74)
        text = directory[at:at + max(0, min(length, 64) - 2)].decode("utf-16-le", "replace")
        entries.append((text, kind, start, low))
    if not entries:
        raise _Damaged("no directory")
    wanted = next((e for e in entries if e[1] == 2 and e[0].casefold() == name.casefold()), None)
    if wanted is None:
        raise _Damaged(f"no {name} stream")
    _, _, start, length = wanted
    if length >= cutoff:
        return b"".join(sector(s) for s in _chain(fat, start))[:length]
    root = entries[0]
    ministream = b"".join(sector(s) for s in _chain(fat, root[2]))
    minifat: list[int] = []
    for s in _chain(fat, first_minifat) if first_minifat not in (_END, _FREE) else []:
        minifat.extend(struct.unpack(f"<{size // 4}I", sector(s)))
    return b"".join(ministream[s * mini_size:(s + 1) * mini_size] for s in _chain(minifat, start))[:length]


def _records(book: bytes, at: int) -> list[tuple[int, bytes]]:
    """The records of one substream (globals or a sheet) from `at` to its EOF."""
    out: list[tuple[int, bytes]] = []
    while at + 4 <= len(book):
        kind, length = struct.unpack_from("<HH", book, at)
        body = book[at + 4:at + 4 + length]
        out.append((kind, body))
        at += 4 + length
        if kind == _EOF:
            break
    return out


def _sheet_name(body: bytes) -> str:
    count, flags = body[6], body[7]
    raw = body[8:8 + count * (2 if flags & 1 else 1)]
    return raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace")


def _sheet_errors(records: list[tuple[int, bytes]]) -> dict[Cell, str]:
    errors: dict[Cell, str] = {}
    for kind, body in records:
        if kind == _BOOLERR and len(body) >= 8 and body[7] == 1:
            row, col = struct.unpack_from("<HH", body, 0)
            errors[(row, col)] = ERROR_CODES.get(body[6], "#N/A")
        elif kind == _FORMULA and len(body) >= 14 and body[6] == 2 and body[12:14] == b"\xff\xff":
            row, col = struct.unpack_from("<HH", body, 0)
            errors[(row, col)] = ERROR_CODES.get(body[8], "#N/A")
    return errors


def xls_errors(data: str | bytes) -> dict[str, dict[Cell, str]]:
    """Sheet name -> {(0-based row, 0-based column): the error the cell shows} of an .xls workbook (a path
    or its bytes); {} when the file cannot be read this way (damaged, or older than BIFF8)."""
    if isinstance(data, str):
        with open(data, "rb") as fh:
            data = fh.read()
    try:
        try:
            book = _stream(data, "Workbook")
        except _Damaged:
            return {}
        out: dict[str, dict[Cell, str]] = {}
        for kind, body in _records(book, 0):
            if kind == _BOUNDSHEET and len(body) >= 8 and body[5] == 0:  # a worksheet (not a chart, a macro sheet)
                (offset,) = struct.unpack_from("<I", body, 0)
                found = _sheet_errors(_records(book, offset))
                if found:
                    out[_sheet_name(body)] = found
        return out
    except (struct.error, IndexError, _Damaged):
        return {}
