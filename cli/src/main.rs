//! The `gmseal` command-line tool.
fn main() {}
