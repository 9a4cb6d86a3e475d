//! Variant stage: a rule file and the chain of files it is `based on` → one [`RuleFile`].
//!
//! A variant names its base right after its header and holds only what changes: `replace`
//! gives a named item a new definition in place, `remove` takes one out, `add to` puts new
//! standards into a domain or new key questions into a standard, `every case-based standard …`
//! changes how all of them are rated, and new sections are added as in a full file. Edits
//! apply in the order written, onto the base as already merged with its own base.
//!
//! Every file of the chain is parsed at its own place among the [`RuleSources`], so each node
//! of the merged tree remembers which file and line it came from, and the check stage (one pass
//! over the merged tree) points into the right file.

pub mod error;

use std::path::{Component, Path, PathBuf};

pub use error::VariantError;

use crate::check::did_you_mean;
use crate::diagnostic::{Problems, RuleSources, Source};
use crate::syntax::{
    self,
    tree::{Item, Method, Name, RemovedKind, RuleFile, RuleText, Section, Span, Standard},
};

/// A rule file merged with its bases, and the texts of every file read.
pub struct Merged {
    pub file: RuleFile,
    pub sources: RuleSources,
}

/// Read the rule file `source` and every base it names, and merge them. Problems (unreadable
/// bases, syntax errors, edits that name nothing) go into `problems`; the merged tree is given
/// only when there are none.
pub fn merge(source: Source, problems: &mut Problems) -> (Option<RuleFile>, RuleSources) {
    let mut sources = RuleSources::default();
    let mut chain = vec![];
    let mut found = vec![];
    let file = load(source, &mut sources, &mut chain, &mut found);
    for problem in found {
        match problem {
            Found::Syntax(e) => problems.push_in_rules(e, &sources),
            Found::Variant(e) => problems.push_in_rules(e, &sources),
        }
    }
    (file, sources)
}

/// What went wrong while merging, kept until every file is read so each problem is shown with
/// the texts of all the files.
enum Found {
    Syntax(syntax::SyntaxError),
    Variant(VariantError),
}

impl From<VariantError> for Found {
    fn from(e: VariantError) -> Self {
        Found::Variant(e)
    }
}

fn load(
    source: Source,
    sources: &mut RuleSources,
    chain: &mut Vec<(PathBuf, String)>,
    found: &mut Vec<Found>,
) -> Option<RuleFile> {
    let start = sources.add(source.clone());
    let text = match syntax::parse_at(&source.text, start) {
        Ok(text) => text,
        Err(e) => {
            found.push(Found::Syntax(e));
            return None;
        }
    };
    chain.push((identity(Path::new(&source.name)), source.name.clone()));
    let base = text
        .based_on
        .as_ref()
        .map(|base| load_base(&source.name, base, sources, chain, found));
    chain.pop();
    let mut file = match base {
        None => RuleFile {
            name: text.name.clone(),
            version: text.version.clone(),
            scales: vec![],
            field_lists: vec![],
            band_sets: vec![],
            discretions: vec![],
            domains: vec![],
            overalls: vec![],
        },
        Some(Some(mut base)) => {
            base.name = text.name.clone();
            base.version = text.version.clone();
            base
        }
        // The base could not be read; its problems are reported, and this file's own edits
        // cannot be checked against it.
        Some(None) => return None,
    };
    let before = found.len();
    apply(&mut file, text, found);
    (found.len() == before).then_some(file)
}

/// Read the base a variant names, relative to the variant's own folder.
fn load_base(
    variant: &str,
    base: &Name,
    sources: &mut RuleSources,
    chain: &mut Vec<(PathBuf, String)>,
    found: &mut Vec<Found>,
) -> Option<RuleFile> {
    let path = tidy(
        &Path::new(variant)
            .parent()
            .unwrap_or(Path::new(""))
            .join(&base.node),
    );
    let id = identity(&path);
    if let Some(first) = chain.iter().position(|(p, _)| *p == id) {
        let mut names: Vec<String> = chain[first..].iter().map(|(_, n)| n.clone()).collect();
        names.push(path.display().to_string());
        found.push(
            VariantError::BaseCycle {
                chain: names.join(" → "),
                at: base.span,
            }
            .into(),
        );
        return None;
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            found.push(
                VariantError::BaseUnreadable {
                    path: path.display().to_string(),
                    reason: e.to_string(),
                    at: base.span,
                }
                .into(),
            );
            return None;
        }
    };
    load(
        Source::new(path.display().to_string(), text),
        sources,
        chain,
        found,
    )
}

