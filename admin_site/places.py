"""Where a problem is: 玉林市's counties, towns and villages (the ``places`` table, seeded from
seed/places.tsv and corrected by the office), read out of an address and out of the complaint.

One Aho-Corasick pass over the text finds every gazetteer name in it (full names, short forms
without 镇/乡/街道/村/社区, 村委 forms and the office's aliases); names are resolved by the county
and town context around them, since about a hundred village names repeat across towns and
城北街道 exists in two counties.  Below the village, patterns read the 屯/组, the road and number,
and the estate.  ``locate(address, content)`` gives the place of the problem: the complaint's own
place where it names one, the address where it does not, or where the two agree.
"""

from __future__ import annotations

import functools
import operator
import re
import threading
import time
from dataclasses import dataclass, replace

import ahocorasick
import sqlalchemy as sa

from . import chinese
from .models import Place, PlaceLevel, db

# 玉林市's county-level divisions, as seed/places.tsv has them.
COUNTIES = ("玉州区", "福绵区", "北流市", "容县", "陆川县", "博白县", "兴业县")
FIELDS = ("county", "town", "village", "hamlet", "road", "number", "estate")
SUFFIXES = {PlaceLevel.county: ("市", "县", "区"), PlaceLevel.town: ("街道", "镇", "乡"),
            PlaceLevel.village: ("社区", "村")}
_CJK = re.compile(r"[\u4e00-\u9fa5]")
_BEFORE_SHORT = set("在于到是的县市区镇乡村往近从住")
COMMITTEES = {"村": ("村委会", "村委", "村民委员会"), "社区": ("社区居委会", "居委会", "社区居委")}
# A short form followed by one of these names something else (石头屯 is not 石头镇, 大里路 not 大里村).
_NOT_AFTER_SHORT = set("屯组队路街巷道村镇乡区县市社小花园庄寨坡岭江河桥")


@dataclass(frozen=True, slots=True)
class Location:
    """A place as precise as the text allowed; empty fields are unknown."""

    county: str = ""
    town: str = ""
    village: str = ""
    hamlet: str = ""  # 屯 or 村民小组 inside a village
    road: str = ""
    number: str = ""
    estate: str = ""  # 小区, 花园 and the like
    ambiguous: bool = False  # a village or town name that more than one place has
    said: bool = False  # the complaint itself says so (not only the caller's address)

    @classmethod
    def parse(cls, text: str | None) -> Location:
        values = (text or "").split("|")
        return cls(**dict(zip(FIELDS, values + [""] * len(FIELDS))), said=values[len(FIELDS):] == ["1"])

    @property
    def stored(self) -> str:
        """The form kept in ``Contact.place``: the fields joined by |, trailing empties dropped, and a
        last field 1 where the complaint says where."""
        if self.said:
            return "|".join(getattr(self, field) for field in FIELDS) + "|1"
        return "|".join(getattr(self, field) for field in FIELDS).rstrip("|")

    @property
    def label(self) -> str:
        """For people: 容县茂林镇大里村石头屯, 玉州区民主南路85号金港花园."""
        number = self.number + "号" if self.number else ""
        return "".join((self.county, self.town, self.village, self.hamlet, self.road, number, self.estate))

    @property
    def public_label(self) -> str:
        """The label without the house number and 屯/组, which may be a complainant's home."""
        return replace(self, number="", hamlet="").label

    @property
    def block(self) -> str | None:
        """The key contacts are compared under (``Contact.place_key``): the village, else the estate,
        else the road, else the town; None when not even a town is known."""
        if self.village:
            return f"v:{self.county}|{self.town}|{self.village}"
        if self.estate:
            return f"e:{self.estate}"
        if self.road:
            return f"r:{self.road}"  # road names are the city's: an address often leaves out the county
        if self.town:
            return f"t:{self.county}|{self.town}"
        return None

    @property
    def blocks(self) -> list[str]:
        """Every key a place can be met under: its village, estate and road (an estate is often
        written by its road and number alone), else its town."""
        keys = []
        if self.village:
            keys.append(f"v:{self.county}|{self.town}|{self.village}")
        if self.estate:
            keys.append(f"e:{self.estate}")
        if self.road:
            keys.append(f"r:{self.road}")
        return keys or ([f"t:{self.county}|{self.town}"] if self.town else [])

    @property
    def precision(self) -> int:
        """0 nothing, 1 county, 2 town or road, 3 village or estate, 4 a 屯/组 or a house number."""
        if self.hamlet or (self.road and self.number):
            return 4
        if self.village or self.estate:
            return 3
        if self.town or self.road:
            return 2
        return 1 if self.county else 0

    def fill_from(self, other: Location) -> Location:
        """This place, with what ``other`` adds where the two do not disagree."""
        return _filled(self, other)

    def shares(self, other: Location) -> bool:
        """Some part of the place is written in both (so they are one place seen twice)."""
        return any(ours and ours == theirs for ours, theirs in zip(_fields(self), _fields(other)))

    def agrees(self, other: Location) -> bool:
        return _agree(self, other)


