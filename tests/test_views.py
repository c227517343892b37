"""Every screen: renders in Chinese, saves, edits, deletes, and refuses bad input without storing it."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from html.parser import HTMLParser

import pytest
from flask_admin.contrib.sqla import ModelView

from admin_site import access
from admin_site.models import (
    AuditLog,
    Bulletin,
    Case,
    CitizenContact,
    SiteVisit,
    Contact,
    Level,
    Meeting,
    Member,
    MessageTemplate,
    Notification,
    Place,
    ProblemGroup,
    Slip,
    SlipStatus,
    Unit,
    User,
    WorkdayOverride,
    db,
)

from .conftest import csrf_from
from .factories import sample_rows, unit

# Words that may stay Latin on a Chinese screen: product names and the data we typed.
ALLOWED_WORDS = {"admin", "rexian", "zhujian", "chengguan", "lingdao", "HYPERLINK", "http", "png",  # test data
                 "Redis", "API", "CSV", "XLSX", "IP", "Word", "Excel", "KB", "MB",
                 "JPG", "PNG", "WEBP", "PDF", "DOC", "DOCX", "XLS"}  # file formats by their usual names
# Also data: message-template placeholders (${unit}) and SMS providers' template codes (SMS_...).
DATA_TOKENS = re.compile(r"\b(LD|HY)-\d{4}-\d+\b|\bGD[-A-Z0-9]*|\$\{\w+\}|\bSMS_\w+")
WORD = re.compile(r"[A-Za-z]{2,}")


class VisibleText(HTMLParser):
    """Collects what a person can read: text, placeholders, titles, button captions, filter labels.
    ``<code>`` holds machine text (a provider's reply, a reference), shown as it came."""

    def __init__(self):
        super().__init__()
        self.chunks: list[str] = []
        self._skip = 0
        self._filter_data = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "code"):
            self._skip += 1
        self._filter_data = attrs.get("id") == "filter-groups-data"
        for name in ("placeholder", "title", "data-placeholder", "data-role-label"):
            if attrs.get(name):
                self.chunks.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button", "reset") and attrs.get("value"):
            self.chunks.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "code"):
            self._skip -= 1

    def handle_data(self, data):
        if self._skip:
            return
        if self._filter_data:
            for group, operations in json.loads(data).items():
                self.chunks.append(group)
                for operation in operations:
                    self.chunks.append(operation["operation"])
                    self.chunks.extend(label for _, label in operation["options"] or [])
            self._filter_data = False
        elif "<" in data and ">" in data:  # an escaped template, e.g. the "add another" inline form
            nested = VisibleText()
            nested.feed(data)
            self.chunks.extend(nested.chunks)
        elif data.lstrip().startswith(("{", "[", '"')):
            self.chunks.extend(_json_strings(json.loads(data)))  # messages kept for scripts, e.g. confirmations
        else:
            self.chunks.append(data)


def _json_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for item in value for text in _json_strings(item)]
    return []


def english_words(html: str) -> set[str]:
    parser = VisibleText()
    parser.feed(html)
    text = DATA_TOKENS.sub(" ", " ".join(parser.chunks))
    return {word for word in WORD.findall(text) if word not in ALLOWED_WORDS}


def model_views(app):
    admin = app.extensions["admin"][0]
    return [view for view in admin._views if isinstance(view, ModelView)]


def test_every_registered_model_view_is_covered(app):
    covered = {Unit, Member, Contact, ProblemGroup, Case, Meeting, Slip, User, WorkdayOverride, AuditLog, Bulletin,
               Notification, MessageTemplate, CitizenContact, SiteVisit, Place}
    assert {view.model for view in model_views(app)} == covered


def test_login_page_is_chinese(client):
    response = client.get("/login")
    assert response.status_code == 200 and "登录" in response.get_data(as_text=True)
    assert english_words(response.get_data(as_text=True)) == set()


