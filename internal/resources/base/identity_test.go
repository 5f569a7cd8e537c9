package base

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// A scoped identity, as Versori's, Vectorize's and TileDB's will be.
var scoped = Identity{
	{Name: "organisation_id", Description: "Organisation.", Scope: true},
	{Name: "id", Description: "Connection."},
}

var scopedState = schema.Schema{Attributes: map[string]schema.Attribute{
	"organisation_id": schema.StringAttribute{Optional: true, Computed: true},
	"id":              schema.StringAttribute{Computed: true},
	"name":            schema.StringAttribute{Optional: true},
}}

func TestIdentitySchemaScopeOptionalForImport(t *testing.T) {
	s := scoped.Schema()
	if a := s.Attributes["organisation_id"]; !a.IsOptionalForImport() || a.IsRequiredForImport() {
		t.Errorf("a scope is optional for import: %+v", a)
	}
	if a := s.Attributes["id"]; !a.IsRequiredForImport() || a.IsOptionalForImport() {
		t.Errorf("an object id is required for import: %+v", a)
	}
}

// importBy runs ImportState with an import block's identity (values by
// attribute; a missing key is null) or with an id.
func importBy(t *testing.T, identity map[string]string, id string, defaults map[string]string) (*resource.ImportStateResponse, bool) {
	t.Helper()
	ctx := context.Background()
	is := scoped.Schema()
	identityType := is.Type().TerraformType(ctx)
	req := resource.ImportStateRequest{ID: id}
	if identity != nil {
		vals := map[string]tftypes.Value{}
		for _, a := range scoped {
			if v, ok := identity[a.Name]; ok {
				vals[a.Name] = tftypes.NewValue(tftypes.String, v)
			} else {
				vals[a.Name] = tftypes.NewValue(tftypes.String, nil)
			}
		}
		req.Identity = &tfsdk.ResourceIdentity{Schema: is, Raw: tftypes.NewValue(identityType, vals)}
	}
	resp := &resource.ImportStateResponse{
		State:    tfsdk.State{Schema: scopedState, Raw: tftypes.NewValue(scopedState.Type().TerraformType(ctx), nil)},
		Identity: &tfsdk.ResourceIdentity{Schema: is, Raw: tftypes.NewValue(identityType, nil)},
	}
	byID := false
	scoped.ImportState(ctx, req, resp, defaults, func() {
		byID = true
		parts := strings.SplitN(req.ID, "/", 2)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("organisation_id"), parts[0])...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), parts[1])...)
	})
	return resp, byID
}

func attr(t *testing.T, g attrGetter, name string) types.String {
	t.Helper()
	var v types.String
	if d := g.GetAttribute(context.Background(), path.Root(name), &v); d.HasError() {
		t.Fatal(d)
	}
	return v
}

func TestIdentityImportState(t *testing.T) {
	for _, tc := range []struct {
		name             string
		identity         map[string]string
		id               string
		defaults         map[string]string
		wantByID         bool
		wantOrg, wantID  string
		wantErr, errAttr string
	}{
		{name: "by identity", identity: map[string]string{"organisation_id": "o1", "id": "c1"}, wantOrg: "o1", wantID: "c1"},
		{name: "scope from the provider", identity: map[string]string{"id": "c1"}, defaults: map[string]string{"organisation_id": "dflt"}, wantOrg: "dflt", wantID: "c1"},
		{name: "given scope wins", identity: map[string]string{"organisation_id": "o1", "id": "c1"}, defaults: map[string]string{"organisation_id": "dflt"}, wantOrg: "o1", wantID: "c1"},
		{name: "no scope anywhere", identity: map[string]string{"id": "c1"}, wantErr: "has no organisation_id and the provider has no default", errAttr: "organisation_id"},
		{name: "empty id", identity: map[string]string{"organisation_id": "o1", "id": ""}, wantErr: "identity.id must be a non-empty id", errAttr: "id"},
		{name: "padded scope", identity: map[string]string{"organisation_id": " o1", "id": "c1"}, wantErr: "without surrounding spaces", errAttr: "organisation_id"},
		{name: "by id", id: "o2/c2", wantByID: true, wantOrg: "o2", wantID: "c2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, byID := importBy(t, tc.identity, tc.id, tc.defaults)
			if byID != tc.wantByID {
				t.Fatalf("imported by id: %v, want %v", byID, tc.wantByID)
			}
			if tc.wantErr != "" {
				if !resp.Diagnostics.HasError() {
					t.Fatalf("want an error %q", tc.wantErr)
				}
				d := resp.Diagnostics.Errors()[0]
				if !strings.Contains(d.Detail(), tc.wantErr) {
					t.Fatalf("want %q in %q", tc.wantErr, d.Detail())
				}
				if wp, ok := d.(interface{ Path() path.Path }); !ok || !wp.Path().Equal(path.Root(tc.errAttr)) {
					t.Fatalf("the error does not name %s: %v", tc.errAttr, d)
				}
				return
			}
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			for _, g := range []attrGetter{resp.State, resp.Identity} {
				if o, i := attr(t, g, "organisation_id"), attr(t, g, "id"); o.ValueString() != tc.wantOrg || i.ValueString() != tc.wantID {
					t.Errorf("%T: got %s/%s, want %s/%s", g, o, i, tc.wantOrg, tc.wantID)
				}
			}
		})
	}
}

// A resource without identity support gets a nil identity from the framework.
func TestIdentitySetLeavesANilIdentity(t *testing.T) {
	st := tfsdk.State{Schema: scopedState, Raw: tftypes.NewValue(scopedState.Type().TerraformType(context.Background()), nil)}
	if d := scoped.Set(context.Background(), st, nil); d.HasError() {
		t.Fatal(d)
	}
}
