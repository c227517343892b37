"""Papers as Word files in the official layout: opened and read back, fonts and page checked, and
converted by LibreOffice where it is installed."""

import io
import shutil
import subprocess
from datetime import date, datetime

import pytest
from docx import Document
from docx.oxml.ns import qn

from admin_site import documents
from admin_site.models import Bulletin

from .conftest import login
from .factories import sample_rows


def east_asian_fonts(document) -> set[str]:
    return {run._element.rPr.rFonts.get(qn("w:eastAsia")) for paragraph in document.paragraphs
            for run in paragraph.runs}


def test_a_slip_document_has_the_official_layout_and_the_slips_fields(app):
    slip = sample_rows()["slip"]
    data = documents.slip_document(slip)
    document = Document(io.BytesIO(data))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    cells = [cell.text for row in document.tables[0].rows for cell in row.cells]
    assert document.paragraphs[0].text == "玉林市12345政务服务便民热线快速联动跟踪督办单"
    assert document.paragraphs[1].text == slip.number
    assert cells[:8] == ["协调事项", f"{slip.case.number} 金港花园工地夜间施工噪音", "责任单位", "市住房和城乡建设局",
                         "督办事项", "核查夜间施工审批并整改", "办结时限", "2026年4月3日"]
    assert "玉林市12345政务服务便民热线快速联动协调工作组办公室" in text
    section = document.sections[0]
    measures = (section.page_width, section.page_height, section.top_margin, section.bottom_margin,
                section.left_margin, section.right_margin)
    assert [round(length.mm) for length in measures] == [210, 297, 37, 35, 28, 26]  # A4, GB/T 9704 margins
    assert document.paragraphs[0].runs[0].font.size.pt == 22
    assert {"方正小标宋简体", "仿宋_GB2312"} <= east_asian_fonts(document)
    font_table = next(part.blob for part in document.part.package.iter_parts()
                      if part.partname == "/word/fontTable.xml").decode()
    assert 'w:name="仿宋_GB2312"' in font_table and 'w:val="仿宋"' in font_table


def test_libreoffice_opens_and_converts_every_paper(app, tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office:
        pytest.skip("LibreOffice is not installed (make system-packages installs it)")
    from admin_site import assessment

    rows = sample_rows()
    bulletin = assessment.draft_bulletin(assessment.Period(date(2026, 3, 1), date(2026, 3, 31)), date(2026, 4, 1))
    papers = {"slip": documents.slip_document(rows["slip"]), "minutes": documents.minutes_document(rows["meeting"]),
              "report": documents.report_document(rows["case"], date(2026, 4, 1)),
              "bulletin": documents.bulletin_document(bulletin, date(2026, 4, 1))}
    for name, data in papers.items():
        (tmp_path / f"{name}.docx").write_bytes(data)
    subprocess.run([office, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "txt:Text",
                    "--outdir", str(tmp_path), *(str(tmp_path / f"{name}.docx") for name in papers)],
                   check=True, capture_output=True, timeout=180)
    texts = {name: (tmp_path / f"{name}.txt").read_text(encoding="utf-8-sig") for name in papers}
    assert rows["slip"].number in texts["slip"] and "核查夜间施工审批并整改" in texts["slip"]
    assert "专题快速联动协调会议纪要" in texts["minutes"] and "限期整改" in texts["minutes"]
    assert "金港花园工地夜间施工噪音" in texts["report"] and "张三" not in texts["report"]
    assert "玉林市12345热线快速联动工作通报（2026年3月）" in texts["bulletin"] and "一、总体情况" in texts["bulletin"]


def test_the_slip_document_downloads_from_its_page_for_those_who_see_the_slip(app, client):
    slip = sample_rows()["slip"]
    login(client)
    page = client.get(f"/admin/slips/details/?id={slip.id}").get_data(as_text=True)
    assert "下载督办单（Word）" in page
    response = client.get(f"/admin/slips/document/?id={slip.id}")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    assert Document(io.BytesIO(response.data)).paragraphs[1].text == slip.number
    assert client.get("/admin/slips/document/?id=999999").status_code == 404


def test_the_minutes_name_each_decision_and_the_report_names_no_complainant(app, client):
    from admin_site.models import CaseStatus, ReportForm, db

    rows = sample_rows()
    meeting, case = rows["meeting"], rows["case"]
    meeting.minutes = "会议听取了市住建局的情况汇报。\n与会单位进行了讨论。"
    case.report_form, case.status = ReportForm.single, CaseStatus.assigned
    db.session.commit()
    minutes = Document(io.BytesIO(documents.minutes_document(meeting)))
    text = "\n".join(paragraph.text for paragraph in minutes.paragraphs)
    assert minutes.paragraphs[0].text == "玉林市12345政务服务便民热线专题快速联动协调会议纪要"
    assert "一、会议议定事项" in text and "二、会议记录" in text and "会议听取了市住建局的情况汇报。" in text
    assert (f"（1）{case.number} 金港花园工地夜间施工噪音：由市住房和城乡建设局牵头，市城市管理监督局配合，"
            "限期整改，于2026年4月3日前办结。") in text
    assert "黑体" in east_asian_fonts(minutes)

    login(client)
    response = client.get(f"/admin/cases/report/?id={case.id}")
    assert response.status_code == 200
    report = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(response.data)).paragraphs)
    assert report.startswith("玉林市12345政务服务便民热线疑难问题一事一报")
    assert "2026年3月1日，群众通过电话反映1次。" in report
    assert "张三" not in report and "13812341234" not in report  # goes outside the office: no complainant
    minutes_download = client.get(f"/admin/meetings/document/?id={meeting.id}")
    assert minutes_download.status_code == 200 and "下载会议纪要（Word）" in client.get(
        f"/admin/meetings/details/?id={meeting.id}").get_data(as_text=True)


