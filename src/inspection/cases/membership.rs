//! Which domains, rated standards and key question samples take the row being read, found
//! once per row by asking `framework::membership`, and the answers that check refuses: an
//! answer outside a sample, an answer missing inside one.

use super::layout::{Column, Layout};
use super::mistakes::Mistake;
use super::words::answer_text;
use crate::framework::Framework;
use crate::inspection::{Case, InspectionError};
use crate::terminal::excerpt;

/// Which domains, rated standards and key question samples take the row being read, found
/// once per row.
#[derive(Default)]
pub(super) struct Membership {
    pub(super) in_domain: Vec<bool>,
    pub(super) in_standard: Vec<bool>,
    pub(super) in_sample: Vec<bool>,
}

impl Membership {
    /// Which domains take `case`; within them, which rated standards; within those, which
    /// key question samples.
    pub(super) fn find(&mut self, framework: &Framework, layout: &Layout, case: &Case) {
        let values = &case.values;
        self.in_domain.clear();
        self.in_domain
            .extend(framework.domains.iter().map(|d| d.takes(values)));
        self.in_standard.clear();
        self.in_standard.extend(
            layout
                .standards
                .iter()
                .map(|(d, s)| self.in_domain[*d] && s.takes(values)),
        );
        self.in_sample.clear();
        self.in_sample.extend(
            layout
                .questions
                .iter()
                .map(|(s, q)| self.in_standard[*s] && q.takes(values)),
        );
    }
}

/// A case answers every key question whose sample takes it, and none of a domain it is not in.
/// A case in no domain is not a problem here: the warning is given back, for the caller to
/// name or count.
pub(super) fn check_samples(
    framework: &Framework,
    layout: &Layout,
    case: &Case,
    membership: &Membership,
    mistakes: &mut Vec<Mistake>,
) -> Option<InspectionError> {
    let mut in_any = false;
    let case_id = excerpt(&case.id, 40);
    for (at, (name, column)) in layout.columns.iter().enumerate() {
        let place = || layout.place(case.row, &case_id, at);
        let Column::Answer(asked) = column else {
            continue;
        };
        let (d, standard) = layout.standards[asked.standard];
        let domain = &framework.domains[d];
        let answer = case.answers.at(asked.cell);
        // In the domain but outside the standard's own sample: the standard does not rate it.
        if membership.in_domain[d] && !membership.in_standard[asked.standard] {
            if let Some(answer) = answer {
                let error = InspectionError::AnswerOutsideStandardSample {
                    file: layout.file.clone(),
                    row: case.row,
                    place: place(),
                    column: name.clone(),
                    value: answer_text(answer).into(),
                    standard: standard.id.clone(),
                    title: standard.title.clone(),
                    sample: standard.sample_text.clone().unwrap_or_default(),
                };
                mistakes.push(Mistake::of(error, answer_text(answer), false));
            }
            continue;
        }
        if !membership.in_domain[d] {
            if let Some(answer) = answer {
                let error = InspectionError::AnswerOutsideDomain {
                    file: layout.file.clone(),
                    row: case.row,
                    place: place(),
                    column: name.clone(),
                    value: answer_text(answer).into(),
                    domain: domain.id.clone(),
                    title: domain.title.clone(),
                    fields: layout.population_fields.clone(),
                };
                mistakes.push(Mistake::of(error, answer_text(answer), false));
            }
            continue;
        }
        in_any = true;
        let Some(q) = asked.question else {
            continue;
        };
        if membership.in_sample[q] && answer.is_none() {
            let why = layout.questions[q]
                .1
                .sample_text
                .as_ref()
                .map_or(String::new(), |t| format!(" (sample: {t})"));
            let error = InspectionError::MissingAnswer {
                file: layout.file.clone(),
                row: case.row,
                place: place(),
                column: name.clone(),
                help: match &standard.sample_text {
                    Some(own) => format!(
                        "every case of standard {}'s own sample ({own}){why} answers {name}: give yes, no or n/a",
                        standard.id
                    ),
                    None => format!(
                        "every {} case{why} answers {name}: give yes, no or n/a",
                        domain.title
                    ),
                },
            };
            mistakes.push(Mistake::of(error, "", false));
        }
    }
    (!in_any && !layout.questions.is_empty()).then(|| InspectionError::CaseInNoDomain {
        file: layout.file.clone(),
        row: case.row,
        case: excerpt(&case.id, 40),
        fields: layout.population_fields.clone(),
    })
}
