//! `--format html`: pages people read, each one self-contained file that loads nothing, checked
//! in headless Chromium (Debian `chromium`, which `.ci/run` installs): every rating and figure
//! the JSON gives is on the rendered page, the browser's console says nothing (no error, no
//! blocked request), and a screenshot of each page type is kept under `target/pages/`. Text
//! from an input never reaches the page as markup.

use crate::common;

use std::path::{Path, PathBuf};

use proptest::prelude::*;

/// The page as the browser renders it (its DOM), and a screenshot of it kept as `shot`.
fn rendered(browser: &Path, page: &Path, shot: &Path) -> String {
    let profile = page.with_extension("profile");
    let run = |args: &[String]| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        common::headless(browser, &profile, &args)
    };
    let url = format!("file://{}", page.display());
    // The browser's console, logged: a page that tried to load anything (which its policy
    // blocks) or gave any error would say so there.
    let dom = run(&[
        "--enable-logging=stderr".into(),
        "--v=0".into(),
        "--dump-dom".into(),
        url.clone(),
    ]);
    let console: Vec<String> = common::text(&dom.stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(String::from)
        .collect();
    assert!(console.is_empty(), "the console says: {console:?}");
    let shot_arg = format!("--screenshot={}", shot.display());
    run(&[shot_arg, "--window-size=1000,1400".into(), url]);
    assert!(shot.exists(), "no screenshot");
    common::text(&dom.stdout)
}

/// The page loads nothing from anywhere: no script, no reference to another address, and a
/// policy that would block one if there were.
fn assert_self_contained(html: &str) {
    assert!(
        html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""),
        "no content security policy"
    );
    assert!(!html.contains("<script"), "a script");
    // In the markup itself, not in the text (where an escaped input may say `src=`).
    let tags: Vec<&str> = html
        .split('<')
        .skip(1)
        .filter_map(|t| t.split('>').next())
        .collect();
    for attribute in [" src=", " href=", "url("] {
        assert!(
            !tags.iter().any(|t| t.contains(attribute)),
            "{attribute} in the page"
        );
    }
    let styles: Vec<&str> = html.split("<style>").skip(1).collect();
    assert!(
        !styles
            .iter()
            .any(|s| s.contains("url(") || s.contains("@import"))
    );
}

