package main

import (
	"encoding/json"
	"fmt"
)

func main() {
	b, _ := json.Marshal(1)
	fmt.Println(string(b))
}
