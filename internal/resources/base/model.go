package base

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"

	fwattr "github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Get and Set are the framework's Plan/State/Config Get and State/Plan Set
// for the resources' models, without the framework's reflection: it walks a
// model's struct tags and schema types on every call (compiling a regular
// expression per field, internal/reflect.isValidFieldName), which was the
// largest share of conduit's own CPU time per resource (make bench,
// -cpuprofile: reflect.Into and FromValue, a tenth of the provider's CPU at
// N=1000). Here the walk is done once per model type and kept.
//
// A model is a struct whose fields, tagged `tfsdk:"<attribute>"`, are
// fwattr.Value types (types.String, types.List, custom types, ...), pointers
// to such structs for single nested attributes, or embedded structs whose
// fields count as the model's own; a model type is used with one schema
// (the first it is seen with).
// Whatever this code does not handle the same way as the framework (another
// field kind, a value the framework would refuse or validate with an error,
// an unknown nested object) is handed to the framework's own Get or Set, so
// the result, diagnostics included, is always the framework's.

// Source is what Get reads: a plan, a state or a configuration.
type Source interface {
	tfsdk.Plan | tfsdk.State | tfsdk.Config
}

// Target is what Set writes: a plan or a state.
type Target interface {
	*tfsdk.Plan | *tfsdk.State
}

// typer is the part of the framework's (internal) schema interface used here.
type typer interface {
	Type() fwattr.Type
}

// Get reads src into target, a pointer to a model, as src.Get does.
func Get[S Source](ctx context.Context, src S, target any) diag.Diagnostics {
	switch s := any(src).(type) {
	case tfsdk.Plan:
		return get(ctx, s.Schema, s.Raw, target, s.Get)
	case tfsdk.State:
		return get(ctx, s.Schema, s.Raw, target, s.Get)
	case tfsdk.Config:
		return get(ctx, s.Schema, s.Raw, target, s.Get)
	}
	panic("unreachable")
}

// Set writes the model val (a struct or a pointer to one) into dst, as
// dst.Set does.
func Set[T Target](ctx context.Context, dst T, val any) diag.Diagnostics {
	switch d := any(dst).(type) {
	case *tfsdk.Plan:
		if v, ok := set(ctx, d.Schema, val); ok {
			slow := tfsdk.Plan{Schema: d.Schema, Raw: d.Raw}
			d.Raw = v
			return sameAsFrameworkSet(v, func() (tftypes.Value, diag.Diagnostics) { d := slow.Set(ctx, val); return slow.Raw, d })
		}
		return d.Set(ctx, val)
	case *tfsdk.State:
		if v, ok := set(ctx, d.Schema, val); ok {
			slow := tfsdk.State{Schema: d.Schema, Raw: d.Raw}
			d.Raw = v
			return sameAsFrameworkSet(v, func() (tftypes.Value, diag.Diagnostics) { d := slow.Set(ctx, val); return slow.Raw, d })
		}
		return d.Set(ctx, val)
	}
	panic("unreachable")
}

func get(ctx context.Context, schema typer, raw tftypes.Value, target any, slow func(context.Context, any) diag.Diagnostics) diag.Diagnostics {
	t := reflect.ValueOf(target)
	if t.Kind() != reflect.Pointer || t.IsNil() || t.Elem().Kind() != reflect.Struct || !raw.IsKnown() || raw.IsNull() {
		return slow(ctx, target)
	}
	m := modelOf(ctx, t.Elem().Type(), schema)
	if m == nil {
		return slow(ctx, target)
	}
	// Into a copy, so that a value handed to the framework after all
	// leaves no half-written model behind.
	out := reflect.New(m.typ).Elem()
	if !m.into(ctx, raw, out, path.Empty()) {
		return slow(ctx, target)
	}
	t.Elem().Set(out)
	if checkAgainstFramework.Load() {
		return m.sameAsFrameworkGet(ctx, out, slow)
	}
	return nil
}

func set(ctx context.Context, schema typer, val any) (tftypes.Value, bool) {
	v := reflect.ValueOf(val)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return tftypes.Value{}, false
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return tftypes.Value{}, false
	}
	m := modelOf(ctx, v.Type(), schema)
	if m == nil {
		return tftypes.Value{}, false
	}
	return m.from(ctx, v, path.Empty())
}

// model is the walk of one struct type against its object type.
type model struct {
	typ    reflect.Type
	objTyp tftypes.Object
	fields []field
}

type field struct {
	index    []int // reflect.Value.FieldByIndex, through embedded structs
	name     string
	attrType fwattr.Type
	tfType   tftypes.Type
	nested   *model // a pointer to a struct: a single nested attribute
}

var (
	attrValueType = reflect.TypeFor[fwattr.Value]()
	models        sync.Map // reflect.Type -> *model, or noModel
)

type noModelT struct{}

var noModel = noModelT{}

// modelOf is the model of a struct type, built on first use from the
// schema; nil when the type has fields this code leaves to the framework.
func modelOf(ctx context.Context, t reflect.Type, schema typer) *model {
	if got, ok := models.Load(t); ok {
		m, _ := got.(*model)
		return m
	}
	var m *model
	if ot, ok := schema.Type().(fwattr.TypeWithAttributeTypes); ok {
		m = build(ctx, t, ot)
	}
	if m == nil {
		models.Store(t, noModel)
		return nil
	}
	models.Store(t, m)
	return m
}

