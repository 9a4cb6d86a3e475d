//! Check stage: research declarations → [`Research`]. A grouping names a declared field, and
//! its values are of the field's kind; no value falls in two groups, and every value of a
//! listed field (choices, yes or no) falls in one. A measure names key questions or prompts of
//! standards rated from cases. Suppression is written at most once.

use super::error::CheckError;
use super::filters::{choice, describe_kind, find_field};
use super::names::Declared;
use crate::framework::{Field, FieldKind, Group, Grouping, Measure, Member, Research, Value};
use crate::suggest::did_you_mean;
use crate::syntax::tree::{self, GroupValue, Range, RuleFile};

pub fn research(
    file: &RuleFile,
    fields: &[Field],
    problems: &mut Vec<CheckError>,
) -> Option<Research> {
    let before = problems.iter().filter(|p| !p.is_warning()).count();
    let mut names = Declared::default();
    let mut groupings = vec![];
    for written in &file.groupings {
        names.claim("grouping", &written.name, problems);
        if let Some(grouping) = grouping(written, fields, problems) {
            groupings.push(grouping);
        }
    }
    // Key questions written with a slip in their id, by the id their prompts give (reported
    // already): a measure naming one is not reported again.
    let intended: Vec<String> = file
        .domains
        .iter()
        .flat_map(|d| &d.standards)
        .flat_map(|s| {
            s.questions
                .iter()
                .filter_map(|q| super::domains::intended_id(s, q))
        })
        .collect();
    let mut measure_names = Declared::default();
    let mut measures: Vec<Measure> = vec![];
    for written in &file.measures {
        if measure_names.claim("measure", &written.name, problems) {
            measures.push(measure(written, &file.domains, &intended, problems));
        }
    }
    for repeat in file.suppressions.iter().skip(1) {
        problems.push(CheckError::RepeatedSection {
            section: "suppress cells",
            at: repeat.span,
            first: file.suppressions[0].span,
        });
    }
    let suppress_below = file.suppressions.first().map(|s| &s.below);
    if let Some(below) = suppress_below.filter(|b| b.node == 0) {
        problems.push(CheckError::SuppressNothing { at: below.span });
    }
    let after = problems.iter().filter(|p| !p.is_warning()).count();
    (after == before).then_some(Research {
        groupings,
        measures,
        suppress_below: suppress_below.map(|b| b.node),
    })
}

fn grouping(
    written: &tree::Grouping,
    fields: &[Field],
    problems: &mut Vec<CheckError>,
) -> Option<Grouping> {
    let (index, field) = find_field(&written.field, fields, problems)?;
    let mut labels = Declared::default();
    let mut groups: Vec<Group> = vec![];
    // Each member with where it is written and the group that holds it, to find overlaps.
    let mut placed: Vec<(Member, tree::Span, usize)> = vec![];
    let mut ok = true;
    for (g, group) in written.groups.iter().enumerate() {
        labels.claim("group", &group.label, problems);
        let mut members = vec![];
        for value in &group.values {
            let Some(member) = member(field, value, problems) else {
                ok = false;
                continue;
            };
            if let Some((_, first, other)) = placed.iter().find(|(m, _, _)| overlap(*m, member)) {
                problems.push(CheckError::GroupsOverlap {
                    grouping: written.name.node.clone(),
                    group: group.label.node.clone(),
                    other: written.groups[*other].label.node.clone(),
                    at: value.span,
                    first: *first,
                });
                ok = false;
            }
            placed.push((member, value.span, g));
            members.push(member);
        }
        groups.push(Group {
            label: group.label.node.clone(),
            members,
        });
    }
    let listed: Vec<Value> = match &field.kind {
        FieldKind::Choice(choices) => (0..choices.len()).map(Value::Choice).collect(),
        FieldKind::YesNo => vec![Value::YesNo(true), Value::YesNo(false)],
        FieldKind::Number => vec![],
    };
    let left_out: Vec<String> = listed
        .into_iter()
        .filter(|v| !placed.iter().any(|(m, _, _)| m.takes(*v)))
        .map(|v| field.value_text(Some(v)))
        .collect();
    if ok && !left_out.is_empty() {
        problems.push(CheckError::GroupsLeaveOut {
            grouping: written.name.node.clone(),
            field: field.name.clone(),
            values: left_out.join(", "),
            at: written.name.span,
        });
        ok = false;
    }
    ok.then(|| Grouping {
        name: written.name.node.clone(),
        title: written.title.clone(),
        field: index,
        groups,
    })
}

