// unsupported: reflect
// Unsupported: package reflect.
package main

import (
	"fmt"
	"reflect"
)

type Config struct {
	Host string `env:"HOST"`
	Port int    `env:"PORT"`
}

func main() {
	t := reflect.TypeOf(Config{})
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		fmt.Println(f.Name, f.Type, f.Tag.Get("env"))
	}
	v := reflect.ValueOf(&Config{}).Elem()
	v.Field(1).SetInt(8080)
	fmt.Println(v.Interface())
}
