package vectorizeconnector

import (
	"context"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

// reads answers a refresh of many source connectors of one organization
// from one list of it (base.Reads). getSourceConnectors lists the very
// SourceConnector getSourceConnector answers (FIDELITY.md, GET …/sources),
// so Read's fromAPI, the import path's included, maps either alike.
var reads = base.Reads[*vectorize.API, vectorize.SourceConnector]{
	Get: (*vectorize.API).Get,
	// No workspaceId: every workspace's connectors, as a read may ask for
	// any of them. limit=100 is the spec's largest page.
	List: func(api *vectorize.API, ctx context.Context, org string) ([]vectorize.SourceConnector, error) {
		return api.List(ctx, org, vectorize.ListOptions{Limit: 100})
	},
	Key: func(c vectorize.SourceConnector) string { return c.ID },
}
