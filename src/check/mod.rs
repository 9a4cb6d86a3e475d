//! Check stage: syntax tree → checked [`Framework`].
//!
//! Every semantic problem is collected, never only the first: unknown names (with "did you
//! mean"), duplicate ids, filter type errors, band sets that leave gaps or overlap, overall
//! bands that cannot be reached, standards rated from cases with no key questions. A rule file
//! with any error gives no framework, so nothing downstream meets a bad rule.

mod bands;
mod domains;
pub mod error;
mod filters;
mod names;
mod overall;
mod proofs;
mod research;

use std::collections::HashMap;

pub use error::CheckError;

use names::Declared;

use crate::framework::{DiscretionRules, Field, FieldKind, Framework, Scale, ScaleLabel};
use crate::syntax::tree::{self, DiscretionRule, RuleFile, Span};

/// The outcome of checking one rule file: the framework (when there is no error), and every
/// problem found, warnings included.
pub struct Checked {
    /// The checked framework, when the rules have no error.
    pub framework: Option<Framework>,
    /// Every problem found, errors and warnings.
    pub problems: Vec<CheckError>,
}

/// Check a merged rule file: every problem in one pass, and the framework when none is an
/// error.
pub fn check(file: &RuleFile) -> Checked {
    let mut problems = vec![];
    let framework = framework(file, &mut problems);
    fold_unknown_labels(&mut problems, file.scales.first());
    let has_error = problems.iter().any(|p| !p.is_warning());
    Checked {
        framework: if has_error { None } else { framework },
        problems,
    }
}

fn framework(file: &RuleFile, problems: &mut Vec<CheckError>) -> Option<Framework> {
    let header = file.name.span;
    let scale = one_section(
        &file.scales,
        |s| s.span,
        "scale",
        "scale { Inadequate = 0 … }",
        header,
        problems,
    )
    .and_then(|s| scale(s, problems));
    let fields = match one_section(
        &file.field_lists,
        |f| f.span,
        "case fields",
        "",
        header,
        problems,
    ) {
        Some(list) => fields(list, problems),
        None if file.field_lists.is_empty() => vec![],
        None => return None,
    };
    let discretion = match one_section(
        &file.discretions,
        |d| d.span,
        "discretion",
        "",
        header,
        problems,
    ) {
        Some(d) => discretion(d, problems),
        None => None,
    };
    let overall_written = one_section(
        &file.overalls,
        |o| o.span,
        "overall",
        "overall { score is sum of standard scores … }",
        header,
        problems,
    );

    // Without a scale, labels cannot be resolved, so band sets and overall bands wait; the
    // rest (fields, filters, ids) is still checked, so every such problem shows in one run.
    let mut band_sets = vec![];
    let mut band_set_names = Declared::default();
    let mut band_sets_ok = scale.is_some();
    for set in &file.band_sets {
        band_set_names.claim("band set", &set.name, problems);
        match scale
            .as_ref()
            .and_then(|scale| bands::band_set(set, scale, problems))
        {
            Some(checked) => band_sets.push(checked),
            None => band_sets_ok = false,
        }
    }

    let cx = domains::Context {
        fields: &fields,
        band_sets: &band_sets,
        declared_band_sets: file
            .band_sets
            .iter()
            .map(|b| b.name.node.as_str())
            .collect(),
    };
    let mut ids = domains::Ids::default();
    let mut used = vec![false; band_sets.len()];
    let domains: Vec<_> = file
        .domains
        .iter()
        .map(|d| domains::domain(d, &cx, &mut ids, &mut used, problems))
        .collect();
    if band_sets_ok {
        for (set, used) in file.band_sets.iter().zip(&used) {
            if !used {
                problems.push(CheckError::UnusedBandSet {
                    name: set.name.node.clone(),
                    at: set.name.span,
                });
            }
        }
    }

    let research = research::research(file, &fields, problems);
    let overall_written = overall_written?;
    let slots = overall::slots(&file.domains, overall_written, problems);
    if overall_written.unrated.is_none() {
        let written_standards = file.domains.iter().flat_map(|d| &d.standards);
        for standard in written_standards.filter(|s| !s.not_scored && s.may_be_unrated) {
            problems.push(CheckError::UnratedRuleMissing {
                id: standard.id.node.clone(),
                at: standard.id.span,
            });
        }
    }
    let overall = scale
        .as_ref()
        .and_then(|scale| overall::overall(overall_written, &slots, scale, problems));

    let mut domains = domains.into_iter().collect::<Option<Vec<_>>>()?;
    proofs::check(&fields, &domains, &file.domains, problems);
    let weights = slots.iter().map(|s| s.weight);
    for (standard, weight) in domains
        .iter_mut()
        .flat_map(|d| &mut d.standards)
        .zip(weights)
    {
        standard.weight = weight;
    }
    Some(Framework {
        name: file.name.node.clone(),
        version: file.version.node.clone(),
        scale: scale?,
        fields,
        band_sets,
        discretion,
        domains,
        overall: overall?,
        research: research?,
    })
}

