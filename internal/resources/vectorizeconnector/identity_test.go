package vectorizeconnector_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	"github.com/conduit-tf/terraform-provider-conduit/internal/client/vectorize"
)

// crawlerConfig is a connector whose import plans no change: its config is
// all the API returns (no server default, no secret).
const crawlerConfig = `
resource "conduit_vectorize_source_connector" "test" {
  name   = "tf-acc-identity"
  type   = "WEB_CRAWLER"
  config = jsonencode({ "seed-urls" = ["https://example.com/docs"], "max-depth" = 2 })
}
`

func connectorIdentity(o, id string) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{"organization_id": str(o), "id": str(id)}
}

// addCrawler creates a connector out of band, as one made outside Terraform.
func addCrawler(t *testing.T, sb *acctest.Sandbox, name string) string {
	t.Helper()
	ref, err := sb.VectorizeAPI(t).Create(context.Background(), org(sb), "", vectorize.CreateRequest{
		Name: name, Type: "WEB_CRAWLER", Config: map[string]any{"seed-urls": []string{"https://example.com/docs"}, "max-depth": 2},
	})
	if err != nil {
		t.Fatal(err)
	}
	sb.ResetCounts()
	return ref.ID
}

// TestAccSourceConnector_identity: create sets the identity; an import
// block with `identity = {…}` and one with `id = "…"` both import the state
// a read gives, with one GET each and no mutation.
func TestAccSourceConnector_identity(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	o := org(sb)
	id := func(s *terraform.State) string { return s.RootModule().Resources[addr].Primary.ID }
	acctest.IdentityImports{
		Address:        addr,
		Config:         sb.Config(crawlerConfig),
		Identity:       map[string]knownvalue.Check{"organization_id": str(o), "id": knownvalue.StringRegexp(uuidRE)},
		CreateRequests: map[string]int{routeCreate: 1, routeGet: 1},
		ReadRequests:   map[string]int{routeGet: 1},
		ImportIDs: []resource.ImportStateIdFunc{
			func(s *terraform.State) (string, error) { return o + "/" + id(s), nil },
			// The short id, in the provider's organization.
			func(s *terraform.State) (string, error) { return id(s), nil },
		},
	}.Run(t, sb)
}

// TestAccSourceConnector_identityWithoutOrganization: an identity that
// leaves organization_id out imports from the provider's organization, and
// the state then holds it, in the identity too.
func TestAccSourceConnector_identityWithoutOrganization(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	o := org(sb)
	id := addCrawler(t, sb, "tf-acc-identity")
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsIdentity,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: sb.Reset,
			Config:    sb.Config(crawlerConfig + acctest.ImportByIdentity(addr, fmt.Sprintf(`{ id = %q }`, id))),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
			}},
			// The import's read; nothing else.
			Check: sb.ExpectRequests(map[string]int{routeGet: 1}),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectIdentity(addr, connectorIdentity(o, id)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("organization_id"), str(o)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), str(id)),
			},
		}},
	})
}

// TestAccSourceConnector_identityImportErrors: an identity without id, with
// an empty or padded one, or without organization_id where the provider has
// no default, fails at plan naming the attribute, before any request.
func TestAccSourceConnector_identityImportErrors(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	withImport := func(provider, identity string) string {
		return provider + crawlerConfig + acctest.ImportByIdentity(addr, identity)
	}
	acctest.Refusals{
		Env: acctest.ScopeUnset(&vectorize.Service),
		Cases: []acctest.Refusal{
			{
				Config: withImport(sb.ProviderConfig(), fmt.Sprintf(`{ organization_id = %q }`, org(sb))),
				Error:  acctest.ErrorMatching(`id`, `required`),
			},
			{
				Config: withImport(sb.ProviderConfig(), `{ id = "" }`),
				Error:  acctest.ErrorMatching(`Invalid identity.id`, `identity.id must be a non-empty id without surrounding spaces, got ""`),
			},
			{
				Config: withImport(sb.ProviderConfig(), `{ id = " 0f8fad5b-d9cb-469f-a165-70867728950e" }`),
				Error:  acctest.ErrorMatching(`Invalid identity.id`, `without surrounding spaces`),
			},
			{
				Config: withImport(sb.ProviderWithoutScope(&vectorize.Service), `{ id = "0f8fad5b-d9cb-469f-a165-70867728950e" }`),
				Error: acctest.ErrorMatching(`Missing organization_id`,
					`The import block's identity has no organization_id and the provider has no default for it: set identity.organization_id.`),
			},
		},
	}.RunPlans(t, sb, acctest.NeedsIdentity)
}

// TestAccSourceConnector_identityOnRefreshOfOlderState: state written by a
// provider version without identity gains it on the next refresh, with the
// one GET a refresh costs and no change planned; a connector deleted
// outside Terraform meanwhile leaves state on that refresh without the
// framework's "Missing Resource Identity After Read" error.
func TestAccSourceConnector_identityOnRefreshOfOlderState(t *testing.T) {
	acctest.RequireSandbox(t, "out-of-band deletes need the sandbox")
	sb := acctest.StartSandbox(t)
	acctest.OlderState{
		Address:            addr,
		Config:             sb.Config(crawlerConfig),
		IdentityAttributes: []string{"organization_id", "id"},
		OlderChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("organization_id"), str(org(sb))),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(uuidRE)),
		},
		RefreshRequests: map[string]int{routeGet: 1},
		Vendor:          "vectorize",
		SandboxKey:      func(id map[string]string) string { return id["organization_id"] + "/" + id["id"] },
	}.Run(t, sb)
}
