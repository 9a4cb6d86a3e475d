//! ratebook as an installed program meets a new user: run from any folder, the bundled
//! rulesets are there by name, the program lists and prints them, says its version and the
//! rulesets it carries, completes in the shell and has a manual page.

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

use common::{ratebook, scratch, text};

/// Run the binary in `dir`, far from the checkout's `rules/` folder.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ratebook"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn project(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(path)
        .display()
        .to_string()
}

#[test]
fn a_bundled_ruleset_rates_by_name_from_any_folder_as_its_file_does() {
    let dir = scratch("installed-by-name");
    let inspection = project("examples/inspection.toml");
    let by_name = run_in(
        &dir,
        &[
            "rate",
            "--rules",
            "hmip-youth-2019",
            "--format",
            "json",
            &inspection,
        ],
    );
    assert_eq!(by_name.status.code(), Some(0), "{}", text(&by_name.stderr));
    let by_file = run_in(
        &dir,
        &[
            "rate",
            "--rules",
            &project("rules/hmip-youth-2019.rules"),
            "--format",
            "json",
            &inspection,
        ],
    );
    let json = |out: &Output| -> serde_json::Value { serde_json::from_slice(&out.stdout).unwrap() };
    let (mut a, b) = (json(&by_name), json(&by_file));
    assert_eq!(a["ruleset"]["path"], "hmip-youth-2019");
    a["ruleset"]["path"] = b["ruleset"]["path"].clone();
    assert_eq!(a, b);

    // The 2021 ruleset is a variant of the 2019 one: its base comes from the binary too, and
    // so does a user's variant `based on` a bundled name.
    let out = run_in(
        &dir,
        &[
            "check",
            "hmip-youth-2021",
            "hmip-adult-2018-crc",
            "hmip-pdu-2021",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    std::fs::write(
        dir.join("trial.rules"),
        "framework \"trial\" version \"1\"\nbased on \"hmip-youth-2019\"\nreplace title of standard 2.1 \"Assessment of the child\"\n",
    )
    .unwrap();
    let out = run_in(&dir, &["show", "trial.rules"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("standard 2.1 \"Assessment of the child\""));

    // A file of that name wins over the bundled ruleset.
    std::fs::write(dir.join("hmip-youth-2019"), "not a rule file\n").unwrap();
    let out = run_in(&dir, &["check", "hmip-youth-2019"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn rules_lists_the_bundled_rulesets_and_prints_one() {
    let out = ratebook(&["rules"]);
    assert_eq!(out.status.code(), Some(0));
    let listed = text(&out.stdout);
    assert!(
        listed.contains("hmip-youth-2019      HMIP youth offending services version 2019\n"),
        "{listed}"
    );
    assert_eq!(listed.lines().count(), 6, "{listed}");

    let out = ratebook(&["rules", "hmip-youth-2019"]);
    assert_eq!(
        text(&out.stdout),
        std::fs::read_to_string("rules/hmip-youth-2019.rules").unwrap()
    );
    let out = ratebook(&["rules", "hmip-youth-2109"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("did you mean `hmip-youth-2019`?"));
}

#[test]
fn version_names_the_rulesets_it_carries() {
    let out = ratebook(&["--version"]);
    let said = text(&out.stdout);
    assert!(
        said.starts_with(&format!("ratebook {}\n", env!("CARGO_PKG_VERSION"))),
        "{said}"
    );
    assert!(
        said.contains("bundled rulesets: hmip-youth-2018, hmip-youth-2019, hmip-youth-2021"),
        "{said}"
    );
}

#[test]
fn completions_and_the_manual_page_cover_every_command() {
    for shell in ["bash", "zsh", "fish"] {
        let out = ratebook(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = text(&out.stdout);
        for command in ["rate", "explain", "compare", "breakdown", "rules"] {
            assert!(script.contains(command), "{shell}: {command}");
        }
    }
    // bash reads the bash script without a syntax error, where bash is installed.
    let script = scratch("installed-completions").join("ratebook.bash");
    std::fs::write(&script, ratebook(&["completions", "bash"]).stdout).unwrap();
    if let Ok(read) = Command::new("bash").arg("-n").arg(&script).output() {
        assert!(read.status.success(), "{}", text(&read.stderr));
    }
    let out = ratebook(&["man"]);
    let page = text(&out.stdout);
    assert!(page.contains(".TH ratebook 1"), "{page}");
    assert!(page.contains("Examples:"), "{page}");
    // `man` reads the page, where it is installed.
    let file = scratch("installed-man").join("ratebook.1");
    std::fs::write(&file, &out.stdout).unwrap();
    if let Ok(read) = Command::new("man")
        .arg("-l")
        .arg(&file)
        .env("MANPAGER", "cat")
        .output()
        && read.status.success()
    {
        assert!(text(&read.stdout).contains("ratebook"));
    }
}

#[test]
fn every_command_takes_format_text_and_human_alike() {
    let inspection = "examples/inspection.toml";
    for command in ["rate", "explain", "stability"] {
        let mut args = vec![command, "--rules", "hmip-youth-2019", inspection];
        if command == "stability" {
            args.extend(["--resamples", "50"]);
        }
        let plain = ratebook(&args);
        let text_format = ratebook(&[args.as_slice(), &["--format", "text"]].concat());
        let human = ratebook(&[args.as_slice(), &["--format", "human"]].concat());
        assert_eq!(text_format.status.code(), Some(0), "{command}");
        assert_eq!(plain.stdout, text_format.stdout, "{command}");
        assert_eq!(human.stdout, text_format.stdout, "{command}");
    }
    let args = [
        "diff",
        "hmip-youth-2019",
        "hmip-youth-2021",
        "--format",
        "text",
    ];
    assert_eq!(ratebook(&args).status.code(), Some(0));
    let args = [
        "compare",
        "--rules",
        "hmip-youth-2019",
        "--rules",
        "hmip-youth-2021",
        "--format",
        "text",
        inspection,
    ];
    assert_eq!(ratebook(&args).status.code(), Some(0));
}

#[test]
fn check_takes_a_folder_and_an_unreadable_file_is_said_to_be_unreadable() {
    let out = ratebook(&["check", "examples/schemes"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).matches(": ok: ").count(),
        common::SCHEMES.len()
    );
    // A folder with no rule file in it is a usage mistake, said as such.
    let out = ratebook(&["check", "tests/published"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("the folder tests/published holds no rule files (.rules)"),
        "{}",
        text(&out.stderr)
    );

    let out = ratebook(&[
        "rate",
        "--rules",
        "no-such.rules",
        "examples/inspection.toml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let said = common::unwrapped(&text(&out.stderr));
    assert!(said.contains("cannot read no-such.rules"), "{said}");
    assert!(
        said.contains("no-such.rules: cannot read the rule file"),
        "{said}"
    );
    assert!(!said.contains("the rules have errors"), "{said}");
}
