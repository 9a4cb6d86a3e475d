//! `ratebook fmt`: a rule file laid out canonically with every comment where it stood, meaning
//! exactly what it meant (`show` of both is the same), and formatted once for good (formatting
//! again changes nothing). Tried on a file written untidily by hand, on every rule file the
//! project holds, on generated files with comments strewn through them, and at the command
//! line (`--check`, `-`, a file that cannot be read as rules).

use crate::common;

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use ratebook::diagnostic::Source;
use ratebook::syntax::print;
use ratebook::{check_rules, format_rules};

/// The comments of a rule file's text, as a sorted list: what fmt must keep.
fn comments(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .lines()
        .filter_map(|line| {
            // A `#` outside a quoted text begins a comment.
            let mut quoted = false;
            let mut escaped = false;
            for (i, c) in line.char_indices() {
                match c {
                    _ if escaped => escaped = false,
                    '\\' if quoted => escaped = true,
                    '"' => quoted = !quoted,
                    '#' if !quoted => return Some(line[i..].trim_end().to_string()),
                    _ => {}
                }
            }
            None
        })
        .collect();
    found.sort();
    found
}

/// What a rule file means: its whole framework as `show` prints it.
fn meaning(name: &str, text: &str) -> String {
    let (rules, _) = check_rules(Source::new(name, text))
        .unwrap_or_else(|p| panic!("{name}\n{text}\n{}", p.render(false, 100)));
    print::rule_file(&rules.tree)
}

fn formatted(name: &str, text: &str) -> String {
    format_rules(&Source::new(name, text))
        .unwrap_or_else(|p| panic!("{name}\n{text}\n{}", p.render(false, 100)))
}

/// Formatting keeps every comment, means what the text meant, and is done once for good.
fn assert_formats_faithfully(name: &str, text: &str) -> String {
    let out = formatted(name, text);
    assert_eq!(
        comments(&out),
        comments(text),
        "{name}: the comments\n{out}"
    );
    assert_eq!(
        meaning(name, &out),
        meaning(name, text),
        "{name}: the meaning"
    );
    assert_eq!(formatted(name, &out), out, "{name}: formatted again");
    out
}

#[test]
fn an_untidy_file_is_laid_out_with_every_comment_where_it_stood() {
    let text = std::fs::read_to_string("tests/fmt/untidy.rules").unwrap();
    let out = assert_formats_faithfully("tests/fmt/untidy.rules", &text);
    insta::assert_snapshot!(out);
}

/// Every rule file the project holds that checks clean (the bundled rulesets, the example
/// schemes, every test fixture, variants among them) formats faithfully; the bundled
/// rulesets and the schemes are formatted already.
#[test]
fn every_rule_file_that_checks_formats_to_the_same_rules() {
    fn rule_files(folder: &Path, found: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                rule_files(&path, found);
            } else if path.extension().is_some_and(|e| e == "rules") {
                found.push(path);
            }
        }
    }
    let mut files = vec![];
    for folder in ["rules", "examples", "tests"] {
        rule_files(Path::new(folder), &mut files);
    }
    let mut tried = 0;
    for path in &files {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        if check_rules(Source::new(name.as_str(), text.as_str())).is_err() {
            continue;
        }
        let out = assert_formats_faithfully(&name, &text);
        if name.starts_with("rules/") || name.starts_with("examples/schemes/") {
            assert_eq!(out, text, "{name} is formatted already");
        }
        tried += 1;
    }
    assert!(tried >= 25, "only {tried} rule files checked clean");
}

