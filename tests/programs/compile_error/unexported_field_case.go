// Compile error: a field accessed with the wrong capitalisation.
package main

import "fmt"

type User struct{ Name string }

func main() {
	u := User{"ann"}
	fmt.Println(u.name)
}