/// The same file by whatever path it is named: its canonical path where it exists.
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| tidy(path))
}

/// A path with `folder/..` and `.` taken out, so diagnostics name `rules/base.rules` rather
/// than `examples/schemes/../../rules/base.rules`.
fn tidy(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// What the base held before this file's items, to tell an addition from a repeat.
struct BaseHad {
    scale: bool,
    fields: bool,
    discretion: bool,
    overall: bool,
    band_sets: Vec<String>,
    domains: Vec<String>,
}

fn apply(file: &mut RuleFile, text: RuleText, found: &mut Vec<Found>) {
    let has_base = text.based_on.is_some();
    let had = BaseHad {
        scale: !file.scales.is_empty(),
        fields: !file.field_lists.is_empty(),
        discretion: !file.discretions.is_empty(),
        overall: !file.overalls.is_empty(),
        band_sets: file.band_sets.iter().map(|b| b.name.node.clone()).collect(),
        domains: file.domains.iter().map(|d| d.id.node.clone()).collect(),
    };
    for item in text.items {
        let edit = match &item {
            Item::Section(_) => None,
            Item::Replace { span, .. } => Some(("replace", *span)),
            Item::Remove(r) => Some(("remove", r.span)),
            Item::AddStandards { domain, .. } => Some(("add to domain", domain.span)),
            Item::AddQuestions { standard, .. } => Some(("add to standard", standard.span)),
            Item::AddLimiters { span, .. } => Some(("add to overall", *span)),
            Item::Every { span, .. } => Some(("every case-based standard", *span)),
        };
        if let (Some((edit, at)), false) = (edit, has_base) {
            found.push(VariantError::NoBase { edit, at }.into());
            continue;
        }
        let outcome = match item {
            Item::Section(section) => add(file, section, &had),
            Item::Replace { section, .. } => replace(file, section),
            Item::Remove(removal) => remove(file, removal.kind, removal.id, removal.span),
            Item::AddStandards { domain, standards } => match find_domain(file, &domain) {
                Ok(d) => {
                    d.standards.extend(standards);
                    Ok(())
                }
                Err(e) => Err(e.done("added to")),
            },
            Item::AddQuestions {
                standard,
                questions,
            } => match find_standard(file, &standard) {
                Ok(s) => {
                    s.questions.extend(questions);
                    Ok(())
                }
                Err(e) => Err(e.done("added to")),
            },
            Item::AddLimiters { span, limiters } => match file.overalls.first_mut() {
                Some(overall) => {
                    overall.limiters.extend(limiters);
                    Ok(())
                }
                None => Err(VariantError::NotInBase {
                    what: "overall section",
                    name: String::new(),
                    done: "added to",
                    help: "write the whole overall section, without `add to`".into(),
                    at: span,
                }),
            },
            Item::Every {
                domain,
                method,
                span,
            } => every(file, domain.as_ref(), &method, span),
        };
        if let Err(e) = outcome {
            found.push(e.into());
        }
    }
}

/// A new section: added, unless the base already has one of its kind or name.
fn add(file: &mut RuleFile, section: Section, had: &BaseHad) -> Result<(), VariantError> {
    let already = |what: &'static str, named: String, replace: String, at: Span| {
        Err(VariantError::AlreadyInBase {
            what,
            named,
            help: format!("write `replace {replace}` to change it"),
            at,
        })
    };
    match section {
        Section::Scale(s) if had.scale => {
            already("a scale", String::new(), "scale { … }".into(), s.span)
        }
        Section::Scale(s) => {
            file.scales.push(s);
            Ok(())
        }
        Section::Fields(f) if had.fields => already(
            "case fields",
            String::new(),
            "case fields { … }".into(),
            f.span,
        ),
        Section::Fields(f) => {
            file.field_lists.push(f);
            Ok(())
        }
        Section::Discretion(d) if had.discretion => already(
            "a discretion section",
            String::new(),
            "discretion { … }".into(),
            d.span,
        ),
        Section::Discretion(d) => {
            file.discretions.push(d);
            Ok(())
        }
        Section::Overall(o) if had.overall => already(
            "an overall section",
            String::new(),
            "overall { … }".into(),
            o.span,
        ),
        Section::Overall(o) => {
            file.overalls.push(o);
            Ok(())
        }
        Section::Bands(b) if had.band_sets.contains(&b.name.node) => already(
            "a band set",
            format!(" `{}`", b.name.node),
            format!("bands {} {{ … }}", b.name.node),
            b.name.span,
        ),
        Section::Bands(b) => {
            file.band_sets.push(b);
            Ok(())
        }
        Section::Domain(d) if had.domains.contains(&d.id.node) => {
            let help = format!(
                "write `replace domain {} …` to change it, `add to domain {} {{ … }}` to add standards to it, or give the new domain another id",
                d.id.node, d.id.node
            );
            Err(VariantError::AlreadyInBase {
                what: "domain",
                named: format!(" {}", d.id.node),
                help,
                at: d.id.span,
            })
        }
        Section::Domain(d) => {
            file.domains.push(d);
            Ok(())
        }
        Section::Standard(s) => Err(VariantError::Internal(format!(
            "standard {} outside a domain",
            s.id.node
        ))),
        Section::Question(q) => Err(VariantError::Internal(format!(
            "key question {} outside a standard",
            q.id.node
        ))),
    }
}

