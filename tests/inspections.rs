//! Inspection and rate stages on bad input: every inspection under tests/inspection/err is
//! refused with all its problems shown; every panel decision under tests/inspection/refused is
//! refused with the reason the rules give; answers outside a sample are left out and counted.

use crate::common;

use std::path::Path;

use ratebook::diagnostic::Problems;
use ratebook::rate::InspectionResult;
use ratebook::{Rules, load_rules};

fn relative(path: &Path) -> &Path {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
}

fn rules(path: &str) -> Rules {
    load_rules(Path::new(path))
        .unwrap_or_else(|p| panic!("{}", p.render(false, 100)))
        .0
}

/// Load and rate one inspection: the result and warnings, or every problem.
fn rate(rules: &Rules, folder: &Path) -> Result<(InspectionResult, Problems), Problems> {
    let path = relative(folder).join("inspection.toml");
    let (inspection, warnings) = ratebook::inspection::load(&rules.framework, &path)?;
    let result = ratebook::rate::rate(&rules.framework, &inspection)?;
    Ok((result, warnings))
}

/// Rate the example inspection file with these cases, both held in memory: diagnostics name
/// the cases file `cases.csv`, as the inspection file does, wherever the test runs.
fn rate_example_with(
    rules: &Rules,
    cases: &[u8],
) -> Result<(InspectionResult, Problems), Problems> {
    let toml = std::fs::read_to_string("examples/inspection.toml").unwrap();
    let (inspection, warnings) =
        ratebook::inspection::load_text(&rules.framework, "inspection.toml", &toml, cases)?;
    let result = ratebook::rate::rate(&rules.framework, &inspection)?;
    Ok((result, warnings))
}

#[test]
fn bad_inspections_are_refused_with_every_problem_shown() {
    let tiny = rules("tests/inspection/tiny.rules");
    insta::glob!("inspection/err/*/inspection.toml", |path| {
        let folder = path.parent().unwrap();
        let problems = rate(&tiny, folder).expect_err("an inspection in err/ must be refused");
        assert!(problems.has_errors());
        insta::assert_snapshot!(problems.render(false, 100));
    });
}

#[test]
fn decisions_the_rules_do_not_allow_are_refused() {
    let youth_2019 = rules("rules/hmip-youth-2019.rules");
    insta::glob!("inspection/refused/*/inspection.toml", |path| {
        let folder = path.parent().unwrap();
        let problems =
            rate(&youth_2019, folder).expect_err("a decision in refused/ must be refused");
        let rendered = problems.render(false, 100);
        assert!(rendered.contains("refused"), "{rendered}");
        insta::assert_snapshot!(rendered);
    });
}

#[test]
fn answers_outside_a_sample_are_left_out_and_counted() {
    let tiny = rules("tests/inspection/tiny.rules");
    let (result, warnings) =
        rate(&tiny, Path::new("tests/inspection/ok/left_out_answers")).unwrap();
    let planning = &result.standards[1];
    let safety = &planning.key_questions[1];
    assert_eq!(safety.id, "2.1.2");
    // R3 and R4 have low risk of serious harm: their answers to 2.1.2 are not counted.
    assert_eq!((safety.yes, safety.no, safety.sample), (2, 1, 3));
    assert_eq!(safety.left_out, 2);
    let left_out: Vec<(&str, &str)> = safety
        .left_out_cases
        .iter()
        .map(|l| (l.case, l.values))
        .collect();
    assert_eq!(left_out, [("R3", "rosh: low"), ("R4", "rosh: low")]);
    assert_eq!((safety.domain_cases, safety.sample_cases), (5, 3));
    // The caution falls in no domain, and the notes column is not read: both are said.
    let warnings = warnings.render(false, 100);
    assert!(
        warnings.contains("case C1 belongs to no domain"),
        "{warnings}"
    );
    assert!(warnings.contains("unknown column `notes`"), "{warnings}");
    insta::assert_snapshot!(format!(
        "{warnings}\n{}",
        ratebook::report::table::rating_table(&tiny, &result)
    ));
}

