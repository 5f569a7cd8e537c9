package versoriconnection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

var _ resource.ResourceWithIdentity = &connectionResource{}

// identity is the organisation and the connection ULID; an import block may
// leave the organisation out to take the provider's versori.organisation_id.
var identity = base.Identity{
	{Name: "organisation_id", Description: "Organisation (ULID) owning the connection; defaults to the provider's `versori.organisation_id`.", Scope: true},
	{Name: "id", Description: "The connection ULID."},
}

func (r *connectionResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identity.Schema()
}
