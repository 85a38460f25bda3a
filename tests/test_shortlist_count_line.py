"""The shortlist exports' first line counts people, not rows: a creator on two networks is two accounts of one
creator ("3 comptes de 2 créateurs"), in French and English, singular included; so does the summary's line
on the creators the brand profile blocks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from influkit.selection import count_line, render_markdown
from influkit.table import Table


def _table(rows: list[tuple[str | None, str, str]]) -> Table:
    table = Table(source="s.csv", sheet=None)
    table.source_rows = list(range(2, len(rows) + 2))
    table.data = {"creator": [r[0] for r in rows], "platform": [r[1] for r in rows], "handle": [r[2] for r in rows],
                  "rank": list(range(1, len(rows) + 1))}
    return table


def test_two_networks_of_one_creator_are_two_accounts_of_one_creator() -> None:
    # (the same person however her name is typed: emojis, case, signs; `text.name_key`)
    shared = _table([("Léa Martin ✨", "instagram", "lea.m"), ("LÉA MARTIN!", "tiktok", "leam"),
                     ("Tom Roy", "youtube", "tomroy")])
    assert count_line(shared, "fr") == "3 comptes de 2 créateurs, du meilleur au moins bon."
    assert count_line(shared, "en") == "3 accounts of 2 creators, best first."
    assert "3 comptes de 2 créateurs" in render_markdown(shared, "Sélection", lang="fr")
    # an account without a name is a person of its own; one row per person keeps the short line
    alone = _table([(None, "instagram", "x.one"), (None, "instagram", "x.two"), ("Tom Roy", "youtube", "tomroy")])
    assert count_line(alone, "fr") == "3 créateurs, du meilleur au moins bon."
    assert count_line(_table([("Tom Roy", "youtube", "tomroy")]), "fr") == "1 créateur, du meilleur au moins bon."
    both = _table([("Tom Roy", "youtube", "tomroy"), ("Tom Roy", "instagram", "tom.roy")])
    assert count_line(both, "en") == "2 accounts of 1 creator, best first."


def _blocked_run(tmp_path: Path, sheet: str) -> tuple[Any, str]:
    from typer.testing import CliRunner

    import influkit
    from influkit.cli.app import app

    path = tmp_path / "list.csv"
    path.write_text(sheet, encoding="utf-8")
    brand = tmp_path / "brand.toml"
    brand.write_text('name = "Glow"\nthemes = ["skincare"]\nexclusions = ["fast fashion", "casino"]\n',
                     encoding="utf-8")
    chosen = influkit.shortlist(str(path), brand=str(brand), store=None, top=10)
    result = CliRunner().invoke(app, ["shortlist", str(path), "--brand", str(brand), "--no-store", "--top", "10",
                                      "-o", str(tmp_path / "s.csv")])
    assert result.exit_code == 0, result.output
    return chosen, result.stderr


@pytest.mark.parametrize("head", ["Creator,Instagram,TikTok,YouTube,Notes", "Créateur,Instagram,TikTok,YouTube,Notes"])
def test_blocked_accounts_of_one_person_are_counted_as_one_creator(tmp_path: Path, head: str) -> None:
    """A new user read "left out: 8 creators blocked by the profile" for 8 accounts of 4 people: a wide sheet's
    row (a person's networks, named or not) is one person, and so are the rows of one creator's name. The
    line counts accounts and the persons they are; `Shortlist.blocked` stays the accounts (rows)."""
    sheet = "\n".join([
        head,
        "Hannah Reid,@hannahreidskin,@hannahreid,,fast fashion hauls every week",
        ",@anon.one,@anon.one.tt,@AnonOne,casino streams",  # no name: its row is the person
        "Ruby Chen,@rubychen.skin,,,skincare for sensitive skin",
    ]) + "\n"
    chosen, said = _blocked_run(tmp_path, sheet)
    assert "left out: 5 accounts of 2 creators blocked by the profile" in said, said
    assert (chosen.blocked, chosen.blocked_people) == (5, 2)
    one_each = "\n".join([head, "Hannah Reid,@hannahreidskin,,,fast fashion hauls",
                          "Ruby Chen,@rubychen.skin,,,skincare"]) + "\n"
    chosen, said = _blocked_run(tmp_path, one_each)
    assert "left out: 1 creator blocked by the profile" in said, said
    assert (chosen.blocked, chosen.blocked_people) == (1, 1)
