"""Importing the 12345 platform's work-order export (INTERFACES.md): CSV (UTF-8 with or without BOM,
or GBK) and XLSX, and the same records pushed through the API.  All or nothing: a file with any bad
row is reported row by row and column by column, and nothing of it is stored.  A work-order number
already stored updates that contact.
"""

from __future__ import annotations

import csv
import difflib
import enum
import io
import re
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext

from . import audit, bulk, normalize, places, rules
from .models import (
    AuditAction,
    Channel,
    Contact,
    Satisfaction,
    Unit,
    UnitKind,
    contact_return_units,
    contact_transfer_units,
    db,
    now_local,
)

# Our field -> the headers the platform uses for it (first is the canonical one).
HEADERS = {
    "work_order": ("工单编号", "工单号"),
    "channel": ("来源渠道", "渠道", "来源"),
    "received_at": ("受理时间", "来电时间", "登记时间"),
    "name": ("诉求人", "来电人", "姓名"),
    "phone": ("联系电话", "来电号码", "电话"),
    "address": ("诉求地址", "事发地址", "地址"),
    "content": ("诉求内容", "内容"),
    "units": ("承办单位", "办理单位"),
    "returned_by": ("退回单位", "退单单位"),
    "result": ("办理结果", "答复内容"),
    "satisfaction": ("满意度", "回访满意度"),
}
REQUIRED = ("work_order", "channel", "received_at", "content")
MAX_LENGTH = {"work_order": 64, "name": 100, "phone": 50, "address": 500, "content": 20000, "result": 20000}
MAX_CELL_BYTES = 1 << 20

CHANNELS = {
    Channel.phone: ("电话", "热线", "热线电话", "12345", "来电", "电话来电"),
    Channel.web: ("网站", "网页", "网上", "门户网站", "政府网站", "网站留言", "网络"),
    Channel.wechat: ("微信", "公众号", "微信公众号"),
    Channel.app: ("移动客户端", "app", "手机app", "客户端", "手机客户端", "小程序", "微信小程序", "app客户端"),
    Channel.other: ("其他", "其它"),
}
CHANNEL_OF = {spelling: channel for channel, spellings in CHANNELS.items() for spelling in spellings}
CHANNEL_OF.update({channel.value: channel for channel in Channel})
SATISFACTION_OF = {"满意": Satisfaction.satisfied, "基本满意": Satisfaction.basically,
                   "不满意": Satisfaction.dissatisfied, "未回访": Satisfaction.not_visited, "": Satisfaction.not_visited}
SATISFACTION_OF.update({value.value: value for value in Satisfaction})
UNIT_SEPARATORS = re.compile(r"[；;、,，]")


@dataclass
class Problem:
    row: int  # the line in the file (the header is line 1), or the item number in an API list
    column: str
    message: str

    def __str__(self) -> str:
        return gettext("Row %(row)d, %(column)s: %(message)s", row=self.row, column=self.column,
                       message=self.message)


@dataclass
class Report:
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    contact_ids: list[int] = field(default_factory=list)
    added_units: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def problem(self, row: int, key: str, message: str, warning: bool = False) -> None:
        (self.warnings if warning else self.errors).append(Problem(row, HEADERS[key][0], message))


class BadFile(Exception):
    """The file as a whole cannot be read (encoding, format, empty, missing columns)."""


def read_file(data: bytes, filename: str) -> tuple[list[str], list[list]]:
    """The header row and the data rows of a CSV or XLSX file."""
    if filename.lower().endswith(".xlsx"):
        return _read_xlsx(data)
    return _read_csv(data)


