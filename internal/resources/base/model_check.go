package base

import (
	"context"
	"fmt"
	"reflect"
	"sync/atomic"

	fwattr "github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// checkAgainstFramework makes every Get and Set that took the fast path also
// run the framework's own Get or Set and fail on any difference. Get and
// Set stand in for the framework's reflection, so the acceptance suite turns
// this on (acctest): every model of every resource is then compared on the
// values the tests really produce, not only on model_test.go's samples.
var checkAgainstFramework atomic.Bool

// CheckModelsAgainstFramework turns the comparison on for the process.
func CheckModelsAgainstFramework() { checkAgainstFramework.Store(true) }

const codecMismatch = "base.Get/Set differ from the framework's"

func (m *model) sameAsFrameworkGet(ctx context.Context, got reflect.Value, frameworkGet func(context.Context, any) diag.Diagnostics) diag.Diagnostics {
	want := reflect.New(m.typ)
	if d := frameworkGet(ctx, want.Interface()); d.HasError() {
		var diags diag.Diagnostics
		diags.AddError(codecMismatch, fmt.Sprintf("%s: base.Get read a value the framework refuses: %v", m.typ, d))
		return diags
	}
	if where := m.differs(got, want.Elem()); where != "" {
		var diags diag.Diagnostics
		diags.AddError(codecMismatch, fmt.Sprintf("%s: base.Get read %s differently from the framework", m.typ, where))
		return diags
	}
	return nil
}

// differs names the first field whose values are not Equal, or "".
func (m *model) differs(a, b reflect.Value) string {
	for _, f := range m.fields {
		fa, fb := a.FieldByIndex(f.index), b.FieldByIndex(f.index)
		if f.nested != nil {
			switch {
			case fa.IsNil() != fb.IsNil():
				return fmt.Sprintf("%s (null in one of them)", f.name)
			case !fa.IsNil():
				if where := f.nested.differs(fa.Elem(), fb.Elem()); where != "" {
					return f.name + "." + where
				}
			}
			continue
		}
		va, _ := fa.Interface().(fwattr.Value)
		vb, _ := fb.Interface().(fwattr.Value)
		// The field's name only: a value may be a secret.
		if va == nil || vb == nil || !va.Equal(vb) {
			return f.name
		}
	}
	return ""
}

func sameAsFrameworkSet(fast tftypes.Value, frameworkSet func() (tftypes.Value, diag.Diagnostics)) diag.Diagnostics {
	if !checkAgainstFramework.Load() {
		return nil
	}
	var diags diag.Diagnostics
	want, d := frameworkSet()
	switch {
	case d.HasError():
		diags.AddError(codecMismatch, fmt.Sprintf("base.Set wrote a value the framework refuses: %v", d))
	case !want.Equal(fast):
		// Where they differ, not the values: a value may be a secret.
		var paths []string
		diffs, err := fast.Diff(want)
		for _, vd := range diffs {
			paths = append(paths, vd.Path.String())
		}
		diags.AddError(codecMismatch, fmt.Sprintf("base.Set wrote another value than the framework at %v (%v)", paths, err))
	}
	return diags
}
