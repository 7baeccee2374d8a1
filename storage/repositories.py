"""SQLAlchemy implementations of the core's repositories. None of them commits."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import cast

from sqlalchemy import (
    Table,
    bindparam,
    delete,
    func,
    insert,
    literal_column,
    null,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.util import identity_key
from sqlalchemy.sql.selectable import CompoundSelect

from coach.activity import (
    BreakEvent,
    BreakKind,
    EntrySource,
    PainCheckIn,
    PainContext,
    RepEntry,
)
from coach.dialog import Dialog
from coach.hold import Hold, HoldReason
from coach.profile import Profile, mask_to_work_days, work_days_to_mask
from coach.progress import DayMark, FrozenKind
from coach.screening import Outcome, ScreeningRecord, ScreeningResult
from storage.export import per_chat_tables
from storage.models import (
    BreakEventRow,
    DialogRow,
    FrozenDayRow,
    GroupNoteRow,
    PainCheckInRow,
    ProcessedUpdateRow,
    RepEntryRow,
    ScreeningRow,
    UserRow,
)

# Statements of every update's path, built once: building one anew for each call costs more
# than running it (docs/PERFORMANCE.md).
_CLAIM = {
    name: insert(cast(Table, ProcessedUpdateRow.__table__))
    .values(update_id=bindparam("id"), processed_at=bindparam("at"))
    .on_conflict_do_nothing()
    for name, insert in (("postgresql", pg_insert), ("sqlite", sqlite_insert))
}
_SCREENINGS = (
    select(ScreeningRow)
    .where(ScreeningRow.user_id == bindparam("user_id"))
    .order_by(ScreeningRow.completed_at, ScreeningRow.id)
)
_REPS = cast(Table, RepEntryRow.__table__)
_ADD_REP = insert(_REPS).returning(_REPS.c.id)
_DAY_MARKS = (
    select(RepEntryRow.local_date, RepEntryRow.exercise_id, RepEntryRow.side)
    .where(RepEntryRow.user_id == bindparam("user_id"))
    .distinct()
)
# What the streak reads, in one statement: the days with reps (kind NULL) and the frozen
# days of a span (exercise and side NULL).
_STREAK_DAYS: CompoundSelect[date, str | None, str | None, str | None] = union_all(
    select(RepEntryRow.local_date, RepEntryRow.exercise_id, RepEntryRow.side, null().label("kind"))
    .where(RepEntryRow.user_id == bindparam("user_id"))
    .distinct(),
    select(FrozenDayRow.local_date, null(), null(), FrozenDayRow.kind).where(
        FrozenDayRow.user_id == bindparam("user_id"),
        FrozenDayRow.local_date >= bindparam("first"),
        FrozenDayRow.local_date <= bindparam("last"),
    ),
)
# A person's user row and dialog row in one statement: nearly every update reads both.
_USER_AND_DIALOG = (
    select(UserRow, DialogRow)
    .outerjoin(DialogRow, DialogRow.user_id == UserRow.id)
    .where(UserRow.id == bindparam("user_id"))
)


# PostgreSQL: the update-id claim and the sender's user and dialog rows, one statement. A
# data-modifying CTE runs whether or not it is read; ``fresh`` says whether it inserted.
_CLAIMED = (
    _CLAIM["postgresql"].returning(cast(Table, ProcessedUpdateRow.__table__).c.update_id)
).cte("claimed")
_ONE_ROW = select(literal_column("1").label("one")).subquery("one_row")
_CLAIM_AND_PERSON = select(
    select(func.count()).select_from(_CLAIMED).scalar_subquery().label("fresh"),
    UserRow,
    DialogRow,
).select_from(
    _ONE_ROW.outerjoin(UserRow, UserRow.id == bindparam("user_id")).outerjoin(
        DialogRow, DialogRow.user_id == UserRow.id
    )
)


class Absent:
    """The people known to have no user row, or no dialog row, in the current transaction,
    shared by the user and dialog repositories of one session: most people have no flow
    open, and the identity map cannot remember a row that does not exist."""

    __slots__ = ("dialogs", "users")

    def __init__(self) -> None:
        self.users: set[int] = set()
        self.dialogs: set[int] = set()


async def _load_person(session: AsyncSession, user_id: int, absent: Absent) -> None:
    """Read the user's row and dialog row together into the session (one statement, where
    two ``get``s made two). No user means no dialog either: a dialog references its user."""
    row = (await session.execute(_USER_AND_DIALOG, {"user_id": user_id})).first()
    if row is None:
        absent.users.add(user_id)
    if row is None or row[1] is None:
        absent.dialogs.add(user_id)


def _in_session(session: AsyncSession, row_class: type[object], key: int) -> bool:
    return session.sync_session.identity_map.get(identity_key(row_class, key)) is not None


def _dialect(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


def _minutes(value: time) -> int:
    return value.hour * 60 + value.minute


def _time(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)


def _profile(row: UserRow) -> Profile:
    return Profile(
        user_id=row.id,
        chat_id=row.chat_id,
        created_at=row.created_at,
        language=row.language,
        timezone=row.timezone,
        work_days=mask_to_work_days(row.work_days),
        work_start=_time(row.work_start_min),
        work_end=_time(row.work_end_min),
        sit_interval_min=row.sit_interval_min,
        exercise_time=None if row.exercise_time_min is None else _time(row.exercise_time_min),
        goal_days_per_week=row.goal_days_per_week,
        active=row.active,
        onboarded_at=row.onboarded_at,
        summary_weekday=row.summary_weekday,
        summary_time=_time(row.summary_time_min),
        summary_enabled=row.summary_enabled,
        kept_best_days=row.kept_best_days,
        kept_best_weeks=row.kept_best_weeks,
    )


def _fill(row: UserRow, profile: Profile) -> None:
    row.chat_id = profile.chat_id
    row.language = profile.language
    row.timezone = profile.timezone
    row.work_days = work_days_to_mask(profile.work_days)
    row.work_start_min = _minutes(profile.work_start)
    row.work_end_min = _minutes(profile.work_end)
    row.sit_interval_min = profile.sit_interval_min
    row.exercise_time_min = (
        None if profile.exercise_time is None else _minutes(profile.exercise_time)
    )
    row.goal_days_per_week = profile.goal_days_per_week
    row.active = profile.active
    row.onboarded_at = profile.onboarded_at
    row.summary_weekday = profile.summary_weekday
    row.summary_time_min = _minutes(profile.summary_time)
    row.summary_enabled = profile.summary_enabled
    row.kept_best_days = profile.kept_best_days
    row.kept_best_weeks = profile.kept_best_weeks


class SqlUserRepository:
    def __init__(self, session: AsyncSession, absent: Absent | None = None) -> None:
        self._session = session
        self._absent = absent if absent is not None else Absent()

    async def get(self, user_id: int) -> Profile | None:
        if not _in_session(self._session, UserRow, user_id):
            if user_id not in self._absent.users:
                await _load_person(self._session, user_id, self._absent)
            if user_id in self._absent.users:
                return None
        row = await self._session.get(UserRow, user_id)
        return None if row is None else _profile(row)

    async def add(self, profile: Profile) -> None:
        row = UserRow(
            id=profile.user_id, created_at=profile.created_at, updated_at=profile.created_at
        )
        _fill(row, profile)
        self._session.add(row)
        await self._session.flush()
        self._absent.users.discard(profile.user_id)
        self._absent.dialogs.add(profile.user_id)  # a new user has no flow open

    async def save(self, profile: Profile, now: datetime) -> None:
        row = await self._session.get(UserRow, profile.user_id)
        if row is None:
            raise LookupError(f"user {profile.user_id} does not exist")
        _fill(row, profile)
        row.updated_at = now
        await self._session.flush()

    async def count(self) -> int:
        return int(await self._session.scalar(select(func.count()).select_from(UserRow)) or 0)

    async def delete(self, user_id: int) -> bool:
        """Remove the user; ON DELETE CASCADE removes every row about them, and the rows
        keyed by their chat id (``chat_sends``) go in the same transaction."""
        chat_id = await self._session.scalar(select(UserRow.chat_id).where(UserRow.id == user_id))
        if chat_id is not None:
            for table in per_chat_tables():
                await self._session.execute(delete(table).where(table.c.chat_id == chat_id))
        result = await self._session.execute(delete(UserRow).where(UserRow.id == user_id))
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def claim_zone_notice(self, user_id: int, zone: str) -> bool:
        """One conditional UPDATE: of two replicas handling the same user, one wins."""
        result = await self._session.execute(
            update(UserRow)
            .where(
                UserRow.id == user_id,
                UserRow.timezone == zone,
                or_(UserRow.zone_notice.is_(None), UserRow.zone_notice != zone),
            )
            .values(zone_notice=zone)
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount) == 1  # type: ignore[attr-defined]


class SqlDialogRepository:
    def __init__(self, session: AsyncSession, absent: Absent | None = None) -> None:
        self._session = session
        self._people = absent if absent is not None else Absent()
        self._absent = self._people.dialogs

    async def get(self, user_id: int) -> Dialog | None:
        if user_id in self._absent:
            return None
        if not _in_session(self._session, DialogRow, user_id) and not _in_session(
            self._session, UserRow, user_id
        ):
            # Neither row read yet in this transaction: both in one statement.
            await _load_person(self._session, user_id, self._people)
            if user_id in self._absent:
                return None
        row = await self._session.get(DialogRow, user_id)
        if row is None:
            self._absent.add(user_id)
            return None
        return Dialog(row.flow, row.step, dict(row.data))

    async def put(self, user_id: int, dialog: Dialog, now: datetime) -> None:
        row = None if user_id in self._absent else await self._session.get(DialogRow, user_id)
        if row is None:
            row = DialogRow(user_id=user_id)
            self._session.add(row)
        self._absent.discard(user_id)
        row.flow, row.step, row.data, row.updated_at = (
            dialog.flow,
            dialog.step,
            dict(dialog.data),
            now,
        )
        await self._session.flush()

    async def clear(self, user_id: int) -> None:
        await self._session.execute(delete(DialogRow).where(DialogRow.user_id == user_id))
        self._absent.add(user_id)


class SqlUpdateLog:
    def __init__(self, session: AsyncSession, absent: Absent | None = None) -> None:
        self._session = session
        self._absent = absent if absent is not None else Absent()

    async def claim(self, update_id: int, now: datetime, person: int | None = None) -> bool:
        dialect = _dialect(self._session)
        params = {"id": update_id, "at": now}
        if (
            person is not None
            and dialect == "postgresql"
            and person not in self._absent.users
            and not _in_session(self._session, UserRow, person)
        ):
            # The claim and the person's rows in one round trip. The claim is the
            # statement's only write; a redelivered update finds its id taken as before.
            found = await self._session.execute(_CLAIM_AND_PERSON, {**params, "user_id": person})
            fresh, user, dialog = found.one()
            if user is None:
                self._absent.users.add(person)
            if user is None or dialog is None:
                self._absent.dialogs.add(person)
            return bool(fresh)
        result = await self._session.execute(_CLAIM[dialect], params)
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def prune(self, before: datetime) -> int:
        result = await self._session.execute(
            delete(ProcessedUpdateRow).where(ProcessedUpdateRow.processed_at < before)
        )
        await self._session.execute(delete(GroupNoteRow).where(GroupNoteRow.noted_at < before))
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def claim_group_note(self, chat_id: int, now: datetime, every: timedelta) -> bool:
        """One upsert: the first claim, or one ``every`` after the last, wins; of two replicas
        claiming at once, the row lock lets one through."""
        insert = pg_insert if _dialect(self._session) == "postgresql" else sqlite_insert
        statement = insert(GroupNoteRow).values(chat_id=chat_id, noted_at=now)
        statement = statement.on_conflict_do_update(
            index_elements=[GroupNoteRow.chat_id],
            set_={"noted_at": now},
            where=GroupNoteRow.noted_at <= now - every,
        )
        result = await self._session.execute(statement)
        return int(result.rowcount) == 1  # type: ignore[attr-defined]


ScreeningRows = dict[int, list[ScreeningRow]]
"""Each user's screenings read in the current transaction, oldest first."""


