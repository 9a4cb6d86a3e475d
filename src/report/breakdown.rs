//! Report stage: research breakdowns as aligned text (one decimal place, as the bulletins
//! print), Markdown, CSV and JSON (the contract's shape; percentages exact). A suppressed cell
//! shows as "–" everywhere; in JSON a suppressed group has `"suppressed": true` and no counts.

use super::document::md_escape;
use crate::Rules;
use crate::analysis::breakdown::{Breakdown, ByGroups, Count, Profile, SIGNIFICANCE, SubTable};
use crate::columns::align;

/// What a suppressed cell shows.
pub const SUPPRESSED: &str = "–";

fn percent_1(count: &Count) -> String {
    count.percent().map_or(String::new(), |p| format!("{p:.1}"))
}

/// "12 (33.3%)" of a column total; "–" when suppressed. The share is left out where the
/// column's total is suppressed, since it would give the total away.
fn share(count: &Count, total: &Count) -> String {
    if count.suppressed {
        return SUPPRESSED.into();
    }
    if total.suppressed || total.n == 0 {
        return count.n.to_string();
    }
    format!(
        "{} ({:.1}%)",
        count.n,
        100.0 * f64::from(count.n) / f64::from(total.n)
    )
}

/// "24  83.3%"; "–" when suppressed; "0" when nothing was answered.
fn answered(count: &Count) -> String {
    match (count.suppressed, count.percent()) {
        (true, _) => SUPPRESSED.into(),
        (false, None) => "0".into(),
        (false, Some(p)) => format!("{}  {p:.1}%", count.n),
    }
}

pub(super) fn p_text(by: &ByGroups) -> String {
    match by.p_value {
        None => "no test: fewer than two groups have answers".into(),
        Some(p) => {
            let shown = if p < 0.001 {
                "p < 0.001".to_string()
            } else {
                format!("p = {p:.3}")
            };
            let df = by.groups_tested.saturating_sub(1);
            let mark = if p < SIGNIFICANCE {
                " *  the groups differ (p < 0.05)"
            } else {
                ""
            };
            format!("{shown} (likelihood-ratio chi-square, {df} df){mark}")
        }
    }
}

pub(super) fn profile_rows(b: &Breakdown, p: &Profile) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut header = vec![p.by.title.clone()];
    header.extend(b.domains.iter().map(|d| d.title.clone()));
    header.push("All".into());
    rows.push(header);
    let mut labels: Vec<String> = p.by.labels.clone();
    labels.push("Not recorded".into());
    labels.push("Outside the groups".into());
    for (r, (label, cells)) in labels.iter().zip(&p.rows).enumerate() {
        if r == labels.len() - 1 && !p.has_outside {
            continue;
        }
        let mut row = vec![label.clone()];
        row.extend(cells.iter().zip(&p.totals).map(|(c, t)| share(c, t)));
        rows.push(row);
    }
    let mut total = vec!["All cases".to_string()];
    total.extend(p.totals.iter().map(|t| {
        if t.suppressed {
            SUPPRESSED.into()
        } else {
            t.n.to_string()
        }
    }));
    rows.push(total);
    rows
}

pub(super) fn question_rows(b: &Breakdown) -> Vec<Vec<String>> {
    let mut header = vec!["Item".to_string()];
    header.extend(b.domains.iter().map(|d| d.title.clone()));
    header.push("All".into());
    header.push("Question".into());
    let mut rows = vec![header];
    for q in &b.questions {
        let mut row = vec![q.item.clone()];
        row.extend(
            q.domains
                .iter()
                .map(|c| c.as_ref().map_or(String::new(), answered)),
        );
        row.push(answered(&q.all));
        row.push(q.text.clone());
        rows.push(row);
    }
    rows
}

fn interval_text(cell: &crate::analysis::breakdown::GroupCell) -> String {
    cell.interval
        .map_or(String::new(), |[lo, hi]| format!("{lo:.1}–{hi:.1}"))
}

pub(super) fn group_rows(by: &ByGroups) -> Vec<Vec<String>> {
    let mut rows = vec![vec![
        by.by.title.clone(),
        "n".into(),
        "% yes".into(),
        "95% interval".into(),
    ]];
    for (label, cell) in by.by.labels.iter().zip(&by.groups) {
        rows.push(count_row(label, &cell.count, interval_text(cell)));
    }
    rows.push(count_row("Not recorded", &by.not_recorded, String::new()));
    if by.outside.n > 0 {
        rows.push(count_row("Outside the groups", &by.outside, String::new()));
    }
    rows
}

