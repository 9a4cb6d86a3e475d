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
//!
//! A base that cannot be read by the path written, whose name is a bundled ruleset's
//! (`based on "hmip-youth-2019"`), is that ruleset ([`crate::bundled`]).
//!
//! Bases are read through a [`RuleFiles`] the caller gives: the disk through the guarded
//! reader ([`crate::io::read::Disk`]), or rule text held in memory (an editor's open files, a
//! Python caller's strings). This stage never touches a file itself.

pub mod error;

use std::path::{Component, Path, PathBuf};

pub use error::VariantError;

use crate::diagnostic::{Problems, RuleSources, Source};
use crate::suggest::did_you_mean;
use crate::syntax::{
    self,
    tree::{
        BandSet, Domain, Grouping, Item, ItemKind, Measure, Method, Name, Prompt, Question,
        Removed, RuleFile, RuleText, Section, Span, Spanned, Standard, WeightTarget, Wording,
    },
};

/// Where a variant's bases come from: a function from a path to the rule text there.
pub trait RuleFiles {
    /// The text of the rule file at `path`, or why it cannot be read (in a few words).
    fn read(&self, path: &Path) -> Result<String, String>;

    /// The same file by whatever path it is named, to find a chain of bases that comes back
    /// to itself. By default the path with `.` and `folder/..` taken out.
    fn identity(&self, path: &Path) -> PathBuf {
        tidy(path)
    }
}

/// Any function from a path to its text is a [`RuleFiles`]: rule text held in memory.
impl<F: Fn(&Path) -> Result<String, String>> RuleFiles for F {
    fn read(&self, path: &Path) -> Result<String, String> {
        self(path)
    }
}

/// Read every base the rule file `source` names through `files`, and merge them. Problems
/// (unreadable bases, syntax errors, edits that name nothing) go into `problems`; the merged
/// tree is given only when there are none.
pub fn merge(
    source: Source,
    files: &dyn RuleFiles,
    problems: &mut Problems,
) -> (Option<RuleFile>, RuleSources) {
    let (file, sources, _) = read_chain(source, files, problems, false);
    (file, sources)
}

/// [`merge`], keeping each file read as written (its syntax tree, before merging), in the
/// order read: the rule file first, then its bases. A file that does not parse has none.
pub fn merge_keeping_texts(
    source: Source,
    files: &dyn RuleFiles,
    problems: &mut Problems,
) -> (Option<RuleFile>, RuleSources, Vec<RuleText>) {
    read_chain(source, files, problems, true)
}

fn read_chain(
    source: Source,
    files: &dyn RuleFiles,
    problems: &mut Problems,
    keep_texts: bool,
) -> (Option<RuleFile>, RuleSources, Vec<RuleText>) {
    let mut sources = RuleSources::default();
    let mut chain = vec![];
    let mut found = vec![];
    let mut written = vec![];
    let mut reading = Reading {
        files,
        sources: &mut sources,
        chain: &mut chain,
        found: &mut found,
        written: keep_texts.then_some(&mut written),
    };
    let file = load(source, &mut reading);
    // Kept until every file is read, so each problem is shown with the texts of all of them.
    for problem in found {
        problems.push_in_rules(problem, &sources);
    }
    (file, sources, written)
}

/// What reading a chain of rule files keeps as it goes.
struct Reading<'r> {
    files: &'r dyn RuleFiles,
    sources: &'r mut RuleSources,
    chain: &'r mut Vec<(PathBuf, String)>,
    found: &'r mut Vec<VariantError>,
    /// Each file as written, when they are kept.
    written: Option<&'r mut Vec<RuleText>>,
}

