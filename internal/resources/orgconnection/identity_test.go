package orgconnection_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
	sbauth0 "github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/auth0"
)

func expectIdentity(org, con string) statecheck.StateCheck {
	return statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{
		"organization_id": str(org),
		"connection_id":   str(con),
	})
}

// TestAccOrgConnection_identity: create sets the identity; an import block
// with `identity = {…}` and one with `id = "…"` both import the state a read
// gives, with one GET each and no mutation.
func TestAccOrgConnection_identity(t *testing.T) {
	acctest.PreCheckVendor(t, acctest.LiveAuth0)
	sb := acctest.StartSandbox(t)
	org, con := ids()
	cfg := sb.Config(config(org, con, `
  organization_connection_name = "Acme staff"
  assign_membership_on_login   = true
  organization_access_level    = "limited"
`))
	read := &acctest.Snapshot{Address: addr}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsIdentity,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: sb.Reset,
				Config:    cfg,
				Check:     sb.ExpectRequests(map[string]int{routeAdd: 1}),
				ConfigStateChecks: []statecheck.StateCheck{
					expectIdentity(org, con),
					statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("organization_id")),
					statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("connection_id")),
				},
			},
			{
				// The state after a read, which every import must give.
				PreConfig:         sb.Reset,
				Config:            cfg,
				Check:             sb.ExpectRequests(map[string]int{routeGet: 1}),
				ConfigStateChecks: []statecheck.StateCheck{read.Capture(), expectIdentity(org, con)},
			},
			{
				// One GET (the import's read), no mutation.
				PreConfig:       sb.Reset,
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					read.ExpectImportedAsState(), sb.ExpectPlanRequests(map[string]int{routeGet: 1}),
				}},
			},
			{
				PreConfig:       sb.Reset,
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   org + ":" + con,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					read.ExpectImportedAsState(), sb.ExpectPlanRequests(map[string]int{routeGet: 1}),
				}},
			},
		},
	})
}

// TestAccOrgConnection_identityImportErrors: an identity that leaves an
// attribute out, or gives an empty one, fails at plan naming it, before any
// request.
func TestAccOrgConnection_identityImportErrors(t *testing.T) {
	acctest.RequireSandbox(t, "request counts need the sandbox")
	sb := acctest.StartSandbox(t)
	withImport := func(identity string) string {
		return sb.Config(config(sbauth0.OrgAcme, sbauth0.ConDatabase, "")) + fmt.Sprintf(`
import {
  to       = %s
  identity = %s
}
`, addr, identity)
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsIdentity,
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      withImport(fmt.Sprintf(`{ organization_id = %q }`, sbauth0.OrgAcme)),
				PlanOnly:    true,
				ExpectError: acctest.ErrorMatching(`connection_id`, `required`),
			},
			{
				Config:      withImport(fmt.Sprintf(`{ organization_id = "", connection_id = %q }`, sbauth0.ConDatabase)),
				PlanOnly:    true,
				ExpectError: acctest.ErrorMatching(`Invalid identity.organization_id`, `identity.organization_id must be a non-empty organization_id`),
			},
			{
				Config:      withImport(fmt.Sprintf(`{ organization_id = %q, connection_id = " con_x" }`, sbauth0.OrgAcme)),
				PlanOnly:    true,
				ExpectError: acctest.ErrorMatching(`Invalid identity.connection_id`, `without surrounding spaces`),
			},
			{
				// Auth0's limit applies to an identity as to an import id.
				Config:   withImport(fmt.Sprintf(`{ organization_id = %q, connection_id = %q }`, strings.Repeat("o", 51), sbauth0.ConDatabase)),
				PlanOnly: true,
				ExpectError: acctest.ErrorMatching("Invalid organization_id",
					"organization_id must be an Auth0 organization id (org_…) of 1 to 50 characters; it has 51."),
			},
		},
	})
	if sb != nil && len(sb.Counts()) != 0 {
		t.Fatalf("a bad identity reached the API: %v", sb.Counts())
	}
}

// TestAccOrgConnection_identityOnRefreshOfOlderState: state written by a
// provider version without identity gains it on the next refresh, with the
// one GET a refresh costs and no change planned; a pair deleted outside
// Terraform meanwhile leaves state on that refresh without the framework's
// "Missing Resource Identity After Read" error. (Steps with their own
// provider factories cannot be RefreshState steps, which would lose the
// provider block: the plan of a Config step refreshes instead.)
func TestAccOrgConnection_identityOnRefreshOfOlderState(t *testing.T) {
	acctest.RequireSandbox(t, "out-of-band deletes need the sandbox")
	sb := acctest.StartSandbox(t)
	org, con := sbauth0.OrgGlobex, sbauth0.ConOkta
	cfg := sb.Config(config(org, con, `show_as_button = false`))
	want := map[string]string{"organization_id": org, "connection_id": con}
	older := resource.TestStep{
		ProtoV6ProviderFactories: acctest.ProviderFactoriesWithoutIdentity,
		Config:                   cfg,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), str(org+":"+con)),
			acctest.ExpectNoIdentity(addr),
		},
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks: acctest.NeedsIdentity,
		Steps: []resource.TestStep{
			older,
			{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				PreConfig:                sb.Reset,
				Config:                   cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						acctest.ExpectRefreshedIdentity(addr, want),
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
					},
				},
				Check:             sb.ExpectRequests(map[string]int{routeGet: 1}),
				ConfigStateChecks: []statecheck.StateCheck{expectIdentity(org, con)},
			},
			{
				// Older state again (destroyed and made by the older
				// version), then the pair deleted out of band.
				ProtoV6ProviderFactories: acctest.ProviderFactoriesWithoutIdentity,
				Config:                   sb.Config(""),
			},
			older,
			{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				PreConfig: func() {
					if err := sb.Emulator("auth0").Delete(org + "/" + con); err != nil {
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
