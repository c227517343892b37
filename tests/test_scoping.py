"""The access matrix: every registered screen × every role × an own-unit row and another unit's row ×
every way the app offers to reach a row.  Denied writes must leave the database unchanged.

Expectations for today's screens are written out below from DOMAIN.md §2; a screen added later is
checked against the policy in access.py, through every verb, without editing this file.
"""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from flask_admin.contrib.sqla import ModelView
from openpyxl import load_workbook

from admin_site import access
from admin_site.models import AuditLog, Case, Contact, Meeting, Member, Role, Slip, Unit, User, WorkdayOverride, db

from .conftest import PASSWORD, csrf_from, login
from .world import build_world, marker

ROLES = ("office", "hotline", "unit", "leader")
SCREENS = (Unit, Member, Contact, Case, Meeting, Slip)
# DOMAIN.md §2: which rows each role sees ("both" = own and other unit's, "own" = its unit's only).
SEES = {
    "office": {**{model: "both" for model in SCREENS}, User: "both", AuditLog: "both", WorkdayOverride: "both"},
    "hotline": {model: "both" for model in SCREENS},
    "unit": {model: "own" for model in SCREENS},
    "leader": {model: "both" for model in SCREENS},
}
EDITS = {
    "office": {Unit, Member, Contact, Case, Meeting, Slip, User, WorkdayOverride},
    "hotline": {Contact, Case},
    "unit": {Unit, Member, Slip},
    "leader": set(),  # a leader's instruction is a step on the case's page, not an edit
}
DELETES = {"office": {Unit, Member, Contact, Case, Meeting, Slip, User, WorkdayOverride}, "hotline": set(),
           "unit": {Member},
           "leader": set()}


def model_views(app):
    return [view for view in app.extensions["admin"][0]._views if isinstance(view, ModelView)]


def expected_sees(world, role: str, model, side: str) -> bool:
    if model in SEES[role] or model in SCREENS + (User, AuditLog, WorkdayOverride):
        rule = SEES[role].get(model)
        return rule == "both" or (rule == "own" and side == "own")
    user = world.accounts[role]  # a screen added later: hold every verb to the policy
    row = world.own[model] if side == "own" else world.other[model]
    return db.session.execute(sa.select(model.id).where(model.id == row.id, access.visible(user, model))).first() \
        is not None


def expected_changes(world, role: str, model, side: str, table: dict, action: str) -> bool:
    if model in SCREENS + (User, AuditLog, WorkdayOverride):
        return model in table[role] and expected_sees(world, role, model, side)
    row = world.own[model] if side == "own" else world.other[model]
    return db.session.execute(sa.select(model.id).where(model.id == row.id,
                                                        access.writable(world.accounts[role], model, action))).first() \
        is not None


def snapshot(row) -> dict:
    db.session.expire_all()
    fresh = db.session.get(type(row), row.id)
    if fresh is None:
        return {}
    return {column.key: getattr(fresh, column.key) for column in sa.inspect(type(row)).column_attrs}


@pytest.fixture
def world(app):
    return build_world()


@pytest.fixture
def clients(app, world):
    result = {}
    for role in ROLES:
        client = app.test_client()
        response = login(client, world.accounts[role].username, PASSWORD)
        assert response.status_code == 302, role
        result[role] = client
    return result


def rows_of(response) -> str:
    """The rows of the list (the search box and the sorting links echo what was searched for)."""
    html = response.get_data(as_text=True)
    start = html.find("</thead>", html.find("model-list"))
    return html[start:html.find("</table>", start)] if start >= 0 else ""


def _token(client) -> str:
    return csrf_from(client.get("/admin/").get_data(as_text=True))


