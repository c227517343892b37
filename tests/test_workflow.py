"""A case's life (DOMAIN.md §5): each step allowed and refused per role in the domain layer, recorded
on the timeline, and taken from the case page."""

import re
from datetime import date

import pytest
import sqlalchemy as sa

from admin_site import workflow
from admin_site.auth import create_user
from admin_site.models import Case, CaseAction, CaseEvent, CaseStatus, ReportForm, Role, SlipStatus, User, db

from .conftest import PASSWORD, csrf_from, login
from .factories import unit

A, S = CaseAction, CaseStatus
HOUSING, CITY = "市住房和城乡建设局", "市城市管理监督局"


@pytest.fixture
def accounts(app):
    found = {"office": db.session.scalar(sa.select(User).filter_by(username="admin")),
             "hotline": create_user("rexian", Role.hotline, PASSWORD),
             "lead": create_user("zhujian", Role.unit, PASSWORD, unit=unit(HOUSING)),
             "other": create_user("chengguan", Role.unit, PASSWORD, unit=unit(CITY)),
             "leader": create_user("lingdao", Role.leader, PASSWORD)}
    db.session.commit()
    return found


def new_case(status: CaseStatus = S.proposed, **extra) -> Case:
    case = Case(title="金港花园工地夜间施工噪音", lead_unit=unit(HOUSING), status=status, **extra)
    case.assign_number(db.session)
    db.session.add(case)
    db.session.commit()
    return case


def step(case, action, user, reason=None, **extra):
    event = workflow.perform(case, action, user, reason, **extra)
    db.session.commit()
    return event


def test_the_whole_life_of_a_case_with_rework_is_recorded(app, accounts):
    office, lead = accounts["office"], accounts["lead"]
    case = new_case()
    step(case, A.accept, office)
    step(case, A.coordinate, office)
    step(case, A.assign, office, deadline=date(2026, 10, 9))
    step(case, A.report_back, lead, "已约谈施工单位，夜间停工")
    step(case, A.rework, office, "群众反映仍有夜间施工")
    step(case, A.report_back, lead, "已立案处罚并安排夜间巡查")
    step(case, A.close, office)
    step(case, A.follow_up, office, "回访群众满意，未再反弹")
    step(case, A.archive, office)
    db.session.expire_all()
    assert case.status == S.archived and case.deadline == date(2026, 10, 9)
    assert case.follow_up_result == "回访群众满意，未再反弹"
    timeline = [(event.action, event.from_status, event.to_status, event.username) for event in case.events]
    assert timeline == [
        (A.accept, S.proposed, S.accepted, "admin"), (A.coordinate, S.accepted, S.coordinating, "admin"),
        (A.assign, S.coordinating, S.assigned, "admin"), (A.report_back, S.assigned, S.feedback, "zhujian"),
        (A.rework, S.feedback, S.assigned, "admin"), (A.report_back, S.assigned, S.feedback, "zhujian"),
        (A.close, S.feedback, S.closed, "admin"), (A.follow_up, S.closed, S.review, "admin"),
        (A.archive, S.review, S.archived, "admin")]
    assert case.events[2].deadline == date(2026, 10, 9) and case.events[4].reason == "群众反映仍有夜间施工"


# (state, step) -> the accounts that may take it; every other account is refused.
ALLOWED = [
    (S.proposed, A.accept, {"office"}),
    (S.proposed, A.reject, {"office"}),
    (S.accepted, A.coordinate, {"office"}),
    (S.coordinating, A.assign, {"office"}),
    (S.assigned, A.report_back, {"office", "lead"}),
    (S.assigned, A.ask_extension, {"lead"}),
    (S.feedback, A.close, {"office"}),
    (S.feedback, A.rework, {"office"}),
    (S.closed, A.follow_up, {"office"}),
    (S.review, A.archive, {"office"}),
    (S.coordinating, A.escalate, {"office"}),
    (S.assigned, A.instruct, {"office", "leader"}),
]


@pytest.mark.parametrize("status, action, allowed", ALLOWED, ids=[f"{s.value}-{a.value}" for s, a, _ in ALLOWED])
def test_each_step_is_allowed_and_refused_per_role(app, accounts, status, action, allowed):
    for name, user in accounts.items():
        case = new_case(status, deadline=date(2026, 10, 9))
        try:
            step(case, action, user, "理由", deadline=date(2026, 10, 20), report_form=ReportForm.special)
        except workflow.Refused as refused:
            db.session.rollback()
            assert name not in allowed, f"{name} was refused {action.value}: {refused}"
            db.session.expire_all()
            assert case.status == status and case.events == []  # nothing changed
        else:
            assert name in allowed, f"{name} took {action.value}"


