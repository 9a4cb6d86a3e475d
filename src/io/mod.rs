//! Files at the edges of ratebook: which files a folder argument stands for, and how an output
//! file is written. Reading inputs is [`crate::input`]'s job. Nothing here knows what a file
//! means.

pub mod folder;
pub mod write;
