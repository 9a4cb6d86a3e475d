//! Any text as an inspection file (with the example's cases), against the 2019 ruleset.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(toml) = std::str::from_utf8(data) else {
        return;
    };
    let rules = common::youth_2019();
    let loaded =
        ratebook::inspection::load_text(&rules.framework, "fuzz.toml", toml, common::EXAMPLE_CASES);
    if let Err(problems) = loaded {
        let _ = problems.render(false, 100);
    }
});
