func main() {
	x := 2
	switch x {
	case 1:
		println("one")
	case 1:
		println("uno")
	}
}
