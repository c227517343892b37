"""Scope follows related rows: whatever a screen, export, paper, API answer or warning says about
another record is said only to an account that may see that record (access.mentioned).

The pass over the screens is generated from the models' relationships: every relationship a screen
shows is pointed at the other unit's record while the row itself stays the unit's own, and the unit's
list, page and exports must not name it, while the office's do (so each check can fail).  A relation
added later is covered without editing this file.
"""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
import sqlalchemy as sa
from docx import Document
from flask import g

from admin_site import access
from admin_site.auth import create_user
from admin_site.models import (
    Case,
    CitizenContact,
    Contact,
    ContactMethod,
    Decision,
    Meeting,
    Role,
    Slip,
    db,
    now_local,
)
from admin_site.screens.base import scoped_relations
from admin_site.seed import load_roster, read_roster

from .conftest import PASSWORD, clear_tables, login, workbook_text
from .test_scoping import model_views, rows_of
from .world import build_world, marker

# Relations a unit reaches another unit's record through today; the generated pass must cover them.
KNOWN_LEAKS = {("Contact", "case"), ("Case", "slips"), ("Meeting", "cases"), ("Slip", "case")}


@pytest.fixture
def world(app):
    return build_world()


def _client(app, username: str):
    client = app.test_client()
    assert login(client, username, PASSWORD).status_code == 302
    return client


def _surfaces(client, user, view, row) -> dict[str, str]:
    """What the account reads of ``row`` on its screen: the list, the record's page and both exports."""
    base = f"/admin/{view.endpoint}/"
    found = {"list": rows_of(client.get(base)),
             "details": client.get(f"{base}details/?id={row.id}").get_data(as_text=True)}
    if access.allowed(user, access.EXPORT, view.model):
        found["csv"] = client.get(f"{base}export/csv/").get_data(as_text=True)
        found["xlsx"] = workbook_text(client, f"{base}export/xlsx/")
        if hasattr(view, "circulate_view"):
            found["circulated"] = workbook_text(client, f"{base}circulate/")
    return found


def _link(row, key: str, target) -> None:
    """Point the row's relation ``key`` at ``target``, or add ``target`` to it."""
    value = getattr(row, key)
    if isinstance(value, list):
        value.append(target)
    else:
        setattr(row, key, target)


def _fresh_world(app):
    """The world as build_world makes it, on emptied tables (each relation starts from the same rows)."""
    vars(g).clear()  # what access.visible_ids remembered of the last world's rows
    clear_tables()
    load_roster(read_roster(app.config["SEED_FILE"]))
    create_user("admin", Role.office, PASSWORD)
    db.session.commit()
    return build_world()


def _relations_shown(app):
    """Every screen and each relation of its model to records not everyone sees, that it shows."""
    for view in model_views(app):
        shown = {name for name, _ in [*view._list_columns, *view._details_columns, *(view._export_columns or [])]}
        for key in scoped_relations(view.model):
            if key in shown:
                yield view, key, sa.inspect(view.model).relationships[key].mapper.class_


def test_no_screen_names_a_related_record_the_account_may_not_see(app):
    failures, covered = [], set()
    for view, key, target_model in list(_relations_shown(app)):
        world = _fresh_world(app)
        if target_model not in world.other or view.model not in world.own:
            continue
        row, target = world.own[view.model], world.other[target_model]
        _link(row, key, target)
        db.session.commit()
        name, where = marker(target), (view.model.__name__, key)
        # Pointed at another unit's record, the row may stop being the unit's own (a visit on another
        # unit's case), or the record become the unit's (a contact added to its case): then there is
        # nothing to hide here.
        unit_user = world.accounts["unit"]
        if not access.visible_ids(unit_user, view.model, [row.id]) or name == str(target.id) \
                or access.visible_ids(unit_user, target_model, [target.id]):
            continue
        office_sees = _surfaces(_client(app, "admin"), world.accounts["office"], view, row)
        unit_sees = _surfaces(_client(app, "zhujian"), world.accounts["unit"], view, row)
        named_to_office = {surface for surface, text in office_sees.items() if name in text}
        if named_to_office:
            covered.add(where)
        failures += [(*where, surface, name) for surface in named_to_office if name in unit_sees.get(surface, "")]
    assert failures == [], failures
    assert KNOWN_LEAKS <= covered, covered


