package orgconnection_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

// TestAccOrgConnection_transientFaults: 429s (with Auth0's reset header, with
// and without Retry-After) and 503s are retried, and the apply succeeds with
// exactly one object behind it.
func TestAccOrgConnection_transientFaults(t *testing.T) {
	acctest.RequireSandbox(t, "fault injection needs the sandbox")
	sb := acctest.StartSandbox(t)
	org, con := sbauth0.OrgAcme, sbauth0.ConSAML
	key := org + "/" + con
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					sb.Reset()
					sb.AddFault(sandbox.Fault{Mode: sandbox.FaultStatus, Method: "POST", Status: 429, Count: 1})
					sb.AddFault(sandbox.Fault{Mode: sandbox.FaultStatus, Method: "POST", Status: 429, RetryAfter: "0", Count: 1})
					sb.AddFault(sandbox.Fault{Mode: sandbox.FaultStatus, Method: "POST", Status: 503, Count: 1})
				},
				Config: sb.Config(config(org, con, `organization_access_level = "limited"`)),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeAdd: 4}),
					sb.ExpectObjects("auth0", key),
				),
			},
			{
				PreConfig: func() {
					sb.Reset()
					sb.AddFault(sandbox.Fault{Mode: sandbox.FaultStatus, Method: "GET", Status: 502, Count: 1})
					sb.AddFault(sandbox.Fault{Mode: sandbox.FaultStatus, Method: "PATCH", Status: 429, Count: 2})
				},
				Config: sb.Config(config(org, con, `organization_access_level = "full"`)),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 2, routePatch: 3}),
					expectSandboxField(sb, key, "organization_access_level", "full"),
				),
			},
		},
	})
}

// TestAccOrgConnection_lostResponses: the change is applied but the answer is
// dropped. Create looks the pair up and adopts it (no duplicate, no 409),
// update converges, delete confirms the pair is gone.
func TestAccOrgConnection_lostResponses(t *testing.T) {
	acctest.RequireSandbox(t, "fault injection needs the sandbox")
	sb := acctest.StartSandbox(t)
	org, con := sbauth0.OrgGlobex, sbauth0.ConDatabase
	key := org + "/" + con
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			return sb.ExpectObjects("auth0")(nil)
		},
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					sb.Reset()
					sb.AddFault(sandbox.Fault{Mode: sandbox.FaultDropAfterApply, Method: "POST", Count: 1})
				},
				Config: sb.Config(config(org, con, `organization_connection_name = "Globex"`)),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeAdd: 1, routeGet: 1}),
					sb.ExpectObjects("auth0", key),
				),
			},
			{
				PreConfig: func() {
					sb.Reset()
					sb.AddFault(sandbox.Fault{Mode: sandbox.FaultDropAfterApply, Method: "PATCH", Count: 1})
				},
				Config: sb.Config(config(org, con, `organization_connection_name = "Globex staff"`)),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 1, routePatch: 2}),
					expectSandboxField(sb, key, "organization_connection_name", "Globex staff"),
				),
			},
			{
				PreConfig: func() {
					sb.Reset()
					sb.AddFault(sandbox.Fault{Mode: sandbox.FaultDropAfterApply, Method: "DELETE", Count: 1})
				},
				Config: sb.Config(""),
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeGet: 2, routeDel: 1}),
					sb.ExpectObjects("auth0"),
				),
			},
		},
	})
}

// TestAccOrgConnection_clientCredentialsAndLogAudit: with the
// client-credentials grant one token serves every request, and a TRACE log
// of the whole run shows requests and answers but no secret.
func TestAccOrgConnection_clientCredentialsAndLogAudit(t *testing.T) {
	acctest.RequireSandbox(t, "audits the sandbox's known secrets")
	sb := acctest.StartSandbox(t)
	logFile := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logFile)
	// From the environment, so the harness's own log of the HCL cannot hold it.
	t.Setenv("AUTH0_CLIENT_SECRET", sb.Creds.Auth0ClientSecret)

	provider := `
provider "conduit" {
  auth0 {
    domain        = "` + sb.Creds.Auth0Domain + `"
    endpoint      = "` + sb.URL + `"
    client_id     = "` + sb.Creds.Auth0ClientID + `"
  }
}
`
	body := `
resource "conduit_org_connection" "a" {
  organization_id = "` + sbauth0.OrgInitech + `"
  connection_id   = "` + sbauth0.ConDatabase + `"
}
resource "conduit_org_connection" "b" {
  organization_id = "` + sbauth0.OrgInitech + `"
  connection_id   = "` + sbauth0.ConGoogle + `"
}
resource "conduit_org_connection" "c" {
  organization_id = "` + sbauth0.OrgInitech + `"
  connection_id   = "` + sbauth0.ConPasswordl + `"
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: sb.Reset,
			Config:    provider + body,
			Check: func(*terraform.State) error {
				// One provider process served the apply: one token for three creates.
				if n := sb.Counts()["POST /oauth/token"]; n != 1 {
					t.Errorf("token fetched %d times during the apply, want 1", n)
				}
				return sb.ExpectObjects("auth0",
					sbauth0.OrgInitech+"/"+sbauth0.ConDatabase, sbauth0.OrgInitech+"/"+sbauth0.ConGoogle,
					sbauth0.OrgInitech+"/"+sbauth0.ConPasswordl)(nil)
			},
		}},
	})

	raw, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	log := string(raw)
	for _, want := range []string{"sending request", "response detail", "conduit.auth0", "Authorization:***", "access_token"} {
		if !strings.Contains(log, want) {
			t.Errorf("TRACE log lacks %q", want)
		}
	}
	secrets := append([]string{sb.Creds.Auth0ClientSecret, sb.Creds.Auth0Token}, sb.Auth0().IssuedTokens()...)
	if len(secrets) < 3 {
		t.Fatal("no token was issued")
	}
	for _, s := range secrets {
		if strings.Contains(log, s) {
			i := strings.Index(log, s)
			t.Errorf("TRACE log contains the secret %q: …%s…", s, log[max(0, i-300):min(len(log), i+100)])
		}
	}
}
