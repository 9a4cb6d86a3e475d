//! Diagnostics shared by every stage: a list of problems, each a miette report that carries
//! its own source text, so that problems from several files can be shown together.
//!
//! Each stage defines its own error enum (`SyntaxError`, `CheckError`, `InspectionError`,
//! `RatingError`); this module only collects and renders them.

use std::sync::{Arc, OnceLock};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, MietteError, MietteSpanContents, Report,
    Severity, SourceCode, SourceSpan, SpanContents,
};

/// The text of one input file, shared by every diagnostic that points into it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file's name, as diagnostics show it.
    pub name: String,
    /// The file's whole text.
    pub text: Arc<str>,
    /// Where each line starts, found the first time a diagnostic is drawn and then shared, so
    /// that drawing many diagnostics of one large file does not read it from the start each
    /// time.
    lines: Arc<OnceLock<Vec<usize>>>,
}

impl Source {
    /// A source from its name and text.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        Source {
            name: name.into(),
            text: text.into(),
            lines: Arc::default(),
        }
    }

    /// The offsets at which lines start, as miette counts lines: after `\n`, after `\r\n`,
    /// and after a `\r` alone.
    fn line_starts(&self) -> &[usize] {
        self.lines.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut starts = vec![0];
            for (i, &b) in bytes.iter().enumerate() {
                let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
                if ends_line {
                    starts.push(i + 1);
                }
            }
            starts
        })
    }

    /// The line at a byte offset, counted as miette counts them; the first line is 1. Found
    /// in logarithmic time, however many lines the file has.
    pub fn line_at(&self, offset: usize) -> usize {
        self.line_starts().partition_point(|&start| start <= offset)
    }

    /// The snippet miette draws for `span` (local to this file), with offsets and line numbers
    /// given as if the text started at `base`. Only the lines around the span are read: the
    /// same contents as miette's own reading of the whole text, found in time that does not
    /// grow with the file.
    fn read_span_at<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
        base: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let starts = self.line_starts();
        let line_of = |offset: usize| self.line_at(offset).saturating_sub(1);
        // One line more than the context: miette's reading of an empty span at the start of a
        // line depends on the line break before it.
        let first = line_of(span.offset()).saturating_sub(before + 1);
        let last = line_of(span.offset() + span.len()) + after + 2;
        let from = starts[first];
        let to = starts.get(last).copied().unwrap_or(self.text.len());
        let window = &self.text.as_bytes()[from..to];
        let local = SourceSpan::new((span.offset() - from).into(), span.len());
        let inner = window.read_span(&local, before, after)?;
        let inner_span = inner.span();
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            SourceSpan::new((inner_span.offset() + from + base).into(), inner_span.len()),
            inner.line() + first,
            inner.column(),
            inner.line_count() + first,
        )))
    }
}

impl SourceCode for Source {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        if span.offset() + span.len() > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        self.read_span_at(span, context_lines_before, context_lines_after, 0)
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

    /// Each file with where its text starts among the loaded files, in the order loaded.
    pub fn starts(&self) -> impl Iterator<Item = (&Source, usize)> {
        self.files.iter().map(|(s, start)| (s, *start))
    }

    /// The file a position among the loaded files stands in, and the position within it.
    pub fn locate(&self, offset: usize) -> Option<(&Source, usize)> {
        self.files
            .iter()
            .find(|(s, start)| *start <= offset && offset <= start + s.text.len())
            .map(|(s, start)| (s, offset - start))
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
        source.read_span_at(&local, context_lines_before, context_lines_after, *start)
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
    /// No problems yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a problem that points into `source`.
    pub fn push_in<E>(&mut self, problem: E, source: &Source)
    where
        E: Diagnostic + Send + Sync + 'static,
    {
        self.add(Report::new(problem).with_source_code(source.clone()));
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

    /// Each problem, in the order found, as a diagnostic to read (for an editor, which shows
    /// them itself).
    pub fn diagnostics(&self) -> impl Iterator<Item = &(dyn Diagnostic + Send + Sync)> {
        self.reports.iter().map(|r| r.as_ref())
    }

    /// How many problems, errors and warnings together.
    pub fn len(&self) -> usize {
        self.reports.len()
    }

    /// Add every problem of `other`, in order.
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

    /// Whether there is no problem at all.
    pub fn is_empty(&self) -> bool {
        self.reports.is_empty()
    }

    /// How many of the problems are errors.
    pub fn errors(&self) -> usize {
        self.errors
    }

    /// How many of the problems are warnings.
    pub fn warnings(&self) -> usize {
        self.warnings
    }

    /// Whether any problem is an error.
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Reading a snippet through the line index gives exactly what miette's own reading of the
    /// whole text gives, for every span of a text with every kind of line break.
    #[test]
    fn the_indexed_snippet_is_the_one_miette_reads() {
        let text = "framework \"x\"\r\nversion\n\n  scale {\r  Good = 1\n}\r\n\r\nend";
        let source = Source::new("x.rules", text);
        for offset in 0..=text.len() {
            for len in 0..=(text.len() - offset).min(12) {
                let span = SourceSpan::new(offset.into(), len);
                for (before, after) in [(0, 0), (1, 1), (2, 3), (0, 2), (3, 0)] {
                    let mine = source.read_span(&span, before, after);
                    let theirs = text.read_span(&span, before, after);
                    match (mine, theirs) {
                        (Ok(m), Ok(t)) => {
                            assert_eq!(m.data(), t.data(), "{offset}+{len} ({before}, {after})");
                            assert_eq!(m.span(), t.span());
                            assert_eq!(m.line(), t.line());
                            assert_eq!(m.column(), t.column());
                            assert_eq!(m.line_count(), t.line_count());
                            assert_eq!(m.name(), Some("x.rules"));
                        }
                        (Err(_), Err(_)) => {}
                        (m, t) => panic!("{offset}+{len}: {:?} against {:?}", m.is_ok(), t.is_ok()),
                    }
                }
            }
        }
    }
}
