package orgconnection

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ resource.ResourceWithMoveState = &orgConnectionResource{}

// auth0State is the auth0 provider's auth0_organization_connection state (schema version 0).
type auth0State struct {
	ID                      string `json:"id"`
	OrganizationID          string `json:"organization_id"`
	ConnectionID            string `json:"connection_id"`
	AssignMembershipOnLogin *bool  `json:"assign_membership_on_login"`
	IsSignupEnabled         *bool  `json:"is_signup_enabled"`
	ShowAsButton            *bool  `json:"show_as_button"`
	Name                    string `json:"name"`
	Strategy                string `json:"strategy"`
}

// MoveState adopts `moved { from = auth0_organization_connection.x, to = conduit_org_connection.x }`
// (Terraform >= 1.8). Fields the auth0 resource does not manage are left null
// and filled in by the refresh that follows the move.
func (r *orgConnectionResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveFromAuth0}}
}

func moveFromAuth0(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	if req.SourceTypeName != "auth0_organization_connection" || !strings.HasSuffix(req.SourceProviderAddress, "auth0/auth0") {
		return // not ours: another mover, or Terraform's "cannot move" error
	}
	if req.SourceSchemaVersion != 0 {
		resp.Diagnostics.AddError("Unsupported auth0_organization_connection state",
			"Only schema version 0 of auth0_organization_connection can be moved; upgrade the auth0 provider's state first.")
		return
	}
	if req.SourceRawState == nil {
		resp.Diagnostics.AddError("Missing source state", "The auth0_organization_connection state is empty.")
		return
	}
	var src auth0State
	if err := json.Unmarshal(req.SourceRawState.JSON, &src); err != nil {
		resp.Diagnostics.AddError("Unreadable auth0_organization_connection state", err.Error())
		return
	}
	org, con := src.OrganizationID, src.ConnectionID
	if (org == "" || con == "") && src.ID != "" {
		if parts, err := parseImportID(src.ID); err == nil {
			org, con = parts[0], parts[1]
		}
	}
	if org == "" || con == "" {
		resp.Diagnostics.AddError("Incomplete auth0_organization_connection state",
			"The state has no organization_id and connection_id to move.")
		return
	}
	target := model{
		ID:                         types.StringValue(composeID(org, con)),
		OrganizationID:             types.StringValue(org),
		ConnectionID:               types.StringValue(con),
		OrganizationConnectionName: types.StringNull(),
		AssignMembershipOnLogin:    types.BoolPointerValue(src.AssignMembershipOnLogin),
		ShowAsButton:               types.BoolPointerValue(src.ShowAsButton),
		IsSignupEnabled:            types.BoolPointerValue(src.IsSignupEnabled),
		OrganizationAccessLevel:    types.StringNull(),
		IsEnabled:                  types.BoolNull(),
		Name:                       stringOrNull(src.Name),
		Strategy:                   stringOrNull(src.Strategy),
	}
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, &target)...)
}

func stringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}