fn load(source: Source, r: &mut Reading) -> Option<RuleFile> {
    let start = r.sources.add(source.clone());
    let text = match syntax::parse_at(&source.text, start) {
        Ok(text) => text,
        Err(errors) => {
            r.found.extend(errors.into_iter().map(VariantError::from));
            return None;
        }
    };
    if let Some(written) = r.written.as_deref_mut() {
        written.push(text.clone());
    }
    r.chain.push((
        r.files.identity(Path::new(&source.name)),
        source.name.clone(),
    ));
    let base = text
        .based_on
        .as_ref()
        .map(|base| load_base(&source.name, base, r));
    r.chain.pop();
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
            groupings: vec![],
            measures: vec![],
            suppressions: vec![],
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
    let before = errors(r.found);
    let own = Span {
        start,
        end: start + source.text.len(),
    };
    apply(&mut file, text, own, r.found);
    (errors(r.found) == before).then_some(file)
}

/// How many of the problems found are errors (a warning does not stop the merge).
fn errors(found: &[VariantError]) -> usize {
    use miette::Diagnostic;
    found
        .iter()
        .filter(|e| e.severity() != Some(miette::Severity::Warning))
        .count()
}

/// Read the base a variant names, relative to the variant's own folder.
fn load_base(variant: &str, base: &Name, r: &mut Reading) -> Option<RuleFile> {
    let path = tidy(
        &Path::new(variant)
            .parent()
            .unwrap_or(Path::new(""))
            .join(&base.node),
    );
    let id = r.files.identity(&path);
    if let Some(first) = r.chain.iter().position(|(p, _)| *p == id) {
        let mut names: Vec<String> = r.chain[first..].iter().map(|(_, n)| n.clone()).collect();
        names.push(path.display().to_string());
        r.found.push(VariantError::BaseCycle {
            chain: names.join(" → "),
            at: base.span,
        });
        return None;
    }
    let text = match r.files.read(&path) {
        Ok(text) => text,
        // No file of that name: a ruleset ratebook carries, by its name.
        Err(_) if crate::bundled::find(&base.node).is_some() => {
            let (name, text) = crate::bundled::find(&base.node).unwrap_or_default();
            return load(Source::new(name, text), r);
        }
        Err(reason) => {
            r.found.push(VariantError::BaseUnreadable {
                path: path.display().to_string(),
                reason,
                at: base.span,
            });
            return None;
        }
    };
    load(Source::new(path.display().to_string(), text), r)
}

/// A path with `folder/..` and `.` taken out, so diagnostics name `rules/base.rules` rather
/// than `examples/schemes/../../rules/base.rules`.
pub fn tidy(path: &Path) -> PathBuf {
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
    groupings: Vec<String>,
    measures: Vec<String>,
    suppress: bool,
}

