package vectorizeconnector

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

var (
	_ resource.Resource                = &userResource{}
	_ resource.ResourceWithImportState = &userResource{}
)

// NewUserResource is the conduit_vectorize_source_connector_user factory.
func NewUserResource() resource.Resource {
	return &userResource{base.NewResourceBase[*vectorize.API](&vectorize.Service, "_vectorize_source_connector_user", userSchema)}
}

type userResource struct {
	base.ResourceBase[*vectorize.API]
}

func (r *userResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan userModel
	resp.Diagnostics.Append(base.Get(ctx, req.Plan, &plan)...)
	api := r.API(&resp.Diagnostics)
	u := plan.user(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	org, sc := plan.OrganizationID.ValueString(), plan.SourceConnectorID.ValueString()
	err := api.AddUser(ctx, org, sc, u)
	if client.IsOutcomeUnknown(err) {
		// No read exists: a PATCH tells whether the user is there (then it holds
		// the desired values), a 404 that the POST was not applied.
		tflog.Warn(ctx, "add user outcome unknown, checking with an update", map[string]any{"user_id": u.UserID, "cause": err.Error()})
		if err = api.UpdateUser(ctx, org, sc, u); client.IsNotFound(err) {
			err = api.AddUser(ctx, org, sc, u)
		}
	}
	if err != nil {
		base.AddError(&resp.Diagnostics, fmt.Sprintf("add user %s to source connector %s", u.UserID, sc), err)
		return
	}
	plan.settle()
	resp.Diagnostics.Append(base.Set(ctx, &resp.State, &plan)...)
	resp.Diagnostics.Append(userIdentity.Set(ctx, resp.State, resp.Identity)...)
}

// Read can only check that the connector still exists: the API has no read for users.
func (r *userResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state userModel
	resp.Diagnostics.Append(base.Get(ctx, req.State, &state)...)
	// The ids are all the identity and never change; set before the GET,
	// it is there when a 404 removes the user with its connector.
	resp.Diagnostics.Append(userIdentity.Set(ctx, req.State, resp.Identity)...)
	api := r.API(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	sc := state.SourceConnectorID.ValueString()
	_, err := api.Get(ctx, state.OrganizationID.ValueString(), sc)
	if base.ReadOrRemove(ctx, err, &resp.State, &resp.Diagnostics, "read source connector "+sc+" of user "+state.UserID.ValueString()) {
		return
	}
	state.settle()
	resp.Diagnostics.Append(base.Set(ctx, &resp.State, &state)...)
}

func (r *userResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan userModel
	resp.Diagnostics.Append(base.Get(ctx, req.Plan, &plan)...)
	api := r.API(&resp.Diagnostics)
	u := plan.user(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	org, sc := plan.OrganizationID.ValueString(), plan.SourceConnectorID.ValueString()
	_, err := base.ResendIfLost(ctx, "update source connector user", func() (struct{}, error) {
		return struct{}{}, api.UpdateUser(ctx, org, sc, u)
	})
	if err != nil {
		base.AddError(&resp.Diagnostics, fmt.Sprintf("update user %s of source connector %s", u.UserID, sc), err)
		return
	}
	plan.settle()
	resp.Diagnostics.Append(base.Set(ctx, &resp.State, &plan)...)
	resp.Diagnostics.Append(userIdentity.Set(ctx, resp.State, resp.Identity)...)
}

func (r *userResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state userModel
	resp.Diagnostics.Append(base.Get(ctx, req.State, &state)...)
	api := r.API(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	org, sc, uid := state.OrganizationID.ValueString(), state.SourceConnectorID.ValueString(), state.UserID.ValueString()
	err := api.RemoveUser(ctx, org, sc, uid)
	if client.IsOutcomeUnknown(err) {
		// A second DELETE answers 404 (success) if the first one went through.
		err = api.RemoveUser(ctx, org, sc, uid)
	}
	if err != nil {
		base.AddError(&resp.Diagnostics, fmt.Sprintf("remove user %s from source connector %s", uid, sc), err)
	}
}

// userImportID is `<organization_id>/<source_connector_id>/<user_id>`, or
// the last two in the provider's default organization.
var userImportID = base.ImportID{Attrs: []string{"source_connector_id", "user_id"},
	Format: "<organization_id>/<source_connector_id>/<user_id>, or <source_connector_id>/<user_id> with the provider's vectorize.organization_id"}

// ImportState records the ids, from the import id or an import block's
// identity (the same state either way); selected files and tokens cannot be
// read back.
func (r *userResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	userIdentity.ImportState(ctx, req, resp, identityDefaults(r.DefaultScope()), func() { r.ImportScoped(ctx, req, resp, userImportID) })
}
