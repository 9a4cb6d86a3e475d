//! Every integration test, as one test binary: each file in tests/ is a module here, sharing
//! `common`. Run one file's tests with `cargo test --test integration published::`, one
//! test by its name.

mod common;

mod architecture;
mod breakdown;
mod cases;
mod catalogue;
mod check;
mod cli;
mod compare;
mod csv_results;
mod damaged_workbooks;
mod diff;
mod discretion;
mod doc;
mod fmt;
mod hostile;
mod inspections;
mod installed;
mod lsp;
mod margins;
mod overall;
mod pages;
mod parallel;
mod programmes;
mod properties;
mod published;
mod robustness;
mod schema;
mod slips;
mod stability;
mod template;
mod test_command;
mod variants;
mod workbooks;
