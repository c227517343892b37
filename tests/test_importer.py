"""Importing the 12345 platform's export: the happy path and every kind of bad input, on both databases."""

from __future__ import annotations

import io
import os
import signal

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from admin_site import importer
from admin_site.models import AuditLog, Contact, ContactGroup, Unit, db

HEADER = "工单编号,来源渠道,受理时间,诉求人,联系电话,诉求地址,诉求内容,承办单位,退回单位,办理结果,满意度"
GOOD = [
    "GD001,电话,2026-03-01 09:30,张三,138 1234 1234,玉林市玉州区人民东路8号金港花园3栋,工地夜间施工噪音扰民,"
    "市住房和城乡建设局,,已转办,未回访",
    "GD002,微信,2026/03/02 22:10:05,李四,+86 13912345678,玉州区金港花园5栋,金港花园旁工地晚上太吵,"
    "市住房和城乡建设局；市城市管理监督局,市城市管理监督局,,不满意",
    "GD003,手机APP,2026-03-03 10:00,王五,0775-2821234,,=HYPERLINK(\"http://x\") 小区停水,市住建局,,,满意",
]


def csv_bytes(*lines, encoding="utf-8-sig") -> bytes:
    return ("\n".join((HEADER, *lines)) + "\n").encode(encoding)


def run(data: bytes, filename="工单.csv", **options):
    report = importer.import_file(data, filename, **options)
    if report.ok:
        db.session.commit()
    else:
        db.session.rollback()
    return report


def count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Contact))


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_happy_path_in_every_encoding(app, encoding):
    report = run(csv_bytes(*GOOD, encoding=encoding))
    assert report.ok and (report.rows, report.created, report.updated) == (3, 3, 0)
    first, second, third = db.session.scalars(sa.select(Contact).order_by(Contact.work_order)).all()
    assert first.channel.value == "phone" and first.received_at.isoformat() == "2026-03-01T09:30:00"
    assert [unit.name for unit in second.transfer_units] == ["市住房和城乡建设局", "市城市管理监督局"] or \
        sorted(unit.name for unit in second.transfer_units) == ["市城市管理监督局", "市住房和城乡建设局"]
    assert [unit.name for unit in second.returned_by] == ["市城市管理监督局"]
    assert second.satisfaction.value == "dissatisfied" and third.channel.value == "app"
    assert third.transfer_units[0].name == "市住房和城乡建设局"  # found by its short name 市住建局
    assert third.content.startswith("=HYPERLINK")  # stored as the citizen wrote it; exports neutralise it
    assert first.phone_hash and first.phone_hash == importer.normalize.phone_hash("13812341234",
                                                                                    app.config["PHONE_HASH_KEY"].encode())
    assert first.place_key == second.place_key == "e:金港花园"
    assert (first.topic, third.topic) == ("noise", "water")
    entry = db.session.scalars(sa.select(AuditLog).where(AuditLog.model == "Contact").order_by(AuditLog.id.desc())).first()
    assert "新增 3 条" in entry.detail


def test_reimport_updates_instead_of_duplicating(app):
    run(csv_bytes(*GOOD))
    changed = GOOD[0].replace("未回访", "满意")
    report = run(csv_bytes(changed, GOOD[1]))
    assert (report.created, report.updated) == (0, 2) and count() == 3
    assert db.session.execute(sa.select(Contact).filter_by(work_order="GD001")).scalar_one().satisfaction.value == \
        "satisfied"


def test_text_pasted_from_other_programs_is_stored_clean(app):
    """Control characters from the platform's export never reach the database (a Word paper or a
    workbook could not carry them), and line ends are one kind."""
    run(csv_bytes('GD009,电话,2026-03-01 09:30,张三,13812341234,金港花园,"工地\x0b夜间\r\n施工噪音",,,,未回访'))
    stored = db.session.execute(sa.select(Contact).filter_by(work_order="GD009")).scalar_one()
    assert stored.content == "工地夜间\n施工噪音"


def test_xlsx(app):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    from datetime import datetime

    sheet.append(["GD100", "网站", datetime(2026, 4, 1, 8, 0), "赵六", 13800000000, "福绵区新华路12号", "路灯不亮",
                  "市城市管理监督局", None, None, "基本满意"])
    buffer = io.BytesIO()
    book.save(buffer)
    report = run(buffer.getvalue(), "工单.xlsx")
    assert report.ok and count() == 1
    contact = db.session.execute(sa.select(Contact)).scalar_one()
    assert contact.phone == "13800000000" and contact.place_key == "r:新华路" and contact.place == "福绵区||||新华路|12"


