//! Check stage: band sets over key-question percentages and the overall score bands.
//!
//! Both must cover their whole range exactly once: every percentage 0–100 (or every score
//! 0 to the highest reachable) falls in one band, no gaps, no overlaps.

use super::error::CheckError;
use crate::framework::{Band, BandSet, Bound, OverallBand, Rating, Rounding, Scale};
use crate::suggest::did_you_mean;
use crate::syntax::print;
use crate::syntax::tree::{self, Range, Span, Spanned};

pub fn label(name: &tree::Name, scale: &Scale, problems: &mut Vec<CheckError>) -> Option<Rating> {
    let found = scale.find(&name.node);
    if found.is_none() {
        problems.push(CheckError::UnknownLabel {
            label: name.node.clone(),
            help: did_you_mean(&name.node, "ratings on the scale", scale.names()),
            at: name.span,
            scale_label: None,
        });
    }
    found
}

pub fn band_set(
    set: &tree::BandSet,
    scale: &Scale,
    problems: &mut Vec<CheckError>,
) -> Option<BandSet> {
    let written: Vec<_> = set
        .bands
        .iter()
        .map(|b| (&b.range, &b.label, b.band_name.clone()))
        .collect();
    let bands = resolve(&written, 100, scale, problems)?;

    let before = problems.len();
    let set_name = format!("band set `{}`", set.name.node);
    for finding in coverage(&bands, 100, !set.banded_on_exact, set.span) {
        problems.push(finding.into_error(&set_name, "percent"));
    }
    for pair in bands.windows(2) {
        if pair[1].0.rating < pair[0].0.rating {
            problems.push(CheckError::BandsNotRising {
                set: set.name.node.clone(),
                at: pair[1].1,
            });
        }
    }
    if problems.len() > before {
        return None;
    }
    Some(BandSet {
        name: set.name.node.clone(),
        title: set.title.clone(),
        rounding: match set.rounding {
            tree::Rounding::HalfUp => Rounding::HalfUp,
            tree::Rounding::HalfEven => Rounding::HalfEven,
            tree::Rounding::Down => Rounding::Down,
        },
        banded_on_exact: set.banded_on_exact,
        bands: bands.into_iter().map(|(band, _)| band).collect(),
    })
}

/// Overall bands over scores 0..=max. `max` is the highest score the scored standards reach;
/// `reach` says so in words, for the help of a band that goes beyond it.
pub fn overall_bands(
    written: &[tree::OverallBand],
    scale: &Scale,
    max: u32,
    reach: &str,
    block: Span,
    problems: &mut Vec<CheckError>,
) -> Option<Vec<OverallBand>> {
    let bottom_of = |range: Range| match range {
        Range::Below(_) => 0,
        Range::AndAbove(n) | Range::To { from: n, .. } | Range::ToBelow { from: n, .. } => n,
    };
    let top_of = |range: Range| match range {
        Range::Below(_) => 0,
        Range::AndAbove(n) => n,
        Range::To { from, to } => from.max(to),
        Range::ToBelow { from, below } => from.max(below.saturating_sub(1)),
    };
    let mut unreachable = vec![];
    // Bands that start within reach but run past it (`31 to 36` when 33 is the most): a
    // warning, and the band is read as ending at the maximum.
    let mut clipped: Vec<(Spanned<Range>, &tree::Name)> = vec![];
    for band in written {
        let (bottom, top) = (bottom_of(band.range.node), top_of(band.range.node));
        if bottom > max {
            unreachable.push(band);
            continue;
        }
        let range = if top > max {
            problems.push(CheckError::BandPastMaximum {
                range: print::range(band.range.node),
                max,
                help: format!("{reach}; scores above {max} cannot occur, so the band ends there"),
                at: band.range.span,
            });
            Spanned {
                node: Range::To {
                    from: bottom,
                    to: max,
                },
                span: band.range.span,
            }
        } else {
            band.range.clone()
        };
        clipped.push((range, &band.label));
    }
    for band in &unreachable {
        problems.push(CheckError::UnreachableBand {
            help: format!("{reach}; end the top band at {max} (or write `N and above`)"),
            range: print::range(band.range.node),
            at: band.range.span,
            max,
        });
    }
    let written: Vec<_> = clipped
        .iter()
        .map(|(range, label)| (range, *label, None))
        .collect();
    let bands = resolve(&written, max, scale, problems);
    if !unreachable.is_empty() {
        return None;
    }
    let bands = bands?;
    let before = problems.len();
    for finding in coverage(&bands, max, true, block) {
        problems.push(finding.into_error("the overall section", "the score"));
    }
    overall_rising(&bands, problems);
    (problems.len() == before).then(|| {
        bands
            .into_iter()
            .map(|(b, _)| OverallBand {
                from: b.lower.at,
                to: if b.upper.inclusive {
                    b.upper.at
                } else {
                    b.upper.at - 1
                },
                rating: b.rating,
            })
            .collect()
    })
}

