"""The panel in a real headless Chromium (Debian's package), with Chinese fonts, as a clerk sees it."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from .conftest import PASSWORD, log_in_page
from .factories import sample_rows

pytestmark = pytest.mark.browser


def test_office_logs_in_and_reads_cases_and_roster_in_chinese(page, tmp_path):
    rows = sample_rows()
    page.goto(page.base_url + "/admin/cases/")
    assert page.url.startswith(page.base_url + "/login")
    page.fill("#username", "admin")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/cases/**")
    table = page.locator("table.model-list")
    assert "协调事项" in page.title()
    assert rows["case"].number in table.inner_text() and "金港花园工地夜间施工噪音" in table.inner_text()
    assert table.locator(".badge.level-normal").inner_text() == "正常"
    page.screenshot(path=str(tmp_path / "cases.png"), full_page=True)

    page.click("text=工作组成员")
    page.wait_for_url("**/admin/members/**")
    roster = page.locator("table.model-list").inner_text()
    for expected in ("王巍", "副市长", "组长", "杨天来", "高速公路发展中心玉林分中心"):
        assert expected in roster
    page.screenshot(path=str(tmp_path / "members.png"), full_page=True)
    # The fonts draw CJK glyphs: a rendered cell of Chinese text has real width, not tofu boxes of zero.
    assert page.locator("text=工作组成员").first.bounding_box()["width"] > 40
    assert (tmp_path / "cases.png").stat().st_size > 10_000


def _log_in(page):
    page.goto(page.base_url + "/login")
    page.fill("#username", "admin")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def test_widgets_speak_chinese(page):
    """select2 lookups and the date pickers come from Flask-Admin in English; ours are patched."""
    _log_in(page)
    page.goto(page.base_url + "/admin/cases/new/")
    page.click("#s2id_lead_unit")
    page.keyboard.type("住房")
    result = page.locator(".select2-result-label").first
    result.wait_for()
    assert result.inner_text() == "市住房和城乡建设局"
    page.keyboard.press("Escape")
    page.click("#s2id_lead_unit")
    page.keyboard.type("没有这个单位")
    no_results = page.locator(".select2-drop-active .select2-no-results")
    no_results.wait_for()
    assert no_results.inner_text() == "没有找到匹配项"
    page.keyboard.press("Escape")
    page.click("#deadline")
    picker = page.locator(".daterangepicker").first
    picker.wait_for()
    assert "十一月" in picker.inner_text() or "11月" in picker.inner_text()
    assert "一\t二\t三" in picker.inner_text() and "Mo" not in picker.inner_text()


def test_a_time_is_typed_key_by_key_and_one_that_is_no_time_is_kept_beside_a_chinese_message(page, app):
    """The date picker neither rewrites a date while it is typed nor replaces text it cannot read."""
    from admin_site.models import Meeting, db

    log_in_page(page)
    for typed in ("2026-13-45 99:00", "2026-12-05 09:30"):
        page.goto(page.base_url + "/admin/meetings/new/")
        page.fill("#title", f"专题协调会 {typed}")
        page.click("#held_at")
        page.keyboard.type(typed, delay=20)
        page.click("input[type=submit].btn-primary")  # straight on, the picker still open
        page.wait_for_load_state()
    assert page.locator(".alert-success").count() == 1
    meetings = db.session.scalars(db.select(Meeting)).all()
    assert [(meeting.title, meeting.held_at.isoformat(" ")) for meeting in meetings] == [
        ("专题协调会 2026-12-05 09:30", "2026-12-05 09:30:00")]
    page.goto(page.base_url + "/admin/meetings/new/")
    page.fill("#title", "专题协调会")
    page.click("#held_at")
    page.keyboard.type("2026-13-45 99:00", delay=20)
    page.click("input[type=submit].btn-primary")
    page.wait_for_load_state()
    assert page.locator("#held_at").input_value() == "2026-13-45 99:00"
    assert "不是有效的日期与时间值" in page.content() and "Invalid" not in page.locator("form.admin-form").inner_text()


def test_date_range_filter_in_chinese_still_filters(page, app):
    rows = sample_rows()
    _log_in(page)
    page.goto(page.base_url + "/admin/cases/")
    groups = json.loads(page.locator("#filter-groups-data").text_content())
    between = next(op["arg"] for op in groups["办结时限"] if op["operation"] == "之间")
    page.goto(page.base_url + f"/admin/cases/?flt0_{between}=2026-04-01+to+2026-04-30")
    field = page.locator("#filter_form input.filter-val").first
    assert field.input_value() == "2026-04-01 至 2026-04-30"
    field.click()
    picker = page.locator(".daterangepicker:visible")
    assert "确定" in picker.inner_text() and "取消" in picker.inner_text() and "Apply" not in picker.inner_text()
    picker.locator("button.applyBtn").click()
    page.locator("#filter_form button[type=submit]").click()
    page.wait_for_load_state()
    assert "2026-04-01+to+2026-04-30" in page.url or "2026-04-01%20to%202026-04-30" in page.url
    assert rows["case"].number in page.locator("table.model-list").inner_text()


def test_two_unit_accounts_each_see_their_own_and_edit_their_phone(page, app, tmp_path):
    from .world import UNIT_A, UNIT_B, build_world

    world = build_world()
    from admin_site.models import Case, Member, Unit, db

    for role, own, other in (("unit", UNIT_A, UNIT_B), ("other_unit", UNIT_B, UNIT_A)):
        page.context.clear_cookies()
        page.goto(page.base_url + "/login")
        page.fill("#username", world.accounts[role].username)
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/")
        mine = world.own if role == "unit" else world.other
        theirs = world.other if role == "unit" else world.own
        page.click("text=协调事项")
        cases = page.locator("table.model-list tbody").inner_text()
        assert mine[Case].number in cases and theirs[Case].number not in cases
        page.click("text=工作组成员")
        members = page.locator("table.model-list tbody").inner_text()
        assert mine[Member].name in members and theirs[Member].name not in members
        page.click("text=成员单位")
        units = page.locator("table.model-list tbody").inner_text()
        assert own in units and other not in units
        page.screenshot(path=str(tmp_path / f"{role}-units.png"), full_page=True)
        page.goto(page.base_url + f"/admin/units/edit/?id={mine[Unit].id}")
        assert page.locator("#name").count() == 0  # a unit changes its contact details, not its name
        page.fill("#phone", f"0775-66{mine[Unit].id:05d}")
        page.click("input[type=submit][value='保存']")
        page.wait_for_url("**/admin/units/**")
        assert "保存成功" in page.content() or "记录已保存" in page.content() or "成功" in page.content()
        db.session.expire_all()
        assert db.session.get(Unit, mine[Unit].id).phone == f"0775-66{mine[Unit].id:05d}"
        assert db.session.get(Unit, theirs[Unit].id).phone != f"0775-66{mine[Unit].id:05d}"
        page.click("text=退出登录")
        page.wait_for_url("**/login")


def test_proposals_levels_and_reasons_as_the_office_sees_them(page, app, tmp_path):
    from datetime import timedelta

    import sqlalchemy as sa

    from admin_site import importer, rules, workdays
    from admin_site.models import Case, CaseStatus, Unit, db, now_local

    records = [{"work_order": f"B{n}", "channel": channel, "received_at": f"2026-03-0{n + 1} 09:00",
                "content": "金港花园小区楼下烧烤店油烟太大", "address": "玉州区金港花园3栋", "phone": "13800000001",
                "units": "市生态环境局、市城市管理监督局"} for n, channel in enumerate(("电话", "微信", "电话"))]
    report = importer.import_records(records)
    importer.finish(report)
    housing = db.session.scalar(sa.select(Unit).where(Unit.name == "市住房和城乡建设局"))
    today = now_local().date()
    for title, deadline in (("江南路积水", workdays.add_workdays(today, 1)),
                            ("人民路路灯不亮", today - timedelta(days=1))):
        case = Case(title=title, status=CaseStatus.assigned, lead_unit=housing, deadline=deadline)
        case.assign_number(db.session)
        db.session.add(case)
    db.session.commit()
    rules.apply()
    db.session.commit()
    _log_in(page)
    page.goto(page.base_url + "/admin/cases/")
    table = page.locator("table.model-list")
    assert table.locator(".badge.level-yellow").inner_text() == "临期"
    assert table.locator(".badge.level-red").inner_text() == "超期"
    assert "系统识别" in table.inner_text()
    page.screenshot(path=str(tmp_path / "case-levels.png"), full_page=True)
    proposed = db.session.scalar(sa.select(Case).where(Case.problem_group_id.is_not(None)))
    page.goto(page.base_url + f"/admin/cases/details/?id={proposed.id}")
    reasons = page.locator(".category-reasons").inner_text()
    assert "来电 3 次（2026-03-01 至 2026-03-03）" in reasons and "渠道：电话、微信" in reasons
    assert "承办单位：市生态环境局、市城市管理监督局" in reasons
    page.screenshot(path=str(tmp_path / "case-reasons.png"), full_page=True)


def test_the_office_reads_the_outbox_and_confirms_a_held_message(page, app, tmp_path):
    import sqlalchemy as sa

    from admin_site import notify
    from admin_site.models import DeliveryFailure, DeliveryStatus, MessageChannel, Notification, db, now_local

    from .factories import queued

    notify.load_default_templates()
    sent = queued(MessageChannel.email, "huang@zjj.example", subject="【到期提醒】LD-2026-0001",
                  status=DeliveryStatus.sent, attempts=1, provider_ref="msg-1", sent_at=now_local())
    held = queued(MessageChannel.sms, "13800000001", template_code="SMS_HOTLINE_DEADLINE_1",
                  params={"case_number": "LD-2026-0001"}, status=DeliveryStatus.held, attempts=1,
                  failure=DeliveryFailure.no_answer, last_error="ReadTimeout")
    _log_in(page)
    page.goto(page.base_url + "/admin/messages/")
    table = page.locator("table.model-list")
    text = table.inner_text()
    assert "已发送" in text and "待确认（送达情况不明）" in text and "已发出但服务商未确认" in text
    assert "短信" in text and "邮件" in text and "发送方式" in text
    page.screenshot(path=str(tmp_path / "messages.png"), full_page=True)
    page.once("dialog", lambda dialog: dialog.accept())
    page.check(f"input.action-checkbox[value='{held.id}']")
    page.click("a.dropdown-toggle:has-text(\"选中的\")")
    page.click("text=确认已送达")
    page.wait_for_selector(".alert-success")
    assert "1 条消息已标记为已送达" in page.locator(".alert-success").inner_text()
    db.session.expire_all()
    assert db.session.get(Notification, held.id).status == DeliveryStatus.sent
    assert db.session.get(Notification, sent.id).status == DeliveryStatus.sent
    template = db.session.scalar(sa.select(notify.MessageTemplate).limit(1))
    page.goto(page.base_url + f"/admin/message-templates/edit/?id={template.id}")
    assert "可用的变量" in page.locator("form.admin-form").inner_text()
    page.screenshot(path=str(tmp_path / "message-template.png"), full_page=True)


def test_the_office_takes_a_step_from_the_case_page(page, app, tmp_path):
    from admin_site.models import Case, CaseStatus, db

    rows = sample_rows()
    case = rows["case"]
    _log_in(page)
    page.goto(page.base_url + f"/admin/cases/details/?id={case.id}")
    steps = page.locator(".case-steps")
    assert "现在可以办理" in steps.inner_text()
    page.once("dialog", lambda dialog: dialog.accept())
    steps.locator("button:has-text('立项')").first.click()
    page.wait_for_selector(".alert-success")
    assert "已办理：立项" in page.locator(".alert-success").inner_text()
    timeline = page.locator("table.case-timeline").inner_text()
    assert "立项" in timeline and "已提出 → 已立项" in timeline
    page.screenshot(path=str(tmp_path / "case-steps.png"), full_page=True)
    db.session.expire_all()
    assert db.session.get(Case, case.id).status == CaseStatus.accepted


def test_the_office_and_a_unit_take_a_case_from_proposal_to_archive(page, app, tmp_path):
    """The round of DOMAIN.md §5 by clicking: the office accepts and assigns, the unit reports back,
    the office returns it once, closes it, records the 回头看 and archives it."""
    from admin_site.auth import create_user
    from admin_site.models import Case, CaseStatus, Role, db

    from .factories import unit

    housing = unit("市住房和城乡建设局")
    create_user("zhujian", Role.unit, PASSWORD, unit=housing)
    case = Case(title="金港花园工地夜间施工噪音", lead_unit=housing)
    case.assign_number(db.session)
    db.session.add(case)
    db.session.commit()
    url = page.base_url + f"/admin/cases/details/?id={case.id}"
    page.on("dialog", lambda dialog: dialog.accept())

    def take(label, reason=None, deadline=None):
        button = page.get_by_role("button", name=label, exact=True)
        form = page.locator("form.record-step").filter(has=button)
        if reason is not None:
            form.locator("textarea[name=reason]").fill(reason)
        if deadline is not None:
            form.locator("input[name=deadline]").fill(deadline)
        button.click()
        page.wait_for_selector(".alert-success")
        assert f"已办理：{label}" in page.locator(".alert-success").inner_text()

    def log_in_as(username):
        page.goto(page.base_url + "/login")
        page.fill("#username", username)
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/")

    log_in_as("admin")
    page.goto(url)
    take("立项")
    take("交办并限时", deadline="2026-12-31")
    page.click("text=退出登录")
    log_in_as("zhujian")
    page.goto(url)
    assert [text.strip() for text in page.locator(".case-steps button").all_inner_texts()] == ["反馈办理情况", "申请延期"]
    take("反馈办理情况", "已约谈施工单位，夜间停工")
    page.click("text=退出登录")
    log_in_as("admin")
    page.goto(url)
    take("退回重办", "群众反映仍有夜间施工")
    page.click("text=退出登录")
    log_in_as("zhujian")
    page.goto(url)
    take("反馈办理情况", "已立案处罚并安排夜间巡查")
    page.click("text=退出登录")
    log_in_as("admin")
    page.goto(url)
    take("办结")
    take("登记回头看", "回访群众满意，未再反弹")
    take("归档")
    timeline = page.locator("table.case-timeline").inner_text()
    for expected in ("已提出 → 已立项", "已立项 → 限时办理", "限时办理 → 已反馈", "已反馈 → 限时办理", "已办结 → 回头看",
                     "回头看 → 已归档", "zhujian", "群众反映仍有夜间施工"):
        assert expected in timeline
    page.screenshot(path=str(tmp_path / "case-archived.png"), full_page=True)
    db.session.expire_all()
    assert db.session.get(Case, case.id).status == CaseStatus.archived


def test_a_slip_is_signed_answered_returned_and_passed_on_its_own_page(page, app, tmp_path):
    """A meeting's decision issues the slip; the unit signs for it, saves a draft, submits; the office
    returns it with a reason shown above the unit's form, the unit answers again, the office passes it
    and the case is closed: every step a button on the slip's page or its form."""
    from datetime import date

    from admin_site import workflow
    from admin_site.auth import create_user
    from admin_site.models import Case, CaseStatus, Decision, Meeting, Role, SlipStatus, User, db

    from .factories import unit

    housing = unit("市住房和城乡建设局")
    create_user("zhujian", Role.unit, PASSWORD, unit=housing)
    office = db.session.scalars(db.select(User).filter_by(username="admin")).one()
    case = Case(title="金港花园工地夜间施工噪音", status=CaseStatus.accepted)
    case.assign_number(db.session)
    meeting = Meeting(title="专题协调会", held_at=datetime(2026, 12, 1, 9), units=[housing], cases=[case])
    meeting.decisions.append(Decision(case=case, lead_unit=housing, measures="核查夜间施工审批并整改",
                                      deadline_days=20, deadline=date(2026, 12, 31)))
    meeting.assign_number(db.session)
    db.session.add(meeting)
    db.session.commit()  # saved on its screen first, as the meeting's form does
    workflow.meeting_saved(meeting, office)
    db.session.commit()
    [slip] = case.slips
    url = page.base_url + f"/admin/slips/details/?id={slip.id}"
    page.on("dialog", lambda dialog: dialog.accept())

    def press(label, reason=None):
        button = page.get_by_role("button", name=label, exact=True)
        if reason is not None:
            page.locator("form.record-step").filter(has=button).locator("textarea[name=reason]").fill(reason)
        button.click()
        page.wait_for_load_state()

    def answer(feedback, submit=True):
        page.click("a.slip-answer")
        page.wait_for_url("**/admin/slips/edit/**")
        assert "核查夜间施工审批并整改" in page.locator(".slip-brief").inner_text()
        page.locator("#verified").select_option("true", force=True)  # drawn by select2 over the select
        page.fill("#rectification", "责令夜间停工")
        page.fill("#rectify_by", "2026-12-20")
        page.fill("#feedback", feedback)
        page.get_by_role("button", name="提交反馈" if submit else "保存草稿", exact=True).click()
        page.wait_for_load_state()

    def state():
        db.session.expire_all()
        return db.session.get(type(slip), slip.id).status, db.session.get(Case, case.id).status

    log_in_page(page, "zhujian")
    page.goto(url)
    press("签收")
    assert state() == (SlipStatus.signed, CaseStatus.assigned)
    answer("已约谈施工单位", submit=False)
    assert state() == (SlipStatus.signed, CaseStatus.assigned) and slip.feedback == "已约谈施工单位"
    page.goto(url)
    answer("已约谈施工单位，夜间停工")
    assert state() == (SlipStatus.answered, CaseStatus.feedback)
    page.goto(url)
    assert page.locator("a.slip-answer").count() == 0  # a submitted answer is the office's to judge
    page.click("text=退出登录")
    log_in_page(page)
    page.goto(url)
    press("退回重办", "群众反映仍有夜间施工")
    assert state() == (SlipStatus.returned, CaseStatus.assigned)
    page.click("text=退出登录")
    log_in_page(page, "zhujian")
    page.goto(url)
    assert "群众反映仍有夜间施工" in page.locator(".slip-return-reason").inner_text()
    answer("已立案处罚并安排夜间巡查")
    page.click("text=退出登录")
    log_in_page(page)
    page.goto(url)
    press("审核通过")
    assert state() == (SlipStatus.passed, CaseStatus.closed)
    page.screenshot(path=str(tmp_path / "slip-passed.png"), full_page=True)
    db.session.expire_all()
    stored = db.session.get(type(slip), slip.id)
    assert (stored.review.value, stored.reviewed_at is not None, stored.feedback) == ("passed", True, "已立案处罚并安排夜间巡查")
    timeline = [event.action.value for event in db.session.get(Case, case.id).events]
    assert timeline[-4:] == ["report_back", "rework", "report_back", "close"]


