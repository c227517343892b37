"""Case and slip lists as Excel workbooks laid out for circulation: the list as filtered, in the
account's scope, without cases not made public, text never turned into formulas."""

import io
import zipfile
from datetime import date, datetime

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from admin_site import workbooks
from admin_site.auth import create_user
from admin_site.models import Case, CaseStatus, Publicity, Role, Slip, db

from .conftest import PASSWORD, login
from .factories import unit

HOUSING, CITY = "市住房和城乡建设局", "市城市管理监督局"


@pytest.fixture
def cases(app):
    create_user("zhujian", Role.unit, PASSWORD, unit=unit(HOUSING))
    rows = {
        "noise": Case(title="金港花园工地夜间施工噪音", lead_unit=unit(HOUSING), co_units=[unit(CITY)],
                      deadline=date(2026, 10, 9), status=CaseStatus.assigned),
        "formula": Case(title='=HYPERLINK("http://x","点我")', lead_unit=unit(HOUSING), deadline=date(2026, 10, 12),
                        status=CaseStatus.assigned),
        "secret": Case(title="涉密信访事项", lead_unit=unit(HOUSING), status=CaseStatus.assigned,
                       publicity=Publicity.restricted),
        "closed": Case(title="已办结事项", lead_unit=unit(HOUSING), status=CaseStatus.closed),
        "elsewhere": Case(title="乙单位牵头事项", lead_unit=unit(CITY), status=CaseStatus.assigned),
    }
    for index, case in enumerate(rows.values()):
        case.created_at = case.updated_at = datetime(2026, 10, 1, 9, index)
        case.assign_number(db.session)
    db.session.add_all(rows.values())
    for key in ("noise", "secret"):
        slip = Slip(case=rows[key], unit=unit(HOUSING), requirement=f"{rows[key].title}督办", deadline=date(2026, 10, 9))
        slip.assign_number(db.session)
        db.session.add(slip)
    db.session.commit()
    return rows


def download(client, path: str):
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    return load_workbook(io.BytesIO(response.data)).active


def body(sheet) -> list[list]:
    return [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]


def test_the_office_prints_the_filtered_case_list_in_the_circulation_layout(app, client, cases):
    login(client)
    with app.test_request_context():
        view = next(view for view in app.extensions["admin"][0]._views if getattr(view, "model", None) is Case)
        assigned = view.filtered_url("status", "assigned")  # the list filtered on 限时办理, as picked from the menu
    listing = client.get(assigned).get_data(as_text=True)
    query = assigned.split("?", 1)[1]
    assert "导出印发清单（Excel）" in listing and f"/admin/cases/circulate/?{query}" in listing
    sheet = download(client, f"/admin/cases/circulate/?{query}&sort=0")
    assert sheet["A1"].value == "玉林市12345热线快速联动协调事项清单"
    assert "A1:I1" in {str(merged) for merged in sheet.merged_cells.ranges}
    assert "共 3 项（不含不公开事项）" in sheet["A2"].value and "制表：" in sheet["A2"].value
    assert [cell.value for cell in sheet[3]] == ["序号", "编号", "标题", "问题类别", "预警等级", "状态", "牵头单位",
                                                  "配合单位", "办结时限"]
    rows = body(sheet)
    noise, formula, elsewhere = (cases[key] for key in ("noise", "formula", "elsewhere"))
    assert [row[:3] for row in rows] == [[1, noise.number, noise.title], [2, formula.number, formula.title],
                                         [3, elsewhere.number, elsewhere.title]]  # sorted by number, as asked
    assert rows[0][5:] == ["限时办理", HOUSING, CITY, datetime(2026, 10, 9)]
    assert sheet["I4"].number_format == 'yyyy"年"m"月"d"日"'
    # The complaint that looks like a formula is text, and the restricted case is not there at all.
    assert sheet["C5"].data_type == "s" and sheet["C5"].value.startswith("=HYPERLINK")
    assert "涉密信访事项" not in str(rows)
    # Printed: A4 landscape, one page wide, the header row on every page, page numbers.
    assert (sheet.page_setup.orientation, sheet.page_setup.paperSize) == ("landscape", 9)
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$3:$3" and sheet.freeze_panes == "A4"
    assert sheet.oddFooter.center.text == "第 &P 页，共 &N 页"


