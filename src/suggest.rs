//! "Did you mean": the known name closest to an unknown one, and the help text that offers it
//! with the names that exist. Every stage that meets a name it does not know (the checker,
//! variants, inspection files and cases files, published figures, breakdowns and the command
//! line) asks here, so every suggestion is made the same way.
//!
//! Nothing here knows what a name means or where it was written.

/// The known name closest to `unknown`, if one is close enough to be a likely typo.
fn closest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lowered = unknown.to_lowercase();
    let known: Vec<&'a str> = known.into_iter().collect();
    // Beyond this many names a suggestion is not looked for, so that a file with thousands of
    // unknown names is still checked in time proportional to its size.
    if known.len() > MOST_COMPARED {
        return None;
    }
    known
        .into_iter()
        .map(|k| (strsim::levenshtein(&lowered, &k.to_lowercase()), k))
        .filter(|(distance, k)| *distance <= (k.chars().count() / 3).max(2))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

/// The known name closest to `unknown`, if one is close enough to be a likely typo.
pub fn suggestion<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    closest(unknown, known)
}

/// Help text for an unknown name: a suggestion if one is close, and the names that exist.
pub fn did_you_mean<'a>(
    unknown: &str,
    what: &str,
    known: impl IntoIterator<Item = &'a str> + Clone,
) -> String {
    let list = quoted_list(known.clone());
    match closest(unknown, known) {
        Some(best) => format!("did you mean `{best}`? The {what} are: {list}"),
        None if list.is_empty() => format!("no {what} are declared"),
        None => format!("the {what} are: {list}"),
    }
}

/// The most known names an unknown one is compared with for a suggestion.
const MOST_COMPARED: usize = 2_000;

/// The most names a help text lists; the rest are counted.
const MOST_LISTED: usize = 30;

/// Names in backquotes, at most `MOST_LISTED` of them, the rest counted.
pub fn quoted_list<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let mut shown = vec![];
    let mut more = 0;
    for name in names {
        if shown.len() < MOST_LISTED {
            shown.push(format!("`{name}`"));
        } else {
            more += 1;
        }
    }
    let list = shown.join(", ");
    if more > 0 {
        format!("{list} and {more} more")
    } else {
        list
    }
}
