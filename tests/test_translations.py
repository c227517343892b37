"""Every English msgid in the code has its Chinese translation in our catalog."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}
METHODS = [("admin_site/**.py", "python"), ("admin_site/templates/**.html", "jinja2")]


def test_catalog_covers_every_message_in_the_code():
    found = {message for _, _, message, _, _ in extract_from_dir(str(ROOT), METHODS, keywords=KEYWORDS)}
    with open(ROOT / "translations/zh_Hans_CN/LC_MESSAGES/messages.po", "rb") as handle:
        catalog = read_po(handle)
    translated = {entry.id for entry in catalog if entry.id and entry.string and not entry.fuzzy}
    assert {m for m in found if isinstance(m, str)} - translated == set()


def test_no_msgstr_line_reads_as_empty():
    """Each translation sits on its own line (translations/flatten.py), header included."""
    for path in (ROOT / "translations").glob("*/LC_MESSAGES/*.po"):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert [line for line in lines if line.startswith("msgstr") and line.endswith(' ""')] == [], path.name
