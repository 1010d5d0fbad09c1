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
