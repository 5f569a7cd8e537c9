package base

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// Base is what the resources and data sources of a service share, embedded
// through ResourceBase or DataSourceBase: the service, the clients the
// provider configured (nil until then) and the scope.
type Base[T any] struct {
	svc     *client.Service
	scope   *Scope
	clients *Clients
}

func newBase[T any](svc *client.Service) Base[T] {
	b := Base[T]{svc: svc}
	if s, ok := ScopeOf(svc); ok {
		b.scope = &s
	}
	return b
}

// configure takes the provider data; nil (validation runs before the
// provider is configured) leaves the clients unset without an error.
func (b *Base[T]) configure(providerData any, diags *diag.Diagnostics) {
	if providerData == nil {
		return
	}
	c, ok := providerData.(*Clients)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("expected *base.Clients, got %T; please report this issue", providerData))
		return
	}
	b.clients = c
}

// API is the service's typed API, or the zero value with the one diagnostic
// that names the missing block and environment variables.
func (b *Base[T]) API(diags *diag.Diagnostics) T {
	api, ok := API[T](b.clients, b.svc)
	if !ok {
		diags.AddError(fmt.Sprintf("The %s service is not configured", b.svc.Block),
			fmt.Sprintf("This resource needs the provider's %q block, or the environment variables %s.", b.svc.Block, b.svc.Needs()))
	}
	return api
}

// CheckConfigured fails a plan or validation, before any request, when the
// service is missing. Before the provider is configured it does nothing.
func (b *Base[T]) CheckConfigured(diags *diag.Diagnostics) {
	if b.clients != nil {
		b.API(diags)
	}
}

// DefaultScope is the provider's default scope ("" when it has none).
func (b *Base[T]) DefaultScope() string {
	if b.clients == nil {
		return ""
	}
	return b.clients.scopes[b.svc.Block]
}

// ResourceBase is embedded by every resource: it names the resource,
// gives its schema, configures it and hands it its service's typed API (the
// aws provider's framework.ResourceWithConfigure, typed).
type ResourceBase[T any] struct {
	Base[T]
	typeName string
	schema   func() rschema.Schema
}

// NewResourceBase is the base of a resource of svc, whose typed API is T:
// its type is the provider's name and typeName, e.g. "_org_connection".
func NewResourceBase[T any](svc *client.Service, typeName string, schema func() rschema.Schema) ResourceBase[T] {
	return ResourceBase[T]{newBase[T](svc), typeName, schema}
}

// Metadata implements resource.Resource.
func (r *ResourceBase[T]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + r.typeName
}

// Schema implements resource.Resource.
func (r *ResourceBase[T]) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.schema()
}

// Configure implements resource.ResourceWithConfigure.
func (r *ResourceBase[T]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.configure(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan implements resource.ResourceWithModifyPlan: without the
// service the plan fails before any request; otherwise a scope left out
// takes the provider's default. A resource with more to plan calls it first.
func (r *ResourceBase[T]) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.CheckConfigured(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || r.scope == nil || r.clients == nil {
		return
	}
	r.scope.Default(ctx, r.DefaultScope(), req, resp)
}

// ImportScoped is ImportState for an id of the given form in the resource's
// scope; false after an invalid id, which it reports.
func (r *ResourceBase[T]) ImportScoped(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, form ImportID) bool {
	return r.scope.Import(ctx, req.ID, r.DefaultScope(), form, resp)
}

// DataSourceBase is embedded by every data source, as ResourceBase is by
// resources.
type DataSourceBase[T any] struct {
	Base[T]
	typeName string
	schema   func() dschema.Schema
}

// NewDataSourceBase is the base of a data source of svc, whose typed API is
// T: its type is the provider's name and typeName.
func NewDataSourceBase[T any](svc *client.Service, typeName string, schema func() dschema.Schema) DataSourceBase[T] {
	return DataSourceBase[T]{newBase[T](svc), typeName, schema}
}

// Metadata implements datasource.DataSource.
func (d *DataSourceBase[T]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.typeName
}

// Schema implements datasource.DataSource.
func (d *DataSourceBase[T]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.schema()
}

// Configure implements datasource.DataSourceWithConfigure.
func (d *DataSourceBase[T]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.configure(req.ProviderData, &resp.Diagnostics)
}

// CheckScope fails a validation, before any request, when the service or
// the scope is missing. Before the provider is configured it does nothing.
func (d *DataSourceBase[T]) CheckScope(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) {
	if d.clients == nil {
		return
	}
	d.CheckConfigured(diags)
	if diags.HasError() {
		return
	}
	var v types.String
	diags.Append(config.GetAttribute(ctx, path.Root(d.scope.Attr), &v)...)
	if v.IsNull() && !diags.HasError() {
		d.ResolveScope(v, diags)
	}
}

// ResolveScope is the configured scope, else the provider's default; with
// neither, it adds the error naming both.
func (d *DataSourceBase[T]) ResolveScope(value types.String, diags *diag.Diagnostics) string {
	return d.scope.Resolve(value, d.DefaultScope(), "data source", diags)
}