/// One problem per unknown rating label, not one per use: a misspelt scale (`Goood = 2`)
/// would otherwise give an error at every correct `Good`. The first use stays, saying how many
/// there are and where, and whether the scale's own label may be the misspelling.
fn fold_unknown_labels(problems: &mut Vec<CheckError>, scale: Option<&tree::Scale>) {
    let mut uses: HashMap<String, usize> = HashMap::new();
    for p in problems.iter() {
        if let CheckError::UnknownLabel { label, .. } = p {
            *uses.entry(label.clone()).or_default() += 1;
        }
    }
    let mut seen: Vec<String> = vec![];
    problems.retain_mut(|p| {
        let CheckError::UnknownLabel {
            label,
            help,
            scale_label,
            ..
        } = p
        else {
            return true;
        };
        if seen.contains(label) {
            return false;
        }
        seen.push(label.clone());
        let count = uses.get(label.as_str()).copied().unwrap_or(1);
        if count > 1 {
            let guess = help
                .strip_prefix("did you mean `")
                .and_then(|h| h.split('`').next());
            let scale_typo = guess.map_or(String::new(), |g| {
                format!(" Or is the scale's `{g}` the misspelling?")
            });
            *scale_label = guess.and_then(|g| {
                let entries = scale?.entries.iter();
                entries
                    .map(|e| &e.label)
                    .find(|l| l.node == g)
                    .map(|l| l.span)
            });
            let mut chars = help.chars();
            let said: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            *help = format!("`{label}` is used {count} times. {said}.{scale_typo}");
        }
        true
    });
}

/// The single section of a kind: reports a missing one (when `example` is given, it is
/// required) and every repeat.
fn one_section<'a, T>(
    sections: &'a [T],
    span: impl Fn(&T) -> Span,
    section: &'static str,
    example: &'static str,
    header: Span,
    problems: &mut Vec<CheckError>,
) -> Option<&'a T> {
    if sections.is_empty() && !example.is_empty() {
        problems.push(CheckError::MissingSection {
            section,
            example,
            at: header,
        });
    }
    for repeat in sections.iter().skip(1) {
        problems.push(CheckError::RepeatedSection {
            section,
            at: span(repeat),
            first: span(&sections[0]),
        });
    }
    if sections.len() == 1 {
        sections.first()
    } else {
        None
    }
}

/// The largest score a rating may carry: far above any framework's, and small enough that a
/// sum over thousands of standards stays exact.
const MAX_SCORE: u32 = 1000;

