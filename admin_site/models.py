"""The data of the rapid-linkage coordination system (docs: DOMAIN.md §3).

Glossary (English identifier — 中文):
    unit 成员单位 · member 工作组成员 · group role 组内职务 (leader 组长, deputy 副组长,
    member 成员, liaison 联络员) · contact 诉求记录 (one 12345 work order, 工单) ·
    transfer units 承办单位 (转办) · returned by 退回单位 · case 协调事项 · lead unit 牵头单位 ·
    co-units 配合单位 · jurisdiction 属地 · deadline 办结时限 · level 预警等级 (yellow 临期,
    red 超期, report 专报) · meeting 专题快速联动协调会议 · minutes 会议纪要 · decision 会议决定 ·
    slip 跟踪督办单 · requirement 督办事项 · feedback 办理情况 · review 审核 (pass 通过,
    returned 退回重办) · follow-up 回头看 · leader instruction 领导批示 · publicity 公开属性 ·
    notification 消息 (one message to one recipient on one channel) · message template 消息模板 ·
    group robot 群机器人 · quiet hours 免打扰时段 · bulletin 通报 · site visit 现场工作 (site
    investigation 踏勘现场, unannounced check 暗访) · attachment 附件.

Times are stored as naive Asia/Shanghai wall-clock time: the office works in one zone, China has
no daylight saving, and the 12345 platform exports local times.  ``now_local()`` is the only clock.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import secrets
import sqlite3
from datetime import date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

OFFICE_ZONE = ZoneInfo("Asia/Shanghai")

db = SQLAlchemy(
    metadata=sa.MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )
)

_password_hasher = PasswordHasher()


@functools.cache
def _hash_of_no_account() -> str:
    return _password_hasher.hash(secrets.token_hex(16))


def check_no_password(password: str) -> None:
    """Take as long as checking a password does, for a name no account has: the answer's time must
    not tell which names exist."""
    try:
        _password_hasher.verify(_hash_of_no_account(), password)
    except (VerificationError, InvalidHashError):
        pass

# The official document number of a supervision slip (annex 3 of the notice).
SLIP_NUMBER_FORMAT = "督办〔{year}〕{seq}号"


@sa.event.listens_for(sa.engine.Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    """SQLite: enforce foreign keys, and let the web app and the worker write side by side (WAL)."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()


def dialect_insert(session, target):
    """An INSERT in the session's dialect, so that it can say ON CONFLICT (PostgreSQL and SQLite)."""
    return {"postgresql": postgresql_insert, "sqlite": sqlite_insert}[session.get_bind().dialect.name](target)


def now_local() -> datetime:
    """The current Asia/Shanghai time, naive, to the second."""
    return datetime.now(OFFICE_ZONE).replace(tzinfo=None, microsecond=0)


class LabeledEnum(str, enum.Enum):
    """A fixed code stored as its English value and shown by its translated label."""

    def __new__(cls, value: str, label):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    def __str__(self) -> str:
        return str(self.label)

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


def enum_column(enum_class: type[LabeledEnum], name: str | None = None) -> sa.Enum:
    """A portable VARCHAR + CHECK column for a code enum (no native PostgreSQL type to migrate).
    ``name`` names the CHECK constraint where a table has two columns of one enum."""
    return sa.Enum(
        enum_class,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda cls: [member.value for member in cls],
        validate_strings=True,
        name=name or enum_class.__name__.lower(),
    )


class UnitKind(LabeledEnum):
    municipal = "municipal", _l("Municipal department")
    county = "county", _l("County-level government")
    zone = "zone", _l("Development zone")
    other = "other", _l("Other")


class GroupRole(LabeledEnum):
    leader = "leader", _l("Group leader")
    deputy = "deputy", _l("Deputy group leader")
    member = "member", _l("Group member")
    liaison = "liaison", _l("Liaison")


class Role(LabeledEnum):
    office = "office", _l("Working-group office")
    hotline = "hotline", _l("Hotline centre")
    unit = "unit", _l("Member unit")
    leader = "leader", _l("City leader")


class Channel(LabeledEnum):
    phone = "phone", _l("Phone")
    web = "web", _l("Website")
    wechat = "wechat", _l("WeChat")
    app = "app", _l("Mobile app")
    other = "other", _l("Other")


class Satisfaction(LabeledEnum):
    satisfied = "satisfied", _l("Satisfied")
    basically = "basically", _l("Basically satisfied")
    dissatisfied = "dissatisfied", _l("Dissatisfied")
    not_visited = "not_visited", _l("Not called back")


class Category(LabeledEnum):
    repeat = "repeat", _l("Repeated complaint")
    cross = "cross", _l("Cross-department complaint")
    multi_channel = "multi_channel", _l("Multi-channel complaint")
    legacy = "legacy", _l("Legacy problem")
    other = "other", _l("Other problem needing coordination")


class PlaceLevel(LabeledEnum):
    county = "county", _l("County or district")
    town = "town", _l("Town or subdistrict")
    village = "village", _l("Village or community")


class CategoryOrigin(LabeledEnum):
    computed = "computed", _l("Computed, to confirm")
    confirmed = "confirmed", _l("Confirmed")
    manual = "manual", _l("Set by hand")


