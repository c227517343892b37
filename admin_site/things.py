"""What a complaint is about: the things it names (a project, estate, shop, company, school…), the
matter its words speak of (topics), and its wording with places, things, numbers and courtesies
taken out, for comparing two complaints (grouping.py).
"""

from __future__ import annotations

import functools
import re
import sys

from . import chinese

# The kinds of named thing, by how their names end (longest first where endings overlap).
# Estates are places (places.py), not things: many problems happen in one estate.
_ENDINGS = sorted("""项目 工地 工程 楼盘 安置区 安置小区
    烧烤店 烧烤摊 烧烤 大排档 夜宵摊 超市 商行 KTV ktv 网吧 网咖 酒吧 汽修厂 汽修店 修理厂 养猪场 猪场 养殖场 养鸡场 鸡场
    石材厂 石场 搅拌站 砖厂 采石场 沙场 养鸭场 鸭场 养牛场 牛场 饭店 餐馆 餐厅 酒楼 酒店 宾馆 旅馆 加油站 洗车场 洗车店 农家乐 麻将馆 棋牌室
    菜市场 农贸市场 市场 商场 加工厂 工厂 厂 有限责任公司 有限公司 公司 店 幼儿园 小学 中学 学校 学院 医院 卫生院
    诊所 圩 废品收购站 收购站 废品站 回收站 托管中心 补习班 培训班 驾校 培训中心 培训学校 物流园 停车场 车站 客运站
    健身房 健身中心 健身馆 健身会所 清吧 美容院 游泳馆""".split(), key=len, reverse=True)
_THING = re.compile("(" + "|".join(map(re.escape, _ENDINGS)) + ")")
_WORKS = {"项目", "工地", "工程", "楼盘", "安置区", "安置小区"}
# What a name cannot reach back past: a clause's start, a particle, a verb of telling.
_CJK_RUN = r"[^\u4e00-\u9fa5A-Za-z0-9·]"
_TELLING = "反映|投诉|举报|位于|附近|旁边|对面|隔壁|楼下|门口"
_PARTICLES = "称|说|的|在|于|是|到|与|及|跟|对|被|把|让|给|向|由|从"
_WHO = f"我|们|该|某|这|那|有|其|为|请|约谈|找|去|打工|干活|做工|问|来电人|承包|承建|老板|包工头|负责人|班组|{chinese.ASKING}"
_AROUND = "这里|那里|社区|小区|村委|居委"
# A works' name keeps its village or road (石碗嘴村道路硬化工程).
_WORDS_BOUNDARY = re.compile(rf".*(?:{_CJK_RUN}|这里|那里|{_TELLING}|一带|周边|{_PARTICLES}|个|{_WHO})")
# Any other name also stops at a place word (人民东路鸿运烧烤).
_BOUNDARY = re.compile(rf".*(?:{_CJK_RUN}|{_TELLING}|里面|一带|周边|{_AROUND}|{_PARTICLES}|间|个|座|栋|号|[村镇街圩]上|"
                       rf"村|镇|乡|屯|组|队|路|街|巷|道|{_WHO})")
# The same without the characters that also occur inside names (银座, 好味道, 金港湾): tried where the
# strict boundary leaves only a trade word (银座夜宵店 → 夜宵).
_LOOSE_BOUNDARY = re.compile(rf".*(?:{_CJK_RUN}|{_TELLING}|里面|一带|周边|{_AROUND}|{_PARTICLES}|{_WHO}|"
                             r"\d+号|[路街巷]|[村镇乡屯组](?!场))")
