//! Syntax stage: pest pairs → typed syntax tree ([`super::tree`]).
//!
//! One function per grammar rule, each taking that rule's pair. The grammar guarantees the
//! shape of what arrives here; where Rust cannot see that, a mismatch becomes an internal
//! diagnostic ("this is a bug") rather than a panic.

use std::cell::Cell;

use pest::iterators::{Pair, Pairs};

use super::error::SyntaxError;
use super::parser::Rule;
use super::tree::*;

type Lowered<T> = Result<T, SyntaxError>;

thread_local! {
    /// Where the file being lowered starts among all the rule files loaded together (a variant
    /// and its bases share one space of positions, so that a span says which file it is in).
    static FILE_START: Cell<usize> = const { Cell::new(0) };
}

/// Lower a file whose text starts at `start` among the loaded rule files.
pub fn file_at(pair: Pair<Rule>, start: usize) -> Lowered<RuleText> {
    FILE_START.with(|s| s.set(start));
    let lowered = file(pair);
    FILE_START.with(|s| s.set(0));
    lowered
}

/// Where a pair stands, without the white space pest leaves at its end when an optional
/// last part is absent (`Good` in `… is Good` before a line break).
fn span_of(pair: &Pair<Rule>) -> Span {
    let s = pair.as_span();
    let start = FILE_START.with(Cell::get);
    Span {
        start: start + s.start(),
        end: start + s.start() + pair.as_str().trim_end().len(),
    }
}

fn is_keyword(rule: Rule) -> bool {
    format!("{rule:?}").starts_with("kw_")
}

/// The meaningful children of a pair: keywords carry no information once parsed.
fn parts(pair: Pair<Rule>) -> Parts {
    Parts {
        inner: pair.into_inner(),
    }
}

struct Parts<'i> {
    inner: Pairs<'i, Rule>,
}

impl<'i> Parts<'i> {
    fn expect(&mut self, rule: Rule) -> Lowered<Pair<'i, Rule>> {
        match self.next() {
            Some(pair) if pair.as_rule() == rule => Ok(pair),
            other => Err(SyntaxError::internal(format!(
                "expected {rule:?} in the parse tree, found {:?}",
                other.map(|p| p.as_rule())
            ))),
        }
    }

    /// The next meaningful part, which the grammar guarantees is there.
    fn next_or(&mut self, missing: &str) -> Lowered<Pair<'i, Rule>> {
        self.next()
            .ok_or_else(|| SyntaxError::internal(missing.to_string()))
    }

    fn peek_is(&self, rule: Rule) -> bool {
        self.inner
            .clone()
            .find(|p| !is_keyword(p.as_rule()))
            .is_some_and(|p| p.as_rule() == rule)
    }
}

impl<'i> Iterator for Parts<'i> {
    type Item = Pair<'i, Rule>;
    fn next(&mut self) -> Option<Self::Item> {
        self.inner.by_ref().find(|p| !is_keyword(p.as_rule()))
    }
}

/// The first meaningful child of a pair; `missing` says what is wrong in the internal error
/// that cannot happen with this grammar.
fn first<'i>(pair: Pair<'i, Rule>, missing: &str) -> Lowered<Pair<'i, Rule>> {
    parts(pair).next_or(missing)
}

fn unexpected<T>(pair: &Pair<Rule>) -> Lowered<T> {
    Err(SyntaxError::internal(format!(
        "unexpected {:?} in the parse tree",
        pair.as_rule()
    )))
}

fn file(pair: Pair<Rule>) -> Lowered<RuleText> {
    let mut parts = parts(pair);
    let (name, version) = header(parts.expect(Rule::header)?)?;
    let mut text = RuleText {
        name,
        version,
        based_on: None,
        items: vec![],
    };
    for pair in parts {
        match pair.as_rule() {
            Rule::based_on => text.based_on = Some(string(parts_one(pair, Rule::string)?)?),
            _ => text.items.extend(item(pair)?),
        }
    }
    Ok(text)
}