class LegacyReason(LabeledEnum):
    project_halted = "project_halted", _l("Project halted")
    unit_merged = "unit_merged", _l("Unit abolished or merged")
    duties_changed = "duties_changed", _l("Duties changed")
    other = "other", _l("Other")


class CaseSource(LabeledEnum):
    hotline = "hotline", _l("Hotline centre review")
    unit = "unit", _l("Proposed by a member unit")
    leader = "leader", _l("Leader instruction")
    system = "system", _l("System detection")


class CaseStatus(LabeledEnum):
    proposed = "proposed", _l("Proposed")
    accepted = "accepted", _l("Accepted")
    rejected = "rejected", _l("Rejected")
    coordinating = "coordinating", _l("Coordinating")
    assigned = "assigned", _l("Assigned with deadline")
    feedback = "feedback", _l("Feedback given")
    closed = "closed", _l("Closed")
    review = "review", _l("Follow-up review")
    archived = "archived", _l("Archived")


OPEN_CASE_STATUSES = (
    CaseStatus.proposed,
    CaseStatus.accepted,
    CaseStatus.coordinating,
    CaseStatus.assigned,
    CaseStatus.feedback,
)


class Level(LabeledEnum):
    normal = "normal", _l("Normal")
    yellow = "yellow", _l("Deadline near")
    red = "red", _l("Overdue")
    report = "report", _l("Special report")


class Publicity(LabeledEnum):
    public = "public", _l("Public")
    restricted = "restricted", _l("Not public")


class ReportForm(LabeledEnum):
    special = "special", _l("Special report")
    single = "single", _l("One report per matter")


class MeetingStatus(LabeledEnum):
    scheduled = "scheduled", _l("Scheduled")
    held = "held", _l("Held")
    cancelled = "cancelled", _l("Cancelled")


class SlipStatus(LabeledEnum):
    issued = "issued", _l("Issued")
    signed = "signed", _l("Signed for")
    answered = "answered", _l("Answered")
    passed = "passed", _l("Passed")
    returned = "returned", _l("Returned for rework")


# A slip the responsible unit may still answer (once submitted, its answer is the office's to judge).
ANSWERABLE_SLIP_STATUSES = (SlipStatus.issued, SlipStatus.signed, SlipStatus.returned)


class Verification(LabeledEnum):
    """What a unit found when it checked the complaint (notice, part 五(二))."""

    true = "true", _l("Verified: true")
    partly = "partly", _l("Verified: partly true")
    untrue = "untrue", _l("Verified: not true")


class ContactMethod(LabeledEnum):
    phone = "phone", _l("By phone")
    visit = "visit", _l("In person")
    message = "message", _l("By text message")
    other = "other", _l("Other")


class VisitKind(LabeledEnum):
    """Site work on a case (notice, part 四(二)2 and 五(四))."""

    investigation = "investigation", _l("Site investigation (踏勘现场)")
    unannounced = "unannounced", _l("Unannounced check (暗访)")


class ReviewDecision(LabeledEnum):
    passed = "passed", _l("Pass")
    returned = "returned", _l("Return for rework")


class SlipAction(LabeledEnum):
    """The steps of a slip (workflow.SLIP_STEPS says who may take which, from where)."""

    sign = "sign", _l("Sign for")
    save_draft = "save_draft", _l("Save the draft")
    submit = "submit", _l("Submit the answer")
    approve = "approve", _l("Pass the answer")
    send_back = "send_back", _l("Return for rework")


class AuditAction(LabeledEnum):
    create = "create", _l("Create")
    update = "update", _l("Update")
    delete = "delete", _l("Delete")
    login = "login", _l("Login")
    login_failed = "login_failed", _l("Failed login")
    logout = "logout", _l("Logout")
    view_personal = "view_personal", _l("Read personal data")
    export = "export", _l("Export")


class CaseAction(LabeledEnum):
    """The steps of a case's life (DOMAIN.md §5); workflow.py says who may take which, from where."""

    accept = "accept", _l("Accept")
    reject = "reject", _l("Reject")
    coordinate = "coordinate", _l("Start coordination")
    assign = "assign", _l("Assign with a deadline")
    report_back = "report_back", _l("Report back")
    close = "close", _l("Close")
    rework = "rework", _l("Return for rework")
    follow_up = "follow_up", _l("Record the follow-up review")
    archive = "archive", _l("Archive")
    escalate = "escalate", _l("Report to the city leaders")
    instruct = "instruct", _l("Record a leader's instruction")
    ask_extension = "ask_extension", _l("Ask for more time")
    grant_extension = "grant_extension", _l("Grant more time")
    refuse_extension = "refuse_extension", _l("Refuse more time")
    # Recorded by the system, not taken by hand: a proposal of the same problem folded into this case.
    fold = "fold", _l("Proposal of the same problem folded in")


class NotificationEvent(LabeledEnum):
    """The events of DOMAIN.md §6 that send reminders."""

    slip_issued = "slip_issued", _l("Slip issued")
    deadline_3 = "deadline_3", _l("Deadline in 3 working days")
    deadline_1 = "deadline_1", _l("Deadline in 1 working day")
    overdue = "overdue", _l("Overdue")
    meeting_scheduled = "meeting_scheduled", _l("Meeting scheduled")
    meeting_tomorrow = "meeting_tomorrow", _l("Meeting tomorrow")
    case_report = "case_report", _l("Case reported to the leaders")
    bulletin_published = "bulletin_published", _l("Bulletin published")


