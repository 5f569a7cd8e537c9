package tiledbcredential

import (
	"strings"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

// parseImportID parses as ImportState does.
func parseImportID(id, defaultNamespace string) (string, string, error) {
	scope, _ := base.ScopeOf(&tiledb.Service)
	parts, err := scope.ParseImportID(id, defaultNamespace, importID)
	if err != nil {
		return "", "", err
	}
	return parts[0], parts[1], nil
}

const importFormat = "<namespace>/<name>, or <name> with the provider's tiledb.namespace"

// FuzzParseImportID: an accepted import id names one namespace and one
// credential, usable in the `<namespace>/<name>` id and a URL path segment.
func FuzzParseImportID(f *testing.F) {
	for _, s := range []string{"conduit-sandbox/aws-key", "aws-key", "/x", "ns/", "a/b/c", "", " x", "na\tme", "ns/na%2Fme"} {
		f.Add(s, "conduit-sandbox")
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, id, defaultNamespace string) {
		ns, name, err := parseImportID(id, defaultNamespace)
		if err != nil {
			if !strings.Contains(err.Error(), importFormat) {
				t.Fatalf("%q: the error does not show the format: %v", id, err)
			}
			return
		}
		if ns == "" || name == "" || strings.Contains(name, "/") {
			t.Fatalf("%q: namespace %q, name %q", id, ns, name)
		}
		if strings.Contains(id, "/") {
			if ns+"/"+name != id {
				t.Fatalf("%q: %q and %q are not the import id", id, ns, name)
			}
		} else if ns != defaultNamespace || name != id || !namePattern.MatchString(name) {
			t.Fatalf("%q (default %q): namespace %q, name %q", id, defaultNamespace, ns, name)
		}
	})
}