/// Lower the items of a `rest` (the sections after a syntax error) whose text starts at
/// `start` among the loaded rule files.
pub fn items_at(pair: Pair<Rule>, start: usize) -> Lowered<Vec<Item>> {
    FILE_START.with(|s| s.set(start));
    let lowered = parts(pair)
        .map(item)
        .collect::<Lowered<Vec<_>>>()
        .map(|items| items.into_iter().flatten().collect());
    FILE_START.with(|s| s.set(0));
    lowered
}

/// One section or edit; nothing for the end of the input.
fn item(pair: Pair<Rule>) -> Lowered<Option<Item>> {
    Ok(Some(match pair.as_rule() {
        Rule::replace => {
            let span = span_of(&pair);
            let inner = first(pair, "a replace without an item")?;
            if inner.as_rule() == Rule::rewording {
                return rewording(inner, span).map(Some);
            }
            Item::Replace {
                section: section(inner)?,
                span,
            }
        }
        Rule::remove => Item::Remove(removal(pair)?),
        Rule::add_to => add_to(pair)?,
        Rule::every => every(pair)?,
        Rule::EOI => return Ok(None),
        _ => Item::Section(section(pair)?),
    }))
}

fn section(pair: Pair<Rule>) -> Lowered<Section> {
    Ok(match pair.as_rule() {
        Rule::scale => Section::Scale(scale(pair)?),
        Rule::case_fields => Section::Fields(case_fields(pair)?),
        Rule::bands => Section::Bands(bands(pair)?),
        Rule::discretion => Section::Discretion(discretion(pair)?),
        Rule::domain => Section::Domain(domain(pair)?),
        Rule::overall => Section::Overall(overall(pair)?),
        Rule::standard => Section::Standard(standard(pair)?),
        Rule::question => Section::Question(question(pair)?),
        Rule::grouping => Section::Grouping(grouping(pair)?),
        Rule::measure => Section::Measure(measure(pair)?),
        Rule::suppress => Section::Suppress(Suppress {
            span: span_of(&pair),
            below: whole(parts(pair).expect(Rule::whole)?)?,
        }),
        _ => return unexpected(&pair),
    })
}

fn grouping(pair: Pair<Rule>) -> Lowered<Grouping> {
    let span = span_of(&pair);
    let mut parts = parts(pair);
    let grouping_name = name(parts.expect(Rule::name)?);
    let title = if parts.peek_is(Rule::string) {
        Some(string(parts.expect(Rule::string)?)?.node)
    } else {
        None
    };
    let field = name(parts.expect(Rule::name)?);
    let mut groups = vec![];
    for pair in parts {
        let mut values = self::parts(pair);
        let label = label(values.expect(Rule::label)?)?;
        let values = values
            .map(|v| {
                Ok(match v.as_rule() {
                    Rule::name => Spanned {
                        span: span_of(&v),
                        node: GroupValue::Name(v.as_str().to_string()),
                    },
                    _ => {
                        let r = range(v)?;
                        Spanned {
                            span: r.span,
                            node: GroupValue::Range(r.node),
                        }
                    }
                })
            })
            .collect::<Lowered<Vec<_>>>()?;
        groups.push(Group { label, values });
    }
    Ok(Grouping {
        name: grouping_name,
        title,
        field,
        groups,
        span,
    })
}

fn measure(pair: Pair<Rule>) -> Lowered<Measure> {
    let mut parts = parts(pair);
    let measure_name = name(parts.expect(Rule::name)?);
    let text = string(parts.expect(Rule::string)?)?.node;
    Ok(Measure {
        name: measure_name,
        text,
        items: parts.map(id).collect(),
    })
}

