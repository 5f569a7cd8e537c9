package orgconnection

import (
	"context"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

// reads answers a refresh of many pairs of one organization from one list
// of it (base.Reads). The list's items are the GET's object (same fields,
// same omissions: FIDELITY.md, Auth0 list), and Read maps both with fromAPI.
var reads = base.Reads[*auth0.API, auth0.OrganizationConnection]{
	Get: (*auth0.API).Get,
	// No is_enabled filter, so that disabled pairs are listed too; 100 is
	// the API's largest per_page.
	List: func(api *auth0.API, ctx context.Context, org string) ([]auth0.OrganizationConnection, error) {
		return api.List(ctx, org, auth0.ListOptions{PerPage: 100})
	},
	Key: func(c auth0.OrganizationConnection) string { return c.ConnectionID },
}
