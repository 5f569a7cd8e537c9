package base

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Attr reads a top-level attribute (and, with more names, nested ones)
// straight from the value of a plan, state or configuration. It is what
// GetAttribute answers for a path of attribute names, without the
// framework's walk of the path through the schema and the copy of the
// logger's context it makes on every call (make bench, -cpuprofile:
// fwschemadata.Data.ValueAtPath and tfsdklog.SubsystemSetField, run for
// each attribute a ModifyPlan or validator reads). A null or unknown
// object's attribute is null, as GetAttribute answers; a name the value
// does not have gives ok false. The value is the tftypes one: an attribute
// of a custom type reads as its underlying type.
func Attr(v tftypes.Value, names ...string) (tftypes.Value, bool) {
	for _, n := range names {
		ot, isObject := v.Type().(tftypes.Object)
		if !isObject {
			return tftypes.Value{}, false
		}
		at, has := ot.AttributeTypes[n]
		switch {
		case !has:
			return tftypes.Value{}, false
		case !v.IsKnown() || v.IsNull():
			v = tftypes.NewValue(at, nil)
			continue
		}
		got, err := v.ApplyTerraform5AttributePathStep(tftypes.AttributeName(n))
		next, isValue := got.(tftypes.Value)
		if err != nil || !isValue {
			return tftypes.Value{}, false
		}
		v = next
	}
	return v, true
}

// StringOf is a string attribute's value as GetAttribute into a
// types.String gives it; ok is false for a value of another type.
func StringOf(v tftypes.Value) (types.String, bool) {
	if v.Type() == nil || !v.Type().Is(tftypes.String) {
		return types.String{}, false
	}
	switch {
	case !v.IsKnown():
		return types.StringUnknown(), true
	case v.IsNull():
		return types.StringNull(), true
	}
	var s string
	if v.As(&s) != nil {
		return types.String{}, false
	}
	return types.StringValue(s), true
}

// BoolOf is StringOf for a bool attribute.
func BoolOf(v tftypes.Value) (types.Bool, bool) {
	if v.Type() == nil || !v.Type().Is(tftypes.Bool) {
		return types.Bool{}, false
	}
	switch {
	case !v.IsKnown():
		return types.BoolUnknown(), true
	case v.IsNull():
		return types.BoolNull(), true
	}
	var b bool
	if v.As(&b) != nil {
		return types.Bool{}, false
	}
	return types.BoolValue(b), true
}

// GetAttributeFunc is a plan's, state's or configuration's GetAttribute.
type GetAttributeFunc func(context.Context, path.Path, any) diag.Diagnostics

// ReadString is what get (raw's own GetAttribute) gives for the string at
// names, a path of attribute names: read from raw itself (Attr) when it can
// be, through get otherwise.
func ReadString(ctx context.Context, raw tftypes.Value, get GetAttributeFunc, diags *diag.Diagnostics, names ...string) types.String {
	return readAttr(ctx, raw, get, diags, StringOf, names)
}

// ReadBool is ReadString for a bool attribute.
func ReadBool(ctx context.Context, raw tftypes.Value, get GetAttributeFunc, diags *diag.Diagnostics, names ...string) types.Bool {
	return readAttr(ctx, raw, get, diags, BoolOf, names)
}

func readAttr[T any](ctx context.Context, raw tftypes.Value, get GetAttributeFunc, diags *diag.Diagnostics, of func(tftypes.Value) (T, bool), names []string) T {
	if v, ok := Attr(raw, names...); ok {
		if got, ok := of(v); ok {
			return got
		}
	}
	p := path.Root(names[0])
	for _, n := range names[1:] {
		p = p.AtName(n)
	}
	var got T
	diags.Append(get(ctx, p, &got)...)
	return got
}
