//! Benchmarks, each beside its floor: a bare csv-crate parse of the same file. Run with
//! `cargo bench` (criterion); the README's performance table is read off its output.
//!
//! The data is generated (`ratebook::generate`, the 2019 youth ruleset, fixed seeds) into
//! cargo's scratch folder on the first run and reused after; `cargo run --release --example
//! generate` writes the same files for other programs (the pandas scripts in benches/).
//!
//! - one inspection of 10k, 100k and 1M cases (key question columns), and of 1M cases with
//!   every field and prompt column: load, rate and write the ratings table, as `ratebook rate`
//!   does;
//! - 160 inspections of 49 cases: in one call of the library, and as one `ratebook rate`
//!   process (against which a pandas script is timed);
//! - stability: 10,000 resamples of a 50-case inspection beside one rating of it, and
//!   10,000 resamples of each of the 160 inspections;
//! - a research breakdown of the 160, and checking the bundled ruleset;
//! - a rule file of about 100,000 lines: parsed (the floor), checked, and diffed against a
//!   reworded copy;
//! - the language server: from a change to a rule file to its diagnostics (and outline,
//!   hovers and definitions, read at the same time), on the 2019 ruleset and on a rule file
//!   of 44,000 lines, beside a bare parse of each;
//! - a cases workbook of 100,000 rows (the 100k cases, saved as `.xlsx` with numbers as
//!   numbers): every cell read by calamine (the floor), and loaded as `ratebook rate` loads it.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;

use ratebook::analysis::stability;
use ratebook::generate::{self, Columns};
use ratebook::inspection::{self, Inspection};
use ratebook::{Rules, rate, report};

const RULES: &str = "rules/hmip-youth-2019.rules";

fn rules() -> Rules {
    ratebook::load_rules(Path::new(RULES))
        .expect("the bundled ruleset checks")
        .0
}

/// A generated inspection in the scratch folder: `name/inspection.toml` and its cases,
/// written once.
fn generated(rules: &Rules, name: &str, cases: usize, seed: u64, columns: Columns) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("bench-data")
        .join(name);
    let inspection = dir.join("inspection.toml");
    if !inspection.exists() {
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        let file = std::fs::File::create(dir.join("cases.csv")).expect("a scratch file");
        let out = std::io::BufWriter::new(file);
        generate::cases(&rules.framework, cases, seed, columns, out).expect("cases written");
        let toml = generate::inspection_toml(&rules.framework, name, "cases.csv");
        std::fs::write(&inspection, toml).expect("a scratch file");
    }
    inspection
}

/// The floor: every record of the cases file read by the csv crate, nothing done with it.
fn parse(inspection: &Path) -> usize {
    let cases = inspection.with_file_name("cases.csv");
    let mut reader = csv::Reader::from_path(cases).expect("the cases file opens");
    let mut record = csv::ByteRecord::new();
    let mut cells = 0;
    while reader
        .read_byte_record(&mut record)
        .expect("the cases file parses")
    {
        cells += record.len();
    }
    cells
}

/// What `ratebook rate` does with one inspection: load, rate, write the ratings table.
fn load_and_rate(rules: &Rules, path: &Path) -> String {
    let (inspection, _) = inspection::load(&rules.framework, path).expect("generated data loads");
    let result = rate::rate(&rules.framework, &inspection).expect("generated data rates");
    report::table::rating_table(rules, &result)
}

fn one_inspection(c: &mut Criterion) {
    let rules = rules();
    let sizes = [
        ("10k", 10_000, Columns::KeyQuestions),
        ("100k", 100_000, Columns::KeyQuestions),
        ("1M", 1_000_000, Columns::KeyQuestions),
        ("1M all columns", 1_000_000, Columns::All),
    ];
    for (name, cases, columns) in sizes {
        let path = generated(&rules, &format!("cases-{name}"), cases, 1, columns);
        let bytes = std::fs::metadata(path.with_file_name("cases.csv"))
            .expect("generated")
            .len();
        let mut group = c.benchmark_group(format!("one inspection, {name} cases"));
        group.throughput(Throughput::Bytes(bytes));
        if cases >= 100_000 {
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(20));
        }
        group.bench_function("csv parse (floor)", |b| b.iter(|| parse(black_box(&path))));
        group.bench_function("load, rate and write", |b| {
            b.iter(|| load_and_rate(&rules, black_box(&path)))
        });
        group.finish();
    }
}

