//! Breakdown stage: research tables pooled across inspections. From the cases of many
//! inspections and the rules' groupings and measures: a case profile (cases in each group, by
//! domain), a question table (answered and % yes for every key question, prompt and measure,
//! by domain), and a sub-group table per measure (each group's answered, % yes, Wilson 95%
//! interval, and a likelihood-ratio test of whether the groups differ). Cells under the rules'
//! `suppress cells below N` are suppressed, with their complements.
//!
//! Who answers an item is who the rating counts: cases of the item's domain, of its
//! standard's own sample, and of its key question's sub-sample, answering yes or no.

pub mod suppress;

use crate::analysis::stats::{likelihood_ratio_p, wilson, z_for};
use crate::framework::{Domain, FieldKind, Framework, KeyQuestion, Standard, Value};
use crate::inspection::{Answer, Case, ColumnCache, Inspection};
use crate::suggest::did_you_mean;
pub use suppress::Count;
use suppress::{Relation, suppress};

/// What a profile or a sub-group table groups cases by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// A grouping the rules declare.
    Grouping(usize),
    /// A case field, grouped by its raw values.
    Field(usize),
}

/// What a sub-group table tabulates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A measure the rules declare, by position.
    Measure(usize),
    /// A key question or prompt id.
    Column(String),
}

/// A `--by` name: a grouping, else a case field.
pub fn by(framework: &Framework, name: &str) -> Result<By, String> {
    let research = &framework.research;
    if let Some(i) = research.groupings.iter().position(|g| g.name == name) {
        return Ok(By::Grouping(i));
    }
    if let Some(i) = framework.fields.iter().position(|f| f.name == name) {
        return Ok(By::Field(i));
    }
    let known = research
        .groupings
        .iter()
        .map(|g| g.name.as_str())
        .chain(framework.fields.iter().map(|f| f.name.as_str()));
    Err(did_you_mean(
        name,
        "groupings and case fields",
        known.collect::<Vec<_>>(),
    ))
}

/// A `--measure` name: a measure, else a key question or prompt rated from cases.
pub fn item(framework: &Framework, name: &str) -> Result<Item, String> {
    let measures = &framework.research.measures;
    if let Some(i) = measures.iter().position(|m| m.name == name) {
        return Ok(Item::Measure(i));
    }
    if locate(framework, name).is_some() {
        return Ok(Item::Column(name.to_string()));
    }
    let known: Vec<&str> = measures
        .iter()
        .map(|m| m.name.as_str())
        .chain(columns(framework).map(|(_, _, _, id, _)| id))
        .collect();
    Err(did_you_mean(
        name,
        "measures, key questions and prompts",
        known,
    ))
}

/// Every key question and prompt rated from cases, in ruleset order: its domain's index, the
/// standard, the key question, the column id and its text.
fn columns(
    framework: &Framework,
) -> impl Iterator<Item = (usize, &Standard, &KeyQuestion, &str, &str)> {
    framework
        .domains
        .iter()
        .enumerate()
        .flat_map(|(d, domain)| domain.standards.iter().map(move |s| (d, s)))
        .filter(|(_, s)| !s.is_judged())
        .flat_map(|(d, s)| {
            s.questions().iter().flat_map(move |q| {
                std::iter::once((d, s, q, q.id.as_str(), q.text.as_str())).chain(
                    q.prompts
                        .iter()
                        .map(move |p| (d, s, q, p.id.as_str(), p.text.as_str())),
                )
            })
        })
}

fn locate<'f>(
    framework: &'f Framework,
    id: &str,
) -> Option<(usize, &'f Standard, &'f KeyQuestion)> {
    columns(framework)
        .find(|(_, _, _, column, _)| *column == id)
        .map(|(d, s, q, _, _)| (d, s, q))
}

/// The domains a breakdown has columns for: those with a standard rated from cases.
fn rated_domains(framework: &Framework) -> Vec<usize> {
    (0..framework.domains.len())
        .filter(|&d| {
            framework.domains[d]
                .standards
                .iter()
                .any(|s| !s.is_judged())
        })
        .collect()
}

/// One domain column: its id, title and how many pooled cases it holds.
#[derive(Debug, Clone)]
pub struct DomainColumn {
    /// The domain's id.
    pub id: String,
    /// The domain's title.
    pub title: String,
    /// Its pooled cases.
    pub cases: Count,
}

/// The groups of a grouping or field, and the rows every table by it has.
#[derive(Debug, Clone)]
pub struct Grouped {
    /// The grouping's name, or the field's.
    pub name: String,
    /// Its title, for headings.
    pub title: String,
    /// The case field it groups by.
    pub field: String,
    /// Each group's label, in order.
    pub labels: Vec<String>,
}

