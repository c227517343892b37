"""The fourth labelled set of Yulin 12345 hotline contacts (work orders), each with the id of the
real-world problem it is about, for judging how contacts are grouped into problems.

Written from how a Guangxi prefecture city's hotline records read: a largely rural city whose
problems sit in villages and their 屯/组/队 as often as on town roads and in estates; an address
column that is only sometimes the problem's place; operators' third-person summaries of calls
beside first-person messages from the web, WeChat and the app; one problem told by neighbours,
by one caller again and again, with its figures, names and place said differently each time; and
problems that look alike without being one (two teams on one site, two shops on one road, two
phases of one developer, same-named villages in different towns, each neighbour's own 低保).

    python -m bench.fourth_hotline_data [N] [--seed S] [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parent.parent
BEGIN = datetime(2025, 3, 1)
DAYS = 365
END = BEGIN + timedelta(days=DAYS) - timedelta(seconds=1)
SPRING = datetime(2026, 2, 17)  # Spring Festival 2026
CHANNELS = ("电话", "网站", "微信", "APP", "其他")
CHANNEL_WEIGHTS = (58, 11, 16, 11, 4)
HEADERS = ("工单编号", "渠道", "来电时间", "诉求人", "联系电话", "地址", "诉求内容", "承办单位", "退回单位", "办理结果", "满意度")

# ---------------------------------------------------------------- places

COUNTY_SHORT = {"玉州区": "玉州", "福绵区": "福绵", "北流市": "北流", "容县": "容县", "陆川县": "陆川",
                "博白县": "博白", "兴业县": "兴业", "玉东新区": "玉东", "玉林经济开发区": "经开区"}
COUNTY_GOV = {"玉州区": "玉州区人民政府", "福绵区": "福绵区人民政府", "北流市": "北流市人民政府", "容县": "容县人民政府",
              "陆川县": "陆川县人民政府", "博白县": "博白县人民政府", "兴业县": "兴业县人民政府",
              "玉东新区": "玉州区人民政府", "玉林经济开发区": "玉州区人民政府"}
COUNTY_RURAL_WEIGHT = {"玉州区": 6, "福绵区": 9, "北流市": 20, "容县": 13, "陆川县": 13, "博白县": 22, "兴业县": 12}

# county seats and urban areas: (streets or towns, roads, landmarks)
URBAN = {
    "玉州区": (("玉城街道", "名山街道", "南江街道", "城西街道", "城北街道"),
             ("人民中路", "人民东路", "人民西路", "民主南路", "民主中路", "民主北路", "教育中路", "教育东路", "教育西路",
              "江滨路", "广场东路", "新民路", "城站路", "大北路", "一环东路", "一环南路", "二环北路", "二环东路", "东明路",
              "金港大道", "清湖路", "中秀路", "西城路", "永安路", "城东路", "旺塘路"),
             ("市第一人民医院", "市红十字会医院", "汽车总站", "火车站", "玉林师范学院", "人民公园", "江滨公园",
              "中药港", "东明广场", "北流路口", "市妇幼保健院", "大润发", "万达广场", "玉林高中", "市一中", "东门口市场")),
    "玉东新区": (("茂林镇", "名山街道"), ("玉东大道", "秀水路", "东成路", "苗园路", "富民路", "达理路"),
              ("五彩田园", "市政务服务中心", "玉东湖公园", "高铁站", "市图书馆")),
    "玉林经济开发区": (("茂林镇", "仁东镇"), ("创业大道", "工业大道", "科技路", "龙港路"),
                  ("工业园管委会", "物流园", "玉柴工业园")),
    "福绵区": (("福绵镇",), ("福绵大道", "新福路", "福华路", "福兴路", "南流江大道"),
             ("福绵区人民医院", "福绵服装城", "福绵中学", "区政府")),
    "北流市": (("陵城街道", "城南街道", "城北街道"),
             ("北流大道", "新荣大道", "城南一路", "城南二路", "城西路", "东兴路", "河堤路", "陵城路", "广场路", "站前路"),
             ("北流市人民医院", "北流汽车站", "北流高中", "陶瓷城", "勾漏洞景区路口", "北流市中医院")),
    "容县": (("容州镇",), ("容州大道", "人民路", "东外街", "城南路", "绣江路", "侨乡大道", "沿河路"),
           ("容县人民医院", "容县汽车站", "真武阁", "容县中学", "容州中学")),
    "陆川县": (("温泉镇",), ("温泉路", "公园路", "新洲路", "城北路", "龙珠大道", "九龙大道"),
             ("陆川县人民医院", "陆川汽车站", "温泉广场", "陆川中学")),
    "博白县": (("博白镇",), ("博白大道", "文化路", "城西路", "菜园街", "新华路", "沿江路", "园林路"),
             ("博白县人民医院", "博白汽车总站", "博白中学", "绿珠江大桥")),
    "兴业县": (("石南镇",), ("兴业大道", "石南路", "新民路", "城东路", "龙腾路"),
             ("兴业县人民医院", "兴业汽车站", "兴业高中", "县政府")),
}
URBAN_WEIGHT = {"玉州区": 44, "玉东新区": 6, "玉林经济开发区": 2, "福绵区": 4, "北流市": 14, "容县": 7,
                "陆川县": 8, "博白县": 10, "兴业县": 5}
RIVERS = {"玉州区": ("南流江", "清湾江"), "福绵区": ("南流江",), "北流市": ("圭江", "北流河"), "容县": ("绣江", "杨梅河"),
          "陆川县": ("九洲江",), "博白县": ("南流江", "绿珠江"), "兴业县": ("武思江", "鸦桥河")}

HAMLET_HEAD = "大小新旧上下长石高塘岭坡垌龙凤白黄竹松禾牛马鸭水木山沙茶莲旺榕"
HAMLET_CORE = ("岭", "塘", "坡", "垌", "冲", "坑", "面", "角", "背", "头", "屋", "地", "田", "江", "湾", "岗", "村", "寨", "根")
HAMLET_TAIL = ("屯", "屯", "屯", "组", "队", "队")


def town_short(town: str) -> str:
    for tail in ("街道", "镇", "乡"):
        if town.endswith(tail) and len(town) > len(tail) + 1:
            return town[: -len(tail)]
    return town


class Village:
    __slots__ = ("county", "town", "name", "hamlets")

    def __init__(self, county, town, name, rng):
        self.county, self.town, self.name = county, town, name
        count = rng.randint(5, 14)
        found = []
        while len(found) < count:
            if rng.random() < 0.12:
                h = f"第{'一二三四五六七八九十'[len(found) % 10]}村民小组"
            else:
                h = rng.choice(HAMLET_HEAD) + rng.choice(HAMLET_CORE) + rng.choice(HAMLET_TAIL)
            if h not in found:
                found.append(h)
        self.hamlets = found


_GAZETTEER: list[tuple[str, str, str]] | None = None


def gazetteer() -> list[tuple[str, str, str]]:
    global _GAZETTEER
    if _GAZETTEER is None:
        rows = []
        for line in (ROOT / "seed" / "places.tsv").read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if not line or line.startswith("#") or len(parts) < 3 or parts[0] == "county":
                continue
            rows.append((parts[0], parts[1], parts[2]))
        _GAZETTEER = rows
    return _GAZETTEER


def _members() -> dict[str, str]:
    """Unit name -> short name from seed/members.yaml (read with a pattern: standard library only)."""
    shorts = {}
    text = (ROOT / "seed" / "members.yaml").read_text(encoding="utf-8")
    for name, short in re.findall(r"\{name: ([^,}]+), (?:short_name: ([^,}]+), )?kind", text):
        shorts[name.strip()] = (short or "").strip()
    return shorts


# ---------------------------------------------------------------- words

SURNAMES = (("陈", 10), ("李", 9), ("黄", 9), ("梁", 8), ("刘", 6), ("林", 5), ("杨", 5), ("张", 4), ("王", 4),
            ("吴", 4), ("庞", 4), ("钟", 3), ("莫", 3), ("覃", 3), ("韦", 3), ("冯", 3), ("何", 3), ("谢", 2),
            ("罗", 3), ("周", 2), ("邓", 2), ("朱", 2), ("苏", 2), ("宁", 2), ("谭", 2), ("宾", 1), ("封", 1),
            ("彭", 1), ("廖", 2), ("赖", 1), ("曾", 1), ("甘", 1), ("丘", 1), ("蒙", 1), ("潘", 2), ("卢", 1), ("龙", 1))
GIVEN_M = "伟华明强军志国建文海平东坤荣鸿勇杰涛斌超俊宏德福春光辉家永智祥浩锋雄彬权富贵才金成庆忠"
GIVEN_F = "丽芳秀英兰红梅燕婷敏静娟凤霞琴艳莲玲萍慧娜妹桂群雪美月春玉晓珍"
NICKS = ("阳光", "平安是福", "A玉林装修", "简单", "小梁", "风雨无阻", "向日葵", "老陈", "知足常乐", "静待花开",
         "晨曦", "木子", "海阔天空", "玉林阿华", "开心就好", "云淡风轻", "Mr.黄", "lin", "zz", "宝妈")
FIRM_WORDS = ("宏达", "恒信", "桂通", "鑫源", "华盛", "金利", "永兴", "荣达", "聚鑫", "东升", "广厦", "创联", "润佳",
              "嘉盛", "海联", "中桂", "玉桥", "博达", "鸿泰", "兴旺", "丰源", "粤桂", "顺安", "祥和", "锦华", "天成",
              "万通", "鼎盛", "和泰", "富达", "诚信", "建安", "利民", "华锐", "众合", "桂南", "金穗", "瑞丰", "南方",
              "力拓", "正通", "德信", "安泰", "新宇", "昌隆", "凯达", "汇金", "伟业", "恒通", "福润")
ESTATE_HEAD = ("锦绣", "盛世", "御景", "翡翠", "金港", "东城", "江南", "山水", "书香", "凤凰", "荔园", "龙湾", "龙城",
               "学府", "城央", "天悦", "丽景", "金域", "碧水", "阳光", "欣荣", "富豪", "恒盛", "永宁", "中恒", "万宏",
               "福源", "星河", "水岸", "鹏程", "泰和", "嘉和", "清湖", "南湖", "东湖", "状元", "都市", "名门", "铂悦",
               "君悦", "时代", "尚城", "景园", "金桂", "银湖", "紫荆", "海棠", "玉林湾", "江景", "凯旋", "领秀",
               "滨江", "香榭", "华府", "世纪", "橄榄", "香山", "云顶", "龙珠", "绿城", "新港", "半岛", "骏景", "明珠")
ESTATE_TAIL = (("小区", 4), ("花园", 4), ("华庭", 2), ("名都", 2), ("国际", 2), ("城", 2), ("苑", 2), ("府", 2),
               ("广场", 1), ("新城", 1), ("豪庭", 1), ("名城", 1), ("公馆", 1), ("家园", 2), ("壹号", 1), ("湾", 1))
BRANDS = ("碧桂园", "彰泰", "荣和", "中梁", "恒大", "奥园", "玉柴", "金科")
HOMOPHONE = {"庭": "亭", "园": "圆", "苑": "院", "都": "督", "华": "化", "锦": "景", "景": "锦", "府": "富", "城": "成",
             "湾": "弯", "悦": "越", "豪": "好", "嘉": "佳", "佳": "嘉", "盛": "胜", "泰": "太", "荣": "容", "鸿": "宏",
             "宏": "鸿", "源": "元", "鹏": "朋", "翠": "萃", "桂": "贵", "凤": "风", "岭": "领", "垌": "洞", "塘": "堂",
             "坡": "波", "旺": "望", "福": "富", "富": "福", "祥": "详", "兴": "星", "湖": "胡", "辉": "晖", "明": "名",
             "名": "明", "新": "心", "金": "今", "鑫": "新", "达": "大", "通": "同", "利": "力", "恒": "衡", "隆": "龙"}
TYPOS = (("噪音", "燥音"), ("垃圾", "拉圾"), ("反映", "反应"), ("已经", "以经"), ("部分", "部份"), ("安装", "按装"),
         ("现在", "现再"), ("投诉", "投述"), ("处理", "处里"), ("根本", "跟本"), ("工资", "工钱"), ("影响", "影向"),
         ("的时候", "得时候"), ("一直", "一只"), ("那个", "哪个"), ("账", "帐"), ("休息", "修息"))
TRADITIONAL = str.maketrans("时说这们问题没还给钱个来电话区县镇门车楼后发对经处理业长东广应为现实过关会从开讲让见",
                            "時說這們問題沒還給錢個來電話區縣鎮門車樓後發對經處理業長東廣應為現實過關會從開講讓見")
HALF = str.maketrans({"，": ",", "。": ".", "：": ":", "！": "!", "？": "?", "（": "(", "）": ")", "；": ";"})
CN = "零一二三四五六七八九"


def cn_num(n: int) -> str:
    if n < 10:
        return CN[n]
    if n < 20:
        return "十" + (CN[n - 10] if n > 10 else "")
    if n < 100:
        tens, unit = divmod(n, 10)
        return CN[tens] + "十" + (CN[unit] if unit else "")
    return str(n)


def weighted(rng: Random, pairs):
    total = sum(w for _, w in pairs)
    r = rng.random() * total
    for item, w in pairs:
        r -= w
        if r < 0:
            return item
    return pairs[-1][0]


def misspell(text: str, rng: Random) -> str:
    spots = [i for i, ch in enumerate(text) if ch in HOMOPHONE]
    if not spots:
        return text
    i = rng.choice(spots)
    return text[:i] + HOMOPHONE[text[i]] + text[i + 1:]


def people(rng: Random, n: int) -> str:
    m = max(2, n + rng.choice((0, 0, 0, 0, 1, -1, 2, -2)))
    forms = [f"{m}名工人", f"{m}个工人", f"{cn_num(m)}个人", f"{m}人", f"{m}名工友"]
    if m >= 10:
        forms += [f"{cn_num(m // 10 * 10)}多个人", f"{m // 10 * 10}多名工人"]
    elif m >= 4:
        forms.append("好几个工友")
    return rng.choice(forms)


def money(rng: Random, amount: float, jitter: float = 0.12) -> str:
    a = amount * (1 + rng.uniform(-jitter, jitter)) if rng.random() < 0.45 else amount
    if a >= 10000:
        w = a / 10000
        forms = [f"{int(round(a, -2))}元", f"{w:.1f}万元", f"{int(w)}万多元", f"{int(w)}万多", f"{round(w)}万左右"]
        if w < 100:
            forms.append(f"{cn_num(int(w))}万余元")
        return rng.choice(forms).replace(".0万", "万")
    forms = [f"{int(round(a, -2))}元", f"{int(a // 1000)}千多元" if a >= 1000 else f"{int(round(a, -1))}元",
             f"{int(round(a, -2))}多元"]
    return rng.choice(forms)


def pick_name(rng: Random, names) -> str:
    return weighted(rng, names)


# ---------------------------------------------------------------- people

class Person:
    __slots__ = ("surname", "name", "male", "phone", "phone2", "home", "channel", "style", "nick")

    def __init__(self, rng: Random, home: str, frequent: bool = False):
        self.surname = weighted(rng, SURNAMES)
        self.male = rng.random() < 0.55
        pool = GIVEN_M if self.male else GIVEN_F
        self.name = self.surname + "".join(rng.choice(pool) for _ in range(1 if rng.random() < 0.25 else 2))
        self.phone = mobile(rng) if rng.random() < 0.9 else landline(rng)
        self.phone2 = mobile(rng) if rng.random() < (0.3 if frequent else 0.06) else ""
        self.home = home
        self.channel = weighted(rng, tuple(zip(CHANNELS, (62, 10, 15, 10, 3) if not frequent else (50, 20, 15, 15, 0))))
        self.style = weighted(rng, (("full", 3), ("title", 5), ("anon", 1.2), ("mixed", 2)))
        self.nick = rng.choice(NICKS) if rng.random() < 0.3 else ""

    def shown(self, rng: Random, channel: str) -> str:
        title = self.surname + ("先生" if self.male else "女士")
        r = rng.random()
        if self.style == "anon":
            return "匿名" if r < 0.85 else title
        if channel == "微信" and self.nick and r < 0.45:
            return self.nick
        if self.style == "full":
            return self.name if r < 0.8 else title
        if self.style == "title":
            return title if r < 0.85 else ("匿名" if r < 0.92 else self.name)
        return self.name if r < 0.45 else (title if r < 0.9 else "匿名")

    def dial(self, rng: Random, channel: str) -> str:
        if self.style == "anon" and rng.random() < 0.5:
            return ""
        if channel in ("网站", "APP") and rng.random() < 0.08:
            return ""
        if self.phone2 and rng.random() < 0.3:
            return self.phone2
        return self.phone


MOBILE = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156", "157",
          "158", "159", "166", "177", "178", "180", "181", "182", "183", "186", "187", "188", "189", "191", "193", "199")


def mobile(rng: Random) -> str:
    return rng.choice(MOBILE) + "".join(str(rng.randrange(10)) for _ in range(8))


def landline(rng: Random) -> str:
    return "0775-" + str(rng.randint(2, 8)) + "".join(str(rng.randrange(10)) for _ in range(6))


# ---------------------------------------------------------------- the world's places and firms

class Firm:
    """A business with the ways people name it: [(name, weight)]."""
    __slots__ = ("full", "names", "word")

    def __init__(self, full: str, names, word: str = ""):
        self.full, self.names, self.word = full, names, word

    def say(self, rng: Random) -> str:
        return pick_name(rng, self.names)


def developer(rng: Random) -> Firm:
    w = rng.choice(FIRM_WORDS)
    full = rng.choice((f"玉林市{w}房地产开发有限公司", f"广西{w}置业有限公司", f"玉林{w}房地产有限公司"))
    return Firm(full, ((full, 3), (f"{w}地产", 3), (f"{w}公司", 2), ("开发商", 4), (misspell(w, rng) + "地产", 1)), w)


def contractor(rng: Random) -> Firm:
    w = rng.choice(FIRM_WORDS)
    full = rng.choice((f"广西{w}建设工程有限公司", f"玉林市{w}建筑工程有限公司", f"广西{w}建工集团有限公司"))
    return Firm(full, ((full, 3), (f"{w}建设", 2), (f"{w}建筑", 2), ("施工方", 3), ("总包单位", 1)), w)


class Estate:
    __slots__ = ("name", "brand", "county", "town", "road", "number", "dev", "manager", "names", "new")

    def __init__(self, rng: Random, name: str, county: str):
        self.name, self.county = name, county
        streets, roads, _ = URBAN[county]
        self.town, self.road = rng.choice(streets), rng.choice(roads)
        self.number = rng.randint(1, 460)
        self.brand = rng.choice(BRANDS) if rng.random() < 0.3 else ""
        self.dev = developer(rng)
        w = rng.choice(FIRM_WORDS)
        self.manager = Firm(f"{w}物业服务有限公司", ((f"{w}物业", 4), (f"{w}物业服务有限公司", 2), ("物业", 6),
                                                    ("物业公司", 3), ("物管", 1)), w)
        self.new = rng.random() < 0.3
        names = [(name, 8)]
        if not name.endswith("小区"):
            names.append((name + "小区", 4))
        if self.brand:
            names += [(f"{self.brand}·{name}", 3), (f"{self.brand}{name}", 2)]
        core = name
        for tail, _ in ESTATE_TAIL:
            if name.endswith(tail) and len(name) - len(tail) >= 2:
                core = name[: -len(tail)]
        if core != name:
            names.append((core + "小区", 1))
        typo = misspell(name, rng)
        if typo != name:
            names.append((typo, 1.5))
        self.names = tuple(names)

    def say(self, rng: Random) -> str:
        return pick_name(rng, self.names)


class Spot:
    """Where a problem is: a natural village, a town centre, a road, a crossing or an estate."""
    __slots__ = ("kind", "county", "town", "village", "hamlet", "road", "number", "cross", "estate", "building",
                 "landmark", "place")

    def __init__(self, kind, county, town, village=None, hamlet="", road="", number=0, cross="", estate=None,
                 building=0, landmark="", place=""):
        self.kind, self.county, self.town = kind, county, town
        self.village, self.hamlet = village, hamlet
        self.road, self.number, self.cross = road, number, cross
        self.estate, self.building, self.landmark, self.place = estate, building, landmark, place

    def say(self, rng: Random) -> str:
        c, cs, t, ts = self.county, COUNTY_SHORT[self.county], self.town, town_short(self.town)
        if self.kind == "hamlet":
            v, h = self.village.name, self.hamlet
            vs = v[:-1] if v.endswith("村") and len(v) > 2 else v
            options = [(f"{c}{t}{v}{h}", 3), (f"玉林市{c}{t}{v}{h}", 1), (f"{t}{v}{h}", 4), (f"{t}{v}", 2),
                       (f"{c}{t}{v}", 2), (f"{cs}{ts}{v}", 1.5), (f"{v}{h}", 2), (f"{ts}{misspell(v, rng)}{h}", 0.7),
                       (h, 0.8), (f"{ts}镇{v}" if t.endswith("镇") else f"{t}{v}", 0.5)]
            if v.endswith("村"):
                options += [(f"{t}{vs}村委{h}", 1), (f"{t}{vs}村委会", 0.5)]
            return weighted(rng, options)
        if self.kind == "town":
            p = self.place
            return weighted(rng, ((f"{t}{p}", 4), (f"{c}{t}{p}", 2), (f"{ts}圩{p}", 1), (f"{t}街上", 0.7),
                                  (f"{cs}{ts}{p}", 1)))
        if self.kind == "road":
            r, n = self.road, self.number
            options = [(f"{r}{n}号", 3), (f"{c}{r}{n}号", 1.5), (f"{r}{n}号附近", 1.5), (f"{r}", 1), (f"{cs}{r}", 1),
                       (f"{r}{self.landmark}附近", 1.5), (f"{r}（{self.landmark}对面）", 0.5), (f"{t}{r}", 0.7)]
            if self.cross:
                options.append((f"{r}靠近{self.cross}路口", 1))
            return weighted(rng, options)
        if self.kind == "cross":
            r, x = self.road, self.cross
            return weighted(rng, ((f"{r}与{x}交叉口", 4), (f"{r}{x}路口", 2), (f"{x}和{r}交汇处", 1.5),
                                  (f"{c}{r}与{x}交界处", 1), (f"{self.landmark}旁边的十字路口", 0.8),
                                  (f"{cs}{r}{x}十字路口", 1)))
        e = self.estate
        a = e.say(rng)
        options = [(a, 6), (f"{e.road}{e.number}号{a}", 1.5), (f"{e.road}{a}", 1), (f"{c}{a}", 1.5), (f"{t}{a}", 1),
                   (f"{cs}{e.road}的{a}", 1), (f"{a}（{e.road}）", 0.5)]
        if self.building:
            options += [(f"{a}{self.building}栋", 3), (f"{a}{self.building}号楼", 1)]
        return weighted(rng, options)

    def near(self, rng: Random) -> str:
        """Where an estate's site is without naming the estate: its road, county or street."""
        if self.kind != "estate":
            return self.say(rng)
        e = self.estate
        return weighted(rng, ((e.road, 3), (f"{COUNTY_SHORT[self.county]}{e.road}", 2), (f"{self.county}{e.road}", 1),
                              (f"{self.county}{self.town}", 1), (f"{e.road}{e.number}号旁边", 1)))

    def address(self, rng: Random) -> str:
        """The problem's place written out in full, as an operator types it into the address field."""
        c, t = self.county, self.town
        head = rng.choice(("", "", "玉林市", "广西玉林市", "广西壮族自治区玉林市"))
        if self.kind == "hamlet":
            return f"{head}{c}{t}{self.village.name}{self.hamlet}"
        if self.kind == "town":
            return f"{head}{c}{t}{self.place}"
        if self.kind == "road":
            return f"{head}{c}{rng.choice(('', t))}{self.road}{self.number}号"
        if self.kind == "cross":
            return f"{head}{c}{self.road}与{self.cross}交叉口"
        e = self.estate
        tail = f"{self.building}栋" if self.building else ""
        return f"{head}{c}{e.road}{e.number}号{e.name}{tail}"

    def rough(self, rng: Random) -> str:
        """The same place at low precision: a county, a town, a road or an estate alone."""
        c = self.county
        if self.kind in ("hamlet", "town"):
            return weighted(rng, ((c, 2), (f"{c}{self.town}", 3), (f"玉林市{c}", 1),
                                  (self.village.name if self.village else self.town, 1)))
        if self.kind == "estate":
            return weighted(rng, ((c, 2), (self.estate.name, 2), (f"{c}{self.estate.road}", 1)))
        return weighted(rng, ((c, 2), (f"{c}{self.road}", 3), (self.road, 1)))


