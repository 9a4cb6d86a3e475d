//! The Python package's native module, `ratebook._ratebook`: each function calls ratebook's
//! library ([`ratebook::api`]) and returns the JSON text the command line writes, which the
//! Python side reads into objects. A problem raises `_Failed(summary, problems_json)`, which
//! the Python side raises as `ratebook.RatebookError`.
//!
//! Never prints; never reads a file the library would not.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use ratebook::api::Form;

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

fn form(html: bool) -> Form {
    if html { Form::Html } else { Form::Json }
}

/// `rate --format json`, or with `html` the page.
#[pyfunction]
#[pyo3(signature = (rules, inspections, html = false))]
fn rate(rules: &str, inspections: Vec<String>, html: bool) -> PyResult<String> {
    ratebook::api::rate_as(rules, &inspections, form(html)).map_err(raise)
}

/// `compare --format json`, or with `html` the page.
#[pyfunction]
#[pyo3(signature = (rules, inspections, html = false))]
fn compare(rules: Vec<String>, inspections: Vec<String>, html: bool) -> PyResult<String> {
    ratebook::api::compare_as(&rules, &inspections, form(html)).map_err(raise)
}

/// `breakdown --format json`, or with `html` the page.
#[pyfunction]
#[pyo3(signature = (rules, inspections, html = false))]
fn breakdown(rules: &str, inspections: Vec<String>, html: bool) -> PyResult<String> {
    ratebook::api::breakdown_as(rules, &inspections, form(html)).map_err(raise)
}

/// `test --format json`, or with `html` the page, and whether every inspection passed.
#[pyfunction]
#[pyo3(signature = (rules, inspections, html = false))]
fn test(rules: &str, inspections: Vec<String>, html: bool) -> PyResult<(String, bool)> {
    ratebook::api::test_as(rules, &inspections, form(html)).map_err(raise)
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
