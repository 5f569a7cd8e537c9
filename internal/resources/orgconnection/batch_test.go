package orgconnection_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
)

// TestAccOrgConnection_refreshAtScale: reads of many pairs of an
// organization are answered from one list of it (acctest.RunRefresh).
func TestAccOrgConnection_refreshAtScale(t *testing.T) {
	acctest.RequireSandbox(t, "request counts and faults need the sandbox")
	t.Parallel()
	sb := acctest.StartSandbox(t)
	api := sb.Auth0API(t)
	// Tenant connections, each enabled once per organization.
	for i := range 300 {
		sb.Auth0().AddConnection(refreshConnection(i), fmt.Sprintf("refresh-%03d", i), "auth0")
	}
	kind := acctest.RefreshKind{
		Type: "conduit_org_connection", Vendor: "auth0",
		GetRoute: routeGet, ListRoute: routeList, PageSize: 100,
		Add: func(t *testing.T, org string, n int) []acctest.RefreshObject {
			out := make([]acctest.RefreshObject, n)
			show := true
			for i := range out {
				con := refreshConnection(i)
				if _, err := api.Add(context.Background(), org, con, auth0.Settings{ShowAsButton: &show}); err != nil {
					t.Fatal(err)
				}
				out[i] = acctest.RefreshObject{Key: org + "/" + con, ImportID: org + ":" + con,
					Config: fmt.Sprintf("  organization_id = %q\n  connection_id   = %q\n  show_as_button  = true", org, con)}
			}
			return out
		},
		Edit:       `{"show_as_button": false}`,
		ListPath:   func(org string) string { return "/api/v2/organizations/" + org + "/connections" },
		SecondPage: map[string]string{"page": "1"},
	}
	for i := range kind.Scopes {
		kind.Scopes[i] = fmt.Sprintf("org_refresh%09d", i)
		sb.Auth0().AddOrganization(kind.Scopes[i])
	}
	acctest.RunRefresh(t, sb, kind)
}

func refreshConnection(i int) string { return fmt.Sprintf("con_rfsh%012d", i) }