// build walks t against the object type: every attribute must have exactly
// one field, as the framework requires.
func build(ctx context.Context, t reflect.Type, ot fwattr.TypeWithAttributeTypes) *model {
	objTyp, ok := ot.TerraformType(ctx).(tftypes.Object)
	if !ok || len(objTyp.OptionalAttributes) > 0 {
		return nil
	}
	attrs := ot.AttributeTypes()
	m := &model{typ: t, objTyp: objTyp}
	seen := map[string]bool{}
	if !m.walk(ctx, t, nil, attrs, seen) || len(seen) != len(attrs) {
		return nil
	}
	return m
}

func (m *model) walk(ctx context.Context, t reflect.Type, prefix []int, attrs map[string]fwattr.Type, seen map[string]bool) bool {
	for i := range t.NumField() {
		f := t.Field(i)
		index := append(append([]int{}, prefix...), i)
		tag, tagged := f.Tag.Lookup("tfsdk")
		switch {
		case f.Anonymous && !tagged && f.Type.Kind() == reflect.Struct:
			if !m.walk(ctx, f.Type, index, attrs, seen) {
				return false
			}
			continue
		case !tagged || tag == "-" || !f.IsExported() || seen[tag]:
			return false
		}
		at, ok := attrs[tag]
		if !ok {
			return false
		}
		seen[tag] = true
		fd := field{index: index, name: tag, attrType: at, tfType: at.TerraformType(ctx)}
		switch {
		case f.Type.Implements(attrValueType) && f.Type.Kind() != reflect.Interface && f.Type.Kind() != reflect.Pointer:
		case f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct && !f.Type.Implements(attrValueType):
			nt, ok := at.(fwattr.TypeWithAttributeTypes)
			if !ok {
				return false
			}
			if fd.nested = build(ctx, f.Type.Elem(), nt); fd.nested == nil {
				return false
			}
		default:
			return false
		}
		m.fields = append(m.fields, fd)
	}
	return true
}

// into sets out from a known, non-null object value; false hands the whole
// Get to the framework.
func (m *model) into(ctx context.Context, raw tftypes.Value, out reflect.Value, p path.Path) bool {
	var vals map[string]tftypes.Value
	if err := raw.As(&vals); err != nil {
		return false
	}
	for _, f := range m.fields {
		v, ok := vals[f.name]
		if !ok {
			return false
		}
		dst := out.FieldByIndex(f.index)
		if f.nested != nil {
			switch {
			case !v.IsKnown():
				return false // the framework's error: a pointer cannot hold unknown
			case v.IsNull():
				dst.SetZero()
			default:
				n := reflect.New(f.nested.typ)
				if !f.nested.into(ctx, v, n.Elem(), p.AtName(f.name)) {
					return false
				}
				dst.Set(n)
			}
			continue
		}
		av, err := f.attrType.ValueFromTerraform(ctx, v)
		if err != nil || !valid(ctx, av, f.attrType, v, p.AtName(f.name)) {
			return false
		}
		rv := reflect.ValueOf(av)
		if rv.Type() != dst.Type() {
			return false
		}
		dst.Set(rv)
	}
	return true
}

// from is the object value of v; false hands the whole Set to the framework.
func (m *model) from(ctx context.Context, v reflect.Value, p path.Path) (tftypes.Value, bool) {
	vals := make(map[string]tftypes.Value, len(m.fields))
	for _, f := range m.fields {
		fv := v.FieldByIndex(f.index)
		if f.nested != nil {
			if fv.IsNil() {
				vals[f.name] = tftypes.NewValue(f.tfType, nil)
				continue
			}
			nv, ok := f.nested.from(ctx, fv.Elem(), p.AtName(f.name))
			if !ok {
				return tftypes.Value{}, false
			}
			vals[f.name] = nv
			continue
		}
		av, ok := fv.Interface().(fwattr.Value)
		if !ok {
			return tftypes.Value{}, false
		}
		tv, err := av.ToTerraformValue(ctx)
		if err != nil || !tv.Type().Equal(f.tfType) || !valid(ctx, av, f.attrType, tv, p.AtName(f.name)) {
			return tftypes.Value{}, false
		}
		vals[f.name] = tv
	}
	return newValue(m.objTyp, vals)
}

// valid runs the validation the framework runs on a value it converts
// (internal/reflect NewAttributeValue and FromAttributeValue): the value's
// own, else the schema type's.
func valid(ctx context.Context, av fwattr.Value, typ fwattr.Type, tv tftypes.Value, p path.Path) bool {
	if va, ok := av.(xattr.ValidateableAttribute); ok {
		var resp xattr.ValidateAttributeResponse
		va.ValidateAttribute(ctx, xattr.ValidateAttributeRequest{Path: p}, &resp)
		return !resp.Diagnostics.HasError()
	}
	//nolint:staticcheck // the framework still runs the deprecated type validation, so this must too
	if tv2, ok := typ.(xattr.TypeWithValidate); ok {
		return !tv2.Validate(ctx, tv, p).HasError()
	}
	return true
}

// newValue is tftypes.NewValue without its panic on a value of another type.
func newValue(t tftypes.Type, vals map[string]tftypes.Value) (v tftypes.Value, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			ok = false
		}
	}()
	return tftypes.NewValue(t, vals), true
}

// describe names a model's fields, for tests.
func describe(t reflect.Type) string {
	got, ok := models.Load(t)
	if !ok {
		return "not built"
	}
	m, ok := got.(*model)
	if !ok {
		return "left to the framework"
	}
	names := make([]string, len(m.fields))
	for i, f := range m.fields {
		names[i] = f.name
		if f.nested != nil {
			names[i] += fmt.Sprintf("{%d}", len(f.nested.fields))
		}
	}
	return strings.Join(names, ",")
}
