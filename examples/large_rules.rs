//! Write a rule file many times the size of the 2019 youth ruleset to stdout, for timing
//! `check` and `diff` on large files. The same arguments give the same bytes.
//!
//!     cargo run --release --example large_rules -- COPIES [overlapping] > large.rules
//!
//! Without `overlapping` the file checks clean; with it, every copy's domains take the same
//! cases and the checker reports each overlap.

use std::io::Write as _;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (copies, overlapping) = match args.as_slice() {
        [copies] => (copies.parse()?, false),
        [copies, o] if o == "overlapping" => (copies.parse()?, true),
        _ => return Err("usage: large_rules COPIES [overlapping]".into()),
    };
    let base = std::fs::read_to_string("rules/hmip-youth-2019.rules")?;
    let text = ratebook::generate::large_rules(&base, copies, overlapping);
    std::io::stdout().write_all(text.as_bytes())?;
    Ok(())
}
