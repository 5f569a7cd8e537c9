package vectorizeconnector

import (
	"strings"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

// parseImportID and parseUserImportID parse as ImportState does.
func parseImportID(id, defaultOrg string) (string, string, error) {
	parts, err := parseScoped(id, defaultOrg, importID)
	if err != nil {
		return "", "", err
	}
	return parts[0], parts[1], nil
}

func parseUserImportID(id, defaultOrg string) ([]string, error) {
	return parseScoped(id, defaultOrg, userImportID)
}

func parseScoped(id, defaultOrg string, form base.ImportID) ([]string, error) {
	scope, _ := base.ScopeOf(&vectorize.Service)
	return scope.ParseImportID(id, defaultOrg, form)
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
