package tiledbcredential

import (
	"context"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
	"github.com/conduit-tf/terraform-provider-conduit/internal/resources/base"
)

// reads answers a refresh of many credentials of one namespace from one
// list of it (base.Reads). listCredentials pages the AccessCredential
// getCredential answers, secrets left out of both (FIDELITY.md,
// listCredentials), so Read's fromAPI maps either alike. A create or update
// may move provider_default off another credential of the namespace: the
// whole namespace's list is dropped on every change, not one name.
var reads = base.Reads[*tiledb.API, tiledb.AccessCredential]{
	Get: (*tiledb.API).Get,
	// No provider or type filter; per_page=100 is the client's largest page.
	List: func(api *tiledb.API, ctx context.Context, ns string) ([]tiledb.AccessCredential, error) {
		return api.List(ctx, ns, tiledb.ListOptions{PerPage: 100})
	},
	Key: func(c tiledb.AccessCredential) string { return c.Name },
}
