package vectorizeconnector

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

var _ list.ListResourceWithConfigure = &listResource{}

// NewListResource is the conduit_vectorize_source_connector list resource
// factory (`list` blocks of `terraform query`, Terraform 1.14+).
func NewListResource() list.ListResource {
	return &listResource{base.NewListResourceBase[*vectorize.API](&vectorize.Service, "_vectorize_source_connector", listResourceSchema)}
}

type listResource struct {
	base.ListResourceBase[*vectorize.API]
}

type listConfig struct {
	OrganizationID types.String `tfsdk:"organization_id"`
	Type           types.String `tfsdk:"type"`
}

func listResourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Finds the source connectors of a Vectorize organization: `GET /v1/org/{organizationId}/connectors/sources`, " +
			"which answers the whole list at once (a `nextToken`, should the API send one, is followed, one page at a time, " +
			"up to the list block's `limit`). Each result's display name is the connector's name; its secret settings are " +
			"never listed (see the resource's \"Adopting with terraform query\").",
		Attributes: map[string]schema.Attribute{
			"organization_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Vectorize organization; defaults to the provider's `vectorize.organization_id`.",
				Validators:          []validator.String{notEmpty{defaultedOrg}},
			},
			"type": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Only the connectors of this type, e.g. `AWS_S3` (the API has no such filter: " +
					"the provider applies it to what the list returns).",
				Validators: []validator.String{typeValidator()},
			},
		},
	}
}

func (l *listResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg listConfig
	api, org, ok := l.Start(ctx, req, stream, &cfg)
	if !ok {
		return
	}
	items := api.Each(ctx, org, vectorize.ListOptions{Type: cfg.Type.ValueString()})
	base.StreamList(ctx, req, stream, identity, "list source connectors of organization "+org, items,
		func(got vectorize.SourceConnector) base.ListItem[model] {
			// As Read sets it after an import: config whole from the
			// answer, secrets and the workspace (never returned) null.
			var m model
			m.fromAPI(org, &got, true)
			return base.ListItem[model]{Model: m, DisplayName: got.Name}
		})
}
