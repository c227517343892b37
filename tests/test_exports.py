"""Every export of every screen, as every role that may export it, downloaded from a real server by a
real browser: the file parses, every cell is plain text, no cell is a live formula.  Generated from
the registry of screens, so a screen added later is covered too."""

from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from admin_site import access
from admin_site.models import Case, Contact, Slip, db
from admin_site.views import SCREENS

from .conftest import PASSWORD, log_in_page, new_page
from .world import build_world

pytestmark = pytest.mark.browser

ROLES = {"office": "admin", "hotline": "rexian", "unit": "zhujian", "leader": "lingdao"}
MARKUP = re.compile(r"<(span|a|ul|li|table|tr|td|br|code|img)\b")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
FORMULA = ("=", "+", "-", "@")


@pytest.fixture
def awkward_rows(app):
    """Rows holding what breaks files: formula text, control characters, markup (stored as older
    versions or other programs may have stored them)."""
    world = build_world()
    nul = "" if db.engine.dialect.name == "postgresql" else "\x00"  # PostgreSQL cannot store a NUL at all
    world.own[Case].title = "=1+1 甲单位\x0b牵头事项 <b>加急</b>"
    world.own[Case].summary = f"@SUM(A1){nul} 摘要"
    world.own[Contact].content = "-2+3 施工\x0c噪音 <script>x</script>"
    world.own[Slip].requirement = "+督办\x0b事项"
    db.session.commit()
    return world


def downloads(role_user) -> list[str]:
    """Every export the screens offer this account: each list's CSV and XLSX, and the printed lists."""
    urls = []
    for view_class, model, _, endpoint, _ in SCREENS:
        if access.allowed(role_user, access.EXPORT, model):
            urls += [f"/admin/{endpoint}/export/{kind}/" for kind in view_class.export_types]
            if hasattr(view_class, "circulate_view"):
                urls.append(f"/admin/{endpoint}/circulate/")
    if access.allowed(role_user, access.REVIEW, Case) and access.allowed(role_user, access.EXPORT, Case):
        urls.append("/admin/review/workbook/")
    return urls


def cells_of(url: str, body: bytes) -> tuple[list[str], list]:
    """The text of every cell and the cells' types (XLSX only)."""
    if "/export/csv/" in url:
        assert body.startswith(b"\xef\xbb\xbf"), "a CSV for Excel starts with a BOM"
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        return [cell for row in rows for cell in row], []
    book = load_workbook(io.BytesIO(body))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value is not None]
    for sheet in book.worksheets:
        assert re.search(r"[\u4e00-\u9fff]", sheet.title), (url, sheet.title)
    return [str(cell.value) for cell in cells], cells


def test_every_export_opens_and_holds_plain_text(awkward_rows, browser, live_server):
    world = awkward_rows
    failures, downloaded = [], 0
    for role, username in ROLES.items():
        page = new_page(browser, live_server)
        log_in_page(page, username, PASSWORD)
        for url in downloads(world.accounts[role]):
            response = page.request.get(live_server + url)
            if response.status != 200:
                failures.append(f"{role} {url}: {response.status}")
                continue
            texts, cells = cells_of(url, response.body())
            downloaded += 1
            for text in texts:
                if MARKUP.search(text):
                    failures.append(f"{role} {url}: markup in a cell: {text!r}")
                if CONTROL.search(text):
                    failures.append(f"{role} {url}: a control character in a cell: {text!r}")
                if "/export/csv/" in url and text.startswith(FORMULA):
                    failures.append(f"{role} {url}: a formula in a CSV cell: {text!r}")
            failures += [f"{role} {url}: {cell.coordinate} is a formula" for cell in cells if cell.data_type == "f"]
        page.context.close()
    assert downloaded >= 40, downloaded
    assert not failures, "\n".join(failures)


def test_the_awkward_text_is_there_as_text(awkward_rows, office):
    """What was typed is kept, as text: the formula stays visible and markup stays characters."""
    body = office.get("/admin/cases/export/xlsx/").data
    sheet = load_workbook(io.BytesIO(body)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "=1+1 甲单位牵头事项 <b>加急</b>" in values
    assert sheet.title == "协调事项"
    text = office.get("/admin/cases/export/csv/").get_data(as_text=True)
    assert "'=1+1 甲单位牵头事项 <b>加急</b>" in text and "正常" in text and "badge" not in text
