//! The catalogue of diagnostics: every code ratebook can report is triggered somewhere in the
//! tests — a bad input under `tests/` whose snapshot shows it, or a test that asserts it — so
//! no diagnostic goes unseen until a user meets it. Only the internal ones, which say "this is
//! a bug in ratebook", have no input that triggers them.

use std::path::Path;

/// Codes that no input can trigger: each marks a bug in ratebook itself.
const NO_INPUT_TRIGGERS: [&str; 2] = ["ratebook::syntax::internal", "ratebook::variant::internal"];

fn files(folder: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn texts(folder: &str) -> Vec<String> {
    let mut found = vec![];
    files(Path::new(folder), &mut found);
    found
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

#[test]
fn every_diagnostic_code_is_triggered_by_some_test() {
    let sources = texts("src");
    let mut codes: Vec<String> = sources
        .iter()
        .flat_map(|text| {
            text.match_indices("code(ratebook::")
                .map(|(at, _)| {
                    let rest = &text[at + "code(".len()..];
                    rest[..rest.find(')').unwrap()].to_string()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    codes.sort();
    codes.dedup();
    assert!(codes.len() > 90, "{} codes found", codes.len());
    let tests = texts("tests");
    let untriggered: Vec<&String> = codes
        .iter()
        .filter(|code| !NO_INPUT_TRIGGERS.contains(&code.as_str()))
        .filter(|code| {
            let declared = format!("code({code})");
            let in_tests = tests.iter().any(|t| t.contains(code.as_str()));
            // A unit test beside the code asserts it by name, beyond its declaration.
            let in_unit_tests = sources
                .iter()
                .any(|t| t.matches(code.as_str()).count() > t.matches(&declared).count());
            !in_tests && !in_unit_tests
        })
        .collect();
    assert!(
        untriggered.is_empty(),
        "no test triggers these diagnostics; add an input under tests/ that does: {untriggered:?}"
    );
}
