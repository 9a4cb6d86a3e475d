//! `ratebook template`: the cases file a ruleset expects. Filled in, it loads without a warning
//! and rates as the hand-made file does.

use crate::common;

use common::{BUNDLED, ratebook, scratch, text};

#[test]
fn the_template_is_the_header_the_loader_expects_in_ruleset_order() {
    let out = ratebook(&["template", "rules/hmip-pdu-2021.rules"]);
    assert!(
        out.status.success(),
        "{}",
        common::unwrapped(&text(&out.stderr))
    );
    let header = text(&out.stdout);
    assert!(
        header.starts_with(
            "case,case_type,pre_sentence_report,2.1.1,2.1.1a,2.1.1b,2.1.1c,2.1.2,2.1.3,2.1.3a,"
        ),
        "{header}"
    );
    assert!(header.ends_with(",2.4.3,2.5.1\n"), "{header}");
    assert_eq!(header.lines().count(), 1);
}

#[test]
fn the_example_cases_laid_out_as_the_template_load_cleanly_and_rate_the_same() {
    let dir = scratch("template-example");
    let header = text(&ratebook(&["template", "rules/hmip-youth-2019.rules"]).stdout);
    let columns: Vec<&str> = header.trim_end().split(',').collect();
    // The example's rows, re-laid out in the template's columns (absent ones left empty).
    let mut example = csv::Reader::from_path("examples/cases.csv").unwrap();
    let names: Vec<String> = example
        .headers()
        .unwrap()
        .iter()
        .map(String::from)
        .collect();
    let mut writer = csv::Writer::from_path(dir.join("cases.csv")).unwrap();
    writer.write_record(&columns).unwrap();
    for row in example.records() {
        let row = row.unwrap();
        let cells: Vec<&str> = columns
            .iter()
            .map(|c| names.iter().position(|n| n == c).map_or("", |i| &row[i]))
            .collect();
        writer.write_record(cells).unwrap();
    }
    writer.flush().unwrap();
    std::fs::copy("examples/inspection.toml", dir.join("inspection.toml")).unwrap();

    let laid_out = dir.join("inspection.toml");
    let (from_template, warnings) = common::ratings_anywhere(laid_out.to_str().unwrap());
    assert_eq!(warnings, "", "a template column the loader does not know");
    assert_eq!(
        from_template,
        common::ratings_anywhere("examples/inspection.toml").0
    );
}

#[test]
fn every_bundled_ruleset_has_a_template() {
    for name in BUNDLED {
        let out = ratebook(&["template", &format!("rules/{name}.rules")]);
        assert!(
            out.status.success(),
            "{name}: {}",
            common::unwrapped(&text(&out.stderr))
        );
        assert!(text(&out.stdout).starts_with("case,"), "{name}");
    }
}

/// The inspection file `template --inspection` writes, filled in with the example's provider,
/// cases and judgements, rates as the example does (without its panel decision).
#[test]
fn the_inspection_template_filled_in_rates_as_the_example() {
    let out = ratebook(&["template", "hmip-youth-2019", "--inspection"]);
    assert_eq!(out.status.code(), Some(0));
    let template = text(&out.stdout);
    for id in ["\"1.1\" = \"\"", "\"1.4\" = \"\"", "[published]"] {
        assert!(template.contains(id), "{template}");
    }
    let cases = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cases.csv");
    let filled = template
        .replace(
            "provider = \"\"",
            "provider = \"Example Youth Offending Team\"",
        )
        .replace(
            "cases = \"cases.csv\"",
            &format!("cases = {:?}", cases.display().to_string()),
        )
        .replace("\"1.1\" = \"\"", "\"1.1\" = \"Good\"")
        .replace("\"1.2\" = \"\"", "\"1.2\" = \"Requires improvement\"")
        .replace("\"1.3\" = \"\"", "\"1.3\" = \"Good\"")
        .replace("\"1.4\" = \"\"", "\"1.4\" = \"Outstanding\"");
    let dir = crate::common::scratch("template-inspection");
    std::fs::write(dir.join("inspection.toml"), filled).unwrap();
    let rate = |path: &str| {
        let out = ratebook(&[
            "rate",
            "--rules",
            "hmip-youth-2019",
            "--format",
            "json",
            path,
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["inspections"][0]["overall"]["score"].clone()
    };
    // The example's panel moves 2.2 up a band, one point more than the cases give.
    let example = rate("examples/inspection.toml").as_u64().unwrap();
    let filled = rate(dir.join("inspection.toml").to_str().unwrap())
        .as_u64()
        .unwrap();
    assert_eq!(filled + 1, example);
}
