//! Syntax stage, errors: what the parser could not read, in plain words.
//!
//! pest reports the grammar rules it expected; users never see those names. Each rule is
//! translated into words a methodology officer would use ("a quoted text", "`and above`").

// Each diagnostic is documented by its message and its help, which name its fields; the
// fields are not documented one by one.
#![allow(missing_docs)]

use miette::Diagnostic;
use thiserror::Error;

use super::parser::Rule;
use super::tree::Span;

#[derive(Debug, Error, Diagnostic)]
#[non_exhaustive]
pub enum SyntaxError {
    #[error("the rule file cannot be read here: expected {expected}")]
    #[diagnostic(code(ratebook::syntax::unexpected), help("{help}"))]
    Unexpected {
        expected: String,
        help: String,
        #[label("{found}")]
        at: Span,
        found: String,
    },

    #[error("{message}")]
    #[diagnostic(code(ratebook::syntax::unclosed_block), help("{help}"))]
    UnclosedBlock {
        message: String,
        help: String,
        label: String,
        #[label("{label}")]
        at: Span,
        #[label("opened here")]
        opened: Span,
    },

    #[error("{message}")]
    #[diagnostic(code(ratebook::syntax::extra_brace), help("{help}"))]
    ExtraBrace {
        message: String,
        help: String,
        label: String,
        #[label("{label}")]
        at: Span,
        #[label("this `}}` closes it")]
        closed: Option<Span>,
    },

    #[error("{message}")]
    #[diagnostic(code(ratebook::syntax::slip), help("{help}"))]
    Slip {
        message: String,
        help: String,
        label: String,
        #[label("{label}")]
        at: Span,
    },

    #[error("the number {text} is too large")]
    #[diagnostic(
        code(ratebook::syntax::number_too_large),
        help("numbers in rule files are whole numbers below 4294967296")
    )]
    TooLarge {
        text: String,
        #[label("too large")]
        at: Span,
    },

    #[error("\\u{{{code}}} in this text is not a character")]
    #[diagnostic(
        code(ratebook::syntax::not_a_character),
        help(
            "\\u{{…}} writes a character by its hexadecimal code, from 0 to 10FFFF (D800 to DFFF are not characters); check the code"
        )
    )]
    NotACharacter {
        code: String,
        #[label("in this text")]
        at: Span,
    },

    #[error("a filter nests more than {limit} {what} deep")]
    #[diagnostic(
        code(ratebook::syntax::too_deep),
        help(
            "write the filter with fewer parentheses (and, or and not read without them), or split it across a domain's population and a key question's sample"
        )
    )]
    TooDeep {
        what: &'static str,
        limit: usize,
        #[label("nested too deep here")]
        at: Span,
    },

    #[error("internal error while reading the rule file: {0}")]
    #[diagnostic(
        code(ratebook::syntax::internal),
        help("this is a bug in ratebook, not in your rule file; please report it with the file")
    )]
    Internal(String),
}

impl SyntaxError {
    pub(crate) fn internal(message: String) -> Self {
        SyntaxError::Internal(message)
    }

    pub(crate) fn too_large(text: &str, at: Span) -> Self {
        SyntaxError::TooLarge {
            text: text.to_string(),
            at,
        }
    }

    /// Translate a pest failure into plain words, pointing at where reading stopped. The
    /// parser read `source` (the whole file's text) from `from`; the file's first byte stands
    /// at `file_start` among the files loaded together.
    pub(crate) fn from_pest(
        error: pest::error::Error<Rule>,
        source: &str,
        from: usize,
        file_start: usize,
    ) -> Self {
        let start = from
            + match error.location {
                pest::error::InputLocation::Pos(p) => p,
                pest::error::InputLocation::Span((s, _)) => s,
            };
        let expected = match &error.variant {
            pest::error::ErrorVariant::ParsingError { positives, .. } => {
                let mut words: Vec<String> = positives.iter().map(|r| describe(*r)).collect();
                words.sort();
                words.dedup();
                one_of(&words)
            }
            pest::error::ErrorVariant::CustomError { message } => message.clone(),
        };
        let found_text = found_at(source, start);
        if let Some(slip) = super::slips::slip(source, from, start, &expected, found_text) {
            return SyntaxError::from_slip(slip, file_start);
        }
        let end = start + found_text.len();
        let found = if found_text.is_empty() {
            "the file ends here".to_string()
        } else {
            format!("found `{}`", shortened(found_text))
        };
        let help = text_help(source, start)
            .or_else(|| list_help(source, start))
            .unwrap_or_else(|| help_for(&expected, found_text));
        SyntaxError::Unexpected {
            help,
            expected,
            at: Span {
                start: file_start + start,
                end: file_start + end,
            },
            found,
        }
    }
}

