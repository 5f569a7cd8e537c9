package base

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	fwattr "github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The kinds of field the resources' models have: strings, bools, numbers,
// lists of nested objects, maps, objects, a custom JSON type with its own
// validation, and an unexported embedded struct of pointers to nested
// models (single nested attributes).
type codecNested struct {
	Key    types.String `tfsdk:"key"`
	Secret types.String `tfsdk:"secret"`
}

type codecOther struct {
	Name types.String `tfsdk:"name"`
}

type codecKinds struct {
	A *codecNested `tfsdk:"a"`
	B *codecOther  `tfsdk:"b"`
}

type codecModel struct {
	ID    types.String         `tfsdk:"id"`
	Name  types.String         `tfsdk:"name"`
	On    types.Bool           `tfsdk:"on"`
	N     types.Int64          `tfsdk:"n"`
	Items types.List           `tfsdk:"items"`
	Vars  types.Map            `tfsdk:"vars"`
	Flows types.Object         `tfsdk:"flows"`
	Doc   jsontypes.Normalized `tfsdk:"doc"`
	codecKinds
}

func codecSchema() schema.Schema {
	return schema.Schema{Attributes: map[string]schema.Attribute{
		"id":   schema.StringAttribute{Computed: true},
		"name": schema.StringAttribute{Optional: true},
		"on":   schema.BoolAttribute{Optional: true},
		"n":    schema.Int64Attribute{Optional: true},
		"items": schema.ListNestedAttribute{Optional: true, NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{Required: true},
			"tags": schema.ListAttribute{ElementType: types.StringType, Optional: true},
		}}},
		"vars": schema.MapAttribute{ElementType: types.StringType, Optional: true},
		"flows": schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
			"cc": schema.BoolAttribute{Optional: true},
		}},
		"doc": schema.StringAttribute{CustomType: jsontypes.NormalizedType{}, Optional: true},
		"a": schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
			"key": schema.StringAttribute{Required: true}, "secret": schema.StringAttribute{Optional: true, Sensitive: true},
		}},
		"b": schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{Required: true},
		}},
	}}
}

// codecValues are objects of codecSchema: known, null and unknown values
// at every level, and values the framework refuses (an unknown nested
// object cannot go into a pointer; "{" is not JSON), for which Get must
// give the framework's diagnostics.
func codecValues(t *testing.T) map[string]tftypes.Value {
	t.Helper()
	ctx := context.Background()
	typ := codecSchema().Type().TerraformType(ctx).(tftypes.Object)
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	unknown := func(k string) tftypes.Value { return tftypes.NewValue(typ.AttributeTypes[k], tftypes.UnknownValue) }
	null := func() map[string]tftypes.Value {
		m := map[string]tftypes.Value{}
		for k, at := range typ.AttributeTypes {
			m[k] = tftypes.NewValue(at, nil)
		}
		return m
	}
	itemType := typ.AttributeTypes["items"].(tftypes.List).ElementType.(tftypes.Object)
	item := func(name string, tags ...string) tftypes.Value {
		var tv []tftypes.Value
		for _, s := range tags {
			tv = append(tv, str(s))
		}
		tl := tftypes.NewValue(itemType.AttributeTypes["tags"], nil)
		if tags != nil {
			tl = tftypes.NewValue(itemType.AttributeTypes["tags"], tv)
		}
		return tftypes.NewValue(itemType, map[string]tftypes.Value{"name": str(name), "tags": tl})
	}
	full := null()
	full["id"], full["on"], full["n"] = str("x/1"), tftypes.NewValue(tftypes.Bool, true), tftypes.NewValue(tftypes.Number, 42)
	full["name"] = str("a name")
	full["items"] = tftypes.NewValue(typ.AttributeTypes["items"], []tftypes.Value{item("one", "a", "b"), item("two")})
	full["vars"] = tftypes.NewValue(typ.AttributeTypes["vars"], map[string]tftypes.Value{"k": str("v"), "": str("empty key")})
	full["flows"] = tftypes.NewValue(typ.AttributeTypes["flows"], map[string]tftypes.Value{"cc": tftypes.NewValue(tftypes.Bool, false)})
	full["doc"] = str(`{"b": [1, 2], "a": {}}`)
	aType := typ.AttributeTypes["a"].(tftypes.Object)
	full["a"] = tftypes.NewValue(aType, map[string]tftypes.Value{"key": str("AKIA"), "secret": tftypes.NewValue(tftypes.String, nil)})

	planned := null()
	planned["id"], planned["items"], planned["flows"], planned["doc"] = unknown("id"), unknown("items"), unknown("flows"), unknown("doc")
	planned["name"] = unknown("name")
	planned["b"] = tftypes.NewValue(typ.AttributeTypes["b"], map[string]tftypes.Value{"name": tftypes.NewValue(tftypes.String, tftypes.UnknownValue)})

	unknownNested := null()
	unknownNested["a"] = unknown("a")
	badJSON := null()
	badJSON["doc"] = str("{")
	return map[string]tftypes.Value{
		"full": tftypes.NewValue(typ, full), "all null": tftypes.NewValue(typ, null()), "planned with unknowns": tftypes.NewValue(typ, planned),
		"unknown nested object": tftypes.NewValue(typ, unknownNested), "invalid JSON": tftypes.NewValue(typ, badJSON),
	}
}

