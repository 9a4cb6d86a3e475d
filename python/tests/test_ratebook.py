"""The Python package, as an analyst uses it: results equal the command line's JSON byte for
byte, problems raise RatebookError with every diagnostic, and the case-level table counts what
the ratings and the breakdown count, so a model fitted to it rests on the same cases.

    pytest python/tests   (from the checkout, with the package installed)
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

import ratebook

ROOT = Path(__file__).resolve().parents[2]
BINARY = os.environ.get("RATEBOOK", str(ROOT / "target" / "debug" / "ratebook"))


@pytest.fixture(autouse=True)
def in_the_checkout(monkeypatch):
    monkeypatch.chdir(ROOT)


def cli_json(*args):
    out = subprocess.run([BINARY, *args, "--format", "json"], capture_output=True, text=True)
    return out.stdout


def dumped(result):
    return json.dumps(result, indent=2, ensure_ascii=False) + "\n"


def same(a, b):
    """Equal, but for floats within 1e-12 of each other: a p-value computed by an optimised
    build (this package) and an unoptimised one (a debug program) may differ in its last
    digit."""
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-12 * max(1.0, abs(a), abs(b))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def test_rate_gives_the_command_lines_json_byte_for_byte():
    result = ratebook.rate("hmip-youth-2019", ["examples/inspection.toml"])
    assert result["inspections"][0]["overall"]["rating"] == "Good"
    assert dumped(result) == cli_json("rate", "--rules", "hmip-youth-2019", "examples/inspection.toml")


def test_compare_breakdown_and_test_give_the_command_lines_json():
    schemes = ["hmip-youth-2019", "examples/schemes/higher-thresholds.rules"]
    compared = ratebook.compare(schemes, ["tests/published"])
    args = ["compare", "--rules", schemes[0], "--rules", schemes[1], "tests/published"]
    assert dumped(compared) == cli_json(*args)
    pooled = ratebook.breakdown("tests/breakdown/research.rules", "tests/breakdown")
    cli = cli_json("breakdown", "--rules", "tests/breakdown/research.rules", "tests/breakdown")
    assert same(pooled, json.loads(cli))
    tested = ratebook.test("hmip-youth-2019", ["tests/published"])
    assert tested["failed"] == 0 and tested["passed"] == 2


def test_rules_may_be_given_as_their_text():
    text = (ROOT / "rules" / "hmip-youth-2019.rules").read_text()
    assert ratebook.check(text) == []
    by_text = ratebook.rate(text, ["examples/inspection.toml"])
    by_name = ratebook.rate("hmip-youth-2019", ["examples/inspection.toml"])
    assert by_text["inspections"] == by_name["inspections"]


def test_a_problem_raises_ratebook_error_with_every_diagnostic():
    text = (ROOT / "rules" / "hmip-youth-2019.rules").read_text()
    broken = text.replace("using sufficiency", "using sufficency", 2)
    problems = ratebook.check(broken)
    assert len(problems) == 2 and all(p["severity"] == "error" for p in problems)
    assert problems[0]["code"].startswith("ratebook::check::")
    assert problems[0]["file"] == "<rules>" and problems[0]["line"] > 1
    with pytest.raises(ratebook.RatebookError) as raised:
        ratebook.rate(broken, ["examples/inspection.toml"])
    assert len(raised.value.problems) == 2
    assert "sufficency" in str(raised.value)
    with pytest.raises(ratebook.RatebookError):
        ratebook.rate("hmip-youth-2019", ["no/such/inspection.toml"])


def test_the_cases_table_has_the_command_lines_columns_in_order():
    df = ratebook.cases("hmip-youth-2019", ["examples/inspection.toml"])
    out = subprocess.run(
        [BINARY, "cases", "--rules", "hmip-youth-2019", "examples/inspection.toml"],
        capture_output=True,
        text=True,
    )
    assert ",".join(df.columns) == out.stdout.splitlines()[0]
    assert len(df) == len(out.stdout.splitlines()) - 1


def test_the_cases_table_counts_what_the_breakdown_counts():
    df = ratebook.cases("tests/breakdown/research.rules", ["tests/breakdown"])
    assert list(df.columns[:10]) == [
        "inspection", "provider", "case", "domain", "standard", "item", "kind",
        "counted", "why_not", "answer",
    ]
    pooled = ratebook.breakdown("tests/breakdown/research.rules", ["tests/breakdown"])
    compared = 0
    for q in pooled["questions"]:
        if not q["item"][0].isdigit() or q["all"].get("suppressed"):
            continue
        counted = df[(df["item"] == q["item"]) & (df["counted"] == "yes")]
        assert len(counted) == q["all"]["n"], q["item"]
        assert (counted["answer"] == "yes").sum() == q["all"]["yes"], q["item"]
        compared += 1
    assert compared >= 4


def test_a_logistic_regression_on_the_cases_table_rests_on_the_breakdowns_cases():
    """The README's example: key question 2.2.3 (planning to keep other people safe) on high
    risk of serious harm, over the published inspections' cases."""
    import warnings

    import statsmodels.api as sm

    df = ratebook.cases("hmip-youth-2019", ["tests/published"])
    asked = df[(df["item"] == "2.2.3") & (df["counted"] == "yes")].copy()
    asked["yes"] = (asked["answer"] == "yes").astype(float)
    asked["high_risk"] = asked["rosh"].isin(["high", "very_high"]).astype(float)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a model that does not converge fails the test
        model = sm.Logit(asked["yes"], sm.add_constant(asked[["high_risk"]])).fit(disp=0)
    pooled = ratebook.breakdown("hmip-youth-2019", ["tests/published"])
    row = next(q for q in pooled["questions"] if q["item"] == "2.2.3")
    assert model.nobs == row["all"]["n"]
    assert asked["yes"].sum() == row["all"]["yes"]


def test_a_result_shows_in_jupyter_as_its_page():
    result = ratebook.rate("hmip-youth-2019", ["examples/inspection.toml"])
    page = result._repr_html_()
    out = subprocess.run(
        [BINARY, "rate", "--rules", "hmip-youth-2019", "--format", "html", "examples/inspection.toml"],
        capture_output=True,
        text=True,
    )
    assert page == out.stdout
    assert page.startswith("<!DOCTYPE html>")
