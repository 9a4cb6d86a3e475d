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
    // (A comment where the workbook's inspection file has its `sheet` line, so that the
    // judged standards stand on the same lines.)
    let toml = toml.replace("cases = \"cases.csv\"", "cases = \"cases.csv\"\n# no sheet");
    std::fs::write(dir.join("from-csv.toml"), &toml).unwrap();
    let (_, from_csv, _) = rate_text(&dir.join("from-csv.toml"));
    // Byte for byte the same, once the files are named alike (the inspection file, the cases
    // file), in JSON and in the text a reader sees.
    let named_alike = |output: &str| {
        output
            .replace("inspection.toml", "from-csv.toml")
            .replace("cases.xlsx", "cases.csv")
    };
    assert_eq!(named_alike(&from_workbook), from_csv);
    let text = |inspection: &str| {
        let path = dir.join(inspection);
        let out = common::ratebook(&[
            "rate",
            "--rules",
            "rules/hmip-youth-2019.rules",
            path.to_str().unwrap(),
        ]);
        common::text(&out.stdout)
    };
    let from_csv_text = text("from-csv.toml");
    assert!(from_csv_text.contains("Overall: "), "{from_csv_text}");
    assert_eq!(named_alike(&text("inspection.toml")), from_csv_text);
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
    assert!(
        stderr.contains("is a workbook, though not named as one; it is read as a workbook"),
        "{stderr}"
    );
    std::fs::copy("examples/cases.csv", dir.join("cases.xlsx")).unwrap();
    let (code, _, stderr) = rate_with(&dir, "cases = \"cases.xlsx\"");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("is named as a workbook but holds text; it is read as CSV"),
        "{stderr}"
    );
}

/// Each workbook diagnostic by its code: a corrupt workbook, a sheet with no header row, a
/// sheet that is not there, text named as a workbook, and a workbook named as something else.
#[test]
fn workbook_problems_each_have_their_code() {
    let dir = common::scratch("workbooks-codes");
    let run = |cases: &str, sheet: Option<&str>| {
        let line = match sheet {
            Some(sheet) => format!("cases = \"{cases}\"\nsheet = \"{sheet}\""),
            None => format!("cases = \"{cases}\""),
        };
        rate_with(&dir, &line).2
    };
    // The zip signature, and then nothing a workbook holds.
    std::fs::write(dir.join("broken.xlsx"), b"PK\x03\x04 not really a workbook").unwrap();
    assert!(run("broken.xlsx", None).contains("ratebook::inspection::workbook"));
    example_workbook(&dir.join("cases.xlsx"));
    assert!(run("cases.xlsx", None).contains("ratebook::inspection::no_header_row"));
    assert!(run("cases.xlsx", Some("Sheet9")).contains("ratebook::inspection::unknown_sheet"));
    std::fs::copy("examples/cases.csv", dir.join("text.xlsx")).unwrap();
    assert!(run("text.xlsx", None).contains("ratebook::inspection::text_named_as_workbook"));
    std::fs::copy(dir.join("cases.xlsx"), dir.join("cases.txt")).unwrap();
    let said = run("cases.txt", Some("Case data"));
    assert!(
        said.contains("ratebook::inspection::workbook_not_named_as_one"),
        "{said}"
    );
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

/// A results workbook read back with calamine: its sheets, in order, as `rate`'s text output
/// shows its tables.
fn sheets_of(path: &Path) -> Vec<(String, Vec<Vec<calamine::Data>>)> {
    use calamine::Reader;
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    let names = workbook.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).unwrap();
            let rows = range.rows().map(|r| r.to_vec()).collect();
            (name, rows)
        })
        .collect()
}

/// `rate --format xlsx`: read back with calamine, every key question's n and yes are numbers
/// and its percentage the JSON's over 100; the same cases give the same bytes; and the
/// workbook goes to a file, never to a terminal.
#[test]
fn the_ratings_workbook_holds_the_figures_the_json_gives() {
    use calamine::Data;
    let dir = common::scratch("workbooks-rate");
    let path = dir.join("ratings.xlsx");
    let rate = |format: &str, output: Option<&Path>| {
        let mut args = vec![
            "rate",
            "--rules",
            "hmip-youth-2019",
            "--format",
            format,
            "examples/inspection.toml",
        ];
        if let Some(output) = output {
            args.extend(["--output", output.to_str().unwrap()]);
        }
        common::ratebook(&args)
    };
    let out = rate("xlsx", Some(&path));
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
    assert!(out.stdout.is_empty());
    let json: serde_json::Value =
        serde_json::from_str(&common::text(&rate("json", None).stdout)).unwrap();
    let sheets = sheets_of(&path);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["Ratings", "Key questions", "Prompts", "Overall", "About"]
    );
    let questions = &sheets[1].1;
    let header: Vec<String> = questions[0].iter().map(|c| c.to_string()).collect();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let standards = json["inspections"][0]["standards"].as_array().unwrap();
    let asked: Vec<&serde_json::Value> = standards
        .iter()
        .flat_map(|s| s["key_questions"].as_array().unwrap())
        .collect();
    assert_eq!(questions.len() - 1, asked.len());
    for (row, q) in questions[1..].iter().zip(asked) {
        assert_eq!(
            row[at("key question")],
            Data::String(q["id"].as_str().unwrap().into())
        );
        assert_eq!(row[at("n")], Data::Float(q["sample"].as_f64().unwrap()));
        assert_eq!(row[at("yes")], Data::Float(q["yes"].as_f64().unwrap()));
        match q["percent"].as_f64() {
            Some(p) => assert_eq!(row[at("percentage")], Data::Float(p / 100.0)),
            None => assert_eq!(row[at("percentage")], Data::Empty),
        }
    }
    let overall = &sheets[3].1[1];
    let o = &json["inspections"][0]["overall"];
    assert_eq!(
        overall[2],
        Data::String(o["rating"].as_str().unwrap().into())
    );
    assert_eq!(overall[3], Data::Float(o["score"].as_f64().unwrap()));

    // Written again, it is the same file.
    let first = std::fs::read(&path).unwrap();
    assert_eq!(rate("xlsx", Some(&path)).status.code(), Some(0));
    assert_eq!(std::fs::read(&path).unwrap(), first);

    // Without --output, a usage error, and nothing on stdout.
    let out = rate("xlsx", None);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(common::text(&out.stderr).contains("name the file with --output FILE"));

    // A folder is not a file to write: said, and nothing is left behind.
    let out = rate("xlsx", Some(&dir));
    assert_eq!(out.status.code(), Some(1));
    assert!(common::text(&out.stderr).contains("not a file ratebook can replace"));
}

