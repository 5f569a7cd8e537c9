package orgconnection

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ resource.ResourceWithMoveState = &orgConnectionResource{}

// auth0State is the auth0 provider's auth0_organization_connection state
// (terraform-plugin-sdk, schema version 0). Older provider releases have only
// organization_id, connection_id, assign_membership_on_login,
// is_signup_enabled, show_as_button, name and strategy; newer ones add
// is_enabled, organization_connection_name and organization_access_level.
// The SDK stores unset strings as "" or null, so both read as unset here.
type auth0State struct {
	ID                         string  `json:"id"`
	OrganizationID             string  `json:"organization_id"`
	ConnectionID               string  `json:"connection_id"`
	AssignMembershipOnLogin    *bool   `json:"assign_membership_on_login"`
	IsSignupEnabled            *bool   `json:"is_signup_enabled"`
	ShowAsButton               *bool   `json:"show_as_button"`
	IsEnabled                  *bool   `json:"is_enabled"`
	OrganizationConnectionName *string `json:"organization_connection_name"`
	OrganizationAccessLevel    *string `json:"organization_access_level"`
	Name                       *string `json:"name"`
	Strategy                   *string `json:"strategy"`
}

// MoveState adopts `moved { from = auth0_organization_connection.x, to = conduit_org_connection.x }`
// (Terraform >= 1.8, OpenTofu >= 1.10). Fields the source state does not hold
// are left null and filled in by the refresh that follows the move.
func (r *orgConnectionResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveFromAuth0}}
}

// fromAuth0Provider tells whether the source is the auth0 provider. Terraform
// sends its full address (registry.terraform.io/auth0/auth0); OpenTofu 1.11.5
// sends the local name the resource type implies ("auth0"), later releases
// the full address (registry.opentofu.org/auth0/auth0).
func fromAuth0Provider(addr string) bool {
	return addr == "auth0" || addr == "auth0/auth0" || strings.HasSuffix(addr, "/auth0/auth0")
}

func moveFromAuth0(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	if req.SourceTypeName != "auth0_organization_connection" || !fromAuth0Provider(req.SourceProviderAddress) {
		return // not ours: another mover, or Terraform's "cannot move" error
	}
	if req.SourceSchemaVersion != 0 {
		resp.Diagnostics.AddError("Unsupported auth0_organization_connection state",
			"Only schema version 0 of auth0_organization_connection can be moved; upgrade the auth0 provider's state first.")
		return
	}
	if req.SourceRawState == nil || len(req.SourceRawState.JSON) == 0 {
		resp.Diagnostics.AddError("Missing source state",
			"The auth0_organization_connection state is empty or in the pre-0.12 flatmap format; "+
				"remove it from state and import conduit_org_connection instead.")
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
	level := stringOrNull(src.OrganizationAccessLevel)
	if !level.IsNull() && !slices.Contains(accessLevels, level.ValueString()) {
		level = types.StringNull() // a value this schema rejects: the refresh reads the API's
	}
	target := model{
		ID:                         types.StringValue(composeID(org, con)),
		OrganizationID:             types.StringValue(org),
		ConnectionID:               types.StringValue(con),
		OrganizationConnectionName: stringOrNull(src.OrganizationConnectionName),
		AssignMembershipOnLogin:    types.BoolPointerValue(src.AssignMembershipOnLogin),
		ShowAsButton:               types.BoolPointerValue(src.ShowAsButton),
		IsSignupEnabled:            types.BoolPointerValue(src.IsSignupEnabled),
		OrganizationAccessLevel:    level,
		IsEnabled:                  types.BoolPointerValue(src.IsEnabled),
		Name:                       stringOrNull(src.Name),
		Strategy:                   stringOrNull(src.Strategy),
	}
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, &target)...)
}

func stringOrNull(s *string) types.String {
	if s == nil || *s == "" {
		return types.StringNull()
	}
	return types.StringValue(*s)
}
