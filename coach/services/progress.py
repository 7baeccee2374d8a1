"""Reps from plain replies, /undo, streaks, /stats, /export and /delete.

A reply is parsed by `coach.reps`; what was understood is stored (source REPLY) and confirmed
with the streak line. When the exercise is missing, the pending text is kept in the user's
dialog (flow "reps"), so the question survives a restart. Streaks are derived from entries and
frozen days on every call; nothing here keeps a counter.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Final, Protocol

from coach import reps as parser
from coach.activity import BreakKind, EntrySource, RepEntry
from coach.catalogue import Catalogue
from coach.clock import Clock
from coach.dialog import Dialog
from coach.export import export_csv, export_zip
from coach.hold import held_days
from coach.ports import UnitOfWork, UnitOfWorkFactory
from coach.profile import Profile
from coach.progress import (
    FrozenKind,
    MessageExercise,
    Session,
    StreakLine,
    met_days,
    streak_line,
    week_of,
)
from coach.screening import Access, exercise_access
from coach.streaks import Goal, local_day
from coach.zones import served_zone

FLOW: Final = "reps"
ASK_EXERCISE: Final = "exercise"
DELETE_FLOW: Final = "delete"
CONFIRM: Final = "confirm"
STATS_DAYS: Final = 28
STATS_WEEKS: Final = STATS_DAYS // 7
REPLY_GROUP: Final = "reply-"
"""Entries of one reply share the session id `reply-<hex>`, so /undo takes the reply back whole."""
REST_DAYS_PER_WEEK: Final = 2
"""Declared rest days allowed per ISO week; more would make the streak meaningless."""
MESSAGE_MEMORY: Final = timedelta(days=14)
"""How long a reply to a message about one exercise is still read as about that exercise."""


# ---- views ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Logged:
    entries: tuple[RepEntry, ...]
    streak: StreakLine


@dataclass(frozen=True)
class AskExercise:
    choices: tuple[str, ...]
    token: str
    """Names this question in its buttons, so a button of an older question is stale."""
    notice: str | None = None
    """None, or "hint": the user sent something the question cannot take."""


@dataclass(frozen=True)
class RefusedReply:
    reason: parser.RefusalReason
    detail: str = ""


@dataclass(frozen=True)
class HeldReply:
    """Reps typed while exercises are closed (a hold, or the screening): not logged."""

    access: Access


@dataclass(frozen=True)
class NotReady:
    """The user has not finished set-up; there is no goal or calendar to log against."""


@dataclass(frozen=True)
class Undone:
    entries: tuple[RepEntry, ...]
    streak: StreakLine


@dataclass(frozen=True)
class RestDay:
    """Today was declared a rest day (or already was one)."""

    streak: StreakLine


@dataclass(frozen=True)
class TooManyRestDays:
    allowed: int


@dataclass(frozen=True)
class NothingToUndo:
    pass


@dataclass(frozen=True)
class Expired:
    """A stale or forged button; the current question (if any) follows."""


@dataclass(frozen=True)
class QuestionClosed:
    """The user dismissed the "which exercise?" question; nothing was logged."""


@dataclass(frozen=True)
class AskDelete:
    pass


@dataclass(frozen=True)
class Deleted:
    pass


@dataclass(frozen=True)
class DeleteCancelled:
    pass


@dataclass(frozen=True)
class StatsView:
    """The picture's data (last 4 weeks, oldest first) and the three lines beside it."""

    language: str
    days: tuple[date, ...]
    reps: dict[str, tuple[int, ...]]
    """Exercise id → reps per day, for exercises with any reps in the window."""
    weeks: tuple[date, ...]
    """Mondays of the weeks shown."""
    breaks_taken: tuple[int, ...]
    breaks_prompted: tuple[int, ...]
    pain: tuple[float | None, ...]
    """Mean pain 0-10 per week; None for a week without check-ins."""
    streak: StreakLine
    sessions_this_week: int
    """Days of the current ISO week (up to today) with one full session: the goal's unit."""
    first_day: date
    """The user's first local day: a newer user's picture starts there, not 4 weeks back."""


