"""Loading the roster of annex 1 (seed/members.yaml): idempotent, reports what it changed."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from .models import GroupRole, Member, Place, PlaceLevel, Unit, UnitKind, db

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


def read_places(path: str) -> list[tuple[str, str, str]]:
    """The rows of seed/places.tsv: (county, town, village), village empty for a town without any."""
    with open(path, encoding="utf-8") as handle:
        lines = [line.rstrip("\n").split("\t") for line in handle if line.strip() and not line.startswith("#")]
    return [tuple((row + ["", ""])[:3]) for row in lines[1:]]


def load_places(rows: list[tuple[str, str, str]]) -> int:
    """Add the divisions the database does not have yet, a level at a time; names and aliases the
    office edited are kept.  Returns how many places were added."""
    known = {(place.parent_id, place.name): place for place in db.session.scalars(db.select(Place))}
    added = 0
    levels = ((PlaceLevel.county, lambda row: row[:1]), (PlaceLevel.town, lambda row: row[:2]),
              (PlaceLevel.village, lambda row: row[:3] if row[2] else ()))
    by_path: dict[tuple, Place] = {}
    for place in known.values():
        path, up = (place.name,), place
        while up.parent_id is not None:
            up = up.parent
            path = (up.name, *path)
        by_path[path] = place
    for level, path_of in levels:
        for path in sorted({path_of(row) for row in rows} - {()}):
            if path not in by_path:
                parent = by_path[path[:-1]] if len(path) > 1 else None
                by_path[path] = Place(name=path[-1], level=level, parent=parent)
                db.session.add(by_path[path])
                added += 1
        db.session.flush()
    return added
