//! See the module docs of `lang`.
