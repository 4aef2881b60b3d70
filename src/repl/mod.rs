//! The interactive shell (rustyline front end).
