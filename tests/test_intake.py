"""Contacts arriving: the push API, the upload screen through a real RQ worker, merge and split on screen."""

from __future__ import annotations

import re

import sqlalchemy as sa
from rq import Queue, SimpleWorker

from admin_site.auth import create_user
from admin_site.models import ApiToken, Contact, ProblemGroup, Role, db

from .conftest import csrf_from
from .test_importer import GOOD, csv_bytes
from .test_jobs import redis_url_of

RECORD = {"work_order": "API-1", "channel": "wechat", "received_at": "2026-03-05 08:00", "name": "钱七",
          "phone": "13700000007", "address": "玉州区金港花园", "content": "工地夜间施工噪音",
          "units": ["市住房和城乡建设局"], "returned_by": [], "result": None, "satisfaction": "未回访"}


def token_for(role: Role, **kwargs) -> str:
    user = create_user(f"api-{role.value}", role, "long-enough-1", **kwargs)
    row, token = ApiToken.issue(user)
    db.session.add(row)
    db.session.commit()
    return token


def test_push_api_stores_valid_lists_and_reports_every_error(app, client):
    headers = {"Authorization": f"Bearer {token_for(Role.hotline)}"}
    answer = client.post("/api/v1/contacts", json=[RECORD, {**RECORD, "work_order": "API-2"}], headers=headers)
    assert answer.status_code == 200 and answer.get_json()["created"] == 2
    again = client.post("/api/v1/contacts", json=[{**RECORD, "satisfaction": "满意"}], headers=headers)
    assert again.get_json()["updated"] == 1
    bad = client.post("/api/v1/contacts", json=[{**RECORD, "work_order": "API-3"},
                                                {**RECORD, "work_order": "API-4", "received_at": "昨天",
                                                 "units": ["不存在的局"]}], headers=headers)
    body = bad.get_json()
    assert bad.status_code == 422 and [(e["item"], e["field"]) for e in body["errors"]] == \
        [(2, "受理时间"), (2, "承办单位")]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Contact)) == 2  # API-3 not stored either
    assert client.post("/api/v1/contacts", json={"not": "a list"}, headers=headers).status_code == 400
    assert client.post("/api/v1/contacts", json=[{**RECORD, "extra": 1}], headers=headers).status_code == 422
    listed = client.get("/api/v1/contacts?work_order=API-1", headers=headers).get_json()
    assert listed["items"][0]["satisfaction"] == "satisfied" and listed["items"][0]["name"] == "钱七"


def test_push_api_is_for_hotline_and_office_only(app, client):
    from .factories import unit

    for role, extra in ((Role.unit, {"unit": unit("市公安局")}), (Role.leader, {})):
        headers = {"Authorization": f"Bearer {token_for(role, **extra)}"}
        assert client.post("/api/v1/contacts", json=[RECORD], headers=headers).status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Contact)) == 0


def test_push_api_with_the_session_needs_csrf(office):
    assert office.post("/api/v1/contacts", json=[RECORD]).status_code == 400
    token = csrf_from(office.get("/admin/").get_data(as_text=True))
    answer = office.post("/api/v1/contacts", json=[RECORD], headers={"X-CSRFToken": token})
    assert answer.status_code == 200