class SqlScreeningRepository:
    """A user's screenings are read once per transaction, all of them (a handful): the
    latest decides access, and the holds of all of them freeze the streak. ``rows`` may be
    shared with a repository that reads them along with its own rows."""

    def __init__(self, session: AsyncSession, rows: ScreeningRows | None = None) -> None:
        self._session = session
        self._rows: ScreeningRows = rows if rows is not None else {}

    async def _all(self, user_id: int) -> list[ScreeningRow]:
        """Every screening of the user, oldest first (by completion, then id)."""
        rows = self._rows.get(user_id)
        if rows is None:
            found = await self._session.scalars(_SCREENINGS, {"user_id": user_id})
            rows = self._rows[user_id] = list(found)
        return rows

    async def _latest_row(self, user_id: int) -> ScreeningRow | None:
        rows = await self._all(user_id)
        return rows[-1] if rows else None

    async def latest(self, user_id: int) -> ScreeningRecord | None:
        row = await self._latest_row(user_id)
        if row is None:
            return None
        return ScreeningRecord(
            outcome=Outcome(row.outcome),
            completed_at=row.completed_at,
            pain_baseline=row.pain_now,
            flagged_before=row.flagged_before,
            doctor_cleared=row.doctor_cleared,
            hold=_hold(row),
        )

    async def add(self, user_id: int, result: ScreeningResult, record: ScreeningRecord) -> None:
        self._session.add(
            ScreeningRow(
                user_id=user_id,
                questionnaire_version=result.version,
                outcome=record.outcome.value,
                answers=dict(result.answers),
                pain_now=result.pain_now,
                duration=result.duration,
                flagged_before=record.flagged_before,
                doctor_cleared=record.doctor_cleared,
                completed_at=record.completed_at,
            )
        )
        await self._session.flush()
        self._rows.pop(user_id, None)  # read again, in the database's order

    async def confirm_doctor_clearance(self, user_id: int) -> None:
        row = await self._latest_row(user_id)
        if row is not None:
            row.doctor_cleared = True
            await self._session.flush()

    async def put_hold(self, user_id: int, hold: Hold) -> bool:
        row = await self._latest_row(user_id)
        if row is None:
            return False
        row.hold_reason = hold.reason.value
        row.hold_at = hold.since
        row.hold_pain = hold.pain
        row.hold_baseline = hold.baseline
        await self._session.flush()
        return True

    async def hold_spans(self, user_id: int) -> list[tuple[datetime, datetime | None]]:
        rows = await self._all(user_id)
        spans: list[tuple[datetime, datetime | None]] = []
        for index, row in enumerate(rows):
            if row.hold_at is not None:
                end = rows[index + 1].completed_at if index + 1 < len(rows) else None
                spans.append((row.hold_at, end))
        return spans