/// Apply a file's items to `file` (its base as merged), in the order written. `own` is the
/// span of the file's own text, to tell its declarations from its bases'.
fn apply(file: &mut RuleFile, text: RuleText, own: Span, found: &mut Vec<VariantError>) {
    let has_base = text.based_on.is_some();
    let had = BaseHad {
        scale: !file.scales.is_empty(),
        fields: !file.field_lists.is_empty(),
        discretion: !file.discretions.is_empty(),
        overall: !file.overalls.is_empty(),
        band_sets: file.band_sets.iter().map(|b| b.name.node.clone()).collect(),
        domains: file.domains.iter().map(|d| d.id.node.clone()).collect(),
        groupings: file.groupings.iter().map(|g| g.name.node.clone()).collect(),
        measures: file.measures.iter().map(|m| m.name.node.clone()).collect(),
        suppress: !file.suppressions.is_empty(),
    };
    // Each edit's span, with the ids it took out.
    let mut taken: Vec<(Vec<String>, Span)> = vec![];
    for item in text.items {
        let edit = match &item {
            Item::Section(_) => None,
            Item::Replace { span, .. } => Some(("replace", *span)),
            Item::Remove(r) => Some(("remove", r.span)),
            Item::AddStandards { domain, .. } => Some(("add to domain", domain.span)),
            Item::AddQuestions { standard, .. } => Some(("add to standard", standard.span)),
            Item::AddPrompts { question, .. } => Some(("add to question", question.span)),
            Item::Reword { span, .. } => Some(("replace … of", *span)),
            Item::AddLimiters { span, .. } => Some(("add to overall", *span)),
            Item::Every { span, .. } => Some(("every case-based standard", *span)),
        };
        if let (Some((edit, at)), false) = (edit, has_base) {
            found.push(VariantError::NoBase { edit, at });
            continue;
        }
        // Only a replace or a remove can take ids out of the file.
        let takes_out = matches!(item, Item::Replace { .. } | Item::Remove(_));
        let before = takes_out.then(|| Ids::of(file));
        let edit_span = item_span(&item);
        let outcome = match item {
            Item::Section(section) => add(file, section, &had),
            Item::Replace { section, span } => {
                // A standard made judged has no key questions: leaving them out is the edit.
                let judged =
                    matches!(&section, Section::Standard(s) if matches!(s.method, Method::Judged));
                let replaced = replace(file, section);
                if let (Ok(()), false, Some(before)) = (&replaced, judged, &before) {
                    let dropped = before.missing_from(&Ids::of(file));
                    if !dropped.is_empty() {
                        found.push(VariantError::ReplaceDrops {
                            dropped: by_kind(&dropped),
                            at: span,
                        });
                    }
                }
                replaced
            }
            Item::Remove(removal) => remove(file, removal.removed, removal.span),
            Item::AddPrompts {
                question, prompts, ..
            } => questions(file, &question)
                .map(|(list, i)| list[i].prompts.extend(prompts))
                .map_err(|e| e.done("added to")),
            Item::Reword {
                part,
                item,
                id,
                text,
                ..
            } => reword(file, part, item, &id, text),
            Item::AddStandards {
                domain, standards, ..
            } => domains(file, &domain)
                .map(|(list, i)| list[i].standards.extend(standards))
                .map_err(|e| e.done("added to")),
            Item::AddQuestions {
                standard,
                questions,
                ..
            } => self::standards(file, &standard)
                .map(|(list, i)| list[i].questions.extend(questions))
                .map_err(|e| e.done("added to")),
            Item::AddLimiters { span, limiters } => match file.overalls.first_mut() {
                Some(overall) => {
                    overall.limiters.extend(limiters);
                    Ok(())
                }
                None => Err(missing(
                    "overall section",
                    "added to",
                    "write the whole overall section, without `add to`",
                    span,
                )),
            },
            Item::Every {
                domain,
                method,
                span,
            } => every(file, domain.as_ref(), &method, span),
        };
        match (outcome, edit_span, before) {
            (Err(e), _, _) => found.push(e),
            (Ok(()), Some(at), Some(before)) => {
                taken.push((before.missing_from(&Ids::of(file)), at));
            }
            (Ok(()), _, _) => {}
        }
    }
    // What an edit took out (and no later edit put back) that a declaration of a base still
    // names, once every edit is made: a later edit may mend the declaration itself.
    if !taken.is_empty() {
        let after = Ids::of(file);
        let now: std::collections::HashSet<&str> = after.0.iter().map(String::as_str).collect();
        for (gone, at) in taken {
            let gone: Vec<String> = gone
                .into_iter()
                .filter(|g| !now.contains(g.as_str()))
                .collect();
            found.extend(dangling(file, &gone, at, own));
        }
    }
}

/// Where an edit is written, to report what it leaves behind there.
fn item_span(item: &Item) -> Option<Span> {
    match item {
        Item::Section(_) => None,
        Item::Replace { span, .. } | Item::Reword { span, .. } => Some(*span),
        Item::Remove(r) => Some(r.span),
        Item::AddStandards { domain, .. } => Some(domain.span),
        Item::AddQuestions { standard, .. } => Some(standard.span),
        Item::AddPrompts { question, .. } => Some(question.span),
        Item::AddLimiters { span, .. } | Item::Every { span, .. } => Some(*span),
    }
}

/// Every domain, standard, key question and prompt id of a file, in order, each as
/// "key question 2.2.3".
struct Ids(Vec<String>);

