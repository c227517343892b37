"""Working days by the State Council's published 2026 schedule, and the office's corrections."""

from datetime import date

from admin_site.models import WorkdayOverride, db
from admin_site.workdays import add_workdays, is_workday, workdays_between


def test_2026_spring_festival_and_its_make_up_workdays(app):
    assert not is_workday(date(2026, 2, 16))  # 春节假期 2月15日至23日
    assert not is_workday(date(2026, 2, 23))
    assert is_workday(date(2026, 2, 14)) and is_workday(date(2026, 2, 28))  # 调休上班（星期六）
    assert not is_workday(date(2026, 2, 21))  # an ordinary Saturday inside the holiday


def test_2026_national_day(app):
    assert not any(is_workday(date(2026, 10, day)) for day in range(1, 8))
    assert is_workday(date(2026, 10, 10))  # 调休上班（星期六）
    assert is_workday(date(2026, 10, 9))


def test_deadlines_count_working_days_across_holidays(app):
    assert add_workdays(date(2026, 2, 13), 1) == date(2026, 2, 14)  # the make-up Saturday counts
    assert add_workdays(date(2026, 2, 13), 2) == date(2026, 2, 24)  # then the whole festival is skipped
    assert add_workdays(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert add_workdays(date(2026, 3, 2), 0) == date(2026, 3, 2)
    assert workdays_between(date(2026, 2, 13), date(2026, 2, 24)) == 2
    assert workdays_between(date(2026, 2, 24), date(2026, 2, 13)) == -2


def test_the_office_corrects_the_calendar(app):
    db.session.add_all([WorkdayOverride(day=date(2026, 3, 2), workday=False, note="防汛停工"),
                        WorkdayOverride(day=date(2026, 3, 7), workday=True, note="补班")])
    db.session.commit()
    assert not is_workday(date(2026, 3, 2)) and is_workday(date(2026, 3, 7))
    assert add_workdays(date(2026, 2, 27), 2) == date(2026, 3, 3)  # 2月28日 (make-up), 3月2日 off, 3月3日


def test_a_year_without_a_published_schedule_counts_monday_to_friday(app):
    assert is_workday(date(2099, 6, 1)) and not is_workday(date(2099, 6, 6))
