// A string literal holds bytes, not necessarily UTF-8: "\xff" is one byte. String
// constants once went through a Rust `str`, which turned the byte into U+FFFD (3 bytes).
package main

import "fmt"

func main() {
	bad := "a\xffb"
	fmt.Println(len(bad), len([]rune(bad)), bad[1])
	for _, r := range bad {
		fmt.Print(r, " ")
	}
	fmt.Println()
}
