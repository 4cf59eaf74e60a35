// Panic: a failed type assertion (interface conversion).
package main

import "fmt"

func main() {
	values := map[string]any{"port": "8080"}
	port := values["port"].(int)
	fmt.Println(port)
}
