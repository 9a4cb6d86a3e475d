//! Any text as a rule file, through the parser, the variant stage, the checker and `show`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ratebook::diagnostic::Source;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match ratebook::check_rules(Source::new("fuzz.rules", text.to_string())) {
        Ok((rules, warnings)) => {
            let _ = warnings.render(false, 100);
            let shown = ratebook::syntax::print::rule_file(&rules.tree);
            // What `show` prints must read back, mean the same (print the same again), and
            // hold nothing a terminal would act on.
            assert!(!shown.chars().any(ratebook::terminal::is_unsafe));
            let again = ratebook::check_rules(Source::new("shown.rules", shown.clone()))
                .expect("show's output checks");
            assert_eq!(ratebook::syntax::print::rule_file(&again.0.tree), shown);
            let _ = ratebook::report::doc::document(&rules, None);
        }
        Err(problems) => {
            let _ = problems.render(false, 100);
        }
    }
});
