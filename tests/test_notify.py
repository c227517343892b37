"""Which events send reminders to whom (DOMAIN.md §6), counted on the real holiday calendar, each
(event, recipient, channel) written once; templates; quiet hours; the outbox screen."""

import threading
from datetime import date, datetime

import pytest
import sqlalchemy as sa

from admin_site import notify
from admin_site.jobs import deliver_notifications
from admin_site.models import (
    Bulletin,
    Case,
    CaseStatus,
    Channel,
    Contact,
    DeliveryStatus,
    GroupRole,
    Level,
    Meeting,
    Member,
    MessageChannel,
    MessageTemplate,
    Notification,
    NotificationEvent,
    Slip,
    db,
    now_local,
)

from .conftest import csrf_from, login
from .factories import unit

E = NotificationEvent
HOUSING = "市住房和城乡建设局"


def member(name: str) -> Member:
    return db.session.execute(sa.select(Member).filter_by(name=name)).scalar_one()


@pytest.fixture
def people(app):
    """Two liaisons of the housing bureau (one takes no SMS), its member on the group (分管领导),
    a liaison of the office, and the group leader and deputies, all with phones and emails."""
    housing, office_unit = unit(HOUSING), unit(app.config["OFFICE_UNIT"])
    seeded = {"head": member("李剑锋"), "leader": member("王巍"), "deputy": member("刘峰"),
              "deputy2": member("蒋祥宋"), "other": member("林鹭")}
    found = {
        **seeded,
        "liaison": Member(name="黄联络", unit=housing, group_role=GroupRole.liaison, phone="13800000001",
                          email="huang@zjj.example"),
        "no_sms": Member(name="覃联络", unit=housing, group_role=GroupRole.liaison, phone="13800000002",
                         email="qin@zjj.example", receive_sms=False),
        "office": Member(name="莫办公", unit=office_unit, group_role=GroupRole.liaison, phone="13800000003",
                         email="mo@dsj.example"),
    }
    for n, key in enumerate(("head", "leader", "deputy", "deputy2", "other")):
        found[key].phone, found[key].email = f"1390000000{n}", f"{key}@yulin.example"
    db.session.add_all(found.values())
    db.session.commit()
    return found


def assigned_case(deadline: date, **extra) -> Case:
    case = Case(title="金港花园工地夜间施工噪音", lead_unit=unit(HOUSING), deadline=deadline,
                status=CaseStatus.assigned, **extra)
    case.assign_number(db.session)
    db.session.add(case)
    db.session.commit()
    return case


def issued_slip(case: Case, issued_at: datetime) -> Slip:
    """A slip to the case's lead unit with the case's deadline."""
    slip = Slip(case=case, unit=case.lead_unit, requirement="核查夜间施工审批并整改", deadline=case.deadline,
                issued_at=issued_at)
    slip.assign_number(db.session)
    db.session.add(slip)
    db.session.commit()
    return slip


def written(since: int = 0) -> set[tuple[str, str, str]]:
    """(event key, recipient's name, channel) of every message written after id ``since``."""
    rows = db.session.execute(sa.select(Notification.event_key, Notification.recipient_name, Notification.channel)
                              .where(Notification.id > since))
    return {(key, name, channel.value) for key, name, channel in rows}


def collect(now: datetime) -> set[tuple[str, str, str]]:
    before = db.session.scalar(sa.select(sa.func.coalesce(sa.func.max(Notification.id), 0)))
    notify.collect(now)
    db.session.commit()
    return written(before)


