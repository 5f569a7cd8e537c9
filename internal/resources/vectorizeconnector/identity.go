package vectorizeconnector

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

var (
	_ resource.ResourceWithIdentity = &connectorResource{}
	_ resource.ResourceWithIdentity = &userResource{}
)

// organization is the scope of both identities: an import block may leave
// it out to use the provider's vectorize.organization_id.
var organization = base.IdentityAttr{Name: "organization_id", Scope: true,
	Description: "Vectorize organization; an import block may leave it out to use the provider's `vectorize.organization_id`."}

// identity is a connector's: the organization and the UUID the API assigned.
var identity = base.Identity{
	organization,
	{Name: "id", Description: "The source connector's UUID."},
}

// userIdentity is a connector user's. The API cannot read or list users, so
// it is all there is to know of one before an import.
var userIdentity = base.Identity{
	organization,
	{Name: "source_connector_id", Description: "The OAuth multi-user source connector's UUID."},
	{Name: "user_id", Description: "The user's id."},
}

func (r *connectorResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identity.Schema()
}

func (r *userResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = userIdentity.Schema()
}

// identityDefaults is the provider's default for the scope an import
// block's identity leaves out.
func identityDefaults(defaultOrg string) map[string]string {
	return map[string]string{organization.Name: defaultOrg}
}
