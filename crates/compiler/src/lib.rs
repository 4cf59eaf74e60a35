//! Go source to `runtime::Program`.
//!
//! Pipeline: `lexer` (tokens, semicolon insertion) -> `parser` (syntax tree in `ast`, gc's syntax
//! errors) -> `check` (names and types for the supported subset, gc's type errors) -> lowering.
//! Every stage reports problems as `Diagnostic`s in gc's format; nothing here panics on bad input.

pub mod ast;
pub mod diagnostic;
pub mod lexer;
pub mod parser;
pub mod printer;

pub use diagnostic::Diagnostic;
pub mod check;
pub mod constant;
pub mod prelude;
pub mod types;

pub use check::{check, CheckedFile};
pub mod lower;
pub use lower::compile;