/// `replace title of standard 3.4 "…"`.
fn rewording(pair: Pair<Rule>, span: Span) -> Lowered<Item> {
    let mut parts = parts(pair);
    let part = parts.expect(Rule::reworded_part)?;
    let part_span = span_of(&part);
    let wording = match part.as_str() {
        "title" => Wording::Title,
        "statement" => Wording::Statement,
        _ => Wording::Text,
    };
    let item = match parts.expect(Rule::reworded_item)?.as_str() {
        "domain" => ItemKind::Domain,
        "standard" => ItemKind::Standard,
        "question" => ItemKind::Question,
        _ => ItemKind::Prompt,
    };
    let id = id(parts.expect(Rule::id)?);
    let text = string(parts.expect(Rule::string)?)?.node;
    Ok(Item::Reword {
        part: Spanned {
            span: part_span,
            node: wording,
        },
        item,
        id,
        text,
        span,
    })
}

fn removal(pair: Pair<Rule>) -> Lowered<Removal> {
    let span = span_of(&pair);
    let what = first(pair, "a remove without an item")?;
    let rule = what.as_rule();
    if rule == Rule::remove_discretion {
        return Ok(Removal {
            removed: Removed::Discretion,
            span,
        });
    }
    let id = name(first(what, "a remove without a name")?);
    let removed = match rule {
        Rule::remove_domain => Removed::Domain(id),
        Rule::remove_standard => Removed::Standard(id),
        Rule::remove_question => Removed::Question(id),
        Rule::remove_prompt => Removed::Prompt(id),
        Rule::remove_bands => Removed::Bands(id),
        Rule::remove_group => Removed::Grouping(id),
        Rule::remove_measure => Removed::Measure(id),
        _ => return Err(SyntaxError::internal(format!("{rule:?} is not a removal"))),
    };
    Ok(Removal { removed, span })
}

fn add_to(pair: Pair<Rule>) -> Lowered<Item> {
    let target = first(pair, "an add without a target")?;
    let rule = target.as_rule();
    if rule == Rule::add_to_overall {
        let span = span_of(&target);
        return Ok(Item::AddLimiters {
            span,
            limiters: parts(target).map(limiter).collect::<Lowered<_>>()?,
        });
    }
    let span = span_of(&target);
    let mut parts = parts(target);
    let id = id(parts.expect(Rule::id)?);
    match rule {
        Rule::add_to_domain => Ok(Item::AddStandards {
            domain: id,
            standards: parts.map(standard).collect::<Lowered<_>>()?,
            span,
        }),
        Rule::add_to_standard => Ok(Item::AddQuestions {
            standard: id,
            questions: parts.map(question).collect::<Lowered<_>>()?,
            span,
        }),
        Rule::add_to_question => Ok(Item::AddPrompts {
            question: id,
            prompts: parts.map(prompt).collect::<Lowered<_>>()?,
            span,
        }),
        _ => Err(SyntaxError::internal(format!(
            "{rule:?} is not an addition"
        ))),
    }
}

fn every(pair: Pair<Rule>) -> Lowered<Item> {
    let span = span_of(&pair);
    let mut domain = None;
    let mut method = None;
    for part in parts(pair) {
        match part.as_rule() {
            Rule::in_domain => domain = Some(id(parts_one(part, Rule::id)?)),
            Rule::rated_by => method = Some(rated_by(part)?),
            _ => return unexpected(&part),
        }
    }
    let method = method.ok_or_else(|| SyntaxError::internal("`every` without a rule".into()))?;
    Ok(Item::Every {
        domain,
        method,
        span,
    })
}

fn header(pair: Pair<Rule>) -> Lowered<(Spanned<String>, Spanned<String>)> {
    let mut parts = parts(pair);
    let name = string(parts.expect(Rule::string)?)?;
    let version = string(parts.expect(Rule::string)?)?;
    Ok((name, version))
}

fn scale(pair: Pair<Rule>) -> Lowered<Scale> {
    let span = span_of(&pair);
    let entries = parts(pair).map(scale_entry).collect::<Lowered<_>>()?;
    Ok(Scale { span, entries })
}

fn scale_entry(pair: Pair<Rule>) -> Lowered<ScaleEntry> {
    let mut parts = parts(pair);
    let label = label(parts.expect(Rule::label)?)?;
    let score = whole(parts.expect(Rule::whole)?)?;
    Ok(ScaleEntry { label, score })
}

