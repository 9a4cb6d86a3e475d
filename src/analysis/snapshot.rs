//! Rating snapshots: every rating of a set of inspections under one ruleset, as a plain-text
//! file a methodology team keeps in version control beside its rules, and the differences
//! between a stored snapshot and the ratings now, by inspection and item.
//!
//! The file is one block per inspection, one line per item (overall, each standard, each key
//! question), the item's id first:
//!
//! ```text
//! inspection examples/inspection.toml
//!   provider  Example Youth Offending Team
//!   overall   Good, score 24 of 36
//!   2.1       Good
//!   2.1.1     77%, 17 of 22 answered
//! ```
//!
//! Lines starting with `#` are comments and are not compared.
//!
//! Texts from inputs (a provider's name, an inspection's path) are kept exactly: one that
//! begins or ends with a space, begins with `"`, or holds a line break or another control
//! character is written in double quotes as a rule file writes a text (`\"`, `\\`, and
//! `\u{a}` for a line break), and read back to the same text. So no text can start a line of its own, and a
//! snapshot compares equal to itself for any provider.

use crate::columns::align;
use crate::framework::Scale;
use crate::rate::{InspectionResult, QuestionResult, Refusal, StandardResult};
use crate::terminal::{is_unsafe, one_line};

/// One inspection's entry: its source path and its items in order, as (id, value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The inspection file, as named.
    pub source: String,
    /// Each item and its value.
    pub items: Vec<(String, String)>,
}

/// The entries of each rated inspection, in the order given, rated under a framework whose
/// scale is `scale`, each with the recorded decisions the rules refused.
pub fn entries(scale: &Scale, results: &[(&InspectionResult, &[Refusal])]) -> Vec<Entry> {
    results
        .iter()
        .map(|(result, refused)| entry(scale, result, refused))
        .collect()
}

fn entry(scale: &Scale, result: &InspectionResult, refused: &[Refusal]) -> Entry {
    let overall = &result.overall;
    let mut items = vec![
        ("provider".to_string(), result.provider.clone()),
        (
            "overall".to_string(),
            format!(
                "{}, score {} of {}",
                scale.label(overall.rating),
                overall.score,
                overall.max
            ),
        ),
    ];
    for standard in &result.standards {
        let mut value = standard_value(scale, standard);
        for refusal in refused.iter().filter(|r| r.standard == standard.id) {
            value.push_str(&format!(
                ", recorded decision to {} refused",
                scale.label(refusal.to)
            ));
        }
        items.push((standard.id.clone(), value));
        for question in &standard.key_questions {
            items.push((question.id.clone(), question_value(question)));
        }
    }
    Entry {
        source: result.source.clone(),
        items,
    }
}

fn standard_value(scale: &Scale, standard: &StandardResult) -> String {
    let rating = crate::report::words::rating_or_not_rated(scale, standard.rating);
    match (&standard.discretion.applied, standard.scored) {
        (Some(applied), _) => format!(
            "{rating}, moved from {} by discretion",
            scale.label(applied.from)
        ),
        (None, false) => format!("{rating}, not scored"),
        (None, true) => rating.to_string(),
    }
}

fn question_value(question: &QuestionResult) -> String {
    let mut value = match question.shown_percent {
        Some(p) => format!("{p}%, {} of {} answered", question.yes, question.sample),
        None => "no percentage, 0 answered".to_string(),
    };
    if question.sample_filter.is_some() {
        value.push_str(&format!(
            ", sample {} of {} cases",
            question.sample_cases, question.domain_cases
        ));
    }
    value
}

/// The snapshot file's text. `ruleset` names the rules in the header comment.
pub fn render(ruleset: &str, entries: &[Entry]) -> String {
    let mut out = format!(
        "# ratebook snapshot: every rating of these inspections under {ruleset}.\n\
         # Written by `ratebook test --snapshot`; after a change, review it and run again with --accept.\n"
    );
    for entry in entries {
        out.push_str(&format!("\ninspection {}\n", written(&entry.source)));
        let rows: Vec<Vec<String>> = entry
            .items
            .iter()
            .map(|(id, value)| vec![format!("  {id}"), written(value).into_owned()])
            .collect();
        push_lines(&mut out, align(&rows));
    }
    out
}