def test_every_page_is_chinese(app, office):
    rows = sample_rows()
    pages = ["/admin/", "/admin/import/", "/admin/assessment/", "/admin/assessment/?start=2026-03-01&end=2026-04-30"]
    for view in model_views(app):
        base = f"/admin/{view.endpoint}/"
        row = db.session.scalars(db.select(view.model).order_by(view.model.id)).first()
        assert row is not None, view.endpoint
        pages += [base, f"{base}details/?id={row.id}", f"{base}?search=%E5%99%AA%E9%9F%B3", f"{base}?page_size=50"]
        office_user = db.session.execute(db.select(User).filter_by(username="admin")).scalar_one()
        if access.allowed(office_user, access.CREATE, view.model):
            pages.append(f"{base}new/")
        writable = db.session.scalars(db.select(view.model.id).where(access.writable(office_user, view.model))
                                      .order_by(view.model.id)).first()
        if writable is not None:
            pages.append(f"{base}edit/?id={writable}")
    assert rows["case"].number.startswith("LD-")
    untranslated = {}
    for page in pages:
        response = office.get(page)
        assert response.status_code == 200, page
        words = english_words(response.get_data(as_text=True))
        if words:
            untranslated[page] = sorted(words)
    assert untranslated == {}, untranslated


def test_the_scanner_catches_english(office):
    """The check above must be able to fail: a page with an English word is reported."""
    assert english_words("<p>保存</p><input type=submit value='Save'>") == {"Save"}
    assert english_words('<div id="filter-groups-data">{"x": [{"operation": "equals", "options": null}]}</div>') \
        == {"equals"}


def _form_post(client, url, data):
    form_page = url.replace("delete/", "")  # the delete button lives on the list
    token = csrf_from(client.get(form_page).get_data(as_text=True))
    return client.post(url, data={**data, "csrf_token": token}, follow_redirects=True)


def _count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_unit_round_trip(office):
    response = _form_post(office, "/admin/units/new/", {"name": "玉林经济开发区管委会", "kind": "zone",
                                                         "phone": "0775-1234567", "active": "y", "sort_order": "40"})
    assert response.status_code == 200
    created = unit("玉林经济开发区管委会")
    assert created.kind.value == "zone" and created.phone == "0775-1234567"
    _form_post(office, f"/admin/units/edit/?id={created.id}", {"name": "玉林经济开发区管委会", "kind": "zone",
                                                               "phone": "0775-7654321", "sort_order": "40"})
    db.session.expire_all()
    assert unit("玉林经济开发区管委会").phone == "0775-7654321"
    assert unit("玉林经济开发区管委会").active is False  # an unticked box is saved as such
    _form_post(office, "/admin/units/delete/", {"id": str(created.id)})
    db.session.expire_all()
    assert db.session.get(Unit, created.id) is None


def test_member_round_trip(office):
    housing = unit("市住房和城乡建设局")
    response = _form_post(office, "/admin/members/new/", {"name": "黄小明", "unit": str(housing.id),
                                                           "position": "科长", "group_role": "liaison",
                                                           "phone": "13900000000", "receive_sms": "y",
                                                           "active": "y", "sort_order": "0"})
    assert "保存成功" in response.get_data(as_text=True) or response.status_code == 200
    member = db.session.execute(db.select(Member).filter_by(name="黄小明")).scalar_one()
    assert member.unit == housing and member.group_role.value == "liaison" and member.receive_email is False
    _form_post(office, f"/admin/members/edit/?id={member.id}", {"name": "黄小明", "unit": str(housing.id),
                                                                "position": "副科长", "group_role": "liaison",
                                                                "sort_order": "0"})
    db.session.expire_all()
    assert db.session.get(Member, member.id).position == "副科长"
    _form_post(office, "/admin/members/delete/", {"id": str(member.id)})
    db.session.expire_all()
    assert db.session.get(Member, member.id) is None


def test_contact_round_trip(office):
    housing = unit("市住房和城乡建设局")
    _form_post(office, "/admin/contacts/new/", {"work_order": "GD1", "channel": "wechat",
                                                 "received_at": "2026-05-06 10:20:00", "content": "路灯不亮",
                                                 "transfer_units": str(housing.id), "satisfaction": "not_visited"})
    contact = db.session.execute(db.select(Contact).filter_by(work_order="GD1")).scalar_one()
    assert contact.channel.value == "wechat" and contact.transfer_units == [housing]
    _form_post(office, f"/admin/contacts/edit/?id={contact.id}", {"work_order": "GD1", "channel": "wechat",
                                                                  "received_at": "2026-05-06 10:20:00",
                                                                  "content": "路灯不亮", "satisfaction": "satisfied"})
    db.session.expire_all()
    assert db.session.get(Contact, contact.id).satisfaction.value == "satisfied"
    _form_post(office, "/admin/contacts/delete/", {"id": str(contact.id)})
    assert _count(Contact) == 0


