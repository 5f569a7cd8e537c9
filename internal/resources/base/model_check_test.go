package base

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The comparison the acceptance suite turns on must name what differs, and
// nothing when the codec and the framework agree.
func TestCheckAgainstFrameworkNamesTheDifference(t *testing.T) {
	ctx := context.Background()
	sch := codecSchema()
	raw := codecValues(t)["full"]
	src := tfsdk.State{Schema: sch, Raw: raw}
	var got codecModel
	if d := Get(ctx, src, &got); d.HasError() {
		t.Fatal(d)
	}
	m := modelOf(ctx, reflect.TypeFor[codecModel](), sch)
	if m == nil {
		t.Fatal("codecModel is left to the framework")
	}
	if d := m.sameAsFrameworkGet(ctx, reflect.ValueOf(got), src.Get); d.HasError() {
		t.Errorf("the same model: %v", d)
	}
	renamed := got
	renamed.Name = types.StringValue("not what was read")
	if got.A == nil {
		t.Fatal("the full value has no a")
	}
	nested := got
	nested.A = &codecNested{Key: types.StringValue("not what was read"), Secret: got.A.Secret}
	nulled := got
	nulled.A = nil
	for want, m2 := range map[string]codecModel{
		"read name differently": renamed, "read a.key differently": nested, "read a (null in one of them) differently": nulled,
	} {
		d := m.sameAsFrameworkGet(ctx, reflect.ValueOf(m2), src.Get)
		if !d.HasError() || !strings.Contains(d[0].Detail(), want) {
			t.Errorf("want an error saying %q, got %v", want, d)
		}
		if strings.Contains(d[0].Detail(), "not what was read") {
			t.Errorf("the error shows a value, which may be a secret: %v", d)
		}
	}

	framework := func() (tftypes.Value, diag.Diagnostics) { return raw, nil }
	if d := sameAsFrameworkSet(tftypes.Value{}, framework); d.HasError() {
		t.Errorf("with the check off: %v", d)
	}
	checkAgainstFramework.Store(true)
	t.Cleanup(func() { checkAgainstFramework.Store(false) })
	if d := sameAsFrameworkSet(raw, framework); d.HasError() {
		t.Errorf("the same value: %v", d)
	}
	st := tfsdk.State{Schema: sch}
	if d := st.Set(ctx, &renamed); d.HasError() {
		t.Fatal(d)
	}
	d := sameAsFrameworkSet(st.Raw, framework)
	if !d.HasError() || !strings.Contains(d[0].Detail(), `AttributeName("name")`) || strings.Contains(d[0].Detail(), "not what was read") {
		t.Errorf("want an error naming the name attribute and no value, got %v", d)
	}
}
