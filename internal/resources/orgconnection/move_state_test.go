package orgconnection

import (
	"context"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func move(t *testing.T, sourceType, provider string, version int64, raw []byte) (*resource.MoveStateResponse, model) {
	t.Helper()
	ctx := context.Background()
	s := resourceSchema()
	resp := &resource.MoveStateResponse{TargetState: tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}}
	req := resource.MoveStateRequest{
		SourceTypeName: sourceType, SourceProviderAddress: provider, SourceSchemaVersion: version,
		SourceRawState: &tfprotov6.RawState{JSON: raw},
	}
	movers := (&orgConnectionResource{}).MoveState(ctx)
	movers[0].StateMover(ctx, req, resp)
	var m model
	if !resp.TargetState.Raw.IsNull() {
		resp.Diagnostics.Append(resp.TargetState.Get(ctx, &m)...)
	}
	return resp, m
}

func TestMoveStateFromAuth0Provider(t *testing.T) {
	raw, err := os.ReadFile("testdata/auth0_organization_connection.state.json")
	if err != nil {
		t.Fatal(err)
	}
	resp, m := move(t, "auth0_organization_connection", "registry.terraform.io/auth0/auth0", 0, raw)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	checks := map[string][2]any{
		"id":                           {m.ID.ValueString(), "org_acme000000000001:con_db00000000000001"},
		"organization_id":              {m.OrganizationID.ValueString(), "org_acme000000000001"},
		"connection_id":                {m.ConnectionID.ValueString(), "con_db00000000000001"},
		"assign_membership_on_login":   {m.AssignMembershipOnLogin.ValueBool(), true},
		"is_signup_enabled":            {m.IsSignupEnabled.ValueBool(), false},
		"show_as_button":               {m.ShowAsButton.ValueBool(), true},
		"name":                         {m.Name.ValueString(), "Username-Password-Authentication"},
		"strategy":                     {m.Strategy.ValueString(), "auth0"},
		"organization_access_level":    {m.OrganizationAccessLevel.IsNull(), true},
		"organization_connection_name": {m.OrganizationConnectionName.IsNull(), true},
	}
	for attr, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s: want %v, got %v", attr, c[1], c[0])
		}
	}
}

func TestMoveStateFromIDOnly(t *testing.T) {
	resp, m := move(t, "auth0_organization_connection", "registry.terraform.io/auth0/auth0", 0, []byte(`{"id":"org_1::con_2"}`))
	if resp.Diagnostics.HasError() || m.OrganizationID.ValueString() != "org_1" || m.ConnectionID.ValueString() != "con_2" {
		t.Fatalf("%v %+v", resp.Diagnostics, m)
	}
}

func TestMoveStateIgnoresOtherSources(t *testing.T) {
	resp, _ := move(t, "auth0_organization_member", "registry.terraform.io/auth0/auth0", 0, []byte(`{}`))
	if resp.Diagnostics.HasError() || !resp.TargetState.Raw.IsNull() {
		t.Fatalf("a different source type was handled: %v", resp.Diagnostics)
	}
	resp, _ = move(t, "auth0_organization_connection", "registry.terraform.io/auth0/auth0", 1, []byte(`{}`))
	if !resp.Diagnostics.HasError() {
		t.Fatal("an unknown schema version was accepted")
	}
	resp, _ = move(t, "auth0_organization_connection", "registry.terraform.io/auth0/auth0", 0, []byte(`{"name":"x"}`))
	if !resp.Diagnostics.HasError() {
		t.Fatal("a state without ids was accepted")
	}
}
