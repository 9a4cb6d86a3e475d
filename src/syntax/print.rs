//! Syntax stage, the other way: a syntax tree → rule text in canonical layout.
//!
//! `ratebook show` prints a framework (a variant merged onto its base) through this, and the
//! output parses back to the same tree: sections in a fixed order, two-space indents, band
//! columns aligned, labels quoted only where a bare word would not read back as the same label.
//! Comments are not part of the tree, so they are not printed.

use std::fmt::Write;

use super::tree::*;
use crate::columns::align;

/// A whole framework as one rule file.
pub fn rule_file(file: &RuleFile) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "framework {} version {}",
        quoted(&file.name.node),
        quoted(&file.version.node)
    );
    let mut sections: Vec<String> = vec![];
    sections.extend(file.scales.iter().map(scale));
    sections.extend(file.field_lists.iter().map(fields));
    sections.extend(file.band_sets.iter().map(band_set));
    sections.extend(file.discretions.iter().map(discretion));
    sections.extend(file.domains.iter().map(domain));
    sections.extend(file.overalls.iter().map(overall));
    sections.extend(file.groupings.iter().map(grouping));
    if !file.measures.is_empty() {
        sections.push(file.measures.iter().map(measure).collect());
    }
    sections.extend(
        file.suppressions
            .iter()
            .map(|s| format!("suppress cells below {}\n", s.below.node)),
    );
    for section in sections {
        out.push('\n');
        out.push_str(&section);
    }
    out
}

fn grouping(grouping: &Grouping) -> String {
    let title = grouping
        .title
        .as_ref()
        .map_or(String::new(), |t| format!(" {}", quoted(t)));
    let rows: Vec<Vec<String>> = grouping
        .groups
        .iter()
        .map(|g| {
            let values: Vec<String> = g.values.iter().map(|v| group_value(&v.node)).collect();
            vec![label(&g.label.node), format!("= {}", values.join(", "))]
        })
        .collect();
    block(
        &format!(
            "group {}{title} by {}",
            grouping.name.node, grouping.field.node
        ),
        align(&rows),
    )
}

fn group_value(value: &GroupValue) -> String {
    match value {
        GroupValue::Name(name) => name.clone(),
        GroupValue::Range(r) => range(*r),
    }
}

/// A measure on one line: `measure NAME "text" = ID, ID`.
pub fn measure(measure: &Measure) -> String {
    let items: Vec<&str> = measure.items.iter().map(|i| i.node.as_str()).collect();
    format!(
        "measure {} {} = {}\n",
        measure.name.node,
        quoted(&measure.text),
        items.join(", ")
    )
}

/// A section of one-line statements: `head {`, each line indented, `}`.
fn block(head: &str, lines: impl IntoIterator<Item = String>) -> String {
    let mut out = format!("{head} {{\n");
    for line in lines {
        let _ = writeln!(out, "  {line}");
    }
    out.push_str("}\n");
    out
}

fn scale(scale: &Scale) -> String {
    let lines = scale
        .entries
        .iter()
        .map(|e| format!("{} = {}", label(&e.label.node), e.score.node));
    block("scale", lines)
}

fn fields(list: &FieldList) -> String {
    let lines = list.fields.iter().map(|field| {
        let kind = match &field.kind {
            FieldKind::Number => "number".to_string(),
            FieldKind::YesNo => "yes or no".to_string(),
            FieldKind::Choice(choices) => choices
                .iter()
                .zip(field.labels.iter().chain(std::iter::repeat(&None)))
                .map(|(c, label)| match label {
                    Some(label) => format!("{} {}", c.node, quoted(label)),
                    None => c.node.clone(),
                })
                .collect::<Vec<_>>()
                .join(" | "),
        };
        let optional = if field.optional { " optional" } else { "" };
        let title = field
            .title
            .as_ref()
            .map_or(String::new(), |t| format!(" {}", quoted(t)));
        format!("{}{title}: {kind}{optional}", field.name.node)
    });
    block("case fields", lines)
}

fn band_set(set: &BandSet) -> String {
    let title = set
        .title
        .as_ref()
        .map_or(String::new(), |t| format!(" {}", quoted(t)));
    let rounding = match set.rounding {
        Rounding::HalfUp => "half up",
        Rounding::HalfEven => "half even",
        Rounding::Down => "down",
    };
    let mut lines = vec![format!("percent rounded {rounding} to whole")];
    if set.banded_on_exact {
        lines.push("bands apply to exact percent".to_string());
    }
    let rows: Vec<Vec<String>> = set
        .bands
        .iter()
        .map(|b| {
            let mut row = vec![range(b.range.node), label(&b.label.node)];
            row.extend(b.band_name.as_deref().map(quoted));
            row
        })
        .collect();
    lines.extend(align(&rows));
    block(&format!("bands {}{title}", set.name.node), lines)
}

