func one() int { return 1 }

func main() {
	a, b := one()
	println(a, b)
}
