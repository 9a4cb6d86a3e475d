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
        self.reports
            .push(Report::new(problem).with_source_code(source.named()));
    }

    /// Add a problem whose spans point into the rule files loaded together.
    pub fn push_in_rules<E>(&mut self, problem: E, sources: &RuleSources)
    where
        E: Diagnostic + Send + Sync + 'static,
    {
        self.reports
            .push(Report::new(problem).with_source_code(sources.clone()));
    }

    /// Add a problem whose message already names where it is (a file, row and column).
    pub fn push<E>(&mut self, problem: E)
    where
        E: Diagnostic + Send + Sync + 'static,
    {
        self.reports.push(Report::new(problem));
    }

    pub fn extend(&mut self, other: Problems) {
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
        self.reports.iter().filter(|r| !is_warning(r)).count()
    }

    pub fn warnings(&self) -> usize {
        self.reports.iter().filter(|r| is_warning(r)).count()
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
            if handler.render_report(&mut out, diagnostic).is_err() {
                out.push_str(&format!("{report}\n"));
            }
        }
        out
    }
}

fn is_warning(report: &Report) -> bool {
    matches!(
        report.severity(),
        Some(Severity::Warning) | Some(Severity::Advice)
    )
}