# The city's name is in many projects' names (碧桂园玉林一期); a county's only says where when it
# comes first (北流好味道夜宵店), and is part of the name after it (金科福绵 is not 金科玉林).
_CITY_WORDS = re.compile(r"广西|玉林市|玉林")
_COUNTY_FIRST = re.compile(r"^(?:玉州区?|福绵区?|北流市?|容县|容州|陆川县?|博白县?|兴业县?)(?![大路街道镇区县])")
# An ending right before one of these is part of a place's or a word's name (白马圩社区, 厂房).
# 项目方 and 厂方 are the party behind it, not its name's end.
_NOT_AN_ENDING = re.compile(r"社区|村|镇|居委|街道|房|区|长|综合楼|大楼|门诊楼|监管|监督|路|大道|街|巷|方")  # 车站路 is a road
_PHASE = re.compile(r"([一二三四五六七八九十\d]+期|[东南西北中][区苑]|[A-Za-z]区)$")
# Words that say what trade a company is in, not which company it is.
_TRADE_WORDS = (r"建筑工程|建筑劳务|劳务|建筑|工程|房地产开发|房地产|置业|开发|物业服务|物业管理|物业|实业|投资|"
                r"科技|装饰|建设|贸易|商贸|食品|电子|环保|农业|牧业|养殖|机械|服务|管理|发展|集团|供水|自来水|供电|电力|"
                r"燃气|天然气|通信|移动|联通|电信|公交|客运|项目部|施工|总包|分包|小区|"
                r"夜宵|宵夜|烧烤|石材|石料|砂石|养鸭|养猪|养鸡|养牛|搅拌|混凝土|水泥|修车|汽修|汽车维修|洗车|五金|"
                r"建材|木材|木业|木器|石业|塑业|纸业|瓷业|矿业|药业|服饰|服装|制衣|纺织|鞋业|家具|小吃|快餐|米粉|奶茶|"
                r"水果|加工|塑料|化工|陶瓷|钢材|造纸|饲料|餐饮|娱乐")
_TRADE = re.compile(rf"(?:{_TRADE_WORDS})+$")
_TRADE_WORD = re.compile(rf"(?:{_TRADE_WORDS})$")  # the last of them
# A name with one of these in it is a clause, not a name (活动中心改成了麻将馆).
_VERBS = re.compile(r"[了着过吗呢吧啊打]|改成|变成|开了|建了|开设|经营|成立|承建|施工|开发|联系|找")
# Names that name nothing in particular.
_GENERIC = {"小区", "工地", "项目", "公司", "这家", "那家", "一家", "该", "附近", "我们", "当地", "本地", "村里", "镇上",
            "私人", "个体", "黑", "无证", "非法", "新", "老", "大", "小", "那个", "这个", "开发商", "包工头", "老板", "楼盘"}


@functools.lru_cache(maxsize=1024)  # read for the things and again for the matters
def named(content: str | None) -> tuple[tuple[str, str], ...]:
    """The things a complaint names, as (name, ending) in the order they appear: 惠民超市 → (惠民, 超市).
    A thing whose kind is said but not its name (有人开的石材厂, 那个夜宵店) comes as ("", kind)."""
    text = chinese.plain(content)
    found, seen = [], set()
    for match in _THING.finditer(text):
        ending = match.group(1)
        if _NOT_AN_ENDING.match(text, match.end()):
            continue
        reach = 14 if ending.endswith("公司") else 8  # a company's name is long, a shop's short
        before = text[max(0, match.start() - reach):match.start()]
        if ending in _WORKS:
            # Public works are named after their village or road (石碗嘴村道路硬化工程): keep it.
            name = _tidy(_WORDS_BOUNDARY.sub("", text[max(0, match.start() - 14):match.start()]))
            name = re.sub(r"(?<=..)(?:项目|工地|工程|楼盘)+$", "", name)  # 金科福绵工地项目部
        else:
            name = _tidy(_BOUNDARY.sub("", before))
            if not _TRADE.sub("", name):
                name = _tidy(_LOOSE_BOUNDARY.sub("", before)) or name
            if ending in _TOWN_NAMED:
                name = _school(before, name)
        if _LANDMARK.match(text, match.end()) or _WHERE.search(text[max(0, match.start() - 16):match.start()]):
            continue  # 人民医院附近的…, （地点：人民医院）: a landmark to say where, not what it is about
        if len(name) < 2 or name in _GENERIC or name.isdigit() or not _TRADE.sub("", name) or _VERBS.search(name):
            kind = _unnamed_kind(name, ending)
            if kind and ("", kind) not in seen:
                seen.add(("", kind))
                found.append(("", kind))
            continue
        if name not in seen:
            seen.add(name)
            found.append((name, ending))
    return tuple(found)


