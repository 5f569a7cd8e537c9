package orgconnection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

var _ resource.ResourceWithIdentity = &orgConnectionResource{}

// identity is the pair: Auth0 has no default organization for the provider
// to fall back to, so both attributes are required for import.
var identity = base.Identity{
	{Name: "organization_id", Description: "Organization identifier (`org_…`)."},
	{Name: "connection_id", Description: "Connection identifier (`con_…`)."},
}

func (r *orgConnectionResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identity.Schema()
}
