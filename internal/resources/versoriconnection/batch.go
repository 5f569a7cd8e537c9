package versoriconnection

import (
	"context"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

// reads answers a refresh of many connections of one organisation from one
// list of it (base.Reads). ListConnections pages full Connections, not the
// spec's ConnectionSummary (FIDELITY.md, ListConnections), so Read's save
// maps a list item exactly as a GET answer, private state included. A
// pending create is settled before, by its own lookup.
var reads = base.Reads[*versori.API, versori.Connection]{
	Get: (*versori.API).Get,
	// No protocol filter; first=100 is the page size the client asks at most.
	List: func(api *versori.API, ctx context.Context, org string) ([]versori.Connection, error) {
		return api.List(ctx, org, versori.ListOptions{First: 100})
	},
	Key: func(c versori.Connection) string { return c.ID },
}