_fields = operator.attrgetter(*FIELDS)


@functools.lru_cache(maxsize=100000)
def _agree(left: Location, right: Location) -> bool:
    return all(not ours or not theirs or ours == theirs for ours, theirs in zip(_fields(left), _fields(right)))


@functools.lru_cache(maxsize=100000)
def _filled(place: Location, other: Location) -> Location:
    if not _agree(place, other):
        return place
    return replace(place, **{field: ours or theirs for field, ours, theirs in zip(FIELDS, _fields(place), _fields(other))})


@dataclass(frozen=True, slots=True)
class _Entry:
    level: PlaceLevel
    county: str
    town: str
    village: str
    full: bool  # the written form is the full name or an alias, not a short form


class Gazetteer:
    """Every name of every place, in one automaton."""

    def __init__(self, rows: list[tuple[int, str, PlaceLevel, int | None, str | None]]):
        by_id = {row[0]: row for row in rows}
        self.names: dict[str, list[_Entry]] = {}
        for place_id, name, level, parent_id, aliases in rows:
            path = [name]
            parent = by_id.get(parent_id)
            while parent is not None:
                path.insert(0, parent[1])
                parent = by_id.get(parent[3])
            entry = dict(zip(("county", "town", "village"), path))
            for written, full in _forms(name, level, aliases):
                self.names.setdefault(written, []).append(_Entry(level, entry.get("county", ""),
                                                                 entry.get("town", ""), entry.get("village", ""), full))
        # A town's short form that is also a county's (北流 for 北流镇 and 北流市) names the county.
        for written, entries in self.names.items():
            if any(entry.level is PlaceLevel.county for entry in entries):
                self.names[written] = [entry for entry in entries if entry.level is PlaceLevel.county or entry.full]
        self.read_cache: dict[str, Location] = {}
        self.automaton = ahocorasick.Automaton()
        for written, entries in self.names.items():
            self.automaton.add_word(written, (written, tuple(entries)))
        if self.names:
            self.automaton.make_automaton()

    def matches(self, text: str) -> list[tuple[int, int, tuple[_Entry, ...]]]:
        """Gazetteer names in the text as (start, end, entries), longest first where they overlap."""
        if not self.names:
            return []
        found = [(end + 1 - len(written), end + 1, entries) for end, (written, entries) in self.automaton.iter(text)
                 if (any(entry.full for entry in entries) and text[end + 1:end + 2] not in "屯组")
                 or (text[end + 1:end + 2] not in _NOT_AFTER_SHORT and text[end + 1:end + 3] not in ("大道", "大街"))]
        # A short form stands alone or after another name (北流塘岸独竹), never inside a word (移民安置区).
        ends = {end for _, end, _ in found}
        found = [match for match in found if any(entry.full for entry in match[2]) or match[0] in ends
                 or match[0] == 0 or not _CJK.match(text[match[0] - 1]) or text[match[0] - 1] in _BEFORE_SHORT]
        found.sort(key=lambda match: (match[0], -(match[1] - match[0])))
        kept, reach = [], -1
        for start, end, entries in found:
            if start >= reach:
                kept.append((start, end, entries))
                reach = end
            elif end > reach and kept and end - start > kept[-1][1] - kept[-1][0]:
                kept[-1] = (start, end, entries)
                reach = end
        return kept


