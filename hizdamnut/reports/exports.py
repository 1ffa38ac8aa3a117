"""Any table → Excel or PDF, so every report downloads the same way.

A `Table` is a title, column headers and rows of typed values (int, float, Decimal, date, str, None).
Excel gets real numbers and dates (never numbers as text) and a right-to-left sheet when the text is
Hebrew. The PDF uses the committed DejaVu Sans font (it has both Hebrew and Latin glyphs) and
python-bidi to put Hebrew into visual order, right-aligned; a missing value prints as "—".
"""

import datetime
import functools
import io
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from hizdamnut.bulk import neutralize, neutralized

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
MISSING = "—"
HEBREW = re.compile(r"[\u0590-\u05FF]")


@dataclass
class Table:
    title: str
    columns: list
    rows: list
    # Optional number formats per column index, e.g. {2: "0.0"} (Excel) — display only, values stay numbers.
    number_formats: dict = field(default_factory=dict)
    note: str = ""
    # Columns holding percentages: Excel keeps the number (45.5) and shows 45.5%; the PDF prints "45.5%".
    percent_columns: set = field(default_factory=set)
    code: str = ""  # how a report picks a table, never by its position
    compares_centers: bool = False  # a comparison between centers: left out of a one-center report
    as_of_today: bool = False  # today's figures, not the period's: left out of a report for a past period


def is_hebrew(*texts):
    return any(HEBREW.search(str(text or "")) for text in texts)


def _tables_are_hebrew(tables, title=""):
    return is_hebrew(title, *(t.title for t in tables), *(c for t in tables for c in t.columns))


# ---------------------------------------------------------------- Excel

def _cut_at_word(text, size):
    """At most `size` characters, cut between words rather than inside one (Excel's 31-character sheet names)."""
    text = " ".join(text.split())
    if len(text) <= size:
        return text
    cut = text[: size + 1].rsplit(" ", 1)[0] if " " in text[: size + 1] else text[:size]
    return cut.rstrip(" –-:,·")


def _sheet_name(title, used):
    name = _cut_at_word(re.sub(r"[\[\]:*?/\\]", " ", str(title)), 31) or "Sheet"
    base, n = name, 2
    while name in used:
        suffix = f" ({n})"
        name, n = _cut_at_word(base, 31 - len(suffix)) + suffix, n + 1
    used.add(name)
    return name


