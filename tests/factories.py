"""One saved row of every model, built the way a clerk would fill the screens."""

from __future__ import annotations

from datetime import date, datetime

from admin_site.models import (
    Case,
    CaseCategory,
    Category,
    CategoryOrigin,
    Channel,
    Contact,
    ContactGroup,
    Decision,
    Meeting,
    Member,
    ProblemGroup,
    Slip,
    Unit,
    WorkdayOverride,
    db,
)


def unit(name: str) -> Unit:
    return db.session.execute(db.select(Unit).filter_by(name=name)).scalar_one()


def sample_rows() -> dict:
    """A contact, a case with a category, a meeting with a decision and a slip; committed."""
    housing = unit("市住房和城乡建设局")
    city = unit("市城市管理监督局")
    contact = Contact(work_order="GD20260301001", channel=Channel.phone, received_at=datetime(2026, 3, 1, 9, 30),
                      complainant_name="张三", phone="13812341234", address="玉州区人民东路8号金港花园3栋",
                      content="小区旁工地夜间施工噪音扰民", transfer_units=[housing], returned_by=[city])
    group = ProblemGroup(place_key="estate:金港花园", topic="noise", contact_count=1)
    contact.membership = ContactGroup(group=group)
    case = Case(title="金港花园工地夜间施工噪音", summary="同一问题反复来电", lead_unit=housing, co_units=[city],
                deadline=date(2026, 4, 10), contacts=[contact],
                categories=[CaseCategory(code=Category.repeat, origin=CategoryOrigin.computed, reason="3 次来电")])
    case.assign_number(db.session)
    convener = db.session.execute(db.select(Member).filter_by(name="王巍")).scalar_one()
    meeting = Meeting(title="第一次专题快速联动协调会议", held_at=datetime(2026, 3, 20, 15, 0), place="市政务服务中心",
                      convener=convener, units=[housing, city], cases=[case])
    meeting.decisions.append(Decision(case=case, lead_unit=housing, co_units=[city], measures="限期整改",
                                      deadline_days=10, deadline=date(2026, 4, 3)))
    meeting.assign_number(db.session)
    slip = Slip(case=case, unit=housing, requirement="核查夜间施工审批并整改", deadline=date(2026, 4, 3))
    slip.assign_number(db.session)
    db.session.add_all([contact, group, case, meeting, slip,
                        WorkdayOverride(day=date(2026, 12, 31), workday=False, note="跨年")])
    db.session.commit()
    return {"contact": contact, "case": case, "meeting": meeting, "slip": slip, "unit": housing}
