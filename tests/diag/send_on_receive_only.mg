func consume(ch <-chan int) {
	ch <- 0
}

func main() {
	consume(make(chan int))
}
