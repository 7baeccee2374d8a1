"""Outbound send limiter: global sliding window, per-chat bursts and spacing, RetryAfter pauses."""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict

import pytest

from coach.rate_limit import SPREAD_WINDOW_SECONDS, Priority, SendLimiter

Send = tuple[float, int]  # (time, chat_id)


def run_queue(
    limiter: SendLimiter,
    items: list[int],
    *,
    start: float = 0.0,
    retry_after: dict[int, float] | None = None,
    priority: Priority = Priority.REMINDER,
) -> list[Send]:
    """Drive the limiter like the outbound worker: take the first item that may go now,
    otherwise advance a fake clock to the earliest moment one may.

    ``retry_after`` maps a send's index to a pause Telegram asks for right after it. Items
    are reminders (the strict per-chat rule) unless ``priority`` says otherwise.
    """
    now = start
    pending = list(items)
    sent: list[Send] = []
    retry_after = retry_after or {}
    steps = 0
    while pending:
        steps += 1
        assert steps < 100_000, "the limiter never let the queue drain"
        delays = [limiter.delay_for(chat, now, priority) for chat in pending]
        ready = next((i for i, d in enumerate(delays) if d == 0.0), None)
        if ready is None:
            now += min(delays)
            continue
        chat = pending.pop(ready)
        limiter.record_return(limiter.record_send(chat, now), now)  # returns at once
        sent.append((now, chat))
        if len(sent) - 1 in retry_after:
            limiter.pause_until(now + retry_after[len(sent) - 1])
    return sent


def max_in_any_window(times: list[float], width: float = 1.0) -> int:
    """Most sends inside any half-open window [t, t + width)."""
    ordered = sorted(times)
    return max(
        (bisect.bisect_left(ordered, t + width) - i for i, t in enumerate(ordered)), default=0
    )


def min_gap_per_chat(sent: list[Send]) -> float:
    by_chat: dict[int, list[float]] = defaultdict(list)
    for t, chat in sent:
        by_chat[chat].append(t)
    gaps = [b - a for times in by_chat.values() for a, b in itertools.pairwise(times)]
    return min(gaps, default=float("inf"))


def max_per_chat_in_any_window(sent: list[Send], width: float) -> int:
    by_chat: dict[int, list[float]] = defaultdict(list)
    for t, chat in sent:
        by_chat[chat].append(t)
    return max(max_in_any_window(times, width) for times in by_chat.values())


TRAFFIC = [
    ("round robin: 100 chats x 3", [chat for _ in range(3) for chat in range(100)]),
    ("bursty: each chat's 3 messages back to back", [c for c in range(100) for _ in range(3)]),
    ("one chat with a long backlog among others", [7] * 20 + list(range(100, 380))),
]


@pytest.mark.parametrize(("name", "items"), TRAFFIC)
def test_simulated_reminders_respect_both_limits(name: str, items: list[int]) -> None:
    limiter = SendLimiter()
    sent = run_queue(limiter, items, priority=Priority.REMINDER)
    assert sorted(chat for _, chat in sent) == sorted(items)
    assert max_in_any_window([t for t, _ in sent]) <= 30
    assert min_gap_per_chat(sent) >= 1.0
    # The limiter must not be needlessly slow either: 300 messages take about 10 seconds.
    assert sent[-1][0] <= (len(items) / 30) + max(items.count(c) for c in set(items))


@pytest.mark.parametrize(("name", "items"), TRAFFIC)
def test_simulated_replies_burst_then_one_a_second(name: str, items: list[int]) -> None:
    limiter = SendLimiter()
    sent = run_queue(limiter, items, priority=Priority.REPLY)
    assert sorted(chat for _, chat in sent) == sorted(items)
    assert max_in_any_window([t for t, _ in sent]) <= 30
    # A burst of 3, then the bucket refills at one a second: k seconds hold at most 2 + k.
    assert max_per_chat_in_any_window(sent, 1.0) <= 3
    assert max_per_chat_in_any_window(sent, 10.0) <= 12
    backlog = max(items.count(c) for c in set(items))
    assert sent[-1][0] <= (len(items) / 30) + max(0, backlog - 3)


def test_a_long_reply_backlog_settles_at_one_a_second() -> None:
    sent = run_queue(SendLimiter(), [5] * 8, priority=Priority.REPLY)
    assert [t for t, _ in sent] == pytest.approx([0.0, 0.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0])


