//! Every name a rule file defines and every place it is used, from a syntax tree: band sets,
//! case fields and their values, the scale's labels, domains, standards, key questions,
//! prompts, groupings and measures. Hover, go to definition, find references and completion
//! all read this one index.
//!
//! Spans are positions among the rule files loaded together (the open file first, at 0).
//! Never reads a file; never checks the rules.

use crate::syntax::print;
use crate::syntax::tree::*;

/// What a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A band set.
    Bands,
    /// A case field.
    Field,
    /// One value of a choice field.
    Value,
    /// A label of the rating scale.
    Label,
    /// A domain.
    Domain,
    /// A standard.
    Standard,
    /// A key question.
    Question,
    /// A prompt.
    Prompt,
    /// A grouping for research tables.
    Grouping,
    /// A measure for research tables.
    Measure,
}

/// A name where it is defined, with what hovering on it shows.
#[derive(Debug, Clone)]
pub struct Definition {
    /// What it names.
    pub kind: Kind,
    /// The name (for a value, `field.value`).
    pub name: String,
    /// Where it is written.
    pub span: Span,
    /// What hovering over it shows, in Markdown.
    pub hover: String,
}

/// A name where it is used.
#[derive(Debug, Clone)]
pub struct Use {
    /// What it names.
    pub kind: Kind,
    /// The name (for a value, `field.value`).
    pub name: String,
    /// Where it is written.
    pub span: Span,
}

/// The definitions and uses of one tree.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Every definition, in the order written.
    pub definitions: Vec<Definition>,
    /// Every use, in the order written.
    pub uses: Vec<Use>,
}

impl Index {
    /// The definitions and uses of a rule file as written (a variant's edits among them).
    pub fn of_text(text: &RuleText) -> Index {
        let mut index = Index::default();
        for item in &text.items {
            index.item(item);
        }
        index
    }

    /// Add another index's definitions that this one lacks (the same name at the same place).
    pub fn add_definitions(&mut self, other: Index) {
        for d in other.definitions {
            let known = self
                .definitions
                .iter()
                .any(|m| m.kind == d.kind && m.name == d.name && m.span == d.span);
            if !known {
                self.definitions.push(d);
            }
        }
    }

    /// The name written at `offset`: a definition or a use, as (kind, name).
    pub fn at(&self, offset: usize) -> Option<(Kind, &str)> {
        let inside = |s: &Span| s.start <= offset && offset <= s.end;
        self.definitions
            .iter()
            .find(|d| inside(&d.span))
            .map(|d| (d.kind, d.name.as_str()))
            .or_else(|| {
                self.uses
                    .iter()
                    .find(|u| inside(&u.span))
                    .map(|u| (u.kind, u.name.as_str()))
            })
    }

    /// Where a name is defined; the first definition in this file comes first.
    pub fn definition(&self, kind: Kind, name: &str) -> Option<&Definition> {
        self.definitions
            .iter()
            .find(|d| d.kind == kind && d.name == name)
    }

    /// Every use of a name.
    pub fn uses_of<'i>(&'i self, kind: Kind, name: &'i str) -> impl Iterator<Item = &'i Use> {
        self.uses
            .iter()
            .filter(move |u| u.kind == kind && u.name == name)
    }

    /// The names defined of one kind, each once, in the order written.
    pub fn names(&self, kind: Kind) -> Vec<&str> {
        let mut names: Vec<&str> = vec![];
        for d in self.definitions.iter().filter(|d| d.kind == kind) {
            if !names.contains(&d.name.as_str()) {
                names.push(&d.name);
            }
        }
        names
    }

    fn define(&mut self, kind: Kind, name: &Name, hover: String) {
        self.definitions.push(Definition {
            kind,
            name: name.node.clone(),
            span: name.span,
            hover,
        });
    }

