"""Problem grouping (并单): which contacts are the same problem, as record linkage.

Each contact carries its matching keys (normalize.matching_keys): the place of the problem down to
the village, 屯/组, road and number or estate (places.py), the things it names and its matters
(things.py), and its caller.  Contacts are compared only with groups that share a key (the same
village, estate, road or town, the same named thing, the same caller: the blocks); within a block a
contact is scored against each group as a whole, not against one member of it, so groups do not
chain.  A named thing that differs, or a place that differs, keeps contacts apart (unless they name
the same thing and one of the places is a caller's home, not what the complaint says); agreement of
place, thing (or only the kind of premises, 有人开的石材厂), matter, wording and caller brings them
together.  Before linking, what the contacts together know is lent to each: a name used in many
towns is a kind of thing, an estate or community written in full by some is the place of those who
name it bare, and a name the complaints place at two places is the name of two businesses.

The contacts are taken in the order they arrived, so a full recalculation on unchanged data gives
the same groups again, and the nightly regroup splits into independent parts by region
(assign_regions).  Taken in that order, one problem's first calls can start two groups that both
then draw calls; two groups where most of each one's contacts would join the other are joined, by a
full recalculation and, for the groups new calls touch, as the calls arrive.  A person's
merge or split (a ``locked`` membership) is never undone: recalculation leaves locked contacts where
they are and lets new calls join them.  Every membership records why it joined (``reason``).
"""

from __future__ import annotations

import functools
import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import ahocorasick
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from . import bulk, places
from . import things as matter
from .bulk import postgresql_cursor
from .models import Contact, ContactGroup, PairLabel, ProblemGroup, db, now_local
from .places import Location

# A contact joins the best-scoring group whose score reaches this; see ``judge``.
JOIN_SCORE = 3.5
PLACE_SCORES = {"hamlet": 3.0, "number": 3.0, "village": 2.0, "estate": 2.5, "road": 1.5, "town": 0.8, "county": 0.2}
# What two contacts must share before their words are compared: a place at least as precise as a
# town, a named thing, or the caller.
ANCHORS = ("hamlet", "number", "village", "estate", "road", "town")
THING_SCORE = 3.0
KIND_AGREES, KIND_DIFFERS = 1.0, -1.0  # an unnamed 石材厂 and the 南国石材厂; a 石材厂 and a 烧烤店
SHARED_WORKS_SCORE = 0.5  # one village, one matter of what it shares (things.SHARED_WORKS)
PLACE_DIFFERS = -0.5
NEIGHBOUR_NUMBERS, NEIGHBOUR_SCORE = 30, -0.5  # house numbers this close on one road: neighbours
EMPLOYERS = frozenset({"工程", "公司", "厂"})  # kinds of thing whose callers may live in any county
THING_TOWNS = 5  # a name used in more towns than this names a kind of thing
TOPIC_AGREES, TOPIC_DIFFERS = 1.0, -1.5
THING_TOPIC_DIFFERS = -3.5  # the same named thing, another matter
WORDS_WEIGHT = 3.0
CALLER_SCORE = 2.0
SAMPLES = 4  # a group's wording: its first contact and its latest few
CANDIDATES_PER_KEY = 12
MEMBERS_LOADED = SAMPLES  # new contacts are compared with a settled group's first and latest contacts
CONTACTS_PER_KEY = CANDIDATES_PER_KEY * SAMPLES  # the latest contacts under a key whose groups are looked at
BATCH = 5000
PARALLEL_SHARE = 0.5  # two groups of one problem are joined when this share of each would join the other
FOLDS = 1000  # groups folded into others by one statement
SHARED_PLACES = 12  # a name's places compared to tell whether it names two businesses
PLACE_SEEN = 2  # an estate's or a community's name is known once this many contacts are placed there
EVERYWHERE = "*"  # the regroup's part that holds every contact
ADDRESS_VOTE = 0.5  # a contact's address's county, where the problem's place has none, in finding its region


@functools.lru_cache(maxsize=100000)
def _location(stored: str | None) -> Location:
    return Location.parse(stored)


@functools.lru_cache(maxsize=100000)
def _place_blocks(place: Location) -> tuple[str, ...]:
    return tuple(place.blocks)


def _blocks(place: Location) -> list[str]:
    return list(_place_blocks(place))


@dataclass(slots=True)
class Row:
    id: int
    received_at: datetime
    place: Location
    block: str | None
    things: tuple[str, ...]  # named: 南国/石材
    kinds: frozenset[str]  # the kinds of things it speaks of, named or not: 石材
    topics: frozenset[str]
    phone: str | None
    content: str
    group_id: int | None
    locked: bool
    _words: tuple | None = None
    shared: frozenset = frozenset()  # its things whose names complaints give at different places
    reason: str | None = None  # why it is in its group, as stored

    @property
    def words(self) -> tuple[str, ...]:
        """Its wording's bigrams (things.wording), kept as a tuple: a quarter of a set's memory, and a
        regroup holds a year's contacts."""
        if self._words is None:
            self._words = tuple(matter.wording(self.content, [*self.things, *self.place.stored.split("|")]))
            self.content = ""  # read once; what is kept of it is its wording
        return self._words

    def keys(self, filing: bool = False) -> list[str]:
        """The blocks a contact is compared in (or, ``filing``, the blocks a group holding it is
        found in): its place, its town (every group there for a contact placed no better than its
        town, the town-only groups for one placed better), the kinds of thing it speaks of in its
        town, its things and its caller."""
        keys = _blocks(self.place)
        # the finest first: on a busy road, the groups at the same house number
        if self.place.road and self.place.number:
            keys.insert(0, f"rn:{self.place.road}|{self.place.number}")
        if self.place.village and self.place.hamlet:
            keys.insert(0, f"vh:{self.place.town}|{self.place.village}|{self.place.hamlet}")
        if self.place.town:
            town = f"{self.place.county}|{self.place.town}"
            if filing:
                keys += [f"t:{town}", f"to:{town}"] if self.place.precision <= 2 else [f"t:{town}"]
            else:
                keys.append(("t:" if self.place.precision <= 2 else "to:") + town)
            keys += [f"k:{town}|{kind}" for kind in sorted(self.kinds)]
        if self.place.village:
            keys.append("vn:" + self.place.village)  # where one of them is written without its town
        place = _blocks(self.place)
        if place and self.topics:  # a busy village's or estate's groups of the same matter, however old
            keys += [f"m:{place[0]}|{topic}" for topic in sorted(self.topics)]
        keys += ["n:" + thing for thing in self.things]
        keys += ["s:" + slip for thing in self.things for slip in matter.slips(thing)]  # a name mistyped
        return keys + (["p:" + self.phone] if self.phone else [])


