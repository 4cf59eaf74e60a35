package foo

func main() {}