def test_a_unit_records_site_work_with_a_photo_from_the_case_page(page, app, tmp_path):
    """From the case page to the site-work form (the case filled in), a photo chosen and saved; the photo
    shows on the record and the visit on the case page."""
    from admin_site.auth import create_user
    from admin_site.models import Case, CaseStatus, Role, SiteVisit, db

    from .factories import png, unit

    housing = unit("市住房和城乡建设局")
    create_user("zhujian", Role.unit, PASSWORD, unit=housing)
    case = Case(title="金港花园工地夜间施工噪音", lead_unit=housing, status=CaseStatus.assigned)
    case.assign_number(db.session)
    db.session.add(case)
    db.session.commit()
    picture = tmp_path / "夜间施工现场.png"
    picture.write_bytes(png(320, 200))
    page.goto(page.base_url + "/login")
    page.fill("#username", "zhujian")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(page.base_url + f"/admin/cases/details/?id={case.id}")
    page.click("text=记录现场工作")
    page.wait_for_url("**/admin/site-visits/new/**")
    assert case.number in page.locator("#s2id_case, .select2-container").first.inner_text()
    page.fill("#visited_on", "2026-10-05")
    page.fill("#people", "市住建局张科长、市城管局李队长")
    page.fill("#findings", "工地夜间仍在浇筑混凝土，未见夜间施工许可公示")
    page.set_input_files("#new_attachments", str(picture))
    assert page.locator(".custom-file-label").inner_text() == "夜间施工现场.png"
    page.screenshot(path=str(tmp_path / "site-visit-form.png"), full_page=True)
    page.click("input[type=submit].btn-primary")
    page.wait_for_selector(".alert-success")
    visit = db.session.scalars(db.select(SiteVisit)).one()
    page.goto(page.base_url + f"/admin/site-visits/details/?id={visit.id}")
    photo = page.locator("img.attachment-photo")
    assert photo.evaluate("image => image.naturalWidth") == 320  # the picture itself came back
    page.screenshot(path=str(tmp_path / "site-visit.png"), full_page=True)
    page.goto(page.base_url + f"/admin/cases/details/?id={case.id}")
    assert "踏勘现场 2026-10-05" in page.locator("table").first.inner_text()


