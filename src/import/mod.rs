//! Loading data from files into the store, row by row through the domain's checks.

pub mod residents;
