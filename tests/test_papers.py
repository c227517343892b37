"""Every paper the system prints, downloaded over HTTP by every role, for rows in every state the
workflow table leads to: the 督办单, the 专报, the 会议纪要, the 通报 and its ranking, the assessment
workbook.

The cases are generated from the workflow tables, not picked: every step of ``workflow.STEPS`` and
of ``workflow.SLIP_STEPS`` is taken from every state it starts from, that state reached by the
shortest walk from a new case, each step taken through ``workflow.perform`` (or ``perform_on_slip``)
by the lead unit's, a leader's or the office's account, whichever is offered it first.  Their text is what
arrives pasted from other programs: control characters, a formula, markup.  Each paper must
download for every role that may read it and be refused to every other; each Word file must open
with python-docx without a control character and be converted by LibreOffice, each workbook must
hold nothing but plain values.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from docx import Document
from openpyxl import load_workbook

from admin_site import assessment, workflow
from admin_site.models import (
    Bulletin,
    Case,
    CaseCategory,
    CaseStatus,
    Category,
    CategoryOrigin,
    Channel,
    Contact,
    Decision,
    Meeting,
    MeetingStatus,
    Member,
    Publicity,
    ReviewDecision,
    Role,
    Slip,
    SlipStatus,
    Unit,
    UnitKind,
    User,
    db,
    now_local,
)

from .conftest import login
from .walks import ACTORS, FORMULA, MARKUP, hostile, routes, shortest_walks, walk
from .world import World, build_world

# What no Word or Excel file may carry (tab and line feed are text).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COMPLAINANT = "王五"
ROLES = ("office", "hotline", "unit", "other_unit", "leader")


@dataclass
class Printed:
    """The rows the papers are printed from; ``made`` holds those whose text is hostile (the period's
    ranking names the unit whose name is)."""

    world: World
    period: assessment.Period
    made: list = field(default_factory=list)


def walked_cases(world: World) -> list[Case]:
    """One case per route, led by unit A with unit B helping, each with a contact and a category."""
    own, other = world.own[Unit], world.other[Unit]
    actors = [world.accounts[name] for name in ACTORS]
    today = now_local().date()
    cases = []
    for index, route in enumerate(routes()):
        case = Case(title=hostile(f"事项{index}"), summary=hostile("摘要") + "\r\n续", lead_unit=own, co_units=[other],
                    deadline=today + timedelta(days=10), publicity=list(Publicity)[index % len(Publicity)],
                    categories=[CaseCategory(code=list(Category)[index % len(Category)], origin=CategoryOrigin.manual,
                                             reason=hostile("理由"))])
        case.contacts = [Contact(work_order=f"GD-P-{index:04d}", channel=list(Channel)[index % len(Channel)],
                                 received_at=datetime.combine(today, datetime.min.time()) - timedelta(days=index),
                                 complainant_name=COMPLAINANT, phone="13700000000", address=hostile("地址"),
                                 content=hostile("诉求"), transfer_units=[own])]
        case.assign_number(db.session)
        db.session.add(case)
        db.session.flush()
        walk(case, route, actors, index)
        cases.append(case)
    # A unit whose name is hostile leads a case assigned in the period: it stands in the ranking.
    stranger = Unit(name=hostile("单位"), kind=UnitKind.other)
    elsewhere = Case(title=hostile("外单位事项"), lead_unit=stranger, deadline=today + timedelta(days=5))
    elsewhere.assign_number(db.session)
    db.session.add_all([stranger, elsewhere])
    db.session.flush()
    walk(elsewhere, shortest_walks(workflow.STEPS, CaseStatus.proposed)[CaseStatus.assigned], actors, 0)
    return [*cases, elsewhere]


def meetings_about(world: World, cases: list[Case]) -> list[Meeting]:
    """A meeting in each state, with a decision and minutes."""
    own, other = world.own[Unit], world.other[Unit]
    convener = db.session.execute(sa.select(Member).filter_by(name="王巍")).scalar_one()
    meetings = []
    for index, status in enumerate(MeetingStatus):
        meeting = Meeting(title=hostile("会议"), held_at=now_local() - timedelta(days=index), place=hostile("地点"),
                          status=status, convener=convener, units=[own, other], members=[world.own[Member]],
                          cases=cases[:3], minutes=f"第一项\r\n{hostile('纪要')}\r\n\r\n\x0c第二项")
        meeting.decisions.append(Decision(case=cases[index], lead_unit=own, co_units=[other], measures=hostile("措施"),
                                          deadline_days=5, deadline=now_local().date() + timedelta(days=7)))
        meeting.assign_number(db.session)
        meetings.append(meeting)
    db.session.add_all(meetings)
    return meetings


def bulletins_of(world: World, period: assessment.Period) -> list[Bulletin]:
    """The period's bulletin as the office drafts it, titled with a slash and a formula: a draft and
    a published one."""
    bulletins = []
    for published in (False, True):
        bulletin = assessment.draft_bulletin(period, period.end)
        bulletin.title = f"{FORMULA}2026年11月/12月通报\x0b{MARKUP}"
        bulletin.body += "\r\n" + hostile("正文") + "\r\n一、\x0b附则"
        if published:
            bulletin.published_at, bulletin.published_by = now_local(), world.accounts["office"]
        bulletins.append(bulletin)
    db.session.add_all(bulletins)
    return bulletins


def printed_world() -> Printed:
    world = build_world()
    cases = walked_cases(world)
    meetings = meetings_about(world, cases)
    db.session.flush()
    today = now_local().date()
    period = assessment.Period(today - timedelta(days=40), today)
    bulletins = bulletins_of(world, period)
    db.session.commit()

    slips = [slip for case in cases for slip in case.slips]
    assert {case.status for case in cases} == set(CaseStatus)
    assert {slip.status for slip in slips} == set(SlipStatus)
    assert {slip.review for slip in slips} == {None, *ReviewDecision}
    assert any(case.report_form for case in cases) and any(case.leader_instruction for case in cases)
    assert any(row["unit"] == cases[-1].lead_unit.name for row in bulletins[0].figures)
    return Printed(world, period, made=[*cases, *slips, *meetings, *bulletins, period])


def own_unit_ids(user: User) -> set[int]:
    return set(db.session.scalars(sa.select(Unit.id).where(sa.or_(Unit.id == user.unit_id,
                                                                   Unit.parent_id == user.unit_id))))


def sees_published(user: User, bulletin: Bulletin) -> bool:
    return user.role == Role.office or bulletin.published_at is not None  # drafts are the office's


@dataclass(frozen=True)
class Paper:
    """A paper, the rows it is printed from, where it downloads, and who may read it (DOMAIN.md §2, §7)."""

    name: str
    mimetype: str
    rows: Callable[[Printed], list]
    url: Callable[[object], str]
    may: Callable[[User, object], bool]


PAPERS = [
    Paper("slip", DOCX, lambda printed: db.session.scalars(sa.select(Slip)).all(),
          lambda slip: f"/admin/slips/document/?id={slip.id}",
          lambda user, slip: user.role != Role.unit or slip.unit_id in own_unit_ids(user)),
    Paper("report", DOCX, lambda printed: db.session.scalars(sa.select(Case)).all(),
          lambda case: f"/admin/cases/report/?id={case.id}",
          lambda user, case: user.role in (Role.office, Role.leader)),
    Paper("minutes", DOCX, lambda printed: db.session.scalars(sa.select(Meeting)).all(),
          lambda meeting: f"/admin/meetings/document/?id={meeting.id}",
          lambda user, meeting: user.role != Role.unit or any(unit.id in own_unit_ids(user) for unit in meeting.units)),
    Paper("bulletin", DOCX, lambda printed: db.session.scalars(sa.select(Bulletin)).all(),
          lambda bulletin: f"/admin/bulletins/document/?id={bulletin.id}", sees_published),
    Paper("ranking", XLSX, lambda printed: db.session.scalars(sa.select(Bulletin)).all(),
          lambda bulletin: f"/admin/bulletins/workbook/?id={bulletin.id}",
          lambda user, bulletin: sees_published(user, bulletin) and bool(bulletin.figures)),
    Paper("assessment", XLSX, lambda printed: [printed.period],
          lambda period: f"/admin/assessment/workbook/?start={period.start}&end={period.end}",
          lambda user, period: user.role in (Role.office, Role.leader)),
]


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = (cell.text for table in document.tables for row in table.rows for cell in row.cells)
    return "\n".join([*(paragraph.text for paragraph in document.paragraphs), *cells])


def check_docx(data: bytes, made: bool) -> None:
    text = docx_text(data)
    assert not CONTROL.search(text)
    assert COMPLAINANT not in text  # no paper names a complainant
    if made:  # the formula and the markup are printed as the characters they are
        assert FORMULA in text and MARKUP in text


def check_xlsx(data: bytes, made: bool) -> None:
    workbook = load_workbook(io.BytesIO(data))
    for sheet in workbook.worksheets:
        assert len(sheet.title) <= 31 and not re.search(r"[/\\?*\[\]:]", sheet.title)
        values = []
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate  # never a live formula
                if isinstance(cell.value, str):
                    assert not CONTROL.search(cell.value) and "<span" not in cell.value, cell.coordinate
                    assert not cell.value.startswith("=") or cell.quotePrefix, cell.coordinate
                    values.append(cell.value)
        if made:
            assert any(value.startswith(FORMULA) and MARKUP in value for value in values)


def content_key(data: bytes) -> str:
    """The same paper gives the same key whenever it is made (a zip stamps each part with the time)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        digest = hashlib.sha1()
        for name in sorted(archive.namelist()):
            digest.update(name.encode() + b"\0" + archive.read(name))
    return digest.hexdigest()