@dataclass(slots=True, eq=False)
class Group:
    label: int | None  # its number in the database, once it has one
    rows: list[Row] = field(default_factory=list)
    place: Location = field(default_factory=Location)
    things: list[str] = field(default_factory=list)
    kinds: set = field(default_factory=set)
    topics: Counter = field(default_factory=Counter)
    phones: set = field(default_factory=set)
    samples: list[Row] = field(default_factory=list)  # whose wording stands for the group's
    locked: bool = False
    last_at: datetime = datetime.min

    def matters(self) -> set[str]:
        """The matters most of its contacts speak of (one that says 停电 and 臭 does not make a
        power problem a garbage one)."""
        top = max(self.topics.values())
        return {name for name, count in self.topics.items() if count * 2 >= top}

    def add(self, row: Row) -> None:
        self.rows.append(row)
        self.last_at = row.received_at
        if not self.rows[1:]:
            self.place = row.place
        elif row.place != self.place and row.place.precision:
            self.place = self.place.fill_from(row.place)
        self.things += [thing for thing in row.things if thing not in self.things]
        self.kinds |= row.kinds
        self.topics.update(row.topics)
        if row.phone:
            self.phones.add(row.phone)
        if len(self.samples) < SAMPLES:
            self.samples.append(row)
        else:
            self.samples[1:] = [*self.samples[2:], row]


def place_agreement(left: Location, right: Location) -> tuple[float, str] | None:
    """How precisely two places agree (score and level), or None where they disagree.  One estate
    is one place whatever house number each caller gave for it."""
    for ours, theirs in ((left.county, right.county), (left.town, right.town), (left.village, right.village),
                         (left.hamlet, right.hamlet), (left.road, right.road)):
        if ours and theirs and ours != theirs:
            return None
    if left.estate and right.estate and not _one_estate(left.estate, right.estate):
        return None
    estate = left.estate and right.estate
    road = left.road and right.road
    number = road and left.number and right.number
    if number and left.number != right.number and not estate:
        if not _neighbours(left.number, right.number):
            return None
        return PLACE_SCORES["road"] + NEIGHBOUR_SCORE, "road"
    village = left.village and right.village
    if village and left.hamlet and right.hamlet:
        return PLACE_SCORES["hamlet"], "hamlet"
    if number and left.number == right.number:
        return PLACE_SCORES["number"], "number"
    if village:
        return PLACE_SCORES["village"], "village"
    if estate:
        return PLACE_SCORES["estate"], "estate"
    if road:
        return PLACE_SCORES["road"], "road"
    if left.town and right.town:
        return PLACE_SCORES["town"], "town"
    if left.county and right.county:
        return PLACE_SCORES["county"], "county"
    return 0.0, ""


def _neighbours(left: str, right: str) -> bool:
    """Callers on one street give their own house numbers: 37号 and 15号 are a few doors apart."""
    return left.isdigit() and right.isdigit() and abs(int(left) - int(right)) <= NEIGHBOUR_NUMBERS


def _one_estate(left: str, right: str) -> bool:
    """香山湾 / 香山湾一号 and 君悦嘉园 / 龙湾君悦嘉园: one estate written short and in full."""
    shorter, longer = sorted((left, right), key=len)
    return longer.startswith(shorter) or (len(shorter) >= 4 and longer.endswith(shorter))


def _other_county(left: Location, right: Location) -> bool:
    """A shop's neighbours call from its own county: one shop's name in two counties is two shops
    (but a works' or a company's workers come from everywhere: EMPLOYERS)."""
    return bool(left.county and right.county and left.county != right.county)


def _without_homes(place: Location) -> Location:
    return replace(place, hamlet="", number="")


@dataclass(frozen=True, slots=True)
class Judgement:
    score: float
    place: str  # the level at which the places agree ("village", "road"…), "" if not known
    thing: str  # the thing both name, "" if none
    kind: str  # the kind of thing both speak of where neither names it ("石材"), "" if none
    topic: bool
    words: float
    caller: bool

    @property
    def reason(self) -> str:
        """Stored as ``key=value`` pairs; screens/contacts.py says it in words."""
        parts = [f"place={self.place}"] if self.place else []
        if self.thing:
            parts.append(f"thing={self.thing}")
        if self.kind:
            parts.append(f"kind={self.kind}")
        if self.topic:
            parts.append("topic=1")
        parts.append(f"words={self.words:.2f}")
        if self.caller:
            parts.append("caller=1")
        return ";".join(parts)


