//! Damaged and hostile workbooks, each made small in the test: a value in the last cell of a
//! sheet, a cell past it, a workbook cut short or stopping inside a sheet, parts that swell
//! when decompressed, strings or cells that claim more than the file holds, a password.
//! Each ends within seconds and under a gigabyte of memory in ratings (with a warning where
//! cells are left unread) or in one diagnostic with exit 1: never a panic, an abort or a wait.

use crate::common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::made_workbooks::{self as made, example_rows};

/// What a run gave: its exit code, stdout and stderr (unwrapped).
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Rate the example inspection with its cases in `file` (a workbook's bytes), with the
/// environment given; the run is stopped, and the test fails, if it takes a minute.
fn rate_workbook(test: &str, file: &str, bytes: &[u8], env: &[(&str, &str)]) -> Run {
    let dir = common::scratch(test);
    std::fs::write(dir.join(file), bytes).unwrap();
    let toml = std::fs::read_to_string("examples/inspection.toml").unwrap();
    let toml = toml.replace("cases = \"cases.csv\"", &format!("cases = \"{file}\""));
    std::fs::write(dir.join("inspection.toml"), toml).unwrap();
    run_within_a_minute(
        &[
            "rate",
            "--rules",
            "rules/hmip-youth-2019.rules",
            "--format",
            "json",
        ],
        &dir.join("inspection.toml"),
        env,
    )
}

/// Run ratebook on the inspection; the run is stopped, and the test fails, if it takes a
/// minute or its memory (resident, at its peak) reaches a gigabyte.
// The child is waited for with wait4, by its process id, which clippy cannot see.
#[allow(clippy::zombie_processes)]
fn run_within_a_minute(args: &[&str], inspection: &Path, env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ratebook"));
    command.args(args).arg(inspection).env("NO_COLOR", "1");
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let read_all = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = vec![];
            pipe.read_to_end(&mut bytes).unwrap();
            bytes
        })
    };
    let stdout = read_all(Box::new(child.stdout.take().unwrap()));
    let stderr = read_all(Box::new(child.stderr.take().unwrap()));
    let (done, finished) = std::sync::mpsc::channel();
    // Waited for by its process id, for the peak memory the system kept of this one run.
    std::thread::spawn(move || {
        let mut status = 0;
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        assert_eq!(waited, pid);
        let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
        let _ = done.send((code, usage.ru_maxrss));
    });
    let Ok((code, peak_kb)) = finished.recv_timeout(Duration::from_secs(60)) else {
        let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
        panic!("ratebook {args:?} was still reading after a minute");
    };
    assert!(
        peak_kb < 1024 * 1024,
        "ratebook {args:?} took {peak_kb} kB at its peak"
    );
    Run {
        code,
        stdout: common::text(&stdout.join().unwrap()),
        stderr: common::unwrapped(&common::text(&stderr.join().unwrap())),
    }
}