fn case_fields(pair: Pair<Rule>) -> Lowered<FieldList> {
    let span = span_of(&pair);
    let fields = parts(pair).map(field).collect::<Lowered<_>>()?;
    Ok(FieldList { span, fields })
}

fn field(pair: Pair<Rule>) -> Lowered<Field> {
    let optional = pair
        .clone()
        .into_inner()
        .any(|p| p.as_rule() == Rule::kw_optional);
    let mut parts = parts(pair);
    let name = name(parts.expect(Rule::name)?);
    let mut kind_pair = parts.next_or("a field without a type")?;
    let mut title = None;
    if kind_pair.as_rule() == Rule::string {
        title = Some(string(kind_pair)?.node);
        kind_pair = parts.next_or("a field without a type")?;
    }
    let mut labels = vec![];
    let kind = match kind_pair.as_rule() {
        Rule::number_type => FieldKind::Number,
        Rule::yes_no_type => FieldKind::YesNo,
        Rule::choice_type => {
            let mut values = vec![];
            for choice in self::parts(kind_pair) {
                let mut parts = self::parts(choice);
                values.push(self::name(parts.expect(Rule::name)?));
                labels.push(match parts.next() {
                    Some(text) => Some(string(text)?.node),
                    None => None,
                });
            }
            FieldKind::Choice(values)
        }
        _ => return unexpected(&kind_pair),
    };
    Ok(Field {
        name,
        title,
        kind,
        optional,
        labels,
    })
}

fn bands(pair: Pair<Rule>) -> Lowered<BandSet> {
    let span = span_of(&pair);
    let mut parts = parts(pair);
    let set_name = name(parts.expect(Rule::name)?);
    let title = if parts.peek_is(Rule::string) {
        Some(string(parts.expect(Rule::string)?)?.node)
    } else {
        None
    };
    let rounding_pair = parts.expect(Rule::rounding)?;
    let rounding_at = span_of(&rounding_pair);
    let rounding = rounding(rounding_pair)?;
    let mut banded_on_exact = false;
    let mut exact_at = None;
    let mut bands = vec![];
    for pair in parts {
        match pair.as_rule() {
            Rule::banded_exact => {
                banded_on_exact = true;
                exact_at = Some(span_of(&pair));
            }
            Rule::band => bands.push(band(pair)?),
            _ => return unexpected(&pair),
        }
    }
    Ok(BandSet {
        name: set_name,
        title,
        span,
        rounding,
        rounding_at,
        banded_on_exact,
        exact_at,
        bands,
    })
}

fn rounding(pair: Pair<Rule>) -> Lowered<Rounding> {
    let mode = parts(pair).expect(Rule::rounding_mode)?;
    let choice = first(mode, "a rounding without a mode")?;
    match choice.as_rule() {
        Rule::half_up => Ok(Rounding::HalfUp),
        Rule::half_even => Ok(Rounding::HalfEven),
        Rule::down => Ok(Rounding::Down),
        _ => unexpected(&choice),
    }
}

fn band(pair: Pair<Rule>) -> Lowered<Band> {
    let mut parts = parts(pair);
    let range = range(parts.next_or("a band without a range")?)?;
    let label = label(parts.expect(Rule::label)?)?;
    let band_name = match parts.next() {
        Some(p) => Some(string(p)?.node),
        None => None,
    };
    Ok(Band {
        range,
        label,
        band_name,
    })
}

fn range(pair: Pair<Rule>) -> Lowered<Spanned<Range>> {
    let span = span_of(&pair);
    let rule = pair.as_rule();
    let mut parts = parts(pair);
    let node = match rule {
        Rule::below => Range::Below(whole(parts.expect(Rule::whole)?)?.node),
        Rule::and_above => Range::AndAbove(whole(parts.expect(Rule::whole)?)?.node),
        Rule::single => {
            let at = whole(parts.expect(Rule::whole)?)?.node;
            Range::To { from: at, to: at }
        }
        Rule::from_to => {
            let from = whole(parts.expect(Rule::whole)?)?.node;
            if parts.peek_is(Rule::below_mark) {
                parts.expect(Rule::below_mark)?;
                let below = whole(parts.expect(Rule::whole)?)?.node;
                Range::ToBelow { from, below }
            } else {
                let to = whole(parts.expect(Rule::whole)?)?.node;
                Range::To { from, to }
            }
        }
        _ => return Err(SyntaxError::internal(format!("{rule:?} is not a range"))),
    };
    Ok(Spanned { node, span })
}

