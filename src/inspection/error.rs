//! Inspection stage, errors: problems in an inspection file or its cases file. Every message
//! names the file, and for cases the row, case, column and value, and says what to do.

// Each diagnostic is documented by its message and its help, which name its fields; the
// fields are not documented one by one.
#![allow(missing_docs)]

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

#[derive(Debug, Error, Diagnostic)]
#[non_exhaustive]
pub enum InspectionError {
    #[error("{message}")]
    #[diagnostic(code(ratebook::inspection::toml), help("{help}"))]
    Toml {
        message: String,
        help: String,
        #[label("here")]
        at: Option<SourceSpan>,
    },

    #[error(
        "{file} is not an inspection file: no line of it gives `provider`, `cases` or a table such as [judged]"
    )]
    #[diagnostic(
        code(ratebook::inspection::not_an_inspection),
        help(
            "check the path; an inspection file gives provider = \"…\", cases = \"cases.csv\", a [judged] table and its other tables (`ratebook template RULES --inspection` writes one)"
        )
    )]
    NotAnInspection { file: String },

    #[error("{file} cannot be read as a workbook: {why}")]
    #[diagnostic(code(ratebook::inspection::workbook), help("{help}"))]
    Workbook {
        file: String,
        why: String,
        help: String,
    },

    #[error("{file} is protected with a password, so its cells cannot be read")]
    #[diagnostic(
        code(ratebook::inspection::workbook_encrypted),
        help(
            "open it in Excel or LibreOffice with its password, and save a copy without one (Excel: File, Info, Protect Workbook, Encrypt with Password, and clear it), or export the cases sheet as CSV UTF-8"
        )
    )]
    WorkbookEncrypted { file: String },

    #[error("{file} is not read: {why}")]
    #[diagnostic(
        code(ratebook::inspection::workbook_too_large),
        help(
            "check that this is the cases workbook meant; if it is, clear what lies outside the cases (Excel: select the rows and columns past them, Delete) and save it again, or export the cases sheet as CSV UTF-8"
        )
    )]
    WorkbookTooLarge { file: String, why: String },

    #[error(
        "{file}: {count} cell(s) right of the header's last column are not read; the first is {first}"
    )]
    #[diagnostic(
        code(ratebook::inspection::cells_right_of_header),
        severity(Warning),
        help(
            "a column is read only when the header row names it: name the column if it holds something the rules read, or clear the cells"
        )
    )]
    CellsRightOfHeader {
        file: String,
        first: String,
        count: u64,
    },

    #[error("{file} has no sheet named \"{sheet}\"")]
    #[diagnostic(code(ratebook::inspection::unknown_sheet), help("{help}"))]
    UnknownSheet {
        file: String,
        sheet: String,
        help: String,
    },

    #[error("{file}: no row names the `case` column, so no header row was found")]
    #[diagnostic(code(ratebook::inspection::no_header_row), help("{help}"))]
    NoHeaderRow { file: String, help: String },

    #[error("{file} is named as a workbook but holds text; it is read as CSV")]
    #[diagnostic(
        code(ratebook::inspection::text_named_as_workbook),
        severity(Warning),
        help("rename it to .csv, so that others opening it know what it is")
    )]
    TextNamedAsWorkbook { file: String },

    #[error("{file} is a workbook, though not named as one; it is read as a workbook")]
    #[diagnostic(
        code(ratebook::inspection::workbook_not_named_as_one),
        severity(Warning),
        help(
            "rename it to what it is (.xlsx, .xls or .ods) and name it so in the inspection file, so that others opening it know what it is"
        )
    )]
    WorkbookNotNamedAsOne { file: String },

    #[error("unknown encoding `{label}`")]
    #[diagnostic(
        code(ratebook::inspection::unknown_encoding),
        help(
            "write one of the encodings' names, such as windows-1252 (Excel's \"CSV (Comma delimited)\"), iso-8859-1, utf-16le or utf-8"
        )
    )]
    UnknownEncoding {
        label: String,
        #[label("not an encoding ratebook knows")]
        at: SourceSpan,
    },

    #[error("unknown standard `{id}`")]
    #[diagnostic(code(ratebook::inspection::unknown_standard), help("{help}"))]
    UnknownStandard {
        id: String,
        help: String,
        #[label("not a standard of this ruleset")]
        at: SourceSpan,
    },

    #[error("standard {id} is rated from cases, not judged")]
    #[diagnostic(
        code(ratebook::inspection::not_judged),
        help(
            "remove it from [judged]; to move a case-based rating, record a [[discretion]] decision instead"
        )
    )]
    NotJudged {
        id: String,
        #[label("rated from the cases file")]
        at: SourceSpan,
    },

    #[error("unknown rating `{label}`")]
    #[diagnostic(code(ratebook::inspection::unknown_rating), help("{help}"))]
    UnknownRating {
        label: String,
        help: String,
        #[label("not on the ruleset's scale")]
        at: SourceSpan,
    },

    #[error("standard {id} ({title}) is judged, but the inspection gives it no rating")]
    #[diagnostic(
        code(ratebook::inspection::missing_judgement),
        help("add `\"{id}\" = \"…\"` under [judged], with a rating from the scale: {scale}")
    )]
    MissingJudgement {
        id: String,
        title: String,
        scale: String,
        #[label("[judged] is here")]
        at: Option<SourceSpan>,
    },

    #[error("the discretion decision for {id} gives no reason")]
    #[diagnostic(
        code(ratebook::inspection::no_reason),
        help("record the panel's reason: reason = \"…\"")
    )]
    NoReason {
        id: String,
        #[label("empty reason")]
        at: SourceSpan,
    },

    #[error("{file}: {message}")]
    #[diagnostic(code(ratebook::inspection::csv), help("{help}"))]
    Csv {
        file: String,
        message: String,
        help: String,
    },

    #[error("{file}: no `{column}` column")]
    #[diagnostic(code(ratebook::inspection::missing_column), help("{help}"))]
    MissingColumn {
        file: String,
        column: String,
        help: String,
    },

    #[error("{file}: the column `{column}` appears twice (columns {first} and {again})")]
    #[diagnostic(
        code(ratebook::inspection::duplicate_column),
        help("keep one of the two columns")
    )]
    DuplicateColumn {
        file: String,
        column: String,
        first: usize,
        again: usize,
    },

    #[error("{file} is not a cases file: {what}")]
    #[diagnostic(
        code(ratebook::inspection::not_cases),
        help(
            "check the `cases` path in the inspection file; a cases file is CSV whose first row names the columns (`ratebook template RULES` writes it)"
        )
    )]
    NotCases { file: String, what: String },

    #[error("{file}: unknown column `{column}`; its values are not used")]
    #[diagnostic(
        code(ratebook::inspection::unknown_column),
        severity(Warning),
        help("{help}")
    )]
    UnknownColumn {
        file: String,
        column: String,
        help: String,
    },

    #[error("{file}: {count} columns this ruleset does not read: {first}{more}")]
    #[diagnostic(
        code(ratebook::inspection::unknown_columns),
        severity(Warning),
        help(
            "these columns are not read; check that the cases file belongs to this ruleset (`ratebook template RULES` writes the columns it reads)"
        )
    )]
    UnknownColumns {
        file: String,
        count: usize,
        first: String,
        more: String,
    },

    #[error("{file} row {row}: the case has no id")]
    #[diagnostic(
        code(ratebook::inspection::no_case_id),
        help("give every case an identifier in the `case` column")
    )]
    NoCaseId { file: String, row: usize },

    #[error("{file} row {row}: case `{case}` is already listed at row {first}")]
    #[diagnostic(
        code(ratebook::inspection::duplicate_case),
        help(
            "case ids are unique within an inspection: correct the id, or remove the repeated row"
        )
    )]
    DuplicateCase {
        file: String,
        row: usize,
        case: String,
        first: usize,
    },

    #[error("{file}{place}: {value} {problem}")]
    #[diagnostic(code(ratebook::inspection::bad_value), help("{help}"))]
    BadValue {
        file: String,
        row: usize,
        /// Where the cell stands, after the file's name: ` row 14 (case K-07), column 2.1.1`,
        /// or in a workbook `, cell F14 (case K-07, key question 2.1.1)`.
        place: String,
        column: String,
        /// The cell as written, quoted, or "the cell" when it is empty.
        value: String,
        problem: String,
        help: String,
    },

    #[error("{file}{place}: no answer, but the case is in the sample of {column}")]
    #[diagnostic(code(ratebook::inspection::missing_answer), help("{help}"))]
    MissingAnswer {
        file: String,
        row: usize,
        /// Where the cell stands, after the file's name: ` row 14 (case K-07), column 2.1.1`,
        /// or in a workbook `, cell F14 (case K-07, key question 2.1.1)`.
        place: String,
        column: String,
        help: String,
    },

    #[error("{file}{place}: answered `{value}`, but the case is not in domain {domain} ({title})")]
    #[diagnostic(
        code(ratebook::inspection::answer_outside_domain),
        help(
            "{column} is asked only of {title} cases: clear the answer, or check the case's {fields}"
        )
    )]
    AnswerOutsideDomain {
        file: String,
        row: usize,
        /// Where the cell stands, after the file's name: ` row 14 (case K-07), column 2.1.1`,
        /// or in a workbook `, cell F14 (case K-07, key question 2.1.1)`.
        place: String,
        column: String,
        value: String,
        domain: String,
        title: String,
        fields: String,
    },

    #[error(
        "{file}{place}: answered `{value}`, but the case is not in the sample of standard {standard} ({title})"
    )]
    #[diagnostic(
        code(ratebook::inspection::answer_outside_standard_sample),
        help(
            "{column} is asked only of the cases standard {standard} rates ({sample}): clear the answer, or check the case's fields"
        )
    )]
    AnswerOutsideStandardSample {
        file: String,
        row: usize,
        /// Where the cell stands, after the file's name: ` row 14 (case K-07), column 2.1.1`,
        /// or in a workbook `, cell F14 (case K-07, key question 2.1.1)`.
        place: String,
        column: String,
        value: String,
        standard: String,
        title: String,
        sample: String,
    },

    #[error(
        "{file}, column {column}: text that is not UTF-8 ({rows}); the column is not read, so it was left alone"
    )]
    #[diagnostic(
        code(ratebook::inspection::unread_column_not_utf8),
        severity(Warning),
        help(
            "the file was saved in another encoding (in Excel: Save As, CSV UTF-8); the ratings do not use this column"
        )
    )]
    UnreadColumnNotUtf8 {
        file: String,
        column: String,
        rows: String,
    },

    #[error("{file}: {count} wholly blank row(s) skipped ({rows})")]
    #[diagnostic(
        code(ratebook::inspection::blank_rows),
        severity(Warning),
        help(
            "a spreadsheet leaves empty rows after the last case; they are not cases, and nothing in them is read"
        )
    )]
    BlankRows {
        file: String,
        rows: String,
        count: usize,
    },

    #[error("{file}: {more} more cases belong to no domain rated from cases ({all} in all)")]
    #[diagnostic(
        code(ratebook::inspection::cases_in_no_domain),
        severity(Warning),
        help(
            "their answers are not used; check the fields that decide each case's domain, as for the cases named above"
        )
    )]
    MoreCasesInNoDomain {
        file: String,
        more: usize,
        all: usize,
    },

    #[error(
        "{file} row {row}: case {case} belongs to no domain rated from cases; its answers are not used"
    )]
    #[diagnostic(
        code(ratebook::inspection::case_in_no_domain),
        severity(Warning),
        help("check the case's {fields}: no domain's population takes it")
    )]
    CaseInNoDomain {
        file: String,
        row: usize,
        case: String,
        fields: String,
    },
}
