//! Files nobody checked: rule repositories and inspection files that others contribute, tried
//! the way a hostile contributor would. Each test is a finding that was reproduced against an
//! earlier ratebook and is now refused or handled: snapshots that cannot be turned against the
//! user, no secret echoed, outputs that no spreadsheet or page can run, names kept exact, and
//! honest exit codes.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{ratebook, scratch, text, unwrapped};

const RULES: &str = "rules/hmip-youth-2019.rules";

/// The project folder, for paths given to a run started in another folder.
fn project(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(path)
        .display()
        .to_string()
}

/// A copy of the example inspection in `dir`, its provider and cases path as given.
fn example_in(dir: &Path, provider: &str, cases: Option<&str>) -> PathBuf {
    std::fs::copy("examples/cases.csv", dir.join("cases.csv")).unwrap();
    let mut toml = std::fs::read_to_string("examples/inspection.toml")
        .unwrap()
        .replace(
            "provider = \"Example Youth Offending Team\"",
            &format!("provider = {}", toml_string(provider)),
        );
    if let Some(cases) = cases {
        toml = toml.replace(
            "cases = \"cases.csv\"",
            &format!("cases = {}", toml_string(cases)),
        );
    }
    let path = dir.join("inspection.toml");
    std::fs::write(&path, toml).unwrap();
    path
}

fn toml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// Run ratebook in `dir` with `args`, giving up (and failing) after ten seconds: a read that
/// waits for ever is the finding.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ratebook"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("ratebook {args:?} did not finish in ten seconds");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn test_with_snapshot(dir: &Path, rules: &str, accept: bool) -> Output {
    let rules = project(rules);
    let mut args = vec!["test", "--rules", &rules, "--snapshot", "ratings.snap"];
    if accept {
        args.push("--accept");
    }
    args.push("inspection.toml");
    run_in(dir, &args)
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success());
}

// ---- snapshots ---------------------------------------------------------------------------

/// A link committed where the temporary file used to go (`ratings.snap.new`) is never
/// followed: the file it points to is untouched and the snapshot is a file of its own.
#[cfg(unix)]
#[test]
fn a_link_beside_the_snapshot_is_never_written_through() {
    let dir = scratch("hostile-link-beside");
    example_in(&dir, "Example Youth Offending Team", None);
    std::fs::write(dir.join("victim"), "ssh-ed25519 AAAA the user's key\n").unwrap();
    std::os::unix::fs::symlink("victim", dir.join("ratings.snap.new")).unwrap();
    let out = test_with_snapshot(&dir, RULES, false);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(dir.join("victim")).unwrap(),
        "ssh-ed25519 AAAA the user's key\n"
    );
    let snapshot = std::fs::symlink_metadata(dir.join("ratings.snap")).unwrap();
    assert!(snapshot.file_type().is_file());
}

/// A snapshot that is itself a link is neither read nor written, with or without --accept.
#[cfg(unix)]
#[test]
fn a_snapshot_that_is_a_link_is_refused() {
    let dir = scratch("hostile-link-snapshot");
    example_in(&dir, "Example Youth Offending Team", None);
    std::fs::write(dir.join("victim"), "keep me\n").unwrap();
    std::os::unix::fs::symlink("victim", dir.join("ratings.snap")).unwrap();
    for accept in [false, true] {
        let out = test_with_snapshot(&dir, RULES, accept);
        assert_eq!(out.status.code(), Some(1));
        let said = unwrapped(&text(&out.stdout));
        assert!(said.contains("ratings.snap is a symbolic link"), "{said}");
        assert_eq!(
            std::fs::read_to_string(dir.join("victim")).unwrap(),
            "keep me\n"
        );
        let link = std::fs::symlink_metadata(dir.join("ratings.snap")).unwrap();
        assert!(link.file_type().is_symlink());
    }
}

