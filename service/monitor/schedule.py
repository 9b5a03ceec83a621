"""When a source runs next: its schedule, and the exponential backoff of a source that keeps failing.

Schedules are deliberately small: an interval (``30m``, ``6h``, ``2d``, ``1w``), a word (``hourly``,
``daily``, ``weekly``) or a daily time in UTC (``daily@06:30``). That covers how news sites are polled
without a cron dependency; the monitor is a plain loop over ``next_run`` stored in the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

_INTERVAL = re.compile(r"^(\d+)\s*(m|min|h|d|w)$")
_DAILY_AT = re.compile(r"^daily@([01]?\d|2[0-3]):([0-5]\d)$")
_UNITS = {"m": timedelta(minutes=1), "min": timedelta(minutes=1), "h": timedelta(hours=1),
          "d": timedelta(days=1), "w": timedelta(weeks=1)}
_WORDS = {"hourly": timedelta(hours=1), "daily": timedelta(days=1), "weekly": timedelta(weeks=1)}
MIN_INTERVAL = timedelta(minutes=5)  # politeness floor: nobody needs a ministry's news every minute
MAX_BACKOFF = timedelta(days=7)


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything the monitor stores is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass(frozen=True)
class Schedule:
    text: str
    every: timedelta
    at: time | None = None  # a fixed UTC time of day (``daily@06:30``)

    def next_after(self, moment: datetime) -> datetime:
        """The first run time after ``moment``."""
        moment = as_utc(moment)
        if self.at is None:
            return moment + self.every
        candidate = datetime.combine(moment.date(), self.at, tzinfo=UTC)
        return candidate if candidate > moment else candidate + timedelta(days=1)

    def retry_after(self, failures: int) -> timedelta:
        """How long a source waits after ``failures`` consecutive failures: one period after the first,
        then doubling, capped at a week (or the period, if longer)."""
        steps = max(failures - 1, 0)
        return min(self.every * (2 ** min(steps, 16)), max(MAX_BACKOFF, self.every))


def parse_schedule(text: str) -> Schedule:
    """Parse a schedule string; raise ``ValueError`` saying what is accepted."""
    cleaned = text.strip().lower()
    if cleaned in _WORDS:
        return Schedule(cleaned, _WORDS[cleaned])
    if match := _DAILY_AT.match(cleaned):
        return Schedule(cleaned, timedelta(days=1), time(int(match.group(1)), int(match.group(2))))
    if match := _INTERVAL.match(cleaned):
        every = int(match.group(1)) * _UNITS[match.group(2)]
        if every < MIN_INTERVAL:
            raise ValueError(f"schedule {text!r} is shorter than {int(MIN_INTERVAL.total_seconds() // 60)} minutes")
        return Schedule(cleaned, every)
    raise ValueError(
        f"unknown schedule {text!r}: use an interval (30m, 6h, 2d, 1w), hourly, daily, weekly or daily@HH:MM (UTC)"
    )
