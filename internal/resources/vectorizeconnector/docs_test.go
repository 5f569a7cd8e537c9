package vectorizeconnector_test

import (
	"os"
	"strings"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
)

// TestAdoptingDocsNameEverySecretKey: the resource's "Adopting with
// terraform query" section lists, for each type whose schema is known, the
// secret keys to fill in; it must follow the table the plan-time check uses.
func TestAdoptingDocsNameEverySecretKey(t *testing.T) {
	raw, err := os.ReadFile("../../../templates/resources/vectorize_source_connector.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(raw), "## Adopting with terraform query")
	section, _, _ = strings.Cut(section, "\n## ")
	if !ok {
		t.Fatal(`no section "Adopting with terraform query"`)
	}
	// Markdown wraps lines anywhere.
	section = strings.Join(strings.Fields(section), " ")
	for typ, spec := range vectorize.ConfigSpecs {
		if !strings.Contains(section, "`"+typ+"`") {
			t.Errorf("the section does not name %s", typ)
		}
		for _, k := range spec.Secret {
			if !strings.Contains(section, "`"+k+"`") {
				t.Errorf("the section does not name %s's secret key %s", typ, k)
			}
		}
	}
}