fn discretion(discretion: &Discretion) -> String {
    let lines = discretion.rules.iter().map(|rule| match rule.node {
        DiscretionRule::NearBoundary(n) => {
            format!("near boundary within {n} {}", plural(n, "point", "points"))
        }
        DiscretionRule::OneCase => "one case changes rating".to_string(),
        DiscretionRule::SmallSample(n) => format!("sample of {n} or fewer"),
        DiscretionRule::MovesAtMost(n) => {
            format!("moves at most {n} {}", plural(n, "band", "bands"))
        }
    });
    block("discretion", lines)
}

fn domain(domain: &Domain) -> String {
    let population = domain
        .population
        .as_ref()
        .map_or(String::new(), |p| format!(" where {}", expr(&p.node)));
    let mut out = format!(
        "domain {} {}{population} {{\n",
        domain.id.node,
        quoted(&domain.title)
    );
    let standards: Vec<String> = domain.standards.iter().map(|s| standard(s, "  ")).collect();
    out.push_str(&standards.join("\n"));
    out.push_str("}\n");
    out
}

/// A standard, each line starting with `indent`.
pub fn standard(standard: &Standard, indent: &str) -> String {
    let mut head = format!(
        "{indent}standard {} {} {}",
        standard.id.node,
        quoted(&standard.title),
        method(&standard.method)
    );
    if standard.not_scored {
        head.push_str(", not scored");
    }
    if standard.may_be_unrated {
        head.push_str(", may be unrated");
    }
    if standard.statement.is_none() && standard.sample.is_none() && standard.questions.is_empty() {
        return format!("{head} {{}}\n");
    }
    let mut out = format!("{head} {{\n");
    let inner = format!("{indent}  ");
    if let Some(statement) = &standard.statement {
        let _ = writeln!(out, "{inner}{}", quoted(statement));
    }
    if let Some(sample) = &standard.sample {
        let _ = writeln!(out, "{inner}sample where {}", expr(&sample.node));
    }
    for q in &standard.questions {
        out.push_str(&question(q, &inner));
    }
    let _ = writeln!(out, "{indent}}}");
    out
}

/// How a standard is rated, as written after its title.
pub fn method(method: &Method) -> String {
    match method {
        Method::Judged => "judged".to_string(),
        Method::RatedBy { aggregation, bands } => {
            format!("rated by {} using {}", aggregation.node, bands.node)
        }
    }
}

/// A key question, each line starting with `indent`.
pub fn question(question: &Question, indent: &str) -> String {
    let head = format!(
        "{indent}question {} {}",
        question.id.node,
        quoted(&question.text)
    );
    if question.sample.is_none() && question.prompts.is_empty() {
        return format!("{head}\n");
    }
    let mut out = format!("{head} {{\n");
    if let Some(sample) = &question.sample {
        let _ = writeln!(out, "{indent}  sample where {}", expr(&sample.node));
    }
    for prompt in &question.prompts {
        let _ = writeln!(
            out,
            "{indent}  prompt {} {}",
            prompt.id.node,
            quoted(&prompt.text)
        );
    }
    let _ = writeln!(out, "{indent}}}");
    out
}

fn overall(overall: &Overall) -> String {
    let mut lines = vec!["score is sum of standard scores".to_string()];
    lines.extend(overall.weights.iter().map(weight));
    if let Some(unrated) = &overall.unrated {
        lines.push(
            match unrated.node {
                UnratedRule::ScoresZero => "an unrated standard scores 0",
                UnratedRule::LeftOutOfMaximum => "an unrated standard is left out of the maximum",
            }
            .to_string(),
        );
    }
    if overall.of_maximum {
        lines.push("bands apply to percent of the maximum".to_string());
    }
    let rows: Vec<Vec<String>> = overall
        .bands
        .iter()
        .map(|b| vec![range(b.range.node), label(&b.label.node)])
        .collect();
    lines.extend(align(&rows));
    lines.extend(overall.limiters.iter().map(limiter));
    block("overall", lines)
}

/// `weight 2 for domain 2`
pub fn weight(weight: &Weight) -> String {
    let target = match &weight.target {
        WeightTarget::Domain(id) => format!("domain {}", id.node),
        WeightTarget::Standard(id) => format!("standard {}", id.node),
    };
    format!("weight {} for {target}", weight.factor.node)
}

/// A limiter as one line: `at most Good when 2 or more standards are Inadequate`.
pub fn limiter(limiter: &Limiter) -> String {
    let condition = limiter
        .clauses
        .iter()
        .map(clause)
        .collect::<Vec<_>>()
        .join(" and ");
    match limiter.kind {
        LimiterKind::AtMost => format!("at most {} when {condition}", label(&limiter.rating.node)),
        LimiterKind::OnlyWhen => format!("{} only when {condition}", label(&limiter.rating.node)),
    }
}

