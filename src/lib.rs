//! ratebook: an inspection rating framework kept as data.
//!
//! The pipeline, one module per stage: rule text → [`syntax`] (syntax tree with spans) →
//! [`check`] (checked [`framework::Framework`]) → [`inspection`] (TOML manifest + CSV cases) →
//! [`rate`] (samples, bands, standards, discretion, overall) → [`report`] (human table, JSON).
//! Nothing downstream reaches back upstream.
//!
//! ```no_run
//! use std::path::Path;
//! let (rules, _warnings) = ratebook::load_rules(Path::new("rules/hmip-youth-2019.rules")).unwrap();
//! let (inspection, _warnings) =
//!     ratebook::inspection::load(&rules.framework, Path::new("examples/inspection.toml")).unwrap();
//! let result = ratebook::rate::rate(&rules.framework, &inspection).unwrap();
//! println!("{}", result.overall.rating);
//! ```

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod check;
pub mod diagnostic;
pub mod framework;
pub mod inspection;
pub mod rate;
pub mod report;
pub mod stability;
pub mod syntax;

use std::path::Path;

use diagnostic::{Problems, Source};
use framework::Framework;

/// A checked rule file and where it came from.
#[derive(Debug, Clone)]
pub struct Rules {
    pub source: Source,
    pub framework: Framework,
}

/// Read and check a rule file. On success, the rules and any warnings; otherwise every problem.
pub fn load_rules(path: &Path) -> Result<(Rules, Problems), Problems> {
    let name = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => check_rules(Source::new(name, text)),
        Err(e) => {
            let mut problems = Problems::new();
            problems.push(inspection::InspectionError::Unreadable {
                path: name,
                reason: e.to_string(),
            });
            Err(problems)
        }
    }
}

/// Parse and check rule text already in memory.
pub fn check_rules(source: Source) -> Result<(Rules, Problems), Problems> {
    let mut problems = Problems::new();
    let tree = match syntax::parse(&source.text) {
        Ok(tree) => tree,
        Err(e) => {
            problems.push_in(e, &source);
            return Err(problems);
        }
    };
    let checked = check::check(&tree, &source.text);
    for problem in checked.problems {
        problems.push_in(problem, &source);
    }
    match checked.framework {
        Some(framework) => Ok((Rules { source, framework }, problems)),
        None => Err(problems),
    }
}
