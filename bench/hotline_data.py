"""Labelled 12345 hotline contacts for 玉林市, written from how callers and operators really write.

Every contact carries the id of the problem it is truly about.  The data is meant to judge problem
grouping ("which contacts are the same problem") and the categories computed on the groups, so it
is written from properties of the real world, not from any matching method:

- places are Yulin's real counties, towns/街道 and villages/社区 (read from jionlp's
  ``china_location.txt`` when it is present, else a small embedded list of real ones), real streets
  and landmarks of the county towns, and estates, shops, projects, companies, schools and markets;
- the address column holds the problem's place, or the caller's home, or nothing ("玉林市"), in the
  many spellings people use (with or without 广西/玉林市, county shortened, 镇/街道 dropped,
  大里村/大里村委/大里村民委员会/大里, 屯 and 组 inside villages, road numbers, full-width digits,
  building/unit/room, "…对面/旁");
- the complaint often says where the problem is, or only "我们村";
- the thing complained about is named in full, shortened, or not at all;
- look-alike problems that are different (several wage-arrears complaints about different projects,
  办证难 at different developments, noise from different shops on one road, one village with a road
  problem and a water problem, different 屯 of one village, several projects at one address) and one
  problem that looks different (several callers, paraphrase, dialect, typos, different figures,
  courtesies, long and short versions, the operator's "来电人反映：…诉求：…");
- problems that come back after months, frequent callers with several problems, channels and
  handling units that vary within a problem, units returning work orders, mixed satisfaction.

``generate(n, seed)`` returns ``Labelled`` items (``.record``: the keys of the JSON API and of
``importer.import_records``; ``.problem``: the true problem id), ``true_categories(items)`` the
categories each problem truly has (DOMAIN.md section 4), ``write_csv(items, path)`` the platform's
CSV export.  ``iter_generate`` streams the same contacts block by block for very large runs.
"""

from __future__ import annotations

import bisect
import csv
import itertools
import os
import random
from collections import defaultdict
from datetime import date, datetime, timedelta

GAZETTEER_FILE = os.environ.get("YULIN_GAZETTEER", "/tmp/jio/jionlp/dictionary/china_location.txt")

START = datetime(2025, 10, 1)
END = datetime(2026, 11, 30, 23, 59)
SPAN_DAYS = (END - START).days
BLOCK = 2500  # problems generated together: siblings, shared things and frequent callers live in a block

# -- places -----------------------------------------------------------------------------------------

COUNTY_SPELLINGS = {
    "玉州区": ("玉州区", "玉州区", "玉州"), "福绵区": ("福绵区", "福绵区", "福绵"),
    "北流市": ("北流市", "北流", "北流"), "容县": ("容县", "容县", "容县", "容州"),
    "陆川县": ("陆川县", "陆川"), "博白县": ("博白县", "博白"), "兴业县": ("兴业县", "兴业"),
}
COUNTY_WEIGHTS = {"玉州区": 30, "福绵区": 8, "北流市": 18, "容县": 10, "陆川县": 11, "博白县": 15, "兴业县": 8}

# A small real part of the gazetteer, used when the full file is not at hand.
FALLBACK_GAZETTEER = {
    "玉州区": {"名山街道": ["二泉村", "朱砂村", "太阳村", "和睦社区", "五里桥社区"],
             "茂林镇": ["鹿塘社区", "车垌社区", "泉东社区", "湘汉社区"],
             "大塘镇": ["苏烟村", "三和村", "大塘村"], "仁东镇": ["仁东社区"], "城北街道": ["城北社区"]},
    "福绵区": {"沙田镇": ["丽良村", "六龙村", "苏立村"], "石和镇": ["平坡村", "石和社区", "旺久村"]},
    "北流市": {"白马镇": ["白马圩社区", "垌尾村", "金头村"], "新丰镇": ["石碗嘴村", "观南村"],
             "城北街道": ["城北社区"], "陵城街道": ["陵城社区"]},
    "容县": {"十里镇": ["十里村", "黎读村", "甘旺村"], "杨村镇": ["踏田村", "横山村", "东华村"]},
    "陆川县": {"乌石镇": ["谢鲁村", "陆选村", "坡子村"], "沙湖镇": ["新街村", "永安村", "官山村"]},
    "博白县": {"沙陂镇": ["八壁村", "那新村", "沙陂村"], "那林镇": ["那林街社区", "六岗村", "石塘村"]},
    "兴业县": {"城隍镇": ["城隍社区", "枫木村", "塘肚村"], "葵阳镇": ["铁南村", "跳崆村", "泉江村"]},
}

_gazetteer_cache: dict | None = None


def load_gazetteer(path: str | None = None) -> dict[str, dict[str, list[str]]]:
    """county -> town -> villages of 玉林市, from the jionlp tree (tab depth 2, 3, 4) if present."""
    global _gazetteer_cache
    if path is None and _gazetteer_cache is not None:
        return _gazetteer_cache
    path = path or GAZETTEER_FILE
    tree: dict[str, dict[str, list[str]]] = {}
    try:
        with open(path, encoding="utf-8") as handle:
            inside = False
            county = town = None
            for line in handle:
                line = line.rstrip("\r\n")
                depth = len(line) - len(line.lstrip("\t"))
                name = line.strip().split("\t")[0]
                if not inside:
                    inside = depth == 1 and name == "玉林市"
                    continue
                if depth <= 1:
                    break
                if depth == 2:
                    county = name
                    tree[county] = {}
                elif depth == 3 and county:
                    town = name
                    tree[county][town] = []
                elif depth == 4 and town:
                    tree[county][town].append(name)
    except OSError:
        tree = {}
    if len(tree) != 7:
        tree = FALLBACK_GAZETTEER
    if path == GAZETTEER_FILE:
        _gazetteer_cache = tree
    return tree


ROADS = {
    "玉州区": ["民主中路", "民主南路", "民主北路", "人民东路", "人民中路", "人民西路", "教育东路", "教育中路",
             "教育西路", "江滨路", "一环东路", "一环南路", "一环西路", "一环北路", "二环北路", "二环东路",
             "二环南路", "玉东大道", "城站路", "广恒路", "新民路", "清宁路", "东明路", "大北路", "中秀路",
             "苗园路", "北京路", "金港大道"],
    "福绵区": ["福绵大道", "福康路", "新华路"],
    "北流市": ["城东路", "城南路", "城西路", "北流大道", "环城南路", "陵城路", "新荣大道"],
    "容县": ["容州大道", "沿河路", "城西路", "人民路", "侨乡大道"],
    "陆川县": ["温泉大道", "新洲路", "城南路", "东环路", "园林路"],
    "博白县": ["城西路", "文明路", "博白大道", "环城大道", "东平路"],
    "兴业县": ["兴业大道", "城西路", "城东路", "玉贵路"],
}
TOWN_OF_SEAT = {"玉州区": ["名山街道", "玉城街道", "城北街道", "城西街道", "南江街道"], "福绵区": ["福绵镇"],
                "北流市": ["陵城街道", "城南街道", "城北街道"], "容县": ["容州镇"], "陆川县": ["温泉镇"],
                "博白县": ["博白镇"], "兴业县": ["石南镇"]}
LANDMARKS = {
    "玉州区": ["玉林师范学院", "东门口市场", "玉林市第一人民医院", "玉林火车站", "玉林汽车总站", "玉林北站",
             "玉林中药港", "玉林市红十字会医院", "万达广场", "玉林市体育中心", "南流江大桥", "五彩田园"],
    "福绵区": ["福绵区人民医院", "福绵汽车站"],
    "北流市": ["北流市人民医院", "北流汽车总站", "北流火车站"],
    "容县": ["容县人民医院", "真武阁", "容县汽车站"],
    "陆川县": ["陆川县人民医院", "陆川汽车站", "谢鲁山庄"],
    "博白县": ["博白县人民医院", "博白汽车站"],
    "兴业县": ["兴业县人民医院", "兴业汽车站"],
}
LANDMARK_SIDES = ("对面", "旁", "旁边", "附近", "后面", "斜对面", "门口", "往北100米")
TUN_NAMES = ("石头", "新屋", "大塘", "岭脚", "上垌", "下垌", "木根", "水口", "榕木", "竹山", "旧屋", "坡头", "塘尾",
             "黄泥", "山心", "松木", "大岭", "田心", "高岭", "中间", "河边", "龙眼", "荔枝", "长坡", "石角", "甘村",
             "垌心", "新村", "老屋", "马鞍", "牛角", "白坟", "鸭塘", "莲塘", "禾田", "茶山", "平岭", "上村", "下村")
CN = "零一二三四五六七八九十"
FULLWIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")


def pick(rng, seq):
    """rng.choice, several times faster (this runs tens of times per contact)."""
    return seq[int(rng.random() * len(seq))]


def randint(rng, low: int, high: int) -> int:
    return low + int(rng.random() * (high - low + 1))