/// Two runs that accept one snapshot at once take turns: one writes it, the other compares
/// with what the first wrote and accepts its own changes; the file is one run's, whole.
#[test]
fn two_runs_accepting_one_snapshot_take_turns() {
    let dir = scratch("hostile-concurrent");
    example_in(&dir, "Example Youth Offending Team", None);
    let whole = |rules: &str| {
        let alone = scratch("hostile-concurrent-alone");
        example_in(&alone, "Example Youth Offending Team", None);
        test_with_snapshot(&alone, rules, true);
        std::fs::read_to_string(alone.join("ratings.snap")).unwrap()
    };
    let expected = [
        whole(RULES),
        whole("examples/schemes/higher-thresholds.rules"),
    ];
    for _ in 0..12 {
        let _ = std::fs::remove_file(dir.join("ratings.snap"));
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(|| test_with_snapshot(&dir, RULES, true));
            let b = s.spawn(|| {
                test_with_snapshot(&dir, "examples/schemes/higher-thresholds.rules", true)
            });
            (a.join().unwrap(), b.join().unwrap())
        });
        let said = [text(&a.stdout), text(&b.stdout)];
        let written = said.iter().filter(|s| s.contains(": written")).count();
        let accepted = said
            .iter()
            .filter(|s| s.contains(": accepted the changes in 1 inspection(s)"))
            .count();
        assert_eq!((written, accepted), (1, 1), "{said:?}");
        let stored = std::fs::read_to_string(dir.join("ratings.snap")).unwrap();
        assert!(expected.contains(&stored), "a torn snapshot:\n{stored}");
    }
}

/// A write that fails part way (here: a file-size limit, as a full disk would) leaves the old
/// snapshot as it was and no temporary file behind, and the run fails.
#[cfg(unix)]
#[test]
fn a_write_that_fails_leaves_the_old_snapshot_and_nothing_else() {
    let dir = scratch("hostile-full-disk");
    example_in(&dir, "Example Youth Offending Team", None);
    std::fs::write(dir.join("ratings.snap"), "# an old snapshot\n").unwrap();
    let script = format!(
        "trap '' XFSZ; ulimit -f 1; exec '{}' test --rules '{}' --snapshot ratings.snap --accept inspection.toml",
        env!("CARGO_BIN_EXE_ratebook"),
        project(RULES)
    );
    let out = Command::new("bash")
        .args(["-c", &script])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("could not be written"));
    assert_eq!(
        std::fs::read_to_string(dir.join("ratings.snap")).unwrap(),
        "# an old snapshot\n"
    );
    let mut left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["cases.csv", "inspection.toml", "ratings.snap"]);
}

