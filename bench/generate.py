"""Labelled test data for problem grouping: contacts with the problem each one truly belongs to.

What makes grouping hard is all here: paraphrased complaints about the same problem through
several channels; different callers at the same place; frequent callers with several problems;
the same estate with different problems; problems known only by the caller's phone; complaints
that name no topic word; and typing noise (prefixes, full-width digits, missing districts,
different buildings, spaces and typos).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

COUNTIES = ["玉州区", "福绵区", "北流市", "容县", "陆川县", "博白县", "兴业县"]
ESTATE_WORDS = "金港 碧水 翠竹 阳光 锦绣 富康 荔园 东城 南湖 西岭 北辰 天和 华庭 瑞丰 万福 新民 桂花 龙泉 凤凰 金湾 银河 明珠 紫荆 佳和 " \
               "江南 鸿运 盛世 嘉禾 锦江 世纪 和平 幸福 康乐 丰泽 恒大 碧桂 绿城 中央 香榭 君悦".split()
ESTATE_KINDS = ["花园", "小区", "家园", "新村", "雅苑", "公寓", "华府", "名都", "山庄", "广场"]
ROADS = "人民东路 人民中路 教育中路 民主南路 二环北路 城南路 新华路 江岸路 公园路 解放路 一环东路 玉东大道 清湾路 北流大道 " \
        "陆川大道 兴业路 容州大道 博白大道 金港大道 五一路".split()
CHANNELS = ["电话", "电话", "电话", "微信", "网站", "手机APP", "小程序", "12345"]

# Each matter: several ways people say it, built from a subject and a complaint.
MATTERS = {
    "noise": (["旁边工地", "楼下商铺", "隔壁KTV", "小区广场", "附近厂房"],
              ["晚上施工噪音很大", "夜里太吵了睡不着", "半夜还在施工扰民", "音响声音太大吵死人", "机器轰鸣影响休息"]),
    "water": (["小区", "我们这栋楼", "整片住户", "家里"],
              ["停水两天了", "没水用了", "水压太低上不了楼", "自来水发黄", "供水不正常经常断水"]),
    "sewage": (["小区门口", "楼下", "路边", "巷子里"],
               ["下水道堵塞污水横流", "排水不畅一下雨就积水", "化粪池满了往外冒", "污水管道破裂渗水"]),
    "garbage": (["小区垃圾站", "路口", "菜市场旁边", "河边"],
                ["垃圾好几天没人清运", "垃圾乱堆放臭味很大", "有人乱扔垃圾恶臭", "垃圾桶满了没人管"]),
    "streetlight": (["小区门口", "这条路", "巷子", "公园里"],
                    ["路灯坏了一直不亮", "晚上没有照明很危险", "好几盏路灯不亮"]),
    "road": (["小区出口", "这段路", "学校门口", "桥头"],
             ["路面坑洼破损严重", "道路塌陷了一个大坑", "井盖丢失很危险", "路面破损车辆难行"]),
    "parking": (["小区门口", "消防通道", "人行道上"],
                ["车辆乱停堵住出口", "长期占道停车", "车位被占没人管"]),
    "pollution": (["楼下烧烤店", "附近工厂", "餐馆"],
                  ["油烟很大熏得开不了窗", "排放废气味道刺鼻", "粉尘污染严重"]),
    "property": (["物业公司", "物管", "物业"],
                 ["电梯坏了一个月不修", "乱收费还不办事", "保安不作为"]),
    "building": (["楼顶", "一楼住户", "隔壁邻居"],
                 ["私自加建违建", "乱搭乱建占用公共区域", "违章搭建遮挡采光"]),
}
WAGE_LINES = ["单位拖欠我三个月工资", "老板欠薪不给", "讨薪无门请帮忙", "工钱被拖欠半年了"]
# Matters no topic word names: recognised only by their wording, at the same place.
WORDED = [
    ("社区活动中心被改成麻将馆", ["社区活动中心被改成麻将馆经营", "活动中心改成了麻将馆在经营", "把社区活动中心改成麻将馆了"]),
    ("小区大门门禁", ["小区大门门禁一直坏着外人随便进", "门禁坏了大门谁都能进", "小区大门门禁失灵"]),
    ("篮球场被占", ["小区篮球场被人围起来种菜", "篮球场被占用种菜了", "有人把篮球场围起来种菜"]),
]
FILLERS = ["", "", "请尽快处理", "希望相关部门管一管", "已经反映多次了", "麻烦核实一下", "谢谢"]


@dataclass
class Contact:
    work_order: str
    channel: str
    received_at: datetime
    name: str
    phone: str | None
    address: str | None
    content: str
    units: str
    problem: int


def _phone(rng: random.Random) -> str:
    return "1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9))


def _write_phone(phone: str, rng: random.Random) -> str:
    return rng.choice([phone, f"{phone[:3]} {phone[3:7]} {phone[7:]}", "+86" + phone, f"{phone[:3]}-{phone[3:]}"])


def _write_address(place: tuple[str, str, str], rng: random.Random) -> str:
    county, kind, name = place
    if kind == "road":
        number = name
        text = number
    else:
        text = name + rng.choice(["", f"{rng.randint(1, 30)}栋", f"{rng.randint(1, 30)}幢{rng.randint(1, 3)}单元",
                                  f"{rng.randint(1, 30)}号楼"])
    prefix = rng.choice(["", "", "玉林市", "广西玉林市", county, county, "玉林市" + county])
    if kind == "road" and county not in prefix:
        prefix += county
    text = prefix + text
    if rng.random() < 0.2:
        text = text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if rng.random() < 0.1:
        text = " ".join(text[i:i + 4] for i in range(0, len(text), 4))
    return text


def _typo(text: str, rng: random.Random) -> str:
    if len(text) > 6 and rng.random() < 0.15:
        i = rng.randrange(len(text) - 1)
        text = text[:i] + text[i + 1] + text[i] + text[i + 2:]
    if rng.random() < 0.2:
        text += rng.choice(["！", "。。", "!!", "？"])
    return text


def generate(n_contacts: int, seed: int = 12345, start: datetime = datetime(2026, 1, 1)) -> list[Contact]:
    """About ``n_contacts`` labelled contacts over a year."""
    rng = random.Random(seed)
    estates = [(rng.choice(COUNTIES), "estate", a + b) for a in ESTATE_WORDS for b in ESTATE_KINDS]
    roads = [(county, "road", f"{road}{number}号") for county in COUNTIES for road in ROADS
             for number in range(1, 40, 3)]
    places = estates + roads
    frequent_callers = [_phone(rng) for _ in range(max(5, n_contacts // 2000))]
    contacts: list[Contact] = []
    used: set = set()
    problem = 0
    while len(contacts) < n_contacts:
        problem += 1
        size = rng.choices([1, 2, 3, 4, 6, 9], weights=[45, 20, 15, 10, 7, 3])[0]
        first_at = start + timedelta(minutes=rng.randrange(365 * 24 * 60))
        kind = rng.random()
        place = rng.choice(places) if kind < 0.85 else None
        callers = [_phone(rng) for _ in range(size)]
        if place is None:
            # Known only by the caller: the same person calls again; a frequent caller's
            # problems without an address differ in their matter.
            caller = rng.choice(frequent_callers) if rng.random() < 0.3 else callers[0]
            matter = rng.choice(["wages", *MATTERS])
            for _ in range(20):
                if (caller, matter) not in used:
                    break
                caller, matter = _phone(rng), rng.choice(["wages", *MATTERS])
            used.add((caller, matter))
            callers = [caller] * size
        elif kind < 0.07:
            matter = "worded"
        else:
            matter = rng.choice(list(MATTERS))
        if matter == "worded":
            lines = rng.choice(WORDED)[1]
        elif matter == "wages":
            lines = WAGE_LINES
        else:
            subjects, complaints = MATTERS[matter]
            lines = rng.sample([s + c for s in subjects for c in complaints], min(4, len(subjects) * len(complaints)))
        if place is not None:
            # One problem per place and matter: two at once would be the same problem by definition.
            for _ in range(20):
                if (place, matter, lines[0] if matter == "worded" else "") not in used:
                    break
                place = rng.choice(places)
            used.add((place, matter, lines[0] if matter == "worded" else ""))
            if rng.random() < 0.3:
                # The same person calling again, sometimes one of the city's frequent callers.
                callers = [rng.choice(frequent_callers) if rng.random() < 0.3 else callers[0]] * size
        for index in range(size):
            at = first_at + timedelta(hours=rng.randrange(0, 24 * 40)) if index else first_at
            content = _typo(rng.choice(lines) + rng.choice(FILLERS), rng)
            contacts.append(Contact(
                work_order=f"GD{len(contacts) + 1:08d}", channel=rng.choice(CHANNELS), received_at=at,
                name=rng.choice("张王李赵陈刘黄周吴") + rng.choice(["先生", "女士", "某"]),
                phone=_write_phone(callers[index], rng) if rng.random() < 0.97 else None,
                address=_write_address(place, rng) if place else None,
                content=content, units="市住房和城乡建设局" if rng.random() < 0.5 else "市城市管理监督局",
                problem=problem))
    return contacts[:n_contacts]


def pairwise_scores(truth: list[int], predicted: list) -> tuple[float, float]:
    """Pairwise precision and recall of a clustering against the true problems."""
    from collections import Counter

    def pairs(counter) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    true_pairs = pairs(Counter(truth))
    predicted_pairs = pairs(Counter(predicted))
    both = pairs(Counter(zip(truth, predicted)))
    precision = both / predicted_pairs if predicted_pairs else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    return precision, recall


def write_csv(contacts: list[Contact], path: str) -> None:
    import csv

    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(["工单编号", "来源渠道", "受理时间", "诉求人", "联系电话", "诉求地址", "诉求内容", "承办单位", "满意度"])
        for contact in contacts:
            writer.writerow([contact.work_order, contact.channel, contact.received_at.strftime("%Y-%m-%d %H:%M:%S"),
                             contact.name, contact.phone or "", contact.address or "", contact.content, contact.units,
                             "未回访"])
