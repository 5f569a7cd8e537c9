package acctest

import (
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/auth0"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/tiledb"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
)

// connect is a service's typed API on the sandbox, with the settings the
// provider block gets, for arranging objects out of band.
func connect[T any](t *testing.T, s *Sandbox, svc *client.Service) T {
	t.Helper()
	api, err := svc.Connect(svc.Given(s.Creds.Blocks(s.URL)[svc.Block]), client.Options{UserAgent: "acctest"})
	if err != nil {
		t.Fatal(err)
	}
	return api.(T)
}

// Auth0API is a typed client on the sandbox's Auth0 API.
func (s *Sandbox) Auth0API(t *testing.T) *auth0.API { return connect[*auth0.API](t, s, &auth0.Service) }

// VersoriAPI is a typed client on the sandbox's Versori API.
func (s *Sandbox) VersoriAPI(t *testing.T) *versori.API {
	return connect[*versori.API](t, s, &versori.Service)
}

// VectorizeAPI is a typed client on the sandbox's Vectorize API.
func (s *Sandbox) VectorizeAPI(t *testing.T) *vectorize.API {
	return connect[*vectorize.API](t, s, &vectorize.Service)
}

// TileDBAPI is a typed client on the sandbox's TileDB API.
func (s *Sandbox) TileDBAPI(t *testing.T) *tiledb.API {
	return connect[*tiledb.API](t, s, &tiledb.Service)
}