def judge(row: Row, group: Group) -> Judgement | None:
    """Is the contact the group's problem?  None where something keeps them apart."""
    caller = row.phone is not None and row.phone in group.phones
    thing = _common_thing(row.things, group.things)
    if thing is None:
        return None
    agreement = place_agreement(row.place, group.place)
    if agreement is None and thing in row.things:
        # One named thing: a 屯/组 or house number that differs is a caller's home, and so is any
        # other place that differs unless both complaints say it (and are not one caller's, who
        # names one school from home and from the school's village), or the name is one several
        # businesses have (老张烧烤: complaints place it at different places).
        agreement = place_agreement(_without_homes(row.place), _without_homes(group.place))
        if agreement is None and (caller or not (row.place.said and group.place.said)) and thing not in row.shared and \
                not (_other_county(row.place, group.place) and matter.kind_of(thing) not in EMPLOYERS):
            agreement = (PLACE_DIFFERS, "")
    if agreement is None:
        return None
    score, level = agreement
    kind = ""
    if not thing and row.kinds and group.kinds:
        kind = next((ours for ours in sorted(row.kinds) for theirs in group.kinds if matter.same_kind(ours, theirs)), "")
        score += KIND_AGREES if kind else KIND_DIFFERS
    topic = False
    if row.topics and group.topics:
        matters = group.matters()
        # One business's noise, smoke and sewage are one nuisance to its neighbours.
        topic = bool(row.topics & matters) or bool((thing or kind) and matter.related(row.topics, matters))
        # One factory's unpaid wages and its sewage, one school's canteen and its fees: two problems.
        score += TOPIC_AGREES if topic else (THING_TOPIC_DIFFERS if thing else TOPIC_DIFFERS)
        if topic and level in ("village", "hamlet") and not (row.things or group.things) and \
                row.topics & matters & matter.SHARED_WORKS:
            score += SHARED_WORKS_SCORE  # a village has one road, one water supply, one power line
    if not (thing or caller or level in ANCHORS):
        return None  # alike words alone: 路灯不亮 is said all over the city
    if not caller and row.topics and row.topics <= matter.PERSONAL:
        return None  # one person's 低保 or 养老保险 is that person's case
    score += (THING_SCORE if thing else 0.0) + (CALLER_SCORE if caller else 0.0)
    if score + WORDS_WEIGHT < JOIN_SCORE:
        return None  # not even the same words would be enough
    own = frozenset(row.words)
    words = sum(matter.similarity(own, sample.words) for sample in group.samples) / len(group.samples)
    return Judgement(score + WORDS_WEIGHT * words, level, thing, kind, topic, words, caller)


class Linker:
    """Takes contacts in the order they arrived and puts each in the group it matches best."""

    def __init__(self, window: timedelta):
        self.window = window
        self.groups: list[Group] = []
        self.by_key: dict[str, dict[Group, None]] = defaultdict(dict)  # latest-touched last
        self.by_label: dict[int, Group] = {}
        self.reasons: dict[int, str] = {}

    def place_in(self, group: Group, row: Row) -> None:
        group.add(row)
        for key in row.keys(filing=True):
            members = self.by_key[key]
            members.pop(group, None)
            members[group] = None

    def group_labelled(self, label: int) -> Group:
        if label not in self.by_label:
            self.by_label[label] = Group(label)
            self.groups.append(self.by_label[label])
        return self.by_label[label]

    def add(self, row: Row) -> Group:
        if row.locked and row.group_id is not None:
            group = self.group_labelled(row.group_id)
            group.locked = True
            self.place_in(group, row)
            return group
        best, best_judgement = None, None
        for group in self.candidates(row):
            judgement = judge(row, group)
            if judgement is not None and judgement.score >= JOIN_SCORE and (
                    best_judgement is None or judgement.score > best_judgement.score):
                best, best_judgement = group, judgement
        if best is None:
            best = Group(None)
            self.groups.append(best)
        else:
            self.reasons[row.id] = best_judgement.reason
        self.place_in(best, row)
        return best

    def merge_parallel(self, among: list[Group] | None = None) -> dict[Group, list[Group]]:
        """Join the groups one problem grew in parallel: each began before the other was there to be
        joined (a caller's own 屯 or house number as the first contact's place, a vaguer first
        complaint), and both then drew calls.  Two groups become one where most of each one's
        contacts would join the other, unless each names a thing the other does not.  Looks from
        ``among`` (the groups new contacts touched) or from every group; a group that has a number
        takes in one that has none.  Returns each group that took others in, with those it took."""
        gone: set[int] = set()
        joined: dict[Group, list[Group]] = defaultdict(list)
        for group in list(self.groups if among is None else among):
            if id(group) in gone or group.locked or not group.rows[1:]:
                continue  # a lone contact met every group there was when it came, and the later ones met it
            for other in self.neighbours(group):
                if id(group) in gone:
                    break  # taken in by a group that has a number
                if id(other) in gone or other.locked or _common_thing(group.things, other.things) is None:
                    continue
                if _joins(other, group) >= PARALLEL_SHARE and _joins(group, other) >= PARALLEL_SHARE:
                    keep, taken = (other, group) if group.label is None and other.label is not None else (group, other)
                    self.absorb(keep, taken)
                    gone.add(id(taken))
                    joined[keep] += [taken, *joined.pop(taken, [])]
        self.groups = [group for group in self.groups if id(group) not in gone]
        return dict(joined)

    def neighbours(self, group: Group) -> list[Group]:
        """The other groups filed under the keys of a group's sample contacts, as a new contact
        like them would find them, and no further apart in time than a contact may join."""
        earliest = group.rows[0].received_at - self.window
        found: dict[int, Group] = {}
        for row in group.samples:
            for key in row.keys():
                for other in itertools.islice(reversed(self.by_key.get(key, {})), CANDIDATES_PER_KEY):
                    if other.last_at < earliest:
                        break
                    if other is not group and other.rows[0].received_at - group.last_at <= self.window:
                        found.setdefault(id(other), other)
        return list(found.values())

    def absorb(self, group: Group, other: Group) -> None:
        """Move the other group's contacts into this one, in the order they arrived; each says why
        it belongs here, or that its group was found to be this one."""
        for row in other.rows:
            judgement = judge(row, group)
            joins = judgement is not None and judgement.score >= JOIN_SCORE
            self.reasons[row.id] = judgement.reason if joins else PARALLEL
        merged = Group(group.label)
        for row in sorted(group.rows + other.rows, key=lambda row: (row.received_at, row.id)):
            merged.add(row)
        for name in ("rows", "place", "things", "kinds", "topics", "phones", "samples", "last_at"):
            setattr(group, name, getattr(merged, name))
        for row in other.rows:
            for key in row.keys(filing=True):
                self.by_key[key].pop(other, None)
                self.by_key[key][group] = None

    def candidates(self, row: Row) -> list[Group]:
        earliest = row.received_at - self.window
        seen, found = set(), []
        for key in row.keys():
            for group in itertools.islice(reversed(self.by_key.get(key, {})), CANDIDATES_PER_KEY):
                if group.last_at < earliest:
                    break  # the rest were touched earlier still
                if id(group) not in seen:
                    seen.add(id(group))
                    found.append(group)
        return found


