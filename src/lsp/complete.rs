//! Completion: what may be written where the cursor stands, read from the words before it on
//! its line. After `using`, the band sets; in a filter, the fields, and after a field and
//! `=`, `!=` or `in [`, that field's values; after `at most`, `is` or `are`, the scale's
//! labels; after `remove`, `replace` or `add to` and a kind of item, the ids of that kind;
//! elsewhere, the words that begin a section or a line.
//!
//! Never reads a file.

use lsp_types::{CompletionItem, CompletionItemKind};

use super::index::{Index, Kind};

/// What may be written after `before`, the text of the line up to the cursor.
pub fn complete(
    before: &str,
    index: &Index,
    field_kinds: &[(String, bool)],
) -> Vec<CompletionItem> {
    let words: Vec<&str> = before.split_whitespace().collect();
    let ends_in_space = before.ends_with(char::is_whitespace) || before.ends_with('[');
    // The nth whole word back from the cursor (0: the last), leaving out a word being typed.
    let last = |n: usize| -> Option<&str> {
        let skip = if ends_in_space { 0 } else { 1 };
        let i = words.len().checked_sub(n + 1 + skip)?;
        words.get(i).copied()
    };
    let item = |label: &str, kind| CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        ..CompletionItem::default()
    };
    let names = |kind: Kind, as_kind| -> Vec<CompletionItem> {
        index
            .names(kind)
            .into_iter()
            .map(|n| item(n, as_kind))
            .collect()
    };

    // `using BANDS`
    if last(0) == Some("using") {
        return names(Kind::Bands, CompletionItemKind::ENUM);
    }
    // A field's values: `rosh in [`, `rosh != `, `rosh in [low, `.
    if let Some(field) = field_before_values(before) {
        let prefix = format!("{field}.");
        let mut values: Vec<CompletionItem> = index
            .names(Kind::Value)
            .into_iter()
            .filter_map(|n| n.strip_prefix(&prefix))
            .map(|v| item(v, CompletionItemKind::ENUM_MEMBER))
            .collect();
        if field_kinds.iter().any(|(f, yes_no)| f == field && *yes_no) {
            values.extend(["yes", "no"].map(|v| item(v, CompletionItemKind::ENUM_MEMBER)));
        }
        return values;
    }
    // A field at the start of a condition.
    if matches!(last(0), Some("where" | "and" | "or" | "not" | "(")) {
        return names(Kind::Field, CompletionItemKind::FIELD);
    }
    // A rating label.
    let after_most = last(1) == Some("at") && last(0) == Some("most");
    if after_most || matches!(last(0), Some("is" | "are" | "below" | "above")) {
        return names(Kind::Label, CompletionItemKind::ENUM_MEMBER);
    }
    // The id of an item a variant edits.
    let editing = matches!(last(1), Some("remove" | "replace" | "to" | "of"))
        || (last(2) == Some("add") && last(1) == Some("to"));
    if editing {
        let kind = match last(0) {
            Some("domain") => Some(Kind::Domain),
            Some("standard") => Some(Kind::Standard),
            Some("question") => Some(Kind::Question),
            Some("prompt") => Some(Kind::Prompt),
            Some("bands") => Some(Kind::Bands),
            Some("group") => Some(Kind::Grouping),
            Some("measure") => Some(Kind::Measure),
            _ => None,
        };
        if let Some(kind) = kind {
            return names(kind, CompletionItemKind::REFERENCE);
        }
    }
    let at_margin = !before.starts_with(char::is_whitespace);
    use crate::syntax::keywords::{HEADER_PHRASES, LINE_PHRASES, SECTION_PHRASES};
    let list: Vec<&str> = if at_margin {
        SECTION_PHRASES
            .iter()
            .chain(HEADER_PHRASES)
            .copied()
            .collect()
    } else {
        LINE_PHRASES.to_vec()
    };
    list.iter()
        .map(|w| item(w, CompletionItemKind::KEYWORD))
        .collect()
}

/// The field whose values may be written at the end of `before`: the word before `in [` (and
/// any values already there), `=`, `!=`, `<`, `>` and the like.
fn field_before_values(before: &str) -> Option<&str> {
    let trimmed = before.trim_end();
    // Inside an open `[ … `.
    if let Some(open) = trimmed.rfind('[')
        && !trimmed[open..].contains(']')
    {
        let head = trimmed[..open].trim_end();
        let head = head.strip_suffix("in")?.trim_end();
        let head = head.strip_suffix("not").unwrap_or(head).trim_end();
        return head.rsplit(|c: char| c.is_whitespace() || c == '(').next();
    }
    let partial_word = !before.ends_with(char::is_whitespace);
    let mut words: Vec<&str> = trimmed.split_whitespace().collect();
    if partial_word {
        words.pop();
    }
    match words.as_slice() {
        [.., field, "=" | "!=" | "<" | ">" | "<=" | ">="] => Some(field.trim_start_matches('(')),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{complete, field_before_values};
    use crate::lsp::index::Index;

    fn offered(before: &str) -> Vec<String> {
        let text = crate::syntax::parse(include_str!("../../rules/hmip-youth-2019.rules"))
            .expect("the bundled ruleset reads");
        let index = Index::of_text(&text);
        let yes_no = vec![("looked_after".to_string(), true)];
        complete(before, &index, &yes_no)
            .into_iter()
            .map(|i| i.label)
            .collect()
    }

    #[test]
    fn each_place_offers_what_may_stand_there() {
        assert_eq!(
            offered("  standard 2.5 \"X\" rated by lowest question using "),
            ["sufficiency"]
        );
        assert_eq!(
            offered("  at most "),
            ["Inadequate", "Requires improvement", "Good", "Outstanding"]
        );
        assert!(offered("remove standard ").contains(&"3.4".to_string()));
        assert!(offered("replace text of question ").contains(&"2.1.1".to_string()));
        assert!(offered("      sample where ").contains(&"rosh".to_string()));
        assert_eq!(offered("      sample where looked_after = "), ["yes", "no"]);
        assert!(offered("dom").contains(&"domain".to_string()));
        assert!(offered("    ques").contains(&"question".to_string()));
    }

    #[test]
    fn the_field_before_its_values_is_found() {
        assert_eq!(
            field_before_values("  sample where rosh in ["),
            Some("rosh")
        );
        assert_eq!(
            field_before_values("where (rosh not in [low, "),
            Some("rosh")
        );
        assert_eq!(field_before_values("where disposal = cu"), Some("disposal"));
        assert_eq!(field_before_values("where disposal"), None);
        assert_eq!(field_before_values("where rosh in [low] and "), None);
    }
}
