//! Compiles and runs a program to the end: the data the shell shows. Pure logic, no web APIs,
//! so it is compiled (and tested) natively too.

/// The program the page opens with.
pub const EXAMPLE: &str = r#"package main

import (
	"fmt"
	"sync"
)

func main() {
	results := make(chan int, 3)
	var wg sync.WaitGroup
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- i * i
		}()
	}
	wg.Wait()
	close(results)
	sum := 0
	for r := range results {
		sum += r
	}
	fmt.Println("sum of squares:", sum)
}
"#;

/// What a finished run shows.
#[derive(Clone, Debug, PartialEq)]
pub struct RunResult {
    pub status: String,
    pub steps: u64,
    pub goroutines: usize,
    pub stdout: String,
    pub stderr: String,
}

/// Steps a run may take in the page before it stops with the runtime's limit message, so that a
/// runaway program cannot freeze the tab for long.
pub const STEPS_MAX: u64 = 2_000_000;

/// Compiles `source` as `prog.go` and runs it with the default configuration and [`STEPS_MAX`].
pub fn run(source: &str) -> RunResult {
    let program = match compiler::compile("prog.go", source) {
        Ok(program) => program,
        Err(diagnostics) => {
            let text: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
            return RunResult {
                status: "compile error".into(),
                steps: 0,
                goroutines: 0,
                stdout: String::new(),
                stderr: text.join("\n"),
            };
        }
    };
    let mut rt = match runtime::Runtime::new(program, config()) {
        Ok(rt) => rt,
        Err(e) => {
            return RunResult { status: e.to_string(), steps: 0, goroutines: 0, stdout: String::new(), stderr: String::new() }
        }
    };
    rt.run_to_end();
    RunResult {
        status: rt.status().to_string(),
        steps: rt.steps(),
        goroutines: rt.goroutines().len(),
        stdout: String::from_utf8_lossy(rt.stdout()).into_owned(),
        stderr: String::from_utf8_lossy(rt.stderr()).into_owned(),
    }
}

fn config() -> runtime::Config {
    let mut config = runtime::Config::default();
    config.limits.steps_max = STEPS_MAX;
    config
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_example_runs_like_go() {
        let r = super::run(super::EXAMPLE);
        assert_eq!(r.stdout, "sum of squares: 14\n");
        assert_eq!(r.status, "exited with code 0");
    }
}
