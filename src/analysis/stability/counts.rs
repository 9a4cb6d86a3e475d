//! Stability, counting: each case reduced to what its ratings need (for every key question of
//! every standard that rates it, whether it answered yes or no), so that a resample is tallied
//! by adding up the contributions of the cases drawn and re-banded with the checked rules,
//! without running the interpreter: the same bands, aggregation rules and overall rules that
//! [`crate::rate`] applies, to the same counts.

use crate::framework::{Aggregation, BandSet, Framework, Method, Rating};
use crate::inspection::{Answer, Case, Inspection};
use crate::rate::aggregate;
use crate::rate::percent::Percent;

/// The ratings of an inspection as a function of its key questions' counts.
pub struct Counts<'f> {
    framework: &'f Framework,
    /// One per standard, in ruleset order.
    standards: Vec<Rated<'f>>,
    /// How many key questions the case-rated standards have in all.
    questions: usize,
}

/// How one standard is rated from counts: its judgement, or its rule and band set over its
/// key questions (numbered from `first`, `count` of them).
enum Rated<'f> {
    Judged(Option<Rating>),
    FromCases {
        rule: Aggregation,
        set: &'f BandSet,
        first: usize,
        count: usize,
    },
}

/// What each case of a sample adds to the counts: the key questions (by number) it answered,
/// and whether yes.
pub struct Contributions {
    answers: Vec<(u32, bool)>,
    /// Where each case's answers start in `answers`; one more entry than cases.
    starts: Vec<usize>,
}

impl Contributions {
    fn of(&self, case: usize) -> &[(u32, bool)] {
        &self.answers[self.starts[case]..self.starts[case + 1]]
    }
}

/// Yes and answered counts per key question, for one resample.
#[derive(Clone)]
pub struct Tally {
    yes: Vec<u32>,
    answered: Vec<u32>,
}

impl<'f> Counts<'f> {
    pub fn new(framework: &'f Framework, inspection: &Inspection) -> Counts<'f> {
        let mut questions = 0;
        let standards = framework
            .standards()
            .map(|(_, standard)| match &standard.method {
                Method::Judged { .. } => {
                    Rated::Judged(inspection.judged.get(&standard.id).map(|j| j.rating))
                }
                Method::FromCases {
                    rule,
                    bands,
                    questions: asked,
                } => {
                    let first = questions;
                    questions += asked.len();
                    Rated::FromCases {
                        rule: *rule,
                        set: &framework.band_sets[*bands],
                        first,
                        count: asked.len(),
                    }
                }
            })
            .collect();
        Counts {
            framework,
            standards,
            questions,
        }
    }

    /// What each of `cases` adds when drawn: every key question whose domain, standard and
    /// sample take the case, and which it answered yes or no (not applicable is not counted).
    pub fn contributions(&self, cases: &[&Case]) -> Contributions {
        let mut answers = vec![];
        let mut starts = vec![0];
        for case in cases {
            let mut k = 0;
            // Key questions are numbered as in `new`: those of case-rated standards, in order.
            let rated = self.framework.standards().filter(|(_, s)| !s.is_judged());
            for (domain, standard) in rated {
                let rated = domain.takes(&case.values) && standard.takes(&case.values);
                for question in standard.questions() {
                    let in_sample = question.takes(&case.values);
                    if rated && in_sample {
                        match case.answers.get(&question.id) {
                            Some(Answer::Yes) => answers.push((k as u32, true)),
                            Some(Answer::No) => answers.push((k as u32, false)),
                            _ => {}
                        }
                    }
                    k += 1;
                }
            }
            starts.push(answers.len());
        }
        Contributions { answers, starts }
    }

    /// Empty counts, to add drawn cases to.
    pub fn tally(&self) -> Tally {
        Tally {
            yes: vec![0; self.questions],
            answered: vec![0; self.questions],
        }
    }

    /// Each standard's rating from the counts (into `ratings`, in ruleset order) and the
    /// overall rating; `None` overall where the rules give none.
    pub fn rate(&self, tally: &Tally, ratings: &mut Vec<Option<Rating>>) -> Option<Rating> {
        ratings.clear();
        let mut percents = vec![];
        for standard in &self.standards {
            ratings.push(match standard {
                Rated::Judged(rating) => *rating,
                Rated::FromCases {
                    rule,
                    set,
                    first,
                    count,
                } => {
                    percents.clear();
                    percents.extend(
                        (*first..first + count)
                            .filter_map(|k| Percent::new(tally.yes[k], tally.answered[k])),
                    );
                    aggregate::rating(*rule, set, &percents)
                }
            });
        }
        crate::rate::overall_rating(self.framework, ratings)
    }
}

impl Tally {
    pub fn clear(&mut self) {
        self.yes.fill(0);
        self.answered.fill(0);
    }

    /// Add one drawn case.
    pub fn add(&mut self, contributions: &Contributions, case: usize) {
        for &(k, yes) in contributions.of(case) {
            self.answered[k as usize] += 1;
            self.yes[k as usize] += u32::from(yes);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::stability::samples;

    /// Counting every case once gives the ratings the interpreter gives, under the bundled
    /// ruleset and under each example scheme (lowest question, mean, pooled answers).
    #[test]
    fn the_actual_sample_counted_gives_the_interpreter_s_ratings() {
        let mut rules = vec!["rules/hmip-youth-2019.rules".to_string()];
        for scheme in std::fs::read_dir("examples/schemes").unwrap() {
            let path = scheme.unwrap().path();
            if path.extension().is_some_and(|e| e == "rules") {
                rules.push(path.display().to_string());
            }
        }
        assert!(rules.len() > 3, "{rules:?}");
        for path in &rules {
            let framework = crate::load_rules(std::path::Path::new(path))
                .unwrap()
                .0
                .framework;
            for inspection in [
                "examples/inspection.toml",
                "tests/published/luton-2020/inspection.toml",
                "tests/published/hounslow-2019/inspection.toml",
            ] {
                let (mut inspection, _) =
                    crate::inspection::load(&framework, std::path::Path::new(inspection)).unwrap();
                inspection.decisions.clear();
                let rated = crate::rate::rate(&framework, &inspection).unwrap();
                let counts = Counts::new(&framework, &inspection);
                let mut tally = counts.tally();
                for group in samples(&framework, &inspection) {
                    let contributions = counts.contributions(&group);
                    for case in 0..group.len() {
                        tally.add(&contributions, case);
                    }
                }
                let mut ratings = vec![];
                let overall = counts.rate(&tally, &mut ratings);
                let want: Vec<Option<Rating>> = rated.standards.iter().map(|s| s.rating).collect();
                assert_eq!(ratings, want, "{path}");
                assert_eq!(overall, Some(rated.overall.rating), "{path}");
            }
        }
    }
}
