package versoriconnection

import (
	"context"
	"errors"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

var _ list.ListResourceWithConfigure = &listResource{}

// NewListResource is the conduit_versori_connection list resource factory
// (`list "conduit_versori_connection"` blocks of `terraform query`, Terraform 1.14+).
func NewListResource() list.ListResource {
	return &listResource{base.NewListResourceBase[*versori.API](&versori.Service, "_versori_connection", listResourceSchema)}
}

type listResource struct {
	base.ListResourceBase[*versori.API]
}

type listConfig struct {
	OrganisationID types.String `tfsdk:"organisation_id"`
	Protocol       types.String `tfsdk:"protocol"`
}

func listResourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Finds the Versori Connect connections of an organisation, every page of " +
			"`GET /o/{organisation_id}/connections` (100 per request, most recently updated first) up to the list block's `limit`. " +
			"Each result's display name is the connection's `name`.",
		Attributes: map[string]schema.Attribute{
			"organisation_id": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Organisation (ULID); defaults to the provider's `versori.organisation_id`.",
				Validators: []validator.String{ulid{}},
			},
			"protocol": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only `http` or only `bigquery` connections.",
				Validators: []validator.String{stringvalidator.OneOf(versori.ProtocolHTTP, versori.ProtocolBigQuery)},
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
	// List items are whole connections (spec ConnectionPage.connections are
	// Connection, as GetConnection answers), so no item needs a GET.
	items := listed(ctx, api.Each(ctx, org, versori.ListOptions{Protocol: cfg.Protocol.ValueString()}))
	base.StreamList(ctx, req, stream, identity, "list connections of organisation "+org, items,
		func(m model) base.ListItem[model] {
			return base.ListItem[model]{Model: m, DisplayName: m.Name.ValueString()}
		})
}

// listed maps each connection as Read does after an import: fromAPI from a
// model with nothing configured, environments showing their own variables.
// A mapping error ends the listing like an API error.
func listed(ctx context.Context, conns iter.Seq2[versori.Connection, error]) iter.Seq2[model, error] {
	return func(yield func(model, error) bool) {
		for c, err := range conns {
			if err != nil {
				yield(model{}, err)
				return
			}
			var diags diag.Diagnostics
			m := fromAPI(ctx, &c, emptyModel(), true, &diags)
			if diags.HasError() {
				yield(model{}, diagError(diags))
				return
			}
			if !yield(m, nil) {
				return
			}
		}
	}
}

// diagError is diagnostics as an error, for an iterator that reports errors.
func diagError(diags diag.Diagnostics) error {
	var errs []error
	for _, d := range diags.Errors() {
		errs = append(errs, errors.New(d.Summary()+": "+d.Detail()))
	}
	return errors.Join(errs...)
}
