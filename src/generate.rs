//! Generated inspections for benchmarks: a cases file of any size that a ruleset accepts,
//! from a seed, the same bytes on every machine. Each case gets random values for the fields
//! the rules read, falls in one domain, and answers every key question whose sample takes it
//! (yes, no or not applicable, mostly yes), so the loader and the interpreter do all their
//! work. With `Columns::All`, every field and every prompt column is written too, as a
//! research extract would have them.
//!
//! It is not a model of real inspections: the shares are fixed, and a key question's answers
//! do not depend on the case's other values.
//!
//! It is behind the `generate` feature: benchmarks, examples and tests have it (through the
//! dev-dependency on ratebook itself), the `ratebook` binary does not.

use std::io::Write;

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

use crate::framework::{Field, FieldKind, Framework, Method, Value};

/// Which columns a generated cases file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Columns {
    /// The case id, the fields some filter reads, and the key questions.
    KeyQuestions,
    /// The case id, every field, every key question and every prompt.
    All,
}

/// Write `cases` generated cases for `framework` as CSV to `out`.
pub fn cases(
    framework: &Framework,
    cases: usize,
    seed: u64,
    columns: Columns,
    out: impl Write,
) -> std::io::Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let fields: Vec<usize> = match columns {
        Columns::All => (0..framework.fields.len()).collect(),
        Columns::KeyQuestions => read_by_filters(framework),
    };
    let answers = answer_columns(framework, columns);
    let mut csv = csv::Writer::from_writer(out);
    let mut header = vec!["case".to_string()];
    header.extend(fields.iter().map(|&i| framework.fields[i].name.clone()));
    header.extend(answers.iter().map(|a| a.id.clone()));
    csv.write_record(&header)?;

    let mut row: Vec<String> = Vec::with_capacity(header.len());
    for n in 1..=cases {
        let values = case_values(framework, &mut rng);
        row.clear();
        row.push(format!("G{n:07}"));
        for &i in &fields {
            row.push(match values[i] {
                Some(value) => framework.fields[i].value_text(Some(value)),
                None => String::new(),
            });
        }
        for column in &answers {
            row.push(answer(column, &values, &mut rng).to_string());
        }
        csv.write_record(&row)?;
    }
    csv.flush()
}

/// An inspection file naming `cases_file`, with a judgement for every judged standard: the
/// scale's second-highest rating (Good on the HMIP scale).
pub fn inspection_toml(framework: &Framework, provider: &str, cases_file: &str) -> String {
    let mut text = format!("provider = \"{provider}\"\ncases = \"{cases_file}\"\n");
    let judged: Vec<_> = framework
        .standards()
        .filter(|(_, s)| s.is_judged())
        .collect();
    if !judged.is_empty() {
        let label = framework
            .scale
            .labels
            .get(framework.scale.labels.len().saturating_sub(2))
            .map_or("", |l| l.label.as_str());
        text.push_str("\n[judged]\n");
        for (_, standard) in judged {
            text.push_str(&format!("\"{}\" = \"{label}\"\n", standard.id));
        }
    }
    text
}

/// Every field index some domain, standard or key question filter reads.
fn read_by_filters(framework: &Framework) -> Vec<usize> {
    let mut read = vec![];
    for domain in &framework.domains {
        read.extend(domain.population.iter().flat_map(|f| f.fields()));
        for standard in &domain.standards {
            read.extend(standard.sample.iter().flat_map(|f| f.fields()));
            if let Method::FromCases { questions, .. } = &standard.method {
                for q in questions {
                    read.extend(q.sample.iter().flat_map(|f| f.fields()));
                }
            }
        }
    }
    read.sort_unstable();
    read.dedup();
    read
}

/// An answer column: a key question's or a prompt's, and where it is asked.
struct AnswerColumn<'f> {
    id: String,
    domain: &'f crate::framework::Domain,
    standard: &'f crate::framework::Standard,
    question: &'f crate::framework::KeyQuestion,
    prompt: bool,
}

fn answer_columns(framework: &Framework, columns: Columns) -> Vec<AnswerColumn<'_>> {
    let mut out = vec![];
    for (domain, standard) in framework.standards() {
        let Method::FromCases { questions, .. } = &standard.method else {
            continue;
        };
        for question in questions {
            let column = |id: &str, prompt| AnswerColumn {
                id: id.to_string(),
                domain,
                standard,
                question,
                prompt,
            };
            out.push(column(&question.id, false));
            if columns == Columns::All {
                out.extend(question.prompts.iter().map(|p| column(&p.id, true)));
            }
        }
    }
    out
}

/// Values for every field, drawn until some domain takes the case (ten tries at most).
fn case_values(framework: &Framework, rng: &mut ChaCha8Rng) -> Vec<Option<Value>> {
    let mut values = vec![];
    for _ in 0..10 {
        values = framework.fields.iter().map(|f| value(f, rng)).collect();
        let rated = |d: &&crate::framework::Domain| d.standards.iter().any(|s| !s.is_judged());
        if framework
            .domains
            .iter()
            .filter(rated)
            .any(|d| d.takes(&values))
        {
            break;
        }
    }
    values
}

