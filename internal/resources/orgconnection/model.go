package orgconnection

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
)

type model struct {
	ID                         types.String `tfsdk:"id"`
	OrganizationID             types.String `tfsdk:"organization_id"`
	ConnectionID               types.String `tfsdk:"connection_id"`
	OrganizationConnectionName types.String `tfsdk:"organization_connection_name"`
	AssignMembershipOnLogin    types.Bool   `tfsdk:"assign_membership_on_login"`
	ShowAsButton               types.Bool   `tfsdk:"show_as_button"`
	IsSignupEnabled            types.Bool   `tfsdk:"is_signup_enabled"`
	OrganizationAccessLevel    types.String `tfsdk:"organization_access_level"`
	IsEnabled                  types.Bool   `tfsdk:"is_enabled"`
	Name                       types.String `tfsdk:"name"`
	Strategy                   types.String `tfsdk:"strategy"`
}

func composeID(orgID, connectionID string) string { return orgID + ":" + connectionID }

// settings are the writable fields the configuration sets; values Terraform
// does not know yet (computed, not configured) are left out of the body.
func (m *model) settings() auth0.Settings {
	return auth0.Settings{
		OrganizationConnectionName: m.OrganizationConnectionName.ValueStringPointer(),
		AssignMembershipOnLogin:    knownBool(m.AssignMembershipOnLogin),
		ShowAsButton:               knownBool(m.ShowAsButton),
		IsSignupEnabled:            knownBool(m.IsSignupEnabled),
		OrganizationAccessLevel:    knownString(m.OrganizationAccessLevel),
		IsEnabled:                  knownBool(m.IsEnabled),
	}
}

func knownBool(v types.Bool) *bool {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return v.ValueBoolPointer()
}

func knownString(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return v.ValueStringPointer()
}

// fromAPI sets the model from the API's answer. is_signup_enabled is not
// returned for enterprise strategies; then the known prior value is kept,
// since the API gives nothing to compare it with.
func (m *model) fromAPI(orgID string, c *auth0.OrganizationConnection) {
	m.OrganizationID = types.StringValue(orgID)
	m.ConnectionID = types.StringValue(c.ConnectionID)
	m.ID = types.StringValue(composeID(orgID, c.ConnectionID))
	m.OrganizationConnectionName = types.StringPointerValue(c.OrganizationConnectionName)
	m.AssignMembershipOnLogin = types.BoolPointerValue(c.AssignMembershipOnLogin)
	m.ShowAsButton = types.BoolPointerValue(c.ShowAsButton)
	if c.IsSignupEnabled != nil || m.IsSignupEnabled.IsUnknown() {
		m.IsSignupEnabled = types.BoolPointerValue(c.IsSignupEnabled)
	}
	m.OrganizationAccessLevel = types.StringPointerValue(c.OrganizationAccessLevel)
	m.IsEnabled = types.BoolPointerValue(c.IsEnabled)
	m.Name, m.Strategy = types.StringNull(), types.StringNull()
	if c.Connection != nil {
		m.Name = types.StringValue(c.Connection.Name)
		m.Strategy = types.StringValue(c.Connection.Strategy)
	}
}

// heldBy reports whether an existing pair holds every setting the plan
// configures, as the pair this plan's POST created would.
func (m *model) heldBy(c *auth0.OrganizationConnection) bool {
	s := m.settings()
	return same(s.OrganizationConnectionName, c.OrganizationConnectionName) && same(s.AssignMembershipOnLogin, c.AssignMembershipOnLogin) &&
		same(s.ShowAsButton, c.ShowAsButton) && (c.IsSignupEnabled == nil || same(s.IsSignupEnabled, c.IsSignupEnabled)) &&
		same(s.OrganizationAccessLevel, c.OrganizationAccessLevel) && same(s.IsEnabled, c.IsEnabled)
}

// same is true when want is unset (not configured) or equals got.
func same[T comparable](want, got *T) bool {
	return want == nil || (got != nil && *want == *got)
}
