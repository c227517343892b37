"""A case's life (DOMAIN.md §5): which step each role may take from which state, enforced here for
every way in (screen buttons, API, commands), and recorded as the case's timeline (``case_events``).

proposed → accepted / rejected → coordinating → assigned → feedback → closed (or back to assigned
for rework) → review (回头看) → archived.  In any open state the office may report a case to the
city leaders (专报 / 一事一报) and a leader's instruction (批示) may be recorded; a lead unit may ask
for more time, which the office grants or refuses.

A slip (督办单) has steps of its own (``SLIP_STEPS``): issued → signed → answered → passed, or
returned and answered again.  While the lead unit's slip is open, the case is reported back, closed
and returned for rework through it (``SLIP_CASE_STEPS``), never beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext

from . import access, normalize
from .models import (
    ANSWERABLE_SLIP_STATUSES,
    OPEN_CASE_STATUSES,
    Case,
    CaseAction,
    CaseEvent,
    CaseStatus,
    CitizenContact,
    Contact,
    Meeting,
    MeetingStatus,
    ReportForm,
    ReviewDecision,
    Role,
    Slip,
    SlipAction,
    SlipStatus,
    Verification,
    db,
    now_local,
)

A, S = CaseAction, CaseStatus


@dataclass(frozen=True)
class Step:
    """Who may take a step (of a case, or of a slip) from which states, and where it leads."""

    sources: tuple  # CaseStatus or SlipStatus members
    target: object  # the state it leads to; None: the state does not change
    roles: tuple[Role, ...]
    needs_reason: bool = False
    lead_unit_only: bool = False  # a unit account may take it only on cases its unit leads


STEPS: dict[CaseAction, Step] = {
    A.accept: Step((S.proposed,), S.accepted, (Role.office,)),
    A.reject: Step((S.proposed,), S.rejected, (Role.office,), needs_reason=True),
    A.coordinate: Step((S.accepted,), S.coordinating, (Role.office,)),
    A.assign: Step((S.accepted, S.coordinating), S.assigned, (Role.office,)),
    A.report_back: Step((S.assigned,), S.feedback, (Role.office, Role.unit), needs_reason=True,
                        lead_unit_only=True),
    A.close: Step((S.feedback,), S.closed, (Role.office,)),
    A.rework: Step((S.feedback,), S.assigned, (Role.office,), needs_reason=True),
    A.follow_up: Step((S.closed,), S.review, (Role.office,), needs_reason=True),
    A.archive: Step((S.review, S.rejected), S.archived, (Role.office,)),
    A.escalate: Step(OPEN_CASE_STATUSES, None, (Role.office,)),
    A.instruct: Step(OPEN_CASE_STATUSES, None, (Role.leader, Role.office), needs_reason=True),
    A.ask_extension: Step((S.assigned,), None, (Role.unit,), needs_reason=True, lead_unit_only=True),
    A.grant_extension: Step((S.assigned,), None, (Role.office,)),
    A.refuse_extension: Step((S.assigned,), None, (Role.office,), needs_reason=True),
}
EXTENSION_ACTIONS = (A.ask_extension, A.grant_extension, A.refuse_extension)


# A slip's steps (annex 3): the responsible unit signs for it, drafts and submits its answer; the
# office passes it or returns it for rework.  Each moves the case the slip is about, where it applies.
SLIP_STEPS: dict[SlipAction, Step] = {
    SlipAction.sign: Step((SlipStatus.issued,), SlipStatus.signed, (Role.unit,)),
    SlipAction.save_draft: Step(ANSWERABLE_SLIP_STATUSES, None, (Role.unit,)),
    SlipAction.submit: Step(ANSWERABLE_SLIP_STATUSES, SlipStatus.answered, (Role.unit,)),
    SlipAction.approve: Step((SlipStatus.answered,), SlipStatus.passed, (Role.office,)),
    SlipAction.send_back: Step((SlipStatus.answered,), SlipStatus.returned, (Role.office,), needs_reason=True),
}
# The case step each slip step takes with it, when the case is where that step starts.
SLIP_CASE_STEPS = {SlipAction.submit: A.report_back, SlipAction.approve: A.close, SlipAction.send_back: A.rework}


class Refused(Exception):
    """The step is not allowed; the message says why, in the user's language."""


