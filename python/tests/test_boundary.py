"""The Python boundary under strain, as a notebook meets it: a damaged workbook raises
RatebookError and the interpreter lives on; a long call lets other threads run and Ctrl-C
through; no panic reaches Python as one; arguments of the wrong type are TypeErrors that say
what was expected.

    pytest python/tests   (from the checkout, with the package installed)
"""

import _thread
import shutil
import threading
import time
import zipfile
from pathlib import Path

import pytest

import ratebook
from ratebook import _ratebook

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def in_the_checkout(monkeypatch):
    monkeypatch.chdir(ROOT)


def inspection_with(folder, cases_name):
    toml = (ROOT / "examples" / "inspection.toml").read_text()
    toml = toml.replace('cases = "cases.csv"', f'cases = "{cases_name}"')
    path = folder / "inspection.toml"
    path.write_text(toml)
    return path


def xlsx(path, sheet_rows):
    """A minimal .xlsx around a sheet's rows, written part by part."""
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Cases" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_rows}</sheetData></worksheet>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)


def test_a_damaged_workbook_raises_and_the_interpreter_lives_on(tmp_path):
    far = '<row r="1"><c r="A1" t="inlineStr"><is><t>case</t></is></c></row><row r="2"><c r="A99999999999"><v>1</v></c></row>'
    xlsx(tmp_path / "cases.xlsx", far)
    inspection = inspection_with(tmp_path, "cases.xlsx")
    with pytest.raises(ratebook.RatebookError) as raised:
        ratebook.rate("hmip-youth-2019", inspection)
    assert any(p["code"] == "ratebook::inspection::workbook" for p in raised.value.problems)
    # An .ods whose content stops inside a sheet: refused at once, not read for ever.
    ods = tmp_path / "cases.ods"
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr(
            "content.xml",
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body>'
            '<office:spreadsheet><table:table table:name="Cases"><table:table-row>',
        )
    inspection = inspection_with(tmp_path, "cases.ods")
    with pytest.raises(ratebook.RatebookError) as raised:
        ratebook.rate("hmip-youth-2019", inspection)
    assert "stops inside a sheet" in str(raised.value.problems)
    # The interpreter, and the package, go on.
    assert ratebook.rate("hmip-youth-2019", "examples/inspection.toml")["inspections"]


@pytest.fixture(scope="module")
def a_long_call(tmp_path_factory):
    """Arguments for a call that takes a while: one inspection of 20,000 cases, named many
    times over."""
    folder = tmp_path_factory.mktemp("long")
    lines = (ROOT / "examples" / "cases.csv").read_text().splitlines()
    header, rows = lines[0], lines[1:]
    with open(folder / "cases.csv", "w") as out:
        out.write(header + "\n")
        for n in range(20_000):
            row = rows[n % len(rows)].split(",", 1)
            out.write(f"C{n:06},{row[1]}\n")
    inspection = inspection_with(folder, "cases.csv")
    return "hmip-youth-2019", [str(inspection)] * 60


def test_a_long_call_lets_other_threads_run(a_long_call):
    rules, inspections = a_long_call
    finished = threading.Event()

    def work():
        _ratebook.rate(rules, inspections, False)
        finished.set()

    worker = threading.Thread(target=work)
    worker.start()
    counted = 0
    while not finished.is_set():
        counted += 1
    worker.join()
    # With the interpreter held for the whole call, this thread could not have counted at all.
    assert counted > 10_000, counted


def test_ctrl_c_interrupts_a_long_call(a_long_call):
    rules, inspections = a_long_call
    started = time.monotonic()
    _ratebook.rate(rules, inspections, False)
    whole = time.monotonic() - started

    timer = threading.Timer(0.05, _thread.interrupt_main)
    started = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        _ratebook.rate(rules, inspections, False)
    interrupted = time.monotonic() - started
    timer.join()
    # The call stopped waiting for its work, rather than finishing it.
    assert interrupted < whole / 2, (interrupted, whole)


def test_no_panic_reaches_python_as_one():
    with pytest.raises(ratebook.RatebookError) as raised:
        ratebook._call(_ratebook._panic_inside)
    assert "internal error" in str(raised.value)


def test_every_call_raises_only_ratebook_error(monkeypatch):
    # Whatever goes wrong inside, each public function raises RatebookError, never the
    # native module's own exception: here every native call fails as a fault inside would.
    def failing(*args):
        return _ratebook._panic_inside()

    calls = {
        "check": lambda: ratebook.check("hmip-youth-2019"),
        "rate": lambda: ratebook.rate("hmip-youth-2019", "examples/inspection.toml"),
        "compare": lambda: ratebook.compare(["hmip-youth-2019"] * 2, "examples/inspection.toml"),
        "breakdown": lambda: ratebook.breakdown("hmip-youth-2019", "examples/inspection.toml"),
        "test": lambda: ratebook.test("hmip-youth-2019", "tests/published"),
        "cases": lambda: ratebook.cases("hmip-youth-2019", "examples/inspection.toml"),
    }
    for name, call in calls.items():
        monkeypatch.setattr(_ratebook, name, failing)
        with pytest.raises(ratebook.RatebookError):
            call()


@pytest.mark.parametrize(
    "call, expected",
    [
        (lambda: ratebook.rate(5, "examples/inspection.toml"), "rules (a path, a bundled ruleset's name or rule text) must be a str or os.PathLike, not int"),
        (lambda: ratebook.rate(None, "examples/inspection.toml"), "not NoneType"),
        (lambda: ratebook.rate("hmip-youth-2019", 7), "inspections must be a path (str or os.PathLike) or a list of paths, not int"),
        (lambda: ratebook.rate("hmip-youth-2019", b"examples"), "not bytes"),
        (lambda: ratebook.rate("hmip-youth-2019", ["examples/inspection.toml", 3]), "each inspection must be a str or os.PathLike, not int"),
        (lambda: ratebook.compare("hmip-youth-2019", "tests/published"), "rules must be a list of two or more rulesets, not str"),
        (lambda: ratebook.check(["hmip-youth-2019"]), "not list"),
    ],
)
def test_arguments_of_the_wrong_type_are_type_errors(call, expected):
    with pytest.raises(TypeError) as raised:
        call()
    assert expected in str(raised.value)


def test_paths_may_be_path_objects():
    by_path = ratebook.rate(Path("rules/hmip-youth-2019.rules"), Path("examples/inspection.toml"))
    by_text = ratebook.rate("rules/hmip-youth-2019.rules", "examples/inspection.toml")
    assert by_path["inspections"] == by_text["inspections"]