def _hold(row: ScreeningRow) -> Hold | None:
    if row.hold_reason is None or row.hold_at is None:
        return None
    return Hold(HoldReason(row.hold_reason), row.hold_at, row.hold_pain, row.hold_baseline)


def _rep_entry(row: RepEntryRow) -> RepEntry:
    return RepEntry(
        id=row.id,
        user_id=row.user_id,
        exercise_id=row.exercise_id,
        side=row.side,
        reps=row.reps,
        source=EntrySource(row.source),
        local_date=row.local_date,
        recorded_at=row.recorded_at,
        session_id=row.session_id,
    )


class SqlRepEntryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, entry: RepEntry) -> RepEntry:
        values = {
            "user_id": entry.user_id,
            "exercise_id": entry.exercise_id,
            "side": entry.side,
            "reps": entry.reps,
            "source": entry.source.value,
            "local_date": entry.local_date,
            "recorded_at": entry.recorded_at,
            "session_id": entry.session_id,
        }
        # A Core INSERT: the ORM's flush machinery costs more than the statement here.
        entry_id = (await self._session.execute(_ADD_REP, values)).scalar_one()
        return replace(entry, id=int(entry_id))

    async def last(self, user_id: int) -> RepEntry | None:
        statement = (
            select(RepEntryRow)
            .where(RepEntryRow.user_id == user_id)
            .order_by(RepEntryRow.id.desc())
            .limit(1)
        )
        row = (await self._session.scalars(statement)).first()
        return None if row is None else _rep_entry(row)

    async def remove(self, entry_id: int) -> None:
        await self._session.execute(delete(RepEntryRow).where(RepEntryRow.id == entry_id))

    async def between(self, user_id: int, first: date, last: date) -> list[RepEntry]:
        statement = (
            select(RepEntryRow)
            .where(
                RepEntryRow.user_id == user_id,
                RepEntryRow.local_date >= first,
                RepEntryRow.local_date <= last,
            )
            .order_by(RepEntryRow.id)
        )
        return [_rep_entry(row) for row in await self._session.scalars(statement)]

    async def all_for(self, user_id: int) -> list[RepEntry]:
        statement = (
            select(RepEntryRow).where(RepEntryRow.user_id == user_id).order_by(RepEntryRow.id)
        )
        return [_rep_entry(row) for row in await self._session.scalars(statement)]

    async def day_marks(self, user_id: int) -> list[DayMark]:
        # Bounded by days of use, not by entries: a busy day of 50 replies is one row.
        rows = await self._session.execute(_DAY_MARKS, {"user_id": user_id})
        return [DayMark(day, exercise_id, side) for day, exercise_id, side in rows]

    async def streak_days(
        self, user_id: int, first: date, last: date
    ) -> tuple[list[DayMark], dict[date, FrozenKind]]:
        params = {"user_id": user_id, "first": first, "last": last}
        marks: list[DayMark] = []
        frozen: dict[date, FrozenKind] = {}
        for day, exercise_id, side, kind in await self._session.execute(_STREAK_DAYS, params):
            if kind is not None:
                frozen[day] = FrozenKind(kind)
            elif exercise_id is not None:
                marks.append(DayMark(day, exercise_id, side))
        return marks, frozen


