package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/orgconnection"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/tiledbcredential"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/vectorizeconnector"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/versoriconnection"
)

// services are the vendor APIs the provider configures, each from its
// package's table; a vendor package adds one line here.
var services = []*client.Service{&auth0.Service, &versori.Service, &vectorize.Service, &tiledb.Service}

// resources, dataSources and listResources list every type the provider
// serves; each resource package adds one line per type here. A list resource
// has the type name of the resource whose objects it finds (`terraform
// query`, Terraform 1.14+).
var resources = []func() resource.Resource{
	orgconnection.NewResource,
	tiledbcredential.NewResource,
	vectorizeconnector.NewResource,
	vectorizeconnector.NewUserResource,
	versoriconnection.NewResource,
}

var dataSources = []func() datasource.DataSource{
	orgconnection.NewListDataSource,
	tiledbcredential.NewListDataSource,
	vectorizeconnector.NewListDataSource,
	versoriconnection.NewDataSource,
	versoriconnection.NewListDataSource,
}

var listResources = []func() list.ListResource{
	orgconnection.NewListResource,
	tiledbcredential.NewListResource,
	vectorizeconnector.NewListResource,
	versoriconnection.NewListResource,
}