impl Ids {
    fn of(file: &RuleFile) -> Ids {
        let mut ids = vec![];
        for domain in &file.domains {
            ids.push(format!("domain {}", domain.id.node));
            for standard in &domain.standards {
                ids.push(format!("standard {}", standard.id.node));
                for question in &standard.questions {
                    ids.push(format!("key question {}", question.id.node));
                    for prompt in &question.prompts {
                        ids.push(format!("prompt {}", prompt.id.node));
                    }
                }
            }
        }
        Ids(ids)
    }

    /// The ids here that `after` no longer has, in order.
    fn missing_from(&self, after: &Ids) -> Vec<String> {
        let kept: std::collections::HashSet<&str> = after.0.iter().map(String::as_str).collect();
        self.0
            .iter()
            .filter(|id| !kept.contains(id.as_str()))
            .cloned()
            .collect()
    }
}

/// Ids ("prompt 3.4.1a", "prompt 3.4.1b", "key question 3.4.2") said by kind, in order:
/// "2 prompts (3.4.1a, 3.4.1b), and key question 3.4.2".
fn by_kind(ids: &[String]) -> String {
    let mut kinds: Vec<(&str, Vec<&str>)> = vec![];
    for id in ids {
        let (kind, id) = id.rsplit_once(' ').unwrap_or(("", id));
        match kinds.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, list)) => list.push(id),
            None => kinds.push((kind, vec![id])),
        }
    }
    let said: Vec<String> = kinds
        .iter()
        .map(|(kind, list)| match list.as_slice() {
            [one] => format!("{kind} {one}"),
            _ => format!("{} {} ({})", list.len(), plural(kind), list.join(", ")),
        })
        .collect();
    said.join(", and ")
}

fn plural(kind: &str) -> String {
    match kind {
        "key question" => "key questions".into(),
        other => format!("{other}s"),
    }
}

/// The declarations of a base (outside `own`, the span of the variant's own text) that name an
/// id the edit at `at` took out (`gone`, as "key question 2.2.3"): each reported at the edit,
/// with the base's line marked and what to write in the variant.
fn dangling(file: &RuleFile, gone: &[String], at: Span, own: Span) -> Vec<VariantError> {
    let in_base = |span: Span| !(own.start <= span.start && span.end <= own.end);
    let named = |id: &str| gone.iter().find(|g| g.rsplit(' ').next() == Some(id));
    let mut found = vec![];
    for measure in file.measures.iter().filter(|m| in_base(m.name.span)) {
        for item in &measure.items {
            if let Some(what) = named(&item.node) {
                let kept: Vec<&str> = measure
                    .items
                    .iter()
                    .filter(|i| named(&i.node).is_none())
                    .map(|i| i.node.as_str())
                    .collect();
                let help = if kept.is_empty() {
                    format!(
                        "write `remove measure {}` in this variant",
                        measure.name.node
                    )
                } else {
                    format!(
                        "write `remove measure {name}`, or `replace measure {name} \"{text}\" = {kept}`, in this variant",
                        name = measure.name.node,
                        text = measure.text.replace('\\', "\\\\").replace('"', "\\\""),
                        kept = kept.join(", ")
                    )
                };
                found.push(VariantError::LeavesDangling {
                    gone: what.clone(),
                    declaration: format!("measure `{}`", measure.name.node),
                    help,
                    at,
                    base: item.span,
                });
            }
        }
    }
    for overall in file.overalls.iter().filter(|o| in_base(o.span)) {
        for weight in &overall.weights {
            let (WeightTarget::Domain(id) | WeightTarget::Standard(id)) = &weight.target;
            if let Some(what) = named(&id.node) {
                found.push(VariantError::LeavesDangling {
                    gone: what.clone(),
                    declaration: "a weight of the overall section".into(),
                    help: "write `replace overall { … }` in this variant, without this weight"
                        .into(),
                    at,
                    base: weight.span,
                });
            }
        }
        for limiter in &overall.limiters {
            let domains = limiter.clauses.iter().filter_map(|c| c.domain.as_ref());
            for domain in domains {
                if let Some(what) = named(&domain.node) {
                    found.push(VariantError::LeavesDangling {
                        gone: what.clone(),
                        declaration: "a limiter of the overall section".into(),
                        help: "write `replace overall { … }` in this variant, with this limiter changed or left out".into(),
                        at,
                        base: domain.span,
                    });
                }
            }
        }
    }
    found
}

