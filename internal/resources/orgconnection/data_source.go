package orgconnection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

var (
	_ datasource.DataSource = &listDataSource{}
)

// NewListDataSource is the conduit_org_connections factory.
func NewListDataSource() datasource.DataSource {
	return &listDataSource{base.NewDataSourceBase[*auth0.API](&auth0.Service, "_org_connections", listSchema)}
}

type listDataSource struct {
	base.DataSourceBase[*auth0.API]
}

type listModel struct {
	ID             types.String `tfsdk:"id"`
	OrganizationID types.String `tfsdk:"organization_id"`
	IsEnabled      types.Bool   `tfsdk:"is_enabled"`
	Connections    []model      `tfsdk:"connections"`
}

// listSchema is conduit_org_connections's schema.
func listSchema() schema.Schema {
	item := map[string]schema.Attribute{
		"id":                           schema.StringAttribute{Computed: true, MarkdownDescription: "`<organization_id>:<connection_id>`."},
		"organization_id":              schema.StringAttribute{Computed: true, MarkdownDescription: "Organization identifier."},
		"connection_id":                schema.StringAttribute{Computed: true, MarkdownDescription: "Connection identifier."},
		"organization_connection_name": schema.StringAttribute{Computed: true, MarkdownDescription: "Name in the scope of the organization, if set."},
		"assign_membership_on_login":   schema.BoolAttribute{Computed: true, MarkdownDescription: "Automatic membership on login."},
		"show_as_button":               schema.BoolAttribute{Computed: true, MarkdownDescription: "Shown on the login prompt."},
		"is_signup_enabled":            schema.BoolAttribute{Computed: true, MarkdownDescription: "Organization signup; null for enterprise strategies."},
		"organization_access_level":    schema.StringAttribute{Computed: true, MarkdownDescription: "`none`, `readonly`, `limited` or `full`."},
		"is_enabled":                   schema.BoolAttribute{Computed: true, MarkdownDescription: "Enabled for the organization."},
		"name":                         schema.StringAttribute{Computed: true, MarkdownDescription: "Connection name."},
		"strategy":                     schema.StringAttribute{Computed: true, MarkdownDescription: "Connection strategy."},
	}
	return schema.Schema{
		MarkdownDescription: "Lists the connections enabled on an Auth0 organization, all pages.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The organization id."},
			"organization_id": schema.StringAttribute{
				Required: true, MarkdownDescription: "Organization identifier.",
				Validators: []validator.String{organizationIDRule},
			},
			"is_enabled": schema.BoolAttribute{Optional: true, MarkdownDescription: "Only connections with this `is_enabled` value."},
			"connections": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The organization's connections.",
				NestedObject: schema.NestedAttributeObject{Attributes: item},
			},
		},
	}
}

func (d *listDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg listModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	api := d.API(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	org := cfg.OrganizationID.ValueString()
	items, err := api.List(ctx, org, auth0.ListOptions{IsEnabled: base.KnownBool(cfg.IsEnabled)})
	if err != nil {
		base.AddError(&resp.Diagnostics, "list connections of organization "+org, err)
		return
	}
	cfg.ID = types.StringValue(org)
	cfg.Connections = make([]model, len(items))
	for i := range items {
		// From a null model: a field the answer leaves out is null.
		cfg.Connections[i].fromAPI(org, &items[i])
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
