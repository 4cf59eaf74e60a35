// unsupported: encoding/json
// Unsupported: package encoding/json (reflection-based encoding).
package main

import (
	"encoding/json"
	"fmt"
)

type Event struct {
	ID   int      `json:"id"`
	Tags []string `json:"tags,omitempty"`
}

func main() {
	b, err := json.Marshal(Event{ID: 1, Tags: []string{"go"}})
	fmt.Println(string(b), err)
	var e Event
	err = json.Unmarshal([]byte(`{"id":2}`), &e)
	fmt.Printf("%+v %v\n", e, err)
}
