//! Margins, checked against brute force: for small inspections, every subset of the yes/no
//! answers is flipped and the inspection re-rated through the real interpreter; the smallest
//! subset that moves the standard up (or down) a band must equal the margin the result gives.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ratebook::diagnostic::Source;
use ratebook::framework::{Framework, Value};
use ratebook::inspection::{Answer, Case, Inspection, Judgement};
use ratebook::rate::rate;

fn tiny() -> Framework {
    rules("tiny.rules")
}

fn rules(name: &str) -> Framework {
    ratebook::load_rules(&Path::new("tests/inspection").join(name))
        .unwrap()
        .0
        .framework
}

/// A small court-disposal inspection: each case is (rosh, answer to 2.1.1, answer to 2.1.2).
fn inspection(f: &Framework, cases: &[(&str, Answer, Option<Answer>)]) -> Inspection {
    let rosh = f.fields.iter().position(|x| x.name == "rosh").unwrap();
    let levels = ["low", "medium", "high"];
    let cases = cases
        .iter()
        .enumerate()
        .map(|(i, (level, a, b))| {
            let mut values = vec![None; f.fields.len()];
            values[0] = Some(Value::Choice(0)); // referral_order
            values[rosh] = Some(Value::Choice(
                levels.iter().position(|l| l == level).unwrap(),
            ));
            let mut answers = BTreeMap::from([("2.1.1".to_string(), *a)]);
            if let Some(b) = b {
                answers.insert("2.1.2".to_string(), *b);
            }
            Case {
                id: format!("R{}", i + 1).into(),
                row: i + 2,
                values: values.into(),
                answers: answers.into(),
            }
        })
        .collect();
    let good = f.scale.find("Good").unwrap();
    Inspection {
        provider: "Brute force".into(),
        source: Source::new("generated.toml", ""),
        published: Default::default(),
        cases_path: PathBuf::from("generated.csv"),
        judged: BTreeMap::from([(
            "1.1".to_string(),
            Judgement {
                rating: good,
                line: 1,
            },
        )]),
        decisions: vec![],
        cases,
    }
}

/// The smallest number of yes/no answers (in samples) to flip so that 2.1 rises / falls.
fn brute_force(f: &Framework, inspection: &Inspection) -> (Option<u32>, Option<u32>) {
    let base = rate(f, inspection).unwrap().standards[1].score.unwrap();
    let flippable: Vec<(usize, String)> = inspection
        .cases
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            let rosh_low = c.values[1] == Some(Value::Choice(0));
            c.answers
                .iter()
                .filter(move |(q, a)| *a != Answer::NotApplicable && !(*q == "2.1.2" && rosh_low))
                .map(move |(q, _)| (i, q.to_string()))
        })
        .collect();
    assert!(flippable.len() <= 12, "keep brute force small");
    let (mut up, mut down) = (None::<u32>, None::<u32>);
    for subset in 1u32..(1 << flippable.len()) {
        let mut flipped = inspection.clone();
        for (bit, (case, question)) in flippable.iter().enumerate() {
            if subset & (1 << bit) != 0 {
                let answers = &mut flipped.cases[*case].answers;
                let flip = if answers.get(question) == Some(Answer::Yes) {
                    Answer::No
                } else {
                    Answer::Yes
                };
                answers.insert(question, flip);
            }
        }
        let Some(score) = rate(f, &flipped).unwrap().standards[1].score else {
            continue;
        };
        let size = subset.count_ones();
        if score > base {
            up = Some(up.map_or(size, |u| u.min(size)));
        }
        if score < base {
            down = Some(down.map_or(size, |d| d.min(size)));
        }
    }
    (up, down)
}

#[test]
fn margins_agree_with_brute_force_on_small_inspections() {
    // The lowest key question (the framework's own rule), the mean of the key questions, and
    // pooled answers: each rule's margins against brute force on the same inspections.
    for name in ["tiny.rules", "tiny-mean.rules", "tiny-pooled.rules"] {
        margins_agree_with_brute_force(&rules(name), name);
    }
}

