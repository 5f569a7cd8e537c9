package tiledb

// Host is host, for the external tests.
var Host = host
