//! The Python package's native module, `ratebook._ratebook`: each function calls ratebook's
//! library ([`ratebook::api`]) and returns the JSON text the command line writes, which the
//! Python side reads into objects. A problem raises `_Failed(summary, problems_json)`, which
//! the Python side raises as `ratebook.RatebookError`.
//!
//! Every call does its work on a thread of its own with the interpreter released, so other
//! Python threads run meanwhile; the calling thread wakes every tenth of a second to let
//! Ctrl-C through (the call then raises `KeyboardInterrupt`, and the work, which is bounded,
//! finishes unseen and is dropped). A panic inside the library never reaches Python as one:
//! it is caught on the work's thread and raised as `_Failed`, so `RatebookError`.
//!
//! Never prints; never reads a file the library would not.

use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::Duration;

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use ratebook::report::format::Format;

create_exception!(_ratebook, _Failed, PyException);

fn raise(failed: ratebook::api::Failed) -> PyErr {
    let problems = serde_json::to_string(&failed.problems).unwrap_or_else(|_| "[]".into());
    _Failed::new_err((failed.summary, problems))
}

/// How often the calling thread wakes to let Ctrl-C through.
const WAKE: Duration = Duration::from_millis(100);

/// Run `work` on a thread of its own with the interpreter released, waking to check for
/// signals; a panic in it is raised as `_Failed`.
fn off_the_interpreter<T: Send + 'static>(
    py: Python<'_>,
    work: impl FnOnce() -> Result<T, ratebook::api::Failed> + Send + 'static,
) -> PyResult<T> {
    let (done, result) = channel();
    std::thread::Builder::new()
        .name("ratebook".into())
        // As deep a stack as a program's main thread has, where the command line does this work.
        .stack_size(8 * 1024 * 1024)
        .spawn(move || {
            let _ = done.send(ratebook::guard::catching(work));
        })
        .map_err(|e| _Failed::new_err((format!("ratebook could not start its work: {e}"), "[]")))?;
    let mut result = result;
    loop {
        // The receiver goes with the wait and comes back: it may move between threads, but
        // not be shared by them.
        let (back, received) = py.detach(move || {
            let received = result.recv_timeout(WAKE);
            (result, received)
        });
        result = back;
        match received {
            Ok(Ok(outcome)) => return outcome.map_err(raise),
            Ok(Err(panic)) => {
                let summary =
                    format!("ratebook stopped on an internal error ({panic}): please report it");
                return Err(_Failed::new_err((summary, "[]")));
            }
            Err(RecvTimeoutError::Timeout) => py.check_signals()?,
            Err(RecvTimeoutError::Disconnected) => {
                return Err(_Failed::new_err((
                    "ratebook's work ended without a result",
                    "[]",
                )));
            }
        }
    }
}

/// Every problem `ratebook check` finds, as JSON: `[]` when the rules are clean.
#[pyfunction]
fn check(py: Python<'_>, rules: String) -> PyResult<String> {
    off_the_interpreter(py, move || {
        Ok(serde_json::to_string(&ratebook::api::check(&rules)).unwrap_or_else(|_| "[]".into()))
    })
}

fn form(html: bool) -> Format {
    if html { Format::Html } else { Format::Json }
}

/// `rate --format json`, or with `html` the page.
#[pyfunction]
#[pyo3(signature = (rules, inspections, html = false))]
fn rate(py: Python<'_>, rules: String, inspections: Vec<String>, html: bool) -> PyResult<String> {
    off_the_interpreter(py, move || {
        ratebook::api::rate_as(&rules, &inspections, form(html))
    })
}

/// `compare --format json`, or with `html` the page.
#[pyfunction]
#[pyo3(signature = (rules, inspections, html = false))]
fn compare(
    py: Python<'_>,
    rules: Vec<String>,
    inspections: Vec<String>,
    html: bool,
) -> PyResult<String> {
    off_the_interpreter(py, move || {
        ratebook::api::compare_as(&rules, &inspections, form(html))
    })
}

/// `breakdown --format json`, or with `html` the page.
#[pyfunction]
#[pyo3(signature = (rules, inspections, html = false))]
fn breakdown(
    py: Python<'_>,
    rules: String,
    inspections: Vec<String>,
    html: bool,
) -> PyResult<String> {
    off_the_interpreter(py, move || {
        ratebook::api::breakdown_as(&rules, &inspections, form(html))
    })
}

/// `test --format json`, or with `html` the page, and whether every inspection passed.
#[pyfunction]
#[pyo3(signature = (rules, inspections, html = false))]
fn test(
    py: Python<'_>,
    rules: String,
    inspections: Vec<String>,
    html: bool,
) -> PyResult<(String, bool)> {
    off_the_interpreter(py, move || {
        ratebook::api::test_as(&rules, &inspections, form(html))
    })
}

/// `cases --format json`.
#[pyfunction]
fn cases(py: Python<'_>, rules: String, inspections: Vec<String>) -> PyResult<String> {
    off_the_interpreter(py, move || ratebook::api::cases(&rules, &inspections))
}

/// Not API: a panic inside the work, for the test that it reaches Python as `RatebookError`.
#[pyfunction]
fn _panic_inside(py: Python<'_>) -> PyResult<String> {
    off_the_interpreter(py, || -> Result<String, ratebook::api::Failed> {
        let nothing: Vec<String> = vec![];
        Ok(nothing[1].clone())
    })
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
    m.add_function(wrap_pyfunction!(_panic_inside, m)?)?;
    Ok(())
}
