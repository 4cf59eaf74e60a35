// Library: bufio.Scanner (lines, words, runes, bytes, a custom split, a token too long),
// bufio.Reader and bufio.Writer (buffering against direct prints), io.Copy, io.ReadFull.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	sc := bufio.NewScanner(strings.NewReader("one\r\ntwo\n\nthree"))
	for sc.Scan() {
		fmt.Printf("%q ", sc.Text())
	}
	fmt.Println(sc.Err())

	sc = bufio.NewScanner(bytes.NewBuffer([]byte{'h', 0xff, 0xc3, 0xa9, '!'}))
	sc.Split(bufio.ScanRunes)
	for sc.Scan() {
		fmt.Printf("%q ", sc.Text())
	}
	fmt.Println()

	sc = bufio.NewScanner(strings.NewReader("ab"))
	sc.Split(bufio.ScanBytes)
	for sc.Scan() {
		fmt.Print(sc.Bytes(), " ")
	}
	fmt.Println()

	// A custom split: comma-separated fields.
	sc = bufio.NewScanner(strings.NewReader("a,bb,,ccc"))
	sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
		if i := bytes.IndexByte(data, ','); i >= 0 {
			return i + 1, data[:i], nil
		}
		if atEOF && len(data) > 0 {
			return len(data), data, bufio.ErrFinalToken
		}
		return 0, nil, nil
	})
	for sc.Scan() {
		fmt.Printf("[%s]", sc.Text())
	}
	fmt.Println(sc.Err())

	long := strings.Repeat("x", 70000) + "\nshort\n"
	sc = bufio.NewScanner(strings.NewReader(long))
	n := 0
	for sc.Scan() {
		n++
	}
	fmt.Println(n, sc.Err(), errors.Is(sc.Err(), bufio.ErrTooLong))

	sc = bufio.NewScanner(strings.NewReader(long))
	sc.Buffer(make([]byte, 100), 100000)
	for sc.Scan() {
		fmt.Print(len(sc.Text()), " ")
	}
	fmt.Println(sc.Err())

	r := bufio.NewReader(strings.NewReader("héllo\nworld"))
	c, _ := r.ReadByte()
	r.UnreadByte()
	ru, size, _ := r.ReadRune()
	ru2, size2, _ := r.ReadRune()
	line, err := r.ReadString('\n')
	rest, err2 := r.ReadBytes('\n')
	fmt.Printf("%c %c %d %c %d %q %v %q %v\n", c, ru, size, ru2, size2, line, err, rest, err2)

	w := bufio.NewWriterSize(os.Stdout, 16)
	fmt.Fprint(w, "buffered-1 ")
	fmt.Println("direct-1")
	fmt.Fprint(w, "buffered-2 spills over ")
	fmt.Println("direct-2")
	fmt.Println(w.Buffered(), w.Available())
	w.Flush()
	fmt.Println()

	var sb strings.Builder
	copied, err := io.Copy(&sb, strings.NewReader(strings.Repeat("ab", 20000)))
	fmt.Println(copied, err, sb.Len())

	buf := make([]byte, 4)
	k, err := io.ReadFull(strings.NewReader("abc"), buf)
	fmt.Println(k, err)
	k, err = io.ReadFull(strings.NewReader(""), buf)
	fmt.Println(k, err)
}
