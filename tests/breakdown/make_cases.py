"""Write the pooled test set: three inspections whose tables are known by construction.

  inspection  cases                                         answers (key question = prompt)
  a           6 court, age 12, rosh low                     yes
              6 court, age 15, rosh medium (3) / high (3)   no
  b           3 cautions, age 17, rosh low                  yes
              5 cautions, age not recorded, rosh low        no
  c           6 court, age 13, rosh medium                  3 yes, 3 no
              4 cautions, age 16, rosh high                 yes
"""

import csv

SETS = {
    "a": [("court", 12, "low", "yes")] * 6
    + [("court", 15, "medium", "no")] * 3
    + [("court", 15, "high", "no")] * 3,
    "b": [("caution", 17, "low", "yes")] * 3 + [("caution", "", "low", "no")] * 5,
    "c": [("court", 13, "medium", "yes")] * 3
    + [("court", 13, "medium", "no")] * 3
    + [("caution", 16, "high", "yes")] * 4,
}

for name, cases in SETS.items():
    with open(f"{name}.csv", "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["case", "disposal", "rosh", "age", "looked_after", "2.1.1", "2.1.1a", "3.1.1", "3.1.1a"])
        for i, (disposal, age, rosh, answer) in enumerate(cases, 1):
            court = [answer, answer, "", ""]
            caution = ["", "", answer, answer]
            out.writerow([f"{name.upper()}-{i:02}", disposal, rosh, age, ""] + (court if disposal == "court" else caution))
    with open(f"{name}.toml", "w") as f:
        f.write(f'provider = "Breakdown test {name.upper()}"\ncases = "{name}.csv"\n')