def test_a_unit_prints_only_what_it_may_see_and_slips_of_restricted_cases_stay_out(app, client, cases):
    login(client, "zhujian")
    titles = [row[2] for row in body(download(client, "/admin/cases/circulate/"))]
    assert sorted(titles) == sorted([cases["noise"].title, cases["formula"].title, "已办结事项"])
    sheet = download(client, "/admin/slips/circulate/")
    assert sheet["A1"].value == "玉林市12345热线快速联动跟踪督办单清单"
    [row] = body(sheet)
    noise_slip = db.session.scalars(sa.select(Slip).where(Slip.case_id == cases["noise"].id)).one()
    assert row[:4] == [1, noise_slip.number, str(cases["noise"]), HOUSING] and row[5:7] == [datetime(2026, 10, 9), "已下发"]


SHEET_NAMES = [
    ("2026年11月/12月通报", "2026年11月／12月通报"),
    ("a\\b?c*d[e]f:g", "a＼b？c＊d［e］f：g"),
    ("'引号'", "引号"),
    ("换\r\n行\x0b与\t制表", "换 行与 制表"),
    ("玉林市12345热线快速联动协调事项清单（2026年11月1日至30日）",
     "玉林市12345热线快速联动协调事项清单（2026年11月1日"),  # 31 characters
    ("通报😀" * 10, "通报😀" * 7 + "通报"),  # Excel counts the emoji twice
    ("", "工作表"),
    ("History", "工作表"),
]


def test_a_sheet_is_named_from_its_title_as_excel_allows(app):
    assert [workbooks.sheet_title(title) for title, _ in SHEET_NAMES] == [name for _, name in SHEET_NAMES]


def test_text_is_written_as_the_text_it_is_never_as_a_formula(app):
    title = '=2026年11月/12月通报\x0b<b>x</b>'
    texts = ['=HYPERLINK("http://x")', "+86 775", "-1", "@SUM(A1)", "\t=1", "a\x00b\r\nc", "<b>x</b>", "正常"]
    data = workbooks.circulation_workbook(title, "@制表", [workbooks.Column("=列", 10)], [[text] for text in texts])
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "=2026年11月／12月通报<b>x<／b>"
    title_cell = sheet["A1"]
    assert title_cell.value == "=2026年11月/12月通报<b>x</b>"
    assert title_cell.data_type == "s" and title_cell.quotePrefix
    assert sheet["A2"].quotePrefix and sheet["B3"].value == "=列" and sheet["B3"].quotePrefix
    cells = [sheet.cell(row=4 + index, column=2) for index in range(len(texts))]
    assert [cell.value for cell in cells] == [*texts[:5], "ab\nc", "<b>x</b>", "正常"]
    assert {cell.data_type for cell in cells} == {"s"}
    assert [cell.quotePrefix for cell in cells] == [True] * 5 + [False] * 3
    assert sheet["A4"].value == 1 and sheet["A4"].data_type == "n"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()


def test_the_ranking_of_a_bulletin_titled_with_a_slash_downloads(app, client):
    from admin_site import assessment
    from admin_site.models import Bulletin

    bulletin = Bulletin(title="2026年11月/12月通报", body="正文", figures=[assessment.table_row(
        assessment.UnitFigures(unit(HOUSING).id, HOUSING, received=1))])
    db.session.add(bulletin)
    db.session.commit()
    login(client)
    sheet = download(client, f"/admin/bulletins/workbook/?id={bulletin.id}")
    assert sheet.title == "2026年11月／12月通报" and sheet["A1"].value == "2026年11月/12月通报"
    assert body(sheet)[0][:3] == [1, "—", HOUSING]
