package base

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// A resource and a data source that embed the bases and add only what a
// type must: the bases give them the rest, as every one of ours relies on.
type (
	embeddingResource   struct{ ResourceBase[any] }
	embeddingDataSource struct{ DataSourceBase[any] }
	embeddingList       struct{ ListResourceBase[any] }
)

func (embeddingList) List(context.Context, list.ListRequest, *list.ListResultsStream) {}

func (embeddingResource) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {}
func (embeddingResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse)       {}
func (embeddingResource) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {}
func (embeddingResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
func (embeddingDataSource) Read(context.Context, datasource.ReadRequest, *datasource.ReadResponse) {}

var (
	_ resource.ResourceWithConfigure     = &embeddingResource{}
	_ resource.ResourceWithModifyPlan    = &embeddingResource{}
	_ datasource.DataSourceWithConfigure = &embeddingDataSource{}
	_ list.ListResourceWithConfigure     = &embeddingList{}
)
