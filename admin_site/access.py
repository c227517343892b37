"""Who may see and change which rows: written once here, used by the screens, the API, exports,
lookups and commands (docs: DOMAIN.md §2).

``visible(user, Model)`` is the one filter of rows an account may see; ``writable`` narrows it to
rows it may change or delete; ``allowed(user, action, Model)`` says which actions a role has on a
screen; ``may_act`` which bulk actions it may run; ``editable_fields`` which fields its forms offer.
The steps of a case or a slip, offered as buttons on its page, are in workflow.py.  A unit account's "own unit" includes its
sub-units (a county government and the offices under it).
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import g

from .models import (
    ANSWERABLE_SLIP_STATUSES,
    AuditLog,
    Bulletin,
    Case,
    CaseCategory,
    CitizenContact,
    Contact,
    ContactGroup,
    Decision,
    GroupRole,
    Meeting,
    Member,
    MessageTemplate,
    Notification,
    Place,
    ProblemGroup,
    Role,
    SiteVisit,
    Slip,
    Unit,
    User,
    VisitKind,
    WorkdayOverride,
    case_co_units,
    contact_return_units,
    contact_transfer_units,
    db,
    meeting_units,
)

VIEW, CREATE, EDIT, DELETE, EXPORT = "view", "create", "edit", "delete", "export"
REGROUP = "regroup"  # merge and split problem groups by hand (并单/拆单)
CONFIRM = "confirm"  # confirm the categories the rules computed for a case
RESEND = "resend"  # decide on a message in the outbox: send again, cancel, confirm it arrived
PUBLISH = "publish"  # publish a bulletin (it goes out to the members)
REPORT = "report"  # print a case's 专报 for the city leaders
ASSESS = "assess"  # read every unit's figures and ranking (考核统计)
REVIEW = "review"  # 定期梳理: the period's hardest problems, ranked (notice, part 四(一): the hotline centre's)
READ = {VIEW, EXPORT}
ALL = {VIEW, CREATE, EDIT, DELETE, EXPORT}

# What each role may do on each kind of record; anything not listed is refused.
PERMISSIONS: dict[Role, dict[type, set[str]]] = {
    Role.office: {Unit: ALL | {ASSESS}, Member: ALL, Contact: ALL, Case: ALL | {CONFIRM, REPORT, REVIEW}, Meeting: ALL, Slip: ALL, User: ALL,
                  AuditLog: READ, ProblemGroup: {VIEW, EXPORT, REGROUP}, WorkdayOverride: ALL,
                  Notification: READ | {RESEND}, MessageTemplate: {VIEW, EDIT}, Bulletin: ALL | {PUBLISH},
                  CitizenContact: ALL, SiteVisit: ALL, Place: ALL},
    Role.hotline: {Unit: READ, Member: READ, Contact: {VIEW, CREATE, EDIT, EXPORT}, Case: {VIEW, CREATE, EDIT, EXPORT, REVIEW},
                   Meeting: READ, Slip: READ, ProblemGroup: READ, Bulletin: {VIEW}, CitizenContact: READ},
    Role.unit: {Unit: {VIEW, EDIT, EXPORT}, Member: ALL, Contact: READ, Case: READ, Meeting: READ,
                Slip: {VIEW, EDIT, EXPORT}, Bulletin: {VIEW}, CitizenContact: {VIEW, CREATE, EXPORT},
                SiteVisit: {VIEW, CREATE, EDIT, EXPORT}},
    Role.leader: {Unit: READ | {ASSESS}, Member: READ, Contact: READ, Case: READ | {REPORT, REVIEW}, Meeting: READ, Slip: READ,
                  ProblemGroup: READ, Bulletin: {VIEW}, CitizenContact: READ, SiteVisit: READ},
}

# Fields a role's forms offer, where it is not the whole form.  (role, Model, action) -> fields.
EDITABLE_FIELDS: dict[tuple[Role, type, str], tuple[str, ...]] = {
    (Role.unit, Unit, EDIT): ("phone", "email", "address"),
    (Role.unit, Slip, EDIT): ("verified", "rectification", "rectify_by", "policy_explanation", "root_cause",
                              "similar_cases", "feedback"),
    (Role.hotline, Case, CREATE): ("title", "summary", "jurisdiction", "contacts"),
    (Role.hotline, Case, EDIT): ("satisfaction",),
}

# The permission each bulk action of a list needs, by the list's model and the action's name; any
# other action is refused.  Actions act only on rows the account may see (and, for "delete", change).
ACTIONS: dict[tuple[type, str], tuple[str, type]] = {
    (Contact, "split"): (REGROUP, ProblemGroup),
    (ProblemGroup, "merge"): (REGROUP, ProblemGroup),
    (Case, "confirm"): (CONFIRM, Case),
    (Bulletin, "publish"): (PUBLISH, Bulletin),
    (Notification, "resend"): (RESEND, Notification),
    (Notification, "cancel"): (RESEND, Notification),
    (Notification, "confirm_delivered"): (RESEND, Notification),
}

# Roles that see complainants' personal data unmasked (everyone else sees 张*, 138****1234).
UNMASKED_ROLES = (Role.office, Role.hotline)
# Group roles a unit account may give its own people; the leader and deputies are the city's to name.
UNIT_MANAGED_GROUP_ROLES = (GroupRole.member, GroupRole.liaison)


def allowed(user, action: str, model: type) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.active:
        return False
    return action in PERMISSIONS.get(user.role, {}).get(model, set())


def may_act(user, model: type, name: str) -> bool:
    """Whether the account may run the list action ``name`` on the screen of ``model``."""
    if name == "delete":
        return allowed(user, DELETE, model)
    permission = ACTIONS.get((model, name))
    return permission is not None and allowed(user, *permission)


def editable_fields(user, model: type, action: str) -> tuple[str, ...] | None:
    """The fields this account's form offers, or None for the screen's whole form."""
    return EDITABLE_FIELDS.get((user.role, model, action))


def oversees_jobs(user) -> bool:
    """The office watches the background jobs and everyone's imports; others see only their own."""
    return user is not None and user.role == Role.office