fn margins_agree_with_brute_force(f: &Framework, name: &str) {
    use Answer::{No, NotApplicable as NA, Yes};
    let inspections: Vec<Vec<(&str, Answer, Option<Answer>)>> = vec![
        vec![
            ("high", Yes, Some(No)),
            ("low", Yes, None),
            ("medium", No, Some(Yes)),
            ("high", Yes, Some(Yes)),
        ],
        vec![
            ("high", Yes, Some(Yes)),
            ("high", Yes, Some(Yes)),
            ("low", Yes, None),
            ("low", Yes, None),
        ],
        vec![
            ("high", No, Some(No)),
            ("medium", No, Some(No)),
            ("low", No, None),
            ("high", No, Some(NA)),
        ],
        vec![
            ("high", Yes, Some(No)),
            ("medium", No, Some(Yes)),
            ("low", Yes, None),
            ("high", Yes, Some(No)),
            ("medium", Yes, Some(Yes)),
        ],
        vec![
            ("high", Yes, Some(Yes)),
            ("medium", Yes, Some(Yes)),
            ("high", No, Some(Yes)),
            ("low", Yes, Some(No)),
            ("medium", Yes, Some(No)),
            ("high", Yes, Some(NA)),
        ],
        vec![
            ("medium", No, Some(Yes)),
            ("medium", Yes, Some(No)),
            ("medium", Yes, Some(Yes)),
            ("high", No, Some(Yes)),
            ("low", Yes, None),
            ("low", No, None),
        ],
        vec![
            ("high", Yes, Some(Yes)),
            ("high", Yes, Some(Yes)),
            ("high", Yes, Some(Yes)),
            ("high", Yes, Some(No)),
            ("high", No, Some(Yes)),
        ],
        // Both key questions at 3 of 5 (60%): rising needs both to move.
        vec![
            ("high", Yes, Some(Yes)),
            ("high", Yes, Some(Yes)),
            ("high", Yes, Some(Yes)),
            ("high", No, Some(No)),
            ("high", No, Some(No)),
        ],
    ];
    for (n, cases) in inspections.iter().enumerate() {
        let inspection = inspection(f, cases);
        let result = rate(f, &inspection).unwrap();
        let margin = result.standards[1].margin.as_ref().unwrap();
        let expected = brute_force(f, &inspection);
        assert_eq!((margin.up, margin.down), expected, "{name}, inspection {n}");
    }
    // Both key questions at 3 of 5 (60%). Lowest question: rising needs both to move, one
    // fewer yes anywhere falls to 40%. A mean or pooled 60% rises with one more yes (70%) and
    // falls only with two fewer (50% is still Requires improvement; 40% is not).
    let last = rate(f, &inspection(f, inspections.last().unwrap())).unwrap();
    let expected = if name == "tiny.rules" { (2, 1) } else { (1, 2) };
    assert_eq!(
        last.standards[1].margin.as_ref().map(|m| (m.up, m.down)),
        Some((Some(expected.0), Some(expected.1))),
        "{name}"
    );
}

#[test]
fn the_overall_margin_names_each_standard_whose_one_band_move_changes_the_rating() {
    use Answer::{No, Yes};
    let f = tiny();
    // 2.1.1 at 3 of 5 (60%) is Requires improvement: 1.1 Good (2) + 1 = 3, Requires improvement.
    let cases = [
        ("low", Yes, None),
        ("low", Yes, None),
        ("low", Yes, None),
        ("low", No, None),
        ("low", No, None),
    ];
    let result = rate(&f, &inspection(&f, &cases)).unwrap();
    assert_eq!(
        (result.overall.score, f.scale.label(result.overall.rating)),
        (3, "Requires improvement")
    );
    let changed = said(&f, &result);
    assert_eq!(
        changed.up,
        ["1.1 to Outstanding: 4, Good", "2.1 to Good: 4, Good"]
    );
    assert_eq!(changed.down, Vec::<String>::new());
}

#[test]
fn a_standard_that_is_not_scored_moves_the_overall_rating_through_a_limiter() {
    use Answer::Yes;
    let f = rules("tiny-limited.rules");
    let mut inspection = inspection(&f, &[("high", Yes, Some(Yes)), ("low", Yes, None)]);
    let ri = f.scale.find("Requires improvement").unwrap();
    inspection.judged.insert(
        "1.2".into(),
        Judgement {
            rating: ri,
            line: 2,
        },
    );
    // 1.1 Good (2) + 2.1 Outstanding (3) = 5, Good; 1.2 scores nothing.
    let result = rate(&f, &inspection).unwrap();
    assert_eq!(
        (result.overall.score, f.scale.label(result.overall.rating)),
        (5, "Good")
    );
    // 1.2 one band down is Inadequate: the score stays 5, but the limiter caps the rating.
    let changed = said(&f, &result);
    assert!(
        changed
            .down
            .contains(&"1.2 to Inadequate: 5, Requires improvement".to_string()),
        "{changed:?}"
    );
    assert!(
        !changed.up.iter().any(|c| c.starts_with("1.2")),
        "{changed:?}"
    );
}

/// The standards whose one-band move changes the overall rating, up and down, as the
/// explanation says them.
#[derive(Debug)]
struct Said {
    up: Vec<String>,
    down: Vec<String>,
}

fn said(f: &ratebook::framework::Framework, result: &ratebook::rate::InspectionResult) -> Said {
    let say = |list: &[ratebook::rate::OneBand]| {
        list.iter()
            .map(|m| ratebook::report::words::one_band(result, &f.scale, m))
            .collect()
    };
    let changed = &result.overall.changed_by_one_band;
    Said {
        up: say(&changed.up),
        down: say(&changed.down),
    }
}
