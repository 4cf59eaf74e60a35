package main

func main() {
	go func() int {
		return 1
	}()
	func() {
		return 2
	}()
}
