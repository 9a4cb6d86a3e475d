//! Check stage: "did you mean" for unknown names.

/// The known name closest to `unknown`, if one is close enough to be a likely typo.
pub fn closest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lowered = unknown.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::levenshtein(&lowered, &k.to_lowercase()), k))
        .filter(|(distance, k)| *distance <= (k.chars().count() / 3).max(2))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
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

pub fn quoted_list<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names
        .into_iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
