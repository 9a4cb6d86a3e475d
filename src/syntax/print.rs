//! Syntax stage, the other way: a syntax tree → rule text in canonical layout.
//!
//! `ratebook show` prints a framework (a variant merged onto its base) through
//! [`rule_file`], and `ratebook fmt` prints one rule file as written through
//! `rule_text_lines`, whose lines `syntax/comments.rs` then puts every comment of the source
//! back into, where it stood: a variant stays a variant, its items in the order written. Both print
//! through the same lines: two-space indents, band columns aligned, labels quoted only where
//! a bare word would not read back as the same label, one blank line between sections. The
//! output parses back to the same tree.
//!
//! Never reads a file; never decides what a rule means.

use super::tree::*;
use crate::columns::align;

/// One printed line: how deep it is indented (two spaces a step), its text, and where in the
/// source the construct it prints stands (a byte offset), by which comments find their place.
/// An empty line separates sections.
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub(super) depth: usize,
    pub(super) text: String,
    pub(super) at: Option<usize>,
}

fn line(text: impl Into<String>, at: impl Into<Option<usize>>) -> Line {
    Line {
        depth: 0,
        text: text.into(),
        at: at.into(),
    }
}

fn blank() -> Line {
    line("", None)
}

/// The closing brace of a construct whose span ends with it.
fn close(span: Span) -> Line {
    line("}", span.end.checked_sub(1))
}

/// Lines one step deeper.
fn deeper(lines: Vec<Line>) -> Vec<Line> {
    lines
        .into_iter()
        .map(|mut l| {
            if !l.text.is_empty() {
                l.depth += 1;
            }
            l
        })
        .collect()
}

/// `head {`, each line one step deeper, `}`.
fn block(head: String, at: usize, inner: Vec<Line>, span: Span) -> Vec<Line> {
    let mut lines = vec![line(format!("{head} {{"), at)];
    lines.extend(deeper(inner));
    lines.push(close(span));
    lines
}

/// Lines as text, without comments.
fn render(lines: &[Line]) -> String {
    let mut out = String::new();
    for l in lines {
        if !l.text.is_empty() {
            for _ in 0..l.depth {
                out.push_str("  ");
            }
            out.push_str(&l.text);
        }
        out.push('\n');
    }
    out
}

/// A whole framework as one rule file, its sections in a fixed order.
pub fn rule_file(file: &RuleFile) -> String {
    let mut lines = vec![line(
        format!(
            "framework {} version {}",
            quoted(&file.name.node),
            quoted(&file.version.node)
        ),
        None,
    )];
    let mut sections: Vec<Vec<Line>> = vec![];
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
    sections.extend(file.suppressions.iter().map(|s| vec![suppress(s)]));
    for section in sections {
        lines.push(blank());
        lines.extend(section);
    }
    render(&lines)
}

/// One rule file as written, in canonical layout, as lines that know where in the source
/// each construct stood (for the comments to find their places): the header, `based on`,
/// then each section and edit in the order written, a blank line between them (one-line
/// items that follow each other stand together).
pub(super) fn rule_text_lines(text: &RuleText) -> Vec<Line> {
    let mut lines = vec![line(
        format!(
            "framework {} version {}",
            quoted(&text.name.node),
            quoted(&text.version.node)
        ),
        text.name.span.start,
    )];
    if let Some(base) = &text.based_on {
        lines.push(line(
            format!("based on {}", quoted(&base.node)),
            base.span.start,
        ));
    }
    let mut one_line_before = false;
    for (i, item) in text.items.iter().enumerate() {
        let printed = item_lines(item);
        let one_line = printed.len() == 1;
        if i == 0 || !(one_line && one_line_before) {
            lines.push(blank());
        }
        one_line_before = one_line;
        lines.extend(printed);
    }
    lines
}