def own_names(place: Location) -> list[str]:
    """The names a place is written by, longest first (人民东路, 旺荐村, 旺荐, 米场镇, 米场): a shop
    named after where it is (旺荐宏达石业, 人民东路一品烧烤) is written without them as well."""
    names = {place.road, place.estate}
    for name, level in ((place.county, PlaceLevel.county), (place.town, PlaceLevel.town),
                        (place.village, PlaceLevel.village)):
        names.update(form for form, _ in _forms(name, level, None) if name)
    return sorted(filter(None, names), key=len, reverse=True)


def _forms(name: str, level: PlaceLevel, aliases: str | None):
    """The ways a place's name is written: in full, as the office's aliases, without its suffix
    (茂林镇 → 茂林, 大里村 → 大里, 玉州区 → 玉州) and, for a village, as its committee (大里村委)."""
    yield name, True
    for alias in (aliases or "").splitlines():
        if alias.strip():
            yield alias.strip(), True
    for suffix in SUFFIXES[level]:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            short = name[:-len(suffix)]
            yield short, False
            for committee in COMMITTEES.get(suffix, ()):
                yield short + committee, True
            break


_DEPTH = {PlaceLevel.county: 0, PlaceLevel.town: 1, PlaceLevel.village: 2}
_lock = threading.Lock()
_cache: dict[str, object] = {}
RECHECK_SECONDS = 5


def gazetteer() -> Gazetteer:
    """The gazetteer as the ``places`` table holds it; rebuilt within seconds of the office changing a
    place (each process looks at the table's count and last change at most every few seconds)."""
    with _lock:
        if time.monotonic() - _cache.get("checked", -RECHECK_SECONDS) < RECHECK_SECONDS:
            return _cache["gazetteer"]
    stamp = tuple(db.session.execute(sa.select(sa.func.count(Place.id), sa.func.max(Place.updated_at))).one())
    with _lock:
        _cache["checked"] = time.monotonic()
        if _cache.get("stamp") != stamp:
            rows = db.session.execute(sa.select(Place.id, Place.name, Place.level, Place.parent_id, Place.aliases)).all()
            _cache["gazetteer"] = Gazetteer([tuple(row) for row in rows])
            _cache["stamp"] = stamp
        return _cache["gazetteer"]


def forget() -> None:
    """Read the places table again on the next use (after a change in this process)."""
    with _lock:
        _cache.clear()


_PREFIX = re.compile(r"广西壮族自治区|广西省|广西|玉林市|玉林")
_HAMLET = re.compile(r"^(?:村委会|村委|村民委员会)?(?:([\u4e00-\u9fa5]{2,4}?屯)|第?([0-9一二三四五六七八九十]{1,3})"
                     r"(?:村民小组|小组|组|队))")
_ROAD_END = "(?:大道|大街|路|街|巷)"
_ROAD = re.compile(rf"([\u4e00-\u9fa5]{{1,8}}?{_ROAD_END})(?![灯面口段边况上旁过费基牌标线人道])"
                   r"(?:(\d+)(?:-\d+)?号?)?")
_ESTATE = re.compile(r"([\u4e00-\u9fa5A-Za-z]{2,8}(?:小区|花园|花苑|家园|新村|公寓|大厦|广场|山庄|名都|华府|雅苑|庭院|"
                     r"豪庭|新城|嘉园|名苑|国际|公馆|御园|苑|湾|郡))"
                     # 万达新城二期项目 is a works, not an estate
                     r"(?![一二三四五六七八九十\d]+期|[A-Za-z东南西北]区|项目|工地|工程|楼盘)")
