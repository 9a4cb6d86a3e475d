"""The reference a pandas user would write: rate inspections under the 2019 youth ruleset
(rules/hmip-youth-2019.rules) by hand, for timing beside `ratebook rate` on the same files.

    python3 benches/pandas_rate.py INSPECTION.toml...

For each inspection: read the TOML and the cases CSV, count each key question's yes and no
answers over its domain and sample, band the lowest percentage of each standard (rounded
half up), take the judged standards from the file, add the scores and band the total. It
prints one line per inspection: provider, standard ratings, overall rating and score. It does
no checking of the input, no discretion, margins or explanation, so it does less than ratebook.
"""

import sys
import tomllib
from pathlib import Path

import pandas as pd

SCALE = ["Inadequate", "Requires improvement", "Good", "Outstanding"]
COURT = ["referral_order", "youth_rehabilitation_order", "custody"]
OUT_OF_COURT = ["community_resolution", "youth_caution", "youth_conditional_caution"]


def not_low(field):
    return lambda cases: cases[field] != "low"


CONDITIONAL = lambda cases: cases["disposal"] == "youth_conditional_caution"  # noqa: E731

# Standard: (domain disposals, [(key question, sample filter or None)]).
STANDARDS = {
    "2.1": (COURT, [("2.1.1", None), ("2.1.2", None), ("2.1.3", None)]),
    "2.2": (COURT, [("2.2.1", None), ("2.2.2", not_low("safety_wellbeing")), ("2.2.3", not_low("rosh"))]),
    "2.3": (COURT, [("2.3.1", None), ("2.3.2", not_low("safety_wellbeing")), ("2.3.3", not_low("rosh"))]),
    "2.4": (COURT, [("2.4.1", None), ("2.4.2", not_low("safety_wellbeing")), ("2.4.3", not_low("rosh"))]),
    "3.1": (OUT_OF_COURT, [("3.1.1", None), ("3.1.2", None), ("3.1.3", None)]),
    "3.2": (OUT_OF_COURT, [("3.2.1", None), ("3.2.2", not_low("safety_wellbeing")), ("3.2.3", not_low("rosh"))]),
    "3.3": (OUT_OF_COURT, [("3.3.1", None), ("3.3.2", not_low("safety_wellbeing")), ("3.3.3", not_low("rosh"))]),
    "3.4": (OUT_OF_COURT, [("3.4.1", None), ("3.4.2", CONDITIONAL)]),
}


def band(percent):
    shown = int(percent + 0.5)  # half up
    if shown >= 80:
        return 3
    if shown >= 65:
        return 2
    if shown >= 50:
        return 1
    return 0


def overall(score):
    if score <= 6:
        return 0
    if score <= 18:
        return 1
    if score <= 30:
        return 2
    return 3


def rate(path):
    inspection = tomllib.loads(Path(path).read_text())
    cases = pd.read_csv(Path(path).parent / inspection["cases"], dtype=str, keep_default_na=False)
    ratings = {}
    for standard, label in inspection.get("judged", {}).items():
        ratings[standard] = SCALE.index(label)
    domains = {}
    for standard, (disposals, questions) in STANDARDS.items():
        key = tuple(disposals)
        if key not in domains:
            domains[key] = cases[cases["disposal"].isin(disposals)]
        domain = domains[key]
        percents = []
        for question, sample in questions:
            counted = domain if sample is None else domain[sample(domain)]
            answers = counted[question].str.lower()
            yes = int((answers == "yes").sum())
            answered = yes + int((answers == "no").sum())
            if answered:
                percents.append(100 * yes / answered)
        if percents:
            ratings[standard] = band(min(percents))
    score = sum(ratings.values())
    standards = ", ".join(f"{s} {SCALE[r]}" for s, r in sorted(ratings.items()))
    return f"{inspection['provider']}: {standards}; overall {SCALE[overall(score)]} {score}"


if __name__ == "__main__":
    for path in sys.argv[1:]:
        print(rate(path))
