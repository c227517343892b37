"""督促考核 (assessment.py): per-unit figures against a hand-computed month, ranking, praise and
criticism, restricted cases left out of what is circulated, the bulletin made from it."""

import io
from datetime import date, datetime

import pytest
import sqlalchemy as sa
from docx import Document
from openpyxl import load_workbook

from admin_site import assessment, documents
from admin_site.auth import create_user
from admin_site.models import (
    Bulletin,
    Case,
    CaseAction,
    CaseEvent,
    CaseStatus,
    Channel,
    Contact,
    Publicity,
    Role,
    Satisfaction,
    db,
)

from .conftest import PASSWORD, csrf_from, login
from .factories import unit

HOUSING, CITY, POLICE = "市住房和城乡建设局", "市城市管理监督局", "市公安局"
OCTOBER = assessment.Period(date(2026, 10, 1), date(2026, 10, 31))
TODAY = date(2026, 11, 5)


def case(title: str, lead: str, deadline: date, events: list[tuple[CaseAction, datetime]], **extra) -> Case:
    """A case led by ``lead`` with its timeline; the state follows from the last step."""
    row = Case(title=title, lead_unit=unit(lead), deadline=deadline, status=CaseStatus.assigned, **extra)
    row.assign_number(db.session)
    for action, at in events:
        row.events.append(CaseEvent(action=action, at=at, from_status=CaseStatus.assigned,
                                    to_status=CaseStatus.assigned, username="admin"))
    db.session.add(row)
    return row


@pytest.fixture
def october(app):
    """The month of the module docstring of assessment.py, by hand:

    housing: a1 answered on time, closed, satisfied; a2 answered late after one rework, closed,
             dissatisfied; a3 (not public) never answered; a4 assigned in September, due in November.
    city:    b1 answered on its deadline day, closed, basically satisfied, then called about again;
             b2 sent back twice and answered late; b3 reported to the city leaders, due in November.
    police:  c1 answered on time, closed, satisfied.
    """
    A, d = CaseAction, datetime
    rows = {
        "a1": case("甲一", HOUSING, date(2026, 10, 20), [(A.assign, d(2026, 10, 8, 9)), (A.report_back, d(2026, 10, 19, 17)),
                                                       (A.close, d(2026, 10, 22, 9))], satisfaction=Satisfaction.satisfied),
        "a2": case("甲二", HOUSING, date(2026, 10, 23), [(A.assign, d(2026, 10, 9, 9)), (A.report_back, d(2026, 10, 20, 9)),
                                                       (A.rework, d(2026, 10, 25, 9)), (A.report_back, d(2026, 10, 27, 9)),
                                                       (A.close, d(2026, 10, 28, 9))],
                   satisfaction=Satisfaction.dissatisfied),
        "a3": case("甲三（不公开）", HOUSING, date(2026, 10, 15), [(A.assign, d(2026, 10, 10, 9))],
                   publicity=Publicity.restricted),
        "a4": case("甲四", HOUSING, date(2026, 11, 10), [(A.assign, d(2026, 9, 20, 9))]),
        "b1": case("乙一", CITY, date(2026, 10, 12), [(A.assign, d(2026, 10, 5, 9)), (A.report_back, d(2026, 10, 12, 18)),
                                                    (A.close, d(2026, 10, 13, 9))], satisfaction=Satisfaction.basically),
        "b2": case("乙二", CITY, date(2026, 10, 16), [(A.assign, d(2026, 10, 6, 9)), (A.report_back, d(2026, 10, 13, 9)),
                                                    (A.rework, d(2026, 10, 14, 9)), (A.report_back, d(2026, 10, 15, 9)),
                                                    (A.rework, d(2026, 10, 18, 9)), (A.report_back, d(2026, 10, 21, 9))]),
        "b3": case("乙三", CITY, date(2026, 11, 30), [(A.assign, d(2026, 10, 2, 9)), (A.escalate, d(2026, 10, 25, 9))]),
        "c1": case("丙一", POLICE, date(2026, 10, 10), [(A.assign, d(2026, 10, 3, 9)), (A.report_back, d(2026, 10, 9, 9)),
                                                      (A.close, d(2026, 10, 11, 9))], satisfaction=Satisfaction.satisfied),
    }
    # b1's citizen calls again a week after the closing; a call before a closing does not count.
    rows["b1"].contacts.append(Contact(work_order="GD-B1-2", channel=Channel.phone, received_at=d(2026, 10, 20, 10),
                                       content="又出现了"))
    rows["a1"].contacts.append(Contact(work_order="GD-A1-1", channel=Channel.phone, received_at=d(2026, 10, 1, 10),
                                       content="首次来电"))
    db.session.commit()
    return rows


