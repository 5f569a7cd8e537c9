package acctest

import (
	"context"
	"net/http"
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
)

// TileDBAPI is a typed client on the sandbox's TileDB API, for arranging
// credentials out of band.
func (s *Sandbox) TileDBAPI(t *testing.T) *tiledb.API {
	t.Helper()
	key := s.Creds.TileDBKey
	c, err := client.New(client.Config{
		Service: "tiledb", BaseURL: s.URL, UserAgent: "acctest", DecodeError: tiledb.DecodeError,
		Auth: client.AuthenticatorFunc(func(_ context.Context, r *http.Request) error {
			r.Header.Set("X-TILEDB-REST-API-KEY", key)
			return nil
		}),
	})
	if err != nil {
		t.Fatal(err)
	}
	return tiledb.New(c)
}
