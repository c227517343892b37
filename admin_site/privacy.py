"""Complainants' personal data, masked for every role but the office and the hotline centre
(DOMAIN.md §8): 张*, 138****1234, 玉州区人民东路****."""

from __future__ import annotations

from .access import sees_personal_data

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
