package orgconnection

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
)

func answer(t *testing.T, body string) *auth0.OrganizationConnection {
	t.Helper()
	var c auth0.OrganizationConnection
	if err := json.Unmarshal([]byte(body), &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

// An answer may leave out any field but connection_id (seed 001; recorded
// answers omit show_as_button and is_signup_enabled): the configured or
// prior value stays, so an apply is not reported inconsistent and a refresh
// shows no drift the API did not report.
func TestFromAPIKeepsSettingsTheAnswerLeavesOut(t *testing.T) {
	m := model{
		OrganizationConnectionName: types.StringValue("Staff"),
		AssignMembershipOnLogin:    types.BoolValue(true),
		ShowAsButton:               types.BoolValue(false),
		IsSignupEnabled:            types.BoolValue(true),
		OrganizationAccessLevel:    types.StringValue("full"),
		IsEnabled:                  types.BoolValue(false),
	}
	// The shape of terraform-provider-auth0 TestAccOrganizationConnections.yaml's
	// POST answer (Go-Auth0-SDK/0.17.2), which has no show_as_button.
	m.fromAPI("org_1", answer(t, `{"connection_id":"con_1","assign_membership_on_login":true,"connection":{"name":"db","strategy":"auth0"}}`))
	if m.ShowAsButton != types.BoolValue(false) || m.IsSignupEnabled != types.BoolValue(true) ||
		m.OrganizationAccessLevel != types.StringValue("full") || m.IsEnabled != types.BoolValue(false) {
		t.Fatalf("settings the answer left out were not kept: %+v", m)
	}
	// An unset name is left out of the answer: absent means null.
	if !m.OrganizationConnectionName.IsNull() || m.Name != types.StringValue("db") || m.ID != types.StringValue("org_1:con_1") {
		t.Fatalf("got %+v", m)
	}
	// What the answer says wins.
	m.fromAPI("org_1", answer(t, `{"connection_id":"con_1","show_as_button":true,"is_enabled":true,"organization_access_level":"none"}`))
	if m.ShowAsButton != types.BoolValue(true) || m.IsEnabled != types.BoolValue(true) || m.OrganizationAccessLevel != types.StringValue("none") {
		t.Fatalf("answered values not taken: %+v", m)
	}
	// A computed value not configured and not answered is null, not unknown.
	u := model{ShowAsButton: types.BoolUnknown(), IsEnabled: types.BoolUnknown(), OrganizationAccessLevel: types.StringUnknown(),
		AssignMembershipOnLogin: types.BoolUnknown(), IsSignupEnabled: types.BoolUnknown()}
	u.fromAPI("org_1", answer(t, `{"connection_id":"con_1"}`))
	for name, v := range map[string]interface{ IsNull() bool }{"show_as_button": u.ShowAsButton, "is_enabled": u.IsEnabled,
		"organization_access_level": u.OrganizationAccessLevel, "assign_membership_on_login": u.AssignMembershipOnLogin, "is_signup_enabled": u.IsSignupEnabled} {
		if !v.IsNull() {
			t.Errorf("%s: want null, got %v", name, v)
		}
	}
}

// A lost POST is settled by reading the pair: a setting its answer leaves
// out does not make it someone else's pair, a different one does.
func TestHeldByIgnoresSettingsTheAnswerLeavesOut(t *testing.T) {
	m := model{ShowAsButton: types.BoolValue(false), IsEnabled: types.BoolValue(true), OrganizationConnectionName: types.StringValue("Staff")}
	if !m.heldBy(answer(t, `{"connection_id":"con_1","organization_connection_name":"Staff"}`)) {
		t.Fatal("a pair whose answer leaves settings out was not recognised")
	}
	if m.heldBy(answer(t, `{"connection_id":"con_1","organization_connection_name":"Staff","show_as_button":true}`)) {
		t.Fatal("a pair with another show_as_button was adopted")
	}
	if m.heldBy(answer(t, `{"connection_id":"con_1","show_as_button":false}`)) {
		t.Fatal("a pair without the configured name was adopted")
	}
}
