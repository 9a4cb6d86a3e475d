//! The JSON contract of `breakdown --format json`: the serialisable counterpart of a
//! [`Breakdown`]. Its keys are written in alphabetical order and each domain map sorted by
//! domain id, as the contract has always had them; the fields below are declared in that
//! order. A suppressed count is written as `"–"` (a case count) or `{"suppressed": true}`.
//! The schema in `schema/breakdown.json` is generated from these types.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::Rules;
use crate::analysis::breakdown::{Breakdown, ByGroups, Count, Profile, SIGNIFICANCE};
use crate::report::breakdown::SUPPRESSED;

/// The whole breakdown.
#[derive(Serialize, JsonSchema)]
pub struct Document<'a> {
    /// Pooled cases.
    cases: usize,
    /// The domain columns.
    domains: Vec<Domain<'a>>,
    /// Inspections pooled.
    inspections: usize,
    /// A case profile per grouping.
    profile: Vec<ProfileEntry<'a>>,
    /// n and % yes of every key question, prompt and measure.
    questions: Vec<Question<'a>>,
    /// The ruleset the cases were read under.
    ruleset: Ruleset<'a>,
    /// Counts below this are suppressed; null when nothing is.
    suppress_below: Option<u32>,
    /// A sub-group table per measure.
    tables: Vec<Table<'a>>,
}

/// The ruleset, its keys in alphabetical order.
#[derive(Serialize, JsonSchema)]
struct Ruleset<'a> {
    name: &'a str,
    path: &'a str,
    version: &'a str,
}

/// A case count, or `"–"` where it is suppressed.
#[derive(Serialize, JsonSchema)]
#[serde(untagged)]
enum Cases {
    Count(u32),
    Suppressed(&'static str),
}

/// Answers counted: n, yes and % yes, or only that they are suppressed.
#[derive(Serialize, JsonSchema)]
#[serde(untagged)]
enum Answered {
    Counted {
        n: u32,
        percent: Option<f64>,
        yes: u32,
    },
    Suppressed {
        suppressed: bool,
    },
}

/// n and yes, or only that they are suppressed.
#[derive(Serialize, JsonSchema)]
#[serde(untagged)]
enum Plain {
    Counted { n: u32, yes: u32 },
    Suppressed { suppressed: bool },
}

#[derive(Serialize, JsonSchema)]
struct Domain<'a> {
    cases: Cases,
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize, JsonSchema)]
struct ProfileEntry<'a> {
    field: &'a str,
    grouping: &'a str,
    groups: Vec<ProfileGroup<'a>>,
    not_recorded: ProfileCells<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outside_groups: Option<ProfileCells<'a>>,
    title: &'a str,
}

#[derive(Serialize, JsonSchema)]
struct ProfileGroup<'a> {
    all: Cases,
    domains: BTreeMap<&'a str, Cases>,
    group: &'a str,
}

#[derive(Serialize, JsonSchema)]
struct ProfileCells<'a> {
    all: Cases,
    domains: BTreeMap<&'a str, Cases>,
}

#[derive(Serialize, JsonSchema)]
struct Question<'a> {
    all: Answered,
    domains: BTreeMap<&'a str, Answered>,
    item: &'a str,
    text: &'a str,
}

#[derive(Serialize, JsonSchema)]
struct Table<'a> {
    all: Answered,
    by: Vec<By<'a>>,
    item: &'a str,
    text: &'a str,
}

#[derive(Serialize, JsonSchema)]
struct By<'a> {
    grouping: &'a str,
    groups: Vec<Group<'a>>,
    not_recorded: Plain,
    #[serde(skip_serializing_if = "Option::is_none")]
    outside_groups: Option<Plain>,
    p_value: Option<f64>,
    significant: bool,
    title: &'a str,
}

#[derive(Serialize, JsonSchema)]
#[serde(untagged)]
enum Group<'a> {
    Counted {
        group: &'a str,
        interval: Option<[f64; 2]>,
        n: u32,
        percent: Option<f64>,
        suppressed: bool,
        yes: u32,
    },
    Suppressed {
        group: &'a str,
        suppressed: bool,
    },
}

