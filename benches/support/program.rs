//! The generated program the front-end benchmarks and the `frontend_timing` example
//! measure: blocks of about 50 lines mixing the constructs real Go code is made of (types
//! with methods, loops, closures, maps, slices, switches, fmt calls), so that every phase
//! does representative work. It owns only the text; timing is the includer's business.
//!
//! Invariant: the program type-checks, and every block's names are unique, so it grows to
//! any size without redeclarations.

/// One block of about 50 lines; `i` makes every name unique.
fn unit(i: usize, out: &mut String) {
    use std::fmt::Write;
    let _ = write!(
        out,
        r#"
type Point{i} struct {{
	X, Y int
	Name string
}}

func (p *Point{i}) Move(dx, dy int) {{
	p.X += dx
	p.Y += dy
}}

func (p Point{i}) String() string {{
	return fmt.Sprintf("%s(%d, %d)", p.Name, p.X, p.Y)
}}

func work{i}(n int, names []string) (int, error) {{
	total := 0
	seen := make(map[string]int)
	for j := 0; j < n; j++ {{
		if j%3 == 0 {{
			total += j * 2
		}} else if j%5 == 0 {{
			total -= j
		}} else {{
			total ^= j << 1
		}}
	}}
	for k, name := range names {{
		seen[name] = k + len(name)
	}}
	add := func(a, b int) int {{ return a + b + total }}
	switch v := add(n, 1); {{
	case v > 100:
		total = v / 2
	case v < 0:
		return 0, errors.New("negative")
	default:
		total++
	}}
	p := &Point{i}{{X: 1, Y: 2, Name: "p"}}
	p.Move(n, total)
	xs := []int{{1, 2, 3}}
	xs = append(xs, p.X, p.Y)
	if len(xs) > 10 {{
		fmt.Println(p, seen)
	}}
	return total + xs[len(xs)-1], nil
}}
"#
    );
}

/// A complete program of at least `lines` lines.
pub fn program(lines: usize) -> String {
    let mut src = String::from("package main\n\nimport (\n\t\"errors\"\n\t\"fmt\"\n)\n");
    let mut i = 0;
    while src.lines().count() < lines {
        for _ in 0..100 {
            unit(i, &mut src);
            i += 1;
        }
    }
    src.push_str(
        "\nfunc main() {\n\tn, err := work0(10, []string{\"a\"})\n\tfmt.Println(n, err)\n}\n",
    );
    src
}