def _errors(report) -> list[str]:
    return [str(problem) for problem in report.errors]


@pytest.mark.parametrize(("lines", "expected"), [
    ([GOOD[0].replace("2026-03-01 09:30", "三月一日")], "第 2 行，受理时间：“三月一日”不是有效时间"),
    ([GOOD[0], GOOD[0]], "第 3 行，工单编号：工单编号 GD001 与第 2 行重复"),
    ([GOOD[0].replace("市住房和城乡建设局", "市住房城乡建设局")], "是否指：市住房和城乡建设局"),
    ([GOOD[0].replace("未回访", "还行")], "第 2 行，满意度：“还行”不是"),
    ([GOOD[0].replace("工地夜间施工噪音扰民", "")], "第 2 行，诉求内容：不能为空"),
    ([GOOD[0].replace("工地夜间施工噪音扰民", "长" * 20001)], "第 2 行，诉求内容：内容过长（20001 个字符"),
])
def test_bad_rows_are_reported_and_nothing_is_stored(app, lines, expected):
    report = run(csv_bytes(*lines, *GOOD[1:]))
    assert not report.ok and any(expected in error for error in _errors(report)), _errors(report)
    assert count() == 0


def test_every_bad_row_and_column_is_named(app):
    bad = [GOOD[0].replace("电话", "").replace("2026-03-01 09:30", "x"), GOOD[1].replace("不满意", "?")]
    report = run(csv_bytes(*bad))
    assert sorted((problem.row, problem.column) for problem in report.errors) == \
        [(2, "受理时间"), (2, "来源渠道"), (3, "满意度")]


def test_a_ten_megabyte_cell_is_refused(app):
    report = run(csv_bytes(GOOD[0].replace("工地夜间施工噪音扰民", "噪" * 10_000_000)))
    assert not report.ok and "内容过长" in _errors(report)[0] and count() == 0


def test_unknown_channel_is_stored_as_other_with_a_note(app):
    report = run(csv_bytes(GOOD[0].replace(",电话,", ",信访转来,")))
    assert report.ok and "不是已知渠道" in str(report.warnings[0])
    assert db.session.execute(sa.select(Contact)).scalar_one().channel.value == "other"


def test_unknown_units_can_be_added_on_request(app):
    line = GOOD[0].replace("市住房和城乡建设局", "玉州区城北街道办事处")
    assert not run(csv_bytes(line)).ok
    report = run(csv_bytes(line), add_units=True)
    assert report.ok and report.added_units == ["玉州区城北街道办事处"]
    assert db.session.execute(sa.select(Unit).filter_by(name="玉州区城北街道办事处")).scalar_one().kind.value == "other"


@pytest.mark.parametrize(("data", "filename", "message"), [
    (b"", "a.csv", "文件为空"),
    ("工单编号,来源渠道,诉求内容\nGD1,电话,内容\n".encode(), "a.csv", "缺少必填列：受理时间"),
    (("\n".join((HEADER, GOOD[0])) + "\n").encode("utf-16"), "a.csv", "无法识别文件编码"),
    (b"PK\x03\x04 not really", "a.xlsx", "不是可读取的 Excel"),
])
def test_bad_files(app, data, filename, message):
    with pytest.raises(importer.BadFile, match=message):
        importer.import_file(data, filename)
    assert count() == 0


def test_cli_import_prints_counts_and_refuses_bad_files(app, tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes(*GOOD))
    result = app.test_cli_runner().invoke(args=["import-contacts", str(good)])
    assert result.exit_code == 0 and "共 3 行：新增 3 条，更新 0 条" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(GOOD[0].replace("未回访", "还行").replace("GD001", "GD009")))
    result = app.test_cli_runner().invoke(args=["import-contacts", str(bad)])
    assert result.exit_code != 0 and "未导入任何数据" in result.output and count() == 3


def test_an_import_whose_grouping_fails_leaves_nothing_behind(app, monkeypatch):
    from admin_site import grouping

    def broken(*args, **kwargs):
        raise RuntimeError("grouping failed")

    monkeypatch.setattr(grouping, "group_new", broken)
    report = importer.import_file((HEADER + "\nW1,电话,2026-03-01 09:30,,,,小区停水,,,,\n").encode(),
                                  "a.csv")
    assert report.ok
    with pytest.raises(RuntimeError):
        importer.finish(report)
    assert count() == 0 and db.session.scalar(sa.select(sa.func.count()).select_from(ContactGroup)) == 0


