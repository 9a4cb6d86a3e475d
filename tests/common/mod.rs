//! Helpers shared by the integration tests: the binary as users run it, and rule files as a
//! reader names them. Each test file uses some of them.
#![allow(dead_code)]

pub mod made_workbooks;

use std::path::Path;
use std::process::{Command, Output};

use ratebook::{Rules, load_rules};

/// Every bundled ruleset in rules/, youth revisions in order, then the adult programmes.
pub const BUNDLED: [&str; 6] = [
    "hmip-youth-2018",
    "hmip-youth-2019",
    "hmip-youth-2021",
    "hmip-adult-2018-nps",
    "hmip-adult-2018-crc",
    "hmip-pdu-2021",
];

/// Every inspection bundled with ratebook that some bundled ruleset rates: the examples and
/// the published reproductions.
pub const INSPECTIONS: [&str; 6] = [
    "examples/inspection.toml",
    "examples/adult/nps/inspection.toml",
    "examples/adult/crc/inspection.toml",
    "examples/adult/pdu/inspection.toml",
    "tests/published/hounslow-2019/inspection.toml",
    "tests/published/luton-2020/inspection.toml",
];

/// The example schemes in examples/schemes, each a trial variant of the 2019 ruleset.
pub const SCHEMES: [&str; 5] = [
    "higher-thresholds",
    "mean-of-questions",
    "court-work-double",
    "inadequate-caps",
    "count-based",
];

/// Run the `ratebook` binary, colour off, as a script would.
pub fn ratebook(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ratebook"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Diagnostics with miette's line wrapping undone, so a test can look for a sentence that
/// holds a path of any length: each line break, with the indent and `│` margin that continue
/// a wrapped message, becomes one space.
pub fn unwrapped(text: &str) -> String {
    let mut flat = String::with_capacity(text.len());
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_start().trim_start_matches('│').trim_start();
        if n > 0 {
            flat.push(' ');
        }
        flat.push_str(line);
    }
    flat
}

/// The path as a reader would type it from the project folder, so snapshots are portable.
pub fn relative(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string()
}

/// A rule file that must check; its problems are shown if it does not.
pub fn rules(path: &str) -> Rules {
    load_rules(Path::new(path))
        .unwrap_or_else(|p| panic!("{path}:\n{}", p.render(false, 100)))
        .0
}

/// A fresh, empty folder for one test's files, under cargo's scratch space for tests.
pub fn scratch(name: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

/// `rate --format json` of one inspection under the 2019 ruleset, with where its files are
/// blanked out (see [`anywhere`]); and what the run wrote to stderr.
pub fn ratings_anywhere(inspection: &str) -> (serde_json::Value, String) {
    let out = ratebook(&[
        "rate",
        "--rules",
        "rules/hmip-youth-2019.rules",
        "--format",
        "json",
        inspection,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    (anywhere(&out.stdout), text(&out.stderr))
}

/// Ratings as `rate --format json` gives them, with where each inspection's files are blanked
/// out (source, cases, the judged lines' file), so two copies of the same inspection in
/// different folders compare equal.
pub fn anywhere(json: &[u8]) -> serde_json::Value {
    let mut json: serde_json::Value = serde_json::from_slice(json).unwrap();
    for rated in json["inspections"].as_array_mut().unwrap() {
        rated["source"] = "".into();
        rated["cases"] = "".into();
        for standard in rated["standards"].as_array_mut().unwrap() {
            standard["judged_in"] = "".into();
        }
    }
    json
}

/// A rating in its contract form (the JSON's fields, ratings as labels and reasons as
/// sentences), for tests that read what users read. The rules and result are kept for the
/// rest of the test run.
pub fn contract(
    rules: Rules,
    result: ratebook::rate::InspectionResult,
) -> ratebook::report::json::rating::Inspection<'static> {
    let rules: &'static Rules = Box::leak(Box::new(rules));
    let result = Box::leak(Box::new(result));
    ratebook::report::json::rating::Inspection::of(rules, result)
}

/// A test that needs something this machine lacks (a tool, a system file) says so and
/// skips, but where `CI` is set it fails instead: a broken install step must not pass as a
/// skipped test.
pub fn missing(what: &str, install: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("{what} is needed by this test and CI is set ({install})");
    }
    eprintln!("skipped: {what} is not on this machine ({install})");
}

/// Debian's Chromium, or another Chromium or Chrome on the path, for the tests that render
/// pages; `None` where there is none (those tests then call [`missing`]).
pub fn browser() -> Option<std::path::PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            let found = Command::new("which").arg(name).output().ok()?;
            let path = text(&found.stdout).trim().to_string();
            (found.status.success() && !path.is_empty()).then(|| std::path::PathBuf::from(path))
        })
}

/// Run headless Chromium (or Chrome) with a profile of its own, quietly: no first-run pages,
/// no background requests.
pub fn headless(browser: &Path, profile: &Path, args: &[&str]) -> Output {
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("the browser starts")
}
