//! `ratebook test`: past inspections checked against the figures their reports published, and
//! every rating against a stored snapshot, as a methodology team runs it beside its rules.

use crate::common;

use std::path::Path;

use common::{ratebook, scratch, text};
use serde_json::Value;

const PUBLISHED: [&str; 2] = [
    "tests/published/hounslow-2019/inspection.toml",
    "tests/published/luton-2020/inspection.toml",
];

fn test_json(rules: &str, extra: &[&str]) -> (Value, i32) {
    let mut args = vec!["test", "--rules", rules, "--format", "json"];
    args.extend_from_slice(extra);
    let out = ratebook(&args);
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            text(&out.stdout),
            common::unwrapped(&text(&out.stderr))
        )
    });
    (json, out.status.code().unwrap())
}

#[test]
fn the_bundled_ruleset_reproduces_every_published_figure() {
    let mut args = vec!["--"];
    args.extend(PUBLISHED);
    let (json, code) = test_json("rules/hmip-youth-2019.rules", &args[1..]);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["passed"], 2);
    assert_eq!(json["failed"], 0);
    assert_eq!(json["snapshot"], Value::Null);
    assert_eq!(
        json["inspections"][1]["provider"],
        "Luton Youth Offending Service"
    );
    assert_eq!(json["inspections"][1]["failures"], serde_json::json!([]));
}

#[test]
fn a_scheme_that_rates_differently_fails_with_each_figure_and_why() {
    let (json, code) = test_json("examples/schemes/higher-thresholds.rules", &[PUBLISHED[0]]);
    assert_eq!(code, 1);
    assert_eq!(json["failed"], 1);
    let failures = json["inspections"][0]["failures"].as_array().unwrap();
    let standard = failures.iter().find(|f| f["item"] == "2.1").unwrap();
    assert_eq!(standard["expected"], "Outstanding");
    assert_eq!(standard["got"], "Good");
    // The deciding key questions and the band behind the rating.
    assert_eq!(
        standard["why"],
        "2.1.1 and 2.1.3 83%: Good (band 70 to 84); discretion was open but no decision is recorded"
    );
    let score = failures.iter().find(|f| f["item"] == "score").unwrap();
    assert_eq!(
        (score["expected"].as_str(), score["got"].as_str()),
        (Some("25"), Some("20"))
    );
}