def _other_units_note(world) -> CitizenContact:
    """Unit B got in touch yesterday with the complainant of unit A's case, about B's own case (the same
    phone), and wrote down what the citizen said."""
    other_case = world.other[Case]
    world.other[Contact].phone_hash = world.own[Contact].phone_hash
    note = CitizenContact(case=other_case, unit=world.other[Case].lead_unit, at=now_local() - timedelta(days=1),
                          method=ContactMethod.phone, note="已电话联系张三丰 13800001111，住玉州区人民东路128号")
    db.session.add(note)
    db.session.commit()
    return note


def test_the_recent_contact_warning_names_the_unit_and_time_not_another_cases_note(app, world):
    note = _other_units_note(world)
    unit_page = _client(app, "zhujian").get(f"/admin/cases/details/?id={world.own[Case].id}").get_data(as_text=True)
    assert "in-touch" in unit_page and note.unit.name in unit_page and f"{note.at:%Y-%m-%d %H:%M}" in unit_page
    assert "张三丰" not in unit_page and "13800001111" not in unit_page and "人民东路128号" not in unit_page
    # The office may open that record: it reads the note whole.
    office_page = _client(app, "admin").get(f"/admin/cases/details/?id={world.own[Case].id}").get_data(as_text=True)
    assert "13800001111" in office_page


def test_a_filter_on_another_units_case_finds_nothing(app, world):
    world.own[Contact].case = world.other[Case]
    db.session.commit()
    number = world.other[Case].number
    unit, office = _client(app, "zhujian"), _client(app, "admin")
    view = next(view for view in model_views(app) if view.model is Contact)
    arg = next(arg for arg, (_, flt) in view._filter_args.items()
               if flt.column.key == "number" and type(flt).__name__ == "FilterEqual")
    assert world.own[Contact].work_order not in rows_of(unit.get(f"/admin/contacts/?flt0_{arg}={number}"))
    assert world.own[Contact].work_order in rows_of(office.get(f"/admin/contacts/?flt0_{arg}={number}"))
    # Unfiltered, the unit still has its contact, and is told it is linked to a case it may not open.
    listing = rows_of(unit.get("/admin/contacts/"))
    assert world.own[Contact].work_order in listing and number not in listing and "无权查看" in listing


def test_papers_name_only_what_the_reader_may_see(app, world):
    """The minutes of a meeting unit A attended, which also decided on unit B's case; a slip of A's on
    B's case."""
    meeting, slip = world.own[Meeting], world.own[Slip]
    meeting.decisions = [Decision(case=world.own[Case], lead_unit=world.own[Case].lead_unit, measures="甲单位措施",
                                  deadline_days=10),
                         Decision(case=world.other[Case], lead_unit=world.other[Case].lead_unit, measures="乙单位措施",
                                  deadline_days=10)]
    slip.case = world.other[Case]
    db.session.commit()
    unit, office = _client(app, "zhujian"), _client(app, "admin")

    def paper(client, url):
        response = client.get(url)
        assert response.status_code == 200, url
        document = Document(io.BytesIO(response.data))
        return "\n".join([p.text for p in document.paragraphs] + [cell.text for table in document.tables
                                                                   for row in table.rows for cell in row.cells])

    for url in (f"/admin/meetings/document/?id={meeting.id}", f"/admin/slips/document/?id={slip.id}"):
        assert world.other[Case].number not in paper(unit, url), url
        assert world.other[Case].number in paper(office, url), url
    minutes = paper(unit, f"/admin/meetings/document/?id={meeting.id}")
    assert "甲单位措施" in minutes and "乙单位措施" not in minutes and "另有1项议定事项" in minutes


