// hello.mg: the first minigo program. The `package main` clause may be omitted in .mg files.
import "fmt"

func main() {
	fmt.Println("hello, 世界")
}
