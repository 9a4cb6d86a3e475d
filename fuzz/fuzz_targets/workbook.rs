//! Any bytes as a cases workbook (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`: the kind is
//! known by the bytes), with the example's inspection file, against the 2019 ruleset. Reading
//! must end in cases or diagnostics: a panic the reader's guard lets through, an abort, a
//! wait or memory past libFuzzer's limit is a finding.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let rules = common::youth_2019();
    let toml = common::EXAMPLE_TOML.replace("cases = \"cases.csv\"", "cases = \"cases.xlsx\"");
    let loaded = ratebook::inspection::load_text(&rules.framework, "fuzz.toml", &toml, data);
    if let Err(problems) = loaded {
        let _ = problems.render(false, 100);
    }
});
