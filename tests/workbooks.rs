//! Cases kept in a workbook, as inspectors keep them: a notes sheet first, title rows above the
//! header, answers typed Yes and NO, numbers stored as 15.0, a formula whose cached value is
//! the answer, a date in a column the rules do not read, formatted blank rows at the end. The workbook is written with rust_xlsxwriter and
//! read by ratebook with calamine; it rates exactly as the same cases from CSV.

use crate::common;

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

/// The example cases as a workbook: sheet "Notes", then "Case data" whose header is row 3.
fn example_workbook(path: &Path) {
    let csv = std::fs::read_to_string("examples/cases.csv").unwrap();
    let mut workbook = Workbook::new();
    let notes = workbook.add_worksheet();
    notes.set_name("Notes").unwrap();
    notes
        .write_string(0, 0, "Read by the lead inspector, June")
        .unwrap();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Case data").unwrap();
    sheet
        .write_string(0, 0, "Example Youth Offending Team: case data")
        .unwrap();
    for (r, line) in csv.lines().enumerate() {
        let row = r as u32 + 2;
        let cells: Vec<&str> = line.split(',').collect();
        let last = cells.len() as u16;
        for (c, cell) in cells.iter().enumerate() {
            let col = c as u16;
            if cell.is_empty() {
                continue;
            }
            if r > 0
                && let Ok(n) = cell.parse::<f64>()
            {
                sheet.write_number(row, col, n).unwrap();
            } else if r == 5 {
                // Worked out by a formula: its cached value is the cell's.
                let formula = Formula::new(format!("=\"{cell}\"")).set_result(*cell);
                sheet.write_formula(row, col, formula).unwrap();
            } else if r > 0 && *cell == "yes" && c % 2 == 0 {
                sheet.write_string(row, col, "Yes").unwrap();
            } else if r > 0 && *cell == "no" && c % 3 == 0 {
                sheet.write_string(row, col, "NO").unwrap();
            } else {
                sheet.write_string(row, col, *cell).unwrap();
            }
        }
        // A column the rules do not read: when the case was seen.
        if r == 0 {
            sheet.write_string(row, last, "seen").unwrap();
        } else {
            let date = ExcelDateTime::from_ymd(2024, 6, (r % 28) as u8 + 1).unwrap();
            sheet
                .write_datetime_with_format(
                    row,
                    last,
                    &date,
                    &Format::new().set_num_format("yyyy-mm-dd"),
                )
                .unwrap();
        }
    }
    // Formatted blank rows after the last case.
    let rows = csv.lines().count() as u32 + 2;
    for row in rows..rows + 3 {
        sheet
            .write_blank(row, 0, &Format::new().set_bold())
            .unwrap();
    }
    workbook.save(path).unwrap();
}

/// Rate the example inspection, copied into `dir` with its `cases = …` line given as `cases`.
fn rate_with(dir: &Path, cases: &str) -> (Option<i32>, String, String) {
    let toml = std::fs::read_to_string("examples/inspection.toml").unwrap();
    let toml = toml.replace("cases = \"cases.csv\"", cases);
    std::fs::write(dir.join("inspection.toml"), toml).unwrap();
    rate_text(&dir.join("inspection.toml"))
}

fn rate_text(inspection: &Path) -> (Option<i32>, String, String) {
    let out = common::ratebook(&[
        "rate",
        "--rules",
        "rules/hmip-youth-2019.rules",
        "--format",
        "json",
        inspection.to_str().unwrap(),
    ]);
    (
        out.status.code(),
        common::text(&out.stdout),
        common::unwrapped(&common::text(&out.stderr)),
    )
}