def _drawn(page, name: str) -> dict:
    """What ECharts drew for a chart, the table under it, and how many pixels of its canvas are painted."""
    return page.evaluate("""name => {
        const element = document.getElementById('chart-' + name);
        const option = echarts.getInstanceByDom(element).getOption();
        const canvas = element.querySelector('canvas');
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) painted++; }
        const table = document.querySelector(`table[data-for="${name}"]`);
        const rows = [...table.querySelectorAll('tbody tr')].map(row => [...row.cells].map(cell => cell.textContent.trim()));
        return {series: option.series.map(series => series.data.map(item =>
                    item === null || item === undefined ? null : (typeof item === 'object' ? [item.name, item.value] : item))),
                axis: option.xAxis && option.xAxis.length ? option.xAxis[0].data : null,
                names: option.yAxis && option.yAxis.length ? option.yAxis[0].data : null, rows: rows, painted: painted};
    }""", name)


def test_the_dashboards_draw_their_charts_and_the_numbers_match_the_tables(page, app, tmp_path):
    from datetime import date, datetime

    from admin_site.auth import create_user
    from admin_site.models import CaseAction, Channel, Contact, Level, Role, Satisfaction, db, now_local

    from .factories import unit
    from .test_assessment import case

    rows = sample_rows()
    today = now_local().date()
    this_month = datetime(today.year, today.month, 1, 10)
    closed = case("已办结噪音", "市住房和城乡建设局", today, [(CaseAction.assign, this_month),
                                                    (CaseAction.report_back, this_month),
                                                    (CaseAction.close, this_month)], satisfaction=Satisfaction.satisfied)
    late = case("超期积水", "市城市管理监督局", date(2026, 1, 5), [(CaseAction.assign, datetime(2026, 1, 2, 9))],
                level=Level.red)
    for n, channel in enumerate((Channel.phone, Channel.phone, Channel.wechat)):
        db.session.add(Contact(work_order=f"GD-CHART-{n}", channel=channel, received_at=this_month, content="噪音",
                               case=late))
    create_user("zhujian", Role.unit, PASSWORD, unit=unit("市住房和城乡建设局"))
    db.session.commit()
    assert rows and closed.id and late.id

    _log_in(page)
    page.wait_for_function("document.querySelectorAll('.hotline-chart canvas').length === 5")
    month = f"{today:%Y-%m}"
    channel = _drawn(page, "contacts_by_channel")
    assert channel["axis"][-1] == month and channel["painted"] > 1000
    labels = page.locator("table[data-for=contacts_by_channel] thead th").all_text_contents()[1:]
    last = channel["rows"][-1]
    assert last[0] == month
    drawn = {label: series[-1] for label, series in zip(labels, channel["series"])}
    assert drawn["电话"] == 2 and drawn["微信"] == 1
    assert [str(value) for value in drawn.values()] == last[1:]  # the chart and its table agree
    levels = _drawn(page, "cases_by_level")
    assert [[name, str(value)] for name, value in levels["series"][0]] == levels["rows"]
    overdue = _drawn(page, "overdue_by_unit")
    bars = list(zip(overdue["names"], overdue["series"][0]))[::-1]  # drawn from the bottom up
    assert [[name, str(value)] for name, value in bars] == overdue["rows"]
    assert ["市城市管理监督局", "1"] in overdue["rows"]
    satisfaction = _drawn(page, "satisfaction")
    assert satisfaction["series"][0][-1] == float(satisfaction["rows"][-1][1]) == 100
    assert satisfaction["rows"][-1][0] == month
    page.screenshot(path=str(tmp_path / "dashboard-office.png"), full_page=True)

    page.click("text=退出登录")
    page.goto(page.base_url + "/login")
    page.fill("#username", "zhujian")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.wait_for_function("document.querySelectorAll('.hotline-chart canvas').length === 2")
    assert page.locator("#chart-contacts_by_channel").count() == 0  # the city's figures are not a unit's
    own = page.locator(".own-figures").inner_text()
    assert "市住房和城乡建设局" in own and "市城市管理监督局" not in own
    page.screenshot(path=str(tmp_path / "dashboard-unit.png"), full_page=True)
