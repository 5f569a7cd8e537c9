package provider_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

var serviceEnv = []string{
	"AUTH0_DOMAIN", "AUTH0_API_TOKEN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET", "AUTH0_AUDIENCE", "AUTH0_ENDPOINT",
	"VERSORI_ENDPOINT", "VERSORI_API_KEY", "VERSORI_ORGANISATION_ID",
	"VECTORIZE_ENDPOINT", "VECTORIZE_API_KEY", "VECTORIZE_TOKEN", "VECTORIZE_ORGANIZATION_ID", "VECTORIZE_ORG",
	"TILEDB_REST_HOST", "TILEDB_REST_TOKEN", "TILEDB_REST_USERNAME", "TILEDB_REST_PASSWORD", "TILEDB_NAMESPACE",
	"CONDUIT_MAX_RETRIES", "CONDUIT_REQUEST_TIMEOUT", "CONDUIT_BATCH_READS",
}

func clearEnv(t *testing.T) {
	for _, e := range serviceEnv {
		t.Setenv(e, "")
	}
}

const orgConnection = `
resource "conduit_org_connection" "test" {
  organization_id = "` + sbauth0.OrgAcme + `"
  connection_id   = "` + sbauth0.ConDatabase + `"
}
`

func TestAccProvider_invalidConfiguration(t *testing.T) {
	acctest.RequireSandbox(t, "configuration errors only")
	clearEnv(t)
	sb := acctest.StartSandbox(t)
	cases := []struct {
		name     string
		env      map[string]string
		provider string
		want     *regexp.Regexp
	}{
		{"endpoint not a URL", nil, `auth0 {
    domain    = "acme.eu.auth0.com"
    endpoint  = "acme.example"
    api_token = "t"
  }`, acctest.ErrorMatching("auth0.endpoint", "must start with https:// or http://")},
		{"domain with scheme", nil, `auth0 {
    domain    = "https://acme.eu.auth0.com"
    api_token = "t"
  }`, acctest.ErrorMatching("auth0.domain", "must be a bare host name")},
		{"request_timeout", nil, `request_timeout = "soon"`, acctest.ErrorMatching("request_timeout", "must be a Go duration")},
		{"request_timeout negative", nil, `request_timeout = "-1s"`, acctest.ErrorMatching("request_timeout", "must be greater than zero")},
		{"max_retries", nil, `max_retries = 99`, acctest.ErrorMatching("max_retries", "between 0 and 20")},
		{"auth0 block without credentials", nil, `auth0 {
    domain = "acme.eu.auth0.com"
  }`, acctest.ErrorMatching("Incomplete auth0 configuration", "set api_token (AUTH0_API_TOKEN) or client_id and client_secret")},
		{"client_id without secret", nil, `auth0 {
    domain    = "acme.eu.auth0.com"
    client_id = "abc"
  }`, acctest.ErrorMatching("client_id and client_secret (AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET) must be set together")},
		{"auth0 without domain", nil, `auth0 {
    api_token = "t"
  }`, acctest.ErrorMatching("has no domain: set domain (AUTH0_DOMAIN)")},
		{"bad endpoint from env", map[string]string{"AUTH0_DOMAIN": "acme.eu.auth0.com", "AUTH0_API_TOKEN": "t", "AUTH0_ENDPOINT": "ftp://x"},
			``, acctest.ErrorMatching("AUTH0_ENDPOINT", "must start with https:// or http://")},
		{"bad timeout from env", map[string]string{"CONDUIT_REQUEST_TIMEOUT": "1 minute"}, ``, acctest.ErrorMatching("CONDUIT_REQUEST_TIMEOUT", "must be a Go duration")},
		{"bad retries from env", map[string]string{"CONDUIT_MAX_RETRIES": "-3"}, ``, acctest.ErrorMatching("CONDUIT_MAX_RETRIES", "from 0 to 20")},
		{"versori block without key", nil, `versori {
    organisation_id = "o"
  }`, acctest.ErrorMatching("Incomplete versori configuration", "VERSORI_API_KEY")},
		{"tiledb user without password", nil, `tiledb {
    username = "u"
  }`, acctest.ErrorMatching("Incomplete tiledb configuration", "TILEDB_REST_PASSWORD")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      "provider \"conduit\" {\n  " + c.provider + "\n}\n" + orgConnection,
					PlanOnly:    true,
					ExpectError: c.want,
				}},
			})
		})
	}
	if err := sb.ExpectNoMutations(); err != nil {
		t.Fatal(err)
	}
}

// TestAccProvider_environmentFallback configures Auth0 entirely from the
// environment, with both a token and client credentials: the token wins.
func TestAccProvider_environmentFallback(t *testing.T) {
	acctest.RequireSandbox(t, "sandbox credentials")
	clearEnv(t)
	sb := acctest.StartSandbox(t)
	for k, v := range sb.Env() {
		t.Setenv(k, v)
	}
	t.Setenv("AUTH0_CLIENT_ID", sb.Creds.Auth0ClientID)
	t.Setenv("AUTH0_CLIENT_SECRET", sb.Creds.Auth0ClientSecret)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: sb.Reset,
			Config:    `provider "conduit" {}` + orgConnection,
			Check: sb.ExpectRequests(map[string]int{
				"POST /api/v2/organizations/{id}/connections": 1,
			}),
		}},
	})
	if n := sb.Auth0().TokensIssued(); n != 0 {
		t.Fatalf("client credentials were used although an API token was set (%d tokens)", n)
	}
}