def _common_thing(ours, theirs) -> str | None:
    """The first of their things that one of ours names too ("" if none), or None where what they
    name makes them two problems: each names a thing and none is the same (two works, two shops),
    or one development's other phase is named too (盛世玉东 matched, 一期 ≠ 二期)."""
    if not ours or not theirs:
        return ""
    if any(matter.other_phase(one, other) for one in ours for other in theirs):
        return None
    thing = next((other for one in ours for other in theirs if matter.same_thing(one, other)), "")
    if not thing and any(not matter.vague(one) for one in ours) and any(not matter.vague(other) for other in theirs):
        return None
    return thing


def _joins(group: Group, other: Group) -> float:
    """The share of a group's sample contacts that would join the other group."""
    joined = 0
    for row in group.samples:
        judgement = judge(row, other)
        joined += judgement is not None and judgement.score >= JOIN_SCORE
    return joined / len(group.samples)


def _rows(where=None) -> list[Row]:
    """Contacts with their keys and current group, in the order they arrived."""
    members = ContactGroup.__table__
    query = (sa.select(Contact.id, Contact.received_at, Contact.place, Contact.place_key, Contact.thing, Contact.topic,
                       Contact.phone_hash, Contact.content, members.c.group_id,
                       sa.func.coalesce(members.c.locked, False), members.c.reason)
             .select_from(Contact.__table__.outerjoin(members, members.c.contact_id == Contact.id))
             .order_by(Contact.received_at, Contact.id))
    if where is not None:
        query = query.where(where)
    return [Row(id, received, _location(place), block, *_things(thing), _topics(topic), phone, content or "", group,
                locked, reason=reason)
            for id, received, place, block, thing, topic, phone, content, group, locked, reason
            in db.session.execute(query)]


@functools.lru_cache(maxsize=10000)  # one set for each of the few combinations, not one per contact
def _topics(stored: str | None) -> frozenset[str]:
    return frozenset(stored.split("+")) if stored else frozenset()


@functools.lru_cache(maxsize=100000)
def _things(stored: str | None) -> tuple[tuple[str, ...], frozenset[str]]:
    """The named things and the kinds of things of a contact's stored ``thing``."""
    keys = stored.split("、") if stored else []
    return (tuple(key for key in keys if not matter.unnamed(key)),
            frozenset(matter.kind_of(key) for key in keys))


def _label(group: Group, taken: set[int]) -> int | None:
    """Keep a group's number stable: a locked contact's group, else the group most members had."""
    if group.label is not None:
        return group.label
    counts = Counter(row.group_id for row in group.rows if row.group_id and not row.locked)
    for group_id, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        if group_id not in taken:
            return group_id
    return None


def recalculate(window_days: int, region: str | None = EVERYWHERE) -> dict:
    """Group every contact again (or those of one region, for a worker taking one part of the
    nightly regroup); hand-made groupings stay.  Returns counts."""
    where = None if region == EVERYWHERE else (Contact.region == region if region else Contact.region.is_(None))
    rows = _rows(where)
    _drop_common_things(rows, _spread(rows))
    _find_known_places(rows)
    _mark_shared_names(rows)
    linker = Linker(timedelta(days=window_days))
    for row in rows:
        linker.add(row)
    linker.merge_parallel()
    manual = set(db.session.scalars(sa.select(ProblemGroup.id).where(ProblemGroup.manual)))
    before = {row.group_id for row in rows if row.group_id}
    taken: set[int] = set(manual)
    moves: dict[int, int] = {}
    new_groups: list[Group] = []
    for group in linker.groups:
        label = _label(group, taken)
        if label is None:
            new_groups.append(group)
            continue
        group.label = label
        taken.add(label)
        for row in group.rows:
            if not row.locked and row.group_id != label:
                moves[row.id] = label
    reasons = _changed_reasons(rows, linker.reasons)
    touched = set(moves.values()) | {row.group_id for row in rows if row.id in moves and row.group_id}
    touched |= before - taken
    created = _create_groups(new_groups, moves)
    _apply_moves(moves, reasons, {row.id: row.group_id for row in rows})
    touched |= {group.label for group in new_groups}
    _describe(linker.groups, touched)
    _refresh_groups(touched)
    return {"contacts": len(rows), "groups": len(linker.groups), "moved": len(moves), "created": created,
            "touched": touched}


def _spread(rows: list[Row]) -> dict[str, int]:
    """In how many towns each named thing is named."""
    towns: dict[str, set] = defaultdict(set)
    for row in rows:
        if row.place.town:
            for thing in row.things:
                towns[thing].add((row.place.county, row.place.town))
    return {thing: len(found) for thing, found in towns.items()}


def _drop_common_things(rows: list[Row], spread: dict[str, int]) -> None:
    """A name complaints use in many towns (道路硬化, 光伏发电) names a kind of thing, not one thing."""
    for row in rows:
        if row.things and any(spread.get(thing, 0) > THING_TOWNS for thing in row.things):
            row.things = tuple(thing for thing in row.things if spread.get(thing, 0) <= THING_TOWNS)