/// 160 generated inspections of 49 cases, each from its own seed.
fn inspections_160(rules: &Rules) -> Vec<PathBuf> {
    (0..160)
        .map(|i| {
            let name = format!("inspection-{i:03}");
            generated(rules, &name, 49, 1000 + i, Columns::KeyQuestions)
        })
        .collect()
}

fn loaded(rules: &Rules, paths: &[PathBuf]) -> Vec<Inspection> {
    paths
        .par_iter()
        .map(|p| inspection::load(&rules.framework, p).expect("loads").0)
        .collect()
}

fn many_inspections(c: &mut Criterion) {
    let rules = rules();
    let paths = inspections_160(&rules);
    let mut group = c.benchmark_group("160 inspections of 49 cases");
    group.bench_function("csv parse (floor)", |b| {
        b.iter(|| paths.iter().map(|p| parse(p)).sum::<usize>())
    });
    group.bench_function("load, rate and write", |b| {
        b.iter(|| {
            paths
                .par_iter()
                .map(|p| load_and_rate(&rules, p))
                .collect::<Vec<_>>()
        })
    });
    group.bench_function("`ratebook rate` process", |b| {
        b.iter(|| {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_ratebook"))
                .args(["rate", "--rules", RULES])
                .args(&paths)
                .output()
                .expect("ratebook runs");
            assert!(out.status.success());
            out.stdout.len()
        })
    });
    let inspections = loaded(&rules, &paths);
    let request = ratebook::analysis::breakdown::Request::default();
    group.bench_function("breakdown, files loaded", |b| {
        b.iter(|| {
            let inspections = loaded(&rules, &paths);
            ratebook::analysis::breakdown::breakdown(&rules.framework, &inspections, &request)
        })
    });
    group.bench_function("breakdown, tables only", |b| {
        b.iter(|| {
            ratebook::analysis::breakdown::breakdown(&rules.framework, &inspections, &request)
        })
    });
    group.finish();
}

fn resampling(c: &mut Criterion) {
    let rules = rules();
    let path = generated(&rules, "cases-50", 50, 1, Columns::KeyQuestions);
    let (inspection, _) = inspection::load(&rules.framework, &path).expect("loads");
    let options = stability::Options {
        resamples: 10_000,
        seed: 1,
    };
    let mut group = c.benchmark_group("stability");
    group.bench_function("rate a 50-case inspection once", |b| {
        b.iter(|| rate::rate(&rules.framework, black_box(&inspection)))
    });
    group.bench_function("10,000 resamples of it", |b| {
        b.iter(|| stability::stability(&rules.framework, &inspection, options, |_| {}))
    });
    let paths = inspections_160(&rules);
    let inspections = loaded(&rules, &paths);
    group.sample_size(10);
    group.bench_function("10,000 resamples of each of 160 inspections", |b| {
        b.iter(|| {
            inspections
                .par_iter()
                .map(|i| stability::stability(&rules.framework, i, options, |_| {}))
                .collect::<Vec<_>>()
        })
    });
    group.finish();
}

fn checking(c: &mut Criterion) {
    c.bench_function("check rules/hmip-youth-2019.rules", |b| {
        b.iter(|| ratebook::load_rules(Path::new(RULES)))
    });
}

/// A rule file of about 100,000 lines (450 copies of the 2019 ruleset's domains) and a copy
/// with one wording changed throughout, written once.
fn large_rule_files() -> (PathBuf, PathBuf) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-data");
    let (large, reworded) = (dir.join("large.rules"), dir.join("large-reworded.rules"));
    if !reworded.exists() {
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        let base = std::fs::read_to_string(RULES).expect("the bundled ruleset");
        let text = generate::large_rules(&base, 450, false);
        std::fs::write(&large, &text).expect("a scratch file");
        let changed = text.replace("Does planning", "Does the planning");
        std::fs::write(&reworded, changed).expect("a scratch file");
    }
    (large, reworded)
}

