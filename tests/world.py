"""Two member units with one record of every kind each, and an account of every role."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from flask import current_app

from admin_site import normalize
from admin_site.auth import create_user
from admin_site.models import (
    AuditLog,
    Bulletin,
    Case,
    Channel,
    CitizenContact,
    Contact,
    ContactGroup,
    GroupRole,
    Meeting,
    Member,
    MessageChannel,
    MessageTemplate,
    Notification,
    NotificationEvent,
    Place,
    PlaceLevel,
    ProblemGroup,
    Role,
    SiteVisit,
    Slip,
    Unit,
    UnitKind,
    User,
    WorkdayOverride,
    db,
)

from .conftest import PASSWORD
from .factories import unit

UNIT_A = "市住房和城乡建设局"
UNIT_B = "市城市管理监督局"
SUB_UNIT_OF_A = "市住房和城乡建设局房屋征收办"


@dataclass
class World:
    """``own[Model]`` belongs to unit A (or its sub-unit), ``other[Model]`` to unit B."""

    own: dict = field(default_factory=dict)
    other: dict = field(default_factory=dict)
    accounts: dict = field(default_factory=dict)


def _contact(work_order: str, to: Unit, name: str, phone: str) -> Contact:
    address, content = "玉州区人民东路8号金港花园3栋2单元", "=HYPERLINK(\"http://x\",\"点我\") 反映问题"
    return Contact(work_order=work_order, channel=Channel.phone, received_at=datetime(2026, 3, 2, 10, 0),
                   complainant_name=name, phone=phone, address=address, content=content, transfer_units=[to],
                   **normalize.matching_keys(phone, address, content, current_app.config["PHONE_HASH_KEY"].encode()))


def build_world() -> World:
    a, b = unit(UNIT_A), unit(UNIT_B)
    sub = Unit(name=SUB_UNIT_OF_A, kind=UnitKind.municipal, parent=a, phone="0775-2000000")
    db.session.add(sub)
    a.phone, b.phone = "0775-1000001", "0775-1000002"
    world = World()
    world.own[Unit], world.other[Unit] = a, b
    world.other[Member] = db.session.execute(db.select(Member).filter_by(name="林鹭")).scalar_one()
    world.own[Member] = Member(name="黄征收", unit=sub, position="主任", group_role=GroupRole.liaison)
    world.own[Contact] = _contact("GD-A-0001", a, "张三", "13812341234")
    world.other[Contact] = _contact("GD-B-0001", b, "李四", "13987654321")
    world.own[Case] = Case(title="甲单位牵头事项", lead_unit=a, deadline=date(2026, 4, 1), contacts=[world.own[Contact]])
    world.other[Case] = Case(title="乙单位牵头事项", lead_unit=b, deadline=date(2026, 4, 2),
                             contacts=[world.other[Contact]])
    world.own[ProblemGroup] = ProblemGroup(place_key="estate:金港花园", topic="noise")
    world.other[ProblemGroup] = ProblemGroup(place_key="estate:碧水花园", topic="water")
    world.own[Contact].membership = ContactGroup(group=world.own[ProblemGroup])
    world.other[Contact].membership = ContactGroup(group=world.other[ProblemGroup])
    # The calendar is the office's: one correction stands on each side.
    world.own[WorkdayOverride] = WorkdayOverride(day=date(2026, 5, 6), workday=False, note="甲")
    world.other[WorkdayOverride] = WorkdayOverride(day=date(2026, 5, 9), workday=True, note="乙")
    world.own[Meeting] = Meeting(title="甲单位参加的会议", held_at=datetime(2026, 3, 10, 9), units=[a])
    world.other[Meeting] = Meeting(title="乙单位参加的会议", held_at=datetime(2026, 3, 11, 9), units=[b])
    world.own[Slip] = Slip(case=world.own[Case], unit=a, requirement="甲单位督办事项", deadline=date(2026, 4, 1))
    world.other[Slip] = Slip(case=world.other[Case], unit=b, requirement="乙单位督办事项", deadline=date(2026, 4, 2))
    world.own[CitizenContact] = CitizenContact(case=world.own[Case], unit=a, at=datetime(2026, 3, 3, 9),
                                               note="甲单位电话回访")
    world.other[CitizenContact] = CitizenContact(case=world.other[Case], unit=b, at=datetime(2026, 3, 3, 10),
                                                 note="乙单位上门走访")
    world.own[SiteVisit] = SiteVisit(case=world.own[Case], unit=a, visited_on=date(2026, 3, 4), people="甲单位两人",
                                     findings="甲单位踏勘发现围挡破损")
    world.other[SiteVisit] = SiteVisit(case=world.other[Case], unit=b, visited_on=date(2026, 3, 5), people="乙单位两人",
                                       findings="乙单位踏勘发现积水")
    # Bulletins: a published one everybody reads, and the office's draft.
    world.own[Bulletin] = Bulletin(title="已发布的通报", body="表扬", published_at=datetime(2026, 4, 1, 9))
    world.other[Bulletin] = Bulletin(title="通报草稿", body="待定")
    # The outbox and its templates are the office's alone: a message to each unit's liaison.
    for side, person, code in ((world.own, world.own[Member], "SMS_A"), (world.other, world.other[Member], "SMS_B")):
        side[Notification] = Notification(
            event=NotificationEvent.slip_issued, event_key=f"slip_issued:{code}", channel=MessageChannel.sms,
            recipient=f"member:{code}", member=person, recipient_name=person.name, address="13800000000",
            body=f"{person.unit.name}督办提醒")
    world.own[MessageTemplate] = MessageTemplate(event=NotificationEvent.slip_issued, sms_code="SMS_A",
                                                 sms_text="甲", email_subject="甲", email_body="甲")
    world.other[MessageTemplate] = MessageTemplate(event=NotificationEvent.overdue, sms_code="SMS_B",
                                                   sms_text="乙", email_subject="乙", email_body="乙")
    db.session.add_all([sub, *world.own.values(), *world.other.values()])
    for row in (*world.own.values(), *world.other.values()):
        if hasattr(row, "assign_number"):
            row.assign_number(db.session)
    world.accounts = {
        "office": db.session.execute(db.select(User).filter_by(username="admin")).scalar_one(),
        "hotline": create_user("rexian", Role.hotline, PASSWORD),
        "unit": create_user("zhujian", Role.unit, PASSWORD, unit=a),
        "other_unit": create_user("chengguan", Role.unit, PASSWORD, unit=b),
        "leader": create_user("lingdao", Role.leader, PASSWORD),
    }
    db.session.commit()
    # Accounts and audit entries are the office's alone: its own rows stand on both sides.
    world.own[User], world.other[User] = world.accounts["unit"], world.accounts["other_unit"]
    entries = db.session.scalars(db.select(AuditLog).order_by(AuditLog.id.desc()).limit(2)).all()
    world.own[AuditLog], world.other[AuditLog] = entries
    # The gazetteer is the office's alone and kept between tests: two seeded places stand on both sides,
    # the first county and its first town, the first rows of the list (sorted by full name).
    county = db.session.scalars(db.select(Place).filter_by(level=PlaceLevel.county).order_by(Place.name)).first()
    world.own[Place] = county
    world.other[Place] = db.session.scalars(db.select(Place).filter_by(parent=county).order_by(Place.name)).first()
    return world


def marker(row) -> str:
    """Text that identifies the row on a list page and in an export."""
    for attribute in ("number", "work_order", "username", "name", "title", "body", "sms_code", "note", "findings"):
        value = getattr(row, attribute, None)
        if value:
            return value
    return str(row.id)