class World:
    def __init__(self, rng: Random):
        self.rng = rng
        self.villages = [Village(c, t, v, rng) for c, t, v in gazetteer()]
        by_name = defaultdict(list)
        for v in self.villages:
            by_name[v.name].append(v)
        self.twins = [v for v in self.villages if len(by_name[v.name]) > 1]
        self.by_county = defaultdict(list)
        for v in self.villages:
            self.by_county[v.county].append(v)
        self.estates = []
        seen = set()
        while len(self.estates) < 330:
            county = weighted(rng, tuple(URBAN_WEIGHT.items()))
            if county == "玉林经济开发区":
                continue
            name = rng.choice(ESTATE_HEAD) + weighted(rng, ESTATE_TAIL)
            if name in seen:
                continue
            seen.add(name)
            self.estates.append(Estate(rng, name, county))
        self.estate_weights = [1 / (i + 5) ** 0.6 for i in range(len(self.estates))]
        self.projects = []
        self.frequent = [Person(rng, self.home(rng), frequent=True) for _ in range(70)]
        self.frequent_weights = [1 / (i + 1) ** 0.8 for i in range(70)]
        self.used = defaultdict(list)  # kind -> earlier problems, for look-alikes

    def village(self, rng: Random, county: str = "") -> Village:
        if not county and rng.random() < 0.18:
            return rng.choice(self.twins)
        if not county:
            county = weighted(rng, tuple(COUNTY_RURAL_WEIGHT.items()))
        return rng.choice(self.by_county[county])

    def estate(self, rng: Random) -> Estate:
        return rng.choices(self.estates, weights=self.estate_weights)[0]

    def hamlet_spot(self, rng: Random, county: str = "", village: Village | None = None) -> Spot:
        v = village or self.village(rng, county)
        return Spot("hamlet", v.county, v.town, village=v, hamlet=rng.choice(v.hamlets))

    def town_spot(self, rng: Random, place: str) -> Spot:
        v = self.village(rng)
        return Spot("town", v.county, v.town, village=None, place=place)

    def road_spot(self, rng: Random, county: str = "") -> Spot:
        county = county or weighted(rng, tuple(URBAN_WEIGHT.items()))
        streets, roads, marks = URBAN[county]
        road = rng.choice(roads)
        cross = rng.choice([r for r in roads if r != road])
        return Spot("road", county, rng.choice(streets), road=road, number=rng.randint(1, 520), cross=cross,
                    landmark=rng.choice(marks))

    def cross_spot(self, rng: Random) -> Spot:
        s = self.road_spot(rng)
        s.kind = "cross"
        return s

    def estate_spot(self, rng: Random, estate: Estate | None = None, building: bool = False) -> Spot:
        e = estate or self.estate(rng)
        return Spot("estate", e.county, e.town, estate=e, road=e.road, number=e.number,
                    building=rng.randint(1, 28) if building else 0)

    def home(self, rng: Random, near: Spot | None = None) -> str:
        """A caller's home, near the problem's place when given."""
        if near is not None and rng.random() < 0.75:
            if near.kind == "hamlet":
                h = near.hamlet if rng.random() < 0.6 else rng.choice(near.village.hamlets)
                return f"{near.county}{near.town}{near.village.name}{h}" + (f"{rng.randint(1, 90)}号" if rng.random() < 0.3 else "")
            if near.kind == "estate":
                e = near.estate
                b = near.building or rng.randint(1, 28)
                return f"{near.county}{e.road}{e.number}号{e.name}{b}栋{rng.randint(1, 4)}单元{rng.randint(1, 32)}0{rng.randint(1, 6)}"
        if near is not None and near.kind in ("road", "cross", "estate") and rng.random() < 0.7:
            same = [e for e in self.estates if e.county == near.county]
            if same:
                e = rng.choice(same)
                return f"{e.county}{e.road}{e.number}号{e.name}{rng.randint(1, 28)}栋{rng.randint(1, 32)}0{rng.randint(1, 6)}房"
        if rng.random() < 0.5:
            v = self.village(rng, near.county if near is not None and near.county in COUNTY_RURAL_WEIGHT else "")
            return f"{v.county}{v.town}{v.name}{rng.choice(v.hamlets)}"
        e = self.estate(rng)
        return f"{e.county}{e.road}{e.number}号{e.name}{rng.randint(1, 28)}栋{rng.randint(1, 32)}0{rng.randint(1, 6)}房"


