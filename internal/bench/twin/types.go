package main

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	lschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// conduitName is conduit's type name without the provider's: "_org_connection".
func conduitName(ctx context.Context, metadata func(context.Context, resource.MetadataRequest, *resource.MetadataResponse)) string {
	var md resource.MetadataResponse
	metadata(ctx, resource.MetadataRequest{ProviderTypeName: "conduit"}, &md)
	return strings.TrimPrefix(md.TypeName, "conduit")
}

func (p twinProvider) Resources(ctx context.Context) []func() resource.Resource {
	var out []func() resource.Resource
	for _, f := range p.conduit.Resources(ctx) {
		r := f()
		var sr resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &sr)
		t := twinResource{name: conduitName(ctx, r.Metadata), schema: sr.Schema}
		if ri, ok := r.(resource.ResourceWithIdentity); ok {
			var ir resource.IdentitySchemaResponse
			ri.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &ir)
			out = append(out, func() resource.Resource { return twinWithIdentity{t, ir.IdentitySchema} })
			continue
		}
		out = append(out, func() resource.Resource { return t })
	}
	return out
}

func (p twinProvider) DataSources(ctx context.Context) []func() datasource.DataSource {
	var out []func() datasource.DataSource
	for _, f := range p.conduit.DataSources(ctx) {
		d := f()
		var md datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "conduit"}, &md)
		var sr datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &sr)
		t := twinDataSource{name: strings.TrimPrefix(md.TypeName, "conduit"), schema: sr.Schema}
		out = append(out, func() datasource.DataSource { return t })
	}
	return out
}

func (p twinProvider) ListResources(ctx context.Context) []func() list.ListResource {
	var out []func() list.ListResource
	for _, f := range p.conduit.ListResources(ctx) {
		l := f()
		var sr list.ListResourceSchemaResponse
		l.ListResourceConfigSchema(ctx, list.ListResourceSchemaRequest{}, &sr)
		t := twinList{name: conduitName(ctx, l.Metadata), schema: sr.Schema}
		out = append(out, func() list.ListResource { return t })
	}
	return out
}

// twinResource stores what it is given and sends nothing.
type twinResource struct {
	name   string
	schema rschema.Schema
}

func (t twinResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + t.name
}

func (t twinResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = t.schema
}

// known replaces the values only the API would know: a string with
// "twin", a bool with false, a number with 0 (so that an id in the
// identity has a value, as conduit's has from the API), anything else with
// null.
func known(v tftypes.Value) (tftypes.Value, error) {
	return tftypes.Transform(v, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		switch {
		case v.Type().Is(tftypes.String):
			return tftypes.NewValue(tftypes.String, "twin"), nil
		case v.Type().Is(tftypes.Bool):
			return tftypes.NewValue(tftypes.Bool, false), nil
		case v.Type().Is(tftypes.Number):
			return tftypes.NewValue(tftypes.Number, 0), nil
		}
		return tftypes.NewValue(v.Type(), nil), nil
	})
}

func (t twinResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	v, err := known(req.Plan.Raw)
	if err != nil {
		resp.Diagnostics.AddError("twin", err.Error())
		return
	}
	resp.State.Raw = v
}

func (t twinResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (t twinResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	v, err := known(req.Plan.Raw)
	if err != nil {
		resp.Diagnostics.AddError("twin", err.Error())
		return
	}
	resp.State.Raw = v
}

func (t twinResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// twinWithIdentity is a twin of a resource with an identity: after create,
// read and update it copies the identity's attributes (strings of the same
// names in the state, as base.Identity declares them) from the state it
// answers, as conduit's resources do.
type twinWithIdentity struct {
	twinResource
	identity identityschema.Schema
}

var _ resource.ResourceWithIdentity = twinWithIdentity{}

func (t twinWithIdentity) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = t.identity
}

func (t twinWithIdentity) setIdentity(ctx context.Context, from tfsdk.State, to *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if to == nil || diags.HasError() {
		return
	}
	for name := range t.identity.Attributes {
		var v types.String
		diags.Append(from.GetAttribute(ctx, path.Root(name), &v)...)
		diags.Append(to.SetAttribute(ctx, path.Root(name), v)...)
	}
}

func (t twinWithIdentity) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	t.twinResource.Create(ctx, req, resp)
	t.setIdentity(ctx, resp.State, resp.Identity, &resp.Diagnostics)
}

func (t twinWithIdentity) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	t.setIdentity(ctx, req.State, resp.Identity, &resp.Diagnostics)
}

func (t twinWithIdentity) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	t.twinResource.Update(ctx, req, resp)
	t.setIdentity(ctx, resp.State, resp.Identity, &resp.Diagnostics)
}

// twinDataSource answers its configuration.
type twinDataSource struct {
	name   string
	schema dschema.Schema
}

func (t twinDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + t.name
}

func (t twinDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = t.schema
}

func (t twinDataSource) Read(context.Context, datasource.ReadRequest, *datasource.ReadResponse) {}

// twinList finds nothing.
type twinList struct {
	name   string
	schema lschema.Schema
}

func (t twinList) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + t.name
}

func (t twinList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = t.schema
}

func (t twinList) List(_ context.Context, _ list.ListRequest, resp *list.ListResultsStream) {
	resp.Results = list.NoListResults
}