fn scale(written: &tree::Scale, problems: &mut Vec<CheckError>) -> Option<Scale> {
    let before = problems.len();
    for entry in written.entries.iter().filter(|e| e.score.node > MAX_SCORE) {
        problems.push(CheckError::ScoreTooLarge {
            score: entry.score.node,
            limit: MAX_SCORE,
            at: entry.score.span,
        });
    }
    let mut declared = Declared::default();
    let mut scores: HashMap<u32, &str> = HashMap::new();
    for entry in &written.entries {
        if !declared.claim("rating label", &entry.label, problems) {
            continue;
        }
        if let Some(other) = scores.insert(entry.score.node, &entry.label.node) {
            problems.push(CheckError::DuplicateScore {
                label: entry.label.node.clone(),
                other: other.to_string(),
                score: entry.score.node,
                at: entry.score.span,
            });
        }
    }
    if written.entries.len() < 2 {
        problems.push(CheckError::ScaleTooSmall { at: written.span });
    }
    if problems.len() > before {
        return None;
    }
    let mut labels: Vec<ScaleLabel> = written
        .entries
        .iter()
        .map(|e| ScaleLabel {
            label: e.label.node.clone(),
            score: e.score.node,
        })
        .collect();
    labels.sort_by_key(|l| l.score);
    Some(Scale { labels })
}

fn fields(written: &tree::FieldList, problems: &mut Vec<CheckError>) -> Vec<Field> {
    let mut names = Declared::default();
    let mut fields = vec![];
    for field in &written.fields {
        if !names.claim("case field", &field.name, problems) {
            continue;
        }
        if field.name.node == "case" {
            // The cases file's `case` column holds each case's id.
            problems.push(CheckError::ReservedFieldName {
                name: field.name.node.clone(),
                at: field.name.span,
            });
            continue;
        }
        let kind = match &field.kind {
            tree::FieldKind::Number => FieldKind::Number,
            tree::FieldKind::YesNo => FieldKind::YesNo,
            tree::FieldKind::Choice(choices) => {
                let mut values = Declared::default();
                for choice in choices {
                    values.claim("value", choice, problems);
                }
                value_labels(field, choices, problems);
                FieldKind::Choice(choices.iter().map(|c| c.node.clone()).collect())
            }
        };
        fields.push(Field {
            name: field.name.node.clone(),
            title: field.title.clone(),
            kind,
            optional: field.optional,
            labels: field.labels.clone(),
        });
    }
    fields
}

/// A choice field's labels are each one value's only: no label is written as another value,
/// or as another value's label, as a cases file would write it (in any case, with spaces for
/// underscores), so every cell names one value.
fn value_labels(field: &tree::Field, choices: &[tree::Name], problems: &mut Vec<CheckError>) {
    let written = crate::framework::written_form;
    let mut seen: Vec<(String, &str)> = vec![];
    for (choice, label) in choices.iter().zip(&field.labels) {
        let mut forms = vec![written(&choice.node)];
        if let Some(label) = label {
            forms.push(written(label));
        }
        forms.dedup();
        for form in forms {
            match seen.iter().find(|(f, _)| *f == form) {
                Some((_, other)) if *other != choice.node => {
                    problems.push(CheckError::AmbiguousValueLabel {
                        field: field.name.node.clone(),
                        written: form.clone(),
                        value: choice.node.clone(),
                        other: other.to_string(),
                        at: choice.span,
                    });
                }
                _ => seen.push((form, &choice.node)),
            }
        }
    }
}

fn discretion(
    written: &tree::Discretion,
    problems: &mut Vec<CheckError>,
) -> Option<DiscretionRules> {
    let mut rules = DiscretionRules {
        near_boundary: None,
        one_case: false,
        small_sample: None,
        moves_at_most: 0,
    };
    let mut seen: HashMap<std::mem::Discriminant<DiscretionRule>, Span> = HashMap::new();
    let mut moves = false;
    for rule in &written.rules {
        if let Some(first) = seen.insert(std::mem::discriminant(&rule.node), rule.span) {
            problems.push(CheckError::RepeatedDiscretionRule {
                at: rule.span,
                first,
            });
            continue;
        }
        match rule.node {
            DiscretionRule::NearBoundary(points) => rules.near_boundary = Some(points),
            DiscretionRule::OneCase => rules.one_case = true,
            DiscretionRule::SmallSample(cases) => rules.small_sample = Some(cases),
            DiscretionRule::MovesAtMost(bands) => {
                rules.moves_at_most = bands;
                moves = true;
            }
        }
    }
    if !moves {
        problems.push(CheckError::DiscretionMoves { at: written.span });
        return None;
    }
    Some(rules)
}
