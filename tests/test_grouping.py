"""Problem grouping: same place and matter together, everything else apart; hands-on merges stay."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from admin_site import grouping, importer, rules
from admin_site.auth import create_user
from admin_site.models import (
    Case,
    CaseAction,
    CaseStatus,
    Contact,
    ContactGroup,
    PairLabel,
    ProblemGroup,
    Role,
    Unit,
    db,
)
from admin_site.screens.contacts import explain, place_label
from tests.conftest import PASSWORD, csrf_from, login

ROOT = Path(__file__).resolve().parent.parent
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
    assert (group.contact_count, group.topic, group.place_key) == (3, "noise", "e:金港花园")
    assert "place=1" in group.reason


def test_one_village_two_matters_and_two_hamlets_stay_apart(app):
    load(add("V1", "村里的路坑坑洼洼，下雨天无法通行", "北流市塘岸镇独竹村12组"),
         add("V2", "独竹村十二组的村道烂了很多年", "塘岸镇独竹村", days=3),
         add("V3", "村里停水三天了", "北流市塘岸镇独竹村12组", days=4),
         add("V4", "村道坑坑洼洼，下雨天无法通行", "北流市塘岸镇独竹村第5村民小组", days=5))
    grouping.recalculate(WINDOW)
    assert together("V1", "V2") and not together("V1", "V3") and not together("V1", "V4")


def test_same_name_villages_in_two_towns_stay_apart(app):
    load(add("N1", "村道坑坑洼洼无法通行", "容县自良镇大里村"), add("N2", "村道坑坑洼洼无法通行", "北流市大里镇大里村", days=1))
    grouping.recalculate(WINDOW)
    assert not together("N1", "N2")


def test_the_place_in_the_complaint_brings_callers_from_different_homes_together(app):
    load(add("P1", "位于民主南路85号的烧烤店油烟很大", "福绵区福绵镇", "13800000021"),
         add("P2", "民主南路85号烧烤店油烟熏得开不了窗", "兴业县城隍镇幸福村", "13800000022", days=2),
         add("P3", "民主南路85号楼下烧烤油烟太大", None, "13800000023", days=9))
    grouping.recalculate(WINDOW)
    assert together("P1", "P2", "P3")


def test_two_named_projects_at_one_place_stay_apart_and_one_project_from_many_homes_joins(app):
    load(add("W1", "盛世江南A区工地拖欠8名工人工资", "北流市环城南路锦绣君悦苑"),
         add("W2", "盛世江南A区工程欠薪，工人9个，5个月没发", "兴业县洛阳镇旺龙村", days=4),
         add("W3", "凯旋西城项目拖欠工人工资3万元", "北流市环城南路锦绣君悦苑", days=6),
         add("W4", "在盛世江南A区项目做工，老板欠我们工钱", "陆川县温泉镇", days=8))
    grouping.recalculate(WINDOW)
    assert together("W1", "W2", "W4") and not together("W1", "W3")
    assert "thing=盛世江南A区" in db.session.get(ProblemGroup, groups()["W1"]).reason


def test_different_shops_on_one_road_stay_apart(app):
    load(add("S1", "惠民超市门口音响太吵", "玉州区人民东路"), add("S2", "万家福超市门口音响太吵", "玉州区人民东路", days=1))
    grouping.recalculate(WINDOW)
    assert not together("S1", "S2")


def test_a_problem_that_comes_back_after_months_is_one_problem(app):
    load(add("R1", "村道坑坑洼洼，下雨天无法通行", "北流市塘岸镇独竹村"),
         add("R2", "独竹村的村道还是坑坑洼洼，之前反映过没人修", "北流市塘岸镇独竹村", days=200))
    grouping.recalculate(365)
    assert together("R1", "R2")


def test_the_same_words_in_different_places_are_not_one_problem(app):
    load(add("L1", "这条路好几盏路灯不亮"), add("L2", "这条路好几盏路灯不亮", days=1),
         add("L3", "路灯坏了不亮", "玉州区人民中路1号"), add("L4", "路灯坏了不亮", "博白县二环北路25号", days=1))
    grouping.recalculate(WINDOW)
    assert not together("L1", "L2") and not together("L3", "L4")


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


def test_regrouping_by_county_gives_what_one_run_gives(app):
    load(add("K1", "村道坑坑洼洼", "北流市塘岸镇独竹村"), add("K2", "独竹村村道烂了", "北流市塘岸镇独竹村", days=1),
         add("K3", "停水三天", "容县自良镇大里村"), add("K4", "大里村停水", "容县自良镇大里村", days=2),
         add("K5", "单位拖欠工资", phone="13900000019"), add("K6", "还是拖欠工资", phone="13900000019", days=2))
    grouping.recalculate(WINDOW)
    whole = sorted(sorted(orders) for orders in _partition().values())
    db.session.execute(sa.delete(ContactGroup))
    db.session.execute(sa.delete(ProblemGroup))
    for region in grouping.parts():
        grouping.recalculate(WINDOW, region)
    assert set(grouping.parts()) == {"北流市", "容县", None}
    assert sorted(sorted(orders) for orders in _partition().values()) == whole == [["K1", "K2"], ["K3", "K4"],
                                                                                  ["K5", "K6"]]


def test_a_contact_naming_no_county_is_regrouped_with_the_county_its_road_thing_or_caller_is_in(app):
    """The address says 北流大道 or nothing, the text names the market or the caller rang before: the
    nightly part of 北流市 takes those contacts too, so the problem is one group as in one run."""
    load(add("R1", "西城圩门口占道经营，早上堵得车都过不去", "北流市北流大道西城圩", "13900000031"),
         add("R2", "西城圩门口摆摊占道，交通堵塞", "北流市北流大道", "13900000032", days=1),
         add("R3", "西城圩门口天天占道经营，堵死了", "北流大道", "13900000033", days=2),
         add("R4", "还是西城圩门口占道，没人管", None, "13900000034", days=3),
         add("R5", "我上次反映的占道还没处理，西城圩门口照样堵", "广西玉林市", "13900000031", days=9),
         add("R6", "容县容州大道夜市占道经营，晚上堵车", "容县容州大道", "13900000035"))
    grouping.recalculate(WINDOW)
    whole = sorted(sorted(orders) for orders in _partition().values())
    assert ["R1", "R2", "R3", "R4", "R5"] in whole
    db.session.execute(sa.delete(ContactGroup))
    db.session.execute(sa.delete(ProblemGroup))
    assert grouping.parts() == ["北流市", "容县"]
    assert db.session.get(Contact, _id("R4")).region == "北流市" and db.session.get(Contact, _id("R4")).county is None
    regions = dict(db.session.execute(sa.select(Contact.work_order, Contact.region)).all())
    assert grouping.parts() == ["北流市", "容县"]  # unchanged data, the same regions
    assert dict(db.session.execute(sa.select(Contact.work_order, Contact.region)).all()) == regions
    for region in grouping.parts():
        grouping.recalculate(WINDOW, region)
    assert sorted(sorted(orders) for orders in _partition().values()) == whole
    app.config["REGROUP_WHOLE_BELOW"] = 0  # recalc on a year's contacts goes region by region too
    assert rules.recalculate()["contacts"] == 6
    assert sorted(sorted(orders) for orders in _partition().values()) == whole


def test_a_small_base_is_regrouped_in_one_part(app):
    load(add("S1", "村道坑坑洼洼", "北流市塘岸镇独竹村"), add("S2", "停水三天", "容县自良镇大里村"))
    assert grouping.parts(whole_below=3) == [grouping.EVERYWHERE]
    assert grouping.parts(whole_below=2) == ["北流市", "容县"]


def _id(order: str) -> int:
    return db.session.scalar(sa.select(Contact.id).where(Contact.work_order == order))


def _partition() -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for order, group in groups().items():
        found.setdefault(group, []).append(order)
    return found


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
    reasons = dict(db.session.execute(sa.select(Contact.work_order, ContactGroup.reason)
                                      .join(ContactGroup, ContactGroup.contact_id == Contact.id)).all())
    assert reasons["G3"] == grouping.HAND and reasons["G2"] not in (None, grouping.HAND)  # why G2 joined stays
    merged = db.session.get(ProblemGroup, mapping["G1"])
    assert explain(merged.reason, merged.place).startswith("人工并单/拆单；同一地点：碧水花园")
    new_group = grouping.split([db.session.execute(sa.select(Contact.id).filter_by(work_order="G4")).scalar()])
    db.session.commit()
    for _ in range(2):
        grouping.recalculate(WINDOW)
        db.session.commit()
        assert together("G1", "G2", "G3") and groups()["G4"] == new_group
        assert db.session.get(ProblemGroup, mapping["G1"]).reason.startswith(grouping.HAND)
    load(add("G5", "还是停水", "碧水花园", days=3))
    grouping.recalculate(WINDOW)
    assert groups()["G5"] in (groups()["G1"], new_group)
    # the merge and the split are labelled pairs, and the grouping agrees with every one of them
    labels = db.session.execute(sa.select(PairLabel.same, sa.func.count()).group_by(PairLabel.same)).all()
    assert dict(labels) == {True: 1, False: 1} and grouping.agreement() == (2, 2)


def test_recalculation_is_stable_and_repeatable(app):
    load(*[add(f"H{i}", "小区停水", "碧水花园", days=i) for i in range(5)])
    first = grouping.recalculate(WINDOW)
    before = groups()
    second = grouping.recalculate(WINDOW)
    assert groups() == before and second["moved"] == 0 and first["groups"] == second["groups"] == 1


def test_the_group_and_contact_pages_say_why(app, client):
    load(add("X1", "盛世江南A区工地拖欠8名工人工资", "北流市塘岸镇独竹村12组", "13800000031"),
         add("X2", "盛世江南A区工程欠薪，工人9个", "北流市塘岸镇独竹村十二组", "13800000032", days=4))
    grouping.recalculate(WINDOW)
    db.session.commit()
    group_id = groups()["X1"]
    login(client)
    page = client.get(f"/admin/groups/details/?id={group_id}").get_data(as_text=True)
    assert "并为一个问题的依据" in page and "同一地点：北流市塘岸镇独竹村12组" in page and "同一对象：盛世江南A区" in page
    assert "本组首条诉求" in page and "同类诉求" in page and "/工程" not in page
    second = db.session.scalar(sa.select(Contact.id).filter_by(work_order="X2"))
    page = client.get(f"/admin/contacts/details/?id={second}").get_data(as_text=True)
    assert "归入本组的原因" in page and "同一对象：盛世江南A区" in page
    # an account that sees no personal data is not shown the 组 (it may be the caller's home)
    assert place_label("北流市|塘岸镇|独竹村|12组", personal=False) == "北流市塘岸镇独竹村"
    assert explain("place=hamlet;words=0.50", "北流市|塘岸镇|独竹村|12组", personal=False) == \
        "同一地点：北流市塘岸镇独竹村；内容高度相近（0.50）"
    # a whole county and words that hardly agree are no evidence, and are not given as such
    assert explain("place=county;topic=1;words=0.04", "北流市|塘岸镇|独竹村") == "同类诉求"
    assert explain("place=road;words=0.31", "玉州区||||民主路") == "同一地点：民主路；内容相近（0.31）"


def test_an_estate_written_by_its_road_and_number_alone_is_the_same_place(app):
    load(add("E1", "金科翡翠湾小区停水六天了", "容县人民路314号金科翡翠湾小区"),
         add("E2", "人民路314号水压不足，高层经常没水", "容县沿河路116号香山翠湖苑", days=2))
    grouping.recalculate(WINDOW)
    assert together("E1", "E2")


def test_neighbours_on_one_street_give_their_own_numbers_but_the_far_end_is_another_place(app):
    load(add("N1", "学校旁边的垃圾二十天没人拉了，臭气熏天", "博白县博白镇南州大道37号"),
         add("N2", "南州大道学校旁边垃圾堆积二十多天没人拉", "博白县博白镇南州大道15号", days=1),
         add("N3", "学校旁边的垃圾二十天没人拉了，臭气熏天", "博白县博白镇南州大道215号", days=2))
    grouping.recalculate(WINDOW)
    assert together("N1", "N2")
    assert not together("N1", "N3")


def test_a_contacts_page_shows_the_whole_complaint_and_a_unit_gets_no_dead_link(app, client):
    long = "盛世江南A区工地拖欠8名工人工资，找了项目部好几次都说没钱，包工头电话打不通，快过年了还没拿到钱，请相关部门督促施工方结清"
    load({**add("Y1", long, "北流市塘岸镇独竹村12组", "13800000041"), "units": "市住房和城乡建设局"})
    grouping.recalculate(WINDOW)
    unit = db.session.scalar(sa.select(Unit).filter_by(name="市住房和城乡建设局"))
    create_user("zhujian", Role.unit, PASSWORD, unit=unit)
    db.session.commit()
    contact = db.session.scalar(sa.select(Contact.id).filter_by(work_order="Y1"))
    login(client)
    assert long in client.get(f"/admin/contacts/details/?id={contact}").get_data(as_text=True)
    unit_client = app.test_client()
    login(unit_client, "zhujian")
    page = unit_client.get(f"/admin/contacts/details/?id={contact}").get_data(as_text=True)
    assert long in page and f"#{groups()['Y1']}" in page and "/admin/groups/details" not in page


def test_a_name_used_in_many_towns_names_a_kind_of_thing_for_new_contacts_too(app):
    villages = ("北流市塘岸镇独竹村", "容县自良镇大里村", "北流市大里镇大里村", "玉州区茂林镇大芦社区", "福绵区新桥镇五金村",
                "兴业县北市镇万龙村", "博白县三滩镇三滩村")
    load(*[add(f"G{n}", "光伏发电项目拖欠工人工资", village, days=n) for n, village in enumerate(villages)])
    grouping.recalculate(WINDOW)
    assert len(set(groups().values())) == len(villages)  # seven towns' projects, not one
    report = load(add("G9", "光伏发电项目拖欠工人工资", "陆川县乌石镇双垌村", days=9))
    grouping.group_new(report.contact_ids, WINDOW)
    assert groups()["G9"] not in {groups()[f"G{n}"] for n in range(len(villages))}


def test_an_estate_named_bare_is_the_estate_other_callers_write_in_full(app):
    load(add("E1", "电梯经常坏，物业不修", "北流市新荣大道302号锦绣华庭一号小区A栋2106", "13800000061"),
         add("E2", "小区电梯又坏了，物业不管", "北流新荣大道302号锦绣华庭一号小区", "13800000062", days=1),
         add("E3", "锦绣华庭一号电梯经常坏，物业不修，要求物业尽快维修", None, "13800000063", days=3),
         add("E4", "锦绣华庭一号物业不作为，电梯坏了没人修", "广西玉林市", "13800000064", days=4))
    grouping.recalculate(WINDOW)
    db.session.commit()
    assert together("E1", "E2", "E3", "E4")


def test_two_works_on_one_road_stay_apart_and_the_works_on_the_road_is_neither(app):
    load(add("W1", "北流大道管网改造工程项目部拖欠工人工资13万", "北流市北流大道364号", "13800000071"),
         add("W5", "在北流大道工地做工，老板欠我们工钱", "北流市北流大道364号", "13800000075", days=1),
         add("W3", "北流大道提升改造工程项目部拖欠工人工资48万", "北流市北流大道364号", "13800000073", days=2),
         add("W2", "北流大道管网改造工程欠薪，工人59个", "北流市北流大道364号", "13800000072", days=3),
         add("W4", "北流大道提升改造工程欠我们工钱五个月", "北流市北流大道364号", "13800000074", days=4))
    grouping.recalculate(WINDOW)
    db.session.commit()
    assert together("W1", "W2") and together("W3", "W4") and not together("W1", "W3")


def test_one_name_at_two_places_the_complaints_name_is_two_businesses_and_says_nothing_of_where(app):
    load(add("S1", "人民东路90号碧水华庭小区的老友记夜宵店每天晚上营业到凌晨，噪音很大", None, "13800000081"),
         add("S2", "玉东大道313号城市苑的老友记大排档每天晚上营业到凌晨，噪音很大", None, "13800000082", days=1),
         # called in from the caller's home: which of the two it is, nothing says
         add("S3", "老友记夜宵店每晚吵到两三点，噪音很大", "博白县博白镇东平路12号", "13800000083", days=2),
         # a name only one business has joins from anywhere
         add("S4", "人民东路90号碧水华庭小区的鸿福麻将馆每晚吵到两三点", None, "13800000084", days=3),
         add("S5", "鸿福麻将馆每晚吵到两三点，噪音很大", "博白县博白镇东平路12号", "13800000085", days=4))
    grouping.recalculate(WINDOW)
    db.session.commit()
    assert not together("S1", "S2") and not together("S1", "S3") and not together("S2", "S3")
    assert together("S4", "S5")


def test_one_works_named_from_two_hamlets_and_an_estate_written_short_and_in_full_join(app):
    load(add("H1", "观南村第十一村民小组的观南村饮水工程占用村民的田地，没有签协议", "北流市新丰镇观南村新屋屯", "13800000091"),
         add("H2", "观南村11队的观南村饮水工程征地补偿标准太低", "北流市新丰镇观南村11队", "13800000092", days=2),
         add("F1", "香山湾一号小区电梯经常坏，物业不修", "博白县东平路237号香山湾一号小区", "13800000093"),
         add("F2", "电梯又坏了，物业不修", "博白东平路237号香山湾8栋", "13800000094", days=1))
    grouping.recalculate(WINDOW)
    db.session.commit()
    assert together("H1", "H2") and together("F1", "F2")


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.postgresql)], indirect=True)
def test_no_statement_of_an_import_carries_a_parameter_per_row(app):
    """PostgreSQL's driver takes at most 65,535 parameters: a list of ids or keys goes as one array
    (bulk.among), so an import of any size never comes near it."""
    engine = db.engine
    largest = []

    def count(conn, cursor, statement, parameters, context, executemany):
        found = parameters[0] if executemany and parameters else parameters
        largest.append((len(found or ()), statement[:120]))

    # 100 problems called in three times each: 100 groups, each proposed as a case
    records = [add(f"P{index}", f"人民东路{100 * (index // 3) + 1}号的烧烤店夜里噪音很大，占道经营", f"玉州区人民东路{100 * (index // 3) + 1}号",
                   f"1380000{index:04d}", days=index % 3) for index in range(300)]
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        report = importer.import_records(records)
        assert report.ok
        result = importer.finish(report)
        assert result["proposed"] == 100, result
        rules.recalculate()
        db.session.commit()
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    assert max(largest)[0] < 60, max(largest)


def test_a_caller_who_does_not_know_the_name_joins_by_the_kind_of_premises_and_is_told_so(app, client):
    load(add("K1", "仁东镇仁东社区的南国石材厂机器噪音从早响到晚", "玉州区仁东镇仁东社区", "13800000101"),
         add("K2", "仁东镇仁东社区有人开的石材厂机器噪音很大，从早响到晚", "玉州区仁东镇仁东社区", "13800000102", days=2),
         add("K3", "仁东镇仁东社区有人开的烧烤店油烟很大", "玉州区仁东镇仁东社区", "13800000103", days=3))
    grouping.recalculate(WINDOW)
    db.session.commit()
    assert together("K1", "K2") and not together("K1", "K3")
    login(client)
    second = db.session.scalar(sa.select(Contact.id).filter_by(work_order="K2"))
    page = client.get(f"/admin/contacts/details/?id={second}").get_data(as_text=True)
    assert "同类场所：石材" in page and "同一地点：玉州区仁东镇仁东社区" in page


def test_a_community_the_gazetteer_lacks_is_known_once_callers_write_it_after_its_town(app, client):
    load(add("C1", "仁东镇仁东社区的顺达养猪场臭气熏天，苍蝇成群", "玉州区仁东镇仁东社区", "13800000111"),
         add("C2", "仁东镇仁东社区顺达养猪场猪粪乱堆，臭气熏天", "玉州区仁东镇仁东社区居委会", "13800000112", days=1),
         # called in from home, elsewhere: the text says where, and the caller's own village is not it
         add("C3", "我是城北社区的群众，位于仁东社区的那个养猪场猪粪乱堆，臭气熏天", "容县容州镇城北社区", "13800000113",
             days=3))
    grouping.recalculate(WINDOW)
    db.session.commit()
    assert together("C1", "C2", "C3")
    group = db.session.get(ProblemGroup, groups()["C3"])
    assert group.place.startswith("玉州区|仁东镇|仁东社区")
    login(client)
    third = db.session.scalar(sa.select(Contact.id).filter_by(work_order="C3"))
    page = client.get(f"/admin/contacts/details/?id={third}").get_data(as_text=True)
    assert "同一地点：玉州区仁东镇仁东社区" in page and "同一地点：容县" not in page


def test_a_villages_road_told_in_different_words_is_one_problem_and_its_water_another(app):
    load(add("R1", "通屯道路烂了三年，一直没人修，小孩上学很不方便", "玉州区茂林镇泉东社区", "13800000121"),
         add("R2", "茂林镇泉东社区的路被大车压坏了，摩托车经常摔跤", "玉州区茂林镇泉东社区", "13800000122", days=2),
         add("R3", "泉东社区的村道坑坑洼洼，下雨天无法通行", "玉州区茂林镇泉东社区居委会", "13800000123", days=5),
         add("R4", "泉东社区自来水水压很低，二楼都上不去", "玉州区茂林镇泉东社区", "13800000124", days=6))
    grouping.recalculate(WINDOW)
    db.session.commit()
    assert together("R1", "R2", "R3") and not together("R1", "R4")


def test_certificates_and_delivery_at_one_estate_are_two_problems(app):
    load(add("D1", "阳光东方苑的房产证问题，开发商说手续不全，业主无法办证", "新华路468号阳光东方苑小区4幢", "13800000131"),
         add("D2", "阳光东方苑合同约定去年底交房，至今没交房", "新华路468号阳光东方苑小区2幢", "13800000132", days=1),
         add("D3", "阳光东方苑业主办证难，已经3年了", "新华路468号阳光东方苑小区7幢", "13800000133", days=2))
    grouping.recalculate(WINDOW)
    db.session.commit()
    assert together("D1", "D3") and not together("D1", "D2")


def test_two_villagers_benefits_are_two_cases_and_one_callers_calls_are_one(app):
    load(add("B1", "低保的事情办了两个月还没办好，希望相关部门核实", "陆川县沙湖镇新街村", "13800000141"),
         add("B2", "我申请的低保办了三个月还没办好", "陆川县沙湖镇新街村", "13800000142", days=1),
         add("B3", "低保的事情还是没办好，再次反映", "陆川县沙湖镇新街村", "13800000141", days=9))
    grouping.recalculate(WINDOW)
    db.session.commit()
    assert together("B1", "B3") and not together("B1", "B2")


def test_two_phases_stay_apart_even_after_a_caller_names_the_development_without_its_phase(app):
    load(add("G1", "盛世玉东一期项目拖欠工人工资", "玉州区城站路28号江南华府", "13800000151"),
         add("G2", "盛世·玉东项目欠薪，工人19个", "玉州区城站路28号江南华府", "13800000152", days=1),
         add("G3", "盛世玉东二期项目拖欠工人工资", "玉州区城站路28号江南华府", "13800000153", days=2))
    grouping.recalculate(WINDOW)
    db.session.commit()
    assert together("G1", "G2") and not together("G1", "G3")


def test_a_busy_villages_problem_called_again_months_later_finds_its_group(app):
    records = [add("M1", "饮用水经常停水，一停就是好几天", "博白县沙陂镇八壁村委会", "13800000161")]
    # meanwhile, twenty other problems in the same village
    records += [add(f"O{index}", f"八壁村第{index}家养猪场{'噪音' if index % 2 else '臭味'}很大", "博白县沙陂镇八壁村",
                    f"1390000{index:04d}", days=10 + index) for index in range(20)]
    records.append(add("M2", "八壁村饮用水至今没通，村民还在吃井水", "博白县沙陂镇八壁村", "13800000162", days=150))
    load(*records)
    grouping.recalculate(WINDOW * 4)
    db.session.commit()
    assert together("M1", "M2")


def test_a_new_call_finds_its_group_however_many_calls_another_problem_there_had_since(app):
    records = [add("A1", "村里自来水停水好几天了，没有水喝", "博白县沙陂镇八壁村", "13800000171")]
    # since then, one pig farm in the same village, called about more often than a key's latest contacts are read
    records += [add(f"B{index}", "村口养猪场臭味很大，污水直排", "博白县沙陂镇八壁村", f"1390001{index:04d}",
                    days=1 + index // 2) for index in range(grouping.CONTACTS_PER_KEY + 12)]
    load(*records)
    grouping.recalculate(WINDOW)
    db.session.commit()
    assert together(*[f"B{index}" for index in range(grouping.CONTACTS_PER_KEY + 12)]) and not together("A1", "B0")
    report = load(add("A2", "八壁村停水问题还是没有解决，自来水没有水", "博白县沙陂镇八壁村", "13800000172", days=40))
    grouping.group_new(report.contact_ids, WINDOW)
    db.session.commit()
    assert together("A1", "A2")


def test_one_shops_name_in_two_counties_is_two_shops_and_its_neighbours_in_one_county_one(app):
    load(add("S1", "靓仔烧烤每天晚上经营到凌晨，客人喝酒划拳，噪音扰民", "玉州区人民西路154号", "13800000181"),
         add("S2", "楼下的靓仔烧烤噪音很大，吵到半夜", "玉州区东明路259号", "13800000182", days=2),
         add("S3", "镇上的靓仔烧烤店噪音扰民，客人喝酒划拳", "北流市民乐镇民乐沿江路188号", "13800000183", days=3))
    grouping.recalculate(WINDOW)
    db.session.commit()
    assert together("S1", "S2") and not together("S1", "S3")


HASH_SEED_PROBE = """
from datetime import datetime
from admin_site import grouping
from admin_site.places import Location
place = Location(county="容县", town="杨梅镇", village="大坡村")
kinds = frozenset({"石材", "养殖", "烧烤", "网吧", "汽修", "洗车"})
topics = frozenset({"noise", "pollution", "sewage", "garbage", "animals"})
def row(number):
    return grouping.Row(number, datetime(2026, 3, number), place, "v:容县|杨梅镇|大坡村", (), kinds, topics, None,
                        "村里的厂噪音很大，污水乱排，臭味很重", None, False)
