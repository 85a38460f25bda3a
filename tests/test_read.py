from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest
import xlsxwriter

from influkit.errors import InfluError, UsageError
from influkit.io.read import decode_text, read_sheet, sniff_delimiter


def _xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if isinstance(v, dt.date):
                    ws.write_datetime(r, c, dt.datetime.combine(v, dt.time()), date_fmt)
                elif v is not None:
                    ws.write(r, c, v)
    wb.close()
    return path


@pytest.mark.parametrize("delim", [",", ";", "\t"])
def test_delimiter_is_sniffed(tmp_path: Path, delim: str) -> None:
    text = delim.join(["Nom", "Abonnés", "Pays"]) + "\n" + delim.join(["Léa", "12,5 k", "France"]) + "\n"
    if delim == ",":
        text = 'Nom,Abonnés,Pays\nLéa,"12,5 k",France\n'
    p = tmp_path / "x.csv"
    p.write_text(text, encoding="utf-8")
    raw = read_sheet(str(p))
    assert raw.delimiter == delim
    assert raw.headers == ["Nom", "Abonnés", "Pays"]
    assert raw.rows == [["Léa", "12,5 k", "France"]]


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"), ("utf-16", "utf-16")],
)
def test_encodings(tmp_path: Path, encoding: str, expected: str) -> None:
    p = tmp_path / "x.csv"
    p.write_bytes("Nom;Abonnés;Thématique\nChloé;1 200;Beauté – soin\n".encode(encoding))
    raw = read_sheet(str(p))
    assert raw.encoding == expected
    assert raw.headers == ["Nom", "Abonnés", "Thématique"]
    assert raw.rows[0] == ["Chloé", "1 200", "Beauté – soin"]


def test_cp1252_undefined_bytes_fall_back_to_latin1() -> None:
    text, enc = decode_text(b"caf\xe9 \x81 \x9d")
    assert enc == "cp1252"
    assert text == "café \x81 \x9d"


def test_quoted_newlines_and_title_rows(tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    p.write_text(
        'Prospection printemps\n\n,,\nName,Followers,Notes\n"Ana","12.5K","line one\nline two"\n\nBo,3,\n',
        encoding="utf-8",
    )
    raw = read_sheet(str(p))
    assert raw.header_row == 4
    assert raw.headers == ["Name", "Followers", "Notes"]
    assert raw.rows == [["Ana", "12.5K", "line one\nline two"], ["Bo", "3", ""]]
    assert raw.row_numbers == [5, 7]  # record numbers, as a spreadsheet program shows them
    assert raw.blank_rows == 1


def test_header_cells_with_line_breaks_and_spaces(tmp_path: Path) -> None:
    p = _xlsx(tmp_path / "x.xlsx", {"S": [["  Nom ", "Abonnés\nInstagram", "Taux d'engagement\n(%)"], ["a", 1, 0.1]]})
    raw = read_sheet(str(p))
    assert raw.headers == ["Nom", "Abonnés Instagram", "Taux d'engagement (%)"]


def test_xlsx_picks_the_prospect_sheet_and_keeps_row_numbers(tmp_path: Path) -> None:
    p = _xlsx(
        tmp_path / "x.xlsx",
        {
            "Lisez-moi": [["Ce fichier liste nos prospects"], ["Mis à jour chaque lundi"]],
            "Prospects": [
                ["Campagne 2026"],
                [],
                ["Nom", "Réseau", "Abonnés", "Date de contact"],
                ["Léa", "IG", 12500, dt.date(2026, 3, 5)],
                [],
                ["Tom", "YT", "1,2 M", "05/03/2026"],
            ],
        },
    )
    raw = read_sheet(str(p))
    assert raw.sheet == "Prospects"
    assert raw.header_row == 3
    assert raw.row_numbers == [4, 6]
    assert raw.rows[0][3] == dt.date(2026, 3, 5)
    assert raw.rows[1][2] == "1,2 M"
    assert read_sheet(str(p), sheet="1").sheet == "Lisez-moi"
    assert read_sheet(str(p), sheet="prospects").sheet == "Prospects"
    with pytest.raises(UsageError, match="no sheet 'Nope'"):
        read_sheet(str(p), sheet="Nope")


def test_stdin_csv_and_xlsx(tmp_path: Path) -> None:
    raw = read_sheet("-", stdin=io.BytesIO(b"handle,followers\nlea,10\n"))
    assert raw.source == "<stdin>"
    assert raw.rows == [["lea", "10"]]
    p = _xlsx(tmp_path / "x.xlsx", {"S": [["handle", "followers"], ["lea", 10]]})
    raw = read_sheet("-", stdin=io.BytesIO(p.read_bytes()))
    assert raw.sheet == "S"
    assert raw.rows == [["lea", 10.0]]


def test_missing_and_broken_files(tmp_path: Path) -> None:
    with pytest.raises(InfluError, match="no such file"):
        read_sheet(str(tmp_path / "nope.csv"))
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InfluError) as info:
        read_sheet(str(bad))
    assert str(info.value).startswith(str(bad))
    assert "\n" not in str(info.value)


def test_sniffer_prefers_consistent_columns() -> None:
    assert sniff_delimiter('a;b;c\n1;"2,5";3\n4;5;6\n') == ";"
    assert sniff_delimiter("a,b\n1,2\n") == ","


def test_binary_file_is_refused_in_one_line(tmp_path: Path) -> None:
    p = tmp_path / "deck.pdf"
    p.write_bytes(b"%PDF-1.7\n\x00\x01binary")
    with pytest.raises(InfluError, match="not a CSV or spreadsheet file") as info:
        read_sheet(str(p))
    assert str(info.value).startswith(str(p))


def test_a_named_pipe_is_read_once_like_stdin(tmp_path: Path) -> None:
    """`influkit enrich <(cat list.csv)`, a named pipe, /dev/stdin: the stream is read once (it was read
    twice: 'the file is empty', or a wait without end on a named pipe)."""
    import threading

    import influkit

    fifo = tmp_path / "list.csv"
    os.mkfifo(fifo)

    def feed() -> None:
        with fifo.open("wb") as fh:
            fh.write("Nom;Réseau;Pseudo;Abonnés\nLéa;Instagram;lea.v;12 500\n".encode())

    writer = threading.Thread(target=feed)
    writer.start()
    table = influkit.read_table(str(fifo))
    writer.join(timeout=10)
    assert table.get("handle") == ["lea.v"] and table.get("followers") == [12500]
    assert table.source == str(fifo)


def test_results_reads_its_orders_from_stdin(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from influkit.cli.app import app

    orders = "Name,Financial Status,Currency,Total,Discount Code,Created at\n#1,paid,EUR,50.00,LEA10,2026-03-10\n"
    listing = tmp_path / "list.csv"
    listing.write_text("creator,platform,handle,promo_code\nLéa,instagram,lea.v,LEA10\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["results", "-", str(listing), "--no-store", "-o", "-", "-f", "json"],
                                input=orders)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["creators"][0]["orders"] == 1
    both = CliRunner().invoke(app, ["results", "-", "-", "--no-store"], input=orders)
    assert both.exit_code == 2 and "cannot both be stdin" in both.stderr
