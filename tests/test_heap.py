"""influkit.heap: the collector is held off large runs, and given everything back afterwards."""

from __future__ import annotations

import gc
from pathlib import Path

import influkit
from influkit import heap


def test_settle_freezes_only_inside_a_block_and_the_outermost_block_unfreezes() -> None:
    gc.unfreeze()
    heap.settle()
    assert gc.get_freeze_count() == 0  # outside a block: nothing
    with heap.bulk():
        table = [[i, str(i)] for i in range(1000)]
        heap.settle()
        frozen = gc.get_freeze_count()
        assert frozen >= len(table)
        with heap.bulk():
            heap.settle()
        assert gc.get_freeze_count() >= frozen  # an inner block leaves the outer one's objects frozen
    assert gc.get_freeze_count() == 0


def test_a_cycle_made_inside_a_block_is_collected_after_it() -> None:
    class Node:
        other: object = None

    with heap.bulk():
        a, b = Node(), Node()
        a.other, b.other = b, a
        heap.settle()
        ids = {id(a), id(b)}
        del a, b
    gc.collect()
    assert not ids & {id(o) for o in gc.get_objects() if isinstance(o, Node)}


def test_paused_restores_the_collector_even_on_error() -> None:
    assert gc.isenabled()
    try:
        with heap.paused():
            assert not gc.isenabled()
            raise ValueError("x")
    except ValueError:
        pass
    assert gc.isenabled()


def test_an_enrich_leaves_nothing_frozen_and_the_collector_on() -> None:
    table = influkit.enrich(str(Path(__file__).parent.parent / "examples" / "prospects_en.csv"), store=None)
    assert len(table) > 0 and gc.get_freeze_count() == 0 and gc.isenabled()
