package vectorizeconnector_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
)

// TestAccVectorizeSourceConnector_refreshAtScale: reads of many connectors
// of an organization are answered from one list of it
// (acctest.RunRefresh). The sandbox answers the whole list in one page
// (FIDELITY.md), so a failing list fails on that page; the objects come in
// by import, whose read takes config whole from the API.
func TestAccVectorizeSourceConnector_refreshAtScale(t *testing.T) {
	acctest.RequireSandbox(t, "request counts and faults need the sandbox")
	t.Parallel()
	sb := acctest.StartSandbox(t)
	api := sb.VectorizeAPI(t)
	kind := acctest.RefreshKind{
		Type: "conduit_vectorize_source_connector", Vendor: "vectorize",
		GetRoute: routeGet, ListRoute: routeList,
		Add: func(t *testing.T, org string, n int) []acctest.RefreshObject {
			out := make([]acctest.RefreshObject, n)
			for i := range out {
				name, url := fmt.Sprintf("refresh-%03d", i), fmt.Sprintf("https://refresh.example/%d", i)
				ref, err := api.Create(context.Background(), org, "", vectorize.CreateRequest{Name: name, Type: "WEB_CRAWLER",
					Config: map[string]any{"seed-urls": []string{url}}})
				if err != nil {
					t.Fatal(err)
				}
				out[i] = acctest.RefreshObject{Key: org + "/" + ref.ID, ImportID: org + "/" + ref.ID,
					Config: fmt.Sprintf("  organization_id = %q\n  name            = %q\n  type            = \"WEB_CRAWLER\"\n"+
						"  config          = jsonencode({ \"seed-urls\" = [%q] })", org, name, url)}
			}
			return out
		},
		Edit:     `{"configDoc": {"seed-urls": ["https://edited.example"]}}`,
		ListPath: func(org string) string { return "/vectorize/v1/org/" + org + "/connectors/sources" },
	}
	for i := range kind.Scopes {
		kind.Scopes[i] = fmt.Sprintf("5e1f0c2a-0000-4000-8000-%012d", i)
		sb.Vectorize().AddOrganization(kind.Scopes[i])
	}
	acctest.RunRefresh(t, sb, kind)
}