#[test]
fn a_workbook_as_inspectors_keep_it_rates_as_its_csv_does() {
    let dir = common::scratch("workbooks-example");
    example_workbook(&dir.join("cases.xlsx"));
    let toml = std::fs::read_to_string("examples/inspection.toml").unwrap();
    // The first visible sheet holds notes: the diagnostic names the sheet that holds cases.
    let (code, _, stderr) = rate_with(&dir, "cases = \"cases.xlsx\"");
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("sheet \"Notes\": no row names the `case` column")
            && stderr.contains("the sheet \"Case data\" has one: write sheet = \"Case data\""),
        "{stderr}"
    );

    let (code, from_workbook, stderr) =
        rate_with(&dir, "cases = \"cases.xlsx\"\nsheet = \"Case data\"");
    assert_eq!(code, Some(0), "{stderr}");
    std::fs::copy("examples/cases.csv", dir.join("cases.csv")).unwrap();
    std::fs::write(dir.join("from-csv.toml"), &toml).unwrap();
    let (_, from_csv, _) = rate_text(&dir.join("from-csv.toml"));
    let same = |json: &str| {
        json.lines()
            .filter(|l| {
                !l.contains("\"source\"") && !l.contains("\"cases\"") && !l.contains("judged_in")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(same(&from_workbook), same(&from_csv));
    // The column the rules do not read is said once, as in a CSV.
    assert!(stderr.contains("unknown column `seen`"), "{stderr}");

    // A mistake names the sheet and the cell as the spreadsheet names it.
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Case data").unwrap();
    let csv = std::fs::read_to_string("examples/cases.csv").unwrap();
    for (r, line) in csv.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            let cell = match (r, c) {
                (12, 9) => "maybe",
                (1..=4, 10) => "Y",
                _ => cell,
            };
            if (r, c) == (7, 5) {
                // A date typed into the age column.
                let date = ExcelDateTime::from_ymd(2024, 6, 14).unwrap();
                let format = Format::new().set_num_format("dd/mm/yyyy");
                sheet
                    .write_datetime_with_format(r as u32 + 1, c as u16, &date, &format)
                    .unwrap();
                continue;
            }
            sheet.write_string(r as u32 + 1, c as u16, cell).unwrap();
        }
    }
    workbook.save(dir.join("cases.xlsx")).unwrap();
    let (code, _, stderr) = rate_text(&dir.join("inspection.toml"));
    assert_eq!(code, Some(1));
    // (In parts: the message wraps where the path's length puts it.)
    assert!(
        stderr.contains("cases.xlsx, sheet \"Case data\", cell J14 (case YOT-")
            && stderr.contains("key question 2.1.1): `maybe` is not an answer"),
        "{stderr}"
    );
    // A date where a number belongs is shown as the date it is.
    assert!(
        stderr.contains("cell F9 (case YOT-") && stderr.contains("field age): `2024-06-14` is"),
        "{stderr}"
    );
    // A mistake many cells share is said once, naming the sheet's column and rows.
    assert!(
        stderr.contains(
            "sheet \"Case data\", column K (2.1.2): `Y` is not an answer, in 4 rows (rows 3–6)"
        ),
        "{stderr}"
    );
}

#[test]
fn a_sheet_that_is_not_there_is_named_with_the_sheets_there_are() {
    let dir = common::scratch("workbooks-unknown-sheet");
    example_workbook(&dir.join("cases.xlsx"));
    let (code, _, stderr) = rate_with(&dir, "cases = \"cases.xlsx\"\nsheet = \"Cases data\"");
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("has no sheet named \"Cases data\""),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `Case data`?"), "{stderr}");

    // A workbook named .csv is read as the workbook it is; a CSV named .xlsx as the CSV.
    std::fs::rename(dir.join("cases.xlsx"), dir.join("cases.csv")).unwrap();
    let (code, _, stderr) = rate_with(&dir, "cases = \"cases.csv\"\nsheet = \"Case data\"");
    assert_eq!(code, Some(0), "{stderr}");
    std::fs::copy("examples/cases.csv", dir.join("cases.xlsx")).unwrap();
    let (code, _, stderr) = rate_with(&dir, "cases = \"cases.xlsx\"");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("is named as a workbook but holds text; it is read as CSV"),
        "{stderr}"
    );
}