fn count_row(label: &str, count: &Count, interval: String) -> Vec<String> {
    if count.suppressed {
        return vec![
            label.into(),
            SUPPRESSED.into(),
            SUPPRESSED.into(),
            SUPPRESSED.into(),
        ];
    }
    vec![
        label.into(),
        count.n.to_string(),
        percent_1(count),
        interval,
    ]
}

pub(crate) fn suppression_note(b: &Breakdown) -> String {
    match b.suppress_below {
        Some(n) => format!(
            "Cells of fewer than {n} cases are suppressed ({SUPPRESSED}), with another cell wherever a total would give one away."
        ),
        None => "The rules suppress no cells.".into(),
    }
}

/// What was pooled, and under which ruleset: "3 inspection(s), 30 cases" and "Name version V
/// (path)".
pub(super) fn pooled(rules: &Rules, b: &Breakdown) -> (String, String) {
    let f = &rules.framework;
    (
        format!("{} inspection(s), {} cases", b.inspections, b.cases),
        format!("{} version {} ({})", f.name, f.version, rules.source.name),
    )
}

fn heading(rules: &Rules, b: &Breakdown) -> String {
    let (what, ruleset) = pooled(rules, b);
    format!(
        "Research breakdown: {what}\n  ruleset: {ruleset}\n  {}\n",
        suppression_note(b)
    )
}

