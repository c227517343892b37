"""Priorities (rules.priority): how strongly a problem meets the notice, the top proposals on the
workbench, and the monthly 定期梳理 on screen and as a workbook."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from admin_site import rules
from admin_site.auth import create_user
from admin_site.models import (
    AuditLog,
    Case,
    CaseCategory,
    CaseStatus,
    Category,
    CategoryOrigin,
    Role,
    Satisfaction,
    db,
    now_local,
)
from tests.test_rules import case_with

from .conftest import PASSWORD, login
from .factories import unit

HOUSING, POLICE = "市住房和城乡建设局", "市公安局"
NUMBER = re.compile(r"LD-\d{4}-\d{4}")


def call(order: str, at: datetime, channel="电话", units="", returned_by="", satisfaction="", place="民主路1号"):
    return {"work_order": order, "channel": channel, "received_at": at.isoformat(" "),
            "content": f"{place}附近夜间施工噪音扰民", "address": f"玉州区{place}", "phone": "13800000001",
            "units": units, "returned_by": returned_by, "satisfaction": satisfaction}


def case_of(*records, title="夜间施工噪音", **fields) -> Case:
    """A case with these contacts attached."""
    return case_with(*records, title=title, **fields)


def apply(*cases: Case, today: date | None = None) -> dict:
    result = rules.apply(rules.Scope.of_cases([case.id for case in cases]), today=today)
    db.session.commit()
    return result


def priorities(*cases: Case) -> list[int]:
    db.session.expire_all()
    return [db.session.get(Case, case.id).priority for case in cases]


def ranked_case(count: int, at: datetime, name: str, **fields) -> Case:
    """A case with ``count`` phone calls from ``at`` on (priority 2 per call, plus 10 while recent)."""
    return case_of(*[call(f"{name}-{k}", at + timedelta(minutes=k), place=f"{name}路{count}号") for k in range(count)],
                   title=f"{name}事项", **fields)


def month_start() -> datetime:
    return now_local().replace(day=1, hour=0, minute=5, second=0)


def test_priority_follows_the_facts(app):
    t0 = datetime(2026, 3, 2, 9)
    strong = case_of(call("A1", t0, units=f"{HOUSING}、{POLICE}", satisfaction="不满意"),
                     call("A2", t0 + timedelta(days=3), channel="微信", returned_by=POLICE),
                     call("A3", t0 + timedelta(days=9), channel="网站", satisfaction="不满意"),
                     call("A4", t0 + timedelta(days=40)))
    old = case_of(*[call(f"B{k}", t0 + timedelta(days=k), place="江南路8号") for k in range(3)])
    instructed = case_of(call("C1", t0 + timedelta(days=30), place="人民路3号"),
                         call("C2", t0 + timedelta(days=38), place="人民路3号"),
                         leader_instruction="请市住建局牵头解决", leader_instruction_on=date(2026, 4, 10))
    today = date(2026, 4, 12)  # two days after the last calls of A and C; B's are six weeks old
    result = apply(strong, old, instructed, today=today)
    # A: 4 calls ×2, 2 channels beyond the first ×5, 1 unit beyond the first ×5, 1 return ×8,
    # 2 dissatisfied ×6, recent 10 = 53.  B: 3 calls = 6.  C: 2 calls + leader 20 + recent 10 = 34.
    assert priorities(strong, old, instructed) == [53, 6, 34]
    assert result["priorities_changed"] == 3
    assert rules.explain_priority(strong, today) == ("优先度 53：诉求 4 次、3 个渠道、2 个承办单位、1 次退回、不满意 2 次、"
                                                     "近 30 天有来电")
    assert rules.explain_priority(instructed, today) == "优先度 34：诉求 2 次、近 30 天有来电、有领导批示"
    entry = db.session.scalar(sa.select(AuditLog).where(AuditLog.model == "Case").order_by(AuditLog.id.desc()))
    assert entry.detail.endswith("优先度变化 3 件")
    # A legacy problem set by a person counts, and so does the citizen's verdict on the case.
    db.session.add(CaseCategory(case_id=old.id, code=Category.legacy, origin=CategoryOrigin.manual,
                                reason="项目停工"))
    db.session.get(Case, old.id).satisfaction = Satisfaction.dissatisfied
    db.session.commit()
    apply(old, today=today)
    assert priorities(old) == [6 + 15 + 6]
    assert rules.explain_priority(old, today) == "优先度 27：诉求 3 次、不满意 1 次、历史遗留问题"


def test_weights_are_settings(app, monkeypatch):
    case = case_of(call("W1", datetime(2026, 3, 2, 9)), call("W2", datetime(2026, 3, 3, 9), channel="微信"))
    monkeypatch.setitem(app.config, "PRIORITY_CONTACT", 7)
    monkeypatch.setitem(app.config, "PRIORITY_CHANNEL", 0)
    monkeypatch.setitem(app.config, "PRIORITY_RECENT_DAYS", 3)
    apply(case, today=date(2026, 3, 5))
    assert priorities(case) == [14 + 10]  # the call of the 3rd is within the 3 days ending on the 5th
    apply(case, today=date(2026, 3, 6))
    assert priorities(case) == [14]


def test_recalculation_keeps_priorities_and_the_calendar_ages_them(app):
    start = now_local() - timedelta(hours=2)
    cases = [ranked_case(count, start, f"稳定{count}") for count in (5, 3, 8)]
    apply(*cases)
    first = priorities(*cases)
    assert first == [20, 16, 26]
    for run in (rules.recalculate, rules.recalculate, rules.refresh):
        result = run()
        db.session.commit()
        assert result.get("priorities_changed", 0) == 0, run.__name__
        assert priorities(*cases) == first
    # Forty days on, no call is recent any more: refresh lowers every open case; a closed one keeps its own.
    closed = db.session.get(Case, cases[2].id)
    closed.status = CaseStatus.closed
    db.session.commit()
    result = rules.refresh(today=now_local().date() + timedelta(days=40))
    db.session.commit()
    assert result["priorities_changed"] == 2
    assert priorities(*cases) == [10, 6, 26]
    assert rules.explain_priority(db.session.get(Case, cases[2].id)) == "优先度 26（事项办结时的数值）"


def test_the_office_workbench_shows_the_top_proposals(app, client):
    start = now_local() - timedelta(hours=3)
    made = [ranked_case(count, start, f"工作台{count}") for count in range(1, 13)]
    apply(*made)
    housing = unit(HOUSING)
    create_user("zhujian", Role.unit, PASSWORD, unit=housing)
    made[-1].lead_unit = housing  # a unit's own case is still no list of proposals for it
    db.session.commit()
    login(client)
    page = client.get("/admin/").get_data(as_text=True)
    assert "最需研判的待审事项" in page
    card = page.split("top-proposals", 1)[1].split("</table>", 1)[0]
    expected = [case.number for case in reversed(made)][:10]
    assert NUMBER.findall(card) == expected
    assert f'href="/admin/cases/details/?id={made[-1].id}"' in card
    assert "全部待审事项（按优先度）" in card and "/admin/review/" in card
    # The full list: proposed cases, highest priority first.
    link = re.search(r'href="([^"]+)">全部待审事项', card).group(1).replace("&amp;", "&")
    listing = client.get(link).get_data(as_text=True)
    assert NUMBER.findall(listing)[:12] == [case.number for case in reversed(made)]
    unit_client = app.test_client()
    login(unit_client, "zhujian")
    own = unit_client.get("/admin/").get_data(as_text=True)
    assert "最需研判的待审事项" not in own and "top-proposals" not in own


def test_the_case_list_sorts_by_priority(app, office):
    start = now_local() - timedelta(hours=1)
    made = [ranked_case(count, start, f"排序{count}") for count in (2, 6, 4)]
    apply(*made)
    view = next(view for view in app.extensions["admin"][0]._views if getattr(view, "model", None) is Case)
    column = [name for name, _ in view.get_list_columns()].index("priority")
    ascending = office.get(f"/admin/cases/?sort={column}").get_data(as_text=True)
    descending = office.get(f"/admin/cases/?sort={column}&desc=1").get_data(as_text=True)
    by_priority = [made[0].number, made[2].number, made[1].number]
    assert NUMBER.findall(ascending) == by_priority and NUMBER.findall(descending) == by_priority[::-1]
    assert "优先度" in ascending


def test_review_lists_the_month_ranked(app, office):
    march = datetime(2026, 3, 10, 9)
    weak = ranked_case(3, march, "三月甲")
    strong = ranked_case(6, march, "三月乙")
    april = ranked_case(9, datetime(2026, 4, 2, 9), "四月")
    closed = ranked_case(12, march, "三月已办结", status=CaseStatus.closed)
    apply(weak, strong, april, closed, today=date(2026, 4, 5))
    page = office.get("/admin/review/?month=2026-03").get_data(as_text=True)
    assert "2026年3月定期梳理清单（按优先度排序）" in page
    assert NUMBER.findall(page.split("review-list", 1)[1]) == [strong.number, weak.number]
    assert f'href="/admin/cases/details/?id={strong.id}"' in page
    assert "2026年3月有诉求的事项共 2 件，列出前 2 件。" in page and "本月" not in page  # a past month
    assert NUMBER.findall(office.get("/admin/review/?month=2026-04").get_data(as_text=True)
                          .split("review-list", 1)[1]) == [april.number]


def test_review_opens_on_this_month_and_says_when_a_month_cannot_be_read(app, office):
    current = ranked_case(2, month_start(), "本月")
    apply(current)
    today = now_local().date()
    label = f"{today.year}年{today.month}月定期梳理清单"
    page = office.get("/admin/review/").get_data(as_text=True)
    assert label in page and current.number in page
    for typed in ("2026-13", "abc", "1999-01", "2026-3-1", "9" * 300):
        page = office.get(f"/admin/review/?month={typed}").get_data(as_text=True)
        assert label in page and current.number in page, typed
        assert "请按“年-月”填写月份" in page or "请填写 2000 年至 2099 年之间的月份" in page, typed
        assert "review-workbook" not in page  # nothing is printed for a month not chosen
        response = office.get(f"/admin/review/workbook/?month={typed}")
        assert response.status_code == 302 and "/admin/review/" in response.headers["Location"]


def test_review_workbook_holds_the_ranked_rows(app, office):
    march = datetime(2026, 3, 10, 9)
    made = [ranked_case(count, march, f"表格{count}") for count in (4, 7, 2)]
    apply(*made, today=date(2026, 3, 20))
    page = office.get("/admin/review/?month=2026-03").get_data(as_text=True)
    assert "/admin/review/workbook/?month=2026-03" in page
    response = office.get("/admin/review/workbook/?month=2026-03")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet["A1"].value == "2026年3月定期梳理清单（按优先度排序）"
    assert sheet["A2"].value.startswith("制表：") and "共 3 件" in sheet["A2"].value
    header = [cell.value for cell in sheet[3]]
    assert header[:5] == ["序号", "编号", "标题", "优先度", "问题类别"]
    # the workbook has every column the screen has, in its order
    screen_header = re.findall(r'<th class="text-nowrap">([^<]+)</th>', page)
    assert header == screen_header and "预警等级" in header
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    assert [row[:2] for row in rows] == [[1, made[1].number], [2, made[0].number], [3, made[2].number]]
    assert [row[3] for row in rows] == [24, 18, 14]
    assert rows[0][5:7] == [7, 7]  # contacts this month, contacts in all
    assert rows[0][header.index("预警等级")] == str(made[1].level.label)
    assert sheet["B4"].border.left.style == "thin" and "A1:" in str(sheet.merged_cells)
    assert db.session.scalar(sa.select(AuditLog.detail).where(AuditLog.model == "Case")
                             .order_by(AuditLog.id.desc())) == "review 2026-03"


@pytest.mark.parametrize(("role", "status"), [("hotline", 200), ("leader", 200), ("unit", 403)])
def test_who_may_open_the_review(app, client, role, status):
    create_user("someone", Role(role), PASSWORD, unit=unit(HOUSING) if role == "unit" else None)
    db.session.commit()
    assert client.get("/admin/review/").status_code == 302  # not logged in: to the login page
    login(client, "someone")
    assert client.get("/admin/review/").status_code == status
    assert client.get("/admin/review/workbook/?month=2026-03").status_code == status
    menu = client.get("/admin/").get_data(as_text=True)
    assert ('href="/admin/review/"' in menu) == (status == 200)