/// One section or edit of a rule file.
fn item_lines(item: &Item) -> Vec<Line> {
    match item {
        Item::Section(section) => section_lines(section),
        Item::Replace { section, span } => {
            let mut lines = section_lines(section);
            if let Some(first) = lines.first_mut() {
                first.text = format!("replace {}", first.text);
                first.at = Some(span.start);
            }
            lines
        }
        Item::Remove(removal) => {
            let what = match &removal.removed {
                Removed::Domain(id) => format!("domain {}", id.node),
                Removed::Standard(id) => format!("standard {}", id.node),
                Removed::Question(id) => format!("question {}", id.node),
                Removed::Prompt(id) => format!("prompt {}", id.node),
                Removed::Bands(name) => format!("bands {}", name.node),
                Removed::Discretion => "discretion".to_string(),
                Removed::Grouping(name) => format!("group {}", name.node),
                Removed::Measure(name) => format!("measure {}", name.node),
            };
            vec![line(format!("remove {what}"), removal.span.start)]
        }
        Item::AddStandards {
            domain,
            standards,
            span,
        } => {
            let mut inner = vec![];
            for (i, s) in standards.iter().enumerate() {
                if i > 0 {
                    inner.push(blank());
                }
                inner.extend(standard_lines(s));
            }
            let head = format!("add to domain {}", domain.node);
            block(head, span.start, inner, *span)
        }
        Item::AddQuestions {
            standard,
            questions,
            span,
        } => {
            let inner = questions.iter().flat_map(question_lines).collect();
            let head = format!("add to standard {}", standard.node);
            block(head, span.start, inner, *span)
        }
        Item::AddPrompts {
            question,
            prompts,
            span,
        } => {
            let inner = prompts.iter().map(prompt_line).collect();
            let head = format!("add to question {}", question.node);
            block(head, span.start, inner, *span)
        }
        Item::Reword {
            part,
            item,
            id,
            text,
            span,
        } => {
            let part = match part.node {
                Wording::Title => "title",
                Wording::Statement => "statement",
                Wording::Text => "text",
            };
            let item = match item {
                ItemKind::Domain => "domain",
                ItemKind::Standard => "standard",
                ItemKind::Question => "question",
                ItemKind::Prompt => "prompt",
            };
            let text = format!("replace {part} of {item} {} {}", id.node, quoted(text));
            vec![line(text, span.start)]
        }
        Item::AddLimiters { span, limiters } => {
            let inner = limiters
                .iter()
                .map(|l| line(limiter(l), l.span.start))
                .collect();
            block("add to overall".into(), span.start, inner, *span)
        }
        Item::Every {
            domain,
            method: m,
            span,
        } => {
            let domain = domain
                .as_ref()
                .map_or(String::new(), |d| format!(" in domain {}", d.node));
            let text = format!("every case-based standard{domain} is {}", method(m));
            vec![line(text, span.start)]
        }
    }
}

fn section_lines(section: &Section) -> Vec<Line> {
    match section {
        Section::Scale(s) => scale(s),
        Section::Fields(f) => fields(f),
        Section::Bands(b) => band_set(b),
        Section::Discretion(d) => discretion(d),
        Section::Domain(d) => domain(d),
        Section::Overall(o) => overall(o),
        Section::Standard(s) => standard_lines(s),
        Section::Question(q) => question_lines(q),
        Section::Grouping(g) => grouping(g),
        Section::Measure(m) => vec![measure(m)],
        Section::Suppress(s) => vec![suppress(s)],
    }
}

fn suppress(s: &Suppress) -> Line {
    line(
        format!("suppress cells below {}", s.below.node),
        s.span.start,
    )
}

fn grouping(grouping: &Grouping) -> Vec<Line> {
    let title = grouping
        .title
        .as_ref()
        .map_or(String::new(), |t| format!(" {}", quoted(t)));
    // Each label padded to the widest, so that the `=` signs stand in one column.
    let labels: Vec<String> = grouping
        .groups
        .iter()
        .map(|g| label(&g.label.node))
        .collect();
    let widest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let inner = labels
        .iter()
        .zip(&grouping.groups)
        .map(|(l, g)| {
            let values: Vec<String> = g.values.iter().map(|v| group_value(&v.node)).collect();
            let pad = " ".repeat(widest - l.chars().count());
            line(
                format!("{l}{pad} = {}", values.join(", ")),
                g.label.span.start,
            )
        })
        .collect();
    let head = format!(
        "group {}{title} by {}",
        grouping.name.node, grouping.field.node
    );
    block(head, grouping.span.start, inner, grouping.span)
}

fn group_value(value: &GroupValue) -> String {
    match value {
        GroupValue::Name(name) => name.clone(),
        GroupValue::Range(r) => range(*r),
    }
}

