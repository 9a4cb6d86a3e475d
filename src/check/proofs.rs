//! Check stage: what the checker proves about filters. Case fields are lists of values, yes or
//! no, and whole numbers, and a filter only compares them with constants, so whether some case
//! passes a filter can be decided exactly by trying one case of every kind that matters: each
//! value the filters name and one value they do not (the others are alike to every filter),
//! yes and no, empty where a field is optional, and for a number each constant the filters
//! name and the numbers either side of it. The first such case that passes is the first of
//! all cases that passes, in the order the fields' values are declared. From that:
//!
//! - a filter that no case can pass is refused (`rosh != low and rosh = low`);
//! - a key question's sample, or a standard's own sample, that no case of its domain can pass
//!   is refused, and one that every case of its domain passes is a warning (it leaves no one
//!   out);
//! - two rated domains that one case can belong to are refused, naming such a case.
//!
//! When the filters read so many fields that the kinds of case run past [`MOST_CASES`], the
//! proof is not attempted for them (no real rule file comes near).

use super::error::CheckError;
use crate::framework::{Domain, Field, FieldKind, Filter, Value};
use crate::syntax::tree::{self, Span};

/// The most kinds of case tried for one proof.
pub const MOST_CASES: usize = 200_000;

/// One case of each kind that matters to `filters`, as field values; `None` when there are
/// too many kinds to try.
fn cases(fields: &[Field], filters: &[&Filter]) -> Option<Vec<Vec<Option<Value>>>> {
    let mut read: Vec<usize> = filters.iter().flat_map(|f| f.fields()).collect();
    read.sort_unstable();
    read.dedup();
    let mut choices: Vec<(usize, Vec<Option<Value>>)> = vec![];
    let mut total: usize = 1;
    for &i in &read {
        let field = &fields[i];
        let mut values: Vec<Option<Value>> = match &field.kind {
            FieldKind::Choice(names) => {
                // Filters only test a choice for being, or not being, values they name, so
                // the values none names are alike: the first of them stands for them all.
                let mut named = vec![false; names.len()];
                for filter in filters {
                    choices_named(filter, i, &mut named);
                }
                let unnamed = named.iter().position(|n| !n);
                (0..names.len())
                    .filter(|&c| named[c] || Some(c) == unnamed)
                    .map(|c| Some(Value::Choice(c)))
                    .collect()
            }
            FieldKind::YesNo => vec![Some(Value::YesNo(true)), Some(Value::YesNo(false))],
            FieldKind::Number => {
                let mut numbers = vec![0];
                for filter in filters {
                    constants(filter, i, &mut numbers);
                }
                let mut around: Vec<i64> = numbers
                    .iter()
                    .flat_map(|&n| [n.saturating_sub(1), n, n.saturating_add(1)])
                    .collect();
                around.sort_unstable();
                around.dedup();
                around.into_iter().map(|n| Some(Value::Number(n))).collect()
            }
        };
        if field.optional {
            values.push(None);
        }
        total = total.checked_mul(values.len())?;
        if total > MOST_CASES {
            return None;
        }
        choices.push((i, values));
    }
    let mut all = vec![vec![None; fields.len()]];
    for (i, values) in choices {
        all = all
            .into_iter()
            .flat_map(|case| {
                values.iter().map(move |v| {
                    let mut next = case.clone();
                    next[i] = *v;
                    next
                })
            })
            .collect();
    }
    Some(all)
}

/// Mark the values of choice field `field` that a filter names.
fn choices_named(filter: &Filter, field: usize, named: &mut [bool]) {
    let mut mark = |value: &Value| {
        if let Value::Choice(c) = value
            && let Some(n) = named.get_mut(*c)
        {
            *n = true;
        }
    };
    match filter {
        Filter::Any(parts) | Filter::All(parts) => {
            parts.iter().for_each(|p| choices_named(p, field, named))
        }
        Filter::Not(inner) => choices_named(inner, field, named),
        Filter::Compare {
            field: f, value, ..
        } if *f == field => mark(value),
        Filter::In {
            field: f, values, ..
        } if *f == field => values.iter().for_each(mark),
        _ => {}
    }
}

/// The numbers a filter compares field `field` with.
fn constants(filter: &Filter, field: usize, found: &mut Vec<i64>) {
    match filter {
        Filter::Any(parts) | Filter::All(parts) => {
            parts.iter().for_each(|p| constants(p, field, found))
        }
        Filter::Not(inner) => constants(inner, field, found),
        Filter::Compare {
            field: f,
            value: Value::Number(n),
            ..
        } if *f == field => found.push(*n),
        Filter::In {
            field: f, values, ..
        } if *f == field => found.extend(values.iter().filter_map(|v| match v {
            Value::Number(n) => Some(*n),
            _ => None,
        })),
        _ => {}
    }
}