# ---------------------------------------------------------------- problems

class Problem:
    __slots__ = ("id", "kind", "spot", "facts", "units", "returns", "size", "start")

    def __init__(self, kind, spot, facts, units, returns=()):
        self.kind, self.spot, self.facts, self.units, self.returns = kind, spot, facts, list(units), list(returns)
        self.id = 0
        self.size = 1


def gov(spot: Spot) -> str:
    return COUNTY_GOV[spot.county]


TRADES = ("木工", "泥水工", "钢筋工", "架子工", "水电安装", "外墙涂料", "防水", "铝合金门窗安装", "装修", "砌砖", "模板")


def new_project(world: World, rng: Random):
    if rng.random() < 0.62:
        e = world.estate(rng)
        phase = rng.choice(("", "", "二期", "三期", "一期"))
        core = e.name
        head = f"{e.brand}·" if e.brand else ""
        full = f"{head}{core}{phase}项目"
        names = [(full, 4), (f"{core}{phase}项目", 3), (f"{core}{phase}工地", 3), (f"{core}{phase}", 2),
                 (misspell(core, rng) + "项目", 1), ("那个工地", 1), (f"{e.road}那个楼盘工地", 1)]
        if e.brand:
            names.append((f"{e.brand}{core}", 2))
        spot = world.estate_spot(rng, e)
    else:
        kind = rng.random()
        spot = world.road_spot(rng) if kind < 0.5 else world.town_spot(rng, rng.choice(("", "", "圩镇")))
        place = spot.road if spot.kind == "road" else town_short(spot.town)
        base = rng.choice((f"{place}安置小区", f"{place}中学教学楼", f"{place}卫生院综合楼", f"{place}农贸市场改造",
                           f"{place}道路提升改造", f"{place}污水管网", f"{place}标准厂房", f"{place}幼儿园",
                           f"{place}商业综合体", f"{place}棚户区改造"))
        full = base + rng.choice(("项目", "工程", "建设项目"))
        names = [(full, 5), (base + "工地", 3), (misspell(base, rng) + "工程", 1), ("那个工地", 1.5)]
    project = {"names": tuple(names), "spot": spot, "builder": contractor(rng)}
    world.projects.append(project)
    return project


def make_wage(world, rng):
    if world.projects and rng.random() < 0.45:
        project = rng.choice(world.projects[-60:])
    else:
        project = new_project(world, rng)
    boss = weighted(rng, SURNAMES)
    given = rng.choice(GIVEN_M)
    bosses = ((f"包工头{boss}某", 2), (f"{boss}老板", 3), (f"{boss}{given}", 1), (f"老{boss}", 1), ("包工头", 2),
              ("劳务老板", 1))
    months = rng.randint(2, 10)
    facts = {"project": project, "boss": bosses, "trade": rng.choice(TRADES), "workers": rng.choice((1, 3, 5, 8, 12, 20, 35)),
             "amount": 0, "months": months}
    facts["amount"] = facts["workers"] * rng.randint(60, 150) * 100 * min(months, 5) // 2
    spot = project["spot"]
    units = [gov(spot), "市住房和城乡建设局"] + (["市人力资源和社会保障局"] if rng.random() < 0.4 else [])
    return Problem("wage", spot, facts, units, ["市住房和城乡建设局"] if rng.random() < 0.12 else ())


FIRM_KINDS = (("服装厂", "车位工"), ("牛仔裤加工厂", "车工"), ("电子厂", "普工"), ("陶瓷厂", "拉坯工"), ("酒店", "服务员"),
              ("物流公司", "司机"), ("保安公司", "保安"), ("培训学校", "老师"), ("超市", "收银员"), ("家具厂", "油漆工"),
              ("饭店", "厨师"), ("香料厂", "包装工"), ("养殖公司", "饲养员"), ("汽车4S店", "销售"))


def make_wage_firm(world, rng):
    kind, job = rng.choice(FIRM_KINDS)
    w = rng.choice(FIRM_WORDS)
    if kind.endswith("厂") and rng.random() < 0.5:
        spot = world.hamlet_spot(rng) if rng.random() < 0.5 else world.road_spot(rng, "玉林经济开发区")
    else:
        spot = world.road_spot(rng)
    full = f"玉林市{w}{kind}" + rng.choice(("", "有限公司")) if "公司" not in kind else f"玉林市{w}{kind.replace('公司', '')}有限公司"
    firm = Firm(full, ((full, 3), (w + kind, 3), (misspell(w, rng) + kind, 1), ("那家" + kind, 1)))
    facts = {"firm": firm, "job": job, "workers": rng.choice((1, 1, 2, 6, 15, 30)), "months": rng.randint(1, 6),
             "wage": rng.randint(25, 60) * 100}
    return Problem("wage_firm", spot, facts, [gov(spot), "市人力资源和社会保障局"])


def make_deeds(world, rng):
    siblings = world.used["deeds"]
    if siblings and rng.random() < 0.35:
        base = rng.choice(siblings[-30:])
        e = base.spot.estate
        phase = rng.choice([p for p in ("一期", "二期", "三期", "A区", "B区") if p != base.facts["phase"]])
    else:
        e = world.estate(rng)
        phase = rng.choice(("", "", "一期", "二期"))
    spot = world.estate_spot(rng, e)
    facts = {"phase": phase, "year": rng.choice((2017, 2018, 2019, 2020, 2021, 2022, 2023)),
             "homes": rng.choice((120, 300, 500, 800, 1200)),
             "reason": rng.choice(("开发商欠缴土地出让金", "开发商把土地抵押给银行", "消防验收没通过", "开发商资金链断了",
                                   "规划核实没办下来", "在走流程", ""))}
    return Problem("deeds", spot, facts, ["市住房和城乡建设局", "市自然资源局", gov(spot)][: rng.choice((1, 2, 3))],
                   ["市住房和城乡建设局"] if rng.random() < 0.1 else ())


PROPERTY_ISSUES = ("电梯", "物业费", "停车", "垃圾", "门禁", "化粪池", "二次供水", "消防通道", "绿化", "维修基金", "业委会")


def make_property(world, rng):
    spot = world.estate_spot(rng, building=True)
    issue = rng.choice(PROPERTY_ISSUES)
    facts = {"issue": issue, "fee_old": rng.choice((0.8, 1.0, 1.2, 1.5)), "fee_new": 0, "days": rng.randint(3, 40)}
    facts["fee_new"] = round(facts["fee_old"] + rng.choice((0.3, 0.5, 0.8, 1.0)), 1)
    return Problem("property", spot, facts, ["市住房和城乡建设局"] + ([gov(spot)] if rng.random() < 0.4 else []))


WORKS = ("打桩", "浇筑混凝土", "泥头车进出拉土", "切割钢筋", "用破碎锤打地面", "塔吊作业", "挖掘机挖土")


def make_night_work(world, rng):
    project = rng.choice(world.projects[-80:]) if world.projects and rng.random() < 0.5 else new_project(world, rng)
    facts = {"project": project, "work": rng.choice(WORKS), "until": rng.choice(("凌晨一点", "凌晨两点", "凌晨三四点", "半夜十二点多", "通宵"))}
    return Problem("night_work", project["spot"], facts, ["市生态环境局", "市住房和城乡建设局", "市城市管理监督局"][: rng.choice((1, 2, 2, 3))],
                   ["市住房和城乡建设局"] if rng.random() < 0.15 else ())


SHOPS = (("烧烤", "烧烤"), ("烧烤店", "烧烤"), ("KTV", "歌"), ("音乐酒吧", "酒吧"), ("清吧", "酒吧"), ("大排档", "烧烤"),
         ("夜宵店", "烧烤"), ("汽修厂", "修车"), ("洗车店", "修车"), ("麻将馆", "麻将"), ("棋牌室", "麻将"),
         ("牛杂店", "油烟"), ("螺蛳粉店", "油烟"), ("服装店", "喇叭"), ("手机店", "喇叭"), ("铁艺加工店", "修车"))
SHOP_WORDS = ("老陈", "阿强", "兄弟", "好运来", "夜猫子", "金嗓子", "星光", "1988", "蓝调", "鸿运", "旺角", "老地方", "潮汕",
              "大胖子", "福满楼", "聚贤", "老友记", "江湖", "阿辉", "胖哥", "小龙虾", "K歌之王", "乐迪", "MO", "十八号")


def make_shop_noise(world, rng):
    siblings = [p for p in world.used["shop_noise"][-40:] if p.spot.kind == "road"]
    if siblings and rng.random() < 0.3:
        spot = siblings[-1].spot if rng.random() < 0.4 else rng.choice(siblings).spot
        spot = Spot("road", spot.county, spot.town, road=spot.road, number=max(1, spot.number + rng.randint(-40, 40)),
                    cross=spot.cross, landmark=spot.landmark)
    elif rng.random() < 0.3:
        spot = world.estate_spot(rng, building=True)
    else:
        spot = world.road_spot(rng)
    kind, trouble = rng.choice(SHOPS)
    w = rng.choice(SHOP_WORDS)
    shop = Firm(w + kind, ((w + kind, 4), (misspell(w, rng) + kind, 1), ("那家" + kind, 2), (kind, 1.5), (f"{w}", 0.5)), w)
    facts = {"shop": shop, "trouble": trouble, "kind": kind, "until": rng.choice(("凌晨一点", "凌晨两三点", "半夜", "十二点多", "凌晨四点"))}
    units = {"歌": ["市公安局", "市文化广电体育和旅游局"], "酒吧": ["市公安局", "市生态环境局"], "烧烤": ["市城市管理监督局", "市生态环境局"],
             "修车": ["市城市管理监督局", "市生态环境局"], "麻将": ["市公安局"], "油烟": ["市生态环境局", "市市场监督管理局"],
             "喇叭": ["市城市管理监督局"]}[trouble]
    return Problem("shop_noise", spot, facts, units[: rng.choice((1, 2))] + ([gov(spot)] if rng.random() < 0.2 else []),
                   [units[-1]] if rng.random() < 0.12 else ())


def make_farm(world, rng):
    siblings = world.used["farm"][-50:]
    if siblings and rng.random() < 0.25:
        base = rng.choice(siblings).spot
        spot = world.hamlet_spot(rng, village=base.village)
    else:
        spot = world.hamlet_spot(rng)
    animal = weighted(rng, (("猪", 6), ("鸭", 3), ("鸡", 2), ("牛", 1), ("牛蛙", 1)))
    owner = weighted(rng, SURNAMES)
    w = rng.choice(FIRM_WORDS)
    farm = Firm(f"养{animal}场", ((f"{owner}某的养{animal}场", 3), (f"养{animal}场", 4), (f"{w}养殖场", 2), (f"{w}生态养殖有限公司", 1),
                              (f"村民{owner}某养的{animal}", 1)), w)
    river = rng.choice(RIVERS[spot.county])
    facts = {"farm": farm, "animal": animal, "head": rng.choice((200, 500, 1000, 3000, 5000)), "river": river,
             "distance": rng.choice((30, 50, 80, 100, 200))}
    return Problem("farm", spot, facts, ["市生态环境局", "市农业农村局", gov(spot)][: rng.choice((1, 2, 3))])


PLANTS = (("石场", "quarry"), ("采石场", "quarry"), ("砖厂", "kiln"), ("水洗厂", "wash"), ("洗水厂", "wash"),
          ("石材厂", "stone"), ("混凝土搅拌站", "concrete"), ("商砼站", "concrete"), ("沥青搅拌站", "concrete"))
FUMIAN_TOWNS = ("福绵镇", "成均镇", "樟木镇", "新桥镇", "沙田镇", "石和镇")


def make_plant(world, rng):
    name, kind = rng.choice(PLANTS)
    if kind == "wash":
        v = rng.choice([v for v in world.by_county["福绵区"] if v.town in FUMIAN_TOWNS])
        spot = world.hamlet_spot(rng, village=v)
    else:
        spot = world.hamlet_spot(rng)
    w = rng.choice(FIRM_WORDS)
    vs = spot.village.name.rstrip("村")
    full = f"玉林市{w}{'石材' if kind in ('quarry', 'stone') else ''}有限公司" if rng.random() < 0.4 else w + name
    plant = Firm(full, ((full, 3), (w + name, 3), (vs + name, 2), (name, 2), ("那个" + name, 1.5), (misspell(w, rng) + name, 1)), w)
    facts = {"plant": plant, "kind": kind, "name": name, "river": rng.choice(RIVERS[spot.county])}
    units = ["市生态环境局", gov(spot)] + (["市自然资源局", "市应急管理局"] if kind == "quarry" else [])
    return Problem("plant", spot, facts, units[: rng.choice((1, 2, 3, 4))], ["市自然资源局"] if rng.random() < 0.1 else ())


