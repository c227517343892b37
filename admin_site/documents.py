"""Papers in the layout of Chinese official documents (GB/T 9704-2012), as Word files.

A4; margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right; titles in 方正小标宋简体 二号 (22 pt),
body in 仿宋_GB2312 三号 (16 pt) at a fixed 28.95 pt line, numbers like 督办〔2026〕1号 centred under
the title.  Chinese text needs its East Asian font set explicitly (``w:eastAsia``); each font is
declared with free alternatives (``w:altName``) for machines without the official fonts.
"""

from __future__ import annotations

import io
import re
from datetime import date

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from flask_babel import gettext
from lxml import etree

from . import access, assessment, privacy
from .models import Bulletin, Case, Meeting, Slip
from .normalize import plain_text
from .notify import long_date, long_datetime

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
# What to use where the official fonts are not installed (Windows, macOS, then free fonts).
ALTERNATIVES = {TITLE_FONT: "华文中宋", BODY_FONT: "仿宋", HEADING_FONT: "SimHei"}
TITLE_SIZE, BODY_SIZE = Pt(22), Pt(16)
LINE = Pt(28.95)
# A line of a bulletin that is a heading: "一、总体情况" or "1. Overall".
HEADING = re.compile(r"^([一二三四五六七八九十]+、|\d+\.\s)")


def _run(paragraph, text: str, name: str, size: Pt, bold: bool = False) -> None:
    """Every piece of text enters a paper here.  It is cleaned on the way out as well as on the way in:
    rows stored earlier may hold control characters, which Word's XML cannot carry."""
    run = paragraph.add_run(plain_text(text))
    run.font.size, run.font.bold = size, bold
    run.font.name = name  # ascii and hAnsi
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _declare_alternatives(document) -> None:
    """Name each font's alternative in the font table (``word/fontTable.xml``), which Word and
    LibreOffice consult when the font is missing; python-docx keeps that part as plain XML bytes."""
    for part in document.part.package.iter_parts():
        if part.partname == "/word/fontTable.xml":
            root = etree.fromstring(part.blob)
            for name, alternative in ALTERNATIVES.items():
                font = etree.SubElement(root, qn("w:font"))
                font.set(qn("w:name"), name)
                etree.SubElement(font, qn("w:altName")).set(qn("w:val"), alternative)
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    spacing = normal.paragraph_format
    spacing.line_spacing_rule, spacing.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
    spacing.space_before = spacing.space_after = Pt(0)


def _paragraph(document, text: str, font: str = BODY_FONT, size: Pt = BODY_SIZE, bold: bool = False,
               align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = True):
    paragraph = document.add_paragraph()
    paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size.pt * 2)  # two characters
    _run(paragraph, text, font, size, bold)
    return paragraph


def _lines(text: str | None) -> list[str]:
    """The non-empty lines of a text, one paragraph each.  Cleaned before it is split: str.splitlines
    also breaks at some control characters (vertical tab, form feed), which elsewhere are dropped."""
    return [line.strip() for line in plain_text(text or "").splitlines() if line.strip()]


