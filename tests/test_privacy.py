"""Personal data masked for units and leaders in every output; unmasked reads audited."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from admin_site.models import ApiToken, AuditLog, Contact, db
from admin_site.privacy import mask_address, mask_name, mask_phone

from .conftest import PASSWORD, login
from .world import build_world

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


def _outputs(client, contact) -> dict[str, str]:
    xlsx = client.get("/admin/contacts/export/xlsx/")
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    return {
        "list": client.get("/admin/contacts/").get_data(as_text=True),
        "details": client.get(f"/admin/contacts/details/?id={contact.id}").get_data(as_text=True),
        "csv": client.get("/admin/contacts/export/csv/").get_data(as_text=True),
        "xlsx": " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row),
        "api": client.get(f"/api/v1/contacts?work_order={contact.work_order}").get_data(as_text=True),
    }


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
