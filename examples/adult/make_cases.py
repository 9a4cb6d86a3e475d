"""Write the cases files of the adult example inspections.

Each example is fictional. Its cases are built so that every key question has a chosen number
of yes answers out of its sample (the rest answer no), which gives the standard ratings each
inspection.toml records. Run from this folder: python3 make_cases.py
"""

import csv

# Per example: the samples (case type, how many cases, extra fields) and, per key question,
# its sample's case type and how many of those cases answer yes.
EXAMPLES = {
    "nps": {
        "prefix": "NPS",
        "samples": [("supervision", 20), ("court_report", 8), ("victim_work", 6)],
        "fields": ["case_type"],
        "yes": {
            # 2.1 Good (lowest 70%), 2.2 Requires improvement (60%), 2.3 Good, 2.4 Good
            "2.1.1": ("supervision", 15), "2.1.2": ("supervision", 16), "2.1.3": ("supervision", 14),
            "2.2.1": ("supervision", 15), "2.2.2": ("supervision", 12), "2.2.3": ("supervision", 14),
            "2.3.1": ("supervision", 16), "2.3.2": ("supervision", 14), "2.3.3": ("supervision", 15),
            "2.4.1": ("supervision", 14), "2.4.2": ("supervision", 15), "2.4.3": ("supervision", 14),
            # 3.1 Good (6 of 8 = 75%), 3.2 Outstanding (6 of 6)
            "3.1.1": ("court_report", 6), "3.2.1": ("victim_work", 6),
        },
    },
    "crc": {
        "prefix": "CRC",
        "samples": [("supervision", 20), ("unpaid_work", 10), ("through_the_gate", 8)],
        "fields": ["case_type"],
        "yes": {
            # 2.1 Good, 2.2 Requires improvement, 2.3 Requires improvement, 2.4 Good
            "2.1.1": ("supervision", 15), "2.1.2": ("supervision", 14), "2.1.3": ("supervision", 14),
            "2.2.1": ("supervision", 13), "2.2.2": ("supervision", 12), "2.2.3": ("supervision", 11),
            "2.3.1": ("supervision", 12), "2.3.2": ("supervision", 14), "2.3.3": ("supervision", 11),
            "2.4.1": ("supervision", 14), "2.4.2": ("supervision", 16), "2.4.3": ("supervision", 15),
            # 4.1 Good (7 of 10), 4.2 Requires improvement (4 of 8 = 50%)
            "4.1.1": ("unpaid_work", 7), "4.2.1": ("through_the_gate", 4),
        },
    },
    "pdu": {
        "prefix": "PDU",
        "samples": [("supervision", 20)],
        "fields": ["case_type", "pre_sentence_report"],
        # The first 8 supervision cases had a pre-sentence report: the court work sample.
        "psr": 8,
        "yes": {
            # Every case standard Inadequate: each lowest key question under 50%.
            "2.1.1": ("supervision", 9), "2.1.2": ("supervision", 8), "2.1.3": ("supervision", 6),
            "2.2.1": ("supervision", 9), "2.2.2": ("supervision", 7), "2.2.3": ("supervision", 5),
            "2.3.1": ("supervision", 9), "2.3.2": ("supervision", 8), "2.3.3": ("supervision", 6),
            "2.4.1": ("supervision", 7), "2.4.2": ("supervision", 6), "2.4.3": ("supervision", 4),
            "2.5.1": ("psr", 3),
        },
    },
}


def write(name, example):
    questions = list(example["yes"])
    rows = []
    seen = {}
    for case_type, count in example["samples"]:
        for _ in range(count):
            n = len(rows) + 1
            index = seen.get(case_type, 0)
            seen[case_type] = index + 1
            row = {"case": f"{example['prefix']}-{n:03}", "case_type": case_type}
            psr = case_type == "supervision" and index < example.get("psr", 0)
            if "pre_sentence_report" in example["fields"]:
                row["pre_sentence_report"] = "yes" if psr else "no"
            for q in questions:
                sample, yes = example["yes"][q]
                if sample == "psr":
                    if psr:
                        row[q] = "yes" if index < yes else "no"
                    else:
                        row[q] = ""
                elif sample == case_type:
                    row[q] = "yes" if index < yes else "no"
                else:
                    row[q] = ""
            rows.append(row)
    with open(f"{name}/cases.csv", "w", newline="") as f:
        out = csv.DictWriter(f, ["case"] + example["fields"] + questions, lineterminator="\n")
        out.writeheader()
        out.writerows(rows)


for name, example in EXAMPLES.items():
    write(name, example)
