//! Properties that hold for every rule file and every cases file, tried on generated ones
//! (proptest): reading never panics, however deep or odd the filter; a band set written in
//! any mix of range forms rates as its cut points say; more yes answers never lower a
//! standard's rating; the order of rows and columns in a cases file changes no rating; and
//! `show` prints a file that reads back as the same framework.

use crate::common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use proptest::prelude::*;
use ratebook::check_rules;
use ratebook::diagnostic::Source;
use ratebook::framework::{Framework, Value};
use ratebook::inspection::{Answer, Case, Inspection};
use ratebook::syntax::print;

const LABELS: [&str; 4] = [
    "Inadequate",
    "\"Requires improvement\"",
    "Good",
    "Outstanding",
];

/// A band set over 0–100 from three rising cut points, each band written in a form chosen by
/// `forms`: `below N` / `N to M` / `N to below M` / `N and above` / a single number.
fn band_set(cuts: [u32; 3], forms: [u8; 4]) -> String {
    let starts = [0, cuts[0], cuts[1], cuts[2]];
    let mut lines = vec![];
    for i in 0..4 {
        let from = starts[i];
        let to = if i == 3 { 100 } else { starts[i + 1] - 1 };
        let range = match (forms[i] % 3, i) {
            (0, 3) => format!("{from} and above"),
            (_, 3) => format!("{from} to 100"),
            (_, _) if from == to => format!("{from}"),
            (0, 0) => format!("below {}", to + 1),
            (1, _) => format!("{from} to below {}", to + 1),
            _ => format!("{from} to {to}"),
        };
        lines.push(format!("  {range}  {}", LABELS[i]));
    }
    format!(
        "bands sufficiency {{\n  percent rounded half up to whole\n{}\n}}\n",
        lines.join("\n")
    )
}

/// A rule file with one case-rated standard of `questions` key questions over `bands`.
fn rule_file(bands: &str, questions: usize, filter: &str) -> String {
    let questions: String = (1..=questions)
        .map(|q| format!("    question 2.1.{q} \"Question {q}?\"\n"))
        .collect();
    format!(
        "framework \"Generated\" version \"p\"\n\
         scale {{\n  Inadequate = 0\n  \"Requires improvement\" = 1\n  Good = 2\n  Outstanding = 3\n}}\n\
         case fields {{\n  disposal: court | caution\n  rosh: low | medium | high\n  age: number optional\n}}\n\
         {bands}\
         domain 2 \"Court\" where {filter} {{\n  standard 2.1 \"Assessment\" rated by lowest question using sufficiency {{\n{questions}  }}\n}}\n\
         overall {{\n  score is sum of standard scores\n  0 Inadequate\n  1 \"Requires improvement\"\n  2 Good\n  3 Outstanding\n}}\n"
    )
}

fn checked(text: &str) -> Framework {
    check_rules(Source::new("generated.rules", text.to_string()))
        .unwrap_or_else(|p| panic!("{text}\n{}", p.render(false, 100)))
        .0
        .framework
}

/// Court cases with the given answers (one list per case, one answer per key question).
fn inspection(answers: &[Vec<bool>]) -> Inspection {
    let cases = answers
        .iter()
        .enumerate()
        .map(|(i, row)| Case {
            id: format!("C{i:03}").into(),
            row: i + 2,
            values: vec![Some(Value::Choice(0)), Some(Value::Choice(1)), None].into(),
            answers: row
                .iter()
                .enumerate()
                .map(|(q, yes)| {
                    let answer = if *yes { Answer::Yes } else { Answer::No };
                    (format!("2.1.{}", q + 1), answer)
                })
                .collect(),
        })
        .collect();
    Inspection {
        provider: "Generated".into(),
        source: Source::new("generated.toml", ""),
        cases_path: PathBuf::from("generated.csv"),
        judged: BTreeMap::new(),
        decisions: vec![],
        published: Default::default(),
        cases,
    }
}

