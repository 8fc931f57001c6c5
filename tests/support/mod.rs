//! What the integration tests share: fixtures (a small centre for the desk, a centre of
//! services for the base), the in-process desk driver and the pseudo-terminal driver.
//! Each test crate uses a part of it.
#![allow(dead_code)]

pub mod base;
pub mod centre;
pub mod cli;
pub mod desk;
pub mod hsds;
pub mod plans;
pub mod pty;