fn large_rules(c: &mut Criterion) {
    let (large, reworded) = large_rule_files();
    let text = std::fs::read_to_string(&large).expect("generated");
    let mut group = c.benchmark_group("a rule file of 100,000 lines");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("parse to a syntax tree (floor)", |b| {
        b.iter(|| ratebook::syntax::parse(black_box(&text)).is_ok())
    });
    group.bench_function("check", |b| {
        b.iter(|| ratebook::load_rules(black_box(&large)).is_ok())
    });
    group.bench_function("diff against a reworded copy (both checked)", |b| {
        b.iter(|| {
            let from = ratebook::load_rules(&large).expect("checks").0;
            let to = ratebook::load_rules(&reworded).expect("checks").0;
            ratebook::analysis::diff::diff(&from.framework, &to.framework)
                .changes
                .len()
        })
    });
    group.finish();
}

/// The 100k generated cases as a workbook, `cases.xlsx` beside its own inspection file,
/// written once: a title row above the header, as inspectors keep them, and numbers as
/// numbers.
fn generated_workbook(rules: &Rules) -> PathBuf {
    let csv = generated(rules, "cases-100k", 100_000, 1, Columns::KeyQuestions);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("bench-data")
        .join("workbook-100k");
    let inspection = dir.join("inspection.toml");
    if !inspection.exists() {
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        let mut reader =
            csv::Reader::from_path(csv.with_file_name("cases.csv")).expect("the cases file opens");
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.write_string(0, 0, "Generated cases").expect("a cell");
        let header = reader.headers().expect("a header").clone();
        for (c, name) in header.iter().enumerate() {
            sheet.write_string(1, c as u16, name).expect("a cell");
        }
        for (r, record) in reader.records().enumerate() {
            let record = record.expect("generated data parses");
            for (c, cell) in record.iter().enumerate() {
                let (row, col) = (r as u32 + 2, c as u16);
                match cell.parse::<f64>() {
                    Ok(n) => sheet.write_number(row, col, n),
                    Err(_) if cell.is_empty() => continue,
                    Err(_) => sheet.write_string(row, col, cell),
                }
                .expect("a cell");
            }
        }
        workbook
            .save(dir.join("cases.xlsx"))
            .expect("a scratch file");
        let toml = generate::inspection_toml(&rules.framework, "workbook-100k", "cases.xlsx");
        std::fs::write(&inspection, toml).expect("a scratch file");
    }
    inspection
}

/// The floor: every cell of the workbook's first sheet read by calamine, nothing done with it.
fn calamine_read(workbook: &Path) -> usize {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(workbook).expect("the workbook opens");
    let first = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&first).expect("the sheet reads");
    range.rows().map(|row| row.len()).sum()
}

fn workbooks(c: &mut Criterion) {
    let rules = rules();
    let path = generated_workbook(&rules);
    let workbook = path.with_file_name("cases.xlsx");
    let bytes = std::fs::metadata(&workbook).expect("generated").len();
    let mut group = c.benchmark_group("a cases workbook of 100,000 rows");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("calamine read (floor)", |b| {
        b.iter(|| calamine_read(black_box(&workbook)))
    });
    group.bench_function("load", |b| {
        b.iter(|| inspection::load(&rules.framework, black_box(&path)).expect("loads"))
    });
    group.bench_function("load, rate and write", |b| {
        b.iter(|| load_and_rate(&rules, black_box(&path)))
    });
    group.finish();
}

fn language_server(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-data");
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let youth = std::fs::read_to_string(RULES).expect("the bundled ruleset");
    // About 44,000 lines: 200 copies of the 2019 ruleset's domains.
    let large = generate::large_rules(&youth, 200, false);
    let mut group = c.benchmark_group("language server: a change to its diagnostics");
    group.sample_size(20);
    for (name, text) in [("the 2019 ruleset", &youth), ("44,000 lines", &large)] {
        let uri = format!("file://{}", dir.join("edited.rules").display());
        group.bench_function(format!("{name}: parse (floor)"), |b| {
            b.iter(|| ratebook::syntax::parse(black_box(text)).is_ok())
        });
        group.bench_function(format!("{name}: change to diagnostics"), |b| {
            b.iter(|| {
                let doc = ratebook::lsp::Document::read(
                    &uri,
                    black_box(text.clone()),
                    &ratebook::io::read::Disk,
                );
                doc.diagnostics.len()
            })
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    language_server,
    one_inspection,
    many_inspections,
    resampling,
    checking,
    large_rules,
    workbooks
);
criterion_main!(benches);