def weighted(rng, items, cumulative):
    return items[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


def cumulate(weights) -> list[float]:
    return list(itertools.accumulate(weights))


def cn_number(n: int) -> str:
    if n <= 10:
        return CN[n]
    if n < 20:
        return "十" + (CN[n % 10] if n % 10 else "")
    if n < 100:
        return CN[n // 10] + "十" + (CN[n % 10] if n % 10 else "")
    return str(n)


class Place:
    """Where a problem is, or where a caller lives: rural (town, village, 屯/组) or urban
    (road and number, estate, landmark) in one county."""

    __slots__ = ("county", "estate", "landmark", "number", "road", "rural", "town", "tun", "village", "zu")

    def __init__(self, county, town=None, village=None, tun=None, zu=None, road=None, number=None,
                 estate=None, landmark=None):
        self.county, self.town, self.village, self.tun, self.zu = county, town, village, tun, zu
        self.road, self.number, self.estate, self.landmark = road, number, estate, landmark
        self.rural = village is not None

    def key(self) -> tuple:
        return (self.county, self.town, self.village, self.tun, self.zu, self.road, self.number,
                self.estate.full if self.estate else None, self.landmark)

    def label(self) -> str:
        parts = [self.county, self.town or "", self.village or "", self.tun and self.tun + "屯" or "",
                 self.zu and f"{self.zu}组" or "", self.road or "", self.number or "",
                 self.estate.full if self.estate else "", self.landmark or ""]
        return "".join(parts)


def _prefix(rng) -> str:
    r = rng.random()
    return "" if r < 0.45 else "玉林市" if r < 0.75 else "广西玉林市" if r < 0.9 else \
        "广西壮族自治区玉林市" if r < 0.96 else "广西"


def county_spelling(rng, county: str) -> str:
    return pick(rng, COUNTY_SPELLINGS[county])


def town_spelling(rng, town: str) -> str:
    base = town[:-2] if town.endswith("街道") else town[:-1]
    r = rng.random()
    if town.endswith("街道"):
        return town if r < 0.6 else base + "街道办" if r < 0.75 else base + "街道办事处" if r < 0.85 else \
            (base if len(base) >= 2 else town)
    return town if r < 0.75 or len(base) < 2 else base


def village_spelling(rng, village: str) -> str:
    if village.endswith("社区"):
        base = village[:-2]
        r = rng.random()
        return village if r < 0.6 else village + "居委会" if r < 0.75 else base + "居委会" if r < 0.85 else \
            (base if len(base) >= 2 else village)
    base = village.removesuffix("村")
    r = rng.random()
    if r < 0.5 or len(base) < 2:
        return village if r < 0.85 or len(base) < 2 else village + "委"
    return village + "委" if r < 0.65 else village + "委会" if r < 0.75 else base + "村民委员会" if r < 0.85 else base


def zu_spelling(rng, zu: int) -> str:
    r = rng.random()
    return f"第{zu}村民小组" if r < 0.25 else f"{zu}组" if r < 0.5 else f"{cn_number(zu)}组" if r < 0.7 else \
        f"第{cn_number(zu)}村民小组" if r < 0.85 else f"{zu}队"


def number_spelling(rng, number: str) -> str:
    return number.translate(FULLWIDTH) if rng.random() < 0.08 else number


def write_place(rng, place: Place, detail: float = 1.0, with_county: float = 0.7) -> str:
    """The place as someone would type it: prefixes and levels dropped or shortened at random;
    ``detail`` is the chance of writing the finest levels (屯/组, building and room)."""
    out = [_prefix(rng)]
    if rng.random() < with_county or not (place.town or place.road or place.estate or place.landmark):
        out.append(county_spelling(rng, place.county))
    if place.rural:
        if place.town and rng.random() < 0.8:
            out.append(town_spelling(rng, place.town))
        out.append(village_spelling(rng, place.village))
        if place.tun and rng.random() < detail:
            out.append(place.tun + "屯")
        if place.zu and rng.random() < detail:
            out.append(zu_spelling(rng, place.zu))
        return "".join(out)
    if place.town and rng.random() < 0.15:
        out.append(town_spelling(rng, place.town))
    if place.road:
        out.append(place.road)
        if place.number:
            out.append(number_spelling(rng, place.number) + ("号" if rng.random() < 0.95 else ""))
    if place.estate:
        if place.road and rng.random() < 0.3:
            out.append(" " if rng.random() < 0.3 else "")
        out.append(pick(rng, place.estate.aliases[:2]))
        if rng.random() < detail * 0.7:
            building, unit, room = randint(rng, 1, 28), randint(rng, 1, 4), randint(rng, 1, 32) * 100 + randint(rng, 1, 6)
            r = rng.random()
            out.append(f"{building}栋{unit}单元{room}" if r < 0.4 else f"{building}栋{room}室" if r < 0.6 else
                       f"{building}幢{room}" if r < 0.75 else f"{chr(65 + building % 6)}栋{room}" if r < 0.9 else
                       f"{building}号楼")
    if place.landmark:
        out.append(place.landmark + pick(rng, LANDMARK_SIDES))
    return "".join(out)


def text_place(rng, place: Place) -> str:
    """How a complaint names the place in its own words (shorter than an address, no prefix mostly)."""
    r = rng.random()
    if place.rural:
        parts = []
        if r < 0.35:
            parts.append(county_spelling(rng, place.county))
        if place.town and r < 0.65:
            parts.append(town_spelling(rng, place.town))
        parts.append(village_spelling(rng, place.village) if rng.random() < 0.5 else place.village)
        if place.tun:
            parts.append(place.tun + "屯")
        if place.zu:
            parts.append(zu_spelling(rng, place.zu))
        return "".join(parts)
    parts = []
    if r < 0.25:
        parts.append(county_spelling(rng, place.county))
    if place.road:
        parts.append(place.road)
        if place.number and rng.random() < 0.6:
            parts.append(number_spelling(rng, place.number) + "号")
    if place.estate:
        parts.append(pick(rng, place.estate.aliases[:2]))
    if place.landmark:
        parts.append(place.landmark + pick(rng, LANDMARK_SIDES))
    return "".join(parts)


# -- named things -----------------------------------------------------------------------------------

class Thing:
    """A project, estate, shop, premises, company, school or market: its full name, the other ways
    people name it (all of which identify it), and how they refer to it without naming it."""

    __slots__ = ("aliases", "company", "full", "generic", "kind", "sort")

    def __init__(self, kind, full, aliases, generic, company=None, sort=None):
        self.kind, self.full, self.aliases, self.generic, self.company = kind, full, aliases, generic, company
        self.sort = sort

    def mention(self, rng) -> str:
        r = rng.random()
        return self.full if r < 0.4 else pick(rng, self.aliases)


BRANDS = ("碧桂园", "恒大", "万达", "彰泰", "荣和", "中鼎", "奥园", "云天", "鸿基", "富丽", "华润", "融创", "金科",
          "佳和", "宏进", "盛世", "雅居乐", "大唐", "天悦", "嘉和", "凯旋", "东城", "盛景", "泰华", "龙湖")
AREAS = ("玉林", "城东", "江南", "北城", "玉东", "城南", "江滨", "东明", "西城", "南城", "新城", "中央")
PHASES = ("一期", "二期", "三期", "东区", "西区", "A区", "B区")
ESTATE_PRE = ("金港", "碧水", "江南", "凤凰", "东方", "富丽", "翡翠", "锦绣", "阳光", "城市", "金色", "华府", "御景",
              "盛世", "天骄", "南国", "幸福", "丽都", "水岸", "观澜", "荔园", "桂花", "玉兰", "紫荆", "名门",
              "世纪", "新天地", "绿城", "香山", "龙湾", "银湖", "美林", "嘉禾", "银海", "明珠", "恒丰", "上城")
ESTATE_MID = ("", "", "", "", "翠湖", "华庭", "御园", "半岛", "湾", "山水", "东方", "君悦")
ESTATE_SUF = ("花园", "小区", "名都", "新城", "豪庭", "华府", "雅苑", "嘉园", "家园", "公馆", "城", "苑", "一号")
SHOP_NAMES = ("老地方", "阿强", "好味道", "兄弟", "金嗓子", "星空", "红星", "顺达", "鸿运", "宏发", "新时代", "夜猫子",
              "老友记", "东北人", "湘味", "潮汕", "阿华", "金龙", "永发", "富民", "兴旺", "明珠", "皇冠", "乐享",
              "蓝调", "一品", "南国", "鑫源", "大福", "发财", "德胜", "老陈", "老李", "阿梁", "大排场", "好运来",
              "聚福", "盛记", "金牛", "银座", "天天", "万家", "佳佳", "强仔", "肥仔", "志明", "嘉乐", "品味")
NOISY_SHOPS = ("烧烤", "大排档", "KTV", "酒吧", "网吧", "夜宵店", "麻将馆", "清吧")
PLANTS = {"养猪场": ("猪场", "养殖场"), "石材厂": ("石材加工厂", "石场"), "搅拌站": ("混凝土搅拌站", "水泥搅拌站"),
          "砖厂": ("红砖厂", "砖窑"), "汽修厂": ("汽车修理厂", "修车厂"), "木材加工厂": ("木材厂", "板材厂"),
          "废品收购站": ("废品站", "收废品的"), "养鸭场": ("鸭场", "养殖场")}
COMPANY_CORE = ("宏远", "顺安", "建兴", "华盛", "鑫达", "永盛", "桂南", "玉星", "广厦", "联鑫", "金誉", "城建", "恒通",
                "鼎盛", "长青", "万福", "佳业", "富源", "正泰", "宏图", "大业", "东升")


def owner_name(rng, attempt: int) -> str:
    """A shop's or premises' name: a word, or the owner's (陈记, 阿明, 老梁, 志强)."""
    r = rng.random() if attempt < 2 else 0.99
    if r < 0.45:
        return pick(rng, SHOP_NAMES)
    if r < 0.6:
        return pick(rng, SURNAMES) + "记"
    if r < 0.72:
        return "阿" + pick(rng, GIVEN)
    if r < 0.82:
        return "老" + pick(rng, SURNAMES)
    if r < 0.92:
        return pick(rng, GIVEN) + pick(rng, GIVEN)
    return pick(rng, SURNAMES) + pick(rng, GIVEN) + pick(rng, GIVEN)


def _pick_unique(rng, make, used: set, tries: int = 5):
    for attempt in range(tries):
        thing = make(attempt)
        if thing.full not in used:
            used.add(thing.full)
            return thing
    return None


def make_project(rng, county: str, used: set, phased_from: Thing | None = None, road: str | None = None,
                 town: str | None = None, village: str | None = None) -> Thing:
    def make(attempt):
        r = rng.random()
        seat = COUNTY_SPELLINGS[county][-1]
        if phased_from is not None:
            brand, area = phased_from.company  # reused as (brand, area) of the development
            phase = pick(rng, PHASES)
            suffix = "项目"
        elif village is not None and r < 0.75:
            base = (village[:-1] if village.endswith("村") else village.removesuffix("社区"))
            town_base = town[:-2] if town and town.endswith("街道") else town[:-1] if town else seat
            town_name = town or seat
            brand, phase = "", ""
            area, suffix = pick(rng, (
                (base, "村道路硬化工程"), (base, "村饮水工程"), (town_name, "污水处理厂项目"),
                (town_name, "卫生院综合楼工程"), (town_base, "中心小学教学楼工程"),
                (f"南玉高铁{town_base}", "段项目"), (f"玉湛高速{town_base}", "段工程"), (f"玉岑高速{town_base}", "段工程"),
                (town_name, "移民安置区"), (base, "村光伏发电项目"), (town_base, "工业园区厂房工程")))
        elif r < 0.6 or road is None:
            brand, area = pick(rng, BRANDS), pick(rng, AREAS if county == "玉州区" else (seat,) + AREAS[:4])
            phase = pick(rng, PHASES) if rng.random() < 0.35 else ""
            suffix = pick(rng, ("项目", "项目", "楼盘", "工程"))
        else:
            brand, area, phase = "", road, ""
            suffix = pick(rng, ("提升改造工程", "道路改造工程", "棚户区改造项目", "安置区", "管网改造工程"))
        if attempt > 1:
            area = area + pick(rng, ("壹号", "时代", "印象", "府", "天地", "新都", "滨江", "中央", "公馆", "雅居", "新天地",
                                     "商业中心", "广场", "生态城", "国际"))
        core = f"{brand}{area}{phase}"
        full = (f"{brand}·{area}{phase}{suffix}" if brand and rng.random() < 0.3 else core + suffix)
        if not brand:
            aliases = [core + suffix, (core + suffix).replace("工程", "项目"), (core + suffix).replace("镇", "", 1)]
            if road and area == road:
                aliases.append(core + "工地")
            return Thing("project", full, list(dict.fromkeys(aliases)),
                         ("这个工地", "那个工地", "这个项目", "一个工地", "该工程"), (brand, area))
        aliases = [core + suffix, core + "工地", core + "项目"]
        if brand:
            aliases.append(f"{brand}{phase}工地" if phase else f"{brand}{area}工地")
            if phase:
                aliases.append(f"{brand}{area}{phase}")
            else:
                aliases.append(f"{brand}{area}楼盘")
        return Thing("project", full, list(dict.fromkeys(aliases)),
                     ("这个工地", "那个工地", "这个项目", "一个工地", "该项目"), (brand, area))
    return _pick_unique(rng, make, used)


def make_estate(rng, used: set) -> Thing:
    def make(attempt):
        if rng.random() < 0.2:
            name = pick(rng, BRANDS) + pick(rng, ("城", "华府", "御府", "天悦", "公园里", "翡翠湾", "壹号院"))
        else:
            name = pick(rng, ESTATE_PRE) + pick(rng, ESTATE_MID) + pick(rng, ESTATE_SUF)
        if attempt > 2:
            name = pick(rng, AREAS) + name
        aliases = [name]
        if not name.endswith("小区"):
            aliases.append(name + "小区")
        return Thing("estate", name, aliases, ("我们小区", "小区", "这个小区", "该小区"))
    return _pick_unique(rng, make, used)


def make_shop(rng, kind: str, county: str, used: set) -> Thing:
    def make(attempt):
        name = owner_name(rng, attempt)
        full = name + kind
        aliases = [full, full + "店" if kind in ("烧烤", "大排档") else full,
                   COUNTY_SPELLINGS[county][-1] + full if county != "玉州区" else "玉林" + full]
        generic = {"烧烤": ("一家烧烤店", "那家烧烤", "楼下的烧烤摊"), "大排档": ("一家大排档", "那个大排档"),
                   "KTV": ("一家KTV", "那个KTV"), "酒吧": ("一家酒吧", "那个酒吧"), "网吧": ("一家网吧", "那个网吧"),
                   "夜宵店": ("一家夜宵店", "那个夜宵店"), "麻将馆": ("一个麻将馆", "那个麻将馆"),
                   "清吧": ("一家清吧", "那个清吧")}[kind]
        return Thing("shop", full, list(dict.fromkeys(aliases)), generic)
    return _pick_unique(rng, make, used)


def make_plant(rng, kind: str, village: str | None, used: set) -> Thing:
    def make(attempt):
        owner = owner_name(rng, attempt)
        full = owner + kind
        other = pick(rng, PLANTS[kind])
        aliases = [full, owner + other]
        if rng.random() < 0.4:
            company = f"玉林市{owner}{kind.rstrip('厂站场')}有限公司"
            aliases.append(company)
        generic = ("一个" + kind, "那个" + kind, "附近的" + other, "有人开的" + kind)
        return Thing("plant", full, list(dict.fromkeys(aliases)), generic, sort=kind)
    return _pick_unique(rng, make, used)


def make_company(rng, used: set, kind: str = "建筑") -> Thing:
    def make(attempt):
        core = pick(rng, COMPANY_CORE) + (pick(rng, COMPANY_CORE)[:1] if attempt > 5 else "")
        if kind == "建筑":
            full = f"广西{core}建筑工程有限公司"
            aliases = [full, f"{core}建筑公司", f"{core}公司", f"广西{core}建筑"]
        elif kind == "房地产":
            full = f"玉林市{core}房地产开发有限公司"
            aliases = [full, f"{core}房地产", f"{core}房地产公司", f"{core}地产"]
        else:
            full = f"玉林市{core}物业服务有限公司"
            aliases = [full, f"{core}物业", f"{core}物业公司"]
        return Thing("company", full, aliases, ("开发商", "施工方", "老板", "公司"))
    return _pick_unique(rng, make, used)


def make_school(rng, county: str, town: str | None, used: set) -> Thing:
    def make(attempt):
        r = rng.random()
        seat = COUNTY_SPELLINGS[county][-1]
        if r < 0.35 and county == "玉州区":
            n = randint(rng, 1, 14)
            full = f"玉林市第{cn_number(n)}中学"
            aliases = [full, f"玉林{cn_number(n)}中", f"市{cn_number(n)}中"]
        elif r < 0.6 and town:
            base = town[:-2] if town.endswith("街道") else town[:-1]
            full = f"{seat}{base}{pick(rng, ('中心小学', '初级中学', '中心幼儿园'))}"
            aliases = [full, full[len(seat):], full.replace("中心小学", "中心校")]
        else:
            name = pick(rng, SHOP_NAMES[:30]) + pick(rng, ("幼儿园", "培训中心", "托管中心"))
            full = name if attempt < 5 else seat + name
            aliases = [full, f"{seat}{full}" if not full.startswith(seat) else full[len(seat):]]
        return Thing("school", full, list(dict.fromkeys(aliases)), ("学校", "小孩读的学校", "这所学校"))
    return _pick_unique(rng, make, used)


def make_market(rng, county: str, town: str | None, used: set) -> Thing:
    def make(attempt):
        if county == "玉州区" and rng.random() < 0.25 and attempt == 0:
            full = pick(rng, ("东门口市场", "宏进农副产品批发市场", "玉林中药港", "城站市场", "大北路市场", "南江市场"))
        else:
            base = (town[:-2] if town and town.endswith("街道") else town[:-1] if town else pick(rng, AREAS))
            full = base + pick(rng, ("农贸市场", "综合市场", "菜市场", "圩")) if attempt < 6 else \
                base + pick(rng, SHOP_NAMES) + "市场"
        aliases = [full, full.replace("农贸市场", "市场").replace("综合市场", "市场"), full.replace("市场", "菜市")]
        return Thing("market", full, list(dict.fromkeys(aliases)), ("菜市场", "市场", "这个市场"))
    return _pick_unique(rng, make, used)


# -- handling units ---------------------------------------------------------------------------------

MEMBER_SHORT = {"市住房和城乡建设局": "市住建局", "市城市管理监督局": "市城管局", "市市场监督管理局": "市市场监管局",
                "市卫生健康委员会": "市卫健委", "市文化广电体育和旅游局": "市文广体旅局", "市工业和信息化局": "市工信局"}
COUNTY_GOV = {county: f"{county}人民政府" for county in COUNTY_SPELLINGS}
COUNTY_GOV_SHORT = {f"{county}人民政府": county for county in COUNTY_SPELLINGS}
SPELLING_OF_UNIT = {**{short: full for full, short in MEMBER_SHORT.items()}, **COUNTY_GOV_SHORT}


def unit_canonical(name: str) -> str:
    return SPELLING_OF_UNIT.get(name, name)


def unit_spelling(rng, name: str) -> str:
    short = MEMBER_SHORT.get(name) or (COUNTY_GOV_SHORT.get(name) if rng.random() < 0.5 else None)
    return short if short and rng.random() < 0.2 else name


def town_gov(county: str, town: str | None) -> str:
    if not town:
        return COUNTY_GOV[county]
    if town.endswith("街道"):
        return f"{county}{town}办事处"
    return f"{county}{town}人民政府"


def county_dept(county: str, dept: str) -> str:
    """A county-level department (not members of the group), or the city's for the city districts."""
    if county in ("玉州区", "福绵区"):
        return {"人社": "玉林市人力资源和社会保障局", "住建": "市住房和城乡建设局", "水利": "玉林市水利局",
                "民政": "玉林市民政局", "教育": "玉林市教育局", "医保": "玉林市医疗保障局",
                "供电": "广西电网有限责任公司玉林供电局", "供水": "玉林市自来水有限公司",
                "环境": "市生态环境局", "城管": "市城市管理监督局", "交通": "市交通运输局",
                "不动产": "玉林市不动产登记中心", "农业": "市农业农村局", "市场": "市市场监督管理局",
                "公安": "市公安局"}[dept]
    return {"人社": f"{county}人力资源和社会保障局", "住建": f"{county}住房和城乡建设局", "水利": f"{county}水利局",
            "民政": f"{county}民政局", "教育": f"{county}教育局", "医保": f"{county}医疗保障局",
            "供电": f"广西电网有限责任公司{COUNTY_SPELLINGS[county][-1].rstrip('县市')}供电局",
            "供水": f"{county}自来水公司", "环境": f"{county}生态环境局", "城管": f"{county}城市管理和综合执法局",
            "交通": f"{county}交通运输局", "不动产": f"{county}不动产登记中心", "农业": f"{county}农业农村局",
            "市场": f"{county}市场监督管理局", "公安": f"{county}公安局"}[dept]


# -- topics -----------------------------------------------------------------------------------------
# {T}: the thing (or the subject of a thingless matter); {W} workers; {M} how long; {A} amount; {Y} years.

TOPICS = {
    "wage": dict(
        weight=12, where="any", thing="project",
        matters=("{T}拖欠{W}名工人工资{M}，共计{A}", "在{T}做工，老板欠我们{W}个人的工钱{M}没给",
                 "{T}的包工头拖欠农民工工资，涉及工人{W}人，金额约{A}", "{T}欠薪，工人{W}个，已经{M}没发工资",
                 "我们一班工友在{T}干活，工程做完了工资一直拿不到，欠了{A}",
                 "{T}项目部拖欠工人工资{A}，{M}没结", "在{T}打工的{W}名农民工被拖欠工资"),
        extras=("找了项目部好几次都说没钱", "包工头电话打不通", "劳动监察去过一次后就没有下文", "快过年了还没拿到钱",
                "家里等着这笔钱给小孩交学费", "开发商说钱已经给了总包，总包说没收到"),
        demands=("要求尽快支付拖欠的工资", "希望相关部门督促施工方结清工资", "请求帮忙讨回工资", "要求依法处理欠薪问题"),
        units=("人社", "住建", "gov")),
    "cert": dict(
        weight=7, where="urban", thing="estate",
        matters=("{T}交房{Y}了，至今办不了不动产权证", "购买{T}的房子，开发商一直不给办房产证",
                 "{T}业主反映：房子住了{Y}，两证迟迟办不下来", "{T}的房产证问题，开发商说手续不全，业主无法办证",
                 "{T}的业主办证难，已经{Y}了"),
        extras=("影响小孩上学落户", "开发商欠税导致无法办证", "去不动产登记中心问说资料不齐", "几百户业主都办不了"),
        demands=("要求开发商尽快为业主办理产权证", "请求相关部门协调解决办证问题", "希望给个办证的时间表"),
        units=("住建", "不动产", "gov")),
    "delivery": dict(
        weight=3, where="urban", thing="estate",
        matters=("{T}合同约定去年底交房，至今没交房", "{T}逾期交房{M}，开发商没有任何说法",
                 "{T}楼盘停工{M}了，业主担心烂尾", "{T}交房后墙体开裂漏水，开发商不管"),
        extras=("每个月还在还房贷", "售楼部已经关门", "业主多次去找开发商无果"),
        demands=("要求开发商按合同交房并赔偿", "请政府介入处理", "要求尽快复工"),
        units=("住建", "gov")),
    "noise_shop": dict(
        weight=9, where="urban", thing="noisy",
        matters=("{T}每天晚上营业到凌晨，噪音很大，严重影响休息", "{T}夜间经营声音嘈杂，客人喝酒划拳吵到半夜",
                 "{T}音响开得很大声，晚上十二点以后还在唱", "{T}占道摆桌，噪音扰民，油烟也大",
                 "{T}每晚吵到两三点，老人小孩都睡不着"),
        extras=("报警后安静一会又照旧", "已经投诉多次", "住在楼上的住户意见很大", "周末更严重"),
        demands=("要求依法查处", "请相关部门管一管", "希望晚上十点后停止营业或降低音量"),
        units=("城管", "公安", "环境")),
    "noise_site": dict(
        weight=5, where="urban", thing="project",
        matters=("{T}晚上施工，打桩机响到凌晨", "{T}夜间施工噪音扰民，泥头车进出很吵",
                 "{T}每天晚上十一点后还在浇灌混凝土", "{T}夜里施工太吵，灰尘也很大"),
        extras=("没有看到夜间施工许可", "附近有学校和医院", "投诉后施工方说是赶工期"),
        demands=("要求停止夜间施工", "请有关部门查处", "希望合理安排施工时间"),
        units=("住建", "环境", "城管")),
    "pollution": dict(
        weight=8, where="rural", thing="plant",
        matters=("{T}污水乱排，水沟都变黑了", "{T}日夜开工，噪音很大影响村民生活", "{T}气味很大，周边村民受不了"),
        extras=("村民多次向村委反映无果", "离民房不到一百米", "下雨天更严重", "井水都不敢喝了"),
        demands=("要求环保部门查处", "要求关停或搬迁", "请尽快派人来看看"),
        units=("环境", "gov", "农业")),
    "road": dict(
        weight=10, where="rural", thing=None, subjects=("村道", "进屯的路", "村里的路", "通屯道路", "村里那条水泥路"),
        matters=("{T}坑坑洼洼，下雨天无法通行", "{T}烂了{Y}，一直没人修", "{T}还是泥巴路，申请硬化",
                 "{T}被大车压坏了，摩托车经常摔跤", "{T}塌方了一半，车辆过不去"),
        extras=("小孩上学很不方便", "村民自己筹钱填过几次", "之前说要修一直没动工", "晚上经常有人摔倒"),
        demands=("要求尽快修复", "希望政府帮忙硬化道路", "请相关部门安排维修"),
        units=("gov", "交通", "乡村振兴")),
    "water_rural": dict(
        weight=6, where="rural", thing=None, subjects=("自来水", "饮用水", "村里的水", "家里的水"),
        matters=("{T}经常停水，一停就是好几天", "{T}水质浑浊发黄，不敢喝", "{T}至今没通，村民还在吃井水",
                 "{T}水压很低，二楼都上不去"),
        extras=("天气热用水量大更严重", "水费照样收", "问村委说是水厂的问题"),
        demands=("要求尽快恢复供水", "希望解决饮水安全问题", "请相关部门检测水质"),
        units=("供水", "水利", "gov")),
    "power": dict(
        weight=5, where="any", thing=None, subjects=("家里", "这一片", "我们这边", "附近几户"),
        matters=("{T}经常停电，电压不稳，电器都烧坏了", "{T}一到晚上电压就不稳，灯都是暗的",
                 "{T}三天两头停电，也不提前通知", "{T}用电的问题一直存在，变压器负荷不够"),
        extras=("冰箱空调都用不了", "打供电所电话说在处理", "家里有老人受不了"),
        demands=("要求供电部门尽快解决", "请增加变压器", "希望停电前提前通知"),
        units=("供电",)),
    "water_urban": dict(
        weight=4, where="urban", thing="estate",
        matters=("{T}停水{D}天了，没有任何通知", "{T}水压不足，高层经常没水", "{T}的自来水有异味"),
        extras=("物业说是供水公司的问题", "供水公司说是小区二次供水的问题", "住户只能下楼提水"),
        demands=("要求尽快恢复供水", "请相关部门协调处理"),
        units=("供水", "住建")),
    "property": dict(
        weight=5, where="urban", thing="estate",
        matters=("{T}物业乱收费，停车费一年涨了两次", "{T}电梯经常坏，物业不修", "{T}物业不作为，垃圾没人清",
                 "{T}物业公司把公共绿地改成停车位收费"),
        extras=("业主委员会一直成立不了", "物业服务合同早就到期", "找物业经理避而不见"),
        demands=("要求规范物业收费", "请主管部门约谈物业公司", "要求物业尽快维修"),
        units=("住建", "市场")),
    "streetlight": dict(
        weight=4, where="road", thing=None, subjects=("路灯", "这段路的路灯", "路边的路灯"),
        matters=("{T}不亮{M}了，晚上很黑", "{T}坏了一大半，晚上走路不安全", "{T}时亮时不亮，一直没人修"),
        extras=("晚上有人摔倒", "附近有学校", "治安也不好"),
        demands=("要求尽快维修", "请城管部门处理"),
        units=("城管",)),
    "drainage": dict(
        weight=4, where="road", thing=None, subjects=("排水沟", "下水道", "这段路", "路边的水沟"),
        matters=("{T}一下雨就水浸街，车都开不过去", "{T}堵塞很久，污水漫到路面", "{T}井盖坏了没人修，很危险"),
        extras=("臭味很大", "门面都进水了", "每年雨季都这样"),
        demands=("要求疏通排水", "请尽快处理"),
        units=("城管", "住建")),
    "garbage": dict(
        weight=4, where="rural", thing=None, subjects=("垃圾", "村口的垃圾", "垃圾池的垃圾", "路边垃圾"),
        matters=("{T}堆积很久没人清运，臭气熏天", "{T}有人焚烧，烟很大", "{T}满了一个多月都没人拉走"),
        extras=("苍蝇蚊子很多", "下雨后污水流到路上"),
        demands=("要求及时清运", "请相关部门处理"),
        units=("gov", "城管")),
    "market": dict(
        weight=3, where="any", thing="market",
        matters=("{T}门口占道经营，交通堵塞", "{T}卫生很差，污水横流", "{T}摊位费乱收", "{T}有人卖病死猪肉"),
        extras=("早上七八点最堵", "管理人员不管"),
        demands=("要求整治", "请市场监管部门查处"),
        units=("市场", "城管")),
    "school": dict(
        weight=3, where="any", thing="school",
        matters=("{T}乱收资料费", "{T}校车超载", "{T}食堂饭菜卫生差，小孩吃了拉肚子", "{T}周末强制补课收费"),
        extras=("家长不敢公开反映", "班主任说是学校规定"),
        demands=("要求教育部门查处", "请核实处理"),
        units=("教育",)),
    "land": dict(
        weight=3, where="rural", thing="project",
        matters=("{T}征收我们村的土地，补偿款一直没发", "{T}占用{W}户村民的田地，没有签协议",
                 "{T}的征地补偿标准太低，村民不同意"),
        extras=("村委说钱还没到", "已经开工了", "青苗补偿也没给"),
        demands=("要求按标准发放补偿款", "请政府协调处理"),
        units=("gov", "自然资源")),
    "personal": dict(
        weight=6, where="home", thing=None, subjects=("低保", "养老保险", "医保报销", "残疾人补贴", "社保转移"),
        matters=("我申请{T}已经{M}了还没批下来", "{T}的事情办了{M}还没办好", "{T}被取消了，没有告知理由",
                 "去办{T}，窗口让我来回跑了好几次"),
        extras=("家里困难", "年纪大了跑不动", "工作人员态度不好"),
        demands=("要求尽快办理", "请给个说法", "希望相关部门核实"),
        units=("民政", "医保", "人社")),
}
PLANT_MATTERS = {
    "养猪场": ("{T}粪水直排到河里，臭味很大", "{T}臭气熏天，苍蝇成群", "{T}猪粪乱堆，下雨就冲到田里"),
    "养鸭场": ("{T}鸭粪水排到鱼塘，水都臭了", "{T}臭味很大，离民房太近"),
    "石材厂": ("{T}切割石头粉尘很大，周边庄稼都是灰", "{T}磨石头的污水乱排，河水都白了", "{T}机器噪音从早响到晚"),
    "搅拌站": ("{T}粉尘污染严重，罐车掉落泥浆", "{T}晚上也在生产，噪音粉尘很大", "{T}洗车污水直排水沟"),
    "砖厂": ("{T}烧砖冒黑烟，气味刺鼻", "{T}取土挖山，粉尘很大", "{T}烟囱整天冒黑烟"),
    "汽修厂": ("{T}喷漆气味刺鼻", "{T}废机油乱倒", "{T}在路边修车占道，噪音大"),
    "木材加工厂": ("{T}木屑粉尘满天飞", "{T}机器噪音很大，晚上也开工"),
    "废品收购站": ("{T}废品乱堆占道，气味很臭", "{T}晚上焚烧电线，烟很大"),
}
TOPIC_NAMES = list(TOPICS)
TOPIC_CUMULATIVE = cumulate(TOPICS[name]["weight"] for name in TOPIC_NAMES)

SURNAMES = "陈李黄梁刘林张王莫钟杨庞吴冯邓谢覃韦罗苏何朱丘牟彭蒋宁廖骆周曾肖"
GIVEN = "伟芳敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰海燕志文建荣德福金凤春梅"
COURTESIES = ("请尽快处理", "请相关部门尽快处理", "已经反映多次", "谢谢", "麻烦你们了", "希望尽快解决", "请给个答复",
              "盼回复", "谢谢领导", "拜托了")
OPENERS_WEB = ("尊敬的领导：您好！", "领导您好，", "您好，", "尊敬的12345：", "")
DIALECT = (("没有", "冇"), ("工资", "工钱"), ("很吵", "好嘈"), ("晚上", "夜晚"), ("那个", "嗰个"), ("什么", "乜嘢"),
           ("反映", "反应"), ("噪音", "噪声"), ("一直", "一直都"), ("拖欠", "欠"), ("处理", "处里"),
           ("扰民", "饶民"), ("小孩", "细佬"), ("现在", "而家"))
TRADITIONAL = str.maketrans("问题处理环境请们这说时间没尽电话来关门东车长发", "問題處理環境請們這說時間沒盡電話來關門東車長發")
CHANNELS = ("phone", "wechat", "web", "app", "other")
CHANNEL_CUMULATIVE = cumulate((70, 12, 8, 8, 2))
CSV_CHANNEL = {"phone": ("电话", "电话", "电话", "热线电话", "12345"), "wechat": ("微信", "微信", "微信公众号"),
               "web": ("网站", "网站", "政府网站"), "app": ("移动客户端", "APP", "手机APP", "小程序"),
               "other": ("其他",)}
SATISFACTIONS = ("满意", "基本满意", "不满意", "未回访")
SATISFACTION_CUMULATIVE = (cumulate((35, 20, 22, 23)), cumulate((30, 18, 35, 17)))  # many callers: less satisfied
HOURS = (8, 9, 10, 11, 14, 15, 16, 17, 19, 20, 21, 22, 23, 0, 7)
HOUR_CUMULATIVE = cumulate((6, 10, 10, 8, 8, 8, 7, 6, 6, 6, 5, 4, 3, 1, 2))
SMALL_SIZES = cumulate((45, 30, 15, 10))


class Labelled:
    """One generated contact: the import record and the id of the problem it is truly about."""

    __slots__ = ("names", "place", "problem", "record", "thing", "topic")

    def __init__(self, record, problem, topic, place, thing, names=()):
        self.record, self.problem, self.topic, self.place, self.thing = record, problem, topic, place, thing
        self.names = names  # the ways the thing is named (shared with the problem, not copied)

    def __repr__(self) -> str:
        return f"Labelled({self.problem}, {self.record['work_order']}, {self.record['content'][:30]!r})"


class Caller:
    __slots__ = ("calls", "channel", "home", "name", "phone")

    def __init__(self, name, phone, home, channel):
        self.name, self.phone, self.home, self.channel, self.calls = name, phone, home, channel, 0


class Problem:
    __slots__ = (
        "amount",
        "callers",
        "company",
        "days",
        "months",
        "needs_fine",
        "needs_thing",
        "pid",
        "place",
        "size",
        "subject",
        "thing",
        "topic",
        "units",
        "varied_units",
        "workers",
        "years",
    )

    def __init__(self, pid, topic, place, thing):
        self.pid, self.topic, self.place, self.thing = pid, topic, place, thing
        self.company = None
        self.callers: list[Caller] = []
        self.needs_thing = False  # a sibling at the same place with the same matter: the thing must be named
        self.needs_fine = False  # a sibling in another 屯/组 of the same village: the 屯/组 must be said


def _size(rng) -> int:
    r = rng.random()
    if r < 0.58:
        return 1
    if r < 0.90:
        return weighted(rng, (2, 3, 4, 5), SMALL_SIZES)
    if r < 0.975:
        return randint(rng, 6, 9)
    return randint(rng, 10, 40)


class World:
    """The state of one block: places, things and callers problems share."""

    def __init__(self, rng, gazetteer, used_things, used_keys, used_coarse):
        self.rng = rng
        self.gaz = gazetteer
        self.counties = list(gazetteer)
        self.county_cumulative = cumulate(COUNTY_WEIGHTS.get(c, 10) for c in self.counties)
        self.used_things = used_things  # names of things already made
        self.used_keys = used_keys  # (matter, thing) or (matter, place) of every problem so far
        self.used_coarse = used_coarse  # (matter, coarse place) of problems of earlier blocks
        self.block_coarse: dict[tuple, list] = {}  # the same, for this block's problems
        self.estates: dict[str, list[Thing]] = defaultdict(list)
        self.frequent: list[Caller] = []
        self.phones: set = set()

    def county(self) -> str:
        return weighted(self.rng, self.counties, self.county_cumulative)

    def rural_place(self, county=None) -> Place:
        rng = self.rng
        county = county or self.county()
        towns = self.gaz[county]
        town = pick(rng, list(towns))
        villages = towns[town] or [town[:-1] + "社区"]
        village = pick(rng, villages)
        tun = zu = None
        r = rng.random()
        if not village.endswith("社区"):
            if r < 0.5:
                tun = pick(rng, TUN_NAMES)
            elif r < 0.65:
                zu = randint(rng, 1, 15)
        return Place(county, town, village, tun, zu)

    def estate(self, county) -> Thing:
        pool = self.estates[county]
        if pool and self.rng.random() < 0.35:
            return pick(self.rng, pool)
        thing = make_estate(self.rng, self.used_things)
        if thing is None:
            return pick(self.rng, pool) if pool else make_estate(self.rng, set())
        pool.append(thing)
        return thing

    def urban_place(self, county=None, with_estate=None, new_estate=True) -> Place:
        rng = self.rng
        county = county or self.county()
        road = pick(rng, ROADS[county])
        town = pick(rng, TOWN_OF_SEAT[county]) if rng.random() < 0.5 else None
        r = rng.random()
        number = None
        if r < 0.7:
            number = str(randint(rng, 1, 480))
            if rng.random() < 0.1:
                number += f"-{randint(rng, 1, 6)}"
        estate = None
        if with_estate or (with_estate is None and rng.random() < 0.45):
            pool = self.estates[county]
            estate = self.estate(county) if new_estate or not pool else pick(rng, pool)
        landmark = None
        if estate is None and number is None:
            landmark = pick(rng, LANDMARKS[county])
            road = road if rng.random() < 0.4 else None
        return Place(county, town, None, None, None, road, number, estate, landmark)

    def phone(self) -> str:
        rng = self.rng
        while True:
            if rng.random() < 0.08:
                phone = f"0775-{randint(rng, 2000000, 3999999)}"
            else:
                phone = pick(rng, "3578") + str(randint(rng, 0, 9)) + f"{randint(rng, 0, 99999999):08d}"
                phone = "1" + phone
            if phone not in self.phones:
                self.phones.add(phone)
                return phone

    def caller(self, problem: Problem) -> Caller:
        rng = self.rng
        if self.frequent and rng.random() < 0.06:
            return pick(rng, self.frequent)
        r = rng.random()
        surname = pick(rng, SURNAMES)
        name = (surname + "".join(pick(rng, GIVEN) for _ in range(pick(rng, (1, 2, 2)))) if r < 0.55 else
                surname + pick(rng, ("先生", "女士", "师傅", "伯", "姐")) if r < 0.85 else
                "匿名" if r < 0.93 else "")
        place = problem.place
        if place.rural and rng.random() < 0.6:
            home = Place(place.county, place.town, place.village,
                         pick(rng, TUN_NAMES) if place.tun or rng.random() < 0.3 else None)
        elif place.rural or rng.random() < 0.3:
            home = self.rural_place(place.county if rng.random() < 0.6 else None)
        else:
            home = self.urban_place(place.county if rng.random() < 0.8 else None, new_estate=False)
        channel = weighted(rng, CHANNELS, CHANNEL_CUMULATIVE)
        caller = Caller(name, self.phone(), home, channel)
        if rng.random() < 0.03:
            self.frequent.append(caller)
        return caller


def _units_for(rng, problem: Problem) -> list[str]:
    spec = TOPICS[problem.topic]
    place = problem.place
    units = []
    for dept in spec["units"]:
        if dept == "gov":
            units.append(town_gov(place.county, place.town) if place.town and (place.rural or rng.random() < 0.3)
                         else COUNTY_GOV[place.county])
        elif dept == "乡村振兴":
            units.append("市乡村振兴局")
        elif dept == "自然资源":
            units.append("市自然资源局")
        else:
            units.append(county_dept(place.county, dept))
    if rng.random() < 0.5 and len(units) > 1:
        first = rng.randrange(len(units))
        units.insert(0, units.pop(first))
    return list(dict.fromkeys(units))


def _new_problem(world: World, pid: int, siblings: list[Problem]) -> Problem | None:
    rng = world.rng
    base = pick(rng, siblings) if siblings and rng.random() < 0.3 else None
    if base is not None:
        problem = _sibling(world, pid, base)
        if problem is not None:
            return problem
    topic = weighted(rng, TOPIC_NAMES, TOPIC_CUMULATIVE)
    spec = TOPICS[topic]
    where = spec["where"]
    county = world.county()
    if where == "rural" or (where in ("any", "home") and rng.random() < 0.5):
        place = world.rural_place(county)
    else:
        place = world.urban_place(county, with_estate=True if spec["thing"] == "estate" else
                                  False if where == "road" else None)
        if where == "road":
            place.road = place.road or pick(rng, ROADS[county])
            place.number = None
            place.landmark = None
    thing = _thing_for(world, topic, place)
    if spec["thing"] and thing is None:
        return None
    return _finish(world, Problem(pid, topic, place, thing))


def _thing_for(world: World, topic: str, place: Place) -> Thing | None:
    rng = world.rng
    kind = TOPICS[topic]["thing"]
    if kind == "project":
        return make_project(rng, place.county, world.used_things, road=place.road, town=place.town,
                            village=place.village)
    if kind == "estate":
        if place.estate is None:
            place.estate = world.estate(place.county)
        return place.estate
    if kind == "noisy":
        return make_shop(rng, pick(rng, NOISY_SHOPS), place.county, world.used_things)
    if kind == "plant":
        return make_plant(rng, pick(rng, list(PLANTS)), place.village, world.used_things)
    if kind == "market":
        return make_market(rng, place.county, place.town, world.used_things)
    if kind == "school":
        return make_school(rng, place.county, place.town, world.used_things)
    return None


def _sibling(world: World, pid: int, base: Problem) -> Problem | None:
    """A different problem that looks like ``base``: same place another matter, same matter another
    thing at the same place, another 屯/组 of the same village, another phase of the same development."""
    rng = world.rng
    place = base.place
    r = rng.random()
    if TOPICS[base.topic]["thing"] in ("project", "noisy", "plant") and r < 0.45:
        # Several projects at one address, or several noisy shops on one road.
        new_place = Place(place.county, place.town, place.village, place.tun, place.zu, place.road,
                          place.number if rng.random() < 0.6 else None, place.estate, place.landmark)
        if base.topic in ("wage", "noise_site", "land") and base.thing.company[0] and rng.random() < 0.5:
            thing = make_project(rng, place.county, world.used_things, phased_from=base.thing)
        else:
            thing = _thing_for(world, base.topic, new_place)
        if thing is None:
            return None
        return _finish(world, Problem(pid, base.topic, new_place, thing))
    if place.rural and (place.tun or place.zu) and TOPICS[base.topic]["thing"] is None and r < 0.75:
        # Another 屯 (or 组) of the same village with the same kind of problem.
        if place.tun:
            other = Place(place.county, place.town, place.village, pick(rng, TUN_NAMES))
        else:
            other = Place(place.county, place.town, place.village, None, randint(rng, 1, 15))
        return _finish(world, Problem(pid, base.topic, other, None))
    # The same place with another matter (a village with a road and a water problem; an estate
    # with 办证难 and a property-management problem).
    same_where = [name for name in TOPIC_NAMES if name != base.topic and
                  (TOPICS[name]["where"] == ("rural" if place.rural else "urban") or TOPICS[name]["where"] == "any")]
    if not same_where:
        return None
    topic = pick(rng, same_where)
    new_place = Place(place.county, place.town, place.village, place.tun, place.zu, place.road, place.number,
                      place.estate, place.landmark)
    thing = _thing_for(world, topic, new_place)
    if TOPICS[topic]["thing"] and thing is None:
        return None
    return _finish(world, Problem(pid, topic, new_place, thing))


def coarse_place(place: Place) -> tuple:
    """The place as far as a caller who does not name the thing can say it."""
    if place.rural:
        return (place.county, place.town, place.village)
    if place.road is not None:
        return (place.county, "road", place.road)
    if place.estate is not None:
        return (place.county, "estate", place.estate.full)
    return (place.county, "landmark", place.landmark)


def _admit(world: World, problem: Problem) -> bool:
    """Keep the labels sound: one problem per (matter, thing); at a place, problems of one matter
    that a caller could not tell apart without the thing or the 屯/组 are made to name it."""
    place = problem.place
    coarse = (problem.topic,) + coarse_place(place)
    if problem.thing is not None:
        key = (problem.topic, problem.thing.full)
        if key in world.used_keys:
            return False
        world.used_keys.add(key)
        here = world.block_coarse.setdefault(coarse, [])
        if here or coarse in world.used_coarse:
            problem.needs_thing = True
            for other in here:
                other.needs_thing = True
        here.append(problem)
        return True
    fine = place.rural and (place.tun or place.zu)
    key = (problem.topic, place.key())
    if key in world.used_keys or coarse in world.used_coarse:
        return False
    here = world.block_coarse.setdefault(coarse, [])
    if here:
        if not fine or not all(other.place.tun or other.place.zu for other in here):
            return False
        problem.needs_fine = True
        for other in here:
            other.needs_fine = True
    world.used_keys.add(key)
    here.append(problem)
    return True


def _finish(world: World, problem: Problem) -> Problem | None:
    rng = world.rng
    if problem.topic == "personal":
        problem.needs_fine = False
    elif not _admit(world, problem):
        return None
    spec = TOPICS[problem.topic]
    problem.size = _size(rng)
    problem.units = _units_for(rng, problem)
    problem.varied_units = rng.random() < 0.45  # passed between units (推诿) rather than handled by one
    problem.workers = randint(rng, 4, 60)
    problem.months = pick(rng, (1, 2, 2, 3, 3, 4, 5, 6, 8, 10, 12, 14))
    problem.amount = pick(rng, (2, 3, 5, 8, 12, 15, 20, 26, 35, 48, 60, 85, 120, 200))
    problem.years = pick(rng, (1, 2, 3, 4, 5, 6, 8))
    problem.days = randint(rng, 2, 6)
    problem.subject = pick(rng, spec["subjects"]) if "subjects" in spec else None
    if problem.topic == "wage" and rng.random() < 0.5:
        problem.company = make_company(rng, world.used_things, "建筑")
    elif problem.topic in ("cert", "delivery") and rng.random() < 0.6:
        problem.company = make_company(rng, world.used_things, "房地产")
    elif problem.topic == "property" and rng.random() < 0.6:
        problem.company = make_company(rng, world.used_things, "物业")
    if problem.topic == "personal":
        problem.size = min(problem.size, pick(rng, (1, 2, 3, 4, 6)))
    return problem


# -- times ------------------------------------------------------------------------------------------

def _times(rng, problem: Problem) -> list[datetime]:
    size = problem.size
    pattern = rng.random()
    if problem.topic == "wage" and rng.random() < 0.5:  # before the Spring Festival
        start_day = pick(rng, (45, 410)) + randint(rng, 0, 100)
    else:
        start_day = randint(rng, 0, SPAN_DAYS)
    days: list[float] = []
    if size == 1:
        days = [start_day]
    elif pattern < 0.45:  # a burst: within days or weeks
        spread = pick(rng, (2, 7, 20, 45))
        days = [start_day + rng.random() * spread for _ in range(size)]
    elif pattern < 0.75:  # chronic: all year round
        spread = randint(rng, 60, 330)
        days = [start_day + rng.random() * spread for _ in range(size)]
    else:  # comes back after months
        episodes = 2 if size < 6 or rng.random() < 0.6 else 3
        starts = [start_day]
        for _ in range(episodes - 1):
            starts.append(starts[-1] + randint(rng, 90, 300))
        days = [starts[i % episodes] + rng.random() * pick(rng, (3, 10, 25)) for i in range(size)]
    latest = max(days)
    if latest > SPAN_DAYS:
        shift = latest - SPAN_DAYS + rng.random() * 5
        days = [day - shift for day in days]
    earliest = min(days)
    if earliest < 0:  # longer than the span: squeeze
        days = [(day - earliest) * SPAN_DAYS / max(1.0, latest - earliest) for day in days]
    times = []
    for day in sorted(days):
        hour = weighted(rng, HOURS, HOUR_CUMULATIVE)
        moment = START + timedelta(days=int(day), hours=hour, minutes=randint(rng, 0, 59), seconds=randint(rng, 0, 59))
        times.append(min(moment, END))
    return times


# -- texts ------------------------------------------------------------------------------------------

def _workers(rng, n: int) -> str:
    r = rng.random()
    quoted = max(2, n + randint(rng, -3, 3)) if r < 0.6 else n
    if r < 0.75:
        return str(quoted)
    if r < 0.9:
        return cn_number(quoted)
    return "十几" if n < 20 else f"{cn_number(n // 10 * 10)}多" if n < 100 else "上百"


def _months(rng, m: int) -> str:
    r = rng.random()
    if r < 0.4:
        return f"{cn_number(m) if m <= 12 and rng.random() < 0.6 else m}个月"
    if r < 0.6:
        return f"{m * 30 - randint(rng, 0, 9)}多天" if m <= 6 else f"{m}个多月"
    if r < 0.75 and m >= 6:
        return "半年多" if m < 12 else "一年多"
    if r < 0.85:
        return f"快{cn_number(m + 1) if m < 10 else m + 1}个月"
    return f"{m}个月"


def _amount(rng, a: int) -> str:
    r = rng.random()
    if r < 0.35:
        return f"{a}万元"
    if r < 0.55:
        return f"{max(1, a - randint(rng, 0, 2))}多万"
    if r < 0.7:
        return f"将近{a + 1}万"
    if r < 0.85:
        return f"{a * 10000 + randint(rng, 0, 9) * 1000}元"
    return f"{cn_number(a) if a <= 99 else a}万"


def _years(rng, y: int) -> str:
    r = rng.random()
    return f"{y}年" if r < 0.4 else f"{cn_number(y)}年" if r < 0.7 else f"{y}年多" if r < 0.85 else f"快{y + 1}年"


def _fill(rng, template: str, problem: Problem, thing_text: str) -> str:
    text = template.replace("{T}", thing_text)
    if "{W}" in text:
        text = text.replace("{W}", _workers(rng, problem.workers))
    if "{M}" in text:
        text = text.replace("{M}", _months(rng, problem.months))
    if "{A}" in text:
        text = text.replace("{A}", _amount(rng, problem.amount))
    if "{Y}" in text:
        text = text.replace("{Y}", _years(rng, problem.years))
    if "{D}" in text:
        text = text.replace("{D}", cn_number(problem.days + pick(rng, (0, 0, 1))))
    return text


def _roughen(rng, text: str) -> str:
    """Dialect words, typos, and (rarely) traditional characters."""
    if rng.random() < 0.18:
        for _ in range(randint(rng, 1, 2)):
            old, new = pick(rng, DIALECT)
            text = text.replace(old, new, 1)
    if rng.random() < 0.02:
        text = text.translate(TRADITIONAL)
    if rng.random() < 0.05:
        text = text.replace("，", ",").replace("。", ".")
    if rng.random() < 0.04:
        text = text.replace("，", " ")
    return text


def _content(rng, problem: Problem, caller: Caller, place_in_text: str, thing_text: str, again: bool,
             channel: str) -> str:
    spec = TOPICS[problem.topic]
    subject = thing_text
    templates = spec["matters"]
    if problem.thing is not None and problem.thing.sort in PLANT_MATTERS and rng.random() < 0.8:
        templates = PLANT_MATTERS[problem.thing.sort]
    template = pick(rng, templates)
    matter = _fill(rng, template, problem, subject)
    if place_in_text:
        r = rng.random()
        if not template.startswith("{T}") and r < 0.7:
            r = 0.7 + r * 0.3 / 0.7  # "在…，" or "（地点：…）": the matter does not start with its subject
        if place_in_text in DEICTIC:
            body = f"{place_in_text}{'的' if rng.random() < 0.6 else ''}{matter}" if template.startswith("{T}") \
                else matter
        elif r < 0.35:
            body = f"{place_in_text}的{matter}"
        elif r < 0.55:
            body = f"位于{place_in_text}的{matter}"
        elif r < 0.7:
            body = f"{place_in_text}附近的{matter}"
        elif r < 0.85:
            body = f"在{place_in_text}，{matter}"
        else:
            body = f"{matter}（地点：{place_in_text}）"
    else:
        body = matter
    if problem.company is not None and rng.random() < 0.35:
        role = {"wage": "施工方是", "cert": "开发商是", "delivery": "开发商是", "property": "物业是"}[problem.topic]
        body += f"，{role}{problem.company.mention(rng)}"
    extra = pick(rng, spec["extras"]) if rng.random() < 0.6 else ""
    demand = pick(rng, spec["demands"])
    courtesy = pick(rng, COURTESIES) if rng.random() < 0.5 else ""
    if again:
        lead = pick(rng, ("再次反映：", "之前反映过的问题至今没有解决，", f"第{cn_number(caller.calls + 1)}次反映，",
                           "上次打电话说会处理，到现在还是老样子，", "还是那个问题，"))
    else:
        lead = ""
    r = rng.random()
    if channel in ("web", "wechat", "app") and r < 0.6:
        intro = f"我是{caller.home.village or caller.home.road or '玉林'}的群众，" if rng.random() < 0.4 else ""
        text = f"{pick(rng, OPENERS_WEB)}{intro}{lead}{body}。{extra + '。' if extra else ''}{demand}。{courtesy}"
    elif r < 0.5:
        form = rng.random()
        if form < 0.5:
            text = f"来电人反映：{lead}{body}{'，' + extra if extra else ''}。诉求：{demand}。"
        elif form < 0.8:
            text = f"市民来电反映，{lead}{body}{'，' + extra if extra else ''}，{demand}。"
        else:
            text = f"来电人称{lead}{body}，{demand}。{courtesy + '。' if courtesy else ''}"
    elif r < 0.88:
        text = f"{lead}{body}{'，' + extra if extra else ''}，{demand}{'，' + courtesy if courtesy else ''}。"
    else:
        text = f"{lead}{body}"
    for clumsy, plain in CLUMSY:
        if clumsy in text:
            text = text.replace(clumsy, plain)
    return _roughen(rng, text)


DEICTIC = ("我们村", "我们屯", "我们社区", "我们小区", "我家附近", "我家楼下", "我们这里")
CLUMSY = (("的村里的", "的"), ("的家里的", "的"), ("的家里", "的"), ("的我们这边", "的"), ("的这一片", "这一片"))


def _contact(rng, world: World, problem: Problem, when: datetime, number: int) -> dict:
    place = problem.place
    thing = problem.thing
    # The caller: a new one or one who called already about it.
    if problem.callers and (problem.topic == "personal" or rng.random() < 0.4):
        caller = problem.callers[0] if problem.topic == "personal" else pick(rng, problem.callers)
        again = rng.random() < 0.6
    else:
        caller = world.caller(problem)
        if caller not in problem.callers:
            problem.callers.append(caller)
        again = False
    caller.calls += 1
    channel = caller.channel if rng.random() < 0.8 else weighted(rng, CHANNELS, CHANNEL_CUMULATIVE)
    # The address column: the problem's place, the caller's home, or nothing.
    r = rng.random()
    if problem.topic == "personal":
        mode = "home" if r < 0.75 else "none"
    else:
        mode = "place" if r < 0.5 else "home" if r < 0.72 else "none" if r < 0.87 else "partial"
    if mode == "place":
        address = write_place(rng, place, detail=0.95 if problem.needs_fine else 0.7)
    elif mode == "home":
        address = write_place(rng, caller.home, detail=0.7)
    elif mode == "partial":
        partial = Place(place.county, place.town) if place.town else Place(place.county)
        address = write_place(rng, partial) if place.town else _prefix(rng) + county_spelling(rng, place.county)
    else:
        address = pick(rng, ("", "", "", "玉林市", "广西玉林市", "无", "玉林"))
    # What the text names: the thing (full, shortened, or unnamed) and the place.
    address_has_place = mode == "place"
    if thing is not None:
        named = rng.random() < (0.97 if problem.needs_thing or not address_has_place else 0.8)
        thing_text = thing.mention(rng) if named else pick(rng, thing.generic)
    else:
        named = False
        thing_text = problem.subject if rng.random() < 0.7 else pick(rng, TOPICS[problem.topic]["subjects"])
    spoken = place
    if thing is not None and thing is place.estate and named and (place.road or place.landmark):
        spoken = Place(place.county, place.town, road=place.road, number=place.number, landmark=place.landmark)
    if problem.topic == "personal":
        place_in_text = ""
    else:
        r = rng.random()
        fine_in_address = address_has_place and (not problem.needs_fine or
                                                 (place.tun and place.tun + "屯" in address) or
                                                 (place.zu and str(place.zu) in address))
        if thing is not None and named and thing.kind in ("estate", "market", "school") and r < 0.6:
            place_in_text = ""  # the estate or market is the place
        elif fine_in_address and r < 0.45:
            place_in_text = pick(rng, (("我们社区", "我们这里") if place.village.endswith("社区") else
                                        ("我们村", "我们屯") if place.tun else ("我们村", "我们这里")) if place.rural else
                                       ("我们小区", "我家楼下", "我家附近", "我们这里")) if r < 0.25 else ""
        elif not fine_in_address or r < 0.8:
            place_in_text = text_place(rng, spoken)
        else:
            place_in_text = ""
        if thing is not None and not named and not place_in_text and not address_has_place:
            place_in_text = text_place(rng, place)
        if not place_in_text and not named and not address_has_place and thing is None:
            place_in_text = text_place(rng, place)
    content = _content(rng, problem, caller, place_in_text, thing_text, again, channel)
    # Handling units: mostly the problem's first unit; sometimes several; sometimes one returns it.
    units = list(problem.units[:1])
    r = rng.random() * (1.0 if problem.varied_units else 4.0)
    if r < 0.12 and len(problem.units) > 1:
        units = list(problem.units[:2])
    elif r < 0.25 and len(problem.units) > 1:
        units = [pick(rng, problem.units[1:])]
    elif r < 0.28:
        units = units + [COUNTY_GOV[place.county]] if units[0] != COUNTY_GOV[place.county] else units
    returned = []
    if rng.random() < (0.1 if problem.varied_units else 0.02):
        returned = [units[0]]
        if len(units) == 1:
            others = [unit for unit in problem.units if unit != units[0]] or [COUNTY_GOV[place.county]]
            if others[0] != units[0]:
                units.append(others[0])
    units = list(dict.fromkeys(units))
    sat = weighted(rng, SATISFACTIONS, SATISFACTION_CUMULATIVE[len(problem.callers) >= 3])
    result = ""
    r = rng.random()
    if r < 0.35:
        result = f"已转{units[-1]}办理。"
    elif r < 0.6:
        result = f"经{units[-1]}核实，{pick(rng, ('情况属实，已责令整改', '已安排人员现场处理', '已向来电人解释相关政策', '正在协调处理中'))}。"
    elif r < 0.65 and returned:
        result = f"{returned[0]}：该事项不属于本单位职责范围，已退回。"
    spelled = {unit: unit_spelling(rng, unit) for unit in units}
    record = {
        "work_order": f"YL{when:%Y%m%d}{number:07d}",
        "channel": channel,
        "received_at": when,
        "name": caller.name,
        "phone": caller.phone,
        "address": address,
        "content": content,
        "units": [spelled[unit] for unit in units],
        "returned_by": [spelled[unit] for unit in returned],
        "result": result,
        "satisfaction": sat,
    }
    return record


# -- the generator ----------------------------------------------------------------------------------

def iter_generate(n: int = 20000, seed: int = 12345, gazetteer: dict | None = None):
    """The contacts one block of problems at a time (each block sorted by time), ``n`` in all."""
    rng = random.Random(seed)
    gaz = gazetteer or load_gazetteer()
    used_things: set = set()
    used_keys: set = set()
    used_coarse: set = set()
    made = 0
    pid = 0
    number = 0
    while made < n:
        world = World(rng, gaz, used_things, used_keys, used_coarse)
        problems: list[Problem] = []
        while len(problems) < BLOCK and made < n:
            problem = _new_problem(world, pid + 1, problems)
            if problem is None:
                continue
            pid += 1
            problem.size = min(problem.size, n - made)
            made += problem.size
            problems.append(problem)
        scheduled = []
        for problem in problems:
            for when in _times(rng, problem):
                scheduled.append((when, problem.pid, problem))
        scheduled.sort(key=lambda item: (item[0], item[1]))
        for when, _, problem in scheduled:
            number += 1
            record = _contact(rng, world, problem, when, number)
            yield Labelled(record, problem.pid, problem.topic, problem.place.label(),
                           problem.thing.full if problem.thing else "", problem.thing.aliases if problem.thing else ())
        used_coarse.update(world.block_coarse)


def generate(n: int = 20000, seed: int = 12345) -> list[Labelled]:
    """``n`` labelled contacts in time order."""
    items = list(iter_generate(n, seed))
    items.sort(key=lambda item: (item.record["received_at"], item.record["work_order"]))
    return items


def true_categories(items) -> dict[int, set[str]]:
    """The categories each true problem has (DOMAIN.md section 4, default settings): repeat (3+
    contacts within 365 days), multi_channel (2+ channels), cross (2+ units, or any return)."""
    times: dict[int, list[date]] = defaultdict(list)
    channels: dict[int, set] = defaultdict(set)
    units: dict[int, set] = defaultdict(set)
    returned: dict[int, bool] = defaultdict(bool)
    for item in items:
        record = item.record
        problem = item.problem
        times[problem].append(record["received_at"].date())
        channels[problem].add(record["channel"])
        units[problem].update(unit_canonical(unit) for unit in _unit_list(record["units"]))
        if _unit_list(record["returned_by"]):
            returned[problem] = True
    found = {}
    for problem, days in times.items():
        days.sort()
        categories = set()
        if any((days[i + 2] - days[i]).days <= 365 for i in range(len(days) - 2)):
            categories.add("repeat")
        if len(channels[problem]) >= 2:
            categories.add("multi_channel")
        if len(units[problem]) >= 2 or returned[problem]:
            categories.add("cross")
        found[problem] = categories
    return found


def _unit_list(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [part for part in value.replace(";", "；").split("；") if part]
    return list(value)


CSV_HEADER = ("工单编号", "来源渠道", "受理时间", "诉求人", "联系电话", "诉求地址", "诉求内容", "承办单位", "退回单位",
              "办理结果", "满意度")


def csv_row(rng, record: dict) -> list[str]:
    when = record["received_at"]
    stamp = when.strftime("%Y-%m-%d %H:%M:%S") if rng.random() < 0.85 else when.strftime("%Y/%m/%d %H:%M")
    phone = record["phone"]
    if phone and rng.random() < 0.03 and phone.startswith("1"):
        phone = "+86 " + phone
    return [record["work_order"], pick(rng, CSV_CHANNEL[record["channel"]]), stamp, record["name"], phone,
            record["address"], record["content"], "；".join(record["units"]), "；".join(record["returned_by"]),
            record["result"], record["satisfaction"]]


def write_csv(items, path: str, seed: int = 0) -> int:
    """The platform's export (UTF-8 with BOM, Chinese headers) of any iterable of items, streamed;
    returns the number of rows."""
    rng = random.Random(seed)
    rows = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_HEADER)
        for item in items:
            writer.writerow(csv_row(rng, item.record))
            rows += 1
    return rows


if __name__ == "__main__":  # python -m bench.hotline_data N PATH: write a CSV of N contacts
    import sys

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    target = sys.argv[2] if len(sys.argv) > 2 else "hotline.csv"
    print(write_csv(iter_generate(count), target), "rows written to", target)