/// A measure on one line: `measure NAME "text" = ID, ID`.
fn measure(measure: &Measure) -> Line {
    let items: Vec<&str> = measure.items.iter().map(|i| i.node.as_str()).collect();
    line(
        format!(
            "measure {} {} = {}",
            measure.name.node,
            quoted(&measure.text),
            items.join(", ")
        ),
        measure.name.span.start,
    )
}

fn scale(scale: &Scale) -> Vec<Line> {
    let inner = scale
        .entries
        .iter()
        .map(|e| {
            line(
                format!("{} = {}", label(&e.label.node), e.score.node),
                e.label.span.start,
            )
        })
        .collect();
    block("scale".into(), scale.span.start, inner, scale.span)
}

/// The widest a field's line is made, indentation included, before its values wrap onto
/// lines that begin with `|` under the colon.
const FIELD_WIDTH: usize = 100;

fn fields(list: &FieldList) -> Vec<Line> {
    let mut inner = vec![];
    for field in &list.fields {
        let optional = if field.optional { " optional" } else { "" };
        let title = field
            .title
            .as_ref()
            .map_or(String::new(), |t| format!(" {}", quoted(t)));
        let head = format!("{}{title}:", field.name.node);
        let at = field.name.span.start;
        let FieldKind::Choice(choices) = &field.kind else {
            let kind = match field.kind {
                FieldKind::Number => "number",
                _ => "yes or no",
            };
            inner.push(line(format!("{head} {kind}{optional}"), at));
            continue;
        };
        let values: Vec<(String, usize)> = choices
            .iter()
            .zip(field.labels.iter().chain(std::iter::repeat(&None)))
            .map(|(c, label)| {
                let text = match label {
                    Some(label) => format!("{} {}", c.node, quoted(label)),
                    None => c.node.clone(),
                };
                (text, c.span.start)
            })
            .collect();
        // Filled greedily; the field's line stands one step in.
        let room = FIELD_WIDTH - 2;
        let under = " ".repeat(head.chars().count() - 1);
        let mut current = head.clone();
        let mut current_at = at;
        for (k, (value, value_at)) in values.iter().enumerate() {
            let last = k + 1 == values.len();
            let piece = if last {
                format!("{value}{optional}")
            } else {
                value.clone()
            };
            let joined = if k == 0 {
                format!("{current} {piece}")
            } else {
                format!("{current} | {piece}")
            };
            if k == 0 || joined.chars().count() <= room {
                current = joined;
            } else {
                inner.push(line(std::mem::take(&mut current), current_at));
                current = format!("{under}| {piece}");
                current_at = *value_at;
            }
        }
        inner.push(line(current, current_at));
    }
    block("case fields".into(), list.span.start, inner, list.span)
}

fn band_set(set: &BandSet) -> Vec<Line> {
    let title = set
        .title
        .as_ref()
        .map_or(String::new(), |t| format!(" {}", quoted(t)));
    let rounding = match set.rounding {
        Rounding::HalfUp => "half up",
        Rounding::HalfEven => "half even",
        Rounding::Down => "down",
    };
    let mut inner = vec![line(
        format!("percent rounded {rounding} to whole"),
        set.rounding_at.start,
    )];
    if set.banded_on_exact {
        inner.push(line(
            "bands apply to exact percent",
            set.exact_at.map(|s| s.start),
        ));
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
    inner.extend(
        align(&rows)
            .into_iter()
            .zip(&set.bands)
            .map(|(text, b)| line(text, b.range.span.start)),
    );
    let head = format!("bands {}{title}", set.name.node);
    block(head, set.span.start, inner, set.span)
}

fn discretion(discretion: &Discretion) -> Vec<Line> {
    let inner = discretion
        .rules
        .iter()
        .map(|rule| {
            let text = match rule.node {
                DiscretionRule::NearBoundary(n) => {
                    format!("near boundary within {n} {}", plural(n, "point", "points"))
                }
                DiscretionRule::OneCase => "one case changes rating".to_string(),
                DiscretionRule::SmallSample(n) => format!("sample of {n} or fewer"),
                DiscretionRule::MovesAtMost(n) => {
                    format!("moves at most {n} {}", plural(n, "band", "bands"))
                }
            };
            line(text, rule.span.start)
        })
        .collect();
    block(
        "discretion".into(),
        discretion.span.start,
        inner,
        discretion.span,
    )
}

fn domain(domain: &Domain) -> Vec<Line> {
    let population = domain
        .population
        .as_ref()
        .map_or(String::new(), |p| format!(" where {}", expr(&p.node)));
    let head = format!(
        "domain {} {}{population}",
        domain.id.node,
        quoted(&domain.title)
    );
    let mut inner = vec![];
    for (i, s) in domain.standards.iter().enumerate() {
        if i > 0 {
            inner.push(blank());
        }
        inner.extend(standard_lines(s));
    }
    block(head, domain.span.start, inner, domain.span)
}

/// A standard, each line starting with `indent`.
pub fn standard(standard: &Standard, indent: &str) -> String {
    indented(&standard_lines(standard), indent)
}

fn indented(lines: &[Line], indent: &str) -> String {
    render(lines)
        .lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_string()
            } else {
                format!("{indent}{l}\n")
            }
        })
        .collect()
}

