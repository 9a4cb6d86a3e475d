//! The `ratebook` binary as users and their scripts meet it: exit codes (0 success, 1 bad
//! rules, bad data or a refused decision, 2 usage), stdout only for results, diagnostics on
//! stderr, byte-identical output for the same input, and the JSON keys CONTRACT.md fixes.

use crate::common;

use common::{ratebook, scratch, text};

#[test]
fn check_passes_every_bundled_ruleset() {
    let out = ratebook(&[
        "check",
        "rules/hmip-youth-2018.rules",
        "rules/hmip-youth-2019.rules",
        "rules/hmip-youth-2021.rules",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        common::unwrapped(&text(&out.stderr))
    );
    // One summary per file (each may wrap onto a second line, to fit 100 columns).
    assert_eq!(text(&out.stdout).matches(": ok: ").count(), 3);
}

#[test]
fn check_fails_with_exit_1_and_says_why_on_stderr() {
    let out = ratebook(&["check", "tests/check/err/band_gap.rules"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(
        common::unwrapped(&text(&out.stderr)).contains("leaves 61 to 64 percent without a band")
    );
}

#[test]
fn the_example_rates_and_the_same_input_gives_the_same_bytes() {
    let args = [
        "rate",
        "--rules",
        "rules/hmip-youth-2019.rules",
        "examples/inspection.toml",
    ];
    let first = ratebook(&args);
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        common::unwrapped(&text(&first.stderr))
    );
    assert!(text(&first.stdout).contains("Overall: Good, score 24 of 36"));
    assert_eq!(first.stdout, ratebook(&args).stdout);
    insta::assert_snapshot!(text(&first.stdout));
}

#[test]
fn json_output_has_the_contract_fields() {
    let out = ratebook(&[
        "rate",
        "--rules",
        "rules/hmip-youth-2019.rules",
        "--format",
        "json",
        "examples/inspection.toml",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        common::unwrapped(&text(&out.stderr))
    );
    let doc: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("stdout is one JSON object");
    for key in ["name", "version", "path"] {
        assert!(doc["ruleset"][key].is_string(), "ruleset.{key}");
    }
    let inspection = &doc["inspections"][0];
    assert_eq!(inspection["provider"], "Example Youth Offending Team");
    assert_eq!(inspection["source"], "examples/inspection.toml");
    for standard in inspection["standards"].as_array().unwrap() {
        for key in [
            "id",
            "name",
            "rating",
            "score",
            "base_rating",
            "key_questions",
            "discretion",
            "scored",
        ] {
            assert!(
                standard.get(key).is_some(),
                "standard {} lacks {key}",
                standard["id"]
            );
        }
        for key in ["eligible", "directions", "reasons", "applied"] {
            assert!(
                standard["discretion"].get(key).is_some(),
                "discretion lacks {key}"
            );
        }
        for q in standard["key_questions"].as_array().unwrap() {
            for key in [
                "id",
                "yes",
                "no",
                "not_applicable",
                "left_out",
                "sample",
                "percent",
                "shown_percent",
                "rating",
            ] {
                assert!(q.get(key).is_some(), "key question {} lacks {key}", q["id"]);
            }
        }
    }
    let planning = &inspection["standards"][5];
    assert_eq!(planning["id"], "2.2");
    assert_eq!(planning["base_rating"], "Requires improvement");
    assert_eq!(planning["rating"], "Good");
    assert_eq!(
        planning["discretion"]["applied"]["from"],
        "Requires improvement"
    );
    assert_eq!(inspection["overall"]["max"], 36);
}

#[test]
fn a_refused_decision_exits_1_and_writes_no_ratings() {
    let out = ratebook(&[
        "rate",
        "--rules",
        "rules/hmip-youth-2019.rules",
        "examples/inspection.toml",
        "tests/inspection/refused/planning_is_not_eligible/inspection.toml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.is_empty(),
        "no partial output: {}",
        text(&out.stdout)
    );
    let stderr = common::unwrapped(&text(&out.stderr));
    assert!(
        stderr.contains("refused: standard 2.2 (Inadequate) is not eligible"),
        "{stderr}"
    );
    assert!(stderr.contains("no ratings were written"), "{stderr}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(ratebook(&[]).status.code(), Some(2));
    assert_eq!(
        ratebook(&["rate", "examples/inspection.toml"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        ratebook(&[
            "rate",
            "--rules",
            "rules/hmip-youth-2019.rules",
            "--format",
            "xml",
            "examples/inspection.toml"
        ])
        .status
        .code(),
        Some(2)
    );
}

#[test]
fn a_missing_rule_file_is_named() {
    let out = ratebook(&[
        "rate",
        "--rules",
        "rules/no-such.rules",
        "examples/inspection.toml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(common::unwrapped(&text(&out.stderr)).contains("cannot read rules/no-such.rules"));
}

#[test]
fn explain_shows_one_standard_and_refuses_an_unknown_one() {
    let args = [
        "explain",
        "--rules",
        "rules/hmip-youth-2019.rules",
        "--standard",
        "2.2",
        "examples/inspection.toml",
    ];
    let out = ratebook(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        common::unwrapped(&text(&out.stderr))
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("2.2 Planning: Good (Requires improvement before discretion)"),
        "{stdout}"
    );
    assert!(!stdout.contains("2.1 Assessment"));

    let json = ratebook(&[
        "explain",
        "--rules",
        "rules/hmip-youth-2019.rules",
        "--standard",
        "2.2",
        "--format",
        "json",
        "examples/inspection.toml",
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let standards = doc["inspections"][0]["standards"].as_array().unwrap();
    assert_eq!(standards.len(), 1);
    assert_eq!(standards[0]["margin"]["up"], 1);

    let unknown = ratebook(&[
        "explain",
        "--rules",
        "rules/hmip-youth-2019.rules",
        "--standard",
        "2.9",
        "examples/inspection.toml",
    ]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        common::unwrapped(&text(&unknown.stderr)).contains("--standard 2.9"),
        "{}",
        common::unwrapped(&text(&unknown.stderr))
    );
}

#[test]
fn stability_is_reproducible_and_refuses_zero_resamples() {
    let args = [
        "stability",
        "--rules",
        "rules/hmip-youth-2019.rules",
        "--resamples",
        "100",
        "--seed",
        "3",
        "--format",
        "json",
        "examples/inspection.toml",
    ];
    let first = ratebook(&args);
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        common::unwrapped(&text(&first.stderr))
    );
    assert!(
        first.stderr.is_empty(),
        "no progress bar when stderr is not a terminal"
    );
    assert_eq!(first.stdout, ratebook(&args).stdout);
    let doc: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    assert_eq!(doc["stability"][0]["resamples"], 100);
    assert!(doc["stability"][0]["overall"]["kept"].as_f64().unwrap() <= 1.0);

    let zero = ratebook(&[
        "stability",
        "--rules",
        "rules/hmip-youth-2019.rules",
        "--resamples",
        "0",
        "examples/inspection.toml",
    ]);
    assert_eq!(zero.status.code(), Some(2));
}

#[test]
fn show_prints_the_merged_framework_or_exits_1_on_bad_rules() {
    let out = ratebook(&["show", "rules/hmip-youth-2021.rules"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        common::unwrapped(&text(&out.stderr))
    );
    let shown = text(&out.stdout);
    assert!(shown.starts_with("framework \"HMIP youth offending services\" version \"2021\""));
    assert!(
        shown.contains("standard 3.4 \"Out-of-court disposal policy and provision\" judged {}")
    );
    assert!(shown.contains("domain 4 \"Resettlement\""));
    assert!(!shown.contains("based on"));

    let bad = ratebook(&["show", "tests/variant/err/missing_base.rules"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(bad.stdout.is_empty());
    assert!(common::unwrapped(&text(&bad.stderr)).contains("hmip-youth-2091.rules cannot be read"));
}

/// A run whose stderr is closed, or is a full device, still ends with its own exit status.
#[test]
fn a_closed_or_full_stderr_never_changes_how_a_run_ends() {
    let bin = env!("CARGO_BIN_EXE_ratebook");
    let bad = "tests/inspection/err/bad_cells/inspection.toml";
    for (inspection, expected) in [("examples/inspection.toml", 0), (bad, 1)] {
        let closed = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "exec 2>&-; {bin} rate --rules rules/hmip-youth-2019.rules {inspection} >/dev/null"
            ))
            .status()
            .unwrap();
        assert_eq!(closed.code(), Some(expected), "closed stderr, {inspection}");
        if std::path::Path::new("/dev/full").exists() {
            let full = std::process::Command::new(bin)
                .args(["rate", "--rules", "rules/hmip-youth-2019.rules", inspection])
                .stdout(std::process::Stdio::null())
                .stderr(std::fs::File::create("/dev/full").unwrap())
                .status()
                .unwrap();
            assert_eq!(full.code(), Some(expected), "full stderr, {inspection}");
        }
    }
}

/// A syntax error far along one long line is named by line and column, not drawn (the
/// snippet renderer cannot draw past column 65,535) and not echoed whole.
#[test]
fn a_problem_on_a_very_long_line_is_named_by_line_and_column() {
    let dir = common::scratch("cli-long-line");
    let path = dir.join("long.rules");
    let rule_text = format!(
        "framework \"x\" version \"1\" {} oops\n",
        "y".repeat(70_000)
    );
    std::fs::write(&path, rule_text).unwrap();
    let out = ratebook(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = common::unwrapped(&text(&out.stderr));
    assert!(
        stderr.contains("line 1, column 27: found `yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy…`"),
        "{stderr}"
    );
    assert!(
        stderr.len() < 2_000,
        "{} bytes of diagnostics",
        stderr.len()
    );
}

/// An endless input ends with a diagnostic, not by filling memory: a device is not read at
/// all, and a file with a line longer than any real file has stops at the line's limit.
#[test]
fn an_endless_or_oversized_input_is_refused_with_the_limit_named() {
    let out = ratebook(&["check", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = common::unwrapped(&text(&out.stderr));
    assert!(
        stderr.contains("/dev/zero is a device, not a file"),
        "{stderr}"
    );

    let dir = common::scratch("cli-oversized");
    let endless = dir.join("one-line.rules");
    std::fs::write(&endless, "#".repeat(17 * 1024 * 1024)).unwrap();
    let out = ratebook(&["check", endless.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = common::unwrapped(&text(&out.stderr));
    assert!(
        stderr.contains("one-line.rules line 1 is longer than 16 MB"),
        "{stderr}"
    );
    assert!(stderr.contains("ratebook::input::line_too_long"));

    let cases = dir.join("cases.csv");
    std::fs::write(&cases, "case,disposal\n".repeat(80_000)).unwrap();
    std::fs::write(
        dir.join("inspection.toml"),
        "provider = \"Big\"\ncases = \"cases.csv\"\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ratebook"))
        .args(["rate", "--rules", "tests/inspection/tiny.rules"])
        .arg(dir.join("inspection.toml"))
        .env("RATEBOOK_MAX_INPUT_MB", "1")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = common::unwrapped(&text(&out.stderr));
    assert!(
        stderr.contains("is larger than 1 MB, the most ratebook reads"),
        "{stderr}"
    );
    assert!(stderr.contains("RATEBOOK_MAX_INPUT_MB"), "{stderr}");
    assert!(stderr.contains("ratebook::input::too_large"));
    assert!(out.stdout.is_empty());
}

/// Control characters and direction overrides from an input file reach the terminal as
/// escapes; JSON carries the text as it is, escaped by JSON's own rules.
#[test]
fn control_characters_from_inputs_are_escaped_in_human_output() {
    let dir = common::scratch("cli-control-characters");
    std::fs::copy("examples/cases.csv", dir.join("cases.csv")).unwrap();
    let example = std::fs::read_to_string("examples/inspection.toml").unwrap();
    let evil = example.replace(
        "provider = \"Example Youth Offending Team\"",
        "provider = \"Evil\\u001b[2J\\u202eTeam\"",
    );
    let path = dir.join("inspection.toml");
    std::fs::write(&path, evil).unwrap();
    let path = path.to_str().unwrap();
    let human = ratebook(&["rate", "--rules", "rules/hmip-youth-2019.rules", path]);
    let first = text(&human.stdout).lines().next().unwrap().to_string();
    assert_eq!(first, "Evil\\u{1b}[2J\\u{202e}Team");
    let json = ratebook(&[
        "rate",
        "--rules",
        "rules/hmip-youth-2019.rules",
        "--format",
        "json",
        path,
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        doc["inspections"][0]["provider"],
        "Evil\u{1b}[2J\u{202e}Team"
    );
}

/// `--output FILE` writes what stdout would have held, whole, in any format, and says so on
/// stderr; stdout is left empty.
#[test]
fn output_writes_the_same_text_to_a_file() {
    let dir = scratch("cli-output");
    for (command, format) in [
        ("rate", "json"),
        ("rate", "csv"),
        ("cases", "csv"),
        ("test", "text"),
    ] {
        let mut args = vec![command, "--rules", "hmip-youth-2019", "--format", format];
        let inspections = if command == "test" {
            "tests/published"
        } else {
            "examples/inspection.toml"
        };
        args.push(inspections);
        let to_stdout = ratebook(&args);
        let file = dir.join(format!("{command}.{format}"));
        args.extend(["--output", file.to_str().unwrap()]);
        let to_file = ratebook(&args);
        assert_eq!(
            to_file.status.code(),
            to_stdout.status.code(),
            "{command} {format}"
        );
        assert!(to_file.stdout.is_empty(), "{command} {format}");
        assert!(
            text(&to_file.stderr).contains("wrote "),
            "{command} {format}"
        );
        assert_eq!(
            std::fs::read(&file).unwrap(),
            to_stdout.stdout,
            "{command} {format}"
        );
    }
}

/// `--output` that names a file the run reads is a usage error that writes nothing, whether
/// the file is named on the command line (the inspection, the rules), found while running
/// (the cases file the inspection names) or reached through a link.
#[test]
fn output_never_replaces_an_input() {
    let dir = scratch("cli-output-input");
    for file in ["inspection.toml", "cases.csv"] {
        std::fs::copy(format!("examples/{file}"), dir.join(file)).unwrap();
    }
    std::fs::copy("rules/hmip-youth-2019.rules", dir.join("youth.rules")).unwrap();
    std::os::unix::fs::symlink(dir.join("cases.csv"), dir.join("also-cases.csv")).unwrap();
    let inspection = dir.join("inspection.toml");
    let rules = dir.join("youth.rules");
    for (command, target) in [
        ("cases", "cases.csv"),
        ("cases", "also-cases.csv"),
        ("rate", "inspection.toml"),
        ("breakdown", "youth.rules"),
    ] {
        let before = std::fs::read(dir.join(target)).unwrap();
        let out = ratebook(&[
            command,
            "--rules",
            rules.to_str().unwrap(),
            "--format",
            "csv",
            inspection.to_str().unwrap(),
            "--output",
            dir.join(target).to_str().unwrap(),
        ]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command} {target}: {stderr}");
        assert!(
            stderr.contains("names a file this run reads; nothing was written"),
            "{stderr}"
        );
        assert_eq!(
            std::fs::read(dir.join(target)).unwrap(),
            before,
            "{target} was changed"
        );
    }
}

/// A read-only file named by `--output` is refused, not replaced.
#[test]
fn a_read_only_output_is_refused() {
    let dir = scratch("cli-output-read-only");
    let target = dir.join("ratings.json");
    std::fs::write(&target, "kept").unwrap();
    let mut permissions = std::fs::metadata(&target).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&target, permissions).unwrap();
    let out = ratebook(&[
        "rate",
        "--rules",
        "hmip-youth-2019",
        "--format",
        "json",
        "examples/inspection.toml",
        "--output",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("is read-only; ratebook does not replace it"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "kept");
}