def sees_personal_data(user) -> bool:
    return user is not None and user.role in UNMASKED_ROLES


def own_unit_ids(user) -> set[int]:
    """The account's unit and every unit below it (worked out once per request or job)."""
    if user.unit_id is None:
        return set()
    cache = g.setdefault("own_unit_ids", {})
    if user.id not in cache:
        found, frontier = {user.unit_id}, {user.unit_id}
        while frontier:
            children = set(db.session.scalars(sa.select(Unit.id).where(Unit.parent_id.in_(frontier))))
            frontier = children - found
            found |= frontier
        cache[user.id] = found
    return cache[user.id]


def _case_ids(ids: set[int]):
    """The ids of the cases units ``ids`` lead, hold jurisdiction over or help with."""
    return sa.union(
        sa.select(Case.id).where(Case.lead_unit_id.in_(ids)),
        sa.select(Case.id).where(Case.jurisdiction_id.in_(ids)),
        sa.select(case_co_units.c.case_id).where(case_co_units.c.unit_id.in_(ids)))


def _unit_rows(model: type, ids: set[int]):
    """The rows of ``model`` that belong to one of the units ``ids``."""
    if model is Unit:
        return Unit.id.in_(ids)
    if model in (Member, Slip):
        return model.unit_id.in_(ids)
    # Conditions the database can test row by row while it reads a list in its index order (a page
    # of the newest rows reads little more than that page); a set of ids it needs whole, such as the
    # unit's cases for its contacts, is built once from the indexes of its parts.
    if model is Case:
        return sa.or_(
            Case.lead_unit_id.in_(ids),
            Case.jurisdiction_id.in_(ids),
            Case.id.in_(sa.select(case_co_units.c.case_id).where(case_co_units.c.unit_id.in_(ids))),
        )
    if model is Contact:
        return sa.or_(
            Contact.id.in_(sa.select(contact_transfer_units.c.contact_id)
                           .where(contact_transfer_units.c.unit_id.in_(ids))),
            Contact.id.in_(sa.select(contact_return_units.c.contact_id)
                           .where(contact_return_units.c.unit_id.in_(ids))),
            Contact.case_id.in_(_case_ids(ids)),
        )
    if model is Meeting:
        return Meeting.id.in_(sa.select(meeting_units.c.meeting_id).where(meeting_units.c.unit_id.in_(ids)))
    if model is Decision:
        return Decision.meeting_id.in_(sa.select(Meeting.id).where(_unit_rows(Meeting, ids)))
    if model in (CaseCategory, CitizenContact):
        return model.case_id.in_(sa.select(Case.id).where(_unit_rows(Case, ids)))
    if model is SiteVisit:  # an unannounced check is known only to the office, the leaders and who made it
        return sa.and_(SiteVisit.case_id.in_(sa.select(Case.id).where(_unit_rows(Case, ids))),
                       sa.or_(SiteVisit.kind != VisitKind.unannounced, SiteVisit.unit_id.in_(ids)))
    if model is ProblemGroup:
        return ProblemGroup.id.in_(sa.select(ContactGroup.group_id).where(
            ContactGroup.contact_id.in_(sa.select(Contact.id).where(_unit_rows(Contact, ids)))))
    return sa.false()