/// `replace title of standard 3.4 "…"` and the like: one text of an item given anew.
fn reword(
    file: &mut RuleFile,
    part: Spanned<Wording>,
    item: ItemKind,
    id: &Name,
    text: String,
) -> Result<(), VariantError> {
    let wrong = |has: &'static str| VariantError::NoSuchWording {
        item: item_words(item),
        part: wording_words(part.node),
        has,
        id: id.node.clone(),
        at: part.span,
    };
    match (item, part.node) {
        (ItemKind::Domain, Wording::Title) => {
            let (list, i) = domains(file, id).map_err(|e| e.done("reworded"))?;
            list[i].title = text;
        }
        (ItemKind::Standard, Wording::Title) => {
            let (list, i) = standards(file, id).map_err(|e| e.done("reworded"))?;
            list[i].title = text;
        }
        (ItemKind::Standard, Wording::Statement) => {
            let (list, i) = standards(file, id).map_err(|e| e.done("reworded"))?;
            list[i].statement = Some(text);
        }
        (ItemKind::Question, Wording::Text) => {
            let (list, i) = questions(file, id).map_err(|e| e.done("reworded"))?;
            list[i].text = text;
        }
        (ItemKind::Prompt, Wording::Text) => {
            let (list, i) = prompts(file, id).map_err(|e| e.done("reworded"))?;
            list[i].text = text;
        }
        (ItemKind::Domain, _) => return Err(wrong("a title")),
        (ItemKind::Standard, _) => return Err(wrong("a title and a statement")),
        (ItemKind::Question | ItemKind::Prompt, _) => return Err(wrong("a text")),
    }
    Ok(())
}

fn item_words(item: ItemKind) -> &'static str {
    match item {
        ItemKind::Domain => "domain",
        ItemKind::Standard => "standard",
        ItemKind::Question => "question",
        ItemKind::Prompt => "prompt",
    }
}

fn wording_words(part: Wording) -> &'static str {
    match part {
        Wording::Title => "title",
        Wording::Statement => "statement",
        Wording::Text => "text",
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
        Section::Fields(f) if had.fields => already(
            "case fields",
            String::new(),
            "case fields { … }".into(),
            f.span,
        ),
        Section::Discretion(d) if had.discretion => already(
            "a discretion section",
            String::new(),
            "discretion { … }".into(),
            d.span,
        ),
        Section::Overall(o) if had.overall => already(
            "an overall section",
            String::new(),
            "overall { … }".into(),
            o.span,
        ),
        Section::Bands(b) if had.band_sets.contains(&b.name.node) => already(
            "a band set",
            format!(" `{}`", b.name.node),
            format!("bands {} {{ … }}", b.name.node),
            b.name.span,
        ),
        Section::Domain(d) if had.domains.contains(&d.id.node) => {
            Err(VariantError::AlreadyInBase {
                what: "domain",
                named: format!(" {}", d.id.node),
                help: format!(
                    "write `replace domain {id} …` to change it, `add to domain {id} {{ … }}` to add standards to it, or give the new domain another id",
                    id = d.id.node
                ),
                at: d.id.span,
            })
        }
        Section::Grouping(g) if had.groupings.contains(&g.name.node) => already(
            "a grouping",
            format!(" `{}`", g.name.node),
            format!("group {} … {{ … }}", g.name.node),
            g.name.span,
        ),
        Section::Measure(m) if had.measures.contains(&m.name.node) => already(
            "a measure",
            format!(" `{}`", m.name.node),
            format!("measure {} \"…\" = …", m.name.node),
            m.name.span,
        ),
        Section::Suppress(s) if had.suppress => already(
            "a suppression rule",
            String::new(),
            format!("suppress cells below {}", s.below.node),
            s.span,
        ),
        new => push(file, new),
    }
}

