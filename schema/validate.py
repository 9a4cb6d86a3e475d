"""Validate ratebook's JSON outputs against the schemas in schema/, with Python's jsonschema:
the reader analysts use, independent of the Rust validator in tests/schema.rs.

    python3 schema/validate.py RATEBOOK   # the ratebook binary to run

Runs every JSON-writing command on the bundled example data and exits 1 on the first
document that does not validate, naming it and each problem.
"""

import json
import pathlib
import subprocess
import sys

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parent.parent
YOUTH = "rules/hmip-youth-2019.rules"
INSPECTIONS = [
    "examples/inspection.toml",
    "tests/published/hounslow-2019/inspection.toml",
    "tests/published/luton-2020/inspection.toml",
]
SCHEME = "examples/schemes/higher-thresholds.rules"

COMMANDS = {
    "rating.json": [["rate", "--rules", YOUTH, "--format", "json", *INSPECTIONS],
                    ["explain", "--rules", YOUTH, "--format", "json", *INSPECTIONS]],
    "stability.json": [["stability", "--rules", YOUTH, "--resamples", "50", "--format", "json",
                        *INSPECTIONS]],
    "compare.json": [["compare", "--rules", YOUTH, "--rules", SCHEME, "--format", "json",
                      *INSPECTIONS],
                     ["compare", "--rules", YOUTH, "--rules", SCHEME, "--with-decisions",
                      "--format", "json", *INSPECTIONS]],
    "diff.json": [["diff", "rules/hmip-youth-2018.rules", YOUTH, "--format", "json"]],
    "test.json": [["test", "--rules", YOUTH, "--format", "json", *INSPECTIONS[1:]]],
    "breakdown.json": [["breakdown", "--rules", YOUTH, "--format", "json", *INSPECTIONS],
                       ["breakdown", "--rules", "tests/breakdown/research.rules", "--format",
                        "json", "tests/breakdown"]],
}


def main(binary):
    failed = False
    for name, commands in COMMANDS.items():
        schema = json.loads((ROOT / "schema" / name).read_text())
        validator = jsonschema.Draft202012Validator(schema)
        for args in commands:
            out = subprocess.run([binary, *args], cwd=ROOT, capture_output=True, text=True)
            # `test` exits 1 when a figure fails; its JSON is still the document to check.
            if out.returncode not in (0, 1) or not out.stdout:
                print(f"ratebook {' '.join(args)} failed:\n{out.stderr}")
                failed = True
                continue
            problems = [f"{e.message} at {'/'.join(map(str, e.absolute_path))}"
                        for e in validator.iter_errors(json.loads(out.stdout))]
            if problems:
                print(f"ratebook {' '.join(args)} does not match schema/{name}:")
                print("\n".join(f"  {p}" for p in problems))
                failed = True
            else:
                print(f"valid against schema/{name}: ratebook {args[0]} ({len(out.stdout)} bytes)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "target/debug/ratebook"))
