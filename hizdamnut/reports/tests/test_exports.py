def test_a_table_wider_than_a_page_is_printed_in_parts_that_repeat_the_row_names():
    """A national comparison of 60 centers used to fail in reportlab ("negative availWidth"): a 500."""
    from hizdamnut.reports.exports import PDF_MAX_COLUMNS, Table, _pdf_parts, to_pdf

    columns = ["מדד"] + [f"מרכז {n}" for n in range(60)]
    table = Table("השוואה", columns, [["שיעור השמה"] + list(range(60))], percent_columns={1, 59})
    parts = _pdf_parts(table)
    assert len(parts) == 5 and all(len(p.columns) <= PDF_MAX_COLUMNS for p in parts)
    assert all(p.columns[0] == "מדד" and p.rows[0][0] == "שיעור השמה" for p in parts)
    assert [c for p in parts for c in p.columns[1:]] == columns[1:]
    assert parts[0].percent_columns == {1} and parts[-1].percent_columns == {59 - 4 * 13}
    assert to_pdf([table], title="השוואה").startswith(b"%PDF")


def test_a_short_text_cell_prints_as_a_line_in_drawing_order_and_a_long_one_as_a_paragraph_that_wraps():
    """Laying a paragraph out for each worker's name was half the time of a national PDF: a text that fits its
    column is a plain line, reordered for Hebrew as the paragraph was."""
    from reportlab.platypus import Paragraph
    from reportlab.platypus import Table as PdfTable

    from hizdamnut.reports.exports import Table, pdf_story, visual

    long_name = "שם ארוך מאוד של תוכנית " * 10
    table = Table("צוות", ["איש/אשת צוות", "מרכזים", "משתתפים", "משימות"],
                  [["אחמד  אלון ", "C052", 835, 17], [long_name, "C057", 1, 0]])  # spaces as a paragraph has them

    def pdf_table(story):
        return next(flowable for flowable in story if isinstance(flowable, PdfTable))

    laid_out = pdf_table(pdf_story([table], frame_width=770))
    rows = laid_out._cellvalues  # a Hebrew table: the first column stands last
    assert rows[0][-1] == visual("איש/אשת צוות") and rows[1][-1] == visual("אחמד אלון") != "אחמד אלון"
    assert rows[1][-2] == "C052" and isinstance(rows[2][-1], Paragraph)
    # rows of lines have their height given; reportlab measures the row with a paragraph
    assert laid_out._argH == [17, 17, None]
    assert isinstance(pdf_table(pdf_story([table]))._cellvalues[1][-1], Paragraph)  # no width: as before
