"""The scoped base of every screen: who may see and do what (access.py) on every path into the rows,
Chinese labels for codes, forms that show what is stored, safe exports."""

from __future__ import annotations

import logging
from datetime import date, datetime
from enum import Enum
from urllib.parse import quote

import sqlalchemy as sa
from flask import (
    abort,
    current_app,
    flash,
    g,
    get_template_attribute,
    has_request_context,
    redirect,
    request,
    session,
    url_for,
)
from flask_admin import expose
from flask_admin.actions import action
from flask_admin.babel import lazy_gettext as admin_lazy_gettext
from flask_admin.contrib.sqla import ModelView
from flask_admin.contrib.sqla.ajax import QueryAjaxModelLoader
from flask_admin.contrib.sqla.form import AdminModelConverter, get_form
from flask_admin.form import Select2Field
from flask_admin.helpers import get_form_data
from flask_admin.model import template, typefmt
from flask_admin.model.form import converts
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.form import _Auto
from markupsafe import Markup
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Query, selectinload
from wtforms import PasswordField, StringField, ValidationError

from .. import access, audit, normalize, privacy, rules, workbooks, workflow
from ..jobs import queue_notifications
from ..models import (
    AuditAction,
    Case,
    LabeledEnum,
    Member,
    ProblemGroup,
    Unit,
    db,
    now_local,
)

log = logging.getLogger(__name__)


# Labels shared by many screens; each view adds its own.
COMMON_LABELS = {
    "id": _l("ID"),
    "name": _l("Name"),
    "unit": _l("Unit"),
    "phone": _l("Phone"),
    "email": _l("Email"),
    "address": _l("Address"),
    "active": _l("Active"),
    "sort_order": _l("Sort order"),
    "created_at": _l("Created at"),
    "updated_at": _l("Updated at"),
    "number": _l("Number"),
    "title": _l("Title"),
    "status": _l("Status"),
    "deadline": _l("Deadline"),
    "case": _l("Case"),
    "lead_unit": _l("Lead unit"),
    "co_units": _l("Co-units"),
    "follow_up_result": _l("Follow-up result"),
    "satisfaction": _l("Satisfaction"),
}


# Lists count at most this many rows: "1000+" (fifty pages) says enough, and counting a million
# rows on every page would be most of the page's time (Flask-Admin counts on every list page).
COUNT_CAP = 1000


class AtLeast(int):
    """A row count that stopped at COUNT_CAP: the pager computes with it, the page shows "1000+"."""

    def __str__(self) -> str:
        return f"{COUNT_CAP}+"


class CappedCount(Query):
    """The list's count query, with whatever search and filters Flask-Admin adds, counted up to the cap."""

    def scalar(self):
        rows = self.with_entities(sa.literal(1)).limit(COUNT_CAP + 1).subquery()
        count = self.session.scalar(sa.select(sa.func.count()).select_from(rows))
        return AtLeast(count) if count > COUNT_CAP else count


class ScopedLoader(QueryAjaxModelLoader):
    """An AJAX lookup that offers, and accepts, only rows the account may see, named as its screens
    name them (free text masked, searched as masked accounts may search)."""

    def get_query(self):
        return super().get_query().filter(access.visible(current_user, self.model))

    def get_list(self, term, offset=0, limit=10):
        if access.sees_personal_data(current_user):
            return super().get_list(term, offset, limit)
        return (self.get_query().filter(privacy.masked_search(self.model, self._cached_fields, term or ""))
                .order_by(self.model.id.desc()).offset(offset).limit(limit).all())

    def format(self, model):
        found = super().format(model)
        return found and (found[0], privacy.free_text(current_user, found[1], privacy.complainants(model)))

    def get_one(self, pk):
        if not valid_pk(pk):
            return None
        with db.session.no_autoflush:
            return self.get_query().filter(self.model.id == int(pk)).one_or_none()


def lookup(name: str, model, fields: tuple[str, ...], placeholder, minimum_input_length: int = 0):
    """A searchable AJAX lookup: relationship fields never load every row into a dropdown."""
    return ScopedLoader(name, db, model, fields=fields, placeholder=placeholder, page_size=10,
                        minimum_input_length=minimum_input_length)


def unit_lookup(name: str):
    return lookup(name, Unit, ("name", "short_name"), _l("Type a unit name"))


def case_lookup(name: str):
    return lookup(name, Case, ("number", "title"), _l("Type a case number or title"))


