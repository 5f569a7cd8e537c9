package base

import (
	"context"
	"fmt"
	"strings"

	fwattr "github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Identity is a resource identity (Terraform 1.12+) whose attributes are
// string state attributes of the same names: for every resource here, the
// scope and the object's id within it. Declaring it once gives the identity
// schema, the identity set after each operation, and import by identity.
type Identity []IdentityAttr

// IdentityAttr is one identity attribute.
type IdentityAttr struct {
	Name        string
	Description string
	// Scope marks the scope attribute (organisation_id, namespace, ...) that
	// an import block may leave out: it then takes the provider's default.
	Scope bool
}

// Schema is the identity schema: every attribute a string, required for
// import except a scope with a provider default.
func (id Identity) Schema() identityschema.Schema {
	attrs := make(map[string]identityschema.Attribute, len(id))
	for _, a := range id {
		attrs[a.Name] = identityschema.StringAttribute{
			RequiredForImport: !a.Scope, OptionalForImport: a.Scope, Description: a.Description,
		}
	}
	return identityschema.Schema{Attributes: attrs}
}

// attrGetter is a state, a plan or a listed resource object.
type attrGetter interface {
	GetAttribute(ctx context.Context, p path.Path, target any) diag.Diagnostics
}

// Set copies the identity from the object just written to state (or listed).
// It is called after every Create, Read, Update and Import, so that state
// written before the resource had an identity (earlier provider versions,
// Terraform before 1.12) gains one on its next refresh: the framework treats
// a null prior identity as unset and a Read that leaves it null as an error.
// A nil identity (the framework gives none to resources without a schema)
// is left alone.
func (id Identity) Set(ctx context.Context, from attrGetter, to *tfsdk.ResourceIdentity) diag.Diagnostics {
	var diags diag.Diagnostics
	if to == nil {
		return diags
	}
	if v, ok := id.value(ctx, from, to.Raw.Type()); ok {
		to.Raw = v
		return diags
	}
	for _, a := range id {
		var v types.String
		diags.Append(from.GetAttribute(ctx, path.Root(a.Name), &v)...)
		diags.Append(to.SetAttribute(ctx, path.Root(a.Name), v)...)
	}
	return diags
}

// typeAtPath is the part of the framework's (internal) schema interface
// value uses.
type typeAtPath interface {
	TypeAtPath(context.Context, path.Path) (fwattr.Type, diag.Diagnostics)
}

// value is the identity Set writes, built straight from the source's value
// (see Attr: the same values, without a path walk and a context copy per
// attribute); false when the source, its attributes (plain strings) or the
// identity's type are not as expected, which Set then leaves to
// GetAttribute and SetAttribute.
func (id Identity) value(ctx context.Context, from attrGetter, typ tftypes.Type) (tftypes.Value, bool) {
	var raw tftypes.Value
	var sch typeAtPath
	switch f := from.(type) {
	case tfsdk.State:
		raw, sch = f.Raw, f.Schema
	case *tfsdk.State:
		raw, sch = f.Raw, f.Schema
	case tfsdk.Plan:
		raw, sch = f.Raw, f.Schema
	case *tfsdk.Resource:
		raw, sch = f.Raw, f.Schema
	default:
		return tftypes.Value{}, false
	}
	ot, ok := typ.(tftypes.Object)
	if !ok || sch == nil || raw.Type() == nil || len(ot.AttributeTypes) != len(id) {
		return tftypes.Value{}, false
	}
	vals := make(map[string]tftypes.Value, len(id))
	for _, a := range id {
		v, ok := Attr(raw, a.Name)
		if at, has := ot.AttributeTypes[a.Name]; !ok || !has || !at.Is(tftypes.String) || !v.Type().Is(tftypes.String) {
			return tftypes.Value{}, false
		}
		if st, d := sch.TypeAtPath(ctx, path.Root(a.Name)); d.HasError() || st != types.StringType {
			return tftypes.Value{}, false
		}
		vals[a.Name] = v
	}
	return newValue(ot, vals)
}

// ImportState imports by identity when the import block gives `identity =
// {…}` (req.ID is then empty), else by id through byID; either way the
// identity is set from the state the import made. defaults maps a scope
// attribute to the provider's default for it (empty when the provider has
// none): an identity that leaves a scope out takes it, and without either
// the import fails naming both.
func (id Identity) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, defaults map[string]string, byID func()) {
	if req.ID != "" || req.Identity == nil || req.Identity.Raw.IsNull() {
		byID()
	} else {
		for _, a := range id {
			var v types.String
			resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root(a.Name), &v)...)
			value := v.ValueString()
			if v.IsNull() && a.Scope {
				value = defaults[a.Name]
				if value == "" {
					resp.Diagnostics.AddAttributeError(path.Root(a.Name), "Missing "+a.Name,
						fmt.Sprintf("The import block's identity has no %s and the provider has no default for it: set identity.%s.", a.Name, a.Name))
					continue
				}
			}
			if strings.TrimSpace(value) == "" || value != strings.TrimSpace(value) {
				resp.Diagnostics.AddAttributeError(path.Root(a.Name), "Invalid identity."+a.Name,
					fmt.Sprintf("identity.%s must be a non-empty %s without surrounding spaces, got %q.", a.Name, a.Name, value))
				continue
			}
			resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(a.Name), value)...)
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(id.Set(ctx, resp.State, resp.Identity)...)
}
