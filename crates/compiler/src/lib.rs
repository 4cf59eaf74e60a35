//! Go source to `runtime::Program`.
