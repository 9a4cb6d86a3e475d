"""The cases workbook `ratebook template RULES --format xlsx` writes, opened with openpyxl (a
reader other than the library that wrote it): the header frozen, and on every column with a
fixed set of values a drop-down that allows exactly what the rules allow.

    python tests/workbooks/template_validations.py target/debug/ratebook
"""

import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

ratebook = sys.argv[1]
answers = "yes,no,n/a"

with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "cases.xlsx"
    subprocess.run(
        [ratebook, "template", "hmip-youth-2019", "--format", "xlsx", "--output", str(path)],
        check=True,
    )
    header = subprocess.run(
        [ratebook, "template", "hmip-youth-2019"], check=True, capture_output=True, text=True
    ).stdout.strip().split(",")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Cases", "Columns"], book.sheetnames
    cases = book["Cases"]
    assert [c.value for c in cases[1]] == header, [c.value for c in cases[1]]
    assert cases.freeze_panes == "A2", cases.freeze_panes
    assert all(c.font.b for c in cases[1]), "the header is bold"

    # Each column's drop-down, by the column it covers.
    rules = {}
    for validation in cases.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            assert cell_range.min_row == 2 and cell_range.max_row == 1048576, cell_range
            assert cell_range.min_col == cell_range.max_col, cell_range
            rules[header[cell_range.min_col - 1]] = validation

    def allowed(column):
        validation = rules[column]
        assert validation.type == "list", (column, validation.type)
        return validation.formula1.strip('"')

    assert "case" not in rules, "the case id is any text"
    assert allowed("disposal") == (
        "referral_order,youth_rehabilitation_order,custody,"
        "community_resolution,youth_caution,youth_conditional_caution"
    )
    assert allowed("rosh") == "low,medium,high,very_high"
    assert allowed("looked_after") == "yes,no"
    assert rules["age"].type == "whole", rules["age"].type
    questions = [c for c in header if c[0].isdigit()]
    for column in questions:
        assert allowed(column) == answers, column
    print(
        f"openpyxl: {len(rules)} drop-downs over columns A to {get_column_letter(len(header))}; "
        f"{len(questions)} answer columns allow {answers}"
    )
