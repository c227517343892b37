"""Reminders (DOMAIN.md §6): which events are due, who hears of them, and the outbox that sends each
message exactly once.

Events are found from the state of the data — a slip issued, a deadline three working days away,
a meeting tomorrow — by ``collect``, which the sweeper job runs every minute.  Nothing depends on a
job surviving in Redis: what a lost job would have sent is found again on the next sweep.

Each (event, recipient, channel) becomes one row of ``notifications`` under a unique key, so finding
an event again writes nothing.  A worker claims a due row (``pending`` → ``sending``) and commits
before it talks to the provider, then marks it ``sent`` with the provider's reference.  A failure
the provider certainly did not act on is retried with backoff; one that may have reached it (a
timeout after sending, a worker killed mid-send) is ``held`` for the office to decide, never sent
again on its own.  SMS wait out the quiet hours (21:00–08:00 by default).
"""

from __future__ import annotations

import functools
import logging
import string
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit

import sqlalchemy as sa
import yaml
from flask import current_app
from flask_babel import format_date

from . import workdays
from .models import (
    Bulletin,
    Case,
    DeliveryFailure,
    DeliveryStatus,
    GroupRole,
    Level,
    Meeting,
    MeetingStatus,
    Member,
    MessageChannel,
    MessageTemplate,
    Notification,
    NotificationEvent,
    Slip,
    SlipStatus,
    Unit,
    db,
    dialect_insert,
    meeting_members,
    now_local,
)
from .privacy import case_complainants, mask_text
from .rules import DEADLINE_STATUSES, SETTLED_STATUSES
from .senders import NotSent, Senders, Uncertain

E = NotificationEvent
log = logging.getLogger(__name__)

# The values each event's templates may use; ``name`` is the recipient's.
VARIABLES: dict[NotificationEvent, tuple[str, ...]] = {
    E.slip_issued: ("name", "unit", "slip_number", "case_number", "case_title", "requirement", "deadline", "link"),
    E.deadline_3: ("name", "unit", "case_number", "case_title", "deadline", "link"),
    E.deadline_1: ("name", "unit", "case_number", "case_title", "deadline", "link"),
    E.overdue: ("name", "unit", "case_number", "case_title", "deadline", "days", "link"),
    E.meeting_scheduled: ("name", "meeting_title", "meeting_time", "meeting_place", "link"),
    E.meeting_tomorrow: ("name", "meeting_title", "meeting_time", "meeting_place", "link"),
    E.case_report: ("name", "unit", "case_number", "case_title", "link"),
    E.bulletin_published: ("name", "bulletin_title", "bulletin_body", "link"),
}
# Events also broadcast to the working group's chat through the robot.
GROUP_EVENTS = (E.meeting_scheduled, E.meeting_tomorrow, E.bulletin_published)

OPEN_SLIP_STATUSES = (SlipStatus.issued, SlipStatus.signed, SlipStatus.returned)
# Reminders about a deadline: withdrawn while still waiting if the deadline is met or moved.
DEADLINE_EVENTS = (E.deadline_3, E.deadline_1, E.overdue)
# How far back a sweep looks for one-off events, so that an outage of a day loses nothing.
LOOKBACK = timedelta(days=2)
# Chinese SMS providers cap a template variable's length (Alibaba Cloud: 35 characters).
SMS_PARAM_LIMIT = 35
OVERDUE_REPEAT_WORKDAYS = 3


# Templates -----------------------------------------------------------------------------------

def placeholders(text: str | None) -> set[str]:
    """The ``${name}`` variables a template uses."""
    found = set()
    for _, named, braced, _ in string.Template.pattern.findall(text or ""):
        if named or braced:
            found.add(named or braced)
    return found


def unknown_placeholders(event: NotificationEvent, *texts: str | None) -> list[str]:
    """Variables the templates use that this event does not provide."""
    used = set().union(*(placeholders(text) for text in texts))
    return sorted(used - set(VARIABLES[event]))


@functools.cache
def _default_templates(path: str) -> dict[str, dict]:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)["templates"]