#[test]
fn prompts_are_tallied_over_their_key_questions_sample() {
    let tiny = rules("tests/inspection/tiny.rules");
    let (result, _) = rate(&tiny, Path::new("tests/inspection/ok/left_out_answers")).unwrap();
    let prompt = &result.standards[1].key_questions[0].prompts[0];
    assert_eq!(prompt.id, "2.1.1a");
    assert_eq!((prompt.yes, prompt.no, prompt.not_answered), (3, 1, 1));
    assert_eq!(prompt.shown_percent, Some(75));
}

#[test]
fn a_scored_standard_with_no_cases_is_rated_as_the_ruleset_says() {
    let folder = Path::new("tests/inspection/err/no_court_cases");
    let text = std::fs::read_to_string("tests/inspection/tiny.rules").unwrap();
    let with_rule = |rule: &str| {
        let text = text.replace(
            "score is sum of standard scores",
            &format!("score is sum of standard scores\n  {rule}"),
        );
        let source = ratebook::diagnostic::Source::new("tiny (edited)", text);
        ratebook::check_rules(source).unwrap().0
    };

    // Scores 0: 1.1 Good (2) of a maximum of 6 is Requires improvement.
    let rules = with_rule("an unrated standard scores 0");
    let (result, _) = rate(&rules, folder).unwrap();
    let result = common::contract(rules, result);
    assert_eq!(result.standards[1].rating, None);
    assert_eq!((result.overall.score, result.overall.max), (2, 6));
    assert_eq!(result.overall.rating, "Requires improvement");
    assert_eq!(result.overall.unrated, ["2.1 is not rated and scores 0"]);

    // Left out of the maximum: 2 of 3.
    let (result, _) = rate(
        &with_rule("an unrated standard is left out of the maximum"),
        folder,
    )
    .unwrap();
    assert_eq!((result.overall.score, result.overall.max), (2, 3));
}

fn resettlement(folder: &str) -> (Rules, InspectionResult) {
    let youth_2021 = rules("rules/hmip-youth-2021.rules");
    let (result, warnings) = rate(
        &youth_2021,
        &Path::new("tests/inspection/revisions").join(folder),
    )
    .unwrap();
    let warnings = warnings.render(false, 100);
    assert!(warnings.contains("unknown column `3.4.1`"), "{warnings}");
    (youth_2021, result)
}

#[test]
fn resettlement_2021_is_not_rated_when_there_are_no_resettlement_cases() {
    let (rules, result) = resettlement("resettlement-not-rated");
    let result = common::contract(rules, result);
    let standard = result.standards.iter().find(|s| s.id == "4.1").unwrap();
    assert_eq!(
        (standard.rating, standard.score, standard.scored),
        (None, None, false)
    );
    // Luton's standards as published: 3.4 is now judged Requires improvement, as it was rated.
    assert_eq!((result.overall.score, result.overall.max), (16, 36));
    assert_eq!(result.overall.rating, "Requires improvement");
}

#[test]
fn resettlement_2021_of_any_rating_leaves_the_score_untouched() {
    let (rules, result) = resettlement("resettlement-inadequate");
    let json = ratebook::report::json::rating_document(&rules, std::slice::from_ref(&result));
    let result = common::contract(rules, result);
    let standard = result.standards.iter().find(|s| s.id == "4.1").unwrap();
    assert_eq!(standard.rating, Some("Inadequate"));
    assert_eq!((result.overall.score, result.overall.max), (16, 36));
    insta::assert_snapshot!(json.lines().filter(|l| l.contains("\"scored\": false")).count().to_string(), @"1");
}

#[test]
fn a_ruleset_without_discretion_refuses_every_decision() {
    let minimal = rules("tests/check/ok_minimal.rules");
    let problems =
        rate(&minimal, Path::new("tests/inspection/no-discretion")).expect_err("refused");
    let rendered = problems.render(false, 100);
    assert!(
        rendered.contains("refused: this ruleset allows no professional discretion"),
        "{rendered}"
    );
    assert!(rendered.contains("ratebook::rate::no_discretion_rules"));
}

