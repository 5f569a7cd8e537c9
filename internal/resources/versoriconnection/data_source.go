package versoriconnection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

var (
	_ datasource.DataSource = &connectionDataSource{}
	_ datasource.DataSource = &listDataSource{}
)

// NewDataSource is the conduit_versori_connection factory.
func NewDataSource() datasource.DataSource {
	return &connectionDataSource{base.NewDataSourceBase[*versori.API](&versori.Service, "_versori_connection", dataSourceSchema)}
}

// NewListDataSource is the conduit_versori_connections factory.
func NewListDataSource() datasource.DataSource {
	return &listDataSource{base.NewDataSourceBase[*versori.API](&versori.Service, "_versori_connections", listSchema)}
}

type connectionDataSource struct {
	base.DataSourceBase[*versori.API]
}

// dataModel is the resource's model less force_delete.
type dataModel struct {
	ID                   types.String `tfsdk:"id"`
	OrganisationID       types.String `tfsdk:"organisation_id"`
	Name                 types.String `tfsdk:"name"`
	Protocol             types.String `tfsdk:"protocol"`
	BaseURL              types.String `tfsdk:"base_url"`
	DatasetID            types.String `tfsdk:"dataset_id"`
	AuthSchemeConfigs    types.List   `tfsdk:"auth_scheme_configs"`
	EnvironmentVariables types.Map    `tfsdk:"environment_variables"`
	Environments         types.List   `tfsdk:"environments"`
	CreatedAt            types.String `tfsdk:"created_at"`
	UpdatedAt            types.String `tfsdk:"updated_at"`
	Versions             types.List   `tfsdk:"versions"`
}

// dataFromAPI shows every environment variable, inherited ones included: a
// data source has no configuration to compare with.
func dataFromAPI(ctx context.Context, c *versori.Connection, diags *diag.Diagnostics) dataModel {
	m := fromAPI(ctx, c, emptyModel(), false, diags)
	return dataModel{m.ID, m.OrganisationID, m.Name, m.Protocol, m.BaseURL, m.DatasetID, m.AuthSchemeConfigs,
		m.EnvironmentVariables, m.Environments, m.CreatedAt, m.UpdatedAt, m.Versions}
}

func computedScheme() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"scheme_type":   schema.StringAttribute{Computed: true, MarkdownDescription: "Auth scheme type."},
		"name":          schema.StringAttribute{Computed: true, MarkdownDescription: "Parameter name (api-key, hmac)."},
		"in":            schema.StringAttribute{Computed: true, MarkdownDescription: "Parameter location (api-key, hmac)."},
		"algorithm":     schema.StringAttribute{Computed: true, MarkdownDescription: "HMAC algorithm."},
		"digest_inputs": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "HMAC digest inputs."},
		"authorize_url": schema.StringAttribute{Computed: true, MarkdownDescription: "OAuth 2 authorization URL."},
		"token_url":     schema.StringAttribute{Computed: true, MarkdownDescription: "OAuth 2 token URL."},
		"scopes": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "OAuth 2 scopes.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"name":        schema.StringAttribute{Computed: true, MarkdownDescription: "Scope name."},
				"description": schema.StringAttribute{Computed: true, MarkdownDescription: "Scope description."},
			}}},
		"flows": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "OAuth 2 flows.",
			Attributes: map[string]schema.Attribute{
				"client_credentials":               schema.BoolAttribute{Computed: true, MarkdownDescription: "The client credentials flow is supported."},
				"authorization_code_credential_id": schema.StringAttribute{Computed: true, MarkdownDescription: "Credential of the authorization code flow."},
			}},
	}
}

func computedCredentials(kind string) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{Computed: true, MarkdownDescription: "Credentials the environment's " + kind + " use.",
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"credential_id":      schema.StringAttribute{Computed: true, MarkdownDescription: "Organisation credential ID."},
			"auth_scheme_config": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "Auth scheme it serves.", Attributes: computedScheme()},
		}}}
}

