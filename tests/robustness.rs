//! Never panic on user input: thousands of deterministic mutations of small rule files,
//! inspection files and cases files (bytes deleted, repeated, swapped, digits enlarged) must
//! each give a result or diagnostics, never a panic.

use std::path::{Path, PathBuf};

use ratebook::diagnostic::Source;

/// A small deterministic generator (a linear congruential one), so every run tries the same inputs.
struct Mutator(u64);

impl Mutator {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below.max(1)
    }

    fn mutate(&mut self, text: &str) -> String {
        let mut bytes = text.as_bytes().to_vec();
        for _ in 0..=self.next(3) {
            let at = self.next(bytes.len());
            let len = 1 + self.next(12);
            let end = (at + len).min(bytes.len());
            match self.next(6) {
                0 => {
                    bytes.drain(at..end);
                }
                1 => {
                    let copy = bytes[at..end].to_vec();
                    bytes.splice(at..at, copy);
                }
                2 => {
                    let last = bytes.len() - 1;
                    let other = self.next(bytes.len());
                    bytes.swap(at.min(last), other.min(last));
                }
                3 => {
                    bytes.splice(at..at, b"99999999999".iter().copied());
                }
                4 => {
                    bytes.splice(at..at, b"4294967295".iter().copied());
                }
                _ => {
                    bytes.splice(at..at, b"\"".iter().copied());
                }
            }
            if bytes.is_empty() {
                break;
            }
        }
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

#[test]
fn mutated_rule_files_never_panic() {
    let mut m = Mutator(2019);
    for seed in [
        "tests/inspection/tiny.rules",
        "tests/check/ok_minimal.rules",
    ] {
        let text = std::fs::read_to_string(seed).unwrap();
        for i in 0..1500 {
            let mutated = m.mutate(&text);
            let outcome = std::panic::catch_unwind(|| {
                let _ = ratebook::check_rules(Source::new("mutated.rules", mutated.clone()));
            });
            assert!(outcome.is_ok(), "{seed} mutation {i} panicked:\n{mutated}");
        }
    }
}

#[test]
fn mutated_variants_never_panic() {
    // Named beside the seed, so that `based on` still finds the base (until it is mutated).
    let mut m = Mutator(2026);
    for (seed, runs) in [
        ("tests/variant/ok/every_kind_of_edit.rules", 1500),
        ("examples/schemes/higher-thresholds.rules", 300),
    ] {
        let text = std::fs::read_to_string(seed).unwrap();
        let name = Path::new(seed).with_file_name("mutated.rules");
        for i in 0..runs {
            let mutated = m.mutate(&text);
            let outcome = std::panic::catch_unwind(|| {
                let source = Source::new(name.display().to_string(), mutated.clone());
                let _ = ratebook::check_rules(source);
            });
            assert!(outcome.is_ok(), "{seed} mutation {i} panicked:\n{mutated}");
        }
    }
}

#[test]
fn mutated_inspections_never_panic() {
    let (rules, _) = ratebook::load_rules(Path::new("tests/inspection/tiny.rules")).unwrap();
    let folder = Path::new("tests/inspection/ok/left_out_answers");
    let toml = std::fs::read_to_string(folder.join("inspection.toml")).unwrap();
    let csv = std::fs::read_to_string(folder.join("cases.csv")).unwrap();
    let scratch: PathBuf =
        std::env::temp_dir().join(format!("ratebook-robustness-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let mut m = Mutator(2020);
    for i in 0..800 {
        let (toml, csv) = if i % 2 == 0 {
            (m.mutate(&toml), csv.clone())
        } else {
            (toml.clone(), m.mutate(&csv))
        };
        std::fs::write(scratch.join("inspection.toml"), &toml).unwrap();
        std::fs::write(scratch.join("cases.csv"), &csv).unwrap();
        let outcome = std::panic::catch_unwind(|| {
            if let Ok((inspection, _)) =
                ratebook::inspection::load(&rules.framework, &scratch.join("inspection.toml"))
            {
                let _ = ratebook::rate::rate(&rules.framework, &inspection);
            }
        });
        assert!(outcome.is_ok(), "mutation {i} panicked:\n{toml}\n{csv}");
    }
    let _ = std::fs::remove_dir_all(&scratch);
}
