//! Process flags and modes (`jirash FILE`, `-c`, stdin, `--demo`).

/// Runs the program and returns the process exit status.
pub fn main() -> i32 {
    0
}
