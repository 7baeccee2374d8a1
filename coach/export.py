"""All of a user's stored data as one zip of CSV files (`/export`).

The zip holds one CSV per table with a row about the user (`users.csv` is the profile,
`screenings.csv` the safety answers, and so on; columns as stored, instants in UTC), and
`activity.csv`, the readable timeline below.

`activity.csv` has one row per fact, with a `kind` column: `reps` rows carry exercise, side,
reps and source; `break` rows carry what happened to a sit-break reminder in `event`; `pain`
rows carry the 0-10 score in `pain` and when it was asked in `event`. Date and time are the
user's local calendar and clock; `recorded_at_utc` keeps the exact instant.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from coach.activity import BreakEvent, PainCheckIn, RepEntry

ACTIVITY = "activity.csv"


@dataclass(frozen=True)
class TableRows:
    """One stored table's rows about the user, every value as text."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def export_zip(tables: Sequence[TableRows], activity: str) -> bytes:
    """The zip: `<table>.csv` for every table (header only when empty), and `activity.csv`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in tables:
            text = io.StringIO()
            writer = csv.writer(text, lineterminator="\n")
            writer.writerow(table.columns)
            writer.writerows(table.rows)
            archive.writestr(f"{table.name}.csv", text.getvalue())
        archive.writestr(ACTIVITY, activity)
    return out.getvalue()


COLUMNS = (
    "kind",
    "local_date",
    "local_time",
    "exercise",
    "side",
    "reps",
    "source",
    "event",
    "pain",
    "recorded_at_utc",
)


def _when(instant: datetime, zone: ZoneInfo) -> tuple[str, str]:
    local = instant.astimezone(zone)
    return local.strftime("%H:%M"), instant.isoformat()


def export_csv(
    tz: str,
    reps: Iterable[RepEntry],
    breaks: Iterable[BreakEvent],
    pains: Iterable[PainCheckIn],
) -> str:
    """The CSV text, rows ordered by the instant they were recorded."""
    zone = ZoneInfo(tz)
    rows: list[tuple[datetime, int, dict[str, object]]] = []
    for order, entry in enumerate(reps):
        clock, utc = _when(entry.recorded_at, zone)
        rows.append(
            (
                entry.recorded_at,
                order,
                {
                    "kind": "reps",
                    "local_date": entry.local_date.isoformat(),
                    "local_time": clock,
                    "exercise": entry.exercise_id,
                    "side": entry.side or "",
                    "reps": entry.reps,
                    "source": entry.source.value,
                    "recorded_at_utc": utc,
                },
            )
        )
    for order, event in enumerate(breaks):
        clock, utc = _when(event.recorded_at, zone)
        rows.append(
            (
                event.recorded_at,
                order,
                {
                    "kind": "break",
                    "local_date": event.local_date.isoformat(),
                    "local_time": clock,
                    "event": event.kind.value,
                    "recorded_at_utc": utc,
                },
            )
        )
    for order, checkin in enumerate(pains):
        clock, utc = _when(checkin.recorded_at, zone)
        rows.append(
            (
                checkin.recorded_at,
                order,
                {
                    "kind": "pain",
                    "local_date": checkin.local_date.isoformat(),
                    "local_time": clock,
                    "exercise": checkin.exercise_id or "",
                    "event": checkin.context.value,
                    "pain": checkin.pain,
                    "recorded_at_utc": utc,
                },
            )
        )
    rows.sort(key=lambda row: (row[0], str(row[2]["kind"]), row[1]))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    for _, _, row in rows:
        writer.writerow(row)
    return out.getvalue()
