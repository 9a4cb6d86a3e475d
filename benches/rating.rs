//! Benchmarks: how long rating and resampling take on a published inspection (Luton 2020,
//! 36 cases, 2019 ruleset). Run with `cargo bench`; prints the mean time per operation.

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

fn time<T>(what: &str, runs: u32, mut work: impl FnMut() -> T) {
    let start = Instant::now();
    for _ in 0..runs {
        black_box(work());
    }
    let each = start.elapsed() / runs;
    println!("{what:<44} {each:>12.2?} per run ({runs} runs)");
}

fn main() {
    let rules_path = Path::new("rules/hmip-youth-2019.rules");
    let inspection_path = Path::new("tests/published/luton-2020/inspection.toml");
    let (rules, _) = ratebook::load_rules(rules_path).expect("bundled rules check");
    let (inspection, _) =
        ratebook::inspection::load(&rules.framework, inspection_path).expect("fixture loads");

    time("check rules/hmip-youth-2019.rules", 200, || {
        ratebook::load_rules(rules_path)
    });
    time("load Luton 2020 (TOML + CSV)", 500, || {
        ratebook::inspection::load(&rules.framework, inspection_path)
    });
    time("rate Luton 2020", 2_000, || {
        ratebook::rate::rate(&rules.framework, &inspection)
    });
    let options = ratebook::stability::Options {
        resamples: 1_000,
        seed: 1,
    };
    time("stability, 1,000 resamples", 5, || {
        ratebook::stability::stability(&rules.framework, &inspection, options, |_| {})
    });
}