def test_a_slip_goes_to_the_units_liaisons_on_the_channels_they_take(app, people):
    case = assigned_case(date(2026, 12, 31))
    slip = issued_slip(case, datetime(2026, 12, 1, 9, 0))
    key = f"slip_issued:{slip.id}"
    assert collect(datetime(2026, 12, 1, 9, 1)) == {(key, "黄联络", "sms"), (key, "黄联络", "email"),
                                                    (key, "覃联络", "email")}
    assert collect(datetime(2026, 12, 1, 9, 2)) == set()  # found again, written once
    sms = db.session.scalars(sa.select(Notification).filter_by(event_key=key, channel=MessageChannel.sms)).one()
    assert sms.body == (f"【玉林12345】市住房和城乡建设局：督办单{slip.number}已下发（{case.number}），"
                        "请于2026年12月31日前办结并反馈。")
    assert sms.template_code == "SMS_HOTLINE_SLIP_ISSUED"
    assert sms.params == {"unit": HOUSING, "slip_number": slip.number, "case_number": case.number,
                          "deadline": "2026年12月31日"}
    email = db.session.scalars(sa.select(Notification).filter_by(event_key=key, recipient_name="覃联络")).one()
    assert email.subject == f"【跟踪督办】{slip.number} 金港花园工地夜间施工噪音"
    assert email.body.startswith("覃联络同志：\n") and "督办事项：核查夜间施工审批并整改" in email.body
    assert f"http://127.0.0.1:5000/admin/slips/details/?id={slip.id}" in email.body


def test_deadline_reminders_and_overdue_rounds_count_working_days_across_the_national_day(app, people):
    # Deadline Fri 9 Oct 2026: 1–7 Oct are holidays, Sat 10 Oct is a make-up working day.
    case = assigned_case(date(2026, 10, 9))
    subject = f"{case.id}:{unit(HOUSING).id}:20261009"
    liaisons = lambda key: {(key, "黄联络", "sms"), (key, "黄联络", "email"), (key, "覃联络", "email")}  # noqa: E731
    assert collect(datetime(2026, 9, 28, 10, 0)) == set()  # 4 working days left
    assert collect(datetime(2026, 9, 29, 10, 0)) == liaisons(f"deadline_3:{subject}")  # 30 Sep, 8 and 9 Oct
    assert collect(datetime(2026, 9, 30, 10, 0)) == set()  # 2 left: the 3-day reminder went already
    assert collect(datetime(2026, 10, 5, 10, 0)) == set()  # a holiday: still 2 left
    assert collect(datetime(2026, 10, 8, 10, 0)) == liaisons(f"deadline_1:{subject}")
    assert collect(datetime(2026, 10, 9, 10, 0)) == set()
    overdue = f"overdue:{subject}:0"
    # The make-up Saturday is the first working day overdue: liaisons, the bureau's 分管领导, the office.
    assert collect(datetime(2026, 10, 10, 10, 0)) == liaisons(overdue) | {
        (overdue, "李剑锋", "sms"), (overdue, "李剑锋", "email"), (overdue, "莫办公", "sms"),
        (overdue, "莫办公", "email")}
    for day in (11, 12, 13):  # overdue 1 (Sunday), 2, 3 working days
        assert collect(datetime(2026, 10, day, 10, 0)) == set()
    again = collect(datetime(2026, 10, 14, 10, 0))  # 4 working days: again, every 3 working days
    assert {key for key, _, _ in again} == {f"overdue:{subject}:1"} and len(again) == 7
    message = db.session.scalars(sa.select(Notification).filter_by(event_key=f"overdue:{subject}:1",
                                                                   recipient_name="李剑锋", channel=MessageChannel.sms)).one()
    assert "已超期4个工作日（时限2026年10月9日）" in message.body

    # A case handed back to the office (已反馈) no longer binds the unit to its deadline.
    case.status = CaseStatus.feedback
    db.session.commit()
    assert collect(datetime(2026, 10, 20, 10, 0)) == set()


def test_a_slip_and_the_case_deadline_it_repeats_remind_once(app, people):
    issued_slip(assigned_case(date(2026, 10, 9)), datetime(2026, 9, 1, 9, 0))
    assert {key.split(":")[0] for key, _, _ in collect(datetime(2026, 10, 8, 10, 0))} == {"deadline_1"}


