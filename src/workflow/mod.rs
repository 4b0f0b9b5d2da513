//! The loop's pipelines: each ties stages together for one command.
//! Only this module knows every stage.

pub mod analysis;
pub mod export;
pub mod import;
pub mod merge;
pub mod release;
pub mod segment;