#[test]
fn a_spreadsheet_export_with_a_byte_order_mark_and_crlf_lines_reads_cleanly() {
    let tiny = rules("tests/inspection/tiny.rules");
    let (result, warnings) =
        rate(&tiny, Path::new("tests/inspection/ok/spreadsheet_export")).unwrap();
    // The mark is not part of the first column's name, so `case` is found and nothing warns.
    assert!(warnings.is_empty(), "{}", warnings.render(false, 100));
    let planning = &result.standards[1];
    assert_eq!(
        (
            planning.key_questions[0].yes,
            planning.key_questions[0].sample
        ),
        (2, 2)
    );
    assert_eq!(
        (
            planning.key_questions[1].yes,
            planning.key_questions[1].sample
        ),
        (1, 2)
    );
}

#[test]
fn each_standard_of_its_own_sample_is_answered_by_that_sample_only() {
    let crc = rules("rules/hmip-adult-2018-crc.rules");
    let problems = rate(&crc, Path::new("tests/inspection/own_sample"))
        .expect_err("answers outside a standard's own sample are refused");
    let rendered = problems.render(false, 100);
    assert_eq!(problems.errors(), 2, "{rendered}");
    insta::assert_snapshot!(rendered);
}

#[test]
fn a_standard_of_its_own_sample_counts_only_those_cases() {
    let crc = rules("rules/hmip-adult-2018-crc.rules");
    let (result, warnings) = rate(&crc, Path::new("examples/adult/crc")).unwrap();
    assert!(warnings.is_empty(), "{}", warnings.render(false, 100));
    let unpaid_work = result.standards.iter().find(|s| s.id == "4.1").unwrap();
    assert_eq!(
        unpaid_work.own_sample.as_deref(),
        Some("case_type = unpaid_work")
    );
    let q = &unpaid_work.key_questions[0];
    // 10 unpaid work cases of the domain's 18; the 8 Through the Gate cases are not its cases.
    assert_eq!((q.domain_cases, q.yes, q.no, q.left_out), (10, 7, 3, 0));
}

#[test]
fn many_cases_in_no_domain_are_named_ten_at_a_time_then_counted() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("inspections-no-domain");
    std::fs::create_dir_all(&dir).unwrap();
    let mut cases = String::from(
        "case,disposal,rosh,age,2.1.1,2.1.1a,2.1.2\nR1,referral_order,high,15,yes,yes,yes\n",
    );
    for i in 0..30 {
        cases.push_str(&format!("C{i},youth_caution,low,15,,,\n"));
    }
    std::fs::write(dir.join("cases.csv"), cases).unwrap();
    std::fs::write(
        dir.join("inspection.toml"),
        "provider = \"Cautions\"\ncases = \"cases.csv\"\n[judged]\n\"1.1\" = \"Good\"\n",
    )
    .unwrap();
    let tiny = rules("tests/inspection/tiny.rules");
    let (_, warnings) =
        ratebook::inspection::load(&tiny.framework, &dir.join("inspection.toml")).unwrap();
    assert_eq!(warnings.warnings(), 11);
    let rendered = common::unwrapped(&warnings.render(false, 200));
    assert!(
        rendered.contains("20 more cases belong to no domain rated from cases (30 in all)"),
        "{rendered}"
    );
    assert!(rendered.contains("ratebook::inspection::cases_in_no_domain"));
}

#[test]
fn pooled_answers_are_summed_over_every_answered_key_question() {
    // 2.1.1: 4 yes of 5 answered; 2.1.2 (its sample only): 2 yes of 3. Pooled: 6 of 8 = 75%.
    let pooled = rules("tests/inspection/tiny-pooled.rules");
    let (result, _) = rate(&pooled, Path::new("tests/inspection/ok/left_out_answers")).unwrap();
    let explained = ratebook::report::explain::explanation(&pooled, &result, Some("2.1"));
    assert!(
        explained.contains("Banded on the pooled answers 6 of 8 = 75%: the standard is Good."),
        "{explained}"
    );
    let result = common::contract(pooled, result);
    let planning = &result.standards[1];
    let counts: Vec<(u32, u32)> = planning
        .key_questions
        .iter()
        .map(|q| (q.yes, q.sample))
        .collect();
    assert_eq!(counts, [(4, 5), (2, 3)]);
    let aggregation = planning.aggregation.as_ref().unwrap();
    assert_eq!(aggregation.rule, "pooled answers");
    assert_eq!(aggregation.summary, "pooled answers 6 of 8 = 75%");
}

