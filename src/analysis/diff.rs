//! Diff stage: two checked frameworks → what differs between them, item by item.
//!
//! Items are matched by id (domains, standards, key questions, prompts), by name (band sets,
//! case fields) or by label (the scale), never by their place in the file or by text, so a
//! diff works across revisions of one framework and across programmes. Each difference says
//! what changed and shows both sides; a reworded key question shows both wordings.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::framework::{
    Band, BandSet, Banding, Domain, Field, FieldKind, Framework, Grouping, KeyQuestion, Method,
    Prompt, Standard, UnratedRule,
};

/// Every difference, in the order of the sections of a rule file.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Diff {
    /// Each difference, section by section in ruleset order.
    pub changes: Vec<Change>,
    /// How many of each kind.
    pub summary: Summary,
}

/// One difference between two rulesets.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Change {
    /// `framework`, `scale`, `case field`, `band set`, `discretion`, `domain`, `standard`,
    /// `key question`, `prompt` or `overall`.
    pub section: &'static str,
    /// The id, name or label of the item (empty for a section there is one of).
    pub item: String,
    /// Added, removed, changed or reworded.
    pub kind: Kind,
    /// What about the item changed (`title`, `wording`, `sample`, `rated by`, …); for an
    /// item added or removed, a short description of it.
    pub what: String,
    /// The value in the first ruleset.
    pub from: Option<String>,
    /// The value in the second ruleset.
    pub to: Option<String>,
}

/// What kind of difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// In the second ruleset only.
    Added,
    /// In the first ruleset only.
    Removed,
    /// In both, and it rates differently.
    Changed,
    /// In both, and only its wording differs.
    Reworded,
}

/// How many differences of each kind.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Summary {
    /// Items added.
    pub added: usize,
    /// Items removed.
    pub removed: usize,
    /// Items changed.
    pub changed: usize,
    /// Items reworded.
    pub reworded: usize,
}

/// What differs from framework `a` to framework `b`.
pub fn diff(a: &Framework, b: &Framework) -> Diff {
    let mut d = Differ {
        a,
        b,
        changes: vec![],
    };
    d.value("framework", "", "name", &a.name, &b.name);
    d.value("framework", "", "version", &a.version, &b.version);
    d.scale();
    d.matched(
        "case field",
        &a.fields,
        &b.fields,
        |f| f.name.clone(),
        |f, _| field_text(f),
        |d, x, y| {
            d.value(
                "case field",
                &x.name,
                "type",
                &field_text(x),
                &field_text(y),
            )
        },
    );
    d.matched(
        "band set",
        &a.band_sets,
        &b.band_sets,
        |s| s.name.clone(),
        |s, f| bands_text(&s.bands, f),
        band_set,
    );
    d.discretion();
    d.matched(
        "domain",
        &a.domains,
        &b.domains,
        |x| x.id.clone(),
        |x, _| quoted(&x.title),
        domain,
    );
    let standards = |f: &Framework| -> Vec<(String, Standard)> {
        f.standards()
            .map(|(dm, s)| (dm.id.clone(), s.clone()))
            .collect()
    };
    d.matched(
        "standard",
        &standards(a),
        &standards(b),
        |(_, s)| s.id.clone(),
        |(dm, s), f| {
            let mut text = format!(
                "{} (in domain {dm}), {}",
                quoted(&s.title),
                method_text(s, f)
            );
            if !s.scored {
                text.push_str(", not scored");
            }
            if s.may_be_unrated {
                text.push_str(", may be unrated");
            }
            text
        },
        standard,
    );
    let questions = |f: &Framework| -> Vec<(String, KeyQuestion)> {
        f.standards()
            .flat_map(|(_, s)| s.questions().iter().map(|q| (s.id.clone(), q.clone())))
            .collect()
    };
    let (qa, qb) = (questions(a), questions(b));
    d.matched(
        "key question",
        &qa,
        &qb,
        |(_, q)| q.id.clone(),
        |(s, q), _| format!("{} (in {s})", quoted(&q.text)),
        question,
    );
    let prompts = |qs: &[(String, KeyQuestion)]| -> Vec<(String, Prompt)> {
        qs.iter()
            .flat_map(|(_, q)| q.prompts.iter().map(|p| (q.id.clone(), p.clone())))
            .collect()
    };
    d.matched(
        "prompt",
        &prompts(&qa),
        &prompts(&qb),
        |(_, p)| p.id.clone(),
        |(q, p), _| format!("{} (in {q})", quoted(&p.text)),
        |d, (qx, x), (qy, y)| {
            d.value("prompt", &x.id, "key question", qx, qy);
            d.reworded("prompt", &x.id, "wording", &x.text, &y.text);
        },
    );
    d.overall();
    d.matched(
        "grouping",
        &a.research.groupings,
        &b.research.groupings,
        |g| g.name.clone(),
        grouping_text,
        |d, x, y| {
            let (tx, ty) = (grouping_text(x, d.a), grouping_text(y, d.b));
            d.value("grouping", &x.name, "groups", &tx, &ty);
        },
    );
    d.matched(
        "measure",
        &a.research.measures,
        &b.research.measures,
        |m| m.name.clone(),
        |m, _| format!("{} = {}", quoted(&m.text), m.items.join(", ")),
        |d, x, y| {
            d.value(
                "measure",
                &x.name,
                "items",
                &x.items.join(", "),
                &y.items.join(", "),
            );
            d.reworded("measure", &x.name, "wording", &x.text, &y.text);
        },
    );
    let suppress = |f: &Framework| {
        f.research
            .suppress_below
            .map_or("no cell suppressed".to_string(), |n| {
                format!("cells below {n}")
            })
    };
    d.value("suppression", "", "suppressed", &suppress(a), &suppress(b));
    let count = |kind| d.changes.iter().filter(|c| c.kind == kind).count();
    let summary = Summary {
        added: count(Kind::Added),
        removed: count(Kind::Removed),
        changed: count(Kind::Changed),
        reworded: count(Kind::Reworded),
    };
    Diff {
        changes: d.changes,
        summary,
    }
}