/// Each workbook diagnostic by its code: a corrupt workbook, a sheet with no header row, a
/// sheet that is not there, and text named as a workbook.
#[test]
fn workbook_problems_each_have_their_code() {
    let dir = common::scratch("workbooks-codes");
    let toml = std::fs::read_to_string("examples/inspection.toml").unwrap();
    let run = |cases: &str, sheet: Option<&str>| {
        let mut text = toml.replace("cases = \"cases.csv\"", &format!("cases = \"{cases}\""));
        if let Some(sheet) = sheet {
            text = text.replace("\nprovider", &format!("\nsheet = \"{sheet}\"\nprovider"));
        }
        std::fs::write(dir.join("inspection.toml"), text).unwrap();
        rate_text(&dir.join("inspection.toml")).2
    };
    // The zip signature, and then nothing a workbook holds.
    std::fs::write(dir.join("broken.xlsx"), b"PK\x03\x04 not really a workbook").unwrap();
    assert!(run("broken.xlsx", None).contains("ratebook::inspection::workbook"));
    example_workbook(&dir.join("cases.xlsx"));
    assert!(run("cases.xlsx", None).contains("ratebook::inspection::no_header_row"));
    assert!(run("cases.xlsx", Some("Sheet9")).contains("ratebook::inspection::unknown_sheet"));
    std::fs::copy("examples/cases.csv", dir.join("text.xlsx")).unwrap();
    assert!(run("text.xlsx", None).contains("ratebook::inspection::text_named_as_workbook"));
}

/// `template --format xlsx` writes the cases workbook: read back with calamine (another
/// library than the one that wrote it), its "Cases" header is the CSV template's header and
/// its "Columns" sheet says what each column takes; the same rules give the same bytes.
/// (`.ci/run` also opens it with Python's openpyxl and checks every drop-down.)
#[test]
fn the_template_workbook_reads_back_with_the_columns_the_rules_read() {
    use calamine::Reader;
    let dir = common::scratch("workbooks-template");
    let path = dir.join("cases.xlsx");
    let out = common::ratebook(&[
        "template",
        "hmip-youth-2019",
        "--format",
        "xlsx",
        "--output",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
    assert!(out.stdout.is_empty());
    let first = std::fs::read(&path).unwrap();
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(workbook.sheet_names(), ["Cases", "Columns"]);
    let cases = workbook.worksheet_range("Cases").unwrap();
    let header: Vec<String> = cases
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let csv = common::text(&common::ratebook(&["template", "hmip-youth-2019"]).stdout);
    assert_eq!(header.join(","), csv.trim_end());
    let columns = workbook.worksheet_range("Columns").unwrap();
    let rows: Vec<Vec<String>> = columns
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let disposal = rows.iter().find(|r| r[0] == "disposal").unwrap();
    assert_eq!(
        disposal[2],
        "referral_order, youth_rehabilitation_order, custody, community_resolution, youth_caution, youth_conditional_caution"
    );
    let question = rows.iter().find(|r| r[0] == "2.2.3").unwrap();
    assert_eq!(
        question[1],
        "Does planning focus sufficiently on keeping other people safe?"
    );
    assert_eq!(question[2], "yes, no, n/a");
    assert_eq!(
        rows.iter().find(|r| r[0] == "age").unwrap()[2],
        "a whole number"
    );

    // Written again, it is the same file.
    let again = common::ratebook(&[
        "template",
        "hmip-youth-2019",
        "--format",
        "xlsx",
        "--output",
        path.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        first,
        "the same rules give the same bytes"
    );

    // A workbook goes to a file, never to a terminal.
    let out = common::ratebook(&["template", "hmip-youth-2019", "--format", "xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(common::text(&out.stderr).contains("--output FILE"));
}
