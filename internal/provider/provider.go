// Package provider is the conduit provider: its schema and Configure, both
// generated from the vendor packages' service tables (registry.go), which
// hand *base.Clients to every resource and data source.
package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/validate"
)

var _ provider.ProviderWithListResources = &conduitProvider{}

// typeName prefixes every resource and names the provider's log variables.
const typeName = "conduit"

// New returns the provider factory for providerserver.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &conduitProvider{version: version} }
}

type conduitProvider struct {
	version string
}

func (p *conduitProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = typeName
	resp.Version = p.version
}

func (p *conduitProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	blocks := map[string]schema.Block{}
	for _, svc := range services {
		blocks[svc.Block] = serviceBlock(svc)
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages the connections and credentials that tie SaaS accounts together: " +
			"Auth0 organization connections, Versori Connect connections, Vectorize source connectors and " +
			"TileDB Cloud credentials. Every service block is optional and every attribute falls back to " +
			"its environment variable.",
		Attributes: map[string]schema.Attribute{
			"max_retries": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: "Retries for rate-limited (429) and transient failures. Defaults to `" + envMaxRetries + "` or 5.",
				Validators:          []validator.Int64{int64validator.Between(0, 20)},
			},
			"batch_reads": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Refresh many objects of one scope (an Auth0 organization, a Versori organisation, a Vectorize " +
					"organization, a TileDB namespace) from one list of that scope instead of one GET each. Within one provider " +
					"process, the first read of a scope sends its own GET; further reads of the scope share one list of it " +
					"(every page, at the largest page size the API allows) and are answered from it. An object missing from the " +
					"list is read with its own GET before it leaves state; a list that fails leaves every read of its scope to its " +
					"own GET; a create, update or delete in a scope drops that scope's list. A list answers reads for at most a " +
					"minute, and nothing is cached across Terraform commands or on disk. Defaults to `" + envBatchReads + "` or `true`.",
			},
			"request_timeout": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Timeout of each HTTP request as a Go duration. Defaults to `" + envRequestTimeout + "` or `60s`.",
				Validators:          []validator.String{validate.Duration()},
			},
		},
		Blocks: blocks,
	}
}

// serviceBlock is a service's provider block, from its table: each
// description ends with the setting's environment variables and default.
func serviceBlock(svc *client.Service) schema.SingleNestedBlock {
	attrs := map[string]schema.Attribute{}
	for _, st := range svc.Settings {
		env := make([]string, len(st.Env))
		for i, e := range st.Env {
			env[i] = "`" + e + "`"
		}
		desc := st.Description + " Env " + strings.Join(env, " or ")
		if st.Default != "" {
			desc += "; default `" + st.Default + "`"
		}
		attrs[st.Attr] = schema.StringAttribute{Optional: true, Sensitive: st.Sensitive, MarkdownDescription: desc + ".", Validators: validators[st.Kind]}
	}
	return schema.SingleNestedBlock{MarkdownDescription: svc.Description, Attributes: attrs}
}

// validators check each kind of setting in the configuration; Configure
// checks the values from the environment alike.
var validators = map[client.SettingKind][]validator.String{
	client.Endpoint: {validate.URL()},
	client.URL:      {validate.URL()},
	client.Host:     {validate.Host()},
}

func (p *conduitProvider) Resources(context.Context) []func() resource.Resource {
	return resources
}

func (p *conduitProvider) DataSources(context.Context) []func() datasource.DataSource {
	return dataSources
}

func (p *conduitProvider) ListResources(context.Context) []func() list.ListResource {
	return listResources
}