# Word files LibreOffice has converted in this test session: the same paper on the other database
# need not be converted again.
CONVERTED: set[str] = set()


def convert_with_libreoffice(files: dict[str, bytes], folder) -> None:
    """LibreOffice opens each Word file and prints it to PDF (in one run: it starts slowly)."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office:
        pytest.skip("LibreOffice is not installed (make system-packages installs it)")
    files = {key: data for key, data in files.items() if key not in CONVERTED}
    if not files:
        return
    for key, data in files.items():
        (folder / f"{key}.docx").write_bytes(data)
    subprocess.run([office, f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder / "pdf"), *(str(folder / f"{key}.docx") for key in files)],
                   check=True, capture_output=True, timeout=300)
    for key in files:
        assert (folder / "pdf" / f"{key}.pdf").read_bytes().startswith(b"%PDF"), key
    CONVERTED.update(files)


def test_the_walks_take_every_step_of_the_workflow_tables():
    assert {route[-1] for route in routes()} == {*workflow.STEPS, *workflow.SLIP_STEPS}


def test_every_paper_opens_in_every_state_for_every_role_that_may_read_it(app, tmp_path):
    printed = printed_world()
    accounts = printed.world.accounts
    clients = {}
    for role in ROLES:
        clients[role] = app.test_client()
        assert login(clients[role], accounts[role].username).status_code == 302
    anonymous = app.test_client()
    word_files: dict[str, bytes] = {}
    for paper in PAPERS:
        checked = set()
        for row in paper.rows(printed):
            url = paper.url(row)
            assert anonymous.get(url).status_code == 302, url  # to the login page
            for role, client in clients.items():
                response = client.get(url)
                if not paper.may(accounts[role], row):
                    assert response.status_code in (403, 404), (role, url, response.status_code)
                    continue
                assert response.status_code == 200, (role, url, response.get_data(as_text=True)[:500])
                assert response.mimetype == paper.mimetype, (role, url)
                assert "filename*=UTF-8''" in response.headers["Content-Disposition"], (role, url)
                key = content_key(response.data)
                if key in checked:
                    continue
                checked.add(key)
                if paper.mimetype == DOCX:
                    check_docx(response.data, row in printed.made)
                    word_files[key] = response.data
                else:
                    check_xlsx(response.data, row in printed.made)
        assert checked, f"no {paper.name} was printed"
    convert_with_libreoffice(word_files, tmp_path)
