//! Write a generated inspection for benchmarks and comparisons: a cases file of N cases that
//! a ruleset accepts, and an inspection file naming it. The same arguments give the same bytes.
//!
//!     cargo run --release --example generate -- RULES CASES SEED FOLDER [all]
//!
//! With `all`, every field and prompt column is written; otherwise the key questions and the
//! fields the filters read.

use std::path::PathBuf;

use ratebook::generate::{self, Columns};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [rules, cases, seed, folder, rest @ ..] = args.as_slice() else {
        return Err("usage: generate RULES CASES SEED FOLDER [all]".into());
    };
    let columns = match rest {
        [] => Columns::KeyQuestions,
        [all] if all == "all" => Columns::All,
        _ => return Err("the last argument may only be `all`".into()),
    };
    let (rules, _) =
        ratebook::load_rules(std::path::Path::new(rules)).map_err(|p| p.render(false, 100))?;
    let folder = PathBuf::from(folder);
    std::fs::create_dir_all(&folder)?;
    let file = std::io::BufWriter::new(std::fs::File::create(folder.join("cases.csv"))?);
    generate::cases(
        &rules.framework,
        cases.parse()?,
        seed.parse()?,
        columns,
        file,
    )?;
    let toml = generate::inspection_toml(&rules.framework, "Generated", "cases.csv");
    std::fs::write(folder.join("inspection.toml"), toml)?;
    Ok(())
}
