//! `ratebook doc`: the framework as a document. Markdown and HTML hold the same wording; the
//! HTML page is self-contained, and renders (on screen and printed) in a real headless
//! browser where one is installed.

use crate::common;

use common::{BUNDLED, ratebook, scratch, text};

fn doc(rules: &str, format: &str) -> String {
    let out = ratebook(&["doc", "--format", format, rules]);
    assert!(
        out.status.success(),
        "{rules}: {}",
        common::unwrapped(&text(&out.stderr))
    );
    text(&out.stdout)
}

#[test]
fn sub_samples_are_written_in_words_from_the_field_titles() {
    let youth = doc("rules/hmip-youth-2019.rules", "markdown");
    assert!(youth.contains("Cases of this domain: those whose disposal is referral_order, youth_rehabilitation_order or custody."), "{youth}");
    assert!(
        youth.contains("*Asked of the cases of the domain whose risk of serious harm is not low.*"),
        "{youth}"
    );
    let pdu = doc("rules/hmip-pdu-2021.rules", "markdown");
    assert!(
        pdu.contains("It has its own sample: the domain's cases with a pre-sentence report."),
        "{pdu}"
    );
    assert!(pdu.contains("| 23 to 27 | Outstanding |"), "{pdu}");
}

#[test]
fn limiters_and_weights_are_part_of_the_overall_rating() {
    let caps = doc("examples/schemes/inadequate-caps.rules", "markdown");
    assert!(
        caps.contains("- At most Requires improvement when any standard is Inadequate"),
        "{caps}"
    );
    let double = doc("examples/schemes/court-work-double.rules", "markdown");
    assert!(double.contains("Weighted: 2.1 counts 2 times"), "{double}");
}

#[test]
fn the_html_page_is_one_self_contained_file_with_every_question() {
    for name in BUNDLED {
        let rules = format!("rules/{name}.rules");
        let html = doc(&rules, "html");
        assert!(html.starts_with("<!DOCTYPE html>"), "{name}");
        for external in ["<link", "<script", "src=", "url(", "http://", "https://"] {
            assert!(
                !html.contains(external),
                "{name} fetches something: {external}"
            );
        }
        let framework = common::rules(&rules).framework;
        for (_, standard) in framework.standards() {
            for question in standard.questions() {
                assert!(
                    html.contains(&format!("<strong>{}</strong>", question.id)),
                    "{name} {}",
                    question.id
                );
            }
        }
    }
}

#[test]
fn the_html_page_renders_and_prints_in_a_headless_browser() {
    let Some(browser) = common::browser() else {
        common::missing("Chromium", "Debian: apt-get install chromium");
        return;
    };
    let dir = scratch("doc-browser");
    let page = dir.join("hmip-adult-2018-crc.html");
    std::fs::write(&page, doc("rules/hmip-adult-2018-crc.rules", "html")).unwrap();
    let url = format!("file://{}", page.display());

    let dom = common::headless(&browser, &dir.join("profile-dom"), &["--dump-dom", &url]);
    let dom = text(&dom.stdout);
    assert!(
        dom.contains(
            "<h1>HMIP adult probation: community rehabilitation companies, version 2018</h1>"
        ),
        "{dom}"
    );
    assert!(dom.contains("<h3>Standard 4.1: Unpaid work</h3>"), "{dom}");

    let pdf = dir.join("printed.pdf");
    let printed = common::headless(
        &browser,
        &dir.join("profile-pdf"),
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
            &url,
        ],
    );
    let bytes = std::fs::read(&pdf)
        .unwrap_or_else(|_| panic!("no PDF: {}", common::unwrapped(&text(&printed.stderr))));
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    // Several printed pages: the whole framework, not an empty or error page.
    let pages = bytes
        .windows(b"/Type /Page\n".len())
        .filter(|w| w.starts_with(b"/Type /Page") && !w.starts_with(b"/Type /Pages"))
        .count();
    assert!(pages >= 3, "{pages} pages");
}
