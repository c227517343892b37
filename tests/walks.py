"""Walking cases and slips through the workflow tables: every step from every state it starts from,
each state reached by the shortest walk from a new case, every step taken through ``workflow`` by
whoever is offered it.  Text is what arrives pasted from other programs."""

from __future__ import annotations

from collections import deque
from datetime import timedelta

from admin_site import workflow
from admin_site.models import (
    Case,
    CaseAction,
    CaseStatus,
    ReportForm,
    Role,
    Slip,
    SlipAction,
    SlipStatus,
    User,
    Verification,
    db,
    now_local,
)

FORMULA, MARKUP = '=HYPERLINK("http://x")', "<b>x</b>"
# Whoever may take a step takes it; a unit or a leader before the office, as in real life.
ACTORS = ("unit", "leader", "hotline", "office")


def hostile(what: str) -> str:
    """Text as pasted from another program: a formula first, a vertical tab, markup and a NUL.
    PostgreSQL refuses to store a NUL at all, so there only the rest is stored."""
    nul = "" if db.engine.dialect.name == "postgresql" else "\x00"
    return f"{FORMULA}{what}\x0b{MARKUP}{nul}"


def shortest_walks(steps: dict, start) -> dict:
    """The steps of a table that change the state, breadth first from ``start``: the shortest walk to
    each state."""
    walks = {start: []}
    frontier = deque([start])
    while frontier:
        status = frontier.popleft()
        for action, step in steps.items():
            if status in step.sources and step.target is not None and step.target not in walks:
                walks[step.target] = [*walks[status], action]
                frontier.append(step.target)
    return walks


def routes() -> list[list]:
    """Every step of the case table and of the slip table from every state it may start from, each after
    the shortest walk to that state; a slip's walk starts when its case is assigned (the slip is issued)."""
    case_walks = shortest_walks(workflow.STEPS, CaseStatus.proposed)
    slip_walks = shortest_walks(workflow.SLIP_STEPS, SlipStatus.issued)
    assert set(case_walks) == set(CaseStatus), "a state of a case the workflow table never leads to"
    assert set(slip_walks) == set(SlipStatus), "a state of a slip the workflow table never leads to"
    issued = case_walks[CaseStatus.assigned]
    return ([[*case_walks[source], action] for action, step in workflow.STEPS.items() for source in step.sources]
            + [[*issued, *slip_walks[source], action]
               for action, step in workflow.SLIP_STEPS.items() for source in step.sources])


# A case step that belongs to a slip step (reporting back is submitting the answer) is taken on the slip.
THROUGH_SLIP = {case_step: slip_step for slip_step, case_step in workflow.SLIP_CASE_STEPS.items()}
SIDE_STEPS = tuple(action for action, step in workflow.STEPS.items() if step.target is None)


def answer(slip: Slip) -> None:
    """The unit's answer as its form fills it (notice, part 五(二)(三))."""
    slip.verified, slip.rectify_by = Verification.partly, now_local().date() + timedelta(days=20)
    for name in ("rectification", "policy_explanation", "root_cause", "similar_cases", "feedback"):
        setattr(slip, name, hostile(name) + "\r\n第二行")


def actor(case: Case, action, actors: list[User]) -> User | None:
    """Whoever is offered the step (on the case, or on its open slip), the first of ``actors``."""
    if isinstance(action, SlipAction):
        slip = workflow.open_slip(case)
        return next((user for user in actors if slip and action in workflow.slip_steps(slip, user)), None)
    if action in THROUGH_SLIP and workflow.open_slip(case) is not None:
        return actor(case, THROUGH_SLIP[action], actors)
    return next((user for user in actors if action in workflow.available(case, user)), None)


def take(case: Case, action, actors: list[User], index: int) -> None:
    user = actor(case, action, actors)
    assert user is not None, f"{action.value} is not offered on {case.status.value}"
    if action in THROUGH_SLIP and workflow.open_slip(case) is not None:
        action = THROUGH_SLIP[action]
    if isinstance(action, SlipAction):
        slip = workflow.open_slip(case)
        if action in (SlipAction.save_draft, SlipAction.submit):
            answer(slip)
        workflow.perform_on_slip(slip, action, user, hostile(action.value))
    else:
        workflow.perform(case, action, user, hostile(action.value), deadline=case.deadline + timedelta(days=10),
                         report_form=list(ReportForm)[index % len(ReportForm)])
    if action == CaseAction.assign:  # the slip a meeting's decision issues (workflow.meeting_saved)
        office = next(user for user in actors if user.role == Role.office)
        issued = Slip(case=case, unit=case.lead_unit, requirement=hostile("督办事项"), deadline=case.deadline,
                      issued_by=office)
        issued.assign_number(db.session)
        db.session.add(issued)
    db.session.flush()


def make_way(case: Case, action, actors: list[User], index: int) -> None:
    """A step that waits for another (a decision on more time waits for the request) gets the side
    steps offered meanwhile, each once, until it is offered."""
    for side in SIDE_STEPS:
        if actor(case, action, actors) is not None:
            break
        if side != action and actor(case, side, actors) is not None:
            take(case, side, actors, index)


def walk(case: Case, route: list, actors: list[User], index: int) -> None:
    """Take the route's steps, each when it is offered."""
    for action in route:
        make_way(case, action, actors, index)
        take(case, action, actors, index)
