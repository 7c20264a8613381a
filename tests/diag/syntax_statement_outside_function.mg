x := 1

func main() {}
