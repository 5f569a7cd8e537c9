package orgconnection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

var _ list.ListResourceWithConfigure = &listResource{}

// NewListResource is the conduit_org_connection list resource factory
// (`list "conduit_org_connection"` blocks of `terraform query`, Terraform 1.14+).
func NewListResource() list.ListResource {
	return &listResource{base.NewListResourceBase[*auth0.API](&auth0.Service, "_org_connection", listResourceSchema)}
}

type listResource struct {
	base.ListResourceBase[*auth0.API]
}

type listConfig struct {
	OrganizationID types.String `tfsdk:"organization_id"`
	IsEnabled      types.Bool   `tfsdk:"is_enabled"`
}

func listResourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Finds the connections enabled on an Auth0 organization, every page of " +
			"`GET /api/v2/organizations/{id}/connections` (100 per request) up to the list block's `limit`. " +
			"Each result's display name is its `organization_connection_name`, else the connection's name.",
		Attributes: map[string]schema.Attribute{
			"organization_id": schema.StringAttribute{
				Required: true, MarkdownDescription: "Organization identifier (1–50 characters).",
				Validators: []validator.String{organizationIDRule},
			},
			"is_enabled": schema.BoolAttribute{
				Optional: true, MarkdownDescription: "Only connections with this `is_enabled` value.",
			},
		},
	}
}

func (l *listResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg listConfig
	api, _, ok := l.Start(ctx, req, stream, &cfg)
	if !ok {
		return
	}
	org := cfg.OrganizationID.ValueString()
	items := api.Each(ctx, org, auth0.ListOptions{IsEnabled: base.KnownBool(cfg.IsEnabled)})
	base.StreamList(ctx, req, stream, identity, "list connections of organization "+org, items,
		func(got auth0.OrganizationConnection) base.ListItem[model] {
			// From a null model, as Read after an import: a field the
			// answer leaves out is null.
			var m model
			m.fromAPI(org, &got)
			return base.ListItem[model]{Model: m, DisplayName: displayName(&got)}
		})
}

// displayName is the pair's own name in the organization, which the login
// prompt shows; without one, the connection's name, unique in the tenant;
// the id when the answer has neither.
func displayName(c *auth0.OrganizationConnection) string {
	switch {
	case c.OrganizationConnectionName != nil && *c.OrganizationConnectionName != "":
		return *c.OrganizationConnectionName
	case c.Connection != nil && c.Connection.Name != "":
		return c.Connection.Name
	}
	return c.ConnectionID
}