/// The example's cases written as spreadsheets write them: `Case` for `case`, `Referral order`
/// for `referral_order`, a notes column saved in Windows-1252, and blank rows after the last
/// case. Every case is rated as from the clean file, with one warning for each habit.
#[test]
fn a_cases_file_as_a_spreadsheet_writes_it_rates_as_the_clean_file_does() {
    let rules = rules("rules/hmip-youth-2019.rules");
    let clean = std::fs::read_to_string("examples/cases.csv").unwrap();
    let mut lines = clean.lines();
    let header = lines.next().unwrap().replacen("case", "Case", 1);
    let mut bytes = format!("{header},notes\n").into_bytes();
    for (i, line) in lines.enumerate() {
        bytes.extend(line.replace("referral_order", "Referral order").as_bytes());
        // "café" in Windows-1252: 0xE9 is not UTF-8.
        bytes.extend(if i % 5 == 0 {
            &b",caf\xe9\n"[..]
        } else {
            &b",ok\n"[..]
        });
    }
    let width = header.split(',').count() + 1;
    for _ in 0..3 {
        bytes.extend(",".repeat(width - 1).as_bytes());
        bytes.push(b'\n');
    }
    let (habits, warnings) =
        rate_example_with(&rules, &bytes).unwrap_or_else(|p| panic!("{}", p.render(false, 100)));
    let (clean, _) = rate(&rules, Path::new("examples")).unwrap();
    // Each standard's rating and each key question's yes and answered counts.
    type Counted = Vec<(Option<usize>, Vec<(u32, u32)>)>;
    let counted = |result: &InspectionResult| -> Counted {
        result
            .standards
            .iter()
            .map(|s| {
                let questions = s.key_questions.iter().map(|q| (q.yes, q.sample)).collect();
                (s.rating.map(|r| r.0), questions)
            })
            .collect()
    };
    assert_eq!(counted(&habits), counted(&clean));
    assert_eq!(habits.overall.score, clean.overall.score);
    insta::assert_snapshot!(warnings.render(false, 100));
}

/// `Y` and `N` typed for every answer: one diagnostic for each, with how many columns and
/// rows, instead of one for every cell.
#[test]
fn one_habit_in_every_answer_is_one_diagnostic() {
    let rules = rules("rules/hmip-youth-2019.rules");
    let clean = std::fs::read_to_string("examples/cases.csv").unwrap();
    let answers = clean.replace(",yes", ",Y").replace(",no", ",N");
    // looked_after is a yes-or-no field: its N and Y are put back, to keep to the answers.
    let mut text = String::new();
    for (i, line) in answers.lines().enumerate() {
        let mut cells: Vec<&str> = line.split(',').collect();
        if i > 0 {
            cells[7] = match cells[7] {
                "Y" => "yes",
                "N" => "no",
                other => other,
            };
        }
        text.push_str(&cells.join(","));
        text.push('\n');
    }
    let problems = rate_example_with(&rules, text.as_bytes()).expect_err("Y is not an answer");
    assert_eq!(problems.errors(), 2, "{}", problems.render(false, 100));
    insta::assert_snapshot!(problems.render(false, 100));
}

