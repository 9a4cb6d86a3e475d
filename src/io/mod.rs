//! Files at the edges of ratebook: every input read within its limits ([`read`]), which files
//! a folder argument stands for ([`folder`]), and how an output file is written ([`write`](mod@write)).
//! Nothing here knows what a file means.

pub mod folder;
pub mod read;
pub mod write;

/// Where a symbolic link points, in words, for a diagnostic that refuses it.
pub(crate) fn link_target(link: &std::path::Path) -> String {
    std::fs::read_link(link)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| "where it points".to_string())
}
