"""The shortlist exports' first line counts people, not rows: a creator on two networks is two accounts of one
creator ("3 comptes de 2 créateurs"), in French and English, singular included."""

from __future__ import annotations

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
