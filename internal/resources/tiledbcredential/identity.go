package tiledbcredential

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

var _ resource.ResourceWithIdentity = &credentialResource{}

// identity is the credential's path: the name is unique in its namespace
// and neither changes without a replacement. An import block may leave the
// namespace out for the provider's tiledb.namespace.
var identity = base.Identity{
	{Name: "namespace", Description: "TileDB namespace (user or organization); defaults to the provider's `tiledb.namespace`.", Scope: true},
	{Name: "name", Description: "Credential name, unique in the namespace."},
}

func (r *credentialResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identity.Schema()
}

// ImportState takes `<namespace>/<name>`, a bare name in the provider's
// namespace, or an import block's identity. Secrets are not readable: see
// the resource description.
func (r *credentialResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	identity.ImportState(ctx, req, resp, map[string]string{"namespace": r.DefaultScope()}, func() {
		r.ImportScoped(ctx, req, resp, importID)
	})
	if resp.Diagnostics.HasError() || req.ID != "" {
		return
	}
	// An identity's parts are path segments, as the import id's are.
	for _, a := range identity {
		var v types.String
		resp.Diagnostics.Append(resp.State.GetAttribute(ctx, path.Root(a.Name), &v)...)
		if !namePattern.MatchString(v.ValueString()) {
			resp.Diagnostics.AddAttributeError(path.Root(a.Name), "Invalid identity."+a.Name,
				fmt.Sprintf("identity.%s %s (got %q).", a.Name, pathSegment.desc, v.ValueString()))
		}
	}
}
