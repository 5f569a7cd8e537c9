// Package orgconnection is the conduit_org_connection resource and the
// conduit_org_connections data source (Auth0 organization connections).
package orgconnection

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

var (
	_ resource.Resource                   = &orgConnectionResource{}
	_ resource.ResourceWithImportState    = &orgConnectionResource{}
	_ resource.ResourceWithValidateConfig = &orgConnectionResource{}
	_ resource.ResourceWithModifyPlan     = &orgConnectionResource{}
)

// NewResource is the conduit_org_connection factory.
func NewResource() resource.Resource {
	return &orgConnectionResource{base.NewResourceBase[*auth0.API](&auth0.Service, "_org_connection", resourceSchema)}
}

type orgConnectionResource struct {
	base.ResourceBase[*auth0.API]
}

// signupRule is the API's rule that organization signup needs automatic
// membership (API-NOTES; Auth0 answers 400 otherwise).
const signupRule = "Auth0 allows organization signup (is_signup_enabled = true) only on a connection whose users " +
	"are made members when they log in (assign_membership_on_login = true)."

// ValidateConfig checks the signup rule on the configuration. An unset
// assign_membership_on_login counts as false, the API's default: the
// configuration must say true for signup to be valid whatever the pair held.
func (r *orgConnectionResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	signup := base.ReadBool(ctx, req.Config.Raw, req.Config.GetAttribute, &resp.Diagnostics, "is_signup_enabled")
	assign := base.ReadBool(ctx, req.Config.Raw, req.Config.GetAttribute, &resp.Diagnostics, "assign_membership_on_login")
	if signup.IsUnknown() || assign.IsUnknown() || !signup.ValueBool() || assign.ValueBool() {
		return
	}
	got := "is false"
	if assign.IsNull() {
		got = "is not set (Auth0's default is false)"
	}
	resp.Diagnostics.AddAttributeError(path.Root("is_signup_enabled"), "Invalid is_signup_enabled",
		fmt.Sprintf("is_signup_enabled can be true only when assign_membership_on_login is true; here assign_membership_on_login %s. %s "+
			"Set assign_membership_on_login = true, or is_signup_enabled = false.", got, signupRule))
}

// ModifyPlan checks the signup rule on the planned pair: a configuration
// that turns automatic membership off and leaves is_signup_enabled out
// keeps the pair's signup, and a PATCH of that pair would be refused.
func (r *orgConnectionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.ResourceBase.ModifyPlan(ctx, req, resp)
	if resp.Diagnostics.HasError() || req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return
	}
	signup := base.ReadBool(ctx, resp.Plan.Raw, resp.Plan.GetAttribute, &resp.Diagnostics, "is_signup_enabled")
	assign := base.ReadBool(ctx, resp.Plan.Raw, resp.Plan.GetAttribute, &resp.Diagnostics, "assign_membership_on_login")
	if signup.IsUnknown() || assign.IsUnknown() || assign.IsNull() || !signup.ValueBool() || assign.ValueBool() {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("assign_membership_on_login"), "Invalid assign_membership_on_login",
		"assign_membership_on_login = false needs is_signup_enabled = false: this organization connection has signup enabled, "+
			"and the configuration leaves is_signup_enabled out, which keeps it. "+signupRule+" Set is_signup_enabled = false too.")
}

