"""Problem grouping: same place and matter together, everything else apart; hands-on merges stay."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from admin_site import grouping, importer
from admin_site.models import Contact, ProblemGroup, db

WINDOW = 90
T0 = datetime(2026, 3, 1, 9, 0)


def add(work_order, content, address=None, phone=None, days=0, channel="电话"):
    return {"work_order": work_order, "channel": channel, "received_at": (T0 + timedelta(days=days)).isoformat(" "),
            "content": content, "address": address, "phone": phone}


def load(*records):
    report = importer.import_records(list(records))
    assert report.ok, [str(problem) for problem in report.errors]
    db.session.commit()
    return report


def groups() -> dict[str, int]:
    return dict(db.session.execute(sa.select(Contact.work_order, Contact.group_id)).all())


def together(*orders) -> bool:
    mapping = groups()
    return len({mapping[order] for order in orders}) == 1 and mapping[orders[0]] is not None


def test_neighbours_reporting_the_same_thing_join_one_group(app):
    load(add("A1", "金港花园旁工地晚上施工噪音很大", "玉州区人民东路8号金港花园3栋", "13800000001"),
         add("A2", "金港花园附近工地夜里太吵了睡不着", "玉林市金港花园5栋", "13800000002", days=2, channel="微信"),
         add("A3", "工地半夜施工扰民", "玉州区金港花园", "13800000003", days=5, channel="APP"))
    grouping.recalculate(WINDOW)
    db.session.commit()
    assert together("A1", "A2", "A3")
    group = db.session.get(ProblemGroup, groups()["A1"])
    assert (group.contact_count, group.topic, group.place_key) == (3, "noise", "estate:金港花园")


def test_same_estate_different_matters_stay_apart(app):
    load(add("B1", "小区晚上广场舞音响太吵", "金港花园"), add("B2", "小区停水两天了", "金港花园", days=1))
    grouping.recalculate(WINDOW)
    assert not together("B1", "B2")


def test_one_frequent_caller_with_different_problems_stays_apart(app):
    load(add("C1", "单位拖欠我三个月工资", phone="13900000009"),
         add("C2", "家门口路灯不亮", phone="139 0000 0009", days=1),
         add("C3", "还是拖欠工资没人管", phone="+86 13900000009", days=3))
    grouping.recalculate(WINDOW)
    assert together("C1", "C3") and not together("C1", "C2")


def test_calls_far_apart_in_time_are_different_problems(app):
    load(add("D1", "小区停水", "碧水花园"), add("D2", "小区又停水了", "碧水花园", days=WINDOW + 30))
    grouping.recalculate(WINDOW)
    assert not together("D1", "D2")


def test_complaints_without_topic_words_are_compared_by_wording(app):
    load(add("E1", "社区活动中心被改成麻将馆经营", "南城百货广场"),
         add("E2", "活动中心改成了麻将馆在经营", "南城百货广场", days=1),
         add("E3", "要求更换社区主任", "南城百货广场", days=2))
    grouping.recalculate(WINDOW)
    assert together("E1", "E2") and not together("E1", "E3")


def test_incremental_grouping_joins_existing_groups(app):
    report = load(add("F1", "小区停水", "碧水花园", "13800000011"))
    grouping.group_new(report.contact_ids, WINDOW)
    report = load(add("F2", "停水三天了还没来水", "玉州区碧水花园2栋", "13800000012", days=3),
                  add("F3", "路面塌陷很危险", "碧水花园", days=3))
    grouping.group_new(report.contact_ids, WINDOW)
    db.session.commit()
    assert together("F1", "F2") and not together("F1", "F3")
    assert db.session.get(ProblemGroup, groups()["F1"]).contact_count == 2


def test_hand_merges_and_splits_survive_recalculation(app):
    load(add("G1", "小区停水", "碧水花园"), add("G2", "小区停水", "碧水花园", days=1),
         add("G3", "楼下烧烤油烟很大", "碧水花园", days=1), add("G4", "小区停水", "碧水花园", days=2))
    grouping.recalculate(WINDOW)
    mapping = groups()
    grouping.merge(mapping["G1"], [mapping["G3"]])  # the office judges the smoke and the water one problem
    new_group = grouping.split([db.session.execute(sa.select(Contact.id).filter_by(work_order="G4")).scalar()])
    db.session.commit()
    for _ in range(2):
        grouping.recalculate(WINDOW)
        db.session.commit()
        assert together("G1", "G2", "G3") and groups()["G4"] == new_group
    load(add("G5", "还是停水", "碧水花园", days=3))
    grouping.recalculate(WINDOW)
    assert groups()["G5"] in (groups()["G1"], new_group)


def test_recalculation_is_stable_and_repeatable(app):
    load(*[add(f"H{i}", "小区停水", "碧水花园", days=i) for i in range(5)])
    first = grouping.recalculate(WINDOW)
    before = groups()
    second = grouping.recalculate(WINDOW)
    assert groups() == before and second["moved"] == 0 and first["groups"] == second["groups"] == 1