def make_village_road(world, rng):
    spot = world.hamlet_spot(rng)
    other = rng.choice([h for h in spot.village.hamlets if h != spot.hamlet])
    facts = {"to": rng.choice((other, other, spot.village.name + "委", town_short(spot.town) + "圩", "县道")),
             "issue": rng.choice(("坑洼", "塌方", "水毁", "未硬化", "大车压坏", "桥断")), "km": rng.choice((0.5, 1, 1.5, 2, 3, 5)),
             "homes": rng.choice((30, 50, 80, 100, 200, 300))}
    units = [gov(spot), "市交通运输局"] + (["玉林公路发展中心"] if facts["to"] == "县道" else [])
    return Problem("village_road", spot, facts, units[: rng.choice((1, 2, 2, 3))], ["市交通运输局"] if rng.random() < 0.15 else ())


def make_water(world, rng):
    r = rng.random()
    if r < 0.45:
        spot = world.estate_spot(rng, building=rng.random() < 0.4)
    elif r < 0.75:
        spot = world.hamlet_spot(rng)
    else:
        spot = world.town_spot(rng, rng.choice(("街上", "圩镇", "中心街", "新街")))
    issues = ("停水", "停水", "水压低", "水黄") + (("没通水", "停水") if spot.kind == "hamlet" else ())
    facts = {"issue": rng.choice(issues), "days": rng.randint(1, 10)}
    supplier = "玉林市自来水公司" if spot.county in ("玉州区", "福绵区", "玉东新区") else f"{COUNTY_SHORT[spot.county]}自来水公司"
    if spot.kind == "hamlet":
        units = [gov(spot), "市水利局"]
    else:
        units = [gov(spot), "市住房和城乡建设局", supplier]
    return Problem("water", spot, facts, units[: rng.choice((1, 2, 3))])


def make_power(world, rng):
    spot = world.hamlet_spot(rng) if rng.random() < 0.7 else world.estate_spot(rng, building=True)
    issues = ("经常停电", "电压低", "电线", "变压器", "电线杆") if spot.kind == "hamlet" else ("经常停电", "变压器", "经常停电")
    facts = {"issue": rng.choice(issues), "times": rng.randint(3, 15)}
    return Problem("power", spot, facts, ["玉林供电局", gov(spot), "市发展改革委"][: rng.choice((1, 2, 2, 3))])


def make_street_light(world, rng):
    spot = world.road_spot(rng) if rng.random() < 0.55 else world.hamlet_spot(rng)
    facts = {"count": rng.choice((3, 5, 8, 10, 20)), "months": rng.randint(1, 8)}
    units = ["市城市管理监督局"] if spot.kind == "road" else [gov(spot)]
    if rng.random() < 0.25:
        units.append(gov(spot) if spot.kind == "road" else "市城市管理监督局")
    return Problem("street_light", spot, facts, units, [units[0]] if rng.random() < 0.15 else ())


def make_illegal_build(world, rng):
    spot = rng.choice((world.estate_spot(rng, building=True), world.hamlet_spot(rng), world.road_spot(rng)))
    who = weighted(rng, SURNAMES)
    choices = {"estate": ("楼顶加盖", "楼顶加盖", "占绿地", "拆承重墙", "搭铁皮棚"), "hamlet": ("占耕地建房", "占耕地建房", "扩建围墙", "搭铁皮棚"),
               "road": ("搭铁皮棚", "占绿地", "楼顶加盖", "扩建围墙")}[spot.kind]
    facts = {"who": who, "what": rng.choice(choices),
             "floors": rng.choice((1, 2, 3))}
    units = ["市城市管理监督局", "市自然资源局", gov(spot)]
    return Problem("illegal_build", spot, facts, units[: rng.choice((1, 2, 3))], [units[0]] if rng.random() < 0.15 else ())


def make_rubbish(world, rng):
    r = rng.random()
    spot = world.road_spot(rng) if r < 0.4 else world.hamlet_spot(rng) if r < 0.8 else world.town_spot(rng, rng.choice(("农贸市场", "菜市场", "中学门口", "车站")))
    facts = {"what": rng.choice(("生活垃圾", "建筑垃圾", "垃圾池", "焚烧垃圾")), "days": rng.randint(3, 30)}
    units = ["市城市管理监督局", gov(spot)] if spot.kind == "road" else [gov(spot)]
    return Problem("rubbish", spot, facts, units, ["市城市管理监督局"] if spot.kind == "road" and rng.random() < 0.15 else ())


def make_waterlog(world, rng):
    r = rng.random()
    spot = world.cross_spot(rng) if r < 0.45 else world.estate_spot(rng) if r < 0.75 else world.hamlet_spot(rng)
    facts = {"depth": rng.choice(("没过膝盖", "半米多深", "淹到小腿", "一米多", "车都开不过去")), "cause": rng.choice(("排水管堵", "施工", "地势低", ""))}
    units = ["市城市管理监督局", "市住房和城乡建设局", gov(spot)] if spot.kind != "hamlet" else [gov(spot), "市水利局"]
    return Problem("waterlog", spot, facts, units[: rng.choice((1, 2, 3))], [units[0]] if rng.random() < 0.2 else ())


def make_school(world, rng):
    if rng.random() < 0.45:
        spot = world.road_spot(rng)
        school = rng.choice((f"玉林市第{cn_num(rng.randint(1, 12))}中学", f"{COUNTY_SHORT[spot.county]}{rng.choice(('实验', '育才', '东环', '城南', '新民'))}小学",
                             f"{rng.choice(SHOP_WORDS)}幼儿园", f"{COUNTY_SHORT[spot.county]}{rng.choice(('第一', '第二', '第三'))}初级中学"))
    else:
        spot = world.town_spot(rng, "")
        school = town_short(spot.town) + rng.choice(("镇中心小学", "中学", "初级中学", "镇中心幼儿园", "中心学校"))
    names = ((school, 5), (misspell(school, rng), 1), ("学校", 1))
    facts = {"school": Firm(school, names), "issue": rng.choice(("校服", "资料费", "午托", "食堂", "补课", "校车", "学位")),
             "fee": rng.choice((180, 260, 350, 480, 800, 1200))}
    units = ["市教育局", gov(spot)] + (["市市场监督管理局"] if facts["issue"] == "食堂" else ["市发展改革委"] if rng.random() < 0.2 else [])
    return Problem("school", spot, facts, units[: rng.choice((1, 2, 3))])


PROGRAMS = ("低保", "低保", "养老金", "医保", "残疾补贴", "高龄补贴", "危房改造", "特困供养", "临时救助")


def make_welfare(world, rng):
    siblings = world.used["welfare"][-60:]
    if siblings and rng.random() < 0.3:
        base = rng.choice(siblings)
        spot = world.hamlet_spot(rng, village=base.spot.village)
        program = base.facts["program"] if rng.random() < 0.6 else rng.choice(PROGRAMS)
    else:
        spot = world.hamlet_spot(rng)
        program = rng.choice(PROGRAMS)
    relation = weighted(rng, (("", 4), ("母亲", 3), ("父亲", 2), ("儿子", 1), ("奶奶", 1), ("爷爷", 1), ("丈夫", 1)))
    old = relation in ("母亲", "父亲", "奶奶", "爷爷") or program in ("高龄补贴", "养老金")
    person = Person(rng, "")
    facts = {"program": program, "relation": relation, "who": person, "age": rng.randint(75, 96) if old else rng.randint(38, 70),
             "situation": rng.choice(("患有尿毒症每周要透析", "中风瘫痪在床", "老伴前年去世了", "一个人住", "两个小孩读书",
                                      "患癌症做了手术", "精神残疾", "没有劳动能力", "儿子在外打工不管")),
             "month": rng.randint(1, 12), "cost": rng.choice((8000, 15000, 26000, 48000))}
    dept = {"低保": "市民政局", "特困供养": "市民政局", "临时救助": "市民政局", "养老金": "市人力资源和社会保障局",
            "医保": "市医疗保障局", "残疾补贴": "市民政局", "高龄补贴": "市民政局", "危房改造": "市住房和城乡建设局"}[program]
    units = [gov(spot), dept] if rng.random() < 0.6 else [gov(spot)]
    if rng.random() < 0.15:
        units.append("市乡村振兴局")
    return Problem("welfare", spot, facts, units)


def make_land_dispute(world, rng):
    spot = world.hamlet_spot(rng)
    other = rng.choice([h for h in spot.village.hamlets if h != spot.hamlet])
    if rng.random() < 0.3:
        v2 = rng.choice([v for v in world.by_county[spot.county] if v.town == spot.town and v is not spot.village] or [spot.village])
        other = v2.name + rng.choice(v2.hamlets)
    facts = {"other": other, "what": rng.choice(("山林", "山林", "承包地", "宅基地", "鱼塘", "桉树林")), "mu": rng.choice((3, 5, 10, 20, 50, 100)),
             "who": weighted(rng, SURNAMES)}
    return Problem("land_dispute", spot, facts, [gov(spot), "市自然资源局", "市司法局"][: rng.choice((1, 2, 3))])


INFRA = (("玉湛高速", ("玉州区", "福绵区", "博白县")), ("玉林至岑溪高速", ("北流市", "容县")), ("南玉铁路", ("兴业县", "玉州区")),
         ("博白至高州高速", ("博白县",)), ("龙潭产业园", ("博白县",)), ("城区二环路", ("玉州区",)), ("北流工业园扩园", ("北流市",)),
         ("陆川温泉大道延长线", ("陆川县",)), ("兴业城南工业园", ("兴业县",)), ("容县经开区扩区", ("容县",)), ("福绵节能环保产业园", ("福绵区",)))


def make_requisition(world, rng):
    project, counties = rng.choice(INFRA)
    spot = world.hamlet_spot(rng, rng.choice(counties))
    facts = {"project": project, "issue": rng.choice(("补偿款没到位", "补偿标准", "青苗补偿", "迁坟", "安置房", "多征少补")),
             "mu": rng.choice((0.6, 1.2, 2, 3.5, 8)), "homes": rng.choice((5, 12, 30, 60))}
    units = [gov(spot), "市自然资源局"] + (["高速公路发展中心玉林分中心"] if "高速" in project else [])
    return Problem("requisition", spot, facts, units[: rng.choice((1, 2, 3))])


def make_traffic_light(world, rng):
    spot = world.cross_spot(rng)
    return Problem("traffic_light", spot, {"issue": rng.choice(("绿灯太短", "坏了", "增设", "左转", "倒计时"))}, ["市公安局"])


def make_stalls(world, rng):
    spot = world.road_spot(rng) if rng.random() < 0.6 else world.town_spot(rng, rng.choice(("农贸市场", "中学门口", "街上")))
    facts = {"what": rng.choice(("卖菜", "卖水果", "夜市", "烧烤摊", "卖衣服")), "when": rng.choice(("每天早上", "晚上", "一到周末", "放学时间"))}
    if facts["what"] in ("夜市", "烧烤摊"):
        facts["when"] = rng.choice(("每天晚上", "晚上", "一到晚上"))
    units = ["市城市管理监督局", gov(spot)] if spot.kind == "road" else [gov(spot)]
    return Problem("stalls", spot, facts, units)


PREPAID = (("健身", "健身卡"), ("游泳健身会所", "年卡"), ("英语培训学校", "课时费"), ("舞蹈培训中心", "学费"),
           ("美容院", "会员卡"), ("托管中心", "托管费"), ("洗车店", "储值卡"), ("书法培训", "学费"), ("跆拳道馆", "课时卡"))


def make_prepaid(world, rng):
    kind, card = rng.choice(PREPAID)
    spot = world.estate_spot(rng) if rng.random() < 0.5 else world.road_spot(rng)
    w = rng.choice(FIRM_WORDS + SHOP_WORDS)
    where = spot.estate.name if spot.kind == "estate" else spot.road
    business = Firm(w + kind, ((w + kind, 4), (f"{w}{kind}（{where}店）", 1), (misspell(w, rng) + kind, 1), ("那家" + kind, 1)), w)
    facts = {"business": business, "card": card, "price": rng.choice((1280, 1999, 2680, 3600, 5800, 8800)),
             "members": rng.choice((50, 100, 200, 300, 500))}
    units = ["市市场监督管理局", "市商务局"]
    if "培训" in kind or "托管" in kind:
        units.append("市教育局")
    return Problem("prepaid", spot, facts, units[: rng.choice((1, 2, 3))])


def make_bus(world, rng):
    spot = world.road_spot(rng, rng.choice(("玉州区", "玉州区", "北流市", "玉东新区")))
    route = rng.choice((f"{rng.randint(1, 45)}路", f"K{rng.randint(1, 9)}路", "玉林至北流城际公交", f"{rng.randint(101, 120)}路"))
    facts = {"route": route, "issue": rng.choice(("班次少", "司机态度", "不停站", "改线", "末班车", "拒载老人"))}
    return Problem("bus", spot, facts, ["市交通运输局"])


def make_dogs(world, rng):
    spot = world.estate_spot(rng, building=True) if rng.random() < 0.5 else world.hamlet_spot(rng)
    facts = {"issue": rng.choice(("流浪狗", "不拴绳", "狗叫", "咬人")), "count": rng.choice((5, 8, 10, "十几", "二十多"))}
    units = ["市城市管理监督局", "市公安局", "市农业农村局", gov(spot)]
    return Problem("dogs", spot, facts, [rng.choice(units)] + ([gov(spot)] if rng.random() < 0.3 else []))


