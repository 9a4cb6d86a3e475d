//! Published inspections, rebuilt as case data in tests/published/*/ and rated through the
//! real loader and interpreter. Every figure in each folder's published.toml (copied from the
//! inspection report) must come out exactly: key-question percentages and counts, sub-sample
//! sizes, base ratings, discretion eligibility and decisions, final ratings, score and rating.

use std::path::{Path, PathBuf};

use crate::common;

use ratebook::report::json::rating::{Direction, Inspection, RatedFrom, Standard};
use toml::Value;

struct Published {
    folder: PathBuf,
    figures: Value,
}

impl Published {
    fn open(name: &str) -> Published {
        let folder = Path::new("tests/published").join(name);
        let text = std::fs::read_to_string(folder.join("published.toml")).unwrap();
        Published {
            folder,
            figures: toml::from_str(&text).unwrap(),
        }
    }

    fn str(&self, key: &str) -> &str {
        self.figures[key].as_str().unwrap()
    }

    /// The rating in its contract form.
    fn rate(&self) -> Inspection<'static> {
        let (rules, result) = self.rated();
        common::contract(rules, result)
    }

    /// The rules and the rating, typed, for the reports to render.
    fn rated(&self) -> (ratebook::Rules, ratebook::rate::InspectionResult) {
        let rules_path = format!("rules/{}.rules", self.str("ruleset"));
        let (rules, warnings) = ratebook::load_rules(Path::new(&rules_path)).unwrap();
        assert!(warnings.is_empty());
        let (inspection, warnings) =
            ratebook::inspection::load(&rules.framework, &self.folder.join("inspection.toml"))
                .unwrap_or_else(|p| panic!("{}", p.render(false, 100)));
        assert!(warnings.is_empty(), "{}", warnings.render(false, 100));
        let result = ratebook::rate::rate(&rules.framework, &inspection)
            .unwrap_or_else(|p| panic!("{}", p.render(false, 100)));
        (rules, result)
    }
}

fn standard<'r>(result: &'r Inspection<'static>, id: &str) -> &'r Standard<'static> {
    result.standards.iter().find(|s| s.id == id).unwrap()
}

/// Every figure the report publishes, compared one by one.
fn reproduces(name: &str) -> Inspection<'static> {
    let published = Published::open(name);
    let result = published.rate();
    assert_eq!(result.provider, published.str("provider"));

    let key_questions = published.figures["key_questions"].as_table().unwrap();
    for s in result
        .standards
        .iter()
        .filter(|s| s.rated_from == RatedFrom::Cases)
    {
        for q in &s.key_questions {
            match key_questions.get(q.id) {
                Some(figures) => {
                    let f: Vec<u32> = figures
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|v| v.as_integer().unwrap() as u32)
                        .collect();
                    let (percent, yes, answered, not_applicable) = (f[0], f[1], f[2], f[3]);
                    assert_eq!(
                        q.shown_percent,
                        Some(percent),
                        "{name} {}: percentage",
                        q.id
                    );
                    assert_eq!(
                        (q.yes, q.sample, q.not_applicable),
                        (yes, answered, not_applicable),
                        "{name} {}",
                        q.id
                    );
                    assert_eq!(q.left_out, 0, "{name} {}", q.id);
                }
                None => {
                    assert_eq!(q.sample, 0, "{name} {}: published as not rated", q.id);
                    assert_eq!(q.rating, None, "{name} {}", q.id);
                }
            }
        }
    }

    // Sub-sample sizes: all cases of each domain, and those with concerns.
    let sizes = &published.figures["domain_sizes"];
    for (domain, prefix) in [("court", "2"), ("out_of_court", "3")] {
        let size = |key: &str| sizes[domain][key].as_integer().unwrap() as u32;
        let sample = |id: &str| {
            standard(&result, &id[..3])
                .key_questions
                .iter()
                .find(|q| q.id == id)
                .unwrap()
                .sample_cases
        };
        assert_eq!(
            sample(&format!("{prefix}.1.1")),
            size("all"),
            "{name} {domain}: all cases"
        );
        assert_eq!(
            sample(&format!("{prefix}.2.2")),
            size("sw"),
            "{name} {domain}: safety and wellbeing"
        );
        assert_eq!(
            sample(&format!("{prefix}.2.3")),
            size("rosh"),
            "{name} {domain}: risk of serious harm"
        );
    }
    let ycc = sizes["out_of_court"]["ycc"].as_integer().unwrap() as u32;
    assert_eq!(
        standard(&result, "3.4").key_questions[1].sample_cases,
        ycc,
        "{name}: youth conditional cautions"
    );

    for (id, label) in published.figures["judged"].as_table().unwrap() {
        assert_eq!(standard(&result, id).rating, label.as_str(), "{name} {id}");
    }
    for (id, label) in published.figures["ratings"].as_table().unwrap() {
        assert_eq!(
            standard(&result, id).rating,
            label.as_str(),
            "{name} {id}: final rating"
        );
    }
    let decisions = published
        .figures
        .get("discretion")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for decision in &decisions {
        let s = standard(&result, decision["standard"].as_str().unwrap());
        assert_eq!(
            s.base_rating,
            decision["from"].as_str(),
            "{name} {}: base rating",
            s.id
        );
        assert!(
            s.discretion.eligible,
            "{name} {}: the panel used discretion, so it must be eligible",
            s.id
        );
        let applied = s.discretion.applied.as_ref().unwrap();
        assert_eq!(Some(applied.to), decision["to"].as_str());
    }
    let applied = result
        .standards
        .iter()
        .filter(|s| s.discretion.applied.is_some())
        .count();
    assert_eq!(
        applied,
        decisions.len(),
        "{name}: only the published decisions apply"
    );

    assert_eq!(
        i64::from(result.overall.score),
        published.figures["overall_score"].as_integer().unwrap()
    );
    assert_eq!(result.overall.max, 36);
    assert_eq!(result.overall.rating, published.str("overall_rating"));
    result
}