fn standard_lines(standard: &Standard) -> Vec<Line> {
    let mut head = format!(
        "standard {} {} {}",
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
    let at = standard.span.start;
    if standard.statement.is_none() && standard.sample.is_none() && standard.questions.is_empty() {
        return vec![line(format!("{head} {{}}"), at)];
    }
    let mut inner = vec![];
    if let Some(statement) = &standard.statement {
        inner.push(line(
            quoted(statement),
            standard.statement_at.map(|s| s.start),
        ));
    }
    if let Some(sample) = &standard.sample {
        inner.push(line(
            format!("sample where {}", expr(&sample.node)),
            sample.span.start,
        ));
    }
    for q in &standard.questions {
        inner.extend(question_lines(q));
    }
    block(head, at, inner, standard.span)
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
    indented(&question_lines(question), indent)
}

fn question_lines(question: &Question) -> Vec<Line> {
    let head = format!("question {} {}", question.id.node, quoted(&question.text));
    let at = question.span.start;
    if question.sample.is_none() && question.prompts.is_empty() {
        return vec![line(head, at)];
    }
    let mut inner = vec![];
    if let Some(sample) = &question.sample {
        inner.push(line(
            format!("sample where {}", expr(&sample.node)),
            sample.span.start,
        ));
    }
    inner.extend(question.prompts.iter().map(prompt_line));
    block(head, at, inner, question.span)
}

fn prompt_line(prompt: &Prompt) -> Line {
    line(
        format!("prompt {} {}", prompt.id.node, quoted(&prompt.text)),
        prompt.id.span.start,
    )
}

fn overall(overall: &Overall) -> Vec<Line> {
    let mut inner = vec![line(
        "score is sum of standard scores",
        overall.score_at.start,
    )];
    inner.extend(
        overall
            .weights
            .iter()
            .map(|w| line(weight(w), w.span.start)),
    );
    if let Some(unrated) = &overall.unrated {
        let text = match unrated.node {
            UnratedRule::ScoresZero => "an unrated standard scores 0",
            UnratedRule::LeftOutOfMaximum => "an unrated standard is left out of the maximum",
        };
        inner.push(line(text, unrated.span.start));
    }
    if overall.of_maximum {
        inner.push(line(
            "bands apply to percent of the maximum",
            overall.of_maximum_at.map(|s| s.start),
        ));
    }
    let rows: Vec<Vec<String>> = overall
        .bands
        .iter()
        .map(|b| vec![range(b.range.node), label(&b.label.node)])
        .collect();
    inner.extend(
        align(&rows)
            .into_iter()
            .zip(&overall.bands)
            .map(|(text, b)| line(text, b.range.span.start)),
    );
    inner.extend(
        overall
            .limiters
            .iter()
            .map(|l| line(limiter(l), l.span.start)),
    );
    block("overall".into(), overall.span.start, inner, overall.span)
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

/// A rating label: bare when it is a plain word, quoted otherwise ("Requires improvement").
pub fn label(text: &str) -> String {
    let mut chars = text.chars();
    let plain = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !super::keywords::is_reserved(text);
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

/// One section as rule text in canonical layout, without comments (for an editor's hover).
pub fn section(section: &Section) -> String {
    render(&section_lines(section))
}
