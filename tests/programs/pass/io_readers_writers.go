// Library: io.ReadAll, io.WriteString, io.Discard, bytes.Buffer as a Reader, os.Stdout/os.Stderr as io.Writers, os.Stdin at EOF.
package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

func main() {
	var b bytes.Buffer
	b.WriteString("hello, world")
	p := make([]byte, 5)
	n, err := b.Read(p)
	fmt.Println(n, err, string(p[:n]), b.Len(), b.String())
	rest, err := io.ReadAll(&b)
	fmt.Printf("%q %v %d\n", rest, err, b.Len())
	n, err = b.Read(p)
	fmt.Println(n, err)
	all, err := io.ReadAll(bytes.NewBufferString(string(make([]byte, 1500))))
	fmt.Println(len(all), err)

	n, err = fmt.Fprintf(io.Discard, "%d items", 42)
	fmt.Println(n, err)

	var w io.Writer = os.Stderr
	fmt.Fprintf(w, "to stderr %d\n", 7)
	n, err = io.WriteString(os.Stdout, "via io.WriteString\n")
	fmt.Println(n, err)

	n, err = os.Stdin.Read(p)
	fmt.Println("stdin:", n, err)
	_, err = os.Stdin.Write([]byte("x"))
	fmt.Println(err)
	os.Stdin.Close()
	_, err = os.Stdin.Read(p)
	fmt.Println(err, "|", os.Stdin.Close())
}
