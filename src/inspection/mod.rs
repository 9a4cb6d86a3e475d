//! Inspection stage: an inspection file (TOML) and its cases file (CSV) → typed [`Inspection`].
//!
//! Everything is checked against the framework before rating: judged standards and their
//! labels, discretion decisions' standards and labels, every case field value and answer, and
//! every answer a key question's sample requires. All problems are reported in one run.

mod answers;
mod cases;
pub mod error;
mod manifest;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use answers::{Answers, ColumnCache};
pub use error::InspectionError;

use crate::diagnostic::{Problems, Source};
use crate::framework::{Framework, Rating, Value};

/// One inspection, checked against one framework.
#[derive(Debug, Clone)]
pub struct Inspection {
    /// The provider inspected.
    pub provider: String,
    /// The inspection file, as the user named it.
    pub source: Source,
    /// The cases file, from the inspection file's folder.
    pub cases_path: PathBuf,
    /// Ratings of judged standards, by standard id. A standard that may be unrated is absent
    /// when the inspection does not rate it.
    pub judged: BTreeMap<String, Judgement>,
    /// The ratings panel's decisions, in the order recorded.
    pub decisions: Vec<Decision>,
    /// What the report published, if the inspection file records it.
    pub published: Published,
    /// Every case, in the order of the cases file.
    pub cases: Vec<Case>,
}

/// The `[published]` table: the figures the inspection report printed, for `ratebook test`.
/// Ids and labels are kept as written; the test names any the ruleset does not have.
#[derive(Debug, Clone, Default)]
pub struct Published {
    /// The overall rating as printed.
    pub overall: Option<Figure<String>>,
    /// The overall score as printed.
    pub score: Option<Figure<u32>>,
    /// Standard ratings after professional discretion, by standard id.
    pub standards: Vec<(String, Figure<String>)>,
    /// Key-question percentages as printed, by key question id.
    pub key_questions: Vec<(String, Figure<u32>)>,
}

impl Published {
    /// Whether no figure is recorded.
    pub fn is_empty(&self) -> bool {
        self.overall.is_none()
            && self.score.is_none()
            && self.standards.is_empty()
            && self.key_questions.is_empty()
    }
}

/// One published figure and the line of the inspection file that records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure<T> {
    /// The figure.
    pub value: T,
    /// Its line in the inspection file.
    pub line: usize,
}

/// An inspector's judgement of a judged standard, and the line of the inspection file that
/// records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judgement {
    /// The rating judged.
    pub rating: Rating,
    /// Its line in the inspection file.
    pub line: usize,
}

/// A ratings panel's discretion decision, as recorded in the inspection file.
#[derive(Debug, Clone)]
pub struct Decision {
    /// The standard moved.
    pub standard: String,
    /// The rating the panel gave.
    pub rating: Rating,
    /// The rating the panel moved from, when the file records it.
    pub from: Option<Rating>,
    /// The panel's reason.
    pub reason: String,
    /// Where the decision stands in the inspection file.
    pub at: miette::SourceSpan,
}

/// One case: its id, row, field values and answers.
#[derive(Debug, Clone)]
pub struct Case {
    /// The case's identifier, shared with the explanations that name the case.
    pub id: std::sync::Arc<str>,
    /// The row in the cases file (the header is row 1).
    pub row: usize,
    /// Values by field index in [`Framework::fields`]; `None` for an empty optional field.
    /// Cases with the same values may share one list.
    pub values: std::sync::Arc<[Option<Value>]>,
    /// Answers to key questions and prompts, by id. Empty cells are absent.
    pub answers: Answers,
}

/// An answer to a key question or prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Yes.
    Yes,
    /// No.
    No,
    /// Not applicable: the case takes no part in it.
    NotApplicable,
}

/// Check an inspection file's text and its cases file's bytes, both held in memory, against
/// the framework: the loader without the file system (the fuzz targets use it). The cases
/// are named in diagnostics by the `cases` path the inspection file gives (`cases.csv` when
/// it gives none); a workbook is known by its bytes.
pub fn load_text(
    framework: &Framework,
    name: &str,
    toml: &str,
    cases: &[u8],
) -> Result<(Inspection, Problems), Problems> {
    let mut problems = Problems::new();
    let source = Source::new(name, toml.to_string());
    let manifest = manifest::read(framework, &source, &mut problems);
    let how = cases::How {
        encoding: manifest.as_ref().and_then(|m| m.encoding),
        sheet: manifest.as_ref().and_then(|m| m.sheet.as_deref()),
    };
    let file = manifest.as_ref().map_or("cases.csv", |m| m.cases.as_str());
    let cases = cases::from_bytes(
        framework,
        file.to_string(),
        cases.to_vec(),
        how,
        &mut problems,
    );
    let Some(manifest) = manifest else {
        return Err(problems);
    };
    if problems.has_errors() {
        return Err(problems);
    }
    let inspection = Inspection {
        provider: manifest.provider,
        source,
        cases_path: PathBuf::from(manifest.cases),
        judged: manifest.judged,
        decisions: manifest.decisions,
        published: manifest.published,
        cases: cases.unwrap_or_default(),
    };
    Ok((inspection, problems))
}

/// Whether an inspection file can be read at all, whatever ruleset rates it: a readable text
/// file of valid TOML. `compare` asks this first, so that a missing or broken file stops the
/// run rather than showing as an inspection no ruleset could rate.
pub fn readable(path: &Path) -> Result<(), Problems> {
    let source = inspection_file(path)?;
    if let Err(e) = toml::from_str::<toml::Table>(&source.text) {
        let mut problems = Problems::new();
        problems.push_in(manifest::toml_problem(&source, &e), &source);
        return Err(problems);
    }
    Ok(())
}

/// The inspection file's text, or the problem that kept it from being read.
fn inspection_file(path: &Path) -> Result<Source, Problems> {
    match crate::io::read::read_text(path, crate::io::read::Kind::Inspection) {
        Ok(text) => Ok(Source::new(path.display().to_string(), text)),
        Err(e) => {
            let mut problems = Problems::new();
            problems.push(e);
            Err(problems)
        }
    }
}

/// Read an inspection file and its cases, checking both against the framework.
/// On success, returns the inspection and any warnings; otherwise every problem found.
pub fn load(framework: &Framework, path: &Path) -> Result<(Inspection, Problems), Problems> {
    let source = inspection_file(path)?;
    let mut problems = Problems::new();
    let Some(manifest) = manifest::read(framework, &source, &mut problems) else {
        return Err(problems);
    };
    let cases_path = path.parent().unwrap_or(Path::new("")).join(&manifest.cases);
    let how = cases::How {
        encoding: manifest.encoding,
        sheet: manifest.sheet.as_deref(),
    };
    let cases = cases::read(framework, &cases_path, how, &mut problems);
    if problems.has_errors() {
        return Err(problems);
    }
    let inspection = Inspection {
        provider: manifest.provider,
        source,
        cases_path,
        judged: manifest.judged,
        decisions: manifest.decisions,
        published: manifest.published,
        cases: cases.unwrap_or_default(),
    };
    Ok((inspection, problems))
}
