func main() {
	s := "never closed
	println(s)
}
