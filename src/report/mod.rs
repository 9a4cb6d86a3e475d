//! Report stage: results → text for people ([`table`]) and for programs ([`json`]).

pub mod breakdown;
pub mod breakdown_page;
pub mod cases;
pub mod compare;
pub mod compare_page;
pub mod csv;
pub mod diff;
pub mod doc;
pub mod document;
pub mod explain;
pub mod format;
pub mod json;
pub mod page;
pub mod rating_csv;
pub mod rating_page;
pub mod sheets;
pub mod stability;
pub mod stability_csv;
pub mod stability_page;
pub mod suite;
pub mod table;
pub mod template;
pub mod test_page;
pub mod words;
pub mod workbook;

pub use crate::columns::align;

use crate::Rules;
use crate::framework::Framework;
use crate::rate::CaseList;
use crate::terminal::one_line;

/// Cases outside a sample, with the values that put them there: "C01 (rosh: low), C02 (…)".
pub(crate) fn cases_text(cases: &CaseList) -> String {
    cases
        .iter()
        .map(|l| format!("{} ({})", l.case, l.values))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The lines that open every report: the title, the inspection and cases files, the ruleset.
pub(crate) fn heading(title: &str, rules: &Rules, source: &str, cases: Option<&str>) -> String {
    let f = &rules.framework;
    let cases = cases.map_or(String::new(), |c| format!(" (cases: {})", one_line(c)));
    format!(
        "{}\n  inspection: {}{cases}\n  ruleset:    {} version {} ({})\n",
        one_line(title),
        one_line(source),
        f.name,
        f.version,
        one_line(&rules.source.name)
    )
}

/// One line that says what a checked rule file holds, for `ratebook check`.
pub fn check_summary(path: &str, framework: &Framework) -> String {
    let standards: Vec<_> = framework.standards().map(|(_, s)| s).collect();
    let from_cases = standards.iter().filter(|s| !s.is_judged()).count();
    let questions: usize = standards
        .iter()
        .filter(|s| !s.is_judged())
        .map(|s| s.questions().len())
        .sum();
    let prompts: usize = standards
        .iter()
        .filter(|s| !s.is_judged())
        .flat_map(|s| s.questions())
        .map(|q| q.prompts.len())
        .sum();
    let top = framework.max_score();
    format!(
        "{path}: ok: {} version {}: {} domains, {} standards ({} rated from cases, {} scored), {} key questions and {} prompts rated from cases, overall score 0 to {top}",
        framework.name,
        framework.version,
        framework.domains.len(),
        standards.len(),
        from_cases,
        framework.scored_count(),
        questions,
        prompts,
    )
}
