func pair() (int, string) {
	return 1
}

func main() {
	a, b := pair()
	println(a, b)
}