/// A snapshot file's entries. Lines that are neither comments, `inspection` headers nor item
/// lines are reported with their line number.
pub fn parse(text: &str) -> Result<Vec<Entry>, String> {
    let mut entries: Vec<Entry> = vec![];
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let at = |e: String| format!("line {}: {e}", n + 1);
        if let Some(source) = line.strip_prefix("inspection ") {
            entries.push(Entry {
                source: read_back(source.trim()).map_err(at)?,
                items: vec![],
            });
            continue;
        }
        if entries.is_empty() {
            // Not begun as a snapshot: some other file, named by mistake, and not quoted.
            return Err(at("it does not begin `inspection PATH`".to_string()));
        }
        let (Some(entry), true) = (entries.last_mut(), line.starts_with(' ')) else {
            return Err(at(format!(
                "expected `inspection PATH` or an indented item line, found `{}`",
                crate::terminal::excerpt(trimmed, 60)
            )));
        };
        let (id, value) = trimmed
            .split_once(char::is_whitespace)
            .unwrap_or((trimmed, ""));
        entry
            .items
            .push((id.to_string(), read_back(value.trim()).map_err(at)?));
    }
    Ok(entries)
}

/// A text as the snapshot writes it: as it is when that reads back exactly, else quoted as a
/// rule file quotes a text.
fn written(text: &str) -> std::borrow::Cow<'_, str> {
    let needs_quotes = text.starts_with(char::is_whitespace)
        || text.ends_with(char::is_whitespace)
        || text.starts_with('"')
        || text.chars().any(|c| c.is_control() || is_unsafe(c));
    if needs_quotes {
        crate::syntax::print::quoted(text).into()
    } else {
        text.into()
    }
}

/// A text as the snapshot wrote it, read back: a quoted one unescaped, any other as it is.
fn read_back(written: &str) -> Result<String, String> {
    let Some(inner) = written
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
    else {
        return Ok(written.to_string());
    };
    crate::syntax::unescape(inner).map_err(|_| {
        format!(
            "the quoted text {} has an escape ratebook does not write",
            crate::terminal::excerpt(written, 60)
        )
    })
}

/// What differs for one inspection between the stored snapshot and now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The inspection file, as named.
    pub source: String,
    /// What changed.
    pub kind: ChangeKind,
}

/// How an inspection's entry changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    /// In the snapshot, not rated now.
    Gone,
    /// Rated now, not in the snapshot.
    New,
    /// Items whose value differs: (id, was, now); `None` where the item is absent.
    Items(Vec<(String, Option<String>, Option<String>)>),
}

/// Every difference, inspections in the order rated now, then those only in the snapshot.
pub fn changes(stored: &[Entry], now: &[Entry]) -> Vec<Change> {
    let mut changes = vec![];
    for entry in now {
        let Some(old) = stored.iter().find(|e| e.source == entry.source) else {
            changes.push(Change {
                source: entry.source.clone(),
                kind: ChangeKind::New,
            });
            continue;
        };
        let items = item_changes(&old.items, &entry.items);
        if !items.is_empty() {
            changes.push(Change {
                source: entry.source.clone(),
                kind: ChangeKind::Items(items),
            });
        }
    }
    for old in stored {
        if !now.iter().any(|e| e.source == old.source) {
            changes.push(Change {
                source: old.source.clone(),
                kind: ChangeKind::Gone,
            });
        }
    }
    changes
}

type ItemChange = (String, Option<String>, Option<String>);

