package vectorizeconnector

import (
	"strings"
	"testing"
)

// FuzzParseImportID: an accepted connector import id names one organization
// and one connector, from the id or the provider's default.
func FuzzParseImportID(f *testing.F) {
	for _, s := range []string{"2d6f3b0e-4a8b/9c1e-5b8e", "9c1e-5b8e", "/c", "o/", "a/b/c", "", " c", "c ", "o//c"} {
		f.Add(s, "org-default")
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, id, defaultOrg string) {
		org, conn, err := parseImportID(id, defaultOrg)
		if err != nil {
			return
		}
		if org == "" || conn == "" || strings.Contains(conn, "/") || conn != strings.TrimSpace(conn) {
			t.Fatalf("%q (default %q): org %q, id %q", id, defaultOrg, org, conn)
		}
		if strings.Contains(id, "/") {
			if org+"/"+conn != id {
				t.Fatalf("%q: org %q and id %q are not the import id", id, org, conn)
			}
		} else if org != defaultOrg || conn != id {
			t.Fatalf("%q (default %q): org %q, id %q", id, defaultOrg, org, conn)
		}
	})
}

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
