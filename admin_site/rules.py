"""Which problems the rapid-linkage mechanism takes up, and how urgent each case is
(DOMAIN.md §4 and §6).

Facts are gathered in SQL for many problems at once (one aggregate pass over their contacts);
the rules are small predicates over those facts, used by the background jobs and to explain a
case on its page.  A rule's numbers are settings (``RULE_*`` and ``LEVEL_*`` in config.py).

- ``repeat``, ``cross`` and ``multi_channel`` follow from a problem's contacts;
- ``other`` follows from the case itself (leader instruction still 不满意, or a plan overdue);
- ``legacy`` is only ever set by a person, with a reason.

A case that is not closed also gets a priority (``priority``): how strongly its problem meets the
notice, from the same facts and the case's own standing; proposals are reviewed highest first, on
the workbench and in the monthly 定期梳理.  Its weights are settings too (``PRIORITY_*``).

A computed category is a suggestion: recalculation adds and removes it.  Once the office confirms
it, or when a person set it, recalculation never removes it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext

from . import audit, bulk, grouping, workdays
from .models import (
    OPEN_CASE_STATUSES,
    AuditAction,
    Case,
    CaseAction,
    CaseCategory,
    CaseEvent,
    CaseSource,
    CaseStatus,
    Category,
    CategoryOrigin,
    Channel,
    Contact,
    ContactGroup,
    JobLock,
    Level,
    NumberSequence,
    ProblemGroup,
    Publicity,
    Satisfaction,
    Unit,
    contact_return_units,
    contact_transfer_units,
    db,
    now_local,
)
from .places import Location

# Categories that follow from a problem's contacts, and the one that follows from the case.
FROM_CONTACTS = (Category.repeat, Category.cross, Category.multi_channel)
COMPUTED = (*FROM_CONTACTS, Category.other)

# While a case is in these states its deadline binds the lead unit (after feedback it is the
# office's turn; closed cases are no longer chased).
DEADLINE_STATUSES = (CaseStatus.accepted, CaseStatus.coordinating, CaseStatus.assigned)
# A leader-instructed case still 不满意 is escalated in any state but these.
SETTLED_STATUSES = (CaseStatus.rejected, CaseStatus.archived)

# Background jobs that rewrite derived data (groups, proposals, categories) take this lock, so two
# workers or two schedulers running the same job at once give the result of one.
LOCK = "derived-data"

CHUNK = 5000


@dataclass(frozen=True, slots=True)
class Settings:
    repeat_contacts: int
    repeat_days: int
    cross_units: int
    channels: int
    yellow_workdays: int
    report_workdays: int

    @classmethod
    def current(cls) -> Settings:
        config = current_app.config
        return cls(config["RULE_REPEAT_CONTACTS"], config["RULE_REPEAT_DAYS"], config["RULE_CROSS_UNITS"],
                   config["RULE_CHANNELS"], config["LEVEL_YELLOW_WORKDAYS"], config["LEVEL_REPORT_WORKDAYS"])


@dataclass(frozen=True, slots=True)
class Weights:
    """Points of the priority (config.py, ``PRIORITY_*``)."""

    contact: int
    channel: int
    unit: int
    returned: int
    dissatisfied: int
    recent: int
    recent_days: int
    leader: int
    legacy: int
    other: int

    @classmethod
    def current(cls) -> Weights:
        config = current_app.config
        return cls(*(config[f"PRIORITY_{field.name.upper()}"] for field in fields(cls)))


@dataclass(frozen=True, slots=True)
class Facts:
    """What a problem's contacts say about it."""

    contacts: int
    repeated: bool  # enough contacts within the repeat window
    channels: int
    units: int  # distinct units that handled its contacts
    returns: int  # times a unit sent one of its contacts back (退回)
    dissatisfied: int = 0  # call-backs that found the citizen 不满意
    last_at: datetime | None = None  # the latest contact

    def categories(self, settings: Settings) -> set[Category]:
        found = set()
        if self.repeated:
            found.add(Category.repeat)
        if self.units >= settings.cross_units or self.returns:
            found.add(Category.cross)
        if self.channels >= settings.channels:
            found.add(Category.multi_channel)
        return found