func (r *orgConnectionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan model
	resp.Diagnostics.Append(base.Get(ctx, req.Plan, &plan)...)
	api := r.API(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	org, con := plan.OrganizationID.ValueString(), plan.ConnectionID.ValueString()
	id := composeID(org, con)
	got, err := api.Add(ctx, org, con, plan.settings())
	adopted := false
	if client.IsOutcomeUnknown(err) {
		got, adopted, err = recoverCreate(ctx, api, org, con, plan, err)
	}
	if base.IsUnresolvedCreate(err) {
		// The pair may exist: keep it in state (tainted) so the next
		// refresh reads it or drops it, rather than orphaning it.
		resp.Diagnostics.Append(base.KeepPlanned(ctx, req.Plan, &resp.State, map[string]string{"id": id})...)
	}
	if err != nil {
		base.AddCreateError(&resp.Diagnostics, "organization connection "+id, err, id)
		return
	}
	if adopted {
		base.WarnAdopted(&resp.Diagnostics, "organization connection", id)
	}
	plan.fromAPI(org, got)
	resp.Diagnostics.Append(base.Set(ctx, &resp.State, &plan)...)
	resp.Diagnostics.Append(identity.Set(ctx, resp.State, resp.Identity)...)
}

// recoverCreate settles a POST whose answer was lost: the pair is looked up
// and adopted when it holds the configured settings (the POST went through),
// or added again when it is not there. A pair that holds other settings was
// not made by this POST and is reported as existing, with its import id.
func recoverCreate(ctx context.Context, api *auth0.API, org, con string, plan model, cause error) (*auth0.OrganizationConnection, bool, error) {
	id := composeID(org, con)
	return base.LostCreate[*auth0.OrganizationConnection]{
		What: "organization connection " + id,
		Lookup: func() (*auth0.OrganizationConnection, bool, error) {
			got, err := api.Get(ctx, org, con)
			switch {
			case client.IsNotFound(err):
				return nil, false, nil
			case err != nil:
				return nil, false, err
			case !plan.heldBy(got):
				return nil, false, base.NotAdopted("Organization connection %s exists with other settings than configured, so it was not made by this apply.\n%s",
					id, base.ImportHint(id))
			}
			return got, true, nil
		},
		Create: func() (*auth0.OrganizationConnection, error) { return api.Add(ctx, org, con, plan.settings()) },
	}.Recover(ctx, cause)
}

func (r *orgConnectionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state model
	resp.Diagnostics.Append(base.Get(ctx, req.State, &state)...)
	// The pair never changes, and setting it before the GET covers a 404 too.
	resp.Diagnostics.Append(identity.Set(ctx, req.State, resp.Identity)...)
	api := r.API(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	org := state.OrganizationID.ValueString()
	got, err := reads.Read(ctx, &r.Base, api, org, state.ConnectionID.ValueString())
	if base.ReadOrRemove(ctx, err, &resp.State, &resp.Diagnostics, "read organization connection "+state.ID.ValueString()) {
		return
	}
	state.fromAPI(org, got)
	resp.Diagnostics.Append(base.Set(ctx, &resp.State, &state)...)
}

func (r *orgConnectionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state model
	resp.Diagnostics.Append(base.Get(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(base.Get(ctx, req.State, &state)...)
	api := r.API(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	org, con := plan.OrganizationID.ValueString(), plan.ConnectionID.ValueString()
	s := plan.settings()
	s.ClearName = plan.OrganizationConnectionName.IsNull() && !state.OrganizationConnectionName.IsNull()
	// The PATCH carries every configured setting, so re-sending it converges.
	got, err := base.ResendIfLost(ctx, "update organization connection", func() (*auth0.OrganizationConnection, error) {
		return api.Update(ctx, org, con, s)
	})
	if err != nil {
		base.AddError(&resp.Diagnostics, "update organization connection "+composeID(org, con), err)
		return
	}
	plan.fromAPI(org, got)
	resp.Diagnostics.Append(base.Set(ctx, &resp.State, &plan)...)
	resp.Diagnostics.Append(identity.Set(ctx, resp.State, resp.Identity)...)
}

func (r *orgConnectionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state model
	resp.Diagnostics.Append(base.Get(ctx, req.State, &state)...)
	api := r.API(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	org, con := state.OrganizationID.ValueString(), state.ConnectionID.ValueString()
	err := base.DeleteConfirmed(ctx, "disable organization connection",
		func() error { return api.Delete(ctx, org, con) },
		func() error { _, err := api.Get(ctx, org, con); return err })
	if err != nil {
		base.AddError(&resp.Diagnostics, "disable connection "+con+" on organization "+org, err)
	}
}

// ImportState accepts `org:con` and the auth0 provider's `org::con`, or an
// import block's identity.
func (r *orgConnectionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	identity.ImportState(ctx, req, resp, nil, func() {
		base.ImportParts(ctx, req, resp, importFormat, importSeparators, "organization_id", "connection_id")
	})
	if resp.Diagnostics.HasError() {
		return
	}
	for _, id := range idRules {
		var v types.String
		resp.Diagnostics.Append(resp.State.GetAttribute(ctx, path.Root(id.attr), &v)...)
		if msg := id.rule.problem(id.attr, v.ValueString()); msg != "" {
			resp.Diagnostics.AddAttributeError(path.Root(id.attr), "Invalid "+id.attr, msg)
		}
	}
}

const importFormat = "<organization_id>:<connection_id> or <organization_id>::<connection_id> " +
	"(two ids, neither empty, without a colon in them or spaces around them)"

var importSeparators = []string{"::", ":"}

func parseImportID(id string) ([]string, error) {
	return base.ParseID(id, 2, importFormat, importSeparators...)
}
