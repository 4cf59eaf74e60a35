// Language: maps; comma-ok lookups, delete, clear, sorted iteration, and fmt's sorted printing.
package main

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
)

func main() {
	text := "the quick brown fox jumps over the lazy dog the end"
	freq := map[string]int{}
	for _, w := range strings.Fields(text) {
		freq[w]++
	}
	fmt.Println(freq) // fmt sorts map keys
	if n, ok := freq["the"]; ok {
		fmt.Println("the:", n)
	}
	_, ok := freq["cat"]
	fmt.Println("cat present:", ok, "zero value:", freq["cat"])
	delete(freq, "the")
	delete(freq, "nothing") // deleting a missing key is a no-op

	keys := make([]string, 0, len(freq))
	for k := range freq {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if len(keys[i]) != len(keys[j]) {
			return len(keys[i]) > len(keys[j])
		}
		return keys[i] < keys[j]
	})
	fmt.Println(keys)
	fmt.Println(slices.Sorted(maps.Keys(map[int]bool{3: true, 1: true, 2: false})))
	clear(freq)
	fmt.Println(len(freq), freq)
	var nilMap map[string]int
	fmt.Println(nilMap["x"], len(nilMap), nilMap == nil)
}