def member_lookup(name: str):
    return lookup(name, Member, ("name", "position"), _l("Type a member's name"))


def valid_pk(value) -> bool:
    """A row id as the database can take it: 1 to 2**63 - 1, digits only (no "1,2", "-1", "abc")."""
    text = str(value)
    return text.isascii() and text.isdigit() and 0 < int(text) < 2**63


def fragment(name: str, *args, **kwargs) -> Markup:
    """A piece of HTML drawn by the macro ``name`` of templates/admin/macros/fragments.html."""
    return get_template_attribute("admin/macros/fragments.html", name)(*args, **kwargs)


def searched_by(condition, query, count_query, joins, count_joins):
    """What a view's ``_apply_search`` returns for a search it words itself."""
    return query.filter(condition), count_query.filter(condition) if count_query is not None else None, joins, \
        count_joins


def level_badge(view, context, model, name):
    level = getattr(model, name)
    return "" if level is None else fragment("level_badge", level)


def linked_list(view, context, model, name):
    return "、".join(str(item) for item in getattr(model, name))


def scope_aware(formatter):
    """Mark a formatter of a related record that shows only what the account may see (access.mentioned)."""
    formatter.scope_aware = True
    return formatter


@scope_aware
def mentions(view, context, model, name) -> str:
    """A related record, or records, as far as the account may see them; the others are counted, not named."""
    for_the_page(context, ("mentions", name), lambda rows: view.ask_mentions(rows, [name]))
    value = getattr(model, name)
    records = list(value) if isinstance(value, (list, tuple, set)) else [value]
    shown, hidden = access.mentioned(current_user, records)
    return mention_text([privacy.free_text(current_user, str(record), privacy.complainants(record))
                         for record in shown], hidden,
                        many=isinstance(value, (list, tuple, set)))


def for_the_page(context, key, ask) -> None:
    """On a list page, ``ask(rows)`` once for all its rows, when the first cell that needs it is drawn
    (not once per cell); nothing on a record's page or in an export (``context`` None)."""
    page = context.resolve("data") if context is not None else None
    asked = g.setdefault("asked_for_page", set())
    if page and (id(page), key) not in asked:
        asked.add((id(page), key))
        ask(page)


def mention_text(names: list[str], hidden: int, many: bool = True) -> str:
    """Names of the records the account may see, and that others exist, without naming them."""
    text = "、".join(names)
    if not hidden:
        return text
    if not many:
        return gettext("(linked; you may not open it)")
    return gettext("%(shown)s (%(count)d more you may not open)", shown=text, count=hidden) if text \
        else gettext("(%(count)d you may not open)", count=hidden)


def scoped_relations(model) -> list[str]:
    """The model's relationships to records not every account may see (its own parts, such as a case's
    categories or a meeting's decisions, are seen with it)."""
    return [relation.key for relation in sa.inspect(model).relationships
            if relation.mapper.class_ not in access.PUBLIC_NAMES and not relation.cascade.delete_orphan]


def personal(field: str):
    def formatter(view, context, model, name):
        return privacy.shown(current_user, field, getattr(model, name))

    return formatter


@scope_aware
def group_link(view, context, model, name):
    """The contact's problem group, a link for those who may open the group's page."""
    if model.membership is None:
        return ""
    group_id = model.membership.group_id
    if not access.allowed(current_user, access.VIEW, ProblemGroup):
        return f"#{group_id}"
    return fragment("link", url_for("groups.details_view", id=group_id), f"#{group_id}")


def shorten(limit: int):
    """Free text cut to ``limit`` characters, masked first for masked roles (a cut phone number is no
    longer recognisable)."""

    def formatter(view, context, model, name):
        text = privacy.free_text(current_user, getattr(model, name), privacy.complainants(model)) or ""
        return text if len(text) <= limit else text[:limit] + "…"

    return formatter


def yes_no(view, value, name=None):
    return fragment("yes_no", value)


def yes_no_text(view, value, name=None):
    return gettext("Yes") if value else gettext("No")


def code_label(view, context, model, name):
    value = getattr(model, name)
    return value.label if value is not None else ""


