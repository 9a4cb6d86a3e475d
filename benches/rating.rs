//! Benchmarks: how long rating and resampling take on a published inspection (Luton 2020,
//! 36 cases, 2019 ruleset), and how long a research breakdown of 160 inspections takes (the
//! two published inspections 80 times each: 6,000 cases). Run with `cargo bench`; prints the
//! mean time per operation.

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

    breakdown_of_160(&rules);
}

/// 160 inspection files in a scratch folder, each naming one of the published cases files,
/// loaded and tabulated with every grouping and measure of the 2019 ruleset.
fn breakdown_of_160(rules: &ratebook::Rules) {
    let dir = std::env::temp_dir().join(format!("ratebook-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let root = std::env::current_dir().expect("the project folder");
    let mut paths = vec![];
    for i in 0..160 {
        let name = if i % 2 == 0 {
            "luton-2020"
        } else {
            "hounslow-2019"
        };
        let source = root.join("tests/published").join(name);
        let text = std::fs::read_to_string(source.join("inspection.toml"))
            .expect("fixture")
            .replace(
                "cases = \"cases.csv\"",
                &format!(
                    "cases = {:?}",
                    source.join("cases.csv").display().to_string()
                ),
            );
        let path = dir.join(format!("inspection-{i:03}.toml"));
        std::fs::write(&path, text).expect("a scratch file");
        paths.push(path);
    }
    let load = || -> Vec<ratebook::inspection::Inspection> {
        paths
            .iter()
            .map(|p| {
                ratebook::inspection::load(&rules.framework, p)
                    .expect("fixture loads")
                    .0
            })
            .collect()
    };
    let inspections = load();
    let cases: usize = inspections.iter().map(|i| i.cases.len()).sum();
    println!(
        "breakdown set: {} inspections, {cases} cases",
        inspections.len()
    );
    let request = ratebook::breakdown::Request::default();
    time("breakdown of 160 inspections (tables only)", 10, || {
        ratebook::breakdown::breakdown(&rules.framework, &inspections, &request)
    });
    time("breakdown of 160 inspections, files loaded", 5, || {
        let inspections = load();
        ratebook::breakdown::breakdown(&rules.framework, &inspections, &request)
    });
    let _ = std::fs::remove_dir_all(&dir);
}