fn rating(f: &Framework, answers: &[Vec<bool>]) -> Option<String> {
    let rated = ratebook::rate::rate(f, &inspection(answers))
        .unwrap_or_else(|p| panic!("{}", p.render(false, 100)));
    rated.standards[0]
        .base_rating
        .map(|r| f.scale.label(r).to_string())
}

fn cut_points() -> impl Strategy<Value = [u32; 3]> {
    (1u32..98, 1u32..98, 1u32..98).prop_filter_map("three different cut points", |(a, b, c)| {
        let mut cuts = [a, b, c];
        cuts.sort_unstable();
        (cuts[0] < cuts[1] && cuts[1] < cuts[2]).then_some(cuts)
    })
}

/// A filter over the generated fields, nested up to `depth`.
fn filter(depth: u32) -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        Just("disposal = court".to_string()),
        Just("rosh != low".to_string()),
        Just("rosh not in [low, medium]".to_string()),
        (0i64..30).prop_map(|n| format!("age >= {n}")),
        (0i64..30).prop_map(|n| format!("age < {n}")),
    ];
    leaf.prop_recursive(depth, 64, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} and {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} or {b})")),
            inner.prop_map(|a| format!("not ({a})")),
        ]
    })
    .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_band_set_in_any_range_forms_rates_as_its_cut_points_say(
        cuts in cut_points(), forms in any::<[u8; 4]>(), yes in 0usize..=20,
    ) {
        let f = checked(&rule_file(&band_set(cuts, forms), 1, "disposal = court"));
        let answers: Vec<Vec<bool>> = (0..20).map(|i| vec![i < yes]).collect();
        // yes of 20, rounded half up to a whole percentage.
        let shown = (yes as u32 * 100 + 10) / 20;
        let expected = cuts.iter().filter(|&&c| shown >= c).count();
        let label = LABELS[expected].trim_matches('"');
        let rated = rating(&f, &answers);
        prop_assert_eq!(rated.as_deref(), Some(label));
    }

    #[test]
    fn more_yes_answers_never_lower_a_rating(
        cuts in cut_points(),
        answers in proptest::collection::vec(proptest::collection::vec(any::<bool>(), 3), 1..25),
        flip in any::<proptest::sample::Index>(),
    ) {
        let f = checked(&rule_file(&band_set(cuts, [0, 1, 2, 3]), 3, "disposal = court"));
        let before = rating(&f, &answers);
        let mut more = answers.clone();
        let cells: Vec<(usize, usize)> = (0..more.len()).flat_map(|c| (0..3).map(move |q| (c, q))).collect();
        let (c, q) = cells[flip.index(cells.len())];
        more[c][q] = true;
        let after = rating(&f, &more);
        let order = |label: &Option<String>| LABELS.iter().position(|l| Some(l.trim_matches('"')) == label.as_deref());
        prop_assert!(order(&after) >= order(&before), "{before:?} → {after:?}");
    }

    #[test]
    fn the_order_of_the_rows_changes_no_rating(
        answers in proptest::collection::vec(proptest::collection::vec(any::<bool>(), 3), 1..25),
        seed in any::<u64>(),
    ) {
        let f = checked(&rule_file(&band_set([50, 65, 80], [0, 0, 0, 0]), 3, "disposal = court"));
        let mut shuffled = answers.clone();
        // A deterministic shuffle from the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let rate = |a: &[Vec<bool>]| {
            let r = ratebook::rate::rate(&f, &inspection(a)).unwrap();
            let s = &r.standards[0];
            let counts: Vec<(u32, u32)> = s.key_questions.iter().map(|q| (q.yes, q.no)).collect();
            (s.base_rating, counts, r.overall.score)
        };
        prop_assert_eq!(rate(&answers), rate(&shuffled));
    }

    #[test]
    fn any_filter_reads_checks_and_prints_back_without_a_panic(filter in filter(6)) {
        let text = rule_file(&band_set([50, 65, 80], [0, 0, 0, 0]), 1, &filter);
        // A generated filter may be one no case passes: the checker says so, never panics.
        if let Ok((rules, _)) = check_rules(Source::new("generated.rules", text)) {
            let shown = print::rule_file(&rules.tree);
            let again = check_rules(Source::new("shown.rules", shown.clone()))
                .unwrap_or_else(|p| panic!("{shown}\n{}", p.render(false, 100)))
                .0;
            prop_assert_eq!(print::rule_file(&again.tree), shown);
        }
    }

    /// Any text, whatever characters it holds (line breaks, escapes, bidirectional controls,
    /// quotes and backslashes), written as a rule file writes it, reads as itself; `show`
    /// prints it in a form that checks again, means the same and prints the same.
    #[test]
    fn any_text_shows_in_a_form_that_reads_back_as_the_same_text(
        name in any::<String>(),
        title in any::<String>(),
        question in "(\\PC|[\u{0}-\u{1f}\u{7f}-\u{9f}\u{200e}\u{200f}\u{202a}-\u{202e}\u{2066}-\u{2069}\"\\\\])*",
    ) {
        let text = rule_file(&band_set([50, 65, 80], [0, 0, 0, 0]), 1, "disposal = court")
            .replace("\"Generated\"", &print::quoted(&name))
            .replace("\"Court\"", &print::quoted(&title))
            .replace("\"Question 1?\"", &print::quoted(&question));
        let (rules, _) = check_rules(Source::new("texts.rules", text.clone()))
            .unwrap_or_else(|p| panic!("{text}\n{}", p.render(false, 100)));
        let read = |f: &Framework| {
            (f.name.clone(), f.domains[0].title.clone(), f.domains[0].standards[0].questions()[0].text.clone())
        };
        prop_assert_eq!(read(&rules.framework), (name, title, question));
        let shown = print::rule_file(&rules.tree);
        prop_assert!(!shown.chars().any(ratebook::terminal::is_unsafe), "{}", shown);
        let again = check_rules(Source::new("shown.rules", shown.clone()))
            .unwrap_or_else(|p| panic!("{shown}\n{}", p.render(false, 100)))
            .0;
        prop_assert_eq!(read(&again.framework), read(&rules.framework));
        prop_assert_eq!(print::rule_file(&again.tree), shown);
    }

    #[test]
    fn filters_nested_far_past_the_limit_are_refused_not_overflowed(depth in 90usize..400, nots in any::<bool>()) {
        let filter = if nots {
            format!("{}disposal = court", "not ".repeat(depth))
        } else {
            format!("{}disposal = court{}", "(".repeat(depth), ")".repeat(depth))
        };
        let text = rule_file(&band_set([50, 65, 80], [0, 0, 0, 0]), 1, &filter);
        let outcome = check_rules(Source::new("deep.rules", text));
        if depth > 100 {
            let problems = outcome.expect_err("refused");
            prop_assert!(problems.render(false, 100).contains("nests more than 100"));
        }
    }
}

/// The order of the columns of a cases file changes nothing that is written out.
#[test]
fn the_order_of_the_columns_changes_no_output() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("properties-columns");
    std::fs::create_dir_all(&dir).unwrap();
    let mut reader = csv::Reader::from_path("examples/cases.csv").unwrap();
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let order: Vec<usize> = (0..headers.len()).rev().collect();
    let mut writer = csv::Writer::from_path(dir.join("cases.csv")).unwrap();
    writer
        .write_record(order.iter().map(|&i| &headers[i]))
        .unwrap();
    for row in &rows {
        writer.write_record(order.iter().map(|&i| &row[i])).unwrap();
    }
    writer.flush().unwrap();
    std::fs::copy("examples/inspection.toml", dir.join("inspection.toml")).unwrap();
    let (shuffled, _) = common::ratings_anywhere(dir.join("inspection.toml").to_str().unwrap());
    let (original, _) = common::ratings_anywhere("examples/inspection.toml");
    assert_eq!(shuffled, original);
}
