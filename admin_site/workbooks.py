"""Excel workbooks in the layout an office prints and sends round (印发的清单), and the plain tables
and CSV files a list exports.

A title across the sheet, a line saying who made it and when, a header row repeated on every printed
page, numbered rows (序号) with borders and wrapped text, A4 landscape fitted to the page width and
page numbers in the footer.

Text is written as text, never as a formula: every string is stored as a string cell
(``t="inlineStr"``), so Excel and WPS show ``=HYPERLINK("http://x")`` exactly as typed, with no
apostrophe or space added; one that begins as a formula would (= + - @ or a tab) also carries
Excel's "quote prefix" style flag, the mark Excel sets itself when one types ``'=…``, so it stays
text when someone opens the cell and presses Enter.  Control characters are dropped (a workbook's
XML cannot carry them); markup is left as the characters it is.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from .normalize import plain_text

TITLE_FONT = Font(name="方正小标宋简体", size=18)
NOTE_FONT = Font(name="仿宋_GB2312", size=11)
HEADER_FONT = Font(name="黑体", size=11)
BODY_FONT = Font(name="宋体", size=10.5)
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
WRAP = Alignment(wrap_text=True, vertical="center")
CENTRED = Alignment(wrap_text=True, vertical="center", horizontal="center")
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
DATETIME_FORMAT = 'yyyy"年"m"月"d"日" hh:mm'
HEADER_ROW = 3
# How a formula may begin (a carriage return would too, but plain_text has made it a line feed).
FORMULA_START = ("=", "+", "-", "@", "\t")
CELL_LIMIT = 32767  # characters Excel holds in one cell; openpyxl refuses more
# Characters Excel refuses in a sheet name, each replaced by its full-width form, as Chinese text writes them.
SHEET_NAME_CHARACTERS = str.maketrans("/\\?*[]:", "／＼？＊［］：")
SHEET_NAME_LIMIT = 31


def sheet_title(text: str | None) -> str:
    """A sheet name Excel, WPS and openpyxl accept, made from a title: "2026年11月/12月通报" becomes
    "2026年11月／12月通报"; at most 31 characters; "工作表" if nothing is left."""
    name = re.sub(r"\s+", " ", plain_text(text or "").translate(SHEET_NAME_CHARACTERS)).strip().strip("'")
    # Excel counts UTF-16 units: a character outside the BMP (an emoji) takes two.
    while len(name.encode("utf-16-le")) > 2 * SHEET_NAME_LIMIT:
        name = name[:-1]
    name = name.rstrip().rstrip("'")
    # "History" is a name Excel keeps for itself.
    if not name or name.casefold() == "history":
        return gettext("Sheet")
    return name


def write_cell(cell, value) -> None:
    """Put a value in a cell; a string always as the text it is (see the module's docstring)."""
    if isinstance(value, str):
        text = plain_text(value)[:CELL_LIMIT]
        cell.value = text
        cell.data_type = "s"
        if text.startswith(FORMULA_START):
            cell.quotePrefix = True
    else:
        cell.value = value


@dataclass(frozen=True)
class Column:
    label: str
    width: int  # in characters of the body font
    centred: bool = False


def circulation_workbook(title: str, note: str, columns: Sequence[Column], rows: Iterable[Sequence]) -> bytes:
    """The list as an .xlsx file: ``rows`` hold one value per column (text, number, date or None)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(title)
    width = len(columns) + 1
    last = get_column_letter(width)

    sheet.merge_cells(f"A1:{last}1")
    write_cell(sheet["A1"], title)
    sheet["A1"].font, sheet["A1"].alignment = TITLE_FONT, Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 36
    sheet.merge_cells(f"A2:{last}2")
    write_cell(sheet["A2"], note)
    sheet["A2"].font, sheet["A2"].alignment = NOTE_FONT, Alignment(horizontal="right", vertical="center")

    headers = [Column(gettext("No."), 6, centred=True), *columns]
    for index, column in enumerate(headers, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=index)
        write_cell(cell, str(column.label))
        cell.font, cell.fill, cell.border, cell.alignment = HEADER_FONT, HEADER_FILL, BOX, CENTRED
        sheet.column_dimensions[get_column_letter(index)].width = column.width + 2

    for number, values in enumerate(rows, start=1):
        row = HEADER_ROW + number
        for index, (column, value) in enumerate(zip(headers, (number, *values)), start=1):
            cell = sheet.cell(row=row, column=index)
            write_cell(cell, value)
            if isinstance(value, datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(value, date):
                cell.number_format = DATE_FORMAT
            cell.font, cell.border = BODY_FONT, BOX
            cell.alignment = CENTRED if column.centred else WRAP

    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = gettext("Page &P of &N")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_text(headers: list[str], rows: list[list]) -> str:
    """A CSV table; a cell that a spreadsheet would read as a formula gets an apostrophe first (CSV
    has no way to say "text"), as Excel itself shows a typed '=…."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else
                         "" if value is None else value for value in row])
    return out.getvalue()


def table_workbook(title: str, headers: list[str], rows: list[list]) -> bytes:
    """A list as one sheet named for the screen, every string a text cell (write_cell); written row by
    row (openpyxl's write-only mode), so 50,000 rows take seconds, not a minute."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title(title))
    for values in [headers, *rows]:
        cells = [WriteOnlyCell(sheet) for _ in values]
        for cell, value in zip(cells, values):
            write_cell(cell, value)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
