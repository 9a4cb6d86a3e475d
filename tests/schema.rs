//! The JSON contract as schemas: `schema/` holds a JSON Schema for each JSON document
//! ratebook writes, generated from the types it is written from. The schemas in the
//! repository must be the ones the code generates now, and every JSON output of every bundled
//! ruleset and inspection (and of the research fixture) must validate against its schema, checked by an independent
//! validator (the `jsonschema` crate).
//!
//! After changing a JSON type, write the schemas anew with
//! `RATEBOOK_WRITE_SCHEMAS=1 cargo test --test integration schema::`, and review the change.

use crate::common;

use std::path::Path;

use common::{BUNDLED, INSPECTIONS, SCHEMES, rules};
use ratebook::report::json::{schema_text, schemas};

fn schema(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(Path::new("schema").join(name))
        .unwrap_or_else(|e| panic!("schema/{name}: {e}"));
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&value).unwrap_or_else(|e| panic!("schema/{name}: {e}"))
}

/// Every problem the validator finds in `output`, or none.
fn check(validator: &jsonschema::Validator, what: &str, output: &str) {
    let value: serde_json::Value = serde_json::from_str(output).unwrap();
    let problems: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(problems.is_empty(), "{what}:\n{}", problems.join("\n"));
}

#[test]
fn the_schemas_in_the_repository_are_the_ones_the_types_give() {
    let write = std::env::var_os("RATEBOOK_WRITE_SCHEMAS").is_some();
    let mut stale = vec![];
    for (name, schema) in schemas() {
        let path = Path::new("schema").join(name);
        let now = schema_text(&schema);
        if write {
            std::fs::create_dir_all("schema").unwrap();
            std::fs::write(&path, &now).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(now.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "out of date: {}; write them anew with RATEBOOK_WRITE_SCHEMAS=1 cargo test --test integration schema::",
        stale.join(", ")
    );
}

#[test]
fn every_rating_and_stability_document_of_the_bundled_rulesets_validates() {
    let (rating, stability) = (schema("rating.json"), schema("stability.json"));
    let mut checked = 0;
    for name in BUNDLED {
        let rules = rules(&format!("rules/{name}.rules"));
        for path in INSPECTIONS {
            let Ok((inspection, _)) = ratebook::inspection::load(&rules.framework, Path::new(path))
            else {
                continue;
            };
            let Ok(result) = ratebook::rate::rate(&rules.framework, &inspection) else {
                continue;
            };
            let what = format!("{name} rating {path}");
            check(
                &rating,
                &what,
                &ratebook::report::json::rating_document(&rules, &[result]),
            );
            let options = ratebook::analysis::stability::Options {
                resamples: 20,
                seed: 1,
            };
            let resampled = ratebook::analysis::stability::stability(
                &rules.framework,
                &inspection,
                options,
                |_| {},
            )
            .unwrap();
            check(
                &stability,
                &format!("{name} stability {path}"),
                &ratebook::report::stability::stability_document(&rules, &[resampled]),
            );
            checked += 1;
        }
    }
    // Each bundled ruleset rates its own examples, and the youth rulesets the published ones.
    assert!(checked >= 8, "only {checked} ratings were checked");
}

#[test]
fn every_comparison_diff_and_test_document_validates() {
    let (compare, diff, test) = (
        schema("compare.json"),
        schema("diff.json"),
        schema("test.json"),
    );
    let base = rules("rules/hmip-youth-2019.rules");
    let youth = [
        "examples/inspection.toml",
        "tests/published/hounslow-2019/inspection.toml",
        "tests/published/luton-2020/inspection.toml",
    ];
    let paths: Vec<&Path> = youth.iter().map(Path::new).collect();
    for scheme in SCHEMES {
        let variant = rules(&format!("examples/schemes/{scheme}.rules"));
        let rulesets = [base.clone(), variant];
        for basis in [
            ratebook::analysis::compare::Basis::Cases,
            ratebook::analysis::compare::Basis::Decisions,
        ] {
            let comparison = ratebook::analysis::compare::compare(&rulesets, &paths, basis);
            check(
                &compare,
                &format!("compare 2019 with {scheme}"),
                &ratebook::report::compare::compare_json(&rulesets, &comparison),
            );
        }
    }
    for pair in BUNDLED.windows(2) {
        let (a, b) = (
            rules(&format!("rules/{}.rules", pair[0])),
            rules(&format!("rules/{}.rules", pair[1])),
        );
        let d = ratebook::analysis::diff::diff(&a.framework, &b.framework);
        check(
            &diff,
            &format!("diff {} {}", pair[0], pair[1]),
            &ratebook::report::diff::diff_json(&a, &b, &d),
        );
    }
    // A run that passes, and one with failures and a snapshot that changed.
    let snapshot = common::scratch("schema-test-snapshot").join("ratings.snapshot");
    std::fs::write(
        &snapshot,
        "# ratebook snapshot\n\ninspection gone.toml\n  overall  Good\n",
    )
    .unwrap();
    for (name, request) in [
        ("youth-2018", None),
        ("youth-2019", Some(snapshot.as_path())),
    ] {
        let rules = rules(&format!("rules/hmip-{name}.rules"));
        let request = request.map(|path| ratebook::analysis::suite::SnapshotRequest {
            path,
            accept: false,
        });
        let run = ratebook::analysis::suite::run(&rules, &paths, Default::default(), request);
        check(
            &test,
            &format!("test under {name}"),
            &ratebook::report::suite::test_json(&rules, &run),
        );
    }
}

#[test]
fn every_breakdown_document_validates() {
    let breakdown = schema("breakdown.json");
    // The research fixture (suppressed cells, sub-group tables, groups outside every range),
    // and the bundled youth inspections grouped by a case field.
    for args in [
        vec![
            "--rules",
            "tests/breakdown/research.rules",
            "tests/breakdown",
        ],
        vec![
            "--rules",
            "rules/hmip-youth-2019.rules",
            "--by",
            "disposal",
            "--measure",
            "2.1.1",
            "examples/inspection.toml",
            "tests/published/luton-2020/inspection.toml",
        ],
    ] {
        let mut command = vec!["breakdown", "--format", "json"];
        command.extend(&args);
        let out = common::ratebook(&command);
        assert!(out.status.success(), "{}", common::text(&out.stderr));
        check(&breakdown, &args.join(" "), &common::text(&out.stdout));
    }
}
