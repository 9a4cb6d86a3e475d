"""Every `--format xlsx` result opened with openpyxl (a reader other than the library that
wrote it), each figure checked against the JSON the same command gives: `rate`, `compare`,
`breakdown` and `test`. Every sheet's header is bold and frozen with a filter on it; counts
are numbers and percentages are numbers formatted as percentages.

    python tests/workbooks/results_read_back.py target/debug/ratebook
"""

import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

ratebook = sys.argv[1]
folder = Path(tempfile.mkdtemp())


def run(*args):
    """The command's JSON, and its workbook opened by openpyxl."""
    name = args[0]
    made = subprocess.run(
        [ratebook, *args, "--format", "json"], capture_output=True, text=True
    )
    path = folder / f"{name}.xlsx"
    written = subprocess.run(
        [ratebook, *args, "--format", "xlsx", "--output", str(path)],
        capture_output=True,
        text=True,
    )
    assert written.returncode == made.returncode, (written.stderr, made.returncode)
    assert written.stdout == "", written.stdout
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", (name, sheet.title, sheet.freeze_panes)
        assert all(c.font.b for c in sheet[1] if c.value), (name, sheet.title)
        if sheet.title != "About":
            assert sheet.auto_filter.ref, (name, sheet.title, "no filter")
    return json.loads(made.stdout), book


def rows(sheet):
    """A sheet's rows as dicts by header."""
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, [c for c in row])) for row in sheet.iter_rows(min_row=2)]


def percent(cell, exact):
    """A percentage cell: the figure over 100, formatted as a percentage."""
    if exact is None:
        assert cell.value is None, cell.value
        return
    assert "%" in cell.number_format, cell.number_format
    assert math.isclose(cell.value, exact / 100, rel_tol=1e-12, abs_tol=1e-12), (
        cell.value,
        exact,
    )


# rate: every standard's rating and score, every key question's n, yes, no, n/a, percentage
# and band, every overall rating.
document, book = run("rate", "--rules", "hmip-youth-2019", "examples/inspection.toml")
assert book.sheetnames == ["Ratings", "Key questions", "Prompts", "Overall", "About"]
ratings = rows(book["Ratings"])
questions = rows(book["Key questions"])
prompts = rows(book["Prompts"])
overall = rows(book["Overall"])
standards = [s for i in document["inspections"] for s in i["standards"]]
assert len(ratings) == len(standards)
for row, s in zip(ratings, standards):
    assert row["standard"].value == s["id"]
    assert row["rating"].value == s["rating"]
    assert row["score"].value == s["score"]
    assert row["rating before discretion"].value == s["base_rating"]
    if s.get("aggregation"):
        percent(row["percentage"], s["aggregation"]["percent"])
        assert row["shown %"].value * 100 == s["aggregation"]["shown_percent"]
asked = [(s["id"], q) for s in standards for q in s["key_questions"]]
assert len(questions) == len(asked)
for row, (standard, q) in zip(questions, asked):
    assert (row["standard"].value, row["key question"].value) == (standard, q["id"])
    for column, key in [("n", "sample"), ("yes", "yes"), ("no", "no"), ("n/a", "not_applicable")]:
        assert row[column].value == q[key], (q["id"], column)
        assert isinstance(row[column].value, int), (q["id"], column)
    percent(row["percentage"], q["percent"])
    assert row["band"].value == q["band"] and row["rating"].value == q["rating"]
assert len(prompts) == sum(len(q["prompts"]) for _, q in asked)
for row, i in zip(overall, document["inspections"]):
    assert row["rating"].value == i["overall"]["rating"]
    assert (row["score"].value, row["max"].value) == (i["overall"]["score"], i["overall"]["max"])
print(f"openpyxl: rate, {len(ratings)} standards and {len(questions)} key questions as the JSON gives them")

# compare: each ruleset's rating and score of every standard and the overall, each change,
# each transition.
document, book = run(
    "compare",
    "--rules", "hmip-youth-2019",
    "--rules", "examples/schemes/higher-thresholds.rules",
    "examples/inspection.toml",
)
assert book.sheetnames == ["Ratings", "Changes", "Transitions", "Summary", "About"]
ratings = rows(book["Ratings"])
expected = []
for i in document["inspections"]:
    for k, result in enumerate(i["results"]):
        for s in result["standards"]:
            expected.append((k, s["id"], s["rating"], s["score"]))
        expected.append((k, "overall", result["overall"]["rating"], result["overall"]["score"]))
got = [
    (r["ruleset_number"].value, r["item"].value, r["rating"].value, r["score"].value)
    for r in ratings
]
assert got == expected, (got, expected)
changes = rows(book["Changes"])
assert [(c["item"].value, c["from"].value, c["to"].value) for c in changes] == [
    (x["item"], x["from"], x["to"]) for i in document["inspections"] for x in i["changes"]
]
transitions = rows(book["Transitions"])
assert [(t["from"].value, t["to"].value, t["inspections"].value) for t in transitions] == [
    (t["from"], t["to"], t["count"]) for t in document["summary"]["overall_transitions"]
]
print(f"openpyxl: compare, {len(ratings)} ratings and {len(changes)} changes as the JSON gives them")

# breakdown: the question table's n and % yes, each sub-group table's groups and p-value.
document, book = run(
    "breakdown", "--rules", "tests/breakdown/research.rules", "tests/breakdown"
)
assert book.sheetnames[:2] == ["Profile", "Questions"]
assert book.sheetnames[2:-1] == [t["item"] for t in document["tables"]], book.sheetnames
table = rows(book["Questions"])
assert [r["item"].value for r in table] == [q["item"] for q in document["questions"]]
for row, q in zip(table, document["questions"]):
    if q["all"].get("suppressed"):
        assert row["All: n"].value == "–"
        continue
    assert row["All: n"].value == q["all"]["n"]
    percent(row["All: % yes"], q["all"].get("percent"))
for t in document["tables"]:
    sheet = rows(book[t["item"]])
    for by in t["by"]:
        mine = [r for r in sheet if r["grouping"].value == by["title"]]
        for row, group in zip(mine, by["groups"]):
            assert row["group"].value == group["group"]
            if group["suppressed"]:
                assert row["n"].value == "–"
                continue
            assert (row["n"].value, row["yes"].value) == (group["n"], group["yes"])
            percent(row["% yes"], group["percent"])
            percent(row["95% interval: low"], group["interval"][0])
            percent(row["95% interval: high"], group["interval"][1])
        if by["p_value"] is not None:
            assert math.isclose(mine[0]["p-value"].value, by["p_value"], rel_tol=1e-12)
print(f"openpyxl: breakdown, {len(table)} items and {len(document['tables'])} sub-group tables as the JSON gives them")

# test: each inspection's outcome and every published figure.
document, book = run("test", "--rules", "hmip-youth-2019", "tests/published")
inspections = rows(book["Inspections"])
assert [(r["inspection"].value, r["passed"].value) for r in inspections] == [
    (i["source"], "yes" if i["passed"] else "no") for i in document["inspections"]
]
figures = rows(book["Figures"])
assert figures and all(f["matches"].value == "yes" for f in figures)
assert sum(r["figures checked"].value for r in inspections) == len(figures)
print(f"openpyxl: test, {len(inspections)} inspections and {len(figures)} published figures as the JSON gives them")