def test_matrix(app, world, clients):
    failures = []

    def check(condition, what):
        if not condition:
            failures.append(what)

    views = model_views(app)
    assert {view.model for view in views} >= set(SCREENS) | {User, AuditLog}
    for view in views:
        model, base = view.model, f"/admin/{view.endpoint}/"
        assert model in world.own and model in world.other, f"build_world() has no {model.__name__} rows"
        for role in ROLES:
            client = clients[role]
            token = _token(client)
            may_view = any(expected_sees(world, role, model, side) for side in ("own", "other"))
            listing = client.get(base)
            check(listing.status_code == (200 if may_view else 403), (role, base, "list", listing.status_code))
            if may_view:
                page = rows_of(listing)
                export = client.get(f"{base}export/csv/")
                xlsx = client.get(f"{base}export/xlsx/")
                xlsx_text = ""
                if xlsx.status_code == 200:
                    sheet = load_workbook(io.BytesIO(xlsx.data)).active
                    xlsx_text = " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)
            for side in ("own", "other"):
                row = world.own[model] if side == "own" else world.other[model]
                where = (role, model.__name__, side)
                sees = expected_sees(world, role, model, side)
                text = marker(row)
                named = text != str(row.id)
                if may_view and named:
                    check((text in page) == sees, where + ("list",))
                    searched = rows_of(client.get(f"{base}?search={text}"))
                    check((text in searched) == sees, where + ("search",))
                    if export.status_code == 200:
                        check((text in export.get_data(as_text=True)) == sees, where + ("export csv",))
                        check((text in xlsx_text) == sees, where + ("export xlsx",))
                    if not sees:  # a filter only narrows the list: it must never bring the row back
                        for arg, (_, flt) in (view._filter_args or {}).items():
                            if type(flt).__name__ == "FilterLike":
                                filtered = rows_of(client.get(f"{base}?flt0_{arg}="))
                                check(text not in filtered, where + ("filter", arg))
                details = client.get(f"{base}details/?id={row.id}")
                check((details.status_code == 200) == sees, where + ("details", details.status_code))
                edits = expected_changes(world, role, model, side, EDITS, access.EDIT)
                edit_page = client.get(f"{base}edit/?id={row.id}")
                check((edit_page.status_code == 200) == edits, where + ("edit GET", edit_page.status_code))

                before = snapshot(row)
                if not edits:
                    client.post(f"{base}edit/?id={row.id}", data={"csrf_token": token, "name": "篡改",
                                                                 "title": "篡改", "phone": "110", "feedback": "篡改"})
                    client.post(f"{base}ajax/update/", data={"csrf_token": token, "list_form_pk": row.id,
                                                             "name": "篡改", "title": "篡改"})
                    check(snapshot(row) == before, where + ("edit POST changed the row",))
                deletes = expected_changes(world, role, model, side, DELETES, access.DELETE)
                if not deletes:
                    client.post(f"{base}delete/", data={"csrf_token": token, "id": row.id})
                    client.post(f"{base}action/", data={"csrf_token": token, "action": "delete", "rowid": row.id})
                    check(snapshot(row) == before, where + ("delete removed or changed the row",))

            # Lookups offer only what the account may see.
            for name, loader in (view._form_ajax_refs or {}).items():
                found = client.get(f"{base}ajax/lookup/?name={name}&query=")
                if found.status_code != 200:
                    continue
                offered = {text for _, text in found.get_json()}
                for side in ("own", "other"):
                    target = world.own.get(loader.model) if side == "own" else world.other.get(loader.model)
                    if target is not None and str(target) in offered:
                        check(expected_sees(world, role, loader.model, side), (role, base, "lookup", name, side))
    assert failures == [], "\n".join(map(str, failures))


def test_a_unit_cannot_delete_the_group_leader_the_city_named_in_it(app, client):
    """Deleting obeys the rule editing does: a unit keeps its members and liaisons, not its deputy group
    leader, by the delete button or the bulk action alike."""
    from admin_site.auth import create_user
    from admin_site.models import GroupRole

    deputy = db.session.scalars(sa.select(Member).where(Member.group_role == GroupRole.deputy,
                                                        Member.unit_id.is_not(None))).first()
    create_user("fuzuzhang-danwei", Role.unit, PASSWORD, unit=deputy.unit)
    db.session.commit()
    login(client, "fuzuzhang-danwei")
    token = csrf_from(client.get("/admin/members/").get_data(as_text=True))
    assert client.get(f"/admin/members/edit/?id={deputy.id}").status_code == 302  # opens as its page
    client.post("/admin/members/delete/", data={"csrf_token": token, "id": deputy.id})
    refused = client.post("/admin/members/action/", data={"csrf_token": token, "action": "delete",
                                                           "rowid": deputy.id}, follow_redirects=True)
    assert "您无权删除" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Member, deputy.id) is not None


def test_the_other_unit_cannot_be_given_rows(world, clients):
    """A unit account cannot create a member for another unit, nor move its own member there."""
    client = clients["unit"]
    token = csrf_from(client.get("/admin/members/new/").get_data(as_text=True))
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Member))
    page = client.post("/admin/members/new/", data={"csrf_token": token, "name": "外单位人员", "group_role": "member",
                                                     "unit": str(world.other[Unit].id), "sort_order": "0"},
                       follow_redirects=True).get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Member)) == before
    assert "外单位人员" in page  # what was typed is still there
    own = world.own[Member]
    client.post(f"/admin/members/edit/?id={own.id}", data={"csrf_token": token, "name": own.name,
                                                           "group_role": "liaison", "sort_order": "0",
                                                           "unit": str(world.other[Unit].id)})
    assert snapshot(own)["unit_id"] == own.unit_id


