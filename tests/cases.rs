//! `ratebook cases`: the case-level table, whose counts are the ratings' and `breakdown`'s for
//! every item, since all three ask the same membership of who is counted.

use crate::common;

use std::collections::BTreeMap;

use serde_json::Value;

fn cases(rules: &str, format: &str, inspections: &str) -> String {
    let out = common::ratebook(&["cases", "--rules", rules, "--format", format, inspections]);
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
    common::text(&out.stdout)
}

/// Counted rows and counted yes answers, by (inspection, item).
fn counts(rows: &[Value]) -> BTreeMap<(String, String), (u64, u64)> {
    let mut counts: BTreeMap<(String, String), (u64, u64)> = BTreeMap::new();
    for row in rows {
        if row["counted"] != "yes" {
            continue;
        }
        let key = (
            row["inspection"].as_str().unwrap().to_string(),
            row["item"].as_str().unwrap().to_string(),
        );
        let entry = counts.entry(key).or_default();
        entry.0 += 1;
        entry.1 += u64::from(row["answer"] == "yes");
    }
    counts
}

#[test]
fn the_case_table_counts_what_the_ratings_and_the_breakdown_count() {
    // The ratings: every key question's answered cases and yes, inspection by inspection (the
    // published inspections, each rated on its own).
    let json: Value =
        serde_json::from_str(&cases("hmip-youth-2019", "json", "tests/published")).unwrap();
    let counts_rated = counts(json["rows"].as_array().unwrap());
    let out = common::ratebook(&[
        "rate",
        "--rules",
        "hmip-youth-2019",
        "--format",
        "json",
        "tests/published",
    ]);
    let rated: Value = serde_json::from_str(&common::text(&out.stdout)).unwrap();
    let mut compared = 0;
    for inspection in rated["inspections"].as_array().unwrap() {
        let source = inspection["source"].as_str().unwrap();
        for standard in inspection["standards"].as_array().unwrap() {
            for q in standard["key_questions"].as_array().unwrap() {
                let key = (source.to_string(), q["id"].as_str().unwrap().to_string());
                let (n, yes) = counts_rated.get(&key).copied().unwrap_or_default();
                assert_eq!(
                    (n, yes),
                    (q["sample"].as_u64().unwrap(), q["yes"].as_u64().unwrap()),
                    "{key:?}"
                );
                compared += 1;
            }
        }
    }
    assert!(compared > 0);

    // The breakdown: every key question and prompt of the research fixtures, pooled.
    let json: Value = serde_json::from_str(&cases(
        "tests/breakdown/research.rules",
        "json",
        "tests/breakdown",
    ))
    .unwrap();
    let counts = counts(json["rows"].as_array().unwrap());
    let out = common::ratebook(&[
        "breakdown",
        "--rules",
        "tests/breakdown/research.rules",
        "--format",
        "json",
        "tests/breakdown",
    ]);
    let pooled: Value = serde_json::from_str(&common::text(&out.stdout)).unwrap();
    let mut items = 0;
    for q in pooled["questions"].as_array().unwrap() {
        let item = q["item"].as_str().unwrap();
        if !item.starts_with(|c: char| c.is_ascii_digit()) || q["all"]["suppressed"] == true {
            // A measure pools several items; a suppressed count is not shown.
            continue;
        }
        let (n, yes) = counts
            .iter()
            .filter(|((_, i), _)| i == item)
            .fold((0, 0), |(n, y), (_, (a, b))| (n + a, y + b));
        assert_eq!(
            (n, yes),
            (
                q["all"]["n"].as_u64().unwrap(),
                q["all"]["yes"].as_u64().unwrap()
            ),
            "{item}"
        );
        items += 1;
    }
    assert!(items >= 4, "{items} items compared");
}

#[test]
fn the_case_table_has_the_contracts_columns_and_says_why_a_case_is_not_counted() {
    let csv = cases("hmip-youth-2019", "csv", "examples/inspection.toml");
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with(
        "inspection,provider,case,domain,standard,item,kind,counted,why_not,answer,disposal,rosh,"
    ));
    let json: Value = serde_json::from_str(&cases(
        "hmip-youth-2019",
        "json",
        "examples/inspection.toml",
    ))
    .unwrap();
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), csv.lines().count() - 1);
    // 3.3.2 is asked only where safety and wellbeing is not low: YOT-015's is low.
    let outside = rows
        .iter()
        .find(|r| r["case"] == "YOT-015" && r["item"] == "3.3.2")
        .unwrap();
    assert_eq!(outside["counted"], "no");
    assert_eq!(outside["why_not"], "outside sample");
    assert_eq!(outside["safety_wellbeing"], "low");
    // A prompt left blank is not asked; a number field is a number.
    let blank = rows.iter().find(|r| r["item"] == "2.1.1d").unwrap();
    assert_eq!(blank["why_not"], "not asked");
    assert!(blank["age"].is_number());
}
