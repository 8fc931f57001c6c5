//! Loading data from files into the store, row by row through the domain's checks; files are
//! decoded first by [`detect`], whatever encoding and separator a Polish office saved them with.

pub mod detect;
pub mod residents;
pub mod usage;
