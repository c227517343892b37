"""Files attached to slip answers and site visits (附件, 现场照片): checked, kept safely, served only to
those who may see the record they belong to.

A file is taken only when its extension is allowed for the field and its first bytes say it really is
that kind of file (a renamed program is refused), and only up to ``UPLOAD_MAX_MB``.  It is stored in
``UPLOAD_FOLDER`` under a random name — never the name the user gave, never below the static folder —
and served with its type fixed and sniffing off, as a download unless it is a photo.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path, PurePosixPath

import filetype
from flask import current_app, send_file
from flask_babel import gettext
from werkzeug.datastructures import FileStorage
from wtforms import ValidationError

from .models import Attachment, now_local

PHOTO_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
DOCUMENT_TYPES = {
    **PHOTO_TYPES,
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# What the file's first bytes may say for each extension.  Word and Excel 97-2003 files (and those WPS
# writes) share one container, which is all that can be told from their first bytes.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CONTENT_OF = {"jpeg": {"jpg"}, "doc": {"doc", "xls", "ole"}, "xls": {"doc", "xls", "ole"}}


class Rejected(ValueError):
    """A file that cannot be attached; the message is for the user, in Chinese."""


def _extension(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def _content_kind(data: bytes) -> str | None:
    kind = filetype.guess(data)
    if kind is not None:
        return kind.extension
    return "ole" if data.startswith(OLE_SIGNATURE) else None


def display_name(filename: str) -> str:
    """The file's own name without any folder a browser sent along, at most 200 characters."""
    name = PurePosixPath(filename.replace("\\", "/")).name.strip() or "file"
    stem, dot, extension = name.rpartition(".")
    return name if len(name) <= 200 else stem[: 199 - len(extension)] + dot + extension


def _kinds(allowed: dict[str, str]) -> str:
    return "、".join(sorted(extension.upper() for extension in set(allowed) - {"jpeg"}))


def what_is_accepted(allowed: dict[str, str]) -> str:
    """The help under a file field: which kinds, how large."""
    return gettext("%(types)s files, up to %(size)d MB each.", types=_kinds(allowed),
                   size=current_app.config["UPLOAD_MAX_MB"])


def check(upload: FileStorage, allowed: dict[str, str]) -> bytes:
    """The file's bytes if it may be attached; ``Rejected`` with the reason otherwise."""
    name = display_name(upload.filename or "")
    extension = _extension(name)
    if extension not in allowed:
        raise Rejected(gettext("“%(name)s” cannot be attached: only %(types)s files are accepted.", name=name,
                               types=_kinds(allowed)))
    limit = current_app.config["UPLOAD_MAX_MB"] * 1024 * 1024
    data = upload.stream.read(limit + 1)
    upload.stream.seek(0)
    if len(data) > limit:
        raise Rejected(gettext("“%(name)s” is larger than %(size)d MB.", name=name,
                               size=current_app.config["UPLOAD_MAX_MB"]))
    if not data:
        raise Rejected(gettext("“%(name)s” is empty.", name=name))
    if _content_kind(data) not in CONTENT_OF.get(extension, {extension}):
        raise Rejected(gettext("“%(name)s” is not really a %(type)s file; it was not attached.", name=name,
                               type=extension.upper()))
    return data


def chosen(uploads) -> list[FileStorage]:
    """The files actually chosen in a multiple-file field (an empty field posts one nameless part)."""
    return [upload for upload in uploads or () if isinstance(upload, FileStorage) and upload.filename]


class Attachable:
    """WTForms validator: every chosen file passes ``check``; the first that does not stops the save."""

    def __init__(self, allowed: dict[str, str]):
        self.allowed = allowed

    def __call__(self, form, field):
        for upload in chosen(field.data):
            try:
                check(upload, self.allowed)
            except Rejected as exc:
                raise ValidationError(str(exc)) from exc


def _path(stored_name: str) -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]) / stored_name[:2] / stored_name


def attach(owner, uploads, allowed: dict[str, str], user) -> list[Attachment]:
    """Store the chosen files and add them to ``owner`` (a slip or a site visit); the caller commits."""
    added = []
    for upload in chosen(uploads):
        data = check(upload, allowed)
        name = display_name(upload.filename)
        stored_name = secrets.token_hex(16)
        path = _path(stored_name)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        with open(partial, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, path)
        attachment = Attachment(filename=name, stored_name=stored_name, content_type=allowed[_extension(name)],
                                size=len(data), sha256=hashlib.sha256(data).hexdigest(), uploaded_by=user,
                                uploaded_at=now_local())
        owner.attachments.append(attachment)
        added.append(attachment)
    return added


def send(attachment: Attachment):
    """The stored file as a response: photos shown in the page, everything else downloaded."""
    response = send_file(_path(attachment.stored_name), mimetype=attachment.content_type,
                         as_attachment=not attachment.is_image, download_name=attachment.filename, max_age=0)
    # Opened on its own, a file can run nothing and load nothing (nosniff is set for every response).
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response

