//! The case-level table (`ratebook cases`): one row per inspection × case × key question or
//! prompt of the case's domains, saying whether the rating counts the case for the item, and
//! if not why (outside its sample, not asked, not applicable), the answer, and the case's
//! field values. Who is counted is decided by [`crate::framework::membership`], the one place
//! the rating and `breakdown` ask too, so the table's counts are theirs by construction.
//!
//! Nothing here reads a file or writes a sentence.

use crate::framework::{Framework, Method, membership};
use crate::inspection::{Answer, Inspection};

/// Whether, and why not, the rating counts a case for an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Counted: in the item's sample, answered yes or no.
    Yes,
    /// Outside the standard's own sample or the key question's sub-sample.
    OutsideSample,
    /// In the sample, with no answer (a prompt left blank).
    NotAsked,
    /// In the sample, answered n/a.
    NotApplicable,
}

impl Counted {
    /// `counted`'s column: yes or no.
    pub fn counted(self) -> &'static str {
        if self == Counted::Yes { "yes" } else { "no" }
    }

    /// `why_not`'s column: empty when counted.
    pub fn why_not(self) -> &'static str {
        match self {
            Counted::Yes => "",
            Counted::OutsideSample => "outside sample",
            Counted::NotAsked => "not asked",
            Counted::NotApplicable => "not applicable",
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    /// The inspection file, as given.
    pub inspection: &'a str,
    /// The provider it names.
    pub provider: &'a str,
    /// The case's id.
    pub case: &'a str,
    /// The domain's id.
    pub domain: &'a str,
    /// The standard's id.
    pub standard: &'a str,
    /// The key question's or prompt's id.
    pub item: &'a str,
    /// Whether it is a key question (not a prompt).
    pub key_question: bool,
    /// Whether, and why not, the rating counts it.
    pub counted: Counted,
    /// The case's answer, if any.
    pub answer: Option<Answer>,
    /// The case's inspection, for its field values.
    pub values: &'a [Option<crate::framework::Value>],
}

/// Every row of the inspections' cases, in inspection, case and ruleset order.
pub fn rows<'a>(framework: &'a Framework, inspections: &'a [Inspection]) -> Vec<Row<'a>> {
    let mut rows = vec![];
    for inspection in inspections {
        for case in &inspection.cases {
            for domain in &framework.domains {
                if !domain.takes(&case.values) {
                    continue;
                }
                for standard in &domain.standards {
                    let Method::FromCases { questions, .. } = &standard.method else {
                        continue;
                    };
                    for question in questions {
                        let asked = membership::asks(domain, standard, question, &case.values);
                        let items = std::iter::once((question.id.as_str(), true))
                            .chain(question.prompts.iter().map(|p| (p.id.as_str(), false)));
                        for (item, key_question) in items {
                            let answer = case.answers.get(item);
                            let counted = match (asked, answer) {
                                (false, _) => Counted::OutsideSample,
                                (true, None) => Counted::NotAsked,
                                (true, Some(Answer::NotApplicable)) => Counted::NotApplicable,
                                (true, Some(_)) => Counted::Yes,
                            };
                            rows.push(Row {
                                inspection: &inspection.source.name,
                                provider: &inspection.provider,
                                case: &case.id,
                                domain: &domain.id,
                                standard: &standard.id,
                                item,
                                key_question,
                                counted,
                                answer,
                                values: &case.values,
                            });
                        }
                    }
                }
            }
        }
    }
    rows
}

/// An answer as the table writes it.
pub fn answer_text(answer: Option<Answer>) -> &'static str {
    match answer {
        Some(Answer::Yes) => "yes",
        Some(Answer::No) => "no",
        Some(Answer::NotApplicable) => "n/a",
        None => "",
    }
}