def _find_known_places(rows: list[Row]) -> None:
    """An estate written in full in some addresses (锦绣华庭一号小区) is the place of a complaint that
    names it bare (锦绣华庭一号物业不作为), and so is a community the gazetteer lacks, once others have
    written it after its town (仁东镇仁东社区 → 位于仁东社区的顺达养猪场)."""
    estates = Counter(row.place.estate for row in rows if len(row.place.estate) >= 3)
    towns: dict[str, set] = defaultdict(set)
    seen = Counter()
    for row in rows:
        if row.place.village and row.place.town:
            towns[row.place.village].add((row.place.county, row.place.town))
            seen[row.place.village] += 1
    villages = {name: next(iter(found)) for name, found in towns.items()
                if len(found) == 1 and seen[name] >= PLACE_SEEN and len(name) >= 3}
    names = [name for name, count in estates.items() if count >= PLACE_SEEN] + list(villages)
    if not names:
        return
    automaton = ahocorasick.Automaton()
    for name in names:
        automaton.add_word(name, name)
    automaton.make_automaton()
    for row in rows:
        if row.place.said and (row.place.village or row.place.estate):
            continue  # the complaint itself says where
        found = {name for _, name in automaton.iter(places.without_caller(row.content))}
        found -= {name for name in found for other in found if name != other and name in other}
        village = [name for name in found if name in villages]
        if len(village) == 1 and village[0] != row.place.village:
            county, town = villages[village[0]]
            place = Location(county=county, town=town, village=village[0], said=True)
            row.place = place.fill_from(row.place) if place.agrees(row.place) else place
        elif len(found) == 1 and not village and not row.place.estate and not row.place.village:
            row.place = replace(row.place, estate=found.pop())


def _mark_shared_names(rows: list[Row]) -> None:
    """A name complaints themselves place at two places that disagree is the name of two businesses."""
    said: dict[str, set[Location]] = defaultdict(set)
    for row in rows:
        if row.things and row.place.said and row.place.precision >= 3:
            for thing in row.things:
                said[thing].add(row.place)
    shared = {thing for thing, found in said.items() if len(found) > 1 and any(
        place_agreement(left, right) is None for left, right in itertools.combinations(sorted(found, key=lambda place: place.stored)[:SHARED_PLACES], 2))}
    for row in rows:
        if shared.intersection(row.things):
            row.shared = frozenset(shared.intersection(row.things))


def _spread_of(names: set[str]) -> dict[str, int]:
    """The same for the names new contacts use, counted over the stored contacts."""
    towns: dict[str, set] = defaultdict(set)
    for chunk in bulk.chunks(names):
        for thing, place in db.session.execute(sa.select(Contact.thing, Contact.place).distinct()
                                               .where(bulk.among(Contact.thing, chunk), Contact.place.is_not(None))):
            location = _location(place)
            if location.town:
                towns[thing].add((location.county, location.town))
    return {thing: len(found) for thing, found in towns.items()}


def recalculate_in_parts(window_days: int, whole_below: int) -> dict:
    """Group every contact again part by part (parts), as the nightly workers do, in this process:
    a year's contacts need only the memory of the largest region's."""
    total = {"contacts": 0, "groups": 0, "moved": 0, "created": 0, "touched": set()}
    for region in parts(whole_below):
        found = recalculate(window_days, region)
        total["touched"] |= found.pop("touched")
        for name, count in found.items():
            total[name] += count
    return total


def parts(whole_below: int = 0) -> list[str | None]:
    """The parts the nightly regroup splits into: one per region (assign_regions), and the contacts
    no county could be found for; or EVERYWHERE, the whole base in one part, while it holds fewer
    than ``whole_below`` contacts (one process groups them, and no problem is cut at a border)."""
    if whole_below and db.session.scalar(sa.select(sa.func.count()).select_from(Contact)) < whole_below:
        return [EVERYWHERE]
    assign_regions()
    return sorted(db.session.scalars(sa.select(Contact.region).distinct()), key=lambda name: name or "")


def assign_regions() -> None:
    """Give each contact the region whose part of the regroup takes it: its own county where the
    place of its problem has one; else the county most of the contacts that share its place, its
    things or its caller are in (a third of a year's contacts name no county for the problem:
    北流大道, 西城圩, a caller who rang before), its address's county counting as half a vote.  Read
    from the stored contacts alone, so unchanged data gets the same regions again."""
    rows = db.session.execute(sa.select(Contact.id, Contact.county, Contact.address_county, Contact.region,
                                        Contact.place_key, Contact.thing, Contact.phone_hash)).all()
    votes: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        if row.county:
            for key in _region_keys(row):
                votes[key][row.county] += 1
    unplaced = {row.id: (_region_keys(row), row.address_county) for row in rows if not row.county}
    inferred = _likeliest(votes, unplaced)
    for contact_id, county in inferred.items():  # asked once more, the regions just found counting too
        for key in unplaced[contact_id][0]:
            votes[key][county] += 1
    inferred = _likeliest(votes, unplaced)
    bulk.update_rows(Contact.__table__, ("id", "region"),
                     [(row.id, region) for row in rows if (region := row.county or inferred.get(row.id)) != row.region])


def _region_keys(row) -> list[str]:
    names = [f"n:{name}" for name in (row.thing or "").split("、") if name and not matter.unnamed(name)]
    return ([f"k:{row.place_key}"] if row.place_key else []) + names + ([f"p:{row.phone_hash}"] if row.phone_hash else [])


def _likeliest(votes: dict[str, Counter], unplaced: dict[int, tuple[list[str], str | None]]) -> dict[int, str]:
    """For each contact, the county most of the contacts under its keys are in (each key one vote),
    with its address's county as ADDRESS_VOTE."""
    found = {}
    for contact_id, (keys, address_county) in unplaced.items():
        score: Counter = Counter({address_county: ADDRESS_VOTE} if address_county else {})
        for counts in filter(None, map(votes.get, keys)):
            total = sum(counts.values())
            for county, count in counts.items():
                score[county] += count / total
        if score:
            found[contact_id] = max(sorted(score), key=score.__getitem__)
    return found


def _changed_reasons(rows: list[Row], reasons: dict[int, str]) -> dict[int, str]:
    return {row.id: reasons.get(row.id) for row in rows if not row.locked and row.reason != reasons.get(row.id)}