#[test]
fn fmt_check_names_each_file_that_would_change_and_changes_none() {
    let dir = common::scratch("fmt-check");
    let untidy = dir.join("untidy.rules");
    std::fs::copy("tests/fmt/untidy.rules", &untidy).unwrap();
    let tidy = dir.join("tidy.rules");
    std::fs::copy("rules/hmip-youth-2019.rules", &tidy).unwrap();
    let before = std::fs::read_to_string(&untidy).unwrap();

    let out = common::ratebook(&["fmt", "--check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = common::unwrapped(&common::text(&out.stderr));
    assert!(
        stderr.contains("untidy.rules would be reformatted"),
        "{stderr}"
    );
    assert!(!stderr.contains("/tidy.rules would"), "{stderr}");
    assert!(
        stderr.contains("1 of 2 rule file(s) would be reformatted"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&untidy).unwrap(), before);

    // Formatted, it passes the check.
    let out = common::ratebook(&["fmt", untidy.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(common::text(&out.stderr).contains("formatted "));
    let out = common::ratebook(&["fmt", "--check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
}

#[test]
fn fmt_dash_formats_stdin_to_stdout() {
    use std::io::Write as _;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ratebook"))
        .args(["fmt", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let text = std::fs::read_to_string("tests/fmt/untidy.rules").unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        common::text(&out.stdout),
        formatted("tests/fmt/untidy.rules", &text)
    );
    // `-` stands alone.
    let out = common::ratebook(&["fmt", "-", "rules/hmip-youth-2019.rules"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_file_that_cannot_be_read_as_rules_is_shown_its_mistake_and_left_as_it_was() {
    let dir = common::scratch("fmt-broken");
    let path = dir.join("broken.rules");
    let text = std::fs::read_to_string("tests/fmt/untidy.rules")
        .unwrap()
        .replace("  below 50 Inadequate", "  below 50% Inadequate");
    std::fs::write(&path, &text).unwrap();
    let out = common::ratebook(&["fmt", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = common::unwrapped(&common::text(&out.stderr));
    assert!(stderr.contains("without `%`"), "{stderr}");
    assert!(
        stderr.contains("not formatted, since it cannot be read as rules"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

/// A generated rule file: a filter, a title and a question of any text, a band set.
fn generated(filter: &str, title: &str, question: &str) -> String {
    format!(
        "framework \"Generated\" version \"p\"\n\
         scale {{\n  Inadequate = 0\n  \"Requires improvement\" = 1\n  Good = 2\n  Outstanding = 3\n}}\n\
         case fields {{\n  disposal: court | caution\n  rosh \"risk\": low | medium | high\n  age: number optional\n}}\n\
         bands sufficiency {{\n  percent rounded half up to whole\n  below 50 Inadequate \"Minority\"\n  50 to 64 \"Requires improvement\"\n  65 to below 80 Good\n  80 and above Outstanding\n}}\n\
         discretion {{\n  near boundary within 5 points\n  moves at most 1 band\n}}\n\
         domain 2 {} where {filter} {{\n  standard 2.1 \"Assessment\" rated by lowest question using sufficiency {{\n    \"A statement.\"\n    question 2.1.1 {} {{\n      sample where rosh != low\n      prompt 2.1.1a \"A prompt?\"\n    }}\n    question 2.1.2 \"Another?\"\n  }}\n  standard 2.2 \"Judged\" judged {{}}\n}}\n\
         overall {{\n  score is sum of standard scores\n  0 to 1 Inadequate\n  2 to 3 \"Requires improvement\"\n  4 to 5 Good\n  6 Outstanding\n  at most Good when any standard is Inadequate\n}}\n\
         group risk_group \"Risk\" by rosh {{\n  Low = low\n  Higher = medium, high\n}}\n\
         measure assessing \"Assessing?\" = 2.1.1, 2.1.2\n",
        print::quoted(title),
        print::quoted(question),
    )
}

/// The generated file with its layout scrambled: each line indented anew, and comments of any
/// text strewn at the ends of lines and on lines of their own, some after a blank line.
fn strewn(text: &str, layout: &[(u8, u8, String)]) -> String {
    let mut out = String::new();
    for (line, (indent, comment, words)) in text.lines().zip(layout.iter().cycle()) {
        let words = words.replace('\n', " ");
        match comment % 5 {
            0 => out.push_str(&format!("# {words}\n")),
            1 => out.push_str(&format!("\n   # {words}\n")),
            _ => {}
        }
        out.push_str(&" ".repeat(usize::from(indent % 7)));
        out.push_str(line.trim_start());
        if comment % 3 == 2 {
            out.push_str(&format!("   # {words} #"));
        }
        out.push('\n');
    }
    out
}

fn filter(depth: u32) -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        Just("disposal = court".to_string()),
        Just("rosh != low".to_string()),
        Just("disposal not in [caution]".to_string()),
        (0i64..30).prop_map(|n| format!("age >= {n}")),
    ];
    leaf.prop_recursive(depth, 16, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} and {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a} or {b}")),
            inner.prop_map(|a| format!("not ({a})")),
        ]
    })
    .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever the layout and wherever the comments, the formatted file keeps them all,
    /// means the same, and formats to itself; a comment's words may hold `#`, quotes and any
    /// character.
    #[test]
    fn any_layout_and_comments_format_faithfully(
        filter in filter(3),
        title in "[^\"\\\\\n]{0,20}|\"#\"",
        question in "(\\PC|[#\"\\\\])*",
        layout in prop::collection::vec((any::<u8>(), any::<u8>(), "\\PC{0,12}"), 1..12),
    ) {
        let plain = generated(&filter, &title, &question);
        let text = strewn(&plain, &layout);
        // A generated filter may take no case: the checker refuses it, with comments or
        // without, and there is nothing more to compare.
        let checks = |text: &str| check_rules(Source::new("strewn.rules", text)).is_ok();
        prop_assert_eq!(checks(&text), checks(&plain));
        if checks(&text) {
            assert_formats_faithfully("strewn.rules", &text);
        }
    }
}
