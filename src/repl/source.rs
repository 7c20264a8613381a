//! The session as source text: the imports and package-level declarations typed so far,
//! and how each evaluation's whole program is spelled.
//!
//! Owns: [`SessionSource`] (imports, declarations keyed by what they declare, the input
//! counter) and [`Spelled`], one generated program with where the input sits in it. Does
//! not own: deciding what an input is (`rewrite`), checking or running it (`eval`).
//!
//! Invariants:
//! - A declaration is stored under the names it declares (`func f`, `type T`,
//!   `method T.M`, `var x`); a new declaration of a name replaces the old one in place,
//!   so a redefinition keeps the session's order.
//! - The generated program is always `package main`, then imports, then the declarations,
//!   then an empty `main`, then the input function; only the last part changes between
//!   inputs of one session state.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::ops::Range;

/// The name stack traces and diagnostics print for the session's program.
pub const FILE_NAME: &str = "repl";

/// One package-level declaration of the session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// What it declares (`func f`, `var x`); declarations with equal keys replace each other.
    pub key: String,
    /// Its source text.
    pub text: String,
}

/// The imports and declarations of a session.
#[derive(Clone, Debug, Default)]
pub struct SessionSource {
    imports: BTreeSet<String>,
    items: Vec<Item>,
    inputs: u32,
}

/// A generated program and where the parts that came from the current input are.
#[derive(Clone, Debug)]
pub struct Spelled {
    /// The whole program.
    pub text: String,
    /// Where the current input's text was placed, with the input offset it starts at:
    /// `(range in text, offset in the input)`.
    pub input_parts: Vec<(Range<usize>, usize)>,
    /// The input function's name (`__input3`), when there is one.
    pub entry: Option<String>,
}

impl SessionSource {
    /// The import paths, sorted.
    pub fn imports(&self) -> impl Iterator<Item = &str> {
        self.imports.iter().map(String::as_str)
    }

    /// The declarations in order.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// Adds an import path; false if it was there.
    pub fn add_import(&mut self, path: &str) -> bool {
        self.imports.insert(path.to_string())
    }

    /// Adds `item`, replacing a declaration with the same key in place.
    pub fn put(&mut self, item: Item) {
        match self.items.iter_mut().find(|it| it.key == item.key) {
            Some(old) => *old = item,
            None => self.items.push(item),
        }
    }

    /// A fresh name for an input function.
    pub fn next_input_name(&mut self) -> String {
        self.inputs += 1;
        format!("__input{}", self.inputs)
    }

    /// Spells the session with `extra` declarations (from the current input, placed as
    /// they replace or follow the session's) and, when given, an input function with `body`.
    /// Each extra item's text and the body carry their offsets in the input.
    pub fn spell(&self, extra: &[(Item, usize)], body: Option<(&str, &str, usize)>) -> Spelled {
        let mut text = String::from("package main\n\n");
        for path in &self.imports {
            let _ = writeln!(text, "import {path:?}");
        }
        text.push('\n');
        let mut input_parts = Vec::new();
        let mut placed = vec![false; extra.len()];
        for item in &self.items {
            match extra.iter().position(|(e, _)| e.key == item.key) {
                Some(i) => {
                    push_part(&mut text, &extra[i].0.text, extra[i].1, &mut input_parts);
                    placed[i] = true;
                }
                None => {
                    text.push_str(&item.text);
                    text.push('\n');
                }
            }
        }
        for ((item, at), done) in extra.iter().zip(&placed) {
            if !done {
                push_part(&mut text, &item.text, *at, &mut input_parts);
            }
        }
        text.push_str("func main() {}\n");
        let entry = body.map(|(name, body, at)| {
            let _ = writeln!(text, "func {name}() {{");
            push_part(&mut text, body, at, &mut input_parts);
            text.push_str("}\n");
            name.to_string()
        });
        Spelled {
            text,
            input_parts,
            entry,
        }
    }
}

fn push_part(text: &mut String, part: &str, at: usize, parts: &mut Vec<(Range<usize>, usize)>) {
    let start = text.len();
    text.push_str(part);
    parts.push((start..text.len(), at));
    text.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(key: &str, text: &str) -> Item {
        Item {
            key: key.into(),
            text: text.into(),
        }
    }

    #[test]
    fn a_redefinition_replaces_in_place() {
        let mut s = SessionSource::default();
        s.put(item("func f", "func f() {}"));
        s.put(item("type T", "type T int"));
        s.put(item("func f", "func f() int { return 1 }"));
        let keys: Vec<&str> = s.items().iter().map(|i| i.text.as_str()).collect();
        assert_eq!(keys, ["func f() int { return 1 }", "type T int"]);
    }

    #[test]
    fn the_input_body_is_located_in_the_spelled_program() {
        let mut s = SessionSource::default();
        s.add_import("fmt");
        let name = s.next_input_name();
        let spelled = s.spell(&[], Some((&name, "x = 1", 0)));
        assert!(spelled.text.starts_with("package main\n\nimport \"fmt\"\n"));
        let (range, at) = spelled.input_parts[0].clone();
        assert_eq!((&spelled.text[range], at), ("x = 1", 0));
        assert_eq!(spelled.entry.as_deref(), Some("__input1"));
    }
}
