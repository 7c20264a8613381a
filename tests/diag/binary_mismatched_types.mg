func main() {
	a := 1
	b := "x"
	println(a + b)
}
