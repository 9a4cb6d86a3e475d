//! Inspection and rate stages on bad input: every inspection under tests/inspection/err is
//! refused with all its problems shown; every panel decision under tests/inspection/refused is
//! refused with the reason the rules give; answers outside a sample are left out and counted.

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
    assert_eq!(safety.left_out_cases, ["R3", "R4"]);
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