def enum_columns(model, prefix: str = "") -> dict[str, type[LabeledEnum]]:
    """The model's columns that hold a fixed code, by attribute name (and through relationships)."""
    found = {}
    for column in model.__table__.columns:
        enum_class = getattr(column.type, "enum_class", None)
        if enum_class is not None and issubclass(enum_class, LabeledEnum):
            found[prefix + column.key] = enum_class
    if not prefix:
        for relationship_ in sa.inspect(model).relationships:
            found.update(enum_columns(relationship_.mapper.class_, prefix=f"{relationship_.key}."))
    return found


def download(response, filename: str):
    """The response as a file to save, named in Chinese; a title's slashes and control characters
    do not reach the file name."""
    name = normalize.plain_text(filename).replace("\n", " ").translate(str.maketrans("/\\", "／＼"))
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name, safe='')}"
    return response


def xlsx_file(data: bytes, filename: str):
    return download(current_app.response_class(
        data, mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), filename)


MAX_PAGE = 100_000


def _filter_takes(view, flt, value: str) -> bool:
    """Whether a list filter can take this value: its own check, one of its choices where it offers
    choices, a number the database can hold where it compares numbers."""
    try:
        if not flt.validate(value):
            return False
        options = flt.get_options(view)
        if options:
            codes = {str(code) for code, _ in options}
            parts = value.split(",") if type(flt).__name__.endswith("InList") else [value]
            if not all(part in codes for part in parts):
                return False
        cleaned = flt.clean(value)
    except (ValueError, KeyError, TypeError, OverflowError):
        return False
    numbers = cleaned if isinstance(cleaned, (list, tuple)) else [cleaned]
    return all(abs(number) < 2**63 for number in numbers if isinstance(number, int))


def _load_related(model, rows: list, names: list[str]) -> None:
    """Load the related rows an export shows for all its rows in a few queries, not one per row."""
    related = [getattr(model, name) for name in names if name in sa.inspect(model).relationships]
    for start in range(0, len(rows) if related else 0, 1000):
        ids = [row.id for row in rows[start:start + 1000]]
        db.session.scalars(sa.select(model).where(model.id.in_(ids)).options(*map(selectinload, related))).all()


class OnlyWhere(template.BaseListRowAction):
    """A list's per-row button (edit, delete) drawn only on the rows the account may change."""

    def __init__(self, row_action, action: str):
        super().__init__(row_action.title)
        self.row_action, self.action = row_action, action

    def render(self, context, row_id, row):
        changeable = g.setdefault("changeable_rows", {})
        if self.action not in changeable:  # one query for the page's rows, when its first button is drawn
            view, rows = context.resolve("admin_view"), context.resolve("data")
            changeable[self.action] = access.permitted_ids(current_user, view.model, [item.id for item in rows],
                                                           self.action)
        return self.row_action.render(context, row_id, row) if row.id in changeable[self.action] else ""


def _asks_for_something(data) -> bool:
    if isinstance(data, (list, tuple)):
        return any(_asks_for_something(item) for item in data)
    if hasattr(data, "filename"):  # an uploaded file; an empty chooser sends one without a name
        return bool(data.filename)
    return bool(data)