# 福康路上城嘉园: the road is not part of the estate's name.
_ROAD_FIRST = re.compile(rf"^[\u4e00-\u9fa5]{{1,6}}?{_ROAD_END}(?=[\u4e00-\u9fa5]{{3}})")
# A road named after its town or village follows the name: 罗江老街, 沙湖大道 (not 城北街道).
_ROAD_TAIL = re.compile(rf"[老新东南西北中]?{_ROAD_END}(?!道)")
# What a road's name cannot start with: the estate or works a caller says it runs by (小区民主北路).
_NOT_A_ROAD_NAME = re.compile(r"^.*(?:小区|楼盘|工地|市场)")
# Words that start a clause and so cannot be the first characters of a road or estate name.
_NOT_A_NAME = re.compile(rf"^.*(?:请问|这里|那里|办事处|办|购买|买了|买|租住|入住|您好|你好|领导|反映|投诉|举报|位于|来电人称|来电人|市民|称|在|的|于|是|系|其|与|及|到|往|经|从|对|把|我|住|个|条|段|这|那|"
                         rf"附近|旁边|对面|门口|里面|路口|一带|们|组|屯|队|{chinese.ASKING}|加强|做好|严重|影响)")
# How callers name themselves ("我是长塘村的群众"): the caller's place, not the problem's.
_CALLER = re.compile(r"(?:我|本人|来电人|诉求人|其)(?:是|系|为)[^，,。；;！!？? ]{1,16}?(?:群众|村民|居民|业主|住户|市民|租户|"
                     r"商户|老百姓)|(?:家住|住在|居住在)[^，,。；;！!？? ]{1,14}")
_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_HAMLET_NOT = ("每屯", "各屯", "全屯")
# An estate known only by its name, followed by a building: 金科天悦6栋404室.
_BY_BUILDING = re.compile(r"([\u4e00-\u9fa5]{3,8}?)(?=[0-9A-Za-z]{1,3}(?:栋|幢|号楼|座))")
# "小区广场", "我们小区": the kind of place, not its name.
_GENERIC_ESTATE = re.compile(r"^(?:小区|我们|这个|那个|整个|附近|旁边|楼下|本|该|各|老|新)+(?:小区|花园|家园|新村|公寓|大厦|广场|"
                             r"苑|城|新城)$")


def without_caller(text: str) -> str:
    """The text without what callers say of themselves (我是长塘村的群众)."""
    return _CALLER.sub(" ", text)


def _clean(text: str) -> str:
    text = chinese.plain(text)
    return _PREFIX.sub(" ", re.sub(r"[,，。、;；:：()（）\"'“”‘’_/]+", " ", re.sub(r"\s+", "", text)))


def read(text: str | None, gazetteer_: Gazetteer | None = None) -> Location:
    """The place one text names, as precisely as it goes (addresses repeat: each is read once)."""
    if not text:
        return Location()
    gaz = gazetteer_ or gazetteer()
    found = gaz.read_cache.get(text)
    if found is None:
        if len(gaz.read_cache) >= READ_CACHE:
            gaz.read_cache.clear()
        found = gaz.read_cache[text] = _read(text, gaz)
    return found


READ_CACHE = 200_000


def _read(text: str, gaz: Gazetteer) -> Location:
    text = _CALLER.sub(" ", _clean(text))
    matches = gaz.matches(text)
    location, village_end = _resolve(matches)
    if location.town and not location.village:
        location, village_end = _unlisted_village(text, matches, location)
    # The 屯/组 follows the village's name; the road, number and estate are read from what is left
    # once the division names the place was read from are taken out.
    rest = text
    used = {location.county, location.town, location.village}
    for start, end, entries in reversed(matches):
        if all(not entry.full for entry in entries) and _ROAD_TAIL.match(rest, end):
            continue  # 罗江老街, 沙湖大道: a road named after its town
        if any(entry.full or (entry.county, entry.town, entry.village)[_DEPTH[entry.level]] in used
               for entry in entries):
            rest = rest[:start] + " " + rest[end:]
    hamlet = _hamlet(text[village_end:]) if location.village else ""
    if location.village and not hamlet:  # the village may be written twice, its 屯/组 after the first
        hamlet = next(filter(None, (_hamlet(text[end:]) for _, end, entries in matches
                                    if any(entry.village == location.village for entry in entries))), "")
    road = number = estate = ""
    for found in _ROAD.finditer(rest):  # the first real road: not 街道, not 晚上走路
        road, number = _NOT_A_ROAD_NAME.sub("", _name(found.group(1))), found.group(2) or ""
        if not found.group(1).endswith("街道") and _real_road(road):
            break
        road = number = ""
    without_roads = _ROAD.sub(" ", rest)
    for found in (*_ESTATE.finditer(without_roads), *_BY_BUILDING.finditer(without_roads)):
        estate = estate_name(_ROAD_FIRST.sub("", _name(found.group(1))))
        if len(estate) >= 3 and not _GENERIC_ESTATE.match(estate):
            break
        estate = ""
    if not estate and not road:
        estate = _landmark(rest)
        if _FACILITY.match(estate):  # every county has its 火车站 and 人民医院
            estate = location.county + estate if location.county else ""
    return replace(location, hamlet=hamlet, road=road, number=number, estate=estate)