@dataclass(frozen=True)
class Scope:
    """The problems a run looks at: some groups and cases, or (``None`` for both) all of them."""

    group_ids: frozenset[int] | None = None
    case_ids: frozenset[int] | None = None

    @classmethod
    def of_contacts(cls, contact_ids: list[int], group_ids=()) -> Scope:
        """The groups and cases of these contacts, and the other groups named."""
        groups, cases = set(group_ids), set()
        for chunk in _chunks(contact_ids):
            groups.update(db.session.scalars(sa.select(ContactGroup.group_id)
                                              .where(bulk.among(ContactGroup.contact_id, chunk))))
            cases.update(db.session.scalars(sa.select(Contact.case_id)
                                            .where(bulk.among(Contact.id, chunk), Contact.case_id.is_not(None))))
        return cls(frozenset(groups), frozenset(cases))

    @classmethod
    def of_cases(cls, case_ids) -> Scope:
        return cls(frozenset(), frozenset(case_ids))

    @classmethod
    def of_groups(cls, group_ids) -> Scope:
        return cls(frozenset(group_ids), frozenset())


# -- gathering facts -------------------------------------------------------------------------------

def _dialect() -> str:
    return db.session.get_bind().dialect.name


def _day_gap(later, earlier):
    """Calendar days from ``earlier`` to ``later``."""
    if _dialect() == "postgresql":
        return sa.cast(later, sa.Date) - sa.cast(earlier, sa.Date)
    return sa.func.julianday(sa.func.date(later)) - sa.func.julianday(sa.func.date(earlier))


def _chunks(ids):
    return bulk.chunks(ids, CHUNK)


def facts(key, source, where, settings: Settings) -> dict[int, Facts]:
    """Facts per problem: ``key`` names the problem of a contact (its case or its group) within
    ``source`` (a from-clause holding ``contacts``), limited by ``where``."""
    contacts = Contact.__table__
    # The contact N-1 places earlier in the same problem: N contacts within the window exactly
    # when some contact is at most that many days after it.
    ordered = (sa.select(key.label("key"), contacts.c.received_at.label("at"), contacts.c.channel.label("channel"),
                         contacts.c.satisfaction.label("satisfaction"),
                         sa.func.lag(contacts.c.received_at, settings.repeat_contacts - 1)
                         .over(partition_by=key, order_by=contacts.c.received_at).label("earlier"))
               .select_from(source).where(where).subquery())
    repeated = sa.case((sa.and_(ordered.c.earlier.is_not(None),
                                _day_gap(ordered.c.at, ordered.c.earlier) <= settings.repeat_days), 1), else_=0)
    dissatisfied = sa.case((ordered.c.satisfaction == Satisfaction.dissatisfied, 1), else_=0)
    counts = db.session.execute(
        sa.select(ordered.c.key, sa.func.count(), sa.func.max(repeated),
                  sa.func.count(sa.distinct(ordered.c.channel)), sa.func.sum(dissatisfied),
                  sa.func.max(ordered.c.at)).group_by(ordered.c.key))
    units = dict(db.session.execute(
        sa.select(key, sa.func.count(sa.distinct(contact_transfer_units.c.unit_id)))
        .select_from(source.join(contact_transfer_units, contact_transfer_units.c.contact_id == contacts.c.id))
        .where(where).group_by(key)).all())
    returns = dict(db.session.execute(
        sa.select(key, sa.func.count())
        .select_from(source.join(contact_return_units, contact_return_units.c.contact_id == contacts.c.id))
        .where(where).group_by(key)).all())
    return {problem: Facts(number, bool(hit), channels, units.get(problem, 0), returns.get(problem, 0),
                           int(unhappy or 0), last)
            for problem, number, hit, channels, unhappy, last in counts}


def case_facts(case_ids, settings: Settings) -> dict[int, Facts]:
    """Facts of cases from the contacts attached to them (all cases when ``case_ids`` is None)."""
    contacts = Contact.__table__
    if case_ids is None:
        return facts(contacts.c.case_id, contacts, contacts.c.case_id.is_not(None), settings)
    found = {}
    for chunk in _chunks(case_ids):
        found.update(facts(contacts.c.case_id, contacts, bulk.among(contacts.c.case_id, chunk), settings))
    return found


def open_case_facts(settings: Settings) -> dict[int, Facts]:
    """Facts of every case not closed, in one pass (no list of ids to send)."""
    contacts, cases = Contact.__table__, Case.__table__
    return facts(contacts.c.case_id, contacts.join(cases, cases.c.id == contacts.c.case_id),
                 cases.c.status.in_(OPEN_CASE_STATUSES), settings)


def _group_facts(where, settings: Settings) -> dict[int, Facts]:
    contacts, members = Contact.__table__, ContactGroup.__table__
    return facts(members.c.group_id, members.join(contacts, contacts.c.id == members.c.contact_id), where, settings)


# -- attaching contacts and proposing cases ----------------------------------------------------------

