package versoriconnection_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/versori"
	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox"
)

var ulidValue = knownvalue.StringRegexp(regexp.MustCompile(`^[0-7][0-9A-HJKMNP-TV-Z]{25}$`))

// identityMatchesState checks the identity holds the state's own
// organisation_id and id.
func identityMatchesState() []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{"organisation_id": ulidValue, "id": ulidValue}),
		statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("organisation_id")),
		statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("id")),
	}
}

// TestAccVersoriConnection_identity: create sets the identity; an import
// block with `identity = {…}` and one with `id = "…"` both import the state
// a read gives, with one GET each and no mutation.
func TestAccVersoriConnection_identity(t *testing.T) {
	acctest.PreCheckVendor(t, acctest.LiveVersori, acctest.EnvVersoriAPIKeyCredential)
	sb := acctest.StartSandbox(t)
	acctest.IdentityImports{
		Address:        addr,
		Config:         sb.Config(httpConfig("identity", "https://api.example.com", `{ region = "eu" }`, `[`+productionEnv(`{ tier = "gold" }`)+`, { name = "staging" }]`)),
		Identity:       map[string]knownvalue.Check{"organisation_id": ulidValue, "id": ulidValue},
		CreateRequests: map[string]int{routeHTTP: 1},
		ReadRequests:   map[string]int{routeGet: 1},
		ImportIDs:      []resource.ImportStateIdFunc{importID(true)},
	}.Run(t, sb)
}

// bigQueryWarehouse is a bigquery connection made out of band: the config
// that matches it, and its id.
func bigQueryWarehouse(t *testing.T, sb *acctest.Sandbox, org string) (string, string) {
	t.Helper()
	c, err := sb.VersoriAPI(t).Create(context.Background(), org, versori.ProtocolBigQuery,
		versori.CreateInput{Name: "warehouse", DatasetID: "my-project.sales", Environments: []versori.EnvironmentCreate{}})
	if err != nil {
		t.Fatal(err)
	}
	sb.ResetCounts()
	return `
resource "conduit_versori_connection" "test" {
  protocol   = "bigquery"
  name       = "warehouse"
  dataset_id = "my-project.sales"
}
`, c.ID
}

// TestAccVersoriConnection_identityDefaultOrganisation: an identity without
// organisation_id imports from the provider's versori.organisation_id, as
// the id form `<id>` does.
func TestAccVersoriConnection_identityDefaultOrganisation(t *testing.T) {
	acctest.RequireSandbox(t, "a connection made out of band and request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	org := sb.Creds.VersoriOrg
	res, id := bigQueryWarehouse(t, sb, org)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsIdentity,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: sb.Config(res + acctest.ImportByIdentity(addr, fmt.Sprintf(`{ id = %q }`, id))),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
				sb.ExpectPlanRequests(map[string]int{routeGet: 1}),
			}},
			// The import's read, and nothing else.
			Check: sb.ExpectRequests(map[string]int{routeGet: 1}),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{"organisation_id": str(org), "id": str(id)}),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("organisation_id"), str(org)),
			},
		}},
	})
}

// TestAccVersoriConnection_identityImportErrors: an identity without id, an
// empty or padded value, or no organisation anywhere fails at plan naming
// the attribute, before any request.
func TestAccVersoriConnection_identityImportErrors(t *testing.T) {
	acctest.RequireSandbox(t, "request counts and a provider without a default organisation need the sandbox")
	sb := acctest.StartSandbox(t)
	org := sb.Creds.VersoriOrg
	withImport := func(provider, identity string) string {
		return provider + fmt.Sprintf(`
resource "conduit_versori_connection" "test" {
  organisation_id = %q
  protocol        = "bigquery"
  name            = "warehouse"
  dataset_id      = "my-project.sales"
}
`, org) + acctest.ImportByIdentity(addr, identity)
	}
	const id = "01JDQ3Z5X8W2N4V6T8R0P2M4K6"
	acctest.Refusals{
		Env: acctest.ScopeUnset(&versori.Service),
		Cases: []acctest.Refusal{
			{
				Config: withImport(sb.ProviderConfig(), fmt.Sprintf(`{ organisation_id = %q }`, org)),
				Error:  acctest.ErrorMatching(`id`, `required`),
			},
			{
				Config: withImport(sb.ProviderConfig(), fmt.Sprintf(`{ organisation_id = "", id = %q }`, id)),
				Error:  acctest.ErrorMatching(`Invalid identity.organisation_id`, `identity.organisation_id must be a non-empty organisation_id`),
			},
			{
				Config: withImport(sb.ProviderConfig(), fmt.Sprintf(`{ id = " %s" }`, id)),
				Error:  acctest.ErrorMatching(`Invalid identity.id`, `without surrounding spaces`),
			},
			{
				Config: withImport(sb.ProviderWithoutScope(&versori.Service), fmt.Sprintf(`{ id = %q }`, id)),
				Error:  acctest.ErrorMatching(`Missing organisation_id`, `identity has no organisation_id and the provider has no default`),
			},
		},
	}.RunPlans(t, sb, acctest.NeedsIdentity)
}

