//! Files at the edges of ratebook: every input read within its limits ([`read`]), which files
//! a folder argument stands for ([`folder`]), and how an output file is written ([`write`]).
//! Nothing here knows what a file means.

pub mod folder;
pub mod read;
pub mod write;
