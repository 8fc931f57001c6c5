//! Domain rules: pure functions and types, no I/O. The store and the UI both call these.

pub mod approval;
pub mod assessment;
pub mod fee;
pub mod fold;
pub mod gmina;
pub mod holidays;
pub mod ipus;
pub mod limits;
pub mod meeting;
pub mod monitoring;
pub mod period;
pub mod pesel;
pub mod plan;
pub mod qualification;
pub mod quota;
pub mod resident;
pub mod roles;
pub mod service;
pub mod sound;
pub mod special;
pub mod text;
pub mod visit;
pub mod waitlist;
