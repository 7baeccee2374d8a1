"""The order the tests run in: every worker starts with its share of the slow tests.

``--dist worksteal`` first hands each of its N workers one contiguous slice of the collected
tests (``len(pending) // workers_left`` each, in turn) and later moves the *ends* of long
queues to idle workers. Sorting every slow test to the front would put them all in the first
worker's slice, run one after another; the last ones then started near the end of the run
and kept it going for half a minute on one busy worker. So the slow tests are dealt round the
slices, the longest first, each slice beginning with its own, and the quick tests fill the
rest of every slice in their usual order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def slice_sizes(total: int, workers: int) -> list[int]:
    """How many tests each worker's first slice holds, as xdist's worksteal deals them."""
    sizes = []
    left = total
    for already in range(workers):
        size = left // (workers - already)
        sizes.append(size)
        left -= size
    return sizes


def slow_first_in_every_slice(
    items: Sequence[T], workers: int, slowness: Callable[[T], int]
) -> list[T]:
    """`items` reordered so each worker's slice starts with its share of the slow ones.

    `slowness` is 0 for a quick test and higher for slower ones; the slowest are dealt first,
    so each worker starts with one of them. Quick tests keep their relative order.
    """
    if workers <= 1:
        return sorted(items, key=lambda item: -slowness(item))
    slow = sorted((item for item in items if slowness(item) > 0), key=lambda item: -slowness(item))
    quick = [item for item in items if slowness(item) == 0]
    slices: list[list[T]] = [[] for _ in range(workers)]
    for index, item in enumerate(slow):
        slices[index % workers].append(item)
    quick_left = iter(quick)
    for size, part in zip(slice_sizes(len(items), workers), slices, strict=True):
        part.extend(next(quick_left) for _ in range(max(0, size - len(part))))
    slices[-1].extend(quick_left)  # only if the slow ones overfilled a slice
    return [item for part in slices for item in part]
