"""Attachments on slip answers and photos of site work (uploads.py): checked for size and kind, kept under
random names outside the static folder, served only to those who may see the record."""

import io
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from admin_site.auth import create_user
from admin_site.models import Attachment, Case, Role, SiteVisit, Slip, User, VisitKind, db

from .conftest import PASSWORD, csrf_from, login
from .factories import png, unit

HOUSING, CITY = "市住房和城乡建设局", "市城市管理监督局"
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
CANNOT_CHANGE = "您无权修改此记录。"
PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


@pytest.fixture
def slip(app):
    for username, role, unit_name in (("zhujian", Role.unit, HOUSING), ("chengguan", Role.unit, CITY),
                                      ("lingdao", Role.leader, None)):
        create_user(username, role, PASSWORD, unit=unit(unit_name) if unit_name else None)
    case = Case(title="金港花园工地夜间施工噪音", lead_unit=unit(HOUSING), deadline=date(2026, 10, 9))
    case.assign_number(db.session)
    found = Slip(case=case, unit=unit(HOUSING), requirement="核查夜间施工审批并整改", deadline=date(2026, 10, 9))
    found.assign_number(db.session)
    db.session.add_all([case, found])
    db.session.commit()
    return found


def answer(client, slip, files, **fields):
    """The unit's answer on its slip, posted from the edit form with ``files`` as (name, bytes)."""
    page = client.get(f"/admin/slips/edit/?id={slip.id}").get_data(as_text=True)
    data = {"feedback": "已责令停工整改", "verified": "untrue", "policy_explanation": "已向诉求人解释",
            "csrf_token": csrf_from(page), **fields,
            "new_attachments": [(io.BytesIO(content), name) for name, content in files]}
    return client.post(f"/admin/slips/edit/?id={slip.id}", data=data, content_type="multipart/form-data")


def stored(app, attachment: Attachment) -> Path:
    return Path(app.config["UPLOAD_FOLDER"]) / attachment.stored_name[:2] / attachment.stored_name


def kept_files(app) -> set[Path]:
    return {path for path in Path(app.config["UPLOAD_FOLDER"]).rglob("*") if path.is_file()}


def test_a_unit_attaches_files_to_its_answer_and_only_those_who_see_the_slip_get_them(app, client, slip):
    login(client, "zhujian")
    response = answer(client, slip, [("整改报告.pdf", PDF), ("现场照片.png", png())])
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    report, picture = slip.attachments
    assert (report.filename, report.content_type, report.size) == ("整改报告.pdf", "application/pdf", len(PDF))
    assert picture.content_type == "image/png" and picture.uploaded_by.username == "zhujian"
    # Kept under a random name, outside the static folder, with the very bytes that were sent.
    assert stored(app, report).read_bytes() == PDF and "整改" not in str(stored(app, report))
    assert not stored(app, report).is_relative_to(Path(app.static_folder))
    page = client.get(f"/admin/slips/details/?id={slip.id}").get_data(as_text=True)
    link = f"/admin/slips/attachment/?id={slip.id}&amp;file={report.id}"
    assert link in page and "整改报告.pdf" in page
    download = client.get(link.replace("&amp;", "&"))
    assert download.data == PDF and download.mimetype == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in download.headers["Content-Security-Policy"]
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    photo = client.get(f"/admin/slips/attachment/?id={slip.id}&file={picture.id}")
    assert photo.mimetype == "image/png" and photo.headers["Content-Disposition"].startswith("inline")
    # Another unit cannot reach the slip, so neither its files; a file of another record is not found here.
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/admin/").get_data(as_text=True))})
    login(client, "chengguan")
    assert client.get(f"/admin/slips/attachment/?id={slip.id}&file={report.id}").status_code == 404
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/admin/").get_data(as_text=True))})
    login(client, "lingdao")
    assert client.get(f"/admin/slips/attachment/?id={slip.id}&file={report.id}").data == PDF
    assert client.get(f"/admin/slips/attachment/?id={slip.id}&file=999999").status_code == 404


@pytest.mark.parametrize("name, content, message", [
    ("整改报告.exe", PROGRAM, "“整改报告.exe”不能作为附件上传：只接受"),
    ("整改报告.pdf", PROGRAM, "“整改报告.pdf”的内容不是真正的 PDF 文件"),
    ("现场照片.jpg", png(), "“现场照片.jpg”的内容不是真正的 JPG 文件"),
    ("空白.pdf", b"", "“空白.pdf”是空文件"),
    ("扫描件.pdf", PDF + b"0" * (1024 * 1024), "“扫描件.pdf”超过 1 MB"),
])
def test_a_file_too_large_or_of_a_bad_kind_is_refused_in_chinese_and_nothing_is_saved(
        app, client, slip, monkeypatch, name, content, message):
    monkeypatch.setitem(app.config, "UPLOAD_MAX_MB", 1)
    files_before = kept_files(app)
    login(client, "zhujian")
    response = answer(client, slip, [("说明.pdf", PDF), (name, content)], root_cause="审批把关不严")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page
    assert "审批把关不严" in page  # what was typed is still in the form
    db.session.expire_all()
    assert slip.feedback is None and slip.attachments == []
    assert kept_files(app) == files_before


def test_a_request_larger_than_the_limit_gets_a_chinese_page(app, client, slip, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 64 * 1024)
    login(client, "zhujian")
    response = answer(client, slip, [("扫描件.pdf", PDF + b"0" * 100 * 1024)])
    assert response.status_code == 413 and "提交的内容过大" in response.get_data(as_text=True)