/// A field may give its values the labels people write (`youth_rehabilitation_order "YRO"`):
/// a cases file may use the label or the value, and the document writes the label.
#[test]
fn a_value_may_be_written_by_its_label() {
    let dir = common::scratch("inspections-value-labels");
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/hmip-youth-2019.rules");
    let fields = std::fs::read_to_string(&base).unwrap();
    let start = fields.find("case fields {").unwrap();
    let end = start + fields[start..].find("\n}\n").unwrap() + 3;
    let labelled = fields[start..end].replace(
        "disposal: referral_order | youth_rehabilitation_order | custody",
        "disposal: referral_order \"RO\" | youth_rehabilitation_order \"YRO\" | custody \"In custody\"",
    );
    let variant = format!(
        "framework \"labelled\" version \"1\"\nbased on {:?}\nreplace {labelled}",
        base.display().to_string()
    );
    std::fs::write(dir.join("labelled.rules"), &variant).unwrap();
    let rules = rules(dir.join("labelled.rules").to_str().unwrap());
    let clean = std::fs::read_to_string("examples/cases.csv").unwrap();
    std::fs::write(
        dir.join("cases.csv"),
        clean
            .replacen(",referral_order,", ",RO,", 3)
            .replacen(",youth_rehabilitation_order,", ",yro,", 2)
            // A label with a space, written as people write it.
            .replacen(",custody,", ",in Custody,", 1),
    )
    .unwrap();
    let toml = std::fs::read_to_string("examples/inspection.toml").unwrap();
    std::fs::write(dir.join("inspection.toml"), toml).unwrap();
    let (labelled, _) = rate(&rules, &dir).unwrap_or_else(|p| panic!("{}", p.render(false, 100)));
    let (plain, _) = rate(&rules, Path::new("examples")).unwrap();
    assert_eq!(labelled.overall.score, plain.overall.score);
    let shown = ratebook::syntax::print::rule_file(&rules.tree);
    assert!(
        shown.contains(
            "disposal: referral_order \"RO\" | youth_rehabilitation_order \"YRO\" | custody \"In custody\""
        ),
        "{shown}"
    );
    let doc = ratebook::report::document::markdown(&ratebook::report::doc::document(&rules, None));
    assert!(
        doc.contains("RO (referral_order), YRO (youth_rehabilitation_order), In custody (custody)"),
        "{doc}"
    );
    assert!(
        doc.contains("those whose disposal is RO, YRO or In custody"),
        "{doc}"
    );

    // A label that a cases file would read as another value is refused.
    let clash = variant.replace("\"YRO\"", "\"referral order\"");
    let problems = ratebook::check_rules(ratebook::diagnostic::Source::new("clash.rules", clash))
        .expect_err("two values written alike");
    assert!(
        problems.messages()[0].contains(
            "`referral_order` would name both `referral_order` and `youth_rehabilitation_order`"
        ),
        "{:?}",
        problems.messages()
    );
    insta::assert_snapshot!(common::unwrapped(&problems.render(false, 100)));
}

/// Excel's "CSV (Comma delimited)" is Windows-1252: the inspection file says so, and the cases
/// rate as from UTF-8; without it, the diagnostic names the cell and suggests the encoding.
#[test]
fn a_cases_file_in_windows_1252_is_read_when_the_inspection_file_says_so() {
    let rules = rules("rules/hmip-youth-2019.rules");
    let dir = common::scratch("inspections-windows-1252");
    let clean = std::fs::read_to_string("examples/cases.csv").unwrap();
    // Case ids with é, written as Windows-1252 writes it: the one byte 0xE9.
    let accented = clean.replace("YOT-0", "YOTé-0");
    let bytes: Vec<u8> = accented
        .chars()
        .map(|c| if c == 'é' { 0xE9 } else { c as u8 })
        .collect();
    std::fs::write(dir.join("cases.csv"), &bytes).unwrap();
    let toml = std::fs::read_to_string("examples/inspection.toml").unwrap();
    std::fs::write(dir.join("inspection.toml"), &toml).unwrap();
    let problems = rate(&rules, &dir).expect_err("not UTF-8");
    let said = common::unwrapped(&problems.render(false, 100));
    assert!(
        said.contains("write encoding = \"windows-1252\" in the inspection file"),
        "{said}"
    );

    let with_encoding = toml.replace(
        "cases = \"cases.csv\"",
        "cases = \"cases.csv\"\nencoding = \"windows-1252\"",
    );
    std::fs::write(dir.join("inspection.toml"), &with_encoding).unwrap();
    let (read, _) = rate(&rules, &dir).unwrap_or_else(|p| panic!("{}", p.render(false, 100)));
    let (plain, _) = rate(&rules, Path::new("examples")).unwrap();
    assert_eq!(read.overall.score, plain.overall.score);
    let outside: Vec<String> = read.standards[5].key_questions[1]
        .outside_sample
        .iter()
        .map(|c| c.case.to_string())
        .collect();
    assert_eq!(outside, ["YOTé-005", "YOTé-006"]);

    std::fs::write(
        dir.join("inspection.toml"),
        toml.replace(
            "cases = \"cases.csv\"",
            "cases = \"cases.csv\"\nencoding = \"windows-1522\"",
        ),
    )
    .unwrap();
    let problems = rate(&rules, &dir).expect_err("no such encoding");
    insta::assert_snapshot!(
        common::unwrapped(&problems.render(false, 100)).replace(&common::relative(&dir), "DIR")
    );
}