def make_fraud(world, rng):
    spot = world.road_spot(rng) if rng.random() < 0.5 else world.hamlet_spot(rng)
    facts = {"how": rng.choice(("刷单返利", "冒充客服退款", "网络贷款", "投资理财", "冒充公检法", "游戏装备交易", "裸聊敲诈")),
             "amount": rng.choice((3800, 12000, 26800, 58000, 130000)), "month": rng.randint(1, 12)}
    return Problem("fraud", spot, facts, ["市公安局"])


def make_square_dance(world, rng):
    r = rng.random()
    if r < 0.4:
        spot = world.estate_spot(rng, building=True)
        facts = {"ground": rng.choice(("小区门口空地", "小区广场", "楼下停车场"))}
    elif r < 0.7:
        spot = world.road_spot(rng)
        facts = {"ground": spot.landmark if rng.random() < 0.5 else rng.choice(("广场", "公园", "桥底"))}
    else:
        spot = world.hamlet_spot(rng)
        facts = {"ground": rng.choice(("村篮球场", "村委门口", "祠堂前面空地"))}
    facts["hours"] = rng.choice(("晚上7点到10点", "晚上八点到十点多", "早上六点", "晚上九点半以后"))
    return Problem("square_dance", spot, facts, ["市公安局", "市城市管理监督局", "市文化广电体育和旅游局"][: rng.choice((1, 2))])


def make_house_quality(world, rng):
    spot = world.estate_spot(rng, building=True)
    facts = {"issue": rng.choice(("漏水", "墙体开裂", "外墙瓷砖脱落", "地面下沉", "窗户渗水")), "room": f"{rng.randint(2, 32)}0{rng.randint(1, 6)}",
             "year": rng.choice((2021, 2022, 2023, 2024))}
    return Problem("house_quality", spot, facts, ["市住房和城乡建设局", gov(spot), "市市场监督管理局"][: rng.choice((1, 2))])


# ---------------------------------------------------------------- what each contact says

class Say:
    """One contact being written: its voice, its caller, what came before."""

    def __init__(self, rng, first, channel, date, nth, own, earlier, gap):
        self.rng, self.first, self.channel, self.date = rng, first, channel, date
        self.nth, self.own, self.earlier, self.gap = nth, own, earlier, gap
        self.seasonal = False

    def I(self):
        return "我" if self.first else self.rng.choice(("来电人", "其", "其"))

    def me(self):
        return "我" if self.first else "其"

    def when(self, year, month):
        y = self.date.year
        if self.rng.random() < 0.35:
            return f"{year}年{month}月"
        return f"今年{month}月" if year == y else f"去年{month}月" if year == y - 1 else f"{year}年{month}月"

    def year_end(self):
        return self.date.month in (12, 1) or (self.date.month == 2 and self.date < SPRING)


def r_wage(p, x):
    f, rng = p.facts, x.rng
    proj = pick_name(rng, f["project"]["names"])
    site = (p.spot.near(rng) if p.spot.kind == "estate" else p.spot.say(rng)) if rng.random() < 0.6 else ""
    at = f"{site}的" if site and proj != "那个工地" else ""
    own = money(rng, f["amount"] / max(1, f["workers"]))
    boss, trade = pick_name(rng, f["boss"]), f["trade"]
    amt = money(rng, f["amount"])
    start = p.start - timedelta(days=30 * f["months"])
    period = f"{x.when(start.year, start.month)}至{x.when(p.start.year, p.start.month)}" if rng.random() < 0.5 else f"{f['months']}个月"
    solo = f["workers"] == 1
    n = people(rng, f["workers"])
    if x.first:
        forms = [f"我在{at}{proj}做{trade}，{period}的工钱到现在都没结，{boss}一直说上面没拨款",
                 f"我是{at}{proj}的{trade}工人，{boss}欠我工资{own}，电话也不接了",
                 f"{proj}拖欠我们{trade}班组工资{amt}，我们一共{n}，找项目部找了好几次都推来推去",
                 f"我们在{site or '城区'}那个工地做{trade}，做了{f['months']}个月，{amt}工钱一分都没拿到，老板跑了",
                 f"{boss}承包{proj}的{trade}活，欠我们{n}的钱，{amt}"]
        if solo:
            forms = forms[:2] + [f"我在{proj}帮{boss}做{trade}，做完了就是不给钱，{own}"]
    else:
        builder = f["project"]["builder"].say(rng)
        builder = "施工方" if builder in ("施工方", "总包单位") else "施工单位" + builder
        forms = [f"其在{at}{proj}从事{trade}工作，{boss}拖欠其{period}工资约{own}，多次讨要未果",
                 f"{proj}{trade}班组{n}被拖欠工资{amt}，{'劳务负责人' + boss if boss not in ('包工头', '劳务老板') else boss}以项目方未拨款为由拒付",
                 f"来电人等{n}在{at}{proj}务工，{boss}拖欠{period}工资共{amt}",
                 f"{site + '的' if site else ''}{proj}拖欠农民工工资，涉及{n}，金额{amt}，{builder}互相推诿"]
        if solo:
            forms = [forms[0], f"来电人在{proj}做{trade}，{boss}拖欠其工资{amt}"]
    body = rng.choice(forms)
    if x.year_end() and rng.random() < 0.6:
        body += rng.choice(("，眼看就要过年了", "，马上过年了家里等着钱用", "，年底了还拿不到钱", "，春节前必须要拿到"))
    demand = rng.choice(("协调尽快支付拖欠的工资", "帮忙讨回工资", "督促施工方结清工钱", "尽快解决欠薪问题", f"责令{boss}支付工资"))
    return body, demand, f"{proj}欠薪", f"{proj}拖欠工资"


def r_wage_firm(p, x):
    f, rng = p.facts, x.rng
    firm = f["firm"].say(rng)
    where = p.spot.say(rng) if rng.random() < 0.5 else ""
    amt = money(rng, f["wage"] * f["months"] * (1 if f["workers"] == 1 else f["workers"] * 0.5), 0.2)
    months = f["months"] + rng.choice((0, 0, 1))
    if x.first:
        body = rng.choice((f"我在{where}{firm}做{f['job']}，老板拖了我{cn_num(months)}个月工资没发，{amt}",
                           f"{firm}拖欠员工工资，{months}个月了，{'我们' + str(f['workers']) + '多个人' if f['workers'] > 2 else '我'}一直在等",
                           f"我已经从{firm}辞职了，还有{amt}工资不给结，说要扣押金"))
    else:
        body = rng.choice((f"其在{where}{firm}任{f['job']}，该公司拖欠其{months}个月工资共计{amt}",
                           f"{where}{firm}拖欠{'员工' + str(f['workers']) + '人' if f['workers'] > 2 else '来电人'}{months}个月工资，约{amt}",
                           f"来电人原为{firm}员工，离职后公司拒不结算工资{amt}"))
    return body, rng.choice(("依法追讨工资", "督促公司支付工资", "帮助追回欠薪")), f"{firm}欠薪", f"{firm}拖欠工资"


def r_deeds(p, x):
    f, rng = p.facts, x.rng
    e = p.spot.estate
    name = e.say(rng) + f["phase"]
    dev = e.dev.say(rng)
    years = x.date.year - f["year"]
    homes = f["homes"] + rng.choice((0, 0, 50, -20, 100))
    why = f["reason"]
    if x.first:
        forms = [f"{name}{f['year']}年就交房了，到现在{cn_num(years)}年了还办不了房产证",
                 f"我们是{name}的业主，交房{years}年多了，{dev}一直拖着不给办不动产权证，小孩读书要用证",
                 f"买了{name}的房子，钱全部付清了，证到现在都拿不到，{dev}每次都说快了",
                 f"{p.spot.say(rng)}办证难，{homes}多户业主都拿不到证，{why or '开发商也不给个说法'}"]
    else:
        forms = [f"其于{f['year']}年购买{name}商品房，至今未能办理不动产权证",
                 f"{name}{homes}余户业主交房多年无法办理不动产权证，{dev}{'称' + why if why else '未给出明确答复'}",
                 f"来电人为{p.spot.say(rng)}业主，{dev}一直拖延为业主办证"]
    body = rng.choice(forms)
    return body, rng.choice(("督促开发商尽快为业主办理不动产权证", "尽快办证", "给业主一个明确的办证时间", "协调解决办证难问题")), f"{name}办证", f"{name}业主办不了证"


def r_property(p, x):
    f, rng = p.facts, x.rng
    where = p.spot.say(rng)
    mgr = p.spot.estate.manager.say(rng)
    b = p.spot.building
    b = "" if f"{b}栋" in where or f"{b}号楼" in where else f"{b}栋"
    i = f["issue"]
    d = f["days"] + rng.choice((0, 1, 2, -1))
    table = {
        "电梯": (f"{where}{b}的电梯经常坏，{'上个星期还困了人' if rng.random() < 0.5 else '坏了' + str(max(1, d)) + '天都没修'}，老人上下楼很困难",
               "电梯维修"),
        "物业费": (f"{where}的{mgr}要把物业费从每平方{f['fee_old']}元涨到{f['fee_new']}元，没有开业主大会", "物业费上涨"),
        "停车": (f"{mgr}在{where}里面乱收停车费，业主自己的车位也要交临停费", "乱收停车费"),
        "垃圾": (f"{where}的垃圾{max(2, d)}天没人清运，臭气熏天，{mgr}不作为", "垃圾没人清"),
        "门禁": (f"{where}大门门禁坏了很久，外面的人随便进出，{mgr}收了钱不管", "门禁坏了"),
        "化粪池": (f"{where}{b}化粪池堵塞，污水从一楼冒出来，{mgr}一直不处理", "化粪池堵塞"),
        "二次供水": (f"{where}的二次供水水箱很久没清洗，打开水龙头有虫子", "水箱不清洗"),
        "消防通道": (f"{where}的消防通道被车长期占用，{mgr}不管", "消防通道被占"),
        "绿化": (f"{mgr}把{where}{b}前面的绿化带挖了改成停车位", "绿化带改车位"),
        "维修基金": (f"{where}{b}楼顶漏水，申请用维修基金修，{mgr}一直拖着", "维修基金"),
        "业委会": (f"{where}业委会选举被{mgr}操纵，业主不认可", "业委会选举"),
    }
    body, short = table[i]
    return body, rng.choice(("督促物业整改", "责令物业公司解决", "尽快处理", "上门核查处理")), f"{p.spot.estate.name}{short}", f"{p.spot.estate.name}{short}"


def r_night_work(p, x):
    f, rng = p.facts, x.rng
    proj = pick_name(rng, f["project"]["names"])
    where = p.spot.near(rng) if p.spot.kind == "estate" and rng.random() < 0.7 else p.spot.say(rng)
    until = f["until"]
    if x.first:
        forms = [f"{where}的{proj}每天晚上{f['work']}到{until}，吵得根本睡不着",
                 f"半夜了{proj}还在施工{f['work']}，噪音太大了，{rng.choice(('孩子明天还要上学', '老人心脏不好', '已经连续一个星期了'))}",
                 f"{where}附近工地夜间施工扰民，{until}还在{f['work']}",
                 f"投诉{proj}晚上施工，{f['work']}的声音整晚不停"]
    else:
        forms = [f"{where}的{proj}夜间{f['work']}，持续至{until}，噪音扰民",
                 f"{where}附近工地（{proj}）晚上施工至{until}，严重影响周边居民休息",
                 f"{proj}连续多日夜间施工，{f['work']}噪音大"]
    return rng.choice(forms), rng.choice(("制止夜间施工", "查处夜间违规施工", "让工地晚上停工", "核实是否办理夜间施工许可")), f"{proj}夜间施工", f"{proj}夜间施工扰民"


def r_shop_noise(p, x):
    f, rng = p.facts, x.rng
    shop = f["shop"].say(rng)
    where = p.spot.say(rng)
    t = f["trouble"]
    until = f["until"]
    if t in ("烧烤", "油烟"):
        core = rng.choice((f"{where}的{shop}油烟直接往住户窗口排，熏得窗都不敢开",
                           f"{where}{shop}每晚在门口摆桌子烧烤到{until}，油烟大又吵",
                           f"{shop}占道摆摊，客人喝酒划拳到{until}"))
    elif t in ("歌", "酒吧"):
        core = rng.choice((f"{where}的{shop}每天晚上音响开得很大，到{until}才停",
                           f"{shop}（{where}）噪音扰民，低音炮震得楼上玻璃都响",
                           f"{where}楼下{shop}晚上唱歌喝酒吵闹到{until}"))
    elif t == "修车":
        core = rng.choice((f"{where}的{shop}在人行道上修车、喷漆，气味很难闻", f"{shop}占用{p.spot.road or '小区'}道路作业，敲敲打打很吵"))
    elif t == "麻将":
        core = rng.choice((f"{where}{shop}通宵打麻将，洗牌声吵得楼上睡不着", f"{shop}每天晚上到{until}还很吵"))
    else:
        core = rng.choice((f"{where}的{shop}门口喇叭循环播放促销广告，声音非常大", f"{shop}用大喇叭放音乐招揽客人，一整天不停"))
    if not x.first:
        core = core.replace("楼上睡不着", "楼上住户无法休息")
    return core, rng.choice(("依法查处", "责令整改", "管一管", "派人处理", "安排执法人员现场处理")), f"{shop}扰民", f"{shop}扰民"


