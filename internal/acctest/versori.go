package acctest

import (
	"testing"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
)

// VersoriAPI is a typed client on the sandbox, for arranging connections out of band.
func (s *Sandbox) VersoriAPI(t *testing.T) *versori.API {
	t.Helper()
	c, err := client.New(client.Config{
		Service: "versori", BaseURL: s.URL + sandbox.VersoriPath, UserAgent: "acctest",
		Auth: client.BearerToken(s.Creds.VersoriKey), DecodeError: versori.DecodeError,
	})
	if err != nil {
		t.Fatal(err)
	}
	return versori.New(c)
}