def group_new(contact_ids: list[int], window_days: int) -> dict:
    """Put newly arrived contacts into their problems: the recent groups that share a key with them
    are rebuilt from their contacts, each new contact joins one of them or starts its own, and the
    groups they touched are joined to those found to be the same problem.  The cost follows the
    new contacts and the groups they touch, not the size of the base."""
    window = timedelta(days=window_days)
    new = [row for row in _rows_of(contact_ids) if not row.locked]
    if not new:
        return {"contacts": 0, "groups": 0, "touched": set()}
    earliest = new[0].received_at - window
    linker = Linker(window)
    settled = _settled_rows(new, earliest)
    spread = _spread(new + settled)
    for thing, count in _spread_of({thing for row in new for thing in row.things}).items():
        spread[thing] = max(spread.get(thing, 0), count)
    _drop_common_things(new + settled, spread)
    _find_known_places(new + settled)
    _mark_shared_names(new + settled)
    for row in sorted(settled, key=lambda row: (row.received_at, row.id)):
        group = linker.group_labelled(row.group_id)
        group.locked |= row.locked
        linker.place_in(group, row)
    for row in new:
        linker.add(row)
    new_ids = {row.id for row in new}
    joined = linker.merge_parallel([group for group in linker.groups if any(row.id in new_ids for row in group.rows)])
    folded = _fold(joined)
    moves, new_groups = {}, []
    for group in linker.groups:
        if group.label is None:
            new_groups.append(group)
            continue
        for row in group.rows:
            if row.group_id != group.label:
                moves[row.id] = group.label
    created = _create_groups(new_groups, moves)
    _apply_moves(moves, {row_id: linker.reasons.get(row_id) for row_id in new_ids | moves.keys()},
                 {row.id: row.group_id for row in new})
    touched = {group.label for group in linker.groups
               if any(row.id in new_ids or row.id in moves for row in group.rows)}
    _describe([group for group in linker.groups if group.label in touched], touched)
    _refresh_groups(touched | folded)
    return {"contacts": len(new), "groups": created, "touched": touched}


def _fold(joined: dict[Group, list[Group]]) -> set[int]:
    """The members not loaded of settled groups found to be another group's problem follow their
    loaded ones there (written before the loaded ones' own reasons).  Returns the groups emptied."""
    into = {taken.label: keep.label for keep, taken_groups in joined.items() for taken in taken_groups
            if taken.label is not None}
    members = ContactGroup.__table__
    pairs = sorted(into.items())
    for start in range(0, len(pairs), FOLDS):
        chunk = dict(pairs[start:start + FOLDS])
        db.session.execute(sa.update(members).where(members.c.group_id.in_(list(chunk)), members.c.locked.is_(False))
                           .values(group_id=sa.case(chunk, value=members.c.group_id), reason=PARALLEL)
                           .execution_options(synchronize_session=False))
    return set(into)


def _settled_rows(new: list[Row], earliest: datetime) -> list[Row]:
    """The grouped contacts of the groups that share a key with the new contacts."""
    new_ids = {row.id for row in new}
    blocks = sorted({block for row in new for block in _blocks(row.place)})
    towns = sorted({f"{row.place.county}|{row.place.town}" for row in new if row.place.town})
    named = sorted({thing for row in new for thing in row.things})
    phones = sorted({row.phone for row in new if row.phone})
    group_ids: set[int] = set()
    for column, values in ((Contact.place_key, blocks + ["t:" + town for town in towns]), (Contact.thing, named),
                           (Contact.phone_hash, phones)):
        for chunk in bulk.chunks(values):
            group_ids.update(_latest_groups(column, chunk, earliest))
    return [row for row in _rows_of(_samples(group_ids)) if row.id not in new_ids]


def _samples(group_ids: set[int]) -> list[int]:
    """A settled group stands in by its first contact and its latest ones (MEMBERS_LOADED): its
    members' dates are read along the membership index and the few are picked here, so a group's
    size, not the table's, sets the cost."""
    members = ContactGroup.__table__
    dated: dict[int, list[tuple]] = defaultdict(list)
    for chunk in bulk.chunks(group_ids):
        for group_id, contact_id, received_at in db.session.execute(
                sa.select(members.c.group_id, members.c.contact_id, Contact.received_at)
                .join(Contact, Contact.id == members.c.contact_id).where(bulk.among(members.c.group_id, chunk))):
            dated[group_id].append((received_at, contact_id))
    chosen = []
    for found in dated.values():
        found.sort()
        chosen += [contact_id for _, contact_id in {found[0], *found[-MEMBERS_LOADED:]}]
    return chosen


def _rows_of(contact_ids: list[int]) -> list[Row]:
    rows = []
    for chunk in bulk.chunks(contact_ids):
        rows += _rows(bulk.among(Contact.id, chunk))
    return sorted(rows, key=lambda row: (row.received_at, row.id))


def _latest_groups(column, values: list[str], earliest: datetime) -> set[int]:
    """The groups touched last under each of these keys, as many as the linker looks at: those of
    the key's latest contacts since ``earliest`` and, for a place, the groups placed there that were
    touched last (one busy group's many calls do not hide the others).  Both are read newest first
    along a (key, time) index, so the cost follows the keys, not how much was ever filed under them."""
    sources = [_latest_contacts]
    if column is Contact.place_key:
        sources.append(_latest_placed_groups)
    if db.session.get_bind().dialect.name != "postgresql":
        return {group_id for source in sources for group_id in _latest_sqlite(source, column, values, earliest)}
    key = sa.func.unnest(sa.bindparam("keys", values, type_=postgresql.ARRAY(column.type)))
    key = key.table_valued("value").render_derived(name="key")
    found = set()
    for source in sources:
        latest = source(column, key.c.value, earliest).lateral()
        ranked = (sa.select(latest.c.group_id, sa.func.row_number().over(
                      partition_by=key.c.value, order_by=sa.func.max(latest.c.at).desc()).label("rank"))
                  .select_from(key).join(latest, sa.true()).group_by(key.c.value, latest.c.group_id).subquery())
        found.update(db.session.scalars(sa.select(ranked.c.group_id).where(ranked.c.rank <= CANDIDATES_PER_KEY)))
    return found


def _latest_contacts(column, value, earliest: datetime):
    """The groups of the latest contacts under a key, newest first."""
    members = ContactGroup.__table__
    return (sa.select(members.c.group_id, Contact.received_at.label("at"))
            .join(Contact, Contact.id == members.c.contact_id)
            .where(column == value, Contact.received_at >= earliest)
            .order_by(Contact.received_at.desc(), Contact.id.desc()).limit(CONTACTS_PER_KEY))