def r_farm(p, x):
    f, rng = p.facts, x.rng
    farm, where, animal = f["farm"].say(rng), p.spot.say(rng), f["animal"]
    head = f["head"] + rng.choice((0, 0, 100, -100, 500))
    per = "头" if animal in ("猪", "牛") else "只"
    if x.first:
        forms = [f"{where}有个{farm}，离我们房子不到{f['distance']}米，臭得受不了，苍蝇到处都是",
                 f"{farm}把粪水直接排到{f['river']}，河水都变黑了",
                 f"我们{p.spot.hamlet}旁边{farm}养了{head}多{per}{animal}，天天臭气熏天，晚上窗都不敢开"]
    else:
        forms = [f"{where}{farm}距离民房约{f['distance']}米，气味难闻、蚊蝇滋生",
                 f"{where}的{farm}（约{head}{per}）将养殖废水排入{f['river']}支流，污染水体",
                 f"{farm}位于{where}，粪污未经处理直排，影响周边村民生活"]
    return rng.choice(forms), rng.choice(("依法查处", "关停该养殖场", "督促整改排污", "派人来看看")), f"{where}{farm}污染", f"{farm}污染"


def r_plant(p, x):
    f, rng = p.facts, x.rng
    plant, where, kind = f["plant"].say(rng), p.spot.say(rng), f["kind"]
    if kind == "quarry":
        issue = rng.choice(("放炮把村民的房子震裂了", "开山放炮飞石落到农田", "粉尘大，菜叶上全是灰", "运石车把村道压烂了", "越界开采"))
    elif kind == "kiln":
        issue = rng.choice(("烟囱冒黑烟", "烧砖的烟气呛人", "取土把山挖空了"))
    elif kind == "wash":
        issue = rng.choice((f"排污水到{f['river']}，河水变成蓝色", "晚上偷排废水，臭味很大", "污水直接排进鱼塘，鱼都死了"))
    elif kind == "stone":
        issue = rng.choice(("切石头噪音大，晚上都不停", "石粉废水乱排", "粉尘很大"))
    else:
        issue = rng.choice(("粉尘满天飞", "搅拌车漏浆撒满路面", "晚上运作噪音大", "泥浆水排进农田"))
    if x.first:
        forms = [f"{where}的{plant}{issue}", f"我们{rng.choice(('村', '屯', '这里'))}附近的{plant}{issue}，多次反映都没人管",
                 f"{plant}{issue}，{rng.choice(('老人小孩都受不了', '村民很有意见', '地里的庄稼都种不了'))}"]
    else:
        forms = [f"{where}{plant}{issue}", f"{where}附近有{plant}，{issue}", f"{plant}（位于{where}）{issue}，影响村民生产生活"]
    return rng.choice(forms), rng.choice(("依法查处", "关停", "督促企业整改", "派人核实", "赔偿村民损失")), f"{plant}{issue[:4]}", f"{plant}"


def r_village_road(p, x):
    f, rng = p.facts, x.rng
    where = p.spot.say(rng)
    issue = {"坑洼": "坑坑洼洼，下雨全是泥浆", "塌方": "有一段塌方了，车过不去", "水毁": "被洪水冲毁了一段",
             "未硬化": "一直没有硬化，是泥巴路", "大车压坏": "被拉石头的大车压烂了", "桥断": "路上的小桥断了"}[f["issue"]]
    to = f["to"]
    km = f["km"]
    if x.first:
        forms = [f"{where}到{to}的路{issue}，小孩上学很危险", f"我们{p.spot.hamlet}出去的路{issue}，有{km}公里左右",
                 f"{where}这条村道{issue}，村里{f['homes']}多人出行困难"]
    else:
        forms = [f"{where}通往{to}的村道（约{km}公里）{issue}", f"{where}村道{issue}，群众出行不便",
                 f"{where}至{to}道路{issue}，影响{f['homes']}余名村民出行"]
    demand = rng.choice(("硬化村道", "把路修好", "尽快硬化")) if f["issue"] == "未硬化" else rng.choice(("修复道路", "尽快修路", "安排维修", "抢修"))
    return rng.choice(forms), demand, f"{where}村道", f"{p.spot.hamlet}村道"


def r_water(p, x):
    f, rng = p.facts, x.rng
    where = p.spot.say(rng)
    d = max(1, f["days"] + rng.choice((0, 0, 1, -1)))
    issue = {"停水": f"停水{cn_num(d)}天了，没有任何通知", "水压低": "水压太低，楼上根本没水用", "水黄": "自来水发黄有异味",
             "没通水": "到现在还没有通自来水，喝的井水"}[f["issue"]]
    if x.first:
        forms = [f"{where}{issue}", f"{where}又停水了！{issue}" if f["issue"] == "停水" else f"{where}{issue}，问了也没人解释",
                 f"请问{where}什么时候来水？{issue}"]
    else:
        forms = [f"{where}{issue}", f"{where}居民家中{issue}", f"{where}{issue}，影响生活用水"]
    return rng.choice(forms), rng.choice(("尽快恢复供水", "核实原因尽快处理", "给个说法", "安排送水")), f"{where}用水", f"{where}{f['issue']}"


def r_power(p, x):
    f, rng = p.facts, x.rng
    where = p.spot.say(rng)
    issue = {"经常停电": f"这个月已经停电{f['times']}次", "电压低": "电压低，晚上空调、冰箱都带不动",
             "电线": "电线老化垂得很低，快碰到人了", "变压器": "变压器太小，一到晚上就跳闸", "电线杆": "电线杆倾斜快倒了"}[f["issue"]]
    body = rng.choice((f"{where}{issue}", f"{where}{issue}，{rng.choice(('天气这么热', '家里有老人', '养的鱼缺氧死了不少'))}"))
    return body, rng.choice(("供电部门尽快处理", "改造线路", "增容变压器", "排查隐患")), f"{where}用电", f"{where}{f['issue']}"


def r_street_light(p, x):
    f, rng = p.facts, x.rng
    where = p.spot.say(rng)
    c = max(2, f["count"] + rng.choice((0, 0, 2, -1)))
    body = rng.choice((f"{where}的路灯坏了{cn_num(c)}盏，晚上黑漆漆的", f"{where}一段路灯不亮已经{f['months']}个月了",
                       f"{where}路灯坏了很久，晚上走路很危险", f"{where}有{c}多盏路灯晚上不亮"))
    return body, rng.choice(("维修路灯", "尽快修好路灯", "安排人员维修")), f"{where}路灯", f"{where}路灯不亮"


def r_illegal_build(p, x):
    f, rng = p.facts, x.rng
    where = p.spot.say(rng)
    who = rng.choice((f"{f['who']}某", f"姓{f['who']}的", "有人", "一户人家"))
    if p.spot.kind == "estate":
        who = rng.choice((f"{p.spot.building}栋顶楼住户", f"{p.spot.building}栋一楼{f['who']}某", who))
    what = {"楼顶加盖": f"在楼顶加盖了{cn_num(f['floors'])}层铁皮房", "占绿地": "占用公共绿地建房",
            "占耕地建房": "在基本农田上建房子", "拆承重墙": "装修拆了承重墙", "搭铁皮棚": "私自搭建铁皮棚",
            "扩建围墙": "扩建围墙占了公共通道"}[f["what"]]
    body = rng.choice((f"{where}{who}{what}", f"{where}有违章建筑，{who}{what}", f"{who}{what}，位于{where}"))
    demand = rng.choice(("制止并责令恢复原状", "查处", "派人核查房屋安全")) if f["what"] == "拆承重墙" else rng.choice(("依法拆除", "查处违建", "制止违法建设"))
    return body, demand, f"{where}违建", f"{where}违建"


def r_rubbish(p, x):
    f, rng = p.facts, x.rng
    where = p.spot.say(rng)
    what = {"生活垃圾": f"生活垃圾堆积{f['days']}天没人清运", "建筑垃圾": "有人乱倒建筑垃圾", "垃圾池": "垃圾池满了溢到路上",
            "焚烧垃圾": "天天有人焚烧垃圾，烟很大"}[f["what"]]
    body = rng.choice((f"{where}{what}", f"{where}{what}，臭味很大", f"{where}附近{what}"))
    return body, rng.choice(("清运垃圾", "及时清理", "处理")), f"{where}垃圾", f"{where}垃圾"


def r_waterlog(p, x):
    f, rng = p.facts, x.rng
    where = p.spot.say(rng)
    if p.spot.kind == "hamlet":
        body = rng.choice((f"{where}一下大雨就淹，农田和房子都进水", f"{where}的排水沟堵了，下雨水排不出去，水稻被淹"))
    else:
        body = rng.choice((f"{where}一下雨就积水，{f['depth']}", f"{where}每逢下雨积水严重，{f['depth']}，车辆行人无法通行",
                           f"今天下大雨{where}又淹了，{f['depth']}", f"{where}地下车库进水" if p.spot.kind == "estate" else f"{where}积水严重"))
    if f["cause"] == "施工" and rng.random() < 0.5:
        body += "，附近施工把排水管堵了"
    return body, rng.choice(("疏通排水管网", "彻底解决积水问题", "尽快排水", "改造排水设施")), f"{where}积水", f"{where}内涝积水"


def r_school(p, x):
    f, rng = p.facts, x.rng
    school = f["school"].say(rng)
    fee = f["fee"]
    issue = {"校服": f"强制学生购买校服，一套{fee}元", "资料费": f"每个学生收取资料费{fee}元", "午托": f"午托费每学期{fee * 2}元，太贵了",
             "食堂": "食堂饭菜质量差，学生吃了拉肚子", "补课": f"节假日组织学生补课，每人收{fee}元", "校车": "校车超载，孩子挤不下",
             "学位": "我们户口在学区内，孩子却分不到学位"}[f["issue"]]
    if not x.first:
        issue = issue.replace("我们", "其").replace("孩子", "其孩子")
    body = rng.choice((f"{school}{issue}", f"{p.spot.say(rng)}的{school}{issue}", f"{x.me()}孩子在{school}读书，学校{issue}"))
    demand = rng.choice(("退还费用", "规范收费", "核查处理")) if f["issue"] in ("校服", "资料费", "午托", "补课") else \
        rng.choice(("核查处理", "督促学校整改", "解决孩子入学问题" if f["issue"] == "学位" else "加强监管"))
    return body, demand, f"{school}{f['issue']}", f"{school}{f['issue']}"


def r_welfare(p, x):
    f, rng = p.facts, x.rng
    rel, program = f["relation"], f["program"]
    named = f["who"].name if rng.random() < 0.6 else ""
    where = p.spot.say(rng)
    age, why = f["age"], f["situation"]
    issue = {"低保": rng.choice(("申请低保村里一直不给评", "低保突然被取消了，没有任何通知", f"低保金从{f['month']}月起没有发放")),
             "养老金": rng.choice((f"养老金从{f['month']}月开始停发", "缴费满十五年了还不能领养老金", "社保卡里领不到养老金")),
             "医保": rng.choice(("交了医保系统却显示未参保，住院不能报销", f"住院花了{f['cost']}元，报销比例太低", "在外地住院回来报销不了")),
             "残疾补贴": "残疾人两项补贴停发了", "高龄补贴": "满80岁了高龄补贴一直没有发", "危房改造": "住的是泥砖房，申请危房改造没批",
             "特困供养": "符合特困供养条件但一直没有纳入", "临时救助": "家里遭遇变故，申请临时救助没人受理"}[program]
    if x.first and rel:
        forms = (f"我{rel}{named}是{where}人，今年{age}岁，{why}，{issue}", f"我是{where}的，我{rel}{named}{why}，{issue}",
                 f"我{rel}{named}{issue}，{why}，家在{where}")
    elif x.first:
        forms = (f"我是{where}村民，今年{age}岁，{why}，{issue}", f"我{issue}，{why}，我家在{where}",
                 f"本人{named}，{where}人，{why}，{issue}")
    elif rel:
        forms = (f"其{rel}{named}系{where}村民，今年{age}岁，{why}，{issue}", f"来电人代其{rel}{named}反映，{why}，{issue}",
                 f"{where}村民{named or '来电人'}的{rel}{why}，{issue}")
    else:
        forms = (f"其系{where}村民{named}，今年{age}岁，{why}，{issue}", f"{where}村民{named or '来电人'}{why}，{issue}",
                 f"来电人{named}{issue}，其{why}")
    return rng.choice(forms), rng.choice(("核实情况给予帮助", "落实政策", "恢复发放", "给予办理")), f"{named or rel or '本人'}{program}", f"{program}问题"


def r_land_dispute(p, x):
    f, rng = p.facts, x.rng
    where = p.spot.say(rng)
    body = rng.choice((f"{where}与{f['other']}因{f['what']}界址发生纠纷，约{f['mu']}亩，{rng.choice(('双方多次争吵', '对方强行砍树', '村委调解不成'))}",
                       f"{f['other']}的村民{f['who']}某强占{where}的{f['what']}{f['mu']}亩", f"{where}的{f['what']}被{f['other']}的人占用，多年纠纷未解决"))
    return body, rng.choice(("依法调处", "确权", "组织双方调解", "派人现场勘界")), f"{where}{f['what']}纠纷", f"{f['what']}纠纷"


def r_requisition(p, x):
    f, rng = p.facts, x.rng
    where, project = p.spot.say(rng), f["project"]
    issue = {"补偿款没到位": f"征地补偿款至今没有到位，{x.me()}家被征{f['mu']}亩", "补偿标准": "补偿标准太低，比隔壁村少一半",
             "青苗补偿": "青苗补偿没有给", "迁坟": "迁坟补偿没有兑现", "安置房": "说好的安置房一直没有落实",
             "多征少补": f"实际征了{f['mu']}亩只按一半补偿"}[f["issue"]]
    body = rng.choice((f"{project}征收{where}的土地，{issue}", f"{where}因{project}建设被征地，{issue}，涉及{f['homes']}户",
                       f"{where}{f['homes']}多户村民的地给{project}征了，{issue}"))
    return body, rng.choice(("尽快兑现补偿", "公开补偿标准", "协调解决")), f"{project}征地{where}", f"{project}征地补偿"


