package main

func helper() {}

// gc: the linker reports this without a position (runtime.main_main·f: ...).