def login_or_forbidden():
    """A screen the account may not open: log in first, or 403 for a logged-in account."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path))
    abort(403)


class CodeField(Select2Field):
    """A fixed code offered by its Chinese label.  The stored member is selected when the form opens
    (Flask-Admin's own coercion turns a code into its label text, so no option matched and the browser
    showed, and saved, the first one)."""

    def __init__(self, enum_class: type[LabeledEnum], **kwargs):
        def coerce(value):
            code = value.value if isinstance(value, LabeledEnum) else value
            # A value that is no code stays as it came, so validation says "not a valid choice".
            return enum_class(code) if code in enum_class._value2member_map_ else code

        super().__init__(choices=enum_class.choices(), coerce=coerce, **kwargs)


class CodeConverter(AdminModelConverter):
    """Model forms whose code columns are CodeFields, on the screen and in its inline forms."""

    @converts("sqlalchemy.sql.sqltypes.Enum")
    def convert_enum(self, column, field_args, **extra):
        enum_class = getattr(column.type, "enum_class", None)
        if enum_class is None or not issubclass(enum_class, LabeledEnum):
            return super().convert_enum(column, field_args, **extra)
        field_args["allow_blank"] = column.nullable
        return CodeField(enum_class, **field_args)


class AdminForm(FlaskForm):
    """Flask-WTF's CSRF and Chinese messages, keeping the edited row where Flask-Admin's
    uniqueness check looks for it (without it, saving a row flags its own name as taken).
    Text comes back as it is stored: a browser sends CRLF line ends, pasted text control characters."""

    def __init__(self, formdata=_Auto, obj=None, prefix="", **kwargs):
        self._obj = obj
        super().__init__(formdata=formdata, obj=obj, prefix=prefix, **kwargs)
        for field in self:
            if isinstance(field, StringField) and not isinstance(field, PasswordField) \
                    and isinstance(field.data, str):
                field.data = normalize.plain_text(field.data)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:  # Flask-Admin's form shows only messages that are text, not lazy strings
            if isinstance(field.errors, list):
                field.errors[:] = [str(error) for error in field.errors]
        return valid


class SecureModelView(ModelView):
    """Base of every screen: who may do what on which rows (access.py), Chinese labels for codes,
    CSRF, per-role forms, safe exports.  Every way to a row — list, count, search, filters,
    details, edit, delete, bulk actions, inline edits, exports and lookups — goes through
    ``get_query``/``get_one``, which apply the account's scope."""

    form_base_class = AdminForm
    model_form_converter = CodeConverter
    can_view_details = True
    can_set_page_size = True
    page_size = 20
    page_size_options = (20, 50, 100)
    details_modal = False
    export_types = ["csv", "xlsx"]
    export_max_rows = 50000
    extra_labels: dict = {}
    column_type_formatters = {**typefmt.BASE_FORMATTERS, bool: yes_no}
    column_type_formatters_detail = {**typefmt.DETAIL_FORMATTERS, bool: yes_no}
    column_type_formatters_export = {**typefmt.EXPORT_FORMATTERS, bool: yes_no_text}

    def __init__(self, model, database, **kwargs):
        self.column_labels = {**COMMON_LABELS, **self.extra_labels}
        # Codes are stored in English; lists, filters and pages show the Chinese label instead (forms:
        # CodeConverter).  Keys like "categories.code" serve the filters.
        choices = {key: enum_class.choices() for key, enum_class in enum_columns(model).items()}
        self.column_choices = {**choices, **(self.column_choices or {})}
        labels = {key: code_label for key in choices if "." not in key}
        self.column_formatters = self._scoped({**labels, **(self.column_formatters or {})}, model)
        if self.column_formatters_detail is not None:
            self.column_formatters_detail = self._scoped({**labels, **self.column_formatters_detail}, model)
        if self.column_formatters_export is not None:
            self.column_formatters_export = self._scoped(dict(self.column_formatters_export), model)
        self._role_forms: dict = {}
        super().__init__(model, database, **kwargs)

    def _scoped(self, formatters: dict, model) -> dict:
        """Every related record a list, page or export shows goes through access.mentioned: by ``mentions``
        unless the screen words it itself with a formatter marked ``scope_aware``."""
        for name in scoped_relations(model):
            formatter = formatters.setdefault(name, mentions)
            if not getattr(formatter, "scope_aware", False):
                raise TypeError(f"{type(self).__name__}: the formatter of {name!r} shows related records; "
                                "mark it @scope_aware once it shows only those access.mentioned allows")
        return formatters

    def _get_list_value(self, context, model, name, column_formatters, column_type_formatters):
        """What a list, page or export shows; free text masked for roles that see no personal data."""
        value = super()._get_list_value(context, model, name, column_formatters, column_type_formatters)
        if name in privacy.FREE_TEXT.get(self.model, ()) and isinstance(value, str):
            if not access.sees_personal_data(current_user):
                for_the_page(context, "complainants", privacy.remember_complainants_of)
            masked = privacy.free_text(current_user, value, privacy.complainants(model))
            value = Markup(masked) if isinstance(value, Markup) else masked  # masking writes no markup
        return value

    # What the account may do here (access.PERMISSIONS); read on every request.  On a record's page,
    # what it may do to that record (access.writable): no 编辑 tab or delete button it would refuse.
    def _may(self, action: str) -> bool:
        return (has_request_context() and access.allowed(current_user, action, self.model)
                and g.get("record_rights", {}).get(action, True))

    can_create = property(lambda self: self._may(access.CREATE))
    can_edit = property(lambda self: self._may(access.EDIT))
    can_delete = property(lambda self: self._may(access.DELETE))

    def render(self, template, **kwargs):
        record = kwargs.get("model")
        if template == self.details_template and record is not None:
            g.record_rights = {action: self._is_writable(record, action) for action in (access.EDIT, access.DELETE)}
        return super().render(template, **kwargs)
    can_export = property(lambda self: self._may(access.EXPORT))

    def is_accessible(self) -> bool:
        return self._may(access.VIEW)

    def inaccessible_callback(self, name, **kwargs):
        return login_or_forbidden()

    # Rows: the account's scope, for every path into the data.
    def get_query(self):
        return super().get_query().filter(access.visible(current_user, self.model))

    def get_count_query(self):
        return (CappedCount([sa.func.count("*")], db.session()).select_from(self.model)
                .filter(access.visible(current_user, self.model)))

    # Query values as a person or a crawler may type them: a value no filter can take is dropped with a
    # message (never a server error), a page number is kept within what a database can count.
    def _get_list_filter_args(self):
        if not self._filters:
            return None
        filters = []
        for arg, value in request.args.items():
            pos, _, key = arg[3:].partition("_")
            if not arg.startswith("flt") or key not in (self._filter_args or {}):
                continue
            index, flt = self._filter_args[key]
            if _filter_takes(self, flt, value):
                filters.append((pos, (index, str(flt.name), value)))
            else:
                flash(self.get_invalid_value_msg(value[:100], flt), "error")
        return [item for _, item in sorted(filters, key=lambda item: item[0])]

    def _apply_filters(self, query, count_query, joins, count_joins, filters):
        """A filter on a related record (诉求记录 by 协调事项编号) matches only records the account may see:
        filtering by another unit's case number must not tell which contacts are in it."""
        query, count_query, joins, count_joins = super()._apply_filters(query, count_query, joins, count_joins,
                                                                        filters)

        def seen_only(found, aliases):
            for alias in aliases.values():  # a joined table (no alias) holds no record to hide
                model = sa.inspect(alias).mapper.class_ if alias is not None else None
                if model is not None and not access.sees_every(current_user, model):
                    found = found.filter(sa.or_(alias.id.is_(None), alias.id.in_(
                        sa.select(model.id).where(access.visible(current_user, model)))))
            return found

        return (seen_only(query, joins), count_query if count_query is None else seen_only(count_query, count_joins),
                joins, count_joins)

    def _get_list_extra_args(self):
        view_args = super()._get_list_extra_args()
        view_args.page = min(max(view_args.page or 0, 0), MAX_PAGE)
        if view_args.page_size not in self.page_size_options:
            view_args.page_size = 0
        return view_args

    def ask_mentions(self, rows: list, names: list[str]) -> None:
        """Whether the account may see the records these rows mention, asked in one query per kind of
        record (access.visible_ids remembers it for the request), not once per row."""
        relations = sa.inspect(self.model).relationships
        for name in set(names) & set(scoped_relations(self.model)):
            mentioned = []
            for row in rows:
                value = getattr(row, name)
                mentioned += [record for record in (value if isinstance(value, list) else [value]) if record]
            access.visible_ids(current_user, relations[name].mapper.class_, [record.id for record in mentioned])
            if not access.sees_personal_data(current_user):  # a case is named with its title, masked
                privacy.remember_complainants_of(mentioned)

    def get_one(self, id):
        """The row if the account may see it; 404 for anything else, including ids like "1,2" or "-1"."""
        row = self.get_query().filter(self.model.id == int(id)).one_or_none() if valid_pk(id) else None
        if row is None:
            abort(404)
        return row

    @expose("/ajax/lookup/")
    def ajax_lookup(self):
        """The lookups serve the forms: only an account that may fill in this screen's forms asks them."""
        if not (self.can_create or self.can_edit):
            abort(403)
        return super().ajax_lookup()

    def _apply_search(self, query, count_query, joins, count_joins, search):
        """Masked accounts search as privacy.masked_search allows: a search must not find what the
        screen masks (digit by digit, a hit or a miss would tell a phone number)."""
        masked = {*privacy.FREE_TEXT.get(self.model, ()), *privacy.PERSONAL_FIELDS}
        searched = self.column_searchable_list or ()
        if access.sees_personal_data(current_user) or not masked & set(searched):
            return super()._apply_search(query, count_query, joins, count_joins, search)
        condition = privacy.masked_search(self.model, [getattr(self.model, name) for name in searched], search)
        return searched_by(condition, query, count_query, joins, count_joins)

    @expose("/action/", methods=("POST",))
    def action_view(self):
        """Bulk actions get raw ids from the form: refuse malformed ones before they reach the database."""
        if not all(valid_pk(row_id) for row_id in request.form.getlist("rowid")):
            abort(400)
        return super().action_view()

    def get_list_row_actions(self):
        buttons = {template.EditRowAction: access.EDIT, template.DeleteRowAction: access.DELETE}
        return [OnlyWhere(row_action, buttons[type(row_action)]) if type(row_action) in buttons else row_action
                for row_action in super().get_list_row_actions()]

    # A list action that is a step of workflow.py (签收): offered to the roles the step's table names.
    step_actions: dict = {}

    def is_action_allowed(self, name):
        if name in self.step_actions:
            return workflow.offered_to(current_user, self.step_actions[name])
        return access.may_act(current_user, self.model, name)

    def chosen(self, ids) -> list:
        """The rows a bulk action was asked for, as far as the account may see them."""
        wanted = [int(row_id) for row_id in ids if valid_pk(row_id)]
        return self.get_query().filter(self.model.id.in_(wanted)).all()

    @action("delete", admin_lazy_gettext("Delete"),
            admin_lazy_gettext("Are you sure you want to delete selected records?"))
    def action_delete(self, ids):
        wanted = [int(row_id) for row_id in ids if valid_pk(row_id)]
        permitted = access.permitted_ids(current_user, self.model, wanted, access.DELETE)
        if len(permitted) < len(wanted):
            flash(gettext("%(count)d record(s) were left as they are: you may not delete them.",
                          count=len(wanted) - len(permitted)), "error")
        return super().action_delete(sorted(permitted)) if permitted else None

    def _is_writable(self, model, action: str) -> bool:
        return model.id in access.permitted_ids(current_user, self.model, [model.id], action)

    @expose("/edit/", methods=("GET", "POST"))
    def edit_view(self):
        if not self.can_edit and valid_pk(request.args.get("id", "")):
            record = self.get_one(request.args["id"])  # 404 for a row the account may not see
            flash(gettext("You may not change this record."), "error")
            return redirect(self.get_url(".details_view", id=record.id))
        response = super().edit_view()
        said = g.pop("save_message", None)
        if said is not None:
            # Flask-Admin has just said "saved": say what really happened instead.
            session["_flashes"] = [item for item in session.get("_flashes", []) if item[0] != "success"]
            flash(*said)
        return response

    def take_step(self, record, case_id: int, action, perform):
        """Take a step of the record's life from its page (``perform(user)``, workflow.py); a refused step
        changes nothing and the page comes back with what was typed.  The case's categories, level and
        reminders follow at once."""
        try:
            perform(current_user._get_current_object())
            db.session.commit()
        except workflow.Refused as exc:
            db.session.rollback()
            flash(str(exc), "error")
            g.step_input = {"action": action.value, "reason": request.form.get("reason", ""),
                            "deadline": request.form.get("deadline", "")}
            return self.details_view()
        rules.apply(rules.Scope.of_cases([case_id]))
        db.session.commit()
        queue_notifications()
        flash(gettext("Done: %(action)s.", action=action.label), "success")
        return redirect(self.get_url(".details_view", id=record.id))

    def changes_something(self, form) -> bool:
        """Whether saving the form would change anything: the row, its inline rows, or what the form's own
        fields (a new password, files to attach or remove) ask for."""
        session = db.session
        if session.new or session.deleted or any(session.is_modified(row) for row in session.dirty):
            return True
        return any(_asks_for_something(form[name].data) for name in (self.form_extra_fields or {}) if name in form)

    def update_model(self, form, model) -> bool:
        """Save what was changed; a form saved as it was opened writes nothing (no audit entry, no new
        "updated at", no recalculation).  Otherwise as Flask-Admin's own."""
        try:
            with db.session.no_autoflush:  # a flush would hide what the form changed
                form.populate_obj(model)
                if not self.changes_something(form):
                    db.session.rollback()
                    g.save_message = (gettext("Nothing was changed, so nothing was saved."), "info")
                    return True
            self._on_model_change(form, model, False)
            db.session.commit()
        except Exception as exc:
            if not self.handle_view_exception(exc):
                flash(gettext("Failed to update record. %(error)s", error=str(exc)), "error")
                log.exception("Failed to update record.")
            db.session.rollback()
            return False
        self.after_model_change(form, model, False)
        return True

    def on_model_change(self, form, model, is_created):
        if not is_created and not self._is_writable(model, access.EDIT):
            raise ValidationError(gettext("You may not change this record."))
        if not isinstance(model, Unit) and hasattr(type(model), "unit"):
            unit = model.unit
            if not access.can_assign_unit(current_user, unit.id if unit is not None else None):
                raise ValidationError(gettext("You may only keep records of your own unit."))

    def on_model_delete(self, model):
        if not self._is_writable(model, access.DELETE):
            raise ValidationError(gettext("You may not delete this record."))

    # Forms: a role may be offered only some fields (access.EDITABLE_FIELDS).
    def _form_for(self, action: str):
        fields = access.editable_fields(current_user, self.model, action)
        if fields is None:
            return self._create_form_class if action == access.CREATE else self._edit_form_class
        if fields not in self._role_forms:
            converter = self.model_form_converter(self.session, self)
            self._role_forms[fields] = get_form(self.model, converter, base_class=self.form_base_class,
                                                only=(*fields, *(self.form_extra_fields or ())),
                                                field_args=self.form_args, extra_fields=self.form_extra_fields)
        return self._role_forms[fields]

    def create_form(self, obj=None):
        return self._form_for(access.CREATE)(get_form_data(), obj=obj)

    def edit_form(self, obj=None):
        """The role's form for the row; a row the account may see but not change opens as its page."""
        if obj is not None and not self._is_writable(obj, access.EDIT):
            flash(gettext("You may not change this record."), "error")
            abort(redirect(self.get_url(".details_view", id=obj.id)))
        return self._form_for(access.EDIT)(get_form_data(), obj=obj)

    # Exports open cleanly in Excel on Chinese Windows: plain text (a badge's markup becomes its words),
    # no live formulas, a Chinese sheet name; the file is made whole inside the request.
    def get_export_value(self, model, name):
        value = super().get_export_value(model, name)
        if value is None or isinstance(value, (bool, int, float, date, datetime)) and not isinstance(value, Enum):
            return value
        return normalize.plain_text(value.striptags() if isinstance(value, Markup) else str(value))

    def get_export_name(self, export_type="csv"):
        return f"{self.name}_{now_local():%Y%m%d%H%M}.{export_type}"

    def _export_rows(self) -> tuple[list[str], list[list]]:
        _, rows = self._export_data()
        _load_related(self.model, rows, [name for name, _ in self._export_columns])
        self.ask_mentions(rows, [name for name, _ in self._export_columns])
        if self.model in privacy.FREE_TEXT and not access.sees_personal_data(current_user):
            privacy.remember_complainants_of(rows)
        headers = [str(label) for _, label in self._export_columns]
        return headers, [[self.get_export_value(row, name) for name, _ in self._export_columns] for row in rows]

    @expose("/export/<export_type>/")
    def export(self, export_type):
        if not self.can_export or export_type not in self.export_types:
            abort(403 if export_type in self.export_types else 404)
        headers, rows = self._export_rows()
        filename = self.get_export_name(export_type)
        if export_type == "csv":
            response = current_app.response_class("\ufeff" + workbooks.csv_text(headers, rows), mimetype="text/csv")
        else:
            response = xlsx_file(workbooks.table_workbook(str(self.name), headers, rows), filename)
        download(response, filename)
        audit.record(AuditAction.export, self.model.__name__, detail=request.query_string.decode()[:500])
        return response

    def filtered_url(self, column: str, value: str) -> str:
        """The list filtered on ``column`` equal to ``value``, as if picked from the filter menu."""
        for arg, (_, flt) in (self._filter_args or {}).items():
            if flt.column.key == column and type(flt).__name__ in ("FilterEqual", "EnumEqualFilter"):
                return url_for(f"{self.endpoint}.index_view", **{f"flt0_{arg}": value})
        raise KeyError(column)

    def handle_view_exception(self, exc: Exception) -> bool:
        """Say what went wrong in Chinese; never show a database's or Python's English error text."""
        if isinstance(exc, IntegrityError):
            flash(gettext("The record conflicts with another: a number or name in use, or still referenced."),
                  "error")
            return True
        if isinstance(exc, ValidationError) or current_app.config.get("FLASK_ADMIN_RAISE_ON_VIEW_EXCEPTION"):
            return super().handle_view_exception(exc)
        log.exception("saving %s failed", self.model.__name__)
        flash(gettext("The record could not be saved because of a system error; it has been logged."), "error")
        return True
