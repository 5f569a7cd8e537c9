package twinprovider

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	conduit "github.com/conduit-tf/terraform-provider-conduit/internal/provider"
)

// schemas is what a provider tells Terraform about its types, as JSON with
// the provider's name replaced, so that a difference prints readably.
func schemas(t *testing.T, s tfprotov6.ProviderServer, name string) map[string]string {
	t.Helper()
	ctx := context.Background()
	ps, err := s.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(ps.Diagnostics) > 0 {
		t.Fatalf("%s GetProviderSchema: %v %v", name, err, ps.Diagnostics)
	}
	ids, err := s.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil || len(ids.Diagnostics) > 0 {
		t.Fatalf("%s GetResourceIdentitySchemas: %v %v", name, err, ids.Diagnostics)
	}
	out := map[string]string{}
	add := func(kind string, v any) {
		data, err := json.MarshalIndent(v, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		out[kind] = strings.ReplaceAll(string(data), `"`+name+`_`, `"PROVIDER_`)
	}
	add("provider", ps.Provider)
	add("provider_meta", ps.ProviderMeta)
	add("server_capabilities", ps.ServerCapabilities)
	for typ, sch := range ps.ResourceSchemas {
		add("resource "+strings.TrimPrefix(typ, name), sch)
	}
	for typ, sch := range ps.DataSourceSchemas {
		add("data source "+strings.TrimPrefix(typ, name), sch)
	}
	for typ, sch := range ps.ListResourceSchemas {
		add("list resource "+strings.TrimPrefix(typ, name), sch)
	}
	for typ, sch := range ids.IdentitySchemas {
		add("identity "+strings.TrimPrefix(typ, name), sch)
	}
	add("functions", ps.Functions)
	add("ephemeral resources", ps.EphemeralResourceSchemas)
	add("actions", ps.ActionSchemas)
	return out
}

// The benchmark's twin is only a fair floor while Terraform and the framework
// do for it what they do for conduit: the same types with the same schemas,
// identity schemas included, and the same provider schema.
func TestSchemasEqualConduits(t *testing.T) {
	c, err := providerserver.NewProtocol6WithError(conduit.New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	tw, err := providerserver.NewProtocol6WithError(New())()
	if err != nil {
		t.Fatal(err)
	}
	want, got := schemas(t, c, "conduit"), schemas(t, tw, "twin")
	identities := 0
	for k, w := range want {
		if strings.HasPrefix(k, "identity ") {
			identities++
		}
		if g, ok := got[k]; !ok {
			t.Errorf("twin lacks conduit's %s", k)
		} else if g != w {
			t.Errorf("twin's %s differs from conduit's:\n%s\nconduit:\n%s", k, g, w)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("twin has %s, conduit has not", k)
		}
	}
	// Five resources, each with an identity; guards against both sides
	// answering nothing alike.
	if identities != 5 || len(want) < 5+5+4+5 {
		t.Errorf("conduit serves %d identities and %d schemas in all; the test expects 5 and at least 19", identities, len(want))
	}
}

// Create, read and update set the identity from the state answered, as
// conduit's resources do, so Terraform stores and checks one for each. An
// id only the API would know (unknown in the plan) gets a value, so that
// the identity is complete as conduit's is.
func TestTwinSetsIdentity(t *testing.T) {
	ctx := context.Background()
	var tr twinWithIdentity
	for _, f := range New().Resources(ctx) {
		if r, ok := f().(twinWithIdentity); ok && r.name == "_versori_connection" {
			tr = r
		}
	}
	if tr.name == "" {
		t.Fatal("no twin of conduit_versori_connection with an identity")
	}
	typ := tr.schema.Type().TerraformType(ctx).(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for k, at := range typ.AttributeTypes {
		vals[k] = tftypes.NewValue(at, nil)
	}
	vals["organisation_id"] = tftypes.NewValue(tftypes.String, "01JDBENCH0RG00000000000001")
	vals["name"] = tftypes.NewValue(tftypes.String, "c")
	vals["id"] = tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	plan := tfsdk.Plan{Schema: tr.schema, Raw: tftypes.NewValue(typ, vals)}
	newIdentity := func() *tfsdk.ResourceIdentity {
		return &tfsdk.ResourceIdentity{Schema: tr.identity, Raw: tftypes.NewValue(tr.identity.Type().TerraformType(ctx), nil)}
	}
	check := func(op string, id *tfsdk.ResourceIdentity, diags []string) {
		t.Helper()
		if len(diags) > 0 {
			t.Fatalf("%s: %v", op, diags)
		}
		want := `tftypes.Object["id":tftypes.String, "organisation_id":tftypes.String]<"id":tftypes.String<"twin">, "organisation_id":tftypes.String<"01JDBENCH0RG00000000000001">>`
		if got := id.Raw.String(); got != want {
			t.Errorf("%s identity %s, want %s", op, got, want)
		}
	}
	cr := resource.CreateResponse{State: tfsdk.State{Schema: tr.schema}, Identity: newIdentity()}
	tr.Create(ctx, resource.CreateRequest{Plan: plan}, &cr)
	check("create", cr.Identity, errs(cr.Diagnostics.Errors()))
	rr := resource.ReadResponse{State: cr.State, Identity: newIdentity()}
	tr.Read(ctx, resource.ReadRequest{State: cr.State}, &rr)
	check("read", rr.Identity, errs(rr.Diagnostics.Errors()))
	ur := resource.UpdateResponse{State: tfsdk.State{Schema: tr.schema}, Identity: newIdentity()}
	tr.Update(ctx, resource.UpdateRequest{Plan: plan, State: cr.State}, &ur)
	check("update", ur.Identity, errs(ur.Diagnostics.Errors()))
}

func errs[T interface{ Detail() string }](ds []T) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Detail())
	}
	return out
}