def by_unit(rows) -> dict:
    return {row.unit: row for row in rows}


FIELDS = ("received", "due", "on_time", "overdue", "returned", "rated", "satisfied", "came_back", "escalated", "rank")


def numbers(row) -> tuple:
    return tuple(getattr(row, name) for name in FIELDS)


def test_each_units_figures_match_the_hand_count(app, october):
    found = by_unit(assessment.figures(OCTOBER, TODAY))
    assert numbers(found[HOUSING]) == (3, 3, 1, 2, 1, 2, 1, 0, 0, 3)
    assert numbers(found[CITY]) == (3, 2, 1, 1, 2, 1, 1, 1, 1, 2)
    assert numbers(found[POLICE]) == (1, 1, 1, 0, 0, 1, 1, 0, 0, 1)
    assert found[HOUSING].overdue_cases == sorted([october["a2"].number, october["a3"].number])
    assert found[CITY].rework_cases == [october["b2"].number] and found[CITY].escalated_cases == [october["b3"].number]
    assert (found[HOUSING].on_time_rate, found[HOUSING].satisfaction_rate) == (1 / 3, 0.5)


def test_what_is_circulated_leaves_out_cases_not_made_public(app, october):
    housing = by_unit(assessment.figures(OCTOBER, TODAY, public_only=True))[HOUSING]
    assert numbers(housing) == (2, 2, 1, 1, 1, 2, 1, 0, 0, 3)
    assert housing.overdue_cases == [october["a2"].number]


def test_a_deadline_not_yet_passed_is_not_overdue_and_a_unit_sees_its_own_figures(app, october):
    early = assessment.figures(OCTOBER, date(2026, 10, 16))  # on 16 Oct only deadlines up to the 15th are due
    assert (by_unit(early)[HOUSING].due, by_unit(early)[CITY].due) == (1, 1)
    [own] = assessment.figures(OCTOBER, TODAY, unit_ids={unit(CITY).id})
    assert own.unit == CITY


def test_praise_and_criticism_give_their_reasons(app, october):
    rows = assessment.figures(OCTOBER, TODAY, public_only=True)
    assert [(row.unit, reason) for row, reason in assessment.praised(rows)] == [
        (POLICE, "到期1件均按时办结；满意率100.0%")]
    criticised = dict((row.unit, reason) for row, reason in assessment.criticised(rows))
    assert criticised[HOUSING] == f"超期1件（{october['a2'].number}）"
    assert criticised[CITY] == (f"超期1件（{october['b2'].number}）；多次退回重办（{october['b2'].number}）；"
                                f"报市领导专报（{october['b3'].number}）")