group = grouping.Group(None)
group.add(row(1))
print(row(2).keys(), grouping.judge(row(2), group).kind)
"""


def test_the_grouping_reads_the_same_in_every_process_whatever_its_hash_seed():
    """Workers are separate processes, each with its own string hashing: nothing may follow the
    order of a set, or two regroups on unchanged data would disagree."""
    outputs = {subprocess.run([sys.executable, "-c", HASH_SEED_PROBE], cwd=ROOT, check=True, capture_output=True,
                              text=True, env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout
               for seed in range(1, 6)}
    assert len(outputs) == 1, outputs



def _row(number: int, place, content: str, things=(), kinds=frozenset(), topics=frozenset({"water"})):
    from admin_site.places import Location

    location = Location(**place)
    return grouping.Row(number, T0 + timedelta(days=number), location, (location.blocks or [None])[0], things,
                        kinds, topics, f"phone-{number}", content, None, False)


def _linker(rows) -> grouping.Linker:
    linker = grouping.Linker(timedelta(days=WINDOW))
    for row in rows:
        linker.add(row)
    linker.merge_parallel()
    return linker


def _linked(rows) -> list[set[int]]:
    return sorted({row.id for row in group.rows} for group in _linker(rows).groups)


def test_one_problem_begun_as_two_groups_from_callers_homes_becomes_one():
    """The first two callers give their own 屯, so each starts a group; each later caller gives only
    the village and joins one of them.  Most of each group would join the other: one problem."""
    village = {"county": "北流市", "town": "清湾镇", "village": "双龙村"}
    rows = [_row(1, {**village, "hamlet": "茶根屯"}, "双龙村自来水水压不够，热水器都点不着"),
            _row(2, {**village, "hamlet": "沙塘屯"}, "双龙村白天自来水很小，晚上才有水"),
            _row(3, village, "双龙村自来水水压不够，热水器点不着火"),
            _row(4, village, "双龙村白天自来水很小，晚上才来水")]
    assert _linked(rows) == [{1, 2, 3, 4}]
    assert _linked([*rows, _row(5, village, "双龙村停电好几天了", topics=frozenset({"power"}))]) == [{1, 2, 3, 4}, {5}]
    # The second caller's 屯 is not the first one's: its contact says its group was found to be this one.
    reasons = _linker(rows).reasons
    assert reasons[2] == "parallel=1" and "place=village" in reasons[4]


def test_a_contact_whose_group_was_joined_to_another_says_so(app):
    assert explain("parallel=1", "北流市|清湾镇|双龙村|沙塘屯") == "原所在分组与本组多数来电地点、事项相符，两组已并为同一问题"


def test_two_groups_naming_different_shops_stay_apart_however_alike_their_callers_write():
    road = {"county": "玉州区", "road": "广恒路"}
    bar = frozenset({"酒吧"})
    noise = frozenset({"noise"})
    rows = [_row(1, road, "老邓酒吧音响开得很大声，晚上十二点以后还在唱", ("老邓/酒吧",), bar, noise),
            _row(2, road, "红星酒吧音响开得很大声，半夜还在唱", ("红星/酒吧",), bar, noise),
            _row(3, road, "广恒路的酒吧音响开得很大声，晚上十二点以后还在唱", (), bar, noise),
            _row(4, road, "广恒路的酒吧音响开得很大声，半夜还在唱", (), bar, noise)]
    found = _linked(rows)
    assert not any({1, 2} <= group for group in found)


def test_one_caller_naming_one_school_from_two_villages_is_one_problem_and_two_callers_two():
    """Both complaints say where, and the places differ: a caller who names the same school again is
    still speaking of it (from home, then from the school's village); another caller at another
    village naming a school of that name is another problem."""
    town = {"county": "北流市", "town": "新丰镇"}
    school, topics = ("新丰/学校",), frozenset({"education"})
    rows = [_row(1, {**town, "village": "石碗嘴村", "said": True}, "新丰初级中学食堂饭菜卫生差", school,
                 frozenset({"学校"}), topics),
            _row(2, {**town, "village": "新丰村", "said": True}, "新丰初级中学乱收资料费", school,
                 frozenset({"学校"}), topics),
            _row(3, {**town, "village": "观南村", "said": True}, "新丰初级中学乱收资料费", school,
                 frozenset({"学校"}), topics)]
    rows[1].phone = rows[0].phone
    assert _linked(rows) == [{1, 2}, {3}]


def test_one_factorys_unpaid_wages_and_its_sewage_are_two_problems_and_its_wages_one():
    village = {"county": "博白县", "town": "沙陂镇", "village": "良村", "said": True}
    factory, kinds = ("万通服装/厂",), frozenset({"厂"})
    wages, sewage = frozenset({"wages"}), frozenset({"sewage"})
    rows = [_row(1, village, "万通服装厂拖欠工人工资，负责人避而不见", factory, kinds, wages),
            _row(2, village, "万通服装厂欠我们十几个工人的工资，老板不见人", factory, kinds, wages),
            _row(3, village, "万通服装厂污水排进水渠，水都变色了", factory, kinds, sewage)]
    assert _linked(rows) == [{1, 2}, {3}]


def test_a_groups_reason_gives_what_most_contacts_share_though_one_calls_from_home(app):
    load(add("Y1", "盛世江南A区工地拖欠8名工人工资", "北流市塘岸镇独竹村12组", "13800000041"),
         add("Y2", "盛世江南A区工程欠薪，工人9个", "北流市塘岸镇独竹村十二组", "13800000042", days=4),
         add("Y3", "在盛世江南A区工地做工，老板拖欠工资", "容县容州镇城东路5号", "13800000043", days=6))
    grouping.recalculate(WINDOW)
    db.session.commit()
    assert together("Y1", "Y2", "Y3")
    group = db.session.get(ProblemGroup, groups()["Y1"])
    assert explain(group.reason, group.place).startswith("同一地点：北流市塘岸镇独竹村12组；同一对象：盛世江南A区工程；同类诉求")


def test_a_group_is_found_by_its_place_links_its_case_and_hides_a_home_from_masked_accounts(app, client):
    load(*[add(f"G{i}", "小区停水三天了", "北流市塘岸镇独竹村12组碧水花园", f"1380000005{i}", days=i) for i in range(3)])
    grouping.recalculate(WINDOW)
    rules.apply()
    db.session.commit()
    group_id = groups()["G0"]
    case = db.session.scalar(sa.select(Case).filter_by(problem_group_id=group_id))
    login(client)
    assert f"details/?id={group_id}&" in client.get("/admin/groups/?search=碧水花园").get_data(as_text=True)
    assert f"details/?id={group_id}&" in client.get("/admin/groups/?search=12组").get_data(as_text=True)
    details = client.get(f"/admin/groups/details/?id={group_id}").get_data(as_text=True)
    assert f'href="/admin/cases/details/?id={case.id}"' in details and case.number in details
    create_user("leader1", Role.leader, PASSWORD)
    db.session.commit()
    leader = app.test_client()
    login(leader, "leader1")
    assert f"details/?id={group_id}&" in leader.get("/admin/groups/?search=碧水花园").get_data(as_text=True)
    assert f"details/?id={group_id}&" not in leader.get("/admin/groups/?search=12组").get_data(as_text=True)


SHUANGLONG = "北流市清湾镇双龙村"
WATER_CALLS = [("茶根屯", "双龙村自来水水压不够，热水器都点不着"), ("沙塘屯", "双龙村白天自来水很小，晚上才有水"),
               ("", "双龙村自来水水压不够，热水器点不着火"), ("", "双龙村白天自来水很小，晚上才来水")]


def _arrive_day_by_day(calls, units=(), first=0):
    """Each call imported on its own day and grouped as it comes, as the daily import does; the
    first ones sent to ``units`` (to two units: a 交叉投诉, proposed at once)."""
    for day, (hamlet, content) in enumerate(calls[first:], start=first):
        record = add(f"W{day}", content, SHUANGLONG + hamlet, f"1380000{day:04d}", days=day)
        report = load({**record, "units": units[day]} if day < len(units) else record)
        rules.absorb(report.contact_ids)
        db.session.commit()


def test_one_problem_begun_as_two_groups_becomes_one_as_its_calls_arrive_day_by_day(app):
    """The first two callers give their own 屯 and start a group each; each later caller gives the
    village and joins one of them.  The day the second group is seen to be the first's problem,
    the two are joined then, not only at the nightly regroup, and say why."""
    _arrive_day_by_day(WATER_CALLS)
    assert together("W0", "W1", "W2", "W3")
    reasons = dict(db.session.execute(sa.select(Contact.work_order, ContactGroup.reason)
                                      .join(ContactGroup, ContactGroup.contact_id == Contact.id)).all())
    assert grouping.PARALLEL in {reasons["W0"], reasons["W1"]}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ProblemGroup)) == 1
    # the nightly regroup finds nothing left to change
    assert grouping.recalculate(WINDOW)["moved"] == 0


def test_a_settled_group_found_to_be_another_takes_its_members_not_loaded_along(app, monkeypatch):
    """New calls see a settled group through its first and latest members only; when that group is
    joined to another, the members not looked at follow it there too."""
    monkeypatch.setattr(grouping, "MEMBERS_LOADED", 1)
    calls = [WATER_CALLS[0], WATER_CALLS[2], WATER_CALLS[2], WATER_CALLS[2],  # 茶根屯, then the village
             WATER_CALLS[1], WATER_CALLS[3]]  # 沙塘屯, then the village: the second group
    _arrive_day_by_day(calls)
    assert together("W0", "W1", "W2", "W3", "W4", "W5")
    reasons = dict(db.session.execute(sa.select(Contact.work_order, ContactGroup.reason)
                                      .join(ContactGroup, ContactGroup.contact_id == Contact.id)).all())
    assert grouping.PARALLEL in {reasons["W1"], reasons["W2"]}  # a member not loaded, moved by the fold
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ProblemGroup)) == 1


TWO_UNITS = "市住房和城乡建设局、北流市人民政府"


def test_two_proposals_for_one_problem_fold_into_one_case_when_their_groups_are_joined(app):
    """Each group had its proposal (a call sent to two units) before the two were seen to be one
    problem: one case is left, holding every contact."""
    _arrive_day_by_day(WATER_CALLS[:2], units=[TWO_UNITS, TWO_UNITS])
    assert len(db.session.scalars(sa.select(Case)).all()) == 2 and not together("W0", "W1")
    _arrive_day_by_day(WATER_CALLS, first=2)
    assert together("W0", "W1", "W2", "W3")
    cases = db.session.scalars(sa.select(Case)).all()
    assert len(cases) == 1
    assert set(db.session.scalars(sa.select(Contact.case_id))) == {cases[0].id}
    # the case's timeline says which proposal folded into it, done by the system
    [event] = cases[0].events
    assert event.action == CaseAction.fold and event.username is None and "条诉求已并入本事项" in event.reason


def test_a_contact_split_off_that_meets_a_rule_alone_is_proposed_and_the_page_says_so(app, office):
    _arrive_day_by_day(WATER_CALLS, units=[TWO_UNITS, TWO_UNITS])
    contact = db.session.execute(sa.select(Contact).filter_by(work_order="W1")).scalar_one()
    token = csrf_from(office.get("/admin/contacts/").get_data(as_text=True))
    page = office.post("/admin/contacts/action/", data={"csrf_token": token, "action": "split", "rowid": [contact.id]},
                       follow_redirects=True).get_data(as_text=True)
    db.session.expire_all()
    split = db.session.get(Contact, contact.id)
    proposal = db.session.scalar(sa.select(Case).where(Case.problem_group_id == split.group_id))
    assert proposal is not None  # sent to two units: a 交叉投诉 of its own
    assert f"问题分组 #{split.group_id} 单独即符合提出条件，已为其提出协调事项 {proposal.number}。" in page


def test_the_nightly_parts_leave_the_folding_of_proposals_to_the_rules_that_follow_them(app):
    """The county parts run side by side and write memberships only; the rules after them fold
    the proposals of groups the parts found to be one problem."""
    _arrive_day_by_day(WATER_CALLS[:2], units=[TWO_UNITS, TWO_UNITS])
    load(*[add(f"W{day}", content, SHUANGLONG + hamlet, f"1380000{day:04d}", days=day)
           for day, (hamlet, content) in enumerate(WATER_CALLS[2:], start=2)])  # not grouped yet
    for region in grouping.parts():
        rules.regroup_part(region)
    assert together("W0", "W1", "W2", "W3") and len(db.session.scalars(sa.select(Case)).all()) == 2
    assert rules.apply_all()["folded"] == 1
    db.session.commit()
    [case] = db.session.scalars(sa.select(Case)).all()
    assert set(db.session.scalars(sa.select(Contact.case_id))) == {case.id}


def test_a_proposal_whose_first_contact_was_split_off_takes_its_title_from_one_it_still_holds(app, office):
    _arrive_day_by_day(WATER_CALLS, units=[TWO_UNITS, TWO_UNITS])
    [case] = db.session.scalars(sa.select(Case)).all()
    first = next(contact for contact in case.contacts if contact.content[:10] in case.title)  # titled it
    token = csrf_from(office.get("/admin/contacts/").get_data(as_text=True))
    office.post("/admin/contacts/action/", data={"csrf_token": token, "action": "split", "rowid": [first.id]})
    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert first.content[:10] not in case.title
    assert any(contact.content[:10] in case.title for contact in case.contacts)


@pytest.mark.parametrize("which", [0, 1])
def test_a_case_someone_took_up_takes_in_the_proposal_when_its_group_is_joined(app, which):
    """Whichever of the two was taken up stays as it was, becomes the group's case, and the
    untouched proposal folds into it, whichever group the joining kept."""
    _arrive_day_by_day(WATER_CALLS[:2], units=[TWO_UNITS, TWO_UNITS])
    taken = db.session.scalars(sa.select(Case).order_by(Case.id)).all()[which]
    taken.status = CaseStatus.accepted
    db.session.commit()
    _arrive_day_by_day(WATER_CALLS, first=2)
    assert together("W0", "W1", "W2", "W3")
    db.session.expire_all()
    [case] = db.session.scalars(sa.select(Case)).all()
    assert case.id == taken.id and case.status == CaseStatus.accepted and case.problem_group_id == groups()["W0"]
    assert set(db.session.scalars(sa.select(Contact.case_id))) == {taken.id}
    assert [event.action for event in case.events] == [CaseAction.fold]


def test_every_run_of_the_rules_after_grouping_returns_counts_only(app):
    """What the jobs keep in Redis as their result: counts, never the ids of every group touched."""
    _arrive_day_by_day(WATER_CALLS[:2], units=[TWO_UNITS, TWO_UNITS])
    load(add("X1", "双龙村自来水又停了", SHUANGLONG, "13900000001", days=9))  # left ungrouped for refresh
    results = [rules.refresh(), rules.recalculate(), rules.regroup_part("北流市"), rules.apply_all()]
    for result in results:
        assert all(isinstance(value, int) or isinstance(value, dict) for value in result.values()), result
    assert results[0]["ungrouped"] == 1 and "folded" in results[0] and "folded" in results[1]
