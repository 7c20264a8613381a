func main() {
	break
}