def _attach_to_group_cases(group_ids) -> int:
    """A contact that joined a problem which already has a case joins that case too."""
    contacts, members = Contact.__table__, ContactGroup.__table__
    other = members.alias("other")
    in_case = contacts.alias("in_case")
    group_case = (sa.select(other.c.group_id, sa.func.min(in_case.c.case_id).label("case_id"))
                  .select_from(other.join(in_case, in_case.c.id == other.c.contact_id))
                  .where(in_case.c.case_id.is_not(None)).group_by(other.c.group_id))
    attached = 0
    for chunk in [None] if group_ids is None else _chunks(group_ids):
        # Worked out once, before the update looks at any contact (a plain subquery may be run again
        # for every contact when the planner misjudges how many lack a case).
        found = (group_case if chunk is None else group_case.where(bulk.among(other.c.group_id, chunk))) \
            .cte("group_case").prefix_with("MATERIALIZED")
        attached += len(db.session.execute(
            sa.update(contacts)
            .where(contacts.c.case_id.is_(None), members.c.contact_id == contacts.c.id,
                   members.c.group_id == found.c.group_id)
            .values(case_id=found.c.case_id).returning(contacts.c.id)
            .execution_options(synchronize_session=False)).all())
    return attached


def fold_merged_cases(target_id: int, user=None) -> tuple[str | None, list[str], list[str]]:
    """After a 并单 into ``target_id`` (or any grouping that found two groups one problem): the
    group keeps one case, the one someone has taken up if there is one (the group's own first, else
    the oldest), else its own proposal, else the oldest proposal its contacts brought.  Every untouched
    proposal (系统识别, 已提出, no step taken, no contacts in other groups) folds into it, contacts and
    all, and its 办理记录 says so; a second case someone has taken up stays, for the office to settle.
    Returns the number of the group's case, and the numbers of the folded cases and of the kept ones."""
    members = ContactGroup.__table__
    in_group = sa.select(members.c.contact_id).where(members.c.group_id == target_id)
    brought = db.session.scalars(sa.select(Case).where(Case.id.in_(
        sa.select(Contact.case_id).where(Contact.id.in_(in_group), Contact.case_id.is_not(None))))
        .order_by(Case.created_at, Case.id)).all()
    elsewhere = set(db.session.scalars(sa.select(Contact.case_id).distinct().where(
        Contact.case_id.in_([case.id for case in brought]), Contact.id.not_in(in_group))))

    def untouched(case: Case) -> bool:
        return _untouched(case) and case.id not in elsewhere

    taken = sorted((case for case in brought if not _untouched(case) and case.id not in elsewhere),
                   key=lambda case: case.problem_group_id != target_id)  # stable: oldest first otherwise
    own = [case for case in brought if case.problem_group_id == target_id]
    target = next(iter(taken or own or brought), None)
    folded, kept = [], []
    for case in brought:
        if case is target:
            continue
        if not untouched(case):
            kept.append(case.number)
            continue
        moved = db.session.execute(sa.update(Contact).where(Contact.case_id == case.id).values(case_id=target.id)
                                   .execution_options(synchronize_session=False)).rowcount
        folded.append(case.number)
        target.updated_at = now_local()
        db.session.add(CaseEvent(
            case=target, user_id=getattr(user, "id", None), username=getattr(user, "username", None),
            action=CaseAction.fold, from_status=target.status, to_status=target.status,
            reason=gettext("Proposal %(number)s was the same problem: its %(count)d contact(s) joined this "
                           "case and it was withdrawn.", number=case.number, count=moved)))
        db.session.delete(case)
    db.session.flush()
    if target is not None and target.id not in elsewhere and target.problem_group_id != target_id:
        target.problem_group_id = target_id  # once the group's own proposal, folded, is gone
        db.session.flush()
    return (target.number if target is not None else None), folded, kept


def _untouched(case: Case) -> bool:
    """A proposal as the system made it: 系统识别, 已提出, no step taken (folds are no step)."""
    return case.status == CaseStatus.proposed and case.source == CaseSource.system and \
        all(event.action == CaseAction.fold for event in case.events)


def retitle_proposal(group_id: int) -> None:
    """After a 拆单: the group's untouched proposal takes its title and summary from a contact it
    still holds (a person's own title stays)."""
    case = db.session.scalar(sa.select(Case).where(Case.problem_group_id == group_id))
    if case is not None and _untouched(case):
        title = _proposal_titles([group_id]).get(group_id)
        if title is not None:
            case.title, case.summary = title