class MessageChannel(LabeledEnum):
    sms = "sms", _l("SMS")
    email = "email", _l("Email message")
    robot = "robot", _l("Group robot")


class DeliveryStatus(LabeledEnum):
    pending = "pending", _l("Waiting to be sent")
    sending = "sending", _l("Sending")
    sent = "sent", _l("Sent")
    held = "held", _l("Held: delivery uncertain")
    failed = "failed", _l("Failed")
    cancelled = "cancelled", _l("Cancelled")


class DeliveryFailure(LabeledEnum):
    """Why a message has not gone out (yet)."""

    unreachable = "unreachable", _l("Could not reach the provider")
    busy = "busy", _l("The provider was busy")
    rejected = "rejected", _l("The provider refused the message")
    no_answer = "no_answer", _l("Sent, but the provider did not confirm")
    interrupted = "interrupted", _l("Sending was interrupted")


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(default=now_local, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=now_local, onupdate=now_local)


def _link_table(name: str, left: str, right: str) -> sa.Table:
    """A many-to-many table between two tables' ``id`` columns."""
    return sa.Table(
        name,
        db.metadata,
        sa.Column(f"{left}_id", sa.ForeignKey(f"{left}s.id", ondelete="CASCADE"), primary_key=True),
        sa.Column(f"{right}_id", sa.ForeignKey(f"{right}s.id", ondelete="CASCADE"), primary_key=True, index=True),
    )


contact_transfer_units = _link_table("contact_transfer_units", "contact", "unit")
contact_return_units = _link_table("contact_return_units", "contact", "unit")
case_co_units = _link_table("case_co_units", "case", "unit")
meeting_units = _link_table("meeting_units", "meeting", "unit")
meeting_members = _link_table("meeting_members", "meeting", "member")
meeting_cases = _link_table("meeting_cases", "meeting", "case")
decision_co_units = _link_table("decision_co_units", "decision", "unit")


class NumberSequence(db.Model):
    """Yearly counters behind case, meeting and slip numbers; a number is never reused."""

    __tablename__ = "number_sequences"
    name: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    last: Mapped[int] = mapped_column(default=0)

    @classmethod
    def next(cls, session, name: str, year: int) -> int:
        """Take the next number of the year; safe when several writers take numbers at once."""
        return cls.take(session, name, year, 1)

    @classmethod
    def take(cls, session, name: str, year: int, count: int) -> int:
        """Take ``count`` numbers of the year at once and return the last of them.

        Runs without autoflush: the caller's new row still lacks the number being taken.
        """
        with session.no_autoflush:
            session.execute(dialect_insert(session, cls).values(name=name, year=year, last=0)
                            .on_conflict_do_nothing())
            bump = (
                sa.update(cls)
                .where(cls.name == name, cls.year == year)
                .values(last=cls.last + count)
                .returning(cls.last)
            )
            return session.execute(bump).scalar_one()


class JobLock(db.Model):
    """One row per background job family that must not run twice at once."""

    __tablename__ = "job_locks"
    name: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    taken_at: Mapped[datetime]

    @classmethod
    def hold(cls, session, name: str) -> None:
        """Hold the lock until the caller's transaction ends, waiting while another holds it.

        An upsert of the lock's row: PostgreSQL locks the row, SQLite the whole database for writing.
        Call it first in a transaction: on SQLite a transaction that read before writing cannot wait.
        """
        insert = dialect_insert(session, cls).values(name=name, taken_at=now_local())
        session.execute(insert.on_conflict_do_update(index_elements=["name"],
                                                     set_={"taken_at": insert.excluded.taken_at}))


class Unit(Timestamped, db.Model):
    __tablename__ = "units"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100), unique=True)
    short_name: Mapped[str | None] = mapped_column(sa.String(50))
    kind: Mapped[UnitKind] = mapped_column(enum_column(UnitKind), default=UnitKind.municipal, index=True)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id", ondelete="SET NULL"), index=True)
    phone: Mapped[str | None] = mapped_column(sa.String(50))
    email: Mapped[str | None] = mapped_column(sa.String(120))
    address: Mapped[str | None] = mapped_column(sa.String(200))
    active: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(default=0)

    parent: Mapped[Unit | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Unit]] = relationship(back_populates="parent")
    members: Mapped[list[Member]] = relationship(back_populates="unit", order_by="Member.sort_order")

    def __str__(self) -> str:
        return self.name