// connectionAttributes are the data sources' view of a connection; the
// single data source overrides id and organisation_id as inputs.
func connectionAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":              schema.StringAttribute{Computed: true, MarkdownDescription: "Connection ULID."},
		"organisation_id": schema.StringAttribute{Computed: true, MarkdownDescription: "Owning organisation."},
		"name":            schema.StringAttribute{Computed: true, MarkdownDescription: "Connection name."},
		"protocol":        schema.StringAttribute{Computed: true, MarkdownDescription: "`http` or `bigquery`."},
		"base_url":        schema.StringAttribute{Computed: true, MarkdownDescription: "Base URL (http)."},
		"dataset_id":      schema.StringAttribute{Computed: true, MarkdownDescription: "BigQuery dataset (bigquery)."},
		"auth_scheme_configs": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "Auth schemes.",
			NestedObject: schema.NestedAttributeObject{Attributes: computedScheme()}},
		"environment_variables": schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Default environment variables."},
		"environments": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "Environments.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"id":                  schema.StringAttribute{Computed: true, MarkdownDescription: "Environment ULID."},
				"name":                schema.StringAttribute{Computed: true, MarkdownDescription: "Environment name."},
				"variables":           schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "All the environment's variables, inherited ones included."},
				"action_credentials":  computedCredentials("actions"),
				"trigger_credentials": computedCredentials("triggers"),
			}}},
		"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "Creation time."},
		"updated_at": schema.StringAttribute{Computed: true, MarkdownDescription: "Last update time."},
		"versions": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "Versions.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"id":           schema.StringAttribute{Computed: true, MarkdownDescription: "Version ULID."},
				"name":         schema.StringAttribute{Computed: true, MarkdownDescription: "Version name."},
				"description":  schema.StringAttribute{Computed: true, MarkdownDescription: "Version description."},
				"is_latest":    schema.BoolAttribute{Computed: true, MarkdownDescription: "Latest version."},
				"is_default":   schema.BoolAttribute{Computed: true, MarkdownDescription: "Default version."},
				"created_at":   schema.StringAttribute{Computed: true, MarkdownDescription: "Creation time."},
				"updated_at":   schema.StringAttribute{Computed: true, MarkdownDescription: "Last update time."},
				"published_at": schema.StringAttribute{Computed: true, MarkdownDescription: "Publication time."},
			}}},
	}
}

func organisationInput() schema.StringAttribute {
	return schema.StringAttribute{Optional: true, Computed: true,
		MarkdownDescription: "Organisation (ULID); defaults to the provider's `versori.organisation_id`.",
		Validators:          []validator.String{ulid{}}}
}

// dataSourceSchema is conduit_versori_connection's schema.
func dataSourceSchema() schema.Schema {
	attrs := connectionAttributes()
	attrs["id"] = schema.StringAttribute{Required: true, MarkdownDescription: "Connection ULID.",
		Validators: []validator.String{ulid{}}}
	attrs["organisation_id"] = organisationInput()
	return schema.Schema{MarkdownDescription: "Reads one Versori Connect connection by id (one request).", Attributes: attrs}
}

func (d *connectionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg dataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	api := d.API(&resp.Diagnostics)
	org := d.ResolveScope(cfg.OrganisationID, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	got, err := api.Get(ctx, org, cfg.ID.ValueString())
	if err != nil {
		base.AddError(&resp.Diagnostics, "read connection "+cfg.ID.ValueString(), err)
		return
	}
	m := dataFromAPI(ctx, got, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

type listDataSource struct {
	base.DataSourceBase[*versori.API]
}

type listModel struct {
	ID             types.String `tfsdk:"id"`
	OrganisationID types.String `tfsdk:"organisation_id"`
	Protocol       types.String `tfsdk:"protocol"`
	Connections    []dataModel  `tfsdk:"connections"`
}

// listSchema is conduit_versori_connections's schema.
func listSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the Versori Connect connections of an organisation, all pages, most recently updated first.",
		Attributes: map[string]schema.Attribute{
			"id":              schema.StringAttribute{Computed: true, MarkdownDescription: "The organisation id."},
			"organisation_id": organisationInput(),
			"protocol": schema.StringAttribute{Optional: true, MarkdownDescription: "Only `http` or only `bigquery` connections.",
				Validators: []validator.String{stringvalidator.OneOf(versori.ProtocolHTTP, versori.ProtocolBigQuery)}},
			"connections": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The connections.",
				NestedObject: schema.NestedAttributeObject{Attributes: connectionAttributes()}},
		},
	}
}

func (d *listDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg listModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	api := d.API(&resp.Diagnostics)
	org := d.ResolveScope(cfg.OrganisationID, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	items, err := api.List(ctx, org, versori.ListOptions{Protocol: cfg.Protocol.ValueString()})
	if err != nil {
		base.AddError(&resp.Diagnostics, "list connections of organisation "+org, err)
		return
	}
	cfg.ID, cfg.OrganisationID = types.StringValue(org), types.StringValue(org)
	cfg.Connections = make([]dataModel, len(items))
	for i := range items {
		cfg.Connections[i] = dataFromAPI(ctx, &items[i], &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
