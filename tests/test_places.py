"""Reading the place of a problem out of Yulin addresses and complaints, against the gazetteer."""

from __future__ import annotations

import pytest

from admin_site import places, things
from admin_site.models import Place, PlaceLevel, db


@pytest.fixture
def gazetteer(app):
    places.forget()
    return places.gazetteer()


def read(text, gazetteer):
    return places.read(text, gazetteer)


@pytest.mark.parametrize(("text", "county", "town", "village", "hamlet"), [
    ("广西玉林市容县自良镇大里村石头屯", "容县", "自良镇", "大里村", "石头屯"),
    ("玉林市北流塘岸镇独竹村第12村民小组", "北流市", "塘岸镇", "独竹村", "12组"),
    ("塘岸镇独竹村十二组", "北流市", "塘岸镇", "独竹村", "12组"),
    ("北流市塘岸独竹村12队", "北流市", "塘岸镇", "独竹村", "12组"),
    ("北流塘岸镇独竹村民委员会", "北流市", "塘岸镇", "独竹村", ""),
    ("博白县 亚山镇", "博白县", "亚山镇", "", ""),
])
def test_county_town_village_and_hamlet(gazetteer, text, county, town, village, hamlet):
    found = read(text, gazetteer)
    assert (found.county, found.town, found.village, found.hamlet) == (county, town, village, hamlet)


def test_a_subdistrict_is_not_a_road(gazetteer):
    found = read("玉林市玉州区名山街道办事处旁边", gazetteer)
    assert (found.county, found.town, found.road) == ("玉州区", "名山街道", "")


def test_a_town_two_counties_have_is_read_by_its_county(gazetteer):
    assert read("北流市城北街道", gazetteer).county == "北流市"
    assert read("玉州区城北街道", gazetteer).county == "玉州区"
    alone = read("城北街道", gazetteer)
    assert alone.town == "城北街道" and alone.county == "" and alone.ambiguous


def test_a_village_two_towns_have_is_read_by_its_town(gazetteer):
    # 大里村 is in 北流市大里镇 and in 容县自良镇.
    assert read("容县自良镇大里村", gazetteer).town == "自良镇"
    assert read("北流市大里镇大里村", gazetteer).town == "大里镇"
    alone = read("大里村", gazetteer)
    assert alone.village == "大里村" and alone.town == "" and alone.ambiguous
    assert alone.block != read("容县自良镇大里村", gazetteer).block


def test_a_community_the_gazetteer_lacks_is_read_after_its_town(gazetteer):
    found = read("玉州区仁东镇仁东社区居委会岭脚屯", gazetteer)
    assert (found.county, found.town, found.village, found.hamlet) == ("玉州区", "仁东镇", "仁东社区", "岭脚屯")
    assert read("北流市白马镇我们村", gazetteer).village == ""  # not a name


def test_a_subdistrict_office_is_not_part_of_the_road(gazetteer):
    found = read("玉林市北流市城南街道办北流大道361-5号", gazetteer)
    assert (found.town, found.road, found.number) == ("城南街道", "北流大道", "361")


@pytest.mark.parametrize(("text", "spot"), [("玉州五彩田园后面的老刘烧烤", "五彩田园"), ("广西玉林市玉州区五彩田园旁", "五彩田园"),
                                          ("北流市人民医院斜对面", "北流市人民医院"),  # each county has one
                                          ("玉林火车站旁边", ""), ("我家附近一家夜宵店", ""),
                                          ("小区门口堆满垃圾", ""), ("北流北流火车站门口", "北流市火车站"),
                                          # a moment or a deed is no spot
                                          ("放学时门口堵得水泄不通", ""), ("其家楼下附近的烤鱼店", ""),
                                          ("污水直接排入旁边的溪", ""), ("村口的公交站旁污水冒出来", "")])
def test_a_landmark_is_the_place_where_nothing_more_exact_is_said(gazetteer, text, spot):
    assert read(text, gazetteer).estate == spot


def test_traditional_and_full_width_writing_is_read_as_simplified(gazetteer):
    found = read("玉州區人民東路８５號紫荊雅苑", gazetteer)
    assert (found.county, found.road, found.number, found.estate) == ("玉州区", "人民东路", "85", "紫荆雅苑")
    assert things.things("萬達新城二期項目晚上施工") == ["万达新城二期/工程"]