fn discretion(pair: Pair<Rule>) -> Lowered<Discretion> {
    let span = span_of(&pair);
    let rules = parts(pair).map(discretion_rule).collect::<Lowered<_>>()?;
    Ok(Discretion { span, rules })
}

fn discretion_rule(pair: Pair<Rule>) -> Lowered<Spanned<DiscretionRule>> {
    let span = span_of(&pair);
    let rule = pair.as_rule();
    let mut parts = parts(pair);
    let mut number = || -> Lowered<u32> { Ok(whole(parts.expect(Rule::whole)?)?.node) };
    let node = match rule {
        Rule::near_boundary => DiscretionRule::NearBoundary(number()?),
        Rule::one_case => DiscretionRule::OneCase,
        Rule::small_sample => DiscretionRule::SmallSample(number()?),
        Rule::moves => DiscretionRule::MovesAtMost(number()?),
        _ => {
            return Err(SyntaxError::internal(format!(
                "{rule:?} is not a discretion rule"
            )));
        }
    };
    Ok(Spanned { node, span })
}

fn domain(pair: Pair<Rule>) -> Lowered<Domain> {
    let span = span_of(&pair);
    let mut parts = parts(pair);
    let id = id(parts.expect(Rule::id)?);
    let title = string(parts.expect(Rule::string)?)?.node;
    let mut population = None;
    let mut standards = vec![];
    for pair in parts {
        match pair.as_rule() {
            Rule::population => population = Some(spanned_expr(parts_one(pair, Rule::expr)?)?),
            Rule::standard => standards.push(standard(pair)?),
            _ => return unexpected(&pair),
        }
    }
    Ok(Domain {
        id,
        title,
        population,
        standards,
        span,
    })
}

fn parts_one(pair: Pair<Rule>, rule: Rule) -> Lowered<Pair<Rule>> {
    parts(pair).expect(rule)
}

fn standard(pair: Pair<Rule>) -> Lowered<Standard> {
    let span = span_of(&pair);
    let mut parts = parts(pair);
    let id = id(parts.expect(Rule::id)?);
    let title = string(parts.expect(Rule::string)?)?.node;
    let mut standard = Standard {
        id,
        title,
        method: Method::Judged,
        not_scored: false,
        may_be_unrated: false,
        statement: None,
        statement_at: None,
        sample: None,
        questions: vec![],
        span,
    };
    for pair in parts {
        match pair.as_rule() {
            Rule::judged => standard.method = Method::Judged,
            Rule::rated_by => standard.method = rated_by(pair)?,
            Rule::not_scored => standard.not_scored = true,
            Rule::may_be_unrated => standard.may_be_unrated = true,
            Rule::statement => {
                standard.statement_at = Some(span_of(&pair));
                standard.statement = Some(string(parts_one(pair, Rule::string)?)?.node)
            }
            Rule::sample => standard.sample = Some(spanned_expr(parts_one(pair, Rule::expr)?)?),
            Rule::question => standard.questions.push(question(pair)?),
            _ => return unexpected(&pair),
        }
    }
    Ok(standard)
}