# Named by their town and number: 新桥镇中心小学, 城隍镇卫生院 (城隍卫生院).
_TOWN_NAMED = {"幼儿园", "小学", "中学", "学校", "卫生院"}
_SCHOOL_LEVEL = re.compile(r"(?:初级|高级|完全|九年制|九年一贯制|中心|实验)+$")
_TOWN_BEFORE = re.compile(r"([\u4e00-\u9fa5]{2})[镇乡]$")


def _school(before: str, name: str) -> str:
    """A school by its town and number, not its level: 新桥镇初级中学 and 新桥中学 are one school,
    石窝镇第二初级中学 is 石窝第二."""
    plain = _SCHOOL_LEVEL.sub("", name)
    town = _TOWN_BEFORE.search(before[:len(before) - len(name)]) if before.endswith(name) else None
    return town.group(1) + plain if town and (not plain or plain.startswith("第")) else plain or name


def _tidy(name: str) -> str:
    name = _COUNTY_FIRST.sub("", _CITY_WORDS.sub("", name)).strip()
    return re.sub(r"^(?:[一二三两几多]?[家间个座处条]|[屯村组](?=..))", "", name)  # 我们屯雅居乐城东天地


def _unnamed_kind(words: str, ending: str) -> str:
    """The kind of an unnamed thing (有人开的石材厂 → 石材), "" for one that says nothing (一家店, 物业公司)."""
    kind = _kind_of_name(words, ending)
    return "" if kind in _ANY_KIND or ending in _WORKS or ending.endswith("公司") or not _CJK_ONLY.match(kind) else kind


def _kind_of_name(name: str, ending: str) -> str:
    """The kind a name's ending says, with the trade word before it (银座夜宵店 → 烧烤)."""
    trade = _TRADE_WORD.search(name)
    if trade and trade.group() + ending in _KINDS:
        return _KINDS[trade.group() + ending]
    return _kind(ending)


_CJK_ONLY = re.compile(r"^[\u4e00-\u9fa5]+$")


# What follows a name used to say where something else is.
_WHERE = re.compile(r"地点[:：][^)）]*$")
_LANDMARK = re.compile(r"(?:附近|旁边|旁|对面|斜对面|后面|往[东南西北]|周边|一带|路口)")
# Endings that say the same kind of thing; a shop and a company of one name may be one business.
_KINDS = {"项目": "工程", "工地": "工程", "工程": "工程", "楼盘": "工程", "安置区": "工程", "安置小区": "工程",
          "有限责任公司": "公司", "有限公司": "公司", "公司": "公司", "烧烤店": "烧烤", "烧烤摊": "烧烤", "烧烤": "烧烤",
          "大排档": "烧烤", "夜宵摊": "烧烤", "养猪场": "养殖", "猪场": "养殖", "养殖场": "养殖", "养鸡场": "养殖",
          "鸡场": "养殖", "废品收购站": "废品", "收购站": "废品", "废品站": "废品", "回收站": "废品",
          "托管中心": "学校", "补习班": "学校", "培训班": "学校", "圩": "市场", "菜市场": "市场", "农贸市场": "市场", "市场": "市场", "汽修厂": "汽修", "汽修店": "汽修",
          "修理厂": "汽修", "洗车场": "洗车", "洗车店": "洗车", "酒店": "酒店", "宾馆": "酒店", "旅馆": "酒店",
          "饭店": "餐馆", "餐馆": "餐馆", "餐厅": "餐馆", "酒楼": "餐馆", "小学": "学校", "中学": "学校", "学校": "学校",
          "学院": "学校", "医院": "医院", "卫生院": "医院", "诊所": "医院",
          "石材厂": "石材", "石场": "石材", "采石场": "石材", "石材加工厂": "石材", "养鸭场": "养殖", "鸭场": "养殖",
          "养牛场": "养殖", "牛场": "养殖", "夜宵店": "烧烤", "修车厂": "汽修", "修车店": "汽修",
          "汽修加工厂": "汽修", "搅拌站": "搅拌站", "混凝土搅拌站": "搅拌站", "水泥搅拌站": "搅拌站",
          "网咖": "网吧", "健身房": "健身", "健身中心": "健身", "健身馆": "健身", "健身会所": "健身", "清吧": "酒吧"}