def test_ticked_files_are_removed_from_the_answer(app, client, slip):
    login(client, "zhujian")
    answer(client, slip, [("错传的文件.pdf", PDF), ("整改报告.pdf", PDF)])
    db.session.expire_all()
    wrong, kept = slip.attachments
    page = client.get(f"/admin/slips/edit/?id={slip.id}").get_data(as_text=True)
    assert "删除已上传的附件" in page and "错传的文件.pdf" in page
    response = client.post(f"/admin/slips/edit/?id={slip.id}", content_type="multipart/form-data", data={
        "feedback": "已责令停工整改", "verified": "untrue", "policy_explanation": "已向诉求人解释",
        "remove_attachments": [str(wrong.id)], "csrf_token": csrf_from(page)})
    assert response.status_code == 302
    db.session.expire_all()
    assert [attachment.filename for attachment in slip.attachments] == ["整改报告.pdf"]
    assert db.session.get(Attachment, wrong.id) is None


def test_site_work_with_photos_is_recorded_from_the_case_page(app, client, slip):
    case = slip.case
    login(client, "zhujian")
    case_page = client.get(f"/admin/cases/details/?id={case.id}").get_data(as_text=True)
    assert "记录现场工作" in case_page
    form = client.get(f"/admin/site-visits/new/?case={case.id}").get_data(as_text=True)
    assert f'value="{case.id}"' in form and 'accept=".jpg,.jpeg,.png,.webp"' in form  # the case is filled in
    response = client.post("/admin/site-visits/new/", content_type="multipart/form-data", data={
        "case": str(case.id), "unit": str(unit(HOUSING).id), "kind": "investigation", "visited_on": "2026-10-05",
        "people": "市住建局张科长、市城管局李队长", "findings": "工地夜间仍在浇筑混凝土",
        "new_attachments": [(io.BytesIO(png()), "夜间施工.png")], "csrf_token": csrf_from(form)})
    assert response.status_code == 302, response.get_data(as_text=True)
    visit = db.session.scalars(sa.select(SiteVisit)).one()
    assert (visit.kind, visit.recorded_by.username, [a.filename for a in visit.attachments]) == (
        VisitKind.investigation, "zhujian", ["夜间施工.png"])
    case_page = client.get(f"/admin/cases/details/?id={case.id}").get_data(as_text=True)
    assert "踏勘现场 2026-10-05" in case_page and "市住建局张科长" in case_page
    details = client.get(f"/admin/site-visits/details/?id={visit.id}").get_data(as_text=True)
    assert '<img src="/admin/site-visits/attachment/' in details
    # Photos only: a document is not a photo.
    form = client.get(f"/admin/site-visits/edit/?id={visit.id}").get_data(as_text=True)
    refused = client.post(f"/admin/site-visits/edit/?id={visit.id}", content_type="multipart/form-data", data={
        "case": str(case.id), "unit": str(unit(HOUSING).id), "kind": "investigation", "visited_on": "2026-10-05",
        "people": "市住建局张科长", "findings": "补充说明", "csrf_token": csrf_from(form),
        "new_attachments": [(io.BytesIO(PDF), "说明.pdf")]}).get_data(as_text=True)
    assert "只接受 JPG、PNG、WEBP 格式的文件" in refused


def test_an_unannounced_check_is_not_shown_to_the_unit_checked_and_units_keep_only_their_own_records(
        app, client, slip):
    case, city = slip.case, unit(CITY)
    case.co_units = [city]
    office = db.session.scalar(sa.select(User).filter_by(username="admin"))
    checked = SiteVisit(case=case, unit=city, kind=VisitKind.unannounced, visited_on=date(2026, 10, 6),
                        people="督查组两人", findings="夜间仍有施工", recorded_by=office)
    joint = SiteVisit(case=case, unit=city, visited_on=date(2026, 10, 5), people="市城管局李队长",
                      findings="围挡破损")
    db.session.add_all([checked, joint])
    db.session.commit()
    login(client, "zhujian")
    assert client.get(f"/admin/site-visits/details/?id={checked.id}").status_code == 404
    assert "夜间仍有施工" not in client.get("/admin/site-visits/").get_data(as_text=True)
    assert "暗访" not in client.get(f"/admin/cases/details/?id={case.id}").get_data(as_text=True)
    # The lead unit reads the co-unit's investigation but cannot change it.
    assert "围挡破损" in client.get(f"/admin/site-visits/details/?id={joint.id}").get_data(as_text=True)
    opened = client.get(f"/admin/site-visits/edit/?id={joint.id}")  # opens as its page, not as a form
    assert opened.status_code == 302 and "/details/" in opened.location
    form = client.get(f"/admin/site-visits/details/?id={joint.id}").get_data(as_text=True)
    refused = client.post(f"/admin/site-visits/edit/?id={joint.id}", data={
        "case": str(case.id), "unit": str(unit(HOUSING).id), "kind": "investigation", "visited_on": "2026-10-05",
        "people": "市城管局李队长", "findings": "改写", "csrf_token": csrf_from(form)},
        follow_redirects=True).get_data(as_text=True)
    assert CANNOT_CHANGE in refused
    db.session.expire_all()
    assert joint.findings == "围挡破损"
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/admin/").get_data(as_text=True))})
    for username in ("chengguan", "lingdao", "admin"):
        login(client, username)
        assert "夜间仍有施工" in client.get(f"/admin/site-visits/details/?id={checked.id}").get_data(as_text=True)
        client.post("/logout", data={"csrf_token": csrf_from(client.get("/admin/").get_data(as_text=True))})
