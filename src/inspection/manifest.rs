//! Inspection stage: the inspection file (TOML): provider, cases path, judged standards and
//! discretion decisions, with labels and standards resolved against the framework.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use super::{Decision, Figure, InspectionError, Judgement, Published};
use crate::diagnostic::{Problems, Source};
use crate::framework::{Framework, Rating};
use crate::suggest::did_you_mean;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    provider: String,
    cases: String,
    /// The cases file's encoding, when it is not UTF-8 (`windows-1252`).
    encoding: Option<Spanned<String>>,
    /// The sheet of a cases workbook to read (default: the first visible one).
    sheet: Option<String>,
    judged: Option<Spanned<BTreeMap<Spanned<String>, Spanned<String>>>>,
    #[serde(default)]
    discretion: Vec<Spanned<DecisionEntry>>,
    published: Option<PublishedTable>,
}

/// `[published]`: the figures the report printed. Checked by `ratebook test`, not here: an
/// inspection may be rated under a ruleset that has no such standard.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PublishedTable {
    overall: Option<Spanned<String>>,
    score: Option<Spanned<u32>>,
    #[serde(default)]
    standards: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    key_questions: BTreeMap<Spanned<String>, Spanned<u32>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DecisionEntry {
    standard: Spanned<String>,
    rating: Spanned<String>,
    from: Option<Spanned<String>>,
    reason: Spanned<String>,
}

pub struct Read {
    pub provider: String,
    pub cases: String,
    /// The cases file's encoding; `None`: UTF-8.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The sheet of a cases workbook to read; `None`: the first visible one.
    pub sheet: Option<String>,
    pub judged: BTreeMap<String, Judgement>,
    pub decisions: Vec<Decision>,
    pub published: Published,
}

/// The inspection file read against the framework; `None` only when it is not valid TOML of the
/// expected shape. Every problem goes into `problems`.
pub fn read(framework: &Framework, source: &Source, problems: &mut Problems) -> Option<Read> {
    let manifest: Manifest = match toml::from_str(&source.text) {
        Ok(m) => m,
        Err(e) => {
            problems.push_in(toml_problem(source, &e), source);
            return None;
        }
    };
    // Read whole even when part of it is wrong, so that the cases file is checked in the same
    // run; the caller refuses the inspection if any problem was found.
    let standards = index(framework);
    let judged = judged(
        framework,
        &standards,
        source,
        manifest.judged.as_ref(),
        problems,
    );
    let decisions: Vec<Decision> = manifest
        .discretion
        .iter()
        .filter_map(|entry| decision(framework, &standards, source, entry, problems))
        .collect();
    let published = manifest
        .published
        .map(|table| published(source, table))
        .unwrap_or_default();
    let encoding = manifest.encoding.as_ref().and_then(|label| {
        let found = encoding_rs::Encoding::for_label(label.get_ref().trim().as_bytes());
        if found.is_none() {
            let problem = InspectionError::UnknownEncoding {
                label: label.get_ref().clone(),
                at: label.span().into(),
            };
            problems.push_in(problem, source);
        }
        found.filter(|e| *e != encoding_rs::UTF_8)
    });
    Some(Read {
        provider: manifest.provider,
        cases: manifest.cases,
        encoding,
        sheet: manifest.sheet,
        judged,
        decisions,
        published,
    })
}

/// Whether text that is not valid TOML still begins to be an inspection file: some line of
/// it starts with a key or table an inspection file has. One that does not is some other file
/// named by mistake, and is described, never quoted.
fn looks_like_an_inspection(text: &str) -> bool {
    const STARTS: [&str; 7] = [
        "provider",
        "cases",
        "encoding",
        "sheet",
        "[judged",
        "[[discretion",
        "[published",
    ];
    text.lines()
        .map(str::trim_start)
        .any(|line| STARTS.iter().any(|s| line.starts_with(s)))
}

/// The problem for an inspection file that is not valid TOML of the expected shape.
pub(super) fn toml_problem(source: &Source, e: &toml::de::Error) -> InspectionError {
    if !looks_like_an_inspection(&source.text) {
        return InspectionError::NotAnInspection {
            file: source.name.clone(),
        };
    }
    let at = e.span();
    if e.message().contains("invalid type: map, expected")
        && let Some(problem) = at
            .as_ref()
            .and_then(|span| unquoted_dotted_key(source, span.start))
    {
        return problem;
    }
    InspectionError::Toml {
        message: format!("{}: {}", source.name, e.message()),
        help: "an inspection file gives provider = \"…\", cases = \"cases.csv\", a [judged] table, zero or more [[discretion]] entries and an optional [published] table (see the README)".to_string(),
        at: at.map(Into::into),
    }
}

/// `1.1 = "Good"` reads as a table `1` holding a key `1`: an id with dots needs its quotes.
/// The problem names the id and shows the line as it should be written.
fn unquoted_dotted_key(source: &Source, start: usize) -> Option<InspectionError> {
    let line_start = source.text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source.text[start..]
        .find('\n')
        .map_or(source.text.len(), |i| start + i);
    let line = source.text[line_start..line_end].trim();
    let (key, value) = line.split_once('=')?;
    let key = key.trim();
    if !key.contains('.') || key.starts_with('"') {
        return None;
    }
    let key = crate::terminal::excerpt(key, 20);
    let value = crate::terminal::excerpt(value.trim(), 40);
    Some(InspectionError::Toml {
        message: format!(
            "{}: the id {key} needs quotes: without them, TOML reads the dots as tables within tables",
            source.name
        ),
        help: format!("write \"{key}\" = {value}"),
        at: Some((line_start + line.len() - line.trim_start().len()..line_end).into()),
    })
}