def to_xlsx(tables, title="", about=(), progress=None):
    """The tables as an .xlsx file (bytes), one sheet per table; `about` ((label, value) pairs: center, period,
    filters, generation time) stands beside the first table, so the first sheet says what the file holds.
    `progress(done, total)` is told after each sheet (a background export shows it)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    rtl = _tables_are_hebrew(tables, title)
    used = set()
    for table in tables:
        sheet = workbook.create_sheet(_sheet_name(table.title, used))
        sheet.sheet_view.rightToLeft = rtl
        sheet.append(neutralized(str(c) for c in table.columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table.rows:
            sheet.append([_excel_value(value) for value in row])
        widths = [len(str(c)) for c in table.columns]
        for row_index, row in enumerate(table.rows, start=2):
            for col_index, value in enumerate(row):
                cell = sheet.cell(row=row_index, column=col_index + 1)
                if isinstance(value, datetime.date):
                    cell.number_format = "yyyy-mm-dd"
                elif col_index in table.percent_columns and isinstance(value, int | float | Decimal):
                    cell.number_format = '0.0"%"'
                elif col_index in table.number_formats and isinstance(value, int | float | Decimal):
                    cell.number_format = table.number_formats[col_index]
                widths[col_index] = max(widths[col_index], len(str(value if value is not None else MISSING)))
        for col_index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(col_index)].width = min(max(width + 2, 8), 60)
        sheet.freeze_panes = "A2"
        if about and table is tables[0]:
            _write_about(sheet, about, first_column=len(table.columns) + 2)
        if progress is not None:
            progress(len(used), len(tables))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_about(sheet, about, *, first_column):
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for row, (label, value) in enumerate(about, start=1):
        sheet.cell(row=row, column=first_column, value=str(label)).font = Font(bold=True)
        cell = sheet.cell(row=row, column=first_column + 1, value=_excel_value(value))
        if isinstance(value, datetime.datetime):
            cell.number_format = "dd/mm/yyyy hh:mm"
        elif isinstance(value, datetime.date):
            cell.number_format = "dd/mm/yyyy"
    sheet.column_dimensions[get_column_letter(first_column)].width = max(len(str(label)) for label, _ in about) + 2
    sheet.column_dimensions[get_column_letter(first_column + 1)].width = min(
        max(len(format_cell(value)) for _, value in about) + 2, 80)


def _excel_value(value):
    if value is None:
        return MISSING
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, bool | int | float | datetime.date):
        return value
    return neutralize(str(value))


# ---------------------------------------------------------------- PDF

_fonts_registered = False


def _register_fonts():
    global _fonts_registered
    if _fonts_registered:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
    _fonts_registered = True


MIRRORED = str.maketrans("()[]{}<>", ")(][}{><")


def visual(text):
    """Text in the order a PDF draws it: Hebrew runs reversed by the bidi algorithm, numbers kept.

    python-bidi reorders but does not mirror brackets, so "(NTN)" would print as ")NTN(": we mirror them.
    """
    from bidi import get_display

    text = str(text)
    return get_display(text, base_dir="R").translate(MIRRORED) if is_hebrew(text) else text


def wrap_logical(text, font_name, font_size, width):
    """Breaks text into lines in reading order, before reordering (so the first words stay on line one)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines = []
    for paragraph in str(text).split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if line and stringWidth(candidate, font_name, font_size) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


def format_cell(value):
    """How a value prints in a PDF or page: "—" for missing, dates as DD/MM/YYYY, numbers as given."""
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return f"{value:g}" if value == int(value) and abs(value) < 1e15 else f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


PLAIN_CELLS = (int, float, Decimal, datetime.date)  # bool is an int; datetime a date


def _figure_or_paragraph(value, percent, paragraph, one_line=None):
    """A PDF table cell: a figure as plain text; text too when `one_line(text)` gives it as a line that fits its
    column (in the order it is drawn); any other text as `paragraph(text)`, which wraps."""
    text = format_cell(value) + ("%" if percent and value is not None else "")
    if value is None or isinstance(value, PLAIN_CELLS):
        return text
    line = one_line(text) if one_line is not None else None
    return paragraph(text) if line is None else line


# A table cell's padding (reportlab's defaults): a line of text leaves the sides free in its column, and a row of
# plain lines is one leading high plus the top and bottom.
CELL_PADDING, CELL_PADDING_TOP_BOTTOM = 6, 3