fn rated_by(pair: Pair<Rule>) -> Lowered<Method> {
    let mut parts = parts(pair);
    let words = parts.expect(Rule::aggregation)?;
    let span = span_of(&words);
    // The words themselves, without any comment written between them.
    let aggregation = Spanned {
        node: words
            .into_inner()
            .map(|w| w.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        span,
    };
    let bands = name(parts.expect(Rule::name)?);
    Ok(Method::RatedBy { aggregation, bands })
}

fn question(pair: Pair<Rule>) -> Lowered<Question> {
    let span = span_of(&pair);
    let mut parts = parts(pair);
    let id = id(parts.expect(Rule::id)?);
    let text = string(parts.expect(Rule::string)?)?.node;
    let mut question = Question {
        id,
        text,
        sample: None,
        prompts: vec![],
        span,
    };
    for pair in parts {
        match pair.as_rule() {
            Rule::sample => question.sample = Some(spanned_expr(parts_one(pair, Rule::expr)?)?),
            Rule::prompt => question.prompts.push(prompt(pair)?),
            _ => return unexpected(&pair),
        }
    }
    Ok(question)
}

fn prompt(pair: Pair<Rule>) -> Lowered<Prompt> {
    let mut parts = parts(pair);
    let id = id(parts.expect(Rule::id)?);
    let text = string(parts.expect(Rule::string)?)?.node;
    Ok(Prompt { id, text })
}

fn spanned_expr(pair: Pair<Rule>) -> Lowered<Spanned<Expr>> {
    let span = span_of(&pair);
    Ok(Spanned {
        node: expr(pair)?,
        span,
    })
}

fn expr(pair: Pair<Rule>) -> Lowered<Expr> {
    let mut alternatives = parts(pair).map(and_expr).collect::<Lowered<Vec<_>>>()?;
    Ok(if alternatives.len() == 1 {
        alternatives.remove(0)
    } else {
        Expr::Or(alternatives)
    })
}

fn and_expr(pair: Pair<Rule>) -> Lowered<Expr> {
    let mut all = parts(pair).map(not_expr).collect::<Lowered<Vec<_>>>()?;
    Ok(if all.len() == 1 {
        all.remove(0)
    } else {
        Expr::And(all)
    })
}

fn not_expr(pair: Pair<Rule>) -> Lowered<Expr> {
    let inner = first(pair, "an empty filter")?;
    match inner.as_rule() {
        Rule::negation => Ok(Expr::Not(Box::new(not_expr(parts_one(
            inner,
            Rule::not_expr,
        )?)?))),
        Rule::expr => expr(inner),
        Rule::comparison => comparison(inner),
        Rule::membership => membership(inner),
        _ => unexpected(&inner),
    }
}

fn comparison(pair: Pair<Rule>) -> Lowered<Expr> {
    let mut parts = parts(pair);
    let field = field_ref(parts.expect(Rule::field_ref)?)?;
    let op = match parts.expect(Rule::compare_op)?.as_str() {
        "=" => CompareOp::Eq,
        "!=" => CompareOp::Ne,
        "<" => CompareOp::Lt,
        "<=" => CompareOp::Le,
        ">" => CompareOp::Gt,
        ">=" => CompareOp::Ge,
        other => return Err(SyntaxError::internal(format!("unknown operator {other}"))),
    };
    let value = value(parts.expect(Rule::value)?)?;
    Ok(Expr::Compare { field, op, value })
}

fn membership(pair: Pair<Rule>) -> Lowered<Expr> {
    let mut parts = parts(pair);
    let field = field_ref(parts.expect(Rule::field_ref)?)?;
    let negated = parts.peek_is(Rule::not_in);
    if negated {
        parts.expect(Rule::not_in)?;
    }
    let values = parts.map(value).collect::<Lowered<_>>()?;
    Ok(Expr::In {
        field,
        negated,
        values,
    })
}

fn field_ref(pair: Pair<Rule>) -> Lowered<Name> {
    Ok(name(parts_one(pair, Rule::name)?))
}

fn value(pair: Pair<Rule>) -> Lowered<Spanned<Literal>> {
    let span = span_of(&pair);
    let inner = first(pair, "an empty value")?;
    let node = match inner.as_rule() {
        Rule::whole => Literal::Whole(i64::from(whole(inner)?.node)),
        Rule::name => Literal::Word(inner.as_str().to_string()),
        _ => return unexpected(&inner),
    };
    Ok(Spanned { node, span })
}

fn overall(pair: Pair<Rule>) -> Lowered<Overall> {
    let span = span_of(&pair);
    let mut overall = Overall {
        span,
        score_at: span,
        weights: vec![],
        unrated: None,
        of_maximum: false,
        of_maximum_at: None,
        bands: vec![],
        limiters: vec![],
    };
    for pair in parts(pair) {
        match pair.as_rule() {
            Rule::score_rule => overall.score_at = span_of(&pair),
            Rule::weight => overall.weights.push(weight(pair)?),
            Rule::unrated_rule => {
                let span = span_of(&pair);
                let choice = first(pair, "an empty unrated rule")?;
                let node = match choice.as_rule() {
                    Rule::scores_zero => UnratedRule::ScoresZero,
                    Rule::leaves_maximum => UnratedRule::LeftOutOfMaximum,
                    _ => return unexpected(&choice),
                };
                overall.unrated = Some(Spanned { node, span });
            }
            Rule::of_maximum => {
                overall.of_maximum = true;
                overall.of_maximum_at = Some(span_of(&pair));
            }
            Rule::overall_band => {
                let mut parts = parts(pair);
                let range = range(parts.next_or("a band without a range")?)?;
                let label = label(parts.expect(Rule::label)?)?;
                overall.bands.push(OverallBand { range, label });
            }
            Rule::at_most | Rule::only_when => overall.limiters.push(limiter(pair)?),
            _ => return unexpected(&pair),
        }
    }
    Ok(overall)
}

fn weight(pair: Pair<Rule>) -> Lowered<Weight> {
    let span = span_of(&pair);
    let mut parts = parts(pair);
    let factor = whole(parts.expect(Rule::whole)?)?;
    let target_pair = parts.next_or("a weight without a target")?;
    let rule = target_pair.as_rule();
    let target_id = id(parts_one(target_pair, Rule::id)?);
    let target = match rule {
        Rule::weight_domain => WeightTarget::Domain(target_id),
        Rule::weight_standard => WeightTarget::Standard(target_id),
        _ => return Err(SyntaxError::internal(format!("{rule:?} is not a weight"))),
    };
    Ok(Weight {
        factor,
        target,
        span,
    })
}

fn limiter(pair: Pair<Rule>) -> Lowered<Limiter> {
    let span = span_of(&pair);
    let kind = match pair.as_rule() {
        Rule::at_most => LimiterKind::AtMost,
        _ => LimiterKind::OnlyWhen,
    };
    let mut parts = parts(pair);
    let rating = label(parts.expect(Rule::label)?)?;
    let clauses = self::parts(parts.expect(Rule::condition)?)
        .map(clause)
        .collect::<Lowered<_>>()?;
    Ok(Limiter {
        kind,
        rating,
        clauses,
        span,
    })
}

fn clause(pair: Pair<Rule>) -> Lowered<Clause> {
    let mut parts = parts(pair);
    let quantity_pair = parts.next_or("a clause without a count")?;
    let quantity = Spanned {
        span: span_of(&quantity_pair),
        node: match quantity_pair.as_rule() {
            Rule::any_standard => Quantity::Any,
            Rule::no_standard | Rule::none => Quantity::No,
            Rule::at_least => {
                Quantity::AtLeast(whole(parts_one(quantity_pair, Rule::whole)?)?.node)
            }
            _ => return unexpected(&quantity_pair),
        },
    };
    let mut domain = None;
    if parts.peek_is(Rule::in_domain) {
        domain = Some(id(parts_one(parts.expect(Rule::in_domain)?, Rule::id)?));
    }
    let test = rating_test(parts.expect(Rule::rating_test)?)?;
    Ok(Clause {
        quantity,
        domain,
        test,
    })
}

fn rating_test(pair: Pair<Rule>) -> Lowered<RatingTest> {
    let mut parts = parts(pair);
    let first = parts.next_or("an empty rating test")?;
    Ok(match first.as_rule() {
        Rule::below_test => RatingTest {
            label: label(parts_one(first, Rule::label)?)?,
            relation: Relation::Below,
        },
        Rule::above_test => RatingTest {
            label: label(parts_one(first, Rule::label)?)?,
            relation: Relation::Above,
        },
        Rule::label => RatingTest {
            label: label(first)?,
            relation: match parts.next().map(|p| p.as_rule()) {
                None => Relation::Exactly,
                Some(Rule::or_below) => Relation::OrBelow,
                Some(Rule::or_above) => Relation::OrAbove,
                Some(other) => {
                    return Err(SyntaxError::internal(format!("{other:?} in a rating test")));
                }
            },
        },
        _ => return unexpected(&first),
    })
}

fn id(pair: Pair<Rule>) -> Name {
    name(pair)
}

fn name(pair: Pair<Rule>) -> Name {
    Spanned {
        node: pair.as_str().to_string(),
        span: span_of(&pair),
    }
}

fn label(pair: Pair<Rule>) -> Lowered<Name> {
    let span = span_of(&pair);
    let inner = first(pair, "an empty label")?;
    let node = match inner.as_rule() {
        Rule::string => string(inner)?.node,
        Rule::name => inner.as_str().to_string(),
        _ => return unexpected(&inner),
    };
    Ok(Spanned { node, span })
}

fn string(pair: Pair<Rule>) -> Lowered<Spanned<String>> {
    let span = span_of(&pair);
    let text = parts_one(pair, Rule::text)?;
    let node = unescape(text.as_str()).map_err(|code| SyntaxError::NotACharacter {
        code: code.to_string(),
        at: span,
    })?;
    Ok(Spanned { node, span })
}

/// A quoted text's content with `\"` and `\\` read as `"` and `\`, and `\u{…}` as the
/// character with that hexadecimal code: the text [`super::print::quoted`] writes, read back.
/// A code that names no character (above 10FFFF, or a UTF-16 surrogate), or any other escape
/// (which the grammar never lets through, but a snapshot read back may hold), is given back
/// as the error.
pub(crate) fn unescape(text: &str) -> Result<String, &str> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let escape = &rest[at + 1..];
        if let Some(code) = escape.strip_prefix("u{") {
            let end = code.find('}').unwrap_or(code.len());
            let hex = &code[..end];
            let c = u32::from_str_radix(hex, 16)
                .ok()
                .and_then(char::from_u32)
                .ok_or(hex)?;
            out.push(c);
            rest = code.get(end + 1..).unwrap_or("");
        } else if let Some(c @ ('"' | '\\')) = escape.chars().next() {
            out.push(c);
            rest = &escape[1..];
        } else {
            let end = escape.chars().next().map_or(0, char::len_utf8);
            return Err(&escape[..end]);
        }
    }
    out.push_str(rest);
    Ok(out)
}