def test_reminders_never_burst() -> None:
    sent = run_queue(SendLimiter(), [5] * 4, priority=Priority.REMINDER)
    assert [t for t, _ in sent] == pytest.approx([0.0, 1.0, 2.0, 3.0])


def test_first_second_lets_exactly_thirty_out() -> None:
    sent = run_queue(SendLimiter(), list(range(100)))
    assert [t for t, _ in sent[:30]] == [0.0] * 30
    assert all(t >= 1.0 for t, _ in sent[30:])


R, M = Priority.REPLY, Priority.REMINDER


@pytest.mark.parametrize(
    ("history", "chat", "now", "priority", "expected"),
    [
        ([], 1, 0.0, M, 0.0),
        ([], 1, 0.0, R, 0.0),
        # Reminders: strictly one per second per chat.
        ([(0.0, 1)], 1, 0.0, M, 1.0),
        ([(0.0, 1)], 1, 0.25, M, 0.75),
        ([(0.0, 1)], 1, 1.0, M, 0.0),
        ([(0.0, 1)], 2, 0.0, M, 0.0),
        # Replies: a burst of three, then one a second as the bucket refills.
        ([(0.0, 1)], 1, 0.0, R, 0.0),
        ([(0.0, 1), (0.0, 1)], 1, 0.0, R, 0.0),
        ([(0.0, 1), (0.0, 1), (0.0, 1)], 1, 0.0, R, 1.0),
        ([(0.0, 1), (0.0, 1), (0.0, 1)], 1, 0.4, R, 0.6),
        ([(0.0, 1), (0.0, 1), (0.0, 1)], 1, 1.0, R, 0.0),
        ([(0.0, 1), (0.0, 1), (0.0, 1), (1.0, 1)], 1, 1.0, R, 1.0),
        ([(0.0, 1), (0.0, 1), (0.0, 1)], 2, 0.0, R, 0.0),
        # A reply burst still holds back a reminder to that chat for a second.
        ([(0.0, 1), (0.5, 1)], 1, 0.5, M, 1.0),
        ([(0.0, 1), (0.5, 1)], 1, 0.5, R, 0.0),
        # A full bucket takes three seconds to refill, not more.
        ([(0.0, 1), (0.0, 1), (0.0, 1), (3.0, 1), (3.0, 1)], 1, 3.0, R, 0.0),
        ([(0.0, 1), (0.0, 1), (0.0, 1), (2.0, 1), (2.0, 1)], 1, 2.0, R, 1.0),
        # The bot-wide window: 30 in any second, whatever the kind.
        ([(0.1 * i, i) for i in range(30)], 99, 2.9, R, 0.0),
        ([(0.0, i) for i in range(30)], 99, 0.0, R, 1.0),
        ([(0.0, i) for i in range(30)], 99, 0.0, M, 1.0),
        ([(0.0, i) for i in range(30)], 99, 0.5, R, 0.5),
        ([(0.0, i) for i in range(29)], 99, 0.0, R, 0.0),
        ([(0.0, i) for i in range(15)] + [(0.5, i) for i in range(15, 30)], 99, 1.0, R, 0.0),
        ([(0.0, i) for i in range(15)] + [(0.5, i) for i in range(15, 30)], 99, 0.9, R, 0.1),
    ],
)
def test_delay_for(
    history: list[Send], chat: int, now: float, priority: Priority, expected: float
) -> None:
    limiter = SendLimiter()
    for t, c in history:
        limiter.record_send(c, t)
    assert limiter.delay_for(chat, now, priority) == pytest.approx(expected)


def test_retry_after_pauses_every_chat() -> None:
    limiter = SendLimiter()
    limiter.record_send(1, 10.0)
    limiter.pause_until(15.0)
    for chat in (1, 2, 12345):
        assert limiter.delay_for(chat, 10.0) >= 5.0
        assert limiter.delay_for(chat, 14.0) >= 1.0
    assert limiter.delay_for(2, 15.0) == 0.0


def test_a_shorter_pause_never_shortens_a_longer_one() -> None:
    limiter = SendLimiter()
    limiter.pause_until(30.0)
    limiter.pause_until(12.0)
    assert limiter.paused_until == 30.0
    assert limiter.delay_for(5, 10.0) == pytest.approx(20.0)
    limiter.pause_until(40.0)
    assert limiter.delay_for(5, 10.0) == pytest.approx(30.0)


