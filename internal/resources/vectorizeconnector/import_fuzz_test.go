package vectorizeconnector

import (
	"strings"
	"testing"
)

// FuzzParseUserImportID: an accepted user import id names an organization,
// a connector and a user, none empty, and rebuilds the id.
func FuzzParseUserImportID(f *testing.F) {
	for _, s := range []string{"o/c/u", "c/u", "o/c/u/x", "/c/u", "o//u", "c/", "", "u"} {
		f.Add(s, "org-default")
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, id, defaultOrg string) {
		parts, err := parseUserImportID(id, defaultOrg)
		if err != nil {
			return
		}
		if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
			t.Fatalf("%q: parts %q", id, parts)
		}
		full := id
		if strings.Count(id, "/") == 1 {
			full = defaultOrg + "/" + id
		}
		if strings.Join(parts, "/") != full {
			t.Fatalf("%q (default %q): parts %q do not rebuild the id", id, defaultOrg, parts)
		}
	})
}