def leave_group_cases(contact_ids: list[int], group_id: int | None) -> int:
    """After a 拆单: the contacts taken out of a group leave the case proposed from it (they are
    another problem now, and their new group gets a case of its own if it meets a rule).
    Returns the contacts that left a case."""
    if group_id is None:
        return 0
    return db.session.execute(
        sa.update(Contact).where(Contact.id.in_(contact_ids),
                                 Contact.case_id.in_(sa.select(Case.id).where(Case.problem_group_id == group_id)))
        .values(case_id=None).execution_options(synchronize_session=False)).rowcount


def _caseless_groups(group_ids) -> list[int]:
    """Groups in scope none of whose contacts belongs to a case, and that never had a case."""
    groups, contacts, members = ProblemGroup.__table__, Contact.__table__, ContactGroup.__table__
    in_case = (sa.exists().select_from(members.join(contacts, contacts.c.id == members.c.contact_id))
               .where(members.c.group_id == groups.c.id, contacts.c.case_id.is_not(None)))
    had_case = sa.exists().where(Case.problem_group_id == groups.c.id)
    query = sa.select(groups.c.id).where(~in_case, ~had_case)
    if group_ids is None:
        return list(db.session.scalars(query))
    found = []
    for chunk in _chunks(group_ids):
        found += db.session.scalars(query.where(bulk.among(groups.c.id, chunk)))
    return found


def _proposal_titles(group_ids: list[int]) -> dict[int, tuple[str, str]]:
    """A title and summary per group: its place and its first complaint."""
    contacts, members = Contact.__table__, ContactGroup.__table__
    first = (sa.select(sa.func.min(members.c.contact_id)).where(bulk.among(members.c.group_id, group_ids))
             .group_by(members.c.group_id))
    rows = db.session.execute(
        sa.select(members.c.group_id, ProblemGroup.place, contacts.c.content)
        .select_from(contacts.join(members, members.c.contact_id == contacts.c.id)
                     .join(ProblemGroup, ProblemGroup.id == members.c.group_id))
        .where(contacts.c.id.in_(first)))
    titles = {}
    for group_id, stored_place, content in rows:
        words = " ".join(content.split())
        location = Location.parse(stored_place)
        place, named = location.public_label, location.estate or location.road or location.village or location.town
        title = f"{place}：{words}" if place and (named or place) not in words else words
        titles[group_id] = (title[:60] + ("…" if len(title) > 60 else ""), content[:2000])
    return titles


PROPOSAL_COLUMNS = ("number", "title", "summary", "source", "status", "level", "publicity", "problem_group_id",
                    "created_at", "updated_at")


def propose(group_ids, settings: Settings) -> list[int]:
    """Make a proposed case of every problem group that meets a rule and has no case yet."""
    caseless = _caseless_groups(group_ids)
    members = ContactGroup.__table__
    found = {}
    for chunk in _chunks(caseless):
        found.update(_group_facts(bulk.among(members.c.group_id, chunk), settings))
    qualifying = sorted(group for group, group_facts in found.items() if group_facts.categories(settings))
    if not qualifying:
        return []
    now = now_local()
    last = NumberSequence.take(db.session, "case", now.year, len(qualifying))
    number = iter(range(last - len(qualifying) + 1, last + 1))
    before = db.session.scalar(sa.select(sa.func.coalesce(sa.func.max(Case.id), 0)))
    for chunk in _chunks(qualifying):
        titles = _proposal_titles(chunk)
        bulk.insert_rows(Case.__table__, PROPOSAL_COLUMNS, [
            (f"LD-{now.year}-{next(number):04d}", *titles[group_id], CaseSource.system, CaseStatus.proposed,
             Level.normal, Publicity.public, group_id, now, now) for group_id in chunk])
    contacts = Contact.__table__
    for chunk in _chunks(qualifying):  # the proposed groups' contacts only, not every contact without a case
        db.session.execute(
            sa.update(contacts)
            .where(contacts.c.case_id.is_(None), members.c.contact_id == contacts.c.id,
                   bulk.among(members.c.group_id, chunk), Case.problem_group_id == members.c.group_id,
                   Case.id > before)
            .values(case_id=Case.id).execution_options(synchronize_session=False))
    return list(db.session.scalars(sa.select(Case.id).where(Case.id > before)))


# -- categories ------------------------------------------------------------------------------------

