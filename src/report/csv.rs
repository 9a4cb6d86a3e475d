//! Report stage: every CSV ratebook writes is written here, so that every cell is treated the
//! same way.
//!
//! A cell that a spreadsheet would read as a formula (one that begins with `=`, `+`, `-`, `@`,
//! a tab, or a line break) is written with a single quote (`'`) before it, as OWASP recommends
//! against CSV injection: a provider named `=HYPERLINK(…)` stays a name in Excel, LibreOffice
//! and Google Sheets, and a reader sees where the quote was added. No figure ratebook writes
//! begins with one of these characters (counts, scores and percentages are never negative), so
//! only texts from inputs are ever changed. Quoting and doubled quotes are the csv crate's.
//!
//! Nothing here decides which rows or columns a table has.

use std::borrow::Cow;

/// A cell as written: with a `'` before a text a spreadsheet would run as a formula.
pub fn cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A CSV table being written to memory, a row at a time.
pub struct Table {
    writer: csv::Writer<Vec<u8>>,
}

impl Table {
    /// A table whose lines end in `\n`.
    pub fn new() -> Table {
        Table::with(csv::Terminator::Any(b'\n'))
    }

    /// A table whose lines end in `\r\n`, as RFC 4180 writes them.
    pub fn crlf() -> Table {
        Table::with(csv::Terminator::CRLF)
    }

    fn with(terminator: csv::Terminator) -> Table {
        Table {
            writer: csv::WriterBuilder::new()
                .terminator(terminator)
                .from_writer(vec![]),
        }
    }

    /// Write one row, every cell through [`cell`].
    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells: Vec<String> = cells
            .into_iter()
            .map(|c| cell(c.as_ref()).into_owned())
            .collect();
        // Writing to memory cannot fail.
        let _ = self.writer.write_record(&cells);
    }

    /// The whole table as text.
    pub fn finish(self) -> String {
        let bytes = self.writer.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }
}

impl Default for Table {
    fn default() -> Table {
        Table::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_a_spreadsheet_would_run_is_kept_as_text() {
        for formula in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"] {
            assert_eq!(cell(formula), format!("'{formula}"));
        }
        assert_eq!(cell("Luton YOT"), "Luton YOT");
        assert_eq!(cell("61.9"), "61.9");
        assert_eq!(cell("a=b"), "a=b");
    }

    #[test]
    fn quotes_and_commas_are_quoted_as_csv_quotes_them() {
        let mut table = Table::new();
        table.row(["=HYPERLINK(\"x\")", "a,b"]);
        assert_eq!(table.finish(), "\"'=HYPERLINK(\"\"x\"\")\",\"a,b\"\n");
    }
}