fn item_changes(was: &[(String, String)], now: &[(String, String)]) -> Vec<ItemChange> {
    let lookup = |items: &[(String, String)], id: &str| {
        items.iter().find(|(k, _)| k == id).map(|(_, v)| v.clone())
    };
    let mut changes = vec![];
    for (id, value) in now {
        let old = lookup(was, id);
        if old.as_ref() != Some(value) {
            changes.push((id.clone(), old, Some(value.clone())));
        }
    }
    for (id, value) in was {
        if lookup(now, id).is_none() {
            changes.push((id.clone(), Some(value.clone()), None));
        }
    }
    changes
}

/// The changes as text: by inspection, then item, each with what it was and is now.
pub fn changes_text(changes: &[Change]) -> String {
    let mut out = String::new();
    for change in changes {
        match &change.kind {
            ChangeKind::New => out.push_str(&format!(
                "  {}: new, not in the snapshot\n",
                one_line(&change.source)
            )),
            ChangeKind::Gone => out.push_str(&format!(
                "  {}: in the snapshot, not rated now\n",
                one_line(&change.source)
            )),
            ChangeKind::Items(items) => {
                out.push_str(&format!("  {}\n", one_line(&change.source)));
                let mut rows = vec![];
                for (id, was, now) in items {
                    let shown = |value: &Option<String>| {
                        value
                            .as_deref()
                            .map_or("(absent)".to_string(), |v| one_line(v).into_owned())
                    };
                    rows.push(vec![format!("    {id}"), "was".into(), shown(was)]);
                    rows.push(vec![String::new(), "now".into(), shown(now)]);
                }
                push_lines(&mut out, align(&rows));
            }
        }
    }
    out
}

fn push_lines(out: &mut String, lines: Vec<String>) {
    for line in lines {
        out.push_str(&line);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(source: &str, items: &[(&str, &str)]) -> Entry {
        Entry {
            source: source.into(),
            items: items
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn a_rendered_snapshot_reads_back_as_written() {
        let entries = vec![
            entry(
                "past/luton.toml",
                &[("provider", "Luton"), ("overall", "Good, score 20 of 36")],
            ),
            entry("past/kirklees.toml", &[("2.1", "Requires improvement")]),
        ];
        let text = render("rules/x.rules", &entries);
        assert_eq!(parse(&text).unwrap(), entries);
    }

    #[test]
    fn a_changed_rating_is_named_with_what_it_was_and_is() {
        let was = vec![entry("a.toml", &[("2.1", "Good"), ("2.1.1", "70%")])];
        let now = vec![entry(
            "a.toml",
            &[("2.1", "Requires improvement"), ("2.1.1", "70%")],
        )];
        let changes = changes(&was, &now);
        assert_eq!(
            changes,
            vec![Change {
                source: "a.toml".into(),
                kind: ChangeKind::Items(vec![(
                    "2.1".into(),
                    Some("Good".into()),
                    Some("Requires improvement".into())
                )]),
            }]
        );
    }

    #[test]
    fn inspections_added_and_gone_are_listed() {
        let was = vec![entry("a.toml", &[]), entry("b.toml", &[])];
        let now = vec![entry("a.toml", &[]), entry("c.toml", &[])];
        let kinds: Vec<_> = changes(&was, &now)
            .into_iter()
            .map(|c| (c.source, c.kind))
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("c.toml".into(), ChangeKind::New),
                ("b.toml".into(), ChangeKind::Gone)
            ]
        );
    }

    #[test]
    fn any_provider_text_reads_back_exactly_and_never_starts_a_line() {
        for provider in [
            "Luton YOT ",
            " Luton",
            "Luton\noverall   Outstanding, score 36 of 36",
            "\"quoted\" and back\\slash",
            "Team\u{1b}[2J\u{202e}",
            "plain name",
            "",
        ] {
            let entries = vec![entry(provider, &[("provider", provider)])];
            let text = render("rules/x.rules", &entries);
            assert_eq!(text.lines().count(), 5, "{text}");
            assert_eq!(parse(&text).unwrap(), entries, "{text}");
        }
    }

    #[test]
    fn a_stray_line_is_reported_with_its_number() {
        let err = parse("# header\nnot an item\n").unwrap_err();
        assert!(err.starts_with("line 2:"), "{err}");
    }
}