func TestModelGetAndSetAreTheFrameworks(t *testing.T) {
	ctx := context.Background()
	sch := codecSchema()
	for name, raw := range codecValues(t) {
		t.Run(name, func(t *testing.T) {
			// Get, from each of the three sources, into a model holding
			// old values that Get must overwrite.
			old := codecModel{ID: types.StringValue("old"), codecKinds: codecKinds{B: &codecOther{Name: types.StringValue("old")}}}
			want, got := old, old
			wantDiags := tfsdk.Plan{Schema: sch, Raw: raw}.Get(ctx, &want)
			for src, d := range map[string]diag.Diagnostics{
				"plan":   Get(ctx, tfsdk.Plan{Schema: sch, Raw: raw}, &got),
				"state":  Get(ctx, tfsdk.State{Schema: sch, Raw: raw}, &got),
				"config": Get(ctx, tfsdk.Config{Schema: sch, Raw: raw}, &got),
			} {
				if !d.Equal(wantDiags) {
					t.Errorf("Get from %s: diagnostics %v, the framework's %v", src, d, wantDiags)
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Get:\n%+v\nthe framework's:\n%+v", got, want)
			}
			if wantDiags.HasError() {
				return
			}
			// Set what was read, into a state and a plan, and a changed copy.
			got.ID = types.StringValue("changed")
			got.A = &codecNested{Key: types.StringValue("k"), Secret: types.StringUnknown()}
			for _, m := range []any{want, &want, got, &got} {
				ws := tfsdk.State{Schema: sch}
				wd := ws.Set(ctx, m)
				gs := tfsdk.State{Schema: sch}
				gd := Set(ctx, &gs, m)
				gp := tfsdk.Plan{Schema: sch}
				pd := Set(ctx, &gp, m)
				if !gd.Equal(wd) || !pd.Equal(wd) || !gs.Raw.Equal(ws.Raw) || !gp.Raw.Equal(ws.Raw) {
					t.Errorf("Set:\nstate %s %v\nplan  %s %v\nthe framework's %s %v", gs.Raw, gd, gp.Raw, pd, ws.Raw, wd)
				}
			}
		})
	}
	if d := describe(reflect.TypeFor[codecModel]()); d != "id,name,on,n,items,vars,flows,doc,a{2},b{1}" {
		t.Errorf("the codec walks codecModel as %q: the framework's reflection handles it instead", d)
	}
}

// A value the framework refuses to set (a list of the wrong element type,
// invalid JSON) gets the framework's error, and the target is left as the
// framework leaves it.
func TestModelSetRefusesAsTheFrameworkDoes(t *testing.T) {
	ctx := context.Background()
	sch := codecSchema()
	for name, m := range map[string]codecModel{
		"wrong element type": {Items: types.ListValueMust(types.StringType, nil)},
		"invalid JSON":       {Doc: jsontypes.NewNormalizedValue("{")},
	} {
		t.Run(name, func(t *testing.T) {
			full := m
			full.ID, full.Name, full.On, full.N, full.Vars = types.StringNull(), types.StringNull(), types.BoolNull(), types.Int64Null(), types.MapNull(types.StringType)
			full.Flows = types.ObjectNull(map[string]fwattr.Type{"cc": types.BoolType})
			if full.Items.IsNull() {
				full.Items = types.ListNull(sch.Attributes["items"].GetType().(types.ListType).ElemType)
			}
			if full.Doc.IsNull() {
				full.Doc = jsontypes.NewNormalizedNull()
			}
			ws, gs := tfsdk.State{Schema: sch}, tfsdk.State{Schema: sch}
			wd, gd := ws.Set(ctx, &full), Set(ctx, &gs, &full)
			if !wd.HasError() || !gd.Equal(wd) || !gs.Raw.Equal(ws.Raw) {
				t.Errorf("Set: %s %v; the framework's %s %v", gs.Raw, gd, ws.Raw, wd)
			}
		})
	}
}
