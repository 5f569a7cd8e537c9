package vectorize

import "strings"

// SupportsUsers reports whether connectors of type t have users (the OAuth
// multi-user types); only the tests need to know.
func SupportsUsers(t string) bool { return strings.Contains(t, "_OAUTH_MULTI") }
