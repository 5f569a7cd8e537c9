package orgconnection

import (
	"context"
	"encoding/json"
	"os"
	"strings"
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

// stateInstance reads the one resource instance of a Terraform state file (v4
// format) the way Terraform hands it to MoveResourceState: the resource type,
// the provider address, the schema version and the attributes' raw JSON.
func stateInstance(t *testing.T, file string) (typeName, provider string, version int64, raw []byte) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Resources []struct {
			Type      string `json:"type"`
			Provider  string `json:"provider"`
			Instances []struct {
				SchemaVersion int64           `json:"schema_version"`
				Attributes    json.RawMessage `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(data, &st); err != nil {
		t.Fatal(err)
	}
	if len(st.Resources) != 1 || len(st.Resources[0].Instances) != 1 {
		t.Fatalf("%s: want one resource instance", file)
	}
	r := st.Resources[0]
	// provider["registry.terraform.io/auth0/auth0"] -> registry.terraform.io/auth0/auth0
	provider = strings.TrimSuffix(strings.TrimPrefix(r.Provider, `provider["`), `"]`)
	return r.Type, provider, r.Instances[0].SchemaVersion, r.Instances[0].Attributes
}

func checkModel(t *testing.T, m model, want map[string]any) {
	t.Helper()
	got := map[string]any{
		"id":                           m.ID.ValueString(),
		"organization_id":              m.OrganizationID.ValueString(),
		"connection_id":                m.ConnectionID.ValueString(),
		"assign_membership_on_login":   m.AssignMembershipOnLogin.ValueBoolPointer(),
		"is_signup_enabled":            m.IsSignupEnabled.ValueBoolPointer(),
		"show_as_button":               m.ShowAsButton.ValueBoolPointer(),
		"is_enabled":                   m.IsEnabled.ValueBoolPointer(),
		"organization_connection_name": m.OrganizationConnectionName.ValueStringPointer(),
		"organization_access_level":    m.OrganizationAccessLevel.ValueStringPointer(),
		"name":                         m.Name.ValueStringPointer(),
		"strategy":                     m.Strategy.ValueStringPointer(),
	}
	for attr, w := range want {
		g := got[attr]
		switch p := g.(type) {
		case *bool:
			if p == nil {
				g = nil
			} else {
				g = *p
			}
		case *string:
			if p == nil {
				g = nil
			} else {
				g = *p
			}
		}
		if g != w {
			t.Errorf("%s: want %v, got %v", attr, w, g)
		}
	}
}

// The state of the current auth0 provider, which also manages is_enabled,
// organization_connection_name and organization_access_level.
func TestMoveStateFromAuth0Provider(t *testing.T) {
	typ, provider, version, raw := stateInstance(t, "testdata/auth0_organization_connection.state.json")
	resp, m := move(t, typ, provider, version, raw)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	checkModel(t, m, map[string]any{
		"id":                           "org_acme000000000001:con_db00000000000001",
		"organization_id":              "org_acme000000000001",
		"connection_id":                "con_db00000000000001",
		"assign_membership_on_login":   true,
		"is_signup_enabled":            true,
		"show_as_button":               false,
		"is_enabled":                   true,
		"organization_connection_name": "Acme staff",
		"organization_access_level":    "limited",
		"name":                         "Username-Password-Authentication",
		"strategy":                     "auth0",
	})
}

// The state of older auth0 provider releases: the attributes they did not
// have stay null, for the refresh after the move to read from the API.
func TestMoveStateFromLegacyAuth0Provider(t *testing.T) {
	typ, provider, version, raw := stateInstance(t, "testdata/auth0_organization_connection.legacy.state.json")
	resp, m := move(t, typ, provider, version, raw)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	checkModel(t, m, map[string]any{
		"id":                           "org_acme000000000001:con_okta000000000001",
		"organization_id":              "org_acme000000000001",
		"connection_id":                "con_okta000000000001",
		"assign_membership_on_login":   false,
		"is_signup_enabled":            false,
		"show_as_button":               true,
		"is_enabled":                   nil,
		"organization_connection_name": nil,
		"organization_access_level":    nil,
		"name":                         "acme-okta",
		"strategy":                     "okta",
	})
}

// OpenTofu 1.11.5 sends the provider's implied local name instead of its
// address; later releases send the full address.
func TestMoveStateFromOpenTofu(t *testing.T) {
	typ, _, version, raw := stateInstance(t, "testdata/auth0_organization_connection.state.json")
	for _, addr := range []string{"auth0", "registry.opentofu.org/auth0/auth0"} {
		resp, m := move(t, typ, addr, version, raw)
		if resp.Diagnostics.HasError() || m.ID.ValueString() != "org_acme000000000001:con_db00000000000001" {
			t.Fatalf("%s: %v %+v", addr, resp.Diagnostics, m)
		}
	}
}

func TestMoveStateUnsetStrings(t *testing.T) {
	raw := `{"id":"org_1::con_2","organization_id":"org_1","connection_id":"con_2",
		"organization_connection_name":"","organization_access_level":"","name":"","strategy":null}`
	resp, m := move(t, "auth0_organization_connection", "registry.terraform.io/auth0/auth0", 0, []byte(raw))
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	checkModel(t, m, map[string]any{
		"organization_connection_name": nil, "organization_access_level": nil, "name": nil, "strategy": nil,
		"assign_membership_on_login": nil, "is_enabled": nil,
	})
	// An access level this schema does not accept is left for the refresh.
	_, m = move(t, "auth0_organization_connection", "registry.terraform.io/auth0/auth0", 0,
		[]byte(`{"organization_id":"org_1","connection_id":"con_2","organization_access_level":"everyone"}`))
	checkModel(t, m, map[string]any{"organization_access_level": nil})
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
	for _, addr := range []string{"registry.terraform.io/example/auth0fork", "example.com/notauth0/auth0", "example/auth0"} {
		resp, _ = move(t, "auth0_organization_connection", addr, 0, []byte(`{"id":"org_1::con_2"}`))
		if resp.Diagnostics.HasError() || !resp.TargetState.Raw.IsNull() {
			t.Fatalf("a different provider (%s) was handled: %v", addr, resp.Diagnostics)
		}
	}
	resp, _ = move(t, "auth0_organization_connection", "registry.terraform.io/auth0/auth0", 1, []byte(`{}`))
	if !resp.Diagnostics.HasError() {
		t.Fatal("an unknown schema version was accepted")
	}
	resp, _ = move(t, "auth0_organization_connection", "registry.terraform.io/auth0/auth0", 0, []byte(`{"name":"x"}`))
	if !resp.Diagnostics.HasError() {
		t.Fatal("a state without ids was accepted")
	}
	resp, _ = move(t, "auth0_organization_connection", "registry.terraform.io/auth0/auth0", 0, nil)
	if !resp.Diagnostics.HasError() {
		t.Fatal("an empty state was accepted")
	}
}
