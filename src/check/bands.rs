//! Check stage: band sets over key-question percentages and the overall score bands.
//!
//! Both must cover their whole range exactly once: every percentage 0–100 (or every score
//! 0 to the highest reachable) falls in one band, no gaps, no overlaps.

use super::error::CheckError;
use super::names::did_you_mean;
use crate::framework::{Band, BandSet, Bound, OverallBand, Rating, Rounding, Scale};
use crate::syntax::tree::{self, Range, Span, Spanned};

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
            range: range_text(range.node),
            limit,
            at: range.span,
        });
        return None;
    }
    Some((lower, upper))
}

pub fn range_text(range: Range) -> String {
    match range {
        Range::Below(n) => format!("below {n}"),
        Range::AndAbove(n) => format!("{n} and above"),
        Range::To { from, to } if from == to => format!("{from}"),
        Range::To { from, to } => format!("{from} to {to}"),
        Range::ToBelow { from, below } => format!("{from} to below {below}"),
    }
}

pub fn label(name: &tree::Name, scale: &Scale, problems: &mut Vec<CheckError>) -> Option<Rating> {
    let found = scale.find(&name.node);
    if found.is_none() {
        problems.push(CheckError::UnknownLabel {
            label: name.node.clone(),
            help: did_you_mean(&name.node, "ratings on the scale", scale.names()),
            at: name.span,
        });
    }
    found
}