# A spot people find their way by (五彩田园门口, 人民医院斜对面): where nothing more exact is said, it
# is the place, as an estate would be.
_LANDMARK = re.compile(r"([\u4e00-\u9fa5]{3,10}?)(?:斜对面|对面|门口|旁边|旁|后面|附近|往[东南西北])")
_NOT_A_LANDMARK = re.compile(r"^(?:.*(?:家|小区|村|屯|组|楼|路|街|巷|店|市场|学校|工地|项目|这里|那里|我们|社区|镇上|城区|村委|"
                             r"村委会|公交站|公交车站|站台|路口))$|^(?:我|这|那|住|在)|"
                             # a moment or a deed, not a spot: 放学时门口, 家楼下附近, 污水直接排入旁边
                             r"[时候]|放学|上学|接送|楼下|楼上|直接|排入|[都也就还又再很太没不被把让给向]")


_FACILITY = re.compile(r"^(?:火车站|高铁站|汽车站|汽车总站|客运站|人民医院|中医院|医院|妇幼保健院|人民政府|政府|广场|公园|"
                       r"中学|小学|中心校|菜市场|农贸市场|万达广场)$")


def _landmark(text: str) -> str:
    for found in _LANDMARK.finditer(text):
        name = _name(found.group(1))
        name = re.sub(r"^(?:玉州区?|福绵区?|北流市?|容县|陆川县?|博白县?|兴业县?)", "", name)
        if len(name) >= 3 and not _NOT_A_LANDMARK.search(name):
            return name
    return ""


_NOT_ROAD = re.compile(r"[的了帮忙要说望政府硬化通进村屯烂坏修泥巴水泥马公大小道走堵挡占拦过行铺封跑线出让带]路$|道路|村道|公路|马路|"
                       r"[我你他她们]|停车|晚上|白天|长期|经常")


def estate_name(name: str) -> str:
    """One name for the ways an estate is written: 银湖御园花园小区 / 银湖御园花园 / 银湖御园 → 银湖御园."""
    while True:
        stripped = re.sub(r"(?:小区|花园|家园|公寓|新城)$", "", name)
        if stripped == name or len(stripped) < 3:
            return name
        name = stripped


def _real_road(name: str) -> bool:
    """民主南路, 城东路 — not 道路, 村道, 泥巴路, 进屯的路."""
    return 3 <= len(name) <= 7 and not _NOT_ROAD.search(name)


def _name(text: str) -> str:
    return _NOT_A_NAME.sub("", text)


# A village or community the gazetteer does not list yet, written right after its town (仁东镇仁东社区).
_UNLISTED = re.compile(r"([\u4e00-\u9fa5]{1,4}?(?:社区|村))(?:居委会|村委会|村民委员会|村委|居委)?")
_NOT_UNLISTED = re.compile(r"[我们这那该本全各每个的了在是有到进去]|农村|新农村")


def _unlisted_village(text: str, matches, location: Location) -> tuple[Location, int]:
    for _, end, entries in matches:
        if any(entry.level is PlaceLevel.town and entry.town == location.town for entry in entries):
            found = _UNLISTED.match(text, end)
            if found and not _NOT_UNLISTED.search(found.group(1)[:-1]) and len(found.group(1)) >= 3:
                return replace(location, village=found.group(1)), found.end()
    return location, 0


