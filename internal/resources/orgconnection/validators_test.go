package orgconnection

import (
	"strings"
	"testing"
)

// TestTextRuleCountsCharacters: 50 characters pass however many bytes they
// take, 51 do not; the message gives the count in characters.
func TestTextRuleCountsCharacters(t *testing.T) {
	for _, c := range []struct{ value, want string }{
		{strings.Repeat("é", 50), ""},
		{strings.Repeat("名", 50), ""},
		{strings.Repeat("é", 51), "organization_connection_name must be a name of 1 to 50 characters; it has 51."},
		{"a\x00b", `organization_connection_name must not contain the NUL character (\u0000).`},
	} {
		if got := nameRule.problem("organization_connection_name", c.value); got != c.want {
			t.Errorf("%q: got %q, want %q", c.value, got, c.want)
		}
	}
}