#[test]
fn hounslow_2019_is_reproduced_figure_for_figure() {
    let result = reproduces("hounslow-2019");
    // Good overall, 25 of 36, with no discretion used.
    assert_eq!(
        (result.overall.score, result.overall.rating.as_str()),
        (25, "Good")
    );
}

#[test]
fn luton_2020_is_reproduced_figure_for_figure() {
    let result = reproduces("luton-2020");
    assert_eq!(
        (result.overall.score, result.overall.rating.as_str()),
        (16, "Requires improvement")
    );
}

#[test]
fn luton_2020_assessment_is_requires_improvement_because_13_of_21_is_62_percent() {
    let result = Published::open("luton-2020").rate();
    let assessment = standard(&result, "2.1");
    assert_eq!(assessment.deciding, ["2.1.3"]);
    assert_eq!(assessment.base_rating, Some("Requires improvement"));
    assert_eq!(assessment.discretion.directions, [Direction::Up]);
    assert!(
        assessment.discretion.reasons[0]
            .contains("62% (2.1.3), is 3 points under the 65% boundary of Good")
    );
    assert_eq!(assessment.rating, Some("Good"));
}

#[test]
fn luton_2020_planning_is_inadequate_and_not_eligible_because_8_of_19_is_42_percent() {
    let result = Published::open("luton-2020").rate();
    let planning = standard(&result, "2.2");
    assert_eq!(planning.deciding, ["2.2.3"]);
    assert_eq!(planning.rating, Some("Inadequate"));
    assert!(!planning.discretion.eligible);
    let not_met = planning.discretion.not_met.join("\n");
    assert!(
        not_met.contains("42% (2.2.3), is 8 points from the nearest boundary, 50%"),
        "{not_met}"
    );
    assert!(
        not_met.contains(
            "one more yes on 2.2.3 makes 9 of 19 = 47%, and the standard still Inadequate"
        ),
        "{not_met}"
    );
    assert!(
        not_met.contains("rests on 19 answered cases (more than 5)"),
        "{not_met}"
    );
}

#[test]
fn luton_2020_joint_working_is_rated_without_youth_conditional_cautions() {
    let result = Published::open("luton-2020").rate();
    let joint_working = standard(&result, "3.4");
    assert_eq!(joint_working.key_questions[1].id, "3.4.2");
    assert_eq!(joint_working.key_questions[1].rating, None);
    assert_eq!(joint_working.deciding, ["3.4.1"]);
    assert_eq!(joint_working.rating, Some("Requires improvement"));
}

#[test]
fn published_inspections_render_as_a_ratings_page_and_as_json() {
    for (name, ruleset) in [
        ("hounslow-2019", "hmip-youth-2018"),
        ("luton-2020", "hmip-youth-2019"),
    ] {
        let (rules, _) =
            ratebook::load_rules(Path::new(&format!("rules/{ruleset}.rules"))).unwrap();
        let (_, result) = Published::open(name).rated();
        insta::assert_snapshot!(
            format!("{name}-table"),
            ratebook::report::table::rating_table(&rules, &result)
        );
        insta::assert_snapshot!(
            format!("{name}-json"),
            ratebook::report::json::rating_document(&rules, &[result])
        );
    }
}

#[test]
fn published_inspections_are_explained_in_words_a_panel_reads() {
    for (name, ruleset) in [
        ("hounslow-2019", "hmip-youth-2018"),
        ("luton-2020", "hmip-youth-2019"),
    ] {
        let (rules, _) =
            ratebook::load_rules(Path::new(&format!("rules/{ruleset}.rules"))).unwrap();
        let (_, result) = Published::open(name).rated();
        insta::assert_snapshot!(
            format!("{name}-explain"),
            ratebook::report::explain::explanation(&rules, &result, None)
        );
    }
}

#[test]
fn luton_2020_explain_says_why_2_1_and_3_3_were_eligible_and_2_2_was_not() {
    let (rules, result) = Published::open("luton-2020").rated();
    let explain = |id| ratebook::report::explain::explanation(&rules, &result, Some(id));
    let assessment = explain("2.1");
    assert!(assessment.contains("2.1 Assessment: Good (Requires improvement before discretion)"));
    assert!(assessment.contains("Holds: near a boundary: the lowest percentage, 62% (2.1.3), is 3 points under the 65% boundary of Good (within 5)."));
    assert!(assessment.contains(
        "Holds: one case: one more yes on 2.1.3 makes 14 of 21 = 67%, and the standard Good."
    ));
    assert!(assessment.contains("Panel decision: moved up from Requires improvement to Good."));
    let delivery = explain("3.3");
    assert!(delivery.contains("Holds: near a boundary: the lowest percentage, 62% (3.3.2), is 3 points under the 65% boundary of Good (within 5)."));
    assert!(delivery.contains(
        "Holds: one case: one more yes on 3.3.2 makes 9 of 13 = 69%, and the standard Good."
    ));
    let planning = explain("2.2");
    assert!(planning.contains("Professional discretion: not eligible; no trigger holds."));
    assert!(planning.contains("Does not hold: near a boundary: the lowest percentage, 42% (2.2.3), is 8 points from the nearest boundary, 50% (more than 5)."));
    assert!(planning.contains("Sample: 19 of 21 Court disposals cases, those where rosh != low."));
    assert!(
        !planning.contains("Overall:"),
        "--standard shows only that standard"
    );
}
