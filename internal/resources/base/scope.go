package base

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Scope is an attribute naming where an object lives (organization_id,
// organisation_id, namespace) that defaults to the provider's value.
type Scope struct {
	Attr         string // resource attribute, e.g. "organisation_id"
	ProviderAttr string // provider attribute, e.g. "versori.organisation_id"
	Env          string // its environment variable(s)
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
	var configured types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, p, &configured)...)
	if resp.Diagnostics.HasError() || !configured.IsNull() {
		return
	}
	if providerDefault == "" {
		resp.Diagnostics.AddAttributeError(p, "Missing "+s.Attr,
			fmt.Sprintf("Set %s on the resource, or a default with the provider's %s (environment variable %s).", s.Attr, s.ProviderAttr, s.Env))
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, p, providerDefault)...)
	if req.State.Raw.IsNull() {
		return
	}
	var prior types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, p, &prior)...)
	if !prior.IsNull() && prior.ValueString() != providerDefault {
		resp.RequiresReplace = append(resp.RequiresReplace, p)
	}
}

// Resolve picks the configured scope or the provider's default, for data
// sources and import ids that leave it out.
func Resolve(value types.String, providerDefault string) string {
	if !value.IsNull() && !value.IsUnknown() && value.ValueString() != "" {
		return value.ValueString()
	}
	return providerDefault
}

// ParseImportID splits `<scope>/<id>`, or takes a bare `<id>` in the
// provider's default scope; format is the resource's import id form.
func (s Scope) ParseImportID(id, providerDefault, format string) (scope, objectID string, err error) {
	if strings.Contains(id, "/") {
		parts, err := ParseID(id, 2, format, "/")
		if err != nil {
			return "", "", err
		}
		return parts[0], parts[1], nil
	}
	if strings.TrimSpace(id) == "" || id != strings.TrimSpace(id) {
		return "", "", fmt.Errorf("import id %q is not of the form %s", id, format)
	}
	if providerDefault == "" {
		return "", "", fmt.Errorf("import id %q has no %s and the provider has no %s (%s): use %s", id, s.Attr, s.ProviderAttr, s.Env, format)
	}
	return providerDefault, id, nil
}