# Endings that say only that it is a business: the same name with one of these and with a trade
# ending (南国石材厂 / 南国石材有限公司 / 南国加工厂) is one business.
_ANY_KIND = {"公司", "厂", "工厂", "加工厂", "店"}


def _kind(ending: str) -> str:
    return _KINDS.get(ending, ending)


def key(name: str) -> str:
    """The form two names of one thing share: the trade words dropped (XX建筑工程有限公司 → XX), the
    phase kept apart (碧桂园一期 → 碧桂园一期)."""
    name = name.replace("·", "")
    name = re.sub(r"(?<=..)(?:镇|乡)(?=..)", "", name)  # 沙陂镇移民安置区 = 沙陂移民安置区
    name = re.sub(r"(?:小区|花园|家园|公寓|新城)+$", "", name) if len(name) > 4 else name
    phase = _PHASE.search(name)
    core = name[:phase.start()] if phase else name
    trimmed = _TRADE.sub("", core)
    core = trimmed if len(trimmed) >= 2 else core
    return core + (phase.group(1) if phase else "")


def things(content: str | None) -> list[str]:
    """The keys of the things a complaint names, first named first: the name and its kind
    (鸿运烧烤 and 鸿运网吧 are two businesses); an unnamed thing is its kind alone (/石材)."""
    keys = []
    for name, ending in named(content):
        found = f"{key(name)}/{_kind_of_name(name, ending)}" if name else f"/{ending}"
        if found not in keys:
            keys.append(found)
    return keys


def without_place(key_: str, place_names: list[str]) -> str:
    """The key of a thing named after where it is, without the place (旺荐宏达石业 at 旺荐村 → 宏达石业)."""
    name, _, kind = key_.partition("/")
    if kind == "工程":
        return key_  # works are named after their village or road (石碗嘴村道路硬化): see vague()
    for place in place_names:
        if name.startswith(place) and len(name) - len(place) >= 2:
            return f"{name[len(place):]}/{kind}"
    return key_


def unnamed(key_: str) -> bool:
    return key_.startswith("/")


@functools.lru_cache(maxsize=100_000)
def vague(key_: str) -> bool:
    """A name that only says where (北流大道/工程: the works on 北流大道), or no name at all."""
    return unnamed(key_) or bool(_ONLY_A_PLACE.search(key_.partition("/")[0]))


def kind_of(key_: str) -> str:
    return key_.rpartition("/")[2]


def label(stored: str | None) -> str:
    """Stored keys for people: 惠民/超市、盛世江南A区/工程 → 惠民超市、盛世江南A区工程."""
    return "、".join(key.replace("/", "") for key in (stored or "").split("、") if key and not unnamed(key))


