//! The `jirash` binary: flags → mode. Everything else lives in the library.

fn main() {
    std::process::exit(jirash::cli::main());
}
