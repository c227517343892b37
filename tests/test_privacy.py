"""Personal data masked for units and leaders in every output; unmasked reads audited."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from docx import Document

from admin_site import privacy
from admin_site.models import ApiToken, AuditLog, Case, CitizenContact, Contact, Meeting, ProblemGroup, Slip, db
from admin_site.places import Location
from admin_site.privacy import mask_address, mask_name, mask_phone

from .conftest import PASSWORD, login, workbook_text
from .test_scoping import rows_of
from .world import build_world, marker

FULL = ("张三", "13812341234", "玉州区人民东路8号金港花园3栋2单元")
MASKED = ("张*", "138****1234", "玉州区人民东****")


def test_masks():
    assert [mask_name("张三"), mask_name("欧阳娜娜"), mask_phone("13812341234"), mask_phone("0775-2821234"),
            mask_address("玉州区人民东路8号金港花园3栋2单元")] == \
        ["张*", "欧***", "138****1234", "077****1234", "玉州区人民东****"]


@pytest.fixture
def world(app):
    return build_world()


def _client(app, world, role):
    client = app.test_client()
    assert login(client, world.accounts[role].username, PASSWORD).status_code == 302
    return client


def _screen(client, endpoint: str, row, prefix: str = "") -> dict[str, str]:
    """The screen's list, the row's page and both exports, as the account reads them."""
    base = f"/admin/{endpoint}/"
    return {prefix + "list": client.get(base).get_data(as_text=True),
            prefix + "details": client.get(f"{base}details/?id={row.id}").get_data(as_text=True),
            prefix + "csv": client.get(f"{base}export/csv/").get_data(as_text=True),
            prefix + "xlsx": workbook_text(client, f"{base}export/xlsx/")}


def _outputs(client, contact) -> dict[str, str]:
    return {**_screen(client, "contacts", contact),
            "api": client.get(f"/api/v1/contacts?work_order={contact.work_order}").get_data(as_text=True)}


@pytest.mark.parametrize("role", ["unit", "leader"])
def test_units_and_leaders_see_masked_data_everywhere(app, world, role):
    contact = world.own[Contact]
    for output, text in _outputs(_client(app, world, role), contact).items():
        for full, masked in zip(FULL, MASKED):
            assert full not in text, (role, output, full)
            assert masked in text or output == "list" and full == FULL[2], (role, output, masked)


def test_masked_accounts_cannot_find_rows_by_personal_data(app, world):
    client = _client(app, world, "leader")
    for term in ("13812341234", "1234", "张三", "金港花园"):
        page = client.get(f"/admin/contacts/?search={term}").get_data(as_text=True)
        assert "GD-A-0001" not in page.split("</thead>", 1)[-1], term
    office = _client(app, world, "office")
    assert "GD-A-0001" in office.get("/admin/contacts/?search=13812341234").get_data(as_text=True)
    # A number is looked up by its canonical form, however it is written.
    assert "GD-A-0001" in office.get("/admin/contacts/?search=%2B86 138-1234-1234").get_data(as_text=True)


@pytest.mark.parametrize("role", ["office", "hotline"])
def test_office_and_hotline_see_everything_and_each_read_is_audited(app, world, role):
    contact = world.own[Contact]
    start = db.session.scalar(sa.select(sa.func.max(AuditLog.id)))
    outputs = _outputs(_client(app, world, role), contact)
    for output, text in outputs.items():
        for full in FULL[:2]:
            assert full in text, (role, output, full)
    reads = db.session.scalars(sa.select(AuditLog).where(AuditLog.id > start, AuditLog.action == "view_personal",
                                                          AuditLog.username == world.accounts[role].username)).all()
    details = [entry for entry in reads if entry.record_id == str(contact.id)]
    listed = [entry for entry in reads if entry.detail and str(contact.id) in entry.detail.split(",")]
    assert details and len(listed) >= 4  # list, csv, xlsx, api


def test_api_token_sees_the_same_as_the_screens(app, world):
    row, token = ApiToken.issue(world.accounts["unit"])
    db.session.add(row)
    db.session.commit()
    client = app.test_client()
    body = client.get("/api/v1/contacts", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert [item["work_order"] for item in body["items"]] == ["GD-A-0001"] and body["total"] == 1
    assert body["items"][0]["phone"] == "138****1234" and body["items"][0]["case"] == world.own[Contact].case.number


# Personal data typed into free text: the complainant's own name, a mobile, a landline, an ID-card
# number, a home's building and room, a house number right after the road.
TYPED = {"张三": "张*", "13900001111": "139****1111", "0775-2821234": "077****1234",
         "450102199001011234": "450****1234", "5栋1单元602室": "*栋*单元***室", "教育中路56": "教育中路**"}
TYPED_TEXT = "张三反映：住教育中路56号5栋1单元602室，电话13900001111或0775-2821234，身份证450102199001011234。"


def test_typed_personal_data_is_masked_in_free_text():
    assert privacy.mask_text(TYPED_TEXT, ["张三"]) == \
        "张*反映：住教育中路**号*栋*单元***室，电话139****1111或077****1234，身份证450****1234。"
    # Figures that are not personal stay: 8 名工人, 3 个月, the year, the hotline's number.
    kept = "拖欠8名工人工资3个月，2026年拨打12345"
    assert privacy.mask_text(kept) == kept


def _typed_everywhere(world) -> None:
    contact, case = world.own[Contact], world.own[Case]
    contact.content = TYPED_TEXT
    case.title, case.summary = f"教育中路56号：{TYPED_TEXT[:20]}", TYPED_TEXT
    world.own[CitizenContact].note = TYPED_TEXT
    world.own[Slip].requirement = TYPED_TEXT
    db.session.commit()


def _case_outputs(client, case) -> dict[str, str]:
    return {
        **_screen(client, "cases", case, prefix="case "),
        "case api": client.get(f"/api/v1/cases/{case.number}").get_data(as_text=True),
        "workbench": client.get("/admin/").get_data(as_text=True),
        "slip list": client.get("/admin/slips/").get_data(as_text=True),
    }


@pytest.mark.parametrize("role", ["unit", "leader"])
def test_masked_accounts_read_free_text_masked(app, world, role):
    _typed_everywhere(world)
    client = _client(app, world, role)
    outputs = {**_outputs(client, world.own[Contact]), **_case_outputs(client, world.own[Case])}
    notes = client.get(f"/admin/citizen-contacts/details/?id={world.own[CitizenContact].id}").get_data(as_text=True)
    slip_paper = Document(io.BytesIO(client.get(f"/admin/slips/document/?id={world.own[Slip].id}").data))
    outputs.update(notes=notes, paper="\n".join(cell.text for table in slip_paper.tables for row in table.rows
                                                for cell in row.cells))
    for output, text in outputs.items():
        for typed in TYPED:
            assert typed not in text, (role, output, typed)
    # Each masked form is there to read where the text is shown whole.
    for output in ("details", "csv", "api", "notes", "paper"):
        assert "139****1111" in outputs[output] and "450****1234" in outputs[output], (role, output)


def test_the_office_reads_free_text_whole(app, world):
    _typed_everywhere(world)
    client = _client(app, world, "office")
    page = client.get(f"/admin/contacts/details/?id={world.own[Contact].id}").get_data(as_text=True)
    case_page = client.get(f"/admin/cases/details/?id={world.own[Case].id}").get_data(as_text=True)
    for typed in TYPED:
        assert typed in page and typed in case_page, typed


def test_a_groups_place_shows_masked_accounts_no_house_or_building_number(app, world):
    group = world.own[ProblemGroup]
    group.place = Location(county="玉州区", road="教育中路", number="56", estate="金港花园3栋").stored
    db.session.commit()
    leader, office = _client(app, world, "leader"), _client(app, world, "office")
    for url in ("/admin/groups/", f"/admin/groups/details/?id={group.id}", "/admin/groups/export/csv/"):
        page = leader.get(url).get_data(as_text=True)
        assert "玉州区教育中路金港花园*栋" in page and "教育中路56" not in page and "3栋" not in page, url
    assert "玉州区教育中路56号金港花园3栋" in office.get(f"/admin/groups/details/?id={group.id}").get_data(as_text=True)


def test_a_document_number_stays_and_a_cut_number_goes():
    assert privacy.mask_text("督办〔2026〕2号；住3栋2单元5…") == "督办〔2026〕2号；住*栋*单元*…"


def _lookup(client, endpoint: str, name: str, query: str = "") -> tuple[int, str]:
    response = client.get(f"/admin/{endpoint}/ajax/lookup/?name={name}&query={query}")
    return response.status_code, response.get_data(as_text=True)


def test_lookups_name_cases_masked_and_serve_only_who_fills_in_the_form(app, world):
    _typed_everywhere(world)
    unit, leader = _client(app, world, "unit"), _client(app, world, "leader")
    status, offered = _lookup(unit, "citizen-contacts", "case")
    assert status == 200 and world.own[Case].number in offered
    assert not any(typed in offered for typed in TYPED) and "教育中路**号" in offered
    assert world.own[Case].number not in _lookup(unit, "citizen-contacts", "case", "13900001111")[1]
    assert world.own[Case].number not in _lookup(unit, "citizen-contacts", "case", "张三")[1]
    assert world.own[Case].number in _lookup(unit, "citizen-contacts", "case", world.own[Case].number)[1]
    assert _lookup(leader, "citizen-contacts", "case")[0] == 403  # a leader fills in no such form


@pytest.mark.parametrize("role", ["unit", "leader"])
def test_a_search_finds_nothing_by_what_the_screen_masks(app, world, role):
    """Digit by digit, a hit or a miss would tell a phone or ID number; a name, who complained."""
    _typed_everywhere(world)
    client = _client(app, world, role)
    for endpoint, row in (("cases", world.own[Case]), ("contacts", world.own[Contact]),
                          ("citizen-contacts", world.own[CitizenContact]), ("slips", world.own[Slip])):
        for term in ("1390000", "13900001111", "4501021990", "602", "张三"):
            assert str(marker(row)) not in rows_of(client.get(f"/admin/{endpoint}/?search={term}")), (endpoint, term)
    assert world.own[Case].number in rows_of(client.get("/admin/cases/?search=反映"))
    assert world.own[Case].number in rows_of(client.get(f"/admin/cases/?search={world.own[Case].number}"))


def test_the_leaders_review_workbook_and_papers_are_masked(app, world):
    _typed_everywhere(world)
    meeting = world.own[Meeting]
    meeting.cases, meeting.minutes = [world.own[Case]], "会议听取了张三（13900001111）诉求情况。"
    db.session.commit()
    leader, office = _client(app, world, "leader"), _client(app, world, "office")
    month = f"{world.own[Contact].received_at:%Y-%m}"
    for client in (leader, office):
        assert world.own[Case].number in workbook_text(client, f"/admin/review/workbook/?month={month}")
    texts = {"review": workbook_text(leader, f"/admin/review/workbook/?month={month}"),
             "meeting page": leader.get(f"/admin/meetings/details/?id={meeting.id}").get_data(as_text=True),
             "minutes": _paper(leader, f"/admin/meetings/document/?id={meeting.id}"),
             # The 专报 goes to the leaders whoever prints it.
             "report by the office": _paper(office, f"/admin/cases/report/?id={world.own[Case].id}")}
    for what, text in texts.items():
        assert not any(typed in text for typed in ("张三", "13900001111", "450102199001011234", "602室")), what


def _paper(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    document = Document(io.BytesIO(response.data))
    return "\n".join([paragraph.text for paragraph in document.paragraphs]
                     + [cell.text for table in document.tables for row in table.rows for cell in row.cells])


def test_a_record_the_account_may_not_change_opens_as_its_page(app, world):
    unit = _client(app, world, "unit")
    response = unit.get(f"/admin/cases/edit/?id={world.own[Case].id}")
    assert response.status_code == 302 and f"/admin/cases/details/?id={world.own[Case].id}" in response.location
    assert unit.get(f"/admin/cases/edit/?id={world.other[Case].id}").status_code == 404