#[test]
fn the_ratings_page_shows_every_rating_and_key_question_the_json_gives() {
    let rate = |format: &str| {
        let out = common::ratebook(&[
            "rate",
            "--rules",
            "hmip-youth-2019",
            "--format",
            format,
            "examples/inspection.toml",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
        common::text(&out.stdout)
    };
    let html = rate("html");
    assert_self_contained(&html);
    insta::assert_snapshot!(html);
    let json: serde_json::Value = serde_json::from_str(&rate("json")).unwrap();

    let Some(browser) = common::browser() else {
        common::missing("Chromium", "Debian: apt-get install chromium");
        return;
    };
    let page = kept_pages().join("ratings.html");
    std::fs::write(&page, &html).unwrap();
    let dom = rendered(&browser, &page, &kept_pages().join("ratings.png"));
    let inspection = &json["inspections"][0];
    let overall = &inspection["overall"];
    assert!(
        dom.contains(&format!("score {} of {}", overall["score"], overall["max"])),
        "{dom}"
    );
    for standard in inspection["standards"].as_array().unwrap() {
        let rating = standard["rating"].as_str().unwrap();
        let name = format!(
            "{} {}",
            standard["id"].as_str().unwrap(),
            standard["name"].as_str().unwrap()
        );
        assert!(dom.contains(&name), "{name}");
        assert!(dom.contains(&format!(">{rating}</span>")), "{rating}");
        for q in standard["key_questions"].as_array().unwrap() {
            if let Some(p) = q["shown_percent"].as_u64() {
                let figure = format!("{p}% (n={})", q["sample"]);
                assert!(dom.contains(&figure), "{}: {figure}", q["id"]);
            }
        }
    }
    // The charts are drawn: one per standard rated from cases, and the overall scale.
    let charts = dom.matches("<svg").count();
    assert_eq!(charts, 1 + 8, "{charts} charts");
}

/// The folder the pages and their screenshots are kept in, under `target/`.
fn kept_pages() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("pages");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A share of resamples as the page writes it, as the text output does: to one decimal, but
/// never rounded to 100% or 0% when it is not.
fn share(share: f64) -> String {
    let p = share * 100.0;
    if share < 1.0 && p > 99.95 {
        ">99.9%".into()
    } else if share > 0.0 && p < 0.05 {
        "<0.1%".into()
    } else {
        format!("{p:.1}%")
    }
}

#[test]
fn the_stability_page_shows_every_share_and_interval_the_json_gives() {
    let stability = |format: &str| {
        let out = common::ratebook(&[
            "stability",
            "--rules",
            "hmip-youth-2019",
            "--resamples",
            "500",
            "--format",
            format,
            "examples/inspection.toml",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
        common::text(&out.stdout)
    };
    let html = stability("html");
    assert_self_contained(&html);
    insta::assert_snapshot!(html);
    let json: serde_json::Value = serde_json::from_str(&stability("json")).unwrap();
    let Some(browser) = common::browser() else {
        common::missing("Chromium", "Debian: apt-get install chromium");
        return;
    };
    let page = kept_pages().join("stability.html");
    std::fs::write(&page, &html).unwrap();
    let dom = rendered(&browser, &page, &kept_pages().join("stability.png"));
    let s = &json["stability"][0];
    let mut figures = vec![share(s["overall"]["kept"].as_f64().unwrap())];
    for standard in s["standards"].as_array().unwrap() {
        for r in standard["ratings"].as_array().unwrap() {
            figures.push(share(r["share"].as_f64().unwrap()));
        }
        for q in standard["key_questions"].as_array().unwrap() {
            if let (Some(p), Some(w)) = (q["percent"].as_f64(), q["wilson_80"].as_array()) {
                let (lo, hi) = (w[0].as_f64().unwrap(), w[1].as_f64().unwrap());
                figures.push(format!("{p:.1}% ({lo:.1}–{hi:.1})"));
            }
        }
    }
    for figure in figures {
        assert!(dom.contains(&figure), "{figure} is not on the page");
    }
    // A stacked bar per standard rated from cases and the overall rating, and an interval
    // chart per standard rated from cases.
    assert_eq!(dom.matches("<svg").count(), 1 + 8);
}

#[test]
fn the_comparison_page_shows_every_rating_change_and_transition_the_json_gives() {
    let mut args: Vec<String> = vec!["compare".into(), "--rules".into(), "hmip-youth-2019".into()];
    let mut schemes: Vec<PathBuf> = std::fs::read_dir("examples/schemes")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rules"))
        .collect();
    schemes.sort();
    for scheme in &schemes {
        args.extend(["--rules".into(), scheme.display().to_string()]);
    }
    let compare = |format: &str| {
        let mut all = args.clone();
        all.extend(["--format".into(), format.into(), "tests/published".into()]);
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let out = common::ratebook(&all);
        assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
        common::text(&out.stdout)
    };
    let html = compare("html");
    assert_self_contained(&html);
    insta::assert_snapshot!(html);
    let json: serde_json::Value = serde_json::from_str(&compare("json")).unwrap();
    let Some(browser) = common::browser() else {
        common::missing("Chromium", "Debian: apt-get install chromium");
        return;
    };
    let page = kept_pages().join("compare.html");
    std::fs::write(&page, &html).unwrap();
    let dom = rendered(&browser, &page, &kept_pages().join("compare.png"));
    let mut changes = 0;
    for inspection in json["inspections"].as_array().unwrap() {
        assert!(dom.contains(inspection["provider"].as_str().unwrap()));
        for result in inspection["results"].as_array().unwrap() {
            let o = &result["overall"];
            let overall = format!(
                "{} ({} of {})",
                o["rating"].as_str().unwrap(),
                o["score"],
                o["max"]
            );
            assert!(dom.contains(&overall), "{overall}");
        }
        for change in inspection["changes"].as_array().unwrap() {
            changes += 1;
            assert!(dom.contains(change["reason"].as_str().unwrap()), "{change}");
        }
    }
    assert_eq!(dom.matches("(changed)").count(), changes);
    // Each transition's count stands in its table: one table per later ruleset.
    assert_eq!(dom.matches("[0] ↓").count(), schemes.len());
}

#[test]
fn the_research_page_shows_every_figure_interval_and_test_the_json_gives() {
    let breakdown = |format: &str| {
        let out = common::ratebook(&[
            "breakdown",
            "--rules",
            "tests/breakdown/research.rules",
            "--format",
            format,
            "tests/breakdown",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
        common::text(&out.stdout)
    };
    let html = breakdown("html");
    assert_self_contained(&html);
    insta::assert_snapshot!(html);
    let json: serde_json::Value = serde_json::from_str(&breakdown("json")).unwrap();
    let Some(browser) = common::browser() else {
        common::missing("Chromium", "Debian: apt-get install chromium");
        return;
    };
    let page = kept_pages().join("breakdown.html");
    std::fs::write(&page, &html).unwrap();
    let dom = rendered(&browser, &page, &kept_pages().join("breakdown.png"));
    for q in json["questions"].as_array().unwrap() {
        let all = &q["all"];
        if let Some(p) = all["percent"].as_f64() {
            let figure = format!("{}  {p:.1}%", all["n"]);
            assert!(dom.contains(&figure), "{}: {figure}", q["item"]);
        }
    }
    let mut plots = 0;
    for t in json["tables"].as_array().unwrap() {
        for by in t["by"].as_array().unwrap() {
            plots += 1;
            for g in by["groups"].as_array().unwrap() {
                if g["suppressed"] == true {
                    continue;
                }
                let p = g["percent"].as_f64().unwrap();
                let w = g["interval"].as_array().unwrap();
                let interval = format!(
                    "{:.1}–{:.1}",
                    w[0].as_f64().unwrap(),
                    w[1].as_f64().unwrap()
                );
                assert!(dom.contains(&format!("{p:.1}% (n={})", g["n"])), "{g}");
                assert!(dom.contains(&interval), "{interval}");
            }
            if let Some(p) = by["p_value"].as_f64() {
                assert!(dom.contains(&format!("p = {p:.3}")), "p = {p:.3}");
            }
        }
    }
    assert!(dom.contains("suppressed"));
    assert_eq!(dom.matches("<svg").count(), plots);
}

/// A scheme the published reports did not use fails some of their figures: the page names
/// each failed figure with what was published, what the rules give and why.
#[test]
fn the_test_page_shows_every_failed_figure_the_json_gives() {
    let test = |format: &str| {
        let out = common::ratebook(&[
            "test",
            "--rules",
            "examples/schemes/higher-thresholds.rules",
            "--format",
            format,
            "tests/published",
        ]);
        assert_eq!(out.status.code(), Some(1), "{}", common::text(&out.stderr));
        common::text(&out.stdout)
    };
    let html = test("html");
    assert_self_contained(&html);
    insta::assert_snapshot!(html);
    let json: serde_json::Value = serde_json::from_str(&test("json")).unwrap();
    let Some(browser) = common::browser() else {
        common::missing("Chromium", "Debian: apt-get install chromium");
        return;
    };
    let page = kept_pages().join("test.html");
    std::fs::write(&page, &html).unwrap();
    let dom = rendered(&browser, &page, &kept_pages().join("test.png"));
    assert!(dom.contains(&format!(
        "{} passed, {} failed.",
        json["passed"], json["failed"]
    )));
    let mut failures = 0;
    for inspection in json["inspections"].as_array().unwrap() {
        for failure in inspection["failures"].as_array().unwrap() {
            failures += 1;
            for key in ["expected", "got", "why"] {
                let text = failure[key].as_str().unwrap();
                assert!(dom.contains(text), "{key}: {text}");
            }
        }
    }
    assert!(failures > 0);
    // Each failed figure is marked.
    assert_eq!(dom.matches("(differs)").count(), failures);
}

#[test]
fn text_from_an_input_never_reaches_a_page_as_markup() {
    let dir = common::scratch("pages-escaped");
    let toml = std::fs::read_to_string("examples/inspection.toml")
        .unwrap()
        .replace(
            "provider = \"Example Youth Offending Team\"",
            "provider = \"<script>alert('provider')</script> & <b>\"",
        );
    std::fs::copy("examples/cases.csv", dir.join("cases.csv")).unwrap();
    std::fs::write(dir.join("inspection.toml"), toml).unwrap();
    let inspection = dir.join("inspection.toml");
    for command in ["rate", "explain", "stability"] {
        let out = common::ratebook(&[
            command,
            "--rules",
            "hmip-youth-2019",
            "--format",
            "html",
            inspection.to_str().unwrap(),
        ]);
        let html = common::text(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
        assert_self_contained(&html);
        assert!(
            html.contains(
                "&lt;script&gt;alert(&apos;provider&apos;)&lt;/script&gt; &amp; &lt;b&gt;"
            ),
            "{html}"
        );
        assert!(!html.contains("<b>"), "{command}");
    }
    // Through the rules too: a standard's title and a key question's wording, reworded by a
    // variant, reach every page as text.
    std::fs::write(
        dir.join("hostile.rules"),
        "framework \"Hostile\" version \"1\"\nbased on \"hmip-youth-2019\"\n\n\
         replace title of standard 2.1 \"<script>alert('title')</script>\"\n\
         replace text of question 2.1.1 \"<img src=x onerror=alert(1)>\"\n",
    )
    .unwrap();
    let hostile = dir.join("hostile.rules");
    let pages = [
        vec!["rate", "--rules", hostile.to_str().unwrap()],
        vec!["explain", "--rules", hostile.to_str().unwrap()],
        vec![
            "stability",
            "--resamples",
            "50",
            "--rules",
            hostile.to_str().unwrap(),
        ],
        vec![
            "compare",
            "--rules",
            "hmip-youth-2019",
            "--rules",
            hostile.to_str().unwrap(),
        ],
    ];
    for args in pages {
        let mut args = args.clone();
        args.extend(["--format", "html", inspection.to_str().unwrap()]);
        let out = common::ratebook(&args);
        assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
        let html = common::text(&out.stdout);
        assert_self_contained(&html);
        assert!(!html.contains("<img"), "{args:?}");
    }
    let rated = common::ratebook(&[
        "rate",
        "--rules",
        hostile.to_str().unwrap(),
        "--format",
        "html",
        inspection.to_str().unwrap(),
    ]);
    assert!(
        common::text(&rated.stdout)
            .contains("&lt;script&gt;alert(&apos;title&apos;)&lt;/script&gt;")
    );

    // explain's page adds how each rating was reached.
    let out = common::ratebook(&[
        "explain",
        "--rules",
        "hmip-youth-2019",
        "--format",
        "html",
        inspection.to_str().unwrap(),
    ]);
    assert!(common::text(&out.stdout).contains("<h3>How each rating was reached</h3>"));
}

/// The ratings page of the example inspection with its provider named `provider`.
fn page_for_provider(dir: &Path, provider: &str) -> String {
    let toml = std::fs::read_to_string("examples/inspection.toml")
        .unwrap()
        .replace(
            "provider = \"Example Youth Offending Team\"",
            &format!("provider = {}", toml_string(provider)),
        );
    std::fs::write(dir.join("inspection.toml"), toml).unwrap();
    let out = common::ratebook(&[
        "rate",
        "--rules",
        "hmip-youth-2019",
        "--format",
        "html",
        dir.join("inspection.toml").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
    common::text(&out.stdout)
}

/// A TOML basic string holding `text` exactly.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Whatever a provider's name holds (markup, quotes, ampersands), the page is the page of
    /// a plain name with the name written escaped in its place: the name is only ever text.
    #[test]
    fn a_provider_name_is_only_ever_text_on_the_page(
        name in "[<>&\"' a-zA-Z/=]{1,24}"
    ) {
        // Marked at both ends, so that the name is found only where it is written.
        let name = format!("QQ{name}QQ");
        let dir = common::scratch("pages-property");
        std::fs::copy("examples/cases.csv", dir.join("cases.csv")).unwrap();
        let hostile = page_for_provider(&dir, &name);
        let plain = page_for_provider(&dir, "QQPROVIDERQQ");
        let escaped = ratebook::report::page::escape(&name);
        let same = hostile.replace(&escaped, "QQPROVIDERQQ") == plain;
        prop_assert!(same, "the page of provider {:?} is not the plain page with it escaped", name);
    }
}