def test_case_round_trip_numbers_and_categories(office):
    housing = unit("市住房和城乡建设局")
    data = {"title": "某小区供水不足", "source": "hotline", "status": "proposed", "level": "normal",
            "lead_unit": str(housing.id), "deadline": "2026-06-30", "publicity": "public",
            "categories-0-code": "legacy", "categories-0-origin": "manual",
            "categories-0-legacy_reason": "project_halted", "categories-0-reason": "项目停工"}
    _form_post(office, "/admin/cases/new/", data)
    _form_post(office, "/admin/cases/new/", {**data, "title": "另一事项"})
    cases = db.session.scalars(db.select(Case).order_by(Case.id)).all()
    assert [case.title for case in cases] == ["某小区供水不足", "另一事项"]
    first, second = (int(case.number.rsplit("-", 1)[1]) for case in cases)
    assert second == first + 1 and cases[0].number.startswith("LD-")
    assert cases[0].category_codes == ["legacy"] and cases[0].categories[0].legacy_reason.value == "project_halted"
    _form_post(office, f"/admin/cases/edit/?id={cases[0].id}", {**data, "title": "某小区供水不足（已核实）",
                                                                 "level": "red", "categories-0-id": str(cases[0].categories[0].id)})
    db.session.expire_all()
    edited = db.session.get(Case, cases[0].id)
    assert edited.title == "某小区供水不足（已核实）" and len(edited.categories) == 1
    assert edited.level.value == "normal"  # levels are computed, never typed in
    _form_post(office, "/admin/cases/delete/", {"id": str(cases[1].id)})
    assert _count(Case) == 1


def test_meeting_and_slip_round_trip(office, app):
    rows = sample_rows()
    housing, case = rows["unit"], rows["case"]
    _form_post(office, "/admin/meetings/new/", {"title": "第二次协调会", "held_at": "2026-04-01 09:00:00",
                                                 "status": "scheduled", "units": str(housing.id),
                                                 "cases": str(case.id),
                                                 "decisions-0-case": str(case.id), "decisions-0-lead_unit": str(housing.id),
                                                 "decisions-0-measures": "三日内拆除违建", "decisions-0-deadline_days": "3"})
    meeting = db.session.execute(db.select(Meeting).filter_by(title="第二次协调会")).scalar_one()
    assert meeting.number.startswith("HY-2026-") and meeting.decisions[0].measures == "三日内拆除违建"
    # Three working days from Wednesday 1 April 2026 skip the Qingming holiday (4–6 April).
    assert meeting.decisions[0].deadline == date(2026, 4, 7)
    # The decision issued its slip to the lead unit (workflow.py).
    issued = meeting.decisions[0].slip
    assert (issued.requirement, issued.deadline, issued.seq) == ("三日内拆除违建", date(2026, 4, 7), rows["slip"].seq + 1)
    _form_post(office, "/admin/slips/new/", {"case": str(case.id), "unit": str(housing.id),
                                              "requirement": "核查并反馈", "deadline": "2026-04-10",
                                              "status": "issued"})
    slip = db.session.execute(db.select(Slip).filter_by(requirement="核查并反馈")).scalar_one()
    assert slip.status == SlipStatus.issued
    assert slip.number == f"督办〔{slip.year}〕{slip.seq}号" and slip.seq == rows["slip"].seq + 2
    assert slip.issued_by.username == "admin"
    _form_post(office, f"/admin/slips/edit/?id={slip.id}", {"case": str(case.id), "unit": str(housing.id),
                                                            "requirement": "核查并反馈（补充现场照片）",
                                                            "deadline": "2026-04-10", "status": "answered",
                                                            "feedback": "已整改完毕"})
    db.session.expire_all()
    # The office's form changes what the slip asks; the state and the answer are not on it.
    stored = db.session.get(Slip, slip.id)
    assert (stored.requirement, stored.status, stored.feedback) == ("核查并反馈（补充现场照片）", SlipStatus.issued, None)
    _form_post(office, "/admin/slips/delete/", {"id": str(slip.id)})
    _form_post(office, "/admin/meetings/delete/", {"id": str(meeting.id)})
    assert _count(Slip) == 2 and _count(Meeting) == 1  # an issued slip outlives the meeting's record