def r_traffic_light(p, x):
    rng = x.rng
    where = p.spot.say(rng)
    issue = {"绿灯太短": "人行绿灯时间太短，老人走不过去", "坏了": "红绿灯坏了好几天，车辆乱成一团", "增设": "车流量大没有红绿灯，经常出事故",
             "左转": "左转灯时间太短，每次都堵", "倒计时": "红绿灯没有倒计时"}[p.facts["issue"]]
    demand = {"绿灯太短": "延长绿灯时间", "坏了": "尽快维修信号灯", "增设": "增设红绿灯", "左转": "调整信号灯配时",
              "倒计时": "加装倒计时"}[p.facts["issue"]]
    return f"{where}{issue}", demand, f"{where}红绿灯", f"{where}红绿灯"


def r_stalls(p, x):
    f, rng = p.facts, x.rng
    where = p.spot.say(rng)
    body = rng.choice((f"{where}{f['when']}有很多{f['what']}的占道经营，车都过不去", f"{where}{f['what']}的摊贩占道，堵塞交通",
                       f"{f['when']}{where}到处是{f['what']}的流动摊贩，又脏又乱"))
    return body, rng.choice(("整治占道经营", "规范摆摊", "清理")), f"{where}占道", f"{where}占道经营"


def r_prepaid(p, x):
    f, rng = p.facts, x.rng
    biz = f["business"].say(rng)
    price = f["price"] + rng.choice((0, 0, 0, 500, -300, 1000))
    m = f["members"]
    if x.first:
        forms = [f"我在{biz}办了{f['card']}{price}元，现在突然关门了，老板联系不上", f"{biz}跑路了，我们{m}多个会员的钱退不了",
                 f"{p.spot.say(rng)}那边的{biz}停业，{f['card']}还剩{price // 2}多没用"]
    else:
        forms = [f"其在{biz}办理{f['card']}{price}元，现该店已停业", f"{p.spot.say(rng)}的{biz}突然关门，{m}余名会员预付费无法退还",
                 f"来电人于{biz}充值{price}元，该店现已人去楼空"]
    return rng.choice(forms), rng.choice(("帮忙退费", "追究老板责任", "协调退款")), f"{biz}退费", f"{biz}跑路"


def r_bus(p, x):
    f, rng = p.facts, x.rng
    route = f["route"]
    stop = p.spot.say(rng)
    issue = {"班次少": "班次太少，等一个小时都没车", "司机态度": "司机态度恶劣，骂乘客", "不停站": f"在{stop}站不停车",
             "改线": f"改线后不经过{stop}了，很不方便", "末班车": "末班车提前收车", "拒载老人": "司机看到老人刷卡就不停"}[f["issue"]]
    return f"{route}{'' if '公交' in route else '公交车'}{issue}", {"班次少": "增加班次", "改线": "恢复原线路", "末班车": "按时发车"}.get(f["issue"], "加强对司机的管理"), f"{route}", route if "公交" in route else f"{route}公交"


def r_dogs(p, x):
    f, rng = p.facts, x.rng
    where = p.spot.say(rng)
    issue = {"流浪狗": f"有{f['count']}只流浪狗，追着人咬", "不拴绳": "有住户遛狗不拴绳，小孩很害怕",
             "狗叫": "邻居家养了几条狗，整晚叫", "咬人": "有狗咬伤了小孩，狗主不管"}[f["issue"]]
    demand = {"流浪狗": "捕捉处理流浪狗", "不拴绳": "加强文明养犬管理", "狗叫": "劝导狗主", "咬人": "处理伤人犬只"}[f["issue"]]
    return f"{where}{issue}", rng.choice((demand, "派人处理")), f"{where}狗", f"{where}{f['issue']}"


def r_fraud(p, x):
    f, rng = p.facts, x.rng
    amt = money(rng, f["amount"], 0.02)
    body = rng.choice((f"{x.I()}于{f['month']}月遭遇{f['how']}诈骗，被骗{amt}，已向派出所报案，至今没有进展",
                       f"{x.me()}被骗了{amt}，是{f['how']}，报了案没人管", f"{x.I()}在网上被人以{f['how']}方式骗走{amt}"))
    return body, rng.choice(("尽快破案追回钱款", "告知案件进展", "帮助追回损失")), f"被骗{amt}", f"{f['how']}被骗"


def r_square_dance(p, x):
    f, rng = p.facts, x.rng
    where = p.spot.say(rng)
    body = rng.choice((f"{where}{f['ground']}每天{f['hours']}跳广场舞，音响太大声", f"{where}有人跳广场舞，音响开得很大，{f['hours']}",
                       f"{f['ground']}（{where}）广场舞噪音扰民"))
    return body, rng.choice(("管一管音量", "劝导降低音量", "处理")), f"{where}广场舞", f"{where}广场舞扰民"


def r_house_quality(p, x):
    f, rng = p.facts, x.rng
    e = p.spot.estate
    where = p.spot.say(rng)
    room = f["room"]
    body = rng.choice((f"{x.me()}家在{where}{room}房，{f['year']}年交房，现在{f['issue']}，{e.dev.say(rng)}不维修",
                       f"{where}{room}{f['issue']}，找开发商和物业都推来推去", f"{e.name}{p.spot.building}栋{room}{f['issue']}"))
    return body, rng.choice(("督促开发商维修", "保修期内维修", "处理")), f"{e.name}{room}{f['issue']}", f"房屋{f['issue']}"


# kind: weight, size profile, pace (days between contacts), seasonal months, night, maker, renderer, results
KINDS = {
    "wage": (9, "big", 6, (11, 12, 1, 2), False, make_wage, r_wage),
    "wage_firm": (3, "small", 10, (12, 1, 2), False, make_wage_firm, r_wage_firm),
    "deeds": (2.2, "big", 35, (), False, make_deeds, r_deeds),
    "property": (6, "medium", 12, (), False, make_property, r_property),
    "night_work": (4.5, "medium", 3, (), True, make_night_work, r_night_work),
    "shop_noise": (7, "medium", 5, (5, 6, 7, 8, 9), True, make_shop_noise, r_shop_noise),
    "farm": (4, "medium", 15, (5, 6, 7, 8), False, make_farm, r_farm),
    "plant": (3.5, "big", 10, (), False, make_plant, r_plant),
    "village_road": (6, "small", 30, (5, 6, 7, 8), False, make_village_road, r_village_road),
    "water": (4, "medium", 1.5, (), False, make_water, r_water),
    "power": (3.5, "medium", 5, (6, 7, 8, 9), False, make_power, r_power),
    "street_light": (5, "small", 15, (), True, make_street_light, r_street_light),
    "illegal_build": (5, "small", 12, (), False, make_illegal_build, r_illegal_build),
    "rubbish": (4, "small", 6, (), False, make_rubbish, r_rubbish),
    "waterlog": (3, "medium", 2, (4, 5, 6, 7, 8, 9), False, make_waterlog, r_waterlog),
    "school": (3.5, "small", 6, (2, 3, 8, 9), False, make_school, r_school),
    "welfare": (8, "single", 25, (), False, make_welfare, r_welfare),
    "land_dispute": (3, "small", 30, (), False, make_land_dispute, r_land_dispute),
    "requisition": (2.5, "medium", 25, (), False, make_requisition, r_requisition),
    "traffic_light": (2, "small", 10, (), False, make_traffic_light, r_traffic_light),
    "stalls": (3, "small", 10, (), False, make_stalls, r_stalls),
    "prepaid": (2, "big", 4, (), False, make_prepaid, r_prepaid),
    "bus": (2, "small", 12, (), False, make_bus, r_bus),
    "dogs": (2, "small", 12, (), False, make_dogs, r_dogs),
    "fraud": (3, "single", 20, (), False, make_fraud, r_fraud),
    "square_dance": (2.5, "small", 7, (), True, make_square_dance, r_square_dance),
    "house_quality": (2, "single", 20, (3, 4, 5, 6), False, make_house_quality, r_house_quality),
}
KIND_WEIGHTS = tuple((k, v[0]) for k, v in KINDS.items())

RESULTS = {
    "wage": ("经{u}协调，施工单位已于近日支付拖欠工资。", "已转{u}劳动保障监察部门处理，劳资双方正在核对工资数额。",
             "经核实，该项目存在拖欠情况，已责令总包单位限期支付。", "已告知来电人可向劳动人事争议仲裁委员会申请仲裁。"),
    "deeds": ("经{u}核实，该项目因开发商未缴清相关税费暂无法办证，已督促开发商尽快补缴。", "正在协调办理首次登记，预计年底前分批办证。"),
    "shop_noise": ("经{u}现场检查，已责令商户整改，降低音量并安装油烟净化设施。", "执法人员夜间到场，商户已停止扰民行为。"),
    "night_work": ("经核查，该工地未办理夜间施工许可，已责令停止夜间施工。", "已要求施工单位合理安排作业时间。"),
    "welfare": ("经{u}入户核查，来电人家庭情况不符合条件，已做好解释。", "已为其办理相关申请，待审批。", "经核实已恢复发放。"),
    "street_light": ("已安排维修，路灯已恢复照明。", "经核实该路段路灯属{u}管养，已转其维修。"),
    "village_road": ("该路段已纳入明年村道改造计划。", "已安排对破损路面进行临时修补。"),
    "fraud": ("已转{u}，案件正在侦办中。", "已告知来电人到辖区派出所了解案件进展。"),
}
GENERIC_RESULTS = ("已转{u}办理，承办单位已联系来电人说明情况。", "经{u}现场核查，情况属实，已责令整改。",
                   "经现场核查，未发现来电人反映的情况。", "已向来电人解释相关政策，来电人表示理解。",
                   "该问题涉及历史遗留问题，{u}正在协调解决。", "已督促责任单位限期处理，后续跟进。",
                   "承办单位多次联系来电人未接通，已短信告知处理情况。", "已处理完毕。", "正在办理中。")


# ---------------------------------------------------------------- how a contact is worded

PHONE_WRAPS = ("来电人反映：{b}。诉求：{d}。", "来电人反映：{b}。诉求：{d}。", "市民来电称，{b}，希望{d}。",
               "来电反映：{b}。来电人要求{d}。", "来电人称{b}。现诉求：{d}。", "群众来电反映{b}，请相关部门{d}。",
               "反映问题：{b}。诉求：{d}。（来电人要求回电）", "来电人反映{b}，要求{d}。", "{b}。来电人希望{d}，并要求反馈处理结果。",
               "来电人情绪激动，称{b}，要求{d}。", "来电人反映：{b}，{d}。", "来电咨询并反映：{b}。请相关部门{d}。",
               "来电人反映：{b}。诉求：{d}。来电人不愿透露姓名。", "来电人反映，{b}。来电人诉求：{d}")
OTHER_WRAPS = ("网民反映：{b}。诉求：{d}。", "留言人称{b}，要求{d}。", "群众反映：{b}，希望{d}。", "反映人称{b}。诉求：{d}。")
WEB_WRAPS = ("{g}{b}，{p}{d}。{t}", "{b}!{p}{d}", "投诉：{b}。{p}{d}。", "【{title}】{b}，{p}{d}。{t}",
             "{g}{b}，{p}{d}，{t}", "{b}。。。{p}{d}", "{g}我要反映一个问题：{b}。{p}{d}。{t}", "{b}，{x}，{p}{d}！")
GREET = ("", "", "你好，", "您好！", "12345你好，", "领导好，", "尊敬的领导：", "市长您好，")
PLEA = ("希望", "请", "麻烦", "恳请政府", "强烈要求", "求", "希望有关部门", "请相关部门")
THANKS = ("", "", "谢谢！", "谢谢", "万分感谢", "望回复。", "盼复。")
EXTRA = ("严重影响生活", "已经好久了", "打了好多次电话都没用", "老百姓真的没办法了", "希望不要再推了")


# what callers add around the complaint itself, by kind: "|" parts are (first person | third person)
MORE = {
    "wage": ("工地现在已经停工了", "项目部说钱已经拨给包工头了|项目部称工程款已拨付给劳务班组", "我们都是外地来的，没钱回家|工友多为外地务工人员",
             "去劳动监察大队登记过|已向劳动监察部门登记", "包工头把微信都删了|包工头已将其微信拉黑", "有考勤记录和欠条"),
    "wage_firm": ("公司还在正常营业", "有工资条和聊天记录作证", "老板说等回款了再发"),
    "deeds": ("房款早就付清了", "开发商和住建局互相推|开发商与主管部门互相推诿", "业主们多次到售楼部讨说法", "小孩读书、落户都要用房产证"),
    "property": ("业主群里很多人都在投诉", "打物业电话没人接", "交了物业费服务却越来越差", "找过社区也没用"),
    "night_work": ("打110也来过一次，走了又继续|曾报警处理，警察走后继续施工", "白天上班晚上根本睡不好", "家里有高考的孩子"),
    "shop_noise": ("跟老板说过几次，根本不理|多次与店主沟通无果", "报过警，来了就小声一会儿", "楼上住了很多老人小孩", "已经持续几个月了"),
    "farm": ("村委会也管不了", "夏天更严重", "井水都有味道了", "养殖场没有任何环保手续"),
    "plant": ("都是晚上偷偷生产", "环保来检查时就停，走了又开", "村民找老板理论还被骂", "已经持续一年多"),
    "village_road": ("村民自己凑钱补过，又烂了", "下雨天摩托车经常摔倒", "村里老人看病都出不去", "报过村委好几次"),
    "water": ("打自来水公司电话一直占线|自来水公司电话无法接通", "家里有老人小孩", "也没有通知什么时候来水"),
    "power": ("打95598报修过", "家里电器烧坏了好几样", "夏天最严重"),
    "street_light": ("晚上有人摔倒过", "附近有学校，孩子晚自习回家很危险", "那一段晚上经常有人被抢"),
    "illegal_build": ("已经建了一半了", "影响邻居采光", "向社区反映过没有人来制止"),
    "rubbish": ("夏天苍蝇蚊子很多", "旁边就是学校", "一直没有环卫工来清"),
    "waterlog": ("每次下雨都这样", "有电动车在里面熄火", "附近商铺也进水了"),
    "school": ("家长都不敢出声", "学校说是自愿的，其实不交不行", "没有开具收费票据"),
    "welfare": ("家里实在困难", "村委说名额满了", "去镇上问过几次都说等通知", "跑了几趟民政都说不归他们管"),
    "land_dispute": ("双方差点打起来", "有土改时期的证明", "镇里调解过一次没有结果"),
    "requisition": ("已经动工了钱还没到", "村民意见很大", "签协议时说好三个月内付清"),
    "prepaid": ("老板电话关机", "店里东西都搬空了", "很多人的卡才刚办不久"),
    "fraud": ("钱是借来的", "警察说在调查"),
}
GENERAL = ("严重影响生活", "已经好长一段时间了", "之前找过社区也没用", "希望引起重视")