def same_thing(left: str, right: str) -> bool:
    """Two keys name one thing: the same kind (or one of them only a business: the company behind a
    shop, 南国加工厂 and 南国石材厂) and the same name, or one the other with more said (碧桂园 /
    碧桂园玉林), unless both name a phase and the phases differ."""
    if left == right:
        return not unnamed(left)
    left, _, left_kind = left.partition("/")
    right, _, right_kind = right.partition("/")
    if not left or not right:
        return False
    if left_kind != right_kind and not {left_kind, right_kind} & _ANY_KIND:
        return False
    if left == right:
        return True
    left_phase, right_phase = _PHASE.search(left), _PHASE.search(right)
    if left_phase and right_phase and left_phase.group(1) != right_phase.group(1):
        return False
    left_core = left[:left_phase.start()] if left_phase else left
    right_core = right[:right_phase.start()] if right_phase else right
    shorter, longer = sorted((left_core, right_core), key=len)
    if _ONLY_A_PLACE.search(shorter):
        return False  # 北流大道工地 says where, not which: 北流大道管网改造 and 北流大道提升改造 are two works
    return (len(shorter) >= (2 if left_phase and right_phase else 3) and shorter in longer) or \
        _one_slip(left_core, right_core)


# A name this long with one character typed wrong (金色年化 / 金色年华) is still that name; a number or a
# direction that differs names another (金港一号 / 金港二号, 华润北城 / 华润南城).
SLIP_LENGTH = 4
_NOT_A_SLIP = frozenset("零一二三四五六七八九十0123456789东南西北中上下前后新老大小")


def _one_slip(left: str, right: str) -> bool:
    if len(left) != len(right) or len(left) < SLIP_LENGTH:
        return False
    differ = [(ours, theirs) for ours, theirs in zip(left, right) if ours != theirs]
    return len(differ) == 1 and not _NOT_A_SLIP.intersection(differ[0])


@functools.lru_cache(maxsize=100_000)  # a contact's keys are asked for each time it is compared or filed
def slips(key_: str) -> tuple[str, ...]:
    """Keys a name shares with itself typed with one character wrong: the name with each character
    in turn left blank (金色年化/美容院 and 金色年华/美容院 both give 金色年_/美容院)."""
    name, _, kind = key_.partition("/")
    if len(name) < SLIP_LENGTH or _PHASE.search(name):
        return ()
    return tuple(f"{name[:at]}_{name[at + 1:]}/{kind}" for at in range(len(name)))


_ONLY_A_PLACE = re.compile(r"(?:路|大道|大街|街|巷|村|镇|乡|屯|社区)$")


def other_phase(left: str, right: str) -> bool:
    """Two keys name two phases of one development (盛世玉东一期 / 盛世玉东二期)."""
    left_name, _, _ = left.partition("/")
    right_name, _, _ = right.partition("/")
    left_phase, right_phase = _PHASE.search(left_name), _PHASE.search(right_name)
    return bool(left_phase and right_phase and left_phase.group(1) != right_phase.group(1)
                and left_name[:left_phase.start()] == right_name[:right_phase.start()])


def same_kind(left: str, right: str) -> bool:
    """Two kinds, or the kinds of two keys, are one (an unnamed 石材厂 and 南国石材厂)."""
    left_kind, right_kind = kind_of(left), kind_of(right)
    return left_kind == right_kind or bool({left_kind, right_kind} & _ANY_KIND)