// TestAccVersoriConnection_identityOnRefreshOfOlderState: state written by
// a provider version without identity gains it on the next refresh, with the
// one GET a refresh costs and no change planned; a connection deleted
// outside Terraform meanwhile leaves state on that refresh without the
// framework's "Missing Resource Identity After Read" error.
func TestAccVersoriConnection_identityOnRefreshOfOlderState(t *testing.T) {
	sb := sandboxOnly(t)
	acctest.OlderState{
		Address: addr,
		Config: sb.Config(`
resource "conduit_versori_connection" "test" {
  protocol   = "bigquery"
  name       = "warehouse"
  dataset_id = "my-project.sales"
}
`),
		IdentityAttributes: []string{"organisation_id", "id"},
		OlderChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("organisation_id"), str(sb.Creds.VersoriOrg)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), ulidValue),
		},
		RefreshRequests: map[string]int{routeGet: 1},
		Vendor:          "versori",
		SandboxKey:      func(id map[string]string) string { return id["organisation_id"] + "/" + id["id"] },
	}.Run(t, sb)
}

// TestAccVersoriConnection_identityOfPlaceholder: a create whose outcome
// could not be learned keeps a placeholder (empty id) with no identity; the
// next refresh that finds nothing drops it without the framework's "Missing
// Resource Identity After Read", and the create that follows sets the
// identity. A placeholder whose connection is found gains the identity.
func TestAccVersoriConnection_identityOfPlaceholder(t *testing.T) {
	sb := sandboxOnly(t)
	cfg := sb.ProviderBlock(acctest.ProviderOptions{MaxRetries: 1, Timeout: "10s"}) + `
resource "conduit_versori_connection" "test" {
  protocol   = "bigquery"
  name       = "lost"
  dataset_id = "my-project.sales"
}
`
	list := "/api/connect/v1alpha1/o/" + sb.Creds.VersoriOrg + "/connections"
	// The POST's answer is lost (applied or not), and so is every lookup.
	lose := func(mode sandbox.FaultMode) func() {
		return func() {
			sb.AddFault(sandbox.Fault{Mode: mode, Vendor: "versori", Method: "POST", Count: 1})
			sb.AddFault(sandbox.Fault{Mode: sandbox.FaultStatus, Vendor: "versori", Method: "GET", PathPrefix: list, Status: 503, Count: 100})
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsIdentity,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig:   lose(sandbox.FaultReset),
				Config:      cfg,
				ExpectError: acctest.ErrorMatching("outcome unknown"),
			},
			{
				// Nothing was created: the refresh drops the placeholder
				// (one lookup), the apply creates the connection.
				PreConfig:         func() { sb.ClearFaults(); sb.ResetCounts() },
				Config:            cfg,
				Check:             sb.ExpectRequests(map[string]int{routeList: 1, routeBQ: 1}),
				ConfigStateChecks: identityMatchesState(),
			},
			{Config: sb.Config("")},
			{
				PreConfig:   lose(sandbox.FaultDropAfterApply),
				Config:      cfg,
				ExpectError: acctest.ErrorMatching("outcome unknown"),
			},
			{
				// The connection was created: the refresh adopts it with its
				// identity; being tainted, the apply replaces it.
				PreConfig:         sb.ClearFaults,
				Config:            cfg,
				ConfigStateChecks: identityMatchesState(),
			},
		},
	})
}