def _title(document, text: str) -> None:
    paragraph = _paragraph(document, text, TITLE_FONT, TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    paragraph.paragraph_format.line_spacing = Pt(36)


def _saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class Reader:
    """Who a paper is printed for: what it mentions of other records is what that account may see, its
    free text masked as on screen (access.mentioned, privacy.free_text), or for everyone when the paper
    goes to masked readers whoever prints it (``masked``).  No user: the office, in full."""

    def __init__(self, user=None, masked: bool = False):
        self.user, self.masked = user, masked

    def text(self, text: str | None, record=None) -> str:
        """Free text of ``record`` (its complainants' names are masked too)."""
        if not text or not (self.masked or self.user is not None and not access.sees_personal_data(self.user)):
            return text or ""
        return privacy.mask_text(text, privacy.complainants(record) if record is not None else ())

    def sees(self, records: list) -> tuple[list, int]:
        return (records, 0) if self.user is None else access.mentioned(self.user, records)

    def case(self, case) -> str:
        if not self.sees([case])[0]:
            return gettext("(linked; you may not open it)")
        return f"{case.number} {self.text(case.title, case)}"


def slip_document(slip: Slip, reader: Reader = Reader()) -> bytes:
    """跟踪督办单 (annex 3 of the notice): number, case, responsible unit, what is required, deadline,
    the unit's answer and the office's review."""
    document = _official(gettext("Yulin 12345 hotline rapid-linkage tracking and supervision slip"), slip.number)
    rows = [
        (gettext("Case"), reader.case(slip.case)),
        (gettext("Responsible unit"), slip.unit.name),
        (gettext("Requirement"), reader.text(slip.requirement, slip)),
        (gettext("Deadline"), long_date(slip.deadline)),
        (gettext("Issued at"), long_date(slip.issued_at.date())),
        *[(label, reader.text(value, slip)) for label, value in _answer_rows(slip)],
        # A code's label is a lazy string, which str.join refuses.
        (gettext("Review"), "；".join(part for part in (str(slip.review or ""), reader.text(slip.review_reason, slip))
                                     if part)),
    ]
    table = document.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row, (label, value) in zip(table.rows, rows):
        row.cells[0].width, row.cells[1].width = Mm(35), Mm(121)
        for cell, text, bold in ((row.cells[0], label, True), (row.cells[1], value, False)):
            cell.paragraphs[0].paragraph_format.first_line_indent = None
            _run(cell.paragraphs[0], text, BODY_FONT, Pt(14), bold)
    _signature(document, slip.issued_at.date())
    return _saved(document)


def _answer_rows(slip: Slip) -> list[tuple[str, str]]:
    """The unit's answer as submitted (notice, part 五(二)(三)); a draft is not the unit's answer yet."""
    if slip.feedback_at is None:
        return [(gettext("Feedback"), "")]
    rows = [(gettext("Complaint verified"), str(slip.verified or "")),
            (gettext("Rectification done or planned"), slip.rectification or ""),
            (gettext("Rectification time limit"), long_date(slip.rectify_by) if slip.rectify_by else ""),
            (gettext("Policy explained to the citizen"), slip.policy_explanation or ""),
            (gettext("Root cause found"), slip.root_cause or ""),
            (gettext("Similar cases dealt with"), slip.similar_cases or ""),
            (gettext("Feedback"), slip.feedback or ""),
            (gettext("Feedback at"), long_date(slip.feedback_at.date()))]
    return [(label, value) for label, value in rows if value]


def _heading(document, text: str) -> None:
    _paragraph(document, text, HEADING_FONT, BODY_SIZE)


def _official(title: str, number: str):
    document = Document()
    _page(document)
    _declare_alternatives(document)
    _title(document, title)
    _paragraph(document, number, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _paragraph(document, "")
    return document


def _signature(document, day: date) -> None:
    _paragraph(document, "")
    _paragraph(document, gettext("Office of the Yulin 12345 hotline rapid-linkage coordination working group"),
               align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _paragraph(document, long_date(day), align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)


def _clause(text: str | None) -> str:
    """Text to be followed by our own punctuation: without the full stop or comma it may end with."""
    return (text or "").strip().rstrip("。．.，,；;：: ")


def minutes_document(meeting: Meeting, reader: Reader = Reader()) -> bytes:
    """会议纪要: when, where, who, what was decided (lead unit, co-units, measures, deadline), the minutes."""
    document = _official(gettext("Minutes of the Yulin 12345 hotline rapid-linkage coordination meeting"),
                         meeting.number)
    facts = [
        (gettext("Held at"), long_datetime(meeting.held_at)),
        (gettext("Place"), meeting.place or ""),
        (gettext("Convener"), meeting.convener.name if meeting.convener else ""),
        (gettext("Attending units"), "、".join(unit.name for unit in meeting.units)),
        (gettext("Attending members"), "、".join(member.name for member in meeting.members)),
    ]
    for label, value in facts:
        if value:  # a line with nothing after it reads as a form left unfilled
            _paragraph(document, f"{label}：{value}")
    _heading(document, gettext("1. Decisions"))
    cases, hidden = reader.sees([decision.case for decision in meeting.decisions])
    decisions = [decision for decision in meeting.decisions if decision.case in cases]
    for number, decision in enumerate(decisions, start=1):
        helpers = "、".join(unit.name for unit in decision.co_units)
        text = gettext("(%(n)d) %(case)s: led by %(lead)s%(helpers)s; %(measures)s; to be finished by %(deadline)s.",
                       n=number, case=reader.case(decision.case), lead=decision.lead_unit.name,
                       helpers=gettext(", with %(units)s", units=helpers) if helpers else "",
                       measures=_clause(reader.text(decision.measures, decision)),
                       deadline=long_date(decision.deadline) if decision.deadline else "")
        _paragraph(document, text)
    if hidden:
        _paragraph(document, gettext("%(count)d more decision(s) concern cases of other units and are not shown here.",
                                     count=hidden))
    _heading(document, gettext("2. Record of the meeting"))
    for line in _lines(reader.text(meeting.minutes, meeting)):
        _paragraph(document, line)
    _signature(document, meeting.held_at.date())
    return _saved(document)


def report_document(case: Case, today: date, reader: Reader = Reader(masked=True)) -> bytes:
    """专报 / 一事一报 to the city leaders: the problem, how it was handled, where it stands.  Goes
    outside the office, so it names no complainant."""
    form = case.report_form.label if case.report_form else gettext("Special report")
    document = _official(gettext("Yulin 12345 hotline: %(form)s on a difficult case", form=form), case.number)
    contacts = sorted(case.contacts, key=lambda contact: contact.received_at)
    _heading(document, gettext("1. The problem"))
    title, summary = reader.text(case.title, case), reader.text(case.summary, case)
    summary = summary if _clause(summary) != _clause(title) else ""
    _paragraph(document, "".join(_clause(part) + "。" for part in (title, summary) if _clause(part)))
    if contacts:
        first, last = contacts[0].received_at.date(), contacts[-1].received_at.date()
        channels = "、".join(sorted({str(contact.channel.label) for contact in contacts}))
        _paragraph(document, gettext("Citizens called %(count)d times on %(day)s, through %(channels)s.",
                                     count=len(contacts), day=long_date(first), channels=channels) if first == last
                   else gettext("Citizens called %(count)d times between %(first)s and %(last)s, through "
                                "%(channels)s.", count=len(contacts), first=long_date(first), last=long_date(last),
                                channels=channels))
    if case.categories:
        _paragraph(document, gettext("Categories: %(names)s.",
                                     names="、".join(str(category.code.label) for category in case.categories)))
    _heading(document, gettext("2. How it was handled"))
    for event in case.events:
        _paragraph(document, f"{long_date(event.at.date())}，{event.action.label}" + (f"：{reader.text(event.reason, case)}" if event.reason else "。"))
    _heading(document, gettext("3. Where it stands"))
    standing = [gettext("State: %(status)s.", status=case.status.label),
                gettext("Lead unit: %(lead)s.", lead=case.lead_unit.name) if case.lead_unit else "",
                gettext("Deadline: %(deadline)s.", deadline=long_date(case.deadline)) if case.deadline else "",
                gettext("Level: %(level)s.", level=case.level.label)]
    _paragraph(document, "".join(standing))
    if case.leader_instruction:
        _paragraph(document, gettext("Leader's instruction: %(text)s", text=reader.text(case.leader_instruction, case)))
    _signature(document, today)
    return _saved(document)


def bulletin_document(bulletin: Bulletin, today: date) -> bytes:
    """通报: the office's wording, then the ranking table it was generated with (assessment.py)."""
    document = _official(bulletin.title, "")
    for line in _lines(bulletin.body):
        (_heading if HEADING.match(line) else _paragraph)(document, line)
    if bulletin.figures:
        _paragraph(document, "")
        _heading(document, gettext("Attachment: figures and ranking of the units"))
        labels = assessment.table_labels()
        table = document.add_table(rows=1 + len(bulletin.figures), cols=len(assessment.TABLE))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for index, (name, _) in enumerate(assessment.TABLE):
            _cell(table.rows[0].cells[index], labels[name], bold=True)
            for row, values in zip(table.rows[1:], bulletin.figures):
                _cell(row.cells[index], str(values[name]))
    _signature(document, bulletin.published_at.date() if bulletin.published_at else today)
    return _saved(document)


def _cell(cell, text: str, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.first_line_indent = None
    paragraph.paragraph_format.line_spacing = Pt(14)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, text, BODY_FONT, Pt(9), bold)
