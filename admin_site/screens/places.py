"""地名库: Yulin's counties, towns and villages (seed/places.tsv) with the other names people write
for them.  Grouping reads places from here, so the office corrects and extends them here."""

from __future__ import annotations

import sqlalchemy as sa
from flask_admin.babel import lazy_gettext as admin_lazy_gettext
from flask_admin.contrib.sqla.filters import BaseSQLAFilter, EnumEqualFilter
from flask_admin.contrib.sqla.form import get_form
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import aliased
from wtforms import StringField, ValidationError
from wtforms.validators import InputRequired, Length

from ..models import LabeledEnum, Place, PlaceLevel, db
from ..places import COUNTIES
from .base import ScopedLoader, SecureModelView

# The level a place's parent must have, by the place's level.  Counties are the top and come with
# the seed (Yulin's seven county-level divisions); the office adds towns and villages.
PARENT_LEVEL = {PlaceLevel.town: PlaceLevel.county, PlaceLevel.village: PlaceLevel.town}
ALIAS_LENGTH = (2, 20)


def path_of(query, place=Place):
    """The query joined to each place's parent and grandparent, and the place's full name as SQL
    ("容县茂林镇大里村"): a parent's full name starts its children's, so ordering by it lists each
    county, then each of its towns followed by the town's villages."""
    parent, grand = aliased(Place), aliased(Place)
    query = query.outerjoin(parent, place.parent_id == parent.id).outerjoin(grand, parent.parent_id == grand.id)
    text = sa.func.coalesce(grand.name, "", type_=sa.String) + sa.func.coalesce(parent.name, "", type_=sa.String)
    return query, text + place.name


def alias_lines(text: str | None) -> str | None:
    """Aliases as stored: one a line, trimmed, without blank lines or repeats; None when there are none."""
    lines = []
    for line in (text or "").splitlines():
        line = line.strip()
        if line and line not in lines:
            lines.append(line)
    return "\n".join(lines) or None


def aliases_fit(form, field):
    wrong = [alias for alias in (field.data or "").splitlines()
             if not ALIAS_LENGTH[0] <= len(alias) <= ALIAS_LENGTH[1]]
    if wrong:
        raise ValidationError(gettext("Each alias is 2 to 20 characters long: %(aliases)s is not.",
                                      aliases="、".join(f"“{alias}”" for alias in wrong)))


def stripped(value):
    return value.strip() if isinstance(value, str) else value


class ShownField(StringField):
    """A value of the record shown on its form and never taken from it: the form posts nothing back
    into the row, whatever the browser sends."""

    def __init__(self, label=None, **kwargs):
        super().__init__(label, render_kw={"readonly": True}, **kwargs)

    def process_data(self, value):
        if isinstance(value, LabeledEnum):
            value = value.label
        elif isinstance(value, Place):
            value = value.full_name
        elif value is None:
            value = gettext("None (a county or district is the top level)")
        self.data = str(value)

    def process_formdata(self, valuelist):
        pass

    def populate_obj(self, obj, name):
        pass


class ParentLoader(ScopedLoader):
    """The lookup of a new place's parent: counties and towns by their full names ("容县茂林镇"),
    found by any part of the name ("茂林", "容县茂林")."""

    def get_list(self, term, offset=0, limit=10):
        query, path = path_of(self.get_query().filter(Place.level != PlaceLevel.village))
        term = (term or "").strip()
        if term:
            query = query.filter(path.contains(term, autoescape=True))
        return query.order_by(path, Place.id).offset(offset).limit(limit).all()


class CountyFilter(BaseSQLAFilter):
    """县区: the county itself, its towns and their villages.  Offered by name (Flask-Admin reads a
    filter's options once, at start, so they cannot come from the table)."""

    def __init__(self, name):
        super().__init__(Place.name, name, options=[(county, county) for county in COUNTIES])

    def apply(self, query, value, alias=None):
        county, town = aliased(Place), aliased(Place)
        county_id = sa.select(county.id).where(county.level == PlaceLevel.county, county.name == value)
        towns = sa.select(town.id).where(town.parent_id.in_(county_id))
        return query.filter(sa.or_(Place.id.in_(county_id), Place.parent_id.in_(county_id),
                                   Place.parent_id.in_(towns)))

    def operation(self):
        return admin_lazy_gettext("equals")


# The level and parent of a stored place, on its edit form: shown, not changed (see PlaceView).
SHOWN_LEVEL = ShownField(_l("Place level"))
SHOWN_PARENT = ShownField(_l("Belongs to"), description=_l(
    "A place's level and parent are not changed here: moving a town would move all its villages with it. "
    "Add the place under the right parent instead and delete this one once nothing is under it."))


