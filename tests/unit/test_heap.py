"""omni.heap.settle: garbage goes first, what lives on is frozen, and frozen objects are still freed."""

import gc
import weakref

import pytest

from omni.heap import settle


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()  # other tests in this worker see the collector as they expect it


def test_settle_collects_garbage_before_freezing(unfrozen):
    cycle = Node()
    gone = weakref.ref(cycle)
    del cycle
    kept = Node()
    frozen = settle()
    assert gone() is None  # collected, not frozen with the rest
    assert frozen == gc.get_freeze_count() > 0
    assert not any(o is kept for o in gc.get_objects())  # frozen objects are out of the collector's walk


def test_later_objects_are_still_collected(unfrozen):
    settle()
    before = gc.get_freeze_count()
    cycle = Node()
    gone = weakref.ref(cycle)
    del cycle
    gc.collect()
    assert gone() is None
    assert gc.get_freeze_count() == before  # a collection does not freeze anything more


def test_frozen_objects_without_cycles_are_freed_at_once(unfrozen):
    class Plain:
        pass

    plain = Plain()
    gone = weakref.ref(plain)
    settle()
    del plain  # the last reference: freed by reference counting, frozen or not
    assert gone() is None


def _references(frame) -> int:
    return sum(len(block.refs.referenced_blocks) for block in frame._mgr.blocks)


def test_release_views_drops_the_records_of_views_that_are_gone():
    from dataclasses import dataclass

    import pandas as pd

    from omni.heap import release_views

    @dataclass(frozen=True)
    class Inner:
        table: pd.DataFrame

    @dataclass(frozen=True)
    class Outer:
        inner: Inner
        other: pd.DataFrame
        note: str = ""

    table = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [4.0, 5.0, 6.0], "s": ["x", "y", "z"]})
    other = pd.DataFrame({"c": [1, 2]})
    holder = Outer(Inner(table), other)
    for _ in range(40):  # what page runs do: columns and selections, gone when the run ends
        table["a"].sum()
        table.set_index("s")
    kept = table["a"]  # a view still alive
    assert _references(table) > 40  # pandas keeps them until a frame has ~500
    assert release_views(holder, None) > 40
    assert _references(table) == len(table._mgr.blocks) + 1  # each block itself, and the live view
    kept.iloc[0] = 99.0  # copy-on-write still sees the live view: the frame is not changed through it
    assert table.loc[0, "a"] == 1.0 and kept.iloc[0] == 99.0
    release_views(holder)
    assert _references(table) == len(table._mgr.blocks)  # the view has its own copy now