@dataclass(frozen=True)
class ExportFile:
    file_name: str
    data: bytes
    """A zip: one CSV per table with rows about the user, and `activity.csv`."""
    rows: int


View = (
    Logged
    | HeldReply
    | AskExercise
    | RefusedReply
    | NotReady
    | Undone
    | NothingToUndo
    | RestDay
    | TooManyRestDays
    | Expired
    | QuestionClosed
    | AskDelete
    | Deleted
    | DeleteCancelled
)


def tz_of(profile: Profile) -> str:
    """The zone the user's days are counted in: UTC while theirs is unset or unknown."""
    return served_zone(profile.timezone)


class LoggedListener(Protocol):
    """Called after reps are stored, before the commit, with the unit of work in use."""

    async def __call__(self, work: UnitOfWork, profile: Profile, now: datetime) -> None: ...


class ProgressService:
    """Use cases of logging reps and looking back on them.

    `on_logged` listeners (logged reps reset the sitting timer) run in the transaction that
    stores the reps, so a reply costs one commit and the two never disagree.
    """

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        catalogue: Catalogue,
        on_logged: Sequence[LoggedListener] = (),
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._on_logged = tuple(on_logged)
        self._sessions: tuple[Session, ...] = tuple(
            {ex.id: tuple(ex.sides) for ex in catalogue.session(level)}
            for level in catalogue.levels
        )

    # ---- logging ---------------------------------------------------------------------------

    async def log_text(
        self, user_id: int, text: str, reply_to_message_id: int | None = None
    ) -> list[View]:
        """A plain text outside any other flow: log it, ask which exercise, or explain."""
        now = self._clock.now()
        async with self._uow() as work:
            profile = await work.users.get(user_id)
            if profile is None or not profile.onboarded:
                return [NotReady()]
            about = None
            if reply_to_message_id is not None:
                about = await work.message_exercises.get(user_id, reply_to_message_id)
            result = _parse(text, about, profile.language)
            if isinstance(result, parser.Refused):
                typed = parser.as_typed(text, result.detail, profile.language)
                refused = RefusedReply(result.reason, typed)
                dialog = await work.dialogs.get(user_id)
                if dialog is not None and dialog.flow == FLOW:
                    return [refused, _question(dialog)]
                return [refused]
            held = await self._held(work, user_id, now)
            if held is not None:
                return [held]
            if isinstance(result, parser.NeedsExercise):
                data = {"text": result.text, "choices": result.choices, "q": uuid.uuid4().hex[:8]}
                dialog = Dialog(FLOW, ASK_EXERCISE, data)
                await work.dialogs.put(user_id, dialog, now)
                await work.commit()
                return [_question(dialog)]
            views = await self._store(work, profile, result, now)
            await work.commit()
            return views

    async def choose_exercise(self, user_id: int, exercise_id: str, token: str) -> list[View]:
        """The answer to "which exercise?": log the pending text for that exercise."""
        now = self._clock.now()
        async with self._uow() as work:
            profile = await work.users.get(user_id)
            dialog = await work.dialogs.get(user_id)
            if profile is None or dialog is None or dialog.flow != FLOW:
                return [Expired()]
            held = await self._held(work, user_id, now)
            if held is not None:
                await work.dialogs.clear(user_id)
                await work.commit()
                return [held]
            question = _question(dialog)
            pending = parser.parse_reps(str(dialog.data.get("text", "")), language=profile.language)
            if (
                token != question.token
                or exercise_id not in question.choices
                or not isinstance(pending, parser.NeedsExercise)
            ):
                return [Expired(), question]
            try:
                parsed = pending.complete(exercise_id)
            except ValueError:
                return [Expired(), question]
            await work.dialogs.clear(user_id)
            views = await self._store(work, profile, parsed, now)
            await work.commit()
            return views

    async def close_question(self, user_id: int, token: str) -> list[View]:
        """ "Never mind": drop the pending reply, log nothing."""
        async with self._uow() as work:
            dialog = await work.dialogs.get(user_id)
            if dialog is None or dialog.flow != FLOW:
                return [Expired()]
            if token != _question(dialog).token:
                return [Expired(), _question(dialog)]
            await work.dialogs.clear(user_id)
            await work.commit()
        return [QuestionClosed()]

    async def in_question(self, user_id: int) -> bool:
        async with self._uow() as work:
            dialog = await work.dialogs.get(user_id)
        return dialog is not None and dialog.flow == FLOW

    async def current_question(self, user_id: int) -> AskExercise | None:
        """The pending "which exercise?" question with the hint, or None."""
        async with self._uow() as work:
            dialog = await work.dialogs.get(user_id)
        if dialog is None or dialog.flow != FLOW:
            return None
        return _question(dialog, notice="hint")

    async def _held(self, work: UnitOfWork, user_id: int, now: datetime) -> HeldReply | None:
        """Reps are exercise: logged only while the safety rule allows exercises."""
        access = exercise_access(await work.screenings.latest(user_id), now)
        return None if access.allowed else HeldReply(access)

    async def _store(
        self, work: UnitOfWork, profile: Profile, parsed: parser.Parsed, now: datetime
    ) -> list[View]:
        today = local_day(now, tz_of(profile))
        group = f"{REPLY_GROUP}{uuid.uuid4().hex}"
        stored = [
            await work.reps.add(
                RepEntry(
                    user_id=profile.user_id,
                    exercise_id=draft.exercise_id,
                    side=draft.side,
                    reps=draft.reps,
                    source=EntrySource.REPLY,
                    local_date=today,
                    recorded_at=now,
                    session_id=group,
                )
            )
            for draft in parsed.entries
        ]
        dialog = await work.dialogs.get(profile.user_id)
        if dialog is not None and dialog.flow == FLOW:
            await work.dialogs.clear(profile.user_id)
        for listener in self._on_logged:
            await listener(work, profile, now)
        return [Logged(tuple(stored), await self._streak(work, profile, today))]

    # ---- other areas call these ------------------------------------------------------------

    async def remember_message_exercise(
        self, user_id: int, message_id: int, exercise_id: str, side: str | None = None
    ) -> None:
        """A bot message about one exercise was sent: a reply to it reports that exercise."""
        if exercise_id not in parser.load_vocabulary().sided:
            raise ValueError(f"unknown exercise id {exercise_id!r}")
        if side not in (None, "left", "right", "both"):
            raise ValueError(f"unknown side {side!r}")
        now = self._clock.now()
        async with self._uow() as work:
            await work.message_exercises.remember(
                user_id, message_id, MessageExercise(exercise_id, side), now
            )
            await work.message_exercises.prune(now - MESSAGE_MEMORY)
            await work.commit()

    async def freeze_day(self, user_id: int, day: date, kind: FrozenKind) -> None:
        """Mark a local day as a pause or rest day: it freezes the streak instead of breaking it."""
        async with self._uow() as work:
            await work.frozen_days.add(user_id, day, kind)
            await work.commit()

    async def rest_today(self, user_id: int) -> list[View]:
        """/rest: today freezes the streak, up to `REST_DAYS_PER_WEEK` declared days a week."""
        async with self._uow() as work:
            profile = await work.users.get(user_id)
            if profile is None or not profile.onboarded:
                return [NotReady()]
            today = local_day(self._clock.now(), tz_of(profile))
            monday = week_of(today)
            frozen = await work.frozen_days.between(user_id, monday, monday + timedelta(days=6))
            if today not in frozen:
                rest_days = sum(kind is FrozenKind.REST for kind in frozen.values())
                if rest_days >= REST_DAYS_PER_WEEK:
                    return [TooManyRestDays(REST_DAYS_PER_WEEK)]
                await work.frozen_days.add(user_id, today, FrozenKind.REST)
            streak = await self._streak(work, profile, today)
            await work.commit()
            return [RestDay(streak)]

    # ---- /undo -----------------------------------------------------------------------------

    async def undo(self, user_id: int) -> list[View]:
        """Remove the last entry; for a reply ("10/10"), every entry that reply stored."""
        async with self._uow() as work:
            profile = await work.users.get(user_id)
            last = await work.reps.last(user_id)
            if profile is None or last is None:
                return [NothingToUndo()]
            group: tuple[RepEntry, ...] = (last,)
            if last.session_id and last.session_id.startswith(REPLY_GROUP):
                same_day = await work.reps.between(user_id, last.local_date, last.local_date)
                group = tuple(e for e in same_day if e.session_id == last.session_id)
            for entry in group:
                if entry.id is not None:
                    await work.reps.remove(entry.id)
            today = local_day(self._clock.now(), tz_of(profile))
            streak = await self._streak(work, profile, today)
            await work.commit()
            return [Undone(group, streak)]

    # ---- streak, /stats --------------------------------------------------------------------

    async def keep_best_streak(
        self, work: UnitOfWork, before: Profile, after: Profile, now: datetime
    ) -> None:
        """A settings listener: a new goal keeps the best streak reached under the old one."""
        if before.goal_days_per_week == after.goal_days_per_week or not before.onboarded:
            return
        line = await self._streak(work, before, local_day(now, tz_of(before)))
        if line.goal.period == "day" and line.best > after.kept_best_days:
            await work.users.save(after.with_changes(kept_best_days=line.best), now)
        elif line.goal.period == "week" and line.best > after.kept_best_weeks:
            await work.users.save(after.with_changes(kept_best_weeks=line.best), now)

    async def _streak(self, work: UnitOfWork, profile: Profile, today: date) -> StreakLine:
        since = local_day(profile.created_at, tz_of(profile))
        entries, frozen = await work.reps.streak_days(profile.user_id, since, today)
        zone = tz_of(profile)
        held = held_days(
            await work.screenings.hold_spans(profile.user_id),
            today,
            lambda instant: local_day(instant, zone),
        )
        line = streak_line(
            Goal.from_days_per_week(profile.goal_days_per_week),
            entries,
            self._sessions,
            {*frozen.keys(), *held},
            today,
            since,
        )
        kept = profile.kept_best_days if line.goal.period == "day" else profile.kept_best_weeks
        return replace(line, best=max(line.best, kept))

    async def stats(self, user_id: int) -> StatsView | None:
        """The /stats picture's data; None for a user who has not finished set-up."""
        async with self._uow() as work:
            profile = await work.users.get(user_id)
            if profile is None or not profile.onboarded:
                return None
            return await self._stats(work, profile, self._clock.now())

    async def stats_for(self, profile: Profile, now: datetime) -> StatsView:
        """The picture's data for `profile` as of `now` (the weekly summary uses this)."""
        async with self._uow(read_only=True) as work:
            return await self._stats(work, profile, now)

    async def _stats(self, work: UnitOfWork, profile: Profile, now: datetime) -> StatsView:
        today = local_day(now, tz_of(profile))
        first = today - timedelta(days=STATS_DAYS - 1)
        days = tuple(first + timedelta(days=i) for i in range(STATS_DAYS))
        index = {day: i for i, day in enumerate(days)}
        per_exercise: dict[str, list[int]] = defaultdict(lambda: [0] * STATS_DAYS)
        entries = await work.reps.between(profile.user_id, first, today)
        for entry in entries:
            per_exercise[entry.exercise_id][index[entry.local_date]] += entry.reps
        weeks = tuple(
            week_of(today) - timedelta(weeks=STATS_WEEKS - 1 - i) for i in range(STATS_WEEKS)
        )
        week_index = {week: i for i, week in enumerate(weeks)}
        taken = [0] * STATS_WEEKS
        prompted = [0] * STATS_WEEKS
        for event in await work.breaks.between(profile.user_id, weeks[0], today):
            i = week_index[week_of(event.local_date)]
            if event.kind is BreakKind.TAKEN:
                taken[i] += 1
            elif event.kind is BreakKind.PROMPTED:
                prompted[i] += 1
        pains: list[list[int]] = [[] for _ in weeks]
        for checkin in await work.pains.between(profile.user_id, weeks[0], today):
            pains[week_index[week_of(checkin.local_date)]].append(checkin.pain)
        order = [ex for session in self._sessions for ex in session]
        ordered = sorted(per_exercise, key=lambda ex: order.index(ex) if ex in order else 99)
        return StatsView(
            language=profile.language,
            days=days,
            reps={ex: tuple(per_exercise[ex]) for ex in ordered},
            weeks=weeks,
            breaks_taken=tuple(taken),
            breaks_prompted=tuple(prompted),
            pain=tuple(sum(p) / len(p) if p else None for p in pains),
            streak=await self._streak(work, profile, today),
            sessions_this_week=sum(
                day >= week_of(today) for day in met_days(entries, self._sessions)
            ),
            first_day=local_day(profile.created_at, tz_of(profile)),
        )

    # ---- /export ---------------------------------------------------------------------------

    async def export(self, user_id: int) -> ExportFile | None:
        async with self._uow() as work:
            profile = await work.users.get(user_id)
            if profile is None:
                return None
            reps = await work.reps.all_for(user_id)
            breaks = await work.breaks.all_for(user_id)
            pains = await work.pains.all_for(user_id)
            tables = await work.user_data.tables(user_id)
        today = local_day(self._clock.now(), tz_of(profile))
        activity = export_csv(tz_of(profile), reps, breaks, pains)
        return ExportFile(
            f"strongback-{today.isoformat()}.zip",
            export_zip(tables, activity),
            sum(len(table.rows) for table in tables),
        )

    # ---- /delete ---------------------------------------------------------------------------

    async def ask_delete(self, user_id: int) -> list[View]:
        async with self._uow() as work:
            if await work.users.get(user_id) is None:
                return [Deleted()]
            await work.dialogs.put(user_id, Dialog(DELETE_FLOW, CONFIRM), self._clock.now())
            await work.commit()
        return [AskDelete()]

    async def confirm_delete(self, user_id: int, *, confirmed: bool) -> list[View]:
        """Yes: every row about the user goes, in one transaction. No: nothing changes."""
        async with self._uow() as work:
            dialog = await work.dialogs.get(user_id)
            if dialog is None or dialog.flow != DELETE_FLOW:
                return [Expired()]
            if not confirmed:
                await work.dialogs.clear(user_id)
                await work.commit()
                return [DeleteCancelled()]
            await work.users.delete(user_id)
            await work.commit()
        return [Deleted()]

    async def delete_pending(self, user_id: int) -> bool:
        async with self._uow() as work:
            dialog = await work.dialogs.get(user_id)
        return dialog is not None and dialog.flow == DELETE_FLOW


def _question(dialog: Dialog, notice: str | None = None) -> AskExercise:
    """The stored "which exercise?" question as a view."""
    choices = tuple(str(choice) for choice in dialog.data.get("choices", ()))
    return AskExercise(choices, str(dialog.data.get("q", "")), notice)


def _parse(text: str, about: MessageExercise | None, language: str) -> parser.ParseResult:
    if about is None:
        return parser.parse_reps(text, language=language)
    side = about.side if about.side in ("left", "right", "both") else None
    return parser.parse_reps(
        text,
        context_exercise=about.exercise_id,
        context_side=side,  # type: ignore[arg-type]
        language=language,
    )