# The matters the 12345 hotline hears most, each with the words people use for it.
TOPICS: dict[str, tuple[str, ...]] = {
    "noise": ("夜间施工", "放音乐", "刺耳", "轰隆", "响个不停", "机器声", "声音", "打桩", "施工许可", "嘈杂", "喧哗", "响到", "噪音", "噪声", "吵", "扰民", "轰鸣", "施工声", "广场舞", "音响", "喇叭", "睡不着"),
    "water": ("停水", "水很小", "水管破裂", "通水", "水费", "水表", "没水", "水压", "供水", "自来水", "断水", "水管爆", "水质", "黄水", "饮水", "吃水", "用水"),
    "power": ("停电", "没电", "断电", "跳闸", "供电", "电压", "电线", "变压器"),
    "sewage": ("污水", "下水道", "排水", "积水", "化粪池", "堵塞", "内涝", "渗水", "漏水", "水沟", "排污"),
    "garbage": ("垃圾", "卫生差", "很脏", "清运", "乱扔", "堆放", "臭味", "异味", "恶臭", "发臭", "臭气"),
    "road": ("路面", "坑洼", "破损", "塌陷", "井盖", "修路", "道路", "坑", "泥泞", "硬化", "烂路", "桥", "村道", "泥巴路",
             "路烂", "路被", "摔跤", "通行", "塌方"),
    "streetlight": ("路灯", "不亮", "照明"),
    "building": ("违建", "建房", "审批手续", "违章", "乱搭", "加建", "私建", "占用楼道", "搭建", "违法建设"),
    "parking": ("停车", "占道", "乱停", "车位", "堵门"),
    "wages": ("工资", "欠薪", "拖欠", "薪酬", "讨薪", "工钱", "血汗钱", "农民工"),
    "property": ("物业", "物管", "保安", "电梯", "维修基金"),
    "housing": ("两证", "产权证", "房本", "房产证", "不动产", "办证", "网签", "产权"),
    "delivery": ("交房", "延期交付", "逾期交付", "烂尾", "停工", "复工"),
    "quality": ("开裂", "裂缝", "墙体", "渗漏", "质量问题", "空鼓"),
    "pollution": ("粪", "废水", "石粉", "一层灰", "臭", "烟雾", "沥青味", "味很重", "机油", "冒烟", "尾气", "熏", "油烟", "烟尘", "粉尘", "排放", "废气", "焚烧", "污染", "扬尘", "灰尘", "刺鼻", "黑烟", "气味"),
    "food": ("病死", "吃出", "上吐下泻", "熟食", "死猪", "注水肉", "假货", "缺斤短两", "短斤少两", "食品", "过期", "变质", "卫生许可", "食物中毒"),
    "traffic": ("红绿灯", "减速带", "车速", "限速", "信号灯", "公交", "斑马线", "超速", "拥堵", "堵车"),
    "animals": ("狗", "犬", "流浪猫", "宠物", "蚊虫", "苍蝇", "老鼠"),
    "education": ("校车", "营养餐", "营养改善", "作业太多", "中学", "小学", "培训", "超载", "托管", "学校", "老师", "教师", "幼儿园", "课外", "学位", "入学", "招生", "补课", "学费", "读书"),
    "medical": ("医院", "卫生院", "卫生室", "就医", "误诊", "病人", "床位", "挂号", "住院", "医保", "看病", "诊所", "药店"),
    "land": ("田地", "耕地", "征收", "签协议", "用地", "征地", "拆迁", "补偿款", "土地", "占地", "宅基地", "青苗"),
    "welfare": ("养老保险", "失业保险", "补助", "奖补", "危房改造", "医疗保险", "退休金", "低保", "养老金", "社保", "补贴", "救助", "五保", "残疾"),
    "telecom": ("信号", "话费", "扣费", "宽带", "网络", "基站"),
    "gas": ("燃气", "煤气", "液化气"),
    "consumer": ("定金", "退款", "退费", "跑路", "商家", "赔偿", "不履行", "预付", "办了卡", "会员卡", "押金"),
    "fraud": ("诈骗", "被骗", "骗了", "骗走", "刷单", "骗子", "传销", "非法集资", "投资理财"),
    "village": ("村务", "财务公开", "财务不公开", "冒领", "村干部", "村委换届"),
    "order": ("闹事", "打架", "赌博", "聚众", "黄赌毒"),
}
# Matters of one person's own entitlements: two callers' 低保 are two cases, whatever the place.
PERSONAL = frozenset({"welfare"})
# Matters of what a whole village or community shares: its roads, water, power and lights.
SHARED_WORKS = frozenset({"road", "water", "power", "streetlight", "sewage", "telecom", "gas"})
# Matters that are one nuisance when one business or works causes them all.
NUISANCE = frozenset({"noise", "sewage", "garbage", "pollution", "parking", "animals"})
_TOPIC_OF = {word: name for name, words in TOPICS.items() for word in words}


