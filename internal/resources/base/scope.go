package base

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// Scope is an attribute naming where an object lives (organization_id,
// organisation_id, namespace) that defaults to the provider's value: the
// service's scope setting, which the bases derive from its table.
type Scope struct {
	Attr         string // resource attribute, e.g. "organisation_id"
	ProviderAttr string // provider attribute, e.g. "versori.organisation_id"
	Env          string // its environment variable
}

// ScopeOf is the scope of a service's resources: its scope setting, whose
// attribute names the resources' attribute too.
func ScopeOf(svc *client.Service) (Scope, bool) {
	st, ok := svc.ScopeSetting()
	if !ok {
		return Scope{}, false
	}
	return Scope{Attr: st.Attr, ProviderAttr: svc.Block + "." + st.Attr, Env: st.Env[0]}, true
}

// missing is the one error for a scope set neither on the resource or data
// source (on) nor as the provider's default.
func (s Scope) missing(on string, diags *diag.Diagnostics) {
	diags.AddAttributeError(path.Root(s.Attr), "Missing "+s.Attr,
		fmt.Sprintf("Set %s on the %s, or a default with the provider's %s (environment variable %s).", s.Attr, on, s.ProviderAttr, s.Env))
}

// Default is called from ModifyPlan: a scope left out of the configuration
// takes the provider's default; with neither, the plan fails naming both.
// A changed scope replaces the object, as the attribute's RequiresReplace
// modifier ran before this default was known.
func (s Scope) Default(ctx context.Context, providerDefault string, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	p := path.Root(s.Attr)
	configured := ReadString(ctx, req.Config.Raw, req.Config.GetAttribute, &resp.Diagnostics, s.Attr)
	if resp.Diagnostics.HasError() || !configured.IsNull() {
		return
	}
	if providerDefault == "" {
		s.missing("resource", &resp.Diagnostics)
		return
	}
	// A refresh plans most objects with the default already in the plan
	// (their state's value): setting it again would change nothing.
	if planned := ReadString(ctx, resp.Plan.Raw, resp.Plan.GetAttribute, &resp.Diagnostics, s.Attr); !planned.Equal(types.StringValue(providerDefault)) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, p, providerDefault)...)
	}
	if req.State.Raw.IsNull() {
		return
	}
	prior := ReadString(ctx, req.State.Raw, req.State.GetAttribute, &resp.Diagnostics, s.Attr)
	if !prior.IsNull() && prior.ValueString() != providerDefault {
		resp.RequiresReplace = append(resp.RequiresReplace, p)
	}
}

// Resolve is the configured scope, else the provider's default, for data
// sources; with neither, it adds the error naming both and returns "".
func (s Scope) Resolve(value types.String, providerDefault, on string, diags *diag.Diagnostics) string {
	if !value.IsNull() && !value.IsUnknown() && value.ValueString() != "" {
		return value.ValueString()
	}
	if providerDefault == "" {
		s.missing(on, diags)
	}
	return providerDefault
}

// ImportID is how a resource's import id names an object in its scope:
// `<scope>/<part>/…`, or the parts alone in the provider's default scope.
type ImportID struct {
	// Attrs are the attributes of the parts after the scope, in order.
	Attrs []string
	// Format shows the accepted forms in errors.
	Format string
	// Bare, when set, refuses parts given without a scope that the API would
	// not accept (the full form is the user's explicit choice).
	Bare func(parts []string) bool
}

// ParseImportID splits an import id into the scope and the parts: with
// every separator, `<scope>/<part>/…`; with one less, the parts in the
// provider's default scope.
func (s Scope) ParseImportID(id, providerDefault string, form ImportID) ([]string, error) {
	n := len(form.Attrs)
	if strings.Count(id, "/") != n-1 {
		return ParseID(id, n+1, form.Format, "/")
	}
	parts := []string{id}
	if n > 1 {
		var err error
		if parts, err = ParseID(id, n, form.Format, "/"); err != nil {
			return nil, err
		}
	} else if strings.TrimSpace(id) == "" || id != strings.TrimSpace(id) {
		return nil, fmt.Errorf("import id %q is not of the form %s", id, form.Format)
	}
	if providerDefault == "" {
		return nil, fmt.Errorf("import id %q has no %s and the provider has no %s (%s): use %s", id, s.Attr, s.ProviderAttr, s.Env, form.Format)
	}
	if form.Bare != nil && !form.Bare(parts) {
		return nil, fmt.Errorf("import id %q is not of the form %s", id, form.Format)
	}
	return append([]string{providerDefault}, parts...), nil
}

// Import sets the scope and the parts from the import id; false after an
// invalid id, which it reports.
func (s Scope) Import(ctx context.Context, id, providerDefault string, form ImportID, resp *resource.ImportStateResponse) bool {
	parts, err := s.ParseImportID(id, providerDefault, form)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import id", err.Error())
		return false
	}
	for i, a := range append([]string{s.Attr}, form.Attrs...) {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(a), parts[i])...)
	}
	return !resp.Diagnostics.HasError()
}