def test_the_api_names_no_case_the_account_may_not_see(app, world):
    world.own[Contact].case = world.other[Case]
    db.session.commit()
    body = _client(app, "zhujian").get(f"/api/v1/contacts?work_order={world.own[Contact].work_order}").get_json()
    assert body["items"][0]["case"] is None
    body = _client(app, "admin").get(f"/api/v1/contacts?work_order={world.own[Contact].work_order}").get_json()
    assert body["items"][0]["case"] == world.other[Case].number


def test_visible_ids_ask_once_per_request_and_batch_within_driver_limits(app, world):
    user = world.accounts["unit"]
    ids = list(range(1, 2500)) + [world.own[Case].id]
    assert access.visible_ids(user, Case, ids) == {world.own[Case].id}
    assert access.visible_ids(user, Case, [world.other[Case].id]) == set()
    assert access.sees_every(world.accounts["office"], Case) and not access.sees_every(user, Case)


def _statements(client, url: str) -> int:
    """How many SQL statements answering ``url`` takes."""
    db.session.expire_all()  # each request loads the account afresh, as a request of its own would
    counted = []
    listener = lambda *args: counted.append(1)  # noqa: E731
    sa.event.listen(db.engine, "before_cursor_execute", listener)
    try:
        assert client.get(url).status_code == 200
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", listener)
    return len(counted)


def _cost_of_two_and_twenty(client, endpoint: str, add) -> str:
    """Whether the screen's list and CSV export take as many statements for twenty rows as for two
    (``add(n)`` makes n more rows), or the statements counted for each."""
    urls = (f"/admin/{endpoint}/", f"/admin/{endpoint}/export/csv/")
    add(2)
    _statements(client, urls[0])  # what a process reads once (caches) is not what a row costs
    few = [_statements(client, url) for url in urls]
    add(18)
    many = [_statements(client, url) for url in urls]
    return "the same" if many == few else f"{few} for two rows, {many} for twenty"


def test_a_list_asks_about_what_its_rows_mention_once_not_once_per_row(app, world):
    """The unit's contacts each in a case of another unit: the list and the export cost as many
    statements for twenty such rows as for two."""
    unit = _client(app, "zhujian")
    own, other_case = world.own[Contact], world.other[Case]

    def add(count: int) -> None:
        for number in range(count):
            case = Case(title=f"乙单位事项{number}", lead_unit=other_case.lead_unit)
            case.assign_number(db.session)
            contact = Contact(work_order=f"GD-X-{Contact.query.count():04d}", channel=own.channel,
                              received_at=own.received_at, content="反映问题", transfer_units=list(own.transfer_units),
                              case=case)
            db.session.add_all([case, contact])
        db.session.commit()

    assert _cost_of_two_and_twenty(unit, "contacts", add) == "the same"
    assert rows_of(unit.get("/admin/contacts/?page_size=50")).count("无权查看") == 20


def test_masking_a_lists_free_text_asks_for_the_complainants_once_not_once_per_row(app, world):
    """The unit's cases, their titles masked with their complainants' names: as many statements for
    twenty cases as for two, on the list and in the export."""
    unit = _client(app, "zhujian")
    own = world.own[Case]

    def add(count: int) -> None:
        for number in range(count):
            case = Case(title=f"王小{number}反映噪音", lead_unit=own.lead_unit)
            case.assign_number(db.session)
            case.contacts = [Contact(work_order=f"GD-Y-{number}-{Contact.query.count()}", channel=world.own[Contact].channel,
                                     received_at=world.own[Contact].received_at, content="噪音",
                                     complainant_name=f"王小{number}")]
            db.session.add(case)
        db.session.commit()

    assert _cost_of_two_and_twenty(unit, "cases", add) == "the same"
    listing = rows_of(unit.get("/admin/cases/?page_size=50"))
    assert listing.count("反映噪音") == 20 and "王小" not in listing and "王**反映噪音" in listing
