package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider"

	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/orgconnection"
)

var _ provider.ProviderWithListResources = &conduitProvider{}

// listResources are the list resources for `terraform query` (Terraform
// 1.14+); each has the type name of the resource whose objects it finds.
var listResources = []func() list.ListResource{
	orgconnection.NewListResource,
}

func (p *conduitProvider) ListResources(context.Context) []func() list.ListResource {
	return listResources
}
