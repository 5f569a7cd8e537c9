package acctest

import (
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
)

// VectorizeAPI is a typed client on the sandbox, for arranging source
// connectors out of band.
func (s *Sandbox) VectorizeAPI(t *testing.T) *vectorize.API {
	t.Helper()
	c, err := client.New(client.Config{
		Service: "vectorize", BaseURL: s.URL + sandbox.VectorizePath, UserAgent: "acctest",
		Auth: client.BearerToken(s.Creds.VectorizeKey), DecodeError: vectorize.DecodeError,
	})
	if err != nil {
		t.Fatal(err)
	}
	return vectorize.New(c)
}