def test_simulated_retry_after_holds_all_sending() -> None:
    limiter = SendLimiter()
    items = [chat for _ in range(3) for chat in range(100)]
    # Telegram answers the 50th send with RetryAfter 5 s, then the 120th with a shorter 2 s.
    sent = run_queue(limiter, items, retry_after={49: 5.0, 119: 2.0})
    times = [t for t, _ in sent]
    first_pause_at = times[49]
    assert not [t for t in times if first_pause_at < t < first_pause_at + 5.0]
    assert times[50] == pytest.approx(first_pause_at + 5.0)
    second_pause_at = times[119]
    assert not [t for t in times if second_pause_at < t < second_pause_at + 2.0]
    assert max_in_any_window(times) <= 30
    assert min_gap_per_chat(sent) >= 1.0


@pytest.mark.parametrize(("burst", "peak_bound"), [(1, 30), (3, 90)])
@pytest.mark.parametrize("priority", [Priority.REPLY, Priority.REMINDER])
def test_memory_is_bounded_by_recently_active_chats(
    burst: int, peak_bound: int, priority: Priority
) -> None:
    limiter = SendLimiter(reply_burst=burst)
    now = 0.0
    peak = 0
    for chat in range(5_000):  # 5,000 distinct users, one message each
        while (delay := limiter.delay_for(chat, now, priority)) > 0:
            now += delay
        limiter.record_send(chat, now)
        peak = max(peak, limiter.tracked_chats)
    assert peak <= peak_bound
    limiter.delay_for(0, now + burst * 1.0)
    assert limiter.tracked_chats == 0


def test_pruning_keeps_chats_that_still_limit() -> None:
    limiter = SendLimiter(reply_burst=1)
    limiter.record_send(1, 0.0)
    limiter.record_send(2, 0.6)
    limiter.record_send(1, 0.7)  # chat 1 moves to the back: pruning order follows sends
    assert limiter.delay_for(3, 1.65) == 0.0
    assert limiter.tracked_chats == 1  # chat 2 (sent 0.6) forgotten, chat 1 (0.7) kept
    assert limiter.delay_for(1, 1.65, Priority.REMINDER) == pytest.approx(0.05)