/// Accepting a snapshot keeps the file's permissions (and, where the user may, its group).
#[cfg(unix)]
#[test]
fn accepting_keeps_the_snapshots_permissions() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = scratch("hostile-permissions");
    example_in(&dir, "Example Youth Offending Team", None);
    std::fs::write(dir.join("ratings.snap"), "# old\n").unwrap();
    std::fs::set_permissions(
        dir.join("ratings.snap"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    let out = test_with_snapshot(&dir, RULES, true);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let mode = std::fs::metadata(dir.join("ratings.snap"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o640);
}

/// A provider's name is kept exactly: a trailing space or a line break never makes the
/// snapshot change after it was accepted, and a line break never starts a line of its own.
#[test]
fn any_provider_name_gives_a_snapshot_that_stays_unchanged() {
    for (n, provider) in [
        "Luton YOT ",
        "Luton\n  overall   Outstanding, score 36 of 36",
        "\"Quoted\" \\ back",
    ]
    .into_iter()
    .enumerate()
    {
        let dir = scratch(&format!("hostile-provider-{n}"));
        example_in(&dir, provider, None);
        let first = test_with_snapshot(&dir, RULES, false);
        assert_eq!(first.status.code(), Some(0), "{}", text(&first.stdout));
        let again = test_with_snapshot(&dir, RULES, false);
        assert_eq!(again.status.code(), Some(0), "{}", text(&again.stdout));
        assert!(text(&again.stdout).contains("snapshot ratings.snap: unchanged"));
        let stored = std::fs::read_to_string(dir.join("ratings.snap")).unwrap();
        assert!(
            !stored
                .lines()
                .any(|l| l.trim_start().starts_with("overall   Outstanding")),
            "{stored}"
        );
        assert!(
            !text(&again.stdout)
                .lines()
                .any(|l| l.starts_with("  overall"))
        );
    }
}

// ---- reading only what is asked ------------------------------------------------------------

/// A cases path that names the process's environment shows no part of it: the file is
/// described, not echoed.
#[test]
fn a_cases_path_to_the_environment_shows_no_secret() {
    let dir = scratch("hostile-environ");
    let inspection = example_in(
        &dir,
        "Example Youth Offending Team",
        Some("/proc/self/environ"),
    );
    if !Path::new("/proc/self/environ").exists() {
        common::missing("/proc/self/environ", "a Linux /proc");
        return;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_ratebook"))
        .args(["rate", "--rules", RULES])
        .arg(&inspection)
        .env("RATEBOOK_TEST_SECRET", "hunter2-never-shown")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = unwrapped(&text(&out.stderr));
    assert!(!stderr.contains("hunter2"), "{stderr}");
    assert!(stderr.contains("is not a cases file"), "{stderr}");
    assert!(out.stdout.is_empty());
}

/// A file that is not a rule file, reached through `based on` or named as the rules (a
/// credentials file, a key, a system file), is one diagnostic naming it; not one line of it is
/// printed.
#[test]
fn a_base_that_is_not_a_rule_file_is_named_never_quoted() {
    let dir = scratch("hostile-foreign-base");
    std::fs::write(
        dir.join("credentials"),
        "[default]\naws_access_key_id = AKIAHUNTER2\naws_secret_access_key = hunter2-never-shown\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("key.der"),
        b"\x30\x82\x04\xa4\x02\x01\x00\xde\xad\xbe\xef-hunter2",
    )
    .unwrap();
    for base in ["credentials", "key.der"] {
        std::fs::write(
            dir.join("variant.rules"),
            format!("framework \"v\" version \"1\"\nbased on \"{base}\"\n"),
        )
        .unwrap();
        let out = run_in(&dir, &["check", "variant.rules"]);
        let stderr = unwrapped(&text(&out.stderr));
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("ratebook::variant::base_unreadable"),
            "{stderr}"
        );
        assert!(stderr.contains("it is not a rule file"), "{stderr}");
        assert!(
            !stderr.contains("hunter2") && !stderr.contains("AKIA"),
            "{stderr}"
        );
        assert!(
            !stderr.contains("0xDE") && !stderr.contains("0x82"),
            "{stderr}"
        );
        // Named as the rules, the same.
        let out = run_in(&dir, &["check", base]);
        let stderr = unwrapped(&text(&out.stderr));
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("ratebook::input::not_a_rule_file"),
            "{stderr}"
        );
        assert!(
            !stderr.contains("hunter2") && !stderr.contains("0x82"),
            "{stderr}"
        );
    }
    // A rule file whose header has a slip is still a rule file, and its slip is explained.
    std::fs::write(dir.join("slip.rules"), "framwork \"v\" version \"1\"\n").unwrap();
    let out = run_in(&dir, &["check", "slip.rules"]);
    assert!(
        !text(&out.stderr).contains("not a rule file"),
        "{}",
        text(&out.stderr)
    );
}

/// A cases path naming a file that is not a cases file says what was expected, never what the
/// file holds: its first line may be a secret.
#[test]
fn a_cases_path_to_a_foreign_file_quotes_none_of_it() {
    let dir = scratch("hostile-foreign-cases");
    for (name, first_line) in [
        ("passwd", "root:x:0:0:root:/root:/bin/bash"),
        (".env", "SECRET_TOKEN=hunter2;other=1"),
    ] {
        std::fs::write(dir.join(name), format!("{first_line}\nnext\n")).unwrap();
        let inspection = example_in(&dir, "Example Youth Offending Team", Some(name));
        let out = ratebook(&["rate", "--rules", RULES, inspection.to_str().unwrap()]);
        let stderr = unwrapped(&text(&out.stderr));
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("is not a cases file"), "{stderr}");
        assert!(
            !stderr.contains("root:x") && !stderr.contains("hunter2"),
            "{stderr}"
        );
    }
}

/// A file given as an inspection or a snapshot that is neither (a credentials file, an
/// environment file) is described, never quoted.
#[test]
fn an_inspection_or_snapshot_that_is_a_foreign_file_quotes_none_of_it() {
    let dir = scratch("hostile-foreign-inspection");
    let secrets = [
        (
            "credentials.toml",
            "[default]\naws_access_key_id = AKIAHUNTER2\n",
        ),
        ("settings.toml", "password = \"hunter2\"\n"),
        (".env", "SECRET_TOKEN=hunter2\n"),
    ];
    for (name, secret) in secrets {
        std::fs::write(dir.join(name), secret).unwrap();
        let out = ratebook(&["rate", "--rules", RULES, dir.join(name).to_str().unwrap()]);
        let stderr = unwrapped(&text(&out.stderr));
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("ratebook::inspection::not_an_inspection"),
            "{stderr}"
        );
        assert!(
            !stderr.contains("hunter2") && !stderr.contains("AKIA"),
            "{stderr}"
        );
        let snapshot = dir.join(name);
        let out = ratebook(&[
            "test",
            "--rules",
            RULES,
            "--snapshot",
            snapshot.to_str().unwrap(),
            "tests/published",
        ]);
        let said = unwrapped(&(text(&out.stdout) + &text(&out.stderr)));
        assert!(said.contains("is not a ratebook snapshot"), "{said}");
        assert!(
            !said.contains("hunter2") && !said.contains("AKIA"),
            "{said}"
        );
    }
}

