// Package twinprovider is the provider internal/bench/twin serves, a
// benchmark floor between the no-op provider and conduit: it serves every
// type conduit serves under its own name (twin_org_connection, ..., the data
// sources and list resources) with exactly conduit's schemas, identity
// schemas and provider schema (attributes, validators, plan modifiers: they
// are conduit's own values, and TestSchemasEqualConduits compares the whole
// GetProviderSchema and GetResourceIdentitySchemas answers), but sends no
// request and runs none of conduit's code. Create and update store the plan
// (values only the API would know filled in, see known), read returns the
// state, and each sets the identity from the state it answers, as conduit's
// resources do (Terraform and the framework then carry and check an
// identity on every call, part of what the schemas cost). Data sources and
// list resources answer nothing: the benchmark does not use them; they are
// served so that the schema Terraform loads is conduit's. What conduit costs
// above twin is its own work; what twin costs above the no-op provider is
// what its schemas cost Terraform and the framework.
package twinprovider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	lschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	conduit "github.com/conduit-tf/terraform-provider-conduit/internal/provider"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

// New is the twin provider's factory.
func New() provider.Provider {
	p, ok := conduit.New("twin")().(provider.ProviderWithListResources)
	if !ok {
		panic("conduit's provider serves no list resources")
	}
	return twinProvider{p}
}

// twinProvider is conduit's provider for its metadata and schema, with its
// types replaced by twins and its Configure by nothing.
type twinProvider struct {
	conduit provider.ProviderWithListResources
}

var _ provider.ProviderWithListResources = twinProvider{}

func (twinProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "twin"
}

func (p twinProvider) Schema(ctx context.Context, req provider.SchemaRequest, resp *provider.SchemaResponse) {
	p.conduit.Schema(ctx, req, resp)
}

func (twinProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

// conduitName is conduit's type name without the provider's: "_org_connection".
func conduitName(ctx context.Context, metadata func(context.Context, resource.MetadataRequest, *resource.MetadataResponse)) string {
	var md resource.MetadataResponse
	metadata(ctx, resource.MetadataRequest{ProviderTypeName: "conduit"}, &md)
	return strings.TrimPrefix(md.TypeName, "conduit")
}

func (p twinProvider) Resources(ctx context.Context) []func() resource.Resource {
	waiters, err := waitersFromEnv()
	if err != nil {
		panic(err)
	}
	var out []func() resource.Resource
	for _, f := range p.conduit.Resources(ctx) {
		r := f()
		var sr resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &sr)
		t := twinResource{name: conduitName(ctx, r.Metadata), schema: sr.Schema}
		t.waiter = waiters[t.name]
		if ri, ok := r.(resource.ResourceWithIdentity); ok {
			var ir resource.IdentitySchemaResponse
			ri.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &ir)
			var set base.Identity
			for name := range ir.IdentitySchema.Attributes {
				set = append(set, base.IdentityAttr{Name: name})
			}
			out = append(out, func() resource.Resource { return twinWithIdentity{t, ir.IdentitySchema, set} })
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
	waiter waiter
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

func (t twinResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	t.store(ctx, opCreate, req.Plan, &resp.State, &resp.Diagnostics)
}

// store waits as conduit's operation sends, then stores the plan, values
// only the API would know filled in.
func (t twinResource) store(ctx context.Context, op operation, plan tfsdk.Plan, state *tfsdk.State, diags *diag.Diagnostics) {
	if t.waited(ctx, op, diags) {
		return
	}
	v, err := known(plan.Raw)
	if err != nil {
		diags.AddError("twin", err.Error())
		return
	}
	state.Raw = v
}

func (t twinResource) Read(ctx context.Context, _ resource.ReadRequest, resp *resource.ReadResponse) {
	t.waited(ctx, opRead, &resp.Diagnostics)
}

func (t twinResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	t.store(ctx, opUpdate, req.Plan, &resp.State, &resp.Diagnostics)
}

func (t twinResource) Delete(ctx context.Context, _ resource.DeleteRequest, resp *resource.DeleteResponse) {
	t.waited(ctx, opDelete, &resp.Diagnostics)
}

// waited sends the operation's waits (see WaitsEnv); true when one failed.
func (t twinResource) waited(ctx context.Context, op operation, diags *diag.Diagnostics) bool {
	if err := t.waiter.wait(ctx, op); err != nil {
		diags.AddError("twin", err.Error())
		return true
	}
	return false
}

// twinWithIdentity is a twin of a resource with an identity: after create,
// read and update it sets the identity from the state it answers with
// conduit's own code (base.Identity.Set: the identity's attributes are
// strings of the same names in the state), as conduit's resources do.
type twinWithIdentity struct {
	twinResource
	identity identityschema.Schema
	set      base.Identity
}

var _ resource.ResourceWithIdentity = twinWithIdentity{}

func (t twinWithIdentity) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = t.identity
}

func (t twinWithIdentity) setIdentity(ctx context.Context, from tfsdk.State, to *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if !diags.HasError() {
		diags.Append(t.set.Set(ctx, from, to)...)
	}
}

func (t twinWithIdentity) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	t.twinResource.Create(ctx, req, resp)
	t.setIdentity(ctx, resp.State, resp.Identity, &resp.Diagnostics)
}

func (t twinWithIdentity) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	t.twinResource.Read(ctx, req, resp)
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