def _sync(code_set, case_ids, wanted: set[tuple[int, Category]]) -> tuple[int, int]:
    """Make the computed categories among ``code_set`` of ``case_ids`` (None: every case) match
    ``wanted``; confirmed and hand-set ones stay whatever happens.  Returns (added, removed)."""
    table = CaseCategory.__table__
    codes = [code.value for code in code_set]
    query = sa.select(table.c.id, table.c.case_id, table.c.code, table.c.origin).where(table.c.code.in_(codes))
    present, stale = set(), []
    for chunk in [None] if case_ids is None else _chunks(case_ids):
        scoped = query if chunk is None else query.where(bulk.among(table.c.case_id, chunk))
        for row_id, case_id, code, origin in db.session.execute(scoped):
            present.add((case_id, Category(code)))
            if origin == CategoryOrigin.computed and (case_id, Category(code)) not in wanted:
                stale.append(row_id)
    added = sorted(wanted - present)
    bulk.insert_rows(table, ("case_id", "code", "origin"),
                     [(case_id, code, CategoryOrigin.computed) for case_id, code in added], ignore_existing=True)
    for chunk in _chunks(stale):
        db.session.execute(sa.delete(table).where(bulk.among(table.c.id, chunk)))
    return len(added), len(stale)


def overdue_plan(today: date):
    """A plan (lead unit and deadline) whose deadline has passed while the unit still owes the work."""
    return sa.and_(Case.lead_unit_id.is_not(None), Case.deadline < today, Case.status.in_(DEADLINE_STATUSES))


def _leader_unsatisfied():
    return sa.and_(sa.func.coalesce(Case.leader_instruction, "") != "",
                   Case.satisfaction == Satisfaction.dissatisfied, Case.status.not_in(SETTLED_STATUSES))


def _case_scope(case_ids):
    if case_ids is None:
        yield sa.true()
    else:
        for chunk in _chunks(case_ids):
            yield bulk.among(Case.id, chunk)


def categorize_from_contacts(case_ids, settings: Settings, found: dict[int, Facts] | None = None) -> tuple[int, int]:
    """Bring the categories that follow from contacts up to date (from ``found``, the cases' facts,
    when the caller has gathered them).  Returns (added, removed)."""
    found = case_facts(case_ids, settings) if found is None else found
    wanted = {(case_id, code) for case_id, case in found.items() for code in case.categories(settings)}
    return _sync(FROM_CONTACTS, case_ids, wanted)


def _other_cases(case_ids, today: date) -> set[tuple[int, Category]]:
    wanted = set()
    for where in _case_scope(case_ids):
        wanted.update((case_id, Category.other) for case_id in db.session.scalars(
            sa.select(Case.id).where(where, sa.or_(overdue_plan(today), _leader_unsatisfied()))))
    return wanted


def categorize_from_case(case_ids, today: date) -> tuple[int, int]:
    """Bring ``other`` up to date: it follows from the case's own fields and the calendar."""
    return _sync((Category.other,), case_ids, _other_cases(case_ids, today))


# -- priority ----------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Standing:
    """What the case itself adds to its problem's facts."""

    leader: bool  # a leader gave instructions (批示)
    dissatisfied: bool  # the citizen's verdict on the case is 不满意
    legacy: bool  # it carries the category 历史遗留问题
    other: bool  # it carries the category 其他需要协调处理的问题


def _scored(found: Facts | None, standing: Standing, weights: Weights, today: date) -> list[tuple[int, object]]:
    """Each part of a case's priority: its points, and how to say it (only said when shown)."""
    found = found or Facts(0, False, 0, 0, 0)
    dissatisfied = found.dissatisfied + standing.dissatisfied
    # 近 N 天: the N days ending today (a contact dated later, by a clock set wrong, counts too).
    recent = found.last_at is not None and (today - found.last_at.date()).days < weights.recent_days
    return [
        (weights.contact * found.contacts, lambda: gettext("%(count)d contact(s)", count=found.contacts)),
        (weights.channel * max(found.channels - 1, 0), lambda: gettext("%(count)d channels", count=found.channels)),
        (weights.unit * max(found.units - 1, 0), lambda: gettext("%(count)d handling units", count=found.units)),
        (weights.returned * found.returns, lambda: gettext("%(count)d return(s)", count=found.returns)),
        (weights.dissatisfied * dissatisfied, lambda: gettext("dissatisfied %(count)d time(s)", count=dissatisfied)),
        (weights.recent * recent, lambda: gettext("contacted in the last %(days)d days", days=weights.recent_days)),
        (weights.leader * standing.leader, lambda: gettext("a leader gave instructions")),
        (weights.legacy * standing.legacy, lambda: str(Category.legacy.label)),
        (weights.other * standing.other, lambda: str(Category.other.label)),
    ]


def priority_parts(found: Facts | None, standing: Standing, weights: Weights, today: date) -> list[tuple[str, int]]:
    """The parts of a case's priority that count, each in words with its points."""
    return [(say(), points) for points, say in _scored(found, standing, weights, today) if points > 0]


