//! `ratebook breakdown`: research tables pooled across inspections. The pooled set in
//! tests/breakdown (three inspections, built by make_cases.py) is small enough that every
//! figure is known by construction:
//!
//! | inspection | cases | age | rosh | answer |
//! |---|---|---|---|---|
//! | a | 6 court | 12 | low | yes |
//! | a | 6 court | 15 | medium (3), high (3) | no |
//! | b | 3 cautions | 17 | low | yes |
//! | b | 5 cautions | not recorded | low | no |
//! | c | 6 court | 13 | medium | 3 yes, 3 no |
//! | c | 4 cautions | 16 | high | yes |

use crate::common;

use common::{ratebook, text};
use serde_json::{Value, json};

const RULES: &str = "tests/breakdown/research.rules";
const POOLED: &str = "tests/breakdown";

fn breakdown(extra: &[&str]) -> (String, String, i32) {
    let mut args = vec!["breakdown", "--rules", RULES];
    args.extend_from_slice(extra);
    args.push(POOLED);
    let out = ratebook(&args);
    (
        text(&out.stdout),
        common::unwrapped(&text(&out.stderr)),
        out.status.code().unwrap(),
    )
}

fn json() -> Value {
    let (stdout, stderr, code) = breakdown(&["--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

#[test]
fn the_question_table_pools_each_item_over_the_cases_it_is_asked_of() {
    let b = json();
    assert_eq!(
        (b["inspections"].as_u64(), b["cases"].as_u64()),
        (Some(3), Some(30))
    );
    let item = |id: &str| {
        b["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["item"] == id)
            .unwrap()
            .clone()
    };
    // Court: 6 + 3 yes of 12 + 6; cautions: 3 + 4 yes of 8 + 4.
    assert_eq!(
        item("2.1.1a")["domains"],
        json!({ "2": { "n": 18, "yes": 9, "percent": 50.0 } })
    );
    assert_eq!(item("3.1.1a")["all"]["yes"], 7);
    let strengths = item("strengths");
    assert_eq!(strengths["domains"]["2"]["n"], 18);
    assert_eq!(strengths["domains"]["3"]["n"], 12);
    assert_eq!(strengths["all"]["n"], 30);
    assert_eq!(strengths["all"]["yes"], 16);
    assert!((strengths["all"]["percent"].as_f64().unwrap() - 160.0 / 3.0).abs() < 1e-12);
}

#[test]
fn a_sub_group_table_gives_n_percent_interval_and_test_with_small_cells_suppressed() {
    let b = json();
    let table = &b["tables"][0];
    assert_eq!(table["item"], "strengths");
    let age = &table["by"][0];
    assert_eq!(age["grouping"], "age_group");
    let groups = age["groups"].as_array().unwrap();
    // 10–14: a's 6 yes and c's 3 of 6; 15–16: a's 6 no and c's 4 yes.
    assert_eq!(
        (groups[0]["n"].as_u64(), groups[0]["yes"].as_u64()),
        (Some(12), Some(9))
    );
    assert_eq!(
        (groups[1]["n"].as_u64(), groups[1]["yes"].as_u64()),
        (Some(10), Some(4))
    );
    // 17+ has 3 answers: suppressed, and with it the next smallest cell, not recorded (5),
    // since 30 − 12 − 10 would otherwise give 17+ away.
    assert_eq!(groups[2], json!({ "group": "17+", "suppressed": true }));
    assert_eq!(age["not_recorded"], json!({ "suppressed": true }));
    let [lo, hi] = [0, 1].map(|i| groups[0]["interval"][i].as_f64().unwrap());
    assert!(
        (lo - 46.77).abs() < 0.01 && (hi - 91.11).abs() < 0.01,
        "{lo} {hi}"
    );
    // The test is over the recorded groups, 17+ included: 9/12, 4/10, 3/3, two degrees of
    // freedom, p = exp(−G / 2) with G = 5.7146….
    let p = age["p_value"].as_f64().unwrap();
    assert!((p - 0.057_422_649_417_908_34).abs() < 1e-9, "{p}");
    assert_eq!(age["significant"], false);

    let rosh = &table["by"][1];
    let groups = rosh["groups"].as_array().unwrap();
    // Low: a's 6 yes, b's 3 yes and 5 no; Medium/High: a's 6 no, c's 3 of 6 and 4 yes.
    assert_eq!(
        (groups[0]["n"].as_u64(), groups[0]["yes"].as_u64()),
        (Some(14), Some(9))
    );
    assert_eq!(
        (groups[1]["n"].as_u64(), groups[1]["yes"].as_u64()),
        (Some(16), Some(7))
    );
    assert_eq!(rosh["not_recorded"], json!({ "n": 0, "yes": 0 }));
    // One degree of freedom: p = erfc(sqrt(G / 2)) with G = 1.2762….
    let p = rosh["p_value"].as_f64().unwrap();
    assert!((p - 0.258_614_201_310_241).abs() < 1e-9, "{p}");
}

#[test]
fn the_case_profile_suppresses_until_no_row_or_column_total_gives_a_cell_away() {
    let b = json();
    let age = &b["profile"][0];
    let group = |i: usize| age["groups"][i].clone();
    // By construction: court 12 / 6 / 0 / 0, cautions 0 / 4 / 3 / 5, all 12 / 10 / 3 / 5.
    // The cautions' 4 and 3 are small; their complements spread through rows and columns.
    assert_eq!(
        group(0),
        json!({ "group": "10–14", "domains": { "2": "–", "3": 0 }, "all": "–" })
    );
    assert_eq!(
        group(1),
        json!({ "group": "15–16", "domains": { "2": "–", "3": "–" }, "all": 10 })
    );
    assert_eq!(
        group(2),
        json!({ "group": "17+", "domains": { "2": 0, "3": "–" }, "all": "–" })
    );
    assert_eq!(
        age["not_recorded"],
        json!({ "domains": { "2": 0, "3": "–" }, "all": "–" })
    );
    assert_eq!(b["domains"][0]["cases"], 18);
    assert_eq!(b["domains"][1]["cases"], 12);
}

#[test]
fn every_output_format() {
    for format in ["text", "markdown", "csv", "json"] {
        let (stdout, stderr, code) = breakdown(&["--format", format]);
        assert_eq!(code, 0, "{stderr}");
        insta::assert_snapshot!(format!("breakdown-{format}"), stdout);
    }
}

#[test]
fn a_field_without_a_grouping_is_grouped_by_its_raw_values() {
    let (stdout, _, code) = breakdown(&["--by", "age", "--measure", "3.1.1a", "--format", "json"]);
    assert_eq!(code, 0);
    let b: Value = serde_json::from_str(&stdout).unwrap();
    let labels: Vec<&str> = b["tables"][0]["by"][0]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["12", "13", "15", "16", "17"]);
    assert_eq!(b["tables"][0]["by"][0]["groups"][3]["suppressed"], true);
}

#[test]
fn unknown_groupings_and_measures_are_usage_errors_with_suggestions() {
    let (stdout, stderr, code) = breakdown(&["--by", "age_grup", "--measure", "strength"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("--by age_grup: did you mean `age_group`?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--measure strength: did you mean `strengths`?"),
        "{stderr}"
    );
}

#[test]
fn the_bundled_youth_rulesets_declare_the_bulletin_groupings_and_measures() {
    let published = [
        "tests/published/hounslow-2019/inspection.toml",
        "tests/published/luton-2020/inspection.toml",
    ];
    let revisions = [
        "tests/inspection/revisions/resettlement-inadequate/inspection.toml",
        "tests/inspection/revisions/resettlement-not-rated/inspection.toml",
    ];
    for (rules, inspections) in [
        ("rules/hmip-youth-2018.rules", published),
        ("rules/hmip-youth-2019.rules", published),
        ("rules/hmip-youth-2021.rules", revisions),
    ] {
        let mut args = vec!["breakdown", "--rules", rules, "--format", "json"];
        args.extend(inspections);
        let out = ratebook(&args);
        assert!(
            out.status.success(),
            "{rules}: {}",
            common::unwrapped(&text(&out.stderr))
        );
        let b: Value = serde_json::from_slice(&out.stdout).unwrap();
        let groupings: Vec<&str> = b["profile"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["grouping"].as_str().unwrap())
            .collect();
        for expected in [
            "disposal_group",
            "age_group",
            "gender_group",
            "ethnic_group",
            "rosh_group",
            "safety_wellbeing_group",
            "sanctions_group",
        ] {
            assert!(groupings.contains(&expected), "{rules}: {groupings:?}");
        }
        let tables: Vec<&str> = b["tables"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["item"].as_str().unwrap())
            .collect();
        assert!(tables.contains(&"assessment_desistance"), "{tables:?}");
        if !rules.ends_with("2018.rules") {
            assert!(
                tables.contains(&"community_integration"),
                "{rules}: {tables:?}"
            );
        }
        assert_eq!(b["suppress_below"], 5);
    }
}

#[test]
fn a_variant_replaces_groupings_measures_and_suppression() {
    let out = ratebook(&[
        "breakdown",
        "--rules",
        "tests/variant/ok/research_edits.rules",
        "--format",
        "json",
        POOLED,
    ]);
    assert!(
        out.status.success(),
        "{}",
        common::unwrapped(&text(&out.stderr))
    );
    let b: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(b["suppress_below"], 10);
    let labels: Vec<&str> = b["profile"][0]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["10–15", "16+"]);
    assert_eq!(b["tables"].as_array().unwrap().len(), 1);
    let table = &b["tables"][0];
    assert_eq!(table["item"], "court_strengths");
    // 18 court answers, all aged 10–15: 12 and 13 (9 yes of 12) and 15 (6 no).
    assert_eq!(table["all"]["n"], 18);
    let age = &table["by"][0]["groups"];
    assert_eq!(
        (age[0]["n"].as_u64(), age[0]["yes"].as_u64()),
        (Some(18), Some(9))
    );
    assert_eq!(age[1]["n"], 0);
    // By risk: 6 low (under 10, so suppressed) and 12 medium or high, suppressed with it since
    // 18 − 12 would give the 6 away.
    let rosh = &table["by"][1]["groups"];
    assert_eq!(rosh[0], json!({ "group": "Low", "suppressed": true }));
    assert_eq!(
        rosh[1],
        json!({ "group": "Medium/High", "suppressed": true })
    );

    let shown = text(&ratebook(&["show", "tests/variant/ok/research_edits.rules"]).stdout);
    assert!(
        shown.contains(
            "group age_group \"Age\" by age {\n  \"10–15\" = 10 to 15\n  \"16+\"   = 16 and above\n}"
        ),
        "{shown}"
    );
    assert!(shown.contains("measure court_strengths"), "{shown}");
    assert!(!shown.contains("measure strengths"), "{shown}");
    assert!(shown.contains("suppress cells below 10"), "{shown}");
}