/// Where a case falls under a grouping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Group(usize),
    NotRecorded,
    /// A number that no group's range takes.
    Outside,
}

/// A profile: cases in each group, by domain column and for all.
#[derive(Debug, Clone)]
pub struct Profile {
    /// The grouping.
    pub by: Grouped,
    /// One row per group, then not recorded, then outside the groups: a cell per domain
    /// column and one for all cases.
    pub rows: Vec<Vec<Count>>,
    /// Each domain's cases and all cases (the columns' totals).
    pub totals: Vec<Count>,
    /// Whether any case's value falls outside every group (a number no range takes).
    pub has_outside: bool,
}

/// One row of the question table.
#[derive(Debug, Clone)]
pub struct QuestionRow {
    /// A key question or prompt id, or a measure's name.
    pub item: String,
    /// The item's text.
    pub text: String,
    /// One per domain column; `None` where the item is not asked in that domain.
    pub domains: Vec<Option<Count>>,
    /// Over every case it is asked of.
    pub all: Count,
}

/// One grouping's rows of a sub-group table.
#[derive(Debug, Clone)]
pub struct ByGroups {
    /// The grouping.
    pub by: Grouped,
    /// One cell per group, in order.
    pub groups: Vec<GroupCell>,
    /// Cases whose field is not recorded.
    pub not_recorded: Count,
    /// Cases whose value no group takes.
    pub outside: Count,
    /// Likelihood-ratio chi-square over the recorded groups with answers.
    pub p_value: Option<f64>,
    /// How many groups had answers: the test has one degree of freedom fewer.
    pub groups_tested: usize,
}

/// One group's answers, and their interval.
#[derive(Debug, Clone)]
pub struct GroupCell {
    /// The answers counted.
    pub count: Count,
    /// Wilson 95% interval in percent; `None` when suppressed or nothing was answered.
    pub interval: Option<[f64; 2]>,
}

/// A sub-group table: one measure, by each grouping.
#[derive(Debug, Clone)]
pub struct SubTable {
    /// The measure, key question or prompt.
    pub item: String,
    /// Its text.
    pub text: String,
    /// Over every case it is asked of.
    pub all: Count,
    /// Its rows by each grouping.
    pub by: Vec<ByGroups>,
}

/// Research tables over many inspections' pooled cases.
#[derive(Debug, Clone)]
pub struct Breakdown {
    /// Inspections pooled.
    pub inspections: usize,
    /// Cases pooled.
    pub cases: usize,
    /// Counts below this are suppressed; `None` when nothing is.
    pub suppress_below: Option<u32>,
    /// The domain columns.
    pub domains: Vec<DomainColumn>,
    /// A case profile per grouping.
    pub profile: Vec<Profile>,
    /// The question table, one row per item.
    pub questions: Vec<QuestionRow>,
    /// A sub-group table per measure.
    pub tables: Vec<SubTable>,
}

/// What to tabulate: groupings (none: every grouping the rules declare) and items (none: every
/// measure the rules declare).
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The groupings and fields to group by.
    pub by: Vec<By>,
    /// The items to tabulate.
    pub items: Vec<Item>,
}

/// Significance level for marking a difference between groups.
pub const SIGNIFICANCE: f64 = 0.05;

