//! Report stage: results → text for people ([`table`]) and for programs ([`json`]).

pub mod json;
pub mod table;

use crate::framework::Framework;

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
    let top = framework.overall.bands.last().map_or(0, |b| b.to);
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