def default_template(event: NotificationEvent) -> MessageTemplate:
    values = _default_templates(current_app.config["MESSAGE_TEMPLATES_FILE"])[event.value]
    return MessageTemplate(event=event, **values)


def load_default_templates() -> list[NotificationEvent]:
    """Add the templates the database lacks; the office's edits are kept.  Returns what was added."""
    present = set(db.session.scalars(sa.select(MessageTemplate.event)))
    missing = [event for event in NotificationEvent if event not in present]
    db.session.add_all(default_template(event) for event in missing)
    return missing


def _templates() -> dict[NotificationEvent, MessageTemplate]:
    stored = {template.event: template for template in db.session.scalars(sa.select(MessageTemplate))}
    return {event: stored.get(event) or default_template(event) for event in NotificationEvent}


def render(text: str | None, values: dict[str, str]) -> str:
    return string.Template(text or "").safe_substitute(values).strip()


# Events --------------------------------------------------------------------------------------

@dataclass
class Event:
    """One occurrence of an event, with its values and who is to hear of it."""

    kind: NotificationEvent
    key: str
    values: dict[str, str]
    members: list[Member] = field(default_factory=list)
    case_id: int | None = None


class Roster:
    """The active members, looked up by unit and role once per sweep."""

    def __init__(self, office_unit: str):
        members = db.session.scalars(sa.select(Member).where(Member.active).order_by(Member.sort_order, Member.id))
        self.by_unit: dict[int, list[Member]] = defaultdict(list)
        self.all: list[Member] = []
        for member in members:
            self.by_unit[member.unit_id].append(member)
            self.all.append(member)
        self.office_unit_id = db.session.scalar(sa.select(Unit.id).where(Unit.name == office_unit))

    def of_unit(self, unit_id: int, *roles: GroupRole) -> list[Member]:
        return [member for member in self.by_unit.get(unit_id, []) if member.group_role in roles]

    def liaisons(self, unit_id: int) -> list[Member]:
        return self.of_unit(unit_id, GroupRole.liaison)

    def office(self) -> list[Member]:
        return self.liaisons(self.office_unit_id) if self.office_unit_id else []

    def leaders(self) -> list[Member]:
        return [member for member in self.all if member.group_role in (GroupRole.leader, GroupRole.deputy)]


def long_date(value: date) -> str:
    """A date as Chinese papers and messages write it: 2026年10月9日."""
    return format_date(value, "long")


def long_datetime(value: datetime) -> str:
    return f"{long_date(value.date())} {value:%H:%M}"


def _link(path: str) -> str:
    return current_app.config["PUBLIC_URL"].rstrip("/") + path


@dataclass(frozen=True)
class Obligation:
    """A unit owes an answer on a case by a deadline: an open slip, or a lead unit's deadline."""

    case_id: int
    unit_id: int
    deadline: date
    unit: str
    case_number: str
    case_title: str


def _obligations(until: date) -> list[Obligation]:
    """Every open obligation with a deadline up to ``until``; a slip and the case deadline it repeats
    count once."""
    slip_rows = db.session.execute(
        sa.select(Slip.case_id, Slip.unit_id, Slip.deadline, Unit.name, Case.number, Case.title)
        .join(Unit, Unit.id == Slip.unit_id).join(Case, Case.id == Slip.case_id)
        .where(Slip.status.in_(OPEN_SLIP_STATUSES), Slip.deadline <= until,
               Case.status.not_in(SETTLED_STATUSES)))
    case_rows = db.session.execute(
        sa.select(Case.id, Case.lead_unit_id, Case.deadline, Unit.name, Case.number, Case.title)
        .join(Unit, Unit.id == Case.lead_unit_id)
        .where(Case.status.in_(DEADLINE_STATUSES), Case.deadline <= until))
    return sorted({Obligation(*row) for row in [*slip_rows, *case_rows]},
                  key=lambda item: (item.deadline, item.case_id, item.unit_id))


def _subject(item: Obligation) -> str:
    """What a deadline reminder's key is about: this unit owing this case by this date."""
    return f"{item.case_id}:{item.unit_id}:{item.deadline:%Y%m%d}"