/// Put a new section into the file, after those of its kind.
fn push(file: &mut RuleFile, section: Section) -> Result<(), VariantError> {
    match section {
        Section::Scale(s) => file.scales.push(s),
        Section::Fields(f) => file.field_lists.push(f),
        Section::Discretion(d) => file.discretions.push(d),
        Section::Overall(o) => file.overalls.push(o),
        Section::Bands(b) => file.band_sets.push(b),
        Section::Domain(d) => file.domains.push(d),
        Section::Grouping(g) => file.groupings.push(g),
        Section::Measure(m) => file.measures.push(m),
        Section::Suppress(s) => file.suppressions.push(s),
        // The grammar writes these only after `replace`.
        Section::Standard(s) => {
            return Err(VariantError::Internal(format!(
                "standard {} outside a domain",
                s.id.node
            )));
        }
        Section::Question(q) => {
            return Err(VariantError::Internal(format!(
                "key question {} outside a standard",
                q.id.node
            )));
        }
    }
    Ok(())
}

/// `replace …`: the named item of the base gets the new definition, where it stands.
fn replace(file: &mut RuleFile, section: Section) -> Result<(), VariantError> {
    match section {
        Section::Scale(s) => {
            let at = s.span;
            whole(&mut file.scales, s, "scale", at)
        }
        Section::Fields(f) => {
            let at = f.span;
            whole(&mut file.field_lists, f, "case fields section", at)
        }
        Section::Discretion(d) => {
            let at = d.span;
            whole(&mut file.discretions, d, "discretion section", at)
        }
        Section::Overall(o) => {
            let at = o.span;
            whole(&mut file.overalls, o, "overall section", at)
        }
        Section::Bands(b) => put(band_sets(file, &b.name.clone()), b),
        Section::Domain(d) => put(domains(file, &d.id.clone()), d),
        Section::Standard(s) => put(standards(file, &s.id.clone()), s),
        Section::Question(q) => put(questions(file, &q.id.clone()), q),
        Section::Grouping(g) => put(groupings(file, &g.name.clone()), g),
        Section::Measure(m) => put(measures(file, &m.name.clone()), m),
        Section::Suppress(s) => {
            let at = s.span;
            whole(&mut file.suppressions, s, "suppression rule", at)
        }
    }
}

/// A section a file has one of, replaced whole, if the base has it.
fn whole<T>(list: &mut Vec<T>, new: T, what: &'static str, at: Span) -> Result<(), VariantError> {
    if list.is_empty() {
        let help = format!("the base has no {what}: write it without `replace` to add it");
        return Err(missing(what, "replaced", &help, at));
    }
    *list = vec![new];
    Ok(())
}

/// A named item replaced where it stands.
fn put<T>(place: Result<Place<'_, T>, Unknown>, new: T) -> Result<(), VariantError> {
    let (list, i) = place.map_err(|e| e.done("replaced"))?;
    list[i] = new;
    Ok(())
}

fn remove(file: &mut RuleFile, removed: Removed, at: Span) -> Result<(), VariantError> {
    fn take<T>(place: Result<Place<'_, T>, Unknown>) -> Result<(), VariantError> {
        let (list, i) = place.map_err(|e| e.done("removed"))?;
        list.remove(i);
        Ok(())
    }
    match removed {
        Removed::Discretion if file.discretions.is_empty() => Err(missing(
            "discretion section",
            "removed",
            "the base allows no discretion already: remove this line",
            at,
        )),
        Removed::Discretion => {
            file.discretions.clear();
            Ok(())
        }
        Removed::Domain(id) => take(domains(file, &id)),
        Removed::Standard(id) => take(standards(file, &id)),
        Removed::Question(id) => take(questions(file, &id)),
        Removed::Prompt(id) => take(prompts(file, &id)),
        Removed::Bands(name) => take(band_sets(file, &name)),
        Removed::Grouping(name) => take(groupings(file, &name)),
        Removed::Measure(name) => take(measures(file, &name)),
    }
}