def test_user_screen_sets_passwords_and_binds_units(office, client):
    housing = unit("市住房和城乡建设局")
    page = _form_post(office, "/admin/users/new/", {"username": "zhujian", "role": "unit", "active": "y",
                                                     "password": "short"})
    assert "至少" in page.get_data(as_text=True) or "8" in page.get_data(as_text=True)
    assert db.session.execute(db.select(User).filter_by(username="zhujian")).scalar_one_or_none() is None
    page = _form_post(office, "/admin/users/new/", {"username": "zhujian", "role": "unit", "active": "y",
                                                     "password": "long-enough-1"})
    assert "成员单位账号必须绑定所属单位" in page.get_data(as_text=True)
    assert db.session.execute(db.select(User).filter_by(username="zhujian")).scalar_one_or_none() is None
    _form_post(office, "/admin/users/new/", {"username": "zhujian", "role": "unit", "active": "y",
                                              "unit": str(housing.id), "password": "long-enough-1"})
    user = db.session.execute(db.select(User).filter_by(username="zhujian")).scalar_one()
    assert user.unit == housing and user.check_password("long-enough-1")


@pytest.mark.parametrize(
    ("url", "data", "message"),
    [
        ("/admin/units/new/", {"name": "", "kind": "municipal", "sort_order": "0"}, "该字段是必填字段"),
        ("/admin/units/new/", {"name": "市公安局", "kind": "municipal", "sort_order": "0"}, "已经存在"),
        ("/admin/units/new/", {"name": "新单位", "kind": "planet", "sort_order": "0"}, "不是有效的选择"),
        ("/admin/members/new/", {"name": "某人", "group_role": "member", "sort_order": "x"}, "不是有效的整数"),
        ("/admin/contacts/new/", {"work_order": "GD9", "channel": "phone", "received_at": "去年春天",
                                  "content": "x", "satisfaction": "not_visited"}, "不是有效的日期与时间值"),
        ("/admin/cases/new/", {"title": "", "source": "hotline", "status": "proposed", "level": "normal",
                               "publicity": "public"}, "该字段是必填字段"),
        ("/admin/cases/new/", {"title": "某事", "source": "hotline", "status": "proposed", "level": "normal",
                               "publicity": "public", "deadline": "2026-02-30"}, "不是有效的日期值"),
        ("/admin/slips/new/", {"requirement": "", "deadline": "", "status": "issued"}, "该字段是必填字段"),
    ],
)
def test_invalid_input_gives_chinese_errors_and_stores_nothing(office, url, data, message):
    model = {"units": Unit, "members": Member, "contacts": Contact, "cases": Case, "slips": Slip}[url.split("/")[2]]
    before = _count(model)
    page = _form_post(office, url, data).get_data(as_text=True)
    assert message in page
    for value in data.values():
        if value and value not in ("municipal", "planet", "member", "phone", "hotline", "proposed", "normal",
                                   "public", "issued", "not_visited", "0"):
            assert value in page, f"what the user typed ({value}) is shown again"
    db.session.expire_all()
    assert _count(model) == before


def test_pages_need_login(client):
    for page in ("/admin/", "/admin/cases/", "/admin/units/new/"):
        response = client.get(page)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_ajax_lookup_finds_units_by_name(office):
    response = office.get("/admin/cases/ajax/lookup/?name=lead_unit&query=%E4%BD%8F%E6%88%BF")
    assert response.status_code == 200
    assert [name for _, name in response.get_json()] == ["市住房和城乡建设局"]


def test_workbench_counts_cases_and_links_to_filtered_lists(office):
    rows = sample_rows()
    rows["case"].level = Level.red
    db.session.add(Case(number="LD-2026-0900", title="另一个已提出事项"))
    db.session.commit()
    html = office.get("/admin/").get_data(as_text=True)
    by_status = re.search(r'id="cases-by-status">(.*?)</table>', html, re.S)[1]
    assert re.search(r">已提出</a></td><td class=\"text-right\">2<", by_status)
    by_level = re.search(r'id="cases-by-level">(.*?)</table>', html, re.S)[1]
    red_link = re.search(r'href="([^"]+)"><span class="badge level-red">超期', by_level)[1].replace("&amp;", "&")
    listed = office.get(red_link).get_data(as_text=True)
    assert rows["case"].number in listed and "LD-2026-0900" not in listed