def pdf_story(tables, title="", subtitle="", rtl=None, about=(), frame_width=None):
    """Reportlab flowables for a title and tables; the yearly report builds on this. `frame_width` (points) lets
    a short text cell print as a plain line, not a paragraph."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph, Spacer, TableStyle
    from reportlab.platypus import Table as PdfTable

    _register_fonts()
    RightToLeftParagraph = _right_to_left_paragraph_class()  # noqa: N806
    rtl = _tables_are_hebrew(tables, title) if rtl is None else rtl
    align = TA_RIGHT if rtl else TA_LEFT
    heading = ParagraphStyle("h", fontName=FONT_BOLD, fontSize=16, leading=20, alignment=align, spaceAfter=6)
    subheading = ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=12, leading=16, alignment=align, spaceBefore=10,
                                spaceAfter=4, keepWithNext=1)  # a table's title never ends a page alone
    body = ParagraphStyle("b", fontName=FONT, fontSize=9, leading=12, alignment=align)
    cell = ParagraphStyle("c", fontName=FONT, fontSize=8.5, leading=11, alignment=align)
    head_cell = ParagraphStyle("hc", parent=cell, fontName=FONT_BOLD)

    def para(text, style):
        return RightToLeftParagraph(text, style) if rtl and is_hebrew(text) else Paragraph(_escape(str(text)), style)

    def one_line(room, font=FONT):
        """For a column `room` points wide: a text that fits on one line, as drawn (None: it needs wrapping)."""
        def line(text):
            if "\n" in text:
                return None
            text = " ".join(text.split())  # spaces as a paragraph draws them
            # the point RightToLeftParagraph keeps free too, so a text wraps where its paragraph would
            if stringWidth(text, font, cell.fontSize) > room - 2 * CELL_PADDING - 1:
                return None
            return visual(text) if rtl else text
        return line

    story = []
    if title:
        story.append(para(title, heading))
    if subtitle:
        story.append(para(subtitle, body))
    for label, value in about:
        story.append(para(f"{label}: {format_cell(value)}", body))
    for table in (part for whole in tables for part in _pdf_parts(whole)):
        story.append(para(table.title, subheading))
        if table.note:
            story.append(para(table.note, body))
        # A figure, or a text that fits its column, is one line: a plain cell (the table's fonts and alignment
        # below). Only longer text is a paragraph, which wraps and reorders Hebrew (laying out a paragraph per
        # cell was most of the time of a national PDF).
        widths = _column_widths(len(table.columns))
        rooms = [frame_width * float(w.rstrip("%")) / 100 for w in widths] if widths and frame_width else None
        lines = [one_line(room) for room in rooms] if rooms else [None] * len(table.columns)
        heads = [one_line(room, FONT_BOLD) for room in rooms] if rooms else [None] * len(table.columns)
        data = [[_figure_or_paragraph(str(c), False, lambda text: para(text, head_cell), heads[i])
                 for i, c in enumerate(table.columns)]]
        data += [[_figure_or_paragraph(v, i in table.percent_columns, lambda text: para(text, cell), lines[i])
                  for i, v in enumerate(row)] for row in table.rows]
        if rtl:  # the first column stands on the right in a Hebrew report
            data = [list(reversed(row)) for row in data]
            widths = list(reversed(widths)) if widths else None
        # A row of plain lines has a known height; reportlab measures only the others (the headings, paragraphs),
        # where it looked for each unmeasured row from the table's start again.
        heights = [style.leading + 2 * CELL_PADDING_TOP_BOTTOM if all(isinstance(v, str) for v in row) else None
                   for style, row in zip([head_cell] + [cell] * (len(data) - 1), data, strict=True)]
        pdf_table = PdfTable(data, colWidths=widths, rowHeights=heights, repeatRows=1,
                             hAlign="RIGHT" if rtl else "LEFT")
        pdf_table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9e9e9e")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e3f2fd")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, head_cell.fontSize, head_cell.leading),
            ("FONT", (0, 1), (-1, -1), FONT, cell.fontSize, cell.leading),
            ("ALIGN", (0, 0), (-1, -1), "RIGHT" if rtl else "LEFT"),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f5f5f5")]),
        ]))
        story.append(pdf_table)
        story.append(Spacer(1, 6))
    return story


# A page holds this many columns legibly (landscape A4, 8.5 pt); a wider table, such as one column per center in
# a national comparison, is printed in parts that each repeat the row names (reportlab cannot shrink it further).
PDF_MAX_COLUMNS = 14


def _pdf_parts(table):
    """The table as the PDF prints it: whole, or in parts of at most PDF_MAX_COLUMNS columns (the first repeated)."""
    if len(table.columns) <= PDF_MAX_COLUMNS:
        return [table]
    step = PDF_MAX_COLUMNS - 1
    starts = range(1, len(table.columns), step)
    return [
        replace(table, title=f"{table.title} ({n}/{len(starts)})",
                columns=[table.columns[0], *table.columns[start:start + step]],
                rows=[[row[0], *row[start:start + step]] for row in table.rows],
                percent_columns={i - start + 1 for i in table.percent_columns if start <= i < start + step},
                note=table.note if n == 1 else "")
        for n, start in enumerate(starts, start=1)
    ]


def _column_widths(n):
    """Wide tables span the page, their first column (the row's name) wider than the figures."""
    if n < 4:
        return None
    first = 22 if n > 8 else 28
    return [f"{first}%"] + [f"{(100 - first) / (n - 1):.2f}%"] * (n - 1)


@functools.cache
def _right_to_left_paragraph_class():
    from reportlab.platypus import Paragraph

    class RightToLeftParagraph(Paragraph):
        """A Hebrew paragraph: wrapped in reading order at the width it gets, then each line reordered."""

        def __init__(self, text, style):
            self.logical_text = str(text)
            super().__init__(_escape(visual(self.logical_text)), style)

        def wrap(self, avail_width, avail_height):
            lines = wrap_logical(self.logical_text, self.style.fontName, self.style.fontSize, avail_width - 1)
            Paragraph.__init__(self, "<br/>".join(_escape(visual(line)) for line in lines), self.style)
            return super().wrap(avail_width, avail_height)

    return RightToLeftParagraph


def to_pdf(tables, title="", subtitle="", landscape_page=False, about=(), progress=None):
    """The tables as a PDF (bytes) with Hebrew in visual order, right-aligned; `progress(done, total)` is told as
    reportlab lays out each piece (title, table, note) on its pages."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate

    buffer = io.BytesIO()
    pagesize = landscape(A4) if landscape_page else A4
    document = SimpleDocTemplate(buffer, pagesize=pagesize, title=title, leftMargin=36, rightMargin=36,
                                 topMargin=36, bottomMargin=36)
    story = pdf_story(tables, title, subtitle, about=about,
                      frame_width=pagesize[0] - document.leftMargin - document.rightMargin)
    if progress is not None:
        document.setProgressCallBack(_layout_progress(progress, len(story)))
    document.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return buffer.getvalue()


def _layout_progress(progress, total):
    """reportlab counts the pieces laid out so far; a table split across pages adds pieces, so the count can
    step back: the bar only moves forward."""
    reached = 0

    def on_progress(kind, value):
        nonlocal reached
        if kind == "PROGRESS" and min(value, total) > reached:
            reached = min(value, total)
            progress(reached, total)

    return on_progress


def _page_number(canvas, document):
    _register_fonts()
    canvas.saveState()
    canvas.setFont(FONT, 8)
    canvas.drawCentredString(document.pagesize[0] / 2, 20, str(document.page))
    canvas.restoreState()


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_TYPE = "application/pdf"


FILE_FORMATS = {"xlsx": XLSX_TYPE, "pdf": PDF_TYPE}


def render_file(tables, *, file_format, title="", subtitle="", landscape_page=True, about=(), progress=None):
    """The tables as .xlsx or .pdf bytes (landscape unless told otherwise); `about` says what the file holds on its
    first sheet and first page; `progress(done, total)` follows the writing (see to_xlsx, to_pdf)."""
    from django.http import Http404

    if file_format == "xlsx":
        return to_xlsx(tables, title, about=about, progress=progress)
    if file_format == "pdf":
        return to_pdf(tables, title, subtitle, landscape_page=landscape_page, about=about, progress=progress)
    raise Http404


def download(tables, *, filename, file_format, title="", subtitle="", landscape_page=True, about=()):
    """An HttpResponse with the tables as .xlsx or .pdf (see render_file)."""
    from django.http import HttpResponse

    content = render_file(tables, file_format=file_format, title=title, subtitle=subtitle,
                          landscape_page=landscape_page, about=about)
    response = HttpResponse(content, content_type=FILE_FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response