fn value(field: &Field, rng: &mut ChaCha8Rng) -> Option<Value> {
    if field.optional && rng.random_range(0..20) == 0 {
        return None;
    }
    Some(match &field.kind {
        FieldKind::Number => Value::Number(rng.random_range(10..=18)),
        FieldKind::YesNo => Value::YesNo(rng.random_bool(0.3)),
        FieldKind::Choice(choices) => Value::Choice(rng.random_range(0..choices.len().max(1))),
    })
}

/// The cell for one answer column: empty where the case is outside the question's sample
/// (or, for a prompt, one time in ten), otherwise mostly yes.
fn answer(column: &AnswerColumn, values: &[Option<Value>], rng: &mut ChaCha8Rng) -> &'static str {
    let asked = crate::framework::asks(column.domain, column.standard, column.question, values);
    if !asked || (column.prompt && rng.random_range(0..10) == 0) {
        return "";
    }
    match rng.random_range(0..100) {
        0..75 => "yes",
        75..95 => "no",
        _ => "n/a",
    }
}

/// A rule file `copies` times the size of the 2019 youth ruleset (`base`, its text), for
/// benchmarks of `check` and `diff`: its domains, standards, key questions and prompts
/// repeated with fresh ids (copy 7's standard 2.1 is 702.1), one overall rule over them all.
/// With `overlapping` false, a field `unit` gives each copy its own cases, so the file checks
/// clean; with it true, every copy's domains take the same cases, and the checker reports
/// each overlap.
pub fn large_rules(base: &str, copies: usize, overlapping: bool) -> String {
    let lines: Vec<&str> = base.lines().collect();
    let starts = |prefix: &str| lines.iter().position(|l| l.starts_with(prefix));
    let (Some(domains), Some(overall)) = (starts("domain "), starts("overall {")) else {
        return base.to_string();
    };
    let mut out: String = lines[..domains].iter().map(|l| format!("{l}\n")).collect();
    if !overlapping {
        let units: Vec<String> = (1..=copies).map(|k| format!("u{k}")).collect();
        out = out.replacen(
            "case fields {\n",
            &format!("case fields {{\n  unit: {}\n", units.join(" | ")),
            1,
        );
    }
    for k in 1..=copies {
        for line in &lines[domains..overall] {
            out.push_str(&renumbered(line, k, overlapping));
            out.push('\n');
        }
    }
    let max = 36 * copies;
    out.push_str(&format!(
        "overall {{\n  score is sum of standard scores\n  0 to {}  Inadequate\n  {} to {}  \"Requires improvement\"\n  {} to {}  Good\n  {} to {}  Outstanding\n}}\n",
        max / 6,
        max / 6 + 1,
        max / 2,
        max / 2 + 1,
        max * 5 / 6,
        max * 5 / 6 + 1,
        max
    ));
    out
}

/// One line of copy `k`: each id that opens a domain, standard, key question or prompt gets
/// the copy's number before it; a rated domain's filter names the copy's unit.
fn renumbered(line: &str, k: usize, overlapping: bool) -> String {
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    for keyword in ["domain ", "standard ", "question ", "prompt "] {
        if let Some(rest) = trimmed.strip_prefix(keyword) {
            let mut renamed = format!("{indent}{keyword}{k}0{rest}");
            if keyword == "domain " && !overlapping {
                renamed = renamed.replacen(" where ", &format!(" where unit = u{k} and "), 1);
            }
            return renamed;
        }
    }
    line.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generated(seed: u64, columns: Columns) -> Vec<u8> {
        let rules = crate::load_rules(std::path::Path::new("rules/hmip-youth-2019.rules"))
            .unwrap()
            .0;
        let mut out = vec![];
        cases(&rules.framework, 300, seed, columns, &mut out).unwrap();
        out
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes_and_another_seed_other_cases() {
        assert_eq!(generated(3, Columns::All), generated(3, Columns::All));
        assert_ne!(generated(3, Columns::All), generated(4, Columns::All));
    }

    #[test]
    fn generated_cases_load_and_rate_without_a_problem() {
        let rules = crate::load_rules(std::path::Path::new("rules/hmip-youth-2019.rules"))
            .unwrap()
            .0;
        for columns in [Columns::KeyQuestions, Columns::All] {
            let csv = generated(5, columns);
            let toml = inspection_toml(&rules.framework, "Generated", "cases.csv");
            let (inspection, warnings) =
                crate::inspection::load_text(&rules.framework, "generated.toml", &toml, &csv)
                    .unwrap();
            assert!(warnings.is_empty(), "{}", warnings.render(false, 100));
            assert_eq!(inspection.cases.len(), 300);
            crate::rate::rate(&rules.framework, &inspection).unwrap();
        }
    }
}