def test_only_the_office_and_leaders_print_a_report(app, client):
    from admin_site.auth import create_user
    from admin_site.models import Role, db

    from .conftest import PASSWORD
    from .factories import unit

    case = sample_rows()["case"]
    create_user("zhujian", Role.unit, PASSWORD, unit=unit("市住房和城乡建设局"))
    db.session.commit()
    login(client, "zhujian")
    assert client.get(f"/admin/cases/details/?id={case.id}").status_code == 200  # the unit leads it
    assert client.get(f"/admin/cases/report/?id={case.id}").status_code == 403


@pytest.mark.parametrize("decision", ["passed", "returned"])
def test_a_reviewed_slip_prints_the_review_and_its_reason(app, decision):
    from admin_site.models import ReviewDecision

    slip = sample_rows()["slip"]
    slip.review, slip.review_reason = ReviewDecision(decision), "整改材料齐全"
    document = Document(io.BytesIO(documents.slip_document(slip)))
    cells = [cell.text for row in document.tables[0].rows for cell in row.cells]
    assert cells[-2:] == ["审核意见", f"{'通过' if decision == 'passed' else '退回重办'}；整改材料齐全"]


def test_the_slip_prints_the_units_whole_answer_once_submitted(app):
    """The 督办单 carries the answer in the notice's terms, but not a draft the unit has not submitted."""
    from admin_site.models import Verification, db

    slip = sample_rows()["slip"]
    slip.verified, slip.rectification, slip.rectify_by = Verification.partly, "责令夜间停工", date(2026, 4, 20)
    slip.root_cause, slip.similar_cases, slip.feedback = "审批把关不严", "排查全市在建工地12处", "已整改"
    db.session.commit()

    def printed() -> str:
        document = Document(io.BytesIO(documents.slip_document(slip)))
        return "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)

    assert "责令夜间停工" not in printed()  # a draft
    slip.feedback_at = datetime(2026, 4, 2, 10)
    text = printed()
    for expected in ("核查结论", "部分属实", "责令夜间停工", "2026年4月20日", "审批把关不严", "排查全市在建工地12处", "已整改"):
        assert expected in text


def test_control_characters_stored_in_any_text_are_left_out_of_every_paper(app):
    """Rows holding text from before it was cleaned on the way in: what Word's XML cannot carry is
    dropped on the way out, the rest is printed as it is."""
    from admin_site.models import CaseAction, CaseEvent, CaseStatus, db

    rows = sample_rows()
    case, meeting, slip = rows["case"], rows["meeting"], rows["slip"]
    with db.session.no_autoflush:  # PostgreSQL would refuse to store the NUL: these rows stay unsaved
        slip.feedback, slip.feedback_at = "已\x0b整改\x00完毕\r\n第二行", datetime(2026, 3, 24, 9)
        case.summary, case.leader_instruction = "摘要\x0b", "批示\x01内容"
        case.events.append(CaseEvent(action=CaseAction.rework, from_status=CaseStatus.feedback,
                                     to_status=CaseStatus.assigned, reason="退回\x0b理由", at=datetime(2026, 3, 25, 9)))
        meeting.minutes = "纪要\x0b第一行\r\n\x0c第二行"
        bulletin = Bulletin(title="通报\x0b标题", body="一、\x0b总体情况\r\n正文\x1f内容")
        papers = [documents.slip_document(slip), documents.report_document(case, date(2026, 4, 1)),
                  documents.minutes_document(meeting), documents.bulletin_document(bulletin, date(2026, 4, 1))]
    texts = ["\n".join([*(paragraph.text for paragraph in document.paragraphs),
                        *(cell.text for table in document.tables for row in table.rows for cell in row.cells)])
             for document in (Document(io.BytesIO(data)) for data in papers)]
    assert not any(character in text for text in texts for character in "\x00\x01\x0b\x0c\x1f\r")
    slip_text, report, minutes, printed_bulletin = texts
    assert "已整改完毕\n第二行" in slip_text
    assert "摘要" in report and "退回理由" in report and "批示内容" in report
    assert "\n纪要第一行\n第二行\n" in minutes
    assert printed_bulletin.startswith("通报标题") and "\n一、总体情况\n正文内容\n" in printed_bulletin
