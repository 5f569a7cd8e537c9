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
	cfg := sb.Config(crawlerConfig)
	read := &acctest.Snapshot{Address: addr}
	var id string
	importChecks := resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
		read.ExpectImportedAsState(), sb.ExpectPlanRequests(map[string]int{routeGet: 1}),
	}}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsIdentity,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: sb.Reset,
				Config:    cfg,
				Check: resource.ComposeTestCheckFunc(
					sb.ExpectRequests(map[string]int{routeCreate: 1, routeGet: 1}),
					func(s *terraform.State) error { id = s.RootModule().Resources[addr].Primary.ID; return nil },
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentityValue(addr, tfjsonpath.New("organization_id"), str(o)),
					statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("organization_id")),
					statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("id")),
				},
			},
			{
				// The state after a read, which every import must give.
				PreConfig:         sb.Reset,
				Config:            cfg,
				Check:             sb.ExpectRequests(map[string]int{routeGet: 1}),
				ConfigStateChecks: []statecheck.StateCheck{read.Capture()},
			},
			{
				PreConfig:        sb.Reset,
				ResourceName:     addr,
				ImportState:      true,
				ImportStateKind:  resource.ImportBlockWithResourceIdentity,
				ImportPlanChecks: importChecks,
			},
			{
				PreConfig:         sb.Reset,
				ResourceName:      addr,
				ImportState:       true,
				ImportStateKind:   resource.ImportBlockWithID,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return o + "/" + id, nil },
				ImportPlanChecks:  importChecks,
			},
			{
				// The short id, in the provider's organization.
				PreConfig:         sb.Reset,
				ResourceName:      addr,
				ImportState:       true,
				ImportStateKind:   resource.ImportBlockWithID,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return id, nil },
				ImportPlanChecks:  importChecks,
			},
		},
	})
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
			Config: sb.Config(crawlerConfig + fmt.Sprintf(`
import {
  to       = %s
  identity = { id = %q }
}
`, addr, id)),
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
		return provider + crawlerConfig + fmt.Sprintf(`
import {
  to       = %s
  identity = %s
}
`, addr, identity)
	}
	// The sandbox's Vectorize settings without the default organization.
	noDefault := fmt.Sprintf(`
provider "conduit" {
  vectorize {
    endpoint = %q
    api_key  = %q
  }
}
`, sb.Creds.Blocks(sb.URL)["vectorize"]["endpoint"], sb.Creds.VectorizeKey)
	t.Setenv("VECTORIZE_ORGANIZATION_ID", "")
	t.Setenv("VECTORIZE_ORG", "")
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsIdentity,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      withImport(sb.ProviderConfig(), fmt.Sprintf(`{ organization_id = %q }`, org(sb))),
				PlanOnly:    true,
				ExpectError: acctest.ErrorMatching(`id`, `required`),
			},
			{
				Config:      withImport(sb.ProviderConfig(), `{ id = "" }`),
				PlanOnly:    true,
				ExpectError: acctest.ErrorMatching(`Invalid identity.id`, `identity.id must be a non-empty id without surrounding spaces, got ""`),
			},
			{
				Config:      withImport(sb.ProviderConfig(), `{ id = " 0f8fad5b-d9cb-469f-a165-70867728950e" }`),
				PlanOnly:    true,
				ExpectError: acctest.ErrorMatching(`Invalid identity.id`, `without surrounding spaces`),
			},
			{
				Config:   withImport(noDefault, `{ id = "0f8fad5b-d9cb-469f-a165-70867728950e" }`),
				PlanOnly: true,
				ExpectError: acctest.ErrorMatching(`Missing organization_id`,
					`The import block's identity has no organization_id and the provider has no default for it: set identity.organization_id.`),
			},
		},
	})
	if len(sb.Counts()) != 0 {
		t.Fatalf("a bad identity reached the API: %v", sb.Counts())
	}
}

// TestAccSourceConnector_identityOnRefreshOfOlderState: state written by a
// provider version without identity gains it on the next refresh, with the
// one GET a refresh costs and no change planned; a connector deleted
// outside Terraform meanwhile leaves state on that refresh without the
// framework's "Missing Resource Identity After Read" error.
func TestAccSourceConnector_identityOnRefreshOfOlderState(t *testing.T) {
	acctest.RequireSandbox(t, "out-of-band deletes need the sandbox")
	sb := acctest.StartSandbox(t)
	o := org(sb)
	cfg := sb.Config(crawlerConfig)
	var id string
	older := resource.TestStep{
		ProtoV6ProviderFactories: acctest.ProviderFactoriesWithoutIdentity,
		Config:                   cfg,
		Check:                    func(s *terraform.State) error { id = s.RootModule().Resources[addr].Primary.ID; return nil },
		ConfigStateChecks:        []statecheck.StateCheck{acctest.ExpectNoIdentity(addr)},
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks: acctest.NeedsIdentity,
		Steps: []resource.TestStep{
			older,
			{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				PreConfig:                sb.Reset,
				Config:                   cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					refreshedIdentity(func() map[string]string { return map[string]string{"organization_id": o, "id": id} }),
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
				}},
				Check: sb.ExpectRequests(map[string]int{routeGet: 1}),
			},
			{
				// Older state again, then the connector deleted out of band.
				ProtoV6ProviderFactories: acctest.ProviderFactoriesWithoutIdentity,
				Config:                   sb.Config(""),
			},
			older,
			{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				PreConfig: func() {
					if err := sb.Emulator("vectorize").Delete(o + "/" + id); err != nil {
						t.Fatal(err)
					}
				},
				Config:             cfg,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

// refreshedIdentity is acctest.ExpectRefreshedIdentity with the identity
// known only once an earlier step ran (the server assigns the id).
func refreshedIdentity(want func() map[string]string) plancheck.PlanCheck {
	return lateCheck{want}
}

type lateCheck struct{ want func() map[string]string }

func (c lateCheck) CheckPlan(ctx context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	acctest.ExpectRefreshedIdentity(addr, c.want()).CheckPlan(ctx, req, resp)
}
