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
pub mod archive;
pub mod lower;
pub mod minify;

/// Compiles a program: a Go file, or a txtar archive of a Go file and the files of its working
/// directory (see [`archive`]). Diagnostics name the Go file.
pub fn compile(file_name: &str, text: &str) -> Result<runtime::Program, Vec<Diagnostic>> {
    let archive = archive::split(file_name, text).map_err(|d| vec![d])?;
    let mut program = lower::compile(&archive.go_name, archive.go_source)?;
    program.data_files = archive.files;
    Ok(program)
}
