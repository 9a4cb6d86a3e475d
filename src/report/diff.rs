//! Report stage: the differences between two rulesets → text grouped by section, and JSON.

use std::fmt::Write;

use serde::Serialize;

use super::json::RulesetRef;
use crate::Rules;
use crate::analysis::diff::{Change, Diff, Kind};

/// `diff --format json`: the two rulesets and what differs.
#[derive(Serialize, schemars::JsonSchema)]
pub struct Document<'a> {
    from: RulesetRef<'a>,
    to: RulesetRef<'a>,
    #[serde(flatten)]
    diff: &'a Diff,
}

/// `diff --format json`.
pub fn diff_json(from: &Rules, to: &Rules, diff: &Diff) -> String {
    let document = Document {
        from: RulesetRef::of(from),
        to: RulesetRef::of(to),
        diff,
    };
    super::json::pretty(&document)
}

/// `diff`: what differs, section by section.
pub fn diff_text(from: &Rules, to: &Rules, diff: &Diff) -> String {
    let name = |r: &Rules| {
        format!(
            "{} version {} ({})",
            r.framework.name, r.framework.version, r.source.name
        )
    };
    let mut out = format!(
        "Differences from {}\n              to {}\n",
        name(from),
        name(to)
    );
    let mut section = None;
    for change in &diff.changes {
        if section != Some(change.section) {
            section = Some(change.section);
            let _ = writeln!(out, "\n{}", heading(change.section));
        }
        out.push_str(&line(change));
    }
    let s = &diff.summary;
    if diff.changes.is_empty() {
        out.push_str("\nNo differences.\n");
    } else {
        let _ = writeln!(
            out,
            "\n{} added, {} removed, {} changed, {} reworded",
            s.added, s.removed, s.changed, s.reworded
        );
    }
    out
}

fn heading(section: &str) -> &'static str {
    match section {
        "framework" => "Framework",
        "scale" => "Scale",
        "case field" => "Case fields",
        "band set" => "Band sets",
        "discretion" => "Discretion",
        "domain" => "Domains",
        "standard" => "Standards",
        "key question" => "Key questions",
        "prompt" => "Prompts",
        "grouping" => "Research groupings",
        "measure" => "Research measures",
        "suppression" => "Suppression",
        _ => "Overall",
    }
}

/// One difference: "3.4 title: "Joint working" → "…"", or both sides on their own lines when
/// they are long, as a reworded key question is.
fn line(c: &Change) -> String {
    let item = if c.item.is_empty() {
        String::new()
    } else {
        format!("{} ", c.item)
    };
    match (c.kind, &c.from, &c.to) {
        (Kind::Added, ..) => format!("  {item}added: {}\n", c.what),
        (Kind::Removed, ..) => format!("  {item}removed: {}\n", c.what),
        (kind, Some(from), Some(to)) => {
            let what = match kind {
                Kind::Reworded if c.what == "wording" => "reworded".to_string(),
                Kind::Reworded => format!("{} reworded", c.what),
                _ => c.what.clone(),
            };
            if from.chars().count() + to.chars().count() > 70 {
                format!("  {item}{what}\n      from: {from}\n      to:   {to}\n")
            } else {
                format!("  {item}{what}: {from} → {to}\n")
            }
        }
        _ => format!("  {item}{}\n", c.what),
    }
}