def test_meeting_notice_reminder_the_day_before_and_a_new_notice_when_it_moves(app, people):
    meeting = Meeting(title="第一次专题快速联动协调会议", held_at=datetime(2026, 12, 3, 15, 0), place="市政务服务中心",
                      members=[people["leader"], people["head"]])
    meeting.assign_number(db.session)
    db.session.add(meeting)
    db.session.commit()
    notice = f"meeting_scheduled:{meeting.id}:202612031500"
    everyone = lambda key: {(key, "王巍", "sms"), (key, "王巍", "email"), (key, "李剑锋", "sms"),  # noqa: E731
                            (key, "李剑锋", "email"), (key, "", "robot")}
    assert collect(datetime(2026, 12, 1, 9, 0)) == everyone(notice)
    robot = db.session.scalars(sa.select(Notification).filter_by(event_key=notice, channel=MessageChannel.robot)).one()
    assert robot.body == "【会议通知】定于2026年12月3日 15:00在市政务服务中心召开第一次专题快速联动协调会议，请参会单位和人员准时参加。"
    assert robot.address == "log"  # no webhook configured in this test: the robot's messages go to the log
    assert collect(datetime(2026, 12, 2, 9, 0)) == everyone(f"meeting_tomorrow:{meeting.id}:20261203")
    meeting.held_at = datetime(2026, 12, 4, 9, 30)
    db.session.commit()
    assert collect(datetime(2026, 12, 2, 10, 0)) == everyone(f"meeting_scheduled:{meeting.id}:202612040930")
    assert collect(datetime(2026, 12, 4, 10, 0)) == set()  # held: nothing more


def test_a_case_at_report_level_goes_to_the_leader_and_deputies(app, people):
    case = assigned_case(date(2026, 10, 9), level=Level.report)
    key = f"case_report:{case.id}"
    got = collect(datetime(2026, 10, 20, 10, 0))
    assert {(k, name) for k, name, _ in got if k == key} == {(key, "王巍"), (key, "刘峰"), (key, "蒋祥宋")}


def test_a_published_bulletin_goes_to_every_member_and_the_group(app, people):
    draft = Bulletin(title="2026年11月快速联动工作通报", body="各成员单位：……")
    db.session.add(draft)
    db.session.commit()
    assert collect(datetime(2026, 12, 1, 9, 0)) == set()  # a draft is not announced
    draft.published_at = datetime(2026, 12, 1, 9, 0)
    db.session.commit()
    got = collect(datetime(2026, 12, 1, 9, 1))
    # Every member who has a phone or an email (the seeded roster has neither), and the group's chat.
    assert {name for _, name, _ in got} == {person.name for person in people.values()} | {""}
    assert (f"bulletin_published:{draft.id}", "", "robot") in got


def test_finding_events_twice_at_once_writes_each_message_once(app, people):
    assigned_case(date(2026, 10, 9))
    now = datetime(2026, 10, 10, 10, 0)
    errors = []

    def run():
        with app.app_context():
            try:
                notify.collect(now)
                db.session.commit()
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)) == 7


@pytest.mark.parametrize("now, allowed", [
    (datetime(2026, 12, 1, 20, 59), datetime(2026, 12, 1, 20, 59)),
    (datetime(2026, 12, 1, 21, 0), datetime(2026, 12, 2, 8, 0)),
    (datetime(2026, 12, 1, 23, 30), datetime(2026, 12, 2, 8, 0)),
    (datetime(2026, 12, 2, 0, 10), datetime(2026, 12, 2, 8, 0)),
    (datetime(2026, 12, 2, 7, 59), datetime(2026, 12, 2, 8, 0)),
    (datetime(2026, 12, 2, 8, 0), datetime(2026, 12, 2, 8, 0)),
])
def test_quiet_hours_hold_an_sms_until_eight(app, now, allowed):
    assert notify.sms_allowed_from(now) == allowed