def _pain(row: PainCheckInRow) -> PainCheckIn:
    return PainCheckIn(
        id=row.id,
        user_id=row.user_id,
        pain=row.pain,
        context=PainContext(row.context),
        local_date=row.local_date,
        recorded_at=row.recorded_at,
        exercise_id=row.exercise_id,
        session_id=row.session_id,
    )


class SqlPainRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, checkin: PainCheckIn) -> PainCheckIn:
        row = PainCheckInRow(
            user_id=checkin.user_id,
            pain=checkin.pain,
            context=checkin.context.value,
            exercise_id=checkin.exercise_id,
            session_id=checkin.session_id,
            local_date=checkin.local_date,
            recorded_at=checkin.recorded_at,
        )
        self._session.add(row)
        await self._session.flush()
        return _pain(row)

    async def between(self, user_id: int, first: date, last: date) -> list[PainCheckIn]:
        statement = (
            select(PainCheckInRow)
            .where(
                PainCheckInRow.user_id == user_id,
                PainCheckInRow.local_date >= first,
                PainCheckInRow.local_date <= last,
            )
            .order_by(PainCheckInRow.id)
        )
        return [_pain(row) for row in await self._session.scalars(statement)]

    async def all_for(self, user_id: int) -> list[PainCheckIn]:
        statement = (
            select(PainCheckInRow)
            .where(PainCheckInRow.user_id == user_id)
            .order_by(PainCheckInRow.id)
        )
        return [_pain(row) for row in await self._session.scalars(statement)]