class Member(Timestamped, db.Model):
    __tablename__ = "members"
    __table_args__ = (sa.UniqueConstraint("unit_id", "name", name="uq_members_unit_id_name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(50), index=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    position: Mapped[str | None] = mapped_column(sa.String(100))
    group_role: Mapped[GroupRole] = mapped_column(enum_column(GroupRole), default=GroupRole.member, index=True)
    phone: Mapped[str | None] = mapped_column(sa.String(50))
    email: Mapped[str | None] = mapped_column(sa.String(120))
    receive_sms: Mapped[bool] = mapped_column(default=True)
    receive_email: Mapped[bool] = mapped_column(default=True)
    active: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(default=0)

    unit: Mapped[Unit] = relationship(back_populates="members")

    def __str__(self) -> str:
        return f"{self.name}（{self.unit.name if self.unit else ''}）"


class User(UserMixin, Timestamped, db.Model):
    __tablename__ = "users"
    __table_args__ = (
        sa.CheckConstraint("role <> 'unit' OR unit_id IS NOT NULL", name="unit_account_has_unit"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(50), unique=True)
    display_name: Mapped[str | None] = mapped_column(sa.String(50))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role), index=True)
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    last_login_at: Mapped[datetime | None]
    # Part of every login session of the account (get_id): a new one ends them all.
    session_token: Mapped[str] = mapped_column(sa.String(64), default=lambda: secrets.token_urlsafe(32))
    # Set by the office: the account chooses its own password before it does anything else.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    unit: Mapped[Unit | None] = relationship()
    tokens: Mapped[list[ApiToken]] = relationship(back_populates="user", cascade="all, delete-orphan")

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        """What a login session keeps (Flask-Login's alternative id): it opens the account only while
        the token is the account's current one."""
        return f"{self.id}:{self.session_token}"

    def end_sessions(self) -> None:
        """Every session of the account, on every browser, ends at its next request."""
        self.session_token = secrets.token_urlsafe(32)

    @validates("active")
    def _disabling_ends_sessions(self, key: str, active: bool) -> bool:
        if self.active and not active:
            self.end_sessions()
        return active

    def set_password(self, password: str) -> None:
        """A new password; the sessions opened with the old one end."""
        self.password_hash = _password_hasher.hash(password)
        self.end_sessions()

    def check_password(self, password: str) -> bool:
        """Verify a password, upgrading the stored hash when the hasher's parameters changed."""
        try:
            _password_hasher.verify(self.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False
        if _password_hasher.check_needs_rehash(self.password_hash):
            self.password_hash = _password_hasher.hash(password)  # the same password: sessions go on
        return True


class ApiToken(db.Model):
    """A bearer token for the JSON API; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=now_local)
    last_used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="tokens")

    @staticmethod
    def digest(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User) -> tuple[ApiToken, str]:
        """A new token row for the user and the token text, which is shown once and never stored."""
        token = secrets.token_urlsafe(32)
        return cls(user=user, token_hash=cls.digest(token)), token


class Place(Timestamped, db.Model):
    """One of 玉林市's counties, towns and villages (seed/places.tsv), with the other names people
    write for it; the office corrects and extends them, and grouping reads places from here."""

    __tablename__ = "places"
    __table_args__ = (sa.UniqueConstraint("parent_id", "name", name="uq_places_parent_name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(50))
    level: Mapped[PlaceLevel] = mapped_column(enum_column(PlaceLevel))
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("places.id", ondelete="CASCADE"), index=True)
    # Other names for the same place, one per line (old names, 村委, short forms the parser does not make).
    aliases: Mapped[str | None] = mapped_column(sa.Text)

    parent: Mapped[Place | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Place]] = relationship(back_populates="parent", order_by="Place.name")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return (self.parent.full_name if self.parent else "") + self.name


class PairLabel(db.Model):
    """A person's judgement that two contacts are, or are not, one problem: made by every merge
    and split, kept as labelled pairs that grouping is measured against."""

    __tablename__ = "pair_labels"
    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(sa.ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    other_id: Mapped[int] = mapped_column(sa.ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    same: Mapped[bool]
    made_at: Mapped[datetime] = mapped_column(default=now_local)


class ProblemGroup(Timestamped, db.Model):
    """One problem as the hotline heard it, perhaps many times (并单): same place, same matter."""

    __tablename__ = "problem_groups"
    # New contacts find the groups placed where they are, touched last first (grouping._latest_groups):
    # read in the index's own order, the first few of a busy town's thousands of groups are all read.
    __table_args__ = (sa.Index("ix_problem_groups_place_key_last_at_id", "place_key", "last_at", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    place_key: Mapped[str] = mapped_column(sa.String(200))
    topic: Mapped[str] = mapped_column(sa.String(40), index=True)
    # What its contacts share, for people (searchable as written): the place, the thing complained
    # about, and why (places.py, things.py, grouping.py).
    place: Mapped[str | None] = mapped_column(sa.String(200))
    thing: Mapped[str | None] = mapped_column(sa.String(100))
    reason: Mapped[str | None] = mapped_column(sa.String(300))
    # Set when a person merged or split it: recalculation never moves its contacts.
    manual: Mapped[bool] = mapped_column(default=False)
    contact_count: Mapped[int] = mapped_column(default=0)
    first_at: Mapped[datetime | None] = mapped_column(index=True)
    last_at: Mapped[datetime | None] = mapped_column(index=True)

    contacts: Mapped[list[Contact]] = relationship(secondary="contact_groups", order_by="Contact.received_at",
                                                   viewonly=True)

    def __str__(self) -> str:
        from .places import Location

        return f"#{self.id} {Location.parse(self.place).public_label}".strip()


class Contact(Timestamped, db.Model):
    __tablename__ = "contacts"
    # Each matching key with the time: new contacts read the latest contacts under a key, newest
    # first, without reading every contact ever filed under it (grouping._latest_groups).
    __table_args__ = tuple(sa.Index(f"ix_contacts_{key}_received_at", key, "received_at")
                           for key in ("phone_hash", "place_key", "thing"))
    id: Mapped[int] = mapped_column(primary_key=True)
    work_order: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # No index on channel or satisfaction: a handful of values each, and every index slows the
    # bulk writes of imports and grouping.
    channel: Mapped[Channel] = mapped_column(enum_column(Channel))
    received_at: Mapped[datetime] = mapped_column(index=True)
    complainant_name: Mapped[str | None] = mapped_column(sa.String(100))
    phone: Mapped[str | None] = mapped_column(sa.String(50))
    address: Mapped[str | None] = mapped_column(sa.String(500))
    content: Mapped[str] = mapped_column(sa.Text)
    result: Mapped[str | None] = mapped_column(sa.Text)
    satisfaction: Mapped[Satisfaction] = mapped_column(enum_column(Satisfaction), default=Satisfaction.not_visited)
    case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id", ondelete="SET NULL"), index=True)
    # Matching keys (normalize.py): never the masked or the raw text.
    phone_hash: Mapped[str | None] = mapped_column(sa.String(32))
    place_key: Mapped[str | None] = mapped_column(sa.String(200))
    topic: Mapped[str | None] = mapped_column(sa.String(40))
    # The place of the problem as read from the address and the text, and the thing it names.
    place: Mapped[str | None] = mapped_column(sa.String(200))
    county: Mapped[str | None] = mapped_column(sa.String(20))
    thing: Mapped[str | None] = mapped_column(sa.String(100))
    # The county the caller's address names, which may be the caller's home, not the problem's place.
    address_county: Mapped[str | None] = mapped_column(sa.String(20))
    # The part of the nightly regroup that takes the contact: its county, or, where its problem names
    # none, the county its place, things, caller and address point to (grouping.assign_regions).
    region: Mapped[str | None] = mapped_column(sa.String(20), index=True)

    case: Mapped[Case | None] = relationship(back_populates="contacts")
    membership: Mapped[ContactGroup | None] = relationship(cascade="all, delete-orphan")
    group: Mapped[ProblemGroup | None] = relationship(secondary="contact_groups", viewonly=True)
    transfer_units: Mapped[list[Unit]] = relationship(secondary=contact_transfer_units)
    returned_by: Mapped[list[Unit]] = relationship(secondary=contact_return_units)

    def __str__(self) -> str:
        return self.work_order


class ContactGroup(db.Model):
    """Which problem group a contact is in.  A table of its own, narrow, so that regrouping a
    million contacts rewrites two integers a row instead of every contact row and its indexes."""

    __tablename__ = "contact_groups"
    contact_id: Mapped[int] = mapped_column(sa.ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True)
    group_id: Mapped[int] = mapped_column(sa.ForeignKey("problem_groups.id", ondelete="CASCADE"), index=True)
    # A person put the contact in this group (并单/拆单): recalculation leaves it there.
    locked: Mapped[bool] = mapped_column(default=False)
    # Why it joined the group (同一地点…；内容相近 0.82); empty for the first contact of a group.
    reason: Mapped[str | None] = mapped_column(sa.String(300))

    group: Mapped[ProblemGroup] = relationship()


# The group of a contact, usable in queries as Contact.group_id and Contact.group_locked; deferred, so
# loading contacts does not pay for them (code that shows groups loads ``membership`` instead).
Contact.group_id = sa.orm.column_property(
    sa.select(ContactGroup.group_id).where(ContactGroup.contact_id == Contact.id).correlate_except(ContactGroup)
    .scalar_subquery(), deferred=True)
Contact.group_locked = sa.orm.column_property(
    sa.select(ContactGroup.locked).where(ContactGroup.contact_id == Contact.id).correlate_except(ContactGroup)
    .scalar_subquery(), deferred=True)


class Case(Timestamped, db.Model):
    __tablename__ = "cases"
    # The case list opens newest-changed first.
    __table_args__ = (sa.Index("ix_cases_updated_at", "updated_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(sa.String(20), unique=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    summary: Mapped[str | None] = mapped_column(sa.Text)
    source: Mapped[CaseSource] = mapped_column(enum_column(CaseSource), default=CaseSource.hotline, index=True)
    jurisdiction_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id", ondelete="SET NULL"), index=True)
    lead_unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id", ondelete="SET NULL"), index=True)
    deadline: Mapped[date | None] = mapped_column(index=True)
    status: Mapped[CaseStatus] = mapped_column(enum_column(CaseStatus), default=CaseStatus.proposed, index=True)
    level: Mapped[Level] = mapped_column(enum_column(Level), default=Level.normal, index=True)
    leader_instruction: Mapped[str | None] = mapped_column(sa.Text)
    leader_instruction_on: Mapped[date | None]
    satisfaction: Mapped[Satisfaction | None] = mapped_column(enum_column(Satisfaction))
    follow_up_result: Mapped[str | None] = mapped_column(sa.Text)
    publicity: Mapped[Publicity] = mapped_column(enum_column(Publicity), default=Publicity.public)
    report_form: Mapped[ReportForm | None] = mapped_column(enum_column(ReportForm))
    # The problem group the system proposed this case from (at most one case per group).
    problem_group_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("problem_groups.id", ondelete="SET NULL"), unique=True)
    # How strongly the problem meets the notice (rules.priority): proposals are reviewed highest first.
    priority: Mapped[int] = mapped_column(default=0, index=True)

    jurisdiction: Mapped[Unit | None] = relationship(foreign_keys=[jurisdiction_id])
    lead_unit: Mapped[Unit | None] = relationship(foreign_keys=[lead_unit_id])
    co_units: Mapped[list[Unit]] = relationship(secondary=case_co_units)
    contacts: Mapped[list[Contact]] = relationship(back_populates="case", order_by=Contact.received_at)
    categories: Mapped[list[CaseCategory]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseCategory.code"
    )
    slips: Mapped[list[Slip]] = relationship(back_populates="case", order_by="Slip.id")
    visits: Mapped[list[SiteVisit]] = relationship(back_populates="case", order_by="SiteVisit.visited_on")
    events: Mapped[list[CaseEvent]] = relationship(back_populates="case", order_by="CaseEvent.id",
                                                   cascade="all, delete-orphan")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def category_codes(self) -> list[str]:
        return [category.code.value for category in self.categories]

    def assign_number(self, session) -> None:
        """Give a new case its yearly number, e.g. LD-2026-0001, unless it was typed in."""
        if not self.number:
            year = now_local().year
            self.number = f"LD-{year}-{NumberSequence.next(session, 'case', year):04d}"


class CaseCategory(db.Model):
    """One category of a case, with where it came from and why it applies."""

    __tablename__ = "case_categories"
    __table_args__ = (sa.UniqueConstraint("case_id", "code", name="uq_case_categories_case_id_code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    code: Mapped[Category] = mapped_column(enum_column(Category), index=True)
    origin: Mapped[CategoryOrigin] = mapped_column(enum_column(CategoryOrigin), default=CategoryOrigin.manual)
    legacy_reason: Mapped[LegacyReason | None] = mapped_column(enum_column(LegacyReason))
    reason: Mapped[str | None] = mapped_column(sa.Text)

    case: Mapped[Case] = relationship(back_populates="categories")

    def __str__(self) -> str:
        return str(self.code.label)


class Meeting(Timestamped, db.Model):
    __tablename__ = "meetings"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(sa.String(20), unique=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    held_at: Mapped[datetime] = mapped_column(index=True)
    place: Mapped[str | None] = mapped_column(sa.String(200))
    convener_id: Mapped[int | None] = mapped_column(sa.ForeignKey("members.id", ondelete="SET NULL"), index=True)
    status: Mapped[MeetingStatus] = mapped_column(
        enum_column(MeetingStatus), default=MeetingStatus.scheduled, index=True
    )
    minutes: Mapped[str | None] = mapped_column(sa.Text)

    convener: Mapped[Member | None] = relationship()
    units: Mapped[list[Unit]] = relationship(secondary=meeting_units)
    members: Mapped[list[Member]] = relationship(secondary=meeting_members)
    cases: Mapped[list[Case]] = relationship(secondary=meeting_cases)
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Decision.id"
    )

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def assign_number(self, session) -> None:
        """Give a new meeting its yearly number, e.g. HY-2026-001, unless it was typed in."""
        if not self.number:
            year = (self.held_at or now_local()).year
            self.number = f"HY-{year}-{NumberSequence.next(session, 'meeting', year):03d}"


class Decision(db.Model):
    """What a meeting decided for one case: lead unit, co-units, measures and deadline."""

    __tablename__ = "decisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    lead_unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    measures: Mapped[str] = mapped_column(sa.Text)
    deadline_days: Mapped[int]
    deadline: Mapped[date | None]
    # The slip that carries the decision to its lead unit, once issued.
    slip_id: Mapped[int | None] = mapped_column(sa.ForeignKey("slips.id", ondelete="SET NULL"), index=True)

    meeting: Mapped[Meeting] = relationship(back_populates="decisions")
    case: Mapped[Case] = relationship()
    lead_unit: Mapped[Unit] = relationship()
    co_units: Mapped[list[Unit]] = relationship(secondary=decision_co_units)
    slip: Mapped[Slip | None] = relationship()

    def __str__(self) -> str:
        return f"{self.case.number if self.case else ''} {self.lead_unit.name if self.lead_unit else ''}"


class Slip(Timestamped, db.Model):
    """A tracking/supervision slip (跟踪督办单, annex 3 of the notice)."""

    __tablename__ = "slips"
    __table_args__ = (sa.UniqueConstraint("year", "seq", name="uq_slips_year_seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    seq: Mapped[int]
    number: Mapped[str] = mapped_column(sa.String(30), unique=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="RESTRICT"), index=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    requirement: Mapped[str] = mapped_column(sa.Text)
    deadline: Mapped[date] = mapped_column(index=True)
    status: Mapped[SlipStatus] = mapped_column(enum_column(SlipStatus), default=SlipStatus.issued, index=True)
    issued_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    issued_at: Mapped[datetime] = mapped_column(default=now_local, index=True)
    feedback: Mapped[str | None] = mapped_column(sa.Text)
    feedback_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    feedback_at: Mapped[datetime | None]
    review: Mapped[ReviewDecision | None] = mapped_column(enum_column(ReviewDecision))
    review_reason: Mapped[str | None] = mapped_column(sa.Text)
    reviewed_at: Mapped[datetime | None]
    follow_up_result: Mapped[str | None] = mapped_column(sa.Text)
    signed_at: Mapped[datetime | None]
    signed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # The unit's structured answer (notice, part 五(二)(三)).
    verified: Mapped[Verification | None] = mapped_column(enum_column(Verification))
    rectification: Mapped[str | None] = mapped_column(sa.Text)
    rectify_by: Mapped[date | None]
    policy_explanation: Mapped[str | None] = mapped_column(sa.Text)
    root_cause: Mapped[str | None] = mapped_column(sa.Text)
    similar_cases: Mapped[str | None] = mapped_column(sa.Text)

    case: Mapped[Case] = relationship(back_populates="slips")
    unit: Mapped[Unit] = relationship()
    issued_by: Mapped[User | None] = relationship(foreign_keys=[issued_by_id])
    feedback_by: Mapped[User | None] = relationship(foreign_keys=[feedback_by_id])
    signed_by: Mapped[User | None] = relationship(foreign_keys=[signed_by_id])
    attachments: Mapped[list[Attachment]] = relationship(back_populates="slip", order_by="Attachment.id",
                                                         cascade="all, delete-orphan")

    def __str__(self) -> str:
        return self.number

    def assign_number(self, session) -> None:
        """Number a new slip 督办〔YEAR〕N号 from the year's sequence; numbers are never reused."""
        if not self.number:
            self.year = (self.issued_at or now_local()).year
            self.seq = NumberSequence.next(session, "slip", self.year)
            self.number = SLIP_NUMBER_FORMAT.format(year=self.year, seq=self.seq)


class AuditLog(db.Model):
    """One entry of the append-only audit trail (操作日志).

    No foreign keys: an entry must outlive the account and the record it speaks of.  The
    migration adds triggers that refuse UPDATE and DELETE on this table.
    """

    __tablename__ = "audit_logs"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=now_local, index=True)
    user_id: Mapped[int | None] = mapped_column(index=True)
    username: Mapped[str | None] = mapped_column(sa.String(50), index=True)
    role: Mapped[str | None] = mapped_column(sa.String(20))
    action: Mapped[AuditAction] = mapped_column(enum_column(AuditAction), index=True)
    model: Mapped[str | None] = mapped_column(sa.String(50), index=True)
    record_id: Mapped[str | None] = mapped_column(sa.String(50), index=True)
    changes: Mapped[dict | None] = mapped_column(sa.JSON)
    address: Mapped[str | None] = mapped_column(sa.String(64))
    detail: Mapped[str | None] = mapped_column(sa.Text)


class WorkdayOverride(Timestamped, db.Model):
    """The office's correction of the calendar: this day is (or is not) a working day."""

    __tablename__ = "workday_overrides"
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(unique=True)
    workday: Mapped[bool]
    note: Mapped[str | None] = mapped_column(sa.String(200))

    def __str__(self) -> str:
        return self.day.isoformat()


class MessageTemplate(Timestamped, db.Model):
    """The wording of one event's messages, edited by the office.  ``${name}`` marks a value; an SMS
    is sent as the provider's template code with those values, as Chinese SMS providers require."""

    __tablename__ = "message_templates"
    id: Mapped[int] = mapped_column(primary_key=True)
    event: Mapped[NotificationEvent] = mapped_column(enum_column(NotificationEvent), unique=True)
    sms_code: Mapped[str | None] = mapped_column(sa.String(50))
    sms_text: Mapped[str] = mapped_column(sa.Text)
    email_subject: Mapped[str] = mapped_column(sa.String(200))
    email_body: Mapped[str] = mapped_column(sa.Text)
    robot_text: Mapped[str | None] = mapped_column(sa.Text)

    def __str__(self) -> str:
        return self.event.label


class Notification(Timestamped, db.Model):
    """One message to one recipient on one channel (消息记录): the outbox row that makes it go out once.

    ``event_key`` names the event instance (``slip_issued:12``); with the recipient and the channel it
    is unique, so finding an event twice never writes a second message.
    """

    __tablename__ = "notifications"
    __table_args__ = (
        sa.UniqueConstraint("event_key", "recipient", "channel", name="uq_notifications_event_key"),
        sa.Index("ix_notifications_due", "status", "not_before"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    event: Mapped[NotificationEvent] = mapped_column(enum_column(NotificationEvent), index=True)
    event_key: Mapped[str] = mapped_column(sa.String(120))
    channel: Mapped[MessageChannel] = mapped_column(enum_column(MessageChannel), index=True)
    # "member:ID" or "group" (the group robot).
    recipient: Mapped[str] = mapped_column(sa.String(40))
    member_id: Mapped[int | None] = mapped_column(sa.ForeignKey("members.id", ondelete="SET NULL"), index=True)
    recipient_name: Mapped[str] = mapped_column(sa.String(100))
    address: Mapped[str] = mapped_column(sa.String(500))
    case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id", ondelete="SET NULL"), index=True)
    subject: Mapped[str | None] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)
    template_code: Mapped[str | None] = mapped_column(sa.String(50))
    params: Mapped[dict | None] = mapped_column(sa.JSON)
    status: Mapped[DeliveryStatus] = mapped_column(enum_column(DeliveryStatus), default=DeliveryStatus.pending)
    attempts: Mapped[int] = mapped_column(default=0)
    not_before: Mapped[datetime] = mapped_column(default=now_local)
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    provider_ref: Mapped[str | None] = mapped_column(sa.String(100))
    failure: Mapped[DeliveryFailure | None] = mapped_column(enum_column(DeliveryFailure))
    # The provider's or the network's own words, for whoever looks into a failure.
    last_error: Mapped[str | None] = mapped_column(sa.Text)

    member: Mapped[Member | None] = relationship()
    case: Mapped[Case | None] = relationship()

    def __str__(self) -> str:
        return f"{self.event.label} → {self.recipient_name}"


class Bulletin(Timestamped, db.Model):
    """A bulletin of the office (通报): praise, criticism, how the difficult cases stand."""

    __tablename__ = "bulletins"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    published_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # A periodic bulletin: the period it reports on and its ranking table as generated (assessment.py),
    # kept with it so the published paper never changes afterwards.
    period_start: Mapped[date | None]
    period_end: Mapped[date | None]
    figures: Mapped[list | None] = mapped_column(sa.JSON)

    published_by: Mapped[User | None] = relationship()

    def __str__(self) -> str:
        return self.title

    def publish(self, user: User) -> None:
        """Send the bulletin out (the outbox finds it); it stands as published from now on."""
        self.published_at, self.published_by = now_local(), user


class CaseEvent(db.Model):
    """One step in a case's life (办理记录): who took it, when, from which state to which, and why."""

    __tablename__ = "case_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=now_local, index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    username: Mapped[str | None] = mapped_column(sa.String(50))
    action: Mapped[CaseAction] = mapped_column(enum_column(CaseAction), index=True)
    from_status: Mapped[CaseStatus] = mapped_column(enum_column(CaseStatus, "from_status"))
    to_status: Mapped[CaseStatus] = mapped_column(enum_column(CaseStatus, "to_status"))
    reason: Mapped[str | None] = mapped_column(sa.Text)
    # A date the step is about: the deadline given, or the one a unit asks for.
    deadline: Mapped[date | None]

    case: Mapped[Case] = relationship(back_populates="events")


class CitizenContact(db.Model):
    """A unit got in touch with the complainant of a case (联系诉求人记录), so that others can see it and
    not pester the citizen (notice, part 五(四))."""

    __tablename__ = "citizen_contacts"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    at: Mapped[datetime] = mapped_column(default=now_local, index=True)
    method: Mapped[ContactMethod] = mapped_column(enum_column(ContactMethod), default=ContactMethod.phone)
    note: Mapped[str | None] = mapped_column(sa.Text)
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    case: Mapped[Case] = relationship()
    unit: Mapped[Unit] = relationship()
    recorded_by: Mapped[User | None] = relationship()

    def __str__(self) -> str:
        return f"{self.unit.name if self.unit else ''} {self.at:%Y-%m-%d %H:%M}"


class SiteVisit(db.Model):
    """Site work on a case: a joint investigation (踏勘现场) or an unannounced check (暗访), with photos."""

    __tablename__ = "site_visits"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[VisitKind] = mapped_column(enum_column(VisitKind), default=VisitKind.investigation)
    visited_on: Mapped[date] = mapped_column(index=True)
    # The unit that went and keeps the record; ``people`` names who went, from whichever units.
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    people: Mapped[str] = mapped_column(sa.String(200))
    findings: Mapped[str] = mapped_column(sa.Text)
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(default=now_local)

    case: Mapped[Case] = relationship(back_populates="visits")
    unit: Mapped[Unit] = relationship()
    recorded_by: Mapped[User | None] = relationship()
    attachments: Mapped[list[Attachment]] = relationship(back_populates="visit", order_by="Attachment.id",
                                                         cascade="all, delete-orphan")

    def __str__(self) -> str:
        return f"{self.kind.label} {self.visited_on:%Y-%m-%d}"


class Attachment(db.Model):
    """A file kept with a slip's answer or a site visit (附件, 现场照片).  The bytes live in the upload
    folder under a random name (uploads.py); the name the user gave is only shown."""

    __tablename__ = "attachments"
    __table_args__ = (sa.CheckConstraint("(slip_id IS NULL) <> (visit_id IS NULL)", name="one_owner"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    slip_id: Mapped[int | None] = mapped_column(sa.ForeignKey("slips.id", ondelete="CASCADE"), index=True)
    visit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("site_visits.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(sa.String(200))
    stored_name: Mapped[str] = mapped_column(sa.String(64), unique=True)
    content_type: Mapped[str] = mapped_column(sa.String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(default=now_local)

    slip: Mapped[Slip | None] = relationship(back_populates="attachments")
    visit: Mapped[SiteVisit | None] = relationship(back_populates="attachments")
    uploaded_by: Mapped[User | None] = relationship()

    def __str__(self) -> str:
        return self.filename

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