def test_the_bulletin_draft_names_units_and_figures_and_prints_as_word_and_excel(app, client, october):
    login(client)
    page = client.get("/admin/assessment/?start=2026-10-01&end=2026-10-31")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "甲三" not in text
    assert "到期1件均按时办结；满意率100.0%" in text and "33.3%" in text  # the screen counts every case
    made = client.post("/admin/assessment/draft/?start=2026-10-01&end=2026-10-31",
                       data={"csrf_token": csrf_from(text)})
    assert made.status_code == 302 and "/admin/bulletins/edit/" in made.headers["Location"]
    bulletin = db.session.scalars(sa.select(Bulletin)).one()
    assert bulletin.title == "玉林市12345热线快速联动工作通报（2026年10月）" and bulletin.published_at is None
    assert "2026年10月，工作组交办疑难事项6件；到期5件，按时办结3件（60.0%）" in bulletin.body
    assert "市公安局：到期1件均按时办结；满意率100.0%。" in bulletin.body
    assert october["a3"].number not in bulletin.body and "甲三" not in bulletin.body
    assert [row["unit"] for row in bulletin.figures] == [POLICE, CITY, HOUSING]
    word = Document(io.BytesIO(client.get(f"/admin/bulletins/document/?id={bulletin.id}").data))
    paragraphs = [paragraph.text for paragraph in word.paragraphs]
    assert paragraphs[0] == bulletin.title and "一、总体情况" in paragraphs
    header = [cell.text for cell in word.tables[0].rows[0].cells]
    assert header[:3] == ["名次", "单位", "交办"] and [cell.text for cell in word.tables[0].rows[1].cells][:2] == ["1", POLICE]
    sheet = load_workbook(io.BytesIO(client.get(f"/admin/bulletins/workbook/?id={bulletin.id}").data)).active
    assert sheet["A1"].value == bulletin.title
    assert [cell.value for cell in sheet[4]][:4] == [1, 1, POLICE, 1]  # 序号, 名次, 单位, 交办
    assert october["a3"].number not in str([[cell.value for cell in row] for row in sheet.iter_rows()])
    ranking = load_workbook(io.BytesIO(client.get("/admin/assessment/workbook/?start=2026-10-01&end=2026-10-31").data))
    assert [row[2] for row in ranking.active.iter_rows(min_row=4, values_only=True)] == [POLICE, CITY, HOUSING]


def test_bad_dates_are_refused_in_chinese_and_only_the_office_and_leaders_read_the_ranking(app, client, october):
    login(client)
    page = client.get("/admin/assessment/?start=2026-10-31&end=2026-10-01").get_data(as_text=True)
    assert "期间的结束日期早于开始日期" in page
    assert "请按“年-月-日”填写日期" in client.get("/admin/assessment/?start=十月").get_data(as_text=True)
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/admin/").get_data(as_text=True))})
    create_user("zhujian", Role.unit, PASSWORD, unit=unit(HOUSING))
    create_user("lingdao", Role.leader, PASSWORD)
    db.session.commit()
    login(client, "zhujian")
    assert client.get("/admin/assessment/").status_code == 403
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/admin/").get_data(as_text=True))})
    login(client, "lingdao")
    page = client.get("/admin/assessment/?start=2026-10-01&end=2026-10-31").get_data(as_text=True)
    assert POLICE in page and "生成本期通报草稿" not in page
    assert client.post("/admin/assessment/draft/", data={"csrf_token": csrf_from(page)}).status_code == 403


def test_the_bulletin_document_keeps_official_fonts(app, october):
    bulletin = assessment.draft_bulletin(OCTOBER, TODAY)
    data = documents.bulletin_document(bulletin, TODAY)
    word = Document(io.BytesIO(data))
    fonts = {run.font.name for paragraph in word.paragraphs for run in paragraph.runs}
    assert {"方正小标宋简体", "仿宋_GB2312", "黑体"} <= fonts


def test_a_period_not_chosen_is_said_once_and_nothing_is_printed_or_drafted_for_it(app, client):
    login(client)
    for query in ("start=0001-01-01&end=9999-12-31", "start=2026-12-01&end=2026-01-01", "start=abc"):
        page = client.get(f"/admin/assessment/?{query}").get_data(as_text=True)
        assert "alert-danger" in page and "assessment-draft" not in page and "assessment-workbook" not in page
        said = client.get(f"/admin/assessment/workbook/?{query}", follow_redirects=True).get_data(as_text=True)
        typed = query.split("&")[0].removeprefix("start=")
        assert said.count("alert-danger") == 1 and f'value="{typed}"' in said  # kept as typed
