package base

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	lschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// ListResourceBase is embedded by every list resource (`list` blocks of
// `terraform query`), as ResourceBase is by resources. Its type name is the
// resource's own: the framework takes the resource and identity schemas of
// the results from the resource of that name.
type ListResourceBase[T any] struct {
	Base[T]
	typeName string
	schema   func() lschema.Schema
}

// NewListResourceBase is the base of the list resource of svc's resource
// typeName (e.g. "_org_connection"), whose typed API is T.
func NewListResourceBase[T any](svc *client.Service, typeName string, schema func() lschema.Schema) ListResourceBase[T] {
	return ListResourceBase[T]{newBase[T](svc), typeName, schema}
}

// Metadata implements list.ListResource.
func (l *ListResourceBase[T]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + l.typeName
}

// ListResourceConfigSchema implements list.ListResource.
func (l *ListResourceBase[T]) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = l.schema()
}

// Configure implements list.ListResourceWithConfigure.
func (l *ListResourceBase[T]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.configure(req.ProviderData, &resp.Diagnostics)
}

// Start reads the list block's config into cfg and hands back the typed API
// and, for a scoped service, the scope (the configured one, else the
// provider's default). On a problem (an invalid config, the service or the
// scope missing) it ends the stream with the diagnostics, before any
// request, and ok is false.
func (l *ListResourceBase[T]) Start(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream, cfg any) (api T, scope string, ok bool) {
	diags := req.Config.Get(ctx, cfg)
	api = l.API(&diags)
	if !diags.HasError() && l.scope != nil {
		var v types.String
		diags.Append(req.Config.GetAttribute(ctx, path.Root(l.scope.Attr), &v)...)
		if !diags.HasError() {
			scope = l.ResolveScope(v, &diags)
		}
	}
	if diags.HasError() {
		ListDiagnostics(stream, diags)
		return api, "", false
	}
	return api, scope, true
}

// ResolveScope is the configured scope, else the provider's default; with
// neither, it adds the error naming both.
func (l *ListResourceBase[T]) ResolveScope(value types.String, diags *diag.Diagnostics) string {
	return l.scope.Resolve(value, l.DefaultScope(), "list block", diags)
}
