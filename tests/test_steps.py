"""Every step of the workflow tables, from every state it starts from, taken by submitting the form the
record's page renders (the slip's answer by its own form): the page offers each account exactly the
steps the tables give it, and each step lands where the table says and is recorded."""

from __future__ import annotations

from datetime import timedelta

import lxml.html
import pytest

from admin_site import workflow
from admin_site.models import Case, SlipAction, db, now_local
from admin_site.screens.meetings import PAGE_STEPS

from .conftest import login
from .walks import ACTORS, THROUGH_SLIP, actor, make_way, routes, walk
from .world import build_world

ACCOUNTS = ("office", "hotline", "unit", "other_unit", "leader")
USERNAMES = {"office": "admin", "hotline": "rexian", "unit": "zhujian", "other_unit": "chengguan",
             "leader": "lingdao"}
FORM_STEPS = (SlipAction.save_draft, SlipAction.submit)  # taken on the slip's answer form


@pytest.fixture
def clients(app):
    world = build_world()
    clients = {}
    for name in ACCOUNTS:
        clients[name] = app.test_client()
        login(clients[name], USERNAMES[name])
    return world, clients


def page_of(client, url: str, may_be_hidden: bool = False):
    response = client.get(url)
    if may_be_hidden and response.status_code == 404:  # a record the account may not see
        return None
    assert response.status_code == 200, (url, response.status_code)
    return lxml.html.fromstring(response.get_data(as_text=True))


def offered(document) -> set[str]:
    if document is None:
        return set()
    return set(document.xpath("//form[contains(@class, 'record-step')]//input[@name='action']/@value"))


def submit(client, form, url: str, choose: dict | None = None):
    """Post what the browser would: the form's own fields as rendered, with what a person types."""
    values = dict(form.form_values())
    values.update(choose or {})
    return client.post(form.action or url, data=values, follow_redirects=True)


def step_form(document, action):
    [form] = [form for form in document.xpath("//form[contains(@class, 'record-step')]")
              if form.xpath(f".//input[@name='action' and @value='{action.value}']")]
    return form


def typed(form, action) -> dict:
    """What a person fills in on a step's form: the reason, a later date."""
    values = {}
    if form.xpath(".//textarea[@name='reason']"):
        values["reason"] = f"理由：{action.label}"
    if form.xpath(".//input[@name='deadline']"):
        values["deadline"] = (now_local().date() + timedelta(days=40)).isoformat()
    return values


def test_every_step_is_a_button_that_does_what_the_table_says(clients):
    world, by_name = clients
    actors = [world.accounts[name] for name in ACTORS]
    taken = set()
    for index, route in enumerate(routes()):
        case = Case(title=f"事项{index}", lead_unit=world.own[Case].lead_unit, deadline=now_local().date() +
                    timedelta(days=10))
        case.assign_number(db.session)
        db.session.add(case)
        db.session.flush()
        walk(case, route[:-1], actors, index)
        make_way(case, route[-1], actors, index)
        db.session.commit()
        action = route[-1]
        if action in THROUGH_SLIP and workflow.open_slip(case) is not None:
            action = THROUGH_SLIP[action]
        slip = workflow.open_slip(case) if isinstance(action, SlipAction) else None
        record_url = (f"/admin/slips/details/?id={slip.id}" if slip else f"/admin/cases/details/?id={case.id}")
        # Each account is offered on the page exactly what the tables give it.
        for name in ACCOUNTS:
            user = world.accounts[name]
            expected = ({step.value for step in workflow.slip_steps(slip, user) if step in PAGE_STEPS} if slip else
                        {step.value for step in workflow.available(case, user)})
            shown = offered(page_of(by_name[name], record_url, may_be_hidden=True))
            assert shown == expected, (name, route, record_url)
        user = actor(case, action, actors)
        name = next(name for name in ACCOUNTS if world.accounts[name] == user)
        before_events, before_status = len(case.events), (slip or case).status
        step = (workflow.SLIP_STEPS if slip else workflow.STEPS)[action]
        if action in FORM_STEPS:
            document = page_of(by_name[name], f"/admin/slips/edit/?id={slip.id}")
            [form] = document.xpath("//form[contains(@class, 'admin-form')]")
            answer = {"verified": "partly", "rectification": "限期整改", "rectify_by": "2026-12-31",
                      "feedback": "已核查并整改", "_answer": "submit" if action == SlipAction.submit else "draft"}
            done = submit(by_name[name], form, f"/admin/slips/edit/?id={slip.id}", answer)
        else:
            document = page_of(by_name[name], record_url)
            form = step_form(document, action)
            done = submit(by_name[name], form, record_url, typed(form, action))
        assert done.status_code == 200, (route, done.status_code)
        text = done.get_data(as_text=True)
        refused = lxml.html.fromstring(text).xpath("string(//*[contains(@class, 'alert-danger')])")
        assert not refused.strip(), (route, refused)
        db.session.expire_all()
        moved = db.session.get(type(slip), slip.id) if slip else db.session.get(Case, case.id)
        assert moved.status == (step.target or before_status), (route, moved.status)
        if not slip:
            assert len(moved.events) == before_events + 1 and moved.events[-1].action == action, route
            assert moved.events[-1].username == user.username
        elif action in workflow.SLIP_CASE_STEPS and moved.unit_id == moved.case.lead_unit_id:
            case_step = workflow.SLIP_CASE_STEPS[action]
            assert any(event.action == case_step for event in moved.case.events[before_events:]), route
        taken.add(action)
    assert taken >= set(workflow.SLIP_STEPS) | (set(workflow.STEPS) - set(THROUGH_SLIP)), taken