def _latest_placed_groups(column, value, earliest: datetime):
    """The groups placed at a place, touched last first."""
    return (sa.select(ProblemGroup.id.label("group_id"), ProblemGroup.last_at.label("at"))
            .where(ProblemGroup.place_key == value, ProblemGroup.last_at >= earliest)
            .order_by(ProblemGroup.last_at.desc(), ProblemGroup.id.desc()).limit(CANDIDATES_PER_KEY))


def _latest_sqlite(source, column, values: list[str], earliest: datetime) -> set[int]:
    """The same on SQLite, which has no LATERAL: one indexed read per key, the statement compiled
    once and run on the driver's own cursor (a few microseconds a key)."""
    dialect = sqlite.dialect(paramstyle="named")
    compiled = source(column, sa.bindparam("value"), sa.bindparam("earliest")).compile(dialect=dialect)
    params = {**compiled.params, "earliest": Contact.received_at.type.dialect_impl(dialect)
              .bind_processor(dialect)(earliest)}
    cursor = db.session.connection().connection.driver_connection.cursor()
    found: set[int] = set()
    for value in values:
        latest = dict.fromkeys(row[0] for row in cursor.execute(str(compiled), {**params, "value": value}))
        found.update(itertools.islice(latest, CANDIDATES_PER_KEY))
    return found


def _describe(groups: list[Group], labels: set[int]) -> None:
    """Write on each group what most of its contacts share (a caller's home in one address does not
    hide the place the others give): the place, the thing, the matter, and how alike they read; and,
    for a group a person merged or split (its contacts are held there), that too."""
    values = []
    for group in groups:
        if group.label not in labels or group.label is None:
            continue
        most = len(group.rows) / 2
        common = [thing for thing in group.things
                  if sum(any(matter.same_thing(thing, other) for other in row.things) for row in group.rows) >= most]
        first = frozenset(group.rows[0].words)
        words = [matter.similarity(first, row.words) for row in group.rows[1:]]
        same_place = group.place.precision >= 2 and sum(
            row.place.precision >= 2 and row.place.agrees(group.place) for row in group.rows) >= most
        matters = group.matters() if group.topics else set()
        same_matter = sum(bool(row.topics & matters) for row in group.rows) >= most
        reason = ";".join(part for part in (
            HAND if group.locked else "",
            "place=1" if len(group.rows) > 1 and same_place else "",
            f"thing={common[0]}" if common and len(group.rows) > 1 else "",
            "topic=1" if len(group.rows) > 1 and same_matter else "",
            f"words={sum(words) / len(words):.2f}" if words else "") if part)
        named = Counter(thing for row in group.rows for thing in row.things).most_common(2)
        values.append((group.label, group.place.stored[:200] or None,
                       matter.label("、".join(thing for thing, _ in named))[:100] or None, reason or None,
                       _matter_of(group)))
    bulk.update_rows(ProblemGroup.__table__, ("id", "place", "thing", "reason", "topic"), values)


def _matter_of(group: Group) -> str:
    """The matters most of a group's contacts speak of, as stored."""
    return "+".join(sorted(group.matters()))[:40] if group.topics else ""


def _create_groups(new_groups: list[Group], moves: dict[int, int | None]) -> int:
    if not new_groups:
        return 0
    now = now_local()
    values = [((group.rows[0].block or "")[:200], _matter_of(group), len(group.rows),
               group.rows[0].received_at, group.rows[-1].received_at) for group in new_groups]
    cursor = postgresql_cursor()
    if cursor is not None:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('problem_groups', 'id')) "
                       "FROM generate_series(1, %s)", (len(values),))
        ids = [row[0] for row in cursor.fetchall()]
        with cursor.copy("COPY problem_groups (id, place_key, topic, contact_count, first_at, last_at, manual, "
                         "created_at, updated_at) FROM STDIN") as copy:
            for group_id, value in zip(ids, values):
                copy.write_row((group_id, *value, False, now, now))
    else:
        columns = ("place_key", "topic", "contact_count", "first_at", "last_at")
        ids = db.session.scalars(
            sa.insert(ProblemGroup).returning(ProblemGroup.id, sort_by_parameter_order=True),
            [{**dict(zip(columns, value)), "manual": False, "created_at": now, "updated_at": now}
             for value in values]).all()
    for group_id, group in zip(ids, new_groups):
        group.label = group_id
        for row in group.rows:
            moves[row.id] = group_id
    return len(ids)


def _apply_moves(moves: dict[int, int], reasons: dict[int, str | None], current: dict[int, int | None]) -> None:
    """Record each contact's new group and why it is there (never a locked one: those are in neither)."""
    writes = {contact_id: (moves.get(contact_id, current.get(contact_id)), reasons.get(contact_id))
              for contact_id in moves.keys() | reasons.keys()}
    writes = {contact_id: write for contact_id, write in writes.items() if write[0] is not None}
    if not writes:
        return
    cursor = postgresql_cursor()
    if cursor is not None:
        cursor.execute("CREATE TEMP TABLE group_moves (contact_id integer PRIMARY KEY, group_id integer, "
                       "reason text) ON COMMIT DROP")
        with cursor.copy("COPY group_moves FROM STDIN") as copy:
            for contact_id, (group_id, reason) in writes.items():
                copy.write_row((contact_id, group_id, reason))
        cursor.execute("INSERT INTO contact_groups (contact_id, group_id, locked, reason) "
                       "SELECT contact_id, group_id, false, reason FROM group_moves "
                       "ON CONFLICT (contact_id) DO UPDATE SET group_id = EXCLUDED.group_id, reason = EXCLUDED.reason")
        cursor.execute("DROP TABLE group_moves")
        return
    insert = sa.dialects.sqlite.insert(ContactGroup.__table__)
    statement = insert.on_conflict_do_update(index_elements=["contact_id"], set_={
        "group_id": insert.excluded.group_id, "reason": insert.excluded.reason})
    rows = [{"contact_id": contact_id, "group_id": group_id, "locked": False, "reason": reason}
            for contact_id, (group_id, reason) in writes.items()]
    for start in range(0, len(rows), BATCH):
        db.session.execute(statement, rows[start:start + BATCH])