def related(left: frozenset[str] | set[str], right: frozenset[str] | set[str]) -> bool:
    """Both speak of the nuisance a business makes (its noise, its smoke, its sewage)."""
    return bool(left & NUISANCE) and bool(right & NUISANCE)
_TOPIC_WORD = re.compile("|".join(sorted(map(re.escape, _TOPIC_OF), key=len, reverse=True)))


def topics(content: str | None, place_names: list[str] = ()) -> list[str]:
    """The matters a complaint speaks of, first mentioned first; words inside the names of the
    things it names do not count (道路硬化工程 欠薪 is about wages, not the road), but the trade a
    company's name gives does (盛景翡翠湾物业公司 is the estate's property management), and words
    inside the names of its place do not (新桥镇 is not about a bridge)."""
    text = chinese.plain(content)
    for name, ending in named(content):
        if name:
            trade = _TRADE_WORD.search(name) if ending.endswith("公司") else None
            text = text.replace(name + ending, " " + (trade.group() if trade else "") + " ")
    text = _blank(text, place_names)
    found = []
    for match in _TOPIC_WORD.finditer(text):
        name = _TOPIC_OF[match.group()]
        if name not in found:
            found.append(name)
    return found


# Courtesies and the hotline's own phrases, which say nothing about the matter.
_COURTESIES = re.compile("请尽快处理|尽快处理|尽快解决|希望相关部门管一管|希望有关部门|请相关部门|相关部门|有关部门|麻烦核实一下|"
                         "请核实|已经反映多次了|反映多次|多次反映|多次|谢谢|感谢|请帮忙|麻烦|希望|请求|要求|来电人|来电|市民|反映|"
                         "诉求|投诉|举报|咨询|处理|解决|问题|情况|现在|目前|一直|已经|没有人|无人|管一管|了解|核实")
_CLAUSE = re.compile(r"[，,。.！!？?；;：:\s]+")
# Clauses about how the complaint was handled, who the caller is and what they ask, not about the
# matter: 多次反映未果, 相关部门互相推诿, 来电人要求保密, 给群众生活带来很大不便, 从5月份开始就这样.
_HANDLING = re.compile(r"来电人(?:要求|表示|对|情绪|系|是)|推诿|推来推去|没下文|没动静|没有结果|未果|未解决|敷衍|重视|"
                       r"管一管|保密|个人信息|回复|整改|工单|恢复原样|又开始|再次出现|打过电话|反映过|反映了|多次反映|"
                       r"生活带来|生活很不方便|正常生活|意见很大|就这样|差不多有|好几个月|几个月了|第[0-9一二三四五六七八九十]+次|"
                       r"帮忙查|说要等|说会处理|尽快|^急+$|谢谢|感谢|辛苦|拜托|麻烦了")


def _blank(text: str, names) -> str:
    """The text with each of these names blanked out."""
    for name in names:
        if name:
            text = text.replace(name, " ")
    return text


def wording(content: str | None, remove: list[str] = ()) -> frozenset[str]:
    """Character bigrams of what a complaint says, without places and things already compared
    (``remove``), the clauses about its handling, numbers, courtesies and punctuation."""
    clauses = _CLAUSE.split(_blank(chinese.plain(content), remove))
    text = _COURTESIES.sub(" ", " ".join([clause for clause in clauses if not _HANDLING.search(clause)] or clauses))
    grams = set()
    for run in re.findall(r"[\u4e00-\u9fa5]{2,}", text):
        # interned: a year of contacts holds each bigram once, not once per contact (a third of the memory)
        grams.update(sys.intern(run[i:i + 2]) for i in range(len(run) - 1))
    return frozenset(grams)


def similarity(left: frozenset[str], right) -> float:
    """How much of the shorter wording the other one (any collection of bigrams) says too (robust to
    extra words and typos)."""
    if not left or not right:
        return 0.0
    return len(left.intersection(right)) / min(len(left), len(right))