def priority(found: Facts | None, standing: Standing, weights: Weights, today: date) -> int:
    """How strongly the problem meets the notice: the more, the sooner the office looks at it."""
    return sum(points for points, _ in _scored(found, standing, weights, today) if points > 0)


def _standing():
    """The columns of a case's standing, in the order of ``Standing``."""
    def carries(code: Category):
        return sa.exists().where(CaseCategory.case_id == Case.id, CaseCategory.code == code)

    return (sa.func.coalesce(Case.leader_instruction, "") != "", Case.satisfaction == Satisfaction.dissatisfied,
            carries(Category.legacy), carries(Category.other))


def reprioritize(case_ids, found: dict[int, Facts], today: date) -> int:
    """Store the priority of every case in scope that is not closed (a closed case keeps the one it
    was closed with); ``found`` holds their facts.  Returns how many changed."""
    weights, cases = Weights.current(), Case.__table__
    changed = []
    for where in _case_scope(case_ids):
        rows = db.session.execute(sa.select(Case.id, Case.priority, *_standing())
                                  .where(where, Case.status.in_(OPEN_CASE_STATUSES)))
        for case_id, stored, *standing in rows:
            score = priority(found.get(case_id), Standing(*map(bool, standing)), weights, today)
            if score != stored:
                changed.append((case_id, score))
    # A ranking is not an edit: the case keeps its "updated at" (a bulk update leaves it alone).
    bulk.update_rows(cases, ("id", "priority"), changed)
    return len(changed)


def explain_priority(case: Case, today: date | None = None) -> str:
    """The case's priority in words: 优先度 37：诉求 12 次、3 个渠道、2 次退回、不满意 4 次、近 30 天有来电."""
    if case.status not in OPEN_CASE_STATUSES:
        return gettext("Priority %(score)d, as it stood when the case was closed", score=case.priority)
    today = today or now_local().date()
    found = case_facts([case.id], Settings.current()).get(case.id)
    standing = Standing(*map(bool, db.session.execute(sa.select(*_standing()).where(Case.id == case.id)).one()))
    parts = priority_parts(found, standing, Weights.current(), today)
    score = sum(points for _, points in parts)
    if not parts:
        return gettext("Priority %(score)d", score=score)
    return gettext("Priority %(score)d: %(parts)s", score=score, parts="、".join(words for words, _ in parts))


# -- levels ----------------------------------------------------------------------------------------

def level_expression(today: date, settings: Settings):
    """The level a case should have today (DOMAIN.md §6), as SQL."""
    # Deadline on or after today but before this day: at most N working days left.
    yellow_before = workdays.add_workdays(today, settings.yellow_workdays + 1)
    # Deadline before this day: at least N working days overdue (today counts once it is one).
    report_before = workdays.add_workdays(today + timedelta(days=1), -settings.report_workdays)
    binding = sa.and_(Case.status.in_(DEADLINE_STATUSES), Case.deadline.is_not(None))
    return sa.case(
        (_leader_unsatisfied(), Level.report.value),
        (sa.and_(binding, Case.deadline < report_before), Level.report.value),
        (sa.and_(binding, Case.deadline < today), Level.red.value),
        (sa.and_(binding, Case.deadline < yellow_before), Level.yellow.value),
        else_=Level.normal.value,
    )


def relevel(case_ids, settings: Settings, today: date) -> int:
    """Set every case's level for today; returns how many changed."""
    level = level_expression(today, settings)
    changed = 0
    for where in _case_scope(case_ids):
        changed += db.session.execute(
            sa.update(Case).where(where, Case.level != level).values(level=level)
            .execution_options(synchronize_session=False)).rowcount
    return changed


# -- explaining a case ----------------------------------------------------------------------------

def _unit_counts(table, case_id: int) -> dict[str, int]:
    rows = db.session.execute(
        sa.select(Unit.name, sa.func.count()).select_from(table.join(Unit, Unit.id == table.c.unit_id)
                                                          .join(Contact, Contact.id == table.c.contact_id))
        .where(Contact.case_id == case_id).group_by(Unit.name)
        .order_by(sa.func.min(Contact.received_at), sa.func.min(Unit.id)))
    return dict(rows.all())


