//! The slips people make in rule files, each made once in the 2019 ruleset, and the one
//! diagnostic each must give: what is wrong in the user's words and what to write instead,
//! never the grammar's "expected …". A message that reads poorly belongs here, with the slip
//! that gives it, until it reads well.

use crate::common;

use ratebook::check_rules;
use ratebook::diagnostic::Source;

/// Each slip: a name, the text in the 2019 ruleset, what it is changed to, and words its
/// diagnostic must hold.
const SLIPS: [(&str, &str, &str, &str); 15] = [
    (
        "a key question's block not closed",
        "their views taken into account?\"\n    }\n    question 2.1.2",
        "their views taken into account?\"\n    question 2.1.2",
        "key question 2.1.1, opened on line 83, is not closed",
    ),
    (
        "an extra closing brace",
        "their views taken into account?\"\n    }\n    question 2.1.2",
        "their views taken into account?\"\n    }\n    }\n    question 2.1.2",
        "an extra `}` on line 92 closes standard 2.1 early",
    ),
    (
        "a label of two words without quotes",
        "  7 to 18   \"Requires improvement\"\n  19",
        "  7 to 18   Requires improvement\n  19",
        "the rating label `Requires improvement` has more than one word",
    ),
    (
        "a percent sign",
        "  below 50      Inadequate",
        "  below 50%     Inadequate",
        "without `%`",
    ),
    (
        "two equals signs",
        "where disposal in [referral_order, youth_rehabilitation_order, custody]",
        "where disposal == custody",
        "one `=`",
    ),
    (
        "a comment written //",
        "# ---- Research breakdowns",
        "// ---- Research breakdowns",
        "a comment starts with `#`",
    ),
    (
        "a decimal bound",
        "  below 50      Inadequate",
        "  below 49.5    Inadequate",
        "whole numbers",
    ),
    (
        "an en dash in a range",
        "  7 to 18   \"Requires improvement\"",
        "  7–18      \"Requires improvement\"",
        "written with `to`",
    ),
    (
        "a quoted value in a filter",
        "      sample where rosh != low",
        "      sample where rosh != \"low\"",
        "without quotes",
    ),
    (
        "a non-breaking space",
        "  7 to 18   \"Requires improvement\"",
        "  7\u{a0}to 18   \"Requires improvement\"",
        "a non-breaking space (U+00A0)",
    ),
    (
        "a header without its version",
        "framework \"HMIP youth offending services\" version \"2019\"",
        "framework \"HMIP youth offending services\"",
        "version",
    ),
    (
        "a typo in a key question's id",
        "    question 2.1.2 \"Does",
        "    question 2.12 \"Does",
        "did you mean `question 2.1.2`?",
    ),
    (
        "a key question's id written twice",
        "    question 2.1.2 \"Does",
        "    question 2.1.1 \"Does",
        "did you mean `question 2.1.2`?",
    ),
    (
        "a misspelt rating label",
        "  19 to 30  Good\n",
        "  19 to 30   Goood\n",
        "did you mean `Good`?",
    ),
    (
        "the scale's own label misspelt",
        "  Good = 2\n",
        "  Goood = 2\n",
        "Or is the scale's `Goood` the misspelling?",
    ),
];

#[test]
fn each_slip_gives_one_diagnostic_in_the_users_words() {
    let base = std::fs::read_to_string("rules/hmip-youth-2019.rules").unwrap();
    let mut shown = String::new();
    for (name, from, to, says) in SLIPS {
        assert!(
            base.contains(from),
            "{name}: the ruleset no longer has {from:?}"
        );
        let text = base.replacen(from, to, 1);
        let problems = check_rules(Source::new("hmip-youth-2019.rules", text)).expect_err(name);
        let rendered = problems.render(false, 100);
        assert_eq!(problems.len(), 1, "{name}: one diagnostic, not\n{rendered}");
        let flat = common::unwrapped(&rendered);
        assert!(
            flat.contains(says),
            "{name}: expected {says:?} in\n{rendered}"
        );
        assert!(
            !flat.contains("expected"),
            "{name}: the grammar's words in\n{rendered}"
        );
        shown.push_str(&format!("── {name}\n{rendered}\n"));
    }
    insta::assert_snapshot!(shown);
}
