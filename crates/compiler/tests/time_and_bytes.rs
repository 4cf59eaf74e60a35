//! Values the model cannot represent must be refused, never shown wrong: a `time.Time` at the
//! Unix epoch (the model's Time is Unix nanoseconds with 0 = the zero Time) and string literals
//! that are not valid UTF-8 (string constants are UTF-8 text in the checker).
//! What Go 1.23 prints for the refused programs is in the comments (checked with `go run`); the
//! supported cases are in the corpus (tests/programs/pass/time_unix_dates, strings_invalid_utf8).

use runtime::runtime::{Config, Runtime};

/// Compiles and runs `src`; returns (stdout, stderr, exit code).
fn run(src: &str) -> (String, String, i32) {
    let program = match compiler::compile("prog.go", src) {
        Ok(p) => p,
        Err(ds) => {
            let text: Vec<String> = ds.iter().map(|d| d.to_string()).collect();
            return (String::new(), text.join("\n"), 1);
        }
    };
    let mut rt = Runtime::new(program, Config::default()).expect("program loads");
    let code = rt.run_to_end().exit_code().unwrap_or(-1);
    (
        String::from_utf8_lossy(rt.stdout()).into_owned(),
        String::from_utf8_lossy(rt.stderr()).into_owned(),
        code,
    )
}

fn time_program(expr: &str) -> String {
    format!(
        "package main\n\nimport (\n\t\"fmt\"\n\t\"time\"\n)\n\nfunc main() {{\n\tt := {expr}\n\tfmt.Println(t.UTC(), t.IsZero())\n}}\n"
    )
}

fn assert_refused(src: &str, what: &str) {
    let (out, err, code) = run(src);
    assert!(
        err.contains(&format!("not supported by Goroscope yet: {what}")) && code != 0,
        "want a refusal ({what}), got exit {code}\nstdout:\n{out}\nstderr:\n{err}"
    );
    assert_eq!(out, "", "nothing may be printed before the refusal");
}

#[test]
fn times_at_the_unix_epoch_are_refused() {
    // Go prints "1970-01-01 00:00:00 +0000 UTC false" for each of these.
    for expr in [
        "time.Unix(0, 0)",
        "time.Unix(1, -1000000000)",
        "time.UnixMilli(0)",
        "time.UnixMicro(0)",
        "time.Date(1970, time.January, 1, 0, 0, 0, 0, time.UTC)",
        "time.Date(1969, time.December, 31, 24, 0, 0, 0, time.UTC)",
        "time.Unix(30, 0).Truncate(time.Minute)",
        "time.Unix(-20, 0).Round(time.Minute)",
        "time.Unix(0, 1).AddDate(0, 0, 0).Truncate(time.Second)",
    ] {
        assert_refused(&time_program(expr), "a time.Time at the Unix epoch");
    }
}

#[test]
fn times_outside_int64_nanoseconds_are_refused() {
    // Go: "0001-01-02 00:00:00 +0000 UTC false", "2300-01-01 00:00:00 +0000 UTC false",
    // "1600-01-01 00:00:00 +0000 UTC false".
    for expr in [
        "time.Time{}.AddDate(0, 0, 1)",
        "time.Date(2300, time.January, 1, 0, 0, 0, 0, time.UTC)",
        "time.Unix(-11676096000, 0)",
    ] {
        assert_refused(&time_program(expr), "a time.Time before 1678 or after 2261");
    }
}

#[test]
fn times_next_to_the_epoch_and_the_zero_time_are_right() {
    // Output of `go run` (Go 1.23).
    let (out, err, code) = run(&time_program("time.Unix(0, 1)"));
    assert_eq!(
        (out.as_str(), code),
        ("1970-01-01 00:00:00.000000001 +0000 UTC false\n", 0),
        "{err}"
    );
    let (out, err, code) = run(&time_program("time.Time{}"));
    assert_eq!(
        (out.as_str(), code),
        ("0001-01-01 00:00:00 +0000 UTC true\n", 0),
        "{err}"
    );
}

#[test]
fn string_literals_with_invalid_utf8_are_refused() {
    // Go prints "1 3 255" ("\xff" is one byte).
    let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\ts := \"a\\xffb\"\n\tfmt.Println(len(\"\\377\"), len(s), s[1])\n}\n";
    assert_refused(src, "string literal with invalid UTF-8");
    // Byte escapes that form valid UTF-8 are fine. Go prints "€ 3 true ÿ".
    let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\ts := \"\\xe2\\x82\\xac\"\n\tfmt.Println(s, len(s), s == \"€\", \"\\xc3\\xbf\")\n}\n";
    let (out, err, code) = run(src);
    assert_eq!((out.as_str(), code), ("€ 3 true ÿ\n", 0), "{err}");
}