class PlaceView(SecureModelView):
    """The office adds towns and villages, corrects names and keeps the other names people write for a
    place (aliases); a stored place keeps its level and parent, and only a place with nothing under it
    can be deleted."""

    page_size = 50
    column_list = ("name", "level", "parent", "aliases", "updated_at")
    column_details_list = ("name", "level", "parent", "children", "aliases", "created_at", "updated_at")
    column_searchable_list = ("name", "aliases")
    column_filters = (EnumEqualFilter(Place.level, _l("Place level"), options=PlaceLevel.choices()),
                      CountyFilter(_l("County or district")))
    column_sortable_list = ("name", "level", "updated_at")
    column_formatters = {
        "parent": lambda view, context, model, name: model.parent.full_name if model.parent else "",
        "aliases": lambda view, context, model, name: "、".join((model.aliases or "").splitlines()),
        "children": lambda view, context, model, name: "、".join(child.name for child in model.children),
    }
    form_columns = ("level", "parent", "name", "aliases")
    form_ajax_refs = {"parent": ParentLoader("parent", db, Place, fields=("name",), page_size=10,
                                             placeholder=_l("Type part of a county or town name"))}
    form_args = {
        "name": {"filters": [stripped], "validators": [InputRequired(), Length(min=2, max=50)]},
        "aliases": {"filters": [alias_lines], "validators": [aliases_fit],
                    "description": _l("Other names people write for this place, one per line (old names, "
                                      "short forms, village committees); 2 to 20 characters each.")},
        "level": {"description": _l("A town or subdistrict belongs to a county or district, a village or "
                                    "community to a town or subdistrict.")},
    }
    extra_labels = {"level": _l("Place level"), "parent": _l("Belongs to"), "aliases": _l("Aliases"),
                    "children": _l("Places under it"), "updated_at": _l("Modified at")}

    def get_sortable_columns(self):
        # Flask-Admin reads "parent.name" on a model's own table as "name": 所属 is ordered here instead.
        return {**super().get_sortable_columns(), "parent": Place.parent_id}

    def _apply_sorting(self, query, joins, sort_column, sort_desc):
        """By full name unless a column is chosen; the 所属 column sorts by the parent's full name."""
        if sort_column not in (None, "parent"):
            return super()._apply_sorting(query, joins, sort_column, sort_desc)
        query, path = path_of(query)
        if sort_column == "parent":
            path = sa.func.substr(path, 1, sa.func.length(path) - sa.func.length(Place.name))
        order = path.desc() if sort_desc else path
        return query.order_by(order, Place.name, Place.id), joins

    def get_edit_form(self):
        """A stored place's form: its name and aliases; its level and parent are shown, not offered."""
        converter = self.model_form_converter(self.session, self)
        form = get_form(self.model, converter, base_class=self.form_base_class, only=("name", "aliases"),
                        field_args=self.form_args)
        return type("PlaceEditForm", (form,), {"level": SHOWN_LEVEL, "parent": SHOWN_PARENT})

    def create_form(self, obj=None):
        form = super().create_form(obj)
        form.level.choices = [(code, label) for code, label in form.level.choices if PlaceLevel(code) in PARENT_LEVEL]
        return form

    def validate_form(self, form):
        """Beside the fields' own checks: a new place's level fits its parent, and no two places under
        one parent share a name (the database would refuse it only after the form was sent)."""
        valid = super().validate_form(form)
        if not valid or "aliases" not in form:  # not a place's form (the delete button's), or wrong already
            return valid
        record = getattr(form, "_obj", None)
        if record is None:
            level, parent = form.level.data, form.parent.data
            wanted = PARENT_LEVEL.get(level)
            if parent is None or parent.level != wanted:
                form.parent.errors.append(self._parent_message(level))
                return False
        else:
            parent = record.parent
        same_name = sa.select(Place.id).where(
            Place.name == form.name.data,
            Place.parent_id == parent.id if parent is not None else Place.parent_id.is_(None))
        if record is not None:
            same_name = same_name.where(Place.id != record.id)
        with db.session.no_autoflush:
            taken = db.session.scalar(same_name.limit(1)) is not None
        if taken:
            where = parent.full_name if parent is not None else gettext("Yulin")
            form.name.errors.append(gettext("%(parent)s already has a place named %(name)s.",
                                            parent=where, name=form.name.data))
            return False
        return True

    @staticmethod
    def _parent_message(level) -> str:
        if level == PlaceLevel.village:
            return gettext("A village or community belongs to a town or subdistrict: choose the town it is in.")
        return gettext("A town or subdistrict belongs to a county or district: choose the county it is in.")

    def on_model_delete(self, model):
        super().on_model_delete(model)
        under = db.session.scalar(sa.select(sa.func.count()).where(Place.parent_id == model.id))
        if under:
            raise ValidationError(gettext("%(name)s cannot be deleted: %(count)d places are under it. "
                                          "Delete or correct them first.", name=model.full_name, count=under))