    fn uses(&mut self, kind: Kind, name: &Name) {
        self.uses.push(Use {
            kind,
            name: name.node.clone(),
            span: name.span,
        });
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Section(s) | Item::Replace { section: s, .. } => self.section(s),
            Item::Remove(removal) => match &removal.removed {
                Removed::Domain(id) => self.uses(Kind::Domain, id),
                Removed::Standard(id) => self.uses(Kind::Standard, id),
                Removed::Question(id) => self.uses(Kind::Question, id),
                Removed::Prompt(id) => self.uses(Kind::Prompt, id),
                Removed::Bands(name) => self.uses(Kind::Bands, name),
                Removed::Grouping(name) => self.uses(Kind::Grouping, name),
                Removed::Measure(name) => self.uses(Kind::Measure, name),
                Removed::Discretion => {}
            },
            Item::AddStandards {
                domain, standards, ..
            } => {
                self.uses(Kind::Domain, domain);
                for s in standards {
                    self.standard(s);
                }
            }
            Item::AddQuestions {
                standard,
                questions,
                ..
            } => {
                self.uses(Kind::Standard, standard);
                for q in questions {
                    self.question(q, &standard.node);
                }
            }
            Item::AddPrompts {
                question, prompts, ..
            } => {
                self.uses(Kind::Question, question);
                for p in prompts {
                    self.prompt(p, &question.node);
                }
            }
            Item::Reword { item, id, .. } => {
                let kind = match item {
                    ItemKind::Domain => Kind::Domain,
                    ItemKind::Standard => Kind::Standard,
                    ItemKind::Question => Kind::Question,
                    ItemKind::Prompt => Kind::Prompt,
                };
                self.uses(kind, id);
            }
            Item::AddLimiters { limiters, .. } => {
                for l in limiters {
                    self.limiter(l);
                }
            }
            Item::Every { domain, method, .. } => {
                if let Some(d) = domain {
                    self.uses(Kind::Domain, d);
                }
                self.method(method);
            }
        }
    }

    fn section(&mut self, section: &Section) {
        match section {
            Section::Scale(scale) => {
                for e in &scale.entries {
                    let hover =
                        format!("rating **{}**, which scores {}", e.label.node, e.score.node);
                    self.define(Kind::Label, &e.label, hover);
                }
            }
            Section::Fields(list) => {
                for field in &list.fields {
                    self.field(field);
                }
            }
            Section::Bands(set) => {
                let hover = format!("```ratebook\n{}```", print::section(section));
                self.define(Kind::Bands, &set.name, hover);
                for band in &set.bands {
                    self.uses(Kind::Label, &band.label);
                }
            }
            Section::Discretion(_) | Section::Suppress(_) => {}
            Section::Domain(domain) => self.domain(domain),
            Section::Overall(overall) => self.overall(overall),
            Section::Standard(standard) => self.standard(standard),
            Section::Question(question) => self.question(question, ""),
            Section::Grouping(grouping) => {
                let hover = format!("```ratebook\n{}```", print::section(section));
                self.define(Kind::Grouping, &grouping.name, hover);
                self.uses(Kind::Field, &grouping.field);
                for group in &grouping.groups {
                    for value in &group.values {
                        if let GroupValue::Name(v) = &value.node {
                            self.uses.push(Use {
                                kind: Kind::Value,
                                name: format!("{}.{v}", grouping.field.node),
                                span: value.span,
                            });
                        }
                    }
                }
            }
            Section::Measure(measure) => {
                let items: Vec<&str> = measure.items.iter().map(|i| i.node.as_str()).collect();
                let hover = format!(
                    "measure **{}**: {}\n\npooled from {}",
                    measure.name.node,
                    measure.text,
                    items.join(", ")
                );
                self.define(Kind::Measure, &measure.name, hover);
                for id in &measure.items {
                    // A measure pools key questions or prompts: both are looked up.
                    let kind = if id.node.ends_with(|c: char| c.is_ascii_alphabetic()) {
                        Kind::Prompt
                    } else {
                        Kind::Question
                    };
                    self.uses(kind, id);
                }
            }
        }
    }

    fn field(&mut self, field: &Field) {
        let title = field
            .title
            .as_ref()
            .map_or(String::new(), |t| format!(" ({t})"));
        let optional = if field.optional { ", optional" } else { "" };
        let kind = match &field.kind {
            FieldKind::Number => "a whole number".to_string(),
            FieldKind::YesNo => "yes or no".to_string(),
            FieldKind::Choice(choices) => {
                let values: Vec<String> = choices
                    .iter()
                    .zip(field.labels.iter().chain(std::iter::repeat(&None)))
                    .map(|(c, l)| match l {
                        Some(l) => format!("`{}` ({l})", c.node),
                        None => format!("`{}`", c.node),
                    })
                    .collect();
                format!("one of {}", values.join(", "))
            }
        };
        let hover = format!(
            "case field **{}**{title}: {kind}{optional}",
            field.name.node
        );
        self.define(Kind::Field, &field.name, hover);
        if let FieldKind::Choice(choices) = &field.kind {
            for (c, label) in choices
                .iter()
                .zip(field.labels.iter().chain(std::iter::repeat(&None)))
            {
                let label = label
                    .as_ref()
                    .map_or(String::new(), |l| format!(", written \"{l}\""));
                let hover = format!(
                    "value `{}` of case field **{}**{label}",
                    c.node, field.name.node
                );
                self.definitions.push(Definition {
                    kind: Kind::Value,
                    name: format!("{}.{}", field.name.node, c.node),
                    span: c.span,
                    hover,
                });
            }
        }
    }

    fn domain(&mut self, domain: &Domain) {
        let population = domain.population.as_ref().map_or(String::new(), |p| {
            format!("\n\ncases where {}", print::expr(&p.node))
        });
        let hover = format!(
            "domain **{} {}**{population}\n\n{} standard(s)",
            domain.id.node,
            domain.title,
            domain.standards.len()
        );
        self.define(Kind::Domain, &domain.id, hover);
        if let Some(p) = &domain.population {
            self.expr(&p.node);
        }
        for s in &domain.standards {
            self.standard(s);
        }
    }

    fn standard(&mut self, standard: &Standard) {
        let how = match &standard.method {
            Method::Judged => "judged by the inspector".to_string(),
            Method::RatedBy { aggregation, bands } => format!(
                "rated from the cases by {} using the band set `{}`",
                aggregation.node, bands.node
            ),
        };
        let mut hover = format!(
            "standard **{} {}**: {how}",
            standard.id.node, standard.title
        );
        if standard.not_scored {
            hover.push_str("; not scored");
        }
        if let Some(statement) = &standard.statement {
            hover.push_str(&format!("\n\n{statement}"));
        }
        if let Some(sample) = &standard.sample {
            hover.push_str(&format!("\n\nsample: {}", print::expr(&sample.node)));
        }
        self.define(Kind::Standard, &standard.id, hover);
        self.method(&standard.method);
        if let Some(sample) = &standard.sample {
            self.expr(&sample.node);
        }
        for q in &standard.questions {
            self.question(q, &standard.id.node);
        }
    }

    fn method(&mut self, method: &Method) {
        if let Method::RatedBy { bands, .. } = method {
            self.uses(Kind::Bands, bands);
        }
    }

    fn question(&mut self, question: &Question, standard: &str) {
        let of = if standard.is_empty() {
            String::new()
        } else {
            format!(" of standard {standard}")
        };
        let sample = question.sample.as_ref().map_or(
            "\n\nasked of every case the standard rates".to_string(),
            |s| format!("\n\nsample: {}", print::expr(&s.node)),
        );
        let hover = format!(
            "key question **{}**{of}\n\n{}{sample}",
            question.id.node, question.text
        );
        self.define(Kind::Question, &question.id, hover);
        if let Some(sample) = &question.sample {
            self.expr(&sample.node);
        }
        for p in &question.prompts {
            self.prompt(p, &question.id.node);
        }
    }

    fn prompt(&mut self, prompt: &Prompt, question: &str) {
        let hover = format!(
            "prompt **{}** of key question {question}\n\n{}",
            prompt.id.node, prompt.text
        );
        self.define(Kind::Prompt, &prompt.id, hover);
    }

    fn overall(&mut self, overall: &Overall) {
        for w in &overall.weights {
            match &w.target {
                WeightTarget::Domain(id) => self.uses(Kind::Domain, id),
                WeightTarget::Standard(id) => self.uses(Kind::Standard, id),
            }
        }
        for band in &overall.bands {
            self.uses(Kind::Label, &band.label);
        }
        for l in &overall.limiters {
            self.limiter(l);
        }
    }

    fn limiter(&mut self, limiter: &Limiter) {
        self.uses(Kind::Label, &limiter.rating);
        for clause in &limiter.clauses {
            if let Some(d) = &clause.domain {
                self.uses(Kind::Domain, d);
            }
            self.uses(Kind::Label, &clause.test.label);
        }
    }

    fn expr(&mut self, expr: &Expr) {
        match expr {
            Expr::Or(all) | Expr::And(all) => {
                for e in all {
                    self.expr(e);
                }
            }
            Expr::Not(inner) => self.expr(inner),
            Expr::Compare { field, value, .. } => {
                self.uses(Kind::Field, field);
                self.value(field, value);
            }
            Expr::In { field, values, .. } => {
                self.uses(Kind::Field, field);
                for v in values {
                    self.value(field, v);
                }
            }
        }
    }

    fn value(&mut self, field: &Name, value: &Spanned<Literal>) {
        if let Literal::Word(word) = &value.node {
            self.uses.push(Use {
                kind: Kind::Value,
                name: format!("{}.{word}", field.node),
                span: value.span,
            });
        }
    }
}