def test_an_estate_is_read_to_its_last_ending(gazetteer):
    assert read("购买龙湾君悦嘉园的房子", gazetteer).estate == "龙湾君悦嘉园"  # not 龙湾
    assert read("香山湾一号小区", gazetteer).estate == "香山湾一号"


def test_a_works_or_a_road_is_no_part_of_an_estates_name(gazetteer):
    assert read("万达新城二期项目夜里施工太吵", gazetteer).estate == ""
    assert read("在福康路上城嘉园，莫记酒吧", gazetteer).estate == "上城嘉园"


def test_the_place_remembers_whether_the_complaint_says_it(gazetteer):
    said = places.locate("玉州区名山街道二泉村", "人民东路90号碧水华庭小区的老友记夜宵店吵", gazetteer)
    assert said.said and said.road == "人民东路" and places.Location.parse(said.stored) == said
    home = places.locate("玉州区人民东路90号碧水华庭小区", "老友记夜宵店每晚吵到两三点", gazetteer)
    assert not home.said and home.estate == "碧水华庭"
    downstairs = places.locate("玉州区人民东路90号碧水华庭小区", "我家楼下的老友记夜宵店每晚吵到两三点", gazetteer)
    assert downstairs.said and downstairs.estate == "碧水华庭"  # the caller's home is the place


def test_the_hamlet_follows_the_first_time_the_village_is_written(gazetteer):
    found = read("北流市新丰镇观南村第十一村民小组附近的观南村饮水项目占用田地", gazetteer)
    assert (found.village, found.hamlet) == ("观南村", "11组")


def test_a_resettlement_works_is_not_an_estate(gazetteer):
    assert read("在东平路广场安置区干活", gazetteer).estate == ""


def test_a_name_both_a_county_and_a_town_have_is_the_county_unless_written_in_full(gazetteer):
    found = read("北流北流大道361-5号", gazetteer)
    assert (found.county, found.town, found.road) == ("北流市", "", "北流大道")
    assert read("北流市北流镇", gazetteer).town == "北流镇"
    assert read("我们这里北流大道安置区", gazetteer).road == "北流大道"


def test_a_short_village_name_counts_only_beside_its_town(gazetteer):
    assert read("北流塘岸独竹", gazetteer).village == "独竹村"
    assert read("幸福感很差", gazetteer).village == ""


def test_road_number_and_estate(gazetteer):
    found = read("玉州区人民东路8号金港花园3栋2单元501", gazetteer)
    assert (found.county, found.road, found.number, found.estate) == ("玉州区", "人民东路", "8", "金港花园")
    assert read("玉林市民主南路８５号", gazetteer).number == "85"  # full-width digits
    assert read("北流大道22号", gazetteer).road == "北流大道"  # a road named after a county
    assert read("兴业城东路", gazetteer).road == "城东路" and read("兴业城东路", gazetteer).county == "兴业县"


def test_a_road_named_after_its_town_and_words_said_before_a_road(gazetteer):
    found = places.locate("容县城南路", "本人是城南路居民，罗江镇罗江老街的路边污水管破了", gazetteer)
    assert (found.town, found.road) == ("罗江镇", "罗江老街")
    assert read("请问陆兴路的那个楼盘不动产证什么时候办", gazetteer).road == "陆兴路"
    assert read("其所住小区民主北路路面开裂破损", gazetteer).road == "民主北路"
    assert read("玉林市城北街道办", gazetteer).road == ""  # a 街道 is no street


@pytest.mark.parametrize("text", ["这条路好几盏路灯不亮", "村道坑坑洼洼，希望政府帮忙硬化道路", "进屯的路塌方了一半",
                                  "小区广场夜里太吵了", "路面破损车辆难行", "路灯都不亮，晚上走路很怕",
                                  "路口长期乱停车堵路",
                                  # what the operator asks for is no estate, and absconding is no road
                                  "请相关部门督促物业做好小区管理", "希望相关部门排查小区电梯", "健身房老板跑路了",
                                  "核实并督促物业加强小区管理", "其住处线路老化很危险"])
