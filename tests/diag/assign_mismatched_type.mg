func main() {
	var n int = 1
	n = "two"
	println(n)
}