impl SyntaxError {
    fn from_slip(slip: super::slips::Slip, file_start: usize) -> Self {
        use super::slips::SlipKind;
        let span = |(start, end): (usize, usize)| Span {
            start: file_start + start,
            end: file_start + end,
        };
        let at = span(slip.at);
        match (slip.kind, slip.opened) {
            (SlipKind::Unclosed, Some(opened)) => SyntaxError::UnclosedBlock {
                message: slip.message,
                help: slip.help,
                label: slip.label,
                at,
                opened: span(opened),
            },
            (SlipKind::ExtraBrace, closed) => SyntaxError::ExtraBrace {
                message: slip.message,
                help: slip.help,
                label: slip.label,
                at,
                closed: closed.map(span),
            },
            _ => SyntaxError::Slip {
                message: slip.message,
                help: slip.help,
                label: slip.label,
                at,
            },
        }
    }
}

/// Why a text that opens at `start` cannot be read: it is not closed on its line, or it holds
/// a backslash that is not an escape. `None` when no text opens there.
fn text_help(source: &str, start: usize) -> Option<String> {
    let rest = source.get(start..)?.strip_prefix('"')?;
    let line = rest.split('\n').next().unwrap_or("");
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return None,
            '\\' => {
                let escape = chars.next();
                match (escape, unicode_escape(chars.as_str())) {
                    (Some('"') | Some('\\'), _) => {}
                    (Some('u'), Some(after)) => chars = after.chars(),
                    (other, _) => {
                        let shown = other.map_or(String::new(), String::from);
                        return Some(format!(
                            "`\\{shown}` is not an escape: inside a text, write \\\" for a quote, \\\\ for a backslash and \\u{{…}} for any character by its hexadecimal code (\\u{{200F}}); a text is one line, so write a line break as a space"
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    Some("this text is not closed: a text ends with \" on the same line it starts (texts do not run over lines)".into())
}

/// What follows a well-formed `\u{…}` escape (after its `u`), or `None`.
fn unicode_escape(after_u: &str) -> Option<&str> {
    let code = after_u.strip_prefix('{')?;
    let end = code.find('}')?;
    let hex = &code[..end];
    (!hex.is_empty() && hex.len() <= 6 && hex.chars().all(|c| c.is_ascii_hexdigit()))
        .then(|| &code[end + 1..])
}

/// Words in a `[…]` list without commas between them: `[referral_order custody]`.
fn list_help(source: &str, start: usize) -> Option<String> {
    let line_start = source.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
    let line_end = source
        .get(start..)?
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let line = source.get(line_start..line_end)?;
    let open = line.find('[')?;
    let close = line[open..].find(']')? + open;
    let inside = &line[open + 1..close];
    let words = inside.split([',', ' ']).filter(|w| !w.is_empty()).count();
    let commas = inside.matches(',').count();
    (words > commas + 1).then(|| {
        "the values in a list are separated by commas: [referral_order, custody]".to_string()
    })
}

/// The word (or symbol) at `start`, to name what the parser met.
fn found_at(source: &str, start: usize) -> &str {
    let rest = source.get(start..).unwrap_or("");
    let word_len = rest
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '.'))
        .map_or(rest.len(), |(i, _)| i);
    if word_len > 0 {
        &rest[..word_len]
    } else {
        rest.chars().next().map_or("", |c| &rest[..c.len_utf8()])
    }
}

/// A word as a diagnostic quotes it: at most 40 characters, then "…".
fn shortened(word: &str) -> String {
    match word.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &word[..cut]),
        None => word.to_string(),
    }
}

fn one_of(words: &[String]) -> String {
    match words {
        [] => "something else".to_string(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn help_for(expected: &str, found: &str) -> String {
    if found == "," && expected.contains("`optional`") {
        return "a field's values are separated by | (referral_order | custody), not commas".into();
    }
    if super::keywords::begins_a_section(found) && !expected.contains("a section") {
        return format!(
            "`{found}` begins a new section, but a block above is still open: close the domain, standard or key question above with }}"
        );
    }
    if found == "'" || found == "“" || found == "”" {
        return "texts and labels with spaces are written in straight double quotes: \"Requires improvement\"".to_string();
    }
    if expected.contains("a section") {
        return "a rule file continues with sections: scale { … }, case fields { … }, bands NAME { … }, discretion { … }, domain ID \"Title\" { … }, overall { … }; a variant also with replace …, remove …, add to … and every case-based standard …".to_string();
    }
    if expected.contains('}') {
        return "check the line above for a missing word or quote, or close the block with }"
            .to_string();
    }
    format!("write {expected} here; the README's tour of the rule language shows each statement")
}

/// Plain words for a grammar rule, as a user would name what belongs there.
fn describe(rule: Rule) -> String {
    let name = format!("{rule:?}");
    if let Some(keyword) = name.strip_prefix("kw_") {
        return format!("`{keyword}`");
    }
    let words = match rule {
        Rule::EOI => "the end of the file",
        Rule::header => "`framework \"Name\" version \"…\"`",
        Rule::scale
        | Rule::case_fields
        | Rule::bands
        | Rule::discretion
        | Rule::domain
        | Rule::overall
        | Rule::based_on
        | Rule::replace
        | Rule::remove
        | Rule::add_to
        | Rule::every
        | Rule::grouping
        | Rule::measure
        | Rule::suppress => "a section",
        Rule::group => "a group (LABEL = values, such as \"15–16\" = 15 to 16, or Low = low)",
        Rule::scale_entry => "a rating label with its score (Good = 2)",
        Rule::label => "a rating label",
        Rule::field => "a case field (name: type)",
        Rule::number_type | Rule::yes_no_type | Rule::choice_type | Rule::choice => {
            "a field type (number, yes or no, or choices a | b)"
        }
        Rule::rounding => "the rounding rule (percent rounded half up to whole)",
        Rule::rounding_mode | Rule::half_up | Rule::half_even | Rule::down => {
            "a rounding mode (half up, half even or down)"
        }
        Rule::banded_exact => "`bands apply to exact percent`",
        Rule::band | Rule::overall_band => "a band (a range and a rating label)",
        Rule::below | Rule::and_above | Rule::from_to | Rule::single => {
            "a range (below 50, 50 to 64, 65 to below 80, 80 and above)"
        }
        Rule::below_mark => "`below`",
        Rule::near_boundary | Rule::one_case | Rule::small_sample | Rule::moves => {
            "a discretion rule"
        }
        Rule::population | Rule::sample => "`where` and a filter",
        Rule::standard => "a standard",
        Rule::judged | Rule::rated_by => {
            "how the standard is rated (judged, or rated by lowest question using BANDS)"
        }
        Rule::aggregation => {
            "a way to rate a standard (lowest question, mean of questions, pooled answers)"
        }
        Rule::remove_domain
        | Rule::remove_standard
        | Rule::remove_question
        | Rule::remove_prompt
        | Rule::remove_bands
        | Rule::remove_discretion
        | Rule::remove_group
        | Rule::remove_measure => {
            "what to remove (domain ID, standard ID, question ID, prompt ID, bands NAME, discretion, group NAME, measure NAME)"
        }
        Rule::add_to_domain
        | Rule::add_to_standard
        | Rule::add_to_question
        | Rule::add_to_overall => {
            "`domain ID { … }`, `standard ID { … }`, `question ID { … }` or `overall { … }` after `add to`"
        }
        Rule::rewording | Rule::reworded_part => {
            "what to reword (title of standard ID \"…\", statement of standard ID \"…\", text of question ID \"…\")"
        }
        Rule::reworded_item => "`domain`, `standard`, `question` or `prompt`",
        Rule::in_domain => "`in domain ID`",
        Rule::weight | Rule::weight_domain | Rule::weight_standard => {
            "a weight (weight 2 for domain 2, weight 2 for standard 2.1)"
        }
        Rule::of_maximum => "`bands apply to percent of the maximum`",
        Rule::at_most | Rule::only_when => "a limiter (at most LABEL when …, or LABEL only when …)",
        Rule::condition | Rule::clause => {
            "a condition on standards (any standard is Inadequate, 2 or more standards are Good or below)"
        }
        Rule::any_standard | Rule::no_standard | Rule::none | Rule::at_least => {
            "a count of standards (any standard, no standard, none, 2 or more standards)"
        }
        Rule::rating_test | Rule::below_test | Rule::above_test => {
            "a rating (Good, Good or below, Good or above, below Good, above Good)"
        }
        Rule::or_below | Rule::or_above => "`or below` or `or above`",
        Rule::not_scored | Rule::may_be_unrated => "`not scored` or `may be unrated`",
        Rule::statement => "the standard's statement in quotes",
        Rule::question => "a key question",
        Rule::prompt => "a prompt",
        Rule::expr | Rule::and_expr | Rule::not_expr | Rule::negation => "a filter",
        Rule::comparison | Rule::membership => "a comparison (field = value, field in [a, b])",
        Rule::not_in => "`not`",
        Rule::compare_op => "a comparison (=, !=, <, <=, >, >=, in)",
        Rule::field_ref => "a case field name",
        Rule::value => "a value",
        Rule::score_rule => "`score is sum of standard scores`",
        Rule::unrated_rule => {
            "`an unrated standard scores 0` or `an unrated standard is left out of the maximum`"
        }
        Rule::scores_zero | Rule::leaves_maximum => "what an unrated standard does to the score",
        Rule::id => "an id such as 2.1 or 2.1.3",
        Rule::name => "a name",
        Rule::whole => "a whole number",
        Rule::string | Rule::text => "a text in double quotes",
        _ => "something else",
    };
    words.to_string()
}