def reltuples(table: str) -> int:
    """The rows the planner believes a table holds, as its last ANALYZE counted them."""
    if db.session.get_bind().dialect.name == "postgresql":
        return int(db.session.scalar(sa.text("SELECT reltuples FROM pg_class WHERE relname = :name"), {"name": table}))
    stat = db.session.scalar(sa.text("SELECT stat FROM sqlite_stat1 WHERE tbl = :name LIMIT 1"), {"name": table})
    return int(stat.split()[0]) if stat else -1


def test_a_large_import_leaves_the_planner_statistics_of_what_it_filled(app, monkeypatch):
    from admin_site import rules

    monkeypatch.setattr(rules, "MANY_CONTACTS", 5)  # a large import, for the test
    rows = "".join(f"\nS{index},电话,2026-03-0{1 + index % 7} 09:30,,1380000{index:04d},玉州区人民东路{index}号,"
                   f"小区停水第{index}天,,,," for index in range(7))
    report = importer.import_file((HEADER + rows).encode(), "a.csv")
    assert report.ok
    importer.finish(report)
    assert reltuples("contacts") == reltuples("contact_groups") == 7
    assert reltuples("problem_groups") == db.session.scalar(sa.select(sa.func.count(ContactGroup.group_id.distinct())))


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.postgresql)], indirect=True, scope="session")
def test_a_large_import_leaves_statistics_that_know_its_contacts_are_in_cases(app, monkeypatch):
    """The rules put contacts into the cases they propose; a planner told that no contact is in a
    case reads every case's contacts to find a few groups' on the next import.  (PostgreSQL keeps
    the share of NULLs; SQLite's statistics do not.)"""
    from admin_site import rules

    monkeypatch.setattr(rules, "MANY_CONTACTS", 5)
    rows = "".join(f"\nR{index},电话,2026-03-0{1 + index} 10:00,,1390000{index:04d},玉州区人民东路85号金港花园,"
                   f"金港花园小区停水{index + 1}天了，请尽快恢复供水,,,," for index in range(6))
    report = importer.import_file((HEADER + rows).encode(), "b.csv")
    assert report.ok
    assert importer.finish(report)["proposed"] == 1
    null_frac = db.session.scalar(sa.text("SELECT null_frac FROM pg_stats WHERE tablename = 'contacts' "
                                          "AND attname = 'case_id'"))
    assert null_frac == 0.0  # all six are in the proposed case


def test_cli_recalc_reads_keys_again_and_regroups_in_this_process(app, tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes(*GOOD))
    assert app.test_cli_runner().invoke(args=["import-contacts", str(good)]).exit_code == 0
    keys = db.session.execute(sa.select(Contact.place_key, Contact.place, Contact.topic).order_by(Contact.id)).all()
    db.session.execute(sa.update(Contact).values(place_key="estate:old form", place=None, topic=None))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["recalc", "--rekey"])
    assert result.exit_code == 0, result.output
    assert "已重新读取 3 条诉求的匹配要素" in result.output and "个问题分组" in result.output
    db.session.expire_all()
    assert db.session.execute(sa.select(Contact.place_key, Contact.place, Contact.topic).order_by(Contact.id)).all() \
        == keys
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ContactGroup)) == 3


def test_a_large_import_reads_its_keys_in_several_processes_and_gets_what_one_process_gets(app, monkeypatch):
    from admin_site import normalize, places

    texts = [(f"138000{index:05d}", f"玉州区人民东路{index}号", f"人民东路{index}号的烧烤店夜里噪音很大")
             for index in range(30)] + [(None, None, "容县杨梅镇大坡村的石材厂粉尘太大"), ("", "", "停水")]
    hash_key, gazetteer = b"key", places.gazetteer()
    one = [normalize.matching_keys(*text, hash_key, gazetteer) for text in texts]
    monkeypatch.setattr(normalize, "PARALLEL_ROWS", 10)
    monkeypatch.setattr(normalize.os, "cpu_count", lambda: 3)
    read = normalize.matching_keys
    monkeypatch.setattr(normalize, "matching_keys", lambda *args: {**read(*args), "pid": os.getpid()})
    done = []
    found = normalize.matching_keys_of(texts, hash_key, gazetteer, done.append)
    readers = {keys.pop("pid") for keys in found}
    assert found == one and sum(done) == len(texts)
    assert len(readers) > 1 and os.getpid() not in readers
    # a process that handles SIGTERM itself (a worker, a server) still gets its processes back
    previous = signal.signal(signal.SIGTERM, lambda *args: None)
    try:
        for _ in range(5):
            assert [{key: value for key, value in keys.items() if key != "pid"}
                    for keys in normalize.matching_keys_of(texts, hash_key, gazetteer)] == one
    finally:
        signal.signal(signal.SIGTERM, previous)