fn cases(count: &Count) -> Cases {
    if count.suppressed {
        Cases::Suppressed(SUPPRESSED)
    } else {
        Cases::Count(count.n)
    }
}

fn answered(count: &Count) -> Answered {
    if count.suppressed {
        Answered::Suppressed { suppressed: true }
    } else {
        Answered::Counted {
            n: count.n,
            percent: count.percent(),
            yes: count.yes,
        }
    }
}

fn plain(count: &Count) -> Plain {
    if count.suppressed {
        Plain::Suppressed { suppressed: true }
    } else {
        Plain::Counted {
            n: count.n,
            yes: count.yes,
        }
    }
}

impl<'a> Document<'a> {
    /// The contract's form of a breakdown made under `rules`.
    pub fn of(rules: &'a Rules, b: &'a Breakdown) -> Document<'a> {
        Document {
            cases: b.cases,
            domains: b
                .domains
                .iter()
                .map(|d| Domain {
                    cases: cases(&d.cases),
                    id: &d.id,
                    title: &d.title,
                })
                .collect(),
            inspections: b.inspections,
            profile: b.profile.iter().map(|p| profile(b, p)).collect(),
            questions: b
                .questions
                .iter()
                .map(|q| Question {
                    all: answered(&q.all),
                    domains: b
                        .domains
                        .iter()
                        .zip(&q.domains)
                        .filter_map(|(d, c)| c.as_ref().map(|c| (d.id.as_str(), answered(c))))
                        .collect(),
                    item: &q.item,
                    text: &q.text,
                })
                .collect(),
            ruleset: Ruleset {
                name: &rules.framework.name,
                path: &rules.source.name,
                version: &rules.framework.version,
            },
            suppress_below: b.suppress_below,
            tables: b
                .tables
                .iter()
                .map(|t| Table {
                    all: answered(&t.all),
                    by: t.by.iter().map(by).collect(),
                    item: &t.item,
                    text: &t.text,
                })
                .collect(),
        }
    }
}

fn profile<'a>(b: &'a Breakdown, p: &'a Profile) -> ProfileEntry<'a> {
    // A row's cells: one per domain column, then all cases.
    let cells = |row: &'a [Count]| ProfileCells {
        all: cases(&row[row.len() - 1]),
        domains: b
            .domains
            .iter()
            .zip(row)
            .map(|(d, c)| (d.id.as_str(), cases(c)))
            .collect(),
    };
    let groups =
        p.by.labels
            .iter()
            .zip(&p.rows)
            .map(|(label, row)| {
                let ProfileCells { all, domains } = cells(row);
                ProfileGroup {
                    all,
                    domains,
                    group: label,
                }
            })
            .collect();
    let at = p.by.labels.len();
    ProfileEntry {
        field: &p.by.field,
        grouping: &p.by.name,
        groups,
        not_recorded: cells(&p.rows[at]),
        outside_groups: p.has_outside.then(|| cells(&p.rows[at + 1])),
        title: &p.by.title,
    }
}

fn by(by: &ByGroups) -> By<'_> {
    By {
        grouping: &by.by.name,
        groups: by
            .by
            .labels
            .iter()
            .zip(&by.groups)
            .map(|(label, cell)| {
                if cell.count.suppressed {
                    Group::Suppressed {
                        group: label,
                        suppressed: true,
                    }
                } else {
                    Group::Counted {
                        group: label,
                        interval: cell.interval,
                        n: cell.count.n,
                        percent: cell.count.percent(),
                        suppressed: false,
                        yes: cell.count.yes,
                    }
                }
            })
            .collect(),
        not_recorded: plain(&by.not_recorded),
        outside_groups: (by.outside.n > 0).then(|| plain(&by.outside)),
        p_value: by.p_value,
        significant: by.p_value.is_some_and(|p| p < SIGNIFICANCE),
        title: &by.by.title,
    }
}
