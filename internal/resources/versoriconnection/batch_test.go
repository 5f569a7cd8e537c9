package versoriconnection_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
)

// TestAccVersoriConnection_refreshAtScale: reads of many connections of an
// organisation are answered from one list of it (acctest.RunRefresh).
func TestAccVersoriConnection_refreshAtScale(t *testing.T) {
	acctest.RequireSandbox(t, "request counts and faults need the sandbox")
	t.Parallel()
	sb := acctest.StartSandbox(t)
	api := sb.VersoriAPI(t)
	kind := acctest.RefreshKind{
		Type: "conduit_versori_connection", Vendor: "versori",
		GetRoute: routeGet, ListRoute: routeList, PageSize: 100,
		Add: func(t *testing.T, org string, n int) []acctest.RefreshObject {
			out := make([]acctest.RefreshObject, n)
			for i := range out {
				name, url := fmt.Sprintf("refresh-%03d", i), fmt.Sprintf("https://refresh.example/%d", i)
				c, err := api.Create(context.Background(), org, versori.ProtocolHTTP, versori.CreateInput{Name: name, BaseURL: url})
				if err != nil {
					t.Fatal(err)
				}
				out[i] = acctest.RefreshObject{Key: org + "/" + c.ID, ImportID: org + "/" + c.ID,
					Config: fmt.Sprintf("  organisation_id = %q\n  name            = %q\n  base_url        = %q", org, name, url)}
			}
			return out
		},
		Edit:       `{"name": "renamed out of band"}`,
		ListPath:   func(org string) string { return "/api/connect/v1alpha1/o/" + org + "/connections" },
		SecondPage: map[string]string{"after": ""},
	}
	for i := range kind.Scopes {
		// ULIDs, as organisation ids are.
		kind.Scopes[i] = fmt.Sprintf("01JDREFRESH%015d", i)
		sb.Versori().AddOrganisation(kind.Scopes[i])
	}
	acctest.RunRefresh(t, sb, kind)
}