pub fn band_set(
    set: &tree::BandSet,
    scale: &Scale,
    problems: &mut Vec<CheckError>,
) -> Option<BandSet> {
    let mut bands = vec![];
    let mut spans = vec![];
    let mut complete = true;
    for band in &set.bands {
        let rating = label(&band.label, scale, problems);
        match (bounds(&band.range, 100, problems), rating) {
            (Some((lower, upper)), Some(rating)) => {
                bands.push(Band {
                    lower: Bound {
                        at: lower,
                        inclusive: true,
                    },
                    upper,
                    rating,
                    name: band.band_name.clone(),
                });
                spans.push(band.range.span);
            }
            _ => complete = false,
        }
    }
    if !complete {
        return None;
    }
    let mut order: Vec<usize> = (0..bands.len()).collect();
    order.sort_by_key(|&i| (bands[i].lower.at, bands[i].upper.at));
    let bands: Vec<Band> = order.iter().map(|&i| bands[i].clone()).collect();
    let spans: Vec<Span> = order.iter().map(|&i| spans[i]).collect();

    let whole = !set.banded_on_exact;
    let before = problems.len();
    let set_name = format!("band set `{}`", set.name.node);
    coverage(
        &bands,
        &spans,
        100,
        whole,
        set.span,
        |gap, help, at| CheckError::BandGap {
            set: set_name.clone(),
            gap: format!("{gap} percent"),
            help,
            at,
        },
        |overlap, at, other| CheckError::BandOverlap {
            set: set_name.clone(),
            overlap: format!("{overlap} percent"),
            at,
            other,
        },
        problems,
    );
    for (pair, spans) in bands.windows(2).zip(spans.windows(2)) {
        if pair[1].rating < pair[0].rating {
            problems.push(CheckError::BandsNotRising {
                set: set.name.node.clone(),
                at: spans[1],
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
        bands,
    })
}

/// Overall bands over scores 0..=max. `max` is the highest score the scored standards reach.
pub fn overall_bands(
    written: &[tree::OverallBand],
    scale: &Scale,
    max: u32,
    scored: usize,
    block: Span,
    problems: &mut Vec<CheckError>,
) -> Option<Vec<OverallBand>> {
    let mut bands = vec![];
    let mut spans = vec![];
    let mut complete = true;
    for band in written {
        let rating = label(&band.label, scale, problems);
        let reach = match band.range.node {
            Range::Below(n) | Range::AndAbove(n) => n,
            Range::To { from, to } => from.max(to),
            Range::ToBelow { from, below } => from.max(below.saturating_sub(1)),
        };
        if reach > max && !matches!(band.range.node, Range::Below(_)) {
            let text = range_text(band.range.node);
            problems.push(CheckError::UnreachableBand {
                help: format!(
                    "with {scored} scored standards each scoring at most {}, the score runs from 0 to {max}; \
                     end the top band at {max} (or write `N and above`)",
                    scale.top_score()
                ),
                range: text,
                at: band.range.span,
                max,
            });
            complete = false;
            continue;
        }
        match (bounds(&band.range, max, problems), rating) {
            (Some((lower, upper)), Some(rating)) => {
                bands.push(Band {
                    lower: Bound {
                        at: lower,
                        inclusive: true,
                    },
                    upper,
                    rating,
                    name: None,
                });
                spans.push(band.range.span);
            }
            _ => complete = false,
        }
    }
    if !complete {
        return None;
    }
    let mut order: Vec<usize> = (0..bands.len()).collect();
    order.sort_by_key(|&i| (bands[i].lower.at, bands[i].upper.at));
    let sorted: Vec<Band> = order.iter().map(|&i| bands[i].clone()).collect();
    let spans: Vec<Span> = order.iter().map(|&i| spans[i]).collect();
    let before = problems.len();
    coverage(
        &sorted,
        &spans,
        max,
        true,
        block,
        |gap, help, at| CheckError::BandGap {
            set: "the overall section".into(),
            gap: format!("the score {gap}"),
            help,
            at,
        },
        |overlap, at, other| CheckError::BandOverlap {
            set: "the overall section".into(),
            overlap: format!("the score {overlap}"),
            at,
            other,
        },
        problems,
    );
    if problems.len() > before {
        return None;
    }
    Some(
        sorted
            .into_iter()
            .map(|b| OverallBand {
                from: b.lower.at,
                to: if b.upper.inclusive {
                    b.upper.at
                } else {
                    b.upper.at - 1
                },
                rating: b.rating,
            })
            .collect(),
    )
}

/// Walk bands sorted by their lower bound and report every gap and overlap in 0..=limit.
/// `whole`: only whole numbers occur (shown percentages, scores), so `50 to 64` meets `65 to 79`.
#[allow(clippy::too_many_arguments)]
fn coverage(
    bands: &[Band],
    spans: &[Span],
    limit: u32,
    whole: bool,
    block: Span,
    gap: impl Fn(String, String, Span) -> CheckError,
    overlap: impl Fn(String, Span, Span) -> CheckError,
    problems: &mut Vec<CheckError>,
) {
    if bands.is_empty() {
        problems.push(gap(
            format!("0 to {limit}"),
            "add bands that cover every value".into(),
            block,
        ));
        return;
    }
    // Everything below `reached` is covered; `reached_inclusive` says whether `reached` is too.
    let mut reached = 0u32;
    let mut reached_inclusive = false;
    let mut reached_by: Option<Span> = None;
    let help_exact = "with bands applied to the exact percentage, a percentage such as 64.5 lies between `50 to 64` and `65 to 79`; write `50 to below 65`";
    for (band, &span) in bands.iter().zip(spans) {
        let lower = band.lower.at;
        let (upper, upper_inclusive) = (band.upper.at, band.upper.inclusive);
        // In whole numbers, "to 64" reaches 65 exclusive.
        let (upper, upper_inclusive) = if whole && upper_inclusive {
            (upper + 1, false)
        } else {
            (upper, upper_inclusive)
        };
        let meets = if reached_inclusive {
            lower == reached + 1 && whole
        } else {
            lower == reached
        };
        let starts_inside = lower < reached || (lower == reached && reached_inclusive);
        if let (true, Some(other)) = (starts_inside, reached_by) {
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
            problems.push(overlap(text, span, other));
        } else if !meets && reached_by.is_some() || (reached_by.is_none() && lower > 0) {
            let text = if whole {
                let last = lower - 1;
                if last == reached {
                    format!("{reached}")
                } else {
                    format!("{reached} to {last}")
                }
            } else if reached_inclusive {
                format!("everything between {reached} and {lower}")
            } else {
                format!("{reached} to below {lower}")
            };
            let help = if whole {
                format!("add a band for {text}, or extend a neighbouring band")
            } else {
                help_exact.to_string()
            };
            problems.push(gap(text, help, span));
        }
        if upper > reached || (upper == reached && upper_inclusive) {
            reached = upper;
            reached_inclusive = upper_inclusive;
        }
        reached_by = Some(span);
    }
    let end_reached = if whole {
        reached > limit
    } else {
        reached == limit && reached_inclusive
    };
    if !end_reached {
        let text = if whole {
            if reached == limit {
                format!("{limit}")
            } else {
                format!("{reached} to {limit}")
            }
        } else if reached == limit {
            format!("{limit}")
        } else {
            format!("{reached} to {limit}")
        };
        let help = format!("extend the top band to {limit} (write `N and above`)");
        problems.push(gap(text, help, reached_by.unwrap_or(block)));
    }
}