/// Overall bands written as percentages of the maximum score: exact percentages, covering
/// 0–100 once (so `50 to below 85`, since a score may be 84.6% of its maximum).
pub fn percent_bands(
    written: &[tree::OverallBand],
    scale: &Scale,
    block: Span,
    problems: &mut Vec<CheckError>,
) -> Option<Vec<Band>> {
    let written: Vec<_> = written.iter().map(|b| (&b.range, &b.label, None)).collect();
    let bands = resolve(&written, 100, scale, problems)?;
    let before = problems.len();
    for finding in coverage(&bands, 100, false, block) {
        problems.push(finding.into_error("the overall section", "percent"));
    }
    overall_rising(&bands, problems);
    (problems.len() == before).then(|| bands.into_iter().map(|(b, _)| b).collect())
}

/// Overall bands whose rating falls as the score rises (16–25 Outstanding, 26–30 Good).
fn overall_rising(bands: &[(Band, Span)], problems: &mut Vec<CheckError>) {
    let mut by_score: Vec<&(Band, Span)> = bands.iter().collect();
    by_score.sort_by_key(|(b, _)| b.lower.at);
    for pair in by_score.windows(2) {
        if pair[1].0.rating < pair[0].0.rating {
            problems.push(CheckError::OverallBandsNotRising {
                at: pair[1].1,
                before: pair[0].1,
            });
        }
    }
}

/// Written bands → bands with their spans, lowest first; `None` if any range or label is bad.
fn resolve(
    written: &[(&Spanned<Range>, &tree::Name, Option<String>)],
    limit: u32,
    scale: &Scale,
    problems: &mut Vec<CheckError>,
) -> Option<Vec<(Band, Span)>> {
    let mut bands = vec![];
    let mut complete = true;
    for (range, label_name, name) in written {
        let rating = label(label_name, scale, problems);
        match (bounds(range, limit, problems), rating) {
            (Some((lower, upper)), Some(rating)) => {
                let lower = Bound {
                    at: lower,
                    inclusive: true,
                };
                bands.push((
                    Band {
                        lower,
                        upper,
                        rating,
                        name: name.clone(),
                    },
                    range.span,
                ));
            }
            _ => complete = false,
        }
    }
    bands.sort_by_key(|(b, _)| (b.lower.at, b.upper.at));
    complete.then_some(bands)
}

/// A range as lower (always inclusive) and upper bound, checked to lie within 0..=limit.
fn bounds(
    range: &Spanned<Range>,
    limit: u32,
    problems: &mut Vec<CheckError>,
) -> Option<(u32, Bound)> {
    let (lower, upper) = match range.node {
        Range::Below(n) => (
            0,
            Bound {
                at: n,
                inclusive: false,
            },
        ),
        Range::AndAbove(n) => (
            n,
            Bound {
                at: limit,
                inclusive: true,
            },
        ),
        Range::To { from, to } => (
            from,
            Bound {
                at: to,
                inclusive: true,
            },
        ),
        Range::ToBelow { from, below } => (
            from,
            Bound {
                at: below,
                inclusive: false,
            },
        ),
    };
    let empty = upper.at < lower || (upper.at == lower && !upper.inclusive);
    if empty || upper.at > limit || lower > limit {
        problems.push(CheckError::BadRange {
            range: print::range(range.node),
            limit,
            at: range.span,
        });
        return None;
    }
    Some((lower, upper))
}

