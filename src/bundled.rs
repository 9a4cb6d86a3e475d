//! The rulesets ratebook carries, compiled into the binary from `rules/`, so that an installed
//! `ratebook` rates with `--rules hmip-youth-2019` from any folder and a variant may be
//! `based on "hmip-youth-2019"`. A name is used only when no file of that name exists: a file
//! on disk always wins.
//!
//! This module holds texts and names; it never reads a file.

/// Each bundled ruleset: its name (the file name in `rules/` without `.rules`) and its text.
pub const RULESETS: [(&str, &str); 6] = [
    (
        "hmip-youth-2018",
        include_str!("../rules/hmip-youth-2018.rules"),
    ),
    (
        "hmip-youth-2019",
        include_str!("../rules/hmip-youth-2019.rules"),
    ),
    (
        "hmip-youth-2021",
        include_str!("../rules/hmip-youth-2021.rules"),
    ),
    (
        "hmip-adult-2018-nps",
        include_str!("../rules/hmip-adult-2018-nps.rules"),
    ),
    (
        "hmip-adult-2018-crc",
        include_str!("../rules/hmip-adult-2018-crc.rules"),
    ),
    (
        "hmip-pdu-2021",
        include_str!("../rules/hmip-pdu-2021.rules"),
    ),
];

/// The bundled ruleset named `name` (`hmip-youth-2019`, or its file name
/// `hmip-youth-2019.rules`): its name and text. A name with a folder in it is never bundled.
pub fn find(name: &str) -> Option<(&'static str, &'static str)> {
    if name.contains(['/', '\\']) {
        return None;
    }
    let bare = name.strip_suffix(".rules").unwrap_or(name);
    RULESETS.iter().copied().find(|(n, _)| *n == bare)
}

/// Every bundled ruleset's name, in the order listed.
pub fn names() -> impl Iterator<Item = &'static str> + Clone {
    RULESETS.iter().map(|(name, _)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ruleset_in_rules_is_bundled_under_its_file_name() {
        let mut on_disk: Vec<String> = std::fs::read_dir("rules")
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "rules"))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut bundled: Vec<String> = names().map(String::from).collect();
        bundled.sort();
        assert_eq!(bundled, on_disk);
        for (name, text) in RULESETS {
            let file = std::fs::read_to_string(format!("rules/{name}.rules")).unwrap();
            assert_eq!(text, file, "{name}");
        }
    }

    #[test]
    fn a_name_is_found_with_or_without_rules_but_never_with_a_folder() {
        assert_eq!(find("hmip-youth-2019").unwrap().0, "hmip-youth-2019");
        assert_eq!(find("hmip-youth-2019.rules").unwrap().0, "hmip-youth-2019");
        assert!(find("rules/hmip-youth-2019.rules").is_none());
        assert!(find("hmip-youth-2020").is_none());
    }
}