/// A case in words, by the fields `filters` read: "disposal = custody, age empty".
fn described(fields: &[Field], filters: &[&Filter], case: &[Option<Value>]) -> String {
    let mut read: Vec<usize> = filters.iter().flat_map(|f| f.fields()).collect();
    read.sort_unstable();
    read.dedup();
    let parts: Vec<String> = read
        .iter()
        .map(|&i| match case[i] {
            None => format!("{} empty", fields[i].name),
            value => format!("{} = {}", fields[i].name, fields[i].value_text(value)),
        })
        .collect();
    if parts.is_empty() {
        "any case".into()
    } else {
        parts.join(", ")
    }
}

/// Whether some case passes every filter: `Some(example)`, `Some(None)` when none does, and
/// `None` when there are too many kinds of case to try.
fn example(fields: &[Field], filters: &[&Filter]) -> Option<Option<Vec<Option<Value>>>> {
    let cases = cases(fields, filters)?;
    Some(
        cases
            .into_iter()
            .find(|case| filters.iter().all(|f| f.matches(case))),
    )
}

/// A case that passes `all` but not `other`, if any: what makes a sample leave someone out.
fn left_out_by(
    fields: &[Field],
    all: &[&Filter],
    other: &Filter,
) -> Option<Option<Vec<Option<Value>>>> {
    let mut read = all.to_vec();
    read.push(other);
    let cases = cases(fields, &read)?;
    Some(
        cases
            .into_iter()
            .find(|case| all.iter().all(|f| f.matches(case)) && !other.matches(case)),
    )
}

/// Prove what can be proved about the domains' filters, reporting each finding at its filter.
/// `written` is the syntax tree the domains were checked from, in the same order.
pub fn check(
    fields: &[Field],
    domains: &[Domain],
    written: &[tree::Domain],
    problems: &mut Vec<CheckError>,
) {
    let mut rated: Vec<(&Domain, &tree::Domain)> = vec![];
    for (domain, tree_domain) in domains.iter().zip(written) {
        let population: Vec<&Filter> = domain.population.iter().collect();
        if let (Some(filter), Some(at)) = (&domain.population, &tree_domain.population)
            && let Some(None) = example(fields, &[filter])
        {
            let message = format!("no case can pass the filter of domain {}", domain.id);
            problems.push(never(fields, &[], filter, message, at.span));
            continue;
        }
        if domain.standards.iter().any(|s| !s.is_judged()) {
            rated.push((domain, tree_domain));
        }
        for (standard, tree_standard) in domain.standards.iter().zip(&tree_domain.standards) {
            let mut within = population.clone();
            if let (Some(sample), Some(at)) = (&standard.sample, &tree_standard.sample) {
                sample_findings(
                    fields,
                    &within,
                    sample,
                    &format!("standard {}", standard.id),
                    at.span,
                    problems,
                );
                within.push(sample);
            }
            for (question, tree_question) in
                standard.questions().iter().zip(&tree_standard.questions)
            {
                if let (Some(sample), Some(at)) = (&question.sample, &tree_question.sample) {
                    sample_findings(
                        fields,
                        &within,
                        sample,
                        &format!("key question {}", question.id),
                        at.span,
                        problems,
                    );
                }
            }
        }
    }
    overlaps(fields, &rated, problems);
}