def visible(user, model: type):
    """The WHERE clause of the rows of ``model`` this account may see."""
    if not allowed(user, VIEW, model) and model not in (Decision, CaseCategory):
        return sa.false()
    if model is Bulletin and user.role != Role.office:
        return Bulletin.published_at.is_not(None)  # drafts are the office's
    if user.role == Role.unit:
        return _unit_rows(model, own_unit_ids(user))
    return sa.true()


def writable(user, model: type, action: str = EDIT):
    """The WHERE clause of the rows this account may change (edit or delete)."""
    if not allowed(user, action, model):
        return sa.false()
    if model is Bulletin:  # a published bulletin has gone out as it stands
        return sa.and_(visible(user, model), Bulletin.published_at.is_(None))
    if user.role == Role.unit:
        if model is SiteVisit:  # a unit keeps its own visits' records only
            return sa.and_(visible(user, model), SiteVisit.unit_id.in_(own_unit_ids(user)))
        if model is Slip:  # a submitted answer is the office's to judge
            return sa.and_(visible(user, model), Slip.status.in_(ANSWERABLE_SLIP_STATUSES))
        if model is Member:  # the city names the group's leaders
            return sa.and_(visible(user, model), Member.group_role.in_(UNIT_MANAGED_GROUP_ROLES))
    return visible(user, model)


def permitted_ids(user, model: type, ids, action: str = VIEW) -> set[int]:
    """Which of these stored rows the account may see (``view``) or change: one query for them all."""
    clause = visible(user, model) if action == VIEW else writable(user, model, action)
    with db.session.no_autoflush:  # the stored rows, not what a form has just changed
        return set(db.session.scalars(sa.select(model.id).where(model.id.in_(list(ids)), clause)))


def can_assign_unit(user, unit_id: int | None) -> bool:
    """Whether the account may put a row under this unit (a unit account: only its own)."""
    if user.role != Role.unit:
        return True
    return unit_id is not None and unit_id in own_unit_ids(user)


# What a record mentions of others (a contact's case, a case's slips, a meeting's cases, a warning's
# notes) is shown only where the account may see that other record; otherwise the page says that one
# exists and no more.  The roster's names (notice, annex 1), the names of the people who recorded
# something and the gazetteer's places are no secret: anyone logged in reads them wherever they are
# mentioned.
PUBLIC_NAMES = (Unit, Member, User, Place)


def sees_every(user, model: type) -> bool:
    """Whether the account sees every row of ``model`` (no row-by-row check is needed)."""
    return model in PUBLIC_NAMES or isinstance(visible(user, model), sa.sql.elements.True_)


def visible_ids(user, model: type, ids) -> set[int]:
    """Which of these rows of ``model`` the account may see: asked once per request for each id."""
    ids = {row_id for row_id in ids if row_id is not None}
    if sees_every(user, model):
        return ids
    known = g.setdefault("visible_ids", {}).setdefault((user.id, model), {})
    unknown = sorted(ids - known.keys())
    for start in range(0, len(unknown), 1000):  # within every driver's limit on parameters
        chunk = unknown[start:start + 1000]
        seen = permitted_ids(user, model, chunk)
        known.update((row_id, row_id in seen) for row_id in chunk)
    return {row_id for row_id in ids if known[row_id]}


def mentioned(user, records) -> tuple[list, int]:
    """Of the records something mentions, those the account may see, and how many it may not."""
    records = [record for record in records if record is not None]
    if not records:
        return [], 0
    seen = visible_ids(user, type(records[0]), [record.id for record in records])
    shown = [record for record in records if record.id in seen]
    return shown, len(records) - len(shown)
