//! The loop's pipelines: each ties stages together for one command.
//! Only this module knows every stage.

pub mod segment;
