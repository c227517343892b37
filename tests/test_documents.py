"""Papers as Word files in the official layout: opened and read back, fonts and page checked, and
converted by LibreOffice where it is installed."""

import io
import shutil
import subprocess

from docx import Document
from docx.oxml.ns import qn

from admin_site import documents

from .conftest import login
from .factories import sample_rows


def east_asian_fonts(document) -> set[str]:
    return {run._element.rPr.rFonts.get(qn("w:eastAsia")) for paragraph in document.paragraphs
            for run in paragraph.runs}


def test_a_slip_document_has_the_official_layout_and_the_slips_fields(app, tmp_path):
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
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office:  # where LibreOffice is installed, it must open and convert the file
        source = tmp_path / "slip.docx"
        source.write_bytes(data)
        subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                       check=True, capture_output=True, timeout=120)
        assert (tmp_path / "slip.pdf").stat().st_size > 1000


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
