"""The slow tests are dealt so every worker's first slice starts with its share."""

from __future__ import annotations

import pytest

from tests.support.ordering import slice_sizes, slow_first_in_every_slice


@pytest.mark.parametrize(
    ("total", "workers", "sizes"),
    [(10, 1, [10]), (10, 5, [2, 2, 2, 2, 2]), (11, 5, [2, 2, 2, 2, 3]), (3, 5, [0, 0, 1, 1, 1])],
)
def test_slices_are_cut_as_worksteal_cuts_them(total: int, workers: int, sizes: list[int]) -> None:
    assert slice_sizes(total, workers) == sizes
    assert sum(sizes) == total


def slowness(name: str) -> int:
    return {"L": 2, "P": 1}.get(name[0], 0)


@pytest.mark.parametrize(
    ("items", "workers", "slices"),
    [
        # Two long and three process tests on two workers: each slice starts slowest first.
        (
            ["q1", "P1", "q2", "L1", "P2", "q3", "L2", "q4", "P3", "q5"],
            2,
            [["L1", "P1", "P3", "q1", "q2"], ["L2", "P2", "q3", "q4", "q5"]],
        ),
        # Nothing slow: the usual order, cut in slices.
        (["q1", "q2", "q3", "q4"], 2, [["q1", "q2"], ["q3", "q4"]]),
        # One worker: slowest first, the quick ones in order.
        (["q1", "P1", "q2", "L1"], 1, [["L1", "P1", "q1", "q2"]]),
        # More slow tests than a slice holds: nothing lost, nothing doubled.
        (["L1", "L2", "L3", "q1"], 2, [["L1", "L3"], ["L2", "q1"]]),
    ],
)
def test_every_slice_starts_with_its_share_of_the_slow_tests(
    items: list[str], workers: int, slices: list[list[str]]
) -> None:
    ordered = slow_first_in_every_slice(items, workers, slowness)
    assert sorted(ordered) == sorted(items)
    cut, start = [], 0
    for size in slice_sizes(len(items), workers):
        cut.append(ordered[start : start + size])
        start += size
    assert cut == slices