def test_a_chat_is_forgotten_only_once_its_bucket_is_full() -> None:
    limiter = SendLimiter()
    for _ in range(3):
        limiter.record_send(1, 0.0)
    assert limiter.delay_for(2, 2.99) == 0.0
    assert limiter.tracked_chats == 1  # 2 of 3 tokens back: forgetting would allow a 4th
    assert limiter.delay_for(2, 3.0) == 0.0
    assert limiter.tracked_chats == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"global_per_second": 0}, "global_per_second"),
        ({"global_per_second": True}, "global_per_second"),
        ({"per_chat_interval": 0.0}, "per_chat_interval"),
        ({"per_chat_interval": float("nan")}, "per_chat_interval"),
        ({"per_chat_interval": -1.0}, "per_chat_interval"),
        ({"reply_burst": 0}, "reply_burst"),
        ({"reply_burst": True}, "reply_burst"),
    ],
)
def test_rejects_bad_limits(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SendLimiter(**kwargs)  # type: ignore[arg-type]


def test_custom_limits() -> None:
    limiter = SendLimiter(global_per_second=2, per_chat_interval=3.0)
    sent = run_queue(limiter, [1, 2, 3, 1])
    assert [t for t, _ in sent] == [0.0, 0.0, 1.0, 3.0]


def test_replies_go_before_reminders() -> None:
    queue = [(Priority.REMINDER, 0, "reminder"), (Priority.REPLY, 1, "reply")]
    assert [text for _, _, text in sorted(queue)] == ["reply", "reminder"]
    assert Priority.REPLY < Priority.REMINDER


def test_a_chat_pause_holds_that_chat_only_and_is_forgotten_when_over() -> None:
    from coach.rate_limit import SendLimiter

    limiter = SendLimiter(30, 1.0)
    limiter.pause_chat_until(-100, 60.0)
    assert limiter.delay_for(-100, 0.0) == 60.0
    assert limiter.delay_for(7, 0.0) == 0.0  # a person's reply is not held
    assert limiter.paused_chats == 1
    assert limiter.delay_for(-100, 60.0) == 0.0
    assert limiter.paused_chats == 0


def test_only_group_chats_pause_alone() -> None:
    from coach.rate_limit import pauses_only_its_chat

    assert pauses_only_its_chat(-1001234)
    assert pauses_only_its_chat("@somechannel")
    assert not pauses_only_its_chat(1234)
    assert not pauses_only_its_chat(True)


@pytest.mark.parametrize(("name", "items"), TRAFFIC)
def test_spread_grants_keep_a_pace_and_never_thirty_one_in_any_window(
    name: str, items: list[int]
) -> None:
    """Spread (the outbound queue's rule): at most 30 in any 1.005 s counted from the calls'
    returns, one every 33.5 ms on average and never three within 33.5 ms."""
    limiter = SendLimiter(window=SPREAD_WINDOW_SECONDS, spread=True)
    sent = run_queue(limiter, items, priority=Priority.REMINDER)
    times = [t for t, _ in sent]
    assert sorted(chat for _, chat in sent) == sorted(items)
    assert max_in_any_window(times, SPREAD_WINDOW_SECONDS) <= 30
    assert min(c - a for a, c in zip(times, times[2:], strict=False)) >= 0.0335 - 1e-9
    assert min_gap_per_chat(sent) >= 1.0
    # While chats are free to receive: 29.9 a second (calls returning at once), not 27.3
    # (30 per 1.1 s) as before.
    assert 99 / (times[99] - times[0]) >= 29.5


@pytest.mark.parametrize(
    ("returns", "now", "expected"),
    [
        # Two a second (pace 0.5 s): a and b granted at 0.0.
        ({"a": 0.0, "b": 0.0}, 0.0, 1.0),
        ({"a": 0.4, "b": 0.0}, 0.4, 1.0),  # the window counts from a's return
        ({"a": 0.4, "b": 0.9}, 0.9, 0.5),  # b's later return bounds only the send after
        ({"b": 0.1}, 0.1, 60.9),  # a never reported: counts from 60 s after its grant
        ({"b": 0.1}, 61.0, 0.0),
    ],
)
def test_spread_counts_a_send_from_its_return(
    returns: dict[str, float], now: float, expected: float
) -> None:
    limiter = SendLimiter(global_per_second=2, window=1.0, spread=True)
    tickets = {"a": limiter.record_send(1, 0.0), "b": limiter.record_send(2, 0.0)}
    for name, at in sorted(returns.items(), key=lambda item: item[1]):
        limiter.record_return(tickets[name], at)
    assert limiter.delay_for(3, now) == pytest.approx(expected)


def test_a_send_older_than_the_window_still_in_flight_holds_the_next() -> None:
    limiter = SendLimiter(global_per_second=2, window=1.0, spread=True)
    first = limiter.record_send(1, 0.0)
    for chat, t in ((2, 0.0), (3, 0.0)):  # recorded without asking, pushing `first` out
        limiter.record_return(limiter.record_send(chat, t), t)
    assert limiter.delay_for(4, 2.0) == pytest.approx(59.0)
    limiter.record_return(first, 3.0)
    assert limiter.delay_for(4, 3.0) == pytest.approx(1.0)
    assert limiter.in_flight == 0


def test_without_spread_the_window_grants_at_once() -> None:
    sent = run_queue(SendLimiter(window=1.05), list(range(31)))
    assert [t for t, _ in sent] == [0.0] * 30 + [1.05]


@pytest.mark.parametrize(
    ("per_second", "late", "granted_at_once"),
    [
        (30, 0.010, 1),  # Telegram's rate: late by less than a pace, one
        (30, 0.5, 2),  # and never more than two at once, however late
        (200, 0.5, 2),  # a pace of 5 ms: the catch-up is one pace
        (1000, 0.5, 6),  # a far higher budget (make bench): 5 ms worth, and the one due
        (100_000, 0.5, 501),
    ],
)
def test_a_late_worker_catches_up_at_most_five_milliseconds(
    per_second: int, late: float, granted_at_once: int
) -> None:
    limiter = SendLimiter(per_second, per_chat_interval=1e-6, window=1.0, spread=True)
    for chat in range(2):  # a steady run: the bucket of two is spent
        limiter.record_return(limiter.record_send(-chat, 0.0), 0.0)
    now = 1.0 / per_second + late  # the worker wakes this much after the next grant's time
    granted = 0
    while granted < 1000 and limiter.delay_for(granted + 1, now) == 0.0:
        limiter.record_return(limiter.record_send(granted + 1, now), now)
        granted += 1
    assert abs(granted - granted_at_once) <= granted_at_once // 100  # float rounding