def _deadline_events(today: date, roster: Roster) -> list[Event]:
    """Deadline in 3 and in 1 working days, and overdue every 3 working days (DOMAIN.md §6)."""
    obligations = _obligations(workdays.add_workdays(today, 3))
    if not obligations:
        return []
    numbers = workdays.workday_numbers(min(obligations[0].deadline, today), max(obligations[-1].deadline, today))
    events = []
    for item in obligations:
        left = numbers[item.deadline] - numbers[today]  # working days after today up to the deadline
        base = {"unit": item.unit, "case_number": item.case_number, "case_title": mask_text(item.case_title, case_complainants(item.case_id)),
                "deadline": long_date(item.deadline), "link": _link(f"/admin/cases/details/?id={item.case_id}")}
        subject = _subject(item)
        if item.deadline >= today:
            kind = E.deadline_3 if left >= 2 else E.deadline_1
            events.append(Event(kind, f"{kind.value}:{subject}", base, roster.liaisons(item.unit_id), item.case_id))
            continue
        overdue = -left
        if overdue < 1:
            continue  # past the deadline only by days off: overdue from the next working day
        round_ = (overdue - 1) // OVERDUE_REPEAT_WORKDAYS
        members = [*roster.liaisons(item.unit_id), *roster.of_unit(item.unit_id, GroupRole.member), *roster.office()]
        events.append(Event(E.overdue, f"overdue:{subject}:{round_}", {**base, "days": str(overdue)}, members,
                            item.case_id))
    return events


def _slip_events(now: datetime, roster: Roster) -> list[Event]:
    rows = db.session.execute(
        sa.select(Slip, Case.number, Case.title, Unit.name)
        .join(Case, Case.id == Slip.case_id).join(Unit, Unit.id == Slip.unit_id)
        .where(Slip.issued_at >= now - LOOKBACK, Slip.status.in_(OPEN_SLIP_STATUSES)))
    return [Event(E.slip_issued, f"slip_issued:{slip.id}", {
        "unit": unit, "slip_number": slip.number, "case_number": number, "case_title": mask_text(title, case_complainants(slip.case_id)),
        "requirement": mask_text(slip.requirement, case_complainants(slip.case_id)), "deadline": long_date(slip.deadline),
        "link": _link(f"/admin/slips/details/?id={slip.id}")}, roster.liaisons(slip.unit_id), slip.case_id)
        for slip, number, title, unit in rows]


def _meeting_events(now: datetime, roster: Roster) -> list[Event]:
    meetings = db.session.scalars(sa.select(Meeting).where(Meeting.status == MeetingStatus.scheduled,
                                                           Meeting.held_at > now)).all()
    if not meetings:
        return []
    attending = defaultdict(set)
    for meeting_id, member_id in db.session.execute(
            sa.select(meeting_members.c.meeting_id, meeting_members.c.member_id)
            .where(meeting_members.c.meeting_id.in_([meeting.id for meeting in meetings]))):
        attending[meeting_id].add(member_id)
    events = []
    tomorrow = now.date() + timedelta(days=1)
    for meeting in meetings:
        members = [member for member in roster.all if member.id in attending[meeting.id]]
        values = {"meeting_title": meeting.title, "meeting_time": long_datetime(meeting.held_at),
                  "meeting_place": meeting.place or "", "link": _link(f"/admin/meetings/details/?id={meeting.id}")}
        # A meeting moved to another time is announced again.
        events.append(Event(E.meeting_scheduled, f"meeting_scheduled:{meeting.id}:{meeting.held_at:%Y%m%d%H%M}",
                            values, members))
        if meeting.held_at.date() == tomorrow:
            events.append(Event(E.meeting_tomorrow, f"meeting_tomorrow:{meeting.id}:{meeting.held_at:%Y%m%d}",
                                values, members))
    return events