def _refresh_groups(group_ids: set[int] | None = None) -> None:
    """Recount each group's contacts and dates; drop groups nobody is left in (unless hand-made)."""
    if group_ids is None:
        _refresh_scope(sa.true(), sa.true())
        return
    for chunk in bulk.chunks(group_ids):
        _refresh_scope(bulk.among(ProblemGroup.__table__.c.id, chunk), bulk.among(ContactGroup.__table__.c.group_id,
                                                                                  chunk))


def _refresh_scope(in_scope, counted) -> None:
    groups, contacts, members = ProblemGroup.__table__, Contact.__table__, ContactGroup.__table__
    stats = (sa.select(members.c.group_id, sa.func.count().label("n"),
                       sa.func.min(contacts.c.received_at).label("first"),
                       sa.func.max(contacts.c.received_at).label("last"))
             .select_from(members.join(contacts, contacts.c.id == members.c.contact_id))
             .where(counted).group_by(members.c.group_id).subquery())
    quiet = {"synchronize_session": False}
    db.session.execute(sa.update(groups).where(in_scope).values(contact_count=0).execution_options(**quiet))
    db.session.execute(sa.update(groups).where(groups.c.id == stats.c.group_id).values(
        contact_count=stats.c.n, first_at=stats.c.first, last_at=stats.c.last).execution_options(**quiet))
    db.session.execute(sa.delete(groups).where(in_scope, groups.c.contact_count == 0, groups.c.manual.is_(False))
                       .execution_options(**quiet))


def merge(target_id: int, other_ids: list[int]) -> int:
    """并单: move every contact of the other groups into the target, for good; each moved contact is
    labelled the same problem as the target's first.  Returns contacts moved."""
    first = _first_contact(target_id)
    moving = list(db.session.scalars(sa.select(ContactGroup.contact_id).where(ContactGroup.group_id.in_(other_ids))))
    _label_pairs(first, moving, same=True)
    quiet = {"synchronize_session": False}
    db.session.execute(sa.update(ContactGroup).where(ContactGroup.group_id == target_id).values(locked=True)
                       .execution_options(**quiet))
    moved = db.session.execute(
        sa.update(ContactGroup).where(ContactGroup.group_id.in_(other_ids))
        .values(group_id=target_id, locked=True, reason=HAND).execution_options(**quiet)).rowcount
    db.session.execute(sa.update(ProblemGroup).where(ProblemGroup.id == target_id).values(manual=True))
    db.session.execute(sa.update(ProblemGroup).where(ProblemGroup.id.in_(other_ids)).values(manual=False))
    _refresh_groups({target_id, *other_ids})
    _describe_by_hand(target_id)
    return moved


def split(contact_ids: list[int]) -> int:
    """拆单: take these contacts out of their group into a new one of their own, for good; they are
    labelled one problem among themselves and another than the group they left."""
    first = db.session.get(Contact, contact_ids[0])
    old = first.group_id
    group = ProblemGroup(place_key=(first.place_key or "")[:200], topic=first.topic or "", place=first.place,
                         thing=matter.label(first.thing) or None, manual=True)
    db.session.add(group)
    db.session.flush()
    db.session.execute(sa.delete(ContactGroup).where(ContactGroup.contact_id.in_(contact_ids))
                       .execution_options(synchronize_session=False))
    db.session.execute(sa.insert(ContactGroup), [{"contact_id": contact_id, "group_id": group.id, "locked": True,
                                                  "reason": HAND} for contact_id in contact_ids])
    _label_pairs(contact_ids[0], contact_ids[1:], same=True)
    if old is not None:
        stayed = _first_contact(old)
        if stayed is not None:
            _label_pairs(stayed, contact_ids, same=False)
        db.session.execute(sa.update(ContactGroup).where(ContactGroup.group_id == old).values(locked=True)
                           .execution_options(synchronize_session=False))
        db.session.execute(sa.update(ProblemGroup).where(ProblemGroup.id == old).values(manual=True, reason=HAND))
    _refresh_groups({group.id} | ({old} if old else set()))
    for group_id in (group.id, old):
        if group_id is not None:
            _describe_by_hand(group_id)
    return group.id


def _describe_by_hand(group_id: int) -> None:
    """Say on a group a person merged or split that they did, and what most of its contacts share."""
    group = Group(group_id, locked=True)
    for row in _rows(ContactGroup.__table__.c.group_id == group_id):
        group.add(row)
    if group.rows:
        _describe([group], {group_id})


HAND = "hand=1"
PARALLEL = "parallel=1"  # found in a group that was joined to this one as the same problem


def _first_contact(group_id: int) -> int | None:
    return db.session.scalar(sa.select(ContactGroup.contact_id).join(Contact, Contact.id == ContactGroup.contact_id)
                             .where(ContactGroup.group_id == group_id)
                             .order_by(Contact.received_at, Contact.id).limit(1))


def _label_pairs(contact_id: int | None, others: list[int], same: bool) -> None:
    if contact_id is None:
        return
    rows = [{"contact_id": contact_id, "other_id": other, "same": same} for other in others if other != contact_id]
    for start in range(0, len(rows), BATCH):
        db.session.execute(sa.insert(PairLabel), rows[start:start + BATCH])


def agreement() -> tuple[int, int]:
    """How many of the office's labelled pairs the grouping agrees with now, of how many."""
    left, right = ContactGroup.__table__.alias("left"), ContactGroup.__table__.alias("right")
    together = (left.c.group_id == right.c.group_id)
    agrees = sa.case((PairLabel.same, together), else_=sa.not_(together))
    total, agreed = db.session.execute(
        sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(sa.case((agrees, 1), else_=0)), 0))
        .select_from(PairLabel).join(left, left.c.contact_id == PairLabel.contact_id)
        .join(right, right.c.contact_id == PairLabel.other_id)).one()
    return int(agreed), int(total)