def test_a_step_out_of_order_or_without_a_reason_is_refused_in_chinese_and_changes_nothing(app, accounts):
    office = accounts["office"]
    case = new_case()
    with pytest.raises(workflow.Refused, match="不能"):
        workflow.perform(case, A.close, office)
    with pytest.raises(workflow.Refused, match="请说明"):
        workflow.perform(case, A.reject, office, "  ")
    db.session.rollback()
    assigned = new_case(S.accepted)
    assigned.lead_unit = None
    db.session.commit()
    with pytest.raises(workflow.Refused, match="牵头单位"):
        workflow.perform(assigned, A.assign, office, deadline=date(2026, 10, 9))
    db.session.rollback()
    db.session.expire_all()
    assert (case.status, assigned.status) == (S.proposed, S.accepted)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CaseEvent)) == 0


def test_a_lead_unit_asks_for_more_time_and_the_office_decides(app, accounts):
    office, lead = accounts["office"], accounts["lead"]
    case = new_case(S.assigned, deadline=date(2026, 10, 9))
    with pytest.raises(workflow.Refused, match="晚于"):
        workflow.perform(case, A.ask_extension, lead, "需协调资金", deadline=date(2026, 10, 1))
    db.session.rollback()
    assert workflow.available(case, office) == [A.report_back, A.escalate, A.instruct]
    step(case, A.ask_extension, lead, "需协调资金", deadline=date(2026, 10, 30))
    assert A.ask_extension not in workflow.available(case, lead)  # one request at a time
    assert {A.grant_extension, A.refuse_extension} <= set(workflow.available(case, office))
    step(case, A.grant_extension, office)
    assert case.deadline == date(2026, 10, 30) and case.events[-1].deadline == date(2026, 10, 30)
    step(case, A.ask_extension, lead, "仍需时间", deadline=date(2026, 11, 30))
    step(case, A.refuse_extension, office, "不同意再延期")
    assert case.deadline == date(2026, 10, 30)


def test_more_time_granted_moves_the_open_slips_deadline(app, accounts):
    """The unit works to its slip's deadline: a granted extension moves it too (the paper prints it)."""
    from admin_site.models import Slip

    office, lead = accounts["office"], accounts["lead"]
    case = new_case(S.assigned, deadline=date(2026, 10, 9))
    slip = Slip(case=case, unit=case.lead_unit, requirement="限期整改", deadline=case.deadline, issued_by=office)
    slip.assign_number(db.session)
    db.session.add(slip)
    db.session.flush()
    step(case, A.ask_extension, lead, "需协调资金", deadline=date(2026, 10, 30))
    step(case, A.grant_extension, office)
    assert (case.deadline, slip.deadline) == (date(2026, 10, 30), date(2026, 10, 30))


def test_escalation_and_instruction_keep_the_state(app, accounts):
    case = new_case(S.coordinating)
    step(case, A.escalate, accounts["office"], report_form=ReportForm.single)
    step(case, A.instruct, accounts["leader"], "请市住建局牵头，一周内解决")
    assert case.status == S.coordinating and case.report_form == ReportForm.single
    assert case.leader_instruction == "请市住建局牵头，一周内解决" and case.leader_instruction_on is not None


def test_the_case_page_offers_the_steps_and_keeps_what_was_typed_when_refused(app, client, accounts):
    case = new_case()
    login(client)
    page = client.get(f"/admin/cases/details/?id={case.id}").get_data(as_text=True)
    assert "现在可以办理" in page and "立项" in page and "不予立项" in page and "办理记录" in page
    token = csrf_from(page)
    refused = client.post(f"/admin/cases/step/?id={case.id}", data={"action": "reject", "reason": "",
                                                                      "csrf_token": token})
    assert refused.status_code == 200 and "请说明" in refused.get_data(as_text=True)
    done = client.post(f"/admin/cases/step/?id={case.id}", data={"action": "reject", "reason": "不属于协调范围",
                                                                   "csrf_token": token}, follow_redirects=True)
    text = done.get_data(as_text=True)
    assert "已办理：不予立项" in text and "不属于协调范围" in re.sub(r"<[^>]+>", "", text)
    db.session.expire_all()
    assert case.status == S.rejected
    edit = client.get(f"/admin/cases/edit/?id={case.id}").get_data(as_text=True)
    assert 'name="status"' not in edit  # the state changes only by steps


def test_a_unit_steps_only_on_cases_it_leads_and_sees(app, client, accounts):
    own, other = new_case(S.assigned, deadline=date(2026, 10, 9)), new_case(S.assigned, deadline=date(2026, 10, 9))
    other.lead_unit = unit(CITY)
    db.session.commit()
    login(client, "zhujian")
    page = client.get(f"/admin/cases/details/?id={own.id}").get_data(as_text=True)
    token = csrf_from(page)
    assert "申请延期" in page and "立项" not in page
    assert client.post(f"/admin/cases/step/?id={other.id}", data={"action": "report_back", "reason": "x",
                                                                    "csrf_token": token}).status_code == 404
    accepted = client.post(f"/admin/cases/step/?id={own.id}", data={"action": "close", "csrf_token": token})
    assert "不能" in accepted.get_data(as_text=True)
    db.session.expire_all()
    assert (own.status, other.status) == (S.assigned, S.assigned)