def _report_events(roster: Roster) -> list[Event]:
    rows = db.session.execute(
        sa.select(Case.id, Case.number, Case.title, Unit.name).outerjoin(Unit, Unit.id == Case.lead_unit_id)
        .where(Case.level == Level.report, Case.status.not_in(SETTLED_STATUSES)))
    return [Event(E.case_report, f"case_report:{case_id}", {
        "unit": unit or "", "case_number": number, "case_title": mask_text(title, case_complainants(case_id)),
        "link": _link(f"/admin/cases/details/?id={case_id}")}, roster.leaders(), case_id)
        for case_id, number, title, unit in rows]


def _bulletin_events(now: datetime, roster: Roster) -> list[Event]:
    bulletins = db.session.scalars(sa.select(Bulletin).where(Bulletin.published_at >= now - LOOKBACK))
    return [Event(E.bulletin_published, f"bulletin_published:{bulletin.id}", {
        "bulletin_title": bulletin.title, "bulletin_body": bulletin.body,
        "link": _link(f"/admin/bulletins/details/?id={bulletin.id}")}, roster.all) for bulletin in bulletins]


def due_events(now: datetime) -> list[Event]:
    """Every event that should have been announced by ``now``."""
    roster = Roster(current_app.config["OFFICE_UNIT"])
    return [*_slip_events(now, roster), *_deadline_events(now.date(), roster), *_meeting_events(now, roster),
            *_report_events(roster), *_bulletin_events(now, roster)]


# The outbox ----------------------------------------------------------------------------------

def quiet_hours(config) -> tuple[time, time] | None:
    """SMS_QUIET_HOURS "21:00-08:00" as (start, end); "none" means SMS may go out at any hour."""
    setting = config["SMS_QUIET_HOURS"].strip()
    if setting.lower() in ("", "none"):
        return None
    start, end = (time.fromisoformat(part.strip()) for part in setting.split("-"))
    return start, end


def sms_allowed_from(now: datetime) -> datetime:
    """The first moment from ``now`` at which an SMS may be sent."""
    window = quiet_hours(current_app.config)
    if window is None:
        return now
    start, end = window
    clock = now.time()
    inside = (start <= clock or clock < end) if start > end else (start <= clock < end)
    if not inside:
        return now
    day = now.date() + timedelta(days=1) if start > end and clock >= start else now.date()
    return datetime.combine(day, end)


def _rows(event: Event, template: MessageTemplate, now: datetime, robot_address: str | None) -> list[dict]:
    base = {"event": event.kind, "event_key": event.key, "case_id": event.case_id, "status": DeliveryStatus.pending,
            "attempts": 0, "created_at": now, "updated_at": now}
    rows, seen = [], set()
    sms_from = sms_allowed_from(now)
    for member in event.members:
        if member.id in seen:
            continue
        seen.add(member.id)
        values = {**event.values, "name": member.name}
        person = {**base, "recipient": f"member:{member.id}", "member_id": member.id, "recipient_name": member.name}
        if member.receive_sms and member.phone:
            params = {name: _fit(values.get(name, "")) for name in sorted(placeholders(template.sms_text))}
            rows.append({**person, "channel": MessageChannel.sms, "address": member.phone, "subject": None,
                         "body": render(template.sms_text, params), "template_code": template.sms_code,
                         "params": params, "not_before": sms_from})
        if member.receive_email and member.email:
            rows.append({**person, "channel": MessageChannel.email, "address": member.email,
                         "subject": render(template.email_subject, values), "body": render(template.email_body, values),
                         "template_code": None, "params": None, "not_before": now})
    if robot_address and event.kind in GROUP_EVENTS and template.robot_text:
        rows.append({**base, "recipient": "group", "member_id": None, "recipient_name": "", "channel": MessageChannel.robot,
                     "address": robot_address, "subject": None, "body": render(template.robot_text, event.values),
                     "template_code": None, "params": None, "not_before": now})
    return rows


def _fit(value: str) -> str:
    return value if len(value) <= SMS_PARAM_LIMIT else value[:SMS_PARAM_LIMIT - 1] + "…"


def _robot_address(config) -> str | None:
    """Where the group robot posts, shown without the webhook's secret key; None: no robot configured."""
    if config["ROBOT_BACKEND"] == "log":
        return "log"
    url = config["ROBOT_WEBHOOK_URL"]
    return urlsplit(url).netloc if url else None


