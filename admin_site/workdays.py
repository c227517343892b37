"""Working days: the State Council holiday schedule (with its 调休 make-up workdays) from the
``chinesecalendar`` package, corrected by the office's own entries (next year's schedule arrives
each December, before a package release may carry it)."""

from __future__ import annotations

import functools
import logging
from datetime import date, timedelta

import chinese_calendar
import sqlalchemy as sa

from .models import WorkdayOverride, db

log = logging.getLogger(__name__)

# Years whose State Council schedule the installed package carries.
PUBLISHED_YEARS = frozenset(day.year for day in chinese_calendar.holidays)


def _overrides(first: date, last: date) -> dict[date, bool]:
    rows = db.session.execute(sa.select(WorkdayOverride.day, WorkdayOverride.workday)
                              .where(WorkdayOverride.day.between(first, last)))
    return dict(rows.all())


def _published(day: date) -> bool:
    if day.year in PUBLISHED_YEARS:
        return chinese_calendar.is_workday(day)
    # A year the package does not know yet: Monday to Friday, until the office enters the schedule.
    _note_unpublished(day.year)
    return day.weekday() < 5


@functools.cache
def _note_unpublished(year: int) -> None:
    log.warning("no published holiday schedule for %s; counting Monday to Friday", year)


def _workday(day: date, overrides: dict[date, bool]) -> bool:
    """The office's word for the day if it gave one, else the published schedule."""
    return overrides[day] if day in overrides else _published(day)


def is_workday(day: date) -> bool:
    return _workday(day, _overrides(day, day))


def add_workdays(start: date, count: int) -> date:
    """The ``count``-th working day after ``start`` (a deadline of N working days from a date);
    with a negative count, the working day that many before it."""
    step = timedelta(days=1 if count >= 0 else -1)
    reach = timedelta(days=abs(count) * 3 + 60)
    overrides = _overrides(start - reach, start + reach)
    day, left = start, abs(count)
    while left:
        day += step
        if _workday(day, overrides):
            left -= 1
    return day


def workdays_between(first: date, last: date) -> int:
    """Working days after ``first`` up to and including ``last`` (negative when ``last`` is earlier)."""
    if last < first:
        return -workdays_between(last, first)
    overrides = _overrides(first, last)
    days = (first + timedelta(days=offset) for offset in range(1, (last - first).days + 1))
    return sum(1 for day in days if _workday(day, overrides))


def workday_numbers(first: date, last: date) -> dict[date, int]:
    """Each day from ``first`` to ``last`` numbered by the working days after ``first`` up to it, so
    that ``numbers[b] - numbers[a]`` is ``workdays_between(a, b)`` for many dates at one query."""
    overrides = _overrides(first, last)
    numbers, count = {}, 0
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        if offset and _workday(day, overrides):
            count += 1
        numbers[day] = count
    return numbers
