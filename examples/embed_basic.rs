//! Embedding minigo: compile a script, run its `main`, call its functions with typed
//! arguments and results. Run with `cargo run --example embed_basic`.

// An example shows its results on standard output, as the CLI does.
#![allow(clippy::print_stdout)]

use minigo::embed::{Captured, Engine, Error, HostError};

const SCRIPT: &str = r#"
import (
    "errors"
    "fmt"
    "strings"
)

type Stats struct {
    Count int
    Mean  float64
}

func Describe(xs []float64) Stats {
    sum := 0.0
    for _, x := range xs { sum += x }
    return Stats{Count: len(xs), Mean: sum / float64(len(xs))}
}

func Title(words []string) string { return strings.ToUpper(strings.Join(words, " ")) }

func Parse(s string) (int, error) {
    if s == "" { return 0, errors.New("empty input") }
    return len(s), nil
}

func main() { fmt.Println("hello from main") }
"#;

/// Runs the example and returns what the script printed.
fn run() -> Result<String, Error> {
    let out = Captured::default();
    let engine = Engine::builder().stdout(out.clone()).build();
    let script = engine.compile("basic.go", SCRIPT)?;
    script.run_main()?;
    let stats = script.call::<minigo::embed::Value>("Describe", (vec![1.0, 2.0, 6.0],))?;
    assert_eq!(stats.field("Count"), Some(&minigo::embed::Value::Int(3)));
    let title: String = script.call("Title", (vec!["go", "embedded"],))?;
    assert_eq!(title, "GO EMBEDDED");
    let parsed = script.call::<Result<i64, HostError>>("Parse", ("",))?;
    assert_eq!(parsed, Err(HostError::new("empty input")));
    Ok(format!("{}{title}\n{stats:?}\n", out.text()))
}

fn main() -> Result<(), Error> {
    print!("{}", run()?);
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn runs() {
        assert!(
            super::run()
                .unwrap()
                .starts_with("hello from main\nGO EMBEDDED\n")
        );
    }
}