def test_words_that_only_look_like_places(gazetteer, text):
    found = read(text, gazetteer)
    assert (found.road, found.estate, found.hamlet) == ("", "", "")


def test_the_first_real_road_is_the_road(gazetteer):
    assert read("路灯坏了，晚上走路不安全（地点：二环南路）", gazetteer).road == "二环南路"
    assert read("来电人系人民路居民，其与工友在人民路的项目做工", gazetteer).road == "人民路"


def test_how_the_caller_names_their_own_home_is_not_the_problems_place(gazetteer):
    for text in ("来电人是城东路居民，人民路的明珠山庄工地欠薪", "本人是清湾家园业主，教育西路我的养老金没到账",
                 "来电人住在大南路，位于沿江路的木材厂拖欠工资"):
        found = read(text, gazetteer)
        assert found.road not in ("城东路", "大南路") and found.estate != "清湾家园", (text, found)


def test_estate_names_written_several_ways_are_one(gazetteer):
    names = {read(text, gazetteer).estate for text in ("银湖御园花园小区", "银湖御园花园", "银湖御园")}
    assert names == {"银湖御园"}


def test_the_place_in_the_complaint_wins_over_the_callers_home(gazetteer):
    found = places.locate("兴业县洛阳镇旺龙村新村屯", "在环城南路锦绣君悦苑小区打工被拖欠工资", gazetteer)
    assert (found.village, found.road, found.estate) == ("", "环城南路", "锦绣君悦苑")
    # the complaint says only the village, the address adds the 屯: one place, completed
    found = places.locate("容县自良镇大里村石头屯", "我们大里村的路烂了", gazetteer)
    assert (found.village, found.hamlet) == ("大里村", "石头屯")
    # how the caller names himself is not where the problem is
    found = places.locate("北流市塘岸镇独竹村12组", "我是长塘村的群众，村道坑坑洼洼", gazetteer)
    assert (found.village, found.hamlet) == ("独竹村", "12组")


def test_the_office_adds_an_alias(app, gazetteer):
    village = db.session.scalar(db.select(Place).where(Place.name == "独竹村"))
    village.aliases = "独竹大队"
    db.session.commit()
    try:
        places.forget()
        assert places.read("塘岸独竹大队", places.gazetteer()).village == "独竹村"
    finally:
        village.aliases = None
        db.session.commit()
        places.forget()


def test_the_gazetteer_holds_every_level(app):
    counts = dict(db.session.execute(db.select(Place.level, db.func.count()).group_by(Place.level)).all())
    assert counts[PlaceLevel.county] == 7 and counts[PlaceLevel.town] == 110 and counts[PlaceLevel.village] > 1400


