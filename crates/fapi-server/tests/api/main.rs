//! End-to-end tests of the Frontend API over real HTTP on 127.0.0.1, with
//! one cookie jar per simulated browser. One test binary keeps builds fast.

mod support;

mod account;
pub mod cli;
mod fuzz;
mod guards;
mod hardening;
mod me;
mod serving;
mod sessions;
mod sign_in;
mod sign_out;
mod store_calls;
mod tokens;