def test_a_meeting_decision_issues_its_slip_and_the_units_answer_reports_the_case_back(app, client, accounts):
    from .conftest import csrf_from

    case = new_case(S.accepted)
    case.lead_unit = None
    db.session.commit()
    login(client)
    page = client.get("/admin/meetings/new/").get_data(as_text=True)
    response = client.post("/admin/meetings/new/", data={
        "title": "第一次专题快速联动协调会议", "held_at": "2026-09-30 15:00:00", "place": "市政务服务中心",
        "status": "held", "cases": [str(case.id)], "units": [str(unit(HOUSING).id)],
        "decisions-0-case": str(case.id), "decisions-0-lead_unit": str(unit(HOUSING).id),
        "decisions-0-co_units": [str(unit(CITY).id)], "decisions-0-measures": "核查夜间施工审批并整改",
        "decisions-0-deadline_days": "2", "csrf_token": csrf_from(page)})  # 2 working days: Fri 9 Oct
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    [slip] = case.slips
    assert (slip.unit.name, slip.requirement, slip.deadline) == (HOUSING, "核查夜间施工审批并整改", date(2026, 10, 9))
    assert case.status == S.assigned and case.deadline == date(2026, 10, 9) and case.lead_unit.name == HOUSING
    assert [unit_.name for unit_ in case.co_units] == [CITY]
    assert [event.action for event in case.events] == [A.coordinate, A.assign]
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/admin/").get_data(as_text=True))})

    login(client, "zhujian")
    listing = client.get("/admin/slips/").get_data(as_text=True)
    signed = client.post("/admin/slips/action/", data={"action": "sign", "rowid": [str(slip.id)],
                                                        "csrf_token": csrf_from(listing)}, follow_redirects=True)
    assert "已签收 1 份督办单" in signed.get_data(as_text=True)
    db.session.expire_all()
    assert (slip.status, slip.signed_by.username) == (SlipStatus.signed, "zhujian")
    page = client.get(f"/admin/slips/edit/?id={slip.id}").get_data(as_text=True)
    answer = {"feedback": "已责令停工整改，群众确认夜间已无施工", "verified": "true", "rectification": "责令夜间停工",
              "root_cause": "夜间施工许可审批把关不严", "similar_cases": "排查全市在建工地12处",
              "_answer": "submit", "csrf_token": csrf_from(page)}
    refused = client.post(f"/admin/slips/edit/?id={slip.id}", data=answer).get_data(as_text=True)
    assert "请填写整改时限" in refused and "排查全市在建工地12处" in refused  # nothing typed is lost
    db.session.expire_all()
    assert case.status == S.assigned and slip.feedback is None
    assert client.post(f"/admin/slips/edit/?id={slip.id}",
                       data={**answer, "rectify_by": "2026-10-09"}).status_code == 302
    db.session.expire_all()
    assert case.status == S.feedback and slip.verified.value == "true" and slip.rectify_by == date(2026, 10, 9)
    assert (case.events[-1].action, case.events[-1].username, case.events[-1].reason) == (
        A.report_back, "zhujian", "已责令停工整改，群众确认夜间已无施工")


def test_a_unit_is_told_when_another_unit_just_contacted_the_complainant(app, client, accounts):
    from datetime import datetime, timedelta

    from admin_site.models import Channel, CitizenContact, Contact, now_local

    from .conftest import csrf_from

    case = new_case(S.assigned, deadline=date(2026, 10, 9))
    case.co_units = [unit(CITY)]
    case.contacts = [Contact(work_order="GD-1", channel=Channel.phone, received_at=datetime(2026, 9, 1, 9),
                             content="夜间施工噪音", phone="13812341234", phone_hash="h1")]
    db.session.add(CitizenContact(case=case, unit=unit(CITY), at=now_local() - timedelta(days=1), note="电话回访"))
    db.session.commit()
    login(client, "zhujian")
    page = client.get(f"/admin/cases/details/?id={case.id}").get_data(as_text=True)
    assert "近期已有其他单位联系过诉求人" in page and "市城市管理监督局" in page and "电话回访" in page
    form = client.get("/admin/citizen-contacts/new/").get_data(as_text=True)
    done = client.post("/admin/citizen-contacts/new/", data={
        "case": str(case.id), "unit": str(unit(HOUSING).id), "at": now_local().strftime("%Y-%m-%d %H:%M:%S"),
        "method": "phone", "note": "再次电话沟通", "csrf_token": csrf_from(form)}, follow_redirects=True)
    assert "该诉求人近期已由市城市管理监督局联系过" in done.get_data(as_text=True)
    logged = db.session.scalars(sa.select(CitizenContact).filter_by(note="再次电话沟通")).one()
    assert (logged.unit.name, logged.recorded_by.username) == (HOUSING, "zhujian")
    # A contact a week ago is no longer news.
    db.session.execute(sa.update(CitizenContact).values(at=now_local() - timedelta(days=7)))
    db.session.commit()
    assert "近期已有其他单位联系过诉求人" not in client.get(f"/admin/cases/details/?id={case.id}").get_data(as_text=True)