@pytest.mark.parametrize(("content", "expected"), [
    ("惠民超市门口垃圾堆放", ["惠民/超市"]),
    ("碧桂园玉林一期工地拖欠8名工人工资", ["碧桂园一期/工程"]),
    ("盛世江南A区工程项目部拖欠工人工资", ["盛世江南A区/工程"]),
    ("玉林市鼎盛东物业服务有限公司乱收费", ["鼎盛东/公司"]),
    ("北流市人民医院附近的鸿运网吧每晚吵到两三点", ["鸿运/网吧"]),  # the hospital only says where
    ("物业公司保安不作为，供水公司说是二次供水的问题", []),
    ("请主管部门约谈物业公司", []),
    ("社区活动中心改成了麻将馆", ["/麻将馆"]),  # a kind of place, named by no one
    ("博白银座夜宵店每晚吵到两三点", ["银座/烧烤"]),  # 座 and 道 are inside names too
    ("环城南路北流火车站附近的北流好味道夜宵店占道摆桌", ["好味道/烧烤"]),
    ("有人开的石材厂机器噪音从早响到晚", ["/石材"]),
    ("那个夜宵店音响开得很大声", ["/烧烤"]),
    ("一家店很吵", []),
    ("在北流大道工地做工，老板欠我们工钱", ["北流大道/工程"]),  # works named after their road
    ("金科福绵工地项目部拖欠工人工资", ["金科福绵/工程"]),  # a county inside a name is part of it
    ("白马圩社区的鸿运水泥搅拌站晚上也在生产", ["鸿运/搅拌站"]),  # 白马圩 is a place, not a market
    ("在白马镇工业园区厂房工程做工", ["白马工业园区厂房/工程"]),  # 厂房 is no 厂
    ("十里镇雅居卫生院综合楼工程的包工头拖欠", ["十里雅居卫生院综合楼/工程"]),  # 镇 dropped, as callers do
    ("位于那新村甘村屯的沙陂移民安置区占用田地", ["沙陂移民/工程"]),
    ("孩子在福绵新桥镇初级中学读初二", ["新桥/学校"]),  # a school by its town, not its level
    ("新桥初级中学的老师体罚学生", ["新桥/学校"]),
    ("在石窝镇第二初级中学读初一", ["石窝第二/学校"]),
    # what the operator asks for names nothing: 问自来水公司, 要求督促公司, 希望政府检查学校, 市场监管局
    ("停水三天了，问自来水公司也没用，来电人要求督促公司尽快恢复供水", []),
    ("希望政府检查学校食堂", ["/学校"]),
    ("远盛健身房老板跑路，已向市场监管局反映", ["远盛/健身"]),
    ("位于二环路的莫燕福清吧每晚吵到两点", ["莫燕福/酒吧"]),
    # 镇上 and a village's 队 say where, not the name (镇上飞哥饭店 is 飞哥饭店)
    ("镇上飞哥饭店每天晚上经营到凌晨", ["飞哥/餐馆"]),
    ("孩子在西埌镇平山村心队玉林市小太阳学校读五年级", ["小太阳/学校"]),
    # a health centre by its town, as schools are; a husbandry company by its name
    ("投诉兴业县城隍镇卫生院，住院部挂号排队要几个小时", ["城隍/医院"]),
    ("投诉城隍卫生院挂号难", ["城隍/医院"]),
    ("广西兴业金鼎牧业有限公司夏天苍蝇多", ["金鼎/公司"]),
    # an ending before 路 or 街 is a road's name; 网咖 is what many 网吧 call themselves
    ("平乐车站路的金沙网咖吵闹吵到半夜", ["金沙/网吧"]),
    ("市场路旁边的垃圾没人清运", []),
    # trade words say what a company makes, not which company it is
    ("北流中山路的顺达塑业有限公司存在污染", ["顺达/公司"]),
    ("安平村的森林服饰有限公司拖欠工资", ["森林/公司"]),
    # who runs a works or takes it on is not its name, and 项目方 or 厂方 is the party behind it
    ("卖酒道路提升改造项目水电班组被拖欠工资，劳务负责人黄老板以项目方未拨款为由拒付", ["卖酒道路提升改造/工程"]),
    ("吴老板承包广场路商业综合体工程的水电安装活，欠我们41个工人的钱", ["广场路商业综合体/工程"]),
    ("厂方说过几天就停，结果还是天天排污", []),
    ("人民西路那个楼盘工地拖欠农民工工资", []),
])
def test_things_named(content, expected):
    assert things.things(content) == expected


@pytest.mark.parametrize(("left", "right"), [
    ("玉林市南国石材有限公司切割石头粉尘很大", "南国石材厂污水乱排"),
    ("南国石场机器噪音", "南国石材厂污水乱排"),
    ("阿勇石材加工厂切割石头", "阿勇石材厂噪音"),
    ("大排场修车厂喷漆气味刺鼻", "大排场汽修厂占道"),
    ("玉林市兄弟搅拌有限公司洗车污水", "兄弟混凝土搅拌站粉尘污染"),
    ("万达二期工地夜里施工太吵", "万达·新城二期楼盘晚上施工"),
])
def test_one_business_written_several_ways(left, right):
    (ours,), (theirs,) = things.things(left), things.things(right)
    assert things.same_thing(ours, theirs), (ours, theirs)