def test_upload_screen_imports_through_a_worker(app, office, redis_connection):
    app.config["REDIS_URL"] = redis_url_of(redis_connection)
    app.extensions["redis"] = None
    token = csrf_from(office.get("/admin/import/").get_data(as_text=True))
    import io

    response = office.post("/admin/import/", data={"csrf_token": token,
                                                   "file": (io.BytesIO(csv_bytes(*GOOD)), "三月工单.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    status_url = response.headers["Location"]
    state = office.get(status_url + "state").get_json()
    assert state["status"] == "queued" and state["filename"] == "三月工单.csv"
    queue = Queue(app.config["RQ_QUEUE"], connection=redis_connection)
    SimpleWorker([queue], connection=redis_connection).work(burst=True)
    state = office.get(status_url + "state").get_json()
    assert state["status"] == "finished" and state["result"]["created"] == 3 and state["done"] == state["total"] == 3
    assert "三月工单.csv" in office.get(status_url).get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ProblemGroup)) == 2  # noise ×2, water


def test_upload_screen_refuses_other_files_in_chinese(office):
    import io

    token = csrf_from(office.get("/admin/import/").get_data(as_text=True))
    page = office.post("/admin/import/", data={"csrf_token": token, "file": (io.BytesIO(b"x"), "工单.pdf")},
                       content_type="multipart/form-data").get_data(as_text=True)
    assert "只能导入 CSV 或 XLSX 文件" in page


def test_merge_and_split_on_screen(app, office):
    from admin_site import grouping, importer

    importer.import_records([{**RECORD, "work_order": f"M{i}", "content": content, "address": address}
                             for i, (content, address) in enumerate([("小区停水", "碧水花园"), ("小区停水", "碧水花园"),
                                                                      ("油烟扰民", "碧水花园")])])
    db.session.commit()
    grouping.recalculate(app.config["GROUP_WINDOW_DAYS"])
    db.session.commit()
    ids = dict(db.session.execute(sa.select(Contact.work_order, Contact.group_id)).all())
    token = csrf_from(office.get("/admin/groups/").get_data(as_text=True))
    page = office.post("/admin/groups/action/", data={"csrf_token": token, "action": "merge",
                                                      "rowid": [ids["M0"], ids["M2"]]}, follow_redirects=True)
    assert "已并入问题分组" in page.get_data(as_text=True)
    contact = db.session.execute(sa.select(Contact).filter_by(work_order="M1")).scalar_one()
    page = office.post("/admin/contacts/action/", data={"csrf_token": token, "action": "split",
                                                        "rowid": [contact.id]}, follow_redirects=True)
    assert "已拆分为问题分组" in page.get_data(as_text=True)
    grouping.recalculate(app.config["GROUP_WINDOW_DAYS"])
    db.session.commit()
    db.session.expire_all()
    after = dict(db.session.execute(sa.select(Contact.work_order, Contact.group_id)).all())
    assert after["M0"] == after["M2"] != after["M1"]
    details = office.get(f"/admin/groups/details/?id={after['M0']}").get_data(as_text=True)
    assert "碧水花园" in details and "M0" in details and "M2" in details
    assert re.search(r"人工并单", details)


def test_a_merge_folds_the_proposals_into_one_case_and_a_split_contact_leaves_its_case(app, office):
    """Two groups the system proposed as two cases are, the office says, one problem: one case is left
    with every contact, and the page says so; a contact split out again leaves that case."""
    from admin_site import grouping, importer, rules
    from admin_site.models import Case, CaseStatus

    calls = [("小区停水三天了", "玉州区碧水花园"), ("油烟扰民，晚上睡不着", "玉州区金港花园"),
             ("领导您好，小区又停水了", "玉州区碧水花园"), ("楼下饭店油烟很大", "玉州区金港花园"),
             ("碧水花园停水没人管", "玉州区碧水花园"), ("金港花园油烟扰民", "玉州区金港花园"),
             ("民主路的路灯不亮", "玉州区民主路"), ("人民路井盖丢了", "玉州区人民东路")]
    report = importer.import_records([{**RECORD, "work_order": f"F{i}", "content": content, "address": address,
                                       "phone": f"1370000{i:04d}", "received_at": f"2026-03-0{i + 1} 08:00"}
                                      for i, (content, address) in enumerate(calls)])
    assert report.ok
    grouping.recalculate(app.config["GROUP_WINDOW_DAYS"])
    rules.apply()
    db.session.commit()
    groups = dict(db.session.execute(sa.select(Contact.work_order, Contact.group_id)).all())
    water, smoke = groups["F0"], groups["F1"]
    proposals = dict(db.session.execute(sa.select(Case.problem_group_id, Case.number)).all())
    assert water != smoke and {water, smoke} <= set(proposals)
    for number, order in (("LD-2026-0900", "F6"), ("LD-2026-0901", "F7")):  # two cases someone took up
        handled = Case(number=number, title=order, status=CaseStatus.accepted)
        db.session.add(handled)
        db.session.flush()
        db.session.execute(sa.update(Contact).where(Contact.work_order == order).values(case_id=handled.id))
    db.session.commit()

    def merge(*group_ids):
        token = csrf_from(office.get("/admin/groups/").get_data(as_text=True))
        return office.post("/admin/groups/action/", data={"csrf_token": token, "action": "merge",
                                                          "rowid": list(group_ids)},
                           follow_redirects=True).get_data(as_text=True)

    def case_of(order):
        db.session.expire_all()
        return db.session.execute(sa.select(Contact).filter_by(work_order=order)).scalar_one().case

    # two proposals: one case is left, and its timeline says which folded in, and who did it
    page = merge(water, smoke)
    assert f"已并入问题分组 #{water}：移入 3 条诉求，现共 6 条。" in page
    assert f"已提出的协调事项 {proposals[smoke]} 与 {proposals[water]} 为同一问题，已并入 {proposals[water]}。" in page
    assert {case_of(f"F{i}").number for i in range(6)} == {proposals[water]}
    assert db.session.scalar(sa.select(Case).filter_by(number=proposals[smoke])) is None
    timeline = office.get(f"/admin/cases/details/?id={case_of('F0').id}").get_data(as_text=True)
    timeline = timeline[timeline.index("case-timeline"):timeline.index("</table>", timeline.index("case-timeline"))]
    assert re.search(r"<td>admin</td>\s*<td>同一问题并入</td>", timeline)
    assert f"已提出的协调事项 {proposals[smoke]} 与本事项为同一问题，其 3 条诉求已并入本事项" in timeline

    # a proposal and a case someone took up: the proposal folds into the one in hand, whichever group
    # was kept, and that case is now the group's
    page = merge(water, groups["F6"])
    assert f"已提出的协调事项 {proposals[water]} 与 LD-2026-0900 为同一问题，已并入 LD-2026-0900。" in page
    assert {case_of(f"F{i}").number for i in range(7)} == {"LD-2026-0900"}
    assert case_of("F6").problem_group_id == water

    # a second case someone took up is left for the office, and the page says so
    page = merge(water, groups["F7"])
    assert "协调事项 LD-2026-0901 已在办理或另含其他分组的诉求，未作改动" in page
    assert case_of("F7").number == "LD-2026-0901" and case_of("F0").number == "LD-2026-0900"

    contact = db.session.execute(sa.select(Contact).filter_by(work_order="F1")).scalar_one()
    token = csrf_from(office.get("/admin/contacts/").get_data(as_text=True))
    office.post("/admin/contacts/action/", data={"csrf_token": token, "action": "split", "rowid": [contact.id]},
                follow_redirects=True)
    db.session.expire_all()
    assert db.session.get(Contact, contact.id).case_id is None
    assert case_of("F0").number == "LD-2026-0900"