fn figure<T: Clone>(source: &Source, value: &Spanned<T>) -> Figure<T> {
    Figure {
        value: value.get_ref().clone(),
        line: source.line_at(value.span().start),
    }
}

fn published(source: &Source, table: PublishedTable) -> Published {
    Published {
        overall: table.overall.as_ref().map(|v| figure(source, v)),
        score: table.score.as_ref().map(|v| figure(source, v)),
        standards: table
            .standards
            .iter()
            .map(|(id, label)| (id.get_ref().clone(), figure(source, label)))
            .collect(),
        key_questions: table
            .key_questions
            .iter()
            .map(|(id, percent)| (id.get_ref().clone(), figure(source, percent)))
            .collect(),
    }
}

fn judged<'f>(
    framework: &'f Framework,
    standards: &Index<'f>,
    source: &Source,
    table: Option<&Spanned<BTreeMap<Spanned<String>, Spanned<String>>>>,
    problems: &mut Problems,
) -> BTreeMap<String, Judgement> {
    let mut ratings = BTreeMap::new();
    if let Some(table) = table {
        for (id, label) in table.get_ref() {
            let Some(standard) = find_standard(framework, standards, source, id, problems) else {
                continue;
            };
            if !standard.is_judged() {
                problems.push_in(
                    InspectionError::NotJudged {
                        id: id.get_ref().clone(),
                        at: id.span().into(),
                    },
                    source,
                );
                continue;
            }
            if let Some(rating) = rating(framework, source, label, problems) {
                let line = source.line_at(id.span().start);
                ratings.insert(id.get_ref().clone(), Judgement { rating, line });
            }
        }
    }
    let written: HashSet<&str> = table
        .map(|t| t.get_ref().keys().map(|k| k.get_ref().as_str()).collect())
        .unwrap_or_default();
    for (_, standard) in framework.standards() {
        if standard.is_judged() && !standard.may_be_unrated && !ratings.contains_key(&standard.id) {
            let already_reported = written.contains(standard.id.as_str());
            if !already_reported {
                problems.push_in(
                    InspectionError::MissingJudgement {
                        id: standard.id.clone(),
                        title: standard.title.clone(),
                        scale: framework.scale.names().join(", "),
                        at: table.map(|t| t.span().into()),
                    },
                    source,
                );
            }
        }
    }
    ratings
}

fn decision<'f>(
    framework: &'f Framework,
    standards: &Index<'f>,
    source: &Source,
    entry: &Spanned<DecisionEntry>,
    problems: &mut Problems,
) -> Option<Decision> {
    let fields = entry.get_ref();
    let standard = find_standard(framework, standards, source, &fields.standard, problems);
    let new_rating = rating(framework, source, &fields.rating, problems);
    let from = fields
        .from
        .as_ref()
        .map(|from| rating(framework, source, from, problems));
    let has_reason = !fields.reason.get_ref().trim().is_empty();
    if !has_reason {
        problems.push_in(
            InspectionError::NoReason {
                id: fields.standard.get_ref().clone(),
                at: fields.reason.span().into(),
            },
            source,
        );
    }
    let from = match from {
        Some(found) => Some(found?),
        None => None,
    };
    if !has_reason {
        return None;
    }
    Some(Decision {
        standard: standard?.id.clone(),
        rating: new_rating?,
        from,
        reason: fields.reason.get_ref().clone(),
        at: entry.span().into(),
    })
}

/// The framework's standards by id, built once per inspection file.
type Index<'f> = HashMap<&'f str, &'f crate::framework::Standard>;

fn index(framework: &Framework) -> Index<'_> {
    framework
        .standards()
        .map(|(_, s)| (s.id.as_str(), s))
        .collect()
}

fn find_standard<'f>(
    framework: &'f Framework,
    standards: &Index<'f>,
    source: &Source,
    id: &Spanned<String>,
    problems: &mut Problems,
) -> Option<&'f crate::framework::Standard> {
    let found = standards.get(id.get_ref().as_str()).copied();
    if found.is_none() {
        let ids: Vec<&str> = framework.standards().map(|(_, s)| s.id.as_str()).collect();
        problems.push_in(
            InspectionError::UnknownStandard {
                id: id.get_ref().clone(),
                help: did_you_mean(id.get_ref(), "standards", ids.iter().copied()),
                at: id.span().into(),
            },
            source,
        );
    }
    found
}

fn rating(
    framework: &Framework,
    source: &Source,
    label: &Spanned<String>,
    problems: &mut Problems,
) -> Option<Rating> {
    let found = framework.scale.find(label.get_ref());
    if found.is_none() {
        problems.push_in(
            InspectionError::UnknownRating {
                label: label.get_ref().clone(),
                help: did_you_mean(label.get_ref(), "ratings", framework.scale.names()),
                at: label.span().into(),
            },
            source,
        );
    }
    found
}
