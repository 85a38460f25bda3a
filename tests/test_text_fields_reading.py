"""A bio, notes or description column that mentions e-mail addresses is that field, not the e-mail column;
rows holding only check boxes are blank rows (each failed before its fix)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import openpyxl

from influkit.pipeline import read_table


def _write_csv(path: Path, header: list[str], rows: Sequence[Sequence[object]]) -> str:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return str(path)


def _bio(i: int) -> str:
    return "Maman de 2 👶 | recettes vegan 🌱 | Lyon" + (f"\n📩 collab{i}@gmail.com" if i % 4 != 1 else "")


def test_a_bio_that_mentions_addresses_stays_the_bio(tmp_path: Path) -> None:
    for n in (20, 600):  # any sample of the column
        rows = [[f"Créatrice {i}", f"@crea{i}", "Instagram", 10000 + i, _bio(i)] for i in range(n)]
        t = read_table(_write_csv(tmp_path / f"bio{n}.csv", ["Nom", "Pseudo", "Plateforme", "Abonnés", "Bio"], rows))
        assert t.get("bio") == [_bio(i) for i in range(n)]  # the whole text, every row
        # no e-mail column: the addresses the bio mentions are the rows' e-mails, the bio keeps its text
        assert t.get("email") == [f"collab{i}@gmail.com" if i % 4 != 1 else None for i in range(n)]
        assert not any(t.get("issues") or [])


def test_a_sentence_mentioning_an_address_is_no_email_cell(tmp_path: Path) -> None:
    rows = [[f"Créa {i}", f"@crea{i}", f"Relancer via agent{i}@agence.fr la semaine pro", f"contact{i}@x.fr",
             f"Pro : Léa Martin <lea{i}@x.fr>", f"Écrire à l'agence agent{i}@agence.fr avant lundi svp"]
            for i in range(12)]
    t = read_table(_write_csv(tmp_path / "notes.csv",
                              ["Nom", "Pseudo", "Notes", "Description", "Colonne A", "Colonne B"], rows))
    used = {d["header"]: d["used_as"] for d in t.meta["columns"]}
    assert used["Notes"] == "notes" and used["Description"] == "bio"  # a free-text header stays its field
    assert used["Colonne A"] == "email"  # addresses with a short label or a display name are addresses
    assert used["Colonne B"] != "email"  # a sentence that mentions one is not
    assert t.get("notes")[0] == "Relancer via agent0@agence.fr la semaine pro"
    assert t.get("bio")[3] == "contact3@x.fr"
    assert t.get("email")[5] == "lea5@x.fr"


def test_rows_holding_only_check_boxes_are_blank_in_xlsx_and_csv(tmp_path: Path) -> None:
    header = ["Nom", "Pseudo", "Plateforme", "Abonnés", "Statut", "Contacté ?"]
    rows: list[list[object]] = [[f"Créa {i}", f"@crea{i}", "Instagram", 10000 + i,
                                 "Contacté" if i < 5 else "À contacter", i < 5] for i in range(10)]
    boxes: list[list[object]] = [[None] * 5 + [i % 7 == 3] for i in range(40)]  # Sheets' check box column below the data
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for r in [header, *rows, *boxes]:
        ws.append(r)
    wb.save(tmp_path / "cases.xlsx")
    as_text = [["" if c is None else str(c).upper() if isinstance(c, bool) else str(c) for c in r]
               for r in [*rows, *boxes]]  # TRUE / FALSE
    as_text[-1][5] = "faux"  # a French export
    _write_csv(tmp_path / "cases.csv", header, as_text)
    for name in ("cases.xlsx", "cases.csv"):
        t = read_table(str(tmp_path / name))
        assert t.get("creator") == [f"Créa {i}" for i in range(10)], name
        assert t.meta["blank_rows"] == 40, name
        assert "row_kind" not in t.data, name  # no "FALSE" section title either


def test_a_column_of_addresses_is_the_email_whatever_its_header_but_a_bio(tmp_path: Path) -> None:
    """Found by review: a column of plain addresses under 'Infos' or 'Manager' became notes and owner (every
    free-text header kept its field); only a bio header keeps its field, bios carrying contacts."""
    rows = [[f"crea{i}", "instagram", 1000 + i, f"c{i}@gmail.com", f"m{i}@agence.fr"] for i in range(6)]
    t = read_table(_write_csv(tmp_path / "infos.csv", ["Pseudo", "Plateforme", "Abonnés", "Infos", "Manager"], rows))
    used = {d["header"]: d["used_as"] for d in t.meta["columns"]}
    assert used["Infos"] == used["Manager"] == "email" and t.get("email")[0] == "c0@gmail.com"