def _read_xlsx(data: bytes):
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise BadFile(gettext("The file is not a readable Excel (.xlsx) workbook.")) from exc
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    while rows and not any(cell not in (None, "") for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise BadFile(gettext("The file is empty."))
    return [str(cell or "").strip() for cell in rows[0]], rows[1:]


def _read_csv(data: bytes):
    if not data.strip(b"\xef\xbb\xbf \r\n\t"):
        raise BadFile(gettext("The file is empty."))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = "\x00"
    if "\x00" in text:
        raise BadFile(gettext("The file's encoding is not recognised: save it as CSV in UTF-8 or GBK, or as XLSX."))
    csv.field_size_limit(MAX_CELL_BYTES * 16)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = [row for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        raise BadFile(gettext("Line %(line)d cannot be read as CSV.", line=reader.line_num)) from exc
    return [cell.strip() for cell in rows[0]], rows[1:]


def column_positions(header: list[str]) -> dict[str, int]:
    """Where each of our fields is in the file; BadFile names every required column that is missing."""
    positions = {}
    for key, names in HEADERS.items():
        for name in names:
            if name in header:
                positions[key] = header.index(name)
                break
    missing = [HEADERS[key][0] for key in REQUIRED if key not in positions]
    if missing:
        raise BadFile(gettext("Required columns are missing: %(columns)s.", columns="、".join(missing)))
    return positions


def records_from_rows(header: list[str], rows: list[list]) -> list[dict]:
    positions = column_positions(header)
    records = []
    for row in rows:
        record = {}
        for key, position in positions.items():
            value = row[position] if position < len(row) else None
            record[key] = value
        records.append(record)
    return records


class UnitNames:
    """Resolving unit names as the platform writes them, with suggestions for unknown ones."""

    def __init__(self):
        units = db.session.execute(sa.select(Unit.id, Unit.name, Unit.short_name)).all()
        self.ids = {}
        for unit_id, name, short_name in units:
            self.ids[name] = unit_id
            if short_name:
                self.ids.setdefault(short_name, unit_id)
        self.added: list[str] = []

    def resolve(self, name: str, add: bool) -> int | None:
        if name in self.ids:
            return self.ids[name]
        if add:
            self.ids[name] = None  # created when storing
            self.added.append(name)
            return None
        raise KeyError(name)

    def suggestions(self, name: str) -> str:
        close = difflib.get_close_matches(name, list(self.ids), n=3, cutoff=0.4)
        return "、".join(close)


def _text(value) -> str:
    """A cell as stored text: a whole number without ".0", one kind of line end, no control characters."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize.plain_text(str(value)).strip()


_WHEN = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?")


def _when(value) -> datetime | None:
    """YYYY-MM-DD HH:MM[:SS] or with slashes, or a spreadsheet's own date-time."""
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    text = _text(value).replace("/", "-")
    try:
        if _WHEN.fullmatch(text):
            return datetime.fromisoformat(text)
        for date_format in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"):  # digits written without leading zeros
            try:
                return datetime.strptime(text, date_format)
            except ValueError:
                continue
    except ValueError:
        pass
    return None


def validate(records: list[dict], first_row: int = 2, add_units: bool = False,
             progress=None) -> tuple[list[dict], Report]:
    """Check and convert raw records; the report lists every problem, row by row."""
    report = Report(rows=len(records))
    units = UnitNames()
    seen: dict[str, int] = {}
    hash_key = current_app.config["PHONE_HASH_KEY"].encode()
    clean = []
    problem = report.problem
    resolved_units: dict[str, list] = {}
    for number, record in enumerate(records, start=first_row):
        values = {key: _text(record.get(key)) for key in HEADERS if key not in ("units", "returned_by")}
        for key, limit in MAX_LENGTH.items():
            if len(values[key]) > limit:
                problem(number, key, gettext("too long (%(length)d characters; at most %(limit)d).",
                                             length=len(values[key]), limit=limit))
                values[key] = values[key][:limit]
        for key in REQUIRED:
            if not values[key]:
                problem(number, key, gettext("must not be empty."))
        work_order = values["work_order"]
        if work_order in seen:
            problem(number, "work_order", gettext("the number %(number)s is already on row %(row)d.",
                                                  number=work_order, row=seen[work_order]))
        seen.setdefault(work_order, number)
        channel = CHANNEL_OF.get(values["channel"].lower().replace(" ", ""))
        if channel is None and values["channel"]:
            channel = Channel.other
            problem(number, "channel", gettext("%(value)s is not a known channel; stored as Other.",
                                               value=values["channel"]), warning=True)
        received_at = _when(record.get("received_at"))
        if received_at is None and values["received_at"]:
            problem(number, "received_at", gettext("%(value)s is not a time like 2026-03-01 09:30.",
                                                   value=values["received_at"]))
        satisfaction = SATISFACTION_OF.get(values["satisfaction"])
        if satisfaction is None:
            problem(number, "satisfaction", gettext("%(value)s is not one of 满意, 基本满意, 不满意, 未回访.",
                                                    value=values["satisfaction"]))
        unit_lists = {}
        for key in ("units", "returned_by"):
            raw = record.get(key)
            cache_key = raw if isinstance(raw, str) else None
            if cache_key in resolved_units:
                unit_lists[key] = resolved_units[cache_key]
                continue
            names = raw if isinstance(raw, list) else UNIT_SEPARATORS.split(_text(raw))
            resolved, failed = [], False
            for name in (_text(name) for name in names):
                if not name:
                    continue
                try:
                    resolved.append((name, units.resolve(name, add_units)))
                except KeyError:
                    failed = True
                    hint = units.suggestions(name)
                    problem(number, key, gettext("unknown unit %(name)s; did you mean: %(hint)s?", name=name,
                                                 hint=hint) if hint else gettext("unknown unit %(name)s.", name=name))
            if cache_key is not None and not failed:
                resolved_units[cache_key] = resolved
            unit_lists[key] = resolved
        clean.append({
            "work_order": work_order, "channel": channel, "received_at": received_at,
            "complainant_name": values["name"] or None, "phone": values["phone"] or None,
            "address": values["address"] or None, "content": values["content"], "result": values["result"] or None,
            "satisfaction": satisfaction, "units": unit_lists["units"], "returned_by": unit_lists["returned_by"],
        })
    texts = [(record["phone"], record["address"], record["content"]) for record in clean]
    for record, keys in zip(clean, normalize.matching_keys_of(texts, hash_key, places.gazetteer(), progress)):
        record.update(keys)
    report.added_units = units.added
    return clean, report


COLUMNS = ("work_order", "channel", "received_at", "complainant_name", "phone", "address", "content", "result",
           "satisfaction", "phone_hash", "place_key", "place", "county", "address_county", "thing", "topic")


def store(clean: list[dict], report: Report) -> None:
    """Insert or update the contacts and their units in the caller's transaction."""
    unit_ids = _create_missing_units(report.added_units)
    links = [(record["work_order"], unit_id or unit_ids[name], kind)
             for record in clean for kind in ("units", "returned_by") for name, unit_id in record[kind]]
    if db.session.get_bind().dialect.name == "postgresql":
        ids, created = _store_postgresql(clean, links)
    else:
        ids, created = _store_portable(clean, links)
    report.created = created
    report.updated = len(ids) - created
    report.contact_ids = list(ids.values())
    # Bulk statements bypass the per-row audit: one entry says what the import did.
    audit.record_in_transaction(AuditAction.create, "Contact", detail=gettext(
        "Import: %(rows)d rows, %(created)d new, %(updated)d updated", rows=report.rows,
        created=report.created, updated=report.updated))


def _row(record: dict) -> tuple:
    return tuple(value.value if isinstance(value, enum.Enum) else value
                 for value in (record[column] for column in COLUMNS))


def _store_postgresql(clean: list[dict], links: list) -> tuple[dict[str, int], int]:
    """COPY into temporary tables, then one upsert: the only way to tens of thousands of rows a second."""
    cursor = db.session.connection().connection.driver_connection.cursor()
    cursor.execute("CREATE TEMP TABLE import_contacts (work_order text, channel text, received_at timestamp, "
                   "complainant_name text, phone text, address text, content text, result text, "
                   "satisfaction text, phone_hash text, place_key text, place text, county text, address_county text, "
                   "thing text, topic text) ON COMMIT DROP")
    cursor.execute("CREATE TEMP TABLE import_links (work_order text, unit_id integer, kind text) ON COMMIT DROP")
    with cursor.copy(f"COPY import_contacts ({', '.join(COLUMNS)}) FROM STDIN") as copy:
        for record in clean:
            copy.write_row(_row(record))
    with cursor.copy("COPY import_links FROM STDIN") as copy:
        for link in links:
            copy.write_row(link)
    updates = ", ".join(f"{column} = EXCLUDED.{column}" for column in COLUMNS[1:])
    cursor.execute(
        f"INSERT INTO contacts ({', '.join(COLUMNS)}, created_at, updated_at) "
        f"SELECT {', '.join(COLUMNS)}, %(now)s, %(now)s FROM import_contacts "
        f"ON CONFLICT (work_order) DO UPDATE SET {updates}, updated_at = EXCLUDED.updated_at "
        "RETURNING id, work_order, xmax = 0", {"now": now_local()})
    ids, created = {}, 0
    for contact_id, work_order, inserted in cursor.fetchall():
        ids[work_order] = contact_id
        created += inserted
    for table, kind in (("contact_transfer_units", "units"), ("contact_return_units", "returned_by")):
        cursor.execute(f"DELETE FROM {table} USING contacts c, import_contacts i "
                       f"WHERE {table}.contact_id = c.id AND c.work_order = i.work_order")
        cursor.execute(f"INSERT INTO {table} (contact_id, unit_id) SELECT DISTINCT c.id, l.unit_id "
                       "FROM import_links l JOIN contacts c ON c.work_order = l.work_order WHERE l.kind = %s",
                       (kind,))
    cursor.execute("DROP TABLE import_contacts, import_links")
    return ids, created


def _store_portable(clean: list[dict], links: list) -> tuple[dict[str, int], int]:
    """The same upsert for SQLite: executemany without RETURNING, then the ids by number."""
    orders = [record["work_order"] for record in clean]
    existing = set()
    for start in range(0, len(orders), 5000):
        existing.update(db.session.scalars(sa.select(Contact.work_order)
                                           .where(Contact.work_order.in_(orders[start:start + 5000]))))
    table = Contact.__table__
    insert = sa.dialects.sqlite.insert(table)
    upsert = insert.on_conflict_do_update(
        index_elements=[table.c.work_order],
        set_={column: insert.excluded[column] for column in COLUMNS[1:]} | {"updated_at": insert.excluded.updated_at})
    now = now_local()
    db.session.execute(upsert, [{**{column: record[column] for column in COLUMNS}, "created_at": now,
                                 "updated_at": now} for record in clean])
    ids = {}
    for start in range(0, len(orders), 5000):
        ids.update(db.session.execute(sa.select(Contact.work_order, Contact.id)
                                      .where(Contact.work_order.in_(orders[start:start + 5000]))).all())
    contact_ids = list(ids.values())
    for link_table, kind in ((contact_transfer_units, "units"), (contact_return_units, "returned_by")):
        for start in range(0, len(contact_ids), 5000):
            db.session.execute(sa.delete(link_table)
                               .where(link_table.c.contact_id.in_(contact_ids[start:start + 5000])))
        rows = {(ids[order], unit_id) for order, unit_id, link_kind in links if link_kind == kind}
        if rows:
            db.session.execute(sa.insert(link_table), [{"contact_id": c, "unit_id": u} for c, u in rows])
    return ids, len(ids) - len(existing & set(ids))


def _create_missing_units(names: list[str]) -> dict[str, int]:
    created = {}
    for name in names:
        unit = Unit(name=name, kind=UnitKind.other, sort_order=1000)
        db.session.add(unit)
        db.session.flush()
        created[name] = unit.id
    return created


def import_records(records: list[dict], first_row: int = 2, add_units: bool = False, progress=None) -> Report:
    """Validate and, if nothing is wrong, store; the caller commits (or rolls back on errors)."""
    clean, report = validate(records, first_row, add_units, progress)
    if report.ok:
        store(clean, report)
    return report


def load_records(data: bytes, filename: str) -> list[dict]:
    """The rows of a work-order export as records; BadFile when the file itself cannot be used."""
    header, rows = read_file(data, filename)
    return records_from_rows(header, rows)


def import_file(data: bytes, filename: str, add_units: bool = False, progress=None) -> Report:
    """Read, check and store a work-order export; BadFile when the file itself cannot be used."""
    return import_records(load_records(data, filename), add_units=add_units, progress=progress)


def rekey() -> int:
    """Read every stored contact's matching keys again (normalize.matching_keys); returns how many."""
    hash_key = current_app.config["PHONE_HASH_KEY"].encode()
    gazetteer = places.gazetteer()
    columns = ("phone_hash", "place_key", "place", "county", "address_county", "thing", "topic")
    last, count = 0, 0
    while True:
        rows = db.session.execute(sa.select(Contact.id, Contact.phone, Contact.address, Contact.content)
                                  .where(Contact.id > last).order_by(Contact.id).limit(REKEY_BATCH)).all()
        if not rows:
            return count
        found = normalize.matching_keys_of([tuple(row[1:]) for row in rows], hash_key, gazetteer)
        keyed = [(row[0], *(keys[column] for column in columns)) for row, keys in zip(rows, found)]
        bulk.update_rows(Contact.__table__, ("id", *columns), keyed)
        last, count = rows[-1][0], count + len(rows)


REKEY_BATCH = 20000


def finish(report: Report) -> dict:
    """Keep a clean import, put its contacts into problem groups and apply the rules to those
    problems (returns their counts: new groups, proposed cases…), all in one transaction: an
    import whose grouping fails leaves nothing behind, whatever its size.  An import with errors
    is undone."""
    if not report.ok:
        db.session.rollback()
        return {}
    try:
        result = rules.absorb(report.contact_ids)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return result
