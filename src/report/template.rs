//! Report stage: the empty cases file a ruleset expects, for `ratebook template`. One header
//! row: `case`, every case field, then each case-rated key question followed by its prompts, in
//! the order the rules declare them. Judged standards' key questions are for the record and
//! have no column. With `--inspection`, the inspection file to fill in beside it.

use crate::framework::Framework;

/// The columns of the cases file, in ruleset order.
pub fn columns(framework: &Framework) -> Vec<&str> {
    let mut columns = vec!["case"];
    columns.extend(framework.fields.iter().map(|f| f.name.as_str()));
    for (_, standard) in framework.standards().filter(|(_, s)| !s.is_judged()) {
        for question in standard.questions() {
            columns.push(&question.id);
            columns.extend(question.prompts.iter().map(|p| p.id.as_str()));
        }
    }
    columns
}

/// The header row as CSV (every name quoted where CSV needs it), ending in a newline.
pub fn cases_template(framework: &Framework) -> String {
    let mut table = super::csv::Table::new();
    table.row(columns(framework));
    table.finish()
}

/// An inspection file to fill in (`template --inspection`): provider and cases, every judged
/// standard under `[judged]` with the scale's ratings in a comment, an example of a panel
/// decision as a comment, and an empty `[published]` table. It checks as it is once the
/// provider, the cases file and each judged rating are given.
pub fn inspection_template(framework: &Framework) -> String {
    let ratings: Vec<String> = framework
        .scale
        .labels
        .iter()
        .map(|l| format!("\"{}\"", l.label))
        .collect();
    let mut out = format!(
        "# An inspection under {} version {}: fill in each value, then\n\
         #   ratebook rate --rules RULES inspection.toml\n\
         provider = \"\"                 # the provider inspected\n\
         cases = \"cases.csv\"           # relative to this file; `ratebook template RULES` writes its header\n\
         # sheet = \"Case data\"         # for a workbook (.xlsx, .ods …): its sheet\n\
         # encoding = \"windows-1252\"   # for a CSV that is not UTF-8\n\n",
        framework.name, framework.version
    );
    let judged: Vec<_> = framework
        .standards()
        .filter(|(_, s)| s.is_judged())
        .collect();
    if !judged.is_empty() {
        out.push_str(&format!(
            "# Standards rated by the lead inspector's judgement: {}.\n[judged]\n",
            ratings.join(", ")
        ));
        for (_, standard) in judged {
            let unrated = if standard.may_be_unrated {
                "  # may be left out: the standard may be unrated"
            } else {
                ""
            };
            out.push_str(&format!(
                "\"{}\" = \"\"    # {}{unrated}\n",
                standard.id, standard.title
            ));
        }
        out.push('\n');
    }
    if framework.discretion.is_some() {
        out.push_str(
            "# A ratings panel decision, one [[discretion]] each:\n\
             # [[discretion]]\n\
             # standard = \"2.1\"\n\
             # rating = \"Good\"\n\
             # reason = \"…\"\n\n",
        );
    }
    out.push_str(
        "# What the report published, for `ratebook test` (all optional).\n\
         [published]\n\
         # overall = \"Good\"\n\
         # score = 24\n\
         [published.standards]\n\
         [published.key_questions]\n",
    );
    out
}