/// Two rated domains that one case can belong to. Each domain that overlaps earlier ones is
/// one problem, naming the first of them with a case both take, and how many others there
/// are: a file of many copied domains gives one problem a domain, not one a pair.
///
/// Which pairs overlap is found by trying each kind of case that matters to all the domains'
/// filters once, noting the domains it belongs to: time that grows with the number of domains,
/// not with its square. Where the filters together read too many fields for that, each pair is
/// tried on its own.
fn overlaps(fields: &[Field], rated: &[(&Domain, &tree::Domain)], problems: &mut Vec<CheckError>) {
    let populations: Vec<&Filter> = rated
        .iter()
        .filter_map(|(d, _)| d.population.as_ref())
        .collect();
    // For each domain, the earlier domains it shares a case with, in order.
    let mut earlier: Vec<Vec<usize>> = vec![vec![]; rated.len()];
    match cases(fields, &populations) {
        Some(kinds) => {
            let mut shared = std::collections::BTreeSet::new();
            for kind in &kinds {
                let members: Vec<usize> = (0..rated.len())
                    .filter(|&d| {
                        rated[d]
                            .0
                            .population
                            .as_ref()
                            .is_none_or(|f| f.matches(kind))
                    })
                    .collect();
                for (n, &b) in members.iter().enumerate() {
                    for &a in &members[..n] {
                        shared.insert((b, a));
                    }
                }
            }
            for (b, a) in shared {
                earlier[b].push(a);
            }
        }
        None => {
            for b in 0..rated.len() {
                for a in 0..b {
                    let filters: Vec<&Filter> = rated[a]
                        .0
                        .population
                        .iter()
                        .chain(&rated[b].0.population)
                        .collect();
                    if let Some(Some(_)) = example(fields, &filters) {
                        earlier[b].push(a);
                    }
                }
            }
        }
    }
    for (b, others) in earlier.iter().enumerate() {
        let Some(&a) = others.first() else { continue };
        let (first, _) = rated[a];
        let (second, written) = rated[b];
        let filters: Vec<&Filter> = first.population.iter().chain(&second.population).collect();
        let case = match example(fields, &filters) {
            Some(Some(case)) => described(fields, &filters, &case),
            _ => "the same field values".to_string(),
        };
        let also = match &others[1..] {
            [] => String::new(),
            more => {
                let named: Vec<&str> = more
                    .iter()
                    .take(10)
                    .map(|&d| rated[d].0.id.as_str())
                    .collect();
                let rest = match more.len() - named.len() {
                    0 => String::new(),
                    n => format!(" and {n} more"),
                };
                let domains = if more.len() == 1 { "domain" } else { "domains" };
                format!(
                    "; domain {} shares cases with {domains} {}{rest} too",
                    second.id,
                    named.join(", ")
                )
            }
        };
        problems.push(CheckError::DomainsOverlap {
            first: first.id.clone(),
            second: second.id.clone(),
            also,
            case,
            at: written
                .population
                .as_ref()
                .map_or(written.id.span, |p| p.span),
        });
    }
}

/// A sample that no case of its domain passes (refused), or that every one passes (warned).
fn sample_findings(
    fields: &[Field],
    within: &[&Filter],
    sample: &Filter,
    what: &str,
    at: Span,
    problems: &mut Vec<CheckError>,
) {
    let mut both = within.to_vec();
    both.push(sample);
    match example(fields, &both) {
        Some(None) => {
            let message = format!("no case of its domain can be in the sample of {what}");
            problems.push(never(fields, within, sample, message, at));
        }
        Some(Some(_)) => {
            if let Some(None) = left_out_by(fields, within, sample) {
                problems.push(CheckError::SampleTakesAll {
                    what: what.to_string(),
                    at,
                });
            }
        }
        None => {}
    }
}

/// The finding for a filter no case passes: alone, or within its domain.
fn never(
    fields: &[Field],
    within: &[&Filter],
    filter: &Filter,
    message: String,
    at: Span,
) -> CheckError {
    let alone = matches!(example(fields, &[filter]), Some(None));
    let why = if alone || within.is_empty() {
        "no value of the fields it reads passes it; check for a comparison and its opposite joined by `and`".to_string()
    } else {
        let domain_case = example(fields, within)
            .flatten()
            .map_or(String::new(), |c| {
                format!(" (such as {})", described(fields, within, &c))
            });
        format!(
            "the filter alone can pass, but not for the cases its domain takes{domain_case}; check the filter against the domain's `where`"
        )
    };
    CheckError::FilterNever { message, why, at }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::CompareOp;

    fn age() -> Vec<Field> {
        vec![Field {
            name: "age".into(),
            title: None,
            kind: FieldKind::Number,
            optional: true,
            labels: vec![],
        }]
    }

    fn compare(op: CompareOp, n: i64) -> Filter {
        Filter::Compare {
            field: 0,
            op,
            value: Value::Number(n),
        }
    }

    #[test]
    fn numbers_are_tried_at_and_either_side_of_every_constant() {
        let fields = age();
        let only_ten = Filter::All(vec![compare(CompareOp::Gt, 9), compare(CompareOp::Lt, 11)]);
        let found = example(&fields, &[&only_ten]).unwrap().unwrap();
        assert_eq!(found[0], Some(Value::Number(10)));
        let never = Filter::All(vec![compare(CompareOp::Ge, 10), compare(CompareOp::Lt, 10)]);
        assert_eq!(example(&fields, &[&never]), Some(None));
    }

    #[test]
    fn an_empty_optional_field_is_a_case_of_its_own() {
        let fields = age();
        // Only an empty age passes `not (age >= 0) and not (age < 0)`.
        let empty_only = Filter::All(vec![
            Filter::Not(Box::new(compare(CompareOp::Ge, 0))),
            Filter::Not(Box::new(compare(CompareOp::Lt, 0))),
        ]);
        let found = example(&fields, &[&empty_only]).unwrap().unwrap();
        assert_eq!(found[0], None);
        assert_eq!(described(&fields, &[&empty_only], &found), "age empty");
    }
}