def _announced(keys: list[str]) -> set[str]:
    found = set()
    for start in range(0, len(keys), 500):
        found.update(db.session.scalars(sa.select(Notification.event_key).distinct()
                                        .where(Notification.event_key.in_(keys[start:start + 500]))))
    return found


def collect(now: datetime) -> int:
    """Write the messages of every due event not yet announced; returns how many were written.
    Safe to run twice at once: the unique key lets one writer through."""
    events = due_events(now)
    announced = _announced([event.key for event in events])
    fresh = [event for event in events if event.key not in announced]
    if not fresh:
        return 0
    templates = _templates()
    robot_address = _robot_address(current_app.config)
    rows = [row for event in fresh for row in _rows(event, templates[event.kind], now, robot_address)]
    written = 0
    for start in range(0, len(rows), 500):
        insert = dialect_insert(db.session, Notification).values(rows[start:start + 500])
        result = db.session.execute(insert.on_conflict_do_nothing(
            index_elements=["event_key", "recipient", "channel"]).returning(Notification.id))
        written += len(result.all())
    return written


def withdraw_settled(now: datetime) -> int:
    """Cancel deadline reminders still waiting whose obligation is met or has a new deadline (answered,
    closed, extended): a unit that answered at 22:00 is not reminded of that deadline at 08:00."""
    waiting = db.session.execute(sa.select(Notification.id, Notification.event_key).where(
        Notification.status == DeliveryStatus.pending, Notification.event.in_(DEADLINE_EVENTS))).all()
    if not waiting:
        return 0
    still_owed = {_subject(item) for item in _obligations(date.max)}
    settled = [message_id for message_id, key in waiting if ":".join(key.split(":")[1:4]) not in still_owed]
    for start in range(0, len(settled), 500):
        db.session.execute(sa.update(Notification).where(
            Notification.id.in_(settled[start:start + 500]), Notification.status == DeliveryStatus.pending)
            .values(status=DeliveryStatus.cancelled, updated_at=now))
    if settled:
        log.info("withdrew %d reminder(s) of deadlines met or moved", len(settled))
    return len(settled)


def _open_channels(now: datetime) -> list[MessageChannel]:
    if sms_allowed_from(now) > now:
        return [MessageChannel.email, MessageChannel.robot]
    return list(MessageChannel)


def _due(now: datetime):
    return sa.and_(Notification.status == DeliveryStatus.pending, Notification.not_before <= now,
                   Notification.channel.in_(_open_channels(now)))


def due_count(now: datetime) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Notification).where(_due(now)))


# Oldest due first, in the order of the (status, not_before) index, so no sort over the backlog;
# built once, as it runs for every message sent.
_CLAIM = (
    sa.update(Notification)
    .where(Notification.status == DeliveryStatus.pending, Notification.id == (
        sa.select(Notification.id)
        .where(Notification.status == DeliveryStatus.pending, Notification.not_before <= sa.bindparam("due_by"),
               Notification.channel.in_(sa.bindparam("channels", expanding=True)))
        .order_by(Notification.not_before).limit(1).with_for_update(skip_locked=True).scalar_subquery()))
    .values(status=DeliveryStatus.sending, claimed_at=sa.bindparam("now"), updated_at=sa.bindparam("now"),
            attempts=Notification.attempts + 1)
    .returning(*Notification.__table__.columns)
)


def claim_next(now: datetime, due_by: datetime | None = None) -> Notification | None:
    """Take one message due by ``due_by`` (default ``now``) for this worker (``sending``); the caller
    commits before sending it.
    Two workers never take the same row: PostgreSQL skips rows another has locked, SQLite has one writer.
    The message comes back detached from the session, so commits do not reload it."""
    # Core, past the ORM's bookkeeping for UPDATE statements: this runs for every message sent.
    claimed = db.session.connection().execute(_CLAIM, {"now": now, "due_by": due_by or now,
                                                               "channels": _open_channels(now)}).one_or_none()
    return Notification(**claimed._mapping) if claimed else None