fn whole(pair: Pair<Rule>) -> Lowered<Spanned<u32>> {
    let span = span_of(&pair);
    pair.as_str()
        .parse()
        .map(|node| Spanned { node, span })
        .map_err(|_| SyntaxError::too_large(pair.as_str(), span))
}

#[cfg(test)]
mod tests {
    use super::unescape;

    #[test]
    fn escapes_in_quoted_texts() {
        assert_eq!(
            unescape(r#"the \"lowest\" key question"#).unwrap(),
            r#"the "lowest" key question"#
        );
        assert_eq!(unescape(r"a\\b").unwrap(), r"a\b");
        assert_eq!(
            unescape(r#"ends in a backslash \\"#).unwrap(),
            r"ends in a backslash \"
        );
        assert_eq!(unescape(r#"\\\""#).unwrap(), r#"\""#);
    }

    #[test]
    fn a_character_written_by_its_code() {
        assert_eq!(
            unescape(r"Right\u{200f}to left").unwrap(),
            "Right\u{200f}to left"
        );
        assert_eq!(unescape(r"\u{1F600}\\u{41}").unwrap(), "\u{1F600}\\u{41}");
        assert_eq!(unescape(r"a \u{D800} b"), Err("D800"));
        assert_eq!(unescape(r"\u{110000}"), Err("110000"));
        assert_eq!(unescape(r"line\nbreak"), Err("n"));
    }
}
