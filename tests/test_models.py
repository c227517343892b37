"""Rules that live in the data: numbering, codes and constraints, on both databases."""

import threading
from datetime import date

import pytest
import sqlalchemy as sa

from admin_site.models import Case, NumberSequence, Slip, User, db

from .factories import sample_rows, unit


def test_numbers_are_yearly_sequences(app):
    assert [NumberSequence.next(db.session, "case", 2026) for _ in range(3)] == [1, 2, 3]
    assert NumberSequence.next(db.session, "case", 2027) == 1
    assert NumberSequence.next(db.session, "slip", 2026) == 1


def test_slip_numbers_are_official_and_never_reused(app):
    rows = sample_rows()
    first = rows["slip"]
    assert first.number == f"督办〔{first.year}〕{first.seq}号"
    db.session.delete(first)
    db.session.commit()
    again = Slip(case=rows["case"], unit=rows["unit"], requirement="再次督办", deadline=date(2026, 5, 1))
    again.assign_number(db.session)
    db.session.add(again)
    db.session.commit()
    assert again.seq == first.seq + 1


def test_concurrent_numbering_hands_out_each_number_once(app):
    taken, errors = [], []

    def take():
        with app.app_context():
            try:
                for _ in range(10):
                    taken.append(NumberSequence.next(db.session, "race", 2026))
                    db.session.commit()
            except Exception as exc:  # reported below
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=take) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and sorted(taken) == list(range(1, 41))


def test_the_database_refuses_unknown_codes(app):
    case = Case(title="测试", number="LD-TEST-1")
    db.session.add(case)
    db.session.commit()
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(sa.text("UPDATE cases SET status = 'nonsense' WHERE id = :id"), {"id": case.id})
        db.session.flush()
    db.session.rollback()


def test_a_unit_account_must_name_its_unit(app):
    user = User(username="nounit", role="unit", password_hash="x")
    db.session.add(user)
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()
    db.session.add(User(username="withunit", role="unit", password_hash="x", unit=unit("市公安局")))
    db.session.commit()


def test_codes_round_trip_as_enums_with_chinese_labels(app):
    rows = sample_rows()
    db.session.expire_all()
    case = db.session.get(Case, rows["case"].id)
    assert case.status.value == "proposed" and str(case.status.label) == "已提出"
    assert case.category_codes == ["repeat"] and str(case.categories[0]) == "重复投诉"
    assert db.session.scalar(sa.text("SELECT level FROM cases")) == "normal"
