"""Loading the roster of annex 1 (seed/members.yaml): idempotent, reports what it changed."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from .models import GroupRole, Member, Unit, UnitKind, db

UNIT_FIELDS = ("short_name", "kind")
MEMBER_FIELDS = ("position", "group_role")


@dataclass
class Change:
    action: str  # "added" or "changed"
    kind: str  # "unit" or "member"
    name: str
    fields: tuple[str, ...] = ()


def read_roster(path: str) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _apply(row, wanted: dict, fields: tuple[str, ...]) -> tuple[str, ...]:
    changed = tuple(field for field in fields if getattr(row, field) != wanted[field])
    for field in changed:
        setattr(row, field, wanted[field])
    return changed


def load_roster(roster: dict) -> list[Change]:
    """Bring units and members in line with the roster; contact details typed in later are kept."""
    changes: list[Change] = []
    units = {unit.name: unit for unit in db.session.scalars(db.select(Unit))}
    for order, entry in enumerate(roster["units"], start=1):
        wanted = {"short_name": entry.get("short_name"), "kind": UnitKind(entry["kind"])}
        unit = units.get(entry["name"])
        if unit is None:
            unit = units[entry["name"]] = Unit(name=entry["name"], sort_order=order, **wanted)
            db.session.add(unit)
            changes.append(Change("added", "unit", unit.name))
        elif changed := _apply(unit, wanted, UNIT_FIELDS):
            changes.append(Change("changed", "unit", unit.name, changed))
    db.session.flush()

    members = {(member.unit_id, member.name): member for member in db.session.scalars(db.select(Member))}
    for order, entry in enumerate(roster["members"], start=1):
        unit = units[entry["unit"]]
        wanted = {"position": entry["position"], "group_role": GroupRole(entry["group_role"])}
        member = members.get((unit.id, entry["name"]))
        label = f"{entry['name']}（{unit.name}）"
        if member is None:
            db.session.add(Member(name=entry["name"], unit=unit, sort_order=order, **wanted))
            changes.append(Change("added", "member", label))
        elif changed := _apply(member, wanted, MEMBER_FIELDS):
            changes.append(Change("changed", "member", label, changed))
    return changes