def pending_extension(case: Case) -> CaseEvent | None:
    """The lead unit's request for more time that the office has not decided yet.  Read from the
    case's timeline, which the case page loads anyway, so offering the steps costs no query each."""
    decisions = [event for event in case.events if event.action in EXTENSION_ACTIONS]
    return decisions[-1] if decisions and decisions[-1].action == A.ask_extension else None


def open_slip(case: Case) -> Slip | None:
    """The lead unit's slip on the case that the office has not passed yet: where the case is reported
    back, closed or returned (one place for each decision)."""
    return next((slip for slip in reversed(case.slips)
                 if slip.unit_id == case.lead_unit_id and slip.status != SlipStatus.passed), None)


def _may(case: Case, action: CaseAction, user, through_slip: bool = False) -> bool:
    step = STEPS[action]
    if user is None or user.role not in step.roles or case.status not in step.sources:
        return False
    if action in SLIP_CASE_STEPS.values() and not through_slip and open_slip(case) is not None:
        return False
    if user.role == Role.unit and step.lead_unit_only and (
            case.lead_unit_id is None or case.lead_unit_id not in access.own_unit_ids(user)):
        return False
    if action in (A.grant_extension, A.refuse_extension):
        return pending_extension(case) is not None
    if action == A.ask_extension:
        return pending_extension(case) is None
    return True


def available(case: Case, user) -> list[CaseAction]:
    """The steps this account may take on the case now, in the order of the case's life."""
    return [action for action in STEPS if _may(case, action, user)]


def perform(case: Case, action: CaseAction, user, reason: str | None = None, deadline: date | None = None,
            report_form: ReportForm | None = None, through_slip: bool = False) -> CaseEvent:
    """Take a step: check it, change the case, record it.  Raises ``Refused``; the caller commits."""
    step = STEPS[action]
    reason = normalize.plain_text(reason or "").strip() or None
    if not _may(case, action, user, through_slip):
        raise Refused(gettext("“%(action)s” is not possible for this case in the state “%(status)s”, or not for "
                              "your account.", action=action.label, status=case.status.label))
    if step.needs_reason and not reason:
        raise Refused(gettext("Please say why (or what was done) before “%(action)s”.", action=action.label))
    before = case.status
    _apply(case, action, reason, deadline, report_form)
    if step.target is not None:
        case.status = step.target
    if action in (A.assign, A.grant_extension):
        deadline = case.deadline  # the deadline the step set
    event = CaseEvent(case=case, user_id=user.id, username=user.username, action=action, from_status=before,
                      to_status=case.status, reason=reason, deadline=deadline)
    db.session.add(event)
    return event


def _apply(case: Case, action: CaseAction, reason: str | None, deadline: date | None,
           report_form: ReportForm | None) -> None:
    """What each step changes on the case besides its state."""
    if action == A.assign:
        deadline = deadline or case.deadline
        if case.lead_unit_id is None or deadline is None:
            raise Refused(gettext("Name the lead unit and the deadline before assigning the case."))
        case.deadline = deadline
    elif action == A.ask_extension:
        if deadline is None or (case.deadline and deadline <= case.deadline):
            raise Refused(gettext("Ask for a date later than the present deadline."))
    elif action == A.grant_extension:
        case.deadline = pending_extension(case).deadline
        slip = open_slip(case)
        if slip is not None:  # the slip carries the deadline the unit works to
            slip.deadline = case.deadline
    elif action == A.follow_up:
        case.follow_up_result = reason
    elif action == A.escalate:
        if report_form is None:
            raise Refused(gettext("Choose the form of the report (专报 or 一事一报)."))
        case.report_form = report_form
    elif action == A.instruct:
        case.leader_instruction, case.leader_instruction_on = reason, now_local().date()


def meeting_saved(meeting: Meeting, user) -> None:
    """A meeting called about accepted cases puts them under coordination; each decision with a
    deadline issues its slip to the lead unit, and the case is then assigned with that deadline."""
    if meeting.status == MeetingStatus.cancelled:
        return
    for case in meeting.cases:
        if _may(case, A.coordinate, user):
            perform(case, A.coordinate, user, meeting.title)
    for decision in meeting.decisions:
        if decision.slip is not None or decision.deadline is None:
            continue
        case = decision.case
        slip = Slip(case=case, unit=decision.lead_unit, requirement=decision.measures, deadline=decision.deadline,
                    issued_by=user)
        slip.assign_number(db.session)
        decision.slip = slip
        db.session.add(slip)
        case.lead_unit, case.co_units = decision.lead_unit, list(decision.co_units)
        if _may(case, A.coordinate, user):
            perform(case, A.coordinate, user, meeting.title)
        if _may(case, A.assign, user):
            perform(case, A.assign, user, decision.measures, deadline=decision.deadline)