def _break(row: BreakEventRow) -> BreakEvent:
    return BreakEvent(
        id=row.id,
        user_id=row.user_id,
        kind=BreakKind(row.kind),
        local_date=row.local_date,
        recorded_at=row.recorded_at,
    )


class SqlBreakRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, event: BreakEvent) -> BreakEvent:
        row = BreakEventRow(
            user_id=event.user_id,
            kind=event.kind.value,
            local_date=event.local_date,
            recorded_at=event.recorded_at,
        )
        self._session.add(row)
        await self._session.flush()
        return _break(row)

    async def add_many(self, events: list[BreakEvent]) -> None:
        if events:
            await self._session.execute(
                insert(BreakEventRow),
                [
                    {
                        "user_id": event.user_id,
                        "kind": event.kind.value,
                        "local_date": event.local_date,
                        "recorded_at": event.recorded_at,
                    }
                    for event in events
                ],
            )

    async def between(self, user_id: int, first: date, last: date) -> list[BreakEvent]:
        statement = (
            select(BreakEventRow)
            .where(
                BreakEventRow.user_id == user_id,
                BreakEventRow.local_date >= first,
                BreakEventRow.local_date <= last,
            )
            .order_by(BreakEventRow.id)
        )
        return [_break(row) for row in await self._session.scalars(statement)]

    async def all_for(self, user_id: int) -> list[BreakEvent]:
        statement = (
            select(BreakEventRow).where(BreakEventRow.user_id == user_id).order_by(BreakEventRow.id)
        )
        return [_break(row) for row in await self._session.scalars(statement)]

    async def count_on(self, user_id: int, day: date, kind: BreakKind) -> int:
        statement = select(func.count()).where(
            BreakEventRow.user_id == user_id,
            BreakEventRow.local_date == day,
            BreakEventRow.kind == kind.value,
        )
        return int(await self._session.scalar(statement) or 0)
