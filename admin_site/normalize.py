"""Matching keys for contacts: canonical phones and their keyed hash, the place an address names,
and the matter a complaint is about.  Grouping (grouping.py) compares only these keys.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
import unicodedata

# C0 and C1 control characters other than tab and newline, and the two non-characters U+FFFE and
# U+FFFF: Word files and XML refuse them, and no
# person types them (they arrive pasted from other programs).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def plain_text(value: str | None) -> str | None:
    """Text as it is stored and printed: one kind of line end (a browser sends CRLF) and no
    control characters."""
    if value is None:
        return None
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


YULIN_AREA_CODE = "775"
COUNTIES = ("玉州区", "福绵区", "北流市", "容县", "陆川县", "博白县", "兴业县")
_PREFIXES = re.compile(r"^(广西壮族自治区|广西省|广西)?(玉林市|玉林)?")
_NOISE = re.compile(r"[\s,，。.、;；:：()（）\"'“”‘’\-—_/]+")
_ESTATE = re.compile(r"([\u4e00-\u9fa5A-Za-z]{2,10}?(?:小区|花园|花苑|家园|新村|公寓|大厦|广场|山庄|名都|华府|雅苑|庭院|"
                     r"御景|豪庭|新城|嘉园|苑|城|府|湾))")
_ROAD = re.compile(r"([\u4e00-\u9fa5]{1,8}?(?:大道|大街|路|街|巷))(\d+)?号?")

# The matters the 12345 hotline hears most, each with the words people use for it.
TOPICS: dict[str, tuple[str, ...]] = {
    "noise": ("噪音", "噪声", "吵", "扰民", "轰鸣", "施工声", "广场舞", "音响", "喇叭"),
    "water": ("停水", "没水", "水压", "供水", "自来水", "断水", "水管爆", "水质", "黄水"),
    "power": ("停电", "没电", "断电", "跳闸", "供电", "电压"),
    "sewage": ("污水", "下水道", "排水", "积水", "化粪池", "堵塞", "内涝", "渗水", "漏水"),
    "garbage": ("垃圾", "清运", "乱扔", "堆放", "臭味", "异味", "恶臭"),
    "road": ("路面", "坑洼", "破损", "塌陷", "井盖", "修路", "道路损坏", "坑"),
    "streetlight": ("路灯", "不亮", "照明"),
    "building": ("违建", "违章", "乱搭", "加建", "私建", "占用楼道"),
    "parking": ("停车", "占道", "乱停", "车位", "堵门"),
    "wages": ("工资", "欠薪", "拖欠", "薪酬", "讨薪", "工钱"),
    "property": ("物业", "物管", "保安", "电梯", "维修基金"),
    "housing": ("房产证", "不动产", "办证", "交房", "延期交付", "烂尾", "网签"),
    "pollution": ("油烟", "烟尘", "粉尘", "排放", "废气", "焚烧", "污染"),
    "food": ("食品", "过期", "变质", "卫生许可", "食物中毒"),
    "traffic": ("红绿灯", "信号灯", "公交", "斑马线", "超速", "拥堵"),
    "animals": ("狗", "犬", "流浪猫", "宠物", "蚊虫", "老鼠"),
    "education": ("学位", "入学", "招生", "补课", "学费"),
    "medical": ("医院", "医保", "看病", "诊所", "药店"),
}
_TOPIC_OF = {word: name for name, words in TOPICS.items() for word in words}
# One pass over the text finds the first topic word (longest first where words overlap).
_TOPIC_WORD = re.compile("|".join(sorted(map(re.escape, _TOPIC_OF), key=len, reverse=True)))


def canonical_phone(raw: str | None) -> str | None:
    """One form for every way a number is written: +8613812341234, +867752821234 for Yulin lines."""
    if not raw:
        return None
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", raw))
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) in (12, 13):
        digits = digits[2:]
    if len(digits) == 11 and digits.startswith("1"):
        return "+86" + digits
    if digits.startswith("0") and 10 <= len(digits) <= 12:
        return "+86" + digits[1:]
    if 7 <= len(digits) <= 8:
        return "+86" + YULIN_AREA_CODE + digits
    return digits or None


def phone_hash(raw: str | None, key: bytes) -> str | None:
    """A keyed hash of the canonical number: equal numbers match, the number itself is not kept."""
    canonical = canonical_phone(raw)
    if canonical is None:
        return None
    return hmac.new(key, canonical.encode(), hashlib.sha256).hexdigest()[:32]


@functools.lru_cache(maxsize=65536)
def place_key(address: str | None) -> str | None:
    """The place an address names, as ``district|estate`` or ``district|road+number``; None if unclear."""
    if not address:
        return None
    text = unicodedata.normalize("NFKC", address)
    text = _PREFIXES.sub("", _NOISE.sub("", text))
    district = next((county for county in COUNTIES if county in text), "")
    if district:
        text = text.split(district, 1)[1]
    road = _ROAD.search(text)
    # The estate is looked for apart from road and number ("人民东路8号金港花园" → 金港花园).
    estate = _ESTATE.search(_ROAD.sub(" ", text))
    if estate:
        # Estates are named uniquely enough across the city that a missing district should not split them.
        return "estate:" + estate.group(1)
    if road:
        return f"road:{district}|{road.group(1)}{road.group(2) or ''}"
    return None


def topic(content: str | None) -> str:
    """The matter a complaint is about: the topic whose words appear first in it; "" if none does."""
    found = _TOPIC_WORD.search(content or "")
    return _TOPIC_OF[found.group()] if found else ""


def matching_keys(phone: str | None, address: str | None, content: str | None, hash_key: bytes) -> dict:
    """The keys a contact is grouped by, as the ``Contact`` columns that hold them."""
    return {"phone_hash": phone_hash(phone, hash_key), "place_key": place_key(address), "topic": topic(content)}


# Courtesies that end many complaints and say nothing about the matter.
COURTESIES = re.compile("请尽快处理|尽快处理|尽快解决|希望相关部门管一管|希望有关部门|请相关部门|麻烦核实一下|请核实|"
                        "已经反映多次了|多次反映|谢谢|感谢|请帮忙|麻烦|希望|请求|要求")


def bigrams(text: str) -> set[str]:
    """Character bigrams of the Chinese in a text, for comparing complaints no topic word names."""
    text = re.sub(r"[^\u4e00-\u9fa5]", "", COURTESIES.sub("", text or ""))
    return {text[i:i + 2] for i in range(len(text) - 1)}


def similarity(left: set[str], right: set[str] | None) -> float:
    """How much of the shorter text the other one says too (robust to extra words and typos)."""
    if not left or not right:
        return 0.0
    return len(left & right) / min(len(left), len(right))
