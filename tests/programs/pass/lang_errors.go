// Language: errors.New, fmt.Errorf with %w, errors.Is, errors.As, errors.Unwrap and errors.Join.
package main

import (
	"errors"
	"fmt"
	"io/fs"
)

var ErrNotFound = errors.New("not found")

type ValidationError struct {
	Field string
}

func (e *ValidationError) Error() string { return "invalid " + e.Field }

func find(id int) error {
	if id < 0 {
		return &ValidationError{Field: "id"}
	}
	return fmt.Errorf("find %d: %w", id, ErrNotFound)
}

func main() {
	err := find(7)
	fmt.Println(err)
	fmt.Println(errors.Is(err, ErrNotFound), errors.Unwrap(err) == ErrNotFound)

	err = fmt.Errorf("handler: %w", find(-1))
	var ve *ValidationError
	if errors.As(err, &ve) {
		fmt.Println("field:", ve.Field, "|", err)
	}
	fmt.Println(errors.Is(err, ErrNotFound), errors.Is(err, fs.ErrNotExist))

	joined := errors.Join(ErrNotFound, nil, errors.New("timeout"))
	fmt.Println(joined)
	fmt.Println(errors.Is(joined, ErrNotFound), errors.Join(nil, nil) == nil)
	fmt.Printf("%v|%q\n", fmt.Errorf("code %d", 404), errors.New("quoted"))
	two := fmt.Errorf("%w and %w", ErrNotFound, fs.ErrPermission)
	fmt.Println(two, errors.Is(two, fs.ErrPermission), errors.Unwrap(two))
}