/// A named pipe given as a rule file, a base, a cases file or an inspection is refused at
/// once; reading it would wait for a writer that never comes.
#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_not_waited_on() {
    let dir = scratch("hostile-pipes");
    mkfifo(&dir.join("pipe"));
    let out = run_in(&dir, &["check", "pipe"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("pipe is a named pipe, not a file"));

    std::fs::write(
        dir.join("variant.rules"),
        "framework \"v\" version \"1\"\nbased on \"pipe\"\n",
    )
    .unwrap();
    let out = run_in(&dir, &["check", "variant.rules"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("a named pipe"),
        "{}",
        text(&out.stderr)
    );

    example_in(&dir, "Example Youth Offending Team", Some("pipe"));
    let out = run_in(
        &dir,
        &["rate", "--rules", &project(RULES), "inspection.toml"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("pipe is a named pipe, not a file"));

    let out = run_in(&dir, &["rate", "--rules", &project(RULES), "pipe"]);
    assert_eq!(out.status.code(), Some(1));
}

/// A folder of inspections says what it skipped and why; `.TOML` is an inspection file too.
#[cfg(unix)]
#[test]
fn a_folder_says_what_it_skipped() {
    let dir = scratch("hostile-folder");
    let past = dir.join("past");
    std::fs::create_dir_all(&past).unwrap();
    example_in(&past, "Example Youth Offending Team", None);
    std::fs::rename(past.join("inspection.toml"), past.join("LUTON.TOML")).unwrap();
    std::os::unix::fs::symlink("gone.toml", past.join("dangling.toml")).unwrap();
    mkfifo(&past.join("pipe.toml"));
    let out = run_in(&dir, &["rate", "--rules", &project(RULES), "past"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("warning: skipped past/dangling.toml: a symbolic link to nothing"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: skipped past/pipe.toml: a named pipe, not a file"),
        "{stderr}"
    );
    assert!(text(&out.stdout).contains("past/LUTON.TOML"));
}

/// A size limit that is not a number is refused by name, not silently taken as the default.
#[test]
fn a_bad_size_limit_is_refused_by_name() {
    let out = Command::new(env!("CARGO_BIN_EXE_ratebook"))
        .args(["check", RULES])
        .env("RATEBOOK_MAX_INPUT_MB", "lots")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = unwrapped(&text(&out.stderr));
    assert!(
        stderr.contains("RATEBOOK_MAX_INPUT_MB is `lots`, which is not a number of megabytes"),
        "{stderr}"
    );
    assert!(stderr.contains("ratebook::input::bad_limit"));
}

// ---- outputs nobody can run ----------------------------------------------------------------

/// A provider named like a formula reaches a spreadsheet as text, with a quote before it.
#[test]
fn a_formula_in_a_name_reaches_the_spreadsheet_as_text() {
    let dir = scratch("hostile-formula");
    let inspection = example_in(&dir, "=HYPERLINK(\"http://x\",\"open\")", None);
    let out = ratebook(&[
        "compare",
        "--rules",
        RULES,
        "--rules",
        "examples/schemes/higher-thresholds.rules",
        "--format",
        "csv",
        inspection.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut csv = csv::Reader::from_reader(out.stdout.as_slice());
    for row in csv.records() {
        let row = row.unwrap();
        assert_eq!(&row[1], "'=HYPERLINK(\"http://x\",\"open\")");
    }
}

/// A measure's wording with markup is shown as text in breakdown's Markdown.
#[test]
fn markup_in_a_wording_is_escaped_in_markdown() {
    let dir = scratch("hostile-markdown");
    let rules = std::fs::read_to_string("tests/breakdown/research.rules")
        .unwrap()
        .replace(
            "\"Does assessment focus on the child's strengths?\"",
            "\"<script>alert(1)</script>\"",
        );
    std::fs::write(dir.join("research.rules"), rules).unwrap();
    for file in ["a.toml", "a.csv"] {
        std::fs::copy(Path::new("tests/breakdown").join(file), dir.join(file)).unwrap();
    }
    let out = run_in(
        &dir,
        &[
            "breakdown",
            "--rules",
            "research.rules",
            "--format",
            "markdown",
            "a.toml",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let markdown = text(&out.stdout);
    assert!(!markdown.contains("<script>"), "{markdown}");
    assert!(markdown.contains("\\<script\\>"), "{markdown}");
}

/// Escape sequences in a provider's name reach the terminal as escapes in compare's warnings
/// and lines too.
#[test]
fn compare_shows_escape_sequences_from_inputs_as_escapes() {
    let dir = scratch("hostile-compare-escapes");
    let inspection = example_in(&dir, "Evil\u{1b}]0;retitled\u{7}Team", None);
    let mut csv = std::fs::read_to_string(dir.join("cases.csv")).unwrap();
    csv = csv.replacen("case,", "case,\u{1b}[2J,", 1);
    let csv: String = csv
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                l.to_string()
            } else {
                l.replacen(',', ",,", 1)
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(dir.join("cases.csv"), csv).unwrap();
    let out = ratebook(&[
        "compare",
        "--rules",
        RULES,
        "--rules",
        "examples/schemes/higher-thresholds.rules",
        inspection.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    for stream in [&out.stdout, &out.stderr] {
        assert!(!stream.contains(&0x1b), "{}", text(stream));
    }
    assert!(text(&out.stdout).contains("Evil\\u{1b}]0;retitled\\u{7}Team"));
}

// ---- honest exit codes -------------------------------------------------------------------

/// Output that cannot be written is a failure, in every command that writes to stdout.
#[cfg(unix)]
#[test]
fn output_that_cannot_be_written_is_exit_1() {
    if !Path::new("/dev/full").exists() {
        common::missing("/dev/full", "a Unix /dev");
        return;
    }
    for args in [
        vec!["check", RULES],
        vec!["rate", "--rules", RULES, "examples/inspection.toml"],
        vec!["show", RULES],
        vec!["template", RULES],
        vec!["diff", RULES, "rules/hmip-youth-2021.rules"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_ratebook"))
            .args(&args)
            .stdout(std::fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(text(&out.stderr).contains("could not write the output"));
    }
}

/// `compare` with an inspection that is missing or not TOML stops with exit 1; one that a
/// ruleset cannot rate is still shown as not rated.
#[test]
fn compare_refuses_an_inspection_that_cannot_be_read() {
    let dir = scratch("hostile-compare-missing");
    std::fs::write(dir.join("broken.toml"), "provider = \n").unwrap();
    for inspection in [dir.join("missing.toml"), dir.join("broken.toml")] {
        let out = ratebook(&[
            "compare",
            "--rules",
            RULES,
            "--rules",
            "rules/hmip-youth-2021.rules",
            inspection.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        assert!(out.stdout.is_empty());
        assert!(text(&out.stderr).contains("nothing was compared"));
    }
}

/// A cell or case id of many thousand characters is quoted as a short excerpt that says how
/// long it was, never echoed whole.
#[test]
fn an_enormous_cell_is_quoted_as_a_short_excerpt() {
    let dir = scratch("hostile-enormous-cell");
    let inspection = example_in(&dir, "Example Youth Offending Team", None);
    let cases = std::fs::read_to_string(dir.join("cases.csv")).unwrap();
    let mut lines: Vec<String> = cases.lines().map(String::from).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let answer = header.iter().position(|c| *c == "2.1.1").unwrap();
    let mut cells: Vec<String> = lines[1].split(',').map(String::from).collect();
    cells[0] = "K".repeat(10_000);
    cells[answer] = "x".repeat(50_000);
    lines[1] = cells.join(",");
    std::fs::write(dir.join("cases.csv"), lines.join("\n") + "\n").unwrap();
    let out = ratebook(&["rate", "--rules", RULES, inspection.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = unwrapped(&text(&out.stderr));
    assert!(
        stderr.len() < 3_000,
        "{} bytes of diagnostics",
        stderr.len()
    );
    assert!(stderr.contains("(50000 characters)"), "{stderr}");
    assert!(stderr.contains("(10000 characters)"), "{stderr}");
}