struct Differ<'f> {
    a: &'f Framework,
    b: &'f Framework,
    changes: Vec<Change>,
}

impl<'f> Differ<'f> {
    fn push(
        &mut self,
        section: &'static str,
        item: &str,
        kind: Kind,
        what: String,
        from: Option<String>,
        to: Option<String>,
    ) {
        self.changes.push(Change {
            section,
            item: item.to_string(),
            kind,
            what,
            from,
            to,
        });
    }

    /// A property of an item that both frameworks have.
    fn value(&mut self, section: &'static str, item: &str, what: &str, from: &str, to: &str) {
        if from != to {
            let (from, to) = (Some(from.to_string()), Some(to.to_string()));
            self.push(section, item, Kind::Changed, what.to_string(), from, to);
        }
    }

    /// Wording that both frameworks have: a key question's or prompt's `wording`, a
    /// standard's `statement`.
    fn reworded(&mut self, section: &'static str, item: &str, what: &str, from: &str, to: &str) {
        if from != to {
            let (from, to) = (Some(from.to_string()), Some(to.to_string()));
            self.push(section, item, Kind::Reworded, what.into(), from, to);
        }
    }

    /// Items of one kind matched by key: those only in `a` removed, those only in `b` added
    /// (each described by `describe`, with the framework it is in), those in both compared by
    /// `same`. Each side is indexed by key once, so matching takes time in proportion to the
    /// number of items, however many there are.
    fn matched<T>(
        &mut self,
        section: &'static str,
        a: &[T],
        b: &[T],
        key: impl Fn(&T) -> String,
        describe: impl Fn(&T, &Framework) -> String,
        same: impl Fn(&mut Differ<'f>, &T, &T),
    ) {
        let mut in_b: HashMap<String, &T> = HashMap::with_capacity(b.len());
        for y in b {
            in_b.entry(key(y)).or_insert(y);
        }
        let mut in_a: HashSet<String> = HashSet::with_capacity(a.len());
        for x in a {
            let k = key(x);
            match in_b.get(&k) {
                Some(y) => same(self, x, y),
                None => {
                    let what = describe(x, self.a);
                    self.push(section, &k, Kind::Removed, what, None, None)
                }
            }
            in_a.insert(k);
        }
        for y in b {
            let k = key(y);
            if !in_a.contains(&k) {
                let what = describe(y, self.b);
                self.push(section, &k, Kind::Added, what, None, None);
            }
        }
    }

    fn scale(&mut self) {
        let (a, b) = (self.a, self.b);
        let labels = |f: &Framework| -> Vec<(String, u32)> {
            f.scale
                .labels
                .iter()
                .map(|l| (l.label.clone(), l.score))
                .collect()
        };
        self.matched(
            "scale",
            &labels(a),
            &labels(b),
            |(l, _)| l.clone(),
            |(_, s), _| format!("scores {s}"),
            |d, (l, x), (_, y)| d.value("scale", l, "score", &x.to_string(), &y.to_string()),
        );
    }

    fn discretion(&mut self) {
        let (a, b) = (self.a, self.b);
        let triggers = |f: &Framework| -> Vec<(String, String)> {
            let Some(r) = &f.discretion else {
                return vec![];
            };
            let mut t = vec![];
            if let Some(n) = r.near_boundary {
                t.push(("near boundary".into(), format!("within {n} points")));
            }
            if r.one_case {
                t.push(("one case".into(), "changes rating".into()));
            }
            if let Some(n) = r.small_sample {
                t.push(("small sample".into(), format!("{n} or fewer")));
            }
            t.push((
                "moves at most".into(),
                format!("{} band(s)", r.moves_at_most),
            ));
            t
        };
        match (&a.discretion, &b.discretion) {
            (Some(_), None) => self.push(
                "discretion",
                "",
                Kind::Removed,
                "professional discretion".into(),
                None,
                None,
            ),
            (None, Some(_)) => self.push(
                "discretion",
                "",
                Kind::Added,
                "professional discretion".into(),
                None,
                None,
            ),
            _ => self.matched(
                "discretion",
                &triggers(a),
                &triggers(b),
                |(t, _)| t.clone(),
                |(_, v), _| v.clone(),
                |d, (t, x), (_, y)| d.value("discretion", t, "rule", x, y),
            ),
        }
    }

    fn overall(&mut self) {
        let (a, b) = (self.a, self.b);
        let unrated = |f: &Framework| match f.overall.unrated {
            None => "refused".to_string(),
            Some(UnratedRule::ScoresZero) => "scores 0".to_string(),
            Some(UnratedRule::LeftOutOfMaximum) => "is left out of the maximum".to_string(),
        };
        self.value(
            "overall",
            "",
            "an unrated standard",
            &unrated(a),
            &unrated(b),
        );
        self.value(
            "overall",
            "",
            "maximum score",
            &a.max_score().to_string(),
            &b.max_score().to_string(),
        );
        self.value("overall", "", "bands", &banding_text(a), &banding_text(b));
        // Limiters are matched by what they say; a reworded one is one removed, one added.
        let texts = |f: &'f Framework| f.overall.limiters.iter().map(|l| l.text.as_str());
        let (in_a, in_b): (HashSet<&str>, HashSet<&str>) = (texts(a).collect(), texts(b).collect());
        for text in texts(a).filter(|t| !in_b.contains(t)) {
            let what = format!("limiter `{text}`");
            self.push("overall", "", Kind::Removed, what, None, None);
        }
        for text in texts(b).filter(|t| !in_a.contains(t)) {
            let what = format!("limiter `{text}`");
            self.push("overall", "", Kind::Added, what, None, None);
        }
    }
}

fn band_set(d: &mut Differ, x: &BandSet, y: &BandSet) {
    let (a, b) = (d.a, d.b);
    d.value("band set", &x.name, "title", &opt(&x.title), &opt(&y.title));
    d.value(
        "band set",
        &x.name,
        "rounding",
        &rounding_text(x),
        &rounding_text(y),
    );
    d.value(
        "band set",
        &x.name,
        "bands",
        &bands_text(&x.bands, a),
        &bands_text(&y.bands, b),
    );
}

fn domain(d: &mut Differ, x: &Domain, y: &Domain) {
    d.value("domain", &x.id, "title", &x.title, &y.title);
    let population = |dm: &Domain| dm.population_text.clone().unwrap_or("every case".into());
    d.value("domain", &x.id, "cases", &population(x), &population(y));
}

fn standard(d: &mut Differ, (dx, x): &(String, Standard), (dy, y): &(String, Standard)) {
    let (a, b) = (d.a, d.b);
    d.value("standard", &x.id, "domain", dx, dy);
    d.value("standard", &x.id, "title", &x.title, &y.title);
    d.reworded(
        "standard",
        &x.id,
        "statement",
        &opt(&x.statement),
        &opt(&y.statement),
    );
    d.value(
        "standard",
        &x.id,
        "rated",
        &method_text(x, a),
        &method_text(y, b),
    );
    let scored = |s: &Standard| match (s.scored, s.weight) {
        (false, _) => "not scored".to_string(),
        (true, 1) => "scored".to_string(),
        (true, w) => format!("scored, weight {w}"),
    };
    d.value("standard", &x.id, "score", &scored(x), &scored(y));
    let unrated = |s: &Standard| {
        if s.may_be_unrated {
            "may be unrated"
        } else {
            "must be rated"
        }
    };
    d.value("standard", &x.id, "unrated", unrated(x), unrated(y));
    let sample = |s: &Standard| {
        s.sample_text
            .clone()
            .unwrap_or("every case of its domain".into())
    };
    d.value("standard", &x.id, "cases", &sample(x), &sample(y));
}

fn question(d: &mut Differ, (sx, x): &(String, KeyQuestion), (sy, y): &(String, KeyQuestion)) {
    d.value("key question", &x.id, "standard", sx, sy);
    d.reworded("key question", &x.id, "wording", &x.text, &y.text);
    let sample = |q: &KeyQuestion| {
        q.sample_text
            .clone()
            .unwrap_or("every case of the domain".into())
    };
    d.value("key question", &x.id, "sample", &sample(x), &sample(y));
}

fn method_text(s: &Standard, f: &Framework) -> String {
    match &s.method {
        Method::Judged { .. } => "judged".to_string(),
        Method::FromCases { rule, bands, .. } => format!(
            "by {} using {}",
            rule.words(),
            f.band_sets.get(*bands).map_or("", |b| b.name.as_str())
        ),
    }
}

fn field_text(f: &Field) -> String {
    let kind = match &f.kind {
        FieldKind::Number => "number".to_string(),
        FieldKind::YesNo => "yes or no".to_string(),
        FieldKind::Choice(choices) => choices.join(" | "),
    };
    if f.optional {
        format!("{kind}, optional")
    } else {
        kind
    }
}

fn rounding_text(s: &BandSet) -> String {
    let mode = crate::report::words::rounding(s.rounding);
    let on = if s.banded_on_exact {
        ", bands apply to the exact percentage"
    } else {
        ""
    };
    format!("rounded {mode} to whole{on}")
}

/// Bands as one line, lowest first: "below 50 Inadequate (Minority); 50 to 64 …".
fn bands_text(bands: &[Band], f: &Framework) -> String {
    bands
        .iter()
        .map(|b| {
            let name = b.name.as_ref().map_or(String::new(), |n| format!(" ({n})"));
            format!("{} {}{name}", b.range_text(), f.scale.label(b.rating))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn banding_text(f: &Framework) -> String {
    let label = |r| f.scale.label(r).to_string();
    match &f.overall.banding {
        Banding::Scores(bands) => bands
            .iter()
            .map(|b| {
                let range = if b.from == b.to {
                    b.from.to_string()
                } else {
                    format!("{} to {}", b.from, b.to)
                };
                format!("{range} {}", label(b.rating))
            })
            .collect::<Vec<_>>()
            .join("; "),
        Banding::PercentOfMaximum(bands) => {
            format!("percent of the maximum: {}", bands_text(bands, f))
        }
    }
}

/// A grouping in one line: `by age: "10–14" = 10 to 14; "15–16" = 15 to 16`.
fn grouping_text(g: &Grouping, f: &Framework) -> String {
    let field = &f.fields[g.field];
    let groups: Vec<String> = g
        .groups
        .iter()
        .map(|group| {
            let members: Vec<String> = group.members.iter().map(|m| m.text(field)).collect();
            format!("{} = {}", quoted(&group.label), members.join(", "))
        })
        .collect();
    format!("by {}: {}", field.name, groups.join("; "))
}

fn opt(text: &Option<String>) -> String {
    text.clone().unwrap_or_else(|| "(none)".to_string())
}

fn quoted(text: &str) -> String {
    format!("\"{text}\"")
}
