//! Many inspections are loaded, rated and resampled on every core at once. The output is in
//! the order the inspections were named, and the same bytes as on one core.

use crate::common;

use std::process::Command;

/// The youth inspections bundled with the project: the example and the published ones.
fn youth_inspections() -> Vec<String> {
    let mut paths = vec!["examples/inspection.toml".to_string()];
    let mut published: Vec<String> = std::fs::read_dir("tests/published")
        .unwrap()
        .map(|e| e.unwrap().path().join("inspection.toml"))
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    published.sort();
    paths.extend(published);
    paths
}

/// Run ratebook on `threads` cores; its stdout and stderr.
fn on_cores(threads: usize, args: &[String]) -> (Vec<u8>, Vec<u8>) {
    let out = Command::new(env!("CARGO_BIN_EXE_ratebook"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("RAYON_NUM_THREADS", threads.to_string())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        common::unwrapped(&common::text(&out.stderr))
    );
    (out.stdout, out.stderr)
}

fn with(command: &[&str], inspections: &[String]) -> Vec<String> {
    let mut args: Vec<String> = command.iter().map(|a| a.to_string()).collect();
    args.extend(inspections.iter().cloned());
    args
}

#[test]
fn every_command_over_many_inspections_gives_the_same_bytes_on_one_core_or_several() {
    let inspections = youth_inspections();
    assert!(inspections.len() >= 3, "{inspections:?}");
    let rules = "rules/hmip-youth-2019.rules";
    let commands: [&[&str]; 5] = [
        &["rate", "--rules", rules, "--format", "json"],
        &["rate", "--rules", rules],
        &["stability", "--rules", rules, "--resamples", "2000"],
        &["test", "--rules", rules, "--format", "json"],
        &["breakdown", "--rules", rules, "--format", "json"],
    ];
    for command in commands {
        let args = with(command, &inspections);
        let one = on_cores(1, &args);
        for threads in [2, 3, 8] {
            assert!(
                one == on_cores(threads, &args),
                "{command:?} on {threads} cores"
            );
        }
    }
}

#[test]
fn ratings_come_out_in_the_order_the_inspections_are_named() {
    let mut inspections = youth_inspections();
    let sources = |stdout: &[u8]| -> Vec<String> {
        let json: serde_json::Value = serde_json::from_slice(stdout).unwrap();
        json["inspections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["source"].as_str().unwrap().to_string())
            .collect()
    };
    let command = [
        "rate",
        "--rules",
        "rules/hmip-youth-2019.rules",
        "--format",
        "json",
    ];
    let forwards = sources(&on_cores(2, &with(&command, &inspections)).0);
    assert_eq!(forwards, inspections);
    inspections.reverse();
    let backwards = sources(&on_cores(2, &with(&command, &inspections)).0);
    assert_eq!(backwards, inspections);
}

/// A cases file of many batches of rows, with a mistake in a few rows far apart (bad
/// answers, a row with a cell too many, a cell that is not UTF-8): every mistake is reported,
/// in row order (the four bad answers in one diagnostic, their rows in order), the same on one
/// core or several.
#[test]
fn problems_in_a_large_cases_file_are_reported_in_row_order() {
    let rules = common::rules("rules/hmip-youth-2019.rules").framework;
    let dir = common::scratch("parallel-large-cases");
    let mut csv = vec![];
    ratebook::generate::cases(
        &rules,
        30_000,
        7,
        ratebook::generate::Columns::KeyQuestions,
        &mut csv,
    )
    .unwrap();
    let text = String::from_utf8(csv).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    // Rows as a spreadsheet numbers them: line n of the file is row n.
    let spoilt = [20_123, 3, 9_000, 16_385];
    for row in spoilt {
        let line = &mut lines[row - 1];
        *line = line.replacen(",yes,", ",maybe,", 1);
        assert!(line.contains("maybe"), "row {row} has a yes to spoil");
    }
    // A row with a cell too many, in the second batch of rows read.
    let ragged = 12_000;
    lines[ragged - 1].push_str(",extra");
    let mut bytes = (lines.join("\n") + "\n").into_bytes();
    // A Latin-1 "é" (not UTF-8) in a case id, in the fourth batch.
    let latin1 = 25_000;
    let at = bytes
        .split(|&b| b == b'\n')
        .take(latin1 - 1)
        .map(|line| line.len() + 1)
        .sum::<usize>()
        + 1;
    bytes[at] = 0xE9;
    std::fs::write(dir.join("cases.csv"), bytes).unwrap();
    let toml = ratebook::generate::inspection_toml(&rules, "Large", "cases.csv");
    std::fs::write(dir.join("inspection.toml"), toml).unwrap();

    let args = with(
        &["rate", "--rules", "rules/hmip-youth-2019.rules"],
        &[dir.join("inspection.toml").display().to_string()],
    );
    let run = |threads: usize| {
        Command::new(env!("CARGO_BIN_EXE_ratebook"))
            .args(&args)
            .env("NO_COLOR", "1")
            .env("RAYON_NUM_THREADS", threads.to_string())
            .output()
            .unwrap()
    };
    let one = run(1);
    assert_eq!(one.status.code(), Some(1));
    assert!(one.stdout.is_empty());
    let stderr = common::unwrapped(&common::text(&one.stderr));
    // The ragged row and the cell that is not UTF-8, in row order.
    let rows = [ragged, latin1];
    let at: Vec<usize> = rows
        .iter()
        .map(|row| {
            // "row 12000 has …" or "row 25000, column …": not the start of "row 120001".
            [" ", ","]
                .iter()
                .filter_map(|after| stderr.find(&format!(" row {row}{after}")))
                .min()
                .unwrap_or_else(|| panic!("row {row} is not reported:\n{stderr}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{stderr}");
    // The four `maybe`s share one cause: one diagnostic naming their rows in order.
    let mut spoilt = spoilt.to_vec();
    spoilt.sort();
    let rows: Vec<String> = spoilt.iter().map(usize::to_string).collect();
    assert_eq!(stderr.matches("is not an answer").count(), 1, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "`maybe` is not an answer, in 4 rows (rows {})",
            rows.join(", ")
        )),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("row {ragged} has")), "{stderr}");
    assert!(stderr.contains("UTF-8"), "{stderr}");
    let two = run(2);
    assert_eq!(one.stderr, two.stderr);
}
