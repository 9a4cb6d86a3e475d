//! Any bytes as a cases file (with the example's inspection file), against the 2019 ruleset.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let rules = common::youth_2019();
    let loaded =
        ratebook::inspection::load_text(&rules.framework, "fuzz.toml", common::EXAMPLE_TOML, data);
    if let Err(problems) = loaded {
        let _ = problems.render(false, 100);
    }
});
