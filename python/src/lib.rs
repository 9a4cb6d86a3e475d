//! The Python package's native module, `ratebook._ratebook`: each function calls ratebook's
//! library ([`ratebook::api`]) and returns the JSON text the command line writes, which the
//! Python side reads into objects. A problem raises `_Failed(summary, problems_json)`, which
//! the Python side raises as `ratebook.RatebookError`.
//!
//! Never prints; never reads a file the library would not.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(_ratebook, _Failed, PyException);

fn raise(failed: ratebook::api::Failed) -> PyErr {
    let problems = serde_json::to_string(&failed.problems).unwrap_or_else(|_| "[]".into());
    _Failed::new_err((failed.summary, problems))
}

/// Every problem `ratebook check` finds, as JSON: `[]` when the rules are clean.
#[pyfunction]
fn check(rules: &str) -> String {
    serde_json::to_string(&ratebook::api::check(rules)).unwrap_or_else(|_| "[]".into())
}

/// `rate --format json`.
#[pyfunction]
fn rate(rules: &str, inspections: Vec<String>) -> PyResult<String> {
    ratebook::api::rate(rules, &inspections).map_err(raise)
}

/// `compare --format json`.
#[pyfunction]
fn compare(rules: Vec<String>, inspections: Vec<String>) -> PyResult<String> {
    ratebook::api::compare(&rules, &inspections).map_err(raise)
}

/// `breakdown --format json`.
#[pyfunction]
fn breakdown(rules: &str, inspections: Vec<String>) -> PyResult<String> {
    ratebook::api::breakdown(rules, &inspections).map_err(raise)
}

/// `test --format json`, and whether every inspection passed.
#[pyfunction]
fn test(rules: &str, inspections: Vec<String>) -> PyResult<(String, bool)> {
    ratebook::api::test(rules, &inspections).map_err(raise)
}

/// `cases --format json`.
#[pyfunction]
fn cases(rules: &str, inspections: Vec<String>) -> PyResult<String> {
    ratebook::api::cases(rules, &inspections).map_err(raise)
}

#[pymodule]
fn _ratebook(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("_Failed", m.py().get_type::<_Failed>())?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(rate, m)?)?;
    m.add_function(wrap_pyfunction!(compare, m)?)?;
    m.add_function(wrap_pyfunction!(breakdown, m)?)?;
    m.add_function(wrap_pyfunction!(test, m)?)?;
    m.add_function(wrap_pyfunction!(cases, m)?)?;
    Ok(())
}