/// What a walk over sorted bands finds: a stretch in no band, or a stretch in two.
enum Finding {
    Gap {
        text: String,
        help: String,
        at: Span,
    },
    Overlap {
        text: String,
        at: Span,
        other: Span,
    },
}

impl Finding {
    fn into_error(self, set: &str, unit: &str) -> CheckError {
        let with_unit = |text: String| {
            if unit == "percent" {
                format!("{text} percent")
            } else {
                format!("{unit} {text}")
            }
        };
        match self {
            Finding::Gap { text, help, at } => CheckError::BandGap {
                set: set.into(),
                gap: with_unit(text),
                help,
                at,
            },
            Finding::Overlap { text, at, other } => CheckError::BandOverlap {
                set: set.into(),
                overlap: with_unit(text),
                at,
                other,
            },
        }
    }
}

/// Walk bands sorted by their lower bound and find every gap and overlap in 0..=limit.
/// `whole`: only whole numbers occur (shown percentages, scores), so `50 to 64` meets `65 to 79`.
fn coverage(bands: &[(Band, Span)], limit: u32, whole: bool, block: Span) -> Vec<Finding> {
    let mut findings = vec![];
    if bands.is_empty() {
        let help = "add bands that cover every value".to_string();
        return vec![Finding::Gap {
            text: format!("0 to {limit}"),
            help,
            at: block,
        }];
    }
    // Everything below `reached` is covered; `reached_inclusive` says whether `reached` is too.
    let mut reached = 0u32;
    let mut reached_inclusive = false;
    let mut reached_by: Option<Span> = None;
    for (band, span) in bands {
        let (lower, span) = (band.lower.at, *span);
        // In whole numbers, "to 64" reaches 65 exclusive.
        let (upper, upper_inclusive) = match band.upper {
            Bound {
                at,
                inclusive: true,
            } if whole => (at.saturating_add(1), false),
            Bound { at, inclusive } => (at, inclusive),
        };
        let starts_inside = lower < reached || (lower == reached && reached_inclusive);
        let meets = lower == reached && !reached_inclusive;
        match reached_by {
            Some(other) if starts_inside => {
                let end = if reached_inclusive || !whole {
                    reached
                } else {
                    reached - 1
                };
                let text = if lower == end {
                    format!("{lower}")
                } else {
                    format!("{lower} to {end}")
                };
                findings.push(Finding::Overlap {
                    text,
                    at: span,
                    other,
                });
            }
            _ if !meets => {
                let (text, help) = if whole {
                    let last = lower - 1;
                    let text = if last == reached {
                        format!("{reached}")
                    } else {
                        format!("{reached} to {last}")
                    };
                    let help = format!("add a band for {text}, or extend a neighbouring band");
                    (text, help)
                } else if reached_inclusive {
                    (
                        format!("everything between {reached} and {lower}"),
                        EXACT_HELP.to_string(),
                    )
                } else {
                    (
                        format!("{reached} to below {lower}"),
                        EXACT_HELP.to_string(),
                    )
                };
                findings.push(Finding::Gap {
                    text,
                    help,
                    at: span,
                });
            }
            _ => {}
        }
        if upper > reached || (upper == reached && upper_inclusive) {
            reached = upper;
            reached_inclusive = upper_inclusive;
        }
        reached_by = Some(span);
    }
    let covers_limit = if whole {
        reached > limit
    } else {
        reached == limit && reached_inclusive
    };
    if !covers_limit {
        let text = if reached == limit {
            format!("{limit}")
        } else {
            format!("{reached} to {limit}")
        };
        let help = format!("extend the top band to {limit} (write `N and above`)");
        findings.push(Finding::Gap {
            text,
            help,
            at: reached_by.unwrap_or(block),
        });
    }
    findings
}

const EXACT_HELP: &str = "with bands applied to the exact percentage, a percentage such as 64.5 lies between \
                          `50 to 64` and `65 to 79`; write `50 to below 65`";