def test_every_page_is_chinese_for_every_role(app):
    from .conftest import PASSWORD, login
    from .world import build_world

    world = build_world()
    untranslated = {}
    for role in ("hotline", "unit", "leader"):
        client = app.test_client()
        login(client, world.accounts[role].username, PASSWORD)
        for view in model_views(app):
            user = world.accounts[role]
            if not access.allowed(user, access.VIEW, view.model):
                continue
            base, row = f"/admin/{view.endpoint}/", world.own[view.model]
            pages = [base, f"{base}details/?id={row.id}", "/admin/"]
            if access.allowed(user, access.CREATE, view.model):
                pages.append(f"{base}new/")
            if access.allowed(user, access.EDIT, view.model):
                pages.append(f"{base}edit/?id={row.id}")
            for page in pages:
                response = client.get(page)
                assert response.status_code == 200, (role, page)
                words = english_words(response.get_data(as_text=True))
                if words:
                    untranslated[role, page] = sorted(words)
    assert untranslated == {}, untranslated


def test_a_long_list_counts_only_up_to_the_cap_and_still_pages(app, office, monkeypatch):
    from admin_site.screens import base as views
    from admin_site.models import Channel, Contact

    monkeypatch.setattr(views, "COUNT_CAP", 3)
    db.session.add_all([Contact(work_order=f"GD-CAP-{n}", channel=Channel.phone, received_at=datetime(2026, 3, n + 1),
                                content="噪音") for n in range(5)])
    db.session.commit()
    page = office.get("/admin/contacts/?page_size=20").get_data(as_text=True)
    assert "列表 (3+)" in page and page.count("GD-CAP-") == 5
    second = office.get("/admin/contacts/?page_size=20&search=GD-CAP-4").get_data(as_text=True)
    assert "列表 (1)" in second  # below the cap the count is exact


def test_lists_offer_edit_and_delete_only_on_rows_that_may_change(office, app):
    """A published bulletin has gone out as it stands: its row has no edit or delete button; a draft has."""
    db.session.add_all([Bulletin(title="已发布的通报", body="正文", published_at=datetime(2026, 4, 1, 9)),
                        Bulletin(title="通报草稿", body="正文")])
    db.session.commit()
    page = office.get("/admin/bulletins/").get_data(as_text=True)
    published, draft = (db.session.scalars(db.select(Bulletin.id).filter_by(title=title)).one()
                        for title in ("已发布的通报", "通报草稿"))
    assert f"/admin/bulletins/edit/?id={draft}" in page and f"/admin/bulletins/edit/?id={published}" not in page
    assert page.count('action="/admin/bulletins/delete/"') == 1


def test_a_phone_that_is_no_phone_is_refused_beside_the_field(office):
    member = db.session.scalars(db.select(Member).filter_by(name="王巍")).one()
    page = office.get(f"/admin/members/edit/?id={member.id}").get_data(as_text=True)
    answer = office.post(f"/admin/members/edit/?id={member.id}", data={
        "name": member.name, "unit": str(member.unit_id), "group_role": member.group_role.value, "phone": "abc电话",
        "sort_order": str(member.sort_order), "csrf_token": csrf_from(page)}).get_data(as_text=True)
    assert "请填写电话号码" in answer and 'value="abc电话"' in answer
    db.session.expire_all()
    assert db.session.get(Member, member.id).phone is None


def test_a_records_page_offers_edit_only_where_it_would_be_taken(office):
    published = Bulletin(title="已发布的通报", body="正文", published_at=datetime(2026, 4, 1, 9))
    draft = Bulletin(title="通报草稿", body="正文")
    db.session.add_all([published, draft])
    db.session.commit()
    page = office.get(f"/admin/bulletins/details/?id={published.id}").get_data(as_text=True)
    assert "/admin/bulletins/edit/" not in page
    page = office.get(f"/admin/bulletins/details/?id={draft.id}").get_data(as_text=True)
    assert f"/admin/bulletins/edit/?id={draft.id}" in page


def test_opening_a_contacts_form_reads_it_once(office):
    """The edit form loads its row once: one 查看个人信息 entry in the audit trail, not one per lookup."""
    contact = sample_rows()["contact"]
    last = db.session.scalar(db.select(db.func.max(AuditLog.id))) or 0
    assert office.get(f"/admin/contacts/edit/?id={contact.id}").status_code == 200
    reads = db.session.scalars(db.select(AuditLog).where(AuditLog.id > last, AuditLog.action == "view_personal")).all()
    assert [entry.record_id for entry in reads] == [str(contact.id)]
