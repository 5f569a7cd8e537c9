package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/orgconnection"
)

// resources and dataSources list every type the provider serves; each
// resource package adds one line here.
var resources = []func() resource.Resource{
	orgconnection.NewResource,
}

var dataSources = []func() datasource.DataSource{
	orgconnection.NewListDataSource,
}
