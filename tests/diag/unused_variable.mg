func main() {
	x := 10
	y := 20
	println(x)
}