def test_unit_edits_its_own_contact_details_and_members(world, clients):
    client = clients["unit"]
    own_unit = world.own[Unit]
    token = csrf_from(client.get(f"/admin/units/edit/?id={own_unit.id}").get_data(as_text=True))
    client.post(f"/admin/units/edit/?id={own_unit.id}", data={"csrf_token": token, "phone": "0775-8888888",
                                                              "email": "zjj@example.cn", "address": "玉林市某路1号",
                                                              "name": "改名企图", "kind": "zone"})
    db.session.expire_all()
    changed = db.session.get(Unit, own_unit.id)
    assert (changed.phone, changed.email, changed.name, changed.kind.value) == \
        ("0775-8888888", "zjj@example.cn", "市住房和城乡建设局", "municipal")
    page = client.post("/admin/members/new/", data={"csrf_token": token, "name": "新联络员", "group_role": "liaison",
                                                     "unit": str(own_unit.id), "phone": "13900000000",
                                                     "sort_order": "0"}, follow_redirects=True)
    assert db.session.execute(sa.select(Member).filter_by(name="新联络员")).scalar_one().unit_id == own_unit.id
    refused = client.post("/admin/members/new/", data={"csrf_token": token, "name": "自封组长", "group_role": "leader",
                                                        "unit": str(own_unit.id), "sort_order": "0"},
                          follow_redirects=True)
    assert "组长、副组长由市里确定" in refused.get_data(as_text=True)
    assert db.session.execute(sa.select(Member).filter_by(name="自封组长")).scalar_one_or_none() is None
    assert page.status_code == 200


def test_unit_answers_its_slip_and_leader_records_an_instruction(world, clients):
    slip = world.own[Slip]
    client = clients["unit"]
    token = csrf_from(client.get(f"/admin/slips/edit/?id={slip.id}").get_data(as_text=True))
    client.post(f"/admin/slips/edit/?id={slip.id}", data={"csrf_token": token, "feedback": "已现场核查并整改",
                                                          "verified": "true", "rectification": "拆除违建",
                                                          "rectify_by": "2026-04-01", "_answer": "submit",
                                                          "requirement": "篡改", "status": "passed"})
    db.session.expire_all()
    answered = db.session.get(Slip, slip.id)
    assert answered.feedback == "已现场核查并整改" and answered.requirement == "甲单位督办事项"
    assert answered.status.value == "answered" and answered.feedback_by.username == "zhujian"
    case = world.other[Case]
    leader = clients["leader"]
    token = csrf_from(leader.get(f"/admin/cases/details/?id={case.id}").get_data(as_text=True))
    leader.post(f"/admin/cases/step/?id={case.id}", data={"csrf_token": token, "action": "instruct",
                                                          "reason": "请限期解决", "title": "篡改", "status": "closed"})
    db.session.expire_all()
    instructed = db.session.get(Case, case.id)
    assert instructed.leader_instruction == "请限期解决" and instructed.title == "乙单位牵头事项"
    assert instructed.status.value == "proposed" and instructed.events[-1].username == "lingdao"


def test_hotline_proposes_cases_and_records_satisfaction(world, clients):
    client = clients["hotline"]
    token = csrf_from(client.get("/admin/cases/new/").get_data(as_text=True))
    client.post("/admin/cases/new/", data={"csrf_token": token, "title": "热线梳理的问题", "status": "closed",
                                           "source": "leader"})
    case = db.session.execute(sa.select(Case).filter_by(title="热线梳理的问题")).scalar_one()
    assert (case.status.value, case.source.value) == ("proposed", "hotline")
    client.post(f"/admin/cases/edit/?id={case.id}", data={"csrf_token": token, "satisfaction": "satisfied",
                                                          "title": "篡改"})
    db.session.expire_all()
    assert db.session.get(Case, case.id).satisfaction.value == "satisfied"
    assert db.session.get(Case, case.id).title == "热线梳理的问题"


@pytest.mark.parametrize("bogus", ["1,2", "-1", "abc", "99999999999999999999999", "0", "1.5", "%00"])
def test_bogus_ids_are_404_never_500(world, clients, bogus):
    client = clients["office"]
    token = _token(client)
    for base in ("/admin/cases/", "/admin/contacts/", "/admin/units/"):
        assert client.get(f"{base}details/?id={bogus}").status_code in (400, 404)
        assert client.get(f"{base}edit/?id={bogus}").status_code in (400, 404)
        assert client.get(f"{base}?search={bogus}").status_code in (200, 400)
        assert client.post(f"{base}delete/", data={"csrf_token": token, "id": bogus}).status_code in (302, 400, 404)
        assert client.post(f"{base}action/", data={"csrf_token": token, "action": "delete",
                                                   "rowid": bogus}).status_code in (302, 400, 404)
    assert client.get(f"/api/v1/cases/{bogus}").status_code in (400, 404)
    assert client.get(f"/api/v1/contacts?page={bogus}").status_code in (200, 400)
