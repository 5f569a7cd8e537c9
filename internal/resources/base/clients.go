package base

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// Clients is what the provider's Configure hands every resource and data
// source: the typed API of each configured service and its default scope,
// by service block. The APIs cannot be typed fields of a struct in package
// client, since each vendor package imports the core (a cycle); held by
// block and read through API, one type assertion in one place, they need no
// field per vendor.
type Clients struct {
	apis   map[string]any
	scopes map[string]string
}

// NewClients is an empty set: no service configured.
func NewClients() *Clients {
	return &Clients{apis: map[string]any{}, scopes: map[string]string{}}
}

// Add records a configured service: its typed API and its default scope.
func (c *Clients) Add(svc *client.Service, api any, scope string) {
	c.apis[svc.Block], c.scopes[svc.Block] = api, scope
}

// API returns the typed API of a service, false when it is not configured.
func API[T any](c *Clients, svc *client.Service) (T, bool) {
	if c == nil {
		var none T
		return none, false
	}
	api, ok := c.apis[svc.Block].(T)
	return api, ok
}

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

// ResourceBase is embedded by every resource: it configures the resource
// and gives it its service's typed API (the aws provider's
// framework.ResourceWithConfigure, typed).
type ResourceBase[T any] struct{ Base[T] }

// NewResourceBase is the base of a resource of svc, whose typed API is T.
func NewResourceBase[T any](svc *client.Service) ResourceBase[T] {
	return ResourceBase[T]{newBase[T](svc)}
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
type DataSourceBase[T any] struct{ Base[T] }

// NewDataSourceBase is the base of a data source of svc, whose typed API is T.
func NewDataSourceBase[T any](svc *client.Service) DataSourceBase[T] {
	return DataSourceBase[T]{newBase[T](svc)}
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
