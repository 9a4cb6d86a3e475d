//! Analysis stage: what is worked out from ratings beyond one inspection's — comparisons of
//! rulesets ([`compare`]) and of rule files ([`diff`]), resampling ([`stability`]), research
//! tables with their statistics ([`breakdown`], [`stats`]), past inspections against their
//! published figures ([`published`], [`snapshot`], [`suite`]), and the case-level table
//! ([`cases_table`]).
//!
//! The invariant this folder is moving to: typed results only (ids, scale positions, enums
//! for reasons carrying their numbers), no sentence, no `Serialize`, no file, and no import of
//! `report`, `api` or `cli`. Where it does not hold yet: `compare`, `diff`, `published`,
//! `snapshot`, `stability` and `suite` still write some sentences with `report::words` or
//! derive `Serialize` on their results, and `snapshot` reads and writes its file.

pub mod breakdown;
pub mod cases_table;
pub mod compare;
pub mod diff;
pub mod published;
pub mod snapshot;
pub mod stability;
pub mod stats;
pub mod suite;
