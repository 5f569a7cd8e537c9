package orgconnection

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
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
		AssignMembershipOnLogin:    base.KnownBool(m.AssignMembershipOnLogin),
		ShowAsButton:               base.KnownBool(m.ShowAsButton),
		IsSignupEnabled:            base.KnownBool(m.IsSignupEnabled),
		OrganizationAccessLevel:    knownString(m.OrganizationAccessLevel),
		IsEnabled:                  base.KnownBool(m.IsEnabled),
	}
}

func knownString(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return v.ValueStringPointer()
}

// fromAPI sets the model from the API's answer. Only connection_id is
// required in it (seed 001; auth0/ruby-auth0's *OrganizationAllConnection
// ResponseContent types mark every other field optional), and recorded
// answers do leave fields out: is_signup_enabled for enterprise strategies,
// show_as_button in older ones (terraform-provider-auth0
// TestAccOrganizationConnections.yaml). A setting the answer leaves out keeps
// the known planned or prior value, since the API gives nothing to compare
// it with; an unset name is left out too, so an absent name is null.
func (m *model) fromAPI(orgID string, c *auth0.OrganizationConnection) {
	m.OrganizationID = types.StringValue(orgID)
	m.ConnectionID = types.StringValue(c.ConnectionID)
	m.ID = types.StringValue(composeID(orgID, c.ConnectionID))
	m.OrganizationConnectionName = types.StringPointerValue(c.OrganizationConnectionName)
	m.AssignMembershipOnLogin = keepBool(m.AssignMembershipOnLogin, c.AssignMembershipOnLogin)
	m.ShowAsButton = keepBool(m.ShowAsButton, c.ShowAsButton)
	m.IsSignupEnabled = keepBool(m.IsSignupEnabled, c.IsSignupEnabled)
	m.OrganizationAccessLevel = keepString(m.OrganizationAccessLevel, c.OrganizationAccessLevel)
	m.IsEnabled = keepBool(m.IsEnabled, c.IsEnabled)
	m.Name, m.Strategy = types.StringNull(), types.StringNull()
	if c.Connection != nil {
		m.Name = types.StringValue(c.Connection.Name)
		m.Strategy = types.StringValue(c.Connection.Strategy)
	}
}

// keepBool is the answer's value, or the known current one when the answer
// has none; an unknown value with no answer becomes null.
func keepBool(cur types.Bool, got *bool) types.Bool {
	if got == nil && !cur.IsUnknown() {
		return cur
	}
	return types.BoolPointerValue(got)
}

func keepString(cur types.String, got *string) types.String {
	if got == nil && !cur.IsUnknown() {
		return cur
	}
	return types.StringPointerValue(got)
}

// heldBy reports whether an existing pair holds every setting the plan
// configures, as the pair this plan's POST created would. A setting the
// answer leaves out cannot tell against it; the name can, as its absence
// means unset.
func (m *model) heldBy(c *auth0.OrganizationConnection) bool {
	s := m.settings()
	return same(s.OrganizationConnectionName, c.OrganizationConnectionName) && sameIfAnswered(s.AssignMembershipOnLogin, c.AssignMembershipOnLogin) &&
		sameIfAnswered(s.ShowAsButton, c.ShowAsButton) && sameIfAnswered(s.IsSignupEnabled, c.IsSignupEnabled) &&
		sameIfAnswered(s.OrganizationAccessLevel, c.OrganizationAccessLevel) && sameIfAnswered(s.IsEnabled, c.IsEnabled)
}

// same is true when want is unset (not configured) or equals got.
func same[T comparable](want, got *T) bool {
	return want == nil || (got != nil && *want == *got)
}

func sameIfAnswered[T comparable](want, got *T) bool { return got == nil || same(want, got) }