fn table_lines(rows: &[Vec<String>], indent: &str) -> String {
    let mut out = String::new();
    for line in align(rows) {
        out.push_str(indent);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The breakdown as text for a terminal.
pub fn breakdown_text(rules: &Rules, b: &Breakdown) -> String {
    let mut out = heading(rules, b);
    if !b.profile.is_empty() {
        out.push_str("\nCase profile: cases in each group (% of the column)\n");
        for p in &b.profile {
            out.push('\n');
            out.push_str(&table_lines(&profile_rows(b, p), "  "));
        }
    }
    out.push_str("\nQuestions: answered cases and % yes\n\n");
    out.push_str(&table_lines(&question_rows(b), "  "));
    for t in &b.tables {
        out.push_str(&format!("\n{}: {}\n", t.item, t.text));
        out.push_str(&format!("  All: {}\n", all_text(t)));
        for by in &t.by {
            out.push('\n');
            out.push_str(&table_lines(&group_rows(by), "  "));
            out.push_str(&format!("  {}\n", p_text(by)));
        }
    }
    out
}

pub(super) fn all_text(t: &SubTable) -> String {
    if t.all.suppressed {
        return SUPPRESSED.into();
    }
    match t.all.percent() {
        Some(p) => format!("{} answered, {p:.1}% yes", t.all.n),
        None => "no answers".into(),
    }
}

// ---- Markdown ------------------------------------------------------------------------------

fn md_table(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row.iter().map(|c| md_escape(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
        if i == 0 {
            let rule: Vec<&str> = row.iter().map(|_| "---").collect();
            out.push_str(&format!("| {} |\n", rule.join(" | ")));
        }
    }
    out
}

/// The breakdown as Markdown tables, to paste into a report.
pub fn breakdown_markdown(rules: &Rules, b: &Breakdown) -> String {
    let (what, ruleset) = pooled(rules, b);
    let mut out = format!(
        "# Research breakdown\n\n{what}; ruleset {}. {}\n",
        md_escape(&ruleset),
        suppression_note(b)
    );
    if !b.profile.is_empty() {
        out.push_str("\n## Case profile\n");
        for p in &b.profile {
            out.push('\n');
            out.push_str(&md_table(&profile_rows(b, p)));
        }
    }
    out.push_str("\n## Questions\n\n");
    out.push_str(&md_table(&question_rows(b)));
    for t in &b.tables {
        out.push_str(&format!(
            "\n## {}: {}\n\nAll: {}\n",
            md_escape(&t.item),
            md_escape(&t.text),
            all_text(t)
        ));
        for by in &t.by {
            out.push('\n');
            out.push_str(&md_table(&group_rows(by)));
            out.push_str(&format!("\n{}\n", p_text(by)));
        }
    }
    out
}

// ---- CSV -----------------------------------------------------------------------------------

/// One row of the CSV: a cell of one of the tables, and where it stands.
struct CsvRow<'a> {
    table: &'static str,
    item: &'a str,
    grouping: &'a str,
    group: &'a str,
    domain: &'a str,
    count: Count,
    /// A profile cell counts cases, not answers: no yes, and its percentage is of the column.
    percent: Option<f64>,
    yes: bool,
    interval: Option<[f64; 2]>,
    p_value: Option<f64>,
}

impl CsvRow<'_> {
    fn record(&self) -> [String; 13] {
        let hidden = self.count.suppressed;
        let shown = |v: Option<String>| {
            if hidden {
                String::new()
            } else {
                v.unwrap_or_default()
            }
        };
        let number = |v: Option<f64>| v.map(|v| v.to_string());
        [
            self.table.to_string(),
            self.item.to_string(),
            self.grouping.to_string(),
            self.group.to_string(),
            self.domain.to_string(),
            shown(Some(self.count.n.to_string())),
            shown(self.yes.then(|| self.count.yes.to_string())),
            shown(number(self.percent)),
            shown(number(self.interval.map(|i| i[0]))),
            shown(number(self.interval.map(|i| i[1]))),
            hidden.to_string(),
            number(self.p_value).unwrap_or_default(),
            self.p_value
                .map_or(String::new(), |p| (p < SIGNIFICANCE).to_string()),
        ]
    }
}

/// One flat table: a row per cell of every table, with the table, item, grouping, group and
/// domain it belongs to. Suppressed cells have empty figures and `suppressed` true.
pub fn breakdown_csv(b: &Breakdown) -> String {
    let mut w = super::csv::Table::new();
    w.row([
        "table",
        "item",
        "grouping",
        "group",
        "domain",
        "n",
        "yes",
        "percent",
        "interval_low",
        "interval_high",
        "suppressed",
        "p_value",
        "significant",
    ]);
    let mut push = |row: CsvRow| w.row(row.record());
    let domain_ids: Vec<&str> = b
        .domains
        .iter()
        .map(|d| d.id.as_str())
        .chain(["all"])
        .collect();
    for p in &b.profile {
        let labels = profile_labels(p);
        for (label, cells) in labels.iter().zip(&p.rows) {
            for ((domain, cell), total) in domain_ids.iter().zip(cells).zip(&p.totals) {
                let of_column = (!total.suppressed && total.n > 0)
                    .then(|| 100.0 * f64::from(cell.n) / f64::from(total.n));
                push(CsvRow {
                    table: "profile",
                    item: "",
                    grouping: &p.by.name,
                    group: label,
                    domain,
                    count: *cell,
                    percent: of_column,
                    yes: false,
                    interval: None,
                    p_value: None,
                });
            }
        }
    }
    for q in &b.questions {
        let all = Some(q.all);
        let cells = q.domains.iter().chain([&all]);
        for (domain, cell) in domain_ids.iter().zip(cells) {
            if let Some(cell) = cell {
                push(CsvRow {
                    domain,
                    ..CsvRow::answers("questions", &q.item, *cell)
                });
            }
        }
    }
    for t in &b.tables {
        push(CsvRow {
            group: "all",
            domain: "all",
            ..CsvRow::answers("subgroups", &t.item, t.all)
        });
        for by in &t.by {
            // A row of this grouping's sub-group table, over all domains, with its p-value.
            let group_row = |count| CsvRow {
                grouping: &by.by.name,
                domain: "all",
                p_value: by.p_value,
                ..CsvRow::answers("subgroups", &t.item, count)
            };
            for (label, cell) in by.by.labels.iter().zip(&by.groups) {
                push(CsvRow {
                    interval: cell.interval,
                    group: label,
                    ..group_row(cell.count)
                });
            }
            push(CsvRow {
                group: "not recorded",
                ..group_row(by.not_recorded)
            });
            if by.outside.n > 0 {
                push(CsvRow {
                    group: "outside the groups",
                    ..group_row(by.outside)
                });
            }
        }
    }
    w.finish()
}

impl<'a> CsvRow<'a> {
    /// A cell of `item` that counts answers, with its yes and % yes; no grouping, group,
    /// domain, interval or p-value until the caller gives them.
    fn answers(table: &'static str, item: &'a str, count: Count) -> CsvRow<'a> {
        CsvRow {
            table,
            item,
            grouping: "",
            group: "",
            domain: "",
            count,
            percent: count.percent(),
            yes: true,
            interval: None,
            p_value: None,
        }
    }
}

/// The profile's row labels: the groups, not recorded and, when any case is there, outside.
fn profile_labels(p: &Profile) -> Vec<String> {
    let mut labels = p.by.labels.clone();
    labels.push("not recorded".into());
    if p.has_outside {
        labels.push("outside the groups".into());
    }
    labels
}

// ---- JSON ----------------------------------------------------------------------------------

/// `breakdown --format json`: the contract's form ([`super::json::breakdown`]).
pub fn breakdown_json(rules: &Rules, b: &Breakdown) -> String {
    super::json::pretty(&super::json::breakdown::Document::of(rules, b))
}