/// An unnamed section (a scale, an overall section) the base does not have.
fn missing(what: &'static str, done: &'static str, help: &str, at: Span) -> VariantError {
    VariantError::NotInBase {
        what,
        name: String::new(),
        done,
        help: help.to_string(),
        at,
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
    if let Some(d) = domain {
        domains(file, d).map_err(|e| e.done("changed"))?;
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

/// Where a named item of the base stands: the list that holds it, and its place in that list.
type Place<'a, T> = (&'a mut Vec<T>, usize);

fn domains<'a>(file: &'a mut RuleFile, id: &Name) -> Result<Place<'a, Domain>, Unknown> {
    find([&mut file.domains], id, |d| &d.id.node, "domain", "domains")
}

fn standards<'a>(file: &'a mut RuleFile, id: &Name) -> Result<Place<'a, Standard>, Unknown> {
    let lists = file.domains.iter_mut().map(|d| &mut d.standards);
    find(lists, id, |s| &s.id.node, "standard", "standards")
}

fn questions<'a>(file: &'a mut RuleFile, id: &Name) -> Result<Place<'a, Question>, Unknown> {
    let lists = file
        .domains
        .iter_mut()
        .flat_map(|d| &mut d.standards)
        .map(|s| &mut s.questions);
    find(lists, id, |q| &q.id.node, "key question", "key questions")
}

fn prompts<'a>(file: &'a mut RuleFile, id: &Name) -> Result<Place<'a, Prompt>, Unknown> {
    let lists = file
        .domains
        .iter_mut()
        .flat_map(|d| &mut d.standards)
        .flat_map(|s| &mut s.questions)
        .map(|q| &mut q.prompts);
    find(lists, id, |p| &p.id.node, "prompt", "prompts")
}

fn band_sets<'a>(file: &'a mut RuleFile, name: &Name) -> Result<Place<'a, BandSet>, Unknown> {
    find(
        [&mut file.band_sets],
        name,
        |b| &b.name.node,
        "band set",
        "band sets",
    )
}

fn groupings<'a>(file: &'a mut RuleFile, name: &Name) -> Result<Place<'a, Grouping>, Unknown> {
    find(
        [&mut file.groupings],
        name,
        |g| &g.name.node,
        "grouping",
        "groupings",
    )
}

fn measures<'a>(file: &'a mut RuleFile, name: &Name) -> Result<Place<'a, Measure>, Unknown> {
    find(
        [&mut file.measures],
        name,
        |m| &m.name.node,
        "measure",
        "measures",
    )
}

/// The item named `id` among `lists`; otherwise an [`Unknown`] naming every item there is.
fn find<'a, T: 'a>(
    lists: impl IntoIterator<Item = &'a mut Vec<T>>,
    id: &Name,
    key: impl Fn(&T) -> &String,
    what: &'static str,
    plural: &str,
) -> Result<Place<'a, T>, Unknown> {
    let mut known: Vec<String> = vec![];
    for list in lists {
        if let Some(i) = list.iter().position(|x| *key(x) == id.node) {
            return Ok((list, i));
        }
        known.extend(list.iter().map(|x| key(x).clone()));
    }
    Err(Unknown {
        what,
        name: id.node.clone(),
        help: did_you_mean(&id.node, plural, known.iter().map(String::as_str)),
        at: id.span,
    })
}

/// A name the base does not have, with "did you mean" among those it does.
struct Unknown {
    what: &'static str,
    name: String,
    help: String,
    at: Span,
}

impl Unknown {
    /// The error, saying what the edit wanted to do with the name.
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
