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
