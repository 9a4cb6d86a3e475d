//! The words of the rule language, written once: every reserved word (the grammar's `kw_`
//! rules), the phrases that begin a section, and those that begin a line inside one. The
//! printer quotes a label that is a reserved word, so that it reads back as a label; a syntax
//! error resumes at a word that begins a section; the language server completes the phrases.
//! A test holds these lists to the grammar, so a word added there is added here.
//!
//! Nothing here parses or prints.

/// Every reserved word of the language, in alphabetical order.
pub const RESERVED: &[&str] = &[
    "above",
    "add",
    "an",
    "and",
    "answers",
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
    "case-based",
    "cells",
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
    "group",
    "half",
    "in",
    "is",
    "judged",
    "left",
    "lowest",
    "maximum",
    "may",
    "mean",
    "measure",
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
    "pooled",
    "prompt",
    "question",
    "questions",
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
    "statement",
    "sum",
    "suppress",
    "text",
    "the",
    "title",
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

/// The phrases that begin a file: its header and the base a variant is written on.
pub const HEADER_PHRASES: &[&str] = &["framework", "based on"];

/// The phrases that begin a section of a rule file, or a variant's edit.
pub const SECTION_PHRASES: &[&str] = &[
    "scale",
    "case fields",
    "bands",
    "discretion",
    "domain",
    "overall",
    "group",
    "measure",
    "suppress cells below",
    "replace",
    "remove",
    "add to",
    "every case-based standard",
];

/// The phrases that begin a line inside a section.
pub const LINE_PHRASES: &[&str] = &[
    "standard",
    "question",
    "prompt",
    "sample where",
    "rated by lowest question using",
    "rated by mean of questions using",
    "rated by pooled answers using",
    "judged",
    "percent rounded half up to whole",
    "near boundary within",
    "one case changes rating",
    "moves at most 1 band",
    "score is sum of standard scores",
    "at most",
];

/// Whether `word` is a reserved word, which a bare label must not be.
pub fn is_reserved(word: &str) -> bool {
    RESERVED.binary_search(&word).is_ok()
}

/// Whether `word` begins a section (or a variant's `based on`): where reading resumes after a
/// syntax error, and what the parser names when it meets one too early.
pub fn begins_a_section(word: &str) -> bool {
    SECTION_PHRASES
        .iter()
        .chain(&["based on"])
        .any(|phrase| phrase.split(' ').next() == Some(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The grammar's keyword rules, read from the grammar itself.
    fn grammar_keywords() -> Vec<String> {
        let grammar = include_str!("../../grammar/ratebook.pest");
        let mut words: Vec<String> = grammar
            .lines()
            .filter(|line| line.starts_with("kw_"))
            .filter_map(|line| line.split('"').nth(1).map(str::to_string))
            .collect();
        words.sort();
        words
    }

    #[test]
    fn the_reserved_words_are_the_grammars_keywords() {
        let listed: Vec<String> = RESERVED.iter().map(|w| w.to_string()).collect();
        assert_eq!(listed, grammar_keywords());
    }

    #[test]
    fn every_phrase_is_made_of_reserved_words_and_numbers() {
        for phrase in HEADER_PHRASES
            .iter()
            .chain(SECTION_PHRASES)
            .chain(LINE_PHRASES)
        {
            for word in phrase.split(' ') {
                assert!(
                    is_reserved(word) || word.parse::<u32>().is_ok(),
                    "`{word}` in `{phrase}` is not a keyword of the grammar"
                );
            }
        }
    }

    #[test]
    fn sections_begin_with_their_first_word() {
        assert!(begins_a_section("scale") && begins_a_section("every"));
        assert!(begins_a_section("based") && !begins_a_section("framework"));
        assert!(!begins_a_section("standard"));
    }
}