def test_a_business_named_after_where_it_is_is_that_business(gazetteer):
    from admin_site import normalize

    def thing(address, content):
        return normalize.matching_keys(None, address, content, b"k", gazetteer)["thing"]

    assert thing("陆川县米场镇旺荐村11队", "举报米场镇旺荐宏达石业有限公司石粉废水排到鱼塘") == \
        thing(None, "广西宏达石业有限公司废水乱排") == "宏达/公司"
    assert thing("玉州区人民东路", "人民东路一品烧烤噪音很大") == thing(None, "一品烧烤客人喝酒划拳") == "一品/烧烤"
    # a works keeps its road or village: it says which works (北流大道管网改造)
    assert thing("北流市北流大道", "北流大道管网改造工程夜间施工") == "北流大道管网改造/工程"


def test_an_unnamed_thing_is_of_a_kind_but_not_the_same_thing():
    unnamed, named = things.things("有人开的石材厂噪音")[0], things.things("南国石材厂噪音")[0]
    assert not things.same_thing(unnamed, named) and not things.same_thing(unnamed, unnamed)
    assert things.same_kind(unnamed, named)
    assert not things.same_kind(unnamed, things.things("鸿运烧烤店油烟")[0])


def test_phases_kinds_and_fuller_names_of_one_thing():
    assert things.same_thing("碧桂园/工程", "碧桂园一期/工程")
    assert not things.same_thing("碧桂园一期/工程", "碧桂园二期/工程")
    assert not things.same_thing("惠民/超市", "万家福/超市")
    assert not things.same_thing("鸿运/烧烤", "鸿运/网吧")
    assert things.same_thing("鸿运/烧烤", "鸿运/公司")  # the company behind the shop


@pytest.mark.parametrize(("left", "right", "same"), [
    ("金色年化/美容院", "金色年华/美容院", True),  # a homophone typed for another character
    ("振兴新型/砖厂", "振兴新形/砖厂", True),
    ("金港一号/超市", "金港二号/超市", False),  # a number names another
    ("华润北城/工程", "华润南城/工程", False),  # so does a direction
    ("鸿运/超市", "鸿达/超市", False),  # too short to tell a slip from another name
    ("金色年华/美容院", "金色年华/网吧", False),  # another kind of business
])
def test_a_name_typed_with_one_character_wrong_is_the_same_thing(left, right, same):
    assert things.same_thing(left, right) == same
    # and the two meet in one block, so the grouping compares them at all
    assert bool(set(things.slips(left)) & set(things.slips(right))) == (left.split("/")[1] == right.split("/")[1]
                                                                         and len(left.split("/")[0]) >= 4)


def test_the_county_list_is_the_gazetteers(app):
    names = db.session.scalars(db.select(Place.name).where(Place.level == PlaceLevel.county))
    assert set(names) == set(places.COUNTIES)


def test_words_in_a_things_name_are_not_its_matter():
    assert things.topics("在新旺村道路硬化工程做工，老板欠我们51个人的工钱") == ["wages"]
    assert things.topics("村道坑坑洼洼，下雨天无法通行") == ["road"]
    assert things.topics("被网上刷单骗了十二万多块") == ["fraud"]
    assert things.topics("在美容院办了1980块的卡，现在店关门老板跑路了") == ["consumer"]
    assert things.topics("村务财务一直不公开，产业奖补资金被人冒领") == ["village", "welfare"]


def test_what_a_complaint_says_of_its_handling_is_not_its_wording():
    one = things.wording("学校旁边的垃圾很多天没人拉了，各个部门推来推去，来电人要求保密。")
    other = things.wording("学校旁边的垃圾很多天没人拉了，此问题已反映多次（见前期工单），上次打12345说会处理，到现在都没动静！")
    assert one == other and "垃圾" in one
    assert things.wording("多次反映未果，来电人情绪激动")  # all of it about the handling: all of it kept


def test_words_in_the_name_of_its_place_are_not_its_matter(gazetteer):
    from admin_site import normalize

    assert normalize.matching_keys(None, None, "新桥镇新桥中学的老师体罚学生", b"k", gazetteer)["topic"] == "education"
    assert "road" in normalize.matching_keys(None, None, "新桥镇的桥塌了一半", b"k", gazetteer)["topic"]


def test_an_estate_written_after_the_hamlet_does_not_begin_with_it(gazetteer):
    found = read("北流市塘岸镇独竹村12组碧水花园", gazetteer)
    assert (found.hamlet, found.estate) == ("12组", "碧水花园")