def explain(case: Case, today: date | None = None) -> list[tuple[CaseCategory, str, bool]]:
    """Each category of the case, why it applies in words, and whether its rule holds today
    (a confirmed or hand-set category stays even when it no longer does)."""
    settings = Settings.current()
    today = today or now_local().date()
    found = case_facts([case.id], settings).get(case.id)
    holds = found.categories(settings) if found else set()
    leader, overdue = db.session.execute(
        sa.select(_leader_unsatisfied(), overdue_plan(today)).where(Case.id == case.id)).one()
    if leader or overdue:
        holds.add(Category.other)
    calls = db.session.execute(sa.select(Contact.received_at, Contact.channel).where(Contact.case_id == case.id)
                               .order_by(Contact.received_at)).all()
    present = {channel for _, channel in calls}
    channels = "、".join(str(channel.label) for channel in Channel if channel in present)
    handled, returned = _unit_counts(contact_transfer_units, case.id), _unit_counts(contact_return_units, case.id)
    other = []
    if leader:
        on = case.leader_instruction_on.isoformat() if case.leader_instruction_on else ""
        other.append(gettext("A leader gave instructions %(on)s and the citizen is still dissatisfied", on=on))
    if overdue:
        other.append(gettext("Lead unit %(unit)s, deadline %(deadline)s, %(days)d working day(s) overdue",
                             unit=case.lead_unit.name, deadline=case.deadline.isoformat(),
                             days=workdays.workdays_between(case.deadline, today)))
    words = {
        Category.repeat: gettext("%(count)d calls, from %(first)s to %(last)s", count=len(calls),
                                 first=calls[0].received_at.date().isoformat(),
                                 last=calls[-1].received_at.date().isoformat()) if calls else "",
        Category.multi_channel: gettext("Channels: %(channels)s", channels=channels) if channels else "",
        Category.cross: "；".join(filter(None, [
            gettext("Handling units: %(units)s", units="、".join(handled)) if handled else "",
            "，".join(gettext("%(unit)s returned it %(count)d time(s)", unit=unit, count=count)
                     for unit, count in returned.items())])),
        Category.other: "；".join(other),
    }
    explained = []
    for category in case.categories:
        text = words.get(category.code, "")
        if category.code == Category.legacy and category.legacy_reason:
            text = str(category.legacy_reason.label)
        if category.reason:
            text = "；".join(filter(None, [text, category.reason]))
        explained.append((category, text, category.code in holds or category.code == Category.legacy))
    return explained


# -- runs ------------------------------------------------------------------------------------------

# An import this large changes the tables enough that the planner's statistics are refreshed as
# soon as it is stored, grouped and ruled on, not left to autovacuum.
MANY_CONTACTS = 10_000
_CONTACT_TABLES = (Contact.__table__, contact_transfer_units, contact_return_units)
_GROUP_TABLES = (ContactGroup.__table__, ProblemGroup.__table__)
# The rules write cases and the contacts' case_id: a planner that still believes no contact is in a
# case reads every case's contacts to find a few groups' (a second, not milliseconds, at 250,000).
_CASE_TABLES = (Case.__table__, CaseCategory.__table__, Contact.__table__)


def apply(scope: Scope | None = None, today: date | None = None) -> dict:
    """Apply every rule to the problems in scope (all of them when ``scope`` is None)."""
    settings = Settings.current()
    today = today or now_local().date()
    group_ids = None if scope is None else scope.group_ids
    attached = _attach_to_group_cases(group_ids)
    proposed = propose(group_ids, settings)
    case_ids = None
    if scope is not None:
        case_ids = set(scope.case_ids) | set(proposed)
        for chunk in _chunks(group_ids):
            case_ids.update(db.session.scalars(
                sa.select(Contact.case_id).join(ContactGroup, ContactGroup.contact_id == Contact.id)
                .where(bulk.among(ContactGroup.group_id, chunk), Contact.case_id.is_not(None)).distinct()))
    found = case_facts(case_ids, settings)  # one pass for the categories and the priorities
    added, removed = categorize_from_contacts(case_ids, settings, found)
    other_added, other_removed = categorize_from_case(case_ids, today)
    result = {"attached": attached, "proposed": len(proposed), "categories_added": added + other_added,
              "categories_removed": removed + other_removed, "levels_changed": relevel(case_ids, settings, today),
              "priorities_changed": reprioritize(case_ids, found, today)}
    _audit(result)
    return result


def _audit(result: dict) -> None:
    """One entry per run that changed anything: the rules write in bulk, past the ORM's audit hook."""
    keys = ("proposed", "attached", "categories_added", "categories_removed", "levels_changed", "priorities_changed")
    if any(result.get(key) for key in keys if key != "attached"):
        audit.record_in_transaction(AuditAction.update, "Case", detail=gettext(
            "Rules: %(proposed)d case(s) proposed, %(attached)d contact(s) joined their case, categories "
            "%(categories_added)d added and %(categories_removed)d removed, %(levels_changed)d level(s) changed, "
            "%(priorities_changed)d priority(ies) changed", **{key: result.get(key, 0) for key in keys}))


