//! Check stage: filter expressions (domain populations, key-question samples) → resolved
//! [`Filter`]s, with every field and value known and every comparison well typed.

use super::error::CheckError;
use crate::framework::{CompareOp, Field, FieldKind, Filter, Value};
use crate::suggest::did_you_mean;
use crate::syntax::tree::{self, Expr, Literal, Spanned};

pub fn resolve(expr: &Expr, fields: &[Field], problems: &mut Vec<CheckError>) -> Option<Filter> {
    match expr {
        Expr::Or(items) => all_of(items, fields, problems).map(Filter::Any),
        Expr::And(items) => all_of(items, fields, problems).map(Filter::All),
        Expr::Not(inner) => resolve(inner, fields, problems).map(|f| Filter::Not(Box::new(f))),
        Expr::Compare { field, op, value } => {
            let (index, declared) = find_field(field, fields, problems)?;
            let op = compare_op(*op);
            let ordering = !matches!(op, CompareOp::Eq | CompareOp::Ne);
            if ordering && declared.kind != FieldKind::Number {
                problems.push(CheckError::FilterType {
                    problem: format!(
                        "`{}` is {}; it cannot be compared with <, <=, > or >=",
                        declared.name,
                        describe_kind(&declared.kind)
                    ),
                    help: format!(
                        "use = or != (or `{} in [a, b]`) for this field; only number fields are ordered",
                        declared.name
                    ),
                    at: field.span,
                    label: "ordered comparison on a field that is not a number".into(),
                });
                return None;
            }
            let value = literal(value, declared, problems)?;
            Some(Filter::Compare {
                field: index,
                op,
                value,
            })
        }
        Expr::In {
            field,
            negated,
            values,
        } => {
            let (index, declared) = find_field(field, fields, problems)?;
            let resolved: Vec<Option<Value>> = values
                .iter()
                .map(|v| literal(v, declared, problems))
                .collect();
            let values = resolved.into_iter().collect::<Option<Vec<_>>>()?;
            Some(Filter::In {
                field: index,
                negated: *negated,
                values,
            })
        }
    }
}

fn all_of(items: &[Expr], fields: &[Field], problems: &mut Vec<CheckError>) -> Option<Vec<Filter>> {
    let resolved: Vec<Option<Filter>> =
        items.iter().map(|e| resolve(e, fields, problems)).collect();
    resolved.into_iter().collect()
}

pub(super) fn find_field<'f>(
    name: &tree::Name,
    fields: &'f [Field],
    problems: &mut Vec<CheckError>,
) -> Option<(usize, &'f Field)> {
    match fields.iter().position(|f| f.name == name.node) {
        Some(i) => Some((i, &fields[i])),
        None => {
            problems.push(CheckError::UnknownField {
                name: name.node.clone(),
                help: did_you_mean(
                    &name.node,
                    "case fields",
                    fields.iter().map(|f| f.name.as_str()),
                ),
                at: name.span,
            });
            None
        }
    }
}

fn literal(
    value: &Spanned<Literal>,
    field: &Field,
    problems: &mut Vec<CheckError>,
) -> Option<Value> {
    let mismatch = |problems: &mut Vec<CheckError>, shown: String| {
        problems.push(CheckError::FilterType {
            problem: format!(
                "`{}` is {}; `{shown}` is not",
                field.name,
                describe_kind(&field.kind)
            ),
            help: format!(
                "compare `{}` with {}",
                field.name,
                example_values(&field.kind)
            ),
            at: value.span,
            label: "wrong kind of value".into(),
        });
        None
    };
    match (&field.kind, &value.node) {
        (FieldKind::Number, Literal::Whole(n)) => Some(Value::Number(*n)),
        (FieldKind::Number, Literal::Word(w)) => mismatch(problems, w.clone()),
        (FieldKind::YesNo, Literal::Word(w)) if w == "yes" => Some(Value::YesNo(true)),
        (FieldKind::YesNo, Literal::Word(w)) if w == "no" => Some(Value::YesNo(false)),
        (FieldKind::YesNo, Literal::Word(w)) => mismatch(problems, w.clone()),
        (FieldKind::YesNo, Literal::Whole(n)) => mismatch(problems, n.to_string()),
        (FieldKind::Choice(choices), Literal::Word(w)) => {
            choice(field, choices, w, value.span, problems).map(Value::Choice)
        }
        (FieldKind::Choice(_), Literal::Whole(n)) => mismatch(problems, n.to_string()),
    }
}

fn compare_op(op: tree::CompareOp) -> CompareOp {
    match op {
        tree::CompareOp::Eq => CompareOp::Eq,
        tree::CompareOp::Ne => CompareOp::Ne,
        tree::CompareOp::Lt => CompareOp::Lt,
        tree::CompareOp::Le => CompareOp::Le,
        tree::CompareOp::Gt => CompareOp::Gt,
        tree::CompareOp::Ge => CompareOp::Ge,
    }
}

/// The index of `word` among a field's choices; an unknown one is reported with "did you mean".
pub(super) fn choice(
    field: &Field,
    choices: &[String],
    word: &str,
    at: tree::Span,
    problems: &mut Vec<CheckError>,
) -> Option<usize> {
    let found = choices.iter().position(|c| c == word);
    if found.is_none() {
        problems.push(CheckError::UnknownValue {
            field: field.name.clone(),
            value: word.to_string(),
            help: did_you_mean(word, "values", choices.iter().map(String::as_str)),
            at,
        });
    }
    found
}

pub(super) fn describe_kind(kind: &FieldKind) -> String {
    match kind {
        FieldKind::Number => "a whole number".into(),
        FieldKind::YesNo => "yes or no".into(),
        FieldKind::Choice(_) => "one of a list of choices".into(),
    }
}

fn example_values(kind: &FieldKind) -> String {
    match kind {
        FieldKind::Number => "a whole number, such as 15".into(),
        FieldKind::YesNo => "yes or no".into(),
        FieldKind::Choice(choices) => format!("one of its values: {}", choices.join(", ")),
    }
}
