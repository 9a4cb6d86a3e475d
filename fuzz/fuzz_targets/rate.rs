//! A full rating: the input is an inspection file and a cases file, split at the first NUL
//! byte, loaded and rated under the 2019 ruleset, then explained and written as JSON.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let Ok(toml) = std::str::from_utf8(&data[..split]) else {
        return;
    };
    let cases = data.get(split + 1..).unwrap_or_default();
    let rules = common::youth_2019();
    let Ok((inspection, _)) = ratebook::inspection::load_text(&rules.framework, "fuzz.toml", toml, cases)
    else {
        return;
    };
    match ratebook::rate::rate(&rules.framework, &inspection) {
        Ok(result) => {
            let _ = ratebook::report::explain::explanation(rules, &result, None);
            let _ = ratebook::report::json::rating_document(rules, &[result]);
        }
        Err(problems) => {
            let _ = problems.render(false, 100);
        }
    }
});