def retry_delays(config) -> list[int]:
    """NOTIFY_RETRY_DELAYS "60,300,900" as seconds; ValueError for anything but whole seconds of at
    least one (a delivery run sends what was due when it began, so a failure always waits for another)."""
    parts = [part.strip() for part in str(config["NOTIFY_RETRY_DELAYS"]).split(",") if part.strip()]
    if not all(part.isdigit() and int(part) > 0 for part in parts):
        raise ValueError(config["NOTIFY_RETRY_DELAYS"])
    return [int(part) for part in parts]


def send(message: Notification, senders: Senders) -> DeliveryStatus:
    """Send one claimed message and record what happened; the caller commits."""
    try:
        reference = senders.for_channel(message.channel).send(message)
    except NotSent as exc:
        delays = retry_delays(current_app.config)
        if exc.permanent or message.attempts > len(delays):
            _finish(message, DeliveryStatus.failed, failure=exc)
        else:
            _finish(message, DeliveryStatus.pending, failure=exc,
                    not_before=now_local() + timedelta(seconds=delays[message.attempts - 1]))
    except Uncertain as exc:
        _finish(message, DeliveryStatus.held, failure=exc)
    else:
        _finish(message, DeliveryStatus.sent, reference=reference)
    return message.status


# Only the claim's holder settles the row: a sweep may have held it meanwhile.  Built once, like _CLAIM.
_OUTCOME_COLUMNS = ("status", "updated_at", "sent_at", "provider_ref", "failure", "last_error", "not_before")
_FINISH = (
    sa.update(Notification)
    .where(Notification.id == sa.bindparam("message_id"), Notification.status == DeliveryStatus.sending)
    .values({name: sa.bindparam(f"new_{name}") for name in _OUTCOME_COLUMNS})
)


def _finish(message: Notification, status: DeliveryStatus, failure: NotSent | Uncertain | None = None,
            reference: str | None = None, not_before: datetime | None = None) -> None:
    now = now_local()
    message.status, message.updated_at, message.not_before = status, now, not_before or message.not_before
    if failure is None:
        message.sent_at, message.provider_ref = now, (reference or "")[:100]
        message.failure = message.last_error = None
    else:
        message.failure, message.last_error = failure.failure, str(failure)
    db.session.connection().execute(_FINISH, {"message_id": message.id,
                                              **{f"new_{name}": getattr(message, name) for name in _OUTCOME_COLUMNS}})


def hold_stale(now: datetime) -> int:
    """Messages whose worker died while sending: nobody knows whether they went out, so hold them."""
    cutoff = now - timedelta(seconds=current_app.config["NOTIFY_STALE_SECONDS"])
    result = db.session.execute(
        sa.update(Notification).where(Notification.status == DeliveryStatus.sending, Notification.claimed_at < cutoff)
        .values(status=DeliveryStatus.held, updated_at=now, failure=DeliveryFailure.interrupted,
                last_error=None).returning(Notification.id))
    return len(result.all())


# The office's decisions on the outbox screen -------------------------------------------------

RETRYABLE = (DeliveryStatus.held, DeliveryStatus.failed, DeliveryStatus.cancelled)
CANCELLABLE = (DeliveryStatus.pending, DeliveryStatus.held, DeliveryStatus.failed)


def send_again(messages: list[Notification], now: datetime) -> int:
    """Queue held, failed or cancelled messages again (an SMS still waits out the quiet hours)."""
    chosen = [message for message in messages if message.status in RETRYABLE]
    for message in chosen:
        message.status = DeliveryStatus.pending
        message.not_before = sms_allowed_from(now) if message.channel == MessageChannel.sms else now
    return len(chosen)


def cancel(messages: list[Notification]) -> int:
    chosen = [message for message in messages if message.status in CANCELLABLE]
    for message in chosen:
        message.status = DeliveryStatus.cancelled
    return len(chosen)


def confirm_delivered(messages: list[Notification], now: datetime) -> int:
    """The office found out that a held message did arrive."""
    chosen = [message for message in messages if message.status == DeliveryStatus.held]
    for message in chosen:
        message.status, message.sent_at = DeliveryStatus.sent, now
    return len(chosen)
