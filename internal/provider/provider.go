// Package provider is the conduit provider: its schema, the environment
// fallbacks, and Configure, which hands *client.Clients to every resource.
package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/validate"
)

var _ provider.Provider = &conduitProvider{}

// typeName prefixes every resource and names the provider's log variables.
const typeName = "conduit"

// New returns the provider factory for providerserver.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &conduitProvider{version: version} }
}

type conduitProvider struct {
	version string
}

type providerModel struct {
	Auth0          *auth0Model     `tfsdk:"auth0"`
	Versori        *versoriModel   `tfsdk:"versori"`
	Vectorize      *vectorizeModel `tfsdk:"vectorize"`
	TileDB         *tiledbModel    `tfsdk:"tiledb"`
	MaxRetries     types.Int64     `tfsdk:"max_retries"`
	RequestTimeout types.String    `tfsdk:"request_timeout"`
}

type auth0Model struct {
	Domain       types.String `tfsdk:"domain"`
	APIToken     types.String `tfsdk:"api_token"`
	ClientID     types.String `tfsdk:"client_id"`
	ClientSecret types.String `tfsdk:"client_secret"`
	Audience     types.String `tfsdk:"audience"`
	Endpoint     types.String `tfsdk:"endpoint"`
}

type versoriModel struct {
	Endpoint       types.String `tfsdk:"endpoint"`
	APIKey         types.String `tfsdk:"api_key"`
	OrganisationID types.String `tfsdk:"organisation_id"`
}

type vectorizeModel struct {
	Endpoint       types.String `tfsdk:"endpoint"`
	APIKey         types.String `tfsdk:"api_key"`
	OrganizationID types.String `tfsdk:"organization_id"`
}

type tiledbModel struct {
	Endpoint  types.String `tfsdk:"endpoint"`
	APIKey    types.String `tfsdk:"api_key"`
	Username  types.String `tfsdk:"username"`
	Password  types.String `tfsdk:"password"`
	Namespace types.String `tfsdk:"namespace"`
}

func (p *conduitProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = typeName
	resp.Version = p.version
}

func str(desc string, sensitive bool, validators ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{Optional: true, Sensitive: sensitive, MarkdownDescription: desc, Validators: validators}
}

func (p *conduitProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages the connections and credentials that tie SaaS accounts together: " +
			"Auth0 organization connections, Versori Connect connections, Vectorize source connectors and " +
			"TileDB Cloud credentials. Every service block is optional and every attribute falls back to " +
			"its environment variable.",
		Attributes: map[string]schema.Attribute{
			"max_retries": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: "Retries for rate-limited (429) and transient failures. Defaults to `CONDUIT_MAX_RETRIES` or 5.",
				Validators:          []validator.Int64{int64validator.Between(0, 20)},
			},
			"request_timeout": str("Timeout of each HTTP request as a Go duration. Defaults to `CONDUIT_REQUEST_TIMEOUT` or `60s`.", false, validate.Duration()),
		},
		Blocks: map[string]schema.Block{
			"auth0": schema.SingleNestedBlock{
				MarkdownDescription: "Auth0 Management API, for the resource `conduit_org_connection` and the data source `conduit_org_connections`.",
				Attributes: map[string]schema.Attribute{
					"domain":        str("Tenant domain, e.g. `acme.eu.auth0.com`. Env `AUTH0_DOMAIN`.", false, validate.Host()),
					"api_token":     str("Management API token; wins over client credentials. Env `AUTH0_API_TOKEN`.", true),
					"client_id":     str("Client id for the client-credentials grant. Env `AUTH0_CLIENT_ID`.", false),
					"client_secret": str("Client secret for the client-credentials grant. Env `AUTH0_CLIENT_SECRET`.", true),
					"audience":      str("Token audience. Env `AUTH0_AUDIENCE`; default `https://{domain}/api/v2/`.", false, validate.URL()),
					"endpoint":      str("Scheme and host override; `/api/v2` is appended. Env `AUTH0_ENDPOINT`; default `https://{domain}`.", false, validate.URL()),
				},
			},
			"versori": schema.SingleNestedBlock{
				MarkdownDescription: "Versori Connect API, for the resource `conduit_versori_connection` and the data sources `conduit_versori_connection` and `conduit_versori_connections`.",
				Attributes: map[string]schema.Attribute{
					"endpoint":        str("API root. Env `VERSORI_ENDPOINT`; default `"+versoriDefaultEndpoint+"`.", false, validate.URL()),
					"api_key":         str("API key sent as a bearer token. Env `VERSORI_API_KEY`.", true),
					"organisation_id": str("Default organisation for resources. Env `VERSORI_ORGANISATION_ID`.", false),
				},
			},
			"vectorize": schema.SingleNestedBlock{
				MarkdownDescription: "Vectorize API, for the resources `conduit_vectorize_source_connector` and `conduit_vectorize_source_connector_user` and the data source `conduit_vectorize_source_connectors`.",
				Attributes: map[string]schema.Attribute{
					"endpoint":        str("API root. Env `VECTORIZE_ENDPOINT`; default `"+vectorizeDefaultEndpoint+"`.", false, validate.URL()),
					"api_key":         str("API key sent as a bearer token. Env `VECTORIZE_API_KEY` or `VECTORIZE_TOKEN`.", true),
					"organization_id": str("Default organization for resources. Env `VECTORIZE_ORGANIZATION_ID` or `VECTORIZE_ORG`.", false),
				},
			},
			"tiledb": schema.SingleNestedBlock{
				MarkdownDescription: "TileDB Cloud API, for the resource `conduit_tiledb_credential` and the data source `conduit_tiledb_credentials`.",
				Attributes: map[string]schema.Attribute{
					"endpoint":  str("API host; paths start with `/v2`. Env `TILEDB_REST_HOST`; default `"+tiledbDefaultEndpoint+"`.", false, validate.URL()),
					"api_key":   str("API token sent as `X-TILEDB-REST-API-KEY`. Env `TILEDB_REST_TOKEN`.", true),
					"username":  str("HTTP basic user, used when no api_key is set. Env `TILEDB_REST_USERNAME`.", false),
					"password":  str("HTTP basic password. Env `TILEDB_REST_PASSWORD`.", true),
					"namespace": str("Default namespace for resources. Env `TILEDB_NAMESPACE`.", false),
				},
			},
		},
	}
}

func (p *conduitProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	clients := buildClients(ctx, p.version, &cfg, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.ResourceData = clients
	resp.DataSourceData = clients
	resp.ListResourceData = clients
}

func (p *conduitProvider) Resources(context.Context) []func() resource.Resource {
	return resources
}

func (p *conduitProvider) DataSources(context.Context) []func() datasource.DataSource {
	return dataSources
}
