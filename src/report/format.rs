//! One output format type for every command. What a format is — text for people (wrapped to
//! the terminal, its control characters escaped), machine output (which escapes what it
//! carries itself), or a workbook's bytes (written only to a file) — is decided here, once;
//! each command declares the formats it offers. The command line and the library's one-call
//! API both take a [`Format`]. Nothing here renders anything.

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Text for people (`human` is the same).
    Text,
    /// The JSON contract.
    Json,
    /// Comma-separated values.
    Csv,
    /// One self-contained page.
    Html,
    /// A workbook.
    Xlsx,
    /// A Markdown document.
    Markdown,
    /// A JUnit XML report.
    Junit,
}

use Format::*;

/// Every format, each once.
pub const ALL: [Format; 7] = [Text, Json, Csv, Html, Xlsx, Markdown, Junit];

impl Format {
    /// The name `--format` takes.
    pub const fn name(self) -> &'static str {
        match self {
            Text => "text",
            Json => "json",
            Csv => "csv",
            Html => "html",
            Xlsx => "xlsx",
            Markdown => "markdown",
            Junit => "junit",
        }
    }

    /// Machine output, which escapes what it carries in its own way; text for people (and
    /// Markdown, read as text) has control characters from inputs escaped for the terminal.
    pub fn machine(self) -> bool {
        !matches!(self, Text | Markdown)
    }

    /// Text for people, kept within the terminal's width.
    pub fn wraps(self) -> bool {
        self == Text
    }

    /// Bytes rather than text: written only to the file `--output` names.
    pub fn binary(self) -> bool {
        self == Xlsx
    }
}

// The formats each command offers, in the order its help lists them; the first is its
// default (the command line reads it from here).
/// `rate`.
pub const RATE: &[Format] = &[Text, Json, Csv, Html, Xlsx];
/// `explain`.
pub const EXPLAIN: &[Format] = &[Text, Json, Html];
/// `stability`.
pub const STABILITY: &[Format] = &[Text, Json, Csv, Html];
/// `compare`.
pub const COMPARE: &[Format] = &[Text, Json, Csv, Html, Xlsx];
/// `diff`.
pub const DIFF: &[Format] = &[Text, Json];
/// `test`.
pub const TEST: &[Format] = &[Text, Json, Junit, Html, Xlsx];
/// `breakdown`.
pub const BREAKDOWN: &[Format] = &[Text, Markdown, Csv, Json, Html, Xlsx];
/// `cases`.
pub const CASES: &[Format] = &[Csv, Json];
/// `template`.
pub const TEMPLATE: &[Format] = &[Csv, Xlsx];
/// `doc`.
pub const DOC: &[Format] = &[Markdown, Html];

/// Every command that takes `--format`, with the formats it offers.
pub const OFFERED: [(&str, &[Format]); 10] = [
    ("rate", RATE),
    ("explain", EXPLAIN),
    ("stability", STABILITY),
    ("compare", COMPARE),
    ("diff", DIFF),
    ("test", TEST),
    ("breakdown", BREAKDOWN),
    ("cases", CASES),
    ("template", TEMPLATE),
    ("doc", DOC),
];
