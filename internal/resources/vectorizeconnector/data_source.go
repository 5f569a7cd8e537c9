package vectorizeconnector

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

var (
	_ datasource.DataSource                   = &listDataSource{}
	_ datasource.DataSourceWithValidateConfig = &listDataSource{}
)

// NewListDataSource is the conduit_vectorize_source_connectors factory.
func NewListDataSource() datasource.DataSource {
	return &listDataSource{base.NewDataSourceBase[*vectorize.API](&vectorize.Service, "_vectorize_source_connectors", listSchema)}
}

type listDataSource struct {
	base.DataSourceBase[*vectorize.API]
}

type listModel struct {
	ID               types.String `tfsdk:"id"`
	OrganizationID   types.String `tfsdk:"organization_id"`
	WorkspaceID      types.String `tfsdk:"workspace_id"`
	SourceConnectors []itemModel  `tfsdk:"source_connectors"`
}

type itemModel struct {
	ID                 types.String         `tfsdk:"id"`
	Name               types.String         `tfsdk:"name"`
	Type               types.String         `tfsdk:"type"`
	Config             jsontypes.Normalized `tfsdk:"config"`
	VerificationStatus types.String         `tfsdk:"verification_status"`
	ErrorMessage       types.String         `tfsdk:"error_message"`
	CreatedAt          types.String         `tfsdk:"created_at"`
	CreatedByEmail     types.String         `tfsdk:"created_by_email"`
	LastUpdatedByEmail types.String         `tfsdk:"last_updated_by_email"`
}

// listSchema is conduit_vectorize_source_connectors's schema.
func listSchema() schema.Schema {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return schema.Schema{
		MarkdownDescription: "Lists the source connectors of a Vectorize organization, in one request: the API answers the whole list " +
			"(`GET /v1/org/{organizationId}/connectors/sources`). Should a deployment answer a `nextToken`, the next pages are read too.",
		Attributes: map[string]schema.Attribute{
			"id": str("The organization id."),
			"organization_id": schema.StringAttribute{
				Optional: true, Computed: true, MarkdownDescription: "Vectorize organization; defaults to the provider's `vectorize.organization_id`.",
				Validators: []validator.String{notEmpty{defaultedOrg}},
			},
			"workspace_id": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only the connectors of this workspace.",
				Validators: []validator.String{notEmpty{"leave it out to list the connectors of every workspace"}},
			},
			"source_connectors": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The connectors, in the API's order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":   str("Connector UUID."),
					"name": str("Connector name."),
					"type": str("Connector type."),
					"config": schema.StringAttribute{
						CustomType: jsontypes.NormalizedType{}, Computed: true,
						MarkdownDescription: "The API's `configDoc` as JSON: the settings without their secrets (secret keys are dropped even if the API returns them).",
					},
					"verification_status":   str("Verification status."),
					"error_message":         str("Error message, if any."),
					"created_at":            str("Creation time."),
					"created_by_email":      str("Creator's email."),
					"last_updated_by_email": str("Last updater's email."),
				}},
			},
		},
	}
}

// ValidateConfig fails before any request when the service or the organization is missing.
func (d *listDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	d.CheckScope(ctx, req.Config, &resp.Diagnostics)
}

func (d *listDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg listModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	api := d.API(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	org := d.ResolveScope(cfg.OrganizationID, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	items, err := api.List(ctx, org, vectorize.ListOptions{WorkspaceID: cfg.WorkspaceID.ValueString()})
	if err != nil {
		base.AddError(&resp.Diagnostics, "list source connectors of organization "+org, err)
		return
	}
	cfg.ID = types.StringValue(org)
	cfg.OrganizationID = types.StringValue(org)
	cfg.SourceConnectors = make([]itemModel, len(items))
	for i, sc := range items {
		cfg.SourceConnectors[i] = itemModel{
			ID: types.StringValue(sc.ID), Name: types.StringValue(sc.Name), Type: types.StringValue(sc.Type),
			Config:             fullConfig(sc.Type, sc.ConfigDoc),
			VerificationStatus: stringOrNull(sc.VerificationStatus), ErrorMessage: stringOrNull(sc.ErrorMessage),
			CreatedAt: stringOrNull(sc.CreatedAt), CreatedByEmail: stringOrNull(sc.CreatedByEmail),
			LastUpdatedByEmail: stringOrNull(sc.LastUpdatedByEmail),
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