def more(x: Say, kind: str) -> str:
    rng = x.rng
    pool = MORE.get(kind, ()) + GENERAL
    picked = []
    for _ in range(weighted(rng, ((0, 3), (1, 5), (2, 3)))):
        part = rng.choice(pool)
        part = part.split("|")[0 if x.first else 1] if "|" in part else part
        if part not in picked:
            picked.append(part)
    return "，".join(picked)


def follow_up(x: Say, short: str) -> str:
    rng = x.rng
    if x.gap > 80 and x.seasonal and rng.random() < 0.7:
        return rng.choice((f"{short}的问题之前处理过，最近又出现了。", "之前也反映过，现在又是这样，",
                           f"{x.earlier.month}月份反映过，当时好了一段时间，现在又开始了。"))
    if x.gap > 80 and rng.random() < 0.6:
        return rng.choice((f"{x.earlier.month}月份就反映过，到现在还是老样子，", "几个月前反映过，一直没有解决，"))
    count = len(x.own) + 1
    forms = ["之前反映过，至今未解决，", "此前已多次反映，", f"关于{short}，",
             f"此前工单{x.earlier.work_order}反映的问题仍未处理，" if x.earlier.work_order else "此前已反映，",
             f"{'我' if x.first else '来电人'}于{x.earlier.month}月{x.earlier.day}日反映过，"]
    if count >= 2:
        forms += [f"第{cn_num(count)}次反映：", f"已经是第{cn_num(count)}次打电话了，"]
    if not x.first:
        forms.append(f"来电人对上次处理结果不满意，称")
    return rng.choice(forms)


def word(p: Problem, x: Say, render) -> str:
    rng = x.rng
    body, demand, short, title = render(p, x)
    extra = more(x, p.kind)
    if extra:
        body = f"{body}，{extra}"
    if not x.first and rng.random() < 0.2 and p.kind not in ("wage", "wage_firm", "welfare", "fraud", "prepaid"):
        body = {"estate": "其系该小区业主，", "hamlet": "其系当地村民，"}.get(p.spot.kind, "其住在附近，") + body
    if x.nth and rng.random() < 0.45:
        head = follow_up(x, short)
        if body.startswith("来电人") and not x.first:
            body = "其" + body[3:]
        if rng.random() < 0.35 and len(body) > 30 and not head.startswith("关于"):
            body = head + short + "的问题还是没有解决" if head.endswith("，") else head + body
        else:
            body = head + body
    if x.first:
        text = rng.choice(WEB_WRAPS).format(g=rng.choice(GREET), b=body, p=rng.choice(PLEA), d=demand, t=rng.choice(THANKS),
                                            title=title, x=rng.choice(EXTRA))
        text = text.replace("，，", "，").replace("，。", "。")
        for right, wrong in rng.sample(TYPOS, 2):
            if right in text and rng.random() < 0.25:
                text = text.replace(right, wrong, 1)
        if rng.random() < 0.4:
            text = text.translate(HALF)
        if rng.random() < 0.03:
            text = text.translate(TRADITIONAL)
    else:
        wrap = rng.choice(PHONE_WRAPS if x.channel == "电话" else OTHER_WRAPS)
        if body.startswith("来电人") and wrap.index("{b}") > 0:
            body = "其" + body[3:]
        body = body.replace("其来电人", "其")
        text = wrap.format(b=body, d=demand)
        text = text.replace("其其", "其").replace("。。", "。").replace("，，", "，")
    return text


# ---------------------------------------------------------------- sizes and times

def size_of(rng: Random, profile: str) -> int:
    table = {"single": ((1, 80), (2, 12), (3, 5), ((4, 6), 3)),
             "small": ((1, 62), (2, 17), (3, 9), ((4, 6), 9), ((7, 10), 3)),
             "medium": ((1, 50), (2, 17), (3, 10), ((4, 6), 14), ((7, 12), 7), ((13, 19), 1.2)),
             "big": ((1, 34), (2, 14), (3, 9), ((4, 8), 20), ((9, 19), 13), ((20, 60), 4.5))}[profile]
    got = weighted(rng, table)
    return rng.randint(*got) if isinstance(got, tuple) else got


HOURS = (1, 0.6, 0.3, 0.2, 0.2, 0.4, 1, 3, 8, 10, 10, 9, 6, 6, 8, 9, 9, 8, 6, 6, 6, 5, 3, 2)


def clock(rng: Random, night: bool) -> int:
    if night and rng.random() < 0.5:
        return rng.choice((21, 22, 22, 23, 23, 23, 0, 0, 1, 2)) * 3600 + rng.randrange(3600)
    return rng.choices(range(24), weights=HOURS)[0] * 3600 + rng.randrange(3600)


def schedule(rng: Random, size: int, pace: float, season, night: bool) -> list[datetime]:
    """When a problem's contacts arrive: bursts, follow-ups, and for seasonal problems a second round months later."""
    gaps = []
    for i in range(size - 1):
        if rng.random() < (0.45 if size >= 15 else 0.3):
            gaps.append(rng.uniform(0.002, 0.2))
        else:
            gaps.append(min(rng.expovariate(1 / pace), pace * 6))
    if season and size >= 3 and rng.random() < 0.4:
        gaps[rng.randrange(len(gaps))] += rng.uniform(90, 240)
    span = sum(gaps)
    if span > DAYS - 5:
        gaps = [g * (DAYS - 5) / span for g in gaps]
        span = DAYS - 5
    for _ in range(30):
        start = rng.uniform(0, DAYS - 1 - span)
        month = (BEGIN + timedelta(days=start)).month
        if not season or month in season or rng.random() < 0.3:
            break
    times = []
    at = start
    for i in range(size):
        if i:
            at += gaps[i - 1]
        day = BEGIN + timedelta(days=int(at))
        if i and gaps[i - 1] < 0.5:
            stamp = times[-1] + timedelta(seconds=int(gaps[i - 1] * 86400))
            if not night and stamp.hour < 7:
                stamp = stamp.replace(hour=rng.randint(7, 10))
        else:
            stamp = day + timedelta(seconds=clock(rng, night))
        times.append(min(stamp, END))
    return times


# ---------------------------------------------------------------- generate

class Contact:
    __slots__ = ("problem", "at", "caller", "channel", "work_order", "seq", "month", "day")

    def __init__(self, problem, at, caller, channel, seq):
        self.problem, self.at, self.caller, self.channel, self.seq = problem, at, caller, channel, seq
        self.work_order = ""
        self.month, self.day = at.month, at.day


def fit_size(rng: Random, p: Problem) -> None:
    """Many contacts come from many people: a large arrears case owes many workers, a closed gym many members."""
    f = p.facts
    if p.kind == "wage" and f["workers"] < p.size // 2 + 1 and p.size >= 4:
        f["workers"] = rng.randint(p.size // 2 + 2, p.size + 12)
        f["amount"] = f["workers"] * rng.randint(60, 150) * 100 * min(f["months"], 5) // 2
    elif p.kind == "wage_firm" and p.size >= 3:
        f["workers"] = max(f["workers"], p.size + rng.randint(2, 20))
    elif p.kind == "prepaid":
        f["members"] = max(f["members"], p.size * rng.randint(4, 12) // 10 * 10)


FAR = ("wage", "wage_firm", "bus", "prepaid", "traffic_light")


def generate(n: int, seed: int) -> list[dict]:
    rng = Random(seed)
    world = World(rng)
    shorts = _members()
    problems, contacts = [], []
    total = 0
    while total < n:
        kind = weighted(rng, KIND_WEIGHTS)
        _, profile, pace, season, night, make, _ = KINDS[kind]
        p = make(world, rng)
        world.used[kind].append(p)
        p.id = len(problems) + 1
        p.size = min(size_of(rng, profile), n - total)
        fit_size(rng, p)
        times = schedule(rng, p.size, pace, season, night)
        p.start = times[0]
        if rng.random() < 0.045:
            main = rng.choices(world.frequent, weights=world.frequent_weights)[0]
        else:
            main = Person(rng, world.home(rng, None if kind in FAR else p.spot))
        neighbours = [main]
        stay = rng.choice((0.2, 0.45, 0.7))  # how much the first caller keeps ringing
        for i, at in enumerate(times):
            if i == 0 or rng.random() < stay or kind in ("fraud", "house_quality"):
                caller = main
            elif len(neighbours) > 1 and rng.random() < 0.3:
                caller = rng.choice(neighbours[1:])
            else:
                caller = Person(rng, world.home(rng, None if kind in FAR else p.spot))
                neighbours.append(caller)
            channel = caller.channel if rng.random() < 0.72 else weighted(rng, tuple(zip(CHANNELS, CHANNEL_WEIGHTS)))
            contacts.append(Contact(p, at, caller, channel, len(contacts)))
        problems.append(p)
        total += p.size
    contacts.sort(key=lambda c: (c.at, c.seq))
    counter = {}
    for c in contacts:
        day = c.at.strftime("%Y%m%d")
        counter[day] = counter.get(day, rng.randint(1, 60)) + rng.randint(1, 25)
        c.work_order = f"YL{day}{counter[day]:05d}"
    history = defaultdict(list)
    rows = []
    for c in contacts:
        p = c.problem
        before = history[p.id]
        own = [b for b in before if b.caller is c.caller]
        earlier = (own or before)[-1] if before else None
        gap = (c.at - before[-1].at).days if before else 0
        if c.channel == "电话":
            first = rng.random() < 0.03
        elif c.channel == "其他":
            first = rng.random() < 0.4
        else:
            first = rng.random() < 0.92
        x = Say(rng, first, c.channel, c.at, len(before), own, earlier, gap)
        x.seasonal = bool(KINDS[p.kind][3])
        content = word(p, x, KINDS[p.kind][6])
        history[p.id].append(c)
        rows.append(row_of(rng, c, p, content, world, shorts))
    return rows


def address_of(rng: Random, c: Contact, p: Problem) -> str:
    r = rng.random()
    if c.channel != "电话":
        r = min(0.999, r + 0.15)  # messages fill in the sender's own address more often
    if r < 0.34:
        return p.spot.address(rng)
    if r < 0.48:
        return p.spot.rough(rng)
    if r < 0.56:
        return rng.choice(("广西玉林市", "玉林市", "广西壮族自治区玉林市", "玉林"))
    if r < 0.78:
        return ""
    return c.caller.home


def units_of(rng: Random, p: Problem, shorts) -> tuple[str, str]:
    """The units a contact went to, and those that sent it back (bounced between departments)."""
    units = list(p.units)
    returns = [u for u in p.returns if rng.random() < 0.7]
    for u in returns:
        if u not in units:
            units.insert(0, u)
    if returns and all(u in returns for u in units):
        units.append(COUNTY_GOV[p.spot.county])
    if not returns and len(units) > 1 and rng.random() < 0.15:
        units = units[:1]
    if rng.random() < 0.15:
        units, returns = [shorts.get(u) or u for u in units], [shorts.get(u) or u for u in returns]
    return "、".join(dict.fromkeys(units)), "、".join(dict.fromkeys(returns))


def row_of(rng: Random, c: Contact, p: Problem, content: str, world: World, shorts) -> dict:
    transfer, returned = units_of(rng, p, shorts)
    late = (END - c.at).days < 12
    if late and rng.random() < 0.7:
        result, satisfaction = "", ""
    else:
        unit = transfer.split("、")[-1] or "相关单位"
        result = rng.choice(RESULTS.get(p.kind, ()) + GENERIC_RESULTS).format(u=unit)
        if rng.random() < 0.06:
            result = ""
        satisfaction = "" if not result else weighted(rng, (("满意", 44), ("基本满意", 26), ("不满意", 20), ("", 10)))
    return {"work_order": c.work_order, "channel": c.channel, "received_at": c.at.strftime("%Y-%m-%d %H:%M:%S"),
            "complainant_name": c.caller.shown(rng, c.channel), "phone": c.caller.dial(rng, c.channel),
            "address": address_of(rng, c, p), "content": content, "transfer_units": transfer, "return_units": returned,
            "result": result, "satisfaction": satisfaction, "problem": p.id}


def write_csv(items: list[dict], path) -> None:
    keys = ("work_order", "channel", "received_at", "complainant_name", "phone", "address", "content",
            "transfer_units", "return_units", "result", "satisfaction")
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADERS)
        for item in items:
            out.writerow([item[key] for key in keys])


def write_labels(items: list[dict], path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(("work_order", "problem"))
        for item in items:
            out.writerow((item["work_order"], item["problem"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=".")
    args = parser.parse_args()
    items = generate(args.n, args.seed)
    folder = Path(args.out)
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(items, folder / f"fourth_hotline_{args.n}_{args.seed}.csv")
    write_labels(items, folder / f"fourth_hotline_{args.n}_{args.seed}_labels.csv")
    print(f"{len(items)} contacts of {len({item['problem'] for item in items})} problems written to {folder}")


if __name__ == "__main__":
    main()