/// `replace …`: the named item of the base gets the new definition, where it stands.
fn replace(file: &mut RuleFile, section: Section) -> Result<(), VariantError> {
    let missing = |what: &'static str, at: Span| VariantError::NotInBase {
        what,
        name: String::new(),
        done: "replaced",
        help: format!("the base has no {what}: write it without `replace` to add it"),
        at,
    };
    match section {
        Section::Scale(s) if file.scales.is_empty() => Err(missing("scale", s.span)),
        Section::Scale(s) => {
            file.scales = vec![s];
            Ok(())
        }
        Section::Fields(f) if file.field_lists.is_empty() => {
            Err(missing("case fields section", f.span))
        }
        Section::Fields(f) => {
            file.field_lists = vec![f];
            Ok(())
        }
        Section::Discretion(d) if file.discretions.is_empty() => {
            Err(missing("discretion section", d.span))
        }
        Section::Discretion(d) => {
            file.discretions = vec![d];
            Ok(())
        }
        Section::Overall(o) if file.overalls.is_empty() => Err(missing("overall section", o.span)),
        Section::Overall(o) => {
            file.overalls = vec![o];
            Ok(())
        }
        Section::Bands(b) => {
            let names: Vec<String> = file.band_sets.iter().map(|s| s.name.node.clone()).collect();
            match file
                .band_sets
                .iter_mut()
                .find(|s| s.name.node == b.name.node)
            {
                Some(slot) => {
                    *slot = b;
                    Ok(())
                }
                None => {
                    Err(Unknown::new("band set", &b.name, "band sets", &names).done("replaced"))
                }
            }
        }
        Section::Domain(d) => {
            let slot = find_domain(file, &d.id).map_err(|e| e.done("replaced"))?;
            *slot = d;
            Ok(())
        }
        Section::Standard(s) => {
            let slot = find_standard(file, &s.id).map_err(|e| e.done("replaced"))?;
            *slot = s;
            Ok(())
        }
        Section::Question(q) => {
            let ids: Vec<String> = questions(file).map(|q| q.id.node.clone()).collect();
            let slot = file
                .domains
                .iter_mut()
                .flat_map(|d| &mut d.standards)
                .flat_map(|s| &mut s.questions)
                .find(|x| x.id.node == q.id.node);
            match slot {
                Some(slot) => {
                    *slot = q;
                    Ok(())
                }
                None => {
                    Err(Unknown::new("key question", &q.id, "key questions", &ids).done("replaced"))
                }
            }
        }
    }
}

