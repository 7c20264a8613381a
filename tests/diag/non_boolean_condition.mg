func main() {
	n := 3
	if n {
		println(n)
	}
}
