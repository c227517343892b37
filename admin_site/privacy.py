"""Complainants' personal data, masked for every role but the office and the hotline centre
(DOMAIN.md §8): 张*, 138****1234, 玉州区人民东路****."""

from __future__ import annotations

import re
from collections.abc import Iterable

import sqlalchemy as sa
from flask import g

from .access import sees_personal_data
from .models import Case, CaseEvent, CitizenContact, Contact, Decision, Meeting, SiteVisit, Slip, db

PERSONAL_FIELDS = ("complainant_name", "phone", "address")
MASK = "****"


def mask_name(name: str) -> str:
    return name[0] + "*" * (len(name) - 1) if name else name


def mask_phone(phone: str) -> str:
    """Keep the first three and the last four characters: 138****1234, 077****4567."""
    if not phone:
        return phone
    if len(phone) <= 7:
        return phone[:1] + "*" * (len(phone) - 1)
    return phone[:3] + MASK + phone[-4:]


def mask_address(address: str) -> str:
    """Keep about the district and road (the first third, 2 to 8 characters) and hide the rest."""
    if not address:
        return address
    keep = max(2, min(8, len(address) // 3))
    return address[:keep] + MASK


MASKERS = {"complainant_name": mask_name, "phone": mask_phone, "address": mask_address}


def shown(user, field: str, value: str | None) -> str | None:
    """A contact's field as this account may see it."""
    if field not in MASKERS or value is None or sees_personal_data(user):
        return value
    return MASKERS[field](value)


# Text people write freely (a complaint, a note, a slip's answer, a case's title) in which a
# complainant's phone, ID number, name or home turns up; masked roles read it through free_text.
FREE_TEXT = {
    Contact: ("content", "result"),
    Case: ("title", "summary", "leader_instruction", "follow_up_result"),
    CaseEvent: ("reason",),
    Slip: ("requirement", "feedback", "review_reason", "follow_up_result", "rectification", "policy_explanation",
           "root_cause", "similar_cases"),
    CitizenContact: ("note",),
    SiteVisit: ("findings",),
    Meeting: ("title", "minutes"),
    Decision: ("measures",),
}

MOBILE = re.compile(r"(?<!\d)1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?!\d)")
LANDLINE = re.compile(r"(?<!\d)0\d{2,3}[-－—\s]?\d{7,8}(?!\d)")
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
# A house, building or room number: 85号, 3栋2单元502室, 教育中路56 (a number right after the road), or
# digits a shortened text ends in (…单元5…); not a document's number (督办〔2026〕2号).
HOME_NUMBER = re.compile(r"(?<=[路街巷道弄])\d+(?:[-－之]\d+)?"
                         r"|(?<![〕\d])\d+(?:[-－之]\d+)?(?=\s*(?:号|栋|幢|单元|室|房|层|楼|#)|…)")


def mask_text(text: str, names: Iterable[str] = ()) -> str:
    """Free text with phone and ID numbers, house and room numbers and these names masked."""
    text = ID_NUMBER.sub(lambda found: mask_phone(found.group()), text)
    text = MOBILE.sub(lambda found: mask_phone(re.sub(r"\D", "", found.group())), text)
    text = LANDLINE.sub(lambda found: mask_phone(found.group()), text)
    text = HOME_NUMBER.sub(lambda found: "*" * len(found.group()), text)
    for name in sorted({name.strip() for name in names if name and len(name.strip()) >= 2}, key=len, reverse=True):
        text = text.replace(name, mask_name(name))
    return text


def free_text(user, text: str | None, names: Iterable[str] = ()) -> str | None:
    """Free text as this account may read it: whole for the office and the hotline, masked for others."""
    if not text or sees_personal_data(user):
        return text
    return mask_text(text, names)


def masked_search(model, columns, search: str):
    """What a masked account's search asks for: each word in a column it may be looked for in, and
    never through a complainant's name.  Personal fields are never searched; free text only for words
    without digits, since a hit would tell the digits the screen masks (a phone, an ID, a room)."""
    free = set(FREE_TEXT.get(model, ()))
    conditions = []
    for word in search.split():
        usable = [column for column in columns if column.key not in PERSONAL_FIELDS
                  and (column.key not in free or not any(character.isdigit() for character in word))]
        found = sa.or_(*(column.icontains(word, autoescape=True) for column in usable)) if usable else sa.false()
        conditions.append(sa.and_(found, _not_a_complainant(model, word)))
    return sa.and_(sa.true(), *conditions)


def _not_a_complainant(model, word: str):
    """The rows whose complainants' names do not hold ``word`` (a hit on a name would confirm it)."""
    if model is Contact:
        return sa.not_(sa.func.coalesce(Contact.complainant_name, "").icontains(word, autoescape=True))
    case_id = model.id if model is Case else getattr(model, "case_id", None)
    if case_id is None:
        return sa.true()
    return ~sa.exists().where(Contact.case_id == case_id, Contact.complainant_name.icontains(word, autoescape=True))


def complainants(record) -> tuple[str, ...]:
    """The complainants' names a record's free text may name: a contact's own, a case's contacts'."""
    if isinstance(record, Contact):
        return (record.complainant_name,) if record.complainant_name else ()
    if isinstance(record, Meeting):  # its minutes and title speak of the cases it discussed
        return tuple(name for case in record.cases for name in case_complainants(case.id))
    return case_complainants(_case_id(record))


def _case_id(record) -> int | None:
    return record.id if isinstance(record, Case) else getattr(record, "case_id", None)


def case_complainants(case_id: int | None) -> tuple[str, ...]:
    """The names of a case's complainants (asked once per request for each case)."""
    if case_id is None:
        return ()
    remember_complainants([case_id])
    return g.complainants[case_id]


def remember_complainants(case_ids) -> None:
    """Ask for the complainants of these cases in one query per thousand cases (a list or an export
    asks for all its rows at once, not row by row)."""
    known = g.setdefault("complainants", {})
    unknown = sorted({case_id for case_id in case_ids if case_id is not None} - known.keys())
    for start in range(0, len(unknown), 1000):
        chunk = unknown[start:start + 1000]
        names = {case_id: set() for case_id in chunk}
        for case_id, name in db.session.execute(sa.select(Contact.case_id, Contact.complainant_name)
                                                .where(Contact.case_id.in_(chunk), Contact.complainant_name != "")):
            names[case_id].add(name)
        known.update((case_id, tuple(sorted(found))) for case_id, found in names.items())


def remember_complainants_of(records) -> None:
    remember_complainants(_case_id(record) for record in records if not isinstance(record, Contact))