/// Pool the inspections' cases and tabulate what `request` asks for, suppressing small cells as
/// the rules say.
pub fn breakdown(
    framework: &Framework,
    inspections: &[Inspection],
    request: &Request,
) -> Breakdown {
    let cases: Vec<&Case> = inspections.iter().flat_map(|i| &i.cases).collect();
    let by: Vec<By> = if request.by.is_empty() {
        (0..framework.research.groupings.len())
            .map(By::Grouping)
            .collect()
    } else {
        request.by.clone()
    };
    let items: Vec<Item> = if request.items.is_empty() {
        (0..framework.research.measures.len())
            .map(Item::Measure)
            .collect()
    } else {
        request.items.clone()
    };
    let below = framework.research.suppress_below.unwrap_or(0);
    let domain_ids = rated_domains(framework);
    let grouped: Vec<(Grouped, Vec<Class>)> =
        by.iter().map(|b| classify(framework, *b, &cases)).collect();

    let mut domain_totals: Vec<Count> = domain_ids
        .iter()
        .map(|&d| Count {
            n: count_in(&framework.domains[d], &cases),
            ..Count::default()
        })
        .collect();
    domain_totals.push(Count {
        n: u32::try_from(cases.len()).unwrap_or(u32::MAX),
        ..Count::default()
    });

    let profile = grouped
        .iter()
        .map(|(g, classes)| {
            profile(
                framework,
                &domain_ids,
                &cases,
                g,
                classes,
                &domain_totals,
                below,
            )
        })
        .collect();

    let mut questions: Vec<QuestionRow> = columns(framework)
        .map(|(_, _, _, id, text)| {
            question_row(framework, &domain_ids, &cases, id, text, &[id], below)
        })
        .collect();
    for m in &framework.research.measures {
        let ids: Vec<&str> = m.items.iter().map(String::as_str).collect();
        questions.push(question_row(
            framework,
            &domain_ids,
            &cases,
            &m.name,
            &m.text,
            &ids,
            below,
        ));
    }

    let tables = items
        .iter()
        .map(|item| {
            let (name, text, ids): (String, String, Vec<&str>) = match item {
                Item::Measure(i) => {
                    let m = &framework.research.measures[*i];
                    (
                        m.name.clone(),
                        m.text.clone(),
                        m.items.iter().map(String::as_str).collect(),
                    )
                }
                Item::Column(id) => {
                    let text = columns(framework)
                        .find(|c| c.3 == id)
                        .map_or(String::new(), |c| c.4.to_string());
                    (id.clone(), text, vec![id.as_str()])
                }
            };
            let answers = answers(framework, &cases, &ids);
            let mut all = Count::default();
            for &(_, _, yes) in &answers {
                all.add(yes);
            }
            let by = grouped
                .iter()
                .map(|(g, classes)| by_groups(g, classes, &answers, all, below))
                .collect();
            all.suppressed = all.n > 0 && all.n < below;
            SubTable {
                item: name,
                text,
                all,
                by,
            }
        })
        .collect();

    // A total is only ever suppressed for its own size (a complement is always a part while
    // any part counts anything), so the domain columns' totals agree with every table.
    for total in &mut domain_totals {
        total.suppressed = total.n > 0 && total.n < below;
    }
    Breakdown {
        inspections: inspections.len(),
        cases: cases.len(),
        suppress_below: framework.research.suppress_below,
        domains: domain_ids
            .iter()
            .zip(&domain_totals)
            .map(|(&d, &cases)| DomainColumn {
                id: framework.domains[d].id.clone(),
                title: framework.domains[d].title.clone(),
                cases,
            })
            .collect(),
        profile,
        questions,
        tables,
    }
}