/// `compare`, `breakdown` and `test` write their tables as workbooks too, each sheet a table
/// the text output shows; read back with calamine. (`.ci/run` also opens each with Python's
/// openpyxl and checks every figure against the JSON.)
#[test]
fn compare_breakdown_and_test_write_their_tables_as_workbooks() {
    let dir = common::scratch("workbooks-results");
    let written = |args: &[&str], name: &str| {
        let path = dir.join(name);
        let mut args = args.to_vec();
        args.extend(["--format", "xlsx", "--output", path.to_str().unwrap()]);
        let out = common::ratebook(&args);
        assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
        sheets_of(&path)
    };
    let names = |sheets: &[(String, Vec<Vec<calamine::Data>>)]| {
        sheets.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>()
    };
    let compare = written(
        &[
            "compare",
            "--rules",
            "hmip-youth-2019",
            "--rules",
            "examples/schemes/higher-thresholds.rules",
            "examples/inspection.toml",
        ],
        "compare.xlsx",
    );
    assert_eq!(
        names(&compare),
        ["Ratings", "Changes", "Transitions", "Summary", "About"]
    );
    // The ratings sheet holds the rows of compare --format csv, with numbers as numbers.
    let csv = common::text(
        &common::ratebook(&[
            "compare",
            "--rules",
            "hmip-youth-2019",
            "--rules",
            "examples/schemes/higher-thresholds.rules",
            "--format",
            "csv",
            "examples/inspection.toml",
        ])
        .stdout,
    );
    let as_csv: Vec<String> = compare[0]
        .1
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(as_csv.len(), lines.len());
    // (The CSV quotes a cell holding a comma; compare the lines that hold none.)
    for (mine, theirs) in as_csv.iter().zip(&lines) {
        if !theirs.contains('"') {
            assert_eq!(mine, theirs);
        }
    }

    let breakdown = written(
        &[
            "breakdown",
            "--rules",
            "tests/breakdown/research.rules",
            "tests/breakdown",
        ],
        "breakdown.xlsx",
    );
    assert_eq!(names(&breakdown)[..2], ["Profile", "Questions"]);
    assert_eq!(names(&breakdown).last().unwrap(), "About");

    let test = written(
        &["test", "--rules", "hmip-youth-2019", "tests/published"],
        "test.xlsx",
    );
    assert_eq!(names(&test), ["Inspections", "Figures", "About"]);
    let figures = &test[1].1;
    assert!(figures.len() > 50, "every published figure is listed");
    assert!(
        figures[1..]
            .iter()
            .all(|row| row[5] == calamine::Data::String("yes".into()))
    );
}

/// The example cases saved by LibreOffice Calc (7.4, `soffice --headless --convert-to`) as
/// `.ods`, `.xls` and `.xlsx`, kept under tests/workbooks/libreoffice: workbooks a real
/// spreadsheet program wrote, not the tests' own writer, each rating as the CSV does.
#[test]
fn workbooks_libreoffice_wrote_rate_as_their_csv_does() {
    let dir = common::scratch("workbooks-libreoffice");
    let from_csv = common::ratings_anywhere("examples/inspection.toml").0;
    for kind in ["ods", "xls", "xlsx"] {
        let workbook = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("tests/workbooks/libreoffice/cases.{kind}"));
        std::fs::copy(&workbook, dir.join(format!("cases.{kind}"))).unwrap();
        let toml = std::fs::read_to_string("examples/inspection.toml")
            .unwrap()
            .replace(
                "cases = \"cases.csv\"",
                &format!("cases = \"cases.{kind}\""),
            );
        let inspection = dir.join(format!("inspection-{kind}.toml"));
        std::fs::write(&inspection, toml).unwrap();
        let (from_workbook, warnings) = common::ratings_anywhere(inspection.to_str().unwrap());
        assert_eq!(from_workbook, from_csv, "{kind}");
        assert!(!warnings.contains("warning"), "{kind}: {warnings}");
    }
}
