//! Syntax stage: pest pairs → typed syntax tree ([`super::tree`]).
//!
//! One function per grammar rule, each taking that rule's pair. The grammar guarantees the
//! shape of what arrives here; where Rust cannot see that, a mismatch becomes an internal
//! diagnostic ("this is a bug") rather than a panic.

use pest::iterators::{Pair, Pairs};

use super::error::SyntaxError;
use super::parser::Rule;
use super::tree::*;

type Lowered<T> = Result<T, SyntaxError>;

fn span_of(pair: &Pair<Rule>) -> Span {
    let s = pair.as_span();
    Span {
        start: s.start(),
        end: s.end(),
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

fn unexpected<T>(pair: &Pair<Rule>) -> Lowered<T> {
    Err(SyntaxError::internal(format!(
        "unexpected {:?} in the parse tree",
        pair.as_rule()
    )))
}

pub fn file(pair: Pair<Rule>) -> Lowered<RuleFile> {
    let mut parts = parts(pair);
    let (name, version) = header(parts.expect(Rule::header)?)?;
    let mut file = RuleFile {
        name,
        version,
        scales: vec![],
        field_lists: vec![],
        band_sets: vec![],
        discretions: vec![],
        domains: vec![],
        overalls: vec![],
    };
    for pair in parts {
        match pair.as_rule() {
            Rule::scale => file.scales.push(scale(pair)?),
            Rule::case_fields => file.field_lists.push(case_fields(pair)?),
            Rule::bands => file.band_sets.push(bands(pair)?),
            Rule::discretion => file.discretions.push(discretion(pair)?),
            Rule::domain => file.domains.push(domain(pair)?),
            Rule::overall => file.overalls.push(overall(pair)?),
            Rule::EOI => {}
            _ => return unexpected(&pair),
        }
    }
    Ok(file)
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
    let kind_pair = parts
        .next()
        .ok_or_else(|| SyntaxError::internal("a field without a type".into()))?;
    let kind = match kind_pair.as_rule() {
        Rule::number_type => FieldKind::Number,
        Rule::yes_no_type => FieldKind::YesNo,
        Rule::choice_type => FieldKind::Choice(parts_names(kind_pair)),
        _ => return unexpected(&kind_pair),
    };
    Ok(Field {
        name,
        kind,
        optional,
    })
}

fn parts_names(pair: Pair<Rule>) -> Vec<Name> {
    parts(pair).map(name).collect()
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
    let rounding = rounding(parts.expect(Rule::rounding)?)?;
    let mut banded_on_exact = false;
    let mut bands = vec![];
    for pair in parts {
        match pair.as_rule() {
            Rule::banded_exact => banded_on_exact = true,
            Rule::band => bands.push(band(pair)?),
            _ => return unexpected(&pair),
        }
    }
    Ok(BandSet {
        name: set_name,
        title,
        span,
        rounding,
        banded_on_exact,
        bands,
    })
}

fn rounding(pair: Pair<Rule>) -> Lowered<Rounding> {
    let mode = parts(pair).expect(Rule::rounding_mode)?;
    let choice = parts(mode)
        .next()
        .ok_or_else(|| SyntaxError::internal("a rounding without a mode".into()))?;
    match choice.as_rule() {
        Rule::half_up => Ok(Rounding::HalfUp),
        Rule::half_even => Ok(Rounding::HalfEven),
        Rule::down => Ok(Rounding::Down),
        _ => unexpected(&choice),
    }
}

fn band(pair: Pair<Rule>) -> Lowered<Band> {
    let mut parts = parts(pair);
    let range = range(
        parts
            .next()
            .ok_or_else(|| SyntaxError::internal("a band without a range".into()))?,
    )?;
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
    })
}

fn parts_one(pair: Pair<Rule>, rule: Rule) -> Lowered<Pair<Rule>> {
    parts(pair).expect(rule)
}

fn standard(pair: Pair<Rule>) -> Lowered<Standard> {
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
        questions: vec![],
    };
    for pair in parts {
        match pair.as_rule() {
            Rule::judged => standard.method = Method::Judged,
            Rule::rated_by => standard.method = rated_by(pair)?,
            Rule::not_scored => standard.not_scored = true,
            Rule::may_be_unrated => standard.may_be_unrated = true,
            Rule::statement => {
                standard.statement = Some(string(parts_one(pair, Rule::string)?)?.node)
            }
            Rule::question => standard.questions.push(question(pair)?),
            _ => return unexpected(&pair),
        }
    }
    Ok(standard)
}

fn rated_by(pair: Pair<Rule>) -> Lowered<Method> {
    let mut parts = parts(pair);
    let aggregation = name(parts.expect(Rule::name)?);
    let bands = name(parts.expect(Rule::name)?);
    Ok(Method::RatedBy { aggregation, bands })
}

fn question(pair: Pair<Rule>) -> Lowered<Question> {
    let mut parts = parts(pair);
    let id = id(parts.expect(Rule::id)?);
    let text = string(parts.expect(Rule::string)?)?.node;
    let mut question = Question {
        id,
        text,
        sample: None,
        prompts: vec![],
    };
    for pair in parts {
        match pair.as_rule() {
            Rule::sample => question.sample = Some(spanned_expr(parts_one(pair, Rule::expr)?)?),
            Rule::prompt => {
                let mut parts = self::parts(pair);
                let prompt_id = self::id(parts.expect(Rule::id)?);
                let text = string(parts.expect(Rule::string)?)?.node;
                question.prompts.push(Prompt {
                    id: prompt_id,
                    text,
                });
            }
            _ => return unexpected(&pair),
        }
    }
    Ok(question)
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
    let inner = parts(pair)
        .next()
        .ok_or_else(|| SyntaxError::internal("an empty filter".into()))?;
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
    let inner = parts(pair)
        .next()
        .ok_or_else(|| SyntaxError::internal("an empty value".into()))?;
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
        unrated: None,
        bands: vec![],
    };
    for pair in parts(pair) {
        match pair.as_rule() {
            Rule::score_rule => {}
            Rule::unrated_rule => {
                let span = span_of(&pair);
                let choice = parts(pair)
                    .next()
                    .ok_or_else(|| SyntaxError::internal("an empty unrated rule".into()))?;
                let node = match choice.as_rule() {
                    Rule::scores_zero => UnratedRule::ScoresZero,
                    Rule::leaves_maximum => UnratedRule::LeftOutOfMaximum,
                    _ => return unexpected(&choice),
                };
                overall.unrated = Some(Spanned { node, span });
            }
            Rule::overall_band => {
                let mut parts = parts(pair);
                let range = range(
                    parts
                        .next()
                        .ok_or_else(|| SyntaxError::internal("a band without a range".into()))?,
                )?;
                let label = label(parts.expect(Rule::label)?)?;
                overall.bands.push(OverallBand { range, label });
            }
            _ => return unexpected(&pair),
        }
    }
    Ok(overall)
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
    let inner = parts(pair)
        .next()
        .ok_or_else(|| SyntaxError::internal("an empty label".into()))?;
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
    Ok(Spanned {
        node: unescape(text.as_str()),
        span,
    })
}

/// A quoted text's content with `\"` and `\\` read as `"` and `\` (the grammar allows no other
/// escapes).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
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
            unescape(r#"the \"lowest\" key question"#),
            r#"the "lowest" key question"#
        );
        assert_eq!(unescape(r"a\\b"), r"a\b");
        assert_eq!(
            unescape(r#"ends in a backslash \\"#),
            r"ends in a backslash \"
        );
        assert_eq!(unescape(r#"\\\""#), r#"\""#);
    }
}
