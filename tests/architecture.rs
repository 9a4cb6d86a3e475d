//! The tree's shape, checked: no two files of one folder lean on each other, however long
//! the loop. A loop between siblings means a helper kept in the wrong file; the fix is to
//! move it where both can reach it without reaching each other.
//!
//! A file names a sibling as `super::sibling` (or inside `use super::{…}`), or by its whole
//! path from `crate::`. Each folder's `mod.rs` is its parent, not a sibling, and is left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every folder under src/, each with its files other than mod.rs, by module name.
fn folders(root: &Path, out: &mut Vec<(PathBuf, BTreeMap<String, String>)>) {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            folders(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            if stem != "mod" && stem != "lib" && stem != "main" {
                files.insert(stem, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    out.push((root.to_path_buf(), files));
}

/// The identifiers a text names right after `prefix` (`super::` gives `super::words` →
/// `words`), and those listed at the top level of a `prefix{…}` group.
fn named_after(text: &str, prefix: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut names = BTreeSet::new();
    for (at, _) in text.match_indices(prefix) {
        let rest = &text[at + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        names.insert(ident(item.trim()));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 {
                    item.push(c);
                }
            }
            names.insert(ident(item.trim()));
        } else {
            names.insert(ident(rest));
        }
    }
    names
}

/// The module path of a folder, as `crate::` writes it (`crate::inspection::cases::`).
fn crate_path(folder: &Path) -> String {
    let inside = folder.strip_prefix("src").unwrap();
    let mut path = String::from("crate::");
    for part in inside.components() {
        path.push_str(&part.as_os_str().to_string_lossy());
        path.push_str("::");
    }
    path
}

/// A loop among the files of one folder, if there is one, as its files in order.
fn a_loop(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        at: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|p| p == at) {
            let mut found = path[start..].to_vec();
            found.push(at.to_string());
            return Some(found);
        }
        if done.contains(at) {
            return None;
        }
        path.push(at.to_string());
        for next in edges.get(at).into_iter().flatten() {
            if let Some(found) = visit(next, edges, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(at.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|start| visit(start, edges, &mut vec![], &mut done))
}

#[test]
fn no_two_files_of_one_folder_lean_on_each_other() {
    let mut all = vec![];
    folders(Path::new("src"), &mut all);
    let mut loops = vec![];
    for (folder, files) in &all {
        let whole_path = crate_path(folder);
        let edges: BTreeMap<String, BTreeSet<String>> = files
            .iter()
            .map(|(name, text)| {
                let named = named_after(text, "super::")
                    .into_iter()
                    .chain(named_after(text, &whole_path))
                    .filter(|other| other != name && files.contains_key(other))
                    .collect();
                (name.clone(), named)
            })
            .collect();
        if let Some(found) = a_loop(&edges) {
            loops.push(format!("{}: {}", folder.display(), found.join(" → ")));
        }
    }
    assert!(
        loops.is_empty(),
        "files that lean on each other:\n{}",
        loops.join("\n")
    );
}

#[test]
fn a_loop_is_found_however_long() {
    let edges: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(str::to_string).collect()))
    .collect();
    assert_eq!(a_loop(&edges).unwrap(), ["a", "b", "c", "a"]);
    let names = named_after(
        "use super::{words::kind_text, layout::{Column, Layout}};",
        "super::",
    );
    assert!(
        names.contains("words") && names.contains("layout"),
        "{names:?}"
    );
}

/// Every format each command declares it offers runs on the bundled examples and writes
/// something: a declaration with no renderer behind it cannot stand.
#[test]
fn every_declared_command_and_format_runs_on_the_examples() {
    use ratebook::report::format::OFFERED;
    let dir = crate::common::scratch("architecture-formats");
    for (command, formats) in OFFERED {
        for format in formats {
            let mut args: Vec<String> = vec![command.to_string()];
            let rules = ["--rules", "hmip-youth-2019"].map(String::from);
            match command {
                "compare" => {
                    args.extend(rules.clone());
                    args.extend(
                        ["--rules", "examples/schemes/higher-thresholds.rules"].map(String::from),
                    );
                }
                "diff" => args.extend(["hmip-youth-2018", "hmip-youth-2019"].map(String::from)),
                "doc" | "template" => args.push("hmip-youth-2019".into()),
                _ => args.extend(rules.clone()),
            }
            args.extend(["--format".into(), format.name().into()]);
            match command {
                "test" => args.push("tests/published".into()),
                "diff" | "doc" | "template" => {}
                _ => args.push("examples/inspection.toml".into()),
            }
            let file = dir.join(format!("{command}.{}", format.name()));
            if format.binary() {
                args.extend(["--output".into(), file.display().to_string()]);
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = crate::common::ratebook(&args);
            assert_eq!(
                out.status.code(),
                Some(0),
                "{args:?}: {}",
                crate::common::text(&out.stderr)
            );
            let written = if format.binary() {
                std::fs::read(&file).unwrap()
            } else {
                out.stdout
            };
            assert!(!written.is_empty(), "{args:?} wrote nothing");
        }
    }
}

/// Every file under src/ is named in docs/ARCHITECTURE.md, in its folder's list, so that the
/// map of the tree cannot fall behind it.
#[test]
fn every_source_file_is_named_in_the_architecture_notes() {
    let notes = std::fs::read_to_string("docs/ARCHITECTURE.md").unwrap();
    let mut all = vec![];
    folders(Path::new("src"), &mut all);
    let mut missing = vec![];
    for (folder, _) in &all {
        let heading = format!("\n`{}/`\n", folder.display());
        let Some(at) = notes.find(&heading) else {
            missing.push(heading);
            continue;
        };
        let section = &notes[at..];
        let section = &section[..section[1..].find("\n`src").map_or(section.len(), |e| e + 1)];
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "rs") {
                let name = format!("- `{}`", path.file_name().unwrap().to_string_lossy());
                if !section.contains(&name) {
                    missing.push(path.display().to_string());
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not named in docs/ARCHITECTURE.md: {missing:?}"
    );
}

/// The stages in order: a file may use its own stage and those before it. The shared helpers
/// come first; `batch` runs rating for the analyses; `api`, `lsp`, `generate` and `cli` stand
/// at the end.
const STAGES: [(&str, u8); 20] = [
    ("diagnostic", 0),
    ("suggest", 0),
    ("terminal", 0),
    ("columns", 0),
    ("guard", 0),
    ("bundled", 0),
    ("framework", 1),
    ("syntax", 1),
    ("variant", 2),
    ("check", 3),
    ("io", 4),
    ("inspection", 5),
    ("rate", 6),
    ("batch", 7),
    ("analysis", 8),
    ("report", 9),
    ("api", 10),
    ("lsp", 10),
    ("generate", 10),
    ("cli", 11),
];

/// Where a file still reaches forward, each with why; the list may only shrink. Rating's
/// refusals quote discretion triggers in `report::words`' sentences; the analyses still
/// write some sentences of their own and name a JSON type from `report`.
const REACHING_FORWARD: [(&str, &str); 9] = [
    ("rate/discretion.rs", "report"),
    ("rate/mod.rs", "report"),
    ("rate/overall.rs", "report"),
    ("analysis/compare.rs", "report"),
    ("analysis/diff.rs", "report"),
    ("analysis/published.rs", "report"),
    ("analysis/snapshot.rs", "report"),
    ("analysis/stability/mod.rs", "report"),
    ("analysis/suite.rs", "report"),
];

fn files_under(root: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_stage_uses_a_later_one_but_those_listed() {
    let level = |name: &str| STAGES.iter().find(|(s, _)| *s == name).map(|(_, l)| *l);
    let mut files = vec![];
    files_under(Path::new("src"), &mut files);
    let mut found = BTreeSet::new();
    for path in files {
        let inside = path.strip_prefix("src").unwrap().display().to_string();
        let stage = inside.split('/').next().unwrap().trim_end_matches(".rs");
        let Some(own) = level(stage) else { continue };
        let code: String = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for used in named_after(&code, "crate::") {
            if level(&used).is_some_and(|l| l > own) {
                found.insert((inside.clone(), used));
            }
        }
    }
    let allowed: BTreeSet<(String, String)> = REACHING_FORWARD
        .iter()
        .map(|(f, s)| (f.to_string(), s.to_string()))
        .collect();
    let new: Vec<_> = found.difference(&allowed).collect();
    assert!(new.is_empty(), "files that use a later stage: {new:?}");
    let mended: Vec<_> = allowed.difference(&found).collect();
    assert!(
        mended.is_empty(),
        "no longer reaching forward, so take them off the list: {mended:?}"
    );
}
