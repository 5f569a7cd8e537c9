package versoriconnection

import (
	"strings"
	"testing"
)

// FuzzParseImportID: an accepted import id names one organisation and one
// connection, taken from the id or the provider's default, never invented.
func FuzzParseImportID(f *testing.F) {
	for _, s := range []string{"01JORG/01JCONN", "01JCONN", "/01JCONN", "01JORG/", "a/b/c", "", " x", "x ", "a//b"} {
		f.Add(s, "01JDEFAULT")
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
			if strings.Contains(org, "/") || org+"/"+conn != id {
				t.Fatalf("%q: org %q and id %q are not the import id", id, org, conn)
			}
		} else if org != defaultOrg || conn != id {
			t.Fatalf("%q (default %q): org %q, id %q", id, defaultOrg, org, conn)
		}
	})
}
