"""The roster in the database is annex 1 of the notice, and seeding again changes nothing."""

import re

from admin_site.models import GroupRole, Member, Unit, UnitKind, db
from admin_site.seed import load_roster, read_roster

# Annex 1 exactly as printed in 玉政办函〔2022〕87号 (names padded with a space for alignment).
ANNEX_1 = """
组 长：王 巍 副市长
副组长：刘 峰 市政府副秘书长
         蒋祥宋 市大数据发展和政务服务局局长
成 员：陈东莹 市委编办副主任
      梁 凭 市信访局副局长
      周艳阳 市督查绩效办督查专员
      李旭中 市发展改革委副主任
      廖国兴 市优化营商环境工作领导小组办公室副主任
      陈弘斌 市工业和信息化局副局长
      李永志 市公安局副局长
      邱 靖 市司法局副局长
      吕 强 市自然资源局副局长
      梁恺华 市生态环境局综合行政执法支队支队长
      李剑锋 市住房和城乡建设局副局长
      杨少云 市交通运输局副局长
      吴洪强 市农业农村局副局长
      徐云源 市商务局副局长
      韦世汉 市文化广电体育和旅游局副局长
       刘丽珍 市卫生健康委员会副主任
       许俊才 市应急管理局副局长
       黄 健 市国有资产监督管理委员会副主任
       宁 政 市市场监督管理局四级调研员
       林 鹭 市城市管理监督局总工程师
       万 宇 市乡村振兴局副局长
       李 梅 市大数据发展和政务服务局副局长
       刘城亮 市园林服务中心副主任
       郭 兵 玉林公路发展中心副主任
       杨天来 高速公路发展中心玉林分中心副主任
"""
COUNTIES = ["玉州区", "福绵区", "北流市", "容县", "陆川县", "博白县", "兴业县"]


def annex_entries():
    """(role, name, printed title) per line; a one-character gap in a name is alignment only."""
    role = None
    for line in ANNEX_1.strip().splitlines():
        line = line.strip()
        if "：" in line:
            label, line = line.split("：", 1)
            role = {"组长": GroupRole.leader, "副组长": GroupRole.deputy, "成员": GroupRole.member}[label.replace(" ", "")]
        match = re.fullmatch(r"(\S)\s(\S)\s(\S+)|(\S{3})\s(\S+)", line)
        name, title = (match[1] + match[2], match[3]) if match[1] else (match[4], match[5])
        yield role, name, title


def printed_title(member: Member) -> str:
    """How the notice prints a member: unit (or its short form) followed by position."""
    unit = member.unit.short_name if member.unit.name == "市人民政府" else member.unit.name
    return member.position if member.group_role == GroupRole.leader else unit + member.position


def test_roster_is_annex_1(app):
    members = db.session.scalars(db.select(Member).order_by(Member.sort_order)).all()
    expected = list(annex_entries())
    assert len(expected) == 28
    assert [(m.group_role, m.name, printed_title(m)) for m in members] == expected
    assert [m.group_role for m in members].count(GroupRole.member) == 25
    assert all(m.phone is None and m.email is None for m in members)


def test_the_seven_county_level_governments_are_units(app):
    counties = db.session.scalars(db.select(Unit).where(Unit.kind == UnitKind.county).order_by(Unit.sort_order))
    assert [unit.short_name for unit in counties] == COUNTIES
    for unit in db.session.scalars(db.select(Unit).where(Unit.kind == UnitKind.county)):
        assert unit.members == []


def test_seeding_again_changes_nothing_and_keeps_typed_in_details(app):
    member = db.session.execute(db.select(Member).filter_by(name="李剑锋")).scalar_one()
    member.phone = "13900000001"
    db.session.commit()
    before = db.session.scalar(db.select(db.func.count()).select_from(Member))
    assert load_roster(read_roster(app.config["SEED_FILE"])) == []
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count()).select_from(Member)) == before
    assert db.session.get(Member, member.id).phone == "13900000001"


def test_seed_repairs_a_changed_position_and_says_so(app):
    member = db.session.execute(db.select(Member).filter_by(name="宁政")).scalar_one()
    member.position = "调研员"
    db.session.commit()
    changes = load_roster(read_roster(app.config["SEED_FILE"]))
    db.session.commit()
    assert [(c.action, c.name, c.fields) for c in changes] == [("changed", "宁政（市市场监督管理局）", ("position",))]
    assert db.session.get(Member, member.id).position == "四级调研员"


def test_seed_command_reports_in_chinese(app):
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 0
    # The roster is loaded already; the message templates are added once, in Chinese.
    lines = result.output.strip().splitlines()
    assert lines[:2] == ["已添加消息模板：督办单下发", "已添加消息模板：距办结时限3个工作日"]
    assert len(lines) == 9 and lines[-1] == "名单导入完成：共 0 处变更。"
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.output.strip() == "名单导入完成：共 0 处变更。"
    db.session.execute(db.delete(Member).where(Member.name == "郭兵"))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["seed"])
    assert "新增成员：郭兵（玉林公路发展中心）" in result.output
