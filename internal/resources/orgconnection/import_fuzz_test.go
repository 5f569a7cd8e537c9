package orgconnection

import (
	"strings"
	"testing"
)

// FuzzParseImportID: an accepted import id gives the two ids it is made of,
// in either separator form, and the id the resource stores parses back to them.
func FuzzParseImportID(f *testing.F) {
	for _, s := range []string{"org_1:con_2", "org_1::con_2", "org_1:::con_2", ":con", "org:", "org", "", " org:con", "a:b:c", "org::con:x", "org%3A1:con"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		parts, err := parseImportID(id)
		if err != nil {
			if !strings.Contains(err.Error(), importFormat) {
				t.Fatalf("%q: the error does not show the format: %v", id, err)
			}
			return
		}
		if len(parts) != 2 || parts[0] == "" || parts[1] == "" || strings.Contains(parts[0]+parts[1], ":") {
			t.Fatalf("%q: parts %q", id, parts)
		}
		if id != parts[0]+":"+parts[1] && id != parts[0]+"::"+parts[1] {
			t.Fatalf("%q: parts %q are not the id", id, parts)
		}
		again, err := parseImportID(composeID(parts[0], parts[1]))
		if err != nil || again[0] != parts[0] || again[1] != parts[1] {
			t.Fatalf("%q: the stored id %q does not parse back: %v %v", id, composeID(parts[0], parts[1]), again, err)
		}
	})
}
