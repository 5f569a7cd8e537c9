package base

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Attr, StringOf and BoolOf answer what GetAttribute answers, for every
// top-level and nested attribute of every value of codecValues, and refuse
// what they cannot read.
func TestAttrIsGetAttribute(t *testing.T) {
	ctx := context.Background()
	sch := codecSchema()
	for name, raw := range codecValues(t) {
		st := tfsdk.State{Schema: sch, Raw: raw}
		for _, p := range [][]string{{"id"}, {"on"}, {"doc"}, {"a", "key"}, {"a", "secret"}, {"b", "name"}} {
			v, ok := Attr(raw, p...)
			if !ok {
				t.Fatalf("%s: Attr%v refused", name, p)
			}
			fp := path.Root(p[0])
			for _, n := range p[1:] {
				fp = fp.AtName(n)
			}
			if p[0] == "on" {
				var want types.Bool
				_ = st.GetAttribute(ctx, fp, &want)
				if got, ok := BoolOf(v); !ok || !got.Equal(want) {
					t.Errorf("%s: BoolOf(Attr%v) = %v, GetAttribute %v", name, p, got, want)
				}
				continue
			}
			var want types.String
			if d := st.GetAttribute(ctx, fp, &want); d.HasError() {
				if _, ok := StringOf(v); ok && p[0] != "doc" {
					t.Errorf("%s: GetAttribute%v fails (%v), StringOf reads it", name, p, d)
				}
				continue
			}
			if got, ok := StringOf(v); !ok || !got.Equal(want) {
				t.Errorf("%s: StringOf(Attr%v) = %v, GetAttribute %v", name, p, got, want)
			}
		}
		for _, p := range [][]string{{"nope"}, {"id", "x"}, {"a", "nope"}} {
			if _, ok := Attr(raw, p...); ok {
				t.Errorf("%s: Attr%v read a value the schema does not have", name, p)
			}
		}
		if _, ok := StringOf(tftypes.NewValue(tftypes.Bool, true)); ok {
			t.Error("StringOf read a bool")
		}
	}
}

// Set builds the identity from the state's values as GetAttribute and
// SetAttribute do, for known, null and unknown values and a null state; an
// identity attribute of another type than a plain string (not what
// Identity declares) gets their error.
func TestIdentitySetIsGetAndSetAttribute(t *testing.T) {
	ctx := context.Background()
	sch := codecSchema()
	values := codecValues(t)
	values["null state"] = tftypes.NewValue(sch.Type().TerraformType(ctx), nil)
	for _, id := range []Identity{{{Name: "id"}, {Name: "name", Scope: true}}, {{Name: "id"}, {Name: "doc"}}} {
		attrs := map[string]identityschema.Attribute{}
		for _, a := range id {
			attrs[a.Name] = identityschema.StringAttribute{OptionalForImport: true}
		}
		ids := identityschema.Schema{Attributes: attrs}
		idType := ids.Type().TerraformType(ctx)
		for name, raw := range values {
			for _, from := range []attrGetter{tfsdk.State{Schema: sch, Raw: raw}, &tfsdk.State{Schema: sch, Raw: raw}, tfsdk.Plan{Schema: sch, Raw: raw}} {
				got := &tfsdk.ResourceIdentity{Schema: ids, Raw: tftypes.NewValue(idType, nil)}
				gotDiags := id.Set(ctx, from, got)
				want := &tfsdk.ResourceIdentity{Schema: ids, Raw: tftypes.NewValue(idType, nil)}
				var wantDiags diag.Diagnostics
				for _, a := range id {
					var v types.String
					wantDiags.Append(from.GetAttribute(ctx, path.Root(a.Name), &v)...)
					wantDiags.Append(want.SetAttribute(ctx, path.Root(a.Name), v)...)
				}
				if !got.Raw.Equal(want.Raw) || !gotDiags.Equal(wantDiags) {
					t.Errorf("%s, %s, %T: identity %s %v, GetAttribute and SetAttribute give %s %v", id[1].Name, name, from, got.Raw, gotDiags, want.Raw, wantDiags)
				}
				if id[1].Name == "doc" && !gotDiags.HasError() {
					t.Errorf("%s: an identity from a JSON attribute without an error", name)
				}
			}
		}
	}
}

// ReadString and ReadBool answer what GetAttribute answers, from the value
// where Attr can read it and through GetAttribute where it cannot (a
// custom-typed attribute, an unknown attribute name, with its error).
func TestReadStringAndBoolAreGetAttribute(t *testing.T) {
	ctx := context.Background()
	sch := codecSchema()
	for name, raw := range codecValues(t) {
		st := tfsdk.State{Schema: sch, Raw: raw}
		calls := 0
		get := func(ctx context.Context, p path.Path, target any) diag.Diagnostics {
			calls++
			return st.GetAttribute(ctx, p, target)
		}
		for _, p := range [][]string{{"id"}, {"name"}, {"a", "key"}, {"a", "secret"}, {"b", "name"}} {
			var diags diag.Diagnostics
			got := ReadString(ctx, raw, get, &diags, p...)
			var want types.String
			wantDiags := st.GetAttribute(ctx, path.Root(p[0]).AtName(p[len(p)-1]), &want)
			if len(p) == 1 {
				wantDiags = st.GetAttribute(ctx, path.Root(p[0]), &want)
			}
			if !got.Equal(want) || diags.HasError() != wantDiags.HasError() {
				t.Errorf("%s: ReadString%v = %v %v, GetAttribute %v %v", name, p, got, diags, want, wantDiags)
			}
		}
		var diags diag.Diagnostics
		var want types.Bool
		_ = st.GetAttribute(ctx, path.Root("on"), &want)
		if got := ReadBool(ctx, raw, get, &diags, "on"); !got.Equal(want) || diags.HasError() {
			t.Errorf("%s: ReadBool(on) = %v %v, GetAttribute %v", name, got, diags, want)
		}
		if calls != 0 {
			t.Errorf("%s: plain attributes went through GetAttribute %d times", name, calls)
		}
		// What Attr cannot read goes to GetAttribute, and its error too.
		diags = nil
		ReadString(ctx, raw, get, &diags, "nope")
		if calls != 1 || !diags.HasError() {
			t.Errorf("%s: an unknown attribute: %d GetAttribute calls, diagnostics %v; want 1 and its error", name, calls, diags)
		}
	}
}