fn clause(clause: &Clause) -> String {
    let (quantity, verb) = match clause.quantity.node {
        Quantity::Any => ("any standard".to_string(), "is"),
        Quantity::No => ("no standard".to_string(), "is"),
        Quantity::AtLeast(n) => (format!("{n} or more standards"), "are"),
    };
    let domain = clause
        .domain
        .as_ref()
        .map_or(String::new(), |d| format!(" in domain {}", d.node));
    format!("{quantity}{domain} {verb} {}", rating_test(&clause.test))
}

/// `Good`, `Good or below`, `below Good` …
pub fn rating_test(test: &RatingTest) -> String {
    let l = label(&test.label.node);
    match test.relation {
        Relation::Exactly => l,
        Relation::OrBelow => format!("{l} or below"),
        Relation::OrAbove => format!("{l} or above"),
        Relation::Below => format!("below {l}"),
        Relation::Above => format!("above {l}"),
    }
}

/// A range as written: `below 50`, `50 to 64`, `65 to below 80`, `80 and above`, `3`.
pub fn range(range: Range) -> String {
    match range {
        Range::Below(n) => format!("below {n}"),
        Range::AndAbove(n) => format!("{n} and above"),
        Range::To { from, to } if from == to => format!("{from}"),
        Range::To { from, to } => format!("{from} to {to}"),
        Range::ToBelow { from, below } => format!("{from} to below {below}"),
    }
}

/// A filter as written in canonical form: `rosh != low and disposal in [custody]`.
pub fn expr(expr: &Expr) -> String {
    match expr {
        Expr::Or(alternatives) => alternatives
            .iter()
            .map(|e| grouped(e, matches!(e, Expr::Or(_))))
            .collect::<Vec<_>>()
            .join(" or "),
        Expr::And(all) => all
            .iter()
            .map(|e| grouped(e, matches!(e, Expr::Or(_) | Expr::And(_))))
            .collect::<Vec<_>>()
            .join(" and "),
        Expr::Not(inner) => format!(
            "not {}",
            grouped(inner, matches!(**inner, Expr::Or(_) | Expr::And(_)))
        ),
        Expr::Compare { field, op, value } => {
            let op = match op {
                CompareOp::Eq => "=",
                CompareOp::Ne => "!=",
                CompareOp::Lt => "<",
                CompareOp::Le => "<=",
                CompareOp::Gt => ">",
                CompareOp::Ge => ">=",
            };
            format!("{} {op} {}", field.node, literal(&value.node))
        }
        Expr::In {
            field,
            negated,
            values,
        } => {
            let values = values
                .iter()
                .map(|v| literal(&v.node))
                .collect::<Vec<_>>()
                .join(", ");
            let not = if *negated { "not " } else { "" };
            format!("{} {not}in [{values}]", field.node)
        }
    }
}

fn grouped(e: &Expr, parens: bool) -> String {
    if parens {
        format!("({})", expr(e))
    } else {
        expr(e)
    }
}

fn literal(literal: &Literal) -> String {
    match literal {
        Literal::Whole(n) => n.to_string(),
        Literal::Word(w) => w.clone(),
    }
}

/// Words of the rule language that a bare label must not be, lest it read back as a keyword.
const KEYWORDS: &[&str] = &[
    "above",
    "add",
    "an",
    "and",
    "any",
    "apply",
    "are",
    "at",
    "band",
    "bands",
    "based",
    "be",
    "below",
    "boundary",
    "by",
    "case",
    "changes",
    "discretion",
    "domain",
    "down",
    "even",
    "every",
    "exact",
    "fewer",
    "fields",
    "for",
    "framework",
    "half",
    "in",
    "is",
    "judged",
    "left",
    "maximum",
    "may",
    "more",
    "most",
    "moves",
    "near",
    "no",
    "none",
    "not",
    "number",
    "of",
    "on",
    "one",
    "only",
    "optional",
    "or",
    "out",
    "overall",
    "percent",
    "point",
    "points",
    "prompt",
    "question",
    "rated",
    "rating",
    "remove",
    "replace",
    "rounded",
    "sample",
    "scale",
    "score",
    "scored",
    "scores",
    "standard",
    "standards",
    "sum",
    "the",
    "to",
    "unrated",
    "up",
    "using",
    "version",
    "weight",
    "when",
    "where",
    "whole",
    "within",
    "yes",
];

/// A rating label: bare when it is a plain word, quoted otherwise ("Requires improvement").
pub fn label(text: &str) -> String {
    let mut chars = text.chars();
    let plain = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !KEYWORDS.contains(&text);
    if plain {
        text.to_string()
    } else {
        quoted(text)
    }
}

/// A text in double quotes, with `"` and `\` escaped, and every character that a rule file
/// cannot hold as it is (a line break) or that a terminal would act on (a control character,
/// a bidirectional-text control) written by its code as `\u{…}`: the printed text reads back
/// as the same text, and shows the same in any terminal. Tabs stay as they are.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push('\t'),
            c if c.is_control() || crate::terminal::is_unsafe(c) => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn plural<'a>(n: u32, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
