"""The audit trail: every write, every login, on both databases; and nobody can change it."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from admin_site.models import AuditLog, Member, Unit, db

from .conftest import PASSWORD, csrf_from, login
from .factories import unit


def entries_since(start: int, **where) -> list[AuditLog]:
    query = sa.select(AuditLog).where(AuditLog.id > start).filter_by(**where).order_by(AuditLog.id)
    return db.session.scalars(query).all()


def last_id() -> int:
    return db.session.scalar(sa.select(sa.func.coalesce(sa.func.max(AuditLog.id), 0)))


def test_screen_writes_are_audited_with_before_and_after(office):
    start = last_id()
    housing = unit("市住房和城乡建设局")
    token = csrf_from(office.get("/admin/members/new/").get_data(as_text=True))
    office.post("/admin/members/new/", data={"csrf_token": token, "name": "审计员", "unit": str(housing.id),
                                              "group_role": "liaison", "phone": "13700000000", "sort_order": "0"})
    member = db.session.execute(sa.select(Member).filter_by(name="审计员")).scalar_one()
    office.post(f"/admin/members/edit/?id={member.id}", data={"csrf_token": token, "name": "审计员",
                                                               "unit": str(housing.id), "group_role": "liaison",
                                                               "phone": "13711111111", "sort_order": "0"})
    office.post("/admin/members/delete/", data={"csrf_token": token, "id": member.id})
    entries = entries_since(start, model="Member", record_id=str(member.id))
    assert [entry.action.value for entry in entries] == ["create", "update", "delete"]
    assert all(entry.username == "admin" and entry.role == "office" for entry in entries)
    created, updated, deleted = entries
    assert created.changes["name"] == [None, "审计员"] and created.changes["unit_id"] == [None, housing.id]
    assert updated.changes["phone"] == ["13700000000", "13711111111"] and set(updated.changes) <= {"phone", "updated_at"}
    assert deleted.changes["phone"] == ["13711111111", None]
    assert created.address == "127.0.0.1"


def test_logins_and_failures_are_audited(client):
    start = last_id()
    login(client, "admin", "wrong-password")
    login(client, "admin", PASSWORD)
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/admin/").get_data(as_text=True))})
    actions = [(entry.action.value, entry.username) for entry in entries_since(start)
               if entry.action.value in ("login", "login_failed", "logout")]
    assert actions == [("login_failed", "admin"), ("login", "admin"), ("logout", "admin")]


def test_passwords_never_reach_the_trail(office):
    start = last_id()
    token = csrf_from(office.get("/admin/users/new/").get_data(as_text=True))
    office.post("/admin/users/new/", data={"csrf_token": token, "username": "newone", "role": "hotline",
                                            "active": "y", "password": "secret-password-1"})
    created = entries_since(start, model="User", action="create")
    assert created and created[0].changes["password_hash"] == "***"
    assert "secret-password-1" not in str(created[0].changes)


def test_the_trail_cannot_be_changed_on_screen_or_in_the_database(office):
    db.session.add(Unit(name="临时单位"))
    db.session.commit()
    entry = entries_since(0, model="Unit")[-1]
    token = csrf_from(office.get("/admin/audit/").get_data(as_text=True))
    assert office.get(f"/admin/audit/edit/?id={entry.id}").status_code != 200
    assert office.get("/admin/audit/new/").status_code != 200
    office.post("/admin/audit/delete/", data={"csrf_token": token, "id": entry.id})
    office.post("/admin/audit/action/", data={"csrf_token": token, "action": "delete", "rowid": entry.id})
    assert db.session.get(AuditLog, entry.id) is not None
    for statement in ("UPDATE audit_logs SET username = 'x' WHERE id = :id", "DELETE FROM audit_logs WHERE id = :id"):
        with pytest.raises(sa.exc.DatabaseError):
            db.session.execute(sa.text(statement), {"id": entry.id})
        db.session.rollback()
    assert db.session.get(AuditLog, entry.id).username == entry.username


def test_office_reads_the_trail_in_chinese(office):
    db.session.add(Unit(name="临时单位"))
    db.session.commit()
    entry = entries_since(0, model="Unit")[-1]
    page = office.get(f"/admin/audit/details/?id={entry.id}").get_data(as_text=True)
    assert "成员单位" in page and "新增" in page and "临时单位" in page and "名称" in page