#[test]
fn the_text_report_gives_one_line_per_inspection_and_each_failed_figure() {
    let out = ratebook(&[
        "test",
        "--rules",
        "examples/schemes/higher-thresholds.rules",
        PUBLISHED[0],
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = common::unwrapped(&text(&out.stdout));
    assert!(
        stdout.contains("FAIL  tests/published/hounslow-2019/inspection.toml  Hounslow Youth Offending Service: 6 of 37 published figures differ"),
        "{stdout}"
    );
    assert!(stdout.contains("2.3: expected Good, got Requires improvement (recorded at line 24) why: 2.3.1 67%: Requires improvement (band 55 to 69)"), "{stdout}");
    assert!(
        stdout.ends_with("1 inspection(s): 0 passed, 1 failed"),
        "{stdout}"
    );
}

/// An inspection file with a [published] table written by hand, beside the example cases.
fn inspection_with(dir: &Path, published: &str) -> String {
    let example = std::fs::read_to_string("examples/inspection.toml").unwrap();
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cases.csv");
    let example = example.replace(
        "cases = \"cases.csv\"",
        &format!("cases = {:?}", cases.display().to_string()),
    );
    let path = dir.join("inspection.toml");
    std::fs::write(&path, format!("{example}\n{published}")).unwrap();
    path.display().to_string()
}

#[test]
fn a_misspelt_label_or_unknown_item_is_a_failure_that_says_what_the_ruleset_has() {
    let dir = scratch("test-command-misspelt");
    let path = inspection_with(
        &dir,
        "[published]\n[published.standards]\n\"1.2\" = \"Requires Improvement\"\n\"2.5\" = \"Good\"\n[published.key_questions]\n\"2.1.9\" = 50\n",
    );
    let (json, code) = test_json("rules/hmip-youth-2019.rules", &[&path]);
    assert_eq!(code, 1);
    let failures = json["inspections"][0]["failures"].as_array().unwrap();
    let items: Vec<&str> = failures
        .iter()
        .map(|f| f["item"].as_str().unwrap())
        .collect();
    assert_eq!(items, ["1.2", "2.5", "2.1.9"]);
    assert!(
        failures[0]["why"]
            .as_str()
            .unwrap()
            .contains("did you mean `Requires improvement`?"),
        "{failures:#?}"
    );
    assert_eq!(failures[1]["got"], "no such standard");
    assert_eq!(failures[2]["got"], "no such key question");
}

#[test]
fn a_published_figure_of_the_wrong_type_is_refused_at_its_line() {
    let dir = scratch("test-command-wrong-type");
    let path = inspection_with(&dir, "[published]\nscore = \"sixteen\"\n");
    let out = ratebook(&["test", "--rules", "rules/hmip-youth-2019.rules", &path]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = common::unwrapped(&text(&out.stderr));
    assert!(
        stderr.contains("invalid type: string \"sixteen\""),
        "{stderr}"
    );
    assert!(stderr.contains("[published]"), "{stderr}");
    // (Unwrapped: the line wraps where the path's length puts it.)
    assert!(common::unwrapped(&text(&out.stdout)).contains("could not be rated"));
}

#[test]
fn a_snapshot_is_written_then_holds_then_shows_a_rule_change_until_accepted() {
    let dir = scratch("test-command-snapshot");
    let snap = dir.join("ratings.snap");
    let snap = snap.to_str().unwrap();
    let run = |rules: &str, accept: bool| {
        let mut args = vec!["--snapshot", snap];
        if accept {
            args.push("--accept");
        }
        args.extend(PUBLISHED);
        test_json(rules, &args)
    };

    let (json, code) = run("rules/hmip-youth-2019.rules", false);
    assert_eq!(
        (code, &json["snapshot"]["status"]),
        (0, &Value::from("written"))
    );
    let written = std::fs::read_to_string(snap).unwrap();
    assert!(written.contains("inspection tests/published/luton-2020/inspection.toml\n  provider  Luton Youth Offending Service\n  overall   Requires improvement, score 16 of 36\n"), "{written}");

    let (json, code) = run("rules/hmip-youth-2019.rules", false);
    assert_eq!(
        (code, &json["snapshot"]["status"]),
        (0, &Value::from("unchanged"))
    );

    // A rule edit: the 2019 rules with Good starting at 70. Hounslow's ratings move.
    let edited = dir.join("edited.rules");
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/hmip-youth-2019.rules");
    std::fs::write(
        &edited,
        format!(
            "framework \"edited\" version \"1\"\nbased on {:?}\nreplace bands sufficiency \"case sufficiency\" {{\n  percent rounded half up to whole\n  below 50 Inadequate\n  50 to 69 \"Requires improvement\"\n  70 to 79 Good\n  80 and above Outstanding\n}}\n",
            base.display().to_string()
        ),
    )
    .unwrap();
    let edited = edited.to_str().unwrap();
    let out = ratebook(&["test", "--rules", edited, "--snapshot", snap, PUBLISHED[0]]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(common::unwrapped(&stdout).contains("snapshot "), "{stdout}");
    assert!(
        common::unwrapped(&stdout).contains("CHANGED in 2 inspection(s)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("    2.3      was  Good\n             now  Requires improvement\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "  tests/published/luton-2020/inspection.toml: in the snapshot, not rated now\n"
        ),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read_to_string(snap).unwrap(),
        written,
        "a changed snapshot is kept until accepted"
    );

    let (json, code) = test_json(edited, &["--snapshot", snap, "--accept", PUBLISHED[0]]);
    // Accepted, but the published figures still fail under the edited rules.
    assert_eq!(
        (code, &json["snapshot"]["status"]),
        (1, &Value::from("accepted"))
    );
    let (json, _) = test_json(edited, &["--snapshot", snap, PUBLISHED[0]]);
    assert_eq!(json["snapshot"]["status"], "unchanged");
    assert!(!Path::new(&format!("{snap}.new")).exists());
}

#[test]
fn junit_output_has_a_test_case_per_inspection_and_a_junit_schema_accepts_it() {
    let dir = scratch("test-command-junit");
    let snap = dir.join("ratings.snap");
    let out = ratebook(&[
        "test",
        "--rules",
        "examples/schemes/higher-thresholds.rules",
        "--format",
        "junit",
        "--snapshot",
        snap.to_str().unwrap(),
        PUBLISHED[0],
        PUBLISHED[1],
    ]);
    assert_eq!(out.status.code(), Some(1));
    let xml = text(&out.stdout);
    assert!(xml.contains("<testcase classname=\"published\" name=\"tests/published/hounslow-2019/inspection.toml (Hounslow Youth Offending Service)\">\n      <failure message=\"6 published figure(s) differ\""), "{xml}");
    // A recorded decision the edited rules refuse is a failing figure, not an error: the
    // inspection is still rated and checked.
    assert!(
        xml.contains("2.1: expected Good, got Requires improvement (line 35); why: the panel decision recorded at line 13 is refused: standard 2.1 (Requires improvement) is not eligible"),
        "{xml}"
    );
    assert!(
        xml.contains("tests=\"3\" failures=\"2\" errors=\"0\""),
        "{xml}"
    );

    let report = dir.join("report.xml");
    std::fs::write(&report, &xml).unwrap();
    let validated = std::process::Command::new("xmllint")
        .args(["--noout", "--schema", "tests/junit/junit.xsd"])
        .arg(&report)
        .output();
    match validated {
        Ok(v) => assert!(
            v.status.success(),
            "{}",
            common::unwrapped(&text(&v.stderr))
        ),
        Err(_) => common::missing("xmllint", "Debian: apt-get install libxml2-utils"),
    }
}

#[test]
fn accept_without_a_snapshot_is_a_usage_error() {
    let out = ratebook(&[
        "test",
        "--rules",
        "rules/hmip-youth-2019.rules",
        "--accept",
        PUBLISHED[0],
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        common::unwrapped(&text(&out.stderr)).contains("--snapshot"),
        "{}",
        common::unwrapped(&text(&out.stderr))
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn the_same_run_gives_the_same_bytes_in_every_format() {
    for format in ["text", "json", "junit"] {
        let args = [
            "test",
            "--rules",
            "examples/schemes/higher-thresholds.rules",
            "--format",
            format,
            PUBLISHED[0],
            PUBLISHED[1],
        ];
        assert_eq!(ratebook(&args).stdout, ratebook(&args).stdout, "{format}");
    }
}

/// A published rating that is on the scale, though no standard has it, is a plain mismatch
/// explained by the rules, not an unknown label.
#[test]
fn a_rating_on_the_scale_that_nothing_has_is_explained_not_called_unknown() {
    let dir = scratch("test-command-unused-rating");
    let example = std::fs::read_to_string("examples/adult/crc/inspection.toml").unwrap();
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/adult/crc/cases.csv");
    let text = example
        .replace(
            "cases = \"cases.csv\"",
            &format!("cases = {:?}", cases.display().to_string()),
        )
        .replace("\"2.1\" = \"Good\"", "\"2.1\" = \"Outstanding\"");
    let path = dir.join("inspection.toml");
    std::fs::write(&path, text).unwrap();
    let (json, code) = test_json("rules/hmip-adult-2018-crc.rules", &[path.to_str().unwrap()]);
    assert_eq!(code, 1);
    let failure = &json["inspections"][0]["failures"][0];
    assert_eq!(
        (failure["item"].as_str(), failure["got"].as_str()),
        (Some("2.1"), Some("Good"))
    );
    let why = failure["why"].as_str().unwrap();
    assert!(
        why.starts_with("2.1.2 and 2.1.3 70%: Good (band 65 to 79)"),
        "{why}"
    );
}

/// The maintainer's first edit: Good raised to 68 in the 2019 bands. Luton's recorded panel
/// decisions are no longer allowed; Luton is still rated, each refused decision is a failing
/// figure with the reason, the snapshot records the decision's fate and `--accept` writes it.
#[test]
fn a_decision_the_edited_rules_refuse_is_a_failing_figure_and_the_snapshot_is_accepted() {
    let dir = scratch("test-command-refused-decision");
    let snap = dir.join("ratings.snap");
    let snap = snap.to_str().unwrap();
    let edited = dir.join("edited.rules");
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/hmip-youth-2019.rules");
    std::fs::write(
        &edited,
        format!(
            "framework \"edited\" version \"1\"\nbased on {:?}\nreplace bands sufficiency \"case sufficiency\" {{\n  percent rounded half up to whole\n  below 50 Inadequate\n  50 to 67 \"Requires improvement\"\n  68 to 79 Good\n  80 and above Outstanding\n}}\n",
            base.display().to_string()
        ),
    )
    .unwrap();
    let edited = edited.to_str().unwrap();
    let mut args = vec!["--snapshot", snap, "--accept"];
    args.extend(PUBLISHED);
    let (json, code) = test_json(edited, &args);
    assert_eq!(code, 1, "published figures still differ");
    assert_eq!(json["snapshot"]["status"], "written");
    let luton = &json["inspections"][1];
    assert_eq!(luton["provider"], "Luton Youth Offending Service");
    let failures = luton["failures"].as_array().unwrap();
    let decision = failures.iter().find(|f| f["item"] == "2.1").unwrap();
    assert_eq!(decision["expected"], "Good");
    assert_eq!(decision["got"], "Requires improvement");
    let why = decision["why"].as_str().unwrap();
    assert!(
        why.starts_with("the panel decision recorded at line 13 is refused: standard 2.1 (Requires improvement) is not eligible for professional discretion; discretion needs at least one trigger to hold, and none does: near a boundary: the lowest percentage, 62% (2.1.3), is 6 points from the nearest boundary, 68%"),
        "{why}"
    );
    let written = std::fs::read_to_string(snap).unwrap();
    assert!(
        written.contains("  2.1       Requires improvement, recorded decision to Good refused\n"),
        "{written}"
    );

    // Set aside, the decisions are not tried: only the published figures they moved fail.
    let mut args = vec!["--without-decisions"];
    args.extend(PUBLISHED);
    let (json, _) = test_json(edited, &args);
    let failures = json["inspections"][1]["failures"].as_array().unwrap();
    let standard = failures.iter().find(|f| f["item"] == "2.1").unwrap();
    assert_eq!(
        standard["why"],
        "2.1.3 62%: Requires improvement (band 50 to 67)"
    );
}