def _hamlet(tail: str) -> str:
    """The 屯 or 村民小组 written right after the village: 石头屯, 第3村民小组 / 三组 / 3队 → 3组."""
    found = _HAMLET.match(tail.lstrip())
    if not found:
        return ""
    if found.group(1):
        name = found.group(1)
        return name if name not in _HAMLET_NOT and not re.search("[的了通进到去在]", name) else ""
    return f"{_number(found.group(2))}组"


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text.startswith("十"):
        return 10 + _NUMERALS.get(text[1:], 0)
    if "十" in text:
        tens, _, units = text.partition("十")
        return _NUMERALS.get(tens, 0) * 10 + _NUMERALS.get(units, 0)
    return _NUMERALS.get(text, 0)


def _resolve(matches) -> tuple[Location, int]:
    """County, town and village from the names found, each read in the context of the others; and
    where the village's name ends in the text."""
    if not matches:
        return Location(), 0
    counties = {entry.county for _, _, entries in matches for entry in entries
                if entry.level is PlaceLevel.county}
    # A town's short form (塘岸 for 塘岸镇) counts as context for the villages written with it.
    towns = {(entry.county, entry.town) for _, _, entries in matches for entry in entries
             if entry.level is PlaceLevel.town}
    # The village written in full beats one written short (塘岸 is the town in 塘岸独竹村), one the
    # context settles beats an ambiguous one, a later one an earlier one.
    chosen = None
    for _, end, entries in matches:
        villages = [entry for entry in entries if entry.level is PlaceLevel.village]
        if not villages:
            continue
        fitting = [entry for entry in villages if (entry.county, entry.town) in towns] or \
                  [entry for entry in villages if entry.county in counties and entry.full] or \
                  [entry for entry in villages if entry.full]
        if not fitting:
            continue  # a short village name outside its town's context is too weak to believe
        ambiguous = len({(entry.county, entry.town) for entry in fitting}) > 1
        rank = (fitting[0].full, not ambiguous, end)
        if chosen is None or rank > chosen[0]:
            chosen = (rank, fitting[0], ambiguous, end)
    best, ambiguous, village_end = (chosen[1], chosen[2], chosen[3]) if chosen else (None, False, 0)
    if best is not None:
        if ambiguous:
            return Location(county=best.county if best.county in counties else "", village=best.village,
                            ambiguous=True), village_end
        return Location(county=best.county, town=best.town, village=best.village), village_end
    town_entries = [entry for _, _, entries in matches for entry in entries if entry.level is PlaceLevel.town]
    fitting = [entry for entry in town_entries if entry.county in counties] or [e for e in town_entries if e.full]
    if fitting:
        places = {(entry.county, entry.town) for entry in fitting}
        if len(places) == 1:
            return Location(county=fitting[0].county, town=fitting[0].town), 0
        return Location(county=next(iter(counties)) if len(counties) == 1 else "", town=fitting[0].town,
                        ambiguous=True), 0
    if len(counties) == 1:
        return Location(county=next(iter(counties))), 0
    return Location(), 0


def locate(address: str | None, content: str | None, gazetteer_: Gazetteer | None = None) -> Location:
    """The place of the problem: what the complaint says where it names a place at least as
    precise as the address's (the address is often the caller's home), completed by the address
    where the two agree."""
    gaz = gazetteer_ or gazetteer()
    from_address = read(address, gaz)
    from_text = read(content, gaz)
    said = from_text.precision >= 2
    if from_text.agrees(from_address) and (not from_text.precision or from_text.shares(from_address)):
        # 我家楼下的烧烤店: the caller's home is where the problem is
        said = said or (from_address.precision >= 2 and bool(_AT_HOME.search(content or "")))
        if from_text.precision > from_address.precision:
            return replace(from_text.fill_from(from_address), said=said)
        return replace(from_address.fill_from(from_text), said=said)
    if said:
        return replace(from_text, said=True)  # the complaint names a road or better: the problem is there
    return from_address


_AT_HOME = re.compile(r"我家(?:楼下|楼上|附近|旁边|门口|对面|隔壁|后面)|我们(?:小区|村|屯|这里|这边|楼)|(?:住|家)(?:在)?(?:楼下|隔壁)")