def _may_on_slip(slip: Slip, action: SlipAction, user) -> bool:
    step = SLIP_STEPS[action]
    if user is None or user.role not in step.roles or slip.status not in step.sources:
        return False
    return user.role != Role.unit or slip.unit_id in access.own_unit_ids(user)


def offered_to(user, action) -> bool:
    """Whether the account's role takes this step of a case or a slip at all (in some state)."""
    step = SLIP_STEPS[action] if isinstance(action, SlipAction) else STEPS[action]
    return user is not None and getattr(user, "is_authenticated", False) and user.role in step.roles


def slip_steps(slip: Slip, user) -> list[SlipAction]:
    """The steps this account may take on the slip now."""
    return [action for action in SLIP_STEPS if _may_on_slip(slip, action, user)]


def perform_on_slip(slip: Slip, action: SlipAction, user, reason: str | None = None) -> None:
    """Take a slip's step and the case step that goes with it.  Raises ``Refused``; the caller commits."""
    step = SLIP_STEPS[action]
    reason = normalize.plain_text(reason or "").strip() or None
    if not _may_on_slip(slip, action, user):
        raise Refused(gettext("“%(action)s” is not possible for this slip in the state “%(status)s”, or not for "
                              "your account.", action=action.label, status=slip.status.label))
    if step.needs_reason and not reason:
        raise Refused(gettext("Please say why (or what was done) before “%(action)s”.", action=action.label))
    now = now_local()
    if action == SlipAction.sign:
        slip.signed_by, slip.signed_at = user, now
    elif action == SlipAction.submit:
        check_answer(slip)
        slip.feedback_by, slip.feedback_at = user, now
        if slip.signed_at is None:  # answering a slip is signing for it
            slip.signed_by, slip.signed_at = user, now
    elif action in (SlipAction.approve, SlipAction.send_back):
        slip.review = ReviewDecision.passed if action == SlipAction.approve else ReviewDecision.returned
        slip.review_reason, slip.reviewed_at = reason, now
    if step.target is not None:
        slip.status = step.target
    case_step = SLIP_CASE_STEPS.get(action)
    if case_step is not None and slip.unit_id == slip.case.lead_unit_id \
            and _may(slip.case, case_step, user, through_slip=True):
        text = slip.feedback if action == SlipAction.submit else reason or action.label
        perform(slip.case, case_step, user, text or action.label, through_slip=True)


def others_in_touch(case: Case, own_unit_ids: set[int], now: datetime, days: int) -> list[CitizenContact]:
    """Contacts other units made in the last ``days`` days with this case's complainants (the same
    phone on any case), so that a unit does not pester a citizen another has just called."""
    phones = sa.select(Contact.phone_hash).where(Contact.case_id == case.id, Contact.phone_hash.is_not(None))
    same_citizen = sa.select(Contact.case_id).where(Contact.phone_hash.in_(phones), Contact.case_id.is_not(None))
    return db.session.scalars(
        sa.select(CitizenContact)
        .where(sa.or_(CitizenContact.case_id == case.id, CitizenContact.case_id.in_(same_citizen)),
               CitizenContact.at >= now - timedelta(days=days), CitizenContact.unit_id.not_in(own_unit_ids))
        .order_by(CitizenContact.at.desc())).all()


def check_answer(slip: Slip) -> None:
    """A unit's answer says whether the complaint was true and, if so, what is being rectified
    (notice, part 五(二)); what cannot be solved soon is explained to the citizen."""
    if not slip.verified:
        raise Refused(gettext("Say whether the complaint was verified as true."))
    if slip.verified != Verification.untrue and not (slip.rectification or slip.policy_explanation):
        raise Refused(gettext("For a true complaint, say what was rectified (with its time limit) or "
                              "how the policy was explained to the citizen."))
    if slip.rectification and slip.verified != Verification.untrue and not slip.rectify_by:
        raise Refused(gettext("Give the rectification time limit."))
