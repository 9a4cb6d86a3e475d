//! CSV for every result, for spreadsheets, pandas and R: `rate --format csv` and `stability
//! --format csv` hold the figures the JSON gives, in the columns the README documents.

use crate::common;

use serde_json::Value;

fn run(args: &[&str]) -> String {
    let out = common::ratebook(args);
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
    common::text(&out.stdout)
}

/// A CSV's rows as maps by header.
fn records(csv: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

#[test]
fn rate_csv_holds_every_rating_count_and_percentage_the_json_gives() {
    let args = |format| {
        [
            "rate",
            "--rules",
            "hmip-youth-2019",
            "--format",
            format,
            "tests/published",
        ]
    };
    let csv = run(&args("csv"));
    assert!(csv.starts_with("inspection,provider,item,kind,rating,score,n,yes,percent\n"));
    let rows = records(&csv);
    let json: Value = serde_json::from_str(&run(&args("json"))).unwrap();
    let find = |source: &str, item: &str| {
        rows.iter()
            .find(|r| r["inspection"] == source && r["item"] == item)
            .unwrap_or_else(|| panic!("{source} {item}"))
    };
    let mut expected_rows = 0;
    for inspection in json["inspections"].as_array().unwrap() {
        let source = inspection["source"].as_str().unwrap();
        for s in inspection["standards"].as_array().unwrap() {
            let row = find(source, s["id"].as_str().unwrap());
            assert_eq!(row["kind"], "standard");
            assert_eq!(row["rating"], s["rating"].as_str().unwrap_or(""));
            assert_eq!(
                row["score"],
                s["score"].as_u64().map_or(String::new(), |n| n.to_string())
            );
            expected_rows += 1;
            for q in s["key_questions"].as_array().unwrap() {
                let row = find(source, q["id"].as_str().unwrap());
                assert_eq!(row["kind"], "key question");
                assert_eq!(row["n"], q["sample"].to_string());
                assert_eq!(row["yes"], q["yes"].to_string());
                match q["percent"].as_f64() {
                    Some(p) => assert_eq!(row["percent"].parse::<f64>().unwrap(), p),
                    None => assert_eq!(row["percent"], ""),
                }
                expected_rows += 1;
            }
        }
        let row = find(source, "overall");
        assert_eq!(
            row["rating"],
            inspection["overall"]["rating"].as_str().unwrap()
        );
        assert_eq!(row["score"], inspection["overall"]["score"].to_string());
        expected_rows += 1;
    }
    assert_eq!(rows.len(), expected_rows);
}

#[test]
fn stability_csv_holds_every_share_and_interval_the_json_gives() {
    let args = |format| {
        [
            "stability",
            "--rules",
            "hmip-youth-2019",
            "--resamples",
            "300",
            "--format",
            format,
            "examples/inspection.toml",
        ]
    };
    let rows = records(&run(&args("csv")));
    let json: Value = serde_json::from_str(&run(&args("json"))).unwrap();
    let s = &json["stability"][0];
    let shares_of = |item: &str| -> Vec<(String, f64)> {
        rows.iter()
            .filter(|r| r["item"] == item && r["kind"] != "key question")
            .map(|r| (r["resampled_rating"].clone(), r["share"].parse().unwrap()))
            .collect()
    };
    let expected = |ratings: &Value| -> Vec<(String, f64)> {
        ratings
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["rating"].as_str().unwrap().to_string(),
                    r["share"].as_f64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(shares_of("overall"), expected(&s["overall"]["ratings"]));
    for st in s["standards"].as_array().unwrap() {
        if st["ratings"].as_array().unwrap().is_empty() {
            continue;
        }
        assert_eq!(
            shares_of(st["id"].as_str().unwrap()),
            expected(&st["ratings"])
        );
        for q in st["key_questions"].as_array().unwrap() {
            let row = rows
                .iter()
                .find(|r| r["item"] == q["id"].as_str().unwrap())
                .unwrap();
            if let Some(w) = q["wilson_80"].as_array() {
                assert_eq!(
                    row["interval_low"].parse::<f64>().unwrap(),
                    w[0].as_f64().unwrap()
                );
                assert_eq!(
                    row["interval_high"].parse::<f64>().unwrap(),
                    w[1].as_f64().unwrap()
                );
            }
        }
    }
}