/// The run ended in one diagnostic with this code, exit 1, and nothing of a panic.
fn refused_with(run: &Run, code: &str) {
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains(code), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

/// The ratings the example cases get from their CSV, wherever the files are.
fn ratings_from_csv() -> serde_json::Value {
    common::ratings_anywhere("examples/inspection.toml").0
}

/// A run's ratings, wherever its files are.
fn ratings(stdout: &str) -> serde_json::Value {
    common::anywhere(stdout.as_bytes())
}

/// The example cases written by rust_xlsxwriter, with `extra` cells written after them.
fn example_xlsx(extra: impl Fn(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, row) in example_rows().iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    extra(sheet);
    workbook.save_to_buffer().unwrap()
}

#[test]
fn a_value_in_the_last_cell_of_the_sheet_is_left_unread_with_a_warning() {
    let bytes = example_xlsx(|sheet| {
        sheet
            .write_string(1_048_575, 16_383, "typed here by mistake")
            .unwrap();
    });
    let run = rate_workbook("far-cell", "cases.xlsx", &bytes, &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let code = "ratebook::inspection::cells_right_of_header";
    assert!(run.stderr.contains(code), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "1 cell(s) right of the header's last column are not read; the first is XFD1048576"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(ratings(&run.stdout), ratings_from_csv());
}

#[test]
fn a_workbook_holding_only_its_last_cell_has_no_header_row() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_number(1_048_575, 16_383, 1.0).unwrap();
    let run = rate_workbook(
        "only-far-cell",
        "cases.xlsx",
        &workbook.save_to_buffer().unwrap(),
        &[],
    );
    refused_with(&run, "ratebook::inspection::no_header_row");
}

#[test]
fn twenty_thousand_rows_reaching_column_xfd_are_read_within_the_header() {
    let bytes = example_xlsx(|sheet| {
        for row in 1..20_000 {
            sheet.write_number(row, 16_383, 1.0).unwrap();
        }
        sheet.write_number(999_999, 701, 1.0).unwrap();
    });
    let run = rate_workbook("far-column", "cases.xlsx", &bytes, &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "20000 cell(s) right of the header's last column are not read; the first is XFD2"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(ratings(&run.stdout), ratings_from_csv());
}

#[test]
fn a_cell_reference_past_the_last_row_is_refused() {
    let sheet = made::sheet_xml(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>case</t></is></c></row><row r="2"><c r="A99999999999"><v>1</v></c></row>"#,
    );
    let run = rate_workbook(
        "past-last-row",
        "cases.xlsx",
        &made::xlsx(&sheet, None),
        &[],
    );
    refused_with(&run, "ratebook::inspection::workbook");
}

#[test]
fn an_xls_workbook_reads_as_its_csv_does() {
    let bytes = made::xls(&made::xls_example_records());
    let run = rate_workbook("xls", "cases.xls", &bytes, &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(ratings(&run.stdout), ratings_from_csv());
}

#[test]
fn an_xls_workbook_cut_short_is_refused_as_damaged() {
    let bytes = made::xls(&made::xls_example_records());
    for cut in [512, 4097, bytes.len() / 2] {
        let run = rate_workbook("xls-cut", "cases.xls", &bytes[..cut], &[]);
        refused_with(&run, "ratebook::inspection::workbook");
    }
    // Cut inside the last sector's padding, it still holds every case.
    let run = rate_workbook("xls-cut", "cases.xls", &bytes[..bytes.len() - 1], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn an_xls_sheet_claiming_a_vast_block_is_refused() {
    let mut records = vec![made::dimensions((0, 4_000_000), (0, 255))];
    records.extend(made::xls_example_records());
    let run = rate_workbook("xls-vast", "cases.xls", &made::xls(&records), &[]);
    refused_with(&run, "ratebook::inspection::workbook_too_large");
    let far = "sheet \"Cases\" reaches cell IU4000000: it claims 4000000 rows of 255 columns";
    assert!(run.stderr.contains(far), "{}", run.stderr);
    let far = vec![
        made::label(0, 0, "case"),
        made::number(65_535, 255, 1.0),
        made::number(0, 65_535, 1.0),
    ];
    let run = rate_workbook("xls-far", "cases.xls", &made::xls(&far), &[]);
    refused_with(&run, "ratebook::inspection::workbook_too_large");
}

#[test]
fn an_ods_workbook_reads_as_its_csv_does() {
    let bytes = made::ods(&made::ods_content(&made::ods_example_rows()));
    let run = rate_workbook("ods", "cases.ods", &bytes, &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(ratings(&run.stdout), ratings_from_csv());
}

#[test]
fn an_ods_whose_content_stops_inside_a_sheet_is_refused_not_read_for_ever() {
    let content = made::ods_content(&made::ods_example_rows());
    let cut = &content[..content.find("</table:table>").unwrap()];
    let run = rate_workbook("ods-cut", "cases.ods", &made::ods(cut), &[]);
    refused_with(&run, "ratebook::inspection::workbook");
    assert!(
        run.stderr.contains("its content stops inside a sheet"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_ods_repeating_cells_past_the_limit_is_refused() {
    let row = r#"<table:table-row table:number-rows-repeated="1000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row>"#;
    let rows = format!("{}{row}", made::ods_example_rows());
    let run = rate_workbook(
        "ods-repeats",
        "cases.ods",
        &made::ods(&made::ods_content(&rows)),
        &[],
    );
    refused_with(&run, "ratebook::inspection::workbook_too_large");
    let far =
        "sheet \"Cases\" reaches cell XFD1023: its sheets reach over more than 6 million cells";
    assert!(run.stderr.contains(far), "{}", run.stderr);
    // Text repeated: one cell's text in every column of every row.
    let text = "x".repeat(10_000);
    let row = format!(
        r#"<table:table-row table:number-rows-repeated="2000"><table:table-cell office:value-type="string" table:number-columns-repeated="100"><text:p>{text}</text:p></table:table-cell></table:table-row>"#
    );
    let rows = format!("{}{row}", made::ods_example_rows());
    let run = rate_workbook(
        "ods-text",
        "cases.ods",
        &made::ods(&made::ods_content(&rows)),
        &[],
    );
    refused_with(&run, "ratebook::inspection::workbook_too_large");
}

#[test]
fn parts_that_swell_past_the_limit_when_decompressed_are_refused() {
    let mut rows = String::new();
    for (r, row) in example_rows().iter().enumerate() {
        rows.push_str(&format!("<row r=\"{}\">", r + 1));
        for cell in row {
            rows.push_str(&format!("<c t=\"inlineStr\"><is><t>{cell}</t></is></c>"));
        }
        rows.push_str("</row>");
    }
    let padding = " ".repeat(3 * 1024 * 1024);
    let sheet = made::sheet_xml(&format!("{rows}{padding}"));
    let bytes = made::xlsx(&sheet, None);
    assert!(
        bytes.len() < 1024 * 1024,
        "the workbook is {} bytes",
        bytes.len()
    );
    let run = rate_workbook(
        "swell",
        "cases.xlsx",
        &bytes,
        &[("RATEBOOK_MAX_INPUT_MB", "2")],
    );
    refused_with(&run, "ratebook::inspection::workbook_too_large");
    assert!(
        run.stderr
            .contains("once decompressed, more than the 2 MB ratebook reads"),
        "{}",
        run.stderr
    );
    // Within the limit, the same workbook rates as the CSV does.
    let run = rate_workbook(
        "swell",
        "cases.xlsx",
        &bytes,
        &[("RATEBOOK_MAX_INPUT_MB", "8")],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(ratings(&run.stdout), ratings_from_csv());
}

#[test]
fn shared_strings_claiming_more_than_their_part_holds_are_refused() {
    let strings = r#"<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="900000000000"><si><t>case</t></si></sst>"#;
    let sheet = made::sheet_xml(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#);
    let run = rate_workbook(
        "sst-count",
        "cases.xlsx",
        &made::xlsx(&sheet, Some(strings)),
        &[],
    );
    refused_with(&run, "ratebook::inspection::workbook");
    assert!(
        run.stderr.contains("more than their part can hold"),
        "{}",
        run.stderr
    );
    // The claim further into the part, behind a long comment, is read all the same.
    let padded = strings.replace("<sst ", &format!("<!--{}--><sst ", " ".repeat(100_000)));
    let bytes = made::xlsx(&sheet, Some(&padded));
    let run = rate_workbook("sst-count", "cases.xlsx", &bytes, &[]);
    refused_with(&run, "ratebook::inspection::workbook");
}

#[test]
fn an_encrypted_workbook_says_so_and_what_to_do() {
    let bytes = made::compound(&[
        ("/EncryptionInfo", b"\x04\x00\x04\x00"),
        ("/EncryptedPackage", &[7; 600]),
    ]);
    let run = rate_workbook("encrypted", "cases.xlsx", &bytes, &[]);
    refused_with(&run, "ratebook::inspection::workbook_encrypted");
    assert!(
        run.stderr.contains("is protected with a password"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("save a copy without one"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_workbook_that_is_not_one_names_no_byte_of_it() {
    // The zip signature, and then a secret.
    let run = rate_workbook(
        "not-a-zip",
        "cases.xlsx",
        b"PK\x03\x04AWS_SECRET=abc123",
        &[],
    );
    refused_with(&run, "ratebook::inspection::workbook");
    assert!(!run.stderr.contains("abc123"), "{}", run.stderr);
}

/// The workbooks mutations start from: the example cases as the tests make each kind
/// (`.xlsx`, `.xls`, `.ods`), and as LibreOffice saved each.
fn seeds() -> Vec<Vec<u8>> {
    let saved =
        |kind: &str| std::fs::read(format!("tests/workbooks/libreoffice/cases.{kind}")).unwrap();
    vec![
        example_xlsx(|_| {}),
        made::xls(&made::xls_example_records()),
        made::ods(&made::ods_content(&made::ods_example_rows())),
        saved("xlsx"),
        saved("xls"),
        saved("ods"),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 192, ..Default::default() })]

    /// Any bytes a workbook's signature begins ends in diagnostics: never a panic.
    #[test]
    fn any_bytes_with_a_workbook_signature_end_in_diagnostics(
        zip in proptest::prelude::any::<bool>(),
        rest in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..4096),
    ) {
        let mut bytes = if zip { b"PK\x03\x04".to_vec() } else { vec![0xD0, 0xCF, 0x11, 0xE0] };
        bytes.extend(rest);
        let rules = common::rules("rules/hmip-youth-2019.rules");
        let toml = std::fs::read_to_string("examples/inspection.toml").unwrap();
        let loaded = ratebook::inspection::load_text(&rules.framework, "inspection.toml", &toml, &bytes);
        proptest::prop_assert!(loaded.is_err_and(|problems| problems.has_errors()));
    }

    /// Any workbook a few bytes away from a real one, or cut short, ends in cases or in
    /// diagnostics: never a panic out of the reading.
    #[test]
    fn any_mutated_workbook_ends_in_cases_or_diagnostics(
        seed in 0usize..6,
        edits in proptest::collection::vec((proptest::prelude::any::<proptest::sample::Index>(), proptest::prelude::any::<u8>()), 0..8),
        cut in proptest::option::of(proptest::prelude::any::<proptest::sample::Index>()),
    ) {
        let mut bytes = seeds().swap_remove(seed);
        for (at, byte) in edits {
            let at = at.index(bytes.len());
            bytes[at] = byte;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        let rules = common::rules("rules/hmip-youth-2019.rules");
        let toml = std::fs::read_to_string("examples/inspection.toml")
            .unwrap()
            .replace("cases = \"cases.csv\"", "cases = \"cases.xlsx\"");
        match ratebook::inspection::load_text(&rules.framework, "inspection.toml", &toml, &bytes) {
            Ok((inspection, _)) => proptest::prop_assert!(!inspection.cases.is_empty()),
            Err(problems) => proptest::prop_assert!(problems.has_errors()),
        }
    }
}

/// Not a test: `fuzz/seed.sh` runs it to write the seed workbooks of the `workbook` fuzz
/// target into the folder `RATEBOOK_FUZZ_SEEDS` names.
#[test]
#[ignore = "writes the fuzz target's seeds; fuzz/seed.sh runs it"]
fn fuzz_seeds() {
    let folder = std::env::var("RATEBOOK_FUZZ_SEEDS").expect("RATEBOOK_FUZZ_SEEDS names a folder");
    let names = [
        "cases.xlsx",
        "cases.xls",
        "cases.ods",
        "saved.xlsx",
        "saved.xls",
        "saved.ods",
    ];
    for (seed, name) in seeds().iter().zip(names) {
        std::fs::write(Path::new(&folder).join(name), seed).unwrap();
    }
}
