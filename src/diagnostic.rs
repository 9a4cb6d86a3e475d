//! Diagnostics shared by every stage: a list of problems, each a miette report that carries
//! its own source text, so that problems from several files can be shown together.
//!
//! Each stage defines its own error enum (`SyntaxError`, `CheckError`, `InspectionError`,
//! `RatingError`); this module only collects and renders them.

use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, MietteError, MietteSpanContents,
    NamedSource, Report, Severity, SourceCode, SourceSpan, SpanContents,
};

/// The text of one input file, shared by every diagnostic that points into it.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: Arc<str>,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        Source {
            name: name.into(),
            text: text.into(),
        }
    }

    fn named(&self) -> NamedSource<Arc<str>> {
        NamedSource::new(self.name.clone(), self.text.clone())
    }
}

/// The rule files loaded together: a rule file and every file it is `based on`. They share one
/// space of positions (each file starts after the one before it ends), so a span in the merged
/// syntax tree says which file it points into, and a diagnostic can point into several files.
#[derive(Debug, Clone, Default)]
pub struct RuleSources {
    files: Vec<(Source, usize)>,
}

impl RuleSources {
    /// Add a file; returns where its text starts among the loaded files.
    pub fn add(&mut self, source: Source) -> usize {
        let start = self
            .files
            .last()
            .map_or(0, |(s, start)| start + s.text.len() + 1);
        self.files.push((source, start));
        start
    }

    /// The files in the order they were loaded: the rule file first, then its bases.
    pub fn files(&self) -> impl Iterator<Item = &Source> {
        self.files.iter().map(|(s, _)| s)
    }
}

impl SourceCode for RuleSources {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let end = span.offset() + span.len();
        let (source, start) = self
            .files
            .iter()
            .find(|(s, start)| *start <= span.offset() && end <= start + s.text.len())
            .ok_or(MietteError::OutOfBounds)?;
        let local = SourceSpan::new((span.offset() - start).into(), span.len());
        let inner =
            source
                .text
                .as_ref()
                .read_span(&local, context_lines_before, context_lines_after)?;
        let inner_span = inner.span();
        Ok(Box::new(MietteSpanContents::new_named(
            source.name.clone(),
            inner.data(),
            SourceSpan::new((inner_span.offset() + start).into(), inner_span.len()),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// Every problem found in one run, errors and warnings, in the order they were found.
#[derive(Debug, Default)]
pub struct Problems {
    reports: Vec<Report>,
    /// Kept as problems arrive, so that asking how many there are stays cheap however many
    /// rows of a cases file have one.
    errors: usize,
    warnings: usize,
}

impl Problems {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a problem that points into `source`.
    pub fn push_in<E>(&mut self, problem: E, source: &Source)
    where
        E: Diagnostic + Send + Sync + 'static,
    {
        self.add(Report::new(problem).with_source_code(source.named()));
    }

    pub(crate) fn add(&mut self, report: Report) {
        if is_warning(&report) {
            self.warnings += 1;
        } else {
            self.errors += 1;
        }
        self.reports.push(report);
    }

    /// Add a problem whose spans point into the rule files loaded together.
    pub fn push_in_rules<E>(&mut self, problem: E, sources: &RuleSources)
    where
        E: Diagnostic + Send + Sync + 'static,
    {
        self.add(Report::new(problem).with_source_code(sources.clone()));
    }

    /// Add a problem whose message already names where it is (a file, row and column).
    pub fn push<E>(&mut self, problem: E)
    where
        E: Diagnostic + Send + Sync + 'static,
    {
        self.add(Report::new(problem));
    }

    /// The problems, in the order found, for adding one by one elsewhere.
    pub(crate) fn into_reports(self) -> Vec<Report> {
        self.reports
    }

    pub fn len(&self) -> usize {
        self.reports.len()
    }

    pub fn extend(&mut self, other: Problems) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.reports.extend(other.reports);
    }

    /// Each problem's message in one line, without source or help: for a field in machine
    /// output that says why something could not be done.
    pub fn messages(&self) -> Vec<String> {
        self.reports
            .iter()
            .filter(|r| !is_warning(r))
            .map(|r| r.to_string())
            .collect()
    }

    /// Each warning's message in one line, as [`Problems::messages`] gives the errors'.
    pub fn warning_messages(&self) -> Vec<String> {
        self.reports
            .iter()
            .filter(|r| is_warning(r))
            .map(|r| r.to_string())
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.reports.is_empty()
    }

    pub fn errors(&self) -> usize {
        self.errors
    }

    pub fn warnings(&self) -> usize {
        self.warnings
    }

    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    /// Render every problem, one after another. `colour` is for terminals; tests and files
    /// get plain text at a fixed width.
    pub fn render(&self, colour: bool, width: usize) -> String {
        let theme = if colour {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme).with_width(width);
        let mut out = String::new();
        for report in &self.reports {
            let diagnostic: &dyn Diagnostic = report.as_ref();
            match long_lines(diagnostic) {
                Some(places) => out.push_str(&plain(diagnostic, &places)),
                None => {
                    if handler.render_report(&mut out, diagnostic).is_err() {
                        out.push_str(&format!("{report}\n"));
                    }
                }
            }
        }
        out
    }
}

/// The longest source line a diagnostic shows as a snippet. A label on a longer line (a
/// pasted paragraph, a cases file of one endless row) is named by line and column instead,
/// rather than echoed whole.
const LONGEST_SHOWN_LINE: usize = 1000;

/// Where each label points ("rules.rules line 3, column 70,001: not declared"), when any of
/// them stands on a line too long to show; `None` when every snippet can be drawn.
fn long_lines(diagnostic: &dyn Diagnostic) -> Option<Vec<String>> {
    let source = diagnostic.source_code()?;
    let mut places = vec![];
    let mut too_long = false;
    for label in diagnostic.labels()? {
        let Ok(contents) = source.read_span(label.inner(), 0, 0) else {
            continue;
        };
        // The snippet shows the label's lines and one line either side.
        let longest = source
            .read_span(label.inner(), 1, 1)
            .map(|around| {
                let data = String::from_utf8_lossy(around.data()).into_owned();
                data.split('\n').map(str::len).max().unwrap_or(0)
            })
            .unwrap_or(0);
        too_long |= longest > LONGEST_SHOWN_LINE || contents.column() > LONGEST_SHOWN_LINE;
        let name = contents.name().unwrap_or("input");
        let what = label.label().map_or(String::new(), |l| format!(": {l}"));
        places.push(format!(
            "{name} line {}, column {}{what}",
            contents.line() + 1,
            contents.column() + 1
        ));
    }
    too_long.then_some(places)
}

/// A diagnostic without source snippets: its code, message, where it points and its help.
fn plain(diagnostic: &dyn Diagnostic, places: &[String]) -> String {
    let mut out = String::new();
    if let Some(code) = diagnostic.code() {
        out.push_str(&format!("{code}\n\n"));
    }
    out.push_str(&format!("  × {diagnostic}\n"));
    for place in places {
        out.push_str(&format!("  at {place}\n"));
    }
    if let Some(help) = diagnostic.help() {
        out.push_str(&format!("  help: {help}\n"));
    }
    out
}

fn is_warning(report: &Report) -> bool {
    matches!(
        report.severity(),
        Some(Severity::Warning) | Some(Severity::Advice)
    )
}
