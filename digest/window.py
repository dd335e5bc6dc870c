"""Calendar days in a time zone as windows of UTC time, and the days a digest is missing for.

A digest covers one calendar day where its reader lives, from local midnight to the next
local midnight: 24 hours on most days, 23 or 25 across a daylight-saving change.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

# How far back a daemon that was off catches up missing digests; older days are left to
# `claimtrack digest --date`.
CATCH_UP_DAYS = 14


def day_window(day: date, timezone: str) -> tuple[datetime, datetime]:
    """The instants (in UTC) where ``day`` starts and the next day starts in ``timezone``.

    In UTC because Python subtracts two times of one zone as wall-clock times: the day the
    clocks go forward would come out 24 hours long."""
    zone = ZoneInfo(timezone)
    start = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
    return start, end


def local_today(timezone: str, now: datetime | None = None) -> date:
    now = now or datetime.now(ZoneInfo(timezone))
    return now.astimezone(ZoneInfo(timezone)).date()


def written_days(folder: Path) -> set[date]:
    """Days that already have a digest (its JSON, the file the others are made from)."""
    days = set()
    for path in folder.glob("*.json") if folder.is_dir() else ():
        try:
            days.add(date.fromisoformat(path.stem))
        except ValueError:
            continue
    return days


def missing_days(folder: Path, today: date, first_activity: date | None) -> list[date]:
    """Past days without a digest, oldest first: from the day after the newest digest (or
    the store's first activity, or yesterday) up to yesterday, at most CATCH_UP_DAYS."""
    written = written_days(folder)
    yesterday = today - timedelta(days=1)
    if written:
        first = max(written) + timedelta(days=1)
    elif first_activity is not None:
        first = first_activity
    else:
        first = yesterday
    first = max(first, today - timedelta(days=CATCH_UP_DAYS))
    days = []
    day = first
    while day <= yesterday:
        if day not in written:
            days.append(day)
        day += timedelta(days=1)
    return days