fn count_in(domain: &Domain, cases: &[&Case]) -> u32 {
    let n = cases.iter().filter(|c| domain.takes(&c.values)).count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Each case's class under `by`, and the groups' labels.
fn classify(framework: &Framework, by: By, cases: &[&Case]) -> (Grouped, Vec<Class>) {
    match by {
        By::Grouping(i) => {
            let grouping = &framework.research.groupings[i];
            let field = &framework.fields[grouping.field];
            let classes = cases
                .iter()
                .map(|c| match c.values[grouping.field] {
                    None => Class::NotRecorded,
                    Some(v) => grouping.group_of(v).map_or(Class::Outside, Class::Group),
                })
                .collect();
            let grouped = Grouped {
                name: grouping.name.clone(),
                title: grouping
                    .title
                    .clone()
                    .unwrap_or_else(|| grouping.name.clone()),
                field: field.name.clone(),
                labels: grouping.groups.iter().map(|g| g.label.clone()).collect(),
            };
            (grouped, classes)
        }
        By::Field(f) => {
            let field = &framework.fields[f];
            let values: Vec<Value> = match &field.kind {
                FieldKind::Choice(choices) => (0..choices.len()).map(Value::Choice).collect(),
                FieldKind::YesNo => vec![Value::YesNo(true), Value::YesNo(false)],
                FieldKind::Number => {
                    let mut seen: Vec<i64> = cases
                        .iter()
                        .filter_map(|c| match c.values[f] {
                            Some(Value::Number(n)) => Some(n),
                            _ => None,
                        })
                        .collect();
                    seen.sort_unstable();
                    seen.dedup();
                    seen.into_iter().map(Value::Number).collect()
                }
            };
            let classes = cases
                .iter()
                .map(|c| match c.values[f] {
                    None => Class::NotRecorded,
                    Some(v) => values
                        .iter()
                        .position(|x| *x == v)
                        .map_or(Class::Outside, Class::Group),
                })
                .collect();
            let grouped = Grouped {
                name: field.name.clone(),
                title: field.title.clone().unwrap_or_else(|| field.name.clone()),
                field: field.name.clone(),
                labels: values.iter().map(|v| field.value_text(Some(*v))).collect(),
            };
            (grouped, classes)
        }
    }
}

/// The row a class counts in: groups first, then not recorded, then outside.
fn row_of(class: Class, groups: usize) -> usize {
    match class {
        Class::Group(g) => g,
        Class::NotRecorded => groups,
        Class::Outside => groups + 1,
    }
}

fn profile(
    framework: &Framework,
    domain_ids: &[usize],
    cases: &[&Case],
    by: &Grouped,
    classes: &[Class],
    totals: &[Count],
    below: u32,
) -> Profile {
    let columns = domain_ids.len() + 1;
    let rows = by.labels.len() + 2;
    // Cells row by row, then the totals row last.
    let mut cells = vec![Count::default(); (rows + 1) * columns];
    for (case, class) in cases.iter().zip(classes) {
        let row = row_of(*class, by.labels.len());
        for (c, &d) in domain_ids.iter().enumerate() {
            if framework.domains[d].takes(&case.values) {
                cells[row * columns + c].n += 1;
            }
        }
        cells[row * columns + columns - 1].n += 1;
    }
    cells[rows * columns..].copy_from_slice(totals);
    let mut relations = vec![];
    for c in 0..columns {
        relations.push(Relation {
            total: rows * columns + c,
            parts: (0..rows).map(|r| r * columns + c).collect(),
        });
    }
    for r in 0..=rows {
        relations.push(Relation {
            total: r * columns + columns - 1,
            parts: (0..columns - 1).map(|c| r * columns + c).collect(),
        });
    }
    suppress(&mut cells, &relations, below);
    let has_outside = cells[(rows - 1) * columns + columns - 1].n > 0;
    let grid: Vec<Vec<Count>> = cells.chunks(columns).map(<[Count]>::to_vec).collect();
    Profile {
        by: by.clone(),
        rows: grid[..rows].to_vec(),
        totals: grid[rows].clone(),
        has_outside,
    }
}

/// Every yes or no answer to the columns `ids` by a case the item's sample takes: (case,
/// domain index, yes).
fn answers(framework: &Framework, cases: &[&Case], ids: &[&str]) -> Vec<(usize, usize, bool)> {
    let mut found = vec![];
    for id in ids {
        let Some((d, standard, question)) = locate(framework, id) else {
            continue;
        };
        let domain = &framework.domains[d];
        let mut cache = ColumnCache::default();
        for (i, case) in cases.iter().enumerate() {
            if !crate::framework::asks(domain, standard, question, &case.values) {
                continue;
            }
            match case.answers.get_cached(id, &mut cache) {
                Some(Answer::Yes) => found.push((i, d, true)),
                Some(Answer::No) => found.push((i, d, false)),
                Some(Answer::NotApplicable) | None => {}
            }
        }
    }
    found
}

fn question_row(
    framework: &Framework,
    domain_ids: &[usize],
    cases: &[&Case],
    item: &str,
    text: &str,
    ids: &[&str],
    below: u32,
) -> QuestionRow {
    let asked_in: Vec<usize> = ids
        .iter()
        .filter_map(|id| locate(framework, id).map(|(d, _, _)| d))
        .collect();
    let mut cells = vec![Count::default(); domain_ids.len() + 1];
    for (_, d, yes) in answers(framework, cases, ids) {
        if let Some(c) = domain_ids.iter().position(|x| *x == d) {
            cells[c].add(yes);
        }
        cells[domain_ids.len()].add(yes);
    }
    let parts: Vec<usize> = (0..domain_ids.len())
        .filter(|&c| asked_in.contains(&domain_ids[c]))
        .collect();
    let total = domain_ids.len();
    suppress(&mut cells, &[Relation { total, parts }], below);
    QuestionRow {
        item: item.to_string(),
        text: text.to_string(),
        domains: (0..domain_ids.len())
            .map(|c| asked_in.contains(&domain_ids[c]).then_some(cells[c]))
            .collect(),
        all: cells[total],
    }
}

fn by_groups(
    by: &Grouped,
    classes: &[Class],
    answers: &[(usize, usize, bool)],
    all: Count,
    below: u32,
) -> ByGroups {
    let groups = by.labels.len();
    // The groups, not recorded, outside, then all.
    let mut cells = vec![Count::default(); groups + 3];
    for &(case, _, yes) in answers {
        cells[row_of(classes[case], groups)].add(yes);
    }
    cells[groups + 2] = all;
    let recorded: Vec<(u32, u32)> = cells[..groups].iter().map(|c| (c.yes, c.n)).collect();
    let p_value = likelihood_ratio_p(&recorded);
    let groups_tested = recorded.iter().filter(|(_, n)| *n > 0).count();
    suppress(
        &mut cells,
        &[Relation {
            total: groups + 2,
            parts: (0..groups + 2).collect(),
        }],
        below,
    );
    let z = z_for(0.95);
    ByGroups {
        by: by.clone(),
        groups: cells[..groups]
            .iter()
            .map(|&count| GroupCell {
                count,
                interval: if count.suppressed {
                    None
                } else {
                    wilson(count.yes, count.n, z)
                },
            })
            .collect(),
        not_recorded: cells[groups],
        outside: cells[groups + 1],
        p_value,
        groups_tested,
    }
}
