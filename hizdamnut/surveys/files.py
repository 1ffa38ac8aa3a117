"""Reading the rows of a CSV (UTF-8, BOM accepted) or XLSX (first sheet) file as dicts, per FORMATS.md."""

import csv
from pathlib import Path


def read_rows(path):
    """(header, rows): rows are dicts of header → raw value (str for CSV; cell values for XLSX)."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        values = list(sheet.iter_rows(values_only=True))
        if not values:
            return [], []
        header = [str(cell).strip() if cell is not None else "" for cell in values[0]]
        rows = [dict(zip(header, row, strict=False)) for row in values[1:] if any(c not in (None, "") for c in row)]
        return header, rows
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [name.strip() for name in (reader.fieldnames or [])]
        rows = [{(k or "").strip(): v for k, v in row.items()} for row in reader if any((v or "").strip() for v in row.values() if isinstance(v, str))]
        return header, rows