def absorb(contact_ids: list[int]) -> dict:
    """Group contacts that just arrived and apply the rules to the problems they joined."""
    JobLock.hold(db.session, LOCK)
    many = len(contact_ids) >= MANY_CONTACTS
    if many:
        bulk.refresh_statistics(*_CONTACT_TABLES)
    grouped = grouping.group_new(contact_ids, current_app.config["GROUP_WINDOW_DAYS"])
    touched = grouped.pop("touched")
    grouped["folded"] = fold_duplicate_proposals(touched)
    scope = Scope.of_contacts(contact_ids, touched)
    return {**grouped, **(_apply_after_bulk(scope) if many else apply(scope))}


def fold_duplicate_proposals(group_ids=None) -> int:
    """One problem, one case: where a grouping found two groups to be one problem, and the group
    (of ``group_ids``, or any) now holds contacts of more than one case, its untouched proposals
    fold into one case (fold_merged_cases); cases someone has taken up stay for the office.
    Returns how many proposals folded."""
    contacts, members = Contact.__table__, ContactGroup.__table__
    query = (sa.select(members.c.group_id).join(contacts, contacts.c.id == members.c.contact_id)
             .where(contacts.c.case_id.is_not(None)).group_by(members.c.group_id)
             .having(sa.func.count(sa.distinct(contacts.c.case_id)) > 1))
    several = []
    for chunk in [None] if group_ids is None else _chunks(group_ids):
        several += db.session.scalars(query if chunk is None else query.where(bulk.among(members.c.group_id, chunk)))
    return sum(len(fold_merged_cases(group_id)[1]) for group_id in sorted(several))


def _apply_after_bulk(scope: Scope | None = None) -> dict:
    """The rules over what a bulk grouping just rewrote, the planner's statistics refreshed first
    for the groups and then for the cases the rules wrote."""
    bulk.refresh_statistics(*_GROUP_TABLES)
    result = apply(scope)
    bulk.refresh_statistics(*_CASE_TABLES)
    return result


def recalculate() -> dict:
    """Group every contact again (region by region once the base holds REGROUP_WHOLE_BELOW), then
    apply every rule to every problem and case."""
    JobLock.hold(db.session, LOCK)
    grouped = grouping.recalculate_in_parts(current_app.config["GROUP_WINDOW_DAYS"],
                                            current_app.config["REGROUP_WHOLE_BELOW"])
    grouped["folded"] = fold_duplicate_proposals(grouped.pop("touched"))
    return {**grouped, **_apply_after_bulk()}


def regroup_part(region: str | None) -> dict:
    """One independent part of the nightly regroup (grouping.parts): the contacts of one region,
    those no county was found for, or everything.  Parts hold locks of their own, so as many
    workers as there are parts run at once; they write memberships only (the cases are
    apply_all's, once they are done)."""
    JobLock.hold(db.session, f"{LOCK}:{region or '-'}")
    grouped = grouping.recalculate(current_app.config["GROUP_WINDOW_DAYS"], region)
    del grouped["touched"]
    return grouped


def apply_all() -> dict:
    """The rules over every problem and case, once the regroup's parts are done (and first, one
    case for each problem the parts found to be one)."""
    JobLock.hold(db.session, LOCK)
    return {"folded": fold_duplicate_proposals(), **_apply_after_bulk()}


def refresh(today: date | None = None) -> dict:
    """The frequent run: take in contacts that missed their grouping job (a lost queue), then the
    rules that change with the calendar and with edits to cases, over every case."""
    JobLock.hold(db.session, LOCK)
    ungrouped = list(db.session.scalars(
        sa.select(Contact.id).where(~sa.exists().where(ContactGroup.contact_id == Contact.id))))
    result = {"ungrouped": len(ungrouped)}
    if ungrouped:
        touched = grouping.group_new(ungrouped, current_app.config["GROUP_WINDOW_DAYS"])["touched"]
        result["folded"] = fold_duplicate_proposals(touched)
        result["taken_in"] = apply(Scope.of_contacts(ungrouped, touched), today)
    today = today or now_local().date()
    settings = Settings.current()
    added, removed = categorize_from_case(None, today)
    # Priorities age with the calendar (recent contacts) and follow ``other``: every open case, in one pass.
    result.update(categories_added=added, categories_removed=removed,
                  levels_changed=relevel(None, settings, today),
                  priorities_changed=reprioritize(None, open_case_facts(settings), today))
    _audit(result)
    return result
