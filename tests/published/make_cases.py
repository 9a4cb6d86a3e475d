#!/usr/bin/env python3
"""Rebuild a published inspection as case-level data.

Reads published.toml in each folder given (figures from the inspection report) and writes
cases.csv: one row per case, with disposal, risk of serious harm and safety-and-wellbeing
judgements chosen so that every sub-sample has exactly the published size, and answers that
give exactly the published yes / answered / not-applicable counts for every key question.

The counts are facts from the report; which case answered what is not published, so answers
are spread over the sample in a fixed rotation. The output is deterministic: run it again and
the file is byte-identical. ratebook's tests then rate cases.csv with the bundled ruleset and
expect every published figure.

    python3 tests/published/make_cases.py tests/published/luton-2020
"""
import sys
import tomllib
from pathlib import Path

COURT = ["referral_order", "youth_rehabilitation_order", "custody"]
OUT_OF_COURT = ["community_resolution", "youth_caution"]
NOT_LOW = ["medium", "high", "very_high"]


def domain_cases(prefix, sizes, disposals):
    """Cases whose sub-sample sizes match `sizes` exactly."""
    n = sizes["all"]
    ycc = sizes.get("ycc", 0)
    cases = []
    for i in range(n):
        if i < ycc:
            disposal = "youth_conditional_caution"
        else:
            disposal = disposals[i % len(disposals)]
        # The first `sw` cases have safety and wellbeing concerns, the last `rosh` a risk of
        # serious harm: the two overlap as they would in a real sample.
        sw = NOT_LOW[i % 3] if i < sizes["sw"] else "low"
        rosh = NOT_LOW[(i + 1) % 3] if i >= n - sizes["rosh"] else "low"
        cases.append({"case": f"{prefix}{i + 1:02d}", "disposal": disposal, "rosh": rosh, "safety_wellbeing": sw})
    return cases


def in_sample(question, case):
    kq = question.split(".")[2]
    standard = question.rsplit(".", 1)[0]
    if question == "3.4.2":
        return case["disposal"] == "youth_conditional_caution"
    if standard in ("2.1", "3.1") or kq == "1" or standard == "3.4":
        return True
    if kq == "2":
        return case["safety_wellbeing"] != "low"
    return case["rosh"] != "low"


def main(folder):
    folder = Path(folder)
    published = tomllib.loads((folder / "published.toml").read_text())
    sizes = published["domain_sizes"]
    court = domain_cases("C", sizes["court"], COURT)
    ooc = domain_cases("P", sizes["out_of_court"], OUT_OF_COURT)
    # Every case-based key question; 3.4 (joint working) has two.
    questions = [f"{d}.{s}.{q}" for d in "23" for s in "1234" for q in "123"
                 if not (d == "3" and s == "4" and q == "3")]
    for question in questions:
        cases = court if question.startswith("2.") else ooc
        sample = [c for c in cases if in_sample(question, c)]
        counts = published["key_questions"].get(question)
        if counts is None:
            assert not sample, f"{question}: published as not rated, but its sample has {len(sample)} cases"
            continue
        _, yes, answered, not_applicable = counts
        assert answered + not_applicable == len(sample), f"{question}: counts do not fit the sample"
        # Rotate where the answers start, so a different set of cases answers no each time.
        start = (sum(map(int, question.split("."))) * 7) % len(sample)
        ordered = sample[start:] + sample[:start]
        answers = ["yes"] * yes + ["no"] * (answered - yes) + ["n/a"] * not_applicable
        for case, answer in zip(ordered, answers):
            case[question] = answer
    header = ["case", "disposal", "rosh", "safety_wellbeing"] + questions
    lines = [",".join(header)]
    for case in court + ooc:
        lines.append(",".join(case.get(column, "") for column in header))
    (folder / "cases.csv").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    for folder in sys.argv[1:]:
        main(folder)