def test_an_sms_due_at_night_waits_for_the_morning_while_email_goes_at_once(app, people):
    assigned_case(date(2026, 10, 9))
    collect(datetime(2026, 10, 8, 22, 15))
    assert notify.due_count(datetime(2026, 10, 8, 22, 15)) == 2  # the two liaisons' emails
    night = [notify.claim_next(datetime(2026, 10, 8, 22, 15 + n)) for n in range(3)]
    assert [message.channel for message in night[:2]] == [MessageChannel.email] * 2 and night[2] is None
    assert notify.claim_next(datetime(2026, 10, 9, 7, 59)) is None
    morning = notify.claim_next(datetime(2026, 10, 9, 8, 0))
    assert morning.channel == MessageChannel.sms and morning.not_before == datetime(2026, 10, 9, 8, 0)


def test_a_reminder_still_waiting_is_withdrawn_once_its_deadline_is_met_or_moved(app, people):
    case = assigned_case(date(2026, 10, 9))
    other = assigned_case(date(2026, 10, 9), summary="碧水花园积水")
    collect(datetime(2026, 10, 8, 22, 15))  # the SMS wait for 08:00, the emails are due now
    waiting = lambda c: db.session.scalars(sa.select(Notification).where(  # noqa: E731
        Notification.case_id == c.id, Notification.status == DeliveryStatus.pending)).all()
    assert len(waiting(case)) == 3 and len(waiting(other)) == 3
    case.status = CaseStatus.feedback  # the unit answered at night
    other.deadline = date(2026, 10, 16)  # the office granted more time
    db.session.commit()
    assert notify.withdraw_settled(datetime(2026, 10, 8, 22, 30)) == 6
    db.session.commit()
    assert waiting(case) == [] and waiting(other) == []
    assert {message.status for message in db.session.scalars(sa.select(Notification))} == {DeliveryStatus.cancelled}
    # The new deadline is reminded of in its own time; a deadline still owed keeps its reminders.
    assert {key.split(":")[0] for key, _, _ in collect(datetime(2026, 10, 13, 10, 0))} == {"deadline_3"}
    assert notify.withdraw_settled(datetime(2026, 10, 13, 10, 1)) == 0


def test_the_office_edits_a_template_and_bad_values_are_refused_in_chinese(app, office, people):
    notify.load_default_templates()
    db.session.commit()
    template = db.session.scalars(sa.select(MessageTemplate).filter_by(event=E.deadline_1)).one()
    url = f"/admin/message-templates/edit/?id={template.id}"
    page = office.get(url).get_data(as_text=True)
    assert "可用的变量" in page and "${case_number} 协调事项编号" in page
    form = {"sms_code": "SMS_NEW", "sms_text": "【玉林12345】${unit}：${case_number}${oops}明天到期",
            "email_subject": "到期提醒 ${case_number}", "email_body": "${name}同志：请于${deadline}前办结。",
            "robot_text": "", "csrf_token": csrf_from(page)}
    refused = office.post(url, data=form, follow_redirects=True).get_data(as_text=True)
    assert "这些变量不适用于此消息：${oops}" in refused
    assert "${oops}" in refused  # what the clerk typed is still in the form
    db.session.expire_all()
    assert template.sms_code == "SMS_HOTLINE_DEADLINE_1"
    form["sms_text"] = "【玉林12345】${unit}：${case_number}明天到期"
    assert office.post(url, data=form).status_code == 302
    assigned_case(date(2026, 10, 9))
    collect(datetime(2026, 10, 8, 10, 0))
    sms = db.session.scalars(sa.select(Notification).filter_by(recipient_name="黄联络", channel=MessageChannel.sms)).one()
    assert (sms.template_code, sms.body) == ("SMS_NEW", f"【玉林12345】{HOUSING}：{sms.params['case_number']}明天到期")