/// One written value of a group, read as the field's kind.
fn member(
    field: &Field,
    value: &tree::Spanned<GroupValue>,
    problems: &mut Vec<CheckError>,
) -> Option<Member> {
    let found = match (&field.kind, &value.node) {
        (FieldKind::Number, GroupValue::Range(range)) => Some(numbers(*range)),
        (FieldKind::YesNo, GroupValue::Name(w)) if w == "yes" => {
            Some(Member::Value(Value::YesNo(true)))
        }
        (FieldKind::YesNo, GroupValue::Name(w)) if w == "no" => {
            Some(Member::Value(Value::YesNo(false)))
        }
        (FieldKind::Choice(choices), GroupValue::Name(w)) => {
            let i = choice(field, choices, w, value.span, problems)?;
            Some(Member::Value(Value::Choice(i)))
        }
        _ => None,
    };
    if found.is_none() {
        let example = match &field.kind {
            FieldKind::Number => "number ranges, such as 10 to 14 or 17 and above".to_string(),
            FieldKind::YesNo => "yes or no".to_string(),
            FieldKind::Choice(choices) => format!("its values: {}", choices.join(", ")),
        };
        problems.push(CheckError::GroupValueKind {
            field: field.name.clone(),
            kind: describe_kind(&field.kind),
            help: format!("group `{}` by {example}", field.name),
            at: value.span,
        });
    }
    found
}

fn numbers(range: Range) -> Member {
    let (from, to) = match range {
        Range::Below(n) => (i64::MIN, Some(i64::from(n) - 1)),
        Range::AndAbove(n) => (i64::from(n), None),
        Range::To { from, to } => (i64::from(from), Some(i64::from(to))),
        Range::ToBelow { from, below } => (i64::from(from), Some(i64::from(below) - 1)),
    };
    Member::Numbers { from, to }
}

/// Whether some value is taken by both members.
fn overlap(a: Member, b: Member) -> bool {
    match (a, b) {
        (Member::Value(x), Member::Value(y)) => x == y,
        (Member::Numbers { from: f1, to: t1 }, Member::Numbers { from: f2, to: t2 }) => {
            let starts_before_end = |from: i64, to: Option<i64>| to.is_none_or(|to| from <= to);
            starts_before_end(f2, t1) && starts_before_end(f1, t2)
        }
        _ => false,
    }
}

fn measure(
    written: &tree::Measure,
    domains: &[tree::Domain],
    intended: &[String],
    problems: &mut Vec<CheckError>,
) -> Measure {
    let rated = || {
        domains
            .iter()
            .flat_map(|d| &d.standards)
            .filter(|s| !matches!(s.method, tree::Method::Judged))
            .flat_map(|s| &s.questions)
    };
    let mut items = Declared::default();
    for item in &written.items {
        if !items.claim("item of the measure", item, problems) || intended.contains(&item.node) {
            continue;
        }
        let ids: Vec<&str> = rated()
            .flat_map(|q| std::iter::once(&q.id).chain(q.prompts.iter().map(|p| &p.id)))
            .map(|id| id.node.as_str())
            .collect();
        if !ids.contains(&item.node.as_str()) {
            problems.push(CheckError::UnknownMeasureItem {
                measure: written.name.node.clone(),
                item: item.node.clone(),
                help: did_you_mean(
                    &item.node,
                    "key questions and prompts rated from cases",
                    ids.iter().copied(),
                ),
                at: item.span,
            });
        }
    }
    Measure {
        name: written.name.node.clone(),
        text: written.text.clone(),
        items: written.items.iter().map(|i| i.node.clone()).collect(),
    }
}
