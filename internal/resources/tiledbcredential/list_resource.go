package tiledbcredential

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

var _ list.ListResourceWithConfigure = &listResource{}

// NewListResource is the conduit_tiledb_credential list resource factory
// (`list "conduit_tiledb_credential"` blocks of `terraform query`, Terraform 1.14+).
func NewListResource() list.ListResource {
	return &listResource{base.NewListResourceBase[*tiledb.API](&tiledb.Service, "_tiledb_credential", listResourceSchema)}
}

type listResource struct {
	base.ListResourceBase[*tiledb.API]
}

type listConfig struct {
	Namespace     types.String `tfsdk:"namespace"`
	CloudProvider types.String `tfsdk:"cloud_provider"`
}

func listResourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Finds the access credentials of a TileDB namespace, every page of " +
			"`GET /v2/credentials/{namespace}` (100 per request) up to the list block's `limit`. " +
			"Each result's display name is the credential's name. The API returns no secret: see " +
			"\"Adopting with terraform query\" on the `conduit_tiledb_credential` resource page for what to fill in.",
		Attributes: map[string]schema.Attribute{
			"namespace": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Namespace. Defaults to the provider's `tiledb.namespace`.",
				Validators: []validator.String{pathSegment},
			},
			"cloud_provider": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only credentials of this cloud provider: `AWS`, `AZURE` or `GCP`.",
				Validators: []validator.String{cloudProviderRule},
			},
		},
	}
}

func (l *listResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg listConfig
	api, ns, ok := l.Start(ctx, req, stream, &cfg)
	if !ok {
		return
	}
	items := api.Each(ctx, ns, tiledb.ListOptions{Provider: cfg.CloudProvider.ValueString()})
	base.StreamList(ctx, req, stream, identity, "list TileDB credentials of namespace "+ns, items,
		func(got tiledb.AccessCredential) base.ListItem[model] {
			// From a null model, as Read after an import: no secret, no
			// secret_wo_version.
			var m model
			m.fromAPI(ns, &got)
			return base.ListItem[model]{Model: m, DisplayName: got.Name}
		})
}