def test_the_outbox_screen_lets_the_office_send_again_cancel_and_confirm(app, office, people, servers):
    _, http = servers
    assigned_case(date(2026, 10, 9))
    collect(datetime(2026, 10, 8, 10, 0))
    http.answer = lambda path, body: (400, {"error": "号码停机"})
    deliver_notifications()
    failed = db.session.scalars(sa.select(Notification).filter_by(status=DeliveryStatus.failed)).one()
    listing = office.get("/admin/messages/?flt0_status_equals=failed").get_data(as_text=True)
    assert "消息记录" in listing and "发送失败" in listing and "服务商拒收" in listing and "黄联络" in listing
    details = office.get(f"/admin/messages/details/?id={failed.id}").get_data(as_text=True)
    assert "号码停机" in details and "短信模板编码" in details
    token = csrf_from(listing)

    def act(name):
        return office.post("/admin/messages/action/", data={"action": name, "rowid": [str(failed.id)],
                                                            "csrf_token": token}, follow_redirects=True)

    assert "1 条消息将重新发送" in act("resend").get_data(as_text=True)
    db.session.expire_all()
    assert failed.status == DeliveryStatus.pending
    assert "1 条消息已取消" in act("cancel").get_data(as_text=True)
    db.session.expire_all()
    assert failed.status == DeliveryStatus.cancelled
    http.answer = None
    act("resend")
    assert deliver_notifications() == {"sent": 1}
    assert http.ids("/sms") == {failed.id: 1}


def test_only_the_office_sees_the_outbox_and_templates(app, client, people):
    from admin_site.auth import create_user
    from admin_site.models import Role

    from .conftest import PASSWORD

    create_user("zjj", Role.unit, PASSWORD, unit=unit(HOUSING))
    db.session.commit()
    login(client, "zjj")
    for url in ("/admin/messages/", "/admin/message-templates/", "/admin/messages/export/csv/"):
        assert client.get(url).status_code == 403
    assert client.post("/admin/messages/action/", data={"action": "resend", "rowid": ["1"]}).status_code in (400, 403)


def test_publishing_a_bulletin_announces_it_and_freezes_it(app, office, people):
    page = office.get("/admin/bulletins/new/").get_data(as_text=True)
    office.post("/admin/bulletins/new/", data={"title": "11月通报", "body": "表扬市住建局", "csrf_token": csrf_from(page)})
    bulletin = db.session.scalars(sa.select(Bulletin)).one()
    listing = office.get("/admin/bulletins/").get_data(as_text=True)
    assert "草稿" in listing
    done = office.post("/admin/bulletins/action/", data={"action": "publish", "rowid": [str(bulletin.id)],
                                                         "csrf_token": csrf_from(listing)}, follow_redirects=True)
    assert "已发布 1 份通报" in done.get_data(as_text=True)
    db.session.expire_all()
    assert bulletin.published_at is not None
    edit = office.get(f"/admin/bulletins/edit/?id={bulletin.id}", follow_redirects=True).get_data(as_text=True)
    assert "您无权修改此记录" in edit  # it opens as its page (access.writable: published bulletins stand)
    refused = office.post(f"/admin/bulletins/edit/?id={bulletin.id}", data={
        "title": "改过的标题", "body": "x", "csrf_token": csrf_from(edit)}, follow_redirects=True)
    assert "您无权修改此记录" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert bulletin.title == "11月通报"
    notify.collect(now_local())
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)
                             .filter_by(event=E.bulletin_published)) > 0


def test_reminders_carry_no_complainants_phone_name_or_home(app, people):
    """Messages leave the system for units' liaisons: typed personal data is masked in them."""
    case = assigned_case(date(2026, 12, 31))
    case.title = "教育中路56号3栋：王小明夜间施工噪音"
    case.contacts = [Contact(work_order="GD-N-0001", channel=Channel.phone, received_at=datetime(2026, 11, 30, 9),
                             complainant_name="王小明", content="夜间施工噪音")]
    slip = issued_slip(case, datetime(2026, 12, 1, 9, 0))
    slip.requirement = "回复来电人王小明（13900001111）并核查夜间施工审批"
    db.session.commit()
    collect(datetime(2026, 12, 1, 9, 1))
    email = db.session.scalars(sa.select(Notification).filter_by(event_key=f"slip_issued:{slip.id}",
                                                                 recipient_name="覃联络")).one()
    text = email.subject + email.body
    assert "教育中路**号*栋：王**夜间施工噪音" in email.subject and "王**（139****1111）" in email.body
    assert not any(typed in text for typed in ("56号", "3栋", "王小明", "13900001111"))