fn remove(
    file: &mut RuleFile,
    kind: RemovedKind,
    id: Option<Name>,
    span: Span,
) -> Result<(), VariantError> {
    let Some(id) = id else {
        // `remove discretion`
        if file.discretions.is_empty() {
            return Err(VariantError::NotInBase {
                what: "discretion section",
                name: String::new(),
                done: "removed",
                help: "the base allows no discretion already: remove this line".into(),
                at: span,
            });
        }
        file.discretions.clear();
        return Ok(());
    };
    match kind {
        RemovedKind::Domain => {
            let ids: Vec<String> = file.domains.iter().map(|d| d.id.node.clone()).collect();
            let at = file.domains.iter().position(|d| d.id.node == id.node);
            match at {
                Some(i) => {
                    file.domains.remove(i);
                    Ok(())
                }
                None => Err(Unknown::new("domain", &id, "domains", &ids).done("removed")),
            }
        }
        RemovedKind::Standard => {
            let ids: Vec<String> = standards(file).map(|s| s.id.node.clone()).collect();
            for domain in &mut file.domains {
                if let Some(i) = domain.standards.iter().position(|s| s.id.node == id.node) {
                    domain.standards.remove(i);
                    return Ok(());
                }
            }
            Err(Unknown::new("standard", &id, "standards", &ids).done("removed"))
        }
        RemovedKind::Question => {
            let ids: Vec<String> = questions(file).map(|q| q.id.node.clone()).collect();
            for standard in file.domains.iter_mut().flat_map(|d| &mut d.standards) {
                if let Some(i) = standard.questions.iter().position(|q| q.id.node == id.node) {
                    standard.questions.remove(i);
                    return Ok(());
                }
            }
            Err(Unknown::new("key question", &id, "key questions", &ids).done("removed"))
        }
        RemovedKind::Bands | RemovedKind::Discretion => {
            let names: Vec<String> = file.band_sets.iter().map(|b| b.name.node.clone()).collect();
            match file.band_sets.iter().position(|b| b.name.node == id.node) {
                Some(i) => {
                    file.band_sets.remove(i);
                    Ok(())
                }
                None => Err(Unknown::new("band set", &id, "band sets", &names).done("removed")),
            }
        }
    }
}

/// `every case-based standard [in domain D] is rated by …`: the new rule for each standard
/// rated from cases (judged standards stay judged).
fn every(
    file: &mut RuleFile,
    domain: Option<&Name>,
    method: &Method,
    span: Span,
) -> Result<(), VariantError> {
    let ids: Vec<String> = file.domains.iter().map(|d| d.id.node.clone()).collect();
    if let Some(d) = domain.filter(|d| !ids.contains(&d.node)) {
        return Err(Unknown::new("domain", d, "domains", &ids).done("changed"));
    }
    let mut changed = 0;
    let in_scope = file
        .domains
        .iter_mut()
        .filter(|d| domain.is_none_or(|want| want.node == d.id.node));
    for standard in in_scope.flat_map(|d| &mut d.standards) {
        if matches!(standard.method, Method::RatedBy { .. }) {
            standard.method = method.clone();
            changed += 1;
        }
    }
    if changed == 0 {
        return Err(VariantError::EveryChangesNothing {
            scope: domain.map_or(String::new(), |d| format!(" in domain {}", d.node)),
            at: span,
        });
    }
    Ok(())
}

fn standards(file: &RuleFile) -> impl Iterator<Item = &Standard> {
    file.domains.iter().flat_map(|d| &d.standards)
}

fn questions(file: &RuleFile) -> impl Iterator<Item = &crate::syntax::tree::Question> {
    standards(file).flat_map(|s| &s.questions)
}

fn find_domain<'a>(
    file: &'a mut RuleFile,
    id: &Name,
) -> Result<&'a mut crate::syntax::tree::Domain, Unknown> {
    let ids: Vec<String> = file.domains.iter().map(|d| d.id.node.clone()).collect();
    file.domains
        .iter_mut()
        .find(|d| d.id.node == id.node)
        .ok_or_else(|| Unknown::new("domain", id, "domains", &ids))
}

fn find_standard<'a>(file: &'a mut RuleFile, id: &Name) -> Result<&'a mut Standard, Unknown> {
    let ids: Vec<String> = standards(file).map(|s| s.id.node.clone()).collect();
    file.domains
        .iter_mut()
        .flat_map(|d| &mut d.standards)
        .find(|s| s.id.node == id.node)
        .ok_or_else(|| Unknown::new("standard", id, "standards", &ids))
}

/// A name the base does not have, with "did you mean" among those it does; `done` says what
/// the edit wanted to do with it.
struct Unknown {
    what: &'static str,
    name: String,
    help: String,
    at: Span,
}

impl Unknown {
    fn new(what: &'static str, name: &Name, plural: &str, known: &[String]) -> Self {
        Unknown {
            what,
            name: name.node.clone(),
            help: did_you_mean(&name.node, plural, known.iter().map(String::as_str)),
            at: name.span,
        }
    }

    fn done(self, done: &'static str) -> VariantError {
        VariantError::NotInBase {
            what: self.what,
            name: format!(" `{}`", self.name),
            done,
            help: self.help,
            at: self.at,
        }
    }
}
