"""Files on screens: attachments kept with a record, lists printed for circulation, Word and Excel downloads."""

from __future__ import annotations

from datetime import date

from flask import abort, current_app, request
from flask_admin import expose
from flask_babel import LazyString, gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.file import MultipleFileField
from wtforms import SelectMultipleField, ValidationError
from wtforms.widgets import CheckboxInput, FileInput, ListWidget

from .. import audit, notify, uploads, workbooks
from ..models import (
    AuditAction,
    Case,
    Publicity,
    now_local,
)
from .base import download, fragment, xlsx_file


def attachment_list(view, context, model, name):
    """The record's files as links; photos also as pictures."""
    return fragment("attachments", [(view.get_url(".attachment_view", id=model.id, file=attachment.id), attachment,
                                     file_size(attachment.size)) for attachment in model.attachments])


def file_size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, round(size / 1024))} KB"


class _NotOnRecord:
    """A form field the view reads itself: saving the form does not copy it onto the record."""

    def populate_obj(self, obj, name):
        pass


class ChooseFiles:
    """A file chooser drawn by Bootstrap with Chinese words (the browser's own button speaks the
    browser's language); zh-cn.js shows the chosen names."""

    def __call__(self, field, **kwargs):
        classes = "custom-file-input" + (" is-invalid" if field.errors else "")
        chooser = FileInput(multiple=isinstance(field, MultipleFileField))(field, **{**kwargs, "class": classes})
        return fragment("file_chooser", chooser, field.id)


class FilesField(_NotOnRecord, MultipleFileField):
    widget = ChooseFiles()


class RemoveFilesField(_NotOnRecord, SelectMultipleField):
    pass


class AttachmentsMixin:
    """A screen whose records carry files (uploads.py): files chosen on the form are checked and kept,
    ticked ones removed; the record's page lists them; downloads go through the record's scope."""

    attachment_types: dict[str, str] = uploads.DOCUMENT_TYPES
    attachment_label = _l("Attach files")

    def __init__(self, *args, **kwargs):
        accept = ",".join("." + extension for extension in self.attachment_types)
        self.form_extra_fields = {
            "new_attachments": FilesField(self.attachment_label, validators=[
                uploads.Attachable(self.attachment_types)], render_kw={"accept": accept},
                description=LazyString(uploads.what_is_accepted, self.attachment_types)),
            "remove_attachments": RemoveFilesField(_l("Remove attached files"), coerce=int, choices=[],
                                                   widget=ListWidget(prefix_label=False),
                                                   option_widget=CheckboxInput()),
        }
        self.form_columns = (*self.form_columns, *self.form_extra_fields)  # Flask-Admin adds only those named
        super().__init__(*args, **kwargs)

    def create_form(self, obj=None):
        form = super().create_form(obj)
        del form.remove_attachments
        return form

    def edit_form(self, obj=None):
        form = super().edit_form(obj)
        if obj is None or not obj.attachments:
            del form.remove_attachments
        else:
            form.remove_attachments.choices = [(attachment.id, attachment.filename) for attachment in obj.attachments]
        return form

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        if "remove_attachments" in form:
            removed = set(form.remove_attachments.data or ())
            model.attachments = [attachment for attachment in model.attachments if attachment.id not in removed]
        try:
            uploads.attach(model, form.new_attachments.data, self.attachment_types, current_user._get_current_object())
        except uploads.Rejected as exc:
            raise ValidationError(str(exc)) from exc

    @expose("/attachment/")
    def attachment_view(self):
        """One of the record's files, for whoever may see the record."""
        owner = self.get_one(request.args.get("id", ""))
        attachment = next((item for item in owner.attachments if str(item.id) == request.args.get("file")), None)
        if attachment is None:
            abort(404)
        return uploads.send(attachment)


def _cell(value):
    """A value as a circulated list shows it: codes and rows by their names, dates as dates."""
    if value is None:
        return ""
    if isinstance(value, (date, int)):
        return value
    if isinstance(value, list):
        return "、".join(str(item) for item in value)
    return str(value)


class CirculatedListMixin:
    """A list the office prints and sends round: the rows as filtered and sorted on the screen, in the
    workbook layout of workbooks.py, leaving out what is not public (DOMAIN.md §8)."""

    list_template = "admin/circulated_list.html"
    circulation_title = None
    # (field, width in characters, centred)
    circulation_columns: tuple[tuple[str, int, bool], ...] = ()

    def circulates(self, row) -> bool:
        """A case, or a slip of a case, goes round unless the case is not made public."""
        case = row if isinstance(row, Case) else row.case
        return case.publicity != Publicity.restricted

    @expose("/circulate/")
    def circulate_view(self):
        """The filtered list as an Excel workbook for circulation."""
        if not self.can_export:
            abort(403)
        _, rows = self._export_data()
        shown = [row for row in rows if self.circulates(row)]
        columns = [workbooks.Column(str(self.column_labels.get(name, name)), width, centred)
                   for name, width, centred in self.circulation_columns]
        now = now_local()
        note = gettext("Made by %(user)s on %(time)s; %(count)d item(s), cases not made public left out",
                       user=current_user.display_name or current_user.username, time=notify.long_datetime(now),
                       count=len(shown))
        data = workbooks.circulation_workbook(
            str(self.circulation_title), note, columns,
            ([_cell(self.get_export_value(row, name)) for name, _, _ in self.circulation_columns] for row in shown))
        audit.record(AuditAction.export, self.model.__name__, detail=("circulate " + request.query_string.decode())[:500])
        return xlsx_file(data, f"{self.circulation_title}_{now:%Y%m%d}.xlsx")


def word_file(data: bytes, name: str):
    response = current_app.response_class(
        data, mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    return download(response, name + ".docx")


def download_link(endpoint: str, text):
    return lambda v, c, m, n: fragment("link", v.get_url(endpoint, id=m.id), text)
