"""The audit trail: who created, changed or deleted what, who logged in, who read personal data.

Every write is caught at the session's flush, so screens, the API, commands and jobs are all
audited without remembering to.  The actor is the account of the request (session or API
token), or nobody (a command or a background job).
"""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from flask import g, has_request_context, request
from flask_login import current_user

from .models import AuditAction, AuditLog, NumberSequence, db, now_local

NOT_AUDITED = (AuditLog, NumberSequence)
SECRET_FIELDS = {"password_hash", "token_hash", "session_token"}


def _actor():
    if has_request_context():
        if getattr(g, "api_user", None) is not None:  # an API call with a token
            return g.api_user
        if current_user and current_user.is_authenticated:
            return current_user
    return None


def _plain(value):
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set)):
        items = [_plain(item) for item in value]
        try:
            return sorted(items)  # a collection of rows reads the same whatever order it was loaded in
        except TypeError:  # a JSON list of objects keeps its own order
            return items
    if isinstance(value, db.Model):
        return getattr(value, "id", None)
    return value


def _entry(action: AuditAction, model: str | None = None, record_id=None, changes=None, detail=None,
           username: str | None = None) -> dict:
    user = _actor()
    return {
        "at": now_local(),
        "user_id": user.id if user is not None else None,
        "username": user.username if user is not None else username,
        "role": user.role.value if user is not None else None,
        "action": action.value,
        "model": model,
        "record_id": None if record_id is None else str(record_id)[:50],
        "changes": changes,
        "address": request.remote_addr if has_request_context() else None,
        "detail": detail,
    }


def record(action: AuditAction, model: str | None = None, record_id=None, changes=None, detail=None,
           username: str | None = None) -> None:
    """Write one entry now, in its own transaction, whatever becomes of the caller's."""
    entry = _entry(action, model, record_id, changes, detail, username)
    with db.engine.begin() as connection:
        connection.execute(sa.insert(AuditLog.__table__).values(**entry))


def record_in_transaction(action: AuditAction, model: str | None = None, record_id=None, changes=None,
                          detail=None) -> None:
    """Write one entry in the caller's transaction: it stands or falls with the change it describes."""
    db.session.execute(sa.insert(AuditLog.__table__).values(**_entry(action, model, record_id, changes, detail)))


def _changes(instance, action: AuditAction) -> dict:
    """Column and many-to-many changes as {field: [before, after]}; secrets only as "changed"."""
    state = sa.inspect(instance)
    changes = {}
    for attribute in state.mapper.column_attrs:
        history = state.attrs[attribute.key].history
        before = history.deleted[0] if history.deleted else None
        after = history.added[0] if history.added else (history.unchanged[0] if history.unchanged else None)
        if action == AuditAction.update and not history.has_changes():
            continue
        if action == AuditAction.delete:
            before, after = (history.unchanged or history.deleted or [None])[0], None
        if attribute.key in SECRET_FIELDS:
            changes[attribute.key] = ["***", "***"] if action == AuditAction.update else "***"
            continue
        changes[attribute.key] = [_plain(before), _plain(after)]
    for relationship in state.mapper.relationships:
        if relationship.secondary is None:
            continue
        history = state.attrs[relationship.key].history
        if history.has_changes() or action != AuditAction.update:
            current = list(history.unchanged) + list(history.added)
            previous = list(history.unchanged) + list(history.deleted)
            changes[relationship.key] = [_plain(previous), _plain(current)]
    return changes


def _after_flush(session, flush_context) -> None:
    entries = []
    for action, instances in ((AuditAction.create, session.new), (AuditAction.update, session.dirty),
                              (AuditAction.delete, session.deleted)):
        for instance in instances:
            if isinstance(instance, NOT_AUDITED) or not isinstance(instance, db.Model):
                continue
            if action == AuditAction.update and not session.is_modified(instance):
                continue
            key = sa.inspect(instance).mapper.primary_key_from_instance(instance)
            entries.append(_entry(action, type(instance).__name__, key[0], _changes(instance, action)))
    if entries:
        session.connection().execute(sa.insert(AuditLog.__table__), entries)


def install() -> None:
    """Audit every flush of every session (idempotent)."""
    if not sa.event.contains(sa.orm.Session, "after_flush", _after_flush):
        sa.event.listen(sa.orm.Session, "after_flush", _after_flush)
