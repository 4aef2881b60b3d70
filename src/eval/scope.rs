//! See the module docs of `eval`.
